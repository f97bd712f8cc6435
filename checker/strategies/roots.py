"""Square roots and fractional powers, made rational by a change of variables.

A root atom u^(p/q) (√(σ² + ε), (v̂)^(−1/2), (x² + 1)^(3/2) …) is one new symbol s ≥ 0 with
s^Q = u, Q the least common multiple of the denominators of u's exponents, so that
u^(p/q) = s^(pQ/q) exactly, and every root of the same u is a power of the same s. The
relation s^Q = u is the hypothesis ``Equation(u, s^Q)``, which the engine applies by
eliminating a variable that occurs linearly in u (ε = s² − σ², v̂ = s², x = s² …): the
claim becomes a claim about rational functions of s and the other variables, which the
engine decides exactly.

Sound: every value of u ≥ 0 (u > 0 where a negative power occurs) is s^Q for exactly one
s ≥ 0, so the claim over s covers every point where the original is defined; the eliminated
variable's own assumptions (ε > 0) become conditions, so a counterexample satisfies them
and maps back to a point of the original claim (the eliminated variable computed from s).
Where no variable occurs linearly in u (‖x‖ = √(x₁² + x₂²)), the root stays one opaque
atom, as before (sound, but relations such as s² = u are then not used).
"""

from __future__ import annotations

from dataclasses import replace
from math import lcm

import sympy as sp

from checker.dag import find
from checker.model import Claim, Equation
from checker.strategies.prepare import ClaimError, _eliminate, expand_definitions


def _is_root(e: sp.Basic) -> bool:
    return e.is_Pow and e.exp.is_Rational and not e.exp.is_Integer and not e.base.is_number


def _root_atoms(powers: set[sp.Basic]) -> dict[sp.Expr, int]:
    """base → the lcm of the denominators of its non-integer rational exponents."""
    out: dict[sp.Expr, int] = {}
    for p in powers:
        out[p.base] = lcm(out.get(p.base, 1), int(p.exp.q))
    return out


def rationalize(claim: Claim) -> Claim | None:
    """The claim with its roots replaced by new symbols and the relations as hypotheses, or
    None when it has no root that can be made rational this way."""
    entries = claim.entries
    if not find(entries, _is_root):  # one pass over the shared DAG, not a tree walk
        return None
    expanded = [expand_definitions(e) for e in entries]  # derivatives first: d/dx √u
    # (u^k)^(p/q) = u^(kp/q) for an odd integer k: √(1/u) is a power of the same root as √u
    # (where u < 0 both sides are undefined); for an even k only where u ≥ 0 is known
    # (√(u²) is |u|, not u: √((log x)²) for x < 1)
    nested = find(expanded, lambda e: _is_root(e) and e.base.is_Pow and e.base.exp.is_Integer
                  and (e.base.exp % 2 == 1 or e.base.base.is_nonnegative is True))
    if nested:
        flat = {p: p.base.base ** (p.base.exp * p.exp) for p in nested}
        expanded = [e.xreplace(flat) for e in expanded]
    powers = find(expanded, _is_root)
    roots = _root_atoms(powers)
    subs: dict[sp.Expr, sp.Expr] = {}
    given = list(claim.given)
    for base, q in sorted(roots.items(), key=lambda kv: sp.default_sort_key(kv[0])):
        if any(b != base and base.has(b) for b in roots):  # nested: do the inner one first
            continue
        negative = any(p.base == base and p.exp.is_negative for p in powers)
        # a name no user symbol can have (√ is not allowed in names), shown in counterexamples
        name = f"√({sp.sstr(base)})" if q == 2 else f"({sp.sstr(base)})^(1/{q})"
        s = sp.Symbol(name, positive=True) if negative else sp.Symbol(name, nonnegative=True)
        relation = Equation(base, s**q)
        try:
            _eliminate(relation, {})
        except ClaimError:
            continue  # no variable occurs linearly in u: keep the root as an atom
        subs.update({p: s ** (p.exp * q) for p in powers if p.base == base})
        given.append(relation)
    if not subs:
        return None
    values = iter([e.xreplace(subs) for e in expanded])

    def side(v: object) -> object:
        if isinstance(v, sp.MatrixBase):
            return sp.ImmutableMatrix(v.shape[0], v.shape[1], [next(values) for _ in range(len(v))])
        return next(values)

    lhs, rhs = side(claim.lhs), side(claim.rhs)
    return replace(claim, lhs=lhs, rhs=rhs, given=tuple(given))
