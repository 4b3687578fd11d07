"""Multiple select (pilihan ganda kompleks): tick every option that applies. Stored: a list of option ids.

Score: (right ticks - wrong ticks) / number of right options, floored at 0.
"""

from __future__ import annotations

from typing import Any

from ._base import Example, Kind, Unreadable, preview, short_text

__all__ = ["MultipleSelect", "score_multiple_select", "UNKNOWN_OPTION"]

UNKNOWN_OPTION = "(opsi tidak dikenal)"
MAX_TICKS = 50


def score_multiple_select(answer: Any, key: list) -> float:
    """(right - wrong) / |key|, floored at 0; duplicates count once; anything but a list of texts scores 0."""
    if not isinstance(answer, list) or not all(isinstance(choice, str) for choice in answer):
        return 0.0
    chosen, right = set(answer), set(key)
    if not right:
        return 1.0 if not chosen else 0.0
    return max(0.0, (len(chosen & right) - len(chosen - right)) / len(right))


class MultipleSelect(Kind):
    name = "multiple_select"
    widget = "course.widgets.choice:MultipleSelect"
    bank_schema = {"required": ["options"]}
    practice_schema = {"required": ["feedback"],
                       "properties": {"key": {"type": "array", "items": {"type": "string"}, "uniqueItems": True}}}

    def key_problem(self, item, key):
        ids = item.choice_ids()
        if isinstance(key, list) and all(isinstance(choice, str) for choice in key) \
                and set(key) <= set(ids) and len(set(key)) == len(key):
            return None
        return f"kunci harus daftar opsi tanpa duplikat dari {ids}"

    def parse(self, item, stored):
        """The ticked ids once each, in the order stored; an unknown id stays (it counts as a wrong tick)."""
        if not isinstance(stored, list) or len(stored) > MAX_TICKS or not all(short_text(tick) for tick in stored):
            raise Unreadable("bukan daftar opsi", preview(stored))
        return list(dict.fromkeys(stored))

    def score(self, value, key):
        return score_multiple_select(value, key)

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
        found = [Example("right", list(key), 1.0, says=tuple(item.text_of(choice) for choice in key)),
                 Example("right", list(reversed(key)), 1.0)]
        if len(key) > 1:
            found.append(Example("partly_right", key[:-1], (len(key) - 1) / len(key)))
            found.append(Example("partly_right", [*key[:-1], key[0]], (len(key) - 1) / len(key)))
        if wrong:
            found.append(Example("wrong", wrong[:1], 0.0, says=(item.text_of(wrong[0]),)))
            found.append(Example("wrong", [*key[:1], *wrong[:1]], 0.0))
        found += [Example("wrong", [], 0.0), Example("wrong", ["bukan_opsi"], 0.0, says=(UNKNOWN_OPTION,)),
                  Example("invalid", key[0], 0.0), Example("invalid", {choice: True for choice in key}, 0.0),
                  Example("invalid", [[choice] for choice in key], 0.0)]
        return found

    def synthetic(self, item, key, ability, rng):
        """Right with probability ``ability``; otherwise one right tick swapped for a wrong one."""
        if rng.random() < ability:
            return list(key)
        return key[:-1] + [option for option in item.choice_ids() if option not in key][:1]
