"""What names mean in a derivation file: declarations, the built-in vocabulary, assumptions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from checker.parse.tree import Index, Name, Node, ParseError, binder, children
from checker.symmetric import SymmetricBase
from checker.vocabulary import BY_NAME

# The functions of the vocabulary (checker/vocabulary.py): scalar functions, most of them
# entrywise on vectors and matrices.
SCALAR_FUNCTIONS = frozenset(BY_NAME)
# Functions with their own shape rules.
STRUCTURAL_FUNCTIONS = frozenset({
    "softmax", "logsumexp", "sum", "Sum", "Integral", "delta", "diff", "grad", "jacobian", "T", "hadamard",
    "dot", "outer", "onehot", "diag", "ones", "Matrix", "trace", "det", "inv",
    "expect", "Var", "Cov",  # of the declared random variables (checker.randomness)
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
    params: tuple[str, ...]  # empty for an arbitrary function (any number of arguments)
    body: Node | None  # None: an arbitrary function, ``f = "arbitrary"``
    scalar: bool = True  # the body reads its parameters as scalars (so it maps entrywise)
    # L(w) = z² after z = w x: parameters that a definition (or a sequence's recurrence) the
    # body uses also writes, as the page's letter: L may be called there only at that letter
    # (L(1) would not put 1 into z), with why
    pinned: tuple[tuple[str, str], ...] = ()
    bars: tuple[int, ...] = ()  # p(y | x; w): a bar before these parameters (parse.conditional)
    by_letters: bool = False  # a density p(y) = …: named by its letters (parse.conditional)


def overload(name: str, arity: int) -> str:
    """The key of a function a document defines beside another of the same name with another
    number of arguments: H(p, q) = … (cross-entropy) after H(p) = … (entropy) is "H/2"."""
    return f"{name}/{arity}"


# the usual abbreviations of vocabulary functions (\operatorname{tr}(A) is trace(A))
SHORT_NAMES = {"tr": "trace", "log_sum_exp": "logsumexp"}  # (Stan's name for logsumexp)


class Uses:
    """How often each defined name (a latex key, a function) was read: one object for a
    section's context and the copies its subsections read on with (checker.files.where_order
    asks whether a definition was used since it was made)."""

    def __init__(self) -> None:
        self.count: dict[str, int] = {}

    def add(self, key: str) -> None:
        self.count[key] = self.count.get(key, 0) + 1


@dataclass
class Context:
    symbols: dict[str, sp.Symbol] = field(default_factory=dict)
    vectors: dict[str, sp.ImmutableMatrix] = field(default_factory=dict)
    matrices: dict[str, sp.ImmutableMatrix] = field(default_factory=dict)
    functions: dict[str, UserFunction] = field(default_factory=dict)
    latex: dict[str, Node] = field(default_factory=dict)  # e.g. "\\hat{y}" → softmax(z)
    # a document's p_j = e^{x_j}/Σ_k e^{x_k}: p_i is the same at i (LaTeX base → function)
    families: dict[str, tuple[str, Node]] = field(default_factory=dict)  # base → (index, body)
    # y_i = γx_i + β not read as y's entries, for the names its body leaves undeclared
    not_families: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # ŷ_i = σ(w x_i) on a page that declares nothing: a family whose body writes letters of the
    # page's own (w), which must mean at each member what they meant where it was defined
    family_loose: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # ∂(scalar)/∂W: W's shape ("denominator", ML's convention) or Wᵀ's ("numerator")
    layout: str = "denominator"
    # ∂F/∂v of two vectors: the Jacobian (∂F_i/∂v_j) unless denominator layout is declared,
    # where it is the Jacobian's transpose, as in that layout throughout
    jacobian_transposed: bool = False
    gradients: str = ""  # "L": dx, dW, dy_i name ∂L/∂x, ∂L/∂W, ∂L/∂y_i
    # partials = "graph": ∂F/∂u of an intermediate u holds everything else F writes fixed (a
    # computational graph's partials, as backprop writes them), where F also uses what u is
    # made of; without it such a derivative is refused (held fixed, or not?)
    graph_partials: bool = False
    # indices = "superscript": y^{(i)} is the entry i of the declared vector y (the i-th
    # example, as Andrew Ng writes it) and a^{(i)} = … defines a family
    superscript_indices: bool = False
    # rows = { x = "X" }: x_i is the row i of the declared matrix X (the i-th example)
    rows: dict[str, str] = field(default_factory=dict)
    given_text: tuple[str, ...] = ()  # the hypotheses declared (given = […]), as written
    labelled: frozenset[str] = frozenset()  # names a display defines at a label (s^{(t)} = …)
    # integrals = "real line": ∫ f dx written without bounds is ∫_{-∞}^{∞} f dx
    unbounded_integrals: bool = False
    dims: dict[str, sp.Symbol] = field(default_factory=dict)  # symbolic sizes, n ≥ 1
    # vectors of symbolic length: name → (x as an IndexedBase, its length n)
    symbolic: dict[str, tuple[sp.IndexedBase, sp.Symbol]] = field(default_factory=dict)
    # matrices of symbolic size: name → (W as an IndexedBase, rows, cols), e.g. H × D
    symbolic_matrices: dict[str, tuple[sp.IndexedBase, sp.Expr, sp.Expr]] = \
        field(default_factory=dict)
    # free indices found in x[i] with x of symbolic length: name → (symbol, its upper bound)
    indices: dict[str, tuple[sp.Symbol, sp.Symbol]] = field(default_factory=dict)
    # undeclared names that a definition's body (or a latex entry) uses as plain symbols:
    # name → what uses it; such a name cannot become a free index elsewhere
    claimed: dict[str, str] = field(default_factory=dict)
    entry_names: set[str] = field(default_factory=set)  # x_1, W_12 … of declared vectors, matrices
    # built-in functions a document gave a definition of its own (refused there): name → why
    # every later use is refused too, since which function it means cannot be told
    contested: dict[str, str] = field(default_factory=dict)
    # built-in functions the page defines again with a parameter of its own (swish(x) = x
    # σ(βx)): name → (the page's function's key in ``functions``, the line): every use reads
    # two ways, the built-in and the page's (checker.parse.latex_functions ``redefined``)
    redefined: dict[str, tuple[str, int]] = field(default_factory=dict)
    # undeclared letters the page's prose puts in ℝⁿ or ℝ^{n×d} (X ∈ ℝ^{n×d}): letter → why
    # reading one as a number is refused (checker.files.memberships)
    said_arrays: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # said with every result read here
    # a function the document wrote at its own names (f(x) = … with x declared): f alone,
    # as in ∂f/∂x, means f(x) after that line
    written: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # names a display defines in another section of the document: name → (scope, line)
    foreign: dict[str, tuple[str, int]] = field(default_factory=dict)
    # names whose defining display could not be read: name (or "L_" for a family) → its line
    unread: dict[str, int] = field(default_factory=dict)
    displayed: set[str] = field(default_factory=set)  # latex names a display of the page defines
    unread_names: dict[str, str] = field(default_factory=dict)  # key → the name as written
    # declared variables a refused display gives a value (y = Xβ + ε, a model, with y declared):
    # name → (its line, the name as written, the display, the letters of the value); later
    # lines read them as variables (checker.files.values.valued_uses)
    valued: dict[str, tuple[int, str, str, frozenset[str]]] = field(default_factory=dict)
    # every derivative read so far: (the variables, the symbols of what they differentiate),
    # so that a hypothesis tying those together can be refused (checker.files.steps)
    differentiated: list[tuple[tuple[sp.Symbol, ...], frozenset]] = field(default_factory=list)
    # undeclared names a document's definition uses as letters of their own: name → which
    # definition (defining the name later would change what that definition means)
    free_uses: dict[str, str] = field(default_factory=dict)
    free_users: dict[str, list[str]] = field(default_factory=dict)  # and which, by name
    # a display's definitions and the definitions that could not be read, to be read again
    # after a later definition of a name they use ("where" order: checker.files.where_order)
    made: dict[str, Any] = field(default_factory=dict)
    waiting: dict[str, Any] = field(default_factory=dict)
    uses: Uses = field(default_factory=lambda: Uses())  # how often each defined name is read
    log_base: str = ""  # what a document's prose says that makes log another base than e
    summation: str = ""  # what it says that states the summation convention (Einstein's)
    # sequences a document defines by a recurrence (m_t = β m_{t-1} + (1 − β) g_t):
    # base → (its index, the body, None while the body is read; checker.parse.sequences)
    recurrences: dict[str, tuple[str, Node | None]] = field(default_factory=dict)
    # those defined through the member after (G_t = r_{t+1} + γ G_{t+1}, a return), read from
    # their last value (G_3 = 0, a display of its own) back
    backward: set[str] = field(default_factory=set)
    # names declared random: name → its law's distribution (checker.randomness)
    random: dict[str, sp.Tuple] = field(default_factory=dict)

    def law(self) -> sp.Tuple:
        """The declared random variables and their laws, as expectations carry them: a vector's
        or matrix's entries one by one at an explicit size, its IndexedBase at a symbolic one."""
        out = []
        for name, dist in self.random.items():
            if name in self.symbolic:
                base, n = self.symbolic[name]
                out.append(sp.Tuple(base, dist, sp.Tuple(n)))
            elif name in self.symbolic_matrices:
                base, rows, cols = self.symbolic_matrices[name]
                out.append(sp.Tuple(base, dist, sp.Tuple(rows, cols)))
            elif name in self.vectors or name in self.matrices:
                value = self.vectors.get(name, self.matrices.get(name))
                out.extend(sp.Tuple(e, dist, sp.Tuple()) for e in value)
            else:
                out.append(sp.Tuple(self.symbols[name], dist, sp.Tuple()))
        return sp.Tuple(*out)

    def body_of(self, name: str) -> Node | None:
        """The body of a function the file defines (None for any other name)."""
        fn = self.functions.get(name)
        return fn.body if fn is not None else None

    def kind(self, name: str) -> str | None:
        """'vector', 'matrix', 'function', 'builtin', 'constant', 'symbol' or None (undeclared)."""
        if name in self.vectors or name in self.symbolic:
            return "vector"
        if name in self.matrices or name in self.symbolic_matrices:
            return "matrix"
        if name in self.functions:
            return "function"
        if name in SCALAR_FUNCTIONS or name in STRUCTURAL_FUNCTIONS:
            return "builtin"
        if name in CONSTANTS:
            return "constant"
        if name in self.symbols or name in self.dims:
            return "symbol"
        return None

    def is_function(self, name: str) -> bool:
        return self.kind(name) in ("function", "builtin")

    def declared(self) -> set[str]:
        return (set(self.symbols) | set(self.vectors) | set(self.matrices) | set(self.functions)
                | set(self.symbolic_matrices)
                | set(self.dims) | set(self.symbolic))

    def symbol(self, name: str) -> sp.Symbol:
        """A declared scalar, or a new real symbol for an undeclared name."""
        sym = self.symbols.get(name)
        if sym is None:
            self._entry_collision(name)
            sym = sp.Symbol(name, real=True)
        return sym

    def _entry_collision(self, name: str) -> None:
        """x_1 next to a declared vector x would be its entry's symbol: refuse the confusion."""
        if name in self.entry_names:
            base = name.split("_", 1)[0]
            raise ParseError(f"{name!r} is also the name of an entry of {base}: write {base}[…] for "
                             f"the entry, or use another name for the scalar")

    def declare_symbol(self, name: str, spec: str) -> None:
        self._check_new(name)
        self.symbols[name] = sp.Symbol(name, **assumptions(spec, f"symbol {name!r}"))

    def declare_vector(self, name: str, size: int, spec: str = "real") -> None:
        self._check_new(name)
        _check_size(name, size, 1)
        kw = assumptions(spec, f"vector {name!r}")
        self.vectors[name] = sp.ImmutableMatrix(
            [sp.Symbol(f"{name}_{i}", **kw) for i in range(1, size + 1)])
        self._no_symbol_named_like(self.vectors[name], name)

    def _no_symbol_named_like(self, value: sp.ImmutableMatrix, name: str) -> None:
        names = {e.name for e in value}
        self.entry_names |= names
        clash = sorted(names & set(self.symbols))
        if clash:
            raise ParseError(f"the symbol {clash[0]!r} has the name of an entry of {name}: write "
                             f"{name}[…] for the entry, or rename the symbol")

    def declare_matrix(self, name: str, rows: int, cols: int, spec: str = "real") -> None:
        self._check_new(name)
        _check_size(name, rows, cols)
        if "symmetric" in spec.replace(",", " ").split():
            raise ParseError(f"matrix {name!r}: assume = \"symmetric\" is read at a symbolic "
                             "size; at this size state it under given (given = [\"A == T(A)\"]:"
                             " one equation per entry)")
        kw = assumptions(spec, f"matrix {name!r}")
        sep = "," if rows > 9 or cols > 9 else ""
        self.matrices[name] = sp.ImmutableMatrix(
            rows, cols, lambda i, j: sp.Symbol(f"{name}_{i + 1}{sep}{j + 1}", **kw))
        self._no_symbol_named_like(self.matrices[name], name)

    def declare_dim(self, name: str, spec: str) -> None:
        """A symbolic size such as n; claims that use it are stated for every n ≥ 1."""
        self._check_new(name)
        kw = assumptions(spec, f"dims: {name!r}")
        if not (kw.get("integer") and kw.get("positive")):
            raise ParseError(f"dims: {name!r} = {spec!r}; a dimension must be \"positive integer\"")
        self.dims[name] = sp.Symbol(name, integer=True, positive=True)

    def declare_symbolic_vector(self, name: str, dim: str, spec: str = "real") -> None:
        self._check_new(name)
        if dim not in self.dims:
            raise ParseError(f"vector {name!r}: its size {dim!r} is not declared; declare it in "
                             + _dims_hint(dim) + " or give a number")
        kw = assumptions(spec, f"vector {name!r}")
        self.symbolic[name] = (sp.IndexedBase(name, **kw), self.dims[dim])

    def declare_symbolic_matrix(self, name: str, rows: str | int, cols: str | int,
                                spec: str = "real") -> None:
        """A matrix of symbolic size such as H × D (either size may also be a number)."""
        self._check_new(name)
        sizes = []
        for size in (rows, cols):
            if isinstance(size, int) and not isinstance(size, bool) and size >= 1:
                sizes.append(sp.Integer(size))
            elif isinstance(size, str) and size in self.dims:
                sizes.append(self.dims[size])
            else:
                raise ParseError(f"matrix {name!r}: its size {size!r} is not a declared "
                                 f"dimension; declare it in {_dims_hint(str(size))} or give a "
                                 "number")
        words = spec.replace(",", " ").split()
        symmetric = "symmetric" in words
        if symmetric and sp.expand(sizes[0] - sizes[1]) != 0:
            raise ParseError(f"matrix {name!r}: a symmetric matrix is square; its sizes are "
                             f"{sizes[0]} and {sizes[1]}")
        kw = assumptions(" ".join(w for w in words if w != "symmetric") or "real",
                         f"matrix {name!r}")
        base = SymmetricBase(name, **kw) if symmetric else sp.IndexedBase(name, **kw)
        self.symbolic_matrices[name] = (base, sizes[0], sizes[1])

    def free_index(self, name: str, length: sp.Symbol) -> sp.Symbol:
        """The free index ``name`` of a vector of symbolic ``length``: it ranges over 1…length."""
        found = self.indices.get(name)
        if found is None:
            if name in self.declared() or name in RESERVED:
                raise ParseError(f"{name!r} is declared as a {self.kind(name)}; an index must be "
                                 "a new name such as i, j or k")
            if name in self.claimed:
                raise ParseError(f"{name!r} is a plain symbol in {self.claimed[name]}; an index "
                                 "must be a new name: use another letter here or there")
            found = self.indices[name] = (sp.Symbol(name, integer=True), length)
        elif found[1] != length:
            raise ParseError(f"index {name} ranges over 1…{found[1]} elsewhere in this file, "
                             f"here over 1…{length}; use another letter")
        return found[0]

    def claim_free_names(self, tree: Node, bound: tuple[str, ...], what: str) -> None:
        """A definition's free, undeclared names are plain symbols of the file: record them,
        so that none of them can become a free index (with another meaning) elsewhere."""
        stack: list[tuple[Node, frozenset[str]]] = [(tree, frozenset(bound))]
        while stack:
            node, inner = stack.pop()
            if isinstance(node, Name):
                if node.id not in inner and self.kind(node.id) is None:
                    self.claimed.setdefault(node.id, what)
                continue
            if binder(node) is not None:
                rng = node.args[1].items  # type: ignore[union-attr]
                stack.append((node.args[0], inner | {rng[0].id}))
                stack.extend((k, inner) for k in rng[1:])
                continue
            if isinstance(node, Index) and isinstance(node.target, Name) \
                    and node.target.id in self.symbolic:
                # p_j = e^{x_j}/Σ_k e^{x_k}: j indexes a vector of symbolic length, a free
                # index of the definition (bound where it is used), not a plain symbol
                stack.append((node.target, inner))
                stack.extend((k, inner) for k in node.indices if not isinstance(k, Name))
                continue
            stack.extend((k, inner) for k in children(node))

    def _check_new(self, name: str) -> None:
        if not name.isidentifier() or name.startswith("_"):
            written = re.sub(r"[^A-Za-z0-9]+", "", name).lstrip("0123456789") or "v"
            hint = (f"; to name what the LaTeX writes {name}, map it to a name and declare "
                    f"that: latex = {{ \"{name}\" = \"{written}\" }} with symbols = "
                    f"{{ {written} = \"real\" }}") if re.search(r"[\\{}^]", name) else ""
            raise ParseError(f"{name!r} is not a valid name: use letters, digits and _ "
                             f"(not starting with a digit or _){hint}")
        if name in RESERVED:
            from checker.parse.latex_lexer import GREEK

            short = next(c for c in (name[0] + name[-1], name + "0")
                         if c != name and c not in RESERVED)  # (pi: not "pi" again)
            hint = (f"; to use \\{name} as a number of the page, map it to a name and declare "
                    f"that: latex = {{ \"\\\\{name}\" = \"{short}\" }} with "
                    f"symbols = {{ {short} = \"real\" }}") if name in GREEK else ""
            raise ParseError(f"{name!r} is a built-in name and cannot be declared; "
                             f"choose another name{hint}")
        if name in self.declared():
            raise ParseError(f"{name!r} is declared twice")


def unread_here(used: str, line: int, defines: str = "it") -> str:
    """The refusal of a name whose defining display could not be read."""
    return (f"{used}: the display at line {line} defines {defines}, and could not be read, so "
            f"what {used} means here is not known; fix that display first")


def _dims_hint(size: str) -> str:
    """How to declare a size: ``dims = { n = … }``, or for an expression (m + K − 1), which a
    size cannot be, a name of its own."""
    if size.isidentifier():
        return f"dims = {{ {size} = \"positive integer\" }}"
    return (f"dims (a size is one name, not an expression such as {size}: declare a name for "
            "it, dims = { n = \"positive integer\" }, and write the length as n)")


def _check_size(name: str, rows: int, cols: int) -> None:
    if not (isinstance(rows, int) and isinstance(cols, int)) or isinstance(rows, bool) \
            or rows < 1 or cols < 1:
        raise ParseError(f"{name!r}: sizes must be positive integers")
    if rows * cols > MAX_ENTRIES:
        raise ParseError(f"{name!r}: {rows}×{cols} has more than {MAX_ENTRIES} entries")
