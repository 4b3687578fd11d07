"""The whole cycle on a synthetic cohort, in a throw-away copy of the course: build, submit, grade, check, report."""

from __future__ import annotations

import shutil
from pathlib import Path

from .audit import audit_assignment
from .debrief import DEBRIEFS, debrief_html
from .feedback import write_feedback
from .grading import autograde, build
from .records import item_records
from .report import build_report
from .results import collect_results
from .spreadsheet import write_csv
from .synthetic import COHORT, write_submission

__all__ = ["run_demo", "DEFAULT_ASSIGNMENTS"]

DEFAULT_ASSIGNMENTS = ["sm0_orientasi", "sm1_diplomasi", "sm6_evaluasi"]


def _copy_course(root: Path, target: Path, assignments: list[str]) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(root / "nbgrader_config.py", target / "nbgrader_config.py")
    for assignment in assignments:
        shutil.copytree(root / "source" / assignment, target / "source" / assignment, dirs_exist_ok=True)
    return target


def run_demo(root: Path, target: Path, assignments: list[str] | None = None, workers: int | None = None,
             progress: bool = True) -> dict:
    """Return the paths a new instructor wants to open: the report, one feedback page, the audit CSV."""
    assignments = assignments or DEFAULT_ASSIGNMENTS
    course = _copy_course(root, target, assignments)
    build(course, assignments)
    findings = []
    for assignment in assignments:
        records = item_records(course, assignment)
        for student in COHORT:
            write_submission(course, assignment, student, records, forged=student.startswith("pemalsu"))
        autograde(course, assignment, workers=workers, progress=progress)
        findings.append(audit_assignment(course, assignment))
        write_feedback(course, assignment)
    import pandas as pd

    audit = pd.concat(findings, ignore_index=True)
    audit_path = course / "laporan" / "audit.csv"
    audit_path.parent.mkdir(parents=True, exist_ok=True)
    write_csv(audit, audit_path)
    report = build_report(collect_results(course, assignments=assignments), course / "laporan")
    for assignment in assignments:
        if assignment in DEBRIEFS:
            page, _frame = debrief_html(course, assignment)
            (course / "laporan" / f"debrief_{assignment}.html").write_text(page, encoding="utf-8")
    feedback = course / "feedback" / "sedang_01" / assignments[0] / f"{assignments[0]}.html"
    return {"course": course, "report": report, "feedback": feedback, "audit": audit_path, "findings": audit}
