"""Claims about a function the file declares arbitrary, refuted by one function.

``f = "arbitrary"`` or ``"L(y)" = "arbitrary"`` says nothing is assumed of the function, so a
claim about it is meant for every function: the engine proves it with the function's values
and derivatives as independent symbols, and one function for which it is false refutes it.
That function is a polynomial with small integer coefficients (from the run's seed), of the
degree of the highest derivative the claim takes (so its values and derivatives at any one
point can be anything); put in for the function, it leaves a claim without arbitrary
functions, which the engine refutes with a certified counterexample as any other, or not (then
nothing is said). The counterexample carries the polynomial, and its point is a point of the
claim with the polynomial put in.

A letter the reader took for a function (``g(z)`` with g not declared) is not declared, and a
claim about it is never refuted: the author may mean one function that the page does not write.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from itertools import combinations_with_replacement
from typing import TYPE_CHECKING

import sympy as sp
from sympy.core.function import AppliedUndef

from checker.model import Claim, Condition, Equation
from checker.results import Result, Verdict

if TYPE_CHECKING:
    from checker.engine import Settings

MAX_TERMS = 600  # a polynomial larger than this (many arguments, high order) is not tried
EXTRA_DEGREES = (0, 2)  # the tries: the derivatives' degree, then two more


def _functions(claim: Claim) -> dict[type, int] | None:
    """Each arbitrary function of the claim and its number of arguments, where every one is
    declared and applied to one number of arguments; else None."""
    found: dict[type, set[int]] = {}
    for e in claim.entries:
        for a in e.atoms(AppliedUndef):
            found.setdefault(type(a), set()).add(len(a.args))
    if not found or not all(getattr(f, "declared", False) and len(n) == 1
                            for f, n in found.items()):
        return None
    return {f: next(iter(n)) for f, n in found.items()}


def declared(claim: Claim) -> bool:
    """Whether every arbitrary function of the claim is one the file declares."""
    return bool(claim.entries) and all(
        getattr(type(a), "declared", False) for e in claim.entries for a in e.atoms(AppliedUndef))


def _mentions(h: object) -> bool:
    """A hypothesis about an arbitrary function (then no function is put in)."""
    exprs = (h.lhs, h.rhs) if isinstance(h, Equation) else (
        (h.relation,) if isinstance(h, Condition) else ())
    return any(e.has(AppliedUndef) for e in exprs)


def _order(claim: Claim, f: type) -> int:
    """The highest order of derivative the claim takes of anything that applies f (0: only
    its values): d²/dx² f(g(x)) takes g″ too."""
    orders = [d.derivative_count for e in claim.entries for d in e.atoms(sp.Derivative)
              if d.expr.has(f)]
    return max(orders, default=0)


def _polynomial(n: int, degree: int, rng: random.Random) -> sp.Lambda | None:
    """Small integer coefficients from the seed, of this degree or the largest below it
    with at most MAX_TERMS terms (None if not even a linear one fits)."""
    ts = sp.symbols(f"ξ1:{n + 1}" if n > 1 else "ξ", real=True, seq=True)  # (not a file's name)
    monomials = [sp.Integer(1)]
    for d in range(1, degree + 1):
        more = [sp.Mul(*c) for c in combinations_with_replacement(ts, d)]
        if len(monomials) + len(more) > MAX_TERMS:
            if d == 1:
                return None
            break
        monomials.extend(more)
    body = sp.Add(*(rng.choice((-3, -2, -1, 1, 2, 3)) * m for m in monomials))
    return sp.Lambda(tuple(ts), body)


def put(v: object, witness: list[tuple[type, sp.Lambda]]) -> object:
    """v with each function of the witness put in for the arbitrary one."""
    if isinstance(v, sp.MatrixBase):
        return v.applyfunc(lambda e: put(e, witness)).as_immutable()
    for f, lam in witness:
        v = v.replace(f, lam)  # type: ignore[attr-defined]
    # L′ at a point, Subs(d/dξ poly(ξ), ξ, u): the polynomial's derivative there, so that no
    # bound ξ is left for a counterexample to name
    return v.replace(lambda n: isinstance(n, sp.Subs)  # type: ignore[attr-defined]
                     and n.expr.free_symbols <= set(n.variables), lambda n: n.doit())


def refute(claim: Claim, settings: Settings,
           check: Callable[[Claim, Settings], Result]) -> Result | None:
    """A refutation of ``claim`` by one polynomial for each declared arbitrary function, or
    None (not every function declared, none found)."""
    functions = _functions(claim)
    if functions is None or any(_mentions(h) for h in claim.given):
        return None
    rng = random.Random(settings.seed)
    for extra in EXTRA_DEGREES:  # a degree above the derivatives taken: f(x + 1) − f(x) = f′(x)
        witness = []             # holds for every linear f, and f's second difference = f″
        for f, n in sorted(functions.items(), key=lambda fn: fn[0].__name__):  # for cubics
            lam = _polynomial(n, max(1, _order(claim, f)) + extra, rng)
            if lam is None:
                return None
            witness.append((f, lam))
        # the domain too (log L(x) needs L(x) > 0); an equation that may be a premise is the
        # caller's to weigh
        concrete = replace(claim, lhs=put(claim.lhs, witness), rhs=put(claim.rhs, witness),
                           readings=(), hints=(), or_premise="",
                           domain=tuple(put(r, witness) for r in claim.domain))
        result = check(concrete, settings)
        if result.verdict is Verdict.REFUTED and result.counterexample is not None:
            names = " and ".join(f.__name__ for f, _ in witness)
            verb = "is" if len(witness) == 1 else "are"
            shown = "; ".join(f"{fn} = {body}" for fn, body in
                              replace(result.counterexample, witness=tuple(witness)).functions())
            return replace(result, counterexample=replace(result.counterexample,
                                                          witness=tuple(witness)),
                           detail="; ".join(x for x in (
                               f"{names} {verb} declared arbitrary (nothing is assumed of "
                               f"{'it' if verb == 'is' else 'them'}), so the claim is meant for "
                               f"every {names}; it is false for {shown}",
                               result.detail) if x))
    return None
