"""Reading documents (session 29): a conditional bar between a function's arguments
(checker/parse/conditional.py), log-likelihoods with symbolic exponents, and the wrong
verdicts an adversary found."""

from __future__ import annotations

from pathlib import Path

import pytest
from recheck import checked_file

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
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    report, errors = checked_file(path)  # (every counterexample re-checked)
    return {o.id.rsplit("::L", 1)[1]: c.result.verdict for o in report.outcomes
            for c in o.checks if c.check.kind is CheckKind.GOAL}, errors


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
    by, errors = run(tmp_path, MLE + f"\n$${display}$$\n")
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
