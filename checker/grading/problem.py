"""The problem a teacher sets: one TOML file (``format = 1``) that the students cannot change.

::

    format = 1

    [problem]                  # id (names the answer in reports), title, text for the students
    id = "ce-gradient"
    title = "The gradient of the cross-entropy of a softmax"

    [context]                  # the keys of a derivation file's [context]; given = hypotheses
    vectors = { z = 3, y = 3 }
    given = ["sum(y) == 1"]

    [statement]                # what to derive: start = … = end, both pinned
    start = { latex = '\\frac{\\partial}{\\partial z_1} …' }   # or "diff(…)" (Python syntax)
    end = ['\\hat{y}_1 - y_1', …]                               # a list: accepted forms

    [reference]                # optional: a model derivation (steps = [...] or latex = '''…''')
    latex = '''…'''
    show = false               # shown in the feedback files when true

    [rubric]                   # weights (see checker.grading.rubric)

A form is a string in Python syntax, ``{ expr = "…" }`` (the same) or ``{ latex = '…' }``; a
list of forms accepts each of them (the first is the one shown). A submission's first line
must be one of the start forms *as written* (after reading: ``x + 1`` and ``1 + x`` are the
same form, ``σ(x)`` and ``1/(1 + e^{−x})`` are not), as a Lean ``calc`` block must begin at its
goal; every name the statement uses is declared for the submissions, so that none of them can
define it anew.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field

import sympy as sp

from checker.dag import free_symbols
from checker.files.common import Bad, read_text
from checker.files.context import build_context, hypotheses
from checker.files.steps import indices
from checker.files.toml_file import FORMAT, ID_PATTERN, read_data
from checker.grading.rubric import Rubric, RubricError, read_rubric
from checker.model import Derivation, Hypothesis, Index, Value
from checker.parse.context import Context
from checker.parse.evaluate import Evaluator
from checker.parse.python_syntax import read_expression
from checker.parse.tree import ParseError
from checker.toml_safe import toml_loads

KEYS = {"format", "problem", "context", "statement", "reference", "rubric"}
PROBLEM_KEYS = {"id", "title", "text"}
STATEMENT_KEYS = {"start", "end"}
REFERENCE_KEYS = {"steps", "latex", "show", "title", "step_notes"}
MAX_FORMS = 20


class ProblemError(Exception):
    """The problem file cannot be used; the message names the file, the table and what to
    write instead. Nothing is graded until it is fixed."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path, self.message = path, message


@dataclass(frozen=True)
class Form:
    """One accepted form of the statement's start or end: as written, and as read."""

    text: str
    latex: bool
    value: Value = field(compare=False)
    domain: tuple = field(default=(), compare=False)  # where it is defined (a chain from it
    # is about these values: a student's first line read as it, written on less, is not)


@dataclass(frozen=True)
class Problem:
    path: str
    digest: str  # SHA-256 of the file: part of every cache key of its submissions
    id: str
    title: str
    text: str
    context: dict  # the [context] table students' files are read in (see checker.grading.guard)
    given: tuple[Hypothesis, ...]
    starts: tuple[Form, ...]
    ends: tuple[Form, ...]
    rubric: Rubric
    reference: Derivation | None = None
    show_reference: bool = False
    indices: tuple[Index, ...] = ()  # free indices and vector lengths the statement uses
    lengths: tuple[tuple[sp.IndexedBase, sp.Expr], ...] = ()

    @property
    def start(self) -> Form:
        return self.starts[0]

    @property
    def end(self) -> Form:
        return self.ends[0]


def load_problem(path: str) -> Problem:
    """Read and check a problem file (raises :class:`ProblemError`)."""
    try:
        text = read_text(path, "a problem file (*.toml)")
    except Bad as exc:
        raise ProblemError(path, exc.message) from None
    digest = hashlib.sha256(text.encode()).hexdigest()
    try:
        data = toml_loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProblemError(path, f"not valid TOML: {exc}") from None
    _keys(path, data, KEYS, "the problem file")
    if data.get("format") != FORMAT:
        raise ProblemError(path, f"the file must start with format = {FORMAT} (got "
                                 f"{data.get('format', 'nothing')!r})")
    about = _table(path, data, "problem")
    _keys(path, about, PROBLEM_KEYS, "[problem]")
    pid = about.get("id", re.sub(r"[^A-Za-z0-9_.\-]", "-", _stem(path)) or "problem")
    if not isinstance(pid, str) or not ID_PATTERN.match(pid):
        raise ProblemError(path, "[problem] id must be 1–100 letters, digits, '.', '_' or '-', "
                                 "starting with a letter or digit")
    title, words = about.get("title", pid), about.get("text", "")
    if not isinstance(title, str) or not isinstance(words, str):
        raise ProblemError(path, "[problem] title and text must be strings")
    context = _table(path, data, "context")
    try:
        ctx, given_texts = build_context(context)
        given = hypotheses(given_texts, ctx)
    except (Bad, ParseError) as exc:
        raise ProblemError(path, f"[context]: {exc.message}") from None
    statement = _table(path, data, "statement")
    _keys(path, statement, STATEMENT_KEYS, "[statement]")
    starts = _forms(path, statement, "start", ctx)
    ends = _forms(path, statement, "end", ctx)
    context = _declare_statement_names(path, context, ctx, [f.value for f in starts + ends])
    exprs = [f.value for f in starts + ends]
    ix, ln = indices(ctx, exprs, given)
    reference, show = _reference(path, data, context, digest, starts, ends)
    try:
        rubric = read_rubric(data.get("rubric"),
                             len(reference.steps) - 1 if reference is not None else None)
    except RubricError as exc:
        raise ProblemError(path, f"[rubric]: {exc}") from None
    return Problem(path, digest, pid, title, words, context, given, starts, ends, rubric,
                   reference, show, ix, ln)


def _stem(path: str) -> str:
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0]


def _table(path: str, data: dict, key: str) -> dict:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ProblemError(path, f"{key} must be a table: write [{key}]")
    if key == "statement" and not value:
        raise ProblemError(path, "the problem has no [statement]: write start = … and end = … "
                                 "(what the students derive, from where to where)")
    return value


def _keys(path: str, table: dict, allowed: set[str], what: str) -> None:
    unknown = set(table) - allowed
    if unknown:
        raise ProblemError(path, f"{what}: unknown key(s) {', '.join(sorted(unknown))}; "
                                 f"allowed: {', '.join(sorted(allowed))}")


def _forms(path: str, statement: dict, key: str, ctx: Context) -> tuple[Form, ...]:
    if key not in statement:
        raise ProblemError(path, f"[statement] has no {key}: write {key} = {{ latex = '…' }} or "
                                 f"{key} = \"…\" (Python syntax)")
    raw = statement[key]
    items = raw if isinstance(raw, list) else [raw]
    if not items or len(items) > MAX_FORMS:
        raise ProblemError(path, f"[statement] {key}: give 1 to {MAX_FORMS} forms")
    return tuple(_form(path, item, f"[statement] {key}", ctx) for item in items)


def _form(path: str, item: object, where: str, ctx: Context) -> Form:
    if isinstance(item, dict) and len(item) == 1 and set(item) <= {"latex", "expr"}:
        latex, text = "latex" in item, next(iter(item.values()))
    else:
        latex, text = False, item
    if not isinstance(text, str) or not text.strip():
        raise ProblemError(path, f"{where}: write a form as \"…\" (Python syntax), "
                                 "{ expr = \"…\" } or { latex = '…' }")
    try:
        value, domain = read_form(text, latex, ctx)
    except ParseError as exc:
        at = f" ({exc.pos})" if exc.pos else ""
        raise ProblemError(path, f"{where} {text!r}{at}: {exc.message}") from None
    return Form(text, latex, value, domain)


def read_form(text: str, latex: bool, ctx: Context) -> tuple[Value, tuple]:
    """One expression, in LaTeX or Python syntax, and where it is defined; one that can be
    read several ways is refused (the statement must mean one thing)."""
    if not latex:
        ev = Evaluator(ctx)
        value = ev.value(read_expression(text))
        return value, tuple(ev.domain)
    from checker.parse.latex import parse_latex_expr
    from checker.parse.readings import fixed_choices, readings

    node = parse_latex_expr(text, ctx)
    value, others, hints, domain = readings(node, ctx, fixed_choices([node]))
    if others:
        raise ParseError("it can be read in several ways; " + "; ".join(hints))
    return value, tuple(domain)


def _declare_statement_names(path: str, context: dict, ctx: Context, values: list) -> dict:
    """The context with every undeclared name the statement uses declared as a real symbol (as
    it is read anyway), so that no submission can give it a meaning of its own."""
    taken = ctx.declared() | ctx.entry_names | set(ctx.indices)
    from checker.parse.arrays import SymArray

    i, j = sp.Dummy("i", integer=True), sp.Dummy("j", integer=True)
    values = [v.entry(i, j) if isinstance(v, SymArray) else v for v in values]  # (an entry of
    extra = sorted({s.name for s in free_symbols(*values) if isinstance(s, sp.Symbol)  # each)
                    and s.name not in taken and s.name.isidentifier()})
    if not extra:
        return context
    symbols = dict(context.get("symbols", {}))
    for name in extra:
        symbols[name] = "real"
    widened = {**context, "symbols": symbols}
    try:
        build_context(widened)
    except (Bad, ParseError):
        return context  # a name that cannot be declared stays as the statement reads it
    return widened


def _reference(path: str, data: dict, context: dict, digest: str, starts: tuple[Form, ...],
               ends: tuple[Form, ...]) -> tuple[Derivation | None, bool]:
    from checker.grading.answer import same

    raw = data.get("reference")
    if raw is None:
        return None, False
    if not isinstance(raw, dict):
        raise ProblemError(path, "reference must be a table: write [reference] with steps = "
                                 "[...] or latex = '''…'''")
    _keys(path, raw, REFERENCE_KEYS, "[reference]")
    show = raw.get("show", False)
    if not isinstance(show, bool):
        raise ProblemError(path, "[reference] show must be true or false")
    table = {k: v for k, v in raw.items() if k != "show"}
    table.setdefault("title", "the reference derivation")
    loaded = read_data({"format": FORMAT, "context": context,
                        "derivation": [{"id": "reference", **table}]}, path, digest)
    if loaded.errors:
        raise ProblemError(path, "[reference]: " + "; ".join(
            e.message + (f" (step {e.step})" if e.step else "") for e in loaded.errors))
    entry = loaded.items[0].build()
    if not isinstance(entry, Derivation):
        raise ProblemError(path, "[reference] must be a chain: steps = [...] or latex = '''…'''")
    if not any(same(entry.steps[0].expr, f.value) for f in starts):
        raise ProblemError(path, "[reference]: its first step is not the statement's start as "
                                 "written; begin it with the start (or add its first step to "
                                 "the accepted start forms)")
    if not any(same(entry.steps[-1].expr, f.value) for f in ends):
        raise ProblemError(path, "[reference]: its last step is not the statement's end as "
                                 "written; end it there (or add its last step to the accepted "
                                 "end forms)")
    return entry, show
