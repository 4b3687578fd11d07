"""Sliders for the participant's own region's assets; the coupling heatmap redraws with every change."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .._messages import message
from ..kinds.coupling_explorer import MAX_REGION_NAME, SCORE_RANGE, clean_choice, dimensions
from ..plots import coupling_heatmap_figure
from ._base import ItemWidget, named

__all__ = ["CouplingExplorer", "clean_choice", "SCORE_RANGE"]

class CouplingExplorer(ItemWidget):
    """Saved answer: ``{"region_name": str, "assets": {dimension: 0-5}}``. Twin: ``set_asset(dimension, score)``."""

    def _build_control(self):
        self._titles, self._defaults = dimensions()
        self._name = named(widgets.Text(description=message("own_region_name"), placeholder=message("own_region_name"),
                                        layout=widgets.Layout(width="min(100%, 24em)")))
        self._sliders = {
            dimension: widgets.IntSlider(
                value=self._defaults[dimension], min=SCORE_RANGE[0], max=SCORE_RANGE[1], step=1,
                description=title, continuous_update=False, style={"description_width": "16em"},
                layout=widgets.Layout(width="34em"),
            )
            for dimension, title in self._titles.items()
        }
        self._chart = widgets.Output(layout=widgets.Layout(min_height="390px"))
        return widgets.VBox([self._name, *self._sliders.values(), self._chart])

    def _restore(self, value: Any) -> None:
        self._name.value = value["region_name"]  # as the kind parsed it: every dimension has a score
        for dimension, score in value["assets"].items():
            self._sliders[dimension].value = score

    def _listen(self) -> None:
        self._name.observe(lambda _change: self._changed(typing=True), names="value")
        for slider in self._sliders.values():
            slider.observe(lambda _change: self._changed(), names="value")
        self._redraw()

    def _changed(self, typing: bool = False) -> None:
        if typing:  # the region's name changes with every keystroke: saved at most twice a second, the last always
            self._record_soon(self.choice)
        else:
            self._record_at_once(self.choice)
        self._redraw()

    def _redraw(self) -> None:
        bundle = coupling_heatmap_figure(self.choice["assets"])._repr_mimebundle_()
        self._chart.outputs = ({"output_type": "display_data", "data": bundle, "metadata": {}},)

    @property
    def choice(self) -> dict:
        return {"region_name": self._name.value[:MAX_REGION_NAME],
                "assets": {dimension: slider.value for dimension, slider in self._sliders.items()}}

    def set_asset(self, dimension: str, score: int) -> None:
        """Twin of moving the slider of ``dimension`` to ``score`` (saved at once)."""
        self._sliders[dimension].value = score
        self.flush()

    def name_region(self, name: str) -> None:
        """Twin of typing the region's name (saved at once)."""
        self._name.value = name
        self.flush()
