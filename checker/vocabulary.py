"""The functions derivcheck knows, each declared once.

A :class:`Primitive` says everything the rest of the system needs about one function: how
files and LaTeX name it, how its SymPy value is built, whether it applies entry by entry,
its form through exp (where it has one), its exact values and interval enclosures for the
evaluators, and how reports print it. The reader's tables (:mod:`checker.parse`), the
program compiler and evaluators (:mod:`checker.strategies`), the rewrite through exp and the
report's glyphs are all derived from :data:`PRIMITIVES`; ``tests/test_vocabulary.py`` fails
when a name the reader accepts cannot be evaluated, differentiated and printed.

Adding a function: one :class:`Primitive` below (plus its tests and README line).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from math import factorial as _factorial
from typing import Any

import sympy as sp
from mpmath import iv

# ---------------------------------------------------------------------- our own functions


class sigmoid(sp.Function):
    """The logistic function σ(x) = 1 / (1 + e^(−x))."""

    nargs = 1

    def fdiff(self, argindex: int = 1) -> sp.Expr:
        s = sigmoid(self.args[0])
        return s * (1 - s)

    def _eval_rewrite_as_exp(self, x: sp.Expr, **kwargs: object) -> sp.Expr:
        return 1 / (1 + sp.exp(-x))

    def _eval_is_real(self) -> bool | None:
        return self.args[0].is_extended_real

    def _eval_is_positive(self) -> bool | None:
        return True if self.args[0].is_extended_real else None

    def _sympystr(self, printer: sp.printing.str.StrPrinter) -> str:
        return f"sigmoid({printer._print(self.args[0])})"

    def _pretty(self, printer: object) -> object:
        return printer._helper_print_function(  # type: ignore[attr-defined]
            self.func, self.args,
            func_name="σ" if printer._use_unicode else "sigmoid",  # type: ignore[attr-defined]
        )

    def _latex(self, printer: object, exp: str | None = None) -> str:
        # a power σ(x)² comes with its exponent, written as SymPy writes sin²(x)
        power = f"^{{{exp}}}" if exp is not None else ""
        return rf"\sigma{power}\left({printer._print(self.args[0])}\right)"  # type: ignore[attr-defined]


# ---------------------------------------------------------------------- interval helpers


def _iv_positive_log(x: Any) -> Any:
    if not x.a > 0:
        raise ArithmeticError("logarithm of a value that is not certainly positive")
    return iv.log(x)


def _iv_abs(x: Any) -> Any:
    if x.a >= 0:
        return x
    if x.b <= 0:
        return -x
    return iv.mpf([0, max(-x.a, x.b)])


def _iv_sign(x: Any) -> Any:
    if x.a > 0:
        return iv.mpf(1)
    if x.b < 0:
        return iv.mpf(-1)
    raise ArithmeticError("the sign of an interval around zero")


def _iv_erf(x: Any) -> Any:
    """A certified enclosure of erf on an interval (erf is increasing: bound the ends)."""
    lo, hi = _erf_point(iv.mpf(x.a)), _erf_point(iv.mpf(x.b))
    return iv.mpf([lo.a, hi.b])


def _erf_point(x: Any) -> Any:
    """erf(x) ⊂ the result, for a point interval x: the Taylor series with its alternating
    remainder for |x| ≤ 4, else 1 − erfc with 0 < erfc(t) ≤ e^(−t²)/(t√π) for t > 0."""
    v = x.a
    if v < 0:
        return -_erf_point(-x)
    if v > 4:
        tail = iv.exp(-x * x) / (x * iv.sqrt(iv.pi))
        return iv.mpf([(1 - tail).a, 1])
    x2 = x * x
    term, total, n = x, x, 0  # term_n = (−1)^n x^(2n+1) / n!
    while True:
        n += 1
        term = -term * x2 / n
        piece = term / (2 * n + 1)
        total += piece
        if n > v * v + 2 and abs(piece.b) < iv.mpf(2) ** (-iv.prec - 8):
            bound = abs(piece.b)  # the terms now decrease: the rest is smaller than this one
            return 2 / iv.sqrt(iv.pi) * (total + iv.mpf([-bound, bound]))
        if n > 10_000:  # pragma: no cover - cannot happen for |x| ≤ 4
            raise ArithmeticError("erf series did not converge")


def _exact_at(points: dict[Fraction, Fraction]) -> Callable[[Fraction], Fraction | None]:
    return lambda x: points.get(x)


def _no_exact(x: Fraction) -> Fraction | None:
    return None


# ---------------------------------------------------------------------- the declaration


@dataclass(frozen=True)
class Primitive:
    """One function of the vocabulary (see the module docstring)."""

    name: str  # as written in derivation files
    build: Callable[..., sp.Expr]  # the SymPy value, from the argument values
    summary: str  # one line for the README
    arity: int = 1
    variadic: bool = False  # takes ``arity`` arguments or more (max(a, b, c))
    entrywise: bool = True  # on a vector (its first argument), entry by entry
    aliases: tuple[str, ...] = ()  # other names accepted in files: ln for log
    latex: tuple[str, ...] = ()  # LaTeX commands (without the backslash) that read as it
    # The SymPy class of its values, where it has its own (the evaluators dispatch on it);
    # None where its value is built from other functions (relu is Max(0, t)).
    func: type | None = None
    exp_form: Callable[[sp.Expr], sp.Expr] | None = None  # its value through exp, if any
    exact: Callable[[Fraction], Fraction | None] = _no_exact  # a rational value, if rational
    interval: Callable[[Any], Any] | None = None  # an enclosure on an mpmath interval
    unicode: str = ""  # how reports print its name, if not its name
    signature: str = "x"  # its arguments, for the README
    # where it is defined (as a real function): (kind, e) for "e ≠ 0" (sp.Ne), "e > 0"
    # (sp.StrictGreaterThan) or "e ≥ 0" (sp.GreaterThan), from its first argument; claims
    # hold "wherever both sides are defined", and counterexamples lie there
    domain: Callable[[sp.Expr], list[tuple[type, sp.Expr]]] | None = None
    # its argument is a whole number (n! of a natural number): the reader refuses any other
    # argument, and it has no derivative in it
    integer: bool = False
    # on a square matrix it also names a matrix function (the matrix exponential, logarithm,
    # square root, sine …), so there it reads two ways: the reader refuses it rather than
    # guess (activations — σ, tanh, ReLU — act entry by entry: a stated convention); the
    # matrix function's name, as the refusal says it
    matrix_meaning: str = ""
    # its sign, from its argument's, where that is certain (checker.strategies.signs):
    # "positive" (e^x), "nonnegative" (|x|), "odd" (the sign of x: tanh x), "log" (the sign
    # of x − 1, where it is defined)
    sign: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


MAX_FACTORIAL = 1000  # exact values of n! up to this n (beyond: no value at that point)


def _exact_factorial(x: Fraction) -> Fraction | None:
    if x.denominator != 1 or not 0 <= x <= MAX_FACTORIAL:
        return None
    return Fraction(_factorial(int(x)))


def _piecewise(*pieces: tuple[sp.Expr, object]) -> sp.Expr:
    return sp.Piecewise(*pieces)


PRIMITIVES: tuple[Primitive, ...] = (
    Primitive("exp", sp.exp, "e^x", latex=("exp",), func=sp.exp,
              exact=_exact_at({Fraction(0): Fraction(1)}), interval=iv.exp, matrix_meaning="exponential",
              sign="positive"),
    Primitive("log", sp.log, "the natural logarithm (x > 0)", aliases=("ln",),
              latex=("log", "ln"), func=sp.log, exact=_exact_at({Fraction(1): Fraction(0)}),
              interval=_iv_positive_log, domain=lambda t: [(sp.StrictGreaterThan, t)],
              matrix_meaning="logarithm", sign="log"),
    Primitive("sqrt", sp.sqrt, "the square root (x ≥ 0), also \\sqrt{x}; x**(1/2)",
              domain=lambda t: [(sp.GreaterThan, t)], matrix_meaning="square root"),
    Primitive("sin", sp.sin, "sine", latex=("sin",), func=sp.sin,
              exact=_exact_at({Fraction(0): Fraction(0)}), interval=iv.sin, matrix_meaning="sine"),
    Primitive("cos", sp.cos, "cosine", latex=("cos",), func=sp.cos,
              exact=_exact_at({Fraction(0): Fraction(1)}), interval=iv.cos, matrix_meaning="cosine"),
    Primitive("tan", sp.tan, "tangent", latex=("tan",), func=sp.tan,
              exact=_exact_at({Fraction(0): Fraction(0)}), interval=iv.tan, matrix_meaning="tangent"),
    Primitive("tanh", sp.tanh, "(e^x − e^−x)/(e^x + e^−x)", latex=("tanh",), func=sp.tanh,
              exp_form=lambda a: (sp.exp(2 * a) - 1) / (sp.exp(2 * a) + 1),
              exact=_exact_at({Fraction(0): Fraction(0)}),
              interval=lambda x: (iv.exp(2 * x) - 1) / (iv.exp(2 * x) + 1), sign="odd"),
    Primitive("sinh", sp.sinh, "(e^x − e^−x)/2", latex=("sinh",), func=sp.sinh,
              exp_form=lambda a: (sp.exp(a) - sp.exp(-a)) / 2,
              exact=_exact_at({Fraction(0): Fraction(0)}),
              interval=lambda x: (iv.exp(x) - iv.exp(-x)) / 2, matrix_meaning="hyperbolic sine",
              sign="odd"),
    Primitive("cosh", sp.cosh, "(e^x + e^−x)/2", latex=("cosh",), func=sp.cosh,
              exp_form=lambda a: (sp.exp(a) + sp.exp(-a)) / 2,
              exact=_exact_at({Fraction(0): Fraction(1)}),
              interval=lambda x: (iv.exp(x) + iv.exp(-x)) / 2, matrix_meaning="hyperbolic cosine",
              sign="positive"),
    Primitive("sech", lambda t: 1 / sp.cosh(t), "1/cosh x", latex=("sech",)),
    Primitive("csch", lambda t: 1 / sp.sinh(t), "1/sinh x (x ≠ 0)", latex=("csch",),
              domain=lambda t: [(sp.Ne, t)]),
    Primitive("coth", lambda t: sp.cosh(t) / sp.sinh(t), "cosh x / sinh x (x ≠ 0)",
              latex=("coth",), domain=lambda t: [(sp.Ne, t)]),
    Primitive("sec", lambda t: 1 / sp.cos(t), "1/cos x (cos x ≠ 0)", latex=("sec",),
              domain=lambda t: [(sp.Ne, sp.cos(t))]),
    Primitive("csc", lambda t: 1 / sp.sin(t), "1/sin x (sin x ≠ 0)", latex=("csc",),
              domain=lambda t: [(sp.Ne, sp.sin(t))]),
    Primitive("cot", lambda t: sp.cos(t) / sp.sin(t), "cos x / sin x (sin x ≠ 0)",
              latex=("cot",), domain=lambda t: [(sp.Ne, sp.sin(t))]),
    Primitive("sigmoid", sigmoid, "σ(x) = 1/(1 + e^−x); \\sigma in LaTeX", func=sigmoid,
              exp_form=lambda a: 1 / (1 + sp.exp(-a)),
              exact=_exact_at({Fraction(0): Fraction(1, 2)}),
              interval=lambda x: 1 / (1 + iv.exp(-x)), unicode="σ", sign="positive"),
    Primitive("softplus", lambda t: sp.log(1 + sp.exp(t)), "log(1 + e^x)"),
    Primitive("logit", lambda p: sp.log(p / (1 - p)), "log(p/(1 − p)), the inverse of σ",
              signature="p",
              domain=lambda t: [(sp.StrictGreaterThan, t), (sp.StrictGreaterThan, 1 - t)]),
    Primitive("silu", lambda t: t * sigmoid(t), "x·σ(x) (also swish)", aliases=("swish",)),
    Primitive("mish", lambda t: t * sp.tanh(sp.log(1 + sp.exp(t))), "x·tanh(softplus(x))"),
    Primitive("erf", sp.erf, "the error function (2/√π)∫₀ˣ e^(−t²) dt",
              latex=("erf",), func=sp.erf, exact=_exact_at({Fraction(0): Fraction(0)}),
              interval=_iv_erf, sign="odd"),
    Primitive("gelu", lambda t: t * (1 + sp.erf(t / sp.sqrt(2))) / 2,
              "x·Φ(x) (exact GELU; write the tanh approximation out)"),
    Primitive("relu", lambda t: sp.Max(0, t), "max(0, x)"),
    Primitive("leaky_relu", lambda t, a: _piecewise((t, t >= 0), (a * t, True)),
              "x for x ≥ 0, αx below", arity=2, signature="x, α"),
    Primitive("elu", lambda t, a: _piecewise((t, t >= 0), (a * (sp.exp(t) - 1), True)),
              "x for x ≥ 0, α(e^x − 1) below", arity=2, signature="x, α"),
    Primitive("abs", sp.Abs, "|x|; \\left| x \\right| in LaTeX", func=sp.Abs,
              exact=lambda x: abs(x), interval=_iv_abs, sign="nonnegative"),
    Primitive("sign", sp.sign, "−1, 0 or 1", aliases=("sgn",), latex=("sgn",), func=sp.sign,
              exact=lambda x: Fraction((x > 0) - (x < 0)), interval=_iv_sign, sign="odd"),
    Primitive("heaviside", lambda t: sp.Heaviside(t, sp.Rational(1, 2)),
              "the step: 1 for x > 0, 0 for x < 0, 1/2 at 0", aliases=("step",)),
    Primitive("max", sp.Max, "the largest of its values; `\\max_j z_j` over a vector of "
              "explicit length", arity=2, variadic=True, entrywise=False, latex=("max",),
              signature="a, b, …"),
    Primitive("min", sp.Min, "the smallest of its values; `\\min_j z_j` likewise", arity=2,
              variadic=True, entrywise=False, latex=("min",), signature="a, b, …"),
    Primitive("factorial", sp.factorial, "n! = 1·2·…·n for a whole number n ≥ 0 (declared "
              "integer); `n!` in LaTeX", entrywise=False, func=sp.factorial,
              exact=_exact_factorial, signature="n", integer=True, sign="positive",
              domain=lambda t: [(sp.GreaterThan, t)]),
    Primitive("clip", lambda t, lo, hi: sp.Min(sp.Max(t, lo), hi), "min(max(x, lo), hi)",
              arity=3, signature="x, lo, hi"),
)

# ---------------------------------------------------------------------- derived tables

BY_NAME: dict[str, Primitive] = {n: p for p in PRIMITIVES for n in p.names}
LATEX_COMMANDS: dict[str, str] = {cmd: p.name for p in PRIMITIVES for cmd in p.latex}
BY_FUNC: dict[type, Primitive] = {p.func: p for p in PRIMITIVES if p.func is not None}
EXP_FORMS: dict[type, Callable[[sp.Expr], sp.Expr]] = {
    p.func: p.exp_form for p in PRIMITIVES if p.func is not None and p.exp_form is not None}
GLYPHS: dict[str, str] = {p.unicode: p.name for p in PRIMITIVES if p.unicode}


class ConditionalIntegral(sp.Integral):
    """An integral whose integrand is defined only where a condition on its variable holds
    (√t, log t, 1/t …): the reader cannot make that a condition of the claim, so the engine
    never gives it a value, only compares it by linearity, "where each integral exists"
    (checker/strategies/integrals.py)."""


def exp_exponents(func: type, arg: sp.Expr) -> tuple[sp.Expr, ...]:
    """The exponents of the exp atoms in ``func(arg)`` written through exp."""
    value = EXP_FORMS[func](arg)
    return tuple(a.args[0] for a in sp.preorder_traversal(value) if isinstance(a, sp.exp))


def by_func_name() -> dict[str, Primitive]:
    """Primitives with a SymPy class of their own, by name (the program's function names)."""
    return {p.name: p for p in PRIMITIVES if p.func is not None}


def markdown_table() -> str:
    """The vocabulary as the README's table (``python -m checker.vocabulary``)."""
    rows = ["| function | also | LaTeX | entrywise | meaning |", "|---|---|---|---|---|"]
    for p in PRIMITIVES:
        also = ", ".join(f"`{a}`" for a in p.aliases)
        latex = ", ".join(f"`\\{c}`" for c in p.latex)
        meaning = p.summary.replace("|", "\\|")
        rows.append(f"| `{p.name}({p.signature})` | {also} | {latex} | "
                    f"{'yes' if p.entrywise else 'no'} | {meaning} |")
    return "\n".join(rows) + "\n"
