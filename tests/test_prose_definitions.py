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
    # from a second adversary: a place, a condition, a comparison, a hope (all were proved)
    ("The loss is smallest where $w = c$.", []),
    ("Where $a = 2b$, the loss vanishes.", []),
    ("This agrees with $u = v$.", []),
    ("we are left with $w = c$.", []),
    ("Let $a = 2b$ be our hope.", []),
    ("On the set where $u = v$, the two losses agree:", []),
    ("Unlike the previous section, where $u = wx + b$, here $u$ is free.", []),
    ("Let $\\bar{x} = \\frac{1}{n}\\sum_{i=1}^{n} x_i$ be the mean.",
     ["\\bar{x} = \\frac{1}{n}\\sum_{i=1}^{n} x_i"]),
    ("the loss, with $\\hat{y} = \\sigma(wx)$, is", ["\\hat{y} = \\sigma(wx)"]),
    ("the loss, with $y = \\hat{y}$, is zero", []),  # two letters tied: a case
    ("where $u = v$", []),
    # a thing named and given its value at once; not a result, a case or a condition
    ("The loss is $L = u^2$.", ["L = u^2"]),
    ("The model is $f(x) = wx + b$, and the hidden layer is $h = \\sigma(Wx)$.",
     ["f(x) = wx + b", "h = \\sigma(Wx)"]),
    ("The gradient is $g = 2x$.", []),
    ("The answer is $y = 3x$.", []),
    ("If the loss is $L = u^2$ then", []),
    ("Since the loss is $L = u^2$, we get", []),
    ("So the loss is $L = u^2$.", []),
    ("The loss is $L = 0$.", []),
    ("The loss is smallest when $w = c$", []),
    ("This is $L = u^2$.", []),
    ("And with $u = wx + b$:", ["u = wx + b"]),
    ("The loss, and where $v = 2x$, is", ["v = 2x"]),
    ("And where $a = 2b$, the loss is", []),
    # an example's own definition; "for example, let" stays one choice of several
    ("Example: $y = \\sigma(wx + b)$.", ["y = \\sigma(wx + b)"]),
    ("Example 2. Let $u = wx$.", ["u = wx"]),
    ("For example, let $u = 2x$.", []),
    ("Example: $y = wx$ is wrong.", []),
    # the loss of one example, given its value (both were refused where L was used)
    ("For one sample, $L = (wx - y)^2$.", ["L = (wx - y)^2"]),
    ("For a single training example the loss is $E = (wx - y)^2$.", ["E = (wx - y)^2"]),
    ("For a single example, if $L = u^2$ then", []),
    ("For example, the loss is $L = u^2$.", []),
    ("As an example, $L = u^2$.", []),
    ("For one sample, $L = 0$.", []),
    # a formula named or given "for one sample" must be all the sentence says (an adversary:
    # each of these was read, and a wrong derivative proved)
    ("For one sample, $L = (wx - y)^2$ plus a penalty $\\lambda w^2$.", []),
    ("For one sample, $L = (wx - y)^2$ is a typo in the handout.", []),
    ("The loss is $L = u^2$ up to a constant.", []),
    ("A simple example is $L = \\log(1 + e^{-ywx})$.", []),
    ("For a toy example, let $u = 2x$.", []),
    ("The loss is $L = u^2$, where $u = wx$.", ["u = wx", "L = u^2"]),
    # "write" is the author's when they say it (a new user's "We write $f(x) = x^T A x$."
    # was refused), someone else's when another does
    ("We write $f(x) = x^T A x$.", ["f(x) = x^T A x"]),
    ("Write $u = wx + b$.", ["u = wx + b"]),
    ("The student wrote $f(x) = x^2$.", []),
    ("Some authors write $u = wx$.", []),
    ("The handout writes $u = wx$.", []),
])
def test_which_formulas_in_prose_are_definitions(prose: str, read: list[str]) -> None:
    assert [d.latex for d in definitions_in(prose) if d.defines] == read


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

Next, let $u = wx + b$:

$$\frac{d}{dw} u^2 = 2ux$$
""")
    assert verdicts(outcomes["L6"]) == [Verdict.PROVED]
    assert "L10" not in outcomes and [e.line for e in errors] == [10]
    assert "the prose at line 8 writes u ($u = wx + b$), which cannot be read" in \
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


# -- what the second adversary found (each was proved or refuted on a guess) -----------------

def refused(outcomes: dict, errors: list, line: int, words: str) -> None:
    """The display at ``line`` is not decided, and its error says ``words``."""
    assert all(c.result.verdict is Verdict.ERROR for o in outcomes.values() for c in o.checks
               if c.check.line == line)
    assert any(e.line == line and words in e.message for e in errors), errors


def test_a_second_value_for_a_defined_name_refuses_its_uses(tmp_path: Path) -> None:
    """A second "let u = …" (another layer, another case?) was silently dropped: the first one
    stayed in force and ∂u/∂x = w was proved after it. Refused from there on; a restatement of
    the same value is none."""
    outcomes, errors = check(tmp_path, HEADER + r"""
Let $u = wx + b$.

$$\frac{\partial u}{\partial x} = w$$

Then let $u = yx + b$.

$$\frac{\partial u}{\partial x} = w$$

$$\frac{\partial u}{\partial b} = 1$$
""")
    assert [c.result.verdict for c in outcomes["L8"].checks if c.check.step] == [Verdict.PROVED]
    refused(outcomes, errors, 12, "u already means something here")
    refused(outcomes, errors, 14, "u already means something here")
    outcomes, errors = check(tmp_path, HEADER + r"""
Let $u = wx + b$.

$$\frac{\partial u}{\partial x} = w$$

Recall, where $u = wx + b$:

$$\frac{\partial u}{\partial b} = 1$$
""")
    assert errors == [] and [c.result.verdict for o in outcomes.values() for c in o.checks
                             if c.check.step] == [Verdict.PROVED, Verdict.PROVED]


@pytest.mark.parametrize("prose", [
    "Students often write $u = 2x$, forgetting the sigmoid.",
    "Had we let $u = 2x$, the layer below would be linear.",
    "Don't write $u = 2x$ here: the margin is free.",
    "We write $u = 2x$ if the bias vanishes.",
    "Here $u$ denotes $2x$ only when the input is positive.",
    "We could let $u = 2x$, or $u = 3x$.",
    "Without loss of generality let $u = 2x$.",
    "> A reviewer wrote: let $u = 2x$.",
    "Let $u = 2x$ (for the first layer; the second uses another slope).",
])
def test_prose_that_is_not_the_authors_definition_is_not_read(tmp_path: Path,
                                                              prose: str) -> None:
    outcomes, errors = check(tmp_path, HEADER + f"\n{prose}\n\n$$\\frac{{du}}{{dx}} = 2$$\n")
    assert not any(c.result.verdict is Verdict.PROVED for o in outcomes.values()
                   for c in o.checks if c.check.step)
    assert [e.line for e in errors] == [8]


@pytest.mark.parametrize("text", [
    "$$f(x) = e^{u}$$\n\nwhere $u = x^2$.\n\n$$f'(1) = 2e$$\n",
    "Let $f(x) = x w$, where $w = x^2$.\n\n$$f(2) = 8$$\n",
])
def test_a_helper_in_a_functions_parameter_is_refused(tmp_path: Path, text: str) -> None:
    """f's x, or the letter x? (f'(1) = 0 was proved, f(2) = 8 refuted.)"""
    outcomes, errors = check(tmp_path, HEADER + "\n" + text)
    assert not any(c.result.verdict in (Verdict.PROVED, Verdict.REFUTED)
                   for o in outcomes.values() for c in o.checks if c.check.step)
    assert any("takes as its parameter" in e.message
               or "whose definition in the prose is not read" in e.message for e in errors)


def test_a_definition_stays_in_its_section_even_with_no_display(tmp_path: Path) -> None:
    outcomes, errors = check(tmp_path, HEADER + r"""
# Model A

For model A, let $u = 2x$.

# Model B

$$\frac{du}{dx} = 2$$
""")
    assert not any(c.result.verdict in (Verdict.PROVED, Verdict.REFUTED)
                   for o in outcomes.values() for c in o.checks if c.check.step)
    assert [e.line for e in errors] in ([12], []), errors  # (since session 36 model A's prose
    # is not model B's: no error about it; u there is read both ways, and they disagree)


def test_a_sections_prose_holds_in_its_subsections(tmp_path: Path) -> None:
    """A problem's "Let $u = wx + b$." before its "## (a)", "## (b)" holds in each part (and
    in a part's own parts), read where it is written: a wrong step there is refuted with it in
    force; the prose of a part does not reach the part beside it."""
    outcomes, errors = check(tmp_path, HEADER + r"""
# Problem 1

Let $u = wx + b$ and let the loss be $L = u^2$.

## (a)

$$\frac{\partial L}{\partial w} = 2ux$$

## (b)

With $q = 3u$:

### (i)

$$\frac{\partial q}{\partial b} = 3$$

$$\frac{\partial L}{\partial b} = 2ux$$

## (c)

$$\frac{\partial q}{\partial b} = 3$$
""")
    assert verdicts(outcomes["L12"]) == [Verdict.PROVED]
    assert "$u = wx + b$ (line 8)" in outcomes["L12"].checks[0].check.claim.note
    assert verdicts(outcomes["L20"]) == [Verdict.PROVED]  # q: (b)'s prose; u: the problem's
    assert verdicts(outcomes["L22"]) == [Verdict.REFUTED]  # ∂L/∂b = 2u
    assert "L26" not in outcomes and [e.line for e in errors] == [26]  # q is (b)'s, not (c)'s


def test_a_sections_prose_after_its_display_holds_in_its_subsection(tmp_path: Path) -> None:
    outcomes, errors = check(tmp_path, HEADER + r"""
# Problem 1

$$\frac{d}{dx} x^2 = 2x$$

Now let $v = 3x$.

## (a)

$$\frac{dv}{dx} = 3$$
""")
    assert errors == [] and verdicts(outcomes["L14"]) == [Verdict.PROVED]


def test_a_definition_after_a_display_is_for_the_displays_after_it(tmp_path: Path) -> None:
    """"Now let $v = 3x$." after a display that writes x is no value for its x (the display
    was refused): it defines v for what follows. One that gives the display's own letter a
    value still refuses it."""
    outcomes, errors = check(tmp_path, HEADER + r"""
$$\frac{d}{dx} x^2 = 2x$$

Now let $v = 3x$.

$$\frac{dv}{dx} = 3$$

$$\frac{d}{dw} w^3 = 3w^2$$

Now let $w = 2b$.

$$\frac{d}{db} b^2 = 2b$$
""")
    assert verdicts(outcomes["L6"]) == [Verdict.PROVED]
    assert verdicts(outcomes["L10"]) == [Verdict.PROVED]
    assert "L12" not in outcomes and [e.line for e in errors][:1] == [12]  # w: a letter before


def test_a_thing_named_with_its_value_is_a_definition(tmp_path: Path) -> None:
    """"The loss is $L = u^2$, where $u = wx + b$." defines L and u for the displays after
    it; a wrong step is refuted with both in force."""
    outcomes, errors = check(tmp_path, HEADER + r"""
The loss is $L = u^2$, where $u = wx + b$.

$$\frac{\partial L}{\partial w} = 2ux$$

$$\frac{\partial L}{\partial b} = 2ux$$
""")
    assert errors == []
    assert verdicts(outcomes["L8"]) == [Verdict.PROVED]
    assert verdicts(outcomes["L10"]) == [Verdict.REFUTED]
    assert "$L = u^2$ (line 6)" in outcomes["L8"].checks[0].check.claim.note


@pytest.mark.parametrize(("prose", "display", "words"), [
    (r"Let $e = y - w$ be the error.", r"\frac{\partial}{\partial y} \frac{1}{2} e^2 = y - w",
     "Euler's number"),
    (r"Let $\pi = w + b$ be the mass.", r"\sin \pi = 0", "already means something"),
    (r"Let $\sigma(z) = z^2$.", r"\frac{d}{dz} \sigma(z) = 2z", "already means something"),
])
def test_prose_giving_a_built_in_name_a_value_refuses_its_uses(tmp_path: Path, prose: str,
                                                               display: str,
                                                               words: str) -> None:
    outcomes, errors = check(tmp_path, HEADER.replace('y = "real"', 'y = "real", z = "real"')
                             + f"\n{prose}\n\n$${display}$$\n")
    refused(outcomes, errors, 8, words)


def test_many_definitions_in_one_sentence_are_read_in_bounded_time(tmp_path: Path) -> None:
    import time
    parts = ", ".join(f"$a_{{{k}}} = {k}x + w$" for k in range(400))
    t0 = time.perf_counter()
    check(tmp_path, HEADER + f"\nLet {parts}.\n\n$$a_{{1}} + a_{{2}} = 3x + 2w$$\n")
    assert time.perf_counter() - t0 < 30
