"""Sums over the same range compared term by term.

Σ_k log x_k + Σ_k log w_k = Σ_k log(x_k w_k): when lhs − rhs is a linear combination
Σ_s c_s · Σ_{k=lo}^{hi} f_s(k) of sums (the c_s free of the sums), group the sums by their
range; if in every group Σ_s c_s f_s(k) = 0 for each k in lo…hi (a claim with k as one more
free index, decided by the method for symbolic sizes), every group sums to 0 and so does
lhs − rhs. The terms' identity may need what the normal form of sums cannot do (the laws of
logarithms where the terms are defined, square roots, cases of the index).

Nothing here refutes: a term that is not 0 does not make the sum non-zero.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import sympy as sp

from checker.inverse import OPAQUE, C, R
from checker.model import Claim, Index
from checker.results import Result, Verdict

MAX_DEPTH = 2  # sums inside the terms of sums
RULE = frozenset({R, C})  # the row and column of an inverse's matrix (checker.inverse)


def prove(claim: Claim, settings: object, check: Callable[[Claim, object], Result],
          depth: int = 0) -> Result | None:
    """A proof of the claim term by term, or None when it is not of this shape or a group's
    terms are not proved identical."""
    if depth >= MAX_DEPTH or isinstance(claim.lhs, sp.MatrixBase) \
            or isinstance(claim.rhs, sp.MatrixBase):
        return None
    diff = claim.lhs - claim.rhs
    if diff.has(sp.Derivative):  # ∂/∂x_j Σ f: the sum is not a term of its own there
        return None
    inverse = diff.has(*OPAQUE)  # (a sum of an inverse's matrix is not a term of the claim)
    sums = sorted({s for s in diff.atoms(sp.Sum) if len(s.limits) == 1 and not _inside_sum(s, diff)
                   and not (inverse and s.free_symbols & RULE)}, key=sp.default_sort_key)
    if not sums:
        return None
    marks = {s: sp.Dummy("S") for s in sums}
    flat = diff.xreplace(marks)
    if flat.atoms(sp.Sum):
        return None
    groups: dict[tuple[sp.Expr, sp.Expr], tuple[sp.Dummy, list[sp.Expr]]] = {}
    for s, a in marks.items():
        c = sp.diff(flat, a)
        if c.has(*marks.values()):
            return None  # not linear in the sums
        k, lo, hi = s.limits[0]
        index, terms = groups.setdefault((lo, hi), (sp.Dummy("k", integer=True), []))
        terms.append(c * s.function.xreplace({k: index}))
    rest = flat.xreplace({a: 0 for a in marks.values()})
    if sp.expand(rest) != 0:
        return None
    ranged = {((lo, hi),): ((index,), terms) for (lo, hi), (index, terms) in groups.items()}
    return _groups_proved(ranged, claim, settings, check, len(sums))


def prove_merged(diff: sp.Expr, known: dict[sp.Expr, sp.Expr], claim: Claim, settings: object,
                 check: Callable[[Claim, object], Result], depth: int = 0) -> Result | None:
    """A proof that ``diff`` (lhs − rhs in the normal form of sums, checker.strategies.
    symbolic_n, under the claim's hypotheses) is 0, term by term: each term c·Σ_{ranges} f
    (c free of the sum's indices, which it cannot bind; c may hold other sums) is one term of
    Σ_{ranges} c·f; the sums over the same ranges (their limits in a canonical order, which
    is free where no range depends on an index) are merged, and each merged sum is 0 where its
    terms cancel at every index. The terms with no sum must cancel too. ``known``: sums the
    hypotheses give a value (Σ_k y_k = 1), in the same normal form. Nothing refutes."""
    if depth >= MAX_DEPTH:
        return None
    diff = diff.xreplace(known)
    if diff.has(sp.Derivative):  # a sum inside a derivative is not a term of its own
        return None
    free = {ix.symbol for ix in claim.indices}
    groups: dict[tuple, tuple[tuple[sp.Dummy, ...], list[sp.Expr]]] = {}
    plain: list[sp.Expr] = []
    count = 0
    for term in _terms(diff):
        factors = list(sp.Mul.make_args(term))
        sums = sorted((f for f in factors if isinstance(f, sp.Sum)), key=sp.default_sort_key)
        if not sums:
            plain.append(term)
            continue
        s = sums[0]
        bound = {v for v, _, _ in s.limits}
        if any(bound & (lo.free_symbols | hi.free_symbols) for _, lo, hi in s.limits):
            return None  # a range that depends on an index: the order is not free
        limits = sorted(s.limits, key=lambda lim: sp.default_sort_key((lim[1], lim[2])))
        key = tuple((lo, hi) for _, lo, hi in limits)
        indices, terms = groups.setdefault(key, (tuple(sp.Dummy("k", integer=True)
                                                       for _ in key), []))
        factors.remove(s)
        if bound & sp.Mul(*factors).free_symbols:
            return None  # (a normal form never has the sum's index free beside it)
        rename = {v: d for (v, _, _), d in zip(limits, indices, strict=True)}
        terms.append(sp.Mul(*factors) * s.function.xreplace(rename))
        count += 1
    if not groups or any((lo.free_symbols | hi.free_symbols) & free
                         for key in groups for lo, hi in key):
        return None  # a range that depends on a free index
    plain = [t for t in plain if not _counted(t, groups)]
    if plain and check(replace(claim, lhs=sp.Add(*plain), rhs=sp.Integer(0)),
                       settings).verdict is not Verdict.PROVED:
        return None
    return _groups_proved(groups, claim, settings, check, count)


def _terms(e: sp.Expr) -> list[sp.Expr]:
    """e's terms with products distributed over sums of terms at every level above the sums
    (−(Σ_k a_k + Σ_k b_k)/m: two terms), never inside a sum's body."""
    out: list[sp.Expr] = []
    todo = [e]
    while todo:
        t = todo.pop()
        spread = sp.expand(t, deep=False, mul=True, multinomial=False, power_exp=False,
                           power_base=False, log=False)
        if spread.is_Add:
            todo.extend(spread.args)
        else:
            out.append(spread)
    return out


def _counted(term: sp.Expr, groups: dict) -> bool:
    """A term with no sum that is c times a group's count of terms (m = Σ_{k=1}^{m} 1, c free
    of m): moved into that group's sum as its term c (the normal form's ranges are not empty),
    so that m − Σ_k σ_k and Σ_k (1 − σ_k) meet. False where no one-range group counts it."""
    for key, (_, terms) in groups.items():
        if len(key) != 1:
            continue
        lo, hi = key[0]
        count = sp.expand(hi - lo + 1)
        if not count.free_symbols:
            continue
        c = sp.cancel(term / count)
        if not (c.free_symbols & count.free_symbols) and not c.has(sp.Sum):
            terms.append(c)
            return True
    return False


def _groups_proved(groups: dict, claim: Claim, settings: object,
                   check: Callable[[Claim, object], Result], count: int) -> Result | None:
    proofs: list[Result] = []
    for key, (indices, terms) in groups.items():
        ranges = tuple(Index(d, lo, hi) for d, (lo, hi) in zip(indices, key, strict=True))
        term = Claim(sp.Add(*terms), sp.Integer(0), claim.given,
                     indices=(*claim.indices, *ranges), lengths=claim.lengths,
                     domain=claim.domain)
        r = check(term, settings)
        if r.verdict is not Verdict.PROVED:
            return None
        proofs.append(r)
    first = proofs[0]
    bound = sum(p.failure_bound or 0.0 for p in proofs) if any(
        p.failure_bound is not None for p in proofs) else None
    detail = (f"term by term: the {count} sums over {len(groups)} range(s) have terms that "
              f"cancel at every index ({'; '.join(p.detail for p in proofs if p.detail)})")
    return replace(first, detail=detail, failure_bound=bound,
                   vacuous=all(p.vacuous for p in proofs))


def _inside_sum(s: sp.Sum, e: sp.Expr) -> bool:
    """Whether s occurs inside another sum of e (its index may be bound there)."""
    return any(s != t and t.has(s) for t in e.atoms(sp.Sum))
