"""Sequences a document defines by a recurrence: ``m_t = \\beta m_{t-1} + (1 - \\beta) g_t``,
with its first value a display of its own (``m_0 = 0``, or m_0 a declared symbol; without it a
member is refused: ``m_1 = …`` could be the first value as well as a claim).

A member at a number is the recurrence unrolled down to the first value (``m_3`` is
β(β(β m_0 + (1 − β) g_1) + (1 − β) g_2) + (1 − β) g_3). A member at a symbolic index (m_t with
t a dimension, a free index, m_{t-1}) is the recurrence solved: where it is linear in the member
before, with a coefficient a that depends on neither the index nor the sequence,
m_t = a^t m_0 + Σ_{j=0}^{t−1} a^j b_{t−j}, for every t ≥ 0 (a sum the every-n engine decides); any
other recurrence at a symbolic index is refused. The recurrence holds from index 1 on: a member
below 0 is refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy as sp

from checker.parse.tree import Call, Name, ParseError, walk

if TYPE_CHECKING:
    from checker.parse.evaluate import Evaluator

MAX_UNROLL = 64  # members at a number, unrolled
MAX_BITS = 4096  # of a number in a member (a square's recurrence doubles them at each step)


def member(ev: Evaluator, node: Call) -> sp.Expr:
    """The value of ``_seq(m, at)``."""
    base = next(n.id for n in walk(node.args[0]) if isinstance(n, Name))  # (a Choice when
    index, body = ev.ctx.recurrences[base]  # read inside a derivative)
    if body is None:  # inside the recurrence's own body, while it is read
        raise ParseError(f"{base}_… inside the recurrence that defines {base}: read where the "
                         "recurrence is used", node.pos)
    at = ev.visit(node.args[1])
    if not isinstance(at, sp.Expr) or at.is_integer is not True:
        raise ParseError(f"{base}_{{{sp.sstr(at)}}}: the index of a sequence must be an integer",
                         node.pos)
    held = getattr(ev, "_held", {})
    if (base, at) in held:  # the member before, while the recurrence is solved
        return held[(base, at)]
    if at.is_Integer:
        return _unrolled(ev, base, index, body, int(at), node)
    if at.is_nonnegative is not True:
        raise ParseError(f"{base}_{{{sp.sstr(at)}}}: the sequence starts at {base}_0, and "
                         f"{sp.sstr(at)} may be below 0", node.pos)
    return _solved(ev, base, index, body, at, node)


def _first(ev: Evaluator, base: str, node: Call) -> sp.Expr:
    """m_0, as the document writes it (a display m_0 = 0 before this one, or a declared
    symbol m_0); without it m_1 = … could be the first value as well as a claim: refused."""
    for written in (f"{base}_0", f"{base}_{{0}}"):
        if written in ev.ctx.latex:
            return ev.visit(ev.ctx.latex[written])
    if ev.ctx.kind(f"{base}_0") == "symbol":
        return ev.ctx.symbols[f"{base}_0"]
    raise ParseError(f"{base}_0, the first value of the sequence {base}, is not given before this "
                     f"line, so a line about {base} at a number (or in closed form) cannot be "
                     f"read: write it (\\[{base}_0 = 0\\]) after the recurrence, or declare "
                     f"{base}_0 a symbol", node.pos)


def _at(ev: Evaluator, body: object, index: str, value: sp.Expr) -> sp.Expr:
    """The recurrence's body at an index, read in the file's scope (as a definition is: no sum
    or function parameter of the line that uses the sequence binds a letter of it)."""
    saved = ev.env
    ev.env = {index: value}
    try:
        out = ev.visit(body)
    finally:
        ev.env = saved
    if not isinstance(out, sp.Expr):
        raise ParseError("a sequence's recurrence must give a scalar", getattr(body, "pos", None))
    return out


def _unrolled(ev: Evaluator, base: str, index: str, body: object, k: int, node: Call) -> sp.Expr:
    if k < 0:
        raise ParseError(f"{base}_{{{k}}}: the sequence starts at {base}_0", node.pos)
    if k > MAX_UNROLL:
        raise ParseError(f"{base}_{{{k}}}: members are unrolled up to {MAX_UNROLL}", node.pos)
    memo = ev.__dict__.setdefault("_unrolled", {})  # (read in the file's scope: by (m, k))
    if k == 0:
        return _first(ev, base, node)
    busy = ev.__dict__.setdefault("_unrolling", set())
    if (base, k) in busy:
        raise ParseError(f"{base}_{{{k}}} is needed to work out {base}_{{{k}}} itself (its "
                         "recurrence, or its first value, refers to it)", node.pos)
    if (base, k) not in memo:
        busy.add((base, k))
        try:
            value = _at(ev, body, index, sp.Integer(k))
        finally:
            busy.discard((base, k))
        if any(max(a.p.bit_length(), a.q.bit_length()) > MAX_BITS
               for a in value.atoms(sp.Rational)):  # h_t = h_{t-1}² + 1: h_13 has 4000 digits
            raise ParseError(f"{base}_{{{k}}} unrolled holds a number of more than "
                             f"{MAX_BITS} bits: too large to read", node.pos)
        memo[(base, k)] = value
    return memo[(base, k)]


def _solved(ev: Evaluator, base: str, index: str, body: object, at: sp.Expr,
            node: Call) -> sp.Expr:
    """m at a symbolic index, from a linear recurrence m_t = a m_{t-1} + b_t."""
    t = sp.Dummy(index, integer=True, positive=True)
    before = sp.Dummy(f"{base}_prev", real=True)
    held = ev.__dict__.setdefault("_held", {})
    held[(base, t - 1)] = before
    try:
        value = _at(ev, body, index, t)
    finally:
        del held[(base, t - 1)]
    refs = [n for n in walk(body) if isinstance(n, Call) and n.func == "_seq"
            and n.args[0].id == base]  # type: ignore[union-attr]
    a = sp.expand(sp.diff(value, before))
    rest = sp.expand(value - a * before)
    if value.has(sp.Derivative) or a.has(before) or a.has(t) or rest.has(before) \
            or len(refs) != 1 or not value.has(before):
        raise ParseError(f"{base} at a symbolic index: its recurrence is not linear in "
                         f"{base}_{{{index}-1}} with a coefficient free of {index} (such a "
                         f"sequence is read at numbers only: write {base}_3 …)", node.pos)
    j = sp.Dummy("j", integer=True)  # the latest term first: its summand is free of `at`
    return a**at * _first(ev, base, node) + sp.Sum(a**j * rest.xreplace({t: at - j}),
                                                   (j, 0, at - 1))
