"""Chains of implications in a derivation file's LaTeX (2x + 3 = 7 \\Rightarrow 2x = 4)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import sympy as sp

from checker.files.common import Bad, expect
from checker.files.context import hypothesis
from checker.files.steps import by_step
from checker.model import Hypothesis, Index, Statement
from checker.parse.arrays import ShapeError, SymArray, is_matrix, matmul, same_size
from checker.parse.context import Context
from checker.parse.readings import fixed_choices, readings
from checker.parse.tree import ParseError, Pos


def is_implication_chain(text: str) -> bool:
    from checker.parse.latex_chain import is_implication_chain as latex_says

    try:
        return latex_says(text)
    except ParseError:
        return False  # the chain reader reports it


def latex_statements(text: str, table: dict, ctx: Context, max_steps: int,
                     line_of: Callable[[Pos], int] | None = None
                     ) -> tuple[list[Statement], tuple[Index, ...]]:
    """The chain's equations, each read as a chain's step is, with no guessed reading (an
    equation that can be read two ways is an error naming how to write it); ``line_of`` gives
    a document's line of a position in ``text``. Equations between vectors or matrices of a
    symbolic size are their entry (i, j), with the indices they range over (:func:`_entries`)."""
    from checker.parse.latex_chain import parse_latex_statements

    try:
        read = parse_latex_statements(text, ctx)
        fixed = fixed_choices([n for st in read for n in (st.lhs, st.rhs)])
    except ParseError as exc:
        raise Bad(f"latex: {exc.message}", pos=exc.pos) from None
    if len(read) > max_steps:
        raise Bad(f"{len(read)} equations; the limit is {max_steps}")
    out = []
    for k, st in enumerate(read, start=1):
        sides = []
        domain: tuple = ()
        ambiguous = ""
        for node in (st.lhs, st.rhs):
            try:
                value, alternatives, hints, where = readings(node, ctx, fixed)
            except ParseError as exc:
                raise Bad(f"{exc.message} (in {st.latex!r})", step=k, pos=exc.pos or st.pos) \
                    from None
            if alternatives:  # this equation, and what follows from it, is not decided
                ambiguous = (f"{' '.join(st.latex.split())!r} can be read in several ways, and an "
                             f"implication is only decided on one reading: {'; '.join(hints)}")
            sides.append(value)
            domain += tuple(r for r in where if r not in domain)
        if any(is_matrix(v) for v in sides):
            raise Bad(f"{st.latex!r}: an implication compares scalars or arrays of a symbolic "
                      "size; write it for one entry", step=k, pos=st.pos)
        conditions: list[Hypothesis] = []
        for cond in st.conditions:
            try:
                conditions.extend(hypothesis(cond, ctx, st.why))
            except Bad as exc:
                raise Bad(f"the condition in {st.why!r} cannot be applied: "
                          f"{exc.message.split(': ', 1)[-1]}", step=k, pos=st.pos) from None
        out.append(Statement(sides[0], sides[1], st.arrow, st.why, latex=st.latex,
                             given=tuple(conditions), domain=domain,
                             line=line_of(st.pos) if line_of else None, ambiguous=ambiguous))
    for k, value in by_step(table, "expect_steps", len(out)).items():
        if k == 1:
            raise Bad("expect_steps: equation 1 has nothing before it to follow from")
        out[k - 1] = replace(out[k - 1], expect=expect(value, f"expect_steps {k}"))
    for k, value in by_step(table, "step_notes", len(out)).items():
        out[k - 1] = replace(out[k - 1], note=value)
    return _entries(out)


def _entries(out: list[Statement]) -> tuple[list[Statement], tuple[Index, ...]]:
    """``2X^T(Xw - y) = 0 ⇒ X^T X w = X^T y``: each equation as its entry (i, j), the same
    entry of every equation, for every i, j in range and every size. Where the entry of the new
    one is c times the entry of the old (c the same number for all), the array equation follows
    from the array equation. Every array of the chain must have the first one's shape; a
    scalar beside them must be 0 (their zero array)."""
    arrays = [v for st in out for v in (st.lhs, st.rhs) if isinstance(v, SymArray)]
    if not arrays:
        return out, ()
    first = arrays[0]
    for k, st in enumerate(out, start=1):
        for v in (st.lhs, st.rhs):
            if isinstance(v, SymArray) and not (same_size(v.rows, first.rows)
                                                and same_size(v.cols, first.cols)):
                raise Bad(f"{st.latex!r}: a {v.shape_text} in a chain of implications whose "
                          f"first array is a {first.shape_text}: the equations must be about "
                          "arrays of one shape (or scalars), to follow from each other entry "
                          "by entry", step=k)
            if not isinstance(v, SymArray) and not (isinstance(v, sp.Expr) and v == 0):
                raise Bad(f"{st.latex!r}: a scalar in a chain of implications about arrays "
                          f"(a {first.shape_text}): write 0 for their zero array, or the equation "
                          "for one entry", step=k)
    i = sp.Integer(1) if same_size(first.rows, 1) else sp.Dummy("i", integer=True, positive=True)
    j = sp.Integer(1) if first.is_vector or same_size(first.cols, 1) else \
        sp.Dummy("j", integer=True, positive=True)

    def entry(v: object) -> object:
        return v.entry(i, j) if isinstance(v, SymArray) else v

    if len(out) > 1:  # (the first's: the whole chain's, first ⇒ last)
        out = [replace(st, times_inverse=_times_inverse(out[k - 1] if k else out[0],
                                                        st if k else out[-1]))
               for k, st in enumerate(out)]
    lowered = [replace(st, lhs=entry(st.lhs), rhs=entry(st.rhs), times_inverse=tuple(
        (entry(a), entry(b)) for a, b in st.times_inverse)) for st in out]
    return lowered, tuple(Index(v, sp.Integer(1), n) for v, n in ((i, first.rows),
                                                                   (j, first.cols))
                          if isinstance(v, sp.Dummy))


def _times_inverse(before: Statement, after: Statement) -> tuple[tuple[object, object], ...]:
    """``before`` multiplied on the left by each inverse ``after`` takes as a factor (of a
    product, or of a term of a sum): X^T X β = X^T y times (X^T X)^{-1} is β = (X^T X)^{-1}
    X^T y, which follows from it wherever that inverse exists."""
    found: list[SymArray] = []
    for v in (after.lhs, after.rhs):
        if not isinstance(v, SymArray):
            continue
        for _, term in v.terms or ((1, v),):
            for f in term.factors or (term,):
                if f.inverse_of is not None and all(f.inverse_of != g.inverse_of for g in found):
                    found.append(f)
    out = []
    for p in found:
        try:
            out.append(tuple(matmul(p, v) if isinstance(v, SymArray) else v
                             for v in (before.lhs, before.rhs)))
        except ShapeError:  # (that inverse does not multiply these arrays)
            continue
    return tuple(out)  # type: ignore[return-value]
