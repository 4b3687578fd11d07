"""The benchmark's smoke run: it must keep working, and its table must say something true."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.pipeline


def test_benchmark_smoke_run_prints_the_table_and_grades_like_stock_nbgrader(tmp_path):
    """Does `python benchmarks/run.py --smoke` finish, print every section, and find identical scores?"""
    result = subprocess.run([sys.executable, "benchmarks/run.py", "--smoke", "--keluar", str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    for heading in ("## 1. Autograde", "## 2. Start-up", "## 3. Sisi peserta", "## 4. Gradebook", "## Target"):
        assert heading in result.stdout
    results = json.loads((tmp_path / "hasil.json").read_text())
    rows = results["cohort"]["rows"]
    assert [row["size"] for row in rows] == [2, 3]
    assert all(row["same_scores"] for row in rows), "parallel autograde graded differently from stock nbgrader"
    assert all(row["stock"] > 0 and row["parallel"] > 0 and row["floor"] > 0 for row in rows)
    for row in rows:  # two runs each in the smoke run; the table gives their medians and lists every run
        assert len(row["parallel_runs"]) == len(row["floor_runs"]) == 2
        assert row["parallel"] == pytest.approx(sum(row["parallel_runs"]) / 2)
        assert row["floor"] == pytest.approx(sum(row["floor_runs"]) / 2)
        assert row["floor_per_assignment"] == {"sm1_diplomasi": row["floor"]}
    assert "Setiap ulangan" in result.stdout
    for heading in ("stok ÷ paralel", "paralel ÷ lantai", "lantai s/nb per proses", "Lantai sm1_diplomasi"):
        assert heading in result.stdout
    startup = results["startup"]
    assert startup["import_fixed"] < startup["import_stock"], "the deferred import no longer saves start-up time"
    assert results["participant"]["import"] < 0.3
    for row in results["participant"]["rows"]:
        assert row["kernel_mb"] < 150 and row["size_kb"] < 250
    if os.environ.get("KURSUS_TEST_POSTGRES_URL"):  # always so in CI: scripts/uji.sh starts a server
        assert results["gradebook"]["same_scores"] and results["gradebook"]["postgres"] > 0
