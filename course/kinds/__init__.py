"""Kinds of items: each kind is one module that owns how its answer is checked, parsed, scored, shown and described.

Every consumer — grading, the widgets, the bank loader, feedback, statistics, the synthetic cohort,
results, debrief and report — goes through the functions below; none of them compares a kind's name.
The functions here never raise on a stored value: a value that is not an answer of its kind is
an ``Unreadable`` (with a reason), scores 0 and is described by a short, safe preview.

Adding a kind
-------------
1. Write ``course/kinds/<name>.py`` with a subclass of ``Kind`` (see ``_base.py``; ``single_choice.py``
   is the shortest complete example): ``name``, ``widget`` ("module:Class"), the bank fields it needs
   (``bank_schema``), ``key_problem``, ``parse``, ``score`` (or ``auto_graded = False``), ``describe``,
   and ``examples``.
2. Add an instance to ``_ALL`` below.
3. Add ``tests/kinds/test_<name>.py``: ``checks.tests_for(NAME)`` runs every example of every installed item
   of the kind (score, parse, description, the widget restoring it), and the property test in
   ``tests/kinds/test_hostile_values.py`` picks the new kind up by itself. Nothing else changes: the bank
   schema, the widgets' header, feedback, statistics and the demo all ask the kind.
"""

from __future__ import annotations

import random
from typing import Any

from ._base import Example, Kind, Unreadable, bounded, preview
from .actor_map import ActorMap
from .classification import Classification
from .coupling_explorer import CouplingExplorer
from .multiple_select import MultipleSelect
from .negotiation_pair import NegotiationPair
from .negotiation_solo import NegotiationSolo
from .numeric import Numeric
from .ordering import Ordering
from .reflection import Reflection
from .short_text import ShortText
from .single_choice import SingleChoice
from .structured_reflection import StructuredReflection

__all__ = [
    "Kind", "Unreadable", "Example", "KINDS", "kind_of", "names", "manual_names", "key_problem", "parse",
    "score", "score_answer", "describe", "parts", "key_text", "key_parts", "reveals_key", "option_counts",
    "examples", "synthetic", "widget_class", "UNANSWERED",
]

_ALL = (
    SingleChoice(), MultipleSelect(), Classification(), Ordering(), Numeric(), ShortText(),
    Reflection(), StructuredReflection(), ActorMap(), CouplingExplorer(), NegotiationPair(), NegotiationSolo(),
)
KINDS: dict[str, Kind] = {kind.name: kind for kind in _ALL}
UNANSWERED = "(tidak dijawab)"
"""The option of the unanswered row of ``option_counts``: a key, the same in every language (opsi.csv's ``option``
column, tests). People read it in the page's language: the report writes ``page_words`` "report_unanswered" in
opsi.csv's ``option_text`` ("(not answered)" in English mode)."""


def names() -> tuple[str, ...]:
    return tuple(KINDS)


def manual_names() -> tuple[str, ...]:
    """Kinds with no key: the instructor reads (and, for graded items, marks) the answer."""
    return tuple(name for name, kind in KINDS.items() if not kind.auto_graded)


def kind_of(item_or_name) -> Kind:
    """The kind of an item (or of a kind's name); ``ValueError`` for a name no module declares."""
    name = item_or_name if isinstance(item_or_name, str) else item_or_name.kind
    try:
        return KINDS[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown kind of item {name!r}; known: {', '.join(KINDS)}") from None


# bank ----------------------------------------------------------------------------
def key_problem(item, key: Any) -> str | None:
    """Why ``key`` does not fit ``item``, or None."""
    return kind_of(item).key_problem(item, key)


# answers -------------------------------------------------------------------------
def parse(item, stored: Any) -> Any:
    """``stored`` as a clean value of the item's kind, ``None`` when unanswered, or an ``Unreadable``."""
    if stored is None:
        return None
    try:
        bounded(stored)
        return kind_of(item).parse(item, stored)
    except Unreadable as problem:
        return problem if problem.shown else Unreadable(problem.reason, preview(stored))
    except Exception as error:  # noqa: BLE001 - a data file the kind needs, or a kind's own bug: never the caller's crash
        return Unreadable(f"tidak dapat dibaca ({type(error).__name__})", preview(stored))


def _answered(value: Any) -> bool:
    return value is not None and not isinstance(value, Unreadable)


def score(item, stored: Any, key: Any) -> float:
    """The fraction 0..1 that ``stored`` earns on ``item`` against ``key``; 0 when unanswered or unreadable."""
    value = parse(item, stored)
    return score_answer(item.kind, value, key, item) if _answered(value) else 0.0


def score_answer(name: str, value: Any, key: Any, item=None) -> float:
    """The fraction 0..1 that kind ``name``'s checker gives ``value`` (``item`` None: only the key is known);
    ``ValueError`` for a kind without a checker."""
    kind = kind_of(name) if name in KINDS else None
    if kind is None or not kind.auto_graded:
        raise ValueError(f"no automatic checker for kind {name!r}")
    try:
        fraction = float(kind.score(item, value, key))
    except (TypeError, ValueError, KeyError, AttributeError, OverflowError, RecursionError):
        return 0.0
    return min(1.0, max(0.0, fraction)) if fraction == fraction else 0.0


def _words(function, item, value, fallback):
    try:
        return function(item, value)
    except Exception:  # noqa: BLE001 - describing must never stop a page for the whole class
        return fallback


def describe(item, stored: Any) -> str:
    """The participant's answer in words."""
    from .._messages import message

    value = parse(item, stored)
    if value is None:
        return message("no_answer")
    if isinstance(value, Unreadable):
        return value.shown or message("no_answer")
    return _words(kind_of(item).describe, item, value, preview(stored)) or message("no_answer")


def parts(item, stored: Any) -> list[str]:
    """The answer in words, one piece per choice, match or step ([] when it is one piece or unreadable)."""
    value = parse(item, stored)
    return _words(kind_of(item).parts, item, value, []) if _answered(value) else []


def key_text(item, key: Any) -> str:
    return _words(kind_of(item).key_text, item, key, preview(key))


def key_parts(item, key: Any) -> list[str]:
    return _words(kind_of(item).key_parts, item, key, [])


def reveals_key(item, key: Any, text: str) -> bool:
    """True when ``text`` would give away ``key`` (explanations on feedback pages)."""
    return bool(_words(lambda item, key: kind_of(item).reveals_key(item, key, text), item, key, False))


# item analysis -------------------------------------------------------------------
def option_counts(item, stored_values) -> list[tuple[str, str, int]] | None:
    """(entry, option, participants) for every option of every entry, unanswered last; None for kinds without
    options. Unreadable answers count as unanswered; ticks of unknown options are not counted."""
    kind = kind_of(item)
    options = kind.choices(item)
    if options is None:
        return None
    values = [parse(item, stored) for stored in stored_values]
    rows = []
    for entry in kind.entries(item):
        counts = dict.fromkeys(options, 0)
        unanswered = 0
        for value in values:
            picks = [pick for pick in kind.picks(item, value).get(entry, []) if pick in counts] \
                if _answered(value) else []
            unanswered += not picks
            for pick in dict.fromkeys(picks):
                counts[pick] += 1
        rows += [(entry, option, count) for option, count in counts.items()]
        rows.append((entry, UNANSWERED, unanswered))
    return rows


# tests, demo, notebooks ----------------------------------------------------------
def examples(item, key: Any = None) -> list[Example]:
    """The kind's example stored values for ``item`` (``key``: the graded key, else the practice key)."""
    return kind_of(item).examples(item, key if key is not None else item.key)


def synthetic(item, key: Any, ability: float, rng: random.Random) -> Any:
    """A synthetic participant's stored answer (None: left open)."""
    kind = kind_of(item)
    key = key if key is not None else item.key
    if kind.auto_graded and key is None:
        return None
    return kind.synthetic(item, key, ability, rng)


def widget_class(item) -> type:
    """The ipywidgets class that shows ``item`` (imported on first use: instructor tools never load widgets)."""
    from importlib import import_module

    module, name = kind_of(item).widget.split(":")
    return getattr(import_module(module), name)
