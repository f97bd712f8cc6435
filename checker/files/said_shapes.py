"""Shapes a page states in its math, read as declarations.

``$X \\in \\mathbb{R}^{n \\times d}$`` says what a declaration block would
(``matrices = { X = ["n", "d"] }``, ``dims = { n = "positive integer", d = … }``), and
``$w \\in \\mathbb{R}^{d}$`` (or ``ℝ^d``, ``\\mathbb{R}^{d \\times 1}``) a vector of length d: no
reader of it has to guess. A page with no declaration block that writes them was refused where
it used X (it would be read as a number); now they are read so in their part of the page
(:mod:`checker.files.implicit` merges them with what its sums declare), and each result says
how (``read with X as an n × d matrix, …``).

Nothing is read where the page could mean something else: a letter the declarations name; one
put in two shapes (or one a sum makes a vector of another length, or indexes otherwise); a
size that is not one letter or a number (``\\mathbb{R}^{n+1}``, ``\\mathbb{R}^{d_k}``), or a
letter that the page writes otherwise than as a count (a sum's index, defined, primed, one
the prose lets be zero or says is real); a bold
letter (``\\mathbf{x} \\in \\mathbb{R}^d``) whose plain form is also written alone (a number
beside the vector?); an array of more than two sizes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.files.memberships import members, scalars
from checker.parse.latex_lexer import GREEK

MAX_EXPLICIT = 16  # a numeric size above this is not read (as implicit.MAX_LENGTH)


@dataclass(frozen=True)
class Shape:
    """What the page says a letter is: a vector of one size or a matrix of two (each a
    number or a letter), and the line where it says so."""

    name: str
    sizes: tuple[str, ...]
    line: int

    @property
    def shown(self) -> str:
        if len(self.sizes) == 1:
            return f"a vector of length {self.sizes[0]}"
        article = "an" if self.sizes[0][0] in "aefhilmnorsx8" else "a"  # (an n × d, a d × d)
        return f"{article} {self.sizes[0]} × {self.sizes[1]} matrix"


def said(pieces: list[tuple[str, int, str]], maths: list[str], declared: set[str],
         not_sizes: set[str]) -> tuple[list[Shape], dict[str, str]]:
    """The shapes the math ``pieces`` (text, line, the prose sentence it is in) state that can
    be read as declarations, and why each other one cannot (by letter). ``maths``: every
    formula of the part (to see how letters are written elsewhere); ``declared``: the letters
    the declaration tables name; ``not_sizes``: letters the page writes otherwise than as a
    count."""
    found: dict[str, list[Shape]] = {}
    why: dict[str, str] = {}
    plain_alone = _plain_letters(maths)
    for text, line, sentence in pieces:
        for name in scalars(text):  # (x ∈ ℝ: a number, a shape of its own)
            found.setdefault(name, []).append(Shape(name, (), line))
        one = re.fullmatch(r"\s*(\\?[A-Za-z]+)\s*", text)  # ("Let $A$ and $B$ be real scalars.")
        if one and sentence and _SCALAR_WORDS.search(_MATH.sub(" ", sentence)):
            found.setdefault(one.group(1).lstrip("\\"), []).append(Shape(one.group(1).lstrip("\\"), (), line))
        for m in members(text):
            if m.what == "array":
                why.setdefault(m.name, f"{m.written} has more than two sizes")
                continue
            if m.bound:  # ({x ∈ ℝⁿ : …}: the set's own x; another x may be a number)
                why.setdefault(m.name, f"the page writes {m.written} as a set's variable")
                found.setdefault(m.name, []).append(Shape(m.name, ("bound",), line))
                continue
            if sentence and _DOUBT.search(_MATH.sub(" ", sentence)):
                why.setdefault(m.name, f"the sentence that says {m.written} does not state it")
                found.setdefault(m.name, []).append(Shape(m.name, ("doubt",), line))
                continue
            if sentence and _says_more(sentence):  # ("be a unit vector", "the softmax output")
                why.setdefault(m.name, f"the sentence that says {m.written} says more of it, "
                                       "which is not read")
                found.setdefault(m.name, []).append(Shape(m.name, ("more",), line))
                continue
            if sentence and _bound_beside(sentence, m.name, text):  # ("with $S^T = -S$")
                why.setdefault(m.name, f"the sentence that says {m.written} states more of "
                                       f"{m.name}, which is not read")
                found.setdefault(m.name, []).append(Shape(m.name, ("more",), line))
                continue
            sizes = m.sizes[:1] if m.what == "vector" else m.sizes
            if m.key != m.name and m.name in plain_alone:  # (\mathbf{x} beside a plain x)
                why.setdefault(m.name, f"{m.name} is written alone beside the bold one")
                continue
            found.setdefault(m.name, []).append(Shape(m.name, tuple(sizes), line))
    out: list[Shape] = []
    for name, shapes in found.items():
        if name in declared:
            continue
        if len({s.sizes for s in shapes}) > 1 or shapes[0].sizes in ((), ("bound",),
                                                                      ("doubt",), ("more",)):
            if len({s.sizes for s in shapes}) == 1:
                continue  # (only a number, a set's variable, or not stated: nothing declared)
            why.setdefault(name, f"the page puts {name} in two shapes (lines {shapes[0].line}, "
                                 f"{next(s.line for s in shapes if s.sizes != shapes[0].sizes)})")
            continue
        shape = shapes[0]
        bad = next((s for s in shape.sizes if not _a_size(s, not_sizes)), None)
        if bad is not None:
            why[name] = f"its size {bad} is not read as a count"
            continue
        out.append(shape)
    return out, why


def _a_size(size: str, not_sizes: set[str]) -> bool:
    """A number up to :data:`MAX_EXPLICIT`, or a letter the page writes only as a count (a
    size d is no differential's d: \\frac{d}{dx} stays a derivative)."""
    if size.isdigit():
        return 1 <= int(size) <= MAX_EXPLICIT
    return re.fullmatch(r"[A-Za-z]", size) is not None and size not in ("e", "i") \
        and size not in not_sizes


def _plain_letters(maths: list[str]) -> set[str]:
    """The letters written alone, not in bold (x in σ(x), \\theta in \\sin\\theta; not
    \\mathbf{x}, \\boldsymbol{\\theta} nor x_i)."""
    out: set[str] = set()
    for m in maths:
        text = re.sub(r"\\(?:mathbf|boldsymbol|bm|vec)\s*\{[^{}]*\}", " ", m)
        out |= {g for g in re.findall(r"\\([A-Za-z]+)(?![A-Za-z]|\s*_)", text) if g in GREEK}
        text = re.sub(r"\\[A-Za-z]+", " ", text)
        out |= set(re.findall(r"(?<![A-Za-z_^])([A-Za-z])(?![A-Za-z]|\s*_)", text))
    return out


# words that say letters are numbers ("Let $A$ and $B$ be real scalars.", "$c$ is a constant")
_SCALAR_WORDS = re.compile(r"\b(?:be|is|are)\s+(?:an?\s+)?(?:real\s+)?(?:scalars?|numbers?|"
                           r"constants?)\b", re.I)
# a sentence that does not state what it says: a hypothesis, a counterfactual, a contrast
_DOUBT = re.compile(r"\b(?:if|were|had|would|could|suppose|supposing|instead|unlike|rather|"
                    r"not|whereas|but|when|whenever|say|e\.g|for\s+example|imagine)\b", re.I)
_MATH = re.compile(r"\$[^$]*\$|\\\((?:.|\n)*?\\\)")
_RELATION = re.compile(r"(?<![<>!\\])=|<|>|\\(?:[lg]eq?|neq?|succ|prec)(?![A-Za-z])")


# the words a sentence that states shapes may hold besides them: what the letters are called
# (the design matrix, the targets), never what they are (a unit vector, probabilities, the
# softmax's output, a covariance, a projection: properties, which are not read)
_NEUTRAL = frozenset("""
let we have our its their the a an and with where for of in on here now then so that this
these those given consider take suppose assume denote denotes denoting write be is are as
each all every any some two three fixed arbitrary real number numbers entries
vector vectors matrix matrices column columns row rows
design data input inputs feature features target targets label labels output outputs response
responses observation observations sample samples example examples training train test
weight weights parameter parameters bias biases coefficient coefficients variable variables
layer layers hidden model models regression linear network networks
throughout logits scores activations residuals regularization strength penalty temperature
learning rate step size hyperparameter hyperparameters constant
""".split())


# the clause at a sentence's end that introduces the display after it ("For logits $z \in
# \mathbb{R}^K$, the tempered softmax is", "…, we define"): it speaks of that display, not of
# the letters whose shapes the sentence states
_INTRODUCES = re.compile(r"[,;]\s*(?:(?:then|so|and)\s+)?(?:(?:the|our|its|their)\s+(?:[A-Za-z-]+\s+)"
                         r"{0,3}(?:is|are|reads|reads\s+as|becomes|equals|gives)|we\s+(?:define|"
                         r"write|have|get|obtain|compute|find))\s*:?\s*$", re.I)


def _says_more(sentence: str) -> bool:
    """Whether the sentence says more of its letters than their shapes and names."""
    words = re.findall(r"[A-Za-z]+", _MATH.sub(" ", _INTRODUCES.sub(" ", sentence.strip())))
    return any(w.lower() not in _NEUTRAL for w in words)


def _bound_beside(sentence: str, name: str, formula: str) -> bool:
    """Whether the sentence's other formulas state a relation of ``name`` ("Let $S \\in
    \\mathbb{R}^{n \\times n}$ with $S^T = -S$": a hypothesis, not read with the shape)."""
    letter = re.compile(rf"(?<![A-Za-z\\]){re.escape(name)}(?![A-Za-z])" if len(name) == 1
                        else rf"\\{re.escape(name)}(?![A-Za-z])")
    for m in _MATH.finditer(sentence):
        other = m.group(0).strip("$").removeprefix("\\(").removesuffix("\\)")
        if other.strip() == formula.strip() or "\\in" in other:
            continue
        if letter.search(other) and _RELATION.search(other):
            return True
    return False
