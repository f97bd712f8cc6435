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
