"""Typed answers: a number, a short text, and a free-text reflection."""

from __future__ import annotations

import re
from html import escape
from typing import Any

import ipywidgets as widgets

from .._messages import message
from ..kinds.reflection import MAX_REFLECTION
from ._base import ItemWidget, labelled

__all__ = ["NumericAnswer", "ShortText", "Reflection", "parse_number", "MAX_SHORT_TEXT", "MAX_REFLECTION"]

MAX_SHORT_TEXT = 200
_GROUPED_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def parse_number(text: str) -> float | None:
    """Read a number written the Indonesian or the English way: "1796", "2,5", "1.234,5", "2.5".

    A dot followed by groups of three digits ("1.796") is a thousands separator, as in Bahasa
    Indonesia. Returns ``None`` when ``text`` is not a number.
    """
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        return None
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif "," in cleaned:
        cleaned = cleaned.replace(",", ".")
    elif _GROUPED_THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(".", "")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


class _TypedAnswer(ItemWidget):
    """A text box saved while the participant types, at most once per ``SAVE_INTERVAL`` (0.5 s).

    The box sends every keystroke (``continuous_update``), so a closed tab loses nothing the kernel
    has seen; a keystroke saves at once if the last save is half a second old, otherwise one trailing
    save half a second later writes the latest text. Leaving the box (blur) sends no event of its own
    in ipywidgets; the trailing save covers it, and kernel shutdown flushes what still waits.

    Twins: ``enter(text)`` (type and leave the box: saved at once) and ``type_text(text)`` (key by key).
    """

    limit = MAX_SHORT_TEXT

    def _make_box(self) -> widgets.Widget:
        return labelled(widgets.Text(
            description=message("answer_label"), placeholder=self.item.placeholder, continuous_update=True,
            layout=widgets.Layout(width="min(100%, 32em)"),
        ))

    def _build_control(self):
        self._box = self._make_box()
        return self._box

    def _restore(self, value: Any) -> None:
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            self._box.value = self._as_text(value)

    def _as_text(self, value: Any) -> str:
        return str(value)

    def _listen(self) -> None:
        self._box.observe(self._on_change, names="value")

    def _on_change(self, change) -> None:
        text = change["new"]
        if len(text) > self.limit:
            self._refuse(message("too_long", limit=self.limit))
            return
        self._save_text(text)

    def _save_text(self, text: str) -> None:
        self._record_soon(text)

    def _refuse(self, reason: str) -> None:
        """Keep the last acceptable text (save it if it still waits) and say why this one is not saved."""
        self.flush()
        self._set_status(reason, problem=True)

    def enter(self, text: str) -> None:
        """Twin of typing ``text`` and leaving the box: saved at once."""
        self._box.value = text
        self.flush()

    def type_text(self, text: str) -> None:
        """Twin of typing ``text`` key by key after what the box holds, as the browser sends it (saves throttled)."""
        start = self._box.value
        for end in range(1, len(text) + 1):
            self._box.value = start + text[:end]


class NumericAnswer(_TypedAnswer):
    """A number (decimal comma allowed), shown with its unit."""

    limit = 40

    def _build_control(self):
        self._box = self._make_box()
        self._box.layout.width = "min(100%, 20em)"
        unit = widgets.HTML(escape(self.item.unit)) if self.item.unit else None
        return widgets.HBox([self._box, unit] if unit else [self._box], layout=widgets.Layout(align_items="center"))

    def _as_text(self, value: Any) -> str:
        return repr(value).replace(".", ",") if isinstance(value, float) else str(value)

    def _save_text(self, text: str) -> None:
        if not text.strip():
            return
        number = parse_number(text)
        if number is None:
            self._refuse(message("not_a_number", text=text))
        else:
            self._record_soon(number)


class ShortText(_TypedAnswer):
    """A word or a short phrase."""


class Reflection(_TypedAnswer):
    """Free text, stored and graded by the instructor; shows a word count."""

    limit = MAX_REFLECTION

    def _make_box(self) -> widgets.Widget:
        return labelled(widgets.Textarea(
            description=message("answer_label"), placeholder=self.item.placeholder, rows=6, continuous_update=True,
            layout=widgets.Layout(width="auto"),
        ), stacked=True)

    def _build_control(self):
        self._box = self._make_box()
        self._count = widgets.HTML()
        self._box.observe(lambda change: self._update_count(change["new"]), names="value")
        self._update_count("")
        return widgets.VBox([self._box, self._count])

    def _update_count(self, text: str) -> None:
        count = len(text.split())
        self._count.value = f"<small>{message('words', count=count, minimum=self.item.min_words)}</small>"
