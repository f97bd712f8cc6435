"""Which prose speaks of which display: the formulas of the prose before each display and the
sentences they are in, the section each is written in, which sections a section's prose reaches
(its own, those under it, and after a section of notation the sections beside it), and what a
page's glossary says."""

from __future__ import annotations

import re

from checker.files.common import INLINE_MATH
from checker.files.document_model import PROSE_CHARS, Document, section_text
from checker.files.names import HEADING
from checker.files.prose import prose_end

# a section whose prose states what the sections beside it (after it) use
_NOTATION = re.compile(r"\b(?:notations?|set[\s-]?up|preliminar(?:y|ies)|conventions?|"
                       r"definitions?|background|assumptions?|setting|symbols|glossary)\b", re.I)


def statements(doc: Document) -> list[tuple[int, str, int, str, str]]:
    """Every formula of the prose before each display: (the display's index, the formula, its
    line, its sentence, the key of the section it is written in; "" before any heading)."""
    out = []
    for k, d in enumerate(doc.displays):
        text = prose_end(d.between)
        shift = max(d.between.find(text), 0) if text else 0
        for m in INLINE_MATH.finditer(text):
            heads = [(end, key) for start, end, key in d.headings if start <= shift + m.start()]
            section = heads[-1][1] if heads else doc.displays[k - 1].scope if k else \
                (d.scope if len(d.between) >= PROSE_CHARS else "")  # (cut before its heading)
            line = d.line - d.between[shift + m.end():].count("\n")  # (where it is written:
            out.append((k, m.group("a") or m.group("b"), line,  # "$x$" twice in the prose)
                        sentence_of(text, m, heads[-1][0] - shift if heads else 0), section))
    return out


def within(section: str, chain: tuple[str, ...], outers: dict[str, tuple[str, ...]]) -> bool:
    """Whether prose written in ``section`` speaks of the sections ``chain`` (a section and
    the ones it is under, outermost first): prose before any heading, or in one of them, or
    in a section under the last (a problem's part), or in a section of notation under one of
    them (or at the top)."""
    if not section or section in chain or (chain and chain[-1] in outers.get(section, ())):
        return True
    up = (*outers.get(section, ()), section)  # (a subsection of a section of notation too)
    return any(_NOTATION.search(section_text(key)) is not None and all(
        o in chain for o in up[:k]) for k, key in enumerate(up))


# "$w \in \mathbb{R}$", "$w$ is a scalar", "Let $w$ be a real number": a letter said to be a
# number (a statement that it is an array elsewhere on the page does not refuse it here)
_SCALAR_IN = re.compile(r"\s*(\\?[A-Za-z]+(?:\s*,\s*\\?[A-Za-z]+)*)\s*(?:\\in|∈)\s*"
                        r"(?:\\mathbb\s*\{?\s*R\s*\}?|ℝ)\s*")
_SCALAR_SAID = re.compile(r"\$\s*(\\?[A-Za-z]+)\s*\$\s+(?:is|be)\s+(?:a\s+)?(?:real\s+)?"
                          r"(?:scalar|number)\b(?!\s+of)", re.I)


def said_scalars(stated: list[tuple[int, str, int, str, str]], upto: int,
                 chain: tuple[str, ...], outers: dict[str, tuple[str, ...]]) -> set[str]:
    """The letters the prose that speaks of the sections ``chain`` says are numbers, before
    the display ``upto`` (0-based) and at it (the reader's names: w, lambda)."""
    out: set[str] = set()
    for k, formula, _, sentence, section in stated:
        if k > upto or not within(section, chain, outers):
            continue
        if (m := _SCALAR_IN.fullmatch(formula)) is not None:
            out |= {n.strip().lstrip("\\") for n in m.group(1).split(",")}
        out |= {m.group(1).lstrip("\\") for m in _SCALAR_SAID.finditer(sentence)
                if not _HEDGES.search(INLINE_MATH.sub(" ", sentence))}
    return out


_HEDGES = re.compile(r"\b(?:not|if|when|suppose|unless|or|may|might)\b|\?", re.I)


def notation(section: str, outers: dict[str, tuple[str, ...]] | None = None) -> bool:
    """Whether a section's prose speaks of the sections after it: the preamble (before any
    heading, ""), or a section of notation ("## Setup", "## Notation", "## Preliminaries"),
    or one under it (given ``outers``, the sections each is under)."""
    up = (*(outers or {}).get(section, ()), section)
    return not section or any(_NOTATION.search(section_text(key)) is not None for key in up)


def pieces_of(doc: Document, prose: list[tuple[str, int, str]] | None = None
            ) -> list[tuple[str, int, str]]:
    """Every formula of ``doc`` (its displays, its prose's math, or ``prose`` where given)
    with its line and, in prose, the sentence it is in."""
    out: list[tuple[str, int, str]] = [(d.latex, d.line, "") for d in doc.displays]
    if prose is not None:
        out += prose
    else:
        for d in doc.displays:
            text = prose_end(d.between)
            out += [(m.group("a") or m.group("b"), line_of(d, m.group(0)), sentence_of(text, m))
                    for m in INLINE_MATH.finditer(text)]
    tail = tail_of(doc) if prose is not None else prose_end(doc.tail)
    return out + [(m.group("a") or m.group("b"), doc.displays[-1].line if doc.displays else 1,
                   sentence_of(tail, m)) for m in INLINE_MATH.finditer(tail)]


def tail_of(doc: Document) -> str:
    """The prose after the last display, up to the next heading (a section after it, a
    "## Notation" at the end, speaks of no display before it)."""
    tail = prose_end(doc.tail)
    heading = HEADING.search(tail)
    return tail if heading is None else tail[:heading.start()]


def sentence_of(text: str, m: re.Match, floor: int = 0) -> str:
    """The sentence of ``text`` that the formula ``m`` is in (not before ``floor``: where the
    heading over it ends)."""
    start = max((b.end() for b in re.finditer(r"[.!?](?=\s)|\n\s*\n", text[:m.start()])),
                default=0)
    start = min(max(start, floor), m.start())
    end = re.search(r"[.!?](?=\s|$)|\n\s*\n", text[m.end():])
    return text[start:m.end() + (end.start() if end else len(text) - m.end())]


def glossary(doc: Document, stated: list[tuple[int, str, int, str, str]],
              outers: dict[str, tuple[str, ...]]) -> list[str]:
    """The sentences of the page's sections of notation, wherever they are (a glossary after
    the problems): what they say a letter is not (a vector, a matrix, in ℝⁿ) keeps it from
    being read as numbers anywhere, though they declare nothing for what comes before them."""
    out = [sentence for _, _, _, sentence, section in stated if notation(section, outers)
           and section]
    tail = prose_end(doc.tail)
    heads = list(HEADING.finditer(tail))
    for k, head in enumerate(heads):
        if _NOTATION.search(head.group(0)):
            out.append(tail[head.end():heads[k + 1].start() if k + 1 < len(heads) else None])
    return out


def page_prose(doc: Document) -> str:
    """All the prose of the page ``doc`` is part of (its displays' and the tail, whole)."""
    return "\n\n".join([*(d.between for d in doc.displays), doc.tail])


def line_of(display: object, formula: str) -> int:
    """The line of a formula of the prose before ``display``: the display's, less the lines
    between them."""
    between: str = display.between  # type: ignore[attr-defined]
    at = between.rfind(formula)
    return display.line - (between[at + len(formula):].count("\n") if at >= 0 else 0)  # type: ignore[attr-defined]
