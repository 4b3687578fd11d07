"""Is every known error of the module corrected where the course states the claim, with its source beside it?"""

from __future__ import annotations

import csv

import nbformat
import pytest

from .conftest import ROOT

CORRECTIONS = ROOT / "docs" / "koreksi-modul.csv"
ROWS = list(csv.DictReader(CORRECTIONS.open(encoding="utf-8")))
"""The module's errors (../shared/reference/module_errors.csv, plus the ones found later), each with the notebooks
that must correct it, a phrase of the correction and a source that must sit in the same cell."""


def markdown_cells(assignment: str) -> list[str]:
    notebook = nbformat.read(ROOT / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    return [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]


def test_every_row_says_where_and_how():
    assert len(ROWS) >= 16
    for row in ROWS:
        assert all(row[column].strip() for column in ("module_claim", "correct_fact", "source_url", "notebooks",
                                                       "phrase", "source_in_cell")), row


@pytest.mark.parametrize("row", ROWS, ids=[row["module_claim"][:40] for row in ROWS])
def test_correction_with_its_source_in_the_notebook(row):
    for assignment in row["notebooks"].split():
        cells = [cell for cell in markdown_cells(assignment)
                 if row["phrase"].casefold() in cell.casefold() and row["source_in_cell"].casefold() in cell.casefold()
                 and ("catatan fakta" in cell.casefold() or "singkatan" in cell.casefold())]
        assert cells, (f"{assignment}: no Catatan fakta (or Singkatan table) with \u201c{row['phrase']}\u201d and its source "
                       f"\u201c{row['source_in_cell']}\u201d for: {row['module_claim']}")
