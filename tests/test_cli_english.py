"""English mode of the `kursus` command: every message it writes has an English twin, and wrong input says so."""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

import pytest

from course.instructor.say import ENGLISH, say

from .test_cli_errors import WRONG, courses, kursus  # noqa: F401 (the fixture is used by name)

PACKAGE = Path(__file__).resolve().parents[1] / "course"
INDONESIAN = ["tidak", "belum", "jalankan", "dulu", "kiriman", "Tugas", "Galat", "berkas", "bukan", "paling", "wajib",
              "pilihan", "Periksa", "sudah", "ada di", "untuk", "dari"]


def templates_in_code() -> list[tuple[str, str]]:
    """(file, template) of every say("...") call with a literal template in the package."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "say" and node.args
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.append((path.name, node.args[0].value))
    return found


def test_every_message_of_the_command_has_an_english_twin():
    """Does each say() template in the code have an entry in ENGLISH with the same named fields?"""
    used = templates_in_code()
    assert len(used) > 40
    missing = [(name, template) for name, template in used if template not in ENGLISH]
    assert missing == []
    fields = re.compile(r"\{(\w*)\}")
    for template, english in ENGLISH.items():
        assert sorted(set(fields.findall(template))) == sorted(set(fields.findall(english))), template


def test_say_follows_the_language():
    import course

    language = course.get_language()
    try:
        course.set_language("en")
        assert say("Laporan: {path}", path="x") == "Report: x"
        course.set_language("id")
        assert say("Laporan: {path}", path="x") == "Laporan: x"
    finally:
        course.set_language(language)


CASES = ["unknown_command", "missing_assignment_argument", "unknown_assignment_audit", "zero_processes",
         "sqlite_typo_report", "unknown_participant", "report_into_a_file", "not_a_course", "no_gradebook_audit"]


@pytest.mark.parametrize("case", CASES)
def test_wrong_input_in_english_mode_is_one_english_sentence(courses, monkeypatch, case):  # noqa: F811
    """With KURSUS_LANG=en, is the one sentence English ("Error: ...") with no Indonesian word of ours?"""
    which, arguments, _words = WRONG[case]
    course = courses[which]
    monkeypatch.setenv("KURSUS_LANG", "en")
    result = kursus(course, *[argument.replace("{course}", str(course)) for argument in arguments])
    line = result.stderr.strip()
    assert result.returncode == 2 and line.startswith("Error: ") and "\n" not in line, line
    shown = re.sub(r"/\S*", "", line)  # paths are the course's, not our words
    assert [word for word in INDONESIAN if re.search(rf"(?<!\w){word}(?!\w)", shown)] == [], line
    assert os.environ.get("KURSUS_LANG") == "en"
