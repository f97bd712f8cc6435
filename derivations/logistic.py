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


def dW_written() -> Identity:
    x, W, _b, y, f, loss = _setup()
    written = sp.ImmutableMatrix(D, K, lambda r, i: -y[i] * (1 - f[i]) * x[r])
    return Identity("logistic-001-dl-dW-as-written", "001's ∂l/∂W = −Σ_i y_i (1 − softmax(xW + b)) x",
                    SRC, Claim(grad(loss, W), written, (OneHot(tuple(y)),), Verdict.REFUTED,
                               "read as column i = −y_i (1 − f_i) xᵀ; the off-diagonal softmax "
                               "terms −f_i f_j are missing"))


def db_written() -> Identity:
    _x, _W, b, y, f, loss = _setup()
    written = sp.ImmutableMatrix(1, K, lambda _, i: -y[i] * (1 - f[i]))
    return Identity("logistic-001-dl-db-as-written", "001's ∂l/∂b = −Σ_i y_i (1 − softmax(xW + b))",
                    SRC, Claim(grad(loss, b), written, (OneHot(tuple(y)),), Verdict.REFUTED,
                               "read as component i = −y_i (1 − f_i); the correct one is f_i − y_i"))


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


ITEMS = [
    CatalogItem("logistic-dl-dW", "softmax regression ∂l/∂W = xᵀ(f − y)", SRC, dW, ("logistic",)),
    CatalogItem("logistic-dl-db", "softmax regression ∂l/∂b = f − y", SRC, db, ("logistic",)),
    CatalogItem("logistic-001-dl-dW-as-written", "001's final ∂l/∂W, as written", SRC, dW_written,
                ("logistic",)),
    CatalogItem("logistic-001-dl-db-as-written", "001's final ∂l/∂b, as written", SRC, db_written,
                ("logistic",)),
    CatalogItem("logistic-001-df-dh", "001's ∂f_i/∂h_i", SRC, df_dh, ("logistic",)),
    CatalogItem("logistic-001-dl-df", "001's ∂l/∂f_i, as written", SRC, dl_df, ("logistic",)),
]
