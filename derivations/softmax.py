"""Softmax shift invariance: softmax(x + c) = softmax(x) for a scalar c.

Documents 000 (vector c, which is false), 001 and 002 (scalar c, broadcast).
Chains are stated with explicit components and compared as vectors over all
i = 1…n, so a step holds "for every i", not for one index.
"""

from __future__ import annotations

from functools import partial

import sympy as sp

from checker.model import CatalogItem, Claim, Derivation, Identity, Step
from checker.results import Verdict
from checker.vocab import real, softmax, vector
from derivations import source

N_CHAIN = 3  # size used for the documents' chains


def _col(values: list[sp.Expr]) -> sp.ImmutableMatrix:
    return sp.ImmutableMatrix(values)


def shift_scalar(n: int) -> Identity:
    x, c = vector("x", n), real("c")
    return Identity(
        f"softmax-shift-scalar-n{n}", f"softmax(x + c) = softmax(x), scalar c, n = {n}",
        source("002", "1 a)"), _claim(softmax(x + sp.ones(n, 1) * c), softmax(x), scope=f"n = {n}"))


def shift_vector(n: int) -> Identity:
    x, c = vector("x", n), vector("c", n)
    return Identity(
        f"softmax-shift-vector-n{n}",
        f"softmax(x + c) = softmax(x) for a vector c ∈ ℝ^{n} (as document 000 states it)",
        source("000", "Softmax, 2"),
        _claim(softmax(x + c), softmax(x), Verdict.REFUTED,
               "false unless every component of c is equal", f"n = {n}"))


def _claim(lhs: sp.Expr, rhs: sp.Expr, expect: Verdict = Verdict.PROVED, note: str = "",
           scope: str = "") -> Claim:
    return Claim(lhs, rhs, expect=expect, note=note, scope=scope)


def chain_000() -> Derivation:
    n = N_CHAIN
    x, c = vector("x", n), vector("c", n)
    e = sp.exp
    S_xc = sp.Add(*[e(x[j] + c[j]) for j in range(n)])
    S_x = sp.Add(*[e(x[j]) for j in range(n)])
    steps = (
        Step(softmax(x + c), text="softmax(x + c)_i"),
        Step(_col([e(x[i] + c[i]) / S_xc for i in range(n)]), "definition",
             text="e^(x_i + c_i) / Σ_j e^(x_j + c_j)"),
        Step(_col([e(x[i]) * e(c[i]) / S_xc for i in range(n)]), "e^(a+b) = e^a e^b",
             text="e^(x_i) e^(c_i) / Σ_j e^(x_j + c_j)"),
        Step(_col([e(c[i]) * e(x[i]) / (e(c[i]) * S_x) for i in range(n)]),
             "“since c is a constant”", Verdict.REFUTED,
             "e^(c_j) pulled out of Σ_j as if every c_j were equal; the j left outside the "
             "sum is read as i, the only index in scope",
             text="e^(c_i) e^(x_i) / (e^(c_j) Σ_j e^(x_j))"),
        Step(_col([e(x[i]) / S_x for i in range(n)]), "cancel", text="e^(x_i) / Σ_j e^(x_j)"),
        Step(softmax(x), "definition", text="softmax(x)_i"),
    )
    return Derivation("softmax-shift-000-chain",
                      f"Document 000's chain for a vector c (n = {n})",
                      source("000", "Softmax, 2"), softmax(x + c), softmax(x), steps,
                      expect=Verdict.REFUTED, note="the identity is false for a vector c")


def chain_001() -> Derivation:
    n = N_CHAIN
    x, c = vector("x", n), real("c")
    e = sp.exp
    S = sp.Add(*[e(x[j]) for j in range(n)])
    steps = (
        Step(softmax(x + sp.ones(n, 1) * c), text="softmax(x + c)"),
        Step(_col([e(x[i] + c) / sp.Add(*[e(x[j] + c) for j in range(n)]) for i in range(n)]),
             "definition", text="e^(x_i + c) / Σ_j e^(x_j + c)"),
        Step(_col([e(x[i]) * e(c) / sp.Add(*[e(x[j]) * e(c) for j in range(n)])
                   for i in range(n)]), "e^(a+b) = e^a e^b", text="e^(x_i) e^c / Σ_j e^(x_j) e^c"),
        Step(_col([e(x[i]) * e(c) / (e(c) * S) for i in range(n)]), "factor e^c out of the sum",
             text="e^(x_i) e^c / (e^c Σ_j e^(x_j))"),
        Step(_col([e(x[i]) / S for i in range(n)]), "cancel e^c", text="e^(x_i) / Σ_j e^(x_j)"),
        Step(softmax(x), "definition", text="softmax(x)"),
    )
    return Derivation("softmax-shift-001-chain", f"Document 001's chain, scalar c (n = {n})",
                      source("001", "Question 1"), softmax(x + sp.ones(n, 1) * c), softmax(x),
                      steps)


def chain_002(part: int) -> Derivation:
    n = N_CHAIN
    x, c = vector("x", n), real("c")
    e = sp.exp
    S = sp.Add(*[e(x[j]) for j in range(n)])
    S_c = sp.Add(*[e(x[j] + c) for j in range(n)])
    Sc_prod = sp.Add(*[e(c) * e(x[j]) for j in range(n)])
    col = lambda f: _col([f(i) for i in range(n)])  # noqa: E731
    ratio = sp.Mul(e(c), sp.Pow(e(c), -1, evaluate=False), evaluate=False)
    grader = ("softmax(x_i + c) is read as softmax(x + c)_i, the i-th component of the shifted "
              "vector")
    if part == 1:
        steps = (
            Step(softmax(x), text="softmax(x)_i"),
            Step(col(lambda i: e(x[i]) / S), "definition", text="e^(x_i) / Σ_j e^(x_j)"),
            Step(col(lambda i: e(x[i]) / S * ratio), "multiply by e^c / e^c",
                 text="e^(x_i) / Σ_j e^(x_j) · (e^c / e^c)"),
            Step(col(lambda i: e(x[i]) * e(c) / (e(c) * S)), "rearrange",
                 text="e^(x_i) e^c / (e^c Σ_j e^(x_j))"),
            Step(col(lambda i: e(x[i] + c) / Sc_prod), "e^a e^b = e^(a+b)",
                 text="e^(x_i + c) / Σ_j e^c e^(x_j)"),
            Step(col(lambda i: e(x[i] + c) / S_c), "e^a e^b = e^(a+b)",
                 text="e^(x_i + c) / Σ_j e^(x_j + c)"),
            Step(softmax(x + sp.ones(n, 1) * c), "definition", note=grader,
                 text="softmax(x_i + c)"),
        )
        lhs, rhs = softmax(x), softmax(x + sp.ones(n, 1) * c)
    else:
        steps = (
            Step(softmax(x + sp.ones(n, 1) * c), note=grader, text="softmax(x_i + c)"),
            Step(col(lambda i: e(x[i] + c) / S_c), "definition",
                 text="e^(x_i + c) / Σ_j e^(x_j + c)"),
            Step(col(lambda i: e(x[i]) * e(c) / Sc_prod), "e^(a+b) = e^a e^b",
                 text="e^(x_i) e^c / Σ_j e^c e^(x_j)"),
            Step(col(lambda i: e(x[i]) * e(c) / (e(c) * S)), "factor e^c out of the sum",
                 text="e^(x_i) e^c / (e^c Σ_j e^(x_j))"),
            Step(col(lambda i: e(x[i]) / S * ratio), "rearrange",
                 text="e^(x_i) / Σ_j e^(x_j) · (e^c / e^c)"),
            Step(col(lambda i: e(x[i]) / S), "e^c / e^c = 1", text="e^(x_i) / Σ_j e^(x_j)"),
            Step(softmax(x), "definition", text="softmax(x_i)"),
        )
        lhs, rhs = softmax(x + sp.ones(n, 1) * c), softmax(x)
    return Derivation(f"softmax-shift-002-chain-{part}",
                      f"Document 002's chain {part} of 2, scalar c (n = {n})",
                      source("002", "Inciso a)"), lhs, rhs, steps)


ITEMS = [
    *[CatalogItem(f"softmax-shift-scalar-n{n}", f"softmax shift invariance, scalar c, n = {n}",
                  source("002", "1 a)"), partial(shift_scalar, n), ("softmax",))
      for n in range(1, 9)],
    *[CatalogItem(f"softmax-shift-vector-n{n}",
                  f"softmax shift by a vector c, n = {n} (false as stated in 000)",
                  source("000", "Softmax, 2"), partial(shift_vector, n), ("softmax",))
      for n in (2, 3)],
    CatalogItem("softmax-shift-000-chain", "Document 000's shift chain (vector c)",
                source("000", "Softmax, 2"), chain_000, ("softmax", "chain")),
    CatalogItem("softmax-shift-001-chain", "Document 001's shift chain (scalar c)",
                source("001", "Question 1"), chain_001, ("softmax", "chain")),
    CatalogItem("softmax-shift-002-chain-1", "Document 002's shift chain 1 (scalar c)",
                source("002", "Inciso a)"), partial(chain_002, 1), ("softmax", "chain")),
    CatalogItem("softmax-shift-002-chain-2", "Document 002's shift chain 2 (scalar c)",
                source("002", "Inciso a)"), partial(chain_002, 2), ("softmax", "chain")),
]
