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

# "$\sigma$ denotes …", "$\sigma(\cdot)$ is …", "$\sigma$, which stands for …"
_SAID = re.compile(
    r"\$\s*\\sigma\s*(?:\\left)?(?:\(\s*(?:\\cdot|[A-Za-z])?\s*(?:\\right)?\))?\s*\$\s*,?\s*"
    r"(?:which\s+|that\s+)?(?:denotes|is|stands\s+for|represents|means|will\s+denote|is\s+"
    r"defined\s+as|refers\s+to|is\s+used\s+for)\s+(?P<what>[^.;:$]{1,80})", re.I)
# "the activation function $\sigma$", "a nonlinearity $\sigma$"
_NAMED = re.compile(r"(?P<what>\b(?:[A-Za-z-]+\s+){0,3}(?:activation|non-?linearity|non-?linear"
                    r"\s+function|transfer\s+function|squashing\s+function)(?:\s+function)?)"
                    r"\s*\$\s*\\sigma\s*(?:\(\s*(?:\\cdot|[A-Za-z])?\s*\))?\s*\$", re.I)
_SIGMOID = re.compile(r"sigmoid|logistic", re.I)
_OTHER = re.compile(r"softmax|activation|non-?linear|relu|rectifi|tanh|hyperbolic|function|"
                    r"transfer|squash|step|identity", re.I)


@dataclass(frozen=True)
class SigmaSaid:
    words: str  # the sentence's words, as written
    line: int


def sigma_said(text: str, line_of: Callable[[int], int]) -> list[SigmaSaid]:
    """Where ``text`` says σ is a function other than the sigmoid (nothing where it says σ is
    the sigmoid, or a standard deviation, or says nothing)."""
    out = []
    for m in [*_SAID.finditer(text), *_NAMED.finditer(text)]:
        what = m["what"]
        before = text[max(0, m.start() - 40):m.start()]
        if _SIGMOID.search(what) or _SIGMOID.search(before) or not _OTHER.search(what):
            continue
        out.append(SigmaSaid(" ".join(m.group(0).split()), line_of(m.start())))
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
