"""The neural-network vocabulary as SymPy objects.

Everything here builds ordinary SymPy expressions: scalar functions are SymPy
``Function`` classes that know their exp definition (so the engine can rewrite
them soundly), and vector helpers return explicit ``ImmutableMatrix`` objects
with one real symbol per component (1-based, as in the documents).
"""

from __future__ import annotations

from collections.abc import Iterable

import sympy as sp
from sympy.core.mul import _unevaluated_Mul
from sympy.core.parameters import global_parameters

from checker import differentiate
from checker.vocabulary import sigmoid

__all__ = ["chain_grad", "cross_entropy", "delta", "grad", "hadamard", "matrix", "real", "reals",
           "row_vector", "sigmoid", "sigmoid_v", "softmax", "vector"]

Value = sp.Expr | sp.ImmutableMatrix


def real(name: str, **assumptions: bool) -> sp.Symbol:
    """A real symbol (extra assumptions such as ``positive=True`` may be added)."""
    return sp.Symbol(name, real=True, **assumptions)


def reals(names: str, **assumptions: bool) -> tuple[sp.Symbol, ...]:
    return tuple(real(n, **assumptions) for n in names.split())


def vector(name: str, n: int, **assumptions: bool) -> sp.ImmutableMatrix:
    """Column vector (name_1, …, name_n) of real symbols."""
    return sp.ImmutableMatrix([real(f"{name}_{i}", **assumptions) for i in range(1, n + 1)])


def row_vector(name: str, n: int, **assumptions: bool) -> sp.ImmutableMatrix:
    return vector(name, n, **assumptions).T


def matrix(name: str, rows: int, cols: int, **assumptions: bool) -> sp.ImmutableMatrix:
    """Matrix with entries name_{ij} (1-based)."""
    sep = "," if rows > 9 or cols > 9 else ""
    return sp.ImmutableMatrix(
        rows, cols, lambda i, j: real(f"{name}_{i + 1}{sep}{j + 1}", **assumptions)
    )


def softmax(z: sp.MatrixBase) -> sp.ImmutableMatrix:
    """Entrywise softmax e^{z_i} / Σ_j e^{z_j}, same shape as z."""
    # e^x of a symbol x is e^x as written: SymPy's evaluation only finds that out (25 µs)
    plain = not global_parameters.exp_is_pow
    exps = [sp.exp(t, evaluate=False) if plain and t.is_Symbol else sp.exp(t) for t in z]
    total = sp.Add(*exps)
    inv = 1 / total
    if total.is_Add and inv.is_Pow and inv.base is total \
            and all(type(e) is sp.exp for e in exps):
        # e^{z_i} · (Σ_j e^{z_j})⁻¹ is what SymPy's product makes of the quotient (its two
        # factors in its order: nothing else to collect, as e^{z_i} alone is not a power of
        # the sum), without the 50 µs it takes to find that out for each entry
        entries = [_unevaluated_Mul(e, inv) for e in exps]
    else:
        entries = [e / total for e in exps]
    return sp.ImmutableMatrix(z.shape[0], z.shape[1], entries)


def sigmoid_v(z: sp.MatrixBase) -> sp.ImmutableMatrix:
    return z.applyfunc(sigmoid).as_immutable()


def hadamard(a: sp.MatrixBase, b: sp.MatrixBase) -> sp.ImmutableMatrix:
    if a.shape != b.shape:
        raise ValueError(f"hadamard product of shapes {a.shape} and {b.shape}")
    return sp.ImmutableMatrix(a.shape[0], a.shape[1], [x * y for x, y in zip(a, b, strict=True)])


def cross_entropy(y: Iterable[sp.Expr], p: Iterable[sp.Expr]) -> sp.Expr:
    """CE(y, p) = −Σ_i y_i log p_i."""
    # (each log left as written: SymPy's evaluation asks assumptions of every softmax entry,
    # the most of a small claim's build, and changes nothing a proof uses)
    return -sp.Add(*[yi * sp.log(pi, evaluate=False) for yi, pi in zip(y, p, strict=True)])


def grad(f: sp.Expr, wrt: sp.MatrixBase) -> sp.ImmutableMatrix:
    """Gradient with the shape of ``wrt`` (ML convention): on the shared DAG
    (checker.differentiate: one pass for every entry, not one SymPy ``diff`` each), by SymPy
    where f holds what that does not differentiate."""
    try:
        return sp.ImmutableMatrix(*wrt.shape, differentiate.gradient(f, list(wrt)))
    except differentiate.NotHere:
        return wrt.applyfunc(lambda v: sp.diff(f, v)).as_immutable()


def chain_grad(
    f: sp.Expr,
    wrt: sp.MatrixBase,
    stages: Iterable[tuple[sp.MatrixBase, sp.MatrixBase]],
) -> sp.ImmutableMatrix:
    """``grad(f, wrt)`` by reverse accumulation through named intermediate stages.

    ``stages`` lists (symbols u_k, values e_k) in the order they are computed:
    e_k may use ``wrt``, earlier stages' symbols and anything else; ``f`` is
    written in the stage symbols. The multivariate chain rule then gives

        ∂f/∂s = ∂f/∂s|direct + Σ_u (∂f/∂u) · ∂e_u/∂s

    for every stage symbol u in reverse order of computation, with SymPy's
    ``diff`` on each (small) stage expression; the stage symbols are finally
    replaced by their values. Same result as ``grad`` on the composed
    expression (tests compare the two), without differentiating one huge tree
    once per variable.
    """
    stages = [(tuple(u), tuple(e)) for u, e in stages]
    later: set[sp.Symbol] = {u for us, _ in stages for u in us}
    for us, es in stages:  # each stage may only use earlier ones
        if any(not e.free_symbols.isdisjoint(later) for e in es):
            raise ValueError("a stage uses its own or a later stage's symbols")
        later -= set(us)
    adjoint: dict[sp.Symbol, sp.Expr] = {}
    for us, _ in stages:
        for u in us:
            adjoint[u] = sp.diff(f, u)
    for w in wrt:
        adjoint[w] = sp.diff(f, w)
    for k in range(len(stages) - 1, -1, -1):
        for u, e in zip(*stages[k], strict=True):
            a = adjoint[u]
            if a == 0:
                continue
            for s in e.free_symbols & adjoint.keys():
                d = sp.diff(e, s)
                if d != 0:
                    adjoint[s] = adjoint[s] + a * d
    values: dict[sp.Symbol, sp.Expr] = {}
    for us, es in stages:
        for u, e in zip(us, es, strict=True):
            values[u] = e.xreplace(values)
    return wrt.applyfunc(lambda w: adjoint[w].xreplace(values)).as_immutable()


def delta(i: int, j: int) -> int:
    return 1 if i == j else 0
