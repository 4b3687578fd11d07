"""Personas through nbgrader's local exchange: release, fetch, answer, submit, collect, grade, feedback back home."""

from __future__ import annotations

import json

import pytest

from course.instructor import cli
from course.store import AnswerStore

from .answers import keys_of, partial_answers, perfect_answers
from .conftest import make_course, nbgrader

pytestmark = pytest.mark.pipeline
ASSIGNMENT = "sm1_diplomasi"
COURSE_ID = "paradiplomasi"


@pytest.fixture(scope="module")
def cycle(tmp_path_factory):
    """An instructor and two participants (rajin answers well, asal answers badly), each in their own folder."""
    base = tmp_path_factory.mktemp("exchange")
    exchange = base / "exchange"
    exchange.mkdir()
    exchange.chmod(0o777)
    course = make_course(base / "instruktur", [ASSIGNMENT])
    with open(course / "nbgrader_config.py", "a", encoding="utf-8") as config:
        config.write(f"\nc.Exchange.root = {str(exchange)!r}\n")
    nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    nbgrader(course, "release_assignment", ASSIGNMENT)
    homes = {}
    for student, answers in (("rajin", perfect_answers(ASSIGNMENT)), ("asal", partial_answers(ASSIGNMENT)[0])):
        home = base / student
        home.mkdir()
        (home / "nbgrader_config.py").write_text(  # each persona has its own cache, as its own OS account would
            f"c = get_config()\nc.Exchange.root = {str(exchange)!r}\nc.CourseDirectory.course_id = {COURSE_ID!r}\n"
            f"c.Exchange.cache = {str(home / 'cache')!r}\n")
        nbgrader(home, "fetch_assignment", ASSIGNMENT, f"--student={student}")
        store = AnswerStore(home / ASSIGNMENT, assignment=ASSIGNMENT)  # what the widgets write while they work
        for item_id, value in answers.items():
            store.save(item_id, value)
        nbgrader(home, "submit", ASSIGNMENT, f"--student={student}")
        homes[student] = home
    nbgrader(course, "collect", ASSIGNMENT)
    assert cli.main(["--kursus", str(course), "autograde", ASSIGNMENT, "--proses", "2"]) == 0
    assert cli.main(["--kursus", str(course), "feedback", ASSIGNMENT]) == 0
    nbgrader(course, "release_feedback", ASSIGNMENT)
    for student, home in homes.items():
        nbgrader(home, "fetch_feedback", ASSIGNMENT, f"--student={student}")
    return course, homes


def _fetched_feedback(home) -> str:
    pages = sorted((home / ASSIGNMENT / "feedback").rglob("*.html"))
    assert len(pages) == 1, pages
    return pages[0].read_text(encoding="utf-8")


def test_collected_submissions_score_what_the_answers_deserve(cycle):
    """After release, fetch, submit and collect, does each participant get exactly the deserved score?"""
    from nbgrader.api import Gradebook

    course, _homes = cycle
    full = sum(entry["points"] for entry in keys_of(ASSIGNMENT).values())
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        scores = {student: round(gradebook.find_submission(ASSIGNMENT, student).code_score, 4)
                  for student in ("rajin", "asal")}
    assert scores == {"rajin": full, "asal": partial_answers(ASSIGNMENT)[1]}


def test_fetched_feedback_shows_own_answers_and_no_key(cycle):
    """Does the feedback each participant fetches show their own answers and verdicts, and no key?"""
    _course, homes = cycle
    secrets = [json.dumps(entry["key"], ensure_ascii=False) for entry in keys_of(ASSIGNMENT).values()
               if len(json.dumps(entry["key"])) > 12]
    good, bad = _fetched_feedback(homes["rajin"]), _fetched_feedback(homes["asal"])
    assert "rajin" in good and "asal" in bad
    assert good.count("Belum tepat") + 3 <= bad.count("Belum tepat")  # once in the legend of every page
    assert partial_answers(ASSIGNMENT)[0]["sm1.istilah_protodiplomasi"] in bad
    for page in (good, bad):
        assert not any(secret in page for secret in secrets)
        assert "grade(" not in page and "HIDDEN" not in page


def test_participants_never_receive_a_key_through_the_exchange(cycle):
    """Does any file a participant fetched (assignment or feedback) contain a hidden test or a key?"""
    _course, homes = cycle
    secrets = [json.dumps(entry["key"], ensure_ascii=False) for entry in keys_of(ASSIGNMENT).values()
               if len(json.dumps(entry["key"])) > 12]
    for home in homes.values():
        for path in (home / ASSIGNMENT).rglob("*"):
            if path.is_file() and path.suffix in (".ipynb", ".html", ".json"):
                text = path.read_text(encoding="utf-8", errors="ignore")
                assert "HIDDEN TESTS" not in text and not any(secret in text for secret in secrets), path
