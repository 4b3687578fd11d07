"""Question banks: items declared once as data, checked against a schema when loaded."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import kinds
from ._mode import grading_mode

__all__ = [
    "Item", "Bank", "BankError", "load_bank", "bank_for", "find_item", "all_banks", "check_key", "check_why_not", "BANK_DIRECTORY",
]

BANK_DIRECTORY = Path(__file__).with_name("banks")


class BankError(ValueError):
    """A bank file, or a key given for one of its items, is not valid."""


@dataclass(frozen=True)
class Item:
    """One exercise: what the participant sees, and for practice items the key."""

    id: str
    kind: str
    mode: str
    objective: str
    prompt: str
    explanation: str = ""
    points: float = 0.0
    options: tuple = ()
    categories: tuple = ()
    entries: tuple = ()
    unit: str = ""
    placeholder: str = ""
    min_words: int = 0
    fields: tuple = ()
    max_rows: int = 12
    twin: str = ""
    level: str = ""
    key: Any = None
    feedback: dict = field(default_factory=dict)

    @property
    def is_practice(self) -> bool:
        return self.mode == "latihan"

    @property
    def in_objectives(self) -> bool:
        """False for orientation items about JupyterLab itself: they count towards no objective."""
        return self.objective != "orientasi"

    @property
    def is_manual(self) -> bool:
        """True when no key exists: the instructor reads the answer (and marks it if graded)."""
        return not kinds.kind_of(self.kind).auto_graded

    @property
    def assignment_prefix(self) -> str:
        return self.id.split(".", 1)[0]

    def choice_ids(self) -> list[str]:
        """Ids of the options (choice kinds) or entries (classification, ordering)."""
        return [choice["id"] for choice in (self.options or self.entries)]

    def text_of(self, choice_id: str) -> str:
        for choice in (*self.options, *self.categories, *self.entries, *self.fields):
            if choice["id"] == choice_id:
                return choice["text"]
        return choice_id


@dataclass(frozen=True)
class Bank:
    """The items of one assignment, in the order they were declared."""

    assignment: str
    items: dict

    def __getitem__(self, item_id: str) -> Item:
        return self.items[item_id]

    def __iter__(self):
        return iter(self.items.values())


def _kind_rules() -> list[dict]:
    """What the schema file leaves to the kinds: the known names, each kind's fields, and practice keys."""
    manual = list(kinds.manual_names())
    rules = [
        {"if": {"properties": {"mode": {"const": "latihan"}, "kind": {"not": {"enum": manual}}}},
         "then": {"required": ["key", "explanation"]}},
        {"if": {"properties": {"kind": {"enum": manual}}}, "then": {"not": {"required": ["key"]}}},
    ]
    for name, kind in kinds.KINDS.items():
        if kind.bank_schema:
            rules.append({"if": {"properties": {"kind": {"const": name}}}, "then": kind.bank_schema})
        if kind.practice_schema:
            rules.append({"if": {"properties": {"kind": {"const": name}, "mode": {"const": "latihan"}}},
                          "then": kind.practice_schema})
    return rules


@functools.lru_cache(maxsize=1)
def _validator():
    import jsonschema

    schema = json.loads((BANK_DIRECTORY / "schema.json").read_text(encoding="utf-8"))
    item = schema["$defs"]["item"]
    item["properties"]["kind"] = {"enum": list(kinds.names())}
    item["allOf"] = [*item["allOf"], *_kind_rules()]
    return jsonschema.Draft202012Validator(schema)


def _where(error) -> str:
    return "/".join(str(part) for part in error.absolute_path) or "(akar berkas)"


def check_key(item: Item, key: Any) -> None:
    """Raise ``BankError`` unless ``key`` fits ``item`` (right shape, known ids)."""
    problem = kinds.key_problem(item, key)
    if problem:
        raise BankError(f"Soal {item.id}: {problem}.")


def check_why_not(item: Item, key: Any, why_not: dict) -> None:
    """Raise ``BankError`` unless ``why_not`` explains only options of ``item`` that are not in ``key``."""
    options = {option["id"] for option in item.options}
    in_key = set(key) if isinstance(key, list) else {key} if isinstance(key, str) else set()
    wrong = sorted(set(why_not) - (options - in_key))
    if wrong or not all(isinstance(text, str) and text.strip() for text in why_not.values()):
        raise BankError(f"Soal {item.id}: why_not hanya untuk opsi yang bukan kunci, dengan teks; bukan {wrong}.")


_MARKUP = re.compile(
    r"(?P<mark>\*|`|~~|\[[^\]]*\]\(|<[A-Za-z/!][^>]*>|(?<![\w])_[^_\s][^_]*_(?![\w]))"
)
"""Markdown or HTML in a label: ``*``, a backtick, ``~~``, a link ``[...](``, a tag, or ``_emphasis_``."""

_LABEL_GROUPS = {"options": "opsi", "categories": "kategori", "entries": "entri", "fields": "kolom"}


def label_problem(text: str) -> str | None:
    """The Markdown or HTML mark in ``text``, or ``None`` if it is plain text.

    Labels (options, categories, entries, fields, unit, placeholder) are shown as they are: in radio
    buttons, drop-downs, check boxes, feedback lines, reports and charts. None of these renders
    Markdown, so a mark would be shown raw (``**Assignments**``); prompts and explanations may use it.
    """
    found = _MARKUP.search(text)
    return found.group("mark") if found else None


def _check_labels(item: Item) -> None:
    labels = [(f"{_LABEL_GROUPS[group]} {choice['id']}", choice["text"])
              for group in _LABEL_GROUPS for choice in getattr(item, group)]
    labels += [(name, getattr(item, name)) for name in ("unit", "placeholder") if getattr(item, name)]
    for where, text in labels:
        mark = label_problem(text)
        if mark:
            raise BankError(
                f"Soal {item.id}: teks {where} memuat tanda Markdown/HTML \u201c{mark}\u201d ({text!r}). "
                "Teks opsi, entri, kategori, kolom, satuan dan petunjuk isian ditampilkan apa adanya: "
                "tulis tanpa Markdown (istilah asing cukup ditulis biasa atau diberi tanda kutip)."
            )


def _check_item(item: Item) -> None:
    """Checks the schema cannot express: unique ids, plain-text labels, keys and feedback that refer to real options."""
    _check_labels(item)
    for group in (item.options, item.categories, item.entries, item.fields):
        ids = [choice["id"] for choice in group]
        if len(ids) != len(set(ids)):
            raise BankError(f"Soal {item.id}: ada id opsi/entri/kategori yang ganda: {ids}.")
    if item.is_practice and not item.is_manual:
        check_key(item, item.key)
    if item.feedback and set(item.feedback) != {option["id"] for option in item.options}:
        raise BankError(f"Soal {item.id}: umpan balik (feedback) harus ada untuk setiap opsi, tidak lebih.")


def _item_from(data: dict) -> Item:
    values = dict(data)
    for name in ("options", "categories", "entries", "fields"):
        values[name] = tuple(values.get(name, ()))
    return Item(**values)


def _check_schema(path: Path, data: Any) -> None:
    errors = sorted(_validator().iter_errors(data), key=lambda error: list(error.absolute_path))
    if errors:
        details = "; ".join(f"{_where(error)}: {error.message}" for error in errors[:5])
        raise BankError(f"Bank soal {path.name} tidak sesuai skema: {details}.")


def load_bank(path: str | Path, check_schema: bool = True) -> Bank:
    """Load and validate one bank file; raise ``BankError`` with a message in Bahasa Indonesia.

    ``check_schema=False`` skips only the JSON-schema check (and the ``jsonschema`` import, ~0.08 s):
    for the installed banks in a grading kernel, which are package data checked by ``kursus build``
    and the tests. Every other check still runs, and a bank of the wrong shape is still a ``BankError``.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BankError(f"Bank soal {path.name} tidak ditemukan ({path}).") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BankError(f"Bank soal {path.name} bukan JSON yang sah: {error}.") from None
    if check_schema:
        _check_schema(path, data)
        return _bank_from(path, data)
    try:
        return _bank_from(path, data)
    except (KeyError, TypeError, AttributeError):  # what the schema check would have caught: the wrong shape
        raise BankError(f"Bank soal {path.name} tidak sesuai skema.") from None


def _bank_from(path: Path, data: dict) -> Bank:
    items: dict[str, Item] = {}
    for entry in data["items"]:
        item = _item_from(entry)
        if item.id in items:
            raise BankError(f"Bank soal {path.name}: id soal {item.id} dipakai lebih dari sekali.")
        if not item.id.startswith(data["assignment"].split("_", 1)[0] + "."):
            raise BankError(f"Bank soal {path.name}: id soal {item.id} tidak berawalan {data['assignment'].split('_')[0]}.")
        _check_item(item)
        items[item.id] = item
    return Bank(assignment=data["assignment"], items=items)


@functools.lru_cache(maxsize=None)
def installed_bank(prefix: str) -> Bank | None:
    """The installed bank of one assignment (``"sm1"`` -> ``sm1_diplomasi.json``), loaded on first use; None if absent.

    A kernel needs only its own assignment's bank: loading (and validating) one file instead of all
    seven keeps the first ``show()`` quick. A grading kernel skips the schema check (see ``load_bank``).
    """
    paths = sorted(BANK_DIRECTORY.glob(f"{prefix}_*.json"))
    if not paths:
        return None
    bank = load_bank(paths[0], check_schema=not grading_mode())
    if bank.assignment.split("_", 1)[0] != prefix:
        raise BankError(f"Bank soal {paths[0].name} berisi tugas {bank.assignment}, bukan {prefix}.")
    return bank


@functools.lru_cache(maxsize=None)
def all_banks() -> dict:
    """Every installed bank, by id prefix (``"sm1"`` -> the bank of ``sm1_diplomasi``)."""
    prefixes = sorted(path.stem.split("_", 1)[0] for path in BANK_DIRECTORY.glob("*.json") if path.name != "schema.json")
    return {prefix: installed_bank(prefix) for prefix in prefixes}


def bank_for(item_id: str) -> Bank:
    """Return the installed bank that declares ``item_id``; ``KeyError`` if none."""
    bank = installed_bank(item_id.split(".", 1)[0]) if "." in item_id else None
    if bank is None or item_id not in bank.items:
        raise KeyError(item_id)
    return bank


def find_item(item_id: str) -> Item:
    """Return the installed item ``item_id``; ``KeyError`` if no bank declares it."""
    return bank_for(item_id)[item_id]
