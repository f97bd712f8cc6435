"""What a new user and a soundness adversary found (nineteenth session): each a wrong verdict
or a needless refusal, and the test that keeps it fixed."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import Limits, Settings, run
from checker.files import load_file
from checker.results import Method, Verdict
from tests.recheck import assert_refutations

MATRICES = "matrices = { A = [2, 2], B = [2, 2] }"


def read(tmp_path: Path, body: str, head: str = "") -> tuple[list, list]:
    """The step checks (verdict, method, detail) of every display, and the input errors."""
    path = tmp_path / "doc.md"
    path.write_text((f"```derivcheck\n{head}\n```\n\n" if head else "") + body, encoding="utf-8")
    loaded = load_file(str(path))
    report = run(loaded.items, Settings(), Limits(timeout=60, jobs=1))
    assert_refutations(report)
    steps = [c for o in report.outcomes for c in o.checks if c.check.step]
    return steps, loaded.errors


def verdicts(steps: list) -> list[Verdict]:
    return [c.result.verdict for c in steps]


# -- Markdown: raw HTML blocks ------------------------------------------------------------

@pytest.mark.parametrize("block", ["<details>\n# Hint (click to open)\nUse the power rule.\n"
                                   "</details>",
                                   "<table>\n# not a heading\n</table>",
                                   "<div class=\"hint\">\n## Hint\n</div>"])
def test_a_hash_line_inside_raw_html_is_no_heading(tmp_path: Path, block: str) -> None:
    """CommonMark: an HTML block runs to the next blank line, and a '#' line in it is text. Read
    as a heading, it opened a new section, so y = x³ was a new definition of y and
    dy/dx = 3x² was proved."""
    steps, errors = read(tmp_path, f"# Problem 1\n\n$$y = x^2$$\n\n{block}\n\n$$y = x^3$$\n\n"
                                   "$$\\frac{dy}{dx} = 3x^2$$\n")
    assert errors == []
    assert verdicts(steps) == [Verdict.REFUTED, Verdict.REFUTED]


def test_a_heading_after_the_html_block_still_opens_a_section(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, "# One\n\n$$y = x^2$$\n\n<details>\nhint\n</details>\n\n"
                                   "# Two\n\n$$y = x^3$$\n\n$$\\frac{dy}{dx} = 3x^2$$\n")
    assert errors == []
    assert verdicts(steps) == [Verdict.PROVED]  # y = x³ defines y in section Two


# -- square matrices: exp, log, sqrt read two ways; det, tr, inverses ------------------------

@pytest.mark.parametrize("line", [r"$$\operatorname{tr}(e^{A}) = e^{A_{11}} + e^{A_{22}}$$",
                                  r"$$e^{A} e^{A} = e^{2A}$$",
                                  r"$$\log(A B) = \log A + \log B$$",
                                  r"$$\sqrt{A} = A$$"])
def test_exp_log_sqrt_of_a_square_matrix_are_refused(tmp_path: Path, line: str) -> None:
    """e^A of a square matrix: the matrix exponential or exp of each entry? Read entrywise,
    tr(e^A) = e^{A11} + e^{A22} was proved (false for the matrix exponential) and
    e^A e^A = e^{2A} refuted (true for it)."""
    steps, errors = read(tmp_path, line + "\n", MATRICES)
    assert set(verdicts(steps)) <= {Verdict.ERROR}
    assert errors and "of a square matrix reads two ways" in errors[0].message
    assert "functions = {" in errors[0].message  # what to write for the entries


def test_exp_of_a_non_square_matrix_is_entrywise(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, r"$$e^{C} = e^{C}$$" "\n"
                         r"$$\log(e^{C}) = C$$" "\n", "matrices = { C = [2, 3] }")
    assert errors == []
    assert verdicts(steps) == [Verdict.PROVED, Verdict.PROVED]


def test_a_function_the_page_declares_acts_entrywise_on_a_square_matrix(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, r"$$f(A) \odot f(A) = f(2A)$$" "\n",
                         MATRICES + '\nfunctions = { "f(t)" = "exp(t)" }')
    assert errors == []
    assert verdicts(steps) == [Verdict.PROVED]


def test_det_and_tr_as_latex_commands(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, r"""$$\det(A B) = \det(A) \det(B)$$

$$\det A = A_{11} A_{22} - A_{12} A_{21}$$

$$\tr(A + B) = \tr A + \tr B$$

$$\det(2A) = 2 \det A$$
""", MATRICES)
    assert errors == []
    assert verdicts(steps) == [Verdict.PROVED] * 3 + [Verdict.REFUTED]


def test_negative_powers_of_a_matrix_are_its_inverse(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, r"""$$(A B)^{-1} = B^{-1} A^{-1}$$

$$(A B)^{-1} = A^{-1} B^{-1}$$

$$A^{-2} = (A^{2})^{-1}$$
""", MATRICES)
    assert errors == []
    assert verdicts(steps) == [Verdict.PROVED, Verdict.REFUTED, Verdict.PROVED]


# -- the identity as a step of its own -------------------------------------------------------

def test_the_identity_alone_takes_the_chains_size(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, "$$A A^{-1} = \\mathbf{I}$$\n\n$$A^{-1} A = 2\\mathbf{I}$$\n",
                         MATRICES)
    assert errors == []
    assert verdicts(steps) == [Verdict.PROVED, Verdict.REFUTED]


def test_an_undeclared_i_alone_beside_a_matrix_reads_two_ways(tmp_path: Path) -> None:
    """A⁻¹A = I: I a number (then the shapes differ: refuted) or the identity (proved). Was
    refuted by its shape."""
    steps, errors = read(tmp_path, "$$A^{-1} A = I$$\n", MATRICES)
    assert errors == []
    assert [(c.result.verdict, c.result.method) for c in steps] == [
        (Verdict.UNKNOWN, Method.AMBIGUOUS)]
    assert "\\mathbf{I}" in c_detail(steps[0])


def c_detail(check: object) -> str:
    return check.result.detail  # type: ignore[attr-defined]


def test_expect_lines_naming_no_line_of_the_display_is_an_error(tmp_path: Path) -> None:
    _, errors = read(tmp_path, '<!-- derivcheck: expect_lines = { 40 = "refuted" } -->\n'
                               "$$\n(x+1)^2 = x^2 + 2x + 1\n$$\n")
    assert len(errors) == 1
    assert "expect_lines: '40' is not a line this display's steps are written on" \
        in errors[0].message


# -- what the prose says ----------------------------------------------------------------------

RIDGE = r"""We have a design matrix $X \in \mathbb{R}^{n \times d}$, targets $y \in \mathbb{R}^n$
and weights $w \in \mathbb{R}^d$.

$$
\begin{align}
\nabla_w \|Xw - y\|^2 &= 2X^T X w - 2 X^T y \\
&= 2 X (Xw - y)
\end{align}
$$
"""


def test_a_letter_the_prose_puts_in_r_n_is_not_read_as_a_number(tmp_path: Path) -> None:
    """Read as numbers, 2X(Xw − y) (the transpose lost) was proved equal to ∇‖Xw − y‖²; then it
    was refused, with the declaration to write. Since session 36 what the page states is read
    as that declaration: the transpose lost is refuted, as with the block below."""
    steps, errors = read(tmp_path, RIDGE)
    assert errors == [] and verdicts(steps) == [Verdict.PROVED, Verdict.REFUTED]


def test_declared_as_the_prose_says_the_derivation_is_checked(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, RIDGE, 'dims = { n = "positive integer", d = "positive '
                         'integer" }\nvectors = { y = "n", w = "d" }\nmatrices = { X = ["n", "d"] }')
    assert errors == []
    assert verdicts(steps) == [Verdict.PROVED, Verdict.REFUTED]


def test_a_letter_in_r_1_or_declared_a_number_is_read(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, "Let $t \\in \\mathbb{R}^1$ and $a \\in \\mathbb{R}^{2}$.\n\n"
                         "$$(t + a)^2 = t^2 + 2ta + a^2$$\n", 'symbols = { a = "real" }')
    assert errors == []
    assert verdicts(steps) == [Verdict.PROVED]


def test_a_property_stated_mid_sentence_is_not_dropped(tmp_path: Path) -> None:
    """"… without the transpose for symmetric $A$:" — the "without" was taken to negate the
    property, and the claim was refuted at a matrix that is not symmetric."""
    steps, errors = read(tmp_path, "Many notes write it without the transpose for symmetric "
                         "$A$:\n\n$$\\nabla_A \\log \\det(A) = \\operatorname{inv}(A)$$\n",
                         MATRICES)
    assert Verdict.REFUTED not in verdicts(steps)
    assert errors and "says symmetric $A$" in errors[0].message
    assert 'given = ["A == T(A)"]' in errors[0].message


@pytest.mark.parametrize("prose", ["At the last step only (holding $h_1$ fixed):",
                                   "Treating $h_1$ as a constant,",
                                   "With $h_1$ held fixed, we get"])
def test_holding_a_defined_name_fixed_is_refused(tmp_path: Path, prose: str) -> None:
    """h₁ is defined through w, so ∂/∂w goes through it; "holding h₁ fixed" says otherwise.
    The immediate partial (right) was refuted."""
    steps, errors = read(tmp_path, "$$h_t = \\tanh(w h_{t-1} + u x_t)$$\n\n" + prose + "\n\n$$"
                         "\\frac{\\partial}{\\partial w} \\frac{1}{2}\\tanh^2(w h_1 + u x_2) = "
                         "h_1 h_2 (1 - h_2^2)$$\n",
                         'symbols = { w = "real", u = "real", h_0 = "real" }\nvectors = { x = 3 }')
    assert Verdict.REFUTED not in verdicts(steps)
    assert any("which is not read: a derivative here goes through what the page defines"
               in e.message for e in errors)


def test_holding_a_declared_letter_fixed_needs_nothing(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, "Treating $b$ as a constant:\n\n$$\\frac{\\partial}{\\partial "
                         "w} (w x + b)^2 = 2x(wx + b)$$\n",
                         'symbols = { w = "real", b = "real", x = "real" }')
    assert errors == []
    assert verdicts(steps) == [Verdict.PROVED]


def test_prose_under_the_next_heading_is_not_the_displays(tmp_path: Path) -> None:
    """"## B ⏎ Setting it to zero recovers $\\mu = x$" was read as a condition on the display
    before the heading (refused)."""
    steps, errors = read(tmp_path, "# A\n\n$$\\frac{d}{dx} (x - \\mu)^2 = 2(x - \\mu)$$\n\n## B"
                         "\n\nSetting it to zero recovers $\\mu = x$, as expected.\n",
                         'symbols = { x = "real", mu = "real" }')
    assert errors == []
    assert verdicts(steps) == [Verdict.PROVED]


def test_solving_in_one_section_does_not_reach_the_next(tmp_path: Path) -> None:
    """A false identity in a subsection was unknown ("an equation is being solved") because the
    section before said it would set something to zero."""
    steps, errors = read(tmp_path, "# A\n\n$$\\frac{d}{dx}(x-2)^2 = 2(x - 2)$$\n\nWe will set "
                         "this to zero later.\n\n## B\n\n$$(x+1)^2 = x^2 + 1$$\n")
    assert errors == []
    assert verdicts(steps) == [Verdict.PROVED, Verdict.REFUTED]


@pytest.mark.parametrize("condition", ["Assume\n\n$$x > 0.$$\n\nThen", "$$\\text{Assume } x > 0$$",
                                       "$x > 0$", "We assume throughout that\n\n$$x > 0, \\quad "
                                       "y > 0.$$"])
def test_a_condition_written_as_a_display_is_not_dropped(tmp_path: Path, condition: str) -> None:
    """√(x²) = x after a display "x > 0" was refuted at x = −1."""
    steps, errors = read(tmp_path, f"{condition}\n\n$$\\sqrt{{x^2}} = x$$\n")
    assert Verdict.REFUTED not in verdicts(steps)
    assert any("(a display of its own) before this display" in e.message for e in errors)


def test_a_condition_display_the_declarations_imply_needs_nothing(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, "Assume\n\n$$x > 0.$$\n\n$$\\sqrt{x^2} = x$$\n",
                         'symbols = { x = "positive" }')
    assert errors == []
    assert verdicts(steps) == [Verdict.PROVED]


def test_a_value_set_in_prose_before_a_continuation_is_not_dropped(tmp_path: Path) -> None:
    """"Setting $b = 0$, ⏎ $$= a^2$$": b is in the expression the display goes on from; was
    refuted at b = 1."""
    steps, errors = read(tmp_path, "$$(a+b)^2 = a^2 + 2ab + b^2$$\n\nSetting $b = 0$,\n\n"
                                   "$$= a^2$$\n")
    assert Verdict.REFUTED not in verdicts(steps)
    assert any("states a condition on b (b = 0)" in e.message for e in errors)


@pytest.mark.parametrize("prose", ["which, for vanishing $b$, is", "which is approximately",
                                   "Ignoring the constant terms,",
                                   "dropping the terms in $b$ (they are small), this is"])
def test_an_approximation_said_in_prose_is_not_checked_as_an_identity(tmp_path: Path,
                                                                      prose: str) -> None:
    steps, errors = read(tmp_path, f"$$(a+b)^2 = a^2 + 2ab + b^2$$\n\n{prose}\n\n$$= a^2$$\n")
    assert Verdict.REFUTED not in verdicts(steps)
    assert any("it holds only approximately or up to what is left out" in e.message
               for e in errors)


def test_the_bold_letter_in_r_n_leaves_the_plain_one_a_number(tmp_path: Path) -> None:
    """"Let $\\mathbf{x} \\in \\mathbb{R}^d$": the bold x is the vector; a plain x elsewhere may
    be a number (the seed documents use both)."""
    steps, errors = read(tmp_path, "Let $\\mathbf{x} \\in \\mathbb{R}^d$ be a vector.\n\n"
                                   "$$(x + 1)^2 = x^2 + 2x + 1$$\n\n$$\\mathbf{x} + 1 = 1 + "
                                   "\\mathbf{x}$$\n")
    assert verdicts(steps) == [Verdict.PROVED]
    assert errors and all("the page says \\mathbf{x} \\in \\mathbb{R}^d" in e.message
                          and e.line == 5 for e in errors)


@pytest.mark.parametrize("line", [r"$$7 \equiv 1 \quad (\text{mod } 3)$$",
                                  r"$$2^{10} \equiv 1 \qquad \text{mod } 11$$",
                                  r"$$x^2 + 2x \equiv x^2 \pmod 2$$"])
def test_a_congruence_is_not_read_as_an_equation(tmp_path: Path, line: str) -> None:
    """7 ≡ 1 (mod 3) was refuted (7 ≠ 1): the modulus was dropped as a remark."""
    steps, errors = read(tmp_path, line + "\n")
    assert Verdict.REFUTED not in verdicts(steps)
    assert errors and "a congruence modulo a number (mod …) is not checked" in errors[0].message


@pytest.mark.parametrize("line", [r"$$1\frac{1}{2} = \frac{3}{2}$$", r"$$3\tfrac{1}{4} = 3.25$$",
                                  r"$$2\frac{1}{2} = 1$$"])
def test_a_mixed_number_is_refused(tmp_path: Path, line: str) -> None:
    """1½ = 3/2 was refuted (read 1·½) and 2½ = 1 proved."""
    steps, errors = read(tmp_path, line + "\n")
    assert set(verdicts(steps)) <= {Verdict.ERROR}
    assert errors and "a mixed number or a product?" in errors[0].message


def test_a_number_times_a_fraction_of_letters_or_after_a_power_is_read(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, "$$x^2 \\frac{1}{2} = \\frac{x^2}{2}$$\n\n$$2 \\frac{x}{2} = x$$"
                                   "\n\n$$2 \\cdot \\frac{1}{2} = 1$$\n")
    assert errors == []
    assert verdicts(steps) == [Verdict.PROVED] * 3


def test_a_given_a_subsection_drops_is_said_with_its_results(tmp_path: Path) -> None:
    """b real in the section with a = 2b given, b declared again in a subsection: the given is
    not about the subsection's b (as for a change of kind; keeping it made "x > 0" then "x
    negative" a vacuous proof), but the report said nothing and a − 2b = 0 was refuted with no
    word why."""
    path = tmp_path / "doc.md"
    path.write_text('# S\n\n```derivcheck\nsymbols = { a = "real", b = "real" }\n'
                    'given = ["a == 2*b"]\n```\n\n$$a - 2b = 0$$\n\n## Sub\n\n```derivcheck\n'
                    'symbols = { b = "positive" }\n```\n\n$$a - 2b = 0$$\n', encoding="utf-8")
    loaded = load_file(str(path))
    report = run(loaded.items, Settings(), Limits(timeout=60, jobs=1))
    steps = [c for o in report.outcomes for c in o.checks if c.check.step]
    assert verdicts(steps) == [Verdict.PROVED, Verdict.REFUTED]
    notes = [" ".join(c.check.claim.note for c in o.checks) for o in report.outcomes]
    assert "the given 'a == 2*b' of the section above does not hold here" in notes[1]
    assert "does not hold here" not in notes[0]


def test_an_empty_group_beside_a_relation_is_nothing(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, "$$\n\\begin{aligned}\n(x+1)^2 = {} & x^2 + 2x \\\\\n  & + 1\n"
                                   "\\end{aligned}\n$$\n")
    assert errors == []
    assert verdicts(steps) == [Verdict.PROVED]


def test_a_sign_stated_of_a_mapped_greek_letter_is_what_its_letter_declares(tmp_path: Path) -> None:
    """δ > 0 in prose with \\delta mapped to a positive d was still refused, and the message
    said to declare delta (a reserved name: the Kronecker delta)."""
    body = "For a threshold $\\delta > 0$:\n\n$$\\frac{d}{dr} \\frac{\\delta}{2} r^2 = \\delta r$$\n"
    steps, errors = read(tmp_path, body, 'symbols = { r = "real", d = "positive" }\n'
                                         'latex = { "\\\\delta" = "d" }')
    assert errors == []
    assert verdicts(steps) == [Verdict.PROVED]
    _, errors = read(tmp_path, body, 'symbols = { r = "real" }')  # (δ unmapped: refused)
    assert errors and "map \\delta under [latex]" in errors[0].message, errors
    assert "symbols = { delta" not in errors[0].message


def test_the_advice_for_a_derivative_before_a_factor_leads_somewhere(tmp_path: Path) -> None:
    steps, _ = read(tmp_path, "$$\\frac{d}{dp}\\left[(1-p)^2\\right] \\log p = -2 (1-p) \\log p$$\n",
                    'symbols = { p = "positive" }')
    assert [c.result.method for c in steps] == [Method.AMBIGUOUS]
    assert "put the derivative itself in brackets" in steps[0].result.detail
    fixed, errors = read(tmp_path, "$$\\left(\\frac{d}{dp}(1-p)^2\\right) \\log p = -2 (1-p) \\log p"
                         "$$\n", 'symbols = { p = "positive" }')
    assert errors == [] and verdicts(fixed) == [Verdict.PROVED]


def test_the_inverse_transpose(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, "$$A^{-T} = (A^{-1})^T$$\n\n$$\\frac{\\partial}{\\partial A}"
                                   "\\log\\det A = A^{-\\top}$$\n\n$$\\nabla_A \\log \\det(A) = "
                                   "A^{-1}$$\n", MATRICES)
    assert errors == []
    assert verdicts(steps) == [Verdict.PROVED, Verdict.PROVED, Verdict.REFUTED]


def test_tex_declarations_stay_in_their_section_after_inline_macros(tmp_path: Path) -> None:
    """Inline math with the document's own macros put in moved every offset after it, and a
    section's declaration block was read at its old offset, in the section before: √(a²) = a
    with a real was proved there and refuted in the section that declares a positive."""
    path = tmp_path / "hw.tex"
    path.write_text("\\documentclass{article}\n\\usepackage{amsmath}\n\\newcommand{\\va}{\\mathbf{a}}"
                    "\n\\begin{document}\n\\section{One}\n% derivcheck\n% vectors = { u = 2 }\nTake "
                    "$\\va$ and $\\va$ and $\\va$.\n\\begin{equation}\n\\sqrt{a^2} = a\n\\end{equation}"
                    "\n\\section{Two}\n% derivcheck\n% symbols = { a = \"positive\" }\n\\begin{equation}"
                    "\n\\sqrt{a^2} = a\n\\end{equation}\n\\end{document}\n", encoding="utf-8")
    loaded = load_file(str(path))
    report = run(loaded.items, Settings(), Limits(timeout=60, jobs=1))
    assert_refutations(report)
    steps = {c.check.line: c.result.verdict for o in report.outcomes for c in o.checks
             if c.check.step}
    assert steps == {10: Verdict.REFUTED, 16: Verdict.PROVED}


def test_a_bold_delta_with_an_index_is_a_name(tmp_path: Path) -> None:
    """\\boldsymbol{\\delta}_2 (backprop's δ of layer 2) was refused as "'delta' cannot be
    written as a word"."""
    steps, errors = read(tmp_path, "$$W^T \\boldsymbol{\\delta}_2 = W^\\top \\delta_2$$\n\n"
                                   "$$\\boldsymbol{\\delta} = 1$$\n",
                         "vectors = { delta_2 = 3 }\nmatrices = { W = [3, 2] }")
    assert verdicts(steps)[0] is Verdict.PROVED and set(verdicts(steps)[1:]) <= {Verdict.ERROR}
    assert len(errors) == 1 and "\\boldsymbol{\\delta} alone" in errors[0].message


@pytest.mark.parametrize("said", [r"Let $\theta \in \mathbb{R}^d$.", "Let $x ∈ ℝⁿ$.",
                                  "Here $x \\in \\mathbb{R}^n$.",
                                  "$$x \\in \\mathbb{R}^n$$",
                                  "Let $x$ be a vector of length $n$.",
                                  "Take a $d$-dimensional vector $x$."])
def test_what_the_page_says_is_a_vector_anywhere_is_not_read_as_a_number(
        tmp_path: Path, said: str) -> None:
    """x · x = x² is proved with x a number; the page says x (or θ) is a vector, in another
    section, after the display, in a display, or in words."""
    letter = "\\theta" if "theta" in said else "x"
    body = (f"# Notation\n\n{said}\n\n# Derivation\n\n$${letter} \\cdot {letter} = {letter}^2$$\n"
            if "Here" not in said else f"$${letter} \\cdot {letter} = {letter}^2$$\n\n{said}\n")
    steps, errors = read(tmp_path, body)
    assert Verdict.PROVED not in verdicts(steps) and errors  # (a vector's x·x = x²: refused)
    assert all("would be read as a number" not in e.message or "the page says" in e.message
               for e in errors), errors


def test_indexed_vectors_and_entries(tmp_path: Path) -> None:
    """x_1, …, x_N ∈ ℝ^d: each x_k is a vector (x_1·x_1 = x_1² was proved); with x ∈ ℝ² its
    entries x_1, x_2 are numbers (refused before: "x would be read as a number")."""
    steps, errors = read(tmp_path, "Given data $x_1, \\dots, x_N \\in \\mathbb{R}^d$.\n\n"
                                   "$$x_1 \\cdot x_1 = x_1^2$$\n")
    assert Verdict.PROVED not in verdicts(steps) and errors
    steps, errors = read(tmp_path, "Let $x \\in \\mathbb{R}^2$.\n\n$$\\frac{\\partial}{\\partial "
                                   "x_1}(x_1^2 x_2) = 2 x_1 x_2$$\n")
    assert errors == [] and verdicts(steps) == [Verdict.PROVED]


def test_a_condition_display_reaches_subsections_and_results_are_not_conditions(
        tmp_path: Path) -> None:
    steps, errors = read(tmp_path, "# A\n\nAssume\n\n$$x > 0.$$\n\n## Sub\n\n$$|x| = x$$\n")
    assert Verdict.REFUTED not in verdicts(steps) and errors
    # a result about expressions is no condition: the displays after it are checked
    steps, errors = read(tmp_path, "By AM-GM,\n\n$$x^2 + y^2 \\geq 2xy.$$\n\nExpanding,\n\n"
                                   "$$(x-y)^2 = x^2 - 2xy + y^2$$\n\nThe sigmoid is bounded:\n\n"
                                   "$$0 < \\sigma(x) < 1.$$\n\n$$\\sigma(x)(1 - \\sigma(x)) = "
                                   "\\sigma(x) - \\sigma(x)^2$$\n")
    # (and since session 28 the inequalities are checked too: AM-GM's step, 0 < σ(x) < 1's two)
    assert errors == [] and verdicts(steps) == [Verdict.PROVED] * 5


@pytest.mark.parametrize("assumption", ["Assume\n\n$$x^2 = 1.$$", "$$\\text{Assume } x^2 = 1.$$",
                                        "Assume\n\n$$x \\in \\mathbb{R}^+$$"])
def test_an_assumed_equation_or_set_is_not_a_claim(tmp_path: Path, assumption: str) -> None:
    """x² = 1 after "Assume" was refuted as an identity, and x⁴ = 1 after it refuted too."""
    steps, errors = read(tmp_path, f"{assumption}\n\nThen\n\n$$x^4 = x^2 \\cdot x^2 = 1$$\n")
    assert Verdict.REFUTED not in verdicts(steps) and errors


@pytest.mark.parametrize("line", [r"$$2\,\frac{1}{2} = 1$$", r"$$2\;\frac{1}{2} = 1$$",
                                  r"$$2~\frac{1}{2} = 1$$"])
def test_a_spaced_mixed_number_is_refused(tmp_path: Path, line: str) -> None:
    steps, errors = read(tmp_path, line + "\n")
    assert Verdict.PROVED not in verdicts(steps) and "a mixed number" in errors[0].message


def test_a_decimal_times_a_fraction_is_a_product(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, "$$0.5\\frac{1}{2} = \\frac{1}{4}$$\n")
    assert errors == [] and verdicts(steps) == [Verdict.PROVED]


@pytest.mark.parametrize("line", [r"$$\cos(A)^2 + \sin(A)^2 = \mathbf{I}$$",
                                  r"$$\cosh(A)^2 - \sinh(A)^2 = \mathbf{I}$$",
                                  r"$$\sin(2A) = 2\sin(A)\cos(A)$$"])
def test_trigonometric_functions_of_a_square_matrix_are_refused(tmp_path: Path,
                                                               line: str) -> None:
    steps, errors = read(tmp_path, line + "\n", MATRICES)
    assert Verdict.REFUTED not in verdicts(steps)
    assert errors and "of a square matrix reads two ways" in errors[0].message


def test_activations_of_a_square_matrix_are_entrywise(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, "$$\\tanh(A) = \\tanh(A)$$\n\n$$\\sigma(A) \\odot (1 - \\sigma(A))"
                                   " = \\sigma(A) - \\sigma(A) \\odot \\sigma(A)$$\n", MATRICES)
    assert errors == [] and verdicts(steps) == [Verdict.PROVED, Verdict.PROVED]


def test_det_times_det_is_a_product(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, "$$\\det(AB) = \\det A \\det B$$\n", MATRICES)
    assert errors == [] and verdicts(steps) == [Verdict.PROVED]


@pytest.mark.parametrize("ident", ["I_2", "I_{2}", "I_n"])
def test_an_undeclared_indexed_identity_reads_two_ways(tmp_path: Path, ident: str) -> None:
    """A⁻¹A = I₂ was refuted by its shape (I₂ a number)."""
    steps, errors = read(tmp_path, f"$$A^{{-1}} A = {ident}$$\n", MATRICES)
    assert errors == []
    assert [(c.result.verdict, c.result.method) for c in steps] == [
        (Verdict.UNKNOWN, Method.AMBIGUOUS)]


@pytest.mark.parametrize(("before", "after"), [
    ("Taylor expanding around zero,", ""), ("When $x$ is close to zero,", ""),
    ("Linearizing,", ""), ("Keeping only the leading term,", ""),
    ("", "approximately, for small $x$.")])
def test_more_approximations_are_not_identities(tmp_path: Path, before: str, after: str) -> None:
    steps, errors = read(tmp_path, f"{before}\n\n$$e^x = 1 + x$$\n\n{after}\n")
    assert Verdict.REFUTED not in verdicts(steps)
    assert errors and "holds only approximately" in errors[0].message


@pytest.mark.parametrize("prose", ["This is exact, not approximately true:",
                                   "For small networks and large ones alike:",
                                   "Without dropping the terms, we get the exact expansion"])
def test_approximation_words_that_are_no_approximation(tmp_path: Path, prose: str) -> None:
    steps, errors = read(tmp_path, f"{prose}\n\n$$(a+b)^2 = a^2 + 2ab + b^2$$\n")
    assert errors == [] and verdicts(steps) == [Verdict.PROVED]


@pytest.mark.parametrize(("before", "after"), [("For fixed $u$,", ""),
                                               ("Holding everything else fixed,", ""),
                                               ("", "where we held $u$ fixed.")])
def test_more_ways_of_holding_a_defined_name_fixed(tmp_path: Path, before: str,
                                                   after: str) -> None:
    steps, errors = read(tmp_path, f"$$u = wx$$\n\n{before}\n\n$$\\frac{{d}}{{dw}}(u + w) = 1$$\n\n"
                                   f"{after}\n", 'symbols = { w = "real", x = "real" }')
    assert Verdict.REFUTED not in verdicts(steps) and errors


def test_holding_a_letter_nothing_defines_fixed_needs_nothing(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, "Holding $b$ fixed,\n\n$$\\frac{\\partial}{\\partial w}(wx + b) "
                                   "= x$$\n")
    assert errors == [] and verdicts(steps) == [Verdict.PROVED]


def test_empty_groups_in_definitions_and_relation_first_columns(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, "$$L = {}-\\log p$$\n\n\\begin{align}\nf(x) ={}& x^2 \\\\\n"
                                   "={}& x \\cdot x\n\\end{align}\n")
    assert errors == [] and verdicts(steps) == [Verdict.PROVED]


def test_prose_under_a_setext_heading_and_script_blocks(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, "# A\n\n$$\\sqrt{x^2} = x$$\n\nB\n===\n\nvalid for $x > 0$\n")
    assert errors == [] and verdicts(steps) == [Verdict.REFUTED]
    steps, errors = read(tmp_path, "# A\n\n$$y = x^2$$\n\n<style>\n.a {}\n\n# not a heading\n"
                                   "</style>\n\n$$y = x^3$$\n")
    assert verdicts(steps) == [Verdict.REFUTED]


def test_if_before_a_definition_is_no_assumption(tmp_path: Path) -> None:
    """"If $$f(x) = \\frac{g(x)}{h(x)}$$ Then, $$f'(x) = …$$" defines f (the quotient rule)."""
    steps, errors = read(tmp_path, "If $$f(x) = \\frac{g(x)}{h(x)}$$\n\nThen,\n\n$$f'(x) = "
                                   "\\frac{g'(x) h(x) - h'(x) g(x)}{h(x)^2}$$\n")
    assert errors == [] and verdicts(steps) == [Verdict.PROVED]


def test_the_identity_and_ones_with_their_size_written(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, "$$A^{-1} A = \\mathbf{I}_2$$\n\n$$\\mathbf{1}_2^T \\mathbf{1}_2 = "
                                   "3$$\n", MATRICES)
    assert errors == [] and verdicts(steps) == [Verdict.PROVED, Verdict.REFUTED]


@pytest.mark.parametrize("reals", [r"\R^n", r"\mathbb R^n", r"\mathbf{R}^n"])
def test_other_spellings_of_r_n_are_types_not_conditions(tmp_path: Path, reals: str) -> None:
    """x ∈ \\R^n got an unrelated hint about sets and one-hot vectors; it says x's shape."""
    steps, errors = read(tmp_path, f"Let $x \\in {reals}$.\n\n$$x^T x = \\sum_{{i=1}}^{{n}} "
                         "x_i^2$$\n")
    assert errors == [] and verdicts(steps) == [Verdict.PROVED], errors


@pytest.mark.parametrize("line", [r"$$\sin x = x + O(x^3)$$", r"$$e^x = 1 + x + \mathcal{O}(x^2)$$"])
def test_big_o_is_no_identity(tmp_path: Path, line: str) -> None:
    """sin x = x + O(x³) was read as a new definition of sin."""
    steps, errors = read(tmp_path, line + "\n")
    assert Verdict.REFUTED not in verdicts(steps)
    assert errors and "O(…) (big O)" in errors[0].message


def test_a_corrected_line_keeps_a_functions_arguments_as_written(tmp_path: Path) -> None:
    """g(x) - α for g(x) + α: the corrected line read "g + \\alpha" (g alone means g(x), but the
    student wrote g(x))."""
    path = tmp_path / "doc.md"
    path.write_text("```derivcheck\nsymbols = { x = \"real\", alpha = \"positive\" }\n```\n\n"
                    "$$g(x) = \\alpha(e^x - 1)$$\n\n$$\\alpha e^x = \\alpha(e^x - 1) + \\alpha = "
                    "g(x) - \\alpha$$\n", encoding="utf-8")
    loaded = load_file(str(path))
    report = run(loaded.items, Settings(), Limits(timeout=60, jobs=1))
    wrong = [c for o in report.outcomes for c in o.checks
             if c.check.step and c.result.verdict is Verdict.REFUTED]
    assert len(wrong) == 1 and wrong[0].result.diagnosis is not None
    assert wrong[0].result.diagnosis.corrected == "g(x) + \\alpha"


def test_a_function_written_anew_in_another_variable_is_refused(tmp_path: Path) -> None:
    """ℓ(p) defined, then "Now parametrise p through η … The log-likelihood becomes
    ℓ(η) = y log σ(η) + …": read as ℓ at η it was refuted (three right steps)."""
    steps, errors = read(tmp_path, "# Model\n\n$$\\ell(p) = y \\log p + (1 - y)\\log(1 - p)$$\n\n"
                                   "## Logit\n\n"
                                   "Now parametrise $p$ through $\\eta$. The log-likelihood "
                                   "becomes\n\n$$\\ell(\\eta) = y \\log \\sigma(\\eta) + (1-y) \\log"
                                   "(1 - \\sigma(\\eta))$$\n\n$$\\frac{d\\ell(\\eta)}{d\\eta} = y - "
                                   "\\sigma(\\eta)$$\n", 'given = ["y*(1 - y) == 0"]')
    assert Verdict.REFUTED not in verdicts(steps)
    assert any("a claim about \\ell at \\eta, or \\ell defined again" in e.message for e in errors)
    assert any("which \\ell is meant after it cannot be told" in e.message for e in errors)
    # without prose that says so, f(y) = … is a claim about f
    steps, errors = read(tmp_path, "$$f(x) = x^2$$\n\n$$f(y) = y^2$$\n\n$$f(y) = y^3$$\n")
    assert errors == [] and verdicts(steps) == [Verdict.PROVED, Verdict.REFUTED]


def _diagnoses(tmp_path: Path, body: str, head: str = 'symbols = { x = "real" }') -> list:
    path = tmp_path / "doc.md"
    path.write_text(f"```derivcheck\n{head}\n```\n\n" + body, encoding="utf-8")
    loaded = load_file(str(path))
    report = run(loaded.items, Settings(), Limits(timeout=60, jobs=1))
    return [c.result.diagnosis for o in report.outcomes for c in o.checks
            if c.check.step and c.result.verdict is Verdict.REFUTED]


def test_a_chain_factor_already_written_is_not_said_missing(tmp_path: Path) -> None:
    """sin(2x)cos(2x)·2 for d/dx sin(2x)²: the 2 written may be the chain rule's; "d/dx (2x) = 2
    is missing" blamed a factor the student wrote."""
    got = _diagnoses(tmp_path, "$$\\frac{d}{dx} \\sin(2x)^2 = \\sin(2x)\\cos(2x) \\cdot 2$$\n")
    assert len(got) == 1 and (got[0] is None or got[0].kind != "chain-factor")


def test_a_chain_factor_missing_in_one_term(tmp_path: Path) -> None:
    got = _diagnoses(tmp_path, "$$\\frac{d}{dx} x \\tanh(\\ln(1+e^x)) = \\tanh(\\ln(1+e^x)) + "
                               "x\\,\\mathrm{sech}^2(\\ln(1+e^x))$$\n")
    assert len(got) == 1 and got[0] is not None and got[0].kind == "chain-factor"
    assert "in \\mathrm{sech}^2(\\ln(1+e^x))" in got[0].detail


def test_a_duplicate_term_dropped_is_a_term_not_a_constant(tmp_path: Path) -> None:
    got = _diagnoses(tmp_path, "$$2x \\cdot x^2 + x^2 \\cdot 2x = 2x \\cdot x^2$$\n")
    assert len(got) == 1 and got[0] is not None and got[0].kind == "term"


def test_of_two_parts_written_alike_the_later_needs_the_transpose(tmp_path: Path) -> None:
    got = _diagnoses(tmp_path, "$$(A + A^T) x = A x + A x$$\n",
                     "matrices = { A = [2, 2] }\nvectors = { x = 2 }")
    assert len(got) == 1 and got[0] is not None and got[0].kind == "missing-transpose"
    assert got[0].location.start > 0 and got[0].corrected == "A x + A^\\top x"


@pytest.mark.parametrize(("line", "expected"), [
    ("$$\\frac{d}{dx} x^{-2} = -2 x^{-3} = -2 x^{-1}$$", "the exponent -1 of x should be -3"),
    ("$$\\frac{d}{dx} e^{5x} = 5 e^{5x} = 5 e^{6x}$$", "the exponent 6x of e should be 5x")])
def test_a_slip_inside_an_exponent_is_an_exponent_slip(tmp_path: Path, line: str,
                                                       expected: str) -> None:
    got = _diagnoses(tmp_path, line + "\n")
    assert len(got) == 1 and got[0] is not None and got[0].kind == "exponent"
    assert got[0].detail == expected


def test_argument_guesses_where_the_previous_line_writes_something_else(tmp_path: Path) -> None:
    """σ(x)σ(x) for σ(x)(1 − σ(x)) was "σ(x) where σ(−x) is meant" (true by a symmetry, but the
    student dropped '1 −'); σ(−x) for eˣ/(1 + eˣ) read "did you mean σ(−(−x))"."""
    got = _diagnoses(tmp_path, "$$\\sigma(x)\\left(1 - \\sigma(x)\\right) = \\sigma(x)\\sigma(x)$$"
                               "\n\n$$\\frac{e^x}{1 + e^x} = \\sigma(-x)$$\n")
    assert len(got) == 2
    assert got[0] is None or got[0].kind != "argument"
    assert got[1] is not None and got[1].kind == "argument" and got[1].corrected == "\\sigma(x)"


def test_a_greek_letters_recurrence(tmp_path: Path) -> None:
    """θ_t = θ_{t−1} − η c was refused ("theta is not a declared vector"); u_t was read."""
    steps, errors = read(tmp_path, "$$\\theta_t = \\theta_{t-1} - \\eta c$$\n\n$$\\theta_2 = "
                                   "\\theta_0 - 2 \\eta c$$\n\n$$\\theta_2 = \\theta_0 - "
                                   "\\eta c$$\n",
                         'symbols = { eta = "positive", theta_0 = "real", c = "real" }')
    assert errors == [] and verdicts(steps) == [Verdict.PROVED, Verdict.REFUTED]


def test_a_subscript_label_in_a_text_font_is_a_name(tmp_path: Path) -> None:
    """h_{\\text{new}} = … was refused ("declare h under vectors"); h_{new} was read."""
    steps, errors = read(tmp_path, "$$h_{\\text{new}} = (1 - z) h + z$$\n\n$$h_{\\text{new}} - h = "
                                   "z (1 - h)$$\n", 'symbols = { z = "real", h = "real" }')
    assert errors == [] and verdicts(steps) == [Verdict.PROVED]


def test_an_approximation_in_the_prose_after_a_display_is_no_hypothesis(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, "$$\\frac{d}{dx}(x + f(x)) = 1 + f'(x)$$\n\neven when $f'(x) "
                                   "\\approx 0$ the gradient still flows.\n")
    assert errors == [] and verdicts(steps) == [Verdict.PROVED]


@pytest.mark.parametrize("line", ["$$x^2 (1 + x)^2 = x^2 + 2x^3 + x^4$$",
                                  "$$a w^2 (1 - c)^2 = a (w - c w)^2$$"])
def test_a_power_after_a_bracket_belongs_to_the_bracket(tmp_path: Path, line: str) -> None:
    """x² (1 + x)² was read as x⁴(1 + x)² (the trailing ² applied to x²·(1 + x)): right steps
    refuted."""
    steps, errors = read(tmp_path, line + "\n")
    assert errors == [] and verdicts(steps) == [Verdict.PROVED]


@pytest.mark.parametrize("prose", ["Here the input dimension is $d = 1$, so",
                                   "Suppose $d = 1$. Then",
                                   "Throughout,\n\n$$n \\ge 1, \\quad d \\ge 1$$\n\n"])
def test_the_d_of_a_derivative_is_no_letter_d(tmp_path: Path, prose: str) -> None:
    """A condition on the dimension d refused every derivative d/dw in its section."""
    steps, errors = read(tmp_path, f"{prose}\n\n$$\\frac{{d}}{{dw}} (wx - y)^2 = 2x(wx - y)$$\n")
    assert errors == [] and verdicts(steps) == [Verdict.PROVED]


@pytest.mark.parametrize("said", ["$A$ and $B$ are $n \\times n$ matrices.",
                                  "Let $A$ and $B$ be square matrices.",
                                  "Consider two matrices $A, B$ of size $n \\times n$.",
                                  "For matrices $A$ and $B$,"])
def test_plural_matrices_in_words(tmp_path: Path, said: str) -> None:
    """(A + B)² = A² + 2AB + B² was proved with A, B numbers."""
    steps, errors = read(tmp_path, f"{said}\n\n$$(A + B)^2 = A^2 + 2AB + B^2$$\n")
    assert Verdict.PROVED not in verdicts(steps) and errors


def test_a_set_builders_variable_is_its_own(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, "The set $\\{x \\in \\mathbb{R}^n : \\|x\\| \\le 1\\}$ is the unit "
                                   "ball. For a real $t$,\n\n$$\\frac{d}{dx} x^2 = 2x$$\n")
    assert errors == [] and verdicts(steps) == [Verdict.PROVED]


@pytest.mark.parametrize("condition", ["We restrict attention to\n\n$$x > 0, \\; y > 0$$",
                                       "Both inputs are positive:\n\n$$x, y > 0$$",
                                       "Both are positive,\n\n$$\\quad x > 0, \\quad y > 0$$"])
def test_more_condition_displays(tmp_path: Path, condition: str) -> None:
    steps, errors = read(tmp_path, f"{condition}\n\n$$\\sqrt{{x^2}} + \\sqrt{{y^2}} = x + y$$\n")
    assert Verdict.REFUTED not in verdicts(steps) and errors


@pytest.mark.parametrize("line", [
    "$$\\frac{\\partial}{\\partial w_i} \\frac{1}{2}\\sum_{j=1}^{n} w_j^2 = w_1 \\quad "
    "(i = 1, \\dots, n)$$",
    "$$\\frac{d}{dx}x^k = 1 \\quad \\text{for } k = 1, 2, 3$$"])
def test_a_range_in_a_condition_is_refused(tmp_path: Path, line: str) -> None:
    """(i = 1, …, n) was read as the condition i = 1 (a false claim came out unknown)."""
    steps, errors = read(tmp_path, line + "\n", 'dims = { n = "positive integer" }\n'
                                                'vectors = { w = "n" }')
    assert Verdict.PROVED not in verdicts(steps) and Verdict.UNKNOWN not in verdicts(steps)
    assert errors and "a range or list of values in a condition is not read" in errors[0].message


def test_a_list_of_letters_before_a_comparison_is_under_it(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, "$$\\sqrt{x^2} + \\sqrt{y^2} = x + y \\quad (x, y > 0)$$\n")
    assert errors == [] and verdicts(steps) == [Verdict.PROVED]
    assert len(steps[0].check.claim.given) == 2


@pytest.mark.parametrize("prose", ["Approximately half of the students get this wrong.",
                                   "Keeping only the terms that depend on $w$ and differentiating:",
                                   "The first-order optimality condition is below.",
                                   "By Taylor's theorem with remainder, exactly:",
                                   "For small $\\lambda$ the optimum moves toward zero."])
def test_approximation_words_about_something_else(tmp_path: Path, prose: str) -> None:
    steps, errors = read(tmp_path, f"{prose}\n\n$$\\frac{{d}}{{dw}} (w - 1)^2 = 2(w - 1)$$\n")
    assert errors == [] and verdicts(steps) == [Verdict.PROVED]


def test_more_ways_to_say_held_fixed_and_written_anew(tmp_path: Path) -> None:
    for prose in ("At fixed $u$,", "Holding the other variable constant,",
                  "Differentiating only the explicit $w$ (not through $u$):"):
        steps, errors = read(tmp_path, f"$$u = wx$$\n\n{prose}\n\n$$\\frac{{d}}{{dw}}(u + w) = 1$$\n",
                             'symbols = { w = "real", x = "real" }')
        assert Verdict.REFUTED not in verdicts(steps) and errors, prose
    steps, errors = read(tmp_path, "# M\n\n$$\\ell(p) = \\log p$$\n\n## L\n\nChanging variables to "
                                   "the logit,\n\n$$\\ell(\\eta) = \\log \\sigma(\\eta)$$\n")
    assert Verdict.REFUTED not in verdicts(steps) and errors


def test_a_function_named_o_is_defined(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, "$$O(x) = x^2 + 1$$\n\n$$O(2) = 5$$\n")
    assert errors == [] and verdicts(steps) == [Verdict.PROVED]


def test_a_tie_in_words_to_letters_the_display_does_not_write(tmp_path: Path) -> None:
    """"Let $X_1, …, X_n$ be independent …, each with mean $\\mu$": the advice was "Write
    \\mu = X_1, …, X_n as a display", and declaring μ did not help; with μ declared and no X in
    the display the tie cannot matter, with X in it the line is still refused."""
    prose = "Let $X_1,\\dots,X_n$ be independent random variables, each with mean $\\mu$.\n\n"
    steps, errors = read(tmp_path, prose + "$$\\frac{1}{n}(n \\mu) = \\mu$$\n",
                         'symbols = { mu = "real" }')
    assert errors == [] and verdicts(steps) == [Verdict.PROVED]
    steps, errors = read(tmp_path, prose + "$$X_1 - \\mu = X_1 - \\mu$$\n", 'symbols = { mu = "real" }')
    assert errors and "ties \\mu to" in errors[0].message
    _, errors = read(tmp_path, prose + "$$\\frac{1}{n}(n \\mu) = \\mu$$\n")
    assert errors and "write what it says as an equation" in errors[0].message


def test_what_the_page_says_is_read_in_linear_time() -> None:
    """A page of thousands of "$a$, " took seconds per section (a list of names matched again
    from every place); hostile documents are bounded (60 s), ordinary ones must not come near."""
    import time

    from checker.files.memberships import arrays_said

    for text in ("$a$, " * 3000, "$a$ and " * 3000 + "matrices"):
        start = time.process_time()
        arrays_said(text, lambda at: 1)
        assert time.process_time() - start < 2.0


def test_a_plain_i_beside_a_matrix_reads_two_ways_in_a_product(tmp_path: Path) -> None:
    """A I = A was proved: the number reading of I was dropped ("an undeclared letter
    multiplies a matrix"), so only the identity was checked."""
    steps, errors = read(tmp_path, "$$A I = A$$\n\n$$A I B = A B$$\n", MATRICES)
    assert errors == []
    assert [(c.result.verdict, c.result.method) for c in steps] == [
        (Verdict.UNKNOWN, Method.AMBIGUOUS)] * 2


def test_a_bold_i_with_i_declared_a_number_is_refused(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, "$$A^{-1} A = \\mathbf{I}$$\n", MATRICES + '\nsymbols = { I = '
                                                                         '"positive" }')
    assert Verdict.REFUTED not in verdicts(steps)
    assert errors and "the identity, or the declared I in bold?" in errors[0].message


def test_a_list_before_a_comparison_of_subscripted_names_or_expressions(tmp_path: Path) -> None:
    """(x_1, x_2 > 0) kept only x_2 > 0 (a counterexample broke x_1 > 0); (x + 1, y > 0) dropped
    x + 1."""
    steps, errors = read(tmp_path, "$$\\sqrt{x_1^2} = x_1 \\quad (x_1, x_2 > 0)$$\n")
    assert errors == [] and verdicts(steps) == [Verdict.PROVED]
    steps, errors = read(tmp_path, "$$\\sqrt{(x+1)^2} = x + 1 \\quad (x + 1, y > 0)$$\n")
    assert Verdict.REFUTED not in verdicts(steps)
    assert errors and "before a comparison in a condition" in errors[0].message


def test_a_function_power_with_a_power_after_its_bracket_reads_two_ways(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, "$$f^2(x)^2 = f(x)^4$$\n")
    assert errors == []
    assert [(c.result.verdict, c.result.method) for c in steps] == [
        (Verdict.UNKNOWN, Method.AMBIGUOUS)]


def test_a_greek_sequences_first_value(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, "$$\\theta_t = \\theta_{t-1} - \\eta c$$\n\n$$\\theta_0 = 1$$\n\n"
                                   "$$\\theta_2 = 1 - 2 \\eta c$$\n",
                         'symbols = { eta = "positive", c = "real" }')
    assert errors == [] and verdicts(steps) == [Verdict.PROVED]


def test_an_upright_one_letter_subscript_stays_as_written(tmp_path: Path) -> None:
    """h_{\\mathrm{n}} beside a vector h of length n was read as the entry h_n."""
    steps, errors = read(tmp_path, "$$h_{\\mathrm{n}} - h_n = 0$$\n",
                         'dims = { n = "positive integer" }\nvectors = { h = "n" }')
    assert Verdict.PROVED not in verdicts(steps)
    assert errors and "an upright label on the vector h" in errors[0].message


def test_an_undeclared_functions_square_may_be_its_iterate(tmp_path: Path) -> None:
    """d/dx f²(x) = 2 f(x) f'(x) was proved with f only primed: f²(x) may be f(f(x)), as for a
    declared function (with f(ξ) = 2ξ + 2 at x = 0: 4 against 8)."""
    steps, errors = read(tmp_path, "$$\\frac{d}{dx} f^2(x) = 2 f(x) f'(x)$$\n")
    assert errors == []
    assert [(c.result.verdict, c.result.method) for c in steps] == [
        (Verdict.UNKNOWN, Method.AMBIGUOUS)]
    assert "f(f(x)) for the iterate" in steps[0].result.detail


def test_a_recurrence_and_its_first_value_on_one_line(tmp_path: Path) -> None:
    """G_t = G_{t−1} + g², \\qquad G_0 = 0 (Adagrad's accumulator as blogs write it) was refused
    with a message about function commas: G_0 = 0 was taken for a condition of the line."""
    steps, errors = read(tmp_path, "$$G_t = G_{t-1} + g^2, \\qquad G_0 = 0$$\n\n$$G_2 = 2 g^2$$\n\n"
                                   "$$G_3 = 2 g^2$$\n", 'symbols = { g = "real" }')
    assert errors == [] and verdicts(steps) == [Verdict.PROVED, Verdict.REFUTED]
