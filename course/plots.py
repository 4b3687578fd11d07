"""Figures of the course, drawn with plotly (charts) or HTML (diagrams of boxes), shown without any internet access.

A chart is displayed through plotly's own MIME type, which JupyterLab, Notebook 7 and Voila render
with the bundled ``jupyterlab-plotly`` extension (no CDN); a diagram of text boxes (a model's six steps)
is plain HTML, lighter for the page. Every figure also carries a plain-text description, for screen
readers and for exports that cannot draw plotly.
"""

from __future__ import annotations

import json
import math

import plotly.graph_objects as go

from ._messages import get_language, message

__all__ = [
    "FigureView", "DiagramView", "actor_map_figure", "project_cycle_figure", "coupling_heatmap_figure",
    "model_flow_figure", "sister_city_counts_figure", "negotiation_figure", "PROJECT_CYCLE", "FIGURES",
]

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
    figure.add_annotation(x=0, y=0, text=message("fig_cycle_centre"), showarrow=False, font=dict(size=14, color="#333"))
    figure.update_layout(
        font=_FONT, showlegend=False, height=520, margin=dict(l=20, r=20, t=50, b=20),
        title=dict(text=message("fig_cycle_title"), x=0.5),
        xaxis=dict(visible=False, range=[-2.1, 2.1], fixedrange=True),
        yaxis=dict(visible=False, range=[-1.45, 1.45], scaleanchor="x", fixedrange=True),
        plot_bgcolor="white",
    )
    description = message("fig_cycle_description", stages=" \u2192 ".join(labels))
    return FigureView(figure, description)


# --- the actor map: influence x interest (Sub-modul 2, langkah fasilitator 1) ------------------------
# the quadrants as drawn: top right, top left, bottom right, bottom left
_QUADRANTS = ("fig_actor_manage", "fig_actor_satisfy", "fig_actor_inform", "fig_actor_monitor")


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
    named = [row for row in rows if row.get("name", "").strip()]
    positions = _spread(named)
    figure = go.Figure()
    for number, category in enumerate(categories):
        members = [(row, position) for row, position in zip(named, positions) if row.get("category") == category["id"]]
        figure.add_trace(_actor_trace(members, category["text"], _PALETTE[number % len(_PALETTE)]))
    unclassified = [(row, position) for row, position in zip(named, positions)
                    if row.get("category") not in {category["id"] for category in categories}]
    if unclassified:
        figure.add_trace(_actor_trace(unclassified, "\u2014", "#9e9e9e"))
    for x, y, label in zip((4.2, 1.8, 4.2, 1.8), (5.35, 5.35, 0.65, 0.65), _QUADRANTS):
        figure.add_annotation(x=x, y=y, text=f"<i>{message(label)}</i>", showarrow=False, font=dict(color="#666", size=12))
    figure.add_shape(type="line", x0=3, x1=3, y0=0.5, y1=5.5, line=dict(color="#bbb", dash="dot"))
    figure.add_shape(type="line", x0=0.5, x1=5.5, y0=3, y1=3, line=dict(color="#bbb", dash="dot"))
    figure.update_layout(
        font=_FONT, height=460, margin=dict(l=60, r=20, t=50, b=50), title=dict(text=message("fig_actor_title"), x=0.5),
        xaxis=dict(title=message("fig_actor_x"), range=[0.5, 5.5], dtick=1, fixedrange=True, gridcolor="#eee"),
        yaxis=dict(title=message("fig_actor_y"), range=[0.5, 5.5], dtick=1, fixedrange=True, gridcolor="#eee"),
        plot_bgcolor="white", legend=dict(orientation="h", y=-0.2),
    )
    return FigureView(figure, _describe_actor_map(named, categories))


def _actor_trace(members, name: str, colour: str) -> go.Scatter:
    influence, interest = message("fig_actor_influence"), message("fig_actor_interest")
    return go.Scatter(
        x=[position[0] for _row, position in members], y=[position[1] for _row, position in members],
        mode="markers+text", name=name, text=[row["name"].strip() for row, _position in members],
        textposition="top center", marker=dict(size=14, color=colour, line=dict(width=1, color="white")),
        customdata=[[row.get("role", ""), row["influence"], row["interest"]] for row, _position in members],
        hovertemplate=f"<b>%{{text}}</b><br>%{{customdata[0]}}<br>{influence} %{{customdata[1]}}, "
                      f"{interest} %{{customdata[2]}}<extra>{name}</extra>",
    )


def _describe_actor_map(named: list[dict], categories: list[dict]) -> str:
    names = {category["id"]: category["text"] for category in categories}
    if not named:
        return message("fig_actor_empty")
    influence, interest = message("fig_actor_influence"), message("fig_actor_interest")
    lines = [message("fig_actor_description", count=len(named))]
    for row in named:
        lines.append(f"- {row['name'].strip()} ({names.get(row.get('category'), '—')}): "
                     f"{influence} {row['influence']}, {interest} {row['interest']}")
    return "\n".join(lines)


# --- strategic coupling (Sub-modul 3, latihan 1) ----------------------------------------------------
def _two_decimals(value: float) -> str:
    """``3,88`` in Bahasa Indonesia (the notebooks' decimal comma), ``3.88`` in English."""
    text = f"{value:.2f}"
    return text.replace(".", ",") if get_language() == "id" else text


def coupling_heatmap_figure(own_scores: dict | None = None) -> FigureView:
    """Regions x firms coupling scores on the illustrative data, the best region per firm outlined."""
    from .coupling import OWN_REGION, coupling_scores
    from .data import load_table

    assets, needs = load_table("regional_assets"), load_table("firm_needs")
    scores = coupling_scores(assets, needs, own_scores)
    region_names = dict(zip(assets["region_id"], assets["region"]))
    firm_names = dict(zip(needs["firm_id"], needs["firm"]))
    rows, columns = list(scores.index), list(scores.columns)
    values = scores.round(2).values.tolist()
    figure = go.Figure(go.Heatmap(
        z=values, x=[firm_names[firm] for firm in columns], y=[region_names[region] for region in rows],
        zmin=0, zmax=5, colorscale="Blues", colorbar=dict(title=message("fig_coupling_scale")),
        text=[[_two_decimals(value) for value in row] for row in values], texttemplate="%{text}",
        hovertemplate="%{y} \u00d7 %{x}: %{z:.2f}<extra></extra>", textfont=dict(size=15),
    ))
    for column_number, firm in enumerate(columns):
        best = rows.index(str(scores[firm].idxmax()))
        figure.add_shape(type="rect", x0=column_number - 0.5, x1=column_number + 0.5, y0=best - 0.5, y1=best + 0.5,
                         line=dict(color="#c25400", width=4))
    figure.update_layout(
        font=_FONT, height=380, margin=dict(l=150, r=20, t=60, b=60),
        separators=",." if get_language() == "id" else ".,",  # the hover's %{z:.2f} in the same style
        title=dict(text=message("fig_coupling_title"), x=0.5),
        yaxis=dict(autorange="reversed", fixedrange=True), xaxis=dict(fixedrange=True, side="bottom"),
    )
    lines = [message("fig_coupling_description")]
    for region, row in zip(rows, values):
        own = message("fig_coupling_own") if region == OWN_REGION else ""
        lines.append(f"- {region_names[region]}{own}: " + "; ".join(
            f"{firm_names[firm]} {_two_decimals(value)}" for firm, value in zip(columns, row)))
    return FigureView(figure, "\n".join(lines))


# --- the three models as flow diagrams (Sub-modul 3, Gambar 3.3-3.5) ---------------------------------
MODEL_STEPS = ("planning_basis", "strategy_vision", "theory_data", "model_summary", "goal", "cooperation")
"""The columns of paradiplomacy_models.csv shown as steps, in order; each is labelled by ``fig_model_<column>``."""


class DiagramView:
    """A diagram of boxes and arrows drawn in HTML (no plotly.js to load or lay out), plus its description."""

    def __init__(self, html: str, description: str):
        self.html = html
        self.description = description

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html, "text/plain": self.description}

    def __repr__(self) -> str:
        return self.description


def _diagram(title: str, body: str, note: str = "") -> str:
    """The frame every HTML diagram shares: a captioned figure (the browser tests find it by ``kursus-diagram``)."""
    from html import escape

    caption = f'<p style="margin:6px 0 0;font-size:13px;color:#51606f">{escape(note)}</p>' if note else ""
    return ('<figure class="kursus-diagram" style="margin:8px 0;max-width:860px;font-family:Arial,sans-serif;'
            'font-size:14px;line-height:1.4;color:#222"><figcaption style="text-align:center;font-size:17px;'
            f'margin-bottom:8px">{escape(title)}</figcaption>{body}{caption}</figure>')


def model_flow_figure(model_id: str) -> DiagramView:
    """One model as six boxes from planning to cooperation, arrows between them (top to bottom).

    HTML rather than plotly: the boxes hold sentences, which wrap to any width (laptop or projector), and the
    page does not lay out three more plotly charts while the exercises wait (Sub-modul 3 shows six figures).
    """
    from html import escape

    from .data import load_table

    models = load_table("paradiplomacy_models").set_index("model_id")
    model = models.loc[model_id]
    title = message("fig_model_title", region=model["region"])
    labels = [(column, message(f"fig_model_{column}")) for column in MODEL_STEPS]
    steps = []
    for index, (column, label) in enumerate(labels):
        colour = _PALETTE[index % len(_PALETTE)]
        arrow = ('<div aria-hidden="true" style="text-align:center;color:#7a8899;font-size:18px;line-height:22px">'
                 "\u25bc</div>") if index else ""
        steps.append(
            f'<li style="margin:0;padding:0">{arrow}<div style="display:flex;gap:14px;align-items:baseline;'
            f'border:2px solid {colour};padding:8px 14px;background:white">'
            f'<b style="color:{colour};flex:0 0 11em">{index + 1}. {escape(label)}</b>'
            f"<span>{escape(str(model[column]))}</span></div></li>")
    html = _diagram(title, '<ol style="list-style:none;margin:0;padding:0">' + "".join(steps) + "</ol>")
    description = f"{title}: " + " \u2192 ".join(f"{label}: {model[column]}" for column, label in labels)
    return DiagramView(html, description)


# --- how many sister cities Jakarta was said to have (Sub-modul 3, Catatan fakta) ---------------------
def sister_city_counts_figure() -> FigureView:
    """Each stated count of Jakarta's sister cities against the date it was stated; the module's in orange."""
    from .data import load_table

    counts = load_table("jakarta_sister_city_counts").sort_values("sort_date", na_position="last")
    dated = counts[counts["sort_date"].notna()]
    is_module = dated["confidence"] == "module"
    figure = go.Figure()
    confidence = message("fig_sister_confidence")
    for selected, name, colour in ((~is_module, message("fig_sister_officials"), "#1f5fa8"),
                                   (is_module, message("fig_sister_module"), "#c25400")):
        rows = dated[selected]
        figure.add_trace(go.Scatter(
            x=[str(date) for date in rows["sort_date"]], y=rows["count_stated"], mode="markers+text", name=name,
            text=rows["count_stated"].astype(str), textposition="top center",
            marker=dict(size=13, color=colour), customdata=rows[["statement_date", "speaker", "confidence"]].values,
            hovertemplate=f"%{{customdata[0]}}: %{{y}} (%{{customdata[1]}}; {confidence} %{{customdata[2]}})"
                          "<extra></extra>",
        ))
    figure.update_layout(
        font=_FONT, height=380, margin=dict(l=60, r=20, t=50, b=60), plot_bgcolor="white",
        title=dict(text=message("fig_sister_title"), x=0.5),
        xaxis=dict(title=message("fig_sister_x"), gridcolor="#eee"),
        yaxis=dict(title=message("fig_sister_y"), gridcolor="#eee", range=[0, int(counts["count_stated"].max()) + 5]),
        legend=dict(orientation="h", y=-0.25),
    )
    undated = message("fig_sister_no_date")
    description = message("fig_sister_description") + "; ".join(
        f"{row.statement_date or undated}: {row.count_stated} ({row.speaker})" for row in counts.itertuples())
    return FigureView(figure, description)


# --- the negotiation role-play: where a deal sits (Sub-modul 5) ---------------------------------------
def negotiation_figure(scene, deal: dict | None, team: str = "marvel") -> FigureView:
    """Every package as (Marvel's points, Batman's points), the zone of agreement, the best joint deals, the deal."""
    from .negotiation import SIDES, all_packages, pareto_packages, points, split_the_difference

    packages = all_packages(scene)
    xs = [points(scene, package, "marvel") for package in packages]
    ys = [points(scene, package, "batman") for package in packages]
    walk = scene.walkaway
    figure = go.Figure()
    figure.add_shape(type="rect", x0=walk["marvel"], x1=102, y0=walk["batman"], y1=102, line=dict(width=0),
                     fillcolor="rgba(46,125,50,0.10)", layer="below")
    figure.add_annotation(x=101, y=101, xanchor="right", yanchor="top", showarrow=False,
                          text=message("fig_nego_zone"), font=dict(color="#2e7d32"))
    figure.add_trace(go.Scatter(x=xs, y=ys, mode="markers", name=message("fig_nego_all"),
                                marker=dict(size=7, color="#b0b7c0"), hoverinfo="skip"))
    frontier = sorted((points(scene, p, "marvel"), points(scene, p, "batman")) for p in pareto_packages(scene))
    figure.add_trace(go.Scatter(x=[x for x, _ in frontier], y=[y for _, y in frontier], mode="lines+markers",
                                name=message("fig_nego_frontier"),
                                line=dict(color="#1f5fa8", dash="dot"), marker=dict(size=8, color="#1f5fa8")))
    middle = split_the_difference(scene)
    figure.add_trace(go.Scatter(x=[points(scene, middle, "marvel")], y=[points(scene, middle, "batman")],
                                mode="markers", name=message("fig_nego_middle"),
                                marker=dict(size=12, symbol="diamond", color="#8e24aa")))
    deal_xy = (points(scene, deal, "marvel"), points(scene, deal, "batman"))
    figure.add_trace(go.Scatter(x=[deal_xy[0]], y=[deal_xy[1]], mode="markers+text",
                                name=message("fig_nego_deal" if deal else "fig_nego_no_deal"),
                                text=[message("fig_nego_marker")], textposition="top left" if deal_xy[0] > 80 else "top right",
                                marker=dict(size=20, symbol="star" if deal else "x", color="#c25400")))
    for side, axis in zip(SIDES, ("x", "y")):
        line = dict(type="line", line=dict(color="#2e7d32", dash="dash"))
        if axis == "x":
            figure.add_shape(**line, x0=walk[side], x1=walk[side], y0=0, y1=102)
        else:
            figure.add_shape(**line, y0=walk[side], y1=walk[side], x0=0, x1=102)
    figure.update_layout(
        font=_FONT, height=480, margin=dict(l=60, r=20, t=50, b=60), plot_bgcolor="white",
        title=dict(text=message("fig_nego_title", title=scene.title), x=0.5),
        xaxis=dict(title=message("fig_nego_x"), range=[0, 102], gridcolor="#eee"),
        yaxis=dict(title=message("fig_nego_y"), range=[0, 102], gridcolor="#eee"),
        legend=dict(orientation="h", y=-0.22, font=dict(size=11)),
    )
    joint = deal_xy[0] + deal_xy[1]
    best = max(x + y for x, y in zip(xs, ys))
    description = message("fig_nego_description", title=scene.title,
                          outcome=message("fig_nego_not_agreed" if deal is None else "fig_nego_agreed"),
                          marvel=message("points", points=deal_xy[0]), batman=message("points", points=deal_xy[1]),
                          joint=joint, best=best, walk_marvel=walk["marvel"], walk_batman=walk["batman"])
    return FigureView(figure, description)


# --- GPN in a territory and the bargaining process (Sub-modul 3, Gambar 3.1 and 3.2, redrawn) --------
def _sm3_box(title: str, body: str = "", colour: str = "#1f5fa8", grow: str = "1 1 12em") -> str:
    """One box of an sm3 diagram: a bold title in the box's colour and, if given, a sentence under it."""
    from html import escape

    text = f'<div style="margin-top:4px">{escape(body)}</div>' if body else ""
    return (f'<div style="flex:{grow};border:2px solid {colour};background:white;padding:8px 12px">'
            f'<b style="color:{colour}">{escape(title)}</b>{text}</div>')


def _sm3_row(boxes: list[str], frame: str = "") -> str:
    """Boxes side by side, wrapping under each other on a narrow screen; ``frame`` labels a dashed frame round them."""
    from html import escape

    if not frame:
        return '<div style="display:flex;flex-wrap:wrap;gap:10px">' + "".join(boxes) + "</div>"
    return ('<div style="border:2px dashed #6d4c41;background:#faf7f2;padding:6px 10px 10px">'
            f'<div style="color:#6d4c41;font-weight:bold;margin-bottom:6px">{escape(frame)}</div>'
            '<div style="display:flex;flex-wrap:wrap;gap:10px">' + "".join(boxes) + "</div></div>")


def _sm3_arrow(label: str) -> str:
    """A downward arrow between two rows, with what flows or happens there."""
    from html import escape

    return ('<div style="text-align:center;color:#51606f;margin:6px 0"><span aria-hidden="true" '
            f'style="font-size:18px">\u25bc</span> <i>{escape(label)}</i></div>')


def gpn_territory_figure() -> DiagramView:
    """Gambar 3.1 redrawn: a global lead firm coordinating the economic and non-economic actors of one territory.

    Paraphrased from the module's text on GPN (Coe & Yeung, 2015), the figure itself being an image: the lead firm
    between the network's other places and the global market, the ways it coordinates (subcontracting, alliances,
    partnerships, non-equity ties), and the territory's actors in a dashed frame.
    """
    lead, ways, territory = message("fig_gpn_lead"), message("fig_gpn_ways"), message("fig_gpn_territory")
    economic, non_economic = message("fig_gpn_economic_body"), message("fig_gpn_non_economic_body")
    top = _sm3_row([
        _sm3_box(message("fig_gpn_elsewhere"), message("fig_gpn_elsewhere_body"), "#546e7a"),
        _sm3_box(lead, message("fig_gpn_lead_body"), "#1f5fa8", "2 1 16em"),
        _sm3_box(message("fig_gpn_market"), message("fig_gpn_market_body"), "#546e7a"),
    ])
    inside = _sm3_row([_sm3_box(message("fig_gpn_economic"), economic, "#2e7d32", "1 1 14em"),
                       _sm3_box(message("fig_gpn_non_economic"), non_economic, "#8e24aa", "1 1 14em")],
                      frame=territory)
    title = message("fig_gpn_title")
    html = _diagram(title, "".join([top, _sm3_arrow(ways), inside]), message("fig_gpn_note"))
    description = message("fig_gpn_description", lead=lead, ways=ways, economic=economic, non_economic=non_economic)
    return DiagramView(html, f"{title}: {description}")


def bargaining_figure() -> DiagramView:
    """Gambar 3.2 redrawn: firm and region bargain and cooperate, coupling follows, three development goals.

    Paraphrased from the module's text (Coe & Yeung, 2015): each side with its interest, strategic coupling where
    the firm's strategic needs meet the regional assets, and the three outcomes of regional development.
    """
    firm, region, coupling = message("fig_bargain_firm"), message("fig_bargain_region"), message("fig_bargain_coupling")
    outcomes = [message(f"fig_bargain_outcome_{number}") for number in (1, 2, 3)]
    sides = _sm3_row([_sm3_box(firm, message("fig_bargain_firm_body"), "#1f5fa8", "1 1 16em"),
                      _sm3_box(region, message("fig_bargain_region_body"), "#2e7d32", "1 1 16em")])
    middle = _sm3_row([_sm3_box(coupling, message("fig_bargain_coupling_body"), "#c25400", "1 1 100%")])
    goals = _sm3_row([_sm3_box(outcome, "", "#8e24aa", "1 1 11em") for outcome in outcomes],
                     frame=message("fig_bargain_development"))
    title = message("fig_bargain_title")
    html = _diagram(title, "".join([sides, _sm3_arrow(message("fig_bargain_process")), middle,
                                    _sm3_arrow(message("fig_bargain_leads_to")), goals]), message("fig_bargain_note"))
    description = message("fig_bargain_description", outcomes="; ".join(outcomes))
    return DiagramView(html, f"{title}: {description}")


FIGURES = {
    "project_cycle": project_cycle_figure,
    "coupling_heatmap": coupling_heatmap_figure,
    "model_jakarta": lambda: model_flow_figure("jakarta"),
    "model_bali": lambda: model_flow_figure("bali"),
    "model_bintan": lambda: model_flow_figure("bintan"),
    "sister_city_counts": sister_city_counts_figure,
    "gpn_territory": gpn_territory_figure,
    "bargaining_process": bargaining_figure,
}

