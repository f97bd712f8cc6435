"""A case the prose states as an inequality right before a display ("For $x < 0$:", "If
$r > c$:", "When $x \\geq 1$, we have"): the display's hypothesis, shown with its verdict, so
each piece of a piecewise function is checked on its own side. A condition in an earlier
sentence that cannot hold together with that case ("For $x > 0$ the derivative is just 1.")
is another case, not a hypothesis of this display. A case that cannot be read is refused,
never dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.results import Verdict
from tests.recheck import document_verdicts

P, R, U = Verdict.PROVED, Verdict.REFUTED, Verdict.UNKNOWN

HEAD = ('```derivcheck\nsymbols = { x = "real", alpha = "positive", c = "positive" }\n```\n\n'
        '$$f(x) = \\begin{cases} x & x > 0 \\\\ \\alpha (e^x - 1) & x \\le 0 \\end{cases}$$\n\n')


@pytest.mark.parametrize(("prose", "display", "want"), [
    ("For $x > 0$ the derivative is just 1. For $x < 0$:",
     r"\frac{d}{dx} f(x) = \alpha e^x = f(x) + \alpha", [P, P]),
    ("For $x > 0$ the derivative is just 1. For $x < 0$:",
     r"\frac{d}{dx} f(x) = \alpha e^x = f(x) - \alpha", [P, R]),  # the slip on its own side
    ("If $x > 0$:", r"\frac{d}{dx} f(x) = 1", [P]),
    ("If $x > 0$:", r"\frac{d}{dx} f(x) = 0", [R]),
    ("When $x \\geq 1$, we have", r"f(x) - 1 = x - 1", [P]),
    ("If $x \\le -1$:", r"f(x) = \alpha(e^x - 1)", [P]),
    ("If $x > c$:", r"f(x) = x", [P]),  # c > 0 declared: x > c > 0
    ("If $\\alpha = 2$:", r"\frac{d}{dx} \alpha x = 2", [P]),
])
def test_a_case_stated_as_an_inequality_is_the_displays_hypothesis(
        tmp_path: Path, prose: str, display: str, want: list[Verdict]) -> None:
    got, errors = document_verdicts(tmp_path / "elu.md", HEAD + f"{prose}\n\n$${display}$$\n")
    assert errors == [] and got[-1] == want, (got, errors)


def _first_counterexample(tmp_path: Path, text: str) -> dict:
    """The first refutation's point of HEAD + ``text`` (counterexamples re-checked against
    the given)."""
    from tests.recheck import checked_file

    path = tmp_path / "elu.md"
    path.write_text(HEAD + text, encoding="utf-8")
    report, errors = checked_file(path)
    cex = [c.result.counterexample for o in report.outcomes for c in o.checks
           if c.result.verdict is R]
    assert errors == [] and cex, (report, errors)
    return {str(s): v for s, v in cex[0].point}


def test_the_counterexample_satisfies_the_case(tmp_path: Path) -> None:
    """Refuted on the case's side: without the case, x = 1 (where f(x) = x) would do."""
    assert _first_counterexample(tmp_path, "If $x < 0$:\n\n$$f(x) = \\alpha e^x$$\n")["x"] < 0


@pytest.mark.parametrize(("prose", "want"), [
    ("If $x > \\ell$:", Verdict.UNKNOWN),  # not a letter's case: checked without it, unknown
    # compatible, both stated: both read (session 37: the assumption was refused)
    ("Assume $x > 1$. For $x > 0$:", Verdict.PROVED),
])
def test_a_case_that_is_not_read_is_refused(tmp_path: Path, prose: str, want: Verdict) -> None:
    got, errors = document_verdicts(tmp_path / "elu.md",
                                    HEAD + f"{prose}\n\n$$y f(x) = y x$$\n")
    assert errors == [] and got == [[want]], (got, errors)


def test_a_case_on_a_letter_nothing_declares(tmp_path: Path) -> None:
    """y is declared nowhere: a letter of the page's own (a real number), whose case is read
    as a declared symbol's is; refuted where the case holds."""
    assert _first_counterexample(tmp_path, "If $y > 0$:\n\n$$y f(x) = y x$$\n")["y"] > 0


HUBER = ('```derivcheck\nsymbols = { r = "real", d = "positive" }\nlatex = { "\\\\delta" = "d" }\n'
         '```\n\n$$L(r) = \\begin{cases} \\frac{1}{2} r^2 & |r| \\le \\delta \\\\ '
         '\\delta (|r| - \\frac{1}{2}\\delta) & \\text{otherwise} \\end{cases}$$\n\n')


@pytest.mark.parametrize(("prose", "display", "want"), [
    ("If $r > \\delta$:", r"\frac{d}{dr} L(r) = \delta", [P]),
    ("If $r < -\\delta$:", r"\frac{d}{dr} L(r) = -\delta", [P]),
    ("If $r < -\\delta$:", r"\frac{d}{dr} L(r) = \delta", [R]),  # Huber's sign slip
])
def test_a_case_on_a_mapped_greek_letter(tmp_path: Path, prose: str, display: str,
                                         want: list[Verdict]) -> None:
    """Huber's δ cannot be declared (δ is Kronecker's): mapped to a declared d, the case
    r > δ is r > d, and r < −δ is r < −d."""
    got, errors = document_verdicts(tmp_path / "huber.md", HUBER + f"{prose}\n\n$${display}$$\n")
    assert errors == [] and got[-1] == want, (got, errors)


def test_positive_semi_definite_is_not_a_sign(tmp_path: Path) -> None:
    """"X^T X is positive semi-definite" was read as a condition X > 0 on a matrix, and the
    display refused with "declare X positive"."""
    text = ('```derivcheck\ndims = { n = "positive integer", d = "positive integer" }\n'
            'matrices = { X = ["n", "d"] }\nvectors = { w = "d", y = "n" }\n```\n\n'
            'Since $X^\\top X$ is positive semi-definite, the gradient is\n\n'
            '$$\\nabla_w \\|Xw - y\\|^2 = 2 X^\\top (X w - y)$$\n')
    got, errors = document_verdicts(tmp_path / "ridge.md", text)
    assert errors == [] and got == [[P]], (got, errors)


def test_hinge_cases_on_one_sum_at_a_symbolic_size_read_as_one_quantity(tmp_path: Path) -> None:
    """The hinge loss's cases on y wᵀx at a symbolic d were refused as "about different
    quantities" (each reading named the sum's index afresh)."""
    text = ('```derivcheck\ndims = { d = "positive integer" }\nvectors = { w = "d", x = "d" }\n'
            'symbols = { y = "real" }\n```\n\n'
            '$$g(w) = \\begin{cases} -y\\, w^\\top x & \\text{if } y\\, w^\\top x < 1 \\\\ '
            '0 & \\text{if } y\\, w^\\top x > 1 \\end{cases}$$\n\n'
            '$$g(w) + y\\, w^\\top x = \\begin{cases} 0 & y\\, w^\\top x < 1 \\\\ y\\, w^\\top x '
            '& y\\, w^\\top x > 1 \\end{cases}$$\n')
    got, errors = document_verdicts(tmp_path / "hinge.md", text)
    assert errors == [] and got[-1] in ([P], [Verdict.UNKNOWN]), (got, errors)
    wrong = text[:-len("$$\n")] + " + 1$$\n"  # (off by one everywhere)
    got, errors = document_verdicts(tmp_path / "hinge.md", wrong)
    assert errors == [] and got[-1] == [R], (got, errors)


ABS = '# T\n\n```derivcheck\nsymbols = { x = "real" }\n```\n\n$$|x| + x$$\n\n'


@pytest.mark.parametrize(("last", "want"), [("0", P), ("2x", R)])
def test_case_displays_that_start_with_equals_go_on_from_the_shared_start(
        tmp_path: Path, last: str, want: Verdict) -> None:
    """"For $x > 0$: = 2x  For $x < 0$: = 0" — the second went on from 2x (a true case
    refuted, and = 2x proved under x < 0): "For" starts a new case as "If" does."""
    text = ABS + f"For $x > 0$:\n\n$$= 2x$$\n\nFor $x < 0$:\n\n$$= {last}$$\n"
    got, errors = document_verdicts(tmp_path / "abs.md", text)
    assert errors == [] and got[-1] == [want], (got, errors)


def test_a_remark_after_a_display_is_not_the_next_displays_case(tmp_path: Path) -> None:
    """"For $x > 0$." right after a display is refused there, and was also read as the case
    of the display after it (√(x²) = x proved)."""
    text = ('# T\n\n```derivcheck\nsymbols = { x = "real" }\n```\n\n$$|x| = x$$\n\n'
            'For $x > 0$.\n\n$$\\sqrt{x^2} = x$$\n')
    got, errors = document_verdicts(tmp_path / "r.md", text)  # (not read: unknown, both)
    assert errors == [] and got == [[Verdict.UNKNOWN], [Verdict.UNKNOWN]], (got, errors)


@pytest.mark.parametrize("between", ["In this case,", "Therefore,", "It follows that",
                                     "Consequently,", "This gives", "The same formula gives"])
def test_a_display_after_a_case_joined_by_prose_that_goes_on_is_read_both_ways(
        tmp_path: Path, between: str) -> None:
    """"For $x < 0$: |x| = -x. In this case, |x| + x = 0": the second display was checked
    without the case and refuted at x = 1. Does the case hold there too? It was refused;
    since session 34 it is checked with the case and without, which disagree: unknown."""
    text = ('# T\n\n```derivcheck\nsymbols = { x = "real" }\n```\n\nFor $x < 0$:\n\n'
            f'$$|x| = -x$$\n\n{between}\n\n$$|x| + x = 0$$\n')
    got, errors = document_verdicts(tmp_path / "c.md", text)
    assert errors == [] and got == [[Verdict.PROVED], [Verdict.UNKNOWN]], (got, errors)


def test_equals_displays_joined_by_therefore_stay_in_the_case(tmp_path: Path) -> None:
    text = ('# T\n\n```derivcheck\nsymbols = { x = "real" }\n```\n\n$$|x| + x$$\n\n'
            'For $x < 0$:\n\n$$= -x + x$$\n\nTherefore,\n\n$$= 0$$\n')
    got, errors = document_verdicts(tmp_path / "c.md", text)
    assert errors == [] and got == [[P], [P]], (got, errors)


def test_a_display_that_quantifies_the_cases_letter_is_refused(tmp_path: Path) -> None:
    text = ('# T\n\n```derivcheck\nsymbols = { x = "real" }\n```\n\nFor $x < 0$:\n\n'
            '$$|x| = -x \\quad \\text{for all } x$$\n')
    _, errors = document_verdicts(tmp_path / "q.md", text)
    assert errors and "holds for all values" in errors[0], errors


def test_the_other_conditions_of_an_earlier_sentence_are_refused(tmp_path: Path) -> None:
    """"For $x > 0$ and $y > 0$ the derivative is 1. For $x < 0$:" — x > 0 is the other
    case, but y > 0 may hold here too: it was dropped, and the display refuted at y = −1."""
    text = ('# T\n\n```derivcheck\nsymbols = { x = "real", y = "real" }\n```\n\n'
            'For $x > 0$ and $y > 0$ the derivative is 1. For $x < 0$:\n\n'
            '$$|x| + |y| = y - x$$\n')
    got, errors = document_verdicts(tmp_path / "y.md", text)  # (y > 0 not read: unknown)
    assert errors == [] and got == [[Verdict.UNKNOWN]], (got, errors)


JAC = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { z = "n" }\n'
       'latex = { "p" = "softmax(z)" }\n```\n\n')


@pytest.mark.parametrize(("prose", "display", "want"), [
    ("If $i < j$:", r"\frac{\partial p_i}{\partial z_j} = -p_i p_j", P),
    ("If $i < j$:", r"\frac{\partial p_i}{\partial z_j} = p_i (1 - p_j)", R),
    ("For $i > 1$:", r"\delta_{i1} = 0", P),
])
def test_an_order_of_indices_is_a_case(tmp_path: Path, prose: str, display: str,
                                       want: Verdict) -> None:
    got, errors = document_verdicts(tmp_path / "j.md", JAC + f"{prose}\n\n$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


@pytest.mark.parametrize(("prose", "display", "want"), [
    ("If $x = 1/2$:", "4x^2 = 1", P),
    ("If $x = \\frac{1}{2}$:", "2x = 1", P),
    ("If $x > 1/2$:", "|2x - 1| = 2x - 1", P),
    ("If $x > 1/2$:", "|2x - 1| = 1 - 2x", R),
])
def test_a_case_against_a_fraction(tmp_path: Path, prose: str, display: str,
                                   want: Verdict) -> None:
    text = '```derivcheck\nsymbols = { x = "real" }\n```\n\n' + f"{prose}\n\n$${display}$$\n"
    got, errors = document_verdicts(tmp_path / "h.md", text)
    assert errors == [] and got == [[want]], (got, errors)


def test_a_new_case_does_not_go_on_from_the_other_cases_last_line(tmp_path: Path) -> None:
    """"For $x > 0$: max(0, x) = x.  For $x < 0$: = x" was proved as x = x under x < 0: it
    went on from the other case's last line. Refused: write its left side."""
    text = ('# T\n\n```derivcheck\nsymbols = { x = "real" }\n```\n\nFor $x > 0$:\n\n'
            '$$\\max(0, x) = x$$\n\nFor $x < 0$:\n\n$$= x$$\n')
    got, errors = document_verdicts(tmp_path / "m.md", text)
    assert errors and "write its left side" in errors[0] and got == [[P]], (got, errors)


def test_a_new_expression_named_with_a_case_is_not_gone_on_from(tmp_path: Path) -> None:
    """"Now consider $|x| - x$ instead. For $x > 0$: = 2x" was read as |x| + x = 2x."""
    text = ('# T\n\n```derivcheck\nsymbols = { x = "real" }\n```\n\n$$|x| + x$$\n\n'
            'For $x > 0$:\n\n$$= 2x$$\n\nNow consider $|x| - x$ instead. For $x > 0$:\n\n'
            '$$= 2x$$\n')
    got, errors = document_verdicts(tmp_path / "n.md", text)
    assert errors and "write its left side" in errors[0] and got == [[P]], (got, errors)


@pytest.mark.parametrize("between", ["", "Therefore,\n\n", "Subtracting $x$ from both sides,\n\n"])
def test_a_display_that_goes_on_after_a_case_display_stays_in_the_case(
        tmp_path: Path, between: str) -> None:
    """"For $x > 0$: |x| = x, then = √(x²)": refuted at x = −1, outside the case."""
    text = ('# T\n\n```derivcheck\nsymbols = { x = "real" }\n```\n\nFor $x > 0$:\n\n'
            f'$$|x| = x$$\n\n{between}$$= \\sqrt{{x^2}}$$\n')
    got, errors = document_verdicts(tmp_path / "c.md", text)
    assert errors == [] and got == [[P], [P]], (got, errors)


def test_a_condition_after_a_display_that_leads_into_the_next_is_the_displays(
        tmp_path: Path) -> None:
    """"$$…$$ whenever $x > 0$. For $x < 0$:" — the first display was checked without its
    condition and refuted at x = −1."""
    text = ('# T\n\n```derivcheck\nsymbols = { x = "real" }\n```\n\n'
            '$$\\frac{d}{dx}\\max(0, x) = 1$$\nwhenever $x > 0$. For $x < 0$:\n\n'
            '$$\\frac{d}{dx}\\max(0, x) = 0$$\n')
    got, errors = document_verdicts(tmp_path / "e.md", text)  # (x > 0 not read: unknown)
    assert errors == [] and got == [[Verdict.UNKNOWN], [P]], (got, errors)


def test_a_standing_assumption_holds_for_every_later_display(tmp_path: Path) -> None:
    """"Throughout we assume $y > 0$." only covered the display right after it: |y| = y
    further down was refuted at y = −1 (then refused). Read whole, it is each later display's
    assumption: proved under it, refuted where it holds."""
    text = ('# T\n\n```derivcheck\nsymbols = { x = "real", y = "real" }\n```\n\n'
            'Throughout we assume $y > 0$.\n\n$$(x + y)^2 = x^2 + 2xy + y^2$$\n\n'
            'Next we simplify the absolute value.\n\n$$|y| = y$$\n')
    got, errors = document_verdicts(tmp_path / "t.md", text)  # (session 37: read, not refused)
    assert errors == [] and got == [[P], [P]], (got, errors)
    got, errors = document_verdicts(tmp_path / "t.md", text + "\n$$|y| = -y$$\n")
    assert errors == [] and got[-1] == [R], (got, errors)  # refuted where y > 0 holds


@pytest.mark.parametrize(("prose", "want"), [
    ("**Case $w > 0$.**", [P]),
    ("**Case 1:** $w > 0$.", [P]),
    ("**Case $w>0$:**", [P]),
    ("Case 2 ($w < 0$):", [R]),  # d/dw |w| = −1 there
])
def test_named_cases_are_the_displays_case(tmp_path: Path, prose: str,
                                           want: list[Verdict]) -> None:
    text = ('```derivcheck\nsymbols = { w = "real" }\n```\n\n'
            f"{prose}\n\n$$\\frac{{d}}{{dw}} |w| = 1$$\n")
    got, errors = document_verdicts(tmp_path / "n.md", text)
    assert errors == [] and got == [want], (got, errors)


def test_the_mean_minimises_the_squared_distances_for_every_n(tmp_path: Path) -> None:
    """−2Σ(x_i − μ) = 0 ⇒ μ = (1/n)Σ x_i was unknown ("multiplied by (μn − Σx)/(2μn² −
    2nΣx), undefined where the previous equation holds"): the sums are split, and the factor
    is −1/(2n)."""
    text = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { x = "n" }\n'
            'symbols = { mu = "real" }\n```\n\n'
            '$$-2\\sum_{i=1}^n (x_i - \\mu) = 0 \\implies \\mu = \\frac{1}{n}\\sum_{i=1}^n x_i$$\n\n'
            '$$-2\\sum_{i=1}^n (x_i - \\mu) = 0 \\implies \\mu = \\frac{2}{n}\\sum_{i=1}^n x_i$$\n')
    got, errors = document_verdicts(tmp_path / "k.md", text)
    assert errors == [] and got[0] == [P] and P not in got[1], (got, errors)


def test_a_set_membership_in_prose_says_how_to_declare_it(tmp_path: Path) -> None:
    """"with $y_i \\in \\{0, 1\\}$" was advised into \\quad (y_i ∈ {0,1}), itself refused."""
    text = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { x = "n", y = "n" }\n'
            'symbols = { w = "real" }\n```\n\nwith $y_i \\in \\{0, 1\\}$:\n\n'
            '$$\\frac{d}{dw} y_i w x_i = y_i x_i$$\n')
    _, errors = document_verdicts(tmp_path / "s.md", text)
    assert errors and "the entries of a vector cannot be declared" in errors[0] \
        and "\\quad" not in errors[0], errors


SOFT = '```derivcheck\nsymbols = { z = "real", lambda = "positive" }\n```\n\n'


@pytest.mark.parametrize(("prose", "rhs", "want"), [
    ("Check for $z > \\lambda$:", "z - \\lambda", P),
    ("Similarly, for $z < -\\lambda$:", "z + \\lambda", P),
    ("Finally, for $z < -\\lambda$:", "z - \\lambda", R),
])
def test_soft_thresholding_by_cases(tmp_path: Path, prose: str, rhs: str, want: Verdict) -> None:
    """"Check for $z > \\lambda$:" was not read as a case (and λ, a Python keyword, could not
    be written in a given at all)."""
    text = SOFT + f"{prose}\n\n$$\\operatorname{{sign}}(z) \\max(|z| - \\lambda, 0) = {rhs}$$\n"
    got, errors = document_verdicts(tmp_path / "soft.md", text)
    assert errors == [] and got == [[want]], (got, errors)


def test_lambda_in_a_given(tmp_path: Path) -> None:
    text = ('```derivcheck\nsymbols = { z = "real", lambda = "positive" }\n'
            'given = ["z > lambda"]\n```\n\n$$\\max(z - \\lambda, 0) = z - \\lambda$$\n')
    got, errors = document_verdicts(tmp_path / "g.md", text)
    assert errors == [] and got == [[P]], (got, errors)


def test_a_requirement_in_prose_reached_through_a_law_is_refused(tmp_path: Path) -> None:
    """"To keep the variance at 1 we need $n s = 1$, i.e. Var(w_i) = 1/n" with w's variance
    declared s: the display was refuted at s = 2, n = 1, its requirement not read."""
    text = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { w = "n" }\n'
            'symbols = { s = "positive" }\nrandom = { w = "mean 0, variance s" }\n```\n\n'
            'To keep the variance at 1 we need $n s = 1$, i.e.\n\n'
            '$$\\mathrm{Var}(w_i) = \\frac{1}{n}$$\n')
    got, errors = document_verdicts(tmp_path / "x.md", text)
    assert errors and "n s = 1" in errors[0] and got == [], (got, errors)


def test_a_chained_condition_the_declarations_say_is_no_case(tmp_path: Path) -> None:
    """"with $0 < p < 1$" where p is declared positive and given p < 1: said already (it was
    refused with a garbled "(< p)", read a second time from the prose around the math)."""
    text = ('```derivcheck\nsymbols = { p = "positive" }\ngiven = ["p < 1"]\n```\n\n'
            'For $X \\sim \\text{Bernoulli}(p)$ with $0 < p < 1$, the entropy is\n\n'
            '$$H(p) = -p \\log p - (1 - p) \\log(1 - p)$$\n\n'
            "$$H'(p) = -\\log p - 1 + \\log(1 - p) + 1 = \\log \\frac{1 - p}{p}$$\n")
    got, errors = document_verdicts(tmp_path / "h.md", text)
    assert errors == [] and got == [[P, P]], (got, errors)


SOFTMAX = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { z = "n" }\n```\n\n'
           '$$p_j = \\frac{e^{z_j}}{\\sum_k e^{z_k}}$$\n\n$$\\frac{\\partial p_i}{\\partial z_j}$$\n\n'
           'If $i = j$:\n\n$$= p_i (1 - p_i)$$\n\nIf $i \\neq j$:\n\n$$= -p_i p_j$$\n\n')


@pytest.mark.parametrize(("joint", "last", "want"), [
    ("Combining both cases into one formula,", r"= p_i (\delta_{ij} - p_j)", [P]),
    ("Combining both cases into one formula,", r"= -p_i p_j", [R]),  # it was proved (i ≠ j)
    ("In general,", r"= -p_i p_j", [R]),
])
def test_prose_that_speaks_of_all_cases_goes_on_from_before_them(
        tmp_path: Path, joint: str, last: str, want: list) -> None:
    """"Combining both cases," after the cases: the display goes on from the expression before
    the first case, under none of them (it stayed in the last case, and the dropped δ of the
    softmax Jacobian was proved for i ≠ j)."""
    got, errors = document_verdicts(tmp_path / "s.md", SOFTMAX + f"{joint}\n\n$${last}$$\n")
    assert errors == [] and got[-1] == want, (got, errors)


@pytest.mark.parametrize("joint", ["Assuming instead $x > 0$,", "Taking $x > 0$ instead,",
                                   "Therefore, in all cases,"])
def test_prose_that_leaves_the_case_is_no_continuation(tmp_path: Path, joint: str) -> None:
    """A gerund or "therefore" phrase that states another case, or all of them, does not go on
    in the case before it (a true line was refuted outside its case, a false one proved)."""
    text = ('```derivcheck\nsymbols = { x = "real" }\n```\n\n$$\\frac{d}{dx}|x|$$\n\n'
            f"For $x < 0$:\n\n$$= -1$$\n\n{joint}\n\n$$= 1$$\n")
    got, errors = document_verdicts(tmp_path / "a.md", text)
    assert got[0] == [P], (got, errors)
    if "all cases" in joint:  # from before the cases, in none: d|x|/dx = 1 is refuted
        assert got[-1] == [R], (got, errors)
    else:
        assert len(got) == 1 and any("write its left side" in e for e in errors), (got, errors)


@pytest.mark.parametrize(("rows", "want"), [
    (r"&= 3x^2 \quad \text{for } x > 0 \\ &= -3x^2 \quad \text{for } x < 0", [P, P]),
    (r"&= 3x^2 \quad (x > 0) \\ &= 3x^2 \quad (x < 0)", [P, R]),
    (r"&= 3x^2 \quad \text{if } x > 0 \\ &= -3x^2 \quad \text{if } x < 0", [P, P]),
])
def test_rows_with_their_own_cases_are_cases_of_the_first_line(tmp_path: Path, rows: str,
                                                                 want: list) -> None:
    """``&= 3x^2 \\quad \\text{for } x > 0 \\\\ &= -3x^2 \\quad \\text{for } x < 0``: the second
    row is the other case of d/dx |x|³, not a consequence of the first row (it was refuted as
    3x² = −3x², and a false row proved)."""
    text = ('```derivcheck\nsymbols = { x = "real" }\n```\n\n'
            f"$$\\begin{{aligned}} \\frac{{d}}{{dx}}|x|^3 {rows} \\end{{aligned}}$$\n")
    got, errors = document_verdicts(tmp_path / "b.md", text)
    assert errors == [] and got == [want], (got, errors)


def test_rows_whose_conditions_can_hold_together_still_chain(tmp_path: Path) -> None:
    """Remarks that can hold together (since x > 0, since y > 0) are the steps' conditions,
    each row following from the one before, as before."""
    text = ('```derivcheck\nsymbols = { x = "real", y = "real" }\n```\n\n'
            r"$$\begin{aligned} |x| + |y| &= x + |y| \quad (x > 0) \\ &= x + y \quad (y > 0)"
            r" \end{aligned}$$" "\n")
    got, errors = document_verdicts(tmp_path / "c.md", text)
    assert errors == [] and got == [[P, P]], (got, errors)


def test_an_arrow_under_a_new_case_after_another_case_is_refused(tmp_path: Path) -> None:
    """"For $x > 0$: ⇒ x + 2 = 0" after the case x < 0's "⇒ x + 2 = 0": it followed from the
    other case's conclusion (a vacuous proof); from which equation is not clear: refused."""
    text = ('```derivcheck\nsymbols = { x = "real" }\n```\n\n'
            '$$x^2 - 4 = 0 \\implies (x - 2)(x + 2) = 0$$\n\nFor $x < 0$:\n\n'
            '$$\\implies x + 2 = 0$$\n\nFor $x > 0$:\n\n$$\\implies x + 2 = 0$$\n')
    got, errors = document_verdicts(tmp_path / "e.md", text)
    assert len(got) == 2 and len(errors) == 1, (got, errors)
    assert "which equation it goes on from is not clear" in errors[0], errors


@pytest.mark.parametrize("prose", ["For negative inputs:", "When the input is negative:",
                                   "For inputs below zero:", "On the negative half-line:"])
def test_a_case_in_words_of_no_letter_is_refused(tmp_path: Path, prose: str) -> None:
    """"For negative inputs:" before max(0, x) = 0 was ignored, and the line refuted at x = 1."""
    text = f'```derivcheck\nsymbols = {{ x = "real" }}\n```\n\n{prose}\n\n$$\\max(0, x) = 0$$\n'
    got, errors = document_verdicts(tmp_path / "g.md", text)
    assert got == [] and any("states a case in words" in e for e in errors), (got, errors)


def test_prose_after_a_cased_display_that_says_for_all_is_refused(tmp_path: Path) -> None:
    """"This holds for all $x$, in fact." after a display under "For $x > 0$:": the display was
    proved under the case, while the page claims √(x²) = x for every x."""
    text = ('```derivcheck\nsymbols = { x = "real" }\n```\n\nFor $x > 0$:\n\n'
            '$$\\sqrt{x^2} = x$$\n\nThis holds for all $x$, in fact.\n')
    got, errors = document_verdicts(tmp_path / "h.md", text)
    assert got == [] and any("the prose after it says its line holds for all values" in e
                             for e in errors), (got, errors)


def test_a_skipped_display_under_a_case_keeps_the_next_one_asking(tmp_path: Path) -> None:
    """For $x < 0$: (a skipped display), then another display with no prose between: does the
    case hold for it? It was checked without the case and refuted at x = 1."""
    text = ('```derivcheck\nsymbols = { x = "real" }\n```\n\nFor $x < 0$:\n\n'
            '<!-- derivcheck: skip -->\n$$|x| = -x$$\n\n$$\\sqrt{x^2} = -x$$\n')
    got, errors = document_verdicts(tmp_path / "f.md", text)
    assert got == [] and any("does that case hold here too" in e for e in errors), (got, errors)


def test_a_condition_in_an_earlier_sections_prose_binds_nothing_here(tmp_path: Path) -> None:
    """"Since $|1 - h^2| \\le 1$, …" at the end of one section refused the first display of the
    next one (the prose before it, across the heading)."""
    text = ('```derivcheck\nsymbols = { x = "real", h = "real" }\n```\n\n## One\n\n'
            '$$\\tanh(0) = 0$$\n\nSince $|1 - h^2| \\le 1$, this stays small.\n\n## Two\n\n'
            '$$(1 - h)(1 + h) = 1 - h^2$$\n')
    got, errors = document_verdicts(tmp_path / "s.md", text)
    assert errors == [] and got == [[P], [P]], (got, errors)


@pytest.mark.parametrize(("head", "rows", "want"), [
    ('symbols = { x = "real", y = "real" }',
     r"|x - y| &= x - y \quad (x > y) \\ &= x - y \quad (x < y)", [P, R]),  # two letters
    ('symbols = { x = "real", y = "real" }',
     r"|x - y| &= x - y \quad (x > y) \\ &= y - x \quad (x < y)", [P, P]),
    ('dims = { n = "positive integer" }\nvectors = { z = "n" }',
     r"\frac{\partial z_i}{\partial z_j} &= 0 \quad (i < j) \\ &= 0 \quad (i \geq j)", [P, R]),
    ('dims = { n = "positive integer" }\nvectors = { z = "n" }',
     r"\frac{\partial z_i}{\partial z_j} &= 0 \quad (i < j) \\ &= 0 \quad (i > j) \\ "
     r"&= 1 \quad (i = j)", [P, P, P]),
    ('symbols = { x = "real" }',  # the combined row after the cases: of the first line
     r"\frac{d}{dx}|x|^3 &= 3x^2 \quad (x > 0) \\ &= -3x^2 \quad (x < 0) \\ &= 3x|x|", [P, P, P]),
    ('dims = { n = "positive integer" }\nvectors = { z = "n" }',
     r"\frac{\partial z_i}{\partial z_j} &= 1 \quad (i = j) \\ &= 0 \quad (i \neq j) \\ "
     r"&= \delta_{ij}", [P, P, P]),
    ('symbols = { x = "real", y = "real" }',
     r"|x| y &= x y \quad (x > 0) \\ &= -x y \quad (x < 0) \\ &= |x| y \quad (y > 0)",
     [P, P, P]),
    ('symbols = { x = "real" }',  # cases that meet at a point
     r"|x| &= x \quad \text{if } x \geq 0 \\ &= -x \quad \text{if } x \leq 0", [P, P]),
    ('symbols = { x = "real", y = "real" }',  # a condition more, in the case before
     r"|x|+|y| &= x+|y| \quad (x>0) \\ &= -x+|y| \quad (x<0) \\ &= -x+y \quad (y>0)",
     [P, P, P]),
    ('symbols = { x = "real" }',  # no common boundary: x > 1 / x < −1
     r"\frac{d}{dx}|x|^3 &= 3x^2 \quad (x > 1) \\ &= -3x^2 \quad (x < -1)", [P, P]),
    ('symbols = { x = "real" }',  # hardtanh: 0 for |x| < 1 is a slip (it was proved vs row 2)
     r"\frac{d}{dx}\min(1, \max(-1, x)) &= 0 \quad (x < -1) \\ &= 0 \quad (|x| < 1)",
     [P, R]),
    ('symbols = { x = "real", y = "real" }',  # x < 0 against x > 0 held two rows before
     r"|x|+|y| &= x+|y| \quad (x>0) \\ &= x+y \quad (y>0) \\ &= -x+|y| \quad (x<0)",
     [P, P, P]),
])
def test_case_rows_in_more_shapes(tmp_path: Path, head: str, rows: str, want: list) -> None:
    """Rows that are cases: of two letters, of index order, three of them, and the combined
    row after them, each compared with the first line (adversaries found each compared with
    the row before: false rows proved, true ones refuted)."""
    text = (f"```derivcheck\n{head}\n```\n\n"
            f"$$\\begin{{aligned}} {rows} \\end{{aligned}}$$\n")
    got, errors = document_verdicts(tmp_path / "r.md", text)
    assert errors == [] and got == [want], (got, errors)


@pytest.mark.parametrize(("joint", "last", "want"), [
    ("In general,", "= -3x^2", [R]),  # from the first line, under no case
    ("In general,", "= 3x|x|", [P]),
])
def test_after_case_rows_prose_for_all_cases_goes_on_from_the_first_line(
        tmp_path: Path, joint: str, last: str, want: list) -> None:
    """After rows that are cases, "In general, $$= …$$" went on from the last row with its case
    dropped (d/dx|x|³ = −3x² was proved)."""
    text = ('```derivcheck\nsymbols = { x = "real" }\n```\n\n'
            "$$\\begin{aligned} \\frac{d}{dx}|x|^3 &= 3x^2 \\quad \\text{for } x > 0 \\\\ "
            "&= -3x^2 \\quad \\text{for } x < 0 \\end{aligned}$$\n\n"
            f"{joint}\n\n$${last}$$\n")
    got, errors = document_verdicts(tmp_path / "g.md", text)
    assert errors == [] and got[-1] == want, (got, errors)
    text = text.replace(f"{joint}\n\n", "")  # no prose: from which row? refused
    got, errors = document_verdicts(tmp_path / "h.md", text)
    assert any("write its left side" in e for e in errors), (got, errors)


def test_therefore_naming_the_whole_result_after_the_cases_is_refused(tmp_path: Path) -> None:
    """"Therefore, the Jacobian is $$= -p_i p_j$$" after the cases: the whole result, or the
    last case's? It was proved under i ≠ j."""
    got, errors = document_verdicts(tmp_path / "t.md", SOFTMAX + (
        "Therefore, the Jacobian is\n\n$$= -p_i p_j$$\n"))
    assert len(got) == 2 and any("write its left side" in e for e in errors), (got, errors)


def test_a_standing_assumption_reaches_subsections_not_siblings(tmp_path: Path) -> None:
    """"Throughout this problem we assume $x > 0$." in a problem reaches the displays of its
    parts after a display (a part's true-for-x>0 line was refuted at x = −1, then refused;
    since session 37 proved under it), and not those of the next problem."""
    head = '```derivcheck\nsymbols = { x = "real" }\n```\n\n'
    text = head + ("# Problem 1\n\nThroughout this problem we assume $x > 0$.\n\n"
                   "$$x^2 = x \\cdot x$$\n\n## (b)\n\n$$\\frac{d}{dx} |x| = 1$$\n")
    got, errors = document_verdicts(tmp_path / "p.md", text)  # (session 37: the part's
    assert errors == [] and got == [[P], [P]], (got, errors)  # line proved under it)
    text = head + "# Problem 1\n\nAssume $x > 0$.\n\n# Problem 2\n\n$$|x| = x$$\n"
    got, errors = document_verdicts(tmp_path / "q.md", text)
    assert errors == [] and got == [[R]], (got, errors)


@pytest.mark.parametrize(("remark", "want"), [
    (r"(x < 0 \text{ case})", [P]),
    (r"(x<0\text{ only})", [P]),
    (r"(x<0, \text{ by symmetry})", [P]),
])
def test_a_remark_with_words_beside_its_comparison_keeps_it(tmp_path: Path, remark: str,
                                                            want: list) -> None:
    """(x < 0 \\text{ case}): the comparison is the step's hypothesis (it was dropped, and the
    line refuted at x = 1)."""
    text = ('```derivcheck\nsymbols = { x = "real" }\n```\n\n'
            f"$$\\frac{{d}}{{dx}}|x|^3 = -3x^2 \\quad {remark}$$\n")
    got, errors = document_verdicts(tmp_path / "r.md", text)
    assert errors == [] and got == [want], (got, errors)


def test_a_remark_that_says_a_condition_in_words_is_refused(tmp_path: Path) -> None:
    text = ('```derivcheck\nsymbols = { x = "real" }\n```\n\n'
            "$$\\frac{d}{dx}|x|^3 = -3x^2 \\quad (\\text{for } x \\text{ below } 0)$$\n")
    got, errors = document_verdicts(tmp_path / "r.md", text)
    assert any("states a condition in words" in e or "beside its comparison" in e
               for e in errors), (got, errors)


@pytest.mark.parametrize("word", ["excluded", "aside", "impossible", "never"])
def test_a_word_beside_a_remarks_comparison_that_may_negate_it_is_refused(
        tmp_path: Path, word: str) -> None:
    """(x < 0 \\text{ excluded}) was read as x < 0 (√(x²) = −x proved)."""
    text = ('```derivcheck\nsymbols = { x = "real" }\n```\n\n'
            f"$$\\sqrt{{x^2}} = -x \\quad (x < 0 \\text{{ {word}}})$$\n")
    got, errors = document_verdicts(tmp_path / "w.md", text)
    assert any("beside its comparison" in e for e in errors), (got, errors)


@pytest.mark.parametrize("prose", ["We only consider $x > 0$ in what follows.",
                                   "From here on, $x > 0$.",
                                   "All inputs in this problem satisfy $x > 0$."])
def test_standing_assumptions_in_other_words_reach_later_displays(tmp_path: Path,
                                                                  prose: str) -> None:
    text = ('```derivcheck\nsymbols = { x = "real" }\n```\n\n# Problem 1\n\n'
            f"{prose}\n\n$$2 + 2 = 4$$\n\n$$\\sqrt{{x^2}} = x$$\n")
    got, errors = document_verdicts(tmp_path / "s.md", text)
    assert R not in [v for g in got for v in g] and errors, (got, errors)


def test_a_heading_that_states_a_case_is_refused_in_its_subsections_too(tmp_path: Path) -> None:
    text = ('```derivcheck\nsymbols = { x = "real" }\n```\n\n# Problem 1\n\n## Case $x > 0$\n\n'
            '$$|x| = x$$\n\n### Detail\n\n$$\\sqrt{x^2} = x$$\n\n"In this problem $x$ is always '
            'positive."\n')
    got, errors = document_verdicts(tmp_path / "h.md", text)
    assert R not in [v for g in got for v in g] and len(errors) == 2, (got, errors)
    text = ('```derivcheck\nsymbols = { x = "real" }\n```\n\n'
            'In this problem $x$ is always positive.\n\n$$|x| = x$$\n')
    got, errors = document_verdicts(tmp_path / "a.md", text)  # (a sign not read: unknown)
    assert errors == [] and got == [[Verdict.UNKNOWN]], (got, errors)


def test_combining_keeps_the_case_the_prose_states_outside_the_rows(tmp_path: Path) -> None:
    """For $y > 0$: rows by x's sign, then "Combining both cases," $$= |x| y$$: under y > 0
    (it was checked under no case and refuted at y = −1); "Combining the two factors," is no
    prose for all cases."""
    text = ('```derivcheck\nsymbols = { x = "real", y = "real" }\n```\n\nFor $y > 0$:\n\n'
            "$$\\begin{aligned} |x| \\cdot |y| &= x y \\quad (x > 0) \\\\ &= -x y \\quad (x < 0) "
            "\\end{aligned}$$\n\nCombining both cases,\n\n$$= |x| y$$\n")
    got, errors = document_verdicts(tmp_path / "k.md", text)
    assert errors == [] and got[-1] == [P], (got, errors)
    got, errors = document_verdicts(tmp_path / "j.md", text.replace(
        "Combining both cases,", "Combining the two factors,"))
    assert R not in got[-1:][0] if got else True, (got, errors)


def test_a_bracketed_justification_in_words_is_no_condition(tmp_path: Path) -> None:
    """\\quad[\\text{apply chain rule}] (corpus 01) holds no comparison: read as before (the
    words beside a comparison are checked only where there is one)."""
    text = ('```derivcheck\nsymbols = { x = "real" }\n```\n\n'
            "$$\\frac{d}{dx}\\big(1 + e^{-x}\\big)^{-1} = -(1 + e^{-x})^{-2} \\cdot "
            "\\frac{d}{dx}(1+e^{-x}) \\quad[\\text{apply chain rule}]$$\n")
    got, errors = document_verdicts(tmp_path / "b.md", text)
    assert errors == [] and got == [[P]], (got, errors)


def test_rows_whose_conditions_are_neither_exclusive_nor_shown_compatible(tmp_path: Path) -> None:
    """|a| ≤ c, then a > c, with c a declared positive parameter: another case, or a condition
    more? Not decided (a true row was refuted against the row before)."""
    text = ('```derivcheck\nsymbols = { a = "real", c = "positive" }\n```\n\n'
            "$$\\begin{aligned} \\frac{d}{da}|a| &= 1 \\quad (a > c) \\\\ &= -1 \\quad (a < -c) "
            "\\end{aligned}$$\n")
    got, errors = document_verdicts(tmp_path / "u.md", text)
    assert errors == [] and got[0][0] == P and got[0][1] in (P, U), (got, errors)


@pytest.mark.parametrize("remark", [r"(\text{since } x > 0)", r"(\text{for } x > 0)",
                                    r"(\text{if } x > 0)"])
def test_a_bracketed_text_remark_with_its_comparison_after_it(tmp_path: Path,
                                                             remark: str) -> None:
    """\\quad (\\text{since } x > 0) was "unbalanced )" (the bracket opened before the text)."""
    text = ('```derivcheck\nsymbols = { x = "real" }\n```\n\n'
            f"$$\\begin{{aligned}} \\frac{{d}}{{dx}}\\max(0, x) &= 1 \\quad {remark} "
            "\\end{aligned}$$\n")
    got, errors = document_verdicts(tmp_path / "s.md", text)
    assert errors == [] and got == [[P]], (got, errors)
