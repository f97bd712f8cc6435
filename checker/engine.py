"""Decide one claim: cheapest strategy first, the first decisive one wins.

  1. structural equality (after expanding definitions and derivatives);
  2. sound rewrite into a rational function of fresh symbols, then a
     randomized exact identity test (fast on true and false claims alike);
  3. entries that are not identically zero go to counterexample search on
     the original claim — only a certified point refutes;
  4. entries that are zero get an exact normal form in ℚ(x₁, …) within a
     time budget; if that runs out the randomized proof stands, with its
     failure bound recorded;
  5. what is neither proved nor refuted gets high-precision numeric evidence
     (never a proof) or stays unknown.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

from checker.deadline import OutOfTime, time_limit
from checker.model import Claim
from checker.results import Counterexample, Method, Result, Verdict
from checker.strategies import counterexample
from checker.strategies.identity import exact_zero, randomized_zero_test
from checker.strategies.prepare import Case, ClaimError, cases
from checker.strategies.program import Unsupported
from checker.strategies.rewrite import Rewriter


@dataclass(frozen=True)
class Settings:
    seed: int = 20261122
    exact_budget: float = 0.25  # s of exact algebra per claim before the randomized proof stands
    search_budget: float = 8.0  # s of counterexample search per claim
    target: float = 1e-30  # failure bound a randomized proof must reach
    require_exact: bool = False  # --exact: randomized proofs do not count


EXACT_EFFORT = 4000  # variables × degree bound beyond which exact algebra is not attempted


@dataclass
class _CaseWork:
    case: Case
    ops: list[tuple]
    variables: list[sp.Symbol]
    roots: list[int]
    bound: float  # the randomized test's failure bound for this case
    degree: int  # the largest degree bound the randomized test computed

    @property
    def effort(self) -> int:
        return len(self.variables) * self.degree


def check_claim(claim: Claim, settings: Settings | None = None) -> Result:
    settings = settings or Settings()
    t0 = time.perf_counter()

    def done(verdict: Verdict, method: Method, **kw: object) -> Result:
        return Result(verdict, method, time.perf_counter() - t0, **kw)  # type: ignore[arg-type]

    try:
        all_cases = cases(claim)
    except ClaimError as exc:
        return done(Verdict.ERROR, Method.NONE, detail=str(exc))
    n_entries = len(all_cases[0].pairs)
    if all(lhs == rhs for c in all_cases for _, lhs, rhs in c.pairs):
        return done(Verdict.PROVED, Method.STRUCTURAL, entries=n_entries)

    works: list[_CaseWork] = []
    undecided: list[tuple[Case, int]] = []  # (case, pair index) neither proved nor refuted
    for k, case in enumerate(all_cases):
        seed = settings.seed + k
        try:
            rw = Rewriter(subs=case.subs)
            rw.prescan([e for _, lhs, rhs in case.pairs for e in (lhs, rhs)])
            roots = [rw.program.sub(rw(lhs), rw(rhs)) for _, lhs, rhs in case.pairs]
            # The cases share the failure budget: the sum of their bounds is what we report.
            outcome = randomized_zero_test(rw.program.ops, len(rw.program.variables), roots,
                                           seed, settings.target / len(all_cases))
        except (Unsupported, RecursionError):
            undecided.extend((case, i) for i in range(len(case.pairs)))
            continue
        if outcome.pole:
            undecided.extend((case, i) for i in range(len(case.pairs)))
            continue
        undecided.extend((case, i) for i, z in enumerate(outcome.zero) if not z)
        works.append(_CaseWork(case, rw.program.ops, rw.program.variables, roots,
                               outcome.bound, outcome.degree))

    if undecided:
        return _numeric_or_unknown(claim, undecided, settings, done, n_entries)

    # Every entry passed the randomized test: try for a deterministic certificate, unless it
    # is predictably out of reach (measured on the catalog: every certificate that fits the
    # default budget has effort ≤ 3,800; every one above ~4,000 fails even in 2 s). This
    # only changes which proof is recorded; --exact always tries.
    effort = max((w.effort for w in works), default=0)
    exact = True
    with time_limit(settings.exact_budget) as limited:
        try:
            if not limited or (effort > EXACT_EFFORT and not settings.require_exact):
                raise OutOfTime
            for w in works:
                results = exact_zero(w.ops, w.variables, w.roots)
                if not all(results):
                    # The randomized test and exact algebra disagree: never claim a proof.
                    bad = [(w.case, i) for i, ok in enumerate(results) if not ok]
                    return _numeric_or_unknown(claim, bad, settings, done, n_entries)
        except (OutOfTime, ZeroDivisionError, RecursionError, MemoryError):
            exact = False
    if exact:
        return done(Verdict.PROVED, Method.EXACT, entries=n_entries)
    bound = sum(w.bound for w in works)
    if bound > settings.target:
        return done(Verdict.UNKNOWN, Method.NONE, failure_bound=bound, seed=settings.seed,
                    entries=n_entries,
                    detail=f"the randomized test only reached a failure bound of {bound:.0e} "
                           f"(a proof needs ≤ {settings.target:.0e}) and exact algebra ran out "
                           "of time")
    if settings.require_exact:
        return done(Verdict.UNKNOWN, Method.RANDOMIZED, failure_bound=bound, seed=settings.seed,
                    entries=n_entries,
                    detail="exact algebra ran out of its time budget; the randomized test "
                           "passed but --exact demands a deterministic proof")
    return done(Verdict.PROVED, Method.RANDOMIZED, failure_bound=bound, seed=settings.seed,
                entries=n_entries)


def _search(claim: Claim, case: Case, i: int, seed: int,
            deadline: float) -> Counterexample | None:
    entry, lhs, rhs = case.pairs[i]
    budget = deadline - time.perf_counter()
    if budget <= 0:
        return None
    return counterexample.find(case, lhs, rhs, seed, budget, entry, claim.symbols)


def _numeric_or_unknown(
    claim: Claim,
    undecided: list[tuple[Case, int]],
    settings: Settings,
    done: Callable[..., Result],
    n_entries: int,
) -> Result:
    """Search each undecided entry for a counterexample; else numeric evidence or unknown."""
    deadline = time.perf_counter() + settings.search_budget
    worst = None
    for case, i in undecided:
        cex = _search(claim, case, i, settings.seed, deadline)
        if cex is not None:
            method = (Method.EXACT_EVALUATION if cex.certified_by.startswith("exact")
                      else Method.INTERVAL)
            return done(Verdict.REFUTED, method, counterexample=cex, detail=cex.certified_by,
                        seed=settings.seed, entries=n_entries)
    for case, i in undecided:
        _, lhs, rhs = case.pairs[i]
        ev = counterexample.evidence(case, lhs, rhs, settings.seed)
        if ev is None:
            return done(Verdict.UNKNOWN, Method.NONE, seed=settings.seed, entries=n_entries,
                        detail="no proof, no counterexample, and no numeric agreement shown")
        if worst is None or float(ev.max_difference) > float(worst.max_difference):
            worst = ev
    return done(Verdict.NUMERIC, Method.NUMERIC, numeric=worst, seed=settings.seed,
                entries=n_entries,
                detail="no exact proof: agreement at random points only")
