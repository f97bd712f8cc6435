"""Sequences a document defines by a recurrence, as definitions: ``m_t = β m_{t-1} + …``
recorded for :mod:`checker.parse.sequences` to read where a member is used, and ``m_0 = 0``
after it as the sequence's first value. The step forward, ``θ_{t+1} = θ_t − η g_t`` (gradient
descent as papers write it), is the same recurrence one index on: it is recorded as
``θ_t = θ_{t-1} − η g_{t-1}``."""

from __future__ import annotations

import re
from dataclasses import replace
from fractions import Fraction

from checker.files.common import Bad
from checker.parse import sequences
from checker.parse.context import Context
from checker.parse.latex_lexer import GREEK
from checker.parse.tree import (
    Bin,
    Defined,
    Name,
    Node,
    Num,
    ParseError,
    Pos,
    binder,
    map_children,
    walk,
)


def recurrence(ctx: Context, name: str, rhs_latex: str) -> bool:
    """m_t = β m_{t-1} + (1 − β) g_t, m a new name: a sequence defined by a recurrence
    (checker.parse.sequences), recorded; False for any other definition."""
    from checker.parse.latex import parse_latex_expr

    found = _sequence(ctx, name, rhs_latex)
    if found is None:
        return False
    written, index, way = found
    forward = way == "forward"
    base, at = written.lstrip("\\"), re.escape(written)
    if any(re.fullmatch(rf"{at}_\{{\s*{index}\s*-\s*1\s*\}}", k) for k in ctx.latex):
        return False  # latex = { "h_{t-1}" = "h_prev" }: one step, as the declarations say
    before = sorted(k for k in ctx.latex if re.fullmatch(rf"{at}_\{{?\s*[1-9]\d*\s*\}}?", k))
    if before:  # m_1 = 5, then m_t = m_{t-1} + 1: which m_1?
        raise Bad(f"{name} = …: {before[0]} is defined before this recurrence, which gives it a "
                  "value of its own: write the first value as m_0 (after the recurrence), or "
                  f"give one of the two another name", pos=Pos(1, 1))
    ctx.recurrences[base] = (index, None)  # its m_{t-1} is the member before, as it is read
    try:
        body = parse_latex_expr(rhs_latex, ctx)
    except ParseError:
        del ctx.recurrences[base]
        raise
    loose = sorted({n.id for n in walk(body) if isinstance(n, Name)} - {index, base, "E", "pi"}
                   - {n for n in {n.id for n in walk(body) if isinstance(n, Name)}
                      if ctx.kind(n) is not None or n in ctx.recurrences})
    if loose:  # read where it is used: a later definition of the letter would change it
        del ctx.recurrences[base]
        shown = sorted({re.sub(r"#[0-9a-f]{8}$", "", n).lstrip("\x00") for n in loose})
        stepped = sorted({n.split("_")[0] for n in shown
                          if re.fullmatch(rf"[A-Za-z]+_(?:{re.escape(index)}|\d+)", n)})
        how = (f"; {', '.join(n + '_' + index for n in stepped)} changes with {index}: declare "
               f"{' and '.join(stepped)} as a vector over the steps (dims = {{ {index} = "
               f"\"positive integer\" }}, vectors = {{ {stepped[0]} = \"{index}\" }})"
               ) if stepped else ""
        raise Bad(f"{name} = …: the recurrence uses {', '.join(shown)}, which "
                  f"{'is' if len(shown) == 1 else 'are'} not declared; a sequence is read where "
                  "it is used, so every letter of its recurrence must be declared (under "
                  f"symbols) or mapped{how}", pos=Pos(1, 1))
    ctx.recurrences[base] = (index, _one_back(body, index) if forward else body)
    if way == "backward":
        ctx.backward.add(base)  # (its last value comes in a display of its own: last_value)
    ctx.displayed.add(name)
    return True


def steps_forward(ctx: Context, lhs: str, rhs_latex: str) -> bool:
    """θ_{t+1} = … θ_t …, θ a new name: a display that defines a sequence by its step forward
    (recorded by :func:`recurrence`)."""
    found = _sequence(ctx, lhs, rhs_latex)
    return found is not None and found[2] in ("forward", "backward")


def _sequence(ctx: Context, name: str, rhs_latex: str) -> tuple[str, str, str] | None:
    """(the letter as written, the index, "forward", "backward" or "") where ``name = rhs``
    defines a sequence: m_t = … m_{t-1} …, θ_{t+1} = … θ_t … (a step forward) or G_t = …
    G_{t+1} … (through the member after), the letter new (a Greek one too)."""
    forward = re.fullmatch(r"([A-Za-z]|\\[A-Za-z]+)_\{\s*([A-Za-z])\s*\+\s*1\s*\}", name.strip())
    m = forward or re.fullmatch(r"([A-Za-z]|\\[A-Za-z]+)_\{?\s*([A-Za-z])\s*\}?", name.strip())
    if m is None or (m[1].startswith("\\") and m[1][1:] not in GREEK):
        return None
    written, index = m[1], m[2]
    base, at = written.lstrip("\\"), re.escape(written)
    before = rf"(?<![A-Za-z\\]){at}_(?:\{{\s*{index}\s*\}}|{index}(?![A-Za-z0-9]))" if forward \
        else rf"(?<![A-Za-z\\]){at}_\{{\s*{index}\s*-\s*1\s*\}}"
    after = rf"(?<![A-Za-z\\]){at}_\{{\s*{index}\s*\+\s*1\s*\}}"
    if ctx.kind(base) is not None or base in ctx.latex or written in ctx.latex \
            or base in ctx.recurrences:
        return None
    if not re.search(before, rhs_latex):
        if forward or not re.search(after, rhs_latex) or re.search(
                rf"(?<![A-Za-z\\]){at}_\{{\s*{index}\s*-", rhs_latex):
            return None
        backward = True  # G_t = r_{t+1} + γ G_{t+1}: through the member after
    else:
        backward = False
    if ctx.kind(index) == "symbol" and index not in ctx.dims:  # θ_{t+1} = θ_t + t, t real
        raise Bad(f"{name.strip()} = …: {index} is declared a symbol (a number of any value), and "
                  f"as the index of the sequence {written} it would be a whole number: declare "
                  f"{index} under dims, or write the sequence with another index letter",
                  pos=Pos(1, 1))
    return written, index, "forward" if forward is not None else "backward" if backward else ""


def _one_back(body: Node, index: str) -> Node:
    """The body with its free index t read as t − 1 (a sum that binds a letter t of its own
    keeps it; a definition's value is read in the file's scope, not looked into)."""
    def back(n: Node) -> Node:
        if isinstance(n, Name) and n.id == index:
            return Bin("-", n, Num(Fraction(1), n.pos), n.pos)
        if isinstance(n, Defined) or binder(n) == index:
            if binder(n) == index:  # (its range is outside it: t − 1 there too)
                body_, rng = n.args  # type: ignore[union-attr]
                return replace(n, args=(body_, replace(rng, items=(
                    rng.items[0], *(back(c) for c in rng.items[1:])))))
            return n
        return map_children(n, back)

    return back(body)


def first_value(ctx: Context, lhs: str) -> bool:
    """m_0 = 0 after m_t = … m_{t-1} …: the sequence's first value, once; G_3 = 0 after G_t =
    … G_{t+1} …: its last value, once (recorded: members are read back from it)."""
    m = re.fullmatch(r"([A-Za-z]|\\[A-Za-z]+)_\{?\s*(\d+)\s*\}?", lhs.strip())
    if m is None:
        return False
    written, base, k = m.group(1), m.group(1).lstrip("\\"), m.group(2)
    if base not in ctx.recurrences or any(  # (\theta_0 for θ_t = θ_{t−1} − …)
            key in ctx.latex for key in (f"{written}_{k}", f"{written}_{{{k}}}", f"{base}_{k}",
                                         f"{base}_{{{k}}}")):
        return False
    if base in ctx.backward:  # (one last value: no other member given yet)
        return sequences.last_value(ctx, base) is None
    return k == "0"

