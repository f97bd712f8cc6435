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
from collections.abc import Callable

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


def clean(text: str) -> str:
    """The spelling of a name without markup: ``D_{\\mathrm{KL}}`` → ``D_KL``."""
    text = _WRAPPED.sub(r"\1", text)
    text = re.sub(r"\\left|\\right|\\[,;:! ]|\s+|[{}]", "", text)
    return text.replace("\\", "")


def key(name: str, a: str, b: str) -> str:
    """The canonical name of the divergence ``name(a ‖ b)``."""
    return f"{clean(name)}({clean(a)}{SEPARATOR}{clean(b)})"


def key_of(latex: str, is_function: Callable[[str], bool]) -> str | None:
    """The divergence a LaTeX text is, whole, or None. ``KL(p, q)`` with a comma is one only
    where p and q are functions (``is_function`` of their plain names): KL of two values
    would be a function applied to them."""
    m = _WHOLE.fullmatch(latex)
    if m is None:
        return None
    if m["sep"] == "," and not (is_function(clean(m["a"])) and is_function(clean(m["b"]))):
        return None
    if is_function(clean(m["name"])):
        return None  # a function the file has: applied to its arguments
    return key(m["name"], m["a"], m["b"])


def separates(src: str, at: int, end: int) -> bool:
    """Whether the bar src[at:end] inside ``name( … )`` can only separate a divergence's two
    arguments: a name stands before the bracket, and no other bar follows before it closes
    (a norm's bar would need its partner there)."""
    opened = _enclosing_paren(src, at)
    if opened is None or NAME_BEFORE.search(src[:opened]) is None:
        return False
    level = 0
    k = end
    while k < len(src):
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
    while k >= 0:
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


def fold(toks: list, src: str, is_function: Callable[[str], bool]) -> list:
    """The tokens with each divergence written whole (name, bracket, two arguments) replaced
    by one token of kind ``label`` whose text is its canonical name. A bracket with a
    separator that is not such a divergence is left alone (the parser refuses the ‖)."""
    if not any(t.kind == "sep" or (t.kind == "comma" and t.depth) for t in toks):
        return toks
    out: list = []
    k = 0
    while k < len(toks):
        tok = toks[k]
        close = _close_of(toks, k) if tok.kind == "open" and tok.text == "(" else None
        found = None
        if close is not None:
            before = NAME_BEFORE.search(src, 0, tok.start)
            inner = [t for t in toks[k + 1:close] if t.depth == tok.depth + 1]
            if before is not None and any(t.kind in ("sep", "comma") for t in inner) and (
                    before.start() == 0 or not (src[before.start() - 1].isalpha()
                                                or src[before.start() - 1] == "\\")):
                name = key_of(src[before.start():toks[close].end], is_function)
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
        out.append(_replace(head, kind="label", text=name, start=start, end=toks[close].end))
        k = close + 1
    return out


def _close_of(toks: list, k: int) -> int | None:
    level = 0
    for j in range(k, len(toks)):
        if toks[j].kind == "open":
            level += 1
        elif toks[j].kind == "close":
            level -= 1
            if level == 0:
                return j
    return None


def _replace(tok: object, **changes: object) -> object:
    from dataclasses import replace
    return replace(tok, **changes)  # type: ignore[type-var]
