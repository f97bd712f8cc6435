"""Implication lines (``2x + 3 = 7 ⇒ 2x = 4``): does the new equation follow from the old?

Both equations are moved to one side, d_old = lhs − rhs = 0 and d_new = 0. The step is proved
when d_new = c·d_old identically, with c

* a non-zero number (a term moved, both sides multiplied or divided by a number, the sides
  swapped), or
* an expression whose denominator is shown non-zero, factor by factor (divided by x where x
  is declared positive or non-zero, or where the hypotheses say x > 0 or x ≠ 0): then c is
  finite wherever the premise holds, and d_old = 0 gives d_new = 0, so ⇒ is proved
  (multiplying both sides by x is fine); for ⇔ its numerator must be non-zero too.

A non-zero number proves ⇔ as well: the two equations hold at the same points. c is
found as d_new / d_old in lowest terms, and the identity d_new = c·d_old is then proved by
the engine itself (so no verdict rests on the division alone). The new equation must also
not need more to be defined than the premise does (x/x = 1 does not follow from x = 1
wherever x = 0 is allowed).

A new equation that holds by itself (an identity, proved by the engine) follows from anything,
so ⇒ is proved then too; ⇔ is not (the previous equation would have to hold everywhere too).

Everything else is ``unknown`` with the reason: an equation that is not a multiple of the
previous one may still follow from it (x² = 4 ⇒ x = 2 does not; 2x = 4 ⇒ x² = 4 does), and
deciding that is not attempted, unless :mod:`checker.strategies.premise_point` finds a point
where the previous equation holds exactly and the new one does not (an equation solved wrong):
then it is refuted there.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

import sympy as sp

from checker.inverse import has_opaque
from checker.model import Claim, Condition
from checker.results import Method, Result, Verdict
from checker.vocabulary import EXP_FORMS

Decide = Callable[[Claim, object], Result]


def decide(claim: Claim, settings: object, check: Decide) -> Result:
    """The verdict on ``claim.premise`` ⇒ (or ⇔) ``claim.lhs = claim.rhs``; where the premise
    names other equations the claim may follow from instead (``or_from``, in turn), from any
    of them."""
    assert claim.premise is not None
    result = _decide(claim, settings, check)
    other = claim.premise.or_from
    while result.verdict is not Verdict.PROVED and other is not None:
        again = _decide(replace(claim, premise=other), settings, check)
        if again.verdict is Verdict.PROVED:
            return again
        other = other.or_from
    if result.verdict is Verdict.UNKNOWN and not result.vacuous:  # a point where it fails?
        from checker.strategies import premise_point

        refuted = premise_point.refute(claim, result.elapsed, getattr(settings, "seed", None))
        if refuted is not None:
            return refuted
    return result


def _decide(claim: Claim, settings: object, check: Decide) -> Result:
    t0 = time.perf_counter()
    # the scaling below is only a proof (a refutation is premise_point's): no counterexample sought
    settings = replace(settings, prove_only=True) if hasattr(settings, "prove_only") \
        else settings  # type: ignore[type-var]
    premise = claim.premise
    assert premise is not None

    def unknown(why: str) -> Result:
        return Result(Verdict.UNKNOWN, Method.NONE, time.perf_counter() - t0, detail=why)

    sides = (premise.lhs, premise.rhs, claim.lhs, claim.rhs)
    if any(isinstance(s, sp.MatrixBase) for s in sides):
        return unknown("an implication between vector or matrix equations is not decided; "
                       "write it entry by entry")
    from checker.strategies.symbolic_n import canonical_bound  # (Σ_i x_i and Σ_i′ x_i′: one)

    old = canonical_bound(_linear_sums(sp.expand(premise.lhs - premise.rhs)))
    new = canonical_bound(_linear_sums(sp.expand(claim.lhs - claim.rhs)))
    missing = [r for r in claim.domain if r not in premise.domain and not (  # (x ≠ 0 given)
        isinstance(r, sp.Ne) and _nonzero(sp.expand(r.lhs - r.rhs), claim))]
    if missing:
        shown = "; ".join(Condition(r).describe() for r in missing)
        return unknown(f"the new equation is only defined where {shown}, which the previous one "
                       "does not say")
    if premise.arrow == "⇒":  # an identity follows from anything (⇔ would need more)
        alone = check(replace(claim, premise=None), settings)
        if alone.verdict is Verdict.PROVED:
            return replace(alone, elapsed=time.perf_counter() - t0, detail="; ".join(
                x for x in ("the new equation holds by itself, whatever the previous one says",
                            alone.detail) if x))
    if old == 0:
        return unknown("the previous equation holds everywhere, so it says nothing the next "
                       "one could follow from")
    factor = _ratio(new, old)
    if factor is None or factor.free_symbols:
        found = _factor_at_sizes(claim, new, old)  # X^T X w − X^T y against 2 X^T (X w − y):
        if found is None:  # (2/n) X^T (X w − y): a size's factor of every term, set aside
            g_new, g_old = _size_factor(new), _size_factor(old)
            if g_new != 1 or g_old != 1:
                found = _factor_at_sizes(claim, sp.expand(new / g_new), sp.expand(old / g_old))
                found = found * g_new / g_old if found is not None else None
        if found is not None:                       # sums in another order
            factor = found
        elif factor is not None and factor.has(sp.Sum, sp.Indexed):
            factor = None  # (a quotient of sums is no factor to show non-zero)
    if factor is None or factor == 0:
        return unknown("the new equation is not the previous one multiplied by a number or by "
                       "a factor shown non-zero (it may still follow from it; that is not decided)")
    if not factor.free_symbols and not _plain_constant(factor):
        return unknown(f"the new equation is the previous one multiplied by {sp.sstr(factor)}, "
                       "a constant not shown to be non-zero and finite (log 2 + log 3 − log 6 "
                       "and an integral over a symmetric range are 0)")
    if factor.free_symbols:
        num, den = sp.fraction(sp.factor(factor))
        times = f"the new equation is the previous one multiplied by {sp.sstr(factor)}"
        vacuous = ""
        for f in _factors(den):  # c must be finite wherever the premise holds
            whole = not sp.cancel(old / f).free_symbols  # the premise says exactly f = 0
            if whole and _nonzero(f, claim):
                vacuous = (f"the previous equation says {sp.sstr(f)} = 0, which the conditions "
                           "exclude: it never holds, so anything follows from it")
            elif whole:
                return unknown(f"{times}, which is undefined exactly where the previous equation "
                               "holds: the new equation does not follow by scaling")
            elif not _nonzero(f, claim):
                return unknown(f"{times}, which is undefined where {sp.sstr(f)} = 0, and the "
                               "previous equation does not exclude that; if it is known that "
                               f"{sp.sstr(f)} ≠ 0, state it (\\quad ({sp.sstr(f)} \\neq 0))")
        if vacuous and premise.arrow == "⇔":  # the way back is not vacuous
            return unknown(f"{vacuous.split(':')[0]}; ⇒ holds vacuously, but ⇔ also needs the new "
                           "equation never to hold, which is not decided")
        if vacuous:
            return Result(Verdict.PROVED, Method.VACUOUS, time.perf_counter() - t0,
                          detail=vacuous, vacuous=True)
        if premise.arrow == "⇔":  # and non-zero, for the way back
            for f in _factors(num):
                if not _nonzero(f, claim):
                    return unknown(f"{times}; where {sp.sstr(f)} = 0 the new equation may hold "
                                   "without the previous one, so ⇔ is not shown (⇒ would be)")
    # the engine proves d_new = c·d_old itself: the division above only proposed c
    identity = replace(claim, lhs=new, rhs=sp.expand(factor * old), premise=None, readings=(),
                       hints=(), domain=premise.domain)
    result = check(identity, settings)
    if result.verdict is not Verdict.PROVED:
        return unknown("the new equation could not be shown to be the previous one multiplied "
                       f"by {sp.sstr(factor)} ({result.verdict.value})")
    how = _how(factor)
    if premise.via:  # (the previous equation times an inverse: model.Implications)
        how = f"the previous equation {premise.via}, then {how.removeprefix('the previous equation ')}"
    inverses = [r for r in premise.domain if has_opaque(r)]
    if inverses:  # where no inverse exists (a matrix of rank below its size), nothing follows
        how += ", where " + " and ".join(Condition(r).describe() for r in inverses)
    never = _never_holds(premise, claim)
    if never and premise.arrow == "⇔":  # the way back is not vacuous
        return unknown(f"{never}: ⇒ holds vacuously, but ⇔ also needs the new equation never "
                       "to hold, which is not decided")
    if never:  # the proof stands, but says nothing: the report must say so
        return replace(result, elapsed=time.perf_counter() - t0, method=Method.VACUOUS,
                       vacuous=True, detail=f"{how}; but {never}, so anything follows from it")
    return replace(result, elapsed=time.perf_counter() - t0,
                   detail="; ".join(x for x in (how, result.detail) if x))


def _linear_sums(e: sp.Expr) -> sp.Expr:
    """Each sum split into its terms, with what does not depend on its index taken out
    (Σ_i (x_i − μ) is Σ_i x_i − n μ): the same value, so that the previous equation and the
    new one are compared as polynomials in the same sums."""
    def split(s: sp.Sum) -> sp.Expr:
        if len(s.limits) != 1:
            return s
        k = s.limits[0][0]
        out = []
        for term in sp.Add.make_args(sp.expand(s.function)):
            c, rest = term.as_independent(k, as_Add=False)
            out.append(c * (sp.Sum(rest, *s.limits).doit() if not rest.has(k)
                            else sp.Sum(rest, *s.limits)))
        return sp.Add(*out)
    return sp.expand(e.replace(lambda a: isinstance(a, sp.Sum), split))


def _never_holds(premise: object, claim: Claim) -> str:
    """Why the previous equation holds nowhere (where its sides are defined, the hypotheses
    hold and its letters are what they are declared), or "" where that is not certain: its
    numerator a non-zero number (3x + 2 = 3x + 1), or a polynomial in one letter with no
    real root, or whose roots, all rational, each fail a condition ((x² − 1)/(x − 1) = 2: its
    only root x = 1 is where it is undefined). Exact arithmetic only."""
    try:
        num, den = sp.fraction(sp.together(premise.lhs - premise.rhs))  # type: ignore[attr-defined]
        num = sp.expand(num)
        if num.is_number:
            return "the previous equation never holds (it says 0 = a number that is not 0)" \
                if num != 0 and num.is_Rational else ""
        if len(num.free_symbols) != 1:
            return ""
        (x,) = num.free_symbols
        poly = sp.Poly(num, x)
        if not all(c.is_Rational for c in poly.coeffs()):
            return ""
        roots = set(poly.real_roots())
        if not roots:
            return f"the previous equation never holds (it has no real solution for {x})"
        if not all(r.is_Rational for r in roots):
            return ""
        conditions = [*premise.domain, *claim.domain,  # type: ignore[attr-defined]
                      *(h.relation for h in claim.given if isinstance(h, Condition))]
        for r in roots:
            if den.subs(x, r) == 0:
                continue
            if not takes_value(x, r):
                continue
            held = [c.subs(x, r) for c in conditions if c.free_symbols <= {x}]
            if any(h not in (sp.true, sp.false) for h in held):
                return ""  # (a condition not decided exactly: not certain)
            if all(h is sp.true for h in held):
                return ""  # a solution: the premise can hold
        shown = ", ".join(f"{x} = {r}" for r in sorted(roots))
        return (f"the previous equation holds only at {shown}, which its conditions exclude "
                "(a side undefined there, or a declaration or hypothesis)")
    except (sp.PolynomialError, sp.GeneratorsNeeded, ValueError, TypeError, NotImplementedError):
        return ""


def takes_value(x: sp.Symbol, value: sp.Rational) -> bool:
    """Whether the letter may take the value, as declared (positive, an integer …)."""
    tests = (("positive", value > 0), ("negative", value < 0), ("nonnegative", value >= 0),
             ("nonpositive", value <= 0), ("nonzero", value != 0), ("zero", value == 0),
             ("integer", value.is_integer))
    return all(bool(ok) for name, ok in tests if getattr(x, f"is_{name}") is True)


def _ratio(new: sp.Expr, old: sp.Expr) -> sp.Expr | None:
    """new / old in lowest terms (through exp for σ, tanh, sinh, cosh if that makes it a
    number)."""
    try:
        r = sp.cancel(sp.together(new / old))
        if r.free_symbols and (new.has(*EXP_FORMS) or old.has(*EXP_FORMS)):
            e_new, e_old = (x.rewrite(list(EXP_FORMS), sp.exp) for x in (new, old))
            through_exp = sp.cancel(sp.together(e_new / e_old))
            if not through_exp.free_symbols:
                return through_exp
        return r
    except (sp.PolynomialError, ValueError, TypeError):  # pragma: no cover - SymPy's limits
        return None


def _factor_at_sizes(claim: Claim, new: sp.Expr, old: sp.Expr) -> sp.Expr | None:
    """At a symbolic size, new / old as one number proposed from the sides written out at
    a few small sizes and index values, where they agree on it (sums in another order, or
    swapped, are not one quotient as written). Only proposed: the engine then proves new = c·old
    for every size, or the step stays unknown."""
    from checker.strategies.symbolic_n import dimensions, instances, instantiate, is_symbolic

    probe = replace(claim, lhs=new, rhs=old, premise=None, readings=(), hints=())
    if not is_symbolic(probe):
        return None
    seen: set[sp.Expr] = set()
    inverses = has_opaque(new) or has_opaque(old)
    for _, values in instances(probe, dimensions(probe)):
        try:
            at = instantiate(probe, values)
            a, b = (at.lhs, at.rhs) if inverses else (sp.expand(at.lhs), sp.expand(at.rhs))
        except (ValueError, TypeError):
            continue
        if inverses:  # (rational functions of the entries: their quotient at two points,
            r = _quotient_at_points(a, b)  # not cancelled whole, which takes seconds)
            if r is None:
                continue
        elif b == 0:
            continue
        else:
            r = sp.cancel(a / b)
        if not r.is_Rational or r == 0:
            return None
        seen.add(r)
        if len(seen) > 1:
            return None
    return next(iter(seen)) if seen else None


def _size_factor(e: sp.Expr) -> sp.Expr:
    """The factor in sizes (positive integers) that every term of ``e`` has (2/n in
    (2/n)·Σ…), or 1."""
    found = None
    for term in sp.Add.make_args(e):
        g = sp.Mul(*(f for f in sp.Mul.make_args(term) if f.free_symbols and all(
            x.is_integer and x.is_positive for x in f.free_symbols) and not f.has(sp.Sum)))
        if found is not None and g != found:
            return sp.Integer(1)
        found = g
    return found if found is not None else sp.Integer(1)


def _quotient_at_points(a: sp.Expr, b: sp.Expr) -> sp.Expr | None:
    """a / b at two points of small distinct rationals where b is not 0, where they agree
    (a proposal only: the engine proves new = c·old, or nothing follows); None otherwise."""
    names = sorted(a.free_symbols | b.free_symbols, key=sp.default_sort_key)
    found = []
    for shift in (3, 7):
        at = {x: sp.Rational(shift + 2 * k, shift + k + 1) for k, x in enumerate(names)}
        bv = b.xreplace(at)
        if not bv.is_number or bv == 0 or not bv.is_finite:
            return None
        found.append(a.xreplace(at) / bv)
    return found[0] if found[0] == found[1] else None


def _plain_constant(c: sp.Expr) -> bool:
    """c is a product of powers of non-zero rationals, π and e: certainly finite and non-zero,
    by its form (never by evaluating it)."""
    for f in sp.Mul.make_args(c):
        base, power = (f.base, f.exp) if isinstance(f, sp.Pow) else (f, sp.Integer(1))
        if isinstance(base, sp.exp):
            base, power = sp.E, base.args[0] * power
        if not power.is_Rational or not ((base.is_Rational and base != 0)
                                         or base in (sp.pi, sp.E)):
            return False
    return True


def _factors(e: sp.Expr) -> list[sp.Expr]:
    out = []
    for f in sp.Mul.make_args(e):
        base = f.base if isinstance(f, sp.Pow) and f.exp.is_Integer else f
        if not base.is_number:
            out.append(base)
        elif base == 0:  # pragma: no cover - a zero factor was refused before
            out.append(base)
    return out


def _nonzero(f: sp.Expr, claim: Claim) -> bool:
    """Is f certainly non-zero: by the assumptions of its symbols, or by a hypothesis
    (f > 0, f < 0, f ≠ 0 as written, or e^… and the like)?"""
    if f.is_nonzero:
        return True
    for h in claim.given:
        if not isinstance(h, Condition):
            continue
        r = h.relation
        if isinstance(r, sp.Ne | sp.StrictGreaterThan | sp.StrictLessThan):
            d = sp.expand(r.lhs - r.rhs)
            if d == 0:
                continue
            ratio = sp.cancel(f / d)
            if ratio.is_number and ratio != 0:  # f is a multiple of what the condition says
                return True
    return False


def _how(factor: sp.Expr) -> str:
    if factor == 1:
        return "the previous equation rearranged (terms moved between the sides)"
    if factor == -1:
        return "the previous equation rearranged (the sides swapped or terms moved)"
    if not factor.free_symbols:
        return f"the previous equation multiplied by {sp.sstr(factor)}"
    return f"the previous equation multiplied by {sp.sstr(factor)}, defined wherever it holds"
