"""Divergences written D(P ‖ Q): ``KL(P \\| Q)``, ``D_{KL}(p \\parallel q)``,
``D_{\\mathrm{KL}}(P || Q)``, and ``KL(p, q)`` of two functions.

Such a term names one quantity by its whole spelling (the ‖ is not a norm's bar, and P, Q are
not values to apply a function to): a display defines it (``KL(P \\| Q) = \\int …``) and later
displays use it, as any defined name. Its name is canonical, so the same divergence written
with ``\\mathrm``, braces or spaces is the same name: ``D_{\\mathrm{KL}}(P \\| Q)`` and
``D_{KL}(P\\|Q)`` are both ``D_KL(P‖Q)``.

The lexer marks a bar that can only be such a separator (:func:`separates`); the parser
replaces the name, the brackets and the two arguments by one token (:func:`fold`); documents
find the same key on a definition's left side (:func:`key_of`).
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from checker.parse.tree import Call, Defined, Name, Node, ParseError, binder, map_children, walk

if TYPE_CHECKING:
    from checker.parse.context import Context

SEPARATOR = "‖"

_WRAPPED = re.compile(r"\\(?:mathrm|operatorname|text|textrm|mathit|mathsf)\s*\{([^{}]*)\}")
_NAME = (r"(?:\\(?:mathrm|operatorname|text|textrm|mathit|mathsf)\s*\{[A-Za-z]+\}|[A-Za-z]{1,4})"
         r"(?:\s*_\s*(?:\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|[A-Za-z]))?")
_ARG = r"\\?[A-Za-z]+(?:\s*_\s*(?:\{\s*\\?[A-Za-z0-9]+\s*\}|[A-Za-z0-9]|\\[A-Za-z]+))?"
_BAR = r"(?:\\\||\\parallel|\\Vert|\|\|)"
_SPACE = r"(?:\s|\\[,;:! ])*"  # spaces, and the spacing commands \, \; \: \! and "\ "
_OPEN, _CLOSE = r"(?:\\left\s*)?\(", r"(?:\\right\s*)?\)"
_WHOLE = re.compile(rf"{_SPACE}(?P<name>{_NAME}){_SPACE}{_OPEN}{_SPACE}(?P<a>{_ARG}){_SPACE}"
                    rf"(?P<sep>{_BAR}|,){_SPACE}(?P<b>{_ARG}){_SPACE}{_CLOSE}{_SPACE}")
NAME_BEFORE = re.compile(rf"(?:{_NAME}){_SPACE}$")
_REACH = 120  # a divergence's bracket is short: bars farther from theirs are never separators


def clean(text: str) -> str:
    """The spelling of a name without markup: ``D_{\\mathrm{KL}}`` → ``D_KL``."""
    text = _WRAPPED.sub(r"\1", text)
    text = re.sub(r"\\left|\\right|\\[,;:! ]|\s+|[{}]", "", text)
    return text.replace("\\", "")


def key(name: str, a: str, b: str) -> str:
    """The canonical name of the divergence ``name(a ‖ b)``."""
    return f"{clean(name)}({clean(a)}{SEPARATOR}{clean(b)})"


def parts(name: str) -> tuple[str, str, str]:
    """``KL(P‖Q)`` → ("KL", "P", "Q")."""
    head, _, rest = name.partition("(")
    a, _, b = rest[:-1].partition(SEPARATOR)
    return head, a, b


def key_of(latex: str, ctx: Context) -> str | None:
    """The divergence a LaTeX text is, whole, or None. ``KL(p, q)`` with a comma is one only
    where p and q are functions of the file: KL of two values would be a function applied
    to them. A name the file gives a meaning (a function, a declared or mapped name) is not
    one, nor is a word with a letter the file declares (xKL: x·KL, or the word?)."""
    m = _WHOLE.fullmatch(latex)
    if m is None or ambiguous(m["name"], ctx):
        return None
    if m["sep"] == "," and not (ctx.is_function(clean(m["a"])) and ctx.is_function(clean(m["b"]))):
        return None
    name = clean(m["name"])
    if ctx.kind(name) is not None or name in ctx.latex or "\\" + name in ctx.latex:
        return None  # the file's own function or name, applied to its arguments
    return key(m["name"], m["a"], m["b"])


def ambiguous(written: str, ctx: Context) -> str | None:
    """The letter of a bare word name (xKL, KL) that the file declares or defines, which
    makes the word letters multiplied as much as a name; None where the name is clear
    (``\\mathrm{KL}``, a word of letters the file does not use)."""
    if _WRAPPED.match(written.strip()):
        return None
    word = re.match(r"\s*([A-Za-z]+)", written)
    for letter in word.group(1) if word else "":
        if ctx.kind(letter) is not None or letter in ctx.latex:
            return letter
    return None


def defined_at_other(name: str, ctx: Context) -> str | None:
    """The divergence of the same name the file defines at other arguments (KL(P‖Q) for
    KL(Q‖P)), or None."""
    head = parts(name)[0]
    return next((k for k in ctx.latex if SEPARATOR in k and k != name and parts(k)[0] == head),
                None)


def instantiate(name: str, other: str, ctx: Context) -> Node | None:
    """KL(Q‖P) from the definition of KL(P‖Q): its right side with the two functions
    exchanged (all at once), where all four arguments are functions of the file and the
    right side applies them itself (not through another definition, whose meaning is where
    it is written). None where that is not so."""
    _, a, b = parts(name)
    _, a0, b0 = parts(other)
    body = ctx.latex[other]
    if all(ctx.kind(f) == "symbol" for f in (a, b, a0, b0)):
        return _numbers_in_place(body, {a0: a, b0: b})
    if not all(ctx.is_function(f) for f in (a, b, a0, b0)):
        return None
    called = {n.func for n in walk(body) if isinstance(n, Call)}
    if not {a0, b0} <= called:  # a body that does not apply its functions is no divergence
        return None
    if any(isinstance(n, Defined) and any(isinstance(m, Call) and m.func in (a0, b0)
                                          for m in walk(n.body)) for n in walk(body)):
        return None
    swap = {a0: a, b0: b}

    def rename(node: Node) -> Node:
        node = map_children(node, rename)
        if isinstance(node, Call) and node.func in swap:
            return Call(swap[node.func], node.args, node.pos)
        return node

    return rename(body)


def _numbers_in_place(body: Node, swap: dict[str, str]) -> Node | None:
    """KL(q‖p) from KL(p‖q) = p log(p/q) + … of two numbers (Bernoulli's): the right side with
    the two exchanged, all at once; None where they reach it through another definition (that
    one's p is where it is written) or a sum binds a letter of the same name."""
    if any((isinstance(n, Defined) and any(isinstance(m, Name) and m.id in swap
                                           for m in walk(n.body)))
           or binder(n) in swap for n in walk(body)):
        return None

    def rename(node: Node) -> Node:
        if isinstance(node, Name) and node.id in swap:
            return Name(swap[node.id], node.pos)
        return map_children(node, rename)

    return rename(body)


def separates(src: str, at: int, end: int) -> bool:
    """Whether the bar src[at:end] inside ``name( … )`` can only separate a divergence's two
    arguments: a name stands before the bracket, and no other bar follows before it closes
    (a norm's bar would need its partner there)."""
    opened = _enclosing_paren(src, at)
    if opened is None or NAME_BEFORE.search(src, max(0, opened - _REACH), opened) is None:
        return False
    level = 0
    k = end
    while k < min(len(src), end + _REACH):
        c = src[k]
        if c == "\\" and src.startswith("\\|", k):
            return False
        if c == "\\":
            k += 2
            continue
        if c == "|":
            return False
        if c in "({[":
            level += 1
        elif c in ")}]":
            if level == 0:
                return c == ")"
            level -= 1
        k += 1
    return False


def _enclosing_paren(src: str, at: int) -> int | None:
    """The offset of the ( that the text at ``at`` is directly inside, if it is a (."""
    level = 0
    k = at - 1
    while k >= max(0, at - _REACH):
        c = src[k]
        escaped = k > 0 and src[k - 1] == "\\"
        if c in ")}]" and not escaped:
            level += 1
        elif c in "({[" and not escaped:
            if level == 0:
                return k if c == "(" else None
            level -= 1
        k -= 1
    return None


def fold(toks: list, src: str, ctx: Context, match: list[int]) -> list:
    """The tokens with each divergence written whole (name, bracket, two arguments) replaced
    by one token of kind ``label`` whose text is its canonical name. A bracket with a
    separator that is not such a divergence is left alone (the parser refuses the ‖).
    ``match`` holds each bracket token's partner (checker.parse.latex_lexer._link)."""
    if not any(t.kind == "sep" or (t.kind == "comma" and t.depth) for t in toks):
        return toks
    out: list = []
    k = 0
    while k < len(toks):
        tok = toks[k]
        close = match[k] if tok.kind == "open" and tok.text == "(" else None
        found = None
        if close is not None:
            before = NAME_BEFORE.search(src, max(0, tok.start - _REACH), tok.start)
            inner = [t for t in toks[k + 1:close] if t.depth == tok.depth + 1]
            sep = next((t for t in inner if t.kind == "sep"), None)
            glued = before is not None and before.start() > 0 and (
                src[before.start() - 1].isalpha() or src[before.start() - 1] == "\\")
            if before is not None and sep is not None:
                letter = ambiguous(src[before.start():tok.start], ctx)
                if letter is not None or glued:
                    raise ParseError(f"{src[before.start():toks[close].end].strip()}: "
                                     f"{'the letters before it' if glued else letter} "
                                     f"{'are' if glued else 'is'} the file's too, so the name "
                                     "of the divergence cannot be told from a product: write "
                                     "it as \\mathrm{KL}(P \\| Q), or put \\cdot before it",
                                     sep.pos)
            if before is not None and not glued and any(t.kind in ("sep", "comma") for t in inner):
                name = key_of(src[before.start():toks[close].end], ctx)
                first = len(out)
                while first > 0 and out[first - 1].start >= before.start():
                    first -= 1
                if name is not None and (first == len(out) or out[first].start == before.start()):
                    found = (first, name, before.start())
        if found is None:
            out.append(tok)
            k += 1
            continue
        first, name, start = found
        head = out[first] if first < len(out) else tok
        del out[first:]
        out.append(replace(head, kind="label", text=name, start=start, end=toks[close].end))
        k = close + 1
    return out
