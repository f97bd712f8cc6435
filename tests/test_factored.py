"""The factored-denominator exact test: sound, complete for rational identities, and the
FLINT and SymPy polynomial back ends agree."""

from __future__ import annotations

import random

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import Claim, Method, Settings, Verdict, check_claim
from checker.engine import OPAQUE_DETAIL
from checker.strategies.factored import factored_zero
from checker.strategies.program import Program
from checker.strategies.rewrite import Rewriter
from checker.vocab import reals, sigmoid

a, b, c = reals("a b c")


def _zero(lhs: sp.Expr, rhs: sp.Expr, backend: str = "flint", opaque: bool = False) -> bool:
    rw = Rewriter(opaque=opaque)
    rw.prescan([lhs, rhs])
    root = rw.program.sub(rw(lhs), rw(rhs))
    return factored_zero(rw.program.ops, len(rw.program.variables), [root], backend)[0]


IDENTITIES = [
    (1 / (a + b) + 1 / (a - b), 2 * a / (a**2 - b**2)),
    ((a**2 - b**2) / (a - b), a + b),  # cancellation the test never performs
    (1 / (1 + 1 / a), a / (a + 1)),  # nested fraction
    (2 / (2 * a + 2 * b) - 1 / (a + b), sp.Integer(0)),  # the same atom up to a constant
    (1 / (a * b) + 1 / (a * c), (b + c) / (a * b * c)),  # monomial atoms shared
    (sp.exp(a) / (1 + sp.exp(a)), sigmoid(a)),
    (sp.tanh(a), 2 * sigmoid(2 * a) - 1),
]
NON_IDENTITIES = [
    (1 / (a + b) + 1 / (a - b), 2 * b / (a**2 - b**2)),
    ((a**2 - b**2) / (a - b), a - b),
    (1 / (1 + 1 / a), a / (a + 2)),
    (sp.Rational(1, 3) / (a + b), sp.Rational(1, 3) / (a + b) + sp.Rational(1, 10**30)),
]


@pytest.mark.parametrize("backend", ["flint", "sympy"])
@pytest.mark.parametrize(("lhs", "rhs"), IDENTITIES)
def test_identities_reduce_to_zero(lhs: sp.Expr, rhs: sp.Expr, backend: str) -> None:
    assert _zero(lhs, rhs, backend)


@pytest.mark.parametrize("backend", ["flint", "sympy"])
@pytest.mark.parametrize(("lhs", "rhs"), NON_IDENTITIES)
def test_non_identities_do_not(lhs: sp.Expr, rhs: sp.Expr, backend: str) -> None:
    assert not _zero(lhs, rhs, backend)


def test_identically_zero_denominator_is_reported() -> None:
    p = Program()
    x = p.var(a)
    root = p.pow(p.add([x, p.mul([p.const(-1), x])]), -1)
    with pytest.raises(ZeroDivisionError):
        factored_zero(p.ops, 1, [root])


def test_opaque_atoms_lose_relations_but_never_prove_falsely() -> None:
    # σ as an independent symbol: σ(a) = e^a/(1+e^a) is no longer visible …
    assert not _zero(sigmoid(a), sp.exp(a) / (1 + sp.exp(a)), opaque=True)
    # … but identities in σ itself still are.
    assert _zero(sigmoid(a) * (1 - sigmoid(a)), sigmoid(a) - sigmoid(a) ** 2, opaque=True)


def test_engine_records_the_opaque_certificate() -> None:
    # (Derivative objects are evaluated through exp first; builders' sp.diff keeps σ.)
    r = check_claim(Claim(2 * sigmoid(a) * sigmoid(a) * (1 - sigmoid(a)),
                          2 * sigmoid(a) ** 2 - 2 * sigmoid(a) ** 3))
    assert r.verdict is Verdict.PROVED and r.method is Method.EXACT
    assert r.detail == OPAQUE_DETAIL


def test_engine_falls_back_to_the_full_rewrite() -> None:
    r = check_claim(Claim(sigmoid(a) * (1 - sigmoid(a)), sp.exp(-a) / (1 + sp.exp(-a)) ** 2),
                    Settings())
    assert r.verdict is Verdict.PROVED and r.method is Method.EXACT and not r.detail


LEAVES = st.sampled_from([a, b, c, sp.Integer(2), sp.Rational(-3, 7)])


def _build(tree: object) -> sp.Expr:
    if isinstance(tree, tuple):
        op, x, y = tree
        x, y = _build(x), _build(y)
        return {"+": x + y, "*": x * y, "/": x / (y**2 + 1)}[op]
    return tree  # type: ignore[return-value]


TREES = st.recursive(LEAVES, lambda kids: st.tuples(st.sampled_from("+*/"), kids, kids),
                     max_leaves=8)


@settings(max_examples=60, deadline=None)
@given(TREES, st.integers(0, 2**32))
def test_backends_agree_and_match_sympy(tree: object, seed: int) -> None:
    """On random rational functions: an equal rearrangement reduces to zero in both back ends,
    and a perturbed one in neither; SymPy's own cancel is the referee."""
    e = _build(tree)
    same = sp.together(sp.expand(e))
    bump = sp.Rational(random.Random(seed).randint(1, 99), 101) * a
    for backend in ("flint", "sympy"):
        assert _zero(e, same, backend)
        assert _zero(e, same + bump, backend) is False
