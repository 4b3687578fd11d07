"""Item statistics on a small fixed cohort, with every expected number worked out by hand below."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from course.bank import Item
from course.instructor import stats

# Five students x four items, fractions of the item's points earned.
#          A    B    C    D    total
#   s1     1    1    1    1    4
#   s2     1    1    0    1    3
#   s3     1    0    1    0    2
#   s4     0    0.5  0    0    0.5
#   s5     0    0    0    1    1
COHORT = pd.DataFrame(
    {"A": [1, 1, 1, 0, 0], "B": [1, 1, 0, 0.5, 0], "C": [1, 0, 1, 0, 0], "D": [1, 1, 0, 0, 1]},
    index=["s1", "s2", "s3", "s4", "s5"], dtype=float,
)


def test_facility_is_the_mean_fraction():
    """Is facility the item's mean fraction? A 3/5, B 2.5/5, C 2/5, D 3/5."""
    assert stats.facility(COHORT).to_dict() == pytest.approx({"A": 0.6, "B": 0.5, "C": 0.4, "D": 0.6})


def test_item_rest_correlation_by_hand():
    """Is discrimination Pearson r of the item with the sum of the other three items?"""
    # r = Sxy / sqrt(Sxx * Syy), S = sums of products of deviations from the mean.
    # A: x = 1,1,1,0,0 (mean .6)   rest = 3,2,1,.5,1 (mean 1.5)
    #    Sxy = .4*1.5 + .4*.5 + .4*-.5 + -.6*-1 + -.6*-.5 = 1.5; Sxx = 1.2; Syy = 2.25+.25+.25+1+.25 = 4
    #    r = 1.5 / sqrt(4.8) = 0.684653
    # B: x = 1,1,0,.5,0 (mean .5)  rest = 3,2,2,0,1 (mean 1.6)
    #    Sxy = .7+.2-.2+0+.3 = 1.0; Sxx = 1.0; Syy = 1.96+.16+.16+2.56+.36 = 5.2 -> r = 1/sqrt(5.2) = 0.438529
    # C: x = 1,0,1,0,0 (mean .4)   rest = 3,3,1,.5,1 (mean 1.7)
    #    Sxy = .78-.52-.42+.48+.28 = 0.6; Sxx = 1.2; Syy = 1.69+1.69+.49+1.44+.49 = 5.8 -> r = .6/sqrt(6.96) = 0.227429
    # D: x = 1,1,0,0,1 (mean .6)   rest = 3,2,2,.5,0 (mean 1.5)
    #    Sxy = .6+.2-.3+.6-.6 = 0.5; Sxx = 1.2; Syy = 2.25+.25+.25+1+2.25 = 6 -> r = .5/sqrt(7.2) = 0.186339
    result = stats.item_rest_correlation(COHORT)
    assert list(result.index) == ["A", "B", "C", "D"]
    assert result.to_dict() == pytest.approx({"A": 0.684653, "B": 0.438529, "C": 0.227429, "D": 0.186339}, abs=1e-6)


def test_cronbach_alpha_by_hand():
    """Is alpha k/(k-1) * (1 - sum of item variances / variance of totals) with sample variances?"""
    # Item variances (ddof=1): A (.16*3+.36*2)/4 = .3; B (.25*4)/4 = .25; C (.36*2+.16*3)/4 = .3; D = .3 -> sum 1.15
    # Totals 4,3,2,.5,1 (mean 2.1): (3.61+.81+.01+2.56+1.21)/4 = 8.2/4 = 2.05
    # alpha = 4/3 * (1 - 1.15/2.05) = 4/3 * 18/41 = 24/41 = 0.585366
    assert stats.cronbach_alpha(COHORT) == pytest.approx(24 / 41)
    assert stats.cronbach_alpha(COHORT) == pytest.approx(0.585366, abs=1e-6)


def test_normalised_gain_by_hand():
    """Is g = (post - pre) / (1 - pre), and NaN when the pre-test was already perfect?"""
    # (.75-.5)/(1-.5) = .5;  (.6-.8)/(1-.8) = -1;  (.3-0)/(1-0) = .3;  pre = 1 -> NaN
    assert stats.normalised_gain(0.5, 0.75) == pytest.approx(0.5)
    assert stats.normalised_gain(0.8, 0.6) == pytest.approx(-1.0)
    gains = stats.normalised_gain(pd.Series([0.0, 1.0, 0.5]), pd.Series([0.3, 1.0, 0.5]))
    assert gains.iloc[0] == pytest.approx(0.3)
    assert math.isnan(gains.iloc[1])
    assert gains.iloc[2] == 0.0
    assert math.isnan(stats.normalised_gain(1.0, 0.4))


def row(student, assignment, item_id, objective, points, max_points, twin="", kind="single_choice", answer=None):
    return {"student": student, "assignment": assignment, "item_id": item_id, "kind": kind, "objective": objective,
            "twin": twin, "points": points, "max_points": max_points, "answer": answer}


@pytest.fixture
def pre_post():
    """Two students who took both tests, one who took only the post-test, and a hand-graded sm1 item."""
    rows = []
    pre = {"s1": {"sm0.a": 0, "sm0.b": 2, "sm0.c": 1}, "s2": {"sm0.a": 1, "sm0.b": 1, "sm0.c": 0}}
    post = {"s1": {"sm6.a": 1, "sm6.b": 2, "sm6.c": 1, "sm6.extra": 0}, "s2": {"sm6.a": 1, "sm6.b": 1, "sm6.c": 1,
            "sm6.extra": 1}, "s3": {"sm6.a": 1, "sm6.b": 2, "sm6.c": 1, "sm6.extra": 1}}
    objective = {"a": "T1", "b": "T1", "c": "T2", "extra": "T2"}
    maximum = {"a": 1.0, "b": 2.0, "c": 1.0, "extra": 1.0}
    for student, items in pre.items():
        for item_id, points in items.items():
            short = item_id.split(".")[1]
            rows.append(row(student, "sm0_orientasi", item_id, objective[short], float(points), maximum[short]))
    for student, items in post.items():
        for item_id, points in items.items():
            short = item_id.split(".")[1]
            twin = "" if short == "extra" else f"sm0.{short}"
            rows.append(row(student, "sm6_evaluasi", item_id, objective[short], float(points), maximum[short], twin))
    rows.append(row("s1", "sm1_diplomasi", "sm1.tulis", "T1", 2.0, 3.0, kind="reflection"))
    rows.append(row("s2", "sm1_diplomasi", "sm1.tulis", "T1", math.nan, 3.0, kind="reflection"))
    return pd.DataFrame(rows)


def test_gain_by_objective_pairs_twins(pre_post):
    """Are pre and post sums taken over twin pairs per objective, per student who took both tests?"""
    # s1 T1: pre (0 + 2)/(1 + 2) = 2/3, post (1 + 2)/3 = 1 -> g = (1 - 2/3)/(1 - 2/3) = 1
    #    T2: pre 1/1 = 1 -> g NaN (sm6.extra has no twin and is left out)
    # s2 T1: pre (1 + 1)/3 = 2/3, post (1 + 1)/3 = 2/3 -> g = 0;  T2: pre 0, post 1 -> g = 1
    # s3 took only the post-test: no row.
    table = stats.gain_by_objective(pre_post).set_index(["student", "objective"])
    assert sorted(table.index) == [("s1", "T1"), ("s1", "T2"), ("s2", "T1"), ("s2", "T2")]
    assert table.loc[("s1", "T1"), ["pre", "post", "g"]].tolist() == pytest.approx([2 / 3, 1.0, 1.0])
    assert table.loc[("s1", "T2"), "pre"] == 1.0 and math.isnan(table.loc[("s1", "T2"), "g"])
    assert table.loc[("s2", "T1"), ["pre", "post", "g"]].tolist() == pytest.approx([2 / 3, 2 / 3, 0.0])
    assert table.loc[("s2", "T2"), ["pre", "post", "g"]].tolist() == pytest.approx([0.0, 1.0, 1.0])


def test_mastery_counts_summative_items_only(pre_post):
    """Is mastery earned / max over the graded items of an objective, without the pre-test (sm0_orientasi)?"""
    # The pre-test measures what participants brought with them, not what they mastered: its items are left out.
    # s1 T1: sm6.a 1/1, sm6.b 2/2, sm1.tulis 2/3 -> 5/6   (with sm0 it would have been 7/9)
    # s2 T1: sm6.a 1/1, sm6.b 1/2 (sm1.tulis not graded yet, left out) -> 2/3
    # s3 T2: sm6.c 1/1 + sm6.extra 1/1 -> 1;  s1 T2: sm6.c 1 + sm6.extra 0 -> 1/2
    table = stats.mastery(pre_post)
    assert list(table.columns) == ["T1", "T2"]
    assert table.loc["s1", "T1"] == pytest.approx(5 / 6)
    assert table.loc["s2", "T1"] == pytest.approx(2 / 3)
    assert table.loc["s3", "T2"] == 1.0
    assert table.loc["s1", "T2"] == pytest.approx(1 / 2)
    only_pre = pre_post[pre_post["assignment"] == stats.PRE_TEST]
    assert stats.mastery(only_pre).empty


def test_class_gain_is_hakes_g_of_the_class_means():
    """Is the class g Hake's (mean post - mean pre) / (1 - mean pre) over everyone who took both tests, and the mean
    of individual g reported apart, over those with pre < 1, with the participants left out counted?"""
    # T4: s1, s2 had the pre-test right (1) and half the post-test (0.5); s3, s4 went from 0.5 to 0.75.
    #   mean pre = 0.75, mean post = 0.625 -> class g = (0.625 - 0.75) / (1 - 0.75) = -0.5 (the class fell)
    #   individual g: s1, s2 undefined (pre = 1); s3, s4 (0.75 - 0.5)/(1 - 0.5) = 0.5 -> mean 0.5 over n = 2
    # T5: everyone had pre = 1 -> class g undefined, no individual g.
    per_student = pd.DataFrame({
        "student": ["s1", "s2", "s3", "s4", "s1", "s2"], "objective": ["T4"] * 4 + ["T5"] * 2,
        "pre": [1.0, 1.0, 0.5, 0.5, 1.0, 1.0], "post": [0.5, 0.5, 0.75, 0.75, 1.0, 0.0]})
    per_student["g"] = stats.normalised_gain(per_student["pre"], per_student["post"])
    table = stats.class_gain(per_student).set_index("objective")
    assert list(table.columns) == ["n", "pre", "post", "g_kelas", "g_individu", "n_g_individu", "n_pra_sempurna"]
    assert table.loc["T4"].tolist() == pytest.approx([4, 0.75, 0.625, -0.5, 0.5, 2, 2])
    assert table.loc["T5", "n"] == 2 and table.loc["T5", "n_pra_sempurna"] == 2
    assert math.isnan(table.loc["T5", "g_kelas"]) and math.isnan(table.loc["T5", "g_individu"])
    assert table.loc["T5", "n_g_individu"] == 0


def test_empty_submissions_are_found_with_their_reason():
    """Is a submission empty when none of its graded items has a stored answer, whatever its points, and is the
    answer file's problem given as the reason when known?"""
    rows = [
        row("s1", "sm1_diplomasi", "sm1.a", "T1", 1.0, 1.0, answer="a"),
        row("s1", "sm1_diplomasi", "sm1.b", "T1", 0.0, 1.0, answer=None),       # one answer is enough
        row("s2", "sm1_diplomasi", "sm1.a", "T1", 0.0, 1.0, answer=None),
        row("s2", "sm1_diplomasi", "sm1.b", "T1", 1.0, 1.0, answer=None),       # points from an override: still empty
        row("s3", "sm1_diplomasi", "sm1.a", "T1", 0.0, 1.0, answer=None),
        row("s3", "sm1_diplomasi", "sm1.b", "T1", 0.0, 1.0, answer=None),
        row("s3", "sm6_evaluasi", "sm6.a", "T1", 0.0, 1.0, answer=[]),         # an answer, even an empty list
    ]
    frame = pd.DataFrame(rows)
    empty = stats.empty_submissions(frame)
    assert list(empty.columns) == ["student", "assignment", "reason"]
    assert empty[["student", "assignment", "reason"]].values.tolist() == [
        ["s2", "sm1_diplomasi", ""], ["s3", "sm1_diplomasi", ""]]
    frame["store_problem"] = ["", "", "", "", "tidak ada berkas jawaban", "tidak ada berkas jawaban", ""]
    assert stats.empty_submissions(frame)["reason"].tolist() == ["", "tidak ada berkas jawaban"]
    kept = stats.without_empty(frame)
    assert sorted(set(zip(kept["student"], kept["assignment"]))) == [("s1", "sm1_diplomasi"), ("s3", "sm6_evaluasi")]


CHOICE = Item(id="sm9.pilih", kind="single_choice", mode="tugas", objective="T1", prompt="",
              options=tuple({"id": key, "text": key.upper()} for key in "abcd"))
TICK = Item(id="sm9.centang", kind="multiple_select", mode="tugas", objective="T1", prompt="",
            options=tuple({"id": key, "text": key} for key in "xyz"))
SORT = Item(id="sm9.kelas", kind="classification", mode="tugas", objective="T1", prompt="",
            categories=({"id": "p", "text": "P"}, {"id": "q", "text": "Q"}),
            entries=({"id": "e1", "text": "E1"}, {"id": "e2", "text": "E2"}))


def shares_of(frame: pd.DataFrame) -> dict:
    rows = frame[["entry", "option", "share"]].itertuples(index=False)
    return {(entry, option): share for entry, option, share in rows}


def test_option_shares_single_choice_counts_unanswered():
    """Does every option appear (unchosen ones with 0), with the unanswered counted on their own row?"""
    # 5 participants: a a a b and one without an answer -> a 3/5, b 1/5, c 0, d 0, unanswered 1/5
    shares = stats.option_shares(pd.Series(["a", "b", "a", None, "a"]), CHOICE)
    assert list(shares.columns) == ["entry", "option", "count", "share"]
    assert shares_of(shares) == pytest.approx({("", "a"): 0.6, ("", "b"): 0.2, ("", "c"): 0.0, ("", "d"): 0.0,
                                               ("", stats.UNANSWERED): 0.2})


def test_option_shares_multiple_select_counts_each_tick():
    """Is each ticked option counted once per participant, and an empty or missing list unanswered?"""
    # 4 participants: [x, y], [x], [], None -> x 2/4, y 1/4, z 0, unanswered 2/4
    shares = stats.option_shares(pd.Series([["x", "y"], ["x"], [], None]), TICK)
    assert shares_of(shares) == pytest.approx({("", "x"): 0.5, ("", "y"): 0.25, ("", "z"): 0.0,
                                               ("", stats.UNANSWERED): 0.5})


def test_option_shares_classification_per_entry():
    """Does each entry get its own block of category shares, with entries left open counted as unanswered?"""
    # 3 participants: {e1: p, e2: q}, {e1: p}, None
    # e1: p 2/3, q 0, unanswered 1/3;  e2: p 0, q 1/3, unanswered 2/3
    shares = stats.option_shares(pd.Series([{"e1": "p", "e2": "q"}, {"e1": "p"}, None]), SORT)
    assert shares_of(shares) == pytest.approx({
        ("e1", "p"): 2 / 3, ("e1", "q"): 0.0, ("e1", stats.UNANSWERED): 1 / 3,
        ("e2", "p"): 0.0, ("e2", "q"): 1 / 3, ("e2", stats.UNANSWERED): 2 / 3,
    })


def test_option_shares_of_other_kinds_is_empty():
    item = Item(id="sm9.angka", kind="numeric", mode="tugas", objective="T1", prompt="")
    assert stats.option_shares(pd.Series([1.0, 2.0]), item).empty


def test_zero_variance_gives_nan():
    """Does an item everyone got right have no discrimination, and a cohort with equal totals no alpha?"""
    scores = pd.DataFrame({"A": [1.0, 1.0, 1.0], "B": [1.0, 0.0, 0.0], "C": [0.0, 1.0, 1.0]})
    result = stats.item_rest_correlation(scores)
    assert math.isnan(result["A"])          # x has zero variance
    # B: x = 1,0,0, rest = A + C = 1,2,2 -> r = -1 (the rest goes exactly the other way)
    assert result["B"] == pytest.approx(-1.0)
    # Totals 2,2,2 have zero variance -> alpha NaN
    assert math.isnan(stats.cronbach_alpha(scores))
    # facility still defined: A 1, B 1/3
    assert stats.facility(scores)["A"] == 1.0 and stats.facility(scores)["B"] == pytest.approx(1 / 3)


def test_single_item_has_no_alpha_nor_discrimination():
    single = COHORT[["A"]]
    assert math.isnan(stats.cronbach_alpha(single))
    assert math.isnan(stats.item_rest_correlation(single)["A"])


def test_ungraded_scores_are_left_out():
    """Does an item not graded for one student keep its r over the others, and alpha drop that student?"""
    scores = pd.concat([COHORT, pd.DataFrame({"A": [1.0], "B": [1.0], "C": [1.0], "D": [np.nan]}, index=["s6"])])
    # facility of D over s1..s5 only: 3/5; of A over all six: 4/6
    assert stats.facility(scores)["D"] == pytest.approx(0.6)
    assert stats.facility(scores)["A"] == pytest.approx(4 / 6)
    # D against A+B+C over s1..s5: exactly the hand computation above, 0.186339
    assert stats.item_rest_correlation(scores)["D"] == pytest.approx(0.186339, abs=1e-6)
    # alpha listwise: s6 dropped -> 24/41 as above
    assert stats.cronbach_alpha(scores) == pytest.approx(24 / 41)


# Points: B is worth 2 points (the fractions of COHORT times the item's maximum).
POINTS = COHORT.assign(B=COHORT["B"] * 2)
TEN = pd.concat([POINTS, POINTS.set_axis([f"t{number}" for number in range(1, 6)])])   # the five twice: n = 10


def test_discrimination_index_on_points_by_hand():
    """Is discrimination Moodle's index: r of the item's points with the points on the rest of the test?"""
    # A: x = 1,1,1,0,0 (mean .6);  rest = 2B + C + D = 4,3,1,1,1 (mean 2)
    #    Sxy = .4*2 + .4*1 + .4*-1 + -.6*-1 + -.6*-1 = 2.0; Sxx = 1.2; Syy = 4+1+1+1+1 = 8 -> r = 2/sqrt(9.6) = 0.645497
    #    (on fractions it was 0.684653: B's weight in the rest score changes A's index)
    # B: its own scale does not change r; the rest A + C + D is the same as on fractions -> 0.438529
    # Every pair repeated (n = 10) leaves r unchanged.
    table = stats.discrimination(TEN)
    assert list(table.columns) == ["n", "discrimination", "note"]
    assert table.loc["A", "discrimination"] == pytest.approx(0.645497, abs=1e-6)
    assert table.loc["B", "discrimination"] == pytest.approx(0.438529, abs=1e-6)
    assert table.loc["A", "n"] == 10 and table.loc["A", "note"] == ""


def test_discrimination_is_not_shown_below_the_minimum_n():
    """Below n = 10 is discrimination left empty, with the reason?"""
    assert stats.MIN_N == 10
    table = stats.discrimination(POINTS)
    assert table["discrimination"].isna().all()
    assert set(table["note"]) == {"n terlalu kecil (n = 5 < 10)"}
    assert stats.discrimination(POINTS, min_n=5).loc["A", "discrimination"] == pytest.approx(0.645497, abs=1e-6)


def test_discrimination_of_a_zero_variance_item_is_undefined_and_says_why():
    """An item everyone scored the same on, or a rest score that is the same for all: undefined, with the reason."""
    same = TEN.assign(A=1.0)
    table = stats.discrimination(same)
    assert math.isnan(table.loc["A", "discrimination"])
    assert table.loc["A", "note"] == "tidak terdefinisi: semua peserta memperoleh skor yang sama"
    assert math.isfinite(table.loc["B", "discrimination"])
    flat_rest = pd.DataFrame({"A": [1.0, 0.0] * 5, "B": [1.0] * 10})
    assert stats.discrimination(flat_rest).loc["A", "note"] == (
        "tidak terdefinisi: skor sisa tes sama untuk semua peserta")
    assert stats.discrimination(TEN[["A"]]).loc["A", "note"] == (
        "tidak terdefinisi: tidak ada butir lain yang dinilai untuk semua peserta")


def test_reliability_on_points_needs_the_minimum_n():
    """Is alpha computed on points, and left empty with the reason below n = 10?"""
    # Item variances (ddof=1) on points: A .3, B 4 x .25 = 1, C .3, D .3 -> 1.9
    # Totals 5,4,2,1,1 (mean 2.6): (5.76+1.96+.36+2.56+2.56)/4 = 3.3 -> alpha = 4/3 * (1 - 1.9/3.3) = 56/99
    # Repeating every participant scales every variance alike: the same alpha at n = 10.
    assert stats.reliability(TEN) == (pytest.approx(56 / 99), "")
    value, note = stats.reliability(POINTS)
    assert math.isnan(value) and note == "n terlalu kecil (n = 5 < 10)"
    value, note = stats.reliability(pd.DataFrame({"A": [1.0] * 10, "B": [0.0] * 10}))
    assert math.isnan(value) and note == "tidak terdefinisi: jumlah skor sama untuk semua peserta"


def test_warnings_in_indonesian():
    """Small cohort (n < 10), weak (< 0.2) and negative (< 0) discrimination, one line each."""
    found = stats.warnings(5, pd.Series({"A": 0.68, "D": 0.19, "X": -0.3, "Z": math.nan}))
    assert found[0] == "Kohort kecil (n=5): daya beda dan alfa tidak ditampilkan (perlu n \u2265 10)"
    assert found[1].startswith("D: Daya beda lemah (r = 0,19 < 0,2)")
    assert found[2].startswith("X: Daya beda negatif (r = -0,30)")
    assert len(found) == 3
    assert stats.warnings(10, pd.Series({"A": 0.2})) == []
    assert stats.item_warning(0.2) == "" and stats.item_warning(math.nan) == ""
