"""The neutral expression tree both front ends produce (positions are 1-based)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass, replace
from fractions import Fraction

INFINITY = "_infinity"  # ∞ as a bound of an integral (no name a user writes starts with _)


@dataclass(frozen=True)
class Pos:
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"line {self.line}, column {self.col}"


@dataclass(frozen=True)
class Num:
    value: Fraction  # exact: decimals are read as exact rationals
    pos: Pos = Pos()


@dataclass(frozen=True)
class Name:
    id: str
    pos: Pos = Pos()


@dataclass(frozen=True)
class Unary:
    op: str  # "-" or "+"
    operand: Node
    pos: Pos = Pos()


@dataclass(frozen=True)
class Bin:
    op: str  # "+", "-", "*", "/", "**", "@"
    left: Node
    right: Node
    pos: Pos = Pos()
    side_by_side: bool = field(default=False, compare=False)  # LaTeX's W x: "@" only where
    # both values are arrays
    grouped: bool = field(default=False, compare=False)  # a \frac: one factor as written
    latex: bool = field(default=False, compare=False)  # a + or − written in LaTeX, where a
    # number beside a square matrix may be that number times the identity (A + λ for A + λI)
    dotted: bool = field(default=False, compare=False)  # u \cdot v: of two vectors, the dot
    # product or the entrywise one (checker.parse.evaluate ``dotted``)


@dataclass(frozen=True)
class Call:
    func: str  # a vocabulary name or a function declared in [context]
    args: tuple[Node, ...]
    pos: Pos = Pos()
    bare: bool = field(default=False, compare=False)  # written alone, its arguments those it
    # stands at (E for E(t, o))
    written: str = field(default="", compare=False)  # how it was written (\ln or \log, …)


@dataclass(frozen=True)
class Index:
    target: Node
    indices: tuple[Node, ...]  # 1-based, as in the documents
    pos: Pos = Pos()
    label: bool = field(default=False, compare=False)  # written as an example's label, y^{(i)}


@dataclass(frozen=True)
class Compare:
    op: str  # "==", "<", ">", "<=", ">="
    left: Node
    right: Node
    pos: Pos = Pos()


@dataclass(frozen=True)
class ListLit:
    items: tuple[Node, ...]
    pos: Pos = Pos()


@dataclass(frozen=True)
class TupleLit:
    items: tuple[Node, ...]
    pos: Pos = Pos()


@dataclass(frozen=True)
class Choice:
    """A place where the text can be read more than one way (a *guess* of the reader).

    ``options[0]`` is the reading by the stated convention, if there is one; the others are
    the plausible alternatives. Choices with the same ``key`` are decided together (the same
    undeclared letter read as a function everywhere in a derivation, or nowhere). ``labels``
    say what each option means, ``hint`` how to write the line so that only one is possible.
    """

    key: str
    options: tuple[Node, ...]
    labels: tuple[str, ...]
    hint: str
    pos: Pos = Pos()


@dataclass(frozen=True)
class Defined:
    """The value of a definition (a ``[context] latex`` entry) used where it is written.

    Its body is evaluated in the file's scope, never in the scope of the place it is used,
    so a ``Sum`` around it cannot capture its names.
    """

    name: str
    body: Node
    pos: Pos = Pos()


@dataclass(frozen=True)
class Apply:
    """``f(x)`` for a function the file does not define: an arbitrary function f.

    A claim about it is proved only if it holds for *every* function f; the reader makes
    one only where the text says f is a function (``f(a, b)``) or as one reading of an
    undeclared letter before brackets (:class:`Choice`).
    """

    func: str
    args: tuple[Node, ...]
    pos: Pos = Pos()


@dataclass(frozen=True)
class Cases:
    """A definition by cases (``\\begin{cases}``, an indicator ``\\mathbb{1}\\{x > 0\\}``): each
    row is a value and the comparisons that must all hold for it (``None``: otherwise)."""

    rows: tuple[tuple[Node, tuple[Compare, ...] | None], ...]
    pos: Pos = Pos()


@dataclass(frozen=True)
class Prime:
    """``g'(z)``, ``\\sigma''(u)``: the ``order``-th derivative of the one-variable function
    ``func`` (a vocabulary function, a declared one, or an undeclared letter: an arbitrary
    function), evaluated at ``args``."""

    func: str
    order: int
    args: tuple[Node, ...]
    pos: Pos = Pos()


Node = (Num | Name | Unary | Bin | Call | Index | Compare | ListLit | TupleLit | Choice | Defined
        | Apply | Cases | Prime)


def children(node: Node) -> tuple[Node, ...]:
    """The sub-trees of a node (every option of a Choice)."""
    if isinstance(node, Unary):
        return (node.operand,)
    if isinstance(node, Bin | Compare):
        return (node.left, node.right)
    if isinstance(node, Call | Apply | Prime):
        return node.args
    if isinstance(node, Cases):
        return tuple(n for value, conds in node.rows for n in (value, *(conds or ())))
    if isinstance(node, Index):
        return (node.target, *node.indices)
    if isinstance(node, ListLit | TupleLit):
        return node.items
    if isinstance(node, Choice):
        return node.options
    if isinstance(node, Defined):
        return (node.body,)
    return ()


def map_children(node: Node, fn: Callable[[Node], Node]) -> Node:
    """The node with ``fn`` applied to each child (in fields and tuples of fields), rebuilt."""
    def each(value: object) -> object:
        if isinstance(value, tuple):
            return tuple(each(v) for v in value)
        return fn(value) if is_dataclass(value) and not isinstance(value, Pos) else value

    if not is_dataclass(node):
        return node
    return replace(node, **{f.name: each(vars(node)[f.name]) for f in fields(node)})  # type: ignore[arg-type]


def unplaced(node: object) -> object:
    """The tree without positions, to compare two places that write the same expression."""
    if isinstance(node, Pos):
        return Pos()
    if isinstance(node, tuple):
        return tuple(unplaced(v) for v in node)
    if not is_dataclass(node):
        return node
    return replace(node, **{f.name: unplaced(vars(node)[f.name]) for f in fields(node)})  # type: ignore[arg-type]


def variance_key(script: str) -> str:
    """The name of the variance σ_script² (σ_B², σ_j²) that a document defines
    (``σ_B^2 = …``: checker.files.names ``variance_definition``)."""
    return f"\\sigma_{script}^2"


# the family σ_j² = … a document defines (one variance for each j): its key among families
VARIANCES = "\\sigma^2_"


# calls whose second argument (k, lo, hi) binds k in the first: Σ, ∏, max_k and min_k
BINDERS = ("Sum", "Product", "_max_over", "_min_over")


def binder(node: Node) -> str | None:
    """The index a sum or product binds (j in Σ_j x_j, ∏_j x_j), or None for any other node."""
    if isinstance(node, Call) and node.func in BINDERS and len(node.args) == 2 \
            and isinstance(node.args[1], TupleLit) and node.args[1].items \
            and isinstance(node.args[1].items[0], Name):
        return node.args[1].items[0].id
    return None


def free_names(node: Node) -> set[str]:
    """The names a tree writes outside the sums and products that bind them (x and n in
    Σ_{j=1}^{n} x_j, not j); a definition's value it uses is read in the file's scope, and
    is not looked into."""
    out: set[str] = set()
    stack: list[tuple[Node, frozenset[str]]] = [(node, frozenset())]
    while stack:
        n, bound = stack.pop()
        if isinstance(n, Name) and n.id not in bound:
            out.add(n.id)
        if not isinstance(n, Defined):
            _inside(n, bound, stack)
    return out


def _inside(n: Node, bound: frozenset[str], stack: list[tuple[Node, frozenset[str]]]) -> None:
    """Push a node's children with the names bound there (a sum's index inside its body, not
    in its bounds)."""
    k = binder(n)
    if k is not None:  # (k, lo, hi): the bounds are outside the sum, its body inside
        body, rng = n.args  # type: ignore[union-attr]
        stack.append((body, bound | {k}))
        stack.extend((c, bound) for c in rng.items[1:])  # type: ignore[union-attr]
    else:
        stack.extend((c, bound) for c in children(n))


def reached_free(node: Node, params_body: Callable[[str], tuple[tuple[str, ...], Node] | None]
                 ) -> set[str]:
    """The names a tree uses freely (as :func:`free_names`), also through what it is written
    in: the values of the definitions it uses (Defined) and the bodies of the functions it
    calls (``params_body``: a function's parameters and body, or None; its parameters are its
    own), as far as they go. A family's member (``_member``) counts by its index only."""
    out: set[str] = set()
    seen: set[str] = set()
    stack: list[tuple[Node, frozenset[str]]] = [(node, frozenset())]
    while stack:
        n, bound = stack.pop()
        if isinstance(n, Name) and n.id not in bound:
            out.add(n.id)
        if isinstance(n, Defined):  # its value, in the file's scope
            stack.append((n.body, frozenset()))
            continue
        if isinstance(n, Call) and n.func == "_member" and len(n.args) == 3:
            stack.append((n.args[1], bound))  # x̂_j: its index, as written
            continue
        if isinstance(n, Call) and n.func == "_family" and len(n.args) == 4 \
                and isinstance(n.args[1], Name):  # y whole (y_i = …): its members over i
            stack.append((n.args[2], bound | {n.args[1].id}))
            stack.append((n.args[3], bound))
            continue
        if isinstance(n, Call) and n.func not in seen and (found := params_body(n.func)):
            seen.add(n.func)
            stack.append((found[1], frozenset(found[0])))
        _inside(n, bound, stack)
    return out


def bound_indices(node: Node) -> set[str]:
    """The indices the sums and products inside ``node`` bind (j in Σ_j x_j): never free."""
    return {k for n in walk(node) if (k := binder(n)) is not None}


def walk(node: Node) -> list[Node]:
    """Every node of a tree, parents before children (iterative: trees may be deep)."""
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(reversed(children(n)))
    return out


def reached_names(node: Node, body_of: Callable[[str], Node | None]) -> set[str]:
    """The names a tree uses, also through what it is written in: definitions' values (walked
    as children) and the bodies of the functions it calls (``body_of``: a function's body, or
    None), as far as they go."""
    out: set[str] = set()
    todo, seen = [node], set()
    while todo:
        for n in walk(todo.pop()):
            if isinstance(n, Name):
                out.add(n.id)
            elif isinstance(n, Call) and n.func not in seen and (body := body_of(n.func)) is not None:
                seen.add(n.func)
                todo.append(body)
    return out


class ParseError(Exception):
    """Input that cannot be read: says where and what is allowed instead."""

    def __init__(self, message: str, pos: Pos | None = None, misfit: bool = False,
                 veto: bool = False, implausible: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.pos = pos
        self.misfit = misfit  # arrays whose shapes do not fit at some sizes (a wrong step)
        # one reading that is itself two readings, neither sure: the whole line is refused
        # (the other readings of the line are not left to stand in for it)
        self.veto = veto
        # this reading of the text makes no sense (shapes that do not fit, the identity where
        # a number stands): among several readings it is none, and the others stand; any other
        # error is a reading that cannot be read here, and the line is not read
        self.implausible = implausible or misfit
        self.shapes = False  # a shape that does not fit (where a convention may still be meant)
        self.pairs: tuple = ()  # a misfit's sizes that must be equal (arrays.Misfit.pairs)

    def __str__(self) -> str:
        return f"{self.pos}: {self.message}" if self.pos else self.message


_PREC = {"+": 1, "-": 1, "*": 2, "/": 2, "@": 2, "**": 4}


def marked_family(key: str) -> str:
    """The family a member's mark names (checker.parse.latex ``_family_key``: \\x00y#…)."""
    return key[1:].rsplit("#", 1)[0]


def plain(node: Node, parent: int = 0) -> str:
    """A node as one line of plain text with only the brackets it needs (for labels)."""
    if isinstance(node, Num):
        v = node.value
        return str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"
    if isinstance(node, Name):
        return node.id
    if isinstance(node, Defined):
        return node.name
    if isinstance(node, Choice):
        return plain(node.options[0], parent)
    if isinstance(node, Unary):
        text = node.op + plain(node.operand, 3)
        return f"({text})" if parent >= 2 else text
    if isinstance(node, Bin):
        p = _PREC[node.op]
        right_p = p + 1 if node.op in "-/" else p
        if node.op == "**":
            text = f"{plain(node.left, p + 1)}^{plain(node.right, p)}"
        else:
            op = {"*": "·", "@": " "}.get(node.op, node.op)
            sep = op if op in ("·", " ", "/") else f" {op} "
            # a quotient inside a product is bracketed, so labels such as (a/b)·c are unmistakable
            left_p = p + 1 if op != "/" and isinstance(node.left, Bin) and node.left.op == "/" else p
            text = f"{plain(node.left, left_p)}{sep}{plain(node.right, right_p)}"
        return f"({text})" if p < parent or (p == parent and parent == 4) else text
    if isinstance(node, Call) and node.func == "_member":  # x̂_j, a family's member
        return f"{marked_family(node.args[0].id)}_{plain(node.args[1], 5)}"  # type: ignore[union-attr]
    if isinstance(node, Call) and node.func == "_family":  # y whole, y_i = … defined
        return plain(node.args[0])
    if isinstance(node, Call) and node.func == "_partial":  # ∂L/∂p_k (checker.parse.latex)
        return f"∂{getattr(node.args[0], 'func', '?')}/∂{plain(node.args[2])}"
    if isinstance(node, Call | Apply):
        return f"{node.func}({', '.join(plain(a) for a in node.args)})"
    if isinstance(node, Prime):
        return f"{node.func}{chr(39) * node.order}({', '.join(plain(a) for a in node.args)})"
    if isinstance(node, Cases):
        return "{" + "; ".join(
            f"{plain(v)} if {' and '.join(plain(c) for c in conds)}" if conds is not None
            else f"{plain(v)} otherwise" for v, conds in node.rows) + "}"
    if isinstance(node, Index):
        return f"{plain(node.target, 5)}[{', '.join(plain(i) for i in node.indices)}]"
    if isinstance(node, Compare):
        return f"{plain(node.left)} {node.op} {plain(node.right)}"
    if isinstance(node, ListLit | TupleLit):
        return f"[{', '.join(plain(i) for i in node.items)}]"
    return "?"  # pragma: no cover
