"""Backpropagation through a one-hidden-layer network (sigmoid, softmax, cross-entropy).

Two conventions, both with a one-hot target ``y`` and ``L = CE(y, ŷ)``:

* row (document 000): ``z1 = x W1 + b1``, ``h = σ(z1)``, ``z2 = h W2 + b2``, ``ŷ = softmax(z2)``
  with ``x``, ``b1``, ``b2``, ``y`` row vectors;
* column (document 002): ``h = σ(W1 x + b1)``, ``ŷ = softmax(W2 h + b2)`` with column vectors.

Part A (``backprop-{row,col}-{sizes}-dL-d{g}``): for every ``g`` in z2, h, z1, x, W1, b1, W2, b2
the left side is the gradient SymPy computes entry by entry (``checker.vocab.grad``) and the
right side is the textbook backprop formula in matrix operations. For an intermediate
(z2, h, z1) that intermediate is the independent variable: a fresh vector of symbols, with
``L`` written as a function of it.

Part B (``backprop-doc000-*``, ``backprop-doc002-*``): the documents' own formulas as written;
wrong lines stay wrong and are expected to be refuted.

Nothing here simplifies: building is plain differentiation and matrix arithmetic, the
engine does the algebra.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Literal

import sympy as sp

from checker.differentiate import gradient as dag_gradient
from checker.differentiate import times
from checker.model import (
    CatalogItem,
    Claim,
    Derivation,
    Entry,
    Hypothesis,
    Identity,
    OneHot,
    Step,
    Value,
)
from checker.results import Verdict
from checker.vocab import (
    cross_entropy,
    grad,
    hadamard,
    matrix,
    real,
    row_vector,
    sigmoid,
    sigmoid_v,
    softmax,
    vector,
)
from derivations import source

Convention = Literal["row", "col"]
Sizes = tuple[int, int, int]

SIZES: tuple[Sizes, ...] = ((2, 3, 2), (3, 4, 3))
CONVENTIONS: tuple[Convention, ...] = ("row", "col")
GRADIENTS: tuple[str, ...] = ("z2", "h", "z1", "x", "W1", "b1", "W2", "b2")

SRC_000 = source("000", "3. Derive the gradients")
SRC_002 = source("002", "Inciso d)")
SRC_002_B = source("002", "Inciso d) (with Inciso b))")

# id → (title, source, tag) of the entries that transcribe the documents
DOC_ITEMS: dict[str, tuple[str, str, str]] = {
    "backprop-doc000-dCE-dz2": ("∂CE/∂z2 = ŷ − y", SRC_000, "doc000"),
    "backprop-doc000-dCE-dh": ("∂CE/∂h = (ŷ − y) ∂z2/∂h = (ŷ − y) w2ᵀ", SRC_000, "doc000"),
    "backprop-doc000-dCE-dz1": (
        "∂CE/∂z1 = (ŷ − y) w2ᵀ ∂h/∂z1 = (ŷ − y) w2ᵀ ⊙ θ'(z1)", SRC_000, "doc000"),
    "backprop-doc000-dCE-dx": (
        "∂CE/∂x = (ŷ − y) w2ᵀ ⊙ θ'(z1) ∂z1/∂x = (ŷ − y) w2ᵀ ⊙ θ²(z1) W1ᵀ", SRC_000, "doc000"),
    "backprop-doc002-dsigma-dx-parenthesis": ("∂σ/∂x = (1 − σ(x)σ(x))", SRC_002, "doc002"),
    "backprop-doc002-dsigma-chain": (
        "∂σ(w1x + b1)/∂x = (−1)(1 + e^(−(w1x+b1)))(−w1) = (1 − σ(w1x+b1))σ(w1x+b1)(w1)",
        SRC_002_B, "doc002"),
    "backprop-doc002-dL-dx": (
        "∂L/∂x = (ŷ_j − y_j)(w2)(1 − σ)σ(w1) = w1 w2 (ŷ_j − y_j)(1 − σ(w1x + b1))σ(w1x + b1)",
        SRC_002, "doc002"),
    "backprop-doc002-dL-dw2": ("∂L/∂w2 = (ŷ_i − y_i) h", SRC_002, "doc002"),
    "backprop-doc002-dL-db2": ("∂L/∂b2 = (ŷ_i − y_i)(1) = (ŷ_i − y_i)", SRC_002, "doc002"),
    "backprop-doc002-dL-dw1": (
        "∂L/∂w1 = (ŷ_i − y_i)(w2)[x(1 − σ(w1x + b1))σ(w1x + b1)]", SRC_002, "doc002"),
    "backprop-doc002-dL-db1": (
        "∂L/∂b1 = (ŷ_i − y_i)(w2)[(1 − σ(w1x + b1))σ(w1x + b1)]", SRC_002, "doc002"),
    "backprop-doc002-forward-typo": (
        "002 restates the forward pass as Ŷ = softmax(W2 x + b2)", SRC_002, "doc002"),
}


def doc_identity(entry_id: str, claim: Claim) -> Identity:
    title, src, _ = DOC_ITEMS[entry_id]
    return Identity(entry_id, title, src, claim)


def doc_derivation(entry_id: str, goal_lhs: Value, goal_rhs: Value, steps: tuple[Step, ...],
                   given: tuple[Hypothesis, ...] = (), expect: Verdict = Verdict.PROVED,
                   note: str = "") -> Derivation:
    title, src, _ = DOC_ITEMS[entry_id]
    return Derivation(entry_id, title, src, goal_lhs, goal_rhs, steps, given, expect, note)


# ---------------------------------------------------------------------------
# forward pass
# ---------------------------------------------------------------------------


def size_tag(sizes: Sizes) -> str:
    """``(2, 3, 2)`` → ``"232"``; sizes with a multi-digit part → ``"784x100x10"``."""
    if all(n < 10 for n in sizes):
        return "".join(str(n) for n in sizes)
    return "x".join(str(n) for n in sizes)


def shapes(sizes: Sizes, convention: Convention) -> dict[str, tuple[int, int]]:
    """Shapes of inputs, parameters, intermediates and target (no symbols are built)."""
    dx, hh, dy = sizes
    if convention == "row":
        return {
            "x": (1, dx), "W1": (dx, hh), "b1": (1, hh), "z1": (1, hh), "h": (1, hh),
            "W2": (hh, dy), "b2": (1, dy), "z2": (1, dy), "y": (1, dy),
        }
    if convention == "col":
        return {
            "x": (dx, 1), "W1": (hh, dx), "b1": (hh, 1), "z1": (hh, 1), "h": (hh, 1),
            "W2": (dy, hh), "b2": (dy, 1), "z2": (dy, 1), "y": (dy, 1),
        }
    raise ValueError(f"unknown convention {convention!r}")


PARAMETERS: tuple[str, ...] = ("W1", "b1", "W2", "b2")


def symbols_of_shape(name: str, shape: tuple[int, int]) -> sp.ImmutableMatrix:
    """A vector (row or column) or matrix of fresh real symbols named after ``name``."""
    rows, cols = shape
    if cols == 1:
        return vector(name, rows)
    if rows == 1:
        return row_vector(name, cols)
    return matrix(name, rows, cols)


@dataclass(frozen=True)
class Network:
    """One hidden layer with explicit symbolic entries, in the row or column convention."""

    convention: Convention
    sizes: Sizes
    x: sp.ImmutableMatrix
    W1: sp.ImmutableMatrix
    b1: sp.ImmutableMatrix
    W2: sp.ImmutableMatrix
    b2: sp.ImmutableMatrix
    y: sp.ImmutableMatrix

    @property
    def parameters(self) -> tuple[sp.ImmutableMatrix, ...]:
        return (self.W1, self.b1, self.W2, self.b2)

    @property
    def one_hot(self) -> OneHot:
        return OneHot(tuple(self.y))

    def fresh(self, name: str) -> sp.ImmutableMatrix:
        """A fresh vector of symbols with the shape of intermediate ``name`` (z1, h, z2)."""
        return symbols_of_shape(name, shapes(self.sizes, self.convention)[name])

    def layer1(self, x: sp.MatrixBase) -> sp.ImmutableMatrix:
        """z1 = x W1 + b1 (row) or W1 x + b1 (column)."""
        prod = x * self.W1 if self.convention == "row" else self.W1 * x
        return (prod + self.b1).as_immutable()

    def layer2(self, h: sp.MatrixBase) -> sp.ImmutableMatrix:
        """z2 = h W2 + b2 (row) or W2 h + b2 (column)."""
        prod = h * self.W2 if self.convention == "row" else self.W2 * h
        return (prod + self.b2).as_immutable()

    def back2(self, delta: sp.MatrixBase) -> sp.ImmutableMatrix:
        """∂L/∂h from ∂L/∂z2: δ W2ᵀ (row) or W2ᵀ δ (column)."""
        return product(delta, self.W2.T) if self.convention == "row" else product(self.W2.T, delta)

    def back1(self, delta: sp.MatrixBase) -> sp.ImmutableMatrix:
        """∂L/∂x from ∂L/∂z1: δ W1ᵀ (row) or W1ᵀ δ (column)."""
        return product(delta, self.W1.T) if self.convention == "row" else product(self.W1.T, delta)

    def outer(self, a: sp.MatrixBase, delta: sp.MatrixBase) -> sp.ImmutableMatrix:
        """Weight gradient from layer input ``a`` and δ: aᵀ δ (row) or δ aᵀ (column)."""
        return product(a.T, delta) if self.convention == "row" else product(delta, a.T)

    def loss(self, z2: sp.MatrixBase) -> sp.Expr:
        """L = CE(y, softmax(z2))."""
        return cross_entropy(self.y, softmax(z2))


def product(a: sp.MatrixBase, b: sp.MatrixBase) -> sp.ImmutableMatrix:
    """The matrix product a·b with each entry's sum and products left as written: SymPy's
    evaluated product asks the assumptions of every softmax and σ expression it multiplies
    (13 ms of the 27 ms of building the 3×4×3 network's ∂L/∂x), and its value is the same
    sum of the same products (the engine reads either form, on their shared DAG)."""
    rows, inner, cols = a.shape[0], a.shape[1], b.shape[1]
    if inner != b.shape[0]:
        raise ValueError(f"matrix product of shapes {a.shape} and {b.shape}")
    entries = []
    for i in range(rows):
        for j in range(cols):
            terms = [times(a[i, k], b[k, j]) for k in range(inner)]
            terms = [t for t in terms if t != 0]
            entries.append(sp.Integer(0) if not terms else terms[0] if len(terms) == 1
                           else sp.Add(*terms, evaluate=False))
    return sp.ImmutableMatrix(rows, cols, entries)


def network(sizes: Sizes, convention: Convention) -> Network:
    """The network with symbols x_i, W1_ij, b1_i, W2_ij, b2_i, y_i."""
    sh = shapes(sizes, convention)
    return Network(
        convention,
        sizes,
        **{name: symbols_of_shape(name, sh[name]) for name in ("x", *PARAMETERS, "y")},
    )


def one_minus(v: sp.MatrixBase) -> sp.ImmutableMatrix:
    return v.applyfunc(lambda t: 1 - t).as_immutable()


def sigmoid_prime_v(z: sp.MatrixBase) -> sp.ImmutableMatrix:
    """σ'(z) entrywise, written σ(z)(1 − σ(z))."""
    return z.applyfunc(lambda t: sigmoid(t) * (1 - sigmoid(t))).as_immutable()


def gradient_claim(net: Network, g: str) -> Claim:
    """``grad(L, g)`` (computed) == the textbook backprop formula for ``g``."""
    if g == "z2":
        z2 = net.fresh("z2")
        var, loss = z2, net.loss(z2)
        delta2 = (softmax(z2) - net.y).as_immutable()
        rhs = delta2
    elif g == "h":
        h = net.fresh("h")
        z2 = net.layer2(h)
        var, loss = h, net.loss(z2)
        rhs = net.back2(softmax(z2) - net.y)
    elif g == "z1":
        z1 = net.fresh("z1")
        h = sigmoid_v(z1)
        z2 = net.layer2(h)
        var, loss = z1, net.loss(z2)
        rhs = hadamard(hadamard(net.back2(softmax(z2) - net.y), h), one_minus(h))
    elif g in ("x", "W1", "b1", "W2", "b2"):
        # The computed side by reverse accumulation on the composed loss's shared DAG
        # (checker.differentiate): the same derivative as ``grad``, about 60× faster to build
        # than through named stages with SymPy's diff (chain_grad) at (16, 16, 16), and the
        # only way that builds (32, 32, 32) in seconds.
        wrt = getattr(net, g)
        composed = net.loss(net.layer2(sigmoid_v(net.layer1(net.x))))
        computed = sp.ImmutableMatrix(*wrt.shape, dag_gradient(composed, list(wrt)))
        h = sigmoid_v(net.layer1(net.x))
        z2 = net.layer2(h)
        delta2 = (softmax(z2) - net.y).as_immutable()
        delta1 = hadamard(hadamard(net.back2(delta2), h), one_minus(h))
        rhs = {
            "x": net.back1(delta1),
            "W1": net.outer(net.x, delta1),
            "b1": delta1,
            "W2": net.outer(h, delta2),
            "b2": delta2,
        }[g]
        return Claim(computed, rhs, (net.one_hot,), Verdict.PROVED)
    else:
        raise ValueError(f"no gradient {g!r}")
    return Claim(grad(loss, var), rhs, (net.one_hot,), Verdict.PROVED)


_FORMULA = {
    "row": {
        "z2": "ŷ − y",
        "h": "(ŷ − y) W2ᵀ",
        "z1": "(ŷ − y) W2ᵀ ⊙ h ⊙ (1 − h)",
        "x": "∂L/∂z1 W1ᵀ",
        "W1": "xᵀ ∂L/∂z1",
        "b1": "∂L/∂z1",
        "W2": "hᵀ (ŷ − y)",
        "b2": "ŷ − y",
    },
    "col": {
        "z2": "ŷ − y",
        "h": "W2ᵀ (ŷ − y)",
        "z1": "W2ᵀ (ŷ − y) ⊙ h ⊙ (1 − h)",
        "x": "W1ᵀ ∂L/∂z1",
        "W1": "(W2ᵀ (ŷ − y) ⊙ h ⊙ (1 − h)) xᵀ",
        "b1": "W2ᵀ (ŷ − y) ⊙ h ⊙ (1 − h)",
        "W2": "(ŷ − y) hᵀ",
        "b2": "ŷ − y",
    },
}


def gradient_id(convention: Convention, sizes: Sizes, g: str) -> str:
    return f"backprop-{convention}-{size_tag(sizes)}-dL-d{g}"


def gradient_title(convention: Convention, sizes: Sizes, g: str) -> str:
    name = "row" if convention == "row" else "column"
    dims = ",".join(str(n) for n in sizes)
    return f"∂L/∂{g} = {_FORMULA[convention][g]} ({name} convention, Dx,H,Dy = {dims})"


def build_gradient(convention: Convention, sizes: Sizes, g: str) -> Identity:
    src = SRC_000 if convention == "row" else SRC_002
    return Identity(
        gradient_id(convention, sizes, g),
        gradient_title(convention, sizes, g),
        src,
        gradient_claim(network(sizes, convention), g),
    )


# ---------------------------------------------------------------------------
# document 000, row convention, (Dx, H, Dy) = (2, 3, 2)
# ---------------------------------------------------------------------------

DOC000_SIZES: Sizes = (2, 3, 2)
THETA_NOTE = "θ' read as σ' (the hidden activation is the sigmoid), σ'(t) = σ(t)(1 − σ(t))"


def build_doc000_dz2() -> Identity:
    net = network(DOC000_SIZES, "row")
    z2 = net.fresh("z2")
    claim = Claim(grad(net.loss(z2), z2), (softmax(z2) - net.y).as_immutable(), (net.one_hot,))
    return doc_identity("backprop-doc000-dCE-dz2", claim)


def build_doc000_dh() -> Identity:
    net = network(DOC000_SIZES, "row")
    h = net.fresh("h")
    z2 = net.layer2(h)
    rhs = ((softmax(z2) - net.y) * net.W2.T).as_immutable()
    claim = Claim(grad(net.loss(z2), h), rhs, (net.one_hot,))
    return doc_identity("backprop-doc000-dCE-dh", claim)


def build_doc000_dz1() -> Identity:
    net = network(DOC000_SIZES, "row")
    z1 = net.fresh("z1")
    z2 = net.layer2(sigmoid_v(z1))
    rhs = hadamard((softmax(z2) - net.y) * net.W2.T, sigmoid_prime_v(z1))
    claim = Claim(grad(net.loss(z2), z1), rhs, (net.one_hot,), note=THETA_NOTE)
    return doc_identity("backprop-doc000-dCE-dz1", claim)


def build_doc000_dx() -> Derivation:
    net = network(DOC000_SIZES, "row")
    z1 = net.layer1(net.x)
    z2 = net.layer2(sigmoid_v(z1))
    back = ((softmax(z2) - net.y) * net.W2.T).as_immutable()
    computed = grad(net.loss(z2), net.x)
    chain = (hadamard(back, sigmoid_prime_v(z1)) * net.W1.T).as_immutable()
    squared = z1.applyfunc(lambda t: sigmoid(t) ** 2)
    doc_final = (hadamard(back, squared) * net.W1.T).as_immutable()
    wrong = "θ²(z1) (σ(z1)² entrywise) where θ'(z1) = σ(z1)(1 − σ(z1)) is meant"
    steps = (
        Step(computed, why="gradient of CE(y, softmax(σ(x W1 + b1) W2 + b2)) in x",
             text="∂CE/∂x"),
        Step(chain, why="chain rule, ∂z1/∂x = W1ᵀ; θ' read as σ'",
             text="(ŷ − y) w2ᵀ ⊙ θ'(z1) ∂z1/∂x",
             note="read as ((ŷ − y) W2ᵀ ⊙ θ'(z1)) W1ᵀ, the only reading with matching shapes"),
        Step(doc_final, why="substitute ∂z1/∂x = W1ᵀ", expect=Verdict.REFUTED,
             text="(ŷ − y) w2ᵀ ⊙ θ²(z1) W1ᵀ", note=wrong),
    )
    return doc_derivation(
        "backprop-doc000-dCE-dx",
        computed,
        doc_final,
        steps,
        (net.one_hot,),
        expect=Verdict.REFUTED,
        note=f"the document's final formula has {wrong}",
    )


# ---------------------------------------------------------------------------
# document 002, scalar reading: Dx = H = 1, Dy = 3
# ---------------------------------------------------------------------------

INDEX = 1  # the document's output index i / j, fixed
SCALAR_NOTE = (
    "scalar reading of the lower-case notation: x, w1, b1, h scalars; w2, b2, y, ŷ of length 3"
)
INDEX_NOTE = f"i / j taken as the fixed output index {INDEX}"


@dataclass(frozen=True)
class ScalarNet:
    x: sp.Symbol
    w1: sp.Symbol
    b1: sp.Symbol
    w2: sp.ImmutableMatrix
    b2: sp.ImmutableMatrix
    y: sp.ImmutableMatrix

    @property
    def pre(self) -> sp.Expr:
        """w1 x + b1."""
        return self.w1 * self.x + self.b1

    @property
    def h(self) -> sp.Expr:
        return sigmoid(self.pre)

    @property
    def yhat(self) -> sp.ImmutableMatrix:
        return softmax((self.w2 * self.h + self.b2).as_immutable())

    @property
    def loss(self) -> sp.Expr:
        return cross_entropy(self.y, self.yhat)

    @property
    def one_hot(self) -> OneHot:
        return OneHot(tuple(self.y))

    def residual(self, i: int) -> sp.Expr:
        """ŷ_i − y_i (1-based)."""
        return self.yhat[i - 1] - self.y[i - 1]


def scalar_net() -> ScalarNet:
    return ScalarNet(real("x"), real("w1"), real("b1"), vector("w2", 3), vector("b2", 3),
                     vector("y", 3))


def sigmoid_from_definition(t: sp.Expr) -> sp.Expr:
    return 1 / (1 + sp.exp(-t))


def build_doc002_sigmoid_parenthesis() -> Identity:
    x = real("x")
    claim = Claim(
        sp.diff(sigmoid_from_definition(x), x),
        1 - sigmoid(x) * sigmoid(x),
        expect=Verdict.REFUTED,
        note="misplaced parenthesis: (1 − σ(x)σ(x)) instead of (1 − σ(x))σ(x)",
    )
    return doc_identity("backprop-doc002-dsigma-dx-parenthesis", claim)


def build_doc002_sigmoid_chain() -> Derivation:
    net = scalar_net()
    t, w1 = net.pre, net.w1
    computed = sp.diff(sigmoid_from_definition(t), net.x)
    second = (-1) * (1 + sp.exp(-t)) * (-w1)
    final = (1 - sigmoid(t)) * sigmoid(t) * w1
    steps = (
        Step(computed, why="differentiate σ(w1 x + b1) = 1/(1 + e^(−(w1 x + b1))) in x",
             text="∂σ/∂x"),
        Step(second, why="chain rule (power rule on (1 + e^(−(w1x+b1)))^(−1))",
             expect=Verdict.REFUTED, text="(−1)(1 + e^(−(w1x+b1)))(−w1)",
             note="dropped the ^(−2) power and the e^(−(w1x+b1)) factor of the inner derivative"),
        Step(final, why="σ' = (1 − σ)σ", expect=Verdict.REFUTED,
             text="(1 − σ(w1x + b1))σ(w1x + b1)(w1)",
             note="the previous line is wrong, so it does not equal this (correct) result"),
    )
    return doc_derivation(
        "backprop-doc002-dsigma-chain",
        computed,
        final,
        steps,
        note="the result is right but the middle line is not",
    )


def build_doc002_dx() -> Derivation:
    net = scalar_net()
    j = INDEX
    s = net.h
    computed = sp.diff(net.loss, net.x)
    first = net.residual(j) * net.w2[j - 1] * (1 - s) * s * net.w1
    final = net.w1 * net.w2[j - 1] * net.residual(j) * (1 - s) * s
    missing = "missing the sum Σ_j over the outputs: ∂L/∂x = Σ_j (ŷ_j − y_j) w2_j σ' w1"
    steps = (
        Step(computed, why="derivative of CE(y, softmax(w2 σ(w1 x + b1) + b2)) in x",
             text="∂L(Y, Ŷ)/∂x"),
        Step(first, why="chain rule with ∂σ/∂x = (1 − σ)σ w1", expect=Verdict.REFUTED,
             text="(ŷ_j − y_j)(w2)(1 − σ(w1x + b1))σ(w1x + b1)(w1)",
             note=f"{missing}; {INDEX_NOTE}"),
        Step(final, why="reorder factors", text="w1 w2 (ŷ_j − y_j)(1 − σ(w1x + b1))σ(w1x + b1)"),
    )
    return doc_derivation(
        "backprop-doc002-dL-dx",
        computed,
        final,
        steps,
        (net.one_hot,),
        expect=Verdict.REFUTED,
        note=f"{missing}; {SCALAR_NOTE}; {INDEX_NOTE}",
    )


def build_doc002_dw2() -> Identity:
    net = scalar_net()
    rhs = ((net.yhat - net.y) * net.h).as_immutable()
    claim = Claim(grad(net.loss, net.w2), rhs, (net.one_hot,),
                  note=f"{SCALAR_NOTE}; the vector over i")
    return doc_identity("backprop-doc002-dL-dw2", claim)


def build_doc002_db2() -> Identity:
    net = scalar_net()
    rhs = (net.yhat - net.y).as_immutable()
    claim = Claim(grad(net.loss, net.b2), rhs, (net.one_hot,),
                  note=f"{SCALAR_NOTE}; the vector over i")
    return doc_identity("backprop-doc002-dL-db2", claim)


def build_doc002_dw1() -> Identity:
    net = scalar_net()
    i, s = INDEX, net.h
    rhs = net.residual(i) * net.w2[i - 1] * (net.x * (1 - s) * s)
    claim = Claim(
        sp.diff(net.loss, net.w1), rhs, (net.one_hot,), Verdict.REFUTED,
        note=f"missing the sum Σ_i over the outputs; {SCALAR_NOTE}; {INDEX_NOTE}",
    )
    return doc_identity("backprop-doc002-dL-dw1", claim)


def build_doc002_db1() -> Identity:
    net = scalar_net()
    i, s = INDEX, net.h
    rhs = net.residual(i) * net.w2[i - 1] * ((1 - s) * s)
    claim = Claim(
        sp.diff(net.loss, net.b1), rhs, (net.one_hot,), Verdict.REFUTED,
        note=f"missing the sum Σ_i over the outputs; {SCALAR_NOTE}; {INDEX_NOTE}",
    )
    return doc_identity("backprop-doc002-dL-db1", claim)


def build_doc002_forward_typo() -> Identity:
    net = scalar_net()
    written = softmax((net.w2 * net.x + net.b2).as_immutable())
    claim = Claim(written, net.yhat, expect=Verdict.REFUTED,
                  note="x where h = σ(w1 x + b1) is meant (the exercise states ŷ = "
                       f"softmax(W2 h + b2)); {SCALAR_NOTE}")
    return doc_identity("backprop-doc002-forward-typo", claim)


# ---------------------------------------------------------------------------
# catalog
# ---------------------------------------------------------------------------


def _items() -> list[CatalogItem]:
    items: list[CatalogItem] = []
    for convention in CONVENTIONS:
        src = SRC_000 if convention == "row" else SRC_002
        for sizes in SIZES:
            for g in GRADIENTS:
                items.append(CatalogItem(
                    gradient_id(convention, sizes, g),
                    gradient_title(convention, sizes, g),
                    src,
                    partial(build_gradient, convention, sizes, g),
                    ("backprop", convention, size_tag(sizes)),
                ))
    for entry_id, (title, src, tag) in DOC_ITEMS.items():
        items.append(CatalogItem(entry_id, title, src, _DOC_BUILDERS[entry_id], ("backprop", tag)))
    return items


_DOC_BUILDERS: dict[str, Callable[[], Entry]] = {
    "backprop-doc000-dCE-dz2": build_doc000_dz2,
    "backprop-doc000-dCE-dh": build_doc000_dh,
    "backprop-doc000-dCE-dz1": build_doc000_dz1,
    "backprop-doc000-dCE-dx": build_doc000_dx,
    "backprop-doc002-dsigma-dx-parenthesis": build_doc002_sigmoid_parenthesis,
    "backprop-doc002-dsigma-chain": build_doc002_sigmoid_chain,
    "backprop-doc002-dL-dx": build_doc002_dx,
    "backprop-doc002-dL-dw2": build_doc002_dw2,
    "backprop-doc002-dL-db2": build_doc002_db2,
    "backprop-doc002-dL-dw1": build_doc002_dw1,
    "backprop-doc002-dL-db1": build_doc002_db1,
    "backprop-doc002-forward-typo": build_doc002_forward_typo,
}

ITEMS: list[CatalogItem] = _items()
