"""Relations between the two lines: B = −A (a sign), B = c·A (a constant factor), B = 1/A,
B = A ± t for one simple term t, B = A·f or A/f for one factor f.

Each is tried as the corrected line that undoes it (−B, B/c, 1/B, B ∓ t, B/f or B·f), placed
where the line shows it when it can be: the minus sign, the number or the term as written.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

import sympy as sp

from checker.diagnosis.probe import entries
from checker.diagnosis.search import Candidate, Search
from checker.diagnosis.written import Path, at, nodes, number, replaced
from checker.parse.tree import Bin, Call, Node, Num, Unary, plain, walk
from checker.strategies import symbolic_n
from checker.strategies.prepare import expand_definitions

MAX_TERM = 16  # parts of a "simple" term or factor


def _size(node: Node) -> int:
    return len(walk(node))


def _neg(value: object) -> object:
    return -value  # type: ignore[operator]


# -- a sign ---------------------------------------------------------------------------------


def sign(s: Search) -> Iterator[Candidate]:
    """B = −A: at a minus sign or a (−1) as written if removing it is the correction, else
    the whole line; a term whose sign is flipped (P − Q for P + Q) is a sign slip too."""
    whole = s.agrees(_neg(s.B))
    w = s.cur
    if w is not None:
        root = w.node
        for path, node in nodes(root):
            if not (isinstance(node, Unary) and node.op == "-"):
                continue
            if not whole and not _is_term(root, path):
                continue
            operand = node.operand
            new_root = replaced(root, path, operand)
            def what(node: Node = node, operand: Node = operand) -> str:
                return f"(−{s.shown(operand)})" if isinstance(operand, Num) else s.shown(node)

            def detail(node: Node = node, operand: Node = operand) -> str:
                if whole:
                    return f"the sign is wrong: {what(node, operand)} should be {s.shown(operand)}"
                return f"the sign of the term {s.shown(node)} is wrong"

            yield Candidate("sign", detail, tree=new_root, changed=node, new=operand)
            # a factor (−1) of a product: the correction drops it
            parent = at(root, path[:-1]) if path else None
            if isinstance(operand, Num) and operand.value == 1 and isinstance(parent, Bin) \
                    and parent.op == "*":
                other = parent.right if path[-1][0] == "left" else parent.left
                yield Candidate("sign", lambda: f"the factor {what()} should not be there: the sign is "
                                "wrong", tree=replaced(root, path[:-1], other), changed=parent,
                                new=other, at=node)
        for path, node in (nodes(root) if whole else ()):  # a number whose sign is lost
            value = _number(node)
            if value is None or value <= 0 or on_spine(root, path) is None:
                continue
            parent = at(root, path[:-1]) if path else None
            if isinstance(parent, Unary) and parent.op == "-":
                continue  # (−3: the minus sign itself is tried above)
            neg = Unary("-", node, node.pos)
            yield Candidate("sign", lambda node=node: f"the sign of {s.shown(node)} is wrong: "
                            f"−{s.shown(node)} is meant", tree=replaced(root, path, neg),
                            changed=node, new=neg)
        sums = [(path, node) for path, node in nodes(root)
                if isinstance(node, Bin) and node.op in "+-"]
        # P − Q written for P + Q, and the other way round: the line's own terms first, then
        # those of a bracket inside it (−[y(1 − σ) + (1 − y)σ] for −[y(1 − σ) − (1 − y)σ])
        for path, node in sorted(sums, key=lambda pn: not _in_sum(root, pn[0])):
            flipped = Bin("+" if node.op == "-" else "-", node.left, node.right, node.pos)
            yield Candidate("sign", lambda: f"the sign of the term {s.shown(node.right)} is wrong: "
                            f"{'−' if node.op == '-' else '+'} where "
                            f"{'+' if node.op == '-' else '−'} is meant",
                            tree=replaced(root, path, flipped), changed=node, new=flipped,
                            at=node.right)
    if whole:
        yield Candidate("sign", lambda: "the line is the negative of the previous one: a sign is lost "
                        "or added", tree=Unary("-", w.node) if w is not None else None,
                        value=_neg(s.B), text=_wrap(s, "-"))


def _is_term(root: Node, path: Path) -> bool:
    """Whether the node at ``path`` is a term of the line's top-level sum (or the line)."""
    for k in range(len(path)):
        parent = at(root, path[:k])
        if not (isinstance(parent, Bin) and parent.op in "+-"):
            return False
    return True


def _in_sum(root: Node, path: Path) -> bool:
    """A + or − of the line's top-level sum (not inside a function or a product)."""
    return _is_term(root, path)


def _wrap(s: Search, how: str, c: Fraction | None = None) -> str:
    """A corrected line around the step as the file writes it (no tree to write it from)."""
    step = s.cur_step
    if s.cur is not None or step is None:
        return ""
    text = step.text or ""
    if not text:
        return ""
    if how == "-":
        return f"−({text})"
    if how == "1/":
        return f"1/({text})"
    if how == "/c" and c is not None:
        return f"({text})/{c}" if c.denominator == 1 else f"({c.denominator}/{c.numerator})·({text})"
    return ""


# -- a constant factor -------------------------------------------------------------------------


def _ratio(s: Search) -> Fraction | None:
    """c with B = c·A at every sample point, if there is one (a nice rational, not 0 or ±1)."""
    probe = s.probe
    ratios: list[float] = []
    try:
        if probe.symbolic:  # B at each instance (n = 3, i = 1 …) against A there
            groups = [(writer(probe.moments(s.B)), ws) for _, writer, ws in probe.instances]
        else:
            groups = [(probe.moments(s.B), probe.worlds)]
        for value, worlds in groups:
            parts = [expand_definitions(e) for e in entries(value)]
            for w in worlds:
                for k, e in enumerate(parts):
                    a, b = w.target[k], w.value_of_expr(e)
                    if abs(a) < 1e-12:
                        if abs(b) > 1e-9:
                            return None
                        continue
                    ratios.append(b / a)
    except Exception:  # any failure: no constant ratio is shown
        return None
    if not ratios:
        return None
    r = ratios[0]
    if any(abs(x - r) > 1e-8 * max(1.0, abs(r)) for x in ratios):
        return None
    c = Fraction(r).limit_denominator(1000)
    if abs(float(c) - r) > 1e-9 * max(1.0, abs(r)) or c in (0, 1, -1):
        return None
    return c


def scale(s: Search) -> Iterator[Candidate]:
    """B = c·A for a constant c: a number as written that is c times too big, else the line
    divided by c. Over a symbolic size, c may be the size (or its reciprocal) at the instances
    sampled: a factor n lost or added (Var(Σ_i w_i x_i) written s, not n s), tried first."""
    c = _ratio(s)
    if c is None or _a_term_of_the_previous(s):
        return  # (2x·x² for 2x·x² + x²·2x: a term dropped, not "2 should be 4")
    yield from _size_factor(s, c)
    shown = str(c) if c.denominator == 1 else f"{c.numerator}/{c.denominator}"
    w = s.cur
    if w is not None:
        root = w.node
        places: list[Candidate] = []
        for path, node in nodes(root):
            value = _number(node)
            power = on_spine(root, path) if value is not None else None
            if value is None or power is None:
                continue
            value_c = value / c if power == 1 else value * c
            new = number(value_c)
            parent = at(root, path[:-1]) if path else None
            if value_c == 1 and isinstance(parent, Bin) and parent.op == "*":
                other = parent.right if path[-1][0] == "left" else parent.left
                places.append(Candidate(
                    "scale", lambda node=node: f"the factor {s.shown(node)} should not be "
                    f"there: the line is {shown} times the previous one",
                    tree=replaced(root, path[:-1], other), changed=parent, new=other, at=node))
                continue
            places.append(Candidate(
                "scale", lambda node=node, value_c=value_c: f"the constant {s.shown(node)} "
                f"should be {_fraction(value_c)}: the line is {shown} times the previous one",
                tree=replaced(root, path, new), changed=node, new=new))
        places = [p for p in places if not s.in_unchanged(p)]
        if len(places) == 1:  # (two numbers that could be it, 3(2x + 1)^2 · 3 for d/dx (2x +
            yield places[0]  # 1)^3: which one is the slip is not known; the whole line is said)
    tree = None
    if w is not None:
        tree = Bin("/", w.node, number(c)) if c.denominator == 1 else \
            Bin("*", number(1 / c), w.node)
    yield Candidate("scale", lambda: f"the line is {shown} times the previous one: a constant factor "
                    "is lost or added", tree=tree, value=s.B / sp.Rational(c.numerator,
                                                                            c.denominator),
                    text=_wrap(s, "/c", c))


def _a_term_of_the_previous(s: Search) -> bool:
    """B is written as one of the terms of the previous line's sum (and so is the rest)."""
    if s.prev is None or s.cur is None:
        return False
    terms, stack = [], [s.prev.node]
    while stack:
        n = stack.pop()
        if isinstance(n, Bin) and n.op in "+-":
            stack += [n.left, n.right]
        else:
            terms.append(n.operand if isinstance(n, Unary) and n.op == "-" else n)
    return len(terms) > 1 and plain(s.cur.node) in {plain(t) for t in terms}


def _size_factor(s: Search, c: Fraction) -> Iterator[Candidate]:
    """B = n^e·A (e = ±1) for a dimension n that takes one value at every sampled instance:
    the corrected line B/n^e, which the engine must prove for every n."""
    probe = s.probe
    if not probe.symbolic or not probe.instances:
        return
    for d in symbolic_n.dimensions(s.claim):
        seen = {values.get(d) for values, _, _ in probe.instances}
        if len(seen) != 1 or None in seen:
            continue
        (v,) = seen
        for e in (1, -1):
            if c == Fraction(v) ** e:
                what = f"{d} times" if e == 1 else f"1/{d} of"
                yield Candidate("scale", lambda what=what, d=d: f"the line is {what} the previous "
                                f"one: a factor {d} is lost or added", value=s.B / d**e)


def _fraction(v: Fraction) -> str:
    return str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"


def _number(node: Node) -> Fraction | None:
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Bin) and node.op == "/" and isinstance(node.left, Num) \
            and isinstance(node.right, Num) and node.right.value != 0:
        return node.left.value / node.right.value
    return None


def on_spine(root: Node, path: Path) -> int | None:
    """1 where the node at ``path`` is a factor of the whole line (through products,
    quotients, minus signs and sums' bodies), −1 where it divides the whole line (a
    quotient's bottom), None where it is neither."""
    power = 1
    for k in range(len(path)):
        parent, slot = at(root, path[:k]), path[k]
        if isinstance(parent, Unary):
            continue
        if isinstance(parent, Bin) and parent.op in ("*", "@"):
            continue
        if isinstance(parent, Bin) and parent.op == "/":
            power = power if slot[0] == "left" else -power
            continue
        if isinstance(parent, Call) and parent.func == "Sum" and slot == ("args", 0):
            continue
        return None
    return power


# -- the reciprocal -------------------------------------------------------------------------------


def reciprocal(s: Search) -> Iterator[Candidate]:
    if isinstance(s.B, sp.MatrixBase) or s.B == 0 or _exponential(s.B):
        return
    value = 1 / s.B
    if not s.agrees(value):
        return
    tree = None
    if s.cur is not None:
        root = s.cur.node  # 1/(X) written: X is meant; p/q written: q/p
        tree = root.right if isinstance(root, Bin) and root.op == "/" and \
            isinstance(root.left, Num) and root.left.value == 1 else \
            Bin("/", root.right, root.left) if isinstance(root, Bin) and root.op == "/" else \
            Bin("/", Num(Fraction(1)), root)
    yield Candidate("reciprocal", lambda: "the line is the reciprocal of the previous one (1/A for A)",
                    tree=tree, value=value, text=_wrap(s, "1/"))


def _exponential(v: sp.Expr) -> bool:
    """Whether ``v`` is a number times exponentials (−e^x, 2^x e^{-y}): its reciprocal is the
    same with the exponents' signs flipped, which is the slip far more often than 1/A."""
    core = v.as_coeff_Mul()[1]
    factors = core.args if isinstance(core, sp.Mul) else (core,)
    return bool(factors) and all(isinstance(f, sp.exp) or (isinstance(f, sp.Pow) and not
                                                            f.exp.is_number) for f in factors)


# -- a term -------------------------------------------------------------------------------------


def _terms(root: Node) -> list[tuple[Path, Node]]:
    """The terms of the line's top-level sum, with their paths (a − b: the Bin's sides)."""
    out: list[tuple[Path, Node]] = []

    def go(path: Path, node: Node) -> None:
        if isinstance(node, Bin) and node.op in "+-":
            go((*path, ("left", None)), node.left)
            go((*path, ("right", None)), node.right)
        else:
            out.append((path, node))

    go((), root)
    return out


def _without(root: Node, path: Path) -> tuple[Node, Node, Node] | None:
    """The line with the term at ``path`` removed: (new tree, the sum it was in, what stands
    there instead)."""
    if not path:
        return None
    parent_path, slot = path[:-1], path[-1]
    parent = at(root, parent_path)
    assert isinstance(parent, Bin)
    if slot[0] == "right":
        rest = parent.left
    else:
        rest = parent.right if parent.op == "+" else Unary("-", parent.right)
    return replaced(root, parent_path, rest), parent, rest


def term(s: Search) -> Iterator[Candidate]:
    """B = A + t: a term of B that should not be there, or a term of A that B lost."""
    w = s.cur
    if w is not None:
        extra: list[Candidate] = []
        keys: list[object] = []
        for path, node in _terms(w.node):
            if _size(node) > MAX_TERM:
                continue
            cut = _without(w.node, path)
            if cut is None:
                continue
            extra.append(Candidate("term", lambda node=node: f"the term {s.shown(node)} should "
                                   "not be there", tree=cut[0], changed=cut[1], new=cut[2],
                                   at=node))
            keys.append((plain(node), _sign_of(w.node, path)))
        yield from _restoring_first(s, extra, keys)
        if s.prev is not None:
            have = {plain(n) for _, n in _terms(w.node)}
            for path, node in _terms(s.prev.node):
                sign_ = _sign_of(s.prev.node, path)
                if not path or plain(node) in have or _size(node) > MAX_TERM \
                        or 2 * _size(node) > _size(s.prev.node):
                    continue
                tree = Bin("-" if sign_ < 0 else "+", w.node, node)
                yield Candidate("term", lambda: f"the term {'−' if sign_ < 0 else ''}"
                                f"{s.shown(node, s.prev)} of the previous line is lost",
                                tree=tree)
        return
    if isinstance(s.B, sp.Add):
        for t in s.B.args:
            if sp.count_ops(t) <= MAX_TERM:
                yield Candidate("term", lambda: f"the term {sp.sstr(t)} should not be there",
                                value=s.B - t)
    if isinstance(s.A, sp.Add) and not s.A.has(sp.Derivative):
        for t in s.A.args:
            if sp.count_ops(t) <= MAX_TERM:
                yield Candidate("term", lambda: f"the term {sp.sstr(t)} of the previous line is lost",
                                value=s.B + t)


def _restoring_first(s: Search, cands: list[Candidate], keys: list[object]) -> list[Candidate]:
    """The candidates whose corrected line is the previous line exactly as written first; of
    two that remove equal parts alike (``keys``: cos x − sin x + cos x), only the later."""
    last: dict[object, Candidate] = {}  # of parts written alike, the later copy is the slip
    for c, k in zip(cands, keys, strict=True):  # (σ(z)(1 − σ(z))σ(z): the σ(z) appended)
        last[k] = c
    cands = [c for c, k in zip(cands, keys, strict=True) if last[k] is c]
    prev = s.prev
    if prev is None:
        return cands
    written = plain(prev.node)
    return sorted(cands, key=lambda c: c.tree is None or plain(c.tree) != written)


def _sign_of(root: Node, path: Path) -> int:
    sign_ = 1
    for k in range(len(path)):
        parent, slot = at(root, path[:k]), path[k]
        if isinstance(parent, Bin) and parent.op == "-" and slot[0] == "right":
            sign_ = -sign_
    return sign_


# -- a factor -------------------------------------------------------------------------------------


def _factors(root: Node) -> list[tuple[Path, Node, bool]]:
    """The factors of the whole line (path, node, in a denominator), through minus signs,
    products, quotients and the body of a sum that is itself the line or a factor of it."""
    out: list[tuple[Path, Node, bool]] = []

    def go(path: Path, node: Node, below: bool) -> None:
        if isinstance(node, Unary):
            go((*path, ("operand", None)), node.operand, below)
        elif isinstance(node, Bin) and node.op == "*":
            go((*path, ("left", None)), node.left, below)
            go((*path, ("right", None)), node.right, below)
        elif isinstance(node, Bin) and node.op == "/":
            go((*path, ("left", None)), node.left, below)
            go((*path, ("right", None)), node.right, not below)
        elif isinstance(node, Call) and node.func == "Sum" and node.args:
            go((*path, ("args", 0)), node.args[0], below)
        else:
            out.append((path, node, below))

    go((), root, False)
    return out


def _drop_factor(root: Node, path: Path) -> tuple[Node, Node, Node] | None:
    """The line without the factor at ``path``: (new tree, the product it was in, what
    stands there instead)."""
    if not path:
        return None
    parent_path, slot = path[:-1], path[-1]
    parent = at(root, parent_path)
    if isinstance(parent, Bin) and parent.op == "*":
        rest = parent.right if slot[0] == "left" else parent.left
    elif isinstance(parent, Bin) and parent.op == "/":
        rest = parent.left if slot[0] == "right" else Bin("/", Num(Fraction(1)), parent.right)
    else:
        return None
    return replaced(root, parent_path, rest), parent, rest


def factor(s: Search) -> Iterator[Candidate]:
    """B = A·f or A/f: a factor of B that should not be there, or factors of A that B lost
    (one, or one above and one below the fraction bar, cancelled together)."""
    w = s.cur
    if w is not None:
        extra: list[Candidate] = []
        keys: list[object] = []
        for path, node, below in _factors(w.node):
            if isinstance(node, Num) or _size(node) > MAX_TERM:
                continue
            cut = _drop_factor(w.node, path)
            if cut is None:
                continue
            where = " in the denominator" if below else ""
            extra.append(Candidate("factor", lambda node=node, where=where: f"the factor "
                                   f"{s.shown(node)}{where} should not be there", tree=cut[0],
                                   changed=cut[1], new=cut[2], at=node))
            keys.append((plain(node), below))
        yield from _restoring_first(s, extra, keys)
        if s.prev is not None:
            have = {plain(n) for _, n, _ in _factors(w.node)}
            lost = [(n, below) for path, n, below in _factors(s.prev.node)
                    if path and plain(n) not in have and not isinstance(n, Num)
                    and _size(n) <= MAX_TERM and 2 * _size(n) <= _size(s.prev.node)]
            for node, below in lost:
                tree = Bin("/" if below else "*", w.node, node)
                where = " (in the denominator)" if below else ""
                yield Candidate("factor", lambda: f"the factor {s.shown(node, s.prev)}{where} of the "
                                "previous line is lost", tree=tree)
            tops = [n for n, below in lost if not below]
            bottoms = [n for n, below in lost if below]
            for top in tops:
                for bottom in bottoms:
                    tree = Bin("/", top if isinstance(w.node, Num) and w.node.value == 1
                               else Bin("*", w.node, top), bottom)  # (1 · d/√d as d/√d)
                    yield Candidate("factor", lambda: f"{s.shown(top, s.prev)} and "
                                    f"{s.shown(bottom, s.prev)} are cancelled, but they are "
                                    "not equal", tree=tree)
        return
    if isinstance(s.B, sp.Mul):
        for f in s.B.args:
            if not f.is_number and sp.count_ops(f) <= MAX_TERM:
                yield Candidate("factor", lambda: f"the factor {sp.sstr(f)} should not be there",
                                value=s.B / f)
