"""A real JupyterHub on loopback: a participant logs in, fetches Sub-module 1, answers, submits; it is graded."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from course.store import AnswerStore

from .answers import keys_of
from .browser import ARTIFACTS, CHROMIUM, LAUNCH_ARGS, free_port, item_widget, wait_until_serving
from .conftest import ROOT, make_course, nbgrader

pytestmark = pytest.mark.browser
ASSIGNMENT = "sm1_diplomasi"
PASSWORD = "kursus-uji"


def _proxy() -> str | None:
    found = shutil.which("configurable-http-proxy")
    local = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
    return found or (str(local) if local.exists() else None)


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    """The reference Hub configuration (deploy/hub) with an instructor's course next to it."""
    proxy = _proxy()
    if proxy is None:
        pytest.fail("configurable-http-proxy is missing: `npm install configurable-http-proxy` (scripts/uji.sh does)")
    base = tmp_path_factory.mktemp("hub")
    port = free_port()
    environment = dict(os.environ, KURSUS_HUB_BASE=str(base), KURSUS_HUB_PORT=str(port), KURSUS_CHP=proxy,
                       KURSUS_HUB_PASSWORD=PASSWORD, KURSUS_HUB_USERS="peserta1",
                       KURSUS_HUB_INTERNAL_PORT=str(free_port()), KURSUS_HUB_PROXY_API_PORT=str(free_port()),
                       PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    environment.pop("NBGRADER_EXECUTION", None)
    log = open(base / "hub.log", "w")
    server = subprocess.Popen([str(Path(sys.executable).parent / "jupyterhub"),
                               "-f", str(ROOT / "deploy" / "hub" / "jupyterhub_config.py")],
                              cwd=base, env=environment, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    wait_until_serving(f"{url}/hub/api", server, base / "hub.log", "JupyterHub")
    course = make_course(base / "instruktur-kursus", [ASSIGNMENT])
    with open(course / "nbgrader_config.py", "a", encoding="utf-8") as config:
        config.write(f"\nc.Exchange.root = {str(base / 'exchange')!r}\n")
    nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    nbgrader(course, "release_assignment", ASSIGNMENT)
    yield url, base, course
    server.terminate()
    server.wait(timeout=30)


def test_participant_fetches_answers_and_submits_through_the_hub(hub):
    """Log in, fetch from the Assignments panel, answer with the widgets, submit; is the collected score right?"""
    from playwright.sync_api import sync_playwright

    url, base, course = hub
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(f"{url}/hub/login")
        page.fill("input[name=username]", "peserta1")
        page.fill("input[name=password]", PASSWORD)
        page.click("input[type=submit], button[type=submit]")
        page.wait_for_url("**/user/peserta1/lab**", timeout=120_000)
        page.wait_for_selector(".jp-LabShell", timeout=120_000)
        page.get_by_role("menuitem", name="Nbgrader").click()
        page.locator(".lm-Menu-item", has_text="Assignment List").click()
        page.get_by_text(ASSIGNMENT).first.wait_for(timeout=60_000)
        page.screenshot(path=ARTIFACTS / "hub_assignments.png")
        page.get_by_role("button", name="Fetch").first.click()
        page.get_by_role("button", name="Submit").first.wait_for(timeout=60_000)
        page.screenshot(path=ARTIFACTS / "hub_fetched.png")
        folder = base / "home" / "peserta1" / ASSIGNMENT
        assert (folder / f"{ASSIGNMENT}.ipynb").exists()
        page.goto(f"{url}/user/peserta1/lab/tree/{ASSIGNMENT}/{ASSIGNMENT}.ipynb")
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        page.wait_for_timeout(3000)
        page.get_by_role("menuitem", name="Run").click()
        page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()
        key = keys_of(ASSIGNMENT)["sm1.asal_istilah"]["key"]
        item = item_widget(page, "sm1.asal_istilah")
        item.wait_for(timeout=90_000)
        item.scroll_into_view_if_needed()
        options = [option["id"] for option in __import__("course").find_item("sm1.asal_istilah").options]
        item.get_by_role("radio").nth(options.index(key)).check()
        item.get_by_text("Jawaban tersimpan").wait_for()
        page.screenshot(path=ARTIFACTS / "hub_menjawab.png")
        page.goto(f"{url}/user/peserta1/lab")
        page.wait_for_selector(".jp-LabShell", timeout=60_000)
        page.get_by_role("menuitem", name="Nbgrader").click()
        page.locator(".lm-Menu-item", has_text="Assignment List").click()
        page.get_by_role("button", name="Submit").first.click()
        page.get_by_text("submitted", exact=False).first.wait_for(timeout=60_000)
        browser.close()
    assert AnswerStore(folder).answers()["sm1.asal_istilah"]["value"] == key
    nbgrader(course, "collect", ASSIGNMENT)
    assert (course / "submitted" / "peserta1" / ASSIGNMENT / "jawaban.json").exists()
    nbgrader(course, "autograde", ASSIGNMENT)
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        score = gradebook.find_submission(ASSIGNMENT, "peserta1").code_score
    assert score == keys_of(ASSIGNMENT)["sm1.asal_istilah"]["points"]
