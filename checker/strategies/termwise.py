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

from checker.model import Claim, Index
from checker.results import Result, Verdict

MAX_DEPTH = 2  # sums inside the terms of sums


def prove(claim: Claim, settings: object, check: Callable[[Claim, object], Result],
          depth: int = 0) -> Result | None:
    """A proof of the claim term by term, or None when it is not of this shape or a group's
    terms are not proved identical."""
    if depth >= MAX_DEPTH or isinstance(claim.lhs, sp.MatrixBase) \
            or isinstance(claim.rhs, sp.MatrixBase):
        return None
    diff = claim.lhs - claim.rhs
    sums = sorted({s for s in diff.atoms(sp.Sum) if len(s.limits) == 1 and not _inside_sum(s, diff)},
                  key=sp.default_sort_key)
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
    proofs: list[Result] = []
    for (lo, hi), (index, terms) in groups.items():
        term = Claim(sp.Add(*terms), sp.Integer(0), claim.given, indices=(*claim.indices,
                     Index(index, lo, hi)), lengths=claim.lengths, domain=claim.domain)
        r = check(term, settings)
        if r.verdict is not Verdict.PROVED:
            return None
        proofs.append(r)
    first = proofs[0]
    bound = sum(p.failure_bound or 0.0 for p in proofs) if any(
        p.failure_bound is not None for p in proofs) else None
    detail = (f"term by term: the {len(sums)} sums over {len(groups)} range(s) have terms that "
              f"cancel at every index ({'; '.join(p.detail for p in proofs if p.detail)})")
    return replace(first, detail=detail, failure_bound=bound,
                   vacuous=all(p.vacuous for p in proofs))


def _inside_sum(s: sp.Sum, e: sp.Expr) -> bool:
    """Whether s occurs inside another sum of e (its index may be bound there)."""
    return any(s != t and t.has(s) for t in e.atoms(sp.Sum))
