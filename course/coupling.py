"""Strategic coupling on the course's illustrative data: how well a region's assets meet a firm's needs.

The regions (Kota Widyapura, Kabupaten Karyamaju, Kabupaten Selat Biru) and the firm types are fictional:
the course scores no real province. The participant's own region ("Daerah Anda") is the one editable row.

coupling(region, firm) = sum over dimensions d of weight[firm, d] * score[region, d] / sum of weight[firm, d]

i.e. the region's asset scores (0-5) averaged with the firm's need weights: 5 means every asset the
firm needs is at its highest level. It is a teaching device for the idea in Coe & Yeung (2015), not a
measurement.
"""

from __future__ import annotations

import pandas as pd

from .data import load_table
from .kinds.coupling_explorer import OWN_REGION  # defined with the kind: a grading kernel never imports this module

__all__ = ["asset_matrix", "need_matrix", "coupling_scores", "best_region", "best_firm", "most_leveraged_asset",
           "OWN_REGION"]


def asset_matrix(assets: pd.DataFrame | None = None) -> pd.DataFrame:
    """Regions x dimensions of asset scores, in the order of the data file."""
    assets = load_table("regional_assets") if assets is None else assets
    return assets.pivot_table(index="region_id", columns="dimension", values="score", sort=False, aggfunc="first")


def need_matrix(needs: pd.DataFrame | None = None) -> pd.DataFrame:
    """Firms x dimensions of need weights, in the order of the data file."""
    needs = load_table("firm_needs") if needs is None else needs
    return needs.pivot_table(index="firm_id", columns="dimension", values="weight", sort=False, aggfunc="first")


def coupling_scores(assets: pd.DataFrame | None = None, needs: pd.DataFrame | None = None,
                    own_scores: dict | None = None) -> pd.DataFrame:
    """Regions x firms coupling scores (0-5); ``own_scores`` replaces the participant's region's assets."""
    regions = asset_matrix(assets).astype(float)
    weights = need_matrix(needs).astype(float)
    if own_scores:
        for dimension, score in own_scores.items():
            if dimension in regions.columns and OWN_REGION in regions.index:
                regions.loc[OWN_REGION, dimension] = float(score)
    weights = weights[regions.columns]
    return (regions @ weights.T) / weights.sum(axis=1)


def best_region(scores: pd.DataFrame, firm: str, include_own: bool = False) -> str:
    """The region that couples best with ``firm``."""
    column = scores[firm] if include_own else scores[firm].drop(index=OWN_REGION, errors="ignore")
    return str(column.idxmax())


def best_firm(scores: pd.DataFrame, region: str) -> str:
    """The firm that couples best with ``region``: the one its investment promotion would court first."""
    return str(scores.loc[region].idxmax())


def most_leveraged_asset(firm: str, needs: pd.DataFrame | None = None) -> str:
    """The asset whose one-point rise lifts any region's coupling with ``firm`` most: its largest weight."""
    return str(need_matrix(needs).loc[firm].astype(float).idxmax())
