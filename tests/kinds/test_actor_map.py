"""The actor map kind: its examples, its widget restoring them, and what is particular to it."""

from __future__ import annotations


from course import kinds

from . import checks

NAME = "actor_map"


test_examples_cover_right_wrong_and_invalid, test_example, test_widget_restores_example = checks.tests_for(NAME)


def test_rows_beyond_the_limit_are_dropped():
    """Are rows past the item's limit dropped when the answer is read?"""
    item, _key = checks.items_of(NAME)[0]
    rows = [{"name": f"Aktor {n}", "category": "", "influence": 3, "interest": 3} for n in range(item.max_rows + 5)]
    assert len(kinds.parse(item, rows)) == item.max_rows
