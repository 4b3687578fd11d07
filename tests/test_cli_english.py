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


# Words of the command's Indonesian help (descriptions, help texts, value names); none of them is English.
HELP_WORDS = {
    "alat", "instruktur", "kursus", "di", "atas", "perintah", "ini", "atau", "induknya", "yang", "berisi", "mis",
    "membuat", "dari", "untuk", "semua", "tugas", "disebut", "dan", "memeriksa", "sinkron", "menilai", "kiriman",
    "secara", "paralel", "jumlah", "inti", "proses", "dengan", "ulangan", "bila", "gagal", "dinilai", "setiap",
    "punya", "hanya", "peserta", "berapa", "kali", "mengulang", "penilaian", "karena", "gangguan", "sesaat", "ulang",
    "menghitung", "nilai", "luar", "mencari", "pemalsuan", "serta", "kerusakan", "berkas", "hasil", "memulihkan",
    "sel", "terkunci", "dihapus", "membuang", "ganda", "sebelum", "melaporkan", "tidak", "mengubah", "menulis",
    "umpan", "balik", "tanpa", "kunci", "tampilkan", "jawaban", "benar", "setelah", "tenggat", "laporan",
    "analisis", "butir", "penguasaan", "keluar", "buka", "peramban", "tampilan", "diskusi", "kelas", "terkumpul",
    "menjalankan", "seluruh", "siklus", "pada", "kohort", "sintetis", "salinan", "sementara", "baru", "dipakai",
    "belajar", "mandiri", "anda", "sendiri", "membuka", "kerja", "menyalin", "ke", "lalu", "belum", "ada", "sudah",
    "pernah", "ditimpa", "profil", "argumen", "lain", "sesudah", "diteruskan",
}


def help_pages(environment: dict | None = None) -> dict[str, str]:
    """`kursus --help` and `kursus <command> --help` of every command, as the installed command prints them."""
    import subprocess

    from course.instructor.cli import parser

    from .conftest import BIN

    commands = next(action for action in parser()._actions if action.dest == "perintah").choices
    pages = {}
    for name in ["", *commands]:
        result = subprocess.run([str(BIN / "kursus"), *([name] if name else []), "--help"], env=environment,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0 and not result.stderr, result.stderr
        pages[name or "kursus"] = result.stdout
    return pages


def help_words(page: str, commands) -> list[str]:
    """Indonesian words of ours in a help page, once the command's own names are taken out: the program and
    command names, option names (--peserta), `examples`, paths (kerja/) and ids (sm0_orientasi, T1-T5)."""
    text = re.sub(r"`[^`]*`|--[\w-]+|\S*/\S*|\S*\w[_.]\w\S*|\S*\d\S*", " ", page)
    text = re.sub(r"usage: kursus( \w+)?", " ", text)                # the program and command in the usage line
    text = re.sub(rf"^\s+({'|'.join(commands)})\b", " ", text, flags=re.M)  # the command list
    return [word for word in re.findall(r"[^\W\d_]+", text) if word.casefold() in HELP_WORDS]


def test_help_in_english_mode():
    """With KURSUS_LANG=en, do `kursus --help` and every `kursus <command> --help` say no Indonesian word of ours
    (command and option names stay as they are)?"""
    pages = help_pages(dict(os.environ, KURSUS_LANG="en"))
    left = {name: help_words(page, [name for name in pages if name != "kursus"]) for name, page in pages.items()}
    assert left == {name: [] for name in pages}
    assert "usage: kursus [-h] [--kursus FOLDER] COMMAND ..." in pages["kursus"]
    assert "[--peserta [PARTICIPANT ...]] [--proses N]" in pages["autograde"]
    assert "The Paradiplomacy Course's instructor tools" in pages["kursus"]


def test_help_is_indonesian_by_default():
    """Without KURSUS_LANG, is the help Indonesian as before (so the empty English result means something)?"""
    environment = {key: value for key, value in os.environ.items() if key != "KURSUS_LANG"}
    pages = help_pages(environment)
    commands = [name for name in pages if name != "kursus"]
    assert all(help_words(page, commands) for page in pages.values())
    assert "usage: kursus [-h] [--kursus KURSUS] PERINTAH ..." in pages["kursus"]
    assert "Alat instruktur Kursus Paradiplomasi (di atas nbgrader)." in pages["kursus"]
