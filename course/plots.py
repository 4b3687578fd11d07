"""Figures of the course, drawn with plotly and shown without any internet access.

A figure is displayed through plotly's own MIME type, which JupyterLab, Notebook 7 and Voila render
with the bundled ``jupyterlab-plotly`` extension (no CDN). Every figure also carries a plain-text
description, for screen readers and for exports that cannot draw plotly.
"""

from __future__ import annotations

import json
import math

import plotly.graph_objects as go

from ._messages import get_language

__all__ = ["FigureView", "actor_map_figure", "project_cycle_figure", "PROJECT_CYCLE", "FIGURES"]

PLOTLY_MIME = "application/vnd.plotly.v1+json"
_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}
_FONT = dict(family="Arial, sans-serif", size=13, color="#222")
_PALETTE = ["#1f5fa8", "#c25400", "#2e7d32", "#8e24aa", "#b3261e", "#00838f", "#6d4c41", "#546e7a"]


class FigureView:
    """A plotly figure plus its description in words; displays as both."""

    def __init__(self, figure: go.Figure, description: str):
        self.figure = figure
        self.description = description

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = json.loads(self.figure.to_json())
        data["config"] = _CONFIG
        return {PLOTLY_MIME: data, "text/plain": self.description}

    def __repr__(self) -> str:
        return self.description


# --- the project cycle of international development agencies (Sub-modul 4, Gambar 4.1) -------------
PROJECT_CYCLE = (
    ("Identifikasi", "Kegiatan dan lokasi proyek ditentukan; usulan dirujukkan pada Country Programme / "
                     "Country Partnership Framework dan RPJP, RPJM, RKP, RPJMD."),
    ("Persiapan", "Kajian teknis, pendanaan dan ekonomi, institusi, keuangan dan pengadaan, lingkungan dan "
                  "sosial, serta hasil dan risiko."),
    ("Appraisal", "Lembaga donor menyusun dokumen penilaian proyek (termasuk PMU) dan draf perjanjian legal "
                  "bersama calon pelaksana."),
    ("Negosiasi & persetujuan", "Pemerintah dan donor berunding; dokumen penilaian, dokumen legal, dan MOU "
                                "difinalisasi sesuai prioritas pusat dan daerah."),
    ("Implementasi", "Kegiatan dijalankan sesuai kesepakatan; kemajuan dan penggunaan dana dimonitor; "
                     "kegiatan baru dibahas dalam pertemuan koordinasi."),
    ("Penyelesaian & evaluasi", "Review pelaksanaan, pembelajaran (lessons learned), praktik baik dan hambatan; "
                                "usulan proyek lanjutan."),
)


def project_cycle_figure(stages=PROJECT_CYCLE) -> FigureView:
    """The stages as a clockwise circle of numbered nodes with arrows from each stage to the next."""
    count = len(stages)
    angles = [math.pi / 2 - 2 * math.pi * index / count for index in range(count)]
    xs = [math.cos(angle) for angle in angles]
    ys = [math.sin(angle) for angle in angles]
    figure = go.Figure()
    for index in range(count):
        following = (index + 1) % count
        figure.add_annotation(
            x=xs[following] * 0.82 + xs[index] * 0.18, y=ys[following] * 0.82 + ys[index] * 0.18,
            ax=xs[index] * 0.82 + xs[following] * 0.18, ay=ys[index] * 0.82 + ys[following] * 0.18,
            xref="x", yref="y", axref="x", ayref="y", showarrow=True, arrowhead=3, arrowsize=1.4,
            arrowwidth=2, arrowcolor="#7a8899", text="",
        )
    labels = [f"{index + 1}. {label}" for index, (label, _detail) in enumerate(stages)]
    figure.add_trace(go.Scatter(
        x=xs, y=ys, mode="markers+text", text=labels,
        textposition=["top center" if y > 0.9 else "bottom center" if y < -0.9 else
                      ("middle right" if x > 0 else "middle left") for x, y in zip(xs, ys)],
        marker=dict(size=34, color=_PALETTE[: count], line=dict(width=2, color="white")),
        customdata=[detail for _label, detail in stages],
        hovertemplate="<b>%{text}</b><br>%{customdata}<extra></extra>",
        textfont=dict(size=14),
    ))
    figure.add_annotation(x=0, y=0, text="<b>Siklus proyek</b><br>lembaga pembangunan<br>internasional",
                          showarrow=False, font=dict(size=14, color="#333"))
    figure.update_layout(
        font=_FONT, showlegend=False, height=520, margin=dict(l=20, r=20, t=50, b=20),
        title=dict(text="Enam tahap siklus proyek (arahkan kursor ke tahap untuk penjelasan)", x=0.5),
        xaxis=dict(visible=False, range=[-2.1, 2.1], fixedrange=True),
        yaxis=dict(visible=False, range=[-1.45, 1.45], scaleanchor="x", fixedrange=True),
        plot_bgcolor="white",
    )
    description = "Siklus proyek: " + " \u2192 ".join(labels) + " \u2192 kembali ke 1."
    return FigureView(figure, description)


# --- the actor map: influence x interest (Sub-modul 2, langkah fasilitator 1) ------------------------
_QUADRANTS = {
    "id": ("Kelola dengan erat", "Jaga kepuasannya", "Beri informasi", "Pantau"),
    "en": ("Manage closely", "Keep satisfied", "Keep informed", "Monitor"),
}
_RATINGS = {"id": ("pengaruh", "kepentingan"), "en": ("influence", "interest")}
_AXES = {"id": ("Kepentingan terhadap kerja sama (1\u20135)", "Pengaruh (1\u20135)", "Peta aktor daerah Anda"),
         "en": ("Interest in the cooperation (1\u20135)", "Influence (1\u20135)", "Your region's actor map")}


def _spread(rows: list[dict]) -> list[tuple[float, float]]:
    """Positions that keep actors with the same ratings apart: a small ring around the shared point."""
    groups: dict[tuple, list[int]] = {}
    for index, row in enumerate(rows):
        groups.setdefault((row["interest"], row["influence"]), []).append(index)
    positions: list[tuple[float, float]] = [(0.0, 0.0)] * len(rows)
    for (interest, influence), members in groups.items():
        for rank, index in enumerate(members):
            if len(members) == 1:
                positions[index] = (interest, influence)
            else:
                angle = 2 * math.pi * rank / len(members)
                positions[index] = (interest + 0.22 * math.cos(angle), influence + 0.22 * math.sin(angle))
    return positions


def actor_map_figure(rows: list[dict], categories: list[dict]) -> FigureView:
    """Influence (y) against interest (x) of the named actors in ``rows``, one colour per category."""
    language = get_language()
    x_title, y_title, title = _AXES[language]
    named = [row for row in rows if row.get("name", "").strip()]
    positions = _spread(named)
    figure = go.Figure()
    for number, category in enumerate(categories):
        members = [(row, position) for row, position in zip(named, positions) if row.get("category") == category["id"]]
        figure.add_trace(_actor_trace(members, category["text"], _PALETTE[number % len(_PALETTE)], language))
    unclassified = [(row, position) for row, position in zip(named, positions)
                    if row.get("category") not in {category["id"] for category in categories}]
    if unclassified:
        figure.add_trace(_actor_trace(unclassified, "\u2014", "#9e9e9e", language))
    for x, y, label in zip((4.2, 1.8, 4.2, 1.8), (5.35, 5.35, 0.65, 0.65), _QUADRANTS[language]):
        figure.add_annotation(x=x, y=y, text=f"<i>{label}</i>", showarrow=False, font=dict(color="#666", size=12))
    figure.add_shape(type="line", x0=3, x1=3, y0=0.5, y1=5.5, line=dict(color="#bbb", dash="dot"))
    figure.add_shape(type="line", x0=0.5, x1=5.5, y0=3, y1=3, line=dict(color="#bbb", dash="dot"))
    figure.update_layout(
        font=_FONT, height=460, margin=dict(l=60, r=20, t=50, b=50), title=dict(text=title, x=0.5),
        xaxis=dict(title=x_title, range=[0.5, 5.5], dtick=1, fixedrange=True, gridcolor="#eee"),
        yaxis=dict(title=y_title, range=[0.5, 5.5], dtick=1, fixedrange=True, gridcolor="#eee"),
        plot_bgcolor="white", legend=dict(orientation="h", y=-0.2),
    )
    return FigureView(figure, _describe_actor_map(named, categories, language))


def _actor_trace(members, name: str, colour: str, language: str) -> go.Scatter:
    influence, interest = _RATINGS[language]
    return go.Scatter(
        x=[position[0] for _row, position in members], y=[position[1] for _row, position in members],
        mode="markers+text", name=name, text=[row["name"].strip() for row, _position in members],
        textposition="top center", marker=dict(size=14, color=colour, line=dict(width=1, color="white")),
        customdata=[[row.get("role", ""), row["influence"], row["interest"]] for row, _position in members],
        hovertemplate=f"<b>%{{text}}</b><br>%{{customdata[0]}}<br>{influence} %{{customdata[1]}}, "
                      f"{interest} %{{customdata[2]}}<extra>{name}</extra>",
    )


def _describe_actor_map(named: list[dict], categories: list[dict], language: str) -> str:
    names = {category["id"]: category["text"] for category in categories}
    if not named:
        return "Peta aktor masih kosong." if language == "id" else "The actor map is still empty."
    influence, interest = _RATINGS[language]
    lines = [("Peta aktor" if language == "id" else "Actor map") + f" ({len(named)}):"]
    for row in named:
        lines.append(f"- {row['name'].strip()} ({names.get(row.get('category'), '—')}): "
                     f"{influence} {row['influence']}, {interest} {row['interest']}")
    return "\n".join(lines)


FIGURES = {"project_cycle": project_cycle_figure}

