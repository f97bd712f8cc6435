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
from checker.vocab import softmax, vector

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


def test_cheap_products_are_sympys_unevaluated_ones() -> None:
    """times() builds a·b from its arguments: the expression Mul(a, b, evaluate=False) is."""
    p, q = sp.exp(x) / s, sp.exp(y) / (s + 1)
    for a, b in ((p, q), (q, p), (x, p), (p, x + y)):
        got, want = times(a, b), sp.Mul(a, b, evaluate=False)
        assert got == want and got.args == want.args and hash(got) == hash(want)
        assert got.is_commutative is want.is_commutative
    assert isinstance(times(sp.MatrixSymbol("A", 2, 2), x), sp.MatMul)  # SymPy's, as before


def test_softmax_entries_are_sympys_quotients() -> None:
    """vocab.softmax writes e^{z_i}·(Σ e^{z_j})⁻¹ without SymPy's product finding it: the same
    expressions as e^{z_i} / Σ e^{z_j}, for symbols and for other entries alike."""
    w = sp.Symbol("w", positive=True)
    for z in (vector("z", 1), vector("z", 2), vector("x", 9), sp.ImmutableMatrix([x, 0, -x]),
              sp.ImmutableMatrix([x + y, sp.log(w), 2 * x, x]),
              sp.ImmutableMatrix([[x, y]])):
        total = sp.Add(*[sp.exp(t) for t in z])
        got = softmax(z)
        assert got.shape == z.shape
        for g, t in zip(got, z, strict=True):
            want = sp.exp(t) / total
            assert g == want and g.args == want.args and hash(g) == hash(want), (g, want)


def test_user_file_softmax_jacobian_both_ways(tmp_path: Path) -> None:
    for sign, want in (("-", Verdict.PROVED), ("+", Verdict.REFUTED)):
        path = tmp_path / f"jac{'m' if sign == '-' else 'p'}.toml"
        path.write_text(FILE.format(sign=sign, expect=want.value))
        checked = derivcheck.check_file(str(path), jobs=1, cache=False)
        assert [c.result.verdict for c in checked.checks] == [want], checked.checks


def _claim(lhs: sp.Expr, rhs: sp.Expr):
    from checker.model import Claim

    return Claim(lhs, rhs)


def test_a_true_claim_is_proved_by_its_certificate_alone(monkeypatch) -> None:
    from checker import engine

    def no_randomized_test(*args, **kwargs):
        raise AssertionError("the randomized test ran for a claim exact algebra proves")

    monkeypatch.setattr(engine, "randomized_zero_test", no_randomized_test)
    x, y = sp.symbols("x y", real=True)
    r = engine.check_claim(_claim((sp.exp(x) + sp.exp(y)) ** 2 / (1 + sp.exp(x)),
                                  (sp.exp(2 * x) + 2 * sp.exp(x + y) + sp.exp(2 * y))
                                  / (1 + sp.exp(x))))
    assert r.verdict is Verdict.PROVED and r.method.value == "exact rational normal form"


def test_a_false_claim_skips_exact_algebra_and_is_refuted(monkeypatch) -> None:
    from checker import engine

    calls: list[int] = []
    real = engine._exact_works
    monkeypatch.setattr(engine, "_exact_works", lambda *a: calls.append(1) or real(*a))
    x = sp.Symbol("x", real=True)
    r = engine.check_claim(_claim(sp.exp(x) / (1 + sp.exp(x)) ** 2, sp.exp(x) / (1 + sp.exp(x))))
    assert r.verdict is Verdict.REFUTED and r.counterexample is not None
    assert calls == []  # not zero at one point mod a prime: straight to the search


def test_values_mod_a_prime_are_the_exact_values_reduced() -> None:
    from fractions import Fraction

    from checker.strategies.evaluate import MODULUS, Pole, modvalues, ratvalues

    rng = random.Random(7)
    for _ in range(200):
        ops: list[tuple] = [("var", 0), ("var", 1), ("const", Fraction(rng.randint(-9, 9),
                                                                        rng.randint(1, 9)))]
        for _ in range(12):
            kind = rng.choice(["add", "mul", "pow"])
            if kind == "pow":
                ops.append(("pow", rng.randrange(len(ops)), Fraction(rng.choice([-2, -1, 2, 3]))))
            else:
                ops.append((kind, tuple(rng.sample(range(len(ops)), 2))))
        point = [rng.randint(-50, 50), rng.randint(-50, 50)]
        try:
            exact = ratvalues(ops, point)
        except Pole:
            continue
        try:
            mod = modvalues(ops, point)
        except Pole:  # a denominator that is a multiple of the prime: never at these sizes
            raise AssertionError("no pole mod p where there is none exactly") from None
        for q, m in zip(exact, mod, strict=True):
            assert int(q.p) * pow(int(q.q), -1, MODULUS) % MODULUS == m
