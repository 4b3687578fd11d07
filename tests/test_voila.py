"""The notebooks as Voila pages (served on loopback by JupyterLab's Voila extension): their own wording, no outside requests."""

from __future__ import annotations

import time

import pytest

from course.bank import all_banks

from .browser import ARTIFACTS, CHROMIUM, LAUNCH_ARGS
from .conftest import ASSIGNMENTS

pytestmark = pytest.mark.browser
LAB_ONLY_WORDS = ("Run All", "Run \u2192", "File \u2192 Save", "Save your work", "Assignments", "panel berkas")


def _page_text(page) -> str:
    """The page's visible text outside the exercises (an exercise's own wording comes from the question bank)."""
    return page.evaluate("""() => {
        const items = [...document.querySelectorAll('.kursus-item')];
        items.forEach(item => { item.dataset.display = item.style.display; item.style.display = 'none'; });
        const text = document.body.innerText;
        items.forEach(item => { item.style.display = item.dataset.display; });
        return text;
    }""")


def _open_in_voila(playwright, base: str, assignment: str, requests: list[str]):
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.on("request", lambda request: requests.append(request.url))
    items = len(all_banks()[assignment.split("_", 1)[0]].items)
    started = time.perf_counter()
    page.goto(f"{base}/voila/render/{assignment}/{assignment}.ipynb", timeout=120_000)
    page.wait_for_function(f"() => document.querySelectorAll('.kursus-item').length === {items}", timeout=120_000)
    print(f"\nVoila {assignment}: {items} widgets ready in {time.perf_counter() - started:.1f} s")
    return browser, page


@pytest.mark.parametrize("assignment", ["sm0_orientasi", "sm1_diplomasi"])
def test_voila_page_gives_voila_instructions_only(lab, assignment):
    """Does a Voila page say it is ready to answer, with no Run All, File -> Save or Assignments instruction and no code?"""
    from playwright.sync_api import sync_playwright

    base, _work = lab
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser, page = _open_in_voila(playwright, base, assignment, [])
        text = _page_text(page)
        assert page.locator(".kursus-page-voila").is_visible()
        assert "Halaman siap" in text and "tersimpan otomatis" in text
        assert not page.locator(".kursus-page-stale").is_visible() and not page.locator(".kursus-page-live").is_visible()
        assert [word for word in LAB_ONLY_WORDS if word in text] == []
        assert page.locator(".kursus-voila").first.is_visible()
        assert "show(" not in text and "prepare_page" not in text
        for width, height in ((1280, 800), (1920, 1080)):
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_timeout(300)
            page.screenshot(path=ARTIFACTS / f"voila_{assignment}_atas_{width}.png")
        browser.close()


def test_every_voila_page_hides_lab_only_instructions(lab):
    """Is every JupyterLab-only sentence of every notebook's text hidden under Voila (exercises aside: the orientation's
    practice items are about JupyterLab itself)?"""
    from playwright.sync_api import sync_playwright

    base, _work = lab
    with sync_playwright() as playwright:
        for assignment in ASSIGNMENTS:
            browser, page = _open_in_voila(playwright, base, assignment, [])
            text = _page_text(page)
            assert [word for word in LAB_ONLY_WORDS if word in text] == [], assignment
            browser.close()


def test_voila_requests_nothing_outside_the_machine(lab):
    """Does a Voila page load everything from the course's own server (no CDN, no fonts from the internet), and is
    sm3's formula still typeset (by Voila's bundled MathJax)?"""
    from playwright.sync_api import sync_playwright

    base, _work = lab
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser, page = _open_in_voila(playwright, base, "sm3_model", requests)  # it has a formula (MathJax)
        page.wait_for_function("() => document.querySelector('mjx-container') !== null", timeout=30_000)
        page.wait_for_timeout(1000)
        browser.close()
    outside = [url for url in requests if not url.startswith((base, "data:", "blob:"))]
    print("requests outside the machine:", outside)
    assert outside == []
