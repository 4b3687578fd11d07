"""Does a graded item's Pembahasan say why the option a participant picked is not the answer, and only when allowed?"""

from __future__ import annotations

import html

import pytest

from course.bank import BankError, Item
from course.grading import grade
from course.instructor.feedback import feedback_html
from course.instructor.records import ItemRecord, Submission

OPTIONS = tuple({"id": name, "text": text} for name, text in (
    ("pedoman", "Pedoman umum dari Kemlu"), ("dasar_tunggal", "Satu-satunya dasar hukum tata cara"),
    ("tidak_berlaku", "Tidak berlaku bagi pemerintah daerah")))
ITEM = Item(id="sm4.status_uji", kind="single_choice", mode="penilaian", objective="T4", prompt="Apa status Permenlu 3/2019?",
            options=OPTIONS, points=2, level="penerapan")
WHY_NOT = {"dasar_tunggal": "Tata cara yang mengikat daerah ada di PP 28/2018 dan Permendagri 25/2020.",
           "tidak_berlaku": "Pedoman itu justru ditujukan kepada pemerintah daerah."}
RECORD = ItemRecord(ITEM, points=2, key="pedoman", explanation="Permenlu 3/2019 adalah pedoman umum (Kemlu, 2019).",
                    why_not=WHY_NOT)


def page(tmp_path, answer, show_answers):
    folder = tmp_path / "sm4_tata_kelola"
    folder.mkdir(exist_ok=True)
    submission = Submission("peserta01", "sm4_tata_kelola", folder, {ITEM.id: {"value": answer}})
    return html.unescape(feedback_html([RECORD], submission, show_answers=show_answers))


def test_after_the_deadline_the_picked_distractor_is_explained(tmp_path):
    shown = page(tmp_path, "dasar_tunggal", show_answers=True)
    assert "Mengapa pilihan Anda belum tepat" in shown
    assert "Satu-satunya dasar hukum tata cara</b> \u2014 Tata cara yang mengikat daerah" in shown
    assert WHY_NOT["tidak_berlaku"] not in shown, "only the option the participant picked"


def test_before_the_deadline_a_wrong_answer_gets_no_why_not(tmp_path):
    """Explaining a wrong pick before the deadline would give the key away to the next participant."""
    shown = page(tmp_path, "dasar_tunggal", show_answers=False)
    assert WHY_NOT["dasar_tunggal"] not in shown


def test_a_why_not_for_the_key_or_an_unknown_option_fails_validation(monkeypatch):
    monkeypatch.setattr("course.grading.find_item", lambda item_id: ITEM)
    with pytest.raises(BankError):
        grade(ITEM.id, key="pedoman", points=2, why_not={"pedoman": "salah tempat"})
    with pytest.raises(BankError):
        grade(ITEM.id, key="pedoman", points=2, why_not={"bukan_opsi": "tidak ada"})
    assert float(grade(ITEM.id, key="pedoman", points=2, why_not=WHY_NOT, store_path="/nonexistent/jawaban.json")) == 0
