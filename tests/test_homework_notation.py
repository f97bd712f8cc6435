"""Notation from homework as students write it (a helper's pass over 88 realistic documents):
decorated names without braces on the left of a definition, Andrew Ng's layer brackets, a
prose definition built on a formula that is not read, and parts labelled in bold. Each was
read wrongly (a wrong step proved, right ones refuted)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.files import load_file
from checker.results import Verdict
from tests.recheck import by_line, checked_file, document_verdicts

HEADER = ('```derivcheck\nsymbols = { x = "real", w = "real", b = "real", y = "real", '
          'lambda = "positive" }\nlatex = { "\\\\sigma" = "sigmoid" }\n```\n')


def check(tmp_path: Path, text: str) -> tuple[dict, list]:
    path = tmp_path / "hw.md"
    path.write_text(HEADER + text, encoding="utf-8")
    report, errors = checked_file(path)  # (counterexamples re-checked)
    out = {}
    for o in report.outcomes:
        line = int(o.id.rsplit("::L", 1)[1])
        out[line - HEADER.count("\n")] = [c.result.verdict for c in o.checks if c.check.step]
    return out, errors


@pytest.mark.parametrize("name", [r"\hat y", r"\bar y", r"\overline{y}",
                                  r"\hat{\mathbf{y}}", r"\tilde y"])
def test_a_decorated_name_without_braces_is_defined(tmp_path: Path, name: str) -> None:
    """\\hat y = σ(wx) was read as a claim about a letter ŷ (refuted), and the gradient that
    drops the data term was then proved."""
    got, errors = check(tmp_path, f"$${name} = \\sigma(wx)$$\n\n"
                        f"$$L = ({name} - y)^2 + \\lambda w^2$$\n\n"
                        "$$\\frac{dL}{dw} = 2\\lambda w$$\n\n"
                        f"$$\\frac{{dL}}{{dw}} = 2({name} - y){name}(1 - {name})x + 2\\lambda w$$\n")
    assert errors == []
    assert got == {5: [Verdict.REFUTED], 7: [Verdict.PROVED]}


def test_ng_layer_brackets_are_labels_not_powers(tmp_path: Path) -> None:
    """z^{[2]} = w^{[2]} a^{[1]} + b^{[2]} was read as z² = a·w² + b² (its definitions
    refuted): a label in brackets names a layer, as one in parentheses names a sample."""
    got, errors = check(tmp_path, "$$z^{[1]} = w^{[1]} x + b^{[1]}$$\n\n"
                        "$$a^{[1]} = \\tanh(z^{[1]})$$\n\n"
                        "$$z^{[2]} = w^{[2]} a^{[1]} + b^{[2]}$$\n\n"
                        "$$\\frac{\\partial z^{[2]}}{\\partial a^{[1]}} = w^{[2]}$$\n\n"
                        "$$\\frac{\\partial a^{[1]}}{\\partial x} = (1 - (a^{[1]})^2) w^{[1]}$$\n\n"
                        "$$\\frac{\\partial a^{[1]}}{\\partial x} = (1 - a^{[1]}) w^{[1]}$$\n")
    assert errors == []
    assert got == {7: [Verdict.PROVED], 9: [Verdict.PROVED], 11: [Verdict.REFUTED]}


def test_a_prose_definition_on_a_formula_not_read_is_refused(tmp_path: Path) -> None:
    """"Consider $\\hat{y} = …$ with loss $L = (\\hat{y} - y)^2 + …$": ŷ is read (consider
    defines); were it not, L (read) would use ŷ as a letter of its own and the wrong gradient
    2λw was proved."""
    got, errors = check(tmp_path, "Consider $\\hat{y} = \\sigma(wx)$ with loss "
                        "$L = (\\hat{y} - y)^2 + \\lambda w^2$.\n\n"
                        "$$\\frac{dL}{dw} = 2\\lambda w$$\n")
    assert errors == [] and got == {3: [Verdict.REFUTED]}
    got, errors = check(tmp_path, "Suppose $\\hat{y} = \\sigma(wx)$, with loss "
                        "$L = (\\hat{y} - y)^2 + \\lambda w^2$.\n\n"
                        "$$\\frac{dL}{dw} = 2\\lambda w$$\n")
    assert got == {} and [e.line for e in errors] == [3 + HEADER.count("\n")]


def test_bold_part_labels_are_sections(tmp_path: Path) -> None:
    """**(a)** and **(b)** each define L: (b)'s L is its own, not a claim about (a)'s, and
    (b)'s gradient that forgets the 2λw term is refuted (it was proved with (a)'s L)."""
    got, errors = check(tmp_path, "# Problem 3\n\nLet $u = wx - y$.\n\n**(a)** Unregularised:\n\n"
                        "$$L = u^2$$\n\n$$\\frac{dL}{dw} = 2ux$$\n\n"
                        "**(b)** With weight decay:\n\n$$L = u^2 + \\lambda w^2$$\n\n"
                        "$$\\frac{dL}{dw} = 2ux$$\n\n$$\\frac{dL}{dw} = 2ux + 2\\lambda w$$\n")
    assert errors == []
    assert got == {9: [Verdict.PROVED], 15: [Verdict.REFUTED], 17: [Verdict.PROVED]}


def test_a_bold_part_label_in_latex_is_a_section(tmp_path: Path) -> None:
    path = tmp_path / "hw.tex"
    path.write_text("% derivcheck: symbols = { x = \"real\", w = \"real\" }\n"
                    "\\textbf{(a)} Let $L = w^2 x$.\n\\[ \\frac{dL}{dw} = 2wx \\]\n"
                    "\\textbf{(b)} Let $L = w^3 x$.\n\\[ \\frac{dL}{dw} = 2wx \\]\n",
                    encoding="utf-8")
    report, errors = checked_file(path)
    assert errors == []
    assert [c.result.verdict for o in report.outcomes for c in o.checks if c.check.step] == \
        [Verdict.PROVED, Verdict.REFUTED]


def test_a_where_clause_in_the_display_defines_a_new_name(tmp_path: Path) -> None:
    """The advice the reader gives ("or in the display after \\quad \\text{where } L = …") was
    refused when followed: the clause was a hypothesis that ties L to w."""
    got, errors = check(tmp_path, "$$\\frac{\\partial L}{\\partial w} = (wx + b - y)x \\quad "
                        "\\text{where } L = \\frac{1}{2}(wx + b - y)^2$$\n\n"
                        "$$\\frac{\\partial L}{\\partial b} = (wx + b - y)x$$\n\n"
                        "$$\\frac{d}{dx} x^2 = 2x \\quad \\text{where } x = 3$$\n")
    assert errors == []
    assert got == {1: [Verdict.PROVED], 3: [Verdict.REFUTED], 5: [Verdict.PROVED]}


def test_a_sum_runs_over_the_product_after_its_brackets(tmp_path: Path) -> None:
    """\\sum_i (w x_i − y_i) x_i, in every MSE and logistic-regression gradient, was refused
    as ambiguous; the sum runs over the product (x_i outside it would be an index of nothing).
    Where the index is used outside the sum too, it stays refused."""
    path = tmp_path / "mse.md"
    path.write_text('```derivcheck\ndims = { n = "positive integer" }\nvectors = { x = "n", '
                    'y = "n" }\nsymbols = { w = "real" }\n```\n'
                    "$$L = \\frac{1}{n}\\sum_{i=1}^{n} (w x_i - y_i)^2$$\n\n"
                    "$$\\frac{\\partial L}{\\partial w} = \\frac{2}{n}\\sum_{i=1}^{n} "
                    "(w x_i - y_i) x_i$$\n\n"
                    "$$\\frac{\\partial L}{\\partial w} = \\frac{2}{n}\\sum_{i=1}^{n} "
                    "(w x_i - y_i)$$\n\n"
                    "$$\\frac{\\partial L}{\\partial x_i} = \\frac{2}{n}\\sum_{i=1}^{n} "
                    "(w x_i - y_i) w$$\n\n"
                    "$$y_i = \\sum_{i=1}^{n} (x_i) x_i$$\n", encoding="utf-8")
    report, errors = checked_file(path)  # (counterexamples re-checked)
    got = by_line(report)
    assert got["8"] == [Verdict.PROVED] and got["10"] == [Verdict.REFUTED]
    assert got["12"] == [Verdict.REFUTED]  # w is no index: either reading, the same value
    assert got["14"] == [Verdict.ERROR] and [e.line for e in errors] == [14]
    assert "also used outside the sum" in errors[0].message


def test_a_function_of_a_greek_letter_is_defined(tmp_path: Path) -> None:
    """J(\\theta) = …, \\ell(\\mu) = …: 'write a function of plain variables' (refused, with
    every later use); a constant is no parameter."""
    got, errors = check(tmp_path, "$$J(\\theta) = \\frac{1}{2}(\\theta x - y)^2$$\n\n"
                        "$$\\frac{dJ}{d\\theta} = (\\theta x - y)x$$\n\n"
                        "$$\\frac{dJ}{d\\theta} = (\\theta x - y)x^2$$\n\n"
                        "$$\\ell(\\mu) = (x - \\mu)^2$$\n\n$$\\ell'(\\mu) = -2(x - \\mu)$$\n\n"
                        "$$f(\\pi) = \\pi^2$$\n")
    assert got == {3: [Verdict.PROVED], 5: [Verdict.REFUTED], 9: [Verdict.PROVED]}
    assert [e.line - HEADER.count("\n") for e in errors] == [11]
    assert "\\pi already means something" in errors[0].message


@pytest.mark.parametrize(("text", "verdicts"), [
    # plain text: the reader's own advice ("write e^(2x)") was refused ("^ needs braces")
    ("f(x) = 1/(1 + e^(-x))\n\ng(x) = e^(2x)\n\n$$\\frac{d}{dx} f(x) = f(x)(1 - f(x))$$\n\n"
     "$$\\frac{d}{dx} g(x) = e^{2x}$$\n", {5: [Verdict.PROVED], 7: [Verdict.REFUTED]}),
    # a justification that is an identity binds nothing (was: 'cannot apply the hypothesis')
    ("$$\\begin{aligned}\n\\frac{d}{dx}\\log\\sigma(x) &= \\frac{\\sigma'(x)}{\\sigma(x)} \\\\\n"
     "&= 1 - \\sigma(x) \\quad \\text{since } \\sigma'(x) = \\sigma(x)(1-\\sigma(x))\n"
     "\\end{aligned}$$\n", {1: [Verdict.PROVED, Verdict.PROVED]}),
    # and in a remark column (was: 'two equations side by side')
    ("$$\\begin{aligned}\n\\frac{d}{dx}\\log(1+e^{x}) &= \\frac{e^{x}}{1+e^{x}} \\\\\n"
     "&= \\frac{1}{1+e^{-x}} && \\text{since } \\frac{e^x}{1+e^x} = \\frac{1}{1+e^{-x}}\n"
     "\\end{aligned}$$\n", {1: [Verdict.PROVED, Verdict.PROVED]}),
])
def test_what_students_write_around_a_step(tmp_path: Path, text: str, verdicts: dict) -> None:
    got, errors = check(tmp_path, text)
    assert errors == [] and got == verdicts


def test_a_case_named_in_the_prose_is_the_displays_case(tmp_path: Path) -> None:
    """'**Case 1:** $i = j$.' before a display: its case, as 'If $i = j$:' is (was refused)."""
    path = tmp_path / "cases.md"
    path.write_text('```derivcheck\ndims = { n = "positive integer" }\nvectors = { z = "n" }\n'
                    "```\nLet $p_i = \\frac{e^{z_i}}{\\sum_k e^{z_k}}$.\n\n**Case 1:** $i = j$.\n\n"
                    "$$\\frac{\\partial p_i}{\\partial z_j} = p_i(1 - p_i)$$\n\n"
                    "Case 2, where $i \\neq j$:\n\n"
                    "$$\\frac{\\partial p_i}{\\partial z_j} = p_i(1 - p_i)$$\n", encoding="utf-8")
    report, errors = checked_file(path)  # (counterexamples re-checked)
    got = [[c.result.verdict for c in o.checks if c.check.step] for o in report.outcomes]
    assert errors == [] and got == [[Verdict.PROVED], [Verdict.REFUTED]]


def test_a_where_clause_may_define_several_names(tmp_path: Path) -> None:
    """'\\text{where } L = …(a)…,\\ a = \\sigma(z)': a before L; the next display restates the
    same definitions (no new value: read, not a hypothesis that ties y to z)."""
    path = tmp_path / "w.md"
    clause = ("\\quad \\text{where } L = -y\\log a - (1-y)\\log(1-a),\\ a = \\sigma(z)$$\n\n")
    path.write_text('```derivcheck\nsymbols = { z = "real", y = "real" }\nlatex = { "\\\\sigma" '
                    '= "sigmoid" }\n```\n$$\\frac{\\partial L}{\\partial z} = a - y ' + clause
                    + "$$\\frac{\\partial L}{\\partial z} = y - a " + clause, encoding="utf-8")
    report, errors = checked_file(path)  # (counterexamples re-checked)
    got = [[c.result.verdict for c in o.checks if c.check.step] for o in report.outcomes]
    assert errors == [] and got == [[Verdict.PROVED], [Verdict.REFUTED]]


def test_partial_with_its_variable_as_a_subscript(tmp_path: Path) -> None:
    """\\partial_b b^2 (was '\\partial is only understood in …'); \\partial_i beside declared
    vectors may mean ∂/∂x_i: refused, not read as a derivative by a letter i (0)."""
    got, errors = check(tmp_path, "$$\\partial_w (wx)^2 = 2wx^2$$\n\n$$\\partial_{w} (wx)^2 = 2wx$$\n")
    assert errors == [] and got == {1: [Verdict.PROVED], 3: [Verdict.REFUTED]}
    path = tmp_path / "v.md"
    path.write_text('```derivcheck\nvectors = { x = 2 }\n```\n$$\\partial_{x_1} (x_1 x_2) = x_2$$\n\n'
                    "$$\\partial_i (x_1 x_2) = x_2$$\n", encoding="utf-8")
    loaded = load_file(str(path))
    assert [e.line for e in loaded.errors] == [6] and "∂/∂x_i" in loaded.errors[0].message


def test_intertext_between_an_aligns_lines(tmp_path: Path) -> None:
    """\\intertext{and therefore} was an unknown command (the display unread); one that
    states a case or a definition is refused."""
    path = tmp_path / "i.tex"
    path.write_text("\\begin{align}\n\\frac{d}{dx}\\sigma(x) &= \\sigma(x)(1 - \\sigma(x)) \\\\\n"
                    "\\intertext{and therefore}\n\\frac{d}{dx} x^2 &= 2x\n\\end{align}\n"
                    "\\begin{align}\nx &= x \\\\\n\\intertext{for $x > 0$}\n|x| &= x\n"
                    "\\end{align}\n", encoding="utf-8")
    report, errors = checked_file(path)
    assert [c.result.verdict for o in report.outcomes for c in o.checks if c.check.step] == \
        [Verdict.PROVED, Verdict.PROVED]
    assert len(errors) == 1 and "\\intertext{for $x > 0$}" in errors[0].message


@pytest.mark.parametrize(("text", "line"), [
    # \text{where} x = t² with x the variable differentiated by: x's value, or t's square?
    ("$$\\frac{d}{dx} (x t) = t \\quad \\text{where } x = t^2$$\n", 1),
    # a function defined with a where clause in its parameter's letter
    ("$$f(x) = e^{u} \\quad \\text{where } u = x^2$$\n", 1),
    # an indicator's value stated in the prose is a condition, not read
    ("Since $\\mathbb{1}_{x>0} = 1$, we have\n\n$$\\frac{d}{dx}\\text{ReLU}(x) = 1$$\n", 3),
    # plain text a^(2): a label or a power?
    ("a^(2) = a^2\n", 1),
])
def test_what_the_seventh_adversary_found_is_refused(tmp_path: Path, text: str, line: int) -> None:
    got, errors = check(tmp_path, text)
    assert not any(v in (Verdict.PROVED, Verdict.REFUTED) for g in got.values() for v in g)
    assert [e.line - HEADER.count("\n") for e in errors][:1] == [line]


def test_a_word_in_bold_is_no_part_label(tmp_path: Path) -> None:
    """**Partial:** was read as a part, making a wrong restatement of L a new definition."""
    got, _ = check(tmp_path, "**(a)**\n\n$$L = (wx)^2$$\n\n**Partial:**\n\n$$L = w x^2$$\n\n"
                        "$$\\frac{\\partial L}{\\partial w} = x^2$$\n")
    assert got == {7: [Verdict.REFUTED], 9: [Verdict.REFUTED]}


def test_a_power_after_a_bracket_is_on_the_bracket(tmp_path: Path) -> None:
    """w (x)^2 with w and x undeclared was read as (wx)² in the reading where w is a number
    (w (x)^2 = w^2 x^2 proved); TeX prints w·x²."""
    got, _ = check(tmp_path, "$$w (x)^2 = w^2 x^2$$\n\n$$w (x)^2 = w x^2$$\n")
    assert got == {1: [Verdict.REFUTED], 3: [Verdict.PROVED]}


def test_a_functions_name_in_text_inside_a_condition_is_part_of_it(tmp_path: Path) -> None:
    """'\\text{if } \\text{ReLU}(x) = 0' was read as the condition x = 0 (the name dropped as
    words): 'd/dx ReLU(x) = 7' was proved vacuously, 'ReLU(x) = x if ReLU(x) = x' refuted at
    x = −1. The condition is ReLU(x) = 0 now, never proved or refuted on x = 0."""
    got, errors = check(tmp_path, "$$\\frac{d}{dx} \\text{ReLU}(x) = 7 \\quad \\text{if } "
                        "\\text{ReLU}(x) = 0$$\n\n$$\\text{ReLU}(x) = x \\quad \\text{if } "
                        "\\text{ReLU}(x) = x$$\n")
    assert errors == []
    assert all(v not in (Verdict.PROVED, Verdict.REFUTED) for g in got.values() for v in g)


def test_frac12_is_one_half(tmp_path: Path) -> None:
    """TeX reads \\frac12 as \\frac{1}{2} (each argument one token); it was refused."""
    got, errors = check(tmp_path, "$$\\frac{d}{dx} \\frac12 x^2 = x$$\n\n"
                        "$$\\frac12 + \\frac13 = \\frac56$$\n\n$$\\frac{d}{dx}\\frac12 x^2 = 2x$$\n")
    assert errors == [] and got == {1: [Verdict.PROVED], 3: [Verdict.PROVED],
                                    5: [Verdict.REFUTED]}


BATCH = ('```derivcheck\ndims = { m = "positive integer" }\nvectors = { x = "m" }\n'
         'symbols = { epsilon = "positive" }\n```\n\n'
         "$$\\mu_B = \\frac{1}{m} \\sum_{i=1}^{m} x_i$$\n\n"
         "$$\\sigma_B^2 = \\frac{1}{m} \\sum_{i=1}^{m} (x_i - \\mu_B)^2$$\n\n"
         "$$\\hat{x}_i = \\frac{x_i - \\mu_B}{\\sqrt{\\sigma_B^2 + \\epsilon}}$$\n\n")


def test_batch_norms_variance_is_a_name(tmp_path: Path) -> None:
    """σ_B² = (1/m) Σ (x_i − μ_B)² defines the variance σ_B², as σ² = … does (it was a claim
    about a new letter σ_B, refuted at σ_B = 1, m = 1: a new user's batch-norm page)."""
    path = tmp_path / "bn.md"
    path.write_text(BATCH + "$$\\sum_{i=1}^{m} \\hat{x}_i = 0$$\n\n"
                    "$$\\sigma_B^2 = \\frac{1}{m} \\sum_{i=1}^{m} x_i^2 + \\mu_B^2$$\n\n"
                    "$$\\sigma_B = 1$$\n", encoding="utf-8")
    report, errors = checked_file(path)
    got = by_line(report)
    assert [got[k] for k in sorted(got, key=int)] == [[Verdict.PROVED], [Verdict.REFUTED],
                                                      [Verdict.ERROR]]  # (σ_B alone: unread)
    assert any("\\sigma_B with the variance \\sigma_B^2 defined" in e.message for e in errors)


def test_a_given_restated_in_prose_without_bounds_is_the_given(tmp_path: Path) -> None:
    """"since $\\sum_k y_k = 1$." after a display, with Sum(y[k], (k, 1, K)) == 1 given: the
    same equation but for the name of its index (it refused the display at a symbolic K)."""
    got, errors = document_verdicts(
        tmp_path / "ce.md",
        '```derivcheck\ndims = { K = "positive integer" }\n'
        'vectors = { z = "K", y = "K" }\ngiven = ["Sum(y[k], (k, 1, K)) == 1"]\n```\n\n'
        "$$z_i - y_i \\sum_{k=1}^{K} y_k = z_i - y_i$$\n\nsince $\\sum_k y_k = 1$.\n")
    assert errors == []
    assert got == [[Verdict.PROVED]]


def test_a_definition_names_a_sibling_of_a_declared_name(tmp_path: Path) -> None:
    """h_1 = tanh(w h_0 + u x_1 + b) with h0 declared: the definition of h_1 (it was "h_{1} is
    not declared, but h0 is"; the rule is for a name used, never for one being defined)."""
    path = tmp_path / "rnn.md"
    path.write_text('```derivcheck\nsymbols = { w = "real", u = "real", b = "real", '
                    'x1 = "real", h0 = "real" }\nlatex = { "x_1" = "x1", "h_0" = "h0" }\n```\n\n'
                    "$$h_1 = \\tanh(w h_0 + u x_1 + b)$$\n\n"
                    "$$\\frac{\\partial h_1}{\\partial u} = (1 - h_1^2) x_1$$\n\n"
                    "$$\\frac{\\partial h_1}{\\partial u} = (1 - h_1) x_1$$\n\n"
                    "$$h_2 = 0$$\n", encoding="utf-8")
    report, errors = checked_file(path)
    got = by_line(report)
    assert [got[k] for k in sorted(got, key=int)] == [[Verdict.PROVED], [Verdict.REFUTED]]
    assert errors == []  # (h_2 = 0 defines h_2 too)


def test_a_layer_label_then_a_transpose(tmp_path: Path) -> None:
    """w^{[2]\\top}, w^{[2]T}: layer 2's w, transposed (it was "a transpose is written as a
    superscript", and a network's definitions after it were unread)."""
    path = tmp_path / "lt.md"
    path.write_text('```derivcheck\nvectors = { h = 3, w = 3 }\n'
                    'latex = { "w^{[2]}" = "w", "h^{[1]}" = "h" }\n```\n\n'
                    "$$w^{[2]\\top} h^{[1]} = \\sum_{k=1}^{3} w_k h_k$$\n\n"
                    "$$w^{[2]T} h^{[1]} = w^\\top h$$\n\n$$w^{[2]\\top} h^{[1]} = 0$$\n",
                    encoding="utf-8")
    report, errors = checked_file(path)
    got = by_line(report)
    assert errors == []
    assert [got[k] for k in sorted(got, key=int)] == [[Verdict.PROVED], [Verdict.PROVED],
                                                      [Verdict.REFUTED]]


def test_entries_of_a_defined_small_matrix(tmp_path: Path) -> None:
    """S_{12} of a 2×2 matrix the page defines is entry (1, 2), as W_{12} of a declared one
    is; ∂A_11/∂S_12 where A_11 writes S_11 and S_12 goes through S (its other entries held,
    as any partial derivative holds them), not "is K held fixed?" (a new user's attention page,
    whose planted slip A_11² was on an unread line)."""
    path = tmp_path / "att.md"
    path.write_text('```derivcheck\nmatrices = { Q = [2, 2], K = [2, 2] }\n```\n\n'
                    "$$S = \\frac{Q K^\\top}{\\sqrt{2}}$$\n\n"
                    "$$A_{11} = \\frac{e^{S_{11}}}{e^{S_{11}} + e^{S_{12}}}$$\n\n"
                    "$$S_{12} = \\frac{Q_{11} K_{21} + Q_{12} K_{22}}{\\sqrt{2}}$$\n\n"
                    "$$\\frac{\\partial A_{11}}{\\partial S_{11}} = A_{11}(1 - A_{11})$$\n\n"
                    "$$\\frac{\\partial A_{11}}{\\partial S_{12}} = A_{11}^2$$\n", encoding="utf-8")
    report, errors = checked_file(path)
    got = by_line(report)
    assert errors == []
    assert [got[k] for k in sorted(got, key=int)] == [[Verdict.PROVED], [Verdict.PROVED],
                                                      [Verdict.REFUTED]]


RELU_NET = ('```derivcheck\nvectors = { x = 2, w = 2 }\nmatrices = { W = [2, 2] }\n```\n\n'
            "$$\\mathbf{z} = W \\mathbf{x}$$\n\n$$\\mathbf{h} = \\operatorname{ReLU}(\\mathbf{z})$$\n\n"
            "$$L = w^\\top \\mathbf{h}$$\n\n")


@pytest.mark.parametrize(("indicator", "want"), [
    ("\\mathbb{1}[\\mathbf{z} > 0]", Verdict.PROVED),
    ("\\mathbb{1}[\\mathbf{z} \\ge 0]", Verdict.PROVED),  # differs only at the kink z_k = 0
    ("\\mathbb{1}[\\mathbf{z} < 0]", Verdict.REFUTED),
])
def test_an_indicator_of_a_vector_is_entrywise(tmp_path: Path, indicator: str,
                                               want: Verdict) -> None:
    """∂L/∂W = (w ⊙ 1[z > 0]) xᵀ through h = ReLU(z): the indicator of a vector is taken entry
    by entry (it was "a condition compares two scalars"); by the declared W, the engine
    decides the kinks (proved wherever ReLU is differentiable)."""
    path = tmp_path / "relu.md"
    path.write_text(RELU_NET + f"$$\\frac{{\\partial L}}{{\\partial W}} = \\left(w \\odot "
                    f"{indicator}\\right) \\mathbf{{x}}^\\top$$\n", encoding="utf-8")
    report, errors = checked_file(path)
    assert errors == []
    assert list(by_line(report).values()) == [[want]]


def test_a_derivative_through_a_kinked_stage_is_refused(tmp_path: Path) -> None:
    """∂L/∂z through h = ReLU(z), taken while reading by SymPy's rules, has a value at the kink
    z_k = 0 where no derivative exists: a claim differing there only was refuted; excluding
    every kink instead proved false claims where the derivative exists (two adversaries)."""
    path = tmp_path / "relu.md"
    path.write_text(RELU_NET + "$$\\frac{\\partial L}{\\partial \\mathbf{z}} = w \\odot "
                    "\\mathbb{1}[\\mathbf{z} \\ge 0]$$\n", encoding="utf-8")
    _, errors = checked_file(path)
    assert any("of a function with a kink in it" in e.message for e in errors), errors


@pytest.mark.parametrize(("text", "message"), [
    # σ_B used as a letter before its variance is defined: the definition is refused, and so
    # are later uses (∂u/∂a = σ_B² was refuted at σ_B = 0 while σ_B² = 1/4)
    ("$$u = a \\sigma_B^2$$\n\n$$\\sigma_B^2 = \\frac{(a - b)^2}{4}$$\n\n"
     "$$\\frac{\\partial u}{\\partial a} = \\sigma_B^2$$\n", "σ is used before this line"),
    # σ_B²(a) beside the defined variance: a product or a function? (it was read as σ_B²·a)
    ("$$\\sigma_B^2 = a^2$$\n\n$$\\sigma_B^2(a) = a^3$$\n", "the variance times (…), or a function"),
    # σ_j² = … not written in j: the variance of a whole batch, not a family
    ("$$\\sigma_j^2 = (a - 1)^2$$\n", "its right side is not written in j"),
])
def test_variances_read_two_ways_are_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "v.md"
    path.write_text('```derivcheck\nsymbols = { a = "real", b = "real" }\n'
                    'dims = { n = "positive integer" }\nvectors = { x = "n" }\n```\n\n' + text,
                    encoding="utf-8")
    report, errors = checked_file(path)
    assert any(message in e.message for e in errors), [e.message for e in errors]
    assert all(v is not Verdict.REFUTED for vs in by_line(report).values() for v in vs)


def test_a_plain_letter_with_a_subscript_beside_its_bold_definition_is_its_entry(
        tmp_path: Path) -> None:
    """\\mathbf{z} = W\\mathbf{x} defined, then ∂L/∂z_1 with a plain z: z was a new letter
    (∂L/∂z_1 = 0 proved: an adversary), then refused; now z_1 is z's entry, as notes write it,
    and the plain z alone stays refused."""
    path = tmp_path / "bold.md"
    path.write_text('```derivcheck\nvectors = { x = 2, w = 2 }\nmatrices = { W = [2, 2] }\n```\n\n'
                    "$$\\mathbf{z} = W \\mathbf{x}$$\n\n$$L = w^\\top \\mathbf{z}$$\n\n"
                    "$$\\frac{\\partial L}{\\partial z_1} = 0$$\n\n"
                    "$$\\frac{\\partial L}{\\partial z_1} = w_1$$\n\n"
                    "$$\\frac{\\partial L}{\\partial z} = w$$\n", encoding="utf-8")
    report, errors = checked_file(path)
    assert [vs for _, vs in sorted(by_line(report).items(), key=lambda kv: int(kv[0]))][:2] \
        == [[Verdict.REFUTED], [Verdict.PROVED]], by_line(report)
    assert any("is written plain, and the page defines \\mathbf{z}" in e.message for e in errors)


SIGMOID = r"\sigma'(x) = \sigma(x)(1 - \sigma(x))"


@pytest.mark.parametrize(("end", "want"), [
    # the end of a proof, and a quantifier over what the declarations say already
    (r"\quad \blacksquare", Verdict.PROVED),
    (r"\qquad \square", Verdict.PROVED),
    (r"\hfill \Box", Verdict.PROVED),
    (r"\quad \forall x", Verdict.PROVED),
    (r"\quad \forall x \in \mathbb{R}", Verdict.PROVED),
    (r"\text{ for all } x \in \mathbb{R}", Verdict.PROVED),
    (r", \quad x \in \mathbb{R} \qquad \blacksquare", Verdict.PROVED),
    # a fact that holds everywhere, cited as the step's reason, binds nothing
    (r"\qquad \text{using } e^{-x} = \frac{1}{\sigma(x)} - 1", Verdict.PROVED),
])
def test_what_a_line_ends_with_is_no_part_of_its_math(tmp_path: Path, end: str,
                                                       want: Verdict) -> None:
    got, errors = check(tmp_path, f"\n$${SIGMOID} {end}$$\n")
    assert errors == [] and list(got.values()) == [[want]], (got, errors)
    got, errors = check(tmp_path, f"\n$$\\sigma'(x) = \\sigma(x) {end}$$\n")  # the same, false
    assert errors == [] and list(got.values()) == [[Verdict.REFUTED]], (got, errors)


@pytest.mark.parametrize(("end", "needle"), [
    (r"\quad \forall x \in \mathbb{N}", "other than the real numbers"),
    (r"\quad \forall \lambda \in \mathbb{R}", "declared narrower"),  # λ is positive here
])
def test_a_quantifier_that_says_more_than_the_declarations_is_refused(
        tmp_path: Path, end: str, needle: str) -> None:
    _, errors = check(tmp_path, f"\n$${SIGMOID} {end}$$\n")
    assert errors and needle in str(errors[0]), errors


@pytest.mark.parametrize(("declarations", "end"), [
    # the checked claim holds where the declarations say; the remark claims every real
    ('symbols = { k = "integer" }', r"\cos(2\pi k) = 1 \quad \forall k \in \mathbb{R}"),
    ('symbols = { u = "nonzero" }', r"\frac{u}{u} = 1 \quad \forall u"),
    ('symbols = { t = "real" }\ngiven = ["t > 0"]', r"\sqrt{t^2} = t \quad \forall t \in \mathbb{R}"),
    ('symbols = { lam = "positive" }\nlatex = { "\\\\lambda" = "lam" }',
     r"\sqrt{\lambda^2} = \lambda \quad \forall \lambda"),
    ('dims = { n = "positive integer" }\nvectors = { y = { size = 4, assume = "nonnegative" } }',
     r"\sqrt{y_1^2} = y_1 \quad \forall y \in \mathbb{R}^4"),
    ('symbols = { w = "real" }', r"c = w^2$$\n\n$$\sqrt{c^2} = c \quad \forall c \in \mathbb{R}"),
])
def test_a_quantifier_over_the_reals_of_a_narrower_name_is_refused(
        tmp_path: Path, declarations: str, end: str) -> None:
    """Each was proved (an adversary): the remark was dropped though the name is narrower."""
    path = tmp_path / "q.md"
    path.write_text(f"```derivcheck\n{declarations}\n```\n\n$${end}$$\n", encoding="utf-8")
    _, errors = checked_file(path)
    assert errors and "ranges over all real numbers" in str(errors[-1]), errors


def test_a_quantifier_with_a_condition_does_not_cut_the_line(tmp_path: Path) -> None:
    """δ_ij = 1 ∀ i = j was cut at the \\quad into δ_ij = 1 (refuted) and the rest."""
    path = tmp_path / "q.md"
    path.write_text('```derivcheck\ndims = { n = "positive integer" }\n```\n\n'
                    '$$\\delta_{ij} = 1 \\quad \\forall i = j$$\n', encoding="utf-8")
    report, errors = checked_file(path)
    assert errors and not any(c.result.verdict is Verdict.REFUTED
                              for o in report.outcomes for c in o.checks), errors


@pytest.mark.parametrize(("display", "want"), [
    # the textbook line: the other side's i is bound by its own sum, so x_i after the
    # bracket is this sum's (it was refused: "i … also used outside the sum")
    (r"\frac{d}{dw}\frac12\sum_{i=1}^{m}(w x_i - y_i)^2 = \sum_{i=1}^{m}(w x_i - y_i) x_i",
     Verdict.PROVED),
    (r"\frac{d}{dw}\frac12\sum_{i=1}^{m}(w x_i - y_i)^2 = \sum_{i=1}^{m}(w x_i - y_i) y_i",
     Verdict.REFUTED),
])
def test_a_bracketed_sum_body_with_a_factor_after_it(tmp_path: Path, display: str,
                                                     want: Verdict) -> None:
    path = tmp_path / "s.md"
    path.write_text('```derivcheck\ndims = { m = "positive integer" }\nvectors = { x = "m", '
                    'y = "m" }\nsymbols = { w = "real" }\n```\n\n' + f"$${display}$$\n",
                    encoding="utf-8")
    report, errors = checked_file(path)
    assert errors == [] and by_line(report) and list(by_line(report).values()) == [[want]], \
        (by_line(report), errors)


def test_a_factor_after_a_bracketed_sum_body_with_a_free_index_elsewhere(tmp_path: Path) -> None:
    """∂/∂x_i … = Σ_i (w) x_i: the left side's i is free, so x_i may be that i: refused."""
    path = tmp_path / "s.md"
    path.write_text('```derivcheck\ndims = { m = "positive integer" }\nvectors = { x = "m" }\n'
                    'symbols = { w = "real" }\n```\n\n$$\\frac{\\partial}{\\partial x_i} '
                    '\\sum_{j=1}^{m} (w x_j) = \\sum_{i=1}^{m}(w) x_i$$\n', encoding="utf-8")
    _, errors = checked_file(path)
    assert errors and "ambiguous \\sum body" in str(errors[0]), errors


@pytest.mark.parametrize(("display", "want"), [
    (r"\frac{\partial^2}{\partial x \partial w} (x^2 w^3) = 6 x w^2", Verdict.PROVED),
    (r"\frac{\partial^2 (x^2 w^3)}{\partial x \partial w} = 6 x w", Verdict.REFUTED),
    # the log-sum-exp Hessian, every n
    (r"\frac{\partial^2}{\partial z_i \partial z_j} \log \sum_{k=1}^{n} e^{z_k} = "
     r"\frac{e^{z_i}}{\sum_{k=1}^{n} e^{z_k}}\delta_{ij} - \frac{e^{z_i} e^{z_j}}"
     r"{(\sum_{k=1}^{n} e^{z_k})^2}", Verdict.PROVED),
    (r"\frac{\partial^2}{\partial z_i \partial z_j} \log \sum_{k=1}^{n} e^{z_k} = "
     r"\frac{e^{z_i}}{\sum_{k=1}^{n} e^{z_k}}\delta_{ij}", Verdict.REFUTED),
])
def test_a_mixed_partial_derivative(tmp_path: Path, display: str, want: Verdict) -> None:
    """∂²F/∂x∂y = ∂/∂x(∂F/∂y) (it was refused: "only one variable is supported")."""
    path = tmp_path / "m.md"
    path.write_text('```derivcheck\ndims = { n = "positive integer" }\nvectors = { z = "n" }\n'
                    'symbols = { x = "real", y = "real", w = "real" }\n```\n\n'
                    f"$${display}$$\n", encoding="utf-8")
    report, errors = checked_file(path)
    assert errors == [] and list(by_line(report).values()) == [[want]], (by_line(report), errors)


@pytest.mark.parametrize("display", [
    r"\frac{\partial^2 (x y)}{\partial x \partial y \partial x} = 0",  # orders disagree
    r"\frac{\partial^2 J(v)}{\partial v_i \partial v_j} = 0",  # L's second derivatives
])
def test_what_a_mixed_partial_is_not_read_as(tmp_path: Path, display: str) -> None:
    path = tmp_path / "m.md"
    path.write_text('```derivcheck\ndims = { n = "positive integer" }\nvectors = { v = "n" }\n'
                    'symbols = { x = "real", y = "real" }\nfunctions = { "J(v)" = "arbitrary" }'
                    f"\n```\n\n$${display}$$\n", encoding="utf-8")
    _, errors = checked_file(path)
    assert errors, errors


def test_a_solution_written_with_the_variable_on_the_right_is_refused(tmp_path: Path) -> None:
    """(XᵀX)^{-1} Xᵀ y = w with w a declared vector: w's value written the other way round,
    or a claim that holds whatever w is? Refused as w = … is (it was refuted once inverses at
    a symbolic size were read)."""
    path = tmp_path / "n.md"
    path.write_text('```derivcheck\ndims = { m = "positive integer", d = "positive integer" }\n'
                    'vectors = { w = "d", y = "m" }\nmatrices = { X = ["m", "d"] }\n```\n\n'
                    '$$(X^T X)^{-1} X^T y = w$$\n', encoding="utf-8")
    _, errors = checked_file(path)
    assert errors and "would claim the left side equals it whatever w is" in str(errors[0]), \
        errors


@pytest.mark.parametrize("display", [
    # i free elsewhere (outside a closed bracket, as an exponent, alone): x_i after the
    # bracket may be that i (each was read as the sum's and refuted)
    r"\left(\sum_{i=1}^{m} a_i\right) x_i = \sum_{i=1}^{m} (a_i) x_i",
    r"\beta^{i} \sum_{k=1}^{m} a_k = \sum_{i=1}^{m} (a_i) \beta^i",
    r"i \sum_{k=1}^{m} a_k = \sum_{i=1}^{m} (a_i) i",
])
def test_a_free_index_anywhere_makes_a_bracketed_sum_body_ambiguous(tmp_path: Path,
                                                                     display: str) -> None:
    path = tmp_path / "s.md"
    path.write_text('```derivcheck\ndims = { m = "positive integer" }\nvectors = { x = "m", '
                    'a = "m" }\nsymbols = { beta = "positive" }\nlatex = { "\\\\beta" = "beta" }'
                    f'\n```\n\n$${display}$$\n', encoding="utf-8")
    _, errors = checked_file(path)
    assert errors and "ambiguous \\sum body" in str(errors[0]), errors


@pytest.mark.parametrize("declared", ['vectors = { x = 2 }', 'vectors = { x1 = 3, x2 = 3 }',
                                      'dims = { n = "positive integer" }\nvectors = { x = "n" }'])
def test_a_parameter_that_is_an_entry_of_a_declared_vector_is_refused(tmp_path: Path,
                                                                       declared: str) -> None:
    """K(x_1, x_2) = x_1 x_2 with x declared: the body read x_1 as x's entry, so K(3, 4) was
    x₁x₂ (proved equal to it, and refuted equal to 12)."""
    path = tmp_path / "k.md"
    path.write_text(f'```derivcheck\n{declared}\n```\n\n$$K(x_1, x_2) = x_1 x_2$$\n\n'
                    '$$K(3, 4) = 12$$\n', encoding="utf-8")
    _, errors = checked_file(path)
    assert errors and "not a variable of the function's own" in str(errors[0]), errors


GREEK_HEAD = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { s = "n" }\n```\n\n'
              '$$\\alpha_j = \\frac{\\exp(s_j)}{\\sum_{l=1}^{n} \\exp(s_l)}$$\n')


@pytest.mark.parametrize(("display", "want"), [
    (r"\frac{\partial \alpha_j}{\partial s_l} = \alpha_j (\delta_{jl} - \alpha_l)", Verdict.PROVED),
    (r"\frac{\partial \alpha_j}{\partial s_l} = \alpha_l (\delta_{jl} - \alpha_l)",
     Verdict.REFUTED),
    (r"\sum_{j=1}^{n} \alpha_j = 1", Verdict.PROVED),
])
def test_a_greek_letter_defined_entry_by_entry_is_a_family(tmp_path: Path, display: str,
                                                           want: Verdict) -> None:
    """α_j = softmax's entry j (attention weights): α_l was refused as an undeclared α, while
    the same page with p_j was read."""
    got, errors = document_verdicts(tmp_path / "attn.md", GREEK_HEAD + f"\n$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


@pytest.mark.parametrize("display", [
    r"\frac{d}{dx}\left(\sigma - x\right) = -1",
    r"\frac{d}{dx}\left(\log\sigma + x\right) = 1",
])
def test_a_function_without_brackets_before_a_sign_is_refused(tmp_path: Path,
                                                              display: str) -> None:
    """σ − x was read as σ(−x) (and log σ + x as log σ(x)): a correct step about the letter σ
    was refuted. Whether the sign starts the argument is not something to guess."""
    text = '```derivcheck\nsymbols = { x = "real" }\n```\n\n' + f"$${display}$$\n"
    got, errors = document_verdicts(tmp_path / "s.md", text)
    assert errors and "of the signed term" in errors[0], (got, errors)


def test_a_vocabulary_function_at_too_few_arguments_says_its_signature(tmp_path: Path) -> None:
    text = ('```derivcheck\nsymbols = { x = "real", alpha = "positive" }\n```\n\n'
            '$$\\mathrm{ELU}(x) = \\begin{cases} x & x > 0 \\\\ \\alpha (e^{x} - 1) & x \\leq 0 '
            '\\end{cases}$$\n')
    _, errors = document_verdicts(tmp_path / "elu.md", text)
    assert errors and "elu(x, α)" in errors[0] and "another name" in errors[0], errors


def test_a_conditional_bar_is_not_advised_as_an_absolute_value(tmp_path: Path) -> None:
    text = ('```derivcheck\nsymbols = { x = "real", mu = "real", s = "positive" }\n```\n\n'
            '$$-\\log p(x \\mid \\mu, s) = \\frac{(x - \\mu)^2}{2 s^2}$$\n')
    _, errors = document_verdicts(tmp_path / "nll.md", text)
    assert errors and "conditional bar" in errors[0] and "absolute value" not in errors[0]


ATTENTION = ('```derivcheck\ndims = { n = "positive integer", d = "positive integer" }\n'
             'vectors = { q = "d" }\nmatrices = { K = ["n", "d"] }\n```\n\n'
             '$$s_j = \\frac{1}{\\sqrt{d}} \\sum_{m=1}^{d} q_m K_{jm}$$\n')


@pytest.mark.parametrize(("display", "want"), [
    (r"\frac{\partial}{\partial q_m} \operatorname{softmax}(s)_j = \operatorname{softmax}(s)_j "
     r"\frac{1}{\sqrt{d}} \left(K_{jm} - \sum_{l=1}^n \operatorname{softmax}(s)_l K_{lm}\right)",
     Verdict.PROVED),
    (r"\frac{\partial}{\partial q_m} \operatorname{softmax}(s)_j = \operatorname{softmax}(s)_j "
     r"\left(K_{jm} - \sum_{l=1}^n \operatorname{softmax}(s)_l K_{lm}\right)",
     Verdict.REFUTED),  # the 1/√d dropped
    (r"\sum_{j=1}^{n} \operatorname{softmax}(s)_j = 1", Verdict.PROVED),
])
def test_softmax_of_scores_defined_entry_by_entry(tmp_path: Path, display: str,
                                                  want: Verdict) -> None:
    """softmax(s)_j with s_j = qᵀk_j/√d defined entry by entry (attention's weights): s was
    refused alone ("define the vector s whole")."""
    got, errors = document_verdicts(tmp_path / "attn.md", ATTENTION + f"\n$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


@pytest.mark.parametrize(("definition", "member"), [
    (r"\lambda_i = e^{\beta x_i}", r"\lambda_1 e^{-\beta x_1} = 1"),
    (r"q_i = s_i + t", r"q_1 - s_1 = t"),
])
def test_a_member_of_a_definition_with_letters_of_the_pages_own(
        tmp_path: Path, definition: str, member: str) -> None:
    """λ_i = e^{βx_i} with β undeclared was not a family (β could be captured), and λ_1 was a
    letter of its own: λ₁e^{−βx₁} = 1 refuted; then it was refused. Since session 36 it is a
    family whose members check that β still means what it meant (not a sum's index there)."""
    base = definition.split("_")[0]
    text = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { x = "n", s = "n" }\n'
            f'```\n\n$${definition}$$\n\n$${member}$$\n')
    got, errors = document_verdicts(tmp_path / "fam.md", text)
    assert errors == [] and got == [[Verdict.PROVED]], (got, errors)
    letter = r"\beta" if "beta" in definition else "t"
    captured = text.replace(f"$${member}$$", f"$$\\sum_{{{letter}=1}}^{{n}} {base}_{letter} = 0$$")
    got, errors = document_verdicts(tmp_path / "fam.md", captured)
    assert all(Verdict.PROVED not in row for row in got) and errors and "a sum's index" in errors[0], (
        got, errors)


def test_a_two_letter_function_on_the_left_of_a_definition_is_asked_about(
        tmp_path: Path) -> None:
    """FL(z) = −(1 − p)^γ log p (the focal loss) was read as F·L(z) = … (an ambiguous claim):
    one name, or a product? The error says how to write the name."""
    text = ('```derivcheck\nsymbols = { z = "real", gamma = "positive" }\n'
            'latex = { "\\\\sigma" = "sigmoid" }\n```\n\n$$p = \\sigma(z)$$\n\n'
            '$$FL(z) = -(1-p)^\\gamma \\log p$$\n')
    _, errors = document_verdicts(tmp_path / "fl.md", text)
    assert errors and "\\operatorname{FL}(z)" in errors[0], errors


def test_a_mapped_previous_step_is_one_step_not_a_recurrence(tmp_path: Path) -> None:
    """h_t = (1 − z) h_{t−1} + z tanh(b) with latex = { "h_{t-1}" = "h_prev" } (a GRU's one
    step): it was read as a recurrence from h_0 over t steps, and ∂h_t/∂b = z(1 − tanh²b)
    refuted at t = 2."""
    text = ('```derivcheck\nsymbols = { b = "real", z = "real", h_prev = "real" }\n'
            'latex = { "h_{t-1}" = "h_prev" }\n```\n\n'
            '$$h_t = (1 - z) h_{t-1} + z \\tanh(b)$$\n\n'
            '$$\\frac{\\partial h_t}{\\partial b} = z (1 - \\tanh^2(b))$$\n\n'
            '$$\\frac{\\partial h_t}{\\partial h_{t-1}} = 1 - z$$\n')
    got, errors = document_verdicts(tmp_path / "gru.md", text)
    assert errors == [] and got == [[Verdict.PROVED], [Verdict.PROVED]], (got, errors)


def test_pi_with_a_subscript_says_how_to_name_a_policy(tmp_path: Path) -> None:
    text = ('```derivcheck\ndims = { K = "positive integer" }\nvectors = { theta = "K" }\n```\n\n'
            '$$\\pi_a = \\frac{e^{\\theta_a}}{\\sum_b e^{\\theta_b}}$$\n')
    _, errors = document_verdicts(tmp_path / "pi.md", text)
    assert errors and "another letter" in errors[0], errors


@pytest.mark.parametrize("norm", [r"\|x\|^2_2", r"\|x\|^{2}_{2}", r"\|x\|_2^2", r"\|x\|^2"])
def test_a_squared_norm_takes_its_name_before_or_after_the_power(tmp_path: Path,
                                                                 norm: str) -> None:
    """‖x‖^2_2 is set by TeX as ‖x‖_2^2 (it was refused: "only a vector can be subscripted")."""
    head = '```derivcheck\nvectors = { x = 3 }\n```\n\n'
    got, errors = document_verdicts(tmp_path / "n.md", head + (
        f"$${norm} = x_1^2 + x_2^2 + x_3^2$$\n\n$${norm} = x_1^2 + x_2^2$$\n"))
    assert errors == [] and got == [[Verdict.PROVED], [Verdict.REFUTED]], (got, errors)


def test_messages_for_a_size_expression_and_an_index_expression(tmp_path: Path) -> None:
    """The advice named `dims = { m + K - 1 = … }` (not TOML), and an index's message the
    engine's own name for a sum's index (_k)."""
    head = ('```derivcheck\ndims = { m = "positive integer", K = "positive integer" }\n'
            'vectors = { w = "K", x = "m + K - 1" }\n```\n\n$$w_1 = w_1$$\n')
    _, errors = document_verdicts(tmp_path / "a.md", head)
    assert any("a size is one name, not an expression such as m + K - 1" in e for e in errors)
    head = ('```derivcheck\ndims = { K = "positive integer", n = "positive integer" }\n'
            'vectors = { w = "K", x = "n" }\n```\n\n'
            '$$y_i = \\sum_{k=1}^{K} w_k \\, x_{i+k-1}$$\n\n'
            '$$\\frac{\\partial y_i}{\\partial w_k} = x_{i+k-1}$$\n')
    _, errors = document_verdicts(tmp_path / "b.md", head)
    assert any("got i + k - 1: i is not an index here" in e for e in errors), errors
    assert not any("got _k" in e or "_k +" in e for e in errors), errors


@pytest.mark.parametrize(("line", "want"), [
    (r"Y_{nj} = \sum_{i=1}^{D} X_{ni} W_{ij}", Verdict.PROVED),  # Y = XW defined
    (r"(X W)_{nj} = \sum_{i=1}^{D} X_{ni} W_{ij}", Verdict.PROVED),
    (r"(X W)_{nj} = \sum_{i=1}^{D} X_{ni} W_{ji}", Verdict.REFUTED),
])
def test_two_letters_under_a_matrix_expression_are_two_indices(tmp_path: Path, line: str,
                                                               want: Verdict) -> None:
    """As under a declared matrix (X_{ni}); they were "one index is expected"."""
    head = ('```derivcheck\ndims = { N = "positive integer", D = "positive integer" }\n'
            'matrices = { X = ["N", "D"], W = ["D", "D"] }\n```\n\n$$Y = X W$$\n\n')
    got, errors = document_verdicts(tmp_path / "y.md", head + f"$${line}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


def test_a_gradients_name_transposed_is_the_gradient_transposed(tmp_path: Path) -> None:
    """dY^T under gradients = "L" is (∂L/∂Y)ᵀ, which is ∂L/∂(Yᵀ) too (it was "cannot
    differentiate with respect to Y^T")."""
    text = ('```derivcheck\nmatrices = { X = [3, 2], W = [2, 2] }\n'
            'functions = { "L(Y)" = "arbitrary" }\ngradients = "L"\n```\n\n$$Y = X W$$\n\n'
            '$$dX^T = W dY^T$$\n\n$$dX^T = W^T dY^T$$\n')
    got, errors = document_verdicts(tmp_path / "d.md", text)
    assert errors == [] and got == [[Verdict.PROVED], [Verdict.REFUTED]], (got, errors)
