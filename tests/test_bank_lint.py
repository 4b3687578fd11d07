"""Does every bank measure competence rather than test-wiseness, and does the lint catch banks that do not?"""

from __future__ import annotations

from pathlib import Path

import pytest

from course.bank import Item
from course.instructor.lint import course_records, lint_assignment, lint_course
from course.instructor.records import ItemRecord

ROOT = Path(__file__).resolve().parents[1]
OPTIONS = tuple({"id": name, "text": text} for name, text in
                (("a", "Pilihan yang wajar"), ("b", "Pilihan lain yang wajar"), ("c", "Alternatif yang juga mungkin"), ("d", "Opsi")))
WHY = "Kunci ini benar karena sesuai dengan pembagian kewenangan yang dijelaskan dalam materi dan peraturannya."


def choice(number: int, key: str, level: str = "penerapan", mode: str = "penilaian", **extra) -> ItemRecord:
    item = Item(id=f"sm4.soal{number}", kind="single_choice", mode=mode, objective="T4", prompt="Soal?",
                options=OPTIONS, level=level, points=1 if mode == "penilaian" else 0,
                key=key if mode == "latihan" else None,
                feedback={o["id"]: "Umpan balik." for o in OPTIONS} if mode == "latihan" else {})
    why_not = {o["id"]: "Bukan ini." for o in OPTIONS if o["id"] != key}
    if mode == "latihan":
        return ItemRecord(item)
    return ItemRecord(item, points=1, key=key, explanation=extra.get("explanation", WHY),
                      why_not=extra.get("why_not", why_not))


def rules(problems) -> set:
    return {problem.rule for problem in problems}


def balanced() -> list[ItemRecord]:
    return [choice(0, "a", mode="latihan"), *(choice(n, key) for n, key in enumerate("bcdab", start=1))]


def test_a_balanced_notebook_passes():
    assert lint_assignment("sm4_tata_kelola", balanced()) == []


def test_keys_piled_on_one_position_are_caught():
    records = [choice(0, "a", mode="latihan"), *(choice(n, "a") for n in range(1, 6))]
    assert "posisi_kunci" in rules(lint_assignment("sm4_tata_kelola", records))


def test_key_that_is_always_the_longest_is_caught():
    records = [choice(n, "a") for n in range(1, 5)] + [choice(n, k) for n, k in zip(range(5, 9), "bcdb")]
    longer = tuple({**o, "text": o["text"] * 4} if o["id"] == "a" else o for o in OPTIONS)
    records = [ItemRecord(Item(**{**vars(r.item), "options": longer}), r.points, r.key, r.explanation, r.why_not)
               if r.key == "a" else r for r in records]
    assert "kunci_terpanjang" in rules(lint_assignment("sm4_tata_kelola", records))


@pytest.mark.parametrize("explanation", ["Jawaban: a, karena itu aturannya menurut peraturan yang berlaku di daerah ini.",
                                         "Opsi pertama benar karena sesuai dengan peraturan yang berlaku di daerah."])
def test_positions_named_in_an_explanation_are_caught(explanation):
    records = balanced()
    records[1] = choice(1, "b", explanation=explanation)
    assert "frasa_terlarang" in rules(lint_assignment("sm4_tata_kelola", records))


def test_a_distractor_without_its_why_not_is_caught():
    records = balanced()
    records[1] = choice(1, "b", why_not={"a": "Bukan ini."})
    problems = lint_assignment("sm4_tata_kelola", records)
    assert any(p.rule == "pembahasan" and "c, d" in p.text for p in problems)


def test_mostly_recall_and_two_citation_items_are_caught():
    records = [choice(0, "a", mode="latihan"),
               *(choice(n, key, level=level) for n, (key, level) in
                 enumerate(zip("bcdab", ["rujukan", "rujukan", "ingatan", "penerapan", "penerapan"]), start=1))]
    texts = [p.text for p in lint_assignment("sm4_tata_kelola", records)]
    assert any("menerapkan konsep" in text for text in texts)
    assert any("siapa menulis apa" in text for text in texts)


def test_graded_before_any_practice_of_its_objective_is_caught():
    records = balanced()
    records = records[1:] + records[:1]
    assert "tujuan" in rules(lint_assignment("sm4_tata_kelola", records))


def test_twins_that_differ_in_level_are_caught():
    pre = ItemRecord(Item(id="sm0.pre_x", kind="single_choice", mode="penilaian", objective="T4", prompt="?",
                          options=OPTIONS, points=1, level="ingatan"), 1, "b", WHY,
                     {o["id"]: "Bukan." for o in OPTIONS if o["id"] != "b"})
    post = ItemRecord(Item(id="sm6.post_x", kind="single_choice", mode="penilaian", objective="T4", prompt="?",
                           options=OPTIONS, points=1, level="penerapan", twin="sm0.pre_x"), 1, "c", WHY,
                      {o["id"]: "Bukan." for o in OPTIONS if o["id"] != "c"})
    problems = lint_course({"sm0_orientasi": [pre], "sm6_evaluasi": [post]})
    assert any(p.rule == "kembaran" and "level" in p.text for p in problems)


def test_the_course_banks_pass_the_lint():
    """The real banks and the graded keys in source/: no problem at all."""
    problems = lint_course(course_records(ROOT))
    assert not problems, "\n".join(map(str, problems))
