"""Sliders for the participant's own region's assets; the coupling heatmap redraws with every change."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .._messages import message
from ..coupling import OWN_REGION, asset_matrix
from ..data import load_table
from ..plots import coupling_heatmap_figure
from ._base import ItemWidget

__all__ = ["CouplingExplorer", "clean_choice", "SCORE_RANGE"]

SCORE_RANGE = (0, 5)
MAX_REGION_NAME = 80


def clean_choice(value: Any, dimensions: list[str], defaults: dict) -> dict:
    """A stored answer in canonical form: the region's name and one score 0-5 per dimension."""
    value = value if isinstance(value, dict) else {}
    assets = value.get("assets") if isinstance(value.get("assets"), dict) else {}
    name = value.get("region_name")
    scores = {}
    for dimension in dimensions:
        score = assets.get(dimension)
        valid = isinstance(score, int) and not isinstance(score, bool) and SCORE_RANGE[0] <= score <= SCORE_RANGE[1]
        scores[dimension] = score if valid else defaults[dimension]
    return {"region_name": name[:MAX_REGION_NAME] if isinstance(name, str) else "", "assets": scores}


class CouplingExplorer(ItemWidget):
    """Saved answer: ``{"region_name": str, "assets": {dimension: 0-5}}``. Twin: ``set_asset(dimension, score)``."""

    def _build_control(self):
        dimensions = load_table("asset_dimensions")
        self._titles = dict(zip(dimensions["dimension"], dimensions["title"]))
        self._defaults = {dimension: int(score) for dimension, score in asset_matrix().loc[OWN_REGION].items()}
        self._name = widgets.Text(placeholder=message("own_region_name"), layout=widgets.Layout(width="24em"))
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
        choice = clean_choice(value, list(self._sliders), self._defaults)
        self._name.value = choice["region_name"]
        for dimension, score in choice["assets"].items():
            self._sliders[dimension].value = score

    def _listen(self) -> None:
        for control in (self._name, *self._sliders.values()):
            control.observe(lambda _change: self._changed(), names="value")
        self._redraw()

    def _changed(self) -> None:
        self._record(self.choice)
        self._redraw()

    def _redraw(self) -> None:
        bundle = coupling_heatmap_figure(self.choice["assets"])._repr_mimebundle_()
        self._chart.outputs = ({"output_type": "display_data", "data": bundle, "metadata": {}},)

    @property
    def choice(self) -> dict:
        return {"region_name": self._name.value[:MAX_REGION_NAME],
                "assets": {dimension: slider.value for dimension, slider in self._sliders.items()}}

    def set_asset(self, dimension: str, score: int) -> None:
        """Twin of moving the slider of ``dimension`` to ``score``."""
        self._sliders[dimension].value = score

    def name_region(self, name: str) -> None:
        """Twin of typing the region's name."""
        self._name.value = name
