"""The structured reflection without a browser: one box per field, saved together, restored, limited, summarised."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import ipywidgets as widgets
import pytest

import course
from course.bank import Item
from course.display import AnswerSummary
from course.store import STORE_NAME, AnswerStore
from course.widgets import StructuredReflection

from .conftest import store_file_state, stored_value

SAVED = re.compile(r"^Jawaban tersimpan \((\d{2}):(\d{2})\)$")
FIELDS = (
    {"id": "masalah", "text": "Masalah tata kelola yang dialami daerah Anda"},
    {"id": "penyebab", "text": "Penyebabnya"},
    {"id": "tindak_lanjut", "text": "Tindak lanjut yang Anda usulkan (siapa, apa, kapan)"},
)
ITEM = Item(
    id="sm4.refleksi_uji", kind="structured_reflection", mode="penilaian", objective="T4", points=3,
    prompt="**Refleksi terstruktur.** Isi ketiga kotak.", fields=FIELDS, min_words=40,
    placeholder="Tulis di sini\u2026",
)
TOO_LONG = "Belum tersimpan: jawaban terlalu panjang (maksimal 8000 karakter)."


pytestmark = pytest.mark.usefixtures("workspace")  # fresh folder and store cache (conftest)


@pytest.fixture
def store(workspace):
    return AnswerStore(workspace, assignment="sm4_tata_kelola")


def stored(folder: Path):
    return stored_value(folder, ITEM.id)


def boxes(widget) -> dict:
    return {field_id: box.value for field_id, box in widget._boxes.items()}


def count_text(widget) -> str:
    return re.sub(r"<[^>]+>", "", widget._count.value)


def test_one_labelled_box_per_field(workspace, store):
    """Does each field get a bold label followed by its own empty text box, then the word count?"""
    widget = StructuredReflection(ITEM, store)
    parts = widget.control.children
    assert len(parts) == 2 * len(FIELDS) + 1
    for number, field in enumerate(FIELDS):
        label, box = parts[2 * number], parts[2 * number + 1]
        assert label.value == f"<b>{field['text']}</b>"
        assert isinstance(box, widgets.Textarea)
        assert box is widget._boxes[field["id"]]
        assert (box.value, box.placeholder) == ("", "Tulis di sini\u2026")
    assert parts[-1] is widget._count
    assert count_text(widget) == "0 kata (minimal 40)"
    assert widget.status_text == "Belum dijawab"
    assert not (workspace / STORE_NAME).exists()


def test_label_is_escaped(workspace, store):
    """Is a field label with markup characters shown as text, not as HTML?"""
    item = dataclasses.replace(ITEM, fields=({"id": "a", "text": "Biaya <5% & risiko"},))
    widget = StructuredReflection(item, store)
    assert widget.control.children[0].value == "<b>Biaya &lt;5% &amp; risiko</b>"


def test_enter_saves_every_field(workspace, store):
    """Does enter() store {field id: text} for all fields, empty ones included, with the saved time?"""
    widget = StructuredReflection(ITEM, store)
    widget.enter("penyebab", "Dokumen legal tidak dipahami.")
    assert stored(workspace) == {"masalah": "", "penyebab": "Dokumen legal tidak dipahami.", "tindak_lanjut": ""}
    widget.enter("masalah", "Proyek air bersih terlambat.")
    expected = {"masalah": "Proyek air bersih terlambat.", "penyebab": "Dokumen legal tidak dipahami.",
                "tindak_lanjut": ""}
    assert stored(workspace) == expected
    assert widget.answer == expected
    match = SAVED.match(widget.status_text)
    assert match, widget.status_text
    saved_at = store.saved_at(ITEM.id)
    assert match.group(1, 2) == (f"{saved_at:%H}", f"{saved_at:%M}")


def test_unknown_field_raises(workspace, store):
    """Does enter() with a field the item does not have raise, saving nothing?"""
    widget = StructuredReflection(ITEM, store)
    with pytest.raises(KeyError):
        widget.enter("kesimpulan", "teks")
    assert not (workspace / STORE_NAME).exists()


def test_word_count_counts_all_boxes(workspace, store):
    """Does the word count add up the words of every box, live and after a restore?"""
    widget = StructuredReflection(ITEM, store)
    widget.enter("masalah", "satu dua  tiga")
    assert count_text(widget) == "3 kata (minimal 40)"
    widget.enter("penyebab", "empat\nlima")
    widget.enter("tindak_lanjut", "   enam   ")
    assert count_text(widget) == "6 kata (minimal 40)"
    assert count_text(StructuredReflection(ITEM, store)) == "6 kata (minimal 40)"


def test_restore_without_writing(workspace, store):
    """Does a second widget on the same store show every field's text without rewriting jawaban.json?"""
    first = StructuredReflection(ITEM, store)
    first.enter("masalah", "Masalah A")
    first.enter("tindak_lanjut", "Bappeda, rapat koordinasi, Maret")
    before, saved_at = store_file_state(workspace), store.saved_at(ITEM.id)
    second = StructuredReflection(ITEM, store)
    assert boxes(second) == {"masalah": "Masalah A", "penyebab": "",
                             "tindak_lanjut": "Bappeda, rapat koordinasi, Maret"}
    assert second.answer == stored(workspace)
    assert second.status_text == first.status_text
    assert store_file_state(workspace) == before, "restoring must not rewrite jawaban.json"
    assert store.saved_at(ITEM.id) == saved_at


@pytest.mark.parametrize("value, shown", [
    (["Masalah A", "Penyebab B"], {"masalah": "", "penyebab": "", "tindak_lanjut": ""}),
    ("Masalah A", {"masalah": "", "penyebab": "", "tindak_lanjut": ""}),
    ({"masalah": 7, "penyebab": None, "tindak_lanjut": ["x"]}, {"masalah": "", "penyebab": "", "tindak_lanjut": ""}),
    ({"masalah": "Masalah A", "penyebab": {"teks": "B"}, "kesimpulan": "asing"},
     {"masalah": "Masalah A", "penyebab": "", "tindak_lanjut": ""}),
], ids=["list", "text", "non_string_values", "unknown_field"])
def test_malformed_store_restores_known_text(workspace, store, value, shown):
    """Does a malformed stored value restore without crashing, showing only known string fields, untouched?"""
    store.save(ITEM.id, value)
    before = store_file_state(workspace)
    widget = StructuredReflection(ITEM, store)
    assert boxes(widget) == shown
    assert store_file_state(workspace) == before
    widget.enter("penyebab", "Penyebab baru")
    assert stored(workspace) == {**shown, "penyebab": "Penyebab baru"}, "the next edit stores a clean answer"


def test_too_long_not_saved(workspace, store):
    """Is a total over 8000 characters refused with a message, keeping the earlier answer in the file?"""
    widget = StructuredReflection(ITEM, store)
    widget.enter("masalah", "a" * 5000)
    widget.enter("penyebab", "b" * 3000)
    kept = {"masalah": "a" * 5000, "penyebab": "b" * 3000, "tindak_lanjut": ""}
    assert stored(workspace) == kept and SAVED.match(widget.status_text)
    before = store_file_state(workspace)
    widget.enter("tindak_lanjut", "c")
    assert widget.status_text == TOO_LONG
    assert TOO_LONG in widget.status.value
    assert store_file_state(workspace) == before
    assert widget.answer == kept
    widget.enter("penyebab", "b" * 2999)
    assert stored(workspace) == {"masalah": "a" * 5000, "penyebab": "b" * 2999, "tindak_lanjut": "c"}
    assert SAVED.match(widget.status_text)


def test_graded_header_and_no_check(workspace, store):
    """Does the graded item's header name kind, points and objective, with no Periksa button at all?"""
    widget = StructuredReflection(ITEM, store)
    headers = [child.value for child in widget.children if isinstance(child, widgets.HTML)]
    assert "<b>Soal penilaian \u00b7 Refleksi \u00b7 3 poin \u00b7 Tujuan pembelajaran T4</b>" in headers
    widget.enter("masalah", "teks")
    assert not hasattr(widget, "check_button")
    assert not any(isinstance(child, widgets.Button) for child in widget.children)
    with pytest.raises(TypeError):
        widget.check()


def test_practice_has_no_check_either(workspace, store):
    """Is a practice structured reflection (no key) also shown without a Periksa button?"""
    widget = StructuredReflection(dataclasses.replace(ITEM, mode="latihan", points=0.0), store)
    headers = [child.value for child in widget.children if isinstance(child, widgets.HTML)]
    assert "<b>Latihan \u00b7 Refleksi \u00b7 Tujuan pembelajaran T4</b>" in headers
    assert not hasattr(widget, "check_button")
    with pytest.raises(TypeError):
        widget.check()


def test_summary_shows_each_label_and_text(workspace):
    """Does the grading summary show every field label followed by the participant's text?"""
    value = {"masalah": "Proyek terlambat.", "penyebab": 5, "tindak_lanjut": "Bappeda\nrapat Maret"}
    text = AnswerSummary(ITEM, value)._repr_mimebundle_()["text/plain"]
    assert text == (
        "sm4.refleksi_uji \u2014 Jawaban peserta: "
        "Masalah tata kelola yang dialami daerah Anda:\nProyek terlambat.\n\n"
        "Penyebabnya:\n\n\n"
        "Tindak lanjut yang Anda usulkan (siapa, apa, kapan):\nBappeda\nrapat Maret"
    )
    html = AnswerSummary(ITEM, value)._repr_mimebundle_()["text/html"]
    assert "Tindak lanjut yang Anda usulkan (siapa, apa, kapan):\nBappeda\nrapat Maret" in html
    assert AnswerSummary(ITEM, None)._repr_mimebundle_()["text/plain"].endswith(": (tidak ada jawaban)")


def test_english_texts(workspace, store):
    """With set_language("en"), are the header, word count, status and too-long message in English?"""
    course.set_language("en")
    widget = StructuredReflection(ITEM, store)
    headers = [child.value for child in widget.children if isinstance(child, widgets.HTML)]
    assert "<b>Graded item \u00b7 Reflection \u00b7 3 points \u00b7 Learning objective T4</b>" in headers
    assert widget.status_text == "Not answered yet"
    widget.enter("masalah", "one two three")
    assert count_text(widget) == "3 words (at least 40)"
    assert re.fullmatch(r"Answer saved \(\d{2}:\d{2}\)", widget.status_text)
    widget.enter("penyebab", "x" * 8000)
    assert widget.status_text == "Not saved: the answer is too long (at most 8000 characters)."
