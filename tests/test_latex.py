"""The LaTeX reader: the seed documents' lines, chain splitting, the measured traps, limits.

Expected trees are written out by hand with the tree dataclasses and compared
without positions. The seed lines are copied verbatim from the five documents
in the shared seed corpus (000 … 004).
"""

from __future__ import annotations

import ast
import dataclasses
import itertools
import time
from fractions import Fraction
from pathlib import Path

import pytest
import sympy as sp

from checker.parse import latex as latex_module
from checker.parse.context import Context, UserFunction
from checker.parse.evaluate import evaluate
from checker.parse.latex import LETTERS, MAX_DEPTH, LatexStep, parse_latex_expr
from checker.parse.latex_chain import parse_latex_chain
from checker.parse.tree import (
    Apply,
    Bin,
    Call,
    Choice,
    Compare,
    Defined,
    Index,
    Name,
    Node,
    Num,
    ParseError,
    Pos,
    TupleLit,
    Unary,
    walk,
)

# ----------------------------------------------------------------------------- helpers


def bare(x: object) -> object:
    """The same tree with every position reset, so trees compare by structure only (a
    [context] latex entry's value compares as the value itself: Defined only scopes it)."""
    if isinstance(x, Defined):
        return bare(x.body)
    if isinstance(x, tuple):
        return tuple(bare(v) for v in x)
    if dataclasses.is_dataclass(x) and not isinstance(x, (type, Pos)):
        return type(x)(**{f.name: Pos() if f.name == "pos" else bare(getattr(x, f.name))
                          for f in dataclasses.fields(x)})
    return x


def options(node: Node) -> list[object]:
    """The options of a Choice (the reader's readings of an ambiguous place), bare."""
    assert isinstance(node, Choice), f"not a Choice: {bare(node)}"
    return [bare(o) for o in node.options]


def same(got: Node, want: Node) -> bool:
    return bare(got) == bare(want)


def _n(v: object) -> Node:
    if isinstance(v, str):
        return Name(v)
    if isinstance(v, int | Fraction):
        return Num(Fraction(v))
    return v  # type: ignore[return-value]


def add(a: object, b: object) -> Node:
    return Bin("+", _n(a), _n(b))


def sub(a: object, b: object) -> Node:
    return Bin("-", _n(a), _n(b))


def mul(*xs: object) -> Node:
    out = _n(xs[0])
    for x in xs[1:]:
        out = Bin("*", out, _n(x))
    return out


def mm(a: object, b: object) -> Node:
    return Bin("@", _n(a), _n(b))


def div(a: object, b: object) -> Node:
    return Bin("/", _n(a), _n(b))


def pw(a: object, b: object) -> Node:
    return Bin("**", _n(a), _n(b))


def neg(a: object) -> Node:
    return Unary("-", _n(a))


def call(f: str, *args: object) -> Node:
    return Call(f, tuple(_n(a) for a in args))


def ix(target: object, *indices: object) -> Node:
    return Index(_n(target), tuple(_n(i) for i in indices))


def S(body: object, var: str, lo: object, hi: object) -> Node:
    return Call("Sum", (_n(body), TupleLit((Name(var), _n(lo), _n(hi)))))


def D(f: object, var: object, order: int | None = None) -> Node:
    args = (_n(f), _n(var)) if order is None else (_n(f), _n(var), Num(Fraction(order)))
    return Call("diff", args)


def exp(a: object) -> Node:
    return call("exp", a)


def log(a: object) -> Node:
    return call("log", a)


def sig(a: object) -> Node:
    return call("sigmoid", a)


def tanh(a: object) -> Node:
    return call("tanh", a)


def softmax(a: object) -> Node:
    return call("softmax", a)


def delta(i: object, j: object) -> Node:
    return call("delta", i, j)


def ctx(vectors: dict[str, int] | None = None, symbols: tuple[str, ...] = (),
        functions: dict[str, tuple[str, ...]] | None = None,
        matrices: dict[str, tuple[int, int]] | None = None,
        latex: dict[str, Node] | None = None) -> Context:
    c = Context()
    for name in symbols:
        c.declare_symbol(name, "real")
    for name, size in (vectors or {}).items():
        c.declare_vector(name, size)
    for name, (rows, cols) in (matrices or {}).items():
        c.declare_matrix(name, rows, cols)
    for name, params in (functions or {}).items():
        c.functions[name] = UserFunction(name, params, Name(params[0]))
    c.latex.update(latex or {})
    return c


def trees(text: str, c: Context) -> list[Node]:
    return [step.node for step in parse_latex_chain(text, c)]


def default(node: Node) -> Node:
    """The tree with every "is this undeclared y a function of x" choice (dep:) at its
    default, y a variable: the seed lines' trees are compared in that reading
    (tests/test_reading.py checks the readings themselves)."""
    if isinstance(node, Choice) and node.key.startswith("dep:"):
        return default(node.options[0])
    if dataclasses.is_dataclass(node) and not isinstance(node, Pos):
        return type(node)(**{f.name: (tuple(default(v) for v in getattr(node, f.name))
                                      if isinstance(getattr(node, f.name), tuple)
                                      else default(getattr(node, f.name)))
                             for f in dataclasses.fields(node)})
    return node


def check(text: str, c: Context, want: list[Node]) -> list[LatexStep]:
    steps = parse_latex_chain(text, c)
    got = [default(s.node) for s in steps]
    assert len(got) == len(want), [s.latex for s in steps]
    for k, (g, w) in enumerate(zip(got, want, strict=True), start=1):
        assert same(g, w), f"step {k} ({steps[k - 1].latex!r}):\n got  {bare(g)}\n want {bare(w)}"
    return steps


def error(text: str, c: Context | None = None, chain: bool = True) -> ParseError:
    with pytest.raises(ParseError) as info:
        (parse_latex_chain if chain else parse_latex_expr)(text, c or Context())
    return info.value


# contexts for the documents
SCALAR = Context()
SIGMA_DELTA = ctx(latex={"\\delta": Name("sigmoid")})  # document 000 writes \delta(x) for the sigmoid
SOFTMAX_X = ctx(vectors={"x": 4, "c": 4})
X4 = ctx(vectors={"x": 4})
CE_000 = ctx(symbols=("CE",), vectors={"theta": 4, "y": 4}, matrices={"w_2": (4, 4)},
             latex={"\\hat{y}": softmax("theta")})
LOSS_001 = ctx(vectors={"x": 4, "y": 4}, functions={"l": ("a", "b")})
DOC_002 = ctx(vectors={"x": 4, "z": 4, "y": 4}, functions={"L": ("a", "b")},
              latex={"\\hat{y}": softmax("z")})
FORWARD_002 = ctx(vectors={"x": 4, "b_1": 3}, matrices={"W_1": (3, 4)})
DOC_003 = ctx(symbols=("CE",), vectors={"x": 4, "y": 4, "theta": 4},
              functions={"f": ("t",), "g": ("t",), "h": ("t",)},
              latex={"\\hat{y}": softmax("theta")})
DOC_004 = ctx(vectors={"x": 4, "p": 4, "y": 4}, functions={"H": ("a", "b")})
LOGLINEAR_004 = ctx(vectors={"w": 3, "b": 3})

# frequently used pieces
X_I, X_J, X_K = ix("x", "i"), ix("x", "j"), ix("x", "k")
E_MINUS_X = exp(neg("x"))
ONE_PLUS = add(1, E_MINUS_X)  # 1 + e^{-x}
SUM_EXP_X4 = S(exp(X_J), "j", 1, 4)
SUM_EXP_XK = S(exp(X_K), "k", 1, 4)
YHAT_002 = softmax("z")
YHAT_003 = softmax("theta")
COSH2 = add(exp("x"), exp(neg("x")))  # \exp(x) + \exp(-x)
SINH2 = sub(exp("x"), exp(neg("x")))  # \exp(x) - \exp(-x)

# ----------------------------------------------------------------------------- the four chains

CHAIN_000_SIGMOID = r"""$$\begin{aligned} \frac{d}{dx} \delta(x) &= \frac{d}{dx} \left(\frac{1}{1 + e^{-x}} \right) \\ &= \frac{d}{dx} (1 + e^{-x})^{-1} \\ &= \frac{d}{dx} (1 + e^{-x})^{-1} \\ &= - (1 + e^{-x})^{-2} (-e^{-x}) \\ &= \frac{e^{-x}}{(1 + e^{-x})^2} \\ &= \frac{1}{1 + e^{-x}} \cdot \frac{e^{-x}}{1 + e^{-x}} \end{aligned}$$

$$= \frac{1}{1+e^{-x}} \cdot \frac{(1+e^{-x})-1}{1+e^{-x}} = \frac{1}{1+e^{-x}} \cdot \left(1 - \frac{1}{1+e^{-x}}\right) = \delta(x) \cdot (1 - \delta(x))$$"""  # noqa: E501

CHAIN_004_TANH = r"""$$\frac{\partial \tanh(x)}{\partial x} = \frac{\partial}{\partial x} \frac{\exp(x) - \exp(-x)}{\exp(x) + \exp(-x)}$$

$$= \frac{(\exp(x) + \exp(-x)) \cdot (\exp(x) + \exp(-x)) - (\exp(x) - \exp(-x)) \cdot (\exp(x) - \exp(-x))}{(\exp(x) + \exp(-x))^2}$$

$$= \frac{(\exp(x) + \exp(-x)) \cdot (\exp(x) + \exp(-x))}{(\exp(x) + \exp(-x))^2} - \frac{(\exp(x) - \exp(-x)) \cdot (\exp(x) - \exp(-x))}{(\exp(x) + \exp(-x))^2}$$

$$= \frac{(\exp(x) + \exp(-x))^2}{(\exp(x) + \exp(-x))^2} - \left(\frac{\exp(x) - \exp(-x)}{\exp(x) + \exp(-x)}\right)^2$$

$$= 1 - (\tanh(x))^2.$$"""  # noqa: E501

CHAIN_003_SOFTMAX = r"""\[\frac {\partial f(x_j)}{\partial x_i} = \frac{ \exp^{x_i} * \sum \exp^{x_k} - \exp^{x_j} * \exp^{x_i} }{ (\sum\exp^{x_k})^{2} }\] \[= \frac{\exp^{x_i}}{\sum\exp^{x_k}} * \frac{ \sum \exp^{x_k} - \exp^{x_j} }{ \sum\exp^{x_k}}\] \[= f(x^j) * (\frac{\sum\exp^{x_k}}{\sum\exp^{x_k}} - \frac{\exp^{x_i}}{\sum\exp^{x_k}} )\] \[= f(x^j) * (1 - f(x^j))\]"""  # noqa: E501

CHAIN_002_SIGMOID = r"""$$\begin{aligned} \frac{\partial \sigma(x)}{\partial x} &= (-1)(1 + e^{-x})^{-2}(e^{-x}) = \frac{e^{-x}}{(1 + e^{-x})^2} = \left( \frac{e^{-x}}{1 + e^{-x}} \right) \left( \frac{1}{1 + e^{-x}} \right) = \\ &= \left( \frac{1 - 1 + e^{-x}}{1 + e^{-x}} \right) \left( \frac{1}{1 + e^{-x}} \right) = \left( 1 - \frac{1}{1 + e^{-x}} \right) \left( \frac{1}{1 + e^{-x}} \right) = (1 - \sigma(x))\sigma(x) \end{aligned}$$"""  # noqa: E501


def test_000_sigmoid_chain() -> None:
    steps = check(CHAIN_000_SIGMOID, SIGMA_DELTA, [
        D(sig("x"), "x"),
        D(div(1, ONE_PLUS), "x"),
        D(pw(ONE_PLUS, neg(1)), "x"),
        D(pw(ONE_PLUS, neg(1)), "x"),
        neg(mul(pw(ONE_PLUS, neg(2)), neg(E_MINUS_X))),
        div(E_MINUS_X, pw(ONE_PLUS, 2)),
        mul(div(1, ONE_PLUS), div(E_MINUS_X, ONE_PLUS)),
        mul(div(1, ONE_PLUS), div(sub(ONE_PLUS, 1), ONE_PLUS)),
        mul(div(1, ONE_PLUS), sub(1, div(1, ONE_PLUS))),
        mul(sig("x"), sub(1, sig("x"))),
    ])
    assert steps[0].latex == r"\frac{d}{dx} \delta(x)"
    assert steps[0].pos == Pos(1, 19)
    assert steps[-1].latex == r"\delta(x) \cdot (1 - \delta(x))"
    assert steps[-1].pos.line == 3
    assert all(s.why == "" for s in steps)


def test_000_sigmoid_chain_needs_the_delta_mapping() -> None:
    err = error(CHAIN_000_SIGMOID, SCALAR)
    assert "Kronecker" in err.message and "[latex]" in err.message
    assert err.pos == Pos(1, 32)


def test_004_tanh_chain() -> None:
    quotient = div(SINH2, COSH2)
    steps = check(CHAIN_004_TANH, SCALAR, [
        D(tanh("x"), "x"),
        D(quotient, "x"),
        div(sub(mul(COSH2, COSH2), mul(SINH2, SINH2)), pw(COSH2, 2)),
        sub(div(mul(COSH2, COSH2), pw(COSH2, 2)), div(mul(SINH2, SINH2), pw(COSH2, 2))),
        sub(div(pw(COSH2, 2), pw(COSH2, 2)), pw(quotient, 2)),
        sub(1, pw(tanh("x"), 2)),
    ])
    assert [s.pos.line for s in steps] == [1, 1, 3, 5, 7, 9]
    assert steps[-1].latex == r"1 - (\tanh(x))^2"  # the final '.' is not part of the step


def test_003_softmax_chain_i_equals_j() -> None:
    steps = check(CHAIN_003_SOFTMAX, DOC_003, [
        D(call("f", X_J), X_I),
        div(sub(mul(exp(X_I), SUM_EXP_XK), mul(exp(X_J), exp(X_I))), pw(SUM_EXP_XK, 2)),
        mul(div(exp(X_I), SUM_EXP_XK), div(sub(SUM_EXP_XK, exp(X_J)), SUM_EXP_XK)),
        mul(call("f", pw("x", "j")), sub(div(SUM_EXP_XK, SUM_EXP_XK), div(exp(X_I), SUM_EXP_XK))),
        mul(call("f", pw("x", "j")), sub(1, call("f", pw("x", "j")))),
    ])
    # a bare \sum takes its index from the only declared vector indexed in its body (x_k)
    assert len(steps) == 5


def test_002_sigmoid_chain() -> None:
    a = div(E_MINUS_X, ONE_PLUS)
    b = div(1, ONE_PLUS)
    steps = check(CHAIN_002_SIGMOID, SCALAR, [
        D(sig("x"), "x"),
        mul(neg(1), pw(ONE_PLUS, neg(2)), E_MINUS_X),
        div(E_MINUS_X, pw(ONE_PLUS, 2)),
        mul(a, b),
        mul(div(add(sub(1, 1), E_MINUS_X), ONE_PLUS), b),
        mul(sub(1, b), b),
        mul(sub(1, sig("x")), sig("x")),
    ])
    # "= \\ &=" continues the chain over the line break without an empty step
    assert steps[4].latex.startswith(r"\left( \frac{1 - 1")


# ----------------------------------------------------------------------------- every seed line

SEED_LINES: list[tuple[str, str, Context, list[Node]]] = [
    # 000
    ("000 softmax definition", r"\text{softmax}(x)_i = \frac{e^{x_i}}{\sum_{j=1}^n e^{x_j}}", SOFTMAX_X,
     [ix(softmax("x"), "i"), div(exp(X_I), S(exp(X_J), "j", 1, "n"))]),
    ("000 softmax shift",
     r"""$$\text{softmax}(x + c)_i = \frac{e^{(x_i + c_i)}}{\sum_{j=1}^n e^{(x_j + c_j)}}$$

$$= \frac{e^{x_i} e^{c_i}}{\sum_{j=1}^n e^{x_j + c_j}}$$

$$= \frac{e^{c_i} e^{x_i}}{e^{c_j} \sum_{j=1}^n e^{x_j}}$$

$$= \frac{e^{x_i}}{\sum_{j=1}^n e^{x_j}}$$""", SOFTMAX_X,
     [ix(softmax(add("x", "c")), "i"),
      div(exp(add(X_I, ix("c", "i"))), S(exp(add(X_J, ix("c", "j"))), "j", 1, "n")),
      div(mul(exp(X_I), exp(ix("c", "i"))), S(exp(add(X_J, ix("c", "j"))), "j", 1, "n")),
      div(mul(exp(ix("c", "i")), exp(X_I)), mul(exp(ix("c", "j")), S(exp(X_J), "j", 1, "n"))),
      div(exp(X_I), S(exp(X_J), "j", 1, "n"))]),
    ("000 gradient at z_2", r"\frac{\partial CE}{\partial z_2} = \hat{y} - y, "
     r"\text{ from the previous derivations.}", CE_000,
     [D("CE", "z_2"), sub(softmax("theta"), "y")]),
    ("000 gradient at h", r"\frac{\partial CE}{\partial h} = (\hat{y} - y) \frac{\partial z_2}{\partial h} "
     r"= (\hat{y} - y) w_2^{\top}", CE_000,
     [D("CE", "h"), mul(sub(softmax("theta"), "y"), D("z_2", "h")),
      mm(sub(softmax("theta"), "y"), call("T", "w_2"))]),
    ("000 one-hot line (after its '=')", r"-y_i \log(\hat{y}_i) = -\log(\text{softmax}(\theta))", CE_000,
     [neg(mul(ix("y", "i"), log(ix(softmax("theta"), "i")))), neg(log(softmax("theta")))]),
    # 001
    ("001 equation (1)", r"""$$\begin{aligned}\text{softmax}(x + c) &= \\ &= \frac{e^{x_i + c}}{\sum_j e^{x_j + c}} = \\ &= \frac{e^{x_i} e^c}{\sum_j e^{x_j} e^c} = \\ &= \frac{e^{x_i} e^c}{e^c \sum_j e^{x_j}} = \\ &= \frac{e^{x_i}}{\sum_j e^{x_j}} = \\ &= \text{softmax}(x)\end{aligned}\tag{1}$$""",  # noqa: E501
     X4,
     [softmax(add("x", "c")),
      div(exp(add(X_I, "c")), S(exp(add(X_J, "c")), "j", 1, 4)),
      div(mul(exp(X_I), exp("c")), S(mul(exp(X_J), exp("c")), "j", 1, 4)),
      div(mul(exp(X_I), exp("c")), mul(exp("c"), SUM_EXP_X4)),
      div(exp(X_I), SUM_EXP_X4),
      softmax("x")]),
    ("001 dl/db", r"\frac{\partial l(y, f_i)}{\partial b} = - \sum_i y_i (1 - \text{softmax}(xW + b))",
     LOSS_001,
     [D(call("l", "y", "f_i"), "b"),
      neg(S(mul(ix("y", "i"), sub(1, softmax(add(mul("x", "W"), "b")))), "i", 1, 4))]),
    # 002
    ("002 invariance claim", r"$$\text{softmax}(\mathbf{x}) = \text{softmax}(\mathbf{x} + c),$$", DOC_002,
     [softmax("x"), softmax(add("x", "c"))]),
    ("002 softmax definition", r"\text{softmax}(\mathbf{x})_i = \frac{e^{\mathbf{x}_i}}{\sum_j "
     r"e^{\mathbf{x}_j}}.", DOC_002, [ix(softmax("x"), "i"), div(exp(X_I), SUM_EXP_X4)]),
    ("002 output gradient", r"\frac{\partial L(\mathbf{y}, \hat{\mathbf{y}})}{\partial \mathbf{z}} = "
     r"\hat{\mathbf{y}} - \mathbf{y},", DOC_002,
     [call("grad", call("L", "y", YHAT_002), "z"), sub(YHAT_002, "y")]),  # by a vector: grad
    ("002 cross-entropy", r"L(\mathbf{y}, \hat{\mathbf{y}}) = - \sum_i y_i \log(\hat{y}_i)", DOC_002,
     [call("L", "y", YHAT_002), neg(S(mul(ix("y", "i"), log(ix(YHAT_002, "i"))), "i", 1, 4))]),
    ("002 forward pass", r"\mathbf{h} = \sigma(\mathbf{W}_1 \mathbf{x} + \mathbf{b}_1)", FORWARD_002,
     [Name("h"), sig(add(mm("W_1", "x"), "b_1"))]),
    ("002 sigmoid definition", r"\sigma(z) = \frac{1}{1 + e^{-z}}", SCALAR,
     [sig("z"), div(1, add(1, exp(neg("z"))))]),
    ("002 softmax invariance a)", r"""$$\begin{aligned} \text{softmax}(\mathbf{x})_i &= \frac{e^{\mathbf{x}_i}}{\sum_j e^{\mathbf{x}_j}} = \frac{e^{\mathbf{x}_i}}{\sum_j e^{\mathbf{x}_j}} \left( \frac{e^c}{e^c} \right) = \frac{e^{\mathbf{x}_i} e^c}{e^c \sum_j e^{\mathbf{x}_j}} = \\ &= \frac{e^{\mathbf{x}_i + c}}{\sum_j e^c e^{\mathbf{x}_j}} = \frac{e^{\mathbf{x}_i + c}}{\sum_j e^{\mathbf{x}_j + c}} = \text{softmax}(\mathbf{x}_i + c) \end{aligned}$$""",  # noqa: E501
     DOC_002,
     [ix(softmax("x"), "i"),
      div(exp(X_I), SUM_EXP_X4),
      mul(div(exp(X_I), SUM_EXP_X4), div(exp("c"), exp("c"))),
      div(mul(exp(X_I), exp("c")), mul(exp("c"), SUM_EXP_X4)),
      div(exp(add(X_I, "c")), S(mul(exp("c"), exp(X_J)), "j", 1, 4)),
      div(exp(add(X_I, "c")), S(exp(add(X_J, "c")), "j", 1, 4)),
      softmax(add(X_I, "c"))]),
    ("002 d log yhat_i / dz_j", r"\frac{\partial}{\partial z_j} \log(\hat{y}_i) = \frac{1}{\hat{y}_i} "
     r"\frac{\partial \hat{y}_i}{\partial z_j}", DOC_002,
     [D(log(ix(YHAT_002, "i")), ix("z", "j")),
      mul(div(1, ix(YHAT_002, "i")), D(ix(YHAT_002, "i"), ix("z", "j")))]),
    ("002 log softmax", r"\log(\hat{y}) = \log\left(\frac{e^{z_i}}{\sum_j e^{z_j}}\right) = z_i - "
     r"\log\left(\sum_j e^{z_j}\right).", DOC_002,
     [log(YHAT_002), log(div(exp(ix("z", "i")), S(exp(ix("z", "j")), "j", 1, 4))),
      sub(ix("z", "i"), log(S(exp(ix("z", "j")), "j", 1, 4)))]),
    ("002 two terms", r"\frac{\partial}{\partial z_j} \log(\hat{y}_i) = \frac{\partial z_i}{\partial z_j} - "
     r"\frac{\partial}{\partial z_j} \log\left(\sum_j e^{z_j}\right)", DOC_002,
     [D(log(ix(YHAT_002, "i")), ix("z", "j")),
      sub(D(ix("z", "i"), ix("z", "j")), D(log(S(exp(ix("z", "j")), "j", 1, 4)), ix("z", "j")))]),
    ("002 indicator", r"\frac{\partial z_i}{\partial z_j} - \frac{\partial}{\partial z_j} \log\left(\sum_j "
     r"e^{z_j}\right) = 1\{i = j\} - \frac{1}{\sum_j e^{z_j}} \left( \frac{\partial}{\partial z_j} \sum_j "
     r"e^{z_j} \right)", DOC_002,
     [sub(D(ix("z", "i"), ix("z", "j")), D(log(S(exp(ix("z", "j")), "j", 1, 4)), ix("z", "j"))),
      sub(delta("i", "j"), mul(div(1, S(exp(ix("z", "j")), "j", 1, 4)),
                               D(S(exp(ix("z", "j")), "j", 1, 4), ix("z", "j"))))]),
    ("002 result c)", r"\frac{\partial}{\partial z_j} \log(\hat{y}_i) = 1\{i = j\} - \frac{e^{z_j}}{\sum_j "
     r"e^{z_j}} = 1\{i = j\} - \hat{y}_j", DOC_002,
     [D(log(ix(YHAT_002, "i")), ix("z", "j")),
      sub(delta("i", "j"), div(exp(ix("z", "j")), S(exp(ix("z", "j")), "j", 1, 4))),
      sub(delta("i", "j"), ix(YHAT_002, "j"))]),
    ("002 last line (after its '&=')", r"\sum_i y_i \hat{y}_j - y_j = \hat{y}_j \sum_i y_i - y_j = "
     r"\hat{y}_j - y_j", DOC_002,
     [sub(S(mul(ix("y", "i"), ix(YHAT_002, "j")), "i", 1, 4), ix("y", "j")),
      sub(mul(ix(YHAT_002, "j"), S(ix("y", "i"), "i", 1, 4)), ix("y", "j")),
      sub(ix(YHAT_002, "j"), ix("y", "j"))]),
    # 003
    ("003 softmax", r"\[f(x_j) = softmax(x_j) = \frac{ \exp^{x_j} }{ \sum_{k}^{n} \exp^{x_k} }\]", DOC_003,
     [call("f", X_J), softmax(X_J), div(exp(X_J), S(exp(X_K), "k", 1, "n"))]),
    ("003 quotient", r"\[f(x) = \frac{g(x)}{h(x)}\]", DOC_003,
     [call("f", "x"), div(call("g", "x"), call("h", "x"))]),
    ("003 dg/dx_i", r"\[\frac {\partial g(x_j)}{\partial x_i} = \exp^{x_i}\]", DOC_003,
     [D(call("g", X_J), X_I), exp(X_I)]),
    ("003 i != j", r"\[\frac {\partial f(x_j)}{\partial x_i} = \frac{ 0 - \exp^{x_j} * \exp^{x_i} }{ "
     r"(\sum\exp^{x_k})^{2} }\] \[= - \frac{\exp^{x_j}}{\sum\exp^{x_k}} * "
     r"\frac{\exp^{x_i}}{\sum\exp^{x_k}}\] "
     r"\[= - f(x_j) * f(x_i)\]", DOC_003,
     [D(call("f", X_J), X_I),
      div(sub(0, mul(exp(X_J), exp(X_I))), pw(SUM_EXP_XK, 2)),
      neg(mul(div(exp(X_J), SUM_EXP_XK), div(exp(X_I), SUM_EXP_XK))),
      neg(mul(call("f", X_J), call("f", X_I)))]),
    ("003 cross-entropy (after its '=')", r"-\sum_j y_j * \frac{1}{\hat{y}_j}\frac{ \partial\hat{y}_j}"
     r"{\partial \theta_i} = -\sum_j y_j * \frac{1}{\hat{y}_j} * "
     r"\frac{ \partial\hat{y_j}}{\partial \theta_i} "
     r"= - y_i * \frac{1}{\hat{y}_i} * \hat{y}_i (1 - \hat{y}_i) = -y_i (1-\hat{y}_i)", DOC_003,
     [neg(S(mul(ix("y", "j"), div(1, ix(YHAT_003, "j")), D(ix(YHAT_003, "j"), ix("theta", "i"))),
            "j", 1, 4)),
      neg(S(mul(ix("y", "j"), div(1, ix(YHAT_003, "j")), D(ix(YHAT_003, "j"), ix("theta", "i"))),
            "j", 1, 4)),
      neg(mul(ix("y", "i"), div(1, ix(YHAT_003, "i")), ix(YHAT_003, "i"), sub(1, ix(YHAT_003, "i")))),
      neg(mul(ix("y", "i"), sub(1, ix(YHAT_003, "i"))))]),
    ("003 result (after its '=')", r"\[\hat{y}_i \sum_j y_j - y_i = \hat{y}_i - y_i\]", DOC_003,
     [sub(mul(ix(YHAT_003, "i"), S(ix("y", "j"), "j", 1, 4)), ix("y", "i")),
      sub(ix(YHAT_003, "i"), ix("y", "i"))]),
    # 004
    ("004 tanh definition", r"$$\tanh(x) = \frac{\exp(x) - \exp(-x)}{\exp(x) + \exp(-x)}.$$", SCALAR,
     [tanh("x"), div(SINH2, COSH2)]),
    ("004 tanh derivative", r"$$\frac{\partial \tanh(x)}{\partial x} = 1 - \left(\tanh(x)\right)^2.$$",
     SCALAR, [D(tanh("x"), "x"), sub(1, pw(tanh("x"), 2))]),
    ("004 tanh via sigmoid", r"$$\tanh(x) = 2\sigma(2x) - 1.$$", SCALAR,
     [tanh("x"), sub(mul(2, sig(mul(2, "x"))), 1)]),
    ("004 (ii)", r"""$$\tanh(x) + 1 = \frac{\exp(x) - \exp(-x)}{\exp(x) + \exp(-x)} + 1 = \frac{\exp(x) - \exp(-x)}{\exp(x) + \exp(-x)} + \frac{\exp(x) + \exp(-x)}{\exp(x) + \exp(-x)}$$
$$= \frac{\exp(x) - \exp(-x) + \exp(x) + \exp(-x)}{\exp(x) + \exp(-x)} = \frac{2 \exp(x)}{\exp(x) + \exp(-x)}$$
$$= 2\frac{1}{1 + \exp(-2x)} = 2\sigma(2x)$$""",  # noqa: E501
     SCALAR,
     [add(tanh("x"), 1), add(div(SINH2, COSH2), 1), add(div(SINH2, COSH2), div(COSH2, COSH2)),
      div(add(add(SINH2, exp("x")), exp(neg("x"))), COSH2), div(mul(2, exp("x")), COSH2),
      mul(2, div(1, add(1, exp(neg(mul(2, "x")))))), mul(2, sig(mul(2, "x")))]),
    ("004 sigmoid", r"$\sigma(x) = \frac{1}{1 + \exp(-x)}$", SCALAR,
     [sig("x"), div(1, add(1, exp(neg("x"))))]),
    ("004 cross-entropy", r"$$H(\mathbf{p}, \mathbf{y}) = -\sum_{j=1}^{d} y_j \log(p_j),$$", DOC_004,
     [call("H", "p", "y"), neg(S(mul(ix("y", "j"), log(ix("p", "j"))), "j", 1, "d"))]),
    ("004 softmax Jacobian", r"$$\frac{\partial p_j}{\partial x_i} = p_j(\delta_{ij} - p_i),$$", DOC_004,
     [D(ix("p", "j"), X_I), mul(ix("p", "j"), sub(delta("i", "j"), ix("p", "i")))]),
    ("004 gradient", r"$$\frac{\partial H(\mathbf{p}, \mathbf{y})}{\partial \mathbf{x}} = \mathbf{p} - "
     r"\mathbf{y}.$$", DOC_004, [call("grad", call("H", "p", "y"), "x"), sub("p", "y")]),
    ("004 i != j", r"""$$\begin{split} \frac{\partial p_j}{\partial x_i} &= \frac{0 - \exp(x_j) \exp(x_i)}{\left(\sum_k \exp(x_k)\right)^2} \\ &= \frac{\exp(x_j)}{\sum_k \exp(x_k)} \cdot \frac{- \exp(x_i)}{\sum_k \exp(x_k)} \\ &= p_j \cdot (0 - p_i). \end{split}$$""",  # noqa: E501
     DOC_004,
     [D(ix("p", "j"), X_I), div(sub(0, mul(exp(X_J), exp(X_I))), pw(SUM_EXP_XK, 2)),
      mul(div(exp(X_J), SUM_EXP_XK), div(neg(exp(X_I)), SUM_EXP_XK)),
      mul(ix("p", "j"), sub(0, ix("p", "i")))]),
    ("004 (ii) cross-entropy", r"""$$\frac{\partial H(\mathbf{p}, \mathbf{y})}{\partial x_i} = \frac{\partial - \sum_{j=1}^d y_j \log(p_j)}{\partial x_i} = -\sum_{j=1}^d y_j \frac{\partial \log(p_j)}{\partial x_i} = -\sum_{j=1}^d y_j \frac{\partial \log(p_j)}{\partial x_i} \frac{\partial p_j}{\partial x_i}$$

$$= -\sum_{j=1}^d y_j \frac{1}{p_j} p_j (\delta_{ij} - p_i) = -\sum_{j=1}^d y_j (\delta_{ij} - p_i)$$

$$= -\sum_{j=1}^d y_j \delta_{ij} + p_i \sum_{j=1}^d y_j = -y_i + p_i$$""",  # noqa: E501
     DOC_004,
     [D(call("H", "p", "y"), X_I),
      D(neg(S(mul(ix("y", "j"), log(ix("p", "j"))), "j", 1, "d")), X_I),
      neg(S(mul(ix("y", "j"), D(log(ix("p", "j")), X_I)), "j", 1, "d")),
      neg(S(mul(ix("y", "j"), D(log(ix("p", "j")), X_I), D(ix("p", "j"), X_I)), "j", 1, "d")),
      neg(S(mul(ix("y", "j"), div(1, ix("p", "j")), ix("p", "j"), sub(delta("i", "j"), ix("p", "i"))),
            "j", 1, "d")),
      neg(S(mul(ix("y", "j"), sub(delta("i", "j"), ix("p", "i"))), "j", 1, "d")),
      add(neg(S(mul(ix("y", "j"), delta("i", "j")), "j", 1, "d")),
          mul(ix("p", "i"), S(ix("y", "j"), "j", 1, "d"))),
      add(neg(ix("y", "i")), ix("p", "i"))]),
    ("004 normalisation", r"$$1 = \sum_{j=1}^{c} \frac{1}{Z} \exp(w_j x + b_j)$$", LOGLINEAR_004,
     [Num(Fraction(1)), S(mul(div(1, "Z"), exp(add(mul(ix("w", "j"), "x"), ix("b", "j")))), "j", 1, "c")]),
    ("004 partition function", r"$$Z = \sum_{j=1}^{c} \exp(w_j x + b_j)$$", LOGLINEAR_004,
     [Name("Z"), S(exp(add(mul(ix("w", "j"), "x"), ix("b", "j"))), "j", 1, "c")]),
]


def test_seed_004s_sum_whose_index_goes_on_after_it_is_refused() -> None:
    """004 writes "−Σ_j y_j δ_ij − y_j p_i" meaning the sum to cover both terms; as TeX reads
    it, the j of y_j p_i is a free index named like the sum's. Refused, not read either way."""
    with pytest.raises(ParseError, match=r"the body of an unbraced \\sum_\{j\} ends before"):
        parse_latex_expr(r"-\sum_{j=1}^d y_j \delta_{ij} - y_j p_i", DOC_004)


@pytest.mark.parametrize(("label", "text", "context", "want"), SEED_LINES, ids=[s[0] for s in SEED_LINES])
def test_seed_line(label: str, text: str, context: Context, want: list[Node]) -> None:
    check(text, context, want)


def test_004_softmax_chain_keeps_its_justifications() -> None:
    text = r"""$$\frac{\partial p_j}{\partial x_i} = \frac{\exp(x_j) \left(\sum_k \exp(x_k)\right) - \exp(x_j) \exp(x_i)}{\left(\sum_k \exp(x_k)\right)^2} \qquad \text{(derivative of a rational)}$$

$$= \frac{\exp(x_j)}{\sum_k \exp(x_k)} \cdot \frac{\left(\sum_k \exp(x_k)\right) - \exp(x_i)}{\sum_k \exp(x_k)} \qquad \text{(separate } \exp(x_j)\text{)}$$

$$= \frac{\exp(x_j)}{\sum_k \exp(x_k)} \cdot \left(\frac{\left(\sum_k \exp(x_k)\right)}{\sum_k \exp(x_k)} - \frac{\exp(x_i)}{\sum_k \exp(x_k)}\right)$$

$$= p_j \cdot (1 - p_i)$$"""  # noqa: E501
    p_j = div(exp(X_J), SUM_EXP_XK)
    steps = check(text, DOC_004, [
        D(ix("p", "j"), X_I),
        div(sub(mul(exp(X_J), SUM_EXP_XK), mul(exp(X_J), exp(X_I))), pw(SUM_EXP_XK, 2)),
        mul(p_j, div(sub(SUM_EXP_XK, exp(X_I)), SUM_EXP_XK)),
        mul(p_j, sub(div(SUM_EXP_XK, SUM_EXP_XK), div(exp(X_I), SUM_EXP_XK))),
        mul(ix("p", "j"), sub(1, ix("p", "i"))),
    ])
    assert [s.why for s in steps] == ["", "derivative of a rational", r"separate \exp(x_j)", "", ""]
    assert steps[1].latex.endswith(r"\right)^2}")  # the remark is not part of the step


def test_000_remark_after_a_comma() -> None:
    steps = parse_latex_chain(r"\frac{\partial CE}{\partial z_2} = \hat{y} - y, "
                              r"\text{ from the previous derivations.}", CE_000)
    assert steps[1].why == "from the previous derivations"
    assert steps[1].latex == r"\hat{y} - y"  # the trailing comma is not part of the step


# ----------------------------------------------------------------------------- seed lines that must fail

SEED_ERRORS: list[tuple[str, str, Context, str]] = [
    ("000 cases environment", r"\text{Softmax: } \begin{cases} \mathbb{R}^n \rightarrow [0, 1]^n \\ x "
     r"\mapsto \frac{e^x}{\sum_{j=1}^n e^{x_j}} \end{cases}", SOFTMAX_X, "sets such as \\mathbb{R}"),
    ("000 quantifier", r"\text{softmax}(x + c)_i = \text{softmax}(x)_i, \forall i \in [1, n]", SOFTMAX_X,
     "quantifier"),
    ("000 two equations on a line", r"\frac{\partial CE}{\partial \theta} = \hat{y} - y \quad CE = "
     r"-\sum_{i=1}^n y_i \log(\hat{y}_i)", CE_000, "\\quad between two expressions"),
    ("000 bare partial", r"\frac{\partial CE}{\partial \theta} = \partial \left(-\log \left(\frac{e^{\theta}}"
     r"{\sum_{i=1}^n e^{\theta_i}} \right) \right)", CE_000, "\\partial is only understood"),
    ("000 prime", r"\frac{\partial CE}{\partial x} = (\hat{y} - y) w_2^{\top} \odot \theta'(z_1) "
     r"\frac{\partial z_1}{\partial x}", CE_000, "theta is a declared vector, not a function"),
    ("000 two equations with quad", r"z_1 = xw_1 + b_1 \quad z_2 = hw_2 + b_2", SCALAR, "\\quad"),
    ("001 two equations in aligned", r"\begin{aligned}\frac{\partial h_i}{\partial W} &= \frac{\partial}"
     r"{\partial W} xW + b = x \\ \frac{\partial h_i}{\partial b} &= \frac{\partial}{\partial b} xW + b = 1"
     r"\end{aligned}", SCALAR, "does not continue the chain"),
    ("001 f_i inside a sum over i", r"\frac{\partial l(y, f_i)}{\partial f_i} = "
     r"\frac{\partial}{\partial f_i} - \sum_i y_i \log(f_i(x))", LOSS_001, "f_i inside \\sum_i"),
    ("002 sigma without argument", r"\frac{\partial \sigma}{\partial x} = (-1)(1 + e^{-(w_1x+b_1)})(-w_1)",
     SCALAR, "\\sigma needs an argument"),
    ("003 subscript on e", r"p_j = \frac{e^x_j}{\sum_k e^x_k}", DOC_004, "write e^{x_j}"),
    ("003 sum index unused", r"\hat{y}_i \sum_j y_i - y_i = \hat{y}_i - y_i", DOC_003,
     "cannot infer the range of \\sum_j"),
    ("003 sum of a constant", r"CE = - \sum_j{y}\log(\hat{y})", DOC_003, "cannot infer the range"),
    ("004 pmatrix", r"\mathbf{p} = \operatorname{softmax}(\mathbf{x}) = \begin{pmatrix} \exp(x_1) \\ "
     r"\exp(x_2) \end{pmatrix}", DOC_004, "pmatrix"),
    ("004 conditional probability", r"\log P(Y = 1 | X = x) = w_1 x + b_1 - \log Z,", LOGLINEAR_004,
     "an event inside a probability's brackets is not read"),
]


@pytest.mark.parametrize(("label", "text", "context", "fragment"), SEED_ERRORS,
                         ids=[s[0] for s in SEED_ERRORS])
def test_seed_line_refused(label: str, text: str, context: Context, fragment: str) -> None:
    err = error(text, context)
    assert fragment in err.message
    assert err.pos is not None


# ----------------------------------------------------------------------------- the measured traps

def test_trap_operator_fraction_applies_to_the_group() -> None:
    c = ctx(vectors={"z": 3})
    node = parse_latex_expr(r"\frac{\partial}{\partial z_2}(z_1 z_2 + 3 z_2)", c)
    assert same(node, D(add(mul(ix("z", 1), ix("z", 2)), mul(3, ix("z", 2))), ix("z", 2)))
    # a group followed by more factors is read both ways: no convention settles it
    assert options(parse_latex_expr(r"\frac{\partial}{\partial z_2}(z_2) w", c)) == [
        bare(mul(D(ix("z", 2), ix("z", 2)), "w")), bare(D(mul(ix("z", 2), "w"), ix("z", 2)))]
    # an operator whose operand is not in brackets, before a + : the term, or the whole sum?
    assert options(parse_latex_expr(r"\frac{d}{dx} x w + 1", SCALAR)) == [
        bare(add(D(mul("x", "w"), "x"), 1)), bare(D(add(mul("x", "w"), 1), "x"))]
    with pytest.raises(ParseError, match="take the terms after"):  # 2·(d/dx x) + 1 is no sum
        parse_latex_expr(r"2 \frac{d}{dx} x + 1", SCALAR)
    # an operand that only starts with a bracket is no bracketed operand; with / or \cdot in
    # it, the whole sum is a third reading; a later derivative bounds the sum's reading
    assert options(parse_latex_expr(r"\frac{d}{dx} (x + 1)^2 + x", SCALAR)) == [
        bare(add(D(pw(add("x", 1), 2), "x"), "x")), bare(D(add(pw(add("x", 1), 2), "x"), "x"))]
    assert len(options(parse_latex_expr(r"\frac{d}{dx} x^2 / 2 + x", SCALAR))) == 3
    assert same(parse_latex_expr(r"\frac{d}{dx} (x^2) + 1", SCALAR), add(D(pw("x", 2), "x"), 1))
    assert options(parse_latex_expr(r"\frac{d}{dx} x^3 + x - \frac{d}{dx} x", SCALAR))[1] == \
        bare(sub(D(add(pw("x", 3), "x"), "x"), D("x", "x")))
    # the sum rule written out, each term with its own derivative: one reading
    assert same(parse_latex_expr(r"\frac{d}{dx} x w + \frac{d}{dx} x", SCALAR),
                add(D(mul("x", "w"), "x"), D("x", "x")))


def test_seed_001_operator_before_a_sum_is_read_both_ways() -> None:
    """001: ∂/∂W xW + b = x. The author means ∂(xW + b)/∂W; TeX's reading is ∂(xW)/∂W + b.
    Both are readings (the step is then unknown where they disagree, as here)."""
    steps = parse_latex_chain(r"\frac{\partial h_i}{\partial W} = \frac{\partial}{\partial W} xW + b = x",
                              SCALAR)
    assert same(default(steps[0].node), D("h_i", "W")) and same(steps[2].node, Name("x"))
    assert options(steps[1].node) == [bare(add(D(mul("x", "W"), "W"), "b")),
                                      bare(D(add(mul("x", "W"), "b"), "W"))]


def test_trap_name_before_parentheses_is_a_product_or_a_function() -> None:
    assert options(parse_latex_expr(r"y(1-\sigma(t))", SCALAR)) == [
        bare(mul("y", sub(1, sig("t")))), bare(Apply("y", (_n(sub(1, sig("t"))),)))]


def test_trap_subscripted_vector_before_parentheses_is_a_product() -> None:
    assert same(parse_latex_expr(r"p_j(\delta_{ij} - p_i)", DOC_004),
                mul(ix("p", "j"), sub(delta("i", "j"), ix("p", "i"))))
    assert options(parse_latex_expr(r"p_j(\delta_{ij} - p_i)", SCALAR))[0] == \
        bare(mul("p_j", sub(delta("i", "j"), "p_i")))


def test_trap_hat_with_subscript() -> None:
    c = ctx(vectors={"z": 3}, latex={"\\hat{y}": softmax("z")})
    assert same(parse_latex_expr(r"\hat{y}_i", c), ix(softmax("z"), "i"))
    assert same(parse_latex_expr(r"\hat{y}_2", c), ix(softmax("z"), 2))
    assert same(parse_latex_expr(r"\hat{y_2}", c), ix(softmax("z"), 2))
    assert same(parse_latex_expr(r"\hat{\mathbf{y}}_2", c), ix(softmax("z"), 2))
    assert same(parse_latex_expr(r"\hat{y}_i", SCALAR), Name("yhat_i"))
    assert same(parse_latex_expr(r"\hat{y}", SCALAR), Name("yhat"))
    assert same(parse_latex_expr(r"\mathbf{x}", SCALAR), Name("x"))


def test_declared_function_is_called_and_undeclared_name_multiplies() -> None:
    g = ctx(functions={"g": ("t",)})
    assert same(parse_latex_expr("g(x)", g), call("g", "x"))
    assert options(parse_latex_expr("g(x)", SCALAR)) == [bare(mul("g", "x")),
                                                          bare(Apply("g", (Name("x"),)))]
    assert same(parse_latex_expr(r"g\left(x + 1\right)^2", g), pw(call("g", add("x", 1)), 2))
    assert "g needs an argument" in error("g x", g, chain=False).message
    assert "takes 1 argument" in error("g(x, y)", g, chain=False).message


# ----------------------------------------------------------------------------- grammar details

EXPRESSIONS: list[tuple[str, Context, Node]] = [
    ("0.5x", SCALAR, mul(Fraction(1, 2), "x")),
    ("xy", SCALAR, mul("x", "y")),
    (r"\frac{1}{2}x", SCALAR, mul(div(1, 2), "x")),
    (r"\dfrac{a}{b} \tfrac{c}{d}", SCALAR, mul(div("a", "b"), div("c", "d"))),
    (r"a \times b \div c", SCALAR, div(mul("a", "b"), "c")),
    (r"a \cdot -b", SCALAR, mul("a", neg("b"))),
    ("-x^2", SCALAR, neg(pw("x", 2))),
    ("x^{-1}", SCALAR, pw("x", neg(1))),
    (r"x_1^2", SCALAR, pw("x_1", 2)),
    (r"x^2_1", SCALAR, pw("x_1", 2)),
    (r"z_{12}", ctx(vectors={"z": 12}), ix("z", 12)),
    (r"W_{ij}", ctx(matrices={"W": (2, 3)}), ix("W", "i", "j")),
    (r"W_{1,2}", ctx(matrices={"W": (2, 3)}), ix("W", 1, 2)),
    (r"W_{12}", ctx(matrices={"W": (2, 3)}), ix("W", 1, 2)),
    (r"x_1", SCALAR, Name("x_1")),
    (r"\theta_i", SCALAR, Name("theta_i")),
    (r"W_1 x", ctx(matrices={"W_1": (2, 2)}, vectors={"x": 2}), mm("W_1", "x")),
    (r"x^\top y", ctx(vectors={"x": 2, "y": 2}), mm(call("T", "x"), "y")),
    (r"x^T", ctx(vectors={"x": 2}), call("T", "x")),
    (r"x \odot y", ctx(vectors={"x": 2, "y": 2}), call("hadamard", "x", "y")),
    ("e", SCALAR, Name("E")),
    ("e^x e^{-x}", SCALAR, mul(exp("x"), exp(neg("x")))),
    ("e", ctx(symbols=("e",)), Name("e")),
    ("e^x", ctx(symbols=("e",)), pw("e", "x")),
    (r"\pi r^2", SCALAR, mul("pi", pw("r", 2))),
    (r"\alpha\beta", SCALAR, mul("alpha", "beta")),
    (r"\exp^{x_j}", X4, exp(X_J)),
    (r"\exp{x_i}", X4, exp(X_I)),
    (r"\exp x_i y", X4, exp(mul(X_I, "y"))),  # the argument is the product term that follows
    (r"\exp(x)^2", SCALAR, pw(exp("x"), 2)),
    (r"\log x^2", SCALAR, log(pw("x", 2))),
    (r"\ln(x)", SCALAR, log("x")),
    (r"\sin^2 x + \cos^2 x", SCALAR, add(pw(call("sin", "x"), 2), pw(call("cos", "x"), 2))),
    (r"\sinh(x) \cosh(x)", SCALAR, mul(call("sinh", "x"), call("cosh", "x"))),
    (r"\sqrt{x+1}", SCALAR, call("sqrt", add("x", 1))),
    (r"\sqrt[3]{x}", SCALAR, pw("x", div(1, 3))),
    (r"\left|x\right|", SCALAR, call("_bars", "x")),
    (r"\log \sum_j e^{x_j} + 1", X4, add(log(SUM_EXP_X4), 1)),
    (r"\log \sum e^{x_j} y_j", ctx(vectors={"x": 4, "y": 4}), log(S(mul(exp(X_J), ix("y", "j")), "j", 1, 4))),
    (r"\sum_{j=1}^{n} j^2", SCALAR, S(pw("j", 2), "j", 1, "n")),
    (r"\sum_{j=1}^{3} \sum_{k=1}^{3} x_j x_k", X4, S(S(mul(X_J, X_K), "k", 1, 3), "j", 1, 3)),
    (r"\sum_j {x_j} x_j", X4, S(mul(X_J, X_J), "j", 1, 4)),
    (r"\sum_j \left(x_j\right)^2", X4, S(pw(X_J, 2), "j", 1, 4)),
    (r"\frac{\partial^2}{\partial x^2} x^3", SCALAR, D(pw("x", 3), "x", 2)),
    (r"\frac{d^2 y}{dx^2}", SCALAR, D("y", "x", 2)),
    (r"\frac{dy}{dx}", SCALAR, D("y", "x")),
    (r"\frac{\mathrm{d}y}{\mathrm{d}x}", SCALAR, D("y", "x")),
    (r"\frac{d}{dx} - x^2", SCALAR, D(neg(pw("x", 2)), "x")),
    (r"\frac{\partial}{\partial x}\frac{\partial}{\partial x} x^3", SCALAR, D(D(pw("x", 3), "x"), "x")),
    (r"\operatorname{softmax}(z)_j", SCALAR, ix(softmax("z"), "j")),
    (r"\mathrm{softmax}(z)", SCALAR, softmax("z")),
    (r"softmax(z)", SCALAR, softmax("z")),
    (r"\operatorname{relu}(x) + \text{softplus}(x)", SCALAR, add(call("relu", "x"), call("softplus", "x"))),
    (r"1\{i = j\}", SCALAR, delta("i", "j")),
    (r"\delta_{i,j}", SCALAR, delta("i", "j")),
    (r"\Big( x \Big) \big[ y \big] \left\{ z \right\}", SCALAR, mul("x", "y", "z")),
    (r"{(x + 1)}^2", SCALAR, pw(add("x", 1), 2)),  # {x + 1}^2 prints as x + 1²: tests/test_reading.py
    (r"x \, y \; z \! w ~ v", SCALAR, mul("x", "y", "z", "w", "v")),
    ("$x + 1$", SCALAR, add("x", 1)),
    (r"\[x + 1\]", SCALAR, add("x", 1)),
    ("x % a comment\n + 1", SCALAR, add("x", 1)),
    (r"a \le b", SCALAR, Compare("<=", Name("a"), Name("b"))),  # one comparison in a single expression
    ("a = b", SCALAR, Compare("==", Name("a"), Name("b"))),
]


@pytest.mark.parametrize(("text", "context", "want"), EXPRESSIONS, ids=[e[0] for e in EXPRESSIONS])
def test_expression(text: str, context: Context, want: Node) -> None:
    got = default(parse_latex_expr(text, context))
    assert same(got, want), f"got {bare(got)}"


def test_latex_map_entries() -> None:
    c = ctx(vectors={"z": 3}, latex={"y": softmax("z"), "\\sigma": Name("relu"), "CE": Name("loss")})
    assert same(parse_latex_expr("y_2", c), ix(softmax("z"), 2))
    assert same(parse_latex_expr(r"\sigma(x)", c), call("relu", "x"))
    assert same(parse_latex_expr("2CE", c), mul(2, "loss"))
    # E and T are letters in LaTeX (Euler's number is e, a transpose ^T), never sp.E or T(…)
    assert evaluate(parse_latex_expr("CE", Context()), Context()) == \
        sp.Symbol("C", real=True) * sp.Symbol(LETTERS["E"], real=True)
    assert evaluate(parse_latex_expr("T - e", Context()), Context()) == \
        sp.Symbol(LETTERS["T"], real=True) - sp.E


ERRORS: list[tuple[str, str]] = [
    (r"\foo + 1", "unknown LaTeX command \\foo"),
    (r"\alphax", "unknown LaTeX command \\alphax"),
    ("x ⊕ y", "write it as a LaTeX command"),
    (r"\frac{1}{2", "never closed"),
    ("x + 1}", "unbalanced }"),
    (r"\left( x \right]", "closes \\left( opened at line 1, column 1"),
    ("x'", "x is a declared vector, not a function"),
    (r"\tanh^{-1}(x)", "ambiguous"),
    (r"\frac{1}23", "with braces"),
    ("x_12", "write _{12}"),
    ("z_ij", "write _{ij}"),
    ("2 3", "two numbers in a row"),
    ("|x| y |z|", "with only factors between the bars"),
    (r"\delta(x)", "Kronecker"),
    ("E[X]", "expectation"),
    (r"E\left[X\right]", "expectation"),
    (r"x^{(1)}", "layer"),
    ("x^y^z", "double superscript"),
    ("x_i_j", "double subscript"),
    (r"\text{hello world}", "text \\text{hello world} inside an expression"),
    (r"\mathrm{CE}", "unknown name 'CE'"),
    ("softmaxz", "contains 'softmax'"),
    (r"\frac{d}{dx}", "needs something to differentiate"),
    (r"\frac{\partial f}{\partial x \partial y}", "a numerator of order 2"),
    (r"\frac{\partial^2 f}{\partial x}", "the orders differ"),
    (r"\frac{\partial f}{dx}", "numerator starts with \\partial"),
    (r"\frac{df}{\partial x}", "numerator does not start with \\partial"),
    ("1" * 101, "101 digits"),
    (r"y_j = \sum_j (x_j) x_j", "also used outside the sum"),
    (r"\sum_{ij} x_i", "must name the index"),
    (r"\sum_{j=1}^{n} q_j", "q_j inside \\sum_j"),
    ("x, y", "','"),
    (r"x \\ y", "line break"),
    (r"a \approx b", "\\approx is not supported"),
    (r"\mathbf{12}", "holds one name"),
    (r"\infty", "only as a bound of an integral"),
    (r"\int x", "without both bounds"),
    (r"\begin{cases} x \end{cases}", "cases"),
    (r"e^{x}_j", "write e^{x_j}"),
]


@pytest.mark.parametrize(("text", "fragment"), ERRORS, ids=[e[0] for e in ERRORS])
def test_expression_error(text: str, fragment: str) -> None:
    err = error(text, X4, chain=False)
    assert fragment in err.message, err.message
    assert err.pos is not None or "never closed" in fragment


def test_unknown_command_names_it_and_lists_what_is_supported() -> None:
    err = error(r"a = \foo{x}")
    assert "\\foo" in err.message and "supported:" in err.message and "\\frac" in err.message
    assert err.pos == Pos(1, 5)


def test_unknown_command_is_never_read_as_letters() -> None:
    for cmd in (r"\xy", r"\max(x)", r"\hspace{1cm}", r"\mathbb{R}", r"\nabla f", r"\argmax x", r"\cdots"):
        with pytest.raises(ParseError):
            parse_latex_expr(cmd, SCALAR)


def test_unbalanced_brace_reports_the_position() -> None:
    err = error("a = \\frac{1}{x\n + 1")
    assert "never closed" in err.message and err.pos == Pos(1, 13)
    err = error("a = b)\n")
    assert "unbalanced )" in err.message and err.pos == Pos(1, 6)
    err = error(r"\begin{aligned} a &= b")
    assert "\\begin{aligned} is never closed" in err.message


def test_neq_and_other_relations_in_a_chain() -> None:
    for rel in (r"\neq", r"\to", r"\sim"):  # (≤, <, ≥, > join a chain; ≈ before a decimal)
        err = error(f"a = b {rel} c")
        assert "in a chain" in err.message, rel
        assert err.pos == Pos(1, 7)


def test_chain_needs_two_steps_and_well_placed_equals() -> None:
    assert "at least two" in error("x + 1").message
    assert "starts with '='" in error("= x").message
    assert "ends with '='" in error("x = ").message
    assert "empty step" in error("x = = y").message


def test_chain_wrappers_and_line_breaks() -> None:
    want = [Name("a"), Name("b"), Name("c")]
    for text in (
        "a = b = c",
        "$$a = b = c$$",
        "$a = b = c.$",
        r"\[a = b\] \[= c\]",
        r"\begin{align*} a &= b \\ &= c \end{align*}",
        r"\begin{equation} a = b = c \tag{2} \label{eq} \end{equation}",
        r"\begin{gathered} a = b \\ = c, \end{gathered}",
        "a &= b \\\\\n  &= c \\nonumber",
        "a =\nb\n=\nc",
    ):
        assert [bare(n) for n in trees(text, SCALAR)] == want, text
    # an operator at the start of a line continues the step
    assert same(trees("a = b \\\\ &\\quad + c", SCALAR)[1], add("b", "c"))


def test_step_positions_and_source() -> None:
    steps = parse_latex_chain("\\begin{aligned}\n  f(x) &= x^2 \\\\\n  &= x \\cdot x\n\\end{aligned}",
                              ctx(functions={"f": ("t",)}))
    assert [s.pos for s in steps] == [Pos(2, 3), Pos(2, 11), Pos(3, 6)]
    assert [s.latex for s in steps] == ["f(x)", "x^2", r"x \cdot x"]


def test_why_from_text_and_quad_remarks() -> None:
    steps = parse_latex_chain(r"a &= b \quad (\text{by } (1)) \\ &= c \text{ since $c = b$} \\ &= d \qquad "
                              r"\text{chain rule}", SCALAR)
    assert [s.why for s in steps] == ["", "by (1)", "since $c = b$", "chain rule"]
    assert [bare(s.node) for s in steps] == [Name(v) for v in "abcd"]


# ----------------------------------------------------------------------------- limits

def test_nesting_limit() -> None:
    ok = "(" * MAX_DEPTH + "x" + ")" * MAX_DEPTH
    assert same(parse_latex_expr(ok, SCALAR), Name("x"))
    deep = "(" * (MAX_DEPTH + 1) + "x" + ")" * (MAX_DEPTH + 1)
    assert "nested more than 100" in error(deep, chain=False).message
    assert "nested more than 100" in error("a = " + "{" * 5000).message
    ok_fns = r"\sin(" * 99 + "x" + ")" * 99
    assert parse_latex_expr(ok_fns, SCALAR) is not None


@pytest.mark.parametrize("text", [
    r"\log " * 1000 + "x",
    r"\frac{d}{dx}" * 400 + "x",
    r"\sum_j " * 300 + "x_j",
    "-" * 5000 + "x",
    "x^{" * 150 + "2" + "}" * 150,
    r"\hat{" * 150 + "y" + "}" * 150,
])
def test_deep_input_is_a_parse_error_not_a_recursion_error(text: str) -> None:
    with pytest.raises(ParseError):
        parse_latex_expr(text, X4)


def test_length_limit() -> None:
    err = error("x+" * 10_001)
    assert "limit is 20000" in err.message


@pytest.mark.parametrize("text", [
    " + ".join([r"\sigma(x_1) (1 - \sigma(x_2))"] * 170),
    " = ".join([r"\frac{e^{x_j}}{\sum_k e^{x_k}} \cdot (1 - 2x)"] * 110),
    "ab" * 2500,
    r"\left(" * 100 + "x" + r"\right)" * 100 + " + y" * 1200,
    r"\text{" + "{" * 5000,
    "x_{" + "1" * 5000 + "}",
])
def test_a_5000_character_line_is_fast(text: str) -> None:
    assert len(text) >= 4000
    start = time.perf_counter()
    try:
        parse_latex_chain("a = " + text, X4)
    except ParseError:
        pass
    assert time.perf_counter() - start < 1.0


def test_document_chains_parse_without_blowing_up() -> None:
    # not a speed target (bench/ has those): a guard against backtracking that grows
    # exponentially with the line, which would take minutes, not milliseconds
    cases = [(CHAIN_000_SIGMOID, SIGMA_DELTA), (CHAIN_004_TANH, SCALAR), (CHAIN_003_SOFTMAX, DOC_003),
             (CHAIN_002_SIGMOID, SCALAR)]
    for text, c in cases:
        start = time.perf_counter()
        parse_latex_chain(text, c)
        assert time.perf_counter() - start < 5


# ----------------------------------------------------------------------------- safety

def test_the_reader_never_evaluates_input(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.parse import unicode_math

    # the parser's modules (latex_chain, which cuts displays into steps, is not one of them)
    parts = [p for p in sorted(Path(latex_module.__file__).parent.glob("latex*.py"))
             if p.name != "latex_chain.py"]
    assert len(parts) >= 8
    trees = [ast.parse(p.read_text(encoding="utf-8"))
             for p in (*parts, Path(unicode_math.__file__))]  # type: ignore[arg-type]
    builtins = {"eval", "exec", "compile", "__import__", "getattr", "globals", "locals"}
    parsers = {"sympify", "parse_expr", "parse_latex", "S", "eval", "exec"}
    for node in (n for tree in trees for n in ast.walk(tree)):
        if isinstance(node, ast.Call):
            fn = node.func
            if isinstance(fn, ast.Name):
                assert fn.id not in builtins | parsers, f"line {node.lineno}: {fn.id}"
            elif isinstance(fn, ast.Attribute):
                assert fn.attr not in parsers, f"line {node.lineno}: {fn.attr}"
        if isinstance(node, ast.ImportFrom):
            assert not (node.module or "").startswith("sympy"), node.module
        if isinstance(node, ast.Import):
            assert not any(a.name.startswith("sympy") for a in node.names)

    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("SymPy's parser was called")

    monkeypatch.setattr(sp, "sympify", boom)
    monkeypatch.setattr(sp, "parse_expr", boom, raising=False)
    steps = parse_latex_chain(CHAIN_000_SIGMOID, SIGMA_DELTA)
    assert len(steps) == 10
    for hostile in ("__import__('os')", "x.__class__", r"\input{/etc/passwd}", r"\def\x{1}", "'; rm"):
        with pytest.raises(ParseError):
            parse_latex_expr(hostile, SCALAR)
    # letters are only ever names: "exec(x)" is a name or e·x·e·c·x, and is refused as such;
    # "xcx(x)" is x·c·x·x (or x·c·x(x), x an unknown function)
    with pytest.raises(ParseError, match="one name, or letters that multiply"):
        parse_latex_expr("exec(x)", SCALAR)
    assert same(parse_latex_expr("acb(x)", SCALAR).left, mul("a", "c"))  # type: ignore[union-attr]
    assert options(parse_latex_expr("acb(x)", SCALAR).right) == [  # type: ignore[union-attr]
        bare(mul("b", "x")), bare(Apply("b", (Name("x"),)))]


# ----------------------------------------------------------------------------- end to end (evaluate)

def _evaluate(node: Node, c: Context) -> sp.Expr | sp.MatrixBase:
    """The evaluator is a separate module; only these end-to-end tests need it."""
    module = pytest.importorskip("checker.parse.evaluate")
    return module.evaluate(node, c)


def _values(text: str, c: Context) -> list[sp.Expr]:
    out = []
    for step in parse_latex_chain(text, c):
        v = _evaluate(step.node, c)
        out.append(sp.sympify(v).doit() if not isinstance(v, sp.MatrixBase) else v.doit())
    return out


def _equal(a: sp.Expr, b: sp.Expr) -> bool:
    return sp.simplify((a - b).rewrite(sp.exp)) == 0


@pytest.mark.parametrize(("text", "c", "wrong"), [
    (CHAIN_000_SIGMOID, SIGMA_DELTA, []),
    (CHAIN_004_TANH, SCALAR, []),
    # document 002 drops the inner minus: (-1)(1 + e^{-x})^{-2}(e^{-x}) is -σ'(x)
    (CHAIN_002_SIGMOID, SCALAR, [2, 3]),
])
def test_document_chains_evaluate(text: str, c: Context, wrong: list[int]) -> None:
    values = _values(text, c)
    x = sp.Symbol("x", real=True)
    for v in values:
        assert v.free_symbols == {x}
    unequal = [k for k, (a, b) in enumerate(itertools.pairwise(values), start=2) if not _equal(a, b)]
    assert unequal == wrong
    assert _equal(values[0], values[-1])


def test_evaluated_sigmoid_chain_is_in_exp() -> None:
    values = _values(CHAIN_002_SIGMOID, SCALAR)
    assert values[2].has(sp.exp)
    x = sp.Symbol("x", real=True)
    assert sp.simplify(values[2] - sp.exp(-x) / (1 + sp.exp(-x)) ** 2) == 0


def test_evaluated_softmax_entry_and_matrix_product() -> None:
    c = ctx(vectors={"x": 3, "z": 3, "b_1": 2}, matrices={"W_1": (2, 3)}, latex={"\\hat{y}": softmax("z")})
    a, b = _values(r"\text{softmax}(x)_2 = \frac{e^{x_2}}{\sum_{j=1}^{3} e^{x_j}}", c)
    assert sp.simplify(a - b) == 0
    value = _evaluate(parse_latex_expr(r"\hat{y}_2", c), c)
    z = [sp.Symbol(f"z_{k}", real=True) for k in (1, 2, 3)]
    assert sp.simplify(value - sp.exp(z[1]) / sum(sp.exp(t) for t in z)) == 0
    h = _evaluate(parse_latex_expr(r"\sigma(\mathbf{W}_1 \mathbf{x} + \mathbf{b}_1)", c), c)
    assert h.shape == (2, 1)


def test_a_remark_never_swallows_the_rest_of_the_chain() -> None:
    """Found while writing examples/: '= 5' after a remark was once read as part of it."""
    ctx = Context()
    ctx.declare_symbol("x", "real")
    # a \text{…} remark right before '=' is a remark by itself: the chain goes on after it
    for text in ("(x + 1)^2 = x^2 + 2x + 1 \\quad \\text{expand}\n  = 5",
                 "(x + 1)^2 &= x^2 + 2x + 1 \\quad \\text{expand} \\\\ &= 5"):
        steps = parse_latex_chain(text, ctx)
        assert [(s.latex, s.why) for s in steps] == [("(x + 1)^2", ""), ("x^2 + 2x + 1", "expand"),
                                                      ("5", "")]
    with pytest.raises(ParseError, match="'=' after a remark"):  # the remark takes "x"
        parse_latex_chain("(x + 1)^2 = x^2 + 2x + 1 \\quad \\text{expand} x = 5", ctx)


def test_a_mapped_letter_cannot_be_a_summation_index() -> None:
    """Found while writing examples/: with i mapped to 1, Σ_i y_i was once read as 3·y_1."""
    from checker.parse.python_syntax import read_expression

    ctx = Context()
    ctx.declare_vector("y", 3)
    ctx.latex["i"] = read_expression("1")
    with pytest.raises(ParseError, match="cannot also be a summation index"):
        parse_latex_chain("\\sum_{i=1}^{3} y_i = y_1 + y_2 + y_3", ctx)


@pytest.mark.parametrize(("text", "fragment"), [
    (r"\frac{1}{dx} = 1", "a d written against a name"),  # a differential, or d times x?
    (r"d\hat{x}_i = dy_i \gamma_i", "may be the name of a gradient"),
    (r"KL_{loss} = 1", "a word as subscript suggests one name"),  # K·L_loss, or one name?
])
def test_letters_that_may_be_one_name_are_refused(text: str, fragment: str) -> None:
    assert fragment in error(text, SCALAR).message


def test_seed_lines_with_a_sum_of_entries() -> None:
    """\\sum with no index over a vector is the sum of its entries (000, line 63, reads); 003's
    −Σ ∂(y log ŷ)/∂θ_i then stops at y log ŷ, two vectors side by side."""
    steps = parse_latex_chain(r"\frac{e^{\theta_i}}{\sum e^{\theta}} - y = \hat{y} - y", CE_000)
    assert len(steps) == 2 and any(isinstance(n, Call) and n.func == "_sum_entries"
                                   for n in walk(steps[0].node))
    steps = parse_latex_chain(r"\frac{\partial CE}{\partial\theta_i} = -\sum \frac{ \partial y "
                              r"\log(\hat{y})}{\partial \theta_i}", DOC_003)
    from checker.parse.evaluate import evaluate
    with pytest.raises(ParseError, match="shapes do not align for @"):
        evaluate(steps[1].node, DOC_003)
