"""Corrections made on the values themselves, for steps that have no text to read again
(the catalog's steps, built in Python): an index of one entry written for another, a
variable written for another, one part of B where A has another at the same place."""

from __future__ import annotations

from collections.abc import Iterator

import sympy as sp

from checker.diagnosis.search import Candidate, Search

MAX_PARTS = 400  # parts of a value searched part by part


def _paths(e: sp.Basic, path: tuple[int, ...] = ()) -> Iterator[tuple[tuple[int, ...], sp.Basic]]:
    yield path, e
    for k, a in enumerate(e.args):
        yield from _paths(a, (*path, k))


def _at(e: sp.Basic, path: tuple[int, ...]) -> sp.Basic:
    for k in path:
        e = e.args[k]
    return e


def _replaced(e: sp.Basic, path: tuple[int, ...], new: sp.Basic) -> sp.Basic:
    if not path:
        return new
    args = list(e.args)
    args[path[0]] = _replaced(args[path[0]], path[1:], new)
    return e.func(*args)


def _small(e: object) -> bool:
    return isinstance(e, sp.Basic) and not isinstance(e, sp.MatrixBase) and \
        sp.count_ops(e) < MAX_PARTS


def index_slip(s: Search) -> Iterator[Candidate]:
    """x[i] where x[j] is meant (one entry of a claim over a symbolic n)."""
    if s.cur is not None or not _small(s.B):
        return
    B = s.B
    names = [ix.symbol for ix in s.claim.indices]
    names += [lim[0] for e in (s.A, B) if isinstance(e, sp.Basic) for su in e.atoms(sp.Sum)
              for lim in su.limits]
    names = list(dict.fromkeys(names))
    for path, part in _paths(B):
        if not isinstance(part, sp.Indexed) or len(part.indices) != 1:
            continue
        for other in names:
            if other == part.indices[0] or not _bound_here(B, path, other, s):
                continue
            new = part.base[other]
            yield Candidate("swapped-indices", lambda: f"{sp.sstr(part)} where {sp.sstr(new)} is "
                            f"meant: index {part.indices[0]} written for {other}",
                            value=_replaced(B, path, new))


def _bound_here(e: sp.Basic, path: tuple[int, ...], index: sp.Symbol, s: Search) -> bool:
    """``index`` means something at this place: a free index of the claim, or the index of
    a sum around it."""
    if any(ix.symbol == index for ix in s.claim.indices):
        return True
    node = e
    for k in path:
        if isinstance(node, sp.Sum) and any(lim[0] == index for lim in node.limits):
            return True
        node = node.args[k]
    return False


def variable(s: Search) -> Iterator[Candidate]:
    """Every x_k of B written where A has h_k (symbols named by a stem and a number)."""
    if s.cur is not None:
        return
    sa = _symbols(s.A)
    sb = _symbols(s.B)
    stems_a = {_stem(x) for x in sa - sb}
    stems_b = {_stem(x) for x in sb - sa}
    for old in sorted(stems_b - stems_a):
        for new in sorted(stems_a - stems_b):
            mapping = {}
            for x in sb:
                if _stem(x) == old:
                    twin = next((y for y in sa if y.name == new + x.name[len(old):]), None)
                    if twin is None:
                        break
                    mapping[x] = twin
            else:
                if not mapping:
                    continue
                value = s.B.xreplace(mapping)
                yield Candidate("variable", lambda: f"{old} where {new} is meant", value=value)


def _symbols(v: object) -> set[sp.Symbol]:
    if isinstance(v, sp.MatrixBase | sp.Basic):
        return {x for x in v.free_symbols if isinstance(x, sp.Symbol)}
    return set()


def _stem(x: sp.Symbol) -> str:
    name = x.name
    return name.split("_", 1)[0] if "_" in name else name.rstrip("0123456789")


def bracket(s: Search) -> Iterator[Candidate]:
    """a − b·c where (a − b)·c is meant, on the value (a claim or a step with no text)."""
    if s.cur is not None or not isinstance(s.B, sp.Add) or not _small(s.B):
        return
    for t in s.B.args:
        if not isinstance(t, sp.Mul):
            continue
        others = s.B - t
        factors = [a.base if isinstance(a, sp.Pow) and a.exp.is_Integer and a.exp > 1 else a
                   for a in t.args]  # σ·σ is read σ²: its factor σ
        for f in dict.fromkeys(factors):
            if f.is_number:
                continue
            meant = sp.Mul(sp.Add(others, t / f, evaluate=False), f, evaluate=False)
            yield Candidate("bracket", lambda: f"brackets misplaced: {sp.sstr(s.B)} where "
                            f"{sp.sstr(meant, order='none')} is meant", value=meant,
                            text=sp.sstr(meant, order="none"))
