"""Definitions written in the prose ("where $u = wx + b$") are read as the document's
definitions, at their place; formulas that could be something else (a hypothesis, a case, a
result) are not, and a display that depends on them stays refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import Limits, Settings, run
from checker.files import load_file
from checker.files.prose_definitions import definitions_in
from checker.results import Verdict
from tests.recheck import assert_refutations


@pytest.mark.parametrize(("prose", "read"), [
    ("where $u = wx + b$ is the pre-activation", ["u = wx + b"]),
    ("Let $h = \\sigma(z)$ and $z = Wx$.", ["z = Wx", "h = \\sigma(z)"]),
    ("with $\\hat{y} = \\sigma(wx)$, the loss is", ["\\hat{y} = \\sigma(wx)"]),
    ("$m$ denotes $wx + b$.", ["m = wx + b"]),
    ("where $f(x) = x^2 + 1$", ["f(x) = x^2 + 1"]),
    ("Define $u := w x$.", ["u := w x"]),
    ("where the error is defined as $E = (t - y)^2 / 2$, and", ["E = (t - y)^2 / 2"]),
    ("where $x > 0$ and $u = wx + b$", ["u = wx + b"]),
    ("where \\(u = wx + b\\)", ["u = wx + b"]),
    ("Let $L = u^2$, where $u = wx + b$.", ["u = wx + b", "L = u^2"]),
    # not definitions: a hypothesis, a case, a result, a restatement, an update, a chain
    ("If $u = wx + b$ then", []),
    ("Since $u = wx + b$, we have", []),
    ("such that $u = wx + b$", []),
    ("Recall that $u = wx + b$.", []),
    ("Assume $m$ denotes $wx + b$.", []),
    ("where $x = 0$", []),
    ("where $w = w - \\eta g$", []),
    ("where $a = b = c$", []),
    ("where $u = wx + b > 0$", []),
    ("with respect to $w$ of $L = u^2$", []),
    ("where we assume $u = wx + b$", []),
    ("Here $\\sum_{i=1}^n x_i = 1$", []),
    ("For all $x$, where $u = wx$", []),
    ("where $u \\approx wx$", []),
])
def test_which_formulas_in_prose_are_definitions(prose: str, read: list[str]) -> None:
    assert [d.latex for d in definitions_in(prose)] == read


def check(tmp_path: Path, text: str, name: str = "doc.md") -> tuple[dict, list]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    loaded = load_file(str(path))
    report = run(loaded.items, Settings(), Limits(timeout=60, jobs=1))
    assert_refutations(report)  # every counterexample re-checked, hypotheses included
    return {o.id.split("::", 1)[1]: o for o in report.outcomes}, loaded.errors


def verdicts(outcome: object) -> list[Verdict]:
    return [c.result.verdict for c in outcome.checks if c.check.step]  # type: ignore[attr-defined]


HEADER = """```derivcheck
symbols = { x = "real", w = "real", b = "real", y = "real" }
latex = { "\\\\sigma" = "sigmoid" }
```
"""


def test_a_prose_definition_holds_from_where_it_is_written_on(tmp_path: Path) -> None:
    """Read before the display after it and every later one in the section; a wrong step
    is refuted with the definition in force (its counterexample re-checked)."""
    outcomes, errors = check(tmp_path, HEADER + r"""
# Backprop

Let the loss be $L = u^2$, where $u = wx + b$.

$$\frac{\partial L}{\partial w} = 2u \frac{\partial u}{\partial w} = 2ux$$

$$\frac{\partial L}{\partial b} = 2u \cdot x$$
""")
    assert errors == []
    assert verdicts(outcomes["L10"]) == [Verdict.PROVED, Verdict.PROVED]
    assert verdicts(outcomes["L12"]) == [Verdict.REFUTED]  # ∂L/∂b = 2u, not 2ux
    note = outcomes["L10"].checks[0].check.claim.note
    assert "$u = wx + b$ (line 8)" in note and "$L = u^2$ (line 8)" in note


def test_the_sentence_after_a_display_defines_for_it(tmp_path: Path) -> None:
    outcomes, errors = check(tmp_path, HEADER + r"""
$$\frac{d}{dw} \sigma(wx + b) = \sigma(u)(1 - \sigma(u)) x$$

where $u = wx + b$.

$$\frac{d}{dw} \sigma(wx + b) = \sigma(u) x$$
""")
    assert errors == []
    assert verdicts(outcomes["L6"]) == [Verdict.PROVED]
    assert verdicts(outcomes["L10"]) == [Verdict.REFUTED]


def test_a_definition_does_not_leave_its_section(tmp_path: Path) -> None:
    outcomes, errors = check(tmp_path, HEADER + r"""
# One

where $u = wx + b$:

$$\frac{d}{dw} u^2 = 2ux$$

# Two

$$\frac{d}{dw} u^2 = 2ux$$
""")
    assert verdicts(outcomes["L10"]) == [Verdict.PROVED]
    assert "L14" not in outcomes and [e.line for e in errors] == [14]  # u: "Two" has none


def test_a_prose_formula_that_is_not_a_definition_still_refuses_the_display(
        tmp_path: Path) -> None:
    """"Since $u = wx + b$" is not read (a reason, which may be a hypothesis): the display
    that uses u is refused, never checked with u a letter of its own."""
    outcomes, errors = check(tmp_path, HEADER + r"""
Since $u = wx + b$, we get

$$\frac{d}{dw} \sigma(wx + b) = \sigma(u)(1 - \sigma(u)) x$$
""")
    assert outcomes == {}
    assert [e.line for e in errors] == [8]


def test_a_letter_already_used_is_not_redefined_by_prose(tmp_path: Path) -> None:
    """u was the variable of a display before: "where $u = wx + b$" after it cannot make u an
    expression there (a definition holds from where it is written), and the display that
    comes with the prose is refused, not read with a guess."""
    outcomes, errors = check(tmp_path, HEADER + r"""
$$\frac{d}{du} u^2 = 2u$$

Now where $u = wx + b$:

$$\frac{d}{dw} u^2 = 2ux$$
""")
    assert verdicts(outcomes["L6"]) == [Verdict.PROVED]
    assert "L10" not in outcomes and [e.line for e in errors] == [10]
    assert "the prose at line 8 defines u ($u = wx + b$), which cannot be read" in \
        errors[0].message and "variable of an earlier display" in errors[0].message


def test_a_function_defined_in_prose_binds_its_parameter(tmp_path: Path) -> None:
    """No capture: h(x) = x² defined in prose, used at y and at x + 1."""
    outcomes, errors = check(tmp_path, HEADER + r"""
where $h(x) = x^2 + w$:

$$h(y) + h(x + 1) = y^2 + (x + 1)^2 + 2w$$

$$h(y) = x^2 + w$$
""")
    assert errors == []
    assert verdicts(outcomes["L8"]) == [Verdict.PROVED]
    assert verdicts(outcomes["L10"]) == [Verdict.REFUTED]


def test_prose_definitions_in_latex(tmp_path: Path) -> None:
    outcomes, errors = check(tmp_path, r"""\documentclass{article}
% derivcheck
% symbols = { x = "real", w = "real", b = "real" }
\begin{document}
Let \(u = wx + b\) be the pre-activation. Then
\begin{equation}
\frac{d}{dw} e^{u} = x e^{u}
\end{equation}
\end{document}
""", "doc.tex")
    assert errors == []
    assert [verdicts(o) for o in outcomes.values()] == [[Verdict.PROVED]]
