"""Pickles of expressions that are rebuilt as they were, not evaluated again.

SymPy pickles an expression as its class and arguments and unpickles it by calling the class,
so every ``exp``, ``Mul`` and ``Pow`` is evaluated once more where it is read: that costs
(the parent of a run spent more CPU time unpickling the entries and results its workers sent
than rendering them) and it changes what is read (an expression kept as written, built
unevaluated, came back evaluated). Here sums, products, powers, applied functions and
derivatives are rebuilt from their arguments without evaluation, so the object read is the
object written.
Everything else pickles as usual. Used for what workers send to the parent and for the cache.
"""

from __future__ import annotations

import io
import pickle
from typing import Any

from sympy import Add, Derivative, Expr, Mul, Pow, Product, Sum
from sympy.core.function import Application


def _assoc(cls: type, args: tuple) -> Any:
    return cls._from_args(args)  # type: ignore[attr-defined]


def _power(base: Any, exponent: Any) -> Any:
    return Pow(base, exponent, evaluate=False)


def _derivative(*args: Any) -> Any:
    # (Derivative(…, evaluate=False) still asks of each variable whether it can be
    # differentiated by, and of the expression its assumptions: the parent's costliest read)
    return Expr.__new__(Derivative, *args)


def _limits(cls: type, args: tuple) -> Any:
    obj = Expr.__new__(cls)  # as ExprWithLimits.__new__ builds it, its checks done once
    obj._args = args
    obj.is_commutative = args[0].is_commutative
    return obj


def _applied(cls: type, args: tuple) -> Any:
    try:
        return cls(*args, evaluate=False)
    except Exception:  # a function that refuses evaluate=False is evaluated, as SymPy would
        return cls(*args)


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        if kind is Add or kind is Mul:
            return _assoc, (kind, obj.args)
        if kind is Pow:
            return _power, obj.args
        if kind is Derivative:
            return _derivative, obj.args
        if kind is Sum or kind is Product:
            return _limits, (kind, obj.args)
        if isinstance(obj, Application) and not isinstance(obj, type):
            return _applied, (kind, obj.args)
        return NotImplemented


def dumps(obj: object) -> bytes:
    """``obj`` pickled, its expressions as they are."""
    out = io.BytesIO()
    _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    return out.getvalue()


def loads(data: bytes) -> Any:
    """What :func:`dumps` wrote (or any ordinary pickle)."""
    return pickle.loads(data)
