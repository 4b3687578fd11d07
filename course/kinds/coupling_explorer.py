"""Coupling explorer: the participant scores their own region's assets (0-5) and sees the coupling heatmap.

Stored: {"region_name": str, "assets": {dimension id: 0-5}}. Read by the instructor; the dimensions
and their starting scores come from ``data/`` (regional assets of the "Daerah Anda" row).
"""

from __future__ import annotations

import functools
from typing import Any

from ._base import Example, Kind, Unreadable, preview

__all__ = ["CouplingExplorer", "clean_choice", "dimensions", "OWN_REGION", "SCORE_RANGE", "MAX_REGION_NAME"]

OWN_REGION = "daerah_anda"
"""The participant's region in ``regional_assets``: the row the explorer edits (``course.coupling`` imports it)."""
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


@functools.lru_cache(maxsize=1)
def dimensions() -> tuple[dict, dict]:
    """({dimension id: title}, {dimension id: starting score}) from ``data/``; DataError if unreadable.

    The starting scores are the own region's row of ``coupling.asset_matrix()`` (dimensions in the order of the
    asset file), read without pandas: a grading kernel describing a stored answer calls this.
    """
    from ..data import DataError, read_records

    titles = {row["dimension"]: row["title"] for row in read_records("asset_dimensions")}
    assets = read_records("regional_assets")
    own = {row["dimension"]: row["score"] for row in assets if row["region_id"] == OWN_REGION}
    order = dict.fromkeys(row["dimension"] for row in assets)
    if missing := [dimension for dimension in order if dimension not in own]:
        raise DataError(f"regional_assets.csv: baris {OWN_REGION} tanpa skor untuk {', '.join(missing)}.")
    return titles, {dimension: own[dimension] for dimension in order}


class CouplingExplorer(Kind):
    name = "coupling_explorer"
    minutes = 4.0
    auto_graded = False
    label = "tag_explorer"
    widget = "course.widgets.coupling_explorer:CouplingExplorer"
    board = "sliders"

    def parse(self, item, stored):
        if not isinstance(stored, dict):
            raise Unreadable("bukan pilihan aset daerah", preview(stored))
        titles, defaults = dimensions()
        return clean_choice(stored, list(titles), defaults)

    def describe(self, item, value):
        titles, _defaults = dimensions()
        name = value["region_name"].strip() or "Daerah Anda"
        return name + ": " + ", ".join(f"{titles.get(key, key)} {score}" for key, score in value["assets"].items())

    def examples(self, item, key):
        titles, defaults = dimensions()
        first = next(iter(titles))
        raised = min(SCORE_RANGE[1], defaults[first] + 1)
        return [
            Example("right", {"region_name": "Kabupaten Contoh", "assets": {**defaults, first: raised}},
                    says=(f"Kabupaten Contoh: {titles[first]} {raised}",)),
            Example("partly_right", {"assets": {first: 9}, "region_name": 42},
                    says=(f"Daerah Anda: {titles[first]} {defaults[first]}",)),
            Example("wrong", {}, says=("Daerah Anda:",)),
            Example("invalid", "teks", says=("teks",)),
            Example("invalid", [1, 2]),
        ]
