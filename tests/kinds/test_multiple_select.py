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
    wrong_options = len(item.choice_ids()) - len(key)
    assert kinds.score(item, [key[0], key[0]], key) == pytest.approx(1 / len(key))
    assert kinds.score(item, [*key, "bukan_opsi"], key) == pytest.approx(1 - 1 / wrong_options)
    assert kinds.describe(item, ["bukan_opsi"]) == "(opsi tidak dikenal)"


@pytest.mark.parametrize("item, key", checks.items_of(NAME), ids=[item.id for item, _key in checks.items_of(NAME)])
def test_strategies_that_ignore_the_question_earn_nothing(item, key):
    """Do ticking every box and ticking none both score 0 on every installed item?"""
    assert kinds.score(item, item.choice_ids(), key) == 0.0
    assert kinds.score(item, [], key) == 0.0


def test_a_key_of_every_option_or_none_is_refused():
    """Is a key that makes one strategy always right (every option, or none) refused?"""
    item, _key = checks.items_of(NAME)[0]
    assert kinds.key_problem(item, item.choice_ids())
    assert kinds.key_problem(item, [])
