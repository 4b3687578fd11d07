"""Negotiation in pairs: two participants play Marvel and Batman face to face and enter their outcome.

Stored: {"team": "marvel" | "batman", "scenario": id, "result": "deal" | "no_deal" | None, "package": {issue: option},
"pair": code}. ``pair`` (optional: answers saved before it existed stay valid) is the code of the pair or table the
facilitator gave, the same for both partners (and for all four at a table of four): the class board counts outcomes
per code. Read in the debrief (how many signed, both sides' points); not scored.
"""

from __future__ import annotations

import re

from .._messages import message
from ._base import Example, Kind, Unreadable, preview, short_text

__all__ = ["NegotiationPair", "scene_of", "deal_text", "pair_code", "MAX_PAIR_CODE"]

STATES = {"deal": "sepakat", "no_deal": "tidak sepakat", None: "belum diisi"}
MAX_PAIR_CODE = 12
_PAIR_CODE = re.compile(rf"[A-Z0-9-]{{1,{MAX_PAIR_CODE}}}")


def pair_code(value) -> str | None:
    """``value`` as a pair/table code (stripped, upper case, 1-12 of A-Z, 0-9 and "-"); ``None`` for anything else."""
    if not isinstance(value, str) or len(value) > 4 * MAX_PAIR_CODE:
        return None
    code = value.strip().upper()
    return code if _PAIR_CODE.fullmatch(code) else None


def scene_of(value):
    """The scenario a stored value names, if the course has it (``None`` otherwise)."""
    from ..negotiation import load_scenarios

    scenario = value.get("scenario") if isinstance(value, dict) else None
    return load_scenarios().get(scenario) if short_text(scenario) else None


def deal_text(scene, head: str, deal) -> str:
    """``head``, then both sides' points when there is a deal."""
    from ..negotiation import points

    if deal is None:
        return head
    return f"{head}: Marvel {points(scene, deal, 'marvel')} poin, Batman {points(scene, deal, 'batman')} poin"


class NegotiationPair(Kind):
    name = "negotiation_pair"
    minutes = 30.0  # reading the role sheet and negotiating (the module's steps 1-2)
    auto_graded = False
    label = "tag_nego"
    widget = "course.widgets.negotiation:NegotiationPair"
    board = "pairs"

    def parse(self, item, stored):
        """Team, scenario, result, package and pair code as the widget can show them; a deal without a full package is
        open; a code that is not one is no code."""
        from ..negotiation import SIDES, clean_package

        if not isinstance(stored, dict):
            raise Unreadable("bukan catatan permainan peran", preview(stored))
        scene = scene_of(stored)
        team = stored.get("team") if stored.get("team") in SIDES else None
        result = stored.get("result") if short_text(stored.get("result")) and stored.get("result") in STATES else None
        package = clean_package(scene, stored.get("package")) if scene and result == "deal" else None
        if result == "deal" and package is None or scene is None:
            result = None
        return {"team": team, "scenario": scene.id if scene else None, "result": result, "package": package,
                "pair": pair_code(stored.get("pair"))}

    def describe(self, item, value):
        scene = scene_of(value)
        if scene is None:
            return message("no_answer")
        head = f"{scene.title}; tim {value['team'] or '?'}; {STATES[value['result']]}"
        if value.get("pair"):
            head += f"; kode {value['pair']}"
        return deal_text(scene, head, value["package"])

    def examples(self, item, key):
        from ..negotiation import best_joint, load_scenarios, points

        scene = next(iter(load_scenarios().values()))
        deal = best_joint(scene)
        return [
            Example("right", {"team": "marvel", "scenario": scene.id, "result": "deal", "package": deal},
                    says=(f"Marvel {points(scene, deal, 'marvel')} poin, Batman {points(scene, deal, 'batman')} poin",)),
            Example("partly_right", {"team": "batman", "scenario": scene.id, "result": "no_deal", "package": None},
                    says=("tim batman; tidak sepakat",)),
            Example("right", {"team": "batman", "scenario": scene.id, "result": "deal", "package": deal,
                              "pair": " meja-3 "}, says=("kode MEJA-3",)),
            Example("partly_right", {"team": "marvel", "scenario": scene.id, "result": "no_deal", "package": None,
                                     "pair": "meja 3; drop"}, says=("tim marvel; tidak sepakat",)),
            Example("partly_right", {"team": "marvel", "scenario": scene.id, "result": "deal", "package": {"x": "y"}},
                    says=("belum diisi",)),
            Example("wrong", {"team": None, "scenario": None, "result": None, "package": None},
                    says=(message("no_answer"),)),
            Example("wrong", {"scenario": [scene.id], "team": 5}, says=(message("no_answer"),)),
            Example("invalid", "sepakat", says=("sepakat",)),
        ]

    def synthetic(self, item, key, ability, rng):
        from ..negotiation import all_packages, load_scenarios

        scene = load_scenarios()[rng.choice(sorted(load_scenarios()))]
        deal = rng.random() < 0.75
        return {"team": rng.choice(["marvel", "batman"]), "scenario": scene.id, "result": "deal" if deal else "no_deal",
                "package": rng.choice(all_packages(scene)) if deal else None}
