"""The actor map: participants list the actors of their region, classify and rate them, and see a chart."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .._messages import message
from ..kinds.actor_map import MAX_NAME, MAX_ROLE, RATINGS, clean_rows
from ..plots import actor_map_figure
from ._base import ItemWidget, labelled, named, wrapping

__all__ = ["ActorMap", "clean_rows", "RATINGS", "MAX_NAME"]

class _ActorRow(widgets.VBox):
    """One actor: name, category, role and the two ratings, with a remove button."""

    def __init__(self, categories, on_change, on_remove):
        # the placeholders say what goes in each box; the same words are the boxes' accessible names
        self.name = named(widgets.Text(description=message("actor_name"), placeholder=message("actor_name"),
                                       layout=widgets.Layout(width="18em")))
        self.category = labelled(widgets.Dropdown(
            options=[(message("choose"), "")] + [(category["text"], category["id"]) for category in categories],
            value="", description=message("actor_category"), layout=widgets.Layout(width="auto"),
        ))
        self.role = named(widgets.Text(description=message("actor_role"), placeholder=message("actor_role"),
                                       layout=widgets.Layout(width="min(100%, 38.5em)")))
        self.influence = self._rating_buttons(message("influence"))
        self.interest = self._rating_buttons(message("interest"))
        self.remove = widgets.Button(description=message("remove"), icon="trash")
        self.remove.on_click(lambda _button: on_remove(self))
        self._on_change = on_change
        super().__init__([
            wrapping(widgets.HBox([self.name, self.category, self.remove])),
            self.role,
            wrapping(widgets.HBox([self.influence, self.interest])),
        ], layout=widgets.Layout(border_bottom="1px solid #e0e0e0", padding="4px 0 6px 0"))
        self.add_class("kursus-actor-row")

    @staticmethod
    def _rating_buttons(label: str) -> widgets.ToggleButtons:
        """Five buttons named 1-5 (each with a tooltip), after their visible label."""
        buttons = labelled(widgets.ToggleButtons(options=list(RATINGS), value=3, description=label,
                                                 tooltips=[f"{label} {n}" for n in RATINGS]))
        buttons.style.button_width = "2.4em"
        return buttons

    def fill(self, row: dict) -> None:
        self.name.value, self.category.value, self.role.value = row["name"], row["category"], row["role"]
        self.influence.value, self.interest.value = row["influence"], row["interest"]

    def listen(self) -> None:
        for control in (self.name, self.role):  # a change per keystroke
            control.observe(lambda _change: self._on_change(typing=True), names="value")
        for control in (self.category, self.influence, self.interest):  # a change per click
            control.observe(lambda _change: self._on_change(), names="value")

    def value(self) -> dict:
        return {
            "name": self.name.value[:MAX_NAME], "category": self.category.value or "", "role": self.role.value[:MAX_ROLE],
            "influence": self.influence.value, "interest": self.interest.value,
        }


class ActorMap(ItemWidget):
    """Rows of actors and an influence x interest chart, saved as a list of rows on every change.

    Scriptable twins: ``add(name, category, influence, interest, role="")`` and ``remove(index)``.
    """

    def _build_control(self):
        self._category_ids = {category["id"] for category in self.item.categories}
        self._rows_box = widgets.VBox()
        self._add_button = widgets.Button(description=message("add_actor"), icon="plus", button_style="info")
        self._add_button.on_click(lambda _button: self.add())
        self._limit_note = widgets.HTML()
        self._chart = widgets.Output(layout=widgets.Layout(min_height="470px"))
        self._listening = False
        return widgets.VBox([self._rows_box, widgets.HBox([self._add_button, self._limit_note]), self._chart])

    def _restore(self, value: Any) -> None:
        for row in value:  # rows as the kind parsed them
            self._append_row().fill(row)

    def _listen(self) -> None:
        self._listening = True
        for row in self._rows_box.children:
            row.listen()
        if not self._rows_box.children:
            self._append_row().listen()
        self._redraw()

    def _append_row(self) -> _ActorRow:
        row = _ActorRow(self.item.categories, self._changed, self._remove_row)
        self._rows_box.children = (*self._rows_box.children, row)
        self._update_limit()
        return row

    def _remove_row(self, row: _ActorRow) -> None:
        self._rows_box.children = tuple(child for child in self._rows_box.children if child is not row)
        self._update_limit()
        self._changed()

    def _update_limit(self) -> None:
        full = len(self._rows_box.children) >= self.item.max_rows
        self._add_button.disabled = full
        self._limit_note.value = f"<small>{message('rows_full', limit=self.item.max_rows)}</small>" if full else ""

    _filling = False

    def _changed(self, typing: bool = False) -> None:
        if self._filling:  # add() fills five controls: save once, after the last
            return
        if typing:  # names and roles change with every keystroke: saved at most twice a second, the last always
            self._record_soon(self.rows)
        else:
            self._record_at_once(self.rows)
        self._redraw()

    def _redraw(self) -> None:
        """Replace the chart. Setting ``outputs`` directly (not ``with output:``) sends no cell output."""
        bundle = actor_map_figure(self.rows, list(self.item.categories))._repr_mimebundle_()
        self._chart.outputs = ({"output_type": "display_data", "data": bundle, "metadata": {}},)

    @property
    def rows(self) -> list[dict]:
        """The actors as shown, in order (rows without a name included, so nothing typed is lost)."""
        return [row.value() for row in self._rows_box.children]

    # scriptable twins ------------------------------------------------------------
    def add(self, name: str = "", category: str = "", influence: int = 3, interest: int = 3, role: str = "") -> None:
        """Twin of "Tambah aktor" and of filling the row in; a named actor goes into a still blank last row."""
        if category and category not in self._category_ids:
            raise ValueError(f"unknown category {category!r}; expected one of {sorted(self._category_ids)}")
        rows = self._rows_box.children
        if name and rows and not rows[-1].name.value.strip() and not rows[-1].role.value.strip():
            row = rows[-1]
        elif len(rows) >= self.item.max_rows:
            self._set_status(message("rows_full", limit=self.item.max_rows), problem=True)
            return
        else:
            row = self._append_row()
            row.listen()
        self._filling = True
        try:
            row.fill(clean_rows([{"name": name, "category": category, "role": role, "influence": influence,
                                  "interest": interest}], self._category_ids, 1)[0])
        finally:
            self._filling = False
        self._changed()
        self.flush()

    def remove(self, index: int) -> None:
        """Twin of a row's "Hapus" button."""
        self._remove_row(self._rows_box.children[index])
        self.flush()
