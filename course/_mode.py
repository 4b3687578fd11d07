"""Whether this process is a grading kernel: the one switch that ``display`` and ``bank`` both read."""

from __future__ import annotations

import os

__all__ = ["grading_mode"]


def grading_mode() -> bool:
    """True while nbgrader executes the notebook (autograde, validate): no one is there to click."""
    return bool(os.environ.get("NBGRADER_EXECUTION"))
