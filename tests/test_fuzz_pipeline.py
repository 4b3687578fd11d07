"""Fuzz: cohorts of damaged notebooks and hostile answer files through the real autograde and every instructor tool.

One hypothesis example is one *cohort* (real nbgrader costs about a second per notebook, so grading one
notebook per example would be far too slow): 16-24 participants of sm1_diplomasi and sm5_negosiasi, each
with a list of mutations of the released notebook (tags, nbgrader metadata, cell types, duplicated,
deleted, reordered and forged cells, edited locked cells, notebook metadata, unreadable or renamed
files) and an answer file (honest values from each kind's ``examples``, hostile values, hostile files).
The cohort is graded once with ``grade_jobs``; then, for every participant:

- no instructor tool raises (audit, feedback, results + report, repair on a copy, debriefs);
- no auto-graded cell scores more than the stored answer deserves unless audit flags it (nilai_berbeda);
- the hardening holds: a notebook nbformat can read is graded, and scored exactly what its answers deserve;
- nobody vanishes: every submission has a feedback page, rows in the results and a line in nilai.csv.

``FUZZ_EXAMPLES`` (default 3, about 45 s on 2 cores) sets the number of cohorts; ``FUZZ_SEED`` explores other
cohorts than the fixed ones; ``FUZZ_LOG=file`` records every cohort's problems there instead of stopping at the
first failing cohort (for bug hunts). A failure names each failing participant's mutations and answer file, and
for a crashing tool the participants that crash it alone: that is the reproducer (shrinking is off: it would
re-grade whole cohorts).
"""

from __future__ import annotations

import copy
import json
import os
import random
import shutil
import tempfile
import traceback
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from nbgrader.api import Gradebook, MissingEntry

from course import kinds
from course.instructor.audit import audit_assignment
from course.instructor.debrief import debrief_html
from course.instructor.feedback import write_feedback
from course.instructor.grading import build, grade_jobs
from course.instructor.records import Submission, item_records, recompute_scores
from course.instructor.repair import repair_assignment
from course.instructor.report import build_report
from course.instructor.results import collect_results
from course.store import STORE_NAME

from .answers import perfect_answers
from .conftest import ROOT, make_course
from .test_hostile_stores import HOSTILE

pytestmark = pytest.mark.pipeline

ASSIGNMENTS = ["sm1_diplomasi", "sm5_negosiasi"]
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3"))
SEED = os.environ.get("FUZZ_SEED")  # another seed explores other cohorts (default: the same cohorts every run)
LOG = os.environ.get("FUZZ_LOG")  # hunting: append every cohort's problems to this file and go on to the next
COHORT = (16, 24)
TOLERANCE = 1e-3
SAVED_AT = "2026-12-01T10:00:00"
RELEASED = {a: json.loads((ROOT / "release" / a / f"{a}.ipynb").read_text(encoding="utf-8")) for a in ASSIGNMENTS}
RECORDS = {a: item_records(ROOT, a) for a in ASSIGNMENTS}
EXAMPLE_VALUES = {a: {r.id: [e.stored for e in kinds.examples(r.item, r.key)] for r in RECORDS[a]} for a in ASSIGNMENTS}

# --- what a participant can do to a notebook ---------------------------------------------------------------
TAGS = ["skip-execution", "raises-exception", "hide-input", "remove-cell", "remove-output", "nbval-ignore-output",
        "\u202e", ""]
FORGERIES = {
    "monkeypatch": "import course, course.grading\n"
                   "course.grade = course.grading.grade = grade = lambda item_id, key, points, **kw: points\n"
                   "pending = lambda item_id: 99",
    "print": "print(20)\n20",
    "display_hook": "get_ipython().display_formatter.formatters['text/plain'].for_type(object, lambda o, p, c: p.text('20'))",
    "builtins": "import builtins\nbuiltins.round = lambda *a, **k: 99\nbuiltins.min = builtins.max",
    "fake_module": "import sys, types\nm = types.ModuleType('course')\nm.show = m.pending = print\n"
                   "m.grade = lambda item_id, key, points, **kw: points\nsys.modules['course'] = m",
    "kinds_patch": "import course.kinds\ncourse.kinds.score = lambda *a, **k: 1.0",
    "rewrite_store": "import json\njson.dump({'schema_version': 1, 'answers': {k: {'value': v} for k, v in PERFECT.items()}},"
                     " open('jawaban.json', 'w'))",
    "magic": "%%capture\nimport course\ncourse.grade = lambda item_id, key, points, **kw: points",
}
_FORGED_MODULE = "def grade(item_id, key, points, **kw):\n    return points\npending = show = print\n"
EXTRA_FILES = {  # files beside the notebook that the grading kernel could import or read at start-up
    "course_module": {"course.py": _FORGED_MODULE},
    "course_package": {"course/__init__.py": _FORGED_MODULE, "course/grading.py": _FORGED_MODULE},
    "sitecustomize": {"sitecustomize.py": "import builtins\nbuiltins.round = lambda *a, **k: 99\n"},
    "ipython_config": {"ipython_config.py": "c.InteractiveShellApp.exec_lines = ['import course; "
                                            "course.grade = lambda item_id, key, points, **kw: points']\n"},
    "ipython_startup": {".ipython/profile_default/startup/00-nilai.py": "import course\n"
                                                                         "course.grade = lambda *a, **k: 99\n"},
    "pth": {"nilai.pth": "import builtins; builtins.round = lambda *a, **k: 99\n"},
    "compiled": {"course.pyc": "bukan bytecode", "course.cpython-311-x86_64-linux-gnu.so": "bukan pustaka"},
    "course_folder": {"course/catatan.txt": "catatan peserta"},  # a folder named like the package, no code in it
}
FIELD_VALUES = {
    "grade": st.one_of(st.booleans(), st.none(), st.just("yes"), st.just(1)),
    "solution": st.one_of(st.booleans(), st.none()),
    "locked": st.one_of(st.booleans(), st.none(), st.just(0)),
    "task": st.one_of(st.booleans(), st.none()),
    "points": st.one_of(st.sampled_from([0, -1, 1000, 1e308, "x", None, True, [], "3"]),
                        st.floats(allow_nan=True, allow_infinity=True)),
    "grade_id": st.one_of(st.just("@other"), st.text(max_size=12), st.none(), st.integers(), st.just("c013_nilai_x")),
    "checksum": st.one_of(st.just("0" * 32), st.none(), st.integers()),
    "schema_version": st.sampled_from([1, 2, 3, 4, 99, "3", None]),
    "cell_type": st.sampled_from(["code", "markdown", "raw", "x", None]),
}
index = st.integers(min_value=0, max_value=10_000)
FORGERY = st.one_of(  # attempts to earn points the answers do not deserve
    st.tuples(st.just("forge_cell"), index, st.sampled_from(sorted(FORGERIES)),
              st.sampled_from(["none", "test_cell", "setup_cell", "markdown_cell", "garbage_id", "test_cell_after"])),
    st.tuples(st.just("edit_source"), index, st.sampled_from(sorted(FORGERIES))),
    st.tuples(st.just("forge_output"), index),
    st.tuples(st.just("extra_files"), st.sampled_from(sorted(EXTRA_FILES))),
    st.tuples(st.just("tag_tests"), st.lists(st.sampled_from(TAGS[:3]), min_size=1, max_size=2)),
)
DAMAGE = st.one_of(  # what careless or curious editing does to a notebook
    st.tuples(st.just("tags"), index, st.one_of(st.lists(st.sampled_from(TAGS), max_size=3), st.none(),
                                                 st.just("skip-execution"), st.integers())),
    st.sampled_from(sorted(FIELD_VALUES)).flatmap(
        lambda key: st.tuples(st.just("nbgrader_field"), index, st.just(key), FIELD_VALUES[key], index)),
    st.tuples(st.just("nbgrader_drop_field"), index, st.sampled_from(sorted(FIELD_VALUES))),
    st.tuples(st.just("nbgrader_replace"), index, st.sampled_from([{}, None, "x", [], 1, {"grade_id": "c001_persiapan"}])),
    st.tuples(st.just("metadata_replace"), index, st.sampled_from([{}, None, [], "x"])),
    st.tuples(st.just("cell_type"), index, st.sampled_from(["code", "markdown", "raw"]), st.booleans()),
    st.tuples(st.just("cell_field"), index, st.sampled_from(["execution_count", "id", "source", "outputs", "cell_type",
                                                              "attachments"]),
              st.sampled_from(["x", 5, None, [], {}, [1], "a b/c", "x" * 65, True])),
    st.tuples(st.just("cell_field_drop"), index, st.sampled_from(["execution_count", "id", "source", "outputs"])),
    st.tuples(st.just("duplicate"), index, index),
    st.tuples(st.just("delete"), index),
    st.tuples(st.just("delete_tests"), st.booleans()),
    st.tuples(st.just("move"), index, index),
    st.tuples(st.just("shuffle"), st.integers(min_value=0, max_value=2**16)),
    st.tuples(st.just("notebook_metadata"), st.sampled_from(["kernelspec", "language_info", "nbgrader", "widgets"]),
              st.sampled_from([None, "x", {}, {"name": "bash", "display_name": "Bash", "language": "bash"},
                               {"name": "python3", "display_name": "P", "language": "python", "argv": ["sh"]}])),
    st.tuples(st.just("nbformat_version"), st.sampled_from([(4, 0), (4, 99), (3, 0), (5, 0), (4, None)])),
)
MUTATIONS = st.one_of(FORGERY, DAMAGE)
FILE_DAMAGE = st.sampled_from(["non_utf8", "truncated", "empty", "not_json", "json_list", "renamed", "missing",
                               "folder", "bom"])


def _cells(notebook: dict) -> list:
    cells = notebook.get("cells")
    return cells if isinstance(cells, list) else []


def _nbgrader(cell) -> dict | None:
    metadata = cell.get("metadata") if isinstance(cell, dict) else None
    meta = metadata.get("nbgrader") if isinstance(metadata, dict) else None
    return meta if isinstance(meta, dict) else None


def _is_test(cell) -> bool:
    return "_nilai_" in str((_nbgrader(cell) or {}).get("grade_id", ""))


def _retype(cell: dict, new_type: str, tidy: bool) -> None:
    cell["cell_type"] = new_type
    if not tidy:
        return
    if new_type == "code":
        cell.setdefault("outputs", [])
        cell.setdefault("execution_count", None)
    else:
        cell.pop("outputs", None)
        cell.pop("execution_count", None)


def _forged_cell(assignment: str, variant: str, disguise: str, cells: list) -> dict:
    source = FORGERIES[variant].replace("PERFECT", repr(perfect_answers(assignment)))
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}
    tests = [c for c in cells if _is_test(c)]
    by_type = {"setup_cell": [c for c in cells if "persiapan" in str((_nbgrader(c) or {}).get("grade_id"))],
               "markdown_cell": [c for c in cells if c.get("cell_type") == "markdown" and _nbgrader(c)],
               "test_cell": tests, "test_cell_after": tests}
    if disguise == "garbage_id":
        cell["metadata"]["nbgrader"] = {"grade": True, "grade_id": "c999_nilai_palsu", "locked": True, "points": 50,
                                        "solution": False, "schema_version": 3}
    elif by_type.get(disguise):
        cell["metadata"] = copy.deepcopy(by_type[disguise][0].get("metadata", {}))
    return cell


def mutate(notebook: dict, assignment: str, mutation: tuple) -> None:
    """Apply one mutation to the notebook's JSON (anything a participant could save, valid or not)."""
    name, *args = mutation
    cells = _cells(notebook)
    pick = (lambda i: cells[i % len(cells)]) if cells else None
    if name == "tags" and cells:
        metadata = pick(args[0]).setdefault("metadata", {})
        if args[1] is None:
            metadata.pop("tags", None)
        else:
            metadata["tags"] = args[1]
    elif name == "tag_tests":
        for cell in cells:
            if _is_test(cell):
                cell.setdefault("metadata", {})["tags"] = list(args[0])
    elif name == "nbgrader_field" and cells:
        cell, key, value = pick(args[0]), args[1], args[2]
        if value == "@other":  # another cell's grade id
            value = (_nbgrader(pick(args[0] + 1 + args[3])) or {}).get("grade_id")
        if _nbgrader(cell) is not None:
            _nbgrader(cell)[key] = value
    elif name == "nbgrader_drop_field" and cells and _nbgrader(pick(args[0])) is not None:
        _nbgrader(pick(args[0])).pop(args[1], None)
    elif name == "nbgrader_replace" and cells and isinstance(pick(args[0]).get("metadata"), dict):
        pick(args[0])["metadata"]["nbgrader"] = copy.deepcopy(args[1])
    elif name == "metadata_replace" and cells:
        pick(args[0])["metadata"] = copy.deepcopy(args[1])
    elif name == "cell_type" and cells:
        _retype(pick(args[0]), args[1], args[2])
    elif name == "cell_field" and cells:
        pick(args[0])[args[1]] = copy.deepcopy(args[2])
    elif name == "cell_field_drop" and cells:
        pick(args[0]).pop(args[1], None)
    elif name == "duplicate" and cells:
        cells.insert(args[1] % (len(cells) + 1), copy.deepcopy(pick(args[0])))
    elif name == "delete" and cells:
        cells.pop(args[0] % len(cells))
    elif name == "delete_tests":
        question = (lambda c: "_soal_" in str((_nbgrader(c) or {}).get("grade_id"))) if args[0] else (lambda c: False)
        notebook["cells"] = [c for c in cells if not (_is_test(c) or question(c))]
    elif name == "move" and cells:
        cell = cells.pop(args[0] % len(cells))
        cells.insert(args[1] % (len(cells) + 1), cell)
    elif name == "shuffle":
        random.Random(args[0]).shuffle(cells)
    elif name == "forge_cell":
        forged = _forged_cell(assignment, args[1], args[2], cells)
        position = args[0] % (len(cells) + 1)
        if args[2] == "test_cell_after":
            position = len(cells)
        cells.insert(position, forged)
    elif name == "edit_source" and cells:
        pick(args[0])["source"] = FORGERIES[args[1]].replace("PERFECT", repr(perfect_answers(assignment)))
    elif name == "forge_output" and cells:
        cell = pick(args[0])
        if cell.get("cell_type") == "code":
            cell["execution_count"] = 1
            cell["outputs"] = [{"output_type": "execute_result", "execution_count": 1, "metadata": {},
                                "data": {"text/plain": "20"}}]
    elif name == "notebook_metadata":
        metadata = notebook.setdefault("metadata", {})
        if args[1] is None:
            metadata.pop(args[0], None)
        else:
            metadata[args[0]] = copy.deepcopy(args[1])
    elif name == "nbformat_version":
        notebook["nbformat"], notebook["nbformat_minor"] = args[0]


# --- what a participant's answer file can hold ---------------------------------------------------------------
JSON_LEAVES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20))
HOSTILE_VALUES = st.recursive(JSON_LEAVES, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=12)


@st.composite
def answer_files(draw, assignment: str):
    """("json", {item id: stored value}) or ("raw", name of a hostile file from test_hostile_stores, or "none")."""
    kind = draw(st.sampled_from(["honest"] * 6 + ["hostile_values", "raw", "none", "other_assignment"]))
    if kind == "raw":
        return "raw", draw(st.sampled_from(sorted(HOSTILE)))
    if kind == "none":
        return "raw", "none"
    if kind == "other_assignment":
        other = next(a for a in ASSIGNMENTS if a != assignment)
        return "json", perfect_answers(other)
    answers = {}
    for item_id, values in EXAMPLE_VALUES[assignment].items():
        choice = draw(st.integers(min_value=-1, max_value=len(values) - 1), label=item_id)
        if choice >= 0:
            answers[item_id] = values[choice]
        if kind == "hostile_values" and draw(st.booleans()):
            answers[item_id] = draw(HOSTILE_VALUES)
    if draw(st.booleans()):
        answers["sm9.tidak_ada"] = draw(HOSTILE_VALUES)
    return "json", answers


@dataclass(repr=False)
class Participant:
    student: str
    assignment: str
    mutations: list
    answers: tuple
    file_damage: str | None = None

    def describe(self) -> str:
        kind, content = self.answers
        answers = (kind, content if kind == "raw" else {k: str(v)[:60] for k, v in content.items()})
        return (f"{self.student} ({self.assignment}): mutations={self.mutations!r:.1500} file={self.file_damage} "
                f"answers={answers!r:.800}")

    __repr__ = describe

    def _repr_pretty_(self, printer, cycle) -> None:  # what hypothesis prints for a failing example
        printer.text(self.describe())


@st.composite
def cohorts(draw):
    size = draw(st.integers(min_value=COHORT[0], max_value=COHORT[1]), label="cohort size")
    found = []
    for number in range(size):
        assignment = ASSIGNMENTS[number % len(ASSIGNMENTS)]  # both assignments always have submissions
        mutations = [] if number < 2 else draw(st.lists(MUTATIONS, max_size=4), label=f"p{number:02d} mutations")
        damage = draw(st.one_of(st.none(), FILE_DAMAGE) if number >= 2 and draw(st.integers(0, 9)) == 0 else st.none())
        found.append(Participant(f"p{number:02d}", assignment, mutations, draw(answer_files(assignment)), damage))
    return found


def store_bytes(assignment: str, answers: dict) -> bytes:
    entries = {item: {"value": value, "saved_at": SAVED_AT} for item, value in answers.items()}
    return json.dumps({"schema_version": 1, "assignment": assignment, "answers": entries}).encode()


def submit(root: Path, participant: Participant) -> None:
    """Write ``submitted/<student>/<assignment>/`` as ``nbgrader collect`` would leave it."""
    folder = root / "submitted" / participant.student / participant.assignment
    folder.mkdir(parents=True)
    notebook = copy.deepcopy(RELEASED[participant.assignment])
    for mutation in participant.mutations:
        mutate(notebook, participant.assignment, mutation)
    name = f"{participant.assignment}.ipynb"
    text = json.dumps(notebook, ensure_ascii=False, indent=1)
    damage = participant.file_damage
    if damage in (None, "renamed"):
        (folder / (name if damage is None else f"Salinan {name}")).write_text(text, encoding="utf-8")
    elif damage == "non_utf8":
        (folder / name).write_bytes(text.encode("utf-16"))
    elif damage == "truncated":
        (folder / name).write_bytes(text.encode()[: len(text) // 2])
    elif damage == "empty":
        (folder / name).write_bytes(b"")
    elif damage == "not_json":
        (folder / name).write_bytes(b"\x00\xffbukan buku kerja")
    elif damage == "json_list":
        (folder / name).write_text("[1, 2, 3]")
    elif damage == "folder":
        (folder / name).mkdir()
    elif damage == "bom":
        (folder / name).write_bytes(b"\xef\xbb\xbf" + text.encode())
    for mutation in participant.mutations:
        if mutation[0] == "extra_files":
            for relative, text in EXTRA_FILES[mutation[1]].items():
                (folder / relative).parent.mkdir(parents=True, exist_ok=True)
                (folder / relative).write_text(text)
    kind, content = participant.answers
    if kind == "json":
        (folder / STORE_NAME).write_bytes(store_bytes(participant.assignment, content))
    elif content != "none":
        raw = HOSTILE[content][0]
        if raw is None:
            (folder / STORE_NAME).mkdir()
        else:
            (folder / STORE_NAME).write_bytes(raw)


def readable(path: Path) -> bool:
    """Would nbformat (what nbgrader uses) read this notebook?"""
    try:
        nbformat.read(path, as_version=4)
    except Exception:  # noqa: BLE001 (nbformat raises many kinds)
        return False
    return True


def gradebook_scores(root: Path, assignment: str, student: str) -> dict | None:
    """{grade cell name: auto score} straight from nbgrader's gradebook; None when the submission is not there."""
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        try:
            notebook = gradebook.find_submission_notebook(assignment, assignment, student)
        except MissingEntry:
            return None
        return {grade.name: grade.auto_score for grade in notebook.grades if grade.cell_type == "code"}


# --- the test ---------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A generated throw-away course (release/ + gradebook) that each cohort copies."""
    root = make_course(tmp_path_factory.mktemp("fuzz_template"), ASSIGNMENTS)
    build(root, ASSIGNMENTS)
    return root, tmp_path_factory.mktemp("fuzz_cohorts")


class Problems(list):
    """Every crash and broken invariant of one cohort, each with who triggered it where that can be told."""

    def run(self, what: str, function, root: Path, *arguments, cohort: list | None = None):
        try:
            return function(root, *arguments)
        except Exception:  # noqa: BLE001 (a fuzz test collects every crash)
            text = f"{what} raised:\n{traceback.format_exc(limit=6)}"
            if cohort:
                text += "\n".join(["triggered by:"] + culprits(function, root, arguments, cohort))
            self.append(text)
            return None


def culprits(function, root: Path, arguments: tuple, cohort: list) -> list[str]:
    """The participants that make ``function`` raise on a course holding their submission alone."""
    found = []
    for participant in cohort:
        if arguments and participant.assignment != arguments[0]:
            continue
        alone = Path(tempfile.mkdtemp(dir=root.parent)) / "kursus"
        shutil.copytree(root, alone, ignore=shutil.ignore_patterns("laporan", "feedback"))
        for stage in ("submitted", "autograded"):
            for folder in (alone / stage).glob("*") if (alone / stage).is_dir() else []:
                if folder.name != participant.student:
                    shutil.rmtree(folder)
        try:
            function(alone, *arguments)
        except Exception as error:  # noqa: BLE001
            found.append(f"  {type(error).__name__}: {error} <- {participant.describe()}")
        shutil.rmtree(alone.parent)
    return found or ["  (no single participant: the cohort as a whole)"]


def check_cohort(root: Path, cohort: list[Participant]) -> Problems:
    problems = Problems()
    jobs = [(p.assignment, p.student) for p in cohort]
    outcomes = {(r.assignment, r.student): r for r in grade_jobs(root, jobs, workers=3, progress=False)}
    audits = {a: problems.run(f"audit_assignment({a})", audit_assignment, root, a, cohort=cohort) for a in ASSIGNMENTS}
    for a in ASSIGNMENTS:
        problems.run(f"write_feedback({a})", write_feedback, root, a, cohort=cohort)
        problems.run(f"debrief_html({a})", debrief_html, root, a, cohort=cohort)
    results = problems.run("collect_results", collect_results, root, cohort=cohort)
    if results is not None:
        problems.run("build_report", lambda _root, out: build_report(results, out), root, root / "laporan")
    grades = pd.read_csv(root / "laporan" / "nilai.csv") if (root / "laporan" / "nilai.csv").is_file() else None
    copy_root = root.parent / f"{root.name}_perbaikan"
    shutil.copytree(root, copy_root)
    for a in ASSIGNMENTS:
        problems.run(f"repair_assignment({a}) on a copy", repair_assignment, copy_root, a, cohort=cohort)
    shutil.rmtree(copy_root)

    for participant in cohort:
        student, assignment = participant.student, participant.assignment
        who = participant.describe()
        folder = root / "submitted" / student / assignment
        notebook = folder / f"{assignment}.ipynb"
        outcome = outcomes[assignment, student]
        if notebook.is_file() and readable(notebook) and not outcome.ok:
            problems.append(f"a readable notebook was not graded ({outcome.message}): {who}")
        scores = gradebook_scores(root, assignment, student)
        audit = audits[assignment]
        flagged = set() if audit is None else set(
            audit[(audit["student"] == student) & (audit["finding"] == "nilai_berbeda")]["where"])
        if outcome.ok and scores is not None:
            deserved = recompute_scores(RECORDS[assignment], Submission.read(student, assignment, folder))
            cells = {r.cell_name: r for r in RECORDS[assignment] if r.auto_graded}
            for name, auto in scores.items():
                record = cells.get(name.split("_", 1)[1])
                if record is None:
                    continue
                got, due = float(auto or 0.0), deserved[record.id]
                if got > due + TOLERANCE and record.id not in flagged:
                    problems.append(f"{record.id} scored {got} > {due} deserved, not flagged by audit: {who}")
                if abs(got - due) > TOLERANCE:
                    problems.append(f"hardening: {record.id} scored {got}, deserved {due}: {who}")
        if audit is not None and (not outcome.ok) and student not in set(audit["student"]):
            problems.append(f"an ungraded participant is missing from the audit: {who}")
        if not (root / "feedback" / student / assignment / f"{assignment}.html").is_file():
            problems.append(f"no feedback page (participant vanished from feedback): {who}")
        if results is not None and not ((results["student"] == student) & (results["assignment"] == assignment)).any():
            problems.append(f"no rows in collect_results (participant vanished from results): {who}")
        if grades is not None and student not in set(grades["student"].astype(str)):
            problems.append(f"no line in nilai.csv (participant vanished from the report): {who}")
    return problems


@(seed(int(SEED)) if SEED else (lambda test: test))
@settings(max_examples=EXAMPLES, deadline=None, derandomize=SEED is None, database=None,
          phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example,
                                 HealthCheck.function_scoped_fixture])
@given(cohort=cohorts())
def test_fuzzed_cohort_through_grading_and_every_instructor_tool(template, cohort):
    """Does a cohort of damaged notebooks and hostile answer files get through autograde, audit, feedback,
    results, report, repair and debriefs without a crash, a forged score, or a vanished participant?"""
    source, base = template
    root = Path(tempfile.mkdtemp(dir=base)) / "kursus"
    shutil.copytree(source, root)
    for participant in cohort:
        submit(root, participant)
    problems = check_cohort(root, cohort)
    if LOG:
        with open(LOG, "a", encoding="utf-8") as log:
            log.write(f"=== cohort of {len(cohort)} in {root}: {len(problems)} problem(s)\n")
            log.write("\n\n".join(problems) + "\n")
        return
    assert not problems, f"{len(problems)} problem(s) in {root}:\n\n" + "\n\n".join(problems)
    shutil.rmtree(root.parent)
