"""Expression text in SymPy's familiar syntax → the neutral tree, through a whitelist.

Python's :mod:`ast` only *parses* (it never runs anything); every node type that
is not on the whitelist below is refused with its position. Size limits are
checked before and after parsing so that no input can exhaust the parser.
"""

from __future__ import annotations

import ast
import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from checker.parse import ellipsis
from checker.parse.tree import (
    Bin,
    Call,
    Compare,
    Index,
    ListLit,
    Name,
    Node,
    Num,
    ParseError,
    Pos,
    TupleLit,
    Unary,
)

MAX_LENGTH = 10_000  # characters in one expression
MAX_NODES = 5_000
MAX_DEPTH = 60
MAX_DIGITS = 100  # digits in one number

_BINOPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**",
           ast.BitXor: "**", ast.MatMult: "@"}
_CMPOPS = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.Gt: ">", ast.LtE: "<=", ast.GtE: ">="}
ALLOWED = ("numbers, names, + - * / ** ^ @, unary -, parentheses, calls such as exp(x), "
           "subscripts such as z[1] or W[1, 2], lists [a, b] and tuples (j, 1, n)")


_LAMBDA = "\u03bbambda"  # λambda
_GLYPHS = {"\N{MATHEMATICAL SANS-SERIF CAPITAL T}": "\u01ac",  # 𝖳 as Ƭ, 𝖤 as Ɛ (NFKC-stable)
           "\N{MATHEMATICAL SANS-SERIF CAPITAL E}": "\u0190"}
_GLYPHS_IN = str.maketrans(_GLYPHS)
_GLYPHS_OUT = {v: k for k, v in _GLYPHS.items()}


def read_expression(text: str, allow_compare: bool = False, line: int = 1, col: int = 1) -> Node:
    """Parse one expression (with ``allow_compare``, also ``a == b``, ``x > 0`` …)."""
    if not isinstance(text, str):
        raise ParseError(f"expected an expression as a string, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ParseError(f"the expression is {len(text)} characters long; the limit is "
                         f"{MAX_LENGTH}")
    if not text.strip():
        raise ParseError("the expression is empty")
    if "\n" in text.strip():
        raise ParseError("an expression must be on one line")
    # ^ means power, as in maths; Python would parse it as XOR, *below* + and unary minus
    # (x^2 + 1 as x^(2+1)). It is rewritten to ** before parsing, and positions mapped back.
    carets = [i for i, ch in enumerate(text) if ch == "^"]
    text = text.replace("^", "**")
    # lambda, the Greek letter a file may declare, is a Python keyword: read under a name of
    # the same length that no one can write (positions stay), and named back below
    text = re.sub(r"(?<![\w.])lambda(?!\w)(?![\w\s,*=]*:)", _LAMBDA, text)  # (not lambda x: …)
    # the reader's own letters 𝖳, 𝖤 (a document's T and E, declared) would be read by Python
    # as T and E (identifiers are NFKC-normalized): read under letters that stay as they are
    text = text.translate(_GLYPHS_IN)
    depth = max_depth(text)
    if depth > MAX_DEPTH:
        raise ParseError(f"brackets are nested {depth} deep; the limit is {MAX_DEPTH}")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        where = Pos(line, col + _as_written((exc.offset or 1) - 1, carets))
        raise ParseError(f"not a valid expression ({exc.msg}); allowed: {ALLOWED}", where) \
            from None
    except (RecursionError, MemoryError, ValueError) as exc:
        raise ParseError(f"the expression cannot be read: {type(exc).__name__}") from None
    count = sum(1 for _ in ast.walk(tree))
    if count > MAX_NODES:
        raise ParseError(f"the expression has {count} parts; the limit is {MAX_NODES}")
    offset = len(text) - len(text.lstrip())
    return _Converter(text.strip(), line, col + offset, allow_compare,
                      [c - offset for c in carets]).convert(tree.body)


def _as_written(offset: int, carets: list[int]) -> int:
    """An offset in the rewritten text, mapped back to the text as written: every ^ before
    it became two characters (**)."""
    shift = 0
    for c in carets:
        if c + shift < offset:
            shift += 1
    return offset - shift


def max_depth(text: str) -> int:
    depth = best = 0
    for ch in text:
        if ch in "([{":
            depth += 1
            best = max(best, depth)
        elif ch in ")]}":
            depth -= 1
    return best


class _Converter:
    def __init__(self, text: str, line: int, col: int, allow_compare: bool,
                 carets: list[int] | None = None) -> None:
        self.text, self.line, self.col, self.allow_compare = text, line, col, allow_compare
        self.carets = carets or []  # where ^ stood in the text as written

    def pos(self, node: ast.AST) -> Pos:
        offset = _as_written(getattr(node, "col_offset", 0), self.carets)
        return Pos(self.line + getattr(node, "lineno", 1) - 1, self.col + offset)

    def convert(self, node: ast.AST) -> Node:
        pos = self.pos(node)
        if _is_ellipsis(node):
            raise ParseError("... is read only between the + signs of a sum whose first and last terms "
                             "are written (x[1] + x[2] + ... + x[n]); elsewhere write the terms out, "
                             "or Sum(x[k], (k, 1, n))", pos)
        if isinstance(node, ast.Constant):
            source = ast.get_source_segment(self.text, node) or repr(node.value)
            return Num(self._number(node.value, source, pos), pos)
        if isinstance(node, ast.Name):
            if node.id == _LAMBDA:
                return Name("lambda", pos)
            if node.id[0] in _GLYPHS_OUT:
                return Name(_GLYPHS_OUT[node.id[0]] + node.id[1:], pos)
            if node.id.startswith("_"):
                raise ParseError(f"names may not start with _: {node.id!r}", pos)
            if node.id in ("True", "False", "None"):
                raise ParseError(f"{node.id} is not a number or symbol", pos)
            return Name(node.id, pos)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and _has_ellipsis(node):
            return self.ellipsis_sum(node)
        if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
            return Bin(_BINOPS[type(node.op)], self.convert(node.left),
                       self.convert(node.right), pos)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            return Unary("-" if isinstance(node.op, ast.USub) else "+",
                         self.convert(node.operand), pos)
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name):
                raise ParseError("only named functions can be called, such as exp(x); "
                                 "attribute access and other callables are not allowed", pos)
            if node.func.id.startswith("_"):
                raise ParseError(f"names may not start with _: {node.func.id!r}", pos)
            if node.keywords:
                raise ParseError(f"{node.func.id}(…) takes no keyword arguments", pos)
            if any(isinstance(a, ast.Starred) for a in node.args):
                raise ParseError("*arguments are not allowed", pos)
            return Call(node.func.id, tuple(self.convert(a) for a in node.args), pos)
        if isinstance(node, ast.Subscript):
            idx = node.slice
            items = idx.elts if isinstance(idx, ast.Tuple) else [idx]
            if any(isinstance(i, ast.Slice) for i in items):
                raise ParseError("slices are not allowed; index single entries such as z[1]",
                                 pos)
            return Index(self.convert(node.value), tuple(self.convert(i) for i in items), pos)
        if isinstance(node, ast.Compare):
            if not self.allow_compare:
                raise ParseError("a comparison is only allowed in a claim or a hypothesis",
                                 pos)
            if len(node.ops) != 1 or type(node.ops[0]) not in _CMPOPS:
                raise ParseError("write one comparison: ==, !=, <, >, <= or >=", pos)
            return Compare(_CMPOPS[type(node.ops[0])], self.convert(node.left),
                           self.convert(node.comparators[0]), pos)
        if isinstance(node, ast.List):
            return ListLit(tuple(self.convert(e) for e in node.elts), pos)
        if isinstance(node, ast.Tuple):
            return TupleLit(tuple(self.convert(e) for e in node.elts), pos)
        what = type(node).__name__
        raise ParseError(f"{_describe(what)} is not allowed; allowed: {ALLOWED}", pos)

    def ellipsis_sum(self, node: ast.BinOp) -> Node:
        """``x[1] + x[2] + ... + x[n]``: the sum of the pattern (checker/parse/ellipsis.py)."""
        terms: list[ast.expr] = []
        while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            terms.append(node.right)
            node = node.left  # type: ignore[assignment]
        terms.append(node)
        terms.reverse()
        out: Node | None = None
        run: list[tuple[Node | None, Node]] = []
        k = 0
        while k < len(terms):
            if _is_ellipsis(terms[k]):
                pos = self.pos(terms[k])
                if k + 1 >= len(terms) or _is_ellipsis(terms[k + 1]):
                    raise ParseError("an ellipsis in a sum needs the last term after it: "
                                     f"{ellipsis.PLAIN_HOW}", pos)
                last = self.convert(terms[k + 1])
                done = [t for _, t in run]
                count, total = ellipsis.fold(done, last, pos, ellipsis.names_in([*done, last]),
                                             lambda body, var: None, ellipsis.PLAIN_HOW)
                kept = run[len(run) - count][0] if run else None
                out = total if kept is None else Bin("+", kept, total, pos)
                run, k = [], k + 2
                continue
            term = self.convert(terms[k])
            run.append((out, term))
            out = term if out is None else Bin("+", out, term, self.pos(terms[k]))
            k += 1
        assert out is not None
        return out

    @staticmethod
    def _number(value: object, source: str, pos: Pos) -> Fraction:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ParseError(f"{value!r} is not a real number", pos)
        if isinstance(value, int):
            if len(str(abs(value))) > MAX_DIGITS:
                raise ParseError(f"integers are limited to {MAX_DIGITS} digits", pos)
            return Fraction(value)
        # A float literal is read exactly as the decimal the user wrote, not its binary value.
        text = source.replace("_", "")
        try:
            dec = Decimal(text)
        except InvalidOperation:
            raise ParseError(f"{text} is not a finite number", pos) from None
        if not dec.is_finite() or abs(dec.adjusted()) > MAX_DIGITS:
            raise ParseError(f"{text} is not a finite number of at most {MAX_DIGITS} digits",
                             pos)
        return Fraction(dec)


def _is_ellipsis(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value is Ellipsis


def _has_ellipsis(node: ast.AST) -> bool:
    """A chain of + with ... as one of its terms."""
    while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        if _is_ellipsis(node.right):
            return True
        node = node.left
    return _is_ellipsis(node)


def _describe(node_type: str) -> str:
    return {
        "Attribute": "attribute access (a.b)",
        "Lambda": "lambda",
        "IfExp": "if/else",
        "BoolOp": "and/or",
        "Dict": "a dictionary",
        "Set": "a set",
        "ListComp": "a comprehension",
        "GeneratorExp": "a generator",
        "JoinedStr": "an f-string",
        "NamedExpr": ":=",
        "Await": "await",
        "Starred": "*",
    }.get(node_type, node_type)
