"""A synthetic cohort for the demo: participants of known ability answering every assignment."""

from __future__ import annotations

import random
from pathlib import Path

import nbformat

from ..negotiation import all_packages, load_scenarios
from ..store import AnswerStore
from .records import ItemRecord

__all__ = ["COHORT", "answer_for", "write_submission"]

# participant id: probability of answering an auto-graded item right (None = hands in nothing)
COHORT = {
    "kuat_01": 0.95, "kuat_02": 0.9, "kuat_03": 0.85, "sedang_01": 0.7, "sedang_02": 0.65, "sedang_03": 0.6,
    "sedang_04": 0.55, "lemah_01": 0.4, "lemah_02": 0.3, "lemah_03": 0.2, "kosong_01": None, "pemalsu_01": 0.1,
}
REFLECTION = ("Daerah kami sudah menjalin kerja sama dengan mitra luar negeri. Materi ini membantu kami melihat "
              "peran setiap aktor dan tata kelola yang diperlukan. ")


def _right(key, kind):
    if kind == "short_text":
        return key["accepted"][0]
    if kind == "numeric":
        return key["value"]
    return key


def _wrong(record: ItemRecord, key, rng: random.Random):
    item = record.item
    if item.kind == "single_choice":
        return rng.choice([option["id"] for option in item.options if option["id"] != key])
    if item.kind == "multiple_select":
        others = [option["id"] for option in item.options if option["id"] not in key]
        return key[:-1] + others[:1]
    if item.kind == "classification":
        categories = [category["id"] for category in item.categories]
        return {entry: (rng.choice([c for c in categories if c != right]) if rng.random() < 0.6 else right)
                for entry, right in key.items()}
    if item.kind == "ordering":
        return list(reversed(key))
    if item.kind == "numeric":
        return key["value"] + key["tolerance"] + 1
    return "tidak tahu"


def answer_for(record: ItemRecord, ability: float, rng: random.Random):
    """What a participant of ``ability`` stores for ``record`` (None: leaves it unanswered)."""
    item = record.item
    if item.kind in ("reflection", "structured_reflection"):
        text = REFLECTION * (1 + int(ability * 3))
        return {field["id"]: text for field in item.fields} if item.fields else text
    if item.kind == "negotiation_pair":
        scene = load_scenarios()[rng.choice(sorted(load_scenarios()))]
        deal = rng.random() < 0.75
        return {"team": rng.choice(["marvel", "batman"]), "scenario": scene.id, "result": "deal" if deal else "no_deal",
                "package": rng.choice(all_packages(scene)) if deal else None}
    if item.kind in ("actor_map", "coupling_explorer", "negotiation_solo"):
        return None
    key = record.key if record.key is not None else item.key
    if key is None:
        return None
    return _right(key, item.kind) if rng.random() < ability else _wrong(record, key, rng)


_FROM_COHORT = object()


def write_submission(root: Path, assignment: str, student: str, records: list[ItemRecord], forged: bool = False,
                     ability=_FROM_COHORT) -> None:
    """Put ``student``'s notebook and store in ``submitted/`` as ``nbgrader collect`` would.

    ``ability`` (probability of a right answer; None = hands in nothing) defaults to ``COHORT[student]``.
    """
    folder = root / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    notebook = nbformat.read(root / "release" / assignment / f"{assignment}.ipynb", as_version=4)
    if forged:  # a participant who tries to award themselves full marks from inside the kernel
        notebook.cells.insert(1, nbformat.v4.new_code_cell(
            "import course\ncourse.grade = grade = lambda item_id, key, points, **kw: points"))
    nbformat.write(notebook, folder / f"{assignment}.ipynb")
    ability = COHORT.get(student) if ability is _FROM_COHORT else ability
    if ability is None:
        return
    if assignment.startswith("sm6"):  # the post-test: a cohort that learnt something
        ability = min(0.98, ability + 0.15)
    rng = random.Random(f"{student}/{assignment}")
    store = AnswerStore(folder, assignment=assignment)
    for record in records:
        value = answer_for(record, ability, rng)
        if value is not None:
            store.save(record.id, value)
