"""Evaluation bars: ``\\frac{d}{dx} x^2 \\Big|_{x=3}``, ``\\left. F \\right|_{x=1, y=0}``.

Before a display is read, the side a bar closes is written ``\\evalat{x}{3}{…}`` (nested, one
per value, where the bar gives several numbers) for the parser, and :func:`as_written` writes
that form back as the page's bar for reports and messages. A bar after several terms, or at
values that are not all numbers, becomes a marker the lexer refuses with its message.
"""

from __future__ import annotations

import re

_BAR = re.compile(r"(?:\\right\s*|\\(?:[Bb]igg?[lr]?)\s*)?(?:\||\\rvert|\\vert)\s*_\s*\{\s*"
                  r"((?:\\[A-Za-z]+|[A-Za-z])(?:_\{?\w+\}?)?)\s*=\s*([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}"
                  r"(?!\s*\^)")  # (not F|_{x=0}^{x=1}, a difference of two values)


_NUMBER = re.compile(r"\s*-?\s*(?:\d+(?:\.\d+)?|\\[dt]?frac\s*(?:\{\s*\d+\s*\}|\d)\s*(?:\{\s*\d+\s*\}|\d)"
                     r"|\\pi(?![A-Za-z]))\s*(?:\\[,;:! ]\s*)*")
_MORE_POINTS = re.compile(r"\s*,\s*(?:\\[,;:! ]\s*|\\q?quad\s*)*"
                          r"((?:\\[A-Za-z]+|[A-Za-z])(?:_\{?\w+\}?)?)\s*=\s*")


def _several_points(var: str, value: str) -> list[tuple[str, str]] | None:
    """The values an evaluation bar gives: x = 3, or x = 1, y = 0, w_1 = 2 (numbers only, so
    that one after the other is all at once: None for anything else)."""
    cuts = list(_MORE_POINTS.finditer(value))
    if not cuts:
        return [(var, value)]
    pairs, start, name = [], 0, var
    for c in cuts:
        pairs.append((name, value[start:c.start()]))
        name, start = c.group(1), c.end()
    pairs.append((name, value[start:]))
    names = [n for n, _ in pairs]
    if len(set(names)) != len(names) or not all(_NUMBER.fullmatch(v) for _, v in pairs):
        return None
    return [(n, v.strip()) for n, v in pairs]


def _several_terms(body: str) -> bool:
    """A + or − at the top level of a side, after its first term."""
    depth = 0
    for k, c in enumerate(body):
        if c in "({[":
            depth += 1
        elif c in ")}]":
            depth -= 1
        elif depth == 0 and c in "+-" and body[:k].strip() and not body[:k].rstrip().endswith(
                ("^", "_", "(", "{")):
            return True
    return False


def prepared(text: str) -> str:
    """``\\frac{d}{dx} x^2 \\Big|_{x=3}`` (or ``\\left. … \\right|_{x=3}``): the side before the
    bar, from the start of the side (or its \\left.), at x = 3, written \\evalat{x}{3}{…} for
    the parser. A bar that is the end of an absolute value (a | before it in the side) is
    left as it is."""
    for _ in range(20):  # one bar at a time (several in a display)
        m = _BAR.search(text)
        if m is None:
            return text
        start, depth = m.start(), 0
        k = start - 1
        while k >= 0:  # back to the start of the side: '=', '&', '\\', a relation, or '{'
            c = text[k]
            if c in ")}]":
                depth += 1
            elif c in "({[":
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0 and (c in "=&<>" or text.startswith("\\\\", k - 1)):
                break
            k -= 1
        side = text[k + 1:start]
        left = side.rfind("\\left.")
        lead = side[:left] if left >= 0 else side[:len(side) - len(side.lstrip())]
        body = side[left + len("\\left."):] if left >= 0 else side.strip()
        if "|" in body.replace("\\|", "") and m.group(0).lstrip().startswith("|"):
            return text  # (|x|_{…}: an absolute value's bar, not an evaluation)
        if left < 0 and _several_terms(body):  # |x| + f'(x) |_{x=1}: the side, or f' only?
            return text[:m.start()] + " \\evalbarwhich " + text[m.end():]
        at = _several_points(m.group(1), m.group(2))  # |_{x=1, y=0}: every one at once
        if at is None:  # (its \\left. blanked: the bar's own message, not that one's)
            side = lead + " " * len("\\left.") + body if left >= 0 else side
            return text[:k + 1] + side + " \\evalbarpoints " + text[m.end():]
        for var, value in reversed(at):
            body = f"\\evalat{{{var}}}{{{value}}}{{{body}}}"
        text = text[:k + 1] + lead + body + text[m.end():]
    return text


def _braced_groups(text: str, j: int, n: int) -> tuple[list[str], int] | None:
    """The contents of the n {…} groups from text[j], and where they end; None if not there."""
    groups = []
    for _ in range(n):
        if j >= len(text) or text[j] != "{":
            return None
        depth, start = 0, j
        while j < len(text):
            depth += {"{": 1, "}": -1}.get(text[j], 0) if text[j - 1] != "\\" else 0
            j += 1
            if depth == 0:
                break
        groups.append(text[start + 1:j - 1])
    return groups, j


def as_written(text: str) -> str:
    """A piece of a prepared display with each \\evalat{x}{a}{F} written back as the page's
    bar, \\left. F \\right|_{x=a} (several nested ones as one bar, |_{x=1, y=0}), for reports
    and messages (the parser's own form is not what anyone wrote)."""
    out, k = [], 0
    while (at := text.find("\\evalat{", k)) >= 0:
        found = _braced_groups(text, at + len("\\evalat"), 3)
        if found is None:
            break
        out.append(text[k:at])
        (var, value, body), k = found
        points = [f"{var}={value}"]
        while body.startswith("\\evalat{") and (inner := _braced_groups(
                body, len("\\evalat"), 3)) is not None and inner[1] == len(body):
            points.append(f"{inner[0][0]}={inner[0][1]}")
            body = inner[0][2]
        out.append(f"\\left. {as_written(body).strip()} \\right|_{{{', '.join(points)}}}")
    return re.sub(r"\s*\\evalbar(?:which|points)\b", r" \\right|_{…}", "".join(out) + text[k:])
