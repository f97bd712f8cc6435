"""Documents from adversaries and new users (December 2026): each case was a false proof or
refutation, or a line read on a guess; each now gets the verdict its reading supports, or
is refused with what to write instead."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker import Verdict
from tests.test_documents import _goals, unheld

NEGATIVE = 'symbols = { y = "negative" }\n'
POSITIVE = '```derivcheck\nsymbols = { y = "positive" }\n```\n'


@pytest.mark.parametrize("blocks", [(f"```derivcheck\n{NEGATIVE}```\n", POSITIVE),
                                    (f"+++\n{NEGATIVE}+++\n", POSITIVE)])
def test_two_blocks_that_declare_a_name_otherwise_in_one_section(tmp_path: Path,
                                                                 blocks: tuple[str, str]) -> None:
    """The later block won for the display before it: √(y²) = y was proved with y negative
    where the display stands. A block holds for its whole section, so two that disagree
    leave the section's displays unread, with the block's line."""
    text = f"{blocks[0]}\n$$ \\sqrt{{y^2}} = y $$\n\n{blocks[1]}"
    goals, errors = _goals(tmp_path, "dc.md", text)
    assert Verdict.PROVED not in goals.values() and Verdict.REFUTED not in goals.values()
    assert len(errors) == 1 and "y is declared 'positive' under symbols" in errors[0].message
    assert "which one holds at each display cannot be told" in errors[0].message
    same = f"{blocks[0]}\n$$ \\sqrt{{y^2}} = -y $$\n\n```derivcheck\n{NEGATIVE}```\n"
    goals, errors = _goals(tmp_path, "same.md", same)  # (declared again alike: no clash)
    assert errors == [] and list(goals.values()) == [Verdict.PROVED], (goals, errors)


def test_two_blocks_that_map_a_name_otherwise(tmp_path: Path) -> None:
    text = ('```derivcheck\nlatex = { "\\\\hat{y}" = "tanh(z)" }\n```\n\n'
            "$$ \\frac{d\\hat{y}}{dz} = \\hat{y}(1 - \\hat{y}) $$\n\n"
            '```derivcheck\nlatex = { "\\\\hat{y}" = "sigmoid(z)" }\n```\n')
    goals, errors = _goals(tmp_path, "map.md", text)
    assert Verdict.PROVED not in goals.values()
    assert len(errors) == 1 and "\\hat{y} is declared 'sigmoid(z)' under latex" in errors[0].message


@pytest.mark.parametrize("display", [
    "|e^{i \\omega t}|^2 = e^{2 i \\omega t}",
    "\\left|\\frac{1}{1 + i\\omega}\\right|^2 = \\frac{1}{(1 + i\\omega)^2}",
    "e^{i\\pi} = -1",
    "e^{i x} = \\cos x + i \\sin x",
])
def test_the_imaginary_unit_is_not_read_as_a_real_letter(tmp_path: Path, display: str) -> None:
    """i declared nothing and used as no index: read as a real letter, the first two were
    proved and Euler's formula refuted at i = 0. Refused (complex numbers are not read)."""
    goals, errors = _goals(tmp_path, "i.md", f"# F\n\n$$ {display} $$\n")
    assert Verdict.PROVED not in goals.values() and Verdict.REFUTED not in goals.values()
    assert len(errors) == 1 and "the imaginary unit, or a real letter?" in errors[0].message


def test_i_as_an_index_or_declared_is_read(tmp_path: Path) -> None:
    index = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { z = "n" }\n```\n\n'
             "$$\\sum_{i=1}^{3} i^2 = 14$$\n\n$$\\frac{\\partial}{\\partial z_i} z_i^2 = 2 z_i$$\n\n"
             "$$\\delta_{ij} \\cdot i = \\delta_{ij} \\cdot j$$\n")
    goals, errors = _goals(tmp_path, "idx.md", index)
    assert errors == [] and set(goals.values()) == {Verdict.PROVED}, (goals, errors)
    declared = '```derivcheck\nsymbols = { i = "real" }\n```\n\n$$e^{i}e^{i} = e^{2i}$$\n'
    goals, errors = _goals(tmp_path, "real.md", declared)
    assert errors == [] and list(goals.values()) == [Verdict.PROVED], (goals, errors)


@pytest.mark.parametrize("said", [
    "In this section $x$ denotes a positive number.", "Here $x$ stands for a positive quantity.",
    "The variable $x$ denotes a probability.",
    "Here $x$ is a variance.", "Here $x$ represents a nonnegative number.",
])
def test_a_sign_or_a_range_said_in_other_words(tmp_path: Path, said: str) -> None:
    """√(x²) = x was refuted at x = −1 under each of these: the sign was not read. Refused
    (it is not read), unless the declarations say it."""
    unheld(tmp_path, "w.md", f"# A\n\n{said}\n\n$$ \\sqrt{{x^2}} = x $$\n", [5])
    declared = '```derivcheck\nsymbols = { x = "positive" }\ngiven = ["x <= 1"]\n```\n\n'
    goals, errors = _goals(tmp_path, "d.md", f"{declared}# A\n\n{said}\n\n$$ \\sqrt{{x^2}} = x $$\n")
    assert errors == [] and list(goals.values()) == [Verdict.PROVED], (goals, errors)


@pytest.mark.parametrize("after", [
    "$$,\n\nwhere $x > 0$.\n",  # (punctuation after the display: the sentence goes on)
    "$$ .\n\nwhere $x > 0$.\n",
    "$$\n\nThis requires $x > 0$. Next, we compute:\n\n$$ (y+1)^2 = y^2 + 2y + 1 $$\n",
    "$$\n\n- valid for $x > 0$\n\n# D\n\n$$ (y+1)^2 = y^2 + 2y + 1 $$\n",
    "$$\n> valid for $x > 0$\n",
])
def test_a_condition_after_the_display_in_another_paragraph_shape(tmp_path: Path,
                                                                 after: str) -> None:
    """√(x²) = x was refuted at x = −1: the condition after it was cut off (a paragraph of
    punctuation, a paragraph ending with a colon that leads into the next display, a list
    item or a quote before a heading or at the end). Checked without it: refuted there, it is
    unknown (the readings with the bound and without it disagree), as after any display."""
    unheld(tmp_path, "c.md", f"# A\n\n$$ \\sqrt{{x^2}} = x {after}", [3])


def test_two_cases_in_one_tex_paragraph(tmp_path: Path) -> None:
    """"For $w < 0$:" right after the first case's display (no blank line, as TeX writes a
    paragraph) was not read as the second display's case: refused. Read now."""
    text = ("\\documentclass{article}\n\\begin{document}\n% derivcheck\n"
            '% symbols = { w = "real", c = "positive" }\n'
            "The penalty is not differentiable at 0.\nFor $w > 0$:\n"
            "\\[ \\frac{d}{dw} c |w| = c \\]\nFor $w < 0$:\n\\[ \\frac{d}{dw} c |w| = -c \\]\n"
            "For $w < 0$:\n\\[ \\frac{d}{dw} c |w| = c \\]\n\\end{document}\n")
    goals, errors = _goals(tmp_path, "l1.tex", text)
    assert errors == [] and goals == {7: Verdict.PROVED, 9: Verdict.PROVED,
                                      11: Verdict.REFUTED}, (goals, errors)


@pytest.mark.parametrize("said", [
    "All logarithms in these notes are base 2.", "Here $\\log$ denotes $\\log_{10}$.",
    "Entropies are measured in bits.", "We use base-2 logarithms throughout.",
])
def test_a_log_base_said_in_the_prose(tmp_path: Path, said: str) -> None:
    """log read as the natural logarithm where the prose says another base: d/dp(−p log p) =
    −log p − 1 was proved (−log₂ p − 1/ln 2 in base 2), and H(½) = 1 bit refuted."""
    text = (f"# Notes\n\n{said}\n\n$$ \\frac{{d}}{{dp}}\\left(-p \\log p\\right) = -\\log p - 1 $$\n\n"
            "$$ -\\frac{1}{2}\\log\\frac{1}{2} - \\frac{1}{2}\\log\\frac{1}{2} = 1 $$\n\n"
            "$$ \\frac{d}{dp} p^2 = 2p $$\n")
    goals, errors = _goals(tmp_path, "lg.md", text)
    assert goals == {9: Verdict.PROVED}, goals  # (no log: read)
    assert [e.line for e in errors] == [5, 7], errors
    assert all("a logarithm of another base than e" in e.message for e in errors)


@pytest.mark.parametrize("between", ["Problem 2. Now a cubic loss.", "<h2>Problem 2</h2>",
                                     "2. Second loss:", "**Exercise 3.**"])
def test_a_name_given_a_new_value_in_a_next_problem(tmp_path: Path, between: str) -> None:
    """L = x³ after L = x² and prose that starts a new problem (no heading): read as the
    claim x² = x³, refuted, and Problem 2's right derivative refuted too. A new definition or
    a claim? Refused, and so is every later use of L; a restatement of L's value is a claim."""
    text = (f"# Homework\n\nProblem 1.\n\n$$ L = x^2 $$\n\n$$ \\frac{{dL}}{{dx}} = 2x $$\n\n"
            f"{between}\n\n$$ L = x^3 $$\n\n$$ \\frac{{dL}}{{dx}} = 3x^2 $$\n")
    goals, errors = _goals(tmp_path, "h.md", text)
    assert goals.get(7) is Verdict.PROVED and Verdict.REFUTED not in goals.values(), goals
    assert [e.line for e in errors] == [11, 13], errors
    assert "a new definition of it (a next problem?), or a claim about it?" in errors[0].message
    restated = text.replace("L = x^3", "L = x \\cdot x").replace("3x^2", "2x")
    goals, errors = _goals(tmp_path, "r.md", restated)
    assert errors == [] and set(goals.values()) == {Verdict.PROVED}, (goals, errors)
    plain = text.replace(between, "So")  # (no new problem: a claim, refuted)
    goals, errors = _goals(tmp_path, "p.md", plain)
    assert errors == [] and goals[11] is Verdict.REFUTED, (goals, errors)


def test_a_declared_variable_given_a_value_by_a_display(tmp_path: Path) -> None:
    """p declared a number, then $$p = σ(z)$$: refuted (p = 1, z = 0), and dp/dz = p(1 − p)
    after it refuted (p stayed the variable). Refused with how to define it, later uses too;
    p := σ(z) defines it."""
    text = ('```derivcheck\nsymbols = { p = "positive", z = "real" }\n```\n\n'
            "$$\\frac{d}{dp}\\log p = \\frac{1}{p}$$\n\n$$p = \\sigma(z)$$\n\n"
            "$$\\frac{dp}{dz} = p(1 - p)$$\n")
    goals, errors = _goals(tmp_path, "p.md", text)
    assert goals.get(5) is Verdict.PROVED and Verdict.REFUTED not in goals.values(), goals
    assert [e.line for e in errors] == [7, 9], errors
    assert "write p := … (a definition" in errors[0].message
    goals, errors = _goals(tmp_path, "d.md", text.replace("p = \\sigma", "p := \\sigma"))
    assert errors == [] and set(goals.values()) == {Verdict.PROVED}, (goals, errors)


def test_an_entry_of_a_declared_vector_given_a_value(tmp_path: Path) -> None:
    """π mapped to a declared vector p: \\pi_a = … was refuted as a claim about the free p,
    and \\pi_a := … silently made and never used (∂ log π_a/∂θ_b = δ_ab − π_b refuted)."""
    text = ('```derivcheck\ndims = { A = "positive integer" }\nvectors = { theta = "A", p = "A" }\n'
            'latex = { "\\\\pi" = "p" }\n```\n\n'
            "$$\\pi_a DEF \\frac{e^{\\theta_a}}{\\sum_{c=1}^{A} e^{\\theta_c}}$$\n\n"
            "$$\\frac{\\partial \\log \\pi_a}{\\partial \\theta_b} = \\delta_{ab} - \\pi_b$$\n")
    for sign in ("=", ":="):
        goals, errors = _goals(tmp_path, "pi.md", text.replace("DEF", sign))
        assert Verdict.REFUTED not in goals.values() and Verdict.PROVED not in goals.values()
        assert [e.line for e in errors] == [7, 9], (sign, errors)
        assert "define the family with a letter of its own (p_a = …)" in errors[0].message


def test_a_sign_word_before_a_plural_noun_is_the_nouns(tmp_path: Path) -> None:
    """"the $K$ negative samples" was read as K < 0 (and the display refused, the message
    suggesting (K < 0)); "Here $x$ negative." is still a sign of x (not read: unknown)."""
    text = ('```derivcheck\ndims = { K = "positive integer" }\nvectors = { s = "K" }\n```\n\n'
            "We draw the $K$ negative samples and sum their scores:\n\n"
            "$$\\frac{\\partial}{\\partial s_j} \\sum_{k=1}^{K} s_k^2 = 2 s_j$$\n\n"
            "Here $x$ negative.\n\n$$\\sqrt{x^2} = x$$\n")
    goals = unheld(tmp_path, "k.md", text, [12])  # (x < 0 not read: unknown, not refuted)
    assert goals[8] is Verdict.PROVED, goals


def test_a_starred_name_is_a_name_of_its_own(tmp_path: Path) -> None:
    """w^* (the optimum) could not be written: ^* needed braces, ^{*} and ^{\\ast} were an
    unexpected '*', \\star unknown. Defined, each spelling is the name w^*, apart from w;
    undefined, it is refused (z z^* = |z|²: the conjugate, or a name of its own?)."""
    text = ('```derivcheck\nsymbols = { a = "positive", b = "real", w = "real" }\n```\n\n'
            "$$w^* = \\frac{b}{a}$$\n\n$$a w^{*} - b = 0$$\n\n"
            "$$w^\\star + w^{\\ast} = 2\\frac{b}{a}$$\n\n$$a w^* = a w$$\n\n$$z z^* = |z|^2$$\n")
    goals, errors = _goals(tmp_path, "w.md", text)
    assert goals == {7: Verdict.PROVED, 9: Verdict.PROVED, 11: Verdict.REFUTED,
                     13: Verdict.ERROR}, goals
    assert [e.line for e in errors] == [13] and "or the conjugate of z?" in errors[0].message


def test_a_mapped_scripted_name_beside_a_defined_letter(tmp_path: Path) -> None:
    """latex = { "h_{t-1}" = "h_prev" }, then h defined: h_{t-1} was read as h's value with a
    subscript (refused: a scalar subscripted). The mapped name is meant, as written."""
    text = ('```derivcheck\nsymbols = { h_prev = "real", z = "real", g = "real" }\n'
            'latex = { "h_{t-1}" = "h_prev" }\n```\n\n$$h = (1 - z) h_{t-1} + z g$$\n\n'
            "$$\\frac{\\partial h}{\\partial z} = g - h_{t-1}$$\n\n"
            "$$\\frac{\\partial h}{\\partial z} = h_{t-1} - g$$\n")
    goals, errors = _goals(tmp_path, "gru.md", text)
    assert errors == [] and goals == {8: Verdict.PROVED, 10: Verdict.REFUTED}, (goals, errors)


@pytest.mark.parametrize("written", ["\\nabla^2_w", "\\nabla_w^2", "\\nabla_{w}^{2}"])
def test_the_hessian_written_with_nabla_squared(tmp_path: Path, written: str) -> None:
    """∇²_w L was refused as "\\nabla without a variable" (the variable is there), ∇_w² L as
    "needs something to differentiate"; since session 24 all three are the Hessian (the
    convention of optimisation texts), a matrix: 2I, not the number 2."""
    text = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { w = "n" }\n```\n\n'
            f"$${written} (w^T w) = 2 \\mathbf{{I}}$$\n\n$${written} (w^T w) = 2$$\n")
    goals, errors = _goals(tmp_path, "h.md", text)
    assert errors == [] and goals == {6: Verdict.PROVED, 8: Verdict.REFUTED}, (goals, errors)


def test_a_margin_condition_with_a_transpose_is_no_matrix_property(tmp_path: Path) -> None:
    """"If $y(w^\\top x + b) < 1$:" was refused as "a property of the matrix y" (y a declared
    number): it is a condition on y, not read: the gradient, refuted without it, is unknown."""
    text = ('```derivcheck\ndims = { d = "positive integer" }\nvectors = { w = "d", x = "d" }\n'
            'symbols = { y = "real", b = "real", lambda = "positive" }\n```\n\n'
            "$$J(w) = \\frac{\\lambda}{2}\\|w\\|^2 + \\max(0, 1 - y(w^\\top x + b))$$\n\n"
            "If $y(w^\\top x + b) < 1$:\n\n$$\\frac{\\partial J}{\\partial w_j} = \\lambda w_j - y x_j$$\n")
    goals = unheld(tmp_path, "hinge.md", text, [11])  # (a condition on y, not read)
    assert Verdict.REFUTED not in goals.values(), goals


def test_an_empty_script_is_nothing(tmp_path: Path) -> None:
    """\\sum_{k}^{ } (a blog's empty upper bound) was "an expression was expected": TeX
    prints an empty script as nothing."""
    text = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { y = "n" }\n```\n\n'
            "$$\\sum_{k}^{ } 2 y_{k} = 2 \\sum_{k}^{} y_k$$\n")
    goals, errors = _goals(tmp_path, "e.md", text)
    assert errors == [] and goals == {6: Verdict.PROVED}, (goals, errors)


@pytest.mark.parametrize(("first", "second", "display"), [
    ('latex = { "\\\\sigma" = "sigmoid" }', 'functions = { "sigma(t)" = "tanh(t)" }',
     "\\sigma(0) = \\frac{1}{2}"),
    ('symbols = { x = "positive" }', 'latex = { "x" = "y" }', "\\sqrt{x^2} = x"),
])
def test_two_blocks_that_declare_a_name_under_two_keys(tmp_path: Path, first: str, second: str,
                                                       display: str) -> None:
    """σ mapped to sigmoid, then declared a function of its own; x declared positive, then
    mapped to y: one block won (a false proof, a refutation at x = −1). Refused."""
    text = (f"# A\n\n```derivcheck\n{first}\n```\n\n$${display}$$\n\n"
            f"```derivcheck\n{second}\n```\n")
    goals, errors = _goals(tmp_path, "k.md", text)
    assert Verdict.PROVED not in goals.values() and Verdict.REFUTED not in goals.values()
    assert len(errors) == 1 and "which one holds at each display" in errors[0].message


@pytest.mark.parametrize("text", [
    "$$f(t) = e^{i t}$$\n\n$$f(\\pi) = -1$$\n",  # (in a definition's body)
    "$$g(t) = \\cos t + i \\sin t$$\n\n$$g(t)^2 = g(2t)$$\n",
    '```derivcheck\ndims = { n = "positive integer" }\nvectors = { x = "n" }\n```\n\n'
    "$$\\left| x_i e^{i t} \\right| = \\left| x_i \\right|$$\n",  # (an index, and bare in e^…)
    "$$e^{j\\theta} = \\cos\\theta + j\\sin\\theta$$\n",  # (the engineers' j)
])
def test_the_imaginary_unit_in_other_places(tmp_path: Path, text: str) -> None:
    """Each was refuted at i = 0 (or j = 0, or the index reading): refused."""
    goals, errors = _goals(tmp_path, "i.md", text)
    assert Verdict.REFUTED not in goals.values() and Verdict.PROVED not in goals.values()
    assert errors and "the imaginary unit, or a real letter?" in errors[0].message


@pytest.mark.parametrize("said", [
    "The logarithm base is 2 throughout.", "Here log denotes the binary logarithm.",
    "All logs are binary.", "Information is measured in shannons.", "log = log2 here.",
])
def test_a_log_base_in_other_words_and_through_definitions(tmp_path: Path, said: str) -> None:
    """Each phrasing was missed (log 8 = 3 refuted); and a log inside a definition the display
    uses (I = −log q, H(p) = …) was not seen: H(1/2) = 1 refuted, true in bits."""
    text = (f"# E\n\n{said}\n\n$$\\log 8 = 3$$\n\n$$H(p) = -p \\log p - (1-p)\\log(1-p)$$\n\n"
            "$$H(1/2) = 1$$\n\nLet $I = -\\log q$.\n\n$$I = 1 \\quad (q = 1/2)$$\n")
    goals, errors = _goals(tmp_path, "b.md", text)
    assert Verdict.REFUTED not in goals.values(), goals
    assert [e.line for e in errors] == [5, 9, 13], errors


@pytest.mark.parametrize("after", [
    "$$\n\n(This needs $x > 0$.) Next we compute:\n\n$$ (y+1)^2 = y^2 + 2y + 1 $$\n",
    "$$\n\nThis needs $x > 0$; next we compute\n\n$$ (y+1)^2 = y^2 + 2y + 1 $$\n",
    "$$\n\nvalid for positive $x$\n",  # (the end of the file: no period)
    "$$\n\n- for positive $x$\n",
    "$$\n\nNice.\n\nThis requires $x > 0$.\n",  # (a second paragraph, no display after)
])
def test_more_conditions_after_a_display(tmp_path: Path, after: str) -> None:
    """|x| = x was refuted at x = −1 under each: the bound is not read, so unknown."""
    unheld(tmp_path, "c.md", f"# A\n\n$$ |x| = x {after}", [3])


@pytest.mark.parametrize("between", [
    "Let us redefine $L$ as a cubic:", "We now redefine the loss:", "Homework 2. The cubic loss.",
    "Second problem. Now cubic.", "From now on the loss is cubic:", "Task 2 — now cubic.",
])
def test_a_redefinition_in_other_words(tmp_path: Path, between: str) -> None:
    text = (f"# A\n\n$$L = x^2$$\n\n$$\\frac{{dL}}{{dx}} = 2x$$\n\n{between}\n\n$$L = x^3$$\n\n"
            "$$\\frac{dL}{dx} = 3x^2$$\n")
    goals, errors = _goals(tmp_path, "r.md", text)
    assert goals.get(5) is Verdict.PROVED and Verdict.REFUTED not in goals.values(), goals
    assert [e.line for e in errors] == [9, 11], errors


@pytest.mark.parametrize("said", [
    "For $x$ taking negative values:", "Let $x$ take only negative values.",
    "When $x$ takes negative values, we get", "Restricting $x$ to negative values,",
    "For $x$ in the negative reals:", "Consider $x$ among the negative numbers:",
    "For inputs $x$ with negative values:",
])
def test_a_sign_said_through_values(tmp_path: Path, said: str) -> None:
    """|x| = −x was refuted at x ≥ 0 under each: the sign is not read, so unknown."""
    unheld(tmp_path, "v.md", f"# A\n\n{said}\n\n$$|x| = -x$$\n", [5])


def test_a_word_in_a_font_defined_again_in_a_sibling_section(tmp_path: Path) -> None:
    """\\operatorname{FL} = −log p under ## B (FL(p) defined under ## A): its use said "FL is
    defined in section 'A' … define it again in this section", which the line had just done."""
    text = ('## A\n\n```derivcheck\nsymbols = { p = "positive" }\n```\n\n'
            "$$\\operatorname{FL}(p) = -\\log p$$\n\n"
            "$$\\frac{d\\,\\operatorname{FL}}{dp} = -\\frac{1}{p}$$\n\n"
            '## B\n\n```derivcheck\nsymbols = { z = "real" }\n```\n\n$$p = \\sigma(z)$$\n\n'
            "$$\\operatorname{FL} = -\\log p$$\n\n$$\\frac{d\\,\\operatorname{FL}}{dz} = \\sigma(z) - 1$$\n\n"
            "$$\\frac{d\\,\\operatorname{FL}}{dz} = 1 - \\sigma(z)$$\n")
    goals, errors = _goals(tmp_path, "fl.md", text)
    assert errors == [] and goals == {9: Verdict.PROVED, 21: Verdict.PROVED,
                                      23: Verdict.REFUTED}, (goals, errors)


def test_a_label_in_zero_one_declared_as_a_given(tmp_path: Path) -> None:
    """given = ["y*(1 - y) == 0"], as the refusal of "y ∈ {0, 1}" says to write: every check
    of the file was an error ("no variable can be solved for uniquely"), and the prose still
    refused. Now y = 0 and y = 1 are the cases, and the prose is what the given says."""
    text = ('```derivcheck\nsymbols = { y = "real", z = "real" }\ngiven = ["y*(1 - y) == 0"]\n'
            'latex = { "\\\\sigma" = "sigmoid" }\n```\n\nThe label is $y \\in \\{0, 1\\}$.\n\n'
            "$$y^2 = y$$\n\n$$y^3 = 2y$$\n\n"
            "$$-[y \\log \\sigma(z) + (1-y)\\log(1-\\sigma(z))] = "
            "-\\log(y\\sigma(z) + (1-y)(1-\\sigma(z)))$$\n\n"
            "$$\\frac{d}{dz}\\log \\sigma(z) = 1 - \\sigma(z)$$\n")
    goals, errors = _goals(tmp_path, "bin.md", text)
    assert errors == [], errors
    assert goals == {9: Verdict.PROVED, 11: Verdict.REFUTED, 13: Verdict.PROVED,
                     15: Verdict.PROVED}, goals


def test_an_equation_no_real_number_satisfies_makes_a_vacuous_proof(tmp_path: Path) -> None:
    """An adversary (eighteenth session): given = ["x**2 == -1"] (or x⁴ + 4 = 0) was an
    internal error (IndexError): the split into the equation's rational roots found none and
    left no case at all. No real x satisfies it: the proof is vacuous, and says so."""
    from checker import Limits, Settings, run
    from checker.derivation_file import load_file

    path = tmp_path / "vac.toml"
    path.write_text('format = 1\n[context]\nsymbols = { x = "real" }\n\n'
                    '[[derivation]]\nid = "sq"\ngiven = ["x**2 == -1"]\nclaim = "x == 5"\n\n'
                    '[[derivation]]\nid = "quartic"\ngiven = ["x**4 + 4 == 0"]\n'
                    'claim = "x == x + 1"\n', encoding="utf-8")
    loaded = load_file(str(path))
    assert not loaded.errors
    report = run(loaded.items, Settings(), Limits(timeout=60, jobs=1))
    for outcome in report.outcomes:
        (check,) = outcome.checks
        assert check.result.verdict is Verdict.PROVED and check.result.vacuous, check.result
        assert "holds for no real number" in check.result.detail, check.result.detail


def test_a_family_with_undeclared_letters_says_why_it_is_not_the_vector(tmp_path: Path) -> None:
    """A new user's batch norm: y_i = γx̂_i + β with γ and β undeclared, then ∂L/∂β with
    "L(y)" = "arbitrary" said "y is not declared or defined here" (y_i is defined on the
    page); the message said the letters to declare, and declaring them read it. Since
    session 36 γ and β are letters of the page's own: read either way."""
    head = ('```derivcheck\ndims = { m = "positive integer" }\nvectors = { x = "m" }\n'
            'functions = { "L(y)" = "arbitrary" }\n')
    body = ("```\n\n$$y_i = \\gamma x_i + \\beta$$\n\n"
            "$$\\frac{\\partial L}{\\partial \\beta} = "
            "\\sum_{i=1}^{m} \\frac{\\partial L}{\\partial y_i}$$\n")
    goals, errors = _goals(tmp_path, "bn.md", head + body)  # (since session 36 letters of
    assert errors == [] and list(goals.values()) == [Verdict.PROVED], (goals, errors)  # its own)
    goals, errors = _goals(tmp_path, "bn2.md",
                           head + 'symbols = { gamma = "real", beta = "real" }\n' + body)
    assert errors == [] and list(goals.values()) == [Verdict.PROVED], (goals, errors)


def test_gaussian_likelihood_with_the_variance_mapped(tmp_path: Path) -> None:
    """A new user's Gaussian MLE, σ² mapped to v: 1/σ⁴ said "\\sigma needs an argument" (σ⁴
    is (σ²)² = v²), and ℓ(μ, σ²) = … was taken for a claim about an arbitrary ℓ (its
    parameter is no letter), so a lost ½ went unnoticed: now the definition is refused with
    what to write, the lines using ℓ are refused with it, and written ℓ(μ, v) it is read."""
    head = ('```derivcheck\nsymbols = { x = "real", mu = "real", v = "positive" }\n'
            'latex = { "\\\\sigma^2" = "v" }\n```\n\n')
    rest = ("\\log(2\\pi\\sigma^2) - \\frac{(x-\\mu)^2}{2\\sigma^2}$$\n\n"
            "$$\\frac{\\partial \\ell}{\\partial \\sigma^2} = -\\frac{1}{2\\sigma^2} + "
            "\\frac{(x-\\mu)^2}{2\\sigma^4}$$\n\n"
            "$$\\frac{\\partial \\ell}{\\partial \\sigma^2} = -\\frac{1}{2\\sigma^2} + "
            "\\frac{(x-\\mu)^2}{\\sigma^4}$$\n")
    goals, errors = _goals(tmp_path, "g.md", head + "$$\\ell(\\mu, \\sigma^2) = -\\frac{1}{2}"
                           + rest)
    assert {e.line for e in errors} == {6, 8, 10}, errors
    assert "write \\ell(\\mu, v) = …" in next(e.message for e in errors if e.line == 6)
    assert Verdict.PROVED not in goals.values() and Verdict.REFUTED not in goals.values(), goals
    goals, errors = _goals(tmp_path, "g2.md", head + "$$\\ell(\\mu, v) = -\\frac{1}{2}" + rest)
    assert errors == [] and goals == {8: Verdict.PROVED, 10: Verdict.REFUTED}, (goals, errors)


def test_log_with_a_whole_base(tmp_path: Path) -> None:
    """\\log_2 was refused ("no log bases"), and \\ln x / \\ln 2 too under "base 2": \\log_b x
    is read as ln x / ln b, and a logarithm written with its base (or \\ln) is what it says."""
    text = ('# Entropy\n\n```derivcheck\nsymbols = { p = "positive" }\ngiven = ["p < 1"]\n```\n\n'
            "All logarithms are base 2.\n\n$$H(p) = -p \\log_2 p - (1 - p) \\log_2(1 - p)$$\n\n"
            "$$H(1/2) = 1$$\n\n$$H'(p) = \\ln \\frac{1-p}{p}$$\n\n$$\\frac{\\ln 8}{\\ln 2} = 3$$\n\n"
            "$$H''(p) = -\\frac{1}{p(1 - p)}$$\n")
    goals, errors = _goals(tmp_path, "l2.md", text)
    assert errors == [], errors
    assert goals[12] is Verdict.PROVED and goals[14] is Verdict.REFUTED, goals
    assert goals[16] in (Verdict.PROVED, Verdict.NUMERIC) and goals[18] is Verdict.REFUTED, goals


def test_a_prime_of_a_function_with_a_log_under_another_base(tmp_path: Path) -> None:
    """H''(p) with H written with \\log under "base 2" was proved (the guard did not look
    through a prime into H's body): refused."""
    text = ('# E\n\n```derivcheck\nsymbols = { p = "positive" }\ngiven = ["p < 1"]\n```\n\n'
            "All logarithms are base 2.\n\n$$H(p) = -p \\log p - (1 - p) \\log(1 - p)$$\n\n"
            "$$H''(p) = -\\frac{1}{p(1 - p)}$$\n")
    goals, errors = _goals(tmp_path, "hp.md", text)
    assert Verdict.PROVED not in goals.values(), goals
    assert [e.line for e in errors] == [12], errors


@pytest.mark.parametrize("said", [
    "We work in base 2 for all logarithms.", "Base 2 is used for every logarithm below.",
    "The base of every logarithm is 2.", "Throughout, log means log₂.",
])
def test_a_log_base_said_in_any_order(tmp_path: Path, said: str) -> None:
    """d/dx log x = 1/x was proved under each (the base named after the logs, or log₂
    written in words): refused. "binary cross-entropy … the natural log" says no base."""
    display = "$$\\frac{d}{dx} \\log x = \\frac{1}{x}$$\n"
    goals, errors = _goals(tmp_path, "b.md", f"# T\n\n{said}\n\n{display}")
    assert Verdict.PROVED not in goals.values() and len(errors) == 1, (goals, errors)
    natural = "The binary cross-entropy, with the natural log, is differentiated below."
    goals, errors = _goals(tmp_path, "n.md", f"# T\n\n{natural}\n\n{display}")
    assert errors == [] and list(goals.values()) == [Verdict.PROVED], (goals, errors)


@pytest.mark.parametrize("label", ["Problem 2", "Problem 2 – cubic", "Problem 2 (cubic loss):",
                                   "*Problem 2.*", "Q2:", "II. A cubic loss"])
def test_more_problem_labels(tmp_path: Path, label: str) -> None:
    text = (f"Problem 1\n\n$$L = x^2$$\n\n{label}\n\n$$L = x^3$$\n\n$$\\frac{{dL}}{{dx}} = 2x$$\n")
    goals, errors = _goals(tmp_path, "np.md", text)
    assert Verdict.PROVED not in goals.values() and Verdict.REFUTED not in goals.values()
    assert [e.line for e in errors] == [7, 9], errors


def test_a_declared_number_written_as_a_function(tmp_path: Path) -> None:
    """p(z) = σ(z) with p declared a number was read as p·z (refuted), and dp/dz = p(1 − p)
    after it refuted at a free p: refused, later uses too."""
    text = ('```derivcheck\nsymbols = { p = "real", z = "real" }\n```\n\n$$p(z) = \\sigma(z)$$\n\n'
            "$$\\frac{dp}{dz} = p(1 - p)$$\n")
    goals, errors = _goals(tmp_path, "p.md", text)
    assert Verdict.REFUTED not in goals.values(), goals
    assert [e.line for e in errors] == [5, 7] and "p times (…), or a function" in errors[0].message


@pytest.mark.parametrize("between", [
    "which holds since $x > 0$, and then", "This step needs $x > 0$, and next we expand:",
    "For $x > 0$ this is exact. Next, we compute:", "For $x > 0$ only; next we compute:",
    "where $u = a + b$. Here $x > 0$ is needed. Next, compute:",
])
def test_a_condition_in_a_paragraph_that_turns_to_the_next_display(tmp_path: Path,
                                                                  between: str) -> None:
    """|x| = x was refuted at x = −1 under each (the clause before ", and then", a whole
    sentence before the lead-in, a sentence after a where-clause): the bound is not read, so
    unknown; the display after it holds whatever x is."""
    text = f"# T\n\n$$|x| = x$$\n\n{between}\n\n$$(a+b)^2 = a^2 + 2ab + b^2$$\n"
    goals = unheld(tmp_path, "t.md", text, [3])
    assert goals[7] is Verdict.PROVED, goals


def test_a_where_clause_before_a_turn_defines_for_the_display(tmp_path: Path) -> None:
    """u² = 4x², "where $u = 2x$, and likewise": refuted at u = 0, x = 1 against the page's
    own u = 2x; the where-clause is the display's (as "where $v = 3x$." is the next one's)."""
    text = ("# T\n\n$$u^2 = 4x^2$$\n\nwhere $u = 2x$, and likewise\n\n$$v^2 = 9x^2$$\n\n"
            "where $v = 3x$.\n")
    goals, errors = _goals(tmp_path, "w.md", text)
    assert errors == [] and goals == {3: Verdict.PROVED, 7: Verdict.PROVED}, (goals, errors)


@pytest.mark.parametrize("said", [
    "The input $x$ is never negative.", "The input $x$ cannot be negative.",
    "$x$ is strictly greater than zero.", "$x$ exceeds $0$.",
    "The variable $x$ lies in the unit interval.", "Throughout, $x$ is a length.",
    "Here $x$ is at least $1$.",
])
def test_a_sign_or_bound_in_more_words(tmp_path: Path, said: str) -> None:
    """√(x²) = x was refuted at x = −1 under each: the sign or bound is not read, so unknown."""
    unheld(tmp_path, "s.md", f"# A\n\n{said}\n\n$$\\sqrt{{x^2}} = x$$\n", [5])


@pytest.mark.parametrize("said", ["Here $n$ is an integer.", "Here $n \\in \\mathbb{Z}$.",
                                  "Let $n$ be a natural number.", "$n$ is a whole number."])
def test_an_integer_said_in_prose(tmp_path: Path, said: str) -> None:
    """cos(2πn) = 1 was refuted at n = 1/2 under each: unknown unless n is declared one
    ("n ∈ ℤ", a type, is refused: the declarations say types)."""
    display = "$$\\cos(2 \\pi n) = 1$$\n"
    goals, errors = _goals(tmp_path, "i.md", f"# A\n\n{said}\n\n{display}")
    assert Verdict.REFUTED not in goals.values() and Verdict.PROVED not in goals.values()
    assert errors == [] or 'symbols = { n = "integer" }' in errors[0].message, errors
    declared = '```derivcheck\ndims = { n = "positive integer" }\n```\n\n'
    goals, errors = _goals(tmp_path, "d.md", f"{declared}# A\n\n{said}\n\n{display}")
    assert errors == [] and list(goals.values()) == [Verdict.PROVED], (goals, errors)


def test_a_case_does_not_reach_over_code(tmp_path: Path) -> None:
    """"If $x > 0$:", then a code block (or a notebook code cell), then √(x²) = x: it was
    proved under x > 0 (an image there was refused): the case leads into the code, and is
    not read for the display: unknown."""
    text = ('```derivcheck\nsymbols = { x = "real" }\n```\n\n# T\n\nIf $x > 0$:\n\n'
            "```python\nrelu(x)\n```\n\n$$\\sqrt{x^2} = x$$\n")
    assert unheld(tmp_path, "c.md", text, [13]) == {13: Verdict.UNKNOWN}
    cells = [{"cell_type": "raw", "metadata": {}, "source": 'derivcheck\nsymbols = { x = "real" }'},
             {"cell_type": "markdown", "metadata": {}, "source": "If $x > 0$:"},
             {"cell_type": "code", "metadata": {}, "source": "relu(x)", "outputs": [],
              "execution_count": None},
             {"cell_type": "markdown", "metadata": {}, "source": "$$\\sqrt{x^2} = x$$"}]
    nb = json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    goals, errors = _goals(tmp_path, "c.ipynb", nb)
    assert errors == [] and list(goals.values()) == [Verdict.UNKNOWN], (goals, errors)


def test_a_symmetric_matrix_stated_as_a_given_at_explicit_sizes(tmp_path: Path) -> None:
    """A new user's Rayleigh quotient: given = ["A == T(A)"] was refused ("compare scalars"),
    and "Let $A$ be symmetric" refused whatever the givens said. At explicit sizes A == T(A)
    is one equation per entry; the prose is then what the given says (and without the given
    it is still refused: the display would be checked without it)."""
    head = '```derivcheck\nvectors = { x = 3 }\nmatrices = { A = [3, 3] }\n'
    body = ("```\n\nLet $A$ be a symmetric $3 \\times 3$ matrix.\n\n"
            "$$\\nabla_x (x^T A x) = 2 A x$$\n")
    goals, errors = _goals(tmp_path, "s.md", head + 'given = ["A == T(A)"]\n' + body)
    assert errors == [] and list(goals.values()) == [Verdict.PROVED], (goals, errors)
    goals, errors = _goals(tmp_path, "s2.md", head + body)
    assert errors and "symmetric" in errors[0].message and not goals, (goals, errors)


def test_third_adversary_of_this_sessions_reader(tmp_path: Path) -> None:
    """An adversary of this session's own reader changes, each a wrong proof or refutation:
    \\sigma^42 with σ² mapped to v was read v²¹ (TeX sets σ⁴·2); h(σ) = σ² + 1 read the
    body's σ² as the variance v (h(3) = v + 1 proved); \\sigma^2_B was v_B (a letter of its
    own, refuted); `<pre>` in an inline code span hid the display after it."""
    head = ('```derivcheck\nsymbols = { v = "positive", z = "real", w = "positive" }\n'
            'latex = { "\\\\sigma^2" = "v" }\n```\n\n')
    goals, errors = _goals(tmp_path, "a.md", head + "$$\\sigma^42 = v^{21}$$\n\n"
                           "$$h(\\sigma) = \\sigma^2 + 1$$\n\n$$h(3) = v + 1$$\n\n"
                           "$$h(3) = 10$$\n\n$$\\sigma^2_B = w$$\n\n"
                           "Use the `<pre>` tag for code.\n\n$$z + 1 = z + 2$$\n\n"
                           "Close it with `</pre>` afterwards.\n")
    assert {e.line for e in errors} == {6}, errors  # (σ^2_B = w: a name defined, not v_B)
    assert goals == {6: Verdict.ERROR, 10: Verdict.REFUTED, 12: Verdict.PROVED,
                     18: Verdict.REFUTED}, goals
