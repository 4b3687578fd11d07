"""No widget label, button text or drop-down option is cut off, at 1280x800 and at 1024x768, in any release notebook."""

from __future__ import annotations

import pytest

from course.bank import all_banks

from .browser import ARTIFACTS, item_widget, open_notebook, run_all
from .conftest import ASSIGNMENTS

pytestmark = pytest.mark.browser

SIZES = [(1280, 800), (1024, 768)]

# Problems inside one .kursus-item, as short descriptions:
# - a label, text, button or slider read-out whose text is wider than its box (scrollWidth > clientWidth),
#   or taller than a box that hides what overflows;
# - a drop-down narrower than one of its options (the chosen option would be cut);
# - a control sticking out of the item's frame.
# Elements hidden on purpose are skipped: display none, and the 1-pixel accessible-name labels.
CLIPPED = r"""item => {
  const problems = [];
  const shown = el => {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden' || el.getClientRects().length === 0) return false;
    const box = el.getBoundingClientRect();
    return box.width > 1 && box.height > 1 && !el.closest('.kursus-named > .widget-label');
  };
  const say = (el, what) => problems.push(`${what}: "${el.textContent.trim().replace(/\s+/g, ' ').slice(0, 70)}"`);
  const texts = 'label, .widget-label, .widget-label-basic, .widget-html-content, button, .widget-readout';
  for (const el of item.querySelectorAll(texts)) {
    if (!shown(el)) continue;
    const style = getComputedStyle(el);
    if (el.scrollWidth > el.clientWidth + 1) say(el, `cut ${el.scrollWidth}>${el.clientWidth}px wide`);
    else if (style.overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 1) say(el, 'cut at the bottom');
  }
  const canvas = document.createElement('canvas').getContext('2d');
  for (const select of item.querySelectorAll('select')) {
    if (!shown(select)) continue;
    const style = getComputedStyle(select);
    canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    for (const option of select.options) {
      const needed = canvas.measureText(option.text).width;
      if (needed > room + 1) say(option, `option cut ${Math.round(needed)}>${Math.round(room)}px`);
    }
  }
  const frame = item.getBoundingClientRect();
  for (const el of item.querySelectorAll('input, select, textarea, button, [role=slider], label')) {
    if (!shown(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.right > frame.right + 1 || box.left < frame.left - 1) say(el, 'outside the item');
  }
  return problems;
}"""


def reveal_role_play(page) -> None:
    """sm5: choose a team and a scenario, so the role sheets and package choosers are measured too."""
    pair = item_widget(page, "sm5.negosiasi_pasangan")
    pair.scroll_into_view_if_needed()
    pair.locator(".widget-toggle-button").first.click()
    pair.locator("select").first.select_option(index=1)
    solo = item_widget(page, "sm5.negosiasi_solo")
    solo.scroll_into_view_if_needed()
    solo.locator("select").first.select_option(index=1)
    for role_play in (pair, solo):
        role_play.locator(".widget-radio-box").nth(1).wait_for(timeout=30_000)


def problems_in(page, bank, size, screenshots) -> list[str]:
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    page.wait_for_timeout(500)
    found = []
    for item in bank:
        locator = item_widget(page, item.id)
        locator.scroll_into_view_if_needed()  # content-visibility: off-screen cells are not laid out
        found += [f"{item.id} at {width}x{height}: {problem}" for problem in locator.evaluate(CLIPPED)]
        if item.id in screenshots:
            locator.screenshot(path=ARTIFACTS / f"label_{item.id.replace('.', '_')}_{width}x{height}.png")
    return found


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_widget_label_is_cut(lab, assignment):
    """After Run All, at 1280x800 and 1024x768: does every label, button and drop-down option show its whole
    text, and does every control stay inside its item's frame?"""
    from playwright.sync_api import sync_playwright

    base, _work = lab
    bank = list(all_banks()[assignment.split("_", 1)[0]])
    first_of_kind = {}
    for item in bank:
        first_of_kind.setdefault(item.kind, item.id)
    with sync_playwright() as playwright:
        browser, page = open_notebook(playwright, base, assignment, [])
        run_all(page, base, len(bank))
        if assignment == "sm5_negosiasi":
            reveal_role_play(page)
        problems = [problem for size in SIZES for problem in problems_in(page, bank, size, set(first_of_kind.values()))]
        browser.close()
    assert problems == []
