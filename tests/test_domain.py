"""Counterexamples inside the declared domain; hypotheses that cannot hold (issue 9, item 4);
a counterexample search that survives points it cannot evaluate (item 10).

Each reproducer once gave a wrong verdict: a refutation at a point outside an assumption
(k = 1/2 for an integer k, y = (1, 0) for a positive y, q = 0 for a nonzero q, x = −1 where
log x is undefined), a plain "proved" under hypotheses that cannot hold, "proved for all
n ≥ 1" when no n is admissible, a proof of x/x = 1 where x = 0 is the only admissible point,
or a traceback from deep inside mpmath.
"""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from fractions import Fraction
from itertools import product
from pathlib import Path

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from checker import (
    CatalogItem,
    Claim,
    Condition,
    Equation,
    Identity,
    Limits,
    Method,
    OneHot,
    Settings,
    Verdict,
    check_claim,
    run,
)
from checker.report import json_report, junit, terminal
from checker.strategies import counterexample, domain
from derivations import every_n as E
from tests.file_cases import run_cases
from tests.recheck import assert_counterexample, assert_refutations

# -- the reproducers, through derivation files -------------------------------------------------

HEADER = '''format = 1
[context]
symbols = { x = "real", m = "real", k = "integer", p = "positive", q = "nonzero", a = "nonnegative" }
vectors = { y = { size = 2, assume = "positive" }, w = 3, v = { size = 3, assume = "positive" } }
'''

NEST = "x"
for _ in range(60):
    NEST = f"exp({NEST})"

# id: (derivation body, verdict, why the old verdict was wrong)
CASES = {
    "integer-half": ('given = ["2*k == 1"]\nclaim = "k == 0"', "vacuous",
                     "refuted at k = 1/2, which is not an integer"),
    "onehot-positive": ('given = ["onehot(y)"]\nclaim = "y[1] == 7"', "vacuous",
                        "refuted at y = (1, 0), which is not positive"),
    "opposite-signs": ('given = ["x > 0", "x < 0"]\nclaim = "x == 1"', "vacuous",
                       "unknown, not recognised"),
    "positive-below-zero": ('given = ["p < 0"]\nclaim = "p == 1"', "vacuous",
                            "unknown, not recognised"),
    "nonzero-is-zero": ('given = ["q == 0"]\nclaim = "q == 1"', "vacuous",
                        "refuted at q = 0, which is not nonzero"),
    "positive-sum-zero": ('given = ["sum(v) == 0"]\nclaim = "v[3] == 5"', "vacuous",
                          "unknown, not recognised"),
    "two-values": ('given = ["x == 1", "x == 2"]\nclaim = "x == 7"', "vacuous",
                   "an error: the second equation could not be applied"),
    "linear-system": ('given = ["x + m > 1", "x < 0", "m < 0"]\nclaim = "x == m"', "vacuous",
                      "unknown, not recognised"),
    "x-over-x": ('given = ["x == 0"]\nclaim = "x/x == 1"', "error",
                 "proved, though x/x is undefined at its only admissible point"),
    "x-over-x-chain": ('given = ["x == 0"]\nsteps = ["x/x", "1"]', "error",
                       "proved, though x/x is undefined at its only admissible point"),
    "x-over-x-latex": ("given = [\"x == 0\"]\nlatex = '''\n\\frac{x}{x} &= 1\n'''", "error",
                       "proved: the LaTeX reader's x/x is cancelled the same way"),
    "log-of-negative": ('given = ["x < 0"]\nclaim = "log(x) == 1"', "error",
                        "unknown; log x is undefined wherever x < 0"),
    "log-domain": ('claim = "log(x) - log(x) + 1 == abs(x)/x"', "proved",
                   "refuted at x = −1, where log x is undefined"),
    "onehot-partly": ('given = ["onehot(w)", "w[1] > 0"]\nclaim = "w[1] == 1"', "proved",
                      "unknown: the cases w = e_2, e_3 contradict w_1 > 0"),
    # refutations that stay: inside the domain, and re-checked
    "integer-refuted": ('given = ["2*k == m"]\nclaim = "k == m/2 + 1"\nexpect = "refuted"',
                        "refuted", ""),
    "positive-sum-refuted": ('given = ["sum(v) == 1"]\nclaim = "v[3] == 1/2"\n'
                             'expect = "refuted"', "refuted", ""),
    "x-over-x-refuted": ('claim = "x/x == 2"\nexpect = "refuted"', "refuted", ""),
    # item 10: a 60-deep exp(exp(…)) overflows mpmath at every sample point
    "deep-exp": (f'claim = "{NEST} == x + 1"\nexpect = "unknown"', "unknown",
                 "a traceback from mpmath (OverflowError) instead of a verdict"),
}


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return run_cases(tmp_path_factory.mktemp("domain"), HEADER,
                     {i: (body, want) for i, (body, want, _) in CASES.items()})


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_reproducers_in_files(outcomes: dict, case_id: str) -> None:
    _, want, old = CASES[case_id]
    outcome = outcomes[case_id]
    assert not outcome.error, outcome.error
    for cr in outcome.checks:
        r = cr.result
        if r.verdict is Verdict.REFUTED:
            assert_counterexample(cr.check.claim, r.counterexample)
        if want == "vacuous":
            assert r.verdict is Verdict.PROVED and r.vacuous and r.method is Method.VACUOUS, \
                (case_id, r, old)
            assert r.detail and r.scope == ""
        elif want == "error":
            if not cr.check.claim.domain:  # a chain's end check "1 == 1" needs nothing
                assert r.verdict is Verdict.PROVED and cr.check.kind.value == "end"
                continue
            assert r.verdict is Verdict.ERROR, (case_id, r, old)
            assert "undefined wherever the hypotheses hold" in r.detail
            assert "proof only holds where both sides are defined" in r.detail
        else:
            assert r.verdict is Verdict(want), (case_id, r, old)
            assert not r.vacuous


def test_reasons_name_the_contradiction(outcomes: dict) -> None:
    def detail(case_id: str) -> str:
        return outcomes[case_id].checks[0].result.detail

    assert detail("integer-half") == "2*k = 1 gives k = 1/2, but k is an integer"
    assert detail("onehot-positive") == ("y = e_1: y_2 = 0, but y_2 is positive; "
                                         "y = e_2: y_1 = 0, but y_1 is positive")
    assert detail("opposite-signs") == "x > 0 and x < 0 cannot all hold"
    assert detail("positive-below-zero") == "p < 0 and p is positive cannot all hold"
    assert detail("nonzero-is-zero") == "q = 0, but q is nonzero"
    assert detail("linear-system") == "m + x > 1, x < 0 and m < 0 cannot all hold"
    assert detail("x-over-x").endswith("a side needs x ≠ 0, and the hypotheses make x = 0")
    assert detail("log-of-negative").endswith("a side needs x > 0, but x is negative here")
    assert "2 case(s) left out" in detail("onehot-partly")


def test_deep_exp_search_says_why_it_found_nothing(outcomes: dict) -> None:
    r = outcomes["deep-exp"].checks[0].result
    assert r.verdict is Verdict.UNKNOWN and r.method is Method.NONE
    assert "could not be evaluated at" in r.detail and "Traceback" not in r.detail


# -- the same through the engine API -------------------------------------------------------------

x, m = sp.symbols("x m", real=True)
k = sp.Symbol("k", integer=True)
p = sp.Symbol("p", positive=True)
y1, y2 = sp.symbols("y_1 y_2", positive=True)
w1, w2, w3 = sp.symbols("w_1 w_2 w_3", real=True)


@pytest.mark.parametrize(("name", "claim"), [
    ("integer-half", Claim(k, 0, (Equation(2 * k, 1),))),
    ("onehot-positive", Claim(y1, 7, (OneHot((y1, y2)),))),
    ("opposite-signs", Claim(x, 1, (Condition(sp.Gt(x, 0, evaluate=False)),
                                    Condition(sp.Lt(x, 0, evaluate=False))))),
    ("positive-below-zero", Claim(p, 1, (Condition(sp.Lt(p, 0, evaluate=False)),))),
    # by the sign of a side, with no function of it in the claim (was a plain ✓)
    ("abs-below-zero", Claim(x + 1, 1 + x, (Condition(sp.Lt(sp.Abs(x), 0, evaluate=False)),))),
    ("squares-below-zero", Claim(x * m, m * x,
                                 (Condition(sp.Lt(x**2 + m**2, 0, evaluate=False)),))),
    ("exp-not-positive", Claim(sp.log(sp.exp(x)), x,
                               (Condition(sp.Le(sp.exp(x), 0, evaluate=False)),))),
    ("exp-is-zero", Claim(x, x + 0, (Condition(sp.Eq(sp.exp(x), 0, evaluate=False)),))),
])
def test_hypotheses_that_cannot_hold_prove_vacuously(name: str, claim: Claim) -> None:
    r = check_claim(claim)
    assert r.verdict is not Verdict.REFUTED, r
    assert r.verdict is Verdict.PROVED and r.vacuous and r.method is Method.VACUOUS


def test_a_hypothesis_that_can_hold_is_not_vacuous() -> None:
    for rel in (sp.Lt(sp.Abs(x), 1, evaluate=False), sp.Gt(x**2 + m**2, 0, evaluate=False),
                sp.Le(sp.exp(x), 1, evaluate=False)):
        r = check_claim(Claim(x + 1, 1 + x, (Condition(rel),)))
        assert r.verdict is Verdict.PROVED and not r.vacuous


def test_a_decidable_hypothesis_is_shown_as_written_after_a_worker(tmp_path: Path) -> None:
    """SymPy evaluates |x| < 0 to False when a worker's result is unpickled: the report must
    still say what was given."""
    import pickle

    from checker.files.context import hypotheses
    from checker.parse.context import Context

    ctx = Context()
    ctx.symbols["x"] = sp.Symbol("x", real=True)
    (h,) = hypotheses(["abs(x) < 0"], ctx)
    assert pickle.loads(pickle.dumps(h)).describe() == "Abs(x) < 0"


def test_no_admissible_n_is_vacuous_not_proved_for_all_n() -> None:
    n, i = E.n, sp.Symbol("i", integer=True)
    claim = Claim(E.s(i), 5, (Condition(sp.Lt(n, 1, evaluate=False)),), indices=E._in(i))
    r = check_claim(claim)
    assert r.verdict is Verdict.PROVED and r.vacuous and r.scope == "", r
    assert "n < 1" in r.detail


def test_a_side_undefined_wherever_the_hypotheses_hold_is_not_proved() -> None:
    # x/x is 1 to SymPy; the reader records x ≠ 0 (Claim.domain) before it cancels.
    r = check_claim(Claim(sp.Integer(1), 1, (Equation(x, 0),), domain=(sp.Ne(x, 0),)))
    assert r.verdict is Verdict.ERROR and "a side needs x ≠ 0" in r.detail
    # a division the sides still show is found without the reader's help
    r = check_claim(Claim(1 / x, 1 / x, (Equation(x, 0),)))
    assert r.verdict is Verdict.ERROR and "undefined wherever the hypotheses hold" in r.detail
    r = check_claim(Claim(sp.log(x - 1), 0, (Equation(x, 1),)))
    assert r.verdict is Verdict.ERROR and "a side needs x - 1 > 0" in r.detail


def test_inadmissible_onehot_cases_are_dropped_and_the_rest_decides() -> None:
    hyp = (OneHot((w1, w2, w3)), Condition(sp.Gt(w1, 0, evaluate=False)))
    r = check_claim(Claim(w1, 1, hyp))
    assert r.verdict is Verdict.PROVED and not r.vacuous and "2 case(s) left out" in r.detail
    wrong = Claim(w1 + w2, 2, hyp)
    r = check_claim(wrong)
    assert r.verdict is Verdict.REFUTED and r.counterexample.case == "w = e_1"
    assert_counterexample(wrong, r.counterexample)


def test_an_integer_eliminated_for_an_expression_stays_an_integer() -> None:
    wrong = Claim(k, m / 2 + 1, (Equation(2 * k, m),))
    r = check_claim(wrong)
    assert r.verdict is Verdict.REFUTED
    assert r.counterexample.as_dict()[k].is_Integer
    assert_counterexample(wrong, r.counterexample)


def test_a_counterexample_failing_the_final_check_is_never_shown(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine's last word: a point outside an assumption never becomes a refutation,
    whatever the search returns."""
    bogus = counterexample.Counterexample(((p, sp.Integer(-1)),), "-1", "1", "exact")
    monkeypatch.setattr(counterexample, "find", lambda *a, **kw: bogus)
    r = check_claim(Claim(p, sp.Abs(p) + 1))
    assert r.verdict is Verdict.UNKNOWN and "failed the final check" in r.detail
    assert "p = -1 is not certainly positive" in r.detail


def test_a_point_that_cannot_be_evaluated_is_skipped_not_fatal(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.strategies import evaluate

    real = evaluate.exact_or_interval
    calls = {"n": 0}

    def flaky(ops, point, prec=200):
        calls["n"] += 1
        if calls["n"] <= 3:
            raise OverflowError("too many digits in integer")
        return real(ops, point, prec)

    monkeypatch.setattr(counterexample, "exact_or_interval", flaky)
    wrong = Claim(sp.exp(x), x + 2)
    r = check_claim(wrong)
    assert r.verdict is Verdict.REFUTED and calls["n"] > 3
    assert_counterexample(wrong, r.counterexample)


def test_deep_exp_through_the_engine() -> None:
    e = x
    for _ in range(60):
        e = sp.exp(e)
    r = check_claim(Claim(e, x + 1))
    assert r.verdict is Verdict.UNKNOWN and "could not be evaluated" in r.detail


# -- the decision procedures on their own --------------------------------------------------------

@pytest.mark.parametrize(("relations", "contradiction"), [
    ([(sp.StrictGreaterThan, x, "a"), (sp.StrictLessThan, x, "b")], ["a", "b"]),
    ([(sp.GreaterThan, x, "a"), (sp.LessThan, x, "b")], None),  # x = 0
    ([(sp.StrictGreaterThan, x, "a"), (sp.LessThan, x, "b")], ["a", "b"]),
    ([(sp.StrictGreaterThan, x + m - 1, "a"), (sp.StrictLessThan, x, "b"),
      (sp.StrictLessThan, m, "c")], ["a", "b", "c"]),
    ([(sp.GreaterThan, x - m, "a"), (sp.GreaterThan, m - x, "b")], None),  # x = m
    ([(sp.StrictLessThan, p, "a")], ["a", "p is positive"]),
    ([(sp.StrictGreaterThan, sp.Integer(-1), "a")], ["a"]),
    ([(sp.StrictGreaterThan, x**2 + 1, "a"), (sp.StrictLessThan, x**2, "b")], None),  # not linear
])
def test_fourier_motzkin(relations: list, contradiction: list[str] | None) -> None:
    assert domain.infeasible(relations) == contradiction


GRID = [Fraction(n, 2) for n in range(-6, 7)]
KINDS = [sp.StrictGreaterThan, sp.GreaterThan, sp.StrictLessThan, sp.LessThan]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(KINDS), st.integers(-3, 3), st.integers(-3, 3),
                          st.integers(-4, 4)), min_size=1, max_size=5))
def test_fourier_motzkin_never_calls_a_satisfiable_system_infeasible(rows: list) -> None:
    relations = [(kind, a * x + b * m + c, f"r{n}") for n, (kind, a, b, c) in enumerate(rows)]
    found = domain.infeasible(relations)
    if found is None:
        return
    chosen = [r for r in relations if r[2] in found]
    for xv, mv in product(GRID, repeat=2):
        values = [1 if v.is_positive else (-1 if v.is_negative else 0)
                  for v in (d.subs({x: xv, m: mv}) for _, d, _ in chosen)]
        assert not all(domain.holds(kind, s) for (kind, _, _), s in zip(chosen, values,
                                                                         strict=True)), \
            f"{found} called infeasible, but x = {xv}, m = {mv} satisfies them"


# -- property: random assumptions and hypotheses never give a point outside the domain ---------

SIGN_OPTIONS = [{}, {"positive": True}, {"negative": True}, {"nonnegative": True},
                {"nonpositive": True}, {"nonzero": True}, {"integer": True},
                {"integer": True, "positive": True}]
POINTS = [Fraction(n, 2) for n in range(-4, 5)]


def _sym(name: str, assumptions: dict) -> sp.Symbol:
    return sp.Symbol(name, real=True, **assumptions)


def _admissible(symbols: list[sp.Symbol], hyps: tuple, point: dict) -> bool:
    for s in symbols:
        v = point[s]
        if (s.is_integer and not v.is_Integer) or (s.is_positive and v <= 0) or \
                (s.is_negative and v >= 0) or (s.is_nonnegative and v < 0) or \
                (s.is_nonpositive and v > 0) or (s.is_nonzero and v == 0):
            return False
    for h in hyps:
        if isinstance(h, Equation) and (h.lhs - h.rhs).xreplace(point) != 0:
            return False
        if isinstance(h, Condition) and not bool(h.relation.xreplace(point)):
            return False
        if isinstance(h, OneHot) and sorted(point[s] for s in h.vector) != [0] * (
                len(h.vector) - 1) + [1]:
            return False
    return True


@st.composite
def _claims(draw: st.DrawFn) -> tuple[Claim, list[sp.Symbol]]:
    a, b = (_sym(n, draw(st.sampled_from(SIGN_OPTIONS))) for n in "ab")
    u = [_sym(f"u_{i}", draw(st.sampled_from(SIGN_OPTIONS[:6]))) for i in (1, 2)]
    symbols = [a, b, *u]
    coeff = st.integers(-2, 2)
    hyps: list = []
    for _ in range(draw(st.integers(0, 3))):
        ca, cb, c = draw(coeff), draw(coeff), draw(coeff)
        if ca == cb == 0:
            continue
        lhs = ca * a + cb * b
        kind = draw(st.sampled_from(["==", ">", "<", ">=", "<="]))
        if kind == "==":
            hyps.append(Equation(lhs, sp.Integer(c)))
        else:
            rel = {">": sp.Gt, "<": sp.Lt, ">=": sp.Ge, "<=": sp.Le}[kind]
            hyps.append(Condition(rel(lhs, c, evaluate=False)))
    if draw(st.booleans()):
        hyps.append(OneHot(tuple(u)))
    terms = [sp.Integer(1), a, b, a * b, a**2, u[0], u[1] * b]
    lhs = sum(draw(coeff) * t for t in terms)
    rhs = lhs + draw(st.sampled_from([0, 0, 1])) * draw(st.sampled_from(terms))
    divide = draw(st.booleans())  # a/a, cancelled by SymPy: the domain says a ≠ 0
    domain_ = (sp.Ne(a, 0, evaluate=False),) if divide else ()
    return Claim(lhs, rhs, tuple(hyps), domain=domain_), symbols


QUICK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.slow
@QUICK
@given(_claims())
def test_random_hypotheses_never_give_a_wrong_verdict(drawn: tuple[Claim, list]) -> None:
    """Against a brute-force grid: a counterexample re-checks; a vacuous proof has no
    admissible grid point; a proof holds at every admissible grid point where it is defined."""
    claim, symbols = drawn
    try:
        r = check_claim(claim, Settings(search_budget=2.0))
    except Exception as exc:  # pragma: no cover - the property is that nothing escapes
        raise AssertionError(f"{claim}: {exc!r}") from exc
    if r.verdict is Verdict.REFUTED:
        assert_counterexample(claim, r.counterexample)
        return
    if r.verdict is not Verdict.PROVED:
        return
    for values in product(POINTS, repeat=len(symbols)):
        point = {s: sp.Rational(v.numerator, v.denominator)
                 for s, v in zip(symbols, values, strict=True)}
        if not _admissible(symbols, claim.given, point):
            continue
        assert not r.vacuous, f"vacuous ({r.detail}), but {point} is admissible: {claim}"
        if any(bool(rel.xreplace(point)) is False for rel in claim.domain):
            continue
        assert (claim.lhs - claim.rhs).xreplace(point) == 0, \
            f"proved, but false at the admissible point {point}: {claim}"


# -- the reports: a vacuous proof is never a plain ✓ --------------------------------------------

def _vacuous_report():
    claim = Claim(k, 0, (Equation(2 * k, 1),))
    item = CatalogItem("v", "vacuous", "test", lambda: Identity("v", "vacuous", "test", claim))
    report = run([item], Settings(), Limits(jobs=1))
    assert assert_refutations(report) == 0
    return report


def test_terminal_shows_a_vacuous_proof_as_such() -> None:
    report = _vacuous_report()
    for ascii_only, mark in ((False, "∅"), (True, "{}")):
        console = Console(file=io.StringIO(), width=100, color_system=None,
                          legacy_windows=False, safe_box=ascii_only)
        outcome = replace(report.outcomes[0], checks=tuple(
            replace(c, result=replace(c.result, elapsed=0.004)) for c in report.outcomes[0].checks))
        console.print(terminal.entry_panel(outcome, ascii_only))
        console.print(terminal.summary_table(report, ascii_only))
        text = console.file.getvalue()  # type: ignore[attr-defined]
        assert f"{mark} proved vacuously: the hypotheses cannot hold" in text
        assert "2*k = 1 gives k = 1/2, but k is an integer" in text
        assert ("✓" if not ascii_only else "ok proved") not in text


def test_json_and_junit_carry_the_vacuous_outcome() -> None:
    report = _vacuous_report()
    data = json.loads(json_report.dumps(report))
    record = data["records"][0]
    assert record["verdict"] == "proved" and record["vacuous"] is True
    assert record["method"] == "the hypotheses cannot hold" and data["summary"]["vacuous"] == 1
    root = ET.fromstring(junit.dumps(report))
    props = {p.get("name"): p.get("value") for p in root.iter("property")}
    assert props["vacuous"] == "true"
    out = root.find(".//system-out")
    assert out is not None and out.text.startswith("proved vacuously: the hypotheses cannot hold")


def test_readme_says_what_proved_means() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "wherever both sides are defined" in readme
    assert "proved vacuously" in readme


def test_a_proof_where_no_admissible_point_is_found_is_not_reported_as_one() -> None:
    """√(1 − x²)² = 1 − x² with x < −1: the left side is defined nowhere the hypothesis holds,
    which linear arithmetic cannot see (1 − x² ≥ 0). A witness point is looked for; none is
    found, so the proof may be vacuous: unknown, saying why (found by an adversary). Where a
    point exists (x < 1/2), the proof stands."""
    x = sp.Symbol("x", real=True)
    lhs = sp.sqrt(1 - x**2) ** 2
    domain = (sp.GreaterThan(1 - x**2, 0, evaluate=False),)
    nowhere = check_claim(Claim(lhs, 1 - x**2, (Condition(x < -1),), domain=domain), Settings())
    assert nowhere.verdict is Verdict.UNKNOWN and "vacuous" in nowhere.detail
    somewhere = check_claim(Claim(lhs, 1 - x**2, (Condition(x < sp.Rational(1, 2)),),
                                  domain=domain), Settings())
    assert somewhere.verdict is Verdict.PROVED


@pytest.mark.parametrize("order", [0, 1])
def test_hypotheses_that_cannot_hold_in_any_order_are_found(order: int) -> None:
    """x³ > 1 read before x < 0 (which refines x to a negative symbol) became false only after
    the check for it: the proof was plain, not vacuous (found by an adversary); so were x·y > 1
    with x < 0 < y and others, in some orders. log(x) > 1 with x < 0 was an internal error."""
    x, y, z = sp.symbols("x y z", real=True)
    for hyps in [(x**3 > 1, x < 0), (x * y > 1, x < 0, y > 0), (x * y < -1, x > 0, y > 0),
                 (x**2 * y > 1, y < 0), (y * sp.exp(x) > 0, y < 0),
                 (x * y * z > 0, x > 0, y > 0, z < 0), (sp.log(x) > 1, x < 0)]:
        given = tuple(Condition(h) for h in (hyps if order == 0 else reversed(hyps)))
        r = check_claim(Claim((x + 1) ** 2, x**2 + 2 * x + 1, given), Settings())
        assert r.verdict is Verdict.PROVED and r.vacuous, (hyps, r)


def test_a_witness_is_looked_for_near_the_numbers_the_hypotheses_write() -> None:
    """True claims under satisfiable hypotheses that small values miss (β ∈ (0.9, 1), x² > 50,
    0.3 < x < 0.31) were left unknown ("may be vacuous"): the witness search now also tries
    values near each number the hypotheses write, their roots and logarithms, and midpoints."""
    x, b = sp.symbols("x beta", real=True)
    cases = [
        ((1 - b**2) / sp.sqrt(1 - b**2), sp.sqrt(1 - b**2), (b > sp.Rational(9, 10), b < 1),
         (sp.GreaterThan(1 - b**2, 0, evaluate=False),)),
        (sp.sqrt(x**2 - 49) ** 2, x**2 - 49, (x > 7,), (sp.GreaterThan(x**2 - 49, 0, evaluate=False),)),
        (sp.sqrt(x**2) ** 2, x**2, (x**3 > 10**9,), ()),
        (sp.sqrt(x - sp.Rational(3, 10)) ** 2, x - sp.Rational(3, 10),
         (x > sp.Rational(3, 10), x < sp.Rational(31, 100)),
         (sp.GreaterThan(x - sp.Rational(3, 10), 0, evaluate=False),)),
    ]
    for lhs, rhs, hyps, dom in cases:
        r = check_claim(Claim(lhs, rhs, tuple(Condition(h) for h in hyps), domain=dom), Settings())
        assert r.verdict is Verdict.PROVED and not r.vacuous, (hyps, r)
