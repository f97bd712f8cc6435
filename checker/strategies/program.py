"""A flat, hash-consed expression DAG that every strategy evaluates.

SymPy trees of backprop gradients share huge subexpressions; walking them as
trees (or rebuilding SymPy objects, which re-canonicalises at every node) is
what makes naive checking slow. A :class:`Program` stores each distinct node
once, children before parents, so every evaluation is one pass over a list.

Node forms (tuples):
  ("const", Fraction)        ("var", index)
  ("add", (i, j, …))         ("mul", (i, j, …))
  ("pow", i, Fraction)       exponent a rational number
  ("powe", i, j)             exponent another node
  ("fn", name, i)            name in FUNCTIONS
  ("max", (i, j, …)), ("min", (i, j, …))
  ("step", i, Fraction)      Heaviside: 1 above 0, 0 below, the Fraction at 0
  ("pw", ((c, rel, v), …))   Piecewise: the first v whose condition "node c rel 0" holds
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import sympy as sp

from checker.vocabulary import BY_FUNC

# The functions a program evaluates: every primitive with a SymPy class of its own
# (checker/vocabulary.py); the evaluators take their exact values and enclosures from there.
_SYMPY_FUNCTIONS = {func: p.name for func, p in BY_FUNC.items()}
FUNCTIONS = tuple(_SYMPY_FUNCTIONS.values())

MAX_EXPONENT = 10_000
_RELATIONS = ("<", "<=", ">", ">=", "==", "!=")


class Unsupported(Exception):
    """The expression holds something a program cannot represent."""


class Program:
    def __init__(self) -> None:
        self.ops: list[tuple] = []
        self._index: dict[tuple, int] = {}
        self.variables: list[sp.Symbol] = []
        self._var_index: dict[sp.Symbol, int] = {}
        self._minus_one: int | None = None  # the node of −1, for sub()

    def node(self, op: tuple) -> int:
        found = self._index.get(op)
        if found is not None:
            return found
        self.ops.append(op)
        self._index[op] = len(self.ops) - 1
        return len(self.ops) - 1

    def const(self, value: Fraction | int) -> int:
        return self.node(("const", Fraction(value)))

    def var(self, symbol: sp.Symbol) -> int:
        idx = self._var_index.get(symbol)
        if idx is None:
            idx = len(self.variables)
            self.variables.append(symbol)
            self._var_index[symbol] = idx
        return self.node(("var", idx))

    def add(self, children: list[int]) -> int:
        if len(children) == 1:
            return children[0]
        return self.node(("add", tuple(sorted(children))))

    def mul(self, children: list[int]) -> int:
        if len(children) == 1:
            return children[0]
        return self.node(("mul", tuple(sorted(children))))

    def pow(self, base: int, exponent: Fraction) -> int:
        if exponent == 1:
            return base
        if abs(exponent.numerator) > MAX_EXPONENT or exponent.denominator > MAX_EXPONENT:
            raise Unsupported(f"exponent {exponent} is too large")
        return self.node(("pow", base, exponent))

    def sub(self, a: int, b: int) -> int:
        """a − b, as add([a, mul([−1, b])]) writes it."""
        m = self._minus_one
        if m is None:
            m = self._minus_one = self.const(-1)
        neg = self.node(("mul", (m, b) if m <= b else (b, m)))
        return self.node(("add", (a, neg) if a <= neg else (neg, a)))


def rational_of(e: sp.Expr) -> Fraction | None:
    """The exact value of a SymPy rational number (a Float is read exactly)."""
    if e.is_Rational:
        return Fraction(int(e.p), int(e.q))
    if e.is_Float:
        return Fraction(sp.Rational(e).p, sp.Rational(e).q)
    return None


def postorder(e: sp.Expr, memo: dict[sp.Expr, int],
              children: Callable[[sp.Expr], tuple[sp.Expr, ...]],
              emit: Callable[[sp.Expr], int]) -> int:
    """Emit every node of ``e`` once, children first, iteratively.

    Deep expressions must not hit Python's recursion limit, and shared
    subexpressions (ubiquitous in gradients) must be visited once.
    """
    stack: list[tuple[sp.Expr, bool]] = [(e, False)]
    while stack:
        cur, ready = stack.pop()
        if cur in memo:
            continue
        kids = children(cur)
        if not ready and any(k not in memo for k in kids):
            stack.append((cur, True))
            stack.extend((k, False) for k in kids if k not in memo)
            continue
        memo[cur] = emit(cur)
    return memo[e]


class Compiler:
    """Compile SymPy expressions into a :class:`Program` faithfully (no rewriting)."""

    def __init__(self, program: Program | None = None,
                 subs: dict[sp.Symbol, sp.Expr] | None = None) -> None:
        self.program = program or Program()
        self.subs = subs or {}  # symbol → value, applied as the tree is read
        self._memo: dict[sp.Expr, int] = {}

    def __call__(self, e: sp.Expr) -> int:
        return postorder(e, self._memo, self._children, self._emit)

    def _children(self, e: sp.Expr) -> tuple[sp.Expr, ...]:
        if e.is_Atom:
            return ()
        if e.is_Pow and rational_of(e.exp) is not None:
            return (e.base,)
        if isinstance(e, sp.Piecewise):
            return ()  # its pieces are compiled by _piece
        return tuple(e.args)

    def _emit(self, e: sp.Expr) -> int:
        p, memo = self.program, self._memo
        value = rational_of(e) if e.is_Number else None
        if value is not None:
            return p.const(value)
        if e.is_Symbol:
            return self(self.subs[e]) if e in self.subs else p.var(e)
        if e is sp.E:
            return p.node(("fn", "exp", p.const(1)))
        if e is sp.pi:  # evaluated as an enclosure of π (counterexamples with π are certified)
            return p.node(("pi",))
        if e.is_Add:
            return p.add([memo[a] for a in e.args])
        if e.is_Mul:
            return p.mul([memo[a] for a in e.args])
        if e.is_Pow:
            k = rational_of(e.exp)
            if k is not None:
                return p.pow(memo[e.base], k)
            return p.node(("powe", memo[e.base], memo[e.exp]))
        name = _SYMPY_FUNCTIONS.get(e.func)
        if name is not None and len(e.args) == 1:
            return p.node(("fn", name, memo[e.args[0]]))
        if isinstance(e, sp.Max | sp.Min):
            return p.node(("max" if isinstance(e, sp.Max) else "min",
                           tuple(sorted(memo[a] for a in e.args))))
        if isinstance(e, sp.Heaviside):
            at_zero = rational_of(e.args[1]) if len(e.args) > 1 else None
            if at_zero is None:
                raise Unsupported("a Heaviside step needs its value at 0 (1/2 by default)")
            return p.node(("step", memo[e.args[0]], at_zero))
        if isinstance(e, sp.Piecewise):
            return p.node(("pw", tuple(self._piece(v, c) for v, c in e.args)))
        raise Unsupported(f"cannot evaluate {type(e).__name__}: {sp.sstr(e)[:80]}")

    def _piece(self, value: sp.Expr, cond: sp.Basic) -> tuple[int, str, int]:
        """(condition node, relation, value node): the condition is "node rel 0"."""
        if cond is sp.true:
            return (self.program.const(0), "==", self(value))
        if not isinstance(cond, sp.core.relational.Relational) or cond.rel_op not in _RELATIONS:
            raise Unsupported(f"a Piecewise condition {cond} (only comparisons are evaluated)")
        return (self(cond.lhs - cond.rhs), cond.rel_op, self(value))
