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
                      r"(?:\\right)?\))?\s*(?::[^$]*)?\$|\\\(\s*\\sigma\s*\\\)|"
                      r"(?<![A-Za-z\\$])σ(?![A-Za-z])")  # ($\sigma: \mathbb{R} \to \mathbb{R}$ too)
# a sentence: up to . ! ? followed by a space, a blank line, or a list item's start
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n\s*\n|\n(?=\s*(?:[-*+]|\d+[.)])\s)")
# words that name a function other than the sigmoid, or one the page leaves open
_OTHER = re.compile(
    r"softmax|\brelu\b|rectifi|\btanh\b|hyperbolic\s+tangent|softplus|heaviside|step\s+function|"
    r"non-?linearit|transfer\s+function|squashing|leaky|\bgelu\b|\bswish\b|\belu\b|"
    r"activation\s+(?:function|map)|\bsign(?:um)?\b|\bsgn\b|\bcdf\b|cumulative|probit|"
    r"\berf\b|error\s+function|\bidentity\b|arc\s*tan|\batan\b|piecewise|"
    r"\b(?:an|any|some|arbitrary|generic|elementwise|element-wise|nonlinear|non-linear)\s+"
    r"(?:[a-z-]+\s+)?(?:activation|function)\b", re.I)
# words that say σ is the sigmoid after all, or a letter (a standard deviation, a scale)
_SIGMOID_OR_LETTER = re.compile(r"sigmoid|logistic|deviation|variance|\bstd\b|\bscale\b|noise",
                                re.I)
# the sigmoid named as what σ is not: "not the sigmoid", "unlike the sigmoid", "the sigmoid is
# not used", "instead of the sigmoid"
_NOT_THE_SIGMOID = re.compile(r"\b(?:not|unlike|instead\s+of|rather\s+than|other\s+than|than)\s+"
                              r"(?:the\s+|a\s+)?(?:logistic\s+)?sigmoid|sigmoid\s+(?:function\s+)?"
                              r"(?:is|was)\s+not\b|\bno\s+(?:longer\s+)?(?:the\s+)?sigmoid", re.I)


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
        if piece and ((_MENTION.search(piece) and _OTHER.search(piece)
                       and not _SIGMOID_OR_LETTER.search(_NOT_THE_SIGMOID.sub(" ", piece)))
                      or _defines_sigma(piece)):
            words = " ".join(piece.split())
            out.append(SigmaSaid(words if len(words) <= 120 else words[:117] + "…",
                                 line_of(start)))
    return out


# σ given a value in the prose's math: "$\sigma(x) = \max(0, x)$", "$\sigma = \tanh$"
_DEFINED = re.compile(r"(?:\$|\\\()\s*\\sigma\s*(?:(?:\\left)?\(\s*[A-Za-z]?\s*(?:\\right)?\))?\s*"
                      r"(?::=|=|\\equiv|\\coloneqq)\s*([^$]*?)\s*(?:\$|\\\))")
# the sigmoid's own formula: 1/(1 + e^{-x}), e^x/(1 + e^x)
_SIGMOID_FORMULA = re.compile(r"1\s*\+\s*(?:e\s*\^|\\exp)")


def _defines_sigma(sentence: str) -> bool:
    """Whether the sentence's math gives σ a value other than the sigmoid's formula."""
    return any(m.group(1) and not _SIGMOID_FORMULA.search(m.group(1))
               for m in _DEFINED.finditer(sentence))


def refusal(said: SigmaSaid) -> str:
    return (f"the prose at line {said.line} says “{said.words}”, but an undeclared \\sigma "
            "applied to something reads as the sigmoid: say which function σ is — one the page "
            "leaves open: functions = { \"sigma(x)\" = \"arbitrary\" }; the softmax: write "
            "\\operatorname{softmax}(z) — or, if it is the sigmoid, say so (\"$\\sigma$ is the "
            "sigmoid\") or declare it: latex = { \"\\\\sigma\" = \"sigmoid\" }")


# e as a letter of the prose's math: "$e = y - wx$", "$y - wx = e$", "$e \in \mathbb{R}$",
# "$e$ denotes the error" (not "$e$ is Euler's number", "$e^{x}$", "$e \approx 2.718$")
_E_SIDE = re.compile(r"^\s*e\s*(?::=|=|\\equiv|\\coloneqq|\\in(?![A-Za-z])|∈)|(?<![<>!])=\s*e\s*$")
_E_ALONE = re.compile(r"\$\s*e\s*\$\s*(?:denotes|is|be|stands\s+for|represents|means|"
                      r"for|;|,\s*(?:the|a|an)\b)|"
                      r"\b(?:be|is|written|called|denoted(?:\s+by)?|named|as)\s+\$\s*e\s*\$", re.I)
_EULER = re.compile(r"euler|exponential|natural\s+(?:log|base)|2\.71|\\exp|base\s+of", re.I)
_INLINE = re.compile(r"\$([^$]+)\$")


def e_said(text: str, line_of: Callable[[int], int]) -> list[SigmaSaid]:
    """Each sentence of ``text`` whose math writes e as a letter of its own (an error, a
    residual), which every display reads as Euler's number."""
    out, at = [], 0
    for piece in [*_SENTENCES.split(text), ""]:
        start = text.find(piece, at) if piece else len(text)
        at = start + len(piece)
        if not piece or _EULER.search(piece):
            continue
        if _E_ALONE.search(piece) or any(_E_SIDE.search(m.group(1)) for m in _INLINE.finditer(piece)):
            words = " ".join(piece.split())
            out.append(SigmaSaid(words if len(words) <= 120 else words[:117] + "…",
                                 line_of(start)))
    return out


def e_refusal(said: SigmaSaid) -> str:
    return (f"the prose at line {said.line} says “{said.words}”: e a letter of its own, but e in "
            "a display is Euler's number, so the display would not mean what the prose does; "
            "write another letter for it (r, \\varepsilon), or declare e under symbols (then "
            "Euler's number is \\exp(1))")


def writes_e(latex: str) -> bool:
    """Whether a display writes e (e² of a residual and Euler's e^x look alike: either)."""
    text = re.sub(r"\\[A-Za-z]+", " ", latex)
    return re.search(r"(?<![A-Za-z_])e(?![A-Za-z])", text) is not None


def writes_sigma(latex: str) -> bool:
    """Whether a display writes \\sigma (not \\sigma^2 of a variance alone: that is a letter)."""
    return re.search(r"\\sigma(?![A-Za-z])", latex) is not None
