"""Reading documents (session 31): σ and tanh of a sum beside e^(sum) at symbolic sizes,
a fraction of vectors read entry by entry, and the wrong verdicts an adversary found."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from recheck import checked_file, goal_verdicts

from checker.model import CheckKind
from checker.results import Verdict

LOGISTIC = ("```derivcheck\n"  # line 1
            "dims = { n = \"positive integer\", p = \"positive integer\" }\n"
            "matrices = { X = [\"n\", \"p\"] }\n"
            "vectors = { y = \"n\", beta = \"p\", z = \"n\" }\n"
            "```\n")  # 5


def run(tmp_path: Path, text: str) -> tuple[dict[str, Verdict], list]:
    return goal_verdicts(tmp_path, text)  # type: ignore[return-value]  # (counterexamples re-checked)


@pytest.mark.parametrize(("display", "verdict"), [
    # e^(s)/(1 + e^(s)) is σ(s) where s = (Xβ)_k is a sum: beside a factor outside it too
    ("\\sum_{k=1}^n X_{k1}\\frac{e^{(X\\beta)_k}}{1+e^{(X\\beta)_k}} = "
     "\\sum_{k=1}^n X_{k1} \\sigma((X\\beta)_k)", Verdict.PROVED),
    ("\\sum_{k=1}^n X_{k1}\\frac{1}{1+e^{-(X\\beta)_k}} = "
     "\\sum_{k=1}^n X_{k1} \\sigma((X\\beta)_k)", Verdict.PROVED),
    ("\\sum_{k=1}^n X_{k1} \\tanh((X\\beta)_k) = "
     "\\sum_{k=1}^n X_{k1} (2\\sigma(2(X\\beta)_k) - 1)", Verdict.PROVED),
    ("\\nabla_\\beta \\left(\\mathbf{1}^T \\ln(1+e^{X\\beta}) - y^T X \\beta\\right) = "
     "X^T\\left(\\sigma(X\\beta) - y\\right)", Verdict.PROVED),
    # the sign of the exponent lost, or σ where e^s is meant: refuted
    ("\\sum_{k=1}^n X_{k1}\\frac{e^{(X\\beta)_k}}{1+e^{(X\\beta)_k}} = "
     "\\sum_{k=1}^n X_{k1} \\sigma(-(X\\beta)_k)", Verdict.REFUTED),
    ("\\nabla_\\beta \\left(\\mathbf{1}^T \\ln(1+e^{X\\beta}) - y^T X \\beta\\right) = "
     "X^T\\left(\\sigma(-X\\beta) - y\\right)", Verdict.REFUTED),
    ("\\sum_{k=1}^n X_{k1} \\tanh((X\\beta)_k) = "
     "\\sum_{k=1}^n X_{k1} (2\\sigma((X\\beta)_k) - 1)", Verdict.REFUTED),
])
def test_sigmoid_of_a_sum_beside_its_exponential(tmp_path: Path, display: str,
                                                 verdict: Verdict) -> None:
    """σ(Σ_j X_kj β_j) reads as e^(Σ…) does (a product of exponentials in the normal form of
    sums), so the logistic gradient written with e and with σ meet for every n and p."""
    by, errors = run(tmp_path, LOGISTIC + f"\n$${display}$$\n")
    assert errors == []
    assert by == {"7": verdict}


QUOTIENTS = ("```derivcheck\n"  # line 1
             "dims = { n = \"positive integer\", p = \"positive integer\" }\n"
             "matrices = { X = [\"n\", \"p\"], A = [\"n\", \"n\"] }\n"
             "vectors = { u = \"n\", v = \"n\", beta = \"p\", a = 3, b = 3, c = 2 }\n"
             "```\n")  # 5


@pytest.mark.parametrize(("display", "verdict"), [
    # a vector over a vector of its shape, or a number over a vector: entry by entry
    ("\\sum_{i=1}^n \\left(\\frac{u}{v}\\right)_i = \\sum_{i=1}^n \\frac{u_i}{v_i}", Verdict.PROVED),
    ("\\mathbf{1}^T \\frac{1}{v} = \\sum_{i=1}^n \\frac{1}{v_i}", Verdict.PROVED),
    ("u^T \\frac{1}{v} = \\sum_{i=1}^n \\frac{u_i}{v_i}", Verdict.PROVED),
    ("\\frac{e^{X\\beta}}{1+e^{X\\beta}} = \\frac{1}{1+e^{-X\\beta}}", Verdict.PROVED),
    ("\\frac{e^{X\\beta}}{1+e^{X\\beta}} = \\sigma(X\\beta)", Verdict.PROVED),
    ("\\frac{a}{b} \\odot b = a", Verdict.PROVED),
    ("\\frac{a \\odot b}{b} = a", Verdict.PROVED),
    # wrong: refuted, the counterexample re-checked (non-zero where it divides)
    ("\\frac{a}{b} = \\frac{b}{a}", Verdict.REFUTED),
    ("\\sum_{i=1}^n \\left(\\frac{u}{v}\\right)_i = \\sum_{i=1}^n \\frac{v_i}{u_i}", Verdict.REFUTED),
    ("\\frac{e^{X\\beta}}{1+e^{X\\beta}} = \\frac{1}{1+e^{X\\beta}}", Verdict.REFUTED),
    # a dot product of two columns under a fraction beside a number: the dot product still
    ("\\frac{1}{a \\cdot b} = \\frac{1}{a_1 b_1 + a_2 b_2 + a_3 b_3}", Verdict.PROVED),
])
def test_a_fraction_of_vectors_is_read_entry_by_entry(tmp_path: Path, display: str,
                                                       verdict: Verdict) -> None:
    by, errors = run(tmp_path, QUOTIENTS + f"\n$${display}$$\n")
    assert errors == []
    assert by == {"7": verdict}


@pytest.mark.parametrize(("display", "fragment"), [
    ("\\frac{u}{A} = u", "cannot divide by a n×n matrix"),
    ("\\frac{u^T}{v} = u^T", "a vector over a vector of one shape is read entry by entry"),
    ("\\frac{a}{c} = a", "a vector over a vector of one shape is read entry by entry"),
    ("\\frac{a}{\\begin{bmatrix} 1 \\\\ 0 \\\\ 2 \\end{bmatrix}} = a", "division by zero"),
])
def test_a_fraction_no_entrywise_reading_fits_is_refused(tmp_path: Path, display: str,
                                                         fragment: str) -> None:
    _by, errors = run(tmp_path, QUOTIENTS + f"\n$${display}$$\n")
    assert [e.line for e in errors] == [7], errors
    assert fragment in errors[0].message


def test_the_quotient_holds_where_the_divisor_has_no_zero_entry(tmp_path: Path) -> None:
    """The line is defined where every entry of v is non-zero, and its report says so."""
    path = tmp_path / "doc.md"
    path.write_text(QUOTIENTS + "\n$$\\mathbf{1}^T \\frac{u}{v} = \\sum_{i=1}^n \\frac{u_i}{v_i}$$\n",
                    encoding="utf-8")
    report, errors = checked_file(path)
    assert errors == []
    steps = [c for o in report.outcomes for c in o.checks if c.check.kind is CheckKind.STEP]
    assert steps and all(c.result.verdict is Verdict.PROVED for c in steps)
    domain = [r for c in steps for r in c.check.claim.domain]
    assert domain and all(isinstance(r, sp.Ne) and r.rhs == 0 and isinstance(r.lhs, sp.Indexed)
                          and str(r.lhs.base) == "v" for r in domain), domain


BATCH = ("```derivcheck\n"  # line 1
         "dims = { N = \"positive integer\", h = \"positive integer\", d = \"positive integer\" }\n"
         "matrices = { X = [\"N\", \"d\"], W = [\"d\", \"h\"], b = [1, \"h\"], e = [1, \"d\"], "
         "G = [\"N\", \"h\"], c = [\"N\", 1], A = [3, 2], B = [2, 2], r = [1, 2], s = [3, 1] }\n"
         "vectors = { u = 3, v = 2 }\n"
         "```\n\n"  # 6
         "Let $L = \\sum_{i=1}^N \\sum_{j=1}^h G_{ij} (XW + b)_{ij}$.\n")  # 7


@pytest.mark.parametrize(("display", "verdict"), [
    # a row added to every row of a matrix of its width (a batch's bias), a column to every column
    ("(XW + b)_{ij} = \\sum_{k=1}^d X_{ik} W_{kj} + b_{1j}", Verdict.PROVED),
    ("(XW + b)_{ij} = \\sum_{k=1}^d X_{ik} W_{kj} + b_{1,1}", Verdict.REFUTED),
    ("(G + c)_{ij} = G_{ij} + c_{i}", Verdict.PROVED),
    ("(G - c)_{ij} = G_{ij} - c_{1}", Verdict.REFUTED),
    ("\\frac{\\partial L}{\\partial b} = \\mathbf{1}^T G", Verdict.PROVED),
    ("\\frac{\\partial L}{\\partial b} = G", Verdict.REFUTED),  # (the shapes: N×h, 1×h)
    # at explicit sizes too
    ("(AB + r)_{21} = A_{21} B_{11} + A_{22} B_{21} + r_{11}", Verdict.PROVED),
    ("(A + s)_{32} = A_{32} + s_{31}", Verdict.PROVED),
    ("A + r = A", Verdict.REFUTED),
])
def test_a_row_or_a_column_broadcasts_over_a_matrix(tmp_path: Path, display: str,
                                                    verdict: Verdict) -> None:
    by, errors = run(tmp_path, BATCH + f"\n$${display}$$\n")
    assert errors == []
    assert by == {"9": verdict}


@pytest.mark.parametrize("display", ["u + v^T = v^T + u", "(c + b)_{11} = c_{1} + b_{11}"])
def test_a_column_beside_a_row_is_not_spread(tmp_path: Path, display: str) -> None:
    """NumPy would make an outer sum; a transpose may have been forgotten: refused, and the
    message says why (never refuted by the shapes)."""
    by, errors = run(tmp_path, BATCH + f"\n$${display}$$\n")
    assert errors and all(e.line == 9 for e in errors), errors
    assert "a column beside a row" in errors[0].message
    assert Verdict.REFUTED not in by.values()


@pytest.mark.parametrize(("display", "verdict"), [
    ("c_{i} = c_{i1}", Verdict.PROVED),
    ("c_{i1} = c_{i,1}", Verdict.PROVED),
    ("b_{j} = b_{1j}", Verdict.PROVED),
    ("b_{j} = b_{1,j} + 1", Verdict.REFUTED),
    ("s_{2} = s_{21}", Verdict.PROVED),
    ("r_{2} = r_{12}", Verdict.PROVED),
    ("r_{2} = r_{11}", Verdict.REFUTED),
])
def test_one_index_names_an_entry_of_a_one_wide_matrix(tmp_path: Path, display: str,
                                                       verdict: Verdict) -> None:
    """An N × 1 or 1 × h matrix (a batch's bias) is indexed with one index or two; it was
    refused both ways (two indices needed, then one index taken)."""
    by, errors = run(tmp_path, BATCH + f"\n$${display}$$\n")
    assert errors == []
    assert by == {"9": verdict}


NOWHERE = ("```derivcheck\n"  # line 1
           "dims = { n = \"positive integer\" }\n"
           "vectors = { u = \"n\", v = \"n\", a = 3 }\n"
           "symbols = { s = \"real\", x = \"real\" }\n"
           "```\n")  # 5


@pytest.mark.parametrize("display", [
    # entry 1 of v − v_1 is 0 whatever v is: each line divides by 0 everywhere
    "\\frac{u}{v - v_1} \\odot (v - v_1) = u",
    "\\frac{v - v_1}{v - v_1} = \\mathbf{1}",
    "\\frac{u}{v - v_1} = u",
    "\\nabla_u \\mathbf{1}^T \\frac{u}{v - v_1} = 7 \\mathbf{1}",
    # a divisor that is 0 for every value
    "\\frac{s \\cdot ((s+1)^2 - s^2 - 2s - 1)}{(s+1)^2 - s^2 - 2s - 1} = s",
    "\\frac{s \\cdot ((s+1)^2 - s^2 - 2s - 1)}{(s+1)^2 - s^2 - 2s - 1} = s + 1",
])
def test_a_line_defined_nowhere_is_neither_proved_nor_refuted(tmp_path: Path,
                                                               display: str) -> None:
    """A proof holds where the line is defined, and a counterexample lies there: a line
    defined nowhere gets neither (an adversary found them proved, and refuted at a point
    where they divide by 0)."""
    by, errors = run(tmp_path, NOWHERE + f"\n$${display}$$\n")
    assert errors == []
    assert by["7"] is Verdict.ERROR, by


@pytest.mark.parametrize(("display", "verdict"), [
    # 0 at one point only, or only where an index is 1: defined elsewhere, decided as before
    ("\\frac{x (5x - 7)}{5x - 7} = x", Verdict.PROVED),
    ("\\frac{u_i (v_i - v_1)}{v_i - v_1} = u_i", Verdict.PROVED),
    # 0 at a generic point, not shown 0 everywhere: no point where it is defined is found
    ("\\frac{x (\\sin^2 x + \\cos^2 x - 1)}{\\sin^2 x + \\cos^2 x - 1} = x", Verdict.UNKNOWN),
])
def test_a_divisor_zero_somewhere_only_leaves_the_line_defined(tmp_path: Path, display: str,
                                                              verdict: Verdict) -> None:
    by, errors = run(tmp_path, NOWHERE + f"\n$${display}$$\n")
    assert errors == []
    assert by == {"7": verdict}


def test_a_step_whose_shape_is_not_the_chains_shows_no_reading(tmp_path: Path) -> None:
    """σ(x)·σ(−x) beside the Jacobian dσ(x)/dx: not compared, and the report no longer shows
    the placeholder it stood for ("read as: 0")."""
    import io

    from rich.console import Console

    from checker.report import terminal

    path = tmp_path / "doc.md"
    path.write_text(NOWHERE + "\n$$\\frac{d}{du} \\sigma(u) = \\sigma(u) \\cdot \\sigma(-u)$$\n",
                    encoding="utf-8")
    report, _errors = checked_file(path)
    buf = io.StringIO()
    terminal.render(report, Console(file=buf, width=200, color_system=None))
    text = buf.getvalue()
    assert "not compared: its shape is not the chain's" in text
    assert "read as: 0" not in text


@pytest.mark.parametrize(("display", "fragment"), [
    # |v| is the length to some and the absolute value of each entry to others: refused
    ("\\frac{u}{|u|} = \\frac{u}{\\sqrt{u^T u}}", "|v| of a vector: its length, or"),
    ("|a| = \\sqrt{a^T a}", "|v| of a vector: its length, or"),
    ("|a| = a", "|v| of a vector: its length, or"),
    ("|\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}| = -2", "|A| of a matrix: its determinant"),
])
def test_bars_around_a_vector_or_a_matrix_are_refused(tmp_path: Path, display: str,
                                                       fragment: str) -> None:
    """|v| = √(vᵀv) was refuted by its shapes (each entry's absolute value, a guess), and
    u/|u| against the unit vector at a point, once a vector could divide."""
    by, errors = run(tmp_path, NOWHERE + f"\n$${display}$$\n")
    assert [e.line for e in errors] == [7], errors
    assert fragment in errors[0].message
    assert Verdict.REFUTED not in by.values() and Verdict.PROVED not in by.values()


@pytest.mark.parametrize(("display", "verdict"), [
    ("|x| = \\sqrt{x^2}", Verdict.PROVED),
    ("|a^T a| = a^T a", Verdict.PROVED),
    ("\\sum_{i=1}^n |v_i| \\ge 0", Verdict.PROVED),
    ("|x - 1| = x - 1", Verdict.REFUTED),
])
def test_bars_around_a_number_are_its_absolute_value(tmp_path: Path, display: str,
                                                     verdict: Verdict) -> None:
    by, errors = run(tmp_path, NOWHERE + f"\n$${display}$$\n")
    assert errors == []
    assert by == {"7": verdict}


@pytest.mark.parametrize(("display", "verdict"), [
    # Leibniz's fraction even where d is declared (the stated convention); an operator after
    # d makes the product
    ("\\frac{d\\,t^2}{d\\,t} = 2t", Verdict.PROVED),
    ("\\frac{d\\,t^2}{d\\,t} = t", Verdict.REFUTED),
    ("\\frac{d \\cdot t^2}{d \\cdot t} = t", Verdict.PROVED),
    ("\\frac{d \\cdot t^2}{d \\cdot t} = 2t", Verdict.REFUTED),
    # \mathrm{d} is the differential still
    ("\\frac{\\mathrm{d}\\,t^2}{\\mathrm{d}\\,t} = 2t", Verdict.PROVED),
])
def test_a_declared_d_in_a_fraction(tmp_path: Path, display: str, verdict: Verdict) -> None:
    """With d a declared number, \\frac{d t^2}{d t} is still Leibniz's (a stated convention,
    README); written with \\cdot after d it is the product (it was read as the derivative)."""
    text = "```derivcheck\nsymbols = { d = \"positive\", t = \"positive\" }\n```\n\n\n"
    by, errors = run(tmp_path, text + f"\n$${display}$$\n")
    assert errors == []
    assert by == {"7": verdict}


@pytest.mark.parametrize(("display", "verdict"), [
    # 1 b: the ones column (as long as the matrix it is added to) times the row b
    ("XW + \\mathbf{1} b = XW + b", Verdict.PROVED),
    ("(XW + \\mathbf{1} b)_{ij} = \\sum_{k=1}^d X_{ik}W_{kj} + b_j", Verdict.PROVED),
    ("(XW - \\mathbf{1} b)_{ij} = \\sum_{k=1}^d X_{ik}W_{kj} + b_j", Verdict.REFUTED),
    ("AB - 2\\mathbf{1} r = AB - r - r", Verdict.PROVED),
    ("AB + \\mathbf{1} r = AB", Verdict.REFUTED),
])
def test_the_ones_column_times_a_row_takes_its_length_from_the_sum(tmp_path: Path, display: str,
                                                                  verdict: Verdict) -> None:
    """XW + 1b (a batch's bias, written out) was refused: the length of 1 was not known."""
    by, errors = run(tmp_path, BATCH + f"\n$${display}$$\n")
    assert errors == []
    assert by == {"9": verdict}


BLOCKS = ("```derivcheck\n"  # line 1
          "dims = { N = \"positive integer\", h = \"positive integer\", d = \"positive integer\" }\n"
          "matrices = { X = [\"N\", \"d\"], W = [\"d\", \"h\"], b = [1, \"h\"], A = [3, 2], "
          "B = [2, 2], r = [1, 2], s = [3, 1] }\n"
          "```\n")  # 4


@pytest.mark.parametrize(("display", "verdict"), [
    # the bias trick: [X 1][W; b] = XW + 1b, block by block, for every N, d, h
    ("\\begin{bmatrix} X & \\mathbf{1} \\end{bmatrix} \\begin{bmatrix} W \\\\ b \\end{bmatrix} "
     "= XW + \\mathbf{1} b", Verdict.PROVED),
    ("\\begin{bmatrix} X & \\mathbf{1} \\end{bmatrix} \\begin{bmatrix} W \\\\ b \\end{bmatrix} "
     "= XW", Verdict.REFUTED),
    ("\\left(\\begin{bmatrix} X & \\mathbf{1} \\end{bmatrix} \\begin{bmatrix} W \\\\ b "
     "\\end{bmatrix}\\right)_{ij} = \\sum_{k=1}^d X_{ik} W_{kj} + b_j", Verdict.PROVED),
    ("\\begin{bmatrix} X & \\mathbf{1} \\end{bmatrix}_{i,d+1} = 1", Verdict.PROVED),
    # at explicit sizes: stacked
    ("\\begin{bmatrix} A & s \\end{bmatrix} \\begin{bmatrix} B \\\\ r \\end{bmatrix} = AB + s r",
     Verdict.PROVED),
    ("\\begin{bmatrix} A & s \\end{bmatrix} \\begin{bmatrix} B \\\\ r \\end{bmatrix} = AB + r",
     Verdict.REFUTED),
])
def test_block_matrices(tmp_path: Path, display: str, verdict: Verdict) -> None:
    by, errors = run(tmp_path, BLOCKS + f"\n$${display}$$\n")
    assert errors == []
    assert by == {"6": verdict}


@pytest.mark.parametrize(("display", "fragment"), [
    ("\\begin{bmatrix} X & 1 \\end{bmatrix} = X", "Write \\mathbf{1} (times the number)"),
    ("\\begin{bmatrix} A & r \\end{bmatrix} = A", "different heights"),
    ("\\begin{bmatrix} A \\\\ s \\end{bmatrix} = A", "different widths"),
    ("\\begin{bmatrix} X & A \\end{bmatrix} = X", "different heights (N and 3)"),
])
def test_block_matrices_that_do_not_fit_are_refused(tmp_path: Path, display: str,
                                                    fragment: str) -> None:
    _by, errors = run(tmp_path, BLOCKS + f"\n$${display}$$\n")
    assert [e.line for e in errors] == [6], errors
    assert fragment in errors[0].message


SECOND = ("```derivcheck\n"  # line 1
          "dims = { n = \"positive integer\", N = \"positive integer\", h = \"positive integer\" }\n"
          "vectors = { u = \"n\", v = \"n\", w = \"h\" }\n"
          "matrices = { G = [\"N\", \"h\"], b = [1, \"h\"], c = [\"N\", 1], Q = [12, 1], "
          "q = [2, 1], P = [1, 1], K = [2, 2], r = [1, 2], s = [2, 1], X = [\"N\", \"h\"] }\n"
          "```\n")  # 5


@pytest.mark.parametrize("display", [
    # defined nowhere: at the entry the condition writes (v_n, v_{n+1}, v_{n-1}), or by sign
    "\\frac{v - v_n}{v - v_n} = \\mathbf{1}",
    "\\frac{u}{v - v_{n+1}} \\odot (v - v_{n+1}) = u",
    "\\frac{v - v_{n-1}}{v - v_{n-1}} = \\mathbf{1}",
    "\\log(-u \\odot u) = \\log(-u \\odot u)",
])
def test_second_adversary_lines_defined_nowhere(tmp_path: Path, display: str) -> None:
    by, errors = run(tmp_path, SECOND + f"\n$${display}$$\n")
    assert errors == []
    assert by["7"] is Verdict.ERROR, by


def test_a_sum_over_part_of_a_range_is_no_line_defined_nowhere(tmp_path: Path) -> None:
    """Σ_{i=2}^n asks v_k − v_1 ≠ 0 of every entry, k = 1 too (more than it needs): that is
    no sign the line is defined nowhere (it was an error)."""
    by, errors = run(tmp_path, SECOND + "\n$$\\sum_{i=2}^n \\frac{u_i (v_i - v_1)}{v_i - v_1} = "
                     "\\sum_{i=2}^n u_i$$\n")
    assert errors == []
    assert by["7"] is not Verdict.ERROR and by["7"] is not Verdict.REFUTED, by


@pytest.mark.parametrize(("display", "verdict"), [
    # a row ⊙ a matrix of its width: in every row (NumPy), at symbolic and explicit sizes
    ("(G \\odot b)_{ij} = G_{ij} b_j", Verdict.PROVED),
    ("(G \\odot b)_{ij} = G_{ij} b_{1,1}", Verdict.REFUTED),
    ("(K \\odot r)_{12} = K_{12} r_{2}", Verdict.PROVED),
    ("(K \\odot r)_{12} = K_{12} r_{1}", Verdict.REFUTED),
])
def test_a_row_times_a_matrix_entry_by_entry(tmp_path: Path, display: str,
                                             verdict: Verdict) -> None:
    by, errors = run(tmp_path, SECOND + f"\n$${display}$$\n")
    assert errors == []
    assert by == {"7": verdict}


@pytest.mark.parametrize(("display", "fragment"), [
    # a vector beside N × h of length h (NumPy's 1-D bias?), a column beside a square matrix
    ("X + w = X", "it is the row b^T"),
    ("(K + s)_{12} = K_{12} + s_{1}", "it is the row b^T"),
    # two digits under a one-wide matrix that may have ten entries: one index or two?
    ("c_{21} = c_{2,1}", "entry 21 or entry (2, 1)"),
    ("Q_{11} = Q_{1,1}", "entry 11 or entry (1, 1)"),
    # bars around a declared 1 × 1 matrix: its determinant, or its entry's absolute value?
    ("|P| = P_{11}", "|A| of a matrix"),
])
def test_second_adversary_refusals(tmp_path: Path, display: str, fragment: str) -> None:
    by, errors = run(tmp_path, SECOND + f"\n$${display}$$\n")
    assert errors and errors[0].line == 7, errors
    assert fragment in errors[0].message
    assert Verdict.REFUTED not in by.values() and Verdict.PROVED not in by.values()


def test_two_digits_under_a_short_one_wide_matrix_are_two_indices(tmp_path: Path) -> None:
    by, errors = run(tmp_path, SECOND + "\n$$q_{21} = q_{2,1}$$\n")
    assert errors == [] and by == {"7": Verdict.PROVED}


@pytest.mark.parametrize("display", [
    # past the edge of a block matrix whose last block is one entry wide, ones or I: each was
    # proved or refuted (its last block read at index 1 whatever the index)
    "\\begin{bmatrix} X & \\mathbf{1} \\end{bmatrix}_{i,d+2} = 1",
    "\\begin{bmatrix} X & \\mathbf{1} \\end{bmatrix}_{i,d+2} = 0",
    "\\begin{bmatrix} W \\\\ b \\end{bmatrix}_{d+3,j} = b_{1,j}",
    "\\begin{bmatrix} X & \\mathbf{I} \\end{bmatrix}_{1,d+N+1} = 0",
])
def test_an_index_past_a_block_matrix_is_refused(tmp_path: Path, display: str) -> None:
    by, errors = run(tmp_path, BLOCKS + f"\n$${display}$$\n")
    assert [e.line for e in errors] == [6], errors
    assert "may lie outside" in errors[0].message
    assert Verdict.PROVED not in by.values() and Verdict.REFUTED not in by.values()


def test_a_sum_past_a_block_matrix_is_refused(tmp_path: Path) -> None:
    text = ("```derivcheck\ndims = { n = \"positive integer\" }\nvectors = { u = \"n\" }\n```\n\n"
            "$$\\sum_{j=1}^{2} \\begin{bmatrix} u \\\\ \\mathbf{1}^T \\end{bmatrix}_{n+j} = 2$$\n"
            "\n$$\\sum_{j=1}^{1} \\begin{bmatrix} u \\\\ \\mathbf{1}^T \\end{bmatrix}_{n+j} = 1$$\n")
    by, errors = run(tmp_path, text)
    assert [e.line for e in errors] == [6], errors
    assert by["8"] is Verdict.PROVED


@pytest.mark.parametrize(("display", "verdict"), [
    ("2\\begin{bmatrix} X & \\mathbf{1} \\end{bmatrix} \\begin{bmatrix} W \\\\ b \\end{bmatrix} "
     "= 2XW + 2b", Verdict.PROVED),
    ("2\\begin{bmatrix} X & \\mathbf{1} \\end{bmatrix} \\begin{bmatrix} W \\\\ b \\end{bmatrix} "
     "= 2XW + b", Verdict.REFUTED),
])
def test_a_multiple_of_a_block_matrix_is_one(tmp_path: Path, display: str,
                                             verdict: Verdict) -> None:
    """2[X 1][W; b] was an error: the multiple lost its blocks, and its entries were read
    through the ranges of each block."""
    by, errors = run(tmp_path, BLOCKS + f"\n$${display}$$\n")
    assert errors == []
    assert by == {"6": verdict}
