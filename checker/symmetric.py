"""Symmetric matrices of symbolic size: A[j, i] is A[i, j], so each entry is written one way.

A matrix declared ``assume = "symmetric"`` (``matrices = { Sigma = { size = ["n", "n"],
assume = "symmetric" } }``) has a :class:`SymmetricBase`: its entry (i, j) is made with the two
indices in one canonical order, and at a concrete size (``checker/strategies/symbolic_n.py``)
A[2, 1] is the same variable as A[1, 2]. Both are identities of a symmetric matrix, so a proof
holds for every symmetric matrix and a counterexample is one.

A derivative *by* a symmetric matrix, or by one of its entries, is refused: whether ∂/∂A_12
moves A_21 with it (one variable) or not (the convention of the matrix cookbook, ∂ log det A/∂A
= A⁻¹) changes the off-diagonal entries by a factor of 2, and the page does not say which.
"""

from __future__ import annotations

import sympy as sp


class SymmetricBase(sp.IndexedBase):
    """The base of a symmetric matrix's entries (see the module)."""

    def __getitem__(self, indices: object, **kw: object) -> sp.Indexed:
        if isinstance(indices, tuple) and len(indices) == 2:
            i, j = indices
            if sp.default_sort_key(j) < sp.default_sort_key(i):
                indices = (j, i)
        return super().__getitem__(indices, **kw)


def in_order(e: sp.Basic) -> sp.Basic:
    """``e`` with every symmetric matrix's entry written with its indices in order again
    (after a renaming or an exchange of indices)."""
    return e.replace(lambda a: isinstance(a, sp.Indexed) and isinstance(a.base, SymmetricBase),
                     lambda a: a.base[a.indices])


def ordered(base: sp.IndexedBase, ks: tuple[int, ...]) -> tuple[int, ...]:
    """The indices of an entry at a concrete size, in the order its matrix writes them."""
    return tuple(sorted(ks)) if isinstance(base, SymmetricBase) and len(ks) == 2 else ks


def of_symmetric(variable: object) -> bool:
    """Whether a derivative's variable is an entry of a symmetric matrix."""
    return isinstance(variable, sp.Indexed) and isinstance(variable.base, SymmetricBase)


BY_SYMMETRIC = ("a derivative by a symmetric matrix or one of its entries is not read: whether "
                "∂/∂A_ij moves A_ji with it (one variable) or not (the matrix cookbook's "
                "convention, ∂ log det A/∂A = A⁻¹) changes the off-diagonal entries by a factor "
                "of 2; declare the matrix without assume = \"symmetric\" to differentiate by it "
                "(each entry a variable of its own)")
