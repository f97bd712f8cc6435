"""``chain_grad`` (reverse accumulation through stages) and the DAG walks it relies on."""

from __future__ import annotations

import pytest
import sympy as sp

from checker import Claim, Method, Settings, Verdict, check_claim
from checker.dag import contains, free_symbols
from checker.vocab import chain_grad, grad, reals, sigmoid, sigmoid_v, vector
from derivations.backprop import gradient_claim, network


@pytest.mark.parametrize("convention", ["col", "row"])
@pytest.mark.parametrize("g", ["x", "W1", "b1", "W2", "b2"])
def test_network_gradient_equals_direct_diff(convention: str, g: str) -> None:
    """The catalog's computed side (reverse accumulation on the DAG) equals SymPy's diff:
    exactly (the engine with --exact), at (2, 3, 2)."""
    net = network((2, 3, 2), convention)  # type: ignore[arg-type]
    computed = gradient_claim(net, g).lhs
    loss = net.loss(net.layer2(sigmoid_v(net.layer1(net.x))))
    direct = getattr(net, g).applyfunc(lambda v: sp.diff(loss, v))  # (SymPy's, not the DAG's)
    r = check_claim(Claim(computed, direct), Settings(require_exact=True))
    assert r.verdict is Verdict.PROVED and r.method is Method.EXACT


def test_direct_dependence_and_reuse_of_earlier_stages() -> None:
    x, w = reals("x w")
    u, v = vector("u", 1), vector("v", 1)
    # u = x², v = sin(u) + u·w, f = v·u + x: f depends on x directly and through both stages.
    stages = [(u, sp.ImmutableMatrix([x**2])), (v, sp.ImmutableMatrix([sp.sin(u[0]) + u[0] * w]))]
    f = v[0] * u[0] + x
    got = chain_grad(f, sp.ImmutableMatrix([x, w]), stages)
    composed = (sp.sin(x**2) + x**2 * w) * x**2 + x
    want = sp.ImmutableMatrix([sp.diff(composed, x), sp.diff(composed, w)])
    assert sp.simplify(got - want) == sp.zeros(2, 1)


def test_a_stage_may_not_use_a_later_one() -> None:
    x, = reals("x")
    u, v = vector("u", 1), vector("v", 1)
    with pytest.raises(ValueError, match="later stage"):
        chain_grad(v[0], sp.ImmutableMatrix([x]), [(u, sp.ImmutableMatrix([v[0]])),
                                                     (v, sp.ImmutableMatrix([x]))])


def test_dag_walks_agree_with_sympy() -> None:
    x, y, k = reals("x y k")
    j = sp.Symbol("j", integer=True)
    exprs = [sp.exp(x) * sigmoid(y), sp.Derivative(sigmoid(x) * y, x),
             sp.Sum(x**j, (j, 1, 3)) + k, sp.Integer(3)]
    for e in exprs:
        assert free_symbols(e) == e.free_symbols
    assert contains([exprs[1]], sigmoid)  # seen inside a Derivative
    assert not contains([exprs[0]], sp.Derivative)


def test_grad_on_the_dag_equals_sympys_and_falls_back_where_it_must() -> None:
    """vocab.grad differentiates on the shared DAG where it can, by SymPy's diff elsewhere
    (|x| has no derivative at 0: the DAG does not take it); both equal SymPy's own."""
    x, y = reals("x y")
    z = vector("z", 3)
    smooth = sp.log(sp.exp(z[0]) / (sp.exp(z[0]) + sp.exp(z[1]) + sp.exp(z[2]))) * sigmoid(z[1])
    kinked = sp.Abs(x) * y + x**2
    for f, wrt in ((smooth, z), (kinked, sp.ImmutableMatrix([x, y]))):
        got = grad(f, wrt)
        want = wrt.applyfunc(lambda v, f=f: sp.diff(f, v))
        assert got.shape == wrt.shape
        r = check_claim(Claim(got, want), Settings(require_exact=True))
        assert r.verdict is Verdict.PROVED
    assert grad(kinked, sp.ImmutableMatrix([x, y]))[0].has(sp.sign)  # (SymPy's d|x|/dx)
