"""Formulas written as plain text in a Markdown paragraph, outside any $…$ (corpus 23, 34, 35):

    BCE = - [y·log(ŷ) + (1-y)·log(1-ŷ)]
    ∂BCE/∂ŷ = (ŷ - y) / (ŷ(1-ŷ))

A line is a formula when it holds a relation (= or an arrow) and no prose: no word of everyday
English ("the", "is", "where" …), no two words in a row, and no long word that is not a
function's name or applied to brackets. Around it, a list bullet, a label ending in a colon
("Softplus function:"), Markdown emphasis and a remark in brackets ("(where σ is the
sigmoid)") are prose and blanked. A line with no relation just before a line that starts with
'=' is the chain's first side. Consecutive formula lines are one display, a row each; a line
that looks like a setting (``lr = 0.001``, a word and a number) is not a claim and is left out.

The blanking keeps every character's column, so positions in errors are the file's. The
reader of the display is the LaTeX one (with its Unicode table), as for any display.
"""

from __future__ import annotations

import re

from checker.parse.context import SCALAR_FUNCTIONS, STRUCTURAL_FUNCTIONS
from checker.parse.latex_lexer import GREEK

_RELATION = re.compile(r"(?<![=<>!:])=(?![=>])|⇒|⟹|⟺|⇔|=>|\\Rightarrow|\\implies")
_BULLET = re.compile(r"^[ \t]*(?:[-*+][ \t]+|\d{1,3}[.)][ \t]+)")
_LABEL = re.compile(r"^[ \t]*[A-Za-z][A-Za-z ]{0,40}:[ \t]+(?=\S)")
_EMPHASIS = re.compile(r"\*\*|__")
_WORD = re.compile(r"(?<![\\A-Za-z])[A-Za-z]+")
_PROSE = frozenset("""a an and are as at be because by for from gives has have here if in is it
    its let note of on or so such that the then there this to using we where which while with
    when since thus hence therefore get""".split())
_NAMES = frozenset(SCALAR_FUNCTIONS | STRUCTURAL_FUNCTIONS | set(GREEK)
                   | {"ln", "log", "exp", "sin", "cos", "tan", "max", "min", "sum", "sqrt"})
_SETTING = re.compile(r"[ \t]*[A-Za-z_]+[ \t]*=[ \t]*-?\d+(?:\.\d+)?(?:e-?\d+)?[ \t]*[.,;]?[ \t]*")
_REMARK = re.compile(r"\(([^()]*)\)")


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _prose_words(text: str) -> bool:
    """Does this text read as prose (words of a sentence) rather than a formula?"""
    words = list(_WORD.finditer(text))
    for k, m in enumerate(words):
        word, after = m.group(0), text[m.end():m.end() + 2]
        if word.lower() in _PROSE and len(word) > 1:
            return True
        applied = (after[:1] != "" and after[:1] in "(_^'’[′") or after.startswith(" (")
        if len(word) >= 4 and word.lower() not in _NAMES and not applied:
            return True
        if k + 1 < len(words) and len(word) >= 2 and len(words[k + 1].group(0)) >= 2 \
                and not text[m.end():words[k + 1].start()].strip() and not applied:
            return True  # two words in a row
    return False


def _clean(line: str) -> str:
    """The line with its bullet, label, emphasis and prose remarks blanked (columns kept)."""
    for m in _EMPHASIS.finditer(line):
        line = _blank(line, m.start(), m.end())
    for pattern in (_BULLET, _LABEL):
        m = pattern.match(line)
        if m:  # a colon is no part of an expression: what ends with one is a label
            line = _blank(line, m.start(), m.end())
    # (1/(1+e^{x})).(1+e^{x})’: a dot between brackets is a product in plain text
    line = re.sub(r"(?<=[)\]}])([ \t]*)\.(?=[ \t]*[(\[A-Za-z\\])", "\\1·", line)
    for m in _REMARK.finditer(line):
        if _prose_words(m.group(1)):
            line = _blank(line, m.start(), m.end())
    return line


def _kind(line: str) -> tuple[str, str]:
    """('formula' | 'side' | 'prose', the cleaned line)."""
    if not line.strip() or line.lstrip().startswith(("#", "<", ">")) \
            or any(mark in line for mark in ("$", "\\(", "|", "://")):
        return "prose", line
    clean = _clean(line)
    body = clean.strip()
    if not body or _prose_words(body) or not re.search(r"[A-Za-z0-9∂σ]", body):
        return "prose", clean
    if _RELATION.search(body):
        return ("prose" if _SETTING.fullmatch(clean) else "formula"), clean
    return ("side" if re.search(r"[()\[\]^/*+·∂]", body) else "prose"), clean


def plain_displays(prose: str) -> list[tuple[int, str]]:
    """(offset, text) of each run of formula lines in ``prose`` (the document with its code,
    comments, displays and declarations blanked): one display per run, a row per line."""
    out: list[tuple[int, str]] = []
    lines = prose.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    kinds = [_kind(line) for line in lines]
    run: list[int] = []

    def close() -> None:
        if run:
            rows = [kinds[k][1].rstrip() for k in run]
            out.append((offsets[run[0]], " \\\\\n".join(rows)))
            run.clear()

    for k, (kind, _) in enumerate(kinds):
        if kind == "formula" or (kind == "side" and k + 1 < len(kinds)
                                  and kinds[k + 1][0] == "formula"
                                  and kinds[k + 1][1].lstrip().startswith("=")):
            run.append(k)
        else:
            close()
    close()
    return out
