"""Reflection: free text the instructor reads and, for graded items, marks by hand. Stored: the text."""

from __future__ import annotations

from ._base import Example, Kind, Unreadable, preview

__all__ = ["Reflection", "MAX_REFLECTION", "SAMPLE_REFLECTION"]

MAX_REFLECTION = 8000
SAMPLE_REFLECTION = ("Daerah kami sudah menjalin kerja sama dengan mitra luar negeri. Materi ini membantu kami melihat "
                     "peran setiap aktor dan tata kelola yang diperlukan. ")


def reflection_text(ability: float) -> str:
    """A synthetic reflection whose length grows with ``ability``."""
    return SAMPLE_REFLECTION * (1 + int(ability * 3))


class Reflection(Kind):
    name = "reflection"
    minutes = 2.0
    auto_graded = False
    label = "tag_reflection"
    widget = "course.widgets.text:Reflection"
    board = "texts"

    def parse(self, item, stored):
        if not isinstance(stored, str):
            raise Unreadable("bukan teks", preview(stored))
        return stored[:MAX_REFLECTION]

    def examples(self, item, key):
        return [
            Example("right", SAMPLE_REFLECTION * 3, says=(SAMPLE_REFLECTION.strip(),)),
            Example("partly_right", "Kerja sama penting.", says=("Kerja sama penting.",)),
            Example("wrong", "", says=()),
            Example("invalid", 42, says=("42",)),
            Example("invalid", ["teks"]),
        ]

    def synthetic(self, item, key, ability, rng):
        return reflection_text(ability)
