"""Question banks: the installed banks load, broken banks are refused in Bahasa Indonesia, keys are checked."""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path

import pytest

from course.bank import BANK_DIRECTORY, BankError, Item, check_key, find_item, load_bank

BANK_FILES = sorted(path for path in BANK_DIRECTORY.glob("*.json") if path.name != "schema.json")

PRACTICE_SINGLE = {
    "id": "sm7.pilih",
    "kind": "single_choice",
    "mode": "latihan",
    "objective": "T1",
    "prompt": "Pilih satu.",
    "options": [{"id": "a", "text": "Opsi A"}, {"id": "b", "text": "Opsi B"}, {"id": "c", "text": "Opsi C"}],
    "key": "a",
    "feedback": {"a": "Benar.", "b": "Belum tepat.", "c": "Belum tepat."},
    "explanation": "Karena A.",
}
GRADED_SINGLE = {
    "id": "sm7.nilai",
    "kind": "single_choice",
    "mode": "penilaian",
    "objective": "T2",
    "points": 1,
    "prompt": "Pilih satu (dinilai).",
    "options": [{"id": "a", "text": "Opsi A"}, {"id": "b", "text": "Opsi B"}],
}
GRADED_REFLECTION = {
    "id": "sm7.refleksi",
    "kind": "reflection",
    "mode": "penilaian",
    "objective": "T3",
    "points": 3,
    "prompt": "Tulis refleksi.",
    "min_words": 20,
}


def bank_document(*items) -> dict:
    return {"schema_version": 1, "assignment": "sm7_uji", "items": [copy.deepcopy(item) for item in items]}


def write_bank(directory: Path, document, name: str = "sm7_uji.json") -> Path:
    path = directory / name
    text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


# the installed banks ------------------------------------------------------------------------

def test_there_is_at_least_one_bank():
    """Is at least one bank installed next to the schema?"""
    assert BANK_FILES, f"no bank files in {BANK_DIRECTORY}"


@pytest.mark.parametrize("path", BANK_FILES, ids=lambda path: path.name)
def test_installed_bank_loads(path):
    """Does every installed bank file pass the schema and the extra checks?"""
    bank = load_bank(path)
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert bank.assignment == raw["assignment"]
    assert [item.id for item in bank] == [item["id"] for item in raw["items"]]
    for item in bank:
        assert find_item(item.id) == item


@pytest.mark.parametrize("path", BANK_FILES, ids=lambda path: path.name)
def test_installed_graded_items_reveal_nothing(path):
    """Does no graded item in an installed bank carry a key, feedback or explanation?"""
    raw = json.loads(path.read_text(encoding="utf-8"))
    graded = [item for item in raw["items"] if item["mode"] == "penilaian"]
    assert graded, "expected graded items"
    for item in graded:
        leaked = {"key", "feedback", "explanation"} & set(item)
        assert not leaked, f"{item['id']} leaks {sorted(leaked)}"
        assert item.get("points", 0) > 0


@pytest.mark.parametrize("path", BANK_FILES, ids=lambda path: path.name)
def test_installed_practice_items_have_keys(path):
    """Does every keyed practice item (all but reflections and maps) carry a key that check_key accepts?"""
    for item in load_bank(path):
        if item.is_practice and not item.is_manual:
            check_key(item, item.key)
            assert item.explanation


def test_small_valid_bank_loads(tmp_path):
    """Does a small hand-written valid bank load with its items in order?"""
    bank = load_bank(write_bank(tmp_path, bank_document(PRACTICE_SINGLE, GRADED_SINGLE, GRADED_REFLECTION)))
    assert bank.assignment == "sm7_uji"
    assert list(bank.items) == ["sm7.pilih", "sm7.nilai", "sm7.refleksi"]
    assert bank["sm7.pilih"].key == "a"
    assert bank["sm7.nilai"].key is None


def test_graded_reflection_without_key_loads(tmp_path):
    """Can a graded reflection have no key at all?"""
    bank = load_bank(write_bank(tmp_path, bank_document(GRADED_REFLECTION)))
    item = bank["sm7.refleksi"]
    assert item.kind == "reflection" and not item.is_practice
    assert item.key is None and item.points == 3


# broken banks -------------------------------------------------------------------------------

def _graded_with(**extra):
    item = copy.deepcopy(GRADED_SINGLE)
    item.update(extra)
    return bank_document(item)


def _practice_without(field):
    item = copy.deepcopy(PRACTICE_SINGLE)
    del item[field]
    return bank_document(item)


def _practice_with(**extra):
    item = copy.deepcopy(PRACTICE_SINGLE)
    item.update(extra)
    return bank_document(item)


BROKEN = {
    "graded_with_key": (_graded_with(key="a"), ["tidak sesuai skema", "items/0", "'key'", "sm7.nilai"]),
    "graded_with_explanation": (
        _graded_with(explanation="Jawabannya A."), ["tidak sesuai skema", "items/0", "'explanation'", "sm7.nilai"]
    ),
    "graded_with_feedback": (
        _graded_with(feedback={"a": "x", "b": "y"}), ["tidak sesuai skema", "items/0", "'feedback'", "sm7.nilai"]
    ),
    "practice_single_without_feedback": (_practice_without("feedback"), ["tidak sesuai skema", "items/0", "'feedback'"]),
    "practice_without_key": (_practice_without("key"), ["tidak sesuai skema", "items/0", "'key'"]),
    "practice_key_unknown_option": (_practice_with(key="z"), ["Soal sm7.pilih", "kunci", "'z'", "bukan salah satu opsi"]),
    "duplicate_item_id": (bank_document(PRACTICE_SINGLE, PRACTICE_SINGLE), ["sm7.pilih", "dipakai lebih dari sekali"]),
    "bad_objective": (_practice_with(objective="T9"), ["tidak sesuai skema", "items/0/objective", "'T9'"]),
    "feedback_missing_one_option": (
        _practice_with(feedback={"a": "Benar.", "b": "Belum tepat."}),
        ["Soal sm7.pilih", "umpan balik (feedback)", "setiap opsi"],
    ),
    "feedback_for_unknown_option": (
        _practice_with(feedback={"a": "x", "b": "y", "c": "z", "d": "w"}),
        ["Soal sm7.pilih", "umpan balik (feedback)"],
    ),
    "duplicate_option_id": (
        _practice_with(options=[{"id": "a", "text": "A"}, {"id": "a", "text": "A lagi"}], feedback={"a": "x"}),
        ["Soal sm7.pilih", "ganda"],
    ),
    "id_with_wrong_prefix": (
        bank_document(dict(GRADED_SINGLE, id="sm8.nilai")), ["sm8.nilai", "tidak berawalan sm7"]
    ),
    "graded_without_points": (
        bank_document({k: v for k, v in GRADED_SINGLE.items() if k != "points"}),
        ["tidak sesuai skema", "'points'"],
    ),
    "unknown_field": (_practice_with(hint="?"), ["tidak sesuai skema", "'hint'"]),
    "empty_items": (
        {"schema_version": 1, "assignment": "sm7_uji", "items": []}, ["tidak sesuai skema", "items"]
    ),
    "invalid_json": ('{"schema_version": 1, "items": [', ["sm7_uji.json", "bukan JSON yang sah"]),
}


@pytest.mark.parametrize("document, phrases", BROKEN.values(), ids=BROKEN.keys())
def test_broken_bank_rejected_in_indonesian(tmp_path, document, phrases):
    """Is a broken bank refused with a BankError, in Bahasa Indonesia, that names the problem?"""
    path = write_bank(tmp_path, document)
    with pytest.raises(BankError) as caught:
        load_bank(path)
    text = str(caught.value)
    assert text.startswith(("Bank soal", "Soal")), text
    for phrase in phrases:
        assert phrase in text, f"{phrase!r} not in {text!r}"


def test_missing_bank_file(tmp_path):
    """Is a missing bank file reported as BankError "tidak ditemukan" with its name?"""
    with pytest.raises(BankError, match=r"Bank soal sm7_hilang\.json tidak ditemukan"):
        load_bank(tmp_path / "sm7_hilang.json")


def test_bank_not_utf8(tmp_path):
    """Is a bank that is not UTF-8 refused as invalid JSON rather than crashing?"""
    path = tmp_path / "sm7_uji.json"
    path.write_bytes(b'{"assignment": "sm7_\xff"}')
    with pytest.raises(BankError, match="bukan JSON yang sah"):
        load_bank(path)


def test_bank_error_is_value_error():
    """Can callers that catch ValueError also catch BankError?"""
    assert issubclass(BankError, ValueError)


def test_unknown_item_is_key_error():
    """Does find_item raise KeyError for an id no bank declares?"""
    with pytest.raises(KeyError):
        find_item("sm1.tidak_ada")
    with pytest.raises(KeyError):
        find_item("sm9.tidak_ada")


# check_key ----------------------------------------------------------------------------------

def _item(kind: str) -> Item:
    """A graded item of ``kind`` from the installed sm1 bank."""
    bank = load_bank(BANK_DIRECTORY / "sm1_diplomasi.json")
    return next(item for item in bank if item.kind == kind and item.mode == "penilaian")


ORDER = ["raja_besar", "yunani_cina", "misi_tetap", "burke", "paradiplomasi"]
CLASSIFICATION = {
    "sumber_kekuatan": "berridge2022",
    "negosiasi_utusan": "oed",
    "negara_berdaulat": "palgrave",
    "delegasi_io": "palgrave",
    "jalur_lain": "berridge2022",
}

GOOD_KEYS = [
    ("single_choice", "a"),
    ("single_choice", "d"),
    ("multiple_select", ["globalisasi", "desentralisasi"]),
    ("multiple_select", ["mnc"]),
    ("classification", CLASSIFICATION),
    ("ordering", ORDER),
    ("numeric", {"value": 1796, "tolerance": 0}),
    ("numeric", {"value": 2.5, "tolerance": 0.1}),
    ("short_text", {"accepted": ["protodiplomasi", "proto-diplomasi"]}),
]


@pytest.mark.parametrize("kind, key", GOOD_KEYS, ids=[f"{kind}-{key!r:.30}" for kind, key in GOOD_KEYS])
def test_check_key_accepts_right_shapes(kind, key):
    """Does check_key accept a key of the right shape for each kind?"""
    assert check_key(_item(kind), key) is None


BAD_KEYS = [
    ("single_choice", "z"),
    ("single_choice", ["a"]),
    ("single_choice", None),
    ("single_choice", 1),
    ("multiple_select", "globalisasi"),
    ("multiple_select", ["globalisasi", "globalisasi"]),
    ("multiple_select", ["globalisasi", "asing"]),
    ("multiple_select", None),
    ("multiple_select", {"globalisasi": True}),
    ("multiple_select", [["globalisasi"]]),
    ("classification", {k: v for k, v in CLASSIFICATION.items() if k != "jalur_lain"}),
    ("classification", dict(CLASSIFICATION, jalur_lain="asing")),
    ("classification", dict(CLASSIFICATION, tambahan="oed")),
    ("classification", list(CLASSIFICATION)),
    ("classification", dict(CLASSIFICATION, jalur_lain=["oed"])),
    ("ordering", ORDER[:4]),
    ("ordering", [*ORDER, "asing"]),
    ("ordering", [ORDER[0], *ORDER[:4]]),
    ("ordering", {entry: index for index, entry in enumerate(ORDER)}),
    ("ordering", None),
    ("ordering", [*ORDER[:4], 5]),
    ("numeric", 1796),
    ("numeric", {"value": 1796}),
    ("numeric", {"value": "1796", "tolerance": 0}),
    ("numeric", {"value": 1796, "tolerance": -1}),
    ("numeric", {"value": True, "tolerance": 0}),
    ("numeric", {"value": 1796, "tolerance": 0, "unit": "tahun"}),
    ("numeric", {"value": math.nan, "tolerance": 0}),
    ("numeric", {"value": 1796, "tolerance": math.nan}),
    ("short_text", "protodiplomasi"),
    ("short_text", ["protodiplomasi"]),
    ("short_text", {"accepted": []}),
    ("short_text", {"accepted": [""]}),
    ("short_text", {"accepted": "protodiplomasi"}),
    ("short_text", {"accepted": [1]}),
    ("reflection", None),
    ("reflection", {"accepted": ["x"]}),
]


@pytest.mark.parametrize("kind, key", BAD_KEYS, ids=[f"{index:02d}-{kind}-{key!r:.30}" for index, (kind, key) in enumerate(BAD_KEYS)])
def test_check_key_rejects_wrong_shapes(kind, key):
    """Does check_key refuse a malformed key with a BankError naming the item?"""
    item = _item(kind)
    with pytest.raises(BankError) as caught:
        check_key(item, key)
    assert str(caught.value).startswith(f"Soal {item.id}: ")


def test_reflection_key_message_explains_manual_grading():
    """Does the refusal of a reflection key say that reflections are graded by hand?"""
    with pytest.raises(BankError, match="dinilai manual"):
        check_key(_item("reflection"), "apa saja")


# labels are plain text ------------------------------------------------------------------------

LABEL_MARKUP = {
    "bold": ("Kumpulkan lewat tab **Assignments**", "*"),
    "italic": ("Kerja sama *sister city*", "*"),
    "code": ("Berkas `jawaban.json`", "`"),
    "underscore_emphasis": ("Kerja sama _sister city_", "_sister city_"),
    "link": ("Lihat [modul](https://contoh.id)", "[modul]("),
    "html": ("Kerja sama <i>sister city</i>", "<i>"),
}


@pytest.mark.parametrize("text, mark", LABEL_MARKUP.values(), ids=LABEL_MARKUP.keys())
@pytest.mark.parametrize("group", ["options", "categories", "entries", "fields"])
def test_markdown_in_a_label_is_refused(tmp_path, group, text, mark):
    """Is a label with Markdown or HTML refused (labels are shown raw), naming the item, the label and the mark?"""
    document = {
        "options": _practice_with(options=[{"id": "a", "text": text}, *PRACTICE_SINGLE["options"][1:]]),
        "categories": bank_document({
            "id": "sm7.kelompok", "kind": "classification", "mode": "penilaian", "objective": "T1", "points": 2,
            "prompt": "Kelompokkan.", "categories": [{"id": "x", "text": text}, {"id": "y", "text": "Y"}],
            "entries": [{"id": "p", "text": "P"}, {"id": "q", "text": "Q"}]}),
        "entries": bank_document({
            "id": "sm7.urut", "kind": "ordering", "mode": "penilaian", "objective": "T1", "points": 2,
            "prompt": "Urutkan.", "entries": [{"id": "p", "text": "P"}, {"id": "q", "text": text}]}),
        "fields": bank_document({
            "id": "sm7.isian", "kind": "structured_reflection", "mode": "penilaian", "objective": "T1", "points": 2,
            "prompt": "Isi.", "fields": [{"id": "p", "text": "P"}, {"id": "q", "text": text}]}),
    }[group]
    with pytest.raises(BankError) as caught:
        load_bank(write_bank(tmp_path, document))
    message = str(caught.value)
    assert message.startswith("Soal sm7."), message
    assert mark in message and "Markdown" in message and "tanpa Markdown" in message


@pytest.mark.parametrize("text", ["US$ 5 juta", "Berridge & Lloyd, 2012", "berkas jawaban.json", "snake_case",
                                  "2 < 3", "Run \u2192 Run All Cells", "\u201cAssignments\u201d"])
def test_plain_labels_with_look_alike_characters_load(tmp_path, text):
    """Are plain labels that merely contain $, &, <, _ or arrows accepted?"""
    document = _practice_with(options=[{"id": "a", "text": text}, *PRACTICE_SINGLE["options"][1:]])
    assert load_bank(write_bank(tmp_path, document))["sm7.pilih"].text_of("a") == text


@pytest.mark.parametrize("path", BANK_FILES, ids=lambda path: path.stem)
def test_installed_labels_are_plain_text(path):
    """Does no option, category, entry, field, unit or placeholder of the course carry Markdown (issue 14)?"""
    from course.bank import label_problem

    for item in load_bank(path):
        texts = [choice["text"] for group in (item.options, item.categories, item.entries, item.fields)
                 for choice in group] + [item.unit, item.placeholder]
        assert [text for text in texts if label_problem(text)] == [], item.id
