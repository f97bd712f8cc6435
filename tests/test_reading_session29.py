"""Reading documents (session 29): a conditional bar between a function's arguments
(checker/parse/conditional.py), log-likelihoods with symbolic exponents, and the wrong
verdicts an adversary found."""

from __future__ import annotations

from pathlib import Path

import pytest
from recheck import checked_file, goal_verdicts

from checker.model import CheckKind
from checker.results import Verdict

MLE = ("# Logistic regression\n\n"  # line 1
       "Let $x$, $w$ and $y$ be numbers.\n\n"  # 3
       "$$p(y \\mid x; w) = \\sigma(wx)^y (1 - \\sigma(wx))^{1-y}$$\n\n"  # 5
       "Then\n\n"  # 7
       "$$\\log p(y \\mid x; w) = y \\log \\sigma(wx) + (1-y) \\log(1 - \\sigma(wx))$$\n\n"  # 9
       "$$\\frac{\\partial}{\\partial w} \\log p(y \\mid x; w) = (y - \\sigma(wx)) x$$\n\n"  # 11
       "$$\\frac{\\partial}{\\partial w} \\log p(y \\mid x; w) = (\\sigma(wx) - y) x$$\n\n"  # 13
       "$$p(1 \\mid x; w) = \\sigma(wx)$$\n\n"  # 15
       "$$p(0 | x; w) = \\sigma(-wx)$$\n\n"  # 17
       "$$\\log p(y_i | x_i; w) = y_i \\log \\sigma(w x_i) + (1 - y_i) \\log(1 - \\sigma(w x_i))$$\n")


def run(tmp_path: Path, text: str) -> tuple[dict[str, Verdict], list]:
    return goal_verdicts(tmp_path, text)  # type: ignore[return-value]  # (counterexamples re-checked)


def test_a_likelihood_written_with_a_conditional_bar(tmp_path: Path) -> None:
    """p(y | x; w) defined in a display is a function of y, x, w; its log and its gradient are
    proved, the gradient with the sign lost is refuted at its line."""
    by, errors = run(tmp_path, MLE)
    assert errors == []
    assert by == {"9": Verdict.PROVED, "11": Verdict.PROVED, "13": Verdict.REFUTED,
                  "15": Verdict.PROVED, "17": Verdict.PROVED, "19": Verdict.PROVED}


@pytest.mark.parametrize(("display", "fragment"), [
    # another density: its letters exchanged, or the joint one
    ("\\log p(x \\mid y; w) = 0", "a density named by its letters"),
    ("p(y, x; w) = \\sigma(wx)", "puts its bar elsewhere"),
    ("p(y \\mid x \\mid w) = \\sigma(wx)", "puts its bar elsewhere"),
    # a bar in a function that is not defined with one
    ("\\sigma(y \\mid x) = 1", "is not defined with a bar"),
    ("\\log q(y | x) = 0", "is read only in the arguments of a function the page defines with one"),
    # an event inside the brackets
    ("\\log p(y = 1 \\mid x; w) = \\log \\sigma(wx)", "an event inside a probability's brackets"),
])
def test_a_conditional_bar_elsewhere_is_refused(tmp_path: Path, display: str,
                                                 fragment: str) -> None:
    _by, errors = run(tmp_path, MLE + f"\n$${display}$$\n")
    assert [e.line for e in errors] == [21], errors
    assert fragment in errors[0].message


def test_bars_that_are_an_absolute_value_stay_one(tmp_path: Path) -> None:
    by, errors = run(tmp_path, "# A\n\nLet $x$ be a number.\n\n$$f(t) = t^2$$\n\n"
                               "$$f(|x|) = x^2$$\n\n$$\\sigma(|x|) > 0$$\n\n"
                               "$$f(|x| |x|) = x^4$$\n")
    assert errors == []
    assert by == {"7": Verdict.PROVED, "9": Verdict.PROVED, "11": Verdict.PROVED}


def test_a_divergence_keeps_its_double_bar(tmp_path: Path) -> None:
    by, errors = run(tmp_path, "# K\n\n```derivcheck\nsymbols = { p = \"positive\", "
                               "q = \"positive\" }\n```\n\n"
                               "$$KL(p \\| q) = p \\log \\frac{p}{q}$$\n\n"
                               "$$KL(p \\| q) = p \\log p - p \\log q$$\n")
    assert errors == [] and by == {"9": Verdict.PROVED}


@pytest.mark.parametrize(("lhs", "rhs", "want"), [
    ("log(a**y)", "y*log(a)", Verdict.PROVED),
    ("log(a**y)", "y*log(a) + 1", Verdict.REFUTED),
    ("log(sigmoid(x)**y * (1 - sigmoid(x))**(1 - y))",
     "y*log(sigmoid(x)) + (1 - y)*log(1 - sigmoid(x))", Verdict.PROVED),
    ("log(sigmoid(x)**y * (1 - sigmoid(x))**(1 - y))",
     "y*log(sigmoid(x)) + y*log(1 - sigmoid(x))", Verdict.REFUTED),
    ("a**y * a**(1 - y)", "a", Verdict.PROVED),
    ("a**y * a**(2 - y)", "a", Verdict.REFUTED),
    ("diff(log(a**y), y)", "log(a)", Verdict.PROVED),
])
def test_powers_with_a_symbolic_exponent(tmp_path: Path, lhs: str, rhs: str,
                                         want: Verdict) -> None:
    """u^y·u^(1−y) = u and log(u^y) = y log u (u > 0): a Bernoulli log-likelihood; these were
    only sampled (numeric)."""
    path = tmp_path / "p.toml"
    path.write_text('format = 1\n[context]\nsymbols = { a = "positive", x = "real", '
                    'y = "real" }\n\n[[derivation]]\nid = "p"\n'
                    f'steps = ["{lhs}", "{rhs}"]\n', encoding="utf-8")
    report, errors = checked_file(path)
    assert errors == []
    assert [c.result.verdict for c in report.outcomes[0].checks
            if c.check.kind is CheckKind.GOAL] == [want]


# -- the adversary's round (session 29) ---------------------------------------------------


def test_a_derivative_by_an_expression_counts_letters_nothing_declares(tmp_path: Path) -> None:
    """d(tanh² x + x)/d tanh x: x is in both, held fixed or not? It was read with x fixed
    and proved = 2 tanh x (false: it is 2 tanh x + cosh² x), undeclared letters not counted;
    the same through the page's definitions (g = s·t with s = σ(t), dg/ds)."""
    by, errors = run(tmp_path, "# A\n\n$$\\frac{d (\\tanh^2 x + x)}{d \\tanh x} = 2 \\tanh x$$\n\n"
                               "# B\n\n$$s = \\sigma(t)$$\n\n$$g = s \\cdot t$$\n\n"
                               "$$\\frac{dg}{ds} = t$$\n\n"
                               "# C\n\n$$u = x^2$$\n\n$$L = (u - y)^2$$\n\n"
                               "$$\\frac{\\partial L}{\\partial u} = 2(u - y)$$\n")
    assert sorted(e.line for e in errors) == [3, 11]
    assert all("held fixed is not clear" in e.message for e in errors)
    assert by["19"] is Verdict.PROVED  # (L written in u and y alone: nothing shared)


@pytest.mark.parametrize("remark", ["\\quad (x \\geqq 0)", "\\quad (x \\geqslant 0)",
                                    "\\quad \\text{if } x \\ngeq 0",
                                    "\\quad (\\text{valid on } \\mathbb{R}_+)"])
def test_a_condition_the_reader_cannot_read_is_never_dropped(tmp_path: Path,
                                                              remark: str) -> None:
    """|x| = x (x ≧ 0) was refuted at x = −1: the remark's unknown relation dropped it."""
    by, errors = run(tmp_path, f"# A\n\n$$|x| = x {remark}$$\n")
    if "geqslant" in remark:  # (read: ⩾ is ≥)
        assert errors == [] and by == {"3": Verdict.PROVED}
        return
    assert [e.line for e in errors] == [3] and "3" not in [k for k, v in by.items()
                                                           if v is Verdict.REFUTED]
    assert "which is not read" in errors[0].message or "in words" in errors[0].message


def test_a_prose_case_with_an_ams_relation_is_not_dropped(tmp_path: Path) -> None:
    by, _errors = run(tmp_path, "# C\n\nFor $x \\geqq 0$:\n\n$$|x| = x$$\n")
    assert by == {"5": Verdict.UNKNOWN}


def test_a_goal_through_a_line_not_read_is_not_refuted(tmp_path: Path) -> None:
    """2x + 2 = 6 ↔ x = 3: the goal 2x + 2 = 3 was refuted, a claim the page never makes."""
    by, errors = run(tmp_path, "# A\n\n$$2x + 2 = 6 \\leftrightarrow x = 3$$\n\n"
                               "# B\n\n$$(x+1)^2 = x^2 + 2x + 1 \\leftrightarrow 5 = 2x + x^2 + 1$$\n")
    assert [e.line for e in errors] == [3, 7]
    assert by == {"3": Verdict.UNKNOWN, "7": Verdict.PROVED}


def test_otherwise_at_a_number(tmp_path: Path) -> None:
    """f(−2) with the cases 1 (x > 0), 2 (x < −1), 3 otherwise: the case that holds there
    (was an error: "a case that holds everywhere overlaps the others")."""
    by, errors = run(tmp_path, "# O\n\n$$f(x) = \\begin{cases} 1 & x > 0 \\\\ 2 & x < -1 \\\\ 3 & "
                               "\\text{otherwise} \\end{cases}$$\n\n$$f(-2) = 2$$\n\n$$f(5) = 1$$\n\n"
                               "$$f(-\\tfrac12) = 3$$\n\n$$f(-2) = 3$$\n")
    assert errors == []
    assert by == {"5": Verdict.PROVED, "7": Verdict.PROVED, "9": Verdict.PROVED,
                  "11": Verdict.REFUTED}


def test_a_factor_a_space_sets_apart_after_a_derivative(tmp_path: Path) -> None:
    """\\frac{d}{dx} x^2 \\, x: d(x²)/dx·x or d(x³)/dx? (was read as the second, proved)."""
    by, errors = run(tmp_path, "# S\n\n$$\\frac{d}{dx} x^2 \\, x = 3x^2$$\n\n"
                               "$$\\frac{d}{dx} x^2 \\, y = 2xy$$\n\n$$\\frac{d}{dx} x^2 x = 3x^2$$\n")
    assert errors == []
    assert by == {"3": Verdict.UNKNOWN, "5": Verdict.PROVED, "7": Verdict.PROVED}


# -- a new user's round (session 29) ------------------------------------------------------


def test_a_step_after_an_intertext_is_at_its_own_line(tmp_path: Path) -> None:
    """The step after \\intertext{…} (or an empty row) was reported at the intertext's line."""
    path = tmp_path / "it.tex"
    path.write_text("% derivcheck\n% symbols = { x = \"real\", w = \"real\", y = \"real\" }\n"
                    "\\begin{align}\n\\frac{d}{dw} \\frac{1}{2}(wx - y)^2 &= (wx - y) x \\\\\n"
                    "\\intertext{and multiplying out,}\n&= w x^2 - y\n\\end{align}\n",
                    encoding="utf-8")
    report, errors = checked_file(path)
    assert errors == []
    steps = [(c.check.line, c.result.verdict) for c in report.outcomes[0].checks
             if c.check.kind is CheckKind.STEP]
    assert steps == [(4, Verdict.PROVED), (6, Verdict.REFUTED)]


def test_an_evaluation_bar_at_several_numbers(tmp_path: Path) -> None:
    """\\right|_{w=1, x=2, b=0}: at all of them (was refused at its comma), shown as written;
    values given by letters are refused with a message of their own."""
    text = ("# E\n\n$$\\left. \\frac{\\partial}{\\partial w} (w x + b)^2 \\right|_{w=1, x=2, b=0} "
            "= 8$$\n\n$$\\left. \\frac{\\partial}{\\partial w} (w x + b)^2 \\right|_{w=1, x=2, "
            "b=0} = 4$$\n\n$$\\left. x y \\right|_{x=y, y=2} = 4$$\n")
    by, errors = run(tmp_path, text)
    assert by == {"3": Verdict.PROVED, "5": Verdict.REFUTED, "7": Verdict.ERROR}
    assert [e.line for e in errors] == [7]
    assert errors[0].message.startswith("an evaluation bar at several values is read where "
                                        "each value is a number")
    assert "evalat" not in errors[0].message and "evalbar" not in errors[0].message
    report, _ = checked_file(tmp_path / "doc.md")
    first = report.outcomes[0].entry.steps[0]
    assert "evalat" not in first.latex and "\\right|_{w=1, x=2, b=0}" in first.latex


def test_a_concavity_chain_over_a_symbolic_size_is_not_slow(tmp_path: Path) -> None:
    """d²/dw² log 𝓛(w) ≤ 0 (𝓛 a product over n samples): the goal's small instances cost
    seconds each; they are tried within a budget, and the goal is proved by the chain's steps
    (it took 10 s)."""
    text = ("# slow\n\n```derivcheck\ndims = { n = \"positive integer\" }\nvectors = { x = \"n\", "
            "y = \"n\" }\nsymbols = { w = \"real\" }\n```\n\n$$\\mathcal{L}(w) = \\prod_{i=1}^{n} "
            "\\sigma(w x_i)^{y_i} \\left(1 - \\sigma(w x_i)\\right)^{1 - y_i}$$\n\n"
            "\\begin{align}\n\\frac{d^2}{dw^2} \\log \\mathcal{L}(w) &= -\\sum_{i=1}^{n} "
            "\\sigma(w x_i)(1 - \\sigma(w x_i)) x_i^2 \\\\\n&\\le 0\n\\end{align}\n")
    by, errors = run(tmp_path, text)
    assert errors == [] and by == {"11": Verdict.PROVED}


def test_an_expectation_under_a_law_is_no_bound(tmp_path: Path) -> None:
    """"an expectation under $X \\sim p$" was taken for a bound ("under $…$") on X, and the
    advice was to declare X positive."""
    by, errors = run(tmp_path, "# G\n\n```derivcheck\nsymbols = { mu = \"real\", s = \"positive\" }"
                               "\nrandom = { X = \"N(mu, s**2)\" }\n```\n\nWe need an expectation "
                               "under $X \\sim \\mathcal{N}(\\mu, s^2)$:\n\n"
                               "$$E\\left[(X - \\mu)^2\\right] = s^2$$\n")
    assert errors == [] and by == {"10": Verdict.PROVED}  # (the law it names is the declared one)


def test_a_numbered_name_in_prose_is_not_the_declared_number(tmp_path: Path) -> None:
    """"With $\\mu_2 = 0$ …" before a display about the declared number μ: μ₂ is another name
    (the second Gaussian's mean), not a value of μ; the display was refused. The display's
    own mistake (log s for log s²) is refuted at its line."""
    text = ("# VAE\n\n```derivcheck\nsymbols = { mu = \"real\", s = \"positive\" }\n```\n\n"
            "With $\\mu_2 = 0$, $\\sigma_2 = 1$ and writing $\\mu, s$ for $\\mu_1, \\sigma_1$:\n\n"
            "\\begin{align}\n\\log \\frac{1}{s} + \\frac{s^2 + \\mu^2}{2} - \\frac{1}{2} &= "
            "-\\frac{1}{2} \\log s^2 + \\frac{s^2 + \\mu^2}{2} - \\frac{1}{2} \\\\\n"
            "&= \\frac{1}{2} \\left( s^2 + \\mu^2 - 1 - \\log s \\right)\n\\end{align}\n")
    path = tmp_path / "vae.md"
    path.write_text(text, encoding="utf-8")
    report, errors = checked_file(path)
    assert errors == []
    steps = [(c.check.line, c.result.verdict) for c in report.outcomes[0].checks
             if c.check.kind is CheckKind.STEP]
    assert steps == [(10, Verdict.PROVED), (11, Verdict.REFUTED)]
    # μ itself given a value in the prose is still refused
    text2 = text.replace("With $\\mu_2 = 0$, $\\sigma_2 = 1$", "With $\\mu = 0$")
    path.write_text(text2, encoding="utf-8")
    _, errors = checked_file(path)
    assert errors and "\\mu = 0" in errors[0].message


def test_one_hot_words_beside_a_vector_of_symbolic_length_are_checked_both_ways(
        tmp_path: Path) -> None:
    """"The target $y$ is usually one-hot." beside a false line over y of length K: the line
    was unknown ("the readings with it and without it disagree", never checked with it); it
    is false with y one-hot too, so refuted (the point has y one-hot)."""
    head = ("# L\n\n```derivcheck\ndims = { K = \"positive integer\" }\nvectors = { y = \"K\" }\n"
            "symbols = { epsilon = \"positive\" }\n```\n\nThe target $y$ is usually one-hot. "
            "Smoothing it gives\n\n")
    wrong = ("$$\\sum_{k=1}^{K} \\left( (1 - \\epsilon) y_k + \\frac{\\epsilon}{K} \\right) = "
             "(1 - \\epsilon) \\sum_{k=1}^{K} y_k$$\n")
    true_if_one_hot = "$$\\sum_{k=1}^{K} y_k = 1$$\n"
    by, errors = run(tmp_path, head + wrong)
    assert errors == [] and by == {"11": Verdict.REFUTED}
    by, errors = run(tmp_path, head + true_if_one_hot)
    assert errors == [] and by == {"11": Verdict.UNKNOWN}  # (false without the words)


def test_a_value_certified_near_zero_is_shown_as_zero(tmp_path: Path) -> None:
    """d/dp [p log p + (1 − p) log(1 − p)] = log(p/(1 − p)) + 1 at p = 1/2: the left side was
    shown as its enclosure's midpoint, −3.1e-61."""
    by, errors = run(tmp_path, "# P\n\n```derivcheck\nsymbols = { p = \"positive\" }\n"
                               "given = [\"p < 1\"]\n```\n\n$$\\frac{d}{dp}\\left[p \\log p + "
                               "(1 - p)\\log(1 - p)\\right] = \\log \\frac{p}{1 - p} + 1$$\n")
    assert errors == [] and by == {"8": Verdict.REFUTED}
    report, _ = checked_file(tmp_path / "doc.md")
    cex = next(c.result.counterexample for c in report.outcomes[0].checks
               if c.check.kind is CheckKind.GOAL)
    assert cex.lhs_value == "0.0" and cex.rhs_value == "1"


# -- the second adversary round (session 29) ----------------------------------------------


def test_bars_inside_a_function_with_two_of_them_are_an_absolute_value(tmp_path: Path) -> None:
    """σ(w|x|) was read as σ(w, x|) after conditional bars came (a bar after an operand)."""
    by, errors = run(tmp_path, "# D\n\n$$\\sigma(w|x|) = \\frac{1}{1 + e^{-w|x|}}$$\n\n"
                               "$$p\\left(y \\middle| x\\right) = x + y$$\n\n$$p(y | x) = y + x$$\n")
    assert errors == [] and by == {"3": Verdict.PROVED, "7": Verdict.PROVED}


@pytest.mark.parametrize(("remark", "fragment"), [
    ("\\quad \\text{(wrong for } x < 0\\text{)}", "does not hold"),
    ("\\quad \\text{(invalid for } x < 0\\text{)}", "does not hold"),
    ("\\quad (y \\text{ or } x \\geq 0)", "with words between"),
    ("\\quad (x \\text{ and } y \\geq 0)", "with words between"),
    ("\\tag{$x > 0$}", "states a condition beside the line"),
    ("\\tag*{for $x \\ge 0$}", "states a condition beside the line"),
    ("\\quad \\text{for $x$ in $(0,1)$}", "states a condition in words"),
    ("\\quad \\text{for } x \\text{ between } 0 \\text{ and } 1", "states a condition in words"),
])
def test_a_remark_that_says_where_the_line_holds_in_other_ways_is_refused(
        tmp_path: Path, remark: str, fragment: str) -> None:
    """Each was read without its condition (or with the negated one as a hypothesis) and
    refuted, or proved under x < 0 ('wrong for x < 0')."""
    by, errors = run(tmp_path, f"# A\n\n$$|x| + |y| = x + y {remark}$$\n")
    assert [e.line for e in errors] == [3] and fragment in errors[0].message
    assert by.get("3") in (None, Verdict.ERROR)


@pytest.mark.parametrize("case", ["For $x ⩾ 0$:", "For $x \\gg 0$:", "For $x \\approx 1$:",
                                  "If $|x| = x$:"])
def test_a_prose_case_the_reader_cannot_read_is_not_dropped(tmp_path: Path, case: str) -> None:
    by, _ = run(tmp_path, f"# B\n\n```derivcheck\nsymbols = {{ x = \"real\" }}\n```\n\n{case}\n\n"
                          "$$|x| = x$$\n")
    assert by.get("9") is not Verdict.REFUTED


def test_a_density_at_another_letter_is_refused(tmp_path: Path) -> None:
    """p(x) after p(y) = θ^y (1 − θ)^{1−y}: p at x, or the density of x? (p(x) = 1/2 was
    refuted as a claim about p(y)'s formula at x; then p(1) read with the first, and a true
    line about the second refuted)."""
    by, errors = run(tmp_path, "# B\n\n$$p(y) = \\theta^y (1 - \\theta)^{1 - y}$$\n\n"
                               "$$p(x) = \\frac{1}{2}$$\n\n$$p(1) = \\theta$$\n\n"
                               "$$\\log p(y_i) = y_i \\log \\theta + (1 - y_i) \\log(1 - \\theta)$$"
                               "\n\n# C\n\n$$f(y) = y^2$$\n\n$$f(x) = x^2$$\n")
    assert [e.line for e in errors] == [5, 7, 9]  # (and p from there on: which one?)
    assert "may define the density of x" in errors[0].message
    assert all("which one a line after it means cannot be told" in e.message for e in errors[1:])
    assert by == {"7": Verdict.ERROR, "9": Verdict.ERROR, "15": Verdict.PROVED}
    # at a number, before any other density: p(1) is it
    by, errors = run(tmp_path, "# B\n\n$$p(y) = \\theta^y (1 - \\theta)^{1 - y}$$\n\n"
                               "$$p(1) = \\theta$$\n\n$$p(0) = \\theta$$\n")
    assert errors == [] and by == {"5": Verdict.PROVED, "7": Verdict.REFUTED}


def test_a_side_undefined_in_every_region_is_an_error_not_vacuous(tmp_path: Path) -> None:
    """d/dx log x = 1/|x| (x < 0): 'proved vacuously: the hypotheses cannot hold', though
    x < 0 can hold; log x is undefined there."""
    by, _ = run(tmp_path, "# A\n\n$$\\frac{d}{dx} \\log x = \\frac{1}{|x|} \\quad (x < 0)$$\n\n"
                          "$$\\log x = \\log|x| \\quad (x<0)$$\n\n$$|x| = -x \\quad (x < 0)$$\n")
    assert by == {"3": Verdict.ERROR, "5": Verdict.ERROR, "7": Verdict.PROVED}


def test_an_evaluation_bar_at_pi_and_with_spacing(tmp_path: Path) -> None:
    by, errors = run(tmp_path, "# E\n\n$$\\left. x^2 y \\right|_{x=\\pi, y=\\frac12} = "
                               "\\frac{\\pi^2}{2}$$\n\n$$\\left. x + y \\right|_{x = 1,\\, y = 2} = 4$$\n")
    assert errors == [] and by == {"3": Verdict.PROVED, "5": Verdict.REFUTED}


def test_a_bound_beside_a_definition_does_not_refuse_it(tmp_path: Path) -> None:
    """"where $0 < \\theta < 1$, the pmf is $$p(y) = …$$": the definition was refused (no
    condition can be written in it) and every later use of p with it."""
    by, errors = run(tmp_path, "# B\n\nFor a coin with bias $\\theta$, where $0 < \\theta < 1$, "
                               "the pmf is\n\n$$p(y) = \\theta^y (1-\\theta)^{1-y}$$\n\n"
                               "Taking logs:\n\n$$\\log p(y) = y \\log\\theta + (1-y)\\log(1-\\theta)$$"
                               "\n\n$$\\log p(y) = y \\log\\theta + y\\log(1-\\theta)$$\n")
    assert errors == []
    assert by == {"9": Verdict.PROVED, "11": Verdict.UNKNOWN}  # (false, but the bound unread)


def test_a_cited_derivative_as_a_condition_does_not_crash(tmp_path: Path) -> None:
    """"\\quad \\text{since } σ'(x) = σ(x)(1 − σ(x))" after a line with d/dx: the hypothesis was
    put at a point with x → 0 inside d/dx ('Can't calculate derivative wrt 0', an internal
    error)."""
    by, errors = run(tmp_path, "# C\n\n$$\\frac{d}{dx}\\sigma(x)\\left(1-\\sigma(x)\\right) = "
                               "\\sigma(x)(1-\\sigma(x))(1-2\\sigma(x)) \\quad \\text{since } "
                               "\\sigma'(x) = \\sigma(x)(1-\\sigma(x))$$\n")
    assert errors == [] and by["3"] in (Verdict.PROVED, Verdict.UNKNOWN)


def test_an_evaluation_bar_away_from_a_kink(tmp_path: Path) -> None:
    """d/dx log(1 + |x|) at x = 1 was refused as at a kink; refused only where a kink's
    argument is 0 there (|x| at 0), or not a number."""
    text = ("# K\n\n$$\\frac{d}{dx}\\log(1+|x|)\\Big|_{x=1} = \\frac12$$\n\n"
            "$$\\frac{d}{dx}\\log(1+|x|)\\Big|_{x=-1} = -\\frac12$$\n\n"
            "$$\\frac{d}{dx}|x|\\Big|_{x=0} = 0$$\n\n$$\\sigma(|x|)\\Big|_{x=-1} = \\sigma(1)$$\n\n"
            "$$\\frac{d}{dx}\\max(0, x)\\Big|_{x=2} = 0$$\n\n"
            "$$\\frac{d}{dx}\\max(0, x)\\Big|_{x=0} = 0$$\n")
    by, errors = run(tmp_path, text)
    assert sorted(e.line for e in errors) == [7, 13]
    assert by["3"] is Verdict.PROVED and by["5"] is Verdict.PROVED
    assert by["9"] is Verdict.PROVED and by["11"] is Verdict.REFUTED


def test_an_indented_code_block_is_not_math(tmp_path: Path) -> None:
    """"Here is the LaTeX source I typed:" then a line indented by four spaces: Markdown shows it
    as code, and it was checked (and refuted); inside a list item the same indent goes on with
    the item, and is read; so is an indented line inside a $$ display."""
    text = ("# A\n\nHere is the LaTeX source I typed:\n\n    $$(a+b)^2 = a^2 + b^2$$\n\n"
            "# B\n\n1. First,\n\n    $$(a+b)^2 = a^2 + 2ab + b^2$$\n\n2. Then\n\n"
            "    $$(a-b)^2 = a^2 - b^2$$\n\n# C\n\n$$\n    (x+1)^2 = x^2 + 2x + 1\n$$\n")
    by, errors = run(tmp_path, text)
    assert errors == []
    assert by == {"11": Verdict.PROVED, "15": Verdict.REFUTED, "19": Verdict.PROVED}


def test_a_vector_parameter_given_a_number(tmp_path: Path) -> None:
    """f(x) = xᵀx with x a declared vector, then f(x_1) = x_1²: proved with a number where the
    vector was (the transpose of a number is itself); refused now where the definition uses
    its parameter as only an array can be used. h_θ(x) = θ₀ + θ₁x at a sample stays read."""
    text = ("# D\n\n```derivcheck\nvectors = { x = 2, y = 2 }\n```\n\n$$f(x) = x^T x$$\n\n"
            "$$f(x_1) = x_1^2$$\n\n$$f(x) = x_1^2 + x_2^2$$\n\n$$g(x) = 2x + 1$$\n\n"
            "$$g(x_1) = 2x_1 + 1$$\n")
    by, errors = run(tmp_path, text)
    assert [e.line for e in errors] == [9] and "uses as one" in errors[0].message
    assert by == {"9": Verdict.ERROR, "11": Verdict.PROVED, "15": Verdict.PROVED}
