"""Reading documents (session 37): what the page states once for all that follows (a
preamble, a "## Notation" or "## Setup" section) reaches the problems after it; a heading
is not part of the sentence under it; a sentence's bounds are read whole ("Throughout, let
$\\lambda > 0$ be the regularization strength."); ‖v‖² is a sum of squares."""

from __future__ import annotations

from pathlib import Path

import pytest
from recheck import page_goals

from checker.results import Verdict

P, R, U = Verdict.PROVED, Verdict.REFUTED, Verdict.UNKNOWN

SHAPES = ("Let $X \\in \\mathbb{R}^{n \\times d}$ be the design matrix, $w \\in \\mathbb{R}^d$ the "
          "weights and $y \\in \\mathbb{R}^n$ the targets.")
RIGHT = "$$\\nabla_w \\frac{1}{2}\\|Xw - y\\|^2 = X^T(Xw - y)$$"
RIDGE = ("$$\\nabla_w \\left(\\frac{1}{2}\\|Xw - y\\|^2 + \\frac{\\lambda}{2}\\|w\\|^2\\right) = "
         "X^T(Xw - y) + \\lambda w$$")
WRONG = "$$\\nabla_w \\|Xw - y\\|^2 = 2X(Xw - y)$$"  # the transpose dropped: refuted by shape


def goals(tmp_path: Path, text: str, name: str = "doc.md") -> tuple[list[Verdict], list[str], list]:
    return page_goals(tmp_path, text, name)


# ---- shapes stated once for the page


@pytest.mark.parametrize("setup", ["## Notation", "## Setup", "## Preliminaries",
                                   "## Problem setup", "## Conventions"])
def test_shapes_in_a_section_of_notation_reach_every_problem_after_it(tmp_path: Path,
                                                                       setup: str) -> None:
    page = (f"# Homework 4\n\n{setup}\n\n{SHAPES}\n\n## Problem 1\n\n{RIGHT}\n\n"
            f"## Problem 2\n\nWith a penalty $\\lambda > 0$:\n\n{RIDGE}\n\n## Problem 3\n\n{WRONG}\n")
    verdicts, errors, got = goals(tmp_path, page)
    assert (verdicts, errors) == ([P, P, R], []), (verdicts, errors)
    assert "as an n × d matrix (line 5)" in got[2].check.claim.note, got[2].check.claim.note


def test_shapes_in_the_preamble_reach_every_section(tmp_path: Path) -> None:
    page = f"{SHAPES}\n\n# Problem 1\n\n{RIGHT}\n\n# Problem 2\n\n{WRONG}\n"
    verdicts, errors, _ = goals(tmp_path, page)
    assert (verdicts, errors) == ([P, R], []), (verdicts, errors)


def test_shapes_of_a_problem_do_not_reach_its_sibling(tmp_path: Path) -> None:
    """A problem's own sentence (not a section of notation) speaks of that problem only: a
    sibling that writes the letters is refused, never read with them."""
    page = (f"# Homework\n\n## Problem 1\n\n{SHAPES}\n\n## Problem 2\n\n{WRONG}\n")
    verdicts, errors, _ = goals(tmp_path, page)
    assert verdicts == [] and any("is not declared one" in e for e in errors), (verdicts, errors)


def test_shapes_of_a_section_of_notation_under_another_part_do_not_reach(tmp_path: Path) -> None:
    page = (f"# Part A\n\n## Notation\n\n{SHAPES}\n\n## Problem 1\n\n{RIGHT}\n\n"
            f"# Part B\n\n## Problem 2\n\n{WRONG}\n")
    verdicts, errors, _ = goals(tmp_path, page)
    assert verdicts == [P] and any("is not declared one" in e for e in errors), (verdicts, errors)


def test_a_latex_heading_is_not_part_of_the_sentence_under_it(tmp_path: Path) -> None:
    """"\\section*{Problem 3}" then "Let $X \\in …$": the sentence states shapes and names, and
    nothing more (the heading's words were taken for more)."""
    tex = ("\\documentclass{article}\n\\begin{document}\n\\section*{Problem 3}\n"
           "Let $X \\in \\mathbb{R}^{n \\times d}$, $w \\in \\mathbb{R}^{d}$ and "
           "$y \\in \\mathbb{R}^{n}$.\n"
           "\\[ \\nabla_{w} \\lVert X w - y \\rVert^2 = 2 X^\\top (X w - y) \\]\n"
           "\\[ \\nabla_{w} \\lVert X w - y \\rVert^2 = 2 X (X w - y) \\]\n\\end{document}\n")
    verdicts, errors, _ = goals(tmp_path, tex, "hw.tex")
    assert (verdicts, errors) == ([P, R], []), (verdicts, errors)


def test_a_squared_norm_needs_no_condition(tmp_path: Path) -> None:
    """‖Xw − y‖² = Σ_k (entry_k)², never negative: no "defined where … ≥ 0" on the proof (it
    made a proof unknown beside an unread bound of another letter)."""
    verdicts, errors, got = goals(tmp_path, f"{SHAPES}\n\n{RIGHT}\n")
    assert (verdicts, errors) == ([P], []), (verdicts, errors)
    assert got[0].check.claim.domain == (), got[0].check.claim.domain


# ---- bounds stated once for the page, and a sentence's bounds read whole


def _point(check: object) -> dict[str, object]:
    cex = check.result.counterexample  # type: ignore[attr-defined]
    assert cex is not None
    return {str(k): v for k, v in cex.as_dict().items()}


SETUP = "# Homework 5\n\n## Setup\n\nThroughout, let $\\lambda > 0$ be the regularization strength.\n\n"


def test_a_bound_of_the_setup_holds_in_the_problems_after_it(tmp_path: Path) -> None:
    """√(λ²) = λ was refuted at λ = −1, where the page's setup says λ > 0."""
    page = (SETUP + "## Problem 1\n\n$$\\sqrt{\\lambda^2} = \\lambda$$\n\n## Problem 2\n\n"
            "$$\\sqrt{\\lambda^2} = -\\lambda$$\n")
    verdicts, errors, got = goals(tmp_path, page)
    assert (verdicts, errors) == ([P, R], []), (verdicts, errors)
    assert "assumes \\lambda > 0" in got[0].result.detail, got[0].result.detail
    assert _point(got[1])["lambda"] > 0  # refuted where the setup's bound holds


def test_a_setup_bound_that_says_more_leaves_a_refutation_unknown(tmp_path: Path) -> None:
    """"the number of samples": n is a count too, which is not read; a refutation at a point
    the words may exclude is unknown, never refuted."""
    page = ("# H\n\n## Notation\n\nLet $n > 0$ be the number of samples.\n\n## Problem 1\n\n"
            "$$\\sqrt{n^2} = n$$\n")
    verdicts, errors, _ = goals(tmp_path, page)
    assert (verdicts, errors) == ([U], []), (verdicts, errors)


def test_a_problems_own_case_replaces_the_setups_bound(tmp_path: Path) -> None:
    page = SETUP + "## Problem 1\n\nNow let $\\lambda < 0$.\n\n$$\\sqrt{\\lambda^2} = -\\lambda$$\n"
    verdicts, errors, got = goals(tmp_path, page)
    assert (verdicts, errors) == ([P], []) and not got[0].result.vacuous, (verdicts, errors)


def test_every_bound_the_page_assumes_is_kept(tmp_path: Path) -> None:
    """Two bounds on two letters: a refutation stands only where both hold (one was taken)."""
    page = ("## Notation\n\nLet $a > 0$.\n\nLet $b > 0$.\n\n## Problem\n\n"
            "$$\\sqrt{a^2 b^2} = -ab$$\n")
    verdicts, errors, got = goals(tmp_path, page)
    assert (verdicts, errors) == ([R], []), (verdicts, errors)
    point = _point(got[0])
    assert point["a"] > 0 and point["b"] > 0, point


@pytest.mark.parametrize(("prose", "display", "want"), [
    ("Throughout, let $\\lambda > 0$ be the regularization strength.",
     "\\sqrt{\\lambda^2} = \\lambda", P),
    ("Let $u > 0$ and $v > 0$.", "\\sqrt{u^2 v^2} = uv", P),
    ("Let $u > 0$ and $v > 0$.", "\\sqrt{u^2} = -u", R),
    ("Let $\\eta > 0$ be the learning rate.", "|\\eta| = \\eta", P),
    # the sentence says more than its bound: not read (unknown, not refuted at n = −1)
    ("Let $n > 0$ be the number of steps.", "\\sqrt{n^2} = n", U),
    ("Let $x > 0$ or $x < -1$.", "\\sqrt{x^2} = x", U),
])
def test_a_sentences_bounds_are_read_whole(tmp_path: Path, prose: str, display: str,
                                           want: Verdict) -> None:
    verdicts, errors, got = goals(tmp_path, f"# P\n\n{prose}\n\n$${display}$$\n")
    assert (verdicts, errors) == ([want], []), (verdicts, errors)
    if want is R:
        assert all(v > 0 for v in _point(got[0]).values())


def test_the_later_displays_of_a_section_are_proved_under_its_assumption(tmp_path: Path) -> None:
    page = ("Throughout, let $\\lambda > 0$ be the regularization strength.\n\n"
            "$$\\sqrt{\\lambda^2} = \\lambda$$\n\nAnd more:\n\n$$\\sqrt{4\\lambda^2} = 2\\lambda$$\n\n"
            "$$\\sqrt{\\lambda^2} = -\\lambda$$\n")
    verdicts, errors, got = goals(tmp_path, page)
    assert (verdicts, errors) == ([P, P, R], []), (verdicts, errors)
    assert got[1].result.detail.startswith("proved under what the prose assumed before")
    assert _point(got[2])["lambda"] > 0


# ---- what four helpers found (session 37): lines not checked, names read as built-ins


def test_a_label_before_a_steps_expression_does_not_swallow_it(tmp_path: Path) -> None:
    """"&= \\text{(chain rule) } 3(x^2+1)^2": the math after the label is the step (it was
    taken for the remark's words, and a wrong step never checked)."""
    page = ("$$\n\\begin{aligned}\n\\frac{d}{dx} (x^2+1)^3 &= \\text{(chain rule) } 3(x^2+1)^2 "
            "\\\\\n  &= 6x(x^2+1)^2\n\\end{aligned}\n$$\n")
    verdicts, errors, _ = goals(tmp_path, page)
    assert errors == [] and len(verdicts) == 1
    from recheck import checked_file
    report, _ = checked_file(tmp_path / "doc.md")
    steps = [c.result.verdict for o in report.outcomes for c in o.checks if c.check.step]
    assert steps == [R, R], steps  # the slip (factor 2x dropped), and the line after it


def test_a_value_after_a_definition_that_used_the_letter_is_refused(tmp_path: Path) -> None:
    """L = (w − 2)², then w = 3: a value (or a solution), not what w is made of; L = 1 was
    proved with L's w captured."""
    page = ("# A\n\n$$L = (w - 2)^2$$\n\nSetting the derivative to zero gives\n\n$$w = 3$$\n\n"
            "so the minimum loss is\n\n$$L = 1$$\n")
    verdicts, errors, _ = goals(tmp_path, page)
    assert P not in verdicts and any("w is used before this line" in e for e in errors), \
        (verdicts, errors)


@pytest.mark.parametrize("prose", [
    "Here $\\sigma(x) = \\max(0, x)$.",
    "Here $\\sigma$ is the sign function.",
    "Here $\\sigma$ is the Gaussian CDF.",
    "In this note $\\sigma(x) = 2x$.",
])
def test_prose_that_makes_sigma_another_function_refuses_the_sigmoid(tmp_path: Path,
                                                                     prose: str) -> None:
    verdicts, errors, _ = goals(tmp_path, f"# A\n\n{prose}\n\n$$\\sigma(x) + \\sigma(-x) = 1$$\n")
    assert verdicts == [] and any("reads as the sigmoid" in e for e in errors), (verdicts, errors)


def test_prose_that_gives_sigma_its_own_formula_keeps_it(tmp_path: Path) -> None:
    page = "Here $\\sigma(x) = \\frac{1}{1 + e^{-x}}$.\n\n$$\\sigma(x) + \\sigma(-x) = 1$$\n"
    assert goals(tmp_path, page)[:2] == ([P], [])


@pytest.mark.parametrize("display", ["\\frac{\\partial e}{\\partial w} = 0",
                                     "\\frac{\\partial e}{\\partial w} = -x"])
def test_a_residual_named_e_in_the_prose_is_not_eulers_number(tmp_path: Path,
                                                              display: str) -> None:
    page = f"# A\n\nThe residual is written $e = y - w x$.\n\n$${display}$$\n"
    verdicts, errors, _ = goals(tmp_path, page)
    assert verdicts == [] and any("Euler's number" in e for e in errors), (verdicts, errors)


def test_a_bound_the_prose_says_may_be_zero_is_no_size(tmp_path: Path) -> None:
    """The empty product is 1: "n may be 0" leaves n no size ≥ 1 (it was proved for n ≥ 1)."""
    verdicts, errors, _ = goals(tmp_path, "# A\n\nNote that $n$ may be $0$.\n\n"
                                          "$$\\prod_{k=1}^{n} 0 = 0$$\n")
    assert P not in verdicts, (verdicts, errors)


# ---- assumptions in words, in a parent section, in a heading; connectives; optima


@pytest.mark.parametrize(("prose", "display", "want"), [
    ("Let $a$ be negative.", "\\sqrt{a^2} = -a", P),
    ("Both $a$ and $b$ are negative.", "\\sqrt{b^2} = -b", U),
    ("Let $a, b$ be negative.", "\\sqrt{b^2} = -b", P),
    ("Let $a$ be negative, and so is $b$.", "\\sqrt{b^2} = -b", U),
    ("Let $p$ be a probability.", "|p| + |1 - p| = 1", P),
])
def test_a_sign_said_in_words_holds_for_the_later_displays_too(tmp_path: Path, prose: str,
                                                                display: str, want: Verdict) -> None:
    """Assumed for the later displays of its section, on every letter the sentence names
    (they were refuted at a point the words exclude): a hypothesis where the sentence assumes
    it outright (session 38: it opens with Let, Assume …, as a formula bound's must), else
    unknown (a sentence can say a sign it does not assume: "It is false that $x$ is
    positive")."""
    page = f"# A\n\n{prose}\n\n$$a + 1 = 1 + a$$\n\n$${display}$$\n"
    verdicts, errors, got = goals(tmp_path, page)
    assert (verdicts, errors) == ([P, want], []), (verdicts, errors)
    if want is P:
        assert "proved under what the prose assumed before" in got[1].result.detail, \
            got[1].result.detail


@pytest.mark.parametrize("prose", [
    "It is false that $x$ is positive.", "A common mistake is to think $x$ is positive.",
    "Exercise: show that $x$ is positive.", "Is it true that $x$ is positive?",
    "Don't assume $x$ is positive.", "Students often assume $x > 0$; this is a mistake.",
    "In Section 5 we will assume $x > 0$.", "Let $x > 0$ denote the case we skip.",
])
def test_words_that_do_not_assume_are_no_hypothesis(tmp_path: Path, prose: str) -> None:
    """A sign said, or a bound written, that the page does not assume: |x| = x was proved
    under it (a helper's pages)."""
    for page in (f"# A\n\n{prose}\n\nHence the following:\n\n$$|x| = x$$\n",
                 f"{prose}\n\n# Problem 1\n\n$$|x| = x$$\n"):
        verdicts, errors, _ = goals(tmp_path, page)
        assert P not in verdicts, (page, verdicts, errors)


def test_a_kind_said_in_words_leaves_a_later_refutation_unknown(tmp_path: Path) -> None:
    page = "# A\n\nLet $n$ be an integer.\n\n$$n + 1 = 1 + n$$\n\n$$\\sin(\\pi n) = 0$$\n"
    verdicts, errors, _ = goals(tmp_path, page)
    assert (verdicts, errors) == ([P, U], []), (verdicts, errors)


@pytest.mark.parametrize(("prose", "display", "want"), [
    ("Let $x$ be negative.", "\\sqrt{x^2} = -x", P),  # (in words, assumed outright)
    ("Let $x < 0$.", "\\sqrt{x^2} = -x", P),
    ("Let $c = 2$.", "c + c = 4", P),
])
def test_an_assumption_of_a_section_reaches_its_subsections(tmp_path: Path, prose: str,
                                                            display: str, want: Verdict) -> None:
    page = f"# B\n\n{prose}\n\n## B1\n\n$${display}$$\n"
    verdicts, errors, _ = goals(tmp_path, page)
    assert (verdicts, errors) == ([want], []), (verdicts, errors)


def test_an_assumption_of_a_section_does_not_reach_its_sibling(tmp_path: Path) -> None:
    page = "# B\n\n## B1\n\nLet $x < 0$.\n\n$$x + 1 = 1 + x$$\n\n## B2\n\n$$\\sqrt{x^2} = -x$$\n"
    verdicts, errors, _ = goals(tmp_path, page)
    assert (verdicts, errors) == ([P, R], []), (verdicts, errors)


@pytest.mark.parametrize(("heading", "case"), [
    ("When $x$ is negative", "…"), ("Negative $x$", "…"), ("Case $x < 0$", "x < 0"),
])
def test_a_case_in_a_heading_refuses_its_displays(tmp_path: Path, heading: str,
                                                  case: str) -> None:
    verdicts, errors, _ = goals(tmp_path, f"# A\n\n## {heading}\n\n$$\\sqrt{{x^2}} = -x$$\n")
    assert verdicts == [] and any(f"(\\quad ({case}))" in e for e in errors), (verdicts, errors)


@pytest.mark.parametrize("prose", ["For odd $n$,", "For natural $n$,", "Take an odd number $n$."])
def test_a_kind_said_before_its_letter_is_not_dropped(tmp_path: Path, prose: str) -> None:
    verdicts, errors, _ = goals(tmp_path, f"# A\n\n{prose}\n\n$$\\cos(\\pi n) = -1$$\n")
    assert R not in verdicts, (verdicts, errors)


@pytest.mark.parametrize("joins", ["Moreover,", "In the same way,", "Furthermore, we get"])
def test_a_connective_keeps_the_case_in_doubt(tmp_path: Path, joins: str) -> None:
    page = f"# A\n\nFor $x > 0$:\n\n$$|x| = x$$\n\n{joins}\n\n$$\\sqrt{{x^2}} = x$$\n"
    verdicts, errors, _ = goals(tmp_path, page)
    assert (verdicts, errors) == ([P, U], []), (verdicts, errors)


@pytest.mark.parametrize("prose", ["At the optimum,", "To find the minimum we require"])
def test_an_optimality_condition_is_no_identity(tmp_path: Path, prose: str) -> None:
    verdicts, errors, _ = goals(tmp_path, f"# A\n\n{prose}\n\n$$2(w x - y) x = 0$$\n")
    assert R not in verdicts, (verdicts, errors)


def test_the_rows_after_an_approximation_are_checked(tmp_path: Path) -> None:
    """"&\\approx x σ(1.7x)": the rows after it go on from it (they were never read, and
    their sign slip not found)."""
    page = ("$$\n\\begin{aligned}\nx \\sigma(2x) &= \\frac{x}{1 + e^{-2x}} \\\\\n"
            "&\\approx x \\sigma(1.7 x) \\\\\n&= \\frac{x}{1 + e^{-1.7 x}} \\\\\n"
            "&= \\frac{x}{1 + e^{1.7 x}}\n\\end{aligned}\n$$\n")
    from recheck import checked_file
    path = tmp_path / "doc.md"
    path.write_text(page, encoding="utf-8")
    report, _ = checked_file(path)
    last = [c for o in report.outcomes for c in o.checks if c.check.step][-1]
    assert last.result.verdict is R and last.check.claim.lhs != last.check.claim.rhs


def test_an_underbrace_label_is_checked(tmp_path: Path) -> None:
    """"\\underbrace{…}_{\\sigma(-z) + 1}": the label is a claim about what it is under (it was
    dropped, and the line proved beside a false label); a label that names the part is not."""
    page = ("$$\\frac{e^{-z}}{(1 + e^{-z})^2} = \\underbrace{\\frac{1}{1 + e^{-z}}}_{\\sigma(z)} "
            "\\cdot \\underbrace{\\frac{e^{-z}}{1 + e^{-z}}}_{\\sigma(-z) + 1}$$\n\nNext,\n\n"
            "$$L = (\\underbrace{w x + b}_{z})^2$$\n")
    verdicts, errors, got = goals(tmp_path, page)
    assert (verdicts, errors) == ([P, P, R], []), (verdicts, errors)
    assert str(got[2].check.claim.rhs) == "sigmoid(-z) + 1", got[2].check.claim.rhs


def test_a_label_is_not_checked_where_the_display_is_under_a_case(tmp_path: Path) -> None:
    page = "If $x > 0$:\n\n$$|x| = \\underbrace{x}_{\\sqrt{x^2}}$$\n"
    assert goals(tmp_path, page)[:2] == ([P], [])


@pytest.mark.parametrize(("arrow", "value", "want"), [
    ("\\quad\\Rightarrow\\quad", "2", P), ("\\qquad\\Longrightarrow\\qquad", "2", P),
    ("\\quad\\implies\\quad", "3", R),
])
def test_spacing_round_an_arrow_is_no_remark(tmp_path: Path, arrow: str, value: str,
                                             want: Verdict) -> None:
    tex = (f"\\documentclass{{article}}\n\\begin{{document}}\n\\[ 2c + 3 = 7 {arrow} c = {value} "
           "\\]\n\\end{document}\n")
    verdicts, errors, _ = goals(tmp_path, tex, "hw.tex")
    assert (verdicts, errors) == ([want], []), (verdicts, errors)


def test_an_equation_of_other_letters_is_no_premise_of_an_implication(tmp_path: Path) -> None:
    """A wrong derivative, then "Then we get $$2x = 4 \\Rightarrow x = 2$$": the derivative
    was left unknown as a possible premise of the implication, which is about x alone."""
    page = ("$$\\frac{d}{ds}\\left(-\\ln s - \\frac{c}{2s^2}\\right) = -\\frac{1}{s} + "
            "\\frac{c}{2s^3}$$\n\nThen we get\n\n$$2x = 4 \\Rightarrow x = 2$$\n")
    verdicts, errors, _ = goals(tmp_path, page)
    assert (verdicts[0], errors) == (R, []), (verdicts, errors)


# ---- a fifth helper's findings on this round's rules


@pytest.mark.parametrize("prose", [
    "Note $\\sigma$ here is the ReLU, not the sigmoid.", "Unlike the sigmoid, our $\\sigma$ is the ReLU.",
    "The activation $\\sigma$ is ReLU (the sigmoid is not used here).",
    "Let $\\sigma: \\mathbb{R} \\to \\mathbb{R}$ be any activation.",
])
def test_sigma_named_against_the_sigmoid_is_not_the_sigmoid(tmp_path: Path, prose: str) -> None:
    verdicts, errors, _ = goals(tmp_path, f"# A\n\n{prose}\n\n$$\\sigma(x) + \\sigma(-x) = 1$$\n")
    assert verdicts == [] and any("reads as the sigmoid" in e for e in errors), (verdicts, errors)


@pytest.mark.parametrize("page", [
    "# A\n\nLet $y - wx = e$.\n\n$$e^2 = (y - wx)^2$$\n",
    "# A\n\nLet $e \\in \\mathbb{R}$ be the error.\n\n$$\\log e = 1$$\n",
    "# A\n\nHere $e$ denotes the prediction error.\n\n$$\\log e = 1$$\n",
    "# A\n\nLet the error be $e$, that is, $y - wx$.\n\n$$\\log e = 1$$\n",
    "# N\n\n## Notation\n\nLet $e = y - wx$ denote the residual.\n\n## P\n\n$$\\log e = 1$$\n",
])
def test_e_written_as_a_letter_anywhere_refuses_the_displays_with_e(tmp_path: Path,
                                                                    page: str) -> None:
    verdicts, errors, _ = goals(tmp_path, page)
    assert verdicts == [] and any("Euler's number" in e for e in errors), (verdicts, errors)


def test_eulers_e_said_so_is_kept(tmp_path: Path) -> None:
    page = "# A\n\nHere $e$ is Euler's number.\n\n$$\\log e = 1$$\n"
    assert goals(tmp_path, page)[:2] == ([P], [])


@pytest.mark.parametrize("lifts", [
    "Let $x \\in \\mathbb{R}$ be arbitrary.", "In this problem $x$ can be any real number.",
    "Drop the sign assumption on $x$.", "Now $x$ may have either sign.",
    "Suppose the opposite holds.", "From now on all variables are arbitrary real numbers.",
    "Here $x$ denotes an eigenvalue.",
])
def test_prose_that_lifts_an_assumption_leaves_it_in_doubt(tmp_path: Path, lifts: str) -> None:
    """"Let $x < 0$." in the setup, then words that take it back: |x| = −x was proved
    under x < 0 (the page withdrew it); unknown."""
    page = (f"# N\n\n## Setup\n\nLet $x < 0$.\n\n## Problem 1\n\n{lifts}\n\n"
            "$$|x| = -x$$\n")
    verdicts, errors, _ = goals(tmp_path, page)
    assert (verdicts, errors) == ([U], []), (verdicts, errors)


def test_a_setup_bound_is_cited_at_its_own_line(tmp_path: Path) -> None:
    page = ("# N\n\n## Setup\n\nLet $x < 0$.\n\nWe write $x$ for the input.\n\n"
            "## Problem 1\n\n$$\\sqrt{x^2} = -x$$\n")
    verdicts, errors, got = goals(tmp_path, page)
    assert (verdicts, errors) == ([P], []) and "the page at line 5 assumes x < 0" in \
        got[0].result.detail


def test_a_label_is_not_checked_beside_an_assumption(tmp_path: Path) -> None:
    """"Let $x$ be negative." then |x| labelled −x: the label was checked without the
    assumption and refuted at x = 1."""
    page = ("# P\n\nLet $x$ be negative.\n\n$$\\sqrt{x^2} + 1 = \\underbrace{|x|}_{-x} + 1$$\n")
    verdicts, errors, _ = goals(tmp_path, page)
    assert R not in verdicts and errors == [], (verdicts, errors)


def test_a_condition_in_a_text_before_the_expression_is_not_a_label(tmp_path: Path) -> None:
    page = "$$\n\\begin{aligned}\n\\sqrt{x^2} &= \\text{(for } x \\ge 0 \\text{) } x\n\\end{aligned}\n$$\n"
    verdicts, errors, _ = goals(tmp_path, page)
    assert R not in verdicts and P not in verdicts, (verdicts, errors)


@pytest.mark.parametrize("page", [
    ("# N\n\n## Notation\n\nLet $A \\in \\mathbb{R}^{n\\times n}$ and $B \\in \\mathbb{R}^{n\\times n}$."
     "\n\n## Problem 1\n\nLet $A$ and $B$ be real scalars.\n\n$$AB = BA$$\n"),
    ("# N\n\n## Problem 1\n\n$$AB = BA$$\n\n## Notation\n\n"
     "Let $A \\in \\mathbb{R}^{n\\times n}$ and $B \\in \\mathbb{R}^{n\\times n}$.\n"),
])
def test_shapes_are_not_read_against_words_or_from_after(tmp_path: Path, page: str) -> None:
    """Scalars said in words against the notation's matrices, or a notation section after the
    problem: AB = BA was refuted with 2 × 2 matrices, true of numbers."""
    verdicts, errors, _ = goals(tmp_path, page)
    assert R not in verdicts, (verdicts, errors)


def test_one_sentence_of_notation_with_shapes_and_a_bound(tmp_path: Path) -> None:
    """"Throughout, let X ∈ ℝ^{n×d} be the design matrix, …, and let λ > 0 be the
    regularization strength.": the shapes were refused (the sentence "said more") and the bound
    not read (the shapes are no bounds); each is read, for each problem after it."""
    page = ("# H\n\n## Notation\n\nThroughout, let $X \\in \\mathbb{R}^{n \\times d}$ be the design "
            "matrix, $w \\in \\mathbb{R}^d$ the weights and $y \\in \\mathbb{R}^n$ the targets, and "
            "let $\\lambda > 0$ be the regularization strength.\n\n"
            f"## P1\n\n{RIDGE}\n\n## P2\n\n$$\\sqrt{{\\lambda^2}} = \\lambda$$\n\n"
            "## P3\n\n$$\\sqrt{\\lambda^2} = -\\lambda$$\n")
    verdicts, errors, got = goals(tmp_path, page)
    assert (verdicts, errors) == ([P, P, R], []), (verdicts, errors)
    assert _point(got[2])["lambda"] > 0


def test_a_sentence_with_shapes_and_a_vague_word_reads_no_bound(tmp_path: Path) -> None:
    page = ("# H\n\n## Notation\n\nLet $w \\in \\mathbb{R}^d$ be the weights and let $\\lambda > 0$ "
            "be small.\n\n## P1\n\n$$\\sqrt{\\lambda^2} = -\\lambda$$\n")
    verdicts, errors, _ = goals(tmp_path, page)
    assert (verdicts, errors) == ([U], []), (verdicts, errors)
