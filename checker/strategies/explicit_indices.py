"""Claims with free indices over explicit lengths: decided at each value of the indices.

A line written with x_i, ∂ŷ_i/∂z_j beside vectors of explicit length (``vectors = { z = 3 }``)
is read at each value of its free indices into a table (checker.tables). Such a claim holds
when it holds at every value of the indices that its hypotheses allow (i = j, i ≠ j, i = 1:
decided at once, the indices being numbers there): each of those is an explicit claim, which
the engine decides as any other. It is proved when every one is (a randomized proof's failure
bounds add up), refuted at the first value where one is refuted (the counterexample names the
indices), and otherwise as undecided as the weakest. No value of the indices allowed: the
hypotheses cannot hold, and the proof is vacuous.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import fields, replace

import sympy as sp

from checker.model import Claim, Condition, Equation
from checker.results import Method, Result, Verdict
from checker.tables import Table, assignments

Decide = Callable[[Claim, object], Result]


def present(claim: Claim) -> bool:
    """A claim over free indices whose ranges are all explicit."""
    return bool(claim.indices) and all(ix.lo.is_Integer and ix.hi.is_Integer
                                       for ix in claim.indices) and not claim.lengths


def _put(h: object, at: dict) -> object:
    """A hypothesis with the indices' values put in (its SymPy fields)."""
    changes = {f.name: getattr(h, f.name).xreplace(at) for f in fields(h)  # type: ignore[arg-type]
               if isinstance(getattr(h, f.name), sp.Basic)}
    return replace(h, **changes)  # type: ignore[type-var]


def _allowed(given: list) -> list | None:
    """The hypotheses at one value of the indices, without those now decided true; None where
    one is decided false (the value is not one the claim speaks of)."""
    out = []
    for h in given:
        rel = sp.Eq(h.lhs, h.rhs) if isinstance(h, Equation) else \
            h.relation if isinstance(h, Condition) else None
        if rel is sp.false:
            return None
        if rel is not sp.true:
            out.append(h)
    return out


def _another_symbol(claim: Claim) -> str:
    """An index's name also used for another symbol (a hypothesis read before the index was
    known): a hypothesis about it would not be about the index."""
    names = {ix.symbol.name: ix.symbol for ix in claim.indices}
    parts = [claim.lhs, claim.rhs, *claim.domain] + [
        getattr(h, f.name) for h in claim.given for f in fields(h)]
    for e in parts:
        if isinstance(e, sp.Basic):
            for s in e.free_symbols:
                if s.name in names and s != names[s.name]:
                    return (f"{s.name} is both an index and another symbol here; a hypothesis "
                            f"about {s.name} would not be about the index")
    return ""


def decide(claim: Claim, settings: object, check: Decide) -> Result:
    t0 = time.perf_counter()
    if why := _another_symbol(claim):
        return Result(Verdict.ERROR, Method.NONE, time.perf_counter() - t0, detail=why)
    at_all = tuple(ix.symbol for ix in claim.indices)
    shape = tuple(int(ix.hi) - int(ix.lo) + 1 for ix in claim.indices)
    lows = tuple(int(ix.lo) for ix in claim.indices)
    results: list[tuple[str, Result]] = []
    for value in assignments(at_all, shape):
        value = {s: v + lows[k] - 1 for k, (s, v) in enumerate(value.items())}
        shown = ", ".join(f"{s} = {v}" for s, v in value.items())
        try:
            lhs, rhs = (e.xreplace(value) if isinstance(e, sp.Basic) else e
                        for e in (claim.lhs, claim.rhs))
            given = _allowed([_put(h, value) for h in claim.given])
            domain = tuple(r.xreplace(value) for r in claim.domain)
        except ValueError as exc:  # (an index outside its table: not one of its values)
            return Result(Verdict.ERROR, Method.NONE, time.perf_counter() - t0,
                          detail=f"at {shown}: {exc}")
        if given is None:
            continue
        if any(isinstance(e, sp.Basic) and e.has(Table) for e in (lhs, rhs, *domain)):
            return Result(Verdict.UNKNOWN, Method.NONE, time.perf_counter() - t0,
                          detail=f"at {shown} a line is still a table of values: its indices "
                                 "are not all put in")
        one = check(replace(claim, lhs=lhs, rhs=rhs, given=tuple(given), domain=domain,
                            indices=(), scope=shown), settings)
        if one.verdict is Verdict.REFUTED:
            cex = one.counterexample
            if cex is not None:
                cex = replace(cex, case=", ".join(x for x in (shown, cex.case) if x),
                              instance=tuple((s, int(v)) for s, v in value.items()))
            return replace(one, counterexample=cex, elapsed=time.perf_counter() - t0,
                           scope=shown, detail="; ".join(x for x in (
                               f"false at {shown}", one.detail) if x))
        results.append((shown, one))
    took = time.perf_counter() - t0
    names = ", ".join(str(s) for s in at_all)
    ranges = ", ".join(f"{s} in {ix.lo}…{ix.hi}" for s, ix in zip(at_all, claim.indices,
                                                                   strict=True))
    if not results:
        return Result(Verdict.PROVED, Method.EXACT, took, vacuous=True, scope=ranges,
                      detail=f"no value of {names} ({ranges}) satisfies the hypotheses")
    for verdict in (Verdict.ERROR, Verdict.UNKNOWN, Verdict.NUMERIC):
        worst = next(((s, r) for s, r in results if r.verdict is verdict), None)
        if worst is not None:
            shown, one = worst
            return replace(one, elapsed=took, scope=ranges, detail="; ".join(x for x in (
                f"at {shown}", one.detail) if x))
    bounds = [r.failure_bound for _, r in results if r.failure_bound is not None]
    first = next((r for _, r in results if r.failure_bound is not None), results[0][1])
    return replace(first, elapsed=took, scope=ranges, vacuous=False,
                   failure_bound=min(1.0, sum(bounds)) if bounds else None,
                   entries=len(results), detail="; ".join(x for x in (
                       f"at each of the {len(results)} values of {names} ({ranges}) the "
                       "hypotheses allow" if len(results) > 1 else
                       f"at the one value of {names} the hypotheses allow ({results[0][0]})",
                       first.detail) if x))
