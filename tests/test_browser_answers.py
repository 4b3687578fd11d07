"""Every item of every notebook answered through JupyterLab's UI, saved to disk, and shown again after a restart."""

from __future__ import annotations

import json

import pytest

from course.bank import all_banks

from .conftest import ASSIGNMENTS
from .browser import ARTIFACTS, error_outputs, item_widget, open_notebook, run_all

pytestmark = pytest.mark.browser


def _answer(page, locator, item) -> None:
    """Answer ``item`` the way a participant would: click, choose, type, move."""
    kind = item.kind
    if kind == "single_choice":
        locator.get_by_role("radio").first.check()
    elif kind == "multiple_select":
        locator.get_by_role("checkbox").first.check()
    elif kind == "classification":
        boxes = locator.locator("select")
        for index in range(boxes.count()):
            boxes.nth(index).select_option(index=1)
    elif kind == "ordering":
        locator.get_by_role("button", name="Turun").first.click()
    elif kind in ("numeric", "short_text"):
        box = locator.locator("input[type=text], input:not([type])").first
        box.fill("3" if kind == "numeric" else "uji")
        box.press("Tab")
    elif kind in ("reflection", "structured_reflection"):
        boxes = locator.locator("textarea")
        for index in range(boxes.count()):
            boxes.nth(index).fill("Jawaban uji dari peramban.")
    elif kind == "actor_map":
        box = locator.locator(".kursus-actor-row input[type=text]").first
        box.fill("JICA")
        box.press("Tab")
    elif kind == "coupling_explorer":
        locator.locator(".widget-slider .widget-readout").first.click()
        page.keyboard.press("Control+A")
        page.keyboard.type("4")
        page.keyboard.press("Enter")
    elif kind == "negotiation_pair":
        locator.get_by_role("button", name="Marvel \u2014 pemerintah daerah").click()
        locator.locator("select").first.select_option(index=1)
    elif kind == "negotiation_solo":
        locator.locator("select").first.select_option(index=1)
    else:
        raise AssertionError(f"no way to answer a {kind} item")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_item_answered_in_the_ui_is_saved_and_comes_back(lab, assignment):
    """Can every item be answered by clicking and typing, land in jawaban.json, and show again after a restart?"""
    from playwright.sync_api import sync_playwright

    base, work = lab
    bank = list(all_banks()[assignment.split("_", 1)[0]])
    console_errors = []
    with sync_playwright() as playwright:
        browser, page = open_notebook(playwright, base, assignment, console_errors)
        run_all(page, base, len(bank))
        assert error_outputs(page) == []
        for item in bank:
            locator = item_widget(page, item.id)
            locator.scroll_into_view_if_needed()
            _answer(page, locator, item)
            locator.get_by_text("Jawaban tersimpan").first.wait_for(timeout=15_000)
            if item.is_practice and not item.is_manual:
                locator.get_by_role("button", name="Periksa").click()
                locator.get_by_text("Pembahasan").first.wait_for(timeout=15_000)
        stored = json.loads((work / assignment / "jawaban.json").read_text())["answers"]
        assert sorted(stored) == sorted(item.id for item in bank)

        run_all(page, base, len(bank), restart=True)
        assert error_outputs(page) == []
        for item in bank:
            status = item_widget(page, item.id).text_content()
            assert "Jawaban tersimpan" in status, item.id
        page.screenshot(path=ARTIFACTS / f"{assignment}_dijawab.png")
        browser.close()
    assert not [text for text in console_errors if "widget" in text.lower() or "model" in text.lower()]
