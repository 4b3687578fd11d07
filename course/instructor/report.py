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

__all__ = ["build_report", "item_table", "option_table", "gain_table", "grade_table", "alpha_table"]

BUTIR_COLUMNS = ["assignment", "item_id", "objective", "facility", "discrimination", "warning"]
OPSI_COLUMNS = ["assignment", "item_id", "kind", "entry", "entry_text", "option", "option_text", "count", "share"]
GAIN_COLUMNS = ["objective", "pre", "post", "g", "g_kelas", "n"]
ALPHA_COLUMNS = ["assignment", "n", "k", "alpha"]
PLOT_CONFIG = {"displaylogo": False, "responsive": True}


def _graded(results: pd.DataFrame) -> pd.DataFrame:
    """Rows with points (hand-graded items not yet graded are left out), with the fraction earned."""
    graded = results[results["points"].notna() & (results["max_points"] > 0)].copy()
    graded["fraction"] = graded["points"] / graded["max_points"]
    return graded


def _assignments(results: pd.DataFrame) -> list[str]:
    return sorted(results["assignment"].unique())


def _score_matrix(graded: pd.DataFrame, assignment: str) -> pd.DataFrame:
    """Students x items of one assignment (items in table order), fractions earned; NaN = not graded."""
    rows = graded[graded["assignment"] == assignment]
    order = list(dict.fromkeys(rows["item_id"]))
    matrix = rows.pivot_table(index="student", columns="item_id", values="fraction", aggfunc="mean")
    return matrix.reindex(columns=order)


def _students(results: pd.DataFrame, assignment: str) -> int:
    return results.loc[results["assignment"] == assignment, "student"].nunique()


def item_table(results: pd.DataFrame) -> pd.DataFrame:
    """butir.csv: facility and item-rest discrimination of every item with at least one graded answer."""
    graded = _graded(results)
    objectives = results.drop_duplicates("item_id").set_index("item_id")["objective"]
    frames = []
    for assignment in _assignments(graded):
        matrix = _score_matrix(graded, assignment)
        discrimination = stats.item_rest_correlation(matrix)
        frames.append(pd.DataFrame({
            "assignment": assignment, "item_id": matrix.columns, "objective": objectives.reindex(matrix.columns).values,
            "facility": stats.facility(matrix).values, "discrimination": discrimination.reindex(matrix.columns).values,
            "warning": [stats.item_warning(value) for value in discrimination.reindex(matrix.columns)],
        }))
    return pd.concat(frames, ignore_index=True)[BUTIR_COLUMNS] if frames else pd.DataFrame(columns=BUTIR_COLUMNS)


def alpha_table(results: pd.DataFrame) -> pd.DataFrame:
    """Cronbach's alpha per assignment over the items graded for every student (k items, n students)."""
    graded = _graded(results)
    rows = []
    for assignment in _assignments(results):
        matrix = _score_matrix(graded, assignment).dropna(axis=1, how="any")
        rows.append({"assignment": assignment, "n": _students(results, assignment), "k": matrix.shape[1],
                     "alpha": stats.cronbach_alpha(matrix)})
    return pd.DataFrame(rows, columns=ALPHA_COLUMNS)


def _item_of(item_id: str, kind: str) -> Item:
    """The bank item, or a bare stand-in (options then come from the answers themselves)."""
    try:
        return find_item(item_id)
    except KeyError:
        return Item(id=item_id, kind=kind, mode="tugas", objective="", prompt="")


def option_table(results: pd.DataFrame) -> pd.DataFrame:
    """opsi.csv: distractor analysis, the share of participants choosing each option (per entry)."""
    frames = []
    for (assignment, item_id), rows in results.groupby(["assignment", "item_id"], sort=False):
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
    """gain.csv: per objective the class means of pre, post and individual g, Hake's g of the means, and n."""
    per_student = stats.gain_by_objective(results)
    if per_student.empty:
        return pd.DataFrame(columns=GAIN_COLUMNS)
    table = per_student.groupby("objective").agg(pre=("pre", "mean"), post=("post", "mean"), g=("g", "mean"),
                                                 n=("student", "nunique")).reset_index()
    table["g_kelas"] = stats.normalised_gain(table["pre"], table["post"])
    return table[GAIN_COLUMNS]


def grade_table(results: pd.DataFrame) -> pd.DataFrame:
    """nilai.csv: one row per student, earned points per assignment (empty = not submitted), total and percentage.

    Hand-graded items not yet graded count 0 here; the percentage is of every item's points in every assignment.
    """
    assignments = _assignments(results)
    earned = results.assign(points=results["points"].fillna(0.0)).pivot_table(
        index="student", columns="assignment", values="points", aggfunc="sum").reindex(columns=assignments)
    maximum = results.drop_duplicates(["assignment", "item_id"])["max_points"].sum()
    table = earned.round(2)
    table["total"] = earned.sum(axis=1, min_count=0).round(2)
    table["persen"] = (100 * table["total"] / maximum).round(1) if maximum else math.nan
    table.columns.name = None
    return table.reset_index()


def _warnings(results: pd.DataFrame, items: pd.DataFrame) -> list[str]:
    """Cohort size, items not (fully) graded yet, and weak or negative discrimination, in Bahasa Indonesia."""
    n = results["student"].nunique()
    found = stats.warnings(n)
    if n >= stats.SMALL_COHORT:
        for assignment in _assignments(results):
            found += stats.warnings(_students(results, assignment), label=assignment)
    pending = results[results["points"].isna()].groupby("item_id", sort=False)["student"].nunique()
    for item_id, missing in pending.items():
        total = results.loc[results["item_id"] == item_id, "student"].nunique()
        found.append(f"{item_id}: {missing} dari {total} jawaban belum dinilai; "
                     "yang belum dinilai tidak ikut statistik")
    for row in items.itertuples():
        if row.warning:
            found.append(f"{row.item_id} ({row.assignment}): {row.warning}")
    return found


def _facility_figure(items: pd.DataFrame) -> go.Figure:
    figure = go.Figure()
    for assignment, rows in items.dropna(subset=["facility"]).groupby("assignment"):
        figure.add_trace(go.Scatter(
            x=rows["facility"], y=rows["discrimination"].fillna(0.0), mode="markers", name=assignment,
            text=rows["item_id"], customdata=rows["discrimination"].map(lambda v: "-" if pd.isna(v) else f"{v:.2f}"),
            marker={"size": 11, "opacity": 0.85, "line": {"width": 1, "color": "white"}},
            hovertemplate=("<b>%{text}</b><br>Kemudahan %{x:.2f}<br>Daya beda %{customdata}"
                           "<extra>%{fullData.name}</extra>"),
        ))
    figure.add_hline(y=stats.WEAK_DISCRIMINATION, line_dash="dash", line_color="#e69f00",
                     annotation_text="batas lemah 0,2", annotation_position="top left")
    figure.add_hline(y=0, line_color="#c0392b")
    figure.update_layout(
        height=460, margin={"t": 20, "r": 20, "l": 60, "b": 50},
        xaxis={"title": "Tingkat kemudahan (rata-rata proporsi skor)", "range": [-0.05, 1.05]},
        yaxis={"title": "Daya beda (korelasi butir-sisa)", "range": [-1.05, 1.05], "zeroline": False},
        legend={"title": "Tugas"},
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
    figure = go.Figure()
    labels = list(gain["objective"])
    figure.add_trace(go.Bar(x=labels, y=gain["pre"], name="Pra-tes (sm0)", marker_color="#9ecae1",
                            text=[f"{v:.0%}" for v in gain["pre"]], textposition="outside"))
    figure.add_trace(go.Bar(x=labels, y=gain["post"], name="Pasca-tes (sm6)", marker_color="#08519c",
                            text=[f"{v:.0%}" for v in gain["post"]], textposition="outside"))
    for row in gain.itertuples():
        label = f"g = {_number(row.g)}"
        figure.add_annotation(x=row.objective, y=1.13, text=f"{label}<br>n = {row.n}", showarrow=False,
                              font={"size": 12})
    figure.update_layout(
        barmode="group", height=420, margin={"t": 20, "r": 20, "l": 60, "b": 40},
        yaxis={"title": "Rata-rata proporsi skor", "range": [0, 1.22], "tickformat": ".0%",
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


def _table_html(frame: pd.DataFrame, headings: dict, digits: dict | None = None, css: str = "") -> str:
    digits = digits or {}
    head = "".join(f'<th class="num">{escape(title)}</th>' if column in digits else f"<th>{escape(title)}</th>"
                   for column, title in headings.items())
    body = []
    for _, row in frame.iterrows():
        cells = []
        for column in headings:
            value = row[column]
            shown = _number(value, digits[column]) if column in digits else escape(str(value))
            cells.append(f'<td class="num">{shown}</td>' if column in digits else f"<td>{shown}</td>")
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
"""


def _page(title: str, summary: str, warnings: list[str], alpha: pd.DataFrame, figures: list[str],
          items: pd.DataFrame) -> str:
    if warnings:
        listed = "".join(f"<li>{escape(text)}</li>" for text in warnings)
        warning_block = f'<section class="warnings"><h2>Peringatan ({len(warnings)})</h2><ul>{listed}</ul></section>'
    else:
        warning_block = '<section class="ok"><h2>Peringatan</h2><p>Tidak ada peringatan.</p></section>'
    alpha_block = _table_html(alpha, {"assignment": "Tugas", "n": "Peserta", "k": "Butir", "alpha": "Alfa Cronbach"},
                              {"n": 0, "k": 0, "alpha": 2}, css="compact")
    item_block = _table_html(items, {"assignment": "Tugas", "item_id": "Butir", "objective": "Tujuan",
                                     "facility": "Kemudahan", "discrimination": "Daya beda", "warning": "Catatan"},
                             {"facility": 2, "discrimination": 2})
    scatter, heatmap, gain = figures
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><style>{STYLE}</style></head>
<body><header><h1>{escape(title)}</h1><p>{escape(summary)}</p></header><main>
{warning_block}
<section><h2>Reliabilitas per tugas</h2>{alpha_block}
<p class="note">Alfa Cronbach dengan varians sampel (ddof = 1), atas butir yang sudah dinilai untuk semua peserta.</p>
</section>
<section><h2>Analisis butir</h2>{scatter}
<p class="note">Kemudahan = rata-rata proporsi skor; daya beda = korelasi skor butir dengan jumlah skor butir lain
pada tugas yang sama. Daya beda di bawah 0,2 lemah; di bawah 0 berarti peserta yang kuat justru lebih sering salah.
Butir tanpa daya beda (varians nol) digambar pada garis 0.</p></section>
<section><h2>Penguasaan tujuan pembelajaran</h2>{heatmap}
<p class="note">Proporsi poin yang diperoleh atas semua butir bernilai untuk setiap tujuan, dari semua tugas.</p>
</section>
<section><h2>Gain pra-tes ke pasca-tes</h2>{gain}
<p class="note">g = (pasca - pra) / (1 - pra), dihitung per peserta lalu dirata-rata (butir sm6 dipasangkan dengan
kembarannya di sm0); n = peserta yang mengerjakan keduanya.</p></section>
<section><details><summary><b>Tabel semua butir</b></summary>{item_block}</details></section>
</main></body></html>
"""


def build_report(results: pd.DataFrame, out_dir: Path, title: str = "Laporan kursus") -> Path:
    """Write butir.csv, opsi.csv, penguasaan.csv, gain.csv, nilai.csv and laporan.html to ``out_dir``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    items = item_table(results)
    mastery = stats.mastery(results)
    gain = gain_table(results)
    alpha = alpha_table(results)
    write_csv(items.round(4), out_dir / "butir.csv")
    write_csv(option_table(results).round(4), out_dir / "opsi.csv")
    write_csv(mastery.round(4).rename_axis("student").reset_index(), out_dir / "penguasaan.csv")
    write_csv(gain.round(4), out_dir / "gain.csv")
    write_csv(grade_table(results), out_dir / "nilai.csv")
    summary = (f"{results['student'].nunique()} peserta \u00b7 {results['assignment'].nunique()} tugas \u00b7 "
               f"{results['item_id'].nunique()} butir bernilai \u00b7 dibuat {date.today():%d-%m-%Y}")
    figures = _figures_html([_facility_figure(items), _mastery_figure(mastery), _gain_figure(gain)])
    if gain.empty:
        figures[2] = ("<p>Belum ada pasangan pra-tes (sm0_orientasi) dan pasca-tes (sm6_evaluasi) yang dinilai "
                      "untuk peserta yang sama.</p>")
    path = out_dir / "laporan.html"
    path.write_text(_page(title, summary, _warnings(results, items), alpha, figures, items), encoding="utf-8")
    return path
