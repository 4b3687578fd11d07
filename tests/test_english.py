"""English mode: every text the widgets write is English; only the course material stays in Bahasa Indonesia."""

from __future__ import annotations

import html
import re

import ipywidgets as widgets
import pytest

import course
from course._messages import MESSAGES, message
from course.bank import all_banks
from course.negotiation import all_packages, load_scenarios, points, split_the_difference
from course.widgets import _base

pytestmark = pytest.mark.usefixtures("workspace")  # fresh folder, store cache, Indonesian to start with

# Words of the course's Indonesian interface (widgets, role-play, alerts), whether they come from
# _messages.py or were once written straight into a widget. None of them is also an English word.
UI_WORDS = {
    "jawaban", "tersimpan", "belum", "dijawab", "periksa", "benar", "sebagian", "tepat", "pembahasan", "latihan",
    "soal", "penilaian", "poin", "tujuan", "pembelajaran", "pilih", "naik", "turun", "naikkan", "turunkan",
    "simpan", "urutan", "susun", "tombol", "kata", "minimal", "tambah", "hapus", "aktor", "pengaruh",
    "kepentingan", "kategori", "refleksi", "peta", "eksplorasi", "permainan", "peran", "skenario", "lembar",
    "rahasia", "putaran", "tawaran", "balasan", "isu", "pilihan", "kesepakatan", "sepakat", "tercatat",
    "ajukan", "terima", "akhiri", "tanpa", "mulai", "lagi", "perhatian", "tim", "mitra", "pemerintah", "daerah",
    "nilai", "batas", "anda", "kami", "bagi", "dari", "untuk", "dengan", "dan", "atau", "yang", "tidak",
    "ada", "berkas", "hubungi", "instruktur", "nama", "perannya", "boleh", "dikosongkan", "memuat",
    "paling", "banyak", "hasil", "perundingan", "setiap", "opsi", "terbaik", "bernilai", "jika", "mendapat",
    "cukup", "usulan", "memerlukan", "karena", "lebih", "penting", "rendah", "bisa", "menerima", "tentang",
    "tetapi", "dulu", "lalu", "tekan", "terlalu", "panjang", "karakter", "bukan", "angka", "tulis", "misalnya",
}


def _indonesian_words() -> set[str]:
    """``UI_WORDS`` and every word of the Indonesian widget messages that is not also in their English texts.

    The figures' texts (``fig_*``, checked in tests/test_english_pages.py) are left out: the scenario id
    "pembangunan" is a dropdown value, not a word shown to people.
    """
    def words(text) -> set[str]:
        texts = text if isinstance(text, tuple) else (text,)
        return {word.casefold() for part in texts if isinstance(part, str) for word in re.findall(r"[^\W\d_]+", part)}

    entries = [entry for key, entry in MESSAGES.items() if not key.startswith("fig_")]
    indonesian = set().union(*(words(entry["id"]) for entry in entries))
    english = set().union(*(words(tuple(entry["en"])) if not isinstance(entry["en"], str) else words(entry["en"])
                            for entry in entries))
    return UI_WORDS | (indonesian - english - {"walk", "away", "jica", "marvel", "batman", "csv"})


INDONESIAN = _indonesian_words()


def _item(kind: str):
    """The first item of this kind in the installed banks (practice before graded, for the Check button)."""
    found = [item for bank in all_banks().values() for item in bank if item.kind == kind]
    return sorted(found, key=lambda item: not item.is_practice)[0]


def _material(widget) -> list[str]:
    """Course material shown by ``widget``: item texts and the role-play data (stays in Bahasa Indonesia)."""
    item = widget.item
    texts = [item.prompt, item.explanation, item.placeholder, item.unit, *item.feedback.values()]
    texts += [choice["text"] for group in (item.options, item.categories, item.entries, item.fields) for choice in group]
    for scene in load_scenarios().values():
        texts += [scene.title, scene.situation, *scene.roles.values(), *scene.briefs.values()]
        texts += [issue.title for issue in scene.issues] + [o.text for issue in scene.issues for o in issue.options]
    if item.kind == "coupling_explorer":
        texts += list(widget._titles.values())
    texts += [_plain(_base.render_markdown(text)) for text in (item.prompt, item.explanation) if text]
    return sorted({_plain(text) for text in texts if text}, key=len, reverse=True)


def _plain(text: str) -> str:
    """``text`` without tags, entities and repeated white space (no-break spaces included)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).replace("\u00a0", " ").split())


def widget_texts(widget) -> list[str]:
    """What a widget tree writes for people: HTML, descriptions, option labels, tooltips, placeholders.

    The prompt and explanation (rendered Markdown of course material) and charts (drawn by
    course/plots.py) are left out.
    """
    skip = {_base.render_markdown(widget.item.prompt)}
    if widget.item.explanation:
        skip.add(_base.render_markdown(widget.item.explanation))
    texts = []

    def walk(node):
        if isinstance(node, widgets.Output):
            return
        for name in ("value", "description", "placeholder", "tooltip"):
            value = getattr(node, name, None)
            if isinstance(value, str) and value not in skip and not value.startswith("<style>"):
                texts.append(value)
        texts.extend(str(label) for label in getattr(node, "_options_labels", ()) or ())
        texts.extend(str(tip) for tip in getattr(node, "tooltips", ()) or ())
        for child in getattr(node, "children", ()) or ():
            walk(child)

    walk(widget)
    return texts


def indonesian_left(widget) -> set[str]:
    text = "\n".join(_plain(text) for text in widget_texts(widget))
    for material in _material(widget):
        text = text.replace(material, " ")
    text = re.sub(r"\{[^}]*\}|\(\d\d:\d\d\)", " ", text)
    return {word for word in re.findall(r"[^\W\d_]+", text) if word.casefold() in INDONESIAN}


def _single(widget):
    widget.choose(widget.item.choice_ids()[-1])


def _multiple(widget):
    widget.select(widget.item.choice_ids()[0])


def _classify(widget):
    widget.assign(widget.item.entries[0]["id"], widget.item.categories[-1]["id"])


def _order(widget):
    widget.move_down(widget.item.choice_ids()[0])


def _structured(widget):
    widget.enter(widget.item.fields[0]["id"], "Example")


def _actors(widget):
    widget.add("JICA", widget.item.categories[0]["id"], 4, 5, role="Grants")


def _explore(widget):
    widget.set_asset(next(iter(widget._titles)), 4)


def _pair(widget):
    scene = next(iter(load_scenarios().values()))
    widget.choose("marvel", scene.id)
    widget.enter_deal(split_the_difference(scene))


def _solo(widget):
    scene = next(iter(load_scenarios().values()))
    widget.start(scene.id)
    worst = min(all_packages(scene), key=lambda package: points(scene, package, "batman"))
    for _round in range(scene.rounds):
        widget.propose(worst)
    widget.walk_away()


ACTIONS = {
    "single_choice": _single, "multiple_select": _multiple, "classification": _classify, "ordering": _order,
    "numeric": lambda widget: widget.enter("12,5"), "short_text": lambda widget: widget.enter("test"),
    "reflection": lambda widget: widget.enter("One two three."), "structured_reflection": _structured,
    "actor_map": _actors, "coupling_explorer": _explore, "negotiation_pair": _pair, "negotiation_solo": _solo,
}


def test_every_kind_is_covered():
    """Does this test act on every kind the course has?"""
    assert set(ACTIONS) == {item.kind for bank in all_banks().values() for item in bank}


@pytest.mark.parametrize("kind", sorted(ACTIONS))
def test_every_kind_speaks_english(kind):
    """With set_language("en"), shown, answered and checked: is no Indonesian UI word left in what the widget writes?"""
    course.set_language("en")
    item = _item(kind)
    widget = course.show(item.id)
    assert indonesian_left(widget) == set(), "fresh"
    ACTIONS[kind](widget)
    assert widget.status_text.startswith("Answer saved ("), widget.status_text
    if item.is_practice and not item.is_manual:
        widget.check()
    assert indonesian_left(widget) == set(), "answered"


def test_the_list_catches_indonesian():
    """Does the same check find the Indonesian words in Indonesian mode (so an empty result means something)?"""
    widget = course.show(_item("negotiation_solo").id)
    _solo(widget)
    assert {"Skenario", "Putaran", "Tawaran", "Anda"} <= indonesian_left(widget)


@pytest.mark.parametrize("key, values, one, two", [
    ("points", "points", "1 point", "2 points"),
    ("words", "count", "1 word (at least 3)", "2 words (at least 3)"),
    ("nego_points_deal", "points", "Agreement recorded: 1 point for you.", "Agreement recorded: 2 points for you."),
    ("rows_full", "limit", "This map holds at most 1 actor.", "This map holds at most 2 actors."),
])
def test_english_plurals(key, values, one, two):
    """Does English say "1 point" but "2 points" (and Indonesian "1 poin", "2 poin")?"""
    course.set_language("en")
    assert message(key, **{values: 1, "minimum": 3}) == one
    assert message(key, **{values: 2, "minimum": 3}) == two
    course.set_language("id")
    assert message("points", points=1) == "1 poin"


def test_graded_header_says_one_point_in_english():
    """Is a graded item worth one point headed "1 point" (the issue saw "1 points")?"""
    course.set_language("en")
    item = next(item for bank in all_banks().values() for item in bank if item.points == 1)
    widget = course.show(item.id)
    assert "\u00b7 1 point \u00b7" in widget_texts(widget)[0] or any("\u00b7 1 point \u00b7" in t for t in widget_texts(widget))


def test_role_play_in_english():
    """Are the role sheet, the rounds and the counterpart's answers English in English mode?"""
    course.set_language("en")
    scene = next(iter(load_scenarios().values()))
    solo = course.show(_item("negotiation_solo").id)
    solo.start(scene.id)
    assert solo._scenario.description == "Scenario"
    sheet = solo._sheet.value
    assert "Role sheet (confidential)" in sheet and "Your points" in sheet and "Skenario" not in sheet
    solo.propose(min(all_packages(scene), key=lambda package: points(scene, package, "batman")))
    log = solo._log.value
    assert "Round 1." in log and "Your offer (" in log and "Counter-offer:" in log
    assert "we need" in log and "kami" not in log
    pair = course.show(_item("negotiation_pair").id)
    assert pair._team._options_labels == ("Marvel \u2014 regional government", "Batman \u2014 partner")


def test_kursus_lang_environment_variable_starts_in_english(tmp_path):
    """Does a kernel started with KURSUS_LANG=en show the widgets in English without set_language()?"""
    import os
    import subprocess
    import sys

    probe = ("import course; w = course.show('sm1.tahun_burke'); "
             "print(w.status_text); print(w._box.description); print(w.children[1].value)")
    environment = dict(os.environ, KURSUS_LANG="en")
    environment.pop("NBGRADER_EXECUTION", None)
    result = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=environment,
                            capture_output=True, text=True, check=True)
    status, label, header = result.stdout.splitlines()[-3:]
    assert (status, label) == ("Not answered yet", "Your answer")
    assert "Graded item" in header and "1 point \u00b7" in header
