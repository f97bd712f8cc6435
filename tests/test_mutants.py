"""Soundness: mutants of every proved catalog claim must never be proved.

Each check that the catalog expects to be proved yields mutants that change
*one* entry of the right-hand side (a sign flip, a doubled value, a dropped
factor, two entries swapped), so a matrix claim with 63 correct entries and
one wrong one must still not pass. A mutant that comes out proved is accepted
only if it really is an identity, judged independently by SymPy's evalf at
random points; otherwise the engine has proved something false.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

import pytest
import sympy as sp

from checker import CatalogItem, Check, CheckKind, Claim, Limits, Settings, Verdict, run
from checker.vocab import sigmoid
from derivations import catalog
from tests.recheck import assert_refutations

# The (3, 4, 3) networks repeat the (2, 3, 2) structure at four times the cost.
ITEMS = [i for i in catalog() if "-343-" not in i.id]


def _entry_mutants(rhs: sp.Expr | sp.MatrixBase) -> list[tuple[str, object]]:
    is_matrix = isinstance(rhs, sp.MatrixBase)
    first = rhs[0] if is_matrix else rhs

    def with_first(value: sp.Expr) -> object:
        if not is_matrix:
            return value
        flat = list(rhs)
        flat[0] = value
        return sp.ImmutableMatrix(rhs.shape[0], rhs.shape[1], flat)

    out = [("sign", with_first(-first if first != 0 else first + 1)),
           ("double", with_first(2 * first if first != 0 else first + sp.Rational(1, 3)))]
    if first.is_Mul:
        factors = [f for f in first.args if not f.is_Number]
        if len(factors) >= 2:
            out.append(("drop-factor", with_first(first / factors[-1])))
    if is_matrix and len(rhs) >= 2 and rhs[0] != rhs[1]:
        flat = list(rhs)
        flat[0], flat[1] = flat[1], flat[0]
        out.append(("swap", sp.ImmutableMatrix(rhs.shape[0], rhs.shape[1], flat)))
    return out


@dataclass(frozen=True)
class _Mutants:
    """An entry whose checks are the mutants of another entry's proved checks."""

    id: str
    mutant_checks: tuple[Check, ...]

    def checks(self) -> tuple[Check, ...]:
        return self.mutant_checks


def _build_mutants(item: CatalogItem) -> _Mutants:
    entry_id = f"mutants-of-{item.id}"
    out = []
    for check in item.build().checks():
        if check.claim.expect is not Verdict.PROVED:
            continue
        for name, rhs in _entry_mutants(check.claim.rhs):
            claim = replace(check.claim, rhs=rhs, expect=Verdict.REFUTED,
                            note=f"{check.id} with {name}")
            out.append(Check(entry_id, CheckKind.CLAIM, claim, label=name))
    return _Mutants(entry_id, tuple(out))


def _really_equal(claim: Claim, seed: int) -> bool:
    """Independent judgement: SymPy evalf of lhs − rhs at random points, to 30 digits."""
    rng = random.Random(seed)
    diff = claim.lhs - claim.rhs
    entries = list(diff) if isinstance(diff, sp.MatrixBase) else [diff]
    for _ in range(3):
        point = {s: sp.Rational(rng.randint(1, 9), rng.randint(2, 9)) for s in claim.symbols}
        for h in claim.given:  # respect one-hot hypotheses with the first unit vector
            if hasattr(h, "vector"):
                point.update({s: int(k == 0) for k, s in enumerate(h.vector)})
        for e in entries:
            value = e.rewrite(sigmoid, sp.exp).doit().subs(point).evalf(30)
            if abs(value) > 1e-20:
                return False
    return True


@pytest.fixture(scope="module")
def mutant_report():
    items = [CatalogItem(f"mutants-of-{i.id}", i.title, i.source,
                         (lambda i=i: _build_mutants(i))) for i in ITEMS]
    return run(items, Settings(exact_budget=0.2), Limits(timeout=60, jobs=2))


def test_no_mutant_is_proved(mutant_report) -> None:
    results = mutant_report.results
    assert len(results) >= 600, len(results)
    assert not [o.id for o in mutant_report.outcomes if o.error]
    wrongly_proved = [cr.check.claim.note for cr in results
                      if cr.result.verdict is Verdict.PROVED
                      and not _really_equal(cr.check.claim, 7)]
    assert not wrongly_proved, f"false claims proved: {wrongly_proved[:10]}"


@pytest.mark.slow
def test_most_mutants_are_refuted(mutant_report) -> None:
    verdicts = [cr.result.verdict for cr in mutant_report.results]
    refuted = verdicts.count(Verdict.REFUTED)
    assert refuted / len(verdicts) > 0.9, {v.value: verdicts.count(v) for v in set(verdicts)}
    assert assert_refutations(mutant_report) == refuted  # each re-checked independently
