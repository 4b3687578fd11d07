"""README's first command, exactly as written, on a fresh clone of HEAD (committed files only): it installs, serves the
orientation, and a rerun is quick and quiet. Measured on a 2-core machine with a local wheel folder: ≈ 30 s to serving
the first time (install included), ≈ 3 s the second, ≈ 80 s for the whole test."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from .browser import free_port
from .conftest import ROOT

pytestmark = pytest.mark.pipeline

URL = re.compile(r"Kursus siap: (http://\S+/lab/tree/sm0_orientasi/sm0_orientasi\.ipynb\?token=(\w+))")
NOISE = re.compile(r"pip|setuptools|wheel|Requirement|Collecting|Downloading|Installing|Successfully|WARNING|"
                   r"Traceback|\[[IWE] \d", re.IGNORECASE)
FIRST_RUN_SECONDS = 1200  # a cold install on a slow line; warm pip cache on CI: see the printed time
SECOND_RUN_SECONDS = 30


def _environment(home: Path) -> dict:
    """This machine's environment without our .venv, with Jupyter's own folders fresh (a new user's)."""
    environment = {key: value for key, value in os.environ.items()
                   if key not in {"VIRTUAL_ENV", "PYTHONPATH", "JUPYTER_CONFIG_PATH", "NBGRADER_EXECUTION"}}
    venv_bin = str(ROOT / ".venv" / "bin")
    environment["PATH"] = os.pathsep.join(part for part in environment["PATH"].split(os.pathsep) if part != venv_bin)
    environment.update(JUPYTER_CONFIG_DIR=str(home / "jupyter-config"), JUPYTER_RUNTIME_DIR=str(home / "runtime"),
                       JUPYTERLAB_SETTINGS_DIR=str(home / "lab-settings"), JUPYTER_DATA_DIR=str(home / "jupyter-data"))
    return environment


class Run:
    """`bash scripts/buka-kursus.sh --no-browser --port N` in its own process group, its output read as it comes."""

    def __init__(self, clone: Path, environment: dict):
        self.started = time.perf_counter()
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            ["bash", "scripts/buka-kursus.sh", "--no-browser", f"--port={free_port()}"], cwd=clone, env=environment,
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for_url(self, seconds: float) -> tuple[str, str, float]:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for line in list(self.lines):
                found = URL.search(line)
                if found:
                    return found[1], found[2], time.perf_counter() - self.started
            if self.process.poll() is not None and not self.reader.is_alive():
                break
            time.sleep(0.2)
        self.stop()
        pytest.fail("README's command did not print the course URL:\n" + "\n".join(self.lines[-60:]))

    def stop(self) -> int:
        """Ctrl+C, as a participant closes the course (the terminal signals the whole process group)."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
        try:
            code = self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            code = self.process.wait()
        self.reader.join(timeout=10)
        return code


def _fetch_orientation(url: str, token: str) -> dict:
    base = url.split("/lab/", 1)[0]
    request = urllib.request.Request(f"{base}/api/contents/sm0_orientasi/sm0_orientasi.ipynb",
                                     headers={"Authorization": f"token {token}"})
    return json.load(urllib.request.urlopen(request, timeout=30))


def test_readme_command_on_a_fresh_clone(tmp_path):
    """Does `bash scripts/buka-kursus.sh` on a fresh clone install, serve the orientation, and on a second run
    (nothing changed) come up in seconds without reinstalling, printing a few Indonesian lines and no pip output?"""
    clone = tmp_path / "kursus"
    subprocess.run(["git", "clone", "--quiet", "--no-local", str(ROOT), str(clone)], check=True, timeout=300)
    environment = _environment(tmp_path)

    first = Run(clone, environment)
    url, token, seconds = first.wait_for_url(FIRST_RUN_SECONDS)
    print(f"\nfirst run (fresh clone, install included) -> serving: {seconds:.0f} s")
    notebook = _fetch_orientation(url, token)
    assert notebook["type"] == "notebook" and notebook["content"]["cells"]
    assert first.stop() == 0, first.lines
    print("first run output:\n  " + "\n  ".join(first.lines))
    assert not [line for line in first.lines if NOISE.search(line)], first.lines
    assert len(first.lines) <= 10, first.lines
    stamp = clone / ".venv" / "kursus-terpasang"
    assert stamp.is_file() and (clone / ".venv" / "pemasangan.log").is_file()
    stamp_before = stamp.stat().st_mtime_ns

    # a participant's answer, and an assignment that release/ has and kerja/ lacks (as after a `git pull`)
    answer = clone / "kerja" / "sm0_orientasi" / "jawaban.json"
    answer.write_text('{"schema_version": 1, "answers": {}}')
    answer_state = (answer.stat().st_mtime_ns, answer.read_bytes())
    (clone / "kerja" / "sm6_evaluasi" / "sm6_evaluasi.ipynb").unlink()
    (clone / "kerja" / "sm6_evaluasi").rmdir()

    second = Run(clone, environment)
    url, token, seconds = second.wait_for_url(SECOND_RUN_SECONDS * 4)
    print(f"second run (nothing changed) -> serving: {seconds:.1f} s")
    assert _fetch_orientation(url, token)["type"] == "notebook"
    assert second.stop() == 0, second.lines
    print("second run output:\n  " + "\n  ".join(second.lines))
    assert seconds < SECOND_RUN_SECONDS
    assert not [line for line in second.lines if NOISE.search(line) or "Memasang" in line], second.lines
    assert len(second.lines) <= 7, second.lines
    assert any("Tugas baru disalin ke kerja/: sm6_evaluasi." == line for line in second.lines), second.lines
    assert stamp.stat().st_mtime_ns == stamp_before  # not reinstalled
    assert (answer.stat().st_mtime_ns, answer.read_bytes()) == answer_state
    assert (clone / "kerja" / "sm6_evaluasi" / "sm6_evaluasi.ipynb").is_file()
    assert second.lines[-1].startswith("Kursus ditutup.")

    # a changed pyproject.toml means a reinstall; one that fails says so in one Indonesian sentence
    pyproject = clone / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('"tqdm>=4.60",', '"tqdm>=4.60",\n    "kursus-paket-yang-tidak-ada",'))
    offline = dict(environment, PIP_NO_INDEX="1")  # nothing is asked of the package index
    failed = subprocess.run(["bash", "scripts/siapkan.sh"], cwd=clone, env=offline, capture_output=True, text=True,
                            timeout=600)
    assert failed.returncode == 1
    assert failed.stdout.strip() == "Memasang lingkungan kursus di .venv (hanya bila ada yang berubah; pertama kali beberapa menit) ..."
    last = failed.stderr.strip().splitlines()[-1]
    assert last.startswith("Pemasangan gagal") and str(clone / ".venv" / "pemasangan.log") in last
    assert not stamp.exists()  # the next run tries again
