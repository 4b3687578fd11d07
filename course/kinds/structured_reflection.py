"""Structured reflection: one text per labelled part (e.g. problem, cause, follow-up), read by the instructor.

Stored: {field id: text}.
"""

from __future__ import annotations

from ._base import Example, Kind, Unreadable, preview
from .reflection import MAX_REFLECTION, SAMPLE_REFLECTION, reflection_text

__all__ = ["StructuredReflection"]


class StructuredReflection(Kind):
    name = "structured_reflection"
    minutes = 2.0
    minutes_per_entry = 1.0
    auto_graded = False
    label = "tag_reflection"
    widget = "course.widgets.structured:StructuredReflection"
    board = "fields"
    bank_schema = {"required": ["fields"]}

    def parse(self, item, stored):
        """A text for every field of the item ("" where none was stored); unknown fields are dropped."""
        if not isinstance(stored, dict):
            raise Unreadable("bukan isian per bagian", preview(stored))
        texts = {}
        for field in item.fields:
            text = stored.get(field["id"])
            texts[field["id"]] = text[:MAX_REFLECTION] if isinstance(text, str) else ""
        return texts

    def describe(self, item, value):
        return "\n\n".join(f"{field['text']}:\n{value[field['id']]}" for field in item.fields)

    def examples(self, item, key):
        first = item.fields[0]
        return [
            Example("right", {field["id"]: SAMPLE_REFLECTION for field in item.fields},
                    says=(f"{first['text']}:\n{SAMPLE_REFLECTION}",)),
            Example("partly_right", {first["id"]: "Hanya satu bagian.", "bukan_bagian": "x"},
                    says=("Hanya satu bagian.",)),
            Example("wrong", {}, says=(f"{first['text']}:",)),
            Example("invalid", "satu teks saja", says=("satu teks saja",)),
            Example("invalid", [SAMPLE_REFLECTION]),
        ]

    def synthetic(self, item, key, ability, rng):
        return {field["id"]: reflection_text(ability) for field in item.fields}
