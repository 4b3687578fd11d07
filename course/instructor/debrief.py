"""Debrief views the module's facilitator uses in the room, built from the collected answer stores."""

from __future__ import annotations

from html import escape
from pathlib import Path

import pandas as pd

from ..negotiation import SIDES, best_joint, load_scenarios, points
from ..widgets.negotiation import clean_package
from .records import bank_of, submissions

__all__ = ["definitions_matrix", "regional_practices", "negotiation_outcomes", "debrief_html", "DEBRIEFS"]


def definitions_matrix(root: Path) -> pd.DataFrame:
    """Sub-modul 1: each participant's own definition and the elements it contains, grouped by pattern."""
    item = bank_of("sm1_diplomasi")["sm1.kategori_definisi"]
    rows = []
    for submission in submissions(root, "sm1_diplomasi"):
        ticked = submission.value(item.id) if isinstance(submission.value(item.id), list) else []
        row = {"peserta": submission.student, "definisi": submission.value("sm1.definisi_awal") or ""}
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
        value = submission.value(item.id)
        if isinstance(value, dict):
            rows.append({"peserta": submission.student,
                         **{field["text"]: str(value.get(field["id"]) or "") for field in item.fields}})
    return pd.DataFrame(rows)


def negotiation_outcomes(root: Path) -> pd.DataFrame:
    """Sub-modul 5: per scenario and mode, how many signed, how many did not, points and joint gains."""
    scenes = load_scenarios()
    records = []
    for submission in submissions(root, "sm5_negosiasi"):
        pair = submission.value("sm5.negosiasi_pasangan")
        if isinstance(pair, dict) and pair.get("scenario") in scenes and pair.get("result") in ("deal", "no_deal"):
            scene = scenes[pair["scenario"]]
            deal = clean_package(scene, pair.get("package")) if pair["result"] == "deal" else None
            records.append(("berpasangan", scene, deal))
        solo = submission.value("sm5.negosiasi_solo")
        if isinstance(solo, dict) and solo.get("scenario") in scenes and solo.get("finished"):
            scene = scenes[solo["scenario"]]
            records.append(("sendiri", scene, clean_package(scene, solo.get("deal"))))
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
