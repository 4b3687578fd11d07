"""No code outside course/kinds/ switches on a kind of item: no comparison with a kind, no kind-keyed table.

Read with ``ast``, not imported: a string constant that names a kind (other than a docstring), or a
comparison that involves an ``.kind`` attribute, anywhere in the package outside course/kinds/ fails.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from course import kinds

PACKAGE = Path(kinds.__file__).resolve().parent.parent
KIND_NAMES = set(kinds.names())
OUTSIDE = sorted(path for path in PACKAGE.rglob("*.py") if "kinds" not in path.relative_to(PACKAGE).parts)


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):  # attribute docstrings
            found.add(id(node.value))
    return found


def _involves_kind(node: ast.AST) -> bool:
    return any(isinstance(part, ast.Attribute) and part.attr == "kind" for part in ast.walk(node))


def kind_switches(source: str) -> list[str]:
    """Where ``source`` names a kind or compares an item's kind (line: what)."""
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and node.value in KIND_NAMES and id(node) not in docstrings:
            found.append(f"{node.lineno}: {node.value!r}")
        elif isinstance(node, ast.Compare) and _involves_kind(node):
            found.append(f"{node.lineno}: comparison with .kind")
        elif isinstance(node, ast.Subscript) and _involves_kind(node.slice):
            found.append(f"{node.lineno}: table indexed by .kind")
    return found


def test_the_check_finds_a_switch():
    """Would the check catch the switches this package used to have?"""
    assert kind_switches('if item.kind == "numeric":\n    pass\n')
    assert kind_switches('LABEL = {"reflection": "x"}\n')
    assert kind_switches("WIDGET[item.kind](item)\n")
    assert kind_switches('if item.kind in ("a", "b"):\n    pass\n')
    assert not kind_switches('"""Reflections and single_choice items."""\nvalue = item.kind\n')


@pytest.mark.parametrize("path", OUTSIDE, ids=[str(path.relative_to(PACKAGE)) for path in OUTSIDE])
def test_no_kind_switch_outside_the_kinds_package(path):
    """Does this module leave every kind-specific decision to course.kinds?"""
    assert kind_switches(path.read_text(encoding="utf-8")) == []


def test_bank_schema_names_no_kind():
    """Does the bank schema leave each kind's fields to its module (so a new kind never edits it)?"""
    schema = (PACKAGE / "banks" / "schema.json").read_text(encoding="utf-8")
    assert not [name for name in KIND_NAMES if json.dumps(name) in schema]
