"""CSV exports are safe to open in a spreadsheet: no text cell starts a formula (OWASP CSV injection)."""

from __future__ import annotations

import csv

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.instructor.report import build_report
from course.instructor.spreadsheet import FORMULA_STARTS, neutralise, write_csv

from .test_report import synthetic_results

HOSTILE = ['=HYPERLINK("http://x","klik")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_text_gets_an_apostrophe(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["peserta01", "(tidak dijawab)", "", -0.5, 3, None])
def test_other_values_are_kept(value):
    assert neutralise(value) == value


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.lists(st.text(max_size=12), min_size=1, max_size=6))
def test_no_written_cell_starts_a_formula(tmp_path_factory, texts):
    """Whatever text is in a frame, does every cell of the written CSV start harmlessly?"""
    path = tmp_path_factory.mktemp("csv") / "x.csv"
    write_csv(pd.DataFrame({"teks": texts, "angka": range(len(texts))}), path)
    with open(path, encoding="utf-8", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS) and not cell.lstrip("-").isdigit()]


def test_report_neutralises_a_hostile_participant_id(tmp_path):
    """Does nilai.csv show a participant folder named like a formula as text?"""
    results = synthetic_results()
    results.loc[results["student"] == "p01", "student"] = HOSTILE[0]
    build_report(results, tmp_path)
    students = pd.read_csv(tmp_path / "nilai.csv")["student"]
    assert "'" + HOSTILE[0] in set(students) and HOSTILE[0] not in set(students)
