"""The vector identities for a symbolic dimension n: proved for every n ≥ 1.

The same identities as ``softmax``, ``jacobian``, ``cross_entropy`` and
``loglinear`` state for n = 2…8 with explicit components, here written as the
documents write them: indexed vectors x_i, sums Σ_{k=1}^{n}, Kronecker δ, and
free indices i, j ∈ 1…n. The explicit versions stay in the catalog as a
cross-check. Wrong claims (the vector-c shift of document 000, a dropped
hypothesis, a slipped index) must be refuted at some concrete n.
"""

from __future__ import annotations

import sympy as sp

from checker.model import (
    CatalogItem,
    Claim,
    Condition,
    Derivation,
    Equation,
    Identity,
    Index,
    OneHotAt,
    Step,
)
from checker.results import Verdict
from checker.vocab import real
from derivations import source

n = sp.Symbol("n", integer=True, positive=True)
i, j, k, m, t = sp.symbols("i j k m t", integer=True)
x = sp.IndexedBase("x", real=True)
y = sp.IndexedBase("y", real=True)
cv = sp.IndexedBase("c", real=True)
theta = sp.IndexedBase("theta", real=True)
c = real("c")
Z = real("Z", positive=True)
e = sp.exp


def _in(*symbols: sp.Symbol) -> tuple[Index, ...]:
    return tuple(Index(s, sp.Integer(1), n) for s in symbols)


LENGTHS = tuple((v, n) for v in (x, y, cv, theta))  # every vector has n entries


def total(term: sp.Expr) -> sp.Sum:
    """Σ_{k=1}^{n} term."""
    return sp.Sum(term, (k, 1, n))


S = total(e(x[k]))


def s(a: sp.Expr) -> sp.Expr:
    """softmax(x)_a = e^(x_a) / Σ_k e^(x_k)."""
    return e(x[a]) / S


def cross_entropy() -> sp.Expr:
    """L = −Σ_k y_k log softmax(x)_k (the normaliser summed over m, not to reuse k)."""
    return -total(y[k] * sp.log(e(x[k]) / sp.Sum(e(x[m]), (m, 1, n))))


SRC_SHIFT = source("002", "1 a)")
SRC_000 = source("000", "Softmax, 2")
SRC_JAC = source("004", "6 Part 1 (i) solution")
SRC_CE = source("004", "6 Part 1 (ii) solution")
SRC_LL = source("004", "6 Part 2 solution")


def shift_scalar() -> Identity:
    return Identity("every-n-softmax-shift-scalar", "softmax(x + c)_i = softmax(x)_i, scalar c",
                     SRC_SHIFT, Claim(e(x[i] + c) / total(e(x[k] + c)), s(i), lengths=LENGTHS,
                                      indices=_in(i)))


def shift_vector() -> Identity:
    return Identity(
        "every-n-softmax-shift-vector", "softmax(x + c)_i = softmax(x)_i for a vector c", SRC_000,
        Claim(e(x[i] + cv[i]) / total(e(x[k] + cv[k])), s(i), expect=Verdict.REFUTED,
              note="false unless every c_k is equal; refuted at a concrete n", lengths=LENGTHS,
              indices=_in(i)))


def shift_chain_002() -> Derivation:
    steps = (
        Step(e(x[i] + c) / total(e(x[k] + c)), text="e^(x_i + c) / Σ_k e^(x_k + c)"),
        Step(e(x[i]) * e(c) / total(e(x[k]) * e(c)), "e^(a+b) = e^a e^b",
             text="e^(x_i) e^c / Σ_k e^(x_k) e^c"),
        Step(e(x[i]) * e(c) / (e(c) * total(e(x[k]))), "e^c does not depend on k",
             text="e^(x_i) e^c / (e^c Σ_k e^(x_k))"),
        Step(s(i), "cancel e^c", text="e^(x_i) / Σ_k e^(x_k)"),
    )
    return Derivation("every-n-softmax-shift-chain", "softmax shift invariance, chain for every n",
                      SRC_SHIFT, steps[0].expr, s(i), steps, lengths=LENGTHS, indices=_in(i))


def shift_chain_000() -> Derivation:
    steps = (
        Step(e(x[i] + cv[i]) / total(e(x[k] + cv[k])), text="e^(x_i + c_i) / Σ_k e^(x_k + c_k)"),
        Step(e(x[i]) * e(cv[i]) / total(e(x[k]) * e(cv[k])), "e^(a+b) = e^a e^b",
             text="e^(x_i) e^(c_i) / Σ_k e^(x_k) e^(c_k)"),
        Step(e(x[i]) * e(cv[i]) / (e(cv[i]) * S), "“since c is a constant”", Verdict.REFUTED,
             "e^(c_k) pulled out of Σ_k as if every c_k were equal",
             text="e^(x_i) e^(c_i) / (e^(c_i) Σ_k e^(x_k))"),
        Step(s(i), "cancel", text="e^(x_i) / Σ_k e^(x_k)"),
    )
    return Derivation("every-n-softmax-shift-000-chain",
                      "Document 000's chain for a vector c, for every n", SRC_000,
                      steps[0].expr, s(i), steps, expect=Verdict.REFUTED,
                      note="the identity is false for a vector c", lengths=LENGTHS, indices=_in(i))


def jacobian_delta() -> Identity:
    return Identity("every-n-softmax-jacobian", "∂s_i/∂x_j = s_i (δ_ij − s_j)", SRC_JAC,
                     Claim(sp.Derivative(s(i), x[j]), s(i) * (sp.KroneckerDelta(i, j) - s(j)),
                           lengths=LENGTHS, indices=_in(i, j)))


def jacobian_diagonal() -> Identity:
    return Identity("every-n-softmax-jacobian-diagonal", "∂s_i/∂x_i = s_i (1 − s_i)", SRC_JAC,
                     Claim(sp.Derivative(s(i), x[i]), s(i) * (1 - s(i)), lengths=LENGTHS, indices=_in(i)))


def jacobian_off_diagonal() -> Identity:
    return Identity("every-n-softmax-jacobian-off-diagonal", "∂s_i/∂x_j = −s_i s_j for i ≠ j",
                     SRC_JAC, Claim(sp.Derivative(s(i), x[j]), -s(i) * s(j),
                                    (Condition(sp.Ne(i, j)),), lengths=LENGTHS, indices=_in(i, j)))


def jacobian_slipped_index() -> Identity:
    return Identity(
        "every-n-softmax-jacobian-slipped-index", "∂s_i/∂x_j = s_i (δ_ij − s_i) (an index slip)",
        SRC_JAC, Claim(sp.Derivative(s(i), x[j]), s(i) * (sp.KroneckerDelta(i, j) - s(i)),
                       expect=Verdict.REFUTED, note="s_j written as s_i", lengths=LENGTHS, indices=_in(i, j)))


def logsumexp_gradient() -> Identity:
    return Identity("every-n-logsumexp-gradient", "∂/∂x_i log Σ_k e^(x_k) = softmax(x)_i",
                     SRC_CE, Claim(sp.Derivative(sp.log(S), x[i]), s(i), lengths=LENGTHS, indices=_in(i)))


def ce_one_hot() -> Identity:
    return Identity(
        "every-n-ce-gradient-one-hot", "∂L/∂x_i = s_i − y_i, y one-hot (y_k = δ_kt)", SRC_CE,
        Claim(sp.Derivative(cross_entropy(), x[i]), s(i) - y[i], (OneHotAt(y, t),),
              lengths=LENGTHS, indices=_in(i, t)))


def ce_sum_one() -> Identity:
    return Identity(
        "every-n-ce-gradient-sum-one", "∂L/∂x_i = s_i − y_i given Σ_k y_k = 1", SRC_CE,
        Claim(sp.Derivative(cross_entropy(), x[i]), s(i) - y[i], (Equation(total(y[k]), 1),),
              lengths=LENGTHS, indices=_in(i)))


def ce_no_hypothesis() -> Identity:
    return Identity(
        "every-n-ce-gradient-no-hypothesis", "∂L/∂x_i = s_i − y_i with no hypothesis on y",
        SRC_CE, Claim(sp.Derivative(cross_entropy(), x[i]), s(i) - y[i], expect=Verdict.REFUTED,
                      note="needs Σ_k y_k = 1: the gradient is (Σ_k y_k) s_i − y_i",
                      lengths=LENGTHS, indices=_in(i)))


def loglinear_softmax() -> Derivation:
    p_i = e(theta[i]) / Z
    steps = (
        Step(p_i, text="P(Y = i) = exp(θ_i) / Z"),
        Step(e(theta[i]) / total(e(theta[k])), "Z = Σ_k exp(θ_k), from Σ_k P(Y = k) = 1",
             text="exp(θ_i) / Σ_k exp(θ_k)"),
    )
    return Derivation("every-n-loglinear-softmax", "log-linear model ⇒ softmax, for every n",
                      SRC_LL, p_i, steps[-1].expr, steps,
                      (Equation(total(e(theta[k]) / Z), 1),), lengths=LENGTHS, indices=_in(i))


_ENTRIES = [
    (shift_scalar, ("softmax",)), (shift_vector, ("softmax",)),
    (shift_chain_002, ("softmax", "chain")), (shift_chain_000, ("softmax", "chain")),
    (jacobian_delta, ("jacobian",)), (jacobian_diagonal, ("jacobian",)),
    (jacobian_off_diagonal, ("jacobian",)), (jacobian_slipped_index, ("jacobian",)),
    (logsumexp_gradient, ("cross-entropy",)), (ce_one_hot, ("cross-entropy",)),
    (ce_sum_one, ("cross-entropy",)), (ce_no_hypothesis, ("cross-entropy",)),
    (loglinear_softmax, ("loglinear", "chain")),
]


def _item(build, tags: tuple[str, ...]) -> CatalogItem:
    entry = build()
    return CatalogItem(entry.id, entry.title, entry.source, build, ("every-n", *tags))


ITEMS = [_item(build, tags) for build, tags in _ENTRIES]
