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


@pytest.fixture(scope="session")
def generated_course(tmp_path_factory) -> Path:
    """A throw-away course where every assignment has been generated once (shared, read-only use)."""
    course = make_course(tmp_path_factory.mktemp("course"))
    for assignment in ASSIGNMENTS:
        nbgrader(course, "generate_assignment", assignment, "--force")
    return course
