"""English mode beyond the widgets: the figures of course/plots.py, the instructor's report and debrief pages.

Each test collects what the package itself writes (titles, axes, legends, hover texts, headings, notes, alerts),
takes out the course material and data it shows (bank texts, scenario titles, CSV values, which stay in Bahasa
Indonesia), and looks for words of a fixed list of the package's own Indonesian strings.
"""

from __future__ import annotations

import html
import json
import re

import pytest

import course
from course import plots
from course.bank import all_banks
from course.data import load_table
from course.negotiation import best_joint, load_scenarios, split_the_difference
from course.plots import PLOTLY_MIME, PROJECT_CYCLE

# Words of the figures' own Indonesian texts (titles, axes, legends, hovers, descriptions); none is English.
FIGURE_WORDS = {
    "siklus", "proyek", "lembaga", "pembangunan", "internasional", "enam", "tahap", "arahkan", "kursor", "penjelasan",
    "kembali", "peta", "aktor", "daerah", "anda", "kepentingan", "terhadap", "kerja", "sama", "pengaruh", "kelola",
    "erat", "jaga", "kepuasannya", "beri", "informasi", "pantau", "masih", "kosong", "skor", "ilustratif",
    "bingkai", "jingga", "tertinggi", "dapat", "ubah", "paradiplomasi", "dasar", "perencanaan", "strategi", "visi",
    "teori", "tujuan", "berapa", "kota", "kembar", "tergantung", "tanggalnya", "pernyataan", "pejabat", "angka",
    "dalam", "modul", "keyakinan", "tanggal", "jumlah", "disebut", "tanpa", "zona", "kesepakatan", "semua", "paket",
    "mungkin", "terbaik", "bersama", "ditingkatkan", "pihak", "merugikan", "lain", "membagi", "dua", "setiap", "isu",
    "hasil", "sepakat", "tidak", "poin", "mitra", "pemerintah", "gabungan", "perundingan", "mana", "di", "yang",
    "dan", "untuk", "satu", "bisa", "nilai",
}
ACTORS = [
    {"name": "JICA", "category": None, "role": "Grants", "influence": 4, "interest": 5},
    {"name": "Chamber of commerce", "category": None, "role": "", "influence": 2, "interest": 2},
    {"name": "Nobody's category", "category": "zzz", "role": "", "influence": 3, "interest": 1},
]


@pytest.fixture
def english():
    """English for the test, the language it found afterwards."""
    language = course.get_language()
    course.set_language("en")
    try:
        yield
    finally:
        course.set_language(language)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text)


def _plain(text: str) -> str:
    """``text`` without tags, entities, plotly placeholders (``%{x}``) and repeated white space."""
    text = re.sub(r"%\{[^}]*\}", " ", text)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).replace("\u00a0", " ").split())


def indonesian_in(texts, material, words) -> list[str]:
    """The words of ``words`` found in ``texts`` once every ``material`` string is taken out."""
    text = "\n".join(_plain(str(text)) for text in texts if text)
    for piece in sorted({_plain(str(piece)) for piece in material if piece}, key=len, reverse=True):
        text = text.replace(piece, " ")
    return sorted({word for word in _words(text) if word.casefold() in words})


def figure_texts(view) -> list[str]:
    """What a figure writes for people: layout and trace texts of a plotly figure, or a diagram's HTML; and the
    description in words."""
    bundle = view._repr_mimebundle_()
    if PLOTLY_MIME not in bundle:
        return [bundle["text/html"], bundle["text/plain"]]
    data = bundle[PLOTLY_MIME]
    layout = data["layout"]
    texts = [bundle["text/plain"], layout.get("title", {}).get("text"), layout.get("legend", {}).get("title", {}).get("text")]
    for axis in ("xaxis", "yaxis"):
        texts.append(layout.get(axis, {}).get("title", {}).get("text"))
    texts += [note.get("text") for note in layout.get("annotations", [])]
    for trace in data["data"]:
        texts += [trace.get("name"), trace.get("hovertemplate"), trace.get("colorbar", {}).get("title", {}).get("text")]
        shown = trace.get("text")
        texts += [text for text in (shown if isinstance(shown, list) else [shown]) if isinstance(text, str)]
    return texts


def _actor_item():
    return next(item for bank in all_banks().values() for item in bank if item.kind == "actor_map")


def _scene():
    return next(iter(load_scenarios().values()))


def _figures():
    """(name, view, material) for every public figure function of course/plots.py, in the current language."""
    categories = list(_actor_item().categories)
    actors = [dict(actor, category=actor["category"] or categories[number % len(categories)]["id"])
              for number, actor in enumerate(ACTORS)]
    category_names = [category["text"] for category in categories]
    cycle = [text for stage in PROJECT_CYCLE for text in stage]
    assets, needs = load_table("regional_assets"), load_table("firm_needs")
    coupling = [*assets["region"], *needs["firm"]]
    counts = load_table("jakarta_sister_city_counts")
    sister = [str(value) for column in ("statement_date", "speaker", "confidence") for value in counts[column]]
    models = load_table("paradiplomacy_models")
    scene = _scene()
    found = [
        ("project_cycle", plots.project_cycle_figure(), cycle),
        ("actor_map", plots.actor_map_figure(actors, categories), category_names),
        ("actor_map_empty", plots.actor_map_figure([], categories), category_names),
        ("coupling_heatmap", plots.coupling_heatmap_figure(), coupling),
        ("sister_city_counts", plots.sister_city_counts_figure(), sister),
        ("negotiation_deal", plots.negotiation_figure(scene, best_joint(scene)), [scene.title]),
        ("negotiation_middle", plots.negotiation_figure(scene, split_the_difference(scene), "batman"), [scene.title]),
        ("negotiation_no_deal", plots.negotiation_figure(scene, None), [scene.title]),
    ]
    for model_id in models["model_id"]:
        row = models[models["model_id"] == model_id].iloc[0]
        found.append((f"model_{model_id}", plots.model_flow_figure(model_id), [str(value) for value in row]))
    return found


def test_every_public_figure_function_is_covered():
    """Does this file draw every figure function course/plots.py exports?"""
    drawn = {"project_cycle_figure", "actor_map_figure", "coupling_heatmap_figure", "sister_city_counts_figure",
             "negotiation_figure", "model_flow_figure"}
    assert drawn == {name for name in plots.__all__ if name.endswith("_figure")}


def test_every_figure_speaks_english(english):
    """In English mode, is no Indonesian word of the package left in any figure's titles, axes, legends, hover
    texts and description (the data drawn left out)?"""
    left = {name: indonesian_in(figure_texts(view), material, FIGURE_WORDS) for name, view, material in _figures()}
    assert left == {name: [] for name in left}


def test_figures_say_it_in_indonesian_by_default():
    """Does the same check find the Indonesian words without English mode (so an empty result means something)?"""
    course.set_language("id")
    left = {name: indonesian_in(figure_texts(view), material, FIGURE_WORDS) for name, view, material in _figures()}
    assert all(left.values()), left
    assert "Siklus" in left["project_cycle"] and "Skor" in left["coupling_heatmap"]


def test_english_figures_keep_the_course_material(english):
    """Are the stage names, scenario title and data still the course's own (Bahasa Indonesia) in English mode?"""
    views = {name: view for name, view, _material in _figures()}
    cycle = views["project_cycle"]
    assert cycle.description.startswith("Project cycle: 1. Identifikasi \u2192 2. Persiapan")
    assert cycle.description.endswith("\u2192 back to 1.")
    scene = _scene()
    layout = views["negotiation_no_deal"]._repr_mimebundle_()[PLOTLY_MIME]["layout"]
    assert layout["title"]["text"] == f"{scene.title}: where does your outcome lie?"
    assert "no agreement; Marvel " in views["negotiation_no_deal"].description
    assert re.search(r"Marvel \d+ points, Batman \d+ points", views["negotiation_deal"].description)
    assert "Paradiplomacy model: " in views["model_jakarta"].html and "1. Planning basis" in views["model_jakarta"].html
    assert json.dumps(views["sister_city_counts"]._repr_mimebundle_(), ensure_ascii=False).count("confidence %{") == 2
