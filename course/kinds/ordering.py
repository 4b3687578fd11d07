"""Ordering: arrange every entry in order (Up/Down buttons). Stored: the entry ids in order.

Score: Kendall's tau between the answer and the key, floored at 0 (share of pairs in the right
relative order minus the share in the wrong one): one swap of neighbours in five steps scores 0.8.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from ._base import Example, Kind, Unreadable, preview

__all__ = ["Ordering", "score_ordering"]


def score_ordering(answer: Any, key: list) -> float:
    if not isinstance(answer, list) or not all(isinstance(entry, str) for entry in answer) \
            or sorted(answer) != sorted(key):
        return 0.0
    if len(key) < 2:
        return 1.0
    position = {entry: index for index, entry in enumerate(answer)}
    pairs = list(combinations(key, 2))
    concordant = sum(1 for first, second in pairs if position[first] < position[second])
    return max(0.0, (2 * concordant - len(pairs)) / len(pairs))


class Ordering(Kind):
    name = "ordering"
    minutes = 1.0
    minutes_per_entry = 0.3
    widget = "course.widgets.ordering:Ordering"
    board = "positions"
    ordered = True
    bank_schema = {"required": ["entries"]}
    practice_schema = {"properties": {"key": {"type": "array", "items": {"type": "string"}, "uniqueItems": True}}}

    def key_problem(self, item, key):
        ids = item.choice_ids()
        if isinstance(key, list) and all(isinstance(entry, str) for entry in key) and sorted(key) == sorted(ids):
            return None
        if isinstance(key, list) and not all(isinstance(entry, str) for entry in key):
            return f"kunci harus berisi id teks, bukan {key!r}"
        return f"kunci harus urutan lengkap dari entri {ids}"

    def parse(self, item, stored):
        """Every entry of the item exactly once; anything else is not an order."""
        ids = item.choice_ids()
        if not isinstance(stored, list) or len(stored) != len(ids) \
                or not all(isinstance(entry, str) for entry in stored) or sorted(stored) != sorted(ids):
            raise Unreadable("bukan urutan lengkap dari semua langkah", preview(stored))
        return list(stored)

    def score(self, item, value, key):
        return score_ordering(value, key)

    def parts(self, item, value):
        return [item.text_of(entry) for entry in value]

    def describe(self, item, value):
        return " \u2192 ".join(self.parts(item, value))

    def examples(self, item, key):
        pairs = len(key) * (len(key) - 1) / 2
        swapped = [key[1], key[0], *key[2:]]
        return [
            Example("right", list(key), 1.0, says=(" \u2192 ".join(item.text_of(entry) for entry in key),)),
            Example("partly_right" if len(key) > 2 else "wrong", swapped, max(0.0, (pairs - 2) / pairs)),
            Example("wrong", list(reversed(key)), 0.0),
            Example("invalid", key[:-1], 0.0),
            Example("invalid", [*key, key[0]], 0.0),
            Example("invalid", [*key[:-1], "bukan_entri"], 0.0),
            Example("invalid", {entry: index for index, entry in enumerate(key)}, 0.0),
        ]

    def synthetic(self, item, key, ability, rng):
        return list(key) if rng.random() < ability else list(reversed(key))
