"""Audit names a locked cell whose tags a participant changed (autograde restores them; the instructor should know)."""

from __future__ import annotations

import copy

import nbformat

from course.instructor.audit import notebook_findings

from .conftest import ROOT

RELEASED = nbformat.read(ROOT / "release" / "sm1_diplomasi" / "sm1_diplomasi.ipynb", as_version=4)


def test_a_skip_tag_on_a_test_cell_is_one_finding(tmp_path):
    """Does a test cell tagged skip-execution give exactly one tag_sel_diubah finding, naming the cell?"""
    submitted = copy.deepcopy(RELEASED)
    test_cell = next(cell for cell in submitted.cells if "_nilai_" in cell.metadata.get("nbgrader", {}).get("grade_id", ""))
    test_cell.metadata["tags"] = ["skip-execution"]
    nbformat.write(submitted, tmp_path / "kiriman.ipynb")
    findings = notebook_findings(RELEASED, tmp_path / "kiriman.ipynb")
    assert findings == [("tag_sel_diubah", test_cell.metadata["nbgrader"]["grade_id"],
                         "tag ['skip-execution'] (dipulihkan dari rilis saat penilaian)")]


def test_an_untouched_notebook_has_no_finding(tmp_path):
    nbformat.write(RELEASED, tmp_path / "kiriman.ipynb")
    assert notebook_findings(RELEASED, tmp_path / "kiriman.ipynb") == []
