"""One item of every kind answered with the keyboard alone in JupyterLab, without setting off notebook shortcuts."""

from __future__ import annotations

import json

import pytest

from course.bank import all_banks
from course.negotiation import load_scenarios

from .browser import ARTIFACTS, item_widget, open_notebook, run_all, shown_ids

pytestmark = pytest.mark.browser

# the notebooks that hold, together, every kind of item
NOTEBOOKS = {
    "sm1_diplomasi": ["single_choice", "multiple_select", "classification", "ordering", "numeric", "short_text",
                      "reflection"],
    "sm2_aktor": ["actor_map"],
    "sm3_model": ["coupling_explorer", "structured_reflection"],
    "sm5_negosiasi": ["negotiation_pair", "negotiation_solo"],
}

_WHERE = """item => {
  const active = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell.jp-mod-active');
  return {
    focusInItem: item.contains(document.activeElement),
    activeCellHoldsItem: !!active && active.contains(item),
    cells: document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell').length,
    editMode: !!document.querySelector('.jp-Notebook.jp-mod-editMode'),
    focused: document.activeElement ? (document.activeElement.outerHTML || '').slice(0, 120) : '',
    focusedItem: document.activeElement && document.activeElement.closest('.kursus-item')
      ? [...document.activeElement.closest('.kursus-item').classList].filter(c => c.startsWith('kursus-sm')).join() : null,
    item: [...item.classList].filter(c => c.startsWith('kursus-sm')).join(),
  };
}"""


def test_every_kind_is_covered():
    """Do the notebooks driven here hold every kind the course has?"""
    kinds = {item.kind for bank in all_banks().values() for item in bank}
    assert kinds == {kind for listed in NOTEBOOKS.values() for kind in listed}
    for assignment, listed in NOTEBOOKS.items():
        present = {item.kind for item in all_banks()[assignment.split("_", 1)[0]]}
        assert set(listed) <= present, assignment


class Keys:
    """Keyboard only: focus is placed once at an item's first control (as Tab from the cell above would),
    then only key presses; after each press the focus must still be inside the item, in the same cell,
    in command mode, and no cell may have been added or removed (the shortcuts a, b, d d, arrows, j, k)."""

    def __init__(self, page, locator):
        self.page, self.item = page, locator
        self.start = None

    def focus(self, selector: str) -> None:
        self.item.locator(selector).first.focus()
        self.start = self.where()
        assert self.start["focusInItem"] and self.start["activeCellHoldsItem"], self.start

    def where(self) -> dict:
        return self.item.evaluate(_WHERE)

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)
            self.page.wait_for_timeout(60)
            now = self.where()
            assert now["focusInItem"], f"after {key}, focus left the item: {now}"
            assert now["activeCellHoldsItem"], f"after {key}, another cell became active: {now}"
            assert now["cells"] == self.start["cells"], f"after {key}, a notebook shortcut added or removed a cell"

    def leave(self) -> None:
        """Tab out of the item's last control (as a participant does after typing): no cell added or removed."""
        self.page.keyboard.press("Tab")
        self.page.wait_for_timeout(60)
        assert self.where()["cells"] == self.start["cells"]

    def tab_to(self, predicate: str, limit: int = 40) -> None:
        """Press Tab (as a participant scanning the item) until the focused element satisfies ``predicate``,
        a JavaScript ``(element, item) => boolean``."""
        for _ in range(limit):
            if self.item.evaluate(f"item => ({predicate})(document.activeElement, item)"):
                return
            self.press("Tab")
        raise AssertionError(f"{limit} Tabs did not reach {predicate}")

    def choose_package(self) -> None:
        """In the role-play's chooser, tick the first option of every issue (one radio group per issue)."""
        groups = len(next(iter(load_scenarios().values())).issues)
        self.item.locator(".widget-radio-box").nth(groups - 1).wait_for()  # drawn after the scenario is chosen
        self.page.wait_for_timeout(300)
        for group in range(groups):
            self.tab_to(f"(element, item) => element.type === 'radio' && "
                        f"element.closest('.widget-radio-box') === item.querySelectorAll('.widget-radio-box')[{group}]")
            self.press("Space")

    def type(self, text: str) -> None:
        self.page.keyboard.type(text, delay=20)
        now = self.where()
        assert now["focusInItem"] and now["cells"] == self.start["cells"], now


def _first(item, group: str, count: int = 1) -> list[str]:
    return [choice["id"] for choice in getattr(item, group)[:count]]


def answer_by_keyboard(page, item) -> object:
    """Answer ``item`` with keys only; return the value jawaban.json must then hold (None: check it otherwise)."""
    keys = Keys(page, item_widget(page, item.id))
    kind = item.kind
    if kind == "single_choice":
        keys.focus("input[type=radio]")
        keys.press("Space", "ArrowDown")  # choose the first option, then move to the second (arrows choose)
        return shown_ids(item)[1]  # options are shuffled per participant
    if kind == "multiple_select":
        keys.focus("input[type=checkbox]")
        keys.press("Space", "Tab", "Space", "Space", "Tab", "Space")  # tick 1, tick and untick 2, tick 3
        ticked = {shown_ids(item)[0], shown_ids(item)[2]}
        return [option for option in item.choice_ids() if option in ticked]  # stored in the bank's order
    if kind == "classification":
        keys.focus("select")
        categories = shown_ids(item, "categories")  # categories are shuffled per participant too
        second = item.text_of(categories[1])
        keys.press("ArrowDown", "Tab")  # first entry: the first category
        keys.type(second[0].lower())  # second entry: by typing the first letter of the second category
        keys.press("Tab", "End")  # third entry: the last category
        first_letter = [c for c in categories if item.text_of(c)[0].lower() == second[0].lower()][0]
        entries = item.choice_ids()
        return {entries[0]: categories[0], entries[1]: first_letter, entries[2]: categories[-1]}
    if kind == "ordering":
        ids = item.choice_ids()
        keys.focus("button:has-text('Turun')")
        keys.press("Space")  # the first entry goes down one place; the focus stays on this button
        keys.press("Tab", "Tab", "Enter")  # Turun of the second row: the same entry goes down again
        return [ids[1], ids[2], ids[0], *ids[3:]]
    if kind in ("numeric", "short_text", "reflection"):
        keys.focus("input[type=text], textarea")
        keys.type({"numeric": "1796", "short_text": "uji papan ketik"}.get(kind, "Jawaban dari papan ketik."))
        keys.leave()
        return {"numeric": 1796, "short_text": "uji papan ketik"}.get(kind, "Jawaban dari papan ketik.")
    if kind == "structured_reflection":
        keys.focus("textarea")
        keys.type("Bagian satu.")
        keys.press("Tab")
        keys.type("Bagian dua.")
        fields = item.choice_ids() or [field["id"] for field in item.fields]
        return None if not fields else {"first": "Bagian satu.", "second": "Bagian dua."}
    if kind == "actor_map":
        keys.focus(".kursus-actor-row input[type=text]")
        keys.type("JICA")
        keys.press("Tab", "ArrowDown")  # category: the first one
        keys.press("Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Space")  # remove button, role box, influence 1..4
        return None
    if kind == "coupling_explorer":
        keys.focus("[role=slider]")
        keys.press("ArrowRight", "ArrowRight")
        return None
    if kind == "negotiation_pair":
        keys.focus("button:has-text('Marvel')")
        keys.press("Space", "Tab", "Tab", "ArrowDown")  # Marvel; the scenario menu: the first scenario
        keys.choose_package()
        keys.tab_to("element => element.textContent.includes('Simpan kesepakatan')")
        keys.press("Enter")
        return None
    if kind == "negotiation_solo":
        keys.focus("select")
        keys.press("ArrowDown")
        keys.choose_package()
        keys.tab_to("element => element.textContent.includes('Ajukan tawaran')")
        keys.press("Enter")
        return None
    raise AssertionError(f"no keyboard path for a {kind} item")


def _check(item, stored, expected) -> None:
    value = stored[item.id]["value"]
    kind = item.kind
    if kind == "structured_reflection":
        first, second = [field["id"] for field in item.fields[:2]]
        assert value[first] == "Bagian satu." and value[second] == "Bagian dua.", value
    elif kind == "actor_map":
        (row,) = value
        assert (row["name"], row["category"], row["influence"]) == ("JICA", item.categories[0]["id"], 4), row
    elif kind == "coupling_explorer":
        assert sorted(value["assets"].values()) == [2, 2, 4], value
    elif kind == "negotiation_pair":
        scene = next(iter(load_scenarios().values()))
        package = {issue.id: issue.options[0].id for issue in scene.issues}
        assert value == {"team": "marvel", "scenario": scene.id, "result": "deal", "package": package,
                         "pair": None}, value  # no pair/table code typed
    elif kind == "negotiation_solo":
        scene = next(iter(load_scenarios().values()))
        assert value["scenario"] == scene.id and len(value["history"]) == 1, value
        assert value["history"][0]["offer"] == {issue.id: issue.options[0].id for issue in scene.issues}
    else:
        assert value == expected, (item.id, value)


@pytest.mark.parametrize("assignment", list(NOTEBOOKS))
def test_each_kind_answered_by_keyboard_alone(lab, assignment):
    """With focus on an item's first control and then only keys: does the answer reach jawaban.json, with
    focus kept in the item and no notebook shortcut fired (no cell change, no jump, no edit mode)?"""
    from playwright.sync_api import sync_playwright

    base, work = lab
    bank = list(all_banks()[assignment.split("_", 1)[0]])
    chosen = [next(item for item in bank if item.kind == kind) for kind in NOTEBOOKS[assignment]]
    with sync_playwright() as playwright:
        browser, page = open_notebook(playwright, base, assignment, [])
        run_all(page, base, len(bank))
        expected = {}
        for item in chosen:
            locator = item_widget(page, item.id)
            locator.scroll_into_view_if_needed()
            expected[item.id] = answer_by_keyboard(page, item)
            locator.get_by_text("Jawaban tersimpan").first.wait_for(timeout=15_000)
        page.wait_for_timeout(800)  # a typed text is saved at most every 0.5 s
        page.screenshot(path=ARTIFACTS / f"papan_ketik_{assignment}.png")
        browser.close()
    stored = json.loads((work / assignment / "jawaban.json").read_text())["answers"]
    for item in chosen:
        _check(item, stored, expected[item.id])
