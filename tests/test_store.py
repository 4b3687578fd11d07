"""The answer store: round trip, restore, concurrency, corrupt and oversize files, permissions."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from course.store import (
    MAX_STORE_BYTES,
    SCHEMA_VERSION,
    STORE_NAME,
    AnswerStore,
    StoreFullError,
    read_answers,
)

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENT = "sm1_diplomasi"


def leftovers(directory: Path) -> list[str]:
    """Temporary files a write may have left in ``directory``."""
    return sorted(path.name for path in directory.iterdir() if path.name.endswith(".tmp"))


def asides(directory: Path) -> list[Path]:
    return sorted(directory.glob("jawaban.rusak-*.json"))


# round trip ---------------------------------------------------------------------------------

VALUES = [
    "a",
    "Protodiplomásí — “kutip”",
    1796,
    2.5,
    ["negosiasi", "utusan"],
    {"sumber_kekuatan": "berridge2022", "jalur_lain": "oed"},
    "",
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_round_trip(tmp_path, value):
    """Does a saved value come back unchanged from get() and answers(), with its save time?"""
    store = AnswerStore(tmp_path, assignment=ASSIGNMENT)
    before = dt.datetime.now().replace(microsecond=0)
    when = store.save("sm1.soal", value)
    after = dt.datetime.now()

    assert before <= when <= after
    assert store.get("sm1.soal") == value
    assert store.saved_at("sm1.soal") == when
    assert store.answers() == {"sm1.soal": {"value": value, "saved_at": when.isoformat()}}


def test_file_records_schema_version_and_assignment(tmp_path):
    """Does the file on disk carry schema_version, the assignment and the answers?"""
    store = AnswerStore(tmp_path, assignment=ASSIGNMENT)
    store.save("sm1.a", "x")
    document = json.loads((tmp_path / STORE_NAME).read_text(encoding="utf-8"))

    assert document["schema_version"] == SCHEMA_VERSION == 1
    assert document["assignment"] == ASSIGNMENT
    assert document["answers"]["sm1.a"]["value"] == "x"
    assert set(document) == {"schema_version", "assignment", "answers"}


def test_absent_item_gives_default(tmp_path):
    """Does get() of an unanswered item give the default, and saved_at() None?"""
    store = AnswerStore(tmp_path)
    assert store.get("sm1.tidak_ada") is None
    assert store.get("sm1.tidak_ada", "kosong") == "kosong"
    assert store.saved_at("sm1.tidak_ada") is None
    assert store.answers() == {}
    assert not (tmp_path / STORE_NAME).exists()


def test_overwrite_keeps_other_items(tmp_path):
    """Does saving an item again replace only that item's value?"""
    store = AnswerStore(tmp_path)
    store.save("sm1.a", "pertama")
    store.save("sm1.b", [1, 2])
    store.save("sm1.a", "kedua")
    assert store.get("sm1.a") == "kedua"
    assert store.get("sm1.b") == [1, 2]
    assert len(store.answers()) == 2


@pytest.mark.parametrize("bad_id", ["", None, 5])
def test_bad_item_id_rejected(tmp_path, bad_id):
    """Is an empty or non-string item id refused without creating a file?"""
    with pytest.raises(TypeError):
        AnswerStore(tmp_path).save(bad_id, "x")
    assert not (tmp_path / STORE_NAME).exists()


def test_restore_in_new_store(tmp_path):
    """Does a new AnswerStore on the same folder (a restarted kernel) see earlier answers?"""
    first = AnswerStore(tmp_path, assignment=ASSIGNMENT)
    when = first.save("sm1.a", {"x": "y"})
    first.save("sm1.b", 3)

    second = AnswerStore(tmp_path, assignment=ASSIGNMENT)
    assert second.get("sm1.a") == {"x": "y"}
    assert second.get("sm1.b") == 3
    assert second.saved_at("sm1.a") == when
    assert second.moved_aside is None


def test_directory_defaults_to_cwd(tmp_path, monkeypatch):
    """Does a store made without a directory write jawaban.json in the current folder?"""
    monkeypatch.chdir(tmp_path)
    AnswerStore().save("sm1.a", "x")
    assert read_answers(tmp_path / STORE_NAME)["sm1.a"]["value"] == "x"


# concurrency --------------------------------------------------------------------------------

WRITER = """
import os, sys, time
from course.store import AnswerStore
directory, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
go = os.path.join(directory, "go")
deadline = time.time() + 60
while not os.path.exists(go) and time.time() < deadline:
    time.sleep(0.005)
store = AnswerStore(directory, assignment="sm1_diplomasi")
for index in range(count):
    store.save(f"{prefix}.soal_{index}", index)
"""


def test_two_processes_lose_nothing(tmp_path):
    """Do two kernels writing different items at the same time keep all 100 answers?"""
    environment = dict(os.environ, PYTHONPATH=str(ROOT))
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path), prefix, "50"],
            cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        for prefix in ("sm1", "sm2")
    ]
    time.sleep(0.3)
    (tmp_path / "go").touch()
    for writer in writers:
        _out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err.decode()

    document = json.loads((tmp_path / STORE_NAME).read_text(encoding="utf-8"))
    answers = document["answers"]
    expected = {f"{prefix}.soal_{index}" for prefix in ("sm1", "sm2") for index in range(50)}
    assert set(answers) == expected
    assert all(answers[f"sm2.soal_{index}"]["value"] == index for index in range(50))
    assert leftovers(tmp_path) == []
    assert asides(tmp_path) == []


# corrupt files ------------------------------------------------------------------------------

CORRUPT = {
    "invalid_json": b'{"schema_version": 1, "answers": {',
    "wrong_schema_version": json.dumps({"schema_version": 2, "assignment": "", "answers": {"sm1.a": {"value": 1}}}).encode(),
    "json_list": b'[{"schema_version": 1}]',
    "invalid_utf8": b'{"schema_version": 1, "answers": {"sm1.a": {"value": "\xff\xfe"}}}',
    "answers_not_object": b'{"schema_version": 1, "answers": []}',
}


@pytest.mark.parametrize("raw", CORRUPT.values(), ids=CORRUPT.keys())
def test_corrupt_file_moved_aside_unchanged(tmp_path, raw):
    """Is an unreadable store moved aside byte for byte, reported, and replaced by a working one?"""
    path = tmp_path / STORE_NAME
    path.write_bytes(raw)
    store = AnswerStore(tmp_path, assignment=ASSIGNMENT)

    assert store.answers() == {}
    assert store.moved_aside is not None
    aside = Path(store.moved_aside)
    assert aside.parent == tmp_path
    assert aside.name.startswith("jawaban.rusak-") and aside.name.endswith(".json")
    assert aside.read_bytes() == raw
    assert not path.exists()

    store.save("sm1.baru", "ok")
    assert store.get("sm1.baru") == "ok"
    assert read_answers(path) == store.answers()
    assert asides(tmp_path) == [aside]
    assert aside.read_bytes() == raw


@pytest.mark.parametrize("raw", CORRUPT.values(), ids=CORRUPT.keys())
def test_corrupt_file_on_save_is_kept(tmp_path, raw):
    """Does a save over an unreadable store move the old file aside instead of overwriting it?"""
    path = tmp_path / STORE_NAME
    path.write_bytes(raw)
    store = AnswerStore(tmp_path)
    store.save("sm1.a", "x")

    assert store.moved_aside is not None
    assert Path(store.moved_aside).read_bytes() == raw
    assert read_answers(path) == {"sm1.a": store.answers()["sm1.a"]}


@pytest.mark.parametrize("raw", CORRUPT.values(), ids=CORRUPT.keys())
def test_read_answers_leaves_corrupt_file_alone(tmp_path, raw):
    """Does read_answers give {} for an unreadable file without moving or changing it?"""
    path = tmp_path / STORE_NAME
    path.write_bytes(raw)
    assert read_answers(path) == {}
    assert path.read_bytes() == raw
    assert asides(tmp_path) == []


def test_two_corruptions_get_two_aside_names(tmp_path):
    """Does a second corrupt file within the same second get its own aside name?"""
    path = tmp_path / STORE_NAME
    path.write_bytes(b"first {")
    AnswerStore(tmp_path).answers()
    path.write_bytes(b"second {")
    AnswerStore(tmp_path).answers()

    kept = asides(tmp_path)
    assert len(kept) == 2
    assert sorted(aside.read_bytes() for aside in kept) == [b"first {", b"second {"]


def test_entries_without_value_ignored(tmp_path):
    """Are malformed entries inside a valid store skipped rather than returned?"""
    (tmp_path / STORE_NAME).write_text(
        json.dumps({"schema_version": 1, "assignment": "", "answers": {
            "sm1.ok": {"value": "x", "saved_at": "2024-01-01T10:00:00"},
            "sm1.no_value": {"saved_at": "2024-01-01T10:00:00"},
            "sm1.not_dict": "x",
        }}),
        encoding="utf-8",
    )
    store = AnswerStore(tmp_path)
    assert set(store.answers()) == {"sm1.ok"}
    assert store.saved_at("sm1.ok") == dt.datetime(2024, 1, 1, 10, 0)
    assert store.moved_aside is None


# size limit ---------------------------------------------------------------------------------

def test_oversize_save_refused_previous_file_intact(tmp_path):
    """Does a save that would pass MAX_STORE_BYTES raise StoreFullError and leave the file as it was?"""
    store = AnswerStore(tmp_path, assignment=ASSIGNMENT)
    store.save("sm1.a", "kecil")
    path = tmp_path / STORE_NAME
    before = path.read_bytes()

    with pytest.raises(StoreFullError):
        store.save("sm1.besar", "x" * MAX_STORE_BYTES)

    assert path.read_bytes() == before
    assert store.get("sm1.a") == "kecil"
    assert store.get("sm1.besar") is None
    assert leftovers(tmp_path) == []
    store.save("sm1.b", "masih bisa")
    assert store.get("sm1.b") == "masih bisa"


def _store_document(size: int) -> bytes:
    """A valid store file of exactly ``size`` bytes (padded with trailing spaces)."""
    document = json.dumps({"schema_version": 1, "assignment": "", "answers": {"sm1.a": {"value": "x"}}}).encode()
    assert len(document) <= size
    return document + b" " * (size - len(document))


def test_file_at_cap_is_readable(tmp_path):
    """Is a valid file of exactly MAX_STORE_BYTES bytes still read?"""
    path = tmp_path / STORE_NAME
    path.write_bytes(_store_document(MAX_STORE_BYTES))
    assert read_answers(path)["sm1.a"]["value"] == "x"
    store = AnswerStore(tmp_path)
    assert store.get("sm1.a") == "x"
    assert store.moved_aside is None


def test_existing_oversize_file_moved_aside(tmp_path):
    """Is an existing file larger than the cap treated as unreadable and moved aside unchanged?"""
    path = tmp_path / STORE_NAME
    raw = _store_document(MAX_STORE_BYTES + 1)
    path.write_bytes(raw)
    store = AnswerStore(tmp_path)

    assert store.answers() == {}
    assert store.moved_aside is not None
    assert Path(store.moved_aside).read_bytes() == raw
    assert not path.exists()


def test_read_answers_oversize_file_gives_empty(tmp_path):
    """Does read_answers give {} for an oversize file, without moving it or raising?"""
    path = tmp_path / STORE_NAME
    raw = _store_document(MAX_STORE_BYTES + 100)
    path.write_bytes(raw)
    assert read_answers(path) == {}
    assert path.read_bytes() == raw
    assert asides(tmp_path) == []


# permissions and leftovers ------------------------------------------------------------------

def test_file_mode_is_0644_under_strict_umask(tmp_path):
    """Is jawaban.json readable by the grader (mode 0o644) even under umask 0o077?"""
    previous = os.umask(0o077)
    try:
        store = AnswerStore(tmp_path)
        store.save("sm1.a", "x")
        first = stat.S_IMODE((tmp_path / STORE_NAME).stat().st_mode)
        store.save("sm1.b", "y")
        second = stat.S_IMODE((tmp_path / STORE_NAME).stat().st_mode)
    finally:
        os.umask(previous)
    assert first == 0o644
    assert second == 0o644


def test_no_temporary_files_left(tmp_path):
    """Are no temporary files left in the folder after many saves?"""
    store = AnswerStore(tmp_path)
    for index in range(20):
        store.save(f"sm1.soal_{index}", index)
    assert leftovers(tmp_path) == []
    names = {path.name for path in tmp_path.iterdir()}
    assert names <= {STORE_NAME, f".{STORE_NAME}.lock"}
    assert STORE_NAME in names


# read_answers -------------------------------------------------------------------------------

def test_read_answers_missing_path(tmp_path):
    """Does read_answers give {} for a path that does not exist?"""
    assert read_answers(tmp_path / "tidak_ada" / STORE_NAME) == {}
    assert read_answers(tmp_path / STORE_NAME) == {}


def test_read_answers_directory_path(tmp_path):
    """Does read_answers give {} (not an error) when the path is a folder?"""
    assert read_answers(tmp_path) == {}


def test_read_answers_matches_store(tmp_path):
    """Does read_answers return what the store wrote?"""
    store = AnswerStore(tmp_path)
    store.save("sm1.a", ["x", "y"])
    assert read_answers(tmp_path / STORE_NAME) == store.answers()
    assert read_answers(str(tmp_path / STORE_NAME))["sm1.a"]["value"] == ["x", "y"]


def test_file_is_compact_json(tmp_path):
    """Is jawaban.json written on one line without indentation or spaces (the fast C encoder), and read back unchanged?"""
    store = AnswerStore(tmp_path, assignment=ASSIGNMENT)
    store.save("sm1.a", {"x": ["y", 1, 2.5]})
    store.save("sm1.b", "Protodiplomásí — “kutip”")
    raw = (tmp_path / STORE_NAME).read_bytes()

    assert b"\n" not in raw and b": " not in raw and b", " not in raw
    assert "Protodiplomásí — “kutip”" in raw.decode("utf-8")
    document = json.loads(raw)
    assert document["answers"]["sm1.a"]["value"] == {"x": ["y", 1, 2.5]}
    assert store.get("sm1.b") == "Protodiplomásí — “kutip”"
