"""Sizes and vectors a page declares by writing them in a sum (checker.files.implicit, session
35): ``\\sum_{i=1}^{n} x_i`` with no declaration block reads n as a size and x as a vector of
length n; where the page could mean something else, nothing is inferred and the line stays
refused with the message it had."""

from __future__ import annotations

from pathlib import Path

import pytest
from recheck import page_goals

from checker.files.implicit import infer
from checker.files.markdown import extract
from checker.results import Verdict


def run(tmp_path: Path, text: str) -> tuple[list[Verdict], list[str], list[str]]:
    """Each display's goal verdict (counterexamples re-checked), the reader's errors, and each
    goal's note."""
    verdicts, errors, got = page_goals(tmp_path, text)
    return verdicts, errors, [c.check.claim.note or "" for c in got]


def inferred(text: str, tables: list[dict] | None = None) -> dict:
    return infer(extract(text, "doc.md"), tables or [{}]).table


# ---- what is inferred


def test_a_bounded_sum_declares_its_bound_and_its_entries() -> None:
    assert inferred("$$\\frac{1}{n}\\sum_{i=1}^{n} (y_i - w x_i)^2 = L$$") == {
        "dims": {"n": "positive integer"}, "vectors": {"x": "n", "y": "n"}}


def test_bounds_written_either_way_and_greek_entries() -> None:
    assert inferred("$$\\sum^{N}_{k=1} \\alpha_k = 1$$") == {
        "dims": {"N": "positive integer"}, "vectors": {"alpha": "N"}}


def test_a_decorated_letter_is_a_name_of_its_own() -> None:
    text = "$$\\text{MSE} = \\frac{1}{n}\\sum_{i=1}^{n} (y_i - \\hat{y}_i)^2$$"
    assert inferred(text)["vectors"] == {"y": "n", "yhat": "n"}
    # \hat{y} written alone elsewhere: not a vector; y still is
    text = "$$\\hat{y} = wx$$\n\n$$\\sum_{i=1}^{n} (y_i - \\hat{y}_i)^2 = 0$$"
    assert inferred(text)["vectors"] == {"y": "n"}
    assert inferred("$$\\sum_{i=1}^{n} \\bar x_i = \\tilde{w}_1$$")["vectors"] == {"xbar": "n"}


def test_a_numeric_bound_is_an_explicit_length() -> None:
    assert inferred("$$\\sum_{i=1}^{3} x_i^2 \\ge 0$$") == {"vectors": {"x": 3}}


def test_a_sum_over_all_entries_takes_a_size_the_page_does_not_write() -> None:
    got = inferred("$$p_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}$$")
    assert got == {"dims": {"n": "positive integer"}, "vectors": {"z": "n"}}
    # n is written on the page: another letter
    got = inferred("$$p_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}} + n$$")
    assert got["vectors"] == {"z": "m"}


@pytest.mark.parametrize("text, why", [
    ("$$\\sum_{i=1}^{n} x_i = x \\cdot n$$", "x written alone"),
    ("$$\\sum_{i=1}^{n} x_i = 1$$\n\nand $$x^2 = 4$$", "x alone in another display"),
    ("$$\\sum_{i=1}^{n} x_{ij} = 1$$", "two indices"),
    ("$$\\sum_{i=1}^{n} x_i^{(t)} = 1$$", "a label"),
    ("$$x_i = 2i$$\n\n$$\\sum_{i=1}^{n} x_i = n(n+1)$$", "x_i defined"),
    ("$$L = \\sum_{i=1}^{n} x_i \\quad \\text{where } x_i = 2$$", "defined in a where clause"),
    ("Let $x_i = i^2$.\n\n$$\\sum_{i=1}^{n} x_i = 1$$", "defined in the prose"),
    ("$$\\sum_{i=1}^{n} x_i + \\sum_{i=1}^{m} x_i = 1$$", "two bounds"),
    ("$$\\sum_{i=0}^{n} x_i = 1$$", "a sum from 0"),
    ("$$\\sum_i x_i = x_1 + x_2 + x_3$$", "entries at numbers, no bound"),
    ("$$\\sum_{i=1}^{n} \\delta_i = 1$$", "Kronecker's delta"),
    ("$$\\sum_{i=1}^{n} e_i = 1$$", "Euler's e"),
])
def test_nothing_inferred_where_the_page_may_mean_otherwise(text: str, why: str) -> None:
    assert "x" not in inferred(text).get("vectors", {}), why
    assert not {"delta", "e"} & set(inferred(text).get("vectors", {})), why


def test_a_declared_letter_is_never_inferred() -> None:
    text = "$$\\sum_{i=1}^{n} x_i = 1$$"
    assert inferred(text, [{"symbols": {"x": "real"}}]).get("vectors", {}) == {}
    assert inferred(text, [{}, {"latex": {"x_i": "xi"}}]).get("vectors", {}) == {}
    # a size declared elsewhere is used, not declared again
    assert inferred(text, [{"dims": {"n": "positive integer"}}]) == {"vectors": {"x": "n"}}


def test_vectors_the_page_does_not_tie_get_lengths_of_their_own() -> None:
    got = inferred("$$\\sum_i (x_i - x_i + 1) = \\sum_j (y_j - y_j + 1)$$")
    assert got["vectors"]["x"] != got["vectors"]["y"]
    # tied at one free index (∂L/∂z_i = p_i − y_i), or in one sum's term: one length
    got = inferred("$$p_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}$$\n\nand $L = -\\sum_k y_k "
                   "\\log p_k$.\n\n$$\\frac{\\partial L}{\\partial z_i} = p_i - y_i$$")
    assert got["vectors"] == {"y": "n", "z": "n"}
    assert inferred("$$\\sum_i x_i y_i = 1$$")["vectors"] == {"x": "n", "y": "n"}


def test_a_letter_tied_to_a_vector_of_a_written_length_takes_it() -> None:
    got = inferred("$$\\bar{x} = \\frac{1}{n}\\sum_{i=1}^{n} x_i$$\n\n$$\\sum_k (x_k - w_k)^2 "
                   "\\ge 0$$\n\n$$\\sum_k (w_k + 1) = \\sum_k w_k + n$$")
    assert got["vectors"] == {"x": "n", "w": "n"}
    # two chains on two rows of one display tie nothing
    got = inferred("$$\\frac{\\partial}{\\partial a_i}\\sum_k a_k^2 = 2a_i \\\\ "
                   "\\frac{\\partial}{\\partial b_i}\\sum_k b_k^3 = 3b_i^2$$")
    assert got["vectors"]["a"] != got["vectors"]["b"]


def test_a_sum_term_runs_past_commands_to_a_sign() -> None:
    # (\\cdot, \\log inside the term: it ends at + − = or a row, not at a command)
    got = inferred("$$\\sum_i x_i \\cdot w_i = 1$$\n\n$$\\sum_j u_j \\log v_j = 0$$")
    assert got["vectors"]["x"] == got["vectors"]["w"] and got["vectors"]["u"] == got["vectors"]["v"]
    assert got["vectors"]["x"] != got["vectors"]["u"]


def test_an_unnamed_size_is_no_letter_the_declarations_use() -> None:
    got = inferred("$$\\sum_j (z_j - z_j) = 1$$", [{"given": ["n < 0"]}])
    assert got["vectors"]["z"] not in ("n", "")


@pytest.mark.parametrize("prose", [
    "The weight matrices $W_1 \\in \\mathbb{R}^{3 \\times 2}$ and $W_2$ are composed:",
    "The $W_k$ are $2 \\times 2$ matrices.",
])
def test_prose_that_says_what_a_letter_is_keeps_it_undeclared(prose: str) -> None:
    assert "W" not in inferred(prose + "\n\n$$\\prod_{k=1}^{2} W_k = W_2 W_1$$").get("vectors", {})


def test_a_count_the_prose_lets_be_zero_is_no_size() -> None:
    text = "Let $n$ be a nonnegative integer.\n\n$$\\prod_{i=1}^{n} 0 = 0$$"
    assert "n" not in inferred(text).get("dims", {})


@pytest.mark.parametrize("text, letter", [
    ("$$n = 10$$\n\n$$\\sum_{i=1}^{n} i = 55$$", "n"),  # n defined
    ("$$\\sum_{i=1}^{n} i = n_0$$", "n"),  # n with a subscript
    ("$$m_t = \\sum_{i=1}^{t} g_i$$", "t"),  # t a step of a sequence (written at an index)
    ("$$\\sum_{i=1}^{n} \\sum_{k=1}^{i} k = 1$$", "i"),  # i a sum's index (n is a size)
])
def test_a_bound_that_is_something_else_is_no_size(text: str, letter: str) -> None:
    assert letter not in inferred(text).get("dims", {})


# ---- verdicts on pages with no declaration block


def test_sums_with_no_declarations_are_checked(tmp_path: Path) -> None:
    verdicts, errors, notes = run(tmp_path, (
        "$$\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}$$\n\n"
        "$$\\sum_{i=1}^{n} (x_i + 1) = n + \\sum_{i=1}^{n} x_i$$\n\n"
        "$$\\frac{\\partial}{\\partial w} \\frac{1}{n}\\sum_{i=1}^{n} (y_i - w x_i)^2 "
        "= -\\frac{2}{n}\\sum_{i=1}^{n} x_i (y_i - w x_i)$$\n\n"
        "$$\\frac{\\partial}{\\partial w} \\frac{1}{n}\\sum_{i=1}^{n} (y_i - w x_i)^2 "
        "= -\\frac{1}{n}\\sum_{i=1}^{n} x_i (y_i - w x_i)$$\n"))
    assert errors == []
    assert verdicts == [Verdict.PROVED, Verdict.PROVED, Verdict.PROVED, Verdict.REFUTED]
    assert "n as a size (a positive integer)" in notes[0]
    assert "x as a vector of length n" in notes[1] and "lines 1, 3" in notes[1]
    assert "y as a vector of length n" in notes[3]


def test_the_softmax_jacobian_with_no_declarations(tmp_path: Path) -> None:
    verdicts, errors, notes = run(tmp_path, (
        "$$p_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}$$\n\n"
        "$$\\frac{\\partial p_i}{\\partial z_i} = p_i(1 - p_i)$$\n\n"
        "$$\\frac{\\partial p_i}{\\partial z_j} = -p_i p_j \\quad (i \\neq j)$$\n\n"
        "$$\\frac{\\partial p_i}{\\partial z_j} = p_i p_j \\quad (i \\neq j)$$\n"))
    assert errors == []
    assert verdicts == [Verdict.PROVED, Verdict.PROVED, Verdict.REFUTED]
    assert "the page writes no bound" in notes[2]


def test_a_decorated_prediction_with_no_declarations(tmp_path: Path) -> None:
    verdicts, errors, notes = run(tmp_path, (
        "$$\\text{MSE} = \\frac{1}{n}\\sum_{i=1}^{n} (y_i - \\hat{y}_i)^2$$\n\n"
        "$$\\frac{\\partial \\text{MSE}}{\\partial \\hat{y}_j} = \\frac{2}{n}(\\hat{y}_j - y_j)$$\n\n"
        "$$\\frac{\\partial \\text{MSE}}{\\partial \\hat{y}_j} = \\frac{1}{n}(\\hat{y}_j - y_j)$$\n"))
    assert errors == [] and verdicts == [Verdict.PROVED, Verdict.REFUTED]
    assert "\\hat{y} as a vector of length n" in notes[0]


def test_a_numeric_bound_reads_the_entries(tmp_path: Path) -> None:
    verdicts, errors, _ = run(tmp_path, (
        "$$\\sum_{i=1}^{3} x_i = x_1 + x_2 + x_3$$\n\n"
        "$$\\sum_{i=1}^{3} x_i = x_1 + x_2$$\n"))
    assert errors == []
    assert verdicts == [Verdict.PROVED, Verdict.REFUTED]


def test_a_letter_written_alone_keeps_the_refusal(tmp_path: Path) -> None:
    verdicts, errors, _ = run(tmp_path, (
        "$$L = (y - wx)^2$$\n\n"
        "$$\\sum_{i=1}^{n} (y_i - w x_i)^2 = \\sum_{i=1}^{n} (w x_i - y_i)^2$$\n"))
    assert verdicts == []
    assert any("is not a declared vector" in e for e in errors)


def test_a_declaration_block_decides(tmp_path: Path) -> None:
    # the block says x has length 2: the sum's bound n is then not x's length
    verdicts, errors, _ = run(tmp_path, (
        "```derivcheck\nvectors = { x = 2 }\n```\n\n"
        "$$\\sum_{i=1}^{2} x_i = x_1 + x_2$$\n"))
    assert errors == [] and verdicts == [Verdict.PROVED]


def test_a_bar_letter_that_may_be_a_mean_leaves_a_refutation_unknown(tmp_path: Path) -> None:
    verdicts, errors, _ = run(tmp_path, (
        "$$\\sum_{i=1}^{n} (x_i - \\bar{x}) = 0$$\n\n"
        "$$\\sum_{i=1}^{n} (x_i - \\bar{x})^2 = \\sum_{i=1}^{n} x_i^2 - n\\bar{x}^2$$\n\n"
        "## The line of best fit\n\nIts intercept, rearranged:\n\n"
        "$$\\bar{y} = w\\bar{x} + b \\implies b = \\bar{y} + w\\bar{x}$$\n"))
    # true where x̄ is x's mean, false for another x̄: unknown; the implication, where x̄ and
    # ȳ are free either way, is refuted
    assert errors == [] and verdicts == [Verdict.UNKNOWN, Verdict.UNKNOWN, Verdict.REFUTED]
    verdicts, errors, _ = run(tmp_path, (
        "$$\\bar{x} = \\frac{1}{n}\\sum_{i=1}^{n} x_i$$\n\n"
        "$$\\sum_{i=1}^{n} (x_i - \\bar{x}) = 0$$\n\n"
        "$$\\sum_{i=1}^{n} (x_i - \\bar{x})^2 = \\sum_{i=1}^{n} x_i^2 - n\\bar{x}^2$$\n"))
    assert errors == [] and verdicts == [Verdict.PROVED, Verdict.PROVED]  # (defined: decided)


def test_a_sum_from_zero_or_to_n_minus_one_makes_n_a_size(tmp_path: Path) -> None:
    verdicts, errors, _ = run(tmp_path, (
        "$$\\sum_{k=0}^{n} r^k = \\frac{1 - r^{n+1}}{1 - r}$$\n\n"
        "$$\\sum_{k=0}^{n-1} k = \\frac{n(n-1)}{2}$$\n\n"
        "$$\\sum_{k=0}^{n} k = \\frac{n(n-1)}{2}$$\n"))
    assert errors == [] and verdicts == [Verdict.PROVED, Verdict.PROVED, Verdict.REFUTED]
    assert inferred("$$\\sum_{k=0}^{n} a_k = 1$$").get("vectors", {}) == {}  # (a_0: 0-based)


def test_the_error_says_why_a_letter_was_not_read_from_the_sums(tmp_path: Path) -> None:
    _, errors, _ = run(tmp_path, "$$L = (y - wx)^2$$\n\n"
                                 "$$\\sum_{i=1}^{n} (y_i - w x_i)^2 = 0$$\n")
    assert any("is not a declared vector" in e and "y is written alone near line 1" in e
               for e in errors)


def test_equations_the_prose_calls_normal_equations_are_to_be_solved(tmp_path: Path) -> None:
    verdicts, errors, notes = run(tmp_path, (
        "The two normal equations are\n\n"
        "$$\\sum_{i=1}^{n} y_i = w\\sum_{i=1}^{n} x_i + nb$$\n"))
    assert errors == [] and verdicts == [Verdict.UNKNOWN]  # (it was refuted as an identity)
    assert "y as a vector of length n" in notes[0]
