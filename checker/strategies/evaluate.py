"""Evaluate a :class:`~checker.strategies.program.Program` in several arithmetics.

* :func:`exact_or_interval` — the value at a rational point, exactly (a
  ``Fraction``) where only rational operations occur, otherwise as an mpmath
  interval that certainly contains it. Used to certify counterexamples.
* :func:`degree_bounds` — upper bounds on the degrees of the formal numerator
  and denominator of every node of a rational program.
* :func:`ratvalues` — a rational program at an integer point, exactly.
"""

from __future__ import annotations

from fractions import Fraction

from flint import fmpq
from mpmath import iv, mpf

from checker.vocabulary import by_func_name

_PRIMITIVES = by_func_name()


class Undefined(Exception):
    """The expression is not defined (or not certainly defined) at the point."""


class Unevaluable(ArithmeticError):
    """The value exists but is not computed here: exp or a trigonometric function of a number
    beyond 2^64 in size needs an argument reduction to millions of bits (mpmath would take
    hours, or overflow). The point is skipped; nothing is decided from it."""


HUGE = mpf(2) ** 64


def _reducible(xi: object, name: str) -> object:
    if xi.a < -HUGE or xi.b > HUGE:  # type: ignore[attr-defined]
        raise Unevaluable(f"{name} of a number beyond 2^64 in size")
    return xi


class NotExact(Exception):
    pass


def _interval(v: Fraction | object) -> object:
    if isinstance(v, Fraction):
        return iv.mpf(v.numerator) / v.denominator
    return v


def _positive(x: object) -> bool:
    return bool(x.a > 0)  # type: ignore[attr-defined]


def _has_zero(x: object) -> bool:
    return bool(x.a <= 0 <= x.b)  # type: ignore[attr-defined]


def exact_or_interval(ops: list[tuple], point: list[Fraction], prec: int = 200) -> list[object]:
    """Values of every node: ``Fraction`` where exact, else an ``iv.mpf`` interval.

    Raises :class:`Undefined` where a log/root/division is not certainly defined.
    """
    iv.prec = prec
    vals: list[object] = []
    for op in ops:
        kind = op[0]
        if kind == "const":
            vals.append(op[1])
        elif kind == "var":
            vals.append(point[op[1]])
        elif kind in ("add", "mul"):
            xs = [vals[i] for i in op[1]]
            if all(isinstance(x, Fraction) for x in xs):
                acc = Fraction(0 if kind == "add" else 1)
                for x in xs:
                    acc = acc + x if kind == "add" else acc * x
                vals.append(acc)
            else:
                acc_i = iv.mpf(0 if kind == "add" else 1)
                for x in xs:
                    acc_i = acc_i + _interval(x) if kind == "add" else acc_i * _interval(x)
                vals.append(acc_i)
        elif kind == "pow":
            vals.append(_pow(vals[op[1]], op[2]))
        elif kind == "powe":
            base, ex = _interval(vals[op[1]]), _interval(vals[op[2]])
            if not _positive(base):
                raise Undefined("power of a base that is not certainly positive")
            vals.append(iv.exp(_reducible(ex * iv.log(base), "a power")))
        elif kind == "fn":
            vals.append(_function(op[1], vals[op[2]]))
        elif kind == "pi":
            vals.append(iv.pi)
        elif kind in ("max", "min"):
            vals.append(_extreme(kind, [vals[i] for i in op[1]]))
        elif kind == "step":
            s = _certain_sign(vals[op[1]])
            vals.append(op[2] if s == 0 else Fraction(1 if s > 0 else 0))
        elif kind == "pw":
            vals.append(_piecewise(op[1], vals))
        else:  # pragma: no cover - programs only hold the forms above
            raise ValueError(f"unknown node {kind}")
    return vals


def _pow(b: object, k: Fraction) -> object:
    if isinstance(b, Fraction):
        if b == 0 and k < 0:
            raise Undefined("division by zero")
        if k.denominator == 1:
            return b ** int(k)
        if b < 0:
            raise Undefined("root of a negative number")
        exact = _exact_root(b, k.denominator)  # √(9/4) = 3/2, √0 = 0: exact, so a point
        if exact is not None and not (exact == 0 and k < 0):  # where two sides meet is
            return exact ** k.numerator  # certain (√(x² + y²) < |x| + |y| at x = 0)
    bi = _interval(b)
    if k.denominator == 1:
        if k < 0 and _has_zero(bi):
            raise Undefined("division by a value that may be zero")
        return bi ** int(k)
    if not _positive(bi):
        raise Undefined("root of a value that is not certainly positive")
    return iv.exp(iv.log(bi) * iv.mpf(k.numerator) / k.denominator)


def _exact_root(b: Fraction, q: int) -> Fraction | None:
    """The q-th root of a rational b ≥ 0 where it is rational, else None."""
    def root(n: int) -> int | None:
        r = round(n ** (1 / q)) if n < 2 ** 1000 else None
        if r is None:
            return None
        for c in (r - 1, r, r + 1):
            if c >= 0 and c ** q == n:
                return c
        return None

    num, den = root(b.numerator), root(b.denominator)
    return None if num is None or den is None else Fraction(num, den)


def _certain_sign(x: object) -> int:
    """The sign of a value, when it is certain; Undefined when an interval straddles 0."""
    if isinstance(x, Fraction):
        return (x > 0) - (x < 0)
    if x.a > 0:  # type: ignore[attr-defined]
        return 1
    if x.b < 0:  # type: ignore[attr-defined]
        return -1
    raise Undefined("the sign of a value close to 0 is not certain")


def _extreme(kind: str, xs: list[object]) -> object:
    if all(isinstance(x, Fraction) for x in xs):
        return max(xs) if kind == "max" else min(xs)  # type: ignore[type-var]
    ivs = [_interval(x) for x in xs]
    pick = max if kind == "max" else min
    return iv.mpf([pick(i.a for i in ivs), pick(i.b for i in ivs)])  # type: ignore[attr-defined]


_HOLDS = {"<": lambda s: s < 0, "<=": lambda s: s <= 0, ">": lambda s: s > 0,
          ">=": lambda s: s >= 0, "==": lambda s: s == 0, "!=": lambda s: s != 0}


def _piecewise(pieces: tuple, vals: list[object]) -> object:
    """The value of the first piece whose condition certainly holds (conditions before it
    certainly fail); Undefined where a condition cannot be decided at this precision."""
    for cond, rel, value in pieces:
        if _HOLDS[rel](_certain_sign(vals[cond])):
            return vals[value]
    raise Undefined("no piece of a Piecewise applies")


def _function(name: str, x: object) -> object:
    """The value of a vocabulary function: exact where it is rational, else an enclosure."""
    fn = _PRIMITIVES[name]
    if isinstance(x, Fraction):
        exact = fn.exact(x)
        if exact is not None:
            return exact
    if fn.interval is None:
        raise Undefined(f"{name} has no interval enclosure")
    xi = _reducible(_interval(x), name)  # mpmath overflows or hangs far out
    try:
        return fn.interval(xi)
    except (ArithmeticError, ValueError) as exc:
        raise Undefined(f"{name}: {exc}") from None


def degree_bounds(ops: list[tuple]) -> list[tuple[int, int]]:
    """(numerator degree, denominator degree) bounds of each node's formal fraction.

    The formal fraction of a sum a/b + c/d is (ad + cb)/(bd), of a product
    (ac)/(bd), of a power k < 0 the swapped one: no cancellation is assumed,
    so these are upper bounds on what :func:`ratvalues` evaluates.
    """
    out: list[tuple[int, int]] = []
    for op in ops:
        kind = op[0]
        if kind == "const":
            out.append((0, 0))
        elif kind == "var":
            out.append((1, 0))
        elif kind == "add":
            ds = [out[i] for i in op[1]]
            den = sum(d for _, d in ds)
            out.append((max(n + den - d for n, d in ds), den))
        elif kind == "mul":
            ds = [out[i] for i in op[1]]
            out.append((sum(n for n, _ in ds), sum(d for _, d in ds)))
        elif kind == "pow":
            n, d = out[op[1]]
            k = op[2]
            if k.denominator != 1:
                raise NotExact("non-integer power in a rational program")
            k = int(k)
            out.append((k * n, k * d) if k >= 0 else (-k * d, -k * n))
        else:
            raise NotExact(f"{kind} in a rational program")
    return out


class Pole(Exception):
    """A denominator vanished at the sample point."""


MODULUS = 2**61 - 1  # a prime


def modvalues(ops: list[tuple], point: list[int], p: int = MODULUS) -> list[int]:
    """The program's values at an integer point modulo the prime p: each is the exact value
    reduced mod p (every division is by a unit mod p, or Pole is raised), so a value that is
    not 0 mod p is not 0. A cheap look, not a proof of anything being 0."""
    vals: list[int] = []
    for op in ops:  # (products and sums of two first: nearly every node is one)
        kind = op[0]
        if kind == "mul":
            kids = op[1]
            if len(kids) == 2:
                vals.append(vals[kids[0]] * vals[kids[1]] % p)
            else:
                acc = 1
                for i in kids:
                    acc = acc * vals[i] % p
                vals.append(acc)
        elif kind == "add":
            kids = op[1]
            vals.append((vals[kids[0]] + vals[kids[1]] if len(kids) == 2
                         else sum(vals[i] for i in kids)) % p)
        elif kind == "const":
            den = op[1].denominator % p
            if den == 0:
                raise Pole
            vals.append(op[1].numerator * pow(den, -1, p) % p)
        elif kind == "var":
            vals.append(point[op[1]] % p)
        elif kind == "pow":
            a, k = vals[op[1]], int(op[2])
            if k < 0 and a == 0:
                raise Pole
            vals.append(pow(a, k, p))
        else:
            raise NotExact(f"{kind} in a rational program")
    return vals


def ratvalues(ops: list[tuple], point: list[int]) -> list[fmpq]:
    """Exact values of a rational program at an integer point, as FLINT rationals (GMP
    integers kept in lowest terms: several times faster than Python's integers and gcd once
    the numbers grow to thousands of digits, as they do through a network's layers)."""
    vals: list[fmpq] = []
    for op in ops:
        kind = op[0]
        if kind == "const":
            vals.append(fmpq(op[1].numerator, op[1].denominator))
        elif kind == "var":
            vals.append(fmpq(point[op[1]]))
        elif kind in ("add", "mul"):
            it = iter(op[1])
            acc = vals[next(it)]
            if kind == "add":
                for i in it:
                    acc = acc + vals[i]
            else:
                for i in it:
                    acc = acc * vals[i]
            vals.append(acc)
        elif kind == "pow":
            a = vals[op[1]]
            k = int(op[2])
            if k < 0 and a == 0:
                raise Pole
            vals.append(a**k)
        else:
            raise NotExact(f"{kind} in a rational program")
    return vals
