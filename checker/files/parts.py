"""Homework parts written as bold labels, not headings: ``**(a)**``, ``**Part (b)**``,
``**Problem 3.**`` in Markdown, ``\\textbf{(a)}`` in LaTeX, at the start of a line. Each starts
a section of its own, as a heading does (its definitions do not reach the next part), under
the heading it is written in: a problem's parts nest below the problem (level 7), its
lettered parts below that (level 8)."""

from __future__ import annotations

import re

_WORDED = (r"(?:(?:Part|Problem|Question|Exercise|Task)\s+\(?(?:\d{1,3}[a-z]?|[A-Za-z]|"
            r"[ivx]{1,4})\)?|Q\d{1,3})(?![A-Za-z])")
_LETTERED = r"\((?:[a-h]|i{1,3}|iv|vi{0,3})\)|[a-h][).](?=\s|\*|_|\}|$)"
_LABEL = rf"({_WORDED}|{_LETTERED})\s*[.:]?"
# **(b)**, - **(b)**, 1. **(b) Compute …**: bold at the start of a line or a list item
_MARKDOWN = re.compile(rf"^ {{0,3}}(?:[-*+][ \t]+|\d{{1,3}}[.)][ \t]+)?(?:\*\*|__)\s*{_LABEL}"
                       r"(?=\s|\*\*|__)", re.M | re.I)
# \textbf{(b)}, \noindent\textbf{(b)}, \item[(b)], \item \textbf{(b)}, \paragraph{(b) …}
_LATEX = re.compile(rf"^[ \t]*(?:\\noindent\s*|\\item\s*)?(?:\\textbf\{{\s*{_LABEL}\s*\}}|"
                    rf"\\paragraph\*?\{{\s*{_LABEL}[^{{}}]*\}})|^[ \t]*\\item\s*\[\s*{_LABEL}\s*\]",
                    re.M | re.I)
PROBLEM, PART = 7, 8  # below any heading (Markdown's go to 6, LaTeX's \subsubsection to 3)


def part_labels(text: str, syntax: str = "markdown") -> list[tuple[int, str, int]]:
    """(offset, label, level) of each part label in ``text`` (code and comments blanked);
    the offset is where the label ends: the rest of its line is the part's prose."""
    pattern = _LATEX if syntax == "latex" else _MARKDOWN
    out = []
    for m in pattern.finditer(text):
        found = next(g for g in m.groups() if g is not None)  # (one label group per form)
        label = " ".join(found.split()).rstrip(".:")
        level = PART if re.fullmatch(_LETTERED, label, re.I) or label.lower().startswith(
            "part") else PROBLEM
        out.append((m.end(), label, level))  # (where the part's own text begins)
    return out
