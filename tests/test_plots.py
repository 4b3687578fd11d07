"""The course figures: the project cycle and the actor map, drawn with plotly and shown offline."""

from __future__ import annotations

import json
import math

import pytest

import course
from course.display import show_figure
from course.plots import PLOTLY_MIME, PROJECT_CYCLE, FigureView, actor_map_figure, project_cycle_figure

STAGES = ["Identifikasi", "Persiapan", "Appraisal", "Negosiasi & persetujuan", "Implementasi",
          "Penyelesaian & evaluasi"]
CATEGORIES = [{"id": "pemda", "text": "Pemerintah daerah"}, {"id": "lsm", "text": "LSM internasional"}]


@pytest.fixture(autouse=True)
def workspace(tmp_path, monkeypatch):
    """A fresh folder as cwd and the language restored to Indonesian."""
    monkeypatch.chdir(tmp_path)
    course.set_language("id")
    try:
        yield tmp_path
    finally:
        course.set_language("id")


@pytest.fixture
def cycle() -> dict:
    """The plotly JSON of the project cycle, as sent to the notebook."""
    return project_cycle_figure()._repr_mimebundle_()[PLOTLY_MIME]


def stage_points(cycle: dict) -> list[tuple[str, float, float]]:
    (trace,) = [trace for trace in cycle["data"] if trace.get("mode") == "markers+text"]
    return list(zip(trace["text"], trace["x"], trace["y"]))


def nearest(points, x: float, y: float) -> int:
    return min(range(len(points)), key=lambda index: math.dist((x, y), points[index][1:]))


def test_six_stages_in_order(cycle):
    """Does the cycle show the six stages, numbered in the order of the module?"""
    assert [label for label, _detail in PROJECT_CYCLE] == STAGES
    assert [label for label, _x, _y in stage_points(cycle)] == [f"{n}. {s}" for n, s in enumerate(STAGES, start=1)]
    (trace,) = cycle["data"]
    assert trace["customdata"] == [detail for _label, detail in PROJECT_CYCLE]
    assert all(detail.strip() for detail in trace["customdata"])


def test_stages_on_a_circle_starting_at_the_top(cycle):
    """Are the stages evenly placed on a circle, stage 1 at the top, going clockwise?"""
    points = stage_points(cycle)
    for _label, x, y in points:
        assert math.hypot(x, y) == pytest.approx(1.0)
    assert points[0][1:] == pytest.approx((0.0, 1.0), abs=1e-9)
    assert points[1][1] > 0, "stage 2 lies to the right of stage 1 (clockwise)"
    for (_a, x1, y1), (_b, x2, y2) in zip(points, points[1:] + points[:1]):
        assert math.dist((x1, y1), (x2, y2)) == pytest.approx(1.0)


def test_arrows_go_from_each_stage_to_the_next(cycle):
    """Is there one arrow per step, 1 → 2 … 5 → 6 and 6 → 1, each pointing at the next stage?"""
    points = stage_points(cycle)
    arrows = [note for note in cycle["layout"]["annotations"] if note.get("showarrow")]
    assert len(arrows) == 6
    steps = []
    for arrow in arrows:
        assert (arrow["xref"], arrow["yref"], arrow["axref"], arrow["ayref"]) == ("x", "y", "x", "y")
        tail = nearest(points, arrow["ax"], arrow["ay"])
        head = nearest(points, arrow["x"], arrow["y"])
        following = points[(tail + 1) % 6][1:]
        assert math.dist((arrow["x"], arrow["y"]), following) < math.dist((arrow["ax"], arrow["ay"]), following)
        steps.append((tail + 1, head + 1))
    assert sorted(steps) == [(1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 1)]


def test_centre_label_has_no_arrow(cycle):
    """Is the title in the middle of the circle a plain label, not a seventh arrow?"""
    plain = [note for note in cycle["layout"]["annotations"] if not note.get("showarrow")]
    assert [(note["x"], note["y"]) for note in plain] == [(0, 0)]
    assert "Siklus proyek" in plain[0]["text"]


def test_bundle_renders_offline(cycle):
    """Does the bundle carry plotly's MIME type with data, layout and config, and no internet address at all?"""
    assert set(cycle) == {"data", "layout", "config"}
    assert cycle["config"]["displaylogo"] is False
    bundle = project_cycle_figure()._repr_mimebundle_()
    text = json.dumps(bundle, ensure_ascii=False)
    assert json.loads(text) == bundle
    assert "cdn.plot.ly" not in text
    assert "https://" not in text and "http://" not in text
    assert set(bundle) == {PLOTLY_MIME, "text/plain"}, "no text/html that would load plotly.js from a CDN"


def test_description_names_every_stage():
    """Does the plain-text description name all six stages in order and close the cycle?"""
    view = project_cycle_figure()
    text = view._repr_mimebundle_()["text/plain"]
    assert text == ("Siklus proyek: 1. Identifikasi \u2192 2. Persiapan \u2192 3. Appraisal \u2192 "
                    "4. Negosiasi & persetujuan \u2192 5. Implementasi \u2192 6. Penyelesaian & evaluasi "
                    "\u2192 kembali ke 1.")
    assert repr(view) == text
    positions = [text.index(stage) for stage in STAGES]
    assert positions == sorted(positions)


def test_show_figure_known_and_unknown():
    """Does show_figure() return the project cycle by name, and a clear notice for an unknown name?"""
    shown = show_figure("project_cycle")
    assert isinstance(shown, FigureView)
    bundle = shown._repr_mimebundle_()
    assert bundle["text/plain"] == project_cycle_figure().description
    assert len(bundle[PLOTLY_MIME]["layout"]["annotations"]) == 7
    problem = show_figure("tidak_ada")._repr_mimebundle_()
    assert problem["text/plain"] == "Gambar \u201ctidak_ada\u201d tidak dikenal. Hubungi instruktur."
    assert 'role="alert"' in problem["text/html"]
    assert PLOTLY_MIME not in problem


def test_show_figure_unknown_in_english():
    """Is the notice for an unknown figure in English after set_language("en")?"""
    course.set_language("en")
    text = show_figure("tidak_ada")._repr_mimebundle_()["text/plain"]
    assert text == "Figure \u201ctidak_ada\u201d is unknown. Contact the instructor."


def test_empty_actor_map():
    """Is an actor map without named actors described as empty, in both languages, and still drawable?"""
    bundle = actor_map_figure([], CATEGORIES)._repr_mimebundle_()
    assert bundle["text/plain"] == "Peta aktor masih kosong."
    assert all(trace["x"] == [] for trace in bundle[PLOTLY_MIME]["data"])
    unnamed = [{"name": "  ", "category": "pemda", "role": "", "influence": 5, "interest": 5}]
    assert actor_map_figure(unnamed, CATEGORIES).description == "Peta aktor masih kosong."
    course.set_language("en")
    assert actor_map_figure([], CATEGORIES).description == "The actor map is still empty."


def test_actor_map_quadrants_and_axes():
    """Does the actor map label its four quadrants and its axes, with interest across and influence up?"""
    figure = actor_map_figure([], CATEGORIES)._repr_mimebundle_()[PLOTLY_MIME]
    layout = figure["layout"]
    labels = {note["text"]: (note["x"], note["y"]) for note in layout["annotations"]}
    assert labels == {"<i>Kelola dengan erat</i>": (4.2, 5.35), "<i>Jaga kepuasannya</i>": (1.8, 5.35),
                      "<i>Beri informasi</i>": (4.2, 0.65), "<i>Pantau</i>": (1.8, 0.65)}
    assert layout["xaxis"]["title"]["text"].startswith("Kepentingan")
    assert layout["yaxis"]["title"]["text"].startswith("Pengaruh")
    assert layout["xaxis"]["range"] == layout["yaxis"]["range"] == [0.5, 5.5]
    assert figure["config"]["displaylogo"] is False
    assert "https://" not in json.dumps(figure)


# --- Sub-modul 3: Gambar 3.1 (GPN in a territory) and 3.2 (bargaining process), redrawn as HTML diagrams ---
SM3_DIAGRAMS = {
    "gpn_territory": ["Gambar 3.1", "Perusahaan pemimpin (lead firm) global", "Teritori (wilayah subnasional)",
                      "subkontrak", "aliansi", "kemitraan", "hubungan non-ekuitas", "Aktor ekonomi",
                      "pemasok, produsen, penyedia layanan", "Aktor non-ekonomi", "Wilayah lain", "Pasar global",
                      "Coe &amp; Yeung, 2015"],
    "bargaining_process": ["Gambar 3.2", "Perusahaan multinasional", "daya saing", "Wilayah subnasional",
                           "pertumbuhan ekonomi", "teknologi dan pengetahuan", "organisasi industri",
                           "politik teritorial dan relasi sosial", "Strategic coupling", "Pembangunan regional",
                           "Value capture", "Industrial and social upgrading", "Sustainable growth trajectory",
                           "Coe &amp; Yeung, 2015"],
}


@pytest.mark.parametrize("name", sorted(SM3_DIAGRAMS))
def test_sm3_diagram_builds_with_its_labels(name):
    """Do Gambar 3.1 and 3.2 build through show_figure, as HTML with every label of the module's figure?"""
    bundle = show_figure(name)._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/plain"}
    html = bundle["text/html"]
    assert html.startswith('<figure class="kursus-diagram"') and html.endswith("</figure>")
    missing = [label for label in SM3_DIAGRAMS[name] if label not in html]
    assert not missing, missing
    assert bundle["text/plain"].startswith(SM3_DIAGRAMS[name][0])


def test_sm3_diagrams_read_in_order():
    """Does Gambar 3.2 go from the two sides through strategic coupling to the three outcomes, top to bottom?"""
    html = show_figure("bargaining_process")._repr_mimebundle_()["text/html"]
    order = ["Perusahaan multinasional", "Wilayah subnasional", "tawar-menawar", "Strategic coupling", "menghasilkan",
             "Value capture", "Industrial and social upgrading", "Sustainable growth trajectory"]
    positions = [html.index(label) for label in order]
    assert positions == sorted(positions)
    gpn = show_figure("gpn_territory")._repr_mimebundle_()["text/html"]
    assert gpn.index("lead firm") < gpn.index("subkontrak") < gpn.index("Teritori") < gpn.index("Aktor ekonomi")


@pytest.mark.parametrize("name", sorted(SM3_DIAGRAMS))
def test_sm3_diagram_needs_no_external_resource(name):
    """Is each diagram plain HTML: no link, script, image, stylesheet or font to fetch, nothing to run?"""
    html = show_figure(name)._repr_mimebundle_()["text/html"].lower()
    for banned in ("http:", "https:", "//", "<script", "<img", "<link", "<iframe", "src=", "href=", "url(",
                   "@import", "onclick", "onload"):
        assert banned not in html, banned


def test_sm3_diagrams_in_english():
    """Do both diagrams switch to English with set_language("en"), description included?"""
    course.set_language("en")
    gpn = show_figure("gpn_territory")._repr_mimebundle_()
    assert "Figure 3.1" in gpn["text/html"] and "Global lead firm" in gpn["text/html"]
    assert gpn["text/plain"].startswith("Figure 3.1 (redrawn)")
    bargaining = show_figure("bargaining_process")._repr_mimebundle_()
    assert "Regional development" in bargaining["text/html"] and "Kepentingan" not in bargaining["text/html"]
    assert "strategic coupling" in bargaining["text/plain"]


def test_coupling_scores_use_the_pages_decimal_sign(indonesian):
    """The heatmap writes 3,88 like the notebook's text (Bahasa Indonesia), and its hover follows."""
    from course.plots import coupling_heatmap_figure

    view = coupling_heatmap_figure()
    texts = [text for row in view.figure.data[0].text for text in row]
    assert texts and all("," in text and "." not in text for text in texts), texts
    assert view.figure.layout.separators == ",."
    assert any("," in part for part in view.description.split("; "))


def test_coupling_scores_in_english_use_a_point(english):
    from course.plots import coupling_heatmap_figure

    texts = [text for row in coupling_heatmap_figure().figure.data[0].text for text in row]
    assert all("." in text and "," not in text for text in texts), texts
