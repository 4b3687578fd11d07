"""The short text kind: its examples, its widget restoring them, and what is particular to it."""

from __future__ import annotations


from course import kinds

from . import checks

NAME = "short_text"


test_examples_cover_right_wrong_and_invalid, test_example, test_widget_restores_example = checks.tests_for(NAME)


def test_case_accents_and_punctuation_are_ignored():
    """Is an accepted variant right whatever its case, accents and punctuation?"""
    item, key = checks.items_of(NAME)[0]
    first = key["accepted"][0]
    assert kinds.score(item, f"\u201c{first.upper()}!\u201d", key) == 1.0
