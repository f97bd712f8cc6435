"""Walks over SymPy expressions that visit each distinct subexpression once.

Gradients built by the chain rule share subtrees heavily. SymPy's own
``free_symbols`` and ``has`` walk them as trees, and a (8, 8, 8) network
gradient made them take 6 s; these take milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from operator import is_

import sympy as sp

from checker.randomness import OPERATORS

# (an expectation binds its random variables: E[X] does not depend on X's value)
_BINDERS = (sp.Derivative, sp.Integral, sp.Sum, sp.Product, sp.Lambda, *OPERATORS)
_SPECIAL = (sp.Subs, *_BINDERS)  # nodes under which a symbol may be a bound one


def scan(exprs: Iterable[sp.Basic]) -> tuple[set[sp.Symbol], set[type]]:
    """The free symbols, and the types of every node, of the expressions."""
    found = _remembered(tuple(exprs))
    return set(found[0]), set(found[1])


_MEMO: dict[frozenset[int], tuple[tuple[sp.Basic, ...], frozenset[sp.Symbol], frozenset[type]]] = {}
_MEMO_SIZE = 8


_KEYS: list[tuple[tuple[sp.Basic, ...], frozenset[int]]] = []  # the last few, newest last


def _key(exprs: tuple[sp.Basic, ...]) -> frozenset[int]:
    """The identities of the expressions as a set: the memos' key. The same expressions in
    the same order are asked about again and again (a claim's entries, its cases' sides), and
    comparing them by identity is cheaper than making the set (0.1 ms at 2,048 entries)."""
    for seen, key in reversed(_KEYS):
        if len(seen) == len(exprs) and all(map(is_, seen, exprs)):
            return key
    key = frozenset(map(id, exprs))
    if len(_KEYS) >= 4:
        del _KEYS[0]
    _KEYS.append((exprs, key))  # (held: their identities are not reused meanwhile)
    return key


def _remembered(exprs: tuple[sp.Basic, ...]) -> tuple[frozenset[sp.Symbol], frozenset[type]]:
    """The scan of these expressions, remembered for the last few sets of them.

    Deciding one claim asks about its sides several times (symbolic n? piecewise? σ inside?
    integrals? which symbols?), each time listing the same expressions in another order or
    with repeats; at 4,096 Jacobian entries each walk costs 0.05 s. The memo is keyed by the
    *identity* of the expressions as a set (comparing them by value would walk them again),
    and holds them, so an identity cannot be reused while its entry lives."""
    key = _key(exprs)
    hit = _MEMO.get(key)
    if hit is not None:
        return hit[1], hit[2]
    listed, kinds = _listed(exprs, key)  # (remembered too: most claims are walked for both)
    if any(issubclass(t, _SPECIAL) for t in kinds):  # bound variables: the full scan
        symbols, types = _scan(exprs)
    else:  # no binder: every symbol is a free one, and every node was listed
        symbols, types = {e for e in listed if e.is_Symbol}, set(kinds)
    if len(_MEMO) >= _MEMO_SIZE:
        del _MEMO[next(iter(_MEMO))]  # the oldest
    _MEMO[key] = (exprs, frozenset(symbols), frozenset(types))
    return _MEMO[key][1], _MEMO[key][2]


def _scan(exprs: Iterable[sp.Basic]) -> tuple[set[sp.Symbol], set[type]]:
    seen: set[int] = set()  # by identity: the nodes are alive while walked
    symbols: set[sp.Symbol] = set()
    types: set[type] = set()
    special: dict[type, bool] = {}  # per type: a binder or a substitution (rare)
    bound: list[sp.Basic] = []  # what binders hold: walked after, for its types only
    stack = list(exprs)
    while stack:
        e = stack.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        t = type(e)
        types.add(t)
        if e.is_Symbol:
            symbols.add(e)
        odd = special.get(t)
        if odd is None:
            odd = special[t] = issubclass(t, _SPECIAL)
        if not odd:
            stack.extend(e.args)
        elif isinstance(e, sp.Subs):  # f(u) at u = p: u is bound, p's symbols free
            body, bound_vars, at = e.args  # (each point read in turn, as SymPy does: a
            symbols |= body.free_symbols - set(bound_vars)  # symbol of one that a later
            types.update(type(n) for n in sp.preorder_traversal(body))  # variable names
            for k, p in enumerate(at):  # is bound too)
                symbols |= p.free_symbols - set(bound_vars[k + 1:])
                types.update(type(n) for n in sp.preorder_traversal(p))
        else:
            symbols |= e.free_symbols  # bound variables: SymPy decides (these trees are small)
            bound.extend(e.args)
    types.update(_bound_types(bound))
    return symbols, types


def _bound_types(exprs: list[sp.Basic]) -> set[type]:
    """The types of the nodes under binders (their symbols are not free ones), each node once
    (one also reached outside a binder was walked above as well, for its free symbols)."""
    return {type(e) for e in _walk(exprs)}


def forget() -> None:
    """Drop every remembered walk and sum's free symbols (a benchmark that times a claim from
    cold)."""
    _MEMO.clear()
    _NODES.clear()
    _KEYS.clear()
    _BOUND_FREE.clear()


def free_symbols(*exprs: sp.Basic) -> set[sp.Symbol]:
    return set(_remembered(exprs)[0])


def contains(exprs: Iterable[sp.Basic], *kinds: type) -> bool:
    """Some node of the expressions is an instance of one of ``kinds``."""
    return any(issubclass(t, kinds) for t in _types(tuple(exprs)))


_NODES: dict[frozenset[int], tuple[tuple[sp.Basic, ...], list[sp.Basic], frozenset[type]]] = {}


def _listed(exprs: tuple[sp.Basic, ...],
            key: frozenset[int] | None = None) -> tuple[list[sp.Basic], frozenset[type]]:
    """Every node of the expressions, each once, and their types: remembered for the last
    few sets of expressions, as the full scan is (deciding one claim asks whether its sides
    hold an expectation, an integral, a piecewise function, a root …: one walk answers all).
    ``key`` is the identities' set, where the caller has made it already."""
    if key is None:
        key = _key(exprs)
    hit = _NODES.get(key)
    if hit is not None:
        return hit[1], hit[2]
    found = _walk(exprs)
    if len(_NODES) >= _MEMO_SIZE:
        del _NODES[next(iter(_NODES))]  # the oldest
    _NODES[key] = (exprs, found, frozenset(map(type, found)))
    return _NODES[key][1], _NODES[key][2]


def _types(exprs: tuple[sp.Basic, ...]) -> frozenset[type]:
    """The types of every node: the full scan's where it is remembered, else a walk that
    asks SymPy nothing (the free symbols of a sum, which the full scan asks for, cost most)."""
    key = _key(exprs)
    hit = _MEMO.get(key)
    return hit[-1] if hit is not None else _listed(exprs, key)[1]


def containing(exprs: Iterable[sp.Basic], *kinds: type) -> list[bool]:
    """For each expression, whether some node of it is an instance of one of ``kinds``: one
    walk over the shared DAG for all of them, not one per expression."""
    roots = list(exprs)
    has: dict[int, bool] = {}  # by identity, as in _scan
    for root in roots:
        stack: list[tuple[sp.Basic, bool]] = [(root, False)]
        while stack:
            e, ready = stack.pop()
            if id(e) in has:
                continue
            if not ready:
                stack.append((e, True))
                stack.extend((a, False) for a in e.args if id(a) not in has)
                continue
            has[id(e)] = isinstance(e, kinds) or any(has[id(a)] for a in e.args)
    return [has[id(r)] for r in roots]


def find(exprs: Iterable[sp.Basic], test: Callable[[sp.Basic], bool]) -> set[sp.Basic]:
    """The distinct subexpressions for which ``test`` holds, each node visited once."""
    return {e for e in _listed(tuple(exprs))[0] if test(e)}


def distinct_nodes(exprs: Iterable[sp.Basic]) -> list[sp.Basic]:
    """Every node of the expressions, each once (remembered: do not change the list)."""
    return _listed(tuple(exprs))[0]


def nodes(exprs: Iterable[sp.Basic]) -> Iterator[sp.Basic]:
    """Every node of the expressions, each once (by identity, as in _scan)."""
    return iter(_walk(exprs))


def _walk(exprs: Iterable[sp.Basic]) -> list[sp.Basic]:
    seen: set[int] = set()
    out: list[sp.Basic] = []
    stack = list(exprs)
    while stack:
        e = stack.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        out.append(e)
        stack.extend(e.args)
    return out


# -- SymPy's free symbols of sums and integrals, remembered --------------------------------
#
# ``Sum.free_symbols`` (any ExprWithLimits) renames its bound variables by an ``xreplace`` of
# its whole body, every time it is asked, and SymPy asks often: every ``is_number`` and every
# sign or zero query on a sum goes through it, and so does every enclosing expression's
# ``free_symbols``. Over nested sums at a symbolic size that was a third of a claim's time.
# The answer depends only on the (immutable) expression, so it is remembered here, for the
# process, keyed by the expression itself (equal expressions have equal free symbols); each
# call still returns a set of its own, as SymPy's does (callers change it).

_BOUND_FREE: dict[sp.Basic, frozenset[sp.Basic]] = {}
_BOUND_FREE_SIZE = 20_000  # entries (then forgotten all at once: a cache, not a store)
_computed_free_symbols: Callable[[sp.Basic], set[sp.Basic]] | None = None  # SymPy's own


def _install_bound_free_symbols() -> None:
    from sympy.concrete.expr_with_limits import ExprWithLimits

    global _computed_free_symbols
    computed = ExprWithLimits.free_symbols.fget
    if getattr(computed, "remembered", False):  # (installed once per process)
        return
    _computed_free_symbols = computed

    def free_symbols(self: sp.Basic) -> set[sp.Basic]:
        hit = _BOUND_FREE.get(self)
        if hit is None:
            hit = frozenset(computed(self))
            if len(_BOUND_FREE) >= _BOUND_FREE_SIZE:
                _BOUND_FREE.clear()
            _BOUND_FREE[self] = hit
        return set(hit)

    free_symbols.remembered = True  # type: ignore[attr-defined]
    free_symbols.__doc__ = computed.__doc__
    ExprWithLimits.free_symbols = property(free_symbols)  # type: ignore[method-assign,assignment]


_install_bound_free_symbols()
