"""The reading rules (issue 9): no verdict rests on a guess of the reader.

For each kind of guess: a statement that is true under the intended reading is never
refuted, a false one is never proved, and a line that can be read two ways with different
verdicts ends ``unknown (ambiguous reading)`` with every reading shown. Definitions mean what
they mean where they are written (no capture), and ``\\sum_k`` without bounds takes its range
from every factor k indexes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import Limits, Method, Settings, Verdict, run
from checker.derivation_file import load_file
from tests.recheck import assert_counterexample


def check(tmp_path: Path, context: str, body: str) -> object:
    """Check one derivation written under ``[context]``; return its outcome."""
    path = tmp_path / "case.toml"
    path.write_text(f"format = 1\n[context]\n{context}\n[[derivation]]\nid = \"t\"\n{body}\n",
                    encoding="utf-8")
    loaded = load_file(str(path))
    assert not loaded.errors, [str(e) for e in loaded.errors]
    report = run(loaded.items, Settings(), Limits(timeout=60, jobs=1))
    (outcome,) = report.outcomes
    for cr in outcome.checks:
        for r in (cr.result, *(rr.result for rr in cr.result.readings)):
            if r.counterexample is not None and not cr.result.readings:
                assert_counterexample(cr.check.claim, r.counterexample)
    return outcome


def load_error(tmp_path: Path, context: str, body: str) -> str:
    path = tmp_path / "case.toml"
    path.write_text(f"format = 1\n[context]\n{context}\n[[derivation]]\nid = \"t\"\n{body}\n",
                    encoding="utf-8")
    loaded = load_file(str(path))
    assert loaded.errors and not loaded.items
    return str(loaded.errors[0])


def goal(outcome: object) -> object:
    return outcome.checks[0].result  # type: ignore[attr-defined]


# ------------------------------------------------------------------ definitions: no capture

SCOPE = 'functions = { "g(s)" = "s*t", "f(t)" = "g(1)", "m(s)" = "s*k", "p(x)" = "x + y", ' \
        '"q(y)" = "p(y)" }'


@pytest.mark.parametrize(("claim", "verdict"), [
    ("f(5) == t", Verdict.PROVED),  # g's t is the file's t, not f's parameter
    ("f(5) == 5", Verdict.REFUTED),
    ("Sum(m(1), (k, 1, 3)) == 3*k", Verdict.PROVED),  # m's k is not the Sum's index
    ("Sum(m(1), (k, 1, 3)) == 6", Verdict.REFUTED),
    ("q(x) == x + y", Verdict.PROVED),  # p's y is not q's parameter
    ("q(x) == 2*x", Verdict.REFUTED),
])
def test_definitions_do_not_capture_names(tmp_path: Path, claim: str, verdict: Verdict) -> None:
    outcome = check(tmp_path, SCOPE, f'claim = "{claim}"\nexpect = "{verdict.value}"')
    assert goal(outcome).verdict is verdict


def test_a_symbolic_sum_does_not_capture_a_declared_integer(tmp_path: Path) -> None:
    context = ('dims = { n = "positive integer" }\nvectors = { x = "n" }\n'
               'symbols = { k = "integer" }\nfunctions = { "m(s)" = "s*k" }')
    outcome = check(tmp_path, context,
                    'claim = "Sum(m(x[k]), (k, 1, n)) == k*Sum(x[j], (j, 1, n))"')
    assert goal(outcome).verdict is Verdict.PROVED
    wrong = check(tmp_path, context, 'claim = "Sum(m(x[k]), (k, 1, n)) == Sum(k*x[k], (k, 1, n))"'
                  '\nexpect = "refuted"')
    assert goal(wrong).verdict is Verdict.REFUTED


def test_a_latex_entry_written_in_the_sums_index_is_refused(tmp_path: Path) -> None:
    """Σ_{k=1}^{3} ŷ with ŷ = kx: the file's k (3kx), or the sum's (6x)? It was read the first
    way by convention, which refuted the line an author means; it is refused, as an integral
    over x of u = x² is. A sum over another letter keeps the file's k."""
    context = 'symbols = { x = "real" }\nlatex = { "\\\\hat{y}" = "k*x" }'
    message = load_error(tmp_path, context, "latex = '\\sum_{k=1}^{3} \\hat{y} = 6 x'")
    assert "\\hat{y} is written in terms of k" in message and "moves with it" in message, message
    outcome = check(tmp_path, context, "latex = '\\sum_{j=1}^{3} \\hat{y} = 3 k x'")
    assert goal(outcome).verdict is Verdict.PROVED


def test_a_name_used_in_a_definition_cannot_become_an_index(tmp_path: Path) -> None:
    context = ('dims = { n = "positive integer" }\nvectors = { x = "n" }\n'
               'functions = { "g(t)" = "t*i" }')
    message = load_error(tmp_path, context, 'claim = "g(x[i]) == x[i]*i"')
    assert "'i' is a plain symbol in the definition of g" in message


# A reference for the property test: SymPy Lambda with every parameter renamed to a Dummy, so
# substitution cannot capture; free names of a body are the file's (real) symbols.
NAMES = ["s", "t", "k", "x", "y"]


def _symbol(name: str) -> sp.Symbol:
    return sp.Symbol(name, real=True)


@st.composite
def bodies(draw: st.DrawFn, depth: int = 2, call: str | None = None) -> tuple[str, object]:
    """(text, builder): builder(env, functions) gives the reference value of the text."""
    kind = draw(st.sampled_from(["name", "num", "op", "op", "call"] if depth else ["name", "num"]))
    if kind == "name":
        n = draw(st.sampled_from(NAMES))
        return n, lambda env, fns, n=n: env.get(n, _symbol(n))
    if kind == "num":
        v = draw(st.integers(1, 3))
        return str(v), lambda env, fns, v=v: sp.Integer(v)
    if kind == "call" and call is not None:
        text, build = draw(bodies(depth - 1, call))
        return f"{call}({text})", lambda env, fns, b=build, c=call: fns[c](b(env, fns))
    (a, fa), (b, fb) = draw(bodies(depth - 1, call)), draw(bodies(depth - 1, call))
    op = draw(st.sampled_from(["+", "*"]))
    if op == "+":
        return f"({a} + {b})", lambda env, fns: fa(env, fns) + fb(env, fns)
    return f"({a} * {b})", lambda env, fns: fa(env, fns) * fb(env, fns)


@settings(max_examples=40, deadline=None)
@given(p=st.sampled_from(NAMES), q=st.sampled_from(NAMES), g=bodies(call=None),
       f=st.data(), arg=bodies(depth=1))
def test_definitions_agree_with_renamed_lambdas(tmp_path_factory: pytest.TempPathFactory,
                                               p: str, q: str, g: tuple, f: st.DataObject,
                                               arg: tuple) -> None:
    f_text, f_build = f.draw(bodies(call="g"))
    g_text, g_build = g
    # reference: Lambdas over Dummies, built from the same random structure
    dg, df = sp.Dummy(p, real=True), sp.Dummy(q, real=True)
    fns: dict = {}
    fns["g"] = sp.Lambda(dg, g_build({p: dg}, fns))
    fns["f"] = sp.Lambda(df, f_build({q: df}, fns))
    want = fns["f"](arg[1]({}, fns))
    tmp = tmp_path_factory.mktemp("lam")
    context = f'functions = {{ "g({p})" = "{g_text}", "f({q})" = "{f_text}" }}'
    path = tmp / "case.toml"
    path.write_text(f'format = 1\n[context]\n{context}\n[[derivation]]\nid = "t"\n'
                    f'claim = "f({arg[0]}) == 0"\n', encoding="utf-8")
    loaded = load_file(str(path))
    assert not loaded.errors, [str(e) for e in loaded.errors]
    got = loaded.items[0].build().claim.lhs
    assert sp.expand(got - want) == 0, (context, arg[0], got, want)


# -------------------------------------------------------------------- \sum_k without bounds

def test_sum_range_comes_from_every_indexed_factor(tmp_path: Path) -> None:
    context = 'vectors = { x = 4 }\nmatrices = { W = [2, 3] }'
    for body in ("W_{1k} x_k", "x_k W_{1k}"):
        message = load_error(tmp_path, context, f"latex = '\\sum_k {body} = 0'")
        assert "different lengths" in message and "W (2×3, its columns)" in message \
            and "x (length 4)" in message and "\\sum_{k=1}^{" in message
    same = check(tmp_path, 'vectors = { x = 3 }\nmatrices = { W = [2, 3] }',
                 "latex = '\\sum_k W_{1k} x_k = W_{11} x_1 + W_{12} x_2 + W_{13} x_3'")
    assert goal(same).verdict is Verdict.PROVED


# ----------------------------------------------------------------------- the reading rules

# (context, latex chain, is the statement true under the intended reading?)
CONVENTION = [
    # an operator name without brackets takes the following product term
    ("", "\\tanh 2z = 2\\sigma(4z) - 1", True),
    ("", "\\tanh 2z = 2\\tanh z", False),
    ('symbols = { a = "positive", b = "positive" }', "\\log ab = \\log a + \\log b", True),
    ('symbols = { a = "positive", b = "positive" }', "\\log a b = b \\log a", False),
    ("", "\\sigma 2z = \\frac{1}{1 + e^{-2z}}", True),
    ("", "\\sigma 2z = 2\\sigma(z)", False),
    ("", "\\sinh z \\cosh z = \\frac{1}{2} \\sinh(2z)", True),  # the argument stops at \\cosh
    ("", "\\exp -z = \\frac{1}{e^{z}}", True),
    # ln, log, exp without a backslash are functions before brackets
    ('symbols = { a = "positive", b = "positive" }', "ln(ab) = ln(a) + ln(b)", True),
    ('symbols = { a = "positive" }', "log(a^2) = 2 log(a)", True),
    ("", "exp(z) exp(-z) = 1", True),
    ('symbols = { a = "positive" }', "ln(a^2) = ln(a)", False),
]


@pytest.mark.parametrize(("context", "latex", "true"), CONVENTION,
                         ids=[c[1] for c in CONVENTION])
def test_conventions_decide(tmp_path: Path, context: str, latex: str, true: bool) -> None:
    expect = "proved" if true else "refuted"
    outcome = check(tmp_path, context, f"latex = '{latex}'\nexpect = \"{expect}\"\n"
                    f"expect_steps = {{ 2 = \"{expect}\" }}")
    result = goal(outcome)
    assert not result.readings, "a convention settles these: one reading"
    assert result.verdict is (Verdict.PROVED if true else Verdict.REFUTED), result


# (context, chain, verdict under each reading in order, or None if they agree)
AMBIGUOUS = [
    # the extent of an unbracketed argument before an explicit \cdot or /
    ('symbols = { a = "positive", b = "positive" }', "\\log a \\cdot b = \\log a + \\log b",
     [Verdict.REFUTED, Verdict.PROVED]),
    ('symbols = { a = "positive", b = "positive" }', "\\log a / b = \\log a - \\log b",
     [Verdict.REFUTED, Verdict.PROVED]),
    # a / b c
    ('symbols = { a = "positive" }', "1/2 a = \\frac{a}{2}", [Verdict.PROVED, Verdict.REFUTED]),
    # an undeclared letter before brackets: a product, or a function the prose defines
    ("", "\\frac{d}{dz} g(z) = g(z)(1 - g(z))", [Verdict.REFUTED, Verdict.UNKNOWN]),
    ("", "g(z + 1) = g(z) + g(1)", [Verdict.PROVED, Verdict.UNKNOWN]),
    # a derivative operator on a bracket followed by more factors
    ("", "\\frac{d}{dz}(z^2)(z + 1) = 2z(z + 1)", [Verdict.PROVED, Verdict.REFUTED]),
]


@pytest.mark.parametrize(("context", "latex", "verdicts"), AMBIGUOUS,
                         ids=[c[1] for c in AMBIGUOUS])
def test_ambiguous_lines_are_unknown_with_every_reading(tmp_path: Path, context: str, latex: str,
                                                        verdicts: list[Verdict]) -> None:
    outcome = check(tmp_path, context, f"latex = '{latex}'\nexpect = \"unknown\"\n"
                    "expect_steps = { 2 = \"unknown\" }")
    result = goal(outcome)
    assert result.verdict is Verdict.UNKNOWN and result.method is Method.AMBIGUOUS, result
    assert [rr.result.verdict for rr in result.readings] == verdicts
    assert len({rr.label for rr in result.readings}) == len(verdicts)
    assert "the readings disagree" in result.detail
    for rr in result.readings:
        if rr.result.counterexample is not None:  # each reading's counterexample is real
            claim = outcome.checks[0].check.claim  # type: ignore[attr-defined]
            reading = next(r for r in claim.readings if r.label == rr.label)
            from dataclasses import replace
            assert_counterexample(replace(claim, lhs=reading.lhs, rhs=reading.rhs, readings=()),
                                  rr.result.counterexample)
    # the step check shows the same readings
    step = outcome.checks[2].result  # type: ignore[attr-defined]
    assert step.method is Method.AMBIGUOUS and len(step.readings) == len(verdicts)


AGREE = [
    ("", "g(z) + g(z) = 2 g(z)", Verdict.PROVED),  # true whether g is a number or a function
    ('symbols = { a = "positive", b = "positive" }', "\\log a \\cdot b = \\log(a) + 1",
     Verdict.REFUTED),
]


@pytest.mark.parametrize(("context", "latex", "verdict"), AGREE, ids=[c[1] for c in AGREE])
def test_readings_that_agree_give_the_verdict_with_every_reading(
        tmp_path: Path, context: str, latex: str, verdict: Verdict) -> None:
    outcome = check(tmp_path, context, f"latex = '{latex}'\nexpect = \"{verdict.value}\"\n"
                    f"expect_steps = {{ 2 = \"{verdict.value}\" }}")
    result = goal(outcome)
    assert result.verdict is verdict and len(result.readings) == 2
    assert result.method is not Method.AMBIGUOUS
    assert all(rr.result.verdict is verdict for rr in result.readings)


def test_a_letter_used_as_a_value_is_not_a_function(tmp_path: Path) -> None:
    outcome = check(tmp_path, "", "latex = 'y(1 - y) = y - y^2'")
    assert goal(outcome).verdict is Verdict.PROVED and not goal(outcome).readings
    outcome = check(tmp_path, "", "latex = 'x(x + 1) = x^2 + x'")  # x in its own argument
    assert goal(outcome).verdict is Verdict.PROVED and not goal(outcome).readings


def test_a_letter_applied_to_two_arguments_is_a_function_everywhere(tmp_path: Path) -> None:
    outcome = check(tmp_path, "", "latex = 'L(a, b) + L(c) = L(c) + L(a, b)'")
    result = goal(outcome)
    assert result.verdict is Verdict.PROVED and not result.readings


def test_declaring_the_function_removes_the_guess(tmp_path: Path) -> None:
    chain = "latex = '\\frac{d}{dz} g(z) = g(z)(1 - g(z))'"
    defined = check(tmp_path, 'functions = { "g(t)" = "sigmoid(t)" }', chain)
    assert goal(defined).verdict is Verdict.PROVED and not goal(defined).readings
    # declared arbitrary: meant for every g, so refuted by one (a polynomial put in for g)
    arbitrary = check(tmp_path, 'functions = { g = "arbitrary" }', chain + '\nexpect = "refuted"'
                      '\nexpect_steps = { 2 = "refuted" }')
    result = goal(arbitrary)
    assert result.verdict is Verdict.REFUTED and not result.readings
    assert "g is declared arbitrary" in result.detail and result.counterexample.witness
    number = check(tmp_path, 'symbols = { g = "real" }', chain + '\nexpect = "refuted"'
                   '\nexpect_steps = { 2 = "refuted" }')
    assert goal(number).verdict is Verdict.REFUTED


def test_arbitrary_functions_are_proved_for_every_function(tmp_path: Path) -> None:
    context = 'functions = { f = "arbitrary" }'
    for claim in ("diff(x*f(x), x) == f(x) + x*diff(f(x), x)",
                  "diff(f(2*x), x) == 2*diff(f(x), x).subs(x, 2*x)"):
        del claim  # the second needs subs, which the reader does not have
    outcome = check(tmp_path, context, 'claim = "diff(x*f(x), x) == f(x) + x*diff(f(x), x)"')
    assert goal(outcome).verdict is Verdict.PROVED
    chain = check(tmp_path, context, "latex = '\\frac{d}{dx} f(x)^2 = 2 f(x) \\frac{d}{dx} f(x)'")
    assert goal(chain).verdict is Verdict.PROVED
    # true for f = 0 and f = 1, but f is declared arbitrary: a polynomial refutes it
    some = check(tmp_path, context, 'claim = "f(x) == f(x)**2"\nexpect = "refuted"')
    assert goal(some).verdict is Verdict.REFUTED and goal(some).counterexample.witness


def test_an_undeclared_function_of_a_vector_is_refused(tmp_path: Path) -> None:
    """g(2z)_1 with g declared nothing and z a vector: g of each entry (an activation), of the
    whole vector (softmax-like), or g times 2z? Session 24: refused, where the entrywise and the
    product readings were checked and a function of the whole vector never was (𝓛(β), a
    likelihood, read entry by entry, refuted ∇f = Σ_i (σ(x_iᵀβ) − y_i) x_i by its shape)."""
    message = load_error(tmp_path, "vectors = { z = 2 }", "latex = 'g(2z)_1 = 2 g(z)_1'")
    assert "a function of the whole" in message and "Declare g" in message


def test_too_many_readings_is_an_error_that_says_what_to_write(tmp_path: Path) -> None:
    line = " + ".join(f"{c}(z)" for c in "abcdfghp")
    message = load_error(tmp_path, "", f"latex = '{line} + q(z) = 0'")
    assert "can be read in more than 8 ways" in message and "declare" in message


# ------------------------------------------------ regressions from the adversarial review

@pytest.mark.parametrize(("context", "latex", "verdicts"), [
    # 1/x(x+1): (1/x)(x+1) or 1/(x(x+1)) (x is a value in its own argument: not a function)
    ("", "1/x(x+1) = \\frac{1}{x^2 + x}", [Verdict.REFUTED, Verdict.PROVED]),
    ("", "a/b (c+d) = \\frac{a}{b}(c+d)", [Verdict.PROVED, Verdict.REFUTED]),
    # a derivative operator before an explicit \cdot or /
    ("", "\\frac{d}{dx} x^2 \\cdot x = 3x^2", [Verdict.REFUTED, Verdict.PROVED]),
    ("", "\\frac{d}{dx} x^2 / x = 1", [Verdict.REFUTED, Verdict.PROVED]),
    # dy/dx with y undeclared: a variable of its own, or a function of x
    ("", "\\frac{dy}{dx} = 0", [Verdict.PROVED, Verdict.UNKNOWN]),
], ids=["1/x(x+1)", "a/b(c+d)", "d/dx cdot", "d/dx slash", "dy/dx"])
def test_review_lines_are_ambiguous(tmp_path: Path, context: str, latex: str,
                                    verdicts: list[Verdict]) -> None:
    outcome = check(tmp_path, context, f"latex = '{latex}'\nexpect = \"unknown\"\n"
                    "expect_steps = { 2 = \"unknown\" }")
    result = goal(outcome)
    assert result.method is Method.AMBIGUOUS, result
    assert [rr.result.verdict for rr in result.readings] == verdicts


@pytest.mark.parametrize(("context", "body", "verdict"), [
    ("", "latex = '\\exp^2 z = e^{2z}'", Verdict.PROVED),  # like \log^2 x: the function squared
    ("dims = { n = \"positive integer\" }\nvectors = { x = \"n\" }",
     "latex = '\\frac{\\partial x_j}{\\partial x_i} = 0 \\quad (i \\neq j)'", Verdict.PROVED),
    ("dims = { n = \"positive integer\" }\nvectors = { x = \"n\" }",
     "latex = '\\frac{\\partial x_j}{\\partial x_i} = 0 \\quad \\text{if $i \\neq j$}'",
     Verdict.PROVED),
    ("", "latex = 'y = 2y \\quad (y = 0)'", Verdict.PROVED),
    ("", "latex = '\\left|y\\right| = y \\quad \\text{for } y > 0'", Verdict.PROVED),
    ("", "latex = '\\left|y\\right| = -y \\quad \\text{for } y > 0'\nexpect = \"refuted\"\n"
         "expect_steps = { 2 = \"refuted\" }", Verdict.REFUTED),
    # SymPy simplifies sqrt(x)**2 to x and exp(log(x)) to x; the claim still only speaks
    # where both sides are defined (x ≥ 0, x > 0)
    ("", 'claim = "sqrt(x)**2 == abs(x)"', Verdict.PROVED),
    ("", 'claim = "exp(log(x)) == sqrt(x**2)"', Verdict.PROVED),
    ("", 'claim = "sqrt(x)**2 == -x"\nexpect = "refuted"', Verdict.REFUTED),
    # kinks: the derivative of |x| does not exist at 0, where sign(0) = 0 would differ
    ("", "latex = '\\left(\\frac{d}{dx}\\left|x\\right|\\right)^2 = 1'", Verdict.PROVED),
])
def test_review_lines_decided(tmp_path: Path, context: str, body: str, verdict: Verdict) -> None:
    result = goal(check(tmp_path, context, body))
    assert result.verdict is verdict, result
    if verdict is Verdict.REFUTED:
        point = result.counterexample.as_dict()
        assert all(v > 0 for s, v in point.items() if str(s) in ("x", "y"))


@pytest.mark.parametrize(("context", "body", "fragment"), [
    ('dims = { n = "positive integer" }\nvectors = { x = "n", v = 2 }\n'
     'functions = { "F(u)" = "u[1] + i" }', 'claim = "x[i] * sin(pi*(F(v) - v[1])) == 0"',
     "'i' is a plain symbol in the definition of F"),
    ("", "latex = '\\gamma^T \\gamma = \\gamma^2'", "T may be a transpose or an exponent"),
    ("", "latex = 'x x^\\top = x^\\top x'", "not a declared vector or matrix"),
    ("vectors = { x = 2 }", 'claim = "x[1] - x_1 == 0"', "'x_1' is also the name of an entry of x"),
    ('vectors = { x = 2 }\nsymbols = { x_1 = "real" }', 'claim = "x[1] == 0"',
     "has the name of an entry of x"),
    ('symbols = { m = "integer" }', 'claim = "Sum(1, (k, 1, m)) == m"',
     "an integer symbol that is not a dimension"),
    ("", "latex = 'L(a, b) + L = 2L'", "L is applied to several arguments as a function and also"),
])
def test_review_lines_are_errors(tmp_path: Path, context: str, body: str, fragment: str) -> None:
    assert fragment in load_error(tmp_path, context, body)


# ------------------------------------------------ braces are not printed: {a+b}^2 shows a+b²

@pytest.mark.parametrize(("latex", "verdict"), [
    ("{a + b}^2 = a^2 + 2ab + b^2", Verdict.UNKNOWN),  # (a+b)² or a + b²: they disagree
    ("{a + b}^2 = a + b^2", Verdict.UNKNOWN),
    ("{-e}^{-x} = -e^{-x}", Verdict.UNKNOWN),  # (-e)^(-x) or -(e^(-x))
    ("{2x}^2 = 4x^2", Verdict.UNKNOWN),
    ("{(a + b)}^2 = a^2 + 2ab + b^2", Verdict.PROVED),  # one bracketed group: one reading
    ("{x}^2 = x \\cdot x", Verdict.PROVED),
    ("{a b}^2 = a^2 b^2 + 0 \\cdot b", Verdict.UNKNOWN),
    ("{a + b}^1 = a + b", Verdict.PROVED),  # the readings agree
])
def test_a_power_of_braces_is_read_as_printed_too(tmp_path: Path, latex: str,
                                                  verdict: Verdict) -> None:
    outcome = check(tmp_path, 'symbols = { a = "real", b = "real", x = "real" }',
                    f"latex = '''{latex}'''\nexpect = \"{verdict.value}\"")
    result = goal(outcome)
    assert result.verdict is verdict, result
    if verdict is Verdict.UNKNOWN:
        assert "braces are not printed" in result.detail
        assert {r.label for r in result.readings} == {  # type: ignore[attr-defined]
            "the power of the braced group", "the power of its last factor, as printed"}


def test_braced_powers_are_read_one_way_throughout(tmp_path: Path) -> None:
    """{a+b}^2 − {a+b}^2 = 0 holds under either reading, as long as both are read alike."""
    outcome = check(tmp_path, 'symbols = { a = "real", b = "real" }',
                    "latex = '''{a + b}^2 - {a + b}^2 = 0'''")
    assert goal(outcome).verdict is Verdict.PROVED
