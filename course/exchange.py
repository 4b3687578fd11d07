"""nbgrader's collect, refusing submissions that another OS account made in a participant's name.

In nbgrader's exchange every participant may write into the course's inbound folder, and a submission
names its student in its folder name. nbgrader's own collect (``check_owner``) only logs a warning when
that folder belongs to someone else, then collects it: on a shared server peserta1 could hand in work
as peserta2, and a later forged submission would replace peserta2's own. Chosen in nbgrader_config.py
(``ExchangeFactory.collect``).
"""

from __future__ import annotations

import glob
import os

from nbgrader.exchange.default.collect import ExchangeCollect, groupby

try:
    import pwd
except ImportError:  # Windows: no OS owners to compare
    pwd = None


def _account(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def owner_name(path: str) -> str | None:
    """The OS account that owns ``path`` (None where accounts are unknown: Windows)."""
    if pwd is None:
        return None
    try:
        return _account(os.stat(path).st_uid)
    except OSError:
        return "?"


class OwnerCheckedCollect(ExchangeCollect):
    """Collect only submissions owned by the student they name (or by the collecting account itself:
    personas of a demo on one account); the others are skipped with a warning before the latest is chosen."""

    def made_by_its_student(self, record: dict) -> bool:
        owner = owner_name(os.path.join(self.inbound_path, record["filename"]))
        if owner is None or owner in (record["username"], _account(os.geteuid())):
            return True
        self.log.warning("Kiriman %s ditolak: dibuat oleh akun %s, bukan oleh %s.",
                         record["filename"], owner, record["username"])
        return False

    def init_src(self):
        super().init_src()  # checks the course and its inbound folder, reads the due date
        student_id = self.coursedir.student_id or "*"
        pattern = os.path.join(self.inbound_path, f"{student_id}+{self.coursedir.assignment_id}+*")
        records = [self._path_to_record(path) for path in glob.glob(pattern)]
        by_student = groupby([record for record in records if self.made_by_its_student(record)],
                             lambda record: record["username"])
        self.src_records = []
        for submissions in by_student.values():
            latest_first = self._sort_by_timestamp(submissions)
            if self.duedate is not None and self.before_duedate:
                on_time = [record for record in latest_first if record["timestamp"] <= self.duedate]
                latest_first = on_time or latest_first
            self.src_records.append(latest_first[0])


__all__ = ["OwnerCheckedCollect", "owner_name"]
