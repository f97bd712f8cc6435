"""Slips of index notation: an entry's indices swapped or one index written for another
(y_i for y_j), a sum over the wrong index, a sum's bound off by one, a Kronecker δ dropped."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from fractions import Fraction

from checker.diagnosis.search import Candidate, Search
from checker.diagnosis.written import Path, Written, at, nodes, replaced
from checker.parse.tree import Bin, Call, Defined, Index, Name, Node, Num, TupleLit, plain


def _indices(w: Written | None) -> set[str]:
    """The index names a line uses: free indices of the context and sums' indices."""
    if w is None:
        return set()
    ctx = w.source.context
    out = set()
    for _, n in nodes(w.node):
        if isinstance(n, Name) and n.id in getattr(ctx, "indices", {}):
            out.add(n.id)
        if isinstance(n, Index):
            out |= {i.id for i in n.indices if isinstance(i, Name)}
        if _is_sum(n):
            out.add(n.args[1].items[0].id)  # type: ignore[union-attr]
    return out


def _is_sum(n: Node) -> bool:
    return isinstance(n, Call) and n.func == "Sum" and len(n.args) == 2 and \
        isinstance(n.args[1], TupleLit) and len(n.args[1].items) == 3 and \
        isinstance(n.args[1].items[0], Name)


def _sub(s: Search, text: str, index: str, label: bool = False) -> str:
    """An entry written as the line writes entries: x_i in LaTeX (x^{(i)} where the line
    writes it as an example's label), x[i] in plain text."""
    if s.cur is not None and s.cur.syntax == "latex" and label:
        return f"{text}^{{({index})}}"
    if s.cur is not None and s.cur.syntax == "latex":
        return f"{text}_{index}" if len(index) == 1 else f"{text}_{{{index}}}"
    return f"{text}[{index}]"


def _index_nodes(*written: Written | None) -> dict[str, Node]:
    """Every index the lines use (free indices, sums' indices, mapped letters such as an
    "i" that the context fixes), by how it reads."""
    out: dict[str, Node] = {}
    for w in written:
        if w is None:
            continue
        for _, n in nodes(w.node):
            if isinstance(n, Index):
                for i in n.indices:
                    if isinstance(i, Name | Defined):
                        out.setdefault(plain(i), i)
            if isinstance(n, Call) and n.func == "delta":
                for i in n.args:
                    if isinstance(i, Name):
                        out.setdefault(plain(i), i)
            if _is_sum(n):
                k = n.args[1].items[0]  # type: ignore[union-attr]
                out.setdefault(plain(k), Name(k.id))  # type: ignore[union-attr]
    return out


def swapped_indices(s: Search) -> Iterator[Candidate]:
    w = s.cur
    if w is None:
        return
    root = w.node
    options = _index_nodes(w, s.prev)
    # an entry the previous line writes as it is here is tried last: where a symmetry proves
    # two corrections (δ_ij s_i = δ_ij s_j), the slip is the entry that differs from it
    # (as many of them as the previous line writes, the first ones: the others are new here)
    had = Counter(plain(n) for _, n in nodes(s.prev.node) if isinstance(n, Index)) \
        if s.prev is not None else Counter()
    order = []
    for path, node in nodes(root):
        kept = isinstance(node, Index) and had[plain(node)] > 0
        if kept:
            had[plain(node)] -= 1
        order.append((kept, path, node))
    for _, path, node in sorted(order, key=lambda t: t[0]):
        if not isinstance(node, Index):
            continue
        target = s.shown(node.target)
        if len(node.indices) >= 2:  # W_ji for W_ij
            ix = list(node.indices)
            ix[0], ix[1] = ix[1], ix[0]
            new = replace(node, indices=tuple(ix))
            if plain(new) != plain(node):
                yield Candidate("swapped-indices", lambda: f"{s.shown(node)}: its indices are swapped",
                                tree=replaced(root, path, new), changed=node, new=new)
        for k, idx in enumerate(node.indices):
            if not isinstance(idx, Name | Defined):
                continue
            for key, other in options.items():
                if key == plain(idx):
                    continue
                ix = list(node.indices)
                ix[k] = other
                new = replace(node, indices=tuple(ix))
                shown_other = _show_index(s, other)
                yield Candidate("swapped-indices", lambda: f"{s.shown(node)} where "
                                f"{_sub(s, target, shown_other, node.label)} is meant: index "
                                f"{s.shown(idx)} written for {shown_other}",
                                tree=replaced(root, path, new), changed=node, new=new)
    # every y_j of the line written for y_i
    seen: dict[tuple[str, str], list[Path]] = {}
    for path, node in nodes(root):
        if isinstance(node, Index) and len(node.indices) == 1 and \
                isinstance(node.indices[0], Name | Defined):
            seen.setdefault((plain(node.target), plain(node.indices[0])), []).append(path)
    for (_, idx), paths in seen.items():
        if len(paths) < 2:
            continue
        for key, other in options.items():
            if key == idx:
                continue
            tree = root
            for path in paths:
                node = at(tree, path)
                assert isinstance(node, Index)
                tree = replaced(tree, path, replace(node, indices=(other,)))
            first = at(root, paths[0])
            assert isinstance(first, Index)
            shown_other = _show_index(s, other)
            yield Candidate("swapped-indices", lambda: f"{s.shown(first)} (each of them) where "
                            f"{_sub(s, s.shown(first.target), shown_other, first.label)} is meant: index "
                            f"{s.shown(first.indices[0])} written for {shown_other}",
                            tree=tree, at=first)


def _show_index(s: Search, node: Node) -> str:
    if isinstance(node, Name):
        return node.id
    for w in (s.cur, s.prev):
        if w is not None:
            span = w.span(node)
            if span is not None:
                return w.text[span[0]:span[1]]
    return plain(node)


def sum_index(s: Search) -> Iterator[Candidate]:
    """Σ_k written where the sum runs over another index m (the body unchanged)."""
    w = s.cur
    if w is None:
        return
    root = w.node
    names = sorted(_indices(w) | _indices(s.prev))
    for path, node in nodes(root):
        if not _is_sum(node):
            continue
        k, lo, hi = node.args[1].items  # type: ignore[union-attr]
        for other in names:
            if other == k.id:  # type: ignore[union-attr]
                continue
            rng = TupleLit((Name(other, k.pos), lo, hi), node.args[1].pos)
            new = Call("Sum", (node.args[0], rng), node.pos)
            yield Candidate("sum-index", lambda: f"the sum runs over {k.id} where it should run over "  # type: ignore[union-attr]
                            f"{other}", tree=replaced(root, path, new), changed=node, new=new)


def sum_bound(s: Search) -> Iterator[Candidate]:
    w = s.cur
    if w is None:
        return
    root = w.node
    for path, node in nodes(root):
        if not _is_sum(node):
            continue
        k, lo, hi = node.args[1].items  # type: ignore[union-attr]
        for which, bound in (("upper", hi), ("lower", lo)):
            for step in (1, -1):
                new_bound = _shift(bound, step)
                items = (k, lo, new_bound) if which == "upper" else (k, new_bound, hi)
                new = Call("Sum", (node.args[0], TupleLit(items, node.args[1].pos)), node.pos)
                yield Candidate("sum-bound", lambda: f"the sum's {which} bound {plain(bound)} is off by "
                                f"one: {plain(new_bound)}", tree=replaced(root, path, new),
                                changed=node, new=new)


def _shift(bound: Node, step: int) -> Node:
    if isinstance(bound, Num):
        return Num(bound.value + step)
    if isinstance(bound, Bin) and bound.op in "+-" and isinstance(bound.right, Num):
        v = bound.right.value * (1 if bound.op == "+" else -1) + step
        if v == 0:
            return bound.left
        return Bin("+" if v > 0 else "-", bound.left, Num(abs(v)))
    return Bin("+" if step > 0 else "-", bound, Num(Fraction(1)))


def delta_dropped(s: Search) -> Iterator[Candidate]:
    """A factor δ_ab missing: on the line, on a term, in a sum's body, or where a 1 stands."""
    w = s.cur
    if w is None:
        return
    root = w.node
    names = sorted(_indices(w) | _indices(s.prev))
    pairs = [(a, b) for k, a in enumerate(names) for b in names[k + 1:]]
    if not pairs:
        return
    places: list[tuple[Path, Node]] = [((), root)]
    for path, node in nodes(root):
        if _is_sum(node):
            places.append(((*path, ("args", 0)), node.args[0]))
        if isinstance(node, Bin) and node.op in "+-" and _top(root, path):
            places.append(((*path, ("left", None)), node.left))
            places.append(((*path, ("right", None)), node.right))
    for a, b in pairs:
        delta = Call("delta", (Name(a), Name(b)))
        for path, node in places:
            new = Bin("*", node, delta)
            yield Candidate("delta-dropped", lambda: f"a Kronecker δ_{a}{b} is missing on "
                            f"{s.shown(node)}", tree=replaced(root, path, new), changed=node,
                            new=new)
        for path, node in nodes(root):
            if isinstance(node, Num) and node.value == 1:
                yield Candidate("delta-dropped", lambda: f"1 where δ_{a}{b} is meant",
                                tree=replaced(root, path, delta), changed=node, new=delta)


def _top(root: Node, path: Path) -> bool:
    for k in range(len(path)):
        parent = at(root, path[:k])
        if not (isinstance(parent, Bin) and parent.op in "+-"):
            return False
    return True
