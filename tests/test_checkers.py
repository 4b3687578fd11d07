"""Pure checkers: partial credit per kind, and junk answers scoring 0 without raising."""

from __future__ import annotations

import math

import pytest

from course.bank import Item
from course.kinds import score_answer
from course.kinds.classification import score_classification
from course.kinds.multiple_select import score_multiple_select
from course.kinds.numeric import score_numeric
from course.kinds.ordering import score_ordering
from course.kinds.short_text import normalise_text, score_short_text
from course.kinds.single_choice import score_single_choice

FIVE = ["raja_besar", "yunani_cina", "misi_tetap", "burke", "paradiplomasi"]
ACCEPTED = {"accepted": ["protodiplomasi", "proto-diplomasi", "proto diplomasi", "protodiplomacy", "proto-diplomacy"]}
CLASSES = {"a": "x", "b": "x", "c": "y", "d": "z"}

CASES = [
    # single choice
    ("single_choice", "a", "a", 1.0),
    ("single_choice", "b", "a", 0.0),
    ("single_choice", "A", "a", 0.0),
    ("single_choice", "", "a", 0.0),
    # multiple select (options a-f; x, y are not options): right/|right| - wrong/|wrong options|, floored at 0
    ("multiple_select", ["a", "b"], ["a", "b"], 1.0),
    ("multiple_select", ["b", "a"], ["a", "b"], 1.0),
    ("multiple_select", ["a"], ["a", "b"], 0.5),
    ("multiple_select", ["a", "b", "c"], ["a", "b", "c", "d"], 0.75),
    ("multiple_select", ["a", "b", "c", "x"], ["a", "b", "c", "d"], 0.25),  # 3/4 - 1/2
    ("multiple_select", ["a", "b", "c", "d", "e"], ["a", "b", "c", "d"], 0.5),  # 1 - 1/2
    ("multiple_select", ["a", "b", "c", "e"], ["a", "b", "c"], 2 / 3),  # 1 - 1/3
    ("multiple_select", ["a", "x"], ["a", "b"], 0.25),  # 1/2 - 1/4
    ("multiple_select", ["a", "x", "y"], ["a", "b"], 0.0),  # 1/2 - 2/4
    ("multiple_select", ["a", "b", "c", "d", "e", "f"], ["a", "b", "c"], 0.0),  # everything ticked
    ("multiple_select", ["a", "b", "c", "d", "e", "f"], ["a", "b", "c", "d"], 0.0),  # everything, more right than wrong
    ("multiple_select", ["a", "b", "c", "d", "e", "f"], ["a", "b", "c", "d", "e"], 0.0),
    ("multiple_select", [], ["a", "b"], 0.0),  # nothing ticked
    ("multiple_select", ["a", "a"], ["a", "b"], 0.5),
    ("multiple_select", ["x"], ["a"], 0.0),
    # classification: fraction of entries in the right category
    ("classification", dict(CLASSES), CLASSES, 1.0),
    ("classification", {"a": "x", "b": "x", "c": "y", "d": "y"}, CLASSES, 0.75),
    ("classification", {"a": "x", "b": "x"}, CLASSES, 0.5),
    ("classification", {"a": "y"}, CLASSES, 0.0),
    ("classification", {}, CLASSES, 0.0),
    ("classification", {"a": "x", "b": "x", "c": "y", "d": "z", "extra": "x"}, CLASSES, 1.0),
    # ordering: Kendall tau floored at 0
    ("ordering", list(FIVE), FIVE, 1.0),
    ("ordering", [FIVE[1], FIVE[0], *FIVE[2:]], FIVE, 0.8),
    ("ordering", [*FIVE[:3], FIVE[4], FIVE[3]], FIVE, 0.8),
    ("ordering", [FIVE[1], FIVE[0], FIVE[2], FIVE[4], FIVE[3]], FIVE, 0.6),
    ("ordering", list(reversed(FIVE)), FIVE, 0.0),
    ("ordering", [FIVE[4], FIVE[3], FIVE[2], FIVE[0], FIVE[1]], FIVE, 0.0),  # more wrong pairs than right
    ("ordering", FIVE[:4], FIVE, 0.0),
    ("ordering", [*FIVE[:4], "asing"], FIVE, 0.0),
    ("ordering", [*FIVE, "asing"], FIVE, 0.0),
    ("ordering", [FIVE[0], *FIVE[:4]], FIVE, 0.0),
    ("ordering", ["a", "b"], ["a", "b"], 1.0),
    ("ordering", ["b", "a"], ["a", "b"], 0.0),
    # numeric: within tolerance
    ("numeric", 1796, {"value": 1796, "tolerance": 0}, 1.0),
    ("numeric", 1796.0, {"value": 1796, "tolerance": 0}, 1.0),
    ("numeric", 1797, {"value": 1796, "tolerance": 0}, 0.0),
    ("numeric", 1797, {"value": 1796, "tolerance": 1}, 1.0),
    ("numeric", 1795, {"value": 1796, "tolerance": 1}, 1.0),
    ("numeric", 1797.5, {"value": 1796, "tolerance": 1}, 0.0),
    ("numeric", 2.6, {"value": 2.5, "tolerance": 0.1}, 1.0),  # on the edge
    ("numeric", 2.4, {"value": 2.5, "tolerance": 0.1}, 1.0),  # on the edge
    ("numeric", 2.61, {"value": 2.5, "tolerance": 0.1}, 0.0),
    ("numeric", -1796, {"value": 1796, "tolerance": 0}, 0.0),
    ("numeric", True, {"value": 1, "tolerance": 0}, 0.0),
    ("numeric", False, {"value": 0, "tolerance": 0}, 0.0),
    ("numeric", math.nan, {"value": 1796, "tolerance": 0}, 0.0),
    ("numeric", math.inf, {"value": 1796, "tolerance": 0}, 0.0),
    ("numeric", -math.inf, {"value": 1796, "tolerance": 10**9}, 0.0),
    ("numeric", "1796", {"value": 1796, "tolerance": 0}, 0.0),
    # short text: case, spaces, accents, punctuation, variants
    ("short_text", "protodiplomasi", ACCEPTED, 1.0),
    ("short_text", "PROTODIPLOMASI", ACCEPTED, 1.0),
    ("short_text", "  Protodiplomasi  ", ACCEPTED, 1.0),
    ("short_text", "proto   diplomasi", ACCEPTED, 1.0),
    ("short_text", "Protodiplomásí", ACCEPTED, 1.0),
    ("short_text", "protodiplomasi.", ACCEPTED, 1.0),
    ("short_text", "\u201cProtodiplomasi!\u201d", ACCEPTED, 1.0),
    ("short_text", "Proto-Diplomacy", ACCEPTED, 1.0),
    ("short_text", "proto–diplomasi", ACCEPTED, 1.0),
    ("short_text", "paradiplomasi", ACCEPTED, 0.0),
    ("short_text", "protodiplomasi adalah", ACCEPTED, 0.0),
    ("short_text", "", ACCEPTED, 0.0),
    ("short_text", "   ", ACCEPTED, 0.0),
    ("short_text", "?!.", ACCEPTED, 0.0),
    ("short_text", "protodiplomasi" + " " * 1000, ACCEPTED, 0.0),  # very long
    ("short_text", "protodiplomasi " * 200, ACCEPTED, 0.0),
]

OPTIONS = ["a", "b", "c", "d", "e", "f"]
# the stand-in item a kind's checker may need (multiple select weighs a wrong tick by the number of wrong options)
ITEM = {"multiple_select": Item(id="sm9.centang", kind="multiple_select", mode="tugas", objective="T1", prompt="",
                                options=tuple({"id": option, "text": option.upper()} for option in OPTIONS))}

CHECKERS = {
    "single_choice": score_single_choice,
    "multiple_select": lambda answer, key: score_multiple_select(answer, key, OPTIONS),
    "classification": score_classification,
    "ordering": score_ordering,
    "numeric": score_numeric,
    "short_text": score_short_text,
}

KEYS = {
    "single_choice": "a",
    "multiple_select": ["a", "b"],
    "classification": CLASSES,
    "ordering": FIVE,
    "numeric": {"value": 1796, "tolerance": 0},
    "short_text": ACCEPTED,
}


def _case_id(case) -> str:
    kind, answer, _key, expected = case
    return f"{kind}-{answer!r:.40}-{expected}"


@pytest.mark.parametrize("kind, answer, key, expected", CASES, ids=[_case_id(case) for case in CASES])
def test_partial_credit(kind, answer, key, expected):
    """Does each kind's checker give the documented share of credit?"""
    direct = CHECKERS[kind](answer, key)
    assert direct == pytest.approx(expected)
    via_dispatch = score_answer(kind, answer, key, ITEM.get(kind))
    assert isinstance(via_dispatch, float)
    assert via_dispatch == pytest.approx(expected)


def test_one_adjacent_swap_is_exactly_point_eight():
    """Does one swap of neighbours in five steps score 0.8, not something close?"""
    assert score_ordering([FIVE[0], FIVE[2], FIVE[1], *FIVE[3:]], FIVE) == pytest.approx(0.8, abs=1e-12)


@pytest.mark.parametrize("kind", sorted(KEYS))
def test_key_itself_scores_full(kind):
    """Does the answer shaped exactly like the key score 1 for every kind?"""
    key = KEYS[kind]
    answer = {"numeric": 1796, "short_text": "protodiplomasi"}.get(kind, key)
    assert score_answer(kind, answer, key, ITEM.get(kind)) == 1.0


@pytest.mark.parametrize(
    "text, normalised",
    [
        ("Protodiplomásí", "protodiplomasi"),
        ("  Proto-Diplomasi!  ", "proto diplomasi"),
        ("A\t\nB", "a b"),
        ("ÉTÉ", "ete"),
        ("", ""),
    ],
)
def test_normalise_text(text, normalised):
    """Does normalisation drop case, accents, punctuation and extra spaces?"""
    assert normalise_text(text) == normalised


JUNK = [
    None,
    0,
    7,
    -1.5,
    True,
    b"a",
    {"a": 1},
    {"a": ["x"], "b": {"c": None}},
    [1, 2, 3],
    [None],
    [["a"], ["b"]],
    [{"a": "x"}],
    {"nested": [[[{"deep": ["junk"]}]]]},
    ("a", "b"),
    {"a", "b"},
    object(),
]


@pytest.mark.parametrize("kind", sorted(CHECKERS))
@pytest.mark.parametrize("answer", JUNK, ids=[f"{index}-{type(answer).__name__}" for index, answer in enumerate(JUNK)])
def test_junk_scores_zero(kind, answer):
    """Does every checker give 0.0 for a missing or wrongly typed answer, without raising?"""
    key = KEYS[kind]
    assert CHECKERS[kind](answer, key) == 0.0
    result = score_answer(kind, answer, key, ITEM.get(kind))
    assert result == 0.0 and isinstance(result, float)


@pytest.mark.parametrize("answer", [10**400, -(10**400)], ids=["huge", "huge_negative"])
def test_huge_integer_scores_zero(answer):
    """Does an integer too large for a float (valid JSON in a tampered store) score 0 instead of raising?"""
    key = KEYS["numeric"]
    assert score_answer("numeric", answer, key) == 0.0
    assert score_numeric(answer, key) == 0.0


@pytest.mark.parametrize("kind", ["reflection", "essay", "", "SINGLE_CHOICE"])
def test_unknown_kind_raises(kind):
    """Does score_answer refuse a kind it has no checker for?"""
    with pytest.raises(ValueError, match="no automatic checker"):
        score_answer(kind, "a", "a")
