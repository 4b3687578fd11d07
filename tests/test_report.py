"""The course report on a synthetic cohort: CSV tables (4 decimals), the offline HTML dashboard and its warnings."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest
from plotly.offline import get_plotlyjs

from course.instructor.report import build_report

STUDENTS = [f"p{number:02d}" for number in range(1, 13)]
LEVEL = {student: 11 - index for index, student in enumerate(STUDENTS)}   # p01 strongest (11) .. p12 weakest (0)

# (assignment, item id, kind, objective, max points, twin, threshold): right when the student's level >= threshold.
ITEMS = [
    ("sm0_orientasi", "sm0.pre_paradiplomasi", "single_choice", "T1", 1.0, "", 8),
    ("sm0_orientasi", "sm0.pre_jenis_diplomasi", "classification", "T1", 2.0, "", 10),
    ("sm0_orientasi", "sm0.pre_langkah_awal_model", "single_choice", "T2", 1.0, "", 9),
    ("sm0_orientasi", "sm0.pre_soft_power", "single_choice", "T3", 1.0, "", 7),
    ("sm1_diplomasi", "sm1.asal_istilah", "single_choice", "T1", 1.0, "", None),        # planted: weak students right
    ("sm1_diplomasi", "sm1.pendorong_paradiplomasi", "multiple_select", "T1", 2.0, "", None),
    ("sm1_diplomasi", "sm1.tahun_burke", "numeric", "T1", 1.0, "", 5),
    ("sm1_diplomasi", "sm1.refleksi_perbandingan", "reflection", "T1", 3.0, "", None),
    ("sm6_evaluasi", "sm6.post_paradiplomasi", "single_choice", "T1", 1.0, "sm0.pre_paradiplomasi", 4),
    ("sm6_evaluasi", "sm6.post_jenis_diplomasi", "classification", "T1", 2.0, "sm0.pre_jenis_diplomasi", 6),
    ("sm6_evaluasi", "sm6.post_langkah_awal_model", "single_choice", "T2", 1.0, "sm0.pre_langkah_awal_model", 5),
    ("sm6_evaluasi", "sm6.post_soft_power", "single_choice", "T3", 1.0, "sm0.pre_soft_power", 3),
    ("sm6_evaluasi", "sm6.post_c40", "short_text", "T2", 1.0, "sm0.pre_sijori", 2),    # its twin is not in the table
]
# Max points: sm0 1+2+1+1 = 5, sm1 1+2+1+3 = 7, sm6 1+2+1+1+1 = 6, course 18.


def earned(item_id: str, maximum: float, threshold, level: int) -> float:
    if item_id == "sm1.asal_istilah":
        return 1.0 if level < 6 else 0.0
    if item_id == "sm1.pendorong_paradiplomasi":
        return 2.0 if level >= 8 else 1.0 if level >= 4 else 0.0
    if item_id == "sm1.refleksi_perbandingan":
        return float(level // 4) if level >= 3 else math.nan       # p10..p12 not graded yet
    return maximum if level >= threshold else 0.0


def answer(kind: str, item_id: str, right: bool, level: int):
    if kind == "single_choice":
        return "a" if right else ("b" if level % 2 == 0 else None)
    if kind == "multiple_select":
        return ["globalisasi", "desentralisasi"] if right else ["sentralisasi"]
    if kind == "classification":
        entries = ["pemprov_sister", "kemlu_sidang"] if item_id.startswith("sm0") else ["misi_dagang_kota", "ptri_pbb"]
        return {entry: "paradiplomasi" if right else "diplomasi" for entry in entries}
    if kind == "numeric":
        return 1796 if right else 1900
    return "jawaban"


def synthetic_results(students=STUDENTS) -> pd.DataFrame:
    rows = []
    for student in students:
        level = LEVEL[student]
        for assignment, item_id, kind, objective, maximum, twin, threshold in ITEMS:
            points = earned(item_id, maximum, threshold, level)
            rows.append({"student": student, "assignment": assignment, "item_id": item_id, "kind": kind,
                         "objective": objective, "twin": twin, "points": points, "max_points": maximum,
                         "answer": answer(kind, item_id, points == maximum, level)})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("laporan")
    path = build_report(synthetic_results(), folder, title="Laporan uji")
    return folder, path


def read(folder, name) -> pd.DataFrame:
    return pd.read_csv(folder / name, keep_default_na=True)


def test_every_file_is_written(report):
    folder, path = report
    assert path == folder / "laporan.html"
    for name in ("butir.csv", "opsi.csv", "penguasaan.csv", "gain.csv", "nilai.csv", "laporan.html"):
        assert (folder / name).is_file(), name


def test_item_table(report):
    """Facility and discrimination per item; the planted item discriminates negatively; ungraded answers left out."""
    table = read(report[0], "butir.csv")
    assert list(table.columns) == ["assignment", "item_id", "objective", "n", "facility", "discrimination", "warning",
                                   "note"]
    items = table.set_index("item_id")
    assert len(items) == len(ITEMS)
    # pre_paradiplomasi right for levels 11..8 = 4 of 12
    assert items.loc["sm0.pre_paradiplomasi", "facility"] == pytest.approx(4 / 12, abs=1e-4)
    assert items.loc["sm0.pre_paradiplomasi", "objective"] == "T1"
    # asal_istilah right for levels 0..5 = 6 of 12, and the stronger students got it wrong
    assert items.loc["sm1.asal_istilah", "facility"] == pytest.approx(0.5, abs=1e-4)
    assert items.loc["sm1.asal_istilah", "discrimination"] < 0
    assert "negatif" in items.loc["sm1.asal_istilah", "warning"]
    # refleksi graded for levels 11..3 only: 4 x 2/3 + 4 x 1/3 + 0 over 9 = 4/9
    assert items.loc["sm1.refleksi_perbandingan", "facility"] == pytest.approx(4 / 9, abs=1e-4)
    assert items.loc["sm1.refleksi_perbandingan", "n"] == 9 and items.loc["sm1.asal_istilah", "n"] == 12
    assert items.loc["sm0.pre_paradiplomasi", "discrimination"] > 0.2
    assert pd.isna(items.loc["sm0.pre_paradiplomasi", "warning"])


def test_option_table(report):
    options = read(report[0], "opsi.csv")
    assert list(options.columns) == ["assignment", "item_id", "kind", "entry", "entry_text", "option", "option_text",
                                     "count", "share"]
    choice = options[options["item_id"] == "sm0.pre_paradiplomasi"].set_index("option")
    # a: levels 11..8 = 4/12; wrong with even level (6, 4, 2, 0) chose b = 4/12; odd (7, 5, 3, 1) left it open = 4/12
    assert choice.loc["a", "share"] == pytest.approx(4 / 12, abs=1e-4)
    assert choice.loc["b", "share"] == pytest.approx(4 / 12, abs=1e-4)
    assert choice.loc["c", "share"] == 0
    assert choice.loc["(tidak dijawab)", "count"] == 4
    assert isinstance(choice.loc["a", "option_text"], str) and choice.loc["a", "option_text"] != "a"   # bank text
    sorted_out = options[(options["item_id"] == "sm0.pre_jenis_diplomasi") & (options["entry"] == "pemprov_sister")]
    assert sorted_out.set_index("option").loc["paradiplomasi", "count"] == 2                          # levels 11, 10
    assert set(options["kind"]) == {"single_choice", "multiple_select", "classification"}


def test_mastery_table(report):
    """Is mastery taken over summative items only (no pre-test), ungraded reflections left out?"""
    mastery = read(report[0], "penguasaan.csv").set_index("student")
    assert list(mastery.columns) == ["T1", "T2", "T3"]
    # p01 T1: sm6 3/3, asal 0/1, pendorong 2/2, burke 1/1, refleksi 2/3 -> 8/10 (sm0 left out)
    assert mastery.loc["p01", "T1"] == pytest.approx(0.8, abs=1e-4)
    # p12 T1: only asal 1/1 earned of 1+2+1 (sm1) + 1+2 (sm6) = 7 (refleksi not graded, left out) -> 1/7
    assert mastery.loc["p12", "T1"] == pytest.approx(1 / 7, abs=1e-4)


def test_gain_table(report):
    """Is Hake's class g over the participants who took both tests the headline, individual g apart with its n?"""
    table = read(report[0], "gain.csv")
    assert list(table.columns) == ["objective", "n", "pre", "post", "g_kelas", "g_individu", "n_g_individu",
                                   "n_pra_sempurna", "note"]
    gain = table.set_index("objective")
    # T1 pre per student (1*para + 2*jenis)/3: p01,p02 1; p03,p04 1/3; others 0 -> mean (2 + 2/3)/12 = 2/9
    # T1 post: p01..p06 1; p07,p08 1/3; others 0 -> mean (6 + 2/3)/12 = 5/9
    # g of the class means: (5/9 - 2/9)/(1 - 2/9) = 3/7
    # individual g: p01,p02 NaN (pre = 1); p03..p06 1; p07,p08 1/3; p09..p12 0 -> (4 + 2/3)/10 = 7/15
    expected = [12, 2 / 9, 5 / 9, 3 / 7, 7 / 15, 10, 2]
    assert gain.loc["T1", ["n", "pre", "post", "g_kelas", "g_individu", "n_g_individu", "n_pra_sempurna"]].tolist() == (
        pytest.approx(expected, abs=1e-4))
    # T2 pairs only langkah_awal_model (post_c40's twin sm0.pre_sijori is absent): pre 3/12, post 7/12
    assert gain.loc["T2", ["pre", "post"]].tolist() == pytest.approx([3 / 12, 7 / 12], abs=1e-4)


def test_grade_table(report):
    table = read(report[0], "nilai.csv")
    assert list(table.columns) == ["student", "sm0_orientasi", "sm1_diplomasi", "sm6_evaluasi", "total", "persen",
                                   "keterangan"]
    grades = table.set_index("student").drop(columns="keterangan")
    assert len(grades) == 12
    # the pre-test (sm0) keeps its column but is not in the total: p01 sm1 0 + 2 + 1 + 2 = 5, sm6 6 -> 11 of 13 = 84.6 %
    assert grades.loc["p01"].tolist() == pytest.approx([5, 5, 6, 11, 84.6])
    # p12: only asal_istilah (1 point); refleksi not graded counts 0 -> 1 of 13 = 7.7 %
    assert grades.loc["p12"].tolist() == pytest.approx([0, 1, 0, 1, 7.7])


def test_html_is_offline_with_plotly_once(report):
    html = report[1].read_text(encoding="utf-8")
    bundle = get_plotlyjs()
    assert html.count("plotly.js v") == 1
    assert html.count(bundle) == 1
    assert html.count("Plotly.newPlot") == 3
    assert not re.search(r"<script[^>]*\ssrc=", html), "no script loaded from elsewhere"
    # plotly.js itself names cdn.plot.ly once, as the default map-data address (topojsonURL, never used here)
    assert "cdn.plot.ly" not in html.replace(bundle, "")
    assert '<html lang="id">' in html and "Laporan uji" in html


def test_html_lists_warnings(report):
    html = report[1].read_text(encoding="utf-8")
    warnings = html[html.index("<h2>Peringatan"):html.index("</section>", html.index("<h2>Peringatan"))]
    assert "Kohort kecil" not in html
    assert re.search(r"<li>sm1\.asal_istilah \(sm1_diplomasi\): Daya beda negatif \(r = -0,\d\d\)", warnings)
    assert "sm1.refleksi_perbandingan: 3 dari 12 jawaban belum dinilai" in warnings
    assert "Alfa Cronbach" in html and "Penguasaan tujuan pembelajaran" in html


def test_small_cohort_warning(tmp_path):
    path = build_report(synthetic_results(STUDENTS[:6]), tmp_path)
    html = path.read_text(encoding="utf-8")
    assert "Kohort kecil (n=6): daya beda dan alfa tidak ditampilkan (perlu n \u2265 10)" in html
    assert html.index("Kohort kecil") < html.index("Plotly.newPlot")        # the warnings come first
    assert "<title>Laporan kursus</title>" in html
