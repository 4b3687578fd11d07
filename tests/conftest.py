"""Shared fixtures: paths of the real course, and throw-away nbgrader courses built in tmp_path."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENTS = sorted(path.name for path in (ROOT / "source").iterdir() if path.is_dir())
BIN = Path(sys.executable).parent


def nbgrader(course: Path, *arguments: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run the real ``nbgrader`` command in ``course`` (its ``alembic`` must be on PATH)."""
    environment = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    environment.pop("NBGRADER_EXECUTION", None)
    result = subprocess.run(
        [str(BIN / "nbgrader"), *arguments], cwd=course, env=environment, capture_output=True, text=True, timeout=900
    )
    if check and result.returncode != 0:
        raise AssertionError(f"nbgrader {' '.join(arguments)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def make_course(directory: Path, assignments=ASSIGNMENTS) -> Path:
    """A copy of the course's nbgrader config and sources, ready for ``generate_assignment``."""
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "nbgrader_config.py", directory / "nbgrader_config.py")
    for assignment in assignments:
        shutil.copytree(ROOT / "source" / assignment, directory / "source" / assignment)
    return directory


def submit(course: Path, assignment: str, student: str, answers=None, edit=None) -> Path:
    """Hand in the released notebook (changed by ``edit``, if given) with these answers, as ``nbgrader collect`` leaves it."""
    import nbformat

    from course.store import AnswerStore

    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True)
    notebook = nbformat.read(course / "release" / assignment / f"{assignment}.ipynb", as_version=4)
    if edit:
        edit(notebook)
    nbformat.write(notebook, folder / f"{assignment}.ipynb")
    store = AnswerStore(folder, assignment=assignment)
    for item_id, value in (answers or {}).items():
        store.save(item_id, value)
    return folder


def store_file_state(folder: Path) -> tuple:
    """Modification time and bytes of the answer store in ``folder``: equal before and after = not written."""
    path = folder / "jawaban.json"
    return path.stat().st_mtime_ns, path.read_bytes()


def stored_value(folder: Path, item_id: str):
    """The value stored for ``item_id`` in the answer store of ``folder``."""
    from course.store import read_answers

    return read_answers(folder / "jawaban.json")[item_id]["value"]


def _in_language(code: str):
    """The course in ``code`` for one test; the language it found afterwards."""
    import course

    language = course.get_language()
    course.set_language(code)
    try:
        yield
    finally:
        course.set_language(language)


@pytest.fixture
def english():
    """English for the test (KURSUS_LANG=en), the language it found afterwards."""
    yield from _in_language("en")


@pytest.fixture
def indonesian():
    """Bahasa Indonesia (the default) for the test, the language it found afterwards."""
    yield from _in_language("id")


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    """For widget tests: a fresh assignment folder as cwd, an empty store cache, no grading mode, Indonesian."""
    import course
    from course.widgets import _base

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    _base._stores.cache_clear()
    language = course.get_language()
    course.set_language("id")
    try:
        yield tmp_path
    finally:
        course.set_language(language)
        _base._stores.cache_clear()


@pytest.fixture(scope="session")
def generated_course(tmp_path_factory) -> Path:
    """A throw-away course where every assignment has been generated once (shared, read-only use)."""
    course = make_course(tmp_path_factory.mktemp("course"))
    for assignment in ASSIGNMENTS:
        nbgrader(course, "generate_assignment", assignment, "--force")
    return course


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on loopback serving a participant's copy of release/ (one server per test module)."""
    from .browser import start_lab

    base, work, server = start_lab(tmp_path_factory)
    yield base, work
    server.terminate()
    server.wait(timeout=20)
