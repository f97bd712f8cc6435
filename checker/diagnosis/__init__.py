"""What is wrong with a refuted step: a relation between the two lines that the engine
*proves*, where it is in the step as written, and the corrected line.

For a refuted step A → B (or a refuted claim lhs == rhs), the families below propose
corrections of B, most specific first (:data:`FAMILIES`); each is filtered by sampling
(:mod:`~checker.diagnosis.probe`, never a proof) and then decided by the engine
(:func:`checker.engine.check_claim` on A = corrected line, with the step's hypotheses,
domain, indices and lengths). The first one proved is the diagnosis
(:class:`checker.results.Diagnosis`): its kind, a sentence, the place in the line as written
and the corrected line, which is exactly what was proved. Where nothing is proved in the
time given, there is no diagnosis, and the report says nothing beyond the counterexample.

A diagnosis never changes or delays a verdict: it runs after the verdict, under a share of
what is left of the claim's time limit (:func:`attach`), and one that runs out of time, or
fails in any way, is simply absent.
"""

from __future__ import annotations

import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

import sympy as sp

from checker.deadline import OutOfTime, time_limit
from checker.diagnosis import index, inequality, matrix, relations, shapes, substitution, values
from checker.diagnosis.probe import Probe
from checker.diagnosis.search import Candidate, Search
from checker.diagnosis.written import Written
from checker.engine import Settings, check_claim
from checker.model import Check, CheckKind, Claim, Derivation, Step
from checker.results import Diagnosis, Result, Verdict, internal
from checker.strategies import integrals


@dataclass(frozen=True)
class Kind:
    name: str
    family: str
    title: str  # what the slip is, for people


KINDS: tuple[Kind, ...] = (
    Kind("chain-factor", "substitution", "a factor of the chain rule dropped"),
    Kind("sign", "relation", "a sign lost or added"),
    Kind("scale", "relation", "a constant factor lost or added"),
    Kind("reciprocal", "relation", "the reciprocal written"),
    Kind("transpose", "matrix", "the transpose written"),
    Kind("swapped-indices", "index", "an index slip"),
    Kind("sum-index", "index", "a sum over the wrong index"),
    Kind("sum-bound", "index", "a sum's bound off by one"),
    Kind("delta-dropped", "index", "a Kronecker δ dropped"),
    Kind("missing-transpose", "matrix", "a transpose missing (or extra) on one factor"),
    Kind("swapped-factors", "matrix", "a product's factors swapped"),
    Kind("hadamard-dropped", "matrix", "a ⊙ factor dropped"),
    Kind("function", "substitution", "a function swapped"),
    Kind("argument", "substitution", "an argument changed"),
    Kind("exponent", "substitution", "an exponent changed"),
    Kind("variable", "substitution", "a variable written for another"),
    Kind("bracket", "substitution", "brackets misplaced"),
    Kind("term", "relation", "a term dropped or added"),
    Kind("factor", "relation", "a factor dropped or added"),
    Kind("replaced", "substitution", "a part written for another"),
    Kind("strict", "inequality", "a strict inequality where the sides can be equal"),
    Kind("direction", "inequality", "the inequality written the wrong way round"),
)
BY_KIND = {k.name: k for k in KINDS}

Family = Callable[[Search], Iterator[Candidate]]

# Most specific first: the first correction the engine proves is the diagnosis.
FAMILIES: tuple[Family, ...] = (
    substitution.chain_factor,
    relations.sign,
    relations.scale,
    relations.reciprocal,
    matrix.transpose,
    index.swapped_indices,
    values.index_slip,
    index.sum_index,
    index.sum_bound,
    index.delta_dropped,
    matrix.missing_transpose,
    matrix.swapped_factors,
    matrix.hadamard_dropped,
    substitution.replaced_part,
    substitution.function,
    substitution.exponent,
    substitution.argument,
    substitution.variable,
    values.variable,
    substitution.bracket,
    values.bracket,
    relations.term,
    relations.factor,
)

BUDGET = 2.0  # seconds at most for one diagnosis
SHARE = 0.25  # of what is left of the claim's time limit
FLOOR = 0.5  # seconds a diagnosis may take however quick the verdict was (checker.runner)


def diagnose(claim: Claim, result: Result, prev: Step | None = None, cur: Step | None = None,
             settings: Settings | None = None, budget: float = BUDGET) -> Diagnosis | None:
    """The diagnosis of a refuted claim A == B (B the step, A the line before it), or None
    (nothing proved in ``budget`` seconds). Runs under its own time limit."""
    return _diagnose(claim, result, prev, cur, settings, budget)[0]


def _diagnose(claim: Claim, result: Result, prev: Step | None, cur: Step | None,
              settings: Settings | None, budget: float) -> tuple[Diagnosis | None, bool]:
    """:func:`diagnose`, and whether its time ran out before the search was done."""
    if result.verdict is not Verdict.REFUTED or claim.readings or claim.premise is not None \
            or claim.unreadable or claim.relation == "approx" or claim.about == "size" or (
                claim.mismatch and (claim.relation != "=" or cur is None)):
        return None, False
    if budget <= 0:
        return None, True
    settings = settings or Settings()
    t0 = time.perf_counter()
    deadline = t0 + budget
    with time_limit(budget) as limited:
        if not limited:
            return None, False
        try:
            if claim.mismatch:  # refuted by its shape: only the slips of shape are tried
                found = shapes.diagnose(claim, prev, cur, settings, deadline)
            elif claim.relation != "=":
                found = inequality.diagnose(claim, cur, settings, check_claim)
            else:
                found = _search(claim, result, prev, cur, settings, deadline)
        except OutOfTime:
            return None, True
    return (replace(found, elapsed=time.perf_counter() - t0) if found is not None else None), False


def _search(claim: Claim, result: Result, prev: Step | None, cur: Step | None,
            settings: Settings, deadline: float) -> Diagnosis | None:
    claim = integrals.with_values(claim)  # sampled below: integrals by their exact values
    probe = Probe(claim, result.counterexample, settings.seed)
    if not probe.usable:
        return None
    if probe.constant() and not _constant(claim.rhs):
        # The previous line reads as a number though it is written with symbols (e^(−u)·e^u
        # where something else was meant): its reading, not the step, is off; say nothing.
        # (Sampled: this can only hold a diagnosis back, never make one.)
        return None
    prev_w = (lambda: Written.read(prev, claim.lhs)) if prev is not None else None
    cur_w = Written.read(cur, claim.rhs) if cur is not None else None
    s = Search(claim, prev, cur, prev_w, cur_w, probe, settings, deadline)
    for family in FAMILIES:
        for cand in family(s):
            found = s.attempt(cand)
            if found is not None and not internal(found):
                return found
    return None


def _constant(v: object) -> bool:
    return isinstance(v, sp.Basic) and not isinstance(v, sp.MatrixBase) and bool(v.is_number)


def attach(check: Check, entry: object, result: Result, settings: Settings,
           time_left: float, debug: bool = False, budget: float = BUDGET,
           after_wrong: bool = False) -> Result:
    """``result`` with the diagnosis of its check when it is a refuted step (or claim) and one
    is proved in ``budget`` seconds (at most a share of ``time_left``, what is left of the
    claim's limit); otherwise ``result`` unchanged. Never raises. ``after_wrong``: the step
    before is refuted too, so the diagnosis says what changed but offers no corrected line
    (it would agree with the wrong one)."""
    if result.verdict is not Verdict.REFUTED or check.kind not in (CheckKind.STEP,
                                                                    CheckKind.CLAIM):
        return result
    budget = min(budget, max(time_left, 0.0) * SHARE)
    prev = cur = None
    if check.kind is CheckKind.STEP and isinstance(entry, Derivation) and check.step:
        prev, cur = entry.steps[(check.previous or check.step - 1) - 1], entry.steps[check.step - 1]
    try:
        found, cut = _diagnose(check.claim, result, prev, cur, settings, budget)
    except OutOfTime:  # the alarm fired on the way out: no diagnosis
        return replace(result, diagnosis_cut=True)
    except Exception:  # a diagnosis must never cost a verdict
        if debug:
            traceback.print_exc(file=sys.stderr)
        return result
    if found is None:  # (cut short: a run with more time may find one; not remembered)
        return replace(result, diagnosis_cut=True) if cut else result
    return replace(result, diagnosis=replace(found, after_wrong=True) if after_wrong else found)


__all__ = ["BUDGET", "BY_KIND", "FAMILIES", "FLOOR", "KINDS", "Candidate", "Kind", "Search", "attach",
           "diagnose"]
