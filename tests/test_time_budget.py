"""Does each session fit its 90 minutes: reading at 120 words a minute plus answering, within its "Alur sesi"?"""

from __future__ import annotations

import re

import nbformat
import pytest

from course import kinds
from course.bank import all_banks

from .conftest import ASSIGNMENTS, ROOT

WORDS_PER_MINUTE = 120
PLENARY = re.compile(r"presentasi|tanggapan|kesimpulan|review|tanya jawab|penjelasan fasilitator|perkenalan|"
                     r"pembukaan|penutupan|pemanasan bersama|diskusi kelas", re.IGNORECASE)
"""Rows of an "Alur sesi" in which the facilitator or the groups talk to the room: no notebook time."""
COLLAPSED = re.compile(r"<details>.*?</details>", re.DOTALL)
HIDDEN = re.compile(r"<span class=\"kursus-voila\"[^>]*>.*?</span>|<[^>]+>|\(https?://[^)]*\)|<https?://[^>]*>|https?://\S+",
                    re.DOTALL)


def notebook_cells(assignment: str):
    return nbformat.read(ROOT / "release" / assignment / f"{assignment}.ipynb", as_version=4).cells


def session_rows(assignment: str) -> list[tuple[str, int]]:
    """(Bagian, minutes) of each row of the notebook's "Alur sesi" table."""
    plan = next(cell.source for cell in notebook_cells(assignment)
                if cell.cell_type == "markdown" and cell.source.startswith("## Alur sesi"))
    rows = []
    for line in plan.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        minutes = re.fullmatch(r"(\d+) menit", cells[1]) if len(cells) >= 3 else None
        if minutes:
            rows.append((cells[0], int(minutes.group(1))))
    return rows


def visible_words(text: str) -> int:
    """Words a participant reads by default: collapsed <details> blocks, link targets and markup left out."""
    return len(HIDDEN.sub(" ", COLLAPSED.sub(" ", text)).split())


def reading_words(assignment: str) -> int:
    prose = sum(visible_words(cell.source) for cell in notebook_cells(assignment) if cell.cell_type == "markdown")
    items = all_banks()[assignment.split("_", 1)[0]]
    shown = sum(visible_words(" ".join([item.prompt, *(choice["text"] for group in
                                                     (item.options, item.entries, item.categories, item.fields)
                                                     for choice in group)])) for item in items)
    return prose + shown


def budget(assignment: str) -> dict:
    rows = session_rows(assignment)
    notebook_minutes = sum(minutes for part, minutes in rows if not PLENARY.search(part))
    answering = sum(kinds.kind_of(item).answer_minutes(item) for item in all_banks()[assignment.split("_", 1)[0]])
    reading = reading_words(assignment) / WORDS_PER_MINUTE
    return {"session": sum(minutes for _part, minutes in rows), "notebook": notebook_minutes,
            "reading": reading, "answering": answering, "need": reading + answering}


def test_plenary_rows_are_recognised():
    assert PLENARY.search("6. Presentasi kelompok (langkah 3)") and not PLENARY.search("5. Kerja kelompok (langkah 2)")
    assert visible_words("Baca ini.\n\n<details><summary>Untuk pendalaman</summary>\n\nPanjang sekali.\n</details>") == 2


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_reading_and_answering_fit_the_session(assignment):
    figures = budget(assignment)
    print(f"{assignment}: baca {figures['reading']:.0f} + jawab {figures['answering']:.0f} = {figures['need']:.0f} "
          f"menit; waktu buku kerja {figures['notebook']} dari {figures['session']} menit")
    assert figures["need"] <= figures["notebook"], (
        f"{assignment} needs {figures['need']:.0f} min (reading {figures['reading']:.0f} at {WORDS_PER_MINUTE} words/min, "
        f"answering {figures['answering']:.0f}) but its Alur sesi gives {figures['notebook']} min of notebook time")
