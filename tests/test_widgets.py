"""Widgets without a browser, through their scriptable twins; show(), grading mode and grade()."""

from __future__ import annotations

import dataclasses
import html
import json
import re
from pathlib import Path

import ipywidgets as widgets
import pytest

import course
from course.bank import BANK_DIRECTORY, BankError, load_bank
from course.display import AnswerSummary
from course.grading import Score
from course.keys import keys_from_notebook
from course.store import STORE_NAME, AnswerStore, read_answers
from course.widgets import Classification, _base
from course.widgets.text import parse_number

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENT = "sm1_diplomasi"
BANK = load_bank(BANK_DIRECTORY / f"{ASSIGNMENT}.json")
GRADED_KEYS = keys_from_notebook(ROOT / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
SAVED = re.compile(r"^Jawaban tersimpan \((\d{2}):(\d{2})\)$")


def pick(kind: str, mode: str):
    """The first item of the sm1 bank with this kind and mode."""
    for item in BANK:
        if item.kind == kind and item.mode == mode:
            return item
    raise LookupError(f"no {mode} {kind} item in {ASSIGNMENT}")


pytestmark = pytest.mark.usefixtures("workspace")  # fresh folder and store cache (conftest)


def restart_and_show(item_id: str):
    """Show ``item_id`` as a restarted kernel would: no cached store."""
    _base._stores.cache_clear()
    return course.show(item_id)


def stored(tmp_path: Path) -> dict:
    return {item_id: entry["value"] for item_id, entry in read_answers(tmp_path / STORE_NAME).items()}


def all_texts(widget) -> str:
    """Every piece of text a widget tree shows: HTML values, descriptions, option labels."""
    texts = []

    def walk(node):
        for name in ("value", "description", "placeholder", "tooltip"):
            value = getattr(node, name, None)
            if isinstance(value, str):
                texts.append(value)
        for label in getattr(node, "_options_labels", ()) or ():
            texts.append(str(label))
        for child in getattr(node, "children", ()) or ():
            walk(child)

    walk(widget)
    return "\n".join(texts)


def file_state(tmp_path: Path):
    path = tmp_path / STORE_NAME
    return path.stat().st_mtime_ns, path.read_bytes()


# the answer of each kind, and how to read it back from the control ---------------------------

def _read_single(widget):
    return widget.control.value


def _read_multiple(widget):
    ticked = {box.description for box in widget.control.children if box.value}
    return [option["id"] for option in widget.item.options if option["text"] in ticked]


def _read_classification(widget):
    menus = list(widget.control.children)  # one drop-down per entry, labelled with the entry
    assert [menu.description for menu in menus] == [entry["text"] for entry in widget.item.entries]
    return {entry["id"]: menu.value for entry, menu in zip(widget.item.entries, menus) if menu.value is not None}


def _read_ordering(widget):
    rows = widget.control.children[1].children
    texts = [html.unescape(row.children[0].value) for row in rows]
    by_text = {widget.item.text_of(entry_id): entry_id for entry_id in widget.item.choice_ids()}
    order = []
    for position, text in enumerate(texts, start=1):
        prefix = f"<b>{position}.</b> "
        assert text.startswith(prefix)
        order.append(by_text[text[len(prefix):]])
    assert order == widget.order
    return order


def _read_text_box(widget):
    box = widget.control if isinstance(widget.control, (widgets.Text, widgets.Textarea)) else widget.control.children[0]
    return box.value


SINGLE_P = pick("single_choice", "latihan")
SINGLE_G = pick("single_choice", "penilaian")
MULTI_P = pick("multiple_select", "latihan")
MULTI_G = pick("multiple_select", "penilaian")
CLASS_G = pick("classification", "penilaian")
ORDER_G = pick("ordering", "penilaian")
NUMBER_G = pick("numeric", "penilaian")
SHORT_G = pick("short_text", "penilaian")
REFLECT_P = pick("reflection", "latihan")
REFLECT_G = pick("reflection", "penilaian")

REFLECTION_TEXT = "Diplomasi adalah pengelolaan hubungan antarnegara\nmelalui perundingan dan utusan."


def _answer_order(widget):
    widget.move_down(widget.item.choice_ids()[0])


KIND_CASES = {
    "single_choice_practice": (SINGLE_P, lambda w: w.choose("b"), "b", _read_single, "b"),
    "single_choice_graded": (SINGLE_G, lambda w: w.choose("c"), "c", _read_single, "c"),
    "multiple_select_practice": (
        MULTI_P, lambda w: w.select("utusan", "negosiasi", "paksaan"),
        ["negosiasi", "utusan", "paksaan"], _read_multiple, ["negosiasi", "utusan", "paksaan"],
    ),
    "multiple_select_graded": (
        MULTI_G, lambda w: w.select("globalisasi", "sentralisasi"),
        ["globalisasi", "sentralisasi"], _read_multiple, ["globalisasi", "sentralisasi"],
    ),
    "classification_graded": (
        CLASS_G,
        lambda w: (w.assign("sumber_kekuatan", "berridge2022"), w.assign("jalur_lain", "oed")),
        {"sumber_kekuatan": "berridge2022", "jalur_lain": "oed"},
        _read_classification,
        {"sumber_kekuatan": "berridge2022", "jalur_lain": "oed"},
    ),
    "ordering_graded": (
        ORDER_G, _answer_order,
        [ORDER_G.choice_ids()[1], ORDER_G.choice_ids()[0], *ORDER_G.choice_ids()[2:]],
        _read_ordering,
        [ORDER_G.choice_ids()[1], ORDER_G.choice_ids()[0], *ORDER_G.choice_ids()[2:]],
    ),
    "numeric_graded": (NUMBER_G, lambda w: w.enter("1796"), 1796, _read_text_box, "1796"),
    "numeric_graded_decimal": (NUMBER_G, lambda w: w.enter("2,5"), 2.5, _read_text_box, "2,5"),
    "short_text_graded": (SHORT_G, lambda w: w.enter("Protodiplomásí"), "Protodiplomásí", _read_text_box, "Protodiplomásí"),
    "reflection_practice": (REFLECT_P, lambda w: w.enter(REFLECTION_TEXT), REFLECTION_TEXT, _read_text_box, REFLECTION_TEXT),
    "reflection_graded": (REFLECT_G, lambda w: w.enter(REFLECTION_TEXT), REFLECTION_TEXT, _read_text_box, REFLECTION_TEXT),
}


@pytest.mark.parametrize("item, act, value, read_control, shown", KIND_CASES.values(), ids=KIND_CASES.keys())
def test_answer_saved_and_restored(workspace, item, act, value, read_control, shown):
    """Does an answer reach jawaban.json, and does a restored widget show it without rewriting the file?"""
    widget = course.show(item.id)
    assert widget.answer is None
    assert widget.status_text == "Belum dijawab"
    assert not (workspace / STORE_NAME).exists(), "showing a widget must not write"

    act(widget)

    assert stored(workspace) == {item.id: value}
    assert widget.answer == value
    match = SAVED.match(widget.status_text)
    assert match, widget.status_text
    saved_at = AnswerStore(workspace).saved_at(item.id)
    assert match.group(1, 2) == (f"{saved_at:%H}", f"{saved_at:%M}")
    assert widget.status_text in widget.status.value
    document = json.loads((workspace / STORE_NAME).read_text(encoding="utf-8"))
    assert document["assignment"] == ASSIGNMENT

    before = file_state(workspace)
    restored = restart_and_show(item.id)
    assert restored is not widget
    assert read_control(restored) == shown
    assert restored.answer == value
    assert restored.status_text == widget.status_text
    assert file_state(workspace) == before, "restoring must not rewrite jawaban.json"


def test_showing_unanswered_items_writes_nothing(workspace):
    """Does showing every item of the bank leave the folder without a jawaban.json?"""
    for item in BANK:
        course.show(item.id)
    assert not (workspace / STORE_NAME).exists()


def test_single_choice_rejects_unknown_option(workspace):
    """Does choose() refuse an option id the item does not have, saving nothing?"""
    widget = course.show(SINGLE_G.id)
    with pytest.raises(ValueError):
        widget.choose("z")
    assert not (workspace / STORE_NAME).exists()


def test_multiple_select_can_be_emptied(workspace):
    """Does unticking every box store an empty list (an answer, not a missing one)?"""
    widget = course.show(MULTI_G.id)
    widget.select("globalisasi")
    widget.select()
    assert stored(workspace) == {MULTI_G.id: []}
    assert _read_multiple(restart_and_show(MULTI_G.id)) == []


def test_classification_unassign_and_reject(workspace):
    """Does assign(entry, None) drop that entry, and an unknown category raise?"""
    widget = course.show(CLASS_G.id)
    widget.assign("sumber_kekuatan", "oed")
    widget.assign("jalur_lain", "palgrave")
    widget.assign("sumber_kekuatan", None)
    assert stored(workspace) == {CLASS_G.id: {"jalur_lain": "palgrave"}}
    with pytest.raises(ValueError):
        widget.assign("jalur_lain", "asing")
    with pytest.raises(ValueError):
        widget.assign("asing", "oed")
    assert stored(workspace) == {CLASS_G.id: {"jalur_lain": "palgrave"}}


# ordering -----------------------------------------------------------------------------------

def test_ordering_twins(workspace):
    """Do move_up, move_down, arrange and confirm each save the order they show?"""
    ids = ORDER_G.choice_ids()
    widget = course.show(ORDER_G.id)
    assert widget.order == ids

    widget.move_up(ids[0])  # already first: nothing moves, nothing is saved
    assert widget.order == ids
    assert not (workspace / STORE_NAME).exists()

    widget.confirm()
    assert stored(workspace)[ORDER_G.id] == ids

    widget.move_up(ids[2])
    expected = [ids[0], ids[2], ids[1], *ids[3:]]
    assert widget.order == expected == stored(workspace)[ORDER_G.id]

    widget.move_down(ids[0])
    expected = [ids[2], ids[0], ids[1], *ids[3:]]
    assert widget.order == expected == stored(workspace)[ORDER_G.id]

    widget.move_down(expected[-1])  # already last
    assert stored(workspace)[ORDER_G.id] == expected

    target = GRADED_KEYS[ORDER_G.id]["key"]
    widget.arrange(target)
    assert widget.order == target == stored(workspace)[ORDER_G.id]
    assert _read_ordering(widget) == target

    with pytest.raises(ValueError):
        widget.arrange(target[:-1])
    with pytest.raises(ValueError):
        widget.move_up("asing")
    assert stored(workspace)[ORDER_G.id] == target
    assert _read_ordering(restart_and_show(ORDER_G.id)) == target


def test_ordering_buttons_disabled_at_the_ends(workspace):
    """Are "Naik" on the first row and "Turun" on the last row disabled?"""
    widget = course.show(ORDER_G.id)
    rows = widget.control.children[1].children
    assert rows[0].children[1].disabled and not rows[0].children[2].disabled
    assert rows[-1].children[2].disabled and not rows[-1].children[1].disabled


# numbers and text ---------------------------------------------------------------------------

def test_numeric_parsing_and_rejection(workspace):
    """Are "1796", "1.796" and "2,5" stored as numbers and "abc" refused, keeping the last number?"""
    widget = course.show(NUMBER_G.id)
    widget.enter("1796")
    assert stored(workspace) == {NUMBER_G.id: 1796}
    widget.enter("1.796")
    assert stored(workspace) == {NUMBER_G.id: 1796}
    assert isinstance(stored(workspace)[NUMBER_G.id], int)
    widget.enter("2,5")
    assert stored(workspace) == {NUMBER_G.id: 2.5}
    assert SAVED.match(widget.status_text)

    before = file_state(workspace)
    widget.enter("abc")
    assert "bukan angka" in widget.status_text
    assert "abc" in widget.status_text
    assert stored(workspace) == {NUMBER_G.id: 2.5}
    assert widget.answer == 2.5
    assert file_state(workspace) == before


@pytest.mark.parametrize(
    "text, number",
    [("1796", 1796), ("1.796", 1796), ("2,5", 2.5), ("2.5", 2.5), ("1.234,5", 1234.5), (" -3 ", -3),
     ("abc", None), ("", None), ("1,2,3", None), ("nan", None), ("inf", None)],
)
def test_parse_number(text, number):
    """Does parse_number read Indonesian and English numbers and refuse the rest?"""
    result = parse_number(text)
    assert result == number
    assert type(result) is type(number)


def test_numeric_restore_shows_exact_decimal(workspace):
    """Does a restored numeric widget show a decimal with more than six digits exactly as stored?"""
    widget = course.show(NUMBER_G.id)
    widget.enter("12345,67")
    assert stored(workspace) == {NUMBER_G.id: 12345.67}
    restored = restart_and_show(NUMBER_G.id)
    assert parse_number(_read_text_box(restored)) == 12345.67


def test_short_text_too_long_not_saved(workspace):
    """Is a short text over the limit refused with a message, keeping the earlier answer?"""
    widget = course.show(SHORT_G.id)
    widget.enter("protodiplomasi")
    widget.enter("x" * 201)
    assert "terlalu panjang" in widget.status_text
    assert stored(workspace) == {SHORT_G.id: "protodiplomasi"}


def test_reflection_word_count(workspace):
    """Does a reflection show its word count with the minimum, live and after a restore?"""
    widget = course.show(REFLECT_G.id)
    assert f"0 kata (minimal {REFLECT_G.min_words})" in all_texts(widget)
    widget.enter("satu dua  tiga\nempat")
    assert f"4 kata (minimal {REFLECT_G.min_words})" in all_texts(widget)
    restored = restart_and_show(REFLECT_G.id)
    assert f"4 kata (minimal {REFLECT_G.min_words})" in all_texts(restored)


# practice feedback --------------------------------------------------------------------------

def _practice_classification():
    """The graded classification item turned into a practice item with its key (no such item in sm1)."""
    return dataclasses.replace(
        CLASS_G, mode="latihan", points=0.0, key=GRADED_KEYS[CLASS_G.id]["key"], explanation="Lihat Bagian 4."
    )


def test_single_choice_practice_verdicts(workspace):
    """Does a practice single choice say Benar for the key and Belum tepat otherwise, with Pembahasan?"""
    widget = course.show(SINGLE_P.id)
    assert hasattr(widget, "check_button")
    assert widget.check().startswith("Jawab dulu")
    assert not (workspace / STORE_NAME).exists()

    widget.choose(SINGLE_P.key)
    text = widget.check()
    assert text.startswith("\u2714 Benar")
    assert "Pembahasan" in text and SINGLE_P.explanation in text
    assert SINGLE_P.feedback[SINGLE_P.key] in text
    assert "Benar" in widget.feedback.value

    wrong = next(option for option in SINGLE_P.choice_ids() if option != SINGLE_P.key)
    widget.choose(wrong)
    assert widget.feedback_text == "", "a changed answer clears the old verdict"
    text = widget.check()
    assert text.startswith("\u2718 Belum tepat")
    assert "Pembahasan" in text
    assert SINGLE_P.feedback[wrong] in text


def test_multiple_select_practice_verdicts(workspace):
    """Does a practice multiple select say Benar, Sebagian benar or Belum tepat by its score?"""
    key = list(MULTI_P.key)
    wrong = [option for option in MULTI_P.choice_ids() if option not in key]
    widget = course.show(MULTI_P.id)

    widget.select(*key)
    assert widget.check().startswith("\u2714 Benar")
    widget.select(*key[:-1])
    text = widget.check()
    assert text.startswith("\u25d0 Sebagian benar")
    assert "Pembahasan" in text
    widget.select(*wrong)
    assert widget.check().startswith("\u2718 Belum tepat")
    widget.select(*MULTI_P.choice_ids())  # everything ticked: a strategy that ignores the question earns nothing
    assert widget.check().startswith("\u2718 Belum tepat")


def test_classification_practice_verdicts(workspace):
    """Does a practice classification report right, partly right (with the count) and wrong?"""
    item = _practice_classification()
    widget = Classification(item, _base.store_for(ASSIGNMENT))
    assert widget.check().startswith("Jawab dulu")
    categories = [category["id"] for category in item.categories]

    for entry, category in item.key.items():
        widget.assign(entry, category)
    text = widget.check()
    assert text.startswith("\u2714 Benar") and "Pembahasan: Lihat Bagian 4." in text

    first = next(iter(item.key))
    other = next(category for category in categories if category != item.key[first])
    widget.assign(first, other)
    text = widget.check()
    assert text.startswith("\u25d0 Sebagian benar")
    assert f"{len(item.key) - 1} dari {len(item.key)} tepat." in text
    assert "Pembahasan" in text

    for entry, category in item.key.items():
        widget.assign(entry, next(c for c in categories if c != category))
    assert widget.check().startswith("\u2718 Belum tepat")
    assert stored(workspace)[item.id] == {entry: widget._menus[entry].value for entry in item.key}


def test_practice_reflection_cannot_be_checked(workspace):
    """Is a practice reflection without a key shown without a Periksa button?"""
    widget = course.show(REFLECT_P.id)
    widget.enter("teks")
    assert not hasattr(widget, "check_button")
    with pytest.raises(TypeError):
        widget.check()


# graded items reveal nothing ----------------------------------------------------------------

def _right_answer(item_id: str):
    key = GRADED_KEYS[item_id]["key"]
    if isinstance(key, dict) and "accepted" in key:
        return key["accepted"][0]
    if isinstance(key, dict) and set(key) == {"value", "tolerance"}:
        return key["value"]
    return key


def _answer_right(widget):
    item = widget.item
    answer = _right_answer(item.id)
    if item.kind == "single_choice":
        widget.choose(answer)
    elif item.kind == "multiple_select":
        widget.select(*answer)
    elif item.kind == "classification":
        for entry, category in answer.items():
            widget.assign(entry, category)
    elif item.kind == "ordering":
        widget.arrange(answer)
    elif item.kind == "numeric":
        widget.enter(str(answer))
    else:
        widget.enter(answer)
    return answer


GRADED = [item for item in BANK if not item.is_practice]


@pytest.mark.parametrize("item", GRADED, ids=lambda item: item.id)
def test_graded_item_reveals_nothing(workspace, item):
    """Does a graded widget only say "Jawaban tersimpan", with no check and no verdict anywhere?"""
    widget = course.show(item.id)
    if item.kind == "reflection":
        widget.enter(REFLECTION_TEXT)
    else:
        answer = _answer_right(widget)
        assert stored(workspace)[item.id] == answer

    assert SAVED.match(widget.status_text), widget.status_text
    assert widget.feedback_text == ""
    assert not hasattr(widget, "check_button")
    assert not any(isinstance(node, widgets.Button) and node.description == "Periksa" for node in widget.children)
    with pytest.raises(TypeError):
        widget.check()
    texts = all_texts(widget)
    for word in ("Benar", "Belum tepat", "Sebagian benar", "Pembahasan"):
        assert word not in texts
        assert word not in widget.status_text


# corrupt store, language, unknown items -----------------------------------------------------

def test_corrupt_store_announced_once(workspace):
    """Does the first widget shown warn that jawaban.json was damaged and where it was kept?"""
    raw = b'{"schema_version": 1, "answers": {"sm1.asal_istilah": '
    (workspace / STORE_NAME).write_bytes(raw)

    first = course.show(SINGLE_G.id)
    aside = sorted(workspace.glob("jawaban.rusak-*.json"))
    assert len(aside) == 1 and aside[0].read_bytes() == raw
    alerts = [child for child in first.children if isinstance(child, widgets.HTML) and 'role="alert"' in child.value]
    assert len(alerts) == 1
    assert "rusak" in alerts[0].value and aside[0].name in alerts[0].value
    assert first.answer is None

    second = course.show(MULTI_G.id)
    assert 'role="alert"' not in all_texts(second)

    first.choose("a")
    assert stored(workspace) == {SINGLE_G.id: "a"}
    assert aside[0].read_bytes() == raw


def test_corruption_found_while_saving_is_announced(workspace):
    """When a save finds jawaban.json damaged (after the widget was shown), is the participant told?"""
    widget = course.show(SINGLE_G.id)
    widget.choose("a")
    (workspace / STORE_NAME).write_bytes(b"{ rusak")
    widget.choose("b")

    aside = sorted(workspace.glob("jawaban.rusak-*.json"))
    assert len(aside) == 1 and aside[0].read_bytes() == b"{ rusak"
    assert stored(workspace) == {SINGLE_G.id: "b"}
    assert aside[0].name in all_texts(widget) or aside[0].name in widget.status_text


def test_english_status(workspace):
    """Does set_language("en") make the status say "Answer saved (HH:MM)"?"""
    course.set_language("en")
    widget = course.show(SINGLE_G.id)
    assert widget.status_text == "Not answered yet"
    widget.choose("a")
    assert re.fullmatch(r"Answer saved \(\d{2}:\d{2}\)", widget.status_text)
    assert "Graded item" in all_texts(widget)


def test_set_language_rejects_unknown():
    """Is an unsupported language refused, keeping the current one?"""
    with pytest.raises(ValueError):
        course.set_language("fr")
    assert course.get_language() == "id"


@pytest.mark.parametrize("item_id", ["sm9.tidak_ada", "sm1.tidak_ada", "tanpa_titik"])
def test_unknown_item_shown_as_problem(workspace, item_id):
    """Does show() of an unknown id return a notice naming it, instead of raising?"""
    shown = course.show(item_id)
    bundle = shown._repr_mimebundle_()
    assert item_id in bundle["text/plain"]
    assert "tidak ditemukan" in bundle["text/plain"]
    assert 'role="alert"' in bundle["text/html"]
    assert not (workspace / STORE_NAME).exists()


# grading mode -------------------------------------------------------------------------------

def test_grading_mode_shows_summary(workspace, monkeypatch):
    """Under nbgrader, does show() give a static summary containing the stored answer?"""
    store = AnswerStore(workspace, assignment=ASSIGNMENT)
    store.save(SINGLE_G.id, "a")
    store.save(REFLECT_G.id, REFLECTION_TEXT)
    store.save(NUMBER_G.id, 1796)
    store.save(ORDER_G.id, GRADED_KEYS[ORDER_G.id]["key"])
    before = file_state(workspace)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")

    summary = course.show(SINGLE_G.id)
    assert isinstance(summary, AnswerSummary)
    text = summary._repr_mimebundle_()["text/plain"]
    assert SINGLE_G.text_of("a") in text and SINGLE_G.id in text

    assert REFLECTION_TEXT in course.show(REFLECT_G.id)._repr_mimebundle_()["text/plain"]
    assert "1796" in course.show(NUMBER_G.id)._repr_mimebundle_()["text/plain"]
    order_text = course.show(ORDER_G.id)._repr_mimebundle_()["text/plain"]
    assert " \u2192 ".join(ORDER_G.text_of(entry) for entry in GRADED_KEYS[ORDER_G.id]["key"]) in order_text
    assert "(tidak ada jawaban)" in course.show(SHORT_G.id)._repr_mimebundle_()["text/plain"]
    assert file_state(workspace) == before


# grade() and pending() ----------------------------------------------------------------------

AUTO_GRADED = [item for item in GRADED if item.kind != "reflection"]


def _points_of(score: Score) -> float:
    return float(score._repr_mimebundle_()["text/plain"])


@pytest.mark.parametrize("item", AUTO_GRADED, ids=lambda item: item.id)
def test_grade_right_answer_earns_points(workspace, item, capsys):
    """Does a right stored answer earn the item's full points, shown as a plain number?"""
    AnswerStore(workspace, assignment=ASSIGNMENT).save(item.id, _right_answer(item.id))
    entry = GRADED_KEYS[item.id]
    score = course.grade(item.id, entry["key"], entry["points"])
    assert isinstance(score, Score)
    assert _points_of(score) == pytest.approx(entry["points"])
    assert float(score) == pytest.approx(entry["points"])
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


def test_grade_partial_credit_is_a_number(workspace):
    """Does a partly right classification earn points × fraction, readable as a float?"""
    item_id = "sm1.klasifikasi_kegiatan"
    entry = GRADED_KEYS[item_id]
    answer = dict(entry["key"])
    first = next(iter(answer))
    answer[first] = "tidak_ada"
    AnswerStore(workspace, assignment=ASSIGNMENT).save(item_id, answer)
    score = course.grade(item_id, entry["key"], entry["points"])
    assert _points_of(score) == pytest.approx(round(entry["points"] * (len(answer) - 1) / len(answer), 4))


def test_grade_missing_store_is_zero(workspace):
    """Does grading with no jawaban.json give 0?"""
    entry = GRADED_KEYS[SINGLE_G.id]
    assert _points_of(course.grade(SINGLE_G.id, entry["key"], entry["points"])) == 0.0
    assert not (workspace / STORE_NAME).exists()


def test_grade_corrupt_store_is_zero_and_untouched(workspace, capsys):
    """Does grading a corrupt jawaban.json give 0 without moving it or writing to stderr?"""
    raw = b'{"schema_version": 1, "answers": {"sm1.asal_istilah": {"value": "a"'
    (workspace / STORE_NAME).write_bytes(raw)
    entry = GRADED_KEYS[SINGLE_G.id]
    assert _points_of(course.grade(SINGLE_G.id, entry["key"], entry["points"])) == 0.0
    assert (workspace / STORE_NAME).read_bytes() == raw
    assert list(workspace.glob("jawaban.rusak-*.json")) == []
    assert capsys.readouterr().err == ""


WRONG_TYPES = [
    (SINGLE_G.id, ["a"]),
    (NUMBER_G.id, "1796"),
    (NUMBER_G.id, True),
    (MULTI_G.id, "globalisasi"),
    (CLASS_G.id, ["berridge2022"]),
    (ORDER_G.id, {"burke": 1}),
    (SHORT_G.id, ["protodiplomasi"]),
    (SINGLE_G.id, {"nested": [["a"]]}),
]


@pytest.mark.parametrize("item_id, value", WRONG_TYPES, ids=[f"{i}-{v!r:.20}" for i, v in WRONG_TYPES])
def test_grade_wrong_type_is_zero(workspace, item_id, value):
    """Does a stored answer of the wrong type score 0 rather than raise?"""
    AnswerStore(workspace, assignment=ASSIGNMENT).save(item_id, value)
    entry = GRADED_KEYS[item_id]
    assert _points_of(course.grade(item_id, entry["key"], entry["points"])) == 0.0


def test_grade_huge_number_in_store_is_zero(workspace, capsys):
    """Does a tampered store holding an integer too large for a float score 0 rather than raise?"""
    (workspace / STORE_NAME).write_text(
        '{"schema_version": 1, "assignment": "sm1_diplomasi", "answers": {"%s": {"value": 1%s}}}'
        % (NUMBER_G.id, "0" * 400),
        encoding="utf-8",
    )
    entry = GRADED_KEYS[NUMBER_G.id]
    assert _points_of(course.grade(NUMBER_G.id, entry["key"], entry["points"])) == 0.0


def test_grade_reads_given_store_path(workspace, tmp_path_factory):
    """Does grade() read the store_path it is given rather than the cwd's file?"""
    elsewhere = tmp_path_factory.mktemp("lain")
    AnswerStore(elsewhere).save(SINGLE_G.id, "a")
    AnswerStore(workspace).save(SINGLE_G.id, "b")
    entry = GRADED_KEYS[SINGLE_G.id]
    assert _points_of(course.grade(SINGLE_G.id, entry["key"], 1, store_path=elsewhere / STORE_NAME)) == 1.0
    assert _points_of(course.grade(SINGLE_G.id, entry["key"], 1)) == 0.0


def test_pending_shows_zero():
    """Does pending() show "0" to nbgrader and a note about later grading?"""
    bundle = course.pending(SINGLE_G.id)._repr_mimebundle_()
    assert bundle["text/plain"] == "0"
    assert "dinilai setelah" in bundle["text/html"]


@pytest.mark.parametrize(
    "item_id, key",
    [
        (SINGLE_G.id, "z"),
        (NUMBER_G.id, {"value": 1796}),
        (ORDER_G.id, ORDER_G.choice_ids()[:-1]),
        (CLASS_G.id, {"sumber_kekuatan": "oed"}),
        (SHORT_G.id, {"accepted": []}),
        (REFLECT_G.id, None),
        (MULTI_G.id, [["globalisasi"]]),
    ],
    ids=["single", "numeric", "ordering", "classification", "short_text", "reflection", "unhashable"],
)
def test_grade_malformed_key_raises_bank_error(workspace, item_id, key):
    """Does grade() with a malformed key raise BankError (so validating the source fails)?"""
    AnswerStore(workspace).save(item_id, "apa saja")
    with pytest.raises(BankError):
        course.grade(item_id, key, 1)


def test_grade_unknown_item_raises(workspace):
    """Does grade() of an id no bank declares raise KeyError?"""
    with pytest.raises(KeyError):
        course.grade("sm9.tidak_ada", "a", 1)


@pytest.mark.parametrize("points", [0, -1, "1", None])
def test_grade_bad_points_raise(workspace, points):
    """Does grade() refuse zero, negative or non-numeric points?"""
    with pytest.raises(ValueError):
        course.grade(SINGLE_G.id, "a", points)


# saving while typing ------------------------------------------------------------------------

TEN_WORDS = "Diplomasi kota adalah kerja sama luar negeri oleh pemerintah daerah"


def count_saves(monkeypatch, widget) -> list:
    """Wrap the widget's store.save: the list gets (monotonic time, value) of every save."""
    import time

    saves = []
    save = widget.store.save

    def counting(item_id, value):
        saves.append((time.monotonic(), value))
        return save(item_id, value)

    monkeypatch.setattr(widget.store, "save", counting)
    return saves


def wait_for(condition, seconds: float = 3.0) -> bool:
    import time

    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


@pytest.mark.parametrize("item, text, value", [
    (REFLECT_G, TEN_WORDS, TEN_WORDS),
    (SHORT_G, "Protodiplomasi", "Protodiplomasi"),
    (NUMBER_G, "1.796,5", 1796.5),
], ids=["reflection", "short_text", "numeric"])
def test_typing_saves_a_few_times_and_the_last_text(workspace, monkeypatch, item, text, value):
    """Does typing key by key save at most twice (first key, then one trailing save), ending with the full text and "Jawaban tersimpan (HH:MM)"?"""
    assert len(TEN_WORDS.split()) == 10
    import time

    widget = course.show(item.id)
    saves = count_saves(monkeypatch, widget)
    start = time.monotonic()
    widget.type_text(text)  # one change per character, as the browser sends them
    typing = time.monotonic() - start

    if typing < 0.4:  # a loaded machine may take longer to type: then a second save during typing is right
        assert len(saves) == 1, "the first key saves at once, the rest wait for the trailing save"
    # the trailing save runs on a timer thread: the file is written a moment before widget.answer is set
    assert wait_for(lambda: stored(workspace).get(item.id) == value and widget.answer == value), stored(workspace)
    assert len(saves) <= 2 + 2 * typing and saves[-1][1] == value
    assert SAVED.match(widget.status_text), widget.status_text
    assert _read_text_box(restart_and_show(item.id)) == widget._as_text(value)


def test_steady_typing_saves_at_most_twice_a_second(workspace, monkeypatch):
    """Typing 60 characters at 50 per second, are saves at least 0.5 s apart, and is the last one the full text?"""
    import time

    text = TEN_WORDS[:60]
    widget = course.show(REFLECT_G.id)
    saves = count_saves(monkeypatch, widget)
    start = time.monotonic()
    for character in text:
        widget.type_text(character)
        time.sleep(0.02)
    typing = time.monotonic() - start
    assert wait_for(lambda: stored(workspace).get(REFLECT_G.id) == text)

    gaps = [later - earlier for (earlier, _), (later, _) in zip(saves, saves[1:])]
    assert all(gap >= 0.45 for gap in gaps), gaps
    assert len(saves) <= typing / 0.5 + 2, (len(saves), typing)
    assert saves[-1][1] == text


def test_flush_saves_a_waiting_text_at_once(workspace, monkeypatch):
    """Does flush() save what still waits at once, with no second save when the timer would have fired?"""
    import time

    widget = course.show(SHORT_G.id)
    saves = count_saves(monkeypatch, widget)
    widget.type_text("utusan")
    assert stored(workspace)[SHORT_G.id] == "u"
    assert widget.flush() is True
    assert stored(workspace)[SHORT_G.id] == "utusan"
    assert widget.flush() is None, "nothing waits any more"
    time.sleep(0.7)
    assert [value for _, value in saves] == ["u", "utusan"]


def test_refused_text_keeps_the_waiting_one(workspace):
    """When typing goes past the limit, is the last text within it saved and the warning left standing?"""
    import time

    widget = course.show(SHORT_G.id)
    widget.type_text("x" * 200)
    widget.type_text("y")
    assert stored(workspace)[SHORT_G.id] == "x" * 200
    assert "terlalu panjang" in widget.status_text
    time.sleep(0.7)
    assert "terlalu panjang" in widget.status_text


PENDING_AT_EXIT = """
import os, sys
os.chdir(sys.argv[1])
import course
widget = course.show(sys.argv[2])
widget.type_text(sys.argv[3])
assert widget._waiting is not None
"""


def test_waiting_text_saved_when_the_kernel_exits(workspace):
    """Does a process that exits normally right after typing (before the trailing save) still save the full text (atexit)?"""
    import os
    import subprocess
    import sys

    environment = dict(os.environ, PYTHONPATH=str(ROOT))
    environment.pop("NBGRADER_EXECUTION", None)
    result = subprocess.run(
        [sys.executable, "-c", PENDING_AT_EXIT, str(workspace), REFLECT_G.id, TEN_WORDS],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert stored(workspace) == {REFLECT_G.id: TEN_WORDS}


KERNEL_SETUP = """
import course
widget = course.show({item_id!r})
box = widget.control.children[0]
saves = []
_save = widget.store.save
widget.store.save = lambda item_id, value: (saves.append(value), _save(item_id, value))[1]
print(box.model_id)
"""


def test_trailing_save_in_a_real_kernel(workspace):
    """In a real ipykernel fed keystrokes as the browser sends them (comm messages), does the trailing save run on the
    kernel's loop, and is text typed just before the kernel shuts down saved?"""
    import os
    import time

    from jupyter_client.manager import start_new_kernel

    environment = dict(os.environ, PYTHONPATH=str(ROOT))
    environment.pop("NBGRADER_EXECUTION", None)
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(workspace), env=environment)
    try:
        def run(code: str) -> str:
            reply = client.execute_interactive(code, timeout=60, output_hook=lambda message: outputs.append(message))
            assert reply["content"]["status"] == "ok", reply["content"]
            return "".join(m["content"].get("text", "") for m in outputs if m["msg_type"] == "stream")

        outputs: list = []
        model_id = run(KERNEL_SETUP.format(item_id=REFLECT_G.id)).strip()

        def type_in_browser(text: str) -> None:
            for end in range(1, len(text) + 1):
                state = {"value": text[:end]}
                client.shell_channel.send(client.session.msg(
                    "comm_msg", {"comm_id": model_id, "data": {"method": "update", "state": state, "buffer_paths": []}}
                ))

        type_in_browser(TEN_WORDS)
        assert wait_for(lambda: stored(workspace).get(REFLECT_G.id) == TEN_WORDS, seconds=20), stored(workspace)
        time.sleep(0.3)
        outputs.clear()
        assert SAVED.match(run("print(widget.status_text)").strip())
        outputs.clear()
        assert int(run("print(len(saves))")) <= 3, f"{len(TEN_WORDS)} keystrokes"
        outputs.clear()
        handle = run("from course.widgets._base import _call_later\nprint(type(_call_later(0, lambda: None)).__name__)")
        assert handle.strip() == "TimerHandle", "the kernel's asyncio loop, not a timer thread"

        type_in_browser(TEN_WORDS + " dan kota")
        run("pass")  # every keystroke handled; the trailing save still waits
        manager.shutdown_kernel(now=False)  # a normal close: atexit saves what waits
        assert stored(workspace) == {REFLECT_G.id: TEN_WORDS + " dan kota"}
    finally:
        client.stop_channels()
        if manager.is_alive():
            manager.shutdown_kernel(now=True)


def _type_into(box, text: str) -> None:
    """Key by key, as the browser sends a text box's changes."""
    for end in range(1, len(text) + 1):
        box.value = text[:end]


def _structured(widget):
    return next(iter(widget._boxes.values()))


def _actor_name(widget):
    widget.add(category=widget.item.categories[0]["id"] if isinstance(widget.item.categories[0], dict)
               else widget.item.categories[0])
    return widget._rows_box.children[-1].name


@pytest.mark.parametrize("item_id, box_of, read", [
    ("sm3.praktik_daerah", _structured, lambda value: value[course.find_item("sm3.praktik_daerah").fields[0]["id"]]),
    ("sm2.peta_aktor", _actor_name, lambda value: value[-1]["name"]),
    ("sm3.eksplorasi_coupling", lambda widget: widget._name, lambda value: value["region_name"]),
], ids=["structured_reflection", "actor_map", "coupling_explorer"])
def test_every_typed_box_saves_a_few_times_and_the_last_text(workspace, monkeypatch, item_id, box_of, read):
    """Typing 38 characters into a structured reflection, an actor's name or a region's name: at most two saves
    a second while typing, and the full text stored in the end?"""
    import time

    text = "Kabupaten Bintan, Kepulauan Riau, 2026"
    widget = course.show(item_id)
    box = box_of(widget)
    widget.flush()
    saves = count_saves(monkeypatch, widget)
    start = time.monotonic()
    _type_into(box, text)
    typing = time.monotonic() - start  # the coupling explorer redraws its chart on every key: typing takes time
    assert wait_for(lambda: item_id in stored(workspace) and read(stored(workspace)[item_id]) == text)
    assert len(saves) <= 2 + 2 * typing, (len(saves), typing)
    assert len(saves) < len(text) / 4


# keyboard, names and labels (issue 14) ------------------------------------------------------------

def _tree(widget):
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from _tree(child)


@pytest.mark.parametrize("item", [SINGLE_P, MULTI_G, CLASS_G, ORDER_G, NUMBER_G, SHORT_G, REFLECT_G], ids=lambda item: item.kind)
def test_every_item_carries_the_keyboard_scope_once(workspace, item):
    """Is the invisible front-end piece (keys stay in the item, changes announced) the item's last child, once?"""
    from course.widgets._scope import ESM, ItemScope

    widget = course.show(item.id)
    scopes = [child for child in _tree(widget) if isinstance(child, ItemScope)]
    assert scopes == [widget.children[-1]] and scopes[0].layout.display == "none"
    assert "data-lm-suppress-shortcuts" in ESM and 'aria-live", "polite"' in ESM
    assert "kursus-live" in widget.status._dom_classes and "kursus-live" in widget.feedback._dom_classes


def test_ordering_keeps_its_buttons_when_rows_move(workspace):
    """After a move, are the same button widgets shown (so keyboard focus stays), with texts and tooltips updated?"""
    ids = ORDER_G.choice_ids()
    widget = course.show(ORDER_G.id)
    rows = widget.control.children[1].children
    buttons = [button for row in rows for button in row.children[1:]]
    rows[0].children[2].click()  # "Turun" of the first row
    assert widget.order == [ids[1], ids[0], *ids[2:]] == stored(workspace)[ORDER_G.id]
    assert [button for row in widget.control.children[1].children for button in row.children[1:]] == buttons
    assert rows[0].children[2].tooltip == f"Turunkan: {ORDER_G.text_of(ids[1])}"
    rows[1].children[2].click()  # the first entry, now second, goes on down
    assert widget.order == [ids[1], ids[2], ids[0], *ids[3:]]


def test_drop_downs_and_text_boxes_are_named_by_visible_labels(workspace):
    """Is each drop-down labelled with its entry and each text box with "Jawaban Anda" (no unnamed control)?"""
    menus = course.show(CLASS_G.id).control.children
    assert [menu.description for menu in menus] == [entry["text"] for entry in CLASS_G.entries]
    assert all("kursus-menu" in menu._dom_classes for menu in menus)
    for item in (NUMBER_G, SHORT_G, REFLECT_G):
        widget = course.show(item.id)
        assert widget._box.description == "Jawaban Anda"


def test_entry_texts_are_escaped(workspace):
    """Is an entry with markup characters shown as text in the ordering rows?"""
    item = dataclasses.replace(ORDER_G, entries=({"id": "a", "text": "Biaya <5% & risiko"}, *ORDER_G.entries[1:]))
    widget = _base_widget(item)
    assert widget.control.children[1].children[0].children[0].value == "<b>1.</b> Biaya &lt;5% &amp; risiko"


def _base_widget(item):
    from course.kinds import widget_class
    from course.widgets import store_for

    return widget_class(item)(item, store_for(ASSIGNMENT))


def test_warning_prefix_follows_the_language(workspace):
    """Is the alert prefix one word in the participant's language (it was "Perhatian / Warning")?"""
    from course.widgets._base import _alert

    assert "Perhatian:" in _alert("x").value and "Warning" not in _alert("x").value
    course.set_language("en")
    assert "Warning:" in _alert("x").value and "Perhatian" not in _alert("x").value
