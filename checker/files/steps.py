"""Steps and claims read from text (Python syntax or LaTeX) → model steps, with the free
indices and vector lengths they use, and the checks every reader applies to a chain."""

from __future__ import annotations

import itertools
import re
from dataclasses import fields, replace

import sympy as sp

from checker.dag import free_symbols
from checker.files.common import Bad, expect
from checker.files.context import hypothesis
from checker.model import Condition, Equation, Hypothesis, Index, OneHotAt, Source, Step, Value
from checker.parse.arrays import SymArray, is_array, same_size
from checker.parse.context import SCALAR_FUNCTIONS, Context
from checker.parse.evaluate import index_uses, is_matrix, prebind, shape_text
from checker.parse.python_syntax import read_expression
from checker.parse.readings import fixed_choices, plain_value, readings
from checker.parse.tree import Bin, Call, Name, ParseError, bound_indices, walk
from checker.results import Verdict

STEP_KEYS = {"expr", "why", "expect", "note", "relation"}
# a step's relation to the step before, as a TOML step may write it: relation = "<=", or the
# expression after it ("<= 2*x", "≥ 0"); '=' where none is written
_RELATION_WRITTEN = {"=": "=", "==": "=", "<": "<", "<=": "<=", "≤": "<=", ">": ">", ">=": ">=",
                     "≥": ">="}
_DECIMAL = re.compile(r"\s*[-+]?\s*\d*\.(\d+)\s*")  # a step that is a decimal number alone


def decimals(text: str) -> int:
    """The places of a step written as a decimal number alone (0.6225: 4), else 0."""
    m = _DECIMAL.fullmatch(text)
    return len(m.group(1)) if m else 0


_DECIMAL_PART = re.compile(r"(?<![\w.])\d*\.\d{3,}(?![\w.])")


def decimal_parts(text: str) -> bool:
    """Whether a step that is not a decimal alone writes one of three places or more inside
    it (1/1.6065306597): a rounded value, maybe (one of one or two places, 0.5 or 0.01, is
    read as exact: a point or a rate the author chose)."""
    return not decimals(text) and _DECIMAL_PART.search(text) is not None


_RELATION_LEAD = re.compile(r"\s*(<=|>=|==|[<>≤≥=])(?![=<>])\s*")


def indices(ctx: Context, exprs: list, given: tuple[Hypothesis, ...]
             ) -> tuple[tuple[Index, ...], tuple[tuple[sp.IndexedBase, sp.Expr], ...]]:
    """The free indices (x[i] with x of symbolic length, or of an explicit one: a table, see
    checker.tables) that these expressions use, and the lengths of the indexed vectors of
    symbolic length they use."""
    if not ctx.symbolic and not ctx.symbolic_matrices and not any(
            n.is_Integer for _, n in ctx.indices.values()):  # (x_i of an explicit x: a table)
        return (), ()
    # (a line about a whole array at a symbolic size has no free index of the user's)
    scalars = [e for e in exprs if not is_matrix(e) and not isinstance(e, SymArray)]
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
    _no_detached_entries(used, indices)
    lengths = tuple((base, n) for base, n in ctx.symbolic.values() if base in bases) + tuple(
        (base, sp.Tuple(r, c)) for base, r, c in ctx.symbolic_matrices.values() if base in bases)
    return indices, lengths


def _no_detached_entries(used: set, free: tuple[Index, ...]) -> None:
    """p_i with p undeclared and i a free index is one plain number, and p_j another, even
    where i = j: a reading that would refute true steps (and prove false ones). Refused."""
    letters = {str(ix.symbol): ix for ix in free}
    for sym in sorted(used, key=str):
        if not isinstance(sym, sp.Symbol) or isinstance(sym, sp.Dummy) or "_" not in sym.name:
            continue
        base, script = sym.name.split("_", 1)
        hit = next((letters[c] for c in script if c in letters), None)
        if base and hit is not None:
            raise Bad(f"{sym.name}: {base} is not declared, and {hit.symbol} is an index here (it "
                      f"ranges over 1…{hit.hi}); read as a plain number, {sym.name} would be "
                      f"unrelated to {base} at another index, even where the indices are equal: "
                      f"declare {base} as a vector (vectors = {{ {base} = \"{hit.hi}\" }}) or "
                      f"define {base}_{hit.symbol} = … (in a display, or under latex)")


def python_steps(table: dict, ctx: Context) -> list[Step]:
    raw = table["steps"]
    if not isinstance(raw, list):
        raise Bad("steps must be a list of expressions")
    out = []
    trees = []  # the chain's free indices, bound before any step is read (prebind)
    for item in raw:
        text = item if isinstance(item, str) else item.get("expr") if isinstance(item, dict) \
            else None
        if isinstance(text, str):
            try:
                trees.append(read_expression(text))
            except ParseError:  # (said below, at its step)
                pass
    prebind(ctx, trees)
    for k, item in enumerate(raw, start=1):
        if isinstance(item, str):
            item = {"expr": item}
        if not isinstance(item, dict):
            raise Bad("a step is a string or a table { expr = \"…\", why = \"…\" }", step=k)
        extra = set(item) - STEP_KEYS
        if extra:
            raise Bad(f"unknown key(s) {', '.join(sorted(extra))}; allowed: "
                       f"{', '.join(sorted(STEP_KEYS))}", step=k)
        expr_text = item.get("expr")
        if not isinstance(expr_text, str):
            raise Bad("the step has no expr = \"…\"", step=k)
        relation, expr_text = _relation(item, expr_text, k)
        mismatch, pairs, domain = "", (), ()
        try:
            value, domain = plain_value(read_expression(expr_text), ctx)
        except ParseError as exc:
            if not exc.misfit:
                raise Bad(exc.message, step=k, pos=exc.pos) from None
            value, mismatch, pairs = sp.Integer(0), misfit(k, exc), exc.pairs
        why = item.get("why", "")
        note = item.get("note", "")
        if not isinstance(why, str) or not isinstance(note, str):
            raise Bad("why and note must be strings", step=k)
        wanted = expect(item.get("expect", "proved"), f"step {k}")
        if k == 1 and "expect" in item:
            raise Bad("the first step has nothing before it to compare with; put expect on "
                       "a later step", step=k)
        out.append(Step(value, why, wanted, note, text=expr_text, show_reading=True,
                        mismatch=mismatch, mismatch_at=pairs, domain=domain,
                        source=Source("python", ctx), relation=relation,
                        decimals=decimals(expr_text), decimal_parts=decimal_parts(expr_text)))
    return out


def _relation(item: dict, text: str, k: int) -> tuple[str, str]:
    """(the step's relation to the one before, its expression) from ``relation = "<="`` or a
    leading "<= " in the expression."""
    lead = _RELATION_LEAD.match(text)
    written = item.get("relation", lead.group(1) if lead else "=")
    if not isinstance(written, str) or written.strip() not in _RELATION_WRITTEN:
        raise Bad(f"relation = {written!r}: write one of =, <, <=, >, >= (or ≤, ≥)", step=k)
    if lead is not None and "relation" in item:
        raise Bad("the relation is written twice (relation = … and at the start of expr): "
                  "write it once", step=k)
    relation = _RELATION_WRITTEN[written.strip()]
    if k == 1 and (lead is not None or "relation" in item):
        raise Bad("the first step has nothing before it to be related to; write the relation "
                  "on the step after it", step=k)
    return relation, text[lead.end():] if lead is not None else text


def latex_steps(text: str, ctx: Context) -> list[Step]:
    """Every step of a LaTeX chain (all must be readable; see :func:`latex_step`)."""
    from checker.parse.latex_chain import parse_latex_chain  # the LaTeX reader only here

    try:
        chain = parse_latex_chain(text, ctx)
    except ParseError as exc:
        raise Bad(f"latex: {exc.message}", pos=exc.pos) from None
    fixed = chain_choices([step.node for step in chain], ctx)
    read: list[Step | Bad] = []
    for k, step in enumerate(chain, start=1):
        try:
            read.append(latex_step(step, ctx, fixed, k))
        except Bad as exc:
            read.append(exc)
    out = []
    for got in sized_again(read, chain, ctx, fixed):
        if isinstance(got, Bad):
            raise got
        out.append(got)
    return out


def sized_again(read: list[Step | Bad], chain: list, ctx: Context, fixed: dict[str, int]
                ) -> list[Step | Bad]:
    """The steps read again where the chain has a vector or matrix step: a step that is the
    identity or the ones vector without a size (A⁻¹A = I, \\mathbf{I}) takes the chain's
    shape, as 0 beside arrays is the zero array (every other step reads as it did)."""
    whole = next((st.expr for st in read if isinstance(st, Step) and is_array(st.expr)), None)
    if whole is None:
        return _of_the_chains_shape(read, chain)
    out: list[Step | Bad] = []
    for k, (got, step) in enumerate(zip(read, chain, strict=True), start=1):
        if (isinstance(got, Step) and is_array(got.expr)) or getattr(step, "error", None):
            out.append(got)
            continue
        try:
            again = latex_step(step, ctx, fixed, k, whole)
        except Bad:
            again = got
        out.append(again if isinstance(got, Bad) or (isinstance(again, Step) and (
            again.readings or is_array(again.expr))) else got)
    return _of_the_chains_shape(out, chain)


def _of_the_chains_shape(read: list[Step | Bad], chain: list) -> list[Step | Bad]:
    """A step read two ways at a symbolic size whose readings differ in shape (``w \\cdot x``
    of two vectors: the dot product, a number, or the entrywise product, a column; A(u · w): a
    matrix, or a column; a bare I: a number, or the identity): the readings of the shape the
    chain's other steps have (each read one way), where they agree on one (w · x + b beside a
    number: the dot product; Wᵀδ · σ'(z) beside a column: the entrywise one), as the engine
    keeps at explicit sizes only the readings whose two sides fit. Where the other steps do
    not tell, refused: which is meant?"""
    def shape(v: object) -> tuple | None:
        if isinstance(v, SymArray):
            return (v.rows, v.cols)
        return tuple(v.shape) if is_array(v) else None  # type: ignore[attr-defined]

    def alike(a: tuple | None, b: tuple | None) -> bool:
        return (a is None) == (b is None) and (a is None or all(
            same_size(x, y) for x, y in zip(a, b, strict=True)))  # type: ignore[arg-type]

    def mixed(st: Step | Bad) -> bool:
        if not isinstance(st, Step) or not st.readings or not any(
                isinstance(r.expr, SymArray) for r in st.readings):
            return False
        first = shape(st.readings[0].expr)
        return any(not alike(first, shape(r.expr)) for r in st.readings[1:])

    if not any(mixed(st) for st in read):
        return read
    shapes: list[tuple | None] = []
    for st in read:
        if isinstance(st, Step) and not mixed(st) and not (
                st.unreadable or st.mismatch or st.undecided) and not any(
                alike(shape(st.expr), s) for s in shapes):
            shapes.append(shape(st.expr))
    out: list[Step | Bad] = []
    for k, (st, step) in enumerate(zip(read, chain, strict=True), start=1):
        if not mixed(st):
            out.append(st)
            continue
        assert isinstance(st, Step)
        if len(shapes) != 1:
            out.append(Bad("a line read two ways at a symbolic size, of two shapes (u \\cdot v "
                           "of two vectors: a number or a column; a bare I: a number or the "
                           "identity), and the chain's other lines do not tell which: "
                           + "; ".join(st.hints), step=k, pos=step.pos))  # type: ignore[attr-defined]
            continue
        kept = [r for r in st.readings if alike(shape(r.expr), shapes[0])]
        if not kept:  # (no reading fits: wrong by its shapes, whichever is meant)
            out.append(st)
            continue
        out.append(replace(st, expr=kept[0].expr, domain=kept[0].domain,
                           readings=tuple(kept) if len(kept) > 1 else ()))
    return out


def chain_choices(nodes: list, ctx: Context) -> dict[str, int]:
    """The reader's choices that the chain as a whole settles (checker.parse.readings); the
    chain's free indices are bound first, as its values will bind them (x_i = x_j \\quad
    (i = j): a line's condition is read before its value, and its j is the index too)."""
    prebind(ctx, nodes)
    try:
        return fixed_choices(nodes)
    except ParseError as exc:
        raise Bad(f"latex: {exc.message}", pos=exc.pos) from None


def latex_step(step: object, ctx: Context, fixed: dict[str, int], k: int,
               whole: Value | None = None) -> Step:
    """One step read from LaTeX: its value (and other readings), and the conditions its
    remark states as hypotheses (``whole``: see :func:`sized_again`)."""
    conditions: list[Hypothesis] = []
    for cond in step.conditions:  # type: ignore[attr-defined]
        try:
            conditions.extend(hypothesis(cond, ctx, step.why))  # type: ignore[attr-defined]
        except Bad as exc:
            raise Bad(f"the condition in {step.why!r} cannot be applied: "  # type: ignore[attr-defined]
                      f"{exc.message.split(': ', 1)[-1]}", step=k,
                      pos=step.pos) from None  # type: ignore[attr-defined]
    try:
        value, alternatives, hints, domain = readings(step.node, ctx, fixed, whole)  # type: ignore[attr-defined]
    except ParseError as exc:
        if exc.misfit:  # (its conditions kept: one about the sizes makes the refutation moot)
            return Step(sp.Integer(0), step.why, Verdict.PROVED, "",  # type: ignore[attr-defined]
                        latex=step.latex, mismatch=misfit(k, exc), mismatch_at=exc.pairs,
                        given=tuple(conditions),
                        relation=step.relation,  # type: ignore[attr-defined]
                        source=Source("latex", ctx, tuple(sorted(fixed.items()))))  # (diagnosis)
        raise Bad(f"{exc.message} (in {step.latex!r})", step=k,  # type: ignore[attr-defined]
                  pos=exc.pos or step.pos) from None  # type: ignore[attr-defined]
    return Step(value, step.why, Verdict.PROVED, "", latex=step.latex,  # type: ignore[attr-defined]
                readings=alternatives, hints=hints, given=tuple(conditions), domain=domain,
                index_uses=tuple(sorted(index_uses(ctx, step.node).items()))  # type: ignore[attr-defined]
                if ctx.summation else (),  # (the page states the summation convention)
                source=Source("latex", ctx, tuple(sorted(fixed.items()))),
                relation=step.relation,  # type: ignore[attr-defined]
                decimals=decimals(step.latex),  # type: ignore[attr-defined]
                decimal_parts=decimal_parts(step.latex))  # type: ignore[attr-defined]


def sizes_free(steps: list[Step], given: list[Hypothesis], ctx: Context) -> list[Step]:
    """A refutation by shapes holds at sizes where the shapes differ; a hypothesis about the
    sizes alone (N ≥ 2, H = K) keeps it only where some sizes it allows make them differ
    (searched among small sizes: found, they are said; not found, the step is unknown, never
    refuted on a guess). A hypothesis that ties sizes to other letters, or a step whose
    operation is undefined at sizes not known, is refused as before."""
    dims = set(ctx.dims.values())
    if not any(st.mismatch for st in steps):
        return steps
    about: list[Hypothesis] = []
    for h in list(given) + [g for st in steps for g in st.given]:
        parts = [v for v in (getattr(h, f.name) for f in fields(h)) if isinstance(v, sp.Basic)]
        # a size as the bound of a sum (Σ_{k=1}^K y_k = 1) holds at every size; a size
        # itself in a relation (H = K, H > 2) may not
        bare = [p.replace(lambda e: isinstance(e, sp.Sum | sp.Product),
                          lambda e: sp.Dummy()) for p in parts]
        named = sorted(str(d) for d in dims if d in free_symbols(*bare))
        if not named:
            continue
        if isinstance(h, Condition | Equation) and free_symbols(*bare) <= dims \
                and all(st.mismatch_at for st in steps if st.mismatch):
            about.append(h)
            continue
        raise Bad(f"a hypothesis is about the sizes {', '.join(named)}, and a step's shapes "
                  "differ at some sizes: declare arrays whose sizes are equal with the "
                  "same size name (matrices = { W = [\"H\", \"H\"] }) instead of a "
                  "hypothesis")
    if not about:
        return steps
    out = []
    for st in steps:
        if not st.mismatch:
            out.append(st)
        elif at := _sizes_allowed(st.mismatch_at, about):
            allowed = f"{at}, which the hypotheses on the sizes allow"
            head, fits, _ = st.mismatch.rpartition(", which do not fit for ")
            out.append(replace(st, mismatch=f"{head}{fits}{allowed}" if fits
                               else f"{st.mismatch} (at {allowed})"))
        else:
            out.append(replace(st, mismatch="", mismatch_at=(), undecided=(
                f"{st.mismatch}, at sizes the hypotheses on the sizes may rule out (none of the "
                "small sizes they allow makes the shapes differ): not decided")))
    return out


_MOST_SIZES = 4096  # assignments of the sizes tried for a refutation by shapes


def _sizes_allowed(pairs: tuple[tuple[sp.Expr, sp.Expr], ...],
                   about: list[Hypothesis]) -> str:
    """Sizes (1 … 8 each) that satisfy every hypothesis on the sizes and make one pair of
    axis lengths differ, as text ("N = 2"), or "" where none is found."""
    sizes = sorted(free_symbols(*[e for p in pairs for e in p],
                                *[e for h in about for e in (
                                    (h.relation,) if isinstance(h, Condition) else (h.lhs, h.rhs))]),
                   key=str)
    top = next((t for t in range(8, 1, -1) if t ** len(sizes) <= _MOST_SIZES), 1)

    def holds(h: Hypothesis, at: dict) -> bool:
        if isinstance(h, Condition):
            return h.relation.xreplace(at) is sp.true
        return sp.expand((h.lhs - h.rhs).xreplace(at)) == 0  # type: ignore[union-attr]

    for values in itertools.product(range(1, top + 1), repeat=len(sizes)):
        at = dict(zip(sizes, map(sp.Integer, values), strict=True))
        if all(holds(h, at) for h in about) and any(
                sp.expand(a.xreplace(at) - b.xreplace(at)) != 0
                for a, b in pairs):
            return ", ".join(f"{s} = {v}" for s, v in at.items())
    return ""


def _axes(v: object) -> tuple[sp.Expr, sp.Expr]:
    """A value's rows and columns (a number: 1 × 1)."""
    if isinstance(v, SymArray):
        return tuple(sp.Integer(x) if isinstance(x, int) else x  # type: ignore[return-value]
                     for x in (v.rows, v.cols))
    shape = getattr(v, "shape", (1, 1))
    return sp.Integer(shape[0]), sp.Integer(shape[1])


def not_tied(derivatives: list[tuple[tuple[sp.Symbol, ...], frozenset]], steps: list[Step],
             given: list[Hypothesis] | tuple[Hypothesis, ...]) -> None:
    """given y == x**2, then d/dx y³: is y a function of x there (3y²·2x) or a variable of its
    own (0)? Derivatives are taken as written, with y independent, and the hypothesis holds
    only at the point after; a reader who means the first would see a false proof. Refused."""
    equations = [h for h in list(given) + [g for st in steps for g in st.given]
                 if isinstance(h, Equation)]
    for variables, used in derivatives:
        for v in variables:
            for other, h in _reached(equations, v):
                if other in used:
                    raise Bad(f"the hypothesis {h.describe()} ties {other} to {v}, and a step "
                              f"differentiates by {v} an expression in {other}: is {other} a "
                              f"function of {v} there, or a variable of its own (its derivative "
                              f"0)? Define {other} by a display ({other} = …) for the first, or "
                              "drop the hypothesis for the second")


def _tied_to(h: Equation, v: sp.Symbol, first: bool) -> set:
    """The symbols an equation makes depend on v: for s == w*x + b (a name for an
    expression), s (and, from the variable itself, what it names: x = y² makes y a function
    of x too); for any other equation, all its symbols."""
    symbols = free_symbols(h.lhs, h.rhs)
    if v not in symbols:
        return set()
    for name, other in ((h.lhs, h.rhs), (h.rhs, h.lhs)):
        if isinstance(name, sp.Symbol) and not isinstance(other, sp.Symbol):
            return {name} if v != name else (free_symbols(other) - {v} if first else set())
    return symbols - {v}


def _reached(equations: list[Equation], v: sp.Symbol) -> list[tuple[sp.Symbol, Equation]]:
    """Every symbol the equations make depend on v, through one another (y == 2*x and
    z == y + 1 tie z to x), each with the equation that ties it last."""
    out: dict[sp.Symbol, Equation] = {}
    todo = [(v, True)]
    while todo:
        u, first = todo.pop()
        for h in equations:
            for t in _tied_to(h, u, first):
                if t != v and t not in out:
                    out[t] = h
                    todo.append((t, False))
    return sorted(out.items(), key=lambda th: str(th[0]))


def misfit(k: int, exc: ParseError) -> str:
    """Why step k is refuted by its shapes: an operation in it is undefined at some sizes."""
    if "do not fit for" in exc.message:  # (at a symbolic size: which sizes)
        return f"step {k} is not defined at every size: {exc.message}"
    return f"step {k} is not defined at its sizes: {exc.message}"


def step_controls(steps: list[Step], expects: dict[int, str], notes: dict[int, str]) -> list[Step]:
    """The expected verdicts and notes a file gives for steps by number."""
    out = list(steps)
    for k, value in expects.items():
        if k == 1:
            raise Bad("expect_steps: step 1 has nothing before it to compare with")
        out[k - 1] = replace(out[k - 1], expect=expect(value, f"expect_steps {k}"))
    for k, value in notes.items():
        out[k - 1] = replace(out[k - 1], note=value)
    return out


def one_equation(steps: list[Step], goal: Verdict, stepwise: bool) -> list[Step]:
    """A chain of one equation is its own single step: the goal's expectation is the step's,
    unless the file gives the steps' expectations itself."""
    if len(steps) != 2 or stepwise or goal is Verdict.PROVED:
        return steps
    return [steps[0], replace(steps[1], expect=goal)]


def by_step(table: dict, key: str, count: int) -> dict[int, str]:
    raw = table.get(key, {})
    if not isinstance(raw, dict):
        raise Bad(f'{key} must be a table such as {key} = {{ 3 = "..." }}')
    out = {}
    for k, v in raw.items():
        if not str(k).isdigit() or not 1 <= int(k) <= count or not isinstance(v, str):
            raise Bad(f"{key}: {k!r} is not a step number 1…{count} with a string value")
        out[int(k)] = v
    return out


def lower_arrays(steps: list[Step], ctx: Context | None = None
                 ) -> tuple[list[Step], tuple[Index, ...]]:
    """Steps that are vectors or matrices of symbolic size (H × D) become their entry (i, j),
    for new indices i ∈ 1…H, j ∈ 1…D (checker.parse.arrays): the chain is then a claim about
    every entry, for every size. In a chain whose other steps are written in index notation
    (softmax(x) = e^(x_i)/Σ_j e^(x_j)), a vector step stands for its entry at that free index,
    by convention, when exactly one free index has its length. Otherwise a step whose shape
    differs from the first read step's is refuted by its shape (``Step.mismatch``), never
    compared entry by entry."""
    if not any(isinstance(st.expr, SymArray) for st in steps):
        return steps, ()
    at_index = _index_notation(steps, ctx)
    if at_index is not None:
        return at_index, ()
    at, ref = next(((k, st.expr) for k, st in enumerate(steps, start=1) if not st.unreadable
                    and not (isinstance(st.expr, sp.Expr) and st.expr == 0)), (0, None))
    first = ref if isinstance(ref, SymArray) else None
    # an axis of length 1 (a row, a column) has the one index 1
    i = sp.Integer(1) if first is not None and same_size(first.rows, 1) else \
        sp.Dummy("i", integer=True, positive=True)
    j = sp.Dummy("j", integer=True, positive=True) if first is not None and not first.is_vector \
        and not same_size(first.cols, 1) else sp.Integer(1)

    def entry(v: object) -> object:
        return v.entry(i, j) if isinstance(v, SymArray) else v  # type: ignore[union-attr]

    def shape(v: object) -> str:
        return v.shape_text if isinstance(v, SymArray) else shape_text(v)  # type: ignore[arg-type]

    out = []
    for k, st in enumerate(steps, start=1):
        v = st.expr
        if st.unreadable:
            out.append(st)
            continue
        if first is not None and isinstance(v, sp.Expr) and v == 0:
            out.append(st)  # ∇_x L = 0: a zero stands for the zero array of the chain's shape
            continue
        if first is None or not isinstance(v, SymArray) or not (
                same_size(v.rows, first.rows) and same_size(v.cols, first.cols)):
            if first is None and not isinstance(v, SymArray):
                out.append(st)  # a scalar like the first step
                continue
            if is_matrix(v) or (first is None and is_matrix(ref)):
                # [x_1; x_2; x_3] beside a vector of length n: is n meant to be 3?
                out.append(replace(st, expr=sp.Integer(0), readings=(), undecided=(
                    f"step {k} is a {shape(v)} but step {at} is a {shape(ref)}: a matrix "
                    "written at an explicit size beside one of a symbolic size is compared at "
                    "no size; declare the sizes as numbers, or write the first one by its "
                    "rule")))
                continue
            # a scalar beside arrays is wrong only where it is shown nonzero (else it may be
            # their zero array): the same rule as at explicit sizes (same_shapes)
            scalar = v if not isinstance(v, SymArray) else ref if first is None else None
            where = "" if scalar is None or isinstance(scalar, SymArray) else _nonzero_at(scalar)
            if where is None:
                out.append(replace(st, expr=sp.Integer(0), readings=(), undecided=(
                    f"step {k} is a {shape(v)} but step {at} is a {shape(ref)}: a scalar "
                    "beside arrays is their zero array if it is identically 0, which is not "
                    "decided here; write 0")))
                continue
            array = next((s for s in steps if isinstance(s.expr, SymArray)), None)
            if array is not None and any(  # ∂tr(A)/∂A = I: I a number, or the identity
                    isinstance(r.expr, SymArray) and same_size(r.expr.rows, array.expr.rows)
                    and same_size(r.expr.cols, array.expr.cols)
                    for r in (*st.readings, *(steps[at - 1].readings if first is None else ()))):
                hints = "; ".join(dict.fromkeys((*steps[at - 1].hints, *st.hints)))
                out.append(replace(st, expr=sp.Integer(0), readings=(), ambiguous=(
                    f"read one way, step {k} is a {shape(v)} but step {at} is a {shape(ref)}; "
                    "read another, their shapes agree: the readings disagree"
                    + (f"; to say which: {hints}" if hints else ""))))
                continue
            problem = shape_difference(v, first) if isinstance(v, SymArray) and first is not None else ""
            out.append(replace(st, expr=sp.Integer(0), readings=(), mismatch=(
                f"step {k} is a {shape(v)}{where if scalar is v else ''} but step {at} is a "
                f"{shape(ref)}{where if scalar is ref else ''}" + problem),
                mismatch_at=() if where else tuple(zip(_axes(v), _axes(ref), strict=True))))
            continue
        readings = tuple(replace(r, expr=entry(r.expr)) for r in st.readings)
        out.append(replace(st, expr=entry(v), readings=readings, source=_at(st.source, (i, j)),
                           layout=v.layout))
    if first is None:
        return out, ()
    ix = tuple(Index(v, sp.Integer(1), n) for v, n in ((i, first.rows), (j, first.cols))
               if isinstance(v, sp.Dummy))
    return out, ix


def _index_notation(steps: list[Step], ctx: Context | None) -> list[Step] | None:
    """Each array step as its entry at the free indices the scalar steps use (the convention
    of a chain in index notation), or None when some array step has no such entry: no scalar
    step, no free index of its size, or more than one."""
    if ctx is None or not ctx.indices:
        return None
    scalars = [st.expr for st in steps if not st.unreadable and not isinstance(st.expr, SymArray)
               and isinstance(st.expr, sp.Expr)]
    # an array step that writes a free index itself (e^{θ_i}/Σ e^θ − y) is in index notation
    # too: a term of its entry that holds no index of the entry's own (e^{θ_i}/Σ e^θ, beside
    # y's y_r); θ_j c is the vector c scaled by θ_j, whose every term holds the entry's index
    fresh = (sp.Dummy("i", integer=True), sp.Dummy("j", integer=True))
    scalars += [t for st in steps if not st.unreadable and isinstance(st.expr, SymArray)
                for t in sp.Add.make_args(st.expr.entry(*fresh))
                if not t.free_symbols & set(fresh)]
    if not scalars:
        return None
    used = free_symbols(*scalars) - set(fresh)
    for e in scalars:
        for a in e.atoms(sp.Indexed):
            used |= set().union(*(i.free_symbols for i in a.indices))
    free = [(sym, n) for sym, n in ctx.indices.values() if sym in used]

    def only(size: sp.Expr) -> sp.Symbol | None:
        found = [sym for sym, n in free if same_size(n, size)]
        return found[0] if len(found) == 1 else None

    out = []
    for st in steps:
        v = st.expr
        if not isinstance(v, SymArray) or st.unreadable:
            out.append(st)
            continue
        i = only(v.rows)
        j = sp.Integer(1) if v.is_vector else only(v.cols)
        if i is None or j is None or i == j:
            return None
        if v.layout and {i, j} & free_symbols(v.entry(*fresh)):
            # ∂ŷ_k/∂z: the gradient of the entry ŷ_k, a vector for each k, is not its entry k
            # (ŷ_k(1 − ŷ) would be proved as ŷ_k(1 − ŷ_k)); its entry at another index i is
            return None
        readings = tuple(replace(r, expr=r.expr.entry(i, j) if isinstance(r.expr, SymArray)
                                 else r.expr) for r in st.readings)
        out.append(replace(st, expr=v.entry(i, j), readings=readings,
                           source=_at(st.source, (i, j))))
    return out


def _at(source: Source | None, entry: tuple) -> Source | None:
    """The step's source, noting the entry an array step was lowered to (checker.diagnosis)."""
    return replace(source, entry=entry) if source is not None else None


def shape_difference(a: SymArray, b: object) -> str:
    """", which differ for H = 2, D = 3": sizes at which the two shapes differ."""
    if not isinstance(b, SymArray):
        return ""
    dims = sorted((a.rows.free_symbols | a.cols.free_symbols | b.rows.free_symbols
                   | b.cols.free_symbols), key=str)
    for trial in (list(range(2, 2 + len(dims))), [1] * len(dims)):
        at = dict(zip(dims, trial, strict=True))
        sa = (a.rows.xreplace(at), a.cols.xreplace(at))
        sb = (b.rows.xreplace(at), b.cols.xreplace(at))
        if sa != sb:
            shown = ", ".join(f"{d} = {v}" for d, v in at.items())
            return f", which differ for {shown} ({sa[0]}×{sa[1]} and {sb[0]}×{sb[1]})" \
                if shown else ""
    return ""


def _nonzero_at(e: object) -> str | None:
    """" (not 0: −1 at x = 1/2)" where exact evaluation at a small rational point shows the scalar is
    not 0 (a certified fact), "" where it is a nonzero number, None where that is not shown."""
    if not isinstance(e, sp.Expr):
        return None
    if e.is_number:
        return "" if e.is_Rational and e != 0 else None
    sizes: dict = {}
    if e.has(sp.Indexed, sp.Sum):  # at a symbolic size: every size and index 1 (an index
        # is an integer in its range, never the 1/2 a number gets), every entry a number
        sizes = {s: sp.Integer(1) for s in e.free_symbols
                 if isinstance(s, sp.Symbol) and s.is_integer}
        try:
            e = e.xreplace(sizes).doit()
        except (TypeError, ValueError, ZeroDivisionError):  # pragma: no cover - SymPy's limits
            return None
        entries = {a: sp.Symbol(str(a), real=True) for a in e.atoms(sp.Indexed)}
        e = e.xreplace(entries)
        if e.has(sp.Indexed, sp.Sum):
            return None
    symbols = sorted(e.free_symbols, key=str)
    for trial in (sp.Rational(1, 2), sp.Rational(2, 3), sp.Integer(3)):
        point = {s: trial for s in symbols}
        try:
            v = e.xreplace(point)
        except (TypeError, ValueError, ZeroDivisionError):  # pragma: no cover - SymPy's limits
            continue
        if v.is_Rational and v != 0:
            shown = ", ".join([f"{n} = 1" for n in sorted(sizes, key=str)]
                              + [f"{s} = {trial}" for s in symbols])
            return f" (not 0: {v} at {shown})"
    return None


def same_shapes(steps: list[Step]) -> list[Step]:
    """The steps, each whose explicit shape differs from the first read step's refuted by its
    shape (``Step.mismatch``), as at a symbolic size (:func:`lower_arrays`): a 2×1 matrix
    written equal to a scalar is a wrong step, not unreadable input."""
    def zero(v: object) -> bool:  # 0 beside arrays is the zero array of their shape
        return isinstance(v, sp.Expr) and not is_matrix(v) and v == 0

    at, first = next(((k, st) for k, st in enumerate(steps, start=1)
                      if not st.unreadable and not zero(st.expr)), (0, None))
    if first is None or first.mismatch:
        return steps
    out = []
    for k, step in enumerate(steps, start=1):
        a, b = first.expr, step.expr
        if is_matrix(a) and zero(b) and not step.unreadable and _listed(first):
            step = replace(step, expr=sp.Integer(0), readings=(), undecided=(  # ([x, y] = 0:
                f"step {k} is 0 beside entries in brackets read as a vector (step {at}): the "  # a
                "zero vector, if they are one; but brackets of entries may be something else "
                "(an interval, a pair, a gcd (a, b), a commutator [a, b]), which is not read; "
                "write a vector with \\begin{bmatrix} … \\end{bmatrix}"))  # commutator?)
        elif is_matrix(a) and zero(b) and not step.unreadable:
            step = replace(step, expr=sp.zeros(*a.shape).as_immutable(), readings=())
        elif k != at and not step.unreadable and not step.mismatch and (
                is_matrix(a) != is_matrix(b) or (is_matrix(a) and a.shape != b.shape)):
            scalar = b if is_matrix(a) else a
            where = "" if (is_matrix(a) and is_matrix(b)) else _nonzero_at(scalar)
            if where is None and not _shapes(first) & _shapes(step):  # (x+1)² − x² − 2x − 1
                # beside a matrix: the zero array if ≡ 0
                step = replace(step, expr=sp.Integer(0), readings=(), undecided=(
                    f"step {k} is a {shape_text(b)} but step {at} is a {shape_text(a)}: the "
                    "shapes differ, unless the scalar is identically 0 (then it is the zero "
                    "array), which is not decided here; if a vector or matrix is meant, check "
                    "the order of the factors and the transposes (an outer product is x y^T, "
                    "an inner one x^T y)"))
            elif _shapes(first) & _shapes(step):  # A⁻¹A = I: I a number, or the identity
                hints = "; ".join(dict.fromkeys((*first.hints, *step.hints)))
                step = replace(step, expr=sp.Integer(0), readings=(), ambiguous=(
                    f"read one way, step {k} is a {shape_text(b)} but step {at} is a "
                    f"{shape_text(a)}; read another, their shapes agree: the readings "
                    "disagree" + (f"; to say which: {hints}" if hints else "")))
            elif _listed(first) or _listed(step):  # ((a, b) = 1: a gcd, [x, y] = 0: a
                step = replace(step, expr=sp.Integer(0), readings=(), undecided=(  # commutator?)
                    f"step {k} is a {shape_text(b)} but step {at} is a {shape_text(a)}, read "
                    "with the entries in brackets as a vector: if they are one, the shapes "
                    "differ; but brackets of entries may be something else (an interval, a "
                    "pair, a gcd (a, b), a commutator [a, b]), which is not read; write a "
                    "vector with \\begin{bmatrix} … \\end{bmatrix}"))
            else:
                step = replace(step, expr=sp.Integer(0), readings=(), mismatch=(
                    f"step {k} is a {shape_text(b)}{where} but step {at} is a {shape_text(a)}"))
        out.append(step)
    return out


def _listed(step: Step) -> bool:
    """Whether a step is read with entries in brackets as a vector ((a, b), [x, y]: a column
    and a row are its readings, checker.parse.latex_primary.comma_list)."""
    return any(label in ("a column", "a row") for r in step.readings for label in r.labels)


def _shapes(step: Step) -> set[tuple[int, int]]:
    """The shapes a step has in its readings (a scalar's is 1×1)."""
    return {v.shape if is_matrix(v) else (1, 1)
            for v in (step.expr, *(r.expr for r in step.readings))}


def vocabulary_redefined(first: object, second: object, ctx: Context) -> str | None:
    """``swish(x) = x σ(βx)``: a built-in function written as a definition whose body has a
    parameter of its own (β) beside its variable. Read as a claim about the built-in swish
    (x·σ(x)) it is false, read as the page's definition it is true: which is meant cannot be
    told, so the line is refused with what to write (a message), rather than refuted on a
    guess."""
    if not (isinstance(first, Call) and first.func in SCALAR_FUNCTIONS
            and first.func not in ctx.functions and first.args
            and all(isinstance(a, Name) for a in first.args)
            and len({a.id for a in first.args}) == len(first.args)) or second is None:
        return None
    params = {a.id for a in first.args}  # type: ignore[attr-defined]
    nodes = walk(second)  # type: ignore[arg-type]
    bound = bound_indices(second)  # type: ignore[arg-type]
    used = {n.id for n in nodes if isinstance(n, Name)} - bound
    extra = sorted(used - params - {"E", "pi"})
    if not extra or not used & params:  # tanh(z) = (e^x − e^{-x})/…: a slip, not a family
        return None
    if any((isinstance(n, Call) and n.func == first.func) or (
            first.func == "exp" and isinstance(n, Bin) and n.op == "**"
            and isinstance(n.left, Name) and n.left.id == "E") for n in nodes):
        return None  # log(x) = log(xy) − log(y): a definition does not use what it defines
    return (f"{first.func}({', '.join(sorted(params))}) = …: the right side has a parameter of "
            f"its own ({', '.join(extra)}), unlike the built-in {first.func}: is this line a new "
            f"definition of {first.func}, or a claim about the built-in one? Give the new "
            f"function another name ({first.func}_{extra[0]}, declared under [context] "
            f"functions), or write the built-in's own definition")
