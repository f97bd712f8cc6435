"""Properties of a matrix that prose states in words (orthogonal, positive definite, a
covariance matrix …), checked at a counterexample.

The reader does not turn such words into hypotheses (``checker/files/worded.py``): a display
checked without them is refuted where they may fail, so its refutation is unknown. But where
the counterexample's matrices have the property too, it refutes the display under both
readings: :func:`holds` decides that exactly, at the counterexample's values (a claim over a
symbolic size is refuted at a concrete one, where each matrix is a matrix of numbers).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import sympy as sp

from checker.results import Counterexample
from checker.symmetric import ordered


def _symmetric(m: sp.Matrix) -> bool:
    return m == m.T


def _minors(m: sp.Matrix, leading: bool) -> list[sp.Expr]:
    n = m.rows
    sets = [tuple(range(k)) for k in range(1, n + 1)] if leading else [
        s for k in range(1, n + 1) for s in itertools.combinations(range(n), k)]
    return [sp.simplify(m.extract(list(s), list(s)).det()) for s in sets]


def _definite(m: sp.Matrix) -> bool:  # Sylvester's criterion
    return _symmetric(m) and all(d.is_positive is True for d in _minors(m, True))


def _semidefinite(m: sp.Matrix) -> bool:  # every principal minor (not only the leading ones)
    return _symmetric(m) and all(d.is_nonnegative is True for d in _minors(m, False))


def _orthogonal(m: sp.Matrix) -> bool:
    return m.rows == m.cols and sp.simplify(m.T * m - sp.eye(m.rows)) == sp.zeros(m.rows)


CHECKS: dict[str, Callable[[sp.Matrix], bool]] = {
    "symmetric": _symmetric,
    "positive definite": _definite,
    "positive semi-definite": _semidefinite,
    "orthogonal": _orthogonal,
    "idempotent": lambda m: m.rows == m.cols and sp.simplify(m * m - m) == sp.zeros(m.rows),
    "diagonal": lambda m: m.is_diagonal(),
}


def holds(kinds: tuple[str, ...], matrices: tuple[tuple[sp.IndexedBase, sp.Expr], ...],
          cex: Counterexample) -> bool:
    """Whether every matrix (a base and its (rows, cols)) has every property at the
    counterexample (a claim over a symbolic size, refuted at a concrete one); False where a
    property cannot be checked."""
    if not cex.instance or not matrices or any(k not in CHECKS for k in kinds):
        return False
    sizes = {s: sp.Integer(v) for s, v in cex.instance}
    point = {str(s): v for s, v in cex.point}
    for base, shape in matrices:
        rows, cols = (d.xreplace(sizes) for d in shape)  # (a Tuple of sizes)
        if not (rows.is_Integer and cols.is_Integer):
            return False
        m = sp.Matrix(int(rows), int(cols), lambda i, j, b=base: point.get(
            f"{b}[{','.join(map(str, ordered(b, (i + 1, j + 1))))}]", sp.S.Zero))
        if not all(CHECKS[k](m) for k in kinds):
            return False
    return True
