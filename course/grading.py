"""What hidden test cells call: score one stored answer against a key, as nbgrader partial credit.

``grade(...)`` returns a ``Score`` whose ``text/plain`` is the number of points, which nbgrader
reads as partial credit. It reads the answer store defensively: a missing, unreadable,
oversized or wrongly typed answer scores 0 and nothing is printed to stderr (nbgrader would
treat any stderr output as a failed test).
"""

from __future__ import annotations

import os
import warnings
from html import escape
from typing import Any

from . import kinds
from ._messages import message
from .bank import check_key, check_why_not, find_item
from .store import STORE_NAME, read_answers

__all__ = ["Score", "grade", "pending", "stored_answer"]


class Score:
    """Points earned on one item; shows as a plain number to nbgrader."""

    def __init__(self, item_id: str, earned: float, possible: float, note: str = ""):
        self.item_id = item_id
        self.earned = earned
        self.possible = possible
        self.note = note

    def __float__(self) -> float:
        return float(self.earned)

    def __repr__(self) -> str:
        return f"{self.earned:g}"

    def _repr_mimebundle_(self, include=None, exclude=None):
        if self.note:  # pending(): a quiet line under the item, in the item's frame colours (inline: no page style needed)
            html = (f'<div class="kursus-pending" role="note" style="border:1px solid #c9ccd1;background:#f6f7f9;'
                    f'color:#3c4043;padding:4px 12px;margin:0 0 8px 0">\u25f7 {escape(self.note)}</div>')
        else:
            html = f"<small>{escape(f'{self.earned:g} / {self.possible:g}')}</small>"
        return {"text/plain": repr(self), "text/html": html}


def stored_answer(item_id: str, store_path: str | os.PathLike = STORE_NAME) -> Any:
    """Return the stored value for ``item_id``, or ``None`` if absent or unreadable."""
    entry = read_answers(store_path).get(item_id)
    return entry.get("value") if isinstance(entry, dict) else None


def grade(item_id: str, key: Any, points: float, explanation: str = "", why_not: dict | None = None,
          store_path: str | os.PathLike = STORE_NAME) -> Score:
    """Score the participant's stored answer to ``item_id`` against ``key``.

    ``explanation`` (why the key is right) and ``why_not`` (option id -> why that option is not)
    are not used for scoring: they keep the graded item's Pembahasan next to its key, in the
    hidden test, where participants cannot read it. A wrong ``key`` or a ``why_not`` for an option
    the item does not have (an instructor's mistake) raises ``BankError`` so that validating the
    source notebook fails.
    """
    item = find_item(item_id)
    check_key(item, key)
    check_why_not(item, key, why_not or {})
    if not isinstance(points, (int, float)) or points <= 0:
        raise ValueError(f"points must be a positive number, not {points!r}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fraction = kinds.score(item, stored_answer(item_id, store_path), key)
    return Score(item_id, round(points * fraction, 4), points)


def pending(item_id: str) -> Score:
    """What a graded item's test cell shows before grading: 0 points, "graded after submission"."""
    return Score(item_id, 0.0, 0.0, note=message("graded_later"))
