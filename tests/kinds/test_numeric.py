"""The numeric kind: its examples, its widget restoring them, and what is particular to it."""

from __future__ import annotations

import pytest

from course import kinds

from . import checks

NAME = "numeric"


test_examples_cover_right_wrong_and_invalid, test_example, test_widget_restores_example = checks.tests_for(NAME)


@pytest.mark.parametrize("stored", [10**400, -(10**400), 10**16, float("nan"), float("inf")])
def test_numbers_out_of_range_are_unreadable(stored):
    """Is a number no one can type (huge, NaN, infinite) unreadable, scored 0 and described without error?"""
    item, key = checks.items_of(NAME)[0]
    assert isinstance(kinds.parse(item, stored), kinds.Unreadable)
    assert kinds.score(item, stored, key) == 0.0
    assert kinds.describe(item, stored) == "(angka tidak wajar)"
