"""The facilitator's live class board: the views of each session's activities, built from participants' answers."""

from .views import View, build, pseudonym

__all__ = ["View", "build", "pseudonym"]
