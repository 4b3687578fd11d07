"""Property: no stored value, however hostile, makes a kind or a view built on it raise, or score outside [0, 1].

Values are JSON-like data of every shape (deep, huge, wrong-typed, unicode) mixed with the item's own
ids, so that the generator also reaches the kinds' valid paths.
"""

from __future__ import annotations

import math
import random

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course import kinds
from course.display import AnswerSummary
from course.instructor import stats
from course.instructor.feedback import feedback_html
from course.instructor.records import ItemRecord, Submission

from . import checks

PER_KIND = 2000
VIEWS_PER_KIND = 150
# deterministic (CI must not flake), no example database written into the checkout
FIXED = dict(deadline=None, derandomize=True, database=None,
             suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
ALL_ITEMS = [pair for name in kinds.names() for pair in checks.items_of(name)]


def _nested(depth: int, inner) -> object:
    value = inner
    for _ in range(depth):
        value = [value]
    return value


def _ids_of(item) -> list[str]:
    ids = [choice["id"] for group in (item.options, item.categories, item.entries, item.fields) for choice in group]
    return ids + ["marvel", "batman", "deal", "no_deal", "pembangunan", "perdagangan", "investasi"]


def values_for(item):
    ids = st.sampled_from(_ids_of(item))
    scalars = st.one_of(
        st.none(), st.booleans(), st.integers(), st.integers(min_value=-(10**30), max_value=10**30),
        st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40), ids,
        st.builds(pow, st.just(10), st.integers(min_value=4400, max_value=5000)), st.just("\u202e=HYPERLINK(\"x\")\x00"), st.text(min_size=1000, max_size=1200),
    )
    keys = st.one_of(ids, st.text(max_size=12), st.sampled_from(["team", "scenario", "result", "package", "history",
                                                                 "offer", "deal", "finished", "assets",
                                                                 "region_name", "name", "category", "influence"]))
    tree = st.recursive(scalars, lambda inner: st.one_of(
        st.lists(inner, max_size=6), st.dictionaries(keys, inner, max_size=6)), max_leaves=30)
    deep = st.builds(_nested, st.integers(min_value=5, max_value=100_000), scalars)
    return st.one_of(tree, tree, tree, deep, st.lists(ids, max_size=8), st.dictionaries(ids, ids, max_size=8))


@st.composite
def item_and_value(draw, name):
    item, key = draw(st.sampled_from(checks.items_of(name)))
    return item, key, draw(values_for(item))


def _check_kind(item, key, stored) -> None:
    value = kinds.parse(item, stored)
    if kinds.kind_of(item).auto_graded:
        fraction = kinds.score(item, stored, key)
        assert isinstance(fraction, float) and 0.0 <= fraction <= 1.0 and not math.isnan(fraction)
    assert isinstance(kinds.describe(item, stored), str)
    assert all(isinstance(part, str) for part in kinds.parts(item, stored))
    counts = kinds.option_counts(item, [stored, value if not isinstance(value, kinds.Unreadable) else None])
    assert counts is None or all(count >= 0 for _entry, _option, count in counts)


@pytest.mark.parametrize("name", kinds.names())
def test_parse_score_describe_never_raise(name):
    """For 2,000 hostile values per kind: do parse, score, describe, parts and option counts hold?"""
    seen = []

    @settings(max_examples=PER_KIND, **FIXED)
    @given(item_and_value(name))
    def run(case):
        seen.append(case)
        _check_kind(*case)

    run()
    assert len(seen) >= PER_KIND


@pytest.mark.parametrize("name", kinds.names())
def test_instructor_views_never_raise(name):
    """Do the feedback page, the grading summary, option shares and the synthetic cohort survive hostile values?"""
    seen = []

    @settings(max_examples=VIEWS_PER_KIND, **FIXED)
    @given(item_and_value(name))
    def run(case):
        item, key, stored = case
        seen.append(case)
        record = ItemRecord(item, points=item.points or 1.0, key=key, explanation=item.explanation)
        submission = Submission("peserta", item.id.split(".")[0], None, {item.id: {"value": stored}})
        page = feedback_html([record], submission, show_answers=True, title="Uji")
        assert page.startswith("<!DOCTYPE html>")
        assert isinstance(AnswerSummary(item, stored)._repr_mimebundle_()["text/plain"], str)
        shares = stats.option_shares(pd.Series([stored, None], dtype=object), item)
        assert shares.empty or shares["share"].between(0, 1).all()

    run()
    assert len(seen) >= VIEWS_PER_KIND


@pytest.mark.parametrize("item, key", ALL_ITEMS, ids=[item.id for item, _key in ALL_ITEMS])
def test_synthetic_answers_are_readable(item, key):
    """Does the demo's synthetic cohort store answers that every kind reads as answers?"""
    rng = random.Random(item.id)
    for ability in (0.0, 0.5, 1.0):
        stored = kinds.synthetic(item, key, ability, rng)
        assert stored is None or not isinstance(kinds.parse(item, stored), kinds.Unreadable), (item.id, stored)
