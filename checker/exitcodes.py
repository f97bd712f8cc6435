"""The one place that maps a run's outcome to the process exit code."""

from __future__ import annotations

from enum import IntEnum

from checker.results import Method, RunReport, Verdict


class ExitCode(IntEnum):
    OK = 0  # every result matches its expectation
    MISMATCH = 1  # some result does not (or, with --strict, is numeric/unknown)
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
    if strict and any(c.result.verdict in (Verdict.NUMERIC, Verdict.UNKNOWN)
                      for c in report.results):
        return ExitCode.MISMATCH
    return ExitCode.OK
