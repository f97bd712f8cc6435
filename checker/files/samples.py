"""The examples a page writes with a label: ``y^{(i)}``, Andrew Ng's i-th example.

``\\sum_{i=1}^{m} (w x^{(i)} - y^{(i)})^2`` says what ``\\sum_{i=1}^{m} (w x_i - y_i)^2`` says: x
and y are sequences of m numbers, written at the sum's index. A page without a declaration
block was refused ("its label names one sample, which the sum over i does not run through");
now a letter the page writes *only* with a one-letter label (never alone, never with a
subscript, a number or anything else in the label) is read by :mod:`checker.files.implicit`
as if the label were its index: where the sums make it a vector of length m, the page is read
with ``indices = "superscript"`` (y^{(i)} the entry i of the vector y), as a block that
declares it would. Everything that keeps x_i from being inferred keeps y^{(i)} too (a
declaration, a word that calls it a vector or a matrix, a sum that does not start at 1, …),
and a letter that is declared and written with a label keeps the page from this reading (it
would change what the declared letter means).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from checker.files.letters import LETTER_RE, letter_name, starts_a_row

# a sample's label right after a letter: ^{(i)} or ^(i), one letter inside
_LABEL = re.compile(r"\s*\^\s*(?:\{\s*\(\s*(?P<a>[^(){}]*?)\s*\)\s*\}|\(\s*(?P<b>[^()]*?)\s*\))")
_SUB_BEFORE = re.compile(r"\s*_")  # (x_j^{(i)}: a feature of an example, not read here)
_EXAMPLE_INDEX = r"[ijkn]"  # the letters an example's label is written with (not a layer's
# l, a step's t)


def letters(maths: Iterable[str]) -> set[str]:
    """The letters ``maths`` writes only with a one-letter label, and at least once."""
    labelled: set[str] = set()
    otherwise: set[str] = set()
    for latex in maths:
        for m in LETTER_RE.finditer(latex):
            name = letter_name(m)
            label = _LABEL.match(latex, m.end())
            one = label is not None and re.fullmatch(_EXAMPLE_INDEX, label.group("a") or
                                                      label.group("b") or "")
            if one and not _SUB_BEFORE.match(latex, label.end()) \
                    and not name[:1].isupper():  # (not y^{(i)}_k; W^{(l)}, X^{(i)}: matrices)
                labelled.add(name)
            else:
                otherwise.add(name)
    return labelled - otherwise


def as_entries(latex: str, names: set[str]) -> str:
    """``latex`` with each of ``names`` written at its label as at an index: y^{(i)} → y_{i}
    (for reading the page's sums only; the display itself is read as written)."""
    if not names:
        return latex
    out = []
    last = 0
    for m in LETTER_RE.finditer(latex):
        label = _LABEL.match(latex, m.end())
        if label is None or letter_name(m) not in names:
            continue
        out += [latex[last:m.end()], f"_{{{label.group('a') or label.group('b')}}}"]
        last = label.end()
    return "".join(out) + latex[last:]


def labelled_anywhere(maths: Iterable[str], letter: bool = False) -> set[str]:
    """Every letter ``maths`` writes with a label in parentheses (y^{(i)}, a^{(2)}; with
    ``letter``, only those whose label is one letter: y^{(i)}, not a^{(2)})."""
    return {letter_name(m) for latex in maths for m in LETTER_RE.finditer(latex)
            if (label := _LABEL.match(latex, m.end())) is not None and (
                not letter or re.fullmatch(r"[A-Za-z]", label.group("a") or label.group("b")
                                           or ""))}


def defined(maths: Iterable[str]) -> set[str]:
    """The letters ``maths`` defines at a one-letter label (a^{(i)} = σ(w x^{(i)} + b) at the
    start of a row): a family over the examples, as a declared page reads it."""
    out = set()
    for latex in maths:
        for m in LETTER_RE.finditer(latex):
            label = _LABEL.match(latex, m.end())
            if label is not None and re.match(r"\s*(?::=|=|\\coloneqq)", latex[label.end():]) \
                    and starts_a_row(latex, m.start()):
                out.add(letter_name(m))
    return out


def in_families(maths: Iterable[str], names: set[str]) -> dict[str, str]:
    """The letters of ``names`` written in the definition of a family over the examples
    (a^{(i)} = σ(w x^{(i)} + b): x in a's), by the family they are in (one each)."""
    out: dict[str, str] = {}
    for latex in maths:
        for m in LETTER_RE.finditer(latex):
            label = _LABEL.match(latex, m.end())
            eq = re.match(r"\s*(?::=|=|\\coloneqq)", latex[label.end():]) if label else None
            if eq is None or not starts_a_row(latex, m.start()):
                continue
            row_end = re.search(r"\\\\|$", latex[label.end() + eq.end():])
            body = latex[label.end() + eq.end():label.end() + eq.end() + row_end.start()]
            for inner in LETTER_RE.finditer(body):
                if letter_name(inner) in names and _LABEL.match(body, inner.end()):
                    out.setdefault(letter_name(inner), letter_name(m))
    return out


# a function defined at the start of a row: h(x) = …, h_\theta(x) := …, f(x, y) \coloneqq …
_DEFINED_AT = re.compile(r"(?:^|\\\\|&)\s*\\?[A-Za-z]+(?:_\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]+))?\s*"
                         r"\(\s*(?P<params>\\?[A-Za-z]+(?:\s*,\s*\\?[A-Za-z]+)*)\s*\)\s*"
                         r"(?::=|=|\\coloneqq|\\triangleq|\\equiv)")


def without_parameters(latex: str) -> str:
    """``latex`` with the parameters of the functions it defines blanked where they stand
    alone (h_θ(x) = θ₀ + θ₁x: that x is h's own, not the page's x; its examples x^{(i)} are
    read on)."""
    for m in _DEFINED_AT.finditer(latex):
        for param in (p.strip() for p in m.group("params").split(",")):
            latex = re.sub(rf"(?<![A-Za-z\\]){re.escape(param)}(?![A-Za-z])(?!\s*(?:_|\^\s*\{{?\s*\())",
                           lambda k: " " * len(k.group(0)), latex)
    return latex


def shown(name: str, index: str = "i") -> str:
    """How the report writes the example ``index`` of ``name``: y^{(i)}, \\hat{y}^{(i)}."""
    for suffix in ("hat", "bar", "tilde"):
        if len(name) == len(suffix) + 1 and name.endswith(suffix):
            return f"\\{suffix}{{{name[0]}}}^{{({index})}}"
    return (f"\\{name}" if len(name) > 1 else name) + f"^{{({index})}}"
