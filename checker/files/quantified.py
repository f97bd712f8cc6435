"""Bounds said of every index: "Let $x_i < 0$ for all $i$.", "$w_j \\ge 0 \\; \\forall j$".

The quantifier is what makes the bound one on each member the displays write (x_1, x_2): the
reader takes the bound as the display's case where it would without the words (``strip``), and
:func:`checker.files.context.member_doubts` then makes it a hypothesis on each member, not
only on the letter x_i (``universal`` says which bounds are said so)."""

from __future__ import annotations

import re

from checker.files.letters import reader_name
from checker.files.names import as_case

# a bound on a subscripted letter, inline: $x_i < 0$, $0 \le w_{j}$, $\hat{y}_k > 0$
_RELATION = r"(?:<|>|\\[lg]eq?(?![A-Za-z])|\\[lg]eqslant|\\[lg]t(?![A-Za-z])|≤|≥)"
_LETTER = r"\\[A-Za-z]+\s*\{\s*\\?[A-Za-z]+\s*\}|\\[A-Za-z]+|(?<![A-Za-z\\])[A-Za-z]"
_BOUND = (rf"\$(?P<math>(?=[^$]*?{_RELATION})[^$]*?(?P<name>{_LETTER})_\{{?(?P<ix>[a-z])\}}?"
          r"[^$]*?)")


# … for all $i$ / for every i / for each $i$ (after the closing $), the index alone: "for all
# $i \in \{1, 3\}$", "for all i > 2", "for each i ≠ 2", "for all i but the second" are not
# every index
_END = r"(?=\s*(?:[.,;:!?]|\)|$|\band\b|\bwe\b|\bthen\b|\bhere\b))"
_WORDS = re.compile(_BOUND + r"(?P<close>\$)(?P<q>\s*,?\s*\(?\s*for\s+(?:all|every|each|any)\s+"
                    r"(?:\$\s*(?P=ix)\s*\$|(?P=ix)\b)" + _END + r"\s*\)?)", re.I)
# … \forall i inside the math, right before its closing $
_FORALL = re.compile(_BOUND + r"(?P<q>\s*(?:,|\\[,;:!]|\\q?quad(?![A-Za-z])|~)*\s*\\forall\s*"
                     r"(?P=ix)(?![A-Za-z])\s*)(?P<close>\$)")


def _blank(m: re.Match) -> str:
    start, end = m.span("q")
    text = m.group(0)
    cut = start - m.start()
    return text[:cut] + " " * (end - start) + text[cut + end - start:]


def strip(prose: str) -> str:
    """The prose with each such quantifier blanked out (its length kept, so that offsets into
    it stay right): the bound is then read as any "Let $x_i < 0$." is."""
    return _FORALL.sub(_blank, _WORDS.sub(_blank, prose))


def universal(prose: str) -> frozenset[tuple[str, str, str]]:
    """The bounds the prose says of every index, each as (letter, index, the bound as the
    reader writes it, without spaces): ("x", "i", "x_i<0") for "Let $x_i < 0$ for all $i$."."""
    out = set()
    for rx in (_WORDS, _FORALL):
        for m in rx.finditer(prose):
            bound = m["math"][:m.start("q") - m.start("math")] if rx is _FORALL else m["math"]
            key = _as_read(bound)
            for letter in re.finditer(rf"({_LETTER})_\{{?{m['ix']}\}}?(?![A-Za-z0-9])", bound):
                out.add((reader_name(letter[1]), m["ix"], key))  # (x_i < y_i: x's and y's)
    return frozenset(out)


def _as_read(bound: str) -> str:
    """A bound as the reader writes its hypothesis, without spaces (\\hat{y}_k > 0 → yhat_k>0,
    |x_i| < 10 → Abs(x_i)<10), to tell which hypothesis it is."""
    text = re.sub(r"\\[A-Za-z]+\s*\{\s*\\?[A-Za-z]+\s*\}", lambda m: reader_name(m[0]) or m[0],
                  as_case(bound))
    text = re.sub(r"\|\s*([^|]+?)\s*\|", r"Abs(\1)", text).replace("abs(", "Abs(")
    return re.sub(r"\s+", "", text)

