"""Debrief views the module's facilitator uses in the room, built from the collected answer stores."""

from __future__ import annotations

from html import escape
from pathlib import Path

import pandas as pd

from .. import kinds
from ..negotiation import SIDES, best_joint, load_scenarios, points
from .records import bank_of, submissions

__all__ = ["definitions_matrix", "regional_practices", "negotiation_outcomes", "debrief_html", "DEBRIEFS"]


def _clean(item, stored):
    """The stored answer as its kind reads it; None when unanswered or unreadable."""
    value = kinds.parse(item, stored)
    return None if isinstance(value, kinds.Unreadable) else value


def definitions_matrix(root: Path) -> pd.DataFrame:
    """Sub-modul 1: each participant's own definition and the elements it contains, grouped by pattern."""
    item = bank_of("sm1_diplomasi")["sm1.kategori_definisi"]
    rows = []
    own = bank_of("sm1_diplomasi")["sm1.definisi_awal"]
    for submission in submissions(root, "sm1_diplomasi"):
        ticked = _clean(item, submission.value(item.id)) or []
        row = {"peserta": submission.student, "definisi": _clean(own, submission.value(own.id)) or ""}
        row.update({option["text"]: "\u2714" if option["id"] in ticked else "" for option in item.options})
        row["pola"] = " + ".join(option["text"].split(" (")[0] for option in item.options if option["id"] in ticked) or "(belum memeriksa)"
        rows.append(row)
    frame = pd.DataFrame(rows)
    return frame.sort_values(["pola", "peserta"]).reset_index(drop=True) if len(frame) else frame


def regional_practices(root: Path) -> pd.DataFrame:
    """Sub-modul 3: every group's practice with its advantages, weaknesses and closest model."""
    item = bank_of("sm3_model")["sm3.praktik_daerah"]
    rows = []
    for submission in submissions(root, "sm3_model"):
        value = _clean(item, submission.value(item.id))
        if value is not None:
            rows.append({"peserta": submission.student, **{field["text"]: value[field["id"]] for field in item.fields}})
    return pd.DataFrame(rows)


def negotiation_outcomes(root: Path) -> pd.DataFrame:
    """Sub-modul 5: per scenario and mode, how many signed, how many did not, points and joint gains."""
    scenes = load_scenarios()
    bank = bank_of("sm5_negosiasi")
    pair_item, solo_item = bank["sm5.negosiasi_pasangan"], bank["sm5.negosiasi_solo"]
    records = []
    for submission in submissions(root, "sm5_negosiasi"):
        pair = _clean(pair_item, submission.value(pair_item.id))
        if pair and pair["scenario"] and pair["result"]:
            records.append(("berpasangan", scenes[pair["scenario"]], pair["package"]))
        solo = _clean(solo_item, submission.value(solo_item.id))
        if solo and solo["scenario"] and solo["finished"]:
            records.append(("sendiri", scenes[solo["scenario"]], solo["deal"]))
    rows = []
    for (mode, scene_id), group in pd.DataFrame(
            [(mode, scene.id, scene, deal) for mode, scene, deal in records],
            columns=["mode", "scenario", "scene", "deal"]).groupby(["mode", "scenario"], sort=True):
        scene = group["scene"].iloc[0]
        deals = [deal for deal in group["deal"] if deal is not None]
        best = sum(points(scene, best_joint(scene), side) for side in SIDES)
        rows.append({
            "mode": mode, "skenario": scene.title, "catatan": len(group), "sepakat": len(deals),
            "tidak_sepakat": len(group) - len(deals),
            "rata2_poin_marvel": _mean([points(scene, deal, "marvel") for deal in deals]),
            "rata2_poin_batman": _mean([points(scene, deal, "batman") for deal in deals]),
            "rata2_gabungan": _mean([sum(points(scene, deal, side) for side in SIDES) for deal in deals]),
            "gabungan_terbaik": best,
        })
    return pd.DataFrame(rows)


def _mean(values: list) -> float:
    return round(sum(values) / len(values), 1) if values else float("nan")


DEBRIEFS = {
    "sm1_diplomasi": ("Matriks definisi diplomasi peserta (Sub-modul 1, langkah 2\u20133)", definitions_matrix),
    "sm3_model": ("Praktik kerja sama daerah: keuntungan dan kelemahan (Sub-modul 3, kerja kelompok)", regional_practices),
    "sm5_negosiasi": ("Hasil permainan peran Marvel\u2013Batman (Sub-modul 5, langkah 3)", negotiation_outcomes),
}


def debrief_html(root: Path, assignment: str) -> tuple[str, pd.DataFrame]:
    """The debrief page of ``assignment`` (a heading, a short note and the table) and its table."""
    title, build = DEBRIEFS[assignment]
    frame = build(root)
    note = ("Belum ada jawaban yang terkumpul." if frame.empty else
            f"{len(frame)} baris dari jawaban yang dikumpulkan (submitted/).")
    table = frame.to_html(index=False, escape=True, na_rep="\u2014", classes="debrief") if not frame.empty else ""
    page = (f"<!doctype html><html lang='id'><head><meta charset='utf-8'><title>{escape(title)}</title>"
            "<style>body{font-family:sans-serif;margin:2em;max-width:80em} table{border-collapse:collapse}"
            "td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}"
            "th{background:#eef3fa}</style></head>"
            f"<body><h1>{escape(title)}</h1><p>{escape(note)}</p>{table}</body></html>")
    return page, frame
