"""No participant vanishes: a submission that could not be graded is listed everywhere with why, never dropped."""

from __future__ import annotations

import csv
import shutil

import pytest

from course.instructor import cli
from course.instructor.audit import audit_assignment
from course.instructor import grading
from course.instructor.grading import build, grade_jobs
from course.instructor.results import collect_results
from course.store import AnswerStore

from .answers import keys_of, perfect_answers
from .conftest import make_course

pytestmark = pytest.mark.pipeline
ASSIGNMENT = "sm1_diplomasi"
FULL = sum(entry["points"] for entry in keys_of(ASSIGNMENT).values())
REASONS = {
    "rusak": "rusak (tidak dapat dibaca sebagai notebook)",
    "ganti_nama": "yang ada salinan.ipynb",
    "tanpa_buku": "tidak berisi buku kerja",
}


def _submit(course, student, notebook_name=f"{ASSIGNMENT}.ipynb", notebook=True):
    folder = course / "submitted" / student / ASSIGNMENT
    folder.mkdir(parents=True)
    if notebook:
        shutil.copy(course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", folder / notebook_name)
    store = AnswerStore(folder, assignment=ASSIGNMENT)
    for item_id, value in perfect_answers(ASSIGNMENT).items():
        store.save(item_id, value)
    (folder / "timestamp.txt").write_text("2026-12-05 10:00:00.000000 UTC")
    return folder


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """Four participants with full answer files; three notebooks nbgrader cannot grade (corrupt, renamed, absent)."""
    root = make_course(tmp_path_factory.mktemp("kursus"), [ASSIGNMENT])
    build(root, [ASSIGNMENT])
    _submit(root, "baik")
    (_submit(root, "rusak") / f"{ASSIGNMENT}.ipynb").write_text("{bukan json", encoding="utf-8")
    _submit(root, "ganti_nama", notebook_name="salinan.ipynb")
    _submit(root, "tanpa_buku", notebook=False)
    return root


@pytest.fixture(scope="module")
def graded(course):
    return {result.student: result for result in grade_jobs(course, [(ASSIGNMENT, student) for student in
                                                                     ("baik", "rusak", "ganti_nama", "tanpa_buku")],
                                                            workers=2, retries=3, progress=False)}


def test_a_notebook_nbgrader_cannot_read_is_reported_in_indonesian_and_not_retried(graded):
    """Is a corrupt, renamed or missing notebook named in Indonesian without being sent to nbgrader (0 attempts,
    though 3 retries were allowed), while the good one is graded?"""
    assert graded["baik"].ok and graded["baik"].attempts == 1
    for student, reason in REASONS.items():
        assert not graded[student].ok and graded[student].attempts == 0
        assert reason in graded[student].message and "Error" not in graded[student].message


def test_only_failures_a_second_try_can_cure_are_retried():
    """Is a dead worker or a locked gradebook retried, and a deterministic nbgrader failure not (and explained)?"""
    worth_retrying = grading.worth_retrying
    assert worth_retrying("proses penilai berhenti (kode -9): ...")
    assert worth_retrying("sqlite3.OperationalError: database is locked")
    assert worth_retrying("RuntimeError: Kernel died before replying to kernel_info")
    assert not worth_retrying("nbgrader.converters.base.NbGraderException: No assignment with ID 'x' exists")
    assert not worth_retrying("nbformat.reader.NotJSONError: Notebook does not appear to be JSON")
    explained = grading.explain_failure("nbgrader.converters.base.NbGraderException: No assignment with ID 'x' exists")
    assert explained.startswith("tugas ini belum ada di gradebook") and "No assignment" in explained


def test_audit_reports_each_ungraded_participant_once_with_the_points_their_file_holds(course, graded):
    """One finding per participant who is not in the gradebook, with why and their file's points; no row of
    "different score" that would read like forgery?"""
    findings = audit_assignment(course, ASSIGNMENT)
    assert "nilai_berbeda" not in set(findings["finding"])
    assert "baik" not in set(findings["student"])
    for student, reason in REASONS.items():
        rows = findings[findings["student"] == student]
        assert list(rows["finding"]) == ["belum_dinilai"]
        assert reason in rows["detail"].item() and f"{FULL:g} poin" in rows["detail"].item()


def test_feedback_has_a_page_for_everyone_who_submitted(course, graded, capsys):
    """Does every participant get a feedback page, the ungraded ones with an alert saying why, and can one be
    asked for by name?"""
    assert cli.main(["--kursus", str(course), "feedback", ASSIGNMENT]) == 0
    pages = {page.parts[-3]: page.read_text(encoding="utf-8")
             for page in (course / "feedback").glob(f"*/{ASSIGNMENT}/{ASSIGNMENT}.html")}
    assert set(pages) == {"baik", *REASONS}
    assert "belum masuk gradebook" not in pages["baik"]
    for student in REASONS:
        assert "belum masuk gradebook" in pages[student]
        assert f"{FULL:g} dari {FULL:g} poin" in pages[student]
    assert cli.main(["--kursus", str(course), "feedback", ASSIGNMENT, "--peserta", "tanpa_buku"]) == 0
    capsys.readouterr()


def test_results_and_nilai_csv_list_everyone_with_a_status(course, graded, capsys):
    """Are the ungraded participants in the results (status "belum di gradebook: ...", points from their file)
    and in nilai.csv?"""
    results = collect_results(course)
    assert set(results["student"]) == {"baik", *REASONS}
    status = results.groupby("student")["status"].first()
    assert status["baik"] == ""
    for student, reason in REASONS.items():
        assert status[student].startswith("belum di gradebook: ") and reason in status[student]
    auto = results[results["item_id"].isin(keys_of(ASSIGNMENT))]
    assert auto.groupby("student")["points"].sum().to_dict() == {student: FULL for student in ("baik", *REASONS)}
    assert cli.main(["--kursus", str(course), "report"]) == 0
    with open(course / "laporan" / "nilai.csv", encoding="utf-8") as table:
        assert {row["student"] for row in csv.DictReader(table)} == {"baik", *REASONS}
    capsys.readouterr()


def test_a_corrupt_resubmission_does_not_keep_the_old_grades(tmp_path):
    """If a participant graded before sends a corrupt notebook and is graded again, do the old grades stop
    counting (as nbgrader itself removes a failed graded copy)?"""
    root = make_course(tmp_path, [ASSIGNMENT])
    build(root, [ASSIGNMENT])
    folder = _submit(root, "ulang")
    assert grade_jobs(root, [(ASSIGNMENT, "ulang")], workers=1, progress=False)[0].ok
    (folder / f"{ASSIGNMENT}.ipynb").write_text("{rusak", encoding="utf-8")
    assert not grade_jobs(root, [(ASSIGNMENT, "ulang")], workers=1, progress=False)[0].ok
    findings = audit_assignment(root, ASSIGNMENT)
    assert list(findings["finding"]) == ["belum_dinilai"]


def test_repair_reports_an_unreadable_notebook_and_repairs_the_others(tmp_path):
    """Does `kursus repair` repair a deleted test cell, report a corrupt and a missing notebook, and not stop?"""
    import nbformat

    root = make_course(tmp_path, [ASSIGNMENT])
    build(root, [ASSIGNMENT])
    deleted = _submit(root, "a_hapus") / f"{ASSIGNMENT}.ipynb"
    notebook = nbformat.read(deleted, as_version=4)
    notebook.cells = [cell for cell in notebook.cells
                      if not cell.metadata.get("nbgrader", {}).get("grade_id", "").endswith("nilai_asal_istilah")]
    nbformat.write(notebook, deleted)
    (_submit(root, "b_rusak") / f"{ASSIGNMENT}.ipynb").write_text("{rusak", encoding="utf-8")
    _submit(root, "c_tanpa_buku", notebook=False)
    assert cli.main(["--kursus", str(root), "repair", ASSIGNMENT]) == 0
    assert any(cell.metadata.get("nbgrader", {}).get("grade_id", "").endswith("nilai_asal_istilah")
               for cell in nbformat.read(deleted, as_version=4).cells)
    from course.instructor.repair import repair_assignment

    rows = repair_assignment(root, ASSIGNMENT, dry_run=True)
    reported = rows[rows["action"] == "tidak_diperbaiki"].set_index("student")["detail"]
    assert "rusak" in reported["b_rusak"] and "tidak berisi buku kerja" in reported["c_tanpa_buku"]
    assert (root / "submitted" / "b_rusak" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text() == "{rusak"
