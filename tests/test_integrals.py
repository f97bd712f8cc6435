"""Definite integrals (checker/strategies/integrals.py): how they are read, the exact values
given by their antiderivatives (checked here against numerical quadrature, independently of the
engine), comparisons by linearity, and what stays unknown."""

from __future__ import annotations

from pathlib import Path

import mpmath
import pytest
import sympy as sp

from checker import Verdict
from checker.parse.context import Context
from checker.parse.latex import parse_latex_expr
from checker.parse.tree import ParseError, plain
from checker.strategies.integrals import _NoRule, value_of
from tests.test_latex_notation import proved, refuted
from tests.test_reading import check, goal, load_error

DENSITY = 'symbols = { x = "real", mu = "real", s = "positive", a = "positive", b = "real" }'
NORMAL = "\\frac{1}{\\sqrt{2\\pi}s} e^{-\\frac{(t-\\mu)^2}{2s^2}}"


# ---------------------------------------------------------------------------------- reading

@pytest.mark.parametrize(("text", "want"), [
    ("\\int_0^1 t^2 \\, dt", "Integral(t^2, [t, 0, 1])"),
    ("\\int_{0}^{1} t \\,\\mathrm{d} t", "Integral(t, [t, 0, 1])"),
    ("\\int_{-\\infty}^{x} e^{-t} dt", "Integral(exp(-t), [t, -_infinity, x])"),
    ("\\int_{-\\infty}^{+\\infty} t dt", "Integral(t, [t, -_infinity, +_infinity])"),
    ("\\int_0^\\infty e^{-t} dt", "Integral(exp(-t), [t, 0, _infinity])"),
    ("\\int_0^1 (t + 1) dt + 2", "Integral(t + 1, [t, 0, 1]) + 2"),
    ("2 \\int_{-1+a}^{b} t dt", "2·Integral(t, [t, -1 + a, b])"),
    ("\\int_0^1 \\int_0^1 t u \\, dt \\, du", "Integral(Integral(t·u, [t, 0, 1]), [u, 0, 1])"),
    ("\\int_0^1 x^2 \\, d\\theta", "Integral(x^2, [theta, 0, 1])"),
])
def test_an_integral_is_read_up_to_its_differential(text: str, want: str) -> None:
    assert plain(parse_latex_expr(text, Context())) == want


@pytest.mark.parametrize(("text", "fragment"), [
    ("\\int t \\, dt", "without both bounds"),  # an antiderivative: only up to a constant
    ("\\int_0 t \\, dt", "without both bounds"),
    ("\\int_0^1 t", "without its differential"),
    ("\\int_0^1 t + 1 \\, dt", "put the integrand in brackets"),  # ∫(t + 1) or (∫t) + 1?
    ("\\int_0^1 dt", "integrand before its differential"),
    ("\\infty", "only as a bound of an integral"),
    ("\\iint_D f \\, dA", "only single integrals"),
])
def test_an_integral_that_cannot_be_read_one_way_is_refused(text: str, fragment: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_latex_expr(text, Context())
    assert fragment in info.value.message


def test_a_declared_d_makes_the_letter_differential_ambiguous() -> None:
    c = Context()
    c.declare_symbol("d", "real")
    with pytest.raises(ParseError, match="could be d times t"):
        parse_latex_expr("\\int_0^1 t \\, dt", c)
    assert plain(parse_latex_expr("\\int_0^1 t \\, \\mathrm{d}t", c)) == "Integral(t, [t, 0, 1])"


# ------------------------------------------------------------ exact values, checked by quadrature

mu, s, a, b, x = sp.symbols("mu s a b x", real=True)
t = sp.Symbol("t", real=True)
GAUSS = sp.exp(-(t - mu) ** 2 / (2 * s ** 2)) / (sp.sqrt(2 * sp.pi) * s)


@pytest.mark.parametrize(("f", "lo", "hi"), [
    (GAUSS, -sp.oo, sp.oo),
    ((t - mu) ** 2 * GAUSS, -sp.oo, sp.oo),
    (t ** 3 * GAUSS, -sp.oo, sp.oo),
    (t ** 4 * GAUSS, -sp.oo, x),
    (t * GAUSS, x, sp.oo),
    (GAUSS, -1, x),
    (t ** 2 * sp.exp(-t ** 2 + 3 * t), -sp.oo, sp.oo),
    (t ** 2 * sp.exp(-a * t), 0, sp.oo),
    (t * sp.exp(a * t), -1, 2),
    (3 * t ** 5 - t, -2, x),
    (GAUSS * (sp.log(s) - (t - mu) ** 2 / (2 * s ** 2)), -sp.oo, sp.oo),
])
def test_exact_values_agree_with_quadrature(f: sp.Expr, lo: sp.Expr, hi: sp.Expr) -> None:
    s_ = sp.Symbol("s", positive=True)
    a_ = sp.Symbol("a", positive=True)
    f = f.xreplace({s: s_, a: a_})
    value = value_of(f, t, lo, hi)
    assert not value.has(sp.Integral)
    for point in ({mu: sp.Rational(1, 3), s_: sp.Rational(3, 2), a_: 2, b: sp.Rational(-1, 2),
                   x: sp.Rational(7, 5)},
                  {mu: -2, s_: sp.Rational(1, 2), a_: sp.Rational(1, 3), b: 3, x: -1}):
        g = sp.lambdify(t, f.subs(point), "mpmath")
        bounds = [mpmath.mpf(float(sp.N(sp.Integer(v) if isinstance(v, int) else v.subs(point))))
                  if not (isinstance(v, sp.Basic) and v.is_infinite) else
                  (mpmath.inf if v == sp.oo else -mpmath.inf) for v in (lo, hi)]
        numeric = mpmath.quad(g, bounds)
        assert abs(float(sp.N(value.subs(point), 30)) - float(numeric)) < 1e-9, (point, value)


@pytest.mark.parametrize(("f", "lo", "hi"), [
    (t ** 2, -sp.oo, sp.oo),  # diverges
    (sp.exp(t ** 2), 0, 1),  # e^(+t²): no rule
    (sp.exp(b * t), 0, sp.oo),  # decays only for b < 0, which is not known
    (1 / t, -1, 1),
    (sp.log(t), 1, 2),
    (sp.exp(t ** 3), 0, 1),
    (t * sp.exp(b * t), -1, 2),  # b ≠ 0 is not known: e^(0·t) integrates differently
])
def test_integrals_without_a_rule_have_no_value(f: sp.Expr, lo: sp.Expr, hi: sp.Expr) -> None:
    with pytest.raises(_NoRule):
        value_of(f, t, lo, hi)


# ------------------------------------------------------------------------- claims, end to end

@pytest.mark.parametrize("latex", [
    f"\\int_{{-\\infty}}^{{\\infty}} {NORMAL} dt = 1",
    f"\\int_{{-\\infty}}^{{\\infty}} (t - \\mu)^2 {NORMAL} dt = s^2",
    f"\\int_{{-\\infty}}^{{\\infty}} t^2 {NORMAL} dt = s^2 + \\mu^2",
    "\\int_0^{\\infty} a e^{-a t} dt = 1",
    "\\int_{-\\infty}^{x} \\frac{1}{\\sqrt{2\\pi}} e^{-t^2/2} dt = \\frac{1}{2}(1 + \\operatorname{erf}"
    "(\\frac{x}{\\sqrt{2}}))",
    "\\int_0^1 t^2 \\, dt = \\frac{1}{3}",
    "\\int_0^x t \\, dt = \\frac{x^2}{2}",
])
def test_integral_identities_are_proved(tmp_path: Path, latex: str) -> None:
    proved(tmp_path, DENSITY, latex)


@pytest.mark.parametrize("latex", [
    f"\\int_{{-\\infty}}^{{\\infty}} (t - \\mu)^2 {NORMAL} dt = s",  # σ for σ²
    f"\\int_{{-\\infty}}^{{\\infty}} t^2 {NORMAL} dt = s^2",  # the mean dropped
    "\\int_0^{\\infty} a e^{-a t} dt = a",
    "\\int_0^x t \\, dt = x^2",
])
def test_wrong_integral_values_are_refuted_at_a_point(tmp_path: Path, latex: str) -> None:
    refuted(tmp_path, DENSITY, latex)  # (check() re-checks each counterexample by quadrature)


def test_linearity_proves_what_holds_for_every_integrand(tmp_path: Path) -> None:
    context = DENSITY + '\nfunctions = { P = "arbitrary" }'
    out = check(tmp_path, context, "latex = '''\\int_{-\\infty}^{\\infty} P(t)(t^2 - 2\\mu t + \\mu^2) "
                                   "dt = \\int_{-\\infty}^{\\infty} P(t) t^2 dt - 2\\mu "
                                   "\\int_{-\\infty}^{\\infty} t P(t) dt + \\mu^2 "
                                   "\\int_{-\\infty}^{\\infty} P(t) dt'''")
    assert goal(out).verdict is Verdict.PROVED, goal(out)
    assert "where each exists" in goal(out).detail


def test_linearity_never_refutes(tmp_path: Path) -> None:
    context = DENSITY + '\nfunctions = { P = "arbitrary" }'
    out = check(tmp_path, context, "latex = '''\\int_0^1 2 P(t) dt = \\int_0^1 P(t) dt'''\n"
                "expect = \"refuted\"\nexpect_steps = { 2 = \"refuted\" }")
    # true where ∫P = 0: linearity says nothing; P is declared arbitrary, and a polynomial put
    # in for it refutes the claim (checker.strategies.witness)
    assert goal(out).verdict is Verdict.REFUTED, goal(out)
    assert goal(out).counterexample.witness
    out = check(tmp_path, context, "latex = '''\\int_0^1 \\sigma(t) dt = \\frac{1}{2}'''")
    assert goal(out).verdict is Verdict.UNKNOWN, goal(out)
    assert "no exact value" in goal(out).detail


@pytest.mark.parametrize("latex", [
    "\\int_{-\\infty}^{\\infty} t^2 dt = 0",  # diverges: never proved
    "\\int_{-\\infty}^{\\infty} t \\, dt = 0",
    "\\int_{-1}^{1} \\frac{1}{t} dt = 0",
])
def test_divergent_integrals_are_never_proved(tmp_path: Path, latex: str) -> None:
    out = check(tmp_path, DENSITY, f"latex = '''{latex}'''")
    assert goal(out).verdict is Verdict.UNKNOWN, goal(out)


def test_the_variable_of_integration_never_captures_a_name_of_the_file(tmp_path: Path) -> None:
    context = 'symbols = { t = "real" }'
    proved(tmp_path, context, "\\int_0^{t} t \\, dt = \\frac{t^2}{2}")  # the bound t is the file's
    refuted(tmp_path, context, "\\int_0^{1} t \\, dt = t")


def test_integrals_in_plain_claims(tmp_path: Path) -> None:
    out = check(tmp_path, DENSITY, 'claim = "Integral(a*exp(-a*u), (u, 0, oo)) == 1"')
    assert goal(out).verdict is Verdict.PROVED, goal(out)
    out = check(tmp_path, DENSITY, 'claim = "Integral(u, (u, 0, x)) == x"\nexpect = "refuted"')
    assert goal(out).verdict is Verdict.REFUTED, goal(out)
    assert "write an integral as Integral" in load_error(tmp_path, DENSITY,
                                                         'claim = "Integral(u, u) == 1"')


def test_looking_for_integrals_walks_the_shared_dag(monkeypatch: pytest.MonkeyPatch) -> None:
    # A network's gradient shares its subexpressions many times over; walked as a tree (SymPy's
    # has()) this one has 2^60 nodes. The check must visit each shared node once.
    from checker.model import Claim
    from checker.strategies import integrals

    e = x
    for _ in range(60):
        e = sp.Mul(sp.exp(e, evaluate=False), sp.Add(e, 1, evaluate=False), evaluate=False)
    walked: list[bool] = []

    def tree_walk(self: object, *kinds: object) -> bool:  # stands in for SymPy's has()
        walked.append(True)
        return False

    monkeypatch.setattr(sp.Basic, "has", tree_walk)
    assert not integrals.present(Claim(e, x))
    assert not walked, "has() walks the tree"


# from an adversary of the integrals: each was a false verdict

@pytest.mark.parametrize(("latex", "verdict"), [
    ("\\int_{0}^{2} \\int_{0}^{3} 1 \\, dt \\, du = 6", Verdict.PROVED),  # one Integral, two limits
    ("\\int_{0}^{2} \\int_{0}^{3} 1 \\, dt \\, du = 3", Verdict.REFUTED),
    ("\\int_{0}^{1} \\int_{0}^{x} x t \\, dt \\, dx = \\frac{1}{8}", Verdict.PROVED),
])
def test_nested_integrals_are_evaluated_inside_out(tmp_path: Path, latex: str,
                                                   verdict: Verdict) -> None:
    out = check(tmp_path, DENSITY, f"latex = '''{latex}'''\nexpect = \"{verdict.value}\"")
    assert goal(out).verdict is verdict, goal(out)


def test_an_integral_that_depends_on_a_sum_index_is_not_a_constant(tmp_path: Path) -> None:
    context = 'dims = { n = "positive integer" }\nvectors = { y = "n" }'
    out = check(tmp_path, context, "latex = '''\\sum_{k=1}^{n} {\\left(y_k - \\frac{1}{n}\\sum_{j=1}^{n} "
                                   "y_j\\right) \\int_0^{1} \\sigma(k t) \\, dt} = 0'''")
    assert goal(out).verdict is not Verdict.PROVED, goal(out)  # 1/4·∫σ… ≠ 0 at n = 2


@pytest.mark.parametrize("latex", [
    "(x - 1) \\int_{-1}^{1} t \\, dt = 0 \\implies x = 1",  # the integral is 0: 0 = 0 says nothing
    "(x - 1)(\\log 2 + \\log 3 - \\log 6) = 0 \\implies x = 1",
])
def test_an_implication_never_divides_by_a_constant_not_shown_non_zero(tmp_path: Path,
                                                                     latex: str) -> None:
    out = check(tmp_path, DENSITY, f"latex = '''{latex}'''")
    assert all(c.result.verdict is not Verdict.PROVED for c in out.checks  # type: ignore[attr-defined]
               if c.check.kind.value == "step"), [c.result for c in out.checks]


def test_an_integrand_undefined_on_its_range_gets_no_value(tmp_path: Path) -> None:
    out = check(tmp_path, DENSITY, "latex = '''\\int_{-2}^{-1} \\left(\\sqrt{t}\\right)^2 \\, dt = "
                                   "-\\frac{3}{2}'''")
    assert goal(out).verdict is Verdict.UNKNOWN, goal(out)


@pytest.mark.parametrize("text", ["\\int_0^1 e \\, de", "\\int_0^1 \\sigma(x) \\, d\\sigma",
                                  "\\int_0^1 t \\, d\\pi"])
def test_a_letter_that_means_something_else_is_not_a_variable_of_integration(text: str) -> None:
    with pytest.raises(ParseError, match=r"names .* here, so it cannot also be the variable|declared as"):
        parse_latex_expr(text, Context())


def test_a_wrong_integral_value_gets_a_diagnosis(tmp_path: Path) -> None:
    latex = f"\\int_{{-\\infty}}^{{\\infty}} t {NORMAL} \\, dt = \\mu + s"
    out = check(tmp_path, DENSITY, f"latex = '''{latex}'''\nexpect = \"refuted\"")
    step = next(c.result for c in out.checks if c.check.kind.value == "step")  # type: ignore[attr-defined]
    assert step.verdict is Verdict.REFUTED
    assert step.diagnosis is not None and step.diagnosis.kind == "term", step.diagnosis
    assert step.diagnosis.corrected == "\\mu"
