"""Grading a class: the problem checked once, every submission read in its context, every
distinct answer checked once in the worker pool (one worker per core), and the results given
back to each submission that wrote that answer."""

from __future__ import annotations

import hashlib
import time
from collections import defaultdict
from dataclasses import dataclass, replace

from checker.cache import Cache
from checker.engine import Settings
from checker.files.common import Prebuilt
from checker.grading.answer import Built, build_answer, catalog_item
from checker.grading.grades import Grade, Mark, grade_of, mark_of
from checker.grading.problem import Problem, ProblemError
from checker.grading.submission import Submission, read_submission
from checker.model import CatalogItem, CheckKind, Claim, Identity
from checker.report.text import at_point
from checker.results import EntryOutcome, Result, RunReport, Verdict
from checker.runner import Limits, run


@dataclass(frozen=True)
class ProblemCheck:
    """The statement (and the reference derivation, if any) as the engine decided it."""

    outcome: EntryOutcome
    warnings: tuple[str, ...]  # what could not be decided about the problem itself


@dataclass(frozen=True)
class Graded:
    problem: Problem
    check: ProblemCheck
    grades: tuple[Grade, ...]  # in the order of the submissions given
    report: RunReport  # the engine's report: one entry per distinct answer
    elapsed: float  # seconds, reading included

    @property
    def interrupted(self) -> bool:
        return self.report.interrupted


def check_problem(problem: Problem, settings: Settings, limits: Limits,
                  cache: Cache | None = None) -> ProblemCheck:
    """Check the statement (through the reference, when there is one) before any submission:
    a false statement or a wrong reference step stops the grading (:class:`ProblemError`)."""
    entry = problem.reference
    if entry is None:
        lhs, rhs, ix = _entries(problem.path, problem.start.value, problem.end.value)
        entry = Identity(f"{problem.path}::{problem.id}", "the statement", problem.path,
                         Claim(lhs, rhs, problem.given, indices=problem.indices + ix,
                               lengths=problem.lengths))
    item = CatalogItem(entry.id, entry.title, entry.source, Prebuilt(entry), ("grade",),
                       cache_key=f"problem:{problem.digest}")
    report = run([item], settings, replace(limits, jobs=1), cache=cache)
    if report.interrupted:  # nothing is graded against a problem that was not checked
        raise KeyboardInterrupt
    outcome = report.outcomes[0]
    warnings: list[str] = []
    for cr in outcome.checks:
        r, check = cr.result, cr.check
        what = _what(check.kind, check.step, check.line)
        if r.vacuous:
            raise ProblemError(problem.path, f"{what}: proved only because the hypotheses "
                                             f"cannot hold ({r.detail}); every answer would "
                                             "pass: fix [context] given")
        if r.verdict is Verdict.REFUTED and r.counterexample is not None:
            cex = r.counterexample
            raise ProblemError(problem.path, f"{what} is false: {at_point(cex)}, "
                                             f"{cex.lhs_value} ≠ {cex.rhs_value}; fix the "
                                             "problem before grading")
        if mark_of(r) is Mark.UNDECIDED:
            warnings.append(f"{what} is not proved ({r.verdict.value}: {r.detail or r.method.value})"
                            "; each answer's steps are still checked one by one")
    if outcome.error:
        warnings.append(f"the problem could not be checked: {outcome.error}")
    return ProblemCheck(outcome, tuple(warnings))


def _entries(path: str, start: object, end: object) -> tuple[object, object, tuple]:
    """The statement's two forms as a claim: about whole arrays at a symbolic size, their
    entries at new indices (checker.files.steps.lower_arrays); forms of two shapes stop the
    grading."""
    from checker.files.steps import lower_arrays
    from checker.model import Step

    steps, ix = lower_arrays([Step(start), Step(end)])
    mismatch = next((s.mismatch for s in steps if s.mismatch), "")
    if mismatch:
        raise ProblemError(path, f"[statement]: its start and end differ in shape ({mismatch})"
                                 "; fix the problem before grading")
    return steps[0].expr, steps[1].expr, tuple(ix)


def _what(kind: CheckKind, step: int | None, line: int | None) -> str:
    if kind is CheckKind.STEP:
        return f"[reference] step {step}" + (f" (line {line})" if line else "")
    if kind in (CheckKind.GOAL, CheckKind.CLAIM):
        return "the statement (start = end)"
    return f"[reference] {kind.value}"


def answer_key(problem: Problem, sub: Submission) -> str:
    """What identifies an answer's results: the problem's content and the file's (never its
    path): identical files share one check, and each gets the results under its own name."""
    return hashlib.sha256(f"{problem.digest}:{sub.format}:{sub.digest}".encode()).hexdigest()


def grade(problem: Problem, paths: list[str], settings: Settings | None = None,
          limits: Limits | None = None, cache: Cache | None = None,
          check: ProblemCheck | None = None) -> Graded:
    """Grade every submission (``check``: the problem's own check, if already made)."""
    settings, limits = settings or Settings(), limits or Limits()
    t0 = time.perf_counter()
    check = check or check_problem(problem, settings, limits, cache)
    subs = [read_submission(p, problem) for p in paths]
    builts = [build_answer(s, problem) for s in subs]
    first_of: dict[str, int] = {}  # answer key → the submission whose answer is checked
    items = []
    for k, (sub, built) in enumerate(zip(subs, builts, strict=True)):
        if built.answer is None:
            continue
        key = answer_key(problem, sub)
        if key not in first_of:
            first_of[key] = k
            items.append(catalog_item(built.answer, f"grade:{key}"))
    report = run(items, settings, limits, cache=cache) if items else \
        RunReport((), 0.0, settings.seed, limits.timeout, 0)
    outcomes = {o.id: o for o in report.outcomes}
    same_bytes: dict[str, list[str]] = defaultdict(list)
    for sub in subs:
        if sub.digest:
            same_bytes[sub.digest].append(sub.path)
    grades = []
    for sub, built in zip(subs, builts, strict=True):
        results, error = _results(problem, sub, built, first_of, builts, outcomes)
        row = grade_of(sub, built, results, error, problem, report.interrupted)
        twins = tuple(p for p in same_bytes.get(sub.digest, ()) if p != sub.path)
        grades.append(replace(row, identical_to=twins))
    return Graded(problem, check, tuple(grades), report, time.perf_counter() - t0)


def _results(problem: Problem, sub: Submission, built: Built, first_of: dict[str, int],
             builts: list[Built], outcomes: dict[str, EntryOutcome]
             ) -> tuple[list[Result | None], str]:
    """The results of this submission's checks, in the order of its own answer's checks,
    taken from the entry that was checked for its answer (its own, or an identical file's)."""
    if built.answer is None:
        return [], ""
    checked = builts[first_of[answer_key(problem, sub)]].answer
    outcome = outcomes.get(checked.id) if checked is not None else None
    if outcome is None:
        return [None] * len(built.answer.checks()), "not run"
    found = {(c.check.kind, c.check.step): c.result for c in outcome.checks}
    return [found.get((c.kind, c.step)) for c in built.answer.checks()], outcome.error
