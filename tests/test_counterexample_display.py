"""A certified difference is shown with enough digits to see it (issue 9, item 13)."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp

from checker import Claim, Settings, Verdict, check_claim
from checker.vocab import real
from tests.recheck import assert_counterexample

x = real("x")
E_SERIES = sum(x**k / sp.factorial(k) for k in range(21))  # e at x = 1, to about 20 digits


def _number(text: str) -> Fraction:
    return Fraction(text)  # "1/4", "1.000000000000000004", "8.75e-27"


@pytest.mark.parametrize(("lhs", "rhs"), [
    (1 + sp.exp(-40), sp.Integer(1)),  # was shown as "1.0 vs 1"
    (sp.Integer(1), 1 - sp.exp(-45)),
    (sp.exp(x), E_SERIES),  # e vs a rational within 3e-20 of it
    (sp.exp(x) + sp.exp(-50), sp.exp(x)),
], ids=["1+e^-40", "1-e^-45", "e-vs-series", "both-intervals"])
def test_the_shown_values_differ_and_are_right(lhs: sp.Expr, rhs: sp.Expr) -> None:
    claim = Claim(lhs, rhs, expect=Verdict.REFUTED)
    r = check_claim(claim, Settings())
    assert r.verdict is Verdict.REFUTED
    cex = r.counterexample
    assert cex is not None
    assert_counterexample(claim, cex)
    shown_l, shown_r = _number(cex.lhs_value), _number(cex.rhs_value)
    assert shown_l != shown_r, (cex.lhs_value, cex.rhs_value)  # the difference is visible
    point = cex.as_dict()
    for shown, side, text in ((shown_l, lhs, cex.lhs_value), (shown_r, rhs, cex.rhs_value)):
        true = sp.N(side.subs(point), 80)
        error = abs(sp.Rational(shown.numerator, shown.denominator) - true)
        if "." not in text and "e" not in text:
            assert error < sp.Float(10) ** -70, text  # an exact rational, shown exactly
        else:  # a decimal: right to its last significant digit
            digits = len(text.split("e")[0].replace(".", "").replace("-", "").lstrip("0"))
            assert error <= abs(true) * sp.Float(10) ** (1 - digits), text
    assert len(cex.lhs_value) + len(cex.rhs_value) < 120  # only as many digits as it takes


def test_ordinary_values_keep_15_digits() -> None:
    r = check_claim(Claim(sp.exp(x), 1 + x, expect=Verdict.REFUTED), Settings())
    cex = r.counterexample
    assert cex is not None and cex.as_dict() == {x: 1}
    assert (cex.lhs_value, cex.rhs_value) == ("2.71828182845905", "2")
