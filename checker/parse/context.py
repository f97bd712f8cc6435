"""What names mean in a derivation file: declarations, the built-in vocabulary, assumptions."""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp

from checker.parse.tree import Node, ParseError

# Functions that act on scalars, and entrywise on vectors and matrices.
SCALAR_FUNCTIONS = frozenset({
    "exp", "log", "sqrt", "sin", "cos", "tanh", "sinh", "cosh", "sigmoid", "softplus", "relu",
    "abs",
})
# Functions with their own shape rules.
STRUCTURAL_FUNCTIONS = frozenset({
    "softmax", "logsumexp", "sum", "Sum", "delta", "diff", "grad", "jacobian", "T", "hadamard",
    "dot", "outer", "onehot", "diag", "ones", "Matrix", "trace", "det", "inv",
})
CONSTANTS = frozenset({"pi", "E"})
RESERVED = SCALAR_FUNCTIONS | STRUCTURAL_FUNCTIONS | CONSTANTS

ASSUMPTIONS = {
    "real": {},
    "positive": {"positive": True},
    "nonnegative": {"nonnegative": True},
    "negative": {"negative": True},
    "nonpositive": {"nonpositive": True},
    "nonzero": {"nonzero": True},
    "integer": {"integer": True},
}

MAX_ENTRIES = 4096  # entries of one declared or computed matrix


def assumptions(text: str, what: str) -> dict[str, bool]:
    """``"positive integer"`` → SymPy assumptions (every symbol is real)."""
    out: dict[str, bool] = {"real": True}
    words = text.replace(",", " ").split()
    if not words:
        raise ParseError(f"{what}: empty assumption; use one or more of "
                         f"{', '.join(sorted(ASSUMPTIONS))}")
    for word in words:
        if word not in ASSUMPTIONS:
            raise ParseError(f"{what}: unknown assumption {word!r}; use one or more of "
                             f"{', '.join(sorted(ASSUMPTIONS))}")
        out.update(ASSUMPTIONS[word])
    try:  # contradictory combinations (positive and negative) are refused by SymPy
        sp.Symbol("probe", **out).is_positive  # noqa: B018
    except Exception as exc:
        raise ParseError(f"{what}: contradictory assumptions {text!r}") from exc
    return out


@dataclass(frozen=True)
class UserFunction:
    """A function declared in ``[context] functions``, e.g. ``"g(t)" = "1/(1 + exp(-t))"``."""

    name: str
    params: tuple[str, ...]
    body: Node
    scalar: bool = True  # the body reads its parameters as scalars (so it maps entrywise)


@dataclass
class Context:
    symbols: dict[str, sp.Symbol] = field(default_factory=dict)
    vectors: dict[str, sp.ImmutableMatrix] = field(default_factory=dict)
    matrices: dict[str, sp.ImmutableMatrix] = field(default_factory=dict)
    functions: dict[str, UserFunction] = field(default_factory=dict)
    latex: dict[str, Node] = field(default_factory=dict)  # e.g. "\\hat{y}" → softmax(z)

    def kind(self, name: str) -> str | None:
        """'vector', 'matrix', 'function', 'builtin', 'constant', 'symbol' or None (undeclared)."""
        if name in self.vectors:
            return "vector"
        if name in self.matrices:
            return "matrix"
        if name in self.functions:
            return "function"
        if name in SCALAR_FUNCTIONS or name in STRUCTURAL_FUNCTIONS:
            return "builtin"
        if name in CONSTANTS:
            return "constant"
        if name in self.symbols:
            return "symbol"
        return None

    def is_function(self, name: str) -> bool:
        return self.kind(name) in ("function", "builtin")

    def declared(self) -> set[str]:
        return set(self.symbols) | set(self.vectors) | set(self.matrices) | set(self.functions)

    def symbol(self, name: str) -> sp.Symbol:
        """A declared scalar, or a new real symbol for an undeclared name."""
        sym = self.symbols.get(name)
        if sym is None:
            sym = sp.Symbol(name, real=True)
        return sym

    def declare_symbol(self, name: str, spec: str) -> None:
        self._check_new(name)
        self.symbols[name] = sp.Symbol(name, **assumptions(spec, f"symbol {name!r}"))

    def declare_vector(self, name: str, size: int, spec: str = "real") -> None:
        self._check_new(name)
        _check_size(name, size, 1)
        kw = assumptions(spec, f"vector {name!r}")
        self.vectors[name] = sp.ImmutableMatrix(
            [sp.Symbol(f"{name}_{i}", **kw) for i in range(1, size + 1)])

    def declare_matrix(self, name: str, rows: int, cols: int, spec: str = "real") -> None:
        self._check_new(name)
        _check_size(name, rows, cols)
        kw = assumptions(spec, f"matrix {name!r}")
        sep = "," if rows > 9 or cols > 9 else ""
        self.matrices[name] = sp.ImmutableMatrix(
            rows, cols, lambda i, j: sp.Symbol(f"{name}_{i + 1}{sep}{j + 1}", **kw))

    def _check_new(self, name: str) -> None:
        if not name.isidentifier() or name.startswith("_"):
            raise ParseError(f"{name!r} is not a valid name: use letters, digits and _ "
                             "(not starting with a digit or _)")
        if name in RESERVED:
            raise ParseError(f"{name!r} is a built-in name and cannot be declared; "
                             "choose another name")
        if name in self.declared():
            raise ParseError(f"{name!r} is declared twice")


def _check_size(name: str, rows: int, cols: int) -> None:
    if not (isinstance(rows, int) and isinstance(cols, int)) or isinstance(rows, bool) \
            or rows < 1 or cols < 1:
        raise ParseError(f"{name!r}: sizes must be positive integers")
    if rows * cols > MAX_ENTRIES:
        raise ParseError(f"{name!r}: {rows}×{cols} has more than {MAX_ENTRIES} entries")
