"""Actor map: the actors of the participant's region, each classified and rated for influence and interest.

Stored: a list of rows {"name", "category", "role", "influence": 1-5, "interest": 1-5}. Read by the instructor.
"""

from __future__ import annotations

from typing import Any

from .._messages import message
from ._base import Example, Kind, Unreadable, preview

__all__ = ["ActorMap", "clean_rows", "RATINGS", "MAX_NAME", "MAX_ROLE"]

RATINGS = (1, 2, 3, 4, 5)
MAX_NAME = 120
MAX_ROLE = 300
_DASH = "\u2014"


def _rating(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value in RATINGS else 3


def clean_rows(value: Any, categories: set[str], limit: int) -> list[dict]:
    """The stored rows in canonical form; anything malformed is dropped or reset, never raised."""
    if not isinstance(value, list):
        return []
    rows = []
    for row in [row for row in value if isinstance(row, dict)][:limit]:
        name, role, category = row.get("name"), row.get("role"), row.get("category")
        rows.append({
            "name": name[:MAX_NAME] if isinstance(name, str) else "",
            "category": category if isinstance(category, str) and category in categories else "",
            "role": role[:MAX_ROLE] if isinstance(role, str) else "",
            "influence": _rating(row.get("influence")),
            "interest": _rating(row.get("interest")),
        })
    return rows


class ActorMap(Kind):
    name = "actor_map"
    minutes = 8.0
    auto_graded = False
    label = "tag_actor_map"
    widget = "course.widgets.actor_map:ActorMap"
    board = "actors"
    bank_schema = {"required": ["categories"]}

    def parse(self, item, stored):
        if not isinstance(stored, list):
            raise Unreadable("bukan daftar aktor", preview(stored))
        return clean_rows(stored, {category["id"] for category in item.categories}, item.max_rows)

    def parts(self, item, value):
        return [
            f"{row['name'].strip()} ({item.text_of(row['category']) if row['category'] else _DASH}): "
            f"{message('influence').lower()} {row['influence']}, {message('interest').lower()} {row['interest']}"
            + (f"; {row['role']}" if row["role"].strip() else "")
            for row in value if row["name"].strip()
        ]

    def describe(self, item, value):
        return "\n".join(f"- {part}" for part in self.parts(item, value)) or message("no_answer")

    def examples(self, item, key):
        first, last = item.categories[0], item.categories[-1]
        return [
            Example("right", [
                {"name": "JICA", "category": first["id"], "role": "Donor", "influence": 4, "interest": 5},
                {"name": "Kamar Dagang", "category": last["id"], "role": "", "influence": 2, "interest": 3},
            ], says=(f"JICA ({first['text']})",)),
            Example("partly_right", [{"name": "Mitra", "category": "bukan_kategori", "influence": 9, "interest": "5"},
                                     "baris rusak"], says=(f"Mitra ({_DASH})",)),
            Example("wrong", [], says=(message("no_answer"),)),
            Example("invalid", "rusak", says=("rusak",)),
            Example("invalid", {"name": "JICA"}),
        ]
