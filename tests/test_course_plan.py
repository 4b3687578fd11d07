"""The course as a whole: banks agree with notebooks, pre- and post-test pair up, every objective is assessed."""

from __future__ import annotations

import re
from collections import Counter

import nbformat
import pytest

from course.bank import all_banks

from .answers import keys_of, source_of
from .conftest import ASSIGNMENTS

OBJECTIVES = ("T1", "T2", "T3", "T4", "T5")
SUB_MODULES = [assignment for assignment in ASSIGNMENTS if assignment[2] in "12345"]


def bank_of(assignment: str):
    return all_banks()[assignment.split("_", 1)[0]]


def notebook_of(assignment: str):
    return nbformat.read(source_of(assignment), as_version=4)


def graded(assignment: str) -> list:
    return [item for item in bank_of(assignment) if not item.is_practice]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_notebook_shows_every_bank_item_once_in_bank_order(assignment):
    """Does the notebook put every item of its bank on the page, once, in the bank's order?"""
    shown = re.findall(r'^show\("([^"]+)"\)', "\n".join(
        cell.source for cell in notebook_of(assignment).cells if cell.cell_type == "code"), flags=re.M)
    assert shown == list(bank_of(assignment).items)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_auto_graded_item_has_one_hidden_test_worth_its_bank_points(assignment):
    """Is each keyed graded item tested exactly once, with the points the bank (and the participant) sees?"""
    keys = keys_of(assignment)
    auto = {item.id: item.points for item in graded(assignment) if not item.is_manual}
    assert {item_id: entry["points"] for item_id, entry in keys.items()} == auto
    cells = {cell.metadata["nbgrader"]["grade_id"]: cell for cell in notebook_of(assignment).cells}
    for item_id, points in auto.items():
        test_cell = next(cell for grade_id, cell in cells.items() if grade_id.endswith("nilai_" + item_id.split(".")[1]))
        assert test_cell.metadata["nbgrader"]["points"] == points


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_hand_marked_items_have_a_task_cell_worth_their_points(assignment):
    """Does every graded reflection carry an nbgrader task cell with its points, and nothing else?"""
    tasks = sorted(cell.metadata["nbgrader"]["points"] for cell in notebook_of(assignment).cells
                   if cell.metadata["nbgrader"].get("task"))
    assert tasks == sorted(item.points for item in graded(assignment) if item.is_manual)


def test_post_test_items_are_twins_of_pre_test_items():
    """Does each post-test item pair with exactly one pre-test item of the same objective, kind and points?"""
    pre = {item.id: item for item in graded("sm0_orientasi")}
    post = graded("sm6_evaluasi")
    assert len(pre) >= 10 and len(post) == len(pre)
    assert sorted(item.twin for item in post) == sorted(pre)
    for item in post:
        twin = pre[item.twin]
        assert (item.objective, item.kind, item.points) == (twin.objective, twin.kind, twin.points), item.id
        assert item.prompt != twin.prompt


@pytest.mark.parametrize("assignment", ["sm0_orientasi", "sm6_evaluasi"])
def test_tests_measure_every_objective_at_least_twice(assignment):
    """Do the pre- and post-test have at least two graded items per learning objective?"""
    counts = Counter(item.objective for item in graded(assignment))
    assert all(counts[objective] >= 2 for objective in OBJECTIVES), counts


def test_every_objective_has_at_least_four_graded_items_across_the_course():
    """Is every learning objective T1-T5 assessed by at least four graded items so far?"""
    counts = Counter(item.objective for assignment in ASSIGNMENTS for item in graded(assignment))
    assert all(counts[objective] >= 4 for objective in OBJECTIVES), counts


def test_only_the_post_test_declares_twins():
    """Is the pairing kept in one place (the post-test bank), so it cannot disagree with itself?"""
    for assignment in ASSIGNMENTS:
        declared = [item.id for item in bank_of(assignment) if item.twin]
        assert not declared or assignment == "sm6_evaluasi", declared


@pytest.mark.parametrize("assignment", SUB_MODULES)
def test_sub_module_is_a_90_minute_session_with_objectives_summary_and_references(assignment):
    """Does each sub-module state its objectives, a 90-minute plan, a summary and its references?"""
    text = "\n".join(cell.source for cell in notebook_of(assignment).cells if cell.cell_type == "markdown")
    for heading in ("## Tujuan pembelajaran", "## Alur sesi (90 menit)", "### Ringkasan", "## Rujukan"):
        assert heading in text, heading
    plan = text.split("## Alur sesi (90 menit)", 1)[1].split("\n\n", 2)[1]
    assert sum(int(minutes) for minutes in re.findall(r"\|\s*(\d+) menit\s*\|", plan)) == 90


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_notebook_ends_with_how_to_submit_this_assignment(assignment):
    """Does the last cell tell the participant how to submit this very assignment?"""
    last = notebook_of(assignment).cells[-1].source
    assert "Assignments" in last and assignment in last
