"""The sign of an expression from its structure alone, where it is certain: a proof that
``d ≥ 0`` (or ``d > 0``) for the inequalities of :mod:`~checker.strategies.inequality`.

A sign is the set of signs the expression can take where it is defined (a subset of
{−1, 0, 1}). The rules are those of real arithmetic and nothing else: a sum of terms that are
each ≥ 0 is ≥ 0, a product's sign is the product of its factors', an even power is ≥ 0,
e^x > 0, log x has the sign of x − 1, a function of the vocabulary has the sign its
declaration gives (:attr:`checker.vocabulary.Primitive.sign`), a symbol the sign its
assumptions or the claim's hypotheses give. Numbers other than rationals (π, log 2) get their
sign from interval arithmetic, never from a float. Where a rule does not apply, the sign is
"any": this proves what it proves and never more, so a sign that is not certain is no proof.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import sympy as sp

from checker.strategies.evaluate import Undefined, exact_or_interval
from checker.strategies.program import Compiler, Unsupported
from checker.vocabulary import PRIMITIVES

Sign = frozenset[int]
ANY: Sign = frozenset({-1, 0, 1})
POSITIVE: Sign = frozenset({1})
NONNEGATIVE: Sign = frozenset({0, 1})

RULES: dict[type, str] = {p.func: p.sign for p in PRIMITIVES if p.func is not None and p.sign}

_RELATIONS: dict[type, Sign] = {  # the sign of lhs − rhs where the relation holds
    sp.StrictGreaterThan: POSITIVE, sp.GreaterThan: NONNEGATIVE,
    sp.StrictLessThan: frozenset({-1}), sp.LessThan: frozenset({-1, 0}),
    sp.Ne: frozenset({-1, 1}), sp.Eq: frozenset({0}),
}
_QUADRATIC_TERMS = 12  # a sum of more terms is not tried as a quadratic form
_SMALL = 40  # operations: a fact is matched by the expanded form only below this size


def _flip(s: Sign) -> Sign:
    return frozenset(-v for v in s)


class Signs:
    """Signs under some facts: relations known to hold (a claim's hypotheses, where its sides
    are defined)."""

    def __init__(self, facts: Iterable[object] = ()) -> None:
        self.facts = tuple(facts)
        self.known: dict[sp.Expr, Sign] = {}
        for rel in self.facts:
            kind = _RELATIONS.get(type(rel))
            if kind is None:
                continue
            d = rel.lhs - rel.rhs  # type: ignore[attr-defined]
            for key, s in ((d, kind), (-d, _flip(kind))):
                self._learn(key, s)
                if sp.count_ops(key) < _SMALL:
                    self._learn(sp.expand(key), s)
        self._memo: dict[sp.Expr, Sign] = {}

    def _learn(self, key: sp.Expr, s: Sign) -> None:
        self.known[key] = self.known.get(key, ANY) & s or self.known.get(key, ANY)

    def of(self, e: sp.Expr) -> Sign:
        hit = self._memo.get(e)
        if hit is None:
            hit = self._memo[e] = self._of(e)
        return hit

    def _of(self, e: sp.Expr) -> Sign:
        found = self._structural(e)
        fact = self.known.get(e)
        if fact is None and len(self.known) and not e.is_Atom and sp.count_ops(e) < _SMALL:
            fact = self.known.get(sp.expand(e))
        return (found & fact or found) if fact is not None else found

    def _structural(self, e: sp.Expr) -> Sign:
        if e.is_Rational:
            return frozenset({(e.p > 0) - (e.p < 0)})
        if e.is_number:
            return _constant(e)
        if isinstance(e, sp.Symbol | sp.Indexed):
            return _assumed(e)
        if e.is_Add:
            found = _sum([self.of(a) for a in e.args])
            if found == ANY and len(e.args) <= _QUADRATIC_TERMS:  # x² + 2x + 3 > 0
                found = POSITIVE if quadratic_form(e, POSITIVE) else NONNEGATIVE \
                    if quadratic_form(e, NONNEGATIVE) else ANY
            return found
        if e.is_Mul:
            out: Sign = frozenset({1})
            for a in e.args:
                out = frozenset(x * y for x in out for y in self.of(a))
            return out
        if e.is_Pow:
            return self._power(e)
        if isinstance(e, sp.exp):
            return POSITIVE
        rule = RULES.get(type(e))
        if rule is not None and len(e.args) == 1:
            inner = self.of(e.args[0]) if rule != "log" else self.of(e.args[0] - 1)
            return {"positive": POSITIVE, "odd": inner, "log": inner,
                    "nonnegative": NONNEGATIVE if 0 in inner else POSITIVE}.get(rule, ANY)
        if isinstance(e, sp.Max | sp.Min):
            return _extreme([self.of(a) for a in e.args], isinstance(e, sp.Max))
        if isinstance(e, sp.Heaviside):
            return NONNEGATIVE
        if isinstance(e, sp.Piecewise):
            return frozenset().union(*(self.of(v) for v, _ in e.args))
        if isinstance(e, sp.Sum) and len(e.limits) == 1 \
                and self.of(e.limits[0][2] - e.limits[0][1] + 1) <= NONNEGATIVE:
            # (an empty sum is 0; one whose upper bound is below the lower one by more than
            # one is, by SymPy's convention, minus a sum: its bounds must be in order)
            inner = self.of(e.function)
            return NONNEGATIVE if inner <= NONNEGATIVE else _flip(NONNEGATIVE) \
                if inner <= _flip(NONNEGATIVE) else ANY
        return ANY

    def _power(self, e: sp.Pow) -> Sign:
        base, k = self.of(e.base), e.exp
        if k.is_Integer:
            n = int(k)
            if n == 0:
                return POSITIVE
            if n < 0:  # defined where the base is not 0
                base = base - {0}
                if not base:
                    return ANY
            return frozenset(x ** abs(n) for x in base)
        if k.is_Rational:  # a root: real only where the base is ≥ 0
            return POSITIVE if base == POSITIVE or k < 0 else NONNEGATIVE
        return POSITIVE if base == POSITIVE else ANY


def _sum(parts: list[Sign]) -> Sign:
    for way in (1, -1):
        if all(p <= {0, way} for p in parts):
            out = {0} if all(0 in p for p in parts) else set()
            return frozenset(out | ({way} if any(way in p for p in parts) else set()))
    return ANY


def _extreme(parts: list[Sign], largest: bool) -> Sign:
    """The sign of max (``largest``) or min of values of these signs."""
    if not largest:
        return _flip(_extreme([_flip(p) for p in parts], True))
    if any(p == POSITIVE for p in parts):
        return POSITIVE
    if any(p <= NONNEGATIVE for p in parts):
        return NONNEGATIVE - ({0} if all(0 not in p for p in parts) else set())
    if all(p <= {-1, 0} for p in parts):
        return frozenset().union(*parts)
    return ANY


def _assumed(s: sp.Expr) -> Sign:
    if s.is_zero:
        return frozenset({0})
    if s.is_positive:
        return POSITIVE
    if s.is_negative:
        return frozenset({-1})
    if s.is_nonnegative:
        return NONNEGATIVE
    if s.is_nonpositive:
        return frozenset({-1, 0})
    if s.is_nonzero and s.is_real:
        return frozenset({-1, 1})
    return ANY


def _constant(e: sp.Expr) -> Sign:
    """A number's sign by interval arithmetic (π − 3, log 2): certain, or "any"."""
    try:
        comp = Compiler()
        node = comp(e)
        value = exact_or_interval(comp.program.ops, [], 200)[node]
    except (Unsupported, Undefined, ArithmeticError, ValueError, TypeError):
        return ANY
    if hasattr(value, "numerator"):
        return frozenset({(value > 0) - (value < 0)})
    if value.a > 0:  # type: ignore[attr-defined]
        return POSITIVE
    if value.b < 0:  # type: ignore[attr-defined]
        return frozenset({-1})
    return ANY


_QUADRATIC_GENERATORS = 6  # a quadratic in more letters (or σ(x), eˣ …) is not tried


def quadratic_form(d: sp.Expr, needed: Sign) -> bool:
    """A polynomial of degree two in its letters and function values, taken as independent
    reals (which can only widen what it must be ≥ 0 on): d = vᵀ M v with v = (1, g₁, …, g_k);
    ≥ 0 where M is positive semidefinite (every principal minor ≥ 0), > 0 where it is positive
    definite (every leading minor > 0), decided in exact rationals (x² + xy + y² ≥ 0,
    a² − 2ab + 2b² + 1 > 0)."""
    try:
        gens = sorted(d.free_symbols | d.atoms(sp.Function), key=sp.default_sort_key)
        if not gens or len(gens) > 2 * _QUADRATIC_GENERATORS:
            return False
        poly = sp.Poly(sp.expand(d), *gens)
        gens = [g for g in gens if poly.degree(g) > 0]  # (x only inside σ(x): not one)
        if not gens or len(gens) > _QUADRATIC_GENERATORS:
            return False
        poly = sp.Poly(poly.as_expr(), *gens)
    except (sp.PolynomialError, sp.GeneratorsNeeded, TypeError, ValueError):
        return False
    if poly.total_degree() != 2 or not all(c.is_Rational for c in poly.coeffs()):
        return False
    k = len(gens)
    m = sp.zeros(k + 1, k + 1)
    for powers, c in poly.terms():
        at = [i + 1 for i, p in enumerate(powers) for _ in range(p)]
        a, b = [*at, 0, 0][:2]
        if a == b:
            m[a, a] += c
        else:
            m[a, b] += c / 2
            m[b, a] += c / 2
    if 0 not in needed:  # > 0: positive definite
        return all(m[:j, :j].det() > 0 for j in range(1, k + 2))
    return all(m.extract(list(rows), list(rows)).det() >= 0
               for size in range(1, k + 2) for rows in itertools.combinations(range(k + 1), size))


__all__ = ["ANY", "NONNEGATIVE", "POSITIVE", "RULES", "Sign", "Signs", "quadratic_form"]
