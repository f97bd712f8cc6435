"""The neutral tree → SymPy objects, with shapes, broadcasting and every limit enforced.

Shapes follow the ML convention: vectors are columns with 1-based components,
``grad(f, v)`` has the shape of ``v``, ``jacobian(F, v)[i, j] = ∂F[i]/∂v[j]``,
scalar functions act entrywise, a scalar added to a vector broadcasts, and a
1 × 1 matrix is a scalar. ``grad``, ``diff`` and ``jacobian`` of explicit expressions are
taken on the shared DAG (:mod:`checker.differentiate`: one reverse pass per entry, SymPy's
rules); where that does not apply (kinks, arbitrary functions, sizes given by a symbol) the
derivative stays unevaluated and the engine evaluates it after expanding definitions.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import replace

import sympy as sp
from sympy.core.function import AppliedUndef

from checker import differentiate
from checker.parse import arrays, blocks, cases, ellipsis, sequences
from checker.parse.arrays import Misfit, ShapeError, SymArray, Unsized, is_array, is_matrix
from checker.parse.context import MAX_ENTRIES, Context
from checker.parse.declared import (
    AtVector,
    DeclaredFunctions,
    arbitrary,
    derivative_at,
    not_of_a_gradient,
    through_exp,
    unsmooth,
)
from checker.parse.tree import (
    INFINITY,
    Apply,
    Bin,
    Call,
    Cases,
    Choice,
    Compare,
    Defined,
    Index,
    ListLit,
    Name,
    Node,
    Num,
    ParseError,
    Pos,
    Prime,
    TupleLit,
    Unary,
    binder,
    bound_indices,
    children,
    map_children,
    plain,
    walk,
)
from checker.randomness import Covariance, Expect, Variance
from checker.symmetric import BY_SYMMETRIC, SymmetricBase, of_symmetric
from checker.vocab import softmax
from checker.vocabulary import BY_NAME, EXP_FORMS, MAX_FACTORIAL, ConditionalIntegral, Primitive

Value = sp.Expr | sp.ImmutableMatrix
_KINKED = (sp.Abs, sp.Max, sp.Min, sp.sign, sp.Heaviside, sp.Piecewise)  # no derivative at a kink

MAX_EXPONENT = 1000  # |k| in x**k
MAX_NUMBER_BITS = 100_000  # size of an exact number built by a power
MAX_ORDER = 4  # derivative order
MAX_SUM_TERMS = 1000
MAX_WORK = 200_000  # node evaluations (Sum bodies count once per term)
MAX_CALL_DEPTH = 20  # nested user-function calls
MAX_DET = 6  # det/inv only of small matrices: their expansion grows factorially





def shape_text(v: Value) -> str:
    if isinstance(v, SymArray):
        return v.shape_text
    return f"{v.shape[0]}×{v.shape[1]} matrix" if is_matrix(v) else "scalar"


def _sized(v: Value, node: Node) -> Value:
    """A whole expression's value: 1 or I without a size cannot be one."""
    if isinstance(v, Unsized):
        raise ParseError(f"the size of {v.shown} is not known here: write "
                         f"{'ones(n)' if v.kind == 'ones' else 'eye(n)'} with its size", node.pos,
                         implausible=True)  # (1 or I where no size can be had: no reading)
    return v






def _is_expression(a: SymArray) -> bool:
    """Not the declared array itself (W + 1, Wᵀ): its entries are not its base's entries."""
    base, dims = a.bases[0]
    i, j = sp.Dummy("i"), sp.Dummy("j")
    return a.entry(i, j) != (base[i] if len(dims) == 1 else base[i, j])


def _norm(v: Value) -> Value:
    if is_matrix(v) and v.shape == (1, 1):
        return v[0, 0]
    if isinstance(v, SymArray) and arrays.same_size(v.rows, 1) and arrays.same_size(v.cols, 1):
        return v.entry(sp.Integer(1), sp.Integer(1))  # xᵀ y, a 1 × 1 product: a scalar
    return v


_RELATIONS = {"==": sp.Eq, "!=": sp.Ne, "<": sp.StrictLessThan, ">": sp.StrictGreaterThan,
              "<=": sp.LessThan, ">=": sp.GreaterThan}
_KNOWN = {sp.StrictGreaterThan: "is_positive", sp.GreaterThan: "is_nonnegative", sp.Ne: "is_nonzero"}


def _column(v: object) -> bool:
    """A column vector (n × 1, of symbolic n too)."""
    if isinstance(v, SymArray):
        return v.is_vector and v.cols == 1
    return is_matrix(v) and v.shape[1] == 1 and v.shape[0] > 1  # type: ignore[union-attr]


def _entrywise_product(a: Value, b: Value) -> Value:
    """a ⊙ b of two arrays of one shape (explicit, or of symbolic size)."""
    if isinstance(a, SymArray):
        return arrays.hadamard(a, b)  # type: ignore[arg-type]
    a, b = _spread(a, b)  # type: ignore[arg-type]  # (a row ⊙ a matrix: in every row)
    return sp.ImmutableMatrix(a.shape[0], a.shape[1],  # type: ignore[union-attr]
                              [x * y for x, y in zip(a, b, strict=True)])  # type: ignore[arg-type]


def _spread(a: sp.MatrixBase, b: sp.MatrixBase) -> tuple[sp.MatrixBase, sp.MatrixBase]:
    """As :func:`checker.parse.arrays.spread`, at explicit sizes: a row (1 × c) added to an
    r × c matrix is added to each of its rows, a column (r × 1) to each column."""
    (ra, ca), (rb, cb) = a.shape, b.shape
    if (ra == 1 and ca == cb and rb != 1) or (ca == 1 and ra == rb and cb not in (1, ra)):
        return sp.ImmutableMatrix(rb, cb, lambda i, j: a[0 if ra == 1 else i,
                                                          0 if ca == 1 else j]), b
    if (rb == 1 and cb == ca and ra != 1) or (cb == 1 and rb == ra and ca not in (1, rb)):
        return a, sp.ImmutableMatrix(ra, ca, lambda i, j: b[0 if rb == 1 else i,
                                                            0 if cb == 1 else j])
    return a, b


def _rows_cols(v: object) -> tuple[sp.Expr, sp.Expr]:
    """The shape of an array, explicit or symbolic."""
    if isinstance(v, SymArray):
        return v.rows, v.cols
    return tuple(sp.Integer(d) for d in v.shape)  # type: ignore[union-attr, return-value]


def _is_vector(v: object) -> bool:
    if isinstance(v, SymArray):
        return v.is_vector
    return is_matrix(v) and 1 in v.shape  # type: ignore[union-attr]


def prebind(ctx: Context, trees: list[Node]) -> None:
    """The free indices of a claim or a chain, bound before any side is read: i in x[i] with
    x of symbolic length n ranges over 1…n wherever the claim uses i (delta(i, j) before x[j]
    was "j is not bound here", unless another derivation of the file had used j first). An
    index a sum binds is not free; one that cannot be bound is left to the reading to say.
    A free index over an explicit length is the claim's or chain's own: an earlier one's is
    forgotten first (i over z's 3 entries there, over x's 2 here, or a plain letter)."""
    for name in [k for k, (_, n) in ctx.indices.items() if n.is_Integer]:
        del ctx.indices[name]
    stack: list[tuple[Node, frozenset[str]]] = [(t, frozenset()) for t in reversed(trees)]
    while stack:
        node, bound = stack.pop()
        bound = bound | _bound_by(node)
        if isinstance(node, Index) and isinstance(node.target, Name) \
                and node.target.id in ctx.symbolic and len(node.indices) == 1:
            (i,) = node.indices
            if isinstance(i, Name) and i.id not in bound and i.id not in ctx.indices \
                    and ctx.kind(i.id) is None:
                try:
                    ctx.free_index(i.id, ctx.symbolic[node.target.id][1])
                except ParseError:
                    pass
        elif isinstance(node, Index):
            _bind_explicit(ctx, node, bound)
        stack.extend((c, bound) for c in reversed(children(node)))  # (in the order written)


_PATTERNS = ("_pattern_vector", "_pattern_row", "_pattern_matrix")


def _bound_by(node: Node) -> set[str]:
    """The indices a node binds in what it holds: a sum's or product's, and the row and column
    indices of a vector or matrix written with an ellipsis (x_1, …, x_n; a_11 ⋯ a_mn)."""
    k = binder(node)
    if k is not None:
        return {k}
    if isinstance(node, Call) and node.func in _PATTERNS:
        return {a.items[0].id for a in node.args[1:]
                if isinstance(a, TupleLit) and a.items and isinstance(a.items[0], Name)}
    return set()


def _bind_explicit(ctx: Context, node: Index, bound: frozenset[str]) -> None:
    """x_i, W_{ij}, \\hat{y}_k of an explicit vector or matrix (declared z = 3, or defined as
    softmax(z)) with a letter nothing binds: a free index over that axis's length, the line
    stated for each of its values (read at each: checker.parse.readings)."""
    letters = [i.id if isinstance(i, Name) and i.id.isidentifier()  # (not a reader's own
               and i.id not in bound and ctx.kind(i.id) is None  # marker, \x00r of a rule)
               and i.id not in ctx.symbolic and (i.id not in ctx.indices
                                                 or ctx.indices[i.id][1].is_Integer)
               else None for i in node.indices]
    if not any(letters):
        return
    try:
        target = Evaluator(ctx).value(node.target)
    except (ParseError, RecursionError):
        return
    if not isinstance(target, sp.MatrixBase):
        return
    axes = [target.rows] if len(letters) == 1 and 1 in target.shape and target.cols == 1 \
        else list(target.shape) if len(letters) == 2 else []
    for name, n in zip(letters, axes, strict=False):
        if name is not None:
            try:
                ctx.free_index(name, sp.Integer(n))
            except ParseError:
                pass


def index_uses(ctx: Context, tree: Node) -> dict[str, int]:
    """How many times one product of a line writes each of its free indices (bound by
    :func:`prebind`, over any length), the most over its terms: j twice in W_{ij} x_j (the mark
    of the summation convention where the other side has no j), once in x_j + x_j; a sum that
    binds a letter of the same name hides it."""
    def count(node: Node, bound: frozenset[str]) -> dict[str, int]:
        bound = bound | _bound_by(node)
        if isinstance(node, Name):
            return {node.id: 1} if node.id not in bound and node.id in ctx.indices else {}
        if isinstance(node, Choice):  # (a reader's guess: its reading by convention)
            return count(node.options[0], bound)
        found = [count(c, bound) for c in children(node)]
        out: dict[str, int] = {}
        terms = isinstance(node, Bin) and node.op in ("+", "-")  # (∂x_i/∂x_i: i twice, δ_ii
        # summed by the convention, as ∂(W x)_i/∂W_{ij}: the variable counts as a factor)
        for f in found:
            for k, v in f.items():
                out[k] = max(out.get(k, 0), v) if terms else out.get(k, 0) + v
        return out

    try:
        return count(tree, frozenset())
    except RecursionError:
        return {}


def explicit_free(ctx: Context, tree: Node) -> list[tuple[str, int]]:
    """The free indices over explicit lengths (bound by :func:`prebind`) that a line uses, in
    the order written: (name, length)."""
    out: dict[str, int] = {}
    stack: list[tuple[Node, frozenset[str]]] = [(tree, frozenset())]
    while stack:
        node, bound = stack.pop()
        bound = bound | _bound_by(node)
        if isinstance(node, Name) and node.id not in bound and node.id in ctx.indices \
                and ctx.indices[node.id][1].is_Integer:
            out.setdefault(node.id, int(ctx.indices[node.id][1]))
        stack.extend((c, bound) for c in reversed(children(node)))
    return list(out.items())



_BINDERS = frozenset({"diff", "grad", "jacobian", "_at", "_leibniz", "hessian"})


def _binds_a_variable(body: Node | None) -> bool:
    """The body differentiates by a letter, or evaluates at one: a value put in for a
    parameter must not be caught by it (see Evaluator._apply_after)."""
    return body is not None and any(isinstance(n, Call) and n.func in _BINDERS
                                    for n in walk(body))


def _whole(e: sp.Expr) -> bool:
    """e is certainly a whole number: declared so, or a sum, product or power of such (SymPy
    says nothing of Σ_i y_i with integer y_i)."""
    if e.is_integer is True:
        return True
    if isinstance(e, sp.Sum | sp.Product):
        return _whole(e.function) and all(_whole(b) for _, *bounds in e.limits for b in bounds)
    if isinstance(e, sp.Add | sp.Mul):
        return all(_whole(a) for a in e.args)
    if isinstance(e, sp.Pow):
        return _whole(e.base) and e.exp.is_Integer and e.exp >= 0
    return False


def _over_range(r: sp.Basic, k: sp.Symbol, lo: sp.Expr, hi: sp.Expr) -> list | None:
    """A condition of a sum's term, linear in its index k, as conditions at the ends of the
    range lo…hi (where a linear expression is positive at both ends it is in between; for ≠ 0,
    the same sign at both ends); None where the condition is not linear in k."""
    e = r.lhs - r.rhs
    try:
        poly = sp.Poly(e, k)
    except sp.PolynomialError:
        return None
    if poly.degree() > 1 or any(c.has(k) for c in poly.all_coeffs()):
        return None
    at_lo, at_hi = e.xreplace({k: lo}), e.xreplace({k: hi})
    if isinstance(r, sp.Ne):
        return [sp.StrictGreaterThan(sp.expand(at_lo * at_hi), 0)]
    return [type(r)(at_lo, 0), type(r)(at_hi, 0)]


def _no_factorial_in(f: Value, variables: set[sp.Symbol], pos: Pos) -> None:
    """A factorial has no derivative in its own whole number: refused, not left unknown."""
    if isinstance(f, SymArray):
        return
    for e in (list(f) if is_matrix(f) else [f]):
        for a in e.atoms(sp.factorial) if isinstance(e, sp.Basic) else ():
            hit = a.args[0].free_symbols & variables
            if hit:
                name = sorted(str(v) for v in hit)[0]
                raise ParseError(f"a derivative in {name} of {sp.sstr(a)}: a factorial is a "
                                 f"function of a whole number {name}, with no derivative in it",
                                 pos)


class Evaluator(DeclaredFunctions):
    """Evaluates trees in a context.

    Scoping is lexical: the body of a declared function, and the value of a ``[context]
    latex`` entry, mean what they mean where they are written. Their free names are the
    file's names (never a parameter, ``Sum`` index or local of the place they are used),
    and parameters are bound to the call's values without capture.

    ``choices`` decides the reader's guesses (:class:`~checker.parse.tree.Choice`): key →
    option index (default 0); every choice met is recorded in ``seen``.
    """

    def __init__(self, ctx: Context, choices: dict[str, int] | None = None) -> None:
        self.ctx = ctx
        self.env: dict[str, Value] = {}
        # the indices of the symbolic sums being read → their bounds (Σ_{j=1}^{D}: j ∈ 1…D)
        self.sum_ranges: dict[sp.Symbol, tuple[sp.Expr, sp.Expr]] = {}
        self.work = 0
        self.entrywise = 0  # inside a ⊙ (hadamard): a number beside a matrix is in every entry
        self.defining = 0  # inside a definition's value (its readings are its own)
        self.depth = 0
        self.choices = choices or {}
        self.whole: Value | None = None  # a value of the chain's shape (a step that is I alone)
        self.seen: dict[str, Choice] = {}
        # Where the expression is defined, as read (SymPy cancels x/x to 1 and sqrt(x)**2 to
        # x at once, so this is the only place that sees them): relations d ≠ 0, d > 0, d ≥ 0.
        self.domain: dict[sp.Basic, None] = {}

    def require(self, kind: type, e: Value) -> None:
        """Record that e must be non-zero (``sp.Ne``), positive or non-negative."""
        for t in (e if is_matrix(e) else [e]):
            if getattr(t, _KNOWN[kind]) is not True:
                self.domain[kind(t, 0, evaluate=False)] = None

    def _needs(self, relation: sp.Basic) -> None:
        """Record a relation carried over from a body, unless it now holds by itself."""
        if relation is not sp.true:
            self.domain[relation] = None

    # -- entry points ----------------------------------------------------------------
    def value(self, node: Node) -> Value:
        if isinstance(node, Compare):
            raise ParseError("a comparison is only allowed in a claim or a hypothesis", node.pos)
        v = self.visit(node)
        if isinstance(v, Unsized) and self.whole is not None:  # A⁻¹A = I: I of the chain's size
            zero = arrays.apply(self.whole, lambda e: sp.Integer(0)) \
                if isinstance(self.whole, SymArray) else sp.zeros(*self.whole.shape).as_immutable()
            v = self.unsized_binary("+", v, zero, node.pos)
        return self.not_a_value_at_an_array(_sized(v, node), node.pos)

    def relation(self, node: Node) -> tuple[str, Value, Value]:
        if not isinstance(node, Compare):
            raise ParseError("expected a comparison such as lhs == rhs", node.pos)
        return node.op, *(self.not_a_value_at_an_array(_sized(self.visit(side), side), side.pos)
                          for side in (node.left, node.right))

    def chosen(self, node: Choice) -> Node:
        """The option of a reader's guess this reading takes (recorded as met)."""
        self.seen.setdefault(node.key, node)
        k = self.choices.get(node.key, 0)
        return node.options[k if 0 <= k < len(node.options) else 0]

    # -- dispatch ----------------------------------------------------------------------
    def visit(self, node: Node) -> Value:
        try:
            return self._visit(node)
        except ShapeError as exc:
            error = ParseError(str(exc), getattr(node, "pos", None), misfit=isinstance(exc, Misfit),
                               implausible=True)
            error.shapes = True
            error.pairs = getattr(exc, "pairs", ())
            raise error from None

    def _visit(self, node: Node) -> Value:
        self.work += 1
        if self.work > MAX_WORK:
            raise ParseError(f"the expression expands to more than {MAX_WORK} parts", node.pos)
        if isinstance(node, Num):
            return sp.Rational(node.value.numerator, node.value.denominator)
        if isinstance(node, Name):
            return self.name(node)
        if isinstance(node, Unary):
            v = self.visit(node.operand)
            if node.op != "-":
                return v
            if isinstance(v, Unsized):  # −I, −1 without a size: its size from its neighbour
                return replace(v, coef=-v.coef)
            return arrays.scale(v, sp.S.NegativeOne) if isinstance(v, SymArray) else -v
        if isinstance(node, Bin):
            return _norm(self.binary(node))
        if isinstance(node, Index):
            return self.index(node)
        if isinstance(node, Call):
            return _norm(self.call(node))
        if isinstance(node, ListLit):
            return _norm(self.matrix_literal(node.items, node.pos))
        if isinstance(node, Choice):
            return self.visit(self.chosen(node))
        if isinstance(node, Defined):
            self.defining += 1  # (a definition's readings are its own: see dotted)
            try:
                return self.closed(node.body)
            except ParseError as exc:  # shapes that fit at no size or some: the definition's
                if not exc.misfit:     # fault, not the step's (an error, not a refutation)
                    raise
                raise ParseError(f"the definition of {node.name}: {exc.message}", node.pos) \
                    from None
            finally:
                self.defining -= 1
        if isinstance(node, Apply):
            return self.apply(node.func, node.args, node.pos)
        if isinstance(node, Cases):
            return self.cases(node)
        if isinstance(node, Prime):
            return self.prime(node)
        if isinstance(node, TupleLit):
            raise ParseError("a tuple is only allowed as the range of a Sum, (j, 1, n)", node.pos)
        if isinstance(node, Compare):
            raise ParseError("a comparison cannot be nested inside an expression", node.pos)
        raise ParseError(f"cannot evaluate {type(node).__name__}")  # pragma: no cover

    def name(self, node: Name) -> Value:
        if node.id in self.env:
            return self.env[node.id]
        if node.id in self.ctx.rows and self.ctx.kind(node.id) is None:
            matrix = self.ctx.rows[node.id]
            raise ParseError(f"{node.id} alone: the rows of {matrix} are {node.id}_i (the i-th "
                             f"example); write {node.id}_i for one, or {matrix} for all of them",
                             node.pos)
        if node.id in self.ctx.symbolic:  # a vector of symbolic length n
            base, n = self.ctx.symbolic[node.id]
            return arrays.declared(base, n)
        if node.id in self.ctx.symbolic_matrices:  # an H × D matrix
            base, rows, cols = self.ctx.symbolic_matrices[node.id]
            return arrays.declared(base, rows, cols)
        if node.id in self.ctx.dims:
            return self.ctx.dims[node.id]
        if node.id in self.ctx.indices:
            return self.ctx.indices[node.id][0]
        kind = self.ctx.kind(node.id)
        if kind == "vector":
            return self.ctx.vectors[node.id]
        if kind == "matrix":
            return self.ctx.matrices[node.id]
        if kind in ("function", "builtin"):
            raise ParseError(f"{node.id} is a function: call it, as in {node.id}(x)", node.pos)
        if kind == "constant":
            return sp.pi if node.id == "pi" else sp.E
        return self.ctx.symbol(node.id)

    def closed(self, node: Node) -> Value:
        """Evaluate ``node`` in the file's scope: no local name of the caller is visible."""
        saved = self.env
        self.env = {}
        try:
            return self.visit(node)
        finally:
            self.env = saved

    def cases(self, node: Cases) -> Value:
        """A definition by cases: one function, defined where some case applies
        (:mod:`checker.parse.cases` refuses overlaps and gaps it cannot show harmless)."""
        rows: list[cases.Row] = []
        needs: list[list[sp.Basic]] = []  # what each value needs, where its case applies
        sides: dict[int, list[tuple[Value, Value]]] = {}  # the conditions' sides, by row
        compared: list[Value] = []
        for k, (_, conds) in enumerate(node.rows):
            for c in conds or ():
                if c.op in ("==", "!="):
                    continue
                a, b = self.visit(c.left), self.visit(c.right)
                sides.setdefault(k, []).append((a, b))
                compared += [v for v in (a, b) if is_array(v)]
        if compared:  # 1[z > 0] of a vector z: entry by entry (ReLU's derivative in backprop)
            return self._entrywise_cases(node, sides, compared)
        for value_node, conds in node.rows:
            before = set(self.domain)
            value = self.visit(value_node)
            needs.append([r for r in self.domain if r not in before])
            for r in needs[-1]:
                del self.domain[r]
            if is_array(value):
                raise ParseError("the values of a definition by cases must be scalars",
                                 value_node.pos)
            if conds is None:
                rows.append((value, None))
                continue
            rels = []
            read = iter(sides.get(len(rows), []))  # (this row's sides, read above)
            for c in conds:
                if c.op in ("==", "!="):  # i = j: indices, as in delta(i, j)
                    a, b = self._maybe_index(c.left), self._maybe_index(c.right)
                else:
                    a, b = next(read)
                if is_array(a) or is_array(b):
                    raise ParseError("a condition compares two scalars", c.pos)
                rels.append(_RELATIONS[c.op](a, b))
            rows.append((value, rels))
        try:
            built = cases.build(rows, needs)
        except cases.CasesError as exc:
            raise ParseError(str(exc), node.pos) from None
        for gap in built.gaps:  # undefined where no case applies (or its value is not)
            self.require(sp.Ne, gap)
        for r in built.needs:
            self._needs(r)
        return built.value

    def _entrywise_cases(self, node: Cases, sides: dict[int, list[tuple[Value, Value]]],
                         compared: list[Value]) -> Value:
        """Cases whose conditions compare a vector or matrix (1[z > 0], scalar values): the
        cases of each entry, in the array's shape; every array compared must have one shape
        and be compared with a scalar or an array of that shape."""
        first = compared[0]
        shape = first.shape if is_matrix(first) else (first.rows, first.cols)  # type: ignore[union-attr]
        for v in compared:
            other = v.shape if is_matrix(v) else (v.rows, v.cols)  # type: ignore[union-attr]
            if isinstance(first, SymArray) != isinstance(v, SymArray) or not all(
                    arrays.same_size(x, y) for x, y in zip(shape, other, strict=True)):
                raise ParseError("a condition compares arrays of different shapes", node.pos)
        values = []
        for value_node, _ in node.rows:
            value = self.visit(value_node)
            if is_array(value):
                raise ParseError("the values of a definition by cases must be scalars",
                                 value_node.pos)
            values.append(value)

        def entry(i: sp.Expr, j: sp.Expr) -> sp.Expr:
            rows: list[cases.Row] = []
            for k, (_, conds) in enumerate(node.rows):
                if conds is None:
                    rows.append((values[k], None))
                    continue
                rels = [_RELATIONS[c.op](*(v.entry(i, j) if isinstance(v, SymArray) else
                                           v[i - 1, j - 1] if is_matrix(v) else v
                                           for v in ab))
                        for c, ab in zip([c for c in conds if c.op not in ("==", "!=")],
                                         sides.get(k, []), strict=True)]
                if len(rels) != len(conds):
                    raise ParseError("a condition on indices beside one on an array's entries "
                                     "is not read", node.pos)
                rows.append((values[k], rels))
            try:
                built = cases.build(rows, [[] for _ in rows])
            except cases.CasesError as exc:
                raise ParseError(str(exc), node.pos) from None
            if built.gaps:
                raise ParseError("an entrywise definition by cases must cover every value "
                                 "(add \\text{otherwise})", node.pos)
            return built.value

        if isinstance(first, SymArray):
            return SymArray(first.rows, first.cols, entry, first.bases)
        rows_n, cols_n = shape
        return sp.ImmutableMatrix(rows_n, cols_n, lambda a, b: entry(sp.Integer(a + 1),
                                                                     sp.Integer(b + 1)))

    def prime(self, node: Prime) -> Value:
        """f'(u): the derivative of the one-variable function f, at u (entrywise on a vector).

        The derivative is taken in f's own variable ξ and then evaluated at u; where u is a
        plain symbol that f's definition does not otherwise mention, that is d/du f(u)."""
        if node.func in self.ctx.contested:
            raise ParseError(self.ctx.contested[node.func], node.pos)
        arg = self.visit(node.args[0])
        fn = self.ctx.functions.get(node.func)
        if fn is not None and fn.body is None and fn.params and (
                len(fn.params) > 1 or is_array(arg) or self._shape_of(fn.params[0]) not in (
                    None, False)):  # "L(p)" = "arbitrary" of a vector: one number, no L′
            raise ParseError(f"{node.func}' of {node.func}, a function of "
                             f"{', '.join(fn.params)} taken whole: a prime is the derivative of a "
                             f"function of one number; write \\frac{{\\partial {node.func}}}"
                             f"{{\\partial {fn.params[0]}_k}} for a partial derivative", node.pos)
        if is_matrix(arg):
            return arg.applyfunc(lambda a: self._prime_at(node, a)).as_immutable()
        if isinstance(arg, SymArray):  # σ'(z) of a vector of symbolic length: entry by entry
            return self._entrywise(arg, lambda a: self._prime_at(node, a, at_symbol=False),
                                   node.pos)
        return self._prime_at(node, arg)

    def _prime_at(self, node: Prime, at: sp.Expr, at_symbol: bool = True) -> sp.Expr:
        xi = sp.Dummy("xi", real=True)
        name, ctx = node.func, self.ctx
        recorded = dict(self.domain)
        if name in ctx.functions and ctx.functions[name].body is not None:
            body = self._apply(ctx.functions[name], [xi], node.pos)
        elif name in BY_NAME:
            fn = BY_NAME[name]
            self._defined(fn, xi)
            body = fn.build(xi)
        elif ctx.kind(name) in (None, "function"):  # undeclared, or declared arbitrary
            body = arbitrary(ctx.functions[name].name if name in ctx.functions else name,
                             declared=name in ctx.functions)(xi)
        else:  # pragma: no cover - the reader refuses primes on values
            raise ParseError(f"{name} is not a function", node.pos)
        if is_array(body):
            raise ParseError(f"{name}' of a function whose value is a vector or matrix", node.pos)
        # where f is defined at ξ, it must be defined at the point u
        added = [r for r in self.domain if r not in recorded]
        self.domain = recorded
        for r in added:
            self._needs(r.xreplace({xi: at}))
        if at_symbol and isinstance(at, sp.Symbol) and at not in body.free_symbols:
            return sp.Derivative(body.xreplace({xi: at}), (at, node.order))
        if isinstance(body, AppliedUndef):  # f′ at u, an atom of its own (checker.strategies.prepare)
            return sp.Subs(sp.Derivative(body, (xi, node.order)), xi, at)
        if body.has(*_KINKED):
            raise ParseError(f"{name}{chr(39) * node.order}({sp.sstr(at)}): {name} has kinks, where it "
                             "has no derivative; write the derivative with the variable named, "
                             f"as in \\frac{{d}}{{dx}} {name}(…), so that the kinks are found",
                             node.pos)
        # differentiated now, by SymPy, through exp for σ, tanh, sinh, cosh (no hand-written rule)
        smooth = body.rewrite(list(EXP_FORMS), sp.exp) if body.has(*EXP_FORMS) else body
        return sp.diff(smooth, xi, node.order).xreplace({xi: at})

    # -- operators ---------------------------------------------------------------------
    def binary(self, node: Bin) -> Value:
        a, b = self.visit(node.left), self.visit(node.right)
        op, pos = node.op, node.pos
        if op in ("*", "@"):  # AB with A a declared matrix and B undeclared: B a number?
            for mine, other in ((node.left, b), (node.right, a)):
                if isinstance(mine, Name) and re.fullmatch(r"[A-Z]", mine.id) \
                        and not (mine.id == "I" and "I:identity" in self.seen) \
                        and self.ctx.kind(mine.id) is None and mine.id not in self.ctx.latex \
                        and (is_matrix(other) or isinstance(other, SymArray)) \
                        and not _is_vector(other):
                    raise ParseError(f"{mine.id} is not declared, and it multiplies a matrix: a "
                                     "matrix or a number? Declare it under [context] matrices "
                                     "(or symbols for a number)", mine.pos)
        if op == "@" and node.side_by_side and any(
                not is_array(v) and not isinstance(v, Unsized) for v in (a, b)):
            op = "*"  # p (pᵀ g): the bracket is a number (a 1 × 1 product), so a product of numbers
        if op in "+-" and node.latex and ((_square(a) and _number(b))
                                          or (_square(b) and _number(a))):
            a, b = self.shifted(node, a, b)
        if op == "*" and node.dotted and _column(a) and _column(b):
            return self.dotted(node, a, b)
        if op == "*" and node.dotted and is_array(a) and is_array(b) \
                and (isinstance(a, SymArray) == isinstance(b, SymArray)):
            return self.dotted_arrays(node, a, b)
        return self.binary_of(op, a, b, pos)

    def dotted_arrays(self, node: Bin, a: Value, b: Value) -> Value:
        r"""A \\cdot B of two arrays, not two columns (W \\cdot x, u^T \\cdot w, A \\cdot B): the
        matrix product, as ML notes write z = W \\cdot x + b, or the entrywise product? Where
        only one fits the shapes at every size it is read (W \\cdot x: the product); where both
        do (two n × n matrices), both are readings (checker/parse/readings.py). Where the other
        one fits at some sizes only (W \\cdot V of m × n and n × m: at m = n), or neither fits,
        the line is refused: which is meant cannot be told."""
        def rows_cols(v: Value) -> tuple:
            return (v.rows, v.cols) if isinstance(v, SymArray) else v.shape  # type: ignore[union-attr]

        (ra, ca), (rb, cb) = (tuple(sp.Integer(d) if isinstance(d, int) else d for d in
                                    rows_cols(v)) for v in (a, b))
        dims = set().union(*(d.free_symbols for d in (ra, ca, rb, cb)))

        def fits(pairs: list[tuple], every: bool) -> bool:
            if every:
                return all(arrays.same_size(x, y) for x, y in pairs)
            return any(all(x.xreplace(at) == y.xreplace(at)
                           for x, y in pairs)  # (sizes 2 or 3 throughout: not all 1 × 1)
                       for at in ({d: k for d in dims} for k in (2, 3)))

        product_pairs, entry_pairs = [(ca, rb)], [(ra, rb), (ca, cb)]
        product, entrywise = fits(product_pairs, True), fits(entry_pairs, True)
        shown = f"{plain(node.left)} \\cdot {plain(node.right)}"
        if (product and not entrywise and fits(entry_pairs, False)) or (
                entrywise and not product and fits(product_pairs, False)) or not (
                product or entrywise):
            raise ParseError(f"{shown}: the matrix product or the entrywise product? "
                             + ("neither fits the shapes here" if not (product or entrywise)
                                else "at some sizes both fit the shapes")
                             + f"; write {plain(node.left)} {plain(node.right)} for the matrix "
                             "product, or \\odot for the entrywise one", node.pos)
        if product and entrywise:
            choice = Choice(f"cdot:{node.pos}", (node.left, node.right),
                            ("the matrix product", "the entrywise product"),
                            f"write {plain(node.left)} {plain(node.right)} for the matrix "
                            f"product, or \\odot for the entrywise one (in {shown})", node.pos)
            product = self.chosen(choice) is choice.options[0]
        return self.binary_of("@", a, b, node.pos) if product else _entrywise_product(a, b)

    def dotted(self, node: Bin, a: Value, b: Value) -> Value:
        r"""u \cdot v of two column vectors: the dot product, as mathematics writes it (w · x
        + b), or the entrywise product, as backprop notes often do (W^T δ · σ'(z))? Two
        readings (checker/parse/readings.py); a reading whose equation does not fit its
        shapes is none (checker.engine)."""
        shown = f"{plain(node.left)} \\cdot {plain(node.right)}"
        symbolic = isinstance(a, SymArray) or isinstance(b, SymArray)
        if symbolic and (self.defining or not (isinstance(a, SymArray) and isinstance(
                b, SymArray) and a.is_vector and b.is_vector)):  # (h = w · x: a number or a
            # column? A line that uses h cannot say what h is: its definition, alone, does not)
            raise ParseError(f"{shown} of two vectors: the dot product or the entrywise "
                             f"product? Write {plain(node.left)}^T {plain(node.right)} for the "
                             f"first, {plain(node.left)} \\odot {plain(node.right)} for the "
                             "second", node.pos)
        choice = Choice(f"dot:{node.pos}", (node.left, node.right),
                        ("the dot product", "the entrywise product"),
                        f"write {plain(node.left)}^T {plain(node.right)} for the dot product, or "
                        f"\\odot for the entrywise one (in {shown})", node.pos)
        if symbolic:  # two columns of symbolic length: Σ_k u_k v_k, or the column u ⊙ v
            dot = self.chosen(choice) is choice.options[0]
            return arrays.dot(a, b) if dot else _entrywise_product(a, b)  # type: ignore[arg-type]
        if self.chosen(choice) is choice.options[0]:
            if is_matrix(a) and is_matrix(b) and a.shape == b.shape:
                return sp.Add(*[x * y for x, y in zip(a, b, strict=True)])
            raise ParseError(f"the dot product of a {shape_text(a)} and a {shape_text(b)}",
                             node.pos)
        if is_matrix(a) and is_matrix(b) and a.shape == b.shape:
            return _entrywise_product(a, b)
        raise ParseError(f"the entrywise product of a {shape_text(a)} and a {shape_text(b)}",
                         node.pos)

    def shifted(self, node: Bin, a: Value, b: Value) -> tuple[Value, Value]:
        """A number beside a square matrix in LaTeX (A + λ, diag(p) − pᵀp): the number in
        every entry (NumPy's broadcast), or the number times the identity (a shift, A + λI)?
        Two readings (checker/parse/readings.py), unless the number is a bare I read as a
        number, which beside a matrix is no reading (X^T X + λI: I is the identity)."""
        number = b if _square(a) else a
        matrix = a if _square(a) else b
        written = node.left if matrix is a else node.right
        if self.entrywise or (isinstance(written, Call) and written.func in BY_NAME
                              and BY_NAME[written.func].entrywise):
            return a, b  # 1 − σ(A), A ⊙ (1 − A): entry by entry, as what stands beside it
        if self.ctx.kind("I") is None and "I" not in self.ctx.latex \
                and any(getattr(v, "name", "") == "I" for v in number.free_symbols):
            raise ParseError("I read as a number, added to a square matrix: no reading (I is "
                             "the identity there)", node.pos, implausible=True)
        shown = plain(node.right if number is b else node.left)
        choice = Choice(f"shift:{node.pos}", (node.left, node.right),
                        (f"{shown} in every entry", f"{shown} times the identity"),
                        f"write {shown} \\mathbf{{I}} for the number times the identity, or "
                        f"{shown} \\mathbf{{1}}\\mathbf{{1}}^T for every entry", node.pos)
        if self.chosen(choice) is choice.options[0]:
            return a, b
        rows = matrix.rows if isinstance(matrix, SymArray) else matrix.shape[0]
        eye = arrays.scale(arrays.identity(rows), number) if isinstance(matrix, SymArray) \
            else (sp.eye(rows) * number).as_immutable()
        return (eye, b) if number is a else (a, eye)

    def binary_of(self, op: str, a: Value, b: Value, pos: Pos) -> Value:
        if isinstance(a, Unsized) or isinstance(b, Unsized):
            return self.unsized_binary(op, a, b, pos)
        if isinstance(a, SymArray) or isinstance(b, SymArray):
            return self.sym_binary(op, a, b, pos)
        if op in "+-":
            if is_matrix(a) and is_matrix(b):
                a, b = _spread(a, b)
            if is_matrix(a) and is_matrix(b) and a.shape != b.shape:
                outer = 1 in (a.shape[0], b.shape[0]) and 1 in (a.shape[1], b.shape[1])
                square = any(x.shape[1] == 1 and y.shape[0] == y.shape[1] == x.shape[0]
                             for x, y in ((a, b), (b, a)))  # (a column beside a square matrix)
                raise ParseError(f"cannot {'add' if op == '+' else 'subtract'} a "
                                 f"{shape_text(a)} and a {shape_text(b)}"
                                 + (arrays.OUTER if outer else arrays.FLAT if square else ""),
                                 pos, misfit=not (outer or square))
            if is_matrix(a) and not is_matrix(b):
                b = sp.ones(*a.shape) * b
            elif is_matrix(b) and not is_matrix(a):
                a = sp.ones(*b.shape) * a
            out = a + b if op == "+" else differentiate.matrix_minus(a, b) \
                if is_matrix(a) else a - b
            return out.as_immutable() if is_matrix(out) else out
        if op == "*":
            if is_matrix(a) and is_matrix(b):
                raise ParseError("* of two matrices is ambiguous: use A @ B for the matrix "
                                 "product or hadamard(A, B) for the entrywise product", pos)
            out = a * b
            return out.as_immutable() if is_matrix(out) else out
        if op == "/":
            if is_matrix(b):
                return self._quotient(a, b, pos)
            if b == 0:
                raise ParseError("division by zero", pos)
            self.require(sp.Ne, b)
            return (a / b).as_immutable() if is_matrix(a) else a / b
        if op == "**":
            return self.power(a, b, pos)
        if op == "@":
            if not (is_matrix(a) and is_matrix(b)):
                raise ParseError(f"@ is the matrix product, here of a {shape_text(a)} and a "
                                 f"{shape_text(b)}; use * for scalars", pos)
            if a.shape[1] != b.shape[0]:
                hint = " (for two vectors use T(x) @ y or dot(x, y))" \
                    if a.shape[1] == 1 and b.shape[1] == 1 else ""
                raise ParseError(f"shapes do not align for @: {shape_text(a)} @ "  # (a wrong
                                 f"{shape_text(b)}{hint}", pos,  # step: W for Wᵀ; two vectors
                                 misfit=min(a.shape) > 1 or min(b.shape) > 1)  # side by side
                # may be meant entry by entry, σ(z)(1 − σ(z)): no wrong step, unread)
            _entries(a.shape[0], b.shape[1], pos)
            return (a * b).as_immutable()
        raise ParseError(f"unknown operator {op}", pos)  # pragma: no cover

    def unsized_binary(self, op: str, a: Value, b: Value, pos: Pos) -> Value:
        """1 or I written without a size, beside a value whose shape gives it one."""
        u_left = isinstance(a, Unsized)
        u, other = (a, b) if u_left else (b, a)
        if isinstance(other, Unsized):
            both = u.kind == other.kind == "identity" and not u.transposed and not other.transposed
            if both and op in "+-":  # I + I, I − I + I: still the identity, times a number
                right = other if u_left else u
                left = u if u_left else other
                return replace(left, coef=left.coef + right.coef if op == "+" else
                               left.coef - right.coef)
            if both and op in ("*", "@"):  # I I: the identity
                return replace(u, coef=u.coef * other.coef)
            raise ParseError(f"{u.shown} beside {other.shown}: write the size of one, as in "
                             "\\mathbf{1}_n or \\mathbf{I}_n (in LaTeX; ones(n) or eye(n) in the plain "
                             "syntax)", pos, implausible=True)
        if op == "**" and u_left and u.kind == "identity" and not is_array(other) \
                and getattr(other, "is_Integer", False):  # (cI)^k = c^k I, I^{-1} = I
            if other < 0 and u.coef == 0:
                raise ParseError("the inverse of 0 times the identity", pos)
            return replace(u, coef=u.coef ** other)
        if op in "*/" and not is_array(other):
            if op == "/" and not u_left:
                raise ParseError(f"cannot divide by {u.shown}", pos)
            if op == "/":
                self.require(sp.Ne, other)
            return replace(u, coef=u.coef * other if op == "*" else u.coef / other)
        if u.row is not None:  # 1 b beside an N × h matrix: b in each of its N rows
            if op not in "+-" or not is_array(other):
                raise ParseError(f"{u.shown} without a size: {op} needs its size; write ones(n) "
                                 "with its size", pos, implausible=True)
            made = self._rows_of(u, other, pos)
            return self.binary_of(op, made, other, pos) if u_left else \
                self.binary_of(op, other, made, pos)
        if op == "@" and u_left and u.kind == "ones" and not u.transposed and is_array(other) \
                and _rows_cols(other)[0] == 1 and _rows_cols(other)[1] != 1:
            return replace(u, row=other)  # 1 b (b a row): its rows from a neighbour in a sum
        if not is_array(other) or op not in "+-@":
            raise ParseError(f"{u.shown} without a size: {op} needs its size; write ones(n) or "
                             "eye(n)", pos, implausible=True)
        if isinstance(other, SymArray):
            rows, cols = other.rows, other.cols
        else:
            rows, cols = (sp.Integer(d) for d in other.shape)
        try:
            r, c = arrays.sized(u, rows, cols, op, u_left)
        except ShapeError as exc:
            raise ParseError(str(exc), pos) from None
        if isinstance(other, SymArray):
            made: Value = arrays.scale(arrays.identity(r) if u.kind == "identity"
                                       else arrays.ones(r, c), u.coef)
        else:
            shape = (int(r), int(c))
            _entries(shape[0], shape[1], pos)
            made = (sp.eye(shape[0]) if u.kind == "identity" else sp.ones(*shape)) * u.coef
            made = sp.ImmutableMatrix(made)
        return self.binary_of(op, made, other, pos) if u_left else self.binary_of(op, other, made,
                                                                                  pos)

    def _rows_of(self, u: Unsized, other: Value, pos: Pos) -> Value:
        """1 r (r a row, 1 × h) with as many rows as ``other`` has, of its width."""
        row = u.row
        rows, cols = _rows_cols(other)
        if _rows_cols(row)[1] != cols and not (isinstance(row, SymArray) and isinstance(
                other, SymArray) and arrays.same_size(row.cols, other.cols)):
            raise ParseError(f"cannot add a row of width {_rows_cols(row)[1]} in every row of a "
                             f"{shape_text(other) if is_matrix(other) else other.shape_text}",  # type: ignore[union-attr]
                             pos, misfit=True)
        if isinstance(row, SymArray) != isinstance(other, SymArray):
            raise ParseError("an explicit vector or matrix beside one of symbolic size: declare "
                             "both at the same kind of size", pos)
        if isinstance(row, SymArray):
            return SymArray(other.rows, other.cols,  # type: ignore[union-attr]
                            lambda i, j: u.coef * row.at(arrays.ONE, j), row.bases)
        _entries(int(rows), int(cols), pos)
        return sp.ImmutableMatrix(int(rows), int(cols), lambda i, j: u.coef * row[0, j])  # type: ignore[index]

    def sym_binary(self, op: str, a: Value, b: Value, pos: Pos) -> Value:
        """An operator with a vector or matrix of symbolic size (checker.parse.arrays)."""
        if is_matrix(a) or is_matrix(b):
            raise ParseError("an explicit vector or matrix beside one of symbolic size: declare "
                             "both at the same kind of size", pos)
        sa, sb = isinstance(a, SymArray), isinstance(b, SymArray)
        if op in "+-":
            return _norm(arrays.add(a, b, 1 if op == "+" else -1))  # type: ignore[arg-type]
        if op == "*":
            if sa and sb:
                raise ParseError("* of two vectors or matrices is ambiguous: use A @ B for the "
                                 "matrix product or hadamard(A, B) for the entrywise product", pos)
            return arrays.scale(a if sa else b, b if sa else a)  # type: ignore[arg-type]
        if op == "/":
            if sb:
                return self._quotient(a, b, pos)
            self.require(sp.Ne, b)
            return arrays.scale(a, 1 / b)  # type: ignore[arg-type]
        if op == "@":
            if not (sa and sb):
                raise ParseError("@ is the matrix product; use * with a scalar", pos)
            return _norm(arrays.matmul(a, b))  # type: ignore[arg-type]
        if op == "**" and sa and not isinstance(b, SymArray) and b.is_Integer and b < 0:
            if b < -MAX_INVERSE_POWER:  # (XᵀX)^{-1}, A^{-2}: powers of the inverse
                raise ParseError(f"a power of an inverse beyond {-MAX_INVERSE_POWER} is not "
                                 "read", pos)
            inv = self.sym_inverse(a)  # type: ignore[arg-type]
            out = inv
            for _ in range(int(-b) - 1):
                out = arrays.matmul(out, inv)
            return out
        raise ParseError(f"{op} of a vector or matrix of symbolic size: for entrywise powers "
                         "use hadamard, for a square x^T x", pos,  # (a column to a power: no
                         implausible=op == "**" and sa and a.is_vector)  # reading of u · v)

    def _quotient(self, a: Value, b: Value, pos: Pos) -> Value:
        """a / b with b a vector: entry by entry (NumPy's u / v, e^v / (1 + e^v)), the one
        reading a quotient of vectors has; a a number or a vector of b's shape. Each entry of
        b must be non-zero. By a matrix: refused (A B⁻¹ or entry by entry?)."""
        numerator_fits = not is_array(a) or (
            _is_vector(a) and ((isinstance(a, SymArray) and isinstance(b, SymArray)
                               and arrays.same_size(a.rows, b.rows)
                               and arrays.same_size(a.cols, b.cols))
                               or (is_matrix(a) and is_matrix(b) and a.shape == b.shape)))  # type: ignore[union-attr]
        if not _is_vector(b) or not numerator_fits:
            what = b.shape_text if isinstance(b, SymArray) else shape_text(b)  # type: ignore[union-attr]
            hint = ("; a vector over a vector of one shape is read entry by entry"
                    if _is_vector(b) else "")
            raise ParseError(f"cannot divide by a {what}; divide by a scalar{hint}", pos,
                             implausible=True)  # (a reading that divides so is none)
        if isinstance(b, SymArray):
            inverse = self._entrywise(b, lambda t: self._reciprocal(t, pos), pos)
            return arrays.hadamard(a, inverse) if isinstance(a, SymArray) \
                else arrays.scale(inverse, a)  # type: ignore[arg-type]
        quotient = [self._reciprocal(y, pos) * (x if is_matrix(a) else a)  # type: ignore[operator]
                    for x, y in zip(a if is_matrix(a) else b, b, strict=True)]  # type: ignore[arg-type]
        return sp.ImmutableMatrix(b.shape[0], b.shape[1], quotient)  # type: ignore[union-attr]

    def _reciprocal(self, e: sp.Expr, pos: Pos) -> sp.Expr:
        if e == 0:
            raise ParseError("division by zero (an entry of the vector divided by is 0)", pos)
        self.require(sp.Ne, e)
        return 1 / e

    def power(self, a: Value, b: Value, pos: Pos) -> Value:
        if isinstance(a, SymArray) or isinstance(b, SymArray):
            return self.sym_binary("**", a, b, pos)
        if is_matrix(b):
            raise ParseError("an exponent must be a scalar", pos)
        if b.is_Number and not b.is_Integer and not b.is_Rational:
            raise ParseError("exponents must be exact numbers", pos)
        if b.is_Number and abs(b) > MAX_EXPONENT and not (not is_matrix(a) and a in (0, 1, -1)):
            shown = str(b) if len(str(b)) <= 40 else f"{str(b)[:20]}… ({len(str(b))} digits)"
            raise ParseError(f"the exponent {shown} is larger than {MAX_EXPONENT}", pos)
        if is_matrix(a):
            if a.shape[0] != a.shape[1] or not (b.is_Integer and -16 <= b <= 16):
                raise ParseError("a matrix power needs a square matrix and an integer exponent "
                                 "from -16 to 16; for entrywise powers use hadamard", pos,
                                 implausible=a.shape[0] != a.shape[1])  # (a column squared)
            if b < 0:  # A^{-1}, A^{-2}: powers of the inverse
                if a.shape[0] > INVERSE_SIZE:
                    raise ParseError(f"the inverse is limited to {INVERSE_SIZE}×{INVERSE_SIZE} "
                                     "matrices", pos)
                return (self._inverse(a, pos) ** int(-b)).as_immutable()
            return (a ** int(b)).as_immutable()
        if a.is_Number and b.is_Integer and a not in (0, 1, -1):
            num, den = sp.fraction(sp.Rational(a)) if a.is_Rational else (a, 1)
            size = max(abs(int(num)), abs(int(den)), 2) if a.is_Rational else 2
            bits = abs(int(b)) * math.log2(size)
            if bits > MAX_NUMBER_BITS:
                raise ParseError(f"{a}**{b} would be a number of about {int(bits)} bits; "
                                 f"the limit is {MAX_NUMBER_BITS}", pos)
        if a == 0 and b.is_Number and b < 0:
            raise ParseError("division by zero (0 to a negative power)", pos)
        if b.is_Rational and b < 0:
            self.require(sp.Ne, a)
        if b.is_Rational and not b.is_Integer:  # an even root of a negative number is not real
            self.require(sp.GreaterThan if b > 0 else sp.StrictGreaterThan, a)
        elif not b.is_Rational and b.is_integer is not True:  # a real power a^b: a > 0
            self.require(sp.StrictGreaterThan, a)
        out = a**b
        if isinstance(out, sp.Pow) and out.exp.is_Number and abs(out.exp) > MAX_EXPONENT \
                and out.base not in (0, 1, -1):  # ((x + 1)^{500})^{1000}: one power of 500000
            raise ParseError(f"a power of a power, ({out.base})^{out.exp}: the exponent "
                             f"{out.exp} is larger than {MAX_EXPONENT}", pos)
        return out

    # -- subscripts ----------------------------------------------------------------------
    def integer(self, node: Node, what: str) -> int:
        v = self.visit(node)
        if not is_matrix(v) and isinstance(v, sp.Symbol) and isinstance(node, Name):
            hint = f", or declare {v} in [context] dims as \"positive integer\"" if "bound" in what \
                else (f"; a letter is a free index (the line for each of its values) where it "
                      f"picks an entry of a declared or defined vector or matrix (x_{v}), over "
                      f"that axis's length: here {v} picks none on this line (a δ, a condition "
                      f"or a declaration alone gives it no range), or is declared otherwise")
            raise ParseError(f"{what} must be an integer, but {v} is not bound here: use a number "
                             f"or the index of an enclosing Sum{hint}", node.pos)
        if is_array(v) or not v.is_Integer:
            got = f"a {shape_text(v)}" if is_array(v) else sp.sstr(v)
            hint = "" if is_array(v) or not v.free_symbols or "bound" in what else (
                ": at an explicit size an entry is numbered; to state it for every index, "
                "give the vectors lengths that are symbols (dims = { n = \"positive integer\" }, "
                "vectors = { x = \"n\" }), where a letter alone is a free index (x_i)")
            raise ParseError(f"{what} must be an integer, got {got}{hint}", node.pos)
        return int(v)

    def index(self, node: Index) -> Value:
        if isinstance(node.target, Name) and node.target.id in self.ctx.symbolic \
                and node.target.id not in self.env:
            return self.symbolic_index(node)
        target = self.visit(node.target)
        if isinstance(target, SymArray):  # softmax(z)_i, (W x)_i, W_{ij} at a symbolic size
            want = 1 if target.is_vector else 2
            row = arrays.same_size(target.rows, 1) and not target.is_vector
            if len(node.indices) == 1 and row:  # b_j of a 1 × h matrix: entry (1, j)
                return target.entry(sp.Integer(1), self._index_value(node.indices[0], target.cols))
            if len(node.indices) == 2 and target.is_vector:  # c_{i1} of an n × 1 matrix
                want = 2
            if len(node.indices) != want:
                raise ParseError(f"this {target.shape_text} takes {want} ind"
                                 f"{'ex' if want == 1 else 'ices'}", node.pos)
            i = self._index_value(node.indices[0], target.rows)
            j = self._index_value(node.indices[1], target.cols) if want == 2 else sp.Integer(1)
            if target.blocks or not target.bases:  # (a declared array's entries are checked
                for k, n in ((i, target.rows), (j, target.cols)):  # where the claim is made)
                    self._within(k, n, node.pos)
            return target.entry(i, j)
        if not is_matrix(target):
            raise ParseError("only a vector or a matrix can be subscripted; this is a scalar",
                             node.pos)
        idx = self.entry_indices(node.indices, target.shape)
        rows, cols = target.shape
        if len(idx) == 1:
            if rows != 1 and cols != 1:
                raise ParseError(f"a {shape_text(target)} needs two indices, as in W[1, 2]",
                                 node.pos)
            n = rows * cols
            if not 1 <= idx[0] <= n:
                raise ParseError(f"index {idx[0]} is out of range 1…{n}", node.pos)
            return target[idx[0] - 1]
        if len(idx) == 2:
            i, j = idx
            if not (1 <= i <= rows and 1 <= j <= cols):
                raise ParseError(f"index [{i}, {j}] is out of range for a {shape_text(target)}",
                                 node.pos)
            return target[i - 1, j - 1]
        raise ParseError("use one index for a vector, two for a matrix", node.pos)

    def entry_indices(self, indices: tuple[Node, ...], shape: tuple[int, int]) -> list[int]:
        """The integer indices of an entry; ``S_{12}`` of a matrix (both sizes at most 9,
        as a declared matrix's ``W_{12}`` is read) is entry (1, 2), never the 12th."""
        idx = [self.integer(i, "an index") for i in indices]
        rows, cols = shape
        if len(idx) == 1 and 1 < rows <= 9 and 1 < cols <= 9 and isinstance(indices[0], Num) \
                and 11 <= idx[0] <= 99 and idx[0] % 10:
            return [idx[0] // 10, idx[0] % 10]
        return idx

    def symbolic_index(self, node: Index) -> Value:
        """x[i] for x of symbolic length n: i a number, a Sum's index, or a free index."""
        base, n = self.ctx.symbolic[node.target.id]  # type: ignore[attr-defined]
        if len(node.indices) != 1:
            raise ParseError(f"{base} is a vector: use one index", node.pos)
        return base[self._index_value(node.indices[0], n)]

    def _within(self, k: sp.Expr, n: sp.Expr, pos: Pos) -> None:
        """An index into a block matrix (or ones, I) of symbolic size, whose entries name no
        declared array to check later: within 1…n at every size and at both ends of the sums
        it runs over; a free index ranges over 1…n already."""
        bound = [s for s in k.free_symbols if s in self.sum_ranges]
        if any(s not in self.sum_ranges and not s.is_positive for s in k.free_symbols):
            return  # (a free index, or a letter that is no size: not looked at here)
        ends = [k]
        for s in bound:
            ends = [e.xreplace({s: end}) for e in ends for end in self.sum_ranges[s]]
        for e in ends:
            if e.free_symbols & set(self.sum_ranges):
                return  # (a range that depends on another sum's index: not looked at here)
            if sp.expand(e - 1).is_nonnegative is not True or sp.expand(n - e).is_nonnegative \
                    is not True:
                raise ParseError(f"the index {sp.sstr(e)} may lie outside 1…{sp.sstr(n)}, the "
                                 "entries of this block matrix (or ones, I) at some size: make "
                                 "sure every index is within its range", pos)

    def _index_value(self, idx: Node, n: sp.Symbol) -> sp.Expr:
        """An index into a vector of symbolic length n: a number, a Sum's index, or a free
        index (a new name, which then ranges over 1…n)."""
        if isinstance(idx, Name) and idx.id not in self.env and self.ctx.kind(idx.id) is None:
            return self.ctx.free_index(idx.id, n)
        v = self.visit(idx)
        if is_array(v) or v.is_integer is not True:
            got = f"a {shape_text(v)}" if is_array(v) else plain(idx)  # (as written, not _k)
            loose = sorted(str(s) for s in (set() if is_array(v) else v.free_symbols)
                           if not s.is_integer)
            why = (f": {', '.join(loose)} {'is not an index' if len(loose) == 1 else 'are not indices'} here "
                   "(a free index is a letter alone, x_i; in an expression, i + k - 1, its "
                   "letters must be indices already: declared, or a sum's)") if loose else ""
            raise ParseError(f"an index must be an integer, got {got}{why}", idx.pos)
        if v.is_Integer and v < 1:
            raise ParseError(f"index {v}: entries are numbered from 1", idx.pos)
        return v

    # -- literals ------------------------------------------------------------------------
    def matrix_literal(self, items: tuple[Node, ...], pos: Pos) -> sp.ImmutableMatrix:
        if not items:
            raise ParseError("an empty matrix", pos)
        if all(isinstance(i, ListLit) for i in items):  # rows
            values = [[self.visit(x) for x in row.items] for row in items]  # type: ignore[union-attr]
            if len({len(r) for r in values}) == 1 and any(
                    is_array(v) or isinstance(v, Unsized) for r in values for v in r):
                try:  # [X 1], [W; b]: a block matrix
                    return blocks.assemble(values)  # type: ignore[return-value]
                except ShapeError as exc:
                    raise ParseError(str(exc), pos) from None
            rows = [[self._scalar(v, "a matrix entry", x.pos) for v, x in zip(r, row.items,
                                                                               strict=True)]
                    for r, row in zip(values, items, strict=True)]  # type: ignore[union-attr]
            if len({len(r) for r in rows}) != 1:
                raise ParseError("the rows of a matrix must have the same length", pos)
            _entries(len(rows), len(rows[0]), pos)
            return sp.ImmutableMatrix(rows)
        values = [self.visit(x) for x in items]
        if any(is_array(v) for v in values):  # [W; b] written as one column of blocks
            try:
                return blocks.assemble([[v] for v in values])  # type: ignore[return-value]
            except ShapeError as exc:
                raise ParseError(str(exc), pos) from None
        vals = [self._scalar(v, "a vector entry", x.pos) for v, x in zip(values, items,
                                                                         strict=True)]
        _entries(len(vals), 1, pos)
        return sp.ImmutableMatrix(vals)

    @staticmethod
    def _scalar(v: Value, what: str, pos: Pos) -> sp.Expr:
        if is_array(v):
            raise ParseError(f"{what} must be a scalar, got a {shape_text(v)}", pos)
        return v

    # -- calls ---------------------------------------------------------------------------
    def call(self, node: Call) -> Value:
        name, pos = node.func, node.pos
        if name in self.ctx.contested:
            raise ParseError(self.ctx.contested[name], pos)
        if name in self.ctx.functions:
            return self.user_call(node)
        if name in BY_NAME:
            return self.primitive(node, BY_NAME[name])
        method = getattr(self, f"fn_{name}", None)
        if method is None:
            kind = self.ctx.kind(name)
            if kind in ("vector", "matrix"):
                raise ParseError(f"{name} is a {kind}: index it with {name}[i], not {name}(…)",
                                 pos)
            raise ParseError(f"unknown function {name}(…); built in: "
                             f"{', '.join(sorted(BY_NAME) + sorted(_STRUCTURAL))}, or declare "
                             "it in [context] functions", pos)
        return method(node)

    def primitive(self, node: Call, fn: Primitive, args: list[Value] | None = None) -> Value:
        """A function of the vocabulary: entrywise over its first argument where it says so;
        every other argument is a scalar (``args``: their values, where already taken)."""
        self._arity(node, *((fn.arity,) if not fn.variadic else
                            range(fn.arity, max(fn.arity, len(node.args)) + 1)))
        args = [self.visit(a) for a in node.args] if args is None else args
        for a, written in zip(args, node.args, strict=True):
            if isinstance(a, Unsized):  # √I of a bare I: its size, and whether the function
                raise ParseError(f"{node.func} of {a.shown} written without a size: write "  # is
                                 "its size (eye(n), \\mathbf{I}_n)", written.pos)  # the matrix's?
        for k, a in enumerate(args[1:], start=2):
            if is_array(a):
                raise ParseError(f"{node.func}(…): argument {k} must be a scalar, got a "
                                 f"{shape_text(a)}", node.args[k - 1].pos)
        first, rest = args[0], args[1:]
        if fn.matrix_meaning and _is_square(first):
            raise ParseError(
                f"{node.func} of a square matrix reads two ways: the matrix function (the matrix "
                f"{fn.matrix_meaning}, which is not in the vocabulary) or "
                f"{node.func} of each entry; for the entries, write them ({node.func} of A_{{ij}}), "
                f"or declare a function of one number (functions = {{ \"f(t)\" = \"{fn.name}(t)\" }}) "
                "and apply it, which acts entry by entry", node.pos)
        if isinstance(first, SymArray):
            if not fn.entrywise:
                raise ParseError(f"{node.func}(…) takes scalars, got a {first.shape_text}; "
                                 "index the entries", node.pos)

            def each(t: sp.Expr) -> sp.Expr:
                self._defined(fn, t)  # log(x) needs x[k] > 0 for every k
                return fn.build(t, *rest)

            return self._entrywise(first, each, node.pos)
        if is_matrix(first):
            if not fn.entrywise:
                raise ParseError(f"{node.func}(…) takes scalars, got a {shape_text(first)}; "
                                 "index the entries", node.pos)
            for t in first:
                self._defined(fn, t)
            return first.applyfunc(lambda t: fn.build(t, *rest)).as_immutable()
        if fn.integer and not _whole(first):
            shown = sp.sstr(first)
            raise ParseError(f"{node.func}({shown}): {shown} is not known to be a whole number; "
                             "declare the names in it integers (symbols = { n = \"integer "
                             "nonnegative\" }, a vector's assume = \"integer nonnegative\"): the "
                             "factorial of another number is not in the vocabulary", node.pos)
        if fn.integer and first.is_Number and first > MAX_FACTORIAL:  # 10⁶! has 5·10⁶ digits
            raise ParseError(f"{node.func}({sp.sstr(first)}): the factorial of a number above "
                             f"{MAX_FACTORIAL} is not computed", node.pos)
        if fn.integer and first.is_negative:
            raise ParseError(f"{node.func}({sp.sstr(first)}): the factorial of a negative number "
                             "is not defined", node.pos)
        self._defined(fn, first)
        try:
            return fn.build(first, *rest)
        except (ValueError, TypeError) as exc:  # max((-1)^(2/3), x): SymPy compares its values
            shown = ", ".join(sp.sstr(a) for a in (first, *rest))
            raise ParseError(f"{node.func}({shown}) has no value: an argument is not a real "
                             f"number ({exc}); only real values are compared", node.pos) from None

    def _defined(self, fn: Primitive, arg: sp.Expr) -> None:
        """Where a function of the vocabulary is defined (log: x > 0, sqrt: x ≥ 0 …)."""
        for kind, e in fn.domain(arg) if fn.domain is not None else ():
            self.require(kind, e)

    def _arity(self, node: Call, *counts: int) -> None:
        if len(node.args) not in counts:
            want = " or ".join(str(c) for c in counts)
            raise ParseError(f"{node.func}(…) takes {want} argument{'s' if counts != (1,) else ''},"
                             f" got {len(node.args)}", node.pos)

    def user_call(self, node: Call) -> Value:
        fn = self.ctx.functions[node.func]
        if fn.body is None and fn.params:  # "L(y)" = "arbitrary": of its arguments whole
            self._arity(node, len(fn.params))
            return self._apply_whole(fn.name, node.args, node.pos, node.bare)
        if fn.body is None:  # declared arbitrary: any real function
            return self.apply(fn.name, node.args, node.pos)
        self._arity(node, len(fn.params))
        args = [self.visit(a) for a in node.args]
        if self.depth >= MAX_CALL_DEPTH:
            raise ParseError(f"functions nest more than {MAX_CALL_DEPTH} deep (recursion?)",
                             node.pos)
        if not fn.scalar:  # f(x) = xᵀx with x a declared vector, at x_1 (a number): no reading
            for p, a in zip(fn.params, args, strict=False):
                if self.ctx.kind(p) in ("vector", "matrix") and not is_array(a) \
                        and _vector_use(fn.body, p):
                    raise ParseError(f"{node.func}'s parameter {p} is a declared "
                                     f"{self.ctx.kind(p)} its definition uses as one (a "
                                     f"transpose, a norm, an entry …), and {node.func} is given "
                                     f"a number there: write {node.func} of a "
                                     f"{self.ctx.kind(p)}", node.pos)
        if len(args) == 1 and is_matrix(args[0]) and fn.scalar:  # entrywise
            return args[0].applyfunc(lambda t: self._apply(fn, [t], node.pos)).as_immutable()
        if len(args) == 1 and isinstance(args[0], SymArray) and fn.scalar:
            return self._entrywise(args[0], lambda t: self._apply(fn, [t], node.pos), node.pos)
        return self._apply(fn, args, node.pos)

    def _entrywise(self, a: SymArray, f: Callable[[sp.Expr], Value], pos: Pos) -> SymArray:
        """f on each entry of a: evaluated now, on a generic entry (the entries are made later,
        when this evaluator's bindings and readings are no longer those of this place); what
        f requires of its argument is required of every entry."""
        t = sp.Dummy("t", real=True)
        before = set(self.domain)
        body = f(t)
        if not isinstance(body, sp.Expr):
            raise ParseError("a function applied entry by entry must give a number for each "
                             "entry", pos)
        every = a.at(arrays.every_index(), arrays.ONE if a.is_vector else arrays.every_index())
        for r in [r for r in self.domain if r not in before]:
            del self.domain[r]
            self._needs(r.xreplace({t: every}))
        return arrays.apply(a, lambda e: body.xreplace({t: e}))

    def _apply(self, fn: object, args: list[Value], pos: Pos) -> Value:
        # Lexical scope: the body sees its parameters and the file's names, nothing of the
        # caller's (a Sum index or another function's parameter of the same name).
        params: tuple[str, ...] = fn.params  # type: ignore[attr-defined]
        for p, why in getattr(fn, "pinned", ()):  # L(w) = z² with z = w x: at L's own w only
            at = args[params.index(p)]
            own = self.closed(Name(p, pos))
            if isinstance(at, SymArray) and isinstance(own, SymArray):  # L(w), w a vector of
                i, j = sp.Dummy("i", integer=True), sp.Dummy("j", integer=True)  # symbolic
                same = at.entry(i, j) == own.entry(i, j)  # length: at its own w, entry by entry
            else:
                same = at == own
            if not same:
                shown = "a variable of its own (as its derivative L′ takes it)" \
                    if isinstance(at, sp.Dummy) else sp.sstr(at) if isinstance(at, sp.Basic) \
                    else at.shape_text if isinstance(at, SymArray) else at
                raise ParseError(f"{fn.name}({', '.join(params)}) at {p} = {shown}: "  # type: ignore[attr-defined]
                                 f"{why}", pos)
        if _binds_a_variable(fn.body) and not any(is_array(a) for a in args):  # type: ignore[attr-defined]
            return self._apply_after(fn, args)
        saved = self.env
        self.env = dict(zip(params, args, strict=True))
        self.depth += 1
        try:
            return self.visit(fn.body)  # type: ignore[attr-defined]
        finally:
            self.depth -= 1
            self.env = saved

    def _apply_after(self, fn: object, args: list[Value]) -> Value:
        """A body that differentiates by (or evaluates at) a letter of the file, called with
        values that may write that letter (f(t) = d/dx (t x²), f(x)): the body is evaluated
        with its parameters as fresh symbols, and the values are put in after, without
        capture (f(x) = 2x·x, not d/dx x³); an unevaluated derivative keeps the value out
        (Subs). What the body needs (its domain) is carried over with the values too."""
        params: tuple[str, ...] = fn.params  # type: ignore[attr-defined]
        fresh = [sp.Dummy(p, real=True) for p in params]
        put = dict(zip(fresh, args, strict=True))
        saved, before = self.env, set(self.domain)
        self.env = dict(zip(params, fresh, strict=True))
        self.depth += 1
        try:
            value = self.visit(fn.body)  # type: ignore[attr-defined]
        finally:
            self.depth -= 1
            self.env = saved
        for r in [r for r in self.domain if r not in before]:
            del self.domain[r]
            self._needs(r.subs(put, simultaneous=True))
        if is_array(value):
            raise ParseError(f"{fn.name}(…): a function whose body differentiates must give a "  # type: ignore[attr-defined]
                             "number here", fn.body.pos)  # type: ignore[attr-defined]
        return value.subs(put, simultaneous=True)  # type: ignore[union-attr]

    def apply(self, name: str, arg_nodes: tuple[Node, ...], pos: Pos) -> Value:
        """An arbitrary (undefined) real function of scalars: proofs must hold for every one."""
        args = [self.visit(a) for a in arg_nodes]
        declared = name in self.ctx.functions
        if not declared and len(args) == 1 and is_array(args[0]):
            shown = plain(arg_nodes[0])
            raise ParseError(f"{name}({shown}) of the {shape_text(args[0])} {shown}, with {name} "
                             "declared nothing: a function of the whole (a loss, a likelihood), "
                             "one applied to each entry (an activation), or a number times it? "
                             f"Declare {name} under [context] functions (\"{name}(v)\" = "
                             "\"arbitrary\" for a function of each entry, or define it in a "
                             "display)", pos, veto=True)
        if len(args) == 1 and is_matrix(args[0]):  # entry by entry, as activations are applied
            return args[0].applyfunc(arbitrary(name, declared)).as_immutable()
        if len(args) == 1 and isinstance(args[0], SymArray):
            return arrays.apply(args[0], arbitrary(name, declared))
        if any(is_array(a) for a in args):
            raise ParseError(f"{name}(…) of several arguments, some vectors or matrices: {name} is "
                             f"not defined in the file; declare it under [context] functions", pos)
        return arbitrary(name, declared)(*args)

    def _vector(self, node: Node, what: str) -> sp.ImmutableMatrix:
        return self._as_vector(self.visit(node), node, what)

    def _as_vector(self, v: Value, node: Node, what: str) -> sp.ImmutableMatrix:
        if isinstance(v, SymArray):
            raise ParseError(f"{what} of a {v.shape_text}: this operation needs explicit sizes",
                             node.pos)
        if not is_matrix(v):  # a 1 × 1 matrix is a scalar, and a scalar a vector of length 1
            return sp.ImmutableMatrix([v])
        if v.shape[0] != 1 and v.shape[1] != 1:
            raise ParseError(f"{what} needs a vector, got a {shape_text(v) if is_matrix(v) else 'scalar'}",
                             node.pos)
        return v

    def _symbol(self, node: Node, what: str) -> sp.Symbol:
        v = self.visit(node)
        if is_array(v) or not isinstance(v, sp.Symbol | sp.Indexed):
            got = f"a {shape_text(v)}" if is_array(v) else sp.sstr(v)
            raise ParseError(f"{what} must be a variable such as x or z[2], got {got}",
                             node.pos)
        if of_symmetric(v):
            raise ParseError(BY_SYMMETRIC, node.pos)
        return v

    def fn_softmax(self, node: Call) -> Value:
        self._arity(node, 1)
        v = self.visit(node.args[0])
        if isinstance(v, SymArray):
            return arrays.softmax(v)
        self._not_one_number(v, node, "softmax", "1")
        return softmax(self._as_vector(v, node.args[0], "softmax"))

    @staticmethod
    def _not_one_number(v: Value, node: Call, what: str, value: str) -> None:
        """softmax(z_i) is 1 whatever z_i is: written, it almost always means softmax(z)_i,
        so it is refused rather than read as a constant."""
        if not is_matrix(v):
            raise ParseError(f"{what} of one number is {value} whatever the number is; {what} "
                             f"takes a vector: write {what}(z)_i for its i-th entry (in LaTeX "
                             f"\\operatorname{{{what}}}(z)_i)", node.pos)

    def fn_logsumexp(self, node: Call) -> Value:
        self._arity(node, 1)
        v = self.visit(node.args[0])
        if isinstance(v, SymArray):
            return sp.log(arrays.total(arrays.apply(v, sp.exp)))
        self._not_one_number(v, node, "logsumexp", "the number itself")
        return sp.log(sp.Add(*[sp.exp(t) for t in self._as_vector(v, node.args[0], "logsumexp")]))

    def fn_sum(self, node: Call) -> Value:
        self._arity(node, 1)
        v = self.visit(node.args[0])
        if isinstance(v, SymArray):
            return arrays.total(v)
        return sp.Add(*v) if is_matrix(v) else v  # a scalar is a vector of length 1

    def fn__at(self, node: Call) -> Value:
        """F |_{x = a} (an evaluation bar, from LaTeX): F, derivatives taken, at x = a; what F
        needs to be defined is needed at a."""
        body, var, at = node.args
        x, a = self.visit(var), self.visit(at)
        if not isinstance(x, sp.Symbol) or is_array(a):
            raise ParseError("an evaluation bar |_{x = a} needs a variable and a number or a "
                             "scalar expression", node.pos)
        if x.name in bound_indices(body):  # Σ_{x=1}^{3} x² |_{x=2}: the bar inside the sum, or after?
            raise ParseError(f"an evaluation bar at {x}: {x} is also the index of a sum before it, "
                             "so whether the bar is inside the sum or after it cannot be told; "
                             "use another letter", node.pos)
        before = set(self.domain)
        value = self.visit(body)
        kinks = (sp.Abs, sp.sign, sp.Heaviside, sp.Max, sp.Min, sp.Piecewise, sp.DiracDelta,
                 sp.floor, sp.ceiling)
        if not is_array(value) and isinstance(value, sp.Basic) and value.has(*kinks) \
                and not _away_from_kinks(value, x, a):
            raise ParseError(f"an evaluation bar at {x} = {sp.sstr(a)} on an expression with a "
                             "kink (|x|, max, relu, a case split …): at the kink the one-sided "
                             "derivatives may differ, and none is chosen; write the value for "
                             "the side you mean", node.pos)
        if isinstance(value, SymArray | Unsized):
            raise ParseError("an evaluation bar on an array of symbolic size is not read: write "
                             "one entry", node.pos)
        for rel in [r for r in self.domain if r not in before]:  # (needed at a, not at x)
            del self.domain[rel]
            moved = rel.subs(x, a)
            if moved is sp.false:
                raise ParseError(f"an evaluation bar at {x} = {sp.sstr(a)}: the expression is "
                                 f"not defined there ({sp.sstr(rel)})", node.pos)
            self._needs(moved)
        out = value.subs(x, a)  # (a derivative SymPy left unevaluated: taken, then at a)
        out = out.replace(lambda e: isinstance(e, sp.Subs), lambda e: e.doit())
        return out.as_immutable() if is_matrix(out) else out

    def fn__sum_entries(self, node: Call) -> Value:
        """LaTeX's ``\\sum`` with no index: the sum of a vector's (or matrix's) entries; of a
        number it says nothing (Σ Σ e^z), and is refused."""
        v = self.visit(node.args[0])
        if not is_array(v):
            raise ParseError("\\sum with no index of a number (not a vector): write the index "
                             "and its range, \\sum_{k=1}^{n}", node.pos)
        return arrays.total(v) if isinstance(v, SymArray) else sp.Add(*v)

    def fn__member(self, node: Call) -> Value:
        """x̂_j, a member of a family the page defines (checker.parse.latex ``member``): its
        value (the mark says which member it is, for derivatives by it)."""
        return self.visit(node.args[2])

    def fn__leibniz(self, node: Call) -> Value:
        """∂F/∂u for an expression u (checker.parse.latex ``leibniz``): F written with a fresh
        variable where it writes u, differentiated by it, at u's value."""
        body, marker, at = node.args
        value = self.visit(at)
        if is_array(value):
            raise ParseError("a derivative by an expression: the expression must be a scalar",
                             at.pos)
        u = sp.Dummy("u", real=True)
        f = self.read_with(body, marker, u, {u: value})  # type: ignore[arg-type]
        if is_array(f):
            raise ParseError("a derivative by an expression: the numerator must be a scalar",
                             node.pos)
        not_of_a_gradient(f, node.pos)
        self.differentiable(f, {u: value}, node.pos)
        return derivative_at(through_exp(f), u, {u: value})

    def fn__held(self, node: Call) -> Value:
        """∂F/∂x on the graph (checker.parse.latex ``local_and_total``): F as written, with
        each node it writes that is made of x (μ, σ²) a fresh letter held fixed, differentiated
        by x, the nodes' values put back."""
        body, at, *pairs = node.args
        var = self._symbol(at, "the variable of a derivative")
        back: dict[sp.Symbol, sp.Expr] = {}
        env = {}
        for marker, held in zip(pairs[::2], pairs[1::2], strict=True):
            value = self.visit(held)
            if is_array(value):
                raise ParseError("a partial on the graph holds numbers fixed, not a vector or "
                                 "matrix", held.pos)
            fresh = sp.Dummy("h", real=True)
            env[marker.id] = fresh  # type: ignore[attr-defined]
            back[fresh] = value
        f = self.read_with_all(body, env, back)  # type: ignore[arg-type]
        if is_array(f):
            raise ParseError("a partial on the graph: the numerator must be a scalar", node.pos)
        not_of_a_gradient(f, node.pos)
        self.differentiable(f, {var: var}, node.pos)
        return derivative_at(through_exp(f), var, back)

    def fn__bars(self, node: Call) -> Value:
        """|x| written with bars: the absolute value of a number. Of a vector the bars are its
        length to some (‖v‖) and each entry's absolute value to others; of a matrix, its
        determinant or each entry's: refused, with how to write each."""
        v = self.visit(node.args[0])
        declared = isinstance(node.args[0], Name) and self.ctx.kind(node.args[0].id) == "matrix"
        if isinstance(v, SymArray) or (is_matrix(v) and (len(v) > 1 or declared)):  # type: ignore[arg-type]
            vector = (v.is_vector if isinstance(v, SymArray) else 1 in v.shape) \
                and not declared  # type: ignore[union-attr]
            raise ParseError(
                "|v| of a vector: its length, or the absolute value of each entry? Write "
                "\\|v\\| for the length, |v_i| for an entry's absolute value"
                if vector else
                "|A| of a matrix: its determinant, or the absolute value of each entry? Write "
                "\\det A for the determinant, |A_{ij}| for an entry's absolute value",
                node.pos)
        return self.primitive(Call("abs", node.args, node.pos), BY_NAME["abs"], [v])  # type: ignore[arg-type]

    def fn__inner(self, node: Call) -> Value:
        """⟨u, v⟩ (checker.parse.latex ``group``): uᵀv of two vectors; of numbers or functions
        (an integral's inner product?) it is refused."""
        for a in node.args:
            v = self.visit(a)
            if not ((is_matrix(v) and 1 in v.shape) or (isinstance(v, SymArray) and v.is_vector)):
                raise ParseError("⟨…, …⟩ is read as the inner product of two vectors; here an "
                                 "argument is not a vector (for functions, write the integral)",
                                 a.pos)
        return self.visit(Call("dot", node.args, node.pos))

    def fn__normed(self, node: Call) -> Value:
        """What ‖…‖ is taken of (checker.parse.latex ``norm``): a vector (or a matrix, for
        ‖W‖_F); of a number the bars are refused: |x| is written so, and double bars say the
        page means an array it has not declared (‖W V‖ = ‖W‖ ‖V‖ would be proved of numbers)."""
        v = self.visit(node.args[0])
        if not is_array(v) or (is_matrix(v) and v.shape == (1, 1)):  # type: ignore[union-attr]
            raise ParseError("‖…‖ of a number: double bars are a vector's or a matrix's norm, and "
                             "nothing in it is a declared vector or matrix; write |…| for the "
                             "absolute value of a number, or declare the vector (vectors = "
                             "{ w = \"n\" }) or matrix", node.pos)
        return v

    def fn__norm1(self, node: Call) -> Value:
        """‖v‖_1 (checker.parse.latex ``norm``): Σ|v_k| of a vector. Of a matrix it is the
        largest column sum to some and the sum of every entry's absolute value to others:
        refused, as is a number (‖x‖_1 = |x|, but which was meant?)."""
        v = self.visit(node.args[0])
        if not ((is_matrix(v) and v.shape[1] == 1)  # type: ignore[union-attr]
                or (isinstance(v, SymArray) and v.is_vector)):  # (a column: both readings agree)
            raise ParseError("‖…‖_1 is read as Σ_k |v_k| of a (column) vector; of a matrix, a "
                             "row among them, it may be the largest column sum or the sum of "
                             "every entry's absolute value: write the sum out (\\sum_{i,j} "
                             "|A_{ij}|), or the norm of the column (‖u‖_1 for ‖u^T‖_1)", node.pos)
        return self.visit(Call("sum", (Call("abs", node.args, node.pos),), node.pos))

    def fn__max_over(self, node: Call) -> Value:
        """\\max_j z_j (checker.parse.latex ``extremum``): Max of the values over the range."""
        return self._extremum(node, sp.Max)

    def fn__min_over(self, node: Call) -> Value:
        return self._extremum(node, sp.Min)

    def _extremum(self, node: Call, pick: type) -> Value:
        rng, var = self._binder(node, "\\max_j needs an index", "choose another index")
        lo, hi = self.visit(rng.items[1]), self.visit(rng.items[2])
        if is_array(lo) or is_array(hi) or not (lo.is_Integer and hi.is_Integer):
            raise ParseError(f"\\{pick.__name__.lower()}_{var} over a vector whose length is a "
                             "symbol is not read (it is no expression of the entries); give the "
                             "length a number, or name the value (a letter c) where any value "
                             "will do", node.pos)
        if not int(lo) <= int(hi) <= int(lo) + MAX_SUM_TERMS:
            raise ParseError(f"\\{pick.__name__.lower()}_{var} over an empty or too long range",
                             node.pos)
        values = self._terms(node.args[0], var, int(lo), int(hi))
        if any(is_array(v) for v in values):
            raise ParseError(f"\\{pick.__name__.lower()}_{var} of vectors or matrices: its body "
                             "must be a number", node.pos)
        return pick(*values)

    def fn_Product(self, node: Call) -> Value:
        """∏ (\\prod): as a sum is read, with its factors multiplied (scalars only)."""
        return self.fn_Sum(node, product=True)

    def fn_Sum(self, node: Call, product: bool = False) -> Value:
        what = "a product" if product else "a sum"
        rng, var = self._binder(node, f"write {what} as {node.func}(expr, (j, 1, n)) with an "
                                      "index name and integer bounds", "choose another index")
        if product and any(binder(n) == var for n in walk(node.args[0])):
            # ∏_i a_i Σ_i b_i: the Σ read inside the ∏ (its body runs on) changes the value
            raise ParseError(f"a product over {var} with a sum or product over {var} inside it "
                             f"(∏_{var} … Σ_{var} …): is the second inside the first? Write "
                             f"brackets around the product, or another index", node.pos)
        if isinstance(rng.items[2], Name) and rng.items[2].id == INFINITY:
            return self._series(node, var, rng)
        lo_v, hi_v = self.visit(rng.items[1]), self.visit(rng.items[2])
        symbolic = not (is_array(lo_v) or is_array(hi_v)) and lo_v.is_integer is True \
            and hi_v.is_integer is True and not (lo_v.is_Integer and hi_v.is_Integer)
        if symbolic:  # bounds such as (k, 1, n) with n a dimension
            sizes = set(self.ctx.dims.values()) | {s for s, _ in self.ctx.indices.values()} \
                | {v for v in self.env.values() if isinstance(v, sp.Symbol)}
            other = sorted((lo_v.free_symbols | hi_v.free_symbols) - sizes, key=str)
            if other:
                raise ParseError(f"the Sum runs up to {other[0]}, an integer symbol that is not a "
                                 f"dimension: declare it in [context] dims = {{ {other[0]} = "
                                 "\"positive integer\" } (the claim is then stated for every "
                                 f"{other[0]} ≥ 1), or use a number", rng.pos)
            return self.symbolic_sum(node, var, lo_v, hi_v, product)
        lo = self.integer(rng.items[1], "a lower bound")
        hi = self.integer(rng.items[2], "an upper bound")
        if hi - lo + 1 > MAX_SUM_TERMS:
            raise ParseError(f"{what} of {hi - lo + 1} terms; the limit is {MAX_SUM_TERMS}",
                             node.pos)
        terms = self._terms(node.args[0], var, lo, hi)
        if product:
            if any(is_array(t) for t in terms):
                raise ParseError("a product ∏ of vectors or matrices: write the entries' product, "
                                 "or \\odot", node.pos)
            return sp.Mul(*terms)
        if not terms:
            return sp.Integer(0)
        total = terms[0]
        for t in terms[1:]:
            total = self.binary_values("+", total, t, node.pos)
        return total

    def _series(self, node: Call, var: str, rng: TupleLit) -> Value:
        """Σ_{k=a}^{∞} c r^k: a geometric series, c r^a / (1 − r), where it converges (|r| < 1,
        recorded as where the expression is defined: 1 − r² > 0). Any other series is refused
        (no limits: its value is not worked out here)."""
        lo = self.visit(rng.items[1])
        if is_array(lo) or lo.is_integer is not True:
            raise ParseError("a series starts at an integer", rng.pos)
        k = sp.Dummy(var, integer=True)
        saved, known = self.env, set(self.domain)
        try:
            self.env = {**saved, var: k}
            term = self.visit(node.args[0])
        finally:
            self.env = saved
        if any(k in getattr(r, "free_symbols", ()) for r in self.domain if r not in known):
            raise ParseError("a series up to ∞ whose terms are not all defined (a term needs a "
                             "condition on the index): its value is not worked out", node.pos)
        if is_array(term):
            raise ParseError("a series of vectors or matrices is not read: write it entry by "
                             "entry", node.pos)
        first = term.xreplace({k: lo})
        if term == 0:
            return sp.Integer(0)
        ratio = sp.cancel(sp.powsimp(sp.expand_power_exp(term.xreplace({k: k + 1}) / term)))
        if ratio.has(k) or ratio.has(sp.nan, sp.zoo) or ratio == 0:
            raise ParseError("a series up to ∞ is read only when it is geometric (c r^k, each "
                             "term r times the one before, r free of the index): its value is not "
                             "worked out otherwise", node.pos)
        if any(isinstance(s, sp.Dummy) for s in ratio.free_symbols):
            # Σ_j Σ_k 2^{jk}: where it converges depends on an index bound outside it, which no
            # condition of the line can say (c/(1 − r) is no value of a series that diverges)
            raise ParseError("a series up to ∞ whose ratio depends on an index or a variable bound "
                             "outside it (a sum's, an integral's): where it converges cannot be "
                             "stated for the line; write it for one value of that index", node.pos)
        # where it converges, |r| < 1, as two linear conditions (a contradiction with the
        # hypotheses is found by linear arithmetic: r > 1 given makes the line undefined)
        self.require(sp.StrictGreaterThan, 1 - ratio)
        self.require(sp.StrictGreaterThan, 1 + ratio)
        return first / (1 - ratio)

    def _terms(self, body: Node, var: str, lo: int, hi: int) -> list[Value]:
        """The body read at each index value lo…hi (a sum's, a product's, a max's terms)."""
        saved = self.env
        terms = []
        try:
            for k in range(lo, hi + 1):
                self.env = {**saved, var: sp.Integer(k)}
                terms.append(self.visit(body))
        finally:
            self.env = saved
        return terms

    def fn__nonempty(self, node: Call) -> Value:
        """A sum written with an ellipsis (checker/parse/ellipsis.py): its range is not empty,
        a condition of the claim where the bounds are symbolic."""
        (total,) = node.args
        total = self._free_index(total)
        value = self.visit(total)
        rng = total.args[1] if isinstance(total, Call) else None
        if isinstance(value, sp.Sum) and isinstance(rng, TupleLit):
            (_, lo, hi), = value.limits
            if not (lo.is_number and hi.is_number):
                self._needs(sp.Ge(hi, lo))
        return value

    def fn__listed(self, node: Call, row: bool = False) -> Value:
        """(a, b, c) or [a, b, c] read as a vector (checker/parse/latex_primary.py): its entries
        are numbers; a list of vectors or matrices ([A, B]: a commutator?) is none."""
        entries = []
        for arg in node.args:
            v = self.visit(arg)
            if is_array(v):
                raise ParseError(f"a list of a {shape_text(v)} and more, in brackets: a "
                                 "commutator [A, B], a pair, or a block matrix? Not read; write "
                                 "AB - BA, or the block matrix with \\begin{bmatrix}", node.pos)
            entries.append(v)
        column = sp.ImmutableMatrix(entries)
        return column.T if row else column

    def fn__listed_row(self, node: Call) -> Value:
        return self.fn__listed(node, row=True)

    def fn__pattern_vector(self, node: Call, row: bool = False) -> Value:
        """A column (a row) written with its entries left out, x_1 \\\\ x_2 \\\\ \\vdots \\\\ x_n
        (checker/parse/latex_primary.py): entry k is the pattern at k, for k from the first
        entry written to the last; at a symbolic last index, a vector of symbolic length."""
        rng, var = self._binder(node, "an ellipsis in a vector needs its pattern", "rename it")
        lo_v, hi_v = self.visit(rng.items[1]), self.visit(rng.items[2])
        if is_array(lo_v) or is_array(hi_v) or lo_v.is_integer is not True \
                or hi_v.is_integer is not True:
            loose = sorted(str(v) for b in (lo_v, hi_v) if not is_array(b)
                           for v in b.free_symbols if not v.is_integer)
            raise ParseError("the entries of a vector written with an ellipsis are numbered by "
                             "integers" + (f"; {loose[0]} is not a declared size: declare it in "
                                           "[context] dims" if loose else ""), node.pos)
        if lo_v.is_Integer and hi_v.is_Integer:
            if hi_v < lo_v:
                raise ParseError("the entries around the ellipsis count down", node.pos)
            _entries(int(hi_v - lo_v + 1), 1, node.pos)
            terms = [self._scalar(t, "an entry of a vector", node.pos)
                     for t in self._terms(node.args[0], var, int(lo_v), int(hi_v))]
            column = sp.ImmutableMatrix(terms)
            return column.T if row else column
        other = sorted((lo_v.free_symbols | hi_v.free_symbols) - set(self.ctx.dims.values()),
                       key=str)
        if other:
            raise ParseError(f"a vector written with an ellipsis up to {other[0]}, which is not a "
                             f"declared size: declare it in [context] dims", rng.pos)
        body, k, needed = self._over_a_range(node.args[0], var, lo_v, hi_v)
        if is_array(body):
            raise ParseError("an entry of a vector must be a scalar", node.pos)
        self._over_the_range(needed, k, var, lo_v, hi_v, "vector", node.pos)
        self._needs(sp.Ge(hi_v, lo_v))  # its first and last entries are written: not empty
        length = sp.expand(hi_v - lo_v + 1)
        shift = lo_v - 1
        out = SymArray(length, sp.Integer(1), lambda i, j: body.xreplace({k: i + shift}))
        return arrays.transpose(out) if row else out

    def fn__pattern_matrix(self, node: Call) -> Value:
        """A matrix written by its corners (checker/parse/latex_primary.py): entry (r, c) is
        the pattern at the row index r and the column index c, over the ranges written."""
        body, rows_at, cols_at = node.args
        ranges = []
        for rng in (rows_at, cols_at):
            var = rng.items[0].id  # type: ignore[union-attr]
            lo_v, hi_v = self.visit(rng.items[1]), self.visit(rng.items[2])  # type: ignore[union-attr]
            if is_array(lo_v) or is_array(hi_v) or lo_v.is_integer is not True \
                    or hi_v.is_integer is not True:
                raise ParseError("the entries of a matrix written with an ellipsis are numbered "
                                 "by integers (declare its sizes under [context] dims)", node.pos)
            other = (lo_v.free_symbols | hi_v.free_symbols) - set(self.ctx.dims.values())
            if other:
                raise ParseError(f"a matrix written with an ellipsis up to {sorted(map(str, other))[0]}"
                                 ", which is not a declared size: declare it in [context] dims",
                                 node.pos)
            ranges.append((var, sp.Dummy(var.lstrip("\x00"), integer=True), lo_v, hi_v))
        (vi, ki, lo_i, hi_i), (vj, kj, lo_j, hi_j) = ranges
        if all(b.is_Integer for _, _, lo, hi in ranges for b in (lo, hi)):
            if hi_i < lo_i or hi_j < lo_j:
                raise ParseError("the entries around the ellipsis count down", node.pos)
            _entries(int(hi_i - lo_i + 1), int(hi_j - lo_j + 1), node.pos)
            saved = self.env
            rows = []
            try:  # at numbers, each entry read at its indices (an explicit matrix's T_{r c})
                for r in range(int(lo_i), int(hi_i) + 1):
                    row = []
                    for c in range(int(lo_j), int(hi_j) + 1):
                        self.env = {**saved, vi: sp.Integer(r), vj: sp.Integer(c)}
                        row.append(self._scalar(self.visit(body), "a matrix entry", node.pos))
                    rows.append(row)
            finally:
                self.env = saved
            return sp.ImmutableMatrix(rows)
        saved, recorded = self.env, dict(self.domain)
        self.sum_ranges[ki], self.sum_ranges[kj] = (lo_i, hi_i), (lo_j, hi_j)
        try:
            self.env = {**saved, vi: ki, vj: kj}
            value = self.visit(body)
            needed = [r for r in self.domain if r not in recorded]
        finally:
            self.env, self.domain = saved, recorded
            del self.sum_ranges[ki], self.sum_ranges[kj]
        if is_array(value):
            raise ParseError("an entry of a matrix must be a scalar", node.pos)
        for r in needed:  # what each entry needs, for every entry
            if not {ki, kj} & r.free_symbols:
                self.domain[r] = None
            elif _whole_indices(r, (ki, kj)):  # √(σ_j² + ε): σ[every]² + ε ≥ 0
                self._needs(r.xreplace({k: arrays.every_index() for k in (ki, kj)}))
            else:
                raise ParseError("the entries of this matrix need a condition each that is not "
                                 "one of its entries' (a log's argument positive at each index, "
                                 "…): write the matrix by its rule", node.pos)
        self._needs(sp.Ge(hi_i, lo_i))
        self._needs(sp.Ge(hi_j, lo_j))
        return SymArray(sp.expand(hi_i - lo_i + 1), sp.expand(hi_j - lo_j + 1),
                        lambda r, c: value.xreplace({ki: r + lo_i - 1, kj: c + lo_j - 1}))

    def fn__row_of(self, node: Call) -> Value:
        """x^{(i)} of a declared matrix x under indices = "superscript": the i-th example, the
        matrix's row i as a (column) vector, as course notes write x^{(i)} ∈ ℝ^n."""
        target, at = node.args
        x = self.visit(target)
        if isinstance(x, SymArray):
            i = self._index_value(at, x.rows)
            return SymArray(x.cols, sp.Integer(1), lambda r, c: x.entry(i, r), x.bases)
        if not is_matrix(x):
            raise ParseError("only a matrix has rows", node.pos)
        i = self.integer(at, "an example's index")
        if not 1 <= i <= x.shape[0]:
            raise ParseError(f"example {i} is out of range 1…{x.shape[0]}", node.pos)
        return x[i - 1, :].T.as_immutable()

    def fn__pattern_row(self, node: Call) -> Value:
        return self.fn__pattern_vector(node, row=True)

    def _free_index(self, total: Node) -> Node:
        """The sum with an index letter that names nothing here (the reader chose it from the
        terms alone: a declared k, or the k of an enclosing sum, is not taken)."""
        rng = total.args[1] if isinstance(total, Call) and len(total.args) == 2 else None
        var = rng.items[0].id if isinstance(rng, TupleLit) and isinstance(rng.items[0], Name) \
            else None
        if var is None or (self.ctx.kind(var) is None and var not in self.env):
            return total
        used = ellipsis.names_in([total])
        new = next((v for v in ellipsis.INDEX_NAMES if v not in used and v not in self.env
                    and self.ctx.kind(v) is None), None)
        if new is None:
            return total  # the Sum's own error names the letter

        def rename(n: Node) -> Node:
            if isinstance(n, Name) and n.id == var:
                return Name(new, n.pos)
            return map_children(n, rename)

        return rename(total)

    def fn_Integral(self, node: Call) -> Value:
        """Integral(f, (t, a, b)): t bound (a Dummy: nothing of the file is captured), a and b
        scalars or ±∞ (∞ from LaTeX, oo in a plain claim). What the integrand needs of t (a
        log's argument positive …) is not a condition of the claim: an integral is only ever
        evaluated or compared where it exists (checker/strategies/integrals.py)."""
        rng, var = self._binder(node, "write an integral as Integral(f, (t, a, b)): the variable "
                                      "of integration and both bounds (oo for ∞)",
                                "integrate over another letter")
        lo, hi = (self.integral_bound(b) for b in rng.items[1:])
        t = sp.Dummy(var, real=True)
        body, needed = self._bound_body(node.args[0], var, t)
        conditional = False
        for r in needed:
            if t not in r.free_symbols:
                self.domain[r] = None
            else:  # a condition on t: not one of the claim, so the integral gets no value
                conditional = True
        if is_array(body):
            raise ParseError("an integral of a vector or matrix: integrate its entries", node.pos)
        if lo == hi:
            return sp.Integer(0)
        return (ConditionalIntegral if conditional else sp.Integral)(body, (t, lo, hi))

    def _binder(self, node: Call, form: str, other: str) -> tuple[TupleLit, str]:
        """The range (var, lo, hi) of a Sum or an Integral, and its variable, which must not
        name a vector, matrix or function of the file."""
        self._arity(node, 2)
        rng = node.args[1]
        if not (isinstance(rng, TupleLit) and len(rng.items) == 3
                and isinstance(rng.items[0], Name)):
            raise ParseError(form, node.pos)
        var = rng.items[0].id
        if self.ctx.kind(var) not in (None, "symbol"):
            raise ParseError(f"{var} is already a {self.ctx.kind(var)}; {other}", rng.pos)
        return rng, var

    def _bound_body(self, body: Node, var: str, dummy: sp.Symbol) -> tuple[Value, list]:
        """A body with ``var`` bound to ``dummy`` (a sum's index, an integral's variable), and
        the conditions it needs, which are left to the caller (they may mention the dummy)."""
        saved, recorded = self.env, dict(self.domain)
        try:
            self.env = {**saved, var: dummy}
            value = self.visit(body)
            needed = [r for r in self.domain if r not in recorded]
        finally:
            self.env, self.domain = saved, recorded
        return value, needed

    def integral_bound(self, node: Node) -> sp.Expr:
        inner, sign = node, 1
        while isinstance(inner, Unary):
            sign = -sign if inner.op == "-" else sign
            inner = inner.operand
        if isinstance(inner, Name) and (inner.id == INFINITY or (
                inner.id == "oo" and self.ctx.kind("oo") is None and inner.id not in self.env)):
            return sign * sp.oo
        v = self.visit(node)
        if is_array(v) or v.has(sp.oo, -sp.oo, sp.zoo, sp.nan):
            raise ParseError("a bound of an integral must be a number, a scalar or ±∞", node.pos)
        return v

    def symbolic_sum(self, node: Call, var: str, lo: sp.Expr, hi: sp.Expr,
                     product: bool = False) -> Value:
        body, k, needed = self._over_a_range(node.args[0], var, lo, hi)
        self._over_the_range(needed, k, var, lo, hi, node.func.lower(), node.pos)
        if isinstance(body, SymArray) and not product and _runs_with(body, k):
            # Σ_i (θᵀx⁽ⁱ⁾ − y⁽ⁱ⁾) x⁽ⁱ⁾: a sum of vectors of one shape, entry by entry
            return SymArray(body.rows, body.cols,
                            lambda r, c: sp.Sum(body.entry(r, c), (k, lo, hi)), body.bases)
        if isinstance(body, SymArray) and not product and not _entry_has(body, k):
            # Σ_j ∂ŷ/∂θ_i: copies of one vector, or its entry at j with the index left out?
            raise ParseError(f"a {node.func.lower()} over {var} of one {body.shape_text} that "
                             f"does not change with {var}: that many copies of it, or its entry "
                             f"at {var} with the index left out? Write the entry (with _{var}), "
                             f"or the count times the vector", node.pos)
        if isinstance(body, SymArray) and not product:
            raise ParseError(f"a {node.func.lower()} over {var} of one {body.shape_text} scaled "
                             f"by what runs with {var}: its entry at {var}, or the whole? Write "
                             f"the entry (\\frac{{\\partial \\hat{{y}}_{var}}}{{…}}), or the "
                             f"number outside (\\left(\\sum_{var} a_{var}\\right) v)", node.pos)
        if is_array(body):
            raise ParseError(f"a {node.func} with symbolic bounds must "
                             f"{'multiply' if product else 'sum'} scalars; "
                             f"{'multiply' if product else 'sum'} the entries instead", node.pos)
        return (sp.Product if product else sp.Sum)(body, (k, lo, hi))

    def _over_a_range(self, body: Node, var: str, lo: sp.Expr, hi: sp.Expr
                      ) -> tuple[Value, sp.Dummy, list]:
        """A sum's (a pattern vector's) body with its index bound to a Dummy ranging over
        lo…hi (no symbol of the file, a declared integer k say, can be captured by it): the
        body, the Dummy, and the conditions the body needs."""
        k = sp.Dummy(var, integer=True)
        self.sum_ranges[k] = (lo, hi)
        try:
            value, needed = self._bound_body(body, var, k)
        finally:
            del self.sum_ranges[k]
        return value, k, needed

    def _over_the_range(self, needed: list, k: sp.Symbol, var: str, lo: sp.Expr, hi: sp.Expr,
                        what: str, pos: Pos) -> None:
        """The conditions a sum's (a pattern vector's) terms need at each k in lo…hi, as the
        claim's: Σ_k log x_k needs x[k] > 0 for every k, Σ_k 1/k needs k ≠ 0, which holds on
        the range where it holds at its ends (where that can be stated; a condition that
        cannot is left out, and the claim is then not defined there: see the callers)."""
        every = arrays.every_index()
        for r in needed:
            if k not in r.free_symbols:
                self.domain[r] = None
            elif not r.atoms(sp.Indexed) and (at := _over_range(r, k, lo, hi)) is not None:
                if sp.false in at:  # Σ_{k=0}^{n} k (k − 1)!: the term at k = 0 is undefined
                    raise ParseError(f"a term of the {what} is not defined at the end of its "
                                     f"range ({sp.sstr(r.lhs.xreplace({k: sp.Symbol(var)}))} "
                                     f"at {var} = {sp.sstr(lo if at[0] is sp.false else hi)}): "
                                     "start the range where every term is defined", pos)
                for rel in at:  # (a linear condition holds on the range where at its ends)
                    self._needs(rel)
            elif _whole_indices(r, (k,)):  # (a symbol, not 0: r_k/q_k > 0)
                self._needs(r.xreplace({k: every}))

    def binary_values(self, op: str, a: Value, b: Value, pos: Pos) -> Value:
        if isinstance(a, SymArray) or isinstance(b, SymArray):
            return self.sym_binary("+", a, b, pos)
        if is_matrix(a) != is_matrix(b) or (is_matrix(a) and a.shape != b.shape):
            raise ParseError("the terms of a Sum must all have the same shape", pos)
        out = a + b
        return out.as_immutable() if is_matrix(out) else out

    def fn_delta(self, node: Call) -> Value:
        self._arity(node, 2)
        a, b = (self._maybe_index(arg) for arg in node.args)
        if not (is_array(a) or is_array(b)) and not (a.is_Integer and b.is_Integer) \
                and a.is_integer and b.is_integer:
            return sp.KroneckerDelta(a, b)  # symbolic indices
        i = self.integer(node.args[0], "delta's first index")
        j = self.integer(node.args[1], "delta's second index")
        return sp.Integer(int(i == j))

    def _maybe_index(self, node: Node) -> Value:
        """An argument of delta: a new name is a free index when the file has one dimension."""
        if isinstance(node, Name) and node.id not in self.env and self.ctx.kind(node.id) is None \
                and node.id not in self.ctx.indices and len(self.ctx.dims) == 1:
            return self.ctx.free_index(node.id, next(iter(self.ctx.dims.values())))
        return self.visit(node)

    def fn_diff(self, node: Call) -> Value:
        if len(node.args) < 2:
            raise ParseError("diff(f, x) needs an expression and a variable; "
                             "diff(f, x, 2) for a second derivative", node.pos)
        chain = self._through_gradient(node)
        if chain is not None:
            return chain
        f = _sized(self.visit(node.args[0]), node.args[0])  # (d/dx of I alone: which size?)
        not_of_a_gradient(f, node.pos)
        if len(node.args) == 2 and not isinstance(node.args[1], Num):
            var = self.visit(node.args[1])
            if isinstance(var, SymArray):  # ∂L/∂W (W's shape), ∂F/∂v (a Jacobian)
                return self._array_derivative(f, var, node)
        spec: list[tuple[sp.Symbol, int]] = []
        for arg in node.args[1:]:
            if isinstance(arg, Num):
                if not spec or arg.value.denominator != 1 or not 1 <= arg.value <= MAX_ORDER:
                    raise ParseError(f"a derivative order must follow a variable and be 1…"
                                     f"{MAX_ORDER}", arg.pos)
                var, _ = spec[-1]
                spec[-1] = (var, int(arg.value))
            else:
                var = self._symbol(arg, "the variable of diff")
                if isinstance(var, sp.Symbol) and var in self.ctx.dims.values():
                    raise ParseError(f"a derivative by {var}, a size (a positive integer: a "
                                     "sum runs to it, or the declarations say so): it has no "
                                     f"derivative by a whole number; if {var} is a real "
                                     "variable here, give the size another letter", arg.pos)
                spec.append((var, 1))
        if sum(k for _, k in spec) > MAX_ORDER:
            raise ParseError(f"derivatives of total order above {MAX_ORDER} are not allowed",
                             node.pos)
        if sum(k for _, k in spec) > 1:  # ∂²J/∂w_j² with J(w) arbitrary, w of symbolic length
            not_of_a_gradient(f, node.pos, second=True)

        def d(e: sp.Expr) -> sp.Expr:
            return sp.Derivative(e, *spec)

        self._differentiated(f, [v for v, _ in spec])
        _no_factorial_in(f, {v for v, _ in spec}, node.pos)

        if isinstance(f, SymArray):
            return arrays.apply(f, d)
        entries = list(f) if is_matrix(f) else [f]
        if len(spec) == 1 and all(isinstance(e, sp.Function) and e.args == (spec[0][0],)
                                  for e in entries):
            # d/du σ(u): kept as written, the same value σ'(u) reads as (nothing to share)
            return d(f) if not is_matrix(f) else sp.ImmutableMatrix(*f.shape, [d(e) for e in entries])
        try:  # on the shared DAG (checker.differentiate), else left to the engine
            done = differentiate.derivative(entries, spec)
        except differentiate.NotHere:  # (J(w) of a vector of symbolic length: taken here,
            done = [d(e).doit() if e.has(AtVector) else d(e)  # where w_j is w's entry)
                    for e in entries]
        return sp.ImmutableMatrix(*f.shape, done) if is_matrix(f) else done[0]

    def _differentiated(self, f: Value, variables: list) -> None:
        """Record a derivative of f by these variables (checker.files.steps.not_tied)."""
        if not isinstance(f, SymArray):
            self.ctx.differentiated.append((tuple(variables), frozenset().union(
                *(e.free_symbols for e in (f if is_matrix(f) else [f])))))

    def _array_derivative(self, f: Value, var: SymArray, node: Call) -> Value:
        g = f.entry(arrays.every_index(), arrays.ONE if f.is_vector else arrays.every_index()) \
            if isinstance(f, SymArray) else f
        not_of_a_gradient(f, node.pos)  # ∇_w ∂J/∂w_j: a second derivative
        taken = isinstance(g, sp.Basic) and g.has(AtVector)
        if taken and (isinstance(f, SymArray) or unsmooth(g)):
            # ∇_w J(w) left for later would not see J's dependence on w (the engine takes an
            # entry's derivative at numbered entries, where w_j is a letter of its own); taken
            # here, a kink would get SymPy's value
            raise ParseError("a derivative by a whole vector of a function declared arbitrary at "
                             "a vector of symbolic length (∇_w J(w), ∂J(w)/∂w), of a vector or "
                             "through a kink (relu, |x|, a step, cases), is not read: write it "
                             "entry by entry, \\frac{\\partial J(w)}{\\partial w_j}, or give "
                             "the size a number", node.pos)
        if not var.bases or len(var.bases) != 1 or _is_expression(var):
            raise ParseError("differentiate by a declared vector or matrix (W, x), not by an "
                             "expression of them", node.pos)
        if isinstance(var.bases[0][0], SymmetricBase):
            raise ParseError(BY_SYMMETRIC, node.pos)
        if isinstance(f, SymArray):  # ∂F/∂v: grad follows a declared denominator layout
            return arrays.jacobian_transposed(f, var) if node.func == "grad" \
                and self.ctx.jacobian_transposed else arrays.jacobian(f, var)
        if is_matrix(f):
            raise ParseError("an explicit vector differentiated by one of symbolic size",
                             node.pos)
        if taken:  # ∂L/∂b through L(z), z = Wx + b: the chain rule, taken here
            return arrays.gradient(f, var, self.ctx.layout == "numerator", sp.diff)
        return arrays.gradient(f, var, numerator=self.ctx.layout == "numerator")

    def fn_grad(self, node: Call) -> Value:
        self._arity(node, 2)
        v = self.visit(node.args[1])
        f = _sized(self.visit(node.args[0]), node.args[0])
        if isinstance(v, SymArray):
            return self._array_derivative(f, v, node)
        if is_matrix(f) and 1 in f.shape and is_matrix(v) and 1 in v.shape:
            # ∂F/∂v of two vectors: the Jacobian, or its transpose in declared denominator layout
            return self.vector_by_vector(self.fn_jacobian(node))
        if is_array(f):
            raise ParseError("grad(f, v) needs a scalar f; use jacobian(F, v) for a vector F",
                             node.pos)
        self._differentiated(f, list(v) if is_matrix(v) else [v])
        if not is_matrix(v):
            x = self._symbol(node.args[1], "grad's variable")
            try:
                return differentiate.gradient(f, [x])[0]
            except differentiate.NotHere:
                return sp.Derivative(f, x)
        for t in v:
            if not isinstance(t, sp.Symbol):
                raise ParseError("grad(f, v) needs v to be a declared vector or matrix",
                                 node.args[1].pos)
        try:  # one reverse pass for every entry of v (checker.differentiate)
            g = sp.ImmutableMatrix(*v.shape, differentiate.gradient(f, list(v)))
        except differentiate.NotHere:
            g = v.applyfunc(lambda t: sp.Derivative(f, t)).as_immutable()
        return self.laid_out(g)

    def laid_out(self, gradient: sp.ImmutableMatrix) -> sp.ImmutableMatrix:
        """A gradient in the variable's shape, or in its transpose's under
        ``layout = "numerator"`` (as at symbolic sizes: checker.parse.arrays.gradient)."""
        return gradient.T.as_immutable() if self.ctx.layout == "numerator" else gradient

    def vector_by_vector(self, jacobian: sp.ImmutableMatrix) -> sp.ImmutableMatrix:
        """∂F/∂v of two vectors written as a derivative (not ``jacobian(F, v)``): the Jacobian,
        or its transpose where the file declares ``layout = "denominator"``."""
        return jacobian.T.as_immutable() if self.ctx.jacobian_transposed else jacobian

    def fn_jacobian(self, node: Call) -> Value:
        self._arity(node, 2)
        v = self.visit(node.args[1])
        return self._jacobian(self.visit(node.args[0]), v, node)

    def _jacobian(self, F: Value, v: Value, node: Call) -> Value:
        """The Jacobian of the value F by the variable's value v (node: the call, for errors)."""
        if isinstance(v, SymArray):
            return self._array_derivative(F, v, node)
        F = self._as_vector(F, node.args[0], "jacobian")
        v = self._as_vector(v, node.args[1], "jacobian's variables")
        for t in v:
            if not isinstance(t, sp.Symbol):
                raise ParseError("jacobian(F, v) needs v to be a declared vector",
                                 node.args[1].pos)
        _entries(len(F), len(v), node.pos)
        self._differentiated(F, list(v))
        try:  # one reverse pass per entry of F, sharing the local derivatives
            rows = differentiate.jacobian(list(F), list(v))
            return sp.ImmutableMatrix(len(F), len(v), lambda i, j: rows[i][j])
        except differentiate.NotHere:
            return sp.ImmutableMatrix(len(F), len(v), lambda i, j: sp.Derivative(F[i], v[j]))

    def fn__hessian(self, node: Call) -> Value:
        """∇²_w F: the Jacobian of F's gradient in w, the gradient taken as a column whatever
        the layout (a Hessian does not depend on it)."""
        grad, var = node.args
        g = self.visit(grad)
        v = self.visit(var)
        if isinstance(g, SymArray) and not g.is_vector:
            if not arrays.same_size(g.rows, 1):
                raise ParseError("\\nabla^2 by a matrix (a Hessian of a matrix variable) is not "
                                 "read: write its entries", node.pos)
            g = arrays.transpose(g)
        elif is_matrix(g) and g.shape[0] == 1 and g.shape[1] != 1:
            g = g.T.as_immutable()
        elif is_matrix(g) and g.shape[1] != 1:
            raise ParseError("\\nabla^2 by a matrix (a Hessian of a matrix variable) is not "
                             "read: write its entries", node.pos)
        if isinstance(v, SymArray):
            return self._array_derivative(g, v, node)
        return self._jacobian(g, v, node)

    def fn_T(self, node: Call) -> Value:
        self._arity(node, 1)
        v = self.visit(node.args[0])
        if isinstance(v, Unsized):  # (the identity is its own transpose)
            return v if v.kind == "identity" else replace(v, transposed=not v.transposed)
        if isinstance(v, SymArray):
            return _norm(arrays.transpose(v))
        return v.T.as_immutable() if is_matrix(v) else v

    def fn_hadamard(self, node: Call) -> Value:
        self._arity(node, 2)
        self.entrywise += 1  # A ⊙ (1 − A): the number in every entry, as ⊙ reads its factors
        try:
            a, b = (self._maybe_index(arg) for arg in node.args)
        finally:
            self.entrywise -= 1
        if isinstance(a, SymArray) and isinstance(b, SymArray):
            return _entrywise_product(a, b)
        if is_matrix(a) and is_matrix(b):
            a, b = _spread(a, b)  # (a row ⊙ a matrix of its width: in every row)
        if not (is_matrix(a) and is_matrix(b)) or a.shape != b.shape:
            raise ParseError(f"hadamard needs two matrices of one shape, got {shape_text(a)} "
                             f"and {shape_text(b)}", node.pos)
        return _entrywise_product(a, b)

    def fn_dot(self, node: Call) -> Value:
        self._arity(node, 2)
        a = self.visit(node.args[0])  # (‖v‖² = v·v: one v, a sum of squares, never negative)
        b = a if node.args[1] is node.args[0] else self.visit(node.args[1])
        if isinstance(a, SymArray) and isinstance(b, SymArray):
            return arrays.dot(a, b)
        a, b = self._as_vector(a, node.args[0], "dot"), self._as_vector(b, node.args[1], "dot")
        if len(a) != len(b):
            raise ParseError(f"dot of vectors of lengths {len(a)} and {len(b)}", node.pos)
        return sp.Add(*[x * y for x, y in zip(a, b, strict=True)])

    def fn_outer(self, node: Call) -> Value:
        self._arity(node, 2)
        a, b = self.visit(node.args[0]), self.visit(node.args[1])
        if isinstance(a, SymArray) and isinstance(b, SymArray):
            return arrays.outer(a, b)
        a, b = self._as_vector(a, node.args[0], "outer"), self._as_vector(b, node.args[1], "outer")
        _entries(len(a), len(b), node.pos)
        return sp.ImmutableMatrix(len(a), len(b), lambda i, j: differentiate.times(a[i], b[j]))

    def fn_onehot(self, node: Call) -> Value:
        if len(node.args) == 1:
            raise ParseError("onehot(y) is a hypothesis: write it in given = [\"onehot(y)\"]; "
                             "onehot(k, n) is the k-th unit vector of length n", node.pos)
        self._arity(node, 2)
        k, n = self.integer(node.args[0], "onehot's k"), self.integer(node.args[1], "onehot's n")
        if not 1 <= k <= n:
            raise ParseError(f"onehot({k}, {n}): k must be between 1 and n", node.pos)
        _entries(n, 1, node.pos)
        return sp.ImmutableMatrix([int(i == k) for i in range(1, n + 1)])

    def fn_diag(self, node: Call) -> Value:
        self._arity(node, 1)
        v = self.visit(node.args[0])
        if isinstance(v, SymArray):
            return arrays.diag(v)
        v = self._as_vector(v, node.args[0], "diag")
        _entries(len(v), len(v), node.pos)
        return sp.ImmutableMatrix(len(v), len(v), lambda i, j: v[i] if i == j else 0)

    def fn_ones(self, node: Call) -> Value:
        if not node.args:  # \mathbf{1}: the size its neighbour needs
            return Unsized("ones")
        self._arity(node, 1, 2)
        sizes = [self.visit(a) for a in node.args]
        if any(not is_matrix(v) and not isinstance(v, SymArray) and not v.is_Integer
               and v.is_integer for v in sizes):  # ones(n) for a dimension n
            return arrays.ones(*sizes)
        dims = [self.integer(a, "a size") for a in node.args]
        rows, cols = (dims[0], 1) if len(dims) == 1 else (dims[0], dims[1])
        if rows < 1 or cols < 1:
            raise ParseError("sizes must be positive", node.pos)
        _entries(rows, cols, node.pos)
        return sp.ImmutableMatrix(sp.ones(rows, cols))

    def fn_eye(self, node: Call) -> Value:
        if not node.args:  # \mathbf{I}: the size its neighbour needs
            return Unsized("identity")
        self._arity(node, 1)
        n = self.visit(node.args[0])
        if not is_matrix(n) and not isinstance(n, SymArray) and not n.is_Integer and n.is_integer:
            return arrays.identity(n)
        k = self.integer(node.args[0], "a size")
        if k < 1:
            raise ParseError("sizes must be positive", node.pos)
        _entries(k, k, node.pos)
        return sp.ImmutableMatrix(sp.eye(k))

    def fn_Matrix(self, node: Call) -> Value:
        self._arity(node, 1)
        arg = node.args[0]
        if not isinstance(arg, ListLit):
            raise ParseError("write Matrix([a, b, c]) for a column or Matrix([[a, b], [c, d]])",
                             node.pos)
        return self.matrix_literal(arg.items, arg.pos)

    def _square(self, node: Call, limit: int | None = None,
                a: Value | None = None) -> sp.ImmutableMatrix:
        self._arity(node, 1)
        a = self.visit(node.args[0]) if a is None else a
        if not is_matrix(a) or a.shape[0] != a.shape[1]:
            raise ParseError(f"{node.func} needs a square matrix", node.pos)
        if limit is not None and a.shape[0] > limit:
            raise ParseError(f"{node.func} is limited to {limit}×{limit} matrices", node.pos)
        return a

    def fn__seq(self, node: Call) -> Value:
        """m_k of a sequence the document defines by a recurrence (checker.parse.sequences)."""
        return sequences.member(self, node)

    def fn__seq_partial(self, node: Call) -> Value:
        """∂h_t/∂h_{t-1} of a sequence the document defines (checker.parse.sequences)."""
        return sequences.partial(self, node)

    def fn_expect(self, node: Call) -> Value:
        """E[X] of the declared random variables; entry by entry on a vector or matrix."""
        self._arity(node, 1)
        law = self._law(node, "E[…]")
        v = self.visit(node.args[0])
        if isinstance(v, SymArray):  # E[r ⊙ x / p]: entry by entry, at every index
            return arrays.apply(v, lambda e: Expect(e, law))
        if is_array(v):
            return v.applyfunc(lambda e: Expect(e, law))
        return Expect(v, law)

    def fn_Var(self, node: Call) -> Value:
        self._arity(node, 1)
        law = self._law(node, "Var[…]")
        return Variance(self._scalar(self.visit(node.args[0]), "Var's argument (a vector's "
                                     "variance would be a covariance matrix: write the variance "
                                     "of one entry, Var(w_i), or of a sum of them)", node.pos), law)

    def fn_Cov(self, node: Call) -> Value:
        self._arity(node, 2)
        law = self._law(node, "Cov[…]")
        a, b = (self._scalar(self.visit(x), "Cov's argument", node.pos) for x in node.args)
        return Covariance(a, b, law)

    def _law(self, node: Call, what: str) -> sp.Tuple:
        if not self.ctx.random:
            raise ParseError(f"{what} is an expectation, but nothing is declared random: declare "
                             "the random variables and their laws, as in random = { x = "
                             "\"N(0, 1)\", w = \"mean 0, variance v\" }", node.pos)
        return self.ctx.law()

    def fn_trace(self, node: Call) -> Value:
        self._arity(node, 1)
        v = self.visit(node.args[0])
        if isinstance(v, SymArray):
            return arrays.trace(v)
        if not is_matrix(v) and self._one_by_one(node.args[0]):
            return v  # tr(xᵀAx): the trace of a 1 × 1 product is its one entry
        if not is_matrix(v) or v.shape[0] != v.shape[1]:
            raise ParseError("trace needs a square matrix" + (
                "; what it is given is a number (declare the matrices it is made of)"
                if not is_matrix(v) else ""), node.pos)
        return v.trace()

    def _one_by_one(self, arg: Node) -> bool:
        """Whether a value that came out a number is a 1 × 1 product of the declared arrays
        (xᵀAx), not a product of undeclared letters read as numbers (tr(BC), B and C meant as
        matrices): every letter declared, some of them vectors or matrices."""
        bound: set[str] = set()
        names: list[str] = []
        stack: list[Node] = [arg]
        while stack:
            n = stack.pop()
            if isinstance(n, Name):
                names.append(n.id)
            elif isinstance(n, Index):
                stack.append(n.target)
                bound.update(k.id for k in n.indices if isinstance(k, Name))
            elif (k := binder(n)) is not None:  # Σ_k …: k is the sum's own (its body read)
                bound.add(k)
                stack.append(n.args[0])  # type: ignore[union-attr]
            else:
                stack.extend(children(n))
        kinds = [self.ctx.kind(x) for x in names if x not in bound]
        return None not in kinds and any(k in ("vector", "matrix") for k in kinds)

    def fn_det(self, node: Call) -> Value:
        self._arity(node, 1)
        a = self.visit(node.args[0])
        if isinstance(a, SymArray):
            return arrays.determinant(a)
        return self._square(node, MAX_DET, a).det(method="berkowitz")

    def fn_inv(self, node: Call) -> Value:
        self._arity(node, 1)
        a = self.visit(node.args[0])
        if isinstance(a, SymArray):
            return self.sym_inverse(a)
        return self._inverse(self._square(node, INVERSE_SIZE, a), node.pos)

    def sym_inverse(self, a: SymArray) -> SymArray:
        """a⁻¹ at a symbolic size (checker.inverse), where det a ≠ 0 (a condition of the
        claim, as for an explicit inverse)."""
        inv, det = arrays.inverse(a)
        self.require(sp.Ne, det)
        return inv

    def _inverse(self, a: sp.ImmutableMatrix, pos: Pos) -> sp.ImmutableMatrix:
        """A⁻¹ = adj(A)/det(A), where det(A) ≠ 0 (a condition of the claim)."""
        d = a.det(method="berkowitz")
        if d == 0:
            raise ParseError("the inverse of a matrix whose determinant is identically 0", pos)
        self.require(sp.Ne, d)
        return (a.adjugate() / d).as_immutable()


_ENTRY = sp.Dummy("entry", real=True)  # an entry put aside (symbolic_sum)

_STRUCTURAL = sorted(n[3:] for n in dir(Evaluator) if n.startswith("fn_") and not n.startswith("fn__"))


def _runs_with(body: SymArray, k: sp.Symbol) -> bool:
    """Whether the vectors a sum adds are other vectors at each k (x⁽ᵏ⁾, the row k of a data
    matrix: one entry holds both k and the entry's own index), not one vector scaled by
    what runs with k (Σ_j y_j/ŷ_j ∂ŷ/∂θ_i, written for ∂ŷ_j/∂θ_i: its entry or the whole
    vector? refused, as before)."""
    if any(not isinstance(n, int) and n.has(k) for n in (body.rows, body.cols)):
        return False
    r, c = sp.Dummy("r", integer=True), sp.Dummy("c", integer=True)
    entry = body.entry(r, c)
    # some term has a factor that holds k and the entry's index together (x_{kr}, Σ_m W_rm
    # x_km): not one vector scaled by a number for each k (y_k/ŷ_k · ∂ŷ_r/∂θ_i)
    return any(k in f.free_symbols and {r, c} & f.free_symbols
               for t in sp.Add.make_args(sp.expand_mul(entry)) for f in sp.Mul.make_args(t))


def _entry_has(body: SymArray, k: sp.Symbol) -> bool:
    """Whether the array's entries change with k."""
    r, c = sp.Dummy("r", integer=True), sp.Dummy("c", integer=True)
    return k in body.entry(r, c).free_symbols


def _square(v: Value) -> bool:
    """A square matrix that may be larger than 1 × 1 (explicit, or of a symbolic size)."""
    if isinstance(v, SymArray):
        return not v.is_vector and arrays.same_size(v.rows, v.cols) \
            and not arrays.same_size(v.rows, 1)
    return is_matrix(v) and v.shape[0] == v.shape[1] > 1


def _number(v: Value) -> bool:
    return not is_array(v) and not isinstance(v, Unsized) and v != 0


def _entries(rows: int, cols: int, pos: Pos) -> None:
    if rows * cols > MAX_ENTRIES:
        raise ParseError(f"a {rows}×{cols} matrix has more than {MAX_ENTRIES} entries", pos)


def evaluate(node: Node, ctx: Context) -> Value:
    """Evaluate a tree in a context (see :class:`Evaluator`)."""
    return Evaluator(ctx).value(node)


INVERSE_SIZE = 4  # inv(A), A^{-1}: at most 4×4 (the adjugate's entries grow fast)
MAX_INVERSE_POWER = 4  # A^{-4} at a symbolic size at most


def _is_square(a: Value) -> bool:
    """A square matrix larger than 1×1 (at a symbolic size: rows and columns the same size)."""
    if isinstance(a, SymArray):
        return not a.is_vector and arrays.same_size(a.rows, a.cols)
    return is_matrix(a) and a.shape[0] == a.shape[1] > 1


def _whole_indices(r: sp.Basic, ks: tuple[sp.Symbol, ...]) -> bool:
    """Whether the indices ``ks`` appear in ``r`` only as whole indices of entries (x[k] > 0,
    not x[k + 1] > 0 nor k > 0): a condition on every entry then states it."""
    return all(a.indices.count(k) == len([i for i in a.indices if i.has(k)])
               for a in r.atoms(sp.Indexed) for k in ks) \
        and not r.xreplace({a: _ENTRY for a in r.atoms(sp.Indexed)}).has(*ks)


def _away_from_kinks(value: sp.Basic, x: sp.Symbol, a: sp.Expr) -> bool:
    """Whether at x = a every kink of ``value`` (|u|, sign u, a step, max, min, a case's
    comparison) is at a number away from it: |x| at x = 1, log(1 + |x|)'s derivative there
    (nothing one-sided to choose). Anything else (u = 0 there, another letter in u, floor, a
    delta): False."""
    if not (isinstance(a, sp.Basic) and a.is_number and a.is_real):
        return False

    def number(u: sp.Expr) -> sp.Expr | None:
        v = u.subs(x, a)
        return v if v.is_number and v.is_real else None

    for k in value.atoms(sp.Abs, sp.sign, sp.Heaviside):
        v = number(k.args[0])
        if v is None or v.is_zero is not False:
            return False
    for k in value.atoms(sp.Max, sp.Min):
        vs = [number(arg) for arg in k.args]
        if any(v is None for v in vs) or any((p - q).is_zero is not False for i, p in enumerate(vs)
                                             for q in vs[i + 1:]):  # type: ignore[operator]
            return False
    for k in value.atoms(sp.Piecewise):
        for _, cond in k.args:
            if cond in (sp.true, sp.false):
                continue
            if not isinstance(cond, sp.core.relational.Relational):
                return False
            v = number(cond.lhs - cond.rhs)
            if v is None or v.is_zero is not False:
                return False
    return not value.has(sp.DiracDelta, sp.floor, sp.ceiling)


_ARRAY_ONLY = frozenset({"T", "norm", "sum", "dot", "hadamard", "diag", "softmax", "logsumexp",
                         "trace", "outer"})


def _vector_use(body: Node, p: str) -> bool:
    """Whether a function's body uses its parameter p as only an array can be used: transposed,
    in a norm, a sum of entries or a product of matrices, or indexed (h_θ(x) = θ₀ + θ₁x uses
    its x as a number would be)."""
    def named(n: Node) -> bool:
        return isinstance(n, Name) and n.id == p

    for n in walk(body):
        if isinstance(n, Call) and n.func in _ARRAY_ONLY and any(named(a) for a in n.args):
            return True
        if isinstance(n, Index) and named(n.target):
            return True
        if isinstance(n, Bin) and n.op == "@" and (named(n.left) or named(n.right)):
            return True
    return False
