"""Reading documents (session 35): what a new user's pages showed (one-hot words said of another
letter than the display's)."""

from __future__ import annotations

from pathlib import Path

import pytest
from recheck import checked_file, page_goals

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
    verdicts, errors, got = page_goals(tmp_path, text)
    return verdicts, errors, [c.result.detail or "" for c in got]


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


# ---- from an adversary of this session: a value a page defines, applied; remarks in words;
# cases, one-hot labels and signs said in words


@pytest.mark.parametrize("text", [
    "$$h = e^{-t}$$\n\n$$h(0) = 0$$\n",  # h(0) = 1 (h at 0) or 0 (h times 0): proved as h·0
    "$$s = 3x + 1$$\n\nEvaluating at zero:\n\n$$s(0) = 0$$\n",
    "$$y = mx + b$$\n\nThe intercept is\n\n$$y(0) = b$$\n",  # refuted as y·0
    "$$L = (y - wx)^2$$\n\n$$L(w) = (y - wx)^2$$\n",
])
def test_a_defined_value_applied_is_read_two_ways(tmp_path: Path, text: str) -> None:
    verdicts, errors, _ = goals(tmp_path, text)
    assert set(verdicts) <= {Verdict.ERROR} and len(errors) == 1
    assert "a value the page defines" in errors[0] and "times (" in errors[0]


def test_a_product_with_a_defined_value_stays_a_product(tmp_path: Path) -> None:
    verdicts, errors, _ = goals(tmp_path, "$$a = \\sigma(z)$$\n\n$$\\frac{da}{dz} = a(1 - a)$$\n")
    assert errors == [] and verdicts == [Verdict.PROVED]


@pytest.mark.parametrize("remark, message", [
    ("\\text{(} x > 0 \\text{ excluded)}", "'excluded'"),
    ("\\text{if } x > 0 \\text{ is violated}", "'violated'"),
    ("\\text{ barring } x>0", "'barring'"),
    ("\\text{ ignoring } x > 0", "'ignoring'"),
    ("\\text{ away from } x > 0", "'away'"),
    ("\\text{for } x > 0 \\text{ and for } x < 0", "separate cases"),
    ("\\text{for both } x > 1 \\text{ and } x < -1", "separate cases"),
])
def test_a_remark_with_words_beside_its_condition_is_refused(tmp_path: Path, remark: str,
                                                             message: str) -> None:
    # each was proved (under x > 0, or vacuously under x > 0 and x < 0)
    verdicts, errors, _ = goals(tmp_path, f"$$|x| = x \\quad {remark}$$\n")
    assert set(verdicts) <= {Verdict.ERROR} and len(errors) == 1 and message in errors[0]


@pytest.mark.parametrize("remark", ["\\text{if } x > 0", "(x > 0)", "\\text{for } x > 0",
                                    "\\text{valid when } x > 0", "\\text{since } x > 0"])
def test_a_remark_that_only_states_its_condition_is_read(tmp_path: Path, remark: str) -> None:
    verdicts, errors, _ = goals(tmp_path, f"$$|x| = x \\quad {remark}$$\n")
    assert errors == [] and verdicts == [Verdict.PROVED]


SOFTMAX = ("```derivcheck\n"
           "dims = { n = \"positive integer\" }\n"
           "vectors = { z = \"n\", y = \"n\" }\n"
           "```\n\n"
           "$$p_j = \\frac{e^{z_j}}{\\sum_k e^{z_k}}$$\n\n")


@pytest.mark.parametrize("prose", [
    "If $i$ and $j$ are equal:",
    "When $j$ is $i$:",
    "Taking $j$ equal to $i$,",
    "If the indices coincide,",
    "Now the other case.",
])
def test_a_case_of_the_indices_in_words_leaves_a_refutation_unknown(tmp_path: Path,
                                                                    prose: str) -> None:
    # true at i = j (what the words say), false elsewhere: it was refuted
    verdicts, errors, details = goals(tmp_path, SOFTMAX + prose + "\n\n$$\\frac{\\partial p_i}"
                                      "{\\partial z_j} = p_i(1-p_i)$$\n")
    assert errors == [] and verdicts == [Verdict.UNKNOWN]
    assert "not read" in details[0]


def test_a_case_in_words_after_the_display_and_no_case_at_all(tmp_path: Path) -> None:
    line = "$$\\frac{\\partial p_i}{\\partial z_j} = p_i(1-p_i)$$\n"
    verdicts, errors, _ = goals(tmp_path, SOFTMAX + line + "\non the diagonal.\n")
    assert errors == [] and verdicts == [Verdict.UNKNOWN]
    verdicts, errors, _ = goals(tmp_path, SOFTMAX + "We now differentiate.\n\n" + line)
    assert errors == [] and verdicts == [Verdict.REFUTED]  # (nothing said of a case)
    verdicts, errors, _ = goals(tmp_path, SOFTMAX + "For $i = j$:\n\n" + line)
    assert errors == [] and verdicts == [Verdict.PROVED]  # (the case, read)


@pytest.mark.parametrize("prose", [
    "The true class has $y_c = 1$ and every other $y_k = 0$.",
    "Labels are 1-hot.",
    "The label vector $y$ encodes the class as a 1 in position $c$, 0 elsewhere.",
])
def test_a_one_hot_label_in_other_words(tmp_path: Path, prose: str) -> None:
    verdicts, errors, _ = goals(tmp_path, SOFTMAX + "$$L = -\\sum_k y_k \\log p_k$$\n\n" + prose
                                + "\n\n$$\\frac{\\partial L}{\\partial z_j} = p_j - y_j$$\n")
    assert errors == [] and verdicts == [Verdict.UNKNOWN]  # (it was refuted at y = [0])


@pytest.mark.parametrize("prose, verdict", [
    ("Here x is a positive number.", Verdict.UNKNOWN),
    ("Assume x exceeds 0.", Verdict.UNKNOWN),
    ("We restrict to x in (0, ∞).", Verdict.UNKNOWN),
    ("Take x greater than zero. Then", Verdict.UNKNOWN),
    ("Here a is a number.", Verdict.REFUTED),  # (no sign said, and a is not the display's)
])
def test_a_sign_said_in_words_without_math(tmp_path: Path, prose: str, verdict: Verdict) -> None:
    verdicts, errors, _ = goals(tmp_path, f"{prose}\n\n$$|x| = x$$\n")
    assert errors == [] and verdicts == [verdict]


# ---- a new user's pages: a label's set before a definition, a count before "let"


def test_a_label_in_a_set_of_numbers_before_a_definition(tmp_path: Path) -> None:
    # the definition is read (it needs no condition), the displays after it are checked
    # without the set: a proof covers it, a refutation is in doubt
    verdicts, errors, details = goals(tmp_path, (
        "For a logit $z$ and label $y \\in \\{0,1\\}$:\n\n"
        "$$\\ell(z) = -y \\log \\sigma(z) - (1 - y) \\log(1 - \\sigma(z))$$\n\n"
        "$$\\frac{d\\ell}{dz} = \\sigma(z) - y$$\n\n"
        "$$y^2 = y$$\n"))
    assert errors == [] and verdicts == [Verdict.PROVED, Verdict.UNKNOWN]
    assert "y \\in \\{0,1\\}" in details[1]


def test_a_set_that_is_not_of_numbers_stays_refused(tmp_path: Path) -> None:
    _, errors, _ = goals(tmp_path, ("For $y \\in \\{a, b\\}$:\n\n$$y^2 = y$$\n"))
    assert len(errors) == 1 and "a set a letter ranges over" in errors[0]


def test_a_count_of_examples_before_a_definition_in_the_prose(tmp_path: Path) -> None:
    verdicts, errors, _ = goals(tmp_path, (
        "```derivcheck\nsymbols = { w = \"real\", b = \"real\" }\n```\n\n"
        "For $m$ training examples, let $a = \\sigma(w + b)$. Then\n\n"
        "$$\\frac{da}{db} = a(1 - a)$$\n"))
    assert errors == [] and verdicts == [Verdict.PROVED]


@pytest.mark.parametrize("prose", ["Next, a cubic loss:", "Let us now look at a different loss.",
                                   "Suppose instead that"])
def test_prose_that_starts_a_new_problem_in_other_words(tmp_path: Path, prose: str) -> None:
    # L = x³ after L = x²: a new definition, or a false claim? Refused (both were refuted)
    verdicts, errors, _ = goals(tmp_path, "$$L = x^2$$\n\n$$\\frac{dL}{dx} = 2x$$\n\n" + prose
                                + "\n\n$$L = x^3$$\n\n$$\\frac{dL}{dx} = 3x^2$$\n")
    assert Verdict.REFUTED not in verdicts and len(errors) == 2
    assert "a new definition of it" in errors[0]


def test_a_condition_on_the_line_gives_the_domain_an_implication_needs(tmp_path: Path) -> None:
    verdicts, errors, _ = goals(tmp_path, "$$a^2 w - a b = 0 \\implies w = \\frac{b}{a} "
                                "\\quad (a \\neq 0)$$\n\n$$a w = b \\implies w = \\frac{b}{a}$$\n")
    assert errors == [] and verdicts == [Verdict.PROVED, Verdict.UNKNOWN]


def test_an_equation_said_to_be_a_curve_is_no_identity(tmp_path: Path) -> None:
    # "On the curve xy = 1 we have x²y² = 1": xy was a word defined, and x²y² = 1 refuted
    verdicts, errors, _ = goals(tmp_path, "On the curve\n\n$$xy = 1$$\n\nwe have\n\n"
                                "$$x^2 y^2 = 1$$\n")
    assert Verdict.REFUTED not in verdicts and [e.split(":")[1] for e in errors] == ["3", "7"]
    assert "assumed ('on the curve')" in errors[0]


# ---- from a second adversary: implications refuted only from all they may follow from


@pytest.mark.parametrize("text", [
    "For nonzero $a$, dividing by $a$:\n\n$$a x = a b \\implies x = b$$\n",
    "The mass $m$ is positive. Newton's law gives\n\n$$m a = m g \\implies a = g$$\n",
    "$$\\begin{aligned}\nx + y &= 3 \\\\\nx - y &= 1\n\\end{aligned}$$\n\n$$\\Rightarrow x = 2$$\n",
    "$$x + y = 3, \\quad x - y = 1 \\implies x = 2$$\n",
    "$$x = 1 \\implies x y = y \\implies x y + x = y + 1$$\n",
])
def test_an_implication_that_may_follow_from_more_is_not_refuted(tmp_path: Path,
                                                                 text: str) -> None:
    # each was refuted at a point the prose, the system or the chain excludes
    verdicts, _, _ = goals(tmp_path, text)
    assert Verdict.REFUTED not in verdicts


def test_a_condition_on_the_premise_row_holds_for_the_step(tmp_path: Path) -> None:
    verdicts, errors, _ = goals(tmp_path, "$$\n\\begin{aligned}\na x &= a b \\quad (a \\neq 0) \\\\\n"
                                "\\Rightarrow x &= b\n\\end{aligned}\n$$\n")
    assert errors == [] and verdicts == [Verdict.PROVED]


# ---- remarks: a consequence is no condition; same-letter conditions joined by 'and'


@pytest.mark.parametrize("remark", ["\\text{so } x \\ge 0", "\\text{hence } x \\ge 0",
                                    "\\text{for } x > 0 \\text{ and } x < 0",
                                    "(x > 0 \\text{ and } x < 0)"])
def test_a_remark_that_is_no_condition_of_the_line_is_refused(tmp_path: Path,
                                                              remark: str) -> None:
    verdicts, errors, _ = goals(tmp_path, f"$$\\sqrt{{x^2}} = x \\quad {remark}$$\n")
    assert set(verdicts) <= {Verdict.ERROR} and len(errors) == 1


@pytest.mark.parametrize("remark", ["\\text{for } x > 0 \\text{ by the power rule}",
                                    "\\text{defined for } x > 0", "\\text{as long as } x > 0",
                                    "\\text{for } x > 0 \\text{ (standard derivative)}",
                                    "(x > 0 \\text{ and } y > 0)"])
def test_a_remark_with_a_reason_beside_its_condition_is_read(tmp_path: Path,
                                                             remark: str) -> None:
    verdicts, errors, _ = goals(tmp_path, f"$$\\sqrt{{x^2}} = x \\quad {remark}$$\n")
    assert errors == [] and verdicts == [Verdict.PROVED]


def test_prose_after_the_last_display_of_a_notebook_is_read(tmp_path: Path) -> None:
    import json

    cells = [{"cell_type": "markdown", "metadata": {}, "source": "$$a^2 + b^2 = 5$$"},
             {"cell_type": "markdown", "metadata": {}, "source": "where $a = 1$ and $b = 2$."}]
    path = tmp_path / "n.ipynb"
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4,
                                "nbformat_minor": 5}), encoding="utf-8")
    report, errors = checked_file(path)
    verdicts = [c.result.verdict for o in report.outcomes  # type: ignore[attr-defined]
                for c in o.checks if c.check.kind is CheckKind.GOAL]
    assert Verdict.REFUTED not in verdicts and errors  # (it was refuted at a = 0)


def test_a_refuted_implication_says_where_the_premise_holds(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    import cli

    path = tmp_path / "s.md"
    path.write_text("$$2x + 3 = 7 \\Rightarrow x = 3$$\n", encoding="utf-8")
    cli.main(["check", str(path), "--format", "json", "--no-cache"])
    records = json.loads(capsys.readouterr().out)["records"]
    step = next(r for r in records if r["kind"] == "step")
    assert step["verdict"] == "refuted" and step["counterexample"]["point"] == {"x": "2"}
    assert "the previous equation holds there" in step["counterexample"]["case"]
    cli.main(["check", str(path), "--no-cache", "--color", "never"])
    shown = capsys.readouterr().out
    assert "--seed 20261122" in shown and "the new equation's left side = 2" in shown


# ---- from a third adversary


@pytest.mark.parametrize("text", [
    # a middle line defined where y ≠ 0 only: the chain's whole is no claim at y = 0
    "$$x y = y \\Rightarrow \\frac{x y}{y} = 1 \\Rightarrow x = 1$$\n",
    # the system the prose states, or the display before it with no prose (or "and") between
    "Consider the system $x + y = 3$ and $x - y = 1$.\n\n$$x - y = 1 \\Rightarrow x = 2$$\n",
    "We have\n\n$$x + y = 3$$\n\nand\n\n$$x - y = 1 \\Rightarrow x = 2$$\n",
    "$$x + y = 3$$\n\n$$x - y = 1 \\Rightarrow x = 2$$\n",
    "$$x + y = 3, \\qquad x - y = 1$$\n\nAdding the two equations,\n\n"
    "$$x - y = 1 \\Rightarrow x = 2$$\n",
    "$$x - y = 1 \\implies x = 2, \\quad x + y = 3$$\n",
    # a condition whose own side is undefined at the solved point
    "$$2x + 3 = 7 \\Rightarrow x = 3 \\quad (\\frac{1}{x - 2} \\neq 0)$$\n",
    "$$2x + 3 = 7 \\Rightarrow x = 3 \\quad (\\frac{1}{x - 2} > 0)$$\n",
])
def test_no_implication_or_premise_is_refuted_on_a_guess(tmp_path: Path, text: str) -> None:
    verdicts, _, _ = goals(tmp_path, text)
    assert Verdict.REFUTED not in verdicts and Verdict.ERROR not in verdicts[-1:]


def test_an_equivalence_from_a_premise_that_holds_nowhere_is_not_proved(tmp_path: Path) -> None:
    verdicts, _, _ = goals(tmp_path, "$$\\frac{x^2 - 1}{x - 1} = 2 \\iff x = 1$$\n")
    assert verdicts == [Verdict.UNKNOWN]


@pytest.mark.parametrize("remark", [
    "\\text{then } x < 0", "\\text{(it is then true that } x < 0 \\text{)}",
    "\\text{(as a result, } x \\le 0 \\text{)}", "\\text{(if } y > 0 \\text{ then } x > 0 \\text{)}",
    "\\text{(see the step for } x < 0 \\text{)}", "\\text{(the inverse holds for } x < 0 \\text{)}",
])
def test_a_remark_that_states_a_consequence_or_points_elsewhere_is_refused(
        tmp_path: Path, remark: str) -> None:
    verdicts, errors, _ = goals(tmp_path, f"$$\\sqrt{{x^2}} = -x \\quad {remark}$$\n")
    assert set(verdicts) <= {Verdict.ERROR} and len(errors) == 1


@pytest.mark.parametrize("prose", ["For matching indices:", "When the two indices agree:",
                                   "In the case of a repeated index:"])
def test_more_index_cases_in_words(tmp_path: Path, prose: str) -> None:
    text = ("```derivcheck\ndims = { n = \"positive integer\" }\nvectors = { x = \"n\" }\n```\n\n"
            + prose + "\n\n$$\\frac{\\partial}{\\partial x_j} x_i^2 = 2 x_i$$\n")
    verdicts, errors, _ = goals(tmp_path, text)
    assert errors == [] and verdicts == [Verdict.UNKNOWN]


@pytest.mark.parametrize("text", [
    "Note that x must be positive here.\n\n$$|x| = x$$\n",
    "Below, x must exceed 0.\n\n$$|x| = x$$\n",
    "Restricting to positive inputs:\n\n$$|x| = x$$\n",
    "The input x is never negative.\n\n$$|x| = x$$\n",
    "$$|x| = x$$\n\nThis only works when x exceeds 0.\n",
])
def test_more_signs_in_words(tmp_path: Path, text: str) -> None:
    verdicts, errors, _ = goals(tmp_path, text)
    assert errors == [] and verdicts == [Verdict.UNKNOWN]


@pytest.mark.parametrize("text", [
    "$$\\alpha := e^{-t}$$\n\n$$\\alpha(s) = e^{-s}$$\n",
    "$$h_1 := e^{-t}$$\n\n$$h_1(s) = e^{-s}$$\n",
    "$$\\hat{h} := e^{-t}$$\n\n$$\\hat{h}(s) = e^{-s}$$\n",
    "$$h := e^{-x t}$$\n\n$$h(s) = e^{-x s}$$\n",
    "$$g := 5$$\n\n$$g(2) = 10$$\n",
])
def test_more_defined_values_applied_are_refused(tmp_path: Path, text: str) -> None:
    verdicts, errors, _ = goals(tmp_path, text)
    assert set(verdicts) <= {Verdict.ERROR} and len(errors) == 1
    assert "a value the page defines" in errors[0]


# ---- from a fourth adversary


@pytest.mark.parametrize("text", [
    "$$h = t^2$$\n\n$$h(\\frac{1}{2}) = \\frac{t^2}{2}$$\n",  # (h at ½ is ¼: proved as h·½)
    "$$h = \\cos(t)$$\n\n$$h(\\pi) = \\pi \\cos t$$\n",
    "$$h = e^{-t}$$\n\n$$h(\\ln 2) = \\frac{1}{2}$$\n",
    "$$h = t^2 + 1$$\n\n$$h(\\sqrt{2}) = 3$$\n",
])
def test_a_defined_value_at_a_constant_is_refused(tmp_path: Path, text: str) -> None:
    verdicts, errors, _ = goals(tmp_path, text)
    assert set(verdicts) <= {Verdict.ERROR} and "a value the page defines" in errors[0]


def test_a_decorated_value_times_an_expression_stays_a_product(tmp_path: Path) -> None:
    verdicts, errors, _ = goals(tmp_path, "$$\\hat{y} = \\sigma(w x)$$\n\n"
                                "$$\\hat{y}(1 - y) + y(1 - \\hat{y}) = \\hat{y} + y - 2\\hat{y} y$$\n")
    assert errors == [] and verdicts == [Verdict.PROVED]


def test_what_a_part_sums_declares_holds_in_that_part_only(tmp_path: Path) -> None:
    verdicts, errors, _ = goals(tmp_path, (
        "# Part a\n\n$$\\frac{1}{n} \\sum_{i=1}^{n} (x_i - c) = \\frac{1}{n} \\sum_{i=1}^{n} x_i - c$$\n\n"
        "# Part b\n\nThe phase is $2 \\pi n$, where $n$ is the refractive index.\n\n"
        "$$\\cos(2 \\pi n) = 1$$\n"))
    assert errors == [] and verdicts == [Verdict.PROVED, Verdict.REFUTED]  # (n = 1.5 in b)


def test_functions_at_an_index_are_no_vector(tmp_path: Path) -> None:
    verdicts, _, _ = goals(tmp_path, "$$\\sum_{i=1}^{n} g_i(2x) = 2 \\sum_{i=1}^{n} g_i(x)$$\n")
    assert Verdict.PROVED not in verdicts  # (g_i(2x) read as g_i · 2x was proved)


@pytest.mark.parametrize("text", [
    "$$z = i y \\Rightarrow z^2 = -y^2$$\n",  # (i the imaginary unit?)
    "We divide by $y$ (which is nonzero):\n\n$$x y = y \\Rightarrow x = 1$$\n",
    "We know\n\n$$x + y = 3$$\n\nThen\n\n$$x - y = 1 \\Rightarrow x = 2$$\n",
    "We know\n\n$$x + y = 3$$\n\nUsing the constraint above,\n\n$$x - y = 1 \\Rightarrow x = 2$$\n",
])
def test_more_implications_that_are_not_refuted(tmp_path: Path, text: str) -> None:
    verdicts, _, _ = goals(tmp_path, text)
    assert Verdict.REFUTED not in verdicts[-1:]


@pytest.mark.parametrize("text", [
    "$$\\sin(\\pi n) = 0 \\quad \\text{for integer } n$$\n",
    "$$\\cos(2 \\pi k) = 1 \\quad (k \\text{ integer})$$\n",
    "$$\\cos(\\pi n) = -1 \\quad \\text{for odd } n$$\n",
    "$$\\sin(\\pi n) = 0 \\quad \\text{for integer } n > 0$$\n",
])
def test_a_kind_in_a_remark_is_refused(tmp_path: Path, text: str) -> None:
    verdicts, errors, _ = goals(tmp_path, text)
    assert set(verdicts) <= {Verdict.ERROR} and len(errors) == 1


@pytest.mark.parametrize("text", [
    "For every integer $n$,\n\n$$\\sin(\\pi n) = 0$$\n",
    "Let $n$ be an odd integer. Then\n\n$$\\cos(\\pi n) = -1$$\n",
    "When $n$ is even,\n\n$$\\cos(\\pi n) = 1$$\n",
    "Each $y_j$ is either 0 or 1, so\n\n$$\\sum_{j=1}^{K} y_j^2 = \\sum_{j=1}^{K} y_j$$\n",
    "$$\\sum_{i=1}^{n} (x_i - \\mu)^2 = \\sum_{i=1}^{n} x_i^2 - n \\mu^2$$\n\n"
    "where $\\mu$ is the mean of the $x_i$.\n",
])
def test_a_kind_or_a_meaning_in_the_prose_leaves_a_refutation_unknown(tmp_path: Path,
                                                                      text: str) -> None:
    verdicts, errors, _ = goals(tmp_path, text)
    assert errors == [] and verdicts == [Verdict.UNKNOWN]
