"""``show(item_id)``: the one call a notebook makes to put an exercise on the page."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import Any

from . import kinds
from ._messages import get_language, message
from ._mode import grading_mode
from .bank import Item, bank_for
from .store import STORE_NAME, read_answers

__all__ = [
    "show", "show_figure", "show_table", "prepare_page", "PageSetup", "AnswerSummary", "NotDrawn", "grading_mode",
    "FIGURE_NAMES", "TABLE_NAMES",
]

FIGURE_NAMES = frozenset({
    "project_cycle", "coupling_heatmap", "model_jakarta", "model_bali", "model_bintan", "sister_city_counts",
    "gpn_territory", "bargaining_process",
})
"""The names in ``course.plots.FIGURES``, known without importing plotly (a grading kernel never draws)."""

TABLE_NAMES = frozenset({"model_comparison", "jakarta_sister_cities"})
"""The names in ``course.tables.TABLES``, known without importing pandas."""


class AnswerSummary:
    """A static view of an item and the stored answer, for notebooks executed by nbgrader."""

    def __init__(self, item: Item, value: Any):
        self.item = item
        self.value = value

    def _repr_mimebundle_(self, include=None, exclude=None):
        answer = kinds.describe(self.item, self.value)
        label = message("stored_answer")
        html = (
            f'<div class="kursus-summary"><p><b>{escape(self.item.id)}</b></p>'
            f"<p><b>{escape(label)}:</b></p><blockquote style=\"white-space:pre-wrap\">{escape(answer)}</blockquote></div>"
        )
        return {"text/plain": f"{self.item.id} \u2014 {label}: {answer}", "text/html": html}


NOT_DRAWN_TEXTS = {
    "figure": {
        "id": "Gambar \u201c{name}\u201d tidak digambar saat penilaian otomatis; gambar ini tampil di buku kerja peserta.",
        "en": "Figure \u201c{name}\u201d is not drawn during automatic grading; it shows in the participant's notebook.",
    },
    "table": {
        "id": "Tabel \u201c{name}\u201d tidak ditampilkan saat penilaian otomatis; tabel ini tampil di buku kerja peserta.",
        "en": "Table \u201c{name}\u201d is not shown during automatic grading; it shows in the participant's notebook.",
    },
}


class NotDrawn:
    """What a figure or table cell shows while nbgrader grades: a short note instead of plotly or pandas output."""

    def __init__(self, what: str, name: str):
        self.what = what  # a key of NOT_DRAWN_TEXTS: "figure" or "table"
        self.name = name

    def _repr_mimebundle_(self, include=None, exclude=None):
        texts = NOT_DRAWN_TEXTS[self.what]
        text = texts.get(get_language(), texts["id"]).format(name=self.name)
        html = (f'<div class="kursus-not-drawn" role="note" style="border:1px dashed #c9ccd1;background:#f6f7f9;'
                f'color:#3c4043;padding:4px 12px;margin:4px 0">{escape(text)}</div>')
        return {"text/plain": text, "text/html": html}


class _Problem:
    def __init__(self, text: str):
        self.text = text

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/plain": self.text, "text/html": f'<p role="alert">\u26a0 {escape(self.text)}</p>'}


def show(item_id: str):
    """Return the widget for ``item_id`` (or, under nbgrader, a static summary of the answer)."""
    try:
        bank = bank_for(item_id)
    except KeyError:
        return _Problem(message("unknown_item", item_id=item_id))
    item = bank[item_id]
    if grading_mode():
        entry = read_answers(STORE_NAME).get(item_id)
        return AnswerSummary(item, entry.get("value") if entry else None)
    from .data import DataError
    from .widgets import store_for

    try:
        return kinds.widget_class(item)(item, store_for(bank.assignment))
    except DataError as error:  # an exercise built on a data set whose file is missing or broken
        return _Problem(str(error))


def _build_named(registry: dict, name: str, unknown: str):
    """``registry[name]()``, or a notice when the name is unknown or its data cannot be read."""
    from .data import DataError

    if name not in registry:
        return _Problem(message(unknown, name=name))
    try:
        return registry[name]()
    except DataError as error:
        return _Problem(str(error))


def _not_drawn(what: str, names: frozenset, name: str):
    """In a grading kernel: a note in place of a known figure or table, the usual notice for an unknown name."""
    return NotDrawn(what, name) if name in names else _Problem(message(f"unknown_{what}", name=name))


def show_figure(name: str):
    """Return the course figure called ``name`` (plotly, rendered offline), or a clear notice.

    While nbgrader grades, a short note instead: no one looks at the figure, and drawing it would
    import pandas and plotly into every grading kernel.
    """
    if grading_mode():
        return _not_drawn("figure", FIGURE_NAMES, name)
    from .plots import FIGURES

    return _build_named(FIGURES, name, "unknown_figure")


def show_table(name: str):
    """Return the course table called ``name`` (pandas, Indonesian headings, shown in full), or a notice.

    While nbgrader grades, a short note instead (see ``show_figure``).
    """
    if grading_mode():
        return _not_drawn("table", TABLE_NAMES, name)
    from .tables import TABLES

    return _build_named(TABLES, name, "unknown_table")


# --- the setup cell's output: the course's look, and whether the exercises are live --------------------

PAGE_TEXTS = {
    "live": {
        "id": "\u2714 <b>Buku kerja siap.</b> Setiap jawaban tersimpan otomatis; Anda tidak perlu menyimpan buku kerja.",
        "en": "\u2714 <b>The notebook is ready.</b> Every answer is saved automatically; you need not save the notebook.",
    },
    "stale": {
        "id": ("\u26a0 <b>Soal-soal belum aktif.</b> Sebelum menjawab, jalankan semua sel: klik menu <b>Run \u2192 Run All "
               "Cells</b>. Sebelum itu, jawaban yang Anda klik atau ketik <b>tidak tersimpan</b>. Jawaban yang sudah "
               "tersimpan tetap ada dan akan tampil lagi."),
        "en": ("\u26a0 <b>The exercises are not active yet.</b> Before answering, run all cells: click <b>Run \u2192 Run "
               "All Cells</b>. Until then, what you click or type is <b>not saved</b>. Answers saved earlier are kept "
               "and will show again."),
    },
    "voila": {
        "id": "\u2714 <b>Halaman siap.</b> Jawab langsung di halaman ini; setiap jawaban tersimpan otomatis.",
        "en": "\u2714 <b>The page is ready.</b> Answer right on this page; every answer is saved automatically.",
    },
    "item_stale": {
        "id": "\u26a0 Belum aktif: jalankan semua sel dulu (menu Run \u2192 Run All Cells).",
        "en": "\u26a0 Not active yet: run all cells first (menu Run \u2192 Run All Cells).",
    },
}

# Scoped to notebooks that show a .kursus-page box (the style of one output applies to the whole browser tab).
# Markdown cells may mark text for one front-end: class "kursus-lab" (JupyterLab, Notebook 7) and class
# "kursus-voila" with an inline display:none (Voila only); Voila's page body carries data-voila.
_PAGE_STYLE = """
.jp-Notebook:has(.kursus-page) .jp-CodeCell:has(.jp-InputPlaceholder) > .jp-Cell-inputWrapper { display: none; }
.jp-Notebook:has(.kursus-page) .jp-CodeCell:has(.jp-InputPlaceholder) .jp-OutputPrompt { visibility: hidden; }
.jp-Notebook:has(.kursus-page) .jp-CodeCell:has(.jp-InputPlaceholder) .jp-OutputArea-promptOverlay { display: none; }
.jp-Notebook:has(.kursus-page) .jp-CodeCell:has(.jp-InputPlaceholder) .jp-OutputCollapser { pointer-events: none; }
.jp-Notebook:has(.kursus-page) .jp-CodeCell:has(.jp-InputPlaceholder) { padding-top: 0; padding-bottom: 0; }
.jp-Notebook:has(.kursus-page) .jp-OutputArea-output.jupyter-widgets:not(:has(*)) { font-size: 0; }
.jp-Notebook:has(.kursus-page) .jp-OutputArea-output.jupyter-widgets:not(:has(*))::before,
.jp-Notebook:has(.kursus-page) .jp-OutputArea-output:has(> .kursus-item.jupyter-widgets-disconnected)::before,
.jp-Notebook:has(.kursus-page.kursus-stale) .jp-OutputArea-output:has(> .kursus-item)::before {
  content: "{item_stale}"; display: block; font-size: var(--jp-content-font-size1, 14px); font-weight: 600;
  color: #7a4100; background: #fff4e0; border-left: 4px solid #c25400; padding: 6px 10px; margin: 4px 0; }
.jp-Notebook:has(.kursus-page) .kursus-item.jupyter-widgets-disconnected,
.jp-Notebook:has(.kursus-page.kursus-stale) .kursus-item { opacity: 0.5; pointer-events: none; user-select: none; }
.jp-Notebook:has(.kursus-page) .kursus-item .jupyter-widgets-disconnected::before,
.jp-Notebook:has(.kursus-page) .kursus-item.jupyter-widgets-disconnected::before { display: none; }
.jp-Notebook:has(.kursus-page):has(.kursus-item.jupyter-widgets-disconnected) .kursus-page-live { display: none !important; }
.jp-Notebook:has(.kursus-page):has(.kursus-item.jupyter-widgets-disconnected) .kursus-page-stale { display: block !important; }
body[data-voila] .kursus-lab, body[data-voila] .kursus-page-live, body[data-voila] .kursus-page-stale {
  display: none !important; }
body[data-voila] .kursus-voila, body[data-voila] .kursus-page-voila { display: revert !important; }
"""

# Runs where JupyterLab or Notebook 7 shows the output (trusted output only); Voila skips it. The kernel that
# built this page's widgets is named in data-kernel: when the server no longer lists it (the notebook was
# reopened after that kernel stopped, or the kernel was shut down while the page stayed open), the widgets on
# the page are dead. The style above also catches dead widgets by itself: ipywidgets marks a widget whose
# kernel connection is gone (restored from saved state, or after a restart) "jupyter-widgets-disconnected".
_PAGE_SCRIPT = """(function () {
  var box = document.currentScript && document.currentScript.previousElementSibling;
  if (!box || document.body.hasAttribute('data-voila')) { return; }
  var live = box.querySelector('.kursus-page-live'), stale = box.querySelector('.kursus-page-stale');
  function mark(active) {
    live.style.display = active ? '' : 'none';
    stale.style.display = active ? 'none' : '';
    box.classList.toggle('kursus-stale', !active);
  }
  mark(true);
  var kernel = box.getAttribute('data-kernel');
  if (!kernel) { return; }
  var base = '/';
  try { base = JSON.parse(document.getElementById('jupyter-config-data').textContent).baseUrl || '/'; } catch (e) {}
  function check() {
    if (!box.isConnected) { return; }
    fetch(base.replace(/\\/?$/, '/') + 'api/kernels', {cache: 'no-store'})
      .then(function (reply) { return reply.ok ? reply.json() : null; })
      .then(function (kernels) {
        if (Array.isArray(kernels)) { mark(kernels.some(function (each) { return each.id === kernel; })); }
      })
      .catch(function () {});
  }
  check();
  setInterval(check, 30000);
})();"""

_KERNEL_FILE = re.compile(r"kernel-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.json")


def kernel_id() -> str | None:
    """The id the Jupyter server gave this kernel (from its connection file), or None outside a served kernel."""
    try:
        from ipykernel.connect import get_connection_file

        name = Path(get_connection_file()).name
    except Exception:  # noqa: BLE001 - not in a kernel, or a kernel started without a server (nbclient, tests)
        return None
    found = _KERNEL_FILE.fullmatch(name)
    return found.group(1) if found else None


def _text(key: str) -> str:
    texts = PAGE_TEXTS[key]
    return texts.get(get_language(), texts["id"])


class PageSetup:
    """The setup cell's output: the course's page style and a line saying whether the exercises are live.

    In JupyterLab and Notebook 7 the code of exercise, figure and grading cells is hidden (their output
    is the exercise), and so are their prompts. A notebook reopened after its kernel stopped says, at the
    top and on every exercise, that all cells must be run first (widgets restored from saved state look
    alive but save nothing; widgets without saved state read "model not found"). Voila shows its own line
    and the text marked for it. Without the style (an untrusted notebook) the box says to run all cells.
    """

    def __init__(self, kernel: str | None = None):
        self.kernel = kernel

    def _repr_mimebundle_(self, include=None, exclude=None):
        kernel = f' data-kernel="{escape(self.kernel)}"' if self.kernel else ""
        style = _PAGE_STYLE.replace("{item_stale}", _text("item_stale").replace('"', '\\"'))
        line = "padding:6px 10px;margin:2px 0;border-left:4px solid {};background:{}"
        html = (
            f"<style>{style}</style>"
            f'<div class="kursus-page"{kernel} role="status" aria-live="polite">'
            f'<div class="kursus-page-live" style="display:none;{line.format("#1b7f3b", "#edf7ef")}">{_text("live")}</div>'
            f'<div class="kursus-page-stale" role="alert" style="{line.format("#c25400", "#fff4e0")}">{_text("stale")}</div>'
            f'<div class="kursus-page-voila" style="display:none;{line.format("#1b7f3b", "#edf7ef")}">{_text("voila")}</div>'
            f"</div><script>{_PAGE_SCRIPT}</script>"
        )
        return {"text/html": html, "text/plain": re.sub(r"<[^>]+>", "", _text("live"))}


def prepare_page() -> PageSetup | None:
    """What the setup cell shows: the page style and the live/stale line (nothing while nbgrader grades)."""
    if grading_mode():
        return None
    return PageSetup(kernel_id())
