"""Claims with piecewise functions, decided region by region.

|x|, max, min, relu, clip, sign, the Heaviside step and definitions by cases (``Piecewise``)
are each one of finitely many expressions, on regions described by comparisons of their
arguments. The claim is split into the regions where one branch of every piecewise atom
applies (innermost atoms first; combinations that cannot hold together are dropped), and
each region is decided by the ordinary engine with its comparisons as hypotheses:

* proved in every region → proved: the regions cover every point;
* refuted in some region → refuted, at a point inside it (the engine's counterexamples
  satisfy the hypotheses, here the region's comparisons), which the report names;
* anything else → unknown (or numeric evidence), with what each region gave.

Kinks: a piecewise atom under a derivative (``d/dx relu(x)``) has no derivative where its
branches meet. There the claim says nothing, so those boundaries are excluded: the regions
are open, branches that live only on a boundary are dropped, and the verdict says where it
holds ("wherever relu(x) is differentiable: x ≠ 0"). Nothing is chosen silently at a kink.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import sympy as sp

from checker.dag import contains
from checker.model import Claim, Condition, Equation
from checker.results import Method, Result, Verdict
from checker.shown import index_names
from checker.strategies import domain

PIECEWISE = (sp.Abs, sp.Max, sp.Min, sp.sign, sp.Heaviside, sp.Piecewise)
MAX_REGIONS = 64


class NotSplit(Exception):
    """The claim's piecewise atoms cannot be split into regions here."""


@dataclass(frozen=True)
class Region:
    conditions: tuple[sp.Basic, ...]  # comparisons "e op 0" (or e = 0, e ≠ 0) in the region
    entries: tuple[sp.Expr, ...]  # the claim's entries (lhs then rhs) in the region

    def describe(self) -> str:
        return " and ".join(_show(c) for c in self.conditions) or "everywhere"


def has_piecewise(claim: Claim) -> bool:
    return contains(_entries(claim), *PIECEWISE)


def _entries(claim: Claim) -> list[sp.Expr]:
    return claim.entries


def _show(c: sp.Basic) -> str:
    op = {sp.StrictGreaterThan: ">", sp.GreaterThan: "≥", sp.StrictLessThan: "<",
          sp.LessThan: "≤", sp.Eq: "=", sp.Ne: "≠"}.get(type(c), "?")
    return f"{_named(c.lhs)} {op} {_named(c.rhs)}"


def _named(e: sp.Basic) -> str:
    """``e`` printed with its sums' indices by their names (k, not _k1)."""
    return sp.sstr(e.xreplace({d: sp.Symbol(n) for d, n in index_names(e).items()}))


def _branches(atom: sp.Expr) -> list[tuple[list[sp.Basic], sp.Expr]]:
    """(comparisons, value) for each branch of a piecewise atom; together they cover all. A
    comparison SymPy has already decided (x² < 0 is False) leaves its branch out, or itself
    out if it always holds."""
    out = []
    for conds, value in _all_branches(atom):
        if any(c is sp.false for c in conds):
            continue
        out.append(([c for c in conds if c is not sp.true], value))
    return out


def _all_branches(atom: sp.Expr) -> list[tuple[list[sp.Basic], sp.Expr]]:
    if isinstance(atom, sp.Abs):
        (t,) = atom.args
        return [([sp.GreaterThan(t, 0)], t), ([sp.StrictLessThan(t, 0)], -t)]
    if isinstance(atom, sp.Max | sp.Min):
        args = list(atom.args)
        big = isinstance(atom, sp.Max)
        out = []
        for i, a in enumerate(args):  # a wins: strictly against earlier ones (no double count)
            conds = [(sp.StrictGreaterThan if big else sp.StrictLessThan)(a, b) if j < i
                     else (sp.GreaterThan if big else sp.LessThan)(a, b)
                     for j, b in enumerate(args) if j != i]
            out.append((conds, a))
        return out
    if isinstance(atom, sp.sign):
        (t,) = atom.args
        return [([sp.StrictGreaterThan(t, 0)], sp.Integer(1)),
                ([sp.StrictLessThan(t, 0)], sp.Integer(-1)), ([sp.Eq(t, 0)], sp.Integer(0))]
    if isinstance(atom, sp.Heaviside):
        t = atom.args[0]
        at_zero = atom.args[1] if len(atom.args) > 1 else sp.Rational(1, 2)
        return [([sp.StrictGreaterThan(t, 0)], sp.Integer(1)),
                ([sp.StrictLessThan(t, 0)], sp.Integer(0)), ([sp.Eq(t, 0)], at_zero)]
    if isinstance(atom, sp.Piecewise):
        out, before = [], []
        for value, cond in atom.args:
            out.append(([*_conjuncts(cond), *before], value))
            if cond is sp.true:
                return out
            negated = _conjuncts(sp.Not(cond))
            if len(negated) != 1:
                raise NotSplit(f"the condition {cond} of a definition by cases")
            before.append(negated[0])
        raise NotSplit("a definition by cases that does not cover every point: add an "
                       "'otherwise' case")
    raise NotSplit(f"{type(atom).__name__}")  # pragma: no cover


def _conjuncts(cond: sp.Basic) -> list[sp.Basic]:
    if cond is sp.true:
        return []
    if isinstance(cond, sp.And):
        return [c for a in cond.args for c in _conjuncts(a)]
    if isinstance(cond, sp.core.relational.Relational) and not isinstance(cond, sp.Ne):
        return [cond]
    raise NotSplit(f"the condition {cond} (only comparisons joined by 'and' are split)")


_ALLOWED = {sp.StrictGreaterThan: {1}, sp.GreaterThan: {0, 1}, sp.StrictLessThan: {-1},
            sp.LessThan: {-1, 0}, sp.Eq: {0}, sp.Ne: {-1, 1}}


def _normal(c: sp.Basic) -> tuple[sp.Expr, frozenset[int]]:
    """A comparison as (e, the signs of e it allows), e = lhs − rhs with a canonical sign."""
    e = sp.factor_terms(sp.expand(c.lhs - c.rhs))  # a*x - x as x*(a - 1): signs of factors
    allowed = _ALLOWED[type(c)]
    if e.could_extract_minus_sign():
        e, allowed = -e, {-s for s in allowed}
    return e, frozenset(allowed)


def _sign_known(e: sp.Expr) -> frozenset[int]:
    """The signs e may have, from SymPy's assumptions."""
    if e.is_positive:
        return frozenset({1})
    if e.is_negative:
        return frozenset({-1})
    if e.is_zero:
        return frozenset({0})
    out = {-1, 0, 1}
    if e.is_nonnegative:
        out.discard(-1)
    if e.is_nonpositive:
        out.discard(1)
    if e.is_nonzero:
        out.discard(0)
    return frozenset(out)


def _kinks(entries: list[sp.Expr]) -> set[sp.Expr]:
    """The comparison expressions (as in :func:`_normal`) of piecewise atoms that are
    differentiated: their boundaries are kinks."""
    out: set[sp.Expr] = set()
    for d in (a for e in entries for a in e.atoms(sp.Derivative)):
        for atom in d.expr.atoms(*PIECEWISE):
            if _depends(atom, d.variables):
                for conds, _ in _branches(atom):
                    out.update(_normal(c)[0] for c in conds)
    return out


def _differentiated(atom: sp.Expr, exprs: list[sp.Expr]) -> bool:
    """Is the piecewise atom inside a derivative by one of its variables (as the region's
    expressions now stand)?"""
    return any(_depends(atom, d.variables) and d.expr.has(atom)
               for e in exprs for d in e.atoms(sp.Derivative))


def _depends(atom: sp.Expr, variables: tuple) -> bool:
    """Whether ``atom`` may vary with one of ``variables``: it has the symbol, or an entry of
    the same vector (w[j] and a sum over w[k], at a symbolic size)."""
    if atom.free_symbols & set(variables):
        return True
    bases = {v.base for v in variables if isinstance(v, sp.Indexed)}
    return bool(bases) and any(i.base in bases for i in atom.atoms(sp.Indexed))


def regions(claim: Claim) -> tuple[list[Region], set[sp.Expr]]:
    """The regions of the claim (see the module docstring), and its kink expressions."""
    entries = _entries(claim)
    kinks = _kinks(entries)
    done: list[Region] = []
    # the claim's own comparisons, and where its sides are defined, bound every region
    given: dict[sp.Expr, frozenset[int]] = {}
    relations = [getattr(h, "relation", None) for h in claim.given] + list(claim.domain)
    for rel in relations:
        if isinstance(rel, sp.core.relational.Relational) and type(rel) in _ALLOWED:
            e, allowed = _normal(rel)
            given[e] = given.get(e, _sign_known(e)) & allowed
    todo: list[tuple[list[sp.Expr], dict]] = [(entries, given)]  # (entries, signs per expression)
    while todo:
        exprs, signs = todo.pop()
        atoms = [a for e in exprs for a in e.atoms(*PIECEWISE)]
        inner = sorted({a for a in atoms if not contains(a.args, *PIECEWISE)},
                       key=sp.default_sort_key)
        if not inner:
            done.append(Region(_conditions(signs, given), tuple(exprs)))
            if len(done) > MAX_REGIONS:
                raise NotSplit(f"more than {MAX_REGIONS} regions")
            continue
        atom = inner[0]
        differentiated = _differentiated(atom, exprs)  # (relu(relu(x) − 1): x − 1 once the
        for branch_conds, value in _branches(atom):  # inner relu is x, a kink all the same)
            new_signs: dict[sp.Expr, frozenset[int]] | None = dict(signs)
            for c in branch_conds:
                e, allowed = _normal(c)
                if differentiated:
                    kinks.add(e)
                if e in kinks:
                    allowed = allowed - {0}  # a kink: its boundary is excluded
                now = _possible(e, new_signs) & allowed  # type: ignore[arg-type]
                if not now:
                    new_signs = None
                    break
                if now == frozenset({0}) and e.is_Mul:  # a product is 0: the factor that can be
                    zeros = [f for f in e.args if 0 in _possible(f, new_signs)]  # type: ignore[arg-type]
                    if len(zeros) == 1:
                        e = zeros[0]
                new_signs[e] = now  # type: ignore[index]
            if new_signs is None or not _feasible(new_signs):
                continue
            todo.append(([e.xreplace({atom: value}) for e in exprs], new_signs))
    return done[::-1], kinks


_SIGN_CONDITION = {
    frozenset({1}): sp.StrictGreaterThan, frozenset({0, 1}): sp.GreaterThan,
    frozenset({-1}): sp.StrictLessThan, frozenset({-1, 0}): sp.LessThan,
    frozenset({0}): sp.Eq, frozenset({-1, 1}): sp.Ne,
}


def _conditions(signs: dict[sp.Expr, frozenset[int]],
                given: dict[sp.Expr, frozenset[int]]) -> tuple[sp.Basic, ...]:
    """The region's comparisons, one per expression: e > 0, e ≥ 0, e = 0 … (beyond what the
    claim's hypotheses already say)."""
    out = []
    for e, allowed in signs.items():
        if allowed != given.get(e, _sign_known(e)) and allowed in _SIGN_CONDITION:
            out.append(_SIGN_CONDITION[allowed](e, 0))
    return tuple(out)


def _possible(e: sp.Expr, signs: dict[sp.Expr, frozenset[int]]) -> frozenset[int]:
    """The signs e can have, given the signs the region already fixes (products combine the
    signs of their factors; otherwise SymPy's assumptions)."""
    if e in signs:
        return signs[e]
    if e.is_Mul:
        out = frozenset({1})
        for f in e.args:
            fs = _possible(f, signs) if not f.is_Number else \
                frozenset({int(bool(f.is_positive)) - int(bool(f.is_negative))})
            out = frozenset(a * b for a in out for b in fs)
        return out & _sign_known(e) if _sign_known(e) else out
    if e.is_Pow and e.exp.is_Integer:
        base = _possible(e.base, signs)
        k = int(e.exp)
        return frozenset((b ** abs(k) if b else 0) for b in base if not (b == 0 and k < 0))
    neg = sp.expand(-e)
    if neg in signs:
        return frozenset(-s for s in signs[neg])
    return _sign_known(e)


def _feasible(signs: dict[sp.Expr, frozenset[int]]) -> bool:
    """False only when the linear comparisons certainly cannot hold together (Fourier–Motzkin
    elimination over the rationals, in checker.strategies.domain); anything non-linear is
    assumed possible."""
    relations = [(_SIGN_CONDITION[allowed], e, "") for e, allowed in signs.items()
                 if allowed in _SIGN_CONDITION]
    return domain.infeasible(relations) is None


def _regions_without_domain(claim: Claim) -> bool:
    """Whether some region holds with the hypotheses once where the sides are defined is
    left out."""
    try:
        return bool(regions(replace(claim, domain=()))[0])
    except (NotSplit, TypeError):
        return False


def decide(claim: Claim, settings: object, check: Callable[..., Result]) -> Result:
    """Decide a claim with piecewise functions region by region."""
    t0 = time.perf_counter()
    try:
        found, kinks = regions(claim)
    except NotSplit as exc:
        return Result(Verdict.UNKNOWN, Method.NONE, time.perf_counter() - t0,
                      detail=f"piecewise functions that cannot be split into regions: {exc}")
    except TypeError as exc:  # |log(−1 − y²)|: SymPy will not compare what is not real
        return Result(Verdict.ERROR, Method.NONE, time.perf_counter() - t0, detail=(
            f"a side is not a real number where it is written ({exc}): it is defined nowhere"))
    if not found and kinks:  # every point is on a kink (max(0, g) with g ≡ 0 written out):
        # the derivative may well exist there; nothing is decided, nothing vacuous
        return Result(Verdict.UNKNOWN, Method.NONE, time.perf_counter() - t0, detail=(
            "every point lies where a comparison of its piecewise functions is 0 (a kink, or "
            "a comparison that is 0 everywhere): not decided"))
    if not found and claim.domain and _regions_without_domain(claim):
        # the hypotheses can hold, but a side is undefined wherever they do (log x for x < 0,
        # beside |x|): nothing is claimed, and that is an error, as without a |·|
        return Result(Verdict.ERROR, Method.NONE, time.perf_counter() - t0, detail=(
            "a side is undefined wherever the hypotheses hold (and a proof only holds where "
            "both sides are defined)"))
    if not found:  # no region holds with the hypotheses: nothing is claimed
        return Result(Verdict.PROVED, Method.VACUOUS, time.perf_counter() - t0, vacuous=True,
                      detail="no point satisfies the hypotheses and the conditions of the "
                             "piecewise functions together")
    results: list[tuple[Region, Result]] = []
    for region in found:
        sub = _region_claim(claim, region)
        r = check(sub, settings)
        if r.verdict is Verdict.ERROR:  # e.g. a boundary equation that cannot be applied
            r = replace(r, verdict=Verdict.UNKNOWN)
        if r.verdict is Verdict.REFUTED and kinks and _on_a_boundary(region, r.counterexample):
            # a derivative at a point where a comparison of the region is 0: a kink of an
            # inner function that the outer one's record may not name (relu(relu(x) − 1) at
            # x = 1), where the derivative need not exist: only a point inside the region counts
            inside = replace(sub, given=sub.given + tuple(
                Condition(sp.Ne(c.lhs - c.rhs, 0)) for c in region.conditions
                if isinstance(c, sp.core.relational.Relational)))
            r = check(inside, settings)
            if r.verdict is Verdict.REFUTED and _on_a_boundary(region, r.counterexample):
                r = replace(r, verdict=Verdict.UNKNOWN, counterexample=None)
            if r.verdict is not Verdict.REFUTED:
                r = replace(r, verdict=Verdict.UNKNOWN, counterexample=None, detail=(
                    "a counterexample was found only on a boundary of its region, where a "
                    "derivative of the piecewise functions may not exist"))
        results.append((region, r))
        if r.verdict is Verdict.REFUTED:
            cex = r.counterexample
            where = region.describe() if region.conditions else ""
            if cex is not None and where:
                cex = replace(cex, case=", ".join(x for x in (cex.case, where) if x))
            detail = f"in the region {where}: {r.detail}".rstrip(": ") if where else r.detail
            return replace(r, elapsed=time.perf_counter() - t0, counterexample=cex, detail=detail)
    if kinks and all(r.verdict is Verdict.PROVED for _, r in results):
        flat = _flat_kink(claim, settings, check)  # w·1[cw + b ≥ 0] at c = b = 0: no kink
        if flat is not None:
            return replace(flat, elapsed=time.perf_counter() - t0)
    where = _scope(kinks)
    summary = "; ".join(f"{reg.describe()}: {'vacuous' if r.vacuous else r.verdict.value}"
                        for reg, r in results)
    elapsed = time.perf_counter() - t0
    if all(r.verdict is Verdict.PROVED and r.vacuous for _, r in results) and kinks:
        return Result(Verdict.UNKNOWN, Method.NONE, elapsed, detail=(
            "in every region off the kinks the hypotheses cannot hold or a side is undefined: "
            f"not decided ({summary})"))
    if all(r.verdict is Verdict.PROVED and r.vacuous for _, r in results):
        return Result(Verdict.PROVED, Method.VACUOUS, elapsed, vacuous=True,
                      detail="in every region the hypotheses cannot hold or a side is "
                             f"undefined ({summary})")
    if all(r.verdict is Verdict.PROVED for _, r in results):
        methods = [r.method for _, r in results]
        method = (Method.RANDOMIZED if Method.RANDOMIZED in methods else
                  Method.EXACT if Method.EXACT in methods else Method.STRUCTURAL)
        bound = sum(r.failure_bound or 0 for _, r in results) or None
        return Result(Verdict.PROVED, method, elapsed, failure_bound=bound,
                      seed=results[0][1].seed, entries=results[0][1].entries,
                      scope=where or claim.scope,
                      detail=f"region by region ({len(results)}: {summary})")
    verdict = Verdict.NUMERIC if all(r.verdict in (Verdict.PROVED, Verdict.NUMERIC)
                                     for _, r in results) else Verdict.UNKNOWN
    numeric = next((r.numeric for _, r in results if r.numeric is not None), None)
    return Result(verdict, Method.NUMERIC if verdict is Verdict.NUMERIC else Method.NONE,
                  elapsed, numeric=numeric, scope=where or claim.scope,
                  detail=f"region by region, not every region decided ({summary})")


def _flat_kink(claim: Claim, settings: object, check: Callable[..., Result]) -> Result | None:
    """A refutation where a kink's comparison g is 0 along the whole line of the derivative's
    variable v (g a polynomial in v whose coefficients all vanish there: c·w + b, c·w³ + b at
    c = b = 0), so the branch is the same on both sides and the derivative exists: the claim
    must hold there too. The other variables are solved from the coefficients and put in before
    differentiating (they do not depend on v); a counterexample there is one of the claim. None
    where there is no such place, or no refutation found (explicit claims only: a sum cannot
    be solved for)."""
    entries = _entries(claim)
    if contains(entries, sp.Sum, sp.Product, sp.Indexed):
        return None
    for d in (a for e in entries for a in e.atoms(sp.Derivative)):
        for v in d.variables:
            for atom in d.expr.atoms(*PIECEWISE):
                for conds, _ in _branches(atom):
                    for c in conds:
                        g = _normal(c)[0]
                        try:  # g ≡ 0 along v where every coefficient of g in v is 0
                            coeffs = sp.Poly(g, v).all_coeffs()
                        except (sp.PolynomialError, sp.GeneratorsNeeded):
                            continue  # (not a polynomial in v: not looked for)
                        if len(coeffs) < 2 or any(k.is_number and k != 0 for k in coeffs[:-1]):
                            continue  # (crossed by v wherever g = 0)
                        found = _on_the_flat(claim, coeffs, v, settings, check)
                        if found is not None:
                            return found
    return None


def _on_the_flat(claim: Claim, coeffs: list[sp.Expr], v: sp.Symbol, settings: object,
                 check: Callable[..., Result]) -> Result | None:
    differentiated = {x for e in _entries(claim) for d in e.atoms(sp.Derivative)
                      for x in d.variables}  # (never solved for: they are differentiated by)
    unknowns = sorted(set().union(*(k.free_symbols for k in coeffs)) - {v} - differentiated,
                      key=sp.default_sort_key)
    if not unknowns:
        return None
    g = sp.Add(*(k * v**n for n, k in enumerate(reversed(coeffs))))
    try:
        solutions = sp.solve(coeffs, unknowns, dict=True)
    except (NotImplementedError, ValueError, TypeError):
        return None
    for sol in solutions[:4]:
        if not sol or any(val.has(v) for val in sol.values()):
            continue
        def put(e: object, sol: dict = sol) -> object:
            return e.xreplace(sol) if isinstance(e, sp.Basic) else e

        sub = replace(claim, lhs=put(claim.lhs), rhs=put(claim.rhs), domain=tuple(
            put(r) for r in claim.domain), given=tuple(
            replace(h, **{f: put(getattr(h, f)) for f in ("relation", "lhs", "rhs")
                          if hasattr(h, f)}) for h in claim.given))
        try:
            r = check(sub, settings)
        except (ValueError, TypeError, ArithmeticError):  # (a substitution SymPy refuses)
            continue
        cex = r.counterexample
        if r.verdict is not Verdict.REFUTED or cex is None:
            continue
        point = dict(cex.point)
        solved = {k: val.xreplace(point) for k, val in sol.items()}
        if not all(val.is_number for val in solved.values()):
            continue
        where = " and ".join(f"{k} = {val}" for k, val in solved.items())
        cex = replace(cex, point=tuple(point.items()) + tuple(solved.items()),
                      case=", ".join(x for x in (cex.case, where) if x))
        return replace(r, counterexample=cex, detail=(
            f"where {_named(g)} = 0 for every {v} ({where}), the branch is the same on both "
            f"sides and the derivative exists: {r.detail}".rstrip(": ")))
    return None


def _on_a_boundary(region: Region, cex: object) -> bool:
    """Some comparison of the region is exactly 0 at the counterexample's point (or cannot be
    told not to be)."""
    if cex is None:
        return True
    point = dict(cex.point)  # type: ignore[attr-defined]
    sizes = dict(getattr(cex, "instance", ()))  # (a claim over n: its sums at the instance)
    for c in region.conditions:
        try:
            value = c.lhs - c.rhs
            if sizes:  # (the instance's entries are named as they print: w[1])
                value = value.xreplace(sizes).doit()
                named = {str(k): v for k, v in point.items()}
                value = value.xreplace({a: named[str(a)] for a in value.atoms(sp.Indexed)
                                        if str(a) in named})
            value = value.xreplace(point)
        except (AttributeError, TypeError, ValueError):
            return True
        if value.free_symbols or value.is_zero is not False:
            return True
    return False


def _region_claim(claim: Claim, region: Region) -> Claim:
    values = iter(region.entries)

    def sub(v: object) -> object:
        if isinstance(v, sp.MatrixBase):
            return sp.ImmutableMatrix(v.shape[0], v.shape[1], [next(values) for _ in range(len(v))])
        return next(values)

    given = list(claim.given)
    for c in region.conditions:
        if isinstance(c, sp.Eq):  # a boundary: applied by eliminating a variable
            given.append(Equation(c.lhs, c.rhs))
        else:
            given.append(Condition(c))
    return replace(claim, lhs=sub(claim.lhs), rhs=sub(claim.rhs), given=tuple(given))


def _scope(kinks: set[sp.Expr]) -> str:
    if not kinks:
        return ""
    shown = ", ".join(f"{_named(k)} ≠ 0" for k in sorted(kinks, key=sp.default_sort_key))
    return (f"every point where {shown} (where a comparison of its piecewise functions is 0 "
            "the derivative is not checked)")
