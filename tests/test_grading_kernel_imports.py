"""A grading kernel imports only what grading needs: no pandas, plotly, numpy, ipywidgets or jsonschema.

The notebook runs as ``nbgrader autograde`` runs it: the locked cells' source (hidden tests included),
in a fresh kernel whose environment has ``NBGRADER_EXECUTION=autograde``, in a folder holding the
participant's ``jawaban.json``. A probe cell at the end lists the heavy modules the kernel imported.
"""

from __future__ import annotations

import copy
import json
import os
import random
import re
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from course import kinds
from course.bank import BANK_DIRECTORY, BankError, installed_bank, load_bank
from course.display import FIGURE_NAMES, TABLE_NAMES, NotDrawn, show_figure, show_table
from course.keys import keys_from_notebook
from course.store import STORE_NAME, AnswerStore, read_answers
from tests.conftest import ASSIGNMENTS, ROOT

HEAVY = ("pandas", "plotly", "numpy", "ipywidgets", "jsonschema",
         "course.widgets", "course.plots", "course.tables", "course.coupling")
GRADED = re.compile(r'\bgrade\(\s*"([^"]+)"')
PROBE = f"import json, sys\nprint(json.dumps([name for name in {list(HEAVY)!r} if name in sys.modules]))"


def _submission(folder: Path, assignment: str, answer_practice: bool) -> dict:
    """The source notebook (as autograde runs it: hidden tests restored, no outputs) and a store of answers.

    Every graded item is answered (what ``grade(...)`` reads), some right and some wrong; with
    ``answer_practice`` the practice items too. Returns the graded keys.
    """
    folder.mkdir(parents=True)
    notebook = nbformat.read(ROOT / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    notebook.cells.append(nbformat.v4.new_code_cell(PROBE, metadata={"probe": True}))
    nbformat.write(notebook, folder / f"{assignment}.ipynb")
    keys = keys_from_notebook(ROOT / "source" / assignment / f"{assignment}.ipynb")
    store = AnswerStore(folder, assignment=assignment)
    rng = random.Random(assignment)
    for item in installed_bank(assignment.split("_", 1)[0]):
        if item.id in keys or answer_practice:
            value = kinds.synthetic(item, keys[item.id]["key"] if item.id in keys else None, 0.6, rng)
            if value is not None:
                store.save(item.id, value)
    return keys


def _run_grading_kernel(folder: Path, assignment: str):
    """Execute the notebook in ``folder`` in a grading kernel; the executed notebook."""
    notebook = nbformat.read(folder / f"{assignment}.ipynb", as_version=4)
    environment = dict(os.environ, NBGRADER_EXECUTION="autograde")
    NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute(
        env=environment
    )
    return notebook


def _imported(notebook) -> list[str]:
    probe = notebook.cells[-1]
    assert probe.metadata.get("probe")
    return json.loads("".join(output["text"] for output in probe.outputs if output["output_type"] == "stream"))


def _result(cell) -> str | None:
    for output in cell.outputs:
        if output["output_type"] == "execute_result":
            return output["data"]["text/plain"]
    return None


@pytest.mark.notebook
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_a_grading_kernel_imports_nothing_heavy_and_scores_as_before(tmp_path, assignment):
    """Does a grading kernel run the notebook without pandas, plotly, numpy, ipywidgets or jsonschema,
    with nothing on stderr, and does every hidden test give the score the kind's checker gives?"""
    folder = tmp_path / assignment
    keys = _submission(folder, assignment, answer_practice=False)
    notebook = _run_grading_kernel(folder, assignment)

    assert _imported(notebook) == []
    assert not [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs
                if output.get("name") == "stderr"]
    answers = read_answers(folder / STORE_NAME)
    graded = [cell for cell in notebook.cells if cell.cell_type == "code" and "grade(" in cell.source]
    assert len(graded) == len(keys)
    for cell in graded:
        item_id = GRADED.search(cell.source).group(1)
        item, key = installed_bank(item_id.split(".", 1)[0])[item_id], keys[item_id]
        expected = round(key["points"] * kinds.score(item, answers[item_id]["value"], key["key"]), 4)
        assert float(_result(cell)) == expected, item_id
    drawn = [cell for cell in notebook.cells if cell.cell_type == "code" and "show_figure(" in cell.source]
    for cell in drawn:
        assert "tidak digambar saat penilaian otomatis" in _result(cell)


@pytest.mark.notebook
@pytest.mark.parametrize("assignment", ["sm3_model", "sm5_negosiasi"])
def test_practice_answers_that_need_data_import_nothing_heavy(tmp_path, assignment):
    """With every practice item answered too (the coupling explorer, the negotiations: they read data/ to describe
    an answer), does the grading kernel still keep pandas out?"""
    folder = tmp_path / assignment
    _submission(folder, assignment, answer_practice=True)
    assert _imported(_run_grading_kernel(folder, assignment)) == []


DATA_KINDS = ("coupling_explorer", "negotiation_pair", "negotiation_solo")


def _data_items():
    return [item for assignment in ASSIGNMENTS for item in installed_bank(assignment.split("_", 1)[0])
            if item.kind in DATA_KINDS]


@pytest.fixture
def fresh_data_caches():
    """The scenarios and the explorer's dimensions read again from data/ in the test, and again after it."""
    from course.kinds.coupling_explorer import dimensions
    from course.negotiation import load_scenarios

    dimensions.cache_clear()
    load_scenarios.cache_clear()
    yield
    dimensions.cache_clear()
    load_scenarios.cache_clear()


@pytest.mark.parametrize("mode", [None, "autograde"])
def test_answers_that_need_data_are_read_and_described_without_pandas(monkeypatch, fresh_data_caches, mode):
    """Do the kinds that read data/ (coupling explorer, negotiations) parse and describe every example and synthetic
    answer as they do with pandas at hand, with pandas, numpy and course.coupling unimportable, in and out of
    grading mode?"""
    from course.kinds.coupling_explorer import dimensions
    from course.negotiation import load_scenarios

    items = _data_items()
    assert {item.kind for item in items} == set(DATA_KINDS)
    stored = {item.id: [example.stored for example in kinds.examples(item)]
              + [kinds.synthetic(item, None, 0.6, random.Random(seed)) for seed in range(20)] for item in items}
    expected = {item.id: [(repr(kinds.parse(item, value)), kinds.describe(item, value)) for value in stored[item.id]]
                for item in items}
    dimensions.cache_clear()
    load_scenarios.cache_clear()
    if mode:
        monkeypatch.setenv("NBGRADER_EXECUTION", mode)
    else:
        monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    for name in ("pandas", "numpy", "course.coupling"):
        monkeypatch.setitem(sys.modules, name, None)  # importing one raises ImportError
    for item in items:
        got = [(repr(kinds.parse(item, value)), kinds.describe(item, value)) for value in stored[item.id]]
        assert got == expected[item.id], item.id


# the placeholders ------------------------------------------------------------------------------

@pytest.fixture
def grading(monkeypatch):
    """Grading mode, with the drawing modules made unimportable: using one would raise ImportError."""
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    for name in ("course.plots", "course.tables", "course.coupling", "pandas", "plotly", "numpy"):
        monkeypatch.setitem(sys.modules, name, None)


def test_a_known_figure_is_a_short_note_while_grading(grading, indonesian):
    """While nbgrader grades, is a known figure a short Indonesian note (text and HTML), drawn without plotly?"""
    note = show_figure("coupling_heatmap")
    assert isinstance(note, NotDrawn)
    bundle = note._repr_mimebundle_()
    assert bundle["text/plain"] == ("Gambar \u201ccoupling_heatmap\u201d tidak digambar saat penilaian otomatis; "
                                    "gambar ini tampil di buku kerja peserta.")
    assert bundle["text/plain"] in bundle["text/html"].replace("&#x27;", "'")


def test_a_known_table_is_a_short_note_while_grading(grading, indonesian):
    """While nbgrader grades, is a known table a short Indonesian note, without pandas?"""
    bundle = show_table("model_comparison")._repr_mimebundle_()
    assert bundle["text/plain"].startswith("Tabel \u201cmodel_comparison\u201d tidak ditampilkan saat penilaian otomatis")
    assert "kursus-not-drawn" in bundle["text/html"]


def test_an_unknown_name_gives_the_same_notice_while_grading(grading, indonesian):
    """Is an unknown figure or table name still reported as unknown (not as a figure not drawn)?"""
    figure = show_figure("peta_hilang")._repr_mimebundle_()["text/plain"]
    table = show_table("tabel_hilang")._repr_mimebundle_()["text/plain"]
    assert figure == "Gambar \u201cpeta_hilang\u201d tidak dikenal. Hubungi instruktur."
    assert table == "Tabel \u201ctabel_hilang\u201d tidak dikenal. Hubungi instruktur."


def test_the_note_follows_the_language(grading, english):
    assert show_figure("project_cycle")._repr_mimebundle_()["text/plain"].startswith(
        "Figure \u201cproject_cycle\u201d is not drawn during automatic grading")


def test_the_names_known_while_grading_are_the_drawn_ones():
    """Do the names a grading kernel knows match the figures and tables the course draws?"""
    from course.plots import FIGURES
    from course.tables import TABLES

    assert FIGURE_NAMES == set(FIGURES)
    assert TABLE_NAMES == set(TABLES)


# the bank's schema check -----------------------------------------------------------------------

SCHEMA_INVALID = {"schema_version": 1, "assignment": "sm7_uji", "items": [{
    "id": "sm7.pilih", "kind": "single_choice", "mode": "latihan", "objective": "T9", "prompt": "Pilih satu.",
    "options": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}], "key": "a", "explanation": "Karena A.",
    "feedback": {"a": "Benar.", "b": "Belum tepat."},
}]}


@pytest.fixture
def fresh_banks():
    """No installed bank cached before or after the test."""
    installed_bank.cache_clear()
    yield
    installed_bank.cache_clear()


@pytest.mark.parametrize("mode", [None, "autograde"])
def test_load_bank_checks_the_schema_in_every_mode(tmp_path, monkeypatch, mode):
    """Does ``load_bank`` (tools, tests, ``kursus build``) refuse a schema-invalid bank, even in grading mode?"""
    if mode:
        monkeypatch.setenv("NBGRADER_EXECUTION", mode)
    else:
        monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    path = tmp_path / "sm7_uji.json"
    path.write_text(json.dumps(SCHEMA_INVALID), encoding="utf-8")
    with pytest.raises(BankError, match=r"tidak sesuai skema: items/0/objective"):
        load_bank(path)
    assert load_bank(path, check_schema=False)["sm7.pilih"].objective == "T9"


def test_without_the_schema_check_the_other_checks_still_run(tmp_path):
    """Without the schema check, are a wrong key and a bank of the wrong shape still refused as ``BankError``?"""
    wrong_key = copy.deepcopy(SCHEMA_INVALID)
    wrong_key["items"][0]["key"] = "z"
    path = tmp_path / "sm7_uji.json"
    path.write_text(json.dumps(wrong_key), encoding="utf-8")
    with pytest.raises(BankError, match="Soal sm7.pilih"):
        load_bank(path, check_schema=False)
    for shape in ({"assignment": "sm7_uji"}, [], {"assignment": "sm7_uji", "items": [{"id": "sm7.x", "hint": 1}]}):
        path.write_text(json.dumps(shape), encoding="utf-8")
        with pytest.raises(BankError, match="tidak sesuai skema"):
            load_bank(path, check_schema=False)


def test_installed_banks_skip_the_schema_only_while_grading(tmp_path, monkeypatch, fresh_banks):
    """Is an installed bank schema-checked outside grading, and loaded without the check in a grading kernel?"""
    directory = tmp_path / "banks"
    directory.mkdir()
    (directory / "schema.json").write_text((BANK_DIRECTORY / "schema.json").read_text(encoding="utf-8"))
    (directory / "sm7_uji.json").write_text(json.dumps(SCHEMA_INVALID), encoding="utf-8")
    monkeypatch.setattr("course.bank.BANK_DIRECTORY", directory)

    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    with pytest.raises(BankError, match="tidak sesuai skema"):
        installed_bank("sm7")
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert installed_bank("sm7").assignment == "sm7_uji"
