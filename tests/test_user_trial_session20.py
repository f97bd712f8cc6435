"""From a new user's trial with fresh homework derivations (session 20): notation that was
refused though it reads one way only. Refutations are re-checked independently."""

from __future__ import annotations

from pathlib import Path

from checker.results import Verdict
from tests.recheck import document_verdicts

P, R = Verdict.PROVED, Verdict.REFUTED
ATTENTION = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { q = "n" }\n```\n\n'
             '$$s_j = 2 q_j$$\n\n$$a_j = \\frac{e^{s_j}}{\\sum_{l=1}^{n} e^{s_l}}$$\n\n')


def test_softmax_of_a_family_the_page_defines_indexed_by_i(tmp_path: Path) -> None:
    """a_j = e^{s_j}/Σ e^{s_l} with s_j = 2q_j: ∂a_i/∂s_j's i was taken for the imaginary unit
    (it stood, as a member's index, in an exponent of e); it is an index."""
    got, errors = document_verdicts(tmp_path / "a.md", ATTENTION +
                                    "$$\\frac{\\partial a_i}{\\partial s_j} = a_i(\\delta_{ij} - "
                                    "a_j)$$\n\n$$\\frac{\\partial a_i}{\\partial s_j} = a_i(1 - "
                                    "a_j)$$\n")
    assert errors == [] and got == [[P], [R]], (got, errors)
    _, errors = document_verdicts(tmp_path / "b.md", ATTENTION + "$$e^{i s_1} = a_1$$\n")
    assert len(errors) == 1 and "imaginary unit" in errors[0], errors


def test_a_norm_with_a_power_beside_another_norm(tmp_path: Path) -> None:
    """‖u‖²‖v‖: a norm around "^2 ‖v" would start with its exponent, so the bars after the
    power close and open as written (it was refused as ‖…‖ … ‖…‖); ‖a‖ b ‖c‖ stays refused."""
    block = '```derivcheck\ndims = { n = "positive integer" }\nvectors = { u = "n", v = "n" }\n' \
            'symbols = { x = "real", y = "real", b = "real" }\n```\n\n'
    got, errors = document_verdicts(tmp_path / "n.md", block +
                                    "$$\\frac{1}{\\|u\\|^2\\,\\|v\\|} = \\frac{1}{\\|v\\|\\,\\|u\\|^2}"
                                    "$$\n\n$$|x|^2 |y| = x^2 |y|$$\n\n$$|x|^2 |y| = x |y|$$\n")
    assert errors == [] and got == [[P], [P], [R]], (got, errors)
    _, errors = document_verdicts(tmp_path / "m.md", block + "$$\\|u\\| b \\|v\\| = b$$\n")
    assert len(errors) == 1 and "one norm around the middle" in errors[0], errors


def test_a_derivative_after_a_factor_or_a_minus_ends_at_the_plus(tmp_path: Path) -> None:
    """a d/dx x² + d/dx x³ was read a·(2x + 3x²), and −d/dx x² + d/dx x³ as −(2x + 3x²): a true
    line refuted (the sum after the operator was taken into its term, factor and sign
    included). The + ends the term where the next one has a derivative of its own; where it has
    none (a d/dx x² + 1) which is meant cannot be told, and it is refused as before."""
    block = '```derivcheck\nsymbols = { x = "real", a = "real", b = "real" }\n```\n\n'
    got, errors = document_verdicts(tmp_path / "d.md", block + "".join(f"$${d}$$\n\n" for d in (
        r"a\frac{d}{dx}x^2 + \frac{d}{dx}x^3 = 2ax + 3x^2",
        r"-\frac{d}{dx}x^2 + \frac{d}{dx}x^3 = -2x + 3x^2",
        r"a\frac{d}{dx}x^2 + b\frac{d}{dx}x^3 = 2ax + 3bx^2",
        r"a \cdot \frac{d}{dx}x^2 - \frac{d}{dx}x^3 = 2ax - 3x^2",
        r"a\frac{d}{dx}x^2 + b\frac{d}{dx}x^3 = a(2x + 3bx^2)")))
    assert errors == [] and got == [[P], [P], [P], [P], [R]], (got, errors)
    _, errors = document_verdicts(tmp_path / "e.md", block + "$$a\\frac{d}{dx}x^2 + 1 = 2ax + 1$$\n")
    assert len(errors) == 1 and "take the terms after" in errors[0], errors
    # three terms with derivatives of their own, and a prime as one (they were refused)
    got, errors = document_verdicts(tmp_path / "f.md", block.replace(
        '```\n', 'functions = { f = "arbitrary" }\n```\n', 1) + "".join(f"$${d}$$\n\n" for d in (
            r"a\frac{d}{dx}x^2 + \frac{d}{dx}x^3 - \frac{d}{dx}x = 2ax + 3x^2 - 1",
            r"a\frac{d}{dx}x^2 + \frac{d}{dx}x^3 - \frac{d}{dx}x = 2ax + 3x^2 + 1",
            r"a\frac{d}{dx}x^2 + f'(x) = 2ax + f'(x)")))
    assert errors == [] and got == [[P], [R], [P]], (got, errors)


HUBER = ('```derivcheck\nsymbols = { a = "real", dl = "positive" }\nlatex = { "\\\\delta" = "dl" }'
         '\n```\n\n$$L(a) = \\begin{cases} \\frac{1}{2}a^2 & \\text{if } |a| \\le \\delta \\\\ '
         '\\delta\\left(|a| - \\frac{1}{2}\\delta\\right) & \\text{otherwise} \\end{cases}$$\n\n')


def test_a_case_in_prose_with_an_absolute_value_or_two_bounds(tmp_path: Path) -> None:
    """"For $|a| \\le \\delta$:" and "For $-\\delta \\le a \\le \\delta$:" before a display are its
    case, as the same condition in the display is (they were refused as unread conditions)."""
    for case in ("|a| \\le \\delta", "-\\delta \\le a \\le \\delta"):
        got, errors = document_verdicts(tmp_path / "h.md", HUBER + f"For ${case}$:\n\n"
                                        "$$\\frac{dL}{da} = a$$\n\nFor $a < -\\delta$:\n\n"
                                        "$$\\frac{dL}{da} = \\delta$$\n")
        assert errors == [] and got == [[P], [R]], (case, got, errors)
    # the bounds must be declared letters or numbers, and the interval one interval
    got, errors = document_verdicts(tmp_path / "x.md", HUBER + "For $u < a > \\delta$:\n\n"
                                    "$$\\frac{dL}{da} = a$$\n")  # (not read: unknown)
    assert errors == [] and got == [[Verdict.UNKNOWN]], (got, errors)


def test_a_divergence_of_two_laws_given_by_numbers(tmp_path: Path) -> None:
    """D_KL(p‖q) = p log(p/q) + (1 − p) log((1 − p)/(1 − q)) with p, q declared numbers (two
    Bernoullis) is a definition (it was refused: a divergence needed functions); at other
    arguments it is the definition with them exchanged, all at once."""
    block = ('```derivcheck\nsymbols = { p = "positive", q = "positive" }\ngiven = ["p < 1", '
             '"q < 1"]\n```\n\n$$D_{KL}(p \\| q) = p \\log\\frac{p}{q} + (1 - p)\\log\\frac{1 - p}'
             '{1 - q}$$\n\n')
    got, errors = document_verdicts(tmp_path / "k.md", block + "".join(f"$${d}$$\n\n" for d in (
        r"\frac{\partial}{\partial q} D_{KL}(p \| q) = \frac{q - p}{q(1 - q)}",
        r"\frac{\partial}{\partial q} D_{KL}(p \| q) = \frac{p - q}{q(1 - q)}",
        r"D_{KL}(p \| p) = 0",
        r"D_{KL}(q \| p) = q \log\frac{q}{p} + (1 - q)\log\frac{1 - q}{1 - p}",
        r"D_{KL}(q \| p) = D_{KL}(p \| q)")))
    assert errors == [] and got == [[P], [R], [P], [P], [R]], (got, errors)


def test_a_remark_on_the_value_at_a_point_is_no_condition(tmp_path: Path) -> None:
    """"…, which vanishes at $q = p$, as it should." after a display states what the display
    comes to there (it was refused as a condition, and as a definition of q); "which holds for
    $x > 0$" is still a condition, not read: refuted without it, the line is unknown."""
    block = '```derivcheck\nsymbols = { p = "positive", q = "positive", x = "real" }\n```\n\n'
    got, errors = document_verdicts(tmp_path / "v.md", block + "$$\\frac{\\partial}{\\partial q}"
                                    "\\left(p \\log\\frac{p}{q}\\right) = -\\frac{p}{q}$$\n\nwhich "
                                    "vanishes at $q = p$, as it should.\n")
    assert errors == [], errors
    assert got == [[P]], got  # (the line itself is checked, without a condition)
    got, errors = document_verdicts(tmp_path / "w.md", block + "$$\\sqrt{x^2} = x$$\n\nwhich "
                                    "holds for $x > 0$.\n")  # (a condition, not read: unknown)
    assert errors == [] and got == [[Verdict.UNKNOWN]], (got, errors)


def test_a_prose_case_with_bounds_refuses_the_paragraph_s_other_conditions(tmp_path: Path) -> None:
    """"We restrict to $a \\ge 0$. For $|a| \\le 1$:": the earlier condition was dropped and
    |a| = a refuted at a = −1 (found by an adversary); not read: unknown, never refuted."""
    block = '```derivcheck\nsymbols = { a = "real" }\n```\n\n'
    for case in ("|a| \\le 1", "-1 \\le a \\le 1"):
        got, errors = document_verdicts(tmp_path / "r.md", block + "We now restrict to "
                                        f"nonnegative inputs, $a \\ge 0$. For ${case}$:\n\n"
                                        "$$|a| = a$$\n")  # (a ≥ 0 not read: unknown)
        assert errors == [] and got == [[Verdict.UNKNOWN]], (case, got, errors)


def test_a_divergence_of_numbers_must_write_both(tmp_path: Path) -> None:
    _, errors = document_verdicts(tmp_path / "k.md", '```derivcheck\nsymbols = { p = "positive",'
                                  ' q = "positive" }\n```\n\n$$D_{KL}(p \\| q) = \\frac{1}{10}$$\n')
    assert len(errors) == 1 and "constant of its own" in errors[0], errors


def test_an_absolute_value_case_is_read_as_its_two_bounds(tmp_path: Path) -> None:
    """For $|a| \\le 1$: is −1 ≤ a ≤ 1, so a piecewise line is decided on that interval (with
    the case kept as |a| ≤ 1, √((2 − a)²) + 1 = 3 − a was left unknown: found by an
    adversary); |a| > 3 stays one condition (two intervals)."""
    got, errors = document_verdicts(tmp_path / "a.md", '```derivcheck\nsymbols = { a = "real" }\n'
                                    '```\n\nFor $|a| \\le 1$:\n\n$$\\sqrt{(2-a)^2} + 1 = 3 - a$$\n\n'
                                    'For $|a| > 3$:\n\n$$|a| = a$$\n')
    assert errors == [] and got == [[P], [R]], (got, errors)
