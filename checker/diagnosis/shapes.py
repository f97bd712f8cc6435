"""A step refuted by its shape (``x δᵀ`` where ``δ xᵀ`` is meant, a row where the gradient is a
column): no entry is compared there, so no point refutes it and the sampling filter of the
search (checker.diagnosis.search) has nothing to test. The slips that change a shape are the
matrix ones, so only they are tried here: the whole line transposed, a transpose missing or
too many on one factor, a product's factors swapped (checker.diagnosis.matrix). A candidate
whose shape is the previous line's is read at the same entry (i, j) and the engine must *prove*
it equal to the previous line, as every diagnosis is proved; the first proved is the diagnosis.
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from checker.diagnosis import matrix
from checker.diagnosis.search import Candidate, Search
from checker.diagnosis.written import EVALUATION_ERRORS, Written, parse
from checker.engine import Settings
from checker.model import Claim, Step
from checker.parse.arrays import SymArray, same_size
from checker.parse.evaluate import is_matrix
from checker.parse.tree import ParseError
from checker.results import Diagnosis, internal

FAMILIES = (matrix.transpose, matrix.missing_transpose, matrix.swapped_factors)


def _shape(v: object) -> tuple | None:
    if isinstance(v, SymArray):
        return v.rows, v.cols
    if is_matrix(v):
        return v.shape  # type: ignore[union-attr]
    if isinstance(v, sp.Expr):  # a number (u^T u read as one)
        return sp.Integer(1), sp.Integer(1)
    return None


def _target(claim: Claim, prev: Step) -> tuple[tuple, tuple] | None:
    """The previous line's shape and the entry a candidate is read at: its explicit shape
    (read whole), a number's 1 × 1 (its one entry), or at a symbolic size the ranges of the
    entry (i, j) the chain was lowered to (an axis of length 1 has the index 1)."""
    if is_matrix(prev.expr):
        return prev.expr.shape, ()  # type: ignore[union-attr]
    entry = prev.source.entry if prev.source is not None else ()
    one = sp.Integer(1)
    if not entry and isinstance(prev.expr, sp.Expr):  # a number: a 1 × 1 product is one
        return (one, one), (one, one)
    if len(entry) != 2:
        return None
    ranges = {ix.symbol: ix.hi for ix in claim.indices}
    out = []
    for e in entry:
        if isinstance(e, sp.Integer) and e == 1:
            out.append(one)
        elif e in ranges:
            out.append(ranges[e])
        else:
            return None
    return tuple(out), entry


def _fits(shape: tuple | None, wanted: tuple) -> bool:
    return shape is not None and all(same_size(a, b) for a, b in zip(shape, wanted, strict=True))


def diagnose(claim: Claim, prev: Step | None, cur: Step | None, settings: Settings,
             deadline: float) -> Diagnosis | None:
    """The diagnosis of a step refuted by its shape, or None."""
    if prev is None or cur is None or cur.source is None:
        return None
    text = Written.line(cur)
    target = _target(claim, prev) if text else None
    if target is None:
        return None
    wanted, entry = target
    source = replace(cur.source, entry=entry)
    try:
        node = parse(text, source)
    except (ParseError, RecursionError, ValueError):
        return None
    w = Written.of(text, source, node)
    try:
        if _fits(_shape(w.array(node)), wanted):  # (not a slip of shape after all)
            return None
    except EVALUATION_ERRORS:  # (a product whose factors do not fit: a slip of shape too)
        pass
    prev_w = Written.read(prev) if prev.source is not None else None
    s = Search(replace(claim, mismatch=""), prev, cur, prev_w, w, None, settings, deadline)
    for family in FAMILIES:
        for cand in family(s):
            found = _attempt(s, w, cand, wanted)
            if found is not None and not internal(found):
                return found
    return None


def _attempt(s: Search, w: Written, cand: Candidate, wanted: tuple) -> Diagnosis | None:
    if cand.tree is None:
        return None
    try:
        if not _fits(_shape(w.array(cand.tree)), wanted):
            return None
        value, _ = w.evaluate(cand.tree, fresh=True)
    except EVALUATION_ERRORS:
        return None
    return s.decide(cand, value, of_shape=True)


__all__ = ["FAMILIES", "diagnose"]
