"""A LaTeX document's own macros are expanded in its displays (checker.files.macros): the
preamble of almost every LaTeX homework defines some, and an unused one failed the run."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.files.macros import Unexpanded, definitions, expand
from checker.results import Verdict
from tests.recheck import by_line, checked_file

PREAMBLE = r"""
\newcommand{\R}{\mathbb{R}}
\newcommand\bx{\mathbf{x}}
\newcommand{\norm}[1]{\left\lVert #1 \right\rVert}
\renewcommand{\vec}[1]{\mathbf{#1}}
\newcommand{\pd}[2]{\frac{\partial #1}{\partial #2}}
\DeclareMathOperator*{\sigm}{sigmoid}
\def\half{\frac{1}{2}}
\let\eps\varepsilon
\newcommand{\opt}[1][2]{#1}
\newcommand{\sneaky}{\def\y{1}}
"""


@pytest.mark.parametrize(("written", "expanded"), [
    (r"\R", r"\mathbb{R}"),
    (r"\bx^\top \bx", r"\mathbf{x}^\top \mathbf{x}"),
    (r"\norm{w}^2", r"\left\lVert w \right\rVert^2"),
    (r"\pd{L}{w}", r"\frac{\partial L}{\partial w}"),
    (r"\pd L w", r"\frac{\partial L}{\partial w}"),
    (r"\sigm(x)", r"\operatorname{sigmoid}(x)"),
    (r"\half x", r"\frac{1}{2} x"),
    (r"\eps", r"\varepsilon"),
    (r"\vec{x}", r"\mathbf{x}"),
    (r"\Rx", r"\Rx"),  # another command, not \R followed by x
])
def test_macros_are_put_in(written: str, expanded: str) -> None:
    assert expand(written, definitions(PREAMBLE)) == expanded


@pytest.mark.parametrize(("written", "words"), [
    (r"\opt{3}", "a default for its optional argument"),
    (r"\sneaky", "defines macros"),
    (r"\pd{L}", "takes 2 arguments"),
])
def test_a_macro_that_cannot_be_put_in_says_why(written: str, words: str) -> None:
    with pytest.raises(Unexpanded, match=words):
        expand(written, definitions(PREAMBLE))


def test_a_document_with_macros_is_checked_as_typeset(tmp_path: Path) -> None:
    """The unused macros cost nothing; a display using one is read with it put in, and a
    wrong step there is refuted at its line; the prose after an expanded display is read."""
    path = tmp_path / "hw.tex"
    path.write_text("\\documentclass{article}" + PREAMBLE + "% derivcheck:\n"
                    "% symbols = { x = \"real\", w = \"real\" }\n\\begin{document}\n"
                    "\\[ \\pd{}{x} \\half x^2 = x \\]\n"
                    "Let $u = \\half w^2$.\n"
                    "\\[ \\pd{u}{w} = 2w \\]\n"
                    "\\[ \\pd{}{x} \\sigm(x) = \\sigm(x)(1 - \\sigm(x)) \\]\n"
                    "\\[ \\opt{3} = 3 \\]\n\\end{document}\n", encoding="utf-8")
    report, errors = checked_file(path)  # (counterexamples re-checked)
    got = by_line(report)
    assert got == {"15": [Verdict.PROVED], "17": [Verdict.REFUTED], "18": [Verdict.PROVED]}
    assert [e.line for e in errors] == [19]
    assert "\\opt (defined at line 10)" in errors[0].message


def _tex_verdicts(tmp_path: Path, body: str) -> tuple[list, list]:
    path = tmp_path / "m.tex"
    path.write_text(body, encoding="utf-8")
    report, errors = checked_file(path)  # (counterexamples re-checked)
    return ([[c.result.verdict for c in o.checks if c.check.step] for o in report.outcomes],
            errors)


@pytest.mark.parametrize("where", [
    "\\renewcommand{\\act}{\\tanh}\n",  # defined again: which one a display sees is TeX's
    "{\\renewcommand{\\act}{\\tanh}}\n",
    "\\begin{equation}\\renewcommand{\\act}{\\tanh} 1 = 1\\end{equation}\n",
])
def test_a_macro_defined_twice_or_locally_is_not_expanded(tmp_path: Path, where: str) -> None:
    """From a seventh adversary: every definition went into one table, the last one read for
    every display (σ'(0) = 3/4 was proved with \\act read as tanh)."""
    got, errors = _tex_verdicts(tmp_path, "\\newcommand{\\act}{\\sigma}\n" + where
                                + "\\[ \\frac{d}{dx}\\act(x) = 1 - \\act(x)^2 \\]\n")
    assert Verdict.PROVED not in [v for g in got for v in g]
    assert any("\\act" in e.message for e in errors)


def test_a_macro_is_seen_only_after_its_definition_and_as_one_token(tmp_path: Path) -> None:
    """\\sin\\hh x (with \\hh = h) read as \\sinh x; \\frac 1\\xp (with \\xp = x+1) as 1/x + 1;
    a definition after a display changed it; one inside \\iffalse counted."""
    got, errors = _tex_verdicts(
        tmp_path, "\\newcommand{\\hh}{h}\n\\newcommand{\\xp}{x+1}\n"
        "\\[ \\frac{d}{dx}\\sin\\hh x = h\\cos\\hh x \\]\n"
        "\\[ \\frac 1\\xp = \\frac{1}{x + 1} \\]\n"
        "\\[ \\frac{\\partial}{\\partial w}(w\\later) = 0 \\]\n\\newcommand{\\later}{c}\n"
        "\\iffalse\\renewcommand{\\hh}{x}\\fi\n")
    assert got[:2] == [[Verdict.PROVED], [Verdict.PROVED]]
    assert len(errors) == 1 and "\\later" in errors[0].message  # not defined yet there
