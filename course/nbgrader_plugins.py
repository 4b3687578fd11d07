"""nbgrader preprocessors that harden autograding (registered in ``nbgrader_config.py``).

Both subclass ``NbGraderPreprocessor``: a plain nbconvert ``Preprocessor`` is disabled by
default and would silently do nothing.
"""

from __future__ import annotations

import copy

import nbformat
from nbformat import v4
from nbgrader.api import Gradebook
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

__all__ = ["RestoreDeletedCells", "RestoreCellMetadata", "StripUnknownCode"]


def _grade_id(cell) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


class RestoreDeletedCells(NbGraderPreprocessor):
    """Put back every locked cell (test cells included) that a participant deleted.

    Stock nbgrader scores a deleted test cell 0 and asks for manual grading; its own
    ``add_missing_cells`` only looks for the previous *graded* cell and fails when the previous
    cell is an ordinary locked one (our widget cells). This restores each missing cell from the
    gradebook, by grade id, right after the nearest earlier cell that is still there.
    """

    notice = Unicode(
        "Sel ini ({grade_id}) dihapus dari kiriman dan dipulihkan dari sumber saat penilaian.",
        help="Logged (in Bahasa Indonesia) for every restored cell.",
    ).tag(config=True)

    def preprocess(self, nb, resources):
        notebook_id = resources["nbgrader"]["notebook"]
        assignment_id = resources["nbgrader"]["assignment"]
        with Gradebook(resources["nbgrader"]["db_url"]) as gradebook:
            source = gradebook.find_notebook(notebook_id, assignment_id)
            source_cells = list(source.source_cells)
            graded = {cell.name: cell for cell in source.grade_cells}
            tasks = {cell.name for cell in source.task_cells}
            solutions = {cell.name for cell in source.solution_cells}
            order = self._source_order(source)
            present = {_grade_id(cell) for cell in nb.cells} - {None}
            restored = []
            for name in order:
                if name in present or name not in {cell.name for cell in source_cells}:
                    continue
                if name in solutions:
                    continue  # a participant's own answer cell cannot be restored from the source
                cell = self._rebuild(next(c for c in source_cells if c.name == name), graded.get(name), name in tasks)
                nb.cells.insert(self._insert_position(nb, order, name), cell)
                present.add(name)
                restored.append(name)
        for name in restored:
            self.log.warning(self.notice.format(grade_id=name))
        resources.setdefault("kursus", {})["restored_cells"] = restored
        return nb, resources

    @staticmethod
    def _source_order(source) -> list:
        """Grade ids in notebook order: the gradebook keeps no order, so course grade ids start
        with their zero-padded position (``c017_...``) and sort into it (a test checks this)."""
        return sorted(cell.name for cell in source.source_cells)

    @staticmethod
    def _insert_position(nb, order, name) -> int:
        earlier = order[: order.index(name)]
        for index in range(len(nb.cells) - 1, -1, -1):
            if _grade_id(nb.cells[index]) in earlier:
                return index + 1
        return 0

    @staticmethod
    def _rebuild(source_cell, grade_cell, is_task):
        metadata = {
            "nbgrader": {
                "grade": grade_cell is not None and not is_task,
                "grade_id": source_cell.name,
                "locked": source_cell.locked,
                "solution": False,
                "task": is_task,
                "schema_version": 3,
                "checksum": source_cell.checksum,
            },
            "deletable": False,
            "editable": False,
        }
        if grade_cell is not None:
            metadata["nbgrader"]["points"] = float(grade_cell.max_score)
        if source_cell.cell_type == "code":
            cell = v4.new_code_cell(source_cell.source, metadata=copy.deepcopy(metadata))
        else:
            cell = v4.new_markdown_cell(source_cell.source, metadata=copy.deepcopy(metadata))
        cell.pop("id", None)
        return cell


class RestoreCellMetadata(NbGraderPreprocessor):
    """Give every cell the source knows its released metadata back: tags above all, not only its text.

    ``OverwriteCells`` restores a locked cell's source, type, lock and points, but keeps whatever
    else a participant put in its metadata, e.g. the ``skip-execution`` tag, which makes the
    executor skip a test cell (and a test cell without output counts as passed). Runs after
    ``OverwriteCells``: the nbgrader part it has just checked is kept; the rest comes from the
    released notebook in the course folder, or, if that cannot be read, every tag is dropped.
    """

    def _released_metadata(self, resources) -> dict:
        nbgrader = resources["nbgrader"]
        folder = CourseDirectory(config=self.config).format_path(
            CourseDirectory(config=self.config).release_directory, ".", nbgrader["assignment"])
        try:
            released = nbformat.read(f"{folder}/{nbgrader['notebook']}.ipynb", as_version=4)
        except (OSError, ValueError) as error:
            self.log.warning("Buku kerja rilis tidak terbaca (%s): semua tag sel yang dikenal dibuang.", error)
            return {}
        return {_grade_id(cell): cell.metadata for cell in released.cells if _grade_id(cell)}

    def preprocess(self, nb, resources):
        released = self._released_metadata(resources)
        restored = 0
        for cell in nb.cells:
            name = _grade_id(cell)
            if not name:
                continue
            metadata = copy.deepcopy(released.get(name, {}))
            metadata.pop("nbgrader", None)
            metadata["nbgrader"] = cell.metadata["nbgrader"]
            restored += metadata != cell.metadata
            cell.metadata = nbformat.from_dict(metadata)
        if restored:
            self.log.warning("Metadata %d sel dipulihkan dari rilis (mis. tag yang ditambahkan peserta).", restored)
        return nb, resources


class StripUnknownCode(NbGraderPreprocessor):
    """Drop every code cell the source does not know, so participant code never runs at grading.

    Must run after ``OverwriteCells``, which restores locked cells by grade id and removes
    grade ids the gradebook does not know: a code cell left without a grade id was added by the
    participant (or forged), and so is an unlocked one (an optional playground cell).
    """

    def preprocess(self, nb, resources):
        kept, dropped = [], 0
        for cell in nb.cells:
            nbgrader = cell.get("metadata", {}).get("nbgrader", {})
            known = nbgrader.get("grade_id") and (nbgrader.get("locked") or nbgrader.get("grade"))
            if cell.cell_type == "code" and not known:
                dropped += 1
                continue
            kept.append(cell)
        nb.cells = kept
        if dropped:
            self.log.warning("%d sel kode tambahan peserta dibuang sebelum penilaian.", dropped)
        resources.setdefault("kursus", {})["dropped_cells"] = dropped
        return nb, resources
