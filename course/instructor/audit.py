"""Audit: recompute every widget item's score outside the kernel and find forged grades and damaged notebooks."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import nbformat
import pandas as pd

from ..cells import cell_source, cell_tags, grade_id, nbgrader_metadata
from ..store import STORE_NAME, inspect_store
from .records import class_submissions, gradebook_rows, item_records, recompute_scores
from .say import say

__all__ = ["FINDING_COLUMNS", "audit_assignment", "notebook_findings", "store_findings"]

FINDING_COLUMNS = ["student", "assignment", "finding", "where", "detail"]
TOLERANCE = 1e-6


def _is_graded(cell) -> bool:
    meta = nbgrader_metadata(cell)
    return bool(meta.get("grade") or meta.get("task"))


def notebook_findings(released: nbformat.NotebookNode, submitted_path: Path) -> list[tuple[str, str, str]]:
    """(finding, where, detail) for added, edited, deleted and duplicated cells of one submitted notebook."""
    try:
        submitted = nbformat.read(submitted_path, as_version=4)
    except FileNotFoundError:
        return [("buku_kerja_hilang", submitted_path.name, "buku kerja tidak ikut dikumpulkan")]
    except Exception as error:  # nbformat raises several kinds for a broken file
        return [("buku_kerja_rusak", submitted_path.name, f"tidak dapat dibaca: {error}")]
    original = {grade_id(cell): cell for cell in released.cells if grade_id(cell)}
    cells = [cell for cell in submitted.get("cells", []) if isinstance(cell, dict)]
    counts = Counter(grade_id(cell) for cell in cells if grade_id(cell))
    findings = []
    for index, cell in enumerate(cells, start=1):
        name, source = grade_id(cell), cell_source(cell)
        if name is None or name not in original:
            if cell.get("cell_type") == "code" and source.strip():
                findings.append(("sel_kode_tambahan", f"sel {index}", source.strip().splitlines()[0][:80]))
        elif source != original[name].source:
            findings.append(("sel_terkunci_diubah", name, source.strip()[:80]))
        elif cell_tags(cell) != cell_tags(original[name]):
            tags = cell_tags(cell)
            findings.append(("tag_sel_diubah", name, f"tag {tags!r:.80} (dipulihkan dari rilis saat penilaian)"))
    for name, cell in original.items():
        if _is_graded(cell) and counts[name] == 0:
            findings.append(("sel_nilai_dihapus", name, "sel penilaian tidak ada di kiriman"))
    for name, count in counts.items():
        if count > 1:
            findings.append(("sel_ganda", name, f"muncul {count} kali"))
    return findings


def store_findings(folder: Path, known_items: set[str]) -> list[tuple[str, str, str]]:
    """(finding, where, detail) for a missing, unreadable or odd answer store: one row, never an exception."""
    reading = inspect_store(folder / STORE_NAME)
    if reading.missing or reading.problem:
        finding = "jawaban_tidak_ada" if reading.missing else "jawaban_rusak"
        return [(finding, STORE_NAME, say("{reason}: semua soal bernilai 0", reason=reading.reason))]
    unknown = sorted(set(reading.answers) - known_items)
    return [("jawaban_soal_asing", STORE_NAME, ", ".join(unknown)[:200])] if unknown else []


def audit_assignment(root: Path, assignment: str, url: str | None = None) -> pd.DataFrame:
    """Every finding for every participant of ``assignment``; an empty frame means nothing to report.

    A submission with no grades in the gradebook is one finding (``belum_dinilai``, with why and the points its
    answer file holds), not one "different score" per item.
    """
    records = item_records(root, assignment)
    released = nbformat.read(root / "release" / assignment / f"{assignment}.ipynb", as_version=4)
    book = gradebook_rows(root, assignment, url)
    known = {record.id for record in records}
    rows = []
    for submission in class_submissions(root, assignment, book):
        recomputed = recompute_scores(records, submission)
        sent = root / "submitted" / submission.student / assignment
        if submission.not_graded:
            found = [("belum_dinilai", "gradebook", say("{status}; berkas jawaban bernilai {points} poin otomatis",
                                                        status=submission.not_graded,
                                                        points=f"{sum(recomputed.values()):g}"))]
        else:
            found = notebook_findings(released, sent / f"{assignment}.ipynb") if sent.is_dir() else []
        found += store_findings(submission.folder, known)
        cells = book.get(submission.student) if not submission.not_graded else None
        for record in records if cells is not None else ():
            if not record.auto_graded:
                continue
            stored = cells.get(record.cell_name, {}).get("auto")
            if stored is None or abs(float(stored) - recomputed[record.id]) > TOLERANCE:
                found.append(("nilai_berbeda", record.id,
                              f"gradebook {stored if stored is not None else '—'}, dihitung ulang {recomputed[record.id]:g}"))
        rows += [{"student": submission.student, "assignment": assignment, "finding": finding, "where": where,
                  "detail": detail} for finding, where, detail in found]
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)
