"""Expectations, variances and covariances in LaTeX: ``E[X]``, ``\\mathbb{E}\\left[…\\right]``,
``\\operatorname{Var}(X)``, ``\\text{Var}[X]``, ``\\mathbb{V}[X]``, ``\\mathrm{Cov}(X, Y)``, read
by the LaTeX parser (checker/parse/latex.py) into ``expect(X)``, ``Var(X)``, ``Cov(X, Y)``.

They are read only where the file declares random variables (``random = {…}``), and only with
their argument in brackets; E stays a letter (an error, an energy) where the page defines E, and
an expectation with a subscript (E_{x∼p}[…], over a law written there) is refused: the laws are
the declared ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from checker.parse.latex_lexer import _Tok as Tok
from checker.parse.tree import Call, Node, ParseError

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
