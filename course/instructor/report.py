"""The instructor's course report: CSV tables and one offline HTML dashboard (Bahasa Indonesia; English in English
mode, its words in page_words.py)."""

from __future__ import annotations

import math
from datetime import date
from html import escape
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from .._messages import get_language
from ..bank import Item, find_item
from . import stats
from .page_words import decimal, separators, words
from .spreadsheet import write_csv

__all__ = ["build_report", "item_table", "option_table", "gain_table", "grade_table", "alpha_table",
           "participant_notes"]

BUTIR_COLUMNS = ["assignment", "item_id", "objective", "n", "facility", "discrimination", "warning", "note"]
OPSI_COLUMNS = ["assignment", "item_id", "kind", "entry", "entry_text", "option", "option_text", "count", "share"]
GAIN_COLUMNS = ["objective", "n", "pre", "post", "g_kelas", "g_individu", "n_g_individu", "n_pra_sempurna", "note"]
ALPHA_COLUMNS = ["assignment", "n", "k", "alpha", "note"]
NOTE_COLUMNS = ["student", "assignment", "empty", "text"]
PLOT_CONFIG = {"displaylogo": False, "responsive": True}
# Okabe-Ito colours (safe for colour-blind readers), one per assignment in the item chart.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000", "#F0E442"]
BAND = -1.3        # where items without a discrimination are drawn, below the r axis (-1..1)


def _graded(results: pd.DataFrame) -> pd.DataFrame:
    """Rows with points (hand-graded items not yet graded are left out), with the fraction earned."""
    graded = results[results["points"].notna() & (results["max_points"] > 0)].copy()
    graded["fraction"] = graded["points"] / graded["max_points"]
    return graded


def _assignments(results: pd.DataFrame) -> list[str]:
    return sorted(results["assignment"].unique())


def _score_matrix(graded: pd.DataFrame, assignment: str, values: str = "fraction") -> pd.DataFrame:
    """Students x items of one assignment (items in table order): ``values`` (fraction or points); NaN = not graded."""
    rows = graded[graded["assignment"] == assignment]
    order = list(dict.fromkeys(rows["item_id"]))
    matrix = rows.pivot_table(index="student", columns="item_id", values=values, aggfunc="mean")
    return matrix.reindex(columns=order)


def _students(results: pd.DataFrame, assignment: str) -> int:
    return results.loc[results["assignment"] == assignment, "student"].nunique()


def item_table(results: pd.DataFrame) -> pd.DataFrame:
    """butir.csv: per item with a graded answer, n, facility (mean fraction) and Moodle's discrimination index.

    Empty submissions are left out. Discrimination is on points (stats.discrimination); where it is not shown,
    ``note`` says why (n < stats.MIN_N, zero variance); ``warning`` flags weak or negative discrimination.
    """
    graded = _graded(stats.without_empty(results))
    objectives = results.drop_duplicates("item_id").set_index("item_id")["objective"]
    frames = []
    for assignment in _assignments(graded):
        fractions = _score_matrix(graded, assignment)
        index = stats.discrimination(_score_matrix(graded, assignment, "points")).reindex(fractions.columns)
        frames.append(pd.DataFrame({
            "assignment": assignment, "item_id": fractions.columns,
            "objective": objectives.reindex(fractions.columns).values, "n": index["n"].values,
            "facility": stats.facility(fractions).values, "discrimination": index["discrimination"].values,
            "warning": [stats.item_warning(value) for value in index["discrimination"]], "note": index["note"].values,
        }))
    return pd.concat(frames, ignore_index=True)[BUTIR_COLUMNS] if frames else pd.DataFrame(columns=BUTIR_COLUMNS)


def alpha_table(results: pd.DataFrame) -> pd.DataFrame:
    """Cronbach's alpha on points per assignment, over the items graded for every non-empty submission (k items,
    n participants); empty with the reason in ``note`` below stats.MIN_N participants or where undefined."""
    analysed = stats.without_empty(results)
    graded = _graded(analysed)
    rows = []
    for assignment in _assignments(results):
        matrix = _score_matrix(graded, assignment, "points")
        alpha, note = stats.reliability(matrix)
        rows.append({"assignment": assignment, "n": _students(analysed, assignment),
                     "k": matrix.dropna(axis=1, how="any").shape[1], "alpha": alpha, "note": note})
    return pd.DataFrame(rows, columns=ALPHA_COLUMNS)


def _item_of(item_id: str, kind: str) -> Item:
    """The bank item, or a bare stand-in (options then come from the answers themselves)."""
    try:
        return find_item(item_id)
    except KeyError:
        return Item(id=item_id, kind=kind, mode="tugas", objective="", prompt="")


def option_table(results: pd.DataFrame) -> pd.DataFrame:
    """opsi.csv: distractor analysis, the share of participants choosing each option (per entry).

    Empty submissions are left out: they would only add to "(tidak dijawab)". That row's ``option`` is the key
    ``kinds.UNANSWERED`` in every language; its ``option_text`` is in the page's language.
    """
    frames = []
    for (assignment, item_id), rows in stats.without_empty(results).groupby(["assignment", "item_id"], sort=False):
        item = _item_of(item_id, rows["kind"].iloc[0])
        shares = stats.option_shares(rows["answer"], item)
        if shares.empty:  # a kind without options
            continue
        unanswered = words("report_unanswered")
        text = lambda choice: unanswered if choice == stats.UNANSWERED else item.text_of(choice)  # noqa: E731
        shares.insert(0, "assignment", assignment)
        shares.insert(1, "item_id", item_id)
        shares.insert(2, "kind", item.kind)
        shares["entry_text"] = [item.text_of(entry) if entry else "" for entry in shares["entry"]]
        shares["option_text"] = [text(option) for option in shares["option"]]
        frames.append(shares)
    return pd.concat(frames, ignore_index=True)[OPSI_COLUMNS] if frames else pd.DataFrame(columns=OPSI_COLUMNS)


def gain_table(results: pd.DataFrame) -> pd.DataFrame:
    """gain.csv: per objective, Hake's class g (the headline) over the n participants who took both tests (empty
    submissions left out), the class means of pre and post, and apart from it the mean of individual g over those
    with pre < 1, the participants with pre = 1 counted (n_pra_sempurna)."""
    table = stats.class_gain(stats.gain_by_objective(stats.without_empty(results)))
    if table.empty:
        return pd.DataFrame(columns=GAIN_COLUMNS)
    notes = []
    for row in table.itertuples():
        parts = []
        if pd.isna(row.g_kelas):
            parts.append(words("report_gain_undefined"))
        if row.n_pra_sempurna:
            parts.append(words("report_gain_perfect", count=row.n_pra_sempurna))
        notes.append("; ".join(parts))
    table["note"] = notes
    return table[GAIN_COLUMNS]


def _text_column(results: pd.DataFrame, column: str) -> pd.Series:
    """A text column of ``results`` with "" for missing values, or all "" when the column is absent."""
    if column not in results:
        return pd.Series("", index=results.index, dtype=object)
    return results[column].map(lambda value: value if isinstance(value, str) else "")


def participant_notes(results: pd.DataFrame) -> pd.DataFrame:
    """One row per (student, assignment) with something to say: an empty submission (left out of item statistics;
    its answer file's problem when known) and/or a ``status`` reason (not graded in the gradebook).

    Works with or without the ``status`` and ``store_problem`` columns. Columns: student, assignment, empty, text.
    """
    empty = stats.empty_submissions(results)
    reasons = {(row.student, row.assignment): row.reason for row in empty.itertuples()}
    status = _text_column(results, "status")
    statuses = {}
    for key, text in zip(zip(results["student"], results["assignment"]), status):
        if text and text not in statuses.setdefault(key, []):
            statuses[key].append(text)
    rows = []
    for key in sorted(set(reasons) | {key for key, texts in statuses.items() if texts}):
        parts = []
        if key in reasons:
            parts.append(words("report_empty_because", reason=reasons[key]) if reasons[key] else words("report_empty"))
        parts += [text for text in statuses.get(key, []) if text != reasons.get(key)]
        rows.append({"student": key[0], "assignment": key[1], "empty": key in reasons, "text": "; ".join(parts)})
    return pd.DataFrame(rows, columns=NOTE_COLUMNS)


def grade_table(results: pd.DataFrame) -> pd.DataFrame:
    """nilai.csv: one row per student who submitted, earned points per assignment (empty = not submitted), total,
    percentage, and ``keterangan``: per assignment why it was empty or not graded in the gradebook ("" if nothing).

    The pre-test (``stats.PRE_TEST``) keeps its column but counts neither in the total nor in the percentage: it
    measures what participants brought. Hand-graded items not yet graded count 0 here; the percentage is of every
    item's points in every other assignment.
    Empty submissions count here, with 0 points.
    """
    assignments = _assignments(results)
    earned = results.assign(points=results["points"].fillna(0.0)).pivot_table(
        index="student", columns="assignment", values="points", aggfunc="sum").reindex(columns=assignments)
    counted = results[results["assignment"] != stats.PRE_TEST]
    maximum = counted.drop_duplicates(["assignment", "item_id"])["max_points"].sum()
    table = earned.round(2)
    table["total"] = earned.drop(columns=[stats.PRE_TEST], errors="ignore").sum(axis=1, min_count=0).round(2)
    table["persen"] = (100 * table["total"] / maximum).round(1) if maximum else math.nan
    notes = participant_notes(results)
    said = notes.assign(line=notes["assignment"] + ": " + notes["text"]).groupby("student")["line"].agg("; ".join)
    table["keterangan"] = said.reindex(table.index).fillna("").values
    table.columns.name = None
    return table.reset_index()


def _warnings(results: pd.DataFrame, items: pd.DataFrame) -> list[str]:
    """Cohort size, items not (fully) graded yet, and weak or negative discrimination, in the page's language."""
    analysed = stats.without_empty(results)
    n = analysed["student"].nunique()
    found = stats.warnings(n)
    if n >= stats.MIN_N:
        for assignment in _assignments(analysed):
            found += stats.warnings(_students(analysed, assignment), label=assignment)
    pending = analysed[analysed["points"].isna()].groupby("item_id", sort=False)["student"].nunique()
    for item_id, missing in pending.items():
        total = analysed.loc[analysed["item_id"] == item_id, "student"].nunique()
        found.append(words("report_not_graded", item=item_id, missing=missing, total=total))
    for row in items.itertuples():
        if row.warning:
            found.append(f"{row.item_id} ({row.assignment}): {row.warning}")
    return found


def _participant_lines(notes: pd.DataFrame) -> list[str]:
    """One line per participant x assignment with a note, for the report."""
    lines = []
    for row in notes.itertuples():
        text = row.text + (words("report_left_out") if row.empty else "")
        lines.append(f"{row.student} ({row.assignment}): {text}")
    return lines


def _facility_figure(items: pd.DataFrame) -> go.Figure:
    """Facility x discrimination per item, one colour per assignment; items without a discrimination (n too
    small, zero variance) in a grey band below the r axis, as open markers, never at r = 0."""
    shown = items.dropna(subset=["facility"])
    if len(shown) and shown["discrimination"].isna().all():
        return _facility_only_figure(shown)
    facility, discrimination = words("report_facility"), words("report_discrimination")
    figure = go.Figure()
    assignments = sorted(shown["assignment"].unique())
    for number, assignment in enumerate(assignments):
        rows = shown[shown["assignment"] == assignment]
        colour = PALETTE[number % len(PALETTE)]
        defined = rows[rows["discrimination"].notna()]
        missing = rows[rows["discrimination"].isna()]
        if len(defined):
            figure.add_trace(go.Scatter(
                x=defined["facility"], y=defined["discrimination"], mode="markers", name=assignment,
                legendgroup=assignment, text=defined["item_id"], customdata=defined["n"],
                marker={"size": 11, "opacity": 0.85, "color": colour, "line": {"width": 1, "color": "white"}},
                hovertemplate=(f"<b>%{{text}}</b><br>{facility} %{{x:.2f}}<br>{discrimination} %{{y:.2f}} "
                               "(n = %{customdata})<extra>%{fullData.name}</extra>"),
            ))
        if len(missing):
            spread = (number - (len(assignments) - 1) / 2) * 0.035
            figure.add_trace(go.Scatter(
                x=missing["facility"], y=[BAND + spread] * len(missing), mode="markers",
                name=words("report_no_discrimination", assignment=assignment), legendgroup=assignment,
                showlegend=not len(defined),
                text=missing["item_id"], customdata=missing["note"],
                marker={"size": 10, "symbol": "circle-open", "color": colour, "line": {"width": 2}},
                hovertemplate=(f"<b>%{{text}}</b><br>{facility} %{{x:.2f}}<br>{discrimination}: %{{customdata}}"
                               "<extra>" + escape(assignment) + "</extra>"),
            ))
    banded = bool(shown["discrimination"].isna().any())
    if banded:
        figure.add_hrect(y0=BAND - 0.17, y1=BAND + 0.17, fillcolor="#e9ecef", line_width=0, layer="below",
                         annotation_text=words("report_band"), annotation_position="top left",
                         annotation_font={"size": 11, "color": "#52606d"})
    figure.add_hline(y=stats.WEAK_DISCRIMINATION, line_dash="dash", line_color="#e69f00",
                     annotation_text=words("report_weak_line", line=decimal(stats.WEAK_DISCRIMINATION, 1)),
                     annotation_position="top left")
    figure.add_hline(y=0, line_color="#c0392b")
    figure.update_layout(
        height=500, margin={"t": 20, "r": 20, "l": 60, "b": 50},
        xaxis={"title": words("report_facility_axis"), "range": [-0.05, 1.05]},
        yaxis={"title": words("report_discrimination_axis"), "range": [BAND - 0.2 if banded else -1.05, 1.05],
               "zeroline": False, "tickvals": [-1, -0.5, 0, 0.2, 0.5, 1]},
        legend={"title": words("report_assignment")},
    )
    return figure


def _facility_only_figure(items: pd.DataFrame) -> go.Figure:
    """When no item has a discrimination (typically n < MIN_N everywhere): facility per item, one row per assignment,
    open markers (no empty r axis above a band)."""
    figure = go.Figure()
    facility, discrimination = words("report_facility"), words("report_discrimination")
    assignments = sorted(items["assignment"].unique())
    for number, assignment in enumerate(assignments):
        rows = items[items["assignment"] == assignment]
        figure.add_trace(go.Scatter(
            x=rows["facility"], y=[assignment] * len(rows), mode="markers",
            name=words("report_no_discrimination", assignment=assignment),
            text=rows["item_id"], customdata=rows["note"], showlegend=False,
            marker={"size": 12, "symbol": "circle-open", "color": PALETTE[number % len(PALETTE)], "line": {"width": 2}},
            hovertemplate=f"<b>%{{text}}</b><br>{facility} %{{x:.2f}}<br>{discrimination}: %{{customdata}}<extra></extra>",
        ))
    figure.update_layout(
        height=140 + 50 * len(assignments), margin={"t": 20, "r": 20, "l": 120, "b": 50},
        xaxis={"title": words("report_facility_axis"), "range": [-0.05, 1.05]},
        yaxis={"type": "category", "autorange": "reversed"},
    )
    return figure


def _mastery_figure(table: pd.DataFrame) -> go.Figure:
    text = table.map(lambda v: "" if pd.isna(v) else f"{100 * v:.0f}%")
    mastery, participant, objective = words("report_mastery"), words("report_participant"), words("report_objective")
    figure = go.Figure(go.Heatmap(
        z=table.values, x=[f"{column}" for column in table.columns], y=[str(index) for index in table.index],
        zmin=0, zmax=1, colorscale="RdYlGn", text=text.values, texttemplate="%{text}",
        colorbar={"title": {"text": mastery, "side": "right"}, "tickformat": ".0%"},
        hovertemplate=f"{participant} %{{y}}<br>{objective} %{{x}}<br>{mastery} %{{z:.0%}}<extra></extra>",
    ))
    figure.update_layout(
        height=max(300, 110 + 26 * len(table)), margin={"t": 70, "r": 20, "l": 90, "b": 20},
        xaxis={"title": words("report_objectives"), "type": "category", "side": "top"},
        yaxis={"title": participant, "type": "category", "autorange": "reversed"},
    )
    return figure


def _gain_figure(gain: pd.DataFrame) -> go.Figure:
    """Class means of pre and post per objective over the n who took both, annotated with the class g and n."""
    figure = go.Figure()
    labels = list(gain["objective"])
    hover = words("report_objective") + " %{x}<br>%{fullData.name}: %{y:.0%}<br>n = %{customdata}<extra></extra>"
    figure.add_trace(go.Bar(x=labels, y=gain["pre"], name=words("report_pre_test"), marker_color="#9ecae1",
                            text=[f"{v:.0%}" for v in gain["pre"]], textposition="outside", customdata=gain["n"],
                            hovertemplate=hover))
    figure.add_trace(go.Bar(x=labels, y=gain["post"], name=words("report_post_test"), marker_color="#08519c",
                            text=[f"{v:.0%}" for v in gain["post"]], textposition="outside", customdata=gain["n"],
                            hovertemplate=hover))
    for row in gain.itertuples():
        figure.add_annotation(x=row.objective, y=1.14,
                              text=f"<b>{words('report_class_g_is', g=_number(row.g_kelas))}</b><br>n = {row.n}",
                              showarrow=False, font={"size": 12})
    figure.update_layout(
        barmode="group", height=420, margin={"t": 20, "r": 20, "l": 60, "b": 40},
        yaxis={"title": words("report_mean_fraction"), "range": [0, 1.24], "tickformat": ".0%",
               "tickvals": [0, 0.2, 0.4, 0.6, 0.8, 1.0]},
        xaxis={"title": words("report_objectives"), "type": "category"},
        legend={"orientation": "h", "y": -0.15},
    )
    return figure


def _figures_html(figures: list[go.Figure]) -> list[str]:
    """Each figure as a <div>; plotly.js embedded once, in the first one (works offline); decimal comma (English:
    decimal point)."""
    for figure in figures:
        figure.update_layout(separators=separators(), font={"family": "system-ui, sans-serif"})
    return [figure.to_html(full_html=False, include_plotlyjs=index == 0, config=PLOT_CONFIG)
            for index, figure in enumerate(figures)]


def _number(value, digits: int = 2) -> str:
    return "\u2013" if value is None or pd.isna(value) else decimal(value, digits)


def _percent(value) -> str:
    return "\u2013" if value is None or pd.isna(value) else f"{100 * value:.0f} %"


def _table_html(frame: pd.DataFrame, headings: dict, digits: dict | None = None, css: str = "",
                notes: dict | None = None) -> str:
    """An HTML table; ``digits`` formats numeric columns (an int: decimals, "%": percent); ``notes`` maps a numeric
    column to a text column shown greyed in its place when the number is missing (why it is not shown)."""
    digits, notes = digits or {}, notes or {}
    head = "".join(f'<th class="num">{escape(title)}</th>' if column in digits else f"<th>{escape(title)}</th>"
                   for column, title in headings.items())
    body = []
    for _, row in frame.iterrows():
        cells = []
        for column in headings:
            value = row[column]
            note = row[notes[column]] if column in notes else ""
            if column in digits and pd.isna(value) and isinstance(note, str) and note:
                cells.append(f'<td class="num muted">{escape(note)}</td>')
                continue
            if column in digits:
                shown = _percent(value) if digits[column] == "%" else _number(value, digits[column])
                cells.append(f'<td class="num">{shown}</td>')
            else:
                cells.append(f"<td>{'' if pd.isna(value) else escape(str(value))}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return f"<table class=\"{css}\"><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f6f8;color:#1f2933}
header{background:#0b3d63;color:#fff;padding:18px 32px}
header h1{margin:0 0 4px;font-size:1.6em} header p{margin:0;opacity:.85}
main{max-width:1100px;margin:0 auto;padding:16px 24px 40px}
section{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.08);padding:16px 20px;margin:16px 0}
h2{font-size:1.15em;margin:0 0 10px;color:#0b3d63}
.warnings{border-left:6px solid #e69f00;background:#fff8e6}
.warnings ul{margin:0;padding-left:20px} .warnings li{margin:3px 0}
.ok{border-left:6px solid #2e8b57}
table{border-collapse:collapse;width:100%;font-size:.92em}
th,td{border-bottom:1px solid #e3e7eb;padding:5px 8px;text-align:left} th{background:#eef2f6}
th.num,td.num{text-align:right;font-variant-numeric:tabular-nums} table.compact{width:auto;min-width:420px}
.note{color:#52606d;font-size:.88em;margin:6px 0 0}
td.muted{color:#8a96a3;font-style:italic;font-size:.9em}
.participants{border-left:6px solid #7b8794}
.participants ul{margin:0;padding-left:20px} .participants li{margin:3px 0}
"""


def _undrawn_sentence(items: pd.DataFrame) -> str:
    """How many items sit in the grey band of the item chart, and why."""
    missing = items[items["discrimination"].isna() & items["facility"].notna()]
    if missing.empty:
        return words("report_all_discriminate")
    if len(missing) == items["facility"].notna().sum():
        return words("report_none_discriminate", notes=escape("; ".join(sorted(set(missing["note"])))))
    same = int(missing["note"].isin([words(stats.SAME_SCORE), words(stats.SAME_REST)]).sum())
    small = int((missing["note"] == missing["n"].map(stats.too_few)).sum())
    other = len(missing) - same - small
    parts = []
    if same:
        parts.append(words("report_same_items", count=same))
    if small:
        parts.append(words("report_small_items", count=small, minimum=stats.MIN_N))
    if other:
        parts.append(words("report_other_items", count=other))
    return words("report_band_sentence", parts="; ".join(parts))


def _page(title: str, summary: str, warnings: list[str], participants: list[str], alpha: pd.DataFrame,
          figures: list[str], items: pd.DataFrame, gain: pd.DataFrame) -> str:
    if warnings:
        listed = "".join(f"<li>{escape(text)}</li>" for text in warnings)
        warning_block = (f'<section class="warnings"><h2>{words("report_warnings_count", count=len(warnings))}</h2>'
                         f'<ul>{listed}</ul></section>')
    else:
        warning_block = (f'<section class="ok"><h2>{words("report_warnings")}</h2>'
                         f'<p>{words("report_no_warnings")}</p></section>')
    participant_block = ""
    if participants:
        listed = "".join(f"<li>{escape(text)}</li>" for text in participants)
        participant_block = (f'<section class="participants"><h2>{words("report_participant_notes", count=len(participants))}'
                             f'</h2><ul>{listed}</ul><p class="note">{words("report_empty_note")}</p></section>')
    assignment, objective = words("report_assignment"), words("report_objective")
    alpha_block = _table_html(alpha, {"assignment": assignment, "n": words("report_col_participants"),
                                      "k": words("report_col_items"), "alpha": words("report_col_alpha")},
                              {"n": 0, "k": 0, "alpha": 2}, css="compact", notes={"alpha": "note"})
    item_block = _table_html(items, {"assignment": assignment, "item_id": words("report_col_item"),
                                     "objective": objective, "n": "n", "facility": words("report_facility"),
                                     "discrimination": words("report_discrimination"),
                                     "warning": words("report_col_note")},
                             {"n": 0, "facility": 2, "discrimination": 2}, notes={"discrimination": "note"})
    perfect = words("report_col_perfect_pre")
    gain_block = "" if gain.empty else _table_html(
        gain, {"objective": objective, "n": "n", "pre": words("report_col_pre"), "post": words("report_col_post"),
               "g_kelas": words("report_col_class_g"), "g_individu": words("report_col_individual_g"),
               "n_g_individu": words("report_col_n_individual_g"), "n_pra_sempurna": perfect},
        {"n": 0, "pre": "%", "post": "%", "g_kelas": 2, "g_individu": 2, "n_g_individu": 0, "n_pra_sempurna": 0},
        css="compact")
    scatter, heatmap, gain_chart = figures
    minimum = stats.MIN_N
    return f"""<!DOCTYPE html>
<html lang="{get_language()}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><style>{STYLE}</style></head>
<body><header><h1>{escape(title)}</h1><p>{escape(summary)}</p></header><main>
{warning_block}
{participant_block}
<section><h2>{words("report_reliability")}</h2>{alpha_block}
<p class="note">{words("report_alpha_note", minimum=minimum)}</p>
</section>
<section><h2>{words("report_item_analysis")}</h2>{scatter}
<p class="note">{words("report_item_note", minimum=minimum, undrawn=_undrawn_sentence(items))}</p></section>
<section><h2>{words("report_mastery_heading")}</h2>{heatmap}
<p class="note">{words("report_mastery_note")}</p>
</section>
<section><h2>{words("report_gain_heading")}</h2>{gain_chart}{gain_block}
<p class="note">{words("report_gain_note", column=perfect)}</p></section>
<section><details><summary><b>{words("report_all_items")}</b></summary>{item_block}</details></section>
</main></body></html>
"""


def build_report(results: pd.DataFrame, out_dir: Path, title: str | None = None) -> Path:
    """Write butir.csv, opsi.csv, penguasaan.csv, gain.csv, nilai.csv and laporan.html to ``out_dir``.

    The page and the notes in the tables are in the current language (``title`` by default "Laporan kursus", in
    English "Course report"); file and column names are the same in both.

    ``results`` is the tidy table of collect_results; optional columns ``status`` and ``store_problem`` (why a
    submission is not graded in the gradebook, or its answer file could not be read) reach nilai.csv and the page.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    items = item_table(results)
    mastery = stats.mastery(stats.without_empty(results))
    gain = gain_table(results)
    alpha = alpha_table(results)
    notes = participant_notes(results)
    write_csv(items.round(4), out_dir / "butir.csv")
    write_csv(option_table(results).round(4), out_dir / "opsi.csv")
    write_csv(mastery.round(4).rename_axis("student").reset_index(), out_dir / "penguasaan.csv")
    write_csv(gain.round(4), out_dir / "gain.csv")
    write_csv(grade_table(results), out_dir / "nilai.csv")
    empty = int(notes["empty"].sum())
    parts = [words("report_participants", count=results["student"].nunique()),
             words("report_assignments", count=results["assignment"].nunique()),
             words("report_items", count=results["item_id"].nunique())]
    if empty:
        parts.append(words("report_empty_left_out", count=empty))
    parts.append(words("report_made", date=date.today().strftime(words("report_date"))))
    summary = " \u00b7 ".join(parts)
    figures = _figures_html([_facility_figure(items), _mastery_figure(mastery), _gain_figure(gain)])
    if gain.empty:
        figures[2] = f"<p>{words('report_no_pairs')}</p>"
    path = out_dir / "laporan.html"
    path.write_text(_page(title or words("report_title"), summary, _warnings(results, items), _participant_lines(notes), alpha, figures,
                          items, gain), encoding="utf-8")
    return path
