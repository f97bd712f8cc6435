"""Find, certify and shrink counterexamples, and gather numeric evidence.

Both evaluate the *original* claim (definitions expanded, hypotheses
substituted), never the rewritten rational function: a non-zero rewritten
difference proves nothing about the original.

A point is a counterexample only if
  * every symbol is in its declared domain (positive, integer, …), every
    hypothesis holds there (one-hot cases are substituted, eliminated
    variables computed and checked against their own assumptions, conditions
    certainly true), and both sides are certainly defined (no log of a
    non-positive value, no division by a value that may be zero, and what the
    reader recorded before SymPy cancelled it, as x ≠ 0 for x/x);
  * lhs − rhs is certainly non-zero: exactly, in rational arithmetic, or by
    an mpmath interval enclosure that excludes zero.
It is then shrunk coordinate by coordinate towards the simplest values.
A point where evaluation fails (an overflow deep inside mpmath, say) is skipped
and counted, never allowed to abort the search.
"""

from __future__ import annotations

import functools
import itertools
import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction

import mpmath
import sympy as sp

from checker.deadline import cpu_now
from checker.results import Counterexample, Method, NumericEvidence, Result, Verdict
from checker.strategies.evaluate import Undefined, _interval, exact_or_interval
from checker.strategies.prepare import Case
from checker.strategies.program import Compiler, Unsupported

SMALL = [Fraction(v) for v in (0, 1, -1, 2, -2)] + [Fraction(1, 2), Fraction(-1, 2),
                                                      Fraction(3), Fraction(-3), Fraction(1, 3)]
PRECISIONS = (200, 800)
# What evaluating at one point may raise besides Undefined: mpmath overflows ("too many
# digits"), exact arithmetic that grows past what Python allows, domain errors.
EVALUATION_ERRORS = (ArithmeticError, ValueError, RecursionError)


@dataclass
class SearchStats:
    """How a search went, for an honest "unknown": points tried, points it could not evaluate."""

    points: int = 0
    failed: int = 0
    error: str = ""

    def note(self) -> str:
        if not self.failed:
            return ""
        return (f"the claim could not be evaluated at {self.failed} of {self.points} sample "
                f"points ({self.error})")


def domain(sym: sp.Symbol) -> list[Fraction]:
    """Candidate values for a symbol, simplest first, respecting its assumptions."""
    return list(_domain(_assumed(sym)))


def _assumed(sym: sp.Symbol) -> tuple[bool, ...]:
    """(integer, positive, nonnegative, negative, nonpositive, nonzero), as the symbol says."""
    return (bool(sym.is_integer), bool(sym.is_positive), bool(sym.is_nonnegative),
            bool(sym.is_negative), bool(sym.is_nonpositive), bool(sym.is_nonzero))


def _fits(assumed: tuple[bool, ...], v: Fraction) -> bool:
    integer, positive, nonnegative, negative, nonpositive, nonzero = assumed
    return not ((integer and v.denominator != 1) or (positive and v <= 0)
                or (nonnegative and v < 0) or (negative and v >= 0)
                or (nonpositive and v > 0) or (nonzero and v == 0))


@functools.lru_cache(maxsize=64)
def _domain(assumed: tuple[bool, ...]) -> tuple[Fraction, ...]:
    values = SMALL + [Fraction(p, q) for q in (1, 2, 3, 4) for p in range(-7, 8)]
    return tuple(dict.fromkeys(v for v in values if _fits(assumed, v)))  # (in order, once)


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
    if value.a <= 0 <= value.b and max(abs(value.a), abs(value.b)) < mpmath.mpf(10) ** -digits:  # type: ignore[attr-defined]
        return "0.0"  # (an enclosure of 0, log(1/2) − log(1/2): not its midpoint's −3.1e-61)
    return mpmath.nstr(mpmath.mpf(value.mid), digits)  # type: ignore[attr-defined]


def show_pair(lv: object, rv: object) -> tuple[str, str]:
    """Both sides' values for the report: exact rationals as they are; an interval's midpoint
    with as many digits as it takes to tell the two apart (15 at least), so a certified
    difference never reads "1.0 vs 1"."""
    if isinstance(lv, Fraction) and isinstance(rv, Fraction):
        return _fraction_text(lv), _fraction_text(rv)
    with mpmath.workprec(4 * max(PRECISIONS)):
        for digits in (*range(15, 40), *range(40, max(PRECISIONS) * 3 // 10 + 10, 5)):
            ls, rs = _decimal(lv, digits), _decimal(rv, digits)
            if mpmath.mpf(ls) != mpmath.mpf(rs):
                break
    return (_fraction_text(lv) if isinstance(lv, Fraction) else ls,
            _fraction_text(rv) if isinstance(rv, Fraction) else rs)


def _fraction_text(v: Fraction) -> str:
    """An exact value as written, or its magnitude where it has too many digits to show."""
    try:
        text = str(v)
    except ValueError:  # more digits than Python converts to text (4300)
        text = ""
    if text and len(text) <= 1000:
        return text
    sign = "-" if v < 0 else ""
    digits = abs(v.numerator).bit_length() - v.denominator.bit_length()
    return f"{sign}about 2^{digits} (an exact rational too long to show)"


@dataclass
class _Probe:
    """One entry's lhs and rhs (and the case's conditions) compiled for evaluation."""

    ops: list[tuple]
    lhs: int
    rhs: int
    conditions: list[tuple[sp.Expr, int]]
    index: dict[sp.Symbol, int]
    integral: list[int] = field(default_factory=list)  # nodes whose values must be integers
    stats: SearchStats = field(default_factory=SearchStats)

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
            if not isinstance(c, sp.core.relational.Relational):
                raise Unsupported(f"a condition that is not a relation: {c}")
            conds.append((c, comp(c.lhs - c.rhs)))
        integral = [comp(v) for v in case.integral]
        prog = comp.program
        return cls(prog.ops, lo, ro, conds, {s: i for i, s in enumerate(prog.variables)},
                   integral)

    def evaluate(self, point: dict[sp.Symbol, Fraction], prec: int) -> tuple[object, object]:
        vec = [point.get(s, Fraction(0)) for s in self.index]
        vals = exact_or_interval(self.ops, vec, prec)
        for rel, node in self.conditions:
            if not _holds(rel, _sign(vals[node])):
                raise Undefined("a hypothesis does not certainly hold")
        for node in self.integral:  # an eliminated integer symbol's value
            v = vals[node]
            if not (isinstance(v, Fraction) and v.denominator == 1):
                raise Undefined("an integer symbol's value is not certainly an integer")
        return vals[self.lhs], vals[self.rhs]

    def attempt(self, point: dict[sp.Symbol, Fraction], prec: int) -> tuple[object, object] | None:
        """Both sides' values, or None where they are not certainly defined or the
        evaluation fails (counted in ``stats``, never raised)."""
        try:
            lv, rv = self.evaluate(point, prec)
        except (Undefined, ZeroDivisionError):  # a division by an exact 0: not defined there
            return None
        except EVALUATION_ERRORS as exc:
            self.stats.failed += 1
            self.stats.error = self.stats.error or _describe(exc)
            return None
        if not (_finite(lv) and _finite(rv)):
            return None
        return lv, rv

    def differs(self, point: dict[sp.Symbol, Fraction],
                relation: str = "=") -> tuple[object, object, str] | None:
        """Both sides' values and the certification, if they certainly differ (or, for an
        inequality ``relation``, if lhs ``relation`` rhs certainly fails there)."""
        self.stats.points += 1
        for prec in PRECISIONS:
            values = self.attempt(point, prec)
            if values is None:
                return None
            lv, rv = values
            sign = difference_sign(lv, rv)
            if sign is None:  # (an enclosure of the difference holds 0: more bits)
                continue
            how = "exact rational evaluation" if isinstance(lv, Fraction) and isinstance(
                rv, Fraction) else f"interval arithmetic, {prec} bits"
            return (lv, rv, how) if breaks(relation, sign) else None
        return None


def difference_sign(lv: object, rv: object) -> int | None:
    """The sign of lv − rv: exact for two rationals, else from their enclosures (None where
    the enclosure of the difference holds 0)."""
    if isinstance(lv, Fraction) and isinstance(rv, Fraction):
        return (lv > rv) - (lv < rv)
    return _sign(_interval(lv) - _interval(rv))


def breaks(relation: str, sign: int) -> bool:
    """Whether lhs ``relation`` rhs fails where lhs − rhs has this sign."""
    return {"=": sign != 0, "<": sign >= 0, "<=": sign > 0, ">": sign <= 0,
            ">=": sign < 0}[relation]


def _finite(v: object) -> bool:
    """An enclosure of a real value has finite ends (an infinite one certifies nothing)."""
    if isinstance(v, Fraction):
        return True
    return not any(mpmath.isinf(e) or mpmath.isnan(e) for e in (v.a, v.b))  # type: ignore[attr-defined]


def _describe(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return f"{type(exc).__name__}: {text}"[:120]


def _points(free: list[sp.Symbol], rng: random.Random,
            conditions: Sequence[sp.Expr] = (), corner: bool = False
            ) -> Iterator[dict[sp.Symbol, Fraction]]:
    """Random points of small values (each symbol's own conditions met where they can be);
    ``corner``: first the point of every symbol's first value, where its bounds meet (an
    inequality that is tight there: 2x + y > 3 at x = y = 1 under x, y ≥ 1)."""
    doms = {}
    for s in free:  # (x > 1000: no small value meets it; values near its numbers then)
        own = [c for c in conditions if getattr(c, "free_symbols", None) == {s}]
        doms[s] = _allowed(s, own, strict=True) or _witness_values(s, own) or domain(s)
    if corner and all(doms.values()):
        yield {s: d[0] for s, d in doms.items()}
    for width in (3, 5, 8, 12, 1000):
        for _ in range(8):
            yield {s: rng.choice(d[:width]) for s, d in doms.items()}


def _allowed(sym: sp.Symbol, conditions: list[sp.Expr],
             values: list[Fraction] | None = None, strict: bool = False) -> list[Fraction]:
    """The symbol's candidate values (``values``, or its domain) that its own conditions
    (β < 1, 1 − r² > 0) do not rule out: with two such symbols, values drawn blind rarely meet
    both (all of them where none is left, unless ``strict``). Only a narrowing: what is
    found is certified against every condition all the same (_Probe)."""
    values = domain(sym) if values is None else values
    conditions = [c for c in conditions if _nesting(c) <= 3]  # (SymPy evaluates what a value
    if not conditions:  # is put in, and log(log(…(3)…)) > 0, eight deep, took 20 s to judge)
        return values
    kept = []
    for v in values:
        try:
            ok = all(c.xreplace({sym: sp.Rational(v.numerator, v.denominator)}) is not sp.false
                     for c in conditions)
        except (TypeError, ValueError, ZeroDivisionError):
            ok = True
        if ok:
            kept.append(v)
    return kept if strict else kept or values  # (strict: none where none meets them)


def _nesting(expr: object, limit: int = 4) -> int:
    """How deep functions are nested in ``expr`` (log(log(x)): 2), counted up to ``limit``."""
    if not isinstance(expr, sp.Basic) or not expr.args:
        return 0
    own = 1 if isinstance(expr, sp.Function) else 0
    if own and limit <= 1:
        return 1
    return own + max(_nesting(a, limit - own) for a in expr.args)


def find(case: Case, lhs: sp.Expr, rhs: sp.Expr, seed: int, budget: float,
         entry: tuple[int, int] | None = None,
         all_symbols: frozenset[sp.Symbol] = frozenset(),
         stats: SearchStats | None = None, relation: str = "=") -> Counterexample | None:
    """A certified, shrunk counterexample to ``lhs == rhs`` (or lhs ``relation`` rhs) in
    this case, or None."""
    try:
        probe = _Probe.build(case, lhs, rhs)
    except Unsupported:
        return None
    if stats is not None:
        probe.stats = stats
    rng = random.Random(seed)
    deadline = cpu_now() + budget
    for point in _points(case.free, rng, case.conditions, corner=relation != "="):
        if cpu_now() > deadline:
            return None
        if probe.differs(point, relation):
            point = _shrink(probe, point, case.free, deadline, relation)
            found = probe.differs(point, relation)
            if found is None:  # pragma: no cover - differs is deterministic
                return None
            lv, rv, how = found
            lhs_value, rhs_value = show_pair(lv, rv)
            return Counterexample(
                point=_full_point(case, point, all_symbols),
                lhs_value=lhs_value, rhs_value=rhs_value, certified_by=how,
                entry=entry, case=case.label,
            )
    return None


def witness(case: Case, seed: int, budget: float) -> bool | None:
    """Whether some point satisfies the case's hypotheses and conditions with every side
    defined there: True where one is found, False where none is among the points tried, None
    where this cannot be looked at (an expression the evaluator does not take, the time)."""
    try:
        probes = [_Probe.build(case, lhs, rhs) for _, lhs, rhs in case.pairs]
    except Unsupported:
        return None
    rng = random.Random(seed)
    deadline = cpu_now() + budget
    doms = {s: _witness_values(s, case.conditions) for s in case.free}
    firsts = [{s: d[0] for s, d in doms.items()}] if all(doms.values()) else []
    points = (*firsts, *({s: rng.choice(d) for s, d in doms.items()} for _ in range(WITNESS_POINTS)))
    for point in points:
        if cpu_now() > deadline:
            return None
        if all(p.attempt(point, PRECISIONS[0]) is not None for p in probes):
            return True
    return False


WITNESS_POINTS = 400
WITNESS_ENTRIES = 16  # claims up to this many entries are looked at for a witness point
WITNESS_BUDGET = 0.5  # CPU s for it


def admissible(result: Result, all_cases: list[Case], seed: int) -> Result:
    """A proof holds where the hypotheses hold and both sides are defined. Where linear
    arithmetic could not tell that such points exist (1 − x² ≥ 0 beside x < −1), one is looked
    for; where none is found the proof may be vacuous, and it is not reported as a proof."""
    admitted = [c for c in all_cases if not c.excluded]
    if admitted and all(c.doubt for c in admitted):  # (never decided by the time it takes)
        return replace(result, verdict=Verdict.UNKNOWN, method=Method.NONE, detail=(
            f"proved wherever both sides are defined, but {admitted[0].doubt}: the line may be "
            "defined nowhere, and then the proof says nothing (vacuous); check each divisor"))
    unsure = [c for c in admitted if c.unsure]
    if not unsure or len(unsure) < len(admitted) \
            or any(len(c.pairs) > WITNESS_ENTRIES for c in unsure):
        return result  # (a case linear arithmetic finds admissible makes the proof count)
    found = [witness(c, seed, WITNESS_BUDGET) for c in unsure]
    if any(f is not False for f in found):
        return result  # a point where some case's hypotheses hold (or it cannot be told)
    return replace(result, verdict=Verdict.UNKNOWN, method=Method.NONE, detail=(
        "proved wherever the hypotheses hold and both sides are defined, but no such point was "
        "found: they may never hold together, and then the proof says nothing (vacuous); "
        "check the hypotheses and where each side is defined"))


def _witness_values(sym: sp.Symbol, conditions: Sequence[sp.Expr]) -> list[Fraction]:
    """Values to look for a witness with: the small ones, magnitudes, and values near each
    number the symbol's conditions write (β > 0.9 and β < 1: 0.95; x² > 50: 8; x > 10⁶), its
    roots and logarithm among them; those the symbol's own conditions rule out are left out."""
    found: set[Fraction] = set(domain(sym))
    for k in range(1, 10):
        found |= {Fraction(10) ** k, -Fraction(10) ** k, Fraction(1, 2 ** k), -Fraction(1, 2 ** k)}
    mine = [c for c in conditions if sym in getattr(c, "free_symbols", ())]
    for c in mine:
        for a in c.atoms(sp.Number):
            if not a.is_finite or not a.is_real:
                continue
            v = abs(Fraction(str(sp.Rational(a))))  # (x − 10⁹ ≥ 0 writes −10⁹: both signs)
            near = [w for u in (v, -v) for w in (u, u + 1, u - 1, u * Fraction(101, 100),
                                                 u * Fraction(99, 100), 2 * u, u / 2)]
            if v > 0:
                for k in (2, 3, 4):
                    root = Fraction(round(float(v) ** (1 / k) * 1000), 1000)
                    near += [root, root + 1, -root, -root - 1]
                if v > 1:
                    lg = Fraction(int(math.log(float(v))) + 1)
                    near += [lg, lg + 1]
            found.update(near)
    ordered = sorted(found)
    found.update((a + b) / 2 for a, b in itertools.pairwise(ordered))  # narrow intervals
    assumed = _assumed(sym)
    values = [v for v in sorted(found, key=lambda v: (abs(v.numerator) + v.denominator, v))
              if _fits(assumed, v)]
    return _allowed(sym, [c for c in mine if getattr(c, "free_symbols", None) == {sym}], values)


def _shrink(probe: _Probe, point: dict[sp.Symbol, Fraction], free: list[sp.Symbol],
            deadline: float, relation: str = "=") -> dict[sp.Symbol, Fraction]:
    for _ in range(3):
        changed = False
        for s in free:
            dom = domain(s)
            rank = dom.index(point[s]) if point[s] in dom else len(dom)
            for v in dom[:rank]:
                if cpu_now() > deadline:
                    return point
                trial = {**point, s: v}
                if probe.differs(trial, relation):
                    point, changed = trial, True
                    break
        if not changed:
            break
    return point


def _full_point(case: Case, point: dict[sp.Symbol, Fraction],
                all_symbols: frozenset[sp.Symbol]) -> tuple[tuple[sp.Symbol, sp.Expr], ...]:
    values: dict[sp.Symbol, sp.Expr] = {s: sp.Rational(v.numerator, v.denominator)
                                        for s, v in point.items()}
    used = set(all_symbols).union(*(e.free_symbols for e in case.subs.values()))
    for s in sorted(used - set(case.subs) - set(values), key=sp.default_sort_key):
        first = domain(s)[0] if domain(s) else Fraction(1)  # a symbol nothing depends on
        values[s] = sp.Rational(first.numerator, first.denominator)
    for s, expr in case.subs.items():
        values[s] = expr.xreplace(values)
    # x refined to a copy with x ≥ 0's assumption (prepare._refine) is shown once, as x
    copies = {v for k, v in case.subs.items() if isinstance(v, sp.Symbol) and v.name == k.name
              and v not in all_symbols}
    return tuple(sorted(((s, v) for s, v in values.items() if s not in copies),
                        key=lambda kv: sp.default_sort_key(kv[0])))


def completed(cex: Counterexample, symbols: frozenset[sp.Symbol]) -> Counterexample:
    """The counterexample with a value for every symbol of ``symbols`` it does not assign (a
    symbol the decided form no longer depends on, e.g. a bias that a derivative removed)."""
    values = dict(cex.point)
    missing = sorted(set(symbols) - set(values), key=sp.default_sort_key)
    if not missing:
        return cex
    for s in missing:
        first = domain(s)[0] if domain(s) else Fraction(1)
        values[s] = sp.Rational(first.numerator, first.denominator)
    return replace(cex, point=tuple(sorted(values.items(),
                                           key=lambda kv: sp.default_sort_key(kv[0]))))


def evidence(case: Case, lhs: sp.Expr, rhs: sp.Expr, seed: int, points: int = 6,
             digits: int = 30, stats: SearchStats | None = None) -> NumericEvidence | None:
    """Agreement to ``digits`` digits at ``points`` random points, or None if not shown."""
    try:
        probe = _Probe.build(case, lhs, rhs)
    except Unsupported:
        return None
    if stats is not None:
        probe.stats = stats
    rng = random.Random(seed)
    agreed, worst = 0, mpmath.mpf(0)
    tol = mpmath.mpf(10) ** (-digits)
    for point in _points(case.free, rng):
        probe.stats.points += 1
        values = probe.attempt(point, 400)
        if values is None:
            continue
        lv, rv = values
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


def held(case: Case, lhs: sp.Expr, rhs: sp.Expr, relation: str, seed: int, points: int = 8,
         stats: SearchStats | None = None) -> int:
    """At how many of ``points`` random admissible points lhs ``relation`` rhs is certified to
    hold (0 as soon as it certainly fails at one; a point where neither is certain is
    skipped): numeric evidence for an inequality, never a proof."""
    try:
        probe = _Probe.build(case, lhs, rhs)
    except Unsupported:
        return 0
    if stats is not None:
        probe.stats = stats
    rng = random.Random(seed)
    certain = 0
    for point in _points(case.free, rng, case.conditions):
        probe.stats.points += 1
        values = probe.attempt(point, PRECISIONS[0])
        if values is None:
            continue
        lv, rv = values
        sign = difference_sign(lv, rv)
        if sign is None:  # (equal sides not exactly known there: √2·√2 against 2)
            continue
        if breaks(relation, sign):
            return 0
        certain += 1
        if certain >= points:
            break
    return certain

