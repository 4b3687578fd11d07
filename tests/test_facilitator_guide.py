"""The facilitator guide (docs/panduan-fasilitator.md) stays true to the CLI, the question banks and the clock.

Conventions the guide follows, parsed here:
- a session is a level-2 heading ``## SM<n> — ...``; its run sheet is the first table with the columns
  ``Menit`` ("a–b") and ``Durasi`` (minutes);
- a rubric is a heading holding ``Rubrik`` and the item id in backticks, followed by a table with a ``Poin``
  column (one row per criterion, a last row ``Jumlah``) and the level columns named by their points.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
from pathlib import Path

import pytest

from course.instructor.cli import parser

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "panduan-fasilitator.md"
SESSIONS = [f"SM{n}" for n in range(7)]
# `kursus kelas` (issue 16) is built in the same release: where the CLI lacks it, its lines may use only these
PLANNED_KELAS_OPTIONS = {"--folder": True, "--terkumpul": False, "--hub": False, "--nama": False, "--help": False}


def _text() -> str:
    return GUIDE.read_text(encoding="utf-8")


def _number(text: str) -> float:
    return float(text.strip().strip("*").replace(",", "."))


def _tables(lines: list[str]) -> list[list[list[str]]]:
    """Every markdown table in ``lines``: rows of stripped cells, the separator row left out."""
    tables, current = [], []
    for line in [*lines, ""]:
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if not all(re.fullmatch(r":?-+:?", cell) for cell in cells):
                current.append(cells)
        elif current:
            tables.append(current)
            current = []
    return tables


def _section(lines: list[str], heading: re.Pattern) -> list[str]:
    """The lines after the first heading matching ``heading`` up to the next heading of the same or a higher level."""
    for start, line in enumerate(lines):
        if heading.search(line):
            level = len(line) - len(line.lstrip("#"))
            end = next((index for index in range(start + 1, len(lines))
                        if re.match(rf"#{{1,{level}}} ", lines[index])), len(lines))
            return lines[start + 1:end]
    raise AssertionError(f"no heading matching {heading.pattern!r} in {GUIDE.name}")


def _code_block_commands() -> list[str]:
    """Every ``kursus ...`` line inside the guide's fenced code blocks (comments dropped)."""
    commands, fenced = [], False
    for line in _text().splitlines():
        if line.strip().startswith("```"):
            fenced = not fenced
            continue
        if fenced:
            words = shlex.split(line, comments=True)
            if words and words[0] == "kursus":
                commands.append(" ".join(words))
    return commands


def _inline_commands() -> list[str]:
    """Inline code spans that name a ``kursus`` command (placeholders such as <tugas> left out)."""
    return [span for span in re.findall(r"`(kursus [^`]+)`", _text()) if "<" not in span]


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    action = next(action for action in parser()._actions if isinstance(action, argparse._SubParsersAction))
    return dict(action.choices)


def _graded_reflections() -> dict[str, float]:
    found = {}
    for path in sorted((ROOT / "course" / "banks").glob("sm*.json")):
        for item in json.loads(path.read_text(encoding="utf-8"))["items"]:
            if item["mode"] == "penilaian" and item["kind"] in {"reflection", "structured_reflection"}:
                found[item["id"]] = float(item["points"])
    return found


def test_guide_has_code_blocks_with_commands():
    """Does the guide show the session day's commands at all (so the checks below check something)?"""
    commands = _code_block_commands()
    for needed in ("build", "autograde", "audit", "repair", "feedback", "report", "kelas"):
        assert any(command.split()[1] == needed for command in commands), f"no `kursus {needed}` in a code block"


@pytest.mark.parametrize("command", _code_block_commands())
def test_every_command_in_a_code_block_parses(command):
    """Does every `kursus ...` line of the guide's code blocks parse with the real CLI (argparse, no work done)?"""
    words = shlex.split(command)[1:]
    subcommands = _subcommands()
    if words[0] == "kelas" and "kelas" not in subcommands:
        # the board is being built in this release: hold the guide to the options the issue names
        assert (ROOT / "release" / words[1]).is_dir(), f"{command}: unknown assignment {words[1]!r}"
        rest = iter(words[2:])
        for word in rest:
            assert word in PLANNED_KELAS_OPTIONS, f"{command}: {word!r} is not a planned option of kursus kelas"
            if PLANNED_KELAS_OPTIONS[word]:  # an option with a value (--folder DIR)
                value = next(rest, None)
                assert value and not value.startswith("-"), f"{command}: {word} needs a value"
        return
    try:
        arguments, extra = parser().parse_known_args(words)
    except SystemExit as stop:
        raise AssertionError(f"`{command}` does not parse (exit {stop.code})") from None
    if words[0] != "buka":  # `kursus buka` hands what it does not know to JupyterLab
        assert not extra, f"`{command}`: unknown arguments {extra}"
    for name in re.findall(r"\bsm\d_[a-z_]+", command):
        assert (ROOT / "release" / name).is_dir(), f"`{command}` names {name!r}, which is not an assignment"


@pytest.mark.parametrize("command", _inline_commands())
def test_inline_commands_name_real_commands_and_options(command):
    """Does every `kursus ...` named in the text use a real subcommand (or the planned board) and its options?"""
    words = shlex.split(command)[1:]
    subcommands = _subcommands()
    name = words[0]
    if name == "kelas" and "kelas" not in subcommands:
        known = set(PLANNED_KELAS_OPTIONS)
    else:
        assert name in subcommands, f"`{command}`: no subcommand {name!r}"
        known = set(subcommands[name]._option_string_actions)
    for word in words[1:]:
        if word.startswith("-"):
            assert word in known, f"`{command}`: {word} is not an option of kursus {name}"


def test_the_board_is_marked_as_new_in_this_release():
    """Does the guide say the board is new in this release and where its final form is (`kursus kelas --help`)?"""
    board = "\n".join(_section(_text().splitlines(), re.compile(r"^## Papan kelas")))
    assert "Baru dalam rilis ini" in board and "`kursus kelas --help`" in board


@pytest.mark.parametrize("session", SESSIONS)
def test_each_run_sheet_fills_90_minutes(session):
    """Does each session's run sheet add up to 90 minutes, block after block with no gap or overlap?"""
    lines = _section(_text().splitlines(), re.compile(rf"^## {session}\b"))
    sheet = next((table for table in _tables(lines) if {"Menit", "Durasi"} <= set(table[0])), None)
    assert sheet, f"{session}: no table with the columns Menit and Durasi"
    minute, length = sheet[0].index("Menit"), sheet[0].index("Durasi")
    clock = 0
    for row in sheet[1:]:
        start, end = (int(part) for part in re.split(r"[–-]", row[minute]))
        assert start == clock, f"{session}: row {row[minute]} starts at {start}, the previous one ended at {clock}"
        assert end - start == int(row[length]), f"{session}: row {row[minute]} lasts {end - start}, not {row[length]}"
        clock = end
    assert clock == 90 and sum(int(row[length]) for row in sheet[1:]) == 90, f"{session}: {clock} minutes, not 90"


def test_every_graded_reflection_of_the_banks_is_known():
    """Are the graded reflections the ones the guide was written for (a new one needs a rubric)?"""
    assert set(_graded_reflections()) == {
        "sm1.refleksi_perbandingan", "sm2.refleksi_aktor_daerah", "sm3.praktik_daerah", "sm4.masalah_tata_kelola",
        "sm5.refleksi_negosiasi"}


@pytest.mark.parametrize("item_id,points", sorted(_graded_reflections().items()))
def test_every_graded_reflection_has_a_rubric_that_sums_to_its_points(item_id, points):
    """Has each graded reflection a rubric whose criteria's points sum to the item's points in the bank?"""
    lines = _section(_text().splitlines(), re.compile(rf"^#+ .*Rubrik .*`{re.escape(item_id)}`"))
    heading = next(line for line in _text().splitlines() if f"`{item_id}`" in line and "Rubrik" in line)
    stated = re.search(r"(\d+(?:,\d+)?) poin", heading)
    assert stated and _number(stated.group(1)) == points, f"{item_id}: heading says {heading!r}, bank {points:g}"
    table = next((table for table in _tables(lines) if "Poin" in table[0]), None)
    assert table, f"{item_id}: no rubric table with a Poin column"
    header, column = table[0], table[0].index("Poin")
    levels = [_number(cell) for cell in header[column + 1:]]
    assert levels and max(levels) > 0 and min(levels) == 0, f"{item_id}: level columns {header[column + 1:]}"
    criteria = [row for row in table[1:] if "Jumlah" not in row[0]]
    total = [row for row in table[1:] if "Jumlah" in row[0]]
    assert len(criteria) >= 2, f"{item_id}: a rubric needs criteria"
    for row in criteria:
        worth = _number(row[column])
        assert worth == max(levels), f"{item_id}: {row[0]} is worth {worth:g}, its top level {max(levels):g}"
        assert all(cell for cell in row[column + 1:]), f"{item_id}: {row[0]} leaves a level undescribed"
    assert sum(_number(row[column]) for row in criteria) == points, f"{item_id}: criteria do not sum to {points:g}"
    assert total and _number(total[0][column]) == points, f"{item_id}: the Jumlah row does not say {points:g}"
    assert any(line.startswith("**Jawaban contoh") for line in lines), f"{item_id}: no model answer"


def test_task_cells_in_the_sources_match_the_banks():
    """Do the manually graded cells formgrader shows carry the same points as the banks' reflections?"""
    cells = {}
    for path in sorted((ROOT / "source").glob("sm*/sm*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if meta.get("task"):
                cells[meta["grade_id"]] = float(meta["points"])
    for item_id, points in _graded_reflections().items():
        name = item_id.split(".", 1)[1]
        matching = [value for grade_id, value in cells.items() if grade_id.endswith(f"_tugas_{name}")]
        assert matching == [points], f"{item_id}: task cell points {matching}, bank {points:g}"


def test_readme_links_the_guide():
    """Can an instructor find the guide from the README?"""
    assert "docs/panduan-fasilitator.md" in (ROOT / "README.md").read_text(encoding="utf-8")
