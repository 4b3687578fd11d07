"""Kursus Paradiplomasi: exercise widgets, the answer store and grading for the course notebooks."""

from ._lazy import defer_rfc3987_syntax

defer_rfc3987_syntax()  # before anything imports jsonschema: saves ~1 s per kernel and per nbgrader process

from ._messages import get_language, set_language
from .bank import BankError, find_item, load_bank
from .display import prepare_page, show, show_figure, show_table
from .grading import grade, pending
from .store import AnswerStore  # noqa: E402 (after the deferral above)

__all__ = [
    "show",
    "show_figure",
    "show_table",
    "prepare_page",
    "grade",
    "pending",
    "set_language",
    "get_language",
    "AnswerStore",
    "load_bank",
    "find_item",
    "BankError",
]
