"""Debrief views the module's facilitator uses in the room, built from the collected answer stores.

The tables keep their column names (``peserta``, ``sepakat``, ...) as identifiers; the page and the command show
them, with the titles and notes, in the current language (page_words.py). The participants' answers, the bank's
option and field texts and the scenario titles stay as they are (course material, Bahasa Indonesia).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import pandas as pd

from .. import kinds
from .._messages import get_language
from ..negotiation import SIDES, best_joint, load_scenarios, points
from .page_words import words
from .records import bank_of, submissions

__all__ = ["definitions_matrix", "regional_practices", "negotiation_outcomes", "debrief_html", "with_headings",
           "DEBRIEFS"]

# the columns the package names (the others are the bank's option and field texts), headed by debrief_col_<name>
COLUMNS = ("peserta", "definisi", "pola", "mode", "skenario", "catatan", "sepakat", "tidak_sepakat",
           "rata2_poin_marvel", "rata2_poin_batman", "rata2_gabungan", "gabungan_terbaik")


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
        row["pola"] = (" + ".join(option["text"].split(" (")[0] for option in item.options if option["id"] in ticked)
                       or words("debrief_not_checked"))
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
            records.append((words("debrief_pair"), scenes[pair["scenario"]], pair["package"]))
        solo = _clean(solo_item, submission.value(solo_item.id))
        if solo and solo["scenario"] and solo["finished"]:
            records.append((words("debrief_solo"), scenes[solo["scenario"]], solo["deal"]))
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


# assignment: (the page_words key of its title, the function that builds its table)
DEBRIEFS = {
    "sm1_diplomasi": ("debrief_sm1_diplomasi", definitions_matrix),
    "sm3_model": ("debrief_sm3_model", regional_practices),
    "sm5_negosiasi": ("debrief_sm5_negosiasi", negotiation_outcomes),
}


def with_headings(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the package's column names as people read them in the current language (the same names in
    Bahasa Indonesia; English words in English mode)."""
    return frame.rename(columns={column: words(f"debrief_col_{column}") for column in COLUMNS})


def debrief_html(root: Path, assignment: str) -> tuple[str, pd.DataFrame]:
    """The debrief page of ``assignment`` (a heading, a short note and the table) and its table."""
    key, build = DEBRIEFS[assignment]
    title = words(key)
    frame = build(root)
    note = words("debrief_nothing") if frame.empty else words("debrief_rows", count=len(frame))
    table = (with_headings(frame).to_html(index=False, escape=True, na_rep="\u2014", classes="debrief")
             if not frame.empty else "")
    page = (f"<!doctype html><html lang='{get_language()}'><head><meta charset='utf-8'><title>{escape(title)}</title>"
            "<style>body{font-family:sans-serif;margin:2em;max-width:80em} table{border-collapse:collapse}"
            "td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}"
            "th{background:#eef3fa}</style></head>"
            f"<body><h1>{escape(title)}</h1><p>{escape(note)}</p>{table}</body></html>")
    return page, frame
