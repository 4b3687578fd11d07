"""One tidy table of every participant's graded items: the input of reports and statistics."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .records import (
    CourseError, GradebookUnavailable, assignment_ids, final_scores, gradebook_rows, item_records, manual_score,
    submissions,
)


def _hand_score(cells: dict, record) -> float:
    score = manual_score(cells, record)
    return float("nan") if score is None else score

__all__ = ["RESULT_COLUMNS", "collect_results"]

RESULT_COLUMNS = ["student", "assignment", "item_id", "kind", "objective", "twin", "points", "max_points", "answer"]


def collect_results(root: Path, url: str | None = None, assignments: list[str] | None = None) -> pd.DataFrame:
    """Auto-graded points recomputed from the stores (never trusted from the kernel); hand-graded from the gradebook."""
    rows = []
    for assignment in assignments or assignment_ids(root):
        records = item_records(root, assignment)
        graded = submissions(root, assignment, "autograded") or submissions(root, assignment, "submitted")
        try:
            book = gradebook_rows(root, assignment, url) if graded else {}
        except GradebookUnavailable:
            raise  # an unreachable gradebook must not turn every hand grade into "not graded yet"
        except CourseError:  # the assignment is not in the gradebook yet
            book = {}
        for submission in graded:
            scores = final_scores(records, submission, book.get(submission.student, {}))
            cells = book.get(submission.student, {})
            for record in records:
                if record.item.is_practice:
                    continue
                earned = scores[record.id] if record.auto_graded else _hand_score(cells, record)
                rows.append({
                    "student": submission.student, "assignment": assignment, "item_id": record.id,
                    "kind": record.item.kind, "objective": record.item.objective, "twin": record.item.twin,
                    "points": earned, "max_points": float(record.points), "answer": submission.value(record.id),
                })
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)
