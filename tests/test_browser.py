"""A participant's real path in JupyterLab and headless Chromium: run all, answer, restart, answers back."""

from __future__ import annotations

import time

import pytest

from course.bank import all_banks, find_item
from course.negotiation import load_scenarios

from .browser import (
    ARTIFACTS, CHROMIUM, LAUNCH_ARGS, check_despite_layout_shifts, error_outputs, item_widget, open_notebook,
    record_run_all, run_all, scroll_top, stored_answers, wait_idle,
)
from .conftest import ASSIGNMENTS

pytestmark = pytest.mark.browser
ASSIGNMENT = "sm1_diplomasi"
ITEMS_IN_NOTEBOOK = 17
SIZES = {"1280": (1280, 800), "1920": (1920, 1080)}  # a laptop and a projector


def shoot(page, name: str, element=None) -> None:
    """Viewport screenshots at laptop and projector size: the notebook's top, or ``element`` near the top."""
    for label, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(300)
        if element is None:
            scroll_top(page)
        else:
            element.evaluate("e => { e.scrollIntoView({block: 'start'});"
                             " const outer = e.closest('.jp-WindowedPanel-outer'); if (outer) outer.scrollTop -= 48; }")
            page.wait_for_timeout(300)
        page.screenshot(path=ARTIFACTS / f"{name}_{label}.png")
    page.set_viewport_size({"width": 1280, "height": 1000})


def assert_only_course_content_shows(page, graded_tests: int) -> None:
    """After run all: no code bar, prompt or item id on exercise, figure and grading cells; grading notes styled."""
    cells = page.evaluate("""() => [...document.querySelectorAll('.jp-CodeCell')]
        .filter(cell => cell.querySelector('.jp-InputPlaceholder'))
        .map(cell => ({input: getComputedStyle(cell.querySelector('.jp-Cell-inputWrapper')).display !== 'none',
                       prompt: [...cell.querySelectorAll('.jp-OutputPrompt')]
                         .some(p => getComputedStyle(p).visibility !== 'hidden' && p.textContent.trim() !== '')}))""")
    assert cells, "no collapsed code cells: the notebook changed shape"
    assert not [cell for cell in cells if cell["input"] or cell["prompt"]], cells
    assert page.locator(".kursus-page-live").is_visible() and not page.locator(".kursus-page-stale").is_visible()
    notes = page.locator(".kursus-pending")
    assert notes.count() == graded_tests
    assert "dinilai setelah tugas dikumpulkan" in notes.first.text_content()


def test_answers_survive_a_kernel_restart_in_jupyterlab(lab):
    """Can a participant answer every kind of item in JupyterLab, restart, run all, and see every answer again?"""
    from playwright.sync_api import sync_playwright

    base, work = lab
    work = work / ASSIGNMENT
    ARTIFACTS.mkdir(exist_ok=True)
    console_errors = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.on("console", lambda msg: console_errors.append(msg.text) if msg.type == "error" else None)
        page.goto(f"{base}/lab/tree/{ASSIGNMENT}/{ASSIGNMENT}.ipynb?reset")
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        wait_idle(page, base)
        seconds = run_all(page, base, ITEMS_IN_NOTEBOOK)
        print(f"\nrun all -> {ITEMS_IN_NOTEBOOK} widgets ready: {seconds:.1f} s")
        record_run_all(ASSIGNMENT, seconds)
        assert_only_course_content_shows(page, graded_tests=10)
        page.evaluate("document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer').scrollTop = 0")
        page.wait_for_timeout(300)
        page.screenshot(path=ARTIFACTS / "sm1_awal.png")
        shoot(page, "sm1_atas")
        item_widget(page, "sm1.klasifikasi_kegiatan").screenshot(path=ARTIFACTS / "sm1_klasifikasi.png")

        # practice, single choice: right answer, Periksa shows "Benar" with the explanation
        # options are shuffled per participant: click them by their text, never by position
        practice = item_widget(page, "sm1.alasan_misi")
        reasons = find_item("sm1.alasan_misi")
        check_despite_layout_shifts(page, practice.get_by_role("radio", name=reasons.text_of(reasons.key), exact=True))
        practice.get_by_role("button", name="Periksa").click()
        practice.get_by_text("Pembahasan").first.wait_for()  # not "Benar": an option's text may contain "benar"
        assert "\u2714 Benar" in practice.inner_text()
        practice.screenshot(path=ARTIFACTS / "sm1_latihan.png")
        shoot(page, "sm1_latihan_periksa", practice)
        # graded items of every kind
        graded = item_widget(page, "sm1.asal_istilah")
        term = find_item("sm1.asal_istilah")
        check_despite_layout_shifts(page, graded.get_by_role("radio", name=term.text_of("b"), exact=True))
        graded.get_by_text("Jawaban tersimpan").wait_for()
        assert "Benar" not in graded.inner_text() and "Belum tepat" not in graded.inner_text()
        drivers = item_widget(page, "sm1.pendorong_paradiplomasi")
        driver_texts = [option["text"] for option in find_item("sm1.pendorong_paradiplomasi").options]
        drivers.get_by_role("checkbox", name=driver_texts[0], exact=True).check()
        drivers.get_by_role("checkbox", name=driver_texts[2], exact=True).check()
        activities = item_widget(page, "sm1.klasifikasi_kegiatan")
        activities.locator("select").first.select_option(index=2)
        history = item_widget(page, "sm1.urutan_sejarah")
        history.get_by_role("button", name="Turun").first.click()
        year = item_widget(page, "sm1.tahun_burke").locator("input")
        year.fill("1.796")
        year.press("Tab")
        item_widget(page, "sm1.istilah_protodiplomasi").locator("input").fill("Proto-diplomasi")
        item_widget(page, "sm1.refleksi_perbandingan").locator("textarea").fill("Definisi awal saya menekankan negosiasi.")
        item_widget(page, "sm1.refleksi_perbandingan").get_by_text("Jawaban tersimpan").wait_for()
        graded.screenshot(path=ARTIFACTS / "sm1_penilaian.png")
        shoot(page, "sm1_soal_penilaian", graded)

        stored = stored_answers(work)
        assert stored["sm1.alasan_misi"]["value"] == reasons.key
        assert stored["sm1.asal_istilah"]["value"] == "b"
        assert len(stored["sm1.pendorong_paradiplomasi"]["value"]) == 2
        assert len(stored["sm1.klasifikasi_kegiatan"]["value"]) == 1
        assert len(stored["sm1.urutan_sejarah"]["value"]) == 5
        assert stored["sm1.tahun_burke"]["value"] == 1796
        assert stored["sm1.istilah_protodiplomasi"]["value"] == "Proto-diplomasi"
        assert stored["sm1.refleksi_perbandingan"]["value"].startswith("Definisi awal")
        order_before = stored["sm1.urutan_sejarah"]["value"]

        seconds = run_all(page, base, ITEMS_IN_NOTEBOOK, restart=True)
        print(f"restart + run all -> widgets ready: {seconds:.1f} s")
        assert item_widget(page, "sm1.asal_istilah").get_by_role("radio", name=term.text_of("b"), exact=True).is_checked()
        assert item_widget(page, "sm1.alasan_misi").get_by_role(
            "radio", name=reasons.text_of(reasons.key), exact=True).is_checked()
        assert item_widget(page, "sm1.pendorong_paradiplomasi").get_by_role(
            "checkbox", name=driver_texts[2], exact=True).is_checked()
        assert item_widget(page, "sm1.klasifikasi_kegiatan").locator("select").first.input_value() != ""
        assert item_widget(page, "sm1.tahun_burke").locator("input").input_value() == "1796"
        assert item_widget(page, "sm1.istilah_protodiplomasi").locator("input").input_value() == "Proto-diplomasi"
        assert item_widget(page, "sm1.refleksi_perbandingan").locator("textarea").input_value().startswith("Definisi awal")
        shown = item_widget(page, "sm1.urutan_sejarah").text_content()
        history_item = find_item("sm1.urutan_sejarah")
        positions = [shown.index(history_item.text_of(entry)) for entry in order_before]
        assert positions == sorted(positions), "the restored order differs from the stored one"
        assert stored_answers(work)["sm1.urutan_sejarah"]["value"] == order_before
        assert "Jawaban tersimpan" in item_widget(page, "sm1.asal_istilah").text_content()
        item_widget(page, "sm1.urutan_sejarah").screenshot(path=ARTIFACTS / "sm1_setelah_restart.png")
        browser.close()
    widget_errors = [text for text in console_errors if "widget" in text.lower() or "model" in text.lower()]
    assert not widget_errors, widget_errors


# plotly charts: the actor map; the project cycle; coupling heatmap, explorer heatmap, counts
FIGURES_IN_NOTEBOOK = {"sm2_aktor": 1, "sm4_tata_kelola": 1, "sm3_model": 3, "sm5_negosiasi": 0}
DIAGRAMS_IN_NOTEBOOK = {"sm3_model": 5}  # Gambar 3.1 and 3.2, and the three models' six steps: drawn in HTML


@pytest.mark.parametrize("assignment", [assignment for assignment in ASSIGNMENTS if assignment != ASSIGNMENT])
def test_every_notebook_renders_its_widgets_and_figures(lab, assignment):
    """Does each notebook, run all in JupyterLab, show every exercise and every figure, with no widget error?"""
    from playwright.sync_api import sync_playwright

    base, _work = lab
    ARTIFACTS.mkdir(exist_ok=True)
    items = len(all_banks()[assignment.split("_", 1)[0]].items)
    console_errors = []
    with sync_playwright() as playwright:
        browser, page = open_notebook(playwright, base, assignment, console_errors)
        seconds = run_all(page, base, items)
        print(f"\n{assignment}: run all -> {items} widgets ready in {seconds:.1f} s")
        record_run_all(assignment, seconds)
        assert error_outputs(page) == [], "a cell printed an error"
        figures = FIGURES_IN_NOTEBOOK.get(assignment, 0)
        if figures:
            page.wait_for_function(
                f"() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= {figures}", timeout=60_000)
            for index in range(figures):
                plot = page.locator(".js-plotly-plot").nth(index)
                plot.scroll_into_view_if_needed()
                page.wait_for_timeout(300)
                plot.screenshot(path=ARTIFACTS / f"{assignment}_gambar{index + 1}.png")
        diagrams = page.locator(".kursus-diagram")
        assert diagrams.count() == DIAGRAMS_IN_NOTEBOOK.get(assignment, 0)
        for index in range(diagrams.count()):
            diagrams.nth(index).scroll_into_view_if_needed()
            diagrams.nth(index).screenshot(path=ARTIFACTS / f"{assignment}_diagram{index + 1}.png")
        tables = page.locator(".jp-OutputArea-output table.dataframe")
        for index in range(tables.count()):
            tables.nth(index).scroll_into_view_if_needed()
            tables.nth(index).screenshot(path=ARTIFACTS / f"{assignment}_tabel{index + 1}.png")
        bank = all_banks()[assignment.split("_", 1)[0]]
        assert_only_course_content_shows(page, graded_tests=len([item for item in bank if not item.is_practice
                                                                 and not item.is_manual]))
        scroll_top(page)
        page.screenshot(path=ARTIFACTS / f"{assignment}_awal.png")
        shoot(page, f"{assignment}_atas")
        graded = next(item for item in bank if not item.is_practice and not item.is_manual)
        shoot(page, f"{assignment}_soal_penilaian", item_widget(page, graded.id))
        practice = next((item for item in bank if item.is_practice and item.kind == "single_choice"), None)
        if practice is not None:  # the post-test has no practice item
            widget = item_widget(page, practice.id)
            widget.scroll_into_view_if_needed()
            check_despite_layout_shifts(page, widget.get_by_role("radio").first)
            widget.get_by_role("button", name="Periksa").click()
            page.wait_for_function("selector => /Benar|Sebagian benar|Belum tepat/.test("
                                   "document.querySelector(selector).innerText)", arg=".kursus-" + practice.id.replace(".", "-"))
            shoot(page, f"{assignment}_latihan_periksa", widget)
        first_of_kind = {}
        for item in all_banks()[assignment.split("_", 1)[0]]:
            first_of_kind.setdefault((item.kind, item.mode), item)
        for item in first_of_kind.values():  # one picture per kind of exercise, practice and graded
            item_widget(page, item.id).screenshot(path=ARTIFACTS / f"{assignment}_{item.id.split('.')[1]}.png")
        browser.close()
    widget_errors = [text for text in console_errors if "widget" in text.lower() or "model" in text.lower()]
    assert not widget_errors, widget_errors


def test_actor_map_is_drawn_saved_and_restored_in_jupyterlab(lab):
    """Can a participant put an actor on the map by clicking, see it on the chart, restart, and find it again?"""
    from playwright.sync_api import sync_playwright

    base, work = lab
    assignment = "sm2_aktor"
    items = len(all_banks()["sm2"].items)
    console_errors = []
    with sync_playwright() as playwright:
        browser, page = open_notebook(playwright, base, assignment, console_errors)
        run_all(page, base, items)
        actor_map = item_widget(page, "sm2.peta_aktor")
        actor_map.locator(".kursus-actor-row input[type=text]").first.fill("JICA Indonesia")
        actor_map.locator(".kursus-actor-row select").first.select_option(label="Lembaga pembangunan internasional")
        actor_map.locator(".kursus-actor-row").first.get_by_role("button", name="5").first.click()
        actor_map.get_by_role("button", name="Tambah aktor").click()
        actor_map.locator(".kursus-actor-row input[type=text]").nth(2).fill("Christian Dior")
        actor_map.locator(".kursus-actor-row input[type=text]").nth(2).press("Tab")
        page.wait_for_function(
            "() => [...document.querySelectorAll('.kursus-sm2-peta_aktor .js-plotly-plot text')]"
            ".some(t => t.textContent.includes('Christian Dior'))", timeout=30_000)
        actor_map.screenshot(path=ARTIFACTS / "sm2_peta_aktor_terisi.png")
        names_saved = lambda: [row["name"] for row in stored_answers(work / assignment)["sm2.peta_aktor"]["value"]]  # noqa: E731
        for _ in range(40):  # typed names are saved at most twice a second: the last one up to 0.5 s later
            if names_saved() == ["JICA Indonesia", "Christian Dior"]:
                break
            page.wait_for_timeout(100)
        rows = stored_answers(work / assignment)["sm2.peta_aktor"]["value"]
        assert [row["name"] for row in rows] == ["JICA Indonesia", "Christian Dior"]
        assert rows[0]["influence"] == 5 and rows[0]["category"] != ""

        run_all(page, base, items, restart=True)
        actor_map = item_widget(page, "sm2.peta_aktor")
        names = actor_map.locator(".kursus-actor-row input[type=text]")
        assert names.nth(0).input_value() == "JICA Indonesia" and names.nth(2).input_value() == "Christian Dior"
        assert "JICA Indonesia" in actor_map.locator(".js-plotly-plot").text_content()
        browser.close()
    assert not [text for text in console_errors if "widget" in text.lower() or "model" in text.lower()]


def test_coupling_sliders_redraw_the_heatmap_and_are_saved(lab):
    """Does raising one asset of Daerah Anda redraw the explorer's heatmap, save the choice, and survive a restart?"""
    from playwright.sync_api import sync_playwright

    base, work = lab
    assignment = "sm3_model"
    items = len(all_banks()["sm3"].items)
    console_errors = []
    with sync_playwright() as playwright:
        browser, page = open_notebook(playwright, base, assignment, console_errors)
        run_all(page, base, items)
        explorer = item_widget(page, "sm3.eksplorasi_coupling")
        explorer.scroll_into_view_if_needed()
        explorer.locator(".js-plotly-plot .main-svg").first.wait_for()
        before = explorer.locator(".js-plotly-plot").text_content()
        explorer.screenshot(path=ARTIFACTS / "sm3_eksplorasi_awal.png")
        readout = explorer.locator(".widget-slider .widget-readout").nth(2)  # politik teritorial
        readout.click()
        page.keyboard.press("Control+A")
        page.keyboard.type("5")
        page.keyboard.press("Enter")
        explorer.get_by_text("Jawaban tersimpan").wait_for()
        page.wait_for_function(
            "(before) => document.querySelector('.kursus-sm3-eksplorasi_coupling .js-plotly-plot').textContent !== before",
            arg=before, timeout=30_000)
        explorer.screenshot(path=ARTIFACTS / "sm3_eksplorasi_setelah.png")
        choice = stored_answers(work / assignment)["sm3.eksplorasi_coupling"]["value"]
        assert choice["assets"]["politik_teritorial"] == 5

        run_all(page, base, items, restart=True)
        explorer = item_widget(page, "sm3.eksplorasi_coupling")
        assert explorer.locator(".widget-slider .widget-readout").nth(2).text_content().strip() == "5"
        browser.close()
    assert not [text for text in console_errors if "widget" in text.lower() or "model" in text.lower()]


def test_role_play_pair_outcome_and_solo_game_in_jupyterlab(lab):
    """Can a participant enter a pair-mode deal and see the chart, then play and win a deal against the computer?"""
    from playwright.sync_api import sync_playwright

    base, work = lab
    assignment = "sm5_negosiasi"
    items = len(all_banks()["sm5"].items)
    console_errors = []
    with sync_playwright() as playwright:
        browser, page = open_notebook(playwright, base, assignment, console_errors)
        run_all(page, base, items)

        pair = item_widget(page, "sm5.negosiasi_pasangan")
        pair.scroll_into_view_if_needed()
        pair.get_by_role("button", name="Marvel \u2014 pemerintah daerah").click()
        pair.locator("select").first.select_option(index=1)  # option values are labels in ipywidgets 8
        pair.locator(".kursus-role-sheet").wait_for()
        assert "Lembar peran (rahasia)" in pair.text_content()
        issues = len(next(iter(load_scenarios().values())).issues)
        issue_groups = pair.locator(".widget-radio-box")  # one group of radio buttons per issue
        issue_groups.nth(issues - 1).wait_for()  # the sheet renders before the issues' options
        for index in range(issues):
            issue_groups.nth(index).get_by_role("radio").nth(1).check()
        pair.get_by_role("button", name="Simpan kesepakatan").click()
        pair.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
        pair.locator(".js-plotly-plot").scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        pair.locator(".js-plotly-plot").screenshot(path=ARTIFACTS / "sm5_pasangan_grafik.png")
        pair.locator(".kursus-role-sheet").screenshot(path=ARTIFACTS / "sm5_pasangan_lembar_peran.png")
        outcome = stored_answers(work / assignment)["sm5.negosiasi_pasangan"]["value"]
        assert outcome["team"] == "marvel" and outcome["result"] == "deal" and len(outcome["package"]) >= 3

        solo = item_widget(page, "sm5.negosiasi_solo")
        solo.scroll_into_view_if_needed()
        solo.locator("select").first.select_option(index=1)
        solo.get_by_text("Putaran 1 dari").wait_for()
        groups = solo.locator(".widget-radio-box")
        groups.nth(issues - 1).wait_for()
        for index in range(issues):
            groups.nth(index).get_by_role("radio").nth(1).check()
        solo.get_by_role("button", name="Ajukan tawaran").click()
        solo.get_by_role("button", name="Terima tawaran balasan").wait_for()
        solo.get_by_role("button", name="Terima tawaran balasan").click()
        solo.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
        page.wait_for_timeout(300)
        solo.locator(".js-plotly-plot").screenshot(path=ARTIFACTS / "sm5_solo_grafik.png")
        solo.locator("ol").screenshot(path=ARTIFACTS / "sm5_solo_putaran.png")
        game = stored_answers(work / assignment)["sm5.negosiasi_solo"]["value"]
        assert game["finished"] is True and game["deal"] == game["history"][0]["counter"]
        browser.close()
    assert not [text for text in console_errors if "widget" in text.lower() or "model" in text.lower()]


def test_widgets_work_in_notebook_7(lab):
    """Does Sub-module 1 run in the classic-style Notebook 7 interface, with a saved answer?"""
    from playwright.sync_api import sync_playwright

    base, work = lab
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(f"{base}/notebooks/{ASSIGNMENT}/{ASSIGNMENT}.ipynb")
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle'], #jp-kernel-status, .jp-KernelStatus") \
            .first.wait_for(timeout=60_000)  # Notebook 7 has no JupyterLab status bar
        page.wait_for_timeout(1000)
        started = time.perf_counter()
        page.get_by_role("menuitem", name="Run").click()
        page.locator('.lm-Menu-item[data-command="notebook:run-all-cells"], '
                     '.lm-Menu-item[data-command="runmenu:run-all"]').first.click()
        # Notebook 7 renders only the cells near the viewport: wait for the first exercise, answer it there
        item = item_widget(page, "sm1.definisi_awal")
        item.wait_for(timeout=90_000)
        print(f"\nNotebook 7: run all -> first widget ready in {time.perf_counter() - started:.1f} s")
        item.scroll_into_view_if_needed()
        item.locator("textarea").fill("Diplomasi adalah cara negara berunding.")
        item.get_by_text("Jawaban tersimpan").wait_for()
        item.screenshot(path=ARTIFACTS / "notebook7_sm1.png")
        cell = page.locator(".jp-CodeCell", has=item)
        assert not cell.locator(".jp-Cell-inputWrapper").is_visible(), "Notebook 7 shows the exercise's code bar"
        assert cell.locator(".jp-OutputPrompt").evaluate("p => getComputedStyle(p).visibility") == "hidden"
        page.screenshot(path=ARTIFACTS / "notebook7_sm1_halaman.png")
        browser.close()
    assert stored_answers(work / ASSIGNMENT)["sm1.definisi_awal"]["value"] == "Diplomasi adalah cara negara berunding."


def test_widgets_and_figures_work_in_voila(lab):
    """Does Voila render Sub-module 4 (widgets and the cycle figure, no code) and save an answer?"""
    from playwright.sync_api import sync_playwright

    base, work = lab
    assignment = "sm4_tata_kelola"
    items = len(all_banks()["sm4"].items)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        started = time.perf_counter()
        page.goto(f"{base}/voila/render/{assignment}/{assignment}.ipynb", timeout=120_000)
        page.wait_for_function(f"() => document.querySelectorAll('.kursus-item').length === {items}", timeout=120_000)
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=60_000)
        print(f"\nVoila: {items} widgets and the figure ready in {time.perf_counter() - started:.1f} s")
        assert "show(" not in page.locator("body").inner_text()  # Voila shows outputs, never code
        item = item_widget(page, "sm4.status_permenlu")
        item.scroll_into_view_if_needed()
        item.get_by_role("radio").first.check()
        item.get_by_text("Jawaban tersimpan").wait_for()
        page.screenshot(path=ARTIFACTS / "voila_sm4.png")
        browser.close()
    assert stored_answers(work / assignment)["sm4.status_permenlu"]["value"]
