"""LaTeX notation as people write it (issue 11, item 2).

For each notation: the reading it gets (a tree or an evaluated value), a true statement under
the intended reading that is never refuted, a false one that is never proved, and the error
message for what is refused. Where a notation can be read two ways, the readings are both
checked (see tests/test_reading.py); where a convention decides, the README states it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import Verdict
from checker.parse.context import Context
from checker.parse.evaluate import Value, evaluate
from checker.parse.latex import parse_latex_expr
from checker.parse.latex_chain import parse_latex_chain
from checker.parse.tree import Call, ParseError, map_children, plain
from checker.vocabulary import sigmoid
from tests.test_reading import check, goal, load_error


def steps_of(text: str, ctx: Context | None = None) -> list[str]:
    return [s.latex for s in parse_latex_chain(text, ctx or Context())]


def value(text: str, ctx: Context | None = None) -> Value:
    """What one LaTeX expression evaluates to."""
    return evaluate(parse_latex_expr(text, ctx or Context()), ctx or Context())


def verdicts(outcome: object) -> list[Verdict]:
    """The verdict of every step check of a chain, in order (goal, start and end left out)."""
    return [c.result.verdict for c in outcome.checks  # type: ignore[attr-defined]
            if c.check.kind.value == "step"]


def proved(tmp_path: Path, context: str, latex: str) -> None:
    outcome = check(tmp_path, context, f"latex = '''{latex}'''")
    assert goal(outcome).verdict is Verdict.PROVED, goal(outcome)
    assert set(verdicts(outcome)) == {Verdict.PROVED}


def refuted(tmp_path: Path, context: str, latex: str, step: int = 2) -> None:
    outcome = check(tmp_path, context, f"latex = '''{latex}'''\nexpect = \"refuted\"\n"
                    f"expect_steps = {{ {step} = \"refuted\" }}")
    assert goal(outcome).verdict is Verdict.REFUTED, goal(outcome)
    assert verdicts(outcome)[step - 2] is Verdict.REFUTED


# ------------------------------------------------------------------ \\[1.6em]: a line break


def test_a_line_break_with_spacing_is_a_line_break(tmp_path: Path) -> None:
    assert steps_of("a &= b \\\\[1.6em] &= c \\\\*[2pt] &= d \\\\[-3 mm] &= e") == list("abcde")
    proved(tmp_path, "", "(x-1)(x+1) &= x^2 - x + x - 1 \\\\[1.6em] &= x^2 - 1")
    refuted(tmp_path, "", "(x-1)(x+1) &= x^2 - x + x - 1 \\\\[1.6em] &= x^2 + 1", step=3)


def test_a_bracket_after_a_line_break_is_not_guessed() -> None:
    with pytest.raises(ParseError, match=r"TeX reads '\[' right after \\\\ as extra line spacing"):
        parse_latex_chain("a &= b \\\\ [c + d] &= e", Context())


# ------------------------------------------------------------- e^-x: the sign takes one token


def test_a_signed_exponent_without_braces_takes_one_token(tmp_path: Path) -> None:
    assert value("e^-x") == value("e^{-x}") and value("x^-1") == value("x^{-1}")
    assert value("e^-\\theta") == value("e^{-\\theta}")
    proved(tmp_path, "", "\\frac{1}{1 + e^-x} = \\sigma(x)")
    refuted(tmp_path, "", "\\frac{1}{1 + e^-x} = \\sigma(-x)")


@pytest.mark.parametrize("text", ["e^-2x", "e^-x y", "e^-xy", "x^-12", "e^-x_1", "e^-\\sigma(x)"])
def test_a_signed_exponent_that_may_go_on_needs_braces(text: str) -> None:
    with pytest.raises(ParseError, match="TeX reads only the sign as the exponent; put the "
                                         "exponent in braces"):
        value(text)


# ------------------------------------------------------- primed and starred indices: j', j*

SYMBOLIC = 'dims = { n = "positive integer" }\nvectors = { x = "n" }'


@pytest.mark.parametrize(("text", "want"), [
    ("x_{j'}", "x_j'"), ("x_{j''}", "x_j''"), ("x_{j^*}", "x_j*"), ("x_{j*}", "x_j*"),
    ("x_{j^{\\prime}}", "x_j'"), ("z_{j'}", "z[j']"), ("z_{2*j}", "z[2·j]"),
    ("W_{ij'}", "W[i, j']"), ("\\delta_{jj'}", "delta(j, j')"),
    ("\\sum_{j'=1}^{3} z_{j'}", "Sum(z[j'], [j', 1, 3])"),
])
def test_primed_and_starred_indices_are_names(text: str, want: str) -> None:
    c = Context()
    c.declare_vector("z", 3)
    c.declare_matrix("W", 2, 3)
    assert plain(parse_latex_expr(text, c)) == want


def test_primed_and_starred_indices_in_checks(tmp_path: Path) -> None:
    proved(tmp_path, "vectors = { z = 3 }", "\\sum_{j'=1}^{3} z_{j'} = z_1 + z_2 + z_3")
    refuted(tmp_path, "vectors = { z = 3 }", "\\sum_{j'=1}^{3} z_{j'} = z_1 + z_2")
    proved(tmp_path, SYMBOLIC, "\\frac{\\partial}{\\partial x_{j'}} \\sum_{k=1}^{n} x_k^2 = 2 x_{j'}")
    proved(tmp_path, SYMBOLIC, "\\frac{\\partial}{\\partial x_{j^*}} \\sum_{k=1}^{n} x_k x_j "
                               "= x_j + \\delta_{j j^*} \\sum_{k=1}^{n} x_k")
    refuted(tmp_path, SYMBOLIC, "\\frac{\\partial}{\\partial x_{j^*}} \\sum_{k=1}^{n} x_k x_j "
                                "= x_j + \\delta_{j j^*} x_{j^*}")


# -------------------------------------------- x^{(i)}, \delta^{(l)}, \delta_1: names, not powers


@pytest.mark.parametrize(("text", "want"), [
    ("x^{(i)}", "x^(i)"), ("x^{(2)}", "x^(2)"), ("x^{(i)}_j", "x^(i)_j"), ("x_j^{(i)}", "x^(i)_j"),
    ("\\delta^{(l)}", "delta^(l)"), ("\\delta^{(l+1)}", "delta^(l+1)"),
    ("\\delta^{(l)}_j", "delta^(l)_j"), ("\\delta_1", "delta_1"), ("\\delta_j", "delta_j"),
    ("\\delta_{ij}", "delta(i, j)"), ("\\delta_{12}", "delta(1, 2)"), ("\\delta_{i,j}", "delta(i, j)"),
    ("(x+1)^{(2)}", "(x + 1)^2"),  # a bracketed expression: still a power
])
def test_labels_and_one_index_deltas_are_names(text: str, want: str) -> None:
    assert plain(parse_latex_expr(text, Context())) == want


def test_labelled_names_in_checks(tmp_path: Path) -> None:
    proved(tmp_path, "", "(x^{(1)} - x^{(2)})^2 = (x^{(2)} - x^{(1)})^2")
    refuted(tmp_path, "", "x^{(2)} = x^2")  # a label, never a power: x^(2) is its own name
    proved(tmp_path, "", "\\delta^{(l)}_1 w + \\delta_1 = \\delta_1 + w \\delta^{(l)}_1")
    refuted(tmp_path, "", "\\delta_1 \\delta_2 = \\delta_{12}")  # two names; δ₁₂ = 0
    proved(tmp_path, "", "\\delta_{11} x = x")


@pytest.mark.parametrize(("context", "text", "message"), [
    ("vectors = { z = 3 }", "z^{(2)} = z", "z^{(2)} names another z (a layer or a sample), not the "
     "declared vector z nor a power; map it under [context] latex"),
    ("vectors = { z = 3 }", "z_1^{(2)} = 1", "names another z"),
    ("", "\\delta = 1", "\\delta is read as the Kronecker delta \\delta_{ij} (two indices), or as a "
     "name with one index or a label"),
    ("", "\\delta^2 = 1", "\\delta is read as the Kronecker delta"),
    ("", "\\sum_{j=1}^{3} a^{(l)}_j = 0", "a^(l)_j inside \\sum_j: a^(l) is not a declared vector"),
])
def test_labels_that_cannot_be_names(tmp_path: Path, context: str, text: str, message: str) -> None:
    assert message in load_error(tmp_path, context, f"latex = '''{text}'''")


def test_a_mapped_label_names_a_declared_vector(tmp_path: Path) -> None:
    context = 'vectors = { a2 = 2 }\nlatex = { "a^{(2)}" = "a2" }'
    proved(tmp_path, context, "a^{(2)}_1 + a^{(2)}_2 = \\sum_{j=1}^{2} a^{(2)}_j")
    refuted(tmp_path, context, "a^{(2)}_1 = a^{(2)}_2")


# ------------------------------------------------------------------ W_1 for a declared W1


def test_a_subscripted_name_resolves_to_the_declared_name(tmp_path: Path) -> None:
    c = Context()
    c.declare_matrix("W1", 2, 3)
    c.declare_vector("bhh", 2)
    assert plain(parse_latex_expr("W_1 + W_{1}", c)) == "W1 + W1"
    assert plain(parse_latex_expr("b_{hh}", c)) == "bhh"
    context = 'matrices = { W1 = [2, 2] }\nvectors = { x = 2 }'
    proved(tmp_path, context, "(W_1 x)_1 = (W_1)_{11} x_1 + (W_1)_{12} x_2")
    refuted(tmp_path, context, "(W_1 x)_1 = (W_1)_{11} x_1 + (W_1)_{21} x_2")


@pytest.mark.parametrize(("context", "text", "message"), [
    ("matrices = { W1 = [2, 2], W2 = [2, 2] }", "W_3 = 0",
     "W_{3} is not declared, but W1, W2 are: declare W3 under [context], or use a declared name "
     "(never a new scalar of this name)"),
    ("vectors = { z = 3, z1 = 3 }", "z_1 = 0",
     "z_{1} could be an entry of the vector z or the declared vector z1: rename one of them, or "
     "map \"z_1\" under [context] latex to the one meant"),
])
def test_a_subscripted_name_is_never_a_silent_new_scalar(tmp_path: Path, context: str, text: str,
                                                         message: str) -> None:
    assert message in load_error(tmp_path, context, f"latex = '''{text}'''")


# ------------------------------------------------------------------------ \sum_{k \neq i}


@pytest.mark.parametrize(("text", "want"), [
    ("\\sum_{k \\neq 2} z_k", "Sum((1 - delta(k, 2))·z[k], [k, 1, 3])"),
    ("\\sum_{k=1, k \\neq i}^{3} z_k", "Sum((1 - delta(k, i))·z[k], [k, 1, 3])"),
    ("\\sum_{k \\ne i}^{3} z_k", "Sum((1 - delta(k, i))·z[k], [k, 1, 3])"),
])
def test_a_sum_that_skips_one_index(text: str, want: str) -> None:
    c = Context()
    c.declare_vector("z", 3)
    assert plain(parse_latex_expr(text, c)) == want


def test_a_sum_that_skips_one_index_in_checks(tmp_path: Path) -> None:
    proved(tmp_path, "vectors = { z = 3 }", "\\sum_{k \\neq 2} z_k = z_1 + z_3")
    refuted(tmp_path, "vectors = { z = 3 }", "\\sum_{k \\neq 2} z_k = z_1 + z_2")
    context = 'dims = { n = "positive integer" }\nvectors = { y = "n", p = "n" }'
    proved(tmp_path, context, "\\sum_{k \\neq i} y_k p_i = p_i \\sum_{k=1}^{n} y_k - y_i p_i")
    refuted(tmp_path, context, "\\sum_{k \\neq i} y_k = \\sum_{k=1}^{n} y_k")


@pytest.mark.parametrize(("text", "message"), [
    ("\\sum_{k < i} z_k = 0", "\\sum_{k < i}: the only condition understood on a summation index is "
     "k \\neq …; write the range otherwise, as in \\sum_{k=1}^{n}"),
    ("\\sum_{k=1, j \\neq i} z_k = 0", "the condition after the comma must be about the summation "
     "index k, as in \\sum_{k=1, k \\neq i}"),
])
def test_other_conditions_on_a_sum_index_are_refused(tmp_path: Path, text: str, message: str) -> None:
    assert message in load_error(tmp_path, "vectors = { z = 3 }", f"latex = '''{text}'''")


# --------------------------------------------- \begin{cases}, indicators, Iverson brackets

RELU_CASES = "\\begin{cases} x & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}"


@pytest.mark.parametrize(("text", "want"), [
    (RELU_CASES, "Piecewise((0, x <= 0), (x, True))"),
    ("\\begin{cases} x, & \\text{if } x \\ge 0, \\\\ -x, & \\text{if } x < 0. \\end{cases}",
     "Piecewise((-x, x < 0), (x, True))"),
    ("\\begin{cases} 1 & \\text{if $x > 0$} \\\\ 0 & \\text{else} \\end{cases}",
     "Piecewise((0, x <= 0), (1, True))"),
    ("\\mathbf{1}\\{x > 0\\}", "Piecewise((0, x <= 0), (1, True))"),
    ("\\mathbb{1}[x > 0]", "Piecewise((0, x <= 0), (1, True))"),
    ("[x > 0]", "Piecewise((0, x <= 0), (1, True))"),  # Iverson: a bracket with a comparison
    ("1(x \\le 0)", "Piecewise((1, x <= 0), (0, True))"),
    ("\\mathbb{1}\\{x > 0, y > 0\\}", "Piecewise((1, (x > 0) & (y > 0)), (0, True))"),
    ("[x + 1]", "x + 1"),  # no comparison: a bracket
    ("\\mathbb{1}\\{1 = 2\\} + [2 = 2]", "1"),
])
def test_cases_and_indicators_read_as_piecewise(text: str, want: str) -> None:
    assert sp.sstr(value(text)) == want


def test_indicators_of_indices_are_kronecker_deltas() -> None:
    c = Context()
    c.declare_dim("n", "positive integer")
    c.declare_symbolic_vector("x", "n")
    for text in ("\\mathbb{1}\\{i = j\\}", "\\mathbb{1}_{i=j}", "1_{i = j}", "[i = j]",
                 "\\begin{cases} 1 & i = j \\\\ 0 & i \\neq j \\end{cases}",
                 "\\begin{cases} 0 & i \\neq j \\\\ 1 & \\text{otherwise} \\end{cases}"):
        assert sp.sstr(value(text, c)) == "KroneckerDelta(i, j)", text
    assert sp.sstr(value("1_{i \\neq j}", c)) == "1 - KroneckerDelta(i, j)"


CASES_TRUE = [
    ("", RELU_CASES + " = \\operatorname{relu}(x)"),
    ("", "\\frac{d}{dx}\\operatorname{relu}(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & x < 0 "
         "\\end{cases}"),  # undefined at 0 on both sides
    ("", "\\left|x\\right| = \\begin{cases} x & x \\ge 0 \\\\ -x & x \\le 0 \\end{cases}"),
    ("", "\\begin{cases} 0 & x < 0 \\\\ x & 0 \\le x \\le 1 \\\\ 1 & x > 1 \\end{cases} "
         "= \\operatorname{clip}(x, 0, 1)"),
    ("", "\\mathbb{1}\\{0 < x < 1\\} = [x > 0] [x < 1]"),
    ("", "[x > 1] \\cdot [x < 0] = 0"),
    (SYMBOLIC, "\\frac{\\partial x_i}{\\partial x_j} = \\begin{cases} 1 & i = j \\\\ 0 & i \\neq j "
               "\\end{cases}"),
    (SYMBOLIC, "\\sum_{k=1}^{n} x_k \\mathbb{1}\\{k = i\\} = x_i"),
    (SYMBOLIC, "\\sum_{k=1}^{n} x_k [k \\neq i] = \\sum_{k \\neq i} x_k"),
]
CASES_FALSE = [
    ("", RELU_CASES + " = x"),
    ("", "\\frac{d}{dx}\\operatorname{relu}(x) = \\begin{cases} 1 & x > 0 \\\\ 1 & x < 0 "
         "\\end{cases}"),
    ("", "\\mathbb{1}\\{x > 0\\} = \\operatorname{heaviside}(x)"),  # they differ at 0
    ("", "\\mathbb{1}\\{0 < x < 1\\} = [x > 0]"),
    (SYMBOLIC, "\\frac{\\partial x_i}{\\partial x_j} = \\begin{cases} 1 & i \\neq j \\\\ 0 & i = j "
               "\\end{cases}"),
    (SYMBOLIC, "\\sum_{k=1}^{n} x_k 1_{k = i} = x_k"),
]


@pytest.mark.parametrize(("context", "latex"), CASES_TRUE, ids=[c[1] for c in CASES_TRUE])
def test_cases_true_statements_are_proved(tmp_path: Path, context: str, latex: str) -> None:
    proved(tmp_path, context, latex)


@pytest.mark.parametrize(("context", "latex"), CASES_FALSE, ids=[c[1] for c in CASES_FALSE])
def test_cases_false_statements_are_refuted(tmp_path: Path, context: str, latex: str) -> None:
    refuted(tmp_path, context, latex)


@pytest.mark.parametrize(("text", "message"), [
    ("\\begin{cases} 1 & x \\ge 0 \\\\ 0 & x \\le 0 \\end{cases}",
     "the cases 'x ≥ 0' and 'x ≤ 0' overlap with different values: make the conditions exclusive"),
    ("\\begin{cases} 1 & x > 0 \\\\ 0 & x < -1 \\end{cases}",
     "the cases leave x ∈ [-1, 0] uncovered: add a case for it, or end with \\text{otherwise}"),
    ("\\begin{cases} x & x > 0 \\\\ 0 & y > 0 \\\\ 1 & \\text{otherwise} \\end{cases}",
     "the conditions are about different quantities (y > 0 is not about x alone)"),
    ("\\begin{cases} 0 & \\text{otherwise} \\\\ 1 & x > 0 \\end{cases}",
     "'otherwise' must be the last case"),
    ("\\begin{cases} 1 & \\text{maybe } x > 0 \\\\ 0 & \\text{else} \\end{cases}",
     "\\text{maybe } in a condition: write comparisons (x > 0) joined by ','"),
    ("\\begin{cases} 1 & x > 0 \\\\ 0 \\end{cases}",
     "each row of \\begin{cases} is 'value & condition'"),
    ("\\begin{cases} 1 & x > 0 \\\\ 0 & x < 0", "\\begin{cases} is never closed"),
    ("\\mathbb{1} + 1", "\\mathbb{1} is an indicator: write the condition after it"),
    ("\\mathbb{R}", "sets such as \\mathbb{R} are not expressions"),
])
def test_cases_that_are_not_one_function_are_refused(tmp_path: Path, text: str, message: str) -> None:
    assert message in load_error(tmp_path, "", f"latex = '''{text} = 0'''")


# ------------------------------------------------------------ primes: σ'(u), g'(z), f''(x)


@pytest.mark.parametrize(("text", "want"), [
    ("\\sigma'(u)", "sigmoid'(u)"), ("\\sigma''(2u)", "sigmoid''(2·u)"),
    ("\\sigma^{\\prime}(u)", "sigmoid'(u)"), ("\\tanh'(x)", "tanh'(x)"), ("relu'(x)", "relu'(x)"),
    ("f'(x)", "f'(x)"), ("f''(x)", "f''(x)"), ("\\theta'(z)", "theta'(z)"),
])
def test_primes_read_as_derivatives_of_functions_of_one_variable(text: str, want: str) -> None:
    assert plain(parse_latex_expr(text, Context())) == want


def test_a_prime_evaluates_to_the_derivative_at_the_argument() -> None:
    u = sp.Symbol("u", real=True)
    assert value("\\sigma'(u)") == sp.Derivative(sigmoid(u), u)  # as \frac{d}{du}\sigma(u) reads
    assert value("\\sigma'(u)") == value("\\frac{d}{du}\\sigma(u)")
    two = value("\\sigma'(2u)")  # differentiated in σ's own variable, then taken at 2u
    assert sp.simplify(two - sp.exp(-2 * u) / (1 + sp.exp(-2 * u)) ** 2) == 0


PRIME_CONTEXTS = {
    "quotient": 'functions = { g = "arbitrary", h = "arbitrary", "f(x)" = "g(x)/h(x)" }',
    "g": 'functions = { "g(t)" = "t**2 * w" }',
}
PRIMES_TRUE = [
    ("", "\\sigma'(u) = \\sigma(u)(1 - \\sigma(u))"),
    ("", "\\sigma'(2u) = \\sigma(2u)(1 - \\sigma(2u))"),
    ("", "\\frac{d}{du}\\sigma(2u) = 2\\sigma'(2u)"),
    ("", "\\sigma''(u) = \\sigma'(u)(1 - 2\\sigma(u))"),
    ("", "\\tanh'(x) = 1 - \\tanh^2 x"),
    ("", "\\log'(x^2) = \\frac{1}{x^2}"),
    ("", "relu'(x) = [x > 0]"),  # its kink at 0 is excluded, as for d/dx relu(x)
    ("g", "g'(3z) = 6 z w"),  # g's own variable t, not the w in its body
    ("g", "g'(w) = 2 w^2"),
    ("quotient", "f'(x) = \\frac{ g'(x)h(x) - g(x)h'(x) }{ h(x)^2 }"),  # document 003
    ("", "\\frac{d}{dx} f(2x) = 2 f'(2x)"),  # f' says f is a function, here and in f(2x)
    ("", "\\frac{d}{dx} f(x)^2 = 2 f(x) f'(x)"),
]
PRIMES_FALSE = [
    ("", "\\sigma'(u) = \\sigma(u)(1 + \\sigma(u))"),
    ("", "\\sigma'(2u) = 2\\sigma(2u)(1 - \\sigma(2u))"),
    ("g", "g'(3z) = 6 z"),
]


@pytest.mark.parametrize(("context", "latex"), PRIMES_TRUE, ids=[c[1] for c in PRIMES_TRUE])
def test_primes_true_statements_are_proved(tmp_path: Path, context: str, latex: str) -> None:
    proved(tmp_path, PRIME_CONTEXTS.get(context, ""), latex)


@pytest.mark.parametrize(("context", "latex"), PRIMES_FALSE, ids=[c[1] for c in PRIMES_FALSE])
def test_primes_false_statements_are_refuted(tmp_path: Path, context: str, latex: str) -> None:
    refuted(tmp_path, PRIME_CONTEXTS.get(context, ""), latex)


@pytest.mark.parametrize(("context", "latex", "names", "verdict"), [
    # f only read as a function: false for these f, true for others, and never refuted
    ("", "\\frac{d}{dx} f(2x) = f'(2x)", "f is an arbitrary function", "unknown"),
    # g and h declared arbitrary: meant for every g and h, refuted by polynomials
    ("quotient", "f'(x) = \\frac{ g'(x)h(x) + g(x)h'(x) }{ h(x)^2 }",
     "g and h are declared arbitrary", "refuted"),
])
def test_a_false_statement_about_arbitrary_functions_is_never_proved(
        tmp_path: Path, context: str, latex: str, names: str, verdict: str) -> None:
    outcome = check(tmp_path, PRIME_CONTEXTS.get(context, ""), f"latex = '''{latex}'''\n"
                    f"expect = \"{verdict}\"\nexpect_steps = {{ 2 = \"{verdict}\" }}")
    assert goal(outcome).verdict is Verdict(verdict)
    assert names in goal(outcome).detail


@pytest.mark.parametrize(("context", "text", "message"), [
    ("", "y' = 1", "y': a prime of what? y' is not applied to anything; write y'(x) for the "
     "derivative of a function y at x, or \\frac{dy}{dx} for the derivative of y by x"),
    ('symbols = { y = "real" }', "y'(x) = 1", "y': y is a declared symbol, not a function"),
    ("vectors = { z = 2 }", "z'(x) = 1", "z': z is a declared vector, not a function"),
    ("", "f'(a, b) = 1", "f'(…): f is a function of 2 variables, so a prime does not say which "
     "variable it differentiates; write \\frac{\\partial}{\\partial x} f(…) with the variable named"),
    ('functions = { "h(a, b)" = "a*b" }', "h'(z) = 1", "h is a function of 2 variables"),
    ("", "\\max'(a) = 1", "\\max is a function of 2 variables"),
    ("", "\\log' x = 1", "\\log' needs its argument in brackets: write \\log'(u)"),
    ("", "relu'(2x) = 1", "relu'(2*x): relu has kinks, where it has no derivative"),
    ("", "(x+y)' = 1", "a prime of an expression in x, y does not say which variable"),
    ("", "y'(x) + y = 1", "y is primed as a function and also used as a value"),
])
def test_primes_that_say_nothing_checkable_are_refused(tmp_path: Path, context: str, text: str,
                                                       message: str) -> None:
    assert message in load_error(tmp_path, context, f"latex = '''{text}'''")


# --------------------------------------------------------------------- norms: \|w\|, \lVert w \rVert

NORMS = 'vectors = { w = 2, v = 2 }\nmatrices = { W = [2, 2] }'


def norm_context() -> Context:
    c = Context()
    c.declare_vector("w", 2)
    c.declare_vector("v", 2)
    c.declare_matrix("W", 2, 2)
    return c


@pytest.mark.parametrize(("text", "want"), [
    ("\\|w\\|", "sqrt(w_1**2 + w_2**2)"), ("\\lVert w \\rVert", "sqrt(w_1**2 + w_2**2)"),
    ("\\Vert w \\Vert_2", "sqrt(w_1**2 + w_2**2)"), ("\\left\\| w \\right\\|^2", "w_1**2 + w_2**2"),
    ("\\|w\\|^2", "w_1**2 + w_2**2"), ("\\|W\\|_F^2", "W_11**2 + W_12**2 + W_21**2 + W_22**2"),
    ("\\|w\\| \\|v\\|", "sqrt(v_1**2 + v_2**2)*sqrt(w_1**2 + w_2**2)"),
])
def test_norms_read_as_lengths(text: str, want: str) -> None:
    assert sp.sstr(value(text, norm_context())) == want


def test_norms_in_checks(tmp_path: Path) -> None:
    proved(tmp_path, NORMS, "\\|w - v\\|^2 = \\|w\\|^2 - 2 w^\\top v + \\|v\\|^2")
    refuted(tmp_path, NORMS, "\\|w + v\\|^2 = \\|w\\|^2 + \\|v\\|^2")
    proved(tmp_path, NORMS, "\\frac{\\partial}{\\partial w_1} \\|w\\| = \\frac{w_1}{\\lVert w \\rVert}")
    proved(tmp_path, SYMBOLIC.replace("x", "w"),
           "\\frac{\\partial}{\\partial w_i} \\frac{1}{2}\\|w\\|^2 = w_i")
    refuted(tmp_path, SYMBOLIC.replace("x", "w"), "\\frac{\\partial}{\\partial w_i} \\|w\\|^2 = w_i")


@pytest.mark.parametrize(("text", "message"), [
    ("\\|W\\|", "‖W‖ of a matrix can be the Frobenius or the spectral norm: write ‖W‖_F"),
    ("\\|w\\|_\\infty", "‖…‖_\\infty: only the Euclidean norm ‖w‖ (‖w‖_2) and ‖w‖_1 of a vector "
     "and the Frobenius norm"),  # (‖w‖_1, Σ|w_k|: tests/test_reading_session33.py)
    ("\\|w\\| a \\|v\\|", "‖…‖ … ‖…‖ with only factors between the norms can also be read as one "
     "norm around the middle"),
    ("\\big\\|w\\big\\|", "write \\left\\| x \\right\\| or \\lVert x \\rVert for a norm"),
])
def test_norms_that_are_not_clear_are_refused(tmp_path: Path, text: str, message: str) -> None:
    assert message in load_error(tmp_path, NORMS, f"latex = '''{text} = 0'''")


# ------------------------------------- \nabla_w J and \frac{\partial J}{\partial w}: gradients


@pytest.mark.parametrize(("text", "want"), [
    ("\\nabla_w J", "grad(J, w)"), ("\\frac{\\partial J}{\\partial w}", "grad(J, w)"),
    ("\\frac{\\partial}{\\partial w} w^\\top v", "grad(T(w) v, w)"),
    ("\\nabla_{W} (v^\\top W w)", "grad(T(v) W w, W)"), ("\\nabla_x x^2", "diff(x^2, x)"),
])
def test_a_derivative_by_a_declared_vector_is_its_gradient(text: str, want: str) -> None:
    assert plain(parse_latex_expr(text, norm_context())) == want


def test_gradients_in_checks(tmp_path: Path) -> None:
    proved(tmp_path, NORMS, "\\nabla_w (w^\\top v) = v")
    refuted(tmp_path, NORMS, "\\nabla_w (w^\\top v) = w")
    proved(tmp_path, NORMS, "\\frac{\\partial}{\\partial w} \\frac{1}{2}\\|w - v\\|^2 = w - v")
    refuted(tmp_path, NORMS, "\\frac{\\partial}{\\partial w} \\frac{1}{2}\\|w - v\\|^2 = w + v")
    proved(tmp_path, NORMS, "\\frac{\\partial}{\\partial W} (v^\\top W w) = v w^\\top")  # W's shape
    refuted(tmp_path, NORMS, "\\frac{\\partial}{\\partial W} (v^\\top W w) = w v^\\top")
    # J undeclared: a number (gradient 0) or a function of w_1, w_2; true under both readings
    outcome = check(tmp_path, NORMS, "latex = '''\\frac{\\partial J}{\\partial w} + \\nabla_w J "
                    "= 2 \\nabla_w J'''")
    assert goal(outcome).verdict is Verdict.PROVED and len(goal(outcome).readings) == 2


@pytest.mark.parametrize(("context", "text", "message"), [
    (NORMS, "\\nabla J = 0", "\\nabla without a variable, of an expression in no declared "
     "variable: write \\nabla_w F, naming the variable w"),
    (NORMS, "\\nabla (w^\\top v) = v", "\\nabla without a variable, of an expression in v, w"),
    (NORMS, "\\frac{\\partial^2 J}{\\partial w^2} = 0", "a second derivative by the vector w is a "
     "matrix of its own (a Hessian): differentiate by entries"),
    (SYMBOLIC, "\\nabla_x J = 0", "J is not declared: to differentiate it by x, whose size is "
     "symbolic, define J"),
])
def test_gradients_that_cannot_be_taken_are_refused(tmp_path: Path, context: str, text: str,
                                                    message: str) -> None:
    assert message in load_error(tmp_path, context, f"latex = '''{text}'''")


# ------------------------------------- \hat{y}_k for ŷ = softmax(z) at a symbolic size

YHAT = ('dims = { n = "positive integer" }\nvectors = { z = "n", y = "n" }\n'
        'latex = { "\\\\hat{y}" = "softmax(z)", "h" = "sigmoid(z)" }')
YHAT_TRUE = [
    "\\hat{y}_k = \\frac{e^{z_k}}{\\sum_{m=1}^{n} e^{z_m}}",
    "\\sum_{k=1}^{n} \\hat{y}_k = 1",
    "\\frac{\\partial \\hat{y}_i}{\\partial z_j} = \\hat{y}_i (\\delta_{ij} - \\hat{y}_j)",
    "h_i (1 - h_i) = \\sigma(z_i) - \\sigma(z_i)^2",
]
YHAT_FALSE = [
    "\\hat{y}_k = e^{z_k}",
    "\\frac{\\partial \\hat{y}_i}{\\partial z_j} = \\hat{y}_i (1 - \\hat{y}_j)",
]


@pytest.mark.parametrize("latex", YHAT_TRUE)
def test_a_mapped_vector_keeps_its_free_index(tmp_path: Path, latex: str) -> None:
    proved(tmp_path, YHAT, latex)


@pytest.mark.parametrize("latex", YHAT_FALSE)
def test_a_mapped_vector_with_a_free_index_false_statements(tmp_path: Path, latex: str) -> None:
    refuted(tmp_path, YHAT, latex)


def test_an_entry_that_cannot_be_pushed_inside_is_refused(tmp_path: Path) -> None:
    context = ('dims = { n = "positive integer" }\nvectors = { z = "n" }\n'
               'latex = { "q" = "diag(z)" }')
    assert "this n×n matrix takes 2 indices" in \
        load_error(tmp_path, context, "latex = '''q_k = 0'''")


# ------------------------------------------------------ remarks anywhere in a line


def test_a_remark_before_equals_is_a_remark_by_itself(tmp_path: Path) -> None:
    steps = parse_latex_chain("a(b + c) = ab + ac \\text{ (distributivity) } = ac + ab", Context())
    assert [(s.latex, s.why) for s in steps] == [("a(b + c)", ""), ("ab + ac", "distributivity"),
                                                  ("ac + ab", "")]
    steps = parse_latex_chain("(a+b)^2 &= a^2 + 2ab + b^2 \\\\ \\text{hence } &= a^2 + b^2 + 2ab",
                              Context())
    assert [s.why for s in steps] == ["", "", "hence"]  # a remark that starts a line: the next step
    proved(tmp_path, "", "a(b + c) = ab + ac \\text{ (distributivity) } = ac + ab")
    refuted(tmp_path, "", "a(b + c) = ab + ac \\text{ (distributivity) } = ab", step=3)


def test_because_and_since_state_what_the_step_uses(tmp_path: Path) -> None:
    (_, step) = parse_latex_chain("\\left|y\\right| = y \\quad \\because y > 0", Context())
    assert step.why == "because y > 0" and [plain(c) for c in step.conditions] == ["y > 0"]
    proved(tmp_path, "", "\\left|y\\right| &= y \\quad \\because y > 0")
    refuted(tmp_path, "", "\\left|y\\right| &= -y \\quad \\because y > 0")  # at some y > 0
    context = "vectors = { y = 2 }"
    proved(tmp_path, context, "(y_1 + y_2) z &= z \\quad \\text{since } y_1 + y_2 = 1")
    refuted(tmp_path, context, "(y_1 + y_2) z &= z")  # without it, false


# ------------------------------------------- implication lines: \Rightarrow, \implies, =>, \iff


def implications(tmp_path: Path, context: str, latex: str, expect: str = "proved",
                 steps: dict[int, str] | None = None) -> object:
    marks = ", ".join(f'{k} = "{v}"' for k, v in (steps or {}).items())
    return check(tmp_path, context, f"latex = '''{latex}'''\nexpect = \"{expect}\"\n"
                 f"expect_steps = {{ {marks} }}")


@pytest.mark.parametrize("latex", [
    "2x + 3 = 7 \\Rightarrow 2x = 4 \\Rightarrow x = 2",
    "2x + 3 &= 7 \\\\ \\Rightarrow 2x &= 4 \\quad \\text{(minus 3)} \\\\ \\implies x &= 2",
    "2x + 3 = 7 \\\\ \\therefore x = 2",
    "2x + 3 = 7 => 7 = 2x + 3",  # the sides swapped
    "3x - 6 = 0 \\iff x = 2 \\Longleftrightarrow 2 = x",
    "x = 1 \\Rightarrow x^2 = x",  # both sides times x: fine for ⇒
    "x = 2 \\Rightarrow x^2 = 4",  # times x + 2
    "x y = x \\Rightarrow y = 1 \\quad (x \\neq 0)",  # divided by x, stated non-zero
    "\\sigma(x) = \\frac{1}{2} \\Rightarrow 2\\sigma(x) - 1 = 0",
])
def test_implications_that_follow_by_scaling_are_proved(tmp_path: Path, latex: str) -> None:
    outcome = implications(tmp_path, "", latex)
    assert goal(outcome).verdict is Verdict.PROVED, goal(outcome)
    assert set(verdicts(outcome)) == {Verdict.PROVED}


def test_dividing_by_a_declared_positive_factor(tmp_path: Path) -> None:
    outcome = implications(tmp_path, 'symbols = { a = "positive" }', "a x = a b \\Rightarrow x = b")
    assert verdicts(outcome) == [Verdict.PROVED]
    assert "multiplied by 1/a" in outcome.checks[1].result.detail  # type: ignore[attr-defined]


@pytest.mark.parametrize(("latex", "why"), [
    ("x^2 = 4 \\Rightarrow x = 2", "multiplied by 1/(x + 2), which is undefined where x + 2 = 0"),
    ("x = 1 \\iff x^2 = x", "where x = 0 the new equation may hold without the previous one"),
    ("x = 1 \\Rightarrow \\frac{x}{x - 1} = 0", "the new equation is only defined where"),
    ("0 = 0 \\Rightarrow x = 1", "the previous equation holds everywhere"),
    ("x = 0 \\Rightarrow \\sin(x) = 0", "does not follow by scaling"),  # true, but not decided
    ("x = 2 \\iff x^2 = 4", "where x + 2 = 0 the new equation may hold without the previous one"),
])
def test_implications_not_shown_are_unknown_never_refuted(tmp_path: Path, latex: str,
                                                          why: str) -> None:
    outcome = implications(tmp_path, "", latex, "unknown", {2: "unknown"})
    assert verdicts(outcome) == [Verdict.UNKNOWN]
    assert why in outcome.checks[1].result.detail  # type: ignore[attr-defined]
    assert all(c.result.counterexample is None for c in outcome.checks)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("latex", "point"), [
    ("2x = 4 \\Rightarrow x = 3", {"x": 2}),  # (x = 2, where 2 ≠ 3)
    ("x y = x \\Rightarrow y = 1", {"x": 0}),  # (x = 0: the premise holds for every y)
])
def test_implications_that_fail_at_a_point_of_the_premise_are_refuted(
        tmp_path: Path, latex: str, point: dict) -> None:
    outcome = implications(tmp_path, "", latex, "refuted", {2: "refuted"})
    assert verdicts(outcome) == [Verdict.REFUTED]
    step = outcome.checks[1].result  # type: ignore[attr-defined]
    assert "the previous equation holds at this point" in step.detail
    at = {str(k): v for k, v in step.counterexample.as_dict().items()}
    assert all(at[k] == v for k, v in point.items()), at


def test_an_identity_follows_from_anything_but_is_not_equivalent(tmp_path: Path) -> None:
    outcome = implications(tmp_path, "", "x = 2 \\Rightarrow (x+1)^2 = x^2 + 2x + 1")
    assert verdicts(outcome) == [Verdict.PROVED]
    assert "holds by itself" in outcome.checks[1].result.detail  # type: ignore[attr-defined]
    outcome = implications(tmp_path, "", "x = 2 \\iff (x+1)^2 = x^2 + 2x + 1", "unknown",
                           {2: "unknown"})
    assert verdicts(outcome) == [Verdict.UNKNOWN]


def test_several_equalities_after_an_arrow(tmp_path: Path) -> None:
    """x = 2 ⇒ x² = 2x = 4: x² = 2x follows (times x), and so does x² = 4 (times x + 2);
    a rewrite that fails where the premise holds is refuted there."""
    outcome = implications(tmp_path, "", "x = 2 \\Rightarrow x^2 = 2x = 4")
    assert verdicts(outcome) == [Verdict.PROVED, Verdict.PROVED]
    st = outcome.entry.statements  # type: ignore[attr-defined]
    assert [s.arrow for s in st] == ["", "⇒", "="] and st[2].latex == "4"
    outcome = implications(tmp_path, "", "x = 2 \\Rightarrow x^2 = 2x = 5", "refuted",
                           {3: "unknown"})  # (5 = 2x from x² = 2x, or from x = 2? not decided)
    assert verdicts(outcome) == [Verdict.PROVED, Verdict.UNKNOWN]
    assert goal(outcome).verdict is Verdict.REFUTED  # x = 2 ⇒ x² = 5 fails at x = 2


def test_a_premise_the_conditions_exclude_is_a_vacuous_proof(tmp_path: Path) -> None:
    outcome = implications(tmp_path, "", "2x = 4 \\Rightarrow x = 3 \\quad (x \\neq 2)")
    step = outcome.checks[1].result  # type: ignore[attr-defined]
    assert step.verdict is Verdict.PROVED and step.vacuous and "never holds" in step.detail


@pytest.mark.parametrize(("latex", "message"), [
    ("a = b = \\Rightarrow c = a", "an equation needs a side before and after '='"),
    ("a < b \\Rightarrow a = b", "< in a chain of implications: only equations"),
    ("\\Rightarrow a = b", "with no equation before it"),
    ("a = b \\Rightarrow", "the chain ends with an implication arrow"),
    ("a = b \\\\ c = d \\Rightarrow d = c", "each new equation starts with \\Rightarrow"),
    ("a + b \\Rightarrow a = b", "'a + b' in a chain of implications is not an equation"),
    ("x = 1 \\quad \\text{so} \\Rightarrow x = 1", ""),  # a remark before the arrow: fine
])
def test_implication_chains_that_cannot_be_read(tmp_path: Path, latex: str, message: str) -> None:
    if not message:
        assert goal(implications(tmp_path, "", latex)).verdict is Verdict.PROVED
        return
    assert message in load_error(tmp_path, "", f"latex = '''{latex}'''")


def test_an_equation_read_two_ways_leaves_its_implications_unknown(tmp_path: Path) -> None:
    """g(x): g·x or g applied to x? The steps that need that equation are unknown (ambiguous
    reading); the others are still decided."""
    outcome = implications(tmp_path, "", "x = 1 \\Rightarrow 2x = 2 \\Rightarrow g(x) = 1 "
                           "\\Rightarrow 2x - 1 = 1", "unknown", {3: "unknown", 4: "unknown"})
    assert verdicts(outcome) == [Verdict.PROVED, Verdict.UNKNOWN, Verdict.UNKNOWN]
    step = outcome.checks[2].result  # type: ignore[attr-defined]
    assert step.method.value == "ambiguous reading" and "can be read in several ways" in step.detail


@settings(max_examples=60, deadline=None)
@given(p=st.lists(st.integers(-3, 3), min_size=2, max_size=3),
       c=st.sampled_from([sp.Integer(2), sp.Rational(-1, 3), sp.Symbol("x", real=True),
                          1 / sp.Symbol("x", real=True), sp.Integer(0)]),
       noise=st.integers(-1, 1), both=st.booleans())
def test_a_proved_implication_always_holds(p: list[int], c: sp.Expr, noise: int, both: bool) -> None:
    """Random premises p(x) = 0 and conclusions c·p(x) + noise = 0: whenever the step is
    proved, every real root of the premise solves the conclusion (both ways for ⇔); whenever
    it is refuted, at a root of the premise where the conclusion fails."""
    from checker.engine import check_claim
    from checker.model import Claim, Premise

    x = sp.Symbol("x", real=True)
    old = sum(k * x**i for i, k in enumerate(p))
    new = sp.expand(c * old + noise)
    claim = Claim(new, sp.Integer(0), premise=Premise(old, sp.Integer(0), "⇔" if both else "⇒"))
    result = check_claim(claim)
    if result.verdict is Verdict.REFUTED:  # at a root of the premise where the line fails
        at = result.counterexample.as_dict()  # type: ignore[union-attr]
        assert old.xreplace(at) == 0 and new.xreplace(at) != 0, (old, new, at)
        return
    if result.verdict is not Verdict.PROVED:
        return
    if sp.simplify(new) == 0:  # an identity follows from anything, but is not equivalent
        assert not both or old == 0, (old, new)
        return
    assert old != 0, (old, new)  # a premise that says nothing gives only identities
    old_roots = set(sp.solveset(old, x, sp.S.Reals))
    new_roots = set(sp.solveset(sp.together(new), x, sp.S.Reals))
    assert old_roots <= new_roots, (old, new)
    if both:
        assert new_roots <= old_roots, (old, new)


def test_a_product_of_two_vectors_is_not_taken_entrywise_by_its_entry(tmp_path: Path) -> None:
    context = ('dims = { n = "positive integer" }\nvectors = { z = "n" }\n'
               'latex = { "q" = "z*z", "r" = "2*z" }')
    assert "is ambiguous: use A @ B for the matrix product or hadamard(A, B)" in \
        load_error(tmp_path, context, "latex = '''q_k = z_k^2'''")
    proved(tmp_path, context, "r_k = 2 z_k")


def test_an_unknown_word_before_an_operator_is_never_dropped(tmp_path: Path) -> None:
    """A \\text{…} remark stands by itself only right before '=': '\\text{loss} + 1' is not
    read as '+ 1'."""
    assert "'=' after a remark" in load_error(tmp_path, "", "latex = '''\\text{loss} + 1 = 2'''")


def test_the_reading_of_an_implication_chain() -> None:
    from checker.parse.latex_chain import parse_latex_statements

    read = parse_latex_statements("2x + 3 &= 7 \\\\ \\Rightarrow 2x &= 4 \\quad \\text{(minus 3)} "
                                  "\\\\ \\iff x &= 2", Context())
    assert [(s.arrow, s.latex, plain(s.lhs), plain(s.rhs), s.why) for s in read] == [
        ("", "2x + 3 = 7", "2·x + 3", "7", ""), ("⇒", "2x = 4", "2·x", "4", "minus 3"),
        ("⇔", "x = 2", "x", "2", "")]


def test_the_value_of_an_entry_at_a_symbolic_size() -> None:
    c = Context()
    c.declare_dim("n", "positive integer")
    c.declare_symbolic_vector("z", "n")
    c.latex["\\hat{y}"] = parse_latex_expr("\\operatorname{softmax}(z)", c)
    assert sp.sstr(value("\\hat{y}_k", c)) == "exp(z[k])/Sum(exp(z[_k]), (_k, 1, n))"


def test_a_premise_that_never_holds_proves_only_the_forward_implication() -> None:
    """x² + 1 = 0 never holds over the reals: ⇒ anything is vacuously true, but the way back
    (2/3 − x²/3 = 0, which holds at x = ±√2) is not; found by the property test above."""
    from checker.engine import check_claim
    from checker.model import Claim, Premise

    x = sp.Symbol("x", real=True)
    old, new = x**2 + 1, sp.Rational(2, 3) - x**2 / 3
    forward = check_claim(Claim(new, sp.Integer(0), premise=Premise(old, sp.Integer(0), "⇒")))
    both = check_claim(Claim(new, sp.Integer(0), premise=Premise(old, sp.Integer(0), "⇔")))
    assert forward.verdict is Verdict.PROVED and forward.vacuous
    assert both.verdict is Verdict.UNKNOWN and "⇔ also needs" in both.detail


# ------------------------------------------------------------------ notation from the corpus

X = 'symbols = { x = "real", y = "real" }'


@pytest.mark.parametrize("latex", [
    "1-{2 \\over e^{2x}+1} = {e^x-e^{-x} \\over e^x+e^{-x}}",  # TeX's \over inside braces
    "e^xe^{-x} = 1",  # e^{xe}^{-x} would be a double superscript: TeX's e^x e^{-x}
    "\\qty(x + y)^2 = \\boxed{x^2 + 2xy + y^2} = {\\color{red} x^2} + \\textcolor{blue}{2xy} + y^2",
    "\\sigma_1^2 + \\sigma_2 = \\sigma_2 + \\sigma_1 \\sigma_1",  # σ with an index: a name
    "\\ell + x = x + \\ell",
    "\\underbrace{(x + y)^2}_{\\text{square}} = x^2 + \\underbrace{2 x y}_{=\\,2xy} + y^2",
])
def test_notation_from_real_derivations_is_read(tmp_path: Path, latex: str) -> None:
    proved(tmp_path, X, latex)


def test_sum_subscripts_follow_tex(tmp_path: Path) -> None:
    context = 'dims = { n = "positive integer" }\nvectors = { y = "n", p = "n" }'
    proved(tmp_path, context, "\\sum_ky_kp_k = \\sum_{k=1}^{n} p_k y_k")
    assert "TeX takes only the first letter of 'xy'" in load_error(
        tmp_path, X, "latex = '''e^xy = 1'''")  # e^{xy} or e^x y: both plausible, refused


def test_a_power_of_a_users_function_is_read_both_ways(tmp_path: Path) -> None:
    context = X + '\nfunctions = { "g(t)" = "2*t" }'
    outcome = check(tmp_path, context, "latex = '''g^2(x) = 4 x^2'''\nexpect = \"unknown\"")
    result = goal(outcome)
    assert result.verdict is Verdict.UNKNOWN and result.method.value == "ambiguous reading"
    labels = {r.label: r.result.verdict for r in result.readings}
    assert labels == {"g^2(x) as (g(x))²": Verdict.PROVED, "g^2(x) as g(g(x))": Verdict.REFUTED}
    proved(tmp_path, X, "1 - tanh^2(x) = \\frac{4}{(e^x + e^{-x})^2}")  # the vocabulary's: a square


# ------------------------------- Leibniz's notation by an expression: ∂ℓ/∂p_j, d f(g(x)) / d g(x)

SOFTMAX = ('dims = { C = "positive integer" }\nvectors = { a = "C", y = "C" }\n'
           'latex = { "p" = "softmax(a)" }')
ARBITRARY = 'symbols = { x = "real" }\nfunctions = { f = "arbitrary", g = "arbitrary" }'


def test_a_derivative_by_an_entry_of_a_defined_vector(tmp_path: Path) -> None:
    """∂/∂p_j with p = softmax(a): the expression as written, a function of p_j."""
    proved(tmp_path, SOFTMAX, "\\frac{\\partial}{\\partial p_j} \\left( - y_j \\log p_j \\right) "
           "= -\\frac{y_j}{p_j}")
    proved(tmp_path, SOFTMAX, "\\frac{\\partial \\log p_i}{\\partial p_i} = \\frac{1}{p_i}")
    refuted(tmp_path, SOFTMAX, "\\frac{\\partial}{\\partial p_j} \\left( - y_j \\log p_j \\right) "
            "= \\frac{y_j}{p_j}")


def test_the_chain_rule_by_an_inner_function(tmp_path: Path) -> None:
    proved(tmp_path, ARBITRARY, "\\frac{d}{dx} f(g(x)) = \\frac{d\\, f(g(x))}{d\\, g(x)} "
           "\\frac{d\\, g(x)}{dx}")
    proved(tmp_path, ARBITRARY, "\\frac{d\\, f(g(x))}{d\\, g(x)} = f'(g(x))")
    proved(tmp_path, 'symbols = { x = "real" }', "\\frac{d \\tanh(x)^2}{d \\tanh(x)} = 2\\tanh(x)")
    refuted(tmp_path, 'symbols = { x = "real" }',
            "\\frac{d \\tanh(x)^2}{d \\tanh(x)} = 2\\tanh(x) (1 - \\tanh(x)^2)")
    # with g undeclared, g(x) in the denominator makes g a function (so everywhere)
    proved(tmp_path, 'symbols = { x = "real" }\nfunctions = { f = "arbitrary" }',
           "\\frac{d\\, f(g(x))}{d\\, g(x)} = f'(g(x))")


@pytest.mark.parametrize(("latex", "message"), [
    ("\\frac{\\partial}{\\partial p_j} \\sum_j y_j \\log p_j = 0",
     "inside a sum over j: the sum's j is not the p[j] of the derivative"),
    ("\\frac{\\partial}{\\partial p_j} (p_j + a_j) = 1",
     "it also uses a, which p[j] is made of, so whether a is held fixed is not clear"),
])
def test_a_derivative_by_an_expression_that_is_not_one_reading(tmp_path: Path, latex: str,
                                                               message: str) -> None:
    assert message in load_error(tmp_path, SOFTMAX, f"latex = '''{latex}'''")


def test_through_a_defined_vector_of_symbolic_length(tmp_path: Path) -> None:
    """∂/∂p_j Σ_k y_k log p_k with p = softmax(a) of length C: the sum as a function of a
    fresh vector where it writes p, differentiated in its j-th entry, p put back (y_j/p_j).
    It was refused ("not read at a symbolic size")."""
    proved(tmp_path, SOFTMAX, "\\frac{\\partial}{\\partial p_j} \\sum_k y_k \\log p_k = "
                              "\\frac{y_j}{p_j}")
    refuted(tmp_path, SOFTMAX, "\\frac{\\partial}{\\partial p_j} \\sum_k y_k \\log p_k = 0")
    refuted(tmp_path, SOFTMAX, "\\frac{\\partial}{\\partial p_j} \\sum_k y_k \\log p_k = "
                               "\\frac{y_j}{p_j^2}")


def test_a_derivative_by_an_entry_of_a_defined_vector_goes_through_the_vector(
        tmp_path: Path) -> None:
    """∂/∂p_2 Σ_k y_k log p_k with p = softmax(a) at size 3: the sum as a function of the
    vector p, differentiated in its second entry (y_2/p_2), not refused because the sum's
    p_k is not written p_2."""
    context = 'vectors = { a = 3, y = 3 }\nlatex = { "p" = "softmax(a)" }'
    proved(tmp_path, context, "\\frac{\\partial}{\\partial p_2} \\sum_{k=1}^{3} y_k \\log p_k = "
                              "\\frac{y_2}{p_2}")
    refuted(tmp_path, context, "\\frac{\\partial}{\\partial p_2} \\sum_{k=1}^{3} y_k \\log p_k = "
                               "\\frac{y_1}{p_1}")


def test_a_prime_on_brackets_is_by_their_one_variable(tmp_path: Path) -> None:
    proved(tmp_path, ARBITRARY, "(f(g(x)))' = f'(g(x)) \\cdot g'(x)")
    proved(tmp_path, 'symbols = { x = "real" }', "(x^2 + 1)'' = 2")
    refuted(tmp_path, 'symbols = { x = "real" }', "(x^2 + 1)' = x")
    for latex, which in (("(x^2 y)' = 2xy", "in x, y"), ("(3)' = 0", "with no variable")):
        error = load_error(tmp_path, 'symbols = { x = "real", y = "real" }', f"latex = '''{latex}'''")
        assert f"a prime of an expression {which} does not say which variable" in error


# --------------------------------------------- reciprocal trigonometric functions; array wrappers

def test_sech_and_friends_take_the_power_convention(tmp_path: Path) -> None:
    z = 'symbols = { z = "real" }'
    proved(tmp_path, z, "\\dfrac{\\mathrm{d}}{\\mathrm{d}z} \\tanh(z) = \\mathrm{sech}^2(z)")
    proved(tmp_path, z, "\\frac{d}{dz} \\coth(z) = -\\operatorname{csch}^2(z)")
    refuted(tmp_path, z, "\\frac{d}{dz} \\tanh(z) = \\mathrm{sech}(z)")
    assert "'sech' is a built-in name" in load_error(tmp_path, z + '\nfunctions = { "sech(t)" = '
                                                      '"1/cosh(t)" }', "latex = '''z = z'''")


def test_an_array_around_the_whole_chain_aligns_it(tmp_path: Path) -> None:
    ab = 'symbols = { a = "real", b = "real" }'
    proved(tmp_path, ab, "\\begin{array}{ll} (a+b)^2 &= a^2 + 2ab + b^2 \\\\ "
           "&= b^2 + 2ab + a^2 \\end{array}")
    refuted(tmp_path, ab, "\\begin{array}{rl} (a+b)^2 &= a^2 + 2ab + b^2 \\\\ "
            "&= b^2 + ab + a^2 \\end{array}", step=3)
    for latex in ("a = \\begin{array}{cc} 1 & 2 \\\\ 3 & 4 \\end{array}",
                  "\\begin{array}{cc} 1 & 2 \\\\ 3 & 4 \\end{array} = a"):
        assert "an array that does not surround the whole chain is a matrix" in \
            load_error(tmp_path, ab, f"latex = '''{latex}'''")


def test_a_sum_without_an_index_of_a_vector_sums_its_entries(tmp_path: Path) -> None:
    zn = 'dims = { n = "positive integer" }\nvectors = { z = "n" }'
    proved(tmp_path, zn, "\\frac{e^{z_b}}{\\sum e^{z}} = \\operatorname{softmax}(z)_b")
    refuted(tmp_path, zn, "\\sum e^{z} = e^{z_1}")
    proved(tmp_path, "vectors = { z = 3 }", "\\sum e^{z} = e^{z_1} + e^{z_2} + e^{z_3}")
    assert "\\sum without an index" in load_error(tmp_path, zn, "latex = '''\\sum 2 = 2n'''")


def test_vocabulary_functions_written_with_capitals(tmp_path: Path) -> None:
    x = 'symbols = { x = "real" }'
    proved(tmp_path, x, "\\text{Tanh}(x) = \\tanh(x)")
    proved(tmp_path, x, "\\mathrm{Sigmoid}(x) = \\frac{1}{1 + e^{-x}}")
    refuted(tmp_path, x, "\\operatorname{ReLU}(x) = x")
    # a name the file declares is that name, whatever its case
    proved(tmp_path, x + '\nfunctions = { "Tanh(t)" = "2*t" }', "\\text{Tanh}(x) = 2x")
    # a variance, where nothing is declared random: what to declare (tests/test_expectations.py)
    assert "nothing is declared random" in \
        load_error(tmp_path, x, "latex = '''\\text{Var}(x) = 2'''")


def test_plain_bars_are_an_absolute_value(tmp_path: Path) -> None:
    xy = 'symbols = { x = "real", y = "real" }'
    proved(tmp_path, xy, "|x y| = |x| |y|")
    proved(tmp_path, xy, "|x| = \\begin{cases} x & \\text{if } x \\ge 0 \\\\ -x & \\text{if } x < 0 "
           "\\end{cases}")
    refuted(tmp_path, xy, "|x| = x")
    assert "can also be read as one absolute value around the middle" in \
        load_error(tmp_path, xy, "latex = '''|x| y |y| = 0'''")
    assert "a conditional bar (p(y \\mid x)) is read only in the arguments of a function the " \
        "page defines with one" in load_error(tmp_path, xy, "latex = '''p(y|x) = 1'''")


def test_cases_as_an_array_in_braces_and_rows_in_documents(tmp_path: Path) -> None:
    """\\left\\{ \\begin{array}{ll} … \\end{array} \\right. is a definition by cases; in a document,
    a row of cases that starts with a letter is not a new line of the chain."""
    from tests.test_documents import check as check_document
    from tests.test_documents import step_verdicts
    doc = tmp_path / "cases.md"
    doc.write_text("```derivcheck\nsymbols = { x = \"real\" }\n```\n\n"
                   "$$\\left| x \\right| = \\left\\{ \\begin{array}{ll} x & \\text{if } x \\ge 0 \\\\ "
                   "-x & \\text{if } x < 0 \\end{array} \\right.$$\n\n"
                   "$$g(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}$$\n\n"
                   "$$g(x) + g(-x) = 1$$\n", encoding="utf-8")
    outcomes, errors = check_document(doc)
    assert errors == []
    assert step_verdicts(outcomes["L5"]) == [Verdict.PROVED]
    # g(0) + g(0) = 0: the cases were read as one definition
    assert step_verdicts(outcomes["L9"]) == [Verdict.REFUTED]


# ------------------------------------------- found by an adversary (each was a false verdict)

@pytest.mark.parametrize(("context", "latex", "message"), [
    # s = σ(x): σ(x) and x beside s are what s is made of (held fixed or not?)
    ('symbols = { x = "real" }\nlatex = { s = "sigmoid(x)" }',
     "\\frac{d\\, (s^2 + \\sigma(x))}{d s} = 2s + 1", "it also uses x, which s is made of"),
    ('symbols = { x = "real" }\nlatex = { s = "sigmoid(x)" }',
     "\\frac{d\\, (s^2 + x)}{d s} = 2s", "it also uses x, which s is made of"),
    # a dependence hidden in a function's body
    ('symbols = { x = "real" }\nfunctions = { "h(t)" = "t + x" }',
     "\\frac{d\\, h(\\tanh(x))}{d \\tanh(x)} = 1", "it also uses x, which tanh(x) is made of"),
    # two columns of equations in one line of an align
    ('symbols = { x = "real" }', "\\begin{aligned} (x+1)^2 &= x^2+2x+1 & (x-1)^2 &= x^2 - 2x + 1 "
     "\\end{aligned}", "two equations side by side on one line"),
    # \sum of a number
    ('dims = { n = "positive integer" }\nvectors = { z = "n" }',
     "\\sum \\sum e^{z} = \\sum e^{z}", "\\sum with no index of a number"),
    ('symbols = { x = "real" }', "x = 2 \\iff \\Rightarrow x^2 = 4", "two different arrows in a row"),
    # an arrow the other way is a relation, so no goal x = 4 is made of the chain's ends
    ('symbols = { x = "real" }', "x = 2 \\Leftarrow x^2 = 4", "\\Leftarrow in a chain"),
    ('symbols = { x = "real" }', "x = 2 ⇐ x^2 = 4", "⇐ in a chain: a chain joins"),
    # a prime on brackets that hold a defined name: by the name, or by its variable?
    ('symbols = { x = "real" }\nlatex = { p = "sigmoid(x)" }', "(p^2)' = 2p",
     "p is defined in terms of x, so the prime could be by p or by x"),
])
def test_adversary_readings_are_refused(tmp_path: Path, context: str, latex: str,
                                        message: str) -> None:
    assert message in load_error(tmp_path, context, f"latex = '''{latex}'''")


def test_adversary_readings_that_hold(tmp_path: Path) -> None:
    x = 'symbols = { x = "real" }'
    # log(tanh x) is defined where tanh x > 0: the counterexample must lie there (it was at x = -1)
    proved(tmp_path, x, "\\frac{d \\log(\\tanh(x))}{d \\tanh(x)} = \\frac{1}{\\left|\\tanh(x)\\right|}")
    proved(tmp_path, x, "\\frac{d \\log(-\\tanh(x))}{d \\tanh(x)} = -\\frac{1}{\\left|\\tanh(x)\\right|}")
    proved(tmp_path, x, "x⁽²⁾ + 1 = x^{(2)} + 1")  # a Unicode label is the same label
    proved(tmp_path, 'symbols = { x = "real" }\nlatex = { s = "sigmoid(x)" }',
           "\\frac{d\\, s^2}{d s} = 2s")



def test_the_files_names_win_over_capitalised_vocabulary(tmp_path: Path) -> None:
    x = 'symbols = { x = "real" }'
    # a declared Relu makes \text{ReLU} unknown, never the vocabulary's relu
    assert "ReLU is not a function derivcheck knows" in load_error(
        tmp_path, x + '\nfunctions = { "Relu(t)" = "t" }',
        "latex = \'\'\'\\text{ReLU}(x) = \\max(x, 0)\'\'\'")
    proved(tmp_path, x + '\nfunctions = { "Relu(t)" = "t" }', "\\text{Relu}(x) = x")
    # and the bare vocabulary word beside the file's name of another case is refused
    assert "relu is the vocabulary's, and the file declares Relu" in load_error(
        tmp_path, x + '\nfunctions = { "Relu(t)" = "2*t" }', "latex = \'\'\'relu(x) = 2x\'\'\'")
    # [context] latex keys written with \text{…}, \mathrm{…} are used as written
    # (written with \cdot: h(x + 1) of a value h = x is refused, its value at x + 1 or a
    # product?)
    proved(tmp_path, x + '\nlatex = { "\\\\text{ReLU}" = "x" }', "\\text{ReLU} \\cdot (x + 1) = x^2 + x")
    proved(tmp_path, x + '\nlatex = { "\\\\mathrm{act}" = "x" }', "\\mathrm{act} = x")
    # in any of the text fonts: \mathrm{ReLU} is the file's \text{ReLU}
    proved(tmp_path, x + '\nlatex = { "\\\\text{ReLU}" = "x" }', "\\mathrm{ReLU} \\cdot (x + 1) = x^2 + x")
    proved(tmp_path, x + '\nlatex = { "\\\\mathrm{act}" = "x" }', "\\text{act} = x")


_X = sp.Symbol("x", real=True)


@pytest.mark.parametrize("text, expected", [
    (r"\partial (x^2)/\partial x", 2 * _X),
    (r"∂/∂x (x^3)", 3 * _X**2),
    (r"\partial^2 (x^3)/\partial x^2", 6 * _X),
    (r"d(x^2)/dx", 2 * _X),
    (r"d/dx (x^3 + x)", 3 * _X**2 + 1),
    (r"2 \cdot d(x^2)/dx", 4 * _X),
])
def test_leibniz_fractions_written_with_a_slash(text: str, expected: sp.Expr) -> None:
    """∂F/∂x and dF/dx with a slash (plain text, inline math) are Leibniz's fractions."""
    assert sp.expand(value(text) - expected) == 0


@pytest.mark.parametrize("text, message", [
    (r"\partial x", "∂F/∂x"),
    (r"\partial x + 1/\partial x", "∂F/∂x"),
    (r"∂/∂", "no variable"),
])
def test_a_slash_derivative_that_cannot_be_read(text: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        value(text)


def test_dy_dx_with_y_undeclared_has_both_readings() -> None:
    """dy/dx with y undeclared: y a number (0) or a function of x, as for \\frac{dy}{dx}."""
    assert plain(parse_latex_expr("dy/dx", Context())) == \
        plain(parse_latex_expr(r"\frac{dy}{dx}", Context()))


# ------------------------------------------------- x_1 + x_2 + \dots + x_n: the sum it abbreviates


def _symbolic_ctx() -> Context:
    c = Context()
    c.declare_dim("n", "positive integer")
    c.declare_symbolic_vector("x", "n")
    c.declare_symbolic_matrix("W", "n", "n")
    c.declare_vector("v", 3)
    return c


@pytest.mark.parametrize(("text", "want"), [
    ("x_1 + x_2 + \\dots + x_n", "Sum(x[k], [k, 1, n])"),
    ("x_1 + \\cdots + x_n", "Sum(x[k], [k, 1, n])"),
    ("x_1 + x_2 + ... + x_n", "Sum(x[k], [k, 1, n])"),  # three periods
    ("x_1 + … + x_n", "Sum(x[k], [k, 1, n])"),  # the Unicode ellipsis
    ("a + x_1 + \\ldots + x_n + b", "a + Sum(x[k], [k, 1, n]) + b"),
    ("e^{x_1} + e^{x_2} + \\cdots + e^{x_n}", "Sum(exp(x[k]), [k, 1, n])"),
    ("1 + 2 + \\dots + n", "Sum(k, [k, 1, n])"),
    ("W_{11}x_1 + \\dots + W_{1n}x_n", "Sum(W[1, k]·x[k], [k, 1, n])"),  # W's first index fixed
    ("W_{11} + \\dots + W_{nn}", "Sum(W[k, k], [k, 1, n])"),
    ("x_1 W_{11} + \\dots + x_n W_{n1}", "Sum(x[k]·W[k, 1], [k, 1, n])"),
    ("x_2 + \\dots + x_{n-1}", "Sum(x[k], [k, 2, n - 1])"),
    ("x_0 + x_1 + \\dots + x_n", "Sum(x[k], [k, 0, n])"),
    ("x_1 + 2x_2 + \\dots + n x_n", "x[1] + Sum(k·x[k], [k, 2, n])"),  # x_1 is not 1·x_1 as written
    ("k x_1 + \\dots + k x_n", "Sum(k·x[j], [j, 1, n])"),  # k is taken: the index is another letter
    ("v_1 + v_2 + \\dots + v_3", "Sum(v[k], [k, 1, 3])"),
    ("x_1^2 + x_2^2 + \\dots + x_n^2", "Sum(x[k]^2, [k, 1, n])"),
])
def test_an_ellipsis_between_plus_signs_is_the_sum_of_its_pattern(text: str, want: str) -> None:
    def unwrapped(node: object) -> object:  # _nonempty(Σ): a sum whose range is not empty
        if isinstance(node, Call) and node.func == "_nonempty":
            return unwrapped(node.args[0])
        return map_children(node, unwrapped)  # type: ignore[arg-type]

    node = parse_latex_expr(text, _symbolic_ctx())
    assert "_nonempty(" in plain(node)
    assert plain(unwrapped(node)) == want  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "fragment"), [
    ("x_1 + x_3 + \\dots + x_n", "do not go up by one"),  # every other term? not guessed
    ("x_5 + x_1 + \\dots + x_n", "do not go up by one"),
    ("x_1 y + \\dots + x_n", "not one pattern"),
    ("x_1 + \\dots + W_{n1}", "not one pattern"),
    ("y_1 + \\dots + y_n", "y is not a declared vector"),  # y_1 is a symbol of its own
    ("x_n + \\dots + x_1", "not one pattern"),
    ("x_1 + \\dots + x_1", "the same"),
    ("W_{11} + \\dots + W_{n2}", "different amounts"),
    ("x_2 + \\dots + x_1", "count down"),
    ("x_1 + \\dots", "last term"),
    ("\\dots + x_n", "ellipsis is read only between"),
    ("a - x_1 - \\dots - x_n", "ellipsis is read only between"),  # minus signs: write the sum
    ("\\max(x_1, \\dots, x_n)", "ellipsis is read only between"),
    ("x_1 x_2 \\cdots x_n", "ellipsis is read only between"),  # no products
    ("x_1 + \\vdots + x_n", "this ellipsis cannot be checked"),
])
def test_an_ellipsis_that_is_not_one_clear_pattern_is_refused(text: str, fragment: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_latex_expr(text, _symbolic_ctx())
    assert fragment in info.value.message
    assert info.value.pos is not None


def test_an_ellipsis_sum_is_checked_as_the_sum(tmp_path: Path) -> None:
    proved(tmp_path, SYMBOLIC, "\\frac{\\partial}{\\partial x_j} (x_1^2 + x_2^2 + \\dots + x_n^2) = 2 x_j")
    refuted(tmp_path, SYMBOLIC, "\\frac{\\partial}{\\partial x_j} (x_1^2 + x_2^2 + \\dots + x_n^2) = x_j")
    proved(tmp_path, SYMBOLIC, "\\sum_{k=1}^{n} e^{x_k} = e^{x_1} + e^{x_2} + \\cdots + e^{x_n}")
    refuted(tmp_path, SYMBOLIC, "x_1 + \\dots + x_n = x_2 + \\dots + x_n")
    proved(tmp_path, "vectors = { z = 3 }", "z_1 + z_2 + \\dots + z_3 = z_1 + z_2 + z_3")


def test_an_ellipsis_up_to_an_undeclared_size_is_an_error_naming_it(tmp_path: Path) -> None:
    err = load_error(tmp_path, "vectors = { z = 4 }",
                     "latex = '''e^{z_1} + e^{z_2} + \\dots + e^{z_n} = 1'''")
    assert "n is not bound" in err


@pytest.mark.parametrize(("claim", "verdict"), [
    ("x[1] + x[2] + ... + x[n] == Sum(x[j], (j, 1, n))", Verdict.PROVED),
    ("k*x[1] + ... + k*x[n] == k*Sum(x[j], (j, 1, n))", Verdict.PROVED),  # k is not the index
    ("x[2] + ... + x[n] == Sum(x[j], (j, 1, n))", Verdict.REFUTED),
])
def test_an_ellipsis_in_a_plain_claim(tmp_path: Path, claim: str, verdict: Verdict) -> None:
    context = SYMBOLIC + '\nsymbols = { k = "real" }'
    outcome = check(tmp_path, context, f'claim = "{claim}"\nexpect = "{verdict.value}"')
    assert goal(outcome).verdict is verdict, goal(outcome)


@pytest.mark.parametrize(("claim", "fragment"), [
    ("x[1] + x[3] + ... + x[n] == 0", "do not go up by one"),
    ("max(x[1], ..., x[n]) == 0", "... is read only between the + signs"),
    ("x[1] + ... == 0", "last term"),
])
def test_an_unclear_ellipsis_in_a_plain_claim_is_refused(tmp_path: Path, claim: str, fragment: str) -> None:
    assert fragment in load_error(tmp_path, SYMBOLIC, f'claim = "{claim}"')


# from an adversary of the ellipsis reading: each was a false verdict, a guess or a bad message

def test_an_ellipsis_index_never_feeds_an_outer_sum_without_a_range(tmp_path: Path) -> None:
    err = load_error(tmp_path, SYMBOLIC, "latex = '''\\sum_k (x_1 + \\dots + x_n) = n \\sum_{j=1}^n x_j'''")
    assert "cannot infer the range of \\sum_k" in err  # k is the inner sum's own, not the outer's


@pytest.mark.parametrize(("latex", "fragment"), [
    ("0 + \\dots + (-n) = 0", "count down"),  # a symbolic step that goes down
    ("2 + \\dots + 2n = n(n+1)", "does not show its step"),  # every number, or the even ones?
    ("1 + \\dots + (2n-1) = n^2", "does not show its step"),
    ("x_1 x_1 + x_2 x_2 + \\dots + x_n x_2 = 0", "do not go up by one"),  # contradicts the last
    ("a - x_1 + \\dots + x_n = 0", "is subtracted"),
])
def test_ellipsis_patterns_that_are_not_clear_are_refused(tmp_path: Path, latex: str,
                                                          fragment: str) -> None:
    assert fragment in load_error(tmp_path, SYMBOLIC + '\nsymbols = { a = "real" }',
                                  f"latex = '''{latex}'''")


def test_terms_written_before_a_pattern_make_its_range_non_empty(tmp_path: Path) -> None:
    context = SYMBOLIC + '\nsymbols = { q = "real" }'
    out = check(tmp_path, context, "latex = '''1 + q + q^2 + \\dots + q^{n-1} = \\sum_{k=0}^{n-1} q^k'''")
    assert goal(out).verdict is not Verdict.REFUTED, goal(out)  # at n = 1 the line says nothing
    wrong = check(tmp_path, context, "latex = '''1 + q + q^2 + \\dots + q^{n-1} = 0'''\nexpect = \"refuted\"")
    cex = goal(wrong).counterexample
    assert goal(wrong).verdict is Verdict.REFUTED and cex is not None
    assert dict(cex.instance)[sp.Symbol("n", integer=True, positive=True)] >= 3


def test_the_ellipsis_index_avoids_letters_of_the_terms_and_declared_names(tmp_path: Path) -> None:
    proved(tmp_path, SYMBOLIC + '\nsymbols = { a_k = "real" }',
           "a_k x_1 + \\dots + a_k x_n = a_k \\sum_{j=1}^{n} x_j")
    out = check(tmp_path, 'dims = { n = "positive integer" }\nvectors = { x = "n", k = "n" }',
                'claim = "x[1] + ... + x[n] == Sum(x[j], (j, 1, n))"')
    assert goal(out).verdict is Verdict.PROVED, goal(out)  # k is declared: another letter


def test_plain_claims_are_told_the_plain_syntax(tmp_path: Path) -> None:
    err = load_error(tmp_path, SYMBOLIC, 'claim = "x[1] + x[3] + ... + x[n] == 0"')
    assert "x[1] + x[2] + ... + x[n]" in err and "\\dots" not in err


def test_a_sum_over_a_symbolic_matrix_infers_its_range(tmp_path: Path) -> None:
    proved(tmp_path, 'dims = { n = "positive integer" }\nmatrices = { W = ["n", "n"] }',
           "\\sum_k W_{1k} = W_{11} + \\dots + W_{1n}")


def test_a_declared_sigma_is_the_symbol_everywhere(tmp_path: Path) -> None:
    # σ declared (a standard deviation): σ√(2π) was read as the sigmoid of √(2π), σ² as σ
    context = 'symbols = { sigma = "positive" }'
    refuted(tmp_path, context, "\\frac{1}{\\sigma \\sqrt{2\\pi}} = 1 + e^{-\\sqrt{2\\pi}}")
    proved(tmp_path, context, "\\sigma^2 \\cdot \\frac{1}{\\sigma} = \\sigma")
    assert "could be the sigmoid or sigma times" in load_error(tmp_path, context,
                                                                "latex = '''\\sigma(2) = 2'''")


@pytest.mark.parametrize("text", ["d\\mu", "d\\hat{x}_j", "d\\sigma^2", "d \\mu", "d\\,\\mu", "d y_i"])
def test_a_d_against_a_greek_or_decorated_name_is_not_read_as_a_product(text: str) -> None:
    # dμ, dx̂_j name gradients in backprop notes (dμ = ∂L/∂μ); read as d·μ they were refuted
    with pytest.raises(ParseError, match="a d written against a name"):
        parse_latex_expr(text, Context())
    c = Context()
    c.declare_symbol("d", "real")  # d declared: the product, as written
    assert "d" in plain(parse_latex_expr("d\\mu", c))


def test_a_calligraphic_letter_is_a_name_of_its_own(tmp_path: Path) -> None:
    assert plain(parse_latex_expr("\\mathcal{L} + L", Context())) == "Lcal + L"
    doc = tmp_path / "loss.md"
    doc.write_text("```derivcheck\nsymbols = { x = \"real\", y = \"real\" }\n```\n\n"
                   "$$\\mathcal{L} = (x - y)^2$$\n\n"
                   "$$\\frac{\\partial \\mathcal{L}}{\\partial x} = 2(x - y)$$\n", encoding="utf-8")
    from checker import Limits, Settings, run
    from checker.files import load_file

    loaded = load_file(str(doc))
    assert not loaded.errors, [str(e) for e in loaded.errors]
    report = run(loaded.items, Settings(), Limits(timeout=60, jobs=1))
    assert {c.result.verdict for o in report.outcomes for c in o.checks} == {Verdict.PROVED}


@pytest.mark.parametrize("size", ["3", "\"n\""])
def test_a_number_made_of_two_vectors_scales_a_vector_beside_it(tmp_path: Path, size: str) -> None:
    # (σ(wᵀx) − y) x, the logistic-regression gradient: wᵀx is a number, so the product with x
    # scales x (it was read as a matrix product and refused)
    context = f'dims = {{ n = "positive integer" }}\nvectors = {{ w = {size}, x = {size} }}\n' \
              'symbols = { y = "real" }'
    loss = "-y \\log \\sigma(w^\\top x) - (1 - y)\\log(1 - \\sigma(w^\\top x))"
    proved(tmp_path, context, f"\\nabla_w ({loss}) = (\\sigma(w^\\top x) - y) x")
    proved(tmp_path, context, f"\\nabla_w ({loss}) = x(\\sigma(w^\\top x) - y)")
    refuted(tmp_path, context, f"\\nabla_w ({loss}) = (y - \\sigma(w^\\top x)) x")


@pytest.mark.parametrize(("text", "want"), [
    ("\\frac{1}{2}\\log 2\\pi\\sigma^2", "(1/2)·log(2·pi·sigma^2)"),  # σ² was cut off the log
    ("\\log 2\\sigma", "log(2·sigma)"),
    ("\\tanh 2\\sigma", "tanh(2·sigma)"),
])
def test_a_declared_sigma_belongs_to_an_unbracketed_argument(text: str, want: str) -> None:
    c = Context()
    c.declare_symbol("sigma", "positive")
    assert plain(parse_latex_expr(text, c)) == want



def test_a_decorated_member_that_contradicts_its_family_is_checked(tmp_path: Path) -> None:
    from checker import Limits, Settings, run
    from checker.files import load_file

    doc = tmp_path / "tilde.md"
    doc.write_text("```derivcheck\ndims = { n = \"positive integer\" }\nvectors = { x = \"n\" }\n"
                   "symbols = { a = \"real\" }\n```\n\n$$\\tilde{x}_i = x_i - a$$\n\n"
                   "$$\\tilde{x}_k = x_k + a$$\n", encoding="utf-8")
    report = run(load_file(str(doc)).items, Settings(), Limits(timeout=60, jobs=1))
    (outcome,) = report.outcomes  # the second line is a claim about the family, not a definition
    assert outcome.checks[0].result.verdict is Verdict.REFUTED


# ------------------------------------------------------------ ⟨u, v⟩: the inner product

INNER = 'dims = { n = "positive integer" }\nvectors = { w = "n", x = "n" }'


def test_angle_brackets_are_the_inner_product(tmp_path: Path) -> None:
    proved(tmp_path, INNER, "\\langle w, x \\rangle = \\sum_{i=1}^{n} w_i x_i")
    proved(tmp_path, INNER, "\\left\\langle w, w \\right\\rangle = \\|w\\|^2")
    proved(tmp_path, INNER, "\\nabla_w \\langle w, x \\rangle = x")
    refuted(tmp_path, INNER, "\\nabla_w \\langle w, x \\rangle = w")
    assert "write the two, separated by a comma" in load_error(
        tmp_path, INNER, "latex = '''\\langle w \\rangle = 1'''")
    assert "\\langle is never closed" in load_error(
        tmp_path, INNER, "latex = '''\\langle w, x = 1'''")


# ------------------------------------------ max and min of several values; \max_j over a vector

MAXES = 'dims = { n = "positive integer" }\nvectors = { z = 3, x = "n" }'


def test_max_of_several_values_and_over_a_vector(tmp_path: Path) -> None:
    """The log-sum-exp shift by the largest entry, as stability notes write it (\\max took
    exactly two arguments, and \\max_j was "not supported")."""
    proved(tmp_path, MAXES, "\\log \\sum_{j=1}^{3} e^{z_j} = \\max(z_1, z_2, z_3) + \\log "
                            "\\sum_{j=1}^{3} e^{z_j - \\max(z_1, z_2, z_3)}")
    proved(tmp_path, MAXES, "\\max_{j} (z_j - 1) = \\max(z_1, z_2, z_3) - 1")
    proved(tmp_path, MAXES, "\\min_j z_j = -\\max_j (-z_j)")
    refuted(tmp_path, MAXES, "\\max_j z_j = z_1")
    refuted(tmp_path, MAXES, "\\log \\sum_{j=1}^{3} e^{z_j} = \\max_j z_j + \\log "
                             "\\sum_{j=1}^{3} e^{z_j + \\max_j z_j}")


@pytest.mark.parametrize(("latex", "message"), [
    ("\\max_i x_i = 0", "over a vector whose length is a symbol is not read"),
    ("\\max_j z_j x_1 = 1", "ambiguous \\max_j body"),
    ("\\max(z_1) = z_1", "\\max takes 2 or more arguments, not 1"),
])
def test_max_forms_not_read_say_why(tmp_path: Path, latex: str, message: str) -> None:
    assert message in load_error(tmp_path, MAXES, f"latex = '''{latex}'''")


def test_inner_products_of_what_is_not_a_vector_are_refused(tmp_path: Path) -> None:
    """⟨f, g⟩ of two functions (an integral?) was read as f·g, and proved x³ with f = x,
    g = x²; scalars too."""
    context = 'symbols = { x = "real", a = "real" }\nfunctions = { "f(t)" = "t", "g(t)" = "t^2" }'
    for latex in ("\\langle f(x), g(x) \\rangle = x^3", "\\langle a, a \\rangle = a^2"):
        assert "here an argument is not a vector" in load_error(tmp_path, context,
                                                                 f"latex = '''{latex}'''")


@pytest.mark.parametrize(("context", "latex", "message"), [
    # δ₂ a declared vector: δ_{2,3} was the Kronecker delta (δ_{2,3} = 0 proved)
    ('vectors = { delta_2 = 3, a = 3 }', "\\delta_{2,3} = 0", "could be the Kronecker delta"),
    ('vectors = { a = 3 }\nlatex = { "\\\\delta_2" = "a" }', "\\delta_{2,3} = 0",
     "could be the Kronecker delta"),
    # a declared scalar z_2_1 beside a vector z₂: z_{2,1} is either
    ('symbols = { z_2_1 = "real" }\nvectors = { h = 3 }\nlatex = { "z_2" = "2*h" }',
     "z_{2,1} = 0",
     "could be the name z_2_1 the file declares or an entry of z_2"),
])
def test_a_comma_script_read_two_ways_is_refused(tmp_path: Path, context: str, latex: str,
                                                 message: str) -> None:
    assert message in load_error(tmp_path, context, f"latex = '''{latex}'''")


def test_a_declaration_of_a_latex_expression_or_of_pi_says_how_to_map_it(tmp_path: Path) -> None:
    """symbols = { "c_{t-1}" = … } and { pi = … }: the advice names a mapping that works (for
    pi it named pi again, a built-in)."""
    bad = load_error(tmp_path, 'symbols = { "c_{t-1}" = "real" }', "latex = '''x = x'''")
    assert 'latex = { "c_{t-1}" = "ct1" } with symbols = { ct1 = "real" }' in bad, bad
    pi = load_error(tmp_path, 'symbols = { pi = "real" }', "latex = '''x = x'''")
    assert 'latex = { "\\\\pi" = "pi0" } with symbols = { pi0 = "real" }' in pi, pi
