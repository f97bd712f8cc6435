"""Sound rewrite of an expression into a rational function of fresh symbols.

Every transcendental atom becomes a fresh symbol, so each side of a claim is a
rational function over ℚ in (original symbols ∪ fresh symbols). The rewrite
is a ring homomorphism evaluated at the true values of the atoms, so

    rewritten difference ≡ 0   ⇒   original difference = 0 wherever defined.

The converse fails (relations between atoms, e.g. sin² + cos² = 1, are lost):
a non-zero rewritten difference is never a refutation by itself.

Opaque atoms (``opaque=True``): each σ(a), tanh(a), sinh(a), cosh(a) is
instead one fresh symbol per distinct argument, and nothing else is known
about it. This is the same homomorphism argument with fewer relations: a
difference that vanishes with the atoms as independent symbols vanishes at
their true values. It loses relations (σ(a) and e^(−a) become unrelated), so
it proves fewer claims, but where it does the rational functions are far
smaller: σ(a) stays one symbol instead of becoming 1/(1 + Π u⁻¹), whose
denominators multiply up when gradients sum over hidden units.

Rules, each an identity valid under the stated assumptions:
  exp(Σ c_m·m) = Π u_m^(c_m/g_m)   with u_m = exp(g_m·m), g_m = the gcd of the
                                      rational coefficients m occurs with (any m):
                                      exponents stay small even for 0.044715·x³
  log(exp(a)) = a                     when a is real
  log(Π f_i^k_i) = Σ k_i·log(f_i)     when every f_i is positive and k_i real
  anything else (log of a sum, sin(…), a non-integer power) = one fresh symbol
                                      per distinct (rewritten) expression
"""

from __future__ import annotations

from fractions import Fraction
from math import gcd

import sympy as sp

from checker.dag import distinct_nodes
from checker.strategies.program import (
    MAX_EXPONENT,
    Program,
    Unsupported,
    rational_of,
)
from checker.vocabulary import EXP_FORMS, exp_exponents

# σ, tanh, sinh and cosh (every vocabulary function with a form through exp) are read
# through exp; the exponents they bring are prescanned like those of exp itself.
_DEFINED_EXPONENTS = tuple(EXP_FORMS)

OPAQUE_FUNCTIONS = _DEFINED_EXPONENTS


def _small_power(a: sp.Basic) -> bool:
    """(a + b)^k with k a small positive integer and few terms: multiplied out in an
    exponent (an identity), so that e^((x − μ)²) and e^(x²)e^(−2μx)e^(μ²) are the same atoms."""
    return a.is_Pow and a.base.is_Add and a.exp.is_Integer and 2 <= a.exp <= 4 \
        and len(a.base.args) ** int(a.exp) <= 64


def _fraction_gcd(a: Fraction, b: Fraction) -> Fraction:
    """The largest positive rational u with a/u and b/u both integers."""
    a, b = abs(a), abs(b)
    if a == 0 or b == 0:
        return a or b or Fraction(1)
    return Fraction(gcd(a.numerator * b.denominator, b.numerator * a.denominator),
                    a.denominator * b.denominator)


def exponents(exprs: list[sp.Expr]) -> list[sp.Expr]:
    """The distinct exponents of exp in the expressions, σ, tanh, sinh and cosh written
    through exp (one walk over the shared DAG, remembered with the claim's other walks)."""
    out: dict[sp.Expr, None] = {}
    kinds: dict[type, int] = {}  # per node type: 0 nothing, 1 exp, 2 a power, 3 σ, tanh …
    for e in distinct_nodes(exprs):
        t = type(e)
        kind = kinds.get(t)
        if kind is None:  # (isinstance(e, sp.exp) holds for exp and for a power of E)
            kind = kinds[t] = (0 if e.is_Atom else 1 if sp.exp in t.__mro__
                               else 2 if issubclass(t, sp.Pow)
                               else 3 if e.func in _DEFINED_EXPONENTS else 0)
        if kind == 1 or (kind == 2 and isinstance(e, sp.exp)):
            out[e.args[0]] = None
        elif kind == 3:
            out.update(dict.fromkeys(exp_exponents(e.func, e.args[0])))
    return list(out)


def touched(exprs: list[sp.Expr], symbols: frozenset[sp.Symbol]) -> dict[sp.Expr, bool]:
    """For every node of the expressions: whether it holds one of ``symbols`` (children
    first, one walk over the shared DAG)."""
    out: dict[sp.Expr, bool] = {}
    for root in exprs:
        stack: list[tuple[sp.Expr, bool]] = [(root, False)]
        while stack:
            e, ready = stack.pop()
            if e in out:
                continue
            if e.is_Symbol:
                out[e] = e in symbols
                continue
            if not ready:
                stack.append((e, True))
                stack.extend((a, False) for a in e.args if a not in out)
                continue
            out[e] = any(out[a] for a in e.args)
    return out


class Rewriter:
    def __init__(self, program: Program | None = None,
                 subs: dict[sp.Symbol, sp.Expr] | None = None, opaque: bool = False) -> None:
        self.program = program or Program()
        self.subs = subs or {}  # symbol → value (a hypothesis case), applied while reading
        # opaque: σ, tanh, sinh, cosh of each distinct argument are one free symbol each,
        # with no relations to anything else (see "Opaque atoms" above).
        self.opaque = opaque
        self.atoms: dict[object, sp.Symbol] = {}  # key -> fresh symbol
        # root atoms: (variable index of s, q, program node of u) with s^q = u, s ≥ 0
        self.relations: list[tuple[int, int, int]] = []
        self._memo: dict[sp.Expr, int] = {}
        self._terms: dict[sp.Expr, tuple[tuple[Fraction, sp.Expr], ...]] = {}
        self._unit: dict[sp.Expr, Fraction] = {}  # monomial m → gcd of its coefficients
        self._pow_unit: dict[tuple, Fraction] = {}  # (base, m) → the unit of u^(unit·m)

        # Several hypothesis cases in one program (:meth:`case`): which nodes of the stated
        # sides hold a substituted symbol, and, per set of substituted symbols, the memo of
        # the nodes that hold none of them (shared by the cases that substitute that set).
        self._touched: dict[sp.Expr, bool] = {}
        self._shared: dict[frozenset[sp.Symbol], dict[sp.Expr, int]] = {}

    # -- pass 1: the coefficients each exponent monomial appears with -------------
    def prescan(self, exprs: list[sp.Expr]) -> None:
        self.prescan_exponents(exponents(exprs))

    def prescan_exponents(self, args: list[sp.Expr]) -> None:
        """Pass 1 over the exponents :func:`exponents` found (in this case's substitution)."""
        for arg in args:
            for c, m in self._exp_terms(self._sub(arg)):
                self._unit[m] = _fraction_gcd(self._unit.get(m, abs(c)), c)

    def case(self, subs: dict[sp.Symbol, sp.Expr], touched: dict[sp.Expr, bool]) -> None:
        """Go on in the same program with another hypothesis case: ``touched`` tells, for each
        node of the stated sides, whether it holds a symbol of ``subs`` (:func:`touched`).
        What the nodes that hold none were rewritten to is kept: their value is the same in
        every case, and so are the fresh symbols, the exponents' units and the root relations
        (each is keyed by what it stands for)."""
        was, keys = self._touched, frozenset(self.subs)
        shared = self._shared.setdefault(keys, {})
        for e, i in self._memo.items():
            hit = was.get(e)
            if hit is None:  # not a node of the sides (an argument after substitution)
                hit = not e.free_symbols.isdisjoint(keys)
            if not hit:
                shared[e] = i
        self.subs, self._touched = subs, touched
        self._memo = dict(self._shared.get(frozenset(subs), {}))

    def _sub(self, e: sp.Expr) -> sp.Expr:
        """The case's substitution applied to a (small) argument of exp or log."""
        if not self.subs:
            return e
        hit = self._touched.get(e)
        if hit is None:
            hit = not e.free_symbols.isdisjoint(self.subs)
        return e.xreplace(self.subs) if hit else e

    def _exp_terms(self, arg: sp.Expr) -> tuple[tuple[Fraction, sp.Expr], ...]:
        found = self._terms.get(arg)
        if found is None and arg.is_Symbol:  # (most exponents: what expand_mul would say)
            found = self._terms[arg] = ((Fraction(1), arg),)
        if found is None:
            # Keys must not depend on whether σ, tanh … were written out: e^(w σ(a)) and
            # e^(w/(1 + e^(−a))) are one atom. Exponents are small, so this is cheap.
            canon = arg.rewrite(list(_DEFINED_EXPONENTS), sp.exp) \
                if arg.has(*_DEFINED_EXPONENTS) else arg
            if canon.has(sp.Pow):  # e^((x − μ)²) and e^(x² − 2μx + μ²): one product of atoms
                canon = canon.replace(_small_power, sp.expand_multinomial)
            terms = []
            for t in sp.Add.make_args(sp.expand_mul(canon)):
                c, m = t.as_coeff_Mul()
                value = rational_of(c)
                if value is None:  # a non-rational numeric coefficient: keep it in m
                    value, m = Fraction(1), t
                terms.append((value, m))
            found = self._terms[arg] = tuple(terms)
        return found

    # -- pass 2: emit the rational program ----------------------------------------
    def __call__(self, e: sp.Expr) -> int:
        """Emit every node of ``e`` once, children first (as :func:`postorder` does), with
        sums and products, nearly every node of a gradient, emitted here without a call
        per node; everything else goes through :meth:`_emit`."""
        memo = self._memo
        found = memo.get(e)
        if found is not None:
            return found
        program = self.program
        stack = [e]
        while stack:
            cur = stack[-1]
            if cur in memo:
                stack.pop()
                continue
            if cur.is_Add or cur.is_Mul:
                args = cur.args
                kids = list(map(memo.get, args))
                if None in kids:
                    stack.extend(a for a, k in zip(args, kids, strict=True) if k is None)
                    continue
                memo[cur] = kids[0] if len(kids) == 1 else program.node(
                    ("add" if cur.is_Add else "mul", tuple(sorted(kids))))
            elif cur.is_Pow and cur.exp.is_Integer and cur.base not in memo:
                stack.append(cur.base)
                continue
            else:
                memo[cur] = self._emit(cur)
            stack.pop()
        return memo[e]

    def _fresh(self, key: object, hint: str) -> int:
        sym = self.atoms.get(key)
        if sym is None:
            sym = sp.Dummy(f"{hint}{len(self.atoms)}")
            self.atoms[key] = sym
        return self.program.var(sym)

    def _emit(self, e: sp.Expr) -> int:
        p, memo = self.program, self._memo
        if e.is_Number:
            value = rational_of(e)
            if value is None:
                raise Unsupported(f"the value {e} is not a finite real number")
            return p.const(value)
        if e.is_Symbol:
            return self(self.subs[e]) if e in self.subs else p.var(e)
        if e.is_Add:
            return p.add([memo[a] for a in e.args])
        if e.is_Mul:
            return p.mul([memo[a] for a in e.args])
        if e.is_Pow and e.exp.is_Integer:
            if abs(int(e.exp)) > MAX_EXPONENT:
                raise Unsupported(f"exponent {e.exp} is too large")
            return p.pow(memo[e.base], Fraction(int(e.exp)))
        if self.opaque and e.func in _DEFINED_EXPONENTS:
            return self._fresh((e.func, tuple(self(self._sub(a)) for a in e.args)), "o")
        if e is sp.E:
            return self._exp(sp.Integer(1))
        if isinstance(e, sp.exp):
            return self._exp(self._sub(e.args[0]))
        if isinstance(e, sp.log):
            arg = self._sub(e.args[0])
            if arg.has(*_DEFINED_EXPONENTS):  # log σ(x) and −log(1 + e^(−x)) must meet
                arg = arg.rewrite(list(_DEFINED_EXPONENTS), sp.exp)
            return self._log(arg)
        if e.func in _DEFINED_EXPONENTS:
            return self._defined(e.func, self._sub(e.args[0]))
        if e.is_Pow and e.exp.is_Rational and not e.exp.is_Integer:
            return self._root(self._sub(e.base), e.exp)
        if e.is_Pow and not e.exp.is_Rational:
            return self._power(self._sub(e.base), self._sub(e.exp))
        # Another function, a constant such as π: one fresh symbol per distinct expression
        # (keyed on its rewritten arguments).
        key = (e.func, tuple(self(a) for a in e.args))
        return self._fresh(key, "a")

    def _root(self, base: sp.Expr, k: sp.Rational) -> int:
        """u^(p/q) = s^p for the fresh s = u^(1/q) ≥ 0, with the relation s^q = u recorded
        (the exact certificate reduces by it; elsewhere s is just a fresh symbol)."""
        u = self(base)
        q = int(k.q)
        key = ("root", u, q)
        new = key not in self.atoms
        s = self._fresh(key, "r")
        if new:
            self.relations.append((self.program.ops[s][1], q, u))
        return self.program.pow(s, Fraction(int(k.p)))

    def _power(self, base: sp.Expr, ex: sp.Expr) -> int:
        """u^(c + Σ c_m·m) = u^c · Π (u^(g·m))^(c_m/g), each u^(g·m) a fresh symbol (g as for
        exp): u^y·u^(1−y) = u whatever y is. An identity of principal powers (u^z is
        e^(z·log u), defined here for u > 0: a power of a base that is not certainly positive
        is undefined in evaluation)."""
        p = self.program
        factors = []
        b = self(base)
        for c, m in self._exp_terms(ex):
            if m == 1:
                factors.append(self(base ** sp.Rational(c.numerator, c.denominator)))
                continue
            key = ("pow", b, m)
            factors.append(self._unit_power(key, c, self._pow_unit.setdefault(key, abs(c)),
                                            "p"))  # u^(c·m) = (u^(unit·m))^(c/unit)
        return p.mul(factors) if factors else p.const(1)

    def _unit_power(self, key: tuple, c: Fraction, unit: Fraction, hint: str) -> int:
        """The atom ``key`` to the power c: the atom stands for the power ``unit`` (e^(unit·m),
        u^(unit·m)), so the exponent is c / unit, an integer (where c is not a multiple of
        ``unit``, a unit that divides both, and with it another atom)."""
        if (c / unit).denominator != 1:
            unit = _fraction_gcd(unit, c)
        return self.program.pow(self._fresh((*key, unit), hint), c / unit)

    def _defined(self, func: object, a: sp.Expr) -> int:
        """σ(a), tanh(a), sinh(a), cosh(a) … through exp, as the vocabulary defines them."""
        return self(EXP_FORMS[func](a))  # type: ignore[index]

    def _exp(self, arg: sp.Expr) -> int:
        p = self.program
        factors = []
        for c, m in self._exp_terms(arg):
            if isinstance(m, sp.log) and m.args[0].is_positive:  # e^(c·log u) = u^c for u > 0
                u = self._sub(m.args[0])
                factors.append(self(u ** sp.Rational(c.numerator, c.denominator)))
                continue
            factors.append(self._unit_power(("exp", m), c, self._unit.get(m, abs(c)), "u"))
            # (u = e^(unit·m), e^(c·m) = u^(c/unit); a unit not seen in prescan: see there)
        return p.mul(factors) if factors else p.const(1)

    def _log(self, arg: sp.Expr) -> int:
        p = self.program
        if isinstance(arg, sp.exp) and arg.args[0].is_extended_real:
            return self(arg.args[0])
        if arg.is_Mul or arg.is_Pow or isinstance(arg, sp.exp):
            parts = []
            for f in sp.Mul.make_args(arg):
                base, k = (f, sp.Integer(1)) if isinstance(f, sp.exp) else f.as_base_exp()
                kv = rational_of(k) if k.is_Number else None
                if kv is None or base.is_positive is not True:
                    break
                if isinstance(base, sp.exp) and base.args[0].is_extended_real:
                    term = self(base.args[0])
                elif base.is_Rational:
                    term = self._fresh(("log", base), "l")
                else:
                    term = self._log(base) if (base.is_Mul or base.is_Pow) else self._fresh(
                        ("log", self(base)), "l"
                    )
                parts.append(p.mul([p.const(kv), term]))
            else:
                return p.add(parts)
        if arg == 1:
            return p.const(0)
        if arg.is_Rational and arg.is_positive:  # log 2 alone and in log(2πσ²): one atom
            return self._fresh(("log", arg), "l")
        return self._fresh(("log", self(arg)), "l")
