"""What the instructor tools read: the course folder, keys, participants' stores, and the gradebook.

Everything here reads; nothing writes. Scores recomputed here never run participant code: they come
from the submitted answer store (``jawaban.json``) and the keys parsed out of ``source/`` notebooks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import kinds
from ..bank import Bank, Item, all_banks
from ..keys import keys_from_notebook
from ..store import STORE_NAME, inspect_store
from .say import say

__all__ = [
    "CourseError", "ItemRecord", "Submission", "find_course_root", "assignment_ids", "require_assignment",
    "bank_of", "item_records", "submissions", "recompute_scores", "gradebook_url", "gradebook_rows",
    "GradebookUnavailable", "safe_url", "check_gradebook", "manual_score", "final_scores", "notebook_problem",
    "class_submissions", "has_submissions", "sqlite_file", "NOT_IN_GRADEBOOK",
]

CONFIG_NAME = "nbgrader_config.py"


class CourseError(RuntimeError):
    """The course folder, an assignment or the gradebook is not what the tools need (message in Indonesian)."""


class GradebookUnavailable(CourseError):
    """The gradebook cannot be reached at all (wrong URL, server down, bad password, missing driver)."""


def find_course_root(start: str | Path | None = None) -> Path:
    """The nearest folder at or above ``start`` holding ``nbgrader_config.py`` and ``source/``."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file() and (folder / "source").is_dir():
            return folder
    raise CourseError(say(
        "{here} bukan folder kursus: tidak ada {config} dan folder source/ di sini atau di atasnya. Jalankan perintah "
        "dari akar repositori kursus, atau beri --kursus /path/ke/kursus.", here=here, config=CONFIG_NAME))


def assignment_ids(root: Path) -> list[str]:
    """Assignments of the course, from ``source/``, in order (sm0, sm1, ...)."""
    return sorted(path.name for path in (root / "source").iterdir() if (path / f"{path.name}.ipynb").is_file())


def require_assignment(root: Path, assignment: str) -> str:
    if assignment not in assignment_ids(root):
        raise CourseError(say("Tugas \u201c{assignment}\u201d tidak ada di {folder}. Tugas yang ada: {known}.",
                              assignment=assignment, folder=root / "source", known=", ".join(assignment_ids(root))))
    return assignment


def bank_of(assignment: str) -> Bank:
    bank = all_banks().get(assignment.split("_", 1)[0])
    if bank is None:
        raise CourseError(say("Bank soal untuk tugas {assignment} tidak ditemukan di paket course.", assignment=assignment))
    return bank


@dataclass(frozen=True)
class ItemRecord:
    """One item of an assignment with what only the instructor may see (key, explanation) when graded."""

    item: Item
    points: float = 0.0
    key: object = None
    explanation: str = ""
    why_not: dict = field(default_factory=dict)
    """Option id -> why that option is not the answer (graded choice items)."""

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def auto_graded(self) -> bool:
        return not self.item.is_practice and not self.item.is_manual

    @property
    def hand_graded(self) -> bool:
        return not self.item.is_practice and self.item.is_manual

    @property
    def cell_name(self) -> str:
        """The tail of the grade id of the cell that scores this item: ``nilai_x`` or ``tugas_x``."""
        short = self.item.id.split(".", 1)[1]
        return f"nilai_{short}" if self.auto_graded else f"tugas_{short}"


def item_records(root: Path, assignment: str) -> list[ItemRecord]:
    """Every item of ``assignment`` in notebook order, with keys and explanations of graded items."""
    keys = keys_from_notebook(root / "source" / assignment / f"{assignment}.ipynb")
    records = []
    for item in bank_of(assignment):
        entry = keys.get(item.id, {})
        records.append(ItemRecord(item, points=entry.get("points", item.points), key=entry.get("key"),
                                  explanation=entry.get("explanation", item.explanation),
                                  why_not=entry.get("why_not", {})))
    return records


@dataclass
class Submission:
    """One participant's submitted folder of one assignment and its stored answers."""

    student: str
    assignment: str
    folder: Path
    answers: dict = field(default_factory=dict)
    store_problem: str = ""
    """Why the answer store could not be read (in the current language); "" when it was read or is absent."""
    store_missing: bool = False
    not_graded: str = ""
    """Why this submission has no grades in the gradebook, "belum di gradebook: <why>" (English mode: "not in the
    gradebook: <why>"); "" when it is graded. Code tests it for "" only."""

    @classmethod
    def read(cls, student: str, assignment: str, folder: Path) -> "Submission":
        reading = inspect_store(folder / STORE_NAME)
        return cls(student, assignment, folder, reading.answers, reading.problem, reading.missing)

    @property
    def notebook(self) -> Path:
        return self.folder / f"{self.assignment}.ipynb"

    def value(self, item_id: str):
        entry = self.answers.get(item_id)
        return entry.get("value") if isinstance(entry, dict) else None


def submissions(root: Path, assignment: str, stage: str = "submitted") -> list[Submission]:
    """Every participant's folder under ``<stage>/<student>/<assignment>``, sorted by participant id."""
    base = root / stage
    found = []
    for folder in sorted(base.glob(f"*/{assignment}")) if base.is_dir() else []:
        if folder.is_dir():
            found.append(Submission.read(folder.parent.name, assignment, folder))
    return found


NOT_IN_GRADEBOOK = "belum di gradebook"
"""How ``Submission.not_graded`` starts in Bahasa Indonesia (in English mode: "not in the gradebook")."""


def notebook_problem(folder: Path, assignment: str) -> str:
    """Why the notebook submitted in ``folder`` cannot be graded (in the current language); "" when nbformat reads
    it."""
    import nbformat

    name = f"{assignment}.ipynb"
    path = folder / name
    if not path.is_file():
        others = sorted(other.name for other in folder.glob("*.ipynb") if other.is_file()) if folder.is_dir() else []
        if others:
            return say("buku kerja {name} tidak ada di kiriman; yang ada {others} (nama berkasnya diubah?)", name=name,
                       others=", ".join(others)[:120])
        return say("kiriman tidak berisi buku kerja {name}", name=name)
    try:
        nbformat.read(path, as_version=4)
    except Exception:  # noqa: BLE001 (nbformat raises many kinds for a broken file, RecursionError among them)
        return say("buku kerja {name} rusak (tidak dapat dibaca sebagai notebook)", name=name)
    return ""


def _participant_folders(root: Path, stage: str, assignment: str) -> dict:
    base = root / stage
    return {folder.parent.name: folder for folder in base.glob(f"*/{assignment}") if folder.is_dir()} \
        if base.is_dir() else {}


def has_submissions(root: Path, assignment: str) -> bool:
    """Whether anyone's folder of ``assignment`` is in submitted/ or autograded/."""
    return any(_participant_folders(root, stage, assignment) for stage in ("submitted", "autograded"))


def class_submissions(root: Path, assignment: str, book: dict | None) -> list[Submission]:
    """Every participant who submitted ``assignment`` (submitted/ or autograded/), sorted, none left out.

    A participant graded in ``book`` (the gradebook rows) is read from the graded copy; anyone else is read
    from the submitted folder, with ``not_graded`` saying why they have no grades yet, so reports can list
    them with the points their answer file holds instead of dropping them.
    """
    submitted = _participant_folders(root, "submitted", assignment)
    graded = _participant_folders(root, "autograded", assignment)
    found = []
    for student in sorted(submitted.keys() | graded.keys()):
        graded_copy = graded.get(student)
        in_book = student in (book or {})
        if in_book and graded_copy is not None and (graded_copy / f"{assignment}.ipynb").is_file():
            found.append(Submission.read(student, assignment, graded_copy))
            continue
        folder = submitted.get(student, graded_copy)
        problem = notebook_problem(folder, assignment)
        if not problem:
            problem = (say("penilaian otomatis gagal; jalankan `kursus autograde` lagi") if in_book
                       else say("belum dinilai otomatis; jalankan `kursus autograde`"))
        submission = Submission.read(student, assignment, folder)
        submission.not_graded = say("belum di gradebook: {reason}", reason=problem)  # feedback.py splits at ": "
        found.append(submission)
    return found


def recompute_scores(records: list[ItemRecord], submission: Submission) -> dict:
    """{item id: points} of every auto-graded item, from the stored answer and the key alone."""
    return {record.id: round(record.points * kinds.score(record.item, submission.value(record.id), record.key), 4)
            for record in records if record.auto_graded}


def manual_score(cells: dict | None, record: ItemRecord) -> float | None:
    """The instructor's score for ``record`` in one participant's gradebook cells (a hand grade, or an override of
    an auto-graded cell in formgrader); None when there is none."""
    cell = (cells or {}).get(record.cell_name)
    manual = cell.get("manual") if isinstance(cell, dict) else None
    return float(manual) if isinstance(manual, (int, float)) and not isinstance(manual, bool) else None


def final_scores(records: list[ItemRecord], submission: Submission, cells: dict | None) -> dict:
    """{item id: points} of every auto-graded item: the instructor's override where the gradebook has one,
    else the score recomputed from the stored answer (never the kernel's)."""
    scores = recompute_scores(records, submission)
    for record in records:
        override = manual_score(cells, record) if record.auto_graded else None
        if override is not None:
            scores[record.id] = override
    return scores


def gradebook_url(root: Path, url: str | None = None) -> str:
    return url or f"sqlite:///{root / 'gradebook.db'}"


def sqlite_file(url: str) -> Path | None:
    """The file of an ``sqlite:///`` URL (None for other databases and in-memory SQLite)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def safe_url(url: str) -> str:
    """``url`` with its password masked, for messages (postgresql://kursus:***@host/db)."""
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def _reason(error: BaseException) -> str:
    """The first line of what the database driver said (not SQLAlchemy's wrapper text)."""
    text = str(getattr(error, "orig", None) or error).strip()
    return text.splitlines()[0].strip() if text else type(error).__name__


def _missing_sqlite(url: str) -> str:
    """The sentence for a gradebook file that does not exist (commands other than build never create one)."""
    return say("Gradebook {path} belum ada. Periksa jalurnya; gradebook dibuat oleh `kursus build`, lalu diisi oleh "
               "`kursus autograde`.", path=sqlite_file(url))


def check_gradebook(url: str, create: bool = False) -> None:
    """Connect once to the gradebook at ``url`` and disconnect (no table is read or made); else GradebookUnavailable.

    Done before a command starts working, so a wrong URL is one clear sentence, not a traceback or a
    failed nbgrader run per participant. An SQLite file that does not exist is refused without being
    created (connecting would create an empty file), unless ``create`` (``kursus build`` makes the gradebook).
    """
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    shown = safe_url(url)
    path = sqlite_file(url)
    if path is not None and not path.is_file():
        if not create:
            raise GradebookUnavailable(_missing_sqlite(url))
        if not path.parent.is_dir():
            raise GradebookUnavailable(say("Folder {folder} untuk gradebook {name} tidak ada.", folder=path.parent,
                                           name=path.name))
        return
    try:
        parsed = make_url(url)
        # a host that drops packets would otherwise keep libpq waiting without end
        options = {"connect_timeout": 10} if parsed.get_backend_name() == "postgresql" else {}
        engine = create_engine(parsed, connect_args=options)
    except (ArgumentError, NoSuchModuleError, ValueError):
        raise GradebookUnavailable(say(
            "URL gradebook tidak dikenali: {url}. Bentuknya mis. sqlite:///gradebook.db atau "
            "postgresql://pengguna:katasandi@host:5432/nama_basis_data.", url=shown)) from None
    except ImportError as error:
        raise GradebookUnavailable(say(
            "Driver basis data untuk {url} belum terpasang ({driver}). Untuk PostgreSQL: pip install "
            "'kursus-paradiplomasi[postgres]' (atau psycopg2-binary dan psycopg[binary]).", url=shown,
            driver=error.name or error)) from None
    try:
        with engine.connect():
            pass
    except Exception as error:  # sqlalchemy wraps every driver's failure: refused, timeout, auth, unknown database
        hint = (say("Periksa jalur berkasnya.") if parsed.get_backend_name() == "sqlite" else
                say("Periksa host, port, nama pengguna, kata sandi, dan nama basis data di --db."))
        raise GradebookUnavailable(say("Gradebook tidak dapat dibuka ({url}): {reason}. {hint}", url=shown,
                                       reason=_reason(error), hint=hint)) from None
    finally:
        engine.dispose()


def gradebook_rows(root: Path, assignment: str, url: str | None = None) -> dict:
    """{student: {cell name: {"auto", "manual", "max", "comment"}}} for every graded cell in the gradebook."""
    from nbgrader.api import Gradebook, MissingEntry

    path = sqlite_file(gradebook_url(root, url))
    if path is not None and not path.is_file():  # nbgrader would create an empty gradebook (and need alembic)
        raise GradebookUnavailable(_missing_sqlite(gradebook_url(root, url)))
    try:
        gradebook = Gradebook(gradebook_url(root, url))
    except Exception as error:  # sqlalchemy raises many kinds for a bad URL or an unreadable file
        raise GradebookUnavailable(say("Gradebook tidak dapat dibuka ({url}): {reason}",
                                       url=safe_url(gradebook_url(root, url)), reason=_reason(error))) from None
    rows: dict = {}
    with gradebook:
        try:
            notebooks = gradebook.find_assignment(assignment).submissions
        except MissingEntry:
            raise CourseError(say("Tugas {assignment} belum ada di gradebook: jalankan build dan autograde dulu.",
                                  assignment=assignment)) from None
        for submission in notebooks:
            notebook = gradebook.find_submission_notebook(assignment, assignment, submission.student.id)
            cells = {}
            for grade in notebook.grades:
                comment = next((c.comment for c in notebook.comments if c.name == grade.name), None)
                cells[grade.name.split("_", 1)[1] if grade.name[:1] == "c" else grade.name] = {
                    "auto": grade.auto_score, "manual": grade.manual_score, "max": grade.max_score,
                    "comment": comment, "grade_id": grade.name,
                }
            rows[submission.student.id] = cells
    return rows
