"""Factorials of one quantity at shifted arguments, written through the smallest of them.

``(n + 2)!`` and ``n!`` in one claim are two atoms to the rewriter, which knows nothing of
how they relate, so ``(n + 2)! = (n + 2)(n + 1)\\,n!`` could not be proved. Here every
factorial of ``a + c`` (``c`` an integer) becomes the factorial of ``a + m``, ``m`` the
smallest such ``c`` in the claim, times ``(a + m + 1)⋯(a + c)``: an identity wherever
``(a + m)!`` is defined, which is the claim's domain (the reader requires ``a + m ≥ 0`` and a
whole number where it reads ``(a + m)!``). A shift larger than :data:`MAX_SHIFT` is left as
an atom of its own (the rewrite then proves less, never more).
"""

from __future__ import annotations

from collections import defaultdict

import sympy as sp

MAX_SHIFT = 64


def _split(arg: sp.Expr) -> tuple[sp.Expr, int] | None:
    c, rest = arg.as_coeff_Add()
    if not (c.is_Integer or c == 0):
        return None
    return rest, int(c)


def shifted(exprs: list[sp.Expr]) -> list[sp.Expr]:
    """The expressions with their factorials written through the smallest shift of each
    quantity (see the module docstring); unchanged where there is nothing to relate."""
    atoms: set[sp.Basic] = set()
    for e in exprs:
        atoms |= e.atoms(sp.factorial)
    groups: dict[sp.Expr, list[tuple[int, sp.Basic]]] = defaultdict(list)
    for f in atoms:
        split = _split(f.args[0])
        if split is not None:
            groups[split[0]].append((split[1], f))
    swap: dict[sp.Basic, sp.Expr] = {}
    for rest, members in groups.items():
        low = min(c for c, _ in members)
        for c, f in members:
            if c != low and c - low <= MAX_SHIFT:
                swap[f] = sp.factorial(rest + low) * sp.Mul(*(rest + j
                                                              for j in range(low + 1, c + 1)))
    if not swap:
        return exprs
    return [e.xreplace(swap) for e in exprs]
