"""Pickles that rebuild expressions as they were written (checker.wire)."""

import pickle

import sympy as sp

from checker import wire
from checker.vocabulary import sigmoid

x, y = sp.symbols("x y", real=True)
f = sp.Function("f")


def test_an_expression_kept_as_written_comes_back_as_written():
    kept = [sp.Mul(2, x + 1, evaluate=False), sp.exp(sp.log(x), evaluate=False),
            sp.Pow(x, 1, evaluate=False), sp.Add(x, x, evaluate=False),
            sp.sin(sp.pi, evaluate=False)]
    for e in kept:
        back = wire.loads(wire.dumps(e))
        assert sp.srepr(back) == sp.srepr(e)
        # SymPy's own pickle evaluates it again: the reason for this module
        assert sp.srepr(pickle.loads(pickle.dumps(e))) != sp.srepr(e)


def test_evaluated_expressions_and_their_assumptions_survive():
    e = sigmoid(2 * x) * sp.exp(-y) + f(x, y) ** 2 - sp.sqrt(x**2 + 1) / sp.Sum(
        sp.Indexed("z", sp.Symbol("k", integer=True)), (sp.Symbol("k", integer=True), 1, 5))
    back = wire.loads(wire.dumps({"claim": (e, [e.diff(x)])}))
    assert back["claim"][0] == e and back["claim"][1][0] == e.diff(x)
    assert back["claim"][0].free_symbols == e.free_symbols
    assert all(s.is_real for s in back["claim"][0].free_symbols if s.name in "xy")


def test_ordinary_pickles_still_read():
    assert wire.loads(pickle.dumps((x + 1, "text", 3))) == (x + 1, "text", 3)


def test_a_derivative_comes_back_unevaluated_and_whole():
    kept = [sp.Derivative(sigmoid(x * y), x), sp.Derivative(f(x, y), (x, 2), y),
            sp.Derivative(sp.Indexed("w", sp.Symbol("i", integer=True)) ** 2,
                          sp.Indexed("w", sp.Symbol("j", integer=True)))]
    for d in kept:
        back = wire.loads(wire.dumps(d))
        assert sp.srepr(back) == sp.srepr(d) and hash(back) == hash(d)
        assert back.variable_count == d.variable_count and back.doit() == d.doit()


def test_sums_and_products_come_back_whole():
    k = sp.Symbol("k", integer=True)
    n = sp.Symbol("n", integer=True, positive=True)
    z = sp.IndexedBase("z")
    for e in [sp.Sum(z[k] * x, (k, 1, n)), sp.Product(sp.exp(z[k]), (k, 2, n - 1)),
              sp.Sum(sp.Sum(z[k] ** 2, (k, 1, n)), (x, 0, 3))]:
        back = wire.loads(wire.dumps(e))
        assert sp.srepr(back) == sp.srepr(e) and hash(back) == hash(e) and back == e
        assert back.is_commutative is e.is_commutative and back.limits == e.limits
        assert back.doit() == e.doit() and back.free_symbols == e.free_symbols
