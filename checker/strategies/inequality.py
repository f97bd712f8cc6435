"""An inequality between two expressions (a step ``A ≤ B`` of a chain, a claim ``σ'(x) ≤ 1/4``).

Decided as the equations are, with the same rules of evidence:

  1. the two sides *equal* (the engine proves ``lhs == rhs``, proof only): ``≤`` and ``≥``
     hold; ``<`` and ``>`` fail at every admissible point, and are refuted at one;
  2. a certified counterexample: an admissible point (every assumption, hypothesis and
     domain condition holds there, checked again independently) where exact rational
     evaluation or interval arithmetic shows the inequality fails: refuted;
  3. the difference of the sides has a certain sign by its structure alone
     (:mod:`~checker.strategies.signs`), as written, with σ, tanh … through exp, or once
     brought over one denominator and factored (exact algebra); a linear difference whose
     sign the linear hypotheses force (Fourier–Motzkin); each split, where that does not
     tell, on the sign of what an |u|, a max or a min in it compares (|x + y| ≤ |x| + |y|
     region by region): proved, method "sign structure";
  4. otherwise the inequality holding at sampled points is numeric evidence, never a proof;
     where not even that is shown, unknown.

Not decided (unknown, with the reason): inequalities between vectors or matrices (entrywise,
or an order of matrices?), over a symbolic size except by sign structure, with expectations
or integrals, or about functions the file leaves arbitrary.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

import sympy as sp

from checker.collector import paused
from checker.deadline import cpu_now
from checker.model import RELATIONS, Claim
from checker.results import Method, Result, Verdict
from checker.strategies import (
    counterexample,
    domain,
    expectations,
    integrals,
    roots,
    symbolic_n,
)
from checker.strategies.prepare import Case, ClaimError, arbitrary_functions, cases, domain_of
from checker.strategies.signs import NONNEGATIVE, Sign, Signs, quadratic_form
from checker.strategies.symbolic_n import is_symbolic
from checker.vocabulary import EXP_FORMS

Check = Callable[..., Result]

# what the difference hi − lo must be for lo ⋈ hi: its sign set must lie within this
_NEEDED: dict[str, Sign] = {"<": frozenset({1}), "<=": frozenset({0, 1})}
INSTANCES_BUDGET = 2.0  # CPU seconds of small instances an unproved inequality is tried at
_FACTOR_OPS = 400  # larger differences are not brought over one denominator and factored


def decide(claim: Claim, settings: object, check: Check) -> Result:
    t0 = time.perf_counter()
    shown = RELATIONS[claim.relation]

    def done(verdict: Verdict, method: Method, **kw: object) -> Result:
        return Result(verdict, method, time.perf_counter() - t0,  # type: ignore[arg-type]
                      scope=claim.scope, **kw)

    if any(isinstance(side, sp.MatrixBase) for side in (claim.lhs, claim.rhs)):
        return done(Verdict.UNKNOWN, Method.NONE, detail=(
            f"an inequality ({shown}) between vectors or matrices is not checked: entry by "
            "entry, or an order of matrices, is not said; write it for one entry"))
    if expectations.present(claim) or integrals.present(claim):
        return done(Verdict.UNKNOWN, Method.NONE, detail=(
            f"an inequality ({shown}) with expectations or integrals is not checked"))
    if arbitrary_functions(claim):
        return done(Verdict.UNKNOWN, Method.NONE, detail=(
            f"an inequality ({shown}) about functions the file does not define is not checked"))
    equal = check(replace(claim, relation="="), replace(settings, prove_only=True))
    if equal.verdict is Verdict.ERROR or (equal.verdict is Verdict.PROVED and equal.vacuous):
        return replace(equal, elapsed=time.perf_counter() - t0)
    if equal.verdict is Verdict.PROVED and len(claim.relation) == 2:  # ≤ or ≥ between equals
        return replace(equal, elapsed=time.perf_counter() - t0, detail="; ".join(x for x in (
            f"the two sides are equal, so {shown} holds", equal.detail) if x))
    if is_symbolic(claim):
        return _by_signs_only(claim, settings, check, done)
    return _decide(claim, settings, done, proved_equal=equal.verdict is Verdict.PROVED)


def _oriented(claim: Claim, lhs: sp.Expr, rhs: sp.Expr) -> tuple[sp.Expr, sp.Expr, str]:
    """(hi, lo, "<" or "<=") for lhs ⋈ rhs: the claim is lo < hi, or lo ≤ hi."""
    rel = claim.relation
    if rel in ("<", "<="):
        return rhs, lhs, rel
    return lhs, rhs, "<" if rel == ">" else "<="


def _by_signs_only(claim: Claim, settings: object, check: Check,
                   done: Callable[..., Result]) -> Result:
    """Over a symbolic size: proved by sign structure (Σ of squares ≥ 0); refuted at a small
    size (n = 1, 2, 3) where it fails there; else unknown."""
    hi, lo, need = _oriented(claim, claim.lhs, claim.rhs)  # type: ignore[arg-type]
    d = hi - lo
    facts = [h.relation for h in claim.given if hasattr(h, "relation")] + list(domain_of(claim))
    if _signed(d, Signs(facts), _NEEDED[need]):
        return done(Verdict.PROVED, Method.SIGNS, detail=_SIGN_DETAIL)
    dims = symbolic_n.dimensions(claim)
    started, tried = cpu_now(), ""
    for label, values, r in symbolic_n.decided_instances(claim, dims, settings, check):
        if r.verdict is Verdict.REFUTED and r.counterexample is not None:
            cex = replace(r.counterexample, instance=tuple(values.items()), case=label)
            return replace(done(Verdict.REFUTED, r.method, counterexample=cex, seed=r.seed,
                                detail=f"{r.detail}; it fails at {label}, so it does not hold "
                                       f"for every {', '.join(map(str, dims))}"), scope=label)
        if cpu_now() - started > INSTANCES_BUDGET:  # (a second derivative of a likelihood
            tried = f" (tried up to {label}; larger sizes cost more)"  # at n = 3, 4: seconds
            break  # each, and no proof can come of them)
    return done(Verdict.UNKNOWN, Method.NONE, detail=(
        f"an inequality ({RELATIONS[claim.relation]}) over a symbolic size is proved by the "
        f"sign of each term only, and this one is not, nor refuted at the small sizes{tried}"))


_SIGN_DETAIL = ("the difference of the two sides has a certain sign by its structure (a sum of "
                "terms of one sign, products, even powers, e^x > 0 …, region by region of each "
                "|u|, max and min it holds, with the linear hypotheses)")


def _decide(claim: Claim, settings: object, done: Callable[..., Result],
            proved_equal: bool) -> Result:
    seed = settings.seed  # type: ignore[attr-defined]
    try:
        with paused():
            all_cases = cases(claim)
    except ClaimError as exc:
        return done(Verdict.ERROR, Method.NONE, detail=str(exc))
    admitted = [c for c in all_cases if not c.excluded]
    if not admitted:  # (the equation's check said why; nothing here is claimed of a point)
        return done(Verdict.UNKNOWN, Method.NONE, detail=(
            "no case of the hypotheses is left to compare the two sides in"))
    symbols = frozenset(claim.symbols)
    deadline = cpu_now() + settings.search_budget  # type: ignore[attr-defined]
    rejected = ""
    for case in admitted:
        entry, lhs, rhs = case.pairs[0]
        cex = counterexample.find(case, lhs, rhs, seed, max(deadline - cpu_now(), 0.0), entry,
                                  symbols, relation=claim.relation)
        if cex is None:
            continue
        why = domain.recheck(symbols, claim.given, domain_of(claim), cex.as_dict())
        if why:
            rejected = rejected or why
            continue
        method = (Method.EXACT_EVALUATION if cex.certified_by.startswith("exact")
                  else Method.INTERVAL)
        how = cex.certified_by
        cex = replace(cex, certified_by=f"{how}; {cex.lhs_value} {RELATIONS[claim.relation]} "
                      f"{cex.rhs_value} is false")
        return done(Verdict.REFUTED, method, counterexample=cex, seed=seed, detail=how)
    if proved_equal:
        return done(Verdict.UNKNOWN, Method.NONE, detail=(
            f"the two sides are equal (proved), so {RELATIONS[claim.relation]} fails wherever "
            "they are defined, but no point was certified to show it"))
    if rejected:
        return done(Verdict.UNKNOWN, Method.NONE, detail=(
            "no proof; a candidate counterexample failed the final check of the claim's "
            f"assumptions and hypotheses ({rejected}), so none is shown"))
    if all(_case_signed(claim, c) for c in admitted):
        return counterexample.admissible(done(Verdict.PROVED, Method.SIGNS, detail=_SIGN_DETAIL),
                                         all_cases, seed)
    if _signed_through_roots(claim):
        return counterexample.admissible(done(
            Verdict.PROVED, Method.SIGNS, detail=f"{_SIGN_DETAIL}; each root √u as a variable "
                                                 "s ≥ 0 with s² = u"), all_cases, seed)
    certain = min(counterexample.held(c, c.pairs[0][1], c.pairs[0][2], claim.relation, seed)
                  for c in admitted)
    if certain:
        return done(Verdict.NUMERIC, Method.NUMERIC, seed=seed, detail=(
            f"no proof: the inequality holds at the {certain} random admissible points tried "
            "(certified at each), which is evidence, not a proof"))
    return done(Verdict.UNKNOWN, Method.NONE, seed=seed, detail=(
        "no proof, no counterexample, and no sampled point where it certainly holds"))


def _signed_through_roots(claim: Claim) -> bool:
    """The sign proof with each root √u a variable s ≥ 0, s² = u (checker.strategies.roots):
    (a + b)/2 − √(ab) is (s − t)²/2 with a = s², b = t²."""
    rational = roots.rationalize(claim)
    if rational is None:
        return False
    try:
        with paused():
            admitted = [c for c in cases(rational) if not c.excluded]
    except ClaimError:
        return False
    return bool(admitted) and all(_case_signed(rational, c) for c in admitted)


def _case_signed(claim: Claim, case: Case) -> bool:
    _, lhs, rhs = case.pairs[0]
    lhs, rhs = (side.xreplace(case.subs) for side in (lhs, rhs))
    hi, lo, need = _oriented(claim, lhs, rhs)
    signs = Signs(case.conditions)
    if _signed(hi - lo, signs, _NEEDED[need]):
        return True
    # through exp, which is increasing: log(e^a + e^b) ≥ a as e^a + e^b ≥ e^a (a side that
    # is not real where the other is defined makes no point of the claim either way)
    if (hi.has(sp.log) or lo.has(sp.log)) and _signed(sp.exp(hi) - sp.exp(lo), signs,
                                                      _NEEDED[need]):
        return True
    # squared, where both sides are ≥ 0 (t ↦ t² is increasing there): max(|x|, |y|) ≤
    # √(x² + y²) as max(|x|, |y|)² ≤ x² + y²
    return bool(hi.atoms(sp.Pow, sp.Abs, sp.Max, sp.Min)) and signs.of(hi) <= NONNEGATIVE \
        and signs.of(lo) <= NONNEGATIVE and _signed(hi**2 - lo**2, signs, _NEEDED[need])


_SPLITS = 5  # |u|, max, min split on at most this many signs (2⁵ regions)


def _signed(d: sp.Expr, signs: Signs, needed: Sign, splits: int = _SPLITS) -> bool:
    """Whether ``d``'s sign certainly lies in ``needed``: as written, with the functions that
    have one through exp, and each brought over one denominator and factored; where that does
    not tell, split on the sign of what an |u|, a max(a, b) or a min(a, b) in it compares (u ≥ 0
    or u ≤ 0: the two regions cover every point, and in each the function is one of its
    arguments), each region under its own condition."""
    if _signed_as_is(d, signs, needed):
        return True
    kinks = [k for k in d.atoms(sp.Abs, sp.Max, sp.Min) if len(k.args) <= 2
             and not any(inner.atoms(sp.Abs, sp.Max, sp.Min) for inner in k.args)]
    if not kinks or splits == 0:
        return False
    kink = min(kinks, key=sp.default_sort_key)
    u = kink.args[0] if isinstance(kink, sp.Abs) else kink.args[0] - kink.args[1]
    for rel, value in ((sp.GreaterThan, _kink_value(kink, up=True)),
                       (sp.LessThan, _kink_value(kink, up=False))):
        condition = rel(u, 0, evaluate=False)
        if not _signed(d.xreplace({kink: value}), Signs([*signs.facts, condition]), needed,
                       splits - 1):
            return False
    return True


def _linear_bound(d: sp.Expr, signs: Signs, needed: Sign) -> bool:
    """A linear ``d`` whose sign the linear facts force: the facts and d's opposite cannot hold
    together (Fourier–Motzkin elimination over the rationals, checker.strategies.domain)."""
    if domain.linear(d) is None:
        return False
    facts = [(type(r), r.lhs - r.rhs, "") for r in signs.facts  # type: ignore[attr-defined]
             if type(r) in (sp.StrictGreaterThan, sp.GreaterThan, sp.StrictLessThan,
                            sp.LessThan, sp.Eq)]
    opposite = sp.LessThan if 0 not in needed else sp.StrictLessThan  # (d ≤ 0, or d < 0)
    return domain.infeasible([*facts, (opposite, d, "")]) is not None


def _kink_value(kink: sp.Expr, up: bool) -> sp.Expr:
    """|u|, max(a, b) or min(a, b) where u ≥ 0 (a ≥ b) if ``up``, else where u ≤ 0 (a ≤ b)."""
    if isinstance(kink, sp.Abs):
        return kink.args[0] if up else -kink.args[0]
    a, b = kink.args
    larger, smaller = (a, b) if up else (b, a)
    return larger if isinstance(kink, sp.Max) else smaller


def _signed_as_is(d: sp.Expr, signs: Signs, needed: Sign) -> bool:
    if _linear_bound(d, signs, needed) or quadratic_form(d, needed):
        return True
    through_exp = d
    for f, form in EXP_FORMS.items():
        through_exp = through_exp.replace(f, form)
    for form in dict.fromkeys((d, through_exp)):
        if signs.of(form) <= needed:
            return True
        if sp.count_ops(form) > _FACTOR_OPS:
            continue
        together = sp.together(form)
        if signs.of(together) <= needed:
            return True
        num, den = sp.fraction(together)
        if signs.of(sp.factor(num) / sp.factor(den)) <= needed:
            return True
    return False


__all__ = ["decide"]
