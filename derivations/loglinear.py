"""Log-linear model ⇒ softmax (document 004, 6 Part 2), for c = 3 classes and scalar x."""

from __future__ import annotations

import sympy as sp

from checker.model import CatalogItem, Claim, Derivation, Equation, Identity, Step
from checker.vocab import real, softmax, vector
from derivations import source

C = 3
x = real("x")
Z = real("Z", positive=True)
w, b = vector("w", C), vector("b", C)
LOGITS = w * x + b  # (w_1 x + b_1, …, w_c x + b_c)
EXPS = LOGITS.applyfunc(sp.exp)
TOTAL = sp.Add(*EXPS)
# Σ_j P(Y = j | x) = 1, with P(Y = j | x) = exp(w_j x + b_j) / Z
NORMALISED = Equation(sp.Add(*[e / Z for e in EXPS]), 1)
SRC = source("004", "6 Part 2 solution")


def exponentiate() -> Identity:
    """exp of log P(Y=i|x) = w_i x + b_i − log Z is exp(w_i x + b_i)/Z (Z > 0)."""
    return Identity("loglinear-exponentiate", "exp(w_i x + b_i − log Z) = exp(w_i x + b_i) / Z",
                    SRC, Claim((LOGITS - sp.ones(C, 1) * sp.log(Z)).applyfunc(sp.exp), EXPS / Z))


def normaliser() -> Derivation:
    steps = (
        Step(Z, text="Z"),
        Step(Z * sp.Add(*[e / Z for e in EXPS]), "Σ_j P(Y=j|x) = 1, multiply by Z",
             text="Z · Σ_j (1/Z) exp(w_j x + b_j)"),
        Step(TOTAL, "cancel Z", text="Σ_j exp(w_j x + b_j)"),
    )
    return Derivation("loglinear-normaliser", "Z = Σ_j exp(w_j x + b_j) from Σ P = 1", SRC,
                      Z, TOTAL, steps, (NORMALISED,))


def softmax_form() -> Derivation:
    steps = (
        Step(EXPS / Z, text="P(Y = i | X = x) = (1/Z) exp(w_i x + b_i)"),
        Step(EXPS / TOTAL, "substitute Z",
             note="the document reuses i as the summation index in the denominator; read as Σ_j",
             text="exp(w_i x + b_i) / Σ_i exp(w_i x + b_i)"),
        Step(softmax(LOGITS), "definition of softmax",
             text="softmax((w_1 x + b_1, …, w_c x + b_c)ᵀ)_i"),
    )
    return Derivation("loglinear-softmax", "P(Y = i | x) = softmax(w x + b)_i", SRC,
                      EXPS / Z, softmax(LOGITS), steps, (NORMALISED,))


ITEMS = [
    CatalogItem("loglinear-exponentiate", "exponentiating the log-linear model", SRC,
                exponentiate, ("loglinear",)),
    CatalogItem("loglinear-normaliser", "Z = Σ_j exp(w_j x + b_j)", SRC, normaliser,
                ("loglinear", "chain")),
    CatalogItem("loglinear-softmax", "log-linear model ⇒ softmax", SRC, softmax_form,
                ("loglinear", "chain")),
]
