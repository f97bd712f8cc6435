"""Functions the file declares arbitrary with their arguments, ``"L(y)" = "arbitrary"``: a
loss the page never writes out, as backprop notes use it (evaluated for
:class:`checker.parse.evaluate.Evaluator`, of which this is a part).

L(y) of a vector y is one number of all y's entries; ∂L/∂y_k its partial derivative in that
entry and ∂L/∂y its gradient, in y's shape; ∂L/∂h through a vector h the page defines takes L
as a function of a fresh vector where it writes h. At a vector of symbolic length n, L's
gradient is a vector of its own (any values: L is any function), and only first derivatives
of L are read there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

import sympy as sp
from sympy.core.symbol import Str

from checker.differentiate import SMOOTH
from checker.parse import arrays
from checker.parse.arrays import SymArray, is_array, is_matrix
from checker.parse.tree import Call, Choice, Defined, Index, Name, Node, ParseError, Pos
from checker.vocabulary import EXP_FORMS

if TYPE_CHECKING:
    from checker.parse.evaluate import Value


class AtVector(sp.Function):
    """L(p) for L declared arbitrary and p a vector of symbolic length: one number, whose
    derivative by the entry p_k is the entry k of L's gradient ∂L/∂p (an opaque vector of the
    file, checker.parse.declared ``_gradient_of``), and by anything else 0 (L depends on p's
    entries only). Its value and first derivatives are read; a second derivative is not (the
    gradient's entries are letters of their own)."""

    nargs = 3  # (L's name as a Str, p's IndexedBase, the gradient's IndexedBase)
    is_real = True

    def _eval_derivative(self, s: sp.Basic) -> sp.Expr | None:
        _, base, grad = self.args
        if isinstance(s, sp.Indexed) and s.base == base:
            return grad[s.indices]
        if str(s).startswith(f"{base.label}["):  # an entry made a symbol at one size (w[1]):
            return None  # not taken there (read it where the derivative is written)
        return sp.Integer(0)

    @property
    def free_symbols(self) -> set[sp.Basic]:
        # p itself (its IndexedBase), so that SymPy differentiates it by an entry p_k (whose
        # free symbols hold p); no symbol of its own
        return set(self.args[1].free_symbols)  # (p's label, as p_k's free symbols hold it)

    def at(self) -> str:
        """The vector's name, as the page writes it."""
        return str(self.args[1].label)

    def _sympystr(self, printer: sp.printing.str.StrPrinter) -> str:
        return f"{self.args[0]}({self.at()})"

    _index_notation = _sympystr

    def _latex(self, printer: object, exp: str | None = None) -> str:
        power = f"^{{{exp}}}" if exp is not None else ""
        return f"{self.args[0]}{power}\\left({self.at()}\\right)"


class AtFamily(AtVector):
    """L(y) for L declared arbitrary and y a vector of symbolic length the page defines entry
    by entry (y_i = γ_i x̂_i + β_i): one number, L at y's entries, whose derivative by
    anything s is the chain rule Σ_k (∂L/∂y)_k ∂y_k/∂s, the gradient's entries opaque (as for
    L(p), :class:`AtVector`); the same vector ∂L/∂y that dy_k names under gradients = "L"."""

    nargs = 4  # (L's name as a Str, y_k as a Lambda of k, the gradient's IndexedBase, y's length)

    def _eval_derivative(self, s: sp.Basic) -> sp.Expr | None:
        _, entry, grad, n = self.args
        k = sp.Dummy("k", integer=True)
        inner = sp.diff(entry(k), s)
        return sp.Integer(0) if inner == 0 else sp.Sum(grad[k] * inner, (k, 1, n))

    @property
    def free_symbols(self) -> set[sp.Basic]:  # (the entries', the gradient's and the sizes')
        return set().union(*(a.free_symbols for a in self.args[1:]))

    def at(self) -> str:  # (the gradient's name, ∂L/∂y, says which family)
        return str(self.args[2].label.name.rsplit("∂", 1)[-1])


class AtMatrix(AtFamily):
    """L(Y) for L declared arbitrary and Y a matrix of symbolic size (declared, or one the
    page defines: Y = XA, y_{i,j} = γ_j x̂_{i,j} + β_j): one number, L at Y's entries, whose
    derivative by anything s is the chain rule Σ_k Σ_l (∂L/∂Y)_kl ∂Y_kl/∂s, the gradient's
    entries opaque (as for L(p), :class:`AtVector`)."""

    nargs = 5  # (L's name, Y_kl as a Lambda of (k, l), the gradient's IndexedBase, rows, cols)

    def _eval_derivative(self, s: sp.Basic) -> sp.Expr | None:
        _, entry, grad, rows, cols = self.args
        k, m = sp.Dummy("k", integer=True), sp.Dummy("l", integer=True)
        at = entry(k, m)
        if isinstance(s, sp.Indexed) and isinstance(at, sp.Indexed) and at.indices == (k, m) \
                and s.base == at.base:  # Y itself: the gradient's entry at s
            return grad[s.indices]
        inner = sp.diff(at, s)
        return sp.Integer(0) if inner == 0 else \
            sp.Sum(grad[k, m] * inner, (k, 1, rows), (m, 1, cols))


def at_array(name: str, value: SymArray, grad: sp.IndexedBase, plain: bool) -> sp.Expr:
    """L at the vector or matrix ``value`` of symbolic size, L's gradient there ``grad``:
    at a declared vector's own entries (``plain``), its entries' base; else the chain rule
    through value's entries (a family, a vector or matrix the page defines)."""
    k, m = sp.Dummy("k", integer=True), sp.Dummy("l", integer=True)
    if value.is_vector:
        entry = value.entry(k)
        if plain and isinstance(entry, sp.Indexed) and entry.indices == (k,):
            return AtVector(Str(name), entry.base, grad)
        return AtFamily(Str(name), sp.Lambda(k, entry), grad, value.rows)
    return AtMatrix(Str(name), sp.Lambda((k, m), value.entry(k, m)), grad, value.rows,
                    value.cols)


def arbitrary(name: str, declared: bool = False) -> sp.core.function.UndefinedFunction:
    """The arbitrary real function ``name`` (SymPy's undefined function). ``declared``: the
    file declares it (``f = "arbitrary"``, ``"L(y)" = "arbitrary"``), so a claim about it is
    meant for every function, and one function for which it fails refutes it
    (checker.strategies.witness); a letter the reader took for a function is not."""
    if declared:
        return sp.Function(name, real=True, declared=True)
    return sp.Function(name, real=True)


def _scalars(value: Value) -> list[sp.Expr]:
    """What a value is made of, entry by entry: itself, an explicit matrix's entries, or a
    vector's or matrix's of symbolic size entry at an index standing for every one."""
    if is_matrix(value):
        return list(value)  # type: ignore[arg-type]
    if isinstance(value, SymArray):
        return [value.entry(arrays.every_index(), arrays.ONE)]
    return [value] if isinstance(value, sp.Basic) else []


def not_of_a_gradient(value: Value, pos: Pos, second: bool = False) -> None:
    """A derivative of ∂L/∂p_k (L declared arbitrary, p of symbolic length): those entries
    are L's gradient *at p*, which moves with p, so they are not constants to differentiate;
    second derivatives of L are not read there. Refused; so is a derivative of order two or
    more (``second``) of L(p) itself, whose first derivative is such an entry."""
    for e in _scalars(value):
        hit = next((a for a in e.atoms(sp.Indexed) if str(a.base).startswith("∂")), None)
        if hit is None and second:
            hit = next((a for a in e.atoms(AtVector)), None)
            if hit is not None:
                raise ParseError(f"a second derivative of {hit} (a function declared arbitrary, "
                                 "at a vector of symbolic length): its first derivatives are "
                                 "letters of their own, so second ones are not read; give the "
                                 "size a number", pos)
        if hit is not None:
            raise ParseError(f"a derivative of {hit.base} (the gradient of a function declared "
                             "arbitrary, at a vector of symbolic length): second derivatives of "
                             "it are not read; give the size a number", pos)


def _not_a_value_at_an_array(value: Value, pos: Pos) -> Value:
    """``value``, unless it holds L(y) itself for L declared arbitrary and y a vector or
    matrix of symbolic size the page defines (a family, y = Wx + b): there L's first
    derivatives are read (the chain rule through y's entries), not its value, whose entries
    are written with indices bound inside it."""
    for e in _scalars(value):
        hit = next((a for a in e.atoms(AtFamily)), None)  # (AtMatrix is one)
        if hit is not None:
            name = hit.args[0]
            raise ParseError(f"{name}(…) at a vector or matrix of symbolic size that the page "
                             f"defines ({hit.at()}): there only {name}'s first derivatives are "
                             f"read (\\frac{{\\partial {name}}}{{\\partial {hit.at()}}}, or by "
                             "an entry or a variable it is made of), not its value; give the "
                             "sizes numbers, or write the function out", pos)
    return value


def _shape_words(shape: tuple[int, int] | None) -> str:
    if shape is None:
        return "a number"
    rows, cols = shape
    return f"a vector of {max(rows, cols)}" if 1 in (rows, cols) else f"a {rows}×{cols} matrix"


def through_exp(f: sp.Expr) -> sp.Expr:
    """σ, tanh, sinh, cosh written through exp, before SymPy differentiates."""
    return f.rewrite(list(EXP_FORMS), sp.exp) if f.has(*EXP_FORMS) else f


def derivative_at(f: sp.Expr, u: sp.Symbol, back: dict[sp.Symbol, sp.Expr]) -> sp.Expr:
    """df/du with the fresh variables of ``back`` then put back to their values; a derivative
    SymPy leaves unevaluated in them (of an arbitrary function) is taken there, as a Subs."""
    d = sp.diff(f, u)
    fresh = set(back)
    held = {e: sp.Dummy() for e in d.atoms(sp.Derivative, sp.Subs) if e.free_symbols & fresh}
    d = d.xreplace(held).xreplace(back)

    def at_values(e: sp.Basic) -> sp.Basic:
        if isinstance(e, sp.Subs) and not set(e.variables) & fresh:
            # L′ at a point of the fresh variables: that point at the values (a Subs of a Subs
            # is one Subs to SymPy, whose points are then read one after the other, and whose
            # free symbols wrongly include the fresh ones)
            return sp.Subs(e.expr.xreplace(back), e.variables,
                           tuple(p.xreplace(back) for p in e.point))
        return sp.Subs(e, tuple(back), tuple(back.values()))

    return d.xreplace({v: at_values(e) for e, v in held.items()})


def unsmooth(e: sp.Expr) -> list[sp.Basic]:
    """The parts of e that SymPy's diff would differentiate past a kink (relu, |x|, a step,
    cases) or not at all (a function without a formula): differentiated while reading, at a
    symbolic size, they would lose what the engine does at the kink."""
    return [a for a in sp.preorder_traversal(e)
            if isinstance(a, sp.Max | sp.Min | sp.Derivative | sp.Subs | sp.Integral)
            or (isinstance(a, sp.Function) and not isinstance(a, (*SMOOTH, sp.KroneckerDelta,
                                                                  AtVector)))]


def kinks(e: sp.Expr, fresh: set[sp.Symbol]) -> list[sp.Expr] | None:
    """Where the piecewise parts of e change form in the ``fresh`` variables (each expression
    is 0 there): relu's and |x|'s argument, max's pairwise differences, a case's boundary,
    each only where it involves them (a case on a parameter is none); None where a case's
    condition on them is no comparison."""
    out: list[sp.Expr] = []
    for a in sp.preorder_traversal(e):
        if not (getattr(a, "free_symbols", set()) & fresh):
            continue
        if isinstance(a, sp.Max | sp.Min):
            out += [x - y for k, x in enumerate(a.args) for y in a.args[k + 1:]
                    if (x - y).free_symbols & fresh]
        elif isinstance(a, sp.Abs | sp.sign | sp.Heaviside):
            out.append(a.args[0])
        elif isinstance(a, sp.Piecewise):
            for _, c in a.args:
                if c is sp.true or not (c.free_symbols & fresh):
                    continue
                if not isinstance(c, sp.core.relational.Relational):
                    return None
                out.append(c.lhs - c.rhs)
    return out


class DeclaredFunctions:
    """The part of the Evaluator that reads functions declared arbitrary with parameters."""

    def read_with(self, body: Node, marker: Name, fresh: Value,
                  back: dict[sp.Symbol, sp.Expr] | Callable[[sp.Expr], sp.Expr]) -> Value:
        """``body`` read with ``marker`` standing for ``fresh`` (a Leibniz derivative's fresh
        variable or vector); where it is defined there, it must be at ``back``'s values (a
        table of them, or a function that puts them in)."""
        return self.read_with_all(body, {marker.id: fresh}, back)

    def read_with_all(self, body: Node, letters: dict[str, Value],
                      back: dict[sp.Symbol, sp.Expr] | Callable[[sp.Expr], sp.Expr]) -> Value:
        """``body`` read with each marker of ``letters`` standing for its value (see
        :meth:`read_with`)."""
        saved, recorded = self.env, dict(self.domain)  # type: ignore[attr-defined]
        try:
            self.env = {**saved, **letters}  # type: ignore[attr-defined]
            f = self.visit(body)  # type: ignore[attr-defined]
            added = [r for r in self.domain if r not in recorded]  # type: ignore[attr-defined]
        finally:
            self.env, self.domain = saved, recorded  # type: ignore[attr-defined]
        for r in added:  # where F is defined at the fresh value, it must be at the real one
            self._needs(back(r) if callable(back) else r.xreplace(back))  # type: ignore[attr-defined]
        return f

    def not_a_value_at_an_array(self, value: Value, pos: Pos) -> Value:
        """``value``, looked at (:func:`_not_a_value_at_an_array`) only where some function
        declared arbitrary has been read at a vector or matrix of symbolic size."""
        if not any(k.startswith("∂") for k in (*self.ctx.symbolic,  # type: ignore[attr-defined]
                                               *self.ctx.symbolic_matrices)):  # type: ignore[attr-defined]
            return value
        return _not_a_value_at_an_array(value, pos)

    def _apply_whole(self, name: str, arg_nodes: tuple[Node, ...], pos: Pos,
                     bare: bool = False) -> Value:
        """An arbitrary function declared with its parameters, ``"L(y)" = "arbitrary"``: one
        number, a function of every entry of its arguments (L(y) = L(y₁, …, yₙ))."""
        entries: list[sp.Expr] = []
        params = self.ctx.functions[name].params
        values = [self.visit(a) for a in arg_nodes]
        if len(arg_nodes) == 1 and isinstance(values[0], SymArray):
            # J(w), w of symbolic length (or what stands for it where a derivative is taken);
            # L(y), y a family or a vector or matrix the page defines, L(Y) of a matrix
            # (L alone stands at its parameter, whatever a graph partial put in its place)
            grad, _ = self._gradient_of(name, arg_nodes[0], values[0], pos,
                                        params[0] if bare else None)
            return at_array(name, values[0], grad, isinstance(arg_nodes[0], Name)
                            and arg_nodes[0].id in self.ctx.symbolic)
        for param, value in zip(params, values, strict=True):
            if isinstance(value, SymArray):
                raise ParseError(f"{name}(…) of several arguments, one a vector or matrix whose "
                                 f"size is a symbol: there {name} is read of that one argument "
                                 f"only (\\frac{{\\partial {name}}}{{\\partial z_j}}, with "
                                 f"\"{name}(z)\" = \"arbitrary\"); give the sizes numbers, or "
                                 "write the function out", pos)
            if param in self.ctx.symbolic or param in self.ctx.symbolic_matrices:
                size = self.ctx.symbolic[param][1] if param in self.ctx.symbolic else \
                    "×".join(map(str, self.ctx.symbolic_matrices[param][1:]))
                kind = "a vector of length" if param in self.ctx.symbolic else "a matrix of size"
                raise ParseError(f"{name} is declared a function of {param}, {kind} {size}, and "
                                 f"is given {_shape_words(value.shape if is_matrix(value) else None)}"
                                 " here (a letter the page uses alone is a number)", pos)
            want = self._shape_of(param)
            got = value.shape if is_matrix(value) else None
            if want is not False and want != got:
                raise ParseError(f"{name} is declared a function of {param}, "
                                 f"{_shape_words(want)}, and is given {_shape_words(got)} here",
                                 pos)
            entries.extend(value.flat() if is_matrix(value) else [value])
        return arbitrary(name, declared=True)(*entries)

    def _shape_of(self, name: str) -> tuple[int, int] | bool | None:
        """The shape of a declared vector or matrix (None for a scalar); False where the name
        is neither declared nor defined, so any argument is taken."""
        if name in self.ctx.vectors:
            return self.ctx.vectors[name].shape
        if name in self.ctx.matrices:
            return self.ctx.matrices[name].shape
        if name in self.ctx.symbols:
            return None
        if name in self.ctx.latex:  # a definition of the document's: its value's shape
            try:
                value = self.visit(self.ctx.latex[name])
            except ParseError:
                return False
            return value.shape if is_matrix(value) else (
                False if isinstance(value, SymArray) else None)
        return False

    def fn__family(self, node: Call) -> Value:
        """A family the page defines entry by entry (y_i = …), whole (checker.parse.latex
        ``family_whole``): the vector of its members, 1 to the length the reader found."""
        _, index, body, upper = node.args
        n = self.visit(upper)  # type: ignore[attr-defined]
        if isinstance(n, sp.Integer):  # each member read at its number (x_i of an explicit x)
            entries = [self.read_with(body, index, sp.Integer(i), {})  # type: ignore[arg-type]
                       for i in range(1, int(n) + 1)]
            if any(is_array(e) for e in entries):
                raise ParseError("a family whose members are vectors or matrices, whole: not "
                                 "read", node.pos)
            return sp.ImmutableMatrix(int(n), 1, entries)
        k = sp.Dummy("k", integer=True)
        entry = self.read_with(body, index, k, {})  # type: ignore[arg-type]
        if is_array(entry):
            raise ParseError("a family whose members are vectors or matrices, whole: not read",
                             node.pos)
        return SymArray(n, sp.Integer(1), lambda i, j: entry.xreplace({k: i}))

    def fn__partial(self, node: Call) -> Value:
        """∂L/∂p_k for L declared ``"L(p)" = "arbitrary"`` (checker.parse.latex
        ``partial_of``): L's partial derivative in the entry p_k, at L's arguments."""
        call, place, entry = node.args
        name = call.func  # type: ignore[attr-defined]
        values = [self.visit(a) for a in call.args]  # type: ignore[attr-defined]
        if len(values) == 1 and isinstance(values[0], SymArray):
            at = values[0]
            grad, _ = self._gradient_of(name, call.args[0], at, node.pos)  # type: ignore[attr-defined]
            if not isinstance(entry, Index):  # ∂L/∂Y whole: the gradient, in Y's shape
                return self._gradient_array(grad, at)
            i, j = self._entry_at(list(entry.indices), at, entry.pos)
            return grad[i] if at.is_vector else grad[i, j]
        if any(isinstance(v, SymArray) for v in values):
            raise ParseError(f"{name}(…) of a vector or matrix whose size is a symbol: an "
                             f"arbitrary function of {name}'s kind is read only at sizes given "
                             "by numbers", node.pos)
        k = int(place.value)  # type: ignore[attr-defined]
        where = values[k]
        entries = [e for v in values for e in (v.flat() if is_matrix(v) else [v])]
        start = sum(len(v.flat()) if is_matrix(v) else 1 for v in values[:k])
        xs = [sp.Dummy(f"x{i}", real=True) for i in range(len(entries))]
        f = arbitrary(name, declared=True)

        def partial(offset: int) -> sp.Expr:
            return sp.Subs(sp.Derivative(f(*xs), xs[offset]), xs, entries)

        if not isinstance(entry, Index):  # ∂L/∂y: every partial, in y's shape
            if not is_matrix(where):
                return partial(start)
            rows, cols = where.shape
            return self.laid_out(sp.ImmutableMatrix(  # type: ignore[attr-defined]
                rows, cols, [partial(start + i) for i in range(rows * cols)]))
        if not is_matrix(where):
            raise ParseError(f"∂{name}/∂{name}'s argument: that argument is a number, not a "
                             "vector; write the derivative by it", entry.pos)
        at = [self.integer(i, "an index") for i in entry.indices]  # type: ignore[attr-defined]
        rows, cols = where.shape
        if len(at) == 1 and 1 in (rows, cols):
            flat = at[0] - 1
            inside = 0 <= flat < rows * cols
        elif len(at) == 2:
            flat = (at[0] - 1) * cols + (at[1] - 1)
            inside = 1 <= at[0] <= rows and 1 <= at[1] <= cols
        else:
            raise ParseError("an entry needs one index for a vector, two for a matrix", entry.pos)
        if not inside:
            raise ParseError(f"index {', '.join(map(str, at))} is outside {rows}×{cols}", entry.pos)
        return partial(start + flat)

    def fn__leibniz_entry(self, node: Call) -> Value:
        """∂F/∂h_k for a vector h that F writes whole (checker.parse.latex
        ``through_vector``): F with a fresh vector where it writes h, differentiated in that
        vector's k-th entry, at h's value."""
        body, marker, at, *where = node.args
        value = self.visit(at)
        if isinstance(value, SymArray):
            return self._through_symbolic(body, marker, value, where, node.pos)  # type: ignore[arg-type]
        if not is_matrix(value):
            raise ParseError("a derivative by a vector the page defines: that name is a number "
                             "here, not a vector", node.pos)
        rows, cols = value.shape
        us = [sp.Dummy(f"u{i}", real=True) for i in range(rows * cols)]
        back = dict(zip(us, value.flat(), strict=True))
        f = self.read_with(body, marker, sp.ImmutableMatrix(rows, cols, us), back)  # type: ignore[arg-type]
        self.differentiable(f, back, node.pos)
        if is_matrix(f) and not where and 1 in f.shape and 1 in (rows, cols):
            # ∂y/∂h, a vector by a vector h the page defines: the Jacobian ∂y_i/∂h_j (its
            # transpose in declared denominator layout, as for a declared h)
            not_of_a_gradient(f, node.pos)
            ys = [through_exp(e) for e in f.flat()]
            return self.vector_by_vector(sp.ImmutableMatrix(len(ys), len(us), lambda i, j:
                                                            derivative_at(ys[i], us[j], back)))
        if is_array(f):
            raise ParseError("a derivative by an entry: the numerator must be a scalar"
                             if where else "a derivative by a vector the page defines: the "
                             "numerator must be a scalar or a vector", node.pos)
        not_of_a_gradient(f, node.pos)
        smooth = through_exp(f)

        def by(u: sp.Dummy) -> sp.Expr:
            return derivative_at(smooth, u, back)

        if not where:  # ∂L/∂h: every entry, in h's shape (or its transpose's: the layout)
            return self.laid_out(sp.ImmutableMatrix(rows, cols,  # type: ignore[attr-defined]
                                                    [by(u) for u in us]))
        at_index = self.entry_indices(tuple(where), (rows, cols))  # type: ignore[attr-defined]
        if len(at_index) == 1 and 1 in (rows, cols) and 1 <= at_index[0] <= rows * cols:
            return by(us[at_index[0] - 1])
        if len(at_index) == 2 and 1 <= at_index[0] <= rows and 1 <= at_index[1] <= cols:
            return by(us[(at_index[0] - 1) * cols + at_index[1] - 1])
        raise ParseError(f"index {', '.join(map(str, at_index))} is outside {rows}×{cols}",
                         node.pos)

    def differentiable(self, f: Value, back: dict[sp.Symbol, sp.Expr], pos: Pos) -> None:
        """f is differentiated in the fresh variables of ``back`` while reading, by SymPy's
        rules, which give a kink a value (relu'(0) = step(0)) where there is no derivative, or
        one that exists only by cancellation: where a piecewise part of f has a kink in them
        (relu, |x|, max, a step, cases on them), refused. (Excluding every kink from the claim
        instead excluded points where the derivative exists, and proved false claims there.)"""
        fresh = set(back)
        for e in (f.flat() if is_matrix(f) else [f]):  # type: ignore[union-attr]
            if kinks(e, fresh) != []:
                raise ParseError("a derivative through a name the page defines, of a function "
                                 "with a kink in it (relu, |x|, max, a step, cases): not read "
                                 "(at the kink it has no value, and SymPy's rules would give "
                                 "one); differentiate by a declared variable, where kinks are "
                                 "decided, or write the derivative out", pos)

    def _through_symbolic(self, body: Node, marker: Name, value: SymArray, where: list[Node],
                          pos: Pos) -> Value:
        """∂L/∂h (or ∂L/∂h_k, ∂F/∂h) for h a vector or matrix of symbolic size that the page
        defines (h = σ(W₁x + b₁)) and L writes whole: L read with a fresh array U where it
        writes h, differentiated by U's entry (SymPy: sums over U's entries give Kronecker
        δ's), and every entry of U then put back as h's entry at the same indices. The
        derivative is taken before h's value goes in, so only L's own dependence on h counts
        (``through_vector`` refuses an L that also uses what h is made of)."""
        base = sp.IndexedBase(sp.Dummy("u", real=True), real=True)  # (SymPy rebuilds a base
        # from its label when it rewrites σ through exp: the label carries "real" too)
        fresh = arrays.declared(base, value.rows, None if value.is_vector else value.cols)

        def put_back(e: sp.Expr) -> sp.Expr:
            return e.replace(lambda a: isinstance(a, sp.Indexed) and a.base == base,
                             lambda a: value.entry(*a.indices))

        f = self.read_with(body, marker, fresh, put_back)
        rough = unsmooth(f.entry(arrays.every_index()) if isinstance(f, SymArray)
                          else sp.S.Zero if is_matrix(f) else f)
        if rough:  # relu, |x|, cases: their kinks are the engine's (an unevaluated derivative)
            raise ParseError("a derivative through a vector the page defines, at a symbolic "
                             "size, of a function with a kink (relu, |x|, a step, cases) or "
                             "without a formula: not read there; give the size a number", pos)

        taken: dict[tuple[sp.Expr, sp.Expr], sp.Expr] = {}  # (an entry is asked for more
        # than once: index notation is tried, then the entry at the claim's indices)

        def by(e: sp.Expr, x: sp.Expr) -> sp.Expr:
            if (e, x) in taken:
                return taken[(e, x)]
            d = put_back(sp.diff(e, x))
            if d.has(sp.Derivative, sp.Subs) or base in d.free_symbols \
                    or any(getattr(a, "base", None) == base for a in d.atoms(sp.Indexed)):
                raise ParseError("a derivative through a vector the page defines, at a symbolic "
                                 "size: this numerator is not differentiated there (a function "
                                 "without a formula, or a derivative inside it); give the size a "
                                 "number", pos)
            taken[(e, x)] = d
            return d

        if isinstance(f, SymArray):
            if where or not (f.is_vector and fresh.is_vector):
                raise ParseError("a derivative by an entry: the numerator must be a scalar"
                                 if where else "a derivative by a vector the page defines: the "
                                 "numerator must be a scalar or a vector", pos)
            # ∂y/∂h, a vector by a vector h the page defines: the Jacobian ∂y_i/∂h_j (its
            # transpose in declared denominator layout, as for a declared h)
            jac = arrays.jacobian_transposed if self.ctx.jacobian_transposed \
                else arrays.jacobian  # type: ignore[attr-defined]
            return replace(jac(f, fresh, by), bases=value.bases)
        if is_matrix(f):
            raise ParseError("a derivative by a vector the page defines, at a symbolic size: "
                             "the numerator is an explicit vector", pos)
        not_of_a_gradient(f, pos)
        if where:
            i, j = self._entry_at(where, value, pos)
            return by(f, fresh.entry(i, j))
        return replace(arrays.gradient(f, fresh, self.ctx.layout == "numerator", by),  # type: ignore[attr-defined]
                       bases=value.bases)

    def _entry_at(self, where: list[Node], value: SymArray, pos: Pos) -> tuple[sp.Expr, sp.Expr]:
        """The indices (i, j) of an entry of a vector or matrix of symbolic size, each a free
        index or a sum's over all of its range (h_2 at n = 1, h_{n+1} may not exist)."""
        if len(where) != (1 if value.is_vector else 2):
            raise ParseError(f"this {value.shape_text} takes "
                             f"{'one index' if value.is_vector else 'two indices'}", pos)
        i = self._index_value(where[0], value.rows)  # type: ignore[attr-defined]
        j = self._index_value(where[1], value.cols) if len(where) == 2 \
            else sp.S.One  # type: ignore[attr-defined]
        free = {s for s, _ in self.ctx.indices.values()}  # type: ignore[attr-defined]
        for at, size in zip((i, j), (value.rows, value.cols), strict=True):
            within = self.sum_ranges.get(at)  # type: ignore[attr-defined]
            if within is not None and within[0].is_Integer and within[0] >= 1 \
                    and within[1] == size:
                continue
            if at != 1 and at not in free:
                shown = at.name if isinstance(at, sp.Dummy) else sp.sstr(at)
                raise ParseError(f"the entry {shown} of a {value.shape_text} may lie outside "
                                 "its entries for some size; use a free index (h_i), or give "
                                 "the size a number", pos)
        return i, j

    def _through_gradient(self, node: Call) -> Value | None:
        """∂L/∂v for L declared ``"L(p)" = "arbitrary"`` with p a vector of symbolic length:
        Σ_k ∂L/∂p_k · ∂p_k/∂v (the chain rule), the ∂L/∂p_k being the entries of a vector of
        their own, L's gradient at p (any values: L is any function). None where the
        derivative is not of such an L alone."""
        f = node.args[0]
        while isinstance(f, Choice):  # L(q) where L alone is L(p): in this reading
            f = self.chosen(f)  # type: ignore[attr-defined]
        fn = self.ctx.functions.get(f.func) if isinstance(f, Call) else None
        if len(node.args) != 2 or fn is None or fn.body is not None or len(fn.params) != 1 \
                or len(f.args) != 1:  # type: ignore[union-attr]
            return None
        at = self.visit(f.args[0])  # type: ignore[union-attr]
        if not isinstance(at, SymArray):
            return None
        grad, n = self._gradient_of(f.func, f.args[0], at, node.pos)  # type: ignore[union-attr]
        var = self._symbol(node.args[1], "the variable of diff")
        k, m = sp.Dummy("k", integer=True), sp.Dummy("l", integer=True)
        if not at.is_vector:
            return sp.Sum(grad[k, m] * sp.Derivative(at.entry(k, m), var),
                          (k, sp.Integer(1), at.rows), (m, sp.Integer(1), at.cols))
        return sp.Sum(grad[k] * sp.Derivative(at.entry(k), var), (k, sp.Integer(1), n))

    def _gradient_of(self, name: str, arg: Node, at: SymArray, pos: Pos,
                     param: str | None = None) -> tuple[sp.IndexedBase, sp.Symbol]:
        """The vector or matrix ∂L/∂p of L's partial derivatives at p, p of symbolic size: one
        per function and argument name, of p's shape, a vector or matrix of the file from then
        on (its first entry's base, and p's length or rows)."""
        if isinstance(arg, Call) and arg.func == "_family":  # y whole, y_i = … defined
            arg = arg.args[0]
        label = arg.id if isinstance(arg, Name) else (arg.name if isinstance(arg, Defined)
                                                       else param)
        if label is not None and label.startswith("\x00"):  # a fresh array a derivative put in
            label = param  # L's parameter's place (∇_z L, z = Wx + b): its gradient there
        sizes = (at.rows,) if at.is_vector else (at.rows, at.cols)
        dims = set(self.ctx.dims.values())
        if label is None or not all(s in dims or (s.is_Integer and s >= 1) for s in sizes) \
                or not any(s in dims for s in sizes):
            raise ParseError(f"{name}(…) of a vector or matrix whose size is a symbol is read only "
                             f"at a vector or matrix named in the file (L alone, or L(p)), of "
                             "sizes declared under dims; give the size a number, or write the "
                             "function out", pos)
        key = f"∂{name}/∂{label.lstrip(chr(92))}"
        other = next((k for k in (*self.ctx.symbolic, *self.ctx.symbolic_matrices)
                      if k.startswith(f"∂{name}/∂") and k != key), None)
        if other is not None:  # L at p and at q: equal somewhere, with unequal gradients?
            raise ParseError(f"{name} is written at {other.split('/∂', 1)[1]} and at {label}: at "
                             "a vector or matrix of symbolic size its derivatives are read at "
                             "one point only; give the size a number", pos)
        if at.is_vector:
            found = self.ctx.symbolic.get(key)
            if found is None:
                found = self.ctx.symbolic[key] = (sp.IndexedBase(key, real=True), at.rows)
            return found
        held = self.ctx.symbolic_matrices.get(key)
        if held is None:
            held = self.ctx.symbolic_matrices[key] = (sp.IndexedBase(key, real=True), at.rows,
                                                      at.cols)
        return held[0], held[1]

    def _gradient_array(self, grad: sp.IndexedBase, at: SymArray) -> SymArray:
        """∂L/∂p whole for p of symbolic size, L's gradient there ``grad``: in p's shape, or
        its transpose's under ``layout = "numerator"``."""
        whole = arrays.declared(grad, at.rows, None if at.is_vector else at.cols)
        # (the layout of a gradient whose entry by p's entry is grad's entry there)
        return arrays.gradient(sp.Integer(0), whole, self.ctx.layout == "numerator",
                               lambda _, entry: entry)
