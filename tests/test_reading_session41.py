"""Reading documents (session 41): vectors written by their entries in a row, (x_1, …, x_n)
and [a, b, c] (a column or a row: both readings, a reading that does not fit its shapes is
none)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from recheck import page_goals

from checker.results import Verdict

P, R, U = Verdict.PROVED, Verdict.REFUTED, Verdict.UNKNOWN
VECTORS = "```derivcheck\nvectors = { x = \"n\", w = \"n\" }\ndims = { n = \"positive integer\" }\n```\n\n"


@pytest.mark.parametrize("written", ["[x_1, x_2, \\cdots, x_n]", "(x_1, \\dots, x_n)",
                                     "[x_1, x_2, \\ldots, x_n]^T",
                                     "\\left( x_1, x_2, \\dots, x_n \\right)^\\top"])
def test_a_declared_vector_equals_its_entries_written_in_a_row(tmp_path: Path, written: str) -> None:
    verdicts, errors, _ = page_goals(tmp_path, f"{VECTORS}$$\\mathbf{{x}} = {written}$$\n")
    assert (verdicts, errors) == ([P], []), (verdicts, errors)


def test_a_wrong_pattern_in_a_row_is_refuted(tmp_path: Path) -> None:
    page = f"{VECTORS}$$(x_1, \\dots, x_n) \\cdot (w_1, \\dots, w_n) = \\sum_{{i=1}}^n x_i w_i^2$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([R], []), (verdicts, errors)


def test_lists_of_numbers_and_letters(tmp_path: Path) -> None:
    page = ("$$ (a, b) + (c, d) = (a + c, b + d) $$\n\n$$ 2 (a, b) = (2a, 2b) $$\n\n"
            "$$ (a, b)^T (c, d) = ac + bd $$\n\n$$ \\sum_{i=1}^{2} (i, i) = (3, 3) $$\n\n"
            "$$ (a, b) + (c, d) = (a + c, b + 2d) $$\n\n$$ (a, b)^T (c, d) = ad + bc $$\n")
    verdicts, errors, got = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P, P, P, P, R, R], []), (verdicts, errors)
    for g in got[4:]:  # (the counterexamples, read back: the sides differ there)
        point = {sp.Symbol(str(k)): sp.Rational(v) for k, v in g.result.counterexample.point}
        a, b, c, d = sp.symbols("a b c d")
        if g is got[4]:
            assert (b + d).subs(point) != (b + 2 * d).subs(point)
        else:
            assert (a * c + b * d).subs(point) != (a * d + b * c).subs(point)


def test_a_list_is_read_the_way_its_line_fits(tmp_path: Path) -> None:
    page = f"{VECTORS}$$\\mathbf{{x}}^T = [x_1, \\dots, x_n]$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P], []), (verdicts, errors)
    for page in ("$$a + b = (a, b)$$\n", "$$[a, b] = ab - ba$$\n", "$$(a, b) = 1$$\n"):
        # (no reading as a vector fits; but the brackets may be no vector: a commutator, a
        # gcd: unknown, not refuted by the shapes)
        verdicts, errors, _ = page_goals(tmp_path, page)
        assert (verdicts, errors) == ([U], []), (page, verdicts, errors)
    page = ("```derivcheck\nmatrices = { A = [2, 2], B = [2, 2] }\n```\n\n"
            "$$[A, B] + [B, A] = 0$$\n")  # (a list of matrices: a block matrix it is not)
    _, errors, _ = page_goals(tmp_path, page)
    assert errors and "commutator" in errors[0], errors


@pytest.mark.parametrize("text", ["1 + g(a, b)", "1 + x_i (a, b)", "1 + f^2(a, b)",
                                  "1 + \\sigma_1(a, b)", "g'(a, b)"])
def test_brackets_after_a_name_are_no_list(text: str) -> None:
    """g(a, b): the arguments of a function (or an error that says to declare it), never g
    times a vector."""
    from checker.parse.context import Context
    from checker.parse.latex import parse_latex_expr
    from checker.parse.tree import Choice, ParseError, walk

    try:
        node = parse_latex_expr(text, Context())
    except ParseError as exc:
        assert "list" not in exc.message
        return
    assert not any(isinstance(n, Choice) and n.key == "list" for n in walk(node)), node


@pytest.mark.parametrize("written, message", [
    ("(x_1, x_3, \\dots, x_n)", "pattern"),
    ("(x_1, \\dots, x_3, \\dots, x_n)", "two ellipses"),
])
def test_a_list_with_entries_left_out_that_fit_no_pattern_is_refused(
        tmp_path: Path, written: str, message: str) -> None:
    _, errors, _ = page_goals(tmp_path, f"{VECTORS}$$\\mathbf{{x}} = {written}$$\n")
    assert errors and message in errors[0], errors


@pytest.mark.parametrize("name, text", [
    ("doc.md", "Text.\n\n$$\nf = x + x = 2x\n= 3x\n$$\n"),
    ("doc.md", "T\n\n$$\\begin{aligned}\nf &= x + x \\\\\n&= 2x \\\\\n&= 3x\n\\end{aligned}$$\n"),
    ("doc.tex", "\\documentclass{article}\n\\begin{document}\n\\begin{align*}\nf &= x + x \\\\\n"
                "&= 2x \\\\\n&= 3x\n\\end{align*}\n\\end{document}\n"),
])
def test_a_chain_after_a_definition_is_reported_at_its_own_lines(
        tmp_path: Path, name: str, text: str) -> None:
    """f = x + x = 2x, then = 3x: the wrong step was reported a line (two) early."""
    from recheck import checked_file

    from checker.model import CheckKind

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report, errors = checked_file(path)
    assert errors == []
    wrong = [c for c in report.results if c.check.kind is CheckKind.STEP  # type: ignore[attr-defined]
             and c.result.verdict is R]
    rows = text.splitlines()
    assert len(wrong) == 1 and "3x" in rows[wrong[0].check.line - 1], wrong


@pytest.mark.parametrize("said", [
    "Suppose $x > 0$ fails.", "Assume $x > 0$ is violated.", "Assume the opposite of $x > 0$.",
    "Assume the negation of $x > 0$.", "Suppose that $x \\geq 0$ fails to hold.",
    "Assume $x > 0$ breaks down.", "Suppose $x > 0$ is unsatisfied.",
    "Assume that $y > 0$ implies $x > 0$.", "Assume $x > 0$ as long as $y > 0$.",
    "Assume $x > 0$ provided that $y > 0$.", "Assume $x > 0$ on average.",
    "Assume $x > 0$ at initialization.", "Let $x > 0$ in the limit.",
    "Assume $x > 0$ for most inputs.",
])
def test_a_sentence_that_turns_its_bound_round_assumes_nothing(tmp_path: Path, said: str) -> None:
    """Each was read as x > 0, and |x| = x proved (the page says x ≤ 0, or less than x > 0)."""
    verdicts, errors, _ = page_goals(tmp_path, f"# Neg\n\n{said}\n\n$$|x| = x$$\n")
    assert P not in verdicts and (verdicts or errors), (verdicts, errors)


@pytest.mark.parametrize("said", [
    "Assume $x > 0$.", "Throughout, assume that $x > 0$.", "Let $x > 0$ and $y > 0$.",
    "Let $x > 0$, $y > 0$.", "Assume $x > 0$ throughout.", "Let $x > 0$ be the learning rate.",
    "Let $y > 0$ be the scale, and let $x > 0$ be the rate.",
])
def test_a_plain_assumption_is_still_read(tmp_path: Path, said: str) -> None:
    verdicts, errors, _ = page_goals(tmp_path, f"# H\n\n{said}\n\n$$|x| = x$$\n")
    assert (verdicts, errors) == ([P], []), (verdicts, errors)


def _steps(tmp_path: Path, name: str, text: str) -> list:
    from recheck import checked_file

    from checker.model import CheckKind

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report, _ = checked_file(path)
    return [c for c in report.results if c.check.kind is CheckKind.STEP]  # type: ignore[attr-defined]


@pytest.mark.parametrize("wrong", ["x + \\log x", "|x| + \\log x", "-x + \\log x"])
def test_a_corrected_line_is_not_proved_under_the_domain_of_what_it_removes(
        tmp_path: Path, wrong: str) -> None:
    """√(x²) = x + log x: "did you mean x (proved equal to step 1)" was proved where x > 0,
    the log's, which the correction removes; √(x²) = x is false at x = −1."""
    steps = _steps(tmp_path, "doc.md", f"# N\n\n$$\\sqrt{{x^2}} = {wrong}$$\n")
    assert [s.result.verdict for s in steps] == [R], steps
    d = steps[0].result.diagnosis
    if d is not None and d.corrected:  # (a corrected line, where one is offered, is right)
        from checker.parse.context import Context
        from checker.parse.evaluate import Evaluator
        from checker.parse.latex import parse_latex_expr

        value = Evaluator(Context()).value(parse_latex_expr(d.corrected, Context()))
        (x,) = value.free_symbols
        assert all(value.subs(x, v) == abs(v) for v in (-2, -1, 1, 3)), d.corrected


def test_a_line_after_a_wrong_one_offers_no_correction_even_with_right_steps_between(
        tmp_path: Path) -> None:
    """d/dx e^{−x} = e^{−x} (wrong) = 1/e^x = −e^{−x}: the right last line was "corrected"
    back to e^{−x}, which agrees with the wrong line."""
    text = ("# D\n\n$$\\begin{aligned}\n\\frac{d}{dx} e^{-x} &= e^{-x} \\\\\n"
            " &= \\frac{1}{e^{x}} \\\\\n &= -e^{-x}\n\\end{aligned}$$\n")
    steps = _steps(tmp_path, "doc.md", text)
    assert [s.result.verdict for s in steps] == [R, P, R], steps
    last = steps[-1].result.diagnosis
    assert last is None or last.after_wrong, last


TEX = ("\\documentclass{article}\nDEFINE\n\\begin{document}\n\\begin{equation}\nLINE\n"
       "\\end{equation}\n\\end{document}\n")


@pytest.mark.parametrize("define, shown", [
    ("\\gdef\\cdot{+}", "\\gdef"), ("\\edef\\cdot{+}", "\\edef"), ("\\xdef\\cdot{+}", "\\xdef"),
    ("\\expandafter\\def\\csname cdot\\endcsname{+}", "\\expandafter"),
    ("\\DeclareRobustCommand{\\cdot}{+}", "\\DeclareRobustCommand"),
    ("\\RenewDocumentCommand{\\cdot}{}{+}", "\\RenewDocumentCommand"),
    ("\\mathchardef\\cdot=\"202B", "\\mathchardef"), ("\\def~{+1}", "\\def~"),
    ("\\usepackage{etoolbox}\\csdef{cdot}{+}", "\\csdef"),
    ("\\makeatletter\\@namedef{cdot}{+}\\makeatother", "\\@namedef"),
    ("\\RenewCommandCopy\\cdot\\div", "\\RenewCommandCopy"),
    ("\\DeclareMathSymbol{\\cdot}{\\mathbin}{operators}{\"2B}", "\\DeclareMathSymbol"),
])
def test_a_definition_derivcheck_does_not_follow_refuses_the_document(
        tmp_path: Path, define: str, shown: str) -> None:
    """Each kept the built-in meaning: a · a = a² proved where TeX shows a + a = a²."""
    text = TEX.replace("DEFINE", define).replace("LINE", "a \\cdot a = a^2~")
    verdicts, errors, _ = page_goals(tmp_path, text, "doc.tex")
    assert verdicts == [] and len(errors) == 1 and shown in errors[0], (verdicts, errors)


def test_providecommand_of_a_built_in_command_is_not_expanded(tmp_path: Path) -> None:
    """LaTeX keeps its own \\cdot: a · a = a² was refuted as a + a = a²."""
    text = TEX.replace("DEFINE", "\\providecommand{\\cdot}{+}").replace(
        "LINE", "a \\cdot a = a^2")
    verdicts, errors, _ = page_goals(tmp_path, text, "doc.tex")
    assert R not in verdicts and any("\\providecommand" in e for e in errors), (verdicts, errors)


def test_what_follows_end_document_is_not_read(tmp_path: Path) -> None:
    text = (TEX.replace("DEFINE", "\\newcommand{\\R}{\\mathbb{R}}").replace(
        "LINE", "(a+b)^2 = a^2 + 2ab + b^2")
        + "\\begin{equation}\n(x+1)^2 = x^2 + 1\n\\end{equation}\n"
        + "\\begin{Verbatim}\n$$ (k+1)^2 = k^2 + 1 $$\n\\end{Verbatim}\n")
    verdicts, errors, _ = page_goals(tmp_path, text, "doc.tex")
    assert (verdicts, errors) == ([P], []), (verdicts, errors)


def test_the_letters_of_a_set_are_no_letters_the_prose_binds(tmp_path: Path) -> None:
    """"…$q, k \\in \\mathbb{R}^{d_k}$ are independent…": the refusal said "R would be free to
    take any value" (the ℝ) and "d" (of d_k), and advised the display that was there already."""
    page = ("Assume the entries of $q, k \\in \\mathbb{R}^{d_k}$ are independent with mean 0 and "
            "variance 1.\n\n\\[q, k \\in \\mathbb{R}^{d_k}\\]\n\n"
            "$$q \\cdot k = \\sum_{i=1}^{d_k} q_i k_i$$\n")
    _, errors, _ = page_goals(tmp_path, page)
    assert errors and not any(f"{x} would be free" in e for e in errors for x in "Rd"), errors


@pytest.mark.parametrize("hidden", [
    "> ```\n> $$ (k+1)^2 = k^2 + 1 $$\n> ```\n",
    "- > ```\n  > $$ (e+1)^2 = e^2 + 1 $$\n  > ```\n",
    "<script type=\"text/plain\">\n$$ (h+1)^2 = h^2 + 1 $$\n</script>\n",
    "<textarea>\n$$ (c+1)^2 = c^2 + 1 $$\n</textarea>\n",
    "<style>\n$$ (d+1)^2 = d^2 + 1 $$\n</style>\n",
    "<img alt=\"$$ (w+1)^2 = w^2 + 1 $$\">\n",
    "See [the note](http://example.com \"$$a + a = 3a$$\").\n",
    "[n]: http://example.com \"$$a + a = 3a$$\"\n",
    "[$$a + a = 3a$$]: http://example.com\n",
])
def test_math_a_page_does_not_show_as_math_is_not_read(tmp_path: Path, hidden: str) -> None:
    """Code in a quote, a script, a text area, a style, an attribute: each was refuted."""
    page = f"# T\n\n{hidden}\n$$ (a+b)^2 = a^2 + 2ab + b^2 $$\n\n> $$ x + x = 2x $$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P, P], []), (verdicts, errors)


@pytest.mark.parametrize("first, then, claim", [
    ("Let $x > 0$.", "Let $x < 5$ as well.", "|x| = x"),
    ("Let $x > 1$.", "Let $x > 0$ as well.", "|x - 1| = x - 1"),
    ("Assume $x > 0$.", "Assume also $x \\le 0$.", "|x| = x")])
def test_a_bound_said_as_well_may_add_to_the_one_before_or_replace_it(
        tmp_path: Path, first: str, then: str, claim: str) -> None:
    """"Let $x < 5$ as well." replaced x > 0 (|x| = x refuted at x = −1); read as adding only,
    "Let $x > 0$ as well." after x > 1 proved |x − 1| = x − 1, false at x = 1/2 if it widens:
    where the two readings disagree, unknown."""
    page = f"# Hyp\n\n{first}\n\n$$\\frac{{d}}{{dx}} x^2 = 2x$$\n\n{then}\n\n$${claim}$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert verdicts[-1] is U, (verdicts, errors)


@pytest.mark.parametrize("said", ["Let $x$ be anything but positive.", "Let $x$ be other than positive.",
                                  "Assume $x$ is no longer positive.", "Assume $x$ is far from positive.",
                                  "Let $x$ be anything except positive."])
def test_a_sign_turned_round_in_words_holds_a_refutation_back(tmp_path: Path, said: str) -> None:
    """|x| = −x was refuted at x = 1, which the page's words exclude (x ≤ 0)."""
    verdicts, errors, _ = page_goals(tmp_path, f"# Neg\n\n{said}\n\n$$|x| = -x$$\n")
    assert (verdicts, errors) == ([U], []), (verdicts, errors)


def test_a_family_defined_in_an_align_row_is_not_read_as_summed_entries(tmp_path: Path) -> None:
    """\\hat{x}_i &= x_i − μ in an align was refused: "xhat is declared a vector", which
    nothing declared (its sum at a later display made it one)."""
    text = ("\\begin{align*}\n\\mu &= \\frac{1}{N}\\sum_{i=1}^{N} x_i, \\\\\n\\hat{x}_i &= x_i - \\mu\n"
            "\\end{align*}\n\\begin{align*}\n\\sum_{i=1}^{N} \\hat{x}_i = 0\n\\end{align*}\n")
    verdicts, errors, _ = page_goals(tmp_path, text, "doc.tex")
    assert (verdicts, errors) == ([P], []), (verdicts, errors)


@pytest.mark.parametrize("line", ["((x^2+2x+1)^{500})^{1000} = ((x+1)^{1000})^{1000} + 1",
                                  "(((x+1)^{1000})^{1000})^{1000} = 2"])
def test_a_power_of_a_power_past_the_exponent_limit_is_refused(tmp_path: Path, line: str) -> None:
    """It was read as (x + 1)^1000000 and left unknown with no reason (or ran out of memory)."""
    _, errors, _ = page_goals(tmp_path, f"$$ {line} $$\n")
    assert errors and "a power of a power" in errors[0] and "larger than 1000" in errors[0], errors


def test_a_relation_of_two_letters_replaces_no_bound_on_one_of_them(tmp_path: Path) -> None:
    """"Let $x > 1$." then "Let $y > x$ and $y < 0$." (which cannot hold together): |y| = y
    was refuted at x = −1, y = −1/2, where x > 1 fails."""
    page = "# C\n\nLet $x > 1$.\n\n$$\\sqrt{x^2} = x$$\n\nLet $y > x$ and $y < 0$.\n\n$$|y| = y$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert verdicts[-1] is U, (verdicts, errors)  # (not vacuous: the words are not read)


@pytest.mark.parametrize("said", ["Both identities above assume $x > 0$.",
                                  "(Everywhere in this section, $x > 0$.)",
                                  "In all of the above, $x > 0$."])
def test_a_bound_said_of_the_displays_above_holds_their_refutations_back(
        tmp_path: Path, said: str) -> None:
    """√(x²) = x was refuted at x = −1 though a later sentence says x > 0 of it."""
    page = f"# Note\n\n$$\\sqrt{{x^2}} = x$$\n\n$$\\frac{{d}}{{dx}} x^2 = 2x$$\n\n{said}\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([U, P], []), (verdicts, errors)


def test_a_control_character_in_a_display_is_named_as_one(tmp_path: Path) -> None:
    _, errors, _ = page_goals(tmp_path, "# T\n\n$$ x^2\x00 + 1 = 1 + x^2 $$\n")
    assert errors and "control character" in errors[0] and "U+FFFD" in errors[0], errors


def test_a_truncated_notebook_says_where(tmp_path: Path) -> None:
    from checker.files import load_file

    path = tmp_path / "nb.ipynb"
    path.write_text('{"cells": [{"cell_type": "markdown", "source": "$$x', encoding="utf-8")
    loaded = load_file(str(path))
    assert loaded.errors and "invalid JSON, line 1:" in str(loaded.errors[0]), loaded.errors
    assert "at at" not in str(loaded.errors[0])


@pytest.mark.parametrize("said", ["Let $x > 0$ be the null hypothesis we reject.",
                                  "Let $x > 0$ be the case we exclude.", "Let $x > 0$ be the naive guess.",
                                  "Let $x > 0$ be the learning rate in the counterexample.",
                                  "Let $x > 0$ be the old assumption."])
def test_what_an_assumption_names_may_be_what_the_page_does_not_assume(
        tmp_path: Path, said: str) -> None:
    """"be the …" took any noun phrase as a name: |x| = x proved under x > 0 the page rejects."""
    verdicts, errors, _ = page_goals(tmp_path, f"# T\n\n{said}\n\n$$|x| = x$$\n")
    assert P not in verdicts and (verdicts or errors), (verdicts, errors)


def test_a_declared_name_the_prose_defines_unreadably_is_not_left_free(tmp_path: Path) -> None:
    """"Write $\\mu_i = \\sigma(x_i^T w)$." with mu a declared vector: the definition could not
    be read (x undeclared), μ_i stayed a free entry, and ∂/∂w Σ log μ_i = 0 was proved."""
    page = ("```derivcheck\ndims = { n = \"positive integer\" }\nvectors = { mu = \"n\" }\n"
            "latex = { \"\\\\mu\" = \"mu\" }\n```\n\nWrite $\\mu_i = \\sigma(x_i^T w)$.\n\n"
            "$$\\frac{\\partial}{\\partial w} \\sum_{i=1}^{n} \\log \\mu_i = 0$$\n")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert P not in verdicts and errors and "already means something here" in errors[0], (
        verdicts, errors)


@pytest.mark.parametrize("said", ["Let $z = (z_1, \\dots, z_K)$ be the logits.",
                                  "$$z = (z_1, \\dots, z_K)$$",
                                  "Let $z = [z_1, z_2, \\ldots, z_K]^T$.",
                                  "$$\\mathbf{z} = [z_1, \\ldots, z_K]^T$$"])
def test_a_vector_written_as_its_entries_declares_it(tmp_path: Path, said: str) -> None:
    """z = (z_1, …, z_K) says what z ∈ ℝ^K says; it was refused (z not a declared vector),
    and the advice to write it as a display looped."""
    page = (f"# S\n\n{said}\n\n$$\\sum_{{k=1}}^{{K}} (z_k + 1) = \\sum_{{k=1}}^{{K}} z_k + 2K$$\n\n"
            "$$\\sum_{k=1}^{K} z_k = \\mathbf{1}^T \\mathbf{z}$$\n")
    verdicts, errors, got = page_goals(tmp_path, page)
    assert (verdicts[-2:], errors) == ([R, P], []), (verdicts, errors)
    point = {str(k): v for k, v in got[-2].result.counterexample.point}
    assert "K" not in point or int(point["K"]) >= 1


@pytest.mark.parametrize("said, line", [
    ("Let $E > 0$ be the energy.", "|E| = E"), ("Let $E < 0$.", "|E| = E"),
    ("Let $E$ be negative.", "|E| = E"), ("Let $e < 0$.", "|e| = -e"),
    ("Let $x > 0$ be a fallacy.", "|x| = x"), ("Let $x > 0$ be the discarded branch.", "|x| = x"),
    ("Assume $x > 0$, a contradiction.", "|x| = x"),
])
def test_a_bound_on_a_letter_read_otherwise_in_a_given_or_turned_round_is_none(
        tmp_path: Path, said: str, line: str) -> None:
    """E is a letter in a display and Euler's number in a given: "Let $E < 0$." proved the
    false |E| = E vacuously, and "Let $e < 0$." printed a counterexample e = −1 evaluated at
    Euler's number; "be a fallacy" was read as x > 0."""
    verdicts, errors, _ = page_goals(tmp_path, f"# P\n\n{said}\n\n$${line}$$\n")
    assert P not in verdicts and R not in verdicts and (verdicts or errors), (verdicts, errors)


@pytest.mark.parametrize("said, line", [
    ("Let $\\epsilon$ be a small positive number.", "\\sqrt{\\epsilon^2} = \\epsilon"),
    ("Let $x$ be a small positive number.", "|x| = x"),
    ("Let $\\lambda$ be a large and positive constant.", "|\\lambda| = \\lambda"),
])
def test_a_sign_with_words_before_it_holds_a_refutation_back(
        tmp_path: Path, said: str, line: str) -> None:
    """√(ε²) = ε was refuted at ε = −1 beside "$\\epsilon$ be a small positive number"."""
    verdicts, errors, _ = page_goals(tmp_path, f"# P\n\n{said}\n\n$${line}$$\n")
    assert (verdicts, errors) == ([U], []), (verdicts, errors)


@pytest.mark.parametrize("said", ["For simplicity, let $x > 0$.", "Without loss of generality, let $x > 0$.",
                                  "WLOG assume $x > 0$.", "In what follows, let $x > 0$.",
                                  "Throughout this problem, assume $x > 0$.",
                                  "Let $x > 0$ throughout this problem.", "Let $x > 0$ be fixed.",
                                  "Assume that $x > 0$ and $y > 0$ throughout this problem."])
def test_ordinary_ways_to_assume_are_read(tmp_path: Path, said: str) -> None:
    """Each was no assumption (unknown, or the display refused)."""
    verdicts, errors, _ = page_goals(tmp_path, f"# H\n\n{said}\n\n$$|x| = x$$\n")
    assert (verdicts, errors) == ([P], []), (verdicts, errors)


def test_a_letter_in_a_set_builder_set_is_a_condition_on_it(tmp_path: Path) -> None:
    """"Let $x \\in \\{t \\in \\mathbb{R} : t > 0\\}$." was skipped as the set's own variable:
    |x| = x refuted at x = −1, which the page excludes."""
    page = "# P\n\nLet $x \\in \\{t \\in \\mathbb{R} : t > 0\\}$.\n\n$$|x| = x$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert R not in verdicts and errors and "not read" in errors[0], (verdicts, errors)
