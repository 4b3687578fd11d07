"""Numeric: a number typed in (decimal comma allowed), right within a tolerance. Stored: the number."""

from __future__ import annotations

import math
import re
from typing import Any

from ._base import Example, Kind, Unreadable, is_number, preview

__all__ = ["Numeric", "score_numeric"]


def _finite(value: Any) -> bool:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:  # an int too large for a float
        return False


def score_numeric(answer: Any, key: dict) -> float:
    if not _finite(answer):
        return 0.0
    return 1.0 if abs(answer - key["value"]) <= key["tolerance"] + 1e-9 else 0.0


def _number(value: float) -> str:
    return f"{round(float(value), 2):g}".replace(".", ",")


class Numeric(Kind):
    name = "numeric"
    widget = "course.widgets.text:NumericAnswer"
    board = "spread"
    practice_schema = {"properties": {"key": {
        "type": "object", "required": ["value", "tolerance"], "additionalProperties": False,
        "properties": {"value": {"type": "number"}, "tolerance": {"type": "number", "minimum": 0}}}}}

    def key_problem(self, item, key):
        if isinstance(key, dict) and set(key) == {"value", "tolerance"} and all(_finite(key[name]) for name in key) \
                and key["tolerance"] >= 0:
            return None
        return "kunci harus {'value': angka, 'tolerance': angka >= 0}"

    def parse(self, item, stored):
        if not is_number(stored):
            raise Unreadable("bukan angka", preview(stored))
        return stored

    def score(self, item, value, key):
        return score_numeric(value, key)

    def describe(self, item, value):
        return f"{value} {item.unit}".strip()

    def key_text(self, item, key):
        tolerance = key.get("tolerance") or 0
        return self.describe(item, key.get("value")) + (f" (\u00b1 {_number(tolerance)})" if tolerance else "")

    def key_parts(self, item, key):
        return []

    def reveals_key(self, item, key, text):
        number = f"{key.get('value'):g}" if _finite(key.get("value")) else ""
        return bool(number) and re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d])", text) is not None

    def examples(self, item, key):
        value, tolerance = key["value"], key["tolerance"]
        return [
            Example("right", value, 1.0, says=(str(value),)),
            Example("right", value + tolerance, 1.0),
            Example("right", float(value), 1.0),
            Example("wrong", value + tolerance + 1, 0.0),
            Example("wrong", -value - tolerance - 1, 0.0),
            Example("invalid", str(value), 0.0),
            Example("invalid", True, 0.0),
            Example("invalid", 10**400, 0.0),
            Example("invalid", [value], 0.0),
        ]

    def synthetic(self, item, key, ability, rng):
        return key["value"] if rng.random() < ability else key["value"] + key["tolerance"] + 1
