"""Start-up of the grading tools with and without the deferred ``rfc3987_syntax`` import (``course._lazy``)."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

__all__ = ["import_nbgrader", "worker_ready"]

_PROBE = "import time; t = time.perf_counter(); {imports}; print(time.perf_counter() - t)"


def _median(code: str, repeats: int) -> float:
    return statistics.median(float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                                  check=True, cwd=tempfile.gettempdir()).stdout)
                             for _ in range(repeats))


def import_nbgrader(repeats: int = 5) -> tuple[float, float]:
    """(stock, fixed): seconds to import nbgrader's apps alone, and after ``import course`` (which defers the cost)."""
    return (_median(_PROBE.format(imports="import nbgrader.apps"), repeats),
            _median(_PROBE.format(imports="import course, nbgrader.apps"), repeats))


def worker_ready(course_root: Path, repeats: int = 3) -> float:
    """Seconds from spawning one ``grade_worker`` until it reports ready (imports done, configuration read)."""
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "course.instructor.grade_worker", str(course_root)],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert json.loads(process.stdout.readline()) == {"ready": True}
        runs.append(time.perf_counter() - started)
        process.stdin.close()
        process.wait()
    return statistics.median(runs)
