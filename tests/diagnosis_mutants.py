"""A mutation generator for the diagnosis of wrong steps (issue 14).

Each :class:`Base` is a right step A = B (checked proved by tests/test_diagnosis.py). The
generator writes wrong versions of B, each made by one known slip, so the diagnosis it should
get is known: a sign (−B), a constant factor (2·B, B/3), the reciprocal (1/B), a term added
(B + t), a function swapped (σ → tanh), an argument changed (f(u) → f(2u)), an exponent
changed (u² → u³), and, where the base says how, a factor of the chain rule dropped, a term
of the previous line lost, a transpose missing, a product's factors swapped, a ⊙ factor
dropped, an index slipped, a δ dropped, a sum's bound off by one, a sum over the wrong index.

A mutant names the kinds a careful grader would accept for it (dropping the chain rule's
constant 2 is a chain-factor slip, and also a constant factor lost); any other kind is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HEADERS = {
    "scalar": 'format = 1\n[context]\nsymbols = { x = "real", w = "real", b = "real" }\n',
    "index": ('format = 1\n[context]\ndims = { n = "positive integer" }\n'
              'vectors = { x = "n", y = "n" }\n'),
    "matrix": ('format = 1\n[context]\ndims = { H = "positive integer", D = "positive integer" }\n'
               'vectors = { a = "D", v = "D", u = "H" }\n'
               'matrices = { A = ["D", "D"], M = ["D", "D"], W = ["H", "D"] }\n'),
}

SWAPS = {"sigmoid": "tanh", "tanh": "sigmoid", "exp": "log", "log": "exp", "sin": "cos",
         "cos": "sin"}


@dataclass(frozen=True)
class Base:
    """A right step ``a`` = ``b`` in ``group``'s context, and slips particular to it:
    (wrong line, kinds accepted)."""

    id: str
    group: str
    a: str
    b: str
    given: tuple[str, ...] = ()
    extra: tuple[tuple[str, frozenset[str]], ...] = field(default=())
    term: str = "x"  # a term to add that the line does not have
    generic: bool = True  # sign, scale, reciprocal and term mutants


def _k(*kinds: str) -> frozenset[str]:
    return frozenset(kinds)


BASES: tuple[Base, ...] = (
    # -- scalars: the chain rule, products, powers
    Base("sig2x", "scalar", "diff(sigmoid(2*x), x)", "2*sigmoid(2*x)*(1 - sigmoid(2*x))",
         extra=(("sigmoid(2*x)*(1 - sigmoid(2*x))", _k("chain-factor", "scale")),)),
    Base("tanh-affine", "scalar", "diff(tanh(w*x + b), x)", "w*(1 - tanh(w*x + b)**2)",
         extra=(("1 - tanh(w*x + b)**2", _k("chain-factor", "factor")),)),
    Base("gauss", "scalar", "diff(exp(-x**2), x)", "-2*x*exp(-x**2)",
         extra=(("exp(-x**2)", _k("chain-factor", "factor")),)),
    Base("softplus", "scalar", "diff(log(1 + exp(x)), x)", "exp(x)/(1 + exp(x))", term="w"),
    Base("product", "scalar", "diff(x**3*sin(x), x)", "3*x**2*sin(x) + x**3*cos(x)", term="w"),
    Base("logsig", "scalar", "diff(log(sigmoid(x)), x)", "1 - sigmoid(x)", term="w"),
    Base("sin2", "scalar", "diff(sin(x)**2, x)", "2*sin(x)*cos(x)",
         extra=(("2*sin(x)", _k("chain-factor", "factor")),)),
    Base("expand", "scalar", "x**2 + 2*x + 1 + exp(w)/exp(w)", "x**2 + 2*x + 2",
         extra=(("x**2 + 2", _k("term")), ("x**2 + 2*x + 1", _k("term"))), term="w"),
    Base("xexp", "scalar", "diff(x*exp(2*x), x)", "exp(2*x) + 2*x*exp(2*x)", term="w"),
    Base("tanh-sig", "scalar", "2*sigmoid(2*x) - 1", "tanh(x)"),
    # -- index notation at a symbolic length n
    Base("sumsq", "index", "diff(Sum(x[k]**2, (k, 1, n)), x[i])", "2*x[i]",
         extra=(("2*x[j]", _k("swapped-indices")),), term="y[i]"),
    Base("jacobian", "index", "diff(exp(x[i])/Sum(exp(x[k]), (k, 1, n)), x[j])",
         "exp(x[i])/Sum(exp(x[k]), (k, 1, n))*(delta(i, j) - exp(x[j])/Sum(exp(x[k]), (k, 1, n)))",
         extra=(("exp(x[i])/Sum(exp(x[k]), (k, 1, n))*(1 - exp(x[j])/Sum(exp(x[k]), (k, 1, n)))",
                 _k("delta-dropped")),
                ("exp(x[i])/Sum(exp(x[k]), (k, 1, n))*(delta(i, j) - exp(x[i])/Sum(exp(x[k]), (k, 1, n)))",
                 _k("swapped-indices"))), generic=False),
    Base("pick", "index", "Sum(x[k]*delta(k, i), (k, 1, n))", "x[i]",
         extra=(("x[j]", _k("swapped-indices")), ("Sum(x[k], (k, 1, n))", _k("delta-dropped"))),
         term="y[i]"),
    Base("sumsq-written", "index", "Sum(x[k]**2, (k, 1, n))", "Sum(x[k]*x[k], (k, 1, n))",
         extra=(("Sum(x[k]*x[k], (m, 1, n))", _k("sum-index", "swapped-indices")),
                ("Sum(x[k]*x[m], (k, 1, n))", _k("swapped-indices")),
                ("Sum(x[k]*x[k], (k, 1, n - 1))", _k("sum-bound")),
                ("Sum(x[k]*x[k], (k, 2, n))", _k("sum-bound"))), term="y[1]"),
    Base("dot-grad", "index", "diff(Sum(x[k]*y[k], (k, 1, n)), x[i])", "y[i]",
         extra=(("x[i]", _k("variable")), ("y[j]", _k("swapped-indices"))), term="x[i]"),
    # -- matrices of symbolic size (entry by entry)
    Base("quad", "matrix", "grad(T(v) @ A @ v, v)", "(A + T(A)) @ v",
         extra=(("(A + A) @ v", _k("missing-transpose")), ("(T(A) + T(A)) @ v", _k("missing-transpose")),
                ("-((A + T(A)) @ v)", _k("sign")), ("2 * (A + T(A)) @ v", _k("scale"))),
         generic=False),
    Base("linear", "matrix", "A @ (v + a)", "A @ v + A @ a",
         extra=(("T(A) @ v + A @ a", _k("missing-transpose")), ("A @ v - A @ a", _k("sign")),
                ("A @ v + 2 * A @ a", _k("scale"))), generic=False),
    Base("product", "matrix", "T(A @ M)", "T(M) @ T(A)",
         extra=(("T(A) @ T(M)", _k("swapped-factors")), ("M @ T(A)", _k("missing-transpose")),
                ("T(M) @ A", _k("missing-transpose")), ("A @ M", _k("transpose"))),
         generic=False),
    Base("outer", "matrix", "grad(T(u) @ W @ v, W)", "u @ T(v)",
         extra=(("-(u @ T(v))", _k("sign")), ("3 * u @ T(v)", _k("scale")),
                # shapes that differ (no entry compared): x δᵀ for δ xᵀ
                ("v @ T(u)", _k("transpose", "swapped-factors"))), generic=False),
    Base("back", "matrix", "grad(T(u) @ W @ v, v)", "T(W) @ u",
         extra=(("W @ u", _k("missing-transpose")),  # (a product whose factors do not fit)
                ("T(u) @ W", _k("transpose"))), generic=False),  # a row for the column
    Base("square", "matrix", "T(A @ A)", "T(A) @ T(A)",
         extra=(("A @ A", _k("transpose")), ("T(A) @ A", _k("missing-transpose"))),
         generic=False),
    Base("hadamard", "matrix", "hadamard(a, v + v)", "2 * hadamard(a, v)",
         extra=(("2 * v", _k("hadamard-dropped")), ("-2 * hadamard(a, v)", _k("sign")),
                ("hadamard(a, v)", _k("scale", "term"))), generic=False),
)


@dataclass(frozen=True)
class Mutant:
    id: str
    group: str
    a: str
    wrong: str
    kinds: frozenset[str]
    given: tuple[str, ...] = ()


def _calls(text: str) -> list[tuple[str, int, int]]:
    """(function, start of its argument, end of it) for each call f(…) of a known function."""
    out = []
    for m in re.finditer(r"\b(sigmoid|tanh|exp|log|sin|cos)\(", text):
        depth, k = 1, m.end()
        while depth:
            depth += {"(": 1, ")": -1}.get(text[k], 0)
            k += 1
        out.append((m.group(1), m.end(), k - 1))
    return out


def mutants() -> list[Mutant]:
    out: list[Mutant] = []
    for base in BASES:
        made: list[tuple[str, str, frozenset[str]]] = []
        b = base.b
        if base.generic:
            made += [("sign", f"-({b})", _k("sign")), ("double", f"2*({b})", _k("scale")),
                     ("third", f"({b})/3", _k("scale")), ("reciprocal", f"1/({b})", _k("reciprocal")),
                     ("term", f"{b} + {base.term}", _k("term"))]
            calls = _calls(b)
            for f, start, _ in calls[:1]:  # a function swapped
                swapped = b[:start - len(f) - 1] + SWAPS[f] + b[start - 1:]
                made.append((f"function-{f}", swapped, _k("function")))
            for f, start, end in calls[:1]:  # an argument changed
                arg = b[start:end]
                made.append((f"argument-{f}", f"{b[:start]}3*({arg}){b[end:]}", _k("argument")))
            m = re.search(r"\*\*(\d+)", b)
            if m:  # an exponent changed
                p = int(m.group(1))
                made.append(("exponent", f"{b[:m.start()]}**{p + 1}{b[m.end():]}", _k("exponent")))
        made += [(f"extra{k}", wrong, kinds) for k, (wrong, kinds) in enumerate(base.extra)]
        for name, wrong, kinds in made:
            out.append(Mutant(f"{base.id}-{name}", base.group, base.a, wrong, kinds, base.given))
    return out


def document(group: str, items: list[Mutant] | list[Base], wrong: bool = True) -> str:
    """A derivation file with one two-step chain per mutant (or base) of ``group``; the
    mutants' second steps are expected wrong (with ``wrong``) or right."""
    parts = [HEADERS[group]]
    for m in items:
        if m.group != group:
            continue
        if isinstance(m, Mutant) and wrong:
            second = f'{{ expr = "{m.wrong}", expect = "refuted" }}'
            expect = '\nexpect = "refuted"'
        else:
            second, expect = f'"{m.wrong if isinstance(m, Mutant) else m.b}"', ""
        given = f"\ngiven = {list(m.given)!r}" if m.given else ""
        parts.append(f'\n[[derivation]]\nid = "{m.id}"\nsteps = ["{m.a}", {second}]'
                     f"{given}{expect}\n")
    return "".join(parts)
