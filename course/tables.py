"""Tables the notebooks show, built with pandas from the course's data sets."""

from __future__ import annotations

import pandas as pd

from .data import describe, load_table

__all__ = ["TableView", "model_comparison", "jakarta_sister_cities", "TABLES"]

_TABLE_STYLE = (
    "<style>.kursus-tabel td, .kursus-tabel th {text-align: left !important; vertical-align: top;"
    " white-space: normal !important; max-width: 28em;}</style>"
)


class TableView:
    """A DataFrame shown in full (no "..." cut), left-aligned, wrapped; ``frame`` stays available."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame

    def _repr_mimebundle_(self, include=None, exclude=None):
        with pd.option_context("display.max_colwidth", None, "display.width", 200):
            html = self.frame.to_html(classes="kursus-tabel", na_rep="\u2014", escape=True)
            text = self.frame.to_string(na_rep="\u2014")
        return {"text/html": _TABLE_STYLE + html, "text/plain": text}

THEORY_NAMES = {"globalisasi": "globalisasi", "ekonomi_global": "ekonomi global",
                "multi_level_governance": "multi-level governance"}
COMPARED = ("region", "planning_basis", "theories", "goal", "partners", "instruments", "sector", "results")


def _titles(name: str) -> dict:
    return {field["name"]: field["title"] for field in describe(name)["schema"]["fields"]}


def model_comparison() -> TableView:
    """The three models side by side: one column per model, one row per feature, Indonesian labels."""
    models = load_table("paradiplomacy_models").set_index("model_id")
    models["theories"] = models["theories"].map(
        lambda ids: ", ".join(THEORY_NAMES.get(theory.strip(), theory.strip()) for theory in ids.split(";")))
    table = models.loc[:, list(COMPARED)].T
    table.index = [_titles("paradiplomacy_models")[column] for column in COMPARED]
    table.columns = [f"Model {model.capitalize()}" for model in table.columns]
    return TableView(table)


def jakarta_sister_cities() -> TableView:
    """Jakarta's sister cities with the year each began, where sources give one."""
    cities = load_table("jakarta_sister_cities")
    shown = ["partner", "country", "year_established", "in_2019_list", "confidence"]
    return TableView(cities.loc[:, shown].rename(columns=_titles("jakarta_sister_cities")))


TABLES = {"model_comparison": model_comparison, "jakarta_sister_cities": jakarta_sister_cities}
