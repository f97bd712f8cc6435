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

import re
from typing import TYPE_CHECKING

import sympy as sp

from checker.parse.tree import Call, Name, ParseError, walk

if TYPE_CHECKING:
    from checker.parse.context import Context
    from checker.parse.evaluate import Evaluator

MAX_UNROLL = 64  # members at a number, unrolled
MAX_STEPS_BACK = 16  # ∂h_t/∂h_{t-k}: the recurrence unrolled k steps from h_{t-k}
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
    if base in ev.ctx.backward:
        return _read_back(ev, base, index, body, at, node)
    if at.is_Integer:
        return _unrolled(ev, base, index, body, int(at), node)
    if at.is_nonnegative is not True:
        raise ParseError(f"{base}_{{{sp.sstr(at)}}}: the sequence starts at {base}_0, and "
                         f"{sp.sstr(at)} may be below 0", node.pos)
    return _solved(ev, base, index, body, at, node)


def last_value(ctx: Context, base: str) -> tuple[int, str] | None:
    """The member of a sequence read back (G_t = … G_{t+1} …) that the page gives: (its index,
    its key in the page's definitions), or None."""
    for key in ctx.latex:
        m = re.fullmatch(r"\\?([A-Za-z]+)_\{?(\d+)\}?", key)
        if m is not None and m[1] == base:
            return int(m[2]), key
    return None


def _read_back(ev: Evaluator, base: str, index: str, body: object, at: sp.Expr,
               node: Call) -> sp.Expr:
    """G_k of G_t = r_{t+1} + γ G_{t+1} with its last value G_T given: the recurrence unrolled
    from k up to T (at numbers only: no closed form is read for it)."""
    last = last_value(ev.ctx, base)
    if last is None:
        raise ParseError(f"{base}_…: the sequence {base} is defined through the member after, "
                         f"and its last value is not given before this line: write it "
                         f"(\\[{base}_T = 0\\], T a number) after the recurrence", node.pos)
    end, key = last
    if not at.is_Integer:
        raise ParseError(f"{base}_{{{sp.sstr(at)}}}: a sequence read back from its last value "
                         f"({base}_{end}) is read at numbers only ({base}_{max(end - 1, 0)} …)",
                         node.pos)
    k = int(at)
    if k > end or k < 0:
        raise ParseError(f"{base}_{{{k}}}: the sequence runs from {base}_0 to its last value "
                         f"{base}_{end}", node.pos)
    if k == end:
        return ev.visit(ev.ctx.latex[key])
    if end - k > MAX_UNROLL:
        raise ParseError(f"{base}_{{{k}}}: members are unrolled up to {MAX_UNROLL} steps",
                         node.pos)
    memo = ev.__dict__.setdefault("_unrolled", {})
    if (base, k) not in memo:
        memo[(base, k)] = _at(ev, body, index, sp.Integer(k))  # (its G_{t+1}: the one after)
    return memo[(base, k)]


def _first(ev: Evaluator, base: str, node: Call) -> sp.Expr:
    """m_0, as the document writes it (a display m_0 = 0 before this one, or a declared
    symbol m_0); without it m_1 = … could be the first value as well as a claim: refused."""
    for written in (f"{base}_0", f"{base}_{{0}}", f"\\{base}_0", f"\\{base}_{{0}}"):
        if written in ev.ctx.latex:
            return ev.visit(ev.ctx.latex[written])
    for declared in (f"{base}_0", f"{base}0"):  # (h0 declared: h_0, as W_1 is W1)
        if ev.ctx.kind(declared) == "symbol":
            return ev.ctx.symbols[declared]
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
    refs = [n for n in walk(body) if isinstance(n, Call) and n.func == "_seq"
            and n.args[0].id == base]  # type: ignore[union-attr]
    # m_{t-1} as often as it is written, and nothing further back
    linear = bool(refs) and all(_at(ev, r.args[1], index, t) == t - 1 for r in refs)
    if linear:
        held = ev.__dict__.setdefault("_held", {})
        held[(base, t - 1)] = before
        known = set(ev.domain)
        try:
            value = _at(ev, body, index, t)
        finally:
            del held[(base, t - 1)]
        needs = [r for r in ev.domain if r not in known and t in getattr(r, "free_symbols", ())]
        if needs:
            shown = ", ".join(sp.sstr(r.xreplace({t: sp.Symbol(index)})) for r in needs)
            raise ParseError(f"{base} at a symbolic index: its recurrence is not defined at "
                             f"every index (it needs {shown}), so no closed form holds for every "
                             f"{index}: write members at numbers ({base}_3 …)", node.pos)
        a = sp.expand(sp.diff(value, before))
        rest = sp.expand(value - a * before)
    if not linear or value.has(sp.Derivative) or a.has(before) or a.has(t) \
            or rest.has(before) or not value.has(before):
        raise ParseError(f"{base} at a symbolic index: its recurrence is not linear in "
                         f"{base}_{{{index}-1}} with a coefficient free of {index} (such a "
                         f"sequence is read at numbers only: write {base}_3 …)", node.pos)
    j = sp.Dummy("j", integer=True)  # the latest term first: its summand is free of `at`
    return a**at * _first(ev, base, node) + sp.Sum(a**j * rest.xreplace({t: at - j}),
                                                   (j, 0, at - 1))


def partial(ev: Evaluator, node: Call) -> sp.Expr:
    """``_seq_partial(h_a, h_b)``: ∂h_a/∂h_b of a sequence the document defines, a − b a
    positive whole number k (backpropagation through time: ∂h_t/∂h_{t-1}, ∂h_3/∂h_1). The
    recurrence is unrolled k steps from a variable H standing for h_b (every other letter of
    it held, the inputs x_t too), differentiated in H, and H is then h_b's own value: the chain
    rule through the steps between, as the computational graph has it."""
    top, low = node.args
    base = next(n.id for n in walk(top.args[0]) if isinstance(n, Name))  # type: ignore[union-attr]
    index, body = ev.ctx.recurrences[base]
    a, b = ev.visit(top.args[1]), ev.visit(low.args[1])  # type: ignore[union-attr]
    steps = sp.simplify(a - b) if isinstance(a, sp.Expr) and isinstance(b, sp.Expr) else None
    if steps is None or not steps.is_Integer or steps < 0:
        raise ParseError(f"∂{base}_{{{sp.sstr(a)}}}/∂{base}_{{{sp.sstr(b)}}}: the member on top "
                         "must come a whole number of steps after the one below", node.pos)
    if steps == 0:
        return sp.Integer(1)
    if steps > MAX_STEPS_BACK:
        raise ParseError(f"∂{base}_…/∂{base}_…: at most {MAX_STEPS_BACK} steps back are "
                         "unrolled", node.pos)
    if (b.is_Integer and b < 0) or (not b.is_Integer and b.is_nonnegative is not True):
        raise ParseError(f"{base}_{{{sp.sstr(b)}}}: the sequence starts at {base}_0, and "
                         f"{sp.sstr(b)} may be below 0", node.pos)
    h = sp.Dummy(f"{base}_at", real=True)
    held = ev.__dict__.setdefault("_held", {})
    value: sp.Expr = h
    try:
        for k in range(1, int(steps) + 1):
            held[(base, b + k - 1)] = value
            value = _at(ev, body, index, b + k)
    finally:
        for k in range(1, int(steps) + 1):
            held.pop((base, b + k - 1), None)
    return sp.diff(value, h).xreplace({h: member(ev, low)})  # type: ignore[arg-type]
