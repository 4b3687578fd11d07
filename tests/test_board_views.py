"""The class board's views: a synthetic class of 40, every view of every assignment, hostile answer files.

The class is built here, item by item, so every count a view shows is a number this file chose.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import random
import re
import statistics

import plotly.graph_objects as go
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import course
from course import kinds
from course.bank import all_banks, find_item
from course.board import View, build, pseudonym
from course.board import views as board
from course.negotiation import SIDES, all_packages, best_joint, load_scenarios, points, split_the_difference

from .answers import keys_of
from .kinds.test_hostile_values import values_for

NAMES = [f"Rahasiawati Peserta {number:02d}" for number in range(1, 41)]
WHO = {name: f"P{number:02d}" for number, name in enumerate(NAMES, 1)}
ASSIGNMENTS = [bank.assignment for bank in all_banks().values()]
ABSENT = object()


class Raw:
    """An entry written as it is (not wrapped in {"value": ...}): what a hand-edited file may hold."""

    def __init__(self, entry):
        self.entry = entry


@pytest.fixture(autouse=True)
def in_indonesian(indonesian):
    """Every board test starts in Bahasa Indonesia and leaves the language as it found it."""


def make_class(columns: dict) -> dict:
    """{participant: {item id: entry}} from {item id: [the value of participant 1, 2, ...]} (shorter lists: the rest
    left the item open; ``ABSENT``: no entry; ``Raw(x)``: the entry is x itself)."""
    answers = {name: {} for name in NAMES}
    for item_id, values in columns.items():
        for name, value in zip(NAMES, values):
            if value is ABSENT:
                continue
            answers[name][item_id] = value.entry if isinstance(value, Raw) else {
                "value": value, "saved_at": "2026-03-02T09:15:00"}
    return answers


def as_json(views: list[View]) -> str:
    return json.dumps([dataclasses.asdict(view) for view in views], ensure_ascii=False, allow_nan=False)


def view_of(views: list[View], view_id: str) -> View:
    (found,) = [view for view in views if view.id == view_id]
    return found


def column(view: View, heading: str) -> list:
    return [row[heading] for row in view.table]


# --- a synthetic class of every assignment ------------------------------------------------------------------------
def synthetic_class(assignment: str, seed: int = 7) -> dict:
    """40 participants answering every item as the demo's synthetic cohort does (some left open)."""
    rng = random.Random(seed)
    keys = {item_id: entry["key"] for item_id, entry in keys_of(assignment).items()}
    answers = {}
    for number, name in enumerate(NAMES):
        mine = {}
        for item in all_banks()[assignment.split("_", 1)[0]]:
            if rng.random() < 0.15:
                continue
            value = kinds.synthetic(item, keys.get(item.id), number / 40, rng)
            if value is not None:
                mine[item.id] = {"value": value, "saved_at": "2026-03-02T09:15:00"}
        answers[name] = mine
    return answers


@pytest.fixture(scope="module")
def every_view():
    return {assignment: build(assignment, synthetic_class(assignment)) for assignment in ASSIGNMENTS}


def _font_sizes(node, inside_font=False):
    if isinstance(node, dict):
        for name, value in node.items():
            if name == "size" and inside_font and isinstance(value, (int, float)):
                yield value
            else:
                yield from _font_sizes(value, name.endswith("font"))
    elif isinstance(node, list):
        for value in node:
            yield from _font_sizes(value, False)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_view_of_every_assignment_builds(every_view, assignment):
    """Does every assignment give views with unique slug ids, counts within the class, JSON the page can read,
    figures plotly accepts, and type a projector can show (no font under 20 px)?"""
    views = every_view[assignment]
    bank = all_banks()[assignment.split("_", 1)[0]]
    assert len(views) >= len(bank.items)
    ids = [view.id for view in views]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", view_id) for view_id in ids)
    as_json(views)
    for view in views:
        assert view.title and view.note.endswith(".") and "belum dapat dibuat" not in view.note, view
        assert view.total == 40 and 0 <= view.answered <= 40 and view.unreadable == 0, view
        assert view.figure or view.cards is not None or view.table, view.id
        if view.figure:
            go.Figure(view.figure)  # plotly's own validation: every property exists and has a valid value
            assert "title" not in view.figure["layout"]  # the page shows View.title as the heading
            assert view.figure["layout"]["font"]["size"] >= 20
            assert min(_font_sizes(view.figure), default=20) >= 20, view.id
        for card in view.cards or []:
            assert set(card) == {"key", "who", "text", "group"} and re.fullmatch(r"P\d\d", card["who"])
    for item in bank:
        assert any(view.id.startswith(item.id.replace(".", "-").replace("_", "-")) for view in views), item.id


def test_the_views_follow_the_notebook_with_the_sessions_views_in_place(every_view):
    """Are the views in notebook order, with SM1's definitions first and SM5's debrief after the pair outcomes?"""
    assert [view.id for view in every_view["sm1_diplomasi"]][:3] == [
        "sm1-definisi-awal", "sm1-contoh-awal", "sm1-kategori-definisi"]
    assert [view.id for view in every_view["sm2_aktor"]][:2] == ["sm2-peta-aktor", "sm2-peta-aktor-kategori"]
    assert [view.id for view in every_view["sm3_model"]][-2:] == ["sm3-praktik-daerah-kelompok", "sm3-praktik-daerah"]
    sm5 = [view.id for view in every_view["sm5_negosiasi"]]
    start = sm5.index("sm5-negosiasi-pasangan")
    assert sm5[start:start + 7] == ["sm5-negosiasi-pasangan", "sm5-negosiasi-pasangan-pembangunan",
                                    "sm5-negosiasi-pasangan-perdagangan", "sm5-negosiasi-pasangan-investasi",
                                    "sm5-negosiasi-pasangan-sister-city", "sm5-negosiasi-pasangan-tanya-jawab",
                                    "sm5-negosiasi-solo"]


def test_no_name_appears_unless_asked(every_view):
    """Is the board anonymous by default (P01..P40 in the order of the names), and are names shown with names=True?"""
    for assignment, views in every_view.items():
        text = as_json(views)
        assert "Rahasiawati" not in text, assignment
    named = build("sm1_diplomasi", synthetic_class("sm1_diplomasi"), names=True)
    cards = view_of(named, "sm1-definisi-awal").cards
    assert {card["who"] for card in cards} <= set(NAMES) and "Rahasiawati" in as_json(named)
    anonymous = view_of(build("sm1_diplomasi", synthetic_class("sm1_diplomasi")), "sm1-definisi-awal").cards
    assert [card["key"] for card in cards] == [card["key"] for card in anonymous]
    assert {card["who"] for card in anonymous} == {WHO[name] for name in NAMES if pseudonym(name) in
                                                   {card["key"] for card in anonymous}}


def test_a_pseudonym_is_stable_opaque_and_salted():
    """Is a card's key the same on every refresh, ten hex digits, and not the plain hash of the name?"""
    key = pseudonym(NAMES[0])
    assert key == pseudonym(NAMES[0]) != pseudonym(NAMES[1])
    assert re.fullmatch(r"[0-9a-f]{10}", key)
    assert key != hashlib.sha256(NAMES[0].encode()).hexdigest()[:10]
    assert re.fullmatch(r"[0-9a-f]{10}", pseudonym("\udc80 odd"))


def test_more_than_99_participants_are_numbered_with_three_digits():
    """With 120 participants, are they P001..P120 (sorted), so the numbers still sort?"""
    item = find_item("sm1.definisi_awal")
    answers = {f"orang {number:03d}": {item.id: {"value": "Diplomasi adalah perundingan."}} for number in range(120)}
    cards = view_of(build("sm1_diplomasi", answers), "sm1-definisi-awal").cards
    assert [card["who"] for card in cards][:2] == ["P001", "P002"] and cards[-1]["who"] == "P120"


# --- counts of each kind's view --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sm1():
    history = find_item("sm1.urutan_sejarah").choice_ids()
    sources = find_item("sm1.sumber_definisi")
    entries, categories = sources.choice_ids(), [category["id"] for category in sources.categories]
    columns = {
        "sm1.definisi_awal": [f"Diplomasi adalah perundingan antarnegara, catatan nomor {n}." for n in range(30)]
        + [[1, 2], {"x": 1}, "   "],
        "sm1.alasan_misi": ["a"] * 20 + ["b"] * 10 + ["c"] * 5 + [42, "bukan_opsi", Raw("teks")],
        "sm1.kategori_definisi": [["negosiasi", "antarnegara"]] * 10 + [["negosiasi"]] * 5 + [[], [["x"]]],
        "sm1.sumber_definisi": [dict.fromkeys(entries, categories[0])] * 12 + [{entries[0]: categories[1]}] * 8,
        "sm1.urutan_sejarah": [history] * 30 + [history[::-1]] * 10,
        "sm1.tahun_burke": [1796] * 25 + [1800] * 5 + ["1796", True],
        "sm1.istilah_protodiplomasi": ["Protodiplomasi"] * 10 + [" protodiplomasi! "] * 3 + ["Paradiplomasi"] * 2
        + ["", "x" * 30_000],
    }
    categorised = {pseudonym(name): "negosiasi" for name in NAMES[:5]}
    categorised.update({pseudonym(name): "antarnegara" for name in NAMES[5:8]})
    categorised.update({pseudonym(NAMES[8]): "bukan_kategori", pseudonym(NAMES[9]): 42,
                        pseudonym("Orang lain"): "utusan"})
    return build("sm1_diplomasi", make_class(columns), categories=categorised, reveal_graded=True)


def test_single_choice_shows_option_shares(sm1):
    """Does a single choice show each option's count and share in the bank's order, and count what is unreadable?"""
    view = view_of(sm1, "sm1-alasan-misi")
    assert (view.answered, view.total, view.unreadable) == (35, 40, 3)
    assert view.note == "35 dari 40 peserta sudah menjawab; 3 jawaban tidak terbaca."
    order = find_item("sm1.alasan_misi").choice_ids()   # the bank's declared order, not a-b-c-d
    counts = [dict(a=20, b=10, c=5, d=0)[option] for option in order]
    shares = [dict(a="57 %", b="29 %", c="14 %", d="0 %")[option] for option in order]
    assert column(view, "Peserta") == counts and column(view, "Persentase") == shares
    bars = view.figure["data"][0]
    assert bars["x"] == counts and bars["text"][order.index("a")] == "20 (57 %)"
    assert column(view, "Pilihan") == [option["text"] for option in find_item("sm1.alasan_misi").options]


def test_multiple_select_counts_ticks_of_those_who_ticked(sm1):
    """Are ticks counted per option among those who ticked something (an empty list is not an answer)?"""
    view = view_of(sm1, "sm1-kategori-definisi")
    assert (view.answered, view.unreadable) == (15, 1)
    assert column(view, "Peserta") == [15, 10, 0, 0, 0, 0]
    assert column(view, "Persentase")[:2] == ["100 %", "67 %"]


def test_classification_is_a_matrix_of_entries_and_categories(sm1):
    """Is a classification a heatmap with a row per statement and a column per category, each cell a count?"""
    view = view_of(sm1, "sm1-sumber-definisi")
    heat = view.figure["data"][0]
    assert heat["type"] == "heatmap" and view.answered == 20
    assert heat["z"][0] == [12, 8, 0] and heat["z"][1] == [12, 0, 0]
    assert len(heat["z"]) == 5 and len(view.table) == 5


def test_ordering_shows_positions_and_the_mean_position(sm1):
    """Does an ordering show how many put each step at each position (steps as the item lists them: a graded order
    is not projected "solved") and each step's mean position?"""
    view = view_of(sm1, "sm1-urutan-sejarah")
    item = find_item("sm1.urutan_sejarah")
    assert column(view, "Langkah") == [item.text_of(step) for step in item.choice_ids()]
    assert column(view, "Rata-rata posisi") == ["2,0", "2,5", "3,0", "3,5", "4,0"]
    assert view.figure["data"][0]["z"][0] == [30, 0, 0, 0, 10]


def test_numbers_are_counted_per_value(sm1):
    """Does a numeric item show one bar per value given, and count a number typed as text as unreadable?"""
    view = view_of(sm1, "sm1-tahun-burke")
    bars = view.figure["data"][0]
    assert bars["x"] == ["1796", "1800"] and bars["y"] == [25, 5]
    assert (view.answered, view.unreadable) == (30, 2)


def test_short_answers_are_grouped_as_the_checker_reads_them(sm1):
    """Are short answers that differ only in case, spaces and punctuation one answer, most frequent first?"""
    view = view_of(sm1, "sm1-istilah-protodiplomasi")
    assert view.table == [{"Jawaban": "Protodiplomasi", "Peserta": 13}, {"Jawaban": "Paradiplomasi", "Peserta": 2}]
    assert (view.answered, view.unreadable) == (15, 1)
    assert "2 jawaban berbeda" in view.note


def test_own_definitions_are_grouped_by_the_facilitators_categories(sm1):
    """SM1: are the definitions grouped by the category the facilitator gave each card (unknown ids and other people's
    keys aside), the rest "belum dikelompokkan", beside the module's three definitions?"""
    view = view_of(sm1, "sm1-definisi-awal")
    labels = board.CATEGORIES
    groups = [card["group"] for card in view.cards]
    assert groups == [labels["negosiasi"]] * 5 + [labels["antarnegara"]] * 3 + ["belum dikelompokkan"] * 22
    assert (view.answered, view.unreadable) == (30, 2)
    assert [card["who"] for card in view.cards[:5]] == ["P01", "P02", "P03", "P04", "P05"]
    assert view.cards[0]["key"] == pseudonym(NAMES[0])
    assert "8 sudah dikelompokkan" in view.note
    sources = column(view, "Rujukan modul")
    assert sources[0] == "Berridge (2022)" and "Cooper dkk. (2013)" in sources[1] and "Berridge & Lloyd (2012)" in sources[2]
    assert board.CATEGORISED_VIEWS == ("sm1-definisi-awal",)
    assert list(labels) == [option["id"] for option in find_item("sm1.kategori_definisi").options]


def test_actor_maps_are_overlaid_and_counted_by_category():
    """SM2: are all actor maps on one grid, a marker's number the actors placed there, and actors counted by
    category (an unknown category as "Tanpa kategori"), maps with no named actor not counted?"""
    jica = {"name": "JICA", "category": "lembaga_pembangunan", "role": "Donor", "influence": 4, "interest": 5}
    chamber = {"name": "Kamar Dagang", "category": "bukan", "influence": 2, "interest": 3}
    ministry = {"name": "Kemlu", "category": "kemlu", "influence": 5, "interest": 2}
    columns = {"sm2.peta_aktor": [[jica, chamber]] * 10 + [[{**jica, "name": " jica "}, ministry]] * 5
               + [[], "rusak", [{"name": "  ", "category": "kemlu"}]]}
    views = build("sm2_aktor", make_class(columns))
    grid = view_of(views, "sm2-peta-aktor")
    assert (grid.answered, grid.unreadable) == (15, 1) and "30 aktor" in grid.note
    traces = {trace["name"]: trace for trace in grid.figure["data"]}
    assert traces["Lembaga pembangunan internasional"]["text"] == ["15"]
    assert traces["Tanpa kategori"]["text"] == ["10"] and traces["Kementerian Luar Negeri"]["text"] == ["5"]
    centre = traces["Tanpa kategori"]
    assert abs(centre["x"][0] - 3) < 0.3 and abs(centre["y"][0] - 2) < 0.3  # interest 3, influence 2
    assert grid.table[:3] == [{"Aktor": "JICA", "Disebut": 15}, {"Aktor": "Kamar Dagang", "Disebut": 10},
                              {"Aktor": "Kemlu", "Disebut": 5}]
    counted = view_of(views, "sm2-peta-aktor-kategori")
    rows = {row["Kategori"]: (row["Aktor"], row["Peserta yang menyebutnya"]) for row in counted.table}
    assert rows["Lembaga pembangunan internasional"] == (15, 15) and rows["Kementerian Luar Negeri"] == (5, 5)
    assert rows["Tanpa kategori"] == (10, 10) and rows["Pemerintah daerah"] == (0, 0)


def test_coupling_sliders_are_boxes_per_asset():
    """SM3: does each asset get a box of every participant's score, with its mean and median?"""
    columns = {"sm3.eksplorasi_coupling": [{"assets": {"teknologi_pengetahuan": 4}}] * 20
               + [{"region_name": "Kab. X", "assets": {"teknologi_pengetahuan": 0, "organisasi_industri": 5}}] * 10
               + ["teks"]}
    view = view_of(build("sm3_model", make_class(columns)), "sm3-eksplorasi-coupling")
    assert (view.answered, view.unreadable) == (30, 1)
    boxes = view.figure["data"]
    assert [box["type"] for box in boxes] == ["box"] * 3
    assert sorted(boxes[0]["y"]) == [0] * 10 + [4] * 20 and sorted(boxes[1]["y"]) == [2] * 20 + [5] * 10
    assert view.table[0] == {"Aset daerah": "Teknologi dan pengetahuan", "Rata-rata": "2,7", "Median": "4"}


def test_regional_practice_per_group_and_per_field():
    """SM3/SM4: is each group's practice one card with its parts, and a structured reflection cards grouped by part?"""
    practice = find_item("sm3.praktik_daerah")
    full = {field["id"]: f"{field['text']} kelompok kami." for field in practice.fields}
    columns = {"sm3.praktik_daerah": [full] * 8 + [{"praktik": "Sister city dengan Kota Y."}, {}]}
    views = build("sm3_model", make_class(columns))
    per_group = view_of(views, "sm3-praktik-daerah-kelompok")
    assert per_group.answered == 9 and len(per_group.cards) == 9
    assert "Keuntungannya: Keuntungannya kelompok kami." in per_group.cards[0]["text"]
    per_field = view_of(views, "sm3-praktik-daerah")
    groups = [card["group"] for card in per_field.cards]
    assert groups == [practice.fields[0]["text"]] * 9 + [field["text"] for field in practice.fields[1:] for _ in range(8)]
    assert len({card["key"] for card in per_field.cards}) == len(per_field.cards)

    problems = find_item("sm4.masalah_tata_kelola")
    columns = {"sm4.pengalaman_daerah": ["Kerja sama dengan JICA berjalan baik."] * 12 + [""] * 3 + [7],
               "sm4.masalah_tata_kelola": [{"masalah": "Dana hibah terlambat.", "tindak_lanjut": "Bappeda, Mei."}] * 6}
    views = build("sm4_tata_kelola", make_class(columns))
    shared = view_of(views, "sm4-pengalaman-daerah")
    assert (shared.answered, shared.unreadable, len(shared.cards)) == (12, 1, 12)
    named = view_of(views, "sm4-masalah-tata-kelola")
    assert [card["group"] for card in named.cards] == [problems.fields[0]["text"]] * 6 + [problems.fields[2]["text"]] * 6


# --- SM5: pairs and tables ------------------------------------------------------------------------------------------
SCENE = load_scenarios()["pembangunan"]
TRADE = load_scenarios()["perdagangan"]
BEST, MIDDLE = best_joint(SCENE), split_the_difference(SCENE)
OTHER = next(package for package in all_packages(SCENE) if package not in (BEST, MIDDLE))


def pair(team, code, result=None, package=None, scene=SCENE):
    value = {"team": team, "scenario": scene.id, "result": result, "package": package}
    return {**value, "pair": code} if code is not None else value


@pytest.fixture(scope="module")
def sm5():
    reflection = find_item("sm5.refleksi_negosiasi")
    solo_offer = {"offer": best_joint(SCENE), "accepted": True, "accepted_counter": False}
    columns = {
        "sm5.negosiasi_pasangan": [
            pair("marvel", "A1", "deal", BEST), pair("batman", " a1 ", "deal", BEST),           # P01-P02
            pair("marvel", "A2", "deal", MIDDLE), pair("batman", "A2", "deal", MIDDLE),         # P03-P04
            pair("marvel", "A3", "deal", MIDDLE), pair("batman", "A3", "deal", OTHER),          # P05-P06 differ
            pair("marvel", "B1", "no_deal"), pair("batman", "B1", "no_deal"),                   # P07-P08
            *[pair(team, "M4", "deal", best_joint(TRADE), TRADE)
              for team in ("marvel", "marvel", "batman", "batman")],                           # P09-P12 a four
            pair("marvel", None, "deal", BEST),                                                 # P13 without code
            pair("batman", "C9"),                                                               # P14 not entered yet
            "sepakat",                                                                          # P15 unreadable
        ],
        "sm5.refleksi_negosiasi": [{field["id"]: "Kami belajar banyak." for field in reflection.fields}] * 7
        + [{"perasaan": "Tegang di awal."}],
        "sm5.negosiasi_solo": [{"scenario": SCENE.id, "history": [solo_offer], "deal": best_joint(SCENE),
                                "finished": True}] * 5
        + [{"scenario": SCENE.id, "history": [solo_offer], "deal": None, "finished": True},
           {"scenario": SCENE.id, "history": [solo_offer], "deal": None, "finished": False}],
    }
    return build("sm5_negosiasi", make_class(columns))


def test_outcomes_are_counted_per_pair_or_table_not_per_person(sm5):
    """Are outcomes one row per code (a four is one table; " a1 " joins A1), differing entries flagged, a table still
    waiting shown, and a participant without a code listed and counted apart?"""
    view = view_of(sm5, "sm5-negosiasi-pasangan")
    assert (view.answered, view.unreadable, view.total) == (13, 1, 40)
    assert column(view, "Kode") == ["A1", "A2", "A3", "B1", "C9", "M4", "tanpa kode"]
    assert column(view, "Hasil") == ["sepakat", "sepakat", "isian berbeda", "tidak sepakat", "belum mengisi",
                                     "sepakat", "sepakat"]
    assert column(view, "Anggota")[0] == "P01 (Marvel), P02 (Batman)"
    assert column(view, "Anggota")[5] == "P09 (Marvel), P10 (Marvel), P11 (Batman), P12 (Batman)"
    assert column(view, "Anggota")[6] == "P13 (Marvel)"
    rows = dict(zip(column(view, "Kode"), view.table))
    assert rows["A1"]["Poin Marvel"] == points(SCENE, BEST, "marvel")
    assert rows["A1"]["Poin Batman"] == points(SCENE, BEST, "batman")
    assert rows["A1"]["Gabungan"] == rows["A1"]["Gabungan terbaik"] == sum(points(SCENE, BEST, side) for side in SIDES)
    assert rows["A2"]["Gabungan"] == sum(points(SCENE, MIDDLE, side) for side in SIDES)
    assert rows["B1"]["Poin Marvel"] == SCENE.walkaway["marvel"] and rows["B1"]["Poin Batman"] == SCENE.walkaway["batman"]
    assert rows["A3"]["Poin Marvel"] == "\u2014" and "isian anggota berbeda" in rows["A3"]["Catatan"]
    assert rows["A1"]["Catatan"] == rows["M4"]["Catatan"] == ""
    assert "0 Marvel, 1 Batman" in rows["C9"]["Catatan"]
    assert rows["M4"]["Skenario"] == TRADE.title
    assert "6 pasangan/meja: 3 sepakat, 1 tidak sepakat; 1 dengan isian berbeda; 1 peserta tanpa kode" in view.note


def test_each_scenario_shows_the_tables_deals_against_the_frontier(sm5):
    """Does each scenario's scatter show every package, the frontier, each table's deal by its code, and the tables
    that did not agree at the walk-away point (a differing table not drawn)?"""
    view = view_of(sm5, "sm5-negosiasi-pasangan-pembangunan")
    traces = {trace["name"]: trace for trace in view.figure["data"]}
    assert len(traces["Semua paket yang mungkin"]["x"]) == len(all_packages(SCENE))
    deals = traces["Kesepakatan (kode pasangan/meja)"]
    spots = {(x, y): text for x, y, text in zip(deals["x"], deals["y"], deals["text"])}
    assert spots == {(points(SCENE, BEST, "marvel"), points(SCENE, BEST, "batman")): "A1",
                     (points(SCENE, MIDDLE, "marvel"), points(SCENE, MIDDLE, "batman")): "A2"}
    no_deal = traces["Tidak sepakat (nilai batas)"]
    assert (no_deal["x"], no_deal["y"], no_deal["text"]) == ([40], [35], ["1 tidak sepakat"])
    assert "3 pasangan/meja memainkan skenario ini, 2 sepakat" in view.note
    assert "1 pasangan/meja dengan isian berbeda tidak digambar" in view.note
    trade = view_of(sm5, "sm5-negosiasi-pasangan-perdagangan")
    assert "isian berbeda" not in trade.note
    assert [trace["text"] for trace in trade.figure["data"] if trace["name"].startswith("Kesepakatan")] == [["M4"]]
    assert not [trace for trace in view_of(sm5, "sm5-negosiasi-pasangan-investasi").figure["data"]
                if trace["name"].startswith("Kesepakatan")]


def test_the_debrief_questions_carry_the_class_numbers(sm5):
    """Are the module's six questions asked with this class's numbers: tables that signed, did not, why, and how many
    wrote about their feelings, what happened and what they learned?"""
    view = view_of(sm5, "sm5-negosiasi-pasangan-tanya-jawab")
    questions = column(view, "Pertanyaan fasilitator")
    answers = column(view, "Kelas ini")
    assert [question[:2] for question in questions] == ["a.", "b.", "c.", "d.", "e.", "f."]
    assert "menandatangani kesepakatan" in questions[0] and "perasaan" in questions[3]
    assert answers[0] == "3 dari 6 pasangan/meja sepakat"
    assert answers[1] == "1 tidak sepakat; 1 dengan isian berbeda, 1 belum mengisi; 1 peserta tanpa kode"
    deals = [(SCENE, BEST), (SCENE, MIDDLE), (TRADE, best_joint(TRADE))]
    share = statistics.fmean(sum(points(scene, deal, side) for side in SIDES)
                             / sum(points(scene, best_joint(scene), side) for side in SIDES) for scene, deal in deals)
    below = sum(1 for scene, deal in deals if any(points(scene, deal, side) < scene.walkaway[side] for side in SIDES))
    assert answers[2] == (f"kesepakatan rata-rata mencapai {round(100 * share)} % dari gabungan terbaik; {below} "
                          "kesepakatan memberi satu pihak kurang dari nilai batasnya; 7 peserta menulis alasannya")
    assert answers[3] == "8 peserta sudah menuliskannya di refleksi"
    assert answers[4] == "7 peserta sudah menuliskannya di refleksi"
    assert answers[5].startswith("2 kesepakatan mencapai gabungan terbaik; 7 peserta")
    assert view.figure["data"][0]["x"] == [3, 1, 1, 1]


def test_solo_games_are_counted_per_scenario(sm5):
    """Are the games against the computer counted as agreed, not agreed and still playing, per scenario?"""
    view = view_of(sm5, "sm5-negosiasi-solo")
    row = view.table[0]
    assert row["Skenario"] == SCENE.title and (row["sepakat"], row["tidak sepakat"], row["masih berunding"]) == (5, 1, 1)
    assert view.answered == 7 and row["Rata-rata poin Marvel (sepakat)"] == f"{points(SCENE, best_joint(SCENE), 'marvel')},0"


# --- keys, language, robustness ---------------------------------------------------------------------------------------
def test_no_key_is_marked_or_shown():
    """Projected to participants: with every graded item answered wrongly, does no graded key or explanation appear,
    and is no option singled out by colour?"""
    rng = random.Random(3)
    for assignment in ASSIGNMENTS:
        graded = keys_of(assignment)
        columns = {}
        for item in all_banks()[assignment.split("_", 1)[0]]:
            key = graded.get(item.id, {}).get("key", item.key)
            columns[item.id] = [kinds.synthetic(item, key, 0.0, rng) for _name in NAMES]
        columns = {item_id: [ABSENT if value is None else value for value in values]
                   for item_id, values in columns.items()}
        views = build(assignment, make_class(columns))
        by_id = {view.id: view for view in views}

        def shown(views: list[View]) -> str:
            """Everything the page shows; not the ids (sm0.pre_sijori names its key, as every jawaban.json does)."""
            return json.dumps([{**dataclasses.asdict(view), "id": ""} for view in views], ensure_ascii=False).casefold()

        text, material = shown(views), shown(build(assignment, {}))  # material: what the bank itself says
        for item_id, entry in graded.items():
            if isinstance(entry["key"], dict) and "accepted" in entry["key"]:
                for variant in entry["key"]["accepted"]:  # a prompt may say it ("unit pengelola proyek": PMU?)
                    assert variant.casefold() not in text or variant.casefold() in material, item_id
            if entry.get("explanation"):
                assert entry["explanation"][:60].casefold() not in text, item_id
        by_id = {view.id: view for view in views}
        for item in all_banks()[assignment.split("_", 1)[0]]:
            if kinds.kind_of(item).choices(item) is None:
                continue
            figure = by_id[item.id.replace(".", "-").replace("_", "-")].figure
            assert not figure["layout"].get("annotations") and not figure["layout"].get("shapes"), item.id
            for trace in figure["data"]:
                if trace["type"] == "bar":
                    assert isinstance(trace["marker"]["color"], str), item.id  # one colour for every option


def test_english_mode_words():
    """With KURSUS_LANG=en, are the board's own words English and the course material as it is?"""
    course.set_language("en")
    views = build("sm5_negosiasi", {NAMES[0]: {}})
    debrief = view_of(views, "sm5-negosiasi-pasangan-tanya-jawab")
    assert debrief.title.startswith("Debrief of the role-play") and debrief.note.startswith("0 of 1 participant has")
    assert "The facilitator's question" in debrief.table[0]
    sm1 = view_of(build("sm1_diplomasi", {}), "sm1-definisi-awal")
    assert sm1.table[0] == {"The module's source": "Berridge (2022)", "Core of the definition": board.DEFINITIONS[0][1]}


def test_arguments_are_checked():
    """Is an unknown assignment a ValueError and answers that are no mapping a TypeError?"""
    with pytest.raises(ValueError, match="sm9_tidak_ada"):
        build("sm9_tidak_ada", {})
    with pytest.raises(TypeError):
        build("sm1_diplomasi", [("nama", {})])


def test_an_empty_class_and_broken_files():
    """With no participants, or participants whose answers are not a mapping, does every view still build?"""
    for assignment in ASSIGNMENTS:
        empty = build(assignment, {})
        assert all(view.total == 0 and view.answered == 0 for view in empty)
        as_json(empty)
        broken = build(assignment, {"a": ["rusak"], "b": None, "c": {}})
        assert all(view.unreadable == 1 and view.total == 3 for view in broken), assignment


def test_a_view_that_fails_becomes_a_note(monkeypatch):
    """If one view's code fails, do the others still come, the failed one saying so?"""
    def broken(_klass, _item):
        raise RuntimeError("rusak")

    monkeypatch.setitem(board.SHAPES, "positions", broken)
    views = build("sm1_diplomasi", synthetic_class("sm1_diplomasi"))
    failed = view_of(views, "sm1-urutan-sejarah")
    assert failed.note == "Tampilan ini belum dapat dibuat (RuntimeError); tampilan lain tetap berjalan."
    assert view_of(views, "sm1-tahun-burke").figure is not None


HOSTILE_ITEMS = [item for bank in all_banks().values() for item in bank]
FIXED = dict(deadline=None, derandomize=True, database=None, max_examples=120,
             suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def hostile_class(draw):
    """A class of six of one assignment: each entry a hostile value, a bare non-entry, or nothing."""
    bank = draw(st.sampled_from(list(all_banks().values())))
    answers = {}
    for number in range(6):
        if draw(st.integers(0, 9)) == 0:
            answers[f"peserta {number}"] = draw(st.one_of(st.none(), st.text(max_size=5), st.lists(st.integers())))
            continue
        mine = {}
        for item in draw(st.lists(st.sampled_from(list(bank)), max_size=8, unique_by=lambda item: item.id)):
            mine[item.id] = draw(st.one_of(
                st.builds(lambda value: {"value": value, "saved_at": "x"}, values_for(item)),
                st.one_of(st.none(), st.integers(), st.text(max_size=10), st.just({"nilai": 1}),
                          st.just({"value": "x" * 30_000}), st.just([{"value": 1}]))))
        answers[f"peserta {number}"] = mine
    return bank, answers


def expected_unreadable(item, answers) -> int:
    count = 0
    for mapping in answers.values():
        if mapping is None:
            continue
        if not isinstance(mapping, dict):
            count += 1
            continue
        entry = mapping.get(item.id)
        if entry is None:
            continue
        if not isinstance(entry, dict) or "value" not in entry:
            count += 1
        elif isinstance(kinds.parse(item, entry["value"]), kinds.Unreadable):
            count += 1
    return count


@settings(**FIXED)
@given(hostile_class())
def test_hostile_entries_never_break_a_view_and_are_counted(case):
    """For hostile answer files (wrong types, huge texts, deep nesting, bare values): does every view build, give JSON
    without NaN, and count exactly the entries its kind cannot read as not readable?"""
    bank, answers = case
    views = build(bank.assignment, answers)
    as_json(views)
    by_id = {view.id: view for view in views}
    for view in views:
        assert "belum dapat dibuat" not in view.note, (view.id, view.note)
        assert view.answered + view.unreadable <= view.total == len(answers)
    for item in bank:
        view = by_id[item.id.replace(".", "-").replace("_", "-")]
        assert view.unreadable == expected_unreadable(item, answers), item.id


def test_graded_items_show_only_progress_until_collected():
    """Before the work is collected, does a graded item's view say only how many answered (no option, no count per
    option), while a practice item and the collected view (reveal_graded) show the distribution?"""
    answers = synthetic_class("sm1_diplomasi")
    live, collected = build("sm1_diplomasi", answers), build("sm1_diplomasi", answers, reveal_graded=True)
    graded, practice = view_of(live, "sm1-klasifikasi-kegiatan"), view_of(live, "sm1-kategori-definisi")
    bars = graded.figure["data"][0]
    assert bars["type"] == "bar" and len(bars["y"]) == 2 and graded.table is None
    assert sum(bars["x"]) + graded.unreadable == graded.total and bars["x"][0] == graded.answered
    assert "--terkumpul" in graded.note
    assert view_of(collected, "sm1-klasifikasi-kegiatan").figure["data"][0]["type"] == "heatmap"
    assert practice.table is not None and practice.figure["data"][0]["type"] == "bar" and len(practice.table) > 2
