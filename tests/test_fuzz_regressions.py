"""Regressions found by the pipeline fuzzer (test_fuzz_pipeline.py), each one submission of sm1_diplomasi.

Every submission stores the perfect answers, so each must be graded, and score full marks (20): damage to
a notebook's cells, metadata or order must never cost or earn points.
"""

from __future__ import annotations

import copy
import json

import nbformat
import pytest
from nbgrader.api import Gradebook

from course.instructor.grading import grade_jobs

from .answers import keys_of, perfect_answers
from .conftest import make_course, nbgrader
from .test_fuzz_pipeline import RELEASED, Participant, submit

pytestmark = pytest.mark.pipeline

ASSIGNMENT = "sm1_diplomasi"
FULL_MARKS = sum(entry["points"] for entry in keys_of(ASSIGNMENT).values())

SETUP, TEXT, QUESTION, TEST, TASK = 0, 1, 11, 12, 42  # c001_persiapan, c002_teks, c012_soal_, c013_nilai_, c043_tugas_
CASES = {
    # a copied text cell kept its nbgrader metadata: DeduplicateIds emptied it to {} and the whole notebook was
    # refused ("old version of the nbgrader metadata format")
    "duplicated_text_cell": [("duplicate", TEXT, TEXT + 1)],
    "duplicated_task_cell": [("duplicate", TASK, TASK)],
    "emptied_nbgrader_metadata": [("nbgrader_replace", TEXT, {})],
    "nbgrader_metadata_not_a_dict": [("nbgrader_replace", TEST, "x")],
    # grading flags are not restored by OverwriteCells: a test cell that is no longer a grade cell scored nothing,
    # a question cell that became one crashed the grading (it has no grade entry)
    "test_cell_not_graded": [("nbgrader_field", TEST, "grade", False, 0)],
    "question_cell_graded": [("nbgrader_field", QUESTION, "grade", True, 0),
                             ("nbgrader_field", QUESTION, "points", 100, 0)],
    "test_cell_points_garbage": [("nbgrader_field", TEST, "points", "x", 0)],
    "test_cell_solution": [("nbgrader_field", TEST, "solution", True, 0)],
    "text_cell_task": [("nbgrader_field", TEXT, "task", True, 0)],
    "schema_version_garbage": [("nbgrader_field", TEXT, "schema_version", "3", 0)],
    "locked_dropped": [("nbgrader_drop_field", TEXT, "locked")],
    "grade_id_garbage": [("nbgrader_field", TEST, "grade_id", 7, 0)],
    "test_cell_raw_with_outputs": [("cell_type", TEST, "raw", False)],
    "text_cell_code": [("cell_type", TEXT, "code", True)],
    # readable by nbformat but against its schema: nbconvert refused the notebook after the first preprocessor
    "tags_not_a_list": [("tags", TEST, 5)],
    "tags_not_text": [("tags", TEXT, [1, "skip-execution"])],
    "tags_empty_comma_repeated": [("tags", TEST, ["", "a,b", "skip-execution", "skip-execution"])],
    "kernelspec_not_an_object": [("notebook_metadata", "kernelspec", "x")],
    "language_info_empty": [("notebook_metadata", "language_info", {})],
    "execution_count_text": [("cell_field", SETUP, "execution_count", "x")],
    "outputs_missing": [("cell_field_drop", TEST, "outputs")],
    "cell_id_invalid": [("cell_field", TEXT, "id", "a b/c")],
    "unknown_cell_type": [("cell_field", TEST, "cell_type", "x")],
    "cell_without_source": [("cell_field_drop", TEST, "source")],
    "source_not_text": [("cell_field", SETUP, "source", 5)],
    # order: a test cell that runs before the setup cell has no `grade` to call
    "setup_cell_last": [("move", SETUP, 10_000)],
    "shuffled": [("shuffle", 14548)],
    "forged_code_as_text_cell": [("forge_cell", TEXT, "monkeypatch", "markdown_cell")],
    # files beside the notebook: a folder named course/ (any file in it) made `import course` find that folder
    "folder_named_course": [("extra_files", "course_folder")],
    "forged_course_package": [("extra_files", "course_package")],
}


def _submit(course, student: str, mutations: list) -> None:
    submit(course, Participant(student, ASSIGNMENT, mutations, ("json", perfect_answers(ASSIGNMENT))))


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The course and {student: grading message}; each case is graded on its own, as ``kursus autograde`` does."""
    course = make_course(tmp_path_factory.mktemp("fuzz_regressions"), [ASSIGNMENT])
    nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    for student, mutations in CASES.items():
        _submit(course, student, mutations)
    results = grade_jobs(course, [(ASSIGNMENT, student) for student in CASES], workers=2, retries=0, progress=False)
    return course, {result.student: result.message for result in results}


@pytest.mark.parametrize("student", CASES)
def test_damaged_notebook_is_graded_as_its_answers_deserve(graded, student):
    """Is a notebook with damaged cell metadata, types or order graded, and scored exactly what its answers deserve?"""
    course, messages = graded
    assert (course / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file(), messages[student]
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, student)
        scores = {grade.name: grade.auto_score for grade in submission.grades if grade.cell_type == "code"}
    assert sum(score or 0 for score in scores.values()) == pytest.approx(FULL_MARKS), scores


def test_grading_keeps_the_source_order(graded):
    """Are the cells of a shuffled notebook graded in the order of the source?"""
    course, _messages = graded
    notebook = nbformat.read(course / "autograded" / "shuffled" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    names = [cell.metadata.get("nbgrader", {}).get("grade_id") for cell in notebook.cells]
    assert [name for name in names if name] == sorted(name for name in names if name)


def test_one_damaged_notebook_does_not_stop_stock_autograde(tmp_path):
    """Does the stock ``nbgrader autograde`` run still grade everyone after a participant whose copied text cell
    used to abort the whole run (SchemaTooOldError is re-raised by nbgrader, not counted as one failure)?"""
    course = make_course(tmp_path, [ASSIGNMENT])
    nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    _submit(course, "a_copied_cell", CASES["duplicated_text_cell"])
    _submit(course, "b_honest", [])
    result = nbgrader(course, "autograde", ASSIGNMENT, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (course / "autograded" / "b_honest" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file()



ODD_BUT_READABLE = {
    # nbformat reads each of these (it only logs that the notebook is invalid); autograde now repairs them
    "nbgrader_metadata_text": [("nbgrader_replace", TEXT, "x")],
    "nbgrader_metadata_list": [("nbgrader_replace", TEXT, [])],
    "nbgrader_metadata_number": [("nbgrader_replace", TEXT, 1)],
    "nbgrader_metadata_null": [("nbgrader_replace", TEXT, None)],
    "cell_without_source": [("cell_field_drop", TEXT, "source")],
    "source_not_text": [("cell_field", TEXT, "source", 5)],
    "code_cell_without_outputs": [("cell_field_drop", SETUP, "outputs"), ("delete", TEST)],
}


@pytest.mark.parametrize("case", ODD_BUT_READABLE)
def test_audit_and_repair_read_an_odd_but_readable_notebook(tmp_path, case):
    """Do audit (notebook_findings) and repair read a submitted notebook that nbformat reads but that breaks its
    schema, without raising?  Found by the fuzzer; fails until course/instructor/audit.py and repair.py read
    cells defensively (grade id of non-dict nbgrader metadata, a cell without source or with a number as
    source, writing a code cell without outputs)."""
    from course.instructor.audit import notebook_findings
    from course.instructor.repair import repair_assignment

    (tmp_path / "release" / ASSIGNMENT).mkdir(parents=True)
    (tmp_path / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").write_text(json.dumps(RELEASED[ASSIGNMENT]))
    _submit(tmp_path, "peserta", ODD_BUT_READABLE[case])
    path = tmp_path / "submitted" / "peserta" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    notebook_findings(nbformat.from_dict(copy.deepcopy(RELEASED[ASSIGNMENT])), path)
    repair_assignment(tmp_path, ASSIGNMENT)
