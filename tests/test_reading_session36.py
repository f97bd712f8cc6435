"""Reading documents (session 36): what a new user and two adversaries showed. Cases the prose
states on the page's own letters, assumptions that reach later displays, a chain's steps where
its first line is defined, what a page's sums declare (and what its prose says against it),
systems of equations, words that say a letter is not zero; diagnoses that do not guess."""

from __future__ import annotations

from pathlib import Path

import pytest
from recheck import checked_file, page_goals

from checker.model import CHAIN_DOMAIN, CheckKind
from checker.report.text import diagnosis_words
from checker.results import Verdict

P, R, U = Verdict.PROVED, Verdict.REFUTED, Verdict.UNKNOWN


def goals(tmp_path: Path, text: str) -> tuple[list[Verdict], list[str]]:
    verdicts, errors, _ = page_goals(tmp_path, text)
    return verdicts, errors


def steps(tmp_path: Path, text: str) -> list:
    """Every step's check result of the page (counterexamples re-checked)."""
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    report, errors = checked_file(path)
    assert errors == [], errors
    return [c for o in report.outcomes for c in o.checks  # type: ignore[attr-defined]
            if c.check.kind is CheckKind.STEP]


# ---- a case the prose states on a letter nothing declares


@pytest.mark.parametrize(("prose", "display", "want"), [
    ("If $x > 0$:", r"\sqrt{x^2} = x", P),
    ("For $x < 0$:", r"|x| = -x", P),
    ("For $x < 0$:", r"|x| = x", R),  # refuted on its own side (re-checked: x < 0)
    ("Let $x > 0$.", r"\sqrt{x^2} = x", P),  # an assumption, with its period
    ("Suppose that $t \\geq 1$. Then", r"\sqrt{(t - 1)^2} = t - 1", P),
    ("Let $a, b \\geq 0$. Then", r"a^2 + b^2 \geq 3ab", R),  # a ≥ 0 and b ≥ 0, both
    ("Let $a, b > 0$. Then", r"\sqrt{a^2 b^2} = ab", P),
    ("Let $\\lambda > 0$. Then", r"\sqrt{\lambda^2} = \lambda", P),
])
def test_a_case_on_the_pages_own_letter_is_read(tmp_path: Path, prose: str, display: str,
                                                want: Verdict) -> None:
    verdicts, errors = goals(tmp_path, f"# P\n\n{prose}\n\n$${display}$$\n")
    assert (verdicts, errors) == ([want], []), (verdicts, errors)


def test_a_case_not_on_a_letter_of_its_own_is_not_read(tmp_path: Path) -> None:
    """A case on a vector (declared) is no number's: refused as before, never a wrong given."""
    text = ('```derivcheck\nvectors = { x = 3 }\n```\n\nLet $x > 0$. Then\n\n'
            '$$x^T x = x_1^2 + x_2^2 + x_3^2$$\n')
    verdicts, errors = goals(tmp_path, text)
    assert R not in verdicts, (verdicts, errors)


def test_an_assumption_reaches_the_later_displays_of_its_section(tmp_path: Path) -> None:
    """"Let $a, b \\ge 0$." is the first display's case; the later displays are under it too
    (not read there): refuted only at a point where it holds."""
    page = ("# AM-GM\n\nLet $a, b \\geq 0$. Then\n\n$$a^2 + b^2 \\geq 2ab$$\n\nHence\n\n"
            "$$\\frac{a+b}{2} \\geq \\sqrt{ab}$$\n\nand so\n\n$$a + b \\geq 2\\sqrt{ab}$$\n")
    verdicts, errors = goals(tmp_path, page)
    assert errors == [] and verdicts[0] is P and R not in verdicts, (verdicts, errors)
    # with b free, the page's claim is false where a ≥ 0 holds (a = 0, b < 0): refuted there
    verdicts, errors = goals(tmp_path, page.replace("$a, b \\geq 0$", "$a \\geq 0$"))
    assert errors == [] and verdicts[0] is P and verdicts[2] is R, (verdicts, errors)


def test_a_later_case_on_the_same_letter_replaces_the_assumption(tmp_path: Path) -> None:
    page = ("# P\n\nLet $x > 0$. Then\n\n$$\\sqrt{x^2} = x$$\n\nNow let $x < 0$. Then\n\n"
            "$$\\sqrt{x^2} = -x$$\n")
    assert goals(tmp_path, page) == ([P, P], [])


# ---- a chain's step holds where the lines it goes on from are defined


@pytest.mark.parametrize("display", [
    r"\frac{d}{dx}\log x = \frac{1}{x} = \frac{1}{|x|}",
    r"\frac{d}{dp}\left(-p\log p - (1-p)\log(1-p)\right) = \log\frac{1-p}{p} "
    r"= \log|1-p| - \log|p|",
])
def test_a_step_is_checked_where_the_chain_is_defined(tmp_path: Path, display: str) -> None:
    found = steps(tmp_path, f"# D\n\n$${display}$$\n")
    assert all(c.result.verdict is P for c in found), [(c.check.step, c.result.verdict)
                                                       for c in found]
    assert any(CHAIN_DOMAIN in c.check.claim.note for c in found)


def test_the_entropys_second_derivative_is_negative(tmp_path: Path) -> None:
    page = ("# H\n\n$$H(p) = -p\\log p - (1-p)\\log(1-p)$$\n\n"
            "$$H''(p) = -\\frac{1}{p} - \\frac{1}{1-p} = -\\frac{1}{p(1-p)} < 0$$\n")
    found = steps(tmp_path, page)
    assert found and all(c.result.verdict is P for c in found), [
        (c.check.step, c.result.verdict) for c in found]


def test_a_step_wrong_where_the_chain_is_defined_is_still_refuted(tmp_path: Path) -> None:
    found = steps(tmp_path, "# D\n\n$$\\frac{d}{dx}\\log x = \\frac{1}{x} = \\frac{1}{2x}$$\n")
    refuted = [c for c in found if c.result.verdict is R]
    assert len(refuted) == 1 and refuted[0].check.step == 3
    point = {str(s): v for s, v in refuted[0].result.counterexample.point}
    assert point["x"] > 0


# ---- what a page's sums declare, and what its prose says against it


@pytest.mark.parametrize("prose", [
    "The inputs $x_i$ are vectors.",
    "Each input $x_i$ is $d$-dimensional.",
    "Let $x_i$ denote the $i$-th input vector.",
    "Each $x_i$ has three components.",
    "The points $x_i$ live in $\\mathbb{R}^3$.",
    "The points $x_i$ lie in the plane.",
])
def test_entries_said_to_be_vectors_are_not_read_as_numbers(tmp_path: Path, prose: str) -> None:
    """Read as numbers, Σ_i Σ_j (x_i·x_j)² = (Σ_i |x_i|²)² was proved; for vectors it is false."""
    page = (f"# G\n\n{prose}\n\n$$\\sum_{{i=1}}^{{n}} \\sum_{{j=1}}^{{n}} (x_i x_j)^2 = "
            "\\left(\\sum_{i=1}^{n} x_i^2\\right)^2$$\n")
    verdicts, errors = goals(tmp_path, page)
    assert P not in verdicts and errors, (verdicts, errors)


def test_a_vector_said_whole_is_still_read(tmp_path: Path) -> None:
    page = ("# V\n\nLet $x$ be a vector of length $n$.\n\n"
            "$$\\sum_{i=1}^{n} x_i^2 = \\sum_{i=1}^{n} x_i x_i$$\n")
    assert goals(tmp_path, page) == ([P], [])


@pytest.mark.parametrize("prose", ["For non-integer $n$,", "Let $n$ be a real number.",
                                   "Here $n$ is real, not necessarily an integer.",
                                   "Now let $n$ be any positive number.",
                                   "For any $n > 0$ (not only whole numbers),"])
def test_a_size_the_prose_says_is_real_is_not_a_size(tmp_path: Path, prose: str) -> None:
    page = (f"# Part\n\n$$m = \\frac{{1}}{{n}} \\sum_{{i=1}}^{{n}} x_i$$\n\n{prose}\n\n"
            "$$\\cos(2 \\pi n) = 1$$\n")
    verdicts, _ = goals(tmp_path, page)
    assert P not in verdicts, verdicts


def test_a_size_in_one_problem_is_not_one_in_the_next(tmp_path: Path) -> None:
    page = ("# Homework 3\n\n## Problem 1\n\n$$\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}$$\n\n"
            "## Problem 2\n\nFor the noise level $n$:\n\n$$\\sqrt{n^2} = n$$\n")
    verdicts, errors = goals(tmp_path, page)  # (session 38: each problem as its own prose
    assert (verdicts, errors) == ([P, R], []), (verdicts, errors)  # and sums say)
    # each problem on its own sums: read in each
    two = page.replace("For the noise level $n$:\n\n$$\\sqrt{n^2} = n$$",
                       "$$\\sum_{i=1}^{n} 2i = n(n+1)$$")
    assert goals(tmp_path, two) == ([P, P], [])


@pytest.mark.parametrize("display", [
    r"\prod_{k=1}^{n} 0 = 0 \quad \text{for } n \geq 0",
    r"\prod_{k=1}^{n} 0 = 0 \quad (n \geq 0)",
])
def test_a_condition_that_lets_the_bound_be_zero(tmp_path: Path, display: str) -> None:
    """At n = 0 the empty product is 1: the proof for n ≥ 1 does not cover the line."""
    verdicts, _ = goals(tmp_path, f"# E\n\n$${display}$$\n")
    assert P not in verdicts, verdicts


@pytest.mark.parametrize("page", [
    "# S\n\n$$\\sum_{i=1}^{n} x^2_i = \\sum_{i=1}^{n} x_i x_i$$\n",
    "# M\n\nThe samples $x_1, \\dots, x_n$ are real numbers.\n\n"
    "$$\\frac{d}{d\\mu} \\sum_{i=1}^{n} (x_i - \\mu)^2 = -2 \\sum_{i=1}^{n} (x_i - \\mu)$$\n",
])
def test_sums_written_as_people_write_them_are_read(tmp_path: Path, page: str) -> None:
    assert goals(tmp_path, page) == ([P], [])


# ---- equations to solve, and letters the prose says are not zero


@pytest.mark.parametrize("prose", ["Solve the system:", "We have two equations:",
                                   "The stationary point satisfies"])
def test_a_systems_equations_are_not_refuted_as_identities(tmp_path: Path, prose: str) -> None:
    verdicts, _ = goals(tmp_path, f"# S\n\n{prose}\n\n$$x + y = 3$$\n\nand\n\n$$x - y = 1$$\n")
    assert R not in verdicts, verdicts


@pytest.mark.parametrize("prose", [
    "Since $a$ never vanishes,", "We know $a$ is different from zero, so",
    "The step size $a$ cannot be zero, so", "Recall that the constant $a$ is not $0$. Then",
    "The learning rate $a$ is never zero, so",
])
def test_a_letter_said_not_to_be_zero(tmp_path: Path, prose: str) -> None:
    """Refuted at a = 0 before: the words are not read, so a refutation is unknown."""
    verdicts, _ = goals(tmp_path, f"# I\n\n{prose}\n\n$$a x = a \\Rightarrow x = 1$$\n")
    assert R not in verdicts, verdicts


def test_an_assumed_condition_covers_an_implication(tmp_path: Path) -> None:
    page = "# I\n\nAssume $a \\neq 0$.\n\n$$a x = a y \\implies x = y$$\n"
    assert goals(tmp_path, page) == ([P], [])


# ---- diagnoses that do not guess


def _diagnosed(tmp_path: Path, display: str) -> object:
    found = steps(tmp_path, '```derivcheck\nsymbols = { x = "real" }\n```\n\n'
                  f"$${display}$$\n")
    refuted = [c for c in found if c.result.verdict is R]
    assert refuted, display
    return refuted[0]


@pytest.mark.parametrize("display", [
    r"\frac{d}{dx}(2x + 1)^3 = 3(2x + 1)^2 \cdot 3",
    r"\frac{d}{dx}(3x + 1)^2 = 2(3x + 1) \cdot 2",
])
def test_a_scale_with_two_constants_points_at_neither(tmp_path: Path, display: str) -> None:
    cr = _diagnosed(tmp_path, display)
    d = cr.result.diagnosis
    assert d is not None and d.kind == "scale" and "times the previous one" in d.detail
    assert "should be" not in d.detail and (d.location is None or d.location.whole)


def test_a_scale_with_one_constant_points_at_it(tmp_path: Path) -> None:
    d = _diagnosed(tmp_path, r"\frac{d}{dx} 3x^2 = 3x").result.diagnosis
    assert d is not None and d.kind == "scale" and "the constant 3 should be 6" in d.detail


def test_an_exponentials_sign_slip_is_no_reciprocal(tmp_path: Path) -> None:
    d = _diagnosed(tmp_path, r"\frac{d}{dx}e^{-x} = -e^{x}").result.diagnosis
    assert d is None or d.kind != "reciprocal", d


def test_a_flipped_fraction_is_offered_the_right_way_up(tmp_path: Path) -> None:
    d = _diagnosed(tmp_path, r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = "
                   r"\frac{e^{x} + e^{-x}}{e^{x} - e^{-x}}").result.diagnosis
    assert d is not None and d.kind == "reciprocal"
    assert d.corrected == r"\frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}", d.corrected


def test_after_a_wrong_step_the_change_is_said_against_that_line(tmp_path: Path) -> None:
    """The change is a new slip, not one that undoes step 2's: nothing says "right again"."""
    cr = _diagnosed(tmp_path, r"\frac{d}{dx}x^2 e^{x} = 2x e^{x} - x^2 e^{x} = "
                    r"2x e^{x} - x^3 e^{x}")
    found = steps(tmp_path, '```derivcheck\nsymbols = { x = "real" }\n```\n\n'
                  r"$$\frac{d}{dx}x^2 e^{x} = 2x e^{x} - x^2 e^{x} = 2x e^{x} - x^3 e^{x}$$"
                  "\n")
    third = next(c for c in found if c.check.step == 3)
    assert cr is not None and third.result.verdict is R
    words = diagnosis_words(third)
    if words is not None:
        what, _, meant = words
        assert "right again" not in meant and "which is wrong itself" in what, words


# ---- from a new user's pages


SOFTMAX_CE = ("## Softmax cross-entropy gradient\n\nBLOCK"
              "Let $\\hat{y}_i = \\frac{e^{z_i}}{\\sum_{k=1}^{K} e^{z_k}}$ and "
              "$L = -\\sum_{i=1}^{K} y_i \\log \\hat{y}_i$, where $y$ is one-hot, so "
              "$\\sum_i y_i = 1$.\n\nFirst the softmax Jacobian:\n\n"
              "$$\\frac{\\partial \\hat{y}_i}{\\partial z_j} = \\hat{y}_i(\\delta_{ij} - \\hat{y}_j)$$"
              "\n\nThen\n\n$$\\begin{aligned}\n"
              "\\frac{\\partial L}{\\partial z_j} &= -\\sum_{i=1}^{K} \\frac{y_i}{\\hat{y}_i} "
              "\\frac{\\partial \\hat{y}_i}{\\partial z_j} \\\\\n"
              "&= -\\sum_{i=1}^{K} y_i (\\delta_{ij} - \\hat{y}_j) \\\\\n"
              "&= -y_j + \\hat{y}_j \\sum_{i=1}^{K} y_i \\\\\n"
              "&= \\hat{y}_j - y_j\n\\end{aligned}$$\n")


def test_words_about_y_do_not_reach_a_display_of_yhat(tmp_path: Path) -> None:
    """ŷ is a name of its own: "y is one-hot" left the Jacobian (no y in it) unknown."""
    verdicts, errors = goals(tmp_path, SOFTMAX_CE.replace("BLOCK", ""))
    assert errors == [] and verdicts == [P, U], (verdicts, errors)


def test_a_given_that_sums_a_letter_leaves_it_a_vector(tmp_path: Path) -> None:
    """given = ["sum(y) == 1"] made y a number (given: y = 1), and the page's sums no longer
    declared it a vector."""
    block = '```derivcheck\ngiven = ["sum(y) == 1"]\n```\n\n'
    verdicts, errors = goals(tmp_path, SOFTMAX_CE.replace("BLOCK", block))
    assert errors == [] and verdicts == [P, P], (verdicts, errors)


@pytest.mark.parametrize(("display", "want"), [
    (r"\frac{d_k}{d_k} = 1", P),
    (r"\frac{d}{da} \frac{a^2}{\sqrt{d_k}} = \frac{2a}{\sqrt{d_k}}", P),
    (r"\frac{d}{dx}\left(½ x^2\right) = x", P),
    (r"\frac{d}{dx} ½ x^2 = 2x", R),
])
def test_names_and_characters_as_typed(tmp_path: Path, display: str, want: Verdict) -> None:
    block = '```derivcheck\nsymbols = { d_k = "positive", a = "real", x = "real" }\n```\n\n'
    assert goals(tmp_path, f"{block}$${display}$$\n") == ([want], [])


def test_a_case_in_brackets_at_the_end_of_the_sentence(tmp_path: Path) -> None:
    page = ("# A\n\nThe derivative of the absolute value (for $x \\neq 0$):\n\n"
            "$$\\frac{d}{dx}|x| = \\frac{x}{|x|}$$\n")
    assert goals(tmp_path, page) == ([P], [])


def test_a_condition_the_words_exclude_is_advised_the_other_way(tmp_path: Path) -> None:
    page = "# L1\n\nFor an L1 penalty, away from $w = 0$,\n\n$$\\frac{d}{dw} |w| = 1$$\n"
    verdicts, errors = goals(tmp_path, page)
    assert R not in verdicts and errors and "w \\neq 0" in errors[0], (verdicts, errors)


def test_prose_of_one_section_does_not_reach_the_next(tmp_path: Path) -> None:
    """"which vanishes at $p = 1/2$, where $H(1/2) = \\log 2$" under ## Entropy refused the
    displays of ## KL and ## VAE (and \\log 2, the number, was read as a base-2 logarithm)."""
    page = ("# A\n\n## Entropy\n\n$$H(p) = -p\\log p - (1-p)\\log(1-p)$$\n\n"
            "which vanishes at $p = 1/2$, where $H(1/2) = \\log 2$.\n\n## Odds\n\n"
            "$$\\log\\frac{p}{1-p} = \\log p - \\log(1-p)$$\n\n## VAE\n\n"
            "$$-\\log s + \\frac{s^2}{2} = \\frac{1}{2}\\left(s^2 - \\log s^2\\right)$$\n")
    verdicts, errors = goals(tmp_path, page)
    assert errors == [] and verdicts[-2:] == [P, P], (verdicts, errors)


LOGISTIC = ("# Logistic regression\n\nThe model predicts\n\n$$\\hat{y}_i = \\sigma(w x_i)$$\n\n"
            "and the loss is\n\n$$L = -\\sum_{i=1}^{n} \\left[ y_i \\log \\hat{y}_i + (1 - y_i) "
            "\\log(1 - \\hat{y}_i) \\right]$$\n\nDifferentiating,\n\n$$\\begin{aligned}\n"
            "\\frac{dL}{dw} &= -\\sum_{i=1}^{n} \\left[ y_i (1 - \\hat{y}_i) x_i - (1 - y_i) "
            "\\hat{y}_i x_i \\right] \\\\\n&= -\\sum_{i=1}^{n} (y_i - \\hat{y}_i) x_i \\\\\n"
            "&= SIGN\\sum_{i=1}^{n} (y_i - \\hat{y}_i) x_i\n\\end{aligned}$$\n")


def test_a_family_that_writes_a_letter_of_the_pages_own(tmp_path: Path) -> None:
    """ŷ_i = σ(w x_i) with w declared nowhere was refused ("defined at its own index"), and
    the whole page with it; w is a letter of the page's own, which each member checks."""
    verdicts, errors = goals(tmp_path, LOGISTIC.replace("SIGN", "-"))
    assert errors == [] and verdicts == [P], (verdicts, errors)
    found = steps(tmp_path, LOGISTIC.replace("SIGN", ""))  # the sign dropped: at its line
    assert [c.check.step for c in found if c.result.verdict is R] == [4]


def test_a_familys_letter_is_not_captured(tmp_path: Path) -> None:
    page = ("# C\n\n$$\\hat{y}_i = \\sigma(w x_i)$$\n\n"
            "$$\\sum_{w=1}^{n} \\hat{y}_w = \\sum_{k=1}^{n} \\sigma(w x_k)$$\n\nLet\n\n$$w = 2$$\n\n"
            "$$\\hat{y}_1 = \\sigma(2 x_1)$$\n")
    verdicts, errors = goals(tmp_path, page)
    assert P not in verdicts and R not in verdicts and len(errors) == 3, (verdicts, errors)
    assert "a sum's index" in errors[0], errors


@pytest.mark.parametrize(("display", "part"), [
    (r"y x + (y + 1)^2 = y x - (y + 1)^2", "(y + 1)^2"),
    (r"y x + (1 - y) z = y x - (1 - y) z", "(1 - y) z"),
    (r"-y(1 - \sigma(z)) + (1 - y)\sigma(z) = -y(1 - \sigma(z)) - (1 - y)\sigma(z)",
     r"(1 - y)\sigma(z)"),
])
def test_a_term_written_from_a_bracket_is_located(tmp_path: Path, display: str,
                                                  part: str) -> None:
    """The binary cross-entropy's sign slip: the term was not located (the whole line), and the
    corrected line re-rendered its brackets (\\left(1 - y\\right))."""
    found = steps(tmp_path, '```derivcheck\nsymbols = { x = "real", y = "real", z = "real" }\n'
                  f"```\n\n$${display}$$\n")
    d = next(c for c in found if c.result.verdict is R).result.diagnosis
    assert d is not None and d.kind == "sign" and d.location is not None
    assert d.location.part == part and "\\left" not in d.corrected, d


# ---- shapes the page states, read as declarations


RIDGE_PAGE = ("# Least squares\n\nLet $X \\in \\mathbb{R}^{n \\times d}$, $w \\in \\mathbb{R}^d$ and "
              "$y \\in \\mathbb{R}^n$.\n\n$$\\nabla_w \\|Xw - y\\|^2 = 2X^T(Xw - y)$$\n\n"
              "$$\\nabla_w \\|Xw - y\\|^2 = 2X(Xw - y)$$\n\n"
              "$$\\frac{d}{dw} \\left(w^T w\\right) = 2w$$\n")


def test_shapes_the_page_states_are_declarations(tmp_path: Path) -> None:
    """X ∈ ℝ^{n×d} was refused where X was used ("declare it"); it says what a block would."""
    path = tmp_path / "doc.md"
    path.write_text(RIDGE_PAGE, encoding="utf-8")
    report, errors = checked_file(path)
    goals = [c for o in report.outcomes for c in o.checks  # type: ignore[attr-defined]
             if c.check.kind is CheckKind.GOAL]
    assert errors == [] and [c.result.verdict for c in goals] == [P, R, P]


@pytest.mark.parametrize("said", [
    "Let $X \\in \\mathbb{R}^{n \\times d}$ and $X \\in \\mathbb{R}^{d \\times n}$.",  # two shapes
    "Let $X \\in \\mathbb{R}^{n+1 \\times d}$.",  # a size that is no letter
    "Let $X \\in \\mathbb{R}^{n \\times d}$ for $n \\geq 0$.",  # a size that may be 0
])
def test_a_shape_that_cannot_be_read_stays_refused(tmp_path: Path, said: str) -> None:
    verdicts, errors = goals(tmp_path, f"# A\n\n{said}\n\n$$(X^T)^T = X$$\n")
    assert P not in verdicts and R not in verdicts and errors, (verdicts, errors)


def test_a_notation_section_holds_for_the_parts_after_it(tmp_path: Path) -> None:
    page = ("# Notation\n\nLet $w \\in \\mathbb{R}^{3}$.\n\n# Problem\n\n"
            "$$w^T w = w_1^2 + w_2^2 + w_3^2$$\n\n$$w^T w = w_1^2$$\n")
    verdicts, errors = goals(tmp_path, page)
    assert errors == [] and verdicts == [P, R], (verdicts, errors)


def test_a_bold_vector_beside_a_plain_number_is_not_declared(tmp_path: Path) -> None:
    page = ("# B\n\nLet $\\mathbf{x} \\in \\mathbb{R}^{3}$.\n\n$$\\sigma'(x) = \\sigma(x)(1 - "
            "\\sigma(x))$$\n")
    verdicts, errors = goals(tmp_path, page)
    assert verdicts == [P] and errors == [], (verdicts, errors)


# ---- a second adversary of this session's readings


def test_a_problems_assumption_reaches_its_lettered_parts(tmp_path: Path) -> None:
    page = ("# Problem 1\n\nLet $x > 0$.\n\n**(a)** Show that\n\n$$\\sqrt{x^2} = x$$\n\n"
            "**(b)** Show that\n\n$$|x| + x = 2x$$\n\n## (c)\n\n$$|x| = x$$\n")
    verdicts, _ = goals(tmp_path, page)
    assert R not in verdicts, verdicts


def test_what_follows_from_a_system_is_not_an_identity(tmp_path: Path) -> None:
    page = ("# B\n\nSolve the system\n\n$$p + q = 3$$\n\nand\n\n$$p - q = 1$$\n\nHence\n\n"
            "$$p^2 + q^2 = 5$$\n")
    verdicts, _ = goals(tmp_path, page)
    assert R not in verdicts, verdicts


def test_an_identity_a_function_satisfies_is_checked(tmp_path: Path) -> None:
    page = "# S\n\nThe sigmoid satisfies\n\n$$\\sigma'(z) = \\sigma(z)(1 + \\sigma(z))$$\n"
    assert goals(tmp_path, page) == ([R], [])


def test_a_family_given_a_value_of_its_own_is_contested_after(tmp_path: Path) -> None:
    page = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { q = "n" }\n```\n\n'
            "$$u_i = a q_i$$\n\n$$u = q$$\n\n$$u_1 = q_1$$\n")
    verdicts, errors = goals(tmp_path, page)
    assert P not in verdicts and R not in verdicts and len(errors) == 2, (verdicts, errors)


@pytest.mark.parametrize("page", [
    "# A\n\n$$u = x - 3$$\n\nIf $u > 0$:\n\n$$|x - 3| = x - 3$$\n",
    "# B\n\n$$u = x - 3$$\n\nAssume $u > 0$.\n\n$$\\frac{d}{dx} x^2 = 2x$$\n\nNext:\n\n$$|x| = x$$\n",
    "# B\n\nLet $u = x - 3$ and consider the following.\n\nAssume $u > 0$.\n\n"
    "$$\\frac{d}{dx} x^2 = 2x$$\n\nNext:\n\n$$|x| = x$$\n",
])
def test_a_condition_on_a_name_defined_from_the_displays_letters(tmp_path: Path,
                                                                page: str) -> None:
    """u = x − 3, then "If $u > 0$:": the case is on x too (it was dropped, and |x − 3| = x − 3
    refuted at x = 0, where u < 0)."""
    verdicts, _ = goals(tmp_path, page)
    assert R not in verdicts, verdicts


# ---- a third adversary: what the page states of a shape, read only where it is stated


@pytest.mark.parametrize("display", [
    r"\nabla_x \|x\| = \operatorname{sign}(x) \quad \text{for all } x \in \mathbb{R}^n",
    r"\nabla_x \|x\| = \operatorname{sign}(x) \quad \text{for } x \in \mathbb{R}^n",
])
def test_a_shape_in_the_displays_own_condition(tmp_path: Path, display: str) -> None:
    """x ∈ ℝⁿ after \\text{for all}: read as a product's last letter, and so ignored; x was a
    number and sign(x) proved the gradient of ‖x‖."""
    verdicts, _ = goals(tmp_path, f"# G\n\n$${display}$$\n")
    assert P not in verdicts, verdicts


@pytest.mark.parametrize("page", [
    # a shape in one problem, a number in the next
    "# Homework\n\n## Problem 1\n\nLet $w \\in \\mathbb{R}^n$.\n\n$$\\|w\\|^2 = w^T w$$\n\n"
    "## Problem 2\n\nThe refractive index $n$ of the medium and the weight $w$ of the lens.\n\n"
    "$$\\sin(\\pi n) w = 0$$\n",
    "# Problem 1\n\nLet $x \\in \\mathbb{R}^n$.\n\n$$\\|x\\|^2 = x^T x$$\n\n# Problem 2\n\n"
    "Let $x \\in \\mathbb{R}$.\n\n$$\\frac{d}{dx} e^{x} = e^{x}$$\n",
    # a hypothetical sentence
    "# H\n\nIf we had $x \\in \\mathbb{R}^n$ the rule below would need a Jacobian, but here $x$ "
    "is a scalar.\n\n$$\\frac{d}{dx} e^{3x} = 3 e^{3x}$$\n",
    # a hypothesis in the sentence of the shape, not read with it
    "# S\n\nLet $S \\in \\mathbb{R}^{n \\times n}$ with $S^T = -S$, and $x \\in \\mathbb{R}^n$.\n\n"
    "$$x^T S x = 0$$\n",
    "# Q\n\nLet $Q \\in \\mathbb{R}^{n \\times n}$ with $Q^T Q = I$ and $x \\in \\mathbb{R}^n$.\n\n"
    "$$\\|Q x\\|^2 = \\|x\\|^2$$\n",
])
def test_a_shape_not_stated_for_the_display_decides_nothing(tmp_path: Path, page: str) -> None:
    verdicts, _ = goals(tmp_path, page)  # (the last display: the one without the shape)
    assert R not in verdicts and not (verdicts[-1:] == [P] and "refractive" in page), verdicts


def test_a_bold_greek_vector_beside_the_plain_angle(tmp_path: Path) -> None:
    page = ("# Notation\n\nLet $\\boldsymbol{\\theta} \\in \\mathbb{R}^p$ be the parameters.\n\n"
            "# Model\n\n$$\\nabla_{\\boldsymbol{\\theta}} \\|\\boldsymbol{\\theta}\\|^2 = "
            "2\\boldsymbol{\\theta}$$\n\n# Trigonometry\n\nHere $\\theta$ is an angle.\n\n"
            "$$\\frac{d}{d\\theta} \\sin\\theta = \\cos\\theta$$\n")
    verdicts, errors = goals(tmp_path, page)
    assert verdicts == [P, P] and errors == [], (verdicts, errors)


@pytest.mark.parametrize(("said", "display"), [
    ("Let $w \\in \\mathbb{R}^d$ be a unit vector.", r"\|w\|^4 = \|w\|^2"),
    ("Let $P \\in \\mathbb{R}^{m \\times m}$ be the projection onto the column space of the data.",
     "P P = P"),
    ("Let $q \\in \\mathbb{R}^{r}$ hold class probabilities.", r"\sum_{i=1}^{r} q_i = 1"),
    ("Let $s \\in \\mathbb{R}^{K}$ be the softmax output.", r"\sum_{k=1}^{K} s_k = 1"),
    ("Let $S \\in \\mathbb{R}^{k \\times k}$ and $v \\in \\mathbb{R}^k$, with $S$ the covariance of "
     "the data.", r"\nabla_v \left(\frac{1}{2} v^T S v\right) = S v"),
])
def test_a_shape_in_a_sentence_that_says_more_is_not_read(tmp_path: Path, said: str,
                                                          display: str) -> None:
    """What the sentence says besides the shape (a unit vector, probabilities, a covariance) is
    not read; read with the shape alone, each was refuted where it fails."""
    verdicts, errors = goals(tmp_path, f"# A\n\n{said}\n\n$${display}$$\n")
    assert R not in verdicts and P not in verdicts and errors, (verdicts, errors)


def test_a_shape_with_what_its_letters_are_called_is_read(tmp_path: Path) -> None:
    page = ("# R\n\nLet $X \\in \\mathbb{R}^{n \\times d}$ be the design matrix and $y \\in "
            "\\mathbb{R}^n$ the targets, with weights $w \\in \\mathbb{R}^d$.\n\n"
            "$$\\nabla_w \\|Xw - y\\|^2 = 2X^T(Xw - y)$$\n")
    assert goals(tmp_path, page) == ([P], [])
