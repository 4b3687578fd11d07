"""What a participant waits for and carries: ``import course``, run-all per notebook, kernel memory, file sizes."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROWSER_TIMINGS = ROOT / "test-artifacts"

__all__ = ["import_seconds", "run_all", "released_size", "browser_seconds"]

_IMPORT_PROBE = "import time; t = time.perf_counter(); import course; print(time.perf_counter() - t)"


def import_seconds(repeats: int = 7) -> float:
    """Median wall time of ``import course`` in a fresh interpreter (interpreter start-up excluded)."""
    runs = [float(subprocess.run([sys.executable, "-c", _IMPORT_PROBE], capture_output=True, text=True,
                                 check=True, cwd=tempfile.gettempdir()).stdout) for _ in range(repeats)]
    return statistics.median(runs)


def _resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_all(assignment: str) -> tuple[float, float]:
    """(seconds, kernel MB): run every cell of the released notebook headless, as a participant's kernel would."""
    import nbformat
    from nbclient import NotebookClient

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder) / assignment
        shutil.copytree(ROOT / "release" / assignment, work)
        notebook = nbformat.read(work / f"{assignment}.ipynb", as_version=4)
        environment = os.environ.pop("NBGRADER_EXECUTION", None)  # a participant: widgets are built
        client = NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(work)}})
        try:
            with client.setup_kernel(stderr=subprocess.DEVNULL):
                started = time.perf_counter()
                for index, cell in enumerate(notebook.cells):
                    if cell.cell_type == "code":
                        client.execute_cell(cell, index)
                seconds = time.perf_counter() - started
                memory = _resident_mb(client.km.provisioner.process.pid)
        finally:
            if environment is not None:
                os.environ["NBGRADER_EXECUTION"] = environment
    return seconds, memory


def released_size(assignment: str) -> float:
    """KB of the notebook a participant fetches."""
    return (ROOT / "release" / assignment / f"{assignment}.ipynb").stat().st_size / 1024


def browser_seconds(assignment: str) -> float | None:
    """Run-all -> last widget ready in JupyterLab, as the last browser test run measured it (None: not run here)."""
    path = BROWSER_TIMINGS / f"waktu_{assignment}.json"
    if not path.exists():
        return None
    return json.loads(path.read_text())["run_all_seconds"]
