"""tanh'(x) = 1 − tanh²(x) and tanh(x) = 2σ(2x) − 1, from the exp definition (document 004)."""

from __future__ import annotations

import sympy as sp

from checker.model import CatalogItem, Claim, Derivation, Identity, Step
from checker.vocab import real, sigmoid
from derivations import source

x = real("x")
P, M = sp.exp(x), sp.exp(-x)
S, A = P + M, P - M  # e^x + e^(−x), e^x − e^(−x)
TANH = A / S  # the document's definition of tanh


def derivative_identity() -> Identity:
    return Identity("tanh-derivative", "tanh'(x) = 1 − tanh²(x), from the exp definition",
                    source("004", "5 (i)"), Claim(sp.Derivative(TANH, x), 1 - TANH**2))


def sigmoid_identity() -> Identity:
    return Identity("tanh-via-sigmoid", "tanh(x) = 2σ(2x) − 1", source("004", "5 (ii)"),
                    Claim(TANH, 2 * sigmoid(2 * x) - 1))


def derivative_chain() -> Derivation:
    mul = lambda *a: sp.Mul(*a, evaluate=False)  # noqa: E731
    steps = (
        Step(sp.Derivative(sp.tanh(x), x), text="∂tanh(x)/∂x"),
        Step(sp.Derivative(TANH, x), "definition of tanh",
             text="∂/∂x (exp(x) − exp(−x)) / (exp(x) + exp(−x))"),
        Step(sp.Add(mul(S, S), -mul(A, A), evaluate=False) / S**2, "quotient rule",
             text="((e^x + e^−x)(e^x + e^−x) − (e^x − e^−x)(e^x − e^−x)) / (e^x + e^−x)²"),
        Step(sp.Add(mul(S, S) / S**2, -mul(A, A) / S**2, evaluate=False), "split the fraction",
             text="(e^x + e^−x)(e^x + e^−x)/(e^x + e^−x)² − (e^x − e^−x)(e^x − e^−x)/(e^x + e^−x)²"),
        Step(sp.Add(sp.Mul(S**2, S**-2, evaluate=False), -(A / S) ** 2, evaluate=False),
             "collect squares", text="(e^x + e^−x)²/(e^x + e^−x)² − ((e^x − e^−x)/(e^x + e^−x))²"),
        Step(1 - sp.tanh(x) ** 2, "definition of tanh", text="1 − (tanh(x))²"),
    )
    return Derivation("tanh-derivative-004-chain", "Document 004's chain for tanh'",
                      source("004", "5 (i) solution"), sp.Derivative(sp.tanh(x), x),
                      1 - sp.tanh(x) ** 2, steps)


def sigmoid_chain() -> Derivation:
    steps = (
        Step(sp.tanh(x) + 1, text="tanh(x) + 1"),
        Step(TANH + 1, "definition of tanh", text="(e^x − e^−x)/(e^x + e^−x) + 1"),
        Step(sp.Add(TANH, sp.Mul(S, 1 / S, evaluate=False), evaluate=False),
             "1 = (e^x + e^−x)/(e^x + e^−x)",
             text="(e^x − e^−x)/(e^x + e^−x) + (e^x + e^−x)/(e^x + e^−x)"),
        Step(sp.Add(P, -M, P, M, evaluate=False) / S, "common denominator",
             text="(e^x − e^−x + e^x + e^−x)/(e^x + e^−x)"),
        Step(2 * P / S, "collect", text="2 exp(x) / (exp(x) + exp(−x))"),
        Step(2 * (1 / (1 + sp.exp(-2 * x))), "divide by exp(x)", text="2 · 1/(1 + exp(−2x))"),
        Step(2 * sigmoid(2 * x), "definition of σ", text="2σ(2x)"),
    )
    return Derivation("tanh-via-sigmoid-004-chain", "Document 004's chain for tanh = 2σ(2x) − 1",
                      source("004", "5 (ii) solution"), sp.tanh(x) + 1, 2 * sigmoid(2 * x),
                      steps)


ITEMS = [
    CatalogItem("tanh-derivative", "tanh'(x) = 1 − tanh²(x)", source("004", "5 (i)"),
                derivative_identity, ("tanh",)),
    CatalogItem("tanh-via-sigmoid", "tanh(x) = 2σ(2x) − 1", source("004", "5 (ii)"),
                sigmoid_identity, ("tanh",)),
    CatalogItem("tanh-derivative-004-chain", "Document 004's chain for tanh'",
                source("004", "5 (i) solution"), derivative_chain, ("tanh", "chain")),
    CatalogItem("tanh-via-sigmoid-004-chain", "Document 004's chain for tanh = 2σ(2x) − 1",
                source("004", "5 (ii) solution"), sigmoid_chain, ("tanh", "chain")),
]
