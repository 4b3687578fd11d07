"""When the answer store cannot be read or written: killed writes, OS errors, what the participant is told."""

from __future__ import annotations

import errno
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import ipywidgets as widgets
import pytest

import course
from course.bank import BANK_DIRECTORY, load_bank
from course.store import STORE_NAME, AnswerStore, StoreError, StoreFullError, inspect_store, read_answers

ROOT = Path(__file__).resolve().parents[1]
BANK = load_bank(BANK_DIRECTORY / "sm1_diplomasi.json")
SINGLE = next(item for item in BANK if item.kind == "single_choice" and item.mode == "penilaian")
MULTI = next(item for item in BANK if item.kind == "multiple_select" and item.mode == "penilaian")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def temporaries(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.iterdir() if path.name.endswith(".tmp"))


def fail_with(code: int):
    """A stand-in for os.replace that fails as the OS would with ``code``."""

    def failing_replace(source, target):
        raise OSError(code, os.strerror(code), str(target))

    return failing_replace


def alerts(widget) -> list[str]:
    return [child.value for child in widget.children if isinstance(child, widgets.HTML) and 'role="alert"' in child.value]


# 1. no temporary file outlives a killed write -------------------------------------------------

def test_stale_temporary_files_removed_on_next_save(tmp_path):
    """Does the next save remove the temporary files of writes killed before os.replace, and only those?"""
    store = AnswerStore(tmp_path)
    store.save("sm1.a", "x")
    for pid in (12345, 4_000_000, os.getpid()):
        (tmp_path / f".{STORE_NAME}.{pid}.tmp").write_bytes(b'{"schema_version": 1, "answ')
    (tmp_path / "catatan.tmp").write_text("milik peserta", encoding="utf-8")

    store.save("sm1.b", "y")

    assert temporaries(tmp_path) == ["catatan.tmp"]
    assert store.get("sm1.a") == "x" and store.get("sm1.b") == "y"
    assert store.moved_aside is None


KILLED_WRITER = """
import sys
from course.store import AnswerStore
store = AnswerStore(sys.argv[1], assignment="sm1_diplomasi")
big = "x" * 200_000
print("siap", flush=True)
index = 0
while True:
    store.save("sm1.besar", big + str(index))
    index += 1
"""


def test_kernels_killed_mid_save_leave_no_temporary_file(tmp_path):
    """After 25 writers are killed (SIGKILL) at random moments of a save, is the store whole and, after one more save, free of temporary files?"""
    environment = dict(os.environ, PYTHONPATH=str(ROOT))
    rng = random.Random(13)
    for _round in range(25):
        writer = subprocess.Popen(
            [sys.executable, "-c", KILLED_WRITER, str(tmp_path)],
            cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )
        assert writer.stdout.readline() == b"siap\n"
        time.sleep(rng.uniform(0.005, 0.06))
        writer.kill()
        writer.wait(timeout=30)
        writer.stdout.close()

    reading = inspect_store(tmp_path / STORE_NAME)
    assert reading.problem == "" and reading.answers["sm1.besar"]["value"].startswith("x" * 200_000)
    store = AnswerStore(tmp_path, assignment="sm1_diplomasi")
    store.save("sm1.akhir", 1)
    assert temporaries(tmp_path) == []
    assert set(store.answers()) == {"sm1.besar", "sm1.akhir"}
    assert list(tmp_path.glob("jawaban.rusak-*")) == []


# 3 and 4. save() raises only StoreError, with a reason and the raw error for the instructor ---

OS_ERRORS = [
    (errno.EACCES, "permission"),
    (errno.EPERM, "permission"),
    (errno.ENOSPC, "disk_full"),
    (errno.EDQUOT, "disk_full"),
    (errno.EROFS, "read_only"),
    (errno.EISDIR, "is_directory"),
    (errno.EIO, "other"),
]


@pytest.mark.parametrize("code, reason", OS_ERRORS, ids=[errno.errorcode[code] for code, _ in OS_ERRORS])
def test_write_error_becomes_store_error_with_reason(tmp_path, monkeypatch, code, reason):
    """Does an OS error while writing raise StoreError naming its kind, keep errno and strerror (no path), and leave the file as it was?"""
    store = AnswerStore(tmp_path)
    store.save("sm1.a", "lama")
    before = (tmp_path / STORE_NAME).read_bytes()

    monkeypatch.setattr(os, "replace", fail_with(code))
    with pytest.raises(StoreError) as caught:
        store.save("sm1.a", "baru")
    monkeypatch.undo()

    assert type(caught.value) is StoreError
    assert caught.value.reason == reason
    assert errno.errorcode[code] in caught.value.detail and os.strerror(code) in caught.value.detail
    assert str(tmp_path) not in caught.value.detail
    assert (tmp_path / STORE_NAME).read_bytes() == before
    assert temporaries(tmp_path) == []


def test_store_path_is_a_folder_raises_store_error(tmp_path):
    """Is a folder named jawaban.json a StoreError (is_directory) on save, not a bare IsADirectoryError, and left alone?"""
    (tmp_path / STORE_NAME).mkdir()
    with pytest.raises(StoreError) as caught:
        AnswerStore(tmp_path).save("sm1.a", "x")
    assert caught.value.reason == "is_directory"
    assert not isinstance(caught.value, OSError)
    assert (tmp_path / STORE_NAME).is_dir()


def test_lock_file_that_cannot_be_opened_raises_store_error(tmp_path):
    """Does a lock file that cannot be opened (here: a folder) give StoreError, writing nothing?"""
    (tmp_path / f".{STORE_NAME}.lock").mkdir()
    with pytest.raises(StoreError) as caught:
        AnswerStore(tmp_path).save("sm1.a", "x")
    assert caught.value.reason == "is_directory"
    assert not (tmp_path / STORE_NAME).exists()


def test_moving_a_corrupt_file_aside_that_fails_raises_store_error(tmp_path, monkeypatch):
    """If a corrupt store cannot be moved aside, does save raise StoreError and leave the corrupt file untouched?"""
    raw = b'{"schema_version": 1, "answers": {'
    (tmp_path / STORE_NAME).write_bytes(raw)

    monkeypatch.setattr(os, "replace", fail_with(errno.EACCES))
    with pytest.raises(StoreError) as caught:
        AnswerStore(tmp_path).save("sm1.a", "x")
    monkeypatch.undo()
    assert caught.value.reason == "permission"
    assert (tmp_path / STORE_NAME).read_bytes() == raw
    assert list(tmp_path.glob("jawaban.rusak-*")) == []


def test_reading_a_folder_raises_store_error(tmp_path):
    """Do answers() and get() raise StoreError (not IsADirectoryError) when jawaban.json is a folder?"""
    (tmp_path / STORE_NAME).mkdir()
    store = AnswerStore(tmp_path)
    with pytest.raises(StoreError):
        store.answers()
    with pytest.raises(StoreError):
        store.get("sm1.a")


def test_store_full_error_is_a_store_error(tmp_path):
    """Is StoreFullError still a StoreError, with its own reason?"""
    with pytest.raises(StoreError) as caught:
        AnswerStore(tmp_path).save("sm1.a", "x" * 600 * 1024)
    assert isinstance(caught.value, StoreFullError) and caught.value.reason == "full"


# 2 and 3. what the participant sees --------------------------------------------------------------

def _folder_store(folder: Path, monkeypatch) -> str:
    (folder / STORE_NAME).mkdir()
    return "adalah folder"


def _symlink_loop(folder: Path, monkeypatch) -> str:
    os.symlink(STORE_NAME, folder / STORE_NAME)  # ELOOP: even root cannot read it
    return "gangguan sistem"


def _no_permission(folder: Path, monkeypatch) -> str:
    path = folder / STORE_NAME
    AnswerStore(folder).save(SINGLE.id, "a")
    path.chmod(0)
    return "izin ditolak"


def _permission_refused(folder: Path, monkeypatch) -> str:
    """What mode 000 does to anyone but root, for tests that run as root: reading jawaban.json is refused."""
    AnswerStore(folder).save(SINGLE.id, "a")
    read_bytes = Path.read_bytes

    def refusing(path):
        if path.name == STORE_NAME:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refusing)
    return "izin ditolak"


UNREADABLE = {
    "folder": _folder_store,
    "symlink_loop": _symlink_loop,
    "permission_refused": _permission_refused,
    "mode_000": pytest.param(
        _no_permission, marks=pytest.mark.skipif(IS_ROOT, reason="root reads a file of mode 000"),
    ),
}


@pytest.mark.parametrize("make_unreadable", UNREADABLE.values(), ids=UNREADABLE.keys())
def test_unreadable_store_announced_when_items_are_shown(workspace, monkeypatch, make_unreadable):
    """Is a store that cannot be read announced once (role="alert", in Indonesian) when the first item is shown, not shown as "Belum dijawab"?"""
    reason = make_unreadable(workspace, monkeypatch)
    try:
        first = course.show(SINGLE.id)
        second = course.show(MULTI.id)

        shown = alerts(first)
        assert len(shown) == 1
        assert "Berkas jawaban tidak dapat dibaca" in shown[0] and reason in shown[0]
        assert "Hubungi instruktur" in shown[0]
        assert str(workspace) not in shown[0] and "Errno" not in shown[0]
        assert alerts(second) == []
        for widget in (first, second):
            assert widget.status_text != "Belum dijawab"
            assert reason in widget.status_text

        first.choose("b")
        assert first.status_text.startswith("Belum tersimpan")
        assert reason in first.status_text and "Hubungi instruktur" in first.status_text
        assert str(workspace) not in first.status.value
    finally:
        if (workspace / STORE_NAME).is_file():
            (workspace / STORE_NAME).chmod(0o644)


WIDGET_ERRORS = {
    errno.EACCES: "izin ditolak",
    errno.ENOSPC: "disk penuh",
    errno.EDQUOT: "disk penuh",
    errno.EROFS: "disk hanya-baca",
    errno.EIO: "terjadi gangguan sistem",
}


@pytest.mark.parametrize("code, words", WIDGET_ERRORS.items(), ids=[errno.errorcode[c] for c in WIDGET_ERRORS])
def test_save_error_shown_in_indonesian_with_raw_error_for_the_instructor(workspace, monkeypatch, code, words):
    """Does a failed save say why in Indonesian (no path, no English OS text), keeping errno and strerror in the tooltip?"""
    widget = course.show(SINGLE.id)

    monkeypatch.setattr(os, "replace", fail_with(code))
    widget.choose("a")
    monkeypatch.undo()

    assert widget.status_text == f"Belum tersimpan: berkas jawaban tidak dapat ditulis ({words}). Hubungi instruktur."
    assert os.strerror(code) not in widget.status_text
    assert str(workspace) not in widget.status.value and STORE_NAME not in widget.status_text
    assert f'title="{errno.errorcode[code]}: {os.strerror(code)}' in widget.status.value
    assert widget.answer is None
    assert not (workspace / STORE_NAME).exists()

    widget.choose("b")  # the disk has room again: the next change is saved
    assert read_answers(workspace / STORE_NAME)[SINGLE.id]["value"] == "b"
    assert widget.status_text.startswith("Jawaban tersimpan (")
    assert "title=" not in widget.status.value


def test_english_reasons(workspace, monkeypatch):
    """With set_language("en"), is the reason English too?"""
    course.set_language("en")
    widget = course.show(SINGLE.id)
    monkeypatch.setattr(os, "replace", fail_with(errno.ENOSPC))
    widget.choose("a")
    monkeypatch.undo()
    assert widget.status_text == "Not saved: the answer file cannot be written (disk full). Contact the instructor."


def test_every_reason_has_both_languages():
    """Does every reason a StoreError can carry have an Indonesian and an English text?"""
    from course._messages import MESSAGES
    from course.store import REASONS

    for reason in REASONS:
        assert set(MESSAGES[f"store_reason_{reason}"]) == {"id", "en"}
    for key in ("store_unreadable", "store_unreadable_status", "store_unwritable"):
        assert set(MESSAGES[key]) == {"id", "en"}
