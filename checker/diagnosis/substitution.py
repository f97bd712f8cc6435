"""B equals A once one part of B is replaced: a function swapped (tanh for σ), an argument
changed (σ(x) for σ(2x)), an exponent changed, a variable written for another, brackets
misplaced, a factor of the chain rule dropped (B = A / g'(x) for an inner function g), or
any one part of B written where the previous line has another (aligned part by part).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from fractions import Fraction

import sympy as sp

from checker.diagnosis.search import Candidate, Search
from checker.diagnosis.written import (
    EVALUATION_ERRORS,
    Path,
    Written,
    at,
    nodes,
    number,
    precedence,
    replaced,
)
from checker.parse.tree import Bin, Call, Index, Name, Node, Num, Prime, Unary, plain, walk
from checker.vocabulary import BY_NAME, EXP_FORMS

# Functions a student writes for one another (each also tried for the functions of the
# previous line).
SWAPS = {
    "sigmoid": ("tanh", "exp", "softplus"), "tanh": ("sigmoid", "sinh", "cosh"),
    "exp": ("log",), "log": ("exp",), "sin": ("cos",), "cos": ("sin",),
    "sinh": ("cosh", "tanh"), "cosh": ("sinh",), "softplus": ("sigmoid", "log"),
}
# functions whose value at −u is their value at u, or its negative (tanh(−u) = −tanh(u)):
# tanh(−z) "meant" for tanh(z) is a sign slip as well, so a negated argument is never guessed
# for them (it is restored where the line before writes it). (σ(−u) = 1 − σ(u) stays: the
# catalog's σ ⊙ σ for σ ⊙ (1 − σ) is "σ(z) where σ(−z) = 1 − σ(z) is meant".)
_REFLECTED = ("tanh", "sin", "sinh", "tan", "erf", "cos", "cosh")
SMOOTH = ("sigmoid", "tanh", "exp", "log", "sin", "cos", "sinh", "cosh", "softplus", "tan")
MAX_ALIGNED = 40  # replacements tried from the aligned parts of the two lines


def _unary_calls(root: Node) -> list[tuple[Path, Call]]:
    return [(p, n) for p, n in nodes(root)
            if isinstance(n, Call) and len(n.args) == 1 and n.func in BY_NAME]


def _show_call(f: str, arg: str) -> str:
    return f"{'σ' if f == 'sigmoid' else f}({arg})"


# -- a factor of the chain rule ---------------------------------------------------------------


def _differentiated(s: Search, parts: list) -> list[sp.Symbol]:
    """The variables A differentiates by: its derivatives left as such, or, where the reader
    took them already (checker.differentiate), those of the d/dx it is written with."""
    derivs = [d for e in parts if isinstance(e, sp.Basic) for d in e.atoms(sp.Derivative)]
    if derivs:
        return list(dict.fromkeys(v for d in derivs for v, _ in d.variable_count))
    w = s.prev
    if w is None:
        return []
    out: list[sp.Symbol] = []
    for _, node in nodes(w.node):
        if isinstance(node, Call) and node.func == "diff":
            for a in node.args[1:]:
                try:
                    v = w.evaluate(a)[0]
                except EVALUATION_ERRORS:
                    continue
                if isinstance(v, sp.Symbol):
                    out.append(v)
    return list(dict.fromkeys(out))


def chain_factor(s: Search) -> Iterator[Candidate]:
    """In a step that differentiates (A has a derivative, B has none): B·g'(x) = A for an
    inner function g of the step, whose derivative the chain rule needs."""
    parts = list(s.A) if isinstance(s.A, sp.MatrixBase) else [s.A]
    variables = _differentiated(s, parts)
    if not variables or any(isinstance(e, sp.Basic) and e.has(sp.Derivative)
                            for e in (list(s.B) if isinstance(s.B, sp.MatrixBase) else [s.B])):
        return
    inner: list[tuple[sp.Expr, Node | None]] = []
    w = s.cur
    if w is not None:  # the inner functions as written in B: arguments, bases of powers
        for _, node in nodes(w.node):
            args = node.args if isinstance(node, Call) and node.func in BY_NAME else \
                (node.left,) if isinstance(node, Bin) and node.op == "**" else ()
            for a in args:
                try:
                    g = w.evaluate(a)[0]
                except EVALUATION_ERRORS:
                    continue
                if isinstance(g, sp.Expr) and not g.is_Atom:
                    inner.append((g, a))
    wrote = list(s.B) if isinstance(s.B, sp.MatrixBase) else [s.B]
    for e in parts + wrote:  # and the two lines' values (a step with no text to read)
        for f in e.atoms(sp.Function, sp.Pow):
            args = f.args[:1] if not isinstance(f, sp.Pow) else (f.base,)
            for g in args:
                if isinstance(g, sp.Expr) and not g.is_Atom and not g.has(sp.Derivative):
                    inner.append((g, None))
    seen: set[sp.Expr] = set()
    for g, node in inner:
        for v in variables:
            if v not in g.free_symbols:
                continue
            try:  # no simplify (seconds: its first call imports half of SymPy), no factoring
                d = sp.diff(g, v)
                if d.has(sp.Derivative) and g.has(*EXP_FORMS):
                    d = sp.diff(g.rewrite(list(EXP_FORMS), sp.exp), v)
            except EVALUATION_ERRORS:
                continue
            if d in (0, 1) or d in seen or d.has(sp.Derivative) or _written_factor(s.B, d) \
                    or (d == -1 and _minus_written(s, g)):
                continue
            seen.add(d)
            value = s.B * d

            def detail(node: Node | None = node, g: sp.Expr = g, v: sp.Symbol = v,
                       d: sp.Expr = d) -> str:
                gtext = s.shown(node) if node is not None and w is not None else sp.sstr(g)
                return (f"the chain rule's inner derivative d/d{v} ({gtext}) = {sp.sstr(d)} is "
                        "missing")

            text: str | Callable[[], str] = ""  # written only for a candidate that agrees
            if w is not None:
                text = lambda w=w, d=d: _times(w, d)  # noqa: E731
            elif s.cur_step is not None and s.cur_step.text:  # the step's own display text
                text = f"{s.cur_step.text} · ({sp.sstr(d)})"
            yield Candidate("chain-factor", detail, value=value, text=text, at=node)
    if w is not None:  # in one term: tanh(u) + x sech²(u) for tanh(u) + x d/dx tanh(u)
        yield from _chain_factor_in_part(s, w, [(g, node, v) for g, node in inner
                                                for v in variables if v in g.free_symbols])


def _minus_written(s: Search, g: sp.Expr) -> bool:
    """Whether B as written has a minus of its own at the inner function g (−e^{−x}, −σ(−x)),
    or two minus signs outside arguments and exponents (a factor (−1) and another): the chain
    rule's −1 was written, so a sign lost or added elsewhere (the quotient rule's, the power
    rule's) is no missing inner derivative, though its value is. (The seed's slip writes one:
    (−1)(1 + e^{−x})^{−2}(e^{−x}), the power rule's.)"""
    w = s.cur
    if w is None:
        return False
    signs = 0
    for path, node in nodes(w.node):
        if not (isinstance(node, Unary) and node.op == "-") or _in_an_argument(w.node, path):
            continue
        inner = node.operand
        if (isinstance(inner, Call) and inner.func in BY_NAME) or (
                isinstance(inner, Bin) and inner.op == "**"):
            try:
                value = w.evaluate(inner)[0]
            except EVALUATION_ERRORS:
                value = None
            if isinstance(value, sp.Expr) and value.has(g):
                return True
        signs += 1
    return signs >= 2


def _in_an_argument(root: Node, path: Path) -> bool:
    """Whether the node at ``path`` is inside a function's argument or a power's exponent."""
    for j in range(len(path)):
        parent, child = at(root, path[:j]), at(root, path[:j + 1])
        if (isinstance(parent, Bin) and parent.op == "**" and parent.right is child) or (
                isinstance(parent, Call | Prime) and child in parent.args):
            return True
    return False


def _written_factor(b: object, d: sp.Expr) -> bool:
    """The line B already has d as a factor (sin(2x)cos(2x)·2 for d/dx (2x) = 2): which of two
    equal factors is the one lost (the power rule's 2 or the chain rule's?) cannot be told."""
    if not isinstance(b, sp.Expr):
        return False
    coeff, rest = b.as_coeff_Mul()
    if d.is_Number:  # (−1, the sign of an inner −x, divides everything: no clue there)
        return abs(d) != 1 and bool(coeff.is_Rational and coeff != 0 and (coeff / d).is_integer)
    dc, drest = d.as_coeff_Mul()
    factors = sp.Mul.make_args(rest)
    return all(f in factors for f in sp.Mul.make_args(drest)) and bool(
        coeff.is_Rational and (coeff / dc).is_integer)


def _chain_factor_in_part(s: Search, w: Written,
                          inner: list[tuple[sp.Expr, Node | None, sp.Symbol]]
                          ) -> Iterator[Candidate]:
    """A factor g'(x) missing from one part of B (an outer function's derivative written for
    the derivative of the composition), not from the whole line."""
    from checker.diagnosis.written import precedence

    factors: dict[sp.Expr, tuple[sp.Expr, Node | None, sp.Symbol]] = {}
    for g, node, v in inner:
        try:
            d = sp.diff(g, v)
        except EVALUATION_ERRORS:
            continue
        if d not in (0, 1) and not d.has(sp.Derivative) and not _written_factor(s.B, d):
            factors.setdefault(d, (g, node, v))
    for _, part in nodes(w.node):
        if part is w.node or not ((isinstance(part, Call) and part.func in BY_NAME)
                                  or (isinstance(part, Bin) and part.op == "**")):
            continue
        try:
            pv = w.evaluate(part)[0]
        except EVALUATION_ERRORS:
            continue
        if not isinstance(pv, sp.Expr) or pv.is_Atom:
            continue
        for d, (g, gnode, v) in factors.items():
            if g == pv or g in pv.args or (isinstance(pv, sp.Pow) and g == pv.base):
                pass  # (the factor of an inner function of this very part)
            elif not pv.has(g) or d == -1:  # (−1 deep inside, (eˣ − e⁻ˣ)²: the part's sign)
                continue
            if d == -1 and _minus_written(s, g):
                continue
            value = s.B.xreplace({pv: pv * d})
            if value == s.B:
                continue

            def detail(part: Node = part, gnode: Node | None = gnode, g: sp.Expr = g,
                       v: sp.Symbol = v, d: sp.Expr = d) -> str:
                gtext = s.shown(gnode) if gnode is not None else sp.sstr(g)
                return (f"in {s.shown(part)}, the chain rule's inner derivative d/d{v} "
                        f"({gtext}) = {sp.sstr(d)} is missing")

            def text(part: Node = part, d: sp.Expr = d) -> str:
                span = w.span(part)
                if span is None:
                    return ""
                latex = w.syntax == "latex"
                inner_text = sp.latex(d) if latex else sp.sstr(d)
                shown = w.text[span[0]:span[1]]
                if precedence(part) < 3:
                    shown = f"\\left({shown}\\right)" if latex else f"({shown})"
                times = f" \\left({inner_text}\\right)" if latex else f"*({inner_text})"
                return w.text[:span[0]] + shown + times + w.text[span[1]:]

            yield Candidate("chain-factor", detail, value=value, text=text, at=part)


def _times(w: Written, d: sp.Expr) -> str:
    """The line as written times the factor d (the line bracketed only where it needs it)."""
    from checker.diagnosis.written import precedence

    latex = w.syntax == "latex"
    inner = sp.latex(d) if latex else sp.sstr(d)
    line = w.text if precedence(w.node) >= 2 else (
        f"\\left({w.text}\\right)" if latex else f"({w.text})")
    if d.is_Atom and not (d.is_number and d < 0):
        return f"{line} \\cdot {inner}" if latex else f"{line}*{inner}"
    return f"{line} \\left({inner}\\right)" if latex else f"{line}*({inner})"


# -- a function swapped -----------------------------------------------------------------------


def function(s: Search) -> Iterator[Candidate]:
    w = s.cur
    if w is None:
        return
    used_before = [n.func for _, n in _unary_calls(s.prev.node)] if s.prev else []
    root = w.node
    for path, node in _unary_calls(root):
        f = node.func
        options = list(dict.fromkeys((*used_before, *SWAPS.get(f, ()))))
        for g in options:
            if g == f or g not in BY_NAME or BY_NAME[g].arity != 1:
                continue
            new = Call(g, node.args, node.pos)
            arg = s.shown(node.args[0])
            yield Candidate("function", lambda: f"{_show_call(f, arg)} where {_show_call(g, arg)} is "
                            f"meant: {f} written for {g}", tree=replaced(root, path, new),
                            changed=node, new=new)
        if f in SMOOTH:  # the function where its derivative is meant
            new_p = Prime(f, 1, node.args, node.pos)
            arg = s.shown(node.args[0])
            yield Candidate("function", lambda: f"{_show_call(f, arg)} where its derivative "
                            f"{_show_call(f + chr(39), arg)} is meant",
                            tree=replaced(root, path, new_p), changed=node, new=new_p)
    for path, node in nodes(root):  # f'(u) written where f(u) is meant
        if isinstance(node, Prime) and len(node.args) == 1 and node.func in BY_NAME:
            new_c = Call(node.func, node.args, node.pos)
            arg = s.shown(node.args[0])
            yield Candidate("function", lambda: f"{s.shown(node)} where {_show_call(node.func, arg)} "
                            "is meant (the derivative written for the function)",
                            tree=replaced(root, path, new_c), changed=node, new=new_c)


# -- an argument changed ----------------------------------------------------------------------


def argument(s: Search) -> Iterator[Candidate]:
    w = s.cur
    if w is None:
        return
    root = w.node
    before: dict[str, list[Node]] = {}
    if s.prev is not None:
        for _, n in nodes(s.prev.node):
            if isinstance(n, Call | Prime) and len(n.args) == 1:
                before.setdefault(n.func, []).append(n.args[0])
    calls = [(path, node) for path, node in nodes(root)
             if isinstance(node, Call | Prime) and len(node.args) == 1
             and (node.func in BY_NAME or isinstance(node, Prime))]
    pairs: list[tuple[Node, Node, int]] = []
    if s.prev is not None:
        _aligned(s.prev.node, root, pairs)
    # a call where the previous line writes something else (σ(x) for 1 − σ(x)): a guessed
    # argument (σ(−x)) is not the story there, whatever a symmetry proves
    elsewhere = {id(b) for a, b, _ in pairs if isinstance(b, Call | Prime)
                 and not (isinstance(a, Call | Prime) and a.func == b.func)}
    # the arguments the previous line writes first, at every call (where a symmetry proves two
    # corrections, σ'(x) even, the one that restores what the student had is the slip); then
    # the usual slips (2u, u/2, −u …)
    for restoring in (True, False):
        for path, node in calls:
            u = node.args[0]
            if restoring:
                options: list[tuple[Node, str]] = [(v, s.shown(v, s.prev))
                                                   for v in before.get(node.func, [])
                                                   if plain(v) != plain(u)]
            else:  # (where the previous line writes something else there, only what takes
                # away what is written: σ(x) for σ(−x), not σ(−x) for σ(x))
                options = [] if id(node) in elsewhere else [
                    (Bin("*", Num(Fraction(2)), u), ""), (Bin("/", u, Num(Fraction(2))), "")]
                if not (isinstance(u, Unary) and u.op == "-") and id(node) not in elsewhere \
                        and node.func not in _REFLECTED:
                    options.append((Unary("-", u), ""))  # (−(−x): x, below)
                if isinstance(u, Bin) and u.op == "*" and isinstance(u.left, Num):
                    options.append((u.right, ""))  # σ(2x) written for σ(x)
                if isinstance(u, Unary) and u.op == "-":
                    options.append((u.operand, ""))
                options = [(v, t) for v, t in options
                           if plain(v) not in {plain(b) for b in before.get(node.func, [])}]
            seen = set()
            for v, shown in options:
                key = plain(v)
                if key in seen:
                    continue
                seen.add(key)
                new = Call(node.func, (v,), node.pos) if isinstance(node, Call) else \
                    Prime(node.func, node.order, (v,), node.pos)
                tree = replaced(root, path, new)
                name = node.func + ("'" * node.order if isinstance(node, Prime) else "")

                def detail(name: str = name, was: str = s.shown(u), shown: str = shown,
                           v: Node = v) -> str:
                    return (f"{_show_call(name, was)} where {_show_call(name, shown or _render(s, v))}"
                            " is meant: the argument is wrong")

                yield Candidate("argument", detail, tree=tree, changed=node, new=new, at=u)


def _render(s: Search, node: Node) -> str:
    from checker.diagnosis.written import render

    assert s.cur is not None
    return render(node, [x for x in (s.cur, s.prev) if x], s.cur.syntax)


# -- an exponent changed ----------------------------------------------------------------------


def _numeric(node: Node) -> Fraction | None:
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Unary) and node.op == "-" and isinstance(node.operand, Num):
        return -node.operand.value
    return None


def exponent(s: Search) -> Iterator[Candidate]:
    w = s.cur
    if w is None:
        return
    root = w.node
    before_powers: dict[str, list[Node]] = {}
    before_exps: list[Fraction] = []
    if s.prev is not None:
        for _, n in nodes(s.prev.node):
            if isinstance(n, Bin) and n.op == "**":
                before_powers.setdefault(plain(n.left), []).append(n.right)
                q = _numeric(n.right)
                if q is not None:
                    before_exps.append(q)
    for path, node in nodes(root):
        if isinstance(node, Bin) and node.op == "**":
            p = _numeric(node.right)
            options: list[Node] = list(before_powers.get(plain(node.left), []))
            if p is not None:
                options += [number(q) for q in dict.fromkeys(
                    (*before_exps, -p, p + 1, p - 1, 2 * p, p / 2)) if q != p]
            else:
                options += [Unary("-", node.right)]
            for q in options:
                if plain(q) == plain(node.right):
                    continue
                new = node.left if _numeric(q) == 1 else Bin("**", node.left, q, node.pos)
                yield Candidate("exponent", lambda: f"the exponent {s.shown(node.right)} of "
                                f"{s.shown(node.left)} should be {_render(s, q)}",
                                tree=replaced(root, path, new), changed=node, new=new,
                                at=node.right)
        elif plain(node) in before_powers and not isinstance(node, Num):  # a power lost
            for q in before_powers[plain(node)]:
                new = Bin("**", node, q, node.pos)
                yield Candidate("exponent", lambda: f"{s.shown(node)} needs the exponent "
                                f"{_render(s, q)}", tree=replaced(root, path, new),
                                changed=node, new=new)


# -- a variable written for another -----------------------------------------------------------


def _renamed(root: Node, old: str, new: str) -> Node:
    def go(n: Node) -> Node:
        if isinstance(n, Name) and n.id == old:
            return Name(new, n.pos)
        from checker.diagnosis.written import child, slots, with_child

        out = n
        for slot in slots(n):
            c = child(n, slot)
            c2 = go(c)
            if c2 is not c:
                out = with_child(out, slot, c2)
        return out

    return go(root)


def variable(s: Search) -> Iterator[Candidate]:
    """Every x of B written where the previous line has h (the same kind of name)."""
    w, p = s.cur, s.prev
    if w is None or p is None:
        return
    ctx = w.source.context
    mine = {n.id for _, n in nodes(w.node) if isinstance(n, Name)}
    theirs = {n.id for _, n in nodes(p.node) if isinstance(n, Name)}
    # an index written for another is an index slip (checker.diagnosis.index), not this
    bound = _binders(w.node) | _binders(p.node) | _index_names(w.node) | _index_names(p.node)
    for old in sorted(mine - theirs - bound):
        for new in sorted(theirs - mine - bound):
            if _kind(ctx, old) != _kind(ctx, new):
                continue
            tree = _renamed(w.node, old, new)
            yield Candidate("variable", lambda: f"{old} where {new} is meant",
                            tree=tree, at=_first_name(w.node, old))


def _kind(ctx: object, name: str) -> str:
    for table in ("symbolic", "symbolic_matrices", "vectors", "matrices", "dims", "indices",
                  "functions"):
        if name in getattr(ctx, table, {}):
            return table
    return "symbol"


def _binders(root: Node) -> set[str]:
    return {n.args[1].items[0].id for _, n in nodes(root)
            if isinstance(n, Call) and n.func == "Sum" and len(n.args) == 2
            and hasattr(n.args[1], "items") and isinstance(n.args[1].items[0], Name)}


def _index_names(root: Node) -> set[str]:
    """Names used as indices: of an entry (x[i]) or of a Kronecker δ."""
    out = set()
    for _, n in nodes(root):
        if isinstance(n, Index):
            out |= {i.id for i in n.indices if isinstance(i, Name)}
        if isinstance(n, Call) and n.func == "delta":
            out |= {i.id for i in n.args if isinstance(i, Name)}
    return out


def _first_name(root: Node, name: str) -> Node | None:
    return next((n for _, n in nodes(root) if isinstance(n, Name) and n.id == name), None)


# -- brackets ---------------------------------------------------------------------------------

_REGROUP = {("-", "*"), ("+", "*"), ("*", "+"), ("*", "-"), ("-", "-"), ("-", "+"), ("/", "*"),
            ("*", "/")}


def bracket(s: Search) -> Iterator[Candidate]:
    """a − b·c written for (a − b)·c, and the other way round."""
    w = s.cur
    if w is None:
        return
    root = w.node
    for path, node in nodes(root):
        if not isinstance(node, Bin):
            continue
        r, left = node.right, node.left
        # brackets the author wrote are meant: a slip adds or moves brackets, not those
        if isinstance(r, Bin) and (node.op, r.op) in _REGROUP and not _bracketed(w, r):
            # a op1 (b op2 c)
            new = Bin(r.op, Bin(node.op, left, r.left), r.right)
            yield Candidate("bracket", lambda: f"brackets misplaced: {s.shown(node)} where "
                            f"{_render(s, new)} is meant", tree=replaced(root, path, new),
                            changed=node, new=new)
        if isinstance(left, Bin) and (left.op, node.op) in _REGROUP and \
                not _bracketed(w, left):  # (a op1 b) op2 c
            new = Bin(left.op, left.left, Bin(node.op, left.right, r))
            yield Candidate("bracket", lambda: f"brackets misplaced: {s.shown(node)} where "
                            f"{_render(s, new)} is meant", tree=replaced(root, path, new),
                            changed=node, new=new)


def _bracketed(w: Written, node: Node) -> bool:
    """Whether the author wrote brackets around this part (or cannot tell where it is)."""
    span = w.span(node)
    if span is None:
        return True
    before, after = w.text[:span[0]].rstrip(), w.text[span[1]:].lstrip()
    return before.endswith(("(", "\\left(", "[", "\\left[")) or \
        after.startswith((")", "\\right)", "]", "\\right]"))


# -- one part replaced ------------------------------------------------------------------------


def _aligned(a: Node, b: Node, out: list[tuple[Node, Node, int]], depth: int = 0,
             same_parts: list[Node] | None = None) -> None:
    """Pairs (part of A, part of B) at the same place of the two trees that differ; the parts
    of B found equal to theirs in A go to ``same_parts`` (not where the slip is)."""
    if plain(a) == plain(b):
        if same_parts is not None and depth > 0:
            same_parts.append(b)
        return
    out.append((a, b, depth))
    if type(a) is not type(b):
        return
    same = (isinstance(a, Bin) and a.op == b.op) or \
        (isinstance(a, Call) and a.func == b.func and len(a.args) == len(b.args)) or \
        (isinstance(a, Prime) and a.func == b.func and a.order == b.order
         and len(a.args) == len(b.args)) or \
        (isinstance(a, Unary) and a.op == b.op) or \
        (isinstance(a, Index) and len(a.indices) == len(b.indices))
    if not same:
        return
    if isinstance(b, Bin) and b.op in "+-*/" and plain(a) in (plain(b.left), plain(b.right)):
        if same_parts is not None:  # B is A with a term or factor more: A is B's part
            same_parts.append(b.left if plain(a) == plain(b.left) else b.right)
        return
    from checker.diagnosis.written import child, slots

    pairs = [(child(a, sl), child(b, sl)) for sl in slots(a)]
    straight = isinstance(a, Bin) and (plain(a.left) == plain(b.left)
                                       or plain(a.right) == plain(b.right))
    if isinstance(a, Bin) and a.op in "+*" and not straight:  # the same parts in the other
        if plain(a.left) == plain(b.right):  # order (only where in order they are not: in
            pairs = [(a.right, b.left), (a.left, b.right)]  # e^x + e^x for e^x + cos x, the
        elif plain(a.right) == plain(b.left):  # second e^x is the slip, not the first)
            pairs = [(a.left, b.right), (a.right, b.left)]
    for x, y in pairs:
        _aligned(x, y, out, depth + 1, same_parts)


def one_place(a: Node, b: Node) -> Node | None:
    """The part of B where it differs from A, where the two lines differ at one place only
    (one differing part at each depth below the whole line); None otherwise."""
    pairs: list[tuple[Node, Node, int]] = []
    _aligned(a, b, pairs)
    below = [p for p in pairs if p[2] > 0]
    depths = [p[2] for p in below]
    if not below or len(depths) != len(set(depths)):
        return None
    return max(below, key=lambda p: p[2])[1]


def unchanged(a: Node, b: Node) -> set[int]:
    """The parts of B (by id, every node of them) that stand where A has the same part: a
    correction that changes one of them is not where the slip is (in 4·6 for 4·3 the 4 is
    right, whatever else a proof would accept)."""
    same: list[Node] = []
    _aligned(a, b, [], 0, same)
    return {id(n) for part in same for n in walk(part)}


def _size(node: Node) -> int:
    return len(walk(node))


def classify(s: Search, old: Node, new: Node) -> tuple[str, Callable[[], str], Node | None]:
    """The kind of slip that writing ``old`` where the previous line has ``new`` is, a sentence
    for it, and where to point (None: at ``old``)."""
    p = s.prev
    po, pn = plain(old), plain(new)

    def was(n: Node) -> str:
        return s.shown(n)

    def meant(n: Node) -> str:
        return s.shown(n, p)

    if (isinstance(old, Unary) and old.op == "-" and plain(old.operand) == pn) or \
            (isinstance(new, Unary) and new.op == "-" and plain(new.operand) == po):
        return "sign", lambda: f"the sign of {was(old)} is wrong: {meant(new)} is meant", None
    if isinstance(old, Bin) and old.op == "*" and pn in (plain(old.left), plain(old.right)):
        extra = old.right if plain(old.left) == pn else old.left
        return "factor", lambda: f"the factor {was(extra)} should not be there", extra
    if isinstance(new, Bin) and new.op == "*" and po in (plain(new.left), plain(new.right)):
        lost = new.right if plain(new.left) == po else new.left
        return "factor", lambda: f"the factor {meant(lost)} of the previous line is lost", None
    if isinstance(old, Bin) and old.op == "/" and plain(old.left) == pn:
        return "factor", lambda: f"the factor {was(old.right)} in the denominator should not be there", \
            old.right
    if isinstance(new, Bin) and new.op == "/" and plain(new.left) == po:
        return "factor", lambda: (f"the factor {meant(new.right)} in the denominator of the previous "
                          "line is lost"), None
    if isinstance(old, Bin) and old.op in "+-" and plain(old.left) == pn:
        return "term", lambda: f"the term {was(old.right)} should not be there", old.right
    if isinstance(new, Bin) and new.op in "+-" and plain(new.left) == po:
        sign_ = "−" if new.op == "-" else ""
        return "term", lambda: f"the term {sign_}{meant(new.right)} of the previous line is lost", None
    if isinstance(old, Call | Prime) and isinstance(new, Call | Prime) and old.func == new.func \
            and type(old) is not type(new) and [plain(a) for a in old.args] == \
            [plain(a) for a in new.args]:  # f for f′, and f′ for f
        if isinstance(new, Prime):
            return "function", lambda: f"{was(old)} where its derivative {meant(new)} is meant", \
                None
        return "function", lambda: f"{was(old)} where {meant(new)} is meant (the derivative " \
            "written for the function)", None
    if isinstance(old, Prime) and isinstance(new, Prime) and old.func == new.func \
            and old.order != new.order and [plain(a) for a in old.args] == \
            [plain(a) for a in new.args]:  # f′ for f″
        return "function", lambda: f"{was(old)} where {meant(new)} is meant (the derivative's " \
            "order is wrong)", None
    if isinstance(old, Call) and isinstance(new, Call) and len(old.args) == len(new.args) == 1:
        if old.func != new.func and plain(old.args[0]) == plain(new.args[0]):
            return "function", lambda: f"{was(old)} where {meant(new)} is meant: {old.func} written " \
                f"for {new.func}", None
        if old.func == new.func:
            return "argument", lambda: f"{was(old)} where {meant(new)} is meant: the argument is " \
                "wrong", None
    if isinstance(old, Bin) and isinstance(new, Bin) and old.op == new.op == "**" \
            and plain(old.left) == plain(new.left):
        return "exponent", lambda: f"the exponent {was(old.right)} of {was(old.left)} should be " \
            f"{meant(new.right)}", old.right
    if isinstance(new, Bin) and new.op == "**" and plain(new.left) == po:  # σ for σ²
        return "exponent", lambda: f"the power {meant(new.right)} of {was(old)} is lost: " \
            f"{meant(new)} is meant", None
    if isinstance(old, Bin) and old.op == "**" and plain(old.left) == pn:  # σ² for σ
        return "exponent", lambda: f"the power {was(old.right)} of {was(old.left)} should not be " \
            "there", old.right
    if isinstance(old, Name) and isinstance(new, Name):
        return "variable", lambda: f"{was(old)} where {meant(new)} is meant", None
    if isinstance(old, Index) and isinstance(new, Index) and plain(old.target) == plain(new.target):
        return "swapped-indices", lambda: f"{was(old)} where {meant(new)} is meant: an index slip", None
    return "replaced", lambda: f"{was(old)} where {meant(new)} is meant", None


def _in_place(s: Search, root: Node, path: Path, old: Node, new: Node,
              counterpart: dict[int, Node]) -> tuple[str, Callable[[], str], Node | None] | None:
    """A part that is a function's argument or a power's exponent is that, whatever it is
    (σ(x) for σ(2x) is an argument changed, not a factor 2 lost); None otherwise."""
    if not path:
        return None
    parent = at(root, path[:-1])
    if isinstance(parent, Call | Prime) and len(parent.args) == 1 and parent.args[0] is old \
            and (isinstance(parent, Prime) or parent.func in BY_NAME):
        name = parent.func + ("'" * parent.order if isinstance(parent, Prime) else "")

        def detail() -> str:
            was, meant = s.shown(old), s.shown(new, s.prev)
            call = s.shown(parent)  # as written (e^{−x}, \sqrt{…}), the argument put in
            if call.count(was) == 1:
                return f"{call} where {call.replace(was, meant)} is meant: the argument is wrong"
            return (f"{_show_call(name, was)} where {_show_call(name, meant)} is meant: the "
                    "argument is wrong")

        return "argument", detail, old
    if isinstance(parent, Bin) and parent.op == "**" and parent.right is old \
            and id(parent) in counterpart:
        return "exponent", lambda: (f"the exponent {s.shown(old)} of {s.shown(parent.left)} "
                                    f"should be {s.shown(new, s.prev)}"), old
    if isinstance(parent, Bin) and parent.op == "**" and parent.left is old \
            and id(parent) in counterpart and not isinstance(old, Num):  # x³ for (2x)³

        def base() -> str:
            was, meant = s.shown(old), s.shown(new, s.prev)
            power = s.shown(parent)
            shown = power.replace(was, f"({meant})" if precedence(new) < 5 else meant, 1) \
                if power.count(was) == 1 else ""
            return (f"{power} where {shown} is meant: " if shown else "") + \
                f"the base {was} should be {meant}"

        return "argument", base, old
    for j in range(len(path) - 2, -1, -1):  # deeper in an exponent: x^{-1} for x^{-3}, e^{6x}
        power, inside = at(root, path[:j]), at(root, path[:j + 1])
        if isinstance(power, Bin) and power.op == "**" and power.right is inside \
                and id(power) in counterpart and isinstance(counterpart[id(power)], Bin) \
                and counterpart[id(power)].op == "**":
            meant = counterpart[id(power)].right  # type: ignore[union-attr]
            return "exponent", lambda power=power, meant=meant: (
                f"the exponent {s.shown(power.right)} of {s.shown(power.left)} should be "
                f"{s.shown(meant, s.prev)}"), power.right
        if isinstance(power, Call) and power.func == "exp" and len(power.args) == 1 \
                and power.args[0] is inside and id(power) in counterpart \
                and isinstance(counterpart[id(power)], Call):
            meant = counterpart[id(power)].args[0]  # type: ignore[union-attr]
            return "exponent", lambda power=power, meant=meant: (
                f"the exponent {s.shown(power.args[0])} of e should be "
                f"{s.shown(meant, s.prev)}"), power.args[0]
    return None


_GENERIC = ("sign", "factor", "term", "replaced", "variable")  # (said of any part at all)


def _lost(new: Node, old: Node) -> bool:
    """The previous line's part is this one with a term or factor more (x + y for x)."""
    return isinstance(new, Bin) and new.op in "+-*/" and plain(new.left) == plain(old)


def replaced_part(s: Search) -> Iterator[Candidate]:
    """One part of B where the previous line has another part at the same place (the two
    lines aligned part by part), the smallest change first; a change that is a sign, a
    factor or a term says so."""
    w, p = s.cur, s.prev
    if w is None or p is None:
        return
    pairs: list[tuple[Node, Node, int]] = []
    _aligned(p.node, w.node, pairs)
    top = [x for x in pairs if x[2] == 0]
    pairs = [x for x in pairs if x[2] > 0]  # not the whole line for the whole line, but
    pairs += top  # (last) where it is a term or factor more (classify says so below)
    pairs.sort(key=lambda x: -x[2])  # the smallest change first
    paths = {id(n): path for path, n in nodes(w.node)}
    whole_a, whole_b = _size(p.node), _size(w.node)
    counterpart = {id(b): a for a, b, _ in pairs}
    for a_part, b_part, _ in pairs[:MAX_ALIGNED]:
        path = paths.get(id(b_part))
        if path is None:
            continue
        kind, detail, where = classify(s, b_part, a_part)
        if kind in _GENERIC:  # a function's argument or a power's base or exponent says so
            kind, detail, where = _in_place(s, w.node, path, b_part, a_part, counterpart) or \
                (kind, detail, where)
        if where is None and _lost(a_part, b_part) and path:
            where = at(w.node, path[:-1])  # nothing written is wrong: where it is missing
        if b_part is w.node and kind not in ("term", "factor"):
            continue  # the whole line for the whole line says nothing
        if kind == "replaced" and (2 * _size(a_part) > whole_a or 2 * _size(b_part) > whole_b):
            continue  # most of the line replaced: that says nothing
        yield Candidate(kind, detail, tree=replaced(w.node, path, a_part), changed=b_part,
                        new=a_part, at=where)


__all__ = ["argument", "bracket", "chain_factor", "classify", "exponent", "function",
           "one_place", "replaced_part", "unchanged", "variable"]
