"""The structured reflection kind: its examples, its widget restoring them, and what is particular to it."""

from __future__ import annotations


from course import kinds

from . import checks

NAME = "structured_reflection"


test_examples_cover_right_wrong_and_invalid, test_example, test_widget_restores_example = checks.tests_for(NAME)


def test_every_field_is_described_even_when_empty():
    """Does the description name every part, with what was written under it?"""
    item, _key = checks.items_of(NAME)[0]
    text = kinds.describe(item, {item.fields[0]["id"]: "Isi pertama"})
    assert all(field["text"] in text for field in item.fields) and "Isi pertama" in text
