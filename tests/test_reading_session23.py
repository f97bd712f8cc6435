"""Session 23: notation from a neutral sample of new pages, read where one reading is the only
plausible one, and refused where it is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.results import Verdict
from tests.recheck import document_verdicts

P, R = Verdict.PROVED, Verdict.REFUTED
VECTOR = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { x = "n" }\n'
          'latex = { "y" = "softmax(x)" }\n```\n\n')


def _one(tmp_path: Path, latex: str, head: str = VECTOR) -> tuple[list, list[str]]:
    return document_verdicts(tmp_path / "s.md", head + f"$${latex}$$\n")


@pytest.mark.parametrize("latex, verdict", [
    ("e^{x_i} \\sum e^{x_d} = \\sum e^{x_d} \\cdot e^{x_i}", P),
    ("\\sum e^{x_d} \\cdot e^{x_i} = n e^{x_i}", R),
    ("x_i + \\sum x_d x_i = x_i (1 + \\sum x_k)", None),  # k is the one index in its body
])
def test_a_bare_sum_runs_over_the_one_index_written_nowhere_else(tmp_path: Path, latex: str,
                                                                  verdict: Verdict | None) -> None:
    """\\frac{\\sum e^{x_d} \\cdot e^{x_i} - …}{…} with i the line's free index (corpus 53): the
    sum is over d, the one index of its body that the line writes nowhere outside a sum. It was
    refused ("its body is indexed by d, i")."""
    got, errors = _one(tmp_path, latex)
    assert errors == [] and got == [[verdict or P]], (got, errors)


def test_the_quotient_rule_line_of_a_softmax_page_is_read(tmp_path: Path) -> None:
    """The d of dy_i/dx_j is no index: i and j are written in subscripts outside the sums."""
    got, errors = document_verdicts(tmp_path / "q.md", VECTOR + "If $i = j$, this gives:\n\n"
                                    "$\\frac{dy_i}{dx_j} = \\frac{\\sum e^{x_d} \\cdot e^{x_i} - "
                                    "e^{x_i} \\cdot e^{x_i}}{(\\sum e^{x_d})^2}$\n")
    assert errors == [] and got == [[P]], (got, errors)


@pytest.mark.parametrize("latex", [
    "\\sum x_d x_i = \\sum x_i x_d",  # neither index written outside a sum
    "\\sum x_d x_i + \\sum_{i=1}^{n} x_i = 0",  # i only in another sum's scripts and body
    "\\sum x_d x_i = \\frac{d}{di} x_1",  # i and d outside, but not as indices
])
def test_a_bare_sum_whose_index_is_not_the_only_one_left_is_refused(tmp_path: Path,
                                                                    latex: str) -> None:
    got, errors = _one(tmp_path, latex)
    assert not {P, R} & {v for row in got for v in row}, got
    assert errors and all("\\sum without an index" in e for e in errors), errors


GRADIENTS = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { w = "n" }\n'
             'matrices = { A = ["n", "n"] }\nsymbols = { alpha = "positive", x = "real" }\n'
             'latex = { "\\\\alpha" = "alpha" }\n```\n\n')


@pytest.mark.parametrize("latex, verdict", [
    ("\\nabla(w^Tw) = 2w", P), ("\\nabla (w^T w) = w", R), ("\\nabla x^3 = 3x^2", P),
    ("\\nabla \\|w\\|^2 = 2w", P),
])
def test_nabla_without_a_subscript_is_by_the_one_variable_of_what_it_acts_on(
        tmp_path: Path, latex: str, verdict: Verdict) -> None:
    """\\nabla(w^Tw) = 2w (corpus 46) was refused ("\\nabla without a variable"): w is the only
    declared name it depends on, so the gradient is by w."""
    got, errors = _one(tmp_path, latex, GRADIENTS)
    assert errors == [] and got == [[verdict]], (got, errors)


def test_nabla_of_a_page_function_at_its_own_variable_is_its_gradient(tmp_path: Path) -> None:
    got, errors = document_verdicts(tmp_path / "f.md", GRADIENTS + "$$f(x) = x^3$$\n\n"
                                    "$$\\nabla f(x) = 3x^2$$\n\n$$\\nabla f(x) = 3x$$\n")
    assert errors == [] and got == [[P], [R]], (got, errors)


@pytest.mark.parametrize("latex, said", [
    ("\\nabla (w^T A w) = 2Aw", "of an expression in A, w"),
    ("\\nabla \\frac{\\alpha}{2} w^T w = \\alpha w", "of an expression in alpha, w"),
    ("\\nabla 3 = 0", "of an expression in no declared variable"),
    ("\\nabla (w^T w) + \\alpha = 2w + \\alpha", None),  # (fine: α is outside what ∇ acts on)
])
def test_nabla_without_a_subscript_where_the_variable_is_not_one_is_refused(
        tmp_path: Path, latex: str, said: str | None) -> None:
    got, errors = _one(tmp_path, latex, GRADIENTS)
    if said is None:
        assert errors == [] and got == [[P]], (got, errors)
        return
    assert not {P, R} & {v for row in got for v in row}, got
    assert len(errors) == 1 and f"\\nabla without a variable, {said}" in errors[0], errors


@pytest.mark.parametrize("latex", ["\\nabla g(2x) = 4x", "\\nabla g(x)^2 = 4x^2",
                                   "\\nabla \\sigma(2x) = \\sigma(2x)(1 - \\sigma(2x))"])
def test_nabla_of_a_function_at_another_point_is_refused(tmp_path: Path, latex: str) -> None:
    """∇g(2x): the gradient of g at 2x (g'(2x) = 4x), or of the whole g(2x) by x (2g'(2x))?
    Both are written that way; refused, naming both; so ∇g(x)² ((∇g(x))², or ∇(g(x)²)?),
    and a built-in function's ∇σ(2x) (second adversary of session 23: refuted)."""
    got, errors = document_verdicts(tmp_path / "g.md", GRADIENTS + "$$g(x) = x^2$$\n\n"
                                    f"$${latex}$$\n")
    assert not {P, R} & {v for row in got for v in row} and len(errors) == 1, (got, errors)
    assert "or the gradient of the whole?" in errors[0], errors


VARIANCE = ('```derivcheck\nsymbols = { x = "real", mu = "real", sigma = "positive" }\n'
            'latex = { "\\\\mu" = "mu", "\\\\sigma" = "sigma" }\n```\n\n')


@pytest.mark.parametrize("latex, verdict", [
    ("\\frac{\\partial}{\\partial \\sigma^2} \\left[\\frac{(x-\\mu)^2}{2\\sigma^2} + \\frac{1}{2}"
     "\\log(2\\pi\\sigma^2)\\right] = -\\frac{(x - \\mu)^2}{2\\sigma^4} + \\frac{1}{2\\sigma^2}", P),
    ("\\frac{\\partial}{\\partial \\sigma^2} \\log \\sigma = \\frac{1}{\\sigma}", R),
    ("\\frac{\\partial}{\\partial \\sigma^2} \\log \\sigma = \\frac{1}{2\\sigma^2}", P),
    ("\\frac{d \\sigma}{d \\sigma^2} = \\frac{1}{2\\sigma}", P),
])
def test_a_derivative_by_the_square_of_a_positive_symbol_is_by_the_variance(
        tmp_path: Path, latex: str, verdict: Verdict) -> None:
    """∂/∂σ² of a Gaussian's negative log-likelihood, σ declared positive: by v = σ², of
    which σ = √v is a function one to one (the numerator's order 1 rules out a second
    derivative). It was refused as "by the variance, or a second derivative?"."""
    got, errors = _one(tmp_path, latex, VARIANCE)
    assert errors == [] and got == [[verdict]], (got, errors)


def test_a_derivative_by_the_square_of_a_real_symbol_stays_refused(tmp_path: Path) -> None:
    """With σ real, σ² does not determine σ (a function of σ is not one of σ²): refused."""
    got, errors = _one(tmp_path, "\\frac{\\partial}{\\partial \\sigma^2} \\sigma^2 = 1",
                       VARIANCE.replace('sigma = "positive"', 'sigma = "real"'))
    assert not {P, R} & {v for row in got for v in row}, got
    assert len(errors) == 1 and "a derivative by the square" in errors[0], errors


TWO = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { x = "n", y = "n" }\n'
       '```\n\n')


@pytest.mark.parametrize("latex", [
    "x_k \\sum_{\\mu} y_\\mu = \\sum y_\\mu x_k",  # was summed over k: refuted
    "\\frac{\\partial}{\\partial x_k} \\sum x_{k'}^2 y_k = 2 x_k y_k",  # over k: refuted
    "x_k \\sum_{j} y_{j} = \\sum y_{j^*} x_k",
    "\\sum y_\\mu x_k = \\sum_j y_\\mu x_j",  # over k: proved on a guess
])
def test_a_bare_sum_beside_a_greek_primed_or_starred_index_is_refused(tmp_path: Path,
                                                                      latex: str) -> None:
    """Only one-letter indices were candidates, so \\sum y_\\mu x_k looked indexed by k alone
    and was summed over k (adversary, session 23). Every index letter is one now; beside a
    Greek, primed or starred one the free-index rule is not applied (the text cannot be
    searched for it as for a letter), and the sum is refused."""
    got, errors = _one(tmp_path, latex, TWO)
    assert not {P, R} & {v for row in got for v in row}, (got, errors)
    assert errors and all("\\sum without an index" in e for e in errors), errors


def test_a_bare_sum_over_a_greek_index_alone_runs_over_it(tmp_path: Path) -> None:
    got, errors = _one(tmp_path, "\\sum y_\\mu = \\sum_{k=1}^{n} y_k", TWO)
    assert errors == [] and got == [[P]], (got, errors)


@pytest.mark.parametrize("use, verdict", [("x^\\two = x^{12}", None), ("x^{\\two} = x^{12}", P),
                                          ("\\hat\\two = 12", None), ("x^\\one = x", P)])
def test_a_macro_after_a_script_sets_its_first_token_only(tmp_path: Path, use: str,
                                                          verdict: Verdict | None) -> None:
    """\\newcommand{\\two}{12} then x^\\two: TeX (and MathJax) set x¹2, the first token of the
    expansion only; it was read as x^{12} and proved (adversary, session 23). Refused where
    the expansion is more than one token; in braces, or one token, read."""
    text = ('```derivcheck\nsymbols = { x = "real" }\n```\n\n'
            '$$\\newcommand{\\two}{12}\\newcommand{\\one}{1}$$\n\n' f'$${use}$$\n')
    got, errors = document_verdicts(tmp_path / "m.md", text)
    if verdict is None:
        assert not {P, R} & {v for row in got for v in row}, got
        assert len(errors) == 1 and "TeX sets only the first token" in errors[0], errors
    else:
        assert errors == [] and got == [[verdict]], (got, errors)


@pytest.mark.parametrize("claim", ["|x|^2 x = 2x^2", "|x| x = |x|"])
def test_an_operator_before_bars_then_a_factor_is_two_readings(tmp_path: Path,
                                                               claim: str) -> None:
    """d/dx |x|² x: of |x|² times x, or of the product? As after a bracket ((x+1)² x), both;
    the product reading was taken silently and the line refuted (adversary, session 23)."""
    got, errors = _one(tmp_path, f"\\frac{{d}}{{dx}} {claim}",
                       '```derivcheck\nsymbols = { x = "real" }\n```\n\n')
    assert errors == [] and got == [[Verdict.UNKNOWN]], (got, errors)


SCALARS = '```derivcheck\nsymbols = { x = "real", y = "real", z = "real" }\n```\n\n'


@pytest.mark.parametrize("latex, verdict", [
    ("\\max\\{0, 1 - yz\\} = \\max(0, 1 - yz)", P),
    ("\\max\\left\\{0, x\\right\\} + \\min\\{0, x\\} = x", P),
    ("\\max\\{0, x\\} = x", R),
])
def test_max_and_min_of_a_set_in_braces(tmp_path: Path, latex: str, verdict: Verdict) -> None:
    """The hinge loss max{0, 1 − yz} (new corpus page 56) was refused: ',' cannot appear
    inside an expression."""
    got, errors = _one(tmp_path, latex, SCALARS)
    assert errors == [] and got == [[verdict]], (got, errors)


@pytest.mark.parametrize("size", ["\\large", "\\small", "\\normalsize", "\\Large", "\\tiny"])
def test_font_size_switches_have_no_meaning(tmp_path: Path, size: str) -> None:
    """\\large\\frac{…}{…} (new corpus page 55, as MathJax sets it) was an unknown command."""
    got, errors = _one(tmp_path, f"{size} \\frac{{x}}{{2}} + \\frac{{x}}{{2}} = x", SCALARS)
    assert errors == [] and got == [[P]], (got, errors)


SAMPLE = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { x = "n" }\n'
          'symbols = { mu = "real" }\nlatex = { "\\\\mu" = "mu" }\n```\n\n')


@pytest.mark.parametrize("left", ["\\widehat{\\sigma}^2", "\\hat{s}^2", "v^2"])
def test_the_square_of_a_new_letter_on_the_left_is_refused(tmp_path: Path, left: str) -> None:
    """\\widehat{\\sigma}^2 = \\frac{1}{n}\\sum (x_i - \\mu)^2 (new corpus page 61, an estimated
    variance) was checked as a claim about a free letter σ̂ and refuted at σ̂ = 0: the square of
    a letter nothing declares or defines, alone on the left, is refused (a name of its own,
    or a claim?)."""
    got, errors = _one(tmp_path, f"{left} = \\frac{{1}}{{n}}\\sum_{{i=1}}^n (x_i - \\mu)^2", SAMPLE)
    assert not {P, R} & {v for row in got for v in row}, got
    assert len(errors) == 1 and "as one name" in errors[0], errors


def test_the_square_of_a_letter_the_right_side_writes_stays_a_claim(tmp_path: Path) -> None:
    got, errors = _one(tmp_path, "a^2 = (-a)^2", SAMPLE)
    assert errors == [] and got == [[P]], (got, errors)


def test_two_definitions_joined_by_and_are_each_read(tmp_path: Path) -> None:
    """\\widehat{\\mu} = … \\qquad \\text{and} \\qquad … (corpus 61): the first definition was
    read with "and" in it (unknown name 'and')."""
    got, errors = document_verdicts(tmp_path / "d.md", SAMPLE + "$$m = \\frac{1}{n}\\sum_{i=1}^n x_i"
                                    " \\qquad \\text{and} \\qquad s = \\sum_{i=1}^n x_i$$\n\n"
                                    "$$n m = s$$\n")
    assert errors == [] and got == [[P]], (got, errors)


MODEL = ('```derivcheck\ndims = { n = "positive integer", m = "positive integer" }\n'
         'vectors = { y = "n", epsilon = "n", beta = "m" }\nmatrices = { X = ["n", "m"] }\n'
         'latex = { "\\\\epsilon" = "epsilon", "\\\\beta" = "beta" }\n```\n\n'
         '$$y = X\\beta + \\epsilon$$\n\n')


def test_lines_after_a_model_statement_read_the_variable(tmp_path: Path) -> None:
    """y = Xβ + ε with y declared (a regression model, new corpus page 60) is refused, and
    every later display that used y was refused with it (23 sides of page 60). They now read
    y as the variable: an identity in y holds at that value too; a refutation proves nothing
    (the value may make the line true), so it is unknown."""
    got, errors = document_verdicts(tmp_path / "m.md", MODEL + (
        "$$\\|y - X\\beta\\|^2 = (y - X\\beta)^T (y - X\\beta)$$\n\n"
        "$$J = (y - X\\beta)^T (y - X\\beta)$$\n\n$$J = \\epsilon^T \\epsilon$$\n"))
    assert len(errors) == 1 and "y is declared a vector (a variable)" in errors[0], errors
    assert got[0] == [P], got
    assert got[1] == [Verdict.UNKNOWN], got  # (true at y = Xβ + ε, false elsewhere)


@pytest.mark.parametrize("line", [
    "\\frac{\\partial J}{\\partial \\beta} = -2X^T(y - X\\beta)",  # through J's definition
    "\\nabla_\\beta \\|y - X\\beta\\|^2 = -2X^T(y - X\\beta)",
])
def test_a_derivative_through_a_model_statement_is_refused(tmp_path: Path, line: str) -> None:
    """∂J/∂β with y the variable is −2Xᵀ(y − Xβ); through y = Xβ + ε, J = εᵀε and ∂J/∂β = 0:
    the derivative does not commute with putting the value in, so the line is refused."""
    got, errors = document_verdicts(tmp_path / "d.md", MODEL + "$$J = (y - X\\beta)^T (y - "
                                    f"X\\beta)$$\n\n$${line}$$\n")
    assert not {P, R} & {v for row in got for v in row}, got
    assert len(errors) == 2 and "gives y a value" in errors[1], errors


@pytest.mark.parametrize("bold", ["\\boldsymbol{\\beta}", "\\mathbf{\\beta}", "\\bm{\\beta}"])
def test_a_function_of_a_bold_greek_vector_is_defined(tmp_path: Path, bold: str) -> None:
    """J(\\boldsymbol{\\beta}) = (y − Xβ)ᵀ(y − Xβ) with \\boldsymbol{\\beta} mapped to the declared
    vector beta (new corpus page 60) was read as J times β and refuted by its shape; as
    J(\\mathbf{x}) = … is, it defines J of β."""
    head = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { beta = "n" }\n'
            f'latex = {{ "{bold.replace(chr(92), chr(92) * 2)}" = "beta" }}\n```\n\n')
    got, errors = document_verdicts(tmp_path / "j.md", head + f"$$J({bold}) = {bold}^T {bold}$$"
                                    f"\n\n$$\\frac{{\\partial J}}{{\\partial {bold}}} = 2{bold}$$\n")
    assert errors == [] and got == [[P]], (got, errors)


@pytest.mark.parametrize("latex, verdict", [
    ("\\frac{x}{2}{} + \\frac{x}{2} = x", P), ("x{} + x = 2x", P), ("{}x = x", P),
    ("\\frac{a}{}x = a", None), ("\\sqrt{}x = x", None),  # an argument left empty: an error
])
def test_an_empty_group_that_is_no_argument_typesets_nothing(tmp_path: Path, latex: str,
                                                             verdict: Verdict | None) -> None:
    """\\frac{∂ t_j \\log y_j}{∂ z_i}{} (new corpus page 62) was refused: an expression was
    expected. An empty group after a command's arguments is nothing; as an argument it stays
    an error (\\frac{a}{}x is not a/x)."""
    got, errors = _one(tmp_path, latex, '```derivcheck\nsymbols = { x = "real", a = "real" }\n```\n\n')
    if verdict is None:
        assert not {P, R} & {v for row in got for v in row} and len(errors) == 1, (got, errors)
    else:
        assert errors == [] and got == [[verdict]], (got, errors)


REAL = '```derivcheck\nsymbols = { a = "real", x = "real", k = "integer" }\n```\n\n'


@pytest.mark.parametrize("after", [
    "$$\\begin{aligned} a^2 &= 4 \\\\ a^3 &= 8 \\end{aligned}$$\n",  # several equations
    "$$a^2 = 4, \\quad a^3 = 8$$\n",
    "$$a^2 = a \\cdot a$$\n\n$$= 4$$\n",  # a display going on from one that uses a
])
def test_every_equation_after_a_value_for_a_variable_is_unknown_when_refuted(
        tmp_path: Path, after: str) -> None:
    """a = 2 (a declared) refused, then equations in a, true at 2: each was refuted where the
    display held several, or went on from the one before (third adversary, session 23)."""
    got, errors = document_verdicts(tmp_path / "m.md", REAL + "$$a = 2$$\n\n" + after)
    assert len(errors) == 1 and R not in {v for row in got for v in row}, (got, errors)
    assert Verdict.UNKNOWN in {v for row in got for v in row}, got


@pytest.mark.parametrize("after", [
    "$$\\sum_{x=1}^{2} a = 2a$$",  # a sum over a letter of the value
    "$$\\prod_{x=1}^{2} a = a^2$$",
    "$$(x a)\\big|_{x=1} = a$$",  # an evaluation bar
    "$$g(x) := a x$$\n\n$$g(2) = 2a$$",  # a function whose parameter is a letter of the value
])
def test_a_line_that_binds_a_letter_of_the_value_is_refused(tmp_path: Path, after: str) -> None:
    """a = x refused, then Σ_{x=1}^{2} a = 2a: proved with a the variable, while at a = x the
    sum is 3 (third adversary, session 23): what binds a letter of the value does not commute
    with putting the value in. Refused."""
    got, errors = document_verdicts(tmp_path / "b.md", REAL + "$$a = x$$\n\n" + after + "\n")
    assert not {P, R} & {v for row in got for v in row}, (got, errors)
    assert len(errors) == 2 and "gives a a value" in errors[-1], errors


@pytest.mark.parametrize("head, value, after", [
    ('symbols = { n = "positive integer" }', "n = \\frac{1}{2}", "\\sin(\\pi n) = 0"),
    ('symbols = { alpha = "positive" }\nlatex = { "\\\\alpha" = "alpha" }', "\\alpha = -1",
     "\\sqrt{\\alpha^2} = \\alpha"),
])
def test_after_a_value_for_a_variable_declared_more_than_real_its_uses_are_refused(
        tmp_path: Path, head: str, value: str, after: str) -> None:
    """n declared a positive integer, n = 1/2 refused, then sin(πn) = 0 was proved (it holds
    for every integer n, not at 1/2). A proof with the variable stands at its value only where
    the value keeps the declaration: for a variable declared more than real, later uses are
    refused as before."""
    got, errors = document_verdicts(tmp_path / "d.md", f"```derivcheck\n{head}\n```\n\n"
                                    f"$${value}$$\n\n$${after}$$\n")
    assert not {P, R} & {v for row in got for v in row}, (got, errors)
    assert len(errors) == 2, errors


def test_a_function_of_a_bold_greek_matrix_mapped_to_another_name_is_defined(
        tmp_path: Path) -> None:
    """f(\\boldsymbol{\\Sigma}) = tr(\\boldsymbol{\\Sigma}) with \\boldsymbol{\\Sigma} mapped to the
    declared matrix S was f times S, refuted by its shape (third adversary, session 23)."""
    head = ('```derivcheck\ndims = { n = "positive integer" }\nmatrices = { S = ["n", "n"] }\n'
            'latex = { "\\\\boldsymbol{\\\\Sigma}" = "S" }\n```\n\n')
    got, errors = document_verdicts(tmp_path / "s.md", head + "$$f(\\boldsymbol{\\Sigma}) = "
                                    "\\operatorname{tr}(\\boldsymbol{\\Sigma})$$\n\n"
                                    "$$f(\\boldsymbol{\\Sigma}) = \\operatorname{tr}"
                                    "(\\boldsymbol{\\Sigma}^T)$$\n")
    assert errors == [] and got == [[P]], (got, errors)


def test_a_value_in_a_display_refused_for_its_law_is_a_value_all_the_same(tmp_path: Path) -> None:
    """y = Xβ + ε \\quad (ε ∼ N(0, 1)) is refused for its law before its value is looked at;
    the line after it, true at that value, was refuted with y the variable (third adversary,
    session 23). It is unknown, as after any refused value."""
    head = MODEL.replace("$$y = X\\beta + \\epsilon$$\n\n", "")
    got, errors = document_verdicts(tmp_path / "l.md", head + "$$y = X\\beta + \\epsilon \\quad "
                                    "(\\epsilon \\sim N(0, 1))$$\n\n$$\\sum_{i=1}^{n} y_i = "
                                    "\\sum_{i=1}^{n} (X\\beta)_i + \\sum_{i=1}^n \\epsilon_i$$\n")
    assert len(errors) == 1 and "a law" in errors[0], errors
    assert got == [[Verdict.UNKNOWN]], got


def test_a_derivative_by_the_valued_variable_itself_is_read(tmp_path: Path) -> None:
    """After a = 2 (refused), d/da a² = 2a: a derivative by a itself, then taken at its value,
    is the same either way (∂MSE/∂ŷ_i after ŷ = Σ w_i x_i, corpus 44): read, not refused."""
    got, errors = document_verdicts(tmp_path / "v.md", REAL + "$$a = 2$$\n\n"
                                    "$$\\frac{d}{da} a^2 = 2a$$\n")
    assert len(errors) == 1 and got == [[P]], (got, errors)


def test_an_index_the_value_binds_is_no_letter_of_it(tmp_path: Path) -> None:
    """a = Σ_{k=1}^{3} k (refused): its k is its own, so a later sum over k is no capture."""
    got, errors = document_verdicts(tmp_path / "k.md", REAL + "$$a = \\sum_{k=1}^{3} k$$\n\n"
                                    "$$\\sum_{k=1}^{2} a = 2a$$\n")
    assert len(errors) == 1 and got == [[P]], (got, errors)
