"""axe-core on every release notebook after Run All: the course's widgets have no critical or serious violation,
every control has an accessible name, and saves and verdicts are announced."""

from __future__ import annotations

import json
import re

import pytest

from course.bank import all_banks

from .browser import ARTIFACTS, item_widget, open_notebook, run_all
from .conftest import ASSIGNMENTS
from .test_browser_labels import reveal_role_play

pytestmark = pytest.mark.browser

COUNTED = ("critical", "serious")
CONTROLS = ("button", "checkbox", "radio", "combobox", "textbox", "slider", "spinbutton", "switch", "listbox")
UNNAMED = re.compile(rf"^\s*- ({'|'.join(CONTROLS)})(?:\s*\[[^\]]*\])*\s*:?\s*$")


def axe(page, context=None) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, context=context, options={"resultTypes": ["violations"]}).response["violations"]


def in_items(violations: list[dict]) -> list[str]:
    """Critical and serious violations with a node inside an exercise (.kursus-item), one line per node."""
    return [f"{violation['impact']} {violation['id']} ({violation['help']}): {node['target']}"
            for violation in violations if violation["impact"] in COUNTED
            for node in violation["nodes"]]


def unnamed_controls(page, bank) -> list[str]:
    """Controls without an accessible name, from each item's accessibility tree as Chromium computes it."""
    found = []
    for item in bank:
        locator = item_widget(page, item.id)
        locator.scroll_into_view_if_needed()
        found += [f"{item.id}: {line.strip()}" for line in locator.aria_snapshot().splitlines() if UNNAMED.match(line)]
    return found


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_course_widgets_pass_axe(lab, assignment):
    """After Run All (and, in sm5, with the role-play boards open): no critical or serious axe-core violation
    inside an exercise, and no control without an accessible name? JupyterLab's own violations are listed
    in test-artifacts/axe_<assignment>.json and printed, not counted."""
    from playwright.sync_api import sync_playwright

    base, _work = lab
    bank = list(all_banks()[assignment.split("_", 1)[0]])
    with sync_playwright() as playwright:
        browser, page = open_notebook(playwright, base, assignment, [])
        page.set_viewport_size({"width": 1280, "height": 800})
        run_all(page, base, len(bank))
        if assignment == "sm5_negosiasi":
            reveal_role_play(page)
        unnamed = unnamed_controls(page, bank)
        ours = axe(page, {"include": [[".kursus-item"]]})
        everything = axe(page)
        browser.close()
    (ARTIFACTS / f"axe_{assignment}.json").write_text(json.dumps(
        {"kursus_item": ours, "whole_page": everything}, indent=1, ensure_ascii=False))
    ours_ids = {(violation["id"], node["html"]) for violation in ours for node in violation["nodes"]}
    lab_own = sorted({f"{violation['impact']} {violation['id']}" for violation in everything
                      for node in violation["nodes"] if (violation["id"], node["html"]) not in ours_ids})
    print(f"\n{assignment}: JupyterLab's own axe findings (not counted): {lab_own or 'none'}")
    assert in_items(ours) == []
    assert unnamed == []


def test_saves_and_verdicts_are_announced(lab):
    """Are the status line and the feedback box live regions (role=status, aria-live=polite) that stay in the
    page, so that "Jawaban tersimpan" and the verdict after Periksa are read out by a screen reader?"""
    from playwright.sync_api import sync_playwright

    base, _work = lab
    assignment = "sm1_diplomasi"
    bank = list(all_banks()["sm1"])
    practice = next(item for item in bank if item.kind == "single_choice" and item.is_practice)
    with sync_playwright() as playwright:
        browser, page = open_notebook(playwright, base, assignment, [])
        run_all(page, base, len(bank))
        counts = page.evaluate("""() => [...document.querySelectorAll('.kursus-item')].map(item =>
            item.querySelectorAll('.kursus-live[role=status][aria-live=polite]').length)""")
        assert counts == [2] * len(bank), counts
        locator = item_widget(page, practice.id)
        locator.scroll_into_view_if_needed()
        status, feedback = locator.locator(".kursus-live").all()
        status_node = status.element_handle()
        locator.get_by_role("radio").first.check()
        locator.get_by_text("Jawaban tersimpan").wait_for()
        locator.get_by_role("button", name="Periksa").click()
        locator.get_by_text("Pembahasan").first.wait_for()
        assert "Jawaban tersimpan" in status.text_content()
        assert status.evaluate("(element, node) => element === node", status_node), "the live region was replaced"
        verdict = feedback.text_content()
        assert "Pembahasan" in verdict and any(word in verdict for word in ("Benar", "Sebagian benar", "Belum tepat"))
        assert feedback.get_attribute("aria-live") == "polite" and feedback.get_attribute("role") == "status"
        browser.close()
