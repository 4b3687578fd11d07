"""The role-play widgets: each side sees only its own sheet, outcomes and games are saved and come back."""

from __future__ import annotations

import pytest

from course.bank import Item
from course.display import AnswerSummary
from course.negotiation import Counterpart, all_packages, best_joint, load_scenarios, points, split_the_difference
from course.plots import PLOTLY_MIME
from course.store import AnswerStore
from course.widgets import NegotiationPair, NegotiationSolo

from .conftest import store_file_state, stored_value

pytestmark = pytest.mark.usefixtures("workspace")

PAIR = Item(id="sm5.pasangan_uji", kind="negotiation_pair", mode="latihan", objective="T5", prompt="Berunding.")
SOLO = Item(id="sm5.solo_uji", kind="negotiation_solo", mode="latihan", objective="T5", prompt="Lawan komputer.")
SCENE = load_scenarios()["pembangunan"]


@pytest.fixture
def store(workspace):
    return AnswerStore(workspace, assignment="sm5_negosiasi")


def test_each_team_sees_only_its_own_role_sheet(store):
    """Does Marvel's sheet show Marvel's brief and point column, and never Batman's brief?"""
    widget = NegotiationPair(PAIR, store)
    widget.choose("marvel", SCENE.id)
    sheet = widget._sheet.value
    assert SCENE.briefs["marvel"][:40] in sheet and SCENE.briefs["batman"][:40] not in sheet
    assert f"Jika tidak sepakat, Anda mendapat {SCENE.walkaway['marvel']} poin (nilai batas)." in sheet
    widget.choose("batman", SCENE.id)
    assert SCENE.briefs["batman"][:40] in widget._sheet.value and SCENE.briefs["marvel"][:40] not in widget._sheet.value


def test_entering_a_deal_saves_it_shows_points_and_the_chart(store, workspace):
    """Does saving the agreed package store it, say how many points it is worth, and draw the chart?"""
    widget = NegotiationPair(PAIR, store)
    widget.choose("marvel", SCENE.id)
    package = best_joint(SCENE)
    widget.enter_deal(package)
    assert stored_value(workspace, PAIR.id) == {"team": "marvel", "scenario": SCENE.id, "result": "deal",
                                                "package": package, "pair": None}
    assert f"{points(SCENE, package, 'marvel')} poin bagi Anda" in widget._outcome.value
    (chart,) = widget._chart.outputs
    assert PLOTLY_MIME in chart["data"] and "sepakat" in chart["data"]["text/plain"]


def test_incomplete_package_is_not_saved_as_a_deal(store, workspace):
    """Is a package with an issue left open refused with a message, keeping the earlier outcome?"""
    widget = NegotiationPair(PAIR, store)
    widget.choose("batman", SCENE.id)
    widget.enter_no_deal()
    partial = dict(list(split_the_difference(SCENE).items())[:-1])
    widget.enter_deal(partial)
    assert widget.status_text == "Belum tersimpan: pilih satu opsi untuk setiap isu."
    assert stored_value(workspace, PAIR.id)["result"] == "no_deal"


def test_pair_outcome_comes_back_after_a_restart_without_writing(store, workspace):
    """After a restart, are team, scenario, package and outcome shown again, the store untouched?"""
    first = NegotiationPair(PAIR, store)
    first.choose("marvel", SCENE.id)
    first.enter_deal(split_the_difference(SCENE))
    state = store_file_state(workspace)
    again = NegotiationPair(PAIR, AnswerStore(workspace, assignment="sm5_negosiasi"))
    assert again._team.value == "marvel" and again._scenario.value == SCENE.id
    assert again._chooser.package == split_the_difference(SCENE)
    assert "poin bagi Anda" in again._outcome.value
    assert store_file_state(workspace) == state


def test_the_pair_code_is_saved_normalised_with_the_outcome_and_comes_back(store, workspace):
    """Is the code typed as " meja-3 " saved as "MEJA-3" beside the deal, and shown again after a restart?"""
    widget = NegotiationPair(PAIR, store)
    assert widget._code.description == "Kode pasangan/meja (sama dengan pasangan Anda)"
    widget.choose("batman", SCENE.id)
    widget.enter_code(" meja-3 ")
    assert stored_value(workspace, PAIR.id)["pair"] == "MEJA-3"
    widget.enter_deal(best_joint(SCENE))
    assert stored_value(workspace, PAIR.id) == {"team": "batman", "scenario": SCENE.id, "result": "deal",
                                                "package": best_joint(SCENE), "pair": "MEJA-3"}
    again = NegotiationPair(PAIR, AnswerStore(workspace, assignment="sm5_negosiasi"))
    assert again._code.value == "MEJA-3" and again.answer["pair"] == "MEJA-3"


def test_changing_the_code_keeps_the_outcome(store, workspace):
    """Does correcting the code after the deal keep team, scenario and deal (unlike changing team or scenario)?"""
    widget = NegotiationPair(PAIR, store)
    widget.choose("marvel", SCENE.id)
    widget.enter_deal(split_the_difference(SCENE))
    widget.enter_code("B2")
    value = stored_value(workspace, PAIR.id)
    assert value["pair"] == "B2" and value["result"] == "deal" and value["package"] == split_the_difference(SCENE)


@pytest.mark.parametrize("text", ["meja 3", "A" * 13, "kode!", "\u0665"])
def test_a_text_that_is_no_code_is_saved_as_none_with_a_hint(store, workspace, text):
    """Is a code with a space, too long, with punctuation or non-ASCII digits saved as no code, and the reason shown?"""
    widget = NegotiationPair(PAIR, store)
    widget.choose("marvel", SCENE.id)
    widget.enter_code(text)
    assert stored_value(workspace, PAIR.id)["pair"] is None
    assert "paling banyak 12 karakter" in widget._code_hint.value
    widget.enter_code("A1")
    assert widget._code_hint.value == "" and stored_value(workspace, PAIR.id)["pair"] == "A1"


def test_a_code_typed_just_before_the_click_does_not_undo_the_deal(store, workspace):
    """When the code is typed and "Simpan kesepakatan" follows within the save interval, is the deal kept?"""
    widget = NegotiationPair(PAIR, store)
    widget.choose("marvel", SCENE.id)
    widget._code.value = "C3"  # typed: saved now or half a second later
    widget._code.value = "C4"  # a trailing save waits with a value that has no deal yet
    widget.enter_deal(best_joint(SCENE))
    widget.flush()
    value = stored_value(workspace, PAIR.id)
    assert value["result"] == "deal" and value["pair"] == "C4"


def test_solo_game_counter_offer_and_acceptance_are_saved(store, workspace):
    """Does an offer get a counter-offer with a reason, and does accepting it end the game with a deal?"""
    widget = NegotiationSolo(SOLO, store)
    widget.start(SCENE.id)
    best_for_marvel = max(all_packages(SCENE), key=lambda package: points(SCENE, package, "marvel"))
    widget.propose(best_for_marvel)
    expected = Counterpart(SCENE).respond(best_for_marvel, 0)
    assert not expected.accepted
    saved = stored_value(workspace, SOLO.id)
    assert saved["history"][0]["counter"] == expected.counter and saved["deal"] is None
    assert expected.explanation in widget._log.value
    widget.accept_counter()
    saved = stored_value(workspace, SOLO.id)
    assert saved["deal"] == expected.counter and saved["finished"] is True
    assert widget._chart.outputs and "Kesepakatan tercatat" in widget._log.value


def test_solo_game_is_replayed_after_a_restart(store, workspace):
    """After a restart, is the same game (offers, counters, deal) shown again without writing the store?"""
    first = NegotiationSolo(SOLO, store)
    first.start(SCENE.id)
    for _round in range(2):
        first.propose(split_the_difference(SCENE))
    state = store_file_state(workspace)
    again = NegotiationSolo(SOLO, AnswerStore(workspace, assignment="sm5_negosiasi"))
    assert [entry["counter"] for entry in again._history] == [entry["counter"] for entry in first._history]
    assert again._log.value == first._log.value
    assert store_file_state(workspace) == state


def test_no_offers_after_the_last_round_only_accept_or_walk_away(store, workspace):
    """After the last round, is a new offer refused and walking away recorded as no deal?"""
    widget = NegotiationSolo(SOLO, store)
    widget.start(SCENE.id)
    worst_for_batman = min(all_packages(SCENE), key=lambda package: points(SCENE, package, "batman"))
    for _round in range(SCENE.rounds):
        widget.propose(worst_for_batman)
    widget.propose(worst_for_batman)
    assert len(stored_value(workspace, SOLO.id)["history"]) == SCENE.rounds
    widget.walk_away()
    saved = stored_value(workspace, SOLO.id)
    assert saved["finished"] is True and saved["deal"] is None
    assert f"nilai batas {SCENE.walkaway['marvel']} poin" in widget._log.value


@pytest.mark.parametrize("stored", [None, "x", {"scenario": "tidak_ada"}, {"scenario": "pembangunan", "history": "x"},
                                    {"scenario": "pembangunan", "history": [{"offer": {"a": "b"}}]}])
def test_damaged_solo_store_restores_without_crashing(store, stored):
    """Does a damaged stored game open as a fresh or shortened game instead of an error?"""
    store.save(SOLO.id, stored)
    widget = NegotiationSolo(SOLO, store)
    assert widget._history == [] and widget._finished is False


def test_instructor_summary_shows_both_sides_points():
    """Does the grading view show the scenario, the outcome and both sides' points for the debrief?"""
    package = best_joint(SCENE)
    text = AnswerSummary(PAIR, {"team": "batman", "scenario": SCENE.id, "result": "deal", "package": package}) \
        ._repr_mimebundle_()["text/plain"]
    assert f"Marvel {points(SCENE, package, 'marvel')} poin, Batman {points(SCENE, package, 'batman')} poin" in text
    assert "tim batman; sepakat" in text


def _shown(widget) -> set[str]:
    """Descriptions of the solo board's buttons that are shown."""
    buttons = (widget._propose, widget._accept, widget._walk, widget._restart)
    return {button.description for button in buttons if button.layout.display != "none"}


def test_solo_board_keeps_its_controls_and_shows_the_right_buttons(store):
    """Through a game, are the same chooser and buttons kept (keyboard focus stays) and only the right ones shown?"""
    widget = NegotiationSolo(SOLO, store)
    widget.start(SCENE.id)
    chooser, propose = widget._chooser, widget._propose
    assert _shown(widget) == {"Ajukan tawaran"}
    worst_for_batman = min(all_packages(SCENE), key=lambda package: points(SCENE, package, "batman"))
    widget.propose(worst_for_batman)
    assert widget._chooser is chooser and widget._propose is propose
    assert _shown(widget) == {"Ajukan tawaran", "Terima tawaran balasan"}
    assert chooser.package == worst_for_batman, "the last offer stays in the chooser, ready to be changed"
    assert widget._round.value == f"<b>Putaran 2 dari {SCENE.rounds}: susun tawaran Anda</b>"
    for _round in range(SCENE.rounds - 1):
        widget.propose(worst_for_batman)
    assert _shown(widget) == {"Terima tawaran balasan", "Akhiri tanpa kesepakatan"}
    assert widget._chooser.layout.display == "none"
    widget.accept_counter()
    assert _shown(widget) == {"Mulai lagi"}
    widget._restart.click()
    assert widget._history == [] and _shown(widget) == {"Ajukan tawaran"} and chooser.package is None


def test_package_chooser_uses_radio_buttons_named_by_issue(store):
    """Is each issue a group of radio buttons showing every option in full, headed by the issue?"""
    widget = NegotiationPair(PAIR, store)
    widget.choose("marvel", SCENE.id)
    groups = list(widget._chooser.boxes.values())
    assert [group.description for group in groups] == [issue.title for issue in SCENE.issues]
    assert [list(group._options_labels) for group in groups] == [[o.text for o in i.options] for i in SCENE.issues]
    assert all(group.value is None for group in groups)


SISTER = load_scenarios()["sister_city"]


def test_sister_city_pair_result_is_recorded_with_the_code(store, workspace):
    """Does a pair play the sister-city scenario: its own role sheet, the deal and code saved, the points shown?"""
    widget = NegotiationPair(PAIR, store)
    widget.choose("marvel", SISTER.id)
    assert SISTER.briefs["marvel"][:40] in widget._sheet.value and SISTER.briefs["batman"][:40] not in widget._sheet.value
    assert [group.description for group in widget._chooser.boxes.values()] == [issue.title for issue in SISTER.issues]
    widget.enter_code("M07")
    widget.enter_deal(best_joint(SISTER))
    assert stored_value(workspace, PAIR.id) == {"team": "marvel", "scenario": SISTER.id, "result": "deal",
                                                "package": best_joint(SISTER), "pair": "M07"}
    assert f"{points(SISTER, best_joint(SISTER), 'marvel')} poin bagi Anda" in widget._outcome.value


def test_two_against_two_share_one_code_and_see_the_same_sheet(workspace):
    """At a table of four, do teammates see the same role sheet, and is the table one outcome on the class board
    (all four enter the same package; if only one per side enters, the board still counts it and says who has not)?"""
    from course.board.views import _outcome

    seats = {}
    for name, team in (("m1", "marvel"), ("m2", "marvel"), ("b1", "batman"), ("b2", "batman")):
        (workspace / name).mkdir()
        seats[name] = NegotiationPair(PAIR, AnswerStore(workspace / name, assignment="sm5_negosiasi"))
        seats[name].choose(team, SISTER.id)
        seats[name].enter_code("m07")
    assert seats["m1"]._sheet.value == seats["m2"]._sheet.value != seats["b1"]._sheet.value == seats["b2"]._sheet.value
    for name in ("m1", "b1"):
        seats[name].enter_deal(best_joint(SISTER))
    members = [(name, stored_value(workspace / name, PAIR.id)) for name in seats]
    assert {value["pair"] for _name, value in members} == {"M07"}
    state, scene, package, remarks = _outcome(members)
    assert (state, scene, package) == ("deal", SISTER, best_joint(SISTER)) and remarks == ["2 anggota belum mengisi hasil"]
    for name in ("m2", "b2"):
        seats[name].enter_deal(best_joint(SISTER))
    assert _outcome([(name, stored_value(workspace / name, PAIR.id)) for name in seats])[3] == []


def test_sister_city_solo_game_ends_in_a_deal(store, workspace):
    """Against the computer, is the integrative sister-city package accepted within the rounds and saved?"""
    widget = NegotiationSolo(SOLO, store)
    widget.start(SISTER.id)
    for _round in range(SISTER.rounds):
        widget.propose(best_joint(SISTER))
        if stored_value(workspace, SOLO.id)["finished"]:
            break
    saved = stored_value(workspace, SOLO.id)
    assert saved["deal"] == best_joint(SISTER) and saved["finished"] is True
    assert "Kesepakatan tercatat" in widget._log.value
