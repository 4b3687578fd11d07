"""Cohort autograde, side by side: stock sequential nbgrader, the course's parallel autograde, bare execution.

Each method grades (or, for the floor, just executes) the same synthetic submissions of every
assignment, starting from the same freshly generated gradebook, one method after the other.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import sys
import time
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


def _execute_share(paths, taken, total, ready, start) -> None:
    """One floor process: take notebooks from ``paths`` until none is left, each in a fresh kernel from a pool.

    ``taken`` counts the notebooks taken by every process: after the last of the ``total``, no kernel is
    booted for a next one (as the course's worker is told by ``grade_jobs``).
    """
    import nbformat
    from jupyter_core.utils import run_sync

    from nbclient import NotebookClient

    from course.instructor.kernel_pool import KernelPool, PooledNotebookClient, kernel_arguments

    pool = KernelPool("python3", kernel_arguments(NotebookClient(nbformat.v4.new_notebook())), dict(os.environ))
    ready.release()
    start.wait()
    run_sync(pool.start_ahead)()  # the first notebook's kernel boots on the clock, as the course's worker's does
    for path in iter(paths.get, None):
        with taken.get_lock():
            taken.value += 1
            pool.more = taken.value < total
        notebook = nbformat.read(path, as_version=4)
        PooledNotebookClient(notebook, pool, timeout=60, kernel_name="python3",
                             resources={"metadata": {"path": str(Path(path).parent)}}).execute()
    run_sync(pool.close)()


def bare_execution(course_root: Path, assignments: list[str], workers: int) -> float:
    """The floor: each notebook executed once in a fresh kernel (nbclient, no nbgrader), ``workers`` at a time.

    The notebooks are the ones grading ran (``autograded/``: the participant's notebook with the hidden
    tests put back), so the kernels run exactly the cells grading runs; the cohort must be autograded first.

    The kernels see ``NBGRADER_EXECUTION=autograde`` as under nbgrader, so they do the same work, and come
    from the same ``KernelPool`` as the course's worker uses (booted while the previous notebook runs, stopped
    in the background). The processes import what they need before the clock starts; every kernel, the
    first one too, boots on the clock (a notebook cannot run without its kernel); the clock stops when the
    last notebook has run.
    """
    graded = course_root / "autograded"
    if not graded.is_dir():
        raise RuntimeError("the floor runs the notebooks as grading ran them: autograde the cohort first")
    copies = course_root / "floor"
    shutil.rmtree(copies, ignore_errors=True)
    shutil.copytree(graded, copies)
    context = multiprocessing.get_context("spawn")
    paths, taken = context.Queue(), context.Value("i", 0)
    notebooks = sorted(str(path) for assignment in assignments for path in copies.glob(f"*/{assignment}/*.ipynb"))
    for path in notebooks:
        paths.put(path)
    for _ in range(workers):
        paths.put(None)  # one "no more" for each process
    ready, start = context.Semaphore(0), context.Event()
    os.environ["NBGRADER_EXECUTION"] = "autograde"
    try:
        processes = [context.Process(target=_execute_share, args=(paths, taken, len(notebooks), ready, start))
                     for _ in range(workers)]
        for process in processes:
            process.start()
        for _ in processes:  # each process says when it is ready; one that died before that stops the floor
            while not ready.acquire(timeout=1):
                if any(process.exitcode is not None for process in processes):
                    raise RuntimeError(f"floor process failed to start: exit codes {[p.exitcode for p in processes]}")
        started = time.perf_counter()
        start.set()
        for process in processes:
            process.join()
        elapsed = time.perf_counter() - started
        if any(process.exitcode for process in processes):
            raise RuntimeError(f"floor process failed: exit codes {[process.exitcode for process in processes]}")
    finally:
        os.environ.pop("NBGRADER_EXECUTION", None)
        shutil.rmtree(copies, ignore_errors=True)
    return elapsed


def scores(course_root: Path, assignments: list[str], url: str | None = None) -> dict:
    """{(assignment, participant): total score} from the gradebook: proof that two methods graded alike."""
    from nbgrader.api import Gradebook

    url = url or f"sqlite:///{course_root / 'gradebook.db'}"
    with Gradebook(url) as gradebook:
        return {(assignment, submission.student.id): round(submission.score, 4)
                for assignment in assignments for submission in gradebook.assignment_submissions(assignment)}
