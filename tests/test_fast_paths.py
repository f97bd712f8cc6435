"""The reader's cheap products (outer products, differences of explicit matrices) keep the values.

outer(p, p) and A − B of explicit matrices are built without SymPy flattening each entry again
(checker.differentiate.times / minus): the same value in another form. These tests check the
value and that user files stating the softmax Jacobian are decided both ways (true and a slip).
"""

from __future__ import annotations

import random
from pathlib import Path

import sympy as sp

import derivcheck
from checker import Verdict
from checker.differentiate import matrix_minus, minus, times

x, y, s = sp.symbols("x y s", real=True)


def _equal_at_points(a: sp.Expr, b: sp.Expr) -> bool:
    rng = random.Random(1)
    for _ in range(5):
        point = {v: sp.Rational(rng.randint(-9, 9), rng.randint(1, 9)) for v in (x, y)}
        point[s] = sp.Rational(rng.randint(1, 9), rng.randint(1, 9))
        if sp.nsimplify(a.xreplace(point) - b.xreplace(point)) != 0:
            return False
    return True


def test_cheap_products_keep_the_value() -> None:
    p, q = sp.exp(x) / s, sp.exp(y) / s
    assert _equal_at_points(times(p, q), p * q)
    assert _equal_at_points(minus(x, times(p, q)), x - p * q)
    assert minus(x, 2 * x * y) == x - 2 * x * y  # a coefficient is negated SymPy's way
    assert minus(x, y) == x - y
    a = sp.ImmutableMatrix([[x, p], [q, 1]])
    b = sp.ImmutableMatrix([[times(p, q), y], [-x, 3 * s]])
    got = matrix_minus(a, b)
    assert got.shape == (2, 2)
    assert all(_equal_at_points(g, w) for g, w in zip(got, a - b, strict=True))


FILE = """format = 1

[context]
vectors = {{ x = 4 }}

[[derivation]]
id = "jacobian"
title = "softmax Jacobian"
claim = "jacobian(softmax(x), x) == diag(softmax(x)) {sign} outer(softmax(x), softmax(x))"
expect = "{expect}"
"""


def test_user_file_softmax_jacobian_both_ways(tmp_path: Path) -> None:
    for sign, want in (("-", Verdict.PROVED), ("+", Verdict.REFUTED)):
        path = tmp_path / f"jac{'m' if sign == '-' else 'p'}.toml"
        path.write_text(FILE.format(sign=sign, expect=want.value))
        checked = derivcheck.check_file(str(path), jobs=1, cache=False)
        assert [c.result.verdict for c in checked.checks] == [want], checked.checks
