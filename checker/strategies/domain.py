"""Where a claim means something: assumptions, hypotheses and the sides' domains.

Three questions, each answered only when the answer is certain (otherwise
``None`` / no reason, and the engine goes on as before):

* :func:`violation` — does a constant value break a symbol's assumptions
  (``k = 1/2`` for an integer k, ``y_2 = 0`` for a positive y_2)?
* :func:`infeasible` — can a set of relations not hold together? Each
  relation that is linear in its symbols (with the symbols' sign assumptions
  added) takes part in an exact Fourier–Motzkin elimination over ℚ; a derived
  ``0 < 0`` (or ``c ≥ 0`` with c < 0) is a non-negative combination of the
  inputs, so they really cannot all hold. Relations that are not linear are
  left out, which can only hide a contradiction, never invent one.
* :func:`recheck` — the engine's final, independent check of a counterexample
  before it is shown: every symbol's assumptions, every hypothesis and every
  domain condition certainly hold at the point (signs certified exactly or
  by interval arithmetic, equations exactly).

A *domain condition* says where a side is defined: a divisor is non-zero,
the argument of a logarithm positive, that of a square root non-negative.
The reader records them (:attr:`checker.model.Claim.domain`) because SymPy
cancels ``x/x`` to 1 before the engine ever sees the division.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from functools import lru_cache

import mpmath
import sympy as sp
from sympy.core.function import AppliedUndef

from checker.strategies.evaluate import exact_or_interval
from checker.strategies.program import Compiler

Relational = sp.core.relational.Relational

# The sign assumptions a symbol can carry, as (assumption, relation to 0 it asserts).
SIGNS = (("positive", sp.StrictGreaterThan), ("nonnegative", sp.GreaterThan),
         ("negative", sp.StrictLessThan), ("nonpositive", sp.LessThan), ("nonzero", sp.Ne))
MAX_CONSTRAINTS = 400  # Fourier–Motzkin gives up (says nothing) beyond this many


def certain_sign(e: sp.Expr) -> int | None:
    """+1, −1 or 0 for a constant expression when certain (exactly or by an interval that
    excludes 0), else None."""
    if e.is_Rational:
        return int(e.p > 0) - int(e.p < 0)
    if e.free_symbols:
        return None
    return _evaluated(e, (200, 800))[0]


def _evaluated(e: sp.Expr, precisions: tuple[int, ...]) -> tuple[int | None, bool]:
    """(the sign of a constant expression where certain, else None; whether it could be
    evaluated at all), by exact arithmetic or intervals at each precision in turn."""
    try:
        comp = Compiler()
        root = comp(e)
        for prec in precisions:
            v = exact_or_interval(comp.program.ops, [], prec)[root]
            if isinstance(v, Fraction):
                return (v > 0) - (v < 0), True
            lo, hi = v.a, v.b  # type: ignore[attr-defined]
            if any(mpmath.isnan(x) or mpmath.isinf(x) for x in (lo, hi)):
                return None, False
            if lo > 0 or hi < 0:
                return (1 if lo > 0 else -1), True
    except Exception:  # anything that cannot be evaluated is not known: never decide on it
        return None, False
    return None, True


def holds(kind: type, sign: int | None) -> bool | None:
    """Whether ``d kind 0`` holds for a d of the given sign (None: not known)."""
    if sign is None:
        return None
    return {
        sp.StrictGreaterThan: sign > 0, sp.GreaterThan: sign >= 0,
        sp.StrictLessThan: sign < 0, sp.LessThan: sign <= 0,
        sp.Eq: sign == 0, sp.Ne: sign != 0,
    }.get(kind)


def parts(rel: object) -> tuple[type, sp.Expr] | None:
    """A relation as (its kind, lhs − rhs); None for what is not a relation."""
    if isinstance(rel, Relational) and type(rel) in (sp.StrictGreaterThan, sp.GreaterThan,
                                                    sp.StrictLessThan, sp.LessThan, sp.Eq, sp.Ne):
        return type(rel), rel.lhs - rel.rhs
    return None


def show(kind: type, d: sp.Expr) -> str:
    op = {sp.StrictGreaterThan: ">", sp.GreaterThan: "≥", sp.StrictLessThan: "<",
          sp.LessThan: "≤", sp.Eq: "=", sp.Ne: "≠"}[kind]
    return f"{sp.sstr(d)} {op} 0"


def violation(s: sp.Symbol, value: sp.Expr) -> str:
    """Why a constant value certainly breaks an assumption of s ("" if it does not, or if
    that is not certain)."""
    if value.free_symbols:
        return ""
    if s.is_integer and value.is_Rational and not value.is_Integer:
        return "an integer"
    sign = certain_sign(value)
    for name, kind in SIGNS:
        if getattr(s, f"is_{name}") and holds(kind, sign) is False:
            return name
    return ""


def vanishes(d: sp.Expr) -> bool | None:
    """Whether d is 0 for every value of its letters (a divisor that makes a line defined
    nowhere: (s + 1)² − s² − 2s − 1): True where its expansion is 0 exactly; None where it
    is not shown non-zero at two generic points (every letter a rational of its own, of its
    assumed sign) nor 0 everywhere (sin² s + cos² s − 1); False where it is not 0 somewhere
    (a rational function that does not expand to 0 is 0 almost nowhere). A d that is not
    small is not looked at (False)."""
    if not d.free_symbols or not small(d):
        return d == 0 if not d.free_symbols and d.is_Rational else False
    return _vanishes(d)


@lru_cache(maxsize=4096)
def _vanishes(d: sp.Expr) -> bool | None:
    if d.is_nonzero:  # (1 + e^x: SymPy's assumptions tell)
        return False
    if sp.expand(d) == 0:
        return True
    symbols = sorted(d.free_symbols, key=sp.default_sort_key)
    if d.is_rational_function(*symbols):  # not 0 as a rational function: 0 almost nowhere
        return False
    if d.atoms(AppliedUndef):  # an arbitrary function's value: not known to vanish
        return False
    for shift in (0, 3):  # two generic points
        point = {}
        for n, sym in enumerate(symbols):
            v = sp.Integer(n + 2 + shift) if sym.is_integer else \
                sp.Rational(2 * n + 7 + shift, n + 5)
            point[sym] = -v if sym.is_negative or sym.is_nonpositive else v
        at = _near_zero(d.xreplace(point))
        if at is not True:  # not 0 there, or not evaluated (then never the reason)
            return False
    return None


def _near_zero(e: sp.Expr) -> bool | None:
    """Whether a constant expression evaluates to 0, or to an interval about 0 at 800 bits
    (True), to a value certainly not 0 (False, most often at 64 bits already), or cannot be
    evaluated (None)."""
    sign, evaluated = _evaluated(e, (64, 800))
    return None if not evaluated else sign in (0, None)


def small(e: sp.Basic, limit: int = 60) -> bool:
    """At most ``limit`` nodes (counted as a tree, stopping early): worth SymPy's effort."""
    for count, _ in enumerate(sp.preorder_traversal(e), start=1):
        if count > limit:
            return False
    return True


def linear(d: sp.Expr) -> dict[object, Fraction] | None:
    """d as {symbol: coefficient, 1: constant} with rational coefficients, or None."""
    if not small(d):
        return None
    out: dict[object, Fraction] = {}
    for term in sp.Add.make_args(sp.expand(d)):
        coeff, rest = term.as_coeff_Mul()
        if not coeff.is_Rational:
            return None
        key: object = 1 if rest == 1 else rest
        if key != 1 and not rest.is_Symbol:
            return None
        out[key] = out.get(key, Fraction(0)) + Fraction(int(coeff.p), int(coeff.q))
    return {k: v for k, v in out.items() if v != 0 or k == 1}


# A constraint Σ c_i x_i + c_0 > 0 (strict) or ≥ 0, with the inputs it came from (by position).
_Constraint = tuple[dict[object, Fraction], bool, frozenset[int]]


def infeasible(relations: Iterable[tuple[type, sp.Expr, str]]) -> list[str] | None:
    """The labels of relations ``d kind 0`` that certainly cannot hold together, or None.

    Sign assumptions of the symbols that occur are added (labelled "s is positive" …).
    Only linear relations with rational coefficients take part; a constant relation that
    is certainly false is a contradiction on its own.
    """
    rows: list[_Constraint] = []
    symbols: set[sp.Symbol] = set()
    labels: list[str] = []
    for kind, d, label in relations:
        labels.append(label)
        mine = frozenset([len(labels) - 1])
        if not d.free_symbols:
            if holds(kind, certain_sign(d)) is False:
                return [label]
            continue
        lin = linear(d) if kind is not sp.Ne else None  # d ≠ 0 never makes a system infeasible
        if lin is None:
            continue
        neg = {k: -v for k, v in lin.items()}
        if kind is sp.Eq:  # d = 0 is d ≥ 0 and −d ≥ 0
            rows += [(lin, False, mine), (neg, False, mine)]
        else:
            up = kind in (sp.StrictGreaterThan, sp.GreaterThan)
            rows.append((lin if up else neg, kind in (sp.StrictGreaterThan, sp.StrictLessThan),
                         mine))
        symbols |= {k for k in lin if k != 1}  # type: ignore[misc]
    if not rows:
        return None
    for s in sorted(symbols, key=sp.default_sort_key):
        for name, kind in SIGNS[:4]:
            if getattr(s, f"is_{name}"):
                sign = Fraction(1 if kind in (sp.StrictGreaterThan, sp.GreaterThan) else -1)
                labels.append(f"{s} is {name}")
                rows.append(({s: sign}, kind in (sp.StrictGreaterThan, sp.StrictLessThan),
                             frozenset([len(labels) - 1])))
                break
    found = _fourier_motzkin(rows, sorted(symbols, key=sp.default_sort_key))
    return None if found is None else [labels[i] for i in sorted(found)]


def _fourier_motzkin(rows: list[_Constraint], variables: list[sp.Symbol]) -> frozenset[int] | None:
    for x in variables:
        pos = [r for r in rows if r[0].get(x, 0) > 0]
        neg = [r for r in rows if r[0].get(x, 0) < 0]
        rest = [r for r in rows if r[0].get(x, 0) == 0]
        if len(rest) + len(pos) * len(neg) > MAX_CONSTRAINTS:
            return None
        for p, ps, pl in pos:
            for n, ns, nl in neg:
                a, b = p[x], -n[x]
                combo = {k: b * p.get(k, 0) + a * n.get(k, 0) for k in set(p) | set(n)}
                combo = {k: v for k, v in combo.items() if v != 0 and k != x}
                rest.append((combo, ps or ns, pl | nl))
        rows = rest
        for lin, strict, labels in rows:
            if set(lin) <= {1}:
                c = lin.get(1, Fraction(0))
                if c < 0 or (strict and c == 0):
                    return labels
    for lin, strict, labels in rows:
        c = lin.get(1, Fraction(0))
        if set(lin) <= {1} and (c < 0 or (strict and c == 0)):
            return labels
    return None


def requirements(exprs: Iterable[sp.Expr]) -> list[tuple[type, sp.Expr]]:
    """Domain conditions read off the expressions as they stand: every divisor non-zero,
    every logarithm's argument positive, every even root's radicand non-negative.
    (Each distinct subexpression is visited once; nothing under a Piecewise, whose
    branches need not be defined where they are not taken.)"""
    out: dict[tuple[type, sp.Expr], None] = {}
    seen: set[sp.Basic] = set()
    stack = list(exprs)
    while stack:
        e = stack.pop()
        if e in seen or e.is_Atom:
            continue
        seen.add(e)
        if isinstance(e, sp.Piecewise):
            continue
        if e.is_Pow and e.exp.is_Rational:
            if e.exp < 0:
                out[(sp.Ne, e.base)] = None
            if not e.exp.is_Integer:
                out[(sp.GreaterThan if e.exp > 0 else sp.StrictGreaterThan, e.base)] = None
        elif isinstance(e, sp.log):
            out[(sp.StrictGreaterThan, e.args[0])] = None
        stack.extend(e.args)
    return list(out)


def _zero_through_exp(d: sp.Expr) -> bool:
    """A number that is exactly 0 once σ, tanh, sinh and cosh are written through exp
    (2 − 1/σ(0) at a point where e^{-x} = 1/σ(x) − 1 is stated)."""
    from checker.vocabulary import EXP_FORMS

    if d.free_symbols or not d.has(*EXP_FORMS):
        return False
    try:
        return sp.cancel(sp.together(sp.expand(d.rewrite(list(EXP_FORMS), sp.exp)))) == 0
    except (TypeError, ValueError, NotImplementedError, sp.PolynomialError):
        return False


def _value(e: sp.Expr | int, point: dict[sp.Symbol, sp.Expr]) -> sp.Expr:
    if isinstance(e, int):
        return sp.Integer(e)
    if e.has(sp.Derivative):  # σ'(x) = … as a hypothesis: taken, then at the point (x → 0
        e = e.doit()  # inside d/dx is no derivative at all)
    return e.xreplace(point)


def recheck(symbols: Iterable[sp.Symbol], given: Iterable[object],
            domain: Iterable[object], point: dict[sp.Symbol, sp.Expr]) -> str:
    """Why the point is not a valid counterexample location ("" when it is): a symbol
    unassigned or outside its assumptions, a hypothesis or a domain condition that does not
    certainly hold there."""
    from checker.model import Condition, Equation, OneHot  # the model imports the results

    for s in sorted(symbols, key=sp.default_sort_key):
        if s not in point:
            return f"the point does not assign {s}"
    for s, v in point.items():
        if v.free_symbols or not v.is_real:
            return f"{s} = {sp.sstr(v)} is not a real number"
        if s.is_integer and not v.is_Integer:
            return f"{s} = {sp.sstr(v)} is not an integer"
        sign = certain_sign(v)
        for name, kind in SIGNS:
            if getattr(s, f"is_{name}") and not holds(kind, sign):
                return f"{s} = {sp.sstr(v)} is not certainly {name}"
    for h in given:
        if isinstance(h, OneHot):
            values = [point.get(s) for s in h.vector]
            if not all(v in (0, 1) for v in values) or sum(v == 1 for v in values) != 1:
                return f"{h.describe()} fails: {', '.join(sp.sstr(v) for v in values)}"
        elif isinstance(h, Equation):
            d = _value(h.lhs - h.rhs, point)
            if d != 0 and sp.expand(d) != 0 and not _zero_through_exp(d):
                return f"the hypothesis {h.describe()} does not certainly hold"
        elif isinstance(h, Condition):
            if h.relation is sp.true:
                continue
            p = parts(h.relation)
            if p is None or not holds(p[0], certain_sign(_value(p[1], point))):
                return f"the hypothesis {h.describe()} does not certainly hold"
        else:
            return f"the hypothesis {h!r} cannot be checked here"
    for rel in domain:
        if rel is sp.true:
            continue
        p = parts(rel)
        if p is None or not holds(p[0], certain_sign(_value(p[1], point))):
            return f"a side is not certainly defined there ({sp.sstr(rel)} fails)"
    return ""
