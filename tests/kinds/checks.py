"""What every kind's test module asks of its kind, run over each installed item of the kind and its examples()."""

from __future__ import annotations

import functools

import pytest

from course import kinds
from course.bank import all_banks
from course.store import AnswerStore

from ..answers import keys_of

ASSIGNMENTS = {bank.assignment for bank in all_banks().values()}


@functools.lru_cache(maxsize=1)
def graded_keys() -> dict:
    """{item id: key} of every graded item, from the hidden tests of the source notebooks."""
    graded = {}
    for assignment in sorted(ASSIGNMENTS):
        graded.update({item_id: entry["key"] for item_id, entry in keys_of(assignment).items()})
    return graded


@functools.lru_cache(maxsize=None)
def items_of(name: str) -> list:
    """(item, key) for every installed item of kind ``name``: practice key, key of the hidden test, or None."""
    graded = graded_keys()
    found = [(item, item.key if item.is_practice else graded.get(item.id))
             for bank in all_banks().values() for item in bank if item.kind == name]
    assert found, f"no installed item of kind {name}"
    return found


def cases(name: str) -> list:
    """pytest params: one per (item, example) of kind ``name``."""
    params = []
    for item, key in items_of(name):
        for index, example in enumerate(kinds.examples(item, key)):
            params.append(pytest.param(item, key, example, id=f"{item.id}-{index}-{example.label}"))
    return params


def check_labels(name: str) -> None:
    """Does the kind give right, wrong and invalid examples (and partly right ones where credit is partial)?"""
    for item, key in items_of(name):
        labels = {example.label for example in kinds.examples(item, key)}
        assert {"right", "wrong", "invalid"} <= labels, (item.id, labels)
        assert labels <= {"right", "partly_right", "wrong", "invalid"}, labels


def check_example(item, key, example) -> None:
    """Is the example parsed as its label says, scored as it says, and described with the phrases it names?"""
    value = kinds.parse(item, example.stored)
    assert isinstance(value, kinds.Unreadable) == (example.label == "invalid"), (example, value)
    if not isinstance(value, kinds.Unreadable):
        assert kinds.parse(item, value) == value, "parsing a parsed value must change nothing"
    if kinds.kind_of(item).auto_graded:
        assert kinds.score(item, example.stored, key) == pytest.approx(example.fraction)
    else:
        assert example.fraction is None
    text = kinds.describe(item, example.stored)
    assert isinstance(text, str) and text
    for phrase in example.says:
        assert phrase in text, (phrase, text)


def check_widget_restores(item, key, example, tmp_path) -> None:
    """Does the item's widget open on the stored example without error, showing what the kind parsed?"""
    store = AnswerStore(tmp_path, assignment=item.id.split(".")[0])
    store.save(item.id, example.stored)
    widget = kinds.widget_class(item)(item, store)
    value = kinds.parse(item, example.stored)
    expected = None if isinstance(value, kinds.Unreadable) else value
    assert widget.answer == expected


def tests_for(name: str):
    """The three shared tests of kind ``name``, for its test module to bind to module-level test_ names."""

    def test_examples_cover_right_wrong_and_invalid():
        check_labels(name)

    @pytest.mark.parametrize("item, key, example", cases(name))
    def test_example(item, key, example):
        check_example(item, key, example)

    @pytest.mark.parametrize("item, key, example", cases(name))
    def test_widget_restores_example(item, key, example, tmp_path):
        check_widget_restores(item, key, example, tmp_path)

    return test_examples_cover_right_wrong_and_invalid, test_example, test_widget_restores_example
