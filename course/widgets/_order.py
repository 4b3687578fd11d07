"""The order a participant sees an item's options in: shuffled, and the same at every run for that participant.

Shuffling removes the position cue ("the first option is right"). The order is seeded from the
participant's account and the item id, so it survives a restart, a new kernel and a copied
folder on the same account, and needs nothing stored. Keys, answers, feedback and reports use
option ids and texts, never positions, so they do not depend on it.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import random

__all__ = ["participant", "shuffled"]


def participant() -> str:
    """Who is answering: the hub user, else the local account ("" when neither is known)."""
    name = os.environ.get("JUPYTERHUB_USER")
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def shuffled(item_id: str, choices: list, who: str | None = None) -> list:
    """``choices`` in the order ``who`` (default: this participant) sees them for ``item_id``."""
    who = participant() if who is None else who
    seed = hashlib.sha256(f"{who}\0{item_id}".encode("utf-8", "surrogatepass")).digest()
    order = list(choices)
    random.Random(seed).shuffle(order)
    return order
