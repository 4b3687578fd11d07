"""The classification kind: its examples, its widget restoring them, and what is particular to it."""

from __future__ import annotations


from course import kinds

from . import checks

NAME = "classification"


test_examples_cover_right_wrong_and_invalid, test_example, test_widget_restores_example = checks.tests_for(NAME)


def test_only_known_entries_and_categories_are_kept():
    """Are entries the item lacks, and categories it lacks, dropped when the answer is read?"""
    item, key = checks.items_of(NAME)[0]
    entry = next(iter(key))
    parsed = kinds.parse(item, {entry: key[entry], "asing": key[entry], item.choice_ids()[-1]: "asing"})
    assert parsed == {entry: key[entry]}
