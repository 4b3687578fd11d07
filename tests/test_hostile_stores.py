"""One answer file, however hostile, never stops the class's tools: it is one audit row and one sentence in feedback.

Each hostile store sits beside an honest one in submitted/ of a throw-away course; the instructor views must
still work for both (no gradebook is needed for these: feedback and debrief read the stores).
"""

from __future__ import annotations

import json
import shutil

import pytest

from course import kinds
from course.bank import find_item
from course.grading import grade
from course.instructor.audit import store_findings
from course.instructor.debrief import debrief_html
from course.instructor.feedback import write_feedback
from course.instructor.records import item_records, recompute_scores, submissions
from course.store import STORE_NAME, inspect_store

from .answers import keys_of, perfect_answers
from .conftest import ROOT, make_course

ASSIGNMENT = "sm5_negosiasi"


def _deep(depth: int) -> bytes:
    return b'{"schema_version": 1, "answers": {"sm5.x": {"value": ' + b"[" * depth + b"]" * depth + b"}}}"


HOSTILE = {
    "nested_100000": (_deep(100_000), "bersarang terlalu dalam"),
    "number_5000_digits": (b'{"schema_version": 1, "answers": {"sm5.x": {"value": ' + b"9" * 5000 + b"}}}",
                           "angka yang terlalu panjang"),
    "other_schema_version": (json.dumps({"schema_version": 2, "answers": {}}).encode(), "versi skema 2"),
    "bool_schema_version": (json.dumps({"schema_version": True, "answers": {}}).encode(), "versi skema"),
    "not_json": (b"\xff\xfe{", "bukan JSON"),
    "a_list": (b"[1, 2]", "tidak berisi daftar jawaban"),
    "too_large": (b" " * (600 * 1024), "lebih besar dari"),
    "folder": (None, "adalah folder"),
}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = make_course(tmp_path_factory.mktemp("kursus"), [ASSIGNMENT])
    shutil.copytree(ROOT / "release" / ASSIGNMENT, root / "release" / ASSIGNMENT)
    honest = root / "submitted" / "jujur" / ASSIGNMENT
    honest.mkdir(parents=True)
    values = dict(perfect_answers(ASSIGNMENT))
    pair = find_item("sm5.negosiasi_pasangan")
    values[pair.id] = next(example.stored for example in kinds.examples(pair) if example.label == "right")
    answers = {item: {"value": value, "saved_at": "2026-12-01T10:00:00"} for item, value in values.items()}
    (honest / STORE_NAME).write_text(json.dumps({"schema_version": 1, "assignment": ASSIGNMENT, "answers": answers}))
    for name, (raw, _reason) in HOSTILE.items():
        folder = root / "submitted" / name / ASSIGNMENT
        folder.mkdir(parents=True)
        if raw is None:
            (folder / STORE_NAME).mkdir()
        else:
            (folder / STORE_NAME).write_bytes(raw)
    return root


@pytest.mark.parametrize("name", HOSTILE)
def test_the_reason_is_one_indonesian_sentence(course, name):
    """Is the store read without an exception, as no answers, with the reason?"""
    reading = inspect_store(course / "submitted" / name / ASSIGNMENT / STORE_NAME)
    assert reading.answers == {} and HOSTILE[name][1] in reading.problem


@pytest.mark.parametrize("name", HOSTILE)
def test_audit_gives_one_row(course, name):
    found = store_findings(course / "submitted" / name / ASSIGNMENT, set())
    assert len(found) == 1 and found[0][0] == "jawaban_rusak" and HOSTILE[name][1] in found[0][2]


@pytest.mark.parametrize("name", HOSTILE)
def test_grading_scores_zero_without_stderr(course, name, capsys, monkeypatch):
    """Does a hidden test on the hostile store give 0 points and print nothing (nbgrader reads stderr as failure)?"""
    monkeypatch.chdir(course / "submitted" / name / ASSIGNMENT)
    item_id, entry = next(iter(keys_of(ASSIGNMENT).items()))
    assert float(grade(item_id, entry["key"], entry["points"])) == 0.0
    assert capsys.readouterr().err == ""


def test_feedback_for_the_class_names_the_problem_and_keeps_the_honest_score(course):
    """Is every participant's page written, the hostile ones saying why, the honest one with full marks?"""
    pages = {path.parts[-3]: path.read_text(encoding="utf-8") for path in write_feedback(course, ASSIGNMENT)}
    assert set(pages) == {"jujur", *HOSTILE}
    for name, (_raw, reason) in HOSTILE.items():
        assert "Berkas jawaban Anda tidak dapat dibaca" in pages[name] and reason in pages[name]
    assert "tidak dapat dibaca" not in pages["jujur"]
    records = item_records(course, ASSIGNMENT)
    honest = next(submission for submission in submissions(course, ASSIGNMENT) if submission.student == "jujur")
    assert sum(recompute_scores(records, honest).values()) == sum(entry["points"] for entry in keys_of(ASSIGNMENT).values())


def test_debrief_works_beside_hostile_stores(course):
    """Is the honest pair's agreement counted, and the hostile stores simply not?"""
    page, frame = debrief_html(course, ASSIGNMENT)
    assert "<table" in page and frame["catatan"].sum() == 1 and frame["sepakat"].sum() == 1
