"""Block matrices: ``\\begin{bmatrix} X & \\mathbf{1} \\end{bmatrix}``, ``\\begin{bmatrix} W \\\\
b \\end{bmatrix}`` — a matrix written with matrices (and vectors, ones, numbers) as its entries.

At explicit sizes the blocks are stacked into one matrix. At symbolic sizes the result is a
:class:`~checker.parse.arrays.SymArray` whose entry (i, j) is that of the block it falls in (a
Piecewise in i and j), and which keeps its blocks: the product of two block matrices whose
partitions meet is taken block by block (the bias trick: [X 1][W; b] = XW + 1b), as is a sum of
two with one partition, and a transpose. The blocks of a row must have one height and those of
a column one width; ``\\mathbf{1}`` (``\\mathbf{1}^T``) takes its height (width) from its row
(column), and a number is a block only where its row and its column are one entry wide (a 0
for a zero block is refused: zero blocks are not read).
"""

from __future__ import annotations

import sympy as sp

from checker.parse.arrays import ONE, ShapeError, SymArray, Unsized, add, same_size, show


def assemble(grid: list[list[object]]) -> object:
    """The block matrix of ``grid`` (rows of evaluated entries, at least one an array)."""
    heights = [_side(row, 0) for row in grid]
    widths = [_side([row[c] for row in grid], 1) for c in range(len(grid[0]))]
    sized = [[_block(v, heights[r], widths[c]) for c, v in enumerate(row)]
             for r, row in enumerate(grid)]
    if not any(isinstance(v, SymArray) for row in sized for v in row):
        rows = [sp.Matrix.hstack(*(sp.Matrix(v) for v in row)) for row in sized]
        return sp.ImmutableMatrix(sp.Matrix.vstack(*rows))
    if any(isinstance(v, sp.MatrixBase) and len(v) > 1 for row in sized for v in row):
        raise ShapeError("a block matrix with blocks of explicit and of symbolic size: declare "
                         "them all at one kind of size")
    blocks = tuple(tuple(v if isinstance(v, SymArray) else _one(v) for v in row) for row in sized)
    return of_blocks(blocks)


def of_blocks(blocks: tuple[tuple[SymArray, ...], ...]) -> SymArray:
    """The matrix of a grid of blocks of symbolic size (one block: itself)."""
    if len(blocks) == 1 and len(blocks[0]) == 1:
        return blocks[0][0]
    heights = [row[0].rows for row in blocks]
    widths = [b.cols for b in blocks[0]]

    def at(i: sp.Expr, j: sp.Expr) -> sp.Expr:
        pairs = []
        top = sp.Integer(0)
        for r, row in enumerate(blocks):
            left = sp.Integer(0)
            for c, b in enumerate(row):
                last_r, last_c = r == len(blocks) - 1, c == len(row) - 1
                cond = sp.And(*([] if last_r else [sp.Le(i, top + heights[r])]),
                              *([] if last_c else [sp.Le(j, left + widths[c])]))
                pairs.append((b.at(ONE if same_size(heights[r], 1) else i - top,  # (a row or
                                   ONE if same_size(widths[c], 1) else j - left), cond))  # column:
                # its one index is 1, with no need to tell i = top + 1 from the ranges)
                left += widths[c]
            top += heights[r]
        # every earlier piece failed: i, j lie past its blocks, in this one
        return sp.Piecewise(*pairs[:-1], (pairs[-1][0], True))

    bases: dict = {}
    for row in blocks:
        for b in row:
            bases.update(dict(b.bases))
    return SymArray(sum(heights, sp.Integer(0)), sum(widths, sp.Integer(0)), at,
                    tuple(bases.items()), blocks=blocks)


def product(a: SymArray, b: SymArray, matmul) -> SymArray | None:
    """a b block by block where a's column partition is b's row partition; else None."""
    if not (a.blocks and b.blocks) or len(a.blocks[0]) != len(b.blocks):
        return None
    if not all(same_size(x.cols, row[0].rows) for x, row in zip(a.blocks[0], b.blocks,
                                                               strict=True)):
        return None
    out = []
    for row in a.blocks:
        line = []
        for c in range(len(b.blocks[0])):
            total = None
            for k, x in enumerate(row):
                part = matmul(x, b.blocks[k][c])
                total = part if total is None else add(total, part)
            line.append(total)
        out.append(tuple(line))
    return of_blocks(tuple(out))


def transposed(a: SymArray) -> SymArray:
    from checker.parse.arrays import transpose

    return of_blocks(tuple(tuple(transpose(a.blocks[r][c]) for r in range(len(a.blocks)))
                           for c in range(len(a.blocks[0]))))


def _shape(v: object) -> tuple[object, object] | None:
    if isinstance(v, SymArray):
        return v.rows, v.cols
    if isinstance(v, sp.MatrixBase):
        return sp.Integer(v.shape[0]), sp.Integer(v.shape[1])
    return None  # a number or 1/I without a size


def _side(line: list[object], axis: int) -> sp.Expr | None:
    """The height of a row of blocks (axis 0) or the width of a column (axis 1): one for all
    its sized blocks (None where none is sized)."""
    found = None
    for v in line:
        shape = _shape(v)
        if shape is None:
            continue
        if found is None:
            found = shape[axis]
        elif not same_size(found, shape[axis]):
            what = "row" if axis == 0 else "column"
            raise ShapeError(f"the blocks of a {what} of a block matrix have different "
                             f"{'heights' if axis == 0 else 'widths'} ({show(found)} and "
                             f"{show(shape[axis])})")
    return found


def _block(v: object, height: sp.Expr | None, width: sp.Expr | None) -> object:
    """v as a block of the given height and width (1, I and numbers take them)."""
    if isinstance(v, Unsized):
        if v.row is not None:
            raise ShapeError("the ones vector times a row inside a block matrix: write the "
                             "block's size")
        h = ONE if v.transposed and v.kind == "ones" else height
        w = ONE if not v.transposed and v.kind == "ones" else width
        if v.kind == "identity":
            h = w = height if height is not None else width
        if h is None or w is None or (height is not None and not same_size(h, height)) \
                or (width is not None and not same_size(w, width)):
            raise ShapeError(f"the size of {v.shown} inside a block matrix is not known from "
                             "its row and its column: write it with its size")
        if v.kind == "identity" and not same_size(h, w):
            raise ShapeError("the identity as a block that is not square")
        return _filled(v, h, w)
    if _shape(v) is None:  # a number: a block of one entry only
        if not (height is not None and width is not None and same_size(height, 1)
                and same_size(width, 1)):
            raise ShapeError(f"the number {sp.sstr(v)} as a block of a block matrix whose row or "
                             "column is wider than one entry: a block of that number in every "
                             "entry, or one entry? Write \\mathbf{1} (times the number) for a "
                             "block of ones; zero blocks are not read")
        return sp.ImmutableMatrix([[v]])
    shape = _shape(v)
    if (height is not None and not same_size(shape[0], height)) or (
            width is not None and not same_size(shape[1], width)):
        raise ShapeError("a block of a block matrix does not fit its row and column")
    return v


def _filled(u: Unsized, h: sp.Expr, w: sp.Expr) -> object:
    if h.is_Integer and w.is_Integer:
        m = sp.eye(int(h)) if u.kind == "identity" else sp.ones(int(h), int(w))
        return sp.ImmutableMatrix(m * u.coef)
    if u.kind == "identity":
        return SymArray(h, w, lambda i, j: u.coef * sp.KroneckerDelta(i, j))
    return SymArray(h, w, lambda i, j: u.coef)


def _one(v: object) -> SymArray:
    """A 1 × 1 explicit block as a block of symbolic kind."""
    value = v[0, 0]  # type: ignore[index]
    return SymArray(ONE, ONE, lambda i, j: value)
