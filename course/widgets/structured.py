"""A reflection in labelled parts (e.g. problem, cause, follow-up), read and marked by the instructor."""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as widgets

from .._messages import message
from ._base import ItemWidget, named
from .text import MAX_REFLECTION

__all__ = ["StructuredReflection"]


class StructuredReflection(ItemWidget):
    """One text box per field of the item, saved together as ``{field id: text}`` on every change.

    Scriptable twin: ``enter(field_id, text)``.
    """

    def _build_control(self):
        self._boxes = {  # each box named by its field (the bold heading above it shows the same words)
            field["id"]: named(widgets.Textarea(description=field["text"], placeholder=self.item.placeholder, rows=3,
                                                layout=widgets.Layout(width="auto")))
            for field in self.item.fields
        }
        self._count = widgets.HTML()
        parts = []
        for field in self.item.fields:
            parts += [widgets.HTML(f"<b>{escape(field['text'])}</b>"), self._boxes[field["id"]]]
        self._update_count()
        return widgets.VBox([*parts, self._count])

    def _restore(self, value: Any) -> None:
        if not isinstance(value, dict):
            return
        for field_id, box in self._boxes.items():
            text = value.get(field_id)
            if isinstance(text, str):
                box.value = text[:MAX_REFLECTION]
        self._update_count()

    def _listen(self) -> None:
        for box in self._boxes.values():
            box.observe(self._on_change, names="value")

    def _on_change(self, _change) -> None:
        self._update_count()
        answer = {field_id: box.value for field_id, box in self._boxes.items()}
        if sum(len(text) for text in answer.values()) > MAX_REFLECTION:
            self._set_status(message("too_long", limit=MAX_REFLECTION), problem=True)
            return
        self._record_soon(answer)  # one change per keystroke: saved at most twice a second, the last always

    def _update_count(self) -> None:
        count = sum(len(box.value.split()) for box in self._boxes.values())
        self._count.value = f"<small>{message('words', count=count, minimum=self.item.min_words)}</small>"

    def enter(self, field_id: str, text: str) -> None:
        """Twin of typing ``text`` into the box of ``field_id`` (saved at once)."""
        self._boxes[field_id].value = text
        self.flush()
