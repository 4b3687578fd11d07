"""Cohort autograde, side by side: stock sequential nbgrader, the course's parallel autograde, bare execution.

Each method grades (or, for the floor, just executes) the same synthetic submissions of every
assignment, starting from the same freshly generated gradebook, one method after the other.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import course  # noqa: E402,F401  (defers the slow rfc3987_syntax import, as the course's tools do)

__all__ = ["prepare_cohort", "stock_autograde", "parallel_autograde", "bare_execution", "scores"]


def prepare_cohort(target: Path, size: int, assignments: list[str]) -> Path:
    """A throw-away course with ``size`` synthetic participants who submitted every assignment."""
    from course.instructor.grading import build
    from course.instructor.records import item_records
    from course.instructor.synthetic import write_submission

    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", target / "nbgrader_config.py")
    for assignment in assignments:
        shutil.copytree(ROOT / "source" / assignment, target / "source" / assignment)
    build(target, assignments)
    rng = random.Random(size)
    abilities = [round(rng.uniform(0.2, 0.95), 2) for _ in range(size)]
    for assignment in assignments:
        records = item_records(target, assignment)
        for number, ability in enumerate(abilities, start=1):
            write_submission(target, assignment, f"peserta{number:03d}", records, ability=ability)
    shutil.copy(target / "gradebook.db", target / "gradebook.fresh.db")
    return target


def _reset(course_root: Path) -> None:
    """The state right after collect: fresh gradebook, nothing autograded."""
    shutil.copy(course_root / "gradebook.fresh.db", course_root / "gradebook.db")
    shutil.rmtree(course_root / "autograded", ignore_errors=True)


def stock_autograde(course_root: Path, assignments: list[str]) -> float:
    """Stock nbgrader, as an instructor types it: ``nbgrader autograde A`` for each assignment, one at a time."""
    from course.instructor.grading import run_nbgrader

    _reset(course_root)
    started = time.perf_counter()
    for assignment in assignments:
        result = run_nbgrader(course_root, "autograde", assignment, "--force")
        if result.returncode != 0:  # reported, not fatal: the score comparison shows what was lost
            print(f"stock autograde {assignment}: exit {result.returncode}\n{result.stderr[-1000:]}", file=sys.stderr)
    return time.perf_counter() - started


def parallel_autograde(course_root: Path, assignments: list[str], workers: int, url: str | None = None) -> float:
    """The course's autograde over every (assignment, participant), ``workers`` processes."""
    from course.instructor.grading import grade_jobs, submitted_students

    _reset(course_root)
    jobs = [(assignment, student) for assignment in assignments for student in submitted_students(course_root, assignment)]
    started = time.perf_counter()
    results = grade_jobs(course_root, jobs, workers=workers, url=url, progress=False)
    seconds = time.perf_counter() - started
    failed = [result for result in results if not result.ok]
    if failed:
        raise RuntimeError(f"parallel autograde failed for {len(failed)} jobs: {failed[:3]}")
    return seconds


def _execute(path: str) -> int:
    """Run one notebook; a kernel that dies before its first reply (rare, under load) is started again.

    Returns how many attempts it took (the benchmark reports retries; the course's worker retries too).
    """
    import nbformat
    from nbclient import NotebookClient

    for attempt in (1, 2, 3):
        notebook = nbformat.read(path, as_version=4)
        try:
            NotebookClient(notebook, timeout=60, kernel_name="python3", shutdown_kernel="immediate",
                           resources={"metadata": {"path": str(Path(path).parent)}}).execute(stderr=subprocess.DEVNULL)
            return attempt
        except RuntimeError:
            if attempt == 3:
                raise
    return attempt


def _warm(_: int) -> None:
    import nbclient  # noqa: F401  (the pool's start-up is not part of the floor)
    import nbformat  # noqa: F401


def bare_execution(course_root: Path, assignments: list[str], workers: int) -> float:
    """The floor: each submitted notebook executed once in a fresh kernel (nbclient, no nbgrader), ``workers`` at a time.

    The kernels see ``NBGRADER_EXECUTION=autograde`` as under nbgrader, so they do the same work, and
    are stopped the quickest way (``shutdown_kernel="immediate"``, as the course's worker does).
    """
    copies = course_root / "floor"
    shutil.rmtree(copies, ignore_errors=True)
    shutil.copytree(course_root / "submitted", copies)
    paths = sorted(str(path) for assignment in assignments for path in copies.glob(f"*/{assignment}/*.ipynb"))
    os.environ["NBGRADER_EXECUTION"] = "autograde"
    try:
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(_warm, range(workers)))
            started = time.perf_counter()
            list(pool.map(_execute, paths))
            seconds = time.perf_counter() - started
    finally:
        os.environ.pop("NBGRADER_EXECUTION", None)
        shutil.rmtree(copies, ignore_errors=True)
    return seconds


def scores(course_root: Path, assignments: list[str], url: str | None = None) -> dict:
    """{(assignment, participant): total score} from the gradebook: proof that two methods graded alike."""
    from nbgrader.api import Gradebook

    url = url or f"sqlite:///{course_root / 'gradebook.db'}"
    with Gradebook(url) as gradebook:
        return {(assignment, submission.student.id): round(submission.score, 4)
                for assignment in assignments for submission in gradebook.assignment_submissions(assignment)}
