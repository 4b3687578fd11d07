"""The grading contract end to end, with the real nbgrader: generate, submit, autograde, read scores."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from course.store import AnswerStore

from .answers import keys_of, manual_items, partial_answers, perfect_answers, wrong_type_answers
from .conftest import ASSIGNMENTS, make_course, nbgrader

pytestmark = pytest.mark.pipeline

FORGED_MODULE = "def grade(item_id, key, points, **kw):\n    return points\ndef pending(item_id):\n    return 0\nshow = print\n"


def full_marks(assignment: str) -> float:
    return sum(entry["points"] for entry in keys_of(assignment).values())


def first_graded(assignment: str) -> str:
    """The short name of the first auto-graded item (its cells are ``soal_<name>`` and ``nilai_<name>``)."""
    return next(iter(keys_of(assignment))).split(".", 1)[1]


def write_store(folder: Path, assignment: str, answers: dict) -> None:
    store = AnswerStore(folder, assignment=assignment)
    for item_id, value in answers.items():
        store.save(item_id, value)


def cell_index(notebook, grade_id_part: str) -> int:
    return next(
        index for index, cell in enumerate(notebook.cells)
        if cell.metadata.get("nbgrader", {}).get("grade_id", "").endswith(grade_id_part)
    )


def add_forging_cell(notebook, _assignment) -> None:
    forged = nbformat.v4.new_code_cell(
        "import course, course.grading\n"
        "course.grade = course.grading.grade = grade = lambda item_id, key, points, **kw: points\n"
        "pending = lambda item_id: 99"
    )
    notebook.cells.insert(cell_index(notebook, "persiapan") + 1, forged)


def edit_test_cell(notebook, assignment) -> None:
    notebook.cells[cell_index(notebook, "nilai_" + first_graded(assignment))].source = "1"


def skip_test_cells(notebook, _assignment) -> None:
    """Tag every test cell so that the executor skips it (a test cell without output counts as passed)."""
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id", "").split("_", 1)[-1].startswith("nilai_"):
            cell.metadata["tags"] = ["skip-execution", "raises-exception"]


def delete_test_cell(notebook, assignment) -> None:
    del notebook.cells[cell_index(notebook, "nilai_" + first_graded(assignment))]


def cases(assignment: str) -> dict:
    """student: (how the submission is made, expected automatic score)."""
    perfect, full = perfect_answers(assignment), full_marks(assignment)
    partial, partial_score = partial_answers(assignment)
    first = next(iter(keys_of(assignment)))
    found = {
        "perfect": (dict(answers=perfect), full),
        "empty": (dict(), 0.0),
        "partial": (dict(answers=partial), partial_score),
        "corrupt": (dict(raw_store=b'{"schema_version": 1, "answers": {"sm1.asal_'), 0.0),
        "wrongtypes": (dict(answers=wrong_type_answers(assignment)), 0.0),
        "forger": (dict(edit=add_forging_cell), 0.0),
        "skiptag": (dict(edit=skip_test_cells), 0.0),
        "editedtest": (dict(answers={k: v for k, v in perfect.items() if k != first}, edit=edit_test_cell),
                       full - keys_of(assignment)[first]["points"]),
        "deletedtest": (dict(answers=perfect, edit=delete_test_cell), full),
    }
    if assignment == ASSIGNMENTS[0]:  # behaviour of the course config, not of a notebook: test it once
        padding = {"value": "x" * 600_000, "saved_at": "2026-01-01T00:00:00"}
        stored = {item: {"value": value, "saved_at": "2026-01-01T00:00:00"} for item, value in perfect.items()}
        found["oversized"] = (dict(raw_store=json.dumps({"schema_version": 1, "assignment": assignment,
                                                         "answers": {**stored, "padding": padding}}).encode()), 0.0)
        found["forgedmodule"] = (dict(extra_files={"course.py": FORGED_MODULE}), 0.0)
    return found


CASES = {assignment: cases(assignment) for assignment in ASSIGNMENTS}
SUBMISSIONS = [(assignment, student) for assignment in ASSIGNMENTS for student in CASES[assignment]]


def submit(course: Path, assignment: str, student: str, answers: dict | None = None, edit=None,
           raw_store: bytes | None = None, extra_files: dict | None = None) -> None:
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True)
    notebook = nbformat.read(course / "release" / assignment / f"{assignment}.ipynb", as_version=4)
    if edit:
        edit(notebook, assignment)
    nbformat.write(notebook, folder / f"{assignment}.ipynb")
    if answers is not None:
        write_store(folder, assignment, answers)
    if raw_store is not None:
        (folder / "jawaban.json").write_bytes(raw_store)
    for name, text in (extra_files or {}).items():
        (folder / name).write_text(text)


def _grade_one(directory: Path, assignment: str):
    """A course holding just ``assignment``: generate, submit every case, autograde (own gradebook)."""
    course = make_course(directory, [assignment])
    nbgrader(course, "generate_assignment", assignment, "--force")
    for student, (how, _expected) in CASES[assignment].items():
        submit(course, assignment, student, **how)
    return course, nbgrader(course, "autograde", assignment, check=False)


@pytest.fixture(scope="module")
def graded_course(tmp_path_factory):
    """{assignment: (course folder, autograde result)}; two assignments are graded at a time (two cores)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {assignment: pool.submit(_grade_one, tmp_path_factory.mktemp(assignment), assignment)
                   for assignment in ASSIGNMENTS}
        graded = {assignment: future.result() for assignment, future in futures.items()}
    return {assignment: course for assignment, (course, _result) in graded.items()}, \
        {assignment: result for assignment, (_course, result) in graded.items()}


def auto_score(courses: dict, assignment: str, student: str) -> float:
    course = courses[assignment]
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission_notebook(assignment, assignment, student)
        return round(sum(grade.auto_score or 0 for grade in submission.grades if grade.cell_type == "code"), 4)


def autograded(courses: dict, assignment: str, student: str) -> nbformat.NotebookNode:
    path = courses[assignment] / "autograded" / student / assignment / f"{assignment}.ipynb"
    return nbformat.read(path, as_version=4)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_autograde_finishes_for_every_submission(graded_course, assignment):
    """Does one autograde run grade every submission, the broken ones included, without crashing?"""
    courses, results = graded_course
    assert results[assignment].returncode == 0, results[assignment].stdout + results[assignment].stderr
    for student in CASES[assignment]:
        assert (courses[assignment] / "autograded" / student / assignment / f"{assignment}.ipynb").exists(), student


@pytest.mark.parametrize("assignment,student", SUBMISSIONS)
def test_each_submission_scores_exactly_what_it_deserves(graded_course, assignment, student):
    """Does every submission get exactly the automatic score its answers deserve?"""
    courses, _results = graded_course
    assert auto_score(courses, assignment, student) == pytest.approx(CASES[assignment][student][1], abs=1e-3)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_partial_answers_earn_partial_credit(assignment):
    """Is the partial case a real test: strictly between nothing and full marks?"""
    assert 0 < partial_answers(assignment)[1] < full_marks(assignment)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_perfect_submission_leaves_exactly_the_hand_marked_items_to_the_instructor(graded_course, assignment):
    """Are reflections (and only they) waiting for the instructor, worth their bank points?"""
    courses, _results = graded_course
    manual = manual_items(assignment)
    with Gradebook(f"sqlite:///{courses[assignment] / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission_notebook(assignment, assignment, "perfect")
        assert submission.needs_manual_grade == bool(manual)
        tasks = [grade for grade in submission.grades if grade.cell_type == "markdown"]
        assert sorted(task.max_score for task in tasks) == sorted(item.points for item in manual)


def test_course_grades_add_up():
    """Is sub-module 1 still worth 20 automatic points plus a 3-point reflection?"""
    assert full_marks("sm1_diplomasi") == 20
    assert [item.points for item in manual_items("sm1_diplomasi")] == [3]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_participant_code_never_reaches_the_grading_kernel(graded_course, assignment):
    """Is an added cell stripped before the kernel starts?"""
    courses, _results = graded_course
    assert not any("lambda item_id" in cell.source for cell in autograded(courses, assignment, "forger").cells)


def test_forged_modules_never_reach_the_grading_folder(graded_course):
    """Is a submitted course.py left behind before the kernel starts?"""
    courses, _results = graded_course
    assert not (courses[ASSIGNMENTS[0]] / "autograded" / "forgedmodule" / ASSIGNMENTS[0] / "course.py").exists()


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_deleted_test_cell_is_restored_in_place(graded_course, assignment):
    """Is a deleted test cell put back right after its widget cell, with its hidden test?"""
    courses, _results = graded_course
    graded = autograded(courses, assignment, "deletedtest")
    name = first_graded(assignment)
    index = cell_index(graded, "nilai_" + name)
    assert graded.cells[index - 1].metadata["nbgrader"]["grade_id"].endswith("soal_" + name)
    assert "grade(" in graded.cells[index].source


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_autograded_notebooks_show_answers_without_widget_state(graded_course, assignment):
    """Can the instructor read the participant's answers in the autograded notebook (no widget state)?"""
    courses, _results = graded_course
    graded = autograded(courses, assignment, "perfect")
    assert "widgets" not in graded.metadata
    text = json.dumps([cell.get("outputs", []) for cell in graded.cells], ensure_ascii=False)
    if manual_items(assignment):
        assert "Daerah kami belajar dari materi ini" in text
    assert "Jawaban peserta" in text
    path = courses[assignment] / "autograded" / "perfect" / assignment / f"{assignment}.ipynb"
    assert path.stat().st_size < 400_000
