"""Every instructor command: wrong input is one Indonesian sentence, exit code 2, no traceback, nothing created."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from course.instructor.grading import build

from .conftest import BIN, ROOT, make_course

pytestmark = pytest.mark.pipeline
ASSIGNMENT = "sm1_diplomasi"


@pytest.fixture(scope="module")
def courses(tmp_path_factory):
    """A built course (release/ and gradebook.db) with one submission, and one without a gradebook yet."""
    built = make_course(tmp_path_factory.mktemp("dibangun"), [ASSIGNMENT])
    build(built, [ASSIGNMENT])
    folder = built / "submitted" / "peserta1" / ASSIGNMENT
    folder.mkdir(parents=True)
    shutil.copy(built / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", folder)
    (built / "sebuah-berkas.txt").write_text("bukan folder")
    (built / "folder-berisi").mkdir()
    (built / "folder-berisi" / "catatan.txt").write_text("isi")
    fresh = make_course(tmp_path_factory.mktemp("baru"), [ASSIGNMENT])
    shutil.copytree(ROOT / "release" / ASSIGNMENT, fresh / "release" / ASSIGNMENT)
    return {"built": built, "fresh": fresh}


def snapshot(folder: Path) -> dict:
    """Every file and folder under ``folder`` with its size and modification time."""
    return {path.relative_to(folder).as_posix(): (path.stat().st_size, path.stat().st_mtime_ns)
            for path in folder.rglob("*")}


def kursus(course: Path, *arguments: str) -> subprocess.CompletedProcess:
    environment = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    environment.pop("KURSUS_DEBUG", None)
    return subprocess.run([str(BIN / "kursus"), *arguments], cwd=course, env=environment, capture_output=True,
                          text=True, timeout=300)


# (course, arguments, words the sentence must contain); {course} is replaced by the course's path
WRONG = {
    "unknown_command": ("built", ["nilai"], "pilihan 'nilai' tidak ada"),
    "missing_assignment_argument": ("built", ["audit"], "wajib diisi"),
    "extra_argument": ("built", ["audit", ASSIGNMENT, "lebih"], "tidak dikenal"),
    "unknown_assignment_audit": ("built", ["audit", "sm9_tidak_ada"], "sm9_tidak_ada"),
    "unknown_assignment_report": ("built", ["report", "sm9_tidak_ada"], "sm9_tidak_ada"),
    "unknown_assignment_build": ("built", ["build", "sm9_tidak_ada"], "sm9_tidak_ada"),
    "unknown_assignment_demo": ("built", ["demo", "--tugas", "sm9_tidak_ada"], "sm9_tidak_ada"),
    "zero_processes": ("built", ["autograde", "--proses", "0"], "paling sedikit 1"),
    "processes_not_a_number": ("built", ["autograde", "--proses", "dua"], "bukan bilangan bulat"),
    "negative_retries": ("built", ["autograde", "--ulang", "-1"], "paling sedikit 0"),
    "sqlite_typo_audit": ("built", ["audit", ASSIGNMENT, "--db", "sqlite:///salah-ketik.db"], "belum ada"),
    "sqlite_typo_report": ("built", ["report", "--db", "sqlite:///salah-ketik.db"], "belum ada"),
    "sqlite_typo_autograde": ("built", ["autograde", "--db", "sqlite:///salah-ketik.db"], "belum ada"),
    "sqlite_build_into_missing_folder": ("built", ["build", "--db", "sqlite:///tidak/ada/gb.db"], "tidak ada"),
    "postgres_unreachable": ("built", ["feedback", ASSIGNMENT, "--db", "postgresql://x@127.0.0.1:1/none"],
                             "tidak dapat dibuka"),
    "url_not_a_url": ("built", ["report", "--db", "bukan-url"], "tidak dikenali"),
    "unknown_participant": ("built", ["feedback", ASSIGNMENT, "--peserta", "tidak_ada"], "tidak_ada"),
    "nothing_to_grade_for": ("built", ["autograde", ASSIGNMENT, "--peserta", "tidak_ada"], "tidak_ada"),
    "report_into_a_file": ("built", ["report", "--keluar", "{course}/sebuah-berkas.txt"], "sudah ada"),
    "debrief_without_view": ("built", ["debrief", "sm2_aktor"], "debrief"),
    "selfcheck_without_folder": ("built", ["selfcheck", ASSIGNMENT, "--folder", "{course}/tidak-ada"], "tidak ada"),
    "demo_into_a_full_folder": ("built", ["demo", "--folder", "{course}/folder-berisi"], "sudah berisi"),
    "not_a_course": ("built", ["--kursus", "/", "build"], "bukan folder kursus"),
    "no_gradebook_audit": ("fresh", ["audit", ASSIGNMENT], "belum ada"),
    "no_gradebook_feedback": ("fresh", ["feedback", ASSIGNMENT], "belum ada"),
    "no_gradebook_report": ("fresh", ["report"], "belum ada"),
    "no_gradebook_autograde": ("fresh", ["autograde", ASSIGNMENT], "belum ada"),
}


@pytest.mark.parametrize("case", WRONG)
def test_wrong_input_is_one_indonesian_sentence_with_exit_code_2_and_creates_nothing(courses, case):
    """Does each wrong input give exit code 2 and one sentence starting "Galat:", with no traceback and no file
    created or changed anywhere in the course (no empty gradebook, no stray database file)?"""
    which, arguments, words = WRONG[case]
    course = courses[which]
    before = snapshot(course)
    result = kursus(course, *[argument.replace("{course}", str(course)) for argument in arguments])
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert len(lines) == 1 and lines[0].startswith("Galat: "), result.stderr
    assert words in lines[0]
    assert "Traceback" not in result.stdout + result.stderr
    assert snapshot(course) == before


def test_an_unexpected_error_is_one_sentence_and_its_traceback_is_kept(courses, monkeypatch, capsys):
    """A bug of ours is one sentence naming the file that keeps the traceback (exit 1), not a traceback."""
    from course.instructor import cli, debrief

    def broken(root, assignment):
        raise ZeroDivisionError("uji")

    monkeypatch.delenv("KURSUS_DEBUG", raising=False)
    monkeypatch.setattr(debrief, "debrief_html", broken)
    assert cli.main(["--kursus", str(courses["built"]), "debrief", ASSIGNMENT]) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith("Galat tak terduga (ZeroDivisionError)") and "\n" not in error
    kept = Path(error.rsplit(" ", 1)[-1].rstrip("."))
    try:
        assert "ZeroDivisionError: uji" in kept.read_text(encoding="utf-8")
    finally:
        kept.unlink()


def test_argparse_messages_are_translated():
    """Are argparse's own English messages (Python's) turned into Indonesian for every pattern we know?"""
    from course.instructor.cli import parser

    result = subprocess.run([sys.executable, "-c", "from course.instructor.cli import main; main(['--bogus'])"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and result.stderr.startswith("Galat: ")
    assert "the following" not in result.stderr and "unrecognized" not in result.stderr
    assert parser().prog == "kursus"
