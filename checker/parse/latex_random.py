"""Expectations, variances and covariances in LaTeX: ``E[X]``, ``\\mathbb{E}\\left[…\\right]``,
``\\operatorname{Var}(X)``, ``\\text{Var}[X]``, ``\\mathbb{V}[X]``, ``\\mathrm{Cov}(X, Y)``, read
by the LaTeX parser (checker/parse/latex.py) into ``expect(X)``, ``Var(X)``, ``Cov(X, Y)``.

They are read only where the file declares random variables (``random = {…}``), and only with
their argument in brackets; E stays a letter (an error, an energy) where the page defines E, and
an expectation with a subscript over a law written there is refused (the laws are the declared
ones), except over a density the file defines: ``\\mathbb{E}_{X \\sim p(x)}[f(X)]`` is the
integral of p(x) f(x) over the reals, which needs no declared random variable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from checker.parse.latex_lexer import _Tok as Tok
from checker.parse.tree import INFINITY, Bin, Call, Name, Node, ParseError, TupleLit, Unary

if TYPE_CHECKING:
    from checker.parse.latex import _Parser as Parser

# the word as written → (the reader's function, its number of arguments)
OPERATORS = {"E": ("expect", 1), "expect": ("expect", 1), "variance": ("Var", 1),
             "Var": ("Var", 1), "var": ("Var", 1), "Cov": ("Cov", 2), "cov": ("Cov", 2)}
WORDS = frozenset({"Var", "var", "Cov", "cov"})
NOT_DECLARED = ("random variables, expectations and variances are read only where the file "
                "declares what is random and its law, as in random = { x = \"N(0, 1)\", "
                "w = \"mean 0, variance v\" } (beside symbols and vectors)")


def is_operator(p: Parser, word: str) -> bool:
    """The word is an expectation's, variance's or covariance's here (not a name of the file)."""
    if not p.ctx.random or word not in OPERATORS or word in p.ctx.latex:
        return False
    if word == "E":
        return p.ctx.kind("E") in (None, "constant") and not p.ctx.functions.get("E")
    return p.ctx.kind(word) in (None, "builtin")


def operator(p: Parser, word: str, tok: Tok) -> Node:
    """At the token after the operator: its bracketed argument(s)."""
    name, arity = OPERATORS[word]
    shown = p.src[tok.start:tok.end]
    nxt = p.peek()
    if name == "expect" and nxt is not None and nxt.kind == "sub":
        over = _over_a_density(p, nxt)
        if over is not None:
            return over
    if not p.ctx.random:
        raise ParseError(f"{shown}: {NOT_DECLARED}", tok.pos)
    nxt = p.peek()
    if nxt is not None and nxt.kind in ("sub", "sup"):
        raise ParseError(f"{shown} with a {'subscript' if nxt.kind == 'sub' else 'superscript'}: "
                         "an expectation over a law written beside it (E_{x∼p}[…]) or a power "
                         "of the operator is not read; the laws are the declared ones: write "
                         f"{shown}[…] (and (E[…])^2 for a square)", nxt.pos)
    if nxt is None or nxt.kind != "open" or nxt.text not in ("(", "[", "\\{"):
        raise ParseError(f"{shown} must be followed by its argument in brackets, as in "
                         f"{shown}[X]" + (", Y]" if arity == 2 else ""), tok.pos)
    close = p.match[p.i]
    lo, p.i = p.i + 1, close + 1
    parts = p.split_commas(lo, close)
    if len(parts) != arity:
        what = "two arguments, Cov[X, Y]" if arity == 2 else f"one argument, {shown}[X]"
        raise ParseError(f"{shown} takes {what}", tok.pos)
    return Call(name, tuple(p.within(a, b, p.expr) for a, b in parts), tok.pos)


def _over_a_density(p: Parser, sub: Tok) -> Node | None:
    """E_{X ∼ p(x)}[f(X)] (or E_{X ∼ p}) with p a function of one variable that the file
    defines: ∫ p(X) f(X) dX over the reals (X bound by the integral: nothing of the file is
    captured). None where the subscript is anything else (the caller refuses it)."""
    k, toks = p.i + 1, p.t  # (p.i is at the subscript mark)
    if k >= p.end or toks[k].kind != "open" or toks[k].text != "{":
        return None
    lo, hi = k + 1, p.match[k]
    if hi - lo < 3 or toks[lo].kind != "letter" or toks[lo + 1].kind != "rel" \
            or toks[lo + 1].text != "sim" or toks[lo + 2].kind != "letter":
        return None
    var, density = toks[lo].text, toks[lo + 2].text
    if var in p.ctx.random:  # its law is declared: the subscript's, or that one? (refused)
        return None
    fn = p.ctx.functions.get(density)
    if fn is None or fn.body is None or len(fn.params) != 1:
        return None
    rest = toks[lo + 3:hi]  # p, p(x) or p(X): nothing else
    if rest and not (len(rest) == 3 and rest[0].text == "(" and rest[1].kind == "letter"
                     and rest[2].text == ")"):
        return None
    after = hi + 1
    if after >= p.end or toks[after].kind != "open" or toks[after].text not in ("(", "[", "\\{"):
        return None
    p.i = after
    close = p.match[after]
    body = p.within(after + 1, close, p.expr)
    p.i = close + 1
    x = Name(var, sub.pos)
    infinity = Name(INFINITY, sub.pos)
    return Call("Integral", (Bin("*", Call(density, (x,), sub.pos), body, sub.pos),
                             TupleLit((x, Unary("-", infinity, sub.pos), infinity), sub.pos)),
                sub.pos)


def unbraced(toks: list[Tok], match: list[int]) -> list[Tok]:
    """{\\mathbb{E}_{X ∼ p(x)}}[…]: braces around the operator and its subscript are layout
    (the bracket after them is its argument); the tokens without them (the same list where
    there are none)."""
    drop: set[int] = set()
    for k, t in enumerate(toks):
        if t.kind == "open" and t.text == "{" and k + 3 < len(toks) \
                and toks[k + 1].kind == "cmd" and toks[k + 1].text == "expect" \
                and toks[k + 2].kind == "sub" and toks[k + 3].kind == "open" \
                and toks[k + 3].text == "{" and match[k + 3] + 1 == match[k]:
            drop.update((k, match[k]))
    return [t for k, t in enumerate(toks) if k not in drop] if drop else toks
