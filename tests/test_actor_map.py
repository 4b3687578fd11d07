"""The actor map without a browser: rows saved and restored, limits, malformed stores, its chart and summary."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

import course
from course.bank import Item
from course.display import AnswerSummary
from course.plots import PLOTLY_MIME, _spread
from course.store import STORE_NAME, AnswerStore
from course.widgets import ActorMap
from course.widgets.actor_map import MAX_NAME, clean_rows

from .conftest import store_file_state, stored_value

SAVED = re.compile(r"^Jawaban tersimpan \((\d{2}):(\d{2})\)$")
CATEGORIES = ({"id": "pemda", "text": "Pemerintah daerah"}, {"id": "lsm_internasional", "text": "LSM internasional"},
              {"id": "lembaga_pembangunan", "text": "Lembaga pembangunan internasional"})
ITEM = Item(id="sm2.peta_uji", kind="actor_map", mode="latihan", objective="T3", prompt="**Peta aktor** daerah Anda.",
            categories=CATEGORIES, max_rows=4)


pytestmark = pytest.mark.usefixtures("workspace")  # fresh folder and store cache (conftest)


@pytest.fixture
def store(workspace):
    return AnswerStore(workspace, assignment="sm2_aktor")


def stored(folder: Path):
    return stored_value(folder, ITEM.id)


def chart(widget) -> dict:
    (output,) = widget._chart.outputs
    return output["data"]


def plotted(widget) -> dict:
    """Each plotted actor's name and (x, y) position, from the chart's plotly data."""
    points = {}
    for trace in chart(widget)[PLOTLY_MIME]["data"]:
        points.update({name: (x, y) for name, x, y in zip(trace["text"], trace["x"], trace["y"])})
    return points


def row(name, category, influence, interest, role=""):
    return {"name": name, "category": category, "role": role, "influence": influence, "interest": interest}


EMPTY = row("", "", 3, 3)
JICA = row("JICA", "lembaga_pembangunan", 4, 5, "Mendanai proyek air bersih")
BAPPEDA = row("Bappeda", "pemda", 5, 4)


def summary_of(value) -> str:
    return AnswerSummary(ITEM, value)._repr_mimebundle_()["text/plain"]


def filled(store) -> ActorMap:
    widget = ActorMap(ITEM, store)
    for actor in (JICA, BAPPEDA):
        widget.add(**actor)
    return widget


def test_fresh_map_has_one_empty_row(workspace, store):
    """Does a new actor map show one empty row, "Belum dijawab", and write nothing?"""
    widget = ActorMap(ITEM, store)
    assert widget.status_text == "Belum dijawab"
    assert widget.answer is None
    assert widget.rows == [EMPTY]
    assert not widget._add_button.disabled and not hasattr(widget, "check_button")
    assert "Latihan \u00b7 Peta aktor \u00b7 Tujuan pembelajaran T3" in widget.children[1].value
    assert chart(widget)["text/plain"] == "Peta aktor masih kosong."
    assert not (workspace / STORE_NAME).exists()


def test_add_saves_every_row(workspace, store):
    """Does add() store the full list of rows in jawaban.json and say "Jawaban tersimpan (HH:MM)"?"""
    widget = filled(store)
    expected = [JICA, BAPPEDA]
    assert widget.rows == expected
    assert stored(workspace) == expected
    assert widget.answer == expected
    match = SAVED.match(widget.status_text)
    assert match, widget.status_text
    saved_at = store.saved_at(ITEM.id)
    assert match.group(1, 2) == (f"{saved_at:%H}", f"{saved_at:%M}")


def test_restore_shows_rows_without_writing(workspace, store):
    """Does a second map on the same store show the same names, categories, ratings and roles, untouched?"""
    first = filled(store)
    before, saved_at = store_file_state(workspace), store.saved_at(ITEM.id)
    second = ActorMap(ITEM, store)
    assert second is not first
    assert second.rows == first.rows
    shown = second._rows_box.children[0]
    assert (shown.name.value, shown.category.value, shown.role.value, shown.influence.value, shown.interest.value) \
        == ("JICA", "lembaga_pembangunan", "Mendanai proyek air bersih", 4, 5)
    assert second.status_text == first.status_text
    assert store_file_state(workspace) == before, "restoring must not rewrite jawaban.json"
    assert store.saved_at(ITEM.id) == saved_at


def test_remove_saves(workspace, store):
    """Does remove(i) drop that row and save the rest?"""
    widget = filled(store)
    widget.add()
    widget.remove(1)
    assert [entry["name"] for entry in widget.rows] == ["JICA", ""]
    assert stored(workspace) == widget.rows
    widget.remove(0)
    assert stored(workspace) == [EMPTY]


def test_typing_a_name_saves(workspace, store):
    """Does typing into a row's name box save the map, and a restored map show it?"""
    widget = ActorMap(ITEM, store)
    widget._rows_box.children[0].name.value = "Kedutaan Jepang"
    assert stored(workspace) == [row("Kedutaan Jepang", "", 3, 3)]
    widget._rows_box.children[0].influence.value = 2
    assert stored(workspace) == [row("Kedutaan Jepang", "", 2, 3)]
    assert SAVED.match(widget.status_text)
    assert ActorMap(ITEM, store).rows == [row("Kedutaan Jepang", "", 2, 3)]


def test_max_rows_enforced(workspace, store):
    """Does a full map refuse add(), say why in Indonesian, and disable the Tambah button?"""
    widget = ActorMap(ITEM, store)
    for number in range(4):
        widget.add(f"Aktor {number}", "pemda", 2, 2)
    assert [entry["name"] for entry in widget.rows] == ["Aktor 0", "Aktor 1", "Aktor 2", "Aktor 3"]
    assert len(widget.rows) == ITEM.max_rows
    assert widget._add_button.disabled
    assert "Peta ini memuat paling banyak 4 aktor." in widget._limit_note.value
    before, rows = store_file_state(workspace), widget.rows
    widget.add("Kelima", "pemda", 1, 1)
    assert widget.rows == rows
    assert widget.status_text == "Peta ini memuat paling banyak 4 aktor."
    assert store_file_state(workspace) == before
    widget.remove(0)
    assert not widget._add_button.disabled
    assert widget._limit_note.value == ""


def test_add_fills_blank_last_row(workspace, store):
    """Does add(name) fill a still blank last row (even on a full map) and never overwrite a named or role-only row?"""
    widget = ActorMap(ITEM, store)
    widget.add(**JICA)
    assert widget.rows == [JICA], "the fresh map's empty row is filled, not followed by a new one"
    widget.add(**BAPPEDA)
    assert widget.rows == [JICA, BAPPEDA], "a named last row is not overwritten"
    widget.add()
    assert widget.rows == [JICA, BAPPEDA, EMPTY], "add() without a name still appends a blank row"
    widget._rows_box.children[-1].role.value = "Tokoh masyarakat"
    widget.add("Warga", "pemda", 2, 2)
    assert widget.rows == [JICA, BAPPEDA, row("", "", 3, 3, "Tokoh masyarakat"), row("Warga", "pemda", 2, 2)], \
        "a last row with a role is not blank"
    widget.remove(3)
    widget._rows_box.children[-1].role.value = ""
    widget.add()
    assert len(widget.rows) == ITEM.max_rows and widget._add_button.disabled
    widget.add("Warga", "pemda", 2, 2)
    expected = [JICA, BAPPEDA, EMPTY, row("Warga", "pemda", 2, 2)]
    assert widget.rows == expected, "a full map still lets its blank last row be filled"
    assert stored(workspace) == expected
    assert SAVED.match(widget.status_text)
    widget._rows_box.children[-1].influence.value = 5
    assert stored(workspace)[-1] == row("Warga", "pemda", 5, 2), "the filled row keeps saving what is typed"


def test_unknown_category_raises(workspace, store):
    """Does add() with a category the item does not have raise ValueError, saving nothing?"""
    widget = ActorMap(ITEM, store)
    with pytest.raises(ValueError):
        widget.add("JICA", "asing", 4, 5)
    assert widget.rows == [EMPTY]
    assert not (workspace / STORE_NAME).exists()


@pytest.mark.parametrize("value", ["JICA", {"name": "JICA"}, 7, None, [], ["JICA", 3, None]],
                         ids=["text", "dict", "number", "null", "empty", "no_dicts"])
def test_malformed_store_not_a_list_of_rows(workspace, store, value):
    """Does a stored value that is not a list of rows restore as one empty row, without writing?"""
    store.save(ITEM.id, value)
    before = store_file_state(workspace)
    widget = ActorMap(ITEM, store)
    assert widget.rows == [EMPTY]
    assert store_file_state(workspace) == before


def test_malformed_rows_are_cleaned(workspace, store):
    """Are bad ratings reset to 3, unknown categories to "", long names cut, non-dict rows dropped?"""
    value = [{"name": "A", "category": "pemda", "influence": 0, "interest": 7, "role": "r"}, "bukan baris",
             {"name": "B", "category": "asing", "influence": "5", "interest": True},
             {"name": "x" * 200, "category": None, "influence": 2.0, "interest": 5, "role": 9},
             {"name": 42, "category": "lsm_internasional", "influence": 1, "interest": 1}]
    expected = [row("A", "pemda", 3, 3, "r"), row("B", "", 3, 3), row("x" * MAX_NAME, "", 3, 5),
                row("", "lsm_internasional", 1, 1)]
    assert clean_rows(value, {c["id"] for c in CATEGORIES}, 12) == expected
    assert clean_rows(value, {c["id"] for c in CATEGORIES}, 2) == expected[:2]
    store.save(ITEM.id, value)
    before = store_file_state(workspace)
    widget = ActorMap(dataclasses.replace(ITEM, max_rows=12), store)
    assert widget.rows == expected
    assert store_file_state(workspace) == before


def test_broken_entries_use_no_slot(workspace, store):
    """Are non-dict entries dropped before max_rows is applied, so they do not push real rows out?"""
    actors = [row(f"Aktor {number}", "pemda", 2, 2) for number in range(5)]
    value = ["rusak", None, 7, *actors[:2], ["x"], *actors[2:]]
    assert clean_rows(value, {c["id"] for c in CATEGORIES}, 3) == actors[:3]
    assert clean_rows(value, {c["id"] for c in CATEGORIES}, 0) == []
    store.save(ITEM.id, value)
    before = store_file_state(workspace)
    widget = ActorMap(ITEM, store)
    assert widget.rows == actors[:ITEM.max_rows]
    assert store_file_state(workspace) == before


def test_chart_plots_named_actors(workspace, store):
    """Does the chart carry plotly's MIME type, describe each named actor, and leave unnamed rows out?"""
    widget = filled(store)
    widget.add("   ", "pemda", 1, 1)
    assert len(widget.rows) == 3
    data = chart(widget)
    assert set(data[PLOTLY_MIME]) >= {"data", "layout"}
    assert data["text/plain"] == ("Peta aktor (2):\n- JICA (Lembaga pembangunan internasional): pengaruh 4, "
                                  "kepentingan 5\n- Bappeda (Pemerintah daerah): pengaruh 5, kepentingan 4")
    assert plotted(widget) == {"JICA": (5, 4), "Bappeda": (4, 5)}, "x is interest, y is influence"


def test_same_ratings_get_different_positions(workspace, store):
    """Do two actors with identical ratings land on different points near their shared rating?"""
    widget = ActorMap(ITEM, store)
    widget.add("Alfa", "pemda", 4, 2)
    widget.add("Beta", "pemda", 4, 2)
    points = plotted(widget)
    assert points["Alfa"] != points["Beta"]
    for x, y in points.values():
        assert abs(x - 2) <= 0.3 and abs(y - 4) <= 0.3
    spread = _spread([row("a", "", 3, 3), row("b", "", 3, 3), row("c", "", 3, 3), row("d", "", 1, 5)])
    assert len(set(spread[:3])) == 3
    assert spread[3] == (5, 1)


def test_summary_lists_named_actors(workspace):
    """Does the grading summary list each named actor with its category text, ratings and role?"""
    value = [row("JICA", "lembaga_pembangunan", 4, 5, "Donor"), row("", "pemda", 1, 1), row("Warga", "asing", 2, 2)]
    text = summary_of(value)
    assert text == ("sm2.peta_uji \u2014 Jawaban peserta: - JICA (Lembaga pembangunan internasional): pengaruh 4, "
                    "kepentingan 5; Donor\n- Warga (\u2014): pengaruh 2, kepentingan 2")
    assert summary_of([row("", "pemda", 1, 1)]).endswith(": (tidak ada jawaban)")
    assert summary_of("rusak").endswith(": rusak")


def test_english_texts(workspace, store):
    """With set_language("en"), are the status, buttons, limit note, chart and summary in English?"""
    course.set_language("en")
    widget = ActorMap(ITEM, store)
    assert widget.status_text == "Not answered yet"
    assert widget._add_button.description == "Add an actor"
    assert widget._rows_box.children[0].remove.description == "Remove"
    assert chart(widget)["text/plain"] == "The actor map is still empty."
    for number in range(4):
        widget.add(f"Actor {number}", "pemda", 2, 4)
    assert re.fullmatch(r"Answer saved \(\d{2}:\d{2}\)", widget.status_text)
    widget.add("Fifth", "pemda", 1, 1)
    assert widget.status_text == "This map holds at most 4 actors."
    layout = chart(widget)[PLOTLY_MIME]["layout"]
    assert layout["title"]["text"] == "Your region's actor map"
    assert layout["yaxis"]["title"]["text"] == "Influence (1\u20135)"
    summary = summary_of(widget.rows)
    assert "Participant's answer" in summary
    assert "- Actor 0 (Pemerintah daerah): influence 2, interest 4" in summary


def test_english_chart_description(workspace, store):
    """With set_language("en"), does the chart's description (read by screen readers) use English words?"""
    course.set_language("en")
    widget = ActorMap(ITEM, store)
    widget.add("JICA", "lembaga_pembangunan", 4, 5)
    hovers = [trace["hovertemplate"] for trace in chart(widget)[PLOTLY_MIME]["data"] if trace["text"]]
    expected = "Actor map (1):\n- JICA (Lembaga pembangunan internasional): influence 4, interest 5"
    assert (chart(widget)["text/plain"], ["pengaruh" in hover for hover in hovers]) == (expected, [False])


def test_add_saves_the_store_once(store, monkeypatch):
    """Does add() write jawaban.json once, with the finished row, not once per control it fills?"""
    widget = ActorMap(ITEM, store)
    saved = []
    original = widget.store.save
    monkeypatch.setattr(widget.store, "save", lambda item_id, value: saved.append(value) or original(item_id, value))
    widget.add("JICA", "lembaga_pembangunan", 4, 5, "Donor")
    widget.add("Bappeda", "pemda", 5, 4)
    assert [[row["name"] for row in value] for value in saved] == [["JICA"], ["JICA", "Bappeda"]]
