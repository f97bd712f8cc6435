"""LaTeX documents (``.tex``): displays and declarations.

* displays: the environments ``equation``, ``align``, ``gather``, ``multline``,
  ``eqnarray`` (starred too) and ``displaymath``, ``\\[ … \\]`` and ``$$ … $$``; an align's
  lines that start with ``&=`` continue the chain above, a line with its own left side starts
  a new one;
* declarations: a comment block whose first line is ``% derivcheck`` and whose following
  ``%`` lines hold TOML with the keys of a derivation file's ``[context]``; after a
  ``\\section``, for that section only;
* controls for the next display: ``% derivcheck-display: id = "x", expect = "refuted"``;
* sections: ``\\section``, ``\\subsection``, ``\\subsubsection``.

Nothing is followed: ``\\input``/``\\include`` are reported (derivcheck reads the files it is
given); the document's own macros (``\\newcommand``, ``\\def``, ``\\DeclareMathOperator``) are
expanded in its displays, as text (:mod:`checker.files.macros`: a display that uses one that
cannot be says so); and a document that changes ``\\catcode`` is refused, since its
characters may not mean what they seem.
"""

from __future__ import annotations

import re

from checker.files import macros
from checker.files.common import INLINE_MATH, Bad, InputError, Loaded
from checker.files.document import Document, assemble, line_col, read_document
from checker.files.parts import part_labels

_ENVS = ("equation", "align", "gather", "multline", "eqnarray", "displaymath", "flalign", "alignat")
_DISPLAY = re.compile(
    r"\\begin\{(?P<env>(?:" + "|".join(_ENVS) + r")\*?)\}(?:\{\d+\})?"
    r"(?P<a>(?:(?!\\begin\{(?P=env)\}).)*?)\\end\{(?P=env)\}"  # (linear: stops at the next)
    r"|\\\[(?P<b>(?:(?!\n[ \t]*\n).)*?)\\\]"  # (a blank line ends it, as in TeX)
    r"|(?<!\\)\$\$(?P<c>.*?)(?:(?<!\\)|(?<=\\\\))\$\$", re.S)
# \chapter, \section, \subsection, \subsubsection (starred, with a short title [..]); the title's
# own braces (\emph{…}) are matched by _titled
_SECTION = re.compile(r"\\(chapter|(?:sub){0,2}section)\*?\s*(?:\[[^\]]*\])?\s*\{")
_LEVELS = {"chapter": 0, "section": 1, "subsection": 2, "subsubsection": 3}
_COMMENT = re.compile(r"(?<!\\)%[^\n]*")
_VERBATIM = re.compile(r"\\begin\{(verbatim|Verbatim|BVerbatim|LVerbatim|spverbatim|alltt|"
                       r"lstlisting|minted|comment|filecontents)\*?\}.*?\\end\{\1\*?\}", re.S)
# what changes how TeX reads the document beyond the definitions macros.py expands: \catcode,
# definitions it does not follow (\gdef\cdot{+} kept the built-in ·: a·a = a² was proved of
# a + a), a \def or \let of a character (\def~{+1}: the active ~)
_CHANGES_READING = re.compile(
    r"\\(?:catcode|gdef|edef|xdef|csname|expandafter|DeclareRobustCommand|"
    r"(?:New|Renew|Provide|Declare)(?:Expandable)?DocumentCommand|(?:math)?chardef|mathcode|"
    r"futurelet|countdef|toksdef|dimendef|skipdef|uccode|lccode|sfcode|delcode|active|"
    r"scantokens|ExplSyntaxOn|csdef|csgdef|csedef|csxdef|cslet|csletcs|letcs|@namedef|"
    r"@namelet|(?:New|Renew|Declare|Provide)CommandCopy|DeclareMathSymbol|DeclareMathDelimiter|"
    r"DeclareMathAccent|DeclareMathRadical|DeclareSymbolFont|SetSymbolFont|mathchar|pretocmd|"
    r"apptocmd|patchcmd|xpatchcmd|xpretocmd|xapptocmd|robustify)(?![A-Za-z@])"
    r"|\\(?:def|let)(?![A-Za-z@])\s*(?![\s\\{])\S")


def extract(text: str, path: str) -> Document:
    errors: list[InputError] = []
    items: list[tuple[int, str, object]] = []
    masked = _VERBATIM.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    masked = _COMMENT.sub(lambda m: " " * len(m.group(0)), masked)
    own = macros.definitions(_conditionals(_VERB.sub(lambda m: re.sub(r"[^\n]", " ",
                                                                      m.group(0)), masked)))
    text, masked = _inline_expanded(text, masked, own)
    # (declarations and controls found in the text as expanded: an inline macro put in
    # moves every offset after it, and a block at its old offset fell in the wrong section)
    lines = text.split("\n")
    k = 0
    offset = 0
    starts = []
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    while k < len(lines):  # declaration blocks and display controls live in comments
        stripped = lines[k].strip()
        if re.match(r"%\s*derivcheck-display\s*:", stripped):
            items.append((starts[k], "controls", stripped.split(":", 1)[1]))
        elif re.match(r"%\s*derivcheck\s*:?\s*$", stripped):
            body, j = [], k + 1
            while j < len(lines) and lines[j].strip().startswith("%"):
                body.append(lines[j].strip()[1:])
                j += 1
            items.append((starts[k], "declare", ("\n".join(body), k + 2)))
            k = j
            continue
        k += 1
    masked = _not_typeset(masked)
    ended = re.search(r"\\end\s*\{document\}", masked)
    if ended is not None:  # (TeX reads nothing after it)
        masked = masked[:ended.end()] + re.sub(r"[^\n]", " ", masked[ended.end():])
    changes = _CHANGES_READING.search(masked)
    if changes is not None:
        line = line_col(masked, changes.start())[0]
        shown = changes.group(0).strip()
        return Document(path, (), (), (InputError(
            path, f"the document uses {shown}, which changes what its commands or characters "
                  "mean in a way derivcheck does not follow (it expands \\newcommand, "
                  "\\renewcommand, \\def\\name{…}, \\let and \\DeclareMathOperator only), so "
                  "its displays may not mean what they seem: derivcheck does not read it; write "
                  "the definition with \\newcommand", line=line),))
    for m in re.finditer(r"\\(input|include)\s*\{([^{}]*)\}", masked):
        errors.append(InputError(path, f"\\{m.group(1)}{{{m.group(2)}}} is not followed: "
                                 "derivcheck reads the files it is given (pass that file too)",
                                 line=line_col(masked, m.start())[0]))
    spans = []
    for m in _DISPLAY.finditer(masked):
        spans.append((m.start(), m.end()))
        group = next(g for g in ("a", "b", "c") if m.group(g) is not None)
        env = m.group("env") or ""
        body = masked[m.start(group):m.end(group)]  # (its % comments blanked, as TeX does)
        if env.startswith("eqnarray"):  # a &=& b: the same column layout as &=
            body = body.replace("&=&", " &=")
        # the document's own macros, put in (\R, \norm{x}): as TeX reads the display
        macros.display_item(path, masked, body, own, m.start(group), m.end(group), m.start(),
                            items, errors)
    sections = sorted([(m.start(), _titled(masked, m.end() - 1), _LEVELS[m.group(1)])
                       for m in _SECTION.finditer(masked)]
                      + part_labels(masked, "latex"))  # \textbf{(a)}: a part, as a heading
    body = re.search(r"\\begin\s*\{document\}", masked)
    if body is not None:  # the preamble is no prose: the body's first sentence starts there
        masked = re.sub(r"[^\n]", " ", masked[:body.end()]) + masked[body.end():]
    return assemble(path, text, masked, items, sections, errors, (_ENVS, spans))




def _inline_expanded(text: str, masked: str, own: dict) -> tuple[str, str]:
    """The text (and its masked copy) with the document's macros put in its inline math
    (``$\\hat{\\by} = \\sigma(\\bz)$``: the prose's definitions are read as typeset); lines
    are kept (an expansion that would add one is not made), so every place keeps its line."""
    if not own:
        return text, masked
    parts_t: list[str] = []
    parts_m: list[str] = []
    at = 0
    for m in INLINE_MATH.finditer(masked):
        group = "a" if m.group("a") is not None else "b"
        lo, hi = m.span(group)
        body = masked[lo:hi]
        try:
            new = macros.expand(body, own, lo)
        except macros.Unexpanded:
            continue  # (the prose's rules refuse a display that depends on it)
        if new == body or new.count("\n") != body.count("\n"):
            continue
        parts_t += [text[at:lo], new]
        parts_m += [masked[at:lo], new]
        at = hi
    return "".join(parts_t) + text[at:], "".join(parts_m) + masked[at:]


_CONDITIONAL = re.compile(r"\\(?:if[A-Za-z@]*|else|fi)(?![A-Za-z@])")
_NOT_CONDITIONALS = frozenset({"\\ifthenelse"})  # (a macro of its own, not a TeX \if)


def _conditionals(text: str) -> str:
    r"""TeX's conditionals, nested as TeX nests them: what \iffalse (or \if0) … i hides is
    blanked (its \else part is typeset), and so is the body of any other conditional
    (\ifdraft, \ifnum …), whose truth derivcheck cannot know: a display there is not read."""
    stack: list[tuple[str, int, bool]] = []  # (the \if, where its part to blank starts, blank?)
    spans: list[tuple[int, int]] = []
    for m in _CONDITIONAL.finditer(text):
        word = m.group(0)
        if word in _NOT_CONDITIONALS:
            continue
        if word.startswith("\\if"):
            stack.append((word, m.start(), word != "\\iftrue"))  # (only \iftrue is surely typeset)
        elif word == "\\else" and stack:
            cond, start, hide = stack[-1]
            if hide:
                spans.append((start, m.end()))
            # the \else part: typeset after \iffalse, not after \iftrue, unknown otherwise
            stack[-1] = (cond, m.end(), cond != "\\iffalse")
        elif word == "\\fi" and stack:
            cond, start, hide = stack.pop()
            if hide:
                spans.append((start, m.end()))
    for lo, hi in sorted(spans, reverse=True):
        text = text[:lo] + re.sub(r"[^\n]", " ", text[lo:hi]) + text[hi:]
    return text
_VERB = re.compile(r"\\verb\*?([^A-Za-z\s*])[^\n]*?\1")
_MACRO = re.compile(r"\\(?:(?:(?:re)?newcommand|providecommand|DeclareMathOperator)\*?\s*\{?\s*"
                    r"\\[A-Za-z]+\s*\}?(?:\s*\[\d\])?"
                    r"(?:\s*\[[^\]]*\])?|def\s*\\[A-Za-z]+[^{]*)\s*(?=\{)")


def _not_typeset(text: str) -> str:
    r"""The text with what TeX does not typeset where it stands blanked (line breaks kept):
    \iffalse … \fi, \verb|…|, and the bodies of macro definitions (\newcommand{\x}{\[ … \]}:
    a display there is the macro's, read nowhere; the definition itself is reported)."""
    def blank(m: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", m.group(0))

    text = _VERB.sub(blank, text)
    text = _conditionals(text)
    for m in reversed(list(_MACRO.finditer(text))):
        start = m.end()  # the body's braces, balanced
        k = macros.group_end(text, start)
        if k is None:  # TeX would read the rest of the file as the macro's body: what the
            line = text.count("\n", 0, m.start()) + 1  # author meant cannot be told
            raise Bad(f"line {line}: the body of {' '.join(m.group(0).split())}… is never "
                      "closed (its '{' has no '}'), so TeX would take the rest of the file "
                      "for it; close the brace")
        text = text[:start] + re.sub(r"[^\n]", " ", text[start:k]) + text[k:]
    return text


def _titled(text: str, open_at: int) -> str:
    """The title in the braces that open at ``open_at`` (nested braces kept), on one line."""
    depth = 0
    for k in range(open_at, min(len(text), open_at + 2000)):
        depth += {"{": 1, "}": -1}.get(text[k], 0) if text[k - 1] != "\\" else 0
        if depth == 0:
            return " ".join(text[open_at + 1:k].split())
    return " ".join(text[open_at + 1:open_at + 200].split())


def read(path: str, declarations: str | None = None) -> Loaded:
    return read_document(path, declarations, extract)
