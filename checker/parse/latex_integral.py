"""Definite integrals in LaTeX: ``\\int_{a}^{b} f(x) \\, dx`` (``\\mathrm{d}x`` too), read by the
LaTeX parser (checker/parse/latex.py) into ``Integral(f, (x, a, b))``.

The integrand runs to the differential d<variable> at the integral's depth; both bounds must
be written (an antiderivative is defined only up to a constant) and may be ±∞. What could be
read two ways is refused: a + or − before the differential outside brackets (∫(f + g) or
(∫f) + g?), ``dx`` where a symbol d is declared, a variable of integration that means
something else (e, π, σ, a declared vector or a mapped name).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from checker.parse.latex_lexer import GREEK
from checker.parse.latex_lexer import _Tok as Tok
from checker.parse.tree import (
    INFINITY,
    Call,
    Defined,
    Name,
    Node,
    ParseError,
    TupleLit,
    Unary,
    reached_names,
    walk,
)

if TYPE_CHECKING:
    from checker.parse.latex import _Parser as Parser


def integral(p: Parser) -> Node:
    """``\\int_{a}^{b} f(x) \\, dx`` (``\\mathrm{d}x`` too): the integrand runs to the
    differential d<variable>; the bounds may be ±∞ and must be written."""
    tok = p.t[p.i]
    p.i += 1
    bounds: dict[str, tuple[int, int]] = {}
    while (s := p.peek()) is not None and s.kind in ("sub", "sup"):
        if s.kind in bounds:
            raise ParseError(f"\\int has two {'lower' if s.kind == 'sub' else 'upper'} bounds", s.pos)
        p.i += 1
        bounds[s.kind] = p.arg(s, "a bound")
    if not bounds and p.ctx.unbounded_integrals:
        pass  # integrals = "real line": over the whole line, as the report's reading shows
    elif len(bounds) < 2:
        raise ParseError("an integral without both bounds is an antiderivative, defined only up "
                         "to a constant, and cannot be checked: write its bounds, as in "
                         "\\int_{0}^{1} f(x) \\, dx or \\int_{-\\infty}^{\\infty} p(x) \\, dx (or "
                         "declare integrals = \"real line\" where ∫ p(x) dx is over the whole "
                         "line)", tok.pos)
    start = p.i
    at = _differential(p, start, tok)
    var_tok = p.t[at + 1]
    var = var_tok.text
    shown = ("\\" if var_tok.kind == "cmd" else "") + var
    if p.t[at].kind == "letter" and p.ctx.kind("d") is not None:
        raise ParseError(f"d is declared here, so 'd{shown}' could be d times {shown}: write the "
                         f"differential as \\mathrm{{d}}{shown}", p.t[at].pos)
    if p.ctx.kind(var) not in (None, "symbol"):
        raise ParseError(f"the variable of integration {var!r} is declared as a "
                         f"{p.ctx.kind(var)}; integrate over another letter", var_tok.pos)
    if var in ("e", "pi", "sigma") or var in p.ctx.latex or "\\" + var in p.ctx.latex:
        what = {"e": "Euler's number", "pi": "π", "sigma": "the sigmoid"}.get(
            var, "a value a display defines (or [context] latex maps it to)")
        raise ParseError(f"d{var}: {var} names {what} here, so it cannot also be the variable "
                         "of integration; integrate over another letter", var_tok.pos)
    if at == start:
        raise ParseError("\\int needs an integrand before its differential", tok.pos)
    body = p.within(start, at, p.expr)
    for n in walk(body):  # y with y = wx, f(t) = t x: the file's x, which the integral's own
        fn = p.ctx.functions.get(n.func) if isinstance(n, Call) else None  # x is not
        inner = n.body if isinstance(n, Defined) else TupleLit(n.args) if isinstance(
            n, Call) and n.bare else fn.body if fn is not None and fn.body is not None \
            and var not in fn.params else None
        if inner is not None and var in reached_names(inner, p.ctx.body_of):
            what = n.name if isinstance(n, Defined) else (  # type: ignore[union-attr]
                f"{n.func} alone" if n.bare else f"{n.func}'s definition")  # type: ignore[union-attr]
            raise ParseError(f"d{var}: {what} is written in terms of {var}, and an integral's "
                             f"variable is its own, so whether {what} moves with it cannot be "
                             "told: write the integrand out, or integrate over another letter",
                             var_tok.pos)
    p.i = at + 2
    if not bounds:
        lo, hi = Unary("-", Name(INFINITY, tok.pos), tok.pos), Name(INFINITY, tok.pos)
    else:
        lo, hi = (p.within(*bounds[k], lambda: _bound(p)) for k in ("sub", "sup"))
    return Call("Integral", (body, TupleLit((Name(var, var_tok.pos), lo, hi), tok.pos)), tok.pos)


def _differential(p: Parser, k: int, owner: Tok) -> int:
    """Where the differential d<variable> of the integral starting at ``k`` is: the first
    one at the integral's depth (an integral inside takes the one after it). A + or −
    between shows a sum whose extent is not clear, and is refused."""
    base = owner.depth
    inner = 0
    first = k
    while k + 1 < p.end:
        t = p.t[k]
        if t.depth < base or (t.depth == base and t.kind in ("rel", "comma", "amp", "quad",
                                                             "break")):
            break
        if t.depth == base and t.kind == "cmd" and t.text == "int":
            inner += 1
        elif t.depth == base and t.kind == "op" and t.text in "+-" and k > first and not inner:
            raise ParseError("a + or − inside an integral before its differential: put the "
                             "integrand in brackets, \\int_a^b \\left(f + g\\right) dx", t.pos)
        elif t.depth == base and _is_differential(p, k):
            if not inner:
                return k
            inner -= 1
        k += 1
    raise ParseError("\\int without its differential: end the integrand with dx (or "
                     "\\mathrm{d}x), naming the variable of integration", owner.pos)


def _is_differential(p: Parser, k: int) -> bool:
    t, v = p.t[k], p.t[k + 1]
    d = (t.kind == "letter" and t.text == "d") or (t.kind == "text" and t.arg.strip() == "d")
    var = v.kind == "letter" or (v.kind == "cmd" and v.text in GREEK)
    after = p.t[k + 2] if k + 2 < p.end else None
    ends = after is None or after.kind in ("op", "rel", "close", "comma", "period", "quad",
                                           "amp", "break") or after.depth < t.depth \
        or (after.kind == "cmd" and after.text == "int") or _is_d(after)
    return d and var and ends and not (v.kind == "letter" and after is not None
                                       and after.kind == "letter" and after.glued)


def _is_d(t: Tok) -> bool:
    return (t.kind == "letter" and t.text == "d") or (t.kind == "text" and t.arg.strip() == "d")


def _bound(p: Parser) -> Node:
    """A bound of an integral: an expression, or ±∞."""
    start = p.i
    signs = p.signs()
    tok = p.peek()
    if tok is not None and tok.kind == "cmd" and tok.text == "infty" and p.i + 1 == p.end:
        p.i += 1
        node: Node = Name(INFINITY, tok.pos)
        for s in reversed(signs):
            node = Unary(s.text, node, s.pos)
        return node
    p.i = start
    return p.expr()
