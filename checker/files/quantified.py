"""Bounds said of every index: "Let $x_i < 0$ for all $i$.", "$w_j \\ge 0 \\; \\forall j$".

The quantifier is what makes the bound one on each member the displays write (x_1, x_2): the
reader takes the bound as the display's case where it would without the words (``strip``), and
:func:`checker.files.context.member_doubts` then makes it a hypothesis on each member, not
only on the letter x_i (``universal`` says which bounds are said so)."""

from __future__ import annotations

import re

from checker.files.letters import reader_name

# a bound on a subscripted letter, inline: $x_i < 0$, $0 \le w_{j}$, $\hat{y}_k > 0$
_BOUND = (r"\$(?P<math>[^$]*?(?P<name>\\[A-Za-z]+\s*\{\s*\\?[A-Za-z]+\s*\}|\\[A-Za-z]+|"
          r"(?<![A-Za-z\\])[A-Za-z])_\{?(?P<ix>[a-z])\}?"
          r"[^$]*?(?:<|>|\\[lg]eq?(?![A-Za-z])|\\[lg]eqslant|\\[lg]t(?![A-Za-z])|≤|≥)[^$]*?)")
# … for all $i$ / for every i / for each $i \in \{1, …, n\}$ (after the closing $)
_WORDS = re.compile(_BOUND + r"(?P<close>\$)(?P<q>\s*,?\s*\(?\s*for\s+(?:all|every|each|any)\s+"
                    r"(?:\$\s*(?P=ix)\s*(?:\\in\s*[^$]{1,40})?\$|(?P=ix)\b)\s*\)?)", re.I)
# … \forall i inside the math, before its closing $
_FORALL = re.compile(_BOUND + r"(?P<q>\s*(?:,|\\[,;:!]|\\q?quad(?![A-Za-z])|~)*\s*\\forall\s*"
                     r"(?P=ix)(?![A-Za-z])(?:\s*\\in\s*[^$]{1,40})?\s*)(?P<close>\$)")


def _blank(m: re.Match) -> str:
    start, end = m.span("q")
    text = m.group(0)
    cut = start - m.start()
    return text[:cut] + " " * (end - start) + text[cut + end - start:]


def strip(prose: str) -> str:
    """The prose with each such quantifier blanked out (its length kept, so that offsets into
    it stay right): the bound is then read as any "Let $x_i < 0$." is."""
    return _FORALL.sub(_blank, _WORDS.sub(_blank, prose))


def universal(prose: str) -> set[tuple[str, str]]:
    """The (letter, index) pairs whose bound the prose says of every index: {("x", "i")} for
    "Let $x_i < 0$ for all $i$."."""
    return {(reader_name(m["name"]), m["ix"]) for rx in (_WORDS, _FORALL)
            for m in rx.finditer(prose)}
