"""Single-choice and multiple-select items."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ._base import ItemWidget
from ._order import shuffled

__all__ = ["SingleChoice", "MultipleSelect"]


class SingleChoice(ItemWidget):
    """Radio buttons: one option. Twin of clicking an option: ``choose(option_id)``."""

    def _build_control(self):
        return widgets.RadioButtons(
            options=[(option["text"], option["id"]) for option in shuffled(self.item.id, self.item.options)],
            value=None,
            layout=widgets.Layout(width="auto"),
            style={"description_width": "0px"},
        )

    def _restore(self, value: Any) -> None:
        if value in self.item.choice_ids():
            self.control.value = value

    def _listen(self) -> None:
        self.control.observe(self._on_change, names="value")

    def _on_change(self, change) -> None:
        if change["new"] is not None:
            self._record(change["new"])

    def choose(self, option_id: str) -> None:
        if option_id not in self.item.choice_ids():
            raise ValueError(f"{option_id!r} is not an option of {self.item.id}")
        self.control.value = option_id

    def _details(self, fraction: float) -> list[str]:
        note = self.item.feedback.get(self._answer)
        return [note] if note else []


class MultipleSelect(ItemWidget):
    """Check boxes: any number of options. Twin: ``select(*option_ids)`` sets exactly those."""

    def _build_control(self):
        self._boxes = {
            option["id"]: widgets.Checkbox(
                value=False, description=option["text"], indent=False, layout=widgets.Layout(width="auto")
            )
            for option in shuffled(self.item.id, self.item.options)
        }
        return widgets.VBox(list(self._boxes.values()))

    def _restore(self, value: Any) -> None:
        if isinstance(value, list):
            for option_id, box in self._boxes.items():
                box.value = option_id in value

    def _listen(self) -> None:
        for box in self._boxes.values():
            box.observe(self._on_change, names="value")

    def _selected(self) -> list[str]:
        return [option_id for option_id in self.item.choice_ids() if self._boxes[option_id].value]

    def _on_change(self, _change) -> None:
        self._record(self._selected())

    def select(self, *option_ids: str) -> None:
        unknown = set(option_ids) - set(self._boxes)
        if unknown:
            raise ValueError(f"{sorted(unknown)} are not options of {self.item.id}")
        for option_id, box in self._boxes.items():
            box.value = option_id in option_ids

    def _details(self, fraction: float) -> list[str]:
        chosen = set(self._answer or [])
        return [
            f"{self.item.text_of(option_id)}: {note}"
            for option_id, note in self.item.feedback.items()
            if option_id in chosen or option_id in self.item.key
        ]
