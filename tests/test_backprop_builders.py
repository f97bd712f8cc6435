"""Builder sanity tests for derivations.backprop and derivations.params.

These do not decide verdicts (the engine does): they check that every entry builds, that
both sides of every check have the same shape, and that each check's expected verdict is
plausible at random exact points: a claim expected PROVED agrees to 40 digits at every
sample (up to four random matrix entries per sample), a claim expected REFUTED differs
clearly at some sample. Points are random small rationals with the one-hot vector set to
a unit vector; each side is evaluated exactly and then with ``evalf``.
"""

from __future__ import annotations

import random

import pytest
import sympy as sp

from checker.model import CatalogItem, Check, CheckKind, Derivation, Identity, OneHot
from checker.results import Verdict
from checker.vocab import sigmoid
from derivations import backprop, params

ITEMS: list[CatalogItem] = [*backprop.ITEMS, *params.ITEMS]
BY_ID = {item.id: item for item in ITEMS}
POINTS = 3
ENTRIES_PER_POINT = 4  # for claims expected PROVED, a random subset of matrix entries per point
AGREE = sp.Float("1e-40", 50)
DIFFER = sp.Float("1e-10", 50)


def _checks(item: CatalogItem) -> tuple[Check, ...]:
    return item.build().checks()


def _shape(v: object) -> tuple[int, int] | None:
    return getattr(v, "shape", None)


def _entries(v: sp.Expr | sp.MatrixBase) -> list[sp.Expr]:
    return list(v) if isinstance(v, sp.MatrixBase) else [v]


def _exp_form(e: sp.Expr) -> sp.Expr:
    return e.replace(sigmoid, lambda t: 1 / (1 + sp.exp(-t)))


def _random_point(check: Check, rng: random.Random, case: int) -> dict[sp.Symbol, sp.Expr]:
    point: dict[sp.Symbol, sp.Expr] = {}
    for hyp in check.claim.given:
        if isinstance(hyp, OneHot):
            hot = case % len(hyp.vector)
            point.update({s: sp.Integer(int(k == hot)) for k, s in enumerate(hyp.vector)})
    for s in sorted(check.claim.symbols - point.keys(), key=str):
        if s.is_integer and s.is_positive:
            point[s] = sp.Integer(rng.randint(1, 30))
        else:
            point[s] = sp.Rational(rng.randint(-12, 12), rng.randint(1, 6))
    return point


def _max_difference(
    check: Check, point: dict[sp.Symbol, sp.Expr], rng: random.Random
) -> sp.Float:
    worst = sp.Float(0, 50)
    pairs = list(zip(_entries(check.claim.lhs), _entries(check.claim.rhs), strict=True))
    if check.claim.expect is Verdict.PROVED and len(pairs) > ENTRIES_PER_POINT:
        pairs = rng.sample(pairs, ENTRIES_PER_POINT)
    for a, b in pairs:
        # each side separately: evalf of a difference that is exactly 0 keeps raising precision
        va = _exp_form(a).xreplace(point).evalf(60)
        vb = _exp_form(b).xreplace(point).evalf(60)
        value = sp.Abs((va - vb).evalf(50))
        assert value.is_number and value.is_finite, (check.id, va, vb)
        worst = max(worst, value)
    return worst


@pytest.mark.parametrize("item", ITEMS, ids=lambda i: i.id)
def test_item_builds_with_matching_shapes(item: CatalogItem) -> None:
    entry = item.build()
    assert isinstance(entry, Identity | Derivation)
    assert (entry.id, entry.title, entry.source) == (item.id, item.title, item.source)
    for check in entry.checks():
        assert _shape(check.claim.lhs) == _shape(check.claim.rhs), check.id
        assert not check.claim.lhs.atoms(sp.Derivative), check.id
        assert not check.claim.rhs.atoms(sp.Derivative), check.id
        assert all(s.is_real for s in check.claim.symbols), check.id
    if isinstance(entry, Derivation):
        assert all(step.why and step.text for step in entry.steps), entry.id


@pytest.mark.parametrize("item", ITEMS, ids=lambda i: i.id)
def test_expected_verdicts_are_plausible_at_exact_points(item: CatalogItem) -> None:
    rng = random.Random(item.id)
    for check in _checks(item):
        diffs = [
            _max_difference(check, _random_point(check, rng, k), rng) for k in range(POINTS)
        ]
        if check.claim.expect is Verdict.PROVED:
            assert max(diffs) < AGREE, (check.id, diffs)
        else:
            assert check.claim.expect is Verdict.REFUTED, check.id
            assert check.claim.note, check.id
            assert max(diffs) > DIFFER, (check.id, diffs)


def test_gradient_ids_cover_both_conventions_and_sizes() -> None:
    for convention in ("row", "col"):
        for sizes in ((2, 3, 2), (3, 4, 3)):
            for g in ("z2", "h", "z1", "x", "W1", "b1", "W2", "b2"):
                assert backprop.gradient_id(convention, sizes, g) in BY_ID
    assert "backprop-row-232-dL-dW1" in BY_ID
    assert "backprop-col-343-dL-dx" in BY_ID


@pytest.mark.parametrize("convention", ["row", "col"])
@pytest.mark.parametrize("g", ["z2", "h", "z1", "x", "W1", "b1", "W2", "b2"])
def test_gradient_has_shape_of_variable(convention: str, g: str) -> None:
    sizes = (3, 4, 3)
    entry = BY_ID[backprop.gradient_id(convention, sizes, g)].build()
    assert isinstance(entry, Identity)
    assert entry.claim.lhs.shape == backprop.shapes(sizes, convention)[g]
    assert entry.claim.expect is Verdict.PROVED
    assert any(isinstance(h, OneHot) for h in entry.claim.given)


def test_document_derivations_expect_what_the_brief_says() -> None:
    def pattern(entry_id: str) -> list[tuple[str, str]]:
        entry = BY_ID[entry_id].build()
        return [(c.id.split("#")[1], c.claim.expect.value) for c in entry.checks()]

    p, r = "proved", "refuted"
    assert pattern("backprop-doc000-dCE-dx") == [
        ("goal", r), ("start", p), ("step2", p), ("step3", r), ("end", p)]
    assert pattern("backprop-doc002-dsigma-chain") == [
        ("goal", p), ("start", p), ("step2", r), ("step3", r), ("end", p)]
    assert pattern("backprop-doc002-dL-dx") == [
        ("goal", r), ("start", p), ("step2", r), ("step3", p), ("end", p)]
    for entry_id in ("backprop-doc002-dsigma-dx-parenthesis", "backprop-doc002-dL-dw1",
                     "backprop-doc002-dL-db1"):
        (check,) = BY_ID[entry_id].build().checks()
        assert check.kind is CheckKind.CLAIM and check.claim.expect is Verdict.REFUTED


@pytest.mark.parametrize("sizes", params.SIZES, ids=backprop.size_tag)
def test_parameter_count_equals_formula(sizes: tuple[int, int, int]) -> None:
    dx, hidden, dy = sizes
    expected = (dx + 1) * hidden + (hidden + 1) * dy
    entry = BY_ID[params.count_id(sizes)].build()
    assert isinstance(entry, Identity)
    assert entry.claim.lhs == expected
    assert entry.claim.rhs == expected
    assert params.shape_count(sizes, "col") == expected
    if params.shape_count(sizes) <= params.SYMBOL_LIMIT:
        assert params.symbol_count(sizes, "row") == expected
        assert params.symbol_count(sizes, "col") == expected


def test_symbolic_parameter_count() -> None:
    entry = BY_ID["params-count-symbolic"].build()
    assert isinstance(entry, Identity)
    rng = random.Random(4)
    for _ in range(5):
        point = {s: sp.Integer(rng.randint(1, 1000)) for s in entry.claim.symbols}
        assert entry.claim.lhs.xreplace(point) == entry.claim.rhs.xreplace(point)
