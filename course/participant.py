"""The participant's side of ``kursus buka``: a work folder copied from release/ once, and JupyterLab with the participant profile."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "PROFILE", "PROFILE_ALONE", "WORK_FOLDER", "START_NOTEBOOK", "prepare_work_folder", "lab_environment", "lab_command",
    "LabServer", "start_lab", "stop_lab", "wait_for_lab",
]

PROFILE = Path(__file__).resolve().parent / "profile"
"""The participant profile (nbgrader's instructor tools off, no news, widget state saved); see its jupyter_server_config.py."""
PROFILE_ALONE = PROFILE / "alone"
"""The profile's layer for a course run without a hub: no Assignments panel (no exchange to fetch from)."""

WORK_FOLDER = "kerja"
START_NOTEBOOK = "sm0_orientasi/sm0_orientasi.ipynb"
LOG_NAME = ".jupyterlab.log"


def prepare_work_folder(root: Path) -> list[str]:
    """Copy each ``release/<assignment>/`` to ``kerja/<assignment>/`` unless it is there; return the copied names.

    A folder already in ``kerja/`` is never touched (the participant's answers live there), so a new
    assignment in ``release/`` is copied beside the old ones. Each copy is made under a temporary name
    and renamed when complete: an interrupted copy is redone next time, never left half-made.
    """
    release = Path(root) / "release"
    work = Path(root) / WORK_FOLDER
    work.mkdir(exist_ok=True)
    copied = []
    for source in sorted(release.iterdir()) if release.is_dir() else ():
        target = work / source.name
        if not source.is_dir() or source.name.startswith(".") or target.exists():
            continue
        partial = work / f".{source.name}.sebagian"
        shutil.rmtree(partial, ignore_errors=True)
        shutil.copytree(source, partial)
        partial.rename(target)
        copied.append(source.name)
    return copied


def lab_environment(base: Mapping[str, str] | None = None, *, alone: bool = False) -> dict[str, str]:
    """``base`` (default: this process's environment) with the participant profile first on JUPYTER_CONFIG_PATH
    and its data folder (the Voila template) first on JUPYTER_PATH.

    ``alone``: the course runs without a hub (``kursus buka``), so the profile's "alone" layer goes first as
    well: no nbgrader Assignments panel, which needs an exchange.
    """
    environment = dict(os.environ if base is None else base)
    config = [PROFILE_ALONE, PROFILE] if alone else [PROFILE]
    for variable, folders in (("JUPYTER_CONFIG_PATH", config), ("JUPYTER_PATH", [PROFILE / "data"])):
        earlier = environment.get(variable)
        environment[variable] = os.pathsep.join([*map(str, folders), *([earlier] if earlier else [])])
    environment.pop("NBGRADER_EXECUTION", None)  # a participant's kernel is never a grading kernel
    return environment


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def lab_command(root: Path, jupyter_arguments: Sequence[str] = (), *, python: str | None = None) -> list[str]:
    """The command that starts JupyterLab on ``kerja/`` and opens the orientation notebook.

    ``jupyter_arguments`` (e.g. ``--no-browser --port 8899``) come last, so they win. ``--allow-root``
    is added only when this process runs as root (Docker, WSL): JupyterLab refuses root otherwise.
    """
    work = Path(root).resolve() / WORK_FOLDER
    start = START_NOTEBOOK if (work / START_NOTEBOOK).is_file() else ""
    command = [python or sys.executable, "-m", "jupyterlab",
               f"--ServerApp.root_dir={work}", f"--LabApp.default_url=/lab/tree/{start}".rstrip("/")]
    if _is_root():
        command.append("--allow-root")
    return [*command, *jupyter_arguments]


@dataclass
class LabServer:
    """A started JupyterLab: its process, the address to open (with the token) and its log file."""

    process: subprocess.Popen
    url: str
    base: str
    token: str
    log: Path


def wait_for_lab(process: subprocess.Popen, runtime: Path, seconds: float = 120) -> dict | None:
    """The server's own description (``jpserver-<pid>.json``) once it answers; None if it exits or is too slow."""
    info_file = runtime / f"jpserver-{process.pid}.json"
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            info = json.loads(info_file.read_text(encoding="utf-8"))
            request = urllib.request.Request(info["url"].rstrip("/") + "/api/status",
                                             headers={"Authorization": f"token {info.get('token', '')}"})
            urllib.request.urlopen(request, timeout=2).close()
            return info
        except (OSError, ValueError, KeyError, urllib.error.URLError):
            time.sleep(0.2)
    return None


def start_lab(root: Path, jupyter_arguments: Sequence[str] = (), *, seconds: float = 120) -> LabServer | None:
    """Start JupyterLab for ``root`` (log in ``kerja/.jupyterlab.log``); None if it stopped before it answered.

    The server's own output goes to the log only, so the participant reads a few Indonesian lines and
    not JupyterLab's English log. Its standard input is closed, so Ctrl+C stops it without an English
    "Shutdown this Jupyter server (y/[n])?" question.
    """
    from jupyter_core.paths import jupyter_runtime_dir  # where the server describes itself (same environment)

    environment = lab_environment(alone=True)
    log = Path(root).resolve() / WORK_FOLDER / LOG_NAME
    with open(log, "w", encoding="utf-8") as output:
        process = subprocess.Popen(lab_command(root, jupyter_arguments), env=environment, cwd=log.parent,
                                   stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT)
    info = wait_for_lab(process, Path(jupyter_runtime_dir()), seconds)
    if info is None:
        if process.poll() is None:
            stop_lab(process)
        return None
    base = info["url"].rstrip("/")
    token = info.get("token", "")
    page = f"{base}/lab/tree/{START_NOTEBOOK}" if (log.parent / START_NOTEBOOK).is_file() else f"{base}/lab"
    return LabServer(process, page + (f"?token={token}" if token else ""), base, token, log)


def stop_lab(process: subprocess.Popen, seconds: float = 20) -> int:
    """Stop JupyterLab (it saves nothing itself: answers are already in each jawaban.json) and return its exit code."""
    if process.poll() is None:
        process.terminate()
        try:
            return process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            process.kill()
    return process.wait()
