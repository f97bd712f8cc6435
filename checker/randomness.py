"""Random variables: the laws a file declares, and expectations, variances and covariances.

A file declares which of its names are random (``random = { q = "N(0, 1)", w = "mean 0,
variance v" }``). Every declared random variable, and every entry of a declared random vector or
matrix, is independent of every other, and the entries of one vector or matrix share its law.
Nothing else is random.

An expectation is a SymPy node that carries the law of the names it may use
(``Expect(q[i]*k[i], law)``), so a claim needs nothing beside its sides to be decided
(:mod:`checker.strategies.expectations`). A law is a ``Tuple`` of ``(atom, distribution, sizes)``:
the atom a Symbol (a scalar, or one entry of a vector of explicit length) or an IndexedBase (a
vector or matrix of symbolic size, ``sizes`` its lengths), the distribution
``(kind, *parameters)``.

Distributions and their raw moments E[X^p]:

- ``N(m, v)``: normal with mean m and variance v (``normal(m, v)``): every moment known;
- ``Bernoulli(p)``: 1 with probability p, else 0;
- ``Rademacher``: ±1 with probability 1/2 each;
- ``uniform(a, b)``: uniform on [a, b];
- ``mean m, variance v`` (either may be left out): any distribution with these; moments from the
  third on are unknown, and a claim that needs them is proved only if it holds for all of them.
  A mean or variance left out is a symbol of its own (``E[x]``, ``Var[x]``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import sympy as sp
from sympy.core.symbol import Str

KINDS = ("normal", "bernoulli", "rademacher", "uniform", "moments", "symmetric")


class _Operator(sp.Function):
    """An expectation's, variance's or covariance's node: its last argument is the law."""

    is_real = True
    label = ""  # how reports write it: E[…], Var[…], Cov[…, …]
    latex_name = ""

    @property
    def free_symbols(self) -> set[sp.Basic]:
        """What its value depends on: its arguments' symbols that are not random, and the
        parameters of the laws of the random ones it uses (not the law's other entries)."""
        law, body = self.args[-1], self.args[:-1]
        out: set[sp.Basic] = set()
        for b in body:
            out |= b.free_symbols
        for atom, dist, _ in law:
            if any(b.has(atom) for b in body):
                out |= dist.free_symbols
                out -= {atom} | (atom.free_symbols if isinstance(atom, sp.IndexedBase) else set())
        return {s for s in out if not (isinstance(s, sp.Indexed) and s.base in random_bases(law))}

    def expanded(self) -> sp.Expr:
        """In expectations (Var and Cov); an expectation is itself."""
        return self

    def _eval_derivative(self, s: sp.Symbol) -> sp.Expr | None:
        # (taken of the value where a law depends on s: checker.strategies.expectations)
        return sp.diff(self.expanded(), s) if passes_inside(self, s) else None

    def _sympystr(self, printer: sp.printing.str.StrPrinter) -> str:
        return f"{self.label}[{', '.join(printer._print(a) for a in self.args[:-1])}]"

    _index_notation = _sympystr  # the reports' one-line printer (checker.report.text)

    def _pretty(self, printer: object) -> object:
        return printer._print(sp.Symbol(self._sympystr(sp.printing.str.StrPrinter())))  # type: ignore[attr-defined]

    def _latex(self, printer: object, exp: str | None = None) -> str:
        power = f"^{{{exp}}}" if exp is not None else ""
        inner = ", ".join(printer._print(a) for a in self.args[:-1])  # type: ignore[attr-defined]
        return rf"{self.latex_name}\left[{inner}\right]{power}"


def random_bases(law: sp.Tuple) -> set[sp.Basic]:
    return {entry[0] for entry in law if isinstance(entry[0], sp.IndexedBase)}


class Expect(_Operator):
    """E[body] under ``law`` (a Tuple, see the module docstring)."""

    nargs = 2
    label, latex_name = "E", r"\mathbb{E}"

    def _eval_derivative(self, s: sp.Symbol) -> sp.Expr | None:
        # d/dw E[f(w, X)] = E[∂f/∂w]: the body is a polynomial in the random variables, whose
        # moments are finite, so the derivative passes inside, where the law does not depend
        # on w (d/dμ E[X²] with X ~ N(μ, 1) is 2μ, not E[0]): otherwise it is taken of the
        # value (checker.strategies.expectations)
        if not passes_inside(self, s):
            return None
        return Expect(sp.diff(self.args[0], s), self.args[1])


class Variance(_Operator):
    """Var[body] = E[body²] − E[body]² under ``law``."""

    nargs = 2
    label, latex_name = "Var", r"\operatorname{Var}"

    def expanded(self) -> sp.Expr:
        x, law = self.args
        return Expect(x**2, law) - Expect(x, law) ** 2


class Covariance(_Operator):
    """Cov[a, b] = E[ab] − E[a]E[b] under ``law``."""

    nargs = 3
    label, latex_name = "Cov", r"\operatorname{Cov}"

    def expanded(self) -> sp.Expr:
        a, b, law = self.args
        return Expect(a * b, law) - Expect(a, law) * Expect(b, law)


OPERATORS = (Expect, Variance, Covariance)


def random_atoms(law: sp.Tuple) -> set[sp.Basic]:
    return {entry[0] for entry in law}


def passes_inside(node: _Operator, s: sp.Basic) -> bool:
    """d/ds of the node may be taken inside it: s is not random and no law depends on it."""
    law = node.args[-1]
    return s not in random_atoms(law) and not any(s in dist.free_symbols for _, dist, _ in law)


# ---------------------------------------------------------------------- distributions


def distribution(kind: str, *params: sp.Expr) -> sp.Tuple:
    return sp.Tuple(Str(kind), *params)


def moment(dist: sp.Tuple, p: int, atom: sp.Basic) -> sp.Expr:
    """E[X^p] for X = ``atom`` (or an entry of it) with the distribution ``dist``."""
    kind, params = str(dist[0]), dist[1:]
    if p == 0:
        return sp.Integer(1)
    if kind == "normal":
        m, v = params
        return _from_central(m, p, lambda k: 0 if k % 2 else v ** (k // 2) * _double_factorial(k - 1))
    if kind == "bernoulli":
        return params[0]
    if kind == "rademacher":
        return sp.Integer(0 if p % 2 else 1)
    if kind == "uniform":
        a, b = params
        return sp.Add(*(a**k * b ** (p - k) for k in range(p + 1))) / (p + 1)
    m, v = params
    if kind == "symmetric":
        return _from_central(m, p, lambda k: 0 if k % 2 else v ** (k // 2))
    if p == 1:
        return m
    if p == 2:
        return v + m**2
    return _unknown_moment(atom, p)


_UNKNOWN: dict[tuple[sp.Basic, int], sp.Dummy] = {}


def _unknown_moment(atom: sp.Basic, p: int) -> sp.Dummy:
    """E[X^p] of a law given by its mean and variance: a variable of its own (a Dummy, so that
    no name of the file, nor another variable's moment, can be the same symbol)."""
    if (atom, p) not in _UNKNOWN:
        name = f"{atom.label}_k" if isinstance(atom, sp.IndexedBase) else str(atom)
        _UNKNOWN[(atom, p)] = sp.Dummy(f"E[{name}^{p}]", real=True)
    return _UNKNOWN[(atom, p)]


def _from_central(m: sp.Expr, p: int, central: Callable[[int], sp.Expr]) -> sp.Expr:
    """E[(m + Z)^p] from the moments E[Z^k] of a centred Z."""
    return sp.Add(*(math.comb(p, k) * m ** (p - k) * central(k) for k in range(p + 1)))


def _double_factorial(n: int) -> int:
    return math.prod(range(n, 0, -2)) if n > 0 else 1


def conditions(dist: sp.Tuple) -> list[sp.core.relational.Relational]:
    """What the parameters must satisfy for the distribution to exist."""
    kind, params = str(dist[0]), dist[1:]
    if kind in ("normal", "moments", "symmetric"):
        return [sp.GreaterThan(params[1], 0)]
    if kind == "bernoulli":
        return [sp.GreaterThan(params[0], 0), sp.GreaterThan(1 - params[0], 0)]
    if kind == "uniform":
        return [sp.StrictGreaterThan(params[1] - params[0], 0)]
    return []


def requirement(dist: sp.Tuple) -> str:
    """What the parameters of the law must satisfy, in words."""
    return {"normal": "a variance must be ≥ 0", "moments": "a variance must be ≥ 0",
            "bernoulli": "a probability must lie in [0, 1]",
            "uniform": "uniform(a, b) needs a < b"}.get(str(dist[0]), "")


def describe(dist: sp.Tuple) -> str:
    kind, params = str(dist[0]), [sp.sstr(p) for p in dist[1:]]
    return {
        "normal": lambda: f"N({', '.join(params)})",
        "bernoulli": lambda: f"Bernoulli({params[0]})",
        "rademacher": lambda: "±1 with probability 1/2 each",
        "uniform": lambda: f"uniform on [{params[0]}, {params[1]}]",
        "moments": lambda: f"mean {params[0]}, variance {params[1]}",
        "symmetric": lambda: f"{params[0]} ± √({params[1]}) with probability 1/2 each",
    }[kind]()


# ---------------------------------------------------------------------- declarations

_SPEC = re.compile(r"^\s*(?P<kind>[A-Za-z]+)\s*(?:\((?P<args>.*)\))?\s*$", re.S)
_NAMES = {"n": "normal", "normal": "normal", "gaussian": "normal", "bernoulli": "bernoulli",
          "rademacher": "rademacher", "u": "uniform", "uniform": "uniform"}
_ARITY = {"normal": 2, "bernoulli": 1, "rademacher": 0, "uniform": 2}
SPEC_HINT = ('write a law such as "N(0, 1)" (mean, variance), "Bernoulli(p)", "Rademacher", '
             '"uniform(a, b)", or "mean m, variance v" for any law with these')


def parse_spec(text: str, name: str,
               read: Callable[[str], sp.Expr]) -> sp.Tuple:
    """A declared law (``"N(0, 1)"``, ``"mean 0, variance 1/n"``) → a distribution Tuple.
    ``read`` reads one parameter (the safe expression reader, in the file's context)."""
    words = text.strip()
    if words.lower().startswith(("mean", "variance")) or words.lower() == "any":
        found = {"mean": None, "variance": None}
        for part in filter(None, (p.strip() for p in words.split(","))):
            key, _, value = part.partition(" ")
            if key.lower() not in found or found[key.lower()] is not None or not value.strip():
                if part.lower() == "any":
                    continue
                raise ValueError(f"{part!r}: {SPEC_HINT}")
            found[key.lower()] = read(value.strip())
        mean = found["mean"] if found["mean"] is not None else sp.Symbol(f"E[{name}]", real=True)
        var = found["variance"] if found["variance"] is not None else \
            sp.Symbol(f"Var[{name}]", nonnegative=True)
        return distribution("moments", mean, var)
    m = _SPEC.match(words)
    kind = _NAMES.get(m.group("kind").lower()) if m else None
    if kind is None:
        raise ValueError(f"{text!r} is not a law derivcheck knows: {SPEC_HINT}")
    args = [a.strip() for a in _split_args(m.group("args") or "")]
    if len(args) != _ARITY[kind]:
        raise ValueError(f"{text!r}: {m.group('kind')} takes {_ARITY[kind]} parameter(s); "
                         f"{SPEC_HINT}")
    return distribution(kind, *(read(a) for a in args))


def _split_args(text: str) -> list[str]:
    """Split on the commas at depth 0."""
    out, depth, cur = [], 0, ""
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur)
    return out
