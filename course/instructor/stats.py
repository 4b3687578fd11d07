"""Item and course statistics on the tidy results table: pure functions, no files read or written.

``scores`` frames have one row per student and one column per item: the fraction of the item's points earned
(0..1) for facility, the points themselves for discrimination and alpha (as Moodle computes them). Hand-graded
items that are not yet graded are NaN; see each function for how NaN is treated. Variances are SAMPLE variances
(ddof=1) throughout.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .. import kinds
from .page_words import decimal, words

__all__ = [
    "PRE_TEST", "POST_TEST", "UNANSWERED", "MIN_N", "SMALL_COHORT", "WEAK_DISCRIMINATION", "SAME_SCORE",
    "facility", "too_few", "discrimination", "item_rest_correlation", "cronbach_alpha", "reliability",
    "option_shares", "normalised_gain", "gain_by_objective", "class_gain", "mastery", "empty_submissions",
    "without_empty", "item_warning", "warnings",
]

PRE_TEST = "sm0_orientasi"
POST_TEST = "sm6_evaluasi"
UNANSWERED = kinds.UNANSWERED
# The fewest participants for which discrimination and alpha are shown as numbers. Below 10 the standard error of
# a correlation near 0 is at least 1/sqrt(n - 3) = 0.38 (Fisher z), about twice the 0.2 line between weak and
# acceptable discrimination: a 95 % interval around r = 0.3 at n = 9 runs from -0.45 to 0.80, so the number cannot
# even tell the sign. Alpha is a ratio of variances estimated from the same n participants and is as unstable.
# Ten is also the smallest class this course is given to (10-40); at 10 the interval is still wide (-0.41 to 0.78),
# which is why every value is shown with its n.
MIN_N = 10
SMALL_COHORT = MIN_N
WEAK_DISCRIMINATION = 0.2
# Why a discrimination or an alpha is not shown: keys of page_words.WORDS, written as words(SAME_SCORE) in the
# language of the moment (Bahasa Indonesia by default; English with KURSUS_LANG=en).
SAME_SCORE = "stats_same_score"
SAME_REST = "stats_same_rest"
NO_REST = "stats_no_rest"
SAME_TOTAL = "stats_same_total"
TOO_FEW_ITEMS = "stats_too_few_items"


def facility(scores: pd.DataFrame) -> pd.Series:
    """p_j = mean over students of x_ij (x = earned/max); NaN scores are skipped."""
    return scores.mean(axis=0, skipna=True).astype(float)


def too_few(n: int, minimum: int = MIN_N) -> str:
    """"n terlalu kecil (n = 6 < 10)" when ``n < minimum``, else ""."""
    return words("stats_too_few", n=n, minimum=minimum) if n < minimum else ""


def _flat(values: np.ndarray) -> bool:
    dev = values - values.mean()
    return float(dev @ dev) <= 1e-12


def _pearson(x: np.ndarray, y: np.ndarray) -> float:
    """r = sum((x-mx)(y-my)) / sqrt(sum((x-mx)^2) * sum((y-my)^2)); NaN if fewer than 2 values or a variance is 0."""
    if len(x) < 2:
        return math.nan
    dx, dy = x - x.mean(), y - y.mean()
    sxx, syy = float(dx @ dx), float(dy @ dy)
    if sxx <= 1e-12 or syy <= 1e-12:
        return math.nan
    return float(dx @ dy) / math.sqrt(sxx * syy)


def discrimination(points: pd.DataFrame, min_n: int = MIN_N) -> pd.DataFrame:
    """Moodle's discrimination index per item: d_j = r(x_j, sum_{k != j} x_k) on points, with n and a note.

    Moodle (question/classes/statistics/questions/calculator.php) correlates the mark on the question with the
    mark on the rest of the test, both in points, so an item's weight counts in the others' rest score. The rest
    score sums the other items graded for every student (no NaN); for item j only students with x_j count (n).
    ``discrimination`` is NaN, and ``note`` says why, when n < ``min_n`` (see MIN_N), when the item or the rest
    score has zero variance, or when there is no other item. Columns: n, discrimination, note.
    """
    complete = [column for column in points.columns if points[column].notna().all()]
    rows = {}
    for column in points.columns:
        graded = points[column].notna()
        n = int(graded.sum())
        rest_columns = [other for other in complete if other != column]
        x = points.loc[graded, column].to_numpy(float)
        value, note = math.nan, too_few(n, max(min_n, 2))
        if not note and not rest_columns:
            note = words(NO_REST)
        elif not note and _flat(x):
            note = words(SAME_SCORE)
        elif not note:
            rest = points.loc[graded, rest_columns].sum(axis=1).to_numpy(float)
            if _flat(rest):
                note = words(SAME_REST)
            else:
                value = _pearson(x, rest)
        rows[column] = {"n": n, "discrimination": value, "note": note}
    table = pd.DataFrame.from_dict(rows, orient="index", columns=["n", "discrimination", "note"])
    return table.astype({"n": int, "discrimination": float}) if len(table) else table


def item_rest_correlation(scores: pd.DataFrame) -> pd.Series:
    """d_j = r(x_j, sum_{k != j} x_k) in whatever unit ``scores`` holds, NaN where undefined (see discrimination)."""
    return discrimination(scores, min_n=2)["discrimination"].astype(float)


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


def reliability(points: pd.DataFrame, min_n: int = MIN_N) -> tuple[float, str]:
    """(alpha, note): Cronbach's alpha on points over the items graded for every student, as Moodle's coefficient
    of internal consistency; NaN with the reason when n < ``min_n``, fewer than 2 such items or equal totals."""
    complete = points.dropna(axis=1, how="any")
    n, k = complete.shape
    note = too_few(n, max(min_n, 2))
    if note:
        return math.nan, note
    if k < 2:
        return math.nan, words(TOO_FEW_ITEMS)
    value = cronbach_alpha(complete)
    return (value, "") if math.isfinite(value) else (math.nan, words(SAME_TOTAL))


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


def class_gain(per_student: pd.DataFrame) -> pd.DataFrame:
    """Per objective, over the n participants in ``per_student`` (gain_by_objective: those who took both tests):

    g_kelas = (mean post - mean pre) / (1 - mean pre), Hake's class gain, NaN when mean pre = 1; g_individu = the
    mean of individual g over the n_g_individu participants with pre < 1 (the n_pra_sempurna with pre = 1 have none,
    so this mean can rise while the class falls). Columns: objective, n, pre, post, g_kelas, g_individu,
    n_g_individu, n_pra_sempurna.
    """
    columns = ["objective", "n", "pre", "post", "g_kelas", "g_individu", "n_g_individu", "n_pra_sempurna"]
    if per_student.empty:
        return pd.DataFrame(columns=columns)
    table = per_student.groupby("objective").agg(
        n=("student", "nunique"), pre=("pre", "mean"), post=("post", "mean"), g_individu=("g", "mean"),
        n_g_individu=("g", "count"), n_pra_sempurna=("pre", lambda pre: int(np.isclose(pre, 1.0).sum())),
    ).reset_index()
    table["g_kelas"] = normalised_gain(table["pre"], table["post"])
    return table[columns]


def mastery(results: pd.DataFrame) -> pd.DataFrame:
    """m(s, T) = sum earned / sum max over the graded summative items of objective T (students x T).

    The pre-test (PRE_TEST) is left out: it measures what participants brought, not what they mastered. Practice
    items never reach the results table.
    """
    graded = results[results["points"].notna() & (results["assignment"] != PRE_TEST)]
    sums = graded.groupby(["student", "objective"])[["points", "max_points"]].sum()
    fraction = (sums["points"] / sums["max_points"].where(sums["max_points"] > 0)).rename("mastery")
    table = fraction.unstack("objective") if len(fraction) else pd.DataFrame(dtype=float)
    table.columns.name = None
    return table.reindex(columns=sorted(table.columns)).astype(float)


def _text_column(results: pd.DataFrame, column: str) -> pd.Series:
    """A text column of ``results`` with "" for missing, or all "" when the column is absent."""
    if column not in results:
        return pd.Series("", index=results.index, dtype=object)
    return results[column].map(lambda value: value if isinstance(value, str) else "")


def _answered(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def empty_submissions(results: pd.DataFrame) -> pd.DataFrame:
    """(student, assignment, reason) of every submission with no stored answer for any graded item.

    That includes a missing or unreadable answer file; ``reason`` is its store_problem when the table has that
    column, else "". Such submissions count 0 points but would only add zeros to item statistics.
    """
    columns = ["student", "assignment", "reason"]
    if results.empty:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame({"student": results["student"], "assignment": results["assignment"],
                          "answered": results["answer"].map(_answered),
                          "reason": _text_column(results, "store_problem")})
    grouped = frame.groupby(["student", "assignment"], sort=True)
    summary = grouped.agg(answered=("answered", "any"), reason=("reason", lambda texts: next(
        (text for text in texts if text), ""))).reset_index()
    empty = summary[~summary["answered"] | (summary["reason"] != "")]
    return empty[columns].reset_index(drop=True)


def without_empty(results: pd.DataFrame) -> pd.DataFrame:
    """``results`` without the rows of empty submissions (see empty_submissions)."""
    empty = empty_submissions(results)
    if empty.empty:
        return results
    keys = pd.MultiIndex.from_frame(results[["student", "assignment"]])
    drop = keys.isin(pd.MultiIndex.from_frame(empty[["student", "assignment"]]))
    return results[~drop]


def item_warning(discrimination: float) -> str:
    """The warning for one item: negative (d < 0) or weak (d < 0.2) discrimination; "" otherwise or NaN."""
    if discrimination is None or not math.isfinite(discrimination):
        return ""
    shown = decimal(discrimination, 2)
    if discrimination < 0:
        return words("stats_negative", r=shown)
    if discrimination < WEAK_DISCRIMINATION:
        return words("stats_weak", r=shown, line=decimal(WEAK_DISCRIMINATION, 1))
    return ""


def warnings(n_students: int, discrimination: pd.Series | None = None, label: str = "") -> list[str]:
    """Warnings (Bahasa Indonesia, or English in English mode): small cohort (n < MIN_N), then per item negative or
    weak discrimination."""
    prefix = f"{label}: " if label else ""
    found = []
    if n_students < MIN_N:
        found.append(prefix + words("stats_small_cohort", n=n_students, minimum=MIN_N))
    for item_id, value in (discrimination if discrimination is not None else pd.Series(dtype=float)).items():
        text = item_warning(value)
        if text:
            found.append(f"{item_id}: {text}")
    return found
