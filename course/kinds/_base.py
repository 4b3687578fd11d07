"""The protocol every kind of item implements, and the small checks kinds share.

A stored value comes from a participant's ``jawaban.json``: anything JSON can hold, and more
when a test or a tool hands a Python value over. ``bounded`` is the first gate (size, depth,
number size); each kind's ``parse`` is the second (shape, known ids).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Any, ClassVar

__all__ = [
    "Kind", "Unreadable", "Example", "bounded", "preview", "is_number", "short_text",
    "MAX_DEPTH", "MAX_NODES", "MAX_TEXT", "MAX_ID", "MAX_MAGNITUDE",
]

MAX_DEPTH = 6            # a negotiation history (the deepest honest value) is 4 levels deep
MAX_NODES = 4000         # containers and scalars in one stored value
MAX_TEXT = 20_000        # characters in one string (a reflection holds at most 8000)
MAX_ID = 120             # characters in an option, entry, category or field id
MAX_MAGNITUDE = 10**15   # numbers beyond this are not answers (and big ints break str())


class Unreadable(ValueError):
    """A stored value that is not an answer of its item's kind; ``reason`` says why, in Bahasa Indonesia."""

    def __init__(self, reason: str, shown: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.shown = shown  # a short, safe rendering of what was stored


@dataclass(frozen=True)
class Example:
    """A stored value and what it must earn: ``fraction`` of the points (None: a kind graded by hand).

    ``label`` is one of "right", "partly_right", "wrong", "invalid"; ``says`` are phrases the
    answer's description must contain.
    """

    label: str
    stored: Any
    fraction: float | None = None
    says: tuple = field(default=())


def is_number(value: Any) -> bool:
    """A finite int or float (not a bool) no larger than ``MAX_MAGNITUDE``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return -MAX_MAGNITUDE <= value <= MAX_MAGNITUDE


def short_text(value: Any, limit: int = MAX_ID) -> bool:
    """A string of at most ``limit`` characters (ids, names)."""
    return isinstance(value, str) and len(value) <= limit


def bounded(value: Any) -> None:
    """Raise ``Unreadable`` unless ``value`` is plain JSON data of a sane size (walked without recursion)."""
    pending, nodes = [(value, 1)], 0
    while pending:
        current, depth = pending.pop()
        nodes += 1
        if nodes > MAX_NODES:
            raise Unreadable("jawaban terlalu besar")
        if depth > MAX_DEPTH:
            raise Unreadable("jawaban terlalu dalam bersarang")
        if current is None or isinstance(current, bool):
            continue
        if isinstance(current, str):
            if len(current) > MAX_TEXT:
                raise Unreadable("teks terlalu panjang")
        elif isinstance(current, (int, float)):
            if not is_number(current):
                raise Unreadable("angka tidak wajar")
        elif isinstance(current, list):
            pending += [(child, depth + 1) for child in current]
        elif isinstance(current, dict):
            for name, child in current.items():
                if not isinstance(name, str) or len(name) > MAX_TEXT:
                    raise Unreadable("nama isian tidak wajar")
                pending.append((child, depth + 1))
        else:
            raise Unreadable(f"bukan data jawaban ({type(current).__name__})")


def preview(value: Any, limit: int = 200) -> str:
    """A short text for any value, safe for huge, deep or odd ones (shown where a stored value is unreadable)."""
    if isinstance(value, str):
        return value if len(value) <= limit else value[:limit] + "\u2026"
    if value is None or isinstance(value, bool) or (isinstance(value, (int, float)) and is_number(value)):
        return str(value)
    if isinstance(value, (int, float)):
        return "(angka tidak wajar)"
    if isinstance(value, (list, tuple)):
        return f"(daftar {len(value)} isian)"
    if isinstance(value, dict):
        names = ", ".join(preview(name, 30) for name in list(value)[:5])
        more = ", \u2026" if len(value) > 5 else ""
        return f"(isian: {names}{more})"
    return f"({type(value).__name__})"


TYPED_WORDS_PER_MINUTE = 10
"""Typing speed assumed for officials writing a reflection (thinking included)."""


class Kind:
    """One kind of item: how its key is checked, its answer parsed, scored, shown, described and counted.

    Subclasses set the class attributes and override what differs; values handed to ``score``,
    ``describe``, ``parts`` and ``picks`` have passed ``parse``. Module-level functions in
    ``course.kinds`` wrap these methods so that no caller ever sees an exception.
    """

    name: ClassVar[str] = ""
    auto_graded: ClassVar[bool] = True
    """True: a key exists and the course scores the answer; False: the instructor reads (and marks) it."""
    label: ClassVar[str] = ""
    """Message key of the tag shown after "Latihan"/"Soal penilaian" ("" for none)."""
    widget: ClassVar[str] = ""
    """The widget class as "module:Class", imported only when a notebook shows the item."""
    ordered: ClassVar[bool] = False
    """The answer's parts are steps in an order (numbered in feedback); the widget starts from the declared order."""
    one_option_key: ClassVar[bool] = False
    """The key is one option: the bank lint checks where keys sit among the options and how long they are."""
    options_explained: ClassVar[bool] = False
    """A graded item's Pembahasan says, per option outside the key, why it is not the answer (``why_not``)."""
    board: ClassVar[str] = "texts"
    """How the facilitator's class board (``course/board/views.py``) shows the class's answers: "shares" (option
    shares; a matrix when the kind has entries), "positions", "spread" (numbers), "phrases" (distinct short
    answers counted), "texts" (one card per answer), "fields" (cards per field), "actors", "sliders", "pairs",
    "games"."""
    minutes: ClassVar[float] = 1.0
    """Minutes a participant needs to answer one item of this kind, besides reading it (the session time budget)."""
    minutes_per_entry: ClassVar[float] = 0.0
    """Extra minutes per entry or field (classification, ordering, structured reflections)."""
    bank_schema: ClassVar[dict] = {}
    """JSON Schema every bank item of this kind must also satisfy (fields it needs)."""
    practice_schema: ClassVar[dict] = {}
    """JSON Schema a practice item of this kind must also satisfy (the key's shape, feedback)."""

    def answer_minutes(self, item) -> float:
        """Minutes to answer ``item`` (not to read it): thinking, clicking and typing ``min_words`` at 10 words/min."""
        parts = len(item.entries) + len(item.fields)
        return self.minutes + self.minutes_per_entry * parts + item.min_words / TYPED_WORDS_PER_MINUTE

    # bank -------------------------------------------------------------------------
    def key_problem(self, item, key: Any) -> str | None:
        """Why ``key`` does not fit ``item`` (in Bahasa Indonesia), or None when it does."""
        if not self.auto_graded:
            return "jawaban jenis ini dibaca/dinilai manual oleh instruktur dan tidak punya kunci"
        raise NotImplementedError

    # answers ----------------------------------------------------------------------
    def parse(self, item, stored: Any) -> Any:
        """``stored`` (not None, already ``bounded``) as a clean value; raise ``Unreadable`` if it is not one."""
        raise NotImplementedError

    def score(self, item, value: Any, key: Any) -> float:
        """The fraction 0..1 of the points ``value`` earns on ``item`` against ``key`` (auto-graded kinds).

        ``item`` may be None when a caller has only the key (``course.kinds.score_answer``)."""
        raise TypeError(f"no automatic checker for kind {self.name!r}")

    def describe(self, item, value: Any) -> str:
        """The answer in words (summaries, feedback, debrief)."""
        return str(value)

    def parts(self, item, value: Any) -> list[str]:
        """The answer in words, one piece per choice, match or step; [] when it is one piece."""
        return []

    def key_text(self, item, key: Any) -> str:
        """The right answer in words."""
        return self.describe(item, self.parse(item, key))

    def key_parts(self, item, key: Any) -> list[str]:
        return self.parts(item, self.parse(item, key))

    def reveals_key(self, item, key: Any, text: str) -> bool:
        """True when ``text`` (an explanation) would give ``key`` away."""
        return False

    # item analysis ----------------------------------------------------------------
    def choices(self, item) -> list[str] | None:
        """Ids a participant picks from, for option shares; None when the kind has no options."""
        return None

    def entries(self, item) -> list[str]:
        """What each pick belongs to ("" when the item is one question)."""
        return [""]

    def picks(self, item, value: Any) -> dict:
        """{entry: [picked option ids]} of one clean answer."""
        return {}

    # tests and synthetic cohorts ----------------------------------------------------
    def examples(self, item, key: Any) -> list[Example]:
        """Right, partly right, wrong and invalid stored values for ``item`` and the fraction each earns."""
        raise NotImplementedError

    def synthetic(self, item, key: Any, ability: float, rng: random.Random) -> Any:
        """What a participant who is right with probability ``ability`` stores (None: leaves it open)."""
        found = self.examples(item, key)
        right = [example.stored for example in found if example.label == "right"]
        other = [example.stored for example in found if example.label in ("partly_right", "wrong")]
        if not right:
            return None
        return right[0] if rng.random() < ability or not other else rng.choice(other)
