"""Property-based soundness: random true identities are proved, perturbed ones never are."""

from __future__ import annotations

import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import Claim, Verdict, check_claim
from checker.vocab import sigmoid
from tests.recheck import assert_counterexample

a, b, c = (sp.Symbol(n, real=True) for n in "abc")
ATOMS = [a, b, c, sp.exp(a), sp.exp(-b), sp.exp(a + c), sigmoid(c), sp.tanh(b), sp.Integer(2),
         sp.Rational(-1, 3)]


def _combine(parts: tuple[str, sp.Expr, sp.Expr]) -> sp.Expr:
    op, x, y = parts
    if op == "+":
        return x + y
    if op == "-":
        return x - y
    if op == "*":
        return x * y
    return x / (1 + y**2)  # a denominator that never vanishes on the reals


EXPRESSIONS = st.recursive(
    st.sampled_from(ATOMS),
    lambda kids: st.tuples(st.sampled_from("+-*/"), kids, kids).map(_combine),
    max_leaves=7,
)
NONZERO = st.fractions(min_value=-5, max_value=5, max_denominator=10**6).filter(lambda q: q != 0)
QUICK = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _equivalent(e: sp.Expr) -> sp.Expr:
    """A different-looking but equal form: definitions expanded and the fraction recombined."""
    return sp.together(sp.expand(e.rewrite([sigmoid, sp.tanh], sp.exp)))


@QUICK
@given(EXPRESSIONS)
def test_true_identities_are_proved(e: sp.Expr) -> None:
    r = check_claim(Claim(e, _equivalent(e)))
    assert r.verdict is Verdict.PROVED, (e, r)


@QUICK
@given(EXPRESSIONS, NONZERO, st.sampled_from([sp.Integer(1), a, sp.exp(b), sigmoid(c)]))
def test_perturbed_identities_are_never_proved(e: sp.Expr, q: object, m: sp.Expr) -> None:
    wrong = Claim(e, _equivalent(e) + sp.Rational(q.numerator, q.denominator) * m)
    r = check_claim(wrong)
    assert r.verdict is not Verdict.PROVED, (e, q, m, r)
    if r.verdict is Verdict.REFUTED:
        assert_counterexample(wrong, r.counterexample)
