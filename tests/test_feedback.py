"""Feedback pages for participants: right verdicts and points, no keys given away, safe with any text typed."""

from __future__ import annotations

import html
import json
import re
import shutil

import pytest

from course import kinds
from course.instructor import feedback
from course.instructor.feedback import feedback_html, selfcheck, write_feedback
from course.instructor.records import CourseError, Submission, item_records, recompute_scores
from course.store import STORE_NAME, AnswerStore, read_answers
from course.widgets._base import render_markdown

from .answers import keys_of, partial_answers, partly_right, perfect_answers
from .conftest import ASSIGNMENTS, ROOT, make_course

SCRIPT = "<script>alert(1)</script>"
VERDICT = {"right": "\u2714 Benar", "partly_right": "\u25d0 Sebagian benar", "wrong": "\u2718 Belum tepat"}


def number(value: float) -> str:
    return f"{round(value, 2):g}".replace(".", ",")


def store_answers(folder, assignment: str, answers: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    store = AnswerStore(folder, assignment=assignment)
    for item_id, value in answers.items():
        store.save(item_id, value)


def submission_of(tmp_path, assignment: str, answers: dict, student: str = "peserta01") -> Submission:
    folder = tmp_path / "autograded" / student / assignment
    store_answers(folder, assignment, answers)
    return Submission(student, assignment, folder, read_answers(folder / STORE_NAME))


def articles(page: str) -> list[str]:
    return re.findall(r"<article.*?</article>", page, flags=re.S)


def visible(page: str) -> str:
    """The page's text as a reader gets it (entities decoded), markup included."""
    return html.unescape(page)


def added_by_feedback(page: str) -> str:
    """The page without what the participant saw in the notebook anyway (prompts) or wrote (answers).

    Course texts overlap: an option of one item can be a category or entry of another, or appear in a
    prompt, so a key's text may legitimately be there. What the feedback adds must not contain it.
    """
    page = re.sub(r'<div class="soal-teks">.*?</div>', "", page, flags=re.S)
    return visible(re.sub(r'<(p|ul|ol) class="jawaban">.*?</\1>', "", page, flags=re.S))


def answer_in_words(item, value) -> list[str]:
    """What the page must say the participant answered (one piece per match, choice or step)."""
    return kinds.parts(item, value) or [kinds.describe(item, value)]


def leak_texts(record, chosen) -> list[str]:
    """Every piece of text that would give away the key of a graded item the participant did not get right."""
    key, item = record.key, record.item
    texts = [json.dumps(key), json.dumps(key, ensure_ascii=False)]
    if item.kind == "short_text":
        texts += key["accepted"]
    if item.kind == "single_choice" and chosen != key:
        texts.append(item.text_of(key))
    if item.kind == "multiple_select":
        texts += [item.text_of(option) for option in key if option not in (chosen or [])]
    return texts


# one page, every assignment -------------------------------------------------
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_perfect_page_shows_answers_verdicts_total_and_explanations(tmp_path, assignment):
    records = item_records(ROOT, assignment)
    answers = perfect_answers(assignment)
    submission = submission_of(tmp_path, assignment, answers)
    page = feedback_html(records, submission)
    auto = sum(record.points for record in records if record.auto_graded)
    hand = sum(record.points for record in records if record.hand_graded)
    assert f"{number(auto)} dari {number(auto + hand)} poin" in page
    assert "belum dinilai" in page if hand else True
    assert 'lang="id"' in page and "<h1>" in page
    for record, block in zip(records, articles(page), strict=True):
        assert render_markdown(record.item.prompt) in block
        if record.item.is_practice:
            assert "hasil" not in block and "Pembahasan" not in block
            continue
        for words in answer_in_words(record.item, submission.value(record.id)):
            assert html.escape(words) in block, (record.id, words)
        if record.auto_graded:
            assert VERDICT["right"] in re.sub(r"<[^>]+>", "", block)
            assert f"{number(record.points)} dari {number(record.points)} poin" in block
            assert render_markdown(record.explanation) in block, record.id
            assert "Jawaban yang benar" not in block


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_partial_page_verdicts_points_and_no_key_given_away(tmp_path, assignment):
    records = item_records(ROOT, assignment)
    answers, expected = partial_answers(assignment)
    submission = submission_of(tmp_path, assignment, answers)
    page = feedback_html(records, submission)
    text = added_by_feedback(page)
    graded = sum(record.points for record in records if not record.item.is_practice)
    assert f"{number(expected)} dari {number(graded)} poin" in page
    for record, block in zip(records, articles(page), strict=True):
        if not record.auto_graded:
            continue
        fraction = partly_right(record.id, record.key)[1]
        verdict = "right" if fraction >= 1 else "partly_right" if fraction > 0 else "wrong"
        assert VERDICT[verdict] in re.sub(r"<[^>]+>", "", block), record.id
        assert f"{number(record.points * fraction)} dari {number(record.points)} poin" in block, record.id
        for words in answer_in_words(record.item, submission.value(record.id)):
            assert html.escape(words) in block, (record.id, words)
        assert "Pembahasan" in block and "kunci jawaban tetap terjaga" in block
        for leak in leak_texts(record, answers[record.id]):
            assert leak not in text, (record.id, leak)
            if record.item.kind == "short_text":
                assert leak.casefold() not in text.casefold(), (record.id, leak)
    for forbidden in ("HIDDEN", "grade(", "Traceback", str(ROOT), str(tmp_path), "jawaban.json"):
        assert forbidden not in page


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_show_answers_gives_the_right_answer_in_words_and_every_explanation(tmp_path, assignment):
    records = item_records(ROOT, assignment)
    answers, _expected = partial_answers(assignment)
    page = feedback_html(records, submission_of(tmp_path, assignment, answers), show_answers=True)
    for record, block in zip(records, articles(page), strict=True):
        if not record.auto_graded:
            continue
        assert "Jawaban yang benar" in block
        assert render_markdown(record.explanation) in block
        if record.item.kind == "single_choice":
            assert html.escape(record.item.text_of(record.key)) in block
        if record.item.kind == "short_text":
            assert html.escape(record.key["accepted"][0]) in block
    assert "HIDDEN" not in page and "grade(" not in page


# explanations that name another item's answer ---------------------------------
def test_explanation_naming_an_unsolved_items_answer_is_withheld(tmp_path):
    """sm1.asal_istilah's explanation says "Edmund Burke (1796)": the key of sm1.tahun_burke."""
    records = item_records(ROOT, "sm1_diplomasi")
    answers = perfect_answers("sm1_diplomasi")
    answers["sm1.tahun_burke"] = 1800
    page = feedback_html(records, submission_of(tmp_path, "sm1_diplomasi", answers))
    assert "1796" in next(r.explanation for r in records if r.id == "sm1.asal_istilah")
    assert not re.search(r"(?<![\d.,])1796(?!\d)", visible(page))
    answers["sm1.tahun_burke"] = 1796
    page = feedback_html(records, submission_of(tmp_path / "lagi", "sm1_diplomasi", answers))
    assert render_markdown(next(r.explanation for r in records if r.id == "sm1.asal_istilah")) in page


# untrusted text --------------------------------------------------------------
def test_participant_text_is_escaped_and_reflection_line_breaks_kept(tmp_path):
    records = item_records(ROOT, "sm1_diplomasi")
    answers = perfect_answers("sm1_diplomasi")
    answers["sm1.refleksi_perbandingan"] = f"Baris pertama {SCRIPT}\nBaris kedua & <b>tebal</b>"
    answers["sm1.definisi_awal"] = '"><img src=x onerror=alert(2)>'
    page = feedback_html(records, submission_of(tmp_path, "sm1_diplomasi", answers, student="<i>p01</i>"))
    assert SCRIPT not in page and "<b>tebal</b>" not in page and "<img" not in page and "<i>p01" not in page
    assert html.escape(f"Baris pertama {SCRIPT}\nBaris kedua & <b>tebal</b>") in page
    assert "white-space: pre-wrap" in page
    assert "&lt;i&gt;p01&lt;/i&gt;" in page


# hand grades -------------------------------------------------------------------
def test_hand_grades_and_comments_count_in_the_total(tmp_path):
    records = item_records(ROOT, "sm3_model")
    answers, expected = partial_answers("sm3_model")
    hand = [record for record in records if record.hand_graded]
    assert hand
    grades = {record.cell_name: {"auto": None, "manual": record.points - 1, "max": record.points,
                                 "comment": f"Analisis baik. {SCRIPT}\nTambahkan contoh."} for record in hand}
    page = feedback_html(records, submission_of(tmp_path, "sm3_model", answers), grades=grades)
    earned = expected + sum(record.points - 1 for record in hand)
    graded = sum(record.points for record in records if not record.item.is_practice)
    assert f"{number(earned)} dari {number(graded)} poin" in page
    assert "belum dinilai" not in page
    for record in hand:
        block = articles(page)[records.index(record)]
        assert f"Nilai instruktur: {number(record.points - 1)} dari {number(record.points)} poin" in block
        assert "Soal penilaian \u00b7 Refleksi \u00b7 Tujuan pembelajaran" in block
        assert "Komentar instruktur" in block and html.escape(f"Analisis baik. {SCRIPT}") in block
    assert SCRIPT not in page


def test_without_grades_hand_graded_items_are_not_graded_yet(tmp_path):
    records = item_records(ROOT, "sm5_negosiasi")
    answers, expected = partial_answers("sm5_negosiasi")
    page = feedback_html(records, submission_of(tmp_path, "sm5_negosiasi", answers))
    assert "belum dinilai" in page and "Belum dinilai" in page and "sementara" in page
    assert f"{number(expected)} dari" in page


def test_title_comes_from_the_notebook_metadata(tmp_path):
    records = item_records(ROOT, "sm1_diplomasi")
    submission = submission_of(tmp_path, "sm1_diplomasi", {})
    assert "Sub-modul 1" in feedback_html(records, submission, title=feedback.assignment_title(ROOT, "sm1_diplomasi"))
    assert "<h1>Umpan balik: sm1_diplomasi</h1>" in feedback_html(records, submission)  # tmp folder: no course
    assert feedback.assignment_title(tmp_path, "sm9_tidak_ada") == "sm9_tidak_ada"


def test_empty_store_scores_zero_and_says_no_answer(tmp_path):
    records = item_records(ROOT, "sm6_evaluasi")
    page = feedback_html(records, submission_of(tmp_path, "sm6_evaluasi", {}))
    total = sum(record.points for record in records if not record.item.is_practice)
    assert f"0 dari {number(total)} poin" in page
    assert "(tidak ada jawaban)" in page and "\u2718 Belum tepat" in re.sub(r"<[^>]+>", "", page)
    assert "Soal penilaian \u00b7 Tujuan pembelajaran T1 \u00b7 1 poin" in page


INDONESIAN_PAGE_WORDS = ["Umpan balik", "Peserta", "Tugas", "Nilai", "Dinilai", "Jawaban Anda", "Soal", "poin",
                         "Pembahasan", "Tanda hasil", "belum dinilai", "Jawaban yang benar", "Belum tepat",
                         "tidak ada jawaban", "Komentar", "Berkas jawaban", "Kiriman Anda"]


def test_the_page_follows_english_mode_except_the_course_material(tmp_path):
    """With set_language("en"), is every word the page itself writes English (course material stays as written)?"""
    import course

    records = item_records(ROOT, "sm6_evaluasi")
    submission = submission_of(tmp_path, "sm6_evaluasi", {})
    submission.store_problem = "berkas jawaban bersarang terlalu dalam"
    submission.not_graded = "belum di gradebook: kiriman tidak berisi buku kerja"
    language = course.get_language()
    course.set_language("en")
    try:
        page = feedback_html(records, submission, show_answers=True, title="Post-test")
    finally:
        course.set_language(language)
    material = [record.item.prompt for record in records] + [record.explanation for record in records]
    text = re.sub(r"<[^>]+>", " ", page)
    for piece in material:  # the course material itself is Indonesian in both modes
        text = text.replace(re.sub(r"<[^>]+>", " ", piece), " ")
    text = re.sub(r"<[^>]+>", " ", re.sub(r"\s+", " ", text))
    chrome = re.sub(r"berkas jawaban bersarang terlalu dalam|kiriman tidak berisi buku kerja", "", text)
    page_words = [word for word in INDONESIAN_PAGE_WORDS if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", chrome)]
    total = sum(record.points for record in records if not record.item.is_practice)
    assert f"0 of {total:g} points" in page and '<html lang="en">' in page
    assert "Your answer" in page and "Your answer file could not be read" in page
    assert page_words == [], page_words


# writing the pages ---------------------------------------------------------------
def test_write_feedback_uses_nbgraders_feedback_layout(tmp_path):
    course = make_course(tmp_path / "kursus", ["sm1_diplomasi"])
    answers, _expected = partial_answers("sm1_diplomasi")
    for student in ("p01", "p02"):
        folder = course / "submitted" / student / "sm1_diplomasi"
        store_answers(folder, "sm1_diplomasi", answers)
        (folder / "timestamp.txt").write_text("2024-05-01 10:00:00.000000 UTC")
    paths = write_feedback(course, "sm1_diplomasi")
    assert paths == [course / "feedback" / s / "sm1_diplomasi" / "sm1_diplomasi.html" for s in ("p01", "p02")]
    page = paths[0].read_text(encoding="utf-8")
    assert "Sub-modul 1" in page and "p01" in page and "Belum dinilai" in page
    assert (paths[0].parent / "timestamp.txt").read_text().startswith("2024-05-01")
    assert not (course / "gradebook.db").exists()
    assert write_feedback(course, "sm1_diplomasi", students=["p02"]) == paths[1:]
    with pytest.raises(CourseError, match="p09"):
        write_feedback(course, "sm1_diplomasi", students=["p09"])
    with pytest.raises(CourseError):
        write_feedback(course, "sm2_aktor")


def test_write_feedback_prefers_autograded_and_takes_hand_grades_from_the_gradebook(tmp_path, monkeypatch):
    course = make_course(tmp_path / "kursus", ["sm1_diplomasi"])
    answers, _expected = partial_answers("sm1_diplomasi")
    store_answers(course / "submitted" / "p01" / "sm1_diplomasi", "sm1_diplomasi", answers)
    store_answers(course / "autograded" / "p02" / "sm1_diplomasi", "sm1_diplomasi", answers)
    shutil.copy(ROOT / "release" / "sm1_diplomasi" / "sm1_diplomasi.ipynb", course / "autograded" / "p02" / "sm1_diplomasi")
    (course / "gradebook.db").write_bytes(b"")
    monkeypatch.setattr(feedback, "gradebook_rows", lambda root, assignment, url=None: {
        "p02": {"tugas_refleksi_perbandingan": {"auto": None, "manual": 2.5, "max": 3, "comment": "Jelas."}}})
    paths = write_feedback(course, "sm1_diplomasi")
    assert paths == [course / "feedback" / s / "sm1_diplomasi" / "sm1_diplomasi.html" for s in ("p01", "p02")]
    graded, ungraded = paths[1].read_text(encoding="utf-8"), paths[0].read_text(encoding="utf-8")
    assert "Nilai instruktur: 2,5 dari 3 poin" in graded and "Jelas." in graded
    assert "belum masuk gradebook" not in graded
    assert "belum masuk gradebook" in ungraded and "kiriman tidak berisi buku kerja" in ungraded


def test_selfcheck_scores_like_recompute_and_writes_the_page(tmp_path):
    folder = tmp_path / "kerja" / "sm1_diplomasi"
    answers, expected = partial_answers("sm1_diplomasi")
    store_answers(folder, "sm1_diplomasi", answers)
    earned, maximum, path = selfcheck(ROOT, "sm1_diplomasi", folder)
    records = item_records(ROOT, "sm1_diplomasi")
    recomputed = recompute_scores(records, Submission("x", "sm1_diplomasi", folder, read_answers(folder / STORE_NAME)))
    assert earned == pytest.approx(sum(recomputed.values())) == pytest.approx(expected)
    assert maximum == sum(entry["points"] for entry in keys_of("sm1_diplomasi").values())
    assert path == folder / "umpan-balik.html" and path.is_file()
    page = path.read_text(encoding="utf-8")
    assert "Jawaban yang benar" in page and "Sub-modul 1" in page and "Belajar mandiri" in page
    other = tmp_path / "laporan" / "saya.html"
    assert selfcheck(ROOT, "sm1_diplomasi", folder, out=other, show_answers=False)[2] == other
    assert "Jawaban yang benar" not in other.read_text(encoding="utf-8")
