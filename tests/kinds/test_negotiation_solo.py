"""The negotiation solo kind: its examples, its widget restoring them, and what is particular to it."""

from __future__ import annotations


from course import kinds

from . import checks

NAME = "negotiation_solo"


test_examples_cover_right_wrong_and_invalid, test_example, test_widget_restores_example = checks.tests_for(NAME)


def test_history_stops_at_the_first_broken_offer():
    """Are stored rounds read up to the first offer that is not a full package of known options?"""
    from course.negotiation import best_joint, load_scenarios

    item, _key = checks.items_of(NAME)[0]
    scene = next(iter(load_scenarios().values()))
    good = {"offer": best_joint(scene), "accepted_counter": False}
    value = kinds.parse(item, {"scenario": scene.id, "history": [good, {"offer": {"a": "b"}}, good]})
    assert len(value["history"]) == 1
