"""Find, certify and shrink counterexamples, and gather numeric evidence.

Both evaluate the *original* claim (definitions expanded, hypotheses
substituted), never the rewritten rational function: a non-zero rewritten
difference proves nothing about the original.

A point is a counterexample only if
  * every symbol is in its declared domain (positive, integer, …), every
    hypothesis holds there (one-hot cases are substituted, eliminated
    variables computed and sign-checked, conditions certainly true), and
    both sides are certainly defined (no log of a non-positive value, no
    division by a value that may be zero);
  * lhs − rhs is certainly non-zero: exactly, in rational arithmetic, or by
    an mpmath interval enclosure that excludes zero.
It is then shrunk coordinate by coordinate towards the simplest values.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

import mpmath
import sympy as sp

from checker.results import Counterexample, NumericEvidence
from checker.strategies.evaluate import Undefined, _interval, exact_or_interval
from checker.strategies.prepare import Case
from checker.strategies.program import Compiler, Unsupported

SMALL = [Fraction(v) for v in (0, 1, -1, 2, -2)] + [Fraction(1, 2), Fraction(-1, 2),
                                                      Fraction(3), Fraction(-3), Fraction(1, 3)]
PRECISIONS = (200, 800)


def domain(sym: sp.Symbol) -> list[Fraction]:
    """Candidate values for a symbol, simplest first, respecting its assumptions."""
    values = SMALL + [Fraction(p, q) for q in (1, 2, 3, 4) for p in range(-7, 8)]
    out: list[Fraction] = []
    for v in values:
        if v in out:
            continue
        if sym.is_integer and v.denominator != 1:
            continue
        if (sym.is_positive and v <= 0) or (sym.is_nonnegative and v < 0):
            continue
        if (sym.is_negative and v >= 0) or (sym.is_nonpositive and v > 0):
            continue
        if sym.is_nonzero and v == 0:
            continue
        out.append(v)
    return out


def _sign(value: object) -> int | None:
    """+1, −1 or 0 when certain, else None."""
    if isinstance(value, Fraction):
        return (value > 0) - (value < 0)
    if value.a > 0:  # type: ignore[attr-defined]
        return 1
    if value.b < 0:  # type: ignore[attr-defined]
        return -1
    return None


def _holds(rel: sp.Expr, sign: int | None) -> bool:
    if sign is None:
        return False
    if isinstance(rel, sp.StrictGreaterThan):
        return sign > 0
    if isinstance(rel, sp.GreaterThan):
        return sign >= 0
    if isinstance(rel, sp.StrictLessThan):
        return sign < 0
    if isinstance(rel, sp.LessThan):
        return sign <= 0
    if isinstance(rel, sp.Eq):
        return sign == 0
    if isinstance(rel, sp.Ne):
        return sign != 0
    return False


def _decimal(value: object, digits: int) -> str:
    if isinstance(value, Fraction):
        return mpmath.nstr(mpmath.mpf(value.numerator) / value.denominator, digits)
    if value.a == 0 and value.b == 0:  # type: ignore[attr-defined]
        return "0"
    return mpmath.nstr(mpmath.mpf(value.mid), digits)  # type: ignore[attr-defined]


def show_pair(lv: object, rv: object) -> tuple[str, str]:
    """Both sides' values for the report: exact rationals as they are; an interval's midpoint
    with as many digits as it takes to tell the two apart (15 at least), so a certified
    difference never reads "1.0 vs 1"."""
    if isinstance(lv, Fraction) and isinstance(rv, Fraction):
        return str(lv), str(rv)
    with mpmath.workprec(4 * max(PRECISIONS)):
        for digits in (*range(15, 40), *range(40, max(PRECISIONS) * 3 // 10 + 10, 5)):
            ls, rs = _decimal(lv, digits), _decimal(rv, digits)
            if mpmath.mpf(ls) != mpmath.mpf(rs):
                break
    return (str(lv) if isinstance(lv, Fraction) else ls,
            str(rv) if isinstance(rv, Fraction) else rs)


@dataclass
class _Probe:
    """One entry's lhs and rhs (and the case's conditions) compiled for evaluation."""

    ops: list[tuple]
    lhs: int
    rhs: int
    conditions: list[tuple[sp.Expr, int]]
    index: dict[sp.Symbol, int]

    @classmethod
    def build(cls, case: Case, lhs: sp.Expr, rhs: sp.Expr) -> _Probe:
        comp = Compiler(subs=case.subs)
        for s in case.free:
            comp.program.var(s)
        lo, ro = comp(lhs), comp(rhs)
        conds = []
        for c in case.conditions:
            if c is sp.true:
                continue
            if c is sp.false:
                raise Unsupported("a hypothesis is false in this case")
            conds.append((c, comp(c.lhs - c.rhs)))
        prog = comp.program
        return cls(prog.ops, lo, ro, conds, {s: i for i, s in enumerate(prog.variables)})

    def evaluate(self, point: dict[sp.Symbol, Fraction], prec: int) -> tuple[object, object]:
        vec = [point.get(s, Fraction(0)) for s in self.index]
        vals = exact_or_interval(self.ops, vec, prec)
        for rel, node in self.conditions:
            if not _holds(rel, _sign(vals[node])):
                raise Undefined("a hypothesis does not certainly hold")
        return vals[self.lhs], vals[self.rhs]

    def differs(self, point: dict[sp.Symbol, Fraction]) -> tuple[object, object, str] | None:
        """Both sides' values and the certification, if they certainly differ."""
        for prec in PRECISIONS:
            try:
                lv, rv = self.evaluate(point, prec)
            except (Undefined, ZeroDivisionError, ValueError):
                return None
            if isinstance(lv, Fraction) and isinstance(rv, Fraction):
                return (lv, rv, "exact rational evaluation") if lv != rv else None
            diff = _interval(lv) - _interval(rv)
            if _sign(diff) not in (None, 0):
                return lv, rv, f"interval arithmetic, {prec} bits"
        return None


def _points(free: list[sp.Symbol], rng: random.Random) -> Iterator[dict[sp.Symbol, Fraction]]:
    doms = {s: domain(s) for s in free}
    for width in (3, 5, 8, 12, 1000):
        for _ in range(8):
            yield {s: rng.choice(d[:width]) for s, d in doms.items()}


def find(case: Case, lhs: sp.Expr, rhs: sp.Expr, seed: int, budget: float,
         entry: tuple[int, int] | None = None,
         all_symbols: frozenset[sp.Symbol] = frozenset()) -> Counterexample | None:
    """A certified, shrunk counterexample to ``lhs == rhs`` in this case, or None."""
    try:
        probe = _Probe.build(case, lhs, rhs)
    except Unsupported:
        return None
    rng = random.Random(seed)
    deadline = time.perf_counter() + budget
    for point in _points(case.free, rng):
        if time.perf_counter() > deadline:
            return None
        if probe.differs(point):
            point = _shrink(probe, point, case.free, deadline)
            lv, rv, how = probe.differs(point)  # type: ignore[misc]
            lhs_value, rhs_value = show_pair(lv, rv)
            return Counterexample(
                point=_full_point(case, point, all_symbols),
                lhs_value=lhs_value, rhs_value=rhs_value, certified_by=how,
                entry=entry, case=case.label,
            )
    return None


def _shrink(probe: _Probe, point: dict[sp.Symbol, Fraction], free: list[sp.Symbol],
            deadline: float) -> dict[sp.Symbol, Fraction]:
    for _ in range(3):
        changed = False
        for s in free:
            dom = domain(s)
            rank = dom.index(point[s]) if point[s] in dom else len(dom)
            for v in dom[:rank]:
                if time.perf_counter() > deadline:
                    return point
                trial = {**point, s: v}
                if probe.differs(trial):
                    point, changed = trial, True
                    break
        if not changed:
            break
    return point


def _full_point(case: Case, point: dict[sp.Symbol, Fraction],
                all_symbols: frozenset[sp.Symbol]) -> tuple[tuple[sp.Symbol, sp.Expr], ...]:
    values: dict[sp.Symbol, sp.Expr] = {s: sp.Rational(v.numerator, v.denominator)
                                        for s, v in point.items()}
    for s, expr in case.subs.items():
        values[s] = expr.xreplace(values)
    for s in all_symbols:
        if s not in values:  # a symbol the claim no longer depends on
            first = domain(s)[0] if domain(s) else Fraction(1)
            values[s] = sp.Rational(first.numerator, first.denominator)
    return tuple(sorted(values.items(), key=lambda kv: sp.default_sort_key(kv[0])))


def evidence(case: Case, lhs: sp.Expr, rhs: sp.Expr, seed: int, points: int = 6,
             digits: int = 30) -> NumericEvidence | None:
    """Agreement to ``digits`` digits at ``points`` random points, or None if not shown."""
    try:
        probe = _Probe.build(case, lhs, rhs)
    except Unsupported:
        return None
    rng = random.Random(seed)
    agreed, worst = 0, mpmath.mpf(0)
    tol = mpmath.mpf(10) ** (-digits)
    for point in _points(case.free, rng):
        try:
            lv, rv = probe.evaluate(point, 400)
        except (Undefined, ZeroDivisionError, ValueError):
            continue
        diff = _interval(lv) - _interval(rv)
        size = max(abs(mpmath.mpf(diff.a)), abs(mpmath.mpf(diff.b)))  # type: ignore[attr-defined]
        scale = max(mpmath.mpf(1), abs(mpmath.mpf(_interval(lv).mid)))  # type: ignore[attr-defined]
        if size > tol * scale:
            return None
        worst = max(worst, size)
        agreed += 1
        if agreed >= points:
            return NumericEvidence(points, digits, seed, mpmath.nstr(worst, 3))
    return None
