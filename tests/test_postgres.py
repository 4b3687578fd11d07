"""The gradebook in PostgreSQL: build, parallel autograde, the kursus CLI and its errors, on a real server.

The server comes from KURSUS_TEST_POSTGRES_URL, a superuser URL (`scripts/uji.sh` starts a throw-away
one on loopback). Each fixture below works in a database of its own, created for it and dropped after.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from nbgrader.api import Gradebook
from sqlalchemy.engine import make_url

from course.instructor.grading import autograde, build
from course.instructor.records import gradebook_rows, item_records, recompute_scores, submissions
from course.instructor.results import collect_results
from course.instructor.synthetic import write_submission

from .conftest import make_course

pytestmark = pytest.mark.pipeline
ASSIGNMENT = "sm1_diplomasi"
COHORT = ["kuat_01", "sedang_01", "lemah_01", "kosong_01"]  # abilities 0.95, 0.7, 0.4 and nothing handed in
KURSUS = Path(sys.executable).parent / "kursus"


@pytest.fixture(scope="module")
def server() -> str:
    """The superuser URL of the test server; CI must never skip these tests silently."""
    url = os.environ.get("KURSUS_TEST_POSTGRES_URL", "").strip()
    if not url:
        reason = ("KURSUS_TEST_POSTGRES_URL is not set: run `bash scripts/uji.sh` (it starts a throw-away "
                  "PostgreSQL server) or export a superuser URL, e.g. postgresql://postgres:pw@127.0.0.1:5432/postgres")
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return url


@contextmanager
def fresh_database(server: str, tag: str):
    """A new, empty database on the server for the duration of the block; its URL (same credentials)."""
    import psycopg2

    name = f"kursus_uji_{tag}_{uuid.uuid4().hex[:10]}"
    admin = make_url(server)

    def execute(statement: str) -> None:
        connection = psycopg2.connect(host=admin.host, port=admin.port or 5432, user=admin.username,
                                      password=admin.password, dbname=admin.database or "postgres")
        connection.autocommit = True  # CREATE/DROP DATABASE cannot run inside a transaction
        try:
            with connection.cursor() as cursor:
                cursor.execute(statement)
        finally:
            connection.close()

    execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.set(drivername="postgresql", database=name).render_as_string(hide_password=False)
    finally:
        execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # FORCE: PostgreSQL 13 or newer


def _cohort(course: Path, url: str | None, workers: int = 2) -> None:
    """Build the assignment into the gradebook at ``url`` (None: SQLite), hand in the cohort, grade in parallel."""
    build(course, [ASSIGNMENT], url=url)
    records = item_records(course, ASSIGNMENT)
    for student in COHORT:
        write_submission(course, ASSIGNMENT, student, records)
    results = autograde(course, ASSIGNMENT, workers=workers, url=url, progress=False)
    assert sorted(result.student for result in results) == sorted(COHORT)
    assert all(result.ok for result in results), results


@pytest.fixture(scope="module")
def graded(server, tmp_path_factory):
    """The same cohort graded twice, two processes at a time: into SQLite and into PostgreSQL."""
    sqlite_course = make_course(tmp_path_factory.mktemp("sqlite"), [ASSIGNMENT])
    _cohort(sqlite_course, None)
    with fresh_database(server, "kohort") as url:
        postgres_course = make_course(tmp_path_factory.mktemp("postgres"), [ASSIGNMENT])
        _cohort(postgres_course, url)
        yield {"sqlite": (sqlite_course, None), "postgres": (postgres_course, url)}


def _scores(course: Path, url: str | None) -> dict:
    """{student: {grade cell: (auto score, max score)}} as the gradebook holds them."""
    return {student: {name: (cell["auto"], cell["max"]) for name, cell in cells.items()}
            for student, cells in gradebook_rows(course, ASSIGNMENT, url).items()}


def _totals(scores: dict) -> dict:
    return {student: round(sum(auto or 0 for auto, _max in cells.values()), 4) for student, cells in scores.items()}


def test_postgres_gradebook_holds_exactly_the_scores_of_sqlite(graded):
    """Does a cohort graded in parallel into PostgreSQL get, cell by cell, the scores it gets in SQLite?"""
    (sqlite_course, _none), (postgres_course, url) = graded["sqlite"], graded["postgres"]
    assert not (postgres_course / "gradebook.db").exists()  # nothing went to the default SQLite file instead
    in_postgres, in_sqlite = _scores(postgres_course, url), _scores(sqlite_course, None)
    assert sorted(in_postgres) == sorted(COHORT)
    assert in_postgres == in_sqlite
    totals = _totals(in_postgres)
    assert totals["kuat_01"] > totals["lemah_01"] > 0 == totals["kosong_01"]
    # and they are the scores recomputed outside the kernel from each participant's store
    records = item_records(postgres_course, ASSIGNMENT)
    for submission in submissions(postgres_course, ASSIGNMENT, "autograded"):
        expected = round(sum(recompute_scores(records, submission).values()), 4)
        assert totals[submission.student] == pytest.approx(expected), submission.student
    columns = ["student", "item_id", "points", "max_points"]
    assert collect_results(postgres_course, url)[columns].equals(collect_results(sqlite_course)[columns])


def _kursus(course: Path, *arguments: str) -> subprocess.CompletedProcess:
    """The installed ``kursus`` command, as an instructor types it."""
    return subprocess.run([str(KURSUS), "--kursus", str(course), *arguments], capture_output=True, text=True,
                          timeout=600, env=dict(os.environ, PATH=f"{KURSUS.parent}{os.pathsep}{os.environ['PATH']}"))


def test_kursus_commands_with_db_work_end_to_end(graded, server, tmp_path):
    """build, autograde, audit, feedback and report with --db postgresql://...: exit 0, right scores, hand grades read."""
    sqlite_course, _none = graded["sqlite"]
    course = make_course(tmp_path / "kursus", [ASSIGNMENT])
    shutil.copytree(graded["postgres"][0] / "submitted", course / "submitted")
    chosen = ["kuat_01", "kosong_01"]
    with fresh_database(server, "cli") as url:
        steps = [
            ("build", ASSIGNMENT, "--db", url),
            ("autograde", ASSIGNMENT, "--peserta", *chosen, "--proses", "2", "--db", url),
            ("audit", ASSIGNMENT, "--db", url),
            ("feedback", ASSIGNMENT, "--db", url),
        ]
        for step in steps:
            result = _kursus(course, *step)
            assert result.returncode == 0, f"kursus {step[0]}:\n{result.stdout}\n{result.stderr}"
            if step[0] == "autograde":
                assert re.search(r"\b2 dari 2\b", result.stdout), result.stdout  # both graded
        in_postgres = _scores(course, url)
        assert in_postgres == {student: cells for student, cells in _scores(sqlite_course, None).items()
                               if student in chosen}
        assert not (course / "gradebook.db").exists()
        # a reflection graded by hand in the PostgreSQL gradebook (as formgrade would) reaches nilai.csv
        reflection = next(record for record in item_records(course, ASSIGNMENT) if record.hand_graded)
        with Gradebook(url, "paradiplomasi") as gradebook:
            notebook = gradebook.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, "kuat_01")
            grade = next(grade for grade in notebook.grades if grade.name.endswith(reflection.cell_name))
            grade.manual_score = reflection.points
            gradebook.db.commit()
        result = _kursus(course, "report", "--keluar", str(tmp_path / "laporan"), "--db", url)
        assert result.returncode == 0, result.stderr
    with open(tmp_path / "laporan" / "nilai.csv", encoding="utf-8") as table:
        total = {row["student"]: float(row["total"]) for row in csv.DictReader(table)}
    assert total["kuat_01"] == pytest.approx(_totals(in_postgres)["kuat_01"] + reflection.points)
    assert total["kosong_01"] == 0
    assert (course / "feedback" / "kuat_01" / ASSIGNMENT / f"{ASSIGNMENT}.html").exists()


def test_a_wrong_postgres_url_is_one_clear_sentence(server, tmp_path):
    """A closed port, a wrong password or an unknown database: exit 2 and a message in Indonesian, no traceback."""
    course = make_course(tmp_path / "kursus", [ASSIGNMENT])
    good = make_url(server).set(drivername="postgresql")
    wrong = {
        "port tertutup": good.set(port=1),
        "kata sandi salah": good.set(password="bukan-kata-sandinya"),
        "basis data tidak ada": good.set(database="kursus_tidak_ada"),
    }
    commands = [("autograde", ASSIGNMENT), ("report",), ("build", ASSIGNMENT)]
    for (case, bad), command in zip(wrong.items(), commands):
        result = _kursus(course, *command, "--db", bad.render_as_string(hide_password=False))
        assert result.returncode == 2, (case, command, result.stdout, result.stderr)
        assert result.stderr.startswith("Galat: Gradebook tidak dapat dibuka (postgresql://"), (case, result.stderr)
        assert "Periksa host, port, nama pengguna, kata sandi" in result.stderr, (case, result.stderr)
        assert "Traceback" not in result.stderr and "bukan-kata-sandinya" not in result.stderr, (case, result.stderr)
        assert result.stdout == "", (case, result.stdout)
