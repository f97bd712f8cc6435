"""A conditional bar between a function's arguments: p(y | x; w), p(y \\mid x).

Probability notation writes a density's arguments with a bar (and a semicolon before the
parameters): p(y | x; w) is the density of y given x, with parameters w. derivcheck reads
such a function the way the page defines it, as a function of all its arguments in order
(the bar and the semicolon separate them as a comma does), and nothing more:

- only a function the page defines with the bar (``p(y \\mid x; w) = …`` in a display) is
  used with one, and each use puts its bars where the definition has them: p(y | x) beside a
  definition p(y, x) (or the other way round) is refused, not read as the other;
- probability notation names a density by its letters (p(x | y) and p(y | x) are two
  different densities, so are p(x) and p(y)), so an argument of a use is the definition's own
  letter at that place, possibly with a subscript or a label (y_i, y^{(i)}), or a number
  (p(1 | x), the density at y = 1); p(x | y) after a definition of p(y | x) is refused, not
  read as the definition with its letters exchanged.

A bar in any other function's arguments is refused with what to write instead.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from checker.parse.tree import Index, Name, Node, Num, ParseError, Pos

if TYPE_CHECKING:
    from checker.parse.context import UserFunction

BAR = "|"
_ONE_BAR = r"\\mid(?![A-Za-z])|\\vert(?![A-Za-z])|(?<![\\|])\|(?!\|)"  # not \| nor ||
_SPLIT = re.compile(rf"\s*(,|;|{_ONE_BAR})\s*")


ELSEWHERE = ("a conditional bar (p(y \\mid x)) is read only in the arguments of a function the "
             "page defines with one, as in p(y \\mid x; w) = … in a display before (in this "
             "section, or a section this one is in: a definition under a sibling heading does "
             "not reach here); elsewhere write the density's expression out, or a function of "
             "all its arguments (p(y, x) = …)")


EVENT = ("P(Y = 1 | X = x): an event inside a probability's brackets is not read; define the "
         "probability as a function of the values, as in p(y \\mid x) = … in a display, and "
         "write p(1 \\mid x) for its value at y = 1")


def refusal(toks: list) -> str:
    """Why a bar outside a defined function's arguments is refused: an event (P(Y = 1 | …))
    where the tokens around it hold an '=', else ELSEWHERE."""
    return EVENT if any(t.kind == "rel" and t.text == "=" for t in toks) else ELSEWHERE


def split_params(params: str) -> tuple[str, tuple[int, ...]]:
    """A definition's parameters written with bars, as the comma-separated list the reader
    reads, and where the bars are: "y \\mid x; w" → ("y, x, w", (1,)), the bar before
    parameter 1 (0-based). Parameters without a bar come back unchanged (bars ())."""
    params = re.sub(r"\\right\s*$", "", re.sub(r"\\middle\s*(?=\||\\vert)", "", params))
    if not re.search(_ONE_BAR, params):  # (p\left(y \middle| x\right): its bar)
        return params, ()
    parts = _SPLIT.split(params.strip())
    names, bars = [parts[0]], []
    for sep, name in zip(parts[1::2], parts[2::2], strict=True):
        if sep not in (",", ";"):
            bars.append(len(names))
        names.append(name)
    return ", ".join(names), tuple(bars)


def shown(params: tuple[str, ...], bars: tuple[int, ...]) -> str:
    """The parameters as the page writes them: "y | x, w"."""
    out = params[0] if params else ""
    for k, p in enumerate(params[1:], start=1):
        out += f" | {p}" if k in bars else f", {p}"
    return out


def _shown(node: Node) -> str:
    return node.id if isinstance(node, Name) else "…"


def _stem(node: Node) -> str | None:
    """The letter an argument is written with: y for y, y_i, y^(i), y[i]; None otherwise."""
    if isinstance(node, Index):
        return _stem(node.target)
    if isinstance(node, Name):
        return re.split(r"_|\^\(|\^\[", node.id, maxsplit=1)[0]
    return None


# the letters probability notation names densities with: p(x) and p(y) may be two of them
DENSITY_LETTERS = frozenset({"p", "q", "P", "Q"})


def density(name: str) -> bool:
    """Whether a function the page defines is named as a density is (p, q, P, Q)."""
    return name.split("/")[0] in DENSITY_LETTERS


def check_call(label: str, args: tuple[Node, ...], bars: tuple[int, ...],
               fn: UserFunction | None, pos: Pos) -> None:
    """Refuse a use of a function whose bars do not match its definition's (``fn``: the
    page's function of that name, if any), or whose arguments are other letters than the
    definition's (see the module's doc); a density defined without a bar (p(y) = …) at another
    letter, p(x), too: p at x, or the density of x?"""
    params = fn.params if fn is not None and fn.body is not None else None
    defined = fn.bars if fn is not None else ()
    by_letters = fn is not None and fn.by_letters
    if by_letters and not bars and params is not None:
        for arg, param in zip(args, params, strict=False):
            if isinstance(arg, Name) and _stem(arg) != param:
                raise ParseError(f"{label} is defined as {label}({', '.join(params)}) = …, and "
                                 f"{label}({', '.join(_shown(a) for a in args)}) may be it at "
                                 f"{_shown(arg)} or the density of another variable (probability "
                                 f"notation names densities by their letters): write "
                                 f"{label}({param}) at the values meant, or give the other "
                                 f"density a name of its own ({label}_{_shown(arg)}, q)", pos)
    if not bars and not defined:
        return
    if params is None:
        raise ParseError(f"{label}(… | …): {label} is not defined with a bar; {ELSEWHERE}", pos)
    written = shown(params, defined)
    if bars != defined:
        raise ParseError(f"{label} is defined as {label}({written}), and this use puts its "
                         "bar elsewhere: a conditional density is another function than the "
                         f"joint one; write {label}({written}) with these arguments, or define "
                         "the other density", pos)
    for arg, param in zip(args, params, strict=False):
        if isinstance(arg, Num):
            continue
        stem = _stem(arg)
        if stem != param:
            raise ParseError(f"{label} is defined as {label}({written}), a density named by its "
                             f"letters: here {param} is written as something else, which may "
                             f"be another density ({label}(x | y) is not {label}(y | x) with "
                             f"the letters exchanged); write {param} (or {param}_i for a "
                             "sample, or a number) in that place, or define this density with "
                             "its own name", pos)
