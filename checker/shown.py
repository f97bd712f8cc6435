"""How the bound indices of a value are named where it is shown (a report's "read as", a
diagnosis's corrected line).

The reader binds a sum's index k as a Dummy, so that it can never capture a k of the file; two
sums may both bind a k. Shown, each is k, or k′, k″ … where another name in the expression (or
another sum's k) is already called k, so that two indices never print alike (a line printed
with two k's would mean the diagonal, not the double sum that was proved).
"""

from __future__ import annotations

import sympy as sp
from sympy.printing.str import StrPrinter


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
    # an entry's own index (E[r ⊙ x]'s i), then any other (∂/∂w_i's i): its name
    rest = sorted((k for k in _free_dummies(e) if k.is_integer), key=str) \
        + sorted(e.atoms(sp.Dummy), key=str)
    for k in rest:
        if k not in renames:
            name = k.name
            while name in taken:
                name += prime
            taken.add(name)
            renames[k] = name
    return renames


def _free_dummies(e: sp.Basic) -> set[sp.Dummy]:
    """The Dummies of ``e`` that no sum, product or integral around them binds (SymPy's
    free_symbols of a sum renames its bound variables through the whole body: in the parent
    process, which reads every result anew, that was most of a report's time)."""
    out: set[sp.Dummy] = set()
    seen: set[tuple[int, frozenset]] = set()
    stack: list[tuple[sp.Basic, frozenset]] = [(e, frozenset())]
    while stack:
        node, bound = stack.pop()
        if (id(node), bound) in seen:
            continue
        seen.add((id(node), bound))
        if isinstance(node, sp.Dummy):
            if node not in bound:
                out.add(node)
        elif isinstance(node, sp.Sum | sp.Product | sp.Integral):
            inner = bound | {lim[0] for lim in node.limits}
            stack.append((node.function, inner))
            for k, lim in enumerate(node.limits):  # a bound may use the variables before it
                stack.extend((x, bound | {v[0] for v in node.limits[:k]}) for x in lim[1:])
        else:
            stack.extend((a, bound) for a in node.args)
    return out


class _IndexNotation(StrPrinter):
    """One-line index notation: x_i, Σ_{k=1}^{n} (…), δ(i, j), ∂/∂x_j (…), ∫_{a}^{b} … dt."""

    printmethod = "_index_notation"  # not Indexed's own _sympystr (which prints x[i])

    def __init__(self, names: dict[sp.Dummy, str] | None = None) -> None:
        super().__init__()
        self.names = names or {}

    def _print_Dummy(self, e: sp.Dummy) -> str:
        return self.names.get(e) or super()._print_Dummy(e)

    def _print_Indexed(self, e: sp.Indexed) -> str:
        shown = ",".join(self._print(i) for i in e.indices)
        # x_k, x_{k+1}: braces round an index that is not one symbol or number
        plain = all(isinstance(i, sp.Symbol | sp.Integer) for i in e.indices)
        return f"{self._print(e.base)}_{shown if plain else '{' + shown + '}'}"

    def _print_IndexedBase(self, e: sp.IndexedBase) -> str:
        return self._print(e.label)

    def _print_Sum(self, e: sp.Sum | sp.Product) -> str:
        # Bracketed as a whole, so (Σ …)**2 and Σ … / y cannot be misread.
        out = self._print(e.function)
        if e.function.is_Add:
            out = f"({out})"
        sign = "∏" if isinstance(e, sp.Product) else "Σ"
        for k, lo, hi in e.limits:  # innermost first
            out = f"({sign}_{{{self._print(k)}={self._print(lo)}}}^{{{self._print(hi)}}} {out})"
        return out

    _print_Product = _print_Sum

    def _print_Integral(self, e: sp.Integral) -> str:
        out = self._print(e.function)
        for t, lo, hi in e.limits:
            out = f"(∫_{{{self._print(lo)}}}^{{{self._print(hi)}}} {out} d{self._print(t)})"
        return out

    def _print_Infinity(self, e: object) -> str:
        return "∞"

    def _print_NegativeInfinity(self, e: object) -> str:
        return "-∞"

    def _print_KroneckerDelta(self, e: sp.KroneckerDelta) -> str:
        return f"δ({self._print(e.args[0])}, {self._print(e.args[1])})"

    def _print_Derivative(self, e: sp.Derivative) -> str:
        wrt = "".join(f"∂{self._print(v)}" + (f"^{n}" if n > 1 else "") for v, n in e.variable_count)
        return f"∂/{wrt} ({self._print(e.expr)})"


def index_notation(e: object) -> str:
    """``e`` in one line of index notation, its bound indices named as written (k, k′ …)."""
    return _IndexNotation(index_names(e) if isinstance(e, sp.Basic) else None).doprint(e)
