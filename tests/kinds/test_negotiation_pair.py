"""The negotiation pair kind: its examples, its widget restoring them, and what is particular to it."""

from __future__ import annotations

import pytest

from course import kinds

from . import checks

NAME = "negotiation_pair"


test_examples_cover_right_wrong_and_invalid, test_example, test_widget_restores_example = checks.tests_for(NAME)


def test_a_deal_without_a_full_package_is_not_a_deal():
    """Is "deal" with a missing or unknown package read as not entered yet (so the debrief does not count it)?"""
    item, _key = checks.items_of(NAME)[0]
    value = kinds.parse(item, {"team": "marvel", "scenario": "pembangunan", "result": "deal", "package": {"x": "y"}})
    assert value["result"] is None and value["package"] is None


@pytest.mark.parametrize("stored, code", [
    ("A1", "A1"), (" meja-3 ", "MEJA-3"), ("b-12", "B-12"), ("ABCDEFGHIJKL", "ABCDEFGHIJKL"),
    ("ABCDEFGHIJKLM", None), ("meja 3", None), ("", None), ("   ", None), ("A_1", None), ("\u0661\u0662", None),
    ("A1\n", "A1"), (12, None), (["A1"], None), (None, None), ("x" * 10_000, None),
])
def test_the_pair_code_is_normalised_or_dropped(stored, code):
    """Is the pair code stripped and upper-cased, and anything but 1-12 of A-Z, 0-9 and "-" read as no code?"""
    item, _key = checks.items_of(NAME)[0]
    value = kinds.parse(item, {"team": "marvel", "scenario": "pembangunan", "result": "no_deal", "pair": stored})
    assert value["pair"] == code and value["result"] == "no_deal"
    assert kinds.parse(item, value) == value


def test_an_answer_saved_before_the_pair_code_is_still_read():
    """Does an answer without "pair" (saved before the code existed) keep its outcome, with no code?"""
    item, _key = checks.items_of(NAME)[0]
    value = kinds.parse(item, {"team": "batman", "scenario": "pembangunan", "result": "no_deal", "package": None})
    assert value == {"team": "batman", "scenario": "pembangunan", "result": "no_deal", "package": None, "pair": None}
    assert "kode" not in kinds.describe(item, value)
