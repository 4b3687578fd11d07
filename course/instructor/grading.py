"""Build and autograde with the real nbgrader, for one assignment or all, in parallel where it helps."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from .grade_worker import GRADEBOOK_VARIABLE
from .say import say
from .records import CourseError, assignment_ids, notebook_problem, require_assignment

__all__ = ["run_nbgrader", "build", "autograde", "grade_jobs", "submitted_students", "GradingResult", "worth_retrying",
           "explain_failure"]


def tool_environment() -> dict:
    """The environment for an nbgrader process: this environment's tools on PATH, not in grading mode."""
    environment = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    environment.pop("NBGRADER_EXECUTION", None)
    return environment


def run_nbgrader(root: Path, *arguments: str, url: str | None = None, timeout: int = 1800) -> subprocess.CompletedProcess:
    """``nbgrader <arguments>`` in the course folder, with this environment's tools on PATH."""
    environment = tool_environment()
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
            raise CourseError(say("nbgrader generate_assignment {assignment} gagal:\n{log}", assignment=assignment,
                                  log=result.stderr[-2000:]))
        after = _digest(root / "release" / assignment)
        changed[assignment] = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    return changed


@dataclass
class GradingResult:
    student: str
    ok: bool
    attempts: int
    message: str = ""
    assignment: str = ""


class _Worker:
    """A ``grade_worker`` process: one job in, one reply out; started again if it dies."""

    def __init__(self, root: Path, url: str | None):
        self.root, self.url, self.process = root, url, None
        self.log = tempfile.TemporaryFile(mode="w+")  # kernel and nbgrader chatter, read back when a worker dies

    def _start(self) -> None:
        command = [sys.executable, "-m", "course.instructor.grade_worker", str(self.root)]
        environment = tool_environment()
        environment.pop(GRADEBOOK_VARIABLE, None)
        if self.url:  # not on the command line, where every local user could read a password with `ps`
            environment[GRADEBOOK_VARIABLE] = self.url
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log,
                                        text=True, bufsize=1, env=environment)
        self._reply()  # {"ready": true}: nbgrader is imported and the configuration is read

    def _reply(self) -> dict:
        line = self.process.stdout.readline()
        if not line:
            code = self.process.wait()
            self.log.seek(0)
            tail = self.log.read().strip().splitlines()[-1:] or ["(tanpa pesan)"]
            self.process = None
            raise RuntimeError(f"proses penilai berhenti (kode {code}): {tail[0][:300]}")
        return json.loads(line)

    def start(self) -> None:
        """Start the process now; if it fails, the first job starts it again and reports why."""
        try:
            self._start()
        except (RuntimeError, OSError, ValueError):
            self.stop()

    def grade(self, assignment: str, student: str, more: bool = True) -> tuple[bool, str]:
        """Grade one job; ``more``: another may follow (the worker boots its kernel while this one runs)."""
        try:
            if self.process is None:
                self._start()
            self.process.stdin.write(json.dumps({"assignment": assignment, "student": student, "more": more}) + "\n")
            self.process.stdin.flush()
            reply = self._reply()
            return bool(reply["ok"]), str(reply["message"])
        except RuntimeError as error:
            self.stop()
            return False, str(error)
        except OSError as error:  # the pipe broke: the process is gone
            self.stop()
            return False, f"proses penilai berhenti: {error}"
        except (ValueError, KeyError) as error:
            self.stop()
            return False, f"balasan proses penilai tidak terbaca: {error}"

    def stop(self) -> None:
        if self.process is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.process = None


def grade_jobs(root: Path, jobs: list[tuple[str, str]], workers: int | None = None, url: str | None = None,
               retries: int = 1, progress: bool = True, label: str = "") -> list[GradingResult]:
    """Autograde each ``(assignment, student)`` job on ``workers`` long-lived nbgrader processes.

    The default is one process per core (``default_workers``).

    A job that fails for a reason a second try can cure (a kernel that did not start, a locked SQLite
    gradebook, a worker that died: ``worth_retrying``) goes back in the queue and is tried ``retries`` more
    times; every finished job's grades are already in the gradebook, so nothing done is lost. A notebook
    that is missing or unreadable is not sent to nbgrader at all (attempts 0) and its reason is in the command's
    language (``notebook_problem``).
    """
    if not jobs:
        return []
    pending, checked = queue.Queue(), threading.Event()
    results, lock = {}, threading.Lock()
    bar = _progress(len(jobs), progress, label or "tugas")

    def serve() -> None:
        worker = _Worker(root, url)
        try:
            worker.start()  # the process boots while the notebooks are checked
            checked.wait()
            while True:
                try:
                    assignment, student, attempt = pending.get_nowait()
                except queue.Empty:
                    return
                ok, message = worker.grade(assignment, student, more=not pending.empty())
                if not ok and attempt <= retries and worth_retrying(message):
                    pending.put((assignment, student, attempt + 1))
                    continue
                if not ok:
                    message = explain_failure(message)
                with lock:
                    results[assignment, student] = GradingResult(student, ok, attempt, message, assignment)
                    bar.update(1)
        finally:
            worker.stop()
            worker.log.close()

    count = max(1, min(workers or default_workers(), len(jobs)))
    threads = [threading.Thread(target=serve, daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    try:
        for assignment, student in jobs:
            problem = notebook_problem(root / "submitted" / student / assignment, assignment)
            if problem:  # nbgrader would fail the same way every time, in English: say why, do not try
                results[assignment, student] = GradingResult(student, False, 0, problem, assignment)
                # as nbgrader does on failure: no graded copy of an earlier submission outlives this one
                shutil.rmtree(root / "autograded" / student / assignment, ignore_errors=True)
                bar.update(1)
            else:
                pending.put((assignment, student, 1))
    except BaseException:  # nothing is graded from a half-checked list: the workers stop at once
        with contextlib.suppress(queue.Empty):
            while True:
                pending.get_nowait()
        raise
    finally:
        checked.set()
        for thread in threads:
            thread.join()
    bar.close()
    return [results[job] for job in jobs]


# What a second attempt can cure: a worker or kernel that died or did not start (a ZMQ port clash under load),
# a locked SQLite gradebook, a timeout on a busy machine. Anything else (a broken notebook, an assignment missing
# from the gradebook) fails the same way again, so it is reported at once. The worker's own messages ("proses
# penilai berhenti ...", "balasan proses penilai ...", made in _Worker) are matched here by their words, so they
# stay Indonesian in English mode too (only `kursus autograde` prints them, after "FAILED").
_TRANSIENT = ("proses penilai berhenti", "balasan proses penilai", "database is locked", "ZMQError",
              "Address already in use", "Kernel died", "kernel died", "didn't respond", "DeadKernelError",
              "timed out", "TimeoutError")

# nbgrader's own words for failures an instructor can fix, and what to tell them instead
_EXPLAINED = (
    ("No assignment with ID", "tugas ini belum ada di gradebook: jalankan `kursus build` dulu"),
    ("No notebooks were matched", "kiriman tidak berisi buku kerja tugas ini"),
    ("No notebooks found", "kiriman tidak berisi buku kerja tugas ini"),
    ("NotJSONError", "buku kerja rusak (tidak dapat dibaca sebagai notebook)"),
    ("SchemaTooOldError", "metadata nbgrader buku kerja ini terlalu lama"),
    ("SchemaTooNewError", "metadata nbgrader buku kerja ini terlalu baru"),
)


def worth_retrying(message: str) -> bool:
    """Whether a failed grading job may succeed if tried again (see ``_TRANSIENT``)."""
    return any(marker in message for marker in _TRANSIENT)


def explain_failure(message: str) -> str:
    """A failure reason in Bahasa Indonesia, with nbgrader's own line kept for the instructor."""
    if message.startswith("proses penilai") or message.startswith("balasan proses penilai"):
        return message
    for marker, text in _EXPLAINED:
        if marker in message:
            return say("{text} (nbgrader: {message})", text=say(text), message=message[:200])
    return say("penilaian otomatis gagal (nbgrader: {message})", message=message[:300])


def default_workers() -> int:
    """Grading processes when none is asked for: one per core.

    Each worker's next kernel boots while its current notebook runs (``kernel_pool``), so a worker no longer
    idles through a kernel's start; measured on 2 cores (20 participants × sm1 + sm3): 2 workers 12.4 s,
    3 workers 12.5 s, and the third costs a start-up of its own and ~340 MB (docs/performance.md).
    """
    return os.cpu_count() or 1


def submitted_students(root: Path, assignment: str) -> list[str]:
    """Participants with a collected submission of ``assignment``."""
    return sorted(path.parent.name for path in (root / "submitted").glob(f"*/{assignment}") if path.is_dir())


def autograde(root: Path, assignment: str, students: list[str] | None = None, workers: int | None = None,
              url: str | None = None, retries: int = 1, progress: bool = True) -> list[GradingResult]:
    """Autograde ``assignment`` for each participant (default: every submission), in parallel; see ``grade_jobs``."""
    require_assignment(root, assignment)
    students = submitted_students(root, assignment) if students is None else students
    if not students:
        raise CourseError(say("Tidak ada kiriman untuk {assignment} di {folder}: jalankan `nbgrader collect` dulu.",
                              assignment=assignment, folder=root / "submitted"))
    return grade_jobs(root, [(assignment, student) for student in students], workers, url, retries, progress, assignment)


def _progress(total: int, enabled: bool, assignment: str):
    from tqdm import tqdm

    return tqdm(total=total, desc=f"Menilai {assignment}", unit="peserta", disable=not enabled, file=sys.stderr)
