"""Reading documents (session 39): a sign said in words after Assume or Suppose is a
hypothesis, as after Let; "the positive root" is a sign the page states, not a letter free to
be anything."""

from __future__ import annotations

from pathlib import Path

import pytest
from recheck import assert_refutations, checked_file, page_goals

from checker.results import Verdict

P, R, U = Verdict.PROVED, Verdict.REFUTED, Verdict.UNKNOWN


@pytest.mark.parametrize("said", [
    "Assume $x$ is negative.",
    "Suppose $x$ is negative.",
    "Assume that $x$ is negative.",
    "Let $x$ be negative.",
    "Suppose, for contradiction, that $x$ is negative.",
])
def test_a_sign_assumed_in_words_is_the_displays_hypothesis(tmp_path: Path, said: str) -> None:
    page = f"# A\n\n{said}\n\n$$|x| = -x$$\n\nThen also\n\n$$|x|^3 = -x^3$$\n"
    verdicts, errors, got = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P, P], []), (verdicts, errors)
    assert [g.shown for g in got[0].check.claim.given] == ["x < 0"]


@pytest.mark.parametrize("said", [
    "Assume $x$ is negative; we do not assume this below.",
    "It is false to assume $x$ is negative.",
    "Assume $x$ is negative or zero.",
    "Suppose $x$ is negative, say.",
])
def test_a_sign_said_but_not_assumed_outright_leaves_a_refutation_unknown(
        tmp_path: Path, said: str) -> None:
    verdicts, errors, _ = page_goals(tmp_path, f"# A\n\n{said}\n\n$$|x| = -x$$\n")
    assert (verdicts, errors) == ([U], []), (verdicts, errors)


def test_a_sign_assumed_in_one_section_is_not_anothers(tmp_path: Path) -> None:
    page = "# A\n\nAssume $x$ is negative.\n\n$$|x| = -x$$\n\n# B\n\n$$|x| = -x$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P, R], []), (verdicts, errors)
    report, _ = checked_file(tmp_path / "doc.md")
    assert assert_refutations(report) >= 1


def test_several_letters_assumed_negative(tmp_path: Path) -> None:
    page = "# A\n\nAssume $a$ and $b$ are negative.\n\n$$|a| + |b| = -a - b$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P], []), (verdicts, errors)


@pytest.mark.parametrize("said", ["Let $x$ be the positive root.",
                                  "Let $x$ be the positive solution of $x^2 = 4$.",
                                  "Here $x$ is the positive square root."])
def test_the_positive_root_is_no_letter_free_to_be_negative(tmp_path: Path, said: str) -> None:
    """√(x²) = x was refuted at x = −1 though the page says x is the positive root: unknown
    (a root is one value; a counterexample elsewhere in x > 0 would not be it either)."""
    verdicts, errors, _ = page_goals(tmp_path, f"# A\n\n{said}\n\n$$\\sqrt{{x^2}} = x$$\n")
    assert (verdicts, errors) == ([U], []), (verdicts, errors)


def test_the_negative_log_likelihood_says_no_sign(tmp_path: Path) -> None:
    page = "# A\n\nLet $y$ be the negative log-likelihood.\n\n$$|y| = -y$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([R], []), (verdicts, errors)


# ---- a TA's pages (helper): a where-clause in an aligned row, sums side by side


def test_a_where_clause_on_an_aligned_row_is_read(tmp_path: Path) -> None:
    """"\\text{where } c = 2" on the last row of an aligned environment swallowed its
    \\end{aligned}: the whole file "could not be read … a derivcheck bug"."""
    page = ("# A\n\n$$\n\\begin{aligned}\nx + c &= c + x \\quad \\text{where } c = 2\n"
            "\\end{aligned}\n$$\n\n$$2x = x + x$$\n")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P, P], []), (verdicts, errors)


def test_a_where_clause_that_cannot_be_read_is_an_error_at_its_line(tmp_path: Path) -> None:
    page = "# A\n\n$$x + c = c + x \\quad \\text{where } c = \\max_j z_j$$\n\n$$2x = x + x$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert verdicts == [P] and len(errors) == 1, (verdicts, errors)
    assert ":3:" in errors[0] and "\\max_j" in errors[0] and "bug" not in errors[0], errors


def test_two_sums_side_by_side_are_two_equations(tmp_path: Path) -> None:
    """The left side of \\sum_{i=1}^{2} i = 3 was cut at the '=' of its subscript, so the
    second sum "restated" the first's and the line was misread (unbalanced })."""
    page = ("# A\n\n$$\\sum_{i=1}^{2} i = 3, \\qquad \\sum_{i=1}^{2} i^2 = 5$$\n\n"
            "$$\\sum_{i=1}^{2} i = 3, \\qquad \\sum_{i=1}^{2} i^2 = 6$$\n")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P, P, P, R], []), (verdicts, errors)


SOFTMAX = ("# Softmax\n\n```derivcheck\ndims = { K = \"positive integer\" }\n"
           "vectors = { z = \"K\", y = \"K\" }\n```\n\n"
           "$$p_i = \\frac{e^{z_i}}{\\sum_{j=1}^{K} e^{z_j}}$$\n\n## (b)\n\n```derivcheck\n"
           "{block}\n```\n\n$$L = -\\sum_{k=1}^{K} y_k \\log p_k$$\n\n"
           "$$\\log p_k = z_k - \\log \\sum_{j=1}^{K} e^{z_j}$$\n\n"
           "$$L = -\\log p_t$$\n")


def test_a_subsections_hypotheses_keep_its_sections_definitions(tmp_path: Path) -> None:
    """The advice "a given for the section" (given = ["onehot(y, t)"] in the subsection's
    block) made the subsection start over: p, the softmax of the section above, became a
    vector of its own and log p_k = z_k − log Σ e^{z_j} was refuted at p₁ = 2."""
    page = SOFTMAX.replace("{block}", "given = [\"onehot(y, t)\"]")
    verdicts, errors, got = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P, P], []), (verdicts, errors)
    assert "OneHotAt" in str(got[1].check.claim.given), got[1].check.claim.given


def test_a_subsection_that_declares_again_never_reads_the_sections_definition_as_a_letter(
        tmp_path: Path) -> None:
    page = SOFTMAX.replace("{block}", "given = [\"onehot(y, t)\"]\nsymbols = { c = \"real\" }")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert R not in verdicts and P not in verdicts, (verdicts, errors)
    assert any("p_k: the family p_i is defined at line 8" in e for e in errors), errors


def test_a_family_of_another_section_is_refused_at_its_members(tmp_path: Path) -> None:
    """α₂ in "## (e)" where "## (b)" defines α_j: a letter of its own there (refuted at α₂ =
    0); refused as the family's member, as α_j itself is."""
    page = ("# Attention\n\n## (b)\n\n$$\\alpha_j = \\frac{e^{s_j}}{e^{s_1} + e^{s_2}}$$\n\n"
            "## (e)\n\n$$\\sigma(s_1 - s_2)\\left(1 - \\sigma(s_1 - s_2)\\right) = "
            "\\sigma(s_1 - s_2) \\, \\alpha_2$$\n")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert verdicts == [] and len(errors) == 1, (verdicts, errors)
    assert "alpha_2: the family \\alpha_j is defined at line 5, in section '(b)'" in errors[0]


def test_a_family_over_undeclared_entries_advises_a_vector(tmp_path: Path) -> None:
    page = ("# Attention\n\n$$\\alpha_j = \\frac{e^{s_j}}{e^{s_1} + e^{s_2}}$$\n\n"
            "$$\\alpha_2 = 1 - \\alpha_1$$\n")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert verdicts == [] and errors, (verdicts, errors)
    assert "declare s as vectors (vectors = { s = … }" in errors[0], errors
    fixed = page.replace("# Attention\n", "# Attention\n\n```derivcheck\nvectors = { s = 2 }\n```\n")
    verdicts, errors, _ = page_goals(tmp_path, fixed)
    assert (verdicts, errors) == ([P], []), (verdicts, errors)


# ---- an adversary's pages (helper): signs in words, one sentence after another; bounds on
# defined names; a definition after an assumption


@pytest.mark.parametrize(("prose", "display", "want", "given"), [
    ("Let $a$ be positive. Let $b$ be positive.", "|a| + |b| = a + b", P, ["a > 0", "b > 0"]),
    ("Let $x$ be positive. Let $y$ be negative.", "\\sqrt{x^2}+\\sqrt{y^2} = x - y", P,
     ["x > 0", "y < 0"]),
    ("Let $x$ be positive.\n\nLet $y$ be negative.", "\\sqrt{x^2}+\\sqrt{y^2} = x - y", P,
     ["x > 0", "y < 0"]),
    # each letter's latest
    ("Let $x$ be positive.\n\nLet $x$ be negative.", "\\sqrt{x^2} = -x", P, ["x < 0"]),
    ("Let $x$ be positive.\n\nLet $x$ be negative.", "\\sqrt{x^2} = x", R, ["x < 0"]),
    ("Let $\\hat{y}$ be negative.", "|\\hat{y}| = -\\hat{y}", P, ["yhat < 0"]),
])
def test_signs_said_in_words_one_sentence_after_another(tmp_path: Path, prose: str, display: str,
                                                        want: Verdict, given: list[str]) -> None:
    """Only the first sentence's sign was read (given a > 0: refuted at b = −1); with two signs
    of one letter, the first (x > 0: √(x²) = x proved under "Let $x$ be negative.")."""
    verdicts, errors, got = page_goals(tmp_path, f"# A\n\n{prose}\n\n$${display}$$\n")
    assert (verdicts, errors) == ([want], []), (verdicts, errors)
    assert [g.shown for g in got[0].check.claim.given] == given
    if want is R:
        report, _ = checked_file(tmp_path / "doc.md")
        assert assert_refutations(report) >= 1


def test_one_sign_not_assumed_outright_leaves_both_unread(tmp_path: Path) -> None:
    page = ("# A\n\nLet $x$ be positive. Let $y$ be negative, say.\n\n"
            "$$\\sqrt{x^2}+\\sqrt{y^2} = x - y$$\n")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([U], []), (verdicts, errors)


@pytest.mark.parametrize(("bound", "display", "want"), [
    ("Let $u > 0$.", "|x - 5| = x - 5", P),
    ("Let $u > 0$.", "|u| = u", P),
    ("Let $u > 0$.", "|x - 6| = x - 6", R),
    ("Let $u$ be positive.", "|x - 5| = x - 5", P),
])
def test_a_bound_on_a_defined_name_bounds_what_it_stands_for(
        tmp_path: Path, bound: str, display: str, want: Verdict) -> None:
    """u > 0 after $$u = x - 5$$ was a letter of its own beside x: refuted at u = 1, x = 0,
    where u = x − 5 = −5."""
    page = f"# A\n\n$$u = x - 5$$\n\n{bound}\n\n$${display}$$\n"
    verdicts, errors, got = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([want], []), (verdicts, errors)
    assert [g.shown for g in got[0].check.claim.given] == ["x - 5 > 0"]
    if want is R:
        report, _ = checked_file(tmp_path / "doc.md")
        assert assert_refutations(report) >= 1  # (its counterexample has x > 5)


def test_a_sign_of_a_defined_name_that_cannot_hold_is_vacuous(tmp_path: Path) -> None:
    page = "# A\n\n$$u = x^2 + 1$$\n\nLet $u$ be negative.\n\n$$\\sqrt{u^2} = -u$$\n"
    _, errors, got = page_goals(tmp_path, page)
    assert errors == [] and got[0].result.vacuous, (errors, got[0].result)


@pytest.mark.parametrize("page", [
    "# A\n\nLet $x$ be negative.\n\nWe now compute.\n\n$$x = 3$$\n\n$$|x| = x$$\n",
    "# A\n\nLet $x$ be negative.\n\n$$|x| = -x$$\n\n$$x = 3$$\n\n$$|x| = x$$\n",
])
def test_a_letter_assumed_of_is_not_defined_after(tmp_path: Path, page: str) -> None:
    """"Let $x$ be negative." then $$x = 3$$ then |x| = x: proved (as 3 = 3)."""
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert verdicts in ([], [P]), verdicts  # (|x| = -x under the assumption; nothing after)
    assert any(("x is negative" in e or "assumes $x$ (negative)," in e)
               and ("defines" in e or "used before" in e) for e in errors), errors


@pytest.mark.parametrize("between", [
    "The previous assumption does not apply below.",
    "Forget this assumption.",
    "Discard the hypothesis.",
    "From here on, the sign of the input is not fixed.",
    "Now consider a different problem, with no assumption on the sign.",
    "Next, a new exercise.",
])
def test_words_that_take_an_assumption_back(tmp_path: Path, between: str) -> None:
    """The later display was proved under "Let $x$ be negative." past these words."""
    page = f"# A\n\nLet $x$ be negative.\n\n$$|x| = -x$$\n\n{between}\n\n$$|x| = -x$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P, U], []), (verdicts, errors)


@pytest.mark.parametrize("first", ["Let $x < 0$, for this line only.",
                                   "Let $x$ be negative, temporarily.",
                                   "For the first display only, let $x < 0$."])
def test_an_assumption_for_one_display_only(tmp_path: Path, first: str) -> None:
    page = f"# A\n\n{first}\n\n$$x^2 = x \\cdot x$$\n\nThen:\n\n$$|x| = -x$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert verdicts[-1:] != [P], (verdicts, errors)


@pytest.mark.parametrize("marker", ["Problem 2. Show that", "2. Show that",
                                    "---\n\nExercise 2.", "<h2>Problem 2</h2>"])
def test_an_assumption_does_not_reach_the_next_problem_by_its_layout(
        tmp_path: Path, marker: str) -> None:
    first = "1. Let $x$ be negative." if marker.startswith("2.") else "Problem 1. Let $x$ be negative."
    page = f"{first}\n\n$$|x| = -x$$\n\n{marker}\n\n$$|x| = -x$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert verdicts[-1:] != [P], (verdicts, errors)


@pytest.mark.parametrize("step", ["Multiply through by $2$:", "Multiplying both sides by $2$, we get",
                                  "Rearranging,", "Then, adding $c$ to both sides:"])
def test_an_equation_being_solved_stays_one_past_what_is_done_to_it(
        tmp_path: Path, step: str) -> None:
    """"Setting the derivative to zero gives $$a w - c = 0$$ Multiply through by $2$: $$2 a w =
    2 c$$": the second line was refuted as an identity (at a = 0, c = 1, w = 0, where the
    first does not hold)."""
    page = (f"# Problem\n\nSetting the derivative to zero gives the stationary point:\n\n"
            f"$$a w - c = 0$$\n\n{step}\n\n$$2 a w = 2 c$$\n")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([U, U], []), (verdicts, errors)


def test_other_prose_ends_the_equation_being_solved(tmp_path: Path) -> None:
    page = ("# Problem\n\nSetting the derivative to zero gives:\n\n$$a w - c = 0$$\n\n"
            "Now a different identity, which is false:\n\n$$2 a w = 2 c$$\n")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([U, R], []), (verdicts, errors)


SQUARES = ("$$\\sum_{i=1}^{m} \\sum_{j=1}^{m} (x^{(i)} x^{(j)})^2 = "
           "\\left(\\sum_{i=1}^{m} (x^{(i)})^2\\right)^2$$")


@pytest.mark.parametrize("said", [
    "The model predicts $\\hat{y}^{(i)} = w^T x^{(i)}$.",
    "The prediction is $\\theta^\\top x^{(i)}$.",
    "There are $n$ features per example.",
    "Each training input consists of $n$ features.",
])
def test_examples_the_page_shows_are_vectors_are_not_read_as_numbers(
        tmp_path: Path, said: str) -> None:
    """True of numbers, false of vectors (x⁽¹⁾ = e₁, x⁽²⁾ = e₂: 2 against 4): proved for all m
    though the page multiplies the examples by a transpose or gives them features."""
    verdicts, errors, _ = page_goals(tmp_path, f"# A\n\n{said}\n\n{SQUARES}\n")
    assert P not in verdicts and errors, (verdicts, errors)
    assert any("x^(i) inside \\sum_i" in e for e in errors), errors


def test_examples_beside_a_transpose_in_another_display_are_not_numbers(tmp_path: Path) -> None:
    page = (f"# A\n\n{SQUARES}\n\n$$J(w) = \\frac{{1}}{{2}}\\sum_{{i=1}}^{{m}} "
            "(w^T x^{(i)} - y^{(i)})^2$$\n")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert P not in verdicts and errors, (verdicts, errors)


@pytest.mark.parametrize("part", ["## (b)\n\nNow use a cubic loss instead:",
                                  "**(b)** Now a cubic loss.", "## (b)"])
def test_a_new_value_in_a_part_under_the_definitions_section_is_no_claim(
        tmp_path: Path, part: str) -> None:
    """"# Problem 1 … $$L = x^2$$ … ## (b) … $$L = x^3$$" was refuted at x = −1 (and so was
    the later dL/dx = 3x²): a new definition for part (b), or a false claim? Refused, with
    every later use of L; a restatement of L's value is still checked as a claim."""
    page = f"# Problem 1\n\n$$L = x^2$$\n\n{part}\n\n$$L = x^3$$\n\n$$\\frac{{dL}}{{dx}} = 3x^2$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert R not in verdicts and P not in verdicts, (verdicts, errors)
    assert any("L is defined before" in e and (":9:" in e or ":7:" in e) for e in errors), errors
    page = "# Problem 1\n\n$$L = x^2$$\n\n## (b)\n\n$$L = x \\cdot x$$\n\n$$L = x^2 + 1$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert verdicts == [P] and len(errors) == 1, (verdicts, errors)


def test_a_wrong_restatement_in_the_definitions_own_section_is_refuted(tmp_path: Path) -> None:
    verdicts, errors, _ = page_goals(tmp_path, "# Problem 1\n\n$$L = x^2$$\n\n$$L = x^3$$\n")
    assert (verdicts, errors) == ([R], []), (verdicts, errors)


def test_a_case_on_a_definitions_summed_index_binds_nothing_here(tmp_path: Path) -> None:
    """"If $i = j$, by the quotient rule:" before ∂p_i/∂z_i = p_i(1 − p_i), with j only the sum's
    index in p's definition: refused ("j would be free to take any value") though the display
    has no j (the README's own case form)."""
    page = ("# Softmax\n\n```derivcheck\ndims = { K = \"positive integer\" }\n"
            "vectors = { z = \"K\" }\n```\n\n$$p_i = \\frac{e^{z_i}}{\\sum_{j=1}^{K} e^{z_j}}$$\n\n"
            "If $i = j$, by the quotient rule:\n\n$$\\frac{\\partial p_i}{\\partial z_i} = "
            "p_i (1 - p_i)$$\n\n$$\\frac{\\partial p_i}{\\partial z_i} = p_i (1 + p_i)$$\n")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert errors == [] and verdicts[0] is P and P not in verdicts[1:], (verdicts, errors)


# ---- a second adversary (this round's own rules)


@pytest.mark.parametrize("later", ["Let $x$ be *negative*.", "Let $x$ denote a negative number.",
                                   "Let $x$ be below zero.", "Let $x$ be less than zero.",
                                   "Let $x$ be, say, negative."])
def test_a_later_sign_not_read_leaves_the_earlier_one_in_doubt(tmp_path: Path, later: str) -> None:
    """√(x²) = x was proved under "Let $x$ be positive." though a later sentence says x is
    negative in words the reader did not take."""
    page = f"# A\n\nLet $x$ be positive.\n\n{later}\n\n$$\\sqrt{{x^2}} = x$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert P not in verdicts, (verdicts, errors)


@pytest.mark.parametrize("back", ["The assumption $x < 0$ does not apply below.", "Forget $x < 0$.",
                                  "The condition $x < 0$ is dropped.",
                                  "Now remove the assumption $x < 0$.",
                                  "From here on, $x$ need not be negative."])
def test_a_take_back_that_writes_the_bound_does_not_assume_it_again(
        tmp_path: Path, back: str) -> None:
    page = f"# A\n\nLet $x$ be negative.\n\n$$|x| = -x$$\n\n{back}\n\n$$|x|^3 = -x^3$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert verdicts[-1:] != [P], (verdicts, errors)


@pytest.mark.parametrize("rest", ["; we drop this below.", "; this is only a guess.",
                                  "; below, $x$ is arbitrary."])
def test_a_sign_taken_back_in_its_own_sentence_is_no_hypothesis(tmp_path: Path, rest: str) -> None:
    page = f"# A\n\nLet $x$ be negative{rest}\n\n$$\\frac{{|x|}}{{x}} = -1$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert verdicts == [U], (verdicts, errors)


@pytest.mark.parametrize(("said", "name"), [("Let $\\hat{y} < 0$.", "\\hat{y}"),
                                            ("Let $\\hat y$ be negative.", "\\hat y"),
                                            ("Let $w_1 < 0$.", "w_1"),
                                            ("Let $w_1$ be negative.", "w_1"),
                                            ("Let $x$ be negative.", "x")])
@pytest.mark.parametrize("sign", ["=", "\\equiv"])
def test_a_decorated_or_subscripted_letter_assumed_of_is_not_defined_after(
        tmp_path: Path, said: str, name: str, sign: str) -> None:
    page = f"# A\n\n{said}\n\nThen\n\n$${name} {sign} 3$$\n\n$$|{name}| = {name}$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert P not in verdicts and errors, (verdicts, errors)


def test_a_fact_said_before_a_definition_is_no_assumption(tmp_path: Path) -> None:
    page = ("# A\n\nThe loss $L$ is nonnegative:\n\n$$L = (y - w)^2$$\n\n"
            "$$\\frac{dL}{dw} = -2(y - w)$$\n")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P], []), (verdicts, errors)


@pytest.mark.parametrize("marker", ["<hr>", "(2) Show that"])
def test_more_layouts_of_a_next_problem(tmp_path: Path, marker: str) -> None:
    page = f"(1) Let $x$ be negative.\n\n$$|x| = -x$$\n\n{marker}\n\n$$|x| = -x$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert verdicts[-1:] != [P], (verdicts, errors)


@pytest.mark.parametrize(("said", "shown"), [("Let $\\hat y$ be positive.", "\\hat y"),
                                             ("Let $\\bar x$ be negative.", "\\bar x")])
def test_a_sign_of_a_letter_with_an_accent_and_no_braces(tmp_path: Path, said: str,
                                                          shown: str) -> None:
    """|ŷ| = ŷ was refuted at ŷ = −1 under "Let $\\hat y$ be positive." (no braces)."""
    sign = "" if "positive" in said else "-"
    page = f"# A\n\n{said}\n\n$$|{shown}| = {sign}{shown}$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P], []), (verdicts, errors)


@pytest.mark.parametrize(("name", "said"), [("u_1", "Let $u_1 > 0$."),
                                            ("u_1", "Let $u_1$ be positive."),
                                            ("\\hat{y}", "Let $\\hat{y}$ be positive.")])
def test_a_bound_on_a_defined_name_with_a_subscript_or_an_accent(
        tmp_path: Path, name: str, said: str) -> None:
    page = f"# A\n\n$${name} = x - 5$$\n\n{said}\n\n$$|x - 5| = x - 5$$\n"
    verdicts, errors, got = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P], []), (verdicts, errors)
    assert [g.shown for g in got[0].check.claim.given] == ["x - 5 > 0"]


def test_a_shape_stated_in_the_clause_before_the_display_it_introduces(tmp_path: Path) -> None:
    """"For logits $z \\in \\mathbb{R}^K$, the softmax is" was "says more of z" (the words
    "the softmax is" speak of the display after it): z was refused in every display."""
    page = ("# Softmax\n\nFor logits $z \\in \\mathbb{R}^K$, the softmax is\n\n"
            "$$p_i = \\frac{e^{z_i}}{\\sum_{j=1}^{K} e^{z_j}}$$\n\n$$\\sum_{i=1}^{K} p_i = 1$$\n\n"
            "$$\\sum_{i=1}^{K} p_i = 2$$\n")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P, R], []), (verdicts, errors)
    page = page.replace("the softmax is", "the softmax of a unit vector is said to be")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert P not in verdicts and R not in verdicts and errors, (verdicts, errors)


def test_a_given_on_the_sections_definition_in_a_block_that_starts_over(tmp_path: Path) -> None:
    """u > 0 in "## B"'s block, which declares its letters again, where "# A" defines u = x − 5:
    a letter of its own there (refuted at u = 1, x = 0); refused, with where to state it."""
    page = ("# A\n\n$$u = x - 5$$\n\n## B\n\n```derivcheck\nsymbols = { x = \"real\" }\n"
            "given = [\"u > 0\"]\n```\n\n$$|x - 5| = x - 5$$\n")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert R not in verdicts and any("u is defined in the section above" in e for e in errors), \
        (verdicts, errors)
