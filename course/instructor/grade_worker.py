"""One long-lived autograde process: nbgrader's own ``Autograde`` converter, run in-process per job.

``python -m course.instructor.grade_worker ROOT`` (gradebook URL, if not the course's SQLite file, in
``$KURSUS_GRADEBOOK_URL``) reads one job per line on stdin
(``{"assignment": ..., "student": ..., "more": true}``; ``more``: whether another job may follow, so that
a kernel is booted for it) and answers each with one line on stdout
(``{"assignment", "student", "ok", "message"}``). The process pays nbgrader's start-up once instead
of once per participant, and grades exactly as ``nbgrader autograde ASSIGNMENT --student S --force``
would: same configuration (the course's ``nbgrader_config.py``), same converter, same gradebook.

Each notebook still runs in a fresh kernel of its own, but that kernel was booted while the previous
notebook ran (``kernel_pool.PooledExecute`` in place of nbgrader's ``Execute``), and used kernels stop in
the background.
"""

from __future__ import annotations

import gc
import json
import os
import re
import sys

import course  # noqa: F401  (first: defers the slow rfc3987_syntax import before nbgrader loads jsonschema)

__all__ = ["main", "grade", "GRADEBOOK_VARIABLE"]

GRADEBOOK_VARIABLE = "KURSUS_GRADEBOOK_URL"


_ERROR_LINE = re.compile(r"^[\w.]*(Error|Exception|Interrupt|Exit)\b.*")


def _reason(text: str) -> str:
    """The line that names what went wrong (the last exception raised inside the notebook), else the last line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    named = [line for line in lines if _ERROR_LINE.match(line) and "see the the above" not in line
             and "see the above" not in line]
    return ((named or lines or ["(tanpa pesan)"])[-1])[:300]


def _application(root: str, url: str | None):
    from nbgrader.apps import AutogradeApp

    from .lean_nbgrader import compile_metadata_schemas, compile_output_checks, reuse_gradebook_engines

    os.chdir(root)  # nbgrader reads nbgrader_config.py from the working folder
    application = AutogradeApp()
    # "immediate": the kernel is stopped as soon as its last cell has answered, instead of waiting for a
    # graceful exit; a grading kernel has nothing left to save, and every output is already collected.
    # Exporter.optimistic_validation: nbconvert checks the notebook against its schema once, after the last
    # preprocessor of each pass, instead of after every one of them (about 20 checks per notebook); the
    # course's first sanitizing step (RepairNotebookSchema) already makes a hand-edited notebook valid.
    application.initialize(["--force", "--log-level=WARN", "--Execute.shutdown_kernel=immediate",
                            "--Exporter.optimistic_validation=True"] + ([f"--CourseDirectory.db_url={url}"] if url else []))
    # The logger itself stops below the chosen level, so no DEBUG record (nbclient logs every kernel message
    # with its content) is built and formatted only to be dropped by the handlers.
    application.log.setLevel(application.log_level)
    reuse_gradebook_engines()
    compile_metadata_schemas()
    compile_output_checks()
    return application


def settle() -> None:
    """Keep what start-up built out of the garbage collector's full passes (Python's documented use of ``gc.freeze``).

    Modules and nbgrader's configuration, most of this process's objects, live as long as the process; a full
    pass walked all of them every 20 or so notebooks for nothing (about 3 ms a notebook here).
    """
    gc.collect()
    gc.freeze()


def start_kernel_pool(application, environment: dict | None = None):
    """Boot grading kernels ahead for ``PooledExecute``: same kernel, arguments and environment as nbgrader's step."""
    from jupyter_core.utils import run_sync

    from .kernel_pool import KernelPool, PooledExecute, kernel_arguments

    arguments = kernel_arguments(PooledExecute(parent=application))
    environment = dict(os.environ if environment is None else environment, NBGRADER_EXECUTION="autograde")
    PooledExecute.pool = KernelPool("python3", arguments, environment)
    run_sync(PooledExecute.pool.start_ahead)()
    return PooledExecute.pool


def stop_kernel_pool() -> None:
    """Stop the kernels booted ahead (the worker is done)."""
    from jupyter_core.utils import run_sync

    from .kernel_pool import PooledExecute

    pool, PooledExecute.pool = PooledExecute.pool, None
    if pool is not None:
        run_sync(pool.close)()


def _worker_steps(preprocessors: list) -> list:
    """The converter's steps, with the worker's versions of nbgrader's ``Execute``, ``OverwriteCells`` and
    ``SaveAutoGrades`` (kernels booted ahead; a notebook's gradebook rows read and written at once)."""
    from nbgrader.preprocessors import Execute, OverwriteCells, SaveAutoGrades

    from .batched_gradebook import BatchedOverwriteCells, BatchedSaveAutoGrades
    from .kernel_pool import PooledExecute

    ours = {Execute: PooledExecute, OverwriteCells: BatchedOverwriteCells, SaveAutoGrades: BatchedSaveAutoGrades}
    return [ours.get(preprocessor, preprocessor) for preprocessor in preprocessors]


def grade(application, assignment: str, student: str, more: bool = True) -> dict:
    """Autograde one submission; never raises. ``more``: another job may follow (boot its kernel meanwhile)."""
    from nbgrader.converters import Autograde
    from nbgrader.utils import capture_log

    from .kernel_pool import PooledExecute

    if PooledExecute.pool is not None:
        PooledExecute.pool.more = more
    application.coursedir.assignment_id = assignment
    application.coursedir.student_id = student
    try:
        converter = Autograde(coursedir=application.coursedir, parent=application)
        converter.sanitize_preprocessors = _worker_steps(converter.sanitize_preprocessors)
        converter.autograde_preprocessors = _worker_steps(converter.autograde_preprocessors)
        outcome = capture_log(converter)
    except BaseException as error:  # SystemExit from a converter's fail(), anything else: report, keep serving
        outcome = {"success": False, "error": repr(error)}
    ok = bool(outcome.get("success"))
    message = "" if ok else _reason(outcome.get("log", "") + "\n" + outcome.get("error", ""))
    return {"assignment": assignment, "student": student, "ok": ok, "message": message}


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    # Replies get a private copy of stdout; fd 1 itself (inherited by every kernel) and sys.stdout go to
    # stderr, so nothing nbgrader or a kernel prints can corrupt the reply stream.
    sys.stdout.flush()
    replies = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    application = _application(arguments[0], os.environ.get(GRADEBOOK_VARIABLE) or None)
    start_kernel_pool(application)
    settle()
    print(json.dumps({"ready": True}), file=replies, flush=True)
    try:
        for line in sys.stdin:
            if not line.strip():
                continue
            job = json.loads(line)
            reply = grade(application, job["assignment"], job["student"], bool(job.get("more", True)))
            print(json.dumps(reply), file=replies, flush=True)
    finally:
        stop_kernel_pool()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
