"""Derivation files (TOML, format 1) → catalog items, with errors that say where and what.

One bad file or derivation never stops the others: every problem becomes an
:class:`InputError` naming the file, the derivation, the step and the position,
and everything else is still loaded. Reading a derivation runs under a time
limit; nothing in a file is ever executed (see :mod:`checker.parse`).
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import tomllib
from dataclasses import dataclass, field, replace

import sympy as sp

from checker.dag import free_symbols
from checker.deadline import OutOfTime, time_limit
from checker.model import (
    CatalogItem,
    Claim,
    Condition,
    Derivation,
    Entry,
    Equation,
    Hypothesis,
    Identity,
    Implications,
    Index,
    OneHot,
    OneHotAt,
    Statement,
    Step,
)
from checker.parse.context import STRUCTURAL_FUNCTIONS, Context, UserFunction
from checker.parse.evaluate import Evaluator, is_matrix, shape_text
from checker.parse.python_syntax import read_expression
from checker.parse.readings import fixed_choices, readings
from checker.parse.tree import Bin, Call, Compare, Name, Node, ParseError, Pos, walk
from checker.parse.tree import Index as TreeIndex
from checker.results import Verdict

FORMAT = 1
MAX_FILE_BYTES = 1_000_000
MAX_DERIVATIONS = 500
MAX_STEPS = 200
READ_SECONDS = 10.0  # per derivation, for parsing and building
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,99}$")
TOP_KEYS = {"format", "context", "derivation"}
CONTEXT_KEYS = {"symbols", "dims", "vectors", "matrices", "functions", "given", "latex"}
DERIVATION_KEYS = {"id", "title", "source", "given", "steps", "claim", "latex", "expect", "note",
                   "expect_steps", "step_notes"}
STEP_KEYS = {"expr", "why", "expect", "note"}
EXPECT = {v.value: v for v in (Verdict.PROVED, Verdict.REFUTED, Verdict.NUMERIC, Verdict.UNKNOWN)}


@dataclass(frozen=True)
class InputError:
    file: str
    message: str
    derivation: str | None = None
    step: int | None = None
    pos: Pos | None = None

    @property
    def where(self) -> str:
        parts = [self.file]
        if self.derivation:
            parts.append(f"derivation {self.derivation!r}")
        if self.step:
            parts.append(f"step {self.step}")
        if self.pos:
            parts.append(f"{self.pos} within the expression")
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class Loaded:
    items: list[CatalogItem] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


class _Bad(Exception):
    """Internal: an InputError to report."""

    def __init__(self, message: str, step: int | None = None, pos: Pos | None = None) -> None:
        super().__init__(message)
        self.message, self.step, self.pos = message, step, pos


def load_files(paths: list[str]) -> Loaded:
    out = Loaded()
    for path in paths:
        one = load_file(path)
        out.items.extend(one.items)
        out.errors.extend(one.errors)
    return out


def load_file(path: str) -> Loaded:
    out = Loaded()

    def fail(message: str, **kw: object) -> Loaded:
        out.errors.append(InputError(path, message, **kw))  # type: ignore[arg-type]
        return out

    try:
        text = _read_text(path)
    except _Bad as exc:
        return fail(exc.message)
    digest = hashlib.sha256(text.encode()).hexdigest()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return fail(f"not valid TOML: {exc}; see the README's derivation file format")
    unknown = set(data) - TOP_KEYS
    if unknown:
        return fail(f"unknown top-level key(s) {', '.join(sorted(unknown))}; allowed: "
                    f"{', '.join(sorted(TOP_KEYS))}")
    if data.get("format") != FORMAT:
        return fail(f"the file must start with format = {FORMAT} (got "
                    f"{data.get('format', 'nothing')!r}); this derivcheck reads format {FORMAT}")
    try:
        with time_limit(READ_SECONDS):
            ctx, file_given = _context(data.get("context", {}))
    except _Bad as exc:
        return fail(f"[context]: {exc.message}", pos=exc.pos)
    except ParseError as exc:
        return fail(f"[context]: {exc.message}", pos=exc.pos)
    except OutOfTime:
        return fail(f"[context] took longer than {READ_SECONDS:g} s to read")
    derivations = data.get("derivation", [])
    if not isinstance(derivations, list) or not all(isinstance(d, dict) for d in derivations):
        return fail("derivations are written as [[derivation]] tables")
    if not derivations:
        return fail("the file has no [[derivation]]")
    if len(derivations) > MAX_DERIVATIONS:
        return fail(f"{len(derivations)} derivations; the limit is {MAX_DERIVATIONS} per file")
    seen: set[str] = set()
    stem = path
    for k, table in enumerate(derivations, start=1):
        raw_id = table.get("id")
        label = raw_id if isinstance(raw_id, str) else f"#{k}"
        try:
            with time_limit(READ_SECONDS):
                entry = _derivation(table, ctx, file_given, stem, seen)
        except _Bad as exc:
            out.errors.append(InputError(path, exc.message, label, exc.step, exc.pos))
            continue
        except OutOfTime:
            out.errors.append(InputError(path, f"reading it took longer than {READ_SECONDS:g} s",
                                         label))
            continue
        except (RecursionError, MemoryError) as exc:
            out.errors.append(InputError(path, f"too large to read ({type(exc).__name__})",
                                         label))
            continue
        except Exception as exc:  # a bug of ours must not become a traceback or stop the run
            out.errors.append(InputError(path, f"could not be read ({exc!r}); this is a "
                                         "derivcheck bug, please report it", label))
            continue
        out.items.append(CatalogItem(entry.id, entry.title, entry.source,
                                     _Prebuilt(entry), ("file",),
                                     cache_key=f"file:{digest}:{entry.id.rsplit('::', 1)[1]}"))
    return out


_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


def _read_text(path: str) -> str:
    """The file's text: a regular file (after symlinks) of at most MAX_FILE_BYTES bytes, read
    without trusting the size it reports and without blocking on a FIFO."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise _Bad(f"cannot read the file: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a file")
        target = os.path.realpath(path)
        shown = f" ({target})" if os.path.islink(path) else ""
        raise _Bad(f"is {kind}{shown}, not a regular file; pass derivation files (*.toml)")
    chunks: list[bytes] = []
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced since the check above
                raise _Bad("is not a regular file; pass derivation files (*.toml)")
            left = MAX_FILE_BYTES + 1
            while left > 0:
                chunk = os.read(fd, left)
                if not chunk:
                    break
                chunks.append(chunk)
                left -= len(chunk)
        finally:
            os.close(fd)
    except OSError as exc:
        raise _Bad(f"cannot read the file: {exc.strerror or exc}") from None
    data = b"".join(chunks)
    if len(data) > MAX_FILE_BYTES:
        raise _Bad(f"the file holds more than {MAX_FILE_BYTES} bytes; the limit is {MAX_FILE_BYTES}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise _Bad("the file is not UTF-8 text") from None


@dataclass(frozen=True)
class _Prebuilt:
    entry: Entry

    def __call__(self) -> Entry:
        return self.entry


# -- [context] -----------------------------------------------------------------------


def _table(value: object, what: str) -> dict:
    if not isinstance(value, dict):
        raise _Bad(f"{what} must be a table, such as {what} = {{ x = ... }}")
    return value


def _context(raw: object) -> tuple[Context, list[str]]:
    raw = _table(raw, "[context]")
    unknown = set(raw) - CONTEXT_KEYS
    if unknown:
        raise _Bad(f"unknown key(s) {', '.join(sorted(unknown))}; allowed: "
                   f"{', '.join(sorted(CONTEXT_KEYS))}")
    ctx = Context()
    for name, spec in _table(raw.get("symbols", {}), "symbols").items():
        if not isinstance(spec, str):
            raise _Bad(f"symbols: {name} = {spec!r}; write an assumption such as \"real\" or "
                       "\"positive\"")
        ctx.declare_symbol(name, spec)
    for name, spec in _table(raw.get("dims", {}), "dims").items():
        if not isinstance(spec, str):
            raise _Bad(f"dims: {name} = {spec!r}; write {name} = \"positive integer\"")
        ctx.declare_dim(name, spec)
    for name, spec in _table(raw.get("vectors", {}), "vectors").items():
        size_of = spec.get("size") if isinstance(spec, dict) else spec
        if isinstance(size_of, str):  # a symbolic length: a name from dims
            assume = spec.get("assume", "real") if isinstance(spec, dict) else "real"
            if not isinstance(assume, str):
                raise _Bad(f"vectors: {name}: assume must be a string such as \"positive\"")
            ctx.declare_symbolic_vector(name, size_of, assume)
            continue
        size, assume = _sized(spec, f"vectors: {name}", 1)
        ctx.declare_vector(name, size[0], assume)
    for name, spec in _table(raw.get("matrices", {}), "matrices").items():
        size, assume = _sized(spec, f"matrices: {name}", 2)
        ctx.declare_matrix(name, size[0], size[1], assume)
    for signature, body in _table(raw.get("functions", {}), "functions").items():
        _function(ctx, signature, body)
    for key, value in _table(raw.get("latex", {}), "latex").items():
        if not isinstance(value, str):
            raise _Bad(f"latex: {key!r} must map to an expression or a function name")
        ctx.latex[key] = read_expression(value)
        # its free names are the file's symbols, wherever it is used
        ctx.claim_free_names(ctx.latex[key], (), f"the latex entry {key}")
    given = raw.get("given", [])
    if not isinstance(given, list) or not all(isinstance(g, str) for g in given):
        raise _Bad("given must be a list of strings such as [\"onehot(y)\", \"x > 0\"]")
    for g in given:  # check them once here, so an error names [context]
        _hypotheses([g], ctx)
    return ctx, given


def _sized(spec: object, what: str, dims: int) -> tuple[list[int], str]:
    assume = "real"
    if isinstance(spec, dict):
        extra = set(spec) - {"size", "assume"}
        if extra:
            raise _Bad(f"{what}: unknown key(s) {', '.join(sorted(extra))}; use size and assume")
        assume = spec.get("assume", "real")
        if not isinstance(assume, str):
            raise _Bad(f"{what}: assume must be a string such as \"positive\"")
        spec = spec.get("size")
    size = [spec] if dims == 1 and isinstance(spec, int) else spec
    if (not isinstance(size, list) or len(size) != dims
            or not all(isinstance(s, int) and not isinstance(s, bool) for s in size)):
        example = "4 or { size = 4, assume = \"positive\" }" if dims == 1 else \
            "[3, 4] or { size = [3, 4], assume = \"real\" }"
        raise _Bad(f"{what}: the size must be {example}")
    return size, assume


# the functions of whole vectors (a body that uses one takes its argument whole)
VECTOR_FUNCTIONS = STRUCTURAL_FUNCTIONS - {"diff", "Sum", "delta"}
_SIGNATURE = re.compile(r"^\s*([A-Za-z]\w*)\s*\(([^()]*)\)\s*$")


def _function(ctx: Context, signature: object, body: object) -> None:
    if isinstance(signature, str) and signature.isidentifier() and body == "arbitrary":
        ctx._check_new(signature)  # f = "arbitrary": claims about f must hold for every f
        ctx.functions[signature] = UserFunction(signature, (), None)
        return
    m = _SIGNATURE.match(str(signature))
    if not isinstance(body, str):
        raise _Bad(f"functions: {signature!r} = {body!r}: the body must be a string, as in "
                   f"\"g(t)\" = \"1/(1 + exp(-t))\"")
    if not m:
        raise _Bad(f"functions: write \"g(t)\" = \"expression in t\" (or g = \"arbitrary\" for a "
                   f"function about which nothing is assumed), got {signature!r}")
    name = m.group(1)
    params = tuple(p.strip() for p in m.group(2).split(",") if p.strip())
    if not params or not all(p.isidentifier() and not p.startswith("_") for p in params):
        raise _Bad(f"functions: {signature!r} needs parameter names, as in g(t) or h(a, b)")
    ctx._check_new(name)
    tree = read_expression(body)
    ctx.functions[name] = UserFunction(name, params, tree)
    # Reading the body once with scalar parameters finds recursion early and tells whether
    # the function maps entrywise; a body that needs vectors (dot, softmax …) is read at each
    # call instead, where its errors name the derivation and step.
    ctx.claim_free_names(tree, params, f"the definition of {name}")
    # Entrywise on vectors only if the body is about scalars: a body that sums, indexes,
    # multiplies matrices or calls such a function (mu(v) = sum(v)/3) takes the whole vector,
    # even though a scalar would also be accepted there as a vector of length 1.
    whole = any((isinstance(n, Call) and (n.func in VECTOR_FUNCTIONS or (
                    n.func in ctx.functions and not ctx.functions[n.func].scalar)))
                or isinstance(n, TreeIndex) or (isinstance(n, Bin) and n.op == "@")
                for n in walk(tree))
    ev = Evaluator(ctx)
    ev.env = {p: sp.Symbol(p, real=True) for p in params}
    try:
        ev.visit(tree)
    except ParseError as exc:
        if "nest more than" in exc.message:
            raise
        whole = True
    if whole:
        ctx.functions[name] = UserFunction(name, params, tree, scalar=False)


# -- hypotheses ------------------------------------------------------------------------


def _hypotheses(texts: list[str], ctx: Context) -> tuple[Hypothesis, ...]:
    out: list[Hypothesis] = []
    for text in texts:
        try:
            node = read_expression(text, allow_compare=True)
        except ParseError as exc:
            raise _Bad(f"given {text!r}: {exc.message}") from None
        out.extend(_hypothesis(node, ctx, text))
    return tuple(out)


def _hypothesis(node: Node, ctx: Context, text: str) -> list[Hypothesis]:
    if isinstance(node, Call) and node.func == "onehot" and node.args \
            and isinstance(node.args[0], Name) and node.args[0].id in ctx.symbolic:
        base, n = ctx.symbolic[node.args[0].id]
        at = node.args[1] if len(node.args) == 2 else None
        if not isinstance(at, Name) or ctx.kind(at.id) is not None:
            raise _Bad(f"given {text!r}: {base} has symbolic length {n}; name the index of its 1, "
                       f"as in onehot({base}, t) (then {base}_k = δ(k, t), t ∈ 1…{n})")
        try:
            return [OneHotAt(base, ctx.free_index(at.id, n))]
        except ParseError as exc:
            raise _Bad(f"given {text!r}: {exc.message}") from None
    if isinstance(node, Call) and node.func == "onehot" and len(node.args) == 1:
        arg = node.args[0]
        if not (isinstance(arg, Name) and arg.id in ctx.vectors):
            raise _Bad(f"given {text!r}: onehot(…) needs a declared vector, as in onehot(y)")
        return [OneHot(tuple(ctx.vectors[arg.id]))]
    if not isinstance(node, Compare):
        raise _Bad(f"given {text!r}: write onehot(y), an equation a == b, or an inequality "
                   "such as x > 0")
    try:
        op, lhs, rhs = Evaluator(ctx).relation(node)
    except ParseError as exc:
        raise _Bad(f"given {text!r}: {exc.message}") from None
    if is_matrix(lhs) or is_matrix(rhs):
        raise _Bad(f"given {text!r}: compare scalars ({shape_text(lhs)} {op} "
                   f"{shape_text(rhs)}); use sum(y) == 1 or y[1] > 0")
    if op == "==":
        return [Equation(lhs, rhs)]
    rel = {"!=": sp.Unequality, "<": sp.StrictLessThan, ">": sp.StrictGreaterThan, "<=": sp.LessThan,
           ">=": sp.GreaterThan}[op](lhs, rhs, evaluate=False)
    return [Condition(rel)]


# -- [[derivation]] ----------------------------------------------------------------------


def _text(table: dict, key: str, default: str | None = None) -> str:
    value = table.get(key, default)
    if not isinstance(value, str):
        raise _Bad(f"{key} must be a string" if key in table else f"missing key {key!r}")
    return value


def _expect(value: object, where: str) -> Verdict:
    if value not in EXPECT:
        raise _Bad(f"{where}: expect must be one of {', '.join(EXPECT)}, got {value!r}")
    return EXPECT[value]  # type: ignore[index]


def _derivation(table: dict, ctx: Context, file_given: list[str], stem: str,
                seen: set[str]) -> Entry:
    unknown = set(table) - DERIVATION_KEYS
    if unknown:
        raise _Bad(f"unknown key(s) {', '.join(sorted(unknown))}; allowed: "
                   f"{', '.join(sorted(DERIVATION_KEYS))}")
    raw_id = _text(table, "id")
    if not ID_PATTERN.match(raw_id):
        raise _Bad("id must be 1–100 letters, digits, '.', '_' or '-', starting with a letter "
                   "or digit")
    if raw_id in seen:
        raise _Bad("duplicate id: an earlier derivation in this file already uses it; "
                   "every derivation needs its own id")
    seen.add(raw_id)
    item_id = f"{stem}::{raw_id}"
    title = _text(table, "title", raw_id)
    source = f"{stem}: {_text(table, 'source', 'no source given')}"
    note = _text(table, "note", "")
    expect = _expect(table.get("expect", "proved"), "expect")
    given_texts = table.get("given", [])
    if not isinstance(given_texts, list) or not all(isinstance(g, str) for g in given_texts):
        raise _Bad("given must be a list of strings such as [\"sum(y) == 1\"]")
    # The hypotheses are read after the steps or the claim (below), so that a free index
    # such as i in "i != j" is already known as one.
    forms = [k for k in ("steps", "claim", "latex") if k in table]
    if len(forms) != 1:
        raise _Bad("give exactly one of steps = [...], claim = \"lhs == rhs\" or latex = '''...'''"
                   + (f" (found {', '.join(forms)})" if forms else ""))
    if "latex" not in table and ("expect_steps" in table or "step_notes" in table):
        raise _Bad('expect_steps and step_notes go with latex = """…"""; in steps = [...] '
                   'write { expr = "…", expect = "refuted", note = "…" }')
    if "claim" in table:
        claim_text = _text(table, "claim")
        ev = Evaluator(ctx)
        try:
            op, lhs, rhs = ev.relation(read_expression(claim_text, allow_compare=True))
        except ParseError as exc:
            raise _Bad(f"claim: {exc.message}", pos=exc.pos) from None
        if op != "==":
            raise _Bad(f"claim: use == (got {op}); inequalities belong in given")
        given = _hypotheses(file_given + given_texts, ctx)
        return Identity(item_id, title, source,
                        Claim(lhs, rhs, given, expect, note, *_indices(ctx, [lhs, rhs], given),
                              domain=tuple(ev.domain)),
                        text=claim_text)
    if "latex" in table and _implication_chain(table):
        statements = _latex_statements(table, ctx)
        given = _hypotheses(file_given + given_texts, ctx)
        sides = [v for st in statements for v in (st.lhs, st.rhs)]
        return Implications(item_id, title, source, tuple(statements), given, expect, note,
                            *_indices(ctx, sides, given))
    steps = _latex_steps(table, ctx) if "latex" in table else _steps(table, ctx)
    if len(steps) < 2:
        raise _Bad("a chain needs at least two steps")
    if len(steps) > MAX_STEPS:
        raise _Bad(f"{len(steps)} steps; the limit is {MAX_STEPS}")
    _same_shapes(steps)
    given = _hypotheses(file_given + given_texts, ctx)
    exprs = [s.expr for s in steps] + [r.expr for s in steps for r in s.readings]
    return Derivation(item_id, title, source, steps[0].expr, steps[-1].expr, tuple(steps),
                      given, expect, note, *_indices(ctx, exprs, given))


def _indices(ctx: Context, exprs: list, given: tuple[Hypothesis, ...]
             ) -> tuple[tuple[Index, ...], tuple[tuple[sp.IndexedBase, sp.Expr], ...]]:
    """The free indices (x[i] with x of symbolic length) that these expressions use, and the
    lengths of the indexed vectors they use."""
    if not ctx.symbolic:
        return (), ()
    scalars = [e for e in exprs if not is_matrix(e)]
    for h in given:
        if isinstance(h, Equation):
            scalars += [h.lhs, h.rhs]
        elif isinstance(h, Condition):
            scalars.append(h.relation)
    used = free_symbols(*scalars)
    entries = set().union(*(e.atoms(sp.Indexed) for e in scalars))
    for a in entries:  # x[i] only as a derivative's variable is still a use of i
        used |= set().union(*(i.free_symbols for i in a.indices))
    bases = {a.base for a in entries}
    for h in given:
        if isinstance(h, OneHotAt):
            used.add(h.at)
            bases.add(h.vector)
    indices = tuple(Index(sym, sp.Integer(1), n) for sym, n in ctx.indices.values() if sym in used)
    lengths = tuple((base, n) for base, n in ctx.symbolic.values() if base in bases)
    return indices, lengths


def _steps(table: dict, ctx: Context) -> list[Step]:
    raw = table["steps"]
    if not isinstance(raw, list):
        raise _Bad("steps must be a list of expressions")
    out = []
    for k, item in enumerate(raw, start=1):
        if isinstance(item, str):
            item = {"expr": item}
        if not isinstance(item, dict):
            raise _Bad("a step is a string or a table { expr = \"…\", why = \"…\" }", step=k)
        extra = set(item) - STEP_KEYS
        if extra:
            raise _Bad(f"unknown key(s) {', '.join(sorted(extra))}; allowed: "
                       f"{', '.join(sorted(STEP_KEYS))}", step=k)
        expr_text = item.get("expr")
        if not isinstance(expr_text, str):
            raise _Bad("the step has no expr = \"…\"", step=k)
        ev = Evaluator(ctx)
        try:
            value = ev.value(read_expression(expr_text))
        except ParseError as exc:
            raise _Bad(exc.message, step=k, pos=exc.pos) from None
        why = item.get("why", "")
        note = item.get("note", "")
        if not isinstance(why, str) or not isinstance(note, str):
            raise _Bad("why and note must be strings", step=k)
        expect = _expect(item.get("expect", "proved"), f"step {k}")
        if k == 1 and "expect" in item:
            raise _Bad("the first step has nothing before it to compare with; put expect on "
                       "a later step", step=k)
        out.append(Step(value, why, expect, note, text=expr_text, show_reading=True,
                        domain=tuple(ev.domain)))
    return out


def _latex_steps(table: dict, ctx: Context) -> list[Step]:
    from checker.parse.latex import parse_latex_chain  # the LaTeX reader is only needed here

    text = _text(table, "latex")
    try:
        chain = parse_latex_chain(text, ctx)
    except ParseError as exc:
        raise _Bad(f"latex: {exc.message}", pos=exc.pos) from None
    try:
        fixed = fixed_choices([step.node for step in chain])
    except ParseError as exc:
        raise _Bad(f"latex: {exc.message}", pos=exc.pos) from None
    out = []
    for k, step in enumerate(chain, start=1):
        try:
            value, alternatives, hints, domain = readings(step.node, ctx, fixed)
        except ParseError as exc:
            raise _Bad(f"{exc.message} (in {step.latex!r})", step=k, pos=exc.pos or step.pos) \
                from None
        conditions: list[Hypothesis] = []
        for cond in step.conditions:
            try:
                conditions.extend(_hypothesis(cond, ctx, step.why))
            except _Bad as exc:
                raise _Bad(f"the condition in {step.why!r} cannot be applied: "
                           f"{exc.message.split(': ', 1)[-1]}", step=k, pos=step.pos) from None
        out.append(Step(value, step.why, Verdict.PROVED, "", latex=step.latex,
                        readings=alternatives, hints=hints, given=tuple(conditions),
                        domain=domain))
    expects = _by_step(table, "expect_steps", len(out))
    notes = _by_step(table, "step_notes", len(out))
    for k, value in expects.items():
        if k == 1:
            raise _Bad("expect_steps: step 1 has nothing before it to compare with")
        out[k - 1] = replace(out[k - 1], expect=_expect(value, f"expect_steps {k}"))
    for k, value in notes.items():
        out[k - 1] = replace(out[k - 1], note=value)
    return out


def _implication_chain(table: dict) -> bool:
    from checker.parse.latex import is_implication_chain

    try:
        return is_implication_chain(_text(table, "latex"))
    except ParseError:
        return False  # the chain reader reports it


def _latex_statements(table: dict, ctx: Context) -> list[Statement]:
    """A chain of implications (2x + 3 = 7 \\Rightarrow 2x = 4): its equations, each read as a
    chain's step is, with no guessed reading (an equation that can be read two ways is an
    error naming how to write it)."""
    from checker.parse.latex import parse_latex_statements

    try:
        read = parse_latex_statements(_text(table, "latex"), ctx)
        fixed = fixed_choices([n for st in read for n in (st.lhs, st.rhs)])
    except ParseError as exc:
        raise _Bad(f"latex: {exc.message}", pos=exc.pos) from None
    if len(read) > MAX_STEPS:
        raise _Bad(f"{len(read)} equations; the limit is {MAX_STEPS}")
    out = []
    for k, st in enumerate(read, start=1):
        sides = []
        domain: tuple = ()
        for node in (st.lhs, st.rhs):
            try:
                value, alternatives, hints, where = readings(node, ctx, fixed)
            except ParseError as exc:
                raise _Bad(f"{exc.message} (in {st.latex!r})", step=k, pos=exc.pos or st.pos) \
                    from None
            if alternatives:
                raise _Bad(f"{st.latex!r} can be read in several ways, and an implication is only "
                           f"decided on one reading: {'; '.join(hints)}", step=k, pos=st.pos)
            sides.append(value)
            domain += tuple(r for r in where if r not in domain)
        if any(is_matrix(v) for v in sides) and not all(is_matrix(v) for v in sides):
            raise _Bad(f"{st.latex!r}: one side is a vector or matrix and the other a scalar",
                       step=k, pos=st.pos)
        conditions: list[Hypothesis] = []
        for cond in st.conditions:
            try:
                conditions.extend(_hypothesis(cond, ctx, st.why))
            except _Bad as exc:
                raise _Bad(f"the condition in {st.why!r} cannot be applied: "
                           f"{exc.message.split(': ', 1)[-1]}", step=k, pos=st.pos) from None
        out.append(Statement(sides[0], sides[1], st.arrow, st.why, latex=st.latex,
                             given=tuple(conditions), domain=domain))
    for k, value in _by_step(table, "expect_steps", len(out)).items():
        if k == 1:
            raise _Bad("expect_steps: equation 1 has nothing before it to follow from")
        out[k - 1] = replace(out[k - 1], expect=_expect(value, f"expect_steps {k}"))
    for k, value in _by_step(table, "step_notes", len(out)).items():
        out[k - 1] = replace(out[k - 1], note=value)
    return out


def _by_step(table: dict, key: str, count: int) -> dict[int, str]:
    raw = table.get(key, {})
    if not isinstance(raw, dict):
        raise _Bad(f'{key} must be a table such as {key} = {{ 3 = "..." }}')
    out = {}
    for k, v in raw.items():
        if not str(k).isdigit() or not 1 <= int(k) <= count or not isinstance(v, str):
            raise _Bad(f"{key}: {k!r} is not a step number 1…{count} with a string value")
        out[int(k)] = v
    return out


def _same_shapes(steps: list[Step]) -> None:
    first = steps[0].expr
    for k, step in enumerate(steps[1:], start=2):
        a, b = first, step.expr
        if is_matrix(a) != is_matrix(b) or (is_matrix(a) and a.shape != b.shape):
            raise _Bad(f"this step is a {shape_text(b)} but the first step is a "
                       f"{shape_text(a)}", step=k)
