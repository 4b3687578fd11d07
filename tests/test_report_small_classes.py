"""The report is honest for the classes this course has (10-40 participants): class gain as the headline, empty
submissions out of item statistics, no alpha or discrimination below n = 10, zero-variance items named, mastery
from summative items, discrimination on points, and participants whose submission had a problem listed."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from course.instructor import report as report_module
from course.instructor.report import build_report

from .test_report import ITEMS, STUDENTS, synthetic_results

ITEM_FILES = ("butir.csv", "opsi.csv", "gain.csv", "penguasaan.csv")


def read(folder, name) -> pd.DataFrame:
    return pd.read_csv(folder / name, keep_default_na=True)


def with_empty_post_test(results: pd.DataFrame, student: str = "p13", problem: str = "tidak ada berkas jawaban"):
    """``results`` plus one participant whose sm6 answer file could not be read: every answer None, 0 points."""
    rows = []
    for assignment, item_id, kind, objective, maximum, twin, _threshold in ITEMS:
        if assignment == "sm6_evaluasi":
            rows.append({"student": student, "assignment": assignment, "item_id": item_id, "kind": kind,
                         "objective": objective, "twin": twin, "points": 0.0, "max_points": maximum, "answer": None,
                         "status": "", "store_problem": problem})
    return pd.concat([results.assign(status="", store_problem=""), pd.DataFrame(rows)], ignore_index=True)


def test_an_empty_submission_changes_no_item_statistic_but_counts_in_grades(tmp_path):
    """Does an empty submission (no readable answer file) leave butir, opsi, gain and penguasaan exactly as without
    it, while nilai.csv keeps it with 0 points and the reason, and the report names it?"""
    build_report(synthetic_results(), tmp_path / "tanpa")
    html = build_report(with_empty_post_test(synthetic_results()), tmp_path / "dengan").read_text(encoding="utf-8")
    for name in ITEM_FILES:
        pd.testing.assert_frame_equal(read(tmp_path / "dengan", name), read(tmp_path / "tanpa", name), obj=name)
    grades = read(tmp_path / "dengan", "nilai.csv").set_index("student")
    assert grades.loc["p13", "sm6_evaluasi"] == 0 and grades.loc["p13", "total"] == 0
    assert pd.isna(grades.loc["p13", "sm0_orientasi"])                       # not submitted: empty, as before
    assert grades.loc["p13", "keterangan"] == "sm6_evaluasi: kiriman kosong (tidak ada berkas jawaban)"
    assert grades["keterangan"].drop("p13").isna().all()
    assert ("<li>p13 (sm6_evaluasi): kiriman kosong (tidak ada berkas jawaban); tidak ikut statistik butir, "
            "tetap dihitung di nilai.csv</li>") in html


def test_an_empty_submission_is_found_without_the_store_problem_column(tmp_path):
    """Without the store_problem column, is a submission with no stored answer still left out (no reason given)?"""
    results = with_empty_post_test(synthetic_results()).drop(columns=["status", "store_problem"])
    build_report(results, tmp_path)
    gain = read(tmp_path, "gain.csv").set_index("objective")
    assert gain.loc["T1", "n"] == 12                                            # p13 took no usable post-test
    assert read(tmp_path, "nilai.csv").set_index("student").loc["p13", "keterangan"] == "sm6_evaluasi: kiriman kosong"


def test_status_reasons_reach_nilai_csv_and_the_report(tmp_path):
    """Is a notebook missing from the gradebook named in nilai.csv (keterangan) and on one line of the report?"""
    results = synthetic_results().assign(status="", store_problem="")
    broken = (results["student"] == "p05") & (results["assignment"] == "sm1_diplomasi")
    results.loc[broken, "status"] = "belum di gradebook: buku kerja rusak"
    results.loc[broken & (results["kind"] == "reflection"), "points"] = math.nan
    html = build_report(results, tmp_path).read_text(encoding="utf-8")
    grades = read(tmp_path, "nilai.csv").set_index("student")
    assert list(grades.columns) == ["sm0_orientasi", "sm1_diplomasi", "sm6_evaluasi", "total", "persen", "keterangan"]
    assert len(grades) == len(STUDENTS)
    assert grades.loc["p05", "keterangan"] == "sm1_diplomasi: belum di gradebook: buku kerja rusak"
    assert grades["keterangan"].drop("p05").isna().all()
    assert "<li>p05 (sm1_diplomasi): belum di gradebook: buku kerja rusak</li>" in html


def test_gain_headline_is_the_class_g_with_its_n(tmp_path):
    """Is Hake's class g (of the class means) the number in gain.csv's first g column and on the chart, with the
    mean of individual g apart, over those with pre < 1, and the excluded counted?"""
    # T1 (see test_report.test_gain_table): mean pre 2/9, mean post 5/9 over 12 -> class g (5/9-2/9)/(1-2/9) = 3/7
    # individual g: p01, p02 had pre = 1 (excluded); the other 10 average 7/15.
    html = build_report(synthetic_results(), tmp_path).read_text(encoding="utf-8")
    gain = read(tmp_path, "gain.csv")
    assert list(gain.columns) == ["objective", "n", "pre", "post", "g_kelas", "g_individu", "n_g_individu",
                                  "n_pra_sempurna", "note"]
    t1 = gain.set_index("objective").loc["T1"]
    assert t1[["n", "pre", "post", "g_kelas", "g_individu", "n_g_individu", "n_pra_sempurna"]].tolist() == (
        pytest.approx([12, 2 / 9, 5 / 9, 3 / 7, 7 / 15, 10, 2], abs=1e-4))
    assert t1["note"] == "2 peserta dengan pra-tes 100 % tidak ikut g individu"
    assert "g kelas = 0,43" in html and "g = 0,47" not in html
    assert "n = 12" in html


def test_a_falling_class_reads_as_a_negative_class_g(tmp_path):
    """A class that falls from pre to post while those with a perfect pre-test drop out of individual g: is the
    headline negative (the chart used to show a positive mean of individual g)?"""
    # 10 participants on T1 (sm0/sm6 pre_paradiplomasi <-> post_paradiplomasi, 1 point each):
    # 8 had the pre-test right and the post-test wrong; 2 went from wrong to right.
    # mean pre 0.8, mean post 0.2 -> class g = (0.2 - 0.8)/(1 - 0.8) = -3; individual g: 2 participants with g = 1.
    rows = []
    for number in range(10):
        student, improved = f"q{number:02d}", number < 2
        for assignment, item_id, twin, points in (("sm0_orientasi", "sm0.pre_paradiplomasi", "", 0.0 if improved else 1.0),
                                                  ("sm6_evaluasi", "sm6.post_paradiplomasi", "sm0.pre_paradiplomasi",
                                                   1.0 if improved else 0.0)):
            rows.append({"student": student, "assignment": assignment, "item_id": item_id, "kind": "single_choice",
                         "objective": "T1", "twin": twin, "points": points, "max_points": 1.0,
                         "answer": "a" if points else "b"})
    html = build_report(pd.DataFrame(rows), tmp_path).read_text(encoding="utf-8")
    t1 = read(tmp_path, "gain.csv").set_index("objective").loc["T1"]
    assert t1[["n", "g_kelas", "g_individu", "n_g_individu", "n_pra_sempurna"]].tolist() == pytest.approx(
        [10, -3.0, 1.0, 2, 8])
    assert "g kelas = -3,00" in html


def test_small_class_shows_no_alpha_or_discrimination(tmp_path):
    """With 6 participants: are alpha and discrimination empty in the CSV with the reason, and shown greyed with
    the reason instead of a number in the report?"""
    html = build_report(synthetic_results(STUDENTS[:6]), tmp_path).read_text(encoding="utf-8")
    items = read(tmp_path, "butir.csv")
    assert list(items.columns) == ["assignment", "item_id", "objective", "n", "facility", "discrimination", "warning",
                                   "note"]
    assert items["discrimination"].isna().all()
    assert set(items["note"]) == {"n terlalu kecil (n = 6 < 10)"}
    assert items["facility"].notna().all()
    assert '<td class="num muted">n terlalu kecil (n = 6 &lt; 10)</td>' in html
    alpha = report_module.alpha_table(synthetic_results(STUDENTS[:6]))
    assert alpha["alpha"].isna().all() and set(alpha["note"]) == {"n terlalu kecil (n = 6 < 10)"}
    assert "Kohort kecil (n=6)" in html


def test_zero_variance_item_is_named_and_not_drawn_at_zero(tmp_path):
    """An item every participant got right: is its discrimination 'tidak terdefinisi' with why, and is it drawn
    apart from the items with a discrimination rather than at r = 0?"""
    results = synthetic_results()
    everyone = results["item_id"] == "sm6.post_soft_power"
    results.loc[everyone, ["points", "answer"]] = [1.0, "a"]
    build_report(results, tmp_path)
    items = read(tmp_path, "butir.csv").set_index("item_id")
    assert pd.isna(items.loc["sm6.post_soft_power", "discrimination"])
    assert items.loc["sm6.post_soft_power", "note"] == "tidak terdefinisi: semua peserta memperoleh skor yang sama"
    assert items.loc["sm6.post_soft_power", "facility"] == 1.0
    figure = report_module._facility_figure(report_module.item_table(results))
    drawn = [(trace.name, y) for trace in figure.data for text, y in zip(trace.text, trace.y)
             if text == "sm6.post_soft_power"]
    assert len(drawn) == 1
    name, y = drawn[0]
    assert y < -1.05 and "tanpa daya beda" in name                        # below the r axis, in its own band


def test_discrimination_is_on_points(tmp_path):
    """Is butir.csv's discrimination the Pearson r of the item's points with the sum of the other items' points?"""
    results = synthetic_results()
    build_report(results, tmp_path)
    items = read(tmp_path, "butir.csv").set_index("item_id")
    points = results[results["assignment"] == "sm0_orientasi"].pivot(index="student", columns="item_id",
                                                                       values="points")
    fractions = points / results.drop_duplicates("item_id").set_index("item_id")["max_points"].reindex(points.columns)
    for item_id in points.columns:
        on_points = np.corrcoef(points[item_id], points.drop(columns=item_id).sum(axis=1))[0, 1]
        assert items.loc[item_id, "discrimination"] == pytest.approx(on_points, abs=1e-4), item_id
    # the weighted item (2 points) makes the difference for the others
    item = "sm0.pre_paradiplomasi"
    on_fractions = np.corrcoef(fractions[item], fractions.drop(columns=item).sum(axis=1))[0, 1]
    assert abs(on_fractions - items.loc[item, "discrimination"]) > 1e-3


def test_report_notes_explain_the_choices(tmp_path):
    """Do the notes under the tables say what was computed on what (points, class g, summative only, n >= 10)?"""
    html = build_report(synthetic_results(), tmp_path).read_text(encoding="utf-8")
    for phrase in ("dalam poin", "Moodle", "n \u2265 10", "g kelas", "pra-tes 100 %", "sm0_orientasi",
                   "kiriman kosong"):
        assert phrase in html, phrase
