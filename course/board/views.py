"""The views of the facilitator's class board: one idea per screen, built from every participant's current answers.

``build(assignment, answers)`` turns ``{participant: the "answers" mapping of their jawaban.json}`` into a list of
``View`` in the order a facilitator shows them: each item of the assignment in notebook order, by the shape its kind
declares (``Kind.board``), with the session's own views where the module's process asks for them (SM1 definitions
grouped by the facilitator's categories, SM3 practice per group, SM5 outcomes per pair or table and the debrief
questions). Everything here reads; nothing is written.

Entries are hostile (files edited by hand): every value goes through its item's kind (``course.kinds.parse``); a
value that is not an answer counts as "not readable" and never stops a view; a view that fails anyway is replaced by
a short note, never by an exception. Participants are numbered P01, P02, ... in sorted order of their names unless
``names=True``. The board is projected to participants: no view marks a key (practice keys stay in the widgets'
Periksa; graded keys are not in the bank at all).

Figures are plotly figure dicts (``data`` + ``layout``, as ``go.Figure.to_plotly_json()``) built directly, for
speed, and sized for a 1280 x 720 projector: base font 22 px, no layout title (the page shows ``View.title`` as its
heading), high-contrast colours.
"""

from __future__ import annotations

import functools
import hashlib
import html
import math
import re
import statistics
import textwrap
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from .. import kinds
from .._messages import message
from ..bank import Item, all_banks
from ..instructor.page_words import decimal, separators, words
from ..kinds.coupling_explorer import dimensions
from ..kinds.short_text import normalise_text
from ..negotiation import SIDES, all_packages, best_joint, load_scenarios, pareto_packages, points

__all__ = ["View", "build", "pseudonym", "CATEGORIES", "CATEGORISED_VIEWS", "DEFINITIONS", "SALT"]

SALT = b"kursus-paradiplomasi/papan-kelas/2026"
"""Salt of ``pseudonym``: a card's key is not a participant's name (nor the plain hash of one)."""

MAX_CARD = 1200          # characters of one card (a reflection holds up to 8000; nobody reads that on a projector)
MAX_LABEL = 200          # characters of one distinct short answer or actor name shown
MAX_ROWS = 30            # rows of a table of distinct answers
HEIGHT = 560             # a figure's height in px below the page's heading (1280 x 720 projector)
FONT = {"family": "Arial, Helvetica, sans-serif", "size": 22, "color": "#111111"}
INK = "#0b3d91"          # bars and markers: dark blue on white (contrast 10:1)
GRID = "#d0d4da"
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")  # Okabe-Ito, no yellow
NONE_COLOUR = "#6b6b6b"
HEAT = [[0.0, "#ffffff"], [0.15, "#deebf7"], [1.0, "#08306b"]]
_LEGEND = {"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "x": 0, "traceorder": "normal",
           "font": {"size": 20}}  # at the very bottom, below the axis title

DEFINITIONS = (
    ("Berridge (2022)",
     "Diplomasi adalah kegiatan politik yang menjadi sumber kekuatan negara; pelakunya tidak hanya diplomat "
     "karier, tetapi juga pejabat lain dan pihak swasta yang diarahkan pejabat."),
    ("Oxford English Dictionary, dikutip Cooper dkk. (2013)",
     "Cara mengatur hubungan internasional melalui perundingan, yang dijalankan duta besar dan utusan."),
    ("Berridge & Lloyd (2012), The Palgrave Macmillan Dictionary of Diplomacy",
     "Pengelolaan hubungan antarnegara berdaulat oleh pejabat yang bertugas di dalam dan di luar negeri."),
)
"""The module's three definitions of diplomacy (Sub-modul 1, 3.1), in our words, with the authors the notebook
names: course material, in Bahasa Indonesia in both languages."""

_DEFINITION_ITEM = "sm1.definisi_awal"
_CATEGORY_ITEM = "sm1.kategori_definisi"
_PRACTICE_ITEM = "sm3.praktik_daerah"
_PAIR_ITEM = "sm5.negosiasi_pasangan"
_NEGOTIATION_REFLECTION = "sm5.refleksi_negosiasi"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _categories() -> dict[str, str]:
    item = all_banks()["sm1"][_CATEGORY_ITEM]
    return {option["id"]: option["text"] for option in item.options}


CATEGORIES: dict[str, str] = _categories()
"""The categories a facilitator gives participants' own definitions (SM1 step 2-3): the elements of
``sm1.kategori_definisi``, id -> label."""

CATEGORISED_VIEWS = (_slug(_DEFINITION_ITEM),)
"""Ids of the views whose cards the facilitator categorises (their ``key`` is ``pseudonym(name)``)."""


@dataclass
class View:
    """One screen of the board.

    ``figure``: a plotly figure dict or None; ``cards``: [{"key", "who", "text", "group"}] or None; ``table``: rows
    (dicts whose keys are the column headings, in the page's language) or None. ``answered`` of ``total``
    participants have an answer this view shows; ``unreadable`` stored values could not be read (counted in
    neither)."""

    id: str
    title: str
    note: str
    figure: dict | None = None
    cards: list | None = None
    table: list | None = None
    answered: int = 0
    total: int = 0
    unreadable: int = 0


def pseudonym(name: str) -> str:
    """A stable, opaque key for ``name``: the first 10 hex digits of a salted SHA-256."""
    return hashlib.sha256(SALT + str(name).encode("utf-8", "surrogatepass")).hexdigest()[:10]


# --- the class ---------------------------------------------------------------------------------------------------
class _Class:
    """The participants (sorted), how each is shown, and their answers read item by item."""

    def __init__(self, answers: Mapping, names: bool, categories: Mapping | None):
        self.answers = {str(name): mapping for name, mapping in answers.items()}
        self.names = sorted(self.answers)
        width = max(2, len(str(len(self.names))))
        self.shown = {name: name if names else f"P{number:0{width}d}" for number, name in enumerate(self.names, 1)}
        self.categories = dict(categories) if isinstance(categories, Mapping) else {}
        self._read: dict[str, tuple[list, int]] = {}

    @property
    def total(self) -> int:
        return len(self.names)

    def read(self, item: Item) -> tuple[list[tuple[str, Any]], int]:
        """([(participant, clean value)], how many stored values are not readable) of ``item``."""
        if item.id not in self._read:
            readable, unreadable = [], 0
            for name in self.names:
                mapping = self.answers[name]
                if mapping is None:
                    continue
                if not isinstance(mapping, Mapping):
                    unreadable += 1
                    continue
                entry = mapping.get(item.id)
                if entry is None:
                    continue
                if not isinstance(entry, Mapping) or "value" not in entry:
                    unreadable += 1
                    continue
                value = kinds.parse(item, entry["value"])
                if isinstance(value, kinds.Unreadable):
                    unreadable += 1
                elif value is not None:
                    readable.append((name, value))
            self._read[item.id] = (readable, unreadable)
        return self._read[item.id]


# --- words and numbers --------------------------------------------------------------------------------------------
def _note(answered: int, total: int, unreadable: int = 0, key: str | None = "board_answered", extra: str = "") -> str:
    """One sentence: how many answered (``key`` None: left out), ``extra``, and how many answers are not readable."""
    text = "; ".join(part for part in (words(key, answered=answered, total=total) if key else "", extra) if part)
    if unreadable:
        text += "; " + words("board_unreadable", count=unreadable)
    return text + "."


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "\u2014"


def _plain(markdown: str) -> str:
    """Markdown of a prompt as plain text (emphasis, code and links dropped)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"[*_`]+", "", text)
    return " ".join(text.split())


def _sentence(text: str) -> str:
    found = re.match(r"(.+?[.?!:])(\s|$)", text)
    return (found.group(1) if found else text).rstrip(".:").strip()


def _headline(item: Item, limit: int = 110) -> str:
    """A short title of ``item``: the bold lead of its prompt (with the next sentence when the lead is one or two
    words), else its first sentence; cut at a word."""
    lead = re.match(r"\s*\*\*(.+?)\*\*(.*)", item.prompt, re.S)
    if lead:
        text = _plain(lead.group(1)).rstrip(".:").strip()
        rest = _plain(lead.group(2).split("\n\n")[0])
        if len(text.split()) <= 2 and rest:
            text += ": " + _sentence(rest)
    else:
        text = _sentence(_plain(item.prompt.split("\n\n")[0]))
    return text if len(text) <= limit else textwrap.shorten(text, limit, placeholder=" \u2026")


def _title(item: Item, extra: str = "") -> str:
    """The item's headline, after "Latihan" / "Soal penilaian" unless it already starts with that word."""
    mode = words("board_practice" if item.is_practice else "board_graded")
    headline = _headline(item)
    title = headline if headline.casefold().startswith(mode.casefold()) else f"{mode} \u00b7 {headline}"
    return title + (f" \u2014 {extra}" if extra else "")


def _label(text: str, width: int = 36, lines: int = 2) -> str:
    """``text`` for a chart's axis: escaped (plotly reads a little HTML), wrapped, at most ``lines`` lines."""
    wrapped = textwrap.wrap(" ".join(str(text).split()), width) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][:width - 2].rstrip() + " \u2026"
    return "<br>".join(html.escape(line, quote=False) for line in wrapped)


def _card_text(text: str) -> str:
    text = text.strip()
    return text if len(text) <= MAX_CARD else text[:MAX_CARD].rstrip() + " \u2026"


def _short(text: str, limit: int = MAX_LABEL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rstrip() + "\u2026"


# --- figures --------------------------------------------------------------------------------------------------------
def _layout(height: int = HEIGHT, **extra) -> dict:
    layout = {
        "font": dict(FONT), "height": height, "margin": {"l": 30, "r": 40, "t": 30, "b": 70},
        "paper_bgcolor": "#ffffff", "plot_bgcolor": "#ffffff", "showlegend": False, "separators": separators(),
        "hoverlabel": {"font": {"size": 20}},
    }
    layout.update(extra)
    return layout


def _axis(title: str = "", **extra) -> dict:
    axis = {"automargin": True, "tickfont": {"size": 20}, "gridcolor": GRID, "zeroline": False}
    if title:
        axis["title"] = {"text": html.escape(title, quote=False), "font": {"size": 24}}
    axis.update(extra)
    return axis


def _bars(labels: list[str], counts: list[int], whole: int, axis_title: str, colour: str = INK) -> dict:
    """Horizontal bars top to bottom in the given order, each labelled "count (share)"."""
    height = max(HEIGHT, 110 + 74 * len(labels))
    return {
        "data": [{
            "type": "bar", "orientation": "h", "y": labels, "x": counts, "marker": {"color": colour},
            "text": [f"{count} ({_percent(count, whole)})" for count in counts], "textposition": "outside",
            "textfont": {"size": 22, "color": "#111111"}, "cliponaxis": False, "hoverinfo": "skip",
        }],
        "layout": _layout(height, bargap=0.25,
                          xaxis=_axis(axis_title, rangemode="tozero", range=[0, max([1, *counts]) * 1.25], dtick=_step(
                              max([1, *counts]))),
                          yaxis=_axis(autorange="reversed", gridcolor="rgba(0,0,0,0)")),
    }


def _step(top: int) -> int:
    """A tick step that gives at most about 8 ticks from 0 to ``top``."""
    for step in (1, 2, 5, 10, 20, 50, 100):
        if top / step <= 8:
            return step
    return 10 ** len(str(top))


def _heatmap(z: list[list[int]], columns: list[str], rows: list[str], column_title: str, top: int) -> dict:
    height = max(HEIGHT, 120 + 62 * len(rows))
    return {
        "data": [{
            "type": "heatmap", "z": z, "x": columns, "y": rows, "colorscale": HEAT, "zmin": 0, "zmax": max(1, top),
            "showscale": False, "texttemplate": "%{z}", "textfont": {"size": 24}, "xgap": 3, "ygap": 3,
            "hoverinfo": "skip",
        }],
        "layout": _layout(height, xaxis=_axis(column_title, side="top", tickfont={"size": 20}),
                          yaxis=_axis(autorange="reversed")),
    }


# --- the views of each shape ------------------------------------------------------------------------------------------
Builder = Callable[[_Class, Item], list]


def _shares(klass: _Class, item: Item) -> list[View]:
    """Option shares: bars for a question with one answer per participant, a matrix for entries x categories."""
    kind = kinds.kind_of(item)
    readable, unreadable = klass.read(item)
    entries, options = kind.entries(item), kind.choices(item) or []
    values = [value for _name, value in readable if any(kind.picks(item, value).get(entry) for entry in entries)]
    answered = len(values)
    counts = {(entry, option): count for entry, option, count in kinds.option_counts(item, values) or []}
    texts = [item.text_of(option) for option in options]
    note = _note(answered, klass.total, unreadable)
    if entries == [""]:
        numbers = [counts.get(("", option), 0) for option in options]
        table = [{words("board_col_option"): text, words("board_col_participants"): count,
                  words("board_col_share"): _percent(count, answered)} for text, count in zip(texts, numbers)]
        figure = _bars([_label(text, 44) for text in texts], numbers, answered, words("board_axis_participants"))
    else:
        z = [[counts.get((entry, option), 0) for option in options] for entry in entries]
        figure = _heatmap(z, [_label(text, 18, 3) for text in texts], [_label(item.text_of(entry), 40) for entry in entries],
                          words("board_axis_category"), answered)
        table = [{words("board_col_entry"): item.text_of(entry),
                  **{text: row[index] for index, text in enumerate(texts)}} for entry, row in zip(entries, z)]
    return [View(_slug(item.id), _title(item), note, figure=figure, table=table, answered=answered,
                 total=klass.total, unreadable=unreadable)]


def _positions(klass: _Class, item: Item) -> list[View]:
    """Where the class put each step: a steps x positions matrix (steps as the item lists them), and mean positions."""
    readable, unreadable = klass.read(item)
    steps = item.choice_ids()
    at = {step: [0] * len(steps) for step in steps}
    for _name, order in readable:
        for position, step in enumerate(order):
            at[step][position] += 1
    answered = len(readable)

    def mean(step: str) -> float:
        return sum((position + 1) * count for position, count in enumerate(at[step])) / answered if answered else 0.0

    ordered = steps  # the order participants saw: a projected graded item is not shown "solved"
    figure = _heatmap([at[step] for step in ordered], [str(position) for position in range(1, len(steps) + 1)],
                      [_label(item.text_of(step), 40) for step in ordered], words("board_axis_position"), answered)
    table = [{words("board_col_step"): item.text_of(step),
              words("board_col_mean_position"): decimal(mean(step), 1) if answered else "\u2014"} for step in ordered]
    return [View(_slug(item.id), _title(item), _note(answered, klass.total, unreadable), figure=figure, table=table,
                 answered=answered, total=klass.total, unreadable=unreadable)]


def _number(value: float) -> str:
    shown = f"{round(float(value), 2):g}"
    return shown if separators() == ".," else shown.replace(".", ",")


def _spread(klass: _Class, item: Item) -> list[View]:
    """Numbers: one bar per distinct answer when there are few, else a histogram."""
    readable, unreadable = klass.read(item)
    numbers = [float(value) for _name, value in readable]
    distinct = Counter(numbers)
    axis = words("board_axis_answer") + (f" ({item.unit})" if item.unit else "")
    if len(distinct) <= 15:
        ordered = sorted(distinct)
        data = [{"type": "bar", "x": [_number(value) for value in ordered], "y": [distinct[value] for value in ordered],
                 "marker": {"color": INK}, "text": [str(distinct[value]) for value in ordered],
                 "textposition": "outside", "textfont": {"size": 22}, "cliponaxis": False, "hoverinfo": "skip"}]
        xaxis = _axis(axis, type="category")
    else:
        data = [{"type": "histogram", "x": numbers, "nbinsx": 15, "marker": {"color": INK,
                                                                             "line": {"color": "#ffffff", "width": 2}}}]
        xaxis = _axis(axis)
    top = max(distinct.values(), default=1)
    figure = {"data": data, "layout": _layout(xaxis=xaxis, yaxis=_axis(words("board_axis_participants"),
                                                                        rangemode="tozero", dtick=_step(top)))}
    table = [{words("board_col_answer"): _number(value), words("board_col_participants"): count}
             for value, count in sorted(distinct.items(), key=lambda pair: (-pair[1], pair[0]))[:MAX_ROWS]]
    return [View(_slug(item.id), _title(item), _note(len(numbers), klass.total, unreadable), figure=figure,
                 table=table, answered=len(numbers), total=klass.total, unreadable=unreadable)]


def _phrases(klass: _Class, item: Item) -> list[View]:
    """Short answers: the distinct answers (case, accents and punctuation aside) with how many gave each."""
    readable, unreadable = klass.read(item)
    spellings: dict[str, Counter] = {}
    for _name, text in readable:
        normal = normalise_text(text)
        if normal:
            spellings.setdefault(normal, Counter())[" ".join(text.split())] += 1
    answered = sum(sum(counter.values()) for counter in spellings.values())
    groups = sorted(spellings.values(), key=lambda counter: (-sum(counter.values()), counter.most_common(1)[0][0]))
    table = [{words("board_col_answer"): _short(counter.most_common(1)[0][0]),
              words("board_col_participants"): sum(counter.values())} for counter in groups[:MAX_ROWS]]
    extra = words("board_distinct", count=len(groups))
    if len(groups) > MAX_ROWS:
        extra += "; " + words("board_more_rows", count=len(groups) - MAX_ROWS)
    return [View(_slug(item.id), _title(item), _note(answered, klass.total, unreadable, extra=extra), table=table,
                 answered=answered, total=klass.total, unreadable=unreadable)]


def _text_cards(klass: _Class, item: Item) -> tuple[list[dict], int]:
    readable, unreadable = klass.read(item)
    cards = [{"key": pseudonym(name), "who": klass.shown[name], "text": _card_text(text), "group": ""}
             for name, text in readable if text.strip()]
    return cards, unreadable


def _texts(klass: _Class, item: Item) -> list[View]:
    """Free texts: one card per participant who wrote something."""
    cards, unreadable = _text_cards(klass, item)
    return [View(_slug(item.id), _title(item), _note(len(cards), klass.total, unreadable, key="board_written"),
                 cards=cards, answered=len(cards), total=klass.total, unreadable=unreadable)]


def _fields(klass: _Class, item: Item) -> list[View]:
    """Texts in labelled parts: one card per participant and part, grouped by part."""
    readable, unreadable = klass.read(item)
    cards = [{"key": f"{pseudonym(name)}-{field['id']}", "who": klass.shown[name], "text": _card_text(value[field["id"]]),
              "group": field["text"]}
             for field in item.fields for name, value in readable if value[field["id"]].strip()]
    answered = sum(1 for _name, value in readable if any(text.strip() for text in value.values()))
    return [View(_slug(item.id), _title(item), _note(answered, klass.total, unreadable, key="board_written"),
                 cards=cards, answered=answered, total=klass.total, unreadable=unreadable)]


def _actor_rows(klass: _Class, item: Item) -> tuple[list[tuple[str, dict]], int, int]:
    readable, unreadable = klass.read(item)
    rows = [(name, row) for name, value in readable for row in value if row["name"].strip()]
    return rows, len({name for name, _row in rows}), unreadable


def _actors(klass: _Class, item: Item) -> list[View]:
    """Actor maps: every actor of every map on one influence x interest grid, then actors counted by category."""
    rows, answered, unreadable = _actor_rows(klass, item)
    categories = [*item.categories, {"id": "", "text": words("board_no_category")}]
    colours = {category["id"]: PALETTE[index % len(PALETTE)] for index, category in enumerate(item.categories)}
    colours[""] = NONE_COLOUR
    cells: dict[tuple, list[str]] = {}
    for _name, row in rows:
        cells.setdefault((row["category"], row["interest"], row["influence"]), []).append(_short(row["name"].strip(), 40))
    data = []
    present = [category for category in categories if any(key[0] == category["id"] for key in cells)]
    for rank, category in enumerate(present):
        angle = 2 * math.pi * rank / max(1, len(present))
        offset = (0.0, 0.0) if len(present) == 1 else (0.27 * math.cos(angle), 0.27 * math.sin(angle))
        mine = sorted((key, names) for key, names in cells.items() if key[0] == category["id"])
        data.append({
            "type": "scatter", "mode": "markers+text", "name": html.escape(category["text"], quote=False),
            "x": [key[1] + offset[0] for key, _names in mine], "y": [key[2] + offset[1] for key, _names in mine],
            "text": [str(len(names)) for _key, names in mine], "textfont": {"size": 20, "color": "#ffffff"},
            "marker": {"size": [20 + 9 * math.sqrt(len(names)) for _key, names in mine], "color": colours[category["id"]],
                       "line": {"color": "#ffffff", "width": 1.5}},
            "customdata": [html.escape("; ".join(sorted(set(names))[:8]), quote=False) for _key, names in mine],
            "hovertemplate": "%{customdata}<extra></extra>",
        })
    quadrants = [{"x": x, "y": y, "text": f"<i>{html.escape(message(key), quote=False)}</i>", "showarrow": False,
                  "font": {"size": 20, "color": "#444444"}}
                 for x, y, key in ((4.5, 5.45, "fig_actor_manage"), (1.5, 5.45, "fig_actor_satisfy"),
                                   (4.5, 0.55, "fig_actor_inform"), (1.5, 0.55, "fig_actor_monitor"))]
    line = {"type": "line", "line": {"color": "#8a8f98", "dash": "dot", "width": 2}}
    grid = {"data": data, "layout": _layout(
        640, showlegend=True, legend=_LEGEND, margin={"l": 30, "r": 40, "t": 30, "b": 40},
        xaxis=_axis(message("fig_actor_x"), range=[0.4, 5.6], dtick=1),
        yaxis=_axis(message("fig_actor_y"), range=[0.4, 5.6], dtick=1),
        annotations=quadrants,
        shapes=[{**line, "x0": 3, "x1": 3, "y0": 0.4, "y1": 5.6}, {**line, "x0": 0.4, "x1": 5.6, "y0": 3, "y1": 3}])}
    named = Counter()
    spelled: dict[str, Counter] = {}
    for _name, row in rows:
        normal = normalise_text(row["name"]) or row["name"].strip()
        named[normal] += 1
        spelled.setdefault(normal, Counter())[_short(row["name"].strip(), 80)] += 1
    table = [{words("board_col_actor"): spelled[normal].most_common(1)[0][0], words("board_col_times"): count}
             for normal, count in sorted(named.items(), key=lambda pair: (-pair[1], pair[0]))[:15]]
    extra = words("board_actors", count=len(rows))
    grid_view = View(_slug(item.id), _title(item), _note(answered, klass.total, unreadable, key="board_mapped",
                                                         extra=extra),
                     figure=grid, table=table, answered=answered, total=klass.total, unreadable=unreadable)
    per_category = Counter(row["category"] for _name, row in rows)
    mappers = {category["id"]: len({name for name, row in rows if row["category"] == category["id"]})
               for category in categories}
    shown = [category for category in categories if category["id"] or per_category[""]]
    figure = _bars([_label(category["text"], 34) for category in shown], [per_category[c["id"]] for c in shown],
                   len(rows), words("board_axis_actors"))
    figure["data"][0]["marker"]["color"] = [colours[category["id"]] for category in shown]
    count_table = [{words("board_col_category"): category["text"], words("board_col_actors"): per_category[category["id"]],
                    words("board_col_mappers"): mappers[category["id"]]} for category in shown]
    by_category = View(_slug(item.id) + "-kategori", _title(item, words("board_by_category")),
                       _note(answered, klass.total, unreadable, key="board_mapped", extra=extra), figure=figure,
                       table=count_table, answered=answered, total=klass.total, unreadable=unreadable)
    return [grid_view, by_category]


def _sliders(klass: _Class, item: Item) -> list[View]:
    """The regional-asset sliders: one box with every participant's score per asset."""
    readable, unreadable = klass.read(item)
    titles, _defaults = dimensions()
    data, table = [], []
    for index, (dimension, title) in enumerate(titles.items()):
        scores = [value["assets"][dimension] for _name, value in readable]
        data.append({
            "type": "box", "name": _label(title, 24), "y": scores, "boxpoints": "all", "jitter": 0.6, "pointpos": 0,
            "marker": {"color": PALETTE[index % len(PALETTE)], "size": 12, "opacity": 0.75},
            "line": {"color": "#111111", "width": 2}, "fillcolor": "rgba(0,0,0,0)", "hoverinfo": "y",
        })
        table.append({words("board_col_asset"): title,
                      words("board_col_mean"): decimal(statistics.fmean(scores), 1) if scores else "\u2014",
                      words("board_col_median"): _number(statistics.median(scores)) if scores else "\u2014"})
    figure = {"data": data, "layout": _layout(xaxis=_axis(), yaxis=_axis(words("board_axis_score"), range=[-0.4, 5.4],
                                                                          dtick=1))}
    return [View(_slug(item.id), _title(item), _note(len(readable), klass.total, unreadable), figure=figure,
                 table=table, answered=len(readable), total=klass.total, unreadable=unreadable)]


# --- the role-play in pairs (SM5) ------------------------------------------------------------------------------------
@dataclass
class _Table:
    """One pair or table: the participants who typed the same code, and what they entered."""

    code: str
    members: list                  # [(participant, clean value)]
    state: str = "waiting"         # "deal", "no_deal", "differ", "waiting"
    scene: Any = None
    package: dict | None = None
    remarks: tuple = ()
    scenarios: tuple = ()          # the scenarios its members entered an outcome for

    @property
    def counted(self) -> bool:
        return self.state in ("deal", "no_deal")


def _natural(code: str) -> list:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", code)]


def _outcome(members: list) -> tuple[str, Any, dict | None, list[str]]:
    """The state of one table from its members' entries, and remarks for the facilitator."""
    scenes = load_scenarios()
    entered = [value for _name, value in members if value["result"]]
    remarks = []
    teams = Counter(value["team"] for _name, value in members)
    if teams["marvel"] != teams["batman"] or len(members) not in (2, 4) or teams[None]:
        remarks.append(words("board_remark_teams", marvel=teams["marvel"], batman=teams["batman"]))
    if not entered:
        return "waiting", None, None, remarks
    if len({(value["scenario"], value["result"], tuple(sorted((value["package"] or {}).items())))
            for value in entered}) > 1:
        return "differ", None, None, [words("board_remark_differ"), *remarks]
    if len(entered) < len(members):
        remarks.append(words("board_remark_waiting", count=len(members) - len(entered)))
    first = entered[0]
    return first["result"], scenes[first["scenario"]], first["package"], remarks


def _tables(klass: _Class, item: Item) -> tuple[list[_Table], list[tuple[str, dict]], int, int]:
    """(tables by code, participants who entered a result without a code, answered, unreadable)."""
    readable, unreadable = klass.read(item)
    by_code: dict[str, list] = {}
    alone = []
    for name, value in readable:
        if value["pair"]:
            by_code.setdefault(value["pair"], []).append((name, value))
        elif value["result"]:
            alone.append((name, value))
    tables = []
    for code in sorted(by_code, key=_natural):
        state, scene, package, remarks = _outcome(by_code[code])
        scenarios = tuple(sorted({value["scenario"] for _name, value in by_code[code] if value["result"]}))
        tables.append(_Table(code, by_code[code], state, scene, package, tuple(remarks), scenarios))
    answered = sum(1 for _name, value in readable if value["result"])
    return tables, alone, answered, unreadable


def _joint(scene, package) -> int:
    return sum(points(scene, package, side) for side in SIDES)


@functools.lru_cache(maxsize=None)
def _cloud(scene_id: str) -> tuple[list, list, list, int]:
    """(Marvel's points, Batman's points) of every package, the frontier, and the best joint points of a scenario."""
    scene = load_scenarios()[scene_id]
    packages = all_packages(scene)
    frontier = sorted((points(scene, package, "marvel"), points(scene, package, "batman"))
                      for package in pareto_packages(scene))
    return ([points(scene, package, "marvel") for package in packages],
            [points(scene, package, "batman") for package in packages], frontier, _joint(scene, best_joint(scene)))


def _best(scene) -> int:
    return _cloud(scene.id)[3]


def _state_word(state: str) -> str:
    return words(f"board_state_{state}")


def _pair_row(code: str, who: str, state: str, scene, package, remarks) -> dict:
    counted = state in ("deal", "no_deal") and scene is not None
    row = {words("board_col_code"): code, words("board_col_members"): who,
           words("board_col_scenario"): scene.title if scene is not None else "\u2014",
           words("board_col_result"): _state_word(state)}
    for side in SIDES:
        row[words(f"board_col_points_{side}")] = points(scene, package, side) if counted else "\u2014"
    row[words("board_col_joint")] = _joint(scene, package) if counted else "\u2014"
    row[words("board_col_best")] = _best(scene) if counted else "\u2014"
    row[words("board_col_remark")] = "; ".join(f"\u26a0 {remark}" for remark in remarks)
    return row


def _team_word(team) -> str:
    return {"marvel": "Marvel", "batman": "Batman"}.get(team, "?")


def _pairs(klass: _Class, item: Item) -> list[View]:
    """Pairs and tables: the outcome per code, then every scenario's deals against the frontier."""
    tables, alone, answered, unreadable = _tables(klass, item)
    rows = []
    for table in tables:
        who = ", ".join(f"{klass.shown[name]} ({_team_word(value['team'])})" for name, value in table.members)
        rows.append(_pair_row(table.code, who, table.state, table.scene, table.package, table.remarks))
    scenes = load_scenarios()
    for name, value in alone:
        rows.append(_pair_row(words("board_no_code"), f"{klass.shown[name]} ({_team_word(value['team'])})",
                              value["result"], scenes[value["scenario"]], value["package"], ()))
    states = Counter(table.state for table in tables)
    extra = words("board_tables", count=len(tables), deal=states["deal"], no_deal=states["no_deal"])
    if states["differ"]:
        extra += "; " + words("board_tables_differ", count=states["differ"])
    if alone:
        extra += "; " + words("board_without_code", count=len(alone))
    views = [View(_slug(item.id), f"{words('board_pairs_title')} \u2014 {words('board_per_table')}",
                  _note(answered, klass.total, unreadable, key="board_entered", extra=extra), table=rows,
                  answered=answered, total=klass.total, unreadable=unreadable)]
    for scene in scenes.values():
        differ = sum(1 for table in tables if table.state == "differ" and scene.id in table.scenarios)
        views.append(_frontier_view(klass, item, scene, [table for table in tables if table.scene is scene],
                                    differ, answered, unreadable))
    return views


def _frontier_view(klass: _Class, item: Item, scene, tables: list[_Table], differ: int, answered: int,
                   unreadable: int) -> View:
    """One scenario: every possible package, the frontier, the walk-away lines, and the tables' outcomes."""
    xs, ys, frontier, _best_joint = _cloud(scene.id)
    walk = (scene.walkaway["marvel"], scene.walkaway["batman"])
    spots: dict[tuple, list[str]] = {}
    no_deal = []
    for table in tables:
        if table.package is None:
            no_deal.append(table.code)
        else:
            spots.setdefault((points(scene, table.package, "marvel"), points(scene, table.package, "batman")),
                             []).append(table.code)
    deals = sorted(spots.items())
    data = [
        {"type": "scatter", "mode": "markers", "name": html.escape(message("fig_nego_all"), quote=False),
         "x": list(xs), "y": list(ys),
         "marker": {"size": 8, "color": "#b8bec6"}, "hoverinfo": "skip"},
        {"type": "scatter", "mode": "lines+markers", "name": html.escape(words("board_frontier"), quote=False),
         "x": [x for x, _y in frontier], "y": [y for _x, y in frontier],
         "line": {"color": INK, "width": 3, "dash": "dot"}, "marker": {"size": 10, "color": INK}},
    ]
    if deals:
        data.append({
            "type": "scatter", "mode": "markers+text", "name": html.escape(words("board_deals"), quote=False),
            "x": [spot[0] for spot, _codes in deals], "y": [spot[1] for spot, _codes in deals],
            "text": [html.escape(_short(", ".join(codes), 24), quote=False) for _spot, codes in deals],
            "textposition": "top center", "textfont": {"size": 20, "color": "#7a2e00"},
            "marker": {"size": [18 + 8 * math.sqrt(len(codes)) for _spot, codes in deals], "color": "#D55E00",
                       "symbol": "star", "line": {"color": "#111111", "width": 1}},
            "hoverinfo": "text"})
    if no_deal:
        data.append({
            "type": "scatter", "mode": "markers+text", "name": html.escape(words("board_no_deals"), quote=False),
            "x": [walk[0]], "y": [walk[1]], "text": [words("board_no_deal_count", count=len(no_deal))],
            "textposition": "bottom right", "textfont": {"size": 20, "color": "#111111"},
            "marker": {"size": 26, "color": "#111111", "symbol": "x"}, "hoverinfo": "text"})
    dash = {"type": "line", "line": {"color": "#1b7a3a", "dash": "dash", "width": 2}}
    zone = {"type": "rect", "x0": walk[0], "x1": 102, "y0": walk[1], "y1": 102, "line": {"width": 0},
            "fillcolor": "rgba(0,158,115,0.10)", "layer": "below"}
    figure = {"data": data, "layout": _layout(
        640, showlegend=True, legend=_LEGEND, margin={"l": 30, "r": 40, "t": 30, "b": 40},
        xaxis=_axis(message("fig_nego_x"), range=[0, 102], dtick=10),
        yaxis=_axis(message("fig_nego_y"), range=[0, 102], dtick=10),
        shapes=[zone, {**dash, "x0": walk[0], "x1": walk[0], "y0": 0, "y1": 102},
                {**dash, "x0": 0, "x1": 102, "y0": walk[1], "y1": walk[1]}])}
    counted = [table for table in tables if table.counted]
    agreed = [table for table in counted if table.package is not None]
    extra = words("board_scenario_tables", count=len(counted), deal=len(agreed)) + "; "
    if agreed:
        extra += words("board_mean_joint", best=_best(scene), mean=decimal(statistics.fmean(
            _joint(scene, table.package) for table in agreed), 1))
    else:
        extra += words("board_best_joint", best=_best(scene))
    if differ:
        extra += "; " + words("board_differ_not_drawn", count=differ)
    return View(f"{_slug(item.id)}-{_slug(scene.id)}", f"{words('board_pairs_title')} \u2014 {scene.title}",
                _note(answered, klass.total, unreadable, key=None, extra=extra), figure=figure,
                answered=answered, total=klass.total, unreadable=unreadable)


def _debrief_questions(klass: _Class, item: Item) -> list[View]:
    """The module's debrief (Sub-modul 5, step 3) with the class's numbers: per pair or table, not per person."""
    tables, alone, answered, unreadable = _tables(klass, item)
    states = Counter(table.state for table in tables)
    agreed = [table for table in tables if table.state == "deal"]
    below = sum(1 for table in agreed if any(points(table.scene, table.package, side) < table.scene.walkaway[side]
                                             for side in SIDES))
    at_best = sum(1 for table in agreed if _joint(table.scene, table.package) >= _best(table.scene))
    share = statistics.fmean(_joint(t.scene, t.package) / _best(t.scene) for t in agreed) if agreed else None
    written = _reflections_written(klass, item)
    answers = {
        "a": words("board_q_a_answer", deal=states["deal"], count=len(tables)),
        "b": words("board_q_b_answer", no_deal=states["no_deal"], differ=states["differ"],
                   waiting=states["waiting"], alone=len(alone)),
        "c": words("board_q_c_answer", share=f"{round(100 * share)} %" if share is not None else "\u2014",
                   below=below, written=written.get("mengapa", 0)),
        "d": words("board_q_written", written=written.get("perasaan", 0)),
        "e": words("board_q_written", written=written.get("kejadian", 0)),
        "f": words("board_q_f_answer", best=at_best, written=written.get("pelajaran", 0)),
    }
    table = [{words("board_col_question"): f"{letter}. {words(f'board_q_{letter}')}",
              words("board_col_class"): answers[letter]} for letter in "abcdef"]
    labels = [words("board_state_deal"), words("board_state_no_deal"), words("board_state_differ"),
              words("board_state_waiting")]
    numbers = [states["deal"], states["no_deal"], states["differ"], states["waiting"]]
    figure = _bars(labels, numbers, len(tables), words("board_axis_tables"))
    figure["data"][0]["marker"]["color"] = ["#009E73", "#D55E00", "#6b6b6b", "#b8bec6"]
    extra = words("board_tables", count=len(tables), deal=states["deal"], no_deal=states["no_deal"])
    return [View(_slug(item.id) + "-tanya-jawab", words("board_debrief_title"),
                 _note(answered, klass.total, unreadable, key="board_entered", extra=extra), figure=figure,
                 table=table, answered=answered, total=klass.total, unreadable=unreadable)]


def _reflections_written(klass: _Class, item: Item) -> dict[str, int]:
    """How many participants wrote each part of the structured reflection on the role-play (if the bank has it)."""
    bank = all_banks().get(item.assignment_prefix)
    reflection = bank.items.get(_NEGOTIATION_REFLECTION) if bank else None
    if reflection is None:
        return {}
    readable, _unreadable = klass.read(reflection)
    return {field["id"]: sum(1 for _name, value in readable if value[field["id"]].strip())
            for field in reflection.fields}


def _games(klass: _Class, item: Item) -> list[View]:
    """Solo games against the computer: per scenario, how many agreed, did not, or are still playing."""
    readable, unreadable = klass.read(item)
    scenes = load_scenarios()
    started = [value for _name, value in readable if value["scenario"] and (value["history"] or value["finished"])]
    states = {scene_id: Counter() for scene_id in scenes}
    marvel = {scene_id: [] for scene_id in scenes}
    for value in started:
        state = "deal" if value["deal"] else ("no_deal" if value["finished"] else "playing")
        states[value["scenario"]][state] += 1
        if value["deal"]:
            marvel[value["scenario"]].append(points(scenes[value["scenario"]], value["deal"], "marvel"))
    titles = [_label(scene.title, 30) for scene in scenes.values()]
    data = [{"type": "bar", "orientation": "h", "name": html.escape(words(f"board_state_{state}"), quote=False),
             "y": titles, "x": [states[scene_id][state] for scene_id in scenes], "marker": {"color": colour},
             "text": [str(states[scene_id][state] or "") for scene_id in scenes], "textposition": "inside",
             "insidetextanchor": "middle", "textfont": {"size": 22, "color": "#ffffff"}, "hoverinfo": "skip"}
            for state, colour in (("deal", "#009E73"), ("no_deal", "#D55E00"), ("playing", "#6b6b6b"))]
    figure = {"data": data, "layout": _layout(
        barmode="stack", showlegend=True, legend=_LEGEND,
        xaxis=_axis(words("board_axis_participants"), rangemode="tozero"), yaxis=_axis(autorange="reversed"))}
    table = [{words("board_col_scenario"): scene.title, words("board_state_deal"): states[scene_id]["deal"],
              words("board_state_no_deal"): states[scene_id]["no_deal"],
              words("board_state_playing"): states[scene_id]["playing"],
              words("board_col_mean_marvel"): decimal(statistics.fmean(marvel[scene_id]), 1) if marvel[scene_id]
              else "\u2014"} for scene_id, scene in scenes.items()]
    return [View(_slug(item.id), words("board_solo_title"),
                 _note(len(started), klass.total, unreadable, key="board_played"),
                 figure=figure, table=table, answered=len(started), total=klass.total, unreadable=unreadable)]


# --- the session's own views -------------------------------------------------------------------------------------------
def _definitions(klass: _Class, item: Item) -> list[View]:
    """SM1 steps 1-3: every participant's own definition, grouped by the category the facilitator gave it; beside them
    the module's three definitions."""
    cards, unreadable = _text_cards(klass, item)
    ungrouped = words("board_ungrouped")
    order = [*CATEGORIES.values(), ungrouped]
    for card in cards:
        chosen = klass.categories.get(card["key"])
        card["group"] = CATEGORIES.get(chosen, ungrouped) if isinstance(chosen, str) else ungrouped
    cards.sort(key=lambda card: order.index(card["group"]))
    grouped = sum(1 for card in cards if card["group"] != ungrouped)
    table = [{words("board_col_source"): source, words("board_col_definition"): text} for source, text in DEFINITIONS]
    return [View(_slug(item.id), words("board_definitions_title"),
                 _note(len(cards), klass.total, unreadable, key="board_written",
                       extra=words("board_grouped", count=grouped)),
                 cards=cards, table=table, answered=len(cards), total=klass.total, unreadable=unreadable)]


def _practice_per_group(klass: _Class, item: Item) -> list[View]:
    """SM3 step 2-3: each group's practice with its advantages and weaknesses, one card per group."""
    readable, unreadable = klass.read(item)
    cards = []
    for name, value in readable:
        parts = [f"{field['text']}: {_card_text(value[field['id']])}" for field in item.fields
                 if value[field["id"]].strip()]
        if parts:
            cards.append({"key": pseudonym(name), "who": klass.shown[name], "text": "\n\n".join(parts), "group": ""})
    return [View(_slug(item.id) + "-kelompok", _title(item, words("board_per_group")),
                 _note(len(cards), klass.total, unreadable, key="board_written"), cards=cards, answered=len(cards),
                 total=klass.total, unreadable=unreadable)]


SHAPES: dict[str, Builder] = {
    "shares": _shares, "positions": _positions, "spread": _spread, "phrases": _phrases, "texts": _texts,
    "fields": _fields, "actors": _actors, "sliders": _sliders, "pairs": _pairs, "games": _games,
}
"""The views of each shape a kind declares (``Kind.board``)."""

DISTRIBUTIONS = (_shares, _positions, _spread, _phrases)
"""Shapes that show how the class answered: hidden for graded items until they are collected (``reveal_graded``).
Texts (reflections) stay: the session's activities work on them."""


def _progress_only(klass: _Class, item: Item) -> list[View]:
    """A graded item before collection: how many have answered and how many not yet, nothing of what they chose."""
    readable, unreadable = klass.read(item)
    answered = len(readable)
    figure = _bars([words("board_progress_answered"), words("board_progress_not_yet")],
                   [answered, max(0, klass.total - answered - unreadable)], klass.total, words("board_axis_participants"))
    return [View(_slug(item.id), _title(item), _note(answered, klass.total, unreadable, extra=words("board_graded_hidden")),
                 figure=figure, answered=answered, total=klass.total, unreadable=unreadable)]


INSTEAD: dict[str, Builder] = {_DEFINITION_ITEM: _definitions}
"""Items whose session view replaces their shape's view."""

BEFORE: dict[str, Builder] = {_PRACTICE_ITEM: _practice_per_group}
AFTER: dict[str, Builder] = {_PAIR_ITEM: _debrief_questions}
"""Items with a session view shown before or after their shape's views."""


def _failed(item: Item, error: Exception) -> View:
    return View(_slug(item.id), _title(item), words("board_failed", error=type(error).__name__))


def _safely(builder: Builder, klass: _Class, item: Item) -> list[View]:
    try:
        return builder(klass, item)
    except Exception as error:  # noqa: BLE001 - one broken view must not take the board down for the whole class
        return [_failed(item, error)]


def build(assignment: str, answers: Mapping, *, names: bool = False,
          categories: Mapping | None = None, reveal_graded: bool = False) -> list[View]:
    """Every view of ``assignment`` for ``answers`` ({participant: {item id: stored entry}}), in showing order.

    ``names``: show participants' names instead of P01, P02, ...; ``categories``: {card key: category id} the
    facilitator gave SM1's definitions (ids of ``CATEGORIES``; unknown ids count as not grouped).
    ``reveal_graded``: show how the class answered graded items (after they are collected); otherwise a graded
    item's view says only how many have answered, so nobody still answering copies the class's majority."""
    if not isinstance(assignment, str):
        raise TypeError(f"assignment must be a text, not {type(assignment).__name__}")
    if not isinstance(answers, Mapping):
        raise TypeError(f"answers must map participants to their answers, not {type(answers).__name__}")
    bank = all_banks().get(assignment.split("_", 1)[0])
    if bank is None or bank.assignment != assignment:
        raise ValueError(f"tugas {assignment!r} tidak ada; tugas yang ada: "
                         f"{', '.join(bank.assignment for bank in all_banks().values())}")
    klass = _Class(answers, names, categories)
    views: list[View] = []
    for item in bank:
        if item.id in BEFORE:
            views += _safely(BEFORE[item.id], klass, item)
        shape = INSTEAD.get(item.id) or SHAPES.get(kinds.kind_of(item).board, _texts)
        if not reveal_graded and not item.is_practice and shape in DISTRIBUTIONS:
            shape = _progress_only
        views += _safely(shape, klass, item)
        if item.id in AFTER:
            views += _safely(AFTER[item.id], klass, item)
    return views
