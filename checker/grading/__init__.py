"""Grading: one problem set by a teacher, many students' submissions, a gradebook and a
feedback file each (``derivcheck grade``).

* :mod:`~checker.grading.problem`: the problem file (context, statement, reference, rubric);
* :mod:`~checker.grading.guard`: what a submission may not change in the problem's context;
* :mod:`~checker.grading.submission`: a student's file, read in the problem's context;
* :mod:`~checker.grading.answer`: the chain that answers the problem, and what is checked;
* :mod:`~checker.grading.session`: the problem checked once, the answers in the worker pool;
* :mod:`~checker.grading.grades` and :mod:`~checker.grading.rubric`: a row, and its credit;
* :mod:`~checker.grading.gradebook`, :mod:`~checker.grading.feedback`,
  :mod:`~checker.grading.summary`: readers of the rows (CSV and JSON, a file per student,
  the terminal).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from checker.grading.discover import find_submissions, in_shard, parse_shard
from checker.grading.feedback import FORMATS as FEEDBACK_FORMATS
from checker.grading.grades import End, Grade, Mark, Readable, StepGrade
from checker.grading.problem import Problem, ProblemError, load_problem
from checker.grading.rubric import Rubric
from checker.grading.session import Graded, ProblemCheck, check_problem, grade

__all__ = [
    "FEEDBACK_FORMATS", "End", "Grade", "Graded", "Mark", "Problem", "ProblemCheck",
    "ProblemError", "Readable", "Rubric", "StepGrade", "check_problem", "discard_previous",
    "find_submissions",
    "grade", "in_shard", "load_problem", "parse_shard", "unwritable_folder", "write_outputs",
]


def unwritable_folder(folder: str) -> str | None:
    """Why the gradebook cannot be written into ``folder`` (made if missing), or None:
    checked before the grading, not after it."""
    try:
        os.makedirs(folder, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def discard_previous(folder: Path) -> None:
    """Remove what an earlier run wrote into ``folder``: its gradebook and the feedback files
    it lists (nothing else), so that a run stopped before it writes its own leaves no earlier
    book to be read as this run's, nor a student's feedback from a run they were not in."""
    import json

    book = folder / "gradebook.json"
    try:
        listed = [r.get("feedback") for r in json.loads(book.read_text(encoding="utf-8"))
                  .get("submissions", []) if isinstance(r, dict)]
    except (OSError, ValueError, AttributeError):
        listed = []
    own = (folder / "feedback").resolve()
    for rel in listed:
        if not isinstance(rel, str):
            continue
        path = (folder / rel).resolve()
        if path.parent == own and path.is_file():  # (only a file of its feedback folder)
            path.unlink(missing_ok=True)
    for name in ("gradebook.json", "gradebook.csv"):
        target = folder / name
        if target.is_file() and not target.is_symlink():
            target.unlink(missing_ok=True)


def write_outputs(graded: Graded, folder: Path, feedback_format: str = "markdown",
                  given: list[str] | None = None) -> dict[str, object]:
    """``gradebook.csv``, ``gradebook.json`` and ``feedback/<submission>.md`` (or ``.html``)
    in ``folder`` (``given``: the files and folders named on the command line, which the
    feedback files are named relative to); returns where each went."""
    from checker.grading import feedback, gradebook

    names = feedback.file_names([g.submission for g in graded.grades], feedback_format, given)
    files = feedback.write(graded.grades, graded.problem, folder / "feedback", feedback_format,
                           names)
    relative = {path: f"feedback/{name}" for path, name in names.items()}
    csv_path, json_path = gradebook.write(graded, folder, relative)
    return {"csv": csv_path, "json": json_path, "feedback": files}
