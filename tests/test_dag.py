"""checker.dag: walks over shared expressions, and SymPy's free symbols of sums remembered."""

import sympy as sp
from sympy.concrete.expr_with_limits import ExprWithLimits

from checker import dag

i, j, n, m, x = sp.symbols("i j n m x", integer=True)
w = sp.IndexedBase("w")


def _computed(e: sp.Basic) -> set:
    """SymPy's own answer, by its own code (not the remembered one)."""
    assert dag._computed_free_symbols is not None
    return dag._computed_free_symbols(e)


def test_remembered_free_symbols_are_sympys():
    inner = sp.Sum(w[i, j] * x, (j, 1, m))
    outer = sp.Sum(inner * i, (i, 1, n))
    integral = sp.Integral(x * sp.Symbol("t"), (x, 0, 1))
    for e in (inner, outer, integral, sp.Product(i + x, (i, 1, n))):
        assert e.free_symbols == _computed(e)
    assert {x, n, m} <= outer.free_symbols and i not in outer.free_symbols
    assert {x, m, i} <= inner.free_symbols and j not in inner.free_symbols


def test_remembered_free_symbols_are_a_new_set_each_time():
    s = sp.Sum(w[i] * x, (i, 1, n))
    first = s.free_symbols
    first.add(sp.Symbol("intruder"))  # a caller that changes the set it was given
    assert s.free_symbols == _computed(s)
    assert sp.Symbol("intruder") not in s.free_symbols
    assert s.free_symbols is not s.free_symbols


def test_the_memo_is_installed_once_and_bounded(monkeypatch):
    dag._install_bound_free_symbols()  # a second install keeps the one property
    assert getattr(ExprWithLimits.free_symbols.fget, "remembered", False)
    monkeypatch.setattr(dag, "_BOUND_FREE_SIZE", 3)
    dag._BOUND_FREE.clear()
    sums = [sp.Sum(w[i] * k, (i, 1, n)) for k in range(1, 11)]
    for s in sums:
        assert s.free_symbols == _computed(s)
    assert len(dag._BOUND_FREE) <= 3


def test_scan_reports_free_symbols_of_nested_sums():
    e = sp.Sum(sp.Sum(w[i, j], (j, 1, m)) * x, (i, 1, n)) + x
    symbols, types = dag.scan([e])
    assert symbols == e.free_symbols == {x} | _computed(e.args[0] if isinstance(e.args[0], sp.Sum)
                                                        else e.args[1])
    assert sp.Sum in types


def test_contains_answers_as_the_full_scan_does() -> None:
    """contains() walks types only (no SymPy free-symbol queries of sums): it must answer
    what the full scan would, for sums, integrals, derivatives and substitutions alike."""
    x, y, k, n = sp.symbols("x y k n")
    f = sp.Function("f")
    exprs = [sp.Sum(sp.exp(k * x), (k, 1, n)) + sp.sin(y),
             sp.Derivative(f(x), x).subs(x, 2 * y) + sp.Integral(sp.log(x + 2), (x, 0, 1)),
             sp.Piecewise((x, x > 0), (0, True)) * sp.Product(k, (k, 1, n))]
    kinds = (sp.Sum, sp.exp, sp.sin, sp.Derivative, sp.Subs, sp.Integral, sp.log,
             sp.Piecewise, sp.Product, sp.cos, sp.Max, sp.tanh)
    for e in exprs:
        dag._MEMO.clear()
        dag._NODES.clear()
        quick = [dag.contains([e], kind) for kind in kinds]
        full = dag._scan([e])[1]
        assert quick == [any(issubclass(t, kind) for t in full) for kind in kinds], e
