"""Session 24: what real derivations write that was not decided or not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.results import Verdict
from tests.recheck import document_verdicts

P, R, U = Verdict.PROVED, Verdict.REFUTED, Verdict.UNKNOWN
SAMPLES = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { x = "n", y = "n" }\n'
           'symbols = { a = "real" }\n```\n\n'
           '$$\\bar{x} = \\frac{1}{n}\\sum_{i=1}^n x_i$$\n\n'
           '$$\\bar{y} = \\frac{1}{n}\\sum_{i=1}^n y_i$$\n\n')


@pytest.mark.parametrize("latex, verdict", [
    ("\\sum_{i=1}^n (x_i - \\bar{x})^2 = \\sum_{i=1}^n x_i^2 - n\\bar{x}^2", P),
    ("\\frac{1}{n}\\sum_{i=1}^n (x_i - \\bar{x})^2 = \\frac{1}{n}\\sum_{i=1}^n x_i^2 - \\bar{x}^2",
     P),
    ("\\sum_{i=1}^n (x_i - \\bar{x})(y_i - \\bar{y}) = \\sum_{i=1}^n x_i y_i - n\\bar{x}\\bar{y}",
     P),
    ("\\sum_{i=1}^n (x_i - \\bar{x})^3 = \\sum_{i=1}^n x_i^3 - 3\\bar{x}\\sum_{i=1}^n x_i^2 + "
     "2n\\bar{x}^3", P),
    ("\\sum_{i=1}^n (x_i - \\bar{x})^2 = \\sum_{i=1}^n (x_i - \\bar{x}) x_i", P),
    ("\\sum_{i=1}^n \\sum_{j=1}^n (x_i - x_j)^2 = 2n\\sum_{i=1}^n x_i^2 - "
     "2\\left(\\sum_{i=1}^n x_i\\right)^2", P),
    ("\\sum_{i=1}^n \\sum_{j=1}^n (x_i - x_j)^2 = 2n\\sum_{i=1}^n x_i^2 - "
     "\\left(\\sum_{i=1}^n x_i\\right)^2", R),
    # the slips a student makes: the count n lost, the cross term's sign, the mean not squared
    ("\\sum_{i=1}^n (x_i - \\bar{x})^2 = \\sum_{i=1}^n x_i^2 - \\bar{x}^2", R),
    ("\\sum_{i=1}^n (x_i - \\bar{x})^2 = \\sum_{i=1}^n x_i^2 + n\\bar{x}^2", R),
    ("\\sum_{i=1}^n (x_i - \\bar{x})(y_i - \\bar{y}) = \\sum_{i=1}^n x_i y_i - \\bar{x}\\bar{y}",
     R),
])
def test_a_square_about_the_mean_is_decided_for_every_n(tmp_path: Path, latex: str,
                                                        verdict: Verdict) -> None:
    """Σ_i (x_i − x̄)² with x̄ a sum of its own: the square is multiplied out inside the sum,
    so that x̄ (free of i) leaves it. It was unknown ("the normal form does not reduce to 0")."""
    got, errors = document_verdicts(tmp_path / "v.md", SAMPLES + f"$${latex}$$\n")
    assert errors == [] and got[-1] == [verdict], (got, errors)


@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_the_variance_identity_holds_at_explicit_sizes_too(n: int) -> None:
    """The identity the test above proves, checked apart from derivcheck at explicit n."""
    import sympy as sp

    x = sp.symbols(f"x1:{n + 1}")
    mean = sum(x) / n
    assert sp.expand(sum((xi - mean) ** 2 for xi in x) - (sum(xi ** 2 for xi in x)
                                                          - n * mean ** 2)) == 0


def test_only_small_powers_written_with_the_index_are_multiplied_out() -> None:
    """The spreading is capped (no blow-up of a long base to the fourth power), and leaves
    alone what linearity cannot use: a power free of the index, or inside a function."""
    import sympy as sp

    from checker.strategies.symbolic_n import _squares_spread

    i, a, b = sp.symbols("i a b")
    x = sp.IndexedBase("x")
    assert _squares_spread((x[i] - a) ** 2, i) == x[i] ** 2 - 2 * a * x[i] + a ** 2
    assert _squares_spread(3 * (x[i] + a) ** 3, i) == 3 * sp.expand((x[i] + a) ** 3)
    long = (x[i] + sum(a ** k for k in range(1, 9))) ** 4  # 495 terms: kept whole
    assert _squares_spread(long, i) == long
    for kept in ((a + b) ** 2 * x[i], sp.exp((x[i] - a) ** 2), (x[i] - a) ** 7):
        assert _squares_spread(kept, i) == kept


SCALARS = ('```derivcheck\nsymbols = { a = "real", b = "real", c = "real", d = "real", '
           'u = "real", v = "real" }\n```\n\n')


@pytest.mark.parametrize("latex, verdict", [
    ("\\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix} \\begin{bmatrix} u \\\\ v \\end{bmatrix} "
     "= \\begin{bmatrix} au + bv \\\\ cu + dv \\end{bmatrix}", P),
    ("\\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix} \\begin{bmatrix} u \\\\ v \\end{bmatrix} "
     "= \\begin{bmatrix} au + bv \\\\ cu - dv \\end{bmatrix}", R),
    ("\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}^T = \\begin{pmatrix} a & c \\\\ b & d "
     "\\end{pmatrix}", P),
    ("\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}^T = \\begin{pmatrix} a & b \\\\ c & d "
     "\\end{pmatrix}", R),
    ("\\begin{bmatrix} a & b \\end{bmatrix} \\begin{bmatrix} u \\\\ v \\end{bmatrix} = au + bv", P),
    ("\\left[\\begin{array}{cc} a & b \\\\ c & d \\end{array}\\right] \\left[\\begin{array}{c} u "
     "\\\\ v \\end{array}\\right] = \\left[\\begin{array}{c} au + bv \\\\ cu + dv \\end{array}"
     "\\right]", P),
    ("\\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix}^2 = \\begin{bmatrix} a^2 + bc & ab + bd "
     "\\\\ ca + dc & cb + d^2 \\end{bmatrix}", P),  # the matrix's square, not its entries'
    ("\\begin{bmatrix} \\sigma(a) & 0 \\\\ 0 & \\sigma(b) \\end{bmatrix} = \\begin{bmatrix} "
     "\\frac{1}{1 + e^{-a}} & 0 \\\\ 0 & \\frac{1}{1 + e^{-b}} \\end{bmatrix}", P),
    ("\\begin{bmatrix} a \\\\ b \\end{bmatrix} = \\begin{bmatrix} a & b \\end{bmatrix}", R),
])
def test_a_matrix_written_out_is_read_at_its_size(tmp_path: Path, latex: str,
                                                  verdict: Verdict) -> None:
    """\\begin{bmatrix} (pmatrix, matrix, an array in brackets): rows by \\\\, entries by &, a
    column vector with one entry a row. It was refused ("only the wrappers … may surround")."""
    got, errors = document_verdicts(tmp_path / "m.md", SCALARS + f"$${latex}$$\n")
    assert errors == [] and got == [[verdict]], (got, errors)


def test_a_matrix_written_out_inside_an_align_keeps_its_columns(tmp_path: Path) -> None:
    """The &s of the matrix are its entries', the align's & starts the chain's column."""
    got, errors = document_verdicts(tmp_path / "a.md", SCALARS + (
        "\\begin{align}\n\\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix} \\begin{bmatrix} u "
        "\\\\ v \\end{bmatrix} &= \\begin{bmatrix} au + bv \\\\ cu + dv \\end{bmatrix} \\\\\n"
        "&= \\begin{bmatrix} bv + au \\\\ dv + cv \\end{bmatrix}\n\\end{align}\n"))
    assert errors == [] and got == [[P, R]], (got, errors)


@pytest.mark.parametrize("latex, message", [
    ("\\begin{bmatrix} 1 & \\cdots \\\\ 0 & 1 \\end{bmatrix} = 0", "entries left out"),
    ("\\begin{bmatrix} a & b \\\\ c \\end{bmatrix} = 0", "have 2, 1 entries"),
    ("\\begin{bmatrix} a & \\\\ c & d \\end{bmatrix} = 0", "an empty entry"),
    ("\\begin{vmatrix} a & b \\\\ c & d \\end{vmatrix} = ad - bc", "a determinant"),
    ("\\begin{pmatrix} a \\\\ b \\end{pmatrix} = 0", "a binomial coefficient"),
    ("\\left(\\begin{array}{c} a \\\\ b \\end{array}\\right) u = 0", "a binomial coefficient"),
    ("\\begin{array}{cc} a & b \\\\ c & d \\end{array} = 0", "without its brackets"),
    ("\\begin{bmatrix} a & b \\end{bmatrix} = 0", "0"),  # a row beside 0: read, the zero row
])
def test_a_matrix_written_out_that_cannot_be_read_says_why(tmp_path: Path, latex: str,
                                                          message: str) -> None:
    got, errors = document_verdicts(tmp_path / "e.md", SCALARS + f"$${latex}$$\n")
    if message == "0":
        assert errors == [] and got == [[R]], (got, errors)
        return
    assert not {P, R} & {v for row in got for v in row}, got
    assert any(message in e for e in errors), errors


VECTORS = ('```derivcheck\ndims = { n = "positive integer" }\n'
           'vectors = { y = "n", yhat = "n", x = "n", w = "n" }\n'
           'latex = { "\\\\hat{y}" = "yhat" }\n```\n\n')
MSE = "\\frac{\\partial}{\\partial \\hat{y}} \\frac{1}{2n}\\sum_{i=1}^n (\\hat{y}_i - y_i)^2"


@pytest.mark.parametrize("latex, verdict", [
    (MSE + " = \\frac{1}{n} \\begin{bmatrix} \\hat{y}_1 - y_1 \\\\ \\hat{y}_2 - y_2 \\\\ \\vdots "
     "\\\\ \\hat{y}_n - y_n \\end{bmatrix}", P),
    (MSE + " = \\frac{1}{n} \\begin{bmatrix} \\hat{y}_1 + y_1 \\\\ \\vdots \\\\ \\hat{y}_n + y_n "
     "\\end{bmatrix}", R),
    ("\\nabla_w \\frac{1}{2} w^T w = \\begin{bmatrix} w_1 \\\\ w_2 \\\\ \\vdots \\\\ w_n "
     "\\end{bmatrix}", P),
    ("\\nabla_w \\frac{1}{2} w^T w = \\begin{pmatrix} w_1^2 \\\\ \\vdots \\\\ w_n^2 \\end{pmatrix}",
     R),
    ("\\begin{bmatrix} x_1 & x_2 & \\cdots & x_n \\end{bmatrix} w = \\sum_{i=1}^n x_i w_i", P),
    ("x = \\begin{bmatrix} x_1 \\\\ \\vdots \\\\ x_n \\end{bmatrix}", P),
    ("\\begin{bmatrix} 1 \\\\ 2 \\\\ \\vdots \\\\ 5 \\end{bmatrix} = \\begin{bmatrix} 1 \\\\ 2 "
     "\\\\ 3 \\\\ 4 \\\\ 5 \\end{bmatrix}", P),
    ("\\begin{bmatrix} 1 \\\\ 2 \\\\ \\vdots \\\\ 5 \\end{bmatrix} = \\begin{bmatrix} 1 \\\\ 2 "
     "\\\\ 3 \\\\ 4 \\end{bmatrix}", R),  # a shape of 5 against 4
    ("\\begin{bmatrix} \\log x_1 \\\\ \\vdots \\\\ \\log x_n \\end{bmatrix} = x", R),
    ("\\begin{bmatrix} \\frac{1}{1} \\\\ \\frac{1}{2} \\\\ \\vdots \\\\ \\frac{1}{n} \\end{bmatrix}^T "
     "\\mathbf{1} = \\sum_{k=1}^n \\frac{1}{k}", P),
    ("\\begin{bmatrix} x_1 + x_2 + \\dots + x_n \\\\ w_1 \\end{bmatrix}^T \\begin{bmatrix} 1 "
     "\\\\ 0 \\end{bmatrix} = \\sum_{k=1}^n x_k", P),  # a sum with an ellipsis as an entry
])
def test_a_vector_written_with_its_entries_left_out_is_the_pattern(tmp_path: Path, latex: str,
                                                                   verdict: Verdict) -> None:
    """\\begin{bmatrix} ŷ_1 − y_1 \\\\ ŷ_2 − y_2 \\\\ \\vdots \\\\ ŷ_n − y_n \\end{bmatrix} (corpus
    44): entry k is ŷ_k − y_k, for k = 1 … n, as a sum with an ellipsis is read."""
    got, errors = document_verdicts(tmp_path / "p.md", VECTORS + f"$${latex}$$\n")
    assert errors == [] and got == [[verdict]], (got, errors)


@pytest.mark.parametrize("latex, message", [
    ("\\begin{bmatrix} x_1 \\\\ x_3 \\\\ \\vdots \\\\ x_n \\end{bmatrix} = x", "go up by one"),
    ("\\begin{bmatrix} x_1 & \\cdots & x_n \\\\ w_1 & \\cdots & w_n \\end{bmatrix} = 0",
     "by its corners"),
    ("\\begin{bmatrix} x_1 \\\\ \\vdots \\end{bmatrix} = x", "the last one after it"),
    ("\\begin{bmatrix} x_1 \\\\ \\vdots \\\\ w_n \\end{bmatrix} = x", "not one pattern"),
    ("\\begin{bmatrix} x_1 \\\\ \\vdots \\\\ x_m \\end{bmatrix} = x", "not a declared size"),
    ("\\begin{bmatrix} 1 \\\\ \\vdots \\\\ 100000000 \\end{bmatrix} = x", "more than"),
])
def test_a_vector_with_entries_left_out_that_is_no_pattern_is_refused(tmp_path: Path, latex: str,
                                                                      message: str) -> None:
    got, errors = document_verdicts(tmp_path / "q.md", VECTORS + f"$${latex}$$\n")
    assert not {P, R} & {v for row in got for v in row}, got
    assert any(message in e for e in errors), errors


CS229 = ('```derivcheck\ndims = { m = "positive integer", n = "positive integer" }\n'
         'vectors = { y = "m", theta = "n" }\nmatrices = { x = ["m", "n"] }\n'
         'indices = "superscript"\nlatex = { "\\\\theta" = "theta" }\n```\n\n')
LEAST_SQUARES = "J(\\theta) = \\frac{1}{2}\\sum_{i=1}^m (\\theta^T x^{(i)} - y^{(i)})^2"
LOGISTIC = ("J(\\theta) = -\\sum_{i=1}^m \\left[y^{(i)} \\log \\sigma(\\theta^T x^{(i)}) + "
            "(1 - y^{(i)}) \\log(1 - \\sigma(\\theta^T x^{(i)}))\\right]")


@pytest.mark.parametrize("cost, latex, verdict", [
    (LEAST_SQUARES, "\\frac{\\partial J}{\\partial \\theta_j} = \\sum_{i=1}^m (\\theta^T x^{(i)} "
     "- y^{(i)}) x_j^{(i)}", P),
    (LEAST_SQUARES, "\\frac{\\partial J}{\\partial \\theta_j} = \\sum_{i=1}^m \\left(\\sum_{k=1}^n "
     "\\theta_k x_k^{(i)} - y^{(i)}\\right) x_j^{(i)}", P),
    (LEAST_SQUARES, "\\frac{\\partial J}{\\partial \\theta_j} = \\sum_{i=1}^m (\\theta^T x^{(i)} "
     "- y^{(i)}) x_k^{(i)}", R),  # the feature k for j
    (LEAST_SQUARES, "\\nabla_\\theta J = \\sum_{i=1}^m (\\theta^T x^{(i)} - y^{(i)}) x^{(i)}", P),
    (LEAST_SQUARES, "\\nabla_\\theta J = \\sum_{i=1}^m (\\theta^T x^{(i)} + y^{(i)}) x^{(i)}", R),
    (LEAST_SQUARES, "\\nabla_\\theta J = x^T (x \\theta - y)", P),
    (LOGISTIC, "\\nabla_\\theta J(\\theta) = \\sum_{i=1}^m (\\sigma(\\theta^T x^{(i)}) - y^{(i)}) "
     "x^{(i)}", P),
    (LOGISTIC, "\\frac{\\partial J}{\\partial \\theta_j} = \\sum_{i=1}^m (y^{(i)} - "
     "\\sigma(\\theta^T x^{(i)})) x^{(i)}_j", R),
])
def test_the_examples_of_a_data_matrix_in_course_notation(tmp_path: Path, cost: str, latex: str,
                                                          verdict: Verdict) -> None:
    """CS229's x^{(i)} ∈ ℝⁿ (row i of the data matrix x, declared m × n) and x_j^{(i)} (its
    entry (i, j)), with a sum of such vectors: the least-squares and logistic gradients for
    every m and n. A matrix's example was refused ("a matrix takes two")."""
    got, errors = document_verdicts(tmp_path / "c.md", CS229 + f"$${cost}$$\n\n$${latex}$$\n")
    assert errors == [] and got == [[verdict]], (got, errors)


def test_the_logistic_gradient_in_index_notation_is_proved_for_every_size(tmp_path: Path) -> None:
    """Σ_k θ_k X_ik inside σ, with X_ij also outside it: after the derivative is taken the
    inner sum is read as the entry of a vector of its own (was unknown: "the normal form does
    not reduce to 0")."""
    head = ('```derivcheck\ndims = { m = "positive integer", n = "positive integer" }\n'
            'vectors = { y = "m", theta = "n" }\nmatrices = { X = ["m", "n"] }\n'
            'latex = { "\\\\theta" = "theta" }\n```\n\n')
    s = "\\sigma\\left(\\sum_{k=1}^n \\theta_k X_{ik}\\right)"
    lhs = (f"\\frac{{\\partial}}{{\\partial \\theta_j}} \\left(-\\sum_{{i=1}}^m \\left[y_i \\log "
           f"{s} + (1 - y_i) \\log\\left(1 - {s}\\right)\\right]\\right)")
    good, bad = (f"{lhs} = \\sum_{{i=1}}^m \\left({s} - y_i\\right) X_{{ij}}",
                 f"{lhs} = \\sum_{{i=1}}^m \\left(y_i - {s}\\right) X_{{ij}}")
    got, errors = document_verdicts(tmp_path / "l.md", head + f"$${good}$$\n\n$${bad}$$\n")
    assert errors == [] and got == [[P], [R]], (got, errors)


def test_a_sum_of_one_vector_scaled_by_the_index_is_refused(tmp_path: Path) -> None:
    """Σ_j y_j ∂ŷ/∂θ_i (seed 003 writes ŷ for ŷ_j): its entry, or the whole vector? The sum
    adds vectors only where they are other vectors at each index (x⁽ⁱ⁾, a row of the data)."""
    head = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { y = "n", '
            'theta = "n" }\nlatex = { "\\\\theta" = "theta", "\\\\hat{y}" = "softmax(theta)" }'
            '\n```\n\n')
    got, errors = document_verdicts(tmp_path / "s.md", head + (
        "$$-\\sum_{j=1}^n y_j \\frac{1}{\\hat{y}_j} \\frac{\\partial \\hat{y}}{\\partial "
        "\\theta_i} = -y_i (1 - \\hat{y}_i)$$\n"))
    assert not {P, R} & {v for row in got for v in row}, got
    assert any("of one vector of length n scaled by what runs with j" in e for e in errors), errors


SQUARE = ('```derivcheck\ndims = { d = "positive integer", h = "positive integer" }\n'
          'vectors = { w = "d" }\nmatrices = { A = ["d", "d"], B = ["d", "h"] }\n'
          'symbols = { lam = "positive" }\n'
          'latex = { "\\\\lambda" = "lam" }\n```\n\n')


@pytest.mark.parametrize("latex, verdict", [
    ("(A + \\lambda) w = A w + \\lambda w", U),  # λ in every entry, or λI? the readings disagree
    ("(A - 1) w = A w - w", U),
    ("(A + \\lambda) w = A w", R),  # wrong under both readings
    ("(A + \\lambda I) w = A w + \\lambda w", P),  # a number I added to A is no reading
    ("(A + \\lambda \\mathbf{I}) w = A w + \\lambda w", P),
    ("(A + \\lambda \\mathbf{I}) w = A w", R),
    ("(B + 1)^T w = B^T w + \\mathbf{1} \\sum_{k=1}^d w_k", P),
    ("(B + 1)^T w = B^T w", R),
])
def test_a_number_beside_a_square_matrix_is_two_readings(tmp_path: Path, latex: str,
                                                         verdict: Verdict) -> None:
    """A + λ with A square: λ in every entry (NumPy's broadcast) or λI (a shift)? It was
    read as the broadcast only, and (A + λ)w = Aw + λw refuted. Both readings are checked now;
    a matrix that is not square has only the broadcast (B + 1 adds 1 to every entry)."""
    got, errors = document_verdicts(tmp_path / "q.md", SQUARE + f"$${latex}$$\n")
    assert errors == [] and got == [[verdict]], (got, errors)



GAUSS = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { x = "n" }\n'
         'symbols = { mu = "real", sigma = "positive" }\n'
         'latex = { "\\\\mu" = "mu", "\\\\sigma" = "sigma" }\n```\n\n')


@pytest.mark.parametrize("latex, verdict", [
    ("e^{(x_1 - \\mu)^2} = e^{\\mu^2 - 2\\mu x_1 + x_1^2}", P),
    ("e^{-\\frac{(x_1 - \\mu)^2}{2\\sigma^2}} = e^{-\\frac{\\mu^2 - 2\\mu x_1 + x_1^2}{2\\sigma^2}}",
     P),
    ("e^{(x_1 - \\mu)^2} = e^{\\mu^2 + 2\\mu x_1 + x_1^2}", R),
    ("\\log\\left(\\frac{1}{\\sqrt{2\\pi\\sigma^2}} e^{-\\frac{(x_1 - \\mu)^2}{2\\sigma^2}}\\right) "
     "= -\\frac{1}{2}\\log(2\\pi\\sigma^2) - \\frac{(x_1 - \\mu)^2}{2\\sigma^2}", P),
    ("\\sum_{i=1}^n \\log\\left(\\frac{1}{\\sqrt{2\\pi\\sigma^2}} e^{-\\frac{(x_i - \\mu)^2}"
     "{2\\sigma^2}}\\right) = -\\frac{n}{2}\\log(2\\pi\\sigma^2) - \\frac{1}{2\\sigma^2}"
     "\\sum_{i=1}^n (x_i - \\mu)^2", P),
    ("\\sum_{i=1}^n \\log\\left(\\frac{1}{\\sqrt{2\\pi\\sigma^2}} e^{-\\frac{(x_i - \\mu)^2}"
     "{2\\sigma^2}}\\right) = -\\frac{n}{2}\\log(2\\pi\\sigma) - \\frac{1}{2\\sigma^2}"
     "\\sum_{i=1}^n (x_i - \\mu)^2", R),
])
def test_the_gaussian_log_likelihood_is_decided(tmp_path: Path, latex: str,
                                                verdict: Verdict) -> None:
    """e^{(x − μ)²} and e^{x² − 2μx + μ²} are one product of exp atoms (a square in an exponent
    is multiplied out), and log 2 alone is the log 2 of log(2πσ²): the Gaussian log-density and
    log-likelihood were numeric evidence only (the sum's instances undecided)."""
    got, errors = document_verdicts(tmp_path / "g.md", GAUSS + f"$${latex}$$\n")
    assert errors == [] and got == [[verdict]], (got, errors)


def test_a_pattern_vector_is_defined_only_where_it_has_entries(tmp_path: Path) -> None:
    """4, 5, …, n has n − 3 entries: none at n ≤ 3, where the line is not defined (it was
    refuted at n = 1, as a vector of negative length); the same line as a sum is proved."""
    head = '```derivcheck\ndims = { n = "positive integer" }\nvectors = { x = "n" }\n```\n\n'
    v = "\\begin{bmatrix} 4 \\\\ 5 \\\\ \\vdots \\\\ n \\end{bmatrix}"
    got, errors = document_verdicts(tmp_path / "f.md", head + (
        f"$$\\operatorname{{tr}}\\left({v}{v}^T\\right) = \\frac{{n(n+1)(2n+1)}}{{6}} - 14$$\n\n"
        "$$4^2 + 5^2 + \\dots + n^2 = \\frac{n(n+1)(2n+1)}{6} - 14$$\n"))
    assert errors == [] and got == [[P], [P]], (got, errors)


@pytest.mark.parametrize("latex", [
    "\\left(\\begin{smallmatrix} 4 \\\\ 2 \\end{smallmatrix}\\right) = 6",
    "\\bigl(\\begin{smallmatrix} 4 \\\\ 2 \\end{smallmatrix}\\bigr) = 6",
    "\\left(\\begin{matrix} 4 \\\\ 2 \\end{matrix}\\right) = 6",
])
def test_two_entries_in_parentheses_are_never_read_as_a_vector(tmp_path: Path,
                                                               latex: str) -> None:
    """(4 over 2) is C(4, 2) = 6 as often as a vector: smallmatrix in parentheses was read as
    the vector, and refuted by its shape."""
    got, errors = document_verdicts(tmp_path / "b.md", SCALARS + f"$${latex}$$\n")
    assert not {P, R} & {v for row in got for v in row}, got
    assert any("a binomial coefficient" in e for e in errors), errors


def test_the_spreading_of_powers_is_capped_per_term() -> None:
    """Σ_i P³Q³R³ with six-term brackets: each cube is small, their product is not (8,927
    terms, 23 s); the term is kept whole."""
    import sympy as sp

    from checker.strategies.symbolic_n import _squares_spread

    i = sp.Symbol("i")
    x, y, w = (sp.IndexedBase(c) for c in "xyw")
    a, b, c, d = sp.symbols("a b c d")
    term = ((x[i] + y[i] + w[i] + a + b + c) ** 3 * (x[i] - y[i] + w[i] - a + b + d) ** 3
            * (x[i] + 2 * y[i] - w[i] + a - c) ** 3)
    assert _squares_spread(term, i) == term
    assert _squares_spread(term / (x[i] + a) ** 3, i) == term / (x[i] + a) ** 3
    small = (x[i] + a) ** 2 * (y[i] + b) ** 2  # 3 · 3 terms: spread
    assert sp.expand(_squares_spread(small, i) - small) == 0 and _squares_spread(small, i) != small


@pytest.mark.parametrize("latex, verdict", [
    ("\\frac{\\partial}{\\partial t} \\sigma(t\\theta^T x^{(i)}) = 0", R),  # t inside the sum
    ("\\frac{\\partial}{\\partial c} \\sum_{m=1}^n c A_{km} = 0", R),
    ("\\sum_{i=1}^m W x^{(i)} = W x^T \\mathbf{1}", P),  # vectors that run with i, through W
    ("\\theta_j v = v_j \\theta", R),  # vectors on both sides: compared at every entry
    ("\\theta_j v = \\theta_j v", P),
])
def test_review_of_the_second_adversary_round(tmp_path: Path, latex: str,
                                              verdict: Verdict) -> None:
    """A sum holding a derivative's variable (t) is no vector's entry: the renamed claim
    ∂/∂t σ(Z_i) = 0 was proved (a pre-existing wrong proof, reachable through x⁽ⁱ⁾); a chain of
    vectors whose entries hold a free index (θ_j v) is compared at every entry, not at j."""
    head = ('```derivcheck\ndims = { m = "positive integer", n = "positive integer", '
            'p = "positive integer" }\nvectors = { y = "m", theta = "n", v = "n" }\n'
            'matrices = { x = ["m", "n"], A = ["n", "n"], W = ["p", "n"] }\n'
            'symbols = { t = "real", c = "real" }\nindices = "superscript"\n'
            'latex = { "\\\\theta" = "theta" }\n```\n\n')
    got, errors = document_verdicts(tmp_path / "r.md", head + f"$${latex}$$\n")
    assert errors == [] and got == [[verdict]], (got, errors)


def test_an_inner_sum_up_to_an_outer_index_is_not_renamed(tmp_path: Path) -> None:
    """Σ_j (δ_j1 − δ_jn) Σ_{m ≤ j} A_im: the inner sum changes with j, so it is no entry Z_i
    (it was, and the line, false for n ≥ 2, was proved)."""
    head = '```derivcheck\ndims = { n = "positive integer" }\nmatrices = { A = ["n", "n"] }\n```\n\n'
    got, errors = document_verdicts(tmp_path / "o.md", head + (
        "$$\\sum_{j=1}^n (\\delta_{j1} - \\delta_{jn}) \\sum_{m=1}^{j} A_{im} = 0$$\n"))
    assert errors == [] and got == [[R]], (got, errors)


ROWS = ('```derivcheck\ndims = { n = "positive integer", d = "positive integer" }\n'
        'vectors = { y = "n", beta = "d", alpha = "n" }\nmatrices = { X = ["n", "d"] }\n'
        'rows = { x = "X" }\nlatex = { "\\\\beta" = "beta", "\\\\alpha" = "alpha", '
        '"\\\\mathbf{x}" = "x" }\n```\n\n')
NLL = ("\\nabla_\\beta \\sum_{i=1}^n \\left[\\log(1 + e^{x_i^T \\beta}) - y_i x_i^T \\beta"
       "\\right]")


@pytest.mark.parametrize("latex, verdict", [
    (f"{NLL} = \\sum_{{i=1}}^n \\left(\\sigma(x_i^T\\beta) - y_i\\right) x_i", P),
    (f"{NLL} = X^T(\\sigma(X\\beta) - y)", P),
    (f"{NLL} = \\sum_{{i=1}}^n \\left(y_i - \\sigma(x_i^T\\beta)\\right) x_i", R),
    ("x_{ij} = X_{ij}", P),
    ("x_{ij} = X_{ji}", None),  # i ranges over n, j over d: the transpose does not fit
    ("\\sum_{i=1}^n \\alpha_i y_i \\mathbf{x}_i = X^T (\\alpha \\odot y)", P),
    ("\\sum_{i=1}^n \\alpha_i y_i \\mathbf{x}_i = X (\\alpha \\odot y)", None),
])
def test_the_rows_of_a_data_matrix_by_subscript(tmp_path: Path, latex: str,
                                                verdict: Verdict | None) -> None:
    """rows = { x = "X" }: x_i (\\mathbf{x}_i) is the i-th example, X's row i as a vector, and
    x_{ij} its entry; they were an undeclared x ("x_i inside \\sum_i: x is not a declared
    vector")."""
    got, errors = document_verdicts(tmp_path / "w.md", ROWS + f"$${latex}$$\n")
    if verdict is None:
        assert not {P, R} & {v for row in got for v in row} or got == [[R]], (got, errors)
        return
    assert errors == [] and got == [[verdict]], (got, errors)


@pytest.mark.parametrize("rows, message", [
    ('{ x = "W" }', "name a declared matrix"),
    ('{ y = "X" }', "declared already"),
    ('"X"', "rows must be a table"),
])
def test_a_wrong_rows_declaration_says_what_to_write(tmp_path: Path, rows: str,
                                                     message: str) -> None:
    head = ROWS.replace('rows = { x = "X" }', f"rows = {rows}")
    _, errors = document_verdicts(tmp_path / "e.md", head + "$$x_1 = 0$$\n")
    assert any(message in e for e in errors), errors


CORNERS = ('```derivcheck\ndims = { m = "positive integer", n = "positive integer" }\n'
           'vectors = { x = "n", u = "m" }\nmatrices = { W = ["m", "n"], A = ["n", "n"] }\n'
           '```\n\n')
JACOBIAN = ("\\begin{bmatrix} W_{11} & W_{12} & \\cdots & W_{1n} \\\\ W_{21} & W_{22} & \\cdots & "
            "W_{2n} \\\\ \\vdots & \\vdots & \\ddots & \\vdots \\\\ W_{m1} & W_{m2} & \\cdots & "
            "W_{mn} \\end{bmatrix}")


@pytest.mark.parametrize("latex, verdict", [
    ("W = \\begin{bmatrix} W_{11} & \\cdots & W_{1n} \\\\ \\vdots & \\ddots & \\vdots \\\\ W_{m1} "
     "& \\cdots & W_{mn} \\end{bmatrix}", P),
    (f"\\frac{{\\partial (Wx)}}{{\\partial x}} = {JACOBIAN}", P),
    (f"\\frac{{\\partial (Wx)}}{{\\partial x}} = 2{JACOBIAN}", R),
    ("u x^T = \\begin{bmatrix} u_1 x_1 & \\cdots & u_1 x_n \\\\ \\vdots & \\ddots & \\vdots \\\\ "
     "u_m x_1 & \\cdots & u_m x_n \\end{bmatrix}", P),
    ("A^T = \\begin{bmatrix} A_{11} & \\cdots & A_{n1} \\\\ \\vdots & \\ddots & \\vdots \\\\ "
     "A_{1n} & \\cdots & A_{nn} \\end{bmatrix}", P),
    ("A = \\begin{bmatrix} A_{11} & \\cdots & A_{n1} \\\\ \\vdots & \\ddots & \\vdots \\\\ "
     "A_{1n} & \\cdots & A_{nn} \\end{bmatrix}", R),
])
def test_a_matrix_written_by_its_corners_is_its_pattern(tmp_path: Path, latex: str,
                                                        verdict: Verdict) -> None:
    """a_11 ⋯ a_1n / ⋮ ⋱ ⋮ / a_m1 ⋯ a_mn: entry (i, j) of the pattern the rows and the columns
    make (the Jacobian of Wx written out, an outer product, a transpose)."""
    got, errors = document_verdicts(tmp_path / "c.md", CORNERS + f"$${latex}$$\n")
    assert errors == [] and got == [[verdict]], (got, errors)


@pytest.mark.parametrize("latex, message", [
    ("\\begin{bmatrix} a & \\cdots & b \\\\ \\vdots & \\ddots & \\vdots \\\\ c & \\cdots & d "
     "\\end{bmatrix} = 0", "not one pattern"),
    ("\\begin{bmatrix} x_1 & \\cdots & x_n \\\\ \\vdots & & \\vdots \\\\ x_1 & \\cdots & x_n "
     "\\end{bmatrix} = 0", "an empty entry"),
    ("\\begin{bmatrix} \\vdots & \\ddots & \\vdots \\\\ W_{m1} & \\cdots & W_{mn} "
     "\\end{bmatrix} = 0", "by its corners"),
    ("\\begin{bmatrix} u_1 x_1 & \\cdots & u_n x_1 \\\\ \\vdots & \\ddots & \\vdots \\\\ u_1 x_m "
     "& \\cdots & u_n x_m \\end{bmatrix} = u x^T", ""),  # u_n: an entry u may not have
])
def test_a_matrix_with_entries_left_out_that_is_no_pattern_is_refused(tmp_path: Path,
                                                                      latex: str,
                                                                      message: str) -> None:
    got, errors = document_verdicts(tmp_path / "e.md", CORNERS + f"$${latex}$$\n")
    assert not {P, R} & {v for row in got for v in row}, got
    assert not message or any(message in e for e in errors), (got, errors)


@pytest.mark.parametrize("latex, verdict", [
    ("\\sum_{j=1}^d x_{1j} \\beta_j = x_1^T \\beta", P),  # x_{1j}: the entry (1, j), as X_{1j}
    ("\\sum_{i=1}^n x_{i1} = \\sum_{i=1}^n X_{i1}", P),
    ("x_{i,j} = X_{ij}", P),
])
def test_two_indices_on_the_rows_are_an_entry(tmp_path: Path, latex: str,
                                              verdict: Verdict) -> None:
    """r_{1j} was read as the row 1·j (Σ_i r_{1i} y_i = Xᵀy proved); like X_{1j}, it is the
    entry (1, j)."""
    got, errors = document_verdicts(tmp_path / "t.md", ROWS + f"$${latex}$$\n")
    assert errors == [] and got == [[verdict]], (got, errors)


@pytest.mark.parametrize("latex, message", [
    ("x_{12} = X_{12}", "the example 12, or the entry (1, 2)"),
    ("\\|x\\|^2 = x^T x", "x alone: the rows of X are x_i"),
])
def test_the_rows_name_alone_or_with_a_number_that_reads_two_ways_is_refused(
        tmp_path: Path, latex: str, message: str) -> None:
    got, errors = document_verdicts(tmp_path / "u.md", ROWS + f"$${latex}$$\n")
    assert not {P, R} & {v for row in got for v in row}, got
    assert any(message in e for e in errors), errors


def test_a_matrix_by_its_corners_at_numbers_is_its_entries(tmp_path: Path) -> None:
    head = '```derivcheck\nmatrices = { T = [2, 3] }\n```\n\n'
    corners = ("\\begin{bmatrix} T_{11} & \\cdots & T_{13} \\\\ \\vdots & \\ddots & \\vdots \\\\ "
               "T_{21} & \\cdots & T_{23} \\end{bmatrix}")
    got, errors = document_verdicts(tmp_path / "n.md", head + f"$${corners} = T$$\n\n"
                                    f"$${corners} = 2T$$\n")
    assert errors == [] and got == [[P], [R]], (got, errors)


def test_a_sum_of_one_vector_that_does_not_change_is_refused(tmp_path: Path) -> None:
    """Σ_{i=1}^n x_1 (nothing in it runs with i): n copies of x_1, or x_i with the index left
    out (as students write Σ_j ∂ŷ/∂θ_i for Σ_j ∂ŷ_j/∂θ_i)? Refused, saying which two."""
    got, errors = document_verdicts(tmp_path / "k.md", ROWS + "$$\\sum_{i=1}^n x_1 = n x_1$$\n")
    assert not {P, R} & {v for row in got for v in row}, got
    assert any("that many copies of it, or its entry at i" in e for e in errors), errors


HESSIAN = (
    '```derivcheck\ndims = { n = "positive integer", d = "positive integer" }\n'
    'vectors = { y = "n", beta = "d", w = "d" }\nmatrices = { X = ["n", "d"], A = ["d", "d"] }\n'
    'symbols = { t = "real" }\nrows = { x = "X" }\nlatex = { "\\\\beta" = "beta" }\n```\n\n'
    '$$f(\\beta) = \\sum_{i=1}^n \\left[\\log(1 + e^{x_i^T \\beta}) - y_i x_i^T \\beta\\right]$$\n\n')


@pytest.mark.parametrize("latex, verdict", [
    ("\\nabla^2 f(\\beta) = \\sum_{i=1}^n \\sigma(x_i^T\\beta)(1 - \\sigma(x_i^T\\beta)) x_i x_i^T",
     P),
    ("\\nabla_\\beta^2 f(\\beta) = X^T \\operatorname{diag}(\\sigma(X\\beta) \\odot (1 - "
     "\\sigma(X\\beta))) X", P),
    ("\\nabla^2_\\beta f(\\beta) = X^T \\operatorname{diag}(\\sigma(X\\beta)) X", R),
    ("\\nabla f(\\beta) = \\sum_{i=1}^n (\\sigma(x_i^T\\beta) - y_i) x_i", P),
    ("\\nabla^2_w \\frac{1}{2} w^T A w = \\frac{1}{2}(A + A^T)", P),
    ("\\nabla^2_w \\frac{1}{2} w^T A w = A", R),  # A need not be symmetric
    ("\\nabla^2 t^3 = 6t", P),
])
def test_the_hessian(tmp_path: Path, latex: str, verdict: Verdict) -> None:
    """∇²f (∇²_w f, ∇_w² f): the Hessian, the convention of optimisation texts (corpus 54's
    Newton step; it was refused); by a number, the second derivative. ∇f(β) with f the page's
    function of β is its gradient by that argument (refused: f's body also writes X and y)."""
    got, errors = document_verdicts(tmp_path / "h.md", HESSIAN + f"$${latex}$$\n")
    assert errors == [] and got[-1] == [verdict], (got, errors)


def test_another_power_of_nabla_is_refused(tmp_path: Path) -> None:
    got, errors = document_verdicts(tmp_path / "h3.md", HESSIAN + "$$\\nabla^3 t^3 = 6$$\n")
    assert not {P, R} & {v for row in got for v in row}, got
    assert any("only \\nabla^2, the Hessian, is read" in e for e in errors), errors


CLASH = ('```derivcheck\ndims = { d = "positive integer" }\nvectors = { beta = "d", w = "d" }\n'
         'matrices = { A = ["d", "d"] }\nsymbols = { t = "real", s = "real" }\n'
         'latex = { "\\\\beta" = "beta" }\n```\n\n$$f(w) = w^T A \\beta$$\n\n$$g(t) = t^2 s$$\n\n'
         '$$h(w) = w^T A w$$\n\n')


@pytest.mark.parametrize("latex, verdict", [
    ("\\nabla^2 f(\\beta) = A + A^T", None),  # f(w) = wᵀAβ: Hessian 0 in its argument
    ("\\nabla f(\\beta) = (A + A^T)\\beta", None),  # (∇f)(β) = Aβ, ∇(f(β)) = (A + Aᵀ)β
    ("\\nabla^2 g(s) = 6 s", None),  # g'' = 2s at s, or (s³)'' = 6s?
    ("\\nabla g(s) = 3s^2", None),
    ("\\nabla h(\\beta) = (A + A^T)\\beta", P),  # h's body writes no β: one reading
])
def test_the_gradient_of_a_function_whose_body_writes_its_argument_reads_two_ways(
        tmp_path: Path, latex: str, verdict: Verdict | None) -> None:
    """f(w) = wᵀAβ, then ∇f(β): the gradient of f in its argument, at β, or that of f(β) =
    βᵀAβ as a whole? The two differ, and the second was proved (the fourth adversary round:
    ∇²f(β) = A + Aᵀ, for a linear f)."""
    got, errors = document_verdicts(tmp_path / "c.md", CLASH + f"$${latex}$$\n")
    if verdict is None:
        assert not {P, R} & {v for row in got for v in row}, got
        assert any("or the gradient of" in e and "as a whole" in e for e in errors), errors
    else:
        assert errors == [] and got[-1] == [verdict], (got, errors)


@pytest.mark.parametrize("layout", ["numerator", "denominator"])
def test_the_hessian_does_not_depend_on_the_layout(tmp_path: Path, layout: str) -> None:
    head = HESSIAN.replace('rows = { x = "X" }', f'rows = {{ x = "X" }}\nlayout = "{layout}"')
    got, errors = document_verdicts(tmp_path / "l.md", head + (
        "$$\\nabla^2_w \\frac{1}{2} w^T A w = \\frac{1}{2}(A + A^T)$$\n\n"
        "$$\\nabla_\\beta^2 f(\\beta) = X^T \\operatorname{diag}(\\sigma(X\\beta) \\odot (1 - "
        "\\sigma(X\\beta))) X$$\n"))
    assert errors == [] and got == [[P], [P]], (got, errors)


def test_a_hessian_by_a_matrix_is_refused(tmp_path: Path) -> None:
    head = '```derivcheck\nmatrices = { W = [2, 2] }\n```\n\n'
    got, errors = document_verdicts(tmp_path / "m.md",
                                    head + "$$\\nabla^2_W \\operatorname{tr}(W^T W) = 2$$\n")
    assert not {P, R} & {v for row in got for v in row}, got
    assert any("a Hessian of a matrix variable" in e for e in errors), errors


def test_a_hessian_before_terms_without_brackets_says_so(tmp_path: Path) -> None:
    head = ('```derivcheck\ndims = { d = "positive integer" }\nvectors = { w = "d" }\n'
            'matrices = { A = ["d", "d"] }\nsymbols = { t = "real" }\n```\n\n')
    got, errors = document_verdicts(tmp_path / "b.md",
                                    head + "$$\\nabla^2_w w^T A w + t = A + A^T$$\n")
    assert not {P, R} & {v for row in got for v in row}, got
    assert any("before terms written without brackets" in e for e in errors), errors


def test_a_matrix_written_out_beside_a_symbolic_size_says_so(tmp_path: Path) -> None:
    """[x_1; x_2] beside x of length n: unknown, and the reason is the two kinds of size (it
    said "a scalar beside arrays is their zero array … write 0", with no scalar in sight)."""
    head = '```derivcheck\ndims = { n = "positive integer" }\nvectors = { x = "n" }\n```\n\n'
    path = tmp_path / "z.md"
    got, errors = document_verdicts(path, head + (
        "$$\\begin{bmatrix} x_1 \\\\ x_2 \\end{bmatrix} = x$$\n"))
    assert errors == [] and not {P, R} & {v for row in got for v in row}, (got, errors)
    from tests.recheck import checked_file

    report, _ = checked_file(path)
    details = " ".join(str(c.result.detail) for o in report.outcomes for c in o.checks)
    assert "a matrix written at an explicit size beside one of a symbolic size" in details
    assert "zero array" not in details
