"""One tidy table of every participant's graded items: the input of reports and statistics."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .._messages import message
from .records import (
    CourseError, GradebookUnavailable, assignment_ids, class_submissions, final_scores, gradebook_rows, has_submissions,
    item_records, manual_score,
)

__all__ = ["RESULT_COLUMNS", "collect_results"]

RESULT_COLUMNS = ["student", "assignment", "item_id", "kind", "objective", "twin", "points", "max_points", "answer",
                  "status", "store_problem"]


def _hand_score(cells: dict, record) -> float:
    score = manual_score(cells, record)
    return float("nan") if score is None else score


def _book(root: Path, assignment: str, url: str | None) -> dict:
    try:
        return gradebook_rows(root, assignment, url)
    except GradebookUnavailable:
        raise  # an unreachable gradebook must not turn every hand grade into "not graded yet"
    except CourseError:  # the assignment is not in the gradebook yet: everyone is listed as not graded
        return {}


def collect_results(root: Path, url: str | None = None, assignments: list[str] | None = None) -> pd.DataFrame:
    """Every graded item of every participant who submitted, graded or not.

    Auto-graded points are recomputed from the answer file (never trusted from the kernel), or the instructor's
    override; hand-graded points come from the gradebook (NaN until graded). ``status`` is "" for a submission
    graded in the gradebook, else why it is not ("belum di gradebook: ..."): its points are what its answer file
    holds. ``store_problem`` says why the answer file gave nothing ("tidak ada berkas jawaban", ...; "" when it was
    read). Both are written for people, in the current language (English mode: "not in the gradebook: ...", "no
    answer file"); code tests them for "" only.
    """
    rows = []
    for assignment in assignments or assignment_ids(root):
        records = item_records(root, assignment)
        book = _book(root, assignment, url) if has_submissions(root, assignment) else {}
        for submission in class_submissions(root, assignment, book):
            cells = book.get(submission.student, {}) if not submission.not_graded else {}
            scores = final_scores(records, submission, cells)
            store_problem = submission.store_problem or (message("store_missing") if submission.store_missing else "")
            for record in records:
                if record.item.is_practice:
                    continue
                earned = scores[record.id] if record.auto_graded else _hand_score(cells, record)
                rows.append({
                    "student": submission.student, "assignment": assignment, "item_id": record.id,
                    "kind": record.item.kind, "objective": record.item.objective, "twin": record.item.twin,
                    "points": earned, "max_points": float(record.points), "answer": submission.value(record.id),
                    "status": submission.not_graded, "store_problem": store_problem,
                })
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)
