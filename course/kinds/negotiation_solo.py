"""Negotiation alone: the participant (Marvel) against the computer (Batman), round by round.

Stored: {"scenario": id, "history": [{"offer": package, "accepted_counter": bool, ...}], "deal": package | None,
"finished": bool}. The widget replays the offers against the deterministic counterpart; read in the debrief.
"""

from __future__ import annotations

from .._messages import message
from ._base import Example, Kind, Unreadable, preview
from .negotiation_pair import deal_text, scene_of

__all__ = ["NegotiationSolo"]


class NegotiationSolo(Kind):
    name = "negotiation_solo"
    minutes = 0.0  # the alternative to the pair role-play: a participant plays one of the two, timed there
    auto_graded = False
    label = "tag_nego"
    widget = "course.widgets.negotiation:NegotiationSolo"
    board = "games"

    def parse(self, item, stored):
        """The scenario, the offers up to the first broken one (at most the scenario's rounds), the deal, finished."""
        from ..negotiation import clean_package

        if not isinstance(stored, dict):
            raise Unreadable("bukan catatan permainan peran", preview(stored))
        scene = scene_of(stored)
        if scene is None:
            return {"scenario": None, "history": [], "deal": None, "finished": False}
        history = []
        for entry in stored.get("history") if isinstance(stored.get("history"), list) else []:
            offer = clean_package(scene, entry.get("offer")) if isinstance(entry, dict) else None
            if offer is None or len(history) >= scene.rounds:
                break
            history.append({"offer": offer, "accepted_counter": entry.get("accepted_counter") is True})
        return {"scenario": scene.id, "history": history, "deal": clean_package(scene, stored.get("deal")),
                "finished": stored.get("finished") is True}

    def describe(self, item, value):
        scene = scene_of(value)
        if scene is None:
            return message("no_answer")
        deal = value["deal"]
        state = "sepakat" if deal else ("tidak sepakat" if value["finished"] else "belum selesai")
        return deal_text(scene, f"{scene.title}; mode sendiri, {len(value['history'])} putaran; {state}", deal)

    def examples(self, item, key):
        from ..negotiation import best_joint, load_scenarios, points

        scene = next(iter(load_scenarios().values()))
        deal = best_joint(scene)
        offer = {"offer": deal, "accepted": True, "counter": None, "explanation": "", "accepted_counter": False}
        return [
            Example("right", {"scenario": scene.id, "history": [offer], "deal": deal, "finished": True},
                    says=(f"1 putaran; sepakat: Marvel {points(scene, deal, 'marvel')} poin",)),
            Example("partly_right", {"scenario": scene.id, "history": [offer, offer], "deal": None, "finished": True},
                    says=("2 putaran; tidak sepakat",)),
            Example("wrong", {"scenario": scene.id, "history": "x", "deal": None, "finished": False},
                    says=("0 putaran; belum selesai",)),
            Example("wrong", {"scenario": ["x"], "history": 5}, says=(message("no_answer"),)),
            Example("invalid", [offer]),
        ]
