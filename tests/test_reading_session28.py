"""Reading documents (session 28): what a new user's homework showed besides the inequalities
themselves (tests/test_inequalities.py)."""

from __future__ import annotations

from pathlib import Path

from recheck import checked_file

from checker.results import Method, Verdict


def run(tmp_path: Path, text: str) -> tuple[dict[str, list], list]:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    report, errors = checked_file(path)  # (every counterexample re-checked)
    return {o.id.rsplit("::L", 1)[1]: [c.result for c in o.checks if c.check.step]
            for o in report.outcomes}, errors


def test_a_display_that_goes_on_is_checked_under_the_words_of_the_one_before(
        tmp_path: Path) -> None:
    """"With $\\lambda > 0$ we get" A ≤ B, then $$\\le C$$ (or $$= C$$): C is compared under
    the same words; it was refuted at λ = −1 (true for λ > 0)."""
    for rel in ("\\le", "="):
        second = "\\lambda (w^2 + v^2)" if rel == "\\le" else "|\\lambda| w v"
        by, errors = run(tmp_path, "# W\n\nWith $\\lambda > 0$ we get\n\n$$\\lambda w v \\le "
                                   f"\\lambda w v$$\n\n$${rel} {second}$$\n")
        assert errors == []
        assert [r.verdict for r in by["7"]] == [Verdict.UNKNOWN], rel
        assert by["7"][0].method is Method.AMBIGUOUS


def test_a_constraint_display_is_a_condition_for_the_displays_after_it(tmp_path: Path) -> None:
    """"subject to $$0 < \\eta < 2/c$$": no claim, and a display that uses η after it is not
    checked without it (it was refuted at η = −1)."""
    by, errors = run(tmp_path, "# Step\n\nThe iteration contracts subject to\n\n"
                               "$$0 < \\eta < \\frac{2}{c}.$$\n\nUnder this condition:\n\n"
                               "$$\\begin{aligned} \\frac{c}{2}(1 - \\eta c)^2 - \\frac{c}{2} &= "
                               "\\frac{c}{2}\\eta c (\\eta c - 2) \\\\ &\\le 0 \\end{aligned}$$\n")
    assert "5" not in by and "9" not in by
    assert len(errors) == 1 and errors[0].line == 9
    message = errors[0].message
    assert "0 < \\eta < \\frac{2}{c}" in message and "several steps" in message


def test_a_two_sided_condition_after_quad(tmp_path: Path) -> None:
    by, errors = run(tmp_path, "# T\n\n$$|x| = x \\quad (0 < x < 1)$$\n\n"
                               "$$|x - 1| = 1 - x \\quad \\text{for } 0 < x < 1$$\n\n"
                               "$$|x - 2| = x - 2 \\quad (0 < x < 1)$$\n")
    assert errors == []
    assert [r.verdict for r in by["3"]] == [Verdict.PROVED]
    assert [r.verdict for r in by["5"]] == [Verdict.PROVED]
    assert [r.verdict for r in by["7"]] == [Verdict.REFUTED]  # (its point has 0 < x < 1)


def test_values_listed_after_one_cue_word_all_bind(tmp_path: Path) -> None:
    """"Take $x = 1$, $w = 0.5$." binds w as well as x for the displays after (only x did:
    a later update line with w was refuted at w = 0)."""
    by, errors = run(tmp_path, "# U\n\nTake $x = 1$, $w = 0.5$. The gradient is $-0.375$.\n\n"
                               "$$h = \\sigma(0) = 0.5$$\n\nUpdate with $\\eta = 0.1$:\n\n"
                               "$$w - 0.1 \\cdot (-0.375) = 0.5375$$\n")
    assert "9" not in by
    assert any(e.line == 9 and "w = 0.5" in e.message for e in errors)


def test_am_gm_through_roots(tmp_path: Path) -> None:
    by, errors = run(tmp_path, "```derivcheck\nsymbols = { a = \"positive\", b = \"positive\" }\n"
                               "```\n\nSo\n\n$$\\frac{a+b}{2} \\ge \\sqrt{ab}$$\n\nbut\n\n"
                               "$$\\frac{a+b}{2} \\le \\sqrt{ab}$$\n")
    assert errors == []
    assert by["7"][0].verdict is Verdict.PROVED and by["7"][0].method is Method.SIGNS
    assert by["11"][0].verdict is Verdict.UNKNOWN  # no word calls it a result: it may be
    # a condition; false as a result (a = 1, b = 4)
    assert "as a result this inequality is false" in by["11"][0].detail


# -- an adversary's round on the inequalities -----------------------------------------------

def test_conditions_side_by_side_are_no_chain(tmp_path: Path) -> None:
    """(x > 2 \\quad y > 0) is two conditions (it was read x > 2y > 0, and x − 2y > 0 proved);
    x > 0 \\; y > 0 cannot be told from x > 0·y > 0: refused."""
    by, errors = run(tmp_path, "# C\n\nThen\n\n$$x - 2y > 0 \\quad (x > 2 \\quad y > 0)$$\n\n"
                               "$$x + y > 0 \\quad (x > 0 \\; y > 0)$$\n")
    assert [r.verdict for r in by["5"]] == [Verdict.REFUTED]
    assert any(e.line == 7 and "two conditions side by side" in e.message for e in errors)


def test_conditions_joined_by_or_are_refused(tmp_path: Path) -> None:
    by, errors = run(tmp_path, "# C\n\nThen\n\n$$x + y > 0 \\quad \\text{if } x > 0 \\text{ or } "
                               "y > 0$$\n")
    assert not any(r.verdict is Verdict.PROVED for rs in by.values() for r in rs)
    assert any("joins its conditions with 'or'" in e.message for e in errors)


def test_remarks_that_make_a_line_no_claim(tmp_path: Path) -> None:
    for remark in ("\\text{(assumption)}", "\\text{for some } y", "\\text{almost everywhere}"):
        by, errors = run(tmp_path, f"# C\n\nThen\n\n$$x^2 + y \\ge 2x \\quad {remark}$$\n")
        assert not any(r.verdict is Verdict.REFUTED for rs in by.values() for r in rs), remark
        assert any("says the line is an assumption" in e.message for e in errors), remark


def test_prose_that_makes_an_inequality_a_condition(tmp_path: Path) -> None:
    """A condition word anywhere in the sentence before (or a set described) outweighs a
    result word; "With λ > 0 we get" is a result."""
    for prose in ("We assume the following bound on the gradient:", "Hence the feasible region "
                  "is", "We get the unit disk", "Note that it is not the case that",
                  "Hence, for some $y$,", "The bound is valid as long as we have"):
        by, _ = run(tmp_path, f"# C\n\n{prose}\n\n$$x^2 + y^2 \\le 1$$\n")
        assert not any(r.verdict is Verdict.REFUTED for rs in by.values() for r in rs), prose
    by, _ = run(tmp_path, "# C\n\nWith $x > 0$ we get\n\n$$x^2 + y^2 \\le 1$$\n")
    assert by["5"][0].verdict is Verdict.UNKNOWN  # a result, refuted without its words


def test_a_constraint_is_no_identity(tmp_path: Path) -> None:
    for cue in ("subject to", "such that"):
        by, errors = run(tmp_path, f"# C\n\nWe minimize $f$ {cue}\n\n$$x^2 + y^2 = "
                                   "(x + y)^2 - 2xy \\le 1$$\n")
        assert by == {} and "is no identity to check" in errors[0].message, cue


def test_a_proof_under_hypotheses_no_point_meets_is_not_plain() -> None:
    import sympy as sp

    from checker.engine import check_claim
    from checker.model import Claim, Condition

    x = sp.Symbol("x", real=True)
    claim = Claim(sp.exp(x) * (sp.sin(x) - 2), 0, (Condition(sp.StrictGreaterThan(sp.sin(x), 2)),),
                  relation=">")
    result = check_claim(claim)
    assert result.verdict is not Verdict.PROVED or result.vacuous


def test_values_that_are_not_real_are_errors_not_crashes(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('format = 1\n[[derivation]]\nid = "a"\nclaim = "min((-1)**(2/3), x) <= 1"\n'
                    '[[derivation]]\nid = "b"\nclaim = "abs(log(-1 - y**2)) >= 0"\n',
                    encoding="utf-8")
    report, errors = checked_file(path)
    assert any("not a real number" in e.message for e in errors)
    results = [c.result for o in report.outcomes for c in o.checks]
    assert results and all(r.verdict is Verdict.ERROR and "internal" not in r.method.value
                           for r in results)


# -- a second adversary's round: decimals, prose, roots, chains -----------------------------

def test_the_root_of_a_square_is_no_power_of_the_same_root() -> None:
    """√((log x)²) is |log x|, not log x: (u²)^(1/2) was flattened to u when SymPy could not
    tell u real, and √x·√((log x)²) = √x·log x proved (false at x = 1/2)."""
    import sympy as sp

    from checker.engine import check_claim
    from checker.model import Claim

    x = sp.Symbol("x", real=True)
    for lhs, rhs, rel in ((sp.sqrt(x) * sp.sqrt(sp.log(x) ** 2), sp.sqrt(x) * sp.log(x), "="),
                          (sp.sqrt(x) + sp.sqrt(sp.log(x) ** 2), sp.sqrt(x) + sp.log(x), "<="),
                          (sp.sqrt(x) + (sp.log(x) ** 2) ** sp.Rational(3, 2),
                           sp.sqrt(x) + sp.log(x) ** 3, "=")):
        assert check_claim(Claim(lhs, rhs, relation=rel)).verdict is Verdict.REFUTED


def test_the_places_of_an_approximation_are_the_rounded_sides(tmp_path: Path) -> None:
    by, errors = run(tmp_path, "$$3.14159 \\approx 3.14$$\n\n$$0.125 = \\frac{1}{8} \\approx 0.13$$"
                               "\n\n$$0.34 \\approx \\frac{1}{3}$$\n\n$$\\frac13 \\approx 0.33 "
                               "\\approx 0.4$$\n")
    assert errors == []
    assert [r.verdict for r in by["1"]] == [Verdict.PROVED]
    assert [r.verdict for r in by["3"]] == [Verdict.PROVED, Verdict.PROVED]
    assert [r.verdict for r in by["5"]] == [Verdict.REFUTED]  # 1/3 is 0.33, not 0.34
    assert [r.verdict for r in by["7"]] == [Verdict.PROVED, Verdict.REFUTED]


def test_a_negated_relation_in_a_chain_is_refused(tmp_path: Path) -> None:
    """x² + 2x + 1 = (x + 1)² \\not= x² + 1: read without \\not, its goal x² + 2x + 1 = x² + 1
    was refuted though the author's line is true."""
    for rel in ("\\not=", "\\nleq", "\\not\\le"):
        by, errors = run(tmp_path, f"$$x^2 + 2x + 1 = (x+1)^2 {rel} x^2 + 1$$\n")
        assert by == {} and "negated relation" in errors[0].message, rel


def test_prose_that_denies_or_asks_is_no_result(tmp_path: Path) -> None:
    for prose in ("Hence we cannot conclude", "We disprove the bound", "A counterexample shows "
                  "the bound", "The following bound fails:", "Hence, does the following hold?",
                  "For a contradiction, we get"):
        by, _ = run(tmp_path, f"{prose}\n\n$$x^2 \\le x$$\n")
        assert not any(r.verdict is Verdict.REFUTED for rs in by.values() for r in rs), prose
    by, _ = run(tmp_path, "Hence, for all $x$,\n\n$$x^2 \\le x$$\n")
    assert by["3"][0].verdict is Verdict.REFUTED  # "Hence" first: a result


def test_an_assumption_that_goes_on_from_a_display(tmp_path: Path) -> None:
    by, errors = run(tmp_path, "# B\n\nBy the triangle inequality,\n\n$$x^2 \\le x^2 + y^2$$\n\n"
                               "and we assume that\n\n$$\\le 1$$\n")
    assert [r.verdict for r in by["5"]] == [Verdict.PROVED] and "9" not in by
    assert any(e.line == 9 and "makes an assumption or a condition" in e.message for e in errors)


def test_an_inequality_with_rounded_decimals_inside_is_not_refuted(tmp_path: Path) -> None:
    by, _ = run(tmp_path, "So\n\n$$\\frac{1}{1.6487} \\le 0.606535$$\n")
    assert by["3"][0].verdict is Verdict.UNKNOWN and by["3"][0].method is Method.AMBIGUOUS


def test_a_definition_that_a_bound_follows(tmp_path: Path) -> None:
    """L(w) = (w − 1)² \\ge 1 defines L as (w − 1)² (it was defined as the comparison, and
    L(3) = 4 was refused) and states a bound, checked as one."""
    by, errors = run(tmp_path, "Hence with\n\n$$L(w) = (w - 1)^2 \\ge 0$$\n\nwe get\n\n"
                               "$$L(3) = 4$$\n")
    assert errors == []
    assert [r.verdict for r in by["3"]] == [Verdict.PROVED]
    assert [r.verdict for r in by["7"]] == [Verdict.PROVED]


def test_an_approximation_of_an_expression_with_a_decimal_coefficient_is_skipped(
        tmp_path: Path) -> None:
    """GELU(x) ≈ 0.5x(1 + tanh(…)): the 0.5 is a coefficient, not the value ≈ gives: nothing
    to check (it was read as a number against 0.5 and refused)."""
    by, errors = run(tmp_path, "$$\\text{GELU}(x) \\approx 0.5x \\left(1 + \\tanh\\left("
                               "\\sqrt{\\frac{2}{\\pi}} (x + 0.044715x^3) \\right)\\right)$$\n")
    assert by == {} and errors == []


def test_a_bound_a_sentence_assumes_holds_for_the_later_displays_too(tmp_path: Path) -> None:
    """"Let $u > 0$ and $v > 0$." then three displays: the later two were refuted at u = 0 and
    u = −1, outside what the sentence assumes; now unknown, and a proof without it stands."""
    by, errors = run(tmp_path, "# T\n\nLet $u > 0$ and $v > 0$. Then\n\n$$u + v > 0$$\n\n"
                               "Hence\n\n$$u v > 0$$\n\nHence\n\n$$\\frac{u}{v} + \\frac{v}{u} "
                               "\\ge 2$$\n\nAlso\n\n$$(u + v)^2 \\ge 4 u v$$\n")
    assert errors == []
    for line in ("5", "9", "13"):  # (session 37: the sentence read whole, u > 0 and v > 0,
        assert [r.verdict for r in by[line]] == [Verdict.PROVED], line  # the case of each)
    assert [r.verdict for r in by["17"]] == [Verdict.PROVED]  # (u − v)² ≥ 0 for every u, v
