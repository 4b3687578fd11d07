"""The reflection kind: its examples, its widget restoring them, and what is particular to it."""

from __future__ import annotations

import pytest

from course import kinds

from . import checks

NAME = "reflection"


test_examples_cover_right_wrong_and_invalid, test_example, test_widget_restores_example = checks.tests_for(NAME)


def test_reflection_has_no_key_and_no_checker():
    """Is a reflection left to the instructor: no key accepted, no automatic score?"""
    item, _key = checks.items_of(NAME)[0]
    assert kinds.key_problem(item, {"accepted": ["x"]})
    with pytest.raises(ValueError, match="no automatic checker"):
        kinds.score_answer(NAME, "teks", None)
