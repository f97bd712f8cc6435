"""A law written beside a display or in the prose around it: ``z = \\mu + \\sigma \\epsilon,
\\quad \\epsilon \\sim \\mathcal{N}(0, 1)``, ``\\quad (\\epsilon \\sim …)``, ``where $\\epsilon
\\sim \\mathcal{N}(0, 4)$``. The laws are read from the declarations (``random``), never from
the page: beside a name declared random with that very law the words restate the declaration
and are set aside; with another law (or one that cannot be compared) the display is refused
(which law is meant?); beside a name not declared random, a law in the display refuses it, and
one in the prose is refused where the display takes an expectation (it would make the name
random, which changes what the line means), and elsewhere makes a refutation unknown (its support
may exclude the counterexample); a name the page defines has the law its definition gives it."""

from __future__ import annotations

import re
from fractions import Fraction

import sympy as sp

from checker import randomness
from checker.files.common import Bad
from checker.parse.context import Context
from checker.parse.tree import Pos

# the remark: a separator (a comma, \quad, \text{where}/\text{with}), the name, \sim, the law
_LAW = re.compile(r"(?:\s*,)?\s*(?:\\q?quad\b|\\text\s*\{\s*(?:where|with|for)\s*\}|,)\s*"
                  r"(?:\\left)?\(?\s*(?P<name>\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?)\s*\\sim\s*"
                  r"(?P<law>[^=]*?)\s*(?:\\right)?\)?\s*[.,]?\s*$")
# a law in the prose: $\epsilon \sim \mathcal{N}(0, 1)$
_PROSE_LAW = re.compile(r"\$\s*(?P<name>\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?)\s*\\sim\s*"
                        r"(?P<law>[^$]+?)\s*\$")
# \mathcal{N}, N, \text{Bernoulli} …: the law's name, then its parameters in brackets
_WRITTEN = re.compile(r"^\s*(?:\\(?:mathcal|mathrm|text|operatorname)\s*\{\s*(?P<a>[A-Za-z]+)\s*\}"
                      r"|(?P<b>[A-Za-z]+))\s*(?:\\left)?\(\s*(?P<args>[^()]*)\s*(?:\\right)?\)\s*$")
# an expectation, a variance or a covariance in a display
_EXPECTED = re.compile(r"\\mathbb\s*\{?\s*[EV]\b|\\(?:operatorname|text|mathrm)\s*\{\s*(?:Var|Cov|E)\s*\}"
                       r"|(?<![A-Za-z\\])(?:E|Var|Cov)\s*[\[(]")
_KINDS = {"n": "normal", "normal": "normal", "gaussian": "normal", "u": "uniform",
          "uniform": "uniform", "unif": "uniform", "bernoulli": "bernoulli", "bern": "bernoulli"}


def without_law(latex: str, ctx: Context) -> str:
    """``latex`` with a law remark at its end set aside where the declarations give the name
    that law; refused otherwise (see the module docstring). Unchanged without one."""
    m = _LAW.search(latex)
    if m is None or latex[:m.start()].strip() == "":
        return latex
    law = m["law"].strip()
    law += ")" * (law.count("(") - law.count(")"))  # (the bracket round the remark took it)
    _same_law(m["name"], law, ctx, "the display")
    return latex[:m.start()]


def in_prose(text: str, latex: str, ctx: Context) -> str:
    """A law the prose beside a display states (``where $\\epsilon \\sim \\mathcal{N}(0, 4)$``):
    refused where it is not the declared law of a name declared random, or where a name the
    display writes and takes an expectation of is not declared random; for such a name in a
    display with no expectation, a clause for Claim.unheld (the law may limit its values); ""
    otherwise (a name the page defines, z = μ + σε, has the law its definition gives it)."""
    for m in _PROSE_LAW.finditer(text):
        name = m["name"].lstrip("\\")
        if not re.search(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])",
                         latex.replace("\\", " ")):
            continue
        if name in ctx.random or name.split("_")[0] in ctx.random:
            _same_law(m["name"], m["law"].strip(), ctx, "the prose")
            continue
        if m["name"] in ctx.latex or name in ctx.latex or re.match(
                rf"\s*&?\s*\\?{re.escape(name)}\s*=", latex):  # z ∼ N(μ, σ²) of a z the page
            continue  # defines (z = μ + σε): what its definition makes it, not a law to read
        if not _EXPECTED.search(latex):  # no expectation: a letter whose values the law may
            return (f"the prose says {m['name']} \\sim {m['law'].strip()}, a law, which is not "  # limit
                    "read (laws are declared under random): the readings with it and without "
                    "it disagree")
        raise Bad(f"the prose says {m['name']} \\sim {m['law'].strip()}, a law, which derivcheck "
                  f"reads from the declarations only (inside an expectation it would make {name} "
                  f"random): {_declare(name)}, or take it out of the prose", pos=Pos(1, 1))
    for m in _NAMED_LAW.finditer(text):  # (P = \mathrm{Bern}(p): p a probability; 𝒩(μ, s): s
        written = [a.strip() for a in m["params"].split(",")]  # a variance, ≥ 0)
        if any(re.fullmatch(r"\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?", a) and re.search(
                rf"(?<![A-Za-z]){re.escape(a.lstrip(chr(92)))}(?![A-Za-z])",
                latex.replace("\\", " ")) and a.lstrip("\\") not in ctx.random
                and ctx.kind(a.lstrip("\\")) is None for a in written):  # (a declared one: its
                # declaration says what it may be, as mu = "real", s = "positive")
            return (f"the prose names the law {m[0].strip()}, whose parameters it may limit (a "
                    "probability lies in [0, 1], a variance is not negative), which is not read "
                    "(laws are declared under random): the readings with it and without it "
                    "disagree")
    return ""


# a named distribution with its parameters, written in the prose: \mathrm{Bern}(p), \mathcal{N}(\mu, s)
_NAMED_LAW = re.compile(r"\\(?:mathrm|text|textrm|operatorname|mathcal|mathsf)\s*\{\s*(?:Bern\w*|"
                        r"Ber|Bin\w*|Beta|Cat\w*|Dir\w*|Pois\w*|N|Normal|Gauss\w*|U|Unif\w*|"
                        r"Exp\w*|Gamma|Geom\w*|Laplace)\s*\}\s*(?:\\left\s*)?\((?P<params>[^()]*)\)")


def _declare(name: str) -> str:
    return (f"declare {name} random with it (random = {{ {name} = \"N(0, 1)\" }} for a "
            "standard normal, see Random variables)")


def _same_law(written: str, law: str, ctx: Context, where: str) -> None:
    name = written.lstrip("\\")
    declared = ctx.random.get(name, ctx.random.get(name.split("_")[0]))
    shown = f"{written} \\sim {law}"
    if declared is None:
        raise Bad(f"{shown}: a law, which derivcheck reads from the declarations only; "
                  f"{_declare(name)}, or take the remark out if the display does not need it",
                  pos=Pos(1, 1))
    read = _read_law(law, ctx)
    if read is None:
        raise Bad(f"{where} says {shown}, a law whose parameters are not read (numbers, declared "
                  f"letters and their squares are), and the declarations give {name} the law "
                  f"{randomness.describe(declared)}: if it is that one, take the remark out",
                  pos=Pos(1, 1))
    if read != declared:
        raise Bad(f"{where} says {shown}, and the declarations give {name} the law "
                  f"{randomness.describe(declared)}: which is meant? Declare the law the page "
                  "uses, or take the remark out", pos=Pos(1, 1))


def _read_law(law: str, ctx: Context) -> sp.Tuple | None:
    """``\\mathcal{N}(0, 4)``, ``\\text{Bernoulli}(p)`` as a declared law reads; None where it
    cannot be read (a parameter other than a number or a declared letter)."""
    m = _WRITTEN.match(law)
    if m is None:
        return None
    kind = _KINDS.get((m["a"] or m["b"]).lower())
    args = [a.strip() for a in m["args"].split(",")] if m["args"].strip() else []
    params = [_parameter(a, ctx) for a in args]
    if kind is None or any(p is None for p in params):
        return None
    return randomness.distribution(kind, *params)  # type: ignore[arg-type]


def _parameter(text: str, ctx: Context) -> sp.Expr | None:
    frac = re.fullmatch(r"-?\s*\\[dt]?frac\s*\{\s*(\d+)\s*\}\s*\{\s*(\d+)\s*\}", text)
    if frac:
        value = sp.Rational(int(frac[1]), int(frac[2]))
        return -value if text.lstrip().startswith("-") else value
    if re.fullmatch(r"-?\d+(?:\.\d+)?", text):
        return sp.Rational(Fraction(text))
    square = re.fullmatch(r"(\\?[A-Za-z]+)\s*\^\s*\{?\s*2\s*\}?", text.strip())  # σ², a variance
    if square:
        base = _parameter(square[1], ctx)
        return base ** 2 if base is not None else None
    letter = text.lstrip("\\")
    return ctx.symbols.get(letter) if re.fullmatch(r"[A-Za-z]+", letter) else None
