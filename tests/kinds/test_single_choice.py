"""The single choice kind: its examples, its widget restoring them, and what is particular to it."""

from __future__ import annotations


from course import kinds

from . import checks

NAME = "single_choice"


test_examples_cover_right_wrong_and_invalid, test_example, test_widget_restores_example = checks.tests_for(NAME)


def test_unknown_option_is_unreadable_and_scores_zero():
    """Is an option id the item does not have read as no answer, not as a choice?"""
    item, key = checks.items_of(NAME)[0]
    assert isinstance(kinds.parse(item, "=HYPERLINK(1)"), kinds.Unreadable)
    assert kinds.score(item, "=HYPERLINK(1)", key) == 0.0
