"""The instructor's course report: CSV tables and one offline HTML dashboard (Bahasa Indonesia)."""

from __future__ import annotations

import math
from datetime import date
from html import escape
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from ..bank import Item, find_item
from . import stats
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

    Empty submissions are left out: they would only add to "(tidak dijawab)".
    """
    frames = []
    for (assignment, item_id), rows in stats.without_empty(results).groupby(["assignment", "item_id"], sort=False):
        item = _item_of(item_id, rows["kind"].iloc[0])
        shares = stats.option_shares(rows["answer"], item)
        if shares.empty:  # a kind without options
            continue
        text = lambda choice: choice if choice == stats.UNANSWERED else item.text_of(choice)  # noqa: E731
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
            parts.append("g kelas tidak terdefinisi: rata-rata pra-tes 100 %")
        if row.n_pra_sempurna:
            parts.append(f"{row.n_pra_sempurna} peserta dengan pra-tes 100 % tidak ikut g individu")
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
            parts.append(f"kiriman kosong ({reasons[key]})" if reasons[key] else "kiriman kosong")
        parts += [text for text in statuses.get(key, []) if text != reasons.get(key)]
        rows.append({"student": key[0], "assignment": key[1], "empty": key in reasons, "text": "; ".join(parts)})
    return pd.DataFrame(rows, columns=NOTE_COLUMNS)


def grade_table(results: pd.DataFrame) -> pd.DataFrame:
    """nilai.csv: one row per student who submitted, earned points per assignment (empty = not submitted), total,
    percentage, and ``keterangan``: per assignment why it was empty or not graded in the gradebook ("" if nothing).

    Hand-graded items not yet graded count 0 here; the percentage is of every item's points in every assignment.
    Empty submissions count here, with 0 points.
    """
    assignments = _assignments(results)
    earned = results.assign(points=results["points"].fillna(0.0)).pivot_table(
        index="student", columns="assignment", values="points", aggfunc="sum").reindex(columns=assignments)
    maximum = results.drop_duplicates(["assignment", "item_id"])["max_points"].sum()
    table = earned.round(2)
    table["total"] = earned.sum(axis=1, min_count=0).round(2)
    table["persen"] = (100 * table["total"] / maximum).round(1) if maximum else math.nan
    notes = participant_notes(results)
    said = notes.assign(line=notes["assignment"] + ": " + notes["text"]).groupby("student")["line"].agg("; ".join)
    table["keterangan"] = said.reindex(table.index).fillna("").values
    table.columns.name = None
    return table.reset_index()


def _warnings(results: pd.DataFrame, items: pd.DataFrame) -> list[str]:
    """Cohort size, items not (fully) graded yet, and weak or negative discrimination, in Bahasa Indonesia."""
    analysed = stats.without_empty(results)
    n = analysed["student"].nunique()
    found = stats.warnings(n)
    if n >= stats.MIN_N:
        for assignment in _assignments(analysed):
            found += stats.warnings(_students(analysed, assignment), label=assignment)
    pending = analysed[analysed["points"].isna()].groupby("item_id", sort=False)["student"].nunique()
    for item_id, missing in pending.items():
        total = analysed.loc[analysed["item_id"] == item_id, "student"].nunique()
        found.append(f"{item_id}: {missing} dari {total} jawaban belum dinilai; "
                     "yang belum dinilai tidak ikut statistik")
    for row in items.itertuples():
        if row.warning:
            found.append(f"{row.item_id} ({row.assignment}): {row.warning}")
    return found


def _participant_lines(notes: pd.DataFrame) -> list[str]:
    """One line per participant x assignment with a note, for the report."""
    lines = []
    for row in notes.itertuples():
        text = row.text + ("; tidak ikut statistik butir, tetap dihitung di nilai.csv" if row.empty else "")
        lines.append(f"{row.student} ({row.assignment}): {text}")
    return lines


def _facility_figure(items: pd.DataFrame) -> go.Figure:
    """Facility x discrimination per item, one colour per assignment; items without a discrimination (n too
    small, zero variance) in a grey band below the r axis, as open markers, never at r = 0."""
    shown = items.dropna(subset=["facility"])
    if len(shown) and shown["discrimination"].isna().all():
        return _facility_only_figure(shown)
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
                hovertemplate=("<b>%{text}</b><br>Kemudahan %{x:.2f}<br>Daya beda %{y:.2f} (n = %{customdata})"
                               "<extra>%{fullData.name}</extra>"),
            ))
        if len(missing):
            spread = (number - (len(assignments) - 1) / 2) * 0.035
            figure.add_trace(go.Scatter(
                x=missing["facility"], y=[BAND + spread] * len(missing), mode="markers",
                name=f"{assignment} (tanpa daya beda)", legendgroup=assignment, showlegend=not len(defined),
                text=missing["item_id"], customdata=missing["note"],
                marker={"size": 10, "symbol": "circle-open", "color": colour, "line": {"width": 2}},
                hovertemplate=("<b>%{text}</b><br>Kemudahan %{x:.2f}<br>Daya beda: %{customdata}"
                               "<extra>" + escape(assignment) + "</extra>"),
            ))
    banded = bool(shown["discrimination"].isna().any())
    if banded:
        figure.add_hrect(y0=BAND - 0.17, y1=BAND + 0.17, fillcolor="#e9ecef", line_width=0, layer="below",
                         annotation_text="tanpa daya beda (lihat catatan)", annotation_position="top left",
                         annotation_font={"size": 11, "color": "#52606d"})
    figure.add_hline(y=stats.WEAK_DISCRIMINATION, line_dash="dash", line_color="#e69f00",
                     annotation_text="batas lemah 0,2", annotation_position="top left")
    figure.add_hline(y=0, line_color="#c0392b")
    figure.update_layout(
        height=500, margin={"t": 20, "r": 20, "l": 60, "b": 50},
        xaxis={"title": "Tingkat kemudahan (rata-rata proporsi skor)", "range": [-0.05, 1.05]},
        yaxis={"title": "Daya beda (korelasi poin butir-sisa)", "range": [BAND - 0.2 if banded else -1.05, 1.05], "zeroline": False,
               "tickvals": [-1, -0.5, 0, 0.2, 0.5, 1]},
        legend={"title": "Tugas"},
    )
    return figure


def _facility_only_figure(items: pd.DataFrame) -> go.Figure:
    """When no item has a discrimination (typically n < MIN_N everywhere): facility per item, one row per assignment,
    open markers (no empty r axis above a band)."""
    figure = go.Figure()
    assignments = sorted(items["assignment"].unique())
    for number, assignment in enumerate(assignments):
        rows = items[items["assignment"] == assignment]
        figure.add_trace(go.Scatter(
            x=rows["facility"], y=[assignment] * len(rows), mode="markers", name=f"{assignment} (tanpa daya beda)",
            text=rows["item_id"], customdata=rows["note"], showlegend=False,
            marker={"size": 12, "symbol": "circle-open", "color": PALETTE[number % len(PALETTE)], "line": {"width": 2}},
            hovertemplate="<b>%{text}</b><br>Kemudahan %{x:.2f}<br>Daya beda: %{customdata}<extra></extra>",
        ))
    figure.update_layout(
        height=140 + 50 * len(assignments), margin={"t": 20, "r": 20, "l": 120, "b": 50},
        xaxis={"title": "Tingkat kemudahan (rata-rata proporsi skor)", "range": [-0.05, 1.05]},
        yaxis={"type": "category", "autorange": "reversed"},
    )
    return figure


def _mastery_figure(table: pd.DataFrame) -> go.Figure:
    text = table.map(lambda v: "" if pd.isna(v) else f"{100 * v:.0f}%")
    figure = go.Figure(go.Heatmap(
        z=table.values, x=[f"{column}" for column in table.columns], y=[str(index) for index in table.index],
        zmin=0, zmax=1, colorscale="RdYlGn", text=text.values, texttemplate="%{text}",
        colorbar={"title": {"text": "Penguasaan", "side": "right"}, "tickformat": ".0%"},
        hovertemplate="Peserta %{y}<br>Tujuan %{x}<br>Penguasaan %{z:.0%}<extra></extra>",
    ))
    figure.update_layout(
        height=max(300, 110 + 26 * len(table)), margin={"t": 70, "r": 20, "l": 90, "b": 20},
        xaxis={"title": "Tujuan pembelajaran", "type": "category", "side": "top"},
        yaxis={"title": "Peserta", "type": "category", "autorange": "reversed"},
    )
    return figure


def _gain_figure(gain: pd.DataFrame) -> go.Figure:
    """Class means of pre and post per objective over the n who took both, annotated with the class g and n."""
    figure = go.Figure()
    labels = list(gain["objective"])
    hover = "Tujuan %{x}<br>%{fullData.name}: %{y:.0%}<br>n = %{customdata}<extra></extra>"
    figure.add_trace(go.Bar(x=labels, y=gain["pre"], name="Pra-tes (sm0)", marker_color="#9ecae1",
                            text=[f"{v:.0%}" for v in gain["pre"]], textposition="outside", customdata=gain["n"],
                            hovertemplate=hover))
    figure.add_trace(go.Bar(x=labels, y=gain["post"], name="Pasca-tes (sm6)", marker_color="#08519c",
                            text=[f"{v:.0%}" for v in gain["post"]], textposition="outside", customdata=gain["n"],
                            hovertemplate=hover))
    for row in gain.itertuples():
        figure.add_annotation(x=row.objective, y=1.14, text=f"<b>g kelas = {_number(row.g_kelas)}</b><br>n = {row.n}",
                              showarrow=False, font={"size": 12})
    figure.update_layout(
        barmode="group", height=420, margin={"t": 20, "r": 20, "l": 60, "b": 40},
        yaxis={"title": "Rata-rata proporsi skor", "range": [0, 1.24], "tickformat": ".0%",
               "tickvals": [0, 0.2, 0.4, 0.6, 0.8, 1.0]},
        xaxis={"title": "Tujuan pembelajaran", "type": "category"},
        legend={"orientation": "h", "y": -0.15},
    )
    return figure


def _figures_html(figures: list[go.Figure]) -> list[str]:
    """Each figure as a <div>; plotly.js embedded once, in the first one (works offline); decimal comma."""
    for figure in figures:
        figure.update_layout(separators=",.", font={"family": "system-ui, sans-serif"})
    return [figure.to_html(full_html=False, include_plotlyjs=index == 0, config=PLOT_CONFIG)
            for index, figure in enumerate(figures)]


def _number(value, digits: int = 2) -> str:
    return "\u2013" if value is None or pd.isna(value) else f"{value:.{digits}f}".replace(".", ",")


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
        return "Semua butir memiliki daya beda."
    if len(missing) == items["facility"].notna().sum():
        return ("Tidak ada butir dengan daya beda: " + escape("; ".join(sorted(set(missing["note"]))))
                + ". Grafik hanya menunjukkan kemudahan tiap butir (lingkaran kosong).")
    same = missing["note"].isin([stats.SAME_SCORE, stats.SAME_REST]).sum()
    small = missing["note"].str.startswith("n terlalu kecil").sum()
    other = len(missing) - same - small
    parts = []
    if same:
        parts.append(f"{same} butir yang skornya (atau skor sisa tesnya) sama untuk semua peserta, sehingga daya "
                     "beda tidak terdefinisi")
    if small:
        parts.append(f"{small} butir dengan n &lt; {stats.MIN_N}")
    if other:
        parts.append(f"{other} butir tanpa butir lain untuk dibandingkan")
    return ("Di pita abu-abu di bawah sumbu (lingkaran kosong): " + "; ".join(parts) +
            ". Butir ini tidak digambar pada r = 0; alasannya ada di kolom Catatan tabel butir.")


def _page(title: str, summary: str, warnings: list[str], participants: list[str], alpha: pd.DataFrame,
          figures: list[str], items: pd.DataFrame, gain: pd.DataFrame) -> str:
    if warnings:
        listed = "".join(f"<li>{escape(text)}</li>" for text in warnings)
        warning_block = f'<section class="warnings"><h2>Peringatan ({len(warnings)})</h2><ul>{listed}</ul></section>'
    else:
        warning_block = '<section class="ok"><h2>Peringatan</h2><p>Tidak ada peringatan.</p></section>'
    participant_block = ""
    if participants:
        listed = "".join(f"<li>{escape(text)}</li>" for text in participants)
        participant_block = (f'<section class="participants"><h2>Catatan peserta ({len(participants)})</h2>'
                             f'<ul>{listed}</ul><p class="note">Kiriman kosong = tidak ada jawaban tersimpan untuk '
                             "satu pun soal penilaian (termasuk berkas jawaban yang tidak ada atau tidak terbaca). "
                             "Kiriman itu tidak ikut statistik butir, opsi, alfa, gain, dan penguasaan, tetapi tetap "
                             "dihitung di nilai.csv (kolom keterangan).</p></section>")
    alpha_block = _table_html(alpha, {"assignment": "Tugas", "n": "Peserta", "k": "Butir", "alpha": "Alfa Cronbach"},
                              {"n": 0, "k": 0, "alpha": 2}, css="compact", notes={"alpha": "note"})
    item_block = _table_html(items, {"assignment": "Tugas", "item_id": "Butir", "objective": "Tujuan", "n": "n",
                                     "facility": "Kemudahan", "discrimination": "Daya beda", "warning": "Catatan"},
                             {"n": 0, "facility": 2, "discrimination": 2}, notes={"discrimination": "note"})
    gain_block = "" if gain.empty else _table_html(
        gain, {"objective": "Tujuan", "n": "n", "pre": "Pra-tes", "post": "Pasca-tes", "g_kelas": "g kelas",
               "g_individu": "Rata-rata g individu", "n_g_individu": "n g individu",
               "n_pra_sempurna": "Pra-tes 100 % (tanpa g individu)"},
        {"n": 0, "pre": "%", "post": "%", "g_kelas": 2, "g_individu": 2, "n_g_individu": 0, "n_pra_sempurna": 0},
        css="compact")
    scatter, heatmap, gain_chart = figures
    minimum = stats.MIN_N
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><style>{STYLE}</style></head>
<body><header><h1>{escape(title)}</h1><p>{escape(summary)}</p></header><main>
{warning_block}
{participant_block}
<section><h2>Reliabilitas per tugas</h2>{alpha_block}
<p class="note">Alfa Cronbach dihitung dalam poin (seperti koefisien konsistensi internal Moodle), dengan varians
sampel (ddof = 1), atas butir yang sudah dinilai untuk semua peserta; kiriman kosong tidak dihitung. Alfa hanya
ditampilkan bila n \u2265 {minimum}, dengan alasan yang sama seperti daya beda (lihat catatan analisis butir): alfa
adalah rasio varians yang ditaksir dari peserta yang sama, dan dengan kurang dari {minimum} peserta taksiran itu
terlalu goyah untuk dibaca.</p>
</section>
<section><h2>Analisis butir</h2>{scatter}
<p class="note">Kemudahan = rata-rata proporsi skor. Daya beda = indeks diskriminasi Moodle: korelasi poin butir
dengan jumlah poin butir lain pada tugas yang sama, dihitung dalam poin (bobot butir ikut), bukan dalam proporsi.
Di bawah 0,2 lemah; di bawah 0 berarti peserta yang kuat justru lebih sering salah. Daya beda hanya ditampilkan bila
n \u2265 {minimum}: di bawahnya galat baku korelasi (\u2248 1/\u221a(n \u2212 3)) lebih dari 0,38, hampir dua
kali batas 0,2, sehingga angka itu tidak dapat membedakan butir lemah dari butir baik. {_undrawn_sentence(items)}
Kiriman kosong tidak dihitung.</p></section>
<section><h2>Penguasaan tujuan pembelajaran</h2>{heatmap}
<p class="note">Proporsi poin yang diperoleh atas butir penilaian untuk setiap tujuan, dari tugas sm1\u2013sm6
(sumatif). Pra-tes (sm0_orientasi) tidak dihitung karena mengukur bekal awal, bukan penguasaan; soal latihan tidak
pernah dihitung; kiriman kosong dan butir yang belum dinilai juga tidak.</p>
</section>
<section><h2>Gain pra-tes ke pasca-tes</h2>{gain_chart}{gain_block}
<p class="note">Angka utama: g kelas (Hake) = (rata-rata pasca \u2212 rata-rata pra) / (1 \u2212 rata-rata pra),
atas n peserta yang mengerjakan kedua tes (kiriman kosong tidak dihitung); butir sm6 dipasangkan dengan kembarannya
di sm0. Rata-rata g individu, (pasca \u2212 pra) / (1 \u2212 pra) per peserta, hanya terdefinisi bila pra-tes di bawah
100 %: peserta dengan pra-tes 100 % tidak ikut (kolom \u201cPra-tes 100 % (tanpa g individu)\u201d), sehingga rata-rata itu bisa positif
walaupun kelas turun. Karena itu yang ditampilkan di grafik adalah g kelas.</p></section>
<section><details><summary><b>Tabel semua butir</b></summary>{item_block}</details></section>
</main></body></html>
"""


def build_report(results: pd.DataFrame, out_dir: Path, title: str = "Laporan kursus") -> Path:
    """Write butir.csv, opsi.csv, penguasaan.csv, gain.csv, nilai.csv and laporan.html to ``out_dir``.

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
    summary = (f"{results['student'].nunique()} peserta \u00b7 {results['assignment'].nunique()} tugas \u00b7 "
               f"{results['item_id'].nunique()} butir bernilai"
               + (f" \u00b7 {empty} kiriman kosong tidak ikut statistik" if empty else "")
               + f" \u00b7 dibuat {date.today():%d-%m-%Y}")
    figures = _figures_html([_facility_figure(items), _mastery_figure(mastery), _gain_figure(gain)])
    if gain.empty:
        figures[2] = ("<p>Belum ada pasangan pra-tes (sm0_orientasi) dan pasca-tes (sm6_evaluasi) yang dinilai "
                      "untuk peserta yang sama.</p>")
    path = out_dir / "laporan.html"
    path.write_text(_page(title, summary, _warnings(results, items), _participant_lines(notes), alpha, figures,
                          items, gain), encoding="utf-8")
    return path
