"""Reading documents (session 38): the examples a page writes with a label, y^{(i)} in
\\sum_{i=1}^{m}, are read as a vector's entries, as the page's sums say (Andrew Ng's notation
without a declaration block), and nothing else is."""

from __future__ import annotations

from pathlib import Path

import pytest
from recheck import assert_refutations, checked_file, page_goals

from checker.results import Verdict

P, R, U = Verdict.PROVED, Verdict.REFUTED, Verdict.UNKNOWN

COST = "$$J(w) = \\frac{1}{2}\\sum_{i=1}^{m} (w x^{(i)} - y^{(i)})^2$$"
GRADIENT = "$$\\frac{dJ}{dw} = \\sum_{i=1}^{m} (w x^{(i)} - y^{(i)}) x^{(i)}$$"
SLIP = "$$\\frac{dJ}{dw} = \\sum_{i=1}^{m} (w x^{(i)} - y^{(i)})$$"  # the inner x^{(i)} lost


def test_examples_in_a_sum_are_a_vectors_entries(tmp_path: Path) -> None:
    page = f"# Linear regression\n\n{COST}\n\n{GRADIENT}\n\n{SLIP}\n"
    verdicts, errors, got = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P, R], []), (verdicts, errors)
    note = got[1].check.claim.note
    assert "y^{(i)} as the entry i of a vector y of length m (the i-th example)" in note, note
    assert "x^{(i)} as the entry i of a vector x of length m" in note, note
    assert "m as a size" in note, note
    report, _ = checked_file(tmp_path / "doc.md")
    assert assert_refutations(report) >= 1  # its counterexample, checked again


def test_logistic_regression_with_a_family_over_the_examples(tmp_path: Path) -> None:
    """a^{(i)} = σ(w x^{(i)} + b) defines a over the examples, as a declared page reads it."""
    page = ("# Logistic regression\n\nFor each example,\n\n$$a^{(i)} = \\sigma(w x^{(i)} + b)$$\n\n"
            "and the cost is\n\n$$J(w, b) = -\\frac{1}{m}\\sum_{i=1}^{m} \\left[ y^{(i)} \\log "
            "a^{(i)} + (1 - y^{(i)}) \\log (1 - a^{(i)}) \\right]$$\n\n"
            "$$\\frac{\\partial J}{\\partial w} = \\frac{1}{m}\\sum_{i=1}^{m} (a^{(i)} - y^{(i)})"
            " x^{(i)}$$\n\n$$\\frac{\\partial J}{\\partial b} = \\frac{1}{m}\\sum_{i=1}^{m} "
            "(y^{(i)} - a^{(i)})$$\n")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P, R], []), (verdicts, errors)
    report, _ = checked_file(tmp_path / "doc.md")
    assert assert_refutations(report) >= 1


def test_an_example_at_a_free_index(tmp_path: Path) -> None:
    page = ("# Error\n\n$$E = \\frac{1}{2m}\\sum_{i=1}^{m} (\\hat{y}^{(i)} - y^{(i)})^2$$\n\n"
            "$$\\frac{\\partial E}{\\partial \\hat{y}^{(k)}} = \\frac{1}{m}(\\hat{y}^{(k)} - "
            "y^{(k)})$$\n\n$$\\frac{\\partial E}{\\partial \\hat{y}^{(k)}} = \\hat{y}^{(k)} - "
            "y^{(k)}$$\n\n$$\\frac{\\partial E}{\\partial \\hat{y}^{(k)}} = \\frac{1}{m}"
            "(\\hat{y}^{(i)} - y^{(i)})$$\n")
    verdicts, errors, got = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P, R, R], []), (verdicts, errors)
    assert "\\hat{y}^{(i)} as the entry i of a vector \\hat{y} of length m" in \
        got[1].check.claim.note
    report, _ = checked_file(tmp_path / "doc.md")
    assert assert_refutations(report) >= 2


REFUSED = "names one sample or layer"


@pytest.mark.parametrize(("before", "why"), [
    # words that say the examples are vectors
    ("The inputs $x^{(i)}$ are vectors.\n\n", ""),
    ("Each $x^{(i)}$ is a $d$-dimensional feature vector.\n\n", ""),
    # a membership says what it is, and it is not read here
    ("where $x^{(i)} \\in \\mathbb{R}^n$.\n\n", ""),
    # the letter written alone too (x the data? the example?)
    ("$$x = 3$$\n\n", ""),
    # the letter at a number too: the first example, or a name of its own?
    ("$$x^{(1)} = 2$$\n\n", ""),
])
def test_examples_are_not_read_where_the_page_says_otherwise(tmp_path: Path, before: str,
                                                             why: str) -> None:
    page = f"# Regression\n\n{before}{COST}\n\n{GRADIENT}\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert P not in verdicts and R not in verdicts, (verdicts, errors)
    assert any(REFUSED in e or "could not be read" in e or "not declared" in e
               for e in errors), errors


def test_a_layers_weights_in_a_norm_are_no_numbers(tmp_path: Path) -> None:
    """‖W^{(l)}‖² over the layers: each W^{(l)} is a matrix; read as numbers it would be a
    guess (so is ‖W_l‖², which the page's sums made numbers before)."""
    for written in ("W^{(l)}", "W_l"):
        page = (f"# Weight decay\n\n$$R = \\frac{{\\lambda}}{{2}}\\sum_{{l=1}}^{{L}} \\|{written}\\|^2$$"
                f"\n\n$$\\frac{{\\partial R}}{{\\partial {written}}} = \\lambda {written}$$\n")
        verdicts, errors, _ = page_goals(tmp_path, page)
        assert P not in verdicts and R not in verdicts, (written, verdicts)
        assert any("inside a norm" in e or "‖…‖ of a number" in e or REFUSED in e
                   for e in errors), (written, errors)


def test_a_feature_of_the_examples_keeps_the_page_from_the_reading(tmp_path: Path) -> None:
    """x_j^{(i)} beside y^{(i)}: the features are not read here, so y^{(i)} is not read
    either (a page's examples are read all as a declared page reads them, or none), and the
    error is the one the page had, not one about a convention it never declared."""
    page = ("# Features\n\n$$J = \\frac{1}{2}\\sum_{i=1}^{m} \\left(\\sum_{j=1}^{n} \\theta_j "
            "x_j^{(i)} - y^{(i)}\\right)^2$$\n")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert verdicts == [] and errors, (verdicts, errors)
    assert not any("superscript" in e for e in errors), errors


def test_a_declaration_block_decides(tmp_path: Path) -> None:
    """A page whose block declares y (without indices = "superscript") keeps y^{(i)} a name
    of its own: the declarations, not the sums, say what y is."""
    page = ("# Block\n\n```derivcheck\nvectors = { y = 3 }\n```\n\n"
            "$$\\sum_{i=1}^{m} (y^{(i)})^2 = \\sum_{i=1}^{m} y^{(i)} y^{(i)}$$\n")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert verdicts == [] and any("names another y" in e or REFUSED in e for e in errors), \
        (verdicts, errors)


def test_a_sum_from_zero_is_not_read(tmp_path: Path) -> None:
    page = "# Zero\n\n$$\\sum_{i=0}^{m} (y^{(i)})^2 = \\sum_{i=0}^{m} y^{(i)} y^{(i)}$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert verdicts == [] and any(REFUSED in e for e in errors), (verdicts, errors)


def test_a_layer_label_in_brackets_stays_a_label(tmp_path: Path) -> None:
    """a^{[l]} beside examples y^{(i)}: the layer's label is a name of its own."""
    page = ("# Layers\n\n$$J = \\sum_{i=1}^{m} (y^{(i)})^2$$\n\n"
            "$$\\frac{\\partial J}{\\partial y^{(k)}} = 2 y^{(k)}$$\n\n"
            "$$a^{[2]} = 2 a^{[1]}$$\n\n$$a^{[2]} - a^{[1]} = a^{[1]}$$\n")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert errors == [] and verdicts[0] is P, (verdicts, errors)


def test_a_diagnosis_writes_the_examples_as_the_page_does(tmp_path: Path) -> None:
    """The corrected line and the slip's sentence write y^{(k)}, not y_k, on a page that
    writes its examples with labels."""
    page = ("# Error\n\n$$E = \\frac{1}{2m}\\sum_{i=1}^{m} (\\hat{y}^{(i)} - y^{(i)})^2$$\n\n"
            "$$\\frac{\\partial E}{\\partial \\hat{y}^{(k)}} = \\hat{y}^{(k)} - y^{(k)}$$\n\n"
            "$$L = \\sum_{i=1}^{m} (y^{(i)})^2$$\n\n"
            "$$\\frac{\\partial L}{\\partial y^{(k)}} = 2 y^{(i)}$$\n")
    report, errors = checked_file((tmp_path / "doc.md", tmp_path.joinpath("doc.md").write_text(
        page, encoding="utf-8"))[0])
    assert errors == []
    found = [c.result.diagnosis for o in report.outcomes for c in o.checks
             if c.result.diagnosis is not None]
    assert len(found) == 2, found
    scale, swap = sorted(found, key=lambda d: d.kind)
    assert (scale.kind, swap.kind) == ("scale", "swapped-indices"), found
    assert "y^{(k)}" in scale.corrected and "\\hat{y}^{(k)}" in scale.corrected, scale
    assert "_{k}" not in scale.corrected, scale
    assert swap.corrected == "2 y^{(k)}" and "y^{(k)} is meant" in swap.detail, swap


# ---- a sign said in words, in a sentence that assumes it outright, is a hypothesis


@pytest.mark.parametrize(("prose", "want"), [
    ("Let $x$ be negative.", P),
    ("Let $x$ be strictly negative.", P),
    ("Assume $x$ is negative.", P),  # (session 39: Assume and Suppose as Let)
    ("Suppose $x$ is negative.", P),
    # not assumed outright: unknown (a refutation against it), never proved under it
    ("It is false that $x$ is positive.", U),
    ("Let $x$ be negative or zero.", U),
    ("A common mistake is to think $x$ is negative.", U),
    ("Let $x$ be negative in Figure 1.", U),
    ("Is $x$ negative?", U),
])
def test_a_sign_in_words_assumed_outright_is_the_displays_case(tmp_path: Path, prose: str,
                                                               want: Verdict) -> None:
    page = f"# A\n\n{prose}\n\n$$\\sqrt{{x^2}} = -x$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert errors == [] and verdicts in ([want], [R] if want is U else [want]), (verdicts, errors)
    assert P not in verdicts or want is P


@pytest.mark.parametrize("prose", ["Let $x$ be negative, say $x = -2$.",
                                   "Assume $x$ is negative, say.",
                                   "Suppose $x$ is negative; or not."])
def test_a_sign_in_words_beside_more_is_never_proved_under(tmp_path: Path, prose: str) -> None:
    """Not read whole here (another formula; the words another reader of the prose reads):
    never proved under the sign, never refuted against it."""
    verdicts, errors, _ = page_goals(tmp_path, f"# A\n\n{prose}\n\n$$\\sqrt{{x^2}} = -x$$\n")
    assert P not in verdicts and R not in verdicts, (verdicts, errors)


def test_a_sign_in_words_is_checked_against_not_only_assumed(tmp_path: Path) -> None:
    """Under "Let $x$ be negative." a line false for negative x is refuted at a negative x."""
    page = "# A\n\nLet $x$ be negative.\n\n$$|x| = x$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([R], []), (verdicts, errors)
    report, _ = checked_file(tmp_path / "doc.md")
    assert assert_refutations(report) >= 1


def test_a_hypothesis_functions_parameter_is_its_own(tmp_path: Path) -> None:
    """h_θ(x) = θ₀ + θ₁x writes x alone, as h's parameter: the page's examples x^{(i)} are
    read on (Andrew Ng's linear regression, no block); the 1/m-kept slip in ∂J/∂θ₀ refuted."""
    page = ("# Linear regression\n\n$$h_\\theta(x) = \\theta_0 + \\theta_1 x$$\n\n"
            "$$J(\\theta_0, \\theta_1) = \\frac{1}{2m}\\sum_{i=1}^{m} (h_\\theta(x^{(i)}) - "
            "y^{(i)})^2$$\n\n$$\\frac{\\partial J}{\\partial \\theta_1} = \\frac{1}{m}"
            "\\sum_{i=1}^{m} (h_\\theta(x^{(i)}) - y^{(i)}) x^{(i)}$$\n\n"
            "$$\\frac{\\partial J}{\\partial \\theta_0} = \\frac{1}{m}\\sum_{i=1}^{m} "
            "(h_\\theta(x^{(i)}) - y^{(i)}) x^{(i)}$$\n")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P, R], []), (verdicts, errors)
    report, _ = checked_file(tmp_path / "doc.md")
    assert assert_refutations(report) >= 1


def test_a_declared_page_is_told_of_the_convention(tmp_path: Path) -> None:
    """A block that declares the vectors but not the convention: the error says how."""
    page = ("# Block\n\n```derivcheck\ndims = { m = \"positive integer\" }\nvectors = { y = \"m\" }"
            "\n```\n\n$$\\sum_{i=1}^{m} (y^{(i)})^2 = \\sum_{i=1}^{m} y^{(i)} y^{(i)}$$\n")
    _, errors, _ = page_goals(tmp_path, page)
    assert any('indices = "superscript"' in e for e in errors), errors


# ---- a definition's range ("where $\lambda > 0$ is the strength"); a section's own shapes


def test_a_definitions_where_range_is_assumed_after_it(tmp_path: Path) -> None:
    page = ("# A\n\n$$J(w) = \\frac{\\lambda}{2} w^2$$\n\nwhere $\\lambda > 0$ is the strength.\n\n"
            "$$\\frac{dJ}{dw} = \\lambda w$$\n\n$$\\sqrt{\\lambda^2} = \\lambda$$\n\n"
            "$$\\sqrt{\\lambda^2} = -\\lambda$$\n")
    verdicts, errors, got = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P, P, R], []), (verdicts, errors)
    assert "proved under what the prose assumed before" in got[1].result.detail
    report, _ = checked_file(tmp_path / "doc.md")
    assert assert_refutations(report) >= 1  # (at a positive λ)


@pytest.mark.parametrize("where", ["where $\\lambda > 0$ or $\\lambda < 0$.",
                                   "where, for example, $\\lambda > 0$.",
                                   "where $\\lambda > 0$ is not needed."])
def test_a_where_range_with_more_is_not_assumed(tmp_path: Path, where: str) -> None:
    page = (f"# A\n\n$$J(w) = \\frac{{\\lambda}}{{2}} w^2$$\n\n{where}\n\n$$\\frac{{dJ}}{{dw}} = "
            "\\lambda w$$\n\n$$\\sqrt{\\lambda^2} = \\lambda$$\n")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert verdicts[-1:] != [P] and R not in verdicts, (verdicts, errors)


NOTES = ("# Week 6\n\n## 1. The loss\n\nOne feature, $n$ points.\n\n"
         "$$J(w) = \\frac{1}{2n} \\sum_{i=1}^{n} (w x_i - y_i)^2$$\n\n"
         "## 2. The gradient\n\n$$\\frac{d}{dw} \\frac{1}{2n} \\sum_{i=1}^{n} (w x_i - y_i)^2 = "
         "\\frac{1}{n} \\sum_{i=1}^{n} (w x_i - y_i) x_i$$\n\n"
         "## 3. Vector form\n\nFor $d$ features, with $X \\in \\mathbb{R}^{n \\times d}$, "
         "$w \\in \\mathbb{R}^d$ and $y \\in \\mathbb{R}^n$,\n\n"
         "$$\\nabla_w \\frac{1}{2n} \\|Xw - y\\|^2 = \\frac{1}{n} X^T (Xw - y)$$\n\n"
         "$$\\nabla_w \\frac{1}{2n} \\|Xw - y\\|^2 = \\frac{1}{n} X (Xw - y)$$\n")


def test_a_later_sections_shapes_are_read_there_and_refuse_before(tmp_path: Path) -> None:
    """w ∈ ℝ^d said in "## 3": read in "## 3" (it was refused there too), and still a reason
    not to read w as a number in "## 1" and "## 2" (a page that says "As in Section 1, $A, B
    \\in \\mathbb{R}^{n \\times n}$" would have its Section 1 proved of numbers)."""
    verdicts, errors, got = page_goals(tmp_path, NOTES)
    assert verdicts == [P, R] and errors and all("w \\in \\mathbb{R}^d" in e for e in errors), \
        (verdicts, errors)
    assert "w as a vector of length d" in got[0].check.claim.note, got[0].check.claim.note
    page = ("# Matrix algebra\n\n## 1. Squares\n\n$$(A + B)^2 = A^2 + 2AB + B^2$$\n\n"
            "## 2. Inverses\n\nFor invertible $A, B \\in \\mathbb{R}^{n \\times n}$,\n\n"
            "$$(AB)^{-1} = B^{-1} A^{-1}$$\n")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert P not in verdicts[:1] and any(":5:" in e for e in errors), (verdicts, errors)


def test_an_earlier_sections_shape_still_refuses_a_number_after_it(tmp_path: Path) -> None:
    """What an earlier section says is an array is not read as a number in a later one
    without a word of its own (its letters may be the same vectors); only a later section's
    statement leaves an earlier one alone."""
    page = ("# A\n\n## 1\n\nLet $w \\in \\mathbb{R}^d$ be the weights.\n\n"
            "$$w \\cdot w = w^T w$$\n\n## 2\n\n$$w + w = 2w$$\n")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert verdicts[0] is P and P not in verdicts[1:] and any(":11:" in e for e in errors), \
        (verdicts, errors)


# ---- the helpers' pages (session 38): what keeps examples from being read as numbers


@pytest.mark.parametrize("prose", [
    "We write $x^{(i)}$ for the $i$-th input; it is a vector.",
    "The inputs are vectors: $x^{(i)}$ for each example.",
    "We write $x^{(i)}$ for the $i$-th input. It is a vector of $n$ features.",
    "Here $l$ indexes the layers and $x^{(l)}$ is the input of layer $l$.",
])
def test_words_of_a_whole_sentence_or_the_next_refuse(tmp_path: Path, prose: str) -> None:
    page = f"# Regression\n\n{prose}\n\n{COST}\n\n{GRADIENT}\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert P not in verdicts and R not in verdicts and errors, (verdicts, errors)


@pytest.mark.parametrize("after", [
    # the prose after a part's last display, before the next part's heading
    "where $x^{(i)} \\in \\mathbb{R}^n$ is the $i$-th input vector.\n\n# Part B\n\n"
    "$$\\frac{d}{dz} z^2 = 2z$$\n",
    # a glossary at the end of the page
    "## Notation\n\nThe input $x^{(i)} \\in \\mathbb{R}^n$ is the $i$-th example, a vector.\n",
])
def test_what_the_page_says_after_the_displays_refuses(tmp_path: Path, after: str) -> None:
    page = f"# Part A\n\n{COST}\n\n{GRADIENT}\n\n{after}"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert verdicts in ([], [P]) and any(":5:" in e for e in errors), (verdicts, errors)  # (P:
    # Part B's own display)


@pytest.mark.parametrize("letter", ["W", "X"])
def test_capital_letters_and_other_labels_are_not_examples(tmp_path: Path, letter: str) -> None:
    """W^{(l)} (a layer's weights), X^{(i)}: matrices more often than numbers; θ^{(t)} an
    iterate: not read as a vector's entries."""
    for body in (f"\\sum_{{i=1}}^{{m}} {letter}^{{(i)}} V^{{(i)}} = "
                 f"\\sum_{{i=1}}^{{m}} V^{{(i)}} {letter}^{{(i)}}",
                 "\\sum_{t=1}^{T} \\theta^{(t)} u^{(t)} = \\sum_{t=1}^{T} u^{(t)} \\theta^{(t)}"):
        verdicts, errors, _ = page_goals(tmp_path, f"# A\n\n$${body}$$\n")
        assert P not in verdicts and errors, (body, verdicts, errors)


@pytest.mark.parametrize("display", [
    "\\|W V\\| = \\|W\\| \\|V\\|",
    "\\left|\\left| W \\right|\\right|^2 = W W",
    "\\|x\\|_F^2 = x^2",
])
def test_a_norm_of_numbers_is_refused(tmp_path: Path, display: str) -> None:
    """Double bars say a vector or a matrix: of letters nothing declares so, they were read
    as absolute values of numbers (‖W V‖ = ‖W‖ ‖V‖ proved)."""
    verdicts, errors, _ = page_goals(tmp_path, f"# A\n\n$${display}$$\n")
    assert P not in verdicts and any("‖…‖ of a number" in e for e in errors), (verdicts, errors)


def test_a_declared_vectors_norm_is_still_read(tmp_path: Path) -> None:
    page = ("# A\n\nLet $w \\in \\mathbb{R}^n$.\n\n$$\\left|\\left| w \\right|\\right|^2 = w^T w$$\n\n"
            "$$\\|2w\\|^2 = 2 w^T w$$\n")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P, R], []), (verdicts, errors)


@pytest.mark.parametrize("display", [
    "\\frac{d}{dm}\\left(\\frac{1}{2}\\sum_{i=1}^{m} (w x_i - y_i)^2\\right) = 0",
    "\\frac{d}{dm} m^2 = 2m",
])
def test_no_derivative_by_a_size(tmp_path: Path, display: str) -> None:
    """m is a size (the sums run to it): a derivative by it was taken as if the sums did not
    depend on it (d/dm Σ_{i=1}^{m} … = 0 proved)."""
    page = f"# A\n\n$$J = \\frac{{1}}{{2}}\\sum_{{i=1}}^{{m}} (w x_i - y_i)^2$$\n\n$${display}$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert P not in verdicts and any("a derivative by m, a size" in e for e in errors), \
        (verdicts, errors)


@pytest.mark.parametrize("label", ["(\\textit{i})", "(\\mathit{i})", "(\\mathbf{i})", "\\{i\\}"])
def test_a_label_in_a_font_is_no_power(tmp_path: Path, label: str) -> None:
    page = (f"# A\n\n$$\\frac{{d}}{{dx}}\\sum_{{i=1}}^{{m}} x^{{{label}}} = "
            "\\sum_{i=1}^{m} i x^{i-1}$$\n")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert P not in verdicts and errors, (verdicts, errors)


def test_each_problem_reads_its_examples_beside_a_vector_form(tmp_path: Path) -> None:
    """A homework whose last problem says y ∈ ℝⁿ (a vector form) and whose earlier problems
    write the examples y^{(i)}: each problem as its own prose and sums say (all were refused:
    y is a vector in one problem, so no problem's examples were read); x^{(i)} written only
    in a family's definition (a^{(i)} = σ(v x^{(i)} + b)) is an example too. (A w there would
    be refused: the last problem says w ∈ ℝ^d, and a number is not read against that.)"""
    page = ("# Homework\n\nThe examples are $(x^{(i)}, y^{(i)})$.\n\n## Problem 1\n\n"
            "$$a^{(i)} = \\sigma(v x^{(i)} + b)$$\n\n$$J(v, b) = -\\frac{1}{m}\\sum_{i=1}^{m} "
            "\\left[ y^{(i)} \\log a^{(i)} + (1 - y^{(i)}) \\log (1 - a^{(i)}) \\right]$$\n\n"
            "$$\\frac{\\partial J}{\\partial b} = \\frac{1}{m}\\sum_{i=1}^{m} (y^{(i)} - a^{(i)})$$\n\n"
            "## Problem 2\n\n$$E = \\frac{1}{2m}\\sum_{i=1}^{m} (\\hat{y}^{(i)} - y^{(i)})^2$$\n\n"
            "$$\\frac{\\partial E}{\\partial \\hat{y}^{(k)}} = \\frac{1}{m}(\\hat{y}^{(k)} - "
            "y^{(k)})$$\n\n## Problem 3\n\nWith $X \\in \\mathbb{R}^{n \\times d}$, $w \\in "
            "\\mathbb{R}^d$ and $y \\in \\mathbb{R}^n$,\n\n$$\\nabla_w \\frac{1}{2} \\|Xw - y\\|^2 = "
            "X^T (Xw - y)$$\n")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([R, P, P], []), (verdicts, errors)
    report, _ = checked_file(tmp_path / "doc.md")
    assert assert_refutations(report) >= 1


@pytest.mark.parametrize("said", ["Here $w, x \\in \\mathbb{R}$ are scalars.",
                                  "Here $w$ is a scalar and $x$ is a real number."])
def test_a_section_that_says_its_letters_are_numbers(tmp_path: Path, said: str) -> None:
    """A later problem's w ∈ ℝ^d refuses w as a number elsewhere, unless the section says
    it is one (the error says so)."""
    page = (f"# HW\n\n## Problem 1\n\n{said}\n\n$$\\frac{{d}}{{dw}} (w x - y)^2 = 2(wx - y)x$$\n\n"
            "## Problem 2\n\nWith $w \\in \\mathbb{R}^d$ and $x \\in \\mathbb{R}^d$,\n\n"
            "$$\\nabla_w (w^T x)^2 = 2 (w^T x) x$$\n")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P, P], []), (verdicts, errors)
    verdicts, errors, _ = page_goals(tmp_path, page.replace(said, "Differentiate."))
    assert verdicts == [P] and any("\\in \\mathbb{R}$ in the prose of this section" in e
                                   for e in errors), (verdicts, errors)


# ---- a second helper's pages (session 38)


@pytest.mark.parametrize("prose", [
    "Let $x$ be a negative sample.", "Let $x$ be a negative log-likelihood.",
    "Let $x$ be negative definite.", "Let $x$ be negative, hopefully.",
    "Let $x$ be negative. Never mind.", "Let $x$ be negative. Ignore the previous sentence.",
    "Let $x$ be negative. Actually, let it be any real number.",
])
def test_a_sign_in_words_that_is_not_assumed_proves_nothing(tmp_path: Path, prose: str) -> None:
    page = f"# T\n\n{prose}\n\n$$|x| = -x$$\n\nMore.\n\n$$\\sqrt{{x^2}} = -x$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert P not in verdicts, (prose, verdicts, errors)


@pytest.mark.parametrize("prose", ["Let $p$ be a probability density.",
                                   "Let $p$ be a probability ratio."])
def test_a_probability_noun_is_no_probability(tmp_path: Path, prose: str) -> None:
    page = f"# T\n\n{prose}\n\n$$|1 - p| = 1 - p$$\n"
    verdicts, _, _ = page_goals(tmp_path, page)
    assert P not in verdicts, (prose, verdicts)


@pytest.mark.parametrize("widened", ["Let $x$ vary over $\\mathbb{R}$.",
                                     "Without the sign assumption:"])
def test_a_sign_widened_later_is_in_doubt(tmp_path: Path, widened: str) -> None:
    page = (f"# T\n\nLet $x$ be negative.\n\n$$|x| = -x$$\n\n{widened}\n\n"
            "$$\\sqrt{x^2} = -x$$\n")
    verdicts, _, _ = page_goals(tmp_path, page)
    assert verdicts[0] is P and verdicts[1] is not P, verdicts


def test_a_definitions_range_stays_in_its_section(tmp_path: Path) -> None:
    page = ("# Homework 3\n\n## Problem 1\n\n$$J(w) = \\frac{1}{2}(w - 3)^2 + \\frac{\\lambda}{2} w^2$$"
            "\n\nwhere $\\lambda > 0$ is the regularisation strength.\n\n"
            "$$\\frac{dJ}{dw} = w - 3 + \\lambda w$$\n\n## Problem 2\n\nFor the multiplier "
            "$\\lambda$ of the constraint:\n\n$$\\sqrt{\\lambda^2} = \\lambda$$\n")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert verdicts[-1] is R, (verdicts, errors)


@pytest.mark.parametrize("prose", [
    "Note: $x^{(i)}$ is not a scalar.", "Both $x^{(i)}$ and $w$ are in $\\mathbb{R}^d$.",
    "Each $x^{(i)}$ is a $d \\times 1$ array.", "Here the examples are $d$-dimensional.",
    "Examples are vectors.", "Here $x^{(i)}$ is the $i$-th mini-batch.",
    "Here $x^{(i)}$ denotes the $i$-th derivative.",
])
def test_what_the_prose_says_examples_are_refuses_them(tmp_path: Path, prose: str) -> None:
    page = f"# T\n\n{prose}\n\n{COST}\n\n{GRADIENT}\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert P not in verdicts and R not in verdicts, (prose, verdicts, errors)


def test_examples_said_to_be_vectors_in_a_sibling_or_a_later_part(tmp_path: Path) -> None:
    for page in (f"# T\n\n## Data\n\nEach $x^{{(i)}}$ is a vector in $\\mathbb{{R}}^d$.\n\n## Loss"
                 f"\n\n{COST}\n\n{GRADIENT}\n",
                 f"# T\n\n{COST}\n\n{GRADIENT}\n\n# Vector form\n\nNow each $x^{{(i)}} \\in "
                 "\\mathbb{R}^d$.\n"):
        verdicts, errors, _ = page_goals(tmp_path, page)
        assert P not in verdicts and R not in verdicts, (page, verdicts, errors)


@pytest.mark.parametrize("prose", ["Let $a, b$ be positive.", "Let $a > 0$ and $b > 0$."])
def test_a_bound_reaches_a_display_through_a_definition(tmp_path: Path, prose: str) -> None:
    """|c| = c with c = a + b was refuted at a = 0, b = −1, against the page's a, b > 0."""
    page = f"# T\n\n{prose}\n\n$$c = a + b$$\n\n$$|c| = c$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert R not in verdicts and verdicts, (verdicts, errors)


def test_a_member_of_a_family_at_a_number_is_refused(tmp_path: Path) -> None:
    """z^{(2)} beside z^{(i)} = w x^{(i)} + b was a letter of its own (refuted at z^(2) = 0,
    where the definition gives 1)."""
    page = "# T\n\n$$z^{(i)} = w x^{(i)} + b$$\n\n$$z^{(2)} - b = w x^{(2)}$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert R not in verdicts and any("its member" in e for e in errors), (verdicts, errors)


@pytest.mark.parametrize(("prose", "display"), [
    ("Let $m$ be negative.", "\\sum_{i=1}^{m} 1 = m"),  # (no size: an empty sum)
    ("Let $x$ be positive; we do not assume this below.", "|x| = x"),
])
def test_more_signs_in_words_that_decide_nothing(tmp_path: Path, prose: str, display: str) -> None:
    verdicts, errors, _ = page_goals(tmp_path, f"# T\n\n{prose}\n\n$${display}$$\n")
    assert P not in verdicts, (verdicts, errors)
