"""The grading contract end to end, with the real nbgrader: generate, submit, autograde, read scores."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from course.keys import keys_from_notebook
from course.store import AnswerStore

from .conftest import ROOT, make_course, nbgrader

ASSIGNMENT = "sm1_diplomasi"
SOURCE = ROOT / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
KEYS = keys_from_notebook(SOURCE)
FULL_MARKS = sum(entry["points"] for entry in KEYS.values())
REFLECTION = "sm1.refleksi_perbandingan"

pytestmark = pytest.mark.pipeline


def perfect_answers() -> dict:
    answers = {}
    for item_id, entry in KEYS.items():
        key = entry["key"]
        if isinstance(key, dict) and "accepted" in key:
            answers[item_id] = key["accepted"][0]
        elif isinstance(key, dict) and set(key) == {"value", "tolerance"}:
            answers[item_id] = key["value"]
        else:
            answers[item_id] = key
    answers[REFLECTION] = "Definisi awal saya menekankan negosiasi antarnegara. " * 8
    return answers


def adjacent_swap(order: list) -> list:
    swapped = list(order)
    swapped[0], swapped[1] = swapped[1], swapped[0]
    return swapped


def partial_answers() -> tuple[dict, float]:
    """Answers with known partial credit, and the score they deserve."""
    answers = perfect_answers()
    expected = FULL_MARKS
    # multiple select: three right ticks of four, one wrong tick -> (3 - 1) / 4
    drivers = "sm1.pendorong_paradiplomasi"
    right = KEYS[drivers]["key"]
    answers[drivers] = right[:3] + ["bukan_kunci"]
    expected -= KEYS[drivers]["points"] * (1 - 0.5)
    # ordering: one swap of neighbours in five -> Kendall tau 0.8
    history = "sm1.urutan_sejarah"
    answers[history] = adjacent_swap(KEYS[history]["key"])
    expected -= KEYS[history]["points"] * (1 - 0.8)
    # classification: two entries wrong
    activities = "sm1.klasifikasi_kegiatan"
    key = dict(KEYS[activities]["key"])
    wrong = sorted(key)[:2]
    for entry in wrong:
        key[entry] = "diplomasi" if key[entry] != "diplomasi" else "paradiplomasi"
    answers[activities] = key
    expected -= KEYS[activities]["points"] * 2 / len(key)
    # numeric and short text wrong
    answers["sm1.tahun_burke"] = 1769
    answers["sm1.istilah_protodiplomasi"] = "paradiplomasi"
    expected -= KEYS["sm1.tahun_burke"]["points"] + KEYS["sm1.istilah_protodiplomasi"]["points"]
    return answers, round(expected, 4)


def wrong_type_answers() -> dict:
    return {
        item_id: value
        for item_id, value in zip(
            KEYS, [42, {"a": 1}, "teks", None, True, ["a"], 3.5, {"value": 1796}, [1, 2], "x" * 5000] * 3
        )
    }


def write_store(folder: Path, answers: dict) -> None:
    store = AnswerStore(folder, assignment=ASSIGNMENT)
    for item_id, value in answers.items():
        store.save(item_id, value)


def release_notebook(course: Path) -> nbformat.NotebookNode:
    return nbformat.read(course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)


def cell_index(notebook, grade_id_part: str) -> int:
    return next(
        index for index, cell in enumerate(notebook.cells)
        if grade_id_part in cell.metadata.get("nbgrader", {}).get("grade_id", "")
    )


def submit(course: Path, student: str, answers: dict | None = None, edit=None, raw_store: bytes | None = None,
           extra_files: dict | None = None) -> None:
    folder = course / "submitted" / student / ASSIGNMENT
    folder.mkdir(parents=True)
    notebook = release_notebook(course)
    if edit:
        edit(notebook)
    nbformat.write(notebook, folder / f"{ASSIGNMENT}.ipynb")
    if answers is not None:
        write_store(folder, answers)
    if raw_store is not None:
        (folder / "jawaban.json").write_bytes(raw_store)
    for name, text in (extra_files or {}).items():
        (folder / name).write_text(text)


def add_forging_cell(notebook) -> None:
    forged = nbformat.v4.new_code_cell(
        "import course, course.grading\n"
        "course.grade = course.grading.grade = grade = lambda item_id, key, points, **kw: points\n"
        "pending = lambda item_id: 99"
    )
    notebook.cells.insert(cell_index(notebook, "persiapan") + 1, forged)


def edit_test_cell(notebook) -> None:
    notebook.cells[cell_index(notebook, "nilai_asal_istilah")].source = "1"


def delete_test_cell(notebook) -> None:
    del notebook.cells[cell_index(notebook, "nilai_asal_istilah")]


FORGED_MODULE = "def grade(item_id, key, points, **kw):\n    return points\ndef pending(item_id):\n    return 0\nshow = print\n"

PARTIAL, PARTIAL_SCORE = partial_answers()

CASES = {
    # student: (how the submission is made, expected automatic score)
    "perfect": (dict(answers=perfect_answers()), FULL_MARKS),
    "empty": (dict(), 0.0),
    "partial": (dict(answers=PARTIAL), PARTIAL_SCORE),
    "corrupt": (dict(raw_store=b'{"schema_version": 1, "answers": {"sm1.asal_'), 0.0),
    "oversized": (dict(raw_store=json.dumps({"schema_version": 1, "assignment": ASSIGNMENT, "answers": {
        **{item: {"value": value, "saved_at": "2026-01-01T00:00:00"} for item, value in perfect_answers().items()},
        "padding": {"value": "x" * 600_000, "saved_at": "2026-01-01T00:00:00"}}}).encode()), 0.0),
    "wrongtypes": (dict(answers=wrong_type_answers()), 0.0),
    "forger": (dict(edit=add_forging_cell), 0.0),
    "forgedmodule": (dict(extra_files={"course.py": FORGED_MODULE}), 0.0),
    "editedtest": (dict(answers={k: v for k, v in perfect_answers().items() if k != "sm1.asal_istilah"},
                        edit=edit_test_cell), FULL_MARKS - KEYS["sm1.asal_istilah"]["points"]),
    "deletedtest": (dict(answers=perfect_answers(), edit=delete_test_cell), FULL_MARKS),
}


@pytest.fixture(scope="module")
def graded_course(tmp_path_factory):
    course = make_course(tmp_path_factory.mktemp("pipeline"), [ASSIGNMENT])
    nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    for student, (how, _expected) in CASES.items():
        submit(course, student, **how)
    result = nbgrader(course, "autograde", ASSIGNMENT, check=False)
    return course, result


def auto_score(course: Path, student: str) -> float:
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, student)
        return round(sum(grade.auto_score or 0 for grade in submission.grades if grade.cell_type == "code"), 4)


def test_autograde_finishes_for_every_submission(graded_course):
    """Does one autograde run grade every submission, the broken ones included, without crashing?"""
    course, result = graded_course
    assert result.returncode == 0, result.stdout + result.stderr
    for student in CASES:
        assert (course / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").exists(), student


@pytest.mark.parametrize("student", list(CASES))
def test_each_submission_scores_exactly_what_it_deserves(graded_course, student):
    """Does every submission get exactly the automatic score its answers deserve?"""
    course, _result = graded_course
    assert auto_score(course, student) == pytest.approx(CASES[student][1], abs=1e-3)


def test_perfect_submission_scores_full_marks_and_waits_for_the_reflection(graded_course):
    """Is the perfect submission at full automatic marks, with the reflection left to the instructor?"""
    course, _result = graded_course
    assert FULL_MARKS == 20
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, "perfect")
        assert submission.needs_manual_grade
        task = [grade for grade in submission.grades if grade.cell_type == "markdown"]
        assert len(task) == 1 and task[0].max_score == 3


def test_participant_code_and_forged_modules_never_reach_the_grading_folder(graded_course):
    """Is an added cell stripped and a submitted course.py left behind before the kernel starts?"""
    course, _result = graded_course
    graded = nbformat.read(course / "autograded" / "forger" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    assert not any("lambda item_id" in cell.source for cell in graded.cells)
    assert not (course / "autograded" / "forgedmodule" / ASSIGNMENT / "course.py").exists()


def test_deleted_test_cell_is_restored_in_place(graded_course):
    """Is a deleted test cell put back right after its widget cell, with its hidden test?"""
    course, _result = graded_course
    graded = nbformat.read(course / "autograded" / "deletedtest" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    index = cell_index(graded, "nilai_asal_istilah")
    assert "soal_asal_istilah" in graded.cells[index - 1].metadata["nbgrader"]["grade_id"]
    assert 'grade(' in graded.cells[index].source


def test_autograded_notebooks_show_answers_without_widget_state(graded_course):
    """Can the instructor read the participant's answers in the autograded notebook (no widget state)?"""
    course, _result = graded_course
    path = course / "autograded" / "perfect" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    graded = nbformat.read(path, as_version=4)
    assert "widgets" not in graded.metadata
    text = json.dumps([cell.get("outputs", []) for cell in graded.cells], ensure_ascii=False)
    assert "Definisi awal saya menekankan negosiasi" in text
    assert path.stat().st_size < 250_000
