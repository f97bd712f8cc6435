"""Reading documents (session 35): what a new user's pages showed (one-hot words said of another
letter than the display's)."""

from __future__ import annotations

from pathlib import Path

import pytest
from recheck import checked_file

from checker.model import CheckKind
from checker.results import Verdict

JACOBIAN = ("```derivcheck\n"
            "dims = { K = \"positive integer\" }\n"
            "vectors = { z = \"K\", y = \"K\" }\n"
            "```\n\n"
            "PROSE\n\n"
            "$$p_i = \\frac{e^{z_i}}{\\sum_{j=1}^{K} e^{z_j}}$$\n\n"
            "$$\\frac{\\partial p_i}{\\partial z_j} = p_i(\\delta_{ij} - p_i)$$\n")


def goals(tmp_path: Path, text: str) -> tuple[list[Verdict], list[str], list[str]]:
    """Each display's goal verdict (counterexamples re-checked), the reader's errors, and each
    goal's detail."""
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    report, errors = checked_file(path)
    got = [c for o in report.outcomes  # type: ignore[attr-defined]
           for c in o.checks if c.check.kind is CheckKind.GOAL]
    return ([c.result.verdict for c in got], [str(e) for e in errors],
            [c.result.detail or "" for c in got])


# ---- words said of another letter


@pytest.mark.parametrize("prose", [
    "Logits $z$, target $y$ (one-hot).",
    "The label $y$ is one-hot.",
    "Here $y$ is a one-hot vector and $z$ the logits.",
    "We use a one-hot target $y$.",
])
def test_one_hot_said_of_a_letter_the_display_does_not_write(tmp_path: Path,
                                                             prose: str) -> None:
    # a wrong Jacobian (p_i(δ_ij − p_i) for p_i(δ_ij − p_j)) in z alone: the words are y's
    verdicts, errors, _ = goals(tmp_path, JACOBIAN.replace("PROSE", prose))
    assert errors == [] and verdicts == [Verdict.REFUTED]


@pytest.mark.parametrize("prose", [
    "The logits $z$ are one-hot here.",  # said of the display's own letter
    "The vectors are one-hot.",  # said of no letter
])
def test_one_hot_that_may_concern_the_display_leaves_it_unknown(tmp_path: Path,
                                                                prose: str) -> None:
    verdicts, errors, details = goals(tmp_path, JACOBIAN.replace("PROSE", prose))
    assert errors == [] and verdicts == [Verdict.UNKNOWN]
    assert "not read as a hypothesis" in details[0]


# ---- implications: a scale in sizes, and a point where the premise holds and the line not

NORMAL = ("```derivcheck\n"
          "dims = { n = \"positive integer\", d = \"positive integer\" }\n"
          "vectors = { w = \"d\", y = \"n\" }\n"
          "matrices = { X = [\"n\", \"d\"] }\n"
          "```\n\n")


def test_an_implication_scaled_by_a_size_is_proved(tmp_path: Path) -> None:
    verdicts, errors, details = goals(tmp_path, NORMAL + (
        "$$\\frac{2}{n} X^\\top (Xw - y) = 0 \\implies X^\\top X w = X^\\top y$$\n\n"
        "$$\\frac{2}{n} X^\\top (Xw - y) = 0 \\implies X^\\top X w = 2 X^\\top y$$\n\n"
        "$$\\frac{1}{n} X^\\top X w - \\frac{1}{d} X^\\top y = 0 \\implies "
        "X^\\top X w = X^\\top y$$\n"))
    assert errors == []
    assert verdicts == [Verdict.PROVED, Verdict.UNKNOWN, Verdict.UNKNOWN]
    assert "multiplied by n/2" in details[0]


@pytest.mark.parametrize("line, letter", [
    ("(x^2 + \\lambda) w = x y \\implies w = \\frac{x y}{x^2 - \\lambda}", "lambda"),
    ("2x + 3 = 7 \\Rightarrow x = 3", "x"),
    ("\\frac{1}{x} = 2 \\Rightarrow x = 2", "x"),
    ("2(wx - y)x + 2\\lambda w = 0 \\implies w = \\frac{xy}{x^2 - \\lambda}", "w"),
    ("a + b = 1 \\iff a = 1 + b", "a"),
    ("x y = 0 \\Rightarrow x = 0", "y"),  # at y = 0 with x ≠ 0
])
def test_an_equation_solved_wrong_is_refuted_where_the_premise_holds(
        tmp_path: Path, line: str, letter: str) -> None:
    # the counterexample is re-checked: the premise holds there exactly, the line does not
    verdicts, errors, details = goals(tmp_path, f"$${line}$$\n")
    assert errors == [] and verdicts == [Verdict.REFUTED]
    assert "the previous equation holds at this point" in details[0]


@pytest.mark.parametrize("line", [
    "(x^2 + \\lambda) w = x y \\implies w = \\frac{x y}{x^2 + \\lambda}",  # right (domain)
    "x^2 = 4 \\Rightarrow x = 2",  # not of degree one: unknown, as before
    "x y = 0 \\Rightarrow x = 0 \\quad (y \\neq 0)",  # true where y ≠ 0
    "e^x = 2 \\Rightarrow x = \\log 3",  # not a rational function: not tried
])
def test_an_implication_that_may_follow_is_never_refuted(tmp_path: Path, line: str) -> None:
    verdicts, errors, _ = goals(tmp_path, f"$${line}$$\n")
    assert errors == [] and Verdict.REFUTED not in verdicts


def test_a_refuted_implication_needs_its_conditions(tmp_path: Path) -> None:
    # x declared positive: the point solved must be positive too (x = −1 is not one)
    verdicts, errors, _ = goals(tmp_path, (
        "```derivcheck\nsymbols = { x = \"positive\", y = \"real\" }\n```\n\n"
        "$$x + y = 0 \\Rightarrow y = x$$\n"))
    assert errors == [] and verdicts == [Verdict.REFUTED]
