"""A line's value at every value of its free indices over explicit lengths.

A document that declares ``vectors = { z = 3 }`` and writes ∂ŷ_i/∂z_j states the line for
every i and j in 1…3. The reader (checker.parse.readings) reads the line once at each value of
the indices, where every entry, sum and derivative is an explicit one, and keeps the values in
a :class:`Table`: ``Table((i, j), (3, 3), (v11, v12, …, v33))`` is v_ij, and becomes that value
as soon as i and j are numbers. The engine (checker.strategies.explicit_indices) decides a
claim with tables one value of the indices at a time."""

from __future__ import annotations

import itertools

import sympy as sp
from sympy.core.logic import fuzzy_and


class Table(sp.Function):
    """v at the indices ``at`` (symbols) over ``shape`` (1…n each), row-major in ``values``."""

    nargs = 3

    @classmethod
    def eval(cls, at: sp.Tuple, shape: sp.Tuple, values: sp.Tuple) -> sp.Expr | None:
        if all(a.is_Integer for a in at):
            k = 0
            for a, n in zip(at, shape, strict=True):
                if not 1 <= int(a) <= int(n):
                    raise ValueError(f"index {a} outside 1…{n}")
                k = k * int(n) + int(a) - 1
            return values[k]
        if len(set(values)) == 1:
            return values[0]  # the same at every value of the indices
        return None

    @property
    def at(self) -> tuple[sp.Symbol, ...]:
        return tuple(self.args[0])

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(int(n) for n in self.args[1])

    def _eval_is_real(self) -> bool | None:
        return fuzzy_and(v.is_real for v in self.args[2])

    def _eval_derivative(self, s: sp.Symbol) -> sp.Expr:
        return Table(self.args[0], self.args[1], sp.Tuple(*(sp.diff(v, s) for v in self.args[2])))

    def _head(self) -> str:
        names = ", ".join(str(a) for a in self.at)
        ranges = ", ".join(f"1…{n}" for n in self.shape)
        return f"⟨{names} = {ranges}{' row by row' if len(self.at) > 1 else ''}: "

    def _sympystr(self, printer: object) -> str:
        values = ", ".join(printer._print(v) for v in self.args[2])  # type: ignore[attr-defined]
        return f"{self._head()}{values}⟩"

    def _latex(self, printer: object) -> str:
        names = ", ".join(printer._print(a) for a in self.at)  # type: ignore[attr-defined]
        ranges = ", ".join(f"1 \\ldots {n}" for n in self.shape)
        values = ", ".join(printer._print(v) for v in self.args[2])  # type: ignore[attr-defined]
        how = " \\text{ row by row}" if len(self.at) > 1 else ""
        return f"\\left\\langle {names} = {ranges}{how}: {values} \\right\\rangle"

    def _pretty(self, printer: object) -> object:
        from sympy.printing.pretty.stringpict import prettyForm, stringPict

        parts = [prettyForm(self._head())]
        for k, v in enumerate(self.args[2]):
            parts += [prettyForm(", ")] if k else []
            parts.append(printer._print(v))  # type: ignore[attr-defined]
        return prettyForm(*stringPict.next(*parts, prettyForm("⟩")))


def assignments(at: tuple[sp.Symbol, ...], shape: tuple[int, ...]) -> list[dict]:
    """Every value of the indices, in the order of a table's values."""
    return [dict(zip(at, map(sp.Integer, vs), strict=True))
            for vs in itertools.product(*(range(1, n + 1) for n in shape))]


def tabled(at: tuple[sp.Symbol, ...], shape: tuple[int, ...], values: list) -> sp.Expr:
    """The table of ``values`` (one per assignment, in order)."""
    return Table(sp.Tuple(*at), sp.Tuple(*shape), sp.Tuple(*values))
