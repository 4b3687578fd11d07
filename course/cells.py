"""Reading a notebook cell that a participant may have edited by hand: never raises on odd metadata or fields."""

from __future__ import annotations

__all__ = ["grade_id", "nbgrader_metadata", "cell_source", "cell_tags", "complete_cells"]


def nbgrader_metadata(cell) -> dict:
    """The cell's nbgrader metadata if it is a dict, else {}."""
    metadata = cell.get("metadata") if isinstance(cell, dict) else None
    found = metadata.get("nbgrader") if isinstance(metadata, dict) else None
    return found if isinstance(found, dict) else {}


def grade_id(cell) -> str | None:
    """The cell's grade id if it has a readable one (a non-empty string), else None."""
    name = nbgrader_metadata(cell).get("grade_id")
    return name if isinstance(name, str) and name else None


def cell_source(cell) -> str:
    """The cell's source as text ("" when it is missing or not text; a list of lines is joined)."""
    source = cell.get("source") if isinstance(cell, dict) else None
    if isinstance(source, list) and all(isinstance(line, str) for line in source):
        return "".join(source)
    return source if isinstance(source, str) else ""


def cell_tags(cell):
    """The cell's tags as stored (any value; None when absent)."""
    metadata = cell.get("metadata") if isinstance(cell, dict) else None
    return metadata.get("tags") if isinstance(metadata, dict) else None


def complete_cells(notebook) -> None:
    """Give every cell the fields nbformat needs to write it (a source, outputs of a code cell), in place."""
    for cell in notebook.get("cells", []):
        if not isinstance(cell, dict):
            continue
        if not isinstance(cell.get("metadata"), dict):
            cell["metadata"] = {}
        cell["source"] = cell_source(cell)
        if cell.get("cell_type") == "code":
            if not isinstance(cell.get("outputs"), list):
                cell["outputs"] = []
            cell.setdefault("execution_count", None)
