"""Identities of logarithms, decided through exp: for real f and g, f = g exactly when
e^f = e^g (exp is one-to-one on ℝ).

The difference of the two sides is written as Σ cᵢ·log(uᵢ) + R with rational cᵢ and R free
of top-level logs (logs inside other functions stay in R as they are). Where every uᵢ > 0
(where the logs are defined), exp of the difference is Π uᵢ^cᵢ · e^R, so the claim is
equivalent there to

    Π uᵢ^cᵢ = e^(−R)        given every uᵢ > 0,

a claim about exp and rational functions (roots where a cᵢ is not an integer), which the
engine decides exactly: log σ(x) = x − log(1 + eˣ) becomes σ(x)·(1 + eˣ) = eˣ. A proof of
it proves the original wherever both sides are defined; a counterexample to it satisfies
uᵢ > 0, so the original's two sides are defined there and differ.
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from checker.model import Claim, Condition
from checker.strategies.prepare import expand_definitions


def _is_log(f: sp.Expr) -> bool:
    return isinstance(f, sp.log) or (isinstance(f, sp.Pow) and isinstance(f.base, sp.log))


def _split(d: sp.Expr) -> tuple[list[tuple[sp.Expr, sp.Expr]], sp.Expr] | None:
    """d as ([(cᵢ, uᵢ)], R), or None when a log occurs other than as c·log(u) with c free of
    logs (a number, or a real expression such as y in y·log σ(z): e^(y·log u) = u^y)."""
    logs: list[tuple[sp.Expr, sp.Expr]] = []
    rest = []
    for term in sp.Add.make_args(sp.expand_mul(d)):
        factors = sp.Mul.make_args(term)
        found = [f for f in factors if isinstance(f, sp.log)]
        if not found:
            if any(_is_log(f) for f in factors):
                return None  # log(u)²: not linear in the logs
            rest.append(term)
            continue
        c = sp.Mul(*[f for f in factors if f is not found[0]])
        if len(found) > 1 or any(_is_log(f) for f in sp.Mul.make_args(c)) \
                or c.has(sp.Derivative) or c.is_real is False:
            return None  # log(u)·log(v), log(u)²·x: not linear in the logs
        logs.append((c, found[0].args[0]))
    if not logs:
        return None
    return logs, sp.Add(*rest)


def exponentiate(claim: Claim) -> Claim | None:
    """The equivalent claim through exp (see the module docstring), or None."""
    if isinstance(claim.lhs, sp.MatrixBase) or isinstance(claim.rhs, sp.MatrixBase):
        return None
    d = claim.lhs - claim.rhs
    if d.has(sp.Derivative):  # H'(p) = log((1 − p)/p): the derivative taken first, as always
        d = expand_definitions(d)
    if not d.has(sp.log) or d.has(sp.Derivative):
        return None
    found = _split(d)
    if found is None:
        return None
    logs, rest = found
    if rest.has(sp.log) and any(isinstance(a, sp.log) for a in sp.Add.make_args(rest)):
        return None  # pragma: no cover - _split took every top-level log
    if rest.is_rational_function():  # (−p)/p + (p − 1)/(1 − p) + 1: one exp of 0, not an
        rest = sp.cancel(rest)        # atom of its own
    product = sp.Mul(*[u ** c for c, u in logs])
    if not all(c.is_Rational for c, _ in logs):  # u^y·u^(1−y)/u: one power (u > 0 below)
        product = sp.powsimp(product, combine="exp")
    given = list(claim.given) + [Condition(sp.StrictGreaterThan(u, 0)) for _, u in logs
                                 if u.is_positive is not True]
    return replace(claim, lhs=product, rhs=sp.exp(-rest), given=tuple(given))
