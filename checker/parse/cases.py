"""Definitions by cases (``\\begin{cases}``, indicators) → one SymPy value, never a guess.

A definition by cases says "this value where these comparisons hold". Read that way it is
only a function if no two cases claim the same point with different values, and it is only
defined where some case applies. Both are decided here, exactly, before the value is built:

* every comparison must be about one common quantity t (``x > 0``, ``x \\le 1``, ``2x < 3``:
  t = x; ``i = j``, ``i \\neq j``: t = i − j), so each case is a set of values of t
  (SymPy's exact interval arithmetic); cases about unrelated quantities cannot be shown
  not to overlap, and are refused;
* cases that overlap on an interval are refused; where they meet at single points their
  values must agree there (``|x|`` as x for x ≥ 0 and −x for x ≤ 0);
* without an ``otherwise`` row, values of t that no case covers must be single points
  (the derivative of relu: 1 for x > 0, 0 for x < 0): the value is undefined there, and
  the caller records "t ≠ p" as where it is defined; a gap wider than a point is refused.

The result is a ``Piecewise`` with the last case's condition ``True`` (the engine splits it
into regions: :mod:`checker.strategies.regions`), or, for ``i = j`` against ``i \\neq j`` on
integers, a Kronecker delta (which sums over a symbolic n understand).
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

Row = tuple[sp.Expr, list[sp.Basic] | None]  # (value, comparisons), None: otherwise


class CasesError(Exception):
    """The cases cannot be read as one function: the message says why and what to write."""


@dataclass(frozen=True)
class Built:
    value: sp.Expr
    gaps: tuple[sp.Expr, ...] = ()  # e with "e ≠ 0" where the value is defined
    needs: tuple[sp.Basic, ...] = ()  # what the value needs everywhere (d > 0, as read)


_UNDECIDED = ("a value of this definition by cases is not defined everywhere its case applies, "
              "or that cannot be decided (its condition and what the value needs, log or √ of "
              "something positive, are about different quantities): narrow the case to where the "
              "value is defined")


def _where_defined(where: sp.Set, need: list[sp.Basic], t: sp.Expr,
                   conds: list[sp.Basic] | None) -> list[sp.Expr]:
    """Where a row's value is undefined inside its own set ``where`` of values of t (√x for
    x ≥ 0: nowhere; 1/x for x ≥ 0: at 0): single points are returned as gaps (e with e ≠ 0,
    as for values of t no case covers); a stretch, or a need that is not about t alone, is
    refused: the definition is undefined on part of its case, or that cannot be decided."""
    out: list[sp.Expr] = []
    for r in need:
        try:
            holds = _set([r], t)
        except CasesError:
            raise CasesError(_UNDECIDED) from None
        bad = sp.Complement(where, holds)
        if bad is sp.S.EmptySet:
            continue
        if not isinstance(bad, sp.FiniteSet):
            shown = "otherwise" if conds is None else " and ".join(_show(c) for c in conds)
            raise CasesError(f"the value of the case '{shown}' needs {_show(r)}, which fails "
                             f"for {sp.sstr(t)} ∈ {_interval(bad)} where the case applies: "
                             "narrow the case to where its value is defined")
        out += [sp.expand(t - p) for p in sorted(bad, key=sp.default_sort_key)]
    return out


_OPS = {sp.StrictGreaterThan: ">", sp.GreaterThan: "≥", sp.StrictLessThan: "<",
        sp.LessThan: "≤", sp.Eq: "=", sp.Ne: "≠"}


def _show(c: sp.Basic) -> str:
    return f"{sp.sstr(c.lhs)} {_OPS.get(type(c), '?')} {sp.sstr(c.rhs)}"


def build(rows: list[Row], needs: list[list[sp.Basic]] | None = None) -> Built:
    """One value for the rows (see the module docstring); raises :class:`CasesError`.
    ``needs`` are, row by row, what each row's value needs to be defined (d > 0 for log d):
    a row's needs hold only where the row applies, so each is decided on the row's own set
    (see :func:`_where_defined`), never made a condition on the whole function."""
    needs = needs or [[] for _ in rows]
    if not rows:
        raise CasesError("a definition by cases needs at least one case")
    if any(conds is None for _, conds in rows[:-1]):
        raise CasesError("'otherwise' must be the last case")
    live: list[Row] = []
    wants: list[list[sp.Basic]] = []
    for (value, conds), need in zip(rows, needs, strict=True):  # comparisons that are
        if conds is None:  # already decided (1 = 2, i = i)
            live.append((value, None))
            wants.append(need)
            continue
        if any(c is sp.false for c in conds):
            continue  # this case never applies
        rest = [c for c in conds if c is not sp.true]
        for c in rest:
            if not isinstance(c, sp.core.relational.Relational):
                raise CasesError(f"the condition {sp.sstr(c)} is not a comparison")
        live.append((value, rest))
        wants.append(need)
    if not live:
        raise CasesError("no case applies anywhere")
    if live[0][1] is None or not live[0][1]:
        if len(live) > 1 and live[0][1] is not None and not all(
                conds is None or (not conds and value == live[0][0])
                for value, conds in live[1:]):  # (at a number: the case that holds there,
            # then 'otherwise', f(−2) for 2 if x < −1 … 3 otherwise)
            raise CasesError("a case that holds everywhere overlaps the others")
        return Built(live[0][0], (), tuple(wants[0]))
    if any(conds == [] for _, conds in live):
        raise CasesError("a case that holds everywhere overlaps the others")
    try:
        t = _quantity([c for _, conds in live if conds for c in conds])
    except CasesError:
        if len(live) == 2 and live[1][1] is None:
            # one case and 'otherwise' (an indicator of x > 0 and y > 0): nothing can overlap
            if any(r not in live[0][1] for r in wants[0]) or wants[1]:  # type: ignore[operator]
                raise CasesError(_UNDECIDED) from None
            return Built(sp.Piecewise((live[0][0], sp.And(*live[0][1])), (live[1][0], sp.true)))
        raise
    sets = [(value, conds, _set(conds, t) if conds is not None else None)
            for value, conds in live]
    known = [(v, c, s) for v, c, s in sets if s is not None]
    for k, (v1, c1, s1) in enumerate(known):
        for v2, c2, s2 in known[k + 1:]:
            both = sp.Intersection(s1, s2)
            if both is sp.S.EmptySet:
                continue
            shown = (f"'{' and '.join(_show(c) for c in c1)}' and "
                     f"'{' and '.join(_show(c) for c in c2)}'")
            if not isinstance(both, sp.FiniteSet) or not all(_agree(v1, v2, t, p) for p in both):
                raise CasesError(f"the cases {shown} overlap with different values: make the "
                                 "conditions exclusive (x > 0 and x \\le 0), or end with "
                                 "\\text{otherwise}")
    gaps: list[sp.Expr] = []
    if sets[-1][2] is not None:  # no 'otherwise': what is not covered must be single points
        covered = sp.Union(*(s for _, _, s in known))
        missing = sp.Complement(sp.S.Reals, covered)
        if missing is not sp.S.EmptySet:
            if not isinstance(missing, sp.FiniteSet):
                raise CasesError(f"the cases leave {sp.sstr(t)} ∈ {_interval(missing)} uncovered: "
                                 "add a case for it, or end with \\text{otherwise}")
            gaps = [sp.expand(t - p) for p in sorted(missing, key=sp.default_sort_key)]
    kron = _kronecker(live, t)
    if kron is not None:  # (i = j or not: what a value needs is about its entries, kept)
        return Built(kron, tuple(gaps), tuple(r for need in wants for r in need))
    covered = sp.Union(*(s for _, _, s in known))
    for (_, conds, where), need in zip(sets, wants, strict=True):
        gaps += _where_defined(where if where is not None else
                               sp.Complement(sp.S.Reals, covered), need, t, conds)
    spans: list[tuple[Span, sp.Expr]] = []
    for value, _, where in sets:
        if where is None:  # otherwise: the rest of the line
            where = sp.Complement(sp.S.Reals, covered)
        spans.extend((span, value) for span in _intervals(where))
    return Built(_on_the_line(spans, t), tuple(gaps))


Span = tuple[sp.Expr, bool, sp.Expr, bool]  # (start, open at the start, end, open at the end)


def _intervals(s: sp.Set) -> list[Span]:
    if s is sp.S.EmptySet:
        return []
    if isinstance(s, sp.Union):
        return [i for a in s.args for i in _intervals(a)]
    if isinstance(s, sp.FiniteSet):
        return [(p, False, p, False) for p in s]
    if isinstance(s, sp.Interval):
        return [(s.start, bool(s.left_open), s.end, bool(s.right_open))]
    raise CasesError(f"cannot split {sp.sstr(s)} into intervals")  # pragma: no cover


def _on_the_line(spans: list[tuple[Span, sp.Expr]], t: sp.Expr) -> sp.Expr:
    """The pieces from left to right, each bounded above by one comparison (everything to its
    left is taken by the pieces before it): the regions split such a Piecewise exactly."""
    spans = sorted(spans, key=lambda sv: (sv[0][0], sv[0][1], sv[0][2], sv[0][3]))
    pieces = []
    for (_, _, end, right_open), value in spans[:-1]:
        pieces.append((value, sp.StrictLessThan(t, end) if right_open else sp.LessThan(t, end)))
    pieces.append((spans[-1][1], sp.true))
    return sp.Piecewise(*pieces)


def _quantity(conds: list[sp.Basic]) -> sp.Expr:
    """The one quantity t that every comparison is about (up to a constant factor and shift)."""
    first = _difference(conds[0])
    _, t = first.as_coeff_Add()
    if t == 0:
        raise CasesError(f"the condition {_show(conds[0])} does not depend on anything")
    for c in conds[1:]:
        _scale(c, t)
    return t


def _difference(c: sp.Basic) -> sp.Expr:
    """lhs − rhs of a comparison, its sums' indices named by depth (y wᵀx read twice at a
    symbolic size is the same sum, though each reading names its index afresh)."""
    from checker.strategies.symbolic_n import canonical_bound

    return canonical_bound(sp.expand(c.lhs - c.rhs))


def _scale(c: sp.Basic, t: sp.Expr) -> tuple[sp.Rational, sp.Rational]:
    """(a, b) with lhs − rhs = a·t + b, a ≠ 0 rational."""
    e = _difference(c)
    b, rest = e.as_coeff_Add()
    a = sp.cancel(rest / t)
    if not (a.is_Rational and a != 0 and b.is_Rational):
        raise CasesError(f"the conditions are about different quantities ({_show(c)} is not about "
                         f"{sp.sstr(t)} alone), so it cannot be shown that the cases do not overlap: "
                         "write nested cases, or one comparison of one quantity per case")
    return a, b


def _set(conds: list[sp.Basic], t: sp.Expr) -> sp.Set:
    """The values of t where every comparison holds."""
    out: sp.Set = sp.S.Reals
    for c in conds:
        a, b = _scale(c, t)
        p = -b / a  # a·t + b  op  0  ⟺  t  op'  p
        op = type(c)
        if a < 0:
            op = {sp.StrictGreaterThan: sp.StrictLessThan, sp.StrictLessThan: sp.StrictGreaterThan,
                  sp.GreaterThan: sp.LessThan, sp.LessThan: sp.GreaterThan}.get(op, op)
        one = {
            sp.StrictGreaterThan: sp.Interval.open(p, sp.oo),
            sp.GreaterThan: sp.Interval(p, sp.oo),
            sp.StrictLessThan: sp.Interval.open(-sp.oo, p),
            sp.LessThan: sp.Interval(-sp.oo, p),
            sp.Eq: sp.FiniteSet(p),
            sp.Ne: sp.Union(sp.Interval.open(-sp.oo, p), sp.Interval.open(p, sp.oo)),
        }[op]
        out = sp.Intersection(out, one)
    return out


def _agree(v1: sp.Expr, v2: sp.Expr, t: sp.Expr, p: sp.Expr) -> bool:
    """Do two values agree where t = p? Decided only where t is one symbol."""
    if not isinstance(t, sp.Symbol):
        return False
    return sp.cancel(sp.expand((v1 - v2).subs(t, p))) == 0


def _interval(s: sp.Set) -> str:
    """[−1, 0], (0, 1], … as a person writes them."""
    if isinstance(s, sp.Union):
        return " or ".join(_interval(a) for a in s.args)
    if isinstance(s, sp.Interval):
        return (f"{'(' if s.left_open else '['}{sp.sstr(s.start)}, {sp.sstr(s.end)}"
                f"{')' if s.right_open else ']'}")
    return sp.sstr(s)


def _kronecker(live: list[Row], t: sp.Expr) -> sp.Expr | None:
    """v₁·δ(a, b) + v₂·(1 − δ(a, b)) for the cases a = b and a ≠ b (or otherwise) of integers."""
    if len(live) != 2 or t.is_integer is not True:
        return None

    def kind(conds: list[sp.Basic] | None) -> type | None:
        if conds is None:
            return None
        return type(conds[0]) if len(conds) == 1 and isinstance(conds[0], sp.Eq | sp.Ne) else object

    (va, ca), (vb, cb) = live
    ka, kb = kind(ca), kind(cb)
    if ka is sp.Eq and kb in (None, sp.Ne):
        same, other, rel = va, vb, ca[0]  # type: ignore[index]
    elif ka is sp.Ne and kb in (None, sp.Eq):
        same, other, rel = vb, va, ca[0]  # type: ignore[index]
    else:
        return None
    if not (rel.lhs.is_integer and rel.rhs.is_integer):
        return None
    d = sp.KroneckerDelta(rel.lhs, rel.rhs)
    return same * d + other * (1 - d)
