"""The functions people use (issue 10): piecewise functions region by region, roots made
rational, logs through exp, erf and GELU; examples/functions.toml as expected, and mutants
of its true claims never proved."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import Claim, Condition, Limits, Method, Settings, Verdict, check_claim, run
from checker.derivation_file import load_file
from checker.strategies.factored import factored_zero
from checker.strategies.program import Program
from tests.recheck import assert_counterexample

x, y = sp.symbols("x y", real=True)
a = sp.Symbol("a", positive=True)
eps = sp.Symbol("eps", positive=True)
D = sp.Derivative
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "functions.toml"


def decide(claim: Claim) -> object:
    r = check_claim(claim)
    if r.counterexample is not None:
        assert_counterexample(claim, r.counterexample)
    return r


# ------------------------------------------------------------------------- piecewise

@pytest.mark.parametrize(("lhs", "rhs", "verdict"), [
    (sp.Max(0, x) - sp.Max(0, -x), x, Verdict.PROVED),
    (sp.Max(0, x) + sp.Max(0, -x), sp.Abs(x), Verdict.PROVED),
    (sp.Max(x, y) - sp.Min(x, y), sp.Abs(x - y), Verdict.PROVED),
    (sp.Abs(x * y), sp.Abs(x) * sp.Abs(y), Verdict.PROVED),
    (sp.Min(sp.Max(x, -1), 1), sp.Max(sp.Min(x, 1), -1), Verdict.PROVED),
    (sp.sign(x) * sp.Abs(x), x, Verdict.PROVED),
    (sp.Heaviside(x) + sp.Heaviside(-x), 1, Verdict.PROVED),
    (sp.Max(0, x), x, Verdict.REFUTED),
    (sp.Abs(x + y), sp.Abs(x) + sp.Abs(y), Verdict.REFUTED),
    (sp.Abs(x * y), x * sp.Abs(y), Verdict.REFUTED),
    (sp.Heaviside(x) ** 2, sp.Heaviside(x), Verdict.REFUTED),  # H(0) = 1/2, as stated
], ids=lambda v: sp.sstr(v) if isinstance(v, sp.Basic) else str(v))
def test_piecewise_claims_are_decided_region_by_region(lhs: object, rhs: object,
                                                        verdict: Verdict) -> None:
    r = decide(Claim(lhs, rhs))
    assert r.verdict is verdict, r
    if verdict is Verdict.PROVED:
        assert "region by region" in r.detail


def test_a_counterexample_names_its_region_and_lies_inside_it() -> None:
    r = decide(Claim(sp.Abs(x + y), sp.Abs(x) + sp.Abs(y)))
    point = r.counterexample.as_dict()
    assert (point[x] >= 0) != (point[y] >= 0)  # x and y of opposite signs: where it fails
    assert "y < 0" in r.counterexample.case or "x < 0" in r.counterexample.case


def test_kinks_are_excluded_and_the_scope_says_so() -> None:
    r = decide(Claim(D(sp.Max(0, x), x), sp.Heaviside(x)))
    assert r.verdict is Verdict.PROVED
    assert "not checked" in r.scope and "x ≠ 0" in r.scope
    # with the kink excluded, sign(0) = 0 and Heaviside(0) = 1/2 cannot refute a derivative
    assert decide(Claim(D(sp.Abs(x), x) ** 2, 1)).verdict is Verdict.PROVED
    assert decide(Claim(D(sp.Max(0, x), x), 1)).verdict is Verdict.REFUTED


def test_regions_respect_hypotheses() -> None:
    assert decide(Claim(sp.Abs(x), x, (Condition(x > 0),))).verdict is Verdict.PROVED
    leaky = sp.Piecewise((x, x >= 0), (a * x, True))
    assert decide(Claim(leaky, sp.Max(x, a * x), (Condition(a < 1),))).verdict is Verdict.PROVED
    assert decide(Claim(leaky, sp.Min(x, a * x), (Condition(a < 1),))).verdict \
        is Verdict.REFUTED


# ----------------------------------------------------------------------------- roots

@pytest.mark.parametrize(("lhs", "rhs", "verdict"), [
    (sp.sqrt(x + eps) * (x + eps) ** sp.Rational(-3, 2), 1 / (x + eps), Verdict.PROVED),
    (D(sp.sqrt(x**2 + eps), x), x / sp.sqrt(x**2 + eps), Verdict.PROVED),
    (D(1 / sp.sqrt(x**2 + eps), x), -x * (x**2 + eps) ** sp.Rational(-3, 2), Verdict.PROVED),
    (D(1 / sp.sqrt(x**2 + eps), x), -x / sp.sqrt(x**2 + eps), Verdict.REFUTED),
    (sp.sqrt(1 / (x**2 + eps)) * sp.sqrt(x**2 + eps), 1, Verdict.PROVED),
    # no variable occurs linearly: the relation s² = u reduces the exact certificate
    (D(x / sp.sqrt(x**2 + y**2), x), y**2 / (x**2 + y**2) ** sp.Rational(3, 2), Verdict.PROVED),
    (D(x / sp.sqrt(x**2 + y**2), x), y**2 / (x**2 + y**2), Verdict.REFUTED),
], ids=str)
def test_roots(lhs: object, rhs: object, verdict: Verdict) -> None:
    r = decide(Claim(lhs, rhs))
    assert r.verdict is verdict, r


def test_root_relation_reduction_is_sound() -> None:
    # s² = u with u = x² + 1: N = s² − u is zero under the relation, s − u is not
    p = Program()
    xs, s = p.var(x), p.var(sp.Symbol("s"))
    u = p.add([p.pow(xs, __import__("fractions").Fraction(2)), p.const(1)])
    zero = p.sub(p.pow(s, __import__("fractions").Fraction(2)), u)
    nonzero = p.sub(s, u)
    rel = [(1, 2, u)]
    assert factored_zero(p.ops, 2, [zero, nonzero], relations=rel) == [True, False]
    assert factored_zero(p.ops, 2, [zero], relations=None) == [False]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(-3, 3), min_size=4, max_size=4),
       st.lists(st.integers(-3, 3), min_size=3, max_size=3))
def test_a_root_claim_is_proved_only_if_true(coeffs: list[int], shift: list[int]) -> None:
    """(c0 + c1 x + c2 s + c3 x s)·(s² − u)/stuff + r(x, s) vs r: proved iff the random
    remainder part really vanishes at s = √u."""
    s = sp.sqrt(x**2 + 1)
    junk = (coeffs[0] + coeffs[1] * x + coeffs[2] * s + coeffs[3] * x * s)
    remainder = shift[0] + shift[1] * x + shift[2] * s
    claim = Claim(junk * (s**2 - (x**2 + 1)) + remainder, remainder + shift[2] * 0)
    r = decide(claim)
    assert r.verdict is Verdict.PROVED  # the junk term is zero at s = √u
    wrong = Claim(junk + remainder, remainder)
    truly_zero = sp.simplify(junk) == 0
    rw = decide(wrong)
    assert (rw.verdict is Verdict.PROVED) == truly_zero, (junk, rw)


# ------------------------------------------------------------------------------ logs

@pytest.mark.parametrize(("lhs", "rhs", "verdict"), [
    (sp.log(1 / (1 + sp.exp(-x))), x - sp.log(1 + sp.exp(x)), Verdict.PROVED),
    (sp.log(1 + sp.exp(x)) - sp.log(1 + sp.exp(-x)), x, Verdict.PROVED),
    (sp.log(sp.exp(x) + sp.exp(y)), x + sp.log(1 + sp.exp(y - x)), Verdict.PROVED),
    (sp.log(1 / (1 + sp.exp(-x))), -x - sp.log(1 + sp.exp(x)), Verdict.REFUTED),
    (sp.log(1 + sp.exp(x)) + sp.log(1 + sp.exp(-x)), x, Verdict.REFUTED),
], ids=str)
def test_logs_through_exp(lhs: object, rhs: object, verdict: Verdict) -> None:
    r = decide(Claim(lhs, rhs))
    assert r.verdict is verdict, r
    if verdict is Verdict.PROVED:
        assert "through exp" in r.detail


def test_a_log_identity_with_a_derivative_is_decided_through_exp() -> None:
    """H'(p) = log((1 − p)/p) for the Bernoulli entropy: the derivative is taken first (it was
    left numeric, while the same claim without the derivative was proved)."""
    p = sp.Symbol("p", positive=True)
    h = -p * sp.log(p) - (1 - p) * sp.log(1 - p)
    given = (Condition(sp.StrictLessThan(p, 1)),)
    r = decide(Claim(sp.Derivative(h, p), sp.log((1 - p) / p), given=given))
    assert r.verdict is Verdict.PROVED, r
    wrong = decide(Claim(sp.Derivative(h, p), sp.log(p / (1 - p)), given=given))
    assert wrong.verdict is Verdict.REFUTED, wrong


def test_a_log_counterexample_lies_where_the_logs_are_defined() -> None:
    # log(x²) = 2 log(x) fails only where log(x) is undefined: never refuted there
    assert decide(Claim(sp.log(x**2), 2 * sp.log(x))).verdict is not Verdict.REFUTED


# ----------------------------------------------------------------------- erf and GELU

def test_a_false_gelu_claim_close_to_true_is_refuted_with_a_certificate() -> None:
    gelu = x * (1 + sp.erf(x / sp.sqrt(2))) / 2
    r = decide(Claim(gelu, x * (1 + sp.erf(sp.Rational(7071068, 10**7) * x)) / 2))
    assert r.verdict is Verdict.REFUTED and r.method is Method.INTERVAL
    assert r.counterexample.lhs_value != r.counterexample.rhs_value


# ------------------------------------------------ examples/functions.toml and its mutants

@pytest.fixture(scope="module")
def function_examples() -> list:
    loaded = load_file(str(EXAMPLES))
    assert not loaded.errors, [str(e) for e in loaded.errors]
    return loaded.items


def test_function_examples_are_as_expected(function_examples: list) -> None:
    report = run(function_examples, Settings(), Limits(timeout=120, jobs=2))
    wrong = [(c.check.id, c.result.verdict.value, c.expected.value) for c in report.mismatches]
    assert wrong == []
    refuted = [c for c in report.results if c.result.counterexample is not None]
    assert len(refuted) >= 12
    for c in refuted:
        assert_counterexample(c.check.claim, c.result.counterexample)


def _mutants(rhs: sp.Expr) -> list[sp.Expr]:
    swaps = {sp.Max: sp.Min, sp.Min: sp.Max, sp.tanh: sp.sinh, sp.erf: sp.tanh}
    out = [-rhs, 2 * rhs, rhs + sp.Rational(1, 7)]
    symbols = sorted(rhs.free_symbols, key=str)
    if symbols:  # an argument changed: f(2x) for f(x)
        changed = rhs.xreplace({symbols[0]: 2 * symbols[0]})
        if changed != rhs:
            out.append(changed)
    for old, new in swaps.items():
        if rhs.has(old):
            out.append(rhs.replace(lambda e, o=old: isinstance(e, o),
                                   lambda e, n=new: n(*e.args)))
    return out


@pytest.mark.slow
def test_mutants_of_the_function_examples_are_never_proved(function_examples: list) -> None:
    rng = random.Random(5)
    seen = 0
    for item in function_examples:
        entry = item.build()
        claim = getattr(entry, "claim", None)
        if claim is None or claim.expect is not Verdict.PROVED or \
                isinstance(claim.rhs, sp.MatrixBase):
            continue
        for mutant in _mutants(claim.rhs):
            r = check_claim(replace(claim, rhs=mutant))
            seen += 1
            if r.verdict is Verdict.PROVED:  # only if it really is an identity
                free = sorted(claim.symbols | mutant.free_symbols, key=str)
                for _ in range(3):
                    pt = {s: sp.Rational(rng.randint(1, 9), rng.randint(2, 5)) for s in free}
                    diff = (sp.N(claim.lhs.doit().subs(pt), 30) - sp.N(mutant.subs(pt), 30))
                    assert abs(diff) < 1e-20, (item.id, mutant)
            if r.counterexample is not None:
                assert_counterexample(replace(claim, rhs=mutant), r.counterexample)
    assert seen >= 60


def test_a_false_claim_with_pi_is_refuted_with_a_certificate() -> None:
    # π is evaluated as an enclosure: a GELU mistake with the wrong constant is not left unknown
    x, s = sp.Symbol("x", real=True), sp.Symbol("s", positive=True)
    for lhs, rhs in [(sp.pi, 3), (2 * sp.pi * s, s),
                     (sp.exp(-x**2 / 2) / sp.sqrt(2 * sp.pi), sp.exp(-x**2 / 2) / (2 * sp.pi))]:
        claim = Claim(lhs, rhs)
        result = check_claim(claim)
        assert result.verdict is Verdict.REFUTED, (lhs, rhs, result)
        assert_counterexample(claim, result.counterexample)
    proved = check_claim(Claim((x + sp.pi) ** 2, x**2 + 2 * sp.pi * x + sp.pi**2))
    assert proved.verdict is Verdict.PROVED


def test_piecewise_claim_whose_conditions_exclude_every_region_is_vacuous() -> None:
    # |x| = -x given x > 0 and x < 0 (two \because remarks on one chain) crashed: no region
    x = sp.Symbol("x", real=True)
    result = check_claim(Claim(sp.Abs(x), -x, (Condition(x > 0), Condition(x < 0))))
    assert result.verdict is Verdict.PROVED and result.vacuous, result



def test_piecewise_derivatives_over_a_symbolic_n_are_not_decided(tmp_path: Path) -> None:
    # SymPy's chain rule takes Heaviside(0) = 1/2 at a kink: this was "proved for all n ≥ 1",
    # though relu(relu(t) + t) − 2 relu(t) is 0 everywhere (from an adversary)
    from tests.test_reading import check as check_file
    from tests.test_reading import goal

    context = 'dims = { n = "positive integer" }\nvectors = { v = "n" }'
    claim = ("diff(Sum(relu(relu(v[k]) + v[k]) - 2*relu(v[k]), (k, 1, n)), v[i]) == "
             "-step(v[i])*step(-v[i])")
    out = check_file(tmp_path, context, f'claim = "{claim}"')
    assert goal(out).verdict is Verdict.UNKNOWN, goal(out)


def test_a_piecewise_claim_whose_hypotheses_put_it_on_a_kink_is_not_decided(tmp_path: Path) -> None:
    from tests.test_reading import check as check_file
    from tests.test_reading import goal

    # x = 0 is on the kink: the hypothesis can hold, so no vacuous proof; not decided (the
    # derivative may exist at a kink, as for max(0, g) with g ≡ 0 written out)
    out = check_file(tmp_path, 'symbols = { x = "real" }',
                     'claim = "diff(relu(x), x) == 7"\ngiven = ["x == 0"]\nexpect = "proved"')
    assert goal(out).verdict is Verdict.UNKNOWN and "kink" in goal(out).detail, goal(out)


@pytest.mark.parametrize("claim", [
    "diff(relu6(x), x) == step(x)*step(6 - x)",
    "diff(clip(x, -1, 1), x) == step(1 - x)*step(x + 1)",
    "diff(relu(relu(x) - 1), x) == step(x - 1)",
    "diff(abs(abs(x) - 1), x) == sign(x)*sign(abs(x) - 1)",
])
def test_a_nested_kink_is_never_a_counterexample(tmp_path: Path, claim: str) -> None:
    # each is true wherever the derivative exists; each was refuted at its inner kink (x = 6,
    # 1, 1, 1), where the left side has no derivative (from an adversary)
    from tests.test_reading import check as check_file
    from tests.test_reading import goal

    context = 'symbols = { x = "real" }\nfunctions = { "relu6(s)" = "min(relu(s), 6)" }'
    out = check_file(tmp_path, context, f'claim = "{claim}"')
    assert goal(out).verdict is not Verdict.REFUTED, goal(out)
