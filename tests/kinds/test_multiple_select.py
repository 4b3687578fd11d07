"""The multiple select kind: its examples, its widget restoring them, and what is particular to it."""

from __future__ import annotations

import pytest

from course import kinds

from . import checks

NAME = "multiple_select"


test_examples_cover_right_wrong_and_invalid, test_example, test_widget_restores_example = checks.tests_for(NAME)


def test_ticks_counted_once_and_unknown_ticks_count_against():
    """Does a repeated tick count once, and an unknown option count as a wrong tick (never as right)?"""
    item, key = next((item, key) for item, key in checks.items_of(NAME) if len(key) >= 2)
    assert kinds.score(item, [key[0], key[0]], key) == pytest.approx(1 / len(key))
    assert kinds.score(item, [*key, "bukan_opsi"], key) == pytest.approx((len(key) - 1) / len(key))
    assert kinds.describe(item, ["bukan_opsi"]) == "(opsi tidak dikenal)"
