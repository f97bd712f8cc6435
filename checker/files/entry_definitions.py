"""A matrix a document defines by its entries: ``\\hat{x}_{i,j} = (x_{i,j} - \\mu_j)/s``.

Batch normalisation, attention scores (``S_{ij} = q_i^\\top k_j / \\sqrt{d}``) and convolutions
are written one entry at a time, with two indices. Such a display defines the whole matrix:
its entry (r, c) is the right side at i = r, j = c, for the rows and columns that the right
side's own indexing gives (x_{i,j} with x an N × D matrix: i runs over 1…N, j over 1…D). So
``\\hat{x}_{k,j}`` inside ``\\sum_k`` is the entry at the sum's k, and ``\\hat{x}_{j,i}`` the
entry at (j, i): the definition read as one for every pair of indices, as a family
(``\\hat{y}_i = …``) is for one index.

Read so only where nothing else is possible to mean: two different letters as the indices,
neither declared; a name not declared (an entry of a declared matrix is that entry); both
indices indexing declared vectors or matrices of one length each; every other name of the
right side declared (a loose letter could be captured where an entry is used), and no other
definition of the page written in the indices (its i is its own). Otherwise the display is
what it was: a definition at its own indices.
"""

from __future__ import annotations

import re
from dataclasses import replace
from fractions import Fraction

from checker.files.document_lookup import _FAMILY
from checker.parse.context import Context
from checker.parse.latex_sums import axis_lengths, length_node
from checker.parse.tree import (
    Call,
    Defined,
    Name,
    Node,
    Num,
    Pos,
    TupleLit,
    binder,
    free_names,
    map_children,
    walk,
)

_ENTRY = re.compile(_FAMILY.pattern.split(r"\s*_")[0]
                    + r"\s*_\{\s*(?P<row>[A-Za-z])\s*,?\s*(?P<col>[A-Za-z])\s*\}")
# (the indices of the matrix's pattern: names no document can write, so nothing captures them)
_ROW, _COL = "\x00r", "\x00c"


def matrix_by_entries(ctx: Context, name: str, node: Node) -> tuple[str, str, Node] | None:
    """The matrix that ``name = node`` defines entry by entry (``_pattern_matrix`` over the
    rows and columns its indices run through), with the keys the reader finds the matrix by
    (as written, \\hat{x}, and its name, xhat), or None where the display is not read so."""
    from checker.parse.latex import parse_latex_expr
    from checker.parse.tree import ParseError

    m = _ENTRY.fullmatch(name.strip())
    if m is None or m["row"] == m["col"]:
        return None
    row, col = m["row"], m["col"]
    if any(ctx.kind(ix) is not None or ix in ctx.latex for ix in (row, col)):
        return None
    try:
        base = parse_latex_expr(m["base"], ctx)
    except ParseError:
        return None
    if not isinstance(base, Name) or ctx.kind(base.id) is not None or base.id in ctx.latex \
            or m["base"] in ctx.latex or base.id in ctx.families:
        return None
    pos = getattr(node, "pos", Pos())
    sizes = []
    for ix in (row, col):
        lengths = {length for _, length in axis_lengths(ctx, node, ix)}
        if len(lengths) != 1:
            return None
        sizes.append(length_node(lengths.pop(), pos))
    loose = {n.id for n in walk(node) if isinstance(n, Name) and not n.id.startswith("\x00")
             and n.id not in (row, col, "E", "pi") and ctx.kind(n.id) is None
             and n.id not in ctx.dims} - {k for n in walk(node) if (k := binder(n))}
    if loose or any(isinstance(n, Defined) and {row, col} & free_names(n.body)
                    for n in walk(node)):
        return None
    pattern = _rename(_rename(node, row, _ROW), col, _COL)
    one = Num(Fraction(1), pos)
    return m["base"].strip(), base.id, Call("_pattern_matrix", (
        pattern, TupleLit((Name(_ROW, pos), one, sizes[0]), pos),
        TupleLit((Name(_COL, pos), one, sizes[1]), pos)), pos)


def _rename(node: Node, old: str, new: str) -> Node:
    """``node`` with the letter ``old`` written ``new`` wherever it is free; another
    definition's value (a Defined) is its own, and a sum that binds ``old`` again keeps it."""
    if isinstance(node, Name):
        return Name(new, node.pos) if node.id == old else node
    if isinstance(node, Defined):
        return node
    if binder(node) == old:
        body, rng = node.args  # type: ignore[union-attr]
        bounds = tuple(_rename(b, old, new) for b in rng.items[1:])
        return replace(node, args=(body, replace(rng, items=(rng.items[0], *bounds))))  # type: ignore[arg-type]
    return map_children(node, lambda child: _rename(child, old, new))
