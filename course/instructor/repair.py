"""Repair before grading: put back locked cells a participant deleted, drop duplicates, by grade id.

The released notebook is the reference (it is what the participant received); autograde then
overwrites locked cells from ``source/`` as usual. The original notebook is kept in
``cadangan-perbaikan/<student>/<assignment>/`` (git-ignored) before anything is changed.
"""

from __future__ import annotations

import copy
import os
import shutil
from pathlib import Path

import nbformat
import pandas as pd

from ..cells import complete_cells, grade_id
from .records import notebook_problem, submissions

__all__ = ["REPAIR_COLUMNS", "repair_notebook", "repair_assignment", "BACKUP_FOLDER"]

REPAIR_COLUMNS = ["student", "assignment", "action", "grade_id", "detail"]
BACKUP_FOLDER = "cadangan-perbaikan"


def repair_notebook(released: nbformat.NotebookNode, submitted: nbformat.NotebookNode) -> list[tuple[str, str]]:
    """Fix ``submitted`` in place; return (action, grade id) for each change ("dipulihkan" / "duplikat_dibuang")."""
    changes, seen, kept = [], set(), []
    for cell in submitted.cells:
        name = grade_id(cell)
        if name and name in seen:
            changes.append(("duplikat_dibuang", name))
            continue
        seen.add(name)
        kept.append(cell)
    submitted.cells = kept
    order = [grade_id(cell) for cell in released.cells]
    for position, cell in enumerate(released.cells):
        name = grade_id(cell)
        locked = cell.metadata.get("nbgrader", {}).get("locked") or cell.metadata.get("nbgrader", {}).get("grade")
        if not name or name in seen or not locked:
            continue
        earlier = set(order[:position])
        index = max((i + 1 for i, other in enumerate(submitted.cells) if grade_id(other) in earlier), default=0)
        submitted.cells.insert(index, copy.deepcopy(cell))  # its id is free: the participant deleted the cell
        seen.add(name)
        changes.append(("dipulihkan", name))
    return changes


def repair_assignment(root: Path, assignment: str, dry_run: bool = False) -> pd.DataFrame:
    """Repair every submitted notebook of ``assignment``; report what changed (or would change).

    A notebook that is missing or cannot be read is reported (``buku_kerja_rusak``) and left as it is; it never
    stops the repair of the others. Each repaired notebook is replaced atomically after its backup is written.
    """
    released = nbformat.read(root / "release" / assignment / f"{assignment}.ipynb", as_version=4)
    rows = []
    for submission in submissions(root, assignment, "submitted"):
        problem = notebook_problem(submission.folder, assignment)
        if problem:
            rows.append({"student": submission.student, "assignment": assignment, "action": "tidak_diperbaiki",
                         "grade_id": "", "detail": problem})
            continue
        notebook = nbformat.read(submission.notebook, as_version=4)
        notebook.cells = [cell for cell in notebook.get("cells", []) if isinstance(cell, dict)]
        changes = repair_notebook(released, notebook)
        if changes and not dry_run:
            complete_cells(notebook)  # a hand-edited cell may lack a field nbformat needs to write it
            backup = root / BACKUP_FOLDER / submission.student / assignment
            backup.mkdir(parents=True, exist_ok=True)
            if not (backup / submission.notebook.name).exists():
                shutil.copy2(submission.notebook, backup / submission.notebook.name)
            temporary = submission.notebook.with_name(f".{submission.notebook.name}.perbaikan")
            nbformat.write(notebook, temporary)
            os.replace(temporary, submission.notebook)
        rows += [{"student": submission.student, "assignment": assignment, "action": action, "grade_id": name,
                  "detail": ""} for action, name in changes]
    return pd.DataFrame(rows, columns=REPAIR_COLUMNS)
