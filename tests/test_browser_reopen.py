"""A notebook reopened after its kernel stopped, in JupyterLab and Chromium: told in Indonesian to run all cells first."""

from __future__ import annotations

import json
import shutil
import urllib.request

import pytest

from .browser import ARTIFACTS, item_widget, open_notebook, run_all, scroll_top, stored_answers
from .conftest import ROOT

pytestmark = pytest.mark.browser
ASSIGNMENT = "sm1_diplomasi"
ITEMS_IN_NOTEBOOK = 17
GRADED = "sm1.asal_istilah"
WIDGET_SETTINGS = "/lab/api/settings/@jupyter-widgets/jupyterlab-manager:plugin"
STALE_WORDS = ("belum aktif", "Run \u2192 Run All Cells")


def _request(base: str, path: str, method: str = "GET", body: dict | None = None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as reply:
        text = reply.read()
    return json.loads(text) if text else None


def _save_widget_state(base: str, save: bool | None) -> None:
    """The user's JupyterLab setting for saving widget state in the notebook (None: back to the profile's)."""
    raw = "{}" if save is None else json.dumps({"saveState": save})
    _request(base, WIDGET_SETTINGS, "PUT", {"raw": raw})


def _stop_every_kernel(base: str) -> None:
    for session in _request(base, "/api/sessions"):
        _request(base, f"/api/kernels/{session['kernel']['id']}", "DELETE")


def _dirty(page) -> bool:
    return page.locator(".lm-TabBar-tab.jp-mod-dirty").count() > 0


def _dead_widget_report(page) -> dict:
    """What a participant sees where widgets were: English errors left visible, and the Indonesian notices."""
    return page.evaluate("""() => {
        const before = e => getComputedStyle(e, '::before').content;
        const notFound = [...document.querySelectorAll('.jp-OutputArea-output.jupyter-widgets')]
            .filter(e => !e.querySelector('*'));
        const restored = [...document.querySelectorAll('.kursus-item')];
        return {
            englishVisible: notFound.filter(e => getComputedStyle(e).fontSize !== '0px').map(e => e.textContent),
            notFound: notFound.length,
            notFoundNotices: notFound.filter(e => before(e).includes('Belum aktif')).length,
            restored: restored.length,
            restoredDisconnected: restored.filter(e => e.classList.contains('jupyter-widgets-disconnected')).length,
            restoredDimmed: restored.filter(e => getComputedStyle(e).opacity === '0.5'
                                             && getComputedStyle(e).pointerEvents === 'none').length,
            restoredNotices: restored.filter(e => before(e.parentElement).includes('Belum aktif')).length,
        };
    }""")


@pytest.mark.parametrize("save_state", [True, False], ids=["widget-state-saved", "widget-state-not-saved"])
def test_reopened_notebook_says_run_all_first_and_works_after_run_all(lab, save_state):
    """Reopened after its kernel stopped, does the notebook say (in Indonesian, at the top and on every exercise)
    to run all cells first, hide the English widget error, and answer again after Run All?"""
    from playwright.sync_api import sync_playwright

    base, work = lab
    ARTIFACTS.mkdir(exist_ok=True)
    label = "tersimpan" if save_state else "tanpa_state"
    notebook = f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
    shutil.copy(ROOT / "release" / notebook, work / notebook)  # as released: no outputs or widget state of other tests
    _save_widget_state(base, save_state)
    try:
        with sync_playwright() as playwright:
            browser, page = open_notebook(playwright, base, ASSIGNMENT, [])
            run_all(page, base, ITEMS_IN_NOTEBOOK)
            graded = item_widget(page, GRADED)
            graded.scroll_into_view_if_needed()
            page.wait_for_timeout(300)  # let the page settle: a click during layout lands on the wrong row
            graded.get_by_role("radio").nth(1).check()
            graded.get_by_text("Jawaban tersimpan").wait_for()
            page.locator('.jp-NotebookPanel-toolbar [data-command="docmanager:save"]').click()
            page.wait_for_function("() => !document.querySelector('.lm-TabBar-tab.jp-mod-dirty')")
            browser.close()
            _stop_every_kernel(base)

            browser, page = open_notebook(playwright, base, ASSIGNMENT, [])
            stale = page.locator(".kursus-page-stale")
            stale.wait_for(state="visible", timeout=30_000)
            assert all(word in stale.inner_text() for word in STALE_WORDS)
            assert not page.locator(".kursus-page-live").is_visible()
            page.wait_for_function(  # widgets restore (or fail to) once the new kernel is ready
                f"""() => document.querySelectorAll('.kursus-item').length
                    + [...document.querySelectorAll('.jp-OutputArea-output.jupyter-widgets')]
                        .filter(e => !e.querySelector('*')).length === {ITEMS_IN_NOTEBOOK}""", timeout=30_000)
            report = _dead_widget_report(page)
            assert report["englishVisible"] == [], report
            if save_state:  # widgets restored from saved state look alive but are not connected to a kernel
                assert report["restored"] == ITEMS_IN_NOTEBOOK and report["notFound"] == 0, report
                assert report["restoredDisconnected"] == report["restoredDimmed"] == report["restoredNotices"] \
                    == ITEMS_IN_NOTEBOOK, report
            else:
                assert report["notFound"] == report["notFoundNotices"] == ITEMS_IN_NOTEBOOK, report
                assert not _dirty(page), "reopening alone made the notebook 'modified' (closing would ask to save)"
            for width, height in ((1280, 800), (1920, 1080)):
                page.set_viewport_size({"width": width, "height": height})
                scroll_top(page)
                page.screenshot(path=ARTIFACTS / f"dibuka_lagi_{label}_atas_{width}.png")
                page.locator(".jp-CodeCell", has=page.locator(".kursus-pending")).nth(1).evaluate(
                    "e => e.scrollIntoView({block: 'center'})")
                page.wait_for_timeout(300)
                page.screenshot(path=ARTIFACTS / f"dibuka_lagi_{label}_soal_{width}.png")
            page.set_viewport_size({"width": 1280, "height": 1000})

            run_all(page, base, ITEMS_IN_NOTEBOOK)
            page.locator(".kursus-page-live").wait_for(state="visible")
            assert not stale.is_visible()
            graded = item_widget(page, GRADED)
            graded.scroll_into_view_if_needed()
            page.wait_for_timeout(300)
            assert graded.get_by_role("radio").nth(1).is_checked()
            assert "jupyter-widgets-disconnected" not in (graded.get_attribute("class") or "")
            graded.get_by_role("radio").nth(0).check()
            graded.get_by_text("Jawaban tersimpan").wait_for()
            page.wait_for_function(
                "() => !document.querySelector('.jp-OutputArea-output.jupyter-widgets:not(:has(*))')")
            browser.close()
        assert stored_answers(work / ASSIGNMENT)[GRADED]["value"] == "a"
    finally:
        _save_widget_state(base, None)


def test_a_stopped_kernel_is_noticed_while_the_notebook_stays_open(lab):
    """If the kernel is stopped while the page stays open, does the top of the notebook say so within a minute?"""
    from playwright.sync_api import sync_playwright

    base, _work = lab
    with sync_playwright() as playwright:
        browser, page = open_notebook(playwright, base, ASSIGNMENT, [])
        run_all(page, base, ITEMS_IN_NOTEBOOK)
        assert page.locator(".kursus-page-live").is_visible()
        _stop_every_kernel(base)
        page.locator(".kursus-page-stale").wait_for(state="visible", timeout=60_000)
        browser.close()
