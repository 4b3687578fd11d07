"""The ordering kind: its examples, its widget restoring them, and what is particular to it."""

from __future__ import annotations

import pytest

from course import kinds

from . import checks

NAME = "ordering"


test_examples_cover_right_wrong_and_invalid, test_example, test_widget_restores_example = checks.tests_for(NAME)


def test_one_swap_of_neighbours_in_five_steps_is_point_eight():
    """Does one swap of neighbours in five steps score exactly 0.8?"""
    item, key = next((item, key) for item, key in checks.items_of(NAME) if len(key) == 5)
    assert kinds.score(item, [key[0], key[2], key[1], *key[3:]], key) == pytest.approx(0.8, abs=1e-12)
