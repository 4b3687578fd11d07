"""Feedback pages for participants: one self-contained HTML page per participant and assignment.

The page shows each item's prompt, the participant's answer in words, and for graded items the
verdict, the points and the explanation. It never shows hidden test source or the raw keys. With
``show_answers=False`` an explanation is shown only where it cannot give a key away: for items the
participant already got right, and only if it names no answer of an item they did not get right
(explanations of this course state the answer, e.g. "Jawaban: c", and sm0 items have sm6 twins).
"""

from __future__ import annotations

import json
import shutil
from html import escape
from pathlib import Path

from .. import kinds
from .._messages import get_language, message
from ..widgets._base import _VERDICT_STYLE, render_markdown, verdict_of
from .page_words import number, points, words
from .say import say
from .records import (
    CourseError, ItemRecord, Submission, class_submissions, final_scores, find_course_root, gradebook_rows,
    gradebook_url, has_submissions, item_records, manual_score, recompute_scores, require_assignment,
)

__all__ = ["feedback_html", "write_feedback", "selfcheck", "assignment_title", "FEEDBACK_NAME"]

FEEDBACK_NAME = "umpan-balik.html"
SELF_LEARNER = "Belajar mandiri"
# nbgrader's release_feedback reads these two files next to the feedback page (copied from autograded/).
_RELEASE_FILES = ("timestamp.txt", "submission_secret.txt")

_CSS = """
:root { --teks: #1f2328; --garis: #c9ccd1; --redup: #57606a; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", "Noto Sans", Arial, sans-serif; color: var(--teks); background: #f6f7f9;
  margin: 0; line-height: 1.5; font-size: 16px; }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .75rem; line-height: 1.25; }
h2 { font-size: 1.1rem; margin: 0 0 .25rem; }
header.kepala { background: #fff; border: 1px solid var(--garis); border-radius: 6px; padding: 1rem 1.25rem; }
dl.ringkasan { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0;
  align-items: baseline; }
dl.ringkasan dt { font-weight: 600; }
dl.ringkasan dd { margin: 0; }
.total { font-size: 1.15rem; font-weight: 700; }
.legenda, .catatan { color: var(--redup); font-size: .9rem; margin: .75rem 0 0; }
article.soal { background: #fff; border: 1px solid var(--garis); border-left-width: 6px; border-radius: 6px;
  padding: .9rem 1.25rem; margin: 1rem 0; break-inside: avoid; }
article.soal-latihan { border-left-color: #8c959f; }
article.soal-penilaian { border-left-color: #0b5cad; }
.label { color: var(--redup); font-size: .9rem; margin: 0 0 .5rem; }
.soal-teks { margin: .5rem 0; }
.soal-teks p { margin: .4rem 0; }
.soal-teks table { border-collapse: collapse; }
.soal-teks th, .soal-teks td { border: 1px solid var(--garis); padding: .2rem .5rem; }
h3 { font-size: .95rem; margin: .8rem 0 .2rem; }
.jawaban { white-space: pre-wrap; overflow-wrap: anywhere; background: #f3f4f6; border-radius: 4px;
  padding: .5rem .75rem; margin: 0; }
ul.jawaban, ol.jawaban { white-space: normal; padding-left: 2.25rem; }
.jawaban li + li { margin-top: .3rem; }
.hasil { margin: .6rem 0 0; padding: .4rem .75rem; border-left: 4px solid var(--garis); font-weight: 600; }
.hasil-right { border-left-color: #1b7f3b; background: #eef7f0; }
.hasil-partly_right { border-left-color: #a86200; background: #fdf4e7; }
.hasil-wrong { border-left-color: #b3261e; background: #fbeeed; }
.hasil-manual { border-left-color: #0b5cad; background: #eef3fa; }
.simbol { font-size: 1.1em; }
.kunci { margin: .5rem 0 0; }
div.kunci p { margin: 0; }
.kunci-daftar { margin: .2rem 0 0; padding-left: 2.25rem; }
.pembahasan { margin-top: .6rem; }
.pembahasan p { margin: .3rem 0; }
.komentar { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
@media print {
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  header.kepala, article.soal { border-color: #888; border-radius: 0; }
  .jawaban, .hasil { background: none !important; border: 1px solid #888; }
  .hasil { border-left-width: 4px; }
  a { color: inherit; }
}
"""


# numbers and small pieces --------------------------------------------------
def _number(value: float) -> str:
    """Points as people write them: 2 -> "2", 1.5 -> "1,5" (English "1.5"), 2.6667 -> "2,67"."""
    return number(value)


def _points(earned: float, maximum: float) -> str:
    return points(earned, maximum)


def assignment_title(root: Path, assignment: str) -> str:
    """The title in the metadata of the release (or source) notebook, else the assignment id."""
    for stage in ("release", "source"):
        path = Path(root) / stage / assignment / f"{assignment}.ipynb"
        try:
            title = json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("title")
        except (OSError, ValueError, AttributeError):
            continue
        if isinstance(title, str) and title.strip():
            return title.strip()
    return assignment


def _title_for(submission: Submission) -> str:
    try:
        return assignment_title(find_course_root(submission.folder), submission.assignment)
    except CourseError:
        return submission.assignment


def _label_line(record: ItemRecord) -> str:
    """E.g. "Soal penilaian · Refleksi · Tujuan pembelajaran T1 · 3 poin" (as the widget's header)."""
    item = record.item
    parts = [message("practice") if item.is_practice else message("graded")]
    label = kinds.kind_of(item).label
    if label:
        parts.append(message(label))
    if item.in_objectives:
        parts.append(message("objective", objective=item.objective))
    if not item.is_practice:
        parts.append(message("points", points=record.points))
    return " \u00b7 ".join(parts)


# keys: searched for so explanations do not give them away -------------------
def _names_key(text: str, record: ItemRecord) -> bool:
    return kinds.reveals_key(record.item, record.key, text)


def _explanation_visible(record: ItemRecord, fractions: dict, records: list[ItemRecord], show_answers: bool) -> bool:
    if show_answers:
        return True
    if verdict_of(fractions.get(record.id, 0.0)) != "right":
        return False
    unsolved = [other for other in records if other.auto_graded and other.id != record.id
                and verdict_of(fractions.get(other.id, 0.0)) != "right"]
    shown = " ".join([record.explanation, *record.why_not.values()])
    return not any(_names_key(shown, other) for other in unsolved)


def _why_not_html(record: ItemRecord, value) -> str:
    """Why each option the participant picked is not the answer (graded choice items with ``why_not``)."""
    picked = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    lines = [f"<li><b>{escape(record.item.text_of(option).rstrip('.'))}</b> \u2014 {escape(record.why_not[option])}</li>"
             for option in picked if isinstance(option, str) and option in record.why_not]
    if not lines:
        return ""
    return f'<p><b>{escape(message("why_not"))}</b></p><ul class="mengapa-bukan">{"".join(lines)}</ul>'


# scores -------------------------------------------------------------------
def _hand_score(record: ItemRecord, grades: dict | None):
    return manual_score(grades, record)


def _comment(record: ItemRecord, grades: dict | None) -> str:
    cell = (grades or {}).get(record.cell_name) or {}
    comment = cell.get("comment") if isinstance(cell, dict) else None
    return comment.strip() if isinstance(comment, str) else ""


def _totals(records: list[ItemRecord], scores: dict, grades: dict | None) -> dict:
    auto = [record for record in records if record.auto_graded]
    hand = [record for record in records if record.hand_graded]
    marked = [(record, _hand_score(record, grades)) for record in hand]
    return {
        "auto": sum(scores.values()), "auto_max": sum(record.points for record in auto),
        "hand": sum(score for _record, score in marked if score is not None),
        "hand_max": sum(record.points for record in hand), "hand_count": len(hand),
        "ungraded": [record for record, score in marked if score is None],
    }


# page parts ---------------------------------------------------------------
def _header(title: str, submission: Submission, totals: dict) -> str:
    earned = totals["auto"] + totals["hand"]
    maximum = totals["auto_max"] + totals["hand_max"]
    rows = [(words("participant"), escape(submission.student)), (words("assignment"), escape(submission.assignment))]
    total = f'<span class="total">{_points(earned, maximum)}</span>'
    if totals["ungraded"]:
        open_points = sum(record.points for record in totals["ungraded"])
        total += " " + escape(words("provisional", count=len(totals["ungraded"]), points=points(None, open_points)))
    rows.append((words("grade"), total))
    rows.append((words("auto"), _points(totals["auto"], totals["auto_max"])))
    if totals["hand_max"]:
        graded_count = totals["hand_count"] - len(totals["ungraded"])
        hand = _points(totals["hand"], totals["hand_max"])
        if not graded_count:
            hand = words("hand_none", points=points(None, totals["hand_max"]))
        elif totals["ungraded"]:
            hand += words("hand_some")
        rows.append((words("hand"), hand))
    details = "".join(f"<dt>{escape(name)}</dt><dd>{value}</dd>" for name, value in rows)
    alert = (f'<p class="hasil hasil-wrong" role="alert">{escape(words("store_problem", reason=submission.store_problem))}'
             "</p>") if submission.store_problem else ""
    if submission.not_graded:
        reason = submission.not_graded.split(": ", 1)[-1]
        alert += f'<p class="hasil hasil-partly_right" role="alert">{escape(words("not_graded", reason=reason))}</p>'
    legend = " \u00b7 ".join(f'<span aria-hidden="true">{symbol}</span> {escape(message(key))}'
                             for symbol, key, _colour in _VERDICT_STYLE.values())
    legend_text = escape(words("legend", legend="\0")).replace("\0", legend)
    return (f'<header class="kepala"><h1>{escape(words("page_title"))}: {escape(title)}</h1>'
            f'<dl class="ringkasan">{details}</dl>{alert}<p class="legenda">{legend_text}</p></header>')


def _list_html(item, parts: list[str], css: str) -> str:
    tag = "ol" if kinds.kind_of(item).ordered else "ul"
    return f'<{tag} class="{css}">' + "".join(f"<li>{escape(part)}</li>" for part in parts) + f"</{tag}>"


def _answer_html(item, value) -> str:
    """The participant's answer in words: one line per part for choices, matches and orders."""
    parts = kinds.parts(item, value)
    return _list_html(item, parts, "jawaban") if parts else f'<p class="jawaban">{escape(kinds.describe(item, value))}</p>'


def _key_html(record: ItemRecord) -> str:
    label = f"<b>{escape(words('right_answer'))}</b>"
    parts = kinds.key_parts(record.item, record.key)
    if parts:
        return f'<div class="kunci"><p>{label}</p>{_list_html(record.item, parts, "kunci-daftar")}</div>'
    return f'<p class="kunci">{label} {escape(kinds.key_text(record.item, record.key))}</p>'


def _verdict_block(record: ItemRecord, fraction: float, earned: float, overridden: bool = False) -> str:
    symbol, key, _colour = _VERDICT_STYLE[verdict_of(fraction)]
    note = escape(words("overridden")) if overridden else ""
    return (f'<p class="hasil hasil-{key}"><span class="simbol" aria-hidden="true">{symbol}</span> '
            f"{escape(message(key))} \u2014 {_points(earned, record.points)}{note}</p>")


def _hand_block(record: ItemRecord, grades: dict | None) -> str:
    score = _hand_score(record, grades)
    text = (words("hand_score", points=_points(score, record.points)) if score is not None
            else words("hand_pending", points=points(None, record.points)))
    return f'<p class="hasil hasil-manual">{escape(text)}</p>'


def _item_html(number: int, record: ItemRecord, context: dict) -> str:
    item, submission = record.item, context["submission"]
    kind = "latihan" if item.is_practice else "penilaian"
    heading_id = f"soal-{number}"
    parts = [
        f'<article class="soal soal-{kind}" aria-labelledby="{heading_id}">',
        f'<h2 id="{heading_id}">{escape(words("item", number=number))}</h2>',
        f'<p class="label">{escape(_label_line(record))}</p>',
        f'<div class="soal-teks">{render_markdown(item.prompt)}</div>',
        f"<h3>{escape(words('your_answer'))}</h3>",
        _answer_html(item, submission.value(item.id)),
    ]
    grades = context["grades"]
    if record.auto_graded:
        fraction = context["fractions"].get(record.id, 0.0)
        overridden = manual_score(grades, record) is not None
        parts.append(_verdict_block(record, fraction, context["scores"].get(record.id, 0.0), overridden))
        if context["show_answers"] and verdict_of(fraction) != "right":
            parts.append(_key_html(record))
    elif record.hand_graded:
        parts.append(_hand_block(record, grades))
    comment = _comment(record, grades) if not item.is_practice else ""
    if comment:
        parts.append(f'<h3>{escape(words("comment"))}</h3><p class="komentar">{escape(comment)}</p>')
    if not item.is_practice and record.explanation.strip():
        if _explanation_visible(record, context["fractions"], context["records"], context["show_answers"]):
            body = render_markdown(record.explanation) + _why_not_html(record, submission.value(item.id))
        else:
            body = f"<p>{escape(words('withheld', objective=item.objective))}</p>"
        parts.append(f'<div class="pembahasan"><h3>{escape(message("explanation"))}</h3>{body}</div>')
    parts.append("</article>")
    return "\n".join(parts)


def feedback_html(records: list[ItemRecord], submission: Submission, grades: dict | None = None,
                  show_answers: bool = False, title: str = "") -> str:
    """The feedback page of one participant for one assignment (self-contained HTML), in the widgets' language
    (Bahasa Indonesia unless ``course.set_language("en")`` / ``KURSUS_LANG=en``)."""
    return _page(records, submission, grades, show_answers, title)


def _page(records: list[ItemRecord], submission: Submission, grades: dict | None, show_answers: bool,
          title: str) -> str:
    scores = final_scores(records, submission, grades)
    fractions = {record.id: (scores[record.id] / record.points if record.points else 0.0)
                 for record in records if record.auto_graded}
    context = {"submission": submission, "grades": grades, "scores": scores, "fractions": fractions,
               "records": records, "show_answers": show_answers}
    title = title or _title_for(submission)
    items = "\n".join(_item_html(number, record, context) for number, record in enumerate(records, 1))
    return (
        f'<!DOCTYPE html>\n<html lang="{get_language()}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(words('page_title'))} \u2014 {escape(title)} \u2014 {escape(submission.student)}</title>\n"
        f"<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        f"{_header(title, submission, _totals(records, scores, grades))}\n"
        f'<section aria-label="{escape(words("items_and_answers"))}">\n{items}\n</section>\n</main>\n</body>\n</html>\n'
    )


# writing pages ------------------------------------------------------------
def _gradebook(root: Path, assignment: str, url: str | None) -> dict:
    """Hand grades per participant; {} when there is no gradebook or it lacks the assignment."""
    if url is None and not (root / "gradebook.db").is_file():
        return {}  # opening a missing sqlite gradebook would create an empty one
    try:
        return gradebook_rows(root, assignment, gradebook_url(root, url))
    except CourseError:
        return {}


def write_feedback(root, assignment: str, students=None, url: str | None = None,
                   show_answers: bool = False) -> list[Path]:
    """Write ``feedback/<student>/<assignment>/<assignment>.html`` for every submission; return the paths."""
    root = Path(root)
    require_assignment(root, assignment)
    records = item_records(root, assignment)
    book = _gradebook(root, assignment, url) if has_submissions(root, assignment) else {}
    found = class_submissions(root, assignment, book)
    if students is not None:
        wanted = {students} if isinstance(students, str) else set(students)
        missing = sorted(wanted - {submission.student for submission in found})
        if missing:
            raise CourseError(say("Tidak ada kiriman tugas {assignment} dari peserta: {missing}.", assignment=assignment,
                                  missing=", ".join(missing)))
        found = [submission for submission in found if submission.student in wanted]
    title = assignment_title(root, assignment)
    written = []
    for submission in found:
        folder = root / "feedback" / submission.student / assignment
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{assignment}.html"
        grades = None if submission.not_graded else book.get(submission.student)
        page = feedback_html(records, submission, grades, show_answers, title)
        path.write_text(page, encoding="utf-8")
        for name in _RELEASE_FILES:
            if (submission.folder / name).is_file():
                shutil.copyfile(submission.folder / name, folder / name)
        written.append(path)
    return written


def selfcheck(root, assignment: str, folder: Path, out: Path | None = None,
              show_answers: bool = True) -> tuple[float, float, Path]:
    """Score a self-learner's working folder against the keys and write their feedback page.

    Returns (points earned, points available) of the auto-graded items, and the page's path;
    hand-graded items (reflections) have no one to grade them here and are listed as not graded.
    """
    root, folder = Path(root), Path(folder)
    require_assignment(root, assignment)
    records = item_records(root, assignment)
    submission = Submission.read(SELF_LEARNER, assignment, folder)
    scores = recompute_scores(records, submission)
    out = Path(out) if out is not None else folder / FEEDBACK_NAME
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(feedback_html(records, submission, None, show_answers, assignment_title(root, assignment)),
                   encoding="utf-8")
    maximum = sum(record.points for record in records if record.auto_graded)
    return round(sum(scores.values()), 4), float(maximum), out
