"""Documents (Markdown, LaTeX, notebooks) → derivations: what every document reader shares.

A format's reader (:mod:`~checker.files.markdown`, :mod:`~checker.files.tex`,
:mod:`~checker.files.notebook`) finds the document's *displays*, its *declaration blocks*
(what the prose says informally, in the keys of a derivation file's ``[context]``) and the
per-display *controls* (id, expected verdicts, skip); :func:`build` turns them into
derivations:

* a display whose first relation is a definition (``:=``, ``\\coloneqq``, ``\\triangleq``,
  ``\\stackrel{\\text{def}}{=}``), or whose left side is a name not declared or seen before
  (``L = −Σ y log ŷ``, ``f(x) = x²``), defines that name for the rest of its section;
* every other display with ``=`` between expressions is a chain: each adjacent pair is a
  check, at the file line where the step is written;
* a line that cannot be read is reported at its file line and column; its neighbours are
  still read, and the checks that need it say "not checked: line N could not be read".

Declarations hold for the whole document; a declaration block under a heading holds for that
section (and replaces nothing else). A sidecar file (``--declarations FILE``, or ``DOC.toml``
next to the document, TOML) may hold the same keys under ``[context]``, per-section keys under
``[sections."Heading"]``, keys for a range of lines under ``[[part]]`` (``lines = [from, to]``,
for parts that are not headings: "Question 2"), and ``[[display]]`` tables (``line``, ``id``,
``title``, ``expect``, ``expect_steps``, ``expect_lines``, ``note``, ``skip``) for documents
that cannot be edited.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from fractions import Fraction
from functools import partial
from pathlib import Path

import sympy as sp

from checker.deadline import OutOfTime, time_limit
from checker.files import prose, prose_definitions, values, where_order
from checker.files.common import (
    MAX_STEPS,
    READ_SECONDS,
    Bad,
    InputError,
    Loaded,
    Prebuilt,
    expect,
    read_text,
    reading_bug,
)
from checker.files.context import CONTEXT_KEYS, build_context, hypotheses
from checker.files.implications import is_implication_chain, latex_statements
from checker.files.memberships import said_arrays
from checker.files.names import (
    USED,
    UnreadCondition,
    imaginary_in,
    letters_declared,
    no_imaginary_unit,
    no_plain_e,
    no_prose_binding,
    no_prose_definition,
    no_unread_condition,
    not_defined_here,
    script_letters,
    top_level_eq,
    variance_definition,
    word_definition,
    writes_name,
)
from checker.files.parts import PROBLEM
from checker.files.prose import CASE_END
from checker.files.prose_definitions import ProseDefinition, definitions_in, mentions, sides
from checker.files.sequences import first_value, recurrence
from checker.files.steps import (
    chain_choices,
    indices,
    latex_step,
    lower_arrays,
    not_tied,
    one_equation,
    same_shapes,
    sized_again,
    sizes_free,
    vocabulary_redefined,
)
from checker.model import CatalogItem, Derivation, Implications, Step, case_rows
from checker.parse import divergence, latex_random
from checker.parse.context import SCALAR_FUNCTIONS, SHORT_NAMES, Context, UserFunction, overload
from checker.parse.latex import LETTERS
from checker.parse.latex_chain import last_equation
from checker.parse.latex_lexer import ARROWS, unboxed, without_empty_groups
from checker.parse.tree import (
    Call,
    Defined,
    Name,
    Node,
    ParseError,
    Pos,
    TupleLit,
    bound_indices,
    free_names,
    reached_names,
    walk,
)
from checker.parse.tree import plain as plain_text
from checker.parse.unicode_math import as_latex
from checker.toml_safe import toml_loads
from checker.vocabulary import BY_NAME

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
              r"dot|ddot|check|breve|" + _FONTS + r")"
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


# --------------------------------------------------------------------------- declarations

def read_document(path: str, declarations: str | None,
                  extract: Callable[[str, str], Document]) -> Loaded:
    """A document file read by its format's ``extract`` and built with its sidecar."""
    try:
        text = read_text(path)
    except Bad as exc:
        return Loaded(errors=[InputError(path, exc.message)])
    sidecar, errors = read_sidecar(declarations, path)
    out = bounded(path, lambda: build(extract(text, path), sidecar))
    out.errors[:0] = errors
    return out


DOCUMENT_SECONDS = 60.0  # CPU seconds to read one document whole (each derivation has its own)


def bounded(path: str, read: Callable[[], Loaded]) -> Loaded:
    """``read()`` under the document's time limit: a document whose reading does not end
    (quadratic prose, thousands of plain-text formula lines) is one input error, in bounded
    time; a document the format's reader refuses whole (Bad) is one too."""
    try:
        with time_limit(DOCUMENT_SECONDS):
            return read()
    except Bad as exc:  # (the rest of the run goes on)
        return Loaded(errors=[InputError(path, exc.message)])
    except OutOfTime:
        return Loaded(errors=[InputError(path, f"reading the document took longer than "
                                               f"{DOCUMENT_SECONDS:g} s of CPU; split it into "
                                               "smaller files")])


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
        errors.append(InputError(path, f"\\begin{{{env}}} is never closed by \\end{{{env}}}: "
                                 "its display is not read", line=line_col(plain, at)[0]))
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
            between = plain[last_end:offset][-PROSE_CHARS:]
            start = offset - len(between)
            heads = tuple((o - start, (o if level >= PROBLEM else _line_end(plain, o, offset))
                           - start, section_key(k, head))  # (a heading's line is no prose)
                          for k, (o, head, level) in enumerate(sections) if start <= o < offset)
            displays.append(Display(without_empty_groups(body), line, col, key,
                                    outer[at] if at is not None else (), pending,
                                    plain[last_end:offset][-300:], file, between, heads))
            pending = {}
            last_end = end if end is not None else offset + len(body)
    return Document(path, tuple(displays), tuple(declarations), tuple(errors),
                    plain[last_end:][:PROSE_CHARS])


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


def unclosed(text: str, names: tuple[str, ...], matched: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """(offset, name) of each \\begin{name} of a display environment that no display match
    covers: opened and never closed (or closed by another), reported rather than skipped."""
    out = []
    for m in re.finditer(r"\\begin\{(" + "|".join(names) + r")\*?\}", text):
        if not any(lo <= m.start() < hi for lo, hi in matched):
            out.append((m.start(), m.group(0)[len("\\begin{"):-1]))
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


AMBIGUOUS = "\x00ambiguous"  # a section table that headings reading alike share: its reason


def _declarations(doc: Document, sidecar: dict) -> tuple[dict, dict[str, dict], list[InputError]]:
    """(document-level context table, per-section tables by section key, errors). A sidecar's
    [sections."Heading"] table holds in every section with that heading, before its blocks."""
    base: dict = {k: v for k, v in sidecar.get("context", {}).items()}
    named: dict[str, dict] = {k: dict(v) for k, v in sidecar.get("sections", {}).items()
                              if isinstance(v, dict)}
    keys = {k for d in doc.displays for k in (*d.outer, d.scope) if k} \
        | {key for _, _, key in doc.declarations if key}
    errors: list[InputError] = []
    alike = {name: sorted({d.line for d in doc.displays if section_text(d.scope) == name})
             for name in named if sum(section_text(k) == name for k in keys) > 1}
    sections: dict[str, dict] = {k: dict(named[section_text(k)]) for k in keys
                                 if section_text(k) in named}
    for k in keys:  # two "## Problem": which one is meant? Neither is checked on a guess
        if section_text(k) in alike:
            lines = alike[section_text(k)]
            sections[k] = {AMBIGUOUS: (
                f"the declarations file's [sections.\"{section_text(k)}\"] names headings "
                "that read alike, which are different sections, so which one it means cannot "
                f"be told (displays at lines {lines[0]}…{lines[-1]}): declare it in a block "
                "under the heading, or give the headings different names")}
    for name in sorted(set(named) - {section_text(k) for k in keys}):
        errors.append(InputError(doc.path, f"the declarations file's [sections.\"{name}\"] "
                                 "names no heading of the document (nor one with a display "
                                 "under it): check its spelling"))
    for text, line, section in doc.declarations:
        try:
            table = _toml(text, "the declaration block")
        except Bad as exc:
            errors.append(InputError(doc.path, exc.message, line=line))
            continue
        unknown = set(table) - CONTEXT_KEYS
        if unknown:
            errors.append(InputError(doc.path, f"the declaration block: unknown key(s) "
                                     f"{', '.join(sorted(unknown))}; allowed: "
                                     f"{', '.join(sorted(CONTEXT_KEYS))}", line=line))
            table = {k: v for k, v in table.items() if k in CONTEXT_KEYS}
        target = sections.setdefault(section, {}) if section else base
        clash = _declared_otherwise(target, table)
        if clash is not None:  # a block holds for its whole section: both cannot
            message = (f"{clash} in the declaration block at line {line}, and otherwise by a "
                       "declaration before it for the same section; a block holds for its "
                       "whole section, so which one holds at each display cannot be told: "
                       "declare it once per section (a subsection may declare it anew)")
            target.setdefault(AMBIGUOUS, message)  # (reported with its section's displays)
        for key, value in table.items():
            if isinstance(value, dict) and isinstance(target.get(key), dict):
                target[key] = {**target[key], **value}
            elif isinstance(value, list) and isinstance(target.get(key), list):
                target[key] = target[key] + value
            else:
                target[key] = value
    return base, sections, errors


_KINDS = ("symbols", "vectors", "matrices", "functions", "latex")


def _declared_otherwise(before: dict, table: dict) -> str | None:
    """What a declaration block declares that an earlier one for the same section declared
    otherwise (y "negative", then y "positive"; \\hat{y} mapped to tanh(z), then to
    sigmoid(z)), said for the error; None if nothing."""
    def names(t: dict) -> dict[str, str]:  # each name a table declares → under which key
        return {str(k).split("(")[0].strip().lstrip("\\"): kind for kind in _KINDS
                if isinstance(t.get(kind), dict) for k, v in t[kind].items()
                if not (kind == "latex" and str(v).strip() == str(k).strip().lstrip("\\"))}
        # (\theta mapped to the declared theta: its spelling, no other declaration)

    earlier = names(before)
    for name, kind in names(table).items():  # x a symbol, then mapped; \sigma mapped, then
        if earlier.get(name, kind) != kind:  # a function sigma(t) of its own
            return f"{name} is declared under {kind}"
    for key, value in table.items():
        old = before.get(key)
        if old is None or key == "given":  # (hypotheses add up)
            continue
        if isinstance(value, dict) and isinstance(old, dict):
            name = next((k for k in value if k in old and old[k] != value[k]), None)
            if name is not None:
                return f"{name} is declared {value[name]!r} under {key}"
        elif old != value and not isinstance(value, dict | list):
            return f"{key} is set to {value!r}"
    return None


def _inherited(found: tuple[Context, list]) -> tuple[Context, list]:
    """A copy of a section's context as it stands (its declarations and its definitions so
    far) for a subsection that declares nothing of its own."""
    ctx, given = found
    copied = {k: (dict(v) if isinstance(v, dict) else set(v) if isinstance(v, set) else v)
              for k, v in ctx.__dict__.items()}
    return Context(**copied), list(given)


def _without_names(outer: dict, inner: dict) -> dict:
    """The outer section's tables without the names the inner one declares again (x a scalar
    outside, a vector in the subsection: the subsection's x is the vector)."""
    def name(k: object) -> str:  # "f(t)" under functions declares f
        return str(k).split("(")[0].strip()

    names = {name(k) for kind in _KINDS if isinstance(inner.get(kind), dict) for k in inner[kind]}
    if not names:
        return outer
    mentions = re.compile(r"(?<![A-Za-z0-9_])(?:" + "|".join(map(re.escape, sorted(names)))
                          + r")(?![A-Za-z0-9_])")
    out = {key: ({k: v for k, v in value.items() if name(k) not in names}
                 if key in _KINDS and isinstance(value, dict) else value)
           for key, value in outer.items()}
    if isinstance(out.get("given"), list):  # x > 1 was about the outer x, not the new one
        out["given"] = [g for g in out["given"] if not mentions.search(str(g))]
    return out


def merge_tables(base: dict, extra: dict) -> dict:
    """Context tables with another's entries added (tables merged, lists joined)."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        elif isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = out[key] + value
        else:
            out[key] = value
    return out


def read_sidecar(path: str | None, doc_path: str) -> tuple[dict, list[InputError]]:
    """The sidecar's tables: ``--declarations FILE``, else ``DOC.toml`` beside the document."""
    if path is None:
        beside = Path(doc_path).with_suffix(".toml")
        if not beside.is_file():
            return {}, []
        path = str(beside)
    try:
        data = _toml(read_text(path), "the declarations file")
    except Bad as exc:
        return {}, [InputError(path, exc.message)]
    context = {k: v for k, v in data.items() if k in CONTEXT_KEYS}
    extra = set(data) - CONTEXT_KEYS - {"sections", "display", "part", "format"}
    errors = [InputError(path, f"unknown key(s) {', '.join(sorted(extra))}; allowed: [context] "
                         "keys, [sections.\"Heading\"], [[part]] and [[display]]")] if extra else []
    parts, problems = _parts(data.get("part", []))
    errors += [InputError(path, problem) for problem in problems]
    return {"context": context, "sections": data.get("sections", {}), "parts": parts,
            "display": data.get("display", [])}, errors


def _parts(raw: object) -> tuple[list[tuple[int, int, dict]], list[str]]:
    """A sidecar's [[part]] tables: declarations for the displays on lines ``lines = [from,
    to]`` (a question of a homework whose x is another x), over the document's and section's."""
    if not isinstance(raw, list):
        return [], ["part must be an array of tables: [[part]] with lines = [from, to]"]
    parts: list[tuple[int, int, dict]] = []
    problems = []
    for k, table in enumerate(raw, start=1):
        lines = table.get("lines") if isinstance(table, dict) else None
        if not (isinstance(lines, list) and len(lines) == 2
                and all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in lines)
                and lines[0] <= lines[1]):
            problems.append(f"part {k}: lines must be [first line, last line], as in "
                            "lines = [20, 45]")
            continue
        unknown = set(table) - CONTEXT_KEYS - {"lines", "name"}
        if unknown:
            problems.append(f"part {k}: unknown key(s) {', '.join(sorted(unknown))}; allowed: "
                            f"lines, name and {', '.join(sorted(CONTEXT_KEYS))}")
            continue
        clash = next((p for p in parts if p[0] <= lines[1] and lines[0] <= p[1]), None)
        if clash is not None:
            problems.append(f"part {k}: lines {lines[0]}…{lines[1]} overlap the part on lines "
                            f"{clash[0]}…{clash[1]}")
            continue
        parts.append((lines[0], lines[1], {key: v for key, v in table.items()
                                           if key in CONTEXT_KEYS}))
    return parts, problems


# --------------------------------------------------------------------------- displays

# spacing at the start of a line (\displaystyle \mbox{ } \ \ = …): it does not start anything
_SPACING = re.compile(r"^(?:\s|\\(?:displaystyle|textstyle|quad|qquad|[,;:! ])(?![A-Za-z])"
                      r"|\\(?:mbox|text)\{\s*\}|\\hspace\*?\{[^}]*\})*")
_ARROW_START = re.compile(r"\s*&?\s*(?:\\(?:" + "|".join(
    a for a in ARROWS if a.isalpha()) + r")(?![A-Za-z])|=>|[⇒⟹⇔⟺])")
_ARROW_END = re.compile(r"(?:\\(?:" + "|".join(
    a for a in ARROWS if a.isalpha()) + r")(?![A-Za-z])|=>|[⇒⟹⇔⟺])\s*$")
_DANGLING = re.compile(r"&?\s*(?<![<>!:\\])=\s*(?:\\\\\s*)?$")  # a chain's last '=' with nothing after


_WRAPPERS = r"aligned|align\*?|split|gathered|gather\*?|equation\*?|multline\*?|eqnarray\*?"


def _arrow(written: str) -> str:
    """⇒ or ⇔ for an arrow as written (\\Rightarrow, \\implies, =>, \\iff …)."""
    name = written.strip().lstrip("&").strip().lstrip("\\")
    return "⇔" if name in ("⇔", "⟺") else ARROWS.get(name, "⇒")


def _inner_spans(text: str) -> list[tuple[int, int]]:
    """Where environments other than the chain's wrappers (cases, arrays of cases, matrices)
    begin and end, outermost only: a \\\\ inside one ends a row of it, not a line."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for m in re.finditer(r"\\(begin|end)\s*\{([^}]*)\}", text):
        name = m.group(2).strip()
        if re.fullmatch(_WRAPPERS, name):
            continue
        if m.group(1) == "begin":
            stack.append((name, m.start()))
        elif stack and stack[-1][0] == name:
            _, at = stack.pop()
            if not stack:
                spans.append((at, m.end()))
    return spans


def _chains(display: Display) -> list[tuple[str, int, int]]:
    """A display's separate equations: (LaTeX, line offset, col) of each. Lines of an align
    that start with '=' (after '&') continue the chain above; a line that restates the same
    left side continues it too; any other line with its own left side starts a new one."""
    text = display.latex
    body = re.sub(r"\\(begin|end)\{(" + _WRAPPERS + r")\}|^\s*\\begin\{array\}\s*\{[lcr|\s]*\}"
                  r"|\\end\{array\}(?=\s*[.,;]?\s*$)", lambda m: " " * len(m.group(0)), text)
    inner = _inner_spans(body)  # rows of cases (and matrices) are not lines of the chain
    parts: list[tuple[str, int]] = []  # (line text, offset of its first character)
    start = 0
    for m in re.finditer(r"\\\\(\[[^\]]*\])?", body):
        if any(a <= m.start() < b for a, b in inner):
            continue
        parts.append((body[start:m.start()], start))
        start = m.end()
    parts.append((body[start:], start))
    parts = [piece for content, offset in parts for piece in _statements(content, offset)]
    chains: list[list[tuple[str, int]]] = []
    lhs_of: list[str] = []
    for content, offset in parts:
        stripped = content.strip()
        if not stripped:
            continue
        bare = _SPACING.sub("", stripped.lstrip("&").strip()).lstrip("&").strip()
        left = bare.split("&", 1)[0].split("=", 1)[0].strip() if "=" in bare else ""
        after_arrow = bool(chains) and _ARROW_END.search(chains[-1][-1][0]) is not None
        starts = _ARROW_START.match(bare)
        if after_arrow and starts and _arrow(starts.group(0)) == _arrow(
                _ARROW_END.search(chains[-1][-1][0]).group(0)):  # type: ignore[union-attr]
            # A ⇒ \\ ⇒ B: one arrow, written twice (two different arrows stay: an error)
            prev, at = chains[-1][-1]
            cut = _ARROW_END.search(prev).start()  # type: ignore[union-attr]
            chains[-1][-1] = (prev[:cut] + " " * (len(prev) - cut), at)
        continues = bare.startswith("=") or bare[:1] in "+-" or after_arrow or bool(
            _ARROW_START.match(bare)) or (
            chains and left and left == lhs_of[-1] and not CASE_END.search(bare)
            and not CASE_END.search(chains[-1][-1][0].strip()))
        if continues and chains:
            if left and left == lhs_of[-1] and not bare.startswith("=") and not after_arrow \
                    and not _ARROW_START.match(bare):
                # J(w) &= … restated: drop the repeated left side
                cut = content.index("=")
                content, offset = " " * cut + content[cut:], offset
            chains[-1].append((content, offset))
        else:
            chains.append([(content, offset)])
            lhs_of.append(left)
    out = []
    for chain in chains:
        first = chain[0][1]
        latex = " \\\\ ".join(c for c, _ in chain)
        line = text.count("\n", 0, first)
        col = first - (text.rfind("\n", 0, first) + 1) + 1
        out.append((latex, line, col))
    return out




# a condition of letters alone, a result about nothing but them: x > 0, 0 < p < 1,
# x > 0, \quad y > 0, y \in \{0, 1\}, \lambda \geq 0 (not x^2 + y^2 \geq 2xy: a result)
_ONE = r"(?:\\[A-Za-z]+|[A-Za-z])(?:_\{?\w+\}?)?|-?\d+(?:\.\d+)?|\\[dt]?frac\{\d+\}\{\d+\}"
_REL = r"(?:[<>≤≥≠∈]|\\(?:[lg]eq?|neq?|[lg]t|in)(?![A-Za-z]))"
_SET = r"\\?\{[^{}]*\\?\}|\\mathbb\s*\{?\w\}?(?:[_^]\{?[^{}\s]*\}?)?|[(\[][^()\[\]]*[)\]]"
_TEXT_CUE = re.compile(r"\\(?:text|mathrm|textrm|mbox)\s*\{\s*(assume|assuming|suppose|"
                       r"supposing|given|if|provided|let|for)\b(?:\s+that)?\s*[,:]?\s*\}", re.I)
_SIMPLE_CONDITION = re.compile(
    rf"\s*(?:{_ONE})\s*{_REL}\s*(?:{_ONE}|{_SET})(?:\s*{_REL}\s*(?:{_ONE}))?"
    rf"(?:(?:\s*(?:,|\\q?quad|\\text\{{\s*and\s*\}}))+\s*(?:{_ONE})\s*{_REL}\s*(?:{_ONE}|{_SET})"
    rf"(?:\s*{_REL}\s*(?:{_ONE}))?)*\s*")
# a display that only states a condition: a comparison or a set a letter is in, no equation
_CONDITION_ONLY = re.compile(r"(?s)(?!.*(?<![<>!\\])=)(?=.*(?:[<>≤≥≠∈]|\\(?:[lg]eq?|neq?|[lg]t|in)"
                             r"(?![A-Za-z]))).*")


def _without_scripts(latex: str) -> str:
    """The LaTeX with every braced subscript and superscript group taken out."""
    out, k = [], 0
    while k < len(latex):
        if latex[k] in "_^" and latex[k + 1:k + 2] == "{":
            depth, k = 0, k + 1
            while k < len(latex):
                depth += {"{": 1, "}": -1}.get(latex[k], 0) if latex[k - 1] != "\\" else 0
                k += 1
                if depth == 0:
                    break
            continue
        out.append(latex[k])
        k += 1
    return "".join(out)


def _letters(latex: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]", re.sub(r"\\[A-Za-z]+", " ", latex))) - {"e", "d"}


_QUAD = re.compile(r"(?:[,;]?\s*\\q?quad\b)+")


def _statements(content: str, offset: int) -> list[tuple[str, int]]:
    """One line holding two equations side by side (``\\tanh z = …, \\quad \\sigma(x) = …``):
    each on its own, cut at a top-level \\quad when both sides of it hold an '='. A \\quad
    before a remark or a condition (\\quad (i \\neq j), \\quad \\text{…}) is not a cut."""
    depth, level = 0, []
    for k, ch in enumerate(content):
        level.append(depth)
        if ch in "{([" and (k == 0 or content[k - 1] != "\\"):
            depth += 1
        elif ch in "})]" and (k == 0 or content[k - 1] != "\\"):
            depth -= 1
    out, start = [], 0
    for m in _QUAD.finditer(content):
        if level[m.start()] != 0:
            continue
        before, after = content[start:m.start()], content[m.end():]
        nxt = after.lstrip()
        if "=" not in before or "=" not in after.split("\\quad")[0] or \
                nxt.startswith(("\\text", "(", "\\left(", "\\mbox", "\\because",
                                "\\forall", "\\exists")) or \
                re.fullmatch(r"\s*[A-Za-z](_\{?\w+\}?)?\s*(=|\\neq?|!=|<|>|\\[lg]eq?)\s*"
                             r"-?[\w.]+\s*[.,;]?\s*", after.split("\\quad")[0]):
            continue  # \quad i = j: the condition of the equation before it, not another
            # (nor are the conditions after it: \quad i = j, \quad n \ge 2)
        out.append((before, offset + start))
        start = m.end()
    out.append((content[start:], offset + start))
    return out


def _definition(latex: str, ctx: Context, seen: set[str], before: str,
                check_uses: bool = True) -> tuple[str, str, str] | None:
    """(name, parameters, right side) if the chain defines a name (see _definition_of);
    a name whose earlier definition could not be read is refused (_not_unread)."""
    found = _definition_of(latex, ctx, seen, before, check_uses)
    if found is not None and check_uses:
        _not_unread(found[0], ctx)
    return found


def _definition_of(latex: str, ctx: Context, seen: set[str], before: str,
                   check_uses: bool = True) -> tuple[str, str, str] | None:
    """(name, parameters, right side) if the chain defines a name, else None: its first
    relation is a definition sign, or its left side is a name (or f(x, …) with plain
    variables) that the document has not declared, mapped or used before. A name that an
    earlier definition used as a letter of its own is refused (unless ``check_uses`` is
    False: what the name would be, for :func:`_unread_definition`)."""
    from checker.parse.latex import parse_latex_expr

    explicit = DEFINES.search(latex)
    if explicit:
        lhs, rhs = latex[:explicit.start()], latex[explicit.end():]
    elif "=" in latex:
        lhs, rhs = latex.split("=", 1)
    else:
        return None
    lhs = as_latex(lhs.replace("&", " "))  # ŷ = σ(z), θ = w + 1: the LaTeX names they print
    label = divergence.key_of(lhs, ctx)  # KL(P \| Q) = …: the divergence's name
    if label is not None:
        head = divergence.parts(label)[0]
        if explicit and label in seen and label in ctx.latex:
            raise _defined_again(label)
        known = label in ctx.latex or label in seen or any(  # KL(Q‖P) after KL(P‖Q): the
            divergence.parts(k)[0] == head for k in (*ctx.latex, *ctx.unread)  # same one
            if divergence.SEPARATOR in k)
        if known:
            return None
        _, a, b = divergence.parts(label)
        if check_uses and not all(re.search(rf"(?<![A-Za-z\\]){re.escape(f)}\s*(?:\\left)?\(", rhs)
                                  or (ctx.kind(f) == "vector"  # KL(p ‖ q) = Σ_k p_k log(p_k/q_k)
                                      and re.search(rf"(?<![A-Za-z\\]){re.escape(f)}_", rhs))
                                  for f in (a, b)):
            raise Bad(f"{label} = …: a divergence is defined by an expression in its two "
                      f"functions ({a}(x) and {b}(x), as in an integral); this right side does "
                      "not apply them, so it would be a constant of its own, not the divergence: "
                      "write its definition first, and its value as a claim after it",
                      pos=Pos(1, 1))
        return label, "", rhs
    bold = re.fullmatch(r"\s*\\(?:mathbf|boldsymbol|bm|vec)\s*\{\s*([A-Za-z])\s*\}\s*", lhs)
    if bold is not None and " ".join(lhs.split()) not in ctx.latex and (
            ctx.kind(bold[1]) == "symbol" or bold[1] in ctx.latex):  # z declared, \mathbf{z} = …
        raise Bad(f"{lhs.strip()} = …: {bold[1]} is {'declared' if ctx.kind(bold[1]) else 'defined'} "
                  f"a number here, and bold {bold[1]} reads as the same name: that number, or a "
                  "vector of its own? Give the vector another letter", pos=Pos(1, 1))
    if first_value(ctx, lhs):
        return lhs.strip(), "", rhs
    m = NAME.match(lhs)
    word = re.fullmatch(r"\s*([A-Za-z]{2,6})\s*(?:\\left)?\(([^()]*)(?:\\right)?\)\s*", lhs)
    if m is None and word is not None and word[1].lower() not in BY_NAME \
            and word[1].lower() not in SHORT_NAMES and word[1] not in ctx.functions \
            and word[1] not in ("ln", "log", "exp", "lg") \
            and all(ctx.kind(c) is None and c not in ctx.latex for c in word[1]):
        # FL(z) = … (the focal loss): the function FL, or F times L(z)?
        raise Bad(f"{word[1]}({word[2]}) = …: one name {word[1]}, or the letters "
                  f"{'·'.join(word[1][:-1])} times {word[1][-1]}({word[2]})? Write "
                  f"\\operatorname{{{word[1]}}}({word[2]}) = … for a function of its own "
                  "(and \\operatorname{…} where it is used)", pos=Pos(1, 1))
    if m is None or (not m.group("params") and _FONT.match(m.group("name"))):  # \text{MSE} = …
        variance = variance_definition(lhs, rhs, ctx, seen)
        if variance is not None and check_uses:  # u = a σ_B² before σ_B² = …: σ_B was a letter
            letter = "sigma" + variance[0][len("\\sigma"):-len("^2")]
            if letter in ctx.free_uses:
                raise UsedBefore(f"{variance[0]} = …: σ is used before this line, in "
                                 f"{ctx.free_uses[letter]}, as a letter of its own; a definition "
                                 "holds from where it is written, so that line would not mean "
                                 "what it says. Define the variance before it", pos=Pos(1, 1))
        return variance or word_definition(lhs, rhs, ctx, seen)
    name, params = m.group("name").strip(), (m.group("params") or "").strip()
    params = re.sub(r"\\(?:mathbf|boldsymbol|bm|vec)\s*\{\s*([A-Za-z])\s*\}",
                    lambda b: b.group(0) if " ".join(b.group(0).split()) in ctx.latex
                    else b.group(1), params)  # f(\mathbf{x}) = …: the parameter x, bold as the
    # reader reads it (unless the page maps \mathbf{x} to something of its own)
    if params and not all(re.fullmatch(r"\\?[A-Za-z]\w*", p.strip()) for p in params.split(",")):
        mapped = next((p.strip() for p in params.split(",")  # (σ² → v, a scalar's letter)
                       if isinstance(value := ctx.latex.get(" ".join(p.split())), Name)
                       and ctx.kind(value.id) == "symbol"), None)
        if mapped is not None and (_function_name(name, ctx) or "") not in BY_NAME:
            letter = ctx.latex[" ".join(mapped.split())].id  # type: ignore[union-attr]
            raise NotAParameter(name, f"{name}({params}) = …: a parameter must be a letter, and {mapped} is "
                      f"mapped to {letter}: write {name}({params.replace(mapped, letter)}) = … "
                      f"(the right side may keep {mapped}), so that {name} is defined")
        return None  # σ(−x) = …: a claim about a known function, not a definition
    bare = (_function_name(name, ctx) or name.lstrip("\\")) if params else ""
    other = ctx.functions.get(bare) if params else None
    arity = len(params.split(",")) if params else 0
    if other is not None and other.body is not None and other.params \
            and arity != len(other.params) and overload(bare, arity) not in ctx.functions \
            and not any(k.startswith(f"{bare}/") for k in ctx.functions) \
            and len({p.strip() for p in params.split(",")}) == arity \
            and re.search(r"[A-Za-z]", re.sub(r"\\[A-Za-z]+", " ", rhs)):  # (not H(p, q, p),
        # H(p, q, r) = 0 beside them, nor a value: those are claims, and refused)
        return name, params, rhs  # H(p, q) = … after H(p) = …: a function beside it
    if bare in latex_random.OPERATORS and ctx.random and bare not in ctx.functions:
        # E(X) = μ where random variables are declared: an expectation, or E's definition?
        if bare != "E" or any(re.search(rf"(?<![A-Za-z\\]){re.escape(r)}(?![A-Za-z])", params)
                              for r in ctx.random):
            return None  # a variance, or E of a declared random variable: a claim
        raise Bad(f"{name}({params}) = …: random variables are declared, so {name}(…) may be an "
                  f"expectation (or a variance), or this line may define a function {name}: "
                  "write \\mathbb{E}[…] for an expectation, or give the function another name",
                  pos=Pos(1, 1))
    new_fn = bool(bare) and bare.lower() not in BY_NAME and bare.lower() not in SHORT_NAMES \
        and ctx.kind(bare) is None
    glued = None if not new_fn else next(
        (p.strip() for p in params.split(",") if re.fullmatch(r"[A-Za-z]{2,}", p.strip())
         and ctx.kind(p.strip()) is None and all(ctx.kind(c) is not None for c in p.strip())),
        None)
    if glued is not None:  # f(BC) = f(CB), B and C declared: about B·C, or f's definition?
        raise Bad(f"{name}({params}) = …: {glued} is not declared, and its letters are: one "
                  f"parameter {glued}, or the product {'·'.join(glued)}? Write "
                  f"{name}({' '.join(glued)}) for the product, or give the parameter another "
                  "name", pos=Pos(1, 1))
    scripted = _scripted_name(name, ctx) if params else None
    if scripted is not None:  # f_2(u) = … after f_w(u) = …: f_w at w = 2, or a new function?
        base = scripted.split("_")[0]
        other = next((f for f in ctx.functions if f != scripted and f.startswith(f"{base}_")
                      and ctx.functions[f].body is not None  # (f_1 and f_2: two functions)
                      and not f[len(base) + 1:].isdigit()), None)
        if other is not None:
            raise Bad(f"{name}({params}) = …: the document defines {other}(…) already, and "
                      f"{name} may be it at another subscript (a claim about it) or a new "
                      "function: give the new function another name", pos=Pos(1, 1))
    if check_uses:  # (a function too: L(w) = (h(w) − y)², then h(w) = wx)
        _not_used_before(name, ctx)
    if explicit:
        defined = name.lstrip("\\") in ctx.functions if params else name in ctx.latex
        if name in seen and defined:  # c := 2, then c := 3 in the same section
            raise _defined_again(name)
        values.no_entry_of_a_declared_vector(name, params, ctx)
        return name, params, rhs
    declared = ctx.functions.get(name.lstrip("\\")) if params else None
    if declared is not None and declared.body is None:
        # f(x) = x² with f declared arbitrary: its definition, or a claim about every f?
        if not check_uses:  # (what it would define: later uses of f are refused with it)
            return name, params, rhs
        raise Bad(f"{name}({params}) = …: {name} is declared arbitrary (nothing is assumed of "
                  f"it), so this line would claim that every function {name} is this one; "
                  f"if it defines {name}, write {name}({params}) := … (a definition, which "
                  "replaces the declaration from there on)",
                  pos=Pos(1, 1))
    marked = re.fullmatch(r"\\?([A-Za-z]\w*)\^\{\((\w+)\)\}", name)
    if marked and params and marked[2].isdigit() and (
            marked[1] in ctx.functions or marked[1] in BY_NAME):  # f^{(2)}(x) = …
        raise Bad(f"{name}({params}) = …: {marked[1]} is a function here, so "
                  f"{marked[1]}^{{({marked[2]})}} may be its derivative of order {marked[2]} or "
                  f"a function of its own; write {marked[1]}{chr(39) * int(marked[2])}(…) for the "
                  "derivative, or give the new function another name", pos=Pos(1, 1))
    if marked and params:  # J^{(i)}(w, b) = …: the function J^(i), beside J if there is one
        fid = f"{marked[1]}^({marked[2]})"
        other = next((f for f in ctx.functions if f.startswith(f"{marked[1]}^(") and f != fid
                      and not (f[len(marked[1]) + 2:-1].isdigit() and marked[2].isdigit())),
                     None)
        if other is not None:  # J^{(j)}(w) = … after J^{(i)}(w) = …: J^(i) at j, or new?
            raise Bad(f"{name}(…) = …: the document defines {other}(…) already, and "
                      f"{marked[1]}^({marked[2]}) may be it at another sample, or a new "
                      "function: give the new function another name", pos=Pos(1, 1))
        return (name, params, rhs) if ctx.kind(fid) is None and fid not in seen \
            and name not in seen else None
    font = _function_name(name, ctx) if params else None
    if font is not None and _FONT.match(name):
        known = font.lower() in BY_NAME or font.lower() in SHORT_NAMES \
            or ctx.kind(font) is not None  # \text{MSE}(w) = …:
        return None if known or font in seen or name in seen else (name, params, rhs)  # new
    try:
        node = parse_latex_expr(name, ctx, defining=True)
    except ParseError:
        return None
    if isinstance(node, Name) and node.id == "E" and name == "e" and not params and re.search(
            r"[A-Za-z]", re.sub(r"\\[A-Za-z]+|\be\b", " ", rhs)):
        raise Bad("e = …: e is Euler's number here, so this line would claim that Euler's number "
                  f"equals {' '.join(rhs.split())}, while it may name something of its own (an "
                  "error term): write another letter for it, or declare e under [context] "
                  "symbols (then Euler's number is \\exp(1))", pos=Pos(1, 1))
    new = isinstance(node, Name) and ctx.kind(node.id) is None and node.id not in ("E", "pi") \
        and not _has_family_key(ctx, name)
    if not new or name in seen or node.id in seen:  # type: ignore[union-attr]
        return None  # a name the document already has: this display says something about it
    if check_uses and not params and USED + node.id in seen and (not re.search(  # type: ignore[union-attr]
            r"[A-Za-z]", re.sub(r"\\[A-Za-z]+", " ", rhs)) or any(  # (w = y after d/dw …)
            str(v) == node.id for variables, _ in ctx.differentiated for v in variables)):  # type: ignore[union-attr]
        # (w − 2)² = w² − 4w + 4, then w = 3: w was a variable of the lines before, and this
        # gives it a value: no definition (it would change what later lines mean), and no
        # identity either. (L = −(y log a + …) after a line that states the goal in L: its
        # definition, from here on, as before.)
        raise ValueOfAVariable(f"{name} = …: {name} is a variable of an earlier display of this section, so "
                  f"this line can be neither a definition of {name} (a definition holds from "
                  f"where it is written, before {name} is used) nor an identity (it says {name} "
                  "takes one value; a solution of an equation is not checked): write it in "
                  f"prose, or define {name} before its first use", pos=Pos(1, 1))
    return name, params, rhs


_FAMILY = re.compile(r"(?P<base>[A-Za-z]|\\(?P<decor>[A-Za-z]+)\s*\{?\s*(?P<letter>[A-Za-z]|\\[a-z]+)\s*\}?)"
                     r"\s*_\{?(?P<index>[A-Za-z])\}?")


_SAMPLE_FAMILY = re.compile(_FAMILY.pattern.split(r"\s*_")[0]
                            + r"\s*\^\{?\(\s*(?P<index>[A-Za-z])\s*\)\}?")


def _pinned(name: str, params: tuple[str, ...], body: Node,
            ctx: Context) -> tuple[tuple[str, str], ...]:
    """L(w) = z² after z = w x: L's w is its parameter, and z's w the letter of z's definition
    (read where it is written). At L's own letters (∂L/∂w) the two agree; L(1) would not put 1
    into z, and whether the author means that cannot be told: such calls are refused
    (checker.parse.evaluate). So for every letter L reaches other than through its own
    parameters: in a definition, a sequence's recurrence, or a function it calls (f(x) = σ(z),
    then L(w, b) = (f(x) − y)²), at any depth."""
    out: dict[str, str] = {}
    seen: set[int] = set()

    def reach(node: Node, where: str, own: frozenset[str]) -> None:
        if id(node) in seen:
            return
        seen.add(id(node))
        for n in walk(node):
            if isinstance(n, Name) and n.id in params and n.id not in own and where:
                out.setdefault(n.id, f"{n.id} is a parameter of {name}, and {where} (defined "
                                     f"before, where {n.id} is the letter of the page) is "
                                     f"written in {n.id} too, so {name} at another {n.id} would "
                                     f"not put it there: write {where}'s expression out in "
                                     f"{name}'s definition, or name the parameter apart")
            if isinstance(n, Defined):
                reach(n.body, where or n.name, frozenset())
            elif isinstance(n, Call) and n.func == "_seq" and isinstance(n.args[0], Name):
                inner = ctx.recurrences.get(n.args[0].id, ("", None))[1]
                if inner is not None:
                    reach(inner, where or f"the sequence {n.args[0].id}", frozenset())
            elif isinstance(n, Call) and (fn := ctx.functions.get(n.func)) is not None \
                    and fn.body is not None:
                reach(fn.body, where or f"the function {n.func}", frozenset(fn.params))

    reach(body, "", frozenset(params))
    return tuple(out.items())


def _labelled_definitions(doc: Document) -> frozenset[str]:
    """The names the page defines at a label anywhere (s in ``s^{(t)} = …``), as the reader
    names them (\\delta: delta): a use of one at another label is no letter of its own."""
    found = (re.match(r"\s*\\?([A-Za-z]+)\s*\^\s*\{?\s*[(\[][^=]*?(?<![<>!:\\])=(?!=)",
                      d.latex) for d in doc.displays)
    return frozenset(m.group(1) for m in found if m is not None)


def _not_by_its_label(name: str, node: Node, ctx: Context) -> None:
    """h^{(t)} = tanh(w h^{(t-1)} + …): h at another step of its label in its own
    definition, or in a definition of a name the page defines at a label of its own
    (g^{(t)} = tanh(w s^{(t-1)}), s^{(t)} = g^{(t)}), is a recurrence, whose earlier term
    depends on w too; read as a letter of its own it would not (∂h^{(t)}/∂w without the
    recurrent term was proved). Refused, with the form that is read. A label of numbers
    (a^{[0]}) names a value of its own: the input, or a layer the page unrolls."""
    from checker.parse.latex import parse_latex_expr

    defined = {re.sub(r"\^\{?\(([^()]*)\)\}?$", r"^(\1)", k.lstrip("\\")) for k in ctx.latex}
    stepped = [n.id for n in walk(node) if isinstance(n, Name) and "^" in n.id
               and re.search(r"[A-Za-z]\s*[-+]|[-+]\s*[A-Za-z]", n.id.split("^", 1)[1])]
    m = re.fullmatch(r"(?P<base>.+?)\s*\^\s*\{?\s*[(\[].*", name.strip())
    try:
        base = parse_latex_expr(m["base"], ctx) if m is not None else None
    except ParseError:
        base = None
    own = next((k for k in stepped if isinstance(base, Name)
                and re.match(rf"{re.escape(base.id)}\^[(\[]", k)), None)
    if own is not None and m is not None:
        raise Bad(f"{name} = …: its value writes {own}, {m['base']} at another label: a "
                  "recurrence, where that term depends on what the first does; write it as a "
                  f"sequence ({m['base']}_t = … {m['base']}_{{t-1}} …, with its first value), "
                  "or give the other label a name of its own")
    other = next((k for k in stepped if k.split("^")[0] in ctx.labelled and k not in defined),
                 None)
    if other is not None:
        raise Bad(f"{name} = …: its value writes {other}, and the page defines "
                  f"{other.split('^')[0]} at a label of its own: a recurrence through two "
                  "names, whose earlier term depends on what this one does; write it as a "
                  "sequence (with subscripts and a first value), or give the other label a "
                  "name of its own")


def _family(ctx: Context, name: str, node: Node) -> None:
    """p_j = e^{x_j}/Σ_k e^{x_k}, with x of symbolic length: p_j is one member of a family,
    and p_i (any index) means the same expression at i; it is read as a function of the
    index, whose parameter is bound without capture. So is a decorated name: \\hat{y}_i = …
    (ŷ_i inside Σ_i is the member at the sum's i, never the i of the definition)."""
    from checker.parse.latex import parse_latex_expr
    from checker.parse.latex_lexer import DECORATIONS, GREEK

    m = _FAMILY.fullmatch(name.strip())
    if m is None and ctx.superscript_indices:  # a^{(i)} = …: the i-th example's a
        m = _SAMPLE_FAMILY.fullmatch(name.strip())
    if m is None:
        return
    base = m["base"]
    greek = re.fullmatch(r"\\([A-Za-z]+)", base)
    if greek and greek[1] in GREEK and greek[1] not in ("pi", "delta"):  # \alpha_j = …
        # (δ_j stays a name: δ_{jl} is Kronecker's, beside it)
        if base in ctx.latex:
            return
        m = {**m.groupdict(), "decor": None}
        base = greek[1]
    elif m["decor"] is not None:
        if m["decor"] not in DECORATIONS:
            return
        base = f"\\{m['decor']}{{{m['letter']}}}"  # the key the reader looks up: \hat{y}
        try:
            named = parse_latex_expr(base, ctx)
        except ParseError:
            return
        if not isinstance(named, Name) or ctx.kind(named.id) is not None:
            return  # ŷ a declared vector: ŷ_i is its entry
        base = named.id  # yhat: \hat{y}_i is read as yhat with the subscript i
    if ctx.kind(base) is not None or base in ctx.latex:
        return
    index = m["index"]
    # \hat{v}_t = v_t/(1 − β^t) with t a declared size (a sequence's step): the family over
    # t, so \hat{v}_3 is its member at 3 (the index and the size agree wherever t is written)
    step = index in ctx.dims
    if m["decor"] is not None and ctx.kind(index) is not None and not step:
        return  # \hat{m}_t with t declared: the name mhat_t, as before there were families
    if ctx.kind(index) is not None and not step:  # r_t = t x_t, t declared: which t is the index?
        raise Bad(f"{name} = …: {index} is declared, so it cannot also be the index of "
                  f"{m['base']}; use another letter for the index")
    bound = bound_indices(node)
    names = {n.id for n in walk(node) if isinstance(n, Name) and not n.id.startswith("\x00")
             } - bound - {index, "E", "pi"}  # (not the marks of other families' members)
    # every other name of the body is declared: at its use nothing can capture it
    if index in {n.id for n in walk(node) if isinstance(n, Name)}:
        loose = sorted(n for n in names if ctx.kind(n) is None and n not in ctx.recurrences)
        if not loose:
            ctx.families[base] = (index, node)  # (a sequence's member too: \hat{m}_t = m_t/…)
        else:
            ctx.not_families[base] = tuple(loose)


def _has_family_key(ctx: Context, name: str) -> bool:
    """s_1 where s_j (or s_{j}) is defined: a member of that definition, not a new name; so
    is \\tilde{x}_k where \\tilde{x}_i is."""
    from checker.parse.latex import parse_latex_expr

    decorated = re.fullmatch(r"(\\[A-Za-z]+\s*\{\s*(?:[A-Za-z]|\\[a-z]+)\s*\}|\\[A-Za-z]+\s+[A-Za-z])"
                             r"\s*_\{?\w+\}?", name.strip())  # (\hat{y}_k, \hat y_k; not \delta_i)
    if decorated is not None:
        plain = re.fullmatch(r"\\([A-Za-z]+)\s*\{?\s*([A-Za-z])\s*\}?", decorated.group(1))
        if plain is not None and plain[2] + plain[1] in ctx.families:  # \hat{y}: yhat
            return True
        try:
            base = parse_latex_expr(decorated.group(1), ctx)
        except ParseError:
            return False
        return isinstance(base, Name) and base.id in ctx.families
    greek = re.fullmatch(r"\\([A-Za-z]+)\s*_\{?\w+\}?", name.strip())  # \alpha_{ji}: a member
    if greek is not None and (greek[1] in ctx.families or any(  # (\delta_i beside \delta_j =
            re.fullmatch(rf"\\{greek[1]}\s*_\s*\{{?\s*[A-Za-z]+\s*\}}?", k)  # …: no new name)
            for k in ctx.displayed)):
        return True
    m = re.fullmatch(r"([A-Za-z])_\{?\w+\}?", name.strip())
    return m is not None and (m.group(1) in ctx.families or any(
        re.fullmatch(re.escape(m.group(1)) + r"_\{?[A-Za-z]\}?", k) for k in ctx.latex))


class ValueOfAVariable(Bad):
    """w = 3 after lines that use w as a variable: neither a definition nor an identity."""


class UsedBefore(Bad):
    """A definition of a name an earlier definition used as a letter (see _not_used_before)."""

    letter: str | None = None  # the letter, as the reader names it


class NotAParameter(Bad):
    """f(μ, σ²) = … with σ² mapped: a definition whose parameter is no letter (refused, and
    recorded as unread: see _unread_definition)."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


class DefinedAgain(Bad):
    """A second definition of a name in one section (refused; see _unread_definition)."""

    def __init__(self, name: str) -> None:
        super().__init__(f"{name} is defined already in this section: a second definition would "
                         "make the lines before and after it mean different things; give the new "
                         "one another name")
        self.name = name


def _defined_again(name: str) -> Bad:
    return DefinedAgain(name)


def _not_in_a_case(display: Display, case: list[str], before: tuple[str, int] | None) -> None:
    """``If $i = j$: $$A = B$$ $$C = D$$``: the second display follows the case with no prose
    between and its own left side. Does the case hold for it too? Refused, unless it states
    a case of its own."""
    own = prose.CASE_END.search(display.latex) or re.search(
        r"\\begin\{cases\}|\\text\{\s*(?:if|for|when|otherwise)\b", display.latex)
    between = prose.prose_end(display.before)
    joined = not prose.has_prose(display.before) or prose.CONNECTIVE.fullmatch(between) \
        or prose.goes_on(between)
    if before is not None and not case and joined and not own:
        joint = f"with only '{' '.join(between.split())}' between" if between.strip() \
            else "with no prose between"
        raise Bad(f"this display follows the display at line {before[1]}, which holds where "
                  f"{before[0]}, {joint}: does that case hold here too? Write the "
                  "case in the display (\\quad (…)), or prose between that says which",
                  pos=Pos(1, 1))


def _only_defines(latex: str, ctx: Context, seen: set[str]) -> bool:
    """Whether a display only defines a name (L = …, with no chain after it to check): a
    definition holds for the rest of its section, so a prose case before it cannot be its
    hypothesis (see the refusal where it is called)."""
    try:
        found = _definition(latex, ctx, seen, "", check_uses=False)
    except (Bad, ParseError, ValueError):
        return False
    return found is not None and top_level_eq(found[2]) is None


def _relation_text(text: str) -> str:
    """A comparison as plain text, for comparing the prose's with a given's: \\alpha \\leq 1
    and "alpha <= 1" alike."""
    text = text.strip().strip("$").replace("\\(", "").replace("\\)", "")
    for latex, plain in (("\\leq", "<="), ("\\le", "<="), ("\\geq", ">="), ("\\ge", ">="),
                         ("\\neq", "!="), ("\\ne", "!="), ("≤", "<="), ("≥", ">="), ("≠", "!="),
                         ("==", "="), ("\\lt", "<"), ("\\gt", ">")):
        text = text.replace(latex, plain)
    return re.sub(r"\\(?=[A-Za-z])|\s|[{}]", "", text).rstrip(".,;:")


# a display's own quantifier: \forall x, \text{for all } x, \text{for every } x
_QUANTIFIED = re.compile(r"\\forall\b|\\text\{[^{}]*\b(?:for\s+(?:all|every|any)|whatever)\b", re.I)


def _quantified(latex: str, case: list[str]) -> bool:
    """Whether the display quantifies a letter of the prose's case itself (\\forall x, or
    \\text{for all } x, under "For $x < 0$:")."""
    letters = {w for c in case for w in re.findall(r"[A-Za-z]\w*", c)}
    for m in _QUANTIFIED.finditer(latex):
        after = re.match(r"(?:\s|\}|\$|\\[,;: ]|\\quad)*\\?([A-Za-z]+)", latex[m.end():])
        if after is None or after[1] in letters:  # (what it quantifies, where it can be told)
            return True
    return False


_FOR_ALL = re.compile(r"\b(?:for\s+(?:all|every|any)|whatever)\s+(?:real\s+)?(?:\$|\\\()?\s*"
                      r"\\?([A-Za-z]+)|\bin\s+general\b|\beverywhere\b", re.I)


def _quantified_in_prose(remark: str, case: list[str]) -> bool:
    """The sentence after the display says it holds for every value of a letter of its case
    ("This holds for all $x$, in fact.", "… in general."): which is meant?"""
    letters = {w for c in case for w in re.findall(r"[A-Za-z]\w*", c)}
    return any(m.group(1) is None or m.group(1) in letters for m in _FOR_ALL.finditer(remark))


def _greek_aliases(ctx: Context) -> dict[str, str]:
    """The declared symbol each mapped Greek letter stands for (latex = { "\\delta" = "d" },
    d declared: delta → d), for a case the prose states on it."""
    out = {}
    for key, node in ctx.latex.items():
        target = node.body if isinstance(node, Defined) else node
        if re.fullmatch(r"\\[A-Za-z]+", key) and isinstance(target, Name) \
                and target.id in ctx.symbols:
            out[key[1:]] = target.id
    return out


def _with_greek(case: str, aliases: dict[str, str]) -> str:
    """A case read with a Greek letter's declared name (r > d, from latex = { "\\delta" =
    "d" }: ``aliases``) as the prose writes it (r > delta, as names.as_case writes \\delta)."""
    back = {v: k for k, v in aliases.items()}
    return " ".join(re.sub(r"[A-Za-z]\w*", lambda m: back.get(m[0], m[0]), case).split())


def _declared_so(ctx: Context, given: list[str], name: str, shown: str) -> bool:
    """Whether the declarations already say the condition the prose states on a letter
    (λ > 0 with λ declared positive, x ≥ 0 with x nonnegative, x ≠ 0 with x positive, or a
    given that is the same comparison: α < 1 with given = ["alpha < 1"])."""
    if _relation_text(shown) in {_relation_text(g) for g in given}:
        return True
    parts = _one_sided(shown, name)
    if parts is not None:  # 0 < β < 1, β ∈ (0, 1): each side declared so
        return all(_declared_so(ctx, given, name, part) for part in parts)
    if "=" in shown and _restates(ctx, given, shown):  # Σ_k y_k = 1 with sum(y) == 1 given
        return True
    if _finite_set_declared(ctx, given, name, shown):  # y ∈ {0, 1} with y(1 − y) = 0 given
        return True
    if shown.endswith(" integer"):  # "n is an integer" with n an integer symbol or a size
        letter = name.lstrip("\\")
        return letter in ctx.dims or bool(getattr(ctx.symbols.get(letter), "is_integer", False))
    if shown == "symmetric":  # "A is symmetric" where a given says A == T(A) (entry by entry,
        letter = re.escape(name.lstrip("\\"))  # at explicit sizes: context.hypothesis)
        return letter in ctx.matrices and any(
            re.fullmatch(rf"\s*(?:{letter}\s*==\s*T\(\s*{letter}\s*\)|T\(\s*{letter}\s*\)\s*=="
                         rf"\s*{letter})\s*", g) for g in given)
    if shown == "independent":  # "holding $b$ fixed": a letter the page does not define is
        letter = name.lstrip("\\")  # a variable of its own, held fixed anyway
        base = re.split(r"_", letter, maxsplit=1)[0]
        defined = _names_defined(ctx)
        return ctx.kind(letter) in ("symbol", "vector", "matrix", None) \
            and not {letter, "\\" + letter, name}.intersection(defined) \
            and f"{base}_" not in defined and base not in ctx.families \
            and not any(k.startswith(("\\" + letter + "_", letter + "_")) for k in ctx.latex)
    if shown.startswith("onehot("):  # "y is one-hot" where a given says onehot(y) or (y, t)
        return any(re.match(rf"\s*onehot\(\s*{re.escape(name.lstrip(chr(92)))}\s*[,)]", g)
                   for g in given)
    symbol = ctx.symbols.get(name.lstrip("\\"))
    if symbol is None and name in LETTERS:  # T > 0 with T declared: the letter T
        symbol = ctx.symbols.get(LETTERS[name])
    mapped = ctx.latex.get(name)
    if symbol is None and isinstance(mapped, Name):  # \delta > 0 with \delta mapped to a
        symbol = ctx.symbols.get(mapped.id)  # declared positive d
    if symbol is None:
        return False
    text = shown.strip().strip("$").strip()
    if not re.match(rf"\s*{re.escape(name)}\s*(?:>|<|\\[a-z]+|≥|≠|!=|>=)", text):
        return False  # x − 1 > 0 is not x > 0
    rules = ((r"(?:>|\\gt)\s*0$", symbol.is_positive), (r"(?:\\geq?|≥|>=)\s*0$", symbol.is_nonnegative),
             (r"(?:\\neq?|≠|!=)\s*0$", symbol.is_nonzero), (r"(?:<|\\lt)\s*0$", symbol.is_negative))
    return any(re.search(pattern, text) and holds for pattern, holds in rules)


def _finite_set_declared(ctx: Context, given: list[str], name: str, shown: str) -> bool:
    """``y \\in \\{0, 1\\}`` where a given leaves y exactly those values (y*(1 - y) == 0)."""
    from checker.model import Equation
    from checker.strategies.prepare import finite_values

    m = re.fullmatch(rf"\s*{re.escape(name)}\s*(?:\\in|∈)\s*\\?\{{(.*?)\\?\}}\s*",
                     shown.strip().strip("$"))
    if m is None:
        return False
    try:
        members = {Fraction(x.replace("+", "").strip()) for x in m[1].split(",")}
        declared = [finite_values(h) for h in hypotheses(given, ctx) if isinstance(h, Equation)]
    except (ValueError, ZeroDivisionError, ParseError, Bad):
        return False
    return any(values and {str(sym) for sym, _ in values} == {name.lstrip("\\")}
               and {Fraction(int(v.p), int(v.q)) for _, v in values} == members
               for values in declared)


_LESS = {"<": "<", "\\lt": "<", "\\le": "\\leq", "\\leq": "\\leq", "≤": "\\leq", "<=": "\\leq"}
_MORE = {"<": ">", "\\leq": "\\geq"}


def _one_sided(shown: str, name: str) -> list[str] | None:
    """``0 < β < 1`` or ``β ∈ (0, 1)`` as its two one-sided conditions on the letter
    (β > 0 and β < 1), or None for any other text."""
    text = shown.strip().strip("$").strip()
    n = re.escape(name)
    m = re.fullmatch(rf"(?P<n>{n})\s*\\in\s*(?P<o>[(\[])\s*(?P<a>[^,]+?)\s*,\s*(?P<b>[^,]+?)"
                     rf"\s*(?P<c>[)\]])", text)
    if m is not None:
        return [f"{name} {'>' if m['o'] == '(' else chr(92) + 'geq'} {m['a']}",
                f"{name} {'<' if m['c'] == ')' else chr(92) + 'leq'} {m['b']}"]
    ops = r"(<=|<|\\leq?|\\lt|≤)"
    m = re.fullmatch(rf"(?P<a>[^<>≤]+?)\s*{ops}\s*{n}\s*{ops}\s*(?P<b>[^<>≤]+)", text)
    if m is None:
        return None
    first, second = _LESS.get(m.group(2)), _LESS.get(m.group(3))
    if first is None or second is None:
        return None
    return [f"{name} {_MORE[first]} {m['a'].strip()}", f"{name} {second} {m['b'].strip()}"]


def _read_equation(text: str, ctx: Context) -> tuple[sp.Basic, sp.Basic, tuple] | None:
    """A formula of the prose with one '=' (LaTeX), read in the context: (left, right, where
    it is defined), or None where it is not one or cannot be read (in a second at most)."""
    from checker.parse.evaluate import Evaluator
    from checker.parse.latex import parse_latex_expr

    sides = re.split(r"(?<![<>!\\])=", text)
    if len(sides) != 2:
        return None
    try:
        with time_limit(1.0):
            ev = Evaluator(ctx)
            left, right = (ev.value(parse_latex_expr(side, ctx)) for side in sides)
    except Exception:  # (a prose formula that is not read says nothing)
        return None
    return left, right, tuple(ev.domain)  # type: ignore[return-value]


def _restates(ctx: Context, given: list[str], shown: str) -> bool:
    """Whether the prose's equation (LaTeX) is one of the givens, read: both sides' difference
    the same (or its negative) after expanding. Anything not read is no restatement."""
    from checker.model import Equation
    from checker.strategies.symbolic_n import canonical_bound

    read = _read_equation(shown, ctx)
    if read is None:
        return False
    try:
        with time_limit(1.0):  # (Σ_k y_k and Sum(y[k], (k, 1, K)): alike but for their k's)
            stated = canonical_bound(sp.expand(read[0] - read[1]))  # type: ignore[operator]
            for h in hypotheses(given, ctx):
                if isinstance(h, Equation):
                    other = canonical_bound(sp.expand(h.lhs - h.rhs))
                    if sp.expand(stated - other) == 0 or sp.expand(stated + other) == 0:
                        return True
    except Exception:  # (arrays, a given not read: no restatement)
        return False
    return False


def _defined_here(latex: str, ctx: Context, seen: set[str]) -> str:
    """The name a display that only defines one defines (as the prose writes it), else ""."""
    if not _only_defines(latex, ctx, seen):
        return ""
    try:
        found = _definition(latex, ctx, seen, "", check_uses=False)
    except (Bad, ParseError, ValueError):
        return ""
    return " ".join(found[0].split()) if found else ""


def _bound_before(latex: str, bound: list[tuple[str, str, int]], ctx: Context, given: list[str],
                  implied: Callable[[str, str], bool]) -> None:
    """Refuse a display that uses (or reaches) a letter the prose before an earlier display
    of its section bound (a definition or a hypothesis in prose, which is not read)."""

    indices = script_letters(latex)  # (an index case, i = j, is the display's own to state)
    for name, span, at in bound:
        if name in indices or not (writes_name(latex, name) or _reaches(latex, name, ctx, given)) \
                or not _own_letter(name, ctx) or implied(name, span):  # (identities were
            continue                                                     # never recorded)
        raise Bad(f"the prose before the display at line {at} says ${span}$, which is not read "
                  f"(a hypothesis or a definition in prose): checked without it, {name} would "
                  f"be free to take any value here. Write it as a display before this one "
                  rf"(\[{span}\]), or a condition after the step (\quad ({span})) or under "
                  "given", pos=Pos(1, 1))


def _proved_identity(span: str, ctx: Context) -> bool:
    r"""Whether a formula in prose (``\log(ab) = \log a + \log b``) is an identity the engine
    proves (exactly, in a second at most): it holds for every value, so it binds no letter.
    Anything not read or not proved is no identity (the display is then refused)."""
    from checker.parse.latex import parse_latex_expr

    sides = re.split(r"(?<![<>!\\])=", span)  # A = B = C: each equality an identity
    if len(sides) < 2:
        return False
    try:
        return values.proved_equal([parse_latex_expr(side, ctx) for side in sides], ctx)
    except ParseError:
        return False



def _defined_name(name: str, ctx: Context) -> bool:
    """A LaTeX name the document or the declarations give a value (ŷ = softmax(z), L = …)."""
    from checker.parse.latex import parse_latex_expr

    if name in ctx.latex:
        return True
    try:
        node = parse_latex_expr(name, ctx)
    except ParseError:
        return False
    return isinstance(node, Defined) or (isinstance(node, Name) and (
        node.id in ctx.latex or node.id in ctx.families))


def _own_letter(name: str, ctx: Context) -> bool:
    """A LaTeX name that is a letter of its own here (undeclared, nothing defines it) or a
    variable the declarations give no value."""
    from checker.parse.latex import parse_latex_expr

    try:
        node = parse_latex_expr(name, ctx)
    except ParseError:
        return False
    if not isinstance(node, Name) or node.id in ("E", "pi"):
        return False
    return (ctx.kind(node.id) is None and node.id not in ctx.latex and name not in ctx.latex
            and node.id not in ctx.families) or _valueless(name, ctx)


def _valueless(name: str, ctx: Context) -> bool:
    """A LaTeX name the declarations make a variable (symbol, vector, matrix) with no value."""
    from checker.parse.latex import parse_latex_expr

    try:
        node = parse_latex_expr(name, ctx)
    except ParseError:
        return False
    return isinstance(node, Name) and ctx.kind(node.id) in ("symbol", "vector", "matrix") \
        and node.id not in ctx.latex and name not in ctx.latex and node.id not in ctx.dims


def _reaches(latex: str, name: str, ctx: Context, given: list[str]) -> bool:
    """Whether the display uses the LaTeX name ``name`` as a letter through what it is written
    in: a definition's value (L for L = u²), a function's body, as far as they go. (Not a name
    the givens state something of: μ₂ = 0 in the prose restates given = ["mu_2 == 0"].)"""
    from checker.parse.latex import parse_latex_expr
    from checker.parse.latex_chain import parse_latex_steps

    try:
        target = parse_latex_expr(name, ctx)
        steps = parse_latex_steps(latex, ctx)
    except (ParseError, Bad, ValueError):
        return False
    if not isinstance(target, Name) or any(
            target.id in re.findall(r"[A-Za-z_]\w*", g) for g in given):
        return False
    reached = set().union(*(reached_names(s.node, ctx.body_of) for s in steps
                             if s.node is not None))
    laws = {str(sym) for r in reached if r in ctx.random  # (w ~ variance s: Var(w_i) reaches s)
            for sym in getattr(ctx.random[r], "free_symbols", ())}
    return target.id in reached or target.id in laws


def _not_used_before(name: str, ctx: Context) -> None:
    """L = ½(ŷ − y)², then ŷ = σ(wx): L's ŷ was a letter of its own where L was defined, so
    defining ŷ now would leave L meaning something else than its line says (∂L/∂w = 0 was
    proved). Refused; later uses of ŷ are then refused too (see _unread_definition)."""
    from checker.parse.latex import parse_latex_expr

    try:
        node = parse_latex_expr(name, ctx)
    except ParseError:
        return
    if isinstance(node, Name) and node.id in ctx.free_uses:
        kind = ctx.kind(node.id)
        what = "a letter of its own" if kind is None else f"the declared {kind} {name}"
        exc = UsedBefore(f"{name} = …: {name} is used before this line, in "
                         f"{ctx.free_uses[node.id]}, as {what} (nothing defined it "
                         f"there); a definition holds from where it is written, so that line "
                         f"would not mean what it says. Define {name} before it (move this "
                         "display up)", pos=Pos(1, 1))
        if kind is None:  # (a declared variable had a meaning there: never read again)
            exc.letter = node.id
        raise exc


def _record_free(ctx: Context, name: str, node: Node, params: tuple[str, ...] = ()) -> None:
    """The undeclared names a definition's right side uses as letters of their own."""
    bound = bound_indices(node) | set(params) | {
        n.args[1].items[0].id for n in walk(node)  # type: ignore[union-attr]
        if isinstance(n, Call) and n.func == "Integral" and len(n.args) == 2
        and isinstance(n.args[1], TupleLit) and isinstance(n.args[1].items[0], Name)}
    for n in walk(node):  # (a declared variable too: p := softmax(z) after J = 3 p_1)
        if isinstance(n, Name) and n.id not in bound and not n.id.startswith("_") \
                and ctx.kind(n.id) in (None, "symbol", "vector", "matrix") \
                and n.id not in ctx.latex and n.id not in ("E", "pi"):
            ctx.free_uses.setdefault(n.id, f"the definition of {name}")
            if name not in ctx.free_users.get(n.id, []):  # (a new list: a subsection's copy
                ctx.free_users[n.id] = [*ctx.free_users.get(n.id, []), name]  # shares none)


_FONT = re.compile(rf"\s*\\(?:{_FONTS})\b")  # a name in a font


def _function_name(name: str, ctx: Context) -> str | None:
    """The name the reader knows a function by, where the page writes it in a font:
    \\operatorname{LSE}, \\text{MSE}, \\mathrm{LSE} are LSE, MSE; \\mathcal{L} is the reader's
    name for the letter (Lcal)."""
    from checker.parse.latex import parse_latex_expr

    word = re.fullmatch(rf"\s*\\(?:{_FONTS})\s*\{{\s*([A-Za-z](?:[A-Za-z0-9]|\\?_)*)\s*\}}\s*",
                        name)
    if word is not None:
        return word.group(1).replace("\\_", "_")
    if re.fullmatch(r"\s*\\[A-Za-z]+\s*\{[^{}]+\}\s*", name):
        try:
            node = parse_latex_expr(name, ctx)
        except ParseError:
            return None
        return node.id if isinstance(node, Name) else None
    return None


def _scripted_name(name: str, ctx: Context) -> str | None:
    """The reader's name of a function written with a subscript (h_\\theta, h_{w,b}: the
    hypothesis of Andrew Ng's notes): h_theta, h_w_b, as the expressions read it."""
    from checker.parse.latex import parse_latex_expr

    if not re.fullmatch(r"\s*[A-Za-z]\s*_\s*(?:\\[A-Za-z]+|\{[^{}]+\}|[A-Za-z0-9])\s*", name):
        return None
    try:
        node = parse_latex_expr(name, ctx)
    except ParseError:
        return None
    return node.id if isinstance(node, Name) and node.id.isidentifier() else None


def _parameter(written: str) -> str:
    """A function's parameter as the body reads it: \\theta is theta."""
    command = re.fullmatch(r"\\([A-Za-z]+)", written)
    if command:
        return command[1]
    scripted = re.fullmatch(r"\\?([A-Za-z]+)\s*_\s*\{?\s*([A-Za-z0-9]+)\s*\}?", written)
    return f"{scripted[1]}_{scripted[2]}" if scripted else written  # \theta_0: theta_0


def _define(ctx: Context, name: str, params: str, rhs_latex: str) -> None:
    """Record a definition from the document: a name for the rest of its section."""
    from checker.parse.latex import parse_latex_expr

    if params:
        written = tuple(p.strip() for p in params.split(",") if p.strip())
        plist = tuple(_parameter(p) for p in written)  # J(\theta): the parameter theta
        fname = re.sub(r"\^\{\((\w+)\)\}$", r"^(\1)", name.lstrip("\\"))  # J^{(i)}: J^(i)
        # \operatorname{LSE}(v), \mathcal{L}(w), h_\theta(x)
        fname = _function_name(name, ctx) or _scripted_name(name, ctx) or fname
        if not fname.split("^(")[0].isidentifier() or not all(p.isidentifier() for p in plist):
            raise Bad(f"cannot define {name}({params}): write a function of plain variables, "
                      "as in f(x) = …")
        for w, p in zip(written, plist, strict=True):  # x_1 with x a declared vector: an
            if not re.search(r"_\d+$", p):  # entry of x, which the body reads as that entry
                continue  # (f(x_j) = … softmax_j, a seed's way to write one entry: as before)
            try:
                read = parse_latex_expr(w, ctx)
            except ParseError:
                continue
            target = read.body if isinstance(read, Defined) else read
            if not (isinstance(target, Name) and target.id == p):
                raise Bad(f"cannot define {name}({params}): {w} is {plain_text(read)} here (an "
                          "entry of a declared vector, or another name), not a variable of the "
                          "function's own; name the parameters apart, as in f(a, b) = …")
        if fname in ctx.functions and len(ctx.functions[fname].params) != len(plist):
            ctx.written[fname] = ()  # H alone: H(p) or H(p, q)? (refused from here on)
            fname = overload(fname, len(plist))  # H(p, q) beside H(p): by its arguments
        taken = next((w for w, p in zip(written, plist, strict=True)
                      if p in ("pi", "e", "E") or p.lower() in BY_NAME), None)
        if taken is not None:  # f(\pi) = …, f(\sigma) = …: a constant or a function already
            raise Bad(f"cannot define {name}({params}): {taken} already means something (a "
                      "constant or a function of the vocabulary), so it cannot be a parameter; "
                      "write another letter")
        # the parameters are the function's own: a definition of the same name elsewhere
        # (z = w x before f(z) = z²) must not be read into its body. A parameter the body
        # indexes (E(t, o) = -Σ_j t_j log o_j) names the document's vector, as written
        own = {p for p in (*plist, *written)
               if not re.search(rf"(?<![A-Za-z\\]){re.escape(p)}_", rhs_latex)}
        # (a parameter σ owns σ² in the body too: the variance σ² mapped to v is not h's σ²)
        owned = re.compile("|".join(rf"{re.escape(q)}(?![A-Za-z])" for q in own)) if own else None
        probe = Context(**{**ctx.__dict__, "functions": dict(ctx.functions),
                           "latex": {k: v for k, v in ctx.latex.items() if k not in own
                                     and not (owned is not None and owned.match(k))},
                           "families": {k: v for k, v in ctx.families.items() if k not in own},
                           "recurrences": {k: v for k, v in ctx.recurrences.items()
                                           if k not in own}})
        body = parse_latex_expr(rhs_latex, probe)
        imaginary_in([body], ctx, frozenset(plist))  # f(t) = e^{it}
        pinned = _pinned(name, plist, body, ctx)
        if any(getattr(n, "func", None) == fname or (isinstance(n, Name) and n.id == fname)
               for n in walk(body)):
            raise Bad(f"{name} is defined by itself ({name}(…) = … {name}(…) …): a definition "
                      "cannot use the name it defines; write the step as an equation between "
                      "other names")
        # J(w) = λ/2 ‖w‖² with w a declared vector: J takes the vector whole, never entry by
        # entry (its body reads w as the vector)
        whole = any(ctx.kind(p) in ("vector", "matrix") or p not in own  # (S(p) = Σ_i p_i
                    for p in plist)  # with p a vector the page defines: p whole, too)
        _record_free(ctx, name, body, plist)
        ctx.functions[fname] = UserFunction(fname, plist, body, scalar=not whole, pinned=pinned)
        ctx.written[fname] = plist  # f alone means f where it was defined, until written elsewhere
        return
    if recurrence(ctx, name, rhs_latex):
        return
    node = parse_latex_expr(rhs_latex, ctx)
    imaginary_in([node], ctx, frozenset(script_letters(name)))  # u = e^{i\omega t} (y_i = i^2:
    # the family's index)
    try:  # \hat{m}_t is read as the name mhat_t: found under that name too
        named0 = parse_latex_expr(name, ctx)
    except ParseError:
        named0 = None
    if isinstance(named0, Name) and any(isinstance(n, Name) and n.id == named0.id
                                        for n in walk(node)):
        raise Bad(f"{name} is defined by itself ({name} = … {name} …): a definition cannot "
                  "use the name it defines; write the step as an equation between other names")
    _not_by_its_label(name, node, ctx)
    _record_free(ctx, name, node)
    ctx.latex[name] = node
    ctx.displayed.add(name)
    try:
        named = parse_latex_expr(name, ctx)
    except ParseError:
        named = None
    if isinstance(named, Name) and named.id != name:
        ctx.latex.setdefault(named.id, node)
    _family(ctx, name, node)
    if name.startswith("\\") and name[1:].isalpha():
        ctx.latex.setdefault(name, node)
    word = _function_name(name, ctx) if _FONT.match(name) else None
    if word is not None and ctx.kind(word) is None:  # \operatorname{FL} = …: the word FL,
        ctx.latex.setdefault(word, node)  # as a function in a font is known by its word


# --------------------------------------------------------------------------- building

def _names_defined(ctx: Context) -> set[str]:
    """The names a display may define: LaTeX names, functions, and sequences (``v_`` for
    v_t = β v_{t−1} + …, whose members v_1, v_2 … it defines)."""
    return set(ctx.latex) | set(ctx.functions) | {f"{base}_" for base in ctx.recurrences}


def _unread_definition(latex: str, ctx: Context, seen: set[str], before: str, line: int) -> None:
    """A display that would define a name (L_k = σ(…)) but cannot be read: later uses of the
    name would take it for a new letter, which the author did not mean. Recorded, so that
    they are refused (:func:`not_defined_here`)."""

    try:
        found = _definition(latex, ctx, seen, before, check_uses=False)
    except DefinedAgain as again:  # a := x + 1, then a := x - 1 (refused): which one the
        # lines after it mean cannot be told, so they are refused too
        ctx.contested[again.name] = (
            f"{again.name}: the display at line {line} defines it a second time (not read), so "
            "which definition is meant from there on cannot be told; give the new one another "
            "name")
        return
    except NotAParameter as exc:  # ℓ(μ, σ²) = …: later uses of ℓ are refused, not guessed
        key, _ = _unread_keys(exc.name, ctx)
        key = key.lstrip("\\")
        if key not in ctx.unread:
            ctx.unread[key] = line
            ctx.unread_names[key] = exc.name
        return
    except (Bad, ParseError, ValueError):
        bold = re.match(r"\s*&?\s*\\(?:mathbf|boldsymbol|bm|vec)\s*\{\s*([A-Za-z])\s*\}\s*&?\s*=",
                        latex)
        if bold is not None:  # \mathbf{z} = W x (not read): z_1 after it would be its entry
            ctx.unread[bold[1] + "_"] = line
            ctx.unread_names[bold[1] + "_"] = bold.group(0).rstrip("=& ").strip()
        if re.match(r"\s*&?\s*e\s*&?\s*=", latex) and ctx.kind("e") is None:  # e = y − ŷ
            ctx.contested["e"] = (f"e: the display at line {line} may name something e (not "
                                  "read), so whether e here is Euler's number or that cannot "
                                  "be told; write another letter there")
        return
    if found is None:
        return
    name = found[0]
    key, family = _unread_keys(name, ctx)
    if (family or key) in ctx.unread:  # (the first display that could not be read: the one
        return  # to fix first)
    ctx.unread[family or key] = line
    ctx.unread_names[key] = name  # (\hat{y}, as the error shows it, not yhat)
    if family:
        ctx.unread_names[family] = name


def _unread_keys(name: str, ctx: Context) -> tuple[str, str | None]:
    """The reader's name for a defined name, and its family's key (L_k: every L_j is that
    definition at j; γ_k, r_{nk}: γ_1, r_{n1} too), as unread definitions are recorded."""
    from checker.parse.latex import parse_latex_expr

    try:
        node = parse_latex_expr(name, ctx)
    except ParseError:
        node = None
    key = node.id if isinstance(node, Name) else name
    family = _FAMILY.fullmatch(key) or re.fullmatch(
        r"(?P<base>[A-Za-z]+)_(?P<index>[A-Za-z]+)", key)
    return key, (family["base"] + "_" if family else None)


def _not_unread(name: str, ctx: Context) -> None:
    """m_t = … after a display that defines m_t and could not be read: a second definition,
    or a claim about the first? Refused."""
    if not ctx.unread:
        return
    key, family = _unread_keys(name, ctx)
    line = ctx.unread.get(key, ctx.unread.get(family or "\x00"))
    if line is not None:
        raise Bad(f"{name} = …: the display at line {line} defines "
                  f"{ctx.unread_names.get(key, name)}, and could not be read, so whether this "
                  "line defines it again or says something about that definition cannot be "
                  "told; fix that display first", pos=Pos(1, 1))


def build(doc: Document, sidecar: dict | None = None) -> Loaded:
    out = Loaded(errors=list(doc.errors))
    sidecar = sidecar or {}
    base, sections, errors = _declarations(doc, sidecar)
    labelled = _labelled_definitions(doc)
    out.errors.extend(errors)
    by_line = {int(t["line"]): t for t in sidecar.get("display", [])
               if isinstance(t, dict) and isinstance(t.get("line"), int)}
    digest = hashlib.sha256(repr((doc.displays, doc.declarations, sidecar)).encode()).hexdigest()
    contexts: dict[str, tuple[Context, list[str]] | None] = {}
    seen_ids: set[str] = set()
    seen: dict[str, set[str]] = {}
    defined_at: dict[str, tuple[str, int]] = {}  # a display's definition: its scope and line
    # a case split: what its case displays go on from, and the case of the one being read
    cases: dict[str, tuple[tuple[str, int], list[str]]] = {}
    tails: dict[str, tuple[str, int]] = {}  # the last step of each section's last chain
    dangling: dict[str, int] = {}  # the line of a display that ends with '=', by scope
    equations: dict[str, tuple[str, int]] = {}  # the last equation "A = D" and its line
    arrows: dict[str, str] = {}  # an arrow a display ends with: the next one follows from it
    single: dict[str, list[int]] = {}  # the last display's chains (premises, if ⇒ follows)
    premised: set[int] = set()  # such items, when ⇒ followed
    solving: dict[str, str] = {}  # by scope: the prose that says equations are being solved
    solving_once: set[str] = set()  # scopes where that is one prose equation, for one display
    # by scope: conditions written as displays of their own ("Assume ⏎ $$x > 0.$$"), which no
    # display after them in the section may leave unread (line, the condition as inline math)
    shown_conditions: dict[str, list[tuple[int, str]]] = {}
    said_read: set[str] = set()  # scopes whose context has what the page says is an array
    cased: dict[str, tuple[str, int]] = {}  # by scope: the prose case of the display before
    case_of: dict[str, list[str]] = {}  # by scope: that case, as read (for "= …" after it)
    # by scope: what the prose binds that the display after it did not use (letter, formula,
    # line): a later display that uses it is refused too ("Since $wx + b = u$, the loss is
    # $$L = e^u$$ … $$\frac{\partial L}{\partial w} = 0$$")
    bound_in_prose: dict[str, list[tuple[str, str, int]]] = {}
    solved: dict[int, str] = {}  # items under it, with that prose
    # by scope: the definitions read from the prose (name, as written, line); and how much of
    # the next display's prose this one read as its own ("$$L = u^2$$ where $u = wx + b$.")
    from_prose: dict[str, list[tuple[str, str, int]]] = {}
    unread_prose: dict[str, list[tuple[str, str, int, str]]] = {}  # and why one was not read
    consumed = 0
    last_scope = None  # the scope of the display before
    if len(doc.displays) > MAX_DISPLAYS:
        out.errors.append(InputError(doc.path, f"{len(doc.displays)} displays; the limit is "
                                     f"{MAX_DISPLAYS} per document"))
        return out
    parts = sidecar.get("parts", [])
    other_base = prose.log_base("\n\n".join([*(d.between for d in doc.displays), doc.tail]))
    for number, display in enumerate(doc.displays, start=1):
        where = display.file or doc.path
        part = next(((lo, hi, t) for lo, hi, t in parts if lo <= display.line <= hi), None)
        scope = display.scope + (f"\x00{part[0]}" if part else "")
        for key, text, closes in _outer_prose(display, last_scope, consumed):
            try:  # a section's prose before its subsection: its definitions hold there too
                _open_context(key, key, display.outer[:display.outer.index(key)], None, base,
                              sections, contexts, seen, labelled)
            except (Bad, ParseError, OutOfTime):
                contexts[key] = None  # (reported at the display, whose declarations include it)
            if contexts[key] is not None:
                _prose_into(key, text, _line_in(display), closes, False, "", contexts, seen,
                            unread_prose, from_prose, defined_at)
            bound_in_prose.setdefault(key, []).extend(  # "Throughout we assume …" of a parent
                (name, span, display.line) for name, span in prose.standing(text))  # section
            consumed = 0
        last_scope = scope
        if scope not in contexts:
            try:
                _open_context(scope, display.scope, display.outer, part, base, sections,
                              contexts, seen, labelled)
            except (Bad, ParseError, OutOfTime) as exc:
                message = getattr(exc, "message", f"took longer than {READ_SECONDS:g} s")
                what = (f" of the part on lines {part[0]}…{part[1]}" if part else
                        f" of {display.section!r}" if display.section else "")
                block = next((line for _, line, key in reversed(doc.declarations)
                              if key in (display.scope, *display.outer, "")), None)
                out.errors.append(InputError(doc.path, f"the declarations{what}: {message}",
                                             line=block))
                contexts[scope] = None
        found = contexts[scope]
        if found is None:
            continue
        ctx, given = found
        if scope not in said_read:  # X ∈ ℝ^{n×d} anywhere on the page: X is not a number
            said_read.add(scope)
            for text, line_of in _page_pieces(doc):
                said_arrays(text, line_of, ctx)
        names = seen.setdefault(scope, set())
        own = _own_prose(doc, number)
        for text, line_of, closes, opens in (
                (_in_section(display, consumed), _line_in(display),
                 number > 1 and not consumed and not display.headings, True),
                (*own[:2], True, False)):
            _prose_into(scope, text, line_of, closes, opens, display.latex, contexts, seen,
                        unread_prose, from_prose, defined_at)
        consumed = own[2]
        controls = {**display.controls}
        for line, table in by_line.items():  # a sidecar's [[display]] for a line it contains
            if display.line <= line <= display.line + display.latex.count("\n"):
                controls = {**table, **controls}
        used = [f"${written}$" + (f" (line {at})" if at >= 1 and not display.file else "")
                for name, written, at in _reached(display.latex, [
                    d for key in (*display.outer, scope) for d in from_prose.get(key, [])])]
        if used:  # what the prose defined is part of what the display is read as: say so
            controls["note"] = "; ".join(filter(None, [str(controls.get("note", "")),
                                                       "read with the definitions in the prose "
                                                       + ", ".join(used)]))
        if ctx.notes:  # (a section's given a redeclaration left out)
            controls["note"] = "; ".join(filter(None, [str(controls.get("note", "")),
                                                       *ctx.notes]))
        if controls.get("skip"):  # what comes next cannot go on from it, nor over it
            tails[scope] = equations[scope] = ("\x01", display.line)
            if prose.CASE.search(prose.prose_end(display.before)):  # For x < 0: (skipped) A B:
                cased[scope] = ("the case the prose before it states", display.line)  # B too?
            if scope in arrows and scope in single:  # "$$P ⇒$$": P is a premise
                premised.update(single[scope])
            for line in (dangling.pop(scope, None), arrows.pop(scope, None) and display.line):
                if line:  # "$$A = B =$$" or "$$P ⇒$$" that a skipped display would go on
                    out.errors.append(InputError(where, "the display before goes on ('=' or an "
                                                 "arrow at its end) into this one, which is "
                                                 "skipped: end it, or do not skip this one",
                                                 line=display.line))
            single.pop(scope, None)
            continue
        if scope in solving_once:  # (left by a display that was not read: for it only)
            solving_once.discard(scope)
            solving.pop(scope, None)
        stated_here = display.latex.strip().rstrip(".,;").strip()
        assumed = prose.assumed(display.before)
        if (cue := _TEXT_CUE.match(stated_here)) is not None:  # $$\text{Assume } x > 0$$
            assumed, stated_here = cue.group(1).lower(), stated_here[cue.end():].strip()
        if (_CONDITION_ONLY.fullmatch(_without_scripts(display.latex))  # Assume ⏎ $$x > 0.$$
                and (assumed or _SIMPLE_CONDITION.fullmatch(stated_here))) \
                or (assumed in prose.ASSUMING and "=" in _without_scripts(stated_here)
                    and not NAME.match(stated_here.split("=")[0].rstrip(":&"))):  # (If
            # $$f(x) = g(x)/h(x)$$ defines f)
            shown_conditions.setdefault(scope, []).append((display.line, f"${stated_here}$"))
            if "=" in _without_scripts(stated_here):  # Assume ⏎ $$x^2 = 1.$$: no identity
                out.errors.append(InputError(
                    where, f"the prose before this display says it is assumed ({assumed!r}): an "
                    "assumption is no identity to check, and the displays after it that use "
                    "its letters are refused unless it is declared (given = [\"…\"] in the "
                    "section's block)", line=display.line))
                continue
        own_before = prose.after_heading(display.before)  # (an earlier section's "solve" is
        cue = prose.SOLVING.search(own_before)  # not this one's)
        solved_here = prose.solves(own_before, display.latex)
        if cue is not None:  # "Solve for x:" — until other prose comes between displays
            solving[scope] = cue.group(0)
        elif solved_here:  # "we need $n s = 1$, so $$s = 1/n$$": this display only
            solving[scope] = solved_here
            solving_once.add(scope)
        elif prose.has_prose(display.before):
            solving.pop(scope, None)
        display = replace(display, latex=unboxed(display.latex))  # \boxed{f(x) = …} defines
        try:  # "… \quad \text{where } L = …": L's definition, for this display and on
            display = replace(display, latex=_where_clause(_intertext(display.latex), ctx,
                                                           names))
        except Bad as exc:
            out.errors.append(InputError(where, exc.message, line=display.line))
            out.unread_sides += len(re.findall(r"(?<![<>!:\\])=", display.latex)) + 1
            _unread_definition(display.latex, ctx, names, display.before, display.line)
            continue
        chains = _chains(display)
        for k, (latex, dline, dcol) in enumerate(chains, start=1):
            line = display.line + dline
            col = dcol if dline else display.col + dcol - 1
            if k == 1 and scope in dangling and _ARROW_START.match(latex):
                out.errors.append(InputError(where, f"the display at line {dangling.pop(scope)} "
                                             "ends with '=' but this one starts with an arrow: "
                                             "which is meant?", line=line))
                tails[scope] = equations[scope] = ("", line)
                continue
            goes_on = latex.lstrip().lstrip("&").lstrip()[:1] == "=" or (
                k == 1 and scope in dangling)  # "$$ A = B = $$ $$ C $$" is A = B = C
            tail = tails.get(scope) if goes_on else None  # "$$ = … $$" goes on from the one before
            joint = " " if latex.lstrip().lstrip("&").lstrip()[:1] == "=" else " = "
            pending = arrows.pop(scope, None) if k == 1 else None  # "$$P \Rightarrow$$ $$Q$$"
            if _ARROW_START.match(latex) or pending:  # "$\Rightarrow …$": from the last equation
                tail = equations.get(scope, ("", 0)) if k == 1 else None
                joint = " " if _ARROW_START.match(latex) else f" {pending} "
                if tail is not None and tail[0] and case_of.get(scope) \
                        and prose.new_thought(display.before):  # For x > 0: ⇒ … after the
                    tail = ("\x00", tail[1])  # case x < 0's ⇒ …: from which equation?
            dangling.pop(scope, None)
            premise_items = single.pop(scope, []) if k == 1 else []
            end = _DANGLING.search(latex)
            if end is not None and k == len(chains):
                latex = latex[:end.start()] + " " * (len(latex) - end.start())
                dangling[scope] = line
            end = _ARROW_END.search(latex)
            if end is not None and k == len(chains):
                arrows[scope] = latex[end.start():].strip()  # the next display follows from it
                latex = latex[:end.start()] + " " * (len(latex) - end.start())
            stated: list[str] = []
            if k == 1:  # "Throughout we assume $y > 0$.": for every later display here too
                bound_in_prose.setdefault(scope, []).extend(  # (this section's own prose:
                    (name, span, line) for name, span in prose.standing(  # an earlier one's
                        prose.after_heading(display.before)))  # is recorded above)
                tail, stated = _case_split(display, latex, tail, goes_on, cases, scope, ctx,
                                           case_of.get(scope) if scope in cased else None)
            if premise_items and tail is not None and tail[0] not in (
                    "", "\x00", "\x01") and not tail[0].startswith("\x02") and (
                    pending or _ARROW_START.match(latex)):
                premised.update(premise_items)  # those equations: premises, or identities?
            before_names = _names_defined(ctx)
            ctx.foreign = {name: at for name, at in defined_at.items()  # (a name declared
                           if at[0] != scope and name not in before_names  # here is its own)
                           and ctx.kind(name) is None}
            try:
                with time_limit(READ_SECONDS):
                    implied = partial(_declared_so, ctx, given)
                    aliases = _greek_aliases(ctx)
                    prose.no_heading_case(display.outer, scope, display.latex)
                    ctx.log_base = other_base or ""
                    if (loose := prose.approximate(display.before)) and not stated:
                        raise Bad(f"the prose right before this display says {loose!r}: it "
                                  "holds only approximately or up to what is left out, which "
                                  "'=' does not say, so it is not checked as an identity; write "
                                  "\\approx for an approximation (not checked), or the "
                                  "identity with every term", pos=Pos(1, 1))
                    written = display.latex  # ("Setting $b = 0$, ⏎ $$= a^2$$": b is in
                    if tail is not None and tail[0] and tail[0][0] not in "\x00\x01\x02\x03":
                        written = tail[0] + " " + written  # the expression it goes on from)
                    case = stated or prose.prose_case(display.before, written,
                                                      tuple(ctx.dims), tuple(ctx.symbols),
                                                      implied, aliases)
                    for at, shown in (c for key in (*display.outer, scope)
                                      for c in shown_conditions.get(key, [])):
                        if at != display.line and "=" in _without_scripts(shown) and (
                                _letters(shown) & _letters(display.latex)):
                            raise UnreadCondition(
                                f"the display at line {at} states {shown} as an assumption, "
                                "which is not read as this display's hypothesis: declare it "
                                "(given = [\"…\"] in the section's block), or write it in this "
                                "display (\\quad (…))", pos=Pos(1, 1))
                        if at != display.line:
                            no_unread_condition(shown, display.latex,
                                                f"at line {at} (a display of its own) before",
                                                implied)
                    as_written = tuple(" ".join(g.split()) for g in case) + tuple(
                        _with_greek(g, aliases) for g in case)  # (r > d from r > \delta)
                    remark = _after(doc, number)
                    if (loose := prose.approximate_after(remark)) and not stated:
                        raise Bad(f"the prose right after this display says {loose!r}: it "
                                  "holds only approximately or up to what is left out, which "
                                  "'=' does not say, so it is not checked as an identity; write "
                                  "\\approx for an approximation (not checked), or the "
                                  "identity with every term", pos=Pos(1, 1))
                    if case and not stated and (_quantified(display.latex, case)
                                                or _quantified_in_prose(remark, case)):
                        said = "the display" if _quantified(display.latex, case) else \
                            "the prose after it"
                        raise Bad(f"the prose right before this display states a case "
                                  f"({' and '.join(case).replace('==', '=')}), and {said} "
                                  "says its line holds for all values: which is meant? Drop one "
                                  "of them", pos=Pos(1, 1))
                    if case and not stated and not goes_on and _only_defines(latex, ctx, names):
                        raise Bad(f"the prose right before this display states a case "
                                  f"({' and '.join(case).replace('==', '=')}), but the display "
                                  "defines a name, which then holds in every case: write the "
                                  "case into a claim, or give the definition a name of its own "
                                  "for the case (L_1 = …)", pos=Pos(1, 1))
                    if k == 1 and not goes_on:
                        _not_in_a_case(display, case, cased.pop(scope, None))
                        case_of.pop(scope, None)
                        if case and not stated:
                            cased[scope] = (" and ".join(case).replace("==", "=")
                                            .replace("!=", "≠"), line)
                            case_of[scope] = list(case)
                    for name, written, at, why in (u for key in (*display.outer, scope)
                                                   for u in unread_prose.get(key, [])
                                                   if k == 1):
                        if mentions(display.latex, name):
                            raise Bad(f"the prose at line {at} writes {name} (${written}$), "
                                      f"which cannot be read: {why}", pos=Pos(1, 1))
                    if k == 1:  # "where $u = wx + b$" before or after it: not read, refused
                        after = _others_definitions(
                            remark, lambda name, t=display.latex, c=ctx, g=given:
                            mentions(t, name) or _reaches(t, name, c, g))
                        prose.after_condition(after, display.latex, implied)
                        no_prose_definition(
                            display.latex, prose.prose_end(display.before), after,
                            lambda span, c=ctx, seen=names: _definition(span, c, seen, ""),
                            as_written,
                            lambda name, c=ctx: _valueless(name, c),
                            lambda name, t=display.latex, c=ctx, g=given: _reaches(t, name,
                                                                                c, g),
                            lambda exc: isinstance(exc, UsedBefore))
                        _bound_before(display.latex, [b for key in (*display.outer, scope)
                                                      for b in bound_in_prose.get(key, [])],
                                      ctx, given, implied)  # (a parent section's too)
                        later = no_prose_binding(
                            display.latex, prose.prose_end(display.before), after,
                            lambda name, c=ctx: _own_letter(name, c),
                            lambda name, t=display.latex, c=ctx, g=given: _reaches(
                                t, name, c, g),
                            as_written,
                            implied, lambda name, c=ctx: _defined_name(name, c),
                            lambda span, c=ctx: _proved_identity(span, c),
                            _defined_here(latex, ctx, names), solved_here)
                        bound_in_prose.setdefault(scope, []).extend(
                            (name, span, line) for name, span in later)
                    item, new_tail = _chain(doc, display, controls, ctx, given + (stated or case),
                                            latex, line,
                                            col, names, f"{number}.{k}" if k > 1 else str(number),
                                            seen_ids, digest, out, tail, joint,
                                            equation=scope in solving or scope in arrows
                                            or bool(pending))
            except Bad as exc:
                if k == 1:  # a value the prose gives a letter binds it for the later displays
                    bound_in_prose.setdefault(scope, []).extend(
                        (name, span, line) for name, span in getattr(exc, "later", []))
                tails[scope] = ("", line)  # "= …" next would go on from an unread line
                equations[scope] = ("", line)
                if k == 1 and isinstance(exc, UnreadCondition):
                    # If $x > 0$: (not read) $$A$$ $$B$$: does the condition hold for B too?
                    cased[scope] = ("the condition the prose before it states", line)
                if not isinstance(exc, ValueOfAVariable):  # (w stays the variable it was)
                    _unread_definition(latex, ctx, names, display.before, line)
                if getattr(exc, "unread", None):  # p_a := … with p declared: p from here on?
                    ctx.unread.setdefault(exc.unread, line)
                sides = len(re.findall(r"(?<![<>!:\\])=", latex)) + 1
                out.unread_sides += sides
                pos = exc.pos
                out.errors.append(InputError(where, exc.message,
                                             line=line + (pos.line - 1 if pos else 0),
                                             col=(pos.col if pos and pos.line > 1 else
                                                  col + (pos.col - 1 if pos else 0))))
                if getattr(exc, "waits", None) and not goes_on:  # L = −Σ y_i log p_i, then p_i
                    where_order.wait(ctx, exc.waits, latex, line, out.errors[-1], sides)
                continue
            except OutOfTime:
                tails[scope] = ("", line)
                out.errors.append(InputError(where, f"reading it took longer than "
                                             f"{READ_SECONDS:g} s", line=line))
                continue
            except (RecursionError, MemoryError) as exc:
                tails[scope] = ("", line)
                out.errors.append(InputError(where, f"too large to read ({type(exc).__name__})",
                                             line=line))
                continue
            except Exception as exc:  # a bug of ours must not become a traceback or stop the run
                tails[scope] = ("", line)
                out.errors.append(InputError(where, reading_bug(exc), line=line))
                continue
            for name in _names_defined(ctx) - before_names:
                defined_at.setdefault(name, (scope, line))
            if item is not None:
                out.items.append(item)
                if isinstance(item.build(), Derivation):  # a premise, if ⇒ follows
                    single.setdefault(scope, []).append(len(out.items) - 1)
                    if scope in solving:
                        solved[len(out.items) - 1] = solving[scope]
            if scope in solving_once:  # (the prose's equation is solved by one display)
                solving_once.discard(scope)
                solving.pop(scope, None)
            sides = last_equation(tail[0] + " = " + latex if tail and tail[0] else latex)
            if sides is not None:
                equations[scope] = (" = ".join(sides), line)
            if new_tail is not None:
                tails[scope] = new_tail
            else:
                tails.pop(scope, None)
    for line in dangling.values():
        out.errors.append(InputError(doc.path, "the display ends with '=' and no display goes on "
                                     "from it: write the expression after the '='", line=line))
    if arrows:
        out.errors.append(InputError(doc.path, "a display ends with an implication arrow and no "
                                     "display follows from it in its section: write the equation "
                                     "after the arrow"))
    for k in sorted(premised | set(solved)):  # refuted as an identity, it may be the premise
        item = out.items[k]                     # or an equation to solve: unknown
        entry = replace(item.build(), or_premise=prose.AS_PREMISE) if k in premised else \
            replace(item.build(), solved=prose.SOLVED.format(solved[k]))  # type: ignore[call-arg]
        out.items[k] = replace(item, build=Prebuilt(entry), cache_key=item.cache_key + ":premise")
    return out


def _after(doc: Document, number: int) -> str:
    """The prose after the display ``number`` (1-based) that is its own (prose.following)."""
    last = number >= len(doc.displays)
    text = re.sub(r"^\s*(\$\$|\\\]|\\\)|\\end\{[a-z*]+\})", "", doc.tail) if last \
        else prose.prose_end(doc.displays[number].between)  # (no display opens after the tail)
    return prose.following(text, last)


def _top_level(latex: str) -> str:
    """The text outside environments (cases, arrays) and brace groups, where an & of theirs
    is no column of the display."""
    while True:
        inner = re.sub(r"\\begin\{(\w+\*?)\}(?:(?!\\begin\{).)*?\\end\{\1\}|\{[^{}]*\}", " ",
                       latex, flags=re.S)
        if inner == latex:
            return inner
        latex = inner


def _open_context(scope: str, key: str, outer: tuple[str, ...], part: tuple | None,
                  base: dict, sections: dict[str, dict],
                  contexts: dict[str, tuple[Context, list[str]] | None],
                  seen: dict[str, set[str]], labelled: frozenset[str] = frozenset()) -> None:
    """Make the context of a section (``key``, under the headings ``outer``; or a sidecar's
    part of it) when it is first needed: the section under it reads on with what its section
    has defined so far, unless it declares something of its own. Raises what its
    declarations' reading raises."""
    if scope in contexts:
        return
    table = base
    dropped: list[str] = []  # the givens about a letter a section under them declares again
    for heading in (*outer, key):  # the outer headings' first
        kept = _without_names(table, sections.get(heading, {}))
        dropped += [str(g) for g in table.get("given", []) if g not in kept.get("given", [])]
        table = merge_tables(kept, sections.get(heading, {}))
    if part:
        table = merge_tables(table, part[2])
    parent = next((k for k in reversed(outer) if contexts.get(k) is not None), None)
    if parent is not None and not part and not sections.get(key):
        # a subsection that declares nothing of its own reads on with what its section has
        # defined so far (ŷ_i = … under "# Softmax" holds in its "##")
        contexts[scope] = _inherited(contexts[parent])  # type: ignore[arg-type]
        seen[scope] = set(seen.get(parent, set()))
        return
    with time_limit(READ_SECONDS):
        if AMBIGUOUS in table:
            raise Bad(table[AMBIGUOUS])
        no_plain_e(table)
        contexts[scope] = build_context(letters_declared(table))
    contexts[scope][0].labelled = labelled  # type: ignore[index]
    contexts[scope][0].notes = [  # type: ignore[index]
        f"the given {g!r} of the section above does not hold here: this section declares its "
        "letters again (write it in this section's block if it holds)" for g in dropped]


def _prose_into(scope: str, text: str, line_of: Callable[[int], int], closes: bool, opens: bool,
                latex: str, contexts: dict[str, tuple[Context, list[str]] | None],
                seen: dict[str, set[str]], unread: dict[str, list[tuple[str, str, int, str]]],
                read: dict[str, list[tuple[str, str, int]]],
                defined_at: dict[str, tuple[str, int]]) -> None:
    """Read the definitions in a stretch of prose into the context of ``scope`` (see
    :func:`_read_prose`), and remember which were read and which not (with why)."""
    found = contexts[scope]
    assert found is not None
    names = seen.setdefault(scope, set())
    where = definitions_in(text, after_display=closes, before_display=opens)
    for name, written, at, why in _read_prose(where, line_of, found[0], names, latex):
        if why:  # not read: a display that uses the name is refused with the reason
            unread.setdefault(scope, []).append((name, written, at, why))
            continue
        defined_at.setdefault(name, (scope, at))
        read.setdefault(scope, []).append((name, written, at))


def _reached(latex: str, defined: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """The prose definitions (name, as written, line) a display writes, and those their
    right sides write in turn (L = (ŷ − y)², ŷ = σ(wx): a display in L reaches both), in the
    order they were read."""
    texts, out = [latex], []
    for _ in range(len(defined)):
        more = [d for d in defined if d not in out and any(mentions(t, d[0]) for t in texts)]
        if not more:
            break
        out += more
        texts = [sides(d[1])[1] for d in more]
    return [d for d in defined if d in out]


# "… \quad \text{where } L = \frac{1}{2}(wx - y)^2" at the end of a display
_WHERE_CLAUSE = re.compile(r"(?:,|\\q?quad|\\[,;:])\s*\\(?:text|mbox|mathrm)\{\s*(?:where|with)\s*\}"
                           r"\s*(?P<definition>[^&]+?)\s*[.,;]?\s*$", re.S)


def _where_clause(latex: str, ctx: Context, names: set[str]) -> str:
    """A display that ends with "\text{where } L = …" defining a new name: the name is
    defined there (as a display or the prose would define it, holding from this display on)
    and the clause blanked. A clause that does not define a new name stays, as a condition
    of the step. Raises :class:`Bad` where the definition is refused (L used before)."""
    m = _WHERE_CLAUSE.search(latex)
    if m is None:
        return latex
    head = latex[:m.start()].split("=", 1)[0].replace("&", " ")
    if "(" in head and NAME.match(head):  # f(x) = e^u where u = x²: f's x, or the letter x?
        raise Bad(f"{head.strip()} = … \\text{{where}} …: a function defined with a where "
                  "clause, whose right side may use the function's parameter or a letter of its "
                  "own: write the expression inside the function's definition, or define the "
                  "name in a display of its own before it", pos=Pos(1, 1))
    parts = [p.strip() for p in re.split(r",\s*(?:\\[ ,;:]|\\q?quad|~)?\s*(?:\\text\{\s*and\s*\}\s*)?",
                                         m["definition"]) if p.strip()]
    if not parts or not all(prose_definitions.one_equation(p) for p in parts):
        return latex  # (a condition: \text{where } x > 0, or x = 0)
    heads = {prose_definitions.sides(p)[0]: p for p in parts}
    if any(re.search(r"(?:\{\s*|/\s*)(?:\\partial|∂|(?<![A-Za-z\\])d)\s*" + re.escape(h)
                     + r"(?![A-Za-z])|\\partial_\{?\s*" + re.escape(h) + r"(?![A-Za-z])",
                     latex[:m.start()]) and not re.search(
                         r"\\frac\s*\{\s*(?:\\partial|d)\s*" + re.escape(h) + r"\s*\}\s*\{",
                         latex[:m.start()]) for h in heads):
        return latex  # (d/dx (xt) where x = t²: x the variable, or t's square? as before)
    ordered: list[str] = []
    while len(ordered) < len(parts):  # "L = … a …, a = σ(z)": a first
        ready = [p for p in parts if p not in ordered and not any(
            h != prose_definitions.sides(p)[0] and heads[h] not in ordered
            and mentions(prose_definitions.sides(p)[1], h) for h in heads)]
        if not ready:
            return latex  # (each uses the other: no order to read them in)
        ordered.append(ready[0])
    for p in ordered:
        if _definition(p, ctx, names, "") is None and not _restated(p, ctx):
            return latex  # (a name that already means something: a condition, as before)
    for p in ordered:
        found = _definition(p, ctx, names, "")
        if found is not None:  # (else the definition in force, written again)
            _define(ctx, *found)
            names.add(found[0])
    return latex[:m.start()] + " " * (len(latex) - m.start())


def _restated(definition: str, ctx: Context) -> bool:
    """"L = …" for an L the document defines, with the value it has."""
    read_as = _read_equation(definition, ctx)
    return read_as is not None and prose_definitions.sides(definition)[0] in ctx.latex \
        and _same_value(*read_as[:2])


_INTERTEXT = re.compile(r"\\(?:intertext|shortintertext)\s*\{([^{}]*)\}")
_SAYS_SOMETHING = re.compile(r"\$|\\\(|\b(?:if|for|when|where|with|let|assum\w*|suppos\w*|"
                             r"since|because|case|given|provided|unless|except|define\w*)\b",
                             re.I)


def _intertext(latex: str) -> str:
    """``\\intertext{and therefore}`` between an align's lines: prose between two lines, read
    as a line break (the line after starts its own chain, or goes on with &=). One that says
    something the lines need (math, a case, a definition: "for $x > 0$") is refused."""
    for m in _INTERTEXT.finditer(latex):
        if _SAYS_SOMETHING.search(m.group(1)):
            raise Bad(f"\\intertext{{{m.group(1).strip()}}} inside the display says something "
                      "the lines after it may need (a case, a definition): end the display "
                      "there and write it as prose between two displays", pos=Pos(1, 1))
    return _INTERTEXT.sub(lambda m: " " * (len(m.group(0)) - 2) + "\\\\", latex)


def _others_definitions(after: str, uses: Callable[[str], bool]) -> str:
    """The paragraph after a display with its definitions of names the display does not use
    (write or reach) blanked: "Now let $v = 3x$." is for the displays after it, and binds no x
    of this one."""
    for d in definitions_in(after, after_display=True, before_display=False):
        if d.defines and not uses(sides(d.latex)[0]):
            after = after[:d.start] + re.sub(r"[^\n]", " ", after[d.start:d.end]) + after[d.end:]
    return after


def _in_section(display: Display, consumed: int) -> str:
    """The prose before a display that is in its section: after its heading (a definition
    before it was another section's, even with no display of its own: see
    :func:`_outer_prose`), and not what the display before read as its own; blanked, not cut,
    so places keep their lines."""
    cut = display.headings[-1][1] if display.headings else consumed
    return _only(display.between, cut, len(display.between))


def _outer_prose(display: Display, last: str | None, consumed: int) -> list[tuple[str, str, bool]]:
    """The prose before a display that belongs to the sections it is under (a problem's
    "Let $u = wx + b$." before its "## (a)"), each as (section key, the prose with the rest
    blanked, whether it starts right after a display): the part after the display before,
    when that one is in such a section, and the part after each such heading."""
    heads = display.headings
    if not heads:
        return []
    out = []
    if last is not None and last in display.outer:
        out.append((last, _only(display.between, consumed, heads[0][0]), not consumed))
    for (_, end, key), nxt in itertools.pairwise(heads):
        if key in display.outer:
            out.append((key, _only(display.between, end, nxt[0]), False))
    return out


def _only(text: str, lo: int, hi: int) -> str:
    """``text`` with everything outside [lo, hi) blanked (its lines kept)."""
    return re.sub(r"[^\n]", " ", text[:lo]) + text[lo:hi] + re.sub(r"[^\n]", " ", text[hi:])


def _page_pieces(doc: Document) -> list[tuple[str, Callable[[int], int]]]:
    """The page's text in pieces, each with the file line of a place in it: the prose before
    each display, each display, and the prose after the last."""
    pieces = [(d.between, _line_in(d)) for d in doc.displays]
    pieces += [(d.latex, lambda at, d=d: d.line + d.latex[:at].count("\n"))  # type: ignore[misc]
               for d in doc.displays]
    if doc.displays:
        last = doc.displays[-1]
        end = last.line + last.latex.count("\n")
        pieces.append((doc.tail, lambda at: end + doc.tail[:at].count("\n")))
    return pieces


def _line_in(display: Display) -> Callable[[int], int]:
    """The file line of a place in the prose before a display."""
    return lambda at: display.line - display.between[at:].count("\n")


def _own_prose(doc: Document, number: int) -> tuple[str, Callable[[int], int], int]:
    """The sentence right after display ``number`` (1-based) that is its own ("where
    $u = wx + b$."), the file line of a place in it, and its length in the next display's
    prose (which that one does not read again)."""
    later = doc.displays[number] if number < len(doc.displays) else None
    text = later.between if later is not None else doc.tail
    after = prose.following(prose.prose_end(text))
    if not after or not re.match(r"\s*,?\s*(?:where|with)\b", after):
        return "", lambda at: 0, 0
    end = text.find(after) + len(after)
    if later is not None:
        return text[:end], _line_in(later), end
    display = doc.displays[number - 1]
    last = display.line + display.latex.count("\n")
    return text[:end], lambda at: last + text[:at].count("\n"), end


def _read_prose(found: list[ProseDefinition], line_of: Callable[[int], int], ctx: Context,
                names: set[str], latex: str) -> list[tuple[str, str, int, str]]:
    """Read the definitions found in the prose (see checker.files.prose_definitions) into the
    context as a display's are. Returns (name, as written, line, "") of each one read, and
    (…, why) of each one that is not, so that the displays using the name are refused with
    the reason: refused as a display's definition would be (u used as a letter before it), a
    name that already means something here given another value (u defined before, e, π, σ),
    a right side in a parameter of a function defined beside it ("$$f(x) = e^u$$ where
    $u = x^2$": f's x or the letter x?), or one in a name not read. Formulas that cannot be
    read at all are left to the rules that refuse a display depending on them. (Not a name
    the display ``latex`` defines itself: "… \\text{where } s = wx + b".)"""
    read: list[tuple[str, str, int, str]] = []
    beside = _parameters(latex, ctx, names) | {p for d in found if d.defines
                                               for p in _params_of(d.latex)}
    for d in found:
        head, rhs = sides(d.latex)
        if re.search(r"\\(?:text|mbox|mathrm)\{\s*(?:where|with)\b[^}]*\}\s*" + re.escape(head)
                     + r"\s*=", latex):
            continue

        def refuse(why: str, d: ProseDefinition = d, head: str = head) -> None:
            read.append((head, d.latex, line_of(d.start), why))

        if not d.defines:  # "if $u = 0$", "we never set $u = 2x$": prose, unless it gives a
            read_as = _read_equation(d.latex, ctx)  # name the document defines another value
            if head in ctx.latex and read_as is not None and not _same_value(*read_as[:2]) \
                    and not _proved_identity(d.latex, ctx):
                refuse(f"the document defines {head} before, and this gives it another value, "
                       "which is not read (its words make it no definition): which one is "
                       "meant cannot be told; give the new one another name")
            continue
        unread = next((n for n, _, _, why in read if why and mentions(rhs, n)), None)
        if unread is not None:
            refuse(f"its right side uses {unread}, whose definition in the prose is not read")
            continue
        told = next((o for o in found if not o.defines and o is not d
                     and (n := sides(o.latex)[0]) != head and mentions(rhs, n)
                     and n not in ctx.latex and n not in names and ctx.kind(n) is None), None)
        if told is not None:  # "Consider $\hat{y} = …$ with loss $L = (\hat{y} - y)^2$"
            refuse(f"its right side uses {sides(told.latex)[0]}, which the prose gives a value "
                   f"(${told.latex}$) that is not read as a definition")
            continue
        taken = sorted(p for p in beside if mentions(rhs, p)) if not _params_of(d.latex) \
            else []
        if taken:
            refuse(f"its right side uses {taken[0]}, the parameter of a function defined beside "
                   f"it: whether {taken[0]} there is that parameter or a letter of its own "
                   f"cannot be told; write {head}'s expression inside the function's "
                   "definition, or name the letter apart")
            continue
        kept = {k: dict(getattr(ctx, k)) for k in ("latex", "families", "functions", "written",
                                                   "recurrences")}
        try:
            with time_limit(READ_SECONDS):
                made = _definition(d.latex, ctx, names, "")
                if made is None:  # a name that already means something: another value?
                    read_as = _read_equation(d.latex, ctx)
                    if read_as is not None and not _same_value(*read_as[:2]) \
                            and not _proved_identity(d.latex, ctx):
                        refuse(f"{head} already means something here (defined before, declared, "
                               "or built in), and the prose gives it a value of its own: which "
                               "one is meant cannot be told; give the new one another name")
                    continue
                name, params, body = made
                _define(ctx, name, params, body)
        except (UsedBefore, ValueOfAVariable, DefinedAgain) as exc:
            for k, v in kept.items():  # a definition refused half way is not made at all
                setattr(ctx, k, v)
            refuse(exc.message.replace("write it in prose, or define", "define"))
            continue
        except Bad as exc:  # (e = y − ŷ: Euler's number, or an error term?)
            for k, v in kept.items():
                setattr(ctx, k, v)
            refuse(exc.message)
            continue
        except (ParseError, ValueError, OutOfTime, RecursionError):
            for k, v in kept.items():
                setattr(ctx, k, v)
            continue
        names.add(name)
        read.append((name, d.latex, line_of(d.start), ""))
    return read


def _same_value(a: object, b: object) -> bool:
    """The two sides are the same expression as read (ŷ = softmax(θ) restating the
    declarations), at a symbolic size entry by entry."""
    from checker.parse.arrays import SymArray

    if isinstance(a, SymArray) and isinstance(b, SymArray):
        i, j = sp.Dummy("i", integer=True), sp.Dummy("j", integer=True)
        try:
            one, two = a.entry(i, j), b.entry(i, j)  # (sums' dummies differ: as printed)
            return a.rows == b.rows and a.cols == b.cols and (
                sp.sstr(one) == sp.sstr(two) or sp.simplify(one - two) == 0)
        except Exception:  # (an entry that cannot be built: not shown the same)
            return False
    try:
        return a == b or sp.expand(a - b) == 0  # type: ignore[operator]
    except Exception:
        return False


def _params_of(latex: str) -> set[str]:
    """The parameters of a function a formula defines (x, y of f(x, y) = …), else none."""
    m = re.match(r"\s*\\?[A-Za-z][\w{}\\]*\s*(?:\\left)?\(([^()]*)(?:\\right)?\)\s*(?::=|=)", latex)
    return {p.strip() for p in m.group(1).split(",") if p.strip()} if m else set()


def _parameters(latex: str, ctx: Context, names: set[str]) -> set[str]:
    """The parameters of a function the display ``latex`` defines (f(x) = …), if it does."""
    try:
        made = _definition(latex, ctx, names, "", check_uses=False)
    except (Bad, ParseError, ValueError):
        return set()
    return {p.strip() for p in made[1].split(",") if p.strip()} if made else set()


def _case_split(display: Display, latex: str, tail: tuple[str, int] | None, goes_on: bool,
                cases: dict[str, tuple[tuple[str, int], list[str]]], scope: str, ctx: Context,
                prior: list[str] | None = None) -> tuple[tuple[str, int] | None, list[str]]:
    """The tail a display goes on from, and the case it is under. "If i = j: $$= …$$ $$= …$$
    If i ≠ j: $$= …$$": each case goes on from the expression before the first case, and a
    display that goes on with no prose between stays in its case. Any other prose between
    ("Else:"): what it goes on from, and under which case, is a guess, and is refused."""
    state = cases.get(scope)
    if tail is not None and tail[0].startswith("\x03") and goes_on:  # after case rows
        cases.pop(scope, None)
        if prose.all_cases(prose.prose_end(display.before)):  # (under the prose's case of
            return (tail[0][1:], tail[1]), list(prior or [])  # that display, if it had one)
        return ("\x00", tail[1]), []
    if tail is None or tail[0] == "\x01" or tail[0].startswith("\x02") or not goes_on:
        cases.pop(scope, None)
        return tail, []
    if prose.new_thought(display.before):
        if state is None and prior is not None:  # For x > 0: max(0, x) = x  For x < 0: = …:
            cases.pop(scope, None)  # it would go on from x, which holds in the other case only
            return ("\x00", tail[1]), []
        if prose.names_an_expression(display.before):  # "Now consider $|x| - x$. For …:"
            cases.pop(scope, None)
            return ("\x00", tail[1]), []
        base = state[0] if state else tail
        try:
            stated = prose.prose_case(display.before, base[0] + " " + latex, tuple(ctx.dims),
                                 tuple(ctx.symbols)) if base[0] not in ("", "\x00") else []
        except Bad:
            stated = []
        if stated:
            cases[scope] = (base, stated)
            return base, stated
        cases.pop(scope, None)
        return ("\x00", tail[1]), []
    if state is not None:
        between = prose.prose_end(display.before)
        if prose.all_cases(between):  # "Combining both cases,": from before the cases, in none
            cases.pop(scope, None)
            return state[0], []
        if between.strip() and not prose.CONNECTIVE.fullmatch(between) \
                and not prose.goes_on(between):  # ("and", "therefore": stays)
            cases.pop(scope, None)
            return ("\x00", tail[1]), []
        return tail, state[1]
    if prior is not None:  # For x > 0: |x| = x, then "= √(x²)": in that case too, as written
        between = prose.prose_end(display.before)
        if not between.strip() or prose.CONNECTIVE.fullmatch(between) \
                or prose.goes_on(between):
            return tail, list(prior)
        return ("\x00", tail[1]), []
    return tail, []


def _file_pos(line: int, col: int, pos: Pos | None) -> tuple[int, int]:
    if pos is None:
        return line, col
    return line + pos.line - 1, (pos.col if pos.line > 1 else col + pos.col - 1)



def _no_index_between(name: str, earlier: list[str], ctx: Context) -> None:
    """E = Σ_k (t_k − a)², then a = o_k: in "where" order, is E's a the a_k of its sum (what
    the author likely means), or o_k at a k of its own (as a definition means where it is
    written)? The readings disagree: refused."""
    def body(key: str) -> Node | None:
        fn = ctx.functions.get(key.lstrip("\\").split("(")[0])
        return fn.body if fn is not None and fn.body is not None else ctx.latex.get(key)

    later = body(name)
    if later is None:
        return
    letters = free_names(later) - set(getattr(ctx.functions.get(name.lstrip("\\")), "params", ()))
    for first in earlier:
        node = body(first)
        caught = sorted(letters & bound_indices(node)) if node is not None else []
        if caught:
            raise Bad(f"{name} = …: it writes {caught[0]}, which {first}'s definition (before "
                      f"it, read with this one) binds as a sum's index: is {first}'s {name} the "
                      f"{name} at that index, or at a {caught[0]} of its own? Define {name} "
                      f"before {first}, with the index written ({name}_{caught[0]} = …)",
                      pos=Pos(1, 1))



def _definition_value(rhs: str) -> str:
    """A definition's right side without what ends its line (``\\``, ``&``, ``&& \text{…}``)."""
    value = re.sub(r"(\\\\(\[[^\]]*\])?|&|\s)*$", "", rhs)
    return re.sub(r"(?:\s*&)+\s*\\(?:text|textrm|mbox)\{[^{}]*\}\s*$", "", value)


def _read_waiting(ctx: Context, names: set[str], out: Loaded, doc: Document, written: str,
                  line: int) -> None:
    """After ``written`` is defined at ``line``: the definitions before it that could not be
    read and that write it, read again now ("where" order, see checker.files.where_order).
    One that is read withdraws its error; one that is not stays as it was reported."""
    for name in where_order.waiting_for(ctx, written, doc.displays, line):
        waiting = ctx.waiting[name]
        kept = where_order.snapshot(ctx)
        marks = {k: at for k, at in ctx.unread.items() if at == waiting.line}
        for key in marks:  # (its own marks: not an earlier definition of it)
            del ctx.unread[key]
        try:
            found = _definition(waiting.latex, ctx, names, "")
            if found is None or found[0] != name or top_level_eq(found[2]) is not None:
                ctx.unread.update(marks)  # (a chain after it would be checked where it is
                continue  # written: not here)
            value = _definition_value(found[2])
            with time_limit(READ_SECONDS):
                _define(ctx, name, found[1], value)
        except (Bad, ParseError, ValueError, OutOfTime):
            where_order.restore(ctx, kept)
            ctx.unread.update(marks)
            continue
        where_order.remember(ctx, name, found[1], value,
                             waiting.line, kept)
        del ctx.waiting[name]
        for key in marks:
            ctx.unread_names.pop(key, None)
        if waiting.error in out.errors:
            out.errors.remove(waiting.error)
            out.unread_sides -= waiting.sides
        names.add(name)


def _chain(doc: Document, display: Display, controls: dict, ctx: Context, given: list[str],
           latex: str, line: int, col: int, names: set[str], number: str, seen_ids: set[str],
           digest: str, out: Loaded, tail: tuple[str, int] | None = None, joint: str = " = ",
           equation: bool = False) -> tuple[CatalogItem | None, tuple[str, int] | None]:
    """The derivation a chain makes (None for a definition only), and the last step's LaTeX
    and line, from which a next display that starts with '=' goes on."""
    from checker.parse.latex_chain import parse_latex_steps

    mark = len(ctx.differentiated)  # the derivatives this display reads (not_tied)
    where = display.file or doc.path
    shift = 0
    arrow = _ARROW_START.match(latex)
    lead, what = ("an arrow", "equation") if arrow else ("'='", "expression")
    if arrow and tail is not None and not tail[0] and not tail[1]:
        raise Bad("this display starts with an implication arrow, but no equation comes before "
                  "it to follow from: write the equation it follows from first", pos=Pos(1, 1))
    if tail is not None and tail[0] == "\x01":
        raise Bad(f"this display starts with {lead}, but the display at line {tail[1]}, which it "
                  f"would go on from, is skipped; write its left side", pos=Pos(1, 1))
    if tail is not None and tail[0] == "\x00":
        raise Bad(f"this display starts with {lead}, but the prose before it starts a new case "
                  f"or names an expression after the display at line {tail[1]}: which {what} it "
                  "goes on from is not clear; write its left side", pos=Pos(1, 1))
    if tail is not None and tail[0].startswith("\x02"):  # u = 2, then "= σ(x) − σ(x)²"
        raise Bad(f"this display starts with {lead}, but the display at line {tail[1]}, which it "
                  f"would go on from, defines {tail[0][1:]}, a number: write its left side",
                  pos=Pos(1, 1))
    if tail is not None and tail[0] and _letters(tail[0]) and _letters(latex) \
            and not _letters(tail[0]) & _letters(latex):
        raise Bad(f"this display starts with {lead}, but it shares no variable with the last "
                  f"{what} of the display at line {tail[1]} ({tail[0].strip()}), which it "
                  "would go on from: write its left side", pos=Pos(1, 1))
    if tail is not None and not tail[0]:
        raise Bad(f"this display goes on ('{'⇒' if arrow else '='} …') from the display at line "
                  f"{tail[1]}, which could not be read; fix that one first", pos=Pos(1, 1))
    if tail is not None:  # the chain goes on from the step before: A (there) = B = C (here)
        latex, shift = tail[0] + joint + latex, len(tail[0]) + len(joint)

    def place(pos: Pos | None) -> tuple[int, int]:
        if shift and (pos is None or (pos.line == 1 and pos.col <= shift)):
            return tail[1], 1  # type: ignore[index]
        if shift and pos is not None and pos.line == 1:
            pos = Pos(1, pos.col - shift)
        return _file_pos(line, col, pos)

    if is_implication_chain(latex):
        ident = _identity(doc, display, controls, line, number, seen_ids)
        try:
            statements, entry_of = latex_statements(latex, controls, ctx, MAX_STEPS,
                                                    lambda pos: place(pos)[0])
        except Bad as exc:
            eline, ecol = place(exc.pos)
            raise Bad(exc.message, pos=Pos(eline - line + 1, ecol)) from None
        out.read_sides += sum(1 if st.arrow == "=" else 2 for st in statements) - (
            2 if shift else 0)
        hyps = hypotheses(given, ctx)
        sides = [v for st in statements for v in (st.lhs, st.rhs)]
        free, lengths = indices(ctx, sides, hyps)
        entry = Implications(*ident, tuple(statements), hyps,
                             expect(controls.get("expect", "proved"), "expect"),
                             str(controls.get("note", "")), free + entry_of, lengths)
        last = last_equation(latex)
        return (CatalogItem(entry.id, entry.title, entry.source, Prebuilt(entry), ("document",),
                            cache_key=f"doc:{digest}:{entry.id}"),
                (last[1], line) if last else None)
    if re.search(r"\\[pb]?mod(?![A-Za-z])|\\(?:text|mathrm|operatorname|textrm|mbox)\s*\{\s*\(?"
                 r"\s*mod\b|\(\s*mod\b", latex):  # 7 ≡ 1 (mod 3): not an equality of numbers
        raise Bad("a congruence modulo a number (mod …) is not checked: the reader checks "
                  "identities of real numbers, and read as one this line would claim something "
                  "else; skip the display (<!-- derivcheck: skip -->)", pos=Pos(1, 1))
    if "=" not in _without_scripts(latex) and re.search(r"\\equiv(?![A-Za-z])", latex):
        latex = re.sub(r"\\equiv(?![A-Za-z])", "=     ", latex)  # ≡: identically equal (or
        # a definition, of a new name, as '=' is)
    earlier: list[str] = []  # definitions before it that use the name it defines
    lifted = None  # and what taking the "where" order changed, to undo if it fails
    try:
        definition = None if tail else _definition(latex, ctx, names, display.before)
    except UsedBefore as exc:  # L = (T − a)², then a = σ(z): "where" order, if it may be
        earlier = where_order.users(ctx, exc.letter or "", doc.displays, line) or []
        if not earlier:
            raise
        lifted = (exc, where_order.lift(ctx, exc.letter or ""))
        try:
            definition = _definition(latex, ctx, names, display.before)
        except (Bad, ParseError):
            where_order.unlift(ctx, lifted[1])
            raise exc from None
    if definition is not None:
        name, params, rhs = definition
        cut = top_level_eq(rhs)
        kept = where_order.snapshot(ctx)
        value = _definition_value(rhs if cut is None else rhs[:cut])
        row = re.split(r"\\\\", value)[0].lstrip().lstrip("&")  # (f(x) = & x^2 \\ = & …:
        if cut is not None and re.search(r"(?<!\\)&", _top_level(row)):  # a column) z &= wx + b &
            # a &= σ(z): another column, an equation of its own (not && \text{(a remark)})
            raise Bad("two equations side by side on one line (a second & starts another column "
                      "of the align): put each equation on a line of its own",
                      pos=Pos(1, latex.index(value) + value.index("&") + 1 if value in latex
                              else 1))
        try:  # f(t) = t^2 = t·t: f is the first side; the rest is a chain to check
            _define(ctx, name, params, value)
            where_order.remember(ctx, name, params, value, line, kept)
            if lifted is not None:  # the definitions before it that use it: read again
                _no_index_between(name, earlier, ctx)
                try:
                    where_order.read_again(ctx, earlier, partial(_define, ctx))
                except (ParseError, Bad, ValueError):
                    raise lifted[0] from None
        except (ParseError, Bad) as exc:  # a definition refused half way is not made at all
            where_order.restore(ctx, kept)  # (m_t = … with t declared was refused, and then read)
            if lifted is not None:
                where_order.unlift(ctx, lifted[1])
            if isinstance(exc, Bad):
                raise
            offset = latex.index(rhs) if rhs in latex else 0
            before = latex[:offset].count("\n")
            at = exc.pos or Pos()
            unread = Bad(f"the definition of {name}: {exc.message}",
                         pos=Pos(before + at.line, at.col + (offset if not before else 0)))
            if cut is None:  # read again if a later definition makes it readable
                unread.waits = name
            raise unread from None
        names.add(name)
        _read_waiting(ctx, names, out, doc, name, line)
        if cut is None or not rhs[cut + 1:].strip():  # a definition only
            value = " ".join(rhs.replace("&", " ").split())
            if not _letters(value) and not params:  # u = 2: a setting, no chain goes on from it
                return None, ("\x02" + f"{name} = {value}", line)
            return None, (value, line)
        latex = rhs  # A := B = C …: the chain B = C … is checked too
    elif "=" not in _without_scripts(latex):  # an expression or a relation other than '=':
        # nothing to check (the '=' of \sum_{i=1} is not one)
        plain = not re.search(r"<|>|\\[lgn]eq?\b|\\approx|\\sim|\\propto|\\in\b|\\to\b", latex)
        return None, ((" ".join(latex.replace("&", " ").split()), line) if plain else None)
    try:
        steps = parse_latex_steps(latex, ctx)
    except ParseError as exc:
        raise Bad(exc.message, pos=exc.pos) from None
    if not shift and len(steps) >= 2 and (
            why := vocabulary_redefined(steps[0].node, steps[1].node, ctx)) is not None:
        func, at = steps[0].node.func, place(steps[0].pos)[0]  # type: ignore[union-attr]
        ctx.contested[func] = (f"{func} is given a definition of its own at line {at}, unlike "
                               f"the built-in {func}, so which one is meant here cannot be told; "
                               "rename the page's function there")
        raise Bad(why, pos=steps[0].pos)
    not_defined_here(steps, latex, ctx)
    no_imaginary_unit(steps, ctx)
    if ctx.log_base and values.takes_log([s.node for s in steps if s.node is not None], ctx):
        raise Bad(f"the prose says \"{ctx.log_base[:90]}\": a logarithm of another base than e, "
                  "while log is read as the natural logarithm (here, or in a definition this "
                  "line uses); write the base out (\\ln x / \\ln 2 for log₂ x)", pos=Pos(1, 1))
    if not shift and not equation:  # (x = 2 solved, or the premise of an arrow: an equation)
        values.no_value_for_a_variable(steps, ctx, given, line)
    if not shift and len(steps) == 2 and prose.NEW_PROBLEM.search(prose.prose_end(
            display.between)):  # "Problem 2. Now a cubic loss. $$L = x^3$$"
        values.given_again(steps, ctx, line, hypotheses(given, ctx))
    first = steps[0].node if steps else None
    if not shift and isinstance(first, Call) and first.args and (
            first.func in ctx.functions or first.func in SCALAR_FUNCTIONS) \
            and all(isinstance(a, Name) and a.id not in ("E", "pi")  # (log(e) = 1 is
                    for a in first.args):  # a value at e) f(x) = …: f alone is f(x)
        at = tuple(a.id for a in first.args)  # type: ignore[union-attr]
        # written at two places (f(x) = …, f(y) = …): f alone could mean either, so neither
        ctx.written[first.func] = at if ctx.written.get(first.func, at) == at else ()
    for s in steps:  # every letter a line uses: a word made of them is their product
        if s.node is not None:
            seen_letters = {n.id for n in walk(s.node) if isinstance(n, Name) and len(n.id) == 1}
            names.update(USED + n for n in seen_letters)
    for s in steps:  # names that stand alone are "seen": later displays say things about them
        if s.node is not None and isinstance(s.node, Name) and s.node.id not in ("E", "pi"):
            names.add(s.node.id)  # (not Euler's e, whose id is the LaTeX name of the letter E)
    fixed = chain_choices([s.node for s in steps if s.node is not None])
    read: list[Step | Bad] = []
    for k, s in enumerate(steps, start=1):
        if s.error is not None:
            read.append(Bad(f"{s.error.message} (in {s.latex!r})", pos=s.error.pos))
            continue
        try:
            read.append(latex_step(s, ctx, fixed, k))
        except Bad as exc:
            read.append(exc)
    model: list[Step] = []
    lines: list[int] = []
    for s, got in zip(steps, sized_again(read, steps, ctx, fixed), strict=True):
        sline, _ = place(s.pos)
        lines.append(sline)
        if isinstance(got, Bad):
            eline, ecol = place(got.pos)
            out.errors.append(InputError(where, got.message, line=eline, col=ecol))
            model.append(Step(sp.nan, latex=s.latex, line=sline,
                              unreadable=f"not checked: line {sline} could not be read"))
            continue
        model.append(replace(got, line=sline))
    model, extra = lower_arrays(model, ctx)
    readable = [st for st in model if not st.unreadable]
    out.read_sides += len(readable)
    out.unread_sides += len(model) - len(readable)
    last_tail = (" ".join(model[-1].latex.split()), lines[-1]) if model else None
    if len(model) > 1 and case_rows(tuple(model))[len(model) - 1] != len(model) - 2:
        # it ends with a row under its own case (… for x < 0): "= …" next goes on from the
        # first line only after prose that speaks of all cases, else from which is not clear
        last_tail = ("\x03" + " ".join(model[0].latex.split()), lines[-1])
    if len(model) < 2 or not readable:
        return None, last_tail
    model = same_shapes(model)
    for key, value in dict(controls.get("expect_steps", {})).items():
        k = int(key)
        if not 2 <= k <= len(model):
            raise Bad(f"expect_steps: {key!r} is not a step number 2…{len(model)}")
        model[k - 1] = replace(model[k - 1], expect=expect(value, f"expect_steps {k}"))
    for key, value in dict(controls.get("expect_lines", {})).items():
        hit = [k for k, sl in enumerate(lines) if sl == int(key)]
        if not hit:
            raise Bad(f"expect_lines: {key!r} is not a line this display's steps are written on "
                      f"({', '.join(str(sl) for sl in dict.fromkeys(lines))})")
        for k in hit:
            if k:
                model[k] = replace(model[k], expect=expect(value, f"expect_lines {key}"))
    item_id, title, source = _identity(doc, display, controls, line, number, seen_ids)
    raw_id = item_id.split("::", 1)[1]
    hyps = hypotheses(given, ctx)
    sizes_free(model, hyps, ctx)
    not_tied(ctx.differentiated[mark:], model, hyps)
    exprs = [s.expr for s in readable] + [r.expr for s in readable for r in s.readings]
    goal = expect(controls.get("expect", "proved"), "expect")
    stepwise = "expect_steps" in controls or "expect_lines" in controls
    model = one_equation(model, goal, stepwise)
    first, last = model[0], model[-1]
    ix, ln = indices(ctx, exprs, hyps)
    entry = Derivation(item_id, title, source, first.expr, last.expr,
                       tuple(model), hyps, goal, str(controls.get("note", "")), extra + ix, ln)
    return CatalogItem(entry.id, entry.title, entry.source, Prebuilt(entry), ("document",),
                       cache_key=f"doc:{digest}:{raw_id}"), last_tail


def _identity(doc: Document, display: Display, controls: dict, line: int, number: str,
              seen_ids: set[str]) -> tuple[str, str, str]:
    """The id, title and source of the item a display's chain makes."""
    cell = re.search(r", cell (\d+)$", display.file)
    raw_id = str(controls.get("id") or (f"cell{cell.group(1)}-L{line}" if cell else f"L{line}"))
    if raw_id in seen_ids:
        raw_id = f"{raw_id}-{number}"
    seen_ids.add(raw_id)
    title = str(controls.get("title") or (f"{display.section}: display {number}" if display.section
                                          else f"display {number}"))
    source = f"{display.file}, line {line}" if display.file else f"{doc.path}:{line}"
    return f"{doc.path}::{raw_id}", title, source
