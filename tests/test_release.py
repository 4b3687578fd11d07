"""What participants receive: release/ in sync with source/, no keys anywhere they can read."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
from nbgrader.validator import Validator

import course
from course.keys import keys_from_notebook
from course.store import AnswerStore

from .conftest import ASSIGNMENTS, ROOT
from .answers import perfect_answers

SOURCES = {assignment: ROOT / "source" / assignment / f"{assignment}.ipynb" for assignment in ASSIGNMENTS}


def _release_files() -> list[Path]:
    return [path for path in (ROOT / "release").rglob("*") if path.is_file()]


def _package_files() -> list[Path]:
    """Every file of the ``course`` package, i.e. what ``pip install`` puts where a kernel can read it."""
    package = Path(course.__file__).parent
    return [path for path in package.rglob("*") if path.is_file() and path.suffix != ".pyc"]


def _secrets() -> list[str]:
    """Strings that would give a graded item away: its key as JSON, and its explanation."""
    secrets = []
    for source in SOURCES.values():
        for item_id, entry in keys_from_notebook(source).items():
            key = entry["key"]
            if isinstance(key, (dict, list)) and len(json.dumps(key)) > 12:
                secrets.append(json.dumps(key, ensure_ascii=False))
            if entry["explanation"]:
                secrets.append(entry["explanation"][:80])
    return secrets


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_equals_a_fresh_generate_assignment(generated_course, assignment):
    """Is the committed release/ exactly what nbgrader generates from source/ today?"""
    fresh = generated_course / "release" / assignment
    committed = ROOT / "release" / assignment
    fresh_files = sorted(path.relative_to(fresh) for path in fresh.rglob("*") if path.is_file())
    committed_files = sorted(path.relative_to(committed) for path in committed.rglob("*") if path.is_file())
    assert committed_files == fresh_files
    for name in fresh_files:
        assert (committed / name).read_bytes() == (fresh / name).read_bytes(), (
            f"release/{assignment}/{name} is stale: run `nbgrader generate_assignment {assignment} --force`"
        )


def test_no_hidden_test_or_grading_call_reaches_release():
    """Does release/ hold no hidden test, no grade() call and no answer store?"""
    for path in _release_files():
        assert path.name != "jawaban.json"
        text = path.read_text(encoding="utf-8")
        assert "HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text
        assert "grade(" not in text.replace("pending(", "")


def test_no_key_or_graded_explanation_in_release_or_installed_package():
    """Can a participant find any graded item's key or explanation in release/ or the installed package?"""
    secrets = _secrets()
    assert len(secrets) >= 5
    for path in _release_files() + _package_files():
        text = path.read_text(encoding="utf-8", errors="ignore")
        for secret in secrets:
            assert secret not in text, f"a key or graded explanation is readable in {path}"


def test_released_notebooks_carry_no_outputs_or_widget_state():
    """Is every released notebook free of outputs and stored widget state (nothing to leak, small)?"""
    for assignment in ASSIGNMENTS:
        notebook = nbformat.read(ROOT / "release" / assignment / f"{assignment}.ipynb", as_version=4)
        assert "widgets" not in notebook.metadata
        assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_grade_ids_sort_in_notebook_order(assignment):
    """Do grade ids sort in notebook order (RestoreDeletedCells relies on it to put a cell back in place)?"""
    notebook = nbformat.read(SOURCES[assignment], as_version=4)
    ids = [cell.metadata["nbgrader"]["grade_id"] for cell in notebook.cells if "nbgrader" in cell.metadata]
    assert ids == sorted(ids) and len(ids) == len(set(ids)) == len(notebook.cells)


def _validate_with_perfect_store(assignment: str, notebook: Path, folder: Path) -> dict:
    folder.mkdir()
    shutil.copy(notebook, folder / notebook.name)
    store = AnswerStore(folder)
    for item_id, value in perfect_answers(assignment).items():
        store.save(item_id, value)
    return Validator().validate(str(folder / notebook.name))


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_source_passes_validation_with_right_answers(tmp_path, assignment):
    """Does nbgrader's Validator pass the source notebook when the store holds the right answers?"""
    result = _validate_with_perfect_store(assignment, SOURCES[assignment], tmp_path / "source")
    assert result == {}, result


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_fails_every_graded_test_even_with_right_answers(tmp_path, assignment):
    """Does the released notebook fail every graded test (its keys are gone), even with right answers?"""
    released = ROOT / "release" / assignment / f"{assignment}.ipynb"
    result = _validate_with_perfect_store(assignment, released, tmp_path / "rel")
    graded = keys_from_notebook(SOURCES[assignment])
    assert len(graded) >= 5
    assert len(result["failed"]) == len(graded)
