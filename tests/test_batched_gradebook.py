"""The grading worker's batched gradebook steps (course/instructor/batched_gradebook.py) write what nbgrader writes."""

from __future__ import annotations

import shutil

import nbformat
import pytest
from nbgrader.api import Gradebook

from course.instructor.grading import autograde, build

from .answers import partial_answers, perfect_answers
from .conftest import make_course, nbgrader, submit

pytestmark = pytest.mark.pipeline
ASSIGNMENT = "sm1_diplomasi"


def _graded_cells(notebook):
    return [cell for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("grade")]


def _hostile(notebook):
    """Everything OverwriteCells and SaveAutoGrades must undo or refuse, in one notebook."""
    graded = _graded_cells(notebook)
    graded[0].metadata["nbgrader"]["points"] = 99                   # points raised
    graded[1].source = "assert True"                                 # a locked test cell rewritten
    graded[2].cell_type = "markdown"                                 # a test cell turned into text
    graded[2].pop("outputs", None), graded[2].pop("execution_count", None)
    notebook.cells.remove(graded[3])                                 # a test cell deleted
    notebook.cells.insert(2, nbformat.v4.new_code_cell("x = 1", metadata={"nbgrader": {  # an id nbgrader never made
        "grade": True, "grade_id": "c999_tidak_ada", "locked": False, "points": 5, "schema_version": 3,
        "solution": False, "task": False}}))


SUBMISSIONS = {"sempurna": (perfect_answers(ASSIGNMENT), None), "sebagian": (partial_answers(ASSIGNMENT)[0], None),
               "nakal": (perfect_answers(ASSIGNMENT), _hostile), "kosong": ({}, None)}


def _course(folder):
    course = make_course(folder, [ASSIGNMENT])
    build(course, [ASSIGNMENT])
    for student, (answers, edit) in SUBMISSIONS.items():
        submit(course, ASSIGNMENT, student, answers, edit)
    return course


def _gradebook(course, students=tuple(SUBMISSIONS)) -> dict:
    """Every grade and comment row of these submissions, as nbgrader stored it."""
    rows = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for student in students:
            notebook = gradebook.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, student)
            for grade in notebook.grades:
                rows[student, "grade", grade.name] = (grade.auto_score, grade.manual_score, grade.needs_manual_grade)
            for comment in notebook.comments:
                rows[student, "comment", comment.name] = (comment.auto_comment, comment.manual_comment)
    return rows


def _autograded_cells(course) -> dict:
    """The cells of every autograded notebook: type, source and nbgrader metadata (what OverwriteCells restored)."""
    return {student: [(cell.cell_type, cell.source, cell.metadata.get("nbgrader"))
                      for cell in nbformat.read(course / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb",
                                                as_version=4).cells]
            for student in SUBMISSIONS}


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """The same submissions graded by stock ``nbgrader autograde`` and by the course's worker."""
    stock = _course(tmp_path_factory.mktemp("stok") / "kursus")
    worker = tmp_path_factory.mktemp("pekerja") / "kursus"
    shutil.copytree(stock, worker)
    nbgrader(stock, "autograde", ASSIGNMENT, "--force")
    results = autograde(worker, ASSIGNMENT, workers=1, progress=False)
    assert all(result.ok for result in results), results
    return stock, worker


def test_the_worker_stores_every_grade_and_comment_exactly_as_stock_nbgrader(both):
    """Same auto score, manual score, review flag and comment in every row, hostile notebook included?"""
    stock, worker = both
    expected = _gradebook(stock)
    assert expected[("nakal", "grade", _graded_id(stock, 0))][0] is not None
    assert _gradebook(worker) == expected


def test_the_worker_restores_hostile_cells_exactly_as_stock_nbgrader(both):
    """Same cells after grading: points, locked source and cell type put back, the unknown id stripped?"""
    stock, worker = both
    expected = _autograded_cells(stock)
    restored = {cell[2]["grade_id"]: cell for cell in expected["nakal"] if cell[2] and "grade_id" in cell[2]}
    assert restored[_graded_id(stock, 0)][2]["points"] != 99
    assert "c999_tidak_ada" not in restored
    assert _autograded_cells(worker) == expected


def _graded_id(course, index):
    notebook = nbformat.read(course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    return _graded_cells(notebook)[index].metadata["nbgrader"]["grade_id"]


def test_a_failure_part_way_through_saves_no_grade_of_that_notebook(tmp_path, monkeypatch):
    """SaveAutoGrades' rows are written in one commit: an error on a later cell leaves the earlier ones unsaved."""
    from nbgrader import utils
    from nbgrader.preprocessors import saveautogrades

    from course.instructor.batched_gradebook import BatchedSaveAutoGrades

    course = _course(tmp_path / "kursus")
    nbgrader(course, "autograde", ASSIGNMENT, "--force", "--student", "sempurna")
    url = f"sqlite:///{course / 'gradebook.db'}"
    before = _gradebook(course, ["sempurna"])
    notebook = nbformat.read(course / "autograded" / "sempurna" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    for cell in _graded_cells(notebook):
        cell.outputs = [nbformat.v4.new_output("error", ename="AssertionError", evalue="", traceback=[])]
    scored, determine_grade = [], utils.determine_grade

    def fails_on_the_third(cell, log=None):
        scored.append(cell)
        if len(scored) == 3:
            raise RuntimeError("boom")
        return determine_grade(cell, log)

    monkeypatch.setattr(saveautogrades.utils, "determine_grade", fails_on_the_third)
    resources = {"nbgrader": {"notebook": ASSIGNMENT, "assignment": ASSIGNMENT, "student": "sempurna", "db_url": url}}
    with pytest.raises(RuntimeError, match="boom"):
        BatchedSaveAutoGrades().preprocess(notebook, resources)
    assert len(scored) == 3
    assert _gradebook(course, ["sempurna"]) == before
