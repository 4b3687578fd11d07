"""Multiple select (pilihan ganda kompleks): tick every option that applies. Stored: a list of option ids.

Score: right ticks / right options - wrong ticks / wrong options, floored at 0 (Moodle's weighting of
wrong options). No strategy that ignores the question earns anything: ticking every box scores
1 - 1 = 0 and ticking none scores 0. A tick of an option the item does not have counts as wrong.
Five options, right a b c, wrong d e:

| ticked      | score                  |
|-------------|------------------------|
| a b c       | 1                      |
| a b         | 2/3                    |
| a b c d     | 1 - 1/2 = 0.5          |
| a b d       | 2/3 - 1/2 = 1/6        |
| a d         | 1/3 - 1/2 -> 0         |
| a b c d e   | 1 - 1 = 0              |
| (none)      | 0                      |

A key must name at least one option and leave at least one out (else one strategy would always win).
"""

from __future__ import annotations

from typing import Any

from ._base import Example, Kind, Unreadable, preview, short_text

__all__ = ["MultipleSelect", "score_multiple_select", "UNKNOWN_OPTION"]

UNKNOWN_OPTION = "(opsi tidak dikenal)"
MAX_TICKS = 50


def score_multiple_select(answer: Any, key: list, options: list) -> float:
    """right/|right| - wrong/|wrong options|, floored at 0; ticks count once; anything but a list of texts is 0."""
    if not isinstance(answer, list) or not all(isinstance(choice, str) for choice in answer):
        return 0.0
    chosen, right = set(answer), set(key)
    wrong_options = set(options) - right
    if not right or not wrong_options:
        return 0.0
    wrong = chosen - right
    return max(0.0, len(chosen & right) / len(right) - min(1.0, len(wrong) / len(wrong_options)))


def _partly(stored: list, fraction: float) -> Example:
    return Example("partly_right" if fraction > 0 else "wrong", stored, max(0.0, fraction))


class MultipleSelect(Kind):
    name = "multiple_select"
    minutes = 1.5
    widget = "course.widgets.choice:MultipleSelect"
    board = "shares"
    options_explained = True
    bank_schema = {"required": ["options"]}
    practice_schema = {"required": ["feedback"],
                       "properties": {"key": {"type": "array", "items": {"type": "string"}, "uniqueItems": True}}}

    def key_problem(self, item, key):
        ids = item.choice_ids()
        if isinstance(key, list) and all(isinstance(choice, str) for choice in key) \
                and set(key) <= set(ids) and len(set(key)) == len(key) and 0 < len(key) < len(ids):
            return None
        return f"kunci harus daftar opsi tanpa duplikat dari {ids}, minimal satu dan tidak semuanya"

    def parse(self, item, stored):
        """The ticked ids once each, in the order stored; an unknown id stays (it counts as a wrong tick)."""
        if not isinstance(stored, list) or len(stored) > MAX_TICKS or not all(short_text(tick) for tick in stored):
            raise Unreadable("bukan daftar opsi", preview(stored))
        return list(dict.fromkeys(stored))

    def score(self, item, value, key):
        if item is None:
            raise TypeError("multiple select needs the item: its wrong options weigh each wrong tick")
        return score_multiple_select(value, key, item.choice_ids())

    def parts(self, item, value):
        known = set(item.choice_ids())
        return [item.text_of(choice) if choice in known else UNKNOWN_OPTION for choice in value]

    def describe(self, item, value):
        return "; ".join(self.parts(item, value))

    def reveals_key(self, item, key, text):
        lowered = text.casefold()
        return any(item.text_of(choice).casefold() in lowered for choice in key or [])

    def choices(self, item):
        return item.choice_ids()

    def picks(self, item, value):
        known = set(item.choice_ids())
        return {"": [choice for choice in value if choice in known]}

    def examples(self, item, key):
        wrong = [option for option in item.choice_ids() if option not in key]
        k, w = len(key), len(wrong)
        found = [Example("right", list(key), 1.0, says=tuple(item.text_of(choice) for choice in key)),
                 Example("right", list(reversed(key)), 1.0),
                 Example("right", [*key, key[0]], 1.0),
                 Example("wrong", item.choice_ids(), 0.0),
                 Example("wrong", wrong[:1], 0.0, says=(item.text_of(wrong[0]),)),
                 Example("wrong", [], 0.0),
                 Example("wrong", ["bukan_opsi"], 0.0, says=(UNKNOWN_OPTION,)),
                 _partly([*key, wrong[0]], 1 - 1 / w), _partly([*key, "bukan_opsi"], 1 - 1 / w)]
        if k > 1:
            found += [_partly(key[:-1], (k - 1) / k), _partly([*key[:-1], wrong[0]], (k - 1) / k - 1 / w)]
        found += [Example("invalid", key[0], 0.0), Example("invalid", {choice: True for choice in key}, 0.0),
                  Example("invalid", [[choice] for choice in key], 0.0)]
        return found

    def synthetic(self, item, key, ability, rng):
        """Right with probability ``ability``; otherwise one right tick swapped for a wrong one."""
        if rng.random() < ability:
            return list(key)
        return key[:-1] + [option for option in item.choice_ids() if option not in key][:1]
