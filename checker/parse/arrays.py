"""Vectors and matrices of symbolic size (H × D), as the rule for their entries.

A :class:`SymArray` is a shape (rows, cols: dimensions such as H, D, or numbers) and a
function giving entry (i, j) in index notation: W[i, j], Σ_k W[i, k] x[k], δ(i, j) … Matrix
notation is lowered this way, operation by operation, so that a claim between two matrices
becomes a claim about entry (i, j) for every i ∈ 1…rows and j ∈ 1…cols, which the engine for
symbolic sizes decides for every size (``checker/strategies/symbolic_n.py``):

  (A B)_ij = Σ_k A_ik B_kj     (Aᵀ)_ij = A_ji       (A ⊙ B)_ij = A_ij B_ij
  f(A)_ij = f(A_ij)            softmax(z)_i = e^(z_i) / Σ_k e^(z_k)
  diag(v)_ij = δ_ij v_i        (a bᵀ)_ij = a_i b_j   I_ij = δ_ij       1_i = 1
  (∂L/∂W)_ij = ∂L/∂W_ij        (∂F/∂v)_ij = ∂F_i/∂v_j

The gradient of a scalar by a matrix has the matrix's shape (denominator layout, ML's
convention); the Jacobian of a vector by a vector is F's length × v's length (numerator
layout). Bound indices are Dummy symbols, so no name of the user's can be captured.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

from checker.inverse import C, R, entries, has_opaque, rule, transposed
from checker.inverse import determinant as determinant_of

Entry = Callable[[sp.Expr, sp.Expr], sp.Expr]
ONE = sp.Integer(1)


class ShapeError(Exception):
    """Two shapes that must agree do not (for some sizes)."""


class Misfit(ShapeError):
    """An operation on arrays whose shapes do not fit at some sizes, under every reading of
    the notation (a matrix times a vector or a matrix, arrays of the same kind added): the
    step is undefined there, so it cannot hold for every size. (A column vector on the left
    of a product, or a column beside a row, may be a convention of the writer's — NumPy's
    ``u @ v`` is a dot product — and stays a plain :class:`ShapeError`.)"""

    pairs: tuple[tuple[sp.Expr, sp.Expr], ...] = ()  # sizes that must be equal to fit


def _size(n: sp.Expr | int) -> sp.Expr:
    return sp.Integer(n) if isinstance(n, int) else n


def differing(pairs: list[tuple[sp.Expr, sp.Expr]]) -> dict[sp.Symbol, int] | None:
    """Sizes at which some pair of sizes differs (all different from 2 up, else all 1), or
    None when every pair is the same size."""
    pairs = [(_size(a), _size(b)) for a, b in pairs]
    dims = sorted(set().union(*(a.free_symbols | b.free_symbols for a, b in pairs)), key=str)
    for trial in (list(range(2, 2 + len(dims))), [1] * len(dims)):
        at = dict(zip(dims, trial, strict=True))
        if any(a.xreplace(at) != b.xreplace(at) for a, b in pairs):
            return at
    return None


def _misfit(message: str, pairs: list[tuple[sp.Expr, sp.Expr]], sure: bool) -> ShapeError:
    at = differing(pairs) if sure else None
    if at is None:
        return ShapeError(message)
    where = ", ".join(f"{d} = {v}" for d, v in at.items())
    out = Misfit(message + (f", which do not fit for {where}" if where else ""))
    out.pairs = tuple((_size(a), _size(b)) for a, b in pairs)
    return out


def same_size(a: sp.Expr | int, b: sp.Expr | int) -> bool:
    a = sp.Integer(a) if isinstance(a, int) else a
    b = sp.Integer(b) if isinstance(b, int) else b
    return sp.expand(a - b) == 0


def show(n: sp.Expr) -> str:
    return sp.sstr(n)


@dataclass(frozen=True)
class SymArray:
    rows: sp.Expr
    cols: sp.Expr
    at: Entry  # entry (i, j), 1-based, in index notation
    bases: tuple[tuple[sp.IndexedBase, tuple[sp.Expr, ...]], ...] = ()  # declared arrays used
    layout: str = ""  # for a derivative: how its entries are laid out (the report says)
    factors: tuple[SymArray, ...] = ()  # a matrix product's factors, in order (see matmul)
    inverse_of: sp.Lambda | None = None  # for M⁻¹: M's entry rule (checker.inverse.rule)
    terms: tuple[tuple[sp.Expr, SymArray], ...] = ()  # a sum's terms c·T (see matmul)
    identity: bool = False  # I (a factor a product drops)
    blocks: tuple[tuple[SymArray, ...], ...] = ()  # a block matrix's blocks (checker.parse.blocks)

    @property
    def shape_text(self) -> str:
        if same_size(self.cols, 1):
            return f"vector of length {show(self.rows)}"
        return f"{show(self.rows)}×{show(self.cols)} matrix"

    @property
    def is_vector(self) -> bool:
        return same_size(self.cols, 1)

    def entry(self, i: sp.Expr, j: sp.Expr = ONE) -> sp.Expr:
        return self.at(i, j)


def _k() -> sp.Dummy:
    return sp.Dummy("k", integer=True)


def every_index() -> sp.Dummy:
    """An index meaning "every entry" in a domain condition (log(x) at a symbolic size
    needs x[k] > 0 for each k); its range is that of the entries it indexes."""
    return sp.Dummy("every", integer=True)


def _merge(*arrays: SymArray) -> tuple:
    out: dict = {}
    for a in arrays:
        out.update(dict(a.bases))
    return tuple(out.items())


def declared(base: sp.IndexedBase, rows: sp.Expr, cols: sp.Expr | None = None) -> SymArray:
    """A declared vector (cols None) or matrix of symbolic size."""
    if cols is None:
        return SymArray(rows, sp.Integer(1), lambda i, j: base[i], ((base, (rows,)),))
    return SymArray(rows, cols, lambda i, j: base[i, j], ((base, (rows, cols)),))


OUTER = (" (a column beside a row: NumPy's outer sum, or a transpose forgotten? A row is "
         "added to every row of a matrix of its width, a column to every column of one of its "
         "height)")


FLAT = (" (a vector is a column here: added to every row, as NumPy's one-dimensional bias is, "
        "it is the row b^T; write that)")


def need_same_shape(a: SymArray, b: SymArray, what: str) -> None:
    if not (same_size(a.rows, b.rows) and same_size(a.cols, b.cols)):
        # a column beside a row may be meant to broadcast (NumPy): not a certain misfit
        outer = any(same_size(x.rows, 1) and same_size(y.cols, 1) for x, y in ((a, b), (b, a)))
        flat = any(x.is_vector and not y.is_vector and same_size(x.rows, y.cols)
                   for x, y in ((a, b), (b, a)))  # b of length h beside N × h: NumPy's 1-D b?
        sure = (a.is_vector and b.is_vector) or not (outer or flat)
        hint = OUTER if outer else FLAT if flat else ""
        raise _misfit(f"{what} a {a.shape_text} and a {b.shape_text}" + ("" if sure else hint),
                      [(a.rows, b.rows), (a.cols, b.cols)], sure)


def spread(a: SymArray, b: SymArray) -> tuple[SymArray, SymArray]:
    """a and b in one shape where one is a row (1 × c) of the other's width, or a column
    (r × 1) of its height, and the other is not of that one's kind (NumPy's broadcasting:
    X W + b adds the row b to every row); otherwise as they are. A row beside a column is
    not spread (an outer sum, or a transpose forgotten?)."""
    for first, (x, y) in enumerate(((a, b), (b, a))):
        row = same_size(x.rows, 1) and same_size(x.cols, y.cols) and not same_size(y.rows, 1)
        col = same_size(x.cols, 1) and same_size(x.rows, y.rows) and not same_size(y.cols, 1) \
            and not same_size(x.rows, y.cols)  # (beside a square matrix: NumPy's 1-D b is a row)
        if row or col:
            at = (lambda i, j, x=x: x.at(ONE, j)) if row else (lambda i, j, x=x: x.at(i, ONE))
            wide = SymArray(y.rows, y.cols, at, x.bases)
            return (wide, y) if first == 0 else (y, wide)
    return a, b


def add(a: SymArray | sp.Expr, b: SymArray | sp.Expr, sign: int = 1) -> SymArray:
    """a ± b, a scalar broadcasting over the other, a row or a column over a matrix."""
    if isinstance(a, SymArray) and isinstance(b, SymArray):
        a, b = spread(a, b)
        need_same_shape(a, b, "cannot add" if sign > 0 else "cannot subtract")
        return SymArray(a.rows, a.cols, lambda i, j: a.at(i, j) + sign * b.at(i, j), _merge(a, b),
                        terms=_terms(a) + tuple((sign * c, t) for c, t in _terms(b)))
    if isinstance(a, SymArray):
        return SymArray(a.rows, a.cols, lambda i, j: a.at(i, j) + sign * b, a.bases)
    assert isinstance(b, SymArray)
    return SymArray(b.rows, b.cols, lambda i, j: a + sign * b.at(i, j), b.bases)


def scale(a: SymArray, c: sp.Expr) -> SymArray:
    if a.blocks:  # c [X 1]: its blocks scaled, a block matrix still
        from checker.parse import blocks

        return blocks.of_blocks(tuple(tuple(scale(b, c) for b in row) for row in a.blocks))
    return SymArray(a.rows, a.cols, lambda i, j: c * a.at(i, j), a.bases,
                    terms=tuple((c * k, t) for k, t in _terms(a)))


def _terms(a: SymArray) -> tuple[tuple[sp.Expr, SymArray], ...]:
    return a.terms or ((ONE, a),)


def _holds_inverse(a: SymArray) -> bool:
    return a.inverse_of is not None or any(f.inverse_of is not None for f in a.factors) \
        or (len(a.terms) > 1 and any(_holds_inverse(t) for _, t in a.terms))


MAX_TERMS = 16  # products of sums multiplied out, where an inverse may cancel (matmul)


def _expanded(a: SymArray) -> list[tuple[sp.Expr, tuple[SymArray, ...]]] | None:
    """a multiplied out: its terms c·(F₁ F₂ …), each a product of factors that are neither
    sums nor products; None where there would be more than MAX_TERMS."""
    if a.terms:
        out = [(c * k, fs) for c, t in a.terms for k, fs in (_expanded(t) or [(ONE, (t,))])]
    elif a.factors:
        out = [(ONE, ())]
        for f in a.factors:
            inner = _expanded(f)
            if inner is None:
                return None
            out = [(c * k, fs + gs) for c, fs in out for k, gs in inner]
            if len(out) > MAX_TERMS:
                return None
    else:
        return [(ONE, (a,))]
    return out if len(out) <= MAX_TERMS else None


def matmul(a: SymArray, b: SymArray) -> SymArray:
    """a b; where a factor M⁻¹ stands beside factors whose product is M, they are dropped
    (M⁻¹M = I, where det M ≠ 0: a condition the reader recorded with M⁻¹), and where a or b
    is a sum (or a multiple) and either holds an inverse, the product is multiplied out first,
    so that (I − H)X is X − HX and HX cancels."""
    if not same_size(a.cols, b.rows):
        raise _misfit(f"shapes do not align for a matrix product: {a.shape_text} times "
                      f"{b.shape_text} ({show(a.cols)} ≠ {show(b.rows)})",
                      [(a.cols, b.rows)], not a.is_vector)
    if a.identity or b.identity:  # I B = B, A I = A
        return b if a.identity else a
    if a.blocks and b.blocks:  # [X 1][W; b]: block by block where the partitions meet
        from checker.parse import blocks

        by_blocks = blocks.product(a, b, matmul)
        if by_blocks is not None:
            return by_blocks
    chain = (a.factors or (a,)) + (b.factors or (b,))
    if any(f.inverse_of is not None for f in chain):
        shorter = _cancelled(chain)
        if shorter is not None:
            return shorter
    if _holds_inverse(a) or _holds_inverse(b):  # (no M⁻¹ beside its M as written: multiplied
        ea, eb = _expanded(a), _expanded(b)      # out, each term's may be)
        if ea is not None and eb is not None and len(ea) * len(eb) <= MAX_TERMS \
                and (len(ea) > 1 or len(eb) > 1 or ea[0][0] != 1 or eb[0][0] != 1):
            return _multiplied_out(ea, eb, a.rows, b.rows)
    return _product(a, b, chain)


def _multiplied_out(ea: list, eb: list, rows_a: sp.Expr, rows_b: sp.Expr) -> SymArray:
    """Σ c_a c_b (A_k B_l) over the terms of two products multiplied out, the products with
    the same factors (I − H − H + H: one H) gathered into one term."""
    gathered: dict[tuple[int, ...], tuple[sp.Expr, SymArray]] = {}
    for (ca, fa), (cb, fb) in itertools.product(ea, eb):
        part = matmul(_fold(fa, rows_a), _fold(fb, rows_b))
        key = tuple(id(f) for f in (part.factors or (part,)))
        c, _ = gathered.get(key, (sp.S.Zero, part))
        gathered[key] = (c + ca * cb, part)
    out: SymArray | None = None
    for c, part in gathered.values():
        if c == 0:
            continue
        part = part if c == 1 else scale(part, c)
        out = part if out is None else add(out, part)
    if out is None:  # (everything cancelled: the zero array of the product's shape)
        c, part = next(iter(gathered.values()))
        out = scale(part, sp.S.Zero)
    return out


def _product(a: SymArray, b: SymArray, chain: tuple[SymArray, ...] = ()) -> SymArray:
    n = a.cols

    def at(i: sp.Expr, j: sp.Expr) -> sp.Expr:
        if same_size(n, 1):
            return a.at(i, 1) * b.at(1, j)
        k = _k()
        return sp.Sum(a.at(i, k) * b.at(k, j), (k, 1, n))

    return SymArray(a.rows, b.cols, at, _merge(a, b), factors=chain)


def _cancelled(chain: tuple[SymArray, ...]) -> SymArray | None:
    """The product of ``chain`` with one M⁻¹ and the factors beside it that multiply to M
    left out (after it, or before it), or None where there are none."""
    for p, f in enumerate(chain):
        if f.inverse_of is None:
            continue
        for q in range(p + 1, len(chain)):  # M⁻¹ · (chain[p+1] … chain[q])
            if _is_rule(chain[p + 1:q + 1], f.inverse_of):
                return _fold(chain[:p] + chain[q + 1:], f.rows)
        for q in range(p - 1, -1, -1):  # (chain[q] … chain[p−1]) · M⁻¹
            if _is_rule(chain[q:p], f.inverse_of):
                return _fold(chain[:q] + chain[p + 1:], f.rows)
    return None


def _is_rule(factors: tuple[SymArray, ...], m: sp.Lambda) -> bool:
    prod = factors[0]
    for f in factors[1:]:
        prod = _product(prod, f)
    return same_size(prod.rows, prod.cols) and rule(prod.at(R, C)) == m


def _fold(factors: tuple[SymArray, ...], n: sp.Expr) -> SymArray:
    if not factors:
        return identity(n)
    if len(factors) == 1:
        return factors[0]
    out = factors[0]
    for f in factors[1:]:
        out = matmul(out, f)
    return out


def transpose(a: SymArray) -> SymArray:
    if a.blocks:
        from checker.parse import blocks

        return blocks.transposed(a)
    m = a.inverse_of  # (M⁻¹)ᵀ = (Mᵀ)⁻¹
    return SymArray(a.cols, a.rows, lambda i, j: a.at(j, i), a.bases,
                    inverse_of=transposed(m) if m is not None else None)


def _square_rule(a: SymArray, what: str) -> sp.Lambda:
    if not same_size(a.rows, a.cols) or a.is_vector:
        raise ShapeError(f"{what} of a {a.shape_text}: it needs a square matrix")
    m = rule(a.at(R, C))
    if has_opaque(m.expr):
        raise ShapeError(f"{what} of a matrix that holds an inverse or a determinant of "
                         "symbolic size is not read")
    return m


def inverse(a: SymArray) -> tuple[SymArray, sp.Expr]:
    """a⁻¹ (checker.inverse), and det a, which must not be 0 where a⁻¹ is used."""
    m, n = _square_rule(a, "the inverse"), a.rows
    return SymArray(n, n, entries(m, n), a.bases, inverse_of=m), determinant_of(m, n)


def determinant(a: SymArray) -> sp.Expr:
    return determinant_of(_square_rule(a, "the determinant"), a.rows)


def hadamard(a: SymArray, b: SymArray) -> SymArray:
    a, b = spread(a, b)  # (a row ⊙ a matrix of its width: in every row, as NumPy's)
    need_same_shape(a, b, "an entrywise product needs one shape; got")
    return SymArray(a.rows, a.cols, lambda i, j: a.at(i, j) * b.at(i, j), _merge(a, b))


def apply(a: SymArray, f: Callable[[sp.Expr], sp.Expr]) -> SymArray:
    return SymArray(a.rows, a.cols, lambda i, j: f(a.at(i, j)), a.bases)


def softmax(a: SymArray) -> SymArray:
    """softmax of a column, or of a row (document 000's convention), in its own shape."""
    if a.is_vector:
        def at(i: sp.Expr, j: sp.Expr) -> sp.Expr:
            k = _k()
            return sp.exp(a.at(i, 1)) / sp.Sum(sp.exp(a.at(k, 1)), (k, 1, a.rows))
    elif same_size(a.rows, 1):
        def at(i: sp.Expr, j: sp.Expr) -> sp.Expr:
            k = _k()
            return sp.exp(a.at(1, j)) / sp.Sum(sp.exp(a.at(1, k)), (k, 1, a.cols))
    else:
        raise ShapeError(f"softmax of a {a.shape_text}: it takes a vector (a column or a row)")
    return SymArray(a.rows, a.cols, at, a.bases)


def total(a: SymArray) -> sp.Expr:
    """The sum of every entry."""
    k = _k()
    if a.is_vector:
        return sp.Sum(a.at(k, 1), (k, 1, a.rows))
    if same_size(a.rows, 1):  # a row
        return sp.Sum(a.at(1, k), (k, 1, a.cols))
    m = sp.Dummy("m", integer=True)
    return sp.Sum(sp.Sum(a.at(k, m), (m, 1, a.cols)), (k, 1, a.rows))


def dot(a: SymArray, b: SymArray) -> sp.Expr:
    if not (a.is_vector and b.is_vector):
        raise ShapeError(f"dot needs two vectors, got a {a.shape_text} and a {b.shape_text}")
    need_same_shape(a, b, "dot of")
    k = _k()
    if a is b:  # v·v: each entry read once, squared (its inner sums' indices are fresh)
        return sp.Sum(a.at(k, 1) ** 2, (k, 1, a.rows))
    return sp.Sum(a.at(k, 1) * b.at(k, 1), (k, 1, a.rows))


def outer(a: SymArray, b: SymArray) -> SymArray:
    return SymArray(a.rows, b.rows, lambda i, j: a.at(i, 1) * b.at(j, 1), _merge(a, b))


def diag(v: SymArray) -> SymArray:
    if not v.is_vector:
        raise ShapeError(f"diag of a {v.shape_text}: it takes a vector")
    return SymArray(v.rows, v.rows, lambda i, j: sp.KroneckerDelta(i, j) * v.at(i, 1), v.bases)


def trace(a: SymArray) -> sp.Expr:
    if not same_size(a.rows, a.cols):
        raise ShapeError(f"trace of a {a.shape_text}: it needs a square matrix")
    k = _k()
    return sp.Sum(a.at(k, k), (k, 1, a.rows))


def ones(rows: sp.Expr, cols: sp.Expr = ONE) -> SymArray:
    return SymArray(rows, cols, lambda i, j: sp.Integer(1))


def identity(n: sp.Expr) -> SymArray:
    return SymArray(n, n, lambda i, j: sp.KroneckerDelta(i, j), identity=True)


Differentiate = Callable[[sp.Expr, sp.Expr], sp.Expr]  # (f, an entry x) → ∂f/∂x


def gradient(f: sp.Expr, v: SymArray, numerator: bool = False,
             d: Differentiate = sp.Derivative) -> SymArray:
    """∂f/∂v with v's shape (denominator layout), or vᵀ's (numerator layout): v must be a
    declared vector or matrix (or a fresh one, with ``d`` the derivative taken there)."""
    if numerator:
        return SymArray(v.cols, v.rows, lambda i, j: d(f, v.at(j, i)), v.bases,
                        f"numerator layout: the transpose of the variable's shape, a "
                        f"{SymArray(v.cols, v.rows, v.at).shape_text}")
    return SymArray(v.rows, v.cols, lambda i, j: d(f, v.at(i, j)), v.bases,
                    f"denominator layout: the variable's shape, a {v.shape_text}")


def jacobian(f: SymArray, v: SymArray, d: Differentiate = sp.Derivative) -> SymArray:
    """∂F/∂v, entry (i, j) = ∂F_i/∂v_j (numerator layout)."""
    if not (f.is_vector and v.is_vector):
        raise ShapeError(f"a Jacobian of a {f.shape_text} by a {v.shape_text}: both must be "
                         "vectors (for a matrix, write the gradient of a scalar)")
    return SymArray(f.rows, v.rows, lambda i, j: d(f.at(i, 1), v.at(j, 1)),
                    _merge(f, v), f"Jacobian: entry (i, j) is ∂F_i/∂x_j, a {show(f.rows)}×"
                    f"{show(v.rows)} matrix")


def jacobian_transposed(f: SymArray, v: SymArray,
                        d: Differentiate = sp.Derivative) -> SymArray:
    """∂F/∂v in denominator layout (declared): the Jacobian's transpose, entry (i, j) =
    ∂F_j/∂v_i."""
    j = jacobian(f, v, d)
    return SymArray(j.cols, j.rows, lambda i, k: j.at(k, i), j.bases,
                    f"denominator layout (declared): the Jacobian's transpose, entry (i, j) is "
                    f"∂F_j/∂x_i, a {show(v.rows)}×{show(f.rows)} matrix")


@dataclass(frozen=True)
class Unsized:
    """ones() (\\mathbf{1}) or eye() (\\mathbf{I}) written without a size: it takes the size its
    neighbour in a sum or a product needs (1ᵀx, W + I, A I); anywhere else it is an error."""

    kind: str  # "ones" or "identity"
    coef: sp.Expr = ONE
    transposed: bool = False
    row: object = None  # 1 r of a row r (1 × h): r in every row, as many as a neighbour has

    @property
    def shown(self) -> str:
        if self.row is not None:
            return "the ones vector 1 times a row"
        return "the ones vector 1" if self.kind == "ones" else "the identity I"

    def _sympy_(self) -> sp.Expr:  # in a function or a comparison: its size is not known
        raise ShapeError(f"the size of {self.shown} is not known here: write "
                         f"{'ones(n)' if self.kind == 'ones' else 'eye(n)'} with its size")


def sized(u: Unsized, rows: sp.Expr, cols: sp.Expr, op: str, left: bool
          ) -> tuple[sp.Expr, sp.Expr]:
    """The shape u takes beside an array of shape rows × cols under op (u on the left or not),
    or ShapeError when that shape is not determined."""
    if op in "+-":
        if u.kind == "identity" and not same_size(rows, cols):
            raise ShapeError(f"the identity I added to a {show(rows)}×{show(cols)} matrix, which "
                             "is not square")
        return rows, cols
    if op == "@":
        if u.kind == "identity":
            return (rows, rows) if left else (cols, cols)
        if left and u.transposed:  # 1ᵀ B: a row of B.rows ones
            return ONE, rows
        if not left and not u.transposed:  # B 1: a column of B.cols ones
            return cols, ONE
    raise ShapeError(f"the size of {u.shown} is not known here: write "
                     f"{'ones(n)' if u.kind == 'ones' else 'eye(n)'} with its size")

def is_matrix(v: object) -> bool:
    return isinstance(v, sp.MatrixBase)


def is_array(v: object) -> bool:
    """A matrix or vector of a known or a symbolic size: anything but a scalar."""
    return isinstance(v, sp.MatrixBase | SymArray)
