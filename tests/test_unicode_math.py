"""Unicode mathematics (σ, ∂, ·, −, x², W₁, ŷ, s’(x)) is read as the LaTeX it stands for."""

from __future__ import annotations

import pytest

from checker.api import check_latex
from checker.model import Verdict
from checker.parse.context import Context
from checker.parse.latex import parse_latex_expr
from checker.parse.latex_chain import parse_latex_chain
from checker.parse.tree import ParseError
from tests.test_latex import bare

PAIRS = [
    ("σ(x)(1 − σ(x))", r"\sigma(x)(1 - \sigma(x))"),
    (r"\frac{∂σ(x)}{∂x}", r"\frac{\partial \sigma(x)}{\partial x}"),
    ("x² + y³", "x^{2} + y^{3}"),
    ("x⁻¹ · y", r"x^{-1} \cdot y"),
    ("2 × x₁₂", r"2 \times x_{12}"),
    ("e^{−x}", "e^{-x}"),
    ("ŷ - y", r"\hat{y} - y"),
    ("y\u0302 - y", r"\hat{y} - y"),  # y followed by a combining circumflex
    ("x̄ + α", r"\bar{x} + \alpha"),
    ("ℓ + λ·θ", r"\ell + \lambda \cdot \theta"),
]


@pytest.mark.parametrize(("written", "latex"), PAIRS)
def test_unicode_reads_as_its_latex(written: str, latex: str) -> None:
    c = Context()
    for name in ("x", "y", "x12"):
        c.declare_symbol(name, "real")
    assert bare(parse_latex_expr(written, c)) == bare(parse_latex_expr(latex, c))


def test_curly_quote_and_prime_sign_are_primes() -> None:
    c = Context()
    c.declare_symbol("x", "real")
    for written in ("σ’(x)", "σ′(x)", r"\sigma'(x)"):
        assert bare(parse_latex_expr(written, c)) == bare(parse_latex_expr(r"\sigma'(x)", c))
    assert bare(parse_latex_expr("σ″(x)", c)) == bare(parse_latex_expr(r"\sigma''(x)", c))


def test_a_copied_derivation_is_checked() -> None:
    good = check_latex("σ’(x) = σ(x)(1 − σ(x))", {"symbols": {"x": "real"}})
    assert good.verdict is Verdict.PROVED
    bad = check_latex("σ’(x) = σ(x)(1 + σ(x))", {"symbols": {"x": "real"}})
    assert bad.verdict is Verdict.REFUTED


def test_unknown_characters_still_named() -> None:
    with pytest.raises(ParseError) as info:
        parse_latex_chain("x ⊕ y = 0", Context())
    assert "'⊕'" in info.value.message and "\\sigma" in info.value.message


def test_a_stray_mark_is_an_error() -> None:
    with pytest.raises(ParseError) as info:
        parse_latex_expr("2\u0302", Context())
    assert "not over a letter" in info.value.message


def test_hostile_unicode_is_refused_in_bounded_time() -> None:
    c = Context()
    c.declare_symbol("x", "real")
    with pytest.raises(ParseError) as info:
        parse_latex_expr("x" + "⁹" * 5000, c)
    assert "digits" in info.value.message
    with pytest.raises(ParseError) as info:
        parse_latex_expr("y\u0302\u0302", c)  # a mark over a mark
    assert "not over a letter" in info.value.message
    with pytest.raises(ParseError):
        parse_latex_expr("x" + "₍" * 3000, c)  # unbalanced subscript brackets


def test_greek_variants_are_the_letters_they_print() -> None:
    c = Context()
    for glyph, command in (("ε", "\\varepsilon"), ("ϵ", "\\epsilon"), ("φ", "\\varphi"),
                           ("ϕ", "\\phi")):
        assert bare(parse_latex_expr(glyph, c)) == bare(parse_latex_expr(command, c)), glyph


def test_a_pasted_root_covers_brackets_or_one_atom() -> None:
    ctx = {"symbols": {"x": "positive"}}
    assert check_latex("√(x²) = x", ctx).verdict is Verdict.PROVED
    assert check_latex("√x · √x = x", ctx).verdict is Verdict.PROVED
    assert check_latex("√2 x = x √2", ctx).verdict is Verdict.PROVED
    for written in ("√x² = x", "√2x = 2", "√xy = 1"):  # no bar: what does it cover?
        with pytest.raises(ParseError, match="a pasted √ shows no bar"):
            parse_latex_chain(written, Context())


@pytest.mark.parametrize("written", ["\\epsilon + \\varepsilon = 2\\epsilon", "φ + ϕ = 2φ",
                                     "ε = \\epsilon"])
def test_two_glyphs_of_one_letter_in_a_derivation_are_refused(written: str) -> None:
    """ε and ϵ (\\varepsilon and \\epsilon): one letter or two names? Neither is guessed."""
    checked = check_latex(written, {})
    assert checked.checks == () or all(c.result.verdict is Verdict.ERROR for c in checked.checks)
    assert any("the same letter in two glyphs, or two names?" in e for e in checked.errors)



@pytest.mark.parametrize(("written", "context", "message"), [
    ("\\varepsilon_1 = \\epsilon_1", {}, "the same letter in two glyphs, or two names?"),
    ("\\hat{\\varepsilon} = \\hat{\\epsilon}", {}, "the same letter in two glyphs, or two names?"),
    ("\\sqrt{ε^2} = ε", {"symbols": {"epsilon": "positive"}},
     "the file declares \\epsilon, the same letter in its other glyph"),
])
def test_glyphs_with_scripts_and_declared_glyphs(written: str, context: dict,
                                                 message: str) -> None:
    """Found by an adversary: ε_1 beside ϵ_1, and ε where ϵ is declared positive, were refuted."""
    checked = check_latex(written, context)
    assert any(message in e for e in checked.errors), checked.errors


def test_a_pasted_root_before_more_of_its_term_is_refused() -> None:
    """√x+1 and √x y may have lost their bar (√(x+1), √(xy)); √x + 1 spaced and √2 x are as
    printed."""
    ctx = {"symbols": {"x": "positive", "y": "positive"}}
    for written in ("√x+1 = 1 + √x", "√x y = y √x"):
        with pytest.raises(ParseError, match="a pasted √ shows no bar"):
            parse_latex_chain(written, Context())
    assert check_latex("√x + 1 = 1 + √x", ctx).verdict is Verdict.PROVED
