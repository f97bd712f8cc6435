"""How the bound indices of a value are named where it is shown (a report's "read as", a
diagnosis's corrected line).

The reader binds a sum's index k as a Dummy, so that it can never capture a k of the file; two
sums may both bind a k. Shown, each is k, or k′, k″ … where another name in the expression (or
another sum's k) is already called k, so that two indices never print alike (a line printed
with two k's would mean the diagonal, not the double sum that was proved).
"""

from __future__ import annotations

import sympy as sp


def index_names(e: sp.Basic, prime: str = "′") -> dict[sp.Dummy, str]:
    """A name for each Dummy that a sum or an integral of ``e`` binds: outer sums first."""
    taken = {s.name for s in e.atoms(sp.Symbol) if not isinstance(s, sp.Dummy)}
    renames: dict[sp.Dummy, str] = {}
    for node in sp.preorder_traversal(e):
        if isinstance(node, sp.Sum | sp.Product | sp.Integral):
            for k, *_ in node.limits:
                if isinstance(k, sp.Dummy) and k not in renames:
                    name = k.name
                    while name in taken:
                        name += prime
                    taken.add(name)
                    renames[k] = name
    for k in sorted(e.free_symbols, key=str):  # an entry's own index (E[r ⊙ x]'s i): its name
        if isinstance(k, sp.Dummy) and k.is_integer and k not in renames:
            name = k.name
            while name in taken:
                name += prime
            taken.add(name)
            renames[k] = name
    return renames
