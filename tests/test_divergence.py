"""Divergences written whole (checker/parse/divergence.py): KL(P ‖ Q) is one defined name,
whatever markup spells it; its ‖ is never a norm's bar; and integrals written without bounds
under ``integrals = "real line"``. Refutations are re-checked independently
(tests.recheck, by mpmath quadrature for integrals)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import Verdict
from checker.parse.context import Context, UserFunction
from checker.parse.divergence import key_of
from checker.parse.latex import parse_latex_expr
from checker.parse.tree import ParseError, plain
from tests.test_documents import check, step_verdicts, write

DENSITIES = '''```derivcheck
symbols = { x = "real", mu = "real", s = "positive" }
functions = { "P(x)" = "exp(-(x-mu)**2/(2*s**2))/(sqrt(2*pi)*s)", "Q(x)" = "exp(-x**2/2)/sqrt(2*pi)" }
%s
```
'''


def _doc(tmp_path: Path, body: str, extra: str = "") -> tuple[dict, list]:
    return check(write(tmp_path, "kl.md", DENSITIES % extra + "\n" + body))


@pytest.mark.parametrize("spelling", [
    "KL(P \\| Q)", "D_{\\mathrm{KL}}(P \\| Q)", "D_{KL}(P\\|Q)", "D_{KL}(P \\parallel Q)",
    "D_{\\text{KL}}\\left(P \\,\\|\\, Q\\right)", "D_{KL}(P || Q)",
])
def test_a_divergence_is_one_name_however_it_is_spelled(tmp_path: Path, spelling: str) -> None:
    """The KL of N(μ, s²) from N(0, 1), defined and then evaluated."""
    body = (f"$${spelling} = \\int_{{-\\infty}}^{{\\infty}} P(x) \\log\\frac{{P(x)}}{{Q(x)}} \\, dx$$\n\n"
            f"Then\n\n$${spelling} = \\frac{{1}}{{2}}\\left(s^2 + \\mu^2 - 1\\right) - \\log s$$\n")
    outcomes, errors = _doc(tmp_path, body)
    assert not errors, errors
    (only,) = outcomes.values()
    assert step_verdicts(only) == [Verdict.PROVED]


def test_the_same_divergence_in_other_markup_is_the_same_name(tmp_path: Path) -> None:
    body = ("$$D_{\\mathrm{KL}}(P \\| Q) = "
            "\\int_{-\\infty}^{\\infty} P(x) \\log\\frac{P(x)}{Q(x)} \\, dx$$\n\n"
            "$$D_{KL}(P\\parallel Q) = \\frac{1}{2}\\left(s^2 + \\mu^2 - 1\\right) - \\log s$$\n\n"
            "$$D_{\\text{KL}}(P || Q) = \\frac{1}{2}\\left(s^2 + \\mu^2 - 1\\right) + \\log s$$\n")
    outcomes, errors = _doc(tmp_path, body)
    assert not errors, errors
    verdicts = [step_verdicts(o) for o in outcomes.values()]
    assert verdicts == [[Verdict.PROVED], [Verdict.REFUTED]]  # (re-checked by check())


def test_kl_of_two_functions_written_with_a_comma(tmp_path: Path) -> None:
    body = ("$$KL(P, Q) = \\int_{-\\infty}^{\\infty} P(x) \\log\\frac{P(x)}{Q(x)} \\, dx$$\n\n"
            "$$KL(P, Q) = \\frac{s^2 + \\mu^2}{2} - \\log s$$\n")
    outcomes, errors = _doc(tmp_path, body)
    assert not errors, errors
    (only,) = outcomes.values()
    assert step_verdicts(only) == [Verdict.REFUTED]  # the −1/2 is dropped


def test_a_divergence_used_before_it_is_defined_is_refused(tmp_path: Path) -> None:
    outcomes, errors = _doc(tmp_path, "$$KL(P \\| Q) + 1 = 1 + KL(P \\| Q)$$\n")
    assert not outcomes
    assert len(errors) == 2  # each side that uses it
    assert all("KL(P‖Q) is not defined here" in e.message and e.line == 7 for e in errors)


def test_a_divergence_whose_definition_cannot_be_read_is_not_guessed(tmp_path: Path) -> None:
    body = ("$$KL(P \\| Q) = \\int P(x) \\log\\frac{P(x)}{Q(x)} \\, dx$$\n\n"  # no bounds, no key
            "$$KL(P \\| Q) = 0$$\n")
    outcomes, errors = _doc(tmp_path, body)
    assert "without both bounds" in errors[0].message and errors[0].line == 7
    # line 9 is not a second definition (KL := 0) but a use of the unread one
    assert "the display at line 7 defines KL(P‖Q), and could not be read" in errors[1].message
    assert errors[1].line == 9
    assert all(not step_verdicts(o) or Verdict.PROVED not in step_verdicts(o)
               for o in outcomes.values())


def test_an_unbounded_integral_under_the_real_line_convention(tmp_path: Path) -> None:
    body = ("$$\\int P(x) \\, dx = 1$$\n\n$$\\int x P(x) \\, dx = \\mu$$\n\n"
            "$$\\int x^2 P(x) \\, dx = s^2$$\n")
    outcomes, errors = _doc(tmp_path, body, 'integrals = "real line"')
    assert not errors, errors
    verdicts = [step_verdicts(o) for o in outcomes.values()]
    assert verdicts == [[Verdict.PROVED], [Verdict.PROVED], [Verdict.REFUTED]]  # E[x²] = s² + μ²
    shown = plain(parse_latex_expr("\\int t \\, dt", Context(unbounded_integrals=True)))
    assert shown == "Integral(t, [t, -_infinity, _infinity])"


def test_the_integrals_key_takes_one_value(tmp_path: Path) -> None:
    _, errors = _doc(tmp_path, "$$\\int P(x) \\, dx = 1$$\n", 'integrals = "positive reals"')
    assert any('write "real line"' in e.message for e in errors)
    with pytest.raises(ParseError, match='integrals = "real line"'):
        parse_latex_expr("\\int t \\, dt", Context())


@pytest.mark.parametrize(("text", "want"), [
    ("\\exp(\\|w\\|^2)", "exp(sqrt(dot(_normed(w), _normed(w)))^2)"),
    ("(\\|w\\| + 1)", "sqrt(dot(_normed(w), _normed(w))) + 1"),
    ("\\log(\\|w\\|)", "log(sqrt(dot(_normed(w), _normed(w))))"),  # a name before the bracket, but two bars
])
def test_a_norm_in_brackets_stays_a_norm(text: str, want: str) -> None:
    c = Context()
    c.declare_vector("w", 3)
    assert plain(parse_latex_expr(text, c)) == want


@pytest.mark.parametrize(("text", "fragment"), [
    ("(P \\| Q)", "unbalanced brackets"),  # no name before the bracket: the bar opens a norm
    ("a \\parallel b", "\\parallel"),
])
def test_a_bar_that_is_not_a_divergence_is_refused(text: str, fragment: str) -> None:
    c = Context()
    for n in "PQab":
        c.declare_symbol(n, "real")
    with pytest.raises(ParseError) as info:
        parse_latex_expr(text, c)
    assert fragment in info.value.message


def test_kl_of_two_values_is_not_a_divergence() -> None:
    """KL(a, b) with a, b numbers is an application (or refused), never the name KL(a‖b)."""
    c = Context()
    c.declare_symbol("a", "real")
    c.declare_symbol("b", "real")
    for f in ("p", "q"):
        c.functions[f] = UserFunction(f, ("t",), None)
    assert key_of("KL(p, q)", c) == "KL(p‖q)"
    assert key_of("KL(a, b)", c) is None
    assert key_of("KL(r \\| s)", c) == "KL(r‖s)"
    assert key_of("D_{\\mathrm{KL}}\\left(p \\| q\\right)", c) == "D_KL(p‖q)"
    assert key_of("p(q \\| q)", c) is None  # the file's own function p
    assert key_of("aKL(p \\| q)", c) is None  # a·KL, or the word aKL?


FUNCTIONS = ('"P(x)" = "exp(-(x-mu)**2/(2*s**2))/(sqrt(2*pi)*s)", '
             '"Q(x)" = "exp(-x**2/2)/sqrt(2*pi)"')
KL_PQ = "$$KL(P \\| Q) = \\int_{-\\infty}^{\\infty} P(x) \\log\\frac{P(x)}{Q(x)} \\, dx$$\n\n"


def test_the_divergence_at_exchanged_arguments_is_the_same_definition(tmp_path: Path) -> None:
    """KL(Q‖P) after KL(P‖Q) is its definition with P and Q exchanged, never a new name: KL
    is not symmetric, so "KL(Q‖P) = KL(P‖Q)" is refuted (it was once silently a definition)."""
    body = (KL_PQ + "$$KL(Q \\| P) = KL(P \\| Q)$$\n\n$$KL(P \\| P) = 0$$\n\n"
            "$$KL(Q \\| P) = \\log s + \\frac{1 + \\mu^2}{2 s^2} - \\frac{1}{2}$$\n")
    outcomes, errors = _doc(tmp_path, body)
    assert not errors, errors
    verdicts = [step_verdicts(o) for o in outcomes.values()]
    assert verdicts == [[Verdict.REFUTED], [Verdict.PROVED], [Verdict.PROVED]]


@pytest.mark.parametrize(("line", "fragment"), [
    ("$$xKL(P \\| Q) = 1$$", "x is the file's too"),  # x·KL(P‖Q), or the word xKL?
    ("$$2 = \\mu KL(P \\| Q)$$", "KL(P‖Q) is not defined here"),  # a product: μ·KL
])
def test_a_word_with_the_files_letters_is_not_a_divergence_name(
        tmp_path: Path, line: str, fragment: str) -> None:
    _, errors = _doc(tmp_path, line + "\n")
    assert errors and fragment in errors[0].message


def test_a_divergence_mapped_in_the_declarations_is_that_name(tmp_path: Path) -> None:
    path = write(tmp_path, "m.md", '```derivcheck\nsymbols = { a = "real" }\n'
                 'latex = { "D_{KL}(P \\\\| Q)" = "a" }\n```\n\n'
                 "$$D_{\\mathrm{KL}}(P \\| Q) = a$$\n\n$$D_{KL}(P\\|Q) = 3$$\n")
    outcomes, errors = check(path)
    assert [step_verdicts(o) for o in outcomes.values()] == [[Verdict.PROVED]]
    # = 3 gives the declared a a value (a definition, or a fact from elsewhere?): refused
    assert len(errors) == 1 and "a is declared a symbol" in errors[0].message, errors


def test_a_second_explicit_definition_in_one_section_is_refused(tmp_path: Path) -> None:
    kl = "KL(P \\| Q) := \\int_{-\\infty}^{\\infty} P(x) \\log\\frac{P(x)}{Q(x)} \\, dx"
    body = ("$$c := 2$$\n\n$$c := 3$$\n\n$$f(t) := t^2$$\n\n$$f(t) := t^3$$\n\n"
            f"$${kl}$$\n\n$${kl}$$\n")
    _, errors = _doc(tmp_path, body)
    assert [(e.line, e.message.split(" is defined already")[0]) for e in errors] == [
        (9, "c"), (13, "f"), (17, "KL(P‖Q)")]


@pytest.mark.parametrize("text", [
    "y \\, \\mathrm{d}y", "\\int_0^1 x \\, \\mathrm{d}x \\, \\mathrm{d}y", "\\mathrm{d}",
])
def test_a_differential_outside_an_integral_is_refused(text: str) -> None:
    c = Context()
    c.declare_symbol("y", "real")
    with pytest.raises(ParseError, match="differential"):
        parse_latex_expr(text, c)


def test_a_divergence_is_not_defined_by_a_value(tmp_path: Path) -> None:
    """D_KL(Q‖P) = 1/3 after KL(P‖Q) is defined: a constant of its own, from which
    D_KL(P‖P) = 1/3 was 'proved' by exchanging functions (from an adversary). Refused."""
    body = (KL_PQ + "$$D_{KL}(Q \\| P) = \\frac{1}{3}$$\n\n$$D_{KL}(P \\| P) = \\frac{1}{3}$$\n")
    outcomes, errors = _doc(tmp_path, body)
    assert all(Verdict.PROVED not in step_verdicts(o) for o in outcomes.values())
    assert "a divergence is defined by an expression in its two functions" in errors[0].message
    assert "could not be read" in errors[1].message
