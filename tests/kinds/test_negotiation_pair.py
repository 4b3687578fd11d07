"""The negotiation pair kind: its examples, its widget restoring them, and what is particular to it."""

from __future__ import annotations


from course import kinds

from . import checks

NAME = "negotiation_pair"


test_examples_cover_right_wrong_and_invalid, test_example, test_widget_restores_example = checks.tests_for(NAME)


def test_a_deal_without_a_full_package_is_not_a_deal():
    """Is "deal" with a missing or unknown package read as not entered yet (so the debrief does not count it)?"""
    item, _key = checks.items_of(NAME)[0]
    value = kinds.parse(item, {"team": "marvel", "scenario": "pembangunan", "result": "deal", "package": {"x": "y"}})
    assert value["result"] is None and value["package"] is None
