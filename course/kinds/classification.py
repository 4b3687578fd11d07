"""Classification / matching: put each entry into one category (one drop-down per entry).

Stored: {entry id: category id}. Score: the fraction of entries in the right category.
"""

from __future__ import annotations

from typing import Any

from ._base import Example, Kind, Unreadable, preview, short_text

__all__ = ["Classification", "score_classification"]


def score_classification(answer: Any, key: dict) -> float:
    if not isinstance(answer, dict) or not key:
        return 0.0
    right = sum(1 for entry, category in key.items() if answer.get(entry) == category)
    return right / len(key)


def _category_ids(item) -> set:
    return {category["id"] for category in item.categories}


class Classification(Kind):
    name = "classification"
    minutes = 0.5
    minutes_per_entry = 0.3
    widget = "course.widgets.classification:Classification"
    board = "shares"
    bank_schema = {"required": ["categories", "entries"]}
    practice_schema = {"properties": {"key": {"type": "object", "additionalProperties": {"type": "string"}}}}

    def key_problem(self, item, key):
        ids, categories = item.choice_ids(), _category_ids(item)
        if isinstance(key, dict) and set(key) == set(ids) and all(isinstance(c, str) for c in key.values()) \
                and set(key.values()) <= categories:
            return None
        if isinstance(key, dict) and not all(isinstance(c, str) for c in key.values()):
            return f"kunci harus berisi id teks, bukan {key!r}"
        return f"kunci harus memetakan setiap entri {ids} ke kategori {sorted(categories)}"

    def parse(self, item, stored):
        """Entries of this item placed in one of its categories, in the item's order; the rest is dropped."""
        if not isinstance(stored, dict):
            raise Unreadable("bukan pemetaan entri ke kategori", preview(stored))
        categories = _category_ids(item)
        return {entry: stored[entry] for entry in item.choice_ids()
                if short_text(stored.get(entry)) and stored[entry] in categories}

    def score(self, item, value, key):
        return score_classification(value, key)

    def parts(self, item, value):
        return [f"{item.text_of(entry)} \u2192 {item.text_of(category)}" for entry, category in value.items()]

    def describe(self, item, value):
        return "; ".join(self.parts(item, value))

    def choices(self, item):
        return [category["id"] for category in item.categories]

    def entries(self, item):
        return item.choice_ids()

    def picks(self, item, value):
        return {entry: [category] for entry, category in value.items()}

    def examples(self, item, key):
        categories = [category["id"] for category in item.categories]
        entries = list(key)
        other = {entry: next(c for c in categories if c != right) for entry, right in key.items()}
        one_off = dict(key, **{entries[0]: other[entries[0]]})
        return [
            Example("right", dict(key), 1.0, says=(f"{item.text_of(entries[0])} \u2192 {item.text_of(key[entries[0]])}",)),
            Example("right", dict(key, bukan_entri=categories[0]), 1.0),
            Example("partly_right", one_off, (len(key) - 1) / len(key)),
            Example("partly_right", {entries[0]: key[entries[0]]}, 1 / len(key)),
            Example("partly_right", dict(key, **{entries[0]: "bukan_kategori"}), (len(key) - 1) / len(key)),
            Example("wrong", other, 0.0),
            Example("wrong", {}, 0.0),
            Example("invalid", entries, 0.0),
            Example("invalid", "teks", 0.0),
        ]

    def synthetic(self, item, key, ability, rng):
        """Right with probability ``ability``; otherwise each entry has a 60 % chance of a wrong category."""
        if rng.random() < ability:
            return dict(key)
        categories = [category["id"] for category in item.categories]
        return {entry: (rng.choice([c for c in categories if c != right]) if rng.random() < 0.6 else right)
                for entry, right in key.items()}
