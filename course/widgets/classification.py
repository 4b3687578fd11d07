"""Classification and matching: put each entry into one category."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .._messages import message
from ._base import ItemWidget, menu
from ._order import shuffled

__all__ = ["Classification"]


class Classification(ItemWidget):
    """One drop-down per entry, labelled with the entry. Twin of choosing in a drop-down: ``assign(entry_id, category_id)``."""

    def _build_control(self):
        categories = shuffled(self.item.id, self.item.categories)
        choices = [(message("choose"), None)] + [(category["text"], category["id"]) for category in categories]
        # each drop-down is named by its entry (the visible label on its left): no unnamed <select>
        self._menus = {entry["id"]: menu(entry["text"], choices) for entry in self.item.entries}
        return widgets.VBox(list(self._menus.values()))

    def _restore(self, value: Any) -> None:
        if not isinstance(value, dict):
            return
        categories = {category["id"] for category in self.item.categories}
        for entry_id, dropdown in self._menus.items():
            if value.get(entry_id) in categories:
                dropdown.value = value[entry_id]

    def _listen(self) -> None:
        for dropdown in self._menus.values():
            dropdown.observe(self._on_change, names="value")

    def _current(self) -> dict:
        return {entry_id: dropdown.value for entry_id, dropdown in self._menus.items() if dropdown.value is not None}

    def _on_change(self, _change) -> None:
        self._record(self._current())

    def assign(self, entry_id: str, category_id: str | None) -> None:
        if entry_id not in self._menus:
            raise ValueError(f"{entry_id!r} is not an entry of {self.item.id}")
        if category_id is not None and category_id not in {c["id"] for c in self.item.categories}:
            raise ValueError(f"{category_id!r} is not a category of {self.item.id}")
        if category_id is None:
            self._menus[entry_id].index = 0
        else:
            self._menus[entry_id].value = category_id

    def _details(self, fraction: float) -> list[str]:
        right = sum(1 for entry, category in self.item.key.items() if (self._answer or {}).get(entry) == category)
        lines = [message("correct_count", right=right, total=len(self.item.key))]
        for entry_id, category_id in self.item.key.items():
            if (self._answer or {}).get(entry_id) != category_id:
                lines.append(f"{self.item.text_of(entry_id)} \u2192 {self.item.text_of(category_id)}")
        return lines
