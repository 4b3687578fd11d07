"""Where one grading worker's time goes, per notebook: with nbgrader as it comes, and as the course's worker runs it.

    python benchmarks/profile_worker.py                       # sm1_diplomasi and sm3_model, 10 notebooks each
    python benchmarks/profile_worker.py --tugas sm1_diplomasi --notebook 20

One process grades the notebooks one after the other (no parallelism, so nothing hides a cost) with
nbgrader's ``Autograde`` converter, as ``grade_worker`` does. Each stage is timed in wall time and in
this process's CPU time; the kernel's own CPU time is measured from the kernels this process reaped.
"Tanpa" is nbgrader's own ``Execute`` and none of the worker's shortcuts; "dengan" is the worker exactly
as ``kursus autograde`` starts it (``grade_worker._application``, ``start_kernel_pool`` and ``settle``). Each runs
in a process of its own, on the same synthetic submissions. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import collections
import functools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import course  # noqa: E402,F401  (defers the slow rfc3987_syntax import, as the course's tools do)

STAGES = {  # label: (module, class or None, function); nested stages overlap (a commit happens inside a step)
    "kernel: luncurkan proses": ("nbclient.client", "NotebookClient", "start_new_kernel"),
    "kernel: tunggu siap (wait_for_ready)": ("nbclient.client", "NotebookClient", "start_new_kernel_client"),
    "kernel: ambil dari pool (sudah siap)": ("course.instructor.kernel_pool", "KernelPool", "take"),
    "kernel: hentikan": ("nbclient.client", "NotebookClient", "_cleanup_kernel"),
    "sel: jalankan semua sel": ("nbconvert.preprocessors.execute", "ExecutePreprocessor", "preprocess_cell"),
    "nbgrader: preprocessor selain Execute (sanitasi, simpan nilai)": (None, None, None),
    "notebook: baca": ("nbformat", None, "read"),
    "notebook: tulis": ("nbconvert.writers.files", "FilesWriter", "write"),
    "notebook: validasi skema (nbconvert)": ("nbconvert.exporters.exporter", "Exporter", "_validate_preprocessor"),
    "gradebook: buka": ("nbgrader.api", "Gradebook", "__init__"),
    "gradebook: commit SQLite": ("sqlalchemy.orm.session", "Session", "commit"),
}


def _wrap(owner, name: str, label: str, wall: collections.Counter, cpu: collections.Counter) -> None:
    original = getattr(owner, name)
    if getattr(original, "profiled", False):
        return
    if asyncio_function(original):
        @functools.wraps(original)
        async def timed(*arguments, **options):
            started, used = time.perf_counter(), time.process_time()
            try:
                return await original(*arguments, **options)
            finally:
                wall[label] += time.perf_counter() - started
                cpu[label] += time.process_time() - used
    else:
        @functools.wraps(original)
        def timed(*arguments, **options):
            started, used = time.perf_counter(), time.process_time()
            try:
                return original(*arguments, **options)
            finally:
                wall[label] += time.perf_counter() - started
                cpu[label] += time.process_time() - used
    timed.profiled = True
    setattr(owner, name, timed)


def asyncio_function(function) -> bool:
    import inspect

    return inspect.iscoroutinefunction(function)


def _instrument(wall, cpu) -> None:
    import importlib

    import nbconvert.exporters.exporter as exporter
    import nbformat

    for label, (module, owner, name) in STAGES.items():
        if module is None:
            continue
        target = importlib.import_module(module)
        _wrap(getattr(target, owner) if owner else target, name, label, wall, cpu)
    exporter.nbformat.read = nbformat.read  # the exporter reads through its own reference
    original = exporter.Exporter._preprocess

    @functools.wraps(original)
    def preprocess(self, nb, resources):  # every preprocessor but Execute: nbgrader's own work on the notebook
        for preprocessor in self._preprocessors:
            if getattr(preprocessor, "kernel_name", None) is None and not getattr(preprocessor.preprocess, "profiled", False):
                _wrap(preprocessor, "preprocess", "nbgrader: preprocessor selain Execute (sanitasi, simpan nilai)", wall, cpu)
        return original(self, nb, resources)

    exporter.Exporter._preprocess = preprocess


def _profile(course_root: Path, assignment: str, count: int, lean: bool) -> dict:
    """Grade ``count`` submissions one after another in this process; {stage: [wall, cpu]} per notebook."""
    import shutil

    from course.instructor import grade_worker

    shutil.copy(course_root / "gradebook.fresh.db", course_root / "gradebook.db")
    shutil.rmtree(course_root / "autograded", ignore_errors=True)
    if lean:
        application = grade_worker._application(str(course_root), None)
        grade_worker.start_kernel_pool(application)
        grade_worker.settle()
        grade = grade_worker.grade
    else:
        from nbgrader.apps import AutogradeApp
        from nbgrader.converters import Autograde
        from nbgrader.utils import capture_log

        os.chdir(course_root)
        application = AutogradeApp()
        application.initialize(["--force", "--log-level=WARN"])

        def grade(application, assignment, student):
            application.coursedir.assignment_id, application.coursedir.student_id = assignment, student
            capture_log(Autograde(coursedir=application.coursedir, parent=application))
            return {"ok": True}

    students = sorted(path.parent.name for path in (course_root / "submitted").glob(f"*/{assignment}"))[: count + 1]
    grade(application, assignment, students[0])  # warm: first-use imports are start-up, not per-notebook work
    wall, cpu = collections.Counter(), collections.Counter()
    _instrument(wall, cpu)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    started, used = time.perf_counter(), time.process_time()
    for student in students[1:]:
        grade(application, assignment, student)
    total_wall, total_cpu = time.perf_counter() - started, time.process_time() - used
    if lean:
        grade_worker.stop_kernel_pool()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    kernels = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    count = len(students) - 1
    stages = {label: [wall[label] / count, cpu[label] / count] for label in STAGES if label in wall}
    return {"wall": total_wall / count, "cpu": total_cpu / count, "kernel_cpu": kernels / count, "stages": stages}


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--tugas", nargs="+", default=["sm1_diplomasi", "sm3_model"])
    options.add_argument("--notebook", type=int, default=10, help="notebook yang dinilai per tugas")
    options.add_argument("--satu", nargs=3, metavar=("KURSUS", "TUGAS", "MODE"), help=argparse.SUPPRESS)
    arguments = options.parse_args(argv)
    if arguments.satu:  # one measurement in a process of its own (the worker's shortcuts cannot be undone)
        root, assignment, mode = arguments.satu
        print(json.dumps(_profile(Path(root), assignment, arguments.notebook, mode == "dengan")))
        return 0
    from benchmarks import cohort

    lines = ["| tugas | tahap | tanpa: wall (ms) | tanpa: CPU (ms) | dengan: wall (ms) | dengan: CPU (ms) |",
             "|---|---|---:|---:|---:|---:|"]
    with tempfile.TemporaryDirectory(prefix="kursus-profil-") as scratch:
        course_root = cohort.prepare_cohort(Path(scratch) / "kursus", arguments.notebook + 1, arguments.tugas)
        for assignment in arguments.tugas:
            measured = {}
            for mode in ("tanpa", "dengan"):
                run = subprocess.run([sys.executable, __file__, "--notebook", str(arguments.notebook), "--satu",
                                      str(course_root), assignment, mode], capture_output=True, text=True, check=True)
                measured[mode] = json.loads(run.stdout.strip().splitlines()[-1])
            rows = [("per notebook, total", "wall", "cpu"), ("kernel: CPU proses kernel", "kernel_cpu", "kernel_cpu")]
            for label, wall_key, cpu_key in rows:
                values = [measured[mode][key] * 1000 for mode in ("tanpa", "dengan") for key in (wall_key, cpu_key)]
                if wall_key == "kernel_cpu":
                    values = ["–", f"{values[1]:.0f}", "–", f"{values[3]:.0f}"]
                else:
                    values = [f"{value:.0f}" for value in values]
                lines.append(f"| {assignment} | **{label}** | " + " | ".join(values) + " |")
            for label in STAGES:
                cells = []
                for mode in ("tanpa", "dengan"):
                    wall, cpu = measured[mode]["stages"].get(label, [None, None])
                    cells += ["–", "–"] if wall is None else [f"{wall * 1000:.1f}", f"{cpu * 1000:.1f}"]
                if cells != ["–"] * 4:
                    lines.append(f"| {assignment} | {label} | " + " | ".join(cells) + " |")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
