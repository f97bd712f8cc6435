"""Document 001, question 2: gradients of softmax regression l = −Σ y_i log softmax(xW + b)_i.

Row-vector convention as in the document: x is 1 × d, W is d × k, b is 1 × k.
The document keeps only the diagonal ∂f_i/∂h_i of the softmax Jacobian, so its
final formulas lose the −f_i f_j terms; they are encoded as written (read as
the i-th column / component, the only reading in which the shapes fit) and
are refuted.
"""

from __future__ import annotations

import sympy as sp

from checker.model import CatalogItem, Claim, Identity, OneHot
from checker.results import Verdict
from checker.vocab import cross_entropy, grad, matrix, row_vector, softmax, vector
from derivations import source

D, K = 2, 3
SRC = source("001", "Question 2")


def _setup() -> tuple:
    x, W, b = row_vector("x", D), matrix("W", D, K), row_vector("b", K)
    y = vector("y", K)
    f = softmax(x * W + b)
    return x, W, b, y, f, cross_entropy(y, f)


def dW() -> Identity:
    x, W, _b, y, f, loss = _setup()
    return Identity("logistic-dl-dW", "∂l/∂W = xᵀ (f − y)", SRC,
                    Claim(grad(loss, W), x.T * (f - y.T), (OneHot(tuple(y)),)))


def db() -> Identity:
    _x, _W, b, y, f, loss = _setup()
    return Identity("logistic-dl-db", "∂l/∂b = f − y", SRC,
                    Claim(grad(loss, b), f - y.T, (OneHot(tuple(y)),)))


LITERAL = ("read literally: softmax(xW + b) is the whole output vector f, so "
           "−Σ_i y_i (1 − f) = −(Σ_i y_i)(1 − f) = f − 1 under one-hot y; the correct "
           "gradient has f − y: the derivation keeps only ∂f_i/∂h_i and loses the −f_i f_j terms")


def dW_written() -> Identity:
    x, W, _b, y, f, loss = _setup()
    written = -sp.Add(*y) * (x.T * (sp.ones(1, K) - f))
    return Identity("logistic-001-dl-dW-as-written", "001's ∂l/∂W = −Σ_i y_i (1 − softmax(xW + b)) x",
                    SRC, Claim(grad(loss, W), written, (OneHot(tuple(y)),), Verdict.REFUTED,
                               LITERAL + "; the product (1 − f) x is read as xᵀ(1 − f), the "
                               "only order in which the shapes fit"))


def db_written() -> Identity:
    _x, _W, b, y, f, loss = _setup()
    written = -sp.Add(*y) * (sp.ones(1, K) - f)
    return Identity("logistic-001-dl-db-as-written", "001's ∂l/∂b = −Σ_i y_i (1 − softmax(xW + b))",
                    SRC, Claim(grad(loss, b), written, (OneHot(tuple(y)),), Verdict.REFUTED,
                               LITERAL))


def df_dh() -> Identity:
    h = vector("h", K)
    f = softmax(h)
    return Identity("logistic-001-df-dh", "001's ∂f_i/∂h_i = softmax(h_i)(1 − softmax(h_i))", SRC,
                    Claim(sp.ImmutableMatrix([sp.Derivative(f[i], h[i]) for i in range(K)]),
                          sp.ImmutableMatrix([f[i] * (1 - f[i]) for i in range(K)]),
                          note="only the diagonal of the Jacobian: true, but not the whole story"))


def dl_df() -> Identity:
    f, y = vector("f", K, positive=True), vector("y", K)
    loss = cross_entropy(y, f)
    written = sp.ImmutableMatrix([-sp.Add(*[y[i] / f[i] for i in range(K)])] * K)
    return Identity("logistic-001-dl-df", "001's ∂l/∂f_i = −Σ_i y_i / f_i(x)", SRC,
                    Claim(grad(loss, f), written, (OneHot(tuple(y)),), Verdict.REFUTED,
                          "∂l/∂f_i is −y_i/f_i; the sum over i should not survive the derivative"))


def f_definition() -> Identity:
    h, xv = vector("h", K), vector("x", K)
    written = sp.ImmutableMatrix([sp.exp(xv[i]) / sp.Add(*[sp.exp(v) for v in xv])
                                  for i in range(K)])
    return Identity("logistic-001-f-definition", "001's f_i = softmax(h_i) = e^(x_i) / Σ_j e^(x_j)",
                    SRC, Claim(softmax(h), written, expect=Verdict.REFUTED,
                               note="x where h = xW + b is meant (read with x of the same "
                                    "length as h, the only way the two sides compare)"))


def dh_dW() -> Identity:
    x, W, b, *_ = _setup()
    h = x * W + b
    lhs = sp.ImmutableMatrix([[sp.Derivative(h[i], W[r, i]) for i in range(K)] for r in range(D)])
    return Identity("logistic-001-dh-dW", "001's ∂h_i/∂W = x", SRC,
                    Claim(lhs, sp.ImmutableMatrix(D, K, lambda r, i: x[r]),
                          note="read as ∂h_i/∂W_ri = x_r: h_i depends only on column i of W"))


def dh_db() -> Identity:
    x, W, b, *_ = _setup()
    h = x * W + b
    lhs = sp.ImmutableMatrix(1, K, [sp.Derivative(h[i], b[i]) for i in range(K)])
    return Identity("logistic-001-dh-db", "001's ∂h_i/∂b = 1", SRC,
                    Claim(lhs, sp.ones(1, K), note="read as ∂h_i/∂b_i = 1"))


ITEMS = [
    CatalogItem("logistic-dl-dW", "softmax regression ∂l/∂W = xᵀ(f − y)", SRC, dW, ("logistic",)),
    CatalogItem("logistic-dl-db", "softmax regression ∂l/∂b = f − y", SRC, db, ("logistic",)),
    CatalogItem("logistic-001-dl-dW-as-written", "001's final ∂l/∂W, as written", SRC, dW_written,
                ("logistic",)),
    CatalogItem("logistic-001-dl-db-as-written", "001's final ∂l/∂b, as written", SRC, db_written,
                ("logistic",)),
    CatalogItem("logistic-001-df-dh", "001's ∂f_i/∂h_i", SRC, df_dh, ("logistic",)),
    CatalogItem("logistic-001-f-definition", "001's definition of f_i, as written", SRC,
                f_definition, ("logistic",)),
    CatalogItem("logistic-001-dh-dW", "001's ∂h_i/∂W = x", SRC, dh_dW, ("logistic",)),
    CatalogItem("logistic-001-dh-db", "001's ∂h_i/∂b = 1", SRC, dh_db, ("logistic",)),
    CatalogItem("logistic-001-dl-df", "001's ∂l/∂f_i, as written", SRC, dl_df, ("logistic",)),
]
