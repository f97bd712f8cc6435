"""A letter said to lie in an interval: ``Let $p \\in (0, 1)$.`` is ``Let $0 < p < 1$.``.

The prose readers know bounds (``0 < p < 1``), not membership of an interval, which they
refused ("x would be free to take any value"); :func:`as_bounds` writes one as the other in
the prose before the readers see it, keeping its length (offsets into it stay right), where the
bounds fit in the space the membership took; :func:`interval_case` gives the conditions of
``p, q \\in (0, 1)`` as a sentence's bound (a list of letters, an infinite end)."""

from __future__ import annotations

import re

from checker.files.names import as_case

_NAME = r"(?:\\[A-Za-z]+|[A-Za-z])(?:_\{?[A-Za-z0-9]\}?)?"
_END = r"-?\d+(?:\.\d+)?|-?\\frac\{\d+\}\{\d+\}"
_MEMBER = re.compile(rf"\$(\s*({_NAME})\s*(?:\\in(?![A-Za-z])|∈)\s*([(\[])\s*({_END})\s*,\s*"
                     rf"({_END})\s*([)\]])\s*)\$")


def _bounds(m: re.Match) -> str:
    name, lo, hi, inner = m[2], m[4], m[5], m[1]
    left, right = ("<" if m[3] == "(" else "\\le"), ("<" if m[6] == ")" else "\\le")
    for text in (f"{lo} {left} {name} {right} {hi}",  # 0 < p < 1, or as tight as it fits
                 f"{lo}{left} {name}{right} {hi}", f"{lo}{left}{name}{right}{hi}"):
        if len(text) <= len(inner) and not re.search(r"\\le[A-Za-z0-9]", text):
            return "$" + text + " " * (len(inner) - len(text)) + "$"
    return m.group(0)


def as_bounds(prose: str) -> str:
    """The prose with each ``$x \\in (a, b)$`` written ``$a < x < b$`` (``\\le`` at a closed
    end), where it fits."""
    return _MEMBER.sub(_bounds, prose)


# a list of letters in an interval whose ends may be infinite, as a sentence's bound states it
_ENDS = r"-?\d+(?:\.\d+)?|-?\\infty"
_INTERVAL = re.compile(rf"\s*({_NAME}(?:\s*,\s*{_NAME})*)\s*(?:\\in(?![A-Za-z])|∈)\s*"
                       rf"([(\[])\s*({_ENDS})\s*,\s*({_ENDS})\s*([)\]])\s*")


def interval_case(written: str) -> tuple[str, ...]:
    """``p, q \\in (0, 1)`` as the conditions it is (p > 0, p < 1, q > 0, q < 1), or ()."""
    m = _INTERVAL.fullmatch(written)
    if m is None:
        return ()
    out = []
    for name in (as_case(n.strip()) for n in m[1].split(",")):
        if "infty" not in m[3]:
            out.append(f"{name} {'>' if m[2] == '(' else '>='} {m[3]}")
        if "infty" not in m[4]:
            out.append(f"{name} {'<' if m[5] == ')' else '<='} {m[4]}")
    return tuple(out)
