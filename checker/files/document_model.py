"""What a document is once its format is read: its displays (with where they are, their section
and the prose before them), declaration blocks and per-display controls, and the helpers every
part of reading it shares (positions, sections).

A part of :mod:`checker.files.document`."""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass, field

from checker.files import intervals, quantified
from checker.files.common import (
    Bad,
    InputError,
)
from checker.files.parts import PROBLEM
from checker.parse.latex_lexer import without_layout
from checker.toml_safe import toml_loads

MAX_DISPLAYS = 500


PROSE_CHARS = 20_000  # the prose between two displays that is searched for definitions


DISPLAY_KEYS = {"line", "id", "title", "expect", "expect_steps", "expect_lines", "note", "skip"}


# a definition: LHS := RHS, in its usual spellings
DEFINES = re.compile(r":=|\\coloneqq|\\defeq|\\triangleq|\\stackrel\{\\(?:text|mathrm)\{def\}\}\{=\}"
                     r"|\\overset\{\\(?:text|mathrm)\{def\}\}\{=\}|\\doteq")


CUES = re.compile(r"\b(define|defined|let|where|with|denote|set)\b[^.]*$", re.I)


_FONTS = "operatorname|text|mathrm|mathit|mathsf"  # a function's name may be set in these


# a decorated name: \hat{y}, \hat y, \hat{\mathbf{y}}, \overline{y}, \bm{y}, \hat\theta
_DECORATED = (r"\\(?:hat|bar|tilde|mathbf|boldsymbol|bm|vec|widehat|widetilde|overline|mathcal|"
              r"dot|ddot|check|breve|Delta|" + _FONTS + r")"
              r"(?:\{(?:[^{}]|\{[^{}]*\})+\}|\s+[A-Za-z](?![A-Za-z])|\s*\\[A-Za-z]+)")


NAME = re.compile(
    r"^\s*(?P<name>(?:" + _DECORATED +
    r"|\\[A-Za-z]+|[A-Za-z])(?:_\{[^{}]+\}|_[A-Za-z0-9]|_\\[A-Za-z]+)?"
    r"(?:\^\{(?:\([^{}]+\)|\[[^{}]+\])\}|\^(?:\{\s*(?:\*|\\ast|\\star)\s*\}|\*|\\ast|\\star))?)"
    r"\s*(?:(?:\\left)?\((?P<params>[^()]*)(?:\\right)?\))?\s*$")


@dataclass(frozen=True)
class Display:
    """One display of a document, as its reader found it."""

    latex: str  # the math, without the $$ or \[ \] around it
    line: int  # the file line its math starts on
    col: int = 1  # and the column
    scope: str = ""  # the key of the heading it is under: one per heading, even where two read alike
    outer: tuple[str, ...] = ()  # the keys of the headings that one is under, outermost first
    controls: dict = field(default_factory=dict, compare=False)  # id, expect, skip …
    before: str = ""  # the prose just before it (for "let", "define", "where")
    file: str = ""  # how errors name the place, if not the path ("nb.ipynb, cell 3")
    between: str = ""  # all the text since the display before (its definitions in prose)
    # the headings in ``between``: (where the heading's line starts and ends there, its key)
    headings: tuple[tuple[int, int, str], ...] = ()
    # the bounds ``between`` says of every index ("Let $x_i < 0$ for all $i$": ("x", "i"); the
    # words are blanked out of it, checker.files.quantified)
    universal: frozenset[tuple[str, str]] = frozenset()

    @property
    def section(self) -> str:
        """The heading it is under, as written ("" before the first)."""
        return section_text(self.scope)


@dataclass(frozen=True)
class Document:
    path: str
    displays: tuple[Display, ...]
    declarations: tuple[tuple[str, int, str], ...] = ()  # (TOML, line, section key or "")
    errors: tuple[InputError, ...] = ()  # what the reader could not make sense of
    tail: str = ""  # the prose after the last display (for "… for $x > 0$.")
    # every heading's key and the keys of the headings it is under, in the page's order
    sections: tuple[tuple[str, tuple[str, ...]], ...] = ()


def line_col(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def assemble(path: str, text: str, plain: str, items: list[tuple[int, str, object]],
             sections: list[tuple[int, str, int]], errors: list[InputError],
             environments: tuple[tuple[str, ...], list[tuple[int, int]]], file: str = "") -> Document:
    """The Document a reader's finds make, in the order they stand: displays (with the
    controls and prose before each), declaration blocks and their sections. ``plain`` is the
    text with code and comments blanked; ``environments`` the display environments' names and
    the spans the reader matched, so that one opened and never closed is reported."""
    names, spans = environments
    for at, env in unclosed(plain, names, spans)[:20]:
        closer = _CLOSERS.get(env, f"\\end{{{env}}}")
        opener = env if env in _CLOSERS else f"\\begin{{{env}}}"
        errors.append(InputError(path, f"{opener} is never closed by {closer}: its display is "
                                 f"not read; close it with {closer}",
                                 line=line_col(plain, at)[0], col=line_col(plain, at)[1]))
    items.sort(key=lambda t: t[0])
    displays: list[Display] = []
    declarations: list[tuple[str, int, str]] = []
    pending: dict = {}
    last_end = 0
    outer = _outer_sections(sections)
    for offset, kind, payload in items:
        at = next((k for k in range(len(sections) - 1, -1, -1) if sections[k][0] < offset), None)
        key = section_key(at, sections[at][1]) if at is not None else ""
        if kind == "declare":
            body, line = payload  # type: ignore[misc]
            declarations.append((body, line, key))
        elif kind == "controls":
            try:
                pending = controls_of(str(payload))
            except Bad as exc:
                errors.append(InputError(file or path, exc.message, line=line_col(text, offset)[0]))
        else:  # (a display's text, or its text with macros put in and where it ends)
            body, end = payload if isinstance(payload, tuple) else (str(payload), None)
            line, col = line_col(text, offset)
            prose = split_binding(plain[last_end:offset])
            between = prose[-PROSE_CHARS:]
            start = offset - len(between)
            heads = tuple((o - start, (o if level >= PROBLEM else _line_end(plain, o, offset))
                           - start, section_key(k, head))  # (a heading's line is no prose)
                          for k, (o, head, level) in enumerate(sections) if start <= o < offset)
            displays.append(Display(without_layout(body), line, col, key,
                                    outer[at] if at is not None else (), pending,
                                    prose[-300:], file, between, heads, frozenset(
                                        quantified.universal(plain[last_end:offset][-PROSE_CHARS:]))))
            pending = {}
            last_end = end if end is not None else offset + len(body)
    return Document(path, tuple(displays), tuple(declarations), tuple(errors),
                    plain[last_end:][:PROSE_CHARS],
                    tuple((section_key(k, s[1]), outer[k]) for k, s in enumerate(sections)))


# "let c=$\frac{1}{2}$": the name and its = in the text, the value in math
_SPLIT = re.compile(r"(?<![\w$\\])([A-Za-z](?:_[A-Za-z0-9])?)([ \t]*:?=[ \t]*)(\$(?!\$)|\\\()")
# "Set c to $\frac12$", "Let c be $…$", "c equal to $…$": the same binding in words
_SPLIT_WORDED = re.compile(r"(?:(?<=\b[Ll]et[ \t])|(?<=\b[Ss]et[ \t])|(?<=\b[Tt]ake[ \t]))\$?"
                           r"([A-Za-z](?:_[A-Za-z0-9])?)\$?[ \t]+(?:be(?:[ \t]+equal[ \t]+to)?|to"
                           r"|equal(?:[ \t]+to)?)[ \t]+\$(?!\$)")
_SPLIT_NAMED = re.compile(r"(?<!\$)\$([A-Za-z](?:_[A-Za-z0-9])?)\$([ \t]*:?=[ \t]*)\$(?!\$)")


def split_binding(prose: str) -> str:
    """``Let c=$\\frac{1}{2}$, then``: the name and its = written in the text and only the
    value in math, as ``Let $c=\\frac{1}{2}$``, which the prose readers know (a definition
    or a hypothesis); it was not seen, and the displays that use c were refuted at c = 0.
    The math's opener is moved before the name: the text keeps its length (offsets into it
    stay right)."""
    prose = quantified.strip(prose)  # ("Let $x_i < 0$ for all $i$.": read as "Let $x_i < 0$.")
    prose = intervals.as_bounds(prose)  # ("Let $p \in (0, 1)$.": read as "Let $0 < p < 1$.")
    prose = _SPLIT_NAMED.sub(lambda m: f"${m.group(1)} {m.group(2)} ", prose)  # $c$=$½$
    prose = _SPLIT_WORDED.sub(lambda m: f"${m.group(1)} = ".rjust(len(m.group(0))), prose)
    return _SPLIT.sub(lambda m: m.group(3) + m.group(1) + m.group(2), prose)


def _line_end(text: str, at: int, limit: int) -> int:
    end = text.find("\n", at, limit)
    return limit if end < 0 else end


def section_key(k: int, text: str) -> str:
    """The key of the k-th heading: two headings that read alike ("## Problem" under two
    parts) are two sections, each with its own declarations and definitions."""
    return f"{k}\x01{text}"


def section_text(key: str) -> str:
    return key.split("\x01", 1)[-1]


def _outer_sections(sections: list[tuple[int, str, int]]) -> list[tuple[str, ...]]:
    """For each heading (offset, text, level), the keys of the headings it is under,
    outermost first: declarations made under "# Homework" hold in its "## Problem 1" too."""
    out, stack = [], []  # stack: (level, key) of the open headings
    for k, (_, text, level) in enumerate(sections):
        while stack and stack[-1][0] >= level:
            stack.pop()
        out.append(tuple(key for _, key in stack))
        stack.append((level, section_key(k, text)))
    return out


_CLOSERS = {"$$": "$$", "\\[": "\\]"}


def unclosed(text: str, names: tuple[str, ...], matched: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """(offset, name) of each \\begin{name} of a display environment, and of each ``$$`` and
    ``\\[``, that no display match covers: opened and never closed (or closed by another),
    reported rather than skipped (a display whose closing ``$$`` was forgotten was silently
    left out of the report)."""
    out: list[tuple[int, str]] = []
    pattern = r"\\begin\{(" + "|".join(names) + r")\*?\}|(?<!\\)(\$\$)|(?<!\\)(\\\[)"
    spans = sorted(matched)
    starts = [lo for lo, _ in spans]
    for m in re.finditer(pattern, text):
        k = bisect.bisect_right(starts, m.start()) - 1  # (the spans a reader matches are apart)
        if k < 0 or not m.start() < spans[k][1]:
            name = m.group(0)[len("\\begin{"):-1] if m.group(1) is not None else m.group(0)
            out.append((m.start(), name))
    return out


def _toml(text: str, where: str) -> dict:
    try:
        data = toml_loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise Bad(f"{where}: not valid TOML: {exc}") from None
    if "context" in data and isinstance(data["context"], dict):  # [context] … allowed too
        data = {**data["context"], **{k: v for k, v in data.items() if k != "context"}}
    return data


def controls_of(text: str) -> dict:
    """The controls a marker gives: ``id = "x", expect = "refuted"`` or ``skip``."""
    text = text.strip()
    if not text:
        return {}
    if re.fullmatch(r"[A-Za-z_]+", text):
        return {text: True}
    for attempt in (text, "c = {" + text + "}"):
        try:
            data = toml_loads(attempt)
        except tomllib.TOMLDecodeError:
            continue
        return _checked_controls(data["c"] if attempt.startswith("c = {") else data, text)
    raise Bad(f"cannot read the controls {text!r}: write them as TOML, e.g. "
              'id = "sigmoid", expect = "refuted"')


# each control, and the type it must have (a marker that says skip = "false" skipped the
# display, and a misspelt expcet was ignored: a false claim went unchecked, and the run passed)
_CONTROLS = {"id": str, "expect": str, "note": str, "title": str, "skip": bool,
             "expect_steps": dict, "expect_lines": dict}


def _checked_controls(data: dict, text: str) -> dict:
    unknown = sorted(set(data) - set(_CONTROLS))
    if unknown:
        raise Bad(f"the controls {text!r}: unknown key(s) {', '.join(unknown)}; the keys are "
                  f"{', '.join(_CONTROLS)}")
    for key, want in _CONTROLS.items():
        if key in data and not isinstance(data[key], want):
            shown = {str: 'a string ("…")', bool: "true or false (or the word skip alone)",
                     dict: "a table ({ 3 = \"refuted\" })"}[want]
            raise Bad(f"the controls {text!r}: {key} must be {shown}, not {data[key]!r}")
    if "id" in data and ("::" in data["id"] or not data["id"].isprintable()
                         or not data["id"].strip()):
        raise Bad(f"the controls {text!r}: an id is one line of text without '::' (which "
                  "separates a file from an id in reports)")
    return data
