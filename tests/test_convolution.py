"""Tests for derivations/convolution.py: the matrix form of a convolution (seed 004, §7)."""

from __future__ import annotations

import random

import pytest
import sympy as sp

from derivations.convolution import (
    ITEMS,
    conv_matrix,
    direct_conv,
    output_shape,
    pad,
    vec,
)

X_DOC = sp.ImmutableMatrix([[4, -2, 1], [3, 8, 5]])
F_DOC = sp.ImmutableMatrix([2, 4, -1])
S_DOC = sp.ImmutableMatrix([[13, -16, -1], [20, 28, 22]])


def _random_matrix(rng: random.Random, rows: int, cols: int) -> sp.ImmutableMatrix:
    return sp.ImmutableMatrix(rows, cols, lambda i, j: sp.Integer(rng.randint(-9, 9)))


def _random_cases(n: int = 30, seed: int = 20240604) -> list[tuple]:
    rng = random.Random(seed)
    cases: list[tuple] = []
    while len(cases) < n:
        h, w = rng.randint(1, 5), rng.randint(1, 5)
        kh, kw = rng.randint(1, 3), rng.randint(1, 3)
        padding = (rng.randint(0, 2), rng.randint(0, 2))
        stride = (rng.randint(1, 2), rng.randint(1, 2))
        if kh > h + 2 * padding[0] or kw > w + 2 * padding[1]:
            continue
        order = rng.choice(["row", "column"])
        x, k = _random_matrix(rng, h, w), _random_matrix(rng, kh, kw)
        cases.append((x, k, padding, stride, order))
    return cases


@pytest.mark.parametrize(("x", "k", "padding", "stride", "order"), _random_cases())
def test_conv_matrix_matches_direct_conv(x, k, padding, stride, order) -> None:
    w = conv_matrix(x.shape, k, padding=padding, stride=stride, order=order)
    out = direct_conv(x, k, padding=padding, stride=stride)
    xp = pad(x, padding)
    assert w.shape == (out.rows * out.cols, xp.rows * xp.cols)
    assert out.shape == output_shape(x.shape, k.shape, padding, stride)
    assert w @ vec(xp, order) == vec(out, order)


def test_reference_loop_with_stride() -> None:
    """direct_conv against a plain-integer loop written independently of the module."""
    rng = random.Random(7)
    for _ in range(10):
        h, w, kh, kw = rng.randint(2, 5), rng.randint(2, 5), rng.randint(1, 2), rng.randint(1, 2)
        x = [[rng.randint(-5, 5) for _ in range(w)] for _ in range(h)]
        k = [[rng.randint(-5, 5) for _ in range(kw)] for _ in range(kh)]
        xp = [[0] * (w + 4)] * 2 + [[0, 0, *row, 0, 0] for row in x] + [[0] * (w + 4)] * 2
        expected = [
            [sum(k[a][b] * xp[2 * r + a][2 * c + b] for a in range(kh) for b in range(kw))
             for c in range((w + 4 - kw) // 2 + 1)]
            for r in range((h + 4 - kh) // 2 + 1)
        ]
        got = direct_conv(sp.Matrix(x), sp.Matrix(k), padding=(2, 2), stride=(2, 2))
        assert got == sp.ImmutableMatrix(expected)


def test_symbolic_kernel_random_shape() -> None:
    k = sp.ImmutableMatrix(2, 2, sp.symbols("k0:4", real=True))
    x = sp.ImmutableMatrix(3, 4, sp.symbols("a0:12", real=True))
    for order in ("row", "column"):
        w = conv_matrix((3, 4), k, padding=(1, 1), stride=(1, 2), order=order)
        lhs = w @ vec(pad(x, (1, 1)), order)
        rhs = vec(direct_conv(x, k, padding=(1, 1), stride=(1, 2)), order)
        assert (lhs - rhs).applyfunc(sp.expand) == sp.zeros(*lhs.shape)


def test_document_example() -> None:
    assert pad(X_DOC, (1, 0)) == sp.ImmutableMatrix(
        [[0, 0, 0], [4, -2, 1], [3, 8, 5], [0, 0, 0]]
    )
    assert direct_conv(X_DOC, F_DOC, padding=(1, 0)) == S_DOC
    w = conv_matrix((2, 3), F_DOC, padding=(1, 0))
    assert w.shape == (6, 12)
    assert w @ vec(pad(X_DOC, (1, 0))) == vec(S_DOC)
    wc = conv_matrix((2, 3), F_DOC, padding=(1, 0), order="column")
    assert wc @ vec(pad(X_DOC, (1, 0)), "column") == vec(S_DOC, "column")


def test_vec_orders() -> None:
    m = sp.ImmutableMatrix([[1, 2, 3], [4, 5, 6]])
    assert vec(m) == sp.ImmutableMatrix([1, 2, 3, 4, 5, 6])
    assert vec(m, "column") == sp.ImmutableMatrix([1, 4, 2, 5, 3, 6])


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: conv_matrix((2, 3), sp.ones(5, 1)), r"kernel 5x1 is larger than the padded input"),
        (lambda: conv_matrix((2, 3), sp.ones(3, 1)), r"larger than the padded input 2x3"),
        (lambda: direct_conv(X_DOC, sp.ones(2, 4)), r"kernel 2x4 is larger"),
        (lambda: conv_matrix((2, 3), F_DOC, stride=(0, 1)), r"stride must be positive"),
        (lambda: direct_conv(X_DOC, F_DOC, stride=(1, -1)), r"stride must be positive"),
        (lambda: conv_matrix((2, 3), F_DOC, padding=(-1, 0)), r"padding must be non-negative"),
        (lambda: pad(X_DOC, (0, -2)), r"padding must be non-negative"),
        (lambda: conv_matrix((0, 3), F_DOC), r"in_shape must be positive"),
        (lambda: conv_matrix((2, 3), F_DOC, order="diagonal"), r"order must be 'row' or 'column'"),
        (lambda: vec(X_DOC, "col"), r"order must be 'row' or 'column'"),
        (lambda: conv_matrix((2, 3), F_DOC, stride=(1,)), r"stride must be a pair"),
        (lambda: conv_matrix((2, 3), F_DOC, stride=(1.5, 1)), r"stride must contain integers"),
        (lambda: conv_matrix((2, 3), sp.zeros(0, 1)), r"kernel must not be empty"),
        (lambda: conv_matrix((2, 3), [[1, 2]]), r"kernel must be a SymPy matrix"),
    ],
)
def test_bad_arguments(call, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        call()


def _shape(value: object) -> tuple[int, int] | None:
    return value.shape if isinstance(value, sp.MatrixBase) else None


@pytest.mark.parametrize("item", ITEMS, ids=[i.id for i in ITEMS])
def test_items_build(item) -> None:
    entry = item.build()
    assert entry.id == item.id and item.id.startswith("conv-")
    assert entry.title == item.title and entry.source == item.source
    assert "004" in entry.source
    claim = entry.claim
    assert _shape(claim.lhs) == _shape(claim.rhs)
    assert all(s.is_real for s in claim.symbols)
    # every expected-proved claim is an identity of polynomials: check it exactly here
    diff = claim.lhs - claim.rhs
    if isinstance(diff, sp.MatrixBase):
        assert diff.applyfunc(sp.expand).is_zero_matrix
    else:
        assert sp.expand(diff) == 0


def test_item_ids_unique_and_present() -> None:
    ids = [i.id for i in ITEMS]
    assert len(ids) == len(set(ids))
    for wanted in ("conv-example", "conv-matrix-document-rowwise", "conv-wx-rowwise",
                   "conv-wx-columnwise", "conv-sparsity-rows", "conv-sparsity-density",
                   "conv-weight-sharing-rowwise", "conv-weight-sharing-columnwise"):
        assert wanted in ids


def test_document_matrix_symbols() -> None:
    entry = next(i for i in ITEMS if i.id == "conv-matrix-document-rowwise").build()
    names = sorted(str(s) for s in entry.claim.lhs.free_symbols)
    assert names == ["f_1", "f_2", "f_3"]
