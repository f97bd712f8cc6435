"""A step as written: its tree read again from its text, where each part is in the text, and
how a changed tree is written back.

A diagnosis changes one part of a step's tree (the reader's neutral tree, so a change is made
to what the author wrote, not to SymPy's rearrangement of it), evaluates the changed tree in
the file's context, and, once the change is proved right, writes the corrected line in the
author's own notation: the line's text with the changed part's span replaced. Spans come from
the positions the reader records (where a part starts) and a re-read of the text: a part ends
where the text from its start, read alone, reads as that part.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields, replace
from fractions import Fraction

import sympy as sp
from sympy.printing.latex import LatexPrinter

from checker.model import Source, Step, Value
from checker.parse.arrays import ShapeError, SymArray
from checker.parse.evaluate import Evaluator
from checker.parse.latex import LETTERS
from checker.parse.tree import (
    Apply,
    Bin,
    Call,
    Defined,
    Index,
    ListLit,
    Name,
    Node,
    Num,
    ParseError,
    Pos,
    Prime,
    TupleLit,
    Unary,
    plain,
)
from checker.shown import index_names

# What evaluating a changed tree may raise: the change makes no sense there (shapes, names).
EVALUATION_ERRORS = (ParseError, ShapeError, ValueError, TypeError, ArithmeticError,
                     AttributeError, IndexError, KeyError, RecursionError, sp.SympifyError,
                     NotImplementedError)

Path = tuple[tuple[str, int | None], ...]
MAX_PARSES = 400  # re-reads of pieces of a line to find where one part of it is written

# -- editing trees ------------------------------------------------------------------------


def slots(node: Node) -> list[tuple[str, int | None]]:
    """The places of a node's children that a change may touch (not inside a definition
    from the context, a reader's choice or a definition by cases)."""
    if isinstance(node, Unary):
        return [("operand", None)]
    if isinstance(node, Bin):
        return [("left", None), ("right", None)]
    if isinstance(node, Call | Apply | Prime):
        return [("args", i) for i in range(len(node.args))]
    if isinstance(node, Index):
        return [("target", None)] + [("indices", i) for i in range(len(node.indices))]
    if isinstance(node, ListLit | TupleLit):
        return [("items", i) for i in range(len(node.items))]
    return []


def child(node: Node, slot: tuple[str, int | None]) -> Node:
    value = getattr(node, slot[0])
    return value if slot[1] is None else value[slot[1]]


def with_child(node: Node, slot: tuple[str, int | None], new: Node) -> Node:
    name, i = slot
    if i is None:
        return replace(node, **{name: new})  # type: ignore[arg-type]
    items = list(getattr(node, name))
    items[i] = new
    return replace(node, **{name: tuple(items)})  # type: ignore[arg-type]


def nodes(root: Node) -> Iterator[tuple[Path, Node]]:
    """Every node with its path from the root, parents first (not into definitions)."""
    stack: list[tuple[Path, Node]] = [((), root)]
    while stack:
        path, node = stack.pop()
        yield path, node
        for slot in reversed(slots(node)):
            stack.append(((*path, slot), child(node, slot)))


def at(root: Node, path: Path) -> Node:
    for slot in path:
        root = child(root, slot)
    return root


def replaced(root: Node, path: Path, new: Node) -> Node:
    """The tree with the node at ``path`` replaced (the rest shared, not copied)."""
    if not path:
        return new
    return with_child(root, path[0], replaced(child(root, path[0]), path[1:], new))


def parent_of(root: Node, path: Path) -> tuple[Node, tuple[str, int | None]] | None:
    return (at(root, path[:-1]), path[-1]) if path else None


# -- evaluating -------------------------------------------------------------------------------


class _Memo(Evaluator):
    """An evaluator that reuses the values of unchanged parts: a changed tree shares every
    part off the changed path with the original, so only that path is evaluated again (parts
    under a binder, whose value depends on it, are always evaluated)."""

    def __init__(self, ctx: object, choices: dict[str, int], memo: dict[int, tuple]) -> None:
        super().__init__(ctx, choices)  # type: ignore[arg-type]
        self.memo = memo

    def visit(self, node: Node) -> Value:
        if self.env:
            return super().visit(node)
        hit = self.memo.get(id(node))
        if hit is not None and hit[0] is node:
            return hit[1]
        value = super().visit(node)
        if type(value) is SymArray:  # its entries too: a changed tree asks for the same ones
            value = replace(value, at=_remembered(value.at))
        self.memo[id(node)] = (node, value)
        return value


def _remembered(at: Callable[[sp.Expr, sp.Expr], sp.Expr]) -> Callable[[sp.Expr, sp.Expr], sp.Expr]:
    """An array's entry rule that computes each entry (i, j) once: the arrays of an unchanged
    part are shared by every changed tree, and so are the entries asked of them (an entry
    asked at a new summation index, as a product's are, is computed anew)."""
    entries: dict[tuple[sp.Expr, sp.Expr], sp.Expr] = {}

    def entry(i: sp.Expr, j: sp.Expr) -> sp.Expr:
        key = (i, j)
        found = entries.get(key)
        if found is None:
            found = entries[key] = at(i, j)
        return found

    return entry


@dataclass
class Written:
    """One step's line, read again: ``text`` in ``source.syntax``, its tree ``node``."""

    text: str
    source: Source
    node: Node
    memo: dict[int, tuple] = field(default_factory=dict)
    _pieces: dict[tuple[int, int], str | None] = field(default_factory=dict)
    _spans: dict[int, tuple[Node, tuple[int, int] | None]] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list)
    _ends: list[int] | None = None

    @property
    def syntax(self) -> str:
        return "latex" if self.source.syntax == "latex" else "text"

    @staticmethod
    def line(step: Step) -> str:
        """The step's line as written, in its source's syntax ("" where it has none)."""
        src = step.source
        return step.latex if src is not None and src.syntax == "latex" else step.text.strip()

    @classmethod
    def of(cls, text: str, source: Source, node: Node) -> Written:
        """The line ``text``, read as ``node`` in ``source`` (whatever value it has)."""
        w = cls(text, source, node)
        w._starts = [0] + [k + 1 for k, ch in enumerate(text) if ch == "\n"]
        return w

    @classmethod
    def read(cls, step: Step, value: Value | None = None) -> Written | None:
        """The step read again from its text, or None where that does not give the value the
        step had (a context changed since, a line without text)."""
        src = step.source
        text = cls.line(step)
        if src is None or not text or step.unreadable:
            return None
        try:
            node = parse(text, src)
        except (ParseError, RecursionError, ValueError):
            return None
        w = cls.of(text, src, node)
        want = step.expr if value is None else value
        try:  # remembered part by part: the changed trees of a diagnosis share most parts
            again: Value | None = w.evaluate(node)[0]
        except EVALUATION_ERRORS:
            again = None
        if again is not None and _same(again, want):
            return w
        w.memo.clear()  # (a part that occurs twice gave one value twice): as read afresh
        try:
            again = w.evaluate(node, fresh=True)[0]
        except EVALUATION_ERRORS:
            return None
        return w if _same(again, want) else None

    def evaluate(self, node: Node, fresh: bool = False) -> tuple[Value, tuple]:
        """The value of a (changed) tree, at the step's entry if the step is an array lowered
        to one entry; and where it is defined (only with ``fresh``: a memoized evaluation
        does not see the conditions of the parts it reuses)."""
        choices = dict(self.source.choices)
        ev = Evaluator(self.source.context, choices) if fresh else \
            _Memo(self.source.context, choices, self.memo)  # type: ignore[arg-type]
        value = ev.value(node)
        return self.lowered(value), tuple(ev.domain)

    def array(self, node: Node) -> Value:
        """The value of a tree, not lowered (a SymArray stays one)."""
        ev = _Memo(self.source.context, dict(self.source.choices), self.memo)  # type: ignore[arg-type]
        return ev.value(node)

    def lowered(self, value: Value) -> Value:
        if isinstance(value, SymArray):
            entry = self.source.entry
            if not entry:
                raise ValueError("an array step that was not lowered to an entry")
            return value.entry(*entry)
        return value

    def reread(self, text: str) -> tuple[Value, tuple] | None:
        """A corrected line, read as the file would read it."""
        try:
            node = parse(text, self.source)
            return self.evaluate(node, fresh=True)
        except EVALUATION_ERRORS:
            return None

    # -- where parts are

    def _offset(self, pos: Pos) -> int:
        if pos.line < 1 or pos.line > len(self._starts):
            return -1
        return self._starts[pos.line - 1] + pos.col - 1

    def span(self, node: Node) -> tuple[int, int] | None:
        """Where a part of this line's tree is written, [start, end), or None."""
        hit = self._spans.get(id(node))
        if hit is not None and hit[0] is node:
            return hit[1]
        found = self._find_span(node)
        self._spans[id(node)] = (node, found)
        return found

    def _find_span(self, node: Node) -> tuple[int, int] | None:
        if not any(n is node for _, n in nodes(self.node)):
            return None
        # where the part may start: its own position and its parts' (a name mapped in the
        # context brings the positions of its mapping, so each is tried, leftmost first)
        starts = sorted({s for s in (self._offset(n.pos) for n in _placed(node)) if s >= 0})
        want = plain(node)
        budget = [MAX_PARSES]
        found = self._span_from(node, starts, want, budget)
        if found is None:  # ("(1 - y) z": a part written from a bracket no part of it is at)
            found = self._span_from(node, sorted({b for s in starts
                                                   for b in self._brackets_before(s)}), want,
                                    budget)
        return found

    def _span_from(self, node: Node, starts: list[int], want: str,
                   budget: list[int]) -> tuple[int, int] | None:
        for start in starts:
            for end in self._token_ends():
                if end <= start:
                    continue
                budget[0] -= 1
                if budget[0] < 0:
                    return None
                if self._plain_at(start, end) == want:
                    return start, self._with_arguments(node, start, end, want)
        return None

    def _brackets_before(self, at: int) -> list[int]:
        """Where the opening brackets right before ``at`` start ("(1 - y)z": a part written
        from its bracket, which no part of it is placed at), innermost first."""
        out, k = [], at
        while True:
            j = k
            while j > 0 and self.text[j - 1].isspace():
                j -= 1
            if j > 0 and self.text[j - 1] in "([{":
                j -= 1
                left = self.text.rfind("\\left", 0, j)
                if left >= 0 and not self.text[left + 5:j].strip():
                    j = left
                out.append(j)
                k = j
                continue
            return out

    def _plain_at(self, start: int, end: int) -> str | None:
        """The text between start and end read alone, as plain text (None where it is no
        expression), remembered: each part's span is looked for among the same pieces."""
        key = (start, end)
        if key not in self._pieces:
            try:
                self._pieces[key] = plain(parse(self.text[start:end], self.source))
            except (ParseError, RecursionError, ValueError, IndexError):
                self._pieces[key] = None
        return self._pieces[key]

    def _with_arguments(self, node: Node, start: int, end: int, want: str) -> int:
        """A function at its own parameters reads the same alone (g for g(x)): its span is
        the call as written, brackets and all, where it is written so."""
        if not isinstance(node, Defined | Call):
            return end
        rest = self.text[end:]
        m = re.match(r"\s*(?:\\left\s*)?\(", rest)
        if m is None:
            return end
        depth, k = 0, end + m.end() - 1
        for k in range(end + m.end() - 1, len(self.text)):
            depth += {"(": 1, ")": -1}.get(self.text[k], 0)
            if depth == 0:
                break
        else:
            return end
        return k + 1 if self._plain_at(start, k + 1) == want else end

    def _token_ends(self) -> list[int]:
        if self._ends is None:
            if self.source.syntax == "latex":
                from checker.parse.latex_lexer import _tokenize

                try:
                    ends = sorted({t.end for t in _tokenize(self.text)})
                except (ParseError, RecursionError, ValueError):
                    ends = []
            else:
                ends = [k + 1 for k, ch in enumerate(self.text) if not ch.isspace()]
            self._ends = ends
        return self._ends

    def shown(self, node: Node) -> str:
        """A part as it is written here (or written out, for a new part)."""
        s = self.span(node)
        return self.text[s[0]:s[1]] if s is not None else render(node, [self], self.syntax)

    def splice(self, old: Node, new: Node, others: list[Written] = ()) -> str | None:  # type: ignore[assignment]
        """The line with the part ``old`` replaced by ``new`` (written in this syntax, reusing
        the text of every part that is written here or in ``others``)."""
        s = self.span(old)
        if s is None:
            return None
        need = _prec_around(self.node, old)
        if self.text[:s[0]].rstrip().endswith(("(", "[", "{")) and \
                re.sub(r"^\s*\\(?:right|bigr|Bigr|biggr|Biggr)\b", "",
                       self.text[s[1]:]).lstrip().startswith((")", "]", "}")):
            need = 0  # the author's brackets hold it already
        elif isinstance(new, Unary) and _later_factor(self.node, old):
            need = max(need, 3)  # 2·(−3), not 2·−3
        body = render(new, [self, *others], self.syntax, need)
        return self.text[:s[0]] + body + self.text[s[1]:]


def _placed(node: Node) -> list[Node]:
    """The parts whose positions say where a part starts: not a sum's range (its index and
    bounds may be the reader's own, at no place in the text)."""
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        if isinstance(n, TupleLit):
            continue
        out.append(n)
        stack.extend(child(n, slot) for slot in slots(n))
    return out


def parse(text: str, source: Source) -> Node:
    if source.syntax == "latex":
        from checker.parse.latex import parse_latex_expr

        return parse_latex_expr(text, source.context)  # type: ignore[arg-type]
    from checker.parse.python_syntax import read_expression

    return read_expression(text)


def _same(a: Value, b: Value) -> bool:
    try:
        if isinstance(a, sp.MatrixBase) or isinstance(b, sp.MatrixBase):
            return isinstance(a, sp.MatrixBase) and isinstance(b, sp.MatrixBase) and \
                a.shape == b.shape and all(x == y for x, y in zip(a, b, strict=True))
        if isinstance(a, SymArray) or isinstance(b, SymArray):
            return False
        return bool(a == b) or canonical(a) == canonical(b)
    except (TypeError, ValueError, AttributeError):
        return False


def canonical(e: Value) -> Value:
    """``e`` with its dummies (the indices of sums, new at each reading) renamed in the order
    they occur, so two readings of one line compare equal."""
    if not isinstance(e, sp.Basic):
        return e
    order: list[sp.Dummy] = []
    for node in sp.preorder_traversal(e):
        if isinstance(node, sp.Dummy) and node not in order:
            order.append(node)
    if not order:
        return e
    return e.xreplace({d: sp.Symbol(f"_dummy{k}", **d.assumptions0)
                       for k, d in enumerate(order)})


# -- writing trees back ------------------------------------------------------------------------

_PREC = {"+": 1, "-": 1, "*": 2, "/": 2, "@": 2, "**": 4}
GREEK = frozenset({
    "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta",
    "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi",
    "varphi", "chi", "psi", "omega"})
_LATEX_FUNCS = {"exp": "\\exp", "log": "\\log", "sin": "\\sin", "cos": "\\cos", "tan": "\\tan",
                "tanh": "\\tanh", "sinh": "\\sinh", "cosh": "\\cosh", "sigmoid": "\\sigma"}


def precedence(node: Node) -> int:
    if isinstance(node, Bin):
        return _PREC[node.op]
    if isinstance(node, Unary):
        return 2
    if isinstance(node, Num) and node.value.denominator != 1:
        return 2
    if isinstance(node, Call) and node.func == "hadamard":
        return 1  # bracketed inside a product: V^T (d ⊙ h), not (V^T d) ⊙ h
    if isinstance(node, Call) and node.func in ("Sum", "diff"):
        return 2
    return 5


def _prec_around(root: Node, target: Node) -> int:
    """The binding strength the place of ``target`` in ``root`` needs of what stands there."""
    for path, n in nodes(root):
        if n is target:
            if not path:
                return 0
            parent, slot = at(root, path[:-1]), path[-1]
            return _needed(parent, slot)
    return 0


def _later_factor(root: Node, target: Node) -> bool:
    """Whether ``target`` is a factor of a product after its first, or a divisor."""
    for path, n in nodes(root):
        if n is target:
            if not path:
                return False
            parent, slot = at(root, path[:-1]), path[-1]
            return isinstance(parent, Bin) and parent.op in ("*", "@", "/") \
                and slot[0] == "right"
    return False


def _needed(parent: Node, slot: tuple[str, int | None]) -> int:
    if isinstance(parent, Bin):
        p = _PREC[parent.op]
        if parent.op == "**":
            return 5 if slot[0] == "left" else 0
        if parent.op == "/":
            return 0  # \frac{…}{…} groups both (plain text brackets below)
        return p + 1 if slot[0] == "right" and parent.op in "-" else p
    if isinstance(parent, Unary):
        return 3
    if isinstance(parent, Call) and parent.func in ("T",):
        return 5
    if isinstance(parent, Call) and parent.func == "Sum" and slot == ("args", 0):
        return 2
    if isinstance(parent, Index) and slot[0] == "target":
        return 5
    return 0


def _names(written: list[Written]) -> dict[str, str]:
    """How each name is written in these lines (\\theta, \\mathbf{x} …)."""
    out: dict[str, str] = {}
    for w in written:
        for _, n in nodes(w.node):
            if isinstance(n, Name | Defined) and (n.id if isinstance(n, Name) else n.name) not in out:
                s = w.span(n)
                if s is not None:
                    out[n.id if isinstance(n, Name) else n.name] = w.text[s[0]:s[1]]
    return out


def render(node: Node, written: list[Written], syntax: str, need: int = 0) -> str:
    """A (changed) tree written in LaTeX or plain text, reusing the text of parts written in
    ``written``, with brackets where the place needs them."""
    names = _names(written)
    latex = syntax == "latex"

    def go(n: Node, need: int) -> str:
        for w in written:
            s = w.span(n)
            if s is not None:
                text = w.text[s[0]:s[1]]
                if w.syntax != syntax:
                    break
                return _bracket(text, precedence(n) < need, latex)
        return _bracket(build(n), precedence(n) < need, latex)

    def build(n: Node) -> str:
        if isinstance(n, Num):
            v = n.value
            if v.denominator == 1:
                return str(v.numerator)
            return (f"\\frac{{{v.numerator}}}{{{v.denominator}}}" if latex
                    else f"{v.numerator}/{v.denominator}")
        if isinstance(n, Name):
            if n.id in names:
                return names[n.id]
            return f"\\{n.id}" if latex and n.id in GREEK else n.id
        if isinstance(n, Defined):
            return names.get(n.name, n.name)
        if isinstance(n, Unary):
            return n.op + go(n.operand, 6 if isinstance(n.operand, Unary) else 2)
        if isinstance(n, Bin):
            p = _PREC[n.op]
            if n.op == "/" and latex:
                return f"\\frac{{{go(n.left, 0)}}}{{{go(n.right, 0)}}}"
            if n.op == "**":
                if latex:
                    return f"{go(n.left, 5)}^{{{go(n.right, 0)}}}"
                return f"{go(n.left, 5)}**{go(n.right, 5)}"
            right = go(n.right, p + 1 if n.op in "-/*" else p)
            left = go(n.left, p)
            if n.op in "+-":
                return f"{left} {n.op} {right}"
            if n.op == "@":
                return f"{left} {right}" if latex else f"{left} @ {right}"
            if n.op == "/":
                return f"{left}/{right}"
            if latex:
                sep = " \\cdot " if right[:1].isdigit() or right[:1] == "-" else " "
                return f"{left}{sep}{right}"
            return f"{left}*{right}"
        if isinstance(n, Call):
            return call(n)
        if isinstance(n, Index):
            idx = [go(i, 0) for i in n.indices]
            if latex and n.label and len(idx) == 1:  # (as the page writes it: y^{(k)})
                return f"{go(n.target, 5)}^{{({idx[0]})}}"
            if latex:
                joined = "".join(idx) if all(len(i) == 1 for i in idx) else ",".join(idx)
                return f"{go(n.target, 5)}_{{{joined}}}"
            return f"{go(n.target, 5)}[{', '.join(idx)}]"
        if isinstance(n, Prime):
            return f"{_fname(n.func)}{chr(39) * n.order}({', '.join(go(a, 0) for a in n.args)})"
        if isinstance(n, Apply):
            return f"{n.func}({', '.join(go(a, 0) for a in n.args)})"
        if isinstance(n, ListLit | TupleLit):
            return "[" + ", ".join(go(i, 0) for i in n.items) + "]"
        return plain(n)

    def _fname(f: str) -> str:
        if latex:
            return _LATEX_FUNCS.get(f, f"\\operatorname{{{f}}}")
        return f

    def call(n: Call) -> str:
        f, args = n.func, n.args
        if latex:
            if f == "exp" and len(args) == 1:
                return f"e^{{{go(args[0], 0)}}}"
            if f == "T" and len(args) == 1:
                return f"{go(args[0], 5)}^\\top"
            if f == "hadamard" and len(args) == 2:
                return f"{go(args[0], 3)} \\odot {go(args[1], 3)}"
            if f == "delta" and len(args) == 2:
                return f"\\delta_{{{go(args[0], 0)}{go(args[1], 0)}}}"
            if f == "Sum" and len(args) == 2 and isinstance(args[1], TupleLit):
                k, lo, hi = args[1].items
                return f"\\sum_{{{go(k, 0)}={go(lo, 0)}}}^{{{go(hi, 0)}}} {go(args[0], 2)}"
            if f == "diff" and len(args) == 2:
                return f"\\frac{{\\partial}}{{\\partial {go(args[1], 0)}}} {go(args[0], 2)}"
            if f == "sqrt" and len(args) == 1:
                return f"\\sqrt{{{go(args[0], 0)}}}"
            inner = ", ".join(go(a, 0) for a in args)
            return f"{_fname(f)}({inner})"
        if f == "Sum" and len(args) == 2 and isinstance(args[1], TupleLit):
            k, lo, hi = args[1].items
            return f"Sum({go(args[0], 0)}, ({go(k, 0)}, {go(lo, 0)}, {go(hi, 0)}))"
        return f"{f}({', '.join(go(a, 0) for a in args)})"

    return go(node, need)


def _bracket(text: str, needed: bool, latex: bool) -> str:
    if not needed:
        return text
    return f"\\left({text}\\right)" if latex else f"({text})"


def number(value: Fraction | int) -> Node:
    v = Fraction(value)
    return Unary("-", Num(-v)) if v < 0 else Num(v)


def value_text(value: Value, syntax: str, labelled: frozenset[str] = frozenset()) -> str:
    """A SymPy value written out (for a corrected line that has no text of its own); the
    entries of the vectors ``labelled`` as examples' labels, y^{(k)}, as the line writes them."""
    letters = {s: s.name for s in getattr(value, "free_symbols", ())
               if s.name in _LETTER_GLYPHS}  # (the letters T and E, as the reader names them)
    if syntax == "latex":  # (two sums' k's as k and k': never one index for two)
        names = index_names(value, "'") if isinstance(value, sp.Basic) else {}
        names.update({s: _LETTER_GLYPHS[n] for s, n in letters.items()})  # type: ignore[dict-item]
        if labelled:
            return _Labels(labelled, {"symbol_names": names}).doprint(value)
        return sp.latex(value, symbol_names=names)  # type: ignore[arg-type]
    return sp.sstr(value.xreplace({s: sp.Symbol(_LETTER_GLYPHS[n]) for s, n in letters.items()})
                   if letters else value)


_LETTER_GLYPHS = {glyph: letter for letter, glyph in LETTERS.items()}


class _Labels(LatexPrinter):
    """LaTeX with the entries of some vectors written as examples' labels, y^{(k)}."""

    def __init__(self, labelled: frozenset[str], settings: dict) -> None:
        super().__init__(settings)
        self.labelled = labelled

    def _print_Indexed(self, expr: sp.Indexed) -> str:
        if str(expr.base.label) in self.labelled and len(expr.indices) == 1:
            return f"{self._print(expr.base)}^{{({self._print(expr.indices[0])})}}"
        return super()._print_Indexed(expr)


def labelled_vectors(*written: Written | None) -> frozenset[str]:
    """The vectors the lines write at an example's label (y^{(i)})."""
    return frozenset(plain(n.target) for w in written if w is not None
                     for _, n in nodes(w.node) if isinstance(n, Index) and n.label)


def names_in(root: Node) -> set[str]:
    return {n.id for _, n in nodes(root) if isinstance(n, Name)}


def by_text(root: Node) -> dict[str, Node]:
    out: dict[str, Node] = {}
    for _, n in nodes(root):
        out.setdefault(plain(n), n)
    return out


__all__ = ["Written", "at", "by_text", "canonical", "fields", "labelled_vectors", "names_in", "nodes",
           "number", "parent_of", "render", "replaced", "value_text"]
