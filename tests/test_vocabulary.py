"""The vocabulary is one declaration per function, and every name the reader accepts works
everywhere: it is read (in files and in LaTeX), evaluated exactly and in certified intervals,
differentiated, and printed (Unicode and ASCII); the README lists exactly the registry."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import mpmath
import pytest
import sympy as sp

from checker.parse.context import RESERVED, SCALAR_FUNCTIONS, Context
from checker.parse.evaluate import evaluate
from checker.parse.latex import parse_latex_expr
from checker.parse.latex_lexer import FUNCTION_COMMANDS
from checker.parse.python_syntax import read_expression
from checker.report.text import expression, to_ascii
from checker.strategies.evaluate import _interval, exact_or_interval
from checker.strategies.program import FUNCTIONS, Compiler
from checker.vocabulary import BY_NAME, LATEX_COMMANDS, PRIMITIVES, markdown_table

x = sp.Symbol("x", real=True)
n = sp.Symbol("n", integer=True, nonnegative=True)  # the argument of n! (Primitive.integer)
# extra arguments: a slope for leaky_relu / elu, bounds for clip, a second value for max/min
EXTRA = {2: ("1/10",), 3: ("-1", "2")}
POINTS = [Fraction(1, 3), Fraction(-5, 4), Fraction(7, 2)]
WHOLE = [Fraction(0), Fraction(3), Fraction(12)]


def arg(p: object) -> sp.Symbol:
    return n if p.integer else x  # type: ignore[attr-defined]


def points(p: object) -> list[Fraction]:
    return WHOLE if p.integer else POINTS  # type: ignore[attr-defined]


def context(p: object) -> Context:
    ctx = Context()
    if p.integer:  # type: ignore[attr-defined]
        ctx.declare_symbol("n", "integer nonnegative")
    return ctx


def call_text(p: object, name: str) -> str:
    extra = EXTRA.get(p.arity, ())  # type: ignore[attr-defined]
    return f"{name}({', '.join((str(arg(p)), *extra))})"


def value(p: object) -> sp.Expr:
    extra = [sp.Rational(e) for e in EXTRA.get(p.arity, ())]  # type: ignore[attr-defined]
    return p.build(arg(p), *extra)  # type: ignore[attr-defined]


def test_every_table_is_derived_from_the_registry() -> None:
    names = {n for p in PRIMITIVES for n in p.names}
    assert set(BY_NAME) == names == SCALAR_FUNCTIONS
    assert names <= RESERVED  # a vocabulary name cannot be declared as a symbol
    assert FUNCTION_COMMANDS == LATEX_COMMANDS
    assert set(FUNCTIONS) == {p.name for p in PRIMITIVES if p.func is not None}
    assert len({p.name for p in PRIMITIVES}) == len(PRIMITIVES)


@pytest.mark.parametrize("p", PRIMITIVES, ids=[p.name for p in PRIMITIVES])
def test_each_name_is_read_in_files_and_latex(p: object) -> None:
    want = value(p)
    ctx = context(p)
    for name in p.names:  # type: ignore[attr-defined]
        got = evaluate(read_expression(call_text(p, name)), ctx)
        assert sp.simplify(got - want) == 0, (name, got, want)
    for cmd in p.latex:  # type: ignore[attr-defined]
        extra = ", ".join(EXTRA.get(p.arity, ()))  # type: ignore[attr-defined]
        text = f"\\{cmd}({arg(p)}{', ' + extra if extra else ''})"
        got = evaluate(parse_latex_expr(text, ctx), ctx)
        assert sp.simplify(got - want) == 0, (text, got, want)
    if p.arity == 1 and p.entrywise:  # type: ignore[attr-defined]
        vec = Context()
        vec.declare_vector("v", 2)
        got = evaluate(read_expression(f"{p.name}(v)"), vec)  # type: ignore[attr-defined]
        assert got.shape == (2, 1)


@pytest.mark.parametrize("p", PRIMITIVES, ids=[p.name for p in PRIMITIVES])
def test_each_function_evaluates_exactly_or_in_certified_intervals(p: object) -> None:
    e = value(p)
    comp = Compiler()
    root = comp(e)
    for point in points(p):
        if p.name in ("log", "sqrt", "logit") and point <= 0:  # type: ignore[attr-defined]
            continue
        if p.name == "logit" and point >= 1:  # type: ignore[attr-defined]
            continue
        vals = exact_or_interval(comp.program.ops, [point] * len(comp.program.variables), 200)
        got = vals[root]
        mpmath.mp.prec = 200
        true = sp.N(e.subs(arg(p), sp.Rational(point.numerator, point.denominator)), 50)
        if isinstance(got, Fraction):
            assert abs(sp.Rational(got.numerator, got.denominator) - true) < 1e-40
        else:
            enclosure = _interval(got)
            assert enclosure.a <= mpmath.mpf(str(true)) + 1e-40, (p, point)
            assert enclosure.b >= mpmath.mpf(str(true)) - 1e-40, (p, point)
            assert enclosure.delta < 1e-30  # tight enough to certify a difference


@pytest.mark.parametrize("p", PRIMITIVES, ids=[p.name for p in PRIMITIVES])
def test_each_function_is_differentiated_and_printed(p: object) -> None:
    e = value(p)
    if p.integer:  # type: ignore[attr-defined]  # no derivative in its whole number (see below)
        assert sp.diff(e * x, x) == e
        e = e * x
    d = sp.diff(e, x)
    assert not d.has(sp.Derivative), (p, d)
    point = {x: sp.Rational(1, 3)}
    assert sp.N(d.subs(point)).is_finite
    for shown in (expression(e, ascii_only=True), expression(d, ascii_only=True),
                  to_ascii(sp.pretty(e, use_unicode=False))):
        assert shown.isascii(), shown
    assert expression(e, ascii_only=False)
    assert sp.sstr(e)


def test_erf_enclosure_is_certified_far_out_and_close_to_zero() -> None:
    from mpmath import iv

    from checker.vocabulary import _iv_erf
    iv.prec = 200
    for v in ("-7", "-4.5", "-1e-30", "0", "3.999", "4.001", "12"):
        box = _iv_erf(iv.mpf(v))
        mpmath.mp.prec = 300
        true = mpmath.erf(mpmath.mpf(v))
        assert box.a <= true <= box.b, v


def test_the_readme_lists_the_registry() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme, "regenerate the README's vocabulary table"
