"""Short text: a word or a short phrase, right when it matches an accepted variant. Stored: the text.

Matching ignores case, accents, punctuation and extra spaces.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ._base import Example, Kind, Unreadable, preview

__all__ = ["ShortText", "score_short_text", "normalise_text", "MAX_LENGTH"]

MAX_LENGTH = 1000


def normalise_text(text: str) -> str:
    """Lower case, no accents, punctuation as spaces, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w]+", " ", without_accents).split())


def score_short_text(answer: Any, key: dict) -> float:
    if not isinstance(answer, str) or len(answer) > MAX_LENGTH:
        return 0.0
    given = normalise_text(answer)
    accepted = {normalise_text(variant) for variant in key["accepted"]}
    return 1.0 if given and given in accepted else 0.0


class ShortText(Kind):
    name = "short_text"
    widget = "course.widgets.text:ShortText"
    board = "phrases"
    practice_schema = {"properties": {"key": {
        "type": "object", "required": ["accepted"], "additionalProperties": False,
        "properties": {"accepted": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}}}}}}

    def key_problem(self, item, key):
        accepted = key.get("accepted") if isinstance(key, dict) else None
        if isinstance(accepted, list) and accepted and all(isinstance(text, str) and text for text in accepted):
            return None
        return "kunci harus {'accepted': [teks, ...]}"

    def parse(self, item, stored):
        if not isinstance(stored, str) or len(stored) > MAX_LENGTH:
            raise Unreadable("bukan teks pendek", preview(stored))
        return stored

    def score(self, item, value, key):
        return score_short_text(value, key)

    def key_text(self, item, key):
        accepted = [text for text in key.get("accepted", []) if isinstance(text, str)]
        more = f" (juga diterima: {'; '.join(accepted[1:])})" if len(accepted) > 1 else ""
        return (accepted[0] if accepted else "") + more

    def key_parts(self, item, key):
        return []

    def reveals_key(self, item, key, text):
        lowered = text.casefold()
        return any(variant.casefold() in lowered for variant in key.get("accepted", []) if variant.strip())

    def examples(self, item, key):
        first = key["accepted"][0]
        return [
            Example("right", first, 1.0, says=(first,)),
            Example("right", f"  {first.upper()}! ", 1.0),
            *[Example("right", variant, 1.0) for variant in key["accepted"][1:]],
            Example("wrong", "jawaban yang keliru", 0.0, says=("jawaban yang keliru",)),
            Example("wrong", "", 0.0),
            Example("wrong", f"{first} adalah jawabannya", 0.0),
            Example("invalid", first + " " * MAX_LENGTH, 0.0),
            Example("invalid", 42, 0.0),
            Example("invalid", [first], 0.0),
            Example("invalid", {"accepted": [first]}, 0.0),
        ]

    def synthetic(self, item, key, ability, rng):
        return key["accepted"][0] if rng.random() < ability else "tidak tahu"
