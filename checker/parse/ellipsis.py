"""A sum written with an ellipsis, ``x_1 + x_2 + \\dots + x_n``, read as the sum it abbreviates.

The terms written before the ``…`` and the one after it must be one pattern whose integers go up
by one: the last term fixes the pattern (the places where it differs from the term before the
``…`` are the ones that vary; everything else must be written alike), the terms before the
``…`` that fit the pattern one step earlier each are its first terms, and the sum runs from the
first of them to the last term. ``w_{11}x_1 + \\dots + w_{1n}x_n`` is Σ_k w_{1k}x_k;
``e^{z_1} + e^{z_2} + \\cdots + e^{z_K}`` is Σ_k e^{z_k}; ``1 + 2 + \\dots + n`` is Σ_k k.

Anything else is refused with what to write instead, never guessed: places that change by
different amounts (``a_1 b_1 + \\dots + a_n b_m``), a term before the ``…`` that does not fit
(``x_1 + x_3 + \\dots``), a pattern that goes down, a varying name that is not an entry of a
declared vector (``x_1`` for an undeclared x is one symbol of its own).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import fields, is_dataclass, replace
from fractions import Fraction

import sympy as sp

from checker.parse.tree import Bin, Call, Name, Node, Num, ParseError, Pos, TupleLit, Unary, unplaced, walk

ELSEWHERE = ("an ellipsis is read only between the + signs of a sum whose first and last terms are "
             "written (x_1 + x_2 + \\dots + x_n), or as an entry of its own in a column or a row "
             "(\\begin{bmatrix} x_1 \\\\ \\vdots \\\\ x_n \\end{bmatrix}); elsewhere write the "
             "terms out, or \\sum_{k=1}^{n}")
PLAIN_HOW = ("write the first terms and the last in one pattern, as in x[1] + x[2] + ... + x[n], "
             "or Sum(x[k], (k, 1, n))")
HOW = "write the first terms and the last in one pattern, as in x_1 + x_2 + \\dots + x_n, or \\sum_{k=1}^{n}"
NONEMPTY = "_nonempty"
INDEX_NAMES = ("k", "j", "m", "l", "r", "s", "t", "p", "q", "u", "v")


class _Mismatch(Exception):
    pass


def _integer(node: object) -> int | None:
    if isinstance(node, Num) and node.value.denominator == 1:
        return int(node.value)
    return None


def _rebuild(first: Node, last: Node, at: Callable[[int, Node], Node]) -> Node:
    """``first`` with each place where it holds an integer and ``last`` holds something else
    replaced by ``at(that integer, what last holds there)``; raises _Mismatch where the two
    differ in any other way."""
    a = _integer(first)
    if a is not None:
        return first if unplaced(first) == unplaced(last) else at(a, last)
    if type(first) is not type(last) or not is_dataclass(first):
        raise _Mismatch
    changes: dict[str, object] = {}
    for f in fields(first):
        if f.name == "pos":
            continue
        x, y = getattr(first, f.name), getattr(last, f.name)
        if isinstance(x, tuple):
            if not isinstance(y, tuple) or len(x) != len(y):
                raise _Mismatch
            changes[f.name] = tuple(_rebuild(u, v, at) if is_dataclass(u) else _same(u, v)
                                    for u, v in zip(x, y, strict=True))
        elif is_dataclass(x) and not isinstance(x, Pos):
            changes[f.name] = _rebuild(x, y, at)  # type: ignore[arg-type]
        else:
            changes[f.name] = _same(x, y)
    return replace(first, **changes)  # type: ignore[arg-type]


def _same(x: object, y: object) -> object:
    if x != y:
        raise _Mismatch
    return x


def _shape(term: Node, last: Node) -> object:
    """The pattern ``term`` and ``last`` make (the places that vary, blanked), or None: a term
    with the same shape is the pattern at another step (x_3 before x_n, as x_1 is)."""
    try:
        return unplaced(_rebuild(term, last, lambda a, e: Name("")))
    except _Mismatch:
        return None


def _unlike(first: Node, last: Node, how: str = HOW) -> str:
    """Why two terms are not one pattern, naming a subscripted name that is not a vector."""
    def bases(node: Node) -> set[str]:
        return {n.id.split("_")[0] for n in walk(node) if isinstance(n, Name) and "_" in n.id}
    common = sorted(bases(first) & bases(last))
    if common:
        return (f"{common[0]} is not a declared vector, so its subscripted names are symbols of "
                f"their own and no index runs through them: declare {common[0]} under [context] "
                "vectors (with its length) to write a sum of its entries with an ellipsis")
    return ("the terms on either side of the ellipsis are not one pattern (they must differ only "
            f"where a number goes up to the last term): {how}")


def _sympy(node: Node) -> sp.Expr:
    """An index expression (numbers, names, +, −, ·) as SymPy, to compare the places' ranges."""
    if isinstance(node, Num):
        return sp.Rational(node.value.numerator, node.value.denominator)
    if isinstance(node, Name):
        return sp.Symbol(node.id)
    if isinstance(node, Unary):
        inner = _sympy(node.operand)
        return -inner if node.op == "-" else inner
    if isinstance(node, Bin) and node.op in "+-*":
        a, b = _sympy(node.left), _sympy(node.right)
        return a + b if node.op == "+" else a - b if node.op == "-" else a * b
    raise _Mismatch


def _offset(var: str, shift: int, pos: Pos) -> Node:
    k = Name(var, pos)
    if shift == 0:
        return k
    return Bin("+" if shift > 0 else "-", k, Num(Fraction(abs(shift)), pos), pos)


def fold(before: list[Node], last: Node, pos: Pos, taken: set[str],
         check: Callable[[Node, str], None], how: str = HOW) -> tuple[int, Node]:
    """The sum ``before[-m:] + … + last`` abbreviates: (m, the Sum node). ``before`` are the
    terms written before the ``…`` (each added with +), ``taken`` the names the summation
    index must not be, ``check`` the reader's test of a sum's body over an index."""
    if not before:
        raise ParseError(f"an ellipsis needs the terms before it: {how}", pos)
    first = before[-1]
    places: list[tuple[int, Node]] = []

    def record(a: int, e: Node) -> Node:
        places.append((a, e))
        return Num(Fraction(a))

    try:
        _rebuild(first, last, record)
    except _Mismatch:
        raise ParseError(_unlike(first, last, how), pos) from None
    if not places:
        raise ParseError(f"the terms on either side of the ellipsis are the same: {how}", pos)
    try:
        steps = {sp.expand(_sympy(e) - a) for a, e in places}
    except _Mismatch:
        raise ParseError(_unlike(first, last, how), pos) from None
    if len(steps) != 1:
        raise ParseError("the places that change between the terms around the ellipsis go up by "
                         f"different amounts: {how}", pos)
    (step,) = steps
    terms = step.as_coefficients_dict()
    if (step.is_number and step < 0) or any(c < 0 for m, c in terms.items() if m != 1):
        raise ParseError(f"the terms around the ellipsis count down (or may): {how}", pos)
    var = next((v for v in INDEX_NAMES if v not in taken), None)
    if var is None:
        raise ParseError(f"no letter is free for the index of the sum: {how}", pos)
    start = places[0][0]
    body = _rebuild(first, last, lambda a, e: _offset(var, a - start, pos))
    count = 1  # the terms before the … that are the pattern one step earlier each
    while count < len(before):
        earlier = _rebuild(first, last, lambda a, e, back=count: Num(Fraction(a - back)))
        if unplaced(earlier) != unplaced(before[-1 - count]):
            break
        count += 1
    if count == 1 and any(c != 1 for m, c in terms.items() if m != 1):
        raise ParseError("one term before the ellipsis does not show its step (2 + \\dots + 2n: "
                         f"every number, or the even ones?): write two terms before it; {how}", pos)
    if count < len(before) and (_shape(before[-1 - count], last) == _shape(first, last)
                                or _skeleton(before[-1 - count]) == _skeleton(first)):
        raise ParseError("the terms before the ellipsis do not go up by one (is it every other "
                             f"term?): {how}", pos)
    lo = start - (count - 1)
    check(body, var)
    upper = places[0][1]
    total = Call("Sum", (body, TupleLit((Name(var, pos), Num(Fraction(lo), pos), upper), pos)), pos)
    # a sum whose range is not empty: its first and last terms are written (the evaluator
    # makes that a condition of the claim, so 1 + q + q^2 + … + q^(n−1) is about n ≥ 3)
    return count, Call(NONEMPTY, (total,), pos)


def names_in(nodes: list[Node]) -> set[str]:
    """Every name and letter the terms use (a_k uses a and k; f(x) uses f)."""
    out: set[str] = set()
    for node in nodes:
        for n in walk(node):
            name = n.id if isinstance(n, Name) else getattr(n, "func", None)
            if isinstance(name, str):
                out |= {name, *re.findall(r"[A-Za-z]+", name)}
    return out


def _skeleton(term: Node) -> object:
    """The term with every integer blanked: x_1 y_1 and x_2 y_2 have one skeleton."""
    if _integer(term) is not None:
        return None
    if isinstance(term, tuple):
        return tuple(_skeleton(t) for t in term)
    if not is_dataclass(term) or isinstance(term, Pos):
        return term
    return (type(term).__name__, *(_skeleton(getattr(term, f.name)) for f in fields(term)
                                   if f.name != "pos"))
