"""The answer store: one JSON file per assignment folder that outlives the kernel.

Widgets write every change here; nbgrader's hidden tests read it back. Writes are atomic
(temporary file, fsync, ``os.replace``) and serialised by a lock file, so two kernels writing
different items lose nothing; the temporary file of a write killed half-way is removed by the next
save. A file that cannot be read is never overwritten: it is moved aside under a new name and the
participant is told. Whatever the OS refuses comes out as ``StoreError`` with a ``reason``.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import errno
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from ._messages import message

STORE_NAME = "jawaban.json"
SCHEMA_VERSION = 1
MAX_STORE_BYTES = 512 * 1024
FILE_MODE = 0o644
_TEMPORARY = re.compile(re.escape(f".{STORE_NAME}.") + r"\d+\.tmp")  # see _write_atomically

__all__ = [
    "AnswerStore", "StoreError", "StoreFullError", "StoreReading", "inspect_store", "read_answers", "STORE_NAME",
    "MAX_STORE_BYTES", "REASONS", "OS_REASONS", "os_reason",
]

REASONS = ("permission", "disk_full", "read_only", "is_directory", "other")
"""Why the OS refused the store, as ``StoreError.reason``; each has a ``store_reason_<reason>`` message."""

# What the OS refused, by errno: the one table of the store (StoreError.reason, through _store_reason) and of the
# `kursus` command's errors (os_reason). Each reason has an "os_<reason>" message in _messages.py.
OS_REASONS = {
    errno.EACCES: "permission",
    errno.EPERM: "permission",
    errno.ENOSPC: "disk_full",
    errno.EROFS: "read_only",
    errno.ENOENT: "missing",
    errno.EEXIST: "exists",
    errno.ENOTDIR: "not_directory",
    errno.EISDIR: "is_directory",
}
if hasattr(errno, "EDQUOT"):  # not on Windows
    OS_REASONS[errno.EDQUOT] = "quota"


def _store_reason(errno_code: int | None) -> str:
    """The ``StoreError.reason`` (one of ``REASONS``) of an errno: a full quota is a full disk to the participant."""
    reason = OS_REASONS.get(errno_code, "other")
    reason = "disk_full" if reason == "quota" else reason
    return reason if reason in REASONS else "other"


def os_reason(error: OSError) -> str:
    """What the OS refused, in the current language ("izin ditolak" / "permission denied"); "" for an errno not in
    ``OS_REASONS``."""
    reason = OS_REASONS.get(error.errno)
    return message(f"os_{reason}") if reason else ""


class StoreError(RuntimeError):
    """The store could not be read or written.

    ``reason`` is one of ``REASONS`` (what the participant is told, in their language); ``detail`` is the
    raw error for the instructor: errno name, the OS's text and the file's name, never its full path.
    """

    def __init__(self, detail: str = "", reason: str = "other"):
        super().__init__(detail)
        self.detail = detail
        self.reason = reason

    @classmethod
    def from_os_error(cls, error: OSError) -> "StoreError":
        reason = _store_reason(error.errno)
        name = errno.errorcode.get(error.errno, type(error).__name__) if error.errno else type(error).__name__
        detail = f"{name}: {error.strerror or error}"
        if error.filename is not None:
            detail += f" ({Path(os.fsdecode(error.filename)).name})"
        return cls(detail, reason=reason)


class StoreFullError(StoreError):
    """Writing would make the store larger than ``MAX_STORE_BYTES``."""

    def __init__(self, detail: str = ""):
        super().__init__(detail, reason="full")


@contextlib.contextmanager
def _os_errors_as_store_errors() -> Iterator[None]:
    """Let no bare ``OSError`` out of the store: callers catch ``StoreError`` only."""
    try:
        yield
    except OSError as error:
        raise StoreError.from_os_error(error) from error


class _Unreadable(ValueError):
    """The file exists but is not a valid answer store."""


@contextlib.contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``lock_path`` (POSIX ``flock``; Windows ``msvcrt``)."""
    with open(lock_path, "a+b") as handle:
        try:
            import fcntl
        except ImportError:  # Windows
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
            try:
                yield
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _parse(raw: bytes) -> dict:
    """Return the answers mapping of a store file's bytes, or raise ``_Unreadable`` with a reason in the current
    language (Bahasa Indonesia or English, ``store_*`` messages)."""
    if len(raw) > MAX_STORE_BYTES:
        raise _Unreadable(message("store_too_large", size=MAX_STORE_BYTES // 1024))
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _Unreadable(message("store_not_json")) from None
    except RecursionError:
        raise _Unreadable(message("store_too_deep")) from None
    except ValueError:  # an integer with more digits than Python converts
        raise _Unreadable(message("store_long_number")) from None
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        raise _Unreadable(message("store_no_answers"))
    if data.get("schema_version") != SCHEMA_VERSION or isinstance(data.get("schema_version"), bool):
        shown = data.get("schema_version")
        shown = shown if isinstance(shown, (int, str)) and len(str(shown)) < 20 else type(shown).__name__
        raise _Unreadable(message("store_schema", shown=shown, expected=SCHEMA_VERSION))
    return {
        item_id: entry
        for item_id, entry in data["answers"].items()
        if isinstance(entry, dict) and "value" in entry
    }


@dataclass(frozen=True)
class StoreReading:
    """What a store file holds: its answers, or why it could not be read (``problem``, in the current language).

    The language is the one current when the file was read (``course.set_language`` / ``KURSUS_LANG``): the
    instructor's tools read and write in one process, so the reason reaches the report, nilai.csv, feedback and
    audit in the language of their pages. Code tells the cases apart by ``missing`` and ``problem != ""`` only.
    """

    answers: dict = field(default_factory=dict)
    problem: str = ""
    missing: bool = False

    @property
    def reason(self) -> str:
        """Why the file gave no answers, for people: ``problem``, "tidak ada berkas jawaban" / "no answer file"
        when it is missing, "" when it was read."""
        return self.problem or (message("store_missing") if self.missing else "")


def inspect_store(path: str | os.PathLike) -> StoreReading:
    """Read a store without changing anything; never raises. The one reader of grading and instructor tools."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_STORE_BYTES + 1)
    except FileNotFoundError:
        return StoreReading(missing=True)
    except IsADirectoryError:
        return StoreReading(problem=message("store_is_folder", name=Path(path).name))
    except PermissionError:
        return StoreReading(problem=message("store_cannot_read", reason=message("os_permission")))
    except OSError as error:
        return StoreReading(problem=message("store_cannot_read", reason=type(error).__name__))
    try:
        return StoreReading(answers=_parse(raw))
    except _Unreadable as problem:
        return StoreReading(problem=str(problem))


def read_answers(path: str | os.PathLike) -> dict:
    """The stored answers; an absent or unreadable file gives ``{}`` (see ``inspect_store`` for why)."""
    return inspect_store(path).answers


class AnswerStore:
    """The answers of one assignment folder, kept in ``<directory>/jawaban.json``."""

    def __init__(self, directory: str | os.PathLike | None = None, assignment: str = ""):
        self.directory = Path(directory) if directory is not None else Path.cwd()
        self.assignment = assignment
        self.path = self.directory / STORE_NAME
        self.lock_path = self.directory / f".{STORE_NAME}.lock"
        self.moved_aside: Path | None = None
        """Where an unreadable store was moved, if this store moved one."""

    # reading -----------------------------------------------------------------
    def _load(self) -> dict:
        """Read the answers (lock must be held); move an unreadable file aside."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        try:
            return _parse(raw)
        except _Unreadable:
            self.moved_aside = self._move_aside()
            return {}

    def _load_unlocked(self) -> dict | None:
        """Read without the lock (writes are atomic, so a reader never sees half a file);
        ``None`` if the file is unreadable and must be dealt with under the lock."""
        try:
            return _parse(self.path.read_bytes())
        except FileNotFoundError:
            return {}
        except _Unreadable:
            return None

    def _move_aside(self) -> Path:
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"jawaban.rusak-{stamp}.json")
        counter = 1
        while aside.exists():
            aside = self.path.with_name(f"jawaban.rusak-{stamp}-{counter}.json")
            counter += 1
        os.replace(self.path, aside)
        return aside

    def answers(self) -> dict:
        """Return ``{item_id: {"value": ..., "saved_at": ...}}`` for every stored answer.

        Raises ``StoreError`` if the file exists but the OS will not let it be read (a folder, no permission).
        """
        with _os_errors_as_store_errors():
            answers = self._load_unlocked()
            if answers is not None:
                return answers
            with _locked(self.lock_path):
                return self._load()

    def get(self, item_id: str, default: Any = None) -> Any:
        """Return the stored value of ``item_id``, or ``default``."""
        entry = self.answers().get(item_id)
        return entry["value"] if entry else default

    def saved_at(self, item_id: str) -> _dt.datetime | None:
        """Return when ``item_id`` was last saved, or ``None``."""
        entry = self.answers().get(item_id)
        try:
            return _dt.datetime.fromisoformat(entry["saved_at"]) if entry else None
        except (KeyError, TypeError, ValueError):
            return None

    # writing -----------------------------------------------------------------
    def save(self, item_id: str, value: Any) -> _dt.datetime:
        """Store ``value`` for ``item_id`` and return the time it was saved.

        Raises ``StoreFullError`` if the store would pass ``MAX_STORE_BYTES`` and ``StoreError`` for anything
        the OS refuses (lock, read, moving a corrupt file aside, write); ``TypeError`` for a bad ``item_id``.
        """
        if not isinstance(item_id, str) or not item_id:
            raise TypeError("item_id must be a non-empty string")
        now = _dt.datetime.now().replace(microsecond=0)
        with _os_errors_as_store_errors(), _locked(self.lock_path):
            self._remove_stale_temporaries()
            answers = self._load()
            answers[item_id] = {"value": value, "saved_at": now.isoformat()}
            document = {"schema_version": SCHEMA_VERSION, "assignment": self.assignment, "answers": answers}
            # compact and without indent, so json uses its C encoder (about twice as fast as indent=1)
            payload = json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
            if len(payload) > MAX_STORE_BYTES:
                raise StoreFullError(f"store would be {len(payload)} bytes")
            self._write_atomically(payload)
        return now

    def _remove_stale_temporaries(self) -> None:
        """Delete temporary files of writes killed before ``os.replace`` (lock must be held).

        Every writer holds the lock from writing its temporary file until it replaces the store, so
        under the lock no such file belongs to a write still in progress.
        """
        with contextlib.suppress(OSError), os.scandir(self.directory) as entries:
            for entry in entries:
                if _TEMPORARY.fullmatch(entry.name):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)

    def _write_atomically(self, payload: bytes) -> None:
        temporary = self.path.with_name(f".{STORE_NAME}.{os.getpid()}.tmp")
        try:
            with open(temporary, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, FILE_MODE)
            os.replace(temporary, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise
        with contextlib.suppress(OSError, AttributeError):
            directory = os.open(self.directory, os.O_RDONLY)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)
