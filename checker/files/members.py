"""Members of a family in what the prose assumes: ``Let $u_1 > 0$.`` after ``$$u_i = x_i -
5$$`` is a bound on x_1 − 5 (:func:`member_value`), and ``Let $x_i < 0$.`` beside a display that
writes x_2 may be meant of every i (:func:`member_doubts`)."""

from __future__ import annotations

import re
from dataclasses import replace
from fractions import Fraction

import sympy as sp

from checker.files.letters import reader_name
from checker.model import Condition, Equation, Hypothesis
from checker.parse.context import Context
from checker.parse.tree import Call, Defined, Name, Node, Num, ParseError, Pos, bound_indices, map_children


def member_value(name: str, ctx: Context) -> Node | None:
    """What the reader's name ``name`` (u_1) stands for where the page defines its base entry
    by entry (u_i = x_i − 5: x_1 − 5, as the displays read u_1 of a family, or with the index
    written into the value's own names where the definition is at the index only), or None for
    a name that is no such member."""
    from checker.parse.latex import parse_latex_expr

    base, _, script = name.rpartition("_")
    if not base or not re.fullmatch(r"[A-Za-z0-9]+", script):
        return None
    family = next((k for k in ctx.families if reader_name(k) == base or k == base), None)
    if family is not None:
        try:
            node = parse_latex_expr(f"{family}_{{{script}}}", ctx)
        except ParseError:
            return None
        return node if isinstance(node, Call) and node.func == "_member" else None
    at_index = [(k, reader_name(k).rpartition("_")[2]) for k in ctx.latex
                if reader_name(k).rpartition("_")[0] == base]
    if len(at_index) != 1 or not re.fullmatch(r"[a-z]", at_index[0][1]):
        return None
    key, index = at_index[0]
    body = ctx.latex[key]
    if index in bound_indices(body) or script == index:
        return None  # (a sum over i inside u_i's value: which i?)

    def at(n: Node) -> Node:  # x_i → x_1 and i → 1 in u_i = x_i − 5 (x_i a letter there)
        if isinstance(n, Name) and n.id == index:
            return Num(Fraction(int(script)), n.pos) if script.isdigit() else Name(script, n.pos)
        if isinstance(n, Name) and n.id.endswith(f"_{index}"):
            return Name(f"{n.id[:-len(index)]}{script}", n.pos)
        return map_children(n, at)
    return Defined(name, at(body), body.pos if hasattr(body, "pos") else Pos())


_AT_INDEX = re.compile(r"(?P<base>.+)_(?P<index>[a-z])")


def member_doubts(hyps: tuple[Hypothesis, ...], exprs: list,
                  universal: frozenset[tuple[str, str, str]] = frozenset()
                  ) -> tuple[str, tuple[Hypothesis, ...], tuple[Hypothesis, ...]]:
    """A hypothesis on x_i (a letter of its own to the reader) where the display writes other
    members, x_2 (beside x_i or not): the page may mean it of every i ("Let $x_i < 0$."), so
    x_2 < 0 is a hypothesis the page may state and the reader does not read (Claim.unheld): a
    counterexample at x_2 = 1 refutes nothing. Where the prose says that very bound of every i
    (``universal`` holds (x, i, its text): "… for all $i$", checker.files.quantified), it is a
    hypothesis on each. A bound of several letters at one index (x_i < y_i) is made at each
    member for all of them at once (x_2 < y_2, never x_2 < y_i). Where the display writes x's
    entries whole (x[j] in a sum to n: a vector of symbolic length), the bound on them cannot
    be checked at a counterexample: unread, with no hypothesis to check it against (a
    refutation is unknown).
    Returns why, the hypotheses unread, and those read ("", (), () for none)."""
    used: set[sp.Symbol] = set()
    arrays: set[str] = set()
    for e in exprs:
        used |= getattr(e, "free_symbols", set())
        if isinstance(e, sp.Basic):
            arrays |= {str(a.base.label) for a in e.atoms(sp.Indexed)}
            arrays |= {str(b.label) for b in e.atoms(sp.IndexedBase)}
    names = {str(s): s for s in used}
    said, letters, out, read = [], [], [], []
    whole = False
    for h in hyps:  # (i = j, i = 1: x_i and x_j, x_1 are then one entry, to the reader two
        pair = _index_pair(h)  # letters: x_i − x_j = 0 (i = j) was refuted at x_i = 0, x_j = 1)
        if pair is None:
            continue
        groups: dict[str, list[str]] = {}  # (x_i, x_j; a_ij, a_ji: one entry where i = j)
        for n in sorted(names):
            base, _, script = n.rpartition("_")
            if base and script.isalnum() and len(script) <= 3 and pair[0] in script:
                one = "".join(pair[1] if c == pair[0] else c for c in script)
                groups.setdefault(f"{base}_{one}", [f"{base}_{one}"] * (
                    f"{base}_{one}" in names)).append(n)
        for same in groups.values():
            for n in same[1:]:
                out.append(Equation(names[same[0]], names[n]))
                said.append(f"{h.describe()} makes {same[0]} and {n} one entry")
                letters.append(n)
    for h in hyps:
        if not isinstance(h, (Condition, Equation)):
            continue
        at: dict[str, list[tuple[sp.Symbol, str]]] = {}  # index letter → its letters (x_i, y_i)
        for sym in sorted(h.free_symbols, key=str):
            m = _AT_INDEX.fullmatch(str(sym))
            if m is not None:
                at.setdefault(m["index"], []).append((sym, m["base"]))
        if len(at) != 1:  # (none, or x_i < y_j: which pairs?)
            continue
        (index, syms), = at.items()
        bases = [b for _, b in syms]
        scripts = sorted({n.rpartition("_")[2] for n in names if any(
            re.fullmatch(re.escape(b) + r"_(?:[A-Za-z]|\d+)", n) for b in bases)} - {index})
        text = re.sub(r"\s+", "", h.describe())
        to = read if all((b, index, text) in universal for b in bases) else out
        for v in scripts:
            mapping = {sym: names.get(f"{b}_{v}", sp.Symbol(f"{b}_{v}", **sym.assumptions0))
                       for sym, b in syms}
            if isinstance(h, Condition):
                made = Condition(h.relation.xreplace(mapping))
                to.append(replace(made, shown=made.describe()))
            else:
                to.append(Equation(h.lhs.xreplace(mapping), h.rhs.xreplace(mapping)))
        shown = ", ".join(f"{b}_{v}" for v in scripts for b in bases[:1])
        if any(b in arrays for b in bases):  # (x_j > 5 beside Σ_{j=1}^{n} |x_j − 5|)
            whole = True
            said.append(f"{h.describe()}, said of every {index}, is said of the entries of "
                        f"{', '.join(b for b in bases if b in arrays)} too")
            letters += [str(sym) for sym, _ in syms]
        elif scripts and to is out:
            said.append(f"{h.describe()}, said of every {index}, is said of {shown} too")
            letters += [str(sym) for sym, _ in syms]
    if not out and not whole:
        return "", (), tuple(read)
    return ("the page's " + "; ".join(said) + ", which is not read as this display's "
            f"hypothesis (to the reader {', '.join(dict.fromkeys(letters))} is a letter of its "
            "own): write the case in the display (\\quad (…)), or declare the vector"), \
        () if whole else tuple(out), tuple(read)


def _index_pair(h: Hypothesis) -> tuple[str, str] | None:
    """(i, j) for a hypothesis i = j of two letters, or (i, 1) for i = 1; None else."""
    if not isinstance(h, Equation):
        return None
    a, b = h.lhs, h.rhs
    if isinstance(b, sp.Symbol) and not isinstance(a, sp.Symbol):
        a, b = b, a
    if isinstance(a, sp.Symbol) and len(a.name) == 1 and (
            (isinstance(b, sp.Symbol) and len(b.name) == 1) or (
                isinstance(b, sp.Integer) and b >= 0)):
        return a.name, str(b)
    return None

