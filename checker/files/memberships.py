"""What the page says a letter is: ``$X \\in \\mathbb{R}^{n \\times d}$``, ``$w \\in ℝ^d$``,
"``$X$`` is an ``$n \\times d$`` matrix", "a vector ``$w$``".

A letter must not be read as a number where the page says it is a vector or a matrix: a
derivation of ∇_w ‖Xw − y‖² read with X, w and y numbers can be "proved" wrong (a missing
transpose vanishes). Where the page puts a letter in ℝ^{…} with sizes that are letters or
numbers, that is read as its declaration (:mod:`checker.files.said_shapes`, through
:mod:`checker.files.implicit`); any other letter the page says is an array (in words, in
ℝ^{n+1}, at an index: x_i ∈ ℝ^d) that is not declared is refused where a display reads it as a
number, with the declaration to write instead. Its entries (x_1) are numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from checker.parse.context import RESERVED, Context
from checker.parse.latex_lexer import GREEK

REALS = r"(?:\\mathbb\s*\{\s*R\s*\}|\\mathbb\s+R|\\mathbf\s*\{\s*R\s*\}|\\R(?![A-Za-z])|" \
         r"\\Reals(?![A-Za-z])|ℝ)"
_GREEK = "|".join(sorted(GREEK - {"pi"}, key=len, reverse=True))
_BOLD_OF = r"\\(?:mathbf|boldsymbol|bm|vec)\s*\{\s*"
_LETTER = (rf"(?:{_BOLD_OF}([A-Za-z]|\\(?:{_GREEK}))\s*\}}|\\({_GREEK})(?![A-Za-z])"
           r"|([A-Za-z])(?![A-Za-z]))")
_SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹ⁿᵈᵐᵏᵖ"
_PLAIN_SCRIPT = str.maketrans(_SUPERSCRIPT, "0123456789ndmkp")
_MEMBER = re.compile(
    rf"(?P<names>{_LETTER}(?:\s*,\s*{_LETTER}){{0,8}})\s*(?:\\in|∈)\s*{REALS}\s*"
    rf"(?:\^\s*(?P<shape>\{{[^{{}}$]*\}}|[A-Za-z0-9])|(?P<uni>[{_SUPERSCRIPT}]+))")
_NAME = re.compile(_LETTER)
# indexed letters each in ℝ^{…}: "x_1, \dots, x_N \in \mathbb{R}^d", "x_i \in \mathbb{R}^d"
_SCRIPT = r"_\s*(?:\{(?:[^{}$]|\{[^{}$]{0,10}\}){1,16}\}|[A-Za-z0-9])"  # (W_{\text{in}})
_INDEXED = re.compile(
    rf"(?<![A-Za-z\\])(?P<l>[A-Za-z]){_SCRIPT}(?:\s*,\s*(?:\\[lc]?dots|…|\.\.\.)\s*,\s*(?P=l){_SCRIPT})?"
    rf"\s*(?:\\in|∈)\s*{REALS}\s*(?:\^\s*(?P<shape>\{{[^{{}}$]*\}}|[A-Za-z0-9])"
    rf"|(?P<uni>[{_SUPERSCRIPT}]+))")
# a letter put in ℝ itself (x ∈ ℝ: a number), which no shape ℝ^… of it can be beside
_SCALAR = re.compile(rf"(?<![A-Za-z\\])(?P<names>{_LETTER}(?:\s*,\s*{_LETTER}){{0,8}})\s*(?:\\in|∈)\s*"
                    rf"{REALS}(?!\s*\^|[{_SUPERSCRIPT}]|\s*_)")
# a layer's or a sample's name, W^{(1)}, W^{[2]}, and a decorated letter, \tilde{W}, \mathcal{W},
# in ℝ^{…}: the reader's names W^(1), W^[2] and the decorated form as written
_MARKED = re.compile(
    r"(?:(?P<l>[A-Za-z])\s*\^\s*\{\s*(?P<lab>\([^(){}$]{1,8}\)|\[[^\[\]{}$]{1,8}\])\s*\}"
    r"|\\(?P<cmd>tilde|hat|bar|widetilde|widehat|overline|mathcal|mathsf|mathit|check|breve)"
    r"\s*\{\s*(?P<d>[A-Za-z])\s*\})"
    rf"\s*(?:\\in|∈)\s*{REALS}\s*(?:\^\s*(?P<shape>\{{[^{{}}$]*\}}|[A-Za-z0-9])"
    rf"|(?P<uni>[{_SUPERSCRIPT}]+))")
_TIMES = re.compile(r"\\times|×|\\cdot|,|\*")
# in words: "$X$ is an $n \times d$ matrix", "$w$ a vector of length $d$", "a $d$-dimensional
# vector $w$", "the matrix $W$", "$A$ and $B$ are $n \times n$ matrices", "two vectors $u, v$"
_SIZE = r"(?:\$[^$]{1,30}\$\s*[-‑]?\s*(?:by\s*[-‑]?\s*\$[^$]{1,30}\$\s*)?)?" \
        r"(?:-?dimensional\s+)?(?:real\s+)?(?:column\s+|row\s+|square\s+|invertible\s+|symmetric\s+|random\s+)?"
_ANY_LETTER = (rf"(?:{_BOLD_OF}(?:[A-Za-z]|\\(?:{_GREEK}))\s*\}}|\\(?:{_GREEK})(?![A-Za-z])"
               r"|[A-Za-z](?![A-Za-z]))")
_MATHS = (rf"\$\s*{_ANY_LETTER}(?:\s*,\s*{_ANY_LETTER}){{0,8}}\s*\$"  # (lists of a few: a
          rf"(?:\s*(?:,|and|,\s*and)\s*\$\s*{_ANY_LETTER}(?:\s*,\s*{_ANY_LETTER}){{0,8}}\s*\$)"
          r"{0,8}")  # bound keeps the search linear on a page of thousands of "$a$, ")
_KIND = r"(?P<{}>vectors?|matri(?:x|ces)|arrays?|tensors?|jacobians?|hessians?)\b"
# what names the kind of array in words: "a weight matrix", "the design matrix", "an input
# vector" (at most two words, none of them a negation or a joining word: "not a vector")
_WORDS = (r"(?:(?!(?:not|no|and|or|of|than|but|by|with|to|from|in|on|at|into|times|the|an?|is|"
          r"are|be)\b)[a-z][a-z-]*\s+){0,2}")
_IN_WORDS = re.compile(
    rf"(?P<a>{_MATHS})\s*,?\s+(?:is|are|be|denotes?|denote|as|for|forms?|make\s+up)?\s*"
    rf"(?:an?|the|some|two|three|both)?\s*{_SIZE}{_WORDS}{_KIND.format('w1')}"
    rf"|(?P<c>{_MATHS})[^.$()]{{0,40}}\(\s*(?:an?|the)\s+{_SIZE}{_WORDS}{_KIND.format('w3')}\s*\)"
    rf"|\b(?:an?|the|some|two|three|for|of|with|by)\s+{_SIZE}{_WORDS}{_KIND.format('w2')}"
    rf"\s+(?:of\s+(?:[a-z][\w-]*\s+){{1,2}})?(?P<b>{_MATHS})"
    rf"|(?P<d>{_MATHS})\s*,?\s+(?:is|are)\s+(?:an?|the)\s+(?:\$[^$]{{1,30}}\$\s+)?"
    rf"{_KIND.format('w4')}\s+of\b", re.I)
_LETTERS_IN = re.compile(_ANY_LETTER)
# a shape in words: "$A$ is $d \times d$", "$X$ and $Y$ are $N \times D$"
_SHAPE_IN_WORDS = re.compile(
    rf"(?P<a>{_MATHS})\s*,?\s+(?:is|are)\s+(?:of\s+(?:size|shape)\s+)?\$\s*"
    r"(?P<r>[A-Za-z][A-Za-z0-9]*)\s*\\times\s*(?P<c>[A-Za-z][A-Za-z0-9]*)\s*\$")


def _sizes(m: re.Match) -> list[str]:
    if m.group("uni"):
        return [m.group("uni").translate(_PLAIN_SCRIPT)]
    shape = m.group("shape")
    inner = shape[1:-1] if shape.startswith("{") else shape
    return [p.strip() for p in _TIMES.split(inner) if p.strip()]


def _key(found: re.Match) -> tuple[str, str]:
    """(the name the reader resolves, the key it is recorded under): a bold letter's key is
    its bold form (a plain x beside it may be a number), a Greek letter's its name."""
    bold, greek, plain = found.groups()
    if bold is not None:
        name = bold.lstrip("\\")
        cmd = re.match(r"\\(\w+)", found.group(0)).group(1)  # type: ignore[union-attr]
        return name, f"\\{cmd}{{{bold}}}"
    name = greek or plain
    return name, name


@dataclass(frozen=True)
class Said:
    """A letter the page says is an array: the name the reader resolves, the key it is
    recorded under, and the refusal of reading it as a number."""

    name: str
    key: str
    message: str
    dims: tuple[str, ...] = ()  # said only where these are declared dimensions ("$A$ is $d
    # \times d$": a shape then, a value of numbers "$z$ is $w \times x$")
    line: int = 0  # where the page says it (its section says which displays it speaks of)


def _said(name: str, key: str, what: str, written: str, line: int, sizes: list[str]) -> Said:
    if what == "vector":
        hint = f'vectors = {{ {name} = "{sizes[0] if sizes else "n"}" }}'
    elif len(sizes) == 2:
        hint = f'matrices = {{ {name} = ["{sizes[0]}", "{sizes[1]}"] }}'
    else:
        hint = f'matrices = {{ {name} = ["m", "n"] }}'
    numeric = bool(sizes) and all(s.isdigit() for s in sizes)
    return Said(name, key, (
        f"{name}: the page says {written} (line {line}), a {what}, but {name} is not declared "
        f"one, so it would be read as a number; declare it ({hint}"
        + ("" if numeric else ", with its sizes under dims") + "), or as a number (symbols = "
        f'{{ {name} = "real" }}, or ${name} \\in \\mathbb{{R}}$ in the prose of this section) if '
        'one is meant here'), line=line)


def record(ctx: Context, said: list[Said]) -> None:
    """Each letter of ``said`` that ``ctx`` does not declare (nor map), refused as a number
    there (the first thing the page says of it is the one said)."""
    for item in said:
        if ctx.kind(item.name) is not None or item.name in RESERVED or item.key in ctx.latex \
                or f"\\{item.name}" in ctx.latex or item.key in ctx.said_arrays \
                or not all(d in ctx.dims for d in item.dims):
            continue
        ctx.said_arrays[item.key] = item.message


def _juxtaposed(text: str, start: int) -> bool:
    """Whether the letter at ``start`` ends a product (``X^T G \\in …``, ``u_k v_k \\in …``):
    the size after a line (checker.files.sizes), not the letter's."""
    before = text[max(0, start - 40):start].rstrip()
    if re.search(r"(?:\\(?:text|mathrm|textrm|mbox)\s*\{[^{}]*\}|\\q?quad|\\[,;:!])$", before):
        return False  # (\quad \text{for all } x ∈ ℝⁿ: words or a space before it, no factor)
    return bool(before) and (before[-1].isalnum() or before[-1] in ")]}_^")


@dataclass(frozen=True)
class Member:
    """A letter a formula puts in ℝ^{…}: its reader's name and key (:func:`_key`), the sizes
    as written, what they make it, the formula and where it starts."""

    name: str
    key: str
    sizes: tuple[str, ...]
    what: str  # "vector", "matrix" or "array"
    written: str
    start: int
    bound: bool = False  # a set's own variable ({x ∈ ℝⁿ : …}): said, not declared


# a vector written as its entries: "z = (z_1, \dots, z_K)", "\mathbf{x} = [x_1, x_2, \ldots,
# x_n]^T": z a vector of length K, as z ∈ ℝ^K says (the first entry 1, the last the length)
_BY_ENTRIES = re.compile(
    rf"(?P<names>{_LETTER})\s*=\s*(?:\\left\s*)?[(\[]\s*(?P<l>[A-Za-z])\s*_\s*\{{?\s*1\s*\}}?\s*,\s*"
    r"(?:(?P=l)\s*_\s*\{?\s*2\s*\}?\s*,\s*)?(?:\\[lc]?dots|…|\.\.\.)\s*,\s*(?P=l)\s*_\s*"
    r"(?:\{\s*(?P<n>[A-Za-z0-9])\s*\}|(?P<n2>[A-Za-z0-9]))\s*(?:\\right\s*)?[)\]]"
    r"(?!\s*\^\s*\{?\s*[^T\\\s])")


def members(text: str) -> list[Member]:
    """Each letter ``text`` puts in ℝ^{…} (x ∈ ℝⁿ, X ∈ ℝ^{n×d}, and a set's own variable,
    {x ∈ ℝⁿ : …}, marked; not a product's last letter, X^T G ∈ ℝ^{…}, nor ℝ¹: a number), and
    each it writes as its entries (z = (z_1, …, z_K): a vector of length K)."""
    out: list[Member] = []
    for m in _BY_ENTRIES.finditer(text):
        found = _NAME.match(m.group("names"))
        name, key = _key(found)  # type: ignore[arg-type]
        size = m.group("n") or m.group("n2")
        if name == m.group("l") and size not in ("0", "1"):
            out.append(Member(name, key, (size,), "vector", " ".join(m.group(0).split()),
                              m.start(), False))
    for m in _MEMBER.finditer(text):
        bound = bool(re.match(r"\s*(?::|\\mid\b|\|)", text[m.end():]) or
                     re.search(r"\\\{\s*$", text[max(0, m.start() - 12):m.start()]))
        # ({x ∈ ℝⁿ : ‖x‖ ≤ 1}: a set's own variable, bound there; said all the same)
        if len(_NAME.findall(m.group("names"))) == 1 and _juxtaposed(text, m.start()):
            continue
        sizes = _sizes(m)
        if not sizes or all(s in ("0", "1") for s in sizes):
            continue  # ℝ¹, ℝ^{1×1}: a number (ℝ⁰: nothing)
        what = "vector" if len(sizes) == 1 or sizes[1:] == ["1"] else \
            "matrix" if len(sizes) == 2 else "array"
        written = " ".join(m.group(0).split())
        out += [Member(*_key(found), tuple(sizes), what, written, m.start(), bound)
                for found in _NAME.finditer(m.group("names"))]
    return out


def scalars(text: str) -> list[str]:
    """The names of the letters ``text`` puts in ℝ itself (x ∈ ℝ, a, b ∈ ℝ: numbers)."""
    return [_key(found)[0] for m in _SCALAR.finditer(text)
            for found in _NAME.finditer(m.group("names"))]


def arrays_said(text: str, line_of: Callable[[int], int]) -> list[Said]:
    """Each letter ``text`` puts in ℝ^{…}, or calls a vector or a matrix in words (found once
    per page; :func:`record` puts them in each section's context)."""
    out: list[Said] = [_said(m.name, m.key, m.what, m.written, line_of(m.start),
                             list(m.sizes) if m.what != "array" else []) for m in members(text)
                       if not m.bound]  # (a set's own variable: another x may be a number)
    for m in _INDEXED.finditer(text):  # x_1 … x_N: every x with an index is an array
        sizes = _sizes(m)
        if _juxtaposed(text, m.start()):
            continue
        if sizes and not all(s in ("0", "1") for s in sizes):
            what = "vector" if len(sizes) == 1 or sizes[1:] == ["1"] else "matrix"
            letter = m.group("l")
            out.append(Said(letter, f"{letter}_", (
                f"{letter}_…: the page says {' '.join(m.group(0).split())} (line "
                f"{line_of(m.start())}), each a {what}, but they are not declared so, and "
                "would be read as numbers; declare each one used (vectors = { x_1 = "
                '"d" }, with d under dims) or, for every index, a matrix whose rows they are'),
                line=line_of(m.start())))
    for m in _MARKED.finditer(text):  # W^{(1)} ∈ ℝ^{3×3}, \tilde{W} ∈ ℝ^{…}
        sizes = _sizes(m)
        if not sizes or all(s in ("0", "1") for s in sizes):
            continue
        what = "vector" if len(sizes) == 1 or sizes[1:] == ["1"] else "matrix"
        if m.group("l"):
            label = m.group("lab")
            key = f"{m.group('l')}^{label}" if label.startswith("[") else \
                f"{m.group('l')}^({label[1:-1].strip()})"
        else:
            key = f"\\{m.group('cmd')}{{{m.group('d')}}}"
        written = " ".join(m.group(0).split())
        out.append(Said(key, key, (
            f"{key}: the page says {written} (line {line_of(m.start())}), a {what}, but it is "
            "not declared one, so it would be read as a number; map it under [context] latex "
            f"to a declared {what} (latex = {{ \"{key.replace(chr(92), chr(92) * 2)}\" = "
            f"\"W1\" }} with {'vectors' if what == 'vector' else 'matrices'} = {{ W1 = … }})"),
            line=line_of(m.start())))
    for m in _SHAPE_IN_WORDS.finditer(text):
        for letter in _LETTERS_IN.findall(re.sub(r"\band\b", " ", m.group("a"))):
            found = _NAME.fullmatch(letter.strip())
            if found is not None:
                sizes = [m.group("r"), m.group("c")]
                said = _said(*_key(found), "matrix", " ".join(m.group(0).split()),
                             line_of(m.start()), sizes)
                out.append(Said(said.name, said.key, said.message, tuple(sizes), said.line))
    for m in _IN_WORDS.finditer(text):
        inner = m.group("a") or m.group("b") or m.group("c") or m.group("d")
        kind = (m.group("w1") or m.group("w2") or m.group("w3") or m.group("w4")).lower()
        what = "vector" if kind.startswith("vector") \
            else "matrix"
        for letter in _LETTERS_IN.findall(re.sub(r"\band\b", " ", inner)):
            found = _NAME.fullmatch(letter.strip())
            if found is not None:
                out.append(_said(*_key(found), what, " ".join(m.group(0).split()),
                                 line_of(m.start()), []))
    return out

