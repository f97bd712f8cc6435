"""A wrong implication line (``(x^2 + λ) w = xy ⇒ w = xy / (x^2 − λ)``): a point where the
previous equation holds and the new one does not.

:mod:`checker.strategies.implication` proves a line that is the previous equation scaled; it
cannot tell a line that follows some other way from one that does not follow at all. This
module refutes the second kind where that is certain: both equations rational functions of
their letters (no sums, functions or arrays), the previous equation of degree one in a letter
v (solved for it: v = −b/a at small rationals for the other letters, where a ≠ 0), every
letter's declared sign, every hypothesis and every condition of the lines' domains holding
there, and the new equation's sides differing exactly. The point makes the previous equation
hold exactly, so it is a certified counterexample (tests re-check the premise too); nothing
is sampled in floating point. Where no such point is found the line stays unknown.
"""

from __future__ import annotations

import time

import sympy as sp

from checker.model import Claim, Condition
from checker.results import Counterexample, Method, Result, Verdict
from checker.strategies.implication import takes_value

# the values other letters take, in turn (each letter starts at its own place in the list)
_VALUES = tuple(sp.Rational(p, q) for p, q in (
    (2, 1), (3, 1), (1, 2), (5, 1), (-1, 1), (7, 3), (-2, 1), (3, 4), (4, 1), (-5, 2), (1, 1),
    (6, 5)))
TRIES = 8  # points per letter solved for


def refute(claim: Claim, elapsed: float = 0.0, seed: int | None = None) -> Result | None:
    """A refutation of the implication ``claim`` (premise ⇒ its equation) at a point where the
    premise holds and the equation does not, or None (see the module docstring)."""
    t0 = time.perf_counter()
    premise = claim.premise
    if premise is None or not premise.refutable or premise.via or premise.or_from is not None \
            or claim.readings or claim.unheld:
        return None
    old = premise.lhs - premise.rhs
    new = claim.lhs - claim.rhs
    relations = (*claim.domain, *premise.domain, *premise.through)
    if any(not isinstance(h, Condition) for h in claim.given):
        return None
    relations += tuple(h.relation for h in claim.given)
    letters = set().union(*(e.free_symbols for e in (old, new, *relations)))
    if any(str(x) in ("i", "j") for x in letters):  # (z = i y ⇒ z² = −y²: the imaginary
        return None  # unit, or a letter? Not refuted on a guess)
    if not all(_rational(e, letters) for e in (old, new)) or not all(
            _rational(r.lhs - r.rhs, letters) for r in relations if isinstance(
                r, sp.core.relational.Relational)):
        return None
    numerator = sp.expand(sp.numer(sp.together(old)))
    ordered = sorted(letters, key=sp.default_sort_key)
    for v in sorted(numerator.free_symbols, key=sp.default_sort_key):
        poly = sp.Poly(numerator, v)
        if poly.degree() != 1:
            continue
        a, b = poly.all_coeffs()
        others = [s for s in ordered if s != v]
        for trial in range(TRIES):
            point = {}
            for k, s in enumerate(others):
                value = _value(s, trial + 3 * k)
                if value is None:
                    break
                point[s] = value
            else:
                found = _at(claim, old, new, relations, a, b, v, point)
                if found is not None:
                    return Result(Verdict.REFUTED, Method.EXACT_EVALUATION,
                                  elapsed + time.perf_counter() - t0, counterexample=found,
                                  seed=seed,
                                  detail=f"the previous equation holds at this point (solved for "
                                         f"{v}) and the new one does not: it does not follow")
    return None


def _rational(e: sp.Expr, letters: set) -> bool:
    try:
        return isinstance(e, sp.Expr) and not e.has(sp.Sum, sp.Indexed, sp.Derivative,
                                                    sp.Integral) and e.is_rational_function(
            *letters)
    except (TypeError, ValueError):  # pragma: no cover - SymPy's limits
        return False


def _value(s: sp.Symbol, k: int) -> sp.Rational | None:
    """A small rational ``s`` may take (by its declared sign and integrality), the k-th one."""
    for j in range(len(_VALUES)):
        value = _VALUES[(k + j) % len(_VALUES)]
        if takes_value(s, value):
            return value
    return None


def _at(claim: Claim, old: sp.Expr, new: sp.Expr, relations: tuple, a: sp.Expr, b: sp.Expr,
        v: sp.Symbol, point: dict) -> Counterexample | None:
    """The counterexample at ``point`` with v solved from the premise, if it is one."""
    av = a.xreplace(point)
    if not av.is_Rational or av == 0:
        return None
    bv = b.xreplace(point)
    if not bv.is_Rational:
        return None
    value = -bv / av
    if not takes_value(v, value):
        return None
    at = {**point, v: value}
    if old.xreplace(at) != 0:  # (a denominator of the premise is 0 there: zoo)
        return None
    for r in relations:  # (every side finite there: a condition's own 1/(x − 2) at x = 2 is
        try:             # no point of it)
            sides = [side.xreplace(at) for side in (r.lhs, r.rhs)]
            if not all(side.is_finite for side in sides):
                return None
            held = r.func(*sides)
        except (TypeError, ValueError):
            return None
        if held is not sp.true:
            return None
    lhs, rhs = claim.lhs.xreplace(at), claim.rhs.xreplace(at)
    if not (lhs.is_Rational and rhs.is_Rational) or lhs == rhs:
        return None
    return Counterexample(tuple(sorted(at.items(), key=lambda kv: sp.default_sort_key(kv[0]))),
                          str(lhs), str(rhs), Method.EXACT_EVALUATION.value,
                          case=f"the previous equation holds there ({v} solved from it)")
