"""Convolutions as sparse matrix-vector products (seed 004, section 7).

The convolution is the deep-learning one, i.e. a cross-correlation::

    out[r, c] = Σ_{a,b} kernel[a, b] · xpad[r·sr + a, c·sc + b]

where ``xpad`` is the input with ``padding = (pr, pc)`` zero rows added at the
top *and* bottom and ``pc`` zero columns added on the left *and* right.

:func:`conv_matrix` builds the matrix W with ``W @ vec(xpad) == vec(out)``.
As in the document, W acts on the vectorization of the *padded* input (the
document's x ∈ R^12 is the padded 4×3 input, zero rows included, and W is
6×12). The same vectorization order (row-wise or column-wise) is used for the
input and for the output.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import sympy as sp

from checker.model import CatalogItem, Claim, Identity
from checker.results import Verdict
from checker.vocab import vector
from derivations import source

Pair = tuple[int, int]
Order = Literal["row", "column"]

ORDERS: tuple[str, ...] = ("row", "column")


# --------------------------------------------------------------------------- helpers


def _pair(name: str, value: object, minimum: int) -> Pair:
    """Validate a pair of integers, each ≥ ``minimum``."""
    if not isinstance(value, tuple | list) or len(value) != 2:
        raise ValueError(f"{name} must be a pair (rows, cols), got {value!r}")
    out = []
    for v in value:
        if isinstance(v, bool) or not isinstance(v, int | sp.Integer):
            raise ValueError(f"{name} must contain integers, got {value!r}")
        if int(v) < minimum:
            kind = "positive" if minimum == 1 else "non-negative"
            raise ValueError(f"{name} must be {kind}, got {tuple(value)!r}")
        out.append(int(v))
    return out[0], out[1]


def _order(order: str) -> str:
    if order not in ORDERS:
        raise ValueError(f"order must be 'row' or 'column', got {order!r}")
    return order


def _kernel(kernel: sp.MatrixBase) -> sp.ImmutableMatrix:
    if not isinstance(kernel, sp.MatrixBase):
        raise ValueError(f"kernel must be a SymPy matrix, got {type(kernel).__name__}")
    if kernel.rows == 0 or kernel.cols == 0:
        raise ValueError(f"kernel must not be empty, got shape {kernel.shape}")
    return sp.ImmutableMatrix(kernel)


def output_shape(in_shape: Pair, kernel_shape: Pair, padding: Pair = (0, 0),
                 stride: Pair = (1, 1)) -> Pair:
    """Shape of the convolution output: ⌊(n + 2p − k) / s⌋ + 1 in each direction."""
    h, w = _pair("in_shape", in_shape, 1)
    kh, kw = _pair("kernel shape", kernel_shape, 1)
    ph, pw = _pair("padding", padding, 0)
    sh, sw = _pair("stride", stride, 1)
    hp, wp = h + 2 * ph, w + 2 * pw
    if kh > hp or kw > wp:
        raise ValueError(
            f"kernel {kh}x{kw} is larger than the padded input {hp}x{wp} "
            f"(input {h}x{w}, padding {(ph, pw)})"
        )
    return (hp - kh) // sh + 1, (wp - kw) // sw + 1


def _index(r: int, c: int, shape: Pair, order: str) -> int:
    rows, cols = shape
    return r * cols + c if order == "row" else c * rows + r


# --------------------------------------------------------------------------- public API


def pad(x: sp.MatrixBase, padding: Pair = (0, 0)) -> sp.ImmutableMatrix:
    """``x`` with ``padding[0]`` zero rows above and below, ``padding[1]`` zero columns
    left and right."""
    if not isinstance(x, sp.MatrixBase):
        raise ValueError(f"x must be a SymPy matrix, got {type(x).__name__}")
    ph, pw = _pair("padding", padding, 0)
    rows, cols = x.shape

    def entry(i: int, j: int) -> sp.Expr:
        if ph <= i < ph + rows and pw <= j < pw + cols:
            return x[i - ph, j - pw]
        return sp.S.Zero

    return sp.ImmutableMatrix(rows + 2 * ph, cols + 2 * pw, entry)


def vec(m: sp.MatrixBase, order: Order = "row") -> sp.ImmutableMatrix:
    """Column vector of the entries of ``m``: row-wise (index r·ncols + c) or
    column-wise (index c·nrows + r)."""
    _order(order)
    if not isinstance(m, sp.MatrixBase):
        raise ValueError(f"m must be a SymPy matrix, got {type(m).__name__}")
    rows, cols = m.shape
    flat = [sp.S.Zero] * (rows * cols)
    for r in range(rows):
        for c in range(cols):
            flat[_index(r, c, (rows, cols), order)] = m[r, c]
    return sp.ImmutableMatrix(rows * cols, 1, flat)


def direct_conv(x: sp.MatrixBase, kernel: sp.MatrixBase, padding: Pair = (0, 0),
                stride: Pair = (1, 1)) -> sp.ImmutableMatrix:
    """The convolution (cross-correlation) of ``x`` with ``kernel``, computed directly."""
    k = _kernel(kernel)
    if not isinstance(x, sp.MatrixBase):
        raise ValueError(f"x must be a SymPy matrix, got {type(x).__name__}")
    out_h, out_w = output_shape(x.shape, k.shape, padding, stride)
    sh, sw = _pair("stride", stride, 1)
    xp = pad(x, padding)

    def entry(r: int, c: int) -> sp.Expr:
        return sp.Add(*[k[a, b] * xp[r * sh + a, c * sw + b]
                        for a in range(k.rows) for b in range(k.cols)])

    return sp.ImmutableMatrix(out_h, out_w, entry)


def conv_matrix(in_shape: Pair, kernel: sp.MatrixBase, padding: Pair = (0, 0),
                stride: Pair = (1, 1), order: Order = "row") -> sp.ImmutableMatrix:
    """The matrix W with ``W @ vec(pad(x, padding), order) == vec(direct_conv(x, …), order)``.

    ``in_shape`` is the shape of the *unpadded* input; W has one column per entry
    of the padded input and one row per output entry.
    """
    _order(order)
    k = _kernel(kernel)
    out_shape = output_shape(in_shape, k.shape, padding, stride)
    h, w = _pair("in_shape", in_shape, 1)
    ph, pw = _pair("padding", padding, 0)
    sh, sw = _pair("stride", stride, 1)
    padded = (h + 2 * ph, w + 2 * pw)
    weights = sp.zeros(out_shape[0] * out_shape[1], padded[0] * padded[1])
    for r in range(out_shape[0]):
        for c in range(out_shape[1]):
            row = _index(r, c, out_shape, order)
            for a in range(k.rows):
                for b in range(k.cols):
                    col = _index(r * sh + a, c * sw + b, padded, order)
                    weights[row, col] = k[a, b]
    return sp.ImmutableMatrix(weights)


# --------------------------------------------------------------------------- the document's data

IN_SHAPE: Pair = (2, 3)
PADDING: Pair = (1, 0)


def _f() -> sp.ImmutableMatrix:
    """The symbolic kernel (f_1, f_2, f_3)^T."""
    return vector("f", 3)


def _x_padded() -> sp.ImmutableMatrix:
    """The padded 4×3 input with entries x_1 … x_12, row by row, as in the document."""
    return vector("x", 12).reshape(4, 3)


def _document_w() -> sp.ImmutableMatrix:
    """The 6×12 weight matrix exactly as printed (row-wise vectorization)."""
    f1, f2, f3 = _f()
    return sp.ImmutableMatrix([
        [f1, 0, 0, f2, 0, 0, f3, 0, 0, 0, 0, 0],
        [0, f1, 0, 0, f2, 0, 0, f3, 0, 0, 0, 0],
        [0, 0, f1, 0, 0, f2, 0, 0, f3, 0, 0, 0],
        [0, 0, 0, f1, 0, 0, f2, 0, 0, f3, 0, 0],
        [0, 0, 0, 0, f1, 0, 0, f2, 0, 0, f3, 0],
        [0, 0, 0, 0, 0, f1, 0, 0, f2, 0, 0, f3],
    ])


def _w(order: Order) -> sp.ImmutableMatrix:
    return conv_matrix(IN_SHAPE, _f(), padding=PADDING, order=order)


def _nonzero(e: sp.Expr) -> bool:
    return not (e == 0 or e.is_zero is True)


# --------------------------------------------------------------------------- catalog builders

_ENTRIES: dict[str, tuple[str, str]] = {  # id -> (title, where in section 7)
    "conv-example": (
        "Convolution of the example input with f = (2, 4, −1)ᵀ and padding (1, 0)", "7 (i)"),
    "conv-matrix-document-rowwise": (
        "The printed 6×12 weight matrix w is the convolution matrix (row-wise vec)", "7 (ii)"),
    "conv-wx-rowwise": (
        "w x = s with row-wise vectorization (x_1, x_2, x_3, …, x_12)", "7 (ii)"),
    "conv-vec-columnwise": (
        "Column-wise vectorization of the padded input is (x_1, x_4, x_7, x_10, …, x_12)",
        "7 (ii)"),
    "conv-wx-columnwise": (
        "w x = s with column-wise vectorization (x_1, x_4, x_7, x_10, …, x_12)", "7 (ii)"),
    "conv-sparsity-rows": (
        "w is sparse: each of its 6 rows has exactly 3 non-zero entries", "7 (ii)"),
    "conv-sparsity-density": (
        "w is sparse: 18 of its 72 entries are non-zero (density 1/4)", "7 (ii)"),
    "conv-weight-sharing-rowwise": (
        "Weights are shared: each row of w (row-wise) holds f_1, f_2, f_3 once each, "
        "nothing else", "7 (ii)"),
    "conv-weight-sharing-columnwise": (
        "Weights are shared: each row of w (column-wise) holds f_1, f_2, f_3 once each, "
        "nothing else", "7 (ii)"),
}


def _identity(item_id: str, lhs: sp.Expr | sp.MatrixBase, rhs: sp.Expr | sp.MatrixBase,
              note: str = "", expect: Verdict = Verdict.PROVED) -> Identity:
    title, where = _ENTRIES[item_id]
    return Identity(item_id, title, source("004", where),
                    Claim(lhs, rhs, expect=expect, note=note))


def _example() -> Identity:
    x = sp.ImmutableMatrix([[4, -2, 1], [3, 8, 5]])
    f = sp.ImmutableMatrix([2, 4, -1])
    return _identity("conv-example", direct_conv(x, f, padding=PADDING),
                     sp.ImmutableMatrix([[13, -16, -1], [20, 28, 22]]),
                     note="Left side: direct_conv(x, f, padding=(1, 0)), the deep-learning "
                          "convolution (cross-correlation: the kernel is not flipped, as the "
                          "document's numbers show); right side: the document's result.")


def _document_matrix() -> Identity:
    return _identity(
        "conv-matrix-document-rowwise", _document_w(), _w("row"),
        note="Left side typed in literally from the document; right side built by "
             "conv_matrix((2, 3), f, padding=(1, 0), order='row').")


_WX_NOTE = (
    "x_1 … x_12 are the entries of the padded 4×3 input (the document's x ∈ R^12), "
    "numbered row by row. The padding entries x_1, x_2, x_3 and x_10, x_11, x_12 are zero "
    "in reality but are kept as free symbols, as in the document's reading where w acts on "
    "the whole padded vector; the identity is therefore proved for every value there, "
    "zeros included. The right side is the direct convolution of that 4×3 matrix (no "
    "further padding), vectorized in the same order as the input."
)


def _wx(order: Order) -> Callable[[], Identity]:
    def build() -> Identity:
        xp = _x_padded()
        return _identity(f"conv-wx-{order}wise", _w(order) @ vec(xp, order),
                         vec(direct_conv(xp, _f()), order), note=_WX_NOTE)

    return build


def _vec_columnwise() -> Identity:
    x = vector("x", 12)
    listed = [x[i] for i in (0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11)]
    return _identity("conv-vec-columnwise", vec(_x_padded(), "column"),
                     sp.ImmutableMatrix(listed),
                     note="The document elides the middle entries with '⋮'; they are filled "
                          "in as x_2, x_5, x_8, x_11, x_3, x_6.")


def _sparsity_rows() -> Identity:
    w = _w("row")
    counts = sp.ImmutableMatrix([sum(1 for e in w.row(i) if _nonzero(e)) for i in range(w.rows)])
    return _identity("conv-sparsity-rows", counts, sp.ImmutableMatrix([3] * w.rows),
                     note="Left side: number of non-zero entries in each row of the "
                          "row-wise w built by conv_matrix.")


def _sparsity_density() -> Identity:
    w = _w("row")
    nonzero = sum(1 for e in w if _nonzero(e))
    return _identity("conv-sparsity-density", sp.Rational(nonzero, w.rows * w.cols),
                     sp.Rational(1, 4),
                     note="Left side: (number of non-zero entries of w) / (6 · 12).")


def _weight_sharing(order: Order) -> Callable[[], Identity]:
    def build() -> Identity:
        w = _w(order)
        f = list(_f())
        rows = []
        for i in range(w.rows):
            entries = list(w.row(i))
            per_f = [sum(1 for e in entries if e == fk) for fk in f]
            other = sum(1 for e in entries if _nonzero(e) and e not in f)
            rows.append([*per_f, other])
        return _identity(f"conv-weight-sharing-{order}wise", sp.ImmutableMatrix(rows),
                         sp.ImmutableMatrix([[1, 1, 1, 0]] * w.rows),
                         note="Row r of the left side: (#f_1, #f_2, #f_3, #other non-zero "
                              "entries) in row r of w.")

    return build


_BUILDERS: dict[str, Callable[[], Identity]] = {
    "conv-example": _example,
    "conv-matrix-document-rowwise": _document_matrix,
    "conv-wx-rowwise": _wx("row"),
    "conv-vec-columnwise": _vec_columnwise,
    "conv-wx-columnwise": _wx("column"),
    "conv-sparsity-rows": _sparsity_rows,
    "conv-sparsity-density": _sparsity_density,
    "conv-weight-sharing-rowwise": _weight_sharing("row"),
    "conv-weight-sharing-columnwise": _weight_sharing("column"),
}

ITEMS: list[CatalogItem] = [
    CatalogItem(item_id, title, source("004", where), _BUILDERS[item_id], tags=("convolution",))
    for item_id, (title, where) in _ENTRIES.items()
]

__all__ = ["ITEMS", "conv_matrix", "direct_conv", "output_shape", "pad", "vec"]
