"""∂CE/∂z = ŷ − y with ŷ = softmax(z): the identity and the documents' chains.

Chains are compared as vectors over the derivative index (all of them at once),
for n = 3, with y one-hot (every case checked).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import sympy as sp

from checker.model import CatalogItem, Claim, Derivation, Equation, Identity, OneHot, Step
from checker.results import Verdict
from checker.vocab import cross_entropy, grad, softmax, vector
from derivations import source

N = 3


def _vec(f: Callable[[int], sp.Expr], n: int = N) -> sp.ImmutableMatrix:
    return sp.ImmutableMatrix([f(i) for i in range(n)])


def _d(e: sp.Expr, v: sp.Symbol) -> sp.Derivative:
    return sp.Derivative(e, v)


def _ind(i: int, j: int) -> int:
    return 1 if i == j else 0


def onehot(n: int) -> Identity:
    z, y = vector("z", n), vector("y", n)
    L = cross_entropy(y, softmax(z))
    return Identity(f"ce-grad-onehot-n{n}", f"∂CE/∂z = ŷ − y, y one-hot, n = {n}",
                    source("002", "Inciso c)"),
                    Claim(grad(L, z), softmax(z) - y, (OneHot(tuple(y)),), scope=f"n = {n}"))


def sum_one(n: int) -> Identity:
    z, y = vector("z", n), vector("y", n)
    L = cross_entropy(y, softmax(z))
    return Identity(f"ce-grad-sum1-n{n}", f"∂CE/∂z = ŷ − y, general y with Σy = 1, n = {n}",
                    source("004", "6 Part 1 (ii)"),
                    Claim(grad(L, z), softmax(z) - y, (Equation(sp.Add(*y), 1),),
                          scope=f"n = {n}"))


def no_hypothesis() -> Identity:
    z, y = vector("z", N), vector("y", N)
    L = cross_entropy(y, softmax(z))
    return Identity("ce-grad-without-sum1", "∂CE/∂z = ŷ − y without Σy = 1 (false)",
                    source("004", "6 Part 1 (ii), hypothesis dropped"),
                    Claim(grad(L, z), softmax(z) - y, expect=Verdict.REFUTED,
                          note="holds only when Σ_j y_j = 1"))


def chain_000() -> Derivation:
    """Document 000 with θ and the one-hot 1 at position k (k = 2 here)."""
    t = vector("theta", N)
    k = 1  # zero-based: the class with y_k = 1
    y = sp.ImmutableMatrix([_ind(i, k) for i in range(N)])
    p = softmax(t)
    S = sp.Add(*[sp.exp(v) for v in t])
    g = lambda e: _vec(lambda m: _d(e, t[m]))  # noqa: E731  ∂(e) as a vector over θ
    steps = (
        Step(g(cross_entropy(y, p)), text="∂CE/∂θ, CE = −Σ_i y_i log(ŷ_i)"),
        Step(g(-sp.log(sp.exp(t[k]) / S)), "one-hot: only the k-th term remains",
             text="∂(−log(e^θ / Σ_i e^(θ_i)))"),
        Step(g(-(sp.log(sp.exp(t[k]), evaluate=False) - sp.log(S))), "log of a quotient",
             text="∂(−(log e^θ − log Σ e^(θ_i)))"),
        Step(g(-t[k] + sp.log(S)), "log e^θ = θ", text="∂(−θ + log Σ e^(θ_i))"),
        Step(g(sp.log(S) - t[k]), "reorder", note="θ_i here is the k-th component θ_k",
             text="∂(log Σ e^θ − θ_i)"),
        Step(_vec(lambda m: _d(S, t[m])) / S - y, "chain rule; ∂θ_k/∂θ = y",
             text="1/Σ e^θ · ∂(Σ e^(θ_i)) − y"),
        Step(_vec(lambda m: sp.exp(t[m])) / S - y, "∂ e^(θ_i) = e^(θ_i)",
             text="e^(θ_i) / Σ e^θ − y"),
        Step(p - y, "definition of ŷ", text="ŷ − y"),
    )
    return Derivation("ce-grad-000-chain", "Document 000's chain for ∂CE/∂θ (n = 3, y = e_2)",
                      source("000", "Sigmoid, 2"), g(cross_entropy(y, p)), p - y, steps,
                      note="written for the one-hot case with the 1 at position k = 2")


def chain_002() -> Derivation:
    z, y = vector("z", N), vector("y", N)
    p = softmax(z)
    L = cross_entropy(y, p)
    rng = range(N)
    steps = (
        Step(grad(L, z), text="∂L(Y, Ŷ)/∂z_j"),
        Step(_vec(lambda j: -sp.Add(*[y[i] * _d(sp.log(p[i]), z[j]) for i in rng])),
             "linearity", text="−Σ_i Y_i ∂/∂z_j log(ŷ_i)"),
        Step(_vec(lambda j: -sp.Add(*[y[i] / p[i] * _d(p[i], z[j]) for i in rng])),
             "chain rule", text="−Σ_i (Y_i/ŷ_i) ∂ŷ_i/∂z_j"),
        Step(_vec(lambda j: -sp.Add(*[y[i] / p[i] * p[i] * (_ind(i, j) - p[j]) for i in rng])),
             "softmax Jacobian", text="−Σ_i (y_i/ŷ_i) ŷ_i (1{i=j} − ŷ_j)"),
        Step(_vec(lambda j: -sp.Add(*[y[i] * (_ind(i, j) - p[j]) for i in rng if i != j])
                  - y[j] * (1 - p[j])),
             "split off the term i = j",
             note="in the second term 1{i=j} is read as 1: it is the term i = j",
             text="[−Σ_{i≠j} y_i (1{i=j} − ŷ_j)] − y_j (1{i=j} − ŷ_j)"),
        Step(_vec(lambda j: sp.Add(*[y[i] * p[j] for i in rng if i != j]) - y[j] * (1 - p[j])),
             "1{i=j} = 0 for i ≠ j",
             note="the document writes y_i (1 − ŷ_j) outside the sum, where i is not "
                  "bound, so the line has no literal reading; read as y_j, as the next line "
                  "continues (unlike 003, whose slip is well-formed and is read literally)",
             text="[Σ_{i≠j} y_i ŷ_j] − y_i (1 − ŷ_j)"),
        Step(_vec(lambda j: sp.Add(*[y[i] * p[j] for i in rng if i != j]) - y[j] + y[j] * p[j]),
             "expand", text="[Σ_{i≠j} y_i ŷ_j] − y_j + y_j ŷ_j"),
        Step(_vec(lambda j: sp.Add(*[y[i] * p[j] for i in rng]) - y[j]), "merge the sum",
             text="Σ_i y_i ŷ_j − y_j"),
        Step(_vec(lambda j: p[j] * sp.Add(*y) - y[j]), "factor ŷ_j", text="ŷ_j Σ_i y_i − y_j"),
        Step(p - y, "Σ_i y_i = 1", text="ŷ_j − y_j"),
    )
    return Derivation("ce-grad-002-chain", "Document 002's chain for ∂L/∂z (n = 3)",
                      source("002", "Inciso c)"), grad(L, z), p - y, steps, (OneHot(tuple(y)),))


def log_softmax_002() -> Identity:
    z = vector("z", N)
    p = softmax(z)
    S = sp.Add(*[sp.exp(v) for v in z])
    return Identity("ce-log-softmax-002", "log(ŷ_i) = z_i − log Σ_j e^(z_j)",
                    source("002", "Inciso c)"),
                    Claim(p.applyfunc(sp.log), z - sp.ones(N, 1) * sp.log(S)))


def dlog_softmax_002() -> Identity:
    z = vector("z", N)
    p = softmax(z)
    J = sp.ImmutableMatrix(N, N, lambda i, j: sp.Derivative(sp.log(p[i]), z[j]))
    return Identity("ce-dlog-softmax-002", "∂ log(ŷ_i)/∂z_j = 1{i=j} − ŷ_j",
                    source("002", "Inciso c)"),
                    Claim(J, sp.ImmutableMatrix(N, N, lambda i, j: _ind(i, j) - p[j])))


def chain_003() -> Derivation:
    t, y = vector("theta", N), vector("y", N)
    p = softmax(t)
    L = cross_entropy(y, p)
    rng = range(N)
    literal = ("as written the summand y_i ŷ_i does not depend on the summation index j, "
               "so Σ_{j≠i} gives (n−1)·y_i ŷ_i; the correct term is y_j ŷ_i (index slip)")
    steps = (
        Step(grad(L, t), text="∂CE/∂θ_i"),
        Step(_vec(lambda i: -sp.Add(*[_d(y[j] * sp.log(p[j]), t[i]) for j in rng])),
             "linearity", text="−Σ ∂(y log ŷ)/∂θ_i"),
        Step(_vec(lambda i: -sp.Add(*[y[j] / p[j] * _d(p[j], t[i]) for j in rng])),
             "chain rule", text="−Σ_j y_j · 1/ŷ_j · ∂ŷ_j/∂θ_i"),
        Step(_vec(lambda i: -y[i] * (1 - p[i]) + sp.Add(*[y[i] * p[i] for j in rng if j != i])),
             "combine the cases i = j and i ≠ j", Verdict.REFUTED, literal,
             text="−y_i (1 − ŷ_i) + Σ_{i≠j} y_i ŷ_i"),
        Step(_vec(lambda i: y[i] * p[i] - y[i] + sp.Add(*[y[i] * p[i] for j in rng if j != i])),
             "expand", text="y_i ŷ_i − y_i + Σ_{i≠j} y_i ŷ_i"),
        Step(_vec(lambda i: p[i] * sp.Add(*[y[i] for j in rng]) - y[i]), "factor ŷ_i",
             note="Σ_j y_i read literally: n·y_i", text="ŷ_i Σ_j y_i − y_i"),
        Step(p - y, "“sum of y_i is 1”", Verdict.REFUTED,
             "Σ_j y_i = n·y_i, not 1: the index slip two lines up is why this step fails",
             text="ŷ_i − y_i"),
    )
    return Derivation("ce-grad-003-chain", "Document 003's chain for ∂CE/∂θ (n = 3)",
                      source("003", "Deriving Cross Entropy"), grad(L, t), p - y, steps,
                      (OneHot(tuple(y)),))


def case_003() -> Derivation:
    t, y = vector("theta", N), vector("y", N)
    p = softmax(t)
    rng = range(N)
    written = _vec(lambda i: sp.Add(*[y[i] * p[i] for j in rng if j != i]))
    steps = (
        Step(_vec(lambda i: -sp.Add(*[y[j] / p[j] * _d(p[j], t[i]) for j in rng if j != i])),
             text="−Σ_{j≠i} y_j · 1/ŷ_j · ∂ŷ_j/∂θ_i"),
        Step(_vec(lambda i: -sp.Add(*[y[j] / p[j] * (-p[i] * p[j]) for j in rng if j != i])),
             "softmax Jacobian, i ≠ j", text="−Σ y_{i≠j} · 1/ŷ_j · (−ŷ_i ŷ_j)"),
        Step(written, "cancel ŷ_j", Verdict.REFUTED,
             "y_i ŷ_i where y_j ŷ_i is meant (index slip)", text="Σ_{i≠j} y_i ŷ_i"),
    )
    return Derivation("ce-grad-003-case-i-neq-j", "Document 003's case i ≠ j (n = 3)",
                      source("003", "Deriving Cross Entropy, When i ≠ j"),
                      steps[0].expr, written, steps, (OneHot(tuple(y)),),
                      expect=Verdict.REFUTED,
                      note="the correct result is Σ_{j≠i} y_j ŷ_i (with y_j, not y_i)")


def case_003_diag() -> Derivation:
    t, y = vector("theta", N), vector("y", N)
    p = softmax(t)
    steps = (
        Step(_vec(lambda i: -y[i] / p[i] * _d(p[i], t[i])),
             note="the term j = i of −Σ_j y_j · 1/ŷ_j · ∂ŷ_j/∂θ_i (the document writes the "
                  "whole sum, but only this term is meant)",
             text="−Σ_j y_j · 1/ŷ_j · ∂ŷ_j/∂θ_i, the term j = i"),
        Step(_vec(lambda i: -y[i] / p[i] * p[i] * (1 - p[i])), "softmax Jacobian, i = j",
             text="−y_i · 1/ŷ_i · ŷ_i (1 − ŷ_i)"),
        Step(_vec(lambda i: -y[i] * (1 - p[i])), "cancel ŷ_i", text="−y_i (1 − ŷ_i)"),
    )
    return Derivation("ce-grad-003-case-i-eq-j", "Document 003's case i = j (n = 3)",
                      source("003", "Deriving Cross Entropy, When i = j"),
                      steps[0].expr, steps[-1].expr, steps, (OneHot(tuple(y)),))


def chain_004() -> Derivation:
    x, y = vector("x", N), vector("y", N)
    p = softmax(x)
    H = cross_entropy(y, p)
    rng = range(N)
    steps = (
        Step(grad(H, x), text="∂H(p, y)/∂x_i"),
        Step(_vec(lambda i: _d(-sp.Add(*[y[j] * sp.log(p[j]) for j in rng]), x[i])),
             "definition of H", text="∂(−Σ_j y_j log(p_j))/∂x_i"),
        Step(_vec(lambda i: -sp.Add(*[y[j] * _d(sp.log(p[j]), x[i]) for j in rng])),
             "linearity", text="−Σ_j y_j ∂log(p_j)/∂x_i"),
        Step(_vec(lambda i: -sp.Add(*[y[j] * _d(sp.log(p[j]), x[i]) * _d(p[j], x[i])
                                      for j in rng])),
             "chain rule", Verdict.REFUTED,
             "∂log(p_j)/∂x_i · ∂p_j/∂x_i multiplies two derivatives by x_i; the chain rule "
             "needs ∂log(p_j)/∂p_j · ∂p_j/∂x_i",
             text="−Σ_j y_j ∂log(p_j)/∂x_i · ∂p_j/∂x_i"),
        Step(_vec(lambda i: -sp.Add(*[y[j] / p[j] * p[j] * (_ind(i, j) - p[i]) for j in rng])),
             "∂log p/∂p = 1/p; softmax Jacobian", Verdict.REFUTED,
             "correct again, but it does not follow from the wrong line above",
             text="−Σ_j y_j (1/p_j) p_j (δ_ij − p_i)"),
        Step(_vec(lambda i: -sp.Add(*[y[j] * (_ind(i, j) - p[i]) for j in rng])), "cancel p_j",
             text="−Σ_j y_j (δ_ij − p_i)"),
        Step(_vec(lambda i: -sp.Add(*[y[j] * _ind(i, j) - y[j] * p[i] for j in rng])),
             "distribute", note="read as −Σ_j (y_j δ_ij − y_j p_i): the sum covers both terms",
             text="−Σ_j y_j δ_ij − y_j p_i"),
        Step(_vec(lambda i: -sp.Add(*[y[j] * _ind(i, j) for j in rng]) + p[i] * sp.Add(*y)),
             "split the sum", text="−Σ_j y_j δ_ij + p_i Σ_j y_j"),
        Step(p - y, "one-hot: Σ_j y_j = 1", text="−y_i + p_i"),
    )
    return Derivation("ce-grad-004-chain", "Document 004's chain for ∂H/∂x (n = 3)",
                      source("004", "6 Part 1 (ii) solution"), grad(H, x), p - y, steps,
                      (OneHot(tuple(y)),))


def cases_003() -> Identity:
    t = vector("theta", N)
    p = softmax(t)
    k = 0
    y = sp.ImmutableMatrix([_ind(i, k) for i in range(N)])
    return Identity("ce-grad-003-by-case", "∂CE/∂θ_i = ŷ_i − 1 (i = k), ŷ_i (i ≠ k), y = e_1",
                    source("003", "Deriving Cross Entropy, last lines"),
                    Claim(grad(cross_entropy(y, p), t),
                          _vec(lambda i: p[i] - 1 if i == k else p[i])))


def _item(build: Callable[[], Identity | Derivation], item_id: str, title: str,
          src: str) -> CatalogItem:
    return CatalogItem(item_id, title, src, build, ("cross-entropy",))


ITEMS = [
    *[_item(partial(onehot, n), f"ce-grad-onehot-n{n}", f"∂CE/∂z = ŷ − y, one-hot y, n = {n}",
            source("002", "Inciso c)")) for n in range(2, 7)],
    *[_item(partial(sum_one, n), f"ce-grad-sum1-n{n}", f"∂CE/∂z = ŷ − y, Σy = 1, n = {n}",
            source("004", "6 Part 1 (ii)")) for n in range(2, 7)],
    _item(no_hypothesis, "ce-grad-without-sum1", "∂CE/∂z = ŷ − y without Σy = 1 (false)",
          source("004", "6 Part 1 (ii), hypothesis dropped")),
    _item(chain_000, "ce-grad-000-chain", "Document 000's chain for ∂CE/∂θ",
          source("000", "Sigmoid, 2")),
    _item(log_softmax_002, "ce-log-softmax-002", "log(ŷ_i) = z_i − log Σ_j e^(z_j)",
          source("002", "Inciso c)")),
    _item(dlog_softmax_002, "ce-dlog-softmax-002", "∂ log(ŷ_i)/∂z_j = 1{i=j} − ŷ_j",
          source("002", "Inciso c)")),
    _item(chain_002, "ce-grad-002-chain", "Document 002's chain for ∂L/∂z",
          source("002", "Inciso c)")),
    _item(chain_003, "ce-grad-003-chain", "Document 003's chain for ∂CE/∂θ",
          source("003", "Deriving Cross Entropy")),
    _item(case_003_diag, "ce-grad-003-case-i-eq-j", "Document 003's case i = j",
          source("003", "Deriving Cross Entropy, When i = j")),
    _item(case_003, "ce-grad-003-case-i-neq-j", "Document 003's case i ≠ j",
          source("003", "Deriving Cross Entropy, When i ≠ j")),
    _item(cases_003, "ce-grad-003-by-case", "Document 003's case form ŷ_i − 1 / ŷ_i",
          source("003", "Deriving Cross Entropy, last lines")),
    _item(chain_004, "ce-grad-004-chain", "Document 004's chain for ∂H/∂x",
          source("004", "6 Part 1 (ii) solution")),
]
