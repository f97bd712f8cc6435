"""Reading documents (session 40): bounds on the members of a family ("Let $u_1 > 0$." after
u_i = x_i − 5 is a bound on x_1 − 5), and a bound on x_i where a display writes x_2 (the page
may mean it of every i: a counterexample at x_2 = 1 refutes nothing)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from recheck import assert_refutations, checked_file, page_goals

from checker.results import Verdict

P, R, U = Verdict.PROVED, Verdict.REFUTED, Verdict.UNKNOWN
BLOCK = "```derivcheck\nvectors = { x = 3 }\n```\n\n"


@pytest.mark.parametrize("block", ["", BLOCK], ids=["at-the-index", "family"])
def test_a_bound_on_a_defined_member_is_on_its_value(tmp_path: Path, block: str) -> None:
    page = (f"# Problem\n\n{block}$$u_i = x_i - 5$$\n\nLet $u_1 > 0$.\n\n"
            "$$|x_1 - 5| = x_1 - 5$$\n")
    verdicts, errors, got = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P], []), (verdicts, errors)
    assert [g.shown for g in got[0].check.claim.given] == ["x_1 - 5 > 0"]


def test_a_bound_on_a_defined_member_still_refutes_what_is_false_under_it(tmp_path: Path) -> None:
    page = "# Problem\n\n$$u_i = x_i - 5$$\n\nLet $u_1 > 0$.\n\n$$|x_1 - 5| = 5 - x_1$$\n"
    verdicts, errors, got = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([R], []), (verdicts, errors)
    point = {str(k): v for k, v in got[0].result.counterexample.point}
    assert sp.Rational(point["x_1"]) > 5  # (the page's u_1 > 0 holds there)
    report, _ = checked_file(tmp_path / "doc.md")
    assert assert_refutations(report) >= 1


@pytest.mark.parametrize("said", ["Let $x_i < 0$.", "Assume $x_i < 0$."])
def test_a_bound_on_x_i_is_not_ignored_where_the_display_writes_x_2(
        tmp_path: Path, said: str) -> None:
    """It was a letter of its own beside x_2: refuted at x_2 = 1, x_i = −1."""
    page = f"# Problem\n\n{said}\n\n$$\\sqrt{{x_2^2}} = -x_2$$\n"
    verdicts, errors, got = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([U], []), (verdicts, errors)
    assert "said of every i, is said of x_2 too" in got[0].result.detail


def test_a_refutation_that_holds_of_every_member_stands(tmp_path: Path) -> None:
    page = "# Problem\n\nLet $x_i < 0$.\n\n$$|x_2| = x_2$$\n"
    verdicts, errors, got = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([R], []), (verdicts, errors)
    point = {str(k): v for k, v in got[0].result.counterexample.point}
    assert sp.Rational(point["x_2"]) < 0 and sp.Rational(point["x_i"]) < 0


@pytest.mark.parametrize("said", ["Let $x_i < 0$ for all $i$.", "Let $x_i < 0$ for every i.",
                                  "Let $x_i < 0 \\; \\forall i$.", "Assume $x_{i} < 0$ for each $i$.",
                                  "Let $x_i < 0$ (for all $i$)."])
def test_a_bound_said_of_every_index_is_a_hypothesis_on_each_member(
        tmp_path: Path, said: str) -> None:
    page = f"# Problem\n\n{said}\n\n$$\\sqrt{{x_2^2}} = -x_2$$\n"
    verdicts, errors, got = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P], []), (verdicts, errors)
    assert [g.shown for g in got[0].check.claim.given] == ["x_i < 0", "x_2 < 0"]


@pytest.mark.parametrize("said", ["Let $x_i < 0$ for all $j$.", "Let $x_i < 0$ for some $i$."])
def test_a_quantifier_over_another_index_or_some_index_is_no_bound_on_each(
        tmp_path: Path, said: str) -> None:
    page = f"# Problem\n\n{said}\n\n$$\\sqrt{{x_2^2}} = -x_2$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert verdicts != [P] and verdicts != [R], (verdicts, errors)


@pytest.mark.parametrize("said", ["Let $x_i < 0$ for all $i$.", "Let $x_i < 0$."])
def test_a_bound_on_x_i_assumed_before_reaches_a_later_member_as_a_doubt(
        tmp_path: Path, said: str) -> None:
    """Assumed for the displays after its own: x_3 = 1 with x_i = −1 refuted |x_3| = −x_3."""
    page = (f"# Problem\n\n{said}\n\n$$\\sqrt{{x_2^2}} = -x_2$$\n\nAlso\n\n$$|x_3| = -x_3$$\n\n"
            "And\n\n$$|x_3| = x_3$$\n")
    verdicts, errors, got = page_goals(tmp_path, page)
    assert verdicts[1:] == [U, R] and not errors, (verdicts, errors)
    point = {str(k): v for k, v in got[2].result.counterexample.point}
    assert sp.Rational(point["x_3"]) < 0


def test_a_bound_with_a_braced_subscript_is_read(tmp_path: Path) -> None:
    """'x_{i} < 0' was handed to the given reader as written: "not a valid expression"."""
    page = "# Problem\n\nLet $x_{i} < 0$.\n\n$$|x_{i}| = -x_i$$\n"
    verdicts, errors, got = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P], []), (verdicts, errors)
    assert [g.shown for g in got[0].check.claim.given] == ["x_i < 0"]


def test_a_bound_on_x_i_reaches_x_2_beside_x_i(tmp_path: Path) -> None:
    page = "# Problem\n\nLet $x_i < 0$.\n\n$$|x_i| + |x_2| = -x_i - x_2$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([U], []), (verdicts, errors)
    page = page.replace("Let $x_i < 0$.", "Let $x_i < 0$ for all $i$.")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P], []), (verdicts, errors)


@pytest.mark.parametrize("line", ["\\sqrt{x^2} = x = |x| \\quad (x > 0)",
                                  "\\sqrt{x^2} = x = |x| \\quad \\text{for } x > 0"])
def test_a_condition_at_a_lines_end_is_every_step_of_that_line(tmp_path: Path, line: str) -> None:
    """The first step, √(x²) = x, was refuted at x = −1 against the line's own (x > 0)."""
    verdicts, errors, _ = page_goals(tmp_path, f"# A\n\n$$\n{line}\n$$\n")
    assert (verdicts, errors) == ([P], []), (verdicts, errors)
    report, _ = checked_file(tmp_path / "doc.md")
    assert not [cr for cr in report.results if cr.result.verdict is not P], \
        [(cr.check.id, cr.result.verdict) for cr in report.results]


def test_a_condition_on_one_row_is_not_the_rows_before(tmp_path: Path) -> None:
    page = ("# A\n\n$$\n\\begin{aligned}\n\\sqrt{x^2} &= x \\\\\n&= |x| \\quad (x > 0)\n"
            "\\end{aligned}\n$$\n")
    report, errors = checked_file(_write(tmp_path, page))
    assert not errors
    steps = {cr.check.id.rsplit("#", 1)[-1]: cr.result.verdict for cr in report.results}
    assert steps["step2"] is R and steps["step3"] is P, steps
    assert assert_refutations(report) >= 1


def _write(tmp_path: Path, page: str) -> Path:
    path = tmp_path / "doc.md"
    path.write_text(page, encoding="utf-8")
    return path


@pytest.mark.parametrize("between", ["$$y + y = 2y$$", "Next:\n\n$$y + y = 2y$$",
                                     "$$\\frac{d}{dy} y^2 = 2y$$"])
def test_a_bound_said_before_a_display_of_other_letters_reaches_the_next(
        tmp_path: Path, between: str) -> None:
    """"Let $x < 0$." then a display without x: the bound was lost (refuted at x = 1)."""
    page = f"# A\n\nLet $x < 0$.\n\n{between}\n\n$$|x| = -x$$\n\n$$|x| = x$$\n"
    verdicts, errors, got = page_goals(tmp_path, page)
    assert (verdicts[1:], errors) == ([P, R], []), (verdicts, errors)
    point = {str(k): v for k, v in got[2].result.counterexample.point}
    assert sp.Rational(point["x"]) < 0


@pytest.mark.parametrize("said", ["Let $x < 0$ in part (b).", "Let $x < 0$ in the second part.",
                                  "Let $x < 0$. This is used in part (b) only.",
                                  "Let $x < 0$ in (b)."])
def test_a_bound_said_for_a_part_is_not_assumed_in_the_others(tmp_path: Path, said: str) -> None:
    """Part (a) was proved under it ("proved under what the prose assumed before")."""
    page = f"# Problem\n\n{said}\n\n## (a)\n\n$$|x| = -x$$\n\n## (b)\n\n$$|x| = -x$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert verdicts[0] is not P and verdicts[0] is not R and not errors, (verdicts, errors)


@pytest.mark.parametrize("said", ["Let $x_j > 5$ for all $j$.", "Let $x_j > 5$."])
def test_a_bound_on_x_j_beside_a_vector_of_symbolic_length_refutes_nothing(
        tmp_path: Path, said: str) -> None:
    """Refuted at n = 1 with x[1] = 0 and x_j = 6: the page's bound broken at its entry."""
    page = f"# A\n\n{said}\n\n$$\\sum_{{j=1}}^{{n}} |x_j - 5| = \\sum_{{j=1}}^{{n}} (x_j - 5)$$\n"
    verdicts, errors, got = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([U], []), (verdicts, errors)
    assert "is said of the entries of x too" in got[0].result.detail


@pytest.mark.parametrize("block", ['symbols = { beta = "positive" }', 'given = ["beta > 0"]'])
def test_a_bound_the_declarations_say_already_is_no_unread_prose(tmp_path: Path, block: str) -> None:
    """'$\\beta > 0$ is a sharpness parameter' beside beta declared positive: an input error
    ("beta would be free to take any value"), or, with the given, a wrong step left unknown
    although its counterexample (β = 2) satisfies the declaration."""
    page = (f"# Q\n\n```derivcheck\n{block}\n```\n\nThroughout, $\\beta > 0$ is a sharpness "
            "parameter.\n\n## (a)\n\n$$\\frac{d}{dx} \\frac{1}{\\beta}\\log(1 + e^{\\beta x}) = "
            "\\beta \\sigma(\\beta x)$$\n\n$$\\sqrt{\\beta^2} = \\beta$$\n")
    verdicts, errors, got = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([R, P], []), (verdicts, errors)
    point = {str(k): v for k, v in got[0].result.counterexample.point}
    assert sp.Rational(point["beta"]) > 0



def test_a_cancelled_pair_is_corrected_without_a_factor_1_put_in(tmp_path: Path) -> None:
    """d/√d = 1: "did you mean \\frac{1 d}{\\sqrt{d}}"."""
    page = "# A\n\n```derivcheck\nsymbols = { d = \"positive\" }\n```\n\n$$\\frac{d}{\\sqrt{d}} = 1$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([R], []), (verdicts, errors)
    report, _ = checked_file(tmp_path / "doc.md")
    found = [cr.result.diagnosis for cr in report.results if cr.result.diagnosis is not None]
    assert found and all("1 d" not in d.corrected for d in found), found


KL = ("Let $p, q \\in (0,1)$. For $P = \\mathrm{Bern}(p)$ and $Q = \\mathrm{Bern}(q)$,\n\n"
      "$$D(p, q) = p \\log\\frac{p}{q} + (1-p)\\log\\frac{1-p}{1-q}$$\n\n"
      "Differentiating with respect to $q$:\n\n"
      "$$\\frac{\\partial D}{\\partial q} = -\\frac{p}{q} + \\frac{1-p}{1-q} "
      "= \\frac{q - p}{q(1-q)}$$\n\n"
      "So the minimum over $q$ is at $q = p$.\n")


def test_a_named_distribution_binds_no_letter_and_a_consequence_is_no_condition(
        tmp_path: Path) -> None:
    """P = \\mathrm{Bern}(p) made p bound by the prose (every later display using p refused);
    p, q ∈ (0, 1) before D's definition refused it; "So the minimum over $q$ is at $q = p$."
    after the derivative was read as its condition (refused)."""
    verdicts, errors, _ = page_goals(tmp_path, "# KL\n\n" + KL)
    assert (verdicts, errors) == ([P], []), (verdicts, errors)
    wrong = KL.replace("= \\frac{q - p}{q(1-q)}", "= \\frac{p - q}{q(1-q)}")
    verdicts, errors, _ = page_goals(tmp_path, "# KL\n\n" + wrong)
    assert (verdicts, errors) == ([R], []), (verdicts, errors)


@pytest.mark.parametrize("said", ["Let $x \\in (0, 1)$.", "Let $x\\in(0,1)$.",
                                  "Let $x \\in [0, 1]$."])
def test_a_letter_in_an_interval_is_bounded_by_it(tmp_path: Path, said: str) -> None:
    """It was refused ("x would be free to take any value")."""
    page = (f"# A\n\n{said}\n\n$$\\sqrt{{x^2}} = x$$\n\nAlso\n\n$$|x - 1| = 1 - x$$\n\nBut\n\n"
            "$$|x - 1| = x - 1$$\n")
    verdicts, errors, got = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P, P, R], []), (verdicts, errors)
    point = {str(k): v for k, v in got[2].result.counterexample.point}
    assert 0 <= sp.Rational(point["x"]) <= 1


def test_a_line_compared_with_itself_is_proved_whatever_the_prose_leaves_unread(
        tmp_path: Path) -> None:
    """"first step == goal lhs: unknown (ambiguous reading)" beside an unread bound."""
    page = ("# A\n\nLet $\\hat{y}_k > 0$ for all $k$.\n\n"
            "$$\\sum_{k=1}^{n} |\\hat{y}_k| = \\sum_{k=1}^{n} \\hat{y}_k$$\n")
    report, errors = checked_file(_write(tmp_path, page))
    assert not errors, errors
    ends = [cr.result.verdict for cr in report.results if cr.check.kind.name in ("START", "END")]
    goal = [cr.result.verdict for cr in report.results if cr.check.kind.name == "GOAL"]
    assert ends == [P, P] and goal == [U], (ends, goal)


def test_a_bound_on_a_member_assumed_before_is_on_its_value_in_a_counterexample(
        tmp_path: Path) -> None:
    """Refuted at i = 1 with "u_1 = 1, x_1 = 0": the page's u_1 > 0 broken, a value of its own
    given to the defined u_1."""
    page = (f"# A\n\n{BLOCK}$$u_i = x_i - 5$$\n\nLet $u_1 > 0$.\n\n$$|x_1 - 5| = x_1 - 5$$\n\n"
            "Next:\n\n$$|u_i| = u_i$$\n")
    verdicts, errors, got = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P, R], []), (verdicts, errors)
    point = {str(k): v for k, v in got[1].result.counterexample.point}
    assert "u_1" not in point and sp.Rational(point.get("x_1", 6)) > 5, point


@pytest.mark.parametrize("said", ["Let $x_i > 0$ for all $i \\in \\{1, 3\\}$.",
                                  "Let $x_i > 0$ for all i > 2.", "Let $x_i > 0$ for each i ≠ 2.",
                                  "Let $x_i > 0$ for all i in {1, 3}.",
                                  "Let $x_i > 0$ for all i but the second.",
                                  "Let $x_i > 0$. Moreover, $|x_i| < 10$ for all $i$."])
def test_a_quantifier_over_some_indices_or_another_bound_is_no_bound_on_every_member(
        tmp_path: Path, said: str) -> None:
    """Each was read as x_2 > 0 and √(x_2²) = x_2 proved, where the page excludes x_2."""
    verdicts, errors, _ = page_goals(tmp_path, f"# A\n\n{said}\n\n$$\\sqrt{{x_2^2}} = x_2$$\n")
    assert P not in verdicts and R not in verdicts, (verdicts, errors)


def test_a_bound_of_two_letters_at_one_index_is_made_at_each_member_for_both(
        tmp_path: Path) -> None:
    """x_i < y_i for all i gave x_2 < y_i (never stated): |y_i − x_2| = y_i − x_2 proved."""
    page = "# A\n\nLet $x_i < y_i$ for all $i$.\n\n$$|y_i - x_2| = y_i - x_2$$\n"
    verdicts, errors, got = page_goals(tmp_path, page)
    assert P not in verdicts, (verdicts, errors)
    page = "# A\n\nLet $x_i < y_i$ for all $i$.\n\n$$|y_2 - x_2| = y_2 - x_2$$\n"
    verdicts, errors, got = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P], []), (verdicts, errors)
    assert [g.shown for g in got[0].check.claim.given] == ["x_i < y_i", "x_2 < y_2"]


@pytest.mark.parametrize("said", ["Let $u_i > 0$ for all $i$.", "Let $u_i > 0$."])
def test_a_bound_on_a_family_reaches_its_members_values(tmp_path: Path, said: str) -> None:
    """Refuted at x_2 = 0, where the page's u_2 = x_2 − 5 > 0 fails."""
    page = f"# A\n\n$$u_i = x_i - 5$$\n\n{said}\n\n$$|x_2 - 5| = x_2 - 5$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert R not in verdicts and not errors, (verdicts, errors)


def test_a_one_step_chain_decides_its_claim_once_and_its_start_at_once(tmp_path: Path) -> None:
    """A one-step display's goal and step are one claim (a TA's logistic-regression gradient
    took 10 s twice); its first line against the goal's is one expression (2–5 s each)."""
    page = ("# A\n\nLet $\\lambda > 0$.\n\n$$\\frac{d}{dw} \\left(\\log(1 + e^{w}) + "
            "\\frac{\\lambda}{2} w^2\\right) = \\sigma(w) + \\lambda w$$\n")
    report, errors = checked_file(_write(tmp_path, page))
    assert not errors, errors
    by = {cr.check.kind.name + str(cr.check.step or ""): cr.result for cr in report.results}
    assert by["GOAL"].verdict is P and by["STEP2"].verdict is P, by
    assert by["STEP2"].elapsed == 0.0 and by["START"].detail == "the two sides are one expression"


def test_a_line_against_itself_keeps_the_goals_vacuity_and_undefinedness(tmp_path: Path) -> None:
    """The fast A = A must not hide that the hypotheses cannot hold, nor that a side is
    undefined wherever they do (a proof only holds where its sides are defined)."""
    page = "# V\n\nLet $x > 0$ and $x < -1$.\n\n$$|x| = |x|$$\n"
    report, errors = checked_file(_write(tmp_path, page))
    assert not errors and report.results
    assert all(cr.result.verdict is P and cr.result.vacuous for cr in report.results), \
        [(cr.check.id, cr.result.verdict, cr.result.vacuous) for cr in report.results]
    report, errors = checked_file(_write(tmp_path, "# U\n\n$$\\log(-1 - x^2) = \\log(-1 - x^2)$$\n"))
    assert [cr.result.verdict for cr in report.results] == [Verdict.ERROR] * 4, \
        [(cr.check.id, cr.result.verdict) for cr in report.results]


def test_rows_whose_conditions_hold_together_go_on_under_all_of_them(tmp_path: Path) -> None:
    """|x| + |y| &= x + |y| (x > 0) ⏎ &= |x| + y (y > 0): the second row was refuted at
    x = −1, y = 1, where the row before it does not hold (the README: "each under the
    conditions before it"); a row with no condition after one with a condition is a doubt."""
    rows = ("# F\n\n$$\n\\begin{aligned}\n|x| + |y| &= x + |y| \\quad (x > 0) \\\\\n"
            "&= |x| + LAST\n\\end{aligned}\n$$\n")
    report, errors = checked_file(_write(tmp_path, rows.replace("LAST", "y \\quad (y > 0)")))
    steps = [cr.result.verdict for cr in report.results if cr.check.kind.name == "STEP"]
    assert not errors and steps == [P, P], steps
    report, errors = checked_file(_write(tmp_path, rows.replace("LAST", "|y|")))
    steps = [cr.result.verdict for cr in report.results if cr.check.kind.name == "STEP"]
    assert not errors and steps == [P, U], steps
    report, errors = checked_file(_write(tmp_path, rows.replace("LAST", "|y| + 1")))
    steps = [cr.result.verdict for cr in report.results if cr.check.kind.name == "STEP"]
    assert not errors and steps == [P, R], steps  # (false under x > 0 too: refuted)
    assert assert_refutations(report) >= 1


@pytest.mark.parametrize("line", ["\\tan(\\pi/2) = 1 + \\tan(\\pi/2)", "\\tan(\\pi/2) = -\\tan(\\pi/2)",
                                  "\\frac{1}{0} = 2 + \\frac{1}{0}"])
def test_a_side_undefined_as_written_is_no_proof(tmp_path: Path, line: str) -> None:
    """SymPy reads tan(π/2) and 1/0 as complex infinity, equal to itself plus one: proved."""
    verdicts, _, _ = page_goals(tmp_path, f"# A\n\n$${line}$$\n")
    assert verdicts in ([Verdict.ERROR], []), verdicts


@pytest.mark.parametrize("said", ["Let $P = \\mathrm{Bern}(p)$.", "Let $X \\sim \\mathrm{Bern}(p)$.",
                                  "The model is $P = \\mathcal{N}(\\mu, p)$."])
def test_a_named_laws_parameter_is_not_free_to_be_anything(tmp_path: Path, said: str) -> None:
    """|p| = p was refuted at p = −1, where the page's law (a probability, a variance) cannot
    be."""
    verdicts, errors, got = page_goals(tmp_path, f"# A\n\n{said}\n\n$$|p| = p$$\n")
    assert (verdicts, errors) == ([U], []), (verdicts, errors)
    assert "whose parameters it may limit" in got[0].result.detail or "a law" in got[0].result.detail


@pytest.mark.parametrize("said", ["Let $x \\in \\mathbb{R} \\setminus \\{0\\}$.",
                                  "Let $x \\in \\mathbb{R} - (0, 1)$.",
                                  "Let $x \\in \\mathbb{R} \\setminus [0, 5]$."])
def test_the_reals_less_a_set_is_no_type_but_a_condition(tmp_path: Path, said: str) -> None:
    """Read as x ∈ ℝ: |x| > 0 was refuted at x = 0, which the page excludes."""
    verdicts, errors, _ = page_goals(tmp_path, f"# A\n\n{said} Then\n\n$$|x| > 0$$\n")
    assert R not in verdicts, (verdicts, errors)


@pytest.mark.parametrize("line", ["x_i - x_j = 0 \\quad (i = j)", "x_i - x_1 = 0 \\quad (i = 1)",
                                  "a_{ij} - a_{ji} = 0 \\quad (i = j)"])
def test_an_index_case_makes_two_written_entries_one(tmp_path: Path, line: str) -> None:
    """Refuted at x_i = 0, x_j = 1 with i = j: one entry given two values."""
    verdicts, errors, _ = page_goals(tmp_path, f"# A\n\n$${line}$$\n")
    assert R not in verdicts and not errors, (verdicts, errors)


def test_an_index_case_still_refutes_what_is_false_for_the_one_entry(tmp_path: Path) -> None:
    verdicts, errors, got = page_goals(tmp_path, "# A\n\n$$x_i + x_j = 3 x_i \\quad (i = j)$$\n")
    assert (verdicts, errors) == ([R], []), (verdicts, errors)
    point = {str(k): v for k, v in got[0].result.counterexample.point}
    assert point.get("x_i") == point.get("x_j"), point


def test_a_declared_laws_parameter_is_bounded_where_the_display_writes_no_variable(
        tmp_path: Path) -> None:
    """|p| = p was refuted at p = −1 beside random = { X = "Bernoulli(p)" }."""
    page = ('# A\n\n```derivcheck\nrandom = { X = "Bernoulli(p)" }\n```\n\n$$|p| = p$$\n\n'
            "$$\\sqrt{p^2 (1-p)^2} = p (1 - p)$$\n\n$$|p - 1| = p - 1$$\n")
    verdicts, errors, got = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P, P, R], []), (verdicts, errors)
    point = {str(k): v for k, v in got[2].result.counterexample.point}
    assert 0 <= sp.Rational(point["p"]) < 1


def test_a_case_on_a_size_beside_a_display_of_numbers_only_is_no_refusal(tmp_path: Path) -> None:
    """"If $K = 2$ and $T = 1$:" before e^a/(e^a + e^b) = σ(a − b) was refused as a case on
    every array's size, and every rewording the message advised was refused too."""
    page = ('# A\n\n```derivcheck\ndims = { K = "positive integer" }\nvectors = { z = "K" }\n'
            'symbols = { T = "positive" }\n```\n\nIf $K = 2$ and $T = 1$: the softmax reduces to\n\n'
            "$$\\frac{e^{a}}{e^{a} + e^{b}} = \\sigma(a - b)$$\n\nand a wrong one:\n\n"
            "$$\\frac{e^{a}}{e^{a} + e^{b}} = \\sigma(b - a)$$\n")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P, R], []), (verdicts, errors)


@pytest.mark.parametrize("said", ["Let $x_i > 0$ for some i.", "Let $x_i > 0$ for some $i$.",
                                  "Let $x_i > 0$ for at least one i."])
def test_a_bound_of_some_index_is_not_the_written_ones(tmp_path: Path, said: str) -> None:
    """√(x_i²) = x_i was proved under x_i > 0 "for some i" (the i written is any)."""
    verdicts, errors, _ = page_goals(tmp_path, f"# A\n\n{said}\n\n$$\\sqrt{{x_i^2}} = x_i$$\n")
    assert P not in verdicts and R not in verdicts, (verdicts, errors)


def test_a_derivative_worked_out_is_no_premise_of_a_later_implication(tmp_path: Path) -> None:
    """The wrong derivative was unknown, "the implication line after it may have it as its
    premise", though that line writes its own."""
    page = ('# T\n\n```derivcheck\nsymbols = { a = "real", b = "real", x = "real" }\n```\n\n'
            "A slip:\n\n$$\\frac{d}{dx} (a x^2 - b x) = a x - b$$\n\nThen\n\n"
            "$$2 a x - b = 0 \\implies x = \\frac{b}{2a}$$\n")
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert verdicts[:1] == [R] and not errors, (verdicts, errors)
    report, _ = checked_file(tmp_path / "doc.md")
    assert assert_refutations(report) >= 1
