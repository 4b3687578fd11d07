"""English mode beyond the widgets: the figures of course/plots.py, the instructor's report and debrief pages.

Each test collects what the package itself writes (titles, axes, legends, hover texts, headings, notes, alerts),
takes out the course material and data it shows (bank texts, scenario titles, CSV values, which stay in Bahasa
Indonesia), and looks for words of a fixed list of the package's own Indonesian strings.
"""

from __future__ import annotations

import html
import json
import re
import shutil

import pandas as pd
import pytest

import course
from course import kinds, plots
from course._messages import message
from course.bank import all_banks
from course.data import load_table
from course.negotiation import best_joint, load_scenarios, split_the_difference
from course.plots import PLOTLY_MIME, PROJECT_CYCLE
from course.store import STORE_NAME, AnswerStore

from .test_report import STUDENTS, synthetic_results
from .test_report_small_classes import with_empty_post_test

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


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text)


def _plain(text: str) -> str:
    """``text`` without tags, entities, plotly placeholders (``%{x}``) and repeated white space."""
    text = re.sub(r"%\{[^}]*\}", " ", text)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).replace("\u00a0", " ").split())


def indonesian_in(texts, material, words) -> list[str]:
    """The words of ``words`` found in ``texts`` once every ``material`` string is taken out."""
    text = "\n".join(_plain(text) for text in texts if isinstance(text, str))
    for piece in sorted({_plain(str(piece)) for piece in material if piece}, key=len, reverse=True):
        text = text.replace(piece, " ")
    return sorted({word for word in _words(text) if word.casefold() in words})


def plotly_texts(data: list, layout: dict) -> list[str]:
    """The texts of a plotly figure people read: title, axis and legend titles, annotations, trace names, hover
    templates, colour-bar titles and trace labels."""
    def title(part) -> str | None:
        value = (part or {}).get("title")
        return value.get("text") if isinstance(value, dict) else value

    texts = [title(layout), title(layout.get("legend")), title(layout.get("xaxis")), title(layout.get("yaxis"))]
    texts += [note.get("text") for note in layout.get("annotations", [])]
    for trace in data:
        texts += [trace.get("name"), trace.get("hovertemplate"), title(trace.get("colorbar"))]
        shown = trace.get("text")
        texts += [text for text in (shown if isinstance(shown, list) else [shown]) if isinstance(text, str)]
    return texts


def figure_texts(view) -> list[str]:
    """What a figure writes for people: layout and trace texts of a plotly figure, or a diagram's HTML; and the
    description in words."""
    bundle = view._repr_mimebundle_()
    if PLOTLY_MIME not in bundle:
        return [bundle["text/html"], bundle["text/plain"]]
    return [bundle["text/plain"], *plotly_texts(bundle[PLOTLY_MIME]["data"], bundle[PLOTLY_MIME]["layout"])]


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


def test_figures_say_it_in_indonesian_by_default(indonesian):
    """Does the same check find the Indonesian words without English mode (so an empty result means something)?"""
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


# --- the instructor's report ---------------------------------------------------------------------------------
# Words of the report's own Indonesian texts (headings, table heads, notes, warnings, chart texts, reasons from
# stats.py); none of them is English. Identifiers (file names such as nilai.csv, assignment and item ids) are
# taken out before the check.
REPORT_WORDS = {
    "laporan", "kursus", "peserta", "tugas", "butir", "bernilai", "kiriman", "kosong", "ikut", "statistik", "dibuat",
    "peringatan", "tidak", "ada", "catatan", "jawaban", "tersimpan", "untuk", "satu", "pun", "soal", "penilaian",
    "termasuk", "berkas", "terbaca", "itu", "opsi", "alfa", "dan", "penguasaan", "tetapi", "tetap", "dihitung",
    "di", "kolom", "reliabilitas", "dalam", "poin", "seperti", "koefisien", "konsistensi", "dengan",
    "varians", "sampel", "atas", "yang", "sudah", "dinilai", "semua", "hanya", "ditampilkan", "bila", "alasan",
    "sama", "daya", "beda", "lihat", "analisis", "adalah", "rasio", "ditaksir", "dari", "kurang", "taksiran",
    "terlalu", "goyah", "dibaca", "kemudahan", "rata", "proporsi", "skor", "indeks", "diskriminasi", "korelasi",
    "jumlah", "lain", "pada", "bobot", "bukan", "bawah", "lemah", "berarti", "kuat", "justru", "lebih", "sering",
    "salah", "bawahnya", "galat", "baku", "hampir", "dua", "kali", "batas", "sehingga", "angka", "dapat",
    "membedakan", "baik", "tujuan", "pembelajaran", "diperoleh", "setiap", "sumatif", "pra", "tes", "pasca",
    "mengukur", "bekal", "awal", "latihan", "pernah", "belum", "juga", "utama", "kelas", "mengerjakan", "kedua",
    "dipasangkan", "kembarannya", "individu", "terdefinisi", "bisa", "positif", "walaupun", "turun", "karena",
    "grafik", "tabel", "kohort", "kecil", "perlu", "negatif", "periksa", "kunci", "rumusan", "pita", "abu",
    "sumbu", "lingkaran", "digambar", "alasannya", "tingkat", "sisa", "tanpa", "memperoleh", "memiliki",
    "menunjukkan", "tiap", "dibandingkan", "pasangan", "sempurna", "keterangan_", "persen",
}
IDENTIFIER = re.compile(r"\S*\w[_.]\w\S*|\S*\d\S*")  # sm1.asal_istilah, sm0_orientasi, nilai.csv, T1, p01


def _plotly_calls(page: str) -> list[tuple[list, dict]]:
    """(data, layout) of every Plotly.newPlot call on the page."""
    decoder, found = json.JSONDecoder(), []
    for start in [match.end() for match in re.finditer(r"Plotly\.newPlot\(\s*", page)]:
        _div, end = decoder.raw_decode(page, start)
        data, end = decoder.raw_decode(page, page.index("[", end))
        layout, _end = decoder.raw_decode(page, page.index("{", end))
        found.append((data, layout))
    return found


def page_texts(page: str) -> list[str]:
    """What an HTML page of ours writes for people: its text without scripts and styles, and its charts' texts."""
    texts = [re.sub(r"<script.*?</script>|<style.*?</style>", " ", page, flags=re.S)]
    for data, layout in _plotly_calls(page):
        texts += plotly_texts(data, layout)
    return texts


def report_left(folder, words=REPORT_WORDS, material=()) -> list[str]:
    """Indonesian words of ours in laporan.html and in the notes of the CSV tables written to ``folder``
    (``material``: what to take out first, e.g. a command's name)."""
    texts = page_texts((folder / "laporan.html").read_text(encoding="utf-8"))
    for name, columns in (("butir.csv", ["warning", "note"]), ("gain.csv", ["note"]), ("nilai.csv", ["keterangan"])):
        table = pd.read_csv(folder / name)
        texts += [value for column in columns for value in table[column] if isinstance(value, str)]
    return indonesian_in([IDENTIFIER.sub(" ", _plain(text)) for text in texts if isinstance(text, str)], material,
                         words)


REPORTS = {
    "class": lambda: synthetic_results(),
    "small_class": lambda: synthetic_results(STUDENTS[:6]),
    "empty_submission": lambda: with_empty_post_test(synthetic_results(), problem=message("store_missing")),
    "without_post_test": lambda: synthetic_results().query("assignment != 'sm6_evaluasi'"),
}


@pytest.mark.parametrize("name", REPORTS)
def test_the_report_speaks_english(english, tmp_path, name):
    """In English mode, are the report page (headings, tables, notes, warnings, the three charts) and the notes of
    its CSV tables free of the report's Indonesian words, for a class, a small class, an empty submission and a
    class without a post-test?"""
    from course.instructor.report import build_report

    path = build_report(REPORTS[name](), tmp_path)
    assert report_left(tmp_path) == []
    page = path.read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "<title>Course report</title>" in page


def test_the_report_check_finds_indonesian(indonesian, tmp_path):
    """Does the same check find the report's words in Bahasa Indonesia (so an empty result means something)?"""
    from course.instructor.report import build_report

    build_report(synthetic_results(STUDENTS[:6]), tmp_path)
    assert {"Peringatan", "Kohort", "Kemudahan", "terlalu", "Tujuan"} <= set(report_left(tmp_path))


def test_report_english_numbers_and_plurals(english, tmp_path):
    """Does the English report write decimal points and "1 empty submission" but "12 participants"?"""
    from course.instructor.report import build_report

    page = build_report(with_empty_post_test(synthetic_results()), tmp_path).read_text(encoding="utf-8")
    assert "13 participants \u00b7 3 assignments \u00b7 13 graded items \u00b7 1 empty submission left out" in page
    assert re.search(r"Negative discrimination \(r = -0\.\d\d\)", page)
    assert "Notes on participants (1)" in page and "3 of 12 answers not graded yet" in page
    assert all(layout["separators"] == ".," for _data, layout in _plotly_calls(page))
    gain = pd.read_csv(tmp_path / "gain.csv").set_index("objective")
    assert gain.loc["T1", "note"] == "2 participants with a 100 % pre-test have no individual g"


# --- texts made earlier in the pipeline: answer files and the gradebook ------------------------------------------
# p01 graded; p02 graded, no answer file; p03 graded, an answer file that is not JSON; p04 submitted, not autograded
# yet; p05 in the gradebook, but its graded copy is gone (autograding failed). Made without nbgrader: the gradebook's
# rows are given (graded cells are not needed to place the texts), the graded copies are the released notebook.
PIPELINE = "sm1_diplomasi"
PIPELINE_BOOK = {"p01": {}, "p02": {}, "p03": {}, "p05": {}}
PIPELINE_PHRASES = ["tidak ada berkas jawaban", "berkas jawaban bukan JSON yang sah", "belum di gradebook",
                    "belum dinilai otomatis", "penilaian otomatis gagal", "jalankan", "semua soal bernilai 0",
                    "poin otomatis", "tidak dijawab", "Kiriman Anda belum masuk gradebook", "Berkas jawaban Anda"]
PIPELINE_WORDS = REPORT_WORDS | {"otomatis", "jalankan", "lagi", "gagal", "dijawab", "sah", "gradebook_"}
COMMAND = "`kursus autograde`"  # a command's name is the same in both languages


def _pipeline_course(root):
    """The class above in a course folder at ``root``."""
    from .answers import perfect_answers
    from .conftest import ROOT, make_course

    make_course(root, [PIPELINE])
    (root / "release").mkdir()
    shutil.copytree(ROOT / "release" / PIPELINE, root / "release" / PIPELINE)
    notebook = root / "release" / PIPELINE / f"{PIPELINE}.ipynb"
    folders = {"p01": "autograded", "p02": "autograded", "p03": "autograded", "p04": "submitted", "p05": "submitted"}
    for student, stage in folders.items():
        folder = root / stage / student / PIPELINE
        folder.mkdir(parents=True)
        shutil.copy(notebook, folder)
        if student in ("p01", "p04", "p05"):
            store = AnswerStore(folder, assignment=PIPELINE)
            for item_id, value in perfect_answers(PIPELINE).items():
                store.save(item_id, value)
    (root / "autograded" / "p03" / PIPELINE / STORE_NAME).write_bytes(b"{bukan json")
    (root / "gradebook.db").write_bytes(b"")  # feedback asks the gradebook only when there is one
    return root


def _pipeline(tmp_path, monkeypatch) -> dict:
    """What the class above comes to, in the current language: the report (folder), nilai.csv, opsi.csv, the
    feedback pages' alerts and the audit's details, by participant."""
    from course.instructor import audit, feedback, results
    from course.instructor.report import build_report

    root = _pipeline_course(tmp_path / "kursus")
    for module in (audit, feedback, results):
        monkeypatch.setattr(module, "gradebook_rows", lambda root, assignment, url=None: PIPELINE_BOOK)
    build_report(results.collect_results(root), tmp_path / "laporan")
    pages = {path.parts[-3]: path.read_text(encoding="utf-8") for path in feedback.write_feedback(root, PIPELINE)}
    findings = audit.audit_assignment(root, PIPELINE)
    findings = findings[findings["finding"] != "nilai_berbeda"]  # the given rows hold no grades to compare with
    return {
        "report": tmp_path / "laporan",
        "nilai": pd.read_csv(tmp_path / "laporan" / "nilai.csv").set_index("student")["keterangan"].fillna(""),
        "opsi": pd.read_csv(tmp_path / "laporan" / "opsi.csv", keep_default_na=False),
        "alerts": {student: " ".join(html.unescape(alert) for alert in re.findall(r'role="alert">(.*?)</p>', page))
                   for student, page in pages.items()},
        "pages": pages,
        "audit": {(row.student, row.finding): row.detail for row in findings.itertuples()},
    }


def _phrases(texts) -> list[str]:
    """The phrases of ``PIPELINE_PHRASES`` found as words in ``texts`` (the course material says "dijalankan")."""
    return sorted({phrase for phrase in PIPELINE_PHRASES for text in texts
                   if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", html.unescape(text))})


def test_answer_files_and_the_gradebook_speak_english(english, tmp_path, monkeypatch):
    """In English mode, do a missing answer file, an unreadable one and submissions not in the gradebook (not
    autograded yet, autograding failed) reach the report, nilai.csv, opsi.csv, the feedback pages and the audit in
    English, with no Indonesian phrase of the pipeline left?"""
    found = _pipeline(tmp_path, monkeypatch)
    assert report_left(found["report"], PIPELINE_WORDS, [COMMAND]) == []
    notes = found["nilai"]
    assert notes["p01"] == ""
    assert notes["p02"] == f"{PIPELINE}: empty submission (no answer file)"
    assert notes["p03"] == f"{PIPELINE}: empty submission (the answer file is not valid JSON)"
    assert notes["p04"] == f"{PIPELINE}: not in the gradebook: not autograded yet; run {COMMAND}"
    assert notes["p05"] == f"{PIPELINE}: not in the gradebook: autograding failed; run {COMMAND} again"
    page = (found["report"] / "laporan.html").read_text(encoding="utf-8")
    assert f"p02 ({PIPELINE}): empty submission (no answer file); left out of the item statistics" in page
    unanswered = found["opsi"][found["opsi"]["option"] == kinds.UNANSWERED]  # the key stays, its words follow
    assert len(unanswered) and set(unanswered["option_text"]) == {"(not answered)"}
    alerts = found["alerts"]
    assert alerts["p03"].startswith("Your answer file could not be read: the answer file is not valid JSON.")
    assert alerts["p04"].startswith(f"Your submission is not in the gradebook yet: not autograded yet; run {COMMAND}.")
    assert "autograding failed" in alerts["p05"] and alerts["p01"] == alerts["p02"] == ""
    assert found["audit"][("p02", "jawaban_tidak_ada")] == "no answer file: every item scores 0"
    assert found["audit"][("p03", "jawaban_rusak")] == "the answer file is not valid JSON: every item scores 0"
    assert found["audit"][("p04", "belum_dinilai")].startswith(
        f"not in the gradebook: not autograded yet; run {COMMAND}; automatic points from the answer file: ")
    texts = [*notes, *found["opsi"]["option_text"], *found["pages"].values(), *found["audit"].values(),
             (found["report"] / "laporan.html").read_text(encoding="utf-8")]
    assert _phrases(texts) == []


def test_answer_files_and_the_gradebook_still_speak_indonesian(indonesian, tmp_path, monkeypatch):
    """Does the same class find those phrases in Bahasa Indonesia (so an empty result means something), as before?"""
    found = _pipeline(tmp_path, monkeypatch)
    assert {"tidak", "ada", "berkas", "jawaban", "belum", "dinilai", "otomatis", "jalankan", "gagal"} <= set(
        report_left(found["report"], PIPELINE_WORDS, [COMMAND]))
    notes = found["nilai"]
    assert notes["p02"] == f"{PIPELINE}: kiriman kosong (tidak ada berkas jawaban)"
    assert notes["p03"] == f"{PIPELINE}: kiriman kosong (berkas jawaban bukan JSON yang sah)"
    assert notes["p04"] == f"{PIPELINE}: belum di gradebook: belum dinilai otomatis; jalankan {COMMAND}"
    assert notes["p05"] == f"{PIPELINE}: belum di gradebook: penilaian otomatis gagal; jalankan {COMMAND} lagi"
    unanswered = found["opsi"][found["opsi"]["option"] == kinds.UNANSWERED]
    assert len(unanswered) and set(unanswered["option_text"]) == {kinds.UNANSWERED}
    assert found["alerts"]["p03"].startswith("Berkas jawaban Anda tidak dapat dibaca: berkas jawaban bukan JSON")
    assert "Kiriman Anda belum masuk gradebook: belum dinilai otomatis" in found["alerts"]["p04"]
    assert found["audit"][("p02", "jawaban_tidak_ada")] == "tidak ada berkas jawaban: semua soal bernilai 0"
    assert found["audit"][("p04", "belum_dinilai")].startswith(
        f"belum di gradebook: belum dinilai otomatis; jalankan {COMMAND}; berkas jawaban bernilai ")
    texts = [*notes, *found["opsi"]["option_text"], *found["pages"].values(), *found["audit"].values()]
    assert _phrases(texts) == sorted(PIPELINE_PHRASES)


def test_every_unreadable_answer_file_is_named_in_english(english, tmp_path):
    """In English mode, is each hostile answer file's reason (too large, not JSON, too deep, a folder, ...) an
    English sentence with none of the Indonesian reason's words?"""
    from course.store import inspect_store

    from .test_hostile_stores import HOSTILE

    reasons = {}
    for name, (raw, indonesian) in HOSTILE.items():
        path = tmp_path / name / STORE_NAME
        path.parent.mkdir()
        path.mkdir() if raw is None else path.write_bytes(raw)
        reasons[name] = inspect_store(path).problem
        assert reasons[name] and indonesian not in reasons[name], name
    assert indonesian_in(reasons.values(), [STORE_NAME], PIPELINE_WORDS | {"bersarang", "memuat", "memakai", "versi",
                                                                           "skema", "berisi", "daftar"}) == []
    assert reasons["too_large"] == "the answer file is larger than 512 KB"
    assert reasons["folder"] == "jawaban.json is a folder, not an answer file"


def test_the_command_names_what_the_os_refused_in_english(english):
    """Does `kursus` say what the OS refused in English, from the one errno table it shares with the store?"""
    import errno

    from course.instructor.cli import _os_sentence
    from course.store import OS_REASONS, StoreError

    assert _os_sentence(PermissionError(errno.EACCES, "Permission denied", "laporan")) == \
        "file or folder laporan cannot be used (permission denied)"
    assert _os_sentence(OSError(errno.EIO, "Input/output error")) == "file or folder cannot be used (Input/output error)"
    assert all(message(f"os_{reason}") for reason in set(OS_REASONS.values()))
    assert StoreError.from_os_error(OSError(errno.ENOSPC, "No space left on device")).reason == "disk_full"
    assert StoreError.from_os_error(OSError(errno.ENOENT, "No such file")).reason == "other"
    if hasattr(errno, "EDQUOT"):
        assert StoreError.from_os_error(OSError(errno.EDQUOT, "Disk quota exceeded")).reason == "disk_full"
        assert "(disk quota exceeded)" in _os_sentence(OSError(errno.EDQUOT, "Disk quota exceeded"))
    course.set_language("id")
    assert _os_sentence(OSError(errno.EROFS, "Read-only file system", "x")) == \
        "berkas atau folder x tidak dapat dipakai (sistem berkas hanya-baca)"


# --- the debrief pages -----------------------------------------------------------------------------------------
DEBRIEF_WORDS = {
    "matriks", "definisi", "diplomasi", "peserta", "modul", "langkah", "praktik", "kerja", "sama", "daerah",
    "keuntungan", "dan", "kelemahan", "kelompok", "hasil", "permainan", "peran", "belum", "ada", "jawaban", "yang",
    "terkumpul", "baris", "dari", "dikumpulkan", "memeriksa", "pola", "skenario", "catatan", "sepakat", "tidak",
    "rata", "poin", "gabungan", "terbaik", "berpasangan", "sendiri",
}
DEBRIEF_STUDENTS = {"kuat": "right", "lemah": "partly_right", "kosong": None}
DEBRIEF_ITEMS = {"sm1_diplomasi": ["sm1.kategori_definisi", "sm1.definisi_awal"], "sm3_model": ["sm3.praktik_daerah"],
                 "sm5_negosiasi": ["sm5.negosiasi_pasangan", "sm5.negosiasi_solo"]}


@pytest.fixture(scope="module")
def debrief_course(tmp_path_factory):
    """A course folder whose submitted/ holds three participants' answer files for each debriefed assignment: one
    right, one partly right, one without answers (no nbgrader run is needed: the debrief reads the stores)."""
    from course import kinds
    from course.instructor.debrief import DEBRIEFS
    from course.instructor.records import bank_of
    from course.store import AnswerStore

    from .conftest import make_course

    root = make_course(tmp_path_factory.mktemp("debrief"), list(DEBRIEFS))
    for assignment in DEBRIEFS:
        for student, label in DEBRIEF_STUDENTS.items():
            folder = root / "submitted" / student / assignment
            folder.mkdir(parents=True)
            if label is None:
                continue
            store = AnswerStore(folder, assignment=assignment)
            for item in (bank_of(assignment)[item_id] for item_id in DEBRIEF_ITEMS[assignment]):
                example = next((example for example in kinds.examples(item) if example.label == label), None)
                if example is not None:
                    store.save(item.id, example.stored)
    return root


def _debrief_material(root, assignment) -> list[str]:
    """What a debrief shows of the course and the participants: answers, option and field texts, scenario titles."""
    from course.instructor.records import bank_of, submissions

    texts = [scene.title for scene in load_scenarios().values()]
    for item in bank_of(assignment):
        for group in (item.options, item.fields):
            texts += [choice["text"] for choice in group] + [choice["text"].split(" (")[0] for choice in group]
    for submission in submissions(root, assignment):
        for item_id in submission.answers:
            value = submission.value(item_id)
            texts += [value] if isinstance(value, str) else list(value.values()) if isinstance(value, dict) else []
    return [text for text in texts if isinstance(text, str)]


@pytest.mark.parametrize("assignment", ["sm1_diplomasi", "sm3_model", "sm5_negosiasi"])
def test_the_debrief_speaks_english(english, debrief_course, assignment):
    """In English mode, are a debrief page's title, note, column headings and the values the package writes
    English, the participants' answers and the course material left as they are?"""
    from course.instructor.debrief import debrief_html

    page, frame = debrief_html(debrief_course, assignment)
    assert not frame.empty and "<html lang='en'>" in page
    texts = [IDENTIFIER.sub(" ", _plain(text)) for text in page_texts(page) if isinstance(text, str)]
    assert indonesian_in(texts, _debrief_material(debrief_course, assignment), DEBRIEF_WORDS) == []
    assert f"{len(frame)} rows from the collected answers (submitted/)." in page


def test_the_debrief_check_finds_indonesian(indonesian, debrief_course):
    """Does the same check find the debrief's words in Bahasa Indonesia, with the tables' column names unchanged?"""
    from course.instructor.debrief import debrief_html

    page, frame = debrief_html(debrief_course, "sm5_negosiasi")
    texts = [IDENTIFIER.sub(" ", _plain(text)) for text in page_texts(page) if isinstance(text, str)]
    assert {"Hasil", "permainan", "baris", "berpasangan", "sendiri"} <= set(
        indonesian_in(texts, _debrief_material(debrief_course, "sm5_negosiasi"), DEBRIEF_WORDS))
    assert "<th>rata2_poin_marvel</th>" in page and set(frame["mode"]) == {"berpasangan", "sendiri"}


def test_the_debrief_command_prints_english_headings(english, debrief_course, capsys):
    """Does `kursus debrief` print the table with English headings (its data columns keep their names)?"""
    from course.instructor import cli
    from course.instructor.debrief import negotiation_outcomes

    assert cli.main(["--kursus", str(debrief_course), "debrief", "sm5_negosiasi"]) == 0
    out = capsys.readouterr().out
    assert "mean points Marvel" in out and "Debrief page:" in out and "rata2" not in out
    assert "sepakat" in negotiation_outcomes(debrief_course).columns
    assert set(negotiation_outcomes(debrief_course)["mode"]) == {"in pairs", "alone"}


def test_feedback_page_plural_of_items_not_graded_yet(english):
    """Does the feedback page's provisional note say "1 item" but "2 items" (it said "item(s)")?"""
    from course.instructor.page_words import words

    assert words("provisional", count=1, points="3 points").startswith("(provisional: 1 item worth 3 points")
    assert words("provisional", count=2, points="4 points").startswith("(provisional: 2 items worth 4 points")
    course.set_language("id")
    assert words("provisional", count=1, points="3 poin") == "(sementara: 1 soal senilai 3 poin belum dinilai instruktur)"
