"""``show(item_id)``: the one call a notebook makes to put an exercise on the page."""

from __future__ import annotations

import os
from html import escape
from typing import Any

from . import kinds
from ._messages import message
from .bank import Item, bank_for
from .store import STORE_NAME, read_answers

__all__ = ["show", "show_figure", "show_table", "AnswerSummary", "grading_mode"]


def grading_mode() -> bool:
    """True while nbgrader executes the notebook (autograde, validate): no one is there to click."""
    return bool(os.environ.get("NBGRADER_EXECUTION"))


class AnswerSummary:
    """A static view of an item and the stored answer, for notebooks executed by nbgrader."""

    def __init__(self, item: Item, value: Any):
        self.item = item
        self.value = value

    def _repr_mimebundle_(self, include=None, exclude=None):
        answer = kinds.describe(self.item, self.value)
        label = message("stored_answer")
        html = (
            f'<div class="kursus-summary"><p><b>{escape(self.item.id)}</b></p>'
            f"<p><b>{escape(label)}:</b></p><blockquote style=\"white-space:pre-wrap\">{escape(answer)}</blockquote></div>"
        )
        return {"text/plain": f"{self.item.id} \u2014 {label}: {answer}", "text/html": html}


class _Problem:
    def __init__(self, text: str):
        self.text = text

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/plain": self.text, "text/html": f'<p role="alert">\u26a0 {escape(self.text)}</p>'}


def show(item_id: str):
    """Return the widget for ``item_id`` (or, under nbgrader, a static summary of the answer)."""
    try:
        bank = bank_for(item_id)
    except KeyError:
        return _Problem(message("unknown_item", item_id=item_id))
    item = bank[item_id]
    if grading_mode():
        entry = read_answers(STORE_NAME).get(item_id)
        return AnswerSummary(item, entry.get("value") if entry else None)
    from .data import DataError
    from .widgets import store_for

    try:
        return kinds.widget_class(item)(item, store_for(bank.assignment))
    except DataError as error:  # an exercise built on a data set whose file is missing or broken
        return _Problem(str(error))


def _build_named(registry: dict, name: str, unknown: str):
    """``registry[name]()``, or a notice when the name is unknown or its data cannot be read."""
    from .data import DataError

    if name not in registry:
        return _Problem(message(unknown, name=name))
    try:
        return registry[name]()
    except DataError as error:
        return _Problem(str(error))


def show_figure(name: str):
    """Return the course figure called ``name`` (plotly, rendered offline), or a clear notice."""
    from .plots import FIGURES

    return _build_named(FIGURES, name, "unknown_figure")


def show_table(name: str):
    """Return the course table called ``name`` (pandas, Indonesian headings, shown in full), or a notice."""
    from .tables import TABLES

    return _build_named(TABLES, name, "unknown_table")
