"""Read graded items' keys back out of a source notebook's hidden test cells (for instructors).

Keys live only in ``grade(...)`` calls inside hidden tests of ``source/`` notebooks; tools that
must recompute scores outside the grading kernel (tests, audits) parse them here with ``ast``,
without executing anything.
"""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat

__all__ = ["GradedKey", "keys_from_notebook"]


class GradedKey(dict):
    """``{"key": ..., "points": ..., "explanation": ..., "why_not": {option id: text}}`` of one graded item."""


def _calls_to_grade(source: str):
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "grade":
            yield node


def keys_from_notebook(path: str | Path) -> dict:
    """Return ``{item_id: GradedKey}`` for every ``grade(...)`` call in ``path``'s code cells."""
    notebook = nbformat.read(path, as_version=4)
    found = {}
    for cell in notebook.cells:
        if cell.cell_type != "code" or "grade(" not in cell.source:
            continue
        for call in _calls_to_grade(cell.source):
            arguments = {keyword.arg: ast.literal_eval(keyword.value) for keyword in call.keywords}
            positional = [ast.literal_eval(argument) for argument in call.args]
            names = ["item_id", "key", "points", "explanation"]
            arguments.update(dict(zip(names, positional)))
            item_id = arguments.pop("item_id")
            found[item_id] = GradedKey(
                key=arguments["key"], points=arguments["points"], explanation=arguments.get("explanation", ""),
                why_not=arguments.get("why_not") or {},
            )
    return found
