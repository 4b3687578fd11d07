"""Classification and matching: put each entry into one category."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .._messages import message
from ._base import ItemWidget

__all__ = ["Classification"]


class Classification(ItemWidget):
    """One drop-down per entry. Twin of choosing in a drop-down: ``assign(entry_id, category_id)``."""

    def _build_control(self):
        choices = [(message("choose"), None)] + [(category["text"], category["id"]) for category in self.item.categories]
        self._menus = {}
        rows = []
        for entry in self.item.entries:
            menu = widgets.Dropdown(options=choices, index=0,  # "— pilih —" shown, value None
                                   layout=widgets.Layout(width="16em", min_width="16em", flex="0 0 auto"))
            label = widgets.HTML(entry["text"], layout=widgets.Layout(width="auto", flex="1 1 auto"))
            self._menus[entry["id"]] = menu
            rows.append(widgets.HBox([menu, label], layout=widgets.Layout(align_items="center")))
        return widgets.VBox(rows)

    def _restore(self, value: Any) -> None:
        if not isinstance(value, dict):
            return
        categories = {category["id"] for category in self.item.categories}
        for entry_id, menu in self._menus.items():
            if value.get(entry_id) in categories:
                menu.value = value[entry_id]

    def _listen(self) -> None:
        for menu in self._menus.values():
            menu.observe(self._on_change, names="value")

    def _current(self) -> dict:
        return {entry_id: menu.value for entry_id, menu in self._menus.items() if menu.value is not None}

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
