"""σ'(x) = σ(x)(1 − σ(x)): the identity and each document's chain for it."""

from __future__ import annotations

import sympy as sp

from checker.model import CatalogItem, Claim, Derivation, Identity, Step
from checker.results import Verdict
from checker.vocab import real, sigmoid
from derivations import source

x = real("x")
E = sp.exp(-x)
D = 1 + E  # 1 + e^(−x)


def _nosimp_add(*args: sp.Expr) -> sp.Expr:
    return sp.Add(*args, evaluate=False)


def identity() -> Identity:
    return Identity("sigmoid-derivative", "σ'(x) = σ(x)(1 − σ(x))", source("002", "Inciso b)"),
                    Claim(sp.Derivative(sigmoid(x), x), sigmoid(x) * (1 - sigmoid(x))))


def chain_000() -> Derivation:
    steps = (
        Step(sp.Derivative(sigmoid(x), x), text="d/dx δ(x)"),
        Step(sp.Derivative(1 / D, x), "definition of δ", text="d/dx (1 / (1 + e^(−x)))"),
        Step(sp.Derivative(sp.Pow(D, -1, evaluate=False), x), "rewrite as a power",
             text="d/dx (1 + e^(−x))^(−1)"),
        Step(sp.Derivative(sp.Pow(D, -1, evaluate=False), x), "(line repeated in the document)",
             text="d/dx (1 + e^(−x))^(−1)"),
        Step(sp.Mul(-1, D**-2, -E, evaluate=False), "chain rule",
             text="−(1 + e^(−x))^(−2) (−e^(−x))"),
        Step(E / D**2, "simplify", text="e^(−x) / (1 + e^(−x))²"),
        Step(sp.Mul(1 / D, E / D, evaluate=False), "split the fraction",
             text="1/(1 + e^(−x)) · e^(−x)/(1 + e^(−x))"),
        Step(sp.Mul(1 / D, _nosimp_add(D, -1) / D, evaluate=False), "add and subtract 1",
             text="1/(1 + e^(−x)) · ((1 + e^(−x)) − 1)/(1 + e^(−x))"),
        Step(sp.Mul(1 / D, 1 - 1 / D, evaluate=False), "split the fraction",
             text="1/(1 + e^(−x)) · (1 − 1/(1 + e^(−x)))"),
        Step(sigmoid(x) * (1 - sigmoid(x)), "definition of δ", text="δ(x) · (1 − δ(x))"),
    )
    return Derivation("sigmoid-derivative-000-chain", "Document 000's chain for σ'",
                      source("000", "Sigmoid, 1"), sp.Derivative(sigmoid(x), x),
                      sigmoid(x) * (1 - sigmoid(x)), steps,
                      note="000 writes the sigmoid as δ and gives its range as [−1, 1] "
                           "(it is (0, 1)); neither is a step of the chain")


def chain_002() -> Derivation:
    sign = "the inner derivative d/dx(−x) = −1 is dropped: the sign is wrong"
    steps = (
        Step(sp.Derivative(sigmoid(x), x), text="∂σ(x)/∂x"),
        Step(sp.Mul(-1, D**-2, E, evaluate=False), "chain rule", Verdict.REFUTED, sign,
             text="(−1)(1 + e^(−x))^(−2)(e^(−x))"),
        Step(E / D**2, "simplify", Verdict.REFUTED,
             "the sign flips back without a reason: (−1)·e^(−x)/(…)² is not e^(−x)/(…)²",
             text="e^(−x) / (1 + e^(−x))²"),
        Step(sp.Mul(E / D, 1 / D, evaluate=False), "split the fraction",
             text="(e^(−x)/(1 + e^(−x))) (1/(1 + e^(−x)))"),
        Step(sp.Mul(_nosimp_add(1, -1, E) / D, 1 / D, evaluate=False), "add and subtract 1",
             text="((1 − 1 + e^(−x))/(1 + e^(−x))) (1/(1 + e^(−x)))"),
        Step(sp.Mul(1 - 1 / D, 1 / D, evaluate=False), "split the fraction",
             text="(1 − 1/(1 + e^(−x))) (1/(1 + e^(−x)))"),
        Step((1 - sigmoid(x)) * sigmoid(x), "definition of σ", text="(1 − σ(x)) σ(x)"),
    )
    return Derivation("sigmoid-derivative-002-chain", "Document 002's chain for σ'",
                      source("002", "Inciso b)"), sp.Derivative(sigmoid(x), x),
                      (1 - sigmoid(x)) * sigmoid(x), steps,
                      note="two sign errors that cancel: the end result is right")


ITEMS = [
    CatalogItem("sigmoid-derivative", "σ'(x) = σ(x)(1 − σ(x))", source("002", "Inciso b)"),
                identity, ("sigmoid",)),
    CatalogItem("sigmoid-derivative-000-chain", "Document 000's chain for σ'",
                source("000", "Sigmoid, 1"), chain_000, ("sigmoid", "chain")),
    CatalogItem("sigmoid-derivative-002-chain", "Document 002's chain for σ'",
                source("002", "Inciso b)"), chain_002, ("sigmoid", "chain")),
]
