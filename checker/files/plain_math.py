"""Formulas written as plain text in a Markdown paragraph, outside any $…$ (corpus 23, 34, 35):

    BCE = - [y·log(ŷ) + (1-y)·log(1-ŷ)]
    ∂BCE/∂ŷ = (ŷ - y) / (ŷ(1-ŷ))

A line is a formula when it holds a relation (= or an arrow) and no prose: no word of everyday
English ("the", "is", "where" …), no two words in a row, and no long word that is not a
function's name or applied to brackets. Around it, a list bullet, a label ending in a colon
("Softplus function:"), Markdown emphasis and a remark in brackets ("(where σ is the
sigmoid)") are prose and blanked. A line with no relation just before a line that starts with
'=' is the chain's first side. Consecutive formula lines are one display, a row each; a
setting (``lr = 0.001``) is a definition, as in a display. An equation number at the end
("(2)") is dropped. Not read at all: a line whose label or remark states a condition ("(for
x > 0)", "For positive x:", "Solve for x:") or a judgement ("Wrong:"), tables, HTML, indented code blocks and
<pre> blocks.

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
_REMARK = re.compile(r"\(([^()]*)\)")
# "… = b^2   (2)", "… [3]": an equation number or a citation; "(a) x + x", "(ii) …": an item
_TAG = re.compile(r"[ \t]+(?:\(\d{1,3}(?:\.\d{1,3})?[a-z]?\)|\[\d{1,3}\])[ \t]*$")
_ENUMERATOR = re.compile(r"^[ \t]*(?:\((?:\d{1,3}|[a-z]|[ivx]{1,5})\)|\[\d{1,3}\])[ \t]+")
# a sentence: a capitalised word, then a space and more ("Put x = 0", "Now y = x + 1")
_SENTENCE = re.compile(r"^[ \t]*[A-Z][a-z]+[ \t]+(?![=(])\S")
# a remark or label that states a condition or a judgement: the line is not read at all
_CONDITION = re.compile(r"[<>≤≥≠]|\\[ln]eq?\b|\b(?:positive|negative|non-?zero|non-?negative|"
                        r"assum\w*|provided|unless|except|solv(?:e|ing))\b", re.I)  # Solve for x:
_JUDGEMENT = re.compile(r"\b(?:wrong|incorrect|false|mistake|error|not|bad|invalid|typo)\b", re.I)


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _prose_words(text: str) -> bool:
    """Does this text read as prose (words of a sentence) rather than a formula?"""
    words = list(_WORD.finditer(text))
    for k, m in enumerate(words):
        word, after = m.group(0), text[m.end():m.end() + 2]
        before = text[:m.start()].rstrip()
        if word.lower() in _PROSE and len(word) > 1:
            return True
        # applied (f(x), y_i, σ'), a fraction's part (dNLL/dp, ∂Loss/∂w) or the name a line
        # defines (Loss = …): a formula's word, not a sentence's
        applied = (after[:1] != "" and after[:1] in "(_^'’[′/") or before.endswith(("∂", "/")) \
            or (not before and re.match(r"\s*=(?!=)", text[m.end():]) is not None)
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
    for pattern in (_TAG, _ENUMERATOR):  # an equation number or an item's mark, not a factor
        if (m := pattern.search(line)) is not None:
            line = _blank(line, m.start(), m.end())
    return _bracketed_exponents(line)


def _bracketed_exponents(line: str) -> str:
    """e^(2x), (1 + e^(−x))^(−2): in plain text the brackets after ^ hold the exponent, as
    TeX's braces do (TeX would take the bracket alone); written as braces, same columns."""
    out = list(line)
    for m in re.finditer(r"\^\s*\(", line):
        depth = 0
        for k in range(m.end() - 1, len(line)):
            depth += {"(": 1, ")": -1}.get(line[k], 0)
            if depth == 0:
                inner = line[m.end():k]
                if not re.fullmatch(r"\s*(?:[A-Za-z]|\d+|[A-Za-z]\s*[-+]\s*\d)\s*", inner):
                    out[m.end() - 1], out[k] = "{", "}"  # (x^(2), a^(l): a label or a power?
                break  # left to the reader, which refuses it)
    return "".join(out)


def _stated(line: str) -> bool:
    """Does the line's label or a remark in brackets state a condition ("(for x > 0)", "For
    positive x:") or a judgement ("Wrong:")? Such a line is not read: checked without its
    condition it could be refuted, and an author's wrong example is not a claim."""
    label = _LABEL.match(_BULLET.sub("", _EMPHASIS.sub("", line)))
    texts = [m.group(1) for m in _REMARK.finditer(line) if _prose_words(m.group(1))]
    texts += [label.group(0)] if label else []
    return any(_CONDITION.search(t) or _JUDGEMENT.search(t) for t in texts)


def _kind(line: str) -> tuple[str, str]:
    """('formula' | 'side' | 'prose', the cleaned line)."""
    stripped = line.strip()
    if not stripped or stripped.startswith(("#", "<", ">", "|")) or stripped.endswith("|") \
            or any(mark in line for mark in ("$", "\\(", "://", "%", "~~")) or _stated(line):
        return "prose", line  # ("%" starts a LaTeX comment; "~~" strikes a line out)
    clean = _clean(line)
    if _SENTENCE.match(clean):
        return "prose", clean
    body = clean.strip()
    if not body or _prose_words(body) or not re.search(r"[A-Za-z0-9∂σ]", body):
        return "prose", clean
    if _RELATION.search(body):
        return "formula", clean
    return ("side" if re.search(r"[()\[\]^/*+·∂]", body) else "prose"), clean


def _code_lines(lines: list[str]) -> set[int]:
    """Lines of indented code blocks (four spaces after a blank line) and of <pre> blocks."""
    out, pre, block = set(), False, False
    for k, line in enumerate(lines):
        if re.search(r"<pre\b", line, re.I):
            pre = True
        if pre:
            out.add(k)
            pre = not re.search(r"</pre>", line, re.I)
            continue
        indented = line.startswith(("    ", "\t")) and line.strip() != ""
        block = indented and (block or k == 0 or not lines[k - 1].strip())
        if block:
            out.add(k)
    return out


def plain_displays(prose: str) -> list[tuple[int, str]]:
    """(offset, text) of each run of formula lines in ``prose`` (the document with its code,
    comments, displays and declarations blanked): one display per run, a row per line."""
    out: list[tuple[int, str]] = []
    lines = prose.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    code = _code_lines(lines)
    kinds = [("prose", line) if k in code else _kind(line) for k, line in enumerate(lines)]
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


# "e^2x", "x^1/2", "e^ax": in plain text the exponent's end is a guess (TeX would take one token:
# e²·x; the writer of plain text most likely meant e^(2x))
_EXPONENT = re.compile(r"\^(?P<e>[-+]?\d+(?:\.\d+)?(?=[A-Za-z\\])|-?1/\d+|[A-Za-z](?=[A-Za-z0-9]))")
# (x^2(3 − 4x), e^x(1 + x), (y − wx)^2/2 are the usual plain-text forms: x²·(…), e^x·(…), …/2;
# x^1/2 is most likely √x, and e^2x most likely e^(2x): those are the unclear ones)


def unclear_exponent(body: str) -> tuple[int, str] | None:
    """(offset, message) where a plain-text formula writes an exponent without brackets that
    could end after its first token or run on (e^2x: e²·x or e^(2x)?); None if there is none."""
    m = _EXPONENT.search(body)
    if m is None:
        return None
    base = re.search(r"(\\?[A-Za-z]+|\d+|\))\s*$", body[:m.start()])
    head = base.group(1) if base else ""
    shown = head + body[m.start():m.end() + 1].rstrip()
    first = m.group("e")[0] if m.group("e")[0] not in "+-" else m.group("e")[:2]
    whole = re.match(r"[-+]?[\w./]+", m.group("e") + body[m.end():]).group(0)  # type: ignore[union-attr]
    return m.start(), (f"'{shown}…' in plain text: is the exponent {first} or {whole}? Write "
                       f"{head}^({whole}) or {head}^{first}·… (or the formula in $…$ with braces)")
