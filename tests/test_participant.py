"""`kursus buka` and the participant profile: the work folder, the JupyterLab command, what a participant's JupyterLab shows."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from course import participant
from course.instructor import cli
from course.participant import PROFILE, PROFILE_ALONE, lab_command, lab_environment, prepare_work_folder

from .browser import ARTIFACTS, CHROMIUM, LAUNCH_ARGS, item_widget, run_all, stored_answers, wait_idle
from .conftest import ROOT

NBGRADER_LAB = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyter" / "nbgrader"
INSTRUCTOR_PLUGINS = {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                      "@jupyter/nbgrader:course-list", "@jupyter/nbgrader:validate-assignment"}


def _course(tmp_path: Path, assignments=("sm0_orientasi", "sm1_diplomasi")) -> Path:
    """A course folder as a participant clones it: nbgrader_config.py, source/ and release/ (notebooks only)."""
    root = tmp_path / "kursus"
    (root / "source").mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", root)
    for assignment in assignments:
        shutil.copytree(ROOT / "release" / assignment, root / "release" / assignment)
        (root / "source" / assignment).mkdir()
    return root


# --- the work folder --------------------------------------------------------------------------------------

def test_first_opening_copies_every_assignment(tmp_path):
    """Does the first opening copy each release/<assignment>/ to kerja/<assignment>/ with its notebook?"""
    root = _course(tmp_path)
    assert prepare_work_folder(root) == ["sm0_orientasi", "sm1_diplomasi"]
    for assignment in ("sm0_orientasi", "sm1_diplomasi"):
        assert (root / "kerja" / assignment / f"{assignment}.ipynb").read_bytes() == \
            (root / "release" / assignment / f"{assignment}.ipynb").read_bytes()


def test_reopening_never_touches_answers_and_copies_only_a_new_assignment(tmp_path):
    """Are a participant's answers and edited notebook left alone, and is a new assignment copied beside them?"""
    root = _course(tmp_path, ["sm0_orientasi"])
    prepare_work_folder(root)
    answers = root / "kerja" / "sm0_orientasi" / "jawaban.json"
    answers.write_text('{"schema_version": 1, "answers": {}}')
    notebook = root / "kerja" / "sm0_orientasi" / "sm0_orientasi.ipynb"
    notebook.write_text("diubah peserta")
    before = {path: path.stat().st_mtime_ns for path in (answers, notebook)}
    shutil.copytree(ROOT / "release" / "sm1_diplomasi", root / "release" / "sm1_diplomasi")

    assert prepare_work_folder(root) == ["sm1_diplomasi"]
    assert prepare_work_folder(root) == []
    assert notebook.read_text() == "diubah peserta"
    assert {path: path.stat().st_mtime_ns for path in (answers, notebook)} == before
    assert (root / "kerja" / "sm1_diplomasi" / "sm1_diplomasi.ipynb").is_file()


def test_an_interrupted_copy_is_redone(tmp_path):
    """Is a copy cut short (a half-made temporary folder) redone, and never shown as an assignment?"""
    root = _course(tmp_path, ["sm0_orientasi"])
    (root / "kerja" / ".sm0_orientasi.sebagian").mkdir(parents=True)
    (root / "kerja" / ".sm0_orientasi.sebagian" / "potongan").write_text("")
    assert prepare_work_folder(root) == ["sm0_orientasi"]
    assert sorted(path.name for path in (root / "kerja").iterdir()) == ["sm0_orientasi"]
    assert not (root / "kerja" / "sm0_orientasi" / "potongan").exists()


# --- the JupyterLab command and environment ---------------------------------------------------------------

def test_lab_command_opens_the_orientation_on_the_work_folder(tmp_path, monkeypatch):
    """Is kerja/ the server root, the orientation the start page, and do the participant's arguments come last?"""
    root = _course(tmp_path)
    prepare_work_folder(root)
    monkeypatch.setattr(os, "geteuid", lambda: 1000, raising=False)
    command = lab_command(root, ["--no-browser", "--port", "8899"], python="python")
    assert command[:3] == ["python", "-m", "jupyterlab"]
    assert f"--ServerApp.root_dir={root.resolve() / 'kerja'}" in command
    assert "--LabApp.default_url=/lab/tree/sm0_orientasi/sm0_orientasi.ipynb" in command
    assert command[-3:] == ["--no-browser", "--port", "8899"]
    assert "--allow-root" not in command


def test_allow_root_only_for_root(tmp_path, monkeypatch):
    """Is --allow-root added when (and only when) the user is root, as in Docker or WSL?"""
    root = _course(tmp_path)
    monkeypatch.setattr(os, "geteuid", lambda: 0, raising=False)
    assert "--allow-root" in lab_command(root)
    monkeypatch.setattr(os, "geteuid", lambda: 1000, raising=False)
    assert "--allow-root" not in lab_command(root)
    monkeypatch.delattr(os, "geteuid", raising=False)  # Windows has no geteuid
    assert "--allow-root" not in lab_command(root)


def test_environment_puts_the_profile_first_and_keeps_other_config(tmp_path):
    """Does the profile come first on JUPYTER_CONFIG_PATH, with the user's own paths kept after it?"""
    environment = lab_environment({"JUPYTER_CONFIG_PATH": "/etc/lain", "NBGRADER_EXECUTION": "autograde", "X": "1"})
    assert environment["JUPYTER_CONFIG_PATH"] == os.pathsep.join([str(PROFILE), "/etc/lain"])
    assert "NBGRADER_EXECUTION" not in environment and environment["X"] == "1"
    assert lab_environment({})["JUPYTER_CONFIG_PATH"] == str(PROFILE)
    assert lab_environment({}, alone=True)["JUPYTER_CONFIG_PATH"] == os.pathsep.join([str(PROFILE_ALONE), str(PROFILE)])
    assert lab_environment({"JUPYTER_PATH": "/d"})["JUPYTER_PATH"] == os.pathsep.join([str(PROFILE / "data"), "/d"])


# --- the profile's files ----------------------------------------------------------------------------------

def test_profile_names_plugins_that_exist():
    """Does every plugin the profile turns off or configures exist in the installed JupyterLab extensions?

    A misspelt or renamed plugin id is silently ignored by JupyterLab, so this reads the ids from the
    installed nbgrader bundle and the settings schemas.
    """
    disabled = json.loads((PROFILE / "labconfig" / "page_config.json").read_text())["disabledExtensions"]
    bundle = "".join(path.read_text(errors="replace") for path in (NBGRADER_LAB / "static").glob("*.js"))
    nbgrader_ids = set(re.findall(r'"(@jupyter/nbgrader:[\w-]+)"', bundle))  # plugin ids are quoted strings
    assert INSTRUCTOR_PLUGINS <= nbgrader_ids, nbgrader_ids
    assert "@jupyter/nbgrader:assignment-list" in nbgrader_ids and "@jupyter/nbgrader:assignment-list" not in disabled
    alone = json.loads((PROFILE_ALONE / "labconfig" / "page_config.json").read_text())["disabledExtensions"]
    assert set(alone) == {"@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:menu"} <= nbgrader_ids
    assert {name for name, off in disabled.items() if off} == INSTRUCTOR_PLUGINS | {
        "@jupyterlab/extensionmanager-extension:plugin"}

    overrides = json.loads((PROFILE / "lab" / "overrides.json").read_text())
    schema_roots = [Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas",
                    *(path / "schemas" for path in (Path(sys.prefix) / "share" / "jupyter" / "labextensions").glob("**/")
                      if (path / "package.json").is_file())]
    for plugin, settings in overrides.items():
        package, name = plugin.rsplit(":", 1)
        schemas = [root / package / f"{name}.json" for root in schema_roots if (root / package / f"{name}.json").is_file()]
        assert schemas, f"no settings schema for {plugin}"
        assert set(settings) <= set(json.loads(schemas[0].read_text())["properties"]), plugin
    assert overrides["@jupyter-widgets/jupyterlab-manager:plugin"] == {"saveState": True}
    assert overrides["@jupyterlab/docmanager-extension:plugin"]["autosaveInterval"] <= 15
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"


def test_profile_is_shipped_with_the_package():
    """Does pyproject.toml ship every profile file (a wheel install must find them)?"""
    import tomllib
    from fnmatch import fnmatch

    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["course"]
    for path in PROFILE.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            relative = path.relative_to(PROFILE.parent).as_posix()
            assert any(fnmatch(relative, pattern) and relative.count("/") == pattern.count("/") for pattern in patterns), relative


# --- the `kursus buka` command ----------------------------------------------------------------------------

def test_buka_passes_jupyter_arguments_on(tmp_path, monkeypatch, capsys):
    """Do unknown arguments and those after `--` reach JupyterLab, and does a server that fails say so in Indonesian?"""
    root = _course(tmp_path)
    seen = []
    monkeypatch.setattr(participant, "start_lab", lambda root, arguments: seen.append(list(arguments)))
    (root / "kerja").mkdir()
    (root / "kerja" / ".jupyterlab.log").write_text("OSError: [Errno 98] Address already in use\n")
    assert cli.main(["--kursus", str(root), "buka", "--no-browser", "--port", "8899"]) == 1
    assert cli.main(["--kursus", str(root), "buka", "--", "--port=8899"]) == 1
    assert seen == [["--no-browser", "--port", "8899"], ["--port=8899"]]
    output = capsys.readouterr()
    assert f"Jawaban Anda tersimpan di {root.resolve() / 'kerja'}" in output.out
    assert "JupyterLab tidak dapat dinyalakan" in output.err and "Address already in use" in output.err


def test_buka_refuses_a_folder_without_the_course(tmp_path, capsys):
    """Is a folder that is not the course one Indonesian sentence with exit code 2, nothing created?"""
    assert cli.main(["--kursus", str(tmp_path), "buka"]) == 2
    assert capsys.readouterr().err.startswith("Galat: ")
    assert list(tmp_path.iterdir()) == []


def test_other_commands_still_refuse_unknown_arguments(capsys):
    """Do commands other than `buka` still answer an unknown argument with one Indonesian sentence, exit 2?"""
    with pytest.raises(SystemExit) as stop:
        cli.main(["repair", "sm1_diplomasi", "--no-browser"])
    assert stop.value.code == 2
    assert "argumen tidak dikenal: --no-browser" in capsys.readouterr().err


# --- a real participant's JupyterLab ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def opened(tmp_path_factory):
    """`kursus buka --no-browser` on a participant's course copy: the real command in a real process."""
    root = _course(tmp_path_factory.mktemp("buka"))
    environment = dict(os.environ, JUPYTER_RUNTIME_DIR=str(root / "runtime"),
                       JUPYTER_CONFIG_DIR=str(root / "jupyter-config"),  # an empty ~/.jupyter
                       JUPYTERLAB_SETTINGS_DIR=str(root / "lab-settings"))
    started = time.perf_counter()
    process = subprocess.Popen([str(Path(sys.executable).parent / "kursus"), "buka", "--no-browser", "--ip=127.0.0.1",
                                "--port=0"], cwd=root, env=environment, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    lines = []
    for line in process.stdout:
        lines.append(line.rstrip("\n"))
        if line.startswith("Kursus siap: "):
            break
    else:
        pytest.fail("kursus buka did not start:\n" + "\n".join(lines) + _read(root / "kerja" / ".jupyterlab.log"))
    print(f"\nkursus buka -> serving: {time.perf_counter() - started:.1f} s")
    url = lines[-1].removeprefix("Kursus siap: ")
    yield root, url, lines, process
    process.terminate()
    process.wait(timeout=30)


def _read(path: Path) -> str:
    return path.read_text() if path.exists() else ""


def _get(url: str, token: str) -> bytes:
    return urllib.request.urlopen(urllib.request.Request(url, headers={"Authorization": f"token {token}"}), timeout=10).read()


def test_kursus_buka_serves_the_orientation_with_the_profile(opened):
    """Does `kursus buka` print a few Indonesian lines and a URL that serves the orientation with the profile on?"""
    root, url, lines, _process = opened
    assert len(lines) <= 6 and not any(line.startswith("[") for line in lines), lines
    base, token = re.fullmatch(r"(http://[^/]+)/lab/tree/sm0_orientasi/sm0_orientasi\.ipynb\?token=(\w+)", url).groups()
    notebook = json.loads(_get(f"{base}/api/contents/sm0_orientasi/sm0_orientasi.ipynb", token))
    assert notebook["type"] == "notebook" and notebook["content"]["cells"]
    page = _get(f"{base}/lab", token).decode()
    config = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S)[1])
    assert INSTRUCTOR_PLUGINS | {"@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:menu"} <= set(
        config["disabledExtensions"])  # alone on a laptop: no exchange, so no Assignments panel either
    assert config["news"] == {"disabled": True}
    widgets = json.loads(_get(f"{base}/lab/api/settings/@jupyter-widgets/jupyterlab-manager:plugin", token))
    assert widgets["schema"]["properties"]["saveState"]["default"] is True
    for off in ("formgrader", "assignments"):  # nbgrader's server extensions for the instructor and the exchange
        with pytest.raises(urllib.error.HTTPError) as missing:
            _get(f"{base}/{off}", token)
        assert missing.value.code == 404, off


def test_ctrl_c_closes_the_course(opened):
    """Does Ctrl+C (SIGINT to the terminal's process group) stop JupyterLab and end with an Indonesian line, exit 0?"""
    root, url, lines, process = opened
    if os.name != "posix":
        pytest.skip("POSIX signals")
    os.kill(process.pid, 2)
    rest = process.stdout.read()
    assert process.wait(timeout=30) == 0
    assert "Kursus ditutup." in rest
    runtime = root / "runtime"
    assert not list(runtime.glob("jpserver-*.json")), "JupyterLab was left running"


# --- what a participant sees (headless Chromium) ----------------------------------------------------------

def _launch(playwright):
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
    return browser, browser.new_page(viewport={"width": 1280, "height": 800})


@pytest.mark.browser
def test_participant_jupyterlab_has_no_instructor_tools(lab):
    """Does a participant's JupyterLab (as `kursus buka` opens it) show no Formgrader, Create Assignment, Course
    List or Validate button, no news pop-up, and no Nbgrader menu (alone there is no exchange to fetch from; the
    hub's participants keep the Assignments panel: tests/test_hub.py)?"""
    from playwright.sync_api import sync_playwright

    base, _work = lab
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser, page = _launch(playwright)
        page.goto(f"{base}/lab/tree/sm1_diplomasi/sm1_diplomasi.ipynb?reset")
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        wait_idle(page, base)
        page.wait_for_timeout(3000)  # the news question used to appear a moment after start-up
        page.screenshot(path=ARTIFACTS / "profil_peserta_notebook.png")
        assert page.locator(".jp-toast-container .Toastify__toast").count() == 0
        assert page.locator(".validate-button").count() == 0
        assert page.locator("#nbgrader-create_assignemnt-widget, #nbgrader-create_assignment-widget, "
                            ".nbgrader-CreateAssignmentWidget").count() == 0
        right = page.locator(".jp-SideBar.jp-mod-right .lm-TabBar-tab").all()
        titles = [tab.get_attribute("title") or tab.inner_text() for tab in right]
        assert not any("assignment" in (title or "").lower() for title in titles), titles
        assert page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab[title*='Extension']").count() == 0
        menus = page.locator("#jp-menu-panel .lm-MenuBar-itemLabel").all_inner_texts()
        assert "File" in menus and "Nbgrader" not in menus, menus
        commands = page.evaluate("() => window.jupyterapp ? window.jupyterapp.commands.listCommands() : null")
        if commands is not None:
            assert not {"nbgrader:open-formgrader", "nbgrader:open-course-list", "nbgrader:open-create-assignment",
                        "nbgrader:open-assignment-list"} & set(commands)
        browser.close()


def _run_all(page, base: str) -> None:
    """Run > Run All Cells, then wait until the kernel is idle and every item widget is shown."""
    page.get_by_role("menuitem", name="Run").click()
    page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()
    page.wait_for_function("() => document.querySelectorAll('.kursus-item').length > 0", timeout=90_000)
    wait_idle(page, base)


@pytest.mark.browser
def test_reopened_notebook_shows_saved_widgets_that_store_nothing(lab):
    """With widget state saved, does a reopened notebook (kernel gone) show widgets instead of "model not found",
    and do clicks on those disconnected widgets reach no answer file? (They do not: the participant must run all.)"""
    from playwright.sync_api import sync_playwright

    base, work = lab
    assignment = "sm0_orientasi"
    folder = work / assignment
    notebook_path = folder / f"{assignment}.ipynb"
    with sync_playwright() as playwright:
        browser, page = _launch(playwright)
        page.goto(f"{base}/lab/tree/{assignment}/{assignment}.ipynb?reset")
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        wait_idle(page, base)
        _run_all(page, base)
        item = item_widget(page, "sm0.pre_paradiplomasi")
        item.get_by_role("radio").first.check()
        item.get_by_text("Jawaban tersimpan").wait_for()
        answered = stored_answers(folder)
        page.locator(".jp-NotebookPanel .jp-Notebook").first.click(position={"x": 5, "y": 5})
        page.keyboard.press("Control+s")
        for _ in range(60):
            saved = json.loads(notebook_path.read_text()).get("metadata", {}).get("widgets", {})
            if "application/vnd.jupyter.widget-state+json" in saved:
                break
            time.sleep(0.25)
        assert "application/vnd.jupyter.widget-state+json" in saved, "widget state was not saved in the notebook"
        print(f"\n{assignment}.ipynb saved with widget state: {notebook_path.stat().st_size // 1024} KB "
              f"(release: {(ROOT / 'release' / assignment / notebook_path.name).stat().st_size // 1024} KB)")
        # the kernel goes away, as after a laptop restart; the notebook is opened again
        for session in json.loads(_get(f"{base}/api/sessions", "")):
            urllib.request.urlopen(urllib.request.Request(f"{base}/api/sessions/{session['id']}", method="DELETE"))
        page.goto(f"{base}/lab/tree/{assignment}/{assignment}.ipynb?reset")
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        wait_idle(page, base)
        item = item_widget(page, "sm0.pre_paradiplomasi")
        item.wait_for(timeout=30_000)
        for _ in range(3):  # the windowed notebook re-measures cells while saved outputs render
            item.evaluate("element => element.scrollIntoView({block: 'center'})")
            page.wait_for_timeout(700)
        page.screenshot(path=ARTIFACTS / "profil_peserta_dibuka_lagi.png")
        assert "model not found" not in page.locator(".jp-Notebook").inner_text()
        assert item.get_by_role("radio").first.is_checked()  # the saved state shows the earlier answer
        other = item.get_by_role("radio").nth(1)
        other.evaluate("radio => radio.click()")  # outputs still rendering can shift the page under a mouse click
        assert other.is_checked()  # the disconnected widget takes the click ...
        page.wait_for_timeout(1500)
        item.evaluate("element => element.scrollIntoView({block: 'center'})")
        page.wait_for_timeout(300)
        page.screenshot(path=ARTIFACTS / "profil_peserta_klik_tanpa_kernel.png")
        assert stored_answers(folder) == answered  # ... and it goes nowhere
        browser.close()
