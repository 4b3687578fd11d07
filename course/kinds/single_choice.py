"""Single choice: one option of several (radio buttons). Stored: the option's id."""

from __future__ import annotations

from typing import Any

from ._base import Example, Kind, Unreadable, preview, short_text

__all__ = ["SingleChoice", "score_single_choice"]


def score_single_choice(answer: Any, key: str) -> float:
    """1 for the key's option, else 0."""
    return 1.0 if isinstance(answer, str) and answer == key else 0.0


class SingleChoice(Kind):
    name = "single_choice"
    widget = "course.widgets.choice:SingleChoice"
    board = "shares"
    one_option_key = True
    options_explained = True
    bank_schema = {"required": ["options"]}
    practice_schema = {"required": ["feedback"], "properties": {"key": {"type": "string"}}}

    def key_problem(self, item, key):
        ids = item.choice_ids()
        return None if isinstance(key, str) and key in ids else f"kunci {key!r} bukan salah satu opsi {ids}"

    def parse(self, item, stored):
        if not short_text(stored) or stored not in item.choice_ids():
            raise Unreadable("bukan salah satu opsi soal ini", preview(stored))
        return stored

    def score(self, item, value, key):
        return score_single_choice(value, key)

    def describe(self, item, value):
        return item.text_of(value)

    def reveals_key(self, item, key, text):
        return isinstance(key, str) and item.text_of(key).casefold() in text.casefold()

    def choices(self, item):
        return item.choice_ids()

    def picks(self, item, value):
        return {"": [value]}

    def examples(self, item, key):
        others = [option for option in item.choice_ids() if option != key]
        return [
            Example("right", key, 1.0, says=(item.text_of(key),)),
            *[Example("wrong", option, 0.0, says=(item.text_of(option),)) for option in others],
            Example("invalid", "bukan_opsi", 0.0),
            Example("invalid", [key], 0.0),
            Example("invalid", 42, 0.0),
        ]
