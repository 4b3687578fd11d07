"""A synthetic cohort for the demo: participants of known ability answering every assignment."""

from __future__ import annotations

import random
from pathlib import Path

import nbformat

from .. import kinds
from ..store import AnswerStore
from .records import ItemRecord

__all__ = ["COHORT", "answer_for", "write_submission"]

# participant id: probability of answering an auto-graded item right (None = hands in nothing)
COHORT = {
    "kuat_01": 0.95, "kuat_02": 0.9, "kuat_03": 0.85, "sedang_01": 0.7, "sedang_02": 0.65, "sedang_03": 0.6,
    "sedang_04": 0.55, "lemah_01": 0.4, "lemah_02": 0.3, "lemah_03": 0.2, "kosong_01": None, "pemalsu_01": 0.1,
}


def answer_for(record: ItemRecord, ability: float, rng: random.Random):
    """What a participant of ``ability`` stores for ``record`` (None: leaves it unanswered)."""
    return kinds.synthetic(record.item, record.key, ability, rng)


_FROM_COHORT = object()


def write_submission(root: Path, assignment: str, student: str, records: list[ItemRecord], forged: bool = False,
                     ability=_FROM_COHORT) -> None:
    """Put ``student``'s notebook and store in ``submitted/`` as ``nbgrader collect`` would.

    ``ability`` (probability of a right answer; None = hands in nothing) defaults to ``COHORT[student]``.
    """
    folder = root / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    notebook = nbformat.read(root / "release" / assignment / f"{assignment}.ipynb", as_version=4)
    if forged:  # a participant who tries to award themselves full marks from inside the kernel
        notebook.cells.insert(1, nbformat.v4.new_code_cell(
            "import course\ncourse.grade = grade = lambda item_id, key, points, **kw: points"))
    nbformat.write(notebook, folder / f"{assignment}.ipynb")
    ability = COHORT.get(student) if ability is _FROM_COHORT else ability
    if ability is None:
        return
    if assignment.startswith("sm6"):  # the post-test: a cohort that learnt something
        ability = min(0.98, ability + 0.15)
    rng = random.Random(f"{student}/{assignment}")
    store = AnswerStore(folder, assignment=assignment)
    for record in records:
        value = answer_for(record, ability, rng)
        if value is not None:
            store.save(record.id, value)
