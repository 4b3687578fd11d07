"""The instructor commands on a throw-away course: repair, parallel autograde, audit, debrief, and clear errors."""

from __future__ import annotations

import contextlib
import json
import shutil
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from course.instructor import cli
from course.instructor.audit import audit_assignment
from course.instructor.debrief import definitions_matrix
from course.instructor.grading import autograde, build
from course.instructor.records import find_course_root, gradebook_rows, item_records
from course.instructor.repair import BACKUP_FOLDER, repair_assignment
from course.store import AnswerStore

from .answers import keys_of, partial_answers, perfect_answers
from .conftest import make_course, nbgrader, submit

pytestmark = pytest.mark.pipeline
ASSIGNMENT = "sm1_diplomasi"
STUDENTS = ["sempurna", "sebagian", "pemalsu", "hapus", "ganda", "kosong"]


def _submit(course, student, answers=None, edit=None):
    submit(course, ASSIGNMENT, student, answers, edit)


def _index(notebook, tail):
    return next(i for i, cell in enumerate(notebook.cells) if cell.metadata["nbgrader"]["grade_id"].endswith(tail))


def _forge(notebook):
    notebook.cells.insert(1, nbformat.v4.new_code_cell("import course\ncourse.grade = lambda *a, **k: 99"))


def _delete_test(notebook):
    del notebook.cells[_index(notebook, "nilai_asal_istilah")]


def _duplicate_test(notebook):
    index = _index(notebook, "nilai_tahun_burke")
    notebook.cells.insert(index, nbformat.v4.new_code_cell(notebook.cells[index].source,
                                                          metadata=dict(notebook.cells[index].metadata)))


def _populate(course):
    perfect = perfect_answers(ASSIGNMENT)
    _submit(course, "sempurna", perfect | {"sm1.kategori_definisi": ["negosiasi", "antarnegara"],
                                           "sm1.definisi_awal": "Diplomasi adalah perundingan antarnegara."})
    _submit(course, "sebagian", partial_answers(ASSIGNMENT)[0])
    _submit(course, "pemalsu", {}, edit=_forge)
    _submit(course, "hapus", perfect, edit=_delete_test)
    _submit(course, "ganda", perfect, edit=_duplicate_test)
    _submit(course, "kosong")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The same submissions graded twice: by the course's parallel autograde (2 processes) and by stock nbgrader."""
    courses = {}
    for mode in ("paralel", "berurutan"):
        course = make_course(tmp_path_factory.mktemp(mode), [ASSIGNMENT])
        assert build(course, [ASSIGNMENT]) == {ASSIGNMENT: [f"{ASSIGNMENT}.ipynb"]}
        _populate(course)
        repairs = repair_assignment(course, ASSIGNMENT)
        if mode == "paralel":
            results = autograde(course, ASSIGNMENT, workers=2, progress=False)
            assert all(result.ok and result.attempts == 1 for result in results), results
            assert sorted(result.student for result in results) == sorted(STUDENTS)
        else:
            nbgrader(course, "autograde", ASSIGNMENT, "--force")
        courses[mode] = (course, repairs)
    return courses


def _totals(course):
    rows = gradebook_rows(course, ASSIGNMENT)
    return {student: round(sum(cell["auto"] or 0 for name, cell in cells.items() if name.startswith("nilai_")), 4)
            for student, cells in rows.items()}


def test_parallel_autograde_gives_the_same_scores_as_stock_nbgrader(graded):
    """Do two long-lived grading processes give exactly the scores of one stock `nbgrader autograde` run?"""
    parallel, sequential = _totals(graded["paralel"][0]), _totals(graded["berurutan"][0])
    assert parallel == sequential
    full = sum(entry["points"] for entry in keys_of(ASSIGNMENT).values())
    assert parallel["sempurna"] == full and parallel["sebagian"] == partial_answers(ASSIGNMENT)[1]
    assert parallel["pemalsu"] == 0 and parallel["kosong"] == 0


def test_a_submission_that_cannot_be_graded_is_reported_without_retries_and_loses_no_one_else(tmp_path):
    """A notebook nbgrader cannot read fails at once (retrying cannot cure it), with a reason; the others are graded."""
    course = make_course(tmp_path, [ASSIGNMENT])
    build(course, [ASSIGNMENT])
    _submit(course, "baik", perfect_answers(ASSIGNMENT))
    _submit(course, "rusak")
    (course / "submitted" / "rusak" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").write_text("{bukan json", encoding="utf-8")
    _submit(course, "kosong")
    results = {result.student: result for result in autograde(course, ASSIGNMENT, workers=2, retries=1, progress=False)}
    assert results["rusak"].ok is False and results["rusak"].attempts == 0 and "rusak" in results["rusak"].message
    assert results["baik"].ok and results["kosong"].ok
    full = sum(entry["points"] for entry in keys_of(ASSIGNMENT).values())
    assert _totals(course)["baik"] == full


def test_a_grading_process_that_dies_is_replaced_and_its_job_retried(tmp_path):
    """If a worker process is killed mid-course, does the next job start a new one and grade correctly?"""
    from course.instructor.grading import _Worker

    course = make_course(tmp_path, [ASSIGNMENT])
    build(course, [ASSIGNMENT])
    _submit(course, "baik", perfect_answers(ASSIGNMENT))
    worker = _Worker(course, None)
    try:
        worker._start()
        worker.process.kill()
        ok, message = worker.grade(ASSIGNMENT, "baik")
        assert not ok and "proses penilai berhenti" in message
        assert worker.grade(ASSIGNMENT, "baik") == (True, "")
    finally:
        worker.stop()
        worker.log.close()
    full = sum(entry["points"] for entry in keys_of(ASSIGNMENT).values())
    assert _totals(course)["baik"] == full


def test_repair_restores_a_deleted_test_and_drops_a_duplicate_before_grading(graded):
    """Is the deleted test cell put back (and graded), the duplicate dropped, the original kept as a backup?"""
    course, repairs = graded["paralel"]
    actions = set(zip(repairs["student"], repairs["action"], repairs["grade_id"].str.split("_", n=1).str[1]))
    assert ("hapus", "dipulihkan", "nilai_asal_istilah") in actions
    assert ("ganda", "duplikat_dibuang", "nilai_tahun_burke") in actions
    assert (course / BACKUP_FOLDER / "hapus" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").exists()
    full = sum(entry["points"] for entry in keys_of(ASSIGNMENT).values())
    assert _totals(course)["hapus"] == full == _totals(course)["ganda"]


def test_audit_flags_the_forger_and_nothing_on_honest_work(graded):
    """Is the added code cell reported, and are honest submissions clean?"""
    course, _repairs = graded["paralel"]
    findings = audit_assignment(course, ASSIGNMENT)
    forger = findings[findings["student"] == "pemalsu"]
    assert "sel_kode_tambahan" in set(forger["finding"])
    assert findings[findings["student"].isin(["sempurna", "sebagian"])].empty


def test_audit_detects_a_forged_grade_in_the_gradebook(graded, tmp_path):
    """If a score in the gradebook is raised by hand, does the recomputation from the store catch it?"""
    course = tmp_path / "kursus"
    shutil.copytree(graded["berurutan"][0], course)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        notebook = gradebook.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, "sebagian")
        for grade in notebook.grades:
            if grade.auto_score is not None and grade.auto_score < grade.max_score:
                grade.auto_score = grade.max_score  # what a forged in-kernel grade() would have recorded
        gradebook.db.commit()
    findings = audit_assignment(course, ASSIGNMENT)
    forged = findings[(findings["student"] == "sebagian") & (findings["finding"] == "nilai_berbeda")]
    assert len(forged) >= 3
    assert cli.main(["--kursus", str(course), "audit", ASSIGNMENT]) == 1


def test_debrief_matrix_groups_definitions_by_their_elements(graded):
    """Does the Sub-modul 1 matrix show each participant's definition and the elements they ticked?"""
    course, _repairs = graded["paralel"]
    matrix = definitions_matrix(course)
    row = matrix[matrix["peserta"] == "sempurna"].iloc[0]
    assert row["definisi"] == "Diplomasi adalah perundingan antarnegara."
    ticked = [column for column in matrix.columns if row[column] == "\u2714"]
    assert len(ticked) == 2
    assert row["pola"] != "(belum memeriksa)"


def test_clear_errors_for_wrong_root_missing_assignment_and_bad_gradebook(graded, tmp_path, capsys):
    """Does the CLI say, in Indonesian and with exit code 2, what is wrong instead of a traceback?"""
    course, _repairs = graded["paralel"]
    assert cli.main(["--kursus", str(tmp_path), "build"]) == 2
    assert "bukan folder kursus" in capsys.readouterr().err
    assert cli.main(["--kursus", str(course), "audit", "sm9_tidak_ada"]) == 2
    assert "tidak ada" in capsys.readouterr().err
    assert cli.main(["--kursus", str(course), "audit", ASSIGNMENT, "--db", "postgresql://x@127.0.0.1:1/none"]) == 2
    assert "Gradebook tidak dapat dibuka" in capsys.readouterr().err
    assert find_course_root(course / "submitted") == course
    assert len(item_records(course, ASSIGNMENT)) == 17


def test_feedback_report_and_debrief_commands_write_their_pages(graded, capsys):
    """Do `kursus feedback/report/debrief` write the pages at their paths, with no key in any feedback page?"""
    course, _repairs = graded["paralel"]
    root = ["--kursus", str(course)]
    assert cli.main([*root, "feedback", ASSIGNMENT]) == 0
    secrets = [json.dumps(entry["key"], ensure_ascii=False) for entry in keys_of(ASSIGNMENT).values()
               if len(json.dumps(entry["key"])) > 12]
    pages = sorted((course / "feedback").glob(f"*/{ASSIGNMENT}/{ASSIGNMENT}.html"))
    assert [page.parts[-3] for page in pages] == sorted(["sempurna", "sebagian", "pemalsu", "hapus", "ganda", "kosong"])
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not any(secret in text for secret in secrets) and "grade(" not in text
    assert "Diplomasi adalah perundingan antarnegara." in (course / "feedback" / "sempurna" / ASSIGNMENT /
                                                          f"{ASSIGNMENT}.html").read_text(encoding="utf-8")
    assert cli.main([*root, "report"]) == 0
    report = (course / "laporan" / "laporan.html").read_text(encoding="utf-8")
    assert "Kohort kecil" in report and (course / "laporan" / "nilai.csv").exists()
    assert cli.main([*root, "debrief", ASSIGNMENT]) == 0
    assert "Diplomasi adalah perundingan antarnegara." in (course / "laporan" / f"debrief_{ASSIGNMENT}.html").read_text()
    capsys.readouterr()


def test_selfcheck_grades_a_self_learners_working_copy(graded, capsys):
    """Does `kursus selfcheck` score a kerja/ folder against the keys and write the feedback page there?"""
    course, _repairs = graded["paralel"]
    work = course / "kerja" / ASSIGNMENT
    shutil.copytree(course / "release" / ASSIGNMENT, work)
    store = AnswerStore(work, assignment=ASSIGNMENT)
    for item_id, value in partial_answers(ASSIGNMENT)[0].items():
        store.save(item_id, value)
    assert cli.main(["--kursus", str(course), "selfcheck", ASSIGNMENT]) == 0
    full = sum(entry["points"] for entry in keys_of(ASSIGNMENT).values())
    assert f"{partial_answers(ASSIGNMENT)[1]:g} dari {full:g} poin" in capsys.readouterr().out
    assert (work / "umpan-balik.html").exists()


def test_demo_runs_the_whole_cycle_and_catches_the_forger(tmp_path, capsys):
    """Does `kursus demo` build, grade a synthetic cohort, flag the forger, and write report and feedback?"""
    from .conftest import ROOT

    target = tmp_path / "demo"
    assert cli.main(["--kursus", str(ROOT), "demo", "--folder", str(target), "--tugas", ASSIGNMENT]) == 0
    audit = (target / "laporan" / "audit.csv").read_text(encoding="utf-8")
    assert "pemalsu_01,sm1_diplomasi,sel_kode_tambahan" in audit
    assert (target / "laporan" / "laporan.html").exists()
    assert (target / "feedback" / "kuat_01" / ASSIGNMENT / f"{ASSIGNMENT}.html").exists()
    assert "Laporan:" in capsys.readouterr().out


def test_an_override_in_the_gradebook_is_the_truth_for_feedback_results_and_nilai_csv(graded, tmp_path):
    """Does an instructor's override of an auto-graded cell (formgrader) reach feedback, nilai.csv and match
    `nbgrader export`?"""
    import csv

    from nbgrader.api import Gradebook

    from course.instructor.report import build_report
    from course.instructor.results import collect_results

    course = tmp_path / "kursus"
    shutil.copytree(graded["paralel"][0], course)
    record = next(record for record in item_records(course, ASSIGNMENT) if record.auto_graded)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        notebook = gradebook.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, "kosong")
        cell = next(grade for grade in notebook.grades if grade.name.endswith(record.cell_name))
        assert (cell.auto_score or 0) == 0
        cell.manual_score = record.points
        gradebook.db.commit()
    results = collect_results(course)
    row = results[(results["student"] == "kosong") & (results["item_id"] == record.id)]
    assert row["points"].item() == record.points
    build_report(results, course / "laporan")
    with open(course / "laporan" / "nilai.csv", encoding="utf-8") as table:
        ours = {row["student"]: float(row["total"]) for row in csv.DictReader(table)}
    nbgrader(course, "export", "--to", str(tmp_path / "ekspor.csv"))
    with open(tmp_path / "ekspor.csv", encoding="utf-8") as table:
        exported = {row["student_id"]: float(row["raw_score"]) for row in csv.DictReader(table)}
    assert ours["kosong"] == pytest.approx(exported["kosong"]) == pytest.approx(record.points)
    assert cli.main(["--kursus", str(course), "feedback", ASSIGNMENT, "--peserta", "kosong"]) == 0
    page = (course / "feedback" / "kosong" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")
    points = f"{record.points:g}".replace(".", ",")
    assert f"{points} dari {points} poin (nilai ditetapkan instruktur)" in page


def _grading_processes(course) -> list[str]:
    """The grade_worker processes running for ``course``."""
    found = []
    for status in Path("/proc").glob("[0-9]*/cmdline"):
        with contextlib.suppress(OSError):
            words = status.read_bytes().split(b"\0")
            if b"course.instructor.grade_worker" in words and str(course).encode() in words:
                found.append(status.parent.name)
    return found


def test_a_check_that_fails_part_way_stops_the_workers_started_ahead_and_grades_nothing(tmp_path, monkeypatch):
    """Workers boot while the notebooks are checked: if checking breaks off, is nothing graded and no worker left?"""
    from course.instructor import grading

    course = make_course(tmp_path, [ASSIGNMENT])
    build(course, [ASSIGNMENT])
    for student in ("satu", "dua"):
        _submit(course, student, perfect_answers(ASSIGNMENT))
    checked = []

    def breaks_on_the_second(folder, assignment):
        checked.append(folder)
        if len(checked) == 2:
            raise KeyboardInterrupt
        return None

    monkeypatch.setattr(grading, "notebook_problem", breaks_on_the_second)
    with pytest.raises(KeyboardInterrupt):
        grading.grade_jobs(course, [(ASSIGNMENT, "satu"), (ASSIGNMENT, "dua")], workers=2, progress=False)
    assert _grading_processes(course) == []
    assert not (course / "autograded").exists()
    assert grading.grade_jobs(course, [], workers=2, progress=False) == []
