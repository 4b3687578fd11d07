"""The words of the participant's feedback page, in Bahasa Indonesia (default) and English.

The page follows the widgets' language (``course.set_language`` / ``KURSUS_LANG``); course material
(prompts, options, explanations) stays in Bahasa Indonesia in both.
"""

from __future__ import annotations

from .._messages import get_language

__all__ = ["words", "number", "points"]

WORDS = {
    "page_title": ("Umpan balik", "Feedback"),
    "participant": ("Peserta", "Participant"),
    "assignment": ("Tugas", "Assignment"),
    "grade": ("Nilai", "Score"),
    "auto": ("Dinilai otomatis", "Graded automatically"),
    "hand": ("Dinilai instruktur", "Graded by the instructor"),
    "provisional": ("(sementara: {count} soal senilai {points} belum dinilai instruktur)",
                    "(provisional: {count} item(s) worth {points} not yet graded by the instructor)"),
    "hand_none": ("belum dinilai ({points})", "not graded yet ({points})"),
    "hand_some": (" (sebagian belum dinilai)", " (partly not graded yet)"),
    "store_problem": ("Berkas jawaban Anda tidak dapat dibaca: {reason}. Karena itu semua soal bernilai 0. "
                      "Hubungi instruktur: berkas aslinya tetap tersimpan.",
                      "Your answer file could not be read: {reason}. Every item therefore scores 0. "
                      "Contact the instructor: the original file is kept."),
    "not_graded": ("Kiriman Anda belum masuk gradebook: {reason}. Poin di halaman ini dihitung dari berkas jawaban "
                   "Anda dan belum final; instruktur akan menindaklanjutinya.",
                   "Your submission is not in the gradebook yet: {reason}. The points on this page come from your "
                   "answer file and are not final; the instructor will follow up."),
    "legend": ("Tanda hasil: {legend}. Soal latihan hanya menampilkan jawaban Anda; umpan baliknya sudah Anda "
               "terima saat mengerjakan.",
               "Result marks: {legend}. Practice items show only your answer; you saw their feedback while "
               "working."),
    "item": ("Soal {number}", "Item {number}"),
    "your_answer": ("Jawaban Anda", "Your answer"),
    "right_answer": ("Jawaban yang benar:", "The right answer:"),
    "overridden": (" (nilai ditetapkan instruktur)", " (score set by the instructor)"),
    "hand_score": ("Nilai instruktur: {points}", "Instructor's score: {points}"),
    "hand_pending": ("Belum dinilai \u2014 soal ini dinilai instruktur ({points})",
                     "Not graded yet \u2014 the instructor grades this item ({points})"),
    "comment": ("Komentar instruktur", "Instructor's comment"),
    "withheld": ("Pembahasan soal ini belum ditampilkan agar kunci jawaban tetap terjaga. Pelajari lagi materi "
                 "untuk tujuan pembelajaran {objective}, atau tanyakan kepada instruktur.",
                 "The explanation of this item is not shown yet, to keep the answer key safe. Study the material "
                 "for learning objective {objective} again, or ask the instructor."),
    "items_and_answers": ("Soal dan jawaban", "Items and answers"),
    "of": ("{earned} dari {maximum} poin", "{earned} of {maximum} points"),
    "points": ("{points} poin", "{points} points"),
    "one_point": ("{points} poin", "{points} point"),
}


def _english() -> bool:
    return get_language() == "en"


def words(key: str, **values) -> str:
    """The text of ``key`` in the current language, filled with ``values``."""
    return WORDS[key][_english()].format(**values)


def number(value: float) -> str:
    """Points as people write them: 1,5 in Bahasa Indonesia, 1.5 in English; at most two decimals."""
    shown = f"{round(float(value), 2):g}"
    return shown if _english() else shown.replace(".", ",")


def points(earned: float | None, maximum: float) -> str:
    """ "3 dari 4 poin" / "3 of 4 points"; with no ``earned``: "4 poin" / "4 points" ("1 point")."""
    if earned is None:
        key = "one_point" if float(maximum) == 1 else "points"
        return words(key, points=number(maximum))
    return words("of", earned=number(earned), maximum=number(maximum))
