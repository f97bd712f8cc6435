"""Slips of matrix notation: the whole line transposed (B = Aᵀ), a transpose missing (or
extra) on one factor, a product's factors swapped, a ⊙ factor dropped.

They change the line as written (its tree), so they need the line's text; the changed line
is evaluated in the file's context, as an array of symbolic size lowered to the same entry
(i, j) as the step (checker/files/steps.py ``lower_arrays``), or as an explicit matrix.
"""

from __future__ import annotations

from collections.abc import Iterator

import sympy as sp

from checker.diagnosis.search import Candidate, Search
from checker.diagnosis.written import EVALUATION_ERRORS, Written, nodes, replaced
from checker.parse.arrays import SymArray
from checker.parse.tree import Bin, Call, Name, Node, plain


def _is_array(w: Written, node: Node) -> bool:
    try:
        v = w.array(node)
    except EVALUATION_ERRORS:
        return False
    if isinstance(v, SymArray):
        return True
    return isinstance(v, sp.MatrixBase) and v.shape != (1, 1)


def _arrays_in(s: Search) -> bool:
    w = s.cur
    if w is None:
        return False
    ctx = w.source.context
    declared = set(getattr(ctx, "vectors", {})) | set(getattr(ctx, "matrices", {})) | \
        set(getattr(ctx, "symbolic", {})) | set(getattr(ctx, "symbolic_matrices", {}))
    return any((isinstance(n, Name) and n.id in declared) or
               (isinstance(n, Call) and n.func in ("T", "hadamard")) or
               (isinstance(n, Bin) and n.op == "@") for _, n in nodes(w.node))


def transpose(s: Search) -> Iterator[Candidate]:
    w = s.cur
    if w is None or not _arrays_in(s) or not _is_array(w, w.node):
        return
    root = w.node
    yield Candidate("transpose", lambda: "the line is the transpose of the previous one",
                    tree=Call("T", (root,)))


def missing_transpose(s: Search) -> Iterator[Candidate]:
    w = s.cur
    if w is None or not _arrays_in(s):
        return
    root = w.node
    # of parts written alike (A x + A x for (A + Aᵀ) x), the later copy is the slip: tried first
    found = list(nodes(root))
    later = {plain(n): k for k, (_, n) in enumerate(found)}
    order = sorted(range(len(found)), key=lambda k: later[plain(found[k][1])] != k)
    for path, node in (found[k] for k in order):
        if isinstance(node, Call) and node.func == "T" and len(node.args) == 1:
            inner = node.args[0]
            yield Candidate("missing-transpose", lambda: f"{s.shown(node)} where {s.shown(inner)} is "
                            "meant: a transpose too many", tree=replaced(root, path, inner),
                            changed=node, new=inner)
            continue
        if not (isinstance(node, Name | Call) and _factor_place(root, path)):
            continue
        if not _is_array(w, node):
            continue
        new = Call("T", (node,))
        yield Candidate("missing-transpose", lambda: f"{s.shown(node)} needs a transpose",
                        tree=replaced(root, path, new), changed=node, new=new)


def _factor_place(root: Node, path: tuple) -> bool:
    """A part of the line, not the whole of it, that is not already transposed (whether it
    is a matrix is for the caller to ask)."""
    if not path:
        return False
    from checker.diagnosis.written import at

    parent = at(root, path[:-1])
    return not (isinstance(parent, Call) and parent.func == "T")


def swapped_factors(s: Search) -> Iterator[Candidate]:
    w = s.cur
    if w is None or not _arrays_in(s):
        return
    root = w.node
    for path, node in nodes(root):
        if isinstance(node, Bin) and node.op == "@":
            new = Bin("@", node.right, node.left, node.pos)
            yield Candidate("swapped-factors", lambda: f"{s.shown(node)}: the factors "
                            f"{s.shown(node.left)} and {s.shown(node.right)} are swapped",
                            tree=replaced(root, path, new), changed=node, new=new)


def hadamard_dropped(s: Search) -> Iterator[Candidate]:
    w, p = s.cur, s.prev
    if w is None or p is None:
        return
    root = w.node
    mine = {plain(n) for _, n in nodes(root)}
    for _, node in nodes(p.node):
        if not (isinstance(node, Call) and node.func == "hadamard" and len(node.args) == 2):
            continue
        for keep, lost in ((node.args[0], node.args[1]), (node.args[1], node.args[0])):
            def detail(lost: Node = lost) -> str:
                return f"the factor ⊙ {s.shown(lost, p)} is lost"

            # (the factor may be written elsewhere in the line: h in V^T(d ⊙ (1 − h)))
            for path, n in nodes(root):
                if plain(n) == plain(keep):
                    new = Call("hadamard", (n, lost))
                    yield Candidate("hadamard-dropped", detail, tree=replaced(root, path, new),
                                    changed=n, new=new)
            if plain(lost) not in mine:
                yield Candidate("hadamard-dropped", detail, tree=Call("hadamard", (root, lost)))
