"""Defer a slow upstream import that every kernel and every nbgrader process would otherwise pay.

``jsonschema`` (imported by ``nbformat``, hence by nbgrader and by this course's bank validator)
imports ``rfc3987_syntax`` at start-up to register its "iri" format checks; that import compiles a
grammar and costs about one second. No schema here uses those formats. ``defer_rfc3987_syntax()``
puts a stand-in module in its place that imports the real one on first use, so the checks still
work if anything ever calls them.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types

__all__ = ["defer_rfc3987_syntax"]

_NAME = "rfc3987_syntax"


def _load_real() -> types.ModuleType:
    if getattr(sys.modules.get(_NAME), "__kursus_stand_in__", False):
        del sys.modules[_NAME]
    return importlib.import_module(_NAME)


def _is_valid_syntax(*arguments, **keywords):
    return _load_real().is_valid_syntax(*arguments, **keywords)


def _attribute(name: str):
    if name.startswith("__"):  # the import system probes __path__, __spec__ ...: no reason to load
        raise AttributeError(name)
    return getattr(_load_real(), name)


def defer_rfc3987_syntax() -> bool:
    """Install the stand-in unless the module is already imported or absent; True if installed."""
    if _NAME in sys.modules or "jsonschema" in sys.modules or importlib.util.find_spec(_NAME) is None:
        return False
    stand_in = types.ModuleType(_NAME, "Stand-in: imports rfc3987_syntax on first use (see course._lazy).")
    stand_in.__kursus_stand_in__ = True
    stand_in.is_valid_syntax = _is_valid_syntax
    stand_in.__getattr__ = _attribute
    sys.modules[_NAME] = stand_in
    return True
