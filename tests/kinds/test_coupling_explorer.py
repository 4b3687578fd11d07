"""The coupling explorer kind: its examples, its widget restoring them, and what is particular to it."""

from __future__ import annotations


from course import kinds

from . import checks

NAME = "coupling_explorer"


test_examples_cover_right_wrong_and_invalid, test_example, test_widget_restores_example = checks.tests_for(NAME)


def test_missing_scores_take_the_starting_value():
    """Does a dimension without a valid score read as its starting score (what the slider showed)?"""
    from course.kinds.coupling_explorer import dimensions

    item, _key = checks.items_of(NAME)[0]
    _titles, defaults = dimensions()
    assert kinds.parse(item, {"assets": {}})["assets"] == defaults
