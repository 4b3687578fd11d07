"""One long-lived autograde process: nbgrader's own ``Autograde`` converter, run in-process per job.

``python -m course.instructor.grade_worker ROOT`` (gradebook URL, if not the course's SQLite file, in
``$KURSUS_GRADEBOOK_URL``) reads one job per line on stdin
(``{"assignment": ..., "student": ...}``) and answers each with one line on stdout
(``{"assignment", "student", "ok", "message"}``). The process pays nbgrader's start-up once instead
of once per participant, and grades exactly as ``nbgrader autograde ASSIGNMENT --student S --force``
would: same configuration (the course's ``nbgrader_config.py``), same converter, same gradebook.
"""

from __future__ import annotations

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


def _cache_metadata_schema_checks() -> None:
    """Same checks, less work: nbgrader validates each cell's metadata with ``jsonschema.validate``, which
    re-validates the (fixed) schema itself on every call — about a tenth of a second per notebook here.
    This worker checks the schema once and reuses the validator; the errors raised are the same.
    """
    import types

    import jsonschema
    from nbgrader.nbgraderformat import common

    validators = {}

    def validate(instance, schema):
        schema_text = json.dumps(schema, sort_keys=True)
        if schema_text not in validators:
            kind = jsonschema.validators.validator_for(schema)
            kind.check_schema(schema)
            validators[schema_text] = kind(schema)
        error = jsonschema.exceptions.best_match(validators[schema_text].iter_errors(instance))
        if error is not None:
            raise error

    common.jsonschema = types.SimpleNamespace(validate=validate)


def _application(root: str, url: str | None):
    from nbgrader.apps import AutogradeApp

    os.chdir(root)  # nbgrader reads nbgrader_config.py from the working folder
    application = AutogradeApp()
    # "immediate": the kernel is stopped as soon as its last cell has answered, instead of waiting for a
    # graceful exit; a grading kernel has nothing left to save, and every output is already collected.
    application.initialize(["--force", "--log-level=WARN", "--Execute.shutdown_kernel=immediate"] + ([f"--CourseDirectory.db_url={url}"] if url else []))
    _cache_metadata_schema_checks()
    return application


def grade(application, assignment: str, student: str) -> dict:
    """Autograde one submission; never raises."""
    from nbgrader.converters import Autograde
    from nbgrader.utils import capture_log

    application.coursedir.assignment_id = assignment
    application.coursedir.student_id = student
    try:
        outcome = capture_log(Autograde(coursedir=application.coursedir, parent=application))
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
    print(json.dumps({"ready": True}), file=replies, flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        print(json.dumps(grade(application, job["assignment"], job["student"])), file=replies, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
