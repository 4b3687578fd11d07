"""Answer sets for the course's assignments, built from the hidden keys of the source notebooks.

The expected score of a partial answer set is computed here from the scoring rules as the module
docs state them (multiple select right/|right| - wrong/|wrong options|, classification per entry, ordering Kendall
tau), not by calling the course's checkers, so a broken checker shows up as a wrong score.
"""

from __future__ import annotations

from pathlib import Path

from course.bank import find_item
from course.keys import keys_from_notebook

from .conftest import ROOT

REFLECTION_TEXT = "Daerah kami belajar dari materi ini dan akan menerapkannya dalam kerja sama. " * 6


def source_of(assignment: str) -> Path:
    return ROOT / "source" / assignment / f"{assignment}.ipynb"


def keys_of(assignment: str) -> dict:
    """{item id: {"key", "points", "explanation"}} of every auto-graded item of ``assignment``."""
    return keys_from_notebook(source_of(assignment))


def manual_items(assignment: str) -> list:
    """The graded items an instructor marks by hand (reflections, structured reflections, maps)."""
    from course.bank import all_banks

    bank = all_banks()[assignment.split("_", 1)[0]]
    return [item for item in bank if item.is_manual and not item.is_practice]


def manual_answer(item):
    if item.kind == "structured_reflection":
        return {field["id"]: REFLECTION_TEXT for field in item.fields}
    if item.kind == "coupling_explorer":
        return {"region_name": "Kabupaten Contoh", "assets": {"teknologi_pengetahuan": 3}}
    if item.kind == "actor_map":
        return [{"name": "JICA", "category": item.categories[0]["id"], "role": "", "influence": 4, "interest": 5}]
    return REFLECTION_TEXT


def right_answer(key):
    if isinstance(key, dict) and "accepted" in key:
        return key["accepted"][0]
    if isinstance(key, dict) and set(key) == {"value", "tolerance"}:
        return key["value"]
    return key


def perfect_answers(assignment: str) -> dict:
    answers = {item_id: right_answer(entry["key"]) for item_id, entry in keys_of(assignment).items()}
    answers.update({item.id: manual_answer(item) for item in manual_items(assignment)})
    return answers


def _other(choices: list[str], right: str) -> str:
    return next(choice for choice in choices if choice != right)


def partly_right(item_id: str, key) -> tuple[object, float]:
    """A deliberately imperfect answer to one item, and the fraction of its points it deserves."""
    item = find_item(item_id)
    if item.kind == "single_choice":
        return _other(item.choice_ids(), key), 0.0
    if item.kind == "multiple_select":
        wrong_options = [choice for choice in item.choice_ids() if choice not in key]
        right = key[:-1] if len(key) > 1 else key
        # right ticks / right options - wrong ticks / wrong options, floored at 0
        return right + wrong_options[:1], max(0.0, len(right) / len(key) - 1 / len(wrong_options))
    if item.kind == "classification":
        answer = dict(key)
        first = sorted(answer)[0]
        answer[first] = _other([category["id"] for category in item.categories], answer[first])
        return answer, (len(answer) - 1) / len(answer)
    if item.kind == "ordering":
        answer = list(key)
        answer[0], answer[1] = answer[1], answer[0]
        pairs = len(key) * (len(key) - 1) / 2
        return answer, (pairs - 2) / pairs  # one discordant pair of all: tau = (P - 1 - 1) / P
    if item.kind == "numeric":
        return key["value"] + key["tolerance"] + 1, 0.0
    if item.kind == "short_text":
        return "jawaban yang keliru", 0.0
    raise AssertionError(f"no partial answer for kind {item.kind}")


def partial_answers(assignment: str) -> tuple[dict, float]:
    """Every auto-graded item answered imperfectly; the automatic score that deserves."""
    answers, expected = perfect_answers(assignment), 0.0
    for item_id, entry in keys_of(assignment).items():
        answers[item_id], fraction = partly_right(item_id, entry["key"])
        expected += entry["points"] * fraction
    return answers, round(expected, 4)


WRONG_TYPES = {
    # values of a type the kind cannot take; the store accepts them, the checker must give 0
    "single_choice": [42, ["a"], {"a": 1}, None, True],
    "multiple_select": [{"a": 1}, 42, "x" * 5000, None],
    "classification": [["a"], "teks", 3.5, {"a": 1}],
    "ordering": [{"a": 1}, "teks", 42, [1, 2]],
    "numeric": ["teks", [1, 2], True, {"value": 1796}, None],
    "short_text": [42, ["a"], None, {"accepted": ["a"]}],
}


def wrong_type_answers(assignment: str) -> dict:
    answers = {}
    for index, item_id in enumerate(keys_of(assignment)):
        values = WRONG_TYPES[find_item(item_id).kind]
        answers[item_id] = values[index % len(values)]
    return answers
