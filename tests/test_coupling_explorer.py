"""The coupling explorer: the participant's sliders are saved, restored, and redraw the heatmap."""

from __future__ import annotations

import pytest

from course.bank import Item
from course.display import AnswerSummary
from course.plots import PLOTLY_MIME
from course.store import AnswerStore
from course.widgets import CouplingExplorer
from course.widgets.coupling_explorer import clean_choice

from .conftest import store_file_state, stored_value

pytestmark = pytest.mark.usefixtures("workspace")

ITEM = Item(id="sm3.eksplorasi_uji", kind="coupling_explorer", mode="latihan", objective="T2",
            prompt="Naikkan satu aset daerah Anda.")
DIMENSIONS = ["teknologi_pengetahuan", "organisasi_industri", "politik_teritorial"]
DEFAULTS = {dimension: 2 for dimension in DIMENSIONS}


@pytest.fixture
def store(workspace):
    return AnswerStore(workspace, assignment="sm3_model")


def heatmap_text(widget) -> str:
    (output,) = widget._chart.outputs
    assert PLOTLY_MIME in output["data"]
    return output["data"]["text/plain"]


def test_fresh_explorer_starts_at_the_data_defaults_and_draws_the_heatmap(store):
    """Does a new explorer show Daerah Anda at 2 on every asset, 'Belum dijawab', and the heatmap?"""
    widget = CouplingExplorer(ITEM, store)
    assert widget.choice == {"region_name": "", "assets": DEFAULTS}
    assert widget.status_text == "Belum dijawab"
    assert "Daerah Anda (dapat Anda ubah): " in heatmap_text(widget)
    assert not (store.path).exists()


def test_moving_a_slider_saves_and_redraws(store, workspace):
    """Does raising one asset save the whole choice and change Daerah Anda's scores (and no other row) on the chart?"""
    widget = CouplingExplorer(ITEM, store)
    before = heatmap_text(widget)
    widget.set_asset("politik_teritorial", 5)
    widget.name_region("Kabupaten Contoh")
    assert stored_value(workspace, ITEM.id) == {"region_name": "Kabupaten Contoh",
                                                "assets": {**DEFAULTS, "politik_teritorial": 5}}
    assert widget.status_text.startswith("Jawaban tersimpan (")
    after = heatmap_text(widget)
    assert after != before
    fictional = [line for line in before.splitlines() if "Widyapura" in line]
    assert fictional and [line for line in after.splitlines() if "Widyapura" in line] == fictional


def test_restored_explorer_shows_the_saved_choice_without_writing(store, workspace):
    """After a restart, are the sliders and name back, and is the store left untouched?"""
    CouplingExplorer(ITEM, store).set_asset("teknologi_pengetahuan", 4)
    state = store_file_state(workspace)
    again = CouplingExplorer(ITEM, AnswerStore(workspace, assignment="sm3_model"))
    assert again.choice["assets"]["teknologi_pengetahuan"] == 4
    assert store_file_state(workspace) == state


@pytest.mark.parametrize("stored", [None, "teks", [1, 2], {"assets": "x"},
                                    {"assets": {"teknologi_pengetahuan": 9, "organisasi_industri": True,
                                                "politik_teritorial": "5"}, "region_name": 42}])
def test_malformed_stored_choices_fall_back_to_defaults(stored):
    """Is a damaged stored choice read as the defaults (scores outside 0-5, wrong types), never a crash?"""
    assert clean_choice(stored, DIMENSIONS, DEFAULTS) == {"region_name": "", "assets": DEFAULTS}


def test_summary_for_the_instructor_names_the_region_and_its_assets():
    """Does the grading view show the region's name and each asset score?"""
    value = {"region_name": "Kota Contoh", "assets": {**DEFAULTS, "politik_teritorial": 4}}
    text = AnswerSummary(ITEM, value)._repr_mimebundle_()["text/plain"]
    assert "Kota Contoh: Teknologi dan pengetahuan 2, Organisasi industri 2, Politik teritorial dan relasi sosial 4" in text
