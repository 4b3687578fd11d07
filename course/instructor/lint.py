"""The bank lint: what makes an item bank measure competence rather than test-wiseness.

Each rule reads the banks together with the graded keys in ``source/`` (the instructor's side) and
returns problems in Bahasa Indonesia. ``tests/test_bank_lint.py`` runs it on every bank in CI;
``python -m course.instructor.lint`` prints the problems and a per-notebook summary.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .. import kinds
from ..bank import BankError, check_key, check_why_not, label_problem
from .records import ItemRecord, assignment_ids, item_records
from .stats import POST_TEST, PRE_TEST

__all__ = [
    "Problem", "lint_course", "lint_assignment", "course_records", "summary", "OBJECTIVES", "LEVELS",
    "MAX_POSITION_SHARE", "MAX_LONGEST_SHARE", "MIN_APPLICATION_SHARE", "MIN_ITEMS_PER_OBJECTIVE",
]

OBJECTIVES = ("T1", "T2", "T3", "T4", "T5")
LEVELS = ("rujukan", "ingatan", "penerapan")
MAX_POSITION_SHARE = 0.35
"""No option position may hold more than this share of a notebook's single-choice keys (in declared order)."""
MAX_LONGEST_SHARE = 0.35
"""The key may be the strictly longest option in at most this share of a notebook's single-choice items."""
MIN_APPLICATION_SHARE = 0.5
"""At least this share of a notebook's graded auto items apply a concept to a situation (level "penerapan")."""
MAX_CITATION_ITEMS = 1
"""Graded "who wrote what" items (level "rujukan") per notebook."""
MIN_ITEMS_PER_OBJECTIVE = 4
"""Graded and practice items per objective in the course (the pre-test not counted)."""
MIN_EXPLANATION_WORDS = 12

_POSITION_WORDS = re.compile(
    r"\b(?:jawaban\s*:?\s*\(?[a-e]\)?(?![\w-])|(?:opsi|pilihan)\s+\(?[a-e]\)?(?![\w-])"
    r"|(?:opsi|pilihan|jawaban)\s+(?:pertama|kedua|ketiga|keempat|kelima|terakhir))",
    re.IGNORECASE,
)
"""A reference to an option by position ("Jawaban: a", "opsi (b)", "pilihan pertama"): options are shuffled."""

CARICATURE_DISTRACTORS = (
    "datang tanpa persiapan", "mengabaikan tata krama", "melalui perangkat elektronik", "baru dimulai pada abad ke-20",
    "menerima investasi apa pun", "urusan investor semata", "pemerintah daerah tidak terlibat dalam diplomasi",
)
"""Distractors no official would choose (content review 2026-12-01, 3.3): they make an item trivial and condescending."""

PRE_TEST_PHRASES = ("menurut modul",)
"""Pre-test participants have not read the module: a prompt cannot ask what it says."""


@dataclass(frozen=True)
class Problem:
    assignment: str
    item_id: str
    rule: str
    text: str

    def __str__(self) -> str:
        return f"{self.assignment} · {self.item_id or '-'} · {self.rule}: {self.text}"


def _allowed(count: int, share: float, positions: int) -> int:
    """The most items one position may hold: ``share`` of them, or an even spread when that is impossible."""
    return max(math.floor(share * count), math.ceil(count / max(positions, 1)), 1 if count else 0)


def _auto_graded(records):
    return [record for record in records if record.auto_graded]


def _key(record: ItemRecord):
    """The key: from the hidden test for a graded item, from the bank for a practice item (None for neither)."""
    return record.key if record.auto_graded else record.item.key


def _keyed_one_option(records):
    return [(record, _key(record)) for record in records
            if kinds.kind_of(record.item).one_option_key and _key(record) is not None]


def _texts(record: ItemRecord):
    """Every text of an item a participant or a feedback page shows, with where it is."""
    item = record.item
    yield "prompt", item.prompt
    yield "explanation", record.explanation or item.explanation
    for option_id, text in {**item.feedback, **record.why_not}.items():
        yield f"umpan balik {option_id}", text
    for group in ("options", "entries", "categories", "fields"):
        for choice in getattr(item, group):
            yield f"{group} {choice['id']}", choice["text"]


def _key_positions(assignment, records):
    keyed = _keyed_one_option(records)
    positions = Counter(record.item.choice_ids().index(key) for record, key in keyed)
    widest = min((len(record.item.options) for record, _ in keyed), default=4)
    allowed = _allowed(len(keyed), MAX_POSITION_SHARE, widest)
    for position, count in sorted(positions.items()):
        if count > allowed:
            yield Problem(assignment, "", "posisi_kunci",
                          f"{count} dari {len(keyed)} kunci pilihan tunggal ada di opsi ke-{position + 1} "
                          f"(paling banyak {allowed}); sebar kunci ke posisi lain")


def _longest_keys(assignment, records):
    keyed = _keyed_one_option(records)
    longest = [record.id for record, key in keyed
               if all(len(record.item.text_of(key)) > len(option["text"]) for option in record.item.options
                      if option["id"] != key)]
    allowed = max(1, math.floor(MAX_LONGEST_SHARE * len(keyed)))
    if len(longest) > allowed:
        yield Problem(assignment, "", "kunci_terpanjang",
                      f"kunci adalah opsi terpanjang pada {len(longest)} dari {len(keyed)} soal pilihan tunggal "
                      f"(paling banyak {allowed}): {', '.join(longest)}")


def _phrases(assignment, records):
    for record in records:
        for where, text in _texts(record):
            found = _POSITION_WORDS.search(text or "")
            if found:
                yield Problem(assignment, record.id, "frasa_terlarang",
                              f"{where} menyebut opsi menurut posisinya (\u201c{found.group(0)}\u201d); opsi diacak, "
                              "sebut isinya")
            lowered = (text or "").casefold()
            for phrase in CARICATURE_DISTRACTORS:
                if where.startswith(("options", "entries")) and phrase in lowered:
                    yield Problem(assignment, record.id, "frasa_terlarang",
                                  f"{where} adalah pengecoh yang tidak akan dipilih pejabat (\u201c{phrase}\u201d)")
        if assignment == PRE_TEST and not record.item.is_practice:
            for phrase in PRE_TEST_PHRASES:
                if phrase in record.item.prompt.casefold():
                    yield Problem(assignment, record.id, "frasa_terlarang",
                                  f"soal pra-tes memuat \u201c{phrase}\u201d, padahal peserta belum membaca modul")


def _labels(assignment, records):
    for record in records:
        for where, text in _texts(record):
            if where.split(" ")[0] in ("options", "entries", "categories", "fields") and label_problem(text):
                yield Problem(assignment, record.id, "label", f"{where} memuat Markdown/HTML: {text!r}")


def _explanations(assignment, records):
    for record in _auto_graded(records):
        item = record.item
        if record.key is None:
            yield Problem(assignment, record.id, "pembahasan", "tidak ada grade(...) dengan kunci di source/")
            continue
        try:
            check_key(item, record.key)
            check_why_not(item, record.key, record.why_not)
        except BankError as error:
            yield Problem(assignment, record.id, "pembahasan", str(error))
            continue
        if len(record.explanation.split()) < MIN_EXPLANATION_WORDS:
            yield Problem(assignment, record.id, "pembahasan",
                          f"pembahasan kurang dari {MIN_EXPLANATION_WORDS} kata: katakan mengapa kuncinya benar")
        if kinds.kind_of(item).options_explained:
            in_key = set(record.key) if isinstance(record.key, list) else {record.key}
            missing = [option for option in item.choice_ids() if option not in in_key and option not in record.why_not]
            if missing:
                yield Problem(assignment, record.id, "pembahasan",
                              f"why_not tidak menjelaskan mengapa opsi {', '.join(missing)} bukan jawabannya")


def _levels(assignment, records):
    graded = _auto_graded(records)
    for record in graded:
        if record.item.level not in LEVELS:
            yield Problem(assignment, record.id, "tingkat", f"soal penilaian tanpa level ({'/'.join(LEVELS)})")
    if not graded:
        return
    applied = sum(record.item.level == "penerapan" for record in graded)
    if applied < MIN_APPLICATION_SHARE * len(graded):
        yield Problem(assignment, "", "tingkat",
                      f"hanya {applied} dari {len(graded)} soal penilaian otomatis menerapkan konsep pada situasi "
                      f"(paling sedikit {math.ceil(MIN_APPLICATION_SHARE * len(graded))})")
    citations = [record.id for record in graded if record.item.level == "rujukan"]
    if len(citations) > MAX_CITATION_ITEMS:
        yield Problem(assignment, "", "tingkat",
                      f"{len(citations)} soal penilaian menanyakan siapa menulis apa ({', '.join(citations)}); "
                      f"paling banyak {MAX_CITATION_ITEMS}")


def _ordering_starts(assignment, records):
    for record in records:
        key = _key(record)
        if not kinds.kind_of(record.item).ordered or not isinstance(key, list):
            continue
        start = record.item.choice_ids()
        in_place = sum(a == b for a, b in zip(start, key))
        if start == key or in_place * 2 >= len(key):
            yield Problem(assignment, record.id, "urutan_awal",
                          f"urutan awal menaruh {in_place} dari {len(key)} entri di tempat kuncinya; acak lagi")


def _practice_first(assignment, records):
    if assignment in (PRE_TEST, POST_TEST):
        return
    first_practice, first_graded = {}, {}
    for index, record in enumerate(records):
        target = first_practice if record.item.is_practice else first_graded
        target.setdefault(record.item.objective, index)
    for objective, graded_at in sorted(first_graded.items()):
        if first_practice.get(objective, math.inf) > graded_at:
            yield Problem(assignment, records[graded_at].id, "tujuan",
                          f"soal penilaian {objective} pertama datang sebelum soal latihan {objective} mana pun")


def _orientation(assignment, records):
    for record in records:
        if not record.item.in_objectives and assignment != PRE_TEST:
            yield Problem(assignment, record.id, "tujuan", "tag orientasi hanya untuk soal latihan JupyterLab di sm0")


ASSIGNMENT_RULES = (_key_positions, _longest_keys, _phrases, _labels, _explanations, _levels, _ordering_starts,
                    _practice_first, _orientation)


def lint_assignment(assignment: str, records: list[ItemRecord]) -> list[Problem]:
    """Problems of one notebook's items (``records`` in notebook order)."""
    return [problem for rule in ASSIGNMENT_RULES for problem in rule(assignment, records)]


def _coverage(course: dict) -> list[Problem]:
    counts = Counter()
    for assignment, records in course.items():
        if assignment == PRE_TEST:
            continue
        for record in records:
            counts[record.item.objective, record.item.is_practice] += 1
    problems = []
    for objective in OBJECTIVES:
        for practice, name in ((False, "penilaian"), (True, "latihan")):
            if counts[objective, practice] < MIN_ITEMS_PER_OBJECTIVE:
                problems.append(Problem("kursus", objective, "tujuan",
                                        f"{objective} memiliki {counts[objective, practice]} soal {name} di luar pra-tes "
                                        f"(paling sedikit {MIN_ITEMS_PER_OBJECTIVE})"))
    return problems


def _twins(course: dict) -> list[Problem]:
    if PRE_TEST not in course or POST_TEST not in course:
        return []
    pre = {record.id: record for record in course[PRE_TEST] if not record.item.is_practice}
    problems, paired = [], set()
    for record in course[POST_TEST]:
        if record.item.is_practice:
            continue
        twin = pre.get(record.item.twin)
        if twin is None:
            problems.append(Problem(POST_TEST, record.id, "kembaran", "tidak memiliki kembaran soal penilaian di pra-tes"))
            continue
        paired.add(twin.id)
        for name, ours, theirs in (("jenis", record.item.kind, twin.item.kind), ("poin", record.points, twin.points),
                                   ("tujuan", record.item.objective, twin.item.objective),
                                   ("level", record.item.level, twin.item.level)):
            if ours != theirs:
                problems.append(Problem(POST_TEST, record.id, "kembaran",
                                        f"{name} berbeda dari kembarannya {twin.id}: {ours!r} \u2260 {theirs!r}"))
    for missing in sorted(set(pre) - paired):
        problems.append(Problem(PRE_TEST, missing, "kembaran", "soal pra-tes tanpa kembaran di pasca-tes"))
    return problems


def lint_course(course: dict) -> list[Problem]:
    """Every problem of the course: ``course`` maps assignment -> its records in notebook order."""
    problems = [problem for assignment, records in course.items() for problem in lint_assignment(assignment, records)]
    return problems + _coverage(course) + _twins(course)


def course_records(root: Path) -> dict:
    """Records (items with graded keys) of every assignment of the course in ``root``."""
    return {assignment: item_records(root, assignment) for assignment in assignment_ids(root)}


def summary(course: dict) -> list[dict]:
    """Per notebook: items per objective (graded/practice), graded auto items per level, key positions."""
    rows = []
    for assignment, records in course.items():
        objectives = {objective: (sum(r.item.objective == objective and not r.item.is_practice for r in records),
                                  sum(r.item.objective == objective and r.item.is_practice for r in records))
                      for objective in OBJECTIVES}
        levels = Counter(record.item.level or "?" for record in _auto_graded(records))
        keyed = _keyed_one_option(records)
        positions = Counter("abcdefghij"[record.item.choice_ids().index(key)] for record, key in keyed)
        rows.append({"assignment": assignment, "objectives": objectives, "levels": dict(levels),
                     "positions": dict(sorted(positions.items())), "one_option_keys": len(keyed)})
    return rows


def _print_summary(rows) -> None:
    print("tugas | " + " | ".join(f"{o} nilai/latihan" for o in OBJECTIVES) + " | level (otomatis) | posisi kunci")
    for row in rows:
        cells = [f"{graded}/{practice}" for graded, practice in row["objectives"].values()]
        levels = ", ".join(f"{name} {count}" for name, count in sorted(row["levels"].items()))
        positions = " ".join(f"{letter}:{count}" for letter, count in row["positions"].items())
        print(f"{row['assignment']} | {' | '.join(cells)} | {levels} | {positions} (n={row['one_option_keys']})")


def main(argv: list[str] | None = None) -> int:
    root = Path(argv[0] if argv else ".").resolve()
    course = course_records(root)
    problems = lint_course(course)
    for problem in problems:
        print(problem)
    print()
    _print_summary(summary(course))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
