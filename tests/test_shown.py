"""checker.shown: expressions shown in a report never in the engine's own names (_k, w__i)."""

import sympy as sp

from checker.model import Claim, Condition, Equation, Index
from checker.shown import index_notation
from checker.strategies import symbolic_n


def test_hypotheses_are_described_in_index_notation():
    """A new user's report said "given: Sum(y[_k], (_k, 1, K)) = 1" and "defined where
    Sum(X[_k, _k]*w[_k] …" (two different indices both printed _k)."""
    K, n = sp.Symbol("K", integer=True, positive=True), sp.Symbol("n", integer=True)
    y, X, w = sp.IndexedBase("y"), sp.IndexedBase("X"), sp.IndexedBase("w")
    k, k2 = sp.Dummy("k", integer=True), sp.Dummy("k", integer=True)
    assert Equation(sp.Sum(y[k], (k, 1, K)), 1).describe() == "(Σ_{k=1}^{K} y_k) = 1"
    shown = Condition(sp.Sum(X[k, k2] * w[k2], (k2, 1, n)) > 0).describe()
    assert "[_" not in shown and "Sum(" not in shown and "__" not in shown, shown
    assert "X_k′,k" in shown and "w_k)" in shown, shown


def test_a_derivative_by_an_entry_names_its_index():
    """∂/∂w__i: the index of the entry differentiated by was printed as the Dummy it is."""
    w, i, k = sp.IndexedBase("w"), sp.Dummy("i", integer=True), sp.Dummy("k", integer=True)
    n = sp.Symbol("n", integer=True)
    shown = index_notation(sp.Derivative(sp.Sum(w[k] ** 2, (k, 1, n)), w[i]))
    assert "__" not in shown and "∂w_i" in shown, shown


def test_the_cases_of_a_claims_indices_are_named_as_written():
    """"case _i ≠ _j" in an unknown's reason: the cases are labelled with the indices' names."""
    n = sp.Symbol("n", integer=True, positive=True)
    i, j = sp.Dummy("i", integer=True), sp.Dummy("j", integer=True)
    x = sp.IndexedBase("x")
    claim = Claim(x[i] * x[j], x[j] * x[i],
                  indices=(Index(i, sp.Integer(1), n), Index(j, sp.Integer(1), n)), lengths=((x, n),))
    labels = [c.label for c in symbolic_n._cases(claim)]
    assert labels and all("_" not in label for label in labels), labels
    assert any("i ≠ j" in label or "j ≠ i" in label for label in labels), labels
