"""After Run All and a few answers, the notebook saves itself within seconds: closing its tab asks nothing in English."""

from __future__ import annotations

import json
import shutil
import time

import pytest

from course.participant import PROFILE

from .browser import ARTIFACTS, item_widget, open_notebook, run_all
from .conftest import ROOT

pytestmark = pytest.mark.browser
ASSIGNMENT = "sm1_diplomasi"
ITEMS_IN_NOTEBOOK = 17
PRACTICE = "sm1.asal_istilah"
AUTOSAVE_SECONDS = json.loads((PROFILE / "lab" / "overrides.json").read_text())[
    "@jupyterlab/docmanager-extension:plugin"]["autosaveInterval"]


def _dirty(page) -> bool:
    return page.locator(".lm-TabBar-tab.jp-mod-dirty").count() > 0


def test_notebook_saves_itself_after_run_all_and_closes_without_a_dialog(lab):
    """Run All and one answer make the notebook 'modified'; without File -> Save, is it saved within the profile's
    autosave interval (outputs on disk), and does closing its tab then open no Save/Discard dialog?"""
    from playwright.sync_api import sync_playwright

    base, work = lab
    notebook = f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
    shutil.copy(ROOT / "release" / notebook, work / notebook)
    with sync_playwright() as playwright:
        browser, page = open_notebook(playwright, base, ASSIGNMENT, [])
        run_all(page, base, ITEMS_IN_NOTEBOOK)
        item = item_widget(page, "sm1.asal_istilah")
        item.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        item.get_by_role("radio").nth(1).check()
        item.get_by_text("Jawaban tersimpan").wait_for()
        assert _dirty(page), "Run All should leave unsaved outputs (else this test proves nothing)"
        started = time.perf_counter()
        page.wait_for_function("() => !document.querySelector('.lm-TabBar-tab.jp-mod-dirty')",
                               timeout=(AUTOSAVE_SECONDS + 15) * 1000)
        print(f"\nsaved by itself {time.perf_counter() - started:.1f} s after the last answer")
        saved = json.loads((work / notebook).read_text())
        assert any(cell.get("outputs") for cell in saved["cells"] if cell["cell_type"] == "code")
        page.locator(".lm-TabBar-tab.jp-mod-current .lm-TabBar-tabCloseIcon").first.click()
        page.wait_for_timeout(1000)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / "ditutup_setelah_simpan_otomatis.png")
        assert page.locator(".jp-Dialog").count() == 0, page.locator(".jp-Dialog").inner_text()
        assert page.locator(".jp-NotebookPanel").count() == 0
        browser.close()
