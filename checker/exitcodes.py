"""The one place that maps a run's outcome to the process exit code."""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

from checker.results import Method, RunReport, Verdict

if TYPE_CHECKING:
    from checker.grading.session import Graded


class ExitCode(IntEnum):
    OK = 0  # every result matches its expectation
    MISMATCH = 1  # some result does not (or, with --strict, is numeric/unknown/vacuous)
    USAGE = 2  # usage or input error: nothing (or not everything) could be checked
    INTERRUPTED = 130  # Ctrl-C or SIGTERM: the report shows what finished (128 + SIGINT)


def exit_code(report: RunReport, strict: bool = False) -> ExitCode:
    if report.interrupted:
        return ExitCode.INTERRUPTED
    if not report.outcomes or any(o.input_error for o in report.outcomes):
        return ExitCode.USAGE  # an empty run is not a pass; bad input is reported as such
    if any(o.error for o in report.outcomes) or report.mismatches or \
            any(c.result.method is Method.INTERNAL for c in report.results):
        return ExitCode.MISMATCH
    if strict and any(c.result.verdict in (Verdict.NUMERIC, Verdict.UNKNOWN) or c.result.vacuous
                      for c in report.results):  # a vacuous proof establishes nothing
        return ExitCode.MISMATCH
    return ExitCode.OK


def grading_exit_code(graded: Graded, empty_ok: bool = False) -> ExitCode:
    """``derivcheck grade``: the gradebook was written (0), and some row or the problem itself
    needs a person's look (1: undecided steps, a check that could not finish, a statement
    that could not be proved); 130 if interrupted (what finished is written). Nothing graded
    is a usage error, but for a shard of a CI matrix (``empty_ok``), which may be empty."""
    if graded.interrupted:
        return ExitCode.INTERRUPTED
    if not graded.grades and not empty_ok:
        return ExitCode.USAGE
    if graded.check.warnings or any(g.review for g in graded.grades):
        return ExitCode.MISMATCH
    return ExitCode.OK
