"""GitHub Actions workflow annotations: ``::error file=F,line=L::message`` per problem.

GitHub shows each annotation on the line of the file it names (in the pull request's diff
and the run's summary). A result that does not match its expectation, and an input error,
is an ``error``; a numeric or unknown result, or a proof that holds only because the
hypotheses cannot, is a ``warning`` (the exit code decides whether the run fails: see
``--strict``). A plain summary line ends the output, for the log.
"""

from __future__ import annotations

from checker.report.text import (
    EMPTY,
    STOPPED_EMPTY,
    VACUOUS_WORDS,
    check_lines,
    outcome_words,
    plural,
)
from checker.results import CheckResult, EntryOutcome, Method, RunReport, Verdict


def _data(text: str) -> str:
    """A message, escaped as the workflow-command syntax requires."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, title: str, file: str | None = None,
            line: int | None = None, col: int | None = None) -> str:
    props = []
    if file:
        props.append(f"file={_property(file)}")
        if line and not file.lower().endswith(".ipynb"):  # (a notebook's lines are its cells')
            props.append(f"line={line}")
            if col:
                props.append(f"col={col}")
    props.append(f"title={_property(title)}")
    return f"::{level} {','.join(props)}::{_data(message)}"


def _file(outcome: EntryOutcome) -> str | None:
    """The file an annotation belongs to (none for the catalog and for standard input)."""
    if outcome.input_error:
        path: str | None = outcome.source
    else:
        path = outcome.id.rsplit("::", 1)[0] if "::" in outcome.id else None
    return None if path == "<stdin>" else path


def _check(outcome: EntryOutcome, cr: CheckResult) -> str | None:
    r = cr.result
    if cr.matches and r.verdict is Verdict.PROVED and not r.vacuous:
        return None
    if cr.matches and r.verdict is Verdict.REFUTED:  # a wrong step kept on purpose
        return None
    if r.method is Method.NOT_RUN:
        return None
    level = "error" if not cr.matches else "warning"
    words = VACUOUS_WORDS if r.vacuous else outcome_words(r, cr.expected)
    lines = check_lines(outcome.entry, cr)
    derivation = outcome.id.rsplit("::", 1)[-1]
    title = f"derivcheck: {derivation}: {words}"
    where = [outcome.source] if ", cell " in outcome.source else []  # the cell and its line
    return command(level, "\n".join(where + lines), title, _file(outcome), cr.check.line)


def dumps(report: RunReport) -> str:
    out = []
    for outcome in report.outcomes:
        if outcome.error:
            level = "error" if outcome.input_error or not outcome.matches else "warning"
            what = "cannot be read" if outcome.input_error else "not checked"
            out.append(command(level, outcome.error, f"derivcheck: {outcome.id} {what}",
                               _file(outcome), outcome.line, outcome.col))
            continue
        out.extend(a for cr in outcome.checks if (a := _check(outcome, cr)) is not None)
    if not report.outcomes:  # (exit 2: say why where the workflow shows it)
        said = STOPPED_EMPTY if report.interrupted else EMPTY
        out.append(command("error", said, "derivcheck: nothing checked", None, None))
    wrong = sum(1 for o in report.outcomes if not o.matches)
    summary = (f"derivcheck: {plural(len(report.outcomes), 'entry')}, "
               f"{plural(len(report.results), 'check')}, "
               + (f"{wrong} not as expected" if wrong else "every result as expected"
                  if report.outcomes else "nothing checked")
               + (" (interrupted)" if report.interrupted else ""))
    out.append(summary)
    return "\n".join(out) + "\n"
