"""``show(item_id)``: the one call a notebook makes to put an exercise on the page."""

from __future__ import annotations

import json
import os
from html import escape
from typing import Any

from ._messages import message
from .bank import Item, bank_for
from .store import STORE_NAME, read_answers

__all__ = ["show", "show_figure", "show_table", "AnswerSummary", "grading_mode"]


def grading_mode() -> bool:
    """True while nbgrader executes the notebook (autograde, validate): no one is there to click."""
    return bool(os.environ.get("NBGRADER_EXECUTION"))


_DASH = "\u2014"


def _dimension_titles() -> dict:
    """Asset dimension id -> its Indonesian title (ids themselves if the data cannot be read)."""
    from .data import DataError, load_table

    try:
        dimensions = load_table("asset_dimensions")
    except DataError:
        return {}
    return dict(zip(dimensions["dimension"], dimensions["title"]))


def _describe_negotiation(kind: str, value: dict) -> str:
    """The role-play outcome in words, with both sides' points, for the instructor's debrief."""
    from .data import DataError
    from .negotiation import load_scenarios, points
    from .widgets.negotiation import clean_package

    try:
        scene = load_scenarios().get(value.get("scenario"))
    except DataError as error:
        return str(error)
    if scene is None:
        return message("no_answer")
    if kind == "negotiation_pair":
        deal = clean_package(scene, value.get("package")) if value.get("result") == "deal" else None
        state = {"deal": "sepakat", "no_deal": "tidak sepakat"}.get(value.get("result"), "belum diisi")
        head = f"{scene.title}; tim {value.get('team') or '?'}; {state}"
    else:
        deal = clean_package(scene, value.get("deal"))
        rounds = len(value.get("history") or [])
        state = "sepakat" if deal else ("tidak sepakat" if value.get("finished") else "belum selesai")
        head = f"{scene.title}; mode sendiri, {rounds} putaran; {state}"
    if deal is None:
        return head
    return f"{head}: Marvel {points(scene, deal, 'marvel')} poin, Batman {points(scene, deal, 'batman')} poin"


def _describe(item: Item, value: Any) -> str:
    """The participant's answer in words."""
    if value is None:
        return message("no_answer")
    if item.kind in ("single_choice",):
        return item.text_of(value) if isinstance(value, str) else message("no_answer")
    if item.kind == "multiple_select" and isinstance(value, list):
        return "; ".join(item.text_of(choice) for choice in value if isinstance(choice, str)) or message("no_answer")
    if item.kind == "classification" and isinstance(value, dict):
        return "; ".join(
            f"{item.text_of(entry)} \u2192 {item.text_of(category)}"
            for entry, category in value.items() if isinstance(category, str)
        )
    if item.kind == "ordering" and isinstance(value, list):
        return " \u2192 ".join(item.text_of(entry) for entry in value if isinstance(entry, str))
    if item.kind == "structured_reflection" and isinstance(value, dict):
        return "\n\n".join(
            f"{field['text']}:\n{value.get(field['id']) if isinstance(value.get(field['id']), str) else ''}"
            for field in item.fields
        )
    if item.kind == "actor_map" and isinstance(value, list):
        from .widgets.actor_map import clean_rows

        rows = [row for row in clean_rows(value, {c["id"] for c in item.categories}, item.max_rows) if row["name"].strip()]
        return "\n".join(
            f"- {row['name'].strip()} ({item.text_of(row['category']) if row['category'] else _DASH}): "
            f"{message('influence').lower()} {row['influence']}, {message('interest').lower()} {row['interest']}"
            + (f"; {row['role']}" if row["role"].strip() else "")
            for row in rows
        ) or message("no_answer")
    if item.kind == "coupling_explorer" and isinstance(value, dict):
        assets = value.get("assets") if isinstance(value.get("assets"), dict) else {}
        name = value.get("region_name") if isinstance(value.get("region_name"), str) else ""
        titles = _dimension_titles()
        return (name.strip() or "Daerah Anda") + ": " + ", ".join(
            f"{titles.get(key, key)} {score}" for key, score in assets.items())
    if item.kind in ("negotiation_pair", "negotiation_solo") and isinstance(value, dict):
        return _describe_negotiation(item.kind, value)
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return f"{value} {item.unit}".strip() if item.kind == "numeric" else str(value)
    return json.dumps(value, ensure_ascii=False)[:500]


class AnswerSummary:
    """A static view of an item and the stored answer, for notebooks executed by nbgrader."""

    def __init__(self, item: Item, value: Any):
        self.item = item
        self.value = value

    def _repr_mimebundle_(self, include=None, exclude=None):
        answer = _describe(self.item, self.value)
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
    from .widgets import WIDGET_FOR_KIND, store_for

    try:
        return WIDGET_FOR_KIND[item.kind](item, store_for(bank.assignment))
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
