"""The class hub on loopback in a browser: a participant logs in with their card, fetches Sub-module 1 from the
Assignments panel, answers, submits; the instructor (their own OS account) collects and grades it."""

from __future__ import annotations

import pytest

from course.store import AnswerStore

from .answers import keys_of
from .browser import ARTIFACTS, CHROMIUM, LAUNCH_ARGS, check_despite_layout_shifts, item_widget
from .class_hub import class_hub  # noqa: F401 (the fixture)

pytestmark = pytest.mark.browser
ASSIGNMENT = "sm1_diplomasi"


def test_participant_fetches_answers_and_submits_through_the_hub(class_hub):
    """Log in, fetch from the Assignments panel, answer with the widgets, submit; is the collected score right?"""
    from playwright.sync_api import sync_playwright

    hub = class_hub
    url, course, name = hub.url, hub.course, hub.participants[0]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(f"{url}/hub/login")
        page.fill("input[name=username]", name)
        page.fill("input[name=password]", hub.passwords[name])
        page.click("input[type=submit], button[type=submit]")
        page.wait_for_url(f"**/user/{name}/lab**", timeout=120_000)
        page.wait_for_selector(".jp-LabShell", timeout=120_000)
        page.get_by_role("menuitem", name="Nbgrader").click()
        page.locator(".lm-Menu-item", has_text="Assignment List").click()
        page.get_by_text(ASSIGNMENT).first.wait_for(timeout=60_000)
        page.screenshot(path=ARTIFACTS / "hub_assignments.png")
        page.get_by_role("button", name="Fetch").first.click()
        page.get_by_role("button", name="Submit").first.wait_for(timeout=60_000)
        page.screenshot(path=ARTIFACTS / "hub_fetched.png")
        folder = hub.home(name) / ASSIGNMENT
        assert (folder / f"{ASSIGNMENT}.ipynb").exists()
        page.goto(f"{url}/user/{name}/lab/tree/{ASSIGNMENT}/{ASSIGNMENT}.ipynb")
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        page.wait_for_timeout(3000)
        page.get_by_role("menuitem", name="Run").click()
        page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()
        key = keys_of(ASSIGNMENT)["sm1.asal_istilah"]["key"]
        item = item_widget(page, "sm1.asal_istilah")
        item.wait_for(timeout=90_000)
        item.scroll_into_view_if_needed()
        key_text = __import__("course").find_item("sm1.asal_istilah").text_of(key)
        # options are shuffled per participant; a figure above may still move the radio under the click
        check_despite_layout_shifts(page, item.get_by_role("radio", name=key_text, exact=True))
        item.get_by_text("Jawaban tersimpan").wait_for()
        page.screenshot(path=ARTIFACTS / "hub_menjawab.png")
        page.goto(f"{url}/user/{name}/lab")
        page.wait_for_selector(".jp-LabShell", timeout=60_000)
        page.get_by_role("menuitem", name="Nbgrader").click()
        page.locator(".lm-Menu-item", has_text="Assignment List").click()
        page.get_by_role("button", name="Submit").first.click()
        page.get_by_text("submitted", exact=False).first.wait_for(timeout=60_000)
        browser.close()
    assert AnswerStore(folder).answers()["sm1.asal_istilah"]["value"] == key
    hub.nbgrader_as(hub.instructor, "collect", ASSIGNMENT, cwd=course)
    assert (course / "submitted" / name / ASSIGNMENT / "jawaban.json").exists()
    hub.nbgrader_as(hub.instructor, "autograde", ASSIGNMENT, cwd=course)
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        score = gradebook.find_submission(ASSIGNMENT, name).code_score
    assert score == keys_of(ASSIGNMENT)["sm1.asal_istilah"]["points"]
