"""Claims with expectations, variances and covariances of declared random variables.

Every E[…] (and Var[X] = E[X²] − E[X]², Cov[X, Y] = E[XY] − E[X]E[Y]) is replaced by its
value, and the claim that is left, about ordinary variables only, is decided by the engine:

- **Linearity and independence.** The body of an expectation must be a polynomial in the
  random variables (its coefficients anything deterministic): it is expanded into monomials,
  and E of a monomial is the product of the moments of its independent factors. Sums over a
  random vector's entries (Σ_i q_i k_i, at a symbolic length too) are expanded as sums: in a
  product of sums the indices may coincide, and the moment of a monomial depends on which of
  them do. Summing over every pattern of coincidences by Möbius inversion on the lattice of
  partitions of the indices gives exact sums with indices merged (E[(Σ_i x_i)²] = Σ_i E[x²] +
  Σ_i Σ_j E[x]² − Σ_i E[x]², written as sums the every-n engine decides). Free indices that may
  coincide (E[q_i q_j]) give Kronecker deltas. E of anything else (e^X, 1/X) is not evaluated.
- **Moments** come from the declared laws (:mod:`checker.randomness`): a normal, Bernoulli,
  Rademacher or uniform law has every moment; a law given by its mean and variance has unknown
  moments from the third on, which stay symbols: a proof then holds for every such law.
- **Refutation** needs a law that satisfies the declarations: where unknown moments are
  involved, the claim is decided again for the law m ± √v (probability 1/2 each), which has the
  declared mean and variance, and a counterexample there is one for that law. The parameters'
  conditions (a variance ≥ 0, 0 ≤ p ≤ 1, a < b) are hypotheses of the claim that is decided.
  A claim with a random variable outside every expectation is about its values: it is proved
  only if it holds for every value, and never refuted (a value need not be one the law takes).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator
from dataclasses import replace

import sympy as sp
from sympy.core.symbol import Str

from checker.dag import contains
from checker.model import Claim, Condition, Equation, entries
from checker.randomness import OPERATORS, Covariance, Expect, Variance, conditions, describe
from checker.randomness import moment as law_moment
from checker.results import Method, Result, Verdict
from checker.shown import index_names
from checker.strategies.symbolic_n import least

Decide = Callable[[Claim, object], Result]
MAX_TERMS = 4000  # monomials of one expanded expectation
MAX_INDICES = 6  # distinct indices of random entries in one monomial (Bell(6) = 203 patterns)
RULE = ("expectations by linearity and independence (the declared random variables are "
        "independent of each other, a vector's entries alike)")


class Unsupported(Exception):
    """This expectation is not evaluated here (the reason)."""


def present(claim: Claim) -> bool:
    sides = [v for e in (claim.lhs, claim.rhs, *claim.domain, *_hypothesis_parts(claim))
             for v in entries(e) if isinstance(v, sp.Basic)]
    return contains(sides, *OPERATORS)


def _hypothesis_parts(claim: Claim) -> list[sp.Basic]:
    return [getattr(h, name) for h in claim.given for name in ("lhs", "rhs", "relation")
            if hasattr(h, name)]


def decide(claim: Claim, settings: object, check: Decide) -> Result:
    t0 = time.perf_counter()
    laws = _laws(claim)
    if len(laws) != 1:
        return _unknown(t0, "expectations under different declarations of what is random")
    law = next(iter(laws))
    ranges = {ix.symbol: (ix.lo, ix.hi) for ix in claim.indices}
    try:
        general = _evaluated(claim, law, ranges, two_point=False)
    except Unsupported as exc:
        return _unknown(t0, str(exc))
    outside = _random_outside(general, law)
    atoms = [a for a, _, _ in law]
    if outside and any(isinstance(p, sp.Basic) and p.has(*atoms)
                       for p in _hypothesis_parts(general)):
        return _unknown(t0, "a hypothesis about the values of a random variable (not about "
                        "its expectation): its law is declared, a hypothesis cannot restrict it")
    result = check(general, settings)
    unknown_moments = sorted(s.name for s in general.symbols if s.name.startswith("E[")
                             and "^" in s.name)
    what = RULE + (f"; for every law with the declared mean and variance (its higher moments "
                   f"{', '.join(unknown_moments)} left free)" if unknown_moments else "")
    if result.verdict is Verdict.REFUTED and unknown_moments:  # at some value of E[X³]: it
        # may not be one a law with the declared mean and variance has
        result = Result(Verdict.UNKNOWN, Method.NONE, result.elapsed, detail=(
            "holds or not depending on the moments " + ", ".join(unknown_moments)
            + ", which the declared laws leave open (declare a law such as N(m, v) to fix them)"))
    if result.verdict is Verdict.REFUTED and outside:
        return _unknown(t0, "a random variable stands outside every expectation: the claim is "
                        "about its values, and the value found need not be one its law takes")
    if result.verdict is not Verdict.PROVED and unknown_moments and not outside:
        pinned = _evaluated(claim, law, ranges, two_point=True)
        other = check(pinned, settings)
        if other.verdict is Verdict.REFUTED:
            laws_used = ", ".join(f"{_name(a)} = {describe(_symmetric(d))}"
                                  for a, d, _ in _distinct(law, claim) if str(d[0]) == "moments")
            other = _with_laws(other, laws_used)
            return replace(other, elapsed=time.perf_counter() - t0, detail="; ".join(
                x for x in (f"{RULE}; false for the law {laws_used} (it has the declared mean "
                            "and variance)", other.detail) if x))
    if result.verdict is Verdict.REFUTED:
        shown = ", ".join(f"{_name(a)} ~ {describe(d)}" for a, d, _ in _distinct(law, claim))
        if shown:  # (no random variable inside the expectations: no law to name)
            what += f"; false with {shown}"
            result = _with_laws(result, shown)
    return replace(result, elapsed=time.perf_counter() - t0,
                   detail="; ".join(x for x in (what, result.detail) if x))


def _with_laws(result: Result, shown: str) -> Result:
    """The counterexample says under which laws it is one (its case, as the report shows)."""
    cex = result.counterexample
    if cex is None:
        return result
    return replace(result, counterexample=replace(
        cex, case="; ".join(x for x in (cex.case, shown) if x)))


def _distinct(law: sp.Tuple, claim: Claim) -> list:
    """The laws of the random variables the claim's expectations use, one row per random vector
    of explicit length (its entries share their law), not one per entry."""
    bodies = [a for side in (claim.lhs, claim.rhs) for v in entries(side)
              if isinstance(v, sp.Basic) for node in v.atoms(*OPERATORS) for a in node.args[:-1]]
    out, seen = [], set()
    for atom, dist, sizes in law:
        if not any(b.has(atom) for b in bodies):
            continue
        name = str(atom).rsplit("_", 1)[0] if isinstance(atom, sp.Symbol) and "_" in str(atom) \
            else str(atom)
        if (name, dist) not in seen:
            seen.add((name, dist))
            out.append((atom, dist, sizes))
    return out


def _unknown(t0: float, why: str) -> Result:
    return Result(Verdict.UNKNOWN, Method.NONE, time.perf_counter() - t0, detail=why)


def _name(atom: sp.Basic) -> str:
    return str(atom.label) + "_k" if isinstance(atom, sp.IndexedBase) else str(atom)


def _symmetric(dist: sp.Tuple) -> sp.Tuple:
    return sp.Tuple(Str("symmetric"), *dist[1:])


def _laws(claim: Claim) -> set[sp.Tuple]:
    found: set[sp.Tuple] = set()
    for side in (claim.lhs, claim.rhs, *claim.domain):
        for v in entries(side):
            if isinstance(v, sp.Basic):
                for node in v.atoms(*OPERATORS):
                    found.add(node.args[-1])
    return found


def _valuer(claim: Claim, law: sp.Tuple, ranges: dict,
            two_point: bool) -> tuple[dict, Callable[[object], object]]:
    """(the laws by atom, a function that replaces every expectation of a value by its value)."""
    table = {a: (_symmetric(d) if two_point and str(d[0]) == "moments" else d, tuple(sizes))
             for a, d, sizes in law}
    memo: dict = {"hints": lambda dim: least(claim, dim)}

    def side(value: object) -> object:
        if isinstance(value, sp.MatrixBase):
            return value.applyfunc(lambda e: _evaluate(e, table, ranges, memo))
        return _evaluate(value, table, ranges, memo)  # type: ignore[arg-type]

    return table, side


def moments(value: object, claim: Claim) -> object:
    """``value`` with every expectation replaced by its value under the claim's laws, a law
    given by its mean and variance taken as m ± √v (so every moment is a number): for sampling
    a line (checker.diagnosis), never for a verdict. Unchanged where that cannot be done."""
    laws = _laws(claim)
    if len(laws) != 1 or not isinstance(value, sp.Basic | sp.MatrixBase):
        return value
    ranges = {ix.symbol: (ix.lo, ix.hi) for ix in claim.indices}
    try:
        return _valuer(claim, next(iter(laws)), ranges, two_point=True)[1](value)
    except Unsupported:
        return value


def _evaluated(claim: Claim, law: sp.Tuple, ranges: dict, two_point: bool) -> Claim:
    table, side = _valuer(claim, law, ranges, two_point)
    given = tuple(_hypothesis(h, side) for h in claim.given) + tuple(
        Condition(c) for d, _ in dict.fromkeys(table.values()) for c in conditions(d)
        if c is not sp.true)
    return replace(claim, lhs=side(claim.lhs), rhs=side(claim.rhs), given=given,
                   domain=tuple(side(d) for d in claim.domain))


def _hypothesis(h: object, side: Callable) -> object:
    """A hypothesis about expectations (E[X] = 0) is one about the moments they stand for."""
    if isinstance(h, Equation):
        return replace(h, lhs=side(h.lhs), rhs=side(h.rhs))
    if isinstance(h, Condition):
        return replace(h, relation=side(h.relation))
    return h


def _random_outside(claim: Claim, law: sp.Tuple) -> bool:
    atoms = [a for a, _, _ in law]
    return any(isinstance(v, sp.Basic) and v.has(*atoms)
               for side in (claim.lhs, claim.rhs, *_hypothesis_parts(claim))
               for v in entries(side))


# ---------------------------------------------------------------------- evaluation


def _evaluate(e: sp.Basic, table: dict, ranges: dict, memo: dict) -> sp.Basic:
    if not isinstance(e, sp.Basic) or not contains([e], *OPERATORS):
        return e
    key = (e, tuple(sorted(ranges.items(), key=lambda kv: sp.default_sort_key(kv[0]))))
    hints = memo["hints"]
    if key in memo:
        return memo[key]
    if isinstance(e, (Variance, Covariance)):
        out = _evaluate(e.expanded(), table, ranges, memo)
    elif isinstance(e, Expect):
        body = _evaluate(e.args[0], table, ranges, memo)
        out = _expect(sp.expand(body) if not contains([body], sp.Sum) else body, table, ranges,
                      hints)
    elif isinstance(e, sp.Derivative):  # of the value (a law may depend on the variable)
        if any(v in table for v in e.variables):
            raise Unsupported(f"a derivative by a random variable ({sp.sstr(e)})")
        out = _evaluate(e.expr, table, ranges, memo)
        params = set().union(*(d.free_symbols for d, _ in table.values()))
        if any(v in params for v in e.variables) and any(
                isinstance(a, sp.Dummy) and a.name.startswith("E[") for a in out.free_symbols):
            raise Unsupported(f"a derivative by {', '.join(map(str, e.variables))} of a moment "
                              "the declared law leaves open (how E[X³] varies with the mean or "
                              "variance depends on the law)")
        for var, times in e.variable_count:
            out = sp.diff(out, var, int(times))
    elif isinstance(e, (sp.Sum, sp.Product)):
        inner = dict(ranges)
        for var, lo, hi in e.limits:
            inner[var] = (lo, hi)
        out = e.func(_evaluate(e.function, table, inner, memo), *e.limits)
    else:
        out = e.func(*(_evaluate(a, table, ranges, memo) for a in e.args))
    memo[key] = out
    return out


Term = tuple[sp.Expr, tuple, tuple]  # (coefficient, sum limits, random factors (key, power))


def _expect(body: sp.Expr, table: dict, ranges: dict, hints: Callable[[sp.Expr], int]) -> sp.Expr:
    out = []
    for coeff, limits, factors in _terms(body, table):
        out.append(_expect_term(coeff, limits, factors, table, ranges, hints))
    return sp.Add(*out)


def _is_random(e: sp.Basic, table: dict) -> bool:
    return any(e.has(a) for a in table)


def _terms(e: sp.Expr, table: dict) -> list[Term]:
    if not _is_random(e, table):
        return [(e, (), ())]
    if e in table:
        if table[e][1]:
            raise Unsupported(f"{e} is a random vector or matrix: take the expectation of "
                              "its entries")
        return [(sp.Integer(1), (), (((e, ()), 1),))]
    if isinstance(e, sp.Indexed) and e.base in table:
        if any(not (isinstance(i, sp.Symbol) or i.is_Integer) for i in e.indices):
            raise Unsupported(f"the entry {sp.sstr(e)}: an index that is an expression")
        return [(sp.Integer(1), (), (((e.base, tuple(e.indices)), 1),))]
    if isinstance(e, sp.Add):
        return _capped([t for a in e.args for t in _terms(a, table)])
    if isinstance(e, sp.Mul):
        return _product([_terms(a, table) for a in e.args])
    if isinstance(e, sp.Pow) and e.exp.is_Integer and e.exp >= 0:
        return _product([_terms(e.base, table) for _ in range(int(e.exp))])
    if isinstance(e, sp.Sum):
        if any(_is_random(b, table) for _, lo, hi in e.limits for b in (lo, hi)):
            raise Unsupported("a sum whose bounds are random")
        subs = {var: sp.Dummy(str(var), integer=True) for var, _, _ in e.limits}
        # outermost first (SymPy lists a sum's limits innermost first); an inner range may
        # depend on an outer index
        limits = tuple((subs[var], lo.xreplace(subs), hi.xreplace(subs))
                       for var, lo, hi in reversed(e.limits))
        body = e.function.xreplace(subs)
        if len(limits) == 1:  # Σ_j β^j g_{t−j}: the entries' index becomes the sum's
            body, limits = _reindexed(body, limits[0], table)
        inner = _terms(body, table)
        return [(c, (*limits, *lim), f) for c, lim, f in inner]
    named = e.xreplace({d: sp.Symbol(n) for d, n in index_names(e).items()})  # (k, not _k)
    raise Unsupported(f"E[…] of {sp.sstr(named)}: only polynomials in the random variables are "
                      "evaluated (their moments are declared; E[e^X], E[1/X], E[σ(X)] are not)")


# k → (j, k as a function of j, j's range, k's range)
_BACK: dict[sp.Dummy, tuple[sp.Dummy, sp.Expr, tuple, tuple]] = {}


def _reindexed(body: sp.Expr, limit: tuple, table: dict) -> tuple[sp.Expr, tuple]:
    """Σ_{j=lo}^{hi} f with the random entries at t − j (or j + c): summed over k = t − j
    instead (k from t − hi to t − lo), so that the entries' index is the sum's own; where k is
    still summed over in the result, it is written back in j (_sum)."""
    j, lo, hi = limit
    at = {i for a in body.atoms(sp.Indexed) if a.base in table for i in a.indices if i.has(j)}
    if len(at) != 1:
        return body, (limit,)
    (expr,) = at
    s = sp.expand(expr).coeff(j)
    rest = sp.expand(expr - s * j)
    if s not in (1, -1) or rest.has(j) or expr == j:
        return body, (limit,)
    k = sp.Dummy("k", integer=True)
    bounds = (s * lo + rest, s * hi + rest) if s == 1 else (s * hi + rest, s * lo + rest)
    if len(_BACK) > 10_000:  # (a worker's long run: what earlier claims made is not needed)
        _BACK.clear()
    _BACK[k] = (j, expr, (lo, hi), bounds)
    return body.xreplace({j: s * (k - rest)}), ((k, *bounds),)


def _product(parts: list[list[Term]]) -> list[Term]:
    out: list[Term] = [(sp.Integer(1), (), ())]
    for part in parts:
        out = _capped([(c1 * c2, (*l1, *l2), (*f1, *f2)) for c1, l1, f1 in out
                       for c2, l2, f2 in part])
    return out


def _capped(terms: list[Term]) -> list[Term]:
    if len(terms) > MAX_TERMS:
        raise Unsupported(f"the expectation expands into more than {MAX_TERMS} terms")
    return terms


def _expect_term(coeff: sp.Expr, limits: tuple, factors: tuple, table: dict,
                 ranges: dict, hints: Callable[[sp.Expr], int]) -> sp.Expr:
    powers: dict[tuple, int] = {}
    for key, p in factors:
        powers[key] = powers.get(key, 0) + p
    atoms = list(dict.fromkeys(i for (_, idx) in powers for i in idx))
    if len(atoms) > MAX_INDICES:
        raise Unsupported(f"a product of {len(atoms)} random entries with their own indices "
                          f"(at most {MAX_INDICES} are evaluated)")
    bound = {d: (lo, hi) for d, lo, hi in limits}
    for base, idx in powers:
        for p, i in enumerate(idx):
            _in_range(base, p, i, table[base][1][p], bound, ranges, hints)

    def rho(blocks: list[list]) -> sp.Expr:
        where = {a: k for k, block in enumerate(blocks) for a in block}
        grouped: dict[tuple, int] = {}
        for (base, idx), p in powers.items():
            g = (base, tuple(where[i] for i in idx))
            grouped[g] = grouped.get(g, 0) + p
        return sp.Mul(*(law_moment(table[base][0], p, base) for (base, _), p in
                        grouped.items()))

    out = []
    for sigma in _partitions(atoms):
        if any(sum(1 for a in block if a.is_Integer) > 1 for block in sigma):
            continue  # two different numbers are never equal
        weight = sp.expand(sp.Add(*(_mobius(tau) * rho([b for part in tau for b in part])
                                    for tau in _refinements(sigma))))
        if weight == 0:
            continue
        subs, deltas = _merge(sigma, bound, ranges)
        rest = tuple((d, lo.xreplace(subs), hi.xreplace(subs)) for d, lo, hi in limits
                     if d not in subs)
        out.append(weight * deltas * _sum(coeff.xreplace(subs), rest))
    return sp.Add(*out)


def _partitions(items: list) -> Iterator[list[list]]:
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for smaller in _partitions(rest):
        for k in range(len(smaller)):
            yield [*smaller[:k], [first, *smaller[k]], *smaller[k + 1:]]
        yield [[first], *smaller]


def _refinements(sigma: list[list]) -> Iterator[list[list[list]]]:
    """Every partition finer than sigma, as the partitions of each of its blocks."""
    return itertools.product(*(list(_partitions(block)) for block in sigma))


def _mobius(tau: tuple[list[list], ...]) -> int:
    """μ(τ, σ) on the lattice of partitions, τ given block by block of σ."""
    out = 1
    for part in tau:
        k = len(part)
        out *= (-1) ** (k - 1) * _factorial(k - 1)
    return out


def _factorial(n: int) -> int:
    return 1 if n <= 1 else n * _factorial(n - 1)


def _merge(sigma: list[list], bound: dict, ranges: dict) -> tuple[dict, sp.Expr]:
    """For the indices of each block set equal: the substitution of the bound ones, and the
    Kronecker deltas between the free ones."""
    subs: dict = {}
    deltas = sp.Integer(1)
    for block in sigma:
        fixed = [a for a in block if a not in bound]
        summed = [a for a in block if a in bound]
        fixed.sort(key=lambda a: (not a.is_Integer, sp.default_sort_key(a)))
        if fixed:
            rep = fixed[0]
            for other in fixed[1:]:
                deltas *= sp.KroneckerDelta(rep, other)
            for d in summed:
                lo, hi = bound[d]
                if not _within(rep, lo, hi, ranges):
                    raise Unsupported(f"a sum over {sp.sstr(lo)}…{sp.sstr(hi)} meets an entry "
                                      f"at {rep}, which may lie outside it")
                subs[d] = rep
        else:
            rep = summed[0]
            for d in summed[1:]:
                if bound[d] != bound[rep]:
                    raise Unsupported("sums over different ranges of one random vector")
                subs[d] = rep
    return subs, deltas


def _in_range(base: sp.Basic, p: int, i: sp.Expr, size: sp.Expr, bound: dict, ranges: dict,
              hints: Callable[[sp.Expr], int]) -> None:
    """The index i of an entry of ``base`` lies in 1…size for every value of the sums around
    it (their ranges followed outwards) and of the free indices; else the entry may not exist."""
    lo = hi = i
    step = {**ranges, **bound}
    for _ in range(8):  # an inner range may end at an outer index: follow it out
        new_lo = lo.xreplace({d: step[d][0] for d in lo.free_symbols if d in step})
        new_hi = hi.xreplace({d: step[d][1] for d in hi.free_symbols if d in step})
        if (new_lo, new_hi) == (lo, hi):
            break
        lo, hi = new_lo, new_hi
    high = sp.expand(size - hi)  # ≥ 0 wanted: by the symbols' assumptions, or for a size
    # of at least what the hypotheses say (q_3 with n ≥ 3 given: n − 3 ≥ 0)
    fits = high.is_nonnegative is True or (
        size.is_Symbol and (high - size).is_Integer and hints(size) + (high - size) >= 0)
    if sp.expand(lo - 1).is_nonnegative is not True or not fits:
        name = base.label if isinstance(base, sp.IndexedBase) else base
        raise Unsupported(f"an entry of {name} at {sp.sstr(i)} may lie outside {name}'s "
                          f"entries 1…{sp.sstr(size)} (a sum's range included): the expectation "
                          "of an entry that may not exist")


def _within(value: sp.Expr, lo: sp.Expr, hi: sp.Expr, ranges: dict) -> bool:
    vlo, vhi = ranges.get(value, (None, None)) if not value.is_Integer else (value, value)
    if vlo is None:
        return False
    return bool(sp.expand(vlo - lo).is_nonnegative) and bool(sp.expand(hi - vhi).is_nonnegative)


def _sum(e: sp.Expr, limits: tuple) -> sp.Expr:
    """Σ over the limits, listed outermost first (a reindexed one written back as it was)."""
    for d, lo, hi in reversed(limits):  # the innermost wrapped first
        if d in _BACK and _BACK[d][3] == (lo, hi):  # (its range as made: no index merged in)
            j, expr, (lo, hi), _ = _BACK[d]
            e = e.xreplace({d: expr})
            d = j
        count = sp.expand(hi - lo + 1)
        if not e.has(d) and count.is_nonnegative:
            e = e * count
        else:  # the factors free of the index outside (Σ_k c f_k = c Σ_k f_k, empty or not)
            factors = sp.Mul.make_args(e)
            out = sp.Mul(*(f for f in factors if not f.has(d)))
            e = out * sp.Sum(sp.Mul(*(f for f in factors if f.has(d))), (d, lo, hi))
    return e
