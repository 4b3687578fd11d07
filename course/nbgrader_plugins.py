"""nbgrader preprocessors that harden autograding (registered in ``nbgrader_config.py``).

All subclass ``NbGraderPreprocessor``: a plain nbconvert ``Preprocessor`` is disabled by
default and would silently do nothing.
"""

from __future__ import annotations

import copy
import os
import re

import nbformat
from nbformat import v4
from nbformat.corpus.words import generate_corpus_id
from nbformat.validator import ValidationError, normalize, validate
from nbgrader.api import Gradebook
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

from .cells import grade_id

__all__ = ["RepairNotebookSchema", "RestoreGradingMetadata", "RestoreDeletedCells", "RestoreCellMetadata",
           "StripUnknownCode", "RestoreCellOrder"]

NBGRADER_SCHEMA_VERSION = 3
_CELL_ID = re.compile(r"^[a-zA-Z0-9-_]{1,64}$")
_TAG = re.compile(r"^[^,]+$")


def _source_metadata(source_cell, max_score, is_task: bool, is_solution: bool) -> dict:
    """The nbgrader metadata ``generate_assignment`` gave this cell, rebuilt from its gradebook entries."""
    grade = max_score is not None and not is_task
    metadata = {
        "cell_type": source_cell.cell_type,
        "checksum": source_cell.checksum,
        "grade": grade,
        "grade_id": source_cell.name,
        "locked": bool(source_cell.locked),
        "schema_version": NBGRADER_SCHEMA_VERSION,
        "solution": is_solution,
        "task": is_task,
    }
    if max_score is not None:
        metadata["points"] = float(max_score)
    return metadata


_SOURCES = {}  # (gradebook, assignment, notebook) -> (release file's stamp, what _read_source_cells read)


def _source_cells(resources, release: str | None = None) -> tuple[dict, dict]:
    """({grade id: nbgrader metadata}, {grade id: source text}) of every cell the gradebook knows for this notebook.

    A grading process that grades many notebooks reads them once: they are kept while the released notebook
    at ``release`` is unchanged (``generate_assignment`` writes the gradebook's source cells and that file
    together); without a readable release they are read at every call.
    """
    nbgrader = resources["nbgrader"]
    key = (nbgrader["db_url"], nbgrader["assignment"], nbgrader["notebook"])
    return _kept_while_unchanged(_SOURCES, key, release, lambda: _read_source_cells(nbgrader))


def _read_source_cells(nbgrader: dict) -> tuple[dict, dict]:
    with Gradebook(nbgrader["db_url"]) as gradebook:
        source = gradebook.find_notebook(nbgrader["notebook"], nbgrader["assignment"])
        points = {cell.name: cell.max_score for cell in source.grade_cells}
        points.update({cell.name: cell.max_score for cell in source.task_cells})
        tasks = {cell.name for cell in source.task_cells}
        solutions = {cell.name for cell in source.solution_cells}
        entries = {cell.name: _source_metadata(cell, points.get(cell.name), cell.name in tasks,
                                               cell.name in solutions) for cell in source.source_cells}
        return entries, {cell.name: cell.source for cell in source.source_cells}


def _kept_while_unchanged(cache: dict, key, path: str | None, read):
    """``read()``, kept in ``cache`` under ``key`` while the file at ``path`` keeps its modification time and
    size; read at every call when there is no such file."""
    try:
        status = os.stat(path) if path else None
    except OSError:
        status = None
    if status is None:
        return read()
    stamp = (status.st_mtime_ns, status.st_size)
    if cache.get(key, (None,))[0] != stamp:
        cache[key] = (stamp, read())
    return cache[key][1]


def _release_path(preprocessor, resources) -> str:
    """The released notebook this submission was made from, in the course folder."""
    nbgrader = resources["nbgrader"]
    course = CourseDirectory(config=preprocessor.config)
    folder = course.format_path(course.release_directory, ".", nbgrader["assignment"])
    return f"{folder}/{nbgrader['notebook']}.ipynb"


def _retyped(cell, cell_type: str):
    """A copy of ``cell`` as a valid cell of ``cell_type`` (same id, source and metadata; no outputs)."""
    make = {"code": v4.new_code_cell, "markdown": v4.new_markdown_cell, "raw": v4.new_raw_cell}[cell_type]
    source = cell.get("source", "")
    new = make(source if isinstance(source, str) else "", metadata=cell.metadata)
    if isinstance(cell.get("id"), str):
        new["id"] = cell["id"]
    return new


class RepairNotebookSchema(NbGraderPreprocessor):
    """Make a notebook that nbformat can read but that breaks its schema valid again, so that grading can start.

    nbconvert validates the notebook after every preprocessor and stops at the first invalid one, so a
    hand-edited notebook (``"tags": 5`` or ``[""]``, a kernelspec that is a string, an ``execution_count``
    of ``"x"``, a cell id with a space) failed to be graded at all. Runs first. Nothing here decides a score: outputs
    are cleared (as ``ClearOutput`` does next), a cell of an unknown type is dropped (a known one is put
    back by ``RestoreDeletedCells``), a source that is not text becomes empty (a locked cell's source is
    restored by ``OverwriteCells``), tags that are not text are dropped, bad or repeated cell ids are
    replaced, and metadata the notebook schema rejects is stripped with nbformat's own ``normalize``.
    """

    def preprocess(self, nb, resources):
        cells, ids, dropped = [], set(), 0
        for cell in nb.get("cells", []):
            if not isinstance(cell, dict) or cell.get("cell_type") not in ("code", "markdown", "raw"):
                dropped += 1
                continue
            if not isinstance(cell.get("metadata"), dict):
                cell["metadata"] = nbformat.from_dict({})
            if "tags" in cell.metadata:  # the schema: a list of distinct, non-empty texts without commas
                tags = cell.metadata["tags"] if isinstance(cell.metadata["tags"], list) else []
                valid = (tag for tag in tags if isinstance(tag, str) and _TAG.match(tag))
                cell.metadata["tags"] = list(dict.fromkeys(valid))
            source = cell.get("source")
            if isinstance(source, list) and all(isinstance(line, str) for line in source):
                cell["source"] = "".join(source)
            elif not isinstance(source, str):
                cell["source"] = ""
            if "id" in cell or nb.get("nbformat_minor", 0) >= 5:
                if not (isinstance(cell.get("id"), str) and _CELL_ID.match(cell["id"])) or cell["id"] in ids:
                    cell["id"] = generate_corpus_id()
                ids.add(cell["id"])
            if cell["cell_type"] == "code":
                cell["outputs"], cell["execution_count"] = [], None
            else:
                cell.pop("outputs", None)
                cell.pop("execution_count", None)
                if not isinstance(cell.get("attachments", {}), dict):
                    del cell["attachments"]
            cells.append(cell)
        nb.cells = cells
        changes = 0
        try:
            validate(nb, relax_add_props=True)  # nearly every notebook: valid now, nothing for normalize to strip
        except ValidationError:
            changes, repaired = normalize(nb, relax_add_props=True, strip_invalid_metadata=True)
            nb = nbformat.from_dict(repaired)
            try:
                validate(nb, relax_add_props=True)
            except ValidationError as error:  # nbconvert stops on it right after this step: say why first
                self.log.error("Buku kerja tetap tidak sah setelah diperbaiki: %s", str(error).splitlines()[0][:200])
        if dropped or changes:
            self.log.warning("Struktur buku kerja diperbaiki: %d sel berjenis tak dikenal dibuang, %d perubahan lain.",
                             dropped, changes)
        return nb, resources


class RestoreGradingMetadata(NbGraderPreprocessor):
    """Give every cell the gradebook knows its whole nbgrader metadata and its cell type back; strip the rest.

    ``OverwriteCells`` restores a locked cell's source, type, lock and points, but trusts the other
    flags a participant can edit (grade, solution, task, schema_version), and stock preprocessors index
    nbgrader metadata without checking it. Measured (tests/test_fuzz_regressions.py): a test cell
    turned into a non-grade cell crashed grading ("Inconsistent checksums"), a question cell turned into
    a grade cell crashed it (no grade entry), ``points: "x"`` crashed it, and a copied text cell (Jupyter
    copies metadata) had its nbgrader metadata emptied by ``DeduplicateIds``, which ``CheckCellMetadata``
    then refused as "an old version" — an error nbgrader re-raises, stopping ``nbgrader autograde`` for
    every participant after that one. Runs right after ``RepairNotebookSchema``: nbgrader metadata that
    is not a dict, names no known cell, or repeats a grade id seen later in the notebook (the last copy
    is kept, as ``DeduplicateIds`` does) is removed, so the cell counts as one the participant added
    (code is then dropped by ``StripUnknownCode``; a deleted original is put back by ``RestoreDeletedCells``).
    """

    def preprocess(self, nb, resources):
        known, _sources = _source_cells(resources, _release_path(self, resources))
        last = {grade_id(cell): index for index, cell in enumerate(nb.cells)}
        cells, stripped, restored = [], 0, 0
        for index, cell in enumerate(nb.cells):
            if not isinstance(cell.get("metadata"), dict):
                cell["metadata"] = nbformat.from_dict({})
            name = grade_id(cell)
            if name not in known or last[name] != index:
                stripped += "nbgrader" in cell.metadata
                cell.metadata.pop("nbgrader", None)
            else:
                wanted = nbformat.from_dict(copy.deepcopy(known[name]))
                restored += cell.metadata.get("nbgrader") != wanted or cell.get("cell_type") != wanted["cell_type"]
                cell.metadata["nbgrader"] = wanted
                if cell.get("cell_type") != wanted["cell_type"]:
                    cell = _retyped(cell, wanted["cell_type"])
            cells.append(cell)
        nb.cells = cells
        if restored or stripped:
            self.log.warning("Metadata nbgrader: %d sel dipulihkan dari gradebook, %d sel tak dikenal/ganda dilepas.",
                             restored, stripped)
        return nb, resources


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
        known, sources = _source_cells(resources, _release_path(self, resources))
        order = self._source_order(known)
        present = {grade_id(cell) for cell in nb.cells} - {None}
        restored = []
        for name in order:
            if name in present:
                continue
            if known[name]["solution"]:
                continue  # a participant's own answer cell cannot be restored from the source
            nb.cells.insert(self._insert_position(nb, order, name), self._rebuild(sources[name], known[name]))
            present.add(name)
            restored.append(name)
        for name in restored:
            self.log.warning(self.notice.format(grade_id=name))
        resources.setdefault("kursus", {})["restored_cells"] = restored
        return nb, resources

    @staticmethod
    def _source_order(names) -> list:
        """Grade ids in notebook order: the gradebook keeps no order, so course grade ids start
        with their zero-padded position (``c017_...``) and sort into it (a test checks this)."""
        return sorted(names)

    @staticmethod
    def _insert_position(nb, order, name) -> int:
        earlier = order[: order.index(name)]
        for index in range(len(nb.cells) - 1, -1, -1):
            if grade_id(nb.cells[index]) in earlier:
                return index + 1
        return 0

    @staticmethod
    def _rebuild(source: str, nbgrader: dict):
        metadata = {"nbgrader": copy.deepcopy(nbgrader), "deletable": False, "editable": False}
        make = v4.new_code_cell if nbgrader["cell_type"] == "code" else v4.new_markdown_cell
        cell = make(source, metadata=metadata)
        cell.pop("id", None)
        return cell


_RELEASED = {}  # path -> ((mtime_ns, size), {grade id: metadata}): a grading process reads each release once


def _released_cell_metadata(path: str) -> dict:
    """{grade id: metadata} of the released notebook at ``path``, read again only when the file changed."""
    def read() -> dict:
        released = nbformat.read(path, as_version=4)
        return {grade_id(cell): cell.metadata for cell in released.cells if grade_id(cell)}

    return _kept_while_unchanged(_RELEASED, path, path, read)


class RestoreCellMetadata(NbGraderPreprocessor):
    """Give every cell the source knows its released metadata back: tags above all, not only its text.

    ``OverwriteCells`` restores a locked cell's source, type, lock and points, but keeps whatever
    else a participant put in its metadata, e.g. the ``skip-execution`` tag, which makes the
    executor skip a test cell (and a test cell without output counts as passed). Runs after
    ``OverwriteCells``: the nbgrader part it has just checked is kept; the rest comes from the
    released notebook in the course folder, or, if that cannot be read, every tag is dropped.
    """

    def _released_metadata(self, resources) -> dict:
        try:
            return _released_cell_metadata(_release_path(self, resources))
        except (OSError, ValueError) as error:
            self.log.warning("Buku kerja rilis tidak terbaca (%s): semua tag sel yang dikenal dibuang.", error)
            return {}

    def preprocess(self, nb, resources):
        released = self._released_metadata(resources)
        restored = 0
        for cell in nb.cells:
            name = grade_id(cell)
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


class RestoreCellOrder(NbGraderPreprocessor):
    """Put the cells the source knows back in the source's order, before the kernel runs them.

    The course's test cells call ``grade``, which the setup cell imports: a notebook whose setup cell was
    moved below a test cell (drag and drop, or a cut and paste) scored 0 on that item although its
    answers were right. Any other cell (a participant's own text) stays right after the known cell it
    followed. Grade ids start with their zero-padded position, so sorting them gives the source order
    (see ``RestoreDeletedCells._source_order``).
    """

    def preprocess(self, nb, resources):
        groups, current = [], ("", [])
        for cell in nb.cells:
            name = grade_id(cell)
            if name is not None:
                groups.append(current)
                current = (name, [])
            current[1].append(cell)
        groups.append(current)
        ordered = sorted(groups, key=lambda group: group[0])
        if [name for name, _ in ordered] != [name for name, _ in groups]:
            self.log.warning("Urutan sel dipulihkan sesuai sumber sebelum penilaian.")
        nb.cells = [cell for _name, cells in ordered for cell in cells]
        return nb, resources
