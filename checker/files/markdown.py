"""Markdown documents (``.md``, ``.markdown``, ``.txt``): displays and declarations.

* displays: ``$$ … $$`` (on one line or several), ``\\[ … \\]``, ```` ```math ```` fences,
  display environments written in the text (``\\begin{align} … \\end{align}``,
  ``equation``, ``gather``, ``multline``), and ``$ … $`` or ``\\( … \\)`` standing as a line,
  list item or paragraph of its own (or with only a remark in brackets after it, which is its
  own: ``$A = B$ (by the chain rule)``); ``$…$`` inside a sentence is prose and not checked;
* declarations: a fenced ```` ```derivcheck ```` block, or TOML front matter between ``+++``
  lines, with the keys of a derivation file's ``[context]``; under a heading, for that
  section only;
* controls for the next display: an HTML comment ``<!-- derivcheck: id = "x", expect =
  "refuted", expect_steps = { 3 = "refuted" } -->`` (or ``<!-- derivcheck: skip -->``);
* sections: ATX headings (``#`` … ``######``) and setext ones (a line underlined with ``===``
  or ``---``).
"""

from __future__ import annotations

import re

from checker.files import macros
from checker.files.common import InputError, Loaded
from checker.files.document import Document, assemble, line_col, read_document
from checker.files.document_model import unclosed
from checker.files.names import steps_in
from checker.files.parts import part_labels
from checker.files.plain_math import plain_displays, unclear_exponent

_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})\s*(?P<info>[^\n`]*)$", re.M)
_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$", re.M)
_MARKER = re.compile(r"<!--\s*derivcheck\s*:?(.*?)-->", re.S)
_ENVS = ("equation", "align", "gather", "multline", "eqnarray", "displaymath")
_DISPLAY = re.compile(
    r"(?<!\\)\$\$(?P<a>.+?)(?:(?<!\\)|(?<=\\\\))\$\$"
    r"|\\\[(?P<b>(?:(?!\n[ \t]*\n).)+?)\\\]"  # (a blank line ends it: TeX's and Markdown's)
    # a display environment written straight into the text (MathJax renders it)
    r"|(?P<c>\\begin\{(?P<env>" + "|".join(_ENVS) + r")(?P<star>\*?)\}"
    r"(?:(?!\\begin\{(?P=env)).)*?\\end\{(?P=env)(?P=star)\})"  # (linear: stops at the next)
    # $…$ or \(…\) that is a line (or a list item, or a paragraph) of its own is a display
    r"|^[ \t]*(?:[-*+][ \t]+|\d{1,3}[.)][ \t]+)?(?:(?<!\\)\$(?P<d>[^$]+?)(?:(?<!\\)|(?<=\\\\))\$"
    r"|\\\((?P<e>(?:(?!\\[()])[^\n])+?)\\\))"
    # (with a remark in brackets after it: "$A \Rightarrow B$ (by the product rule)")
    r"(?:[ \t]*(?P<r>\([^()\n]*\)))?[ \t]*[.,;:]?[ \t]*$", re.S | re.M)
_BLANK = re.compile(r"\n[ \t]*\n")
_PROSE_WORDS = re.compile(r"(?<![\\A-Za-z])[A-Za-z]{2,}\s+[A-Za-z]{2,}(?![A-Za-z(])")
# a setext heading: a line of text underlined with === or ---
_SETEXT = re.compile(r"^ {0,3}([^\s#>\-*+|][^\n]*)\n {0,3}(?:=+|-+)[ \t]*$", re.M)
# an HTML block (CommonMark's kinds 6 and 7): a line opening with a block-level tag, or holding
# only a complete tag, starts raw HTML that runs to the next blank line; a '#' line in it is
# no heading (<details> with "# Hint" inside does not end the section)
_BLOCK_TAGS = ("address|article|aside|blockquote|body|caption|center|col|colgroup|dd|details|"
               "dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|"
               "h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|"
               "noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|"
               "tfoot|th|thead|title|tr|track|ul")
_HTML_BLOCK = re.compile(
    rf"^ {{0,3}}(?:</?(?:{_BLOCK_TAGS})(?:[\s/>]|$)|</?[A-Za-z][\w-]*(?:\s[^<>\n]*)?/?>[ \t]*$)"
    r"[^\n]*(?:\n[ \t]*\S[^\n]*)*", re.M | re.I)


# "(for x > 0)": a cue word, then one comparison in math (letters standing alone, commands,
# digits and operators: no word, no comma, no second clause)
_MATH = r"(?:\\[A-Za-z]+|[A-Za-z](?![A-Za-z])|[\d{}^_ +\-*/.()])*"
_CONDITION = re.compile(rf"\(\s*(if|for|when|where|given|provided)\s+({_MATH}"
                        rf"(?:[<>≤≥≠]|\\[lg]eq?(?![A-Za-z])|\\neq?(?![A-Za-z])){_MATH})\)", re.I)


def _remark(written: str, body: str) -> str:
    """A remark in brackets after a line of inline math, as the display's own: a condition
    written in math after its cue word ("(for x > 0)") is read as the step's condition where
    the line is one step; any other remark is its why (a condition in words there, or one
    after a chain of several steps, where it would hold for the last only, is refused where
    it is read)."""
    cond = _CONDITION.fullmatch(written.strip())
    if cond is not None and steps_in(body) <= 1:
        return f" \\quad \\text{{{cond.group(1)} }} {cond.group(2)}"
    return " \\quad \\text{" + written.replace("}", ")") + "}"


def extract(text: str, path: str, file: str = "") -> Document:
    """The document's displays, declaration blocks and controls (see the module docstring)."""
    masked = list(text)
    items: list[tuple[int, str, object]] = []  # (offset, kind, payload)
    errors: list[InputError] = []
    if text.startswith("+++"):
        end = text.find("\n+++", 3)
        if end < 0:
            errors.append(InputError(path, "the front matter opened with +++ is never closed",
                                     line=1))
        else:
            items.append((0, "declare", (text[3:end], 2)))
            masked[:end + 4] = " " * (end + 4)
    pos = 0
    while (m := _FENCE.search(text, pos)) is not None:
        fence, info = m.group("fence"), m.group("info").strip().lower()
        close = re.compile(rf"^ {{0,3}}{fence[0]}{{{len(fence)},}}\s*$", re.M).search(text, m.end())
        end = close.start() if close else len(text)
        body_start = m.end() + 1
        body = text[body_start:end]
        if info == "math":
            items.append((body_start, "display", body))
        elif info == "derivcheck":
            items.append((body_start, "declare", (body, line_col(text, body_start)[0])))
        for k in range(m.start(), close.end() if close else len(text)):  # code is not prose
            if masked[k] != "\n":
                masked[k] = " "
        if info not in ("math", "derivcheck"):  # but it stands between the prose before it
            masked[m.start() + len(m.group("indent"))] = "§"  # and a display after it (a
            # case the prose states does not reach over it)
        if close is None:
            errors.append(InputError(path, "a code fence is never closed",
                                     line=line_col(text, m.start())[0]))
            break
        pos = close.end()
    _mask_indented_code(text, masked)
    plain = "".join(masked)
    for m in _MARKER.finditer(plain):
        items.append((m.start(), "controls", m.group(1)))
    plain = _blanked(plain, [m.span() for m in re.finditer(  # code is not prose: `$$`,
        r"(?<!`)(`+)(?!`)[^\n]+?(?<!`)\1(?!`)", plain)])  # nor `<pre>` said in words
    plain = _blanked(plain, _closed(plain, "<!--", "-->"))  # other comments are not prose
    plain = _blanked(plain, _closed(plain, "<pre", "</pre>"))  # either, nor <pre> (code)
    for tag in ("script", "style", "textarea"):  # (what a browser shows as typed, or not at
        plain = _blanked(plain, _closed(plain, f"<{tag}", f"</{tag}>"))  # all)
    plain = _blanked(plain, [m.span() for m in _TAG_WITH_MATH.finditer(plain)])  # (alt="$$…$$")
    plain = _blanked(plain, _quoted_fences(plain))  # (> ``` … > ```: code in a quote)
    plain = _blanked(plain, [m.span() for m in _LINK_REFERENCE.finditer(plain)])  # (not shown)
    plain = _blanked(plain, [m.span("title") for m in _LINK_TITLE.finditer(plain)])  # (a tooltip)
    spans: list[tuple[int, int]] = []
    pos = 0
    own: dict[str, macros.Macro] | None = None  # (read once, where a display needs them)
    while (m := _DISPLAY.search(plain, pos)) is not None:
        pos = m.end()
        group = next(g for g in "abcde" if m.group(g) is not None)
        body = text[m.start(group):m.end(group)]
        gap = _BLANK.search(body) if group == "a" else None
        if gap is not None and _PROSE_WORDS.search(body[gap.end():]):  # $$ x = x, a blank
            errors.append(InputError(path, "this $$ is not closed before the paragraph "  # line
                                     f"at line {line_col(text, m.start(group) + gap.end())[0]}: "
                                     "close it there (a blank line ends a display)",
                                     line=line_col(text, m.start())[0]))
            spans.append((m.start(), m.start(group) + gap.start()))  # (not read), and the page
            pos = m.start(group) + gap.end()  # goes on from that paragraph: its $$ opens one
            continue
        spans.append((m.start(), m.end()))
        if group in "de" and _BLANK.search(body):
            continue  # a $ … $ across paragraphs is two inline spans, not one display
        if group in "de" and _mid_sentence(plain, m.start(), m.end()):
            continue  # "the equation\n$x^2 = 4$\nhas two solutions": inline, in a sentence
        if m.group("r"):  # the remark, as the display's own: its why, or its condition
            body += _remark(m.group("r"), body)
        if own is None:
            own = macros.definitions(plain, in_math=True) if macros.defines(plain) else {}
        if macros.defines(body) and not macros.without_definitions(body).strip():
            continue  # $$\newcommand{\defeq}{:=}$$: definitions only (MathJax shows nothing)
        # the page's own macros (MathJax's \newcommand, in a display before), put in
        macros.display_item(path, text, body, own, m.start(group), m.end(group), m.start(group),
                            items, errors)
    rest = _blanked(plain, spans)
    if own:  # a macro of the page's used in the prose's inline math is not put in there
        _beside_prose_macros(path, text, rest, own, items, errors)
    opened = []  # each opened and never closed (reported where the document is assembled):
    for at, _ in unclosed(rest, _ENVS, spans):  # its paragraph is no plain-text display either
        if not opened or at >= opened[-1][1]:
            end = _BLANK.search(rest, at)
            opened.append((at, end.start() if end else len(rest)))
    rest = _blanked(rest, opened)
    for at, body in plain_displays(rest):
        unclear = unclear_exponent(body)
        if unclear is None:
            items.append((at, "display", body))
            continue
        k = at + unclear[0]  # refused, at its place: which exponent is meant is a guess
        line = text.count("\n", 0, k) + 1
        errors.append(InputError(path, unclear[1], line=line, col=k - text.rfind("\n", 0, k)))
    # headings: not inside a display (a lone '=' line there is no setext underline), nor in
    # <pre>, nor in YAML front matter (its closing --- is no underline either)
    outline = _blanked(rest, _closed(rest, "<pre", "</pre>"))
    for tag in ("script", "style", "textarea"):  # raw HTML that runs to its closing tag
        outline = _blanked(outline, _closed(outline, f"<{tag}", f"</{tag}>"))
    outline = _blanked(outline, [m.span() for m in _HTML_BLOCK.finditer(outline)])
    if re.match(r"---[ \t]*\n", outline):
        end = re.compile(r"^---[ \t]*$", re.M).search(outline, 4)
        if end is not None:
            outline = re.sub(r"[^\n]", " ", outline[:end.end()]) + outline[end.end():]
    headings = sorted([(m.start(), m.group(2), len(m.group(1)))
                       for m in _HEADING.finditer(outline)]
                      + [(m.start(), m.group(1).strip(), 1 if m.group(0).rstrip()[-1] == "=" else 2)
                         for m in _SETEXT.finditer(outline)]
                      + part_labels(outline))  # **(a)**, **Problem 2.**: parts, as headings
    return assemble(path, text, plain, items, headings, errors, (_ENVS, spans), file)


_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")


def _mask_indented_code(text: str, masked: list[str]) -> None:
    """CommonMark's indented code block: lines indented by four spaces (or a tab) after a blank
    line, outside a list, are code, shown as typed, not math (a $$ … $$ there is read by no
    one), and are masked as a fenced block is. Inside a list item such lines go on with the
    item (its second paragraph), and stay."""
    offset, blank_before, in_list, in_code = 0, True, False, False
    for line in text.splitlines(keepends=True):
        start, offset = offset, offset + len(line)
        shown = "".join(masked[start:offset]).rstrip("\n")
        if not shown.strip():
            blank_before = True
            continue
        if not shown.startswith(("    ", "\t")):
            in_code = False
        indented = shown.startswith(("    ", "\t"))
        if not indented:
            in_list = _LIST_ITEM.match(shown) is not None or (in_list and not blank_before)
            blank_before = False
            continue
        if blank_before and not in_list:  # (a run of such lines: each after the one before)
            first = not in_code
            for k in range(start, offset):
                if masked[k] != "\n":
                    masked[k] = " "
            if first:  # it stands between the prose before it and a display after it, as a
                masked[start] = "§"  # fenced block does
            in_code = True
            continue  # (blank_before stays: the code block goes on)
        blank_before = False


def _beside_prose_macros(path: str, text: str, prose: str, own: dict, items: list,
                         errors: list) -> None:
    """``Suppose $\\hyp$. Then`` with \\hyp a macro of the page: what the prose states there is
    not read (macros are put in displays only), so the displays right before and after it
    are refused, as beside any prose the reader cannot read (the case or the hypothesis was
    lost: |x| = x after "For $\\pos$:" was refuted at x = −1)."""
    names = sorted(own, key=len, reverse=True)
    use = re.compile(r"(?:" + "|".join(re.escape(n) for n in names) + r")(?![A-Za-z@])")
    shown: dict[int, str] = {}
    for m in re.finditer(r"(?<!\\)\$([^$\n]+)\$|\\\((.+?)\\\)", prose):
        if (hit := use.search(m.group(1) or m.group(2) or "")) is not None:
            shown.setdefault(m.start(), hit.group(0))
    if not shown:
        return
    displays = sorted(k for k, item in enumerate(items) if item[1] == "display")
    drop: dict[int, tuple[int, str]] = {}
    for at, name in shown.items():
        after = next((k for k in displays if items[k][0] > at), None)
        before = next((k for k in reversed(displays) if items[k][0] < at), None)
        for k in (after, before):
            if k is not None:
                drop.setdefault(k, (at, name))
    for k in sorted(drop, reverse=True):
        at, name = drop[k]
        errors.append(InputError(path, f"the prose at line {line_col(text, at)[0]} uses the "
                                 f"page's macro {name} in its math, which derivcheck puts in "
                                 "displays only: what it says there is not read, so this "
                                 "display is not checked without it; write the macro out in "
                                 "the prose", line=line_col(text, items[k][0])[0]))
        del items[k]


def _mid_sentence(text: str, start: int, end: int) -> bool:
    """Whether a line of inline math stands inside a sentence: the prose line before it goes on
    (no full stop, colon or the like at its end, no list item, heading or blank line) and the
    line after it goes on in lower case."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():  # (a list item's bullet: its own item)
        return False
    before_end = line_start - 1
    before = text[text.rfind("\n", 0, max(before_end, 0)) + 1:max(before_end, 0)].rstrip()
    after_start = text.find("\n", end)
    after = text[after_start + 1:text.find("\n", after_start + 1) if text.find(
        "\n", after_start + 1) >= 0 else len(text)].lstrip() if after_start >= 0 else ""
    if not before or not after or before_end <= 0:
        return False
    if before[-1] in ".:;!?)$" or re.match(r"\s*(?:#|[-*+]\s|\d{1,3}[.)]\s|>)", before):
        return False
    return bool(re.match(r"[a-z]", after))


def _closed(text: str, opener: str, closer: str) -> list[tuple[int, int]]:
    """The spans from ``opener`` to ``closer`` (HTML comments, <pre> blocks; case aside), in
    linear time: an unclosed one is left as it is written (a regular expression took minutes
    on thousands of openers)."""
    low = text.lower()
    out, at = [], 0
    while (start := low.find(opener, at)) >= 0:
        after = low[start + len(opener):start + len(opener) + 1]
        if opener[-1].isalpha() and (after.isalnum() or after == "-"):  # (<prefix> is no <pre)
            at = start + len(opener)
            continue
        end = low.find(closer, start + len(opener))
        if end < 0:
            break
        out.append((start, end + len(closer)))
        at = end + len(closer)
    return out


# an HTML tag whose attributes hold math (<img alt="$$ … $$">): MathJax reads no attribute
_TAG_WITH_MATH = re.compile(r"<[A-Za-z][\w-]*\s[^<>]*?(?:\$|\\\[|\\\()[^<>]*>")
# a link reference definition ([n]: url "title"), which is not shown, and a link's title, which
# is shown only as a tooltip: math in them is read by no one
_LINK_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S+[^\n]*$", re.M)
_LINK_TITLE = re.compile(r"\]\(\s*<?[^\s()<>]*>?\s+(?P<title>\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\))\s*\)")
_QUOTE = r"^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:> ?)+ {0,3}"  # (> in a list item too)
_QUOTED_FENCE = re.compile(_QUOTE + r"(`{3,}|~{3,})[^\n]*$", re.M)


def _quoted_fences(text: str) -> list[tuple[int, int]]:
    """The code fences inside a block quote (``> ```\u2026``), from the opening line to the
    closing one (or the quote's end): code there is shown as typed, as a fence outside."""
    out, pos = [], 0
    while (m := _QUOTED_FENCE.search(text, pos)) is not None:
        fence = m.group(1)
        close = re.compile(_QUOTE + rf"{fence[0]}{{{len(fence)},}}\s*$", re.M)
        end_m = close.search(text, m.end())
        quote_end = re.compile(r"^(?![ \t]*>)", re.M).search(text, m.end() + 1)
        end = end_m.end() if end_m is not None and (
            quote_end is None or end_m.start() < quote_end.start()) else (
            quote_end.start() if quote_end is not None else len(text))
        out.append((m.start(), end))
        pos = max(end, m.end() + 1)
    return out


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the spans (in order, apart) blanked, line breaks kept."""
    parts, at = [], 0
    for lo, hi in spans:
        parts += [text[at:lo], re.sub(r"[^\n]", " ", text[lo:hi])]
        at = hi
    return "".join(parts) + text[at:]


def read(path: str, declarations: str | None = None) -> Loaded:
    return read_document(path, declarations, extract)
