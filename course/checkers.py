"""Pure scoring functions: an answer and a key in, a fraction between 0 and 1 out.

Every checker accepts anything as the answer: a missing, malformed or wrongly typed answer
scores 0, never raises. Partial credit:

- single choice: 1 or 0.
- multiple select: (right choices - wrong choices) / number of right options, floored at 0,
  so ticking every box earns nothing for free.
- classification / matching: the fraction of entries put in the right category.
- ordering: Kendall's tau between the answer and the key, floored at 0: the share of pairs in
  the right relative order minus the share in the wrong one. One swap of neighbours in five
  steps scores 0.8; a reversed order, or any order with more wrong pairs than right, scores 0.
- numeric: 1 if within the tolerance, else 0.
- short text: 1 if the normalised answer equals a normalised accepted variant (case, spaces,
  accents and punctuation ignored), else 0.
"""

from __future__ import annotations

import math
import re
import unicodedata
from itertools import combinations
from typing import Any

__all__ = [
    "score_single_choice",
    "score_multiple_select",
    "score_classification",
    "score_ordering",
    "score_numeric",
    "score_short_text",
    "normalise_text",
    "score_answer",
]


def _is_number(value: Any) -> bool:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:  # an int too large for a float
        return False


def score_single_choice(answer: Any, key: str) -> float:
    return 1.0 if isinstance(answer, str) and answer == key else 0.0


def score_multiple_select(answer: Any, key: list) -> float:
    if not isinstance(answer, list) or not all(isinstance(choice, str) for choice in answer):
        return 0.0
    chosen, right = set(answer), set(key)
    if not right:
        return 1.0 if not chosen else 0.0
    return max(0.0, (len(chosen & right) - len(chosen - right)) / len(right))


def score_classification(answer: Any, key: dict) -> float:
    if not isinstance(answer, dict) or not key:
        return 0.0
    right = sum(1 for entry, category in key.items() if answer.get(entry) == category)
    return right / len(key)


def score_ordering(answer: Any, key: list) -> float:
    if (
        not isinstance(answer, list)
        or not all(isinstance(entry, str) for entry in answer)
        or sorted(answer) != sorted(key)
    ):
        return 0.0
    if len(key) < 2:
        return 1.0
    position = {entry: index for index, entry in enumerate(answer)}
    pairs = list(combinations(key, 2))
    concordant = sum(1 for first, second in pairs if position[first] < position[second])
    tau = (2 * concordant - len(pairs)) / len(pairs)
    return max(0.0, tau)


def score_numeric(answer: Any, key: dict) -> float:
    if not _is_number(answer):
        return 0.0
    return 1.0 if abs(answer - key["value"]) <= key["tolerance"] + 1e-9 else 0.0


def normalise_text(text: str) -> str:
    """Lower case, no accents, punctuation as spaces, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w]+", " ", without_accents).split())


def score_short_text(answer: Any, key: dict) -> float:
    if not isinstance(answer, str) or len(answer) > 1000:
        return 0.0
    given = normalise_text(answer)
    accepted = {normalise_text(variant) for variant in key["accepted"]}
    return 1.0 if given and given in accepted else 0.0


_CHECKERS = {
    "single_choice": score_single_choice,
    "multiple_select": score_multiple_select,
    "classification": score_classification,
    "ordering": score_ordering,
    "numeric": score_numeric,
    "short_text": score_short_text,
}


def score_answer(kind: str, answer: Any, key: Any) -> float:
    """Score ``answer`` against ``key`` with the checker for ``kind`` (a fraction 0..1)."""
    try:
        checker = _CHECKERS[kind]
    except KeyError:
        raise ValueError(f"no automatic checker for kind {kind!r}") from None
    try:
        return float(checker(answer, key))
    except (TypeError, ValueError, KeyError, AttributeError, OverflowError):
        return 0.0
