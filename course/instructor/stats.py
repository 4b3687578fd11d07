"""Item and course statistics on the tidy results table: pure functions, no files read or written.

``scores`` frames have one row per student and one column per item, values the fraction of the item's
points earned (0..1). Hand-graded items that are not yet graded are NaN; see each function for how NaN is
treated. Variances are SAMPLE variances (ddof=1) throughout.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .. import kinds

__all__ = [
    "PRE_TEST", "POST_TEST", "UNANSWERED", "SMALL_COHORT", "WEAK_DISCRIMINATION",
    "facility", "item_rest_correlation", "cronbach_alpha", "option_shares", "normalised_gain",
    "gain_by_objective", "mastery", "item_warning", "warnings",
]

PRE_TEST = "sm0_orientasi"
POST_TEST = "sm6_evaluasi"
UNANSWERED = kinds.UNANSWERED
SMALL_COHORT = 10
WEAK_DISCRIMINATION = 0.2


def facility(scores: pd.DataFrame) -> pd.Series:
    """p_j = mean over students of x_ij (x = earned/max); NaN scores are skipped."""
    return scores.mean(axis=0, skipna=True).astype(float)


def _pearson(x: np.ndarray, y: np.ndarray) -> float:
    """r = sum((x-mx)(y-my)) / sqrt(sum((x-mx)^2) * sum((y-my)^2)); NaN if fewer than 2 values or a variance is 0."""
    if len(x) < 2:
        return math.nan
    dx, dy = x - x.mean(), y - y.mean()
    sxx, syy = float(dx @ dx), float(dy @ dy)
    if sxx <= 1e-12 or syy <= 1e-12:
        return math.nan
    return float(dx @ dy) / math.sqrt(sxx * syy)


def item_rest_correlation(scores: pd.DataFrame) -> pd.Series:
    """d_j = r(x_j, sum_{k != j} x_k): Pearson r of the item with the rest score, NaN if either has zero variance.

    The rest score sums the other items every student has (no NaN); for item j only students with x_j are used.
    """
    complete = [column for column in scores.columns if scores[column].notna().all()]
    result = {}
    for column in scores.columns:
        rest_columns = [other for other in complete if other != column]
        graded = scores[column].notna()
        if not rest_columns:
            result[column] = math.nan
            continue
        rest = scores.loc[graded, rest_columns].sum(axis=1).to_numpy(float)
        result[column] = _pearson(scores.loc[graded, column].to_numpy(float), rest)
    return pd.Series(result, dtype=float)


def cronbach_alpha(scores: pd.DataFrame) -> float:
    """alpha = k/(k-1) * (1 - sum_j var(x_j) / var(sum_j x_j)), sample variances (ddof=1); NaN if k < 2 or var = 0.

    Students with any NaN are left out (listwise).
    """
    complete = scores.dropna(axis=0, how="any")
    k = complete.shape[1]
    if k < 2 or len(complete) < 2:
        return math.nan
    total_variance = float(complete.sum(axis=1).var(ddof=1))
    if total_variance <= 1e-12:
        return math.nan
    item_variances = float(complete.var(axis=0, ddof=1).sum())
    return k / (k - 1) * (1 - item_variances / total_variance)


def option_shares(answers: pd.Series, item) -> pd.DataFrame:
    """share(o) = participants choosing o / all participants, per entry; unanswered is its own row (UNANSWERED).

    Kinds with options (single choice, multiple select: one entry ""; classification: one block per entry, the
    options being its categories) are counted by their kind; multiple select shares may sum above 1. Other
    kinds: an empty frame.
    """
    columns = ["entry", "option", "count", "share"]
    counts = kinds.option_counts(item, list(answers))
    if counts is None:
        return pd.DataFrame(columns=columns)
    n = len(answers)
    return pd.DataFrame([{"entry": entry, "option": option, "count": count, "share": count / n if n else math.nan}
                         for entry, option, count in counts], columns=columns)


def normalised_gain(pre, post):
    """g = (post - pre) / (1 - pre) on fractions (Hake); NaN where pre == 1 or either is NaN."""
    pre_values, post_values = np.asarray(pre, dtype=float), np.asarray(post, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        gain = np.where(np.isclose(pre_values, 1.0), np.nan, (post_values - pre_values) / (1.0 - pre_values))
    if np.ndim(gain) == 0:
        return float(gain)
    if isinstance(post, pd.Series):
        return pd.Series(gain, index=post.index, dtype=float)
    if isinstance(pre, pd.Series):
        return pd.Series(gain, index=pre.index, dtype=float)
    return gain


def _twin_pairs(results: pd.DataFrame) -> pd.DataFrame:
    """(pre item, post item, objective) for every post-test item whose twin is a pre-test item."""
    pre_items = set(results.loc[results["assignment"] == PRE_TEST, "item_id"])
    post = results.loc[results["assignment"] == POST_TEST, ["item_id", "twin", "objective"]].drop_duplicates("item_id")
    post = post[post["twin"].isin(pre_items)]
    return pd.DataFrame({"pre_item": post["twin"], "post_item": post["item_id"], "objective": post["objective"]})


def gain_by_objective(results: pd.DataFrame) -> pd.DataFrame:
    """Per student x objective: pre = earned / max over sm0 twins, post likewise over sm6, g = (post-pre)/(1-pre).

    Only twin pairs graded for the student in both tests count. Columns: student, objective, pre, post, g.
    """
    columns = ["student", "objective", "pre", "post", "g"]
    pairs = _twin_pairs(results)
    graded = results[results["points"].notna()]
    pre = graded[graded["assignment"] == PRE_TEST].merge(pairs, left_on="item_id", right_on="pre_item",
                                                         suffixes=("_x", ""))
    post = graded[graded["assignment"] == POST_TEST].merge(pairs, left_on="item_id", right_on="post_item",
                                                           suffixes=("_x", ""))
    both = pre.merge(post, on=["student", "pre_item", "post_item", "objective"], suffixes=("_pre", "_post"))
    if both.empty:
        return pd.DataFrame(columns=columns)
    sums = both.groupby(["student", "objective"], as_index=False)[
        ["points_pre", "max_points_pre", "points_post", "max_points_post"]].sum()
    sums = sums[(sums["max_points_pre"] > 0) & (sums["max_points_post"] > 0)]
    table = pd.DataFrame({"student": sums["student"], "objective": sums["objective"],
                          "pre": sums["points_pre"] / sums["max_points_pre"],
                          "post": sums["points_post"] / sums["max_points_post"]})
    table["g"] = normalised_gain(table["pre"], table["post"])
    return table.reset_index(drop=True)[columns]


def mastery(results: pd.DataFrame) -> pd.DataFrame:
    """m(s, T) = sum earned / sum max over every graded item of objective T in all assignments (students x T)."""
    graded = results[results["points"].notna()]
    sums = graded.groupby(["student", "objective"])[["points", "max_points"]].sum()
    fraction = (sums["points"] / sums["max_points"].where(sums["max_points"] > 0)).rename("mastery")
    table = fraction.unstack("objective") if len(fraction) else pd.DataFrame(dtype=float)
    table.columns.name = None
    return table.reindex(columns=sorted(table.columns)).astype(float)


def item_warning(discrimination: float) -> str:
    """The warning for one item: negative (d < 0) or weak (d < 0.2) discrimination; "" otherwise or NaN."""
    if discrimination is None or not math.isfinite(discrimination):
        return ""
    shown = f"{discrimination:.2f}".replace(".", ",")
    if discrimination < 0:
        return f"Daya beda negatif (r = {shown}): periksa kunci dan rumusan soal"
    if discrimination < WEAK_DISCRIMINATION:
        return f"Daya beda lemah (r = {shown} < 0,2)"
    return ""


def warnings(n_students: int, discrimination: pd.Series | None = None, label: str = "") -> list[str]:
    """Warnings in Bahasa Indonesia: small cohort (n < 10), then per item negative or weak discrimination."""
    prefix = f"{label}: " if label else ""
    found = []
    if n_students < SMALL_COHORT:
        found.append(f"{prefix}Kohort kecil (n={n_students}): statistik butir tidak stabil")
    for item_id, value in (discrimination if discrimination is not None else pd.Series(dtype=float)).items():
        text = item_warning(value)
        if text:
            found.append(f"{item_id}: {text}")
    return found
