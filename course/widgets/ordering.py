"""Ordering: arrange entries with Up/Down buttons (keyboard friendly, stock widgets)."""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as widgets

from .._messages import message
from ._base import ItemWidget

__all__ = ["Ordering"]


class Ordering(ItemWidget):
    """Rows with Up/Down buttons; every move saves the order.

    Twins: ``move_up(entry_id)``, ``move_down(entry_id)``, ``arrange([...])`` and ``confirm()``
    (the "Simpan urutan ini" button, for a participant who agrees with the order shown).
    """

    def _build_control(self):
        self._order = self.item.choice_ids()
        self._confirm = widgets.Button(description=message("confirm_order"), icon="save",
                                       layout=widgets.Layout(width="auto", align_self="flex-start"))
        self._confirm.on_click(lambda _button: self.confirm())
        # One row per position, built once: a move changes the texts, not the buttons, so the button a
        # keyboard user pressed keeps the focus (new buttons would drop it at the top of the page).
        self._texts, self._ups, self._downs, rows = [], [], [], []
        last = len(self._order) - 1
        for position in range(len(self._order)):
            up = widgets.Button(description=message("move_up"), icon="arrow-up", disabled=position == 0)
            down = widgets.Button(description=message("move_down"), icon="arrow-down", disabled=position == last)
            up.on_click(lambda _button, position=position: self.move_up(self._order[position]))
            down.on_click(lambda _button, position=position: self.move_down(self._order[position]))
            text = widgets.HTML(layout=widgets.Layout(flex="1 1 12em"))
            self._ups.append(up)
            self._downs.append(down)
            self._texts.append(text)
            # the entry first, then its buttons: a screen reader reads "2. Entry, Naik, Turun"
            rows.append(widgets.HBox([text, up, down], layout=widgets.Layout(align_items="center")))
        self._rows = widgets.VBox(rows)
        self._draw()
        return widgets.VBox([widgets.HTML(f"<i>{escape(message('order_hint'))}</i>"), self._rows, self._confirm])

    def _draw(self) -> None:
        """Show the current order in the rows; each button's tooltip names the entry it moves."""
        for position, entry_id in enumerate(self._order):
            entry = self.item.text_of(entry_id)
            self._texts[position].value = f"<b>{position + 1}.</b> {escape(entry)}"
            self._ups[position].tooltip = message("move_up_entry", entry=entry)
            self._downs[position].tooltip = message("move_down_entry", entry=entry)

    def _restore(self, value: Any) -> None:
        if isinstance(value, list) and sorted(value) == sorted(self._order):
            self._order = list(value)
            self._draw()

    def _listen(self) -> None:
        """Nothing to observe: the buttons, wired in ``_draw``, save each move themselves."""

    def _move(self, entry_id: str, step: int) -> None:
        if entry_id not in self._order:
            raise ValueError(f"{entry_id!r} is not an entry of {self.item.id}")
        index = self._order.index(entry_id)
        target = index + step
        if 0 <= target < len(self._order):
            self._order[index], self._order[target] = self._order[target], self._order[index]
            self._draw()
            self._record(list(self._order))

    def move_up(self, entry_id: str) -> None:
        self._move(entry_id, -1)

    def move_down(self, entry_id: str) -> None:
        self._move(entry_id, +1)

    def arrange(self, order: list) -> None:
        if sorted(order) != sorted(self._order):
            raise ValueError(f"order must contain exactly the entries of {self.item.id}")
        self._order = list(order)
        self._draw()
        self._record(list(self._order))

    def confirm(self) -> None:
        self._record(list(self._order))

    @property
    def order(self) -> list:
        """The order shown now (stored or not)."""
        return list(self._order)

    def _details(self, fraction: float) -> list[str]:
        return [" \u2192 ".join(self.item.text_of(entry) for entry in self.item.key)]
