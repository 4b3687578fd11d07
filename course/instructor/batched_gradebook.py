"""nbgrader's two per-cell gradebook steps, with the rows of one notebook read at once and written at once.

``OverwriteCells`` looks up each cell's source row (and a grade cell's points) with one query per cell;
``SaveAutoGrades`` looks up each cell's grade or comment row with one query and commits once per cell
(each commit also expires every row it read, so the next cell reads them again). For a 20-cell notebook that
is about 60 queries and 20 commits. Here the same rows come from one query per kind of row, and
``SaveAutoGrades`` commits once, after its last cell (so a submission's automatic grades are saved all or
none).

What each step decides is nbgrader's own code, unchanged: only ``Gradebook``'s ``find_*`` lookups for the
notebook being graded are answered from the rows read up front. A name that is not among them (or that
appears twice, which nbgrader's own lookup would refuse) is looked up by nbgrader's query, so a missing
row raises nbgrader's own ``MissingEntry``. The course's grading worker uses these two classes in place of
nbgrader's (``grade_worker``); ``nbgrader autograde`` itself is unchanged.
"""

from __future__ import annotations

from nbgrader.api import (Assignment, Comment, Grade, GradeCell, Gradebook, Notebook, SolutionCell, SourceCell,
                          Student, SubmittedAssignment, SubmittedNotebook, TaskCell)
from nbgrader.preprocessors import OverwriteCells, SaveAutoGrades

__all__ = ["PrefetchedGradebook", "BatchedOverwriteCells", "BatchedSaveAutoGrades"]


class PrefetchedGradebook(Gradebook):
    """A ``Gradebook`` whose per-cell ``find_*`` lookups read all of a notebook's rows of that kind at once."""

    def __init__(self, db_url: str, *arguments, **options):
        super().__init__(db_url, *arguments, **options)
        self._tables: dict[tuple, dict] = {}

    # nbgrader's lookups: the first call for a notebook reads its rows; the name is then looked up in them
    def find_source_cell(self, name, notebook, assignment):
        return self._lookup(("source", notebook, assignment), name, super().find_source_cell, name, notebook, assignment)

    def find_graded_cell(self, name, notebook, assignment):
        return self._lookup(("graded", notebook, assignment), name, super().find_graded_cell, name, notebook, assignment)

    def find_grade(self, grade_cell, notebook, assignment, student):
        return self._lookup(("grade", notebook, assignment, student), grade_cell, super().find_grade,
                            grade_cell, notebook, assignment, student)

    def find_comment(self, solution_cell, notebook, assignment, student):
        return self._lookup(("comment", notebook, assignment, student), solution_cell, super().find_comment,
                            solution_cell, notebook, assignment, student)

    def _lookup(self, key: tuple, name, nbgraders_lookup, *arguments):
        if key not in self._tables:
            self._tables[key] = self._read(*key)
        row = self._tables[key].get(name)
        return row if row is not None else nbgraders_lookup(*arguments)

    def _read(self, kind: str, notebook: str, assignment: str, student: str | None = None) -> dict:
        """{cell name: row} for one notebook, with the precedence nbgrader's lookup has (grade before task cell)."""
        if kind == "source":
            return _by_name(self._cells(SourceCell, notebook, assignment))
        if kind == "graded":
            return {**_by_name(self._cells(TaskCell, notebook, assignment)),
                    **_by_name(self._cells(GradeCell, notebook, assignment))}
        row, cell_kinds = (Grade, (TaskCell, GradeCell)) if kind == "grade" else (Comment, (TaskCell, SolutionCell))
        found = {}
        for cell in cell_kinds:  # the later kind wins a name both have, as nbgrader tries it first
            found.update(_by_name(self._submitted(row, cell, notebook, assignment, student)))
        return found

    def _cells(self, cell, notebook: str, assignment: str):
        """(name, cell) for every ``cell`` row of a notebook: nbgrader's ``find_*_cell`` query without the name."""
        return (self.db.query(cell.name, cell)
                .join(Notebook, Notebook.id == cell.notebook_id)
                .join(Assignment, Assignment.id == Notebook.assignment_id)
                .filter(Notebook.name == notebook, Assignment.name == assignment))

    def _submitted(self, row, cell, notebook: str, assignment: str, student: str):
        """(cell name, row) for every grade or comment of a submitted notebook: nbgrader's query without the name."""
        return (self.db.query(cell.name, row)
                .join(cell, cell.id == row.cell_id)
                .join(SubmittedNotebook, SubmittedNotebook.id == row.notebook_id)
                .join(Notebook, Notebook.id == SubmittedNotebook.notebook_id)
                .join(SubmittedAssignment, SubmittedAssignment.id == SubmittedNotebook.assignment_id)
                .join(Assignment, Assignment.id == SubmittedAssignment.assignment_id)
                .join(Student, Student.id == SubmittedAssignment.student_id)
                .filter(Notebook.name == notebook, Assignment.name == assignment, Student.id == student))


def _by_name(rows) -> dict:
    """{name: row}; a name found twice is left out, so nbgrader's own lookup refuses it as it would."""
    found, repeated = {}, set()
    for name, row in rows:
        if name in found:
            repeated.add(name)
        found[name] = row
    for name in repeated:
        del found[name]
    return found


class _OneCommit:
    """The gradebook's session, with ``commit`` only sending the changes (the caller commits once, at the end)."""

    def __init__(self, session):
        self._session = session

    def commit(self) -> None:
        self._session.flush()

    def __getattr__(self, name):
        return getattr(self._session, name)


class BatchedOverwriteCells(OverwriteCells):
    """nbgrader's ``OverwriteCells`` (0.9.6's ``preprocess``), reading the notebook's source cells at once."""

    def preprocess(self, nb, resources):
        self.notebook_id = resources['nbgrader']['notebook']
        self.assignment_id = resources['nbgrader']['assignment']
        self.db_url = resources['nbgrader']['db_url']
        self.gradebook = PrefetchedGradebook(self.db_url)
        with self.gradebook:
            nb, resources = super(OverwriteCells, self).preprocess(nb, resources)
            if self.add_missing_cells:
                nb, resources = self.add_missing_grade_cells(nb, resources)
                nb, resources = self.add_missing_task_cells(nb, resources)
        return nb, resources


class BatchedSaveAutoGrades(SaveAutoGrades):
    """nbgrader's ``SaveAutoGrades`` (0.9.6's ``preprocess``): the submission's grades and comments read at
    once, each cell's scoring done by nbgrader's ``_add_score``/``_add_comment``, and one commit at the end."""

    def preprocess(self, nb, resources):
        self.notebook_id = resources['nbgrader']['notebook']
        self.assignment_id = resources['nbgrader']['assignment']
        self.student_id = resources['nbgrader']['student']
        self.db_url = resources['nbgrader']['db_url']
        self.gradebook = PrefetchedGradebook(self.db_url)
        with self.gradebook:
            session, self.gradebook.db = self.gradebook.db, _OneCommit(self.gradebook.db)
            try:
                nb, resources = super(SaveAutoGrades, self).preprocess(nb, resources)
            finally:
                self.gradebook.db = session
            session.commit()
        return nb, resources
