"""The inverse and the determinant of a square matrix of symbolic size, as opaque entries.

(XᵀX)⁻¹ at a symbolic size has no entry rule in index notation, so its entry (i, j) is the
SymPy function :class:`InverseEntry` ``(i, j, n, M)``, M the matrix's entry rule as a Lambda
of (r, c), and det M is :class:`Determinant` ``(n, M)``. The engine decides a claim with them
in two ways, each sound on its own (``checker/strategies/symbolic_n.py``):

* **for every size**, each entry of the inverse (and each determinant) becomes a fresh symbol,
  as a declared matrix's entries do: a claim that holds whatever matrix stands there holds for
  the inverse. What is known of them is built in, as identities of the entries themselves:

  - the inverse of Mᵀ is the transpose of M⁻¹, and the inverse of a symmetric M is symmetric
    (:func:`entries` writes each entry one way, deciding M's symmetry once, where the inverse
    is made; :meth:`InverseEntry.eval` only keeps a symmetric one's indices in order);
  - ∂(M⁻¹)_ij/∂s = −Σ_ab (M⁻¹)_ia ∂M_ab/∂s (M⁻¹)_bj and ∂det M/∂s = det M Σ_ab (M⁻¹)_ba ∂M_ab/∂s
    (Jacobi's formula).

  M⁻¹M = I is known only where the reader multiplies M⁻¹ by factors whose product is M
  (``checker/parse/arrays.py``, ``matmul``); a claim that needs it elsewhere is not proved for
  every size;
* **at each small size** (n ≤ :data:`EXACT_SIZE`), the entries are computed exactly, as the
  adjugate over the determinant, where the determinant is not 0 (a condition of the claim,
  recorded by the reader): a counterexample there refutes the claim.
"""

from __future__ import annotations

import re

import sympy as sp

from checker.symmetric import in_order

R = sp.Dummy("r", integer=True)  # the row and column of the matrix's entry rule
C = sp.Dummy("c", integer=True)
EXACT_SIZE = 2  # the largest n at which an inverse is computed exactly (adjugate / det)


def rule(entry: sp.Expr) -> sp.Lambda:
    """A matrix's entry rule, written in R and C, its sums' indices named canonically (so
    that the rule of XᵀX is one expression wherever XᵀX is written)."""
    from checker.strategies.symbolic_n import canonical_bound

    return sp.Lambda((R, C), canonical_bound(entry))


def _key(e: sp.Basic) -> tuple:
    return sp.default_sort_key(e)


def transposed(m: sp.Lambda) -> sp.Lambda:
    """The entry rule of Mᵀ, given M's."""
    return sp.Lambda((R, C), _swapped(m.expr))


def _swapped(entry: sp.Expr) -> sp.Expr:
    """The entry rule of the transpose: r and c exchanged (a symmetric matrix's entries in
    their order again)."""
    return in_order(entry.xreplace({R: C, C: R}))


class _OfMatrix(sp.Function):
    """What an inverse's entry and a determinant share: the size and the entry rule of their
    matrix (at the argument positions ``_SIZE`` and ``_RULE``), and how they are shown."""

    _SIZE = _RULE = 0
    indices: tuple[sp.Expr, ...] = ()

    @property
    def size(self) -> sp.Expr:
        return self.args[self._SIZE]

    @property
    def rule(self) -> sp.Lambda:
        return self.args[self._RULE]

    def _eval_is_real(self) -> bool | None:
        return True if self.rule.expr.is_real else None

    def _sympystr(self, printer: object) -> str:
        return _shown(self, printer)

    _index_notation = _sympystr


class InverseEntry(_OfMatrix):
    """Entry (i, j) of the inverse of the n×n matrix with entry rule ``m``; ``symmetric``
    (true or false) says whether m is symmetric, decided once, where the inverse is made
    (:func:`entries`): nothing done to the rule later (a sum in it replaced by a symbol) can
    make (M⁻¹)_ij and (M⁻¹)_ji one entry."""

    nargs = 5
    _SIZE, _RULE = 2, 3

    @classmethod
    def eval(cls, i: sp.Expr, j: sp.Expr, n: sp.Expr, m: sp.Lambda,
             symmetric: sp.Basic) -> sp.Expr | None:
        if symmetric is sp.true and _key(j) < _key(i):  # (M⁻¹)_ij = (M⁻¹)_ji
            return cls(j, i, n, m, symmetric)
        return None

    @property
    def indices(self) -> tuple[sp.Expr, sp.Expr]:  # type: ignore[override]
        return self.args[0], self.args[1]

    def at(self, i: sp.Expr, j: sp.Expr) -> InverseEntry:
        """The entry (i, j) of the same inverse."""
        return InverseEntry(i, j, self.size, self.rule, self.args[4])

    def _eval_derivative(self, s: sp.Basic) -> sp.Expr:
        (i, j), n = self.indices, self.size
        dm = sp.diff(self.rule.expr, s)
        if dm == 0:
            return sp.S.Zero
        a, b = sp.Dummy("a", integer=True), sp.Dummy("b", integer=True)
        return -sp.Sum(self.at(i, a) * dm.xreplace({R: a, C: b}) * self.at(b, j),
                       (a, 1, n), (b, 1, n))


class Determinant(_OfMatrix):
    """det of the n×n matrix with entry rule ``m`` (made by :func:`determinant`)."""

    nargs = 2
    _SIZE, _RULE = 0, 1

    def _eval_derivative(self, s: sp.Basic) -> sp.Expr:
        n, m = self.args
        dm = sp.diff(m.expr, s)
        if dm == 0:
            return sp.S.Zero
        a, b = sp.Dummy("a", integer=True), sp.Dummy("b", integer=True)
        inverse = entries(m, n)
        return self * sp.Sum(inverse(b, a) * dm.xreplace({R: a, C: b}), (a, 1, n), (b, 1, n))


def entries(m: sp.Lambda, n: sp.Expr):  # type: ignore[no-untyped-def]
    """(i, j) ↦ (M⁻¹)_ij for the n×n matrix with rule m, each entry written one way: of M⁻¹
    or of (Mᵀ)⁻¹ transposed, whichever rule sorts first, and with its indices in order where M
    is symmetric."""
    t = transposed(m)
    if t == m:
        return lambda i, j: InverseEntry(i, j, n, m, sp.true)
    if _key(t.expr) < _key(m.expr):  # (M⁻¹)_ij = ((Mᵀ)⁻¹)_ji
        return lambda i, j: InverseEntry(j, i, n, t, sp.false)
    return lambda i, j: InverseEntry(i, j, n, m, sp.false)


def determinant(m: sp.Lambda, n: sp.Expr) -> Determinant:
    """det M, written one way (det Mᵀ = det M)."""
    t = transposed(m)
    return Determinant(n, t if t != m and _key(t.expr) < _key(m.expr) else m)


OPAQUE = (InverseEntry, Determinant)


def _shown(e: InverseEntry | Determinant, printer: object) -> str:
    """(M)⁻¹_{i,j} and det(M), M written as its entry (r, c): of M or of Mᵀ, whichever
    writes r first (Σ⁻¹_{i,j}, not ((Σᵀ)⁻¹)_{j,i})."""
    body = printer._print(e.rule.expr)  # type: ignore[attr-defined]
    indices = tuple(printer._print(x) for x in e.indices)  # type: ignore[attr-defined]
    r, c = (printer._print(x) for x in (R, C))  # type: ignore[attr-defined]
    if _transposed(body, r, c):
        body = printer._print(_swapped(e.rule.expr))  # type: ignore[attr-defined]
        indices = indices[::-1]
    if isinstance(e, Determinant):
        return f"det[{body}]_{{{r},{c}}}"
    return f"([{body}]_{{{r},{c}}})⁻¹_{{{','.join(indices)}}}"


def _transposed(body: str, r: str, c: str) -> bool:
    """Whether the rule as printed names its column before its row (Σ_c,r)."""
    found = [w for w in re.findall(r"[^\W_]+′*", body) if w in (r, c)]
    return bool(found) and found[0] == c


def has_opaque(e: sp.Basic) -> bool:
    return isinstance(e, sp.Basic) and e.has(*OPAQUE)


def exact(e: InverseEntry | Determinant, entry: object) -> tuple[sp.Expr, sp.Expr]:
    """The value of ``e`` at a concrete size, given ``entry(r, c)`` (1-based, integers) of
    its matrix, and the determinant (which must not be 0 for an inverse's entry)."""
    n = e.size
    if not n.is_Integer or n < 1:
        raise ValueError(f"the size {n} of a matrix to invert is not a number")
    if n > EXACT_SIZE:
        raise ValueError(f"an inverse of a {n}×{n} matrix is not computed exactly")
    size = int(n)
    mat = sp.Matrix(size, size, lambda r, c: entry(r + 1, c + 1))  # type: ignore[operator]
    det = sp.expand(mat.det(method="berkowitz"))
    if isinstance(e, Determinant):
        return det, det
    i, j = e.indices
    if not (i.is_Integer and j.is_Integer and 1 <= i <= size and 1 <= j <= size):
        raise ValueError(f"({i}, {j}) is no entry of a {size}×{size} inverse")
    if det == 0:
        raise ValueError("the matrix to invert is singular at this size")
    return mat.adjugate()[int(i) - 1, int(j) - 1] / det, det
