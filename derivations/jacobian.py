"""The softmax Jacobian ∂p_j/∂x_i = p_j(δ_ij − p_i), and the documents' case splits."""

from __future__ import annotations

from functools import partial

import sympy as sp

from checker.differentiate import jacobian, minus, times
from checker.model import CatalogItem, Claim, Derivation, Identity, Step
from checker.vocab import delta, softmax, vector
from derivations import source

N = 3


def _jac(p: sp.MatrixBase, x: sp.MatrixBase) -> sp.ImmutableMatrix:
    """∂p_j/∂x_i by reverse accumulation on the shared DAG (checker.differentiate): the
    entries share the denominator's adjoint instead of SymPy's diff of each quotient."""
    n = len(x)
    rows = jacobian(list(p), list(x))  # rows[j][i] = ∂p_j/∂x_i
    return sp.ImmutableMatrix(n, n, [rows[j][i] for i in range(n) for j in range(n)])


def full(n: int) -> Identity:
    x = vector("x", n)
    p = softmax(x)
    ps = list(p)  # (indexing a SymPy matrix costs 3 µs an entry)
    # δ_ij − p_i takes two values for each i: built once each, not once per entry
    less = [(minus(delta(i, i + 1), q), minus(delta(i, i), q)) for i, q in enumerate(ps)]
    return Identity(f"softmax-jacobian-n{n}", f"∂p_j/∂x_i = p_j(δ_ij − p_i), all {n * n} entries",
                    source("004", "6 Part 1 (i)"),
                    Claim(_jac(p, x), sp.ImmutableMatrix(
                        n, n, [times(ps[j], less[i][i == j]) for i in range(n) for j in range(n)]),
                          scope=f"n = {n}"))


def split(n: int) -> Identity:
    """The case form: p_i(1 − p_i) on the diagonal, −p_i p_j off it (documents 003, 004)."""
    x = vector("x", n)
    p = softmax(x)
    rhs = sp.ImmutableMatrix(n, n, lambda i, j: p[i] * (1 - p[i]) if i == j else -p[i] * p[j])
    return Identity(f"softmax-jacobian-cases-n{n}",
                    f"∂p_j/∂x_i = p_i(1 − p_i) if i = j, −p_i p_j if i ≠ j (n = {n})",
                    source("003", "Deriving Softmax, To summarize"),
                    Claim(_jac(p, x), rhs, scope=f"n = {n}"))


def _setup() -> tuple[sp.ImmutableMatrix, sp.ImmutableMatrix, sp.Expr, list[tuple[int, int]]]:
    x = vector("x", N)
    S = sp.Add(*[sp.exp(v) for v in x])
    pairs = [(i, j) for i in range(N) for j in range(N) if i != j]
    return x, softmax(x), S, pairs


def chain_003_diag() -> Derivation:
    x, p, S = _setup()[:3]
    e = sp.exp
    col = lambda f: sp.ImmutableMatrix([f(i) for i in range(N)])  # noqa: E731
    steps = (
        Step(col(lambda i: sp.Derivative(p[i], x[i])), text="∂f(x_j)/∂x_i, i = j"),
        Step(col(lambda i: (e(x[i]) * S - e(x[i]) * e(x[i])) / S**2), "quotient rule",
             text="(exp(x_i) Σ exp(x_k) − exp(x_j) exp(x_i)) / (Σ exp(x_k))²"),
        Step(col(lambda i: sp.Mul(e(x[i]) / S, (S - e(x[i])) / S, evaluate=False)),
             "separate a factor", text="exp(x_i)/Σ exp(x_k) · (Σ exp(x_k) − exp(x_j))/Σ exp(x_k)"),
        Step(col(lambda i: p[i] * (sp.Mul(S, 1 / S, evaluate=False) - e(x[i]) / S)),
             "split the fraction", note="f(x^j) is read as f(x_j), the j-th softmax output",
             text="f(x^j) · (Σ exp(x_k)/Σ exp(x_k) − exp(x_i)/Σ exp(x_k))"),
        Step(col(lambda i: p[i] * (1 - p[i])), "definition of f", text="f(x^j) · (1 − f(x^j))"),
    )
    return Derivation("softmax-jacobian-003-diag", "Document 003's case i = j (n = 3)",
                      source("003", "Deriving Softmax, When i = j"), steps[0].expr,
                      steps[-1].expr, steps)


def chain_003_off() -> Derivation:
    x, p, S, pairs = _setup()
    e = sp.exp
    col = lambda f: sp.ImmutableMatrix([f(i, j) for i, j in pairs])  # noqa: E731
    steps = (
        Step(col(lambda i, j: sp.Derivative(p[j], x[i])), text="∂f(x_j)/∂x_i, i ≠ j"),
        Step(col(lambda i, j: (0 - e(x[j]) * e(x[i])) / S**2), "quotient rule",
             text="(0 − exp(x_j) exp(x_i)) / (Σ exp(x_k))²"),
        Step(col(lambda i, j: -sp.Mul(e(x[j]) / S, e(x[i]) / S, evaluate=False)), "split",
             text="−exp(x_j)/Σ exp(x_k) · exp(x_i)/Σ exp(x_k)"),
        Step(col(lambda i, j: -p[j] * p[i]), "definition of f", text="−f(x_j) · f(x_i)"),
    )
    return Derivation("softmax-jacobian-003-off", "Document 003's case i ≠ j (n = 3, all 6 pairs)",
                      source("003", "Deriving Softmax, When i ≠ j"), steps[0].expr,
                      steps[-1].expr, steps)


def chain_004_diag() -> Derivation:
    x, p, S = _setup()[:3]
    e = sp.exp
    col = lambda f: sp.ImmutableMatrix([f(j) for j in range(N)])  # noqa: E731
    steps = (
        Step(col(lambda j: sp.Derivative(p[j], x[j])), text="∂p_j/∂x_i, i = j"),
        Step(col(lambda j: (e(x[j]) * S - e(x[j]) * e(x[j])) / S**2),
             "derivative of a rational",
             text="(exp(x_j) Σ_k exp(x_k) − exp(x_j) exp(x_i)) / (Σ_k exp(x_k))²"),
        Step(col(lambda j: sp.Mul(e(x[j]) / S, (S - e(x[j])) / S, evaluate=False)),
             "separate exp(x_j)", text="exp(x_j)/Σ_k exp(x_k) · (Σ_k exp(x_k) − exp(x_i))/Σ_k exp(x_k)"),
        Step(col(lambda j: sp.Mul(e(x[j]) / S, sp.Mul(S, 1 / S, evaluate=False) - e(x[j]) / S,
                                  evaluate=False)), "split the fraction",
             text="exp(x_j)/Σ_k exp(x_k) · (Σ_k exp(x_k)/Σ_k exp(x_k) − exp(x_i)/Σ_k exp(x_k))"),
        Step(col(lambda j: p[j] * (1 - p[j])), "definition of p", text="p_j · (1 − p_i)"),
    )
    return Derivation("softmax-jacobian-004-diag", "Document 004's case i = j (n = 3)",
                      source("004", "6 Part 1 (i) solution"), steps[0].expr, steps[-1].expr, steps)


def chain_004_off() -> Derivation:
    x, p, S, pairs = _setup()
    e = sp.exp
    col = lambda f: sp.ImmutableMatrix([f(i, j) for i, j in pairs])  # noqa: E731
    steps = (
        Step(col(lambda i, j: sp.Derivative(p[j], x[i])), text="∂p_j/∂x_i, i ≠ j"),
        Step(col(lambda i, j: (0 - e(x[j]) * e(x[i])) / S**2), "derivative of a rational",
             text="(0 − exp(x_j) exp(x_i)) / (Σ_k exp(x_k))²"),
        Step(col(lambda i, j: sp.Mul(e(x[j]) / S, -e(x[i]) / S, evaluate=False)), "split",
             text="exp(x_j)/Σ_k exp(x_k) · (−exp(x_i))/Σ_k exp(x_k)"),
        Step(col(lambda i, j: p[j] * (0 - p[i])), "definition of p", text="p_j · (0 − p_i)"),
    )
    return Derivation("softmax-jacobian-004-off", "Document 004's case i ≠ j (n = 3, all 6 pairs)",
                      source("004", "6 Part 1 (i) solution"), steps[0].expr, steps[-1].expr, steps)


def sum_derivative_003() -> Identity:
    x = vector("x", N)
    S = sp.Add(*[sp.exp(v) for v in x])
    return Identity("softmax-jacobian-003-sum", "∂(Σ_k exp(x_k))/∂x_i = exp(x_i)",
                    source("003", "Deriving Softmax, When i = j"),
                    Claim(sp.ImmutableMatrix([sp.Derivative(S, v) for v in x]), x.applyfunc(sp.exp)))


ITEMS = [
    *[CatalogItem(f"softmax-jacobian-n{n}", f"softmax Jacobian δ form, n = {n}",
                  source("004", "6 Part 1 (i)"), partial(full, n), ("jacobian",))
      for n in range(2, 9)],
    *[CatalogItem(f"softmax-jacobian-cases-n{n}", f"softmax Jacobian, i = j / i ≠ j, n = {n}",
                  source("003", "Deriving Softmax, To summarize"), partial(split, n), ("jacobian",))
      for n in range(2, 9)],
    CatalogItem("softmax-jacobian-003-sum", "∂(Σ exp(x_k))/∂x_i = exp(x_i)",
                source("003", "Deriving Softmax"), sum_derivative_003, ("jacobian",)),
    CatalogItem("softmax-jacobian-003-diag", "Document 003's case i = j",
                source("003", "Deriving Softmax, When i = j"), chain_003_diag, ("jacobian", "chain")),
    CatalogItem("softmax-jacobian-003-off", "Document 003's case i ≠ j",
                source("003", "Deriving Softmax, When i ≠ j"), chain_003_off, ("jacobian", "chain")),
    CatalogItem("softmax-jacobian-004-diag", "Document 004's case i = j",
                source("004", "6 Part 1 (i) solution"), chain_004_diag, ("jacobian", "chain")),
    CatalogItem("softmax-jacobian-004-off", "Document 004's case i ≠ j",
                source("004", "6 Part 1 (i) solution"), chain_004_off, ("jacobian", "chain")),
]
