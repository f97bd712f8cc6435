"""Sums over a symbolic bound, proved by induction on the bound.

Σ_{i=0}^{t−1} βⁱ = (1 − βᵗ)/(1 − β), Σ_{k=1}^{n} k = n(n + 1)/2, telescoping sums: let
S(n) = lhs − rhs, where n is the one dimension that sums run up to (upper bounds n + c,
lower bounds fixed numbers, bodies that do not involve n). Then

* base: S(n) = 0 at every n from the least admissible one up to the first n at which every
  sum has at least one term (written out term by term, decided by the ordinary engine);
* step: for larger n every sum loses exactly its last term f(n + c) from n to n − 1, so with
  the sums as symbols aⱼ, S(n) − S(n − 1) = F(a, n) − F(a − f(n + c), n − 1); if that is
  identically 0 (decided by the ordinary engine, with n a real variable, which is more than
  needed), S(n − 1) = 0 gives S(n) = 0.

Powers βⁿ with a positive base are read as e^(n·log β), so βⁿ and βⁿ⁻¹ are related; a base
of any other sign (1 − η, −1) relates its powers b^(n+c) through one new symbol b^(n+m), m the
least offset (whole powers only). A claim
this method does not cover, or whose step is not an identity, is left to the other methods
(instances at small n find counterexamples); nothing here refutes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import sympy as sp

from checker.model import Claim
from checker.results import Result, Verdict

MAX_BASE = 8  # instances checked before the step applies


def _sums(e: sp.Expr) -> set[sp.Sum]:
    return set(e.atoms(sp.Sum))


def _lower_bound(r: object, n: sp.Symbol) -> bool:
    """n ≥ c, n > c (or c ≤ n, c < n) for an integer c: what the least value of n says."""
    if not isinstance(r, (sp.Ge, sp.Gt, sp.Le, sp.Lt)):
        return False
    big, small = (r.lhs, r.rhs) if isinstance(r, (sp.Ge, sp.Gt)) else (r.rhs, r.lhs)
    return big == n and small.is_Integer


def _reversed(e: object, n: sp.Symbol) -> object:
    """Each sum whose body involves n through its distance from the top of the range
    (Σ_{i=1}^{t} β^{t−i}) written the other way round, k → lo + hi − k (a bijection of the
    range), where its body then does not (Σ_{i=1}^{t} β^{i−1}); the others as they are."""
    if not isinstance(e, sp.Basic) or isinstance(e, sp.MatrixBase) or not e.has(sp.Sum):
        return e

    def turn(s: sp.Sum) -> sp.Expr:
        if len(s.limits) != 1 or n not in s.function.free_symbols:
            return s
        k, lo, hi = s.limits[0]
        body = s.function.xreplace({k: lo + hi - k})
        return sp.Sum(body, (k, lo, hi)) if n not in sp.expand(body).free_symbols else s

    return e.replace(lambda a: isinstance(a, sp.Sum), turn)


def _numerator(claim: Claim, n: sp.Symbol) -> Claim:
    """lhs − rhs = N/D with D free of sums (E[m_t]/(1 − β^t) = μ): the claim N = 0, whose
    step is linear in the sums where the quotient's is not; it implies the claim wherever
    that is defined (D ≠ 0 there), so the conditions about n that only the quotient needs are
    not asked of it (N = 0 is proved for every n, a stronger claim). The claim as it is where
    there is no such D."""
    if isinstance(claim.lhs, sp.MatrixBase) or isinstance(claim.rhs, sp.MatrixBase):
        return claim
    num, den = sp.fraction(sp.together(claim.lhs - claim.rhs))
    if den == 1 or den.has(sp.Sum) or not num.has(sp.Sum):
        return claim
    return replace(claim, lhs=sp.expand(num), rhs=sp.Integer(0),
                   domain=tuple(r for r in claim.domain if n not in getattr(r, "free_symbols", ())))


def _shape(claim: Claim, n: sp.Symbol) -> tuple[list[tuple[sp.Sum, sp.Expr, int, int]], int] | None:
    """[(sum, body at its last term, c, lower bound)] and the first n where all are non-empty,
    or None when the claim is not of the shape above."""
    if claim.indices or isinstance(claim.lhs, sp.MatrixBase) or isinstance(claim.rhs, sp.MatrixBase):
        return None
    if claim.lhs.has(sp.Product) or claim.rhs.has(sp.Product):
        return None  # (S(n) − S(n − 1) is read for sums only: a product's step is not)
    # a hypothesis or domain condition about n (c = n, c = Σ_{k≤n} 1) holds at n, not at
    # n − 1 with the same c: the step from S(n − 1) would use it where it does not hold
    for h in (*claim.given, *claim.domain):
        if _lower_bound(getattr(h, "relation", h), n):
            continue  # n ≥ 2: the base is taken there (`least`), and it holds at n − 1 ≥ least
        exprs = [getattr(h, a) for a in ("lhs", "rhs", "relation") if hasattr(h, a)] \
            if not isinstance(h, sp.Basic) else [h]
        if any(isinstance(e, sp.Basic) and (n in e.free_symbols or e.has(sp.Sum))
               for e in exprs):
            return None
    found = []
    start = None
    for s in _sums(claim.lhs) | _sums(claim.rhs):
        if len(s.limits) != 1 or s.function.has(sp.Indexed, sp.Sum) or n in s.function.free_symbols:
            return None
        k, lo, hi = s.limits[0]
        c = sp.expand(hi - n)
        if not (lo.is_Integer and c.is_Integer):
            return None
        found.append((s, s.function.xreplace({k: n + c}), int(c), int(lo)))
        first = int(lo) - int(c)  # the n at which the sum has one term
        start = first if start is None else max(start, first)
    if not found:
        return None
    return found, start  # type: ignore[return-value]


def _through_exp(e: sp.Expr, n: sp.Symbol) -> sp.Expr:
    """βⁿ⁺ᶜ → e^((n + c)·log β) for a positive β, so that powers of n relate."""
    return e.replace(lambda p: p.is_Pow and n in p.exp.free_symbols and p.base.is_positive,
                     lambda p: sp.exp(p.exp * sp.log(p.base)))


def _powers_related(e: sp.Expr, n: sp.Symbol, first: int) -> sp.Expr:
    """b^(n + c) of any base b free of n (1 − η, −1, a symbol of unknown sign), c a whole
    number: each as b^(c − m)·P with P = b^(n + m) one new symbol per base, m the least c, so
    b^n and b^(n−1) relate for every n ≥ first where n + m ≥ 0 (b^j·b^k = b^(j+k) for whole
    j, k ≥ 0, 0⁰ = 1 included). Exponents of another form (2n) are left alone."""
    by_base: dict[sp.Expr, list[tuple[sp.Pow, int]]] = {}
    for p in e.atoms(sp.Pow):
        if n not in p.exp.free_symbols or n in p.base.free_symbols:
            continue
        c = sp.expand(p.exp - n)
        if not c.is_Integer:
            return e
        by_base.setdefault(p.base, []).append((p, int(c)))
    subs: dict[sp.Expr, sp.Expr] = {}
    for base, powers in by_base.items():
        m = min(c for _, c in powers)
        if first + m < 0:
            return e
        power = sp.Dummy(f"({base})^({n}{m:+d})")
        subs.update({p: base ** (c - m) * power for p, c in powers})
    return e.xreplace(subs) if subs else e


def prove(claim: Claim, n: sp.Symbol, least: int, settings: object,
          decide: Callable[[Claim, object], Result],
          instantiate: Callable[[Claim, dict[sp.Symbol, int]], Claim]) -> Result | None:
    """A proof for every n ≥ least, or None (this method does not apply or did not prove):
    of the claim with its sums from the top written the other way round, or else of its
    numerator (a quotient's step is not linear in its sums)."""
    claim = replace(claim, lhs=_reversed(claim.lhs, n), rhs=_reversed(claim.rhs, n))
    found = _by_induction(claim, n, least, settings, decide, instantiate)
    if found is not None and found.verdict is Verdict.PROVED:
        return found
    numerator = _numerator(claim, n)
    if numerator is claim:
        return found
    return _by_induction(numerator, n, least, settings, decide, instantiate) or found


def _by_induction(claim: Claim, n: sp.Symbol, least: int, settings: object,
                  decide: Callable[[Claim, object], Result],
                  instantiate: Callable[[Claim, dict[sp.Symbol, int]], Claim]) -> Result | None:
    shape = _shape(claim, n)
    if shape is None:
        return None
    found, start = shape
    if start - least > MAX_BASE:
        return None
    base_results = []
    for value in range(least, max(start, least) + 1):  # S(n) = 0 where sums may be empty
        try:
            inst = instantiate(claim, {n: value})
        except (ValueError, TypeError):
            return None
        r = decide(inst, settings)
        if r.verdict is not Verdict.PROVED:
            return None
        base_results.append(r)
    symbols = {s: sp.Dummy(f"Σ{i}") for i, (s, _, _, _) in enumerate(found)}
    # S(n), with each sum a symbol (before anything is expanded: expanding splits a sum's
    # body into sums that are not the ones found), and S(n − 1), its sums the same sums
    # minus their last terms
    difference = claim.lhs - claim.rhs
    now = sp.expand(difference.xreplace(symbols))
    step_before = sp.expand(difference.xreplace({n: n - 1}).xreplace(
        {s.xreplace({n: n - 1}): symbols[s] - last for s, last, _, _ in found}))
    step = now - step_before
    first_step = max(start, least) + 1
    step = _powers_related(_through_exp(step, n), n, first_step)
    r = decide(Claim(step, sp.Integer(0), claim.given, domain=claim.domain), settings)
    if r.verdict is not Verdict.PROVED:
        return None
    return Result(Verdict.PROVED, r.method, r.elapsed + sum(b.elapsed for b in base_results),
                  detail=(f"by induction on {n}: checked at {n} = {least}"
                          + (f"…{first_step - 1}" if first_step - 1 > least else "")
                          + f", and each sum's last term accounts for the step from {n} − 1 "
                            f"to {n} (for {n} ≥ {first_step})"),
                  failure_bound=r.failure_bound, seed=r.seed, scope=f"all {n} ≥ {least}")
