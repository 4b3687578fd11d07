"""Shared by the browser tests: JupyterLab on loopback, Debian's Chromium, and helpers to drive notebooks."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import ASSIGNMENTS, ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def shown_ids(item, group: str = "options") -> list[str]:
    """Ids of ``item``'s options (or categories) in the order the lab shows them: shuffled per participant, and the
    lab runs as this test's account with its environment."""
    from course.widgets._order import shuffled

    return [choice["id"] for choice in shuffled(item.id, getattr(item, group))]


def start_lab(tmp_path_factory):
    """JupyterLab on loopback serving a copy of release/; returns (base URL, work folder, server process).

    The server gets the participant profile as `kursus buka` gives it (nbgrader's instructor tools and, with no
    exchange, its Assignments panel off; no news pop-up; widget state saved); its user settings live in the
    work folder.
    """
    from course.participant import lab_environment

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: install Debian's `chromium` package (scripts/uji.sh does on CI)")
    work = tmp_path_factory.mktemp("peserta")
    for assignment in ASSIGNMENTS:
        shutil.copytree(ROOT / "release" / assignment, work / assignment)
    port = free_port()
    (work / "lab-settings").mkdir()  # a fresh user: nothing from ~/.jupyter/lab/user-settings
    environment = lab_environment(dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
                                       JUPYTERLAB_SETTINGS_DIR=str(work / "lab-settings")), alone=True)
    log = open(work / "lab.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         "--ServerApp.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
         f"--ServerApp.root_dir={work}", "--allow-root"],
        stdout=log, stderr=subprocess.STDOUT, env=environment,
    )
    base = f"http://127.0.0.1:{port}"
    wait_until_serving(f"{base}/api/status", server, work / "lab.log", "JupyterLab")
    return base, work, server


def wait_until_serving(url: str, server: subprocess.Popen, log: Path, name: str, seconds: int = 60) -> None:
    """Poll ``url`` until the server answers; otherwise stop it and fail with the end of its log."""
    for _ in range(seconds * 2):
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.5)
    server.terminate()
    pytest.fail(f"{name} did not start:\n" + log.read_text()[-3000:])


def wait_idle(page, base: str) -> None:
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-StatusBar-TextItem')].some(e => e.textContent.trim().endsWith('| Idle'))",
        timeout=60_000,
    )
    for _ in range(120):
        sessions = json.load(urllib.request.urlopen(f"{base}/api/sessions"))
        if sessions and all(session["kernel"]["execution_state"] == "idle" for session in sessions):
            return
        time.sleep(0.25)


def run_all(page, base: str, items: int, restart: bool = False) -> float:
    started = time.perf_counter()
    if restart:
        page.get_by_role("menuitem", name="Kernel").click()
        page.locator(".lm-Menu-item", has_text="Restart Kernel and Run All Cells").click()
        page.locator(".jp-Dialog .jp-mod-accept").click()
    else:
        page.get_by_role("menuitem", name="Run").click()
        page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()
    page.wait_for_function(
        f"() => document.querySelectorAll('.kursus-item').length === {items}", timeout=90_000
    )
    wait_idle(page, base)
    return time.perf_counter() - started


def record_run_all(assignment: str, seconds: float) -> None:
    """Keep the run-all time for the benchmark table (benchmarks/participant.py reads it)."""
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"waktu_{assignment}.json").write_text(json.dumps({"run_all_seconds": round(seconds, 2)}))


def item_widget(page, item_id: str):
    return page.locator(".kursus-" + item_id.replace(".", "-"))


def stored_answers(work: Path) -> dict:
    return json.loads((work / "jawaban.json").read_text())["answers"]


def open_notebook(playwright, base: str, assignment: str, console_errors: list):
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.on("console", lambda msg: console_errors.append(msg.text) if msg.type == "error" else None)
    page.goto(f"{base}/lab/tree/{assignment}/{assignment}.ipynb?reset")  # ?reset: no tabs of earlier tests
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    wait_idle(page, base)
    return browser, page


def scroll_top(page) -> None:
    page.evaluate("document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer').scrollTop = 0")
    page.wait_for_timeout(300)




def error_outputs(page) -> list[str]:
    """Texts of every stderr or traceback output shown in the notebook (there should be none)."""
    return page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').all_text_contents()


def check_despite_layout_shifts(page, radio, attempts: int = 3) -> None:
    """Tick ``radio``; on a loaded machine a figure above may still be laying out and move it under the click
    (CI: "Clicking the checkbox did not change its state"), so wait a moment and click again."""
    from playwright.sync_api import Error

    for _ in range(attempts - 1):
        try:
            radio.check(timeout=10_000)
            return
        except Error:
            page.wait_for_timeout(500)
    radio.check()
