"""Build and autograde with the real nbgrader, for one assignment or all, in parallel where it helps."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .records import CourseError, assignment_ids, require_assignment

__all__ = ["run_nbgrader", "build", "autograde", "GradingResult"]


def run_nbgrader(root: Path, *arguments: str, url: str | None = None, timeout: int = 1800) -> subprocess.CompletedProcess:
    """``nbgrader <arguments>`` in the course folder, with this environment's tools on PATH."""
    environment = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    environment.pop("NBGRADER_EXECUTION", None)
    extra = [f"--CourseDirectory.db_url={url}"] if url else []
    return subprocess.run([sys.executable, "-m", "nbgrader", *arguments, *extra], cwd=root, env=environment,
                          capture_output=True, text=True, timeout=timeout)


def _digest(folder: Path) -> dict:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()} if folder.is_dir() else {}


def build(root: Path, assignments: list[str] | None = None, url: str | None = None) -> dict:
    """Generate each assignment's release/; return {assignment: files of release/ that changed} ([] = in sync)."""
    changed = {}
    for assignment in assignments or assignment_ids(root):
        require_assignment(root, assignment)
        before = _digest(root / "release" / assignment)
        result = run_nbgrader(root, "generate_assignment", assignment, "--force", url=url)
        if result.returncode != 0:
            raise CourseError(f"nbgrader generate_assignment {assignment} gagal:\n{result.stderr[-2000:]}")
        after = _digest(root / "release" / assignment)
        changed[assignment] = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    return changed


@dataclass
class GradingResult:
    student: str
    ok: bool
    attempts: int
    message: str = ""


def _grade_one(root: Path, assignment: str, student: str, url: str | None, retries: int) -> GradingResult:
    message = ""
    for attempt in range(1, retries + 2):
        result = run_nbgrader(root, "autograde", assignment, "--student", student, "--force", url=url)
        if result.returncode == 0:
            return GradingResult(student, True, attempt)
        message = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["(tanpa pesan)"]
        message = message[0][:300]
    return GradingResult(student, False, retries + 1, message)


def autograde(root: Path, assignment: str, students: list[str] | None = None, workers: int | None = None,
              url: str | None = None, retries: int = 1, progress: bool = True) -> list[GradingResult]:
    """Autograde each participant in its own nbgrader process, ``workers`` at a time (default: one per core).

    A participant whose run fails (e.g. a kernel that did not start, a locked SQLite gradebook) is
    retried ``retries`` times; every other participant's result is already in the gradebook.
    """
    require_assignment(root, assignment)
    if students is None:
        students = sorted(path.parent.name for path in (root / "submitted").glob(f"*/{assignment}") if path.is_dir())
    if not students:
        raise CourseError(f"Tidak ada kiriman untuk {assignment} di {root / 'submitted'}: jalankan `nbgrader collect` dulu.")
    # one run first, so nbgrader creates or upgrades the gradebook before parallel runs touch it
    results = [_grade_one(root, assignment, students[0], url, retries)]
    bar = _progress(len(students), progress, assignment)
    bar.update(1)
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        for result in pool.map(lambda student: _grade_one(root, assignment, student, url, retries), students[1:]):
            results.append(result)
            bar.update(1)
    bar.close()
    return results


def _progress(total: int, enabled: bool, assignment: str):
    from tqdm import tqdm

    return tqdm(total=total, desc=f"Menilai {assignment}", unit="peserta", disable=not enabled, file=sys.stderr)
