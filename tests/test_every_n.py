"""Claims over a symbolic dimension n: proofs for every n, refutations at a concrete n, and
never a proof of something false (mutated indices, dropped hypotheses, undecided ranges)."""

from __future__ import annotations

import pytest
import sympy as sp

from checker import Claim, Condition, Equation, Index, Method, OneHotAt, Settings, Verdict, check_claim
from checker.strategies.symbolic_n import Facts
from derivations import every_n as E
from tests.recheck import assert_counterexample

n, i, j, k, t = E.n, E.i, E.j, E.k, E.t
x, y, c, cv = E.x, E.y, E.c, E.cv
s, S = E.s, E.S


def decide(claim: Claim):
    return check_claim(claim, Settings())


# -- the integer facts ----------------------------------------------------------------------

def _facts(*pairs: tuple[sp.Expr, sp.Expr], distinct: tuple = ()) -> Facts:
    f = Facts()
    for a, b in pairs:
        f.le(a, b)
    for a, b in distinct:
        f.ne(a, b)
    assert f.close()
    return f


def test_facts_decide_ranges_and_equalities() -> None:
    f = _facts((sp.Integer(1), i), (i, n), (sp.Integer(1), j), (j, n), distinct=((i, j),))
    assert f.decide(sp.Le(1, i)) is True
    assert f.decide((i >= 1) & (i <= n)) is True
    assert f.decide(sp.Le(i, n + 1)) is True
    assert f.decide(sp.Gt(i, n)) is False
    assert f.decide(sp.Eq(i, j)) is False
    assert f.decide(sp.Ne(i, j)) is True
    assert f.decide(sp.Le(i, j)) is None  # not decided: neither order is known
    assert f.decide(sp.Le(n, i)) is None
    assert f.decide(sp.Le(i + j, n)) is None  # not a difference constraint: never guessed


def test_contradictory_facts_make_a_vacuous_case() -> None:
    f = Facts()
    f.le(i + 1, j)
    f.le(j + 1, i)
    assert not f.close()


# -- proofs for every n ----------------------------------------------------------------------

@pytest.mark.parametrize("build", [E.shift_scalar, E.jacobian_delta, E.jacobian_diagonal,
                                   E.jacobian_off_diagonal, E.logsumexp_gradient, E.ce_one_hot,
                                   E.ce_sum_one])
def test_general_identities_are_proved_for_every_n(build) -> None:
    r = decide(build().claim)
    assert r.verdict is Verdict.PROVED
    assert r.scope == "all n ≥ 1"
    assert r.detail.startswith("for all n ≥ 1")
    assert r.elapsed < 5  # the benchmark measures; this only catches a hang-like regression


def test_the_proof_names_the_facts_it_used() -> None:
    r = decide(E.jacobian_delta().claim)
    assert "2 case(s)" in r.detail  # i = j and i ≠ j
    assert "i <= n" in r.detail or "n >= i" in r.detail


# -- refutations at a concrete n ---------------------------------------------------------------

WRONG = {
    "slipped index s_i for s_j": Claim(sp.Derivative(s(i), x[j]),
                                       s(i) * (sp.KroneckerDelta(i, j) - s(i)),
                                       indices=E._in(i, j)),
    "δ_ij replaced by 1": Claim(sp.Derivative(s(i), x[j]), s(i) * (1 - s(j)), indices=E._in(i, j)),
    "off-diagonal form without i ≠ j": Claim(sp.Derivative(s(i), x[j]), -s(i) * s(j),
                                             indices=E._in(i, j)),
    "sum from 2": Claim(sp.Derivative(sp.log(S), x[i]),
                        sp.exp(x[i]) / sp.Sum(sp.exp(x[k]), (k, 2, n)), indices=E._in(i)),
    "vector shift in the numerator only": Claim(sp.exp(x[i] + cv[i]) / E.total(sp.exp(x[k] + c)),
                                                s(i), indices=E._in(i)),
    "sign": Claim(sp.Derivative(sp.log(S), x[i]), -s(i), indices=E._in(i)),
    "one-hot at the wrong index": Claim(sp.Derivative(E.cross_entropy(), x[i]),
                                        s(i) - y[t], (OneHotAt(y, t),), indices=E._in(i, t)),
    "Σy = 1 but y_j for y_i": Claim(sp.Derivative(E.cross_entropy(), x[i]), s(i) - y[j],
                                    (Equation(E.total(y[k]), 1),), indices=E._in(i, j)),
}


@pytest.mark.parametrize("name", sorted(WRONG))
def test_wrong_general_claims_are_refuted_at_some_n(name: str) -> None:
    claim = WRONG[name]
    r = decide(claim)
    assert r.verdict is Verdict.REFUTED, (r.verdict, r.detail)
    cex = r.counterexample
    assert cex is not None and cex.instance, "the refuted instance is recorded"
    assert r.scope.startswith("n = ")
    assert_counterexample(claim, cex)  # re-evaluated independently, at that n


def test_a_symmetric_rewrite_is_still_proved() -> None:
    # s_j (δ_ij − s_i) equals s_i (δ_ij − s_j): not every change of index is a mistake.
    r = decide(Claim(sp.Derivative(s(i), x[j]), s(j) * (sp.KroneckerDelta(i, j) - s(i)),
                     indices=E._in(i, j)))
    assert r.verdict is Verdict.PROVED


def test_an_undecided_range_is_never_dropped() -> None:
    """j ∈ 1…n+1: the derivative of Σ_{k≤n} e^{x_k} by x_j is e^{x_j} only if j ≤ n. SymPy's
    Piecewise keeps that condition; the engine must not pick the first branch."""
    claim = Claim(sp.Derivative(S, x[j]), sp.exp(x[j]), indices=(Index(j, sp.Integer(1), n + 1),))
    r = decide(claim)
    assert r.verdict is Verdict.REFUTED and r.scope == "n = 1, j = 2"
    assert_counterexample(claim, r.counterexample)


def test_summation_formulas_are_proved_by_induction() -> None:
    r = decide(Claim(E.total(k), n * (n + 1) / 2))
    assert r.verdict is Verdict.PROVED and r.scope == "all n ≥ 1" and "induction" in r.detail
    r = decide(Claim(E.total(k), n * (n - 1) / 2))
    assert r.verdict is Verdict.REFUTED


def test_a_true_claim_outside_the_method_is_unknown_not_refuted() -> None:
    # Σ_k n·k = n²(n+1)/2: the body involves n however the sum runs, so neither the
    # normaliser nor induction on the bound applies: no proof for all n, but every instance
    # n = 1…4 is proved, and that is what the result says.
    r = decide(Claim(E.total(n * k), n**2 * (n + 1) / 2))
    assert r.verdict is Verdict.UNKNOWN and r.method is Method.NONE
    assert "no proof for all n" in r.detail
    assert "the instances n = 1, n = 2, n = 3, n = 4 are all proved" in r.detail
    assert r.scope == "n = 1…4"


def test_an_index_without_a_range_is_an_error() -> None:
    r = decide(Claim(sp.exp(x[j]), sp.exp(x[j])  + 0 * S))
    assert r.verdict is Verdict.ERROR and "the index j of x[j] has no declared range" in r.detail


def test_a_free_index_reused_as_a_summation_index_is_an_error() -> None:
    r = decide(Claim(E.total(y[k]) * y[k], y[k], indices=E._in(k)))
    assert r.verdict is Verdict.ERROR and "both a free index and a summation index" in r.detail


def test_an_index_name_used_for_another_symbol_is_an_error() -> None:
    real_i = sp.Symbol("i", real=True)
    r = decide(Claim(s(i), s(i), (Condition(real_i > 0),), indices=E._in(i)))
    assert r.verdict is Verdict.ERROR and "both an index and another symbol" in r.detail


def test_vacuous_hypotheses_are_reported_as_such() -> None:
    r = decide(Claim(s(i), -s(j), (Condition(i < j), Condition(j < i)), indices=E._in(i, j)))
    assert r.verdict is Verdict.PROVED and r.vacuous and r.method is Method.VACUOUS
    assert r.scope == "" and "i < j, j < i" in r.detail  # never "proved for all n ≥ 1"


# -- found by a new-user trial: each once gave a wrong verdict, an error or a crash -----------

def test_a_factor_is_not_taken_out_of_a_possibly_empty_sum() -> None:
    """Σ_{k=2}^{n} a/(n−1) = a is false at n = 1 (an empty sum is 0): taking a/(n−1) out of the
    sum and counting n − 1 terms would 'prove' it."""
    a = sp.Symbol("a", real=True)
    claim = Claim(sp.Sum(a / (n - 1), (k, 2, n)), a)
    r = decide(claim)
    assert r.verdict is Verdict.REFUTED and r.scope == "n = 1"
    assert_counterexample(claim, r.counterexample)


def test_an_empty_sum_is_zero_not_karrs_convention() -> None:
    """SymPy reads Σ_{k=3}^{1} as −Σ_{k=2}^{2}; the documents (and derivcheck) read it as 0. This
    claim is true for every n, so it must never be refuted."""
    claim = Claim(sp.Sum(sp.KroneckerDelta(k, 2), (k, 3, n)) + E.total(k), n * (n + 1) / 2)
    r = decide(claim)
    assert r.verdict is not Verdict.REFUTED
    assert "the instances n = 1, n = 2, n = 3, n = 4 are all proved" in r.detail


def test_an_entry_outside_the_vector_is_an_error_not_a_counterexample() -> None:
    claim = Claim(sp.Sum(x[k], (k, 1, n + 1)), E.total(x[k]), lengths=E.LENGTHS)
    r = decide(claim)
    assert r.verdict is Verdict.ERROR
    assert "the entry x[k] may lie outside x's entries 1…n" in r.detail


def test_nested_sums_and_products_of_sums() -> None:
    m = E.m
    nested = sp.Sum(sp.Sum(x[k] * y[m], (m, 1, n)), (k, 1, n))
    assert decide(Claim(nested, E.total(x[k]) * sp.Sum(y[m], (m, 1, n)))).verdict \
        is Verdict.PROVED
    wrong = decide(Claim(nested, E.total(x[k] * y[k])))
    assert wrong.verdict is Verdict.REFUTED
    assert_counterexample(Claim(nested, E.total(x[k] * y[k])), wrong.counterexample)


def test_an_index_equation_in_given_is_used() -> None:
    assert decide(Claim(sp.KroneckerDelta(i, j), 1, (Equation(i, j),), indices=E._in(i, j))) \
        .verdict is Verdict.PROVED
    wrong = Claim(sp.KroneckerDelta(i, j), 0, (Equation(i, j),), indices=E._in(i, j))
    r = decide(wrong)
    assert r.verdict is Verdict.REFUTED and r.scope == "n = 1, i = 1, j = 1"
    assert_counterexample(wrong, r.counterexample)


def test_a_bare_entry_as_a_side_renders() -> None:
    """A claim side that is just x_i once crashed the terminal report (Indexed.shape raises)."""
    import io

    from rich.console import Console

    from checker import CheckResult, EntryOutcome, Identity
    from checker.report import terminal

    claim = Claim(E.total(sp.KroneckerDelta(i, k) * x[k]), x[i], lengths=E.LENGTHS,
                  indices=E._in(i))
    entry = Identity("bare", "a bare entry", "test", claim)
    check = entry.checks()[0]
    outcome = EntryOutcome("bare", "a bare entry", "test", entry, (CheckResult(check, decide(claim)),))
    console = Console(file=io.StringIO(), width=100)
    console.print(terminal.entry_panel(outcome, True))
    out = console.file.getvalue()
    assert "x_i" in out and "proved for all n >= 1" in out


# -- found by an adversarial review: each once gave a wrong verdict ---------------------------

def test_conditions_on_real_symbols_are_not_integer_facts() -> None:
    """a > 0 and a < 1 are consistent for a real a; read as integer facts (a ≥ 1) they looked
    contradictory and the false claim below was 'proved' vacuously."""
    a = sp.Symbol("a", real=True)
    claim = Claim(E.total(a * x[k]), E.total(x[k]), (Condition(a > 0), Condition(a < 1)),
                  lengths=E.LENGTHS)
    assert decide(claim).verdict is not Verdict.PROVED
    f = Facts()
    assert not f.le(a + 1, sp.Integer(1))  # not usable as a fact at all


def test_sums_inside_claims_with_derivatives_keep_empty_ranges_empty() -> None:
    """doit() on a whole expression evaluates Σ_{k=3}^{n} 1 as n − 2 even at n = 1 (Karr);
    only the derivatives may be evaluated that way."""
    claim = Claim(sp.Derivative(x[i], x[i]) * sp.Sum(1, (k, 3, n)), n - 2, lengths=E.LENGTHS,
                  indices=E._in(i))
    r = decide(claim)
    assert r.verdict is Verdict.REFUTED and r.scope.startswith("n = 1")
    assert_counterexample(claim, r.counterexample)


def test_instance_entries_do_not_collide_with_scalars_named_like_them() -> None:
    """x[1] at a concrete n is the symbol 'x[1]', never the scalar x_1 a file may also use."""
    x_1 = sp.Symbol("x_1", real=True)
    claim = Claim(sp.Derivative(x[1], x_1) + E.total(x[k]), E.total(x[k]), lengths=E.LENGTHS)
    assert decide(claim).verdict is not Verdict.REFUTED


def test_a_free_index_named_like_a_canonical_bound_index_is_not_captured() -> None:
    k1 = sp.Symbol("_k1", integer=True)
    claim = Claim(E.total(sp.exp(x[k] * x[k1])), E.total(sp.exp(x[k] ** 2)),
                  indices=(Index(k1, sp.Integer(1), n),), lengths=E.LENGTHS)
    assert decide(claim).verdict is not Verdict.PROVED


def test_an_index_bound_elsewhere_is_not_declared_here() -> None:
    claim = Claim(sp.Derivative(E.total(x[k] ** 2), x[k]), 2 * E.total(x[k]))
    r = decide(claim)
    assert r.verdict is Verdict.ERROR and "the index k of x[k] has no declared range" in r.detail


def test_matrix_claims_over_a_symbolic_n_are_an_error() -> None:
    claim = Claim(sp.ImmutableMatrix([E.total(x[k]), 0]), sp.ImmutableMatrix([E.total(x[k]), 0]))
    r = decide(claim)
    assert r.verdict is Verdict.ERROR and "compares scalars" in r.detail


def test_a_condition_on_n_sets_the_scope_and_the_entries_that_exist() -> None:
    claim = Claim(E.total(sp.KroneckerDelta(k, 2) * x[k]), x[2], (Condition(n >= 2),),
                  lengths=E.LENGTHS)
    r = decide(claim)
    assert r.verdict is Verdict.PROVED and r.scope == "all n ≥ 2"
    without = decide(Claim(claim.lhs, claim.rhs, lengths=E.LENGTHS))
    assert without.verdict is Verdict.ERROR and 'given = ["n >= 2"]' in without.detail


@pytest.mark.parametrize(("lhs", "rhs", "want"), [
    # the body at its distance from the top (n − k, β^{n−k}): the sum the other way round
    (lambda: E.total(n - k), lambda: n * (n - 1) / 2, Verdict.PROVED),
    (lambda: E.total(n - k), lambda: n * (n + 1) / 2, Verdict.REFUTED),
])
def test_a_sum_written_from_the_top_is_proved_by_induction(lhs, rhs, want) -> None:
    r = decide(Claim(lhs(), rhs()))
    assert r.verdict is want, r.detail


def test_powers_of_a_base_of_any_sign_relate_in_the_induction_step() -> None:
    """Σ_{k=1}^{n} r^{k-1}(1 − r) = 1 − rⁿ for every real r (1 − η, −1, 0 included): the step
    relates rⁿ to rⁿ⁻¹ through one symbol for r^(n−1), not only for a positive r."""
    r_ = sp.Symbol("r", real=True)
    body = r_ ** (k - 1) * (1 - r_)
    got = decide(Claim(E.total(body), 1 - r_**n))
    assert got.verdict is Verdict.PROVED and "induction" in got.detail, got
    for wrong in (1 - r_ ** (n + 1), 1 + r_**n):
        got = decide(Claim(E.total(body), wrong))
        assert got.verdict is Verdict.REFUTED, got
        assert got.counterexample is not None
        assert_counterexample(Claim(E.total(body), wrong), got.counterexample)
    alternating = decide(Claim(E.total((-1) ** k), ((-1) ** n - 1) / 2))
    assert alternating.verdict is Verdict.PROVED, alternating
    assert decide(Claim(E.total((-1) ** k), sp.Integer(0))).verdict is Verdict.REFUTED


def test_a_delta_at_a_scaled_index_is_never_collapsed_to_half_an_index() -> None:
    """SymPy's Σ_k δ(i, 2k) x_k is x_{i/2} wherever 2 ≤ i ≤ 2n, odd i included: a δ whose
    summation index is scaled is left undecided, never proved from that rule."""
    claim = Claim(sp.Sum(sp.KroneckerDelta(i, 2 * k) * x[k], (k, 1, n)), x[i / 2],
                  indices=E._in(i))
    r = decide(claim)
    assert r.verdict is not Verdict.PROVED
    shifted = sp.Sum(sp.KroneckerDelta(i, k + 1) * x[k], (k, 1, n - 1))
    assert decide(Claim(shifted, x[i - 1], indices=(Index(i, sp.Integer(2), n),))).verdict \
        is Verdict.PROVED  # (a shifted δ is one value of k)
    wrong = Claim(shifted, x[i], indices=(Index(i, sp.Integer(2), n),))
    r = decide(wrong)
    assert r.verdict is Verdict.REFUTED
    assert_counterexample(wrong, r.counterexample)


def test_two_indices_of_one_name_are_told_apart_in_an_instance() -> None:
    """An entry's own index beside the user's i printed "n = 2, i = 1, i = 2" (an adversary's):
    the second is i′."""
    from checker.strategies.symbolic_n import instances

    own = sp.Dummy("i", integer=True, positive=True)
    claim = Claim(x[i] * x[own], x[own] * x[i], indices=(Index(i, sp.Integer(1), n),
                                                         Index(own, sp.Integer(1), n)))
    labels = [label for label, _ in instances(claim, [n])]
    assert "n = 2, i = 1, i′ = 2" in labels, labels[:6]
