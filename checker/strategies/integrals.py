"""Claims with definite integrals: evaluated exactly where a rule knows their value, otherwise
compared by linearity; never by SymPy's ``integrate`` (whose answers are not checked) and
never by quadrature.

1. **Exact values.** An integrand that is, term by term, a polynomial in t times exp of a
   polynomial of degree at most 2 (a Gaussian density times a polynomial, e^(−t), a
   polynomial) has an antiderivative this module writes down itself, from the recursions

       ∫ u^j e^(−αu²) du = −u^(j−1) e^(−αu²) / (2α) + (j − 1)/(2α) ∫ u^(j−2) e^(−αu²) du,
       ∫ e^(−αu²) du = √π/(2√α) erf(√α u),     ∫ t^k e^(βt) dt by parts,

   after completing the square. Each rule needs a fact the assumptions prove (α > 0, β ≠ 0,
   and at an infinite bound the sign that makes the term vanish there); the values at ±∞ are
   the known limits (erf → ±1, a polynomial times e^(−αu²) or a decaying e^(βt) → 0). The
   claim with those values in place of the integrals is decided by the engine as any other,
   so a counterexample to it is one to the claim.
2. **Linearity.** Integrals left are split over the terms of their integrands, constant
   factors taken out, and each distinct ∫ g(t) dt (the same g and bounds) becomes one
   symbol. A claim that holds for *every* value of those symbols is proved, "where each
   integral exists"; one that does not is unknown, never refuted (the symbols are not free).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

import sympy as sp

from checker.dag import contains
from checker.model import Claim, entries
from checker.results import Method, Result, Verdict
from checker.strategies import counterexample
from checker.vocabulary import ConditionalIntegral as Conditional

Decide = Callable[[Claim, object], Result]
_T = sp.Dummy("t", real=True)  # the variable of every integral compared by linearity
LINEARITY = "the integrals compared by linearity (each split over its terms), where each exists"


class _NoRule(Exception):
    """This integral has no exact value by the rules here."""


def present(claim: Claim) -> bool:
    return _has([claim.lhs, claim.rhs]) or any(_has(_parts(h)) for h in claim.given)


def _has(exprs: list[object]) -> bool:
    # one walk over the shared DAG (SymPy's has() walks the tree: exponential on a network's
    # gradient, whose subexpressions are shared many times over)
    sides = [v for e in exprs for v in entries(e) if isinstance(v, sp.Basic)]
    return contains(sides, sp.Integral)


def _parts(h: object) -> list[object]:
    """The expressions of a hypothesis (an equation's sides, a condition's relation)."""
    return [getattr(h, name) for name in ("lhs", "rhs", "relation") if hasattr(h, name)]


def decide(claim: Claim, settings: object, check: Decide) -> Result:
    t0 = time.perf_counter()
    if any(isinstance(e, sp.MatrixBase) for e in (claim.lhs, claim.rhs)):
        return _unknown(t0, "integrals inside a vector or matrix claim are not evaluated; "
                        "state it for one entry")
    if any(_has(_parts(h)) for h in claim.given):
        return _unknown(t0, "a hypothesis holds an integral, which is not evaluated there")
    evaluated: list[str] = []
    try:
        lhs, rhs = (_evaluate_all(e, evaluated) for e in (claim.lhs, claim.rhs))
        domain = tuple(_evaluate_all(d, evaluated) for d in claim.domain)
    except (sp.PolynomialError, ValueError, TypeError, RecursionError) as exc:
        return _unknown(t0, f"the integrals could not be evaluated ({exc})")
    if any(d.has(sp.Integral) for d in domain):
        return _unknown(t0, "the claim is defined only where an integral has a sign, and that "
                        "integral has no exact value here")
    exact = replace(claim, lhs=lhs, rhs=rhs, domain=domain)
    if not present(exact):
        # the values hold log √(2π)-style constants: the logs of products of positive factors
        # split on both sides alike (SymPy splits only what its assumptions show positive)
        # and terms on both sides cancel (log π: constants the counterexample search cannot
        # evaluate exactly)
        sides = _without_common(_logs_split(lhs), _logs_split(rhs))
        result = check(replace(exact, **sides), settings)
        if result.counterexample is not None:  # a value for every symbol the claim has
            result = replace(result, counterexample=counterexample.completed(
                result.counterexample, claim.symbols))
        how = "integrals evaluated exactly (Gaussian and exponential integrals, by their " \
              "antiderivatives): " + "; ".join(evaluated[:3]) + (" …" if len(evaluated) > 3 else "")
        if sides["lhs"] != _logs_split(lhs) and result.counterexample is not None:
            how += "; terms common to both sides cancelled (the values shown are of what is left)"
        return replace(result, elapsed=time.perf_counter() - t0,
                       detail="; ".join(x for x in (how, result.detail) if x))
    if any(d.has(sp.Integral) for d in (lhs, rhs) for d in d.atoms(sp.Derivative)):
        return _unknown(t0, "a derivative of an integral that has no exact value here (the "
                        "fundamental theorem of calculus is not applied)")
    if any(i.function.has(sp.Integral) or len(i.limits) > 1 for d in (lhs, rhs)
           if isinstance(d, sp.Basic) for i in d.atoms(sp.Integral)):
        return _unknown(t0, "an integral inside an integral that has no exact value here")
    if any(total.function.has(sp.Integral) for d in (lhs, rhs) if isinstance(d, sp.Basic)
           for total in d.atoms(sp.Sum, sp.Product)):
        return _unknown(t0, "an integral inside a sum that has no exact value here (its value "
                        "may depend on the sum's index)")
    symbols: dict[sp.Expr, sp.Symbol] = {}
    try:
        opaque = replace(exact, lhs=_linear(lhs, symbols), rhs=_linear(rhs, symbols))
    except (sp.PolynomialError, ValueError, TypeError, RecursionError) as exc:
        return _unknown(t0, f"the integrals could not be split by linearity ({exc})")
    left = [sp.sstr(i) for i in symbols]
    result = check(opaque, replace(settings, prove_only=True)) if not present(opaque) else None
    if result is not None and result.verdict is Verdict.PROVED and not result.vacuous:
        return replace(result, elapsed=time.perf_counter() - t0, detail="; ".join(
            x for x in (LINEARITY, result.detail) if x))
    return _unknown(t0, "no exact value is known here for " + ", ".join(left[:3])
                    + (" …" if len(left) > 3 else "")
                    + " (integrals are evaluated for a polynomial times exp of a polynomial of "
                      "degree ≤ 2), and the claim does not follow by linearity alone")


def _without_common(lhs: object, rhs: object) -> dict[str, object]:
    if not (isinstance(lhs, sp.Expr) and isinstance(rhs, sp.Expr)):
        return {"lhs": lhs, "rhs": rhs}
    left, right = sp.Add.make_args(lhs), sp.Add.make_args(rhs)
    common = set(left) & set(right)
    return {"lhs": sp.Add(*(t for t in left if t not in common)),
            "rhs": sp.Add(*(t for t in right if t not in common))}


def _logs_split(e: object) -> object:
    return sp.expand_log(e, force=False) if isinstance(e, sp.Expr) else e


def with_values(claim: Claim) -> Claim:
    """The claim with each integral that has an exact value here replaced by it (for the
    diagnosis, which samples the sides: an integral has no value at a point until then)."""
    if not present(claim) or any(isinstance(e, sp.MatrixBase) for e in (claim.lhs, claim.rhs)):
        return claim
    try:
        return replace(claim, lhs=_evaluate_all(claim.lhs, []), rhs=_evaluate_all(claim.rhs, []))
    except (sp.PolynomialError, ValueError, TypeError, RecursionError):
        return claim


def _unknown(t0: float, why: str) -> Result:
    return Result(Verdict.UNKNOWN, Method.NONE, time.perf_counter() - t0, detail=why)


# -- exact values ---------------------------------------------------------------------------

def _evaluate_all(e: object, evaluated: list[str]) -> object:
    """``e`` with each integral that has an exact value here replaced by it (innermost
    first); the others are left as they are."""
    if not isinstance(e, sp.Basic) or not e.has(sp.Integral):
        return e

    def one(i: sp.Integral) -> sp.Expr:
        inner = i.function
        if inner.has(sp.Integral):
            inner = _evaluate_all(inner, evaluated)
            if inner.has(sp.Integral):
                return i.func(inner, *i.limits)
        if isinstance(i, Conditional):  # its integrand is not defined everywhere: no value
            return i.func(inner, *i.limits)
        # ∫∫ f dt du is one Integral with two limits, the innermost first
        for k, limit in enumerate(i.limits):
            try:
                inner = value_of(inner, *limit)
            except _NoRule:
                return i.func(inner, *i.limits[k:])
        evaluated.append(f"{sp.sstr(i)} = {sp.sstr(inner)}")
        return inner

    return e.replace(lambda a: isinstance(a, sp.Integral), one)


def value_of(f: sp.Expr, t: sp.Symbol, a: sp.Expr, b: sp.Expr) -> sp.Expr:
    """∫_a^b f dt exactly, or _NoRule."""
    a, b = (v if isinstance(v, sp.Basic) else sp.Integer(v) for v in (a, b))  # ints in tests
    if not f.has(t):
        if a.is_infinite or b.is_infinite:
            if f.is_zero:
                return sp.Integer(0)
            raise _NoRule
        return f * (b - a)
    total = sp.Integer(0)
    for term in sp.Add.make_args(sp.expand(sp.expand_log(f))):
        total += _term(term, t, a, b)
    return sp.expand(total)  # √π/√π and the like cancel: the engine has no rule for π


def _term(term: sp.Expr, t: sp.Symbol, a: sp.Expr, b: sp.Expr) -> sp.Expr:
    coeff, k, q = sp.Integer(1), 0, sp.Integer(0)
    for factor in sp.Mul.make_args(term):
        if not factor.has(t):
            coeff *= factor
        elif factor == t:
            k += 1
        elif factor.is_Pow and factor.base == t and factor.exp.is_Integer and factor.exp > 0:
            k += int(factor.exp)
        elif isinstance(factor, sp.exp):
            q += factor.args[0]
        elif factor.is_Pow and isinstance(factor.base, sp.exp) and not factor.exp.has(t):
            q += factor.base.args[0] * factor.exp
        else:
            raise _NoRule
    q = sp.expand(q)
    if not q.is_polynomial(t):
        raise _NoRule
    poly = sp.Poly(q, t)
    if poly.degree() > 2:
        raise _NoRule
    a2, a1, a0 = ([sp.Integer(0)] * 3 + poly.all_coeffs())[-3:]
    if any(c.has(t) for c in (a2, a1, a0)):
        raise _NoRule
    if a2 != 0:
        alpha = -a2
        if alpha.is_positive is not True:
            raise _NoRule  # e^(+t²) or a sign not known: no rule here
        return coeff * _gaussian(k, alpha, a1, a0, a, b)
    if a1 != 0:
        return coeff * sp.exp(a0) * _exponential(k, a1, t, a, b)
    if a.is_infinite or b.is_infinite:
        raise _NoRule  # a polynomial over an infinite range: no value
    return coeff * sp.exp(a0) * (b ** (k + 1) - a ** (k + 1)) / (k + 1)


def _gaussian(k: int, alpha: sp.Expr, a1: sp.Expr, a0: sp.Expr, a: sp.Expr,
              b: sp.Expr) -> sp.Expr:
    """∫_a^b t^k e^(−αt² + a1 t + a0) dt, α > 0: with t = u + m, m = a1/(2α), the exponent is
    −αu² + c, c = a0 + a1²/(4α)."""
    m = a1 / (2 * alpha)
    c = sp.expand(a0 + a1 ** 2 / (4 * alpha))
    total = sp.Integer(0)
    for j in range(k + 1):
        total += sp.binomial(k, j) * m ** (k - j) * (_moment(j, alpha, _shift(b, m))
                                                   - _moment(j, alpha, _shift(a, m)))
    return sp.exp(c) * total


def _shift(bound: sp.Expr, m: sp.Expr) -> sp.Expr:
    return bound if bound.is_infinite else bound - m


def _moment(j: int, alpha: sp.Expr, u: sp.Expr) -> sp.Expr:
    """G_j(u), an antiderivative of u^j e^(−αu²), at u (its limit at ±∞)."""
    if u.is_infinite:
        sign = 1 if u == sp.oo else -1
        if j == 0:
            return sign * sp.sqrt(sp.pi) / (2 * sp.sqrt(alpha))
        if j == 1:
            return sp.Integer(0)
        return sp.Rational(j - 1, 2) / alpha * _moment(j - 2, alpha, u)
    if j == 0:
        return sp.sqrt(sp.pi) / (2 * sp.sqrt(alpha)) * sp.erf(sp.sqrt(alpha) * u)
    if j == 1:
        return -sp.exp(-alpha * u ** 2) / (2 * alpha)
    return (-u ** (j - 1) * sp.exp(-alpha * u ** 2) / (2 * alpha)
            + sp.Rational(j - 1, 2) / alpha * _moment(j - 2, alpha, u))


def _exponential(k: int, beta: sp.Expr, t: sp.Symbol, a: sp.Expr, b: sp.Expr) -> sp.Expr:
    """∫_a^b t^k e^(βt) dt, β ≠ 0: the antiderivative e^(βt) Σ_i (−1)^i k!/(k−i)! t^(k−i)/β^(i+1);
    at an infinite bound only where e^(βt) decays there."""
    if beta.is_nonzero is not True:
        raise _NoRule

    def at(x: sp.Expr) -> sp.Expr:
        if x.is_infinite:
            decays = (beta.is_negative if x == sp.oo else beta.is_positive)
            if decays is not True:
                raise _NoRule
            return sp.Integer(0)
        return sp.exp(beta * x) * sum(
            (-1) ** i * sp.factorial(k) / sp.factorial(k - i) * x ** (k - i) / beta ** (i + 1)
            for i in range(k + 1))

    del t
    return at(b) - at(a)


# -- linearity ------------------------------------------------------------------------------

def _linear(e: object, symbols: dict[sp.Expr, sp.Symbol]) -> object:
    """``e`` with each integral split over the terms of its integrand, constant factors
    taken out, and each ∫ g dt left (canonical in its variable) a symbol of its own."""
    if not isinstance(e, sp.Basic) or not e.has(sp.Integral):
        return e

    def one(i: sp.Integral) -> sp.Expr:
        (t, a, b), = i.limits
        total = sp.Integer(0)
        for term in sp.Add.make_args(sp.expand(i.function.xreplace({t: _T}))):
            coeff, rest = term.as_independent(_T, as_Add=False)
            key = sp.Integral(rest, (_T, a, b))
            if key not in symbols:
                symbols[key] = sp.Dummy(f"∫{len(symbols) + 1}", real=True)
            total += coeff * symbols[key]
        return total

    return e.replace(lambda a: isinstance(a, sp.Integral), one)
