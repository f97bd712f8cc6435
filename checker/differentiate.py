"""Derivatives on the shared DAG: SymPy's rules, applied once per distinct subexpression.

SymPy's ``diff`` walks an expression as a tree, once per variable and once per entry: the
softmax Jacobian at n = 64 is 4,096 walks over one shared denominator, and the gradient of a
network's loss differentiates the same hidden units once per weight. Here every distinct
subexpression is visited once per pass, by reverse accumulation (what backpropagation does):

* :func:`gradient`: one pass from f down to the variables gives ∂f/∂x for every x;
* :func:`jacobian`: one such pass per entry of F, sharing the local derivatives;
* :func:`derivative`: diff(f, x, y, …) as repeated passes.

The local derivatives are SymPy's own: linearity for +, the product rule for ·, k·b^(k−1)
and b^k·log b for a power b^k, and each function's ``fdiff`` (exp′ = exp, log′ = 1/u,
tanh′ = 1 − tanh², σ′ = σ(1 − σ): ``tests/test_differentiate.py`` proves each smooth
function's rule equal to the derivative of its form through exp). The results are SymPy
expressions whose shared parts stay shared. One rule is added, exact wherever the
expression is defined: for log u with u = c·∏ fᵢ^kᵢ (constant kᵢ), u′/u = Σ kᵢ fᵢ′/fᵢ — no
fᵢ is 0 where u > 0 — and (e^a)′/e^a = a′, so log(e^(z_k)/Σ e^(z_j)) is differentiated as
z_k − logsumexp(z) would be, without a quotient that cancels only after expansion.

Only expressions of +, ·, powers, numbers, symbols and the smooth functions of the
vocabulary are differentiated here. Anything else (|x|, max, piecewise functions,
arbitrary functions, sums over a symbolic range, unevaluated derivatives), or a pass larger
than :data:`MAX_WORK` nodes, raises :class:`NotHere`: the caller keeps SymPy's unevaluated
``Derivative``, which the engine evaluates as before (``checker.strategies.prepare``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import sympy as sp

from checker.vocabulary import BY_FUNC

# Functions with a derivative everywhere they are defined (no kinks): every vocabulary
# function with a SymPy class of its own except |x|, sign and n! (of a whole number).
SMOOTH: tuple[type, ...] = tuple(f for f, p in BY_FUNC.items()
                                if f not in (sp.Abs, sp.sign) and not p.integer)

MAX_WORK = 2_000_000  # local derivatives taken in one call; beyond, SymPy's Derivative stays


class NotHere(Exception):
    """The expression is not differentiated here; keep an unevaluated Derivative."""


_ONE = sp.S.One


def _partials(node: sp.Expr) -> tuple[tuple[sp.Expr, sp.Expr], ...]:
    """(child, ∂node/∂child) for the children a derivative flows through."""
    if node.is_Add:
        return tuple((a, _ONE) for a in node.args)
    if node.is_Mul:
        args = node.args
        return tuple((a, sp.Mul(*args[:i], *args[i + 1:])) for i, a in enumerate(args)
                     if not a.is_Number)
    if node.is_Pow:
        b, k = node.args
        if k.is_Number:  # SymPy's b^k·k/b, which its product writes k·b^(k−1)
            return () if b.is_Number or b.is_NumberSymbol else ((b, k * b ** (k - 1)),)
        out = [] if b.is_Number or b.is_NumberSymbol else [(b, node * k / b)]
        return (*out, (k, node * sp.log(b)))
    if isinstance(node, sp.exp):
        return ((node.args[0], node),)
    if isinstance(node, sp.log):
        return _log_partials(node.args[0])
    if isinstance(node, SMOOTH) and len(node.args) == 1:
        return ((node.args[0], node.fdiff(1)),)
    if node.is_Symbol or node.is_Number or node.is_NumberSymbol:
        return ()
    raise NotHere(f"{type(node).__name__} is not differentiated on the DAG")


def _log_partials(u: sp.Expr) -> tuple[tuple[sp.Expr, sp.Expr], ...]:
    """log u: through u's factors where u = c·∏ fᵢ^kᵢ with constant kᵢ (see the module
    docstring), else 1/u."""
    if u.is_Mul or u.is_Pow or isinstance(u, sp.exp):
        out = []
        for f in sp.Mul.make_args(u):
            if f.is_Number:
                continue
            if isinstance(f, sp.exp):
                out.append((f.args[0], _ONE))
                continue
            b, k = f.as_base_exp()
            if not k.is_Number:
                break
            out.append((b.args[0], k) if isinstance(b, sp.exp) else (b, k / b))
        else:
            return tuple(out)
    return ((u, 1 / u),)


def _times(a: sp.Expr, b: sp.Expr) -> sp.Expr:
    """a·b, unevaluated unless a number folds in cheaply: SymPy's evaluated product costs
    about 80 µs (it flattens, sorts and merges powers), the unevaluated one 1 µs, and it
    keeps the adjoint a shared subexpression instead of copying its factors. The value is
    the same product (the engine reads either form). Both factors are scalar expressions
    already (this module differentiates nothing else), so the product is made from its
    arguments as ``Mul(a, b, evaluate=False)`` makes it, without its checks of them and its
    cache (5 µs: a fifth of building the n = 64 softmax Jacobian)."""
    if a is _ONE:
        return b
    if b is _ONE:
        return a
    if (a.is_Number and not b.is_Add) or (b.is_Number and not a.is_Add):
        return a * b
    if a.is_Matrix or b.is_Matrix:  # (a matrix expression's product is a MatMul)
        return sp.Mul(a, b, evaluate=False)
    return sp.Mul._from_args((a, b))


class Differentiator:
    """Reverse accumulation with respect to a fixed set of variables; the local derivatives
    and which nodes depend on the variables are shared by every call on one instance."""

    def __init__(self, wrt: Iterable[sp.Symbol]) -> None:
        self.wrt = frozenset(wrt)
        if not all(isinstance(x, sp.Symbol) for x in self.wrt):
            raise NotHere("derivatives are taken with respect to symbols")
        self._partials: dict[sp.Expr, tuple[tuple[sp.Expr, sp.Expr], ...]] = {}
        self._depends: dict[sp.Expr, bool] = {}
        self.work = 0

    def partials(self, node: sp.Expr) -> tuple[tuple[sp.Expr, sp.Expr], ...]:
        found = self._partials.get(node)
        if found is None:
            self.work += 1
            if self.work > MAX_WORK:
                raise NotHere(f"more than {MAX_WORK} subexpressions to differentiate")
            found = self._partials[node] = _partials(node)
        return found

    def _mark(self, root: sp.Expr) -> None:
        """Which nodes under ``root`` depend on a variable (children first, iteratively)."""
        depends = self._depends
        stack: list[tuple[sp.Expr, bool]] = [(root, False)]
        while stack:
            node, ready = stack.pop()
            if node in depends:
                continue
            if node.is_Symbol:
                depends[node] = node in self.wrt
                continue
            kids = [c for c, _ in self.partials(node)]
            if not ready:
                stack.append((node, True))
                stack.extend((c, False) for c in kids if c not in depends)
                continue
            depends[node] = any(depends[c] for c in kids)

    def _order(self, root: sp.Expr) -> list[sp.Expr]:
        """The nodes under ``root`` that depend on a variable, parents before children."""
        # A node is expanded when first popped (not when pushed), so it is finished only after
        # everything below it: the reversed finishing order is a topological order.
        depends, post, expanded = self._depends, [], set()
        stack: list[tuple[sp.Expr, bool]] = [(root, False)]
        while stack:
            node, ready = stack.pop()
            if ready:
                post.append(node)
                continue
            if node in expanded:
                continue
            expanded.add(node)
            stack.append((node, True))
            if node.is_Symbol:
                continue
            for c, _ in self.partials(node):
                if c not in expanded and depends[c]:
                    stack.append((c, False))
        post.reverse()
        return post

    def gradient(self, f: sp.Expr) -> dict[sp.Symbol, sp.Expr]:
        """∂f/∂x for every variable x (0 where f does not depend on x)."""
        self._mark(f)
        out: dict[sp.Symbol, sp.Expr] = dict.fromkeys(self.wrt, sp.S.Zero)
        if not self._depends[f]:
            return out
        terms: dict[sp.Expr, list[sp.Expr]] = {f: [_ONE]}
        for node in self._order(f):
            got = terms.pop(node)
            adj = got[0] if len(got) == 1 else sp.Add(*got)
            if node.is_Symbol:
                out[node] = adj
                continue
            edges = self.partials(node)
            self.work += len(edges)
            if self.work > MAX_WORK:
                raise NotHere(f"more than {MAX_WORK} steps to differentiate")
            for c, d in edges:
                if self._depends[c]:
                    terms.setdefault(c, []).append(_times(adj, d))
        return out


def gradient(f: sp.Expr | int, wrt: Sequence[sp.Symbol]) -> list[sp.Expr]:
    """[∂f/∂x for x in wrt] (raises :class:`NotHere`)."""
    f, = _checked([f])
    got = Differentiator(wrt).gradient(f)
    return [got[x] for x in wrt]


def jacobian(fs: Iterable[sp.Expr | int], wrt: Sequence[sp.Symbol]) -> list[list[sp.Expr]]:
    """[[∂F_i/∂x_j for x_j in wrt] for F_i in fs] (raises :class:`NotHere`)."""
    d = Differentiator(wrt)
    rows = []
    for f in _checked(fs):
        got = d.gradient(f)
        rows.append([got[x] for x in wrt])
    return rows


def derivative(fs: Iterable[sp.Expr | int], spec: Sequence[tuple[sp.Symbol, int]]) -> list[sp.Expr]:
    """[∂^(a+b+…) f / ∂x^a ∂y^b … for f in fs], spec = [(x, a), (y, b), …] (raises
    :class:`NotHere`). The entries share one pass's local derivatives."""
    out = _checked(fs)
    for x, k in spec:
        for _ in range(k):
            d = Differentiator([x])
            out = [d.gradient(f)[x] for f in out]
    return out


def _checked(fs: Iterable[sp.Expr | int]) -> list[sp.Expr]:
    """The expressions (ints as SymPy integers), after one DAG walk that raises NotHere
    unless every node is one this module differentiates."""
    exprs = [sp.Integer(f) if isinstance(f, int) else f for f in fs]
    if not all(isinstance(e, sp.Expr) for e in exprs):
        raise NotHere("only scalar expressions are differentiated here")
    seen: set[sp.Basic] = set()
    stack: list[sp.Basic] = list(exprs)
    while stack:
        e = stack.pop()
        if e in seen:
            continue
        seen.add(e)
        if e.is_Symbol or e.is_Number or e.is_NumberSymbol:
            continue
        if not (e.is_Add or e.is_Mul or e.is_Pow
                or (isinstance(e, SMOOTH) and len(e.args) == 1)):
            raise NotHere(f"{type(e).__name__} is not differentiated on the DAG")
        stack.extend(e.args)
    return exprs


# -- cheap products for the entries of explicit matrices (used by the file reader) -------------

def times(a: sp.Expr, b: sp.Expr) -> sp.Expr:
    """a·b as :func:`_times` builds it: the same value, without SymPy's flattening of the two
    factors into one product (for outer(p, p) of a softmax at n = 64 that flattening merged
    e^(zᵢ)·e^(zⱼ) and the shared denominators 4,096 times, most of reading the file)."""
    return _times(a, b)


def minus(a: sp.Expr, b: sp.Expr) -> sp.Expr:
    """a − b, the −1 put in front of b's factors without flattening them again."""
    if not b.is_Mul or b.args[0].is_Number:  # a coefficient to negate: SymPy's way
        return a - b
    negated = sp.Mul._from_args((sp.S.NegativeOne, *b.args))
    return negated if a == 0 else sp.Add(a, negated)  # (what SymPy's sum of 0 and it is)


def matrix_minus(a: sp.MatrixBase, b: sp.MatrixBase) -> sp.ImmutableMatrix:
    """a − b entrywise (same shape), through :func:`minus`."""
    return sp.ImmutableMatrix(*a.shape, [minus(x, y) for x, y in zip(a, b, strict=True)])
