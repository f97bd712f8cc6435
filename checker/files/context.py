"""Declarations (a ``[context]`` table, in a TOML file, a document's declaration block or a
sidecar file) → a :class:`~checker.parse.context.Context`, and hypotheses → model hypotheses."""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp

from checker import randomness
from checker.files import members
from checker.files.common import Bad
from checker.files.letters import reader_name
from checker.model import Condition, Equation, Hypothesis, OneHot, OneHotAt
from checker.parse import divergence
from checker.parse.arrays import SymArray
from checker.parse.context import STRUCTURAL_FUNCTIONS, Context, UserFunction
from checker.parse.evaluate import Evaluator, is_matrix, shape_text
from checker.parse.python_syntax import read_expression
from checker.parse.tree import (
    Bin,
    Call,
    Compare,
    Defined,
    Name,
    Node,
    ParseError,
    map_children,
    walk,
)
from checker.parse.tree import Index as TreeIndex
from checker.parse.unicode_math import as_latex

CONTEXT_KEYS = {"symbols", "dims", "vectors", "matrices", "functions", "given", "latex", "layout",
                "integrals", "gradients", "random", "partials", "indices", "rows"}


def _table(value: object, what: str) -> dict:
    if not isinstance(value, dict):
        raise Bad(f"{what} must be a table, such as {what} = {{ x = ... }}")
    return value


def build_context(raw: object) -> tuple[Context, list[str]]:
    raw = _table(raw, "[context]")
    unknown = set(raw) - CONTEXT_KEYS
    if unknown:
        raise Bad(f"unknown key(s) {', '.join(sorted(unknown))}; allowed: "
                   f"{', '.join(sorted(CONTEXT_KEYS))}")
    ctx = Context()
    layout = raw.get("layout", "denominator")
    if layout not in ("denominator", "numerator"):
        raise Bad(f"layout = {layout!r}: write \"denominator\" (∂L/∂W has W's shape, the "
                  "default) or \"numerator\" (∂L/∂W has Wᵀ's shape)")
    ctx.layout = layout
    ctx.jacobian_transposed = raw.get("layout") == "denominator"  # declared, not the default
    for key, (value, attr, what) in _CONVENTIONS.items():  # a convention, by its one value
        got = raw.get(key)
        if got is not None and got != value:
            raise Bad(f"{key} = {got!r}: write \"{value}\" to read {what}")
        setattr(ctx, attr, got is not None)
    for name, spec in _table(raw.get("symbols", {}), "symbols").items():
        if not isinstance(spec, str):
            raise Bad(f"symbols: {name} = {spec!r}; write an assumption such as \"real\" or "
                       "\"positive\"")
        ctx.declare_symbol(name, spec)
    for name, spec in _table(raw.get("dims", {}), "dims").items():
        if not isinstance(spec, str):
            raise Bad(f"dims: {name} = {spec!r}; write {name} = \"positive integer\"")
        ctx.declare_dim(name, spec)
    for name, spec in _table(raw.get("vectors", {}), "vectors").items():
        size_of = spec.get("size") if isinstance(spec, dict) else spec
        if isinstance(size_of, str):  # a symbolic length: a name from dims
            assume = spec.get("assume", "real") if isinstance(spec, dict) else "real"
            if not isinstance(assume, str):
                raise Bad(f"vectors: {name}: assume must be a string such as \"positive\"")
            ctx.declare_symbolic_vector(name, size_of, assume)
            continue
        size, assume = _sized(spec, f"vectors: {name}", 1)
        ctx.declare_vector(name, size[0], assume)
    for name, spec in _table(raw.get("matrices", {}), "matrices").items():
        size_of = spec.get("size") if isinstance(spec, dict) else spec
        if isinstance(size_of, list) and any(isinstance(v, str) for v in size_of):
            if len(size_of) != 2:  # a symbolic size: ["H", "D"]
                raise Bad(f"matrices: {name}: the size must be [rows, cols], as in [\"H\", \"D\"]")
            assume = spec.get("assume", "real") if isinstance(spec, dict) else "real"
            if not isinstance(assume, str):
                raise Bad(f"matrices: {name}: assume must be a string such as \"positive\"")
            ctx.declare_symbolic_matrix(name, size_of[0], size_of[1], assume)
            continue
        size, assume = _sized(spec, f"matrices: {name}", 2)
        ctx.declare_matrix(name, size[0], size[1], assume)
    for name, matrix in _table(raw.get("rows", {}), "rows").items():
        _rows(ctx, name, matrix)
    for signature, body in _table(raw.get("functions", {}), "functions").items():
        _function(ctx, signature, body)
    for name, spec in _table(raw.get("random", {}), "random").items():
        _random(ctx, name, spec)
    gradients = raw.get("gradients")
    if gradients is not None:  # dW, dx, dy_i written for ∂L/∂W, ∂L/∂x, ∂L/∂y_i
        fn = ctx.functions.get(gradients) if isinstance(gradients, str) else None
        if not isinstance(gradients, str) or not gradients.isidentifier() or (
                fn is not None and (fn.body is not None or not fn.params)) or (
                fn is None and ctx.kind(gradients) is not None):
            raise Bad(f"gradients = {gradients!r}: name the loss whose gradients dx, dW stand "
                      "for: one the page defines (L = … in a display), or one declared "
                      "arbitrary with its arguments, as in functions = { \"L(y)\" = "
                      "\"arbitrary\" } and gradients = \"L\"")
        if ctx.kind("d") is not None or "d" in ctx.latex:
            raise Bad("gradients: d is declared as a name of its own, so dx could be d times x; "
                      "drop one of the two")
        ctx.gradients = gradients
    for key, value in _table(raw.get("latex", {}), "latex").items():
        if not isinstance(value, str):
            raise Bad(f"latex: {key!r} must map to an expression or a function name")
        written, key = key, as_latex(key)  # "ŷ" is the \hat{y} the reader finds in ŷ
        key = divergence.key_of(key, ctx) or key  # "D_{KL}(P \\| Q)": the name the reader finds
        if key in ctx.latex:
            raise Bad(f"latex: {written!r} is {key!r}, which is mapped already")
        ctx.latex[key] = read_expression(value)
        # its free names are the file's symbols, wherever it is used
        ctx.claim_free_names(ctx.latex[key], (), f"the latex entry {key}")
    given = raw.get("given", [])
    if not isinstance(given, list) or not all(isinstance(g, str) for g in given):
        raise Bad("given must be a list of strings such as [\"onehot(y)\", \"x > 0\"]")
    for g in given:  # check them once here, so an error names [context]
        hypotheses([g], ctx)
    ctx.given_text = tuple(given)
    return ctx, given


# the keys that state a convention, each by its one value: (value, Context field, what it reads)
_CONVENTIONS = {
    "integrals": ("real line", "unbounded_integrals",
                  "an integral written without bounds (∫ p(x) dx, as for densities) as over the "
                  "whole real line, from -∞ to ∞; without the key such an integral is refused"),
    "partials": ("graph", "graph_partials",
                 "∂F/∂u of an intermediate u as backprop does (everything else F writes held "
                 "fixed, what u is made of included); without the key such a derivative is "
                 "refused"),
    "indices": ("superscript", "superscript_indices",
                "y^{(i)} as the entry i of the declared vector y (the i-th example, as Andrew "
                "Ng writes it); without the key a label in brackets names a value of its own"),
}


def _rows(ctx: Context, name: str, matrix: object) -> None:
    """``rows = { x = "X" }``: x_i is the row i of the declared matrix X (the i-th example, a
    vector of X's width) and x_{ij} its entry (i, j)."""
    if not isinstance(matrix, str) or ctx.kind(matrix) != "matrix":
        raise Bad(f"rows: {name} = {matrix!r}; name a declared matrix whose rows {name}_i are, "
                  f"as in rows = {{ {name} = \"X\" }} with matrices = {{ X = [\"n\", \"d\"] }}")
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", name) or ctx.kind(name) is not None:
        raise Bad(f"rows: {name} is declared already (or is no name): the rows of {matrix} "
                  "need a name of their own")
    ctx.rows[name] = matrix


def _random(ctx: Context, name: str, spec: object) -> None:
    """``random = { q = "N(0, 1)" }``: q (declared, or a new scalar) is random with that law."""
    if not isinstance(spec, str):
        raise Bad(f"random: {name} = {spec!r}; {randomness.SPEC_HINT}")
    kind = ctx.kind(name)
    if kind is None:
        ctx.declare_symbol(name, "real")
    elif kind not in ("symbol", "vector", "matrix") or name in ctx.dims:
        raise Bad(f"random: {name} is declared as a {'dimension' if name in ctx.dims else kind}; "
                  "only a scalar, a vector or a matrix can be random")

    def read(text: str) -> sp.Expr:
        try:
            value = Evaluator(ctx).value(read_expression(text))
        except ParseError as exc:
            raise Bad(f"random: {name} = {spec!r}: {exc}") from exc
        if is_matrix(value) or not isinstance(value, sp.Expr) or value.has(
                *(ctx.symbols[n] for n in ctx.random if n in ctx.symbols)):
            raise Bad(f"random: {name} = {spec!r}: a parameter must be a scalar that is not "
                      "random")
        return value

    try:
        dist = randomness.parse_spec(spec, name, read)
    except ValueError as exc:
        raise Bad(f"random: {name}: {exc}") from exc
    impossible = [c for c in randomness.conditions(dist) if c is sp.false]
    if impossible:  # (a law no variable can have would make every claim vacuous)
        raise Bad(f"random: {name} = {spec!r} is no law: {randomness.requirement(dist)}")
    ctx.random[name] = dist


def _sized(spec: object, what: str, dims: int) -> tuple[list[int], str]:
    assume = "real"
    if isinstance(spec, dict):
        extra = set(spec) - {"size", "assume"}
        if extra:
            raise Bad(f"{what}: unknown key(s) {', '.join(sorted(extra))}; use size and assume")
        assume = spec.get("assume", "real")
        if not isinstance(assume, str):
            raise Bad(f"{what}: assume must be a string such as \"positive\"")
        spec = spec.get("size")
    size = [spec] if dims == 1 and isinstance(spec, int) else spec
    if (not isinstance(size, list) or len(size) != dims
            or not all(isinstance(s, int) and not isinstance(s, bool) for s in size)):
        example = "4 or { size = 4, assume = \"positive\" }" if dims == 1 else \
            "[3, 4] or { size = [3, 4], assume = \"real\" }"
        raise Bad(f"{what}: the size must be {example}")
    return size, assume


# the functions of whole vectors (a body that uses one takes its argument whole)
VECTOR_FUNCTIONS = STRUCTURAL_FUNCTIONS - {"diff", "Sum", "delta"}
_SIGNATURE = re.compile(r"^\s*\\?([A-Za-z]\w*)\s*\(([^()]*)\)\s*$")  # (\sigma(x): as LaTeX)


def _function(ctx: Context, signature: object, body: object) -> None:
    if isinstance(body, str) and body.strip().lower() == "arbitrary":
        body = "arbitrary"  # " Arbitrary " is meant as the keyword, never as a name
    if isinstance(signature, str) and signature.isidentifier() and body == "arbitrary":
        ctx._check_new(signature)  # f = "arbitrary": claims about f must hold for every f
        ctx.functions[signature] = UserFunction(signature, (), None)
        return
    m = _SIGNATURE.match(str(signature))
    if m and body == "arbitrary":  # "L(y)" = "arbitrary": any function of these arguments
        _arbitrary_of(ctx, m.group(1), m.group(2), signature)
        return
    if not isinstance(body, str):
        raise Bad(f"functions: {signature!r} = {body!r}: the body must be a string, as in "
                   f"\"g(t)\" = \"1/(1 + exp(-t))\"")
    if not m:
        raise Bad(f"functions: write \"g(t)\" = \"expression in t\" (or g = \"arbitrary\" for a "
                   f"function about which nothing is assumed), got {signature!r}")
    name = m.group(1)
    params = tuple(p.strip() for p in m.group(2).split(",") if p.strip())
    if not params or not all(p.isidentifier() and not p.startswith("_") for p in params):
        raise Bad(f"functions: {signature!r} needs parameter names, as in g(t) or h(a, b)")
    ctx._check_new(name)
    tree = read_expression(body)
    if isinstance(tree, Name) and len(tree.id) > 1 and tree.id not in params \
            and ctx.kind(tree.id) is None:  # "any", "unknown", "arbitary": not a value
        raise Bad(f"functions: {signature!r} = {body!r}: {tree.id} is not a declared name, so "
                  f"{name} would be the constant {tree.id}; write \"arbitrary\" for a function "
                  f"about which nothing is assumed, or an expression in {', '.join(params)}")
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




# a name as written in LaTeX, a parameter of "L(\hat{y})": a decorated letter (\hat{y}, \bar x,
# \mathbf{a}), a Greek one, with a subscript or a layer's label (z^{[2]}, a^{(2)}, \mathbf{a}_2)
_LATEX_NAME = re.compile(r"(?:\\[A-Za-z]+\s*\{?\s*\\?[A-Za-z]\s*\}?|\\[A-Za-z]+|[A-Za-z])"
                         r"(?:_\{?\s*[A-Za-z0-9]+\s*\}?|\^\{\s*[\[(]\s*[A-Za-z0-9]+\s*[\])]\s*\})*")


def _arbitrary_of(ctx: Context, name: str, written: str, signature: str) -> None:
    """``"L(y)" = "arbitrary"``: a function about which nothing is assumed, of these arguments,
    each taken whole (L(y) of a vector y is one number, a function of all its entries), so
    that L alone means L at them where it is written (as after a document's L(y) = …)."""
    params = tuple("".join(p.split()) if _LATEX_NAME.fullmatch(p.strip()) else p.strip()
                   for p in written.split(",") if p.strip())
    if not params or not all((p.isidentifier() and not p.startswith("_")) or _LATEX_NAME.fullmatch(p)
                             for p in params):
        raise Bad(f"functions: {signature!r} needs parameter names, as in L(y), L(a, b) or "
                  "L(\\hat{y})")
    if len(set(params)) != len(params):
        raise Bad(f"functions: {signature!r} names a parameter twice")
    ctx._check_new(name)
    ctx.functions[name] = UserFunction(name, params, None, scalar=False)


def hypotheses(texts: list[str], ctx: Context) -> tuple[Hypothesis, ...]:
    out: list[Hypothesis] = []
    for text in texts:
        try:
            node = read_expression(text, allow_compare=True)
        except ParseError as exc:
            raise Bad(f"given {text!r}: {exc.message}") from None
        out.extend(hypothesis(with_definitions(node, ctx), ctx, text))
    return tuple(out) + law_conditions(ctx)


def law_conditions(ctx: Context) -> tuple[Hypothesis, ...]:
    """What a declared law says of its parameters that are letters (Bernoulli(p): 0 ≤ p ≤ 1;
    N(m, v): v ≥ 0), a hypothesis wherever they are written: |p| = p was refuted at p = −1
    beside random = { X = "Bernoulli(p)" } in a display that does not write X."""
    out: list[Hypothesis] = []
    for dist in ctx.random.values():
        for c in randomness.conditions(dist):
            if isinstance(c, sp.core.relational.Relational) and c.free_symbols \
                    and not c.atoms(sp.Indexed):
                made = Condition(c)
                if made not in out:
                    out.append(replace(made, shown=made.describe()))
    return tuple(out)


def with_definitions(node: Node, ctx: Context) -> Node:
    """A hypothesis on a name a display of the page defines (u > 0 after $$u = x - 5$$) is on
    what the name stands for (x − 5 > 0), as the displays read it; never on a letter of its
    own beside it (a counterexample u = 1, x = 0 satisfied the one and broke the other)."""
    if not ctx.displayed:
        return node
    shown = {reader_name(d): ctx.latex[d] for d in ctx.displayed if d in ctx.latex}  # (yhat for
    shown |= {d: ctx.latex[d] for d in ctx.displayed if d in ctx.latex}  # \hat{y}, u_1)

    def sub(n: Node) -> Node:
        if isinstance(n, Name) and n.id in shown and ctx.kind(n.id) is None:
            return Defined(n.id, shown[n.id], n.pos)
        if isinstance(n, Name) and ctx.kind(n.id) is None and (
                member := members.member_value(n.id, ctx)) is not None:
            return member
        return map_children(n, sub)
    return sub(node)


def _free_entry_indices(lhs: object, rhs: object, ctx: Context) -> list[str]:
    """The declared indices (ranging over a symbolic size) that entries in a hypothesis use
    in two different places: A[i, j] against A[j, i] says something of every pair only if i
    and j run over all values, which a hypothesis does not do."""
    entries = set()
    for side in (lhs, rhs):
        if isinstance(side, sp.Basic):
            entries |= side.atoms(sp.Indexed)
    by_base: dict = {}
    for a in entries:
        by_base.setdefault(a.base, set()).add(a.indices)
    symbols = {sym for sym, _ in ctx.indices.values()}
    out: set[str] = set()
    for places in by_base.values():
        if len(places) > 1:
            for ix in places:
                out |= {str(s) for i in ix for s in i.free_symbols if s in symbols}
    return sorted(out)


def hypothesis(node: Node, ctx: Context, text: str) -> list[Hypothesis]:
    if isinstance(node, Call) and node.func == "onehot" and node.args \
            and isinstance(node.args[0], Name) and node.args[0].id in ctx.random:
        raise Bad(f"given {text!r}: {node.args[0].id} is declared random (with its law), so it "
                  "cannot also be one-hot: declare one of the two")
    if isinstance(node, Call) and node.func == "onehot" and node.args \
            and isinstance(node.args[0], Name) and node.args[0].id in ctx.symbolic:
        base, n = ctx.symbolic[node.args[0].id]
        at = node.args[1] if len(node.args) == 2 else None
        if isinstance(at, Name) and ctx.kind(at.id) is not None:
            raise Bad(f"given {text!r}: the index of the 1, {at.id}, is declared ({ctx.kind(at.id)}); "
                      f"it is the hypothesis's own index, ranging over 1…{n}: use a letter the "
                      f"declarations do not have, as in onehot({base}, t) with t undeclared")
        if not isinstance(at, Name):
            raise Bad(f"given {text!r}: {base} has symbolic length {n}; name the index of its 1, "
                       f"as in onehot({base}, t) (then {base}_k = δ(k, t), t ∈ 1…{n})")
        try:
            return [OneHotAt(base, ctx.free_index(at.id, n))]
        except ParseError as exc:
            raise Bad(f"given {text!r}: {exc.message}") from None
    if isinstance(node, Call) and node.func == "onehot" and len(node.args) == 1:
        arg = node.args[0]
        if not (isinstance(arg, Name) and arg.id in ctx.vectors):
            raise Bad(f"given {text!r}: onehot(…) needs a declared vector, as in onehot(y)")
        return [OneHot(tuple(ctx.vectors[arg.id]))]
    if not isinstance(node, Compare):
        raise Bad(f"given {text!r}: write onehot(y), an equation a == b, or an inequality "
                   "such as x > 0")
    try:
        op, lhs, rhs = Evaluator(ctx).relation(node)
    except ParseError as exc:
        raise Bad(f"given {text!r}: {exc.message}") from None
    if op == "==" and is_matrix(lhs) and is_matrix(rhs) and lhs.shape == rhs.shape:
        # A == T(A) at explicit sizes: one equation per entry (each distinct one once), which
        # is what the property says (A symmetric); the claim is then decided under all of them
        seen: set[sp.Expr] = set()
        out: list[Hypothesis] = []
        for a, b in zip(lhs, rhs, strict=True):
            d = sp.expand(a - b)
            if d == 0 or d in seen or -d in seen:
                continue
            seen.add(d)
            out.append(Equation(a, b))
        return out
    if is_matrix(lhs) or is_matrix(rhs):
        raise Bad(f"given {text!r}: compare scalars ({shape_text(lhs)} {op} "
                   f"{shape_text(rhs)}); use sum(y) == 1 or y[1] > 0, or compare two arrays "
                   "of one shape with ==")
    if isinstance(lhs, SymArray) or isinstance(rhs, SymArray):  # A = Aᵀ at a symbolic size
        shown = lhs.shape_text if isinstance(lhs, SymArray) else rhs.shape_text
        raise Bad(f"given {text!r}: a hypothesis about a whole {shown} (a symmetric matrix, "
                  "A = Aᵀ) is not read: it would hold at one entry only. Write the claim for "
                  "a matrix that has the property by construction (S = A + A^T), or give the "
                  "sizes numbers and state it entry by entry")
    if ctx.symbolic or ctx.symbolic_matrices:  # A[i, j] == A[j, i]: at one i, j, not every
        free = _free_entry_indices(lhs, rhs, ctx)
        if free:
            raise Bad(f"given {text!r}: {'the index' if len(free) == 1 else 'the indices'} "
                      f"{', '.join(free)} {'is' if len(free) == 1 else 'are'} free here, so the "
                      "hypothesis would hold at that entry only, not for every entry (as A "
                      "symmetric means); write the claim for a matrix that has the property "
                      "by construction (S = A + A^T), or give the sizes numbers")
    if op == "==":
        return [Equation(lhs, rhs)]
    rel = {"!=": sp.Unequality, "<": sp.StrictLessThan, ">": sp.StrictGreaterThan, "<=": sp.LessThan,
           ">=": sp.GreaterThan}[op](lhs, rhs, evaluate=False)
    made = Condition(rel)
    return [replace(made, shown=made.describe())]
