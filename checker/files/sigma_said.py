"""What the prose says σ is, where that is not the sigmoid.

In LaTeX an undeclared ``\\sigma`` applied to something is the sigmoid, by convention. Pages
also write σ for the softmax ("Here $\\sigma$ denotes the softmax function", as Wikipedia
does) or for an activation they leave open ("where $\\sigma$ is an element-wise
nonlinearity"). Read as the sigmoid there, a line is checked for a function the page does not
mean: the softmax's Σ_j σ(z)_j = 1 was refuted, σ'(z) = σ(z)(1 − σ(z)) of an open activation
proved. So a page whose prose says σ is some other function has its displays that write an
undeclared ``\\sigma`` refused, with the declaration that says which (found once per page, as
the sizes the prose gives are: checker.files.memberships).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# σ named in the prose: $\sigma$, ${\sigma}$, $\sigma(\cdot)$, \(\sigma\), or σ itself
_MENTION = re.compile(r"\$\s*\{?\s*\\sigma\s*\}?\s*(?:\\left)?(?:\(\s*(?:\\cdot|[A-Za-z])?\s*"
                      r"(?:\\right)?\))?\s*\$|\\\(\s*\\sigma\s*\\\)|(?<![A-Za-z\\$])σ(?![A-Za-z])")
# a sentence: up to . ! ? followed by a space, a blank line, or a list item's start
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n\s*\n|\n(?=\s*(?:[-*+]|\d+[.)])\s)")
# words that name a function other than the sigmoid, or one the page leaves open
_OTHER = re.compile(
    r"softmax|\brelu\b|rectifi|\btanh\b|hyperbolic\s+tangent|softplus|heaviside|step\s+function|"
    r"non-?linearit|transfer\s+function|squashing|leaky|\bgelu\b|\bswish\b|\belu\b|"
    r"activation\s+(?:function|map)|"
    r"\b(?:an|any|some|arbitrary|generic|elementwise|element-wise|nonlinear|non-linear)\s+"
    r"(?:[a-z-]+\s+)?(?:activation|function)\b", re.I)
# words that say σ is the sigmoid after all, or a letter (a standard deviation, a scale)
_SIGMOID_OR_LETTER = re.compile(r"sigmoid|logistic|deviation|variance|\bstd\b|\bscale\b|noise",
                                re.I)


@dataclass(frozen=True)
class SigmaSaid:
    words: str  # the sentence, as written (shortened)
    line: int


def sigma_said(text: str, line_of: Callable[[int], int]) -> list[SigmaSaid]:
    """Each sentence of ``text`` that names σ beside words for another function than the
    sigmoid (the softmax, the ReLU, "an activation function"), and not beside the sigmoid's
    name or a standard deviation's."""
    out, at = [], 0
    for piece in [*_SENTENCES.split(text), ""]:
        start = text.find(piece, at) if piece else len(text)
        at = start + len(piece)
        if piece and _MENTION.search(piece) and _OTHER.search(piece) \
                and not _SIGMOID_OR_LETTER.search(piece):
            words = " ".join(piece.split())
            out.append(SigmaSaid(words if len(words) <= 120 else words[:117] + "…",
                                 line_of(start)))
    return out


def refusal(said: SigmaSaid) -> str:
    return (f"the prose at line {said.line} says “{said.words}”, but an undeclared \\sigma "
            "applied to something reads as the sigmoid: say which function σ is — one the page "
            "leaves open: functions = { \"sigma(x)\" = \"arbitrary\" }; the softmax: write "
            "\\operatorname{softmax}(z) — or, if it is the sigmoid, say so (\"$\\sigma$ is the "
            "sigmoid\") or declare it: latex = { \"\\\\sigma\" = \"sigmoid\" }")


def writes_sigma(latex: str) -> bool:
    """Whether a display writes \\sigma (not \\sigma^2 of a variance alone: that is a letter)."""
    return re.search(r"\\sigma(?![A-Za-z])", latex) is not None
