"""What the declarations already say of a condition the prose states (λ > 0 with λ positive, y ∈
{0, 1} with a given), and the cases a display's prose and remarks state.

A part of :mod:`checker.files.document`."""

from __future__ import annotations

import re
from fractions import Fraction

import sympy as sp

from checker.deadline import time_limit
from checker.files import prose
from checker.files.common import (
    Bad,
)
from checker.files.context import hypotheses
from checker.files.document_lookup import _names_defined
from checker.files.document_model import Display
from checker.files.names import script_letters
from checker.parse.context import Context
from checker.parse.latex import LETTERS
from checker.parse.tree import (
    Defined,
    Name,
    ParseError,
    Pos,
)
from checker.symmetric import SymmetricBase


def _not_in_a_case(display: Display, case: list[str], before: tuple[str, int] | None,
                   restated: bool = False) -> bool:
    """``If $i = j$: $$A = B$$ $$C = D$$``: the second display follows the case with no prose
    between and its own left side. Does the case hold for it too? Refused, unless it states
    a case of its own, or ``restated``: its left side is the case's display's own, written
    again (``$$A = B$$ $$A = E$$``), the same chain going on, in its case (True: the caller
    reads it under that case), as a line of one display that restates its left side goes on
    with the line before."""
    own = prose.CASE_END.search(display.latex) or re.search(
        r"\\begin\{cases\}|\\text\{\s*(?:if|for|when|otherwise)\b", display.latex)
    between = prose.prose_end(display.before)
    joined = not prose.has_prose(display.before) or prose.CONNECTIVE.fullmatch(between) \
        or prose.goes_on(between)
    if before is not None and not case and joined and not own:
        if restated:
            return True
        joint = f"with only '{' '.join(between.split())}' between" if between.strip() \
            else "with no prose between"
        refused = Bad(f"this display follows the display at line {before[1]}, which holds "
                      f"where {before[0]}, {joint}: does that case hold here too? Write the "
                      "case in the display (\\quad (…)), or prose between that says which",
                      pos=Pos(1, 1))
        refused.still_cased = before  # type: ignore[attr-defined]  # (and for the next one)
        raise refused
    return False


def in_a_split(displays: list[Display]) -> set[int]:
    """The displays (numbered from 1) that follow a case's display with no prose between, in a
    split the prose makes into cases ("If $i = j$: $$A$$ $$B$$ If $i \\ne j$: …"): the prose
    right after their run states another case, so the run is the case's own. Elsewhere (one
    case, or the last case's run: a display after it may state the formula for every index,
    $$\frac{dy_i}{dx_j} = y_i(\\delta_{ij} - y_j)$$) whether the case holds past its first
    display is not told."""
    runs: list[tuple[bool, list[int]]] = []  # (its head's prose states a case, its displays)
    for number, display in enumerate(displays, start=1):
        before = prose.prose_end(display.before)
        if runs and not prose.has_prose(display.before) \
                and displays[runs[-1][1][0] - 1].scope == display.scope:
            runs[-1][1].append(number)
        else:
            runs.append((bool(prose.CASE.search(prose.cases_in_math(
                before, script_letters(display.latex)))), [number]))
    out: set[int] = set()
    for k, (cased, members) in enumerate(runs):
        if not cased:
            continue
        if k + 1 < len(runs) and runs[k + 1][0]:
            out.update(members[1:])
    return out


def _relation_text(text: str) -> str:
    """A comparison as plain text, for comparing the prose's with a given's: \\alpha \\leq 1
    and "alpha <= 1" alike."""
    text = text.strip().strip("$").replace("\\(", "").replace("\\)", "")
    for latex, plain in (("\\leq", "<="), ("\\le", "<="), ("\\geq", ">="), ("\\ge", ">="),
                         ("\\neq", "!="), ("\\ne", "!="), ("≤", "<="), ("≥", ">="), ("≠", "!="),
                         ("==", "="), ("\\lt", "<"), ("\\gt", ">")):
        text = text.replace(latex, plain)
    return re.sub(r"\\(?=[A-Za-z])|\s|[{}]", "", text).rstrip(".,;:")


# a display's own quantifier: \forall x, \text{for all } x, \text{for every } x
_QUANTIFIED = re.compile(r"\\forall\b|\\text\{[^{}]*\b(?:for\s+(?:all|every|any)|whatever)\b", re.I)


def _quantified(latex: str, case: list[str]) -> bool:
    """Whether the display quantifies a letter of the prose's case itself (\\forall x, or
    \\text{for all } x, under "For $x < 0$:")."""
    letters = {w for c in case for w in re.findall(r"[A-Za-z]\w*", c)}
    for m in _QUANTIFIED.finditer(latex):
        after = re.match(r"(?:\s|\}|\$|\\[,;: ]|\\quad)*\\?([A-Za-z]+)", latex[m.end():])
        if after is None or after[1] in letters:  # (what it quantifies, where it can be told)
            return True
    return False


_FOR_ALL = re.compile(r"\b(?:for\s+(?:all|every|any)|whatever)\s+(?:real\s+)?(?:\$|\\\()?\s*"
                      r"\\?([A-Za-z]+)|\bin\s+general\b|\beverywhere\b", re.I)


def _quantified_in_prose(remark: str, case: list[str]) -> bool:
    """The sentence after the display says it holds for every value of a letter of its case
    ("This holds for all $x$, in fact.", "… in general."): which is meant?"""
    letters = {w for c in case for w in re.findall(r"[A-Za-z]\w*", c)}
    return any(m.group(1) is None or m.group(1) in letters for m in _FOR_ALL.finditer(remark))


def _greek_aliases(ctx: Context) -> dict[str, str]:
    """The declared symbol each mapped Greek letter stands for (latex = { "\\delta" = "d" },
    d declared: delta → d), for a case the prose states on it."""
    out = {}
    for key, node in ctx.latex.items():
        target = node.body if isinstance(node, Defined) else node
        if re.fullmatch(r"\\[A-Za-z]+", key) and isinstance(target, Name) \
                and target.id in ctx.symbols:
            out[key[1:]] = target.id
    return out


def _with_greek(case: str, aliases: dict[str, str]) -> str:
    """A case read with a Greek letter's declared name (r > d, from latex = { "\\delta" =
    "d" }: ``aliases``) as the prose writes it (r > delta, as names.as_case writes \\delta)."""
    back = {v: k for k, v in aliases.items()}
    return " ".join(re.sub(r"[A-Za-z]\w*", lambda m: back.get(m[0], m[0]), case).split())


def _declared_so(ctx: Context, given: list[str], name: str, shown: str) -> bool:
    """Whether the declarations already say the condition the prose states on a letter
    (λ > 0 with λ declared positive, x ≥ 0 with x nonnegative, x ≠ 0 with x positive, or a
    given that is the same comparison: α < 1 with given = ["alpha < 1"])."""
    sub = re.search(rf"{re.escape(name)}\s*_\s*(?:\{{\s*(\w+)\s*\}}|(\w))", shown) \
        if name.startswith("\\") else None
    if sub is not None:  # 0 < \beta_1 < 1: a condition on \beta_1 (the declared beta1), not β
        written = f"{name}_{sub[1] or sub[2]}"
        return _declared_so(ctx, given, written, shown.replace(sub[0], written))
    listed = _LISTED_LETTERS.fullmatch(shown.strip().strip("$"))
    if listed is not None:  # a, b > 0: each letter of the list, as a > 0 and b > 0
        names = [n.strip() for n in listed[1].split(",")]
        return name in names and _declared_so(ctx, given, name, f"{name} {listed[2]}")
    texts = {_relation_text(g) for g in given}
    if _relation_text(shown) in texts:
        return True
    alias = _declared_name(ctx, name)
    if alias and _relation_text(shown.replace(name, alias)) in texts:  # \beta_1 < 1 with
        return True  # given = ["beta1 < 1"]
    parts = _one_sided(shown, name)
    if parts is not None:  # 0 < β < 1, β ∈ (0, 1): each side declared so
        return all(_declared_so(ctx, given, name, part) for part in parts)
    if "=" in shown and _restates(ctx, given, shown):  # Σ_k y_k = 1 with sum(y) == 1 given
        return True
    if _finite_set_declared(ctx, given, name, shown):  # y ∈ {0, 1} with y(1 − y) = 0 given
        return True
    if shown.endswith(" integer"):  # "n is an integer" with n an integer symbol or a size
        letter = name.lstrip("\\")
        return letter in ctx.dims or bool(getattr(ctx.symbols.get(letter), "is_integer", False))
    if shown in ("symmetric", "a matrix"):
        mapped = ctx.latex.get(name)  # (\Sigma mapped to Sigma)
        plain = mapped.id if isinstance(mapped, Name) else name.lstrip("\\")
        if shown == "a matrix":
            return plain in ctx.symbolic_matrices or plain in ctx.matrices
        return declared_symmetric(ctx, plain, given)
    if shown == "declared":  # declared a variable under symbols (vectors, matrices)
        return ctx.kind(name.lstrip("\\")) in ("symbol", "vector", "matrix")
    if shown == "independent":  # "holding $b$ fixed": a letter the page does not define is
        letter = name.lstrip("\\")  # a variable of its own, held fixed anyway
        base = re.split(r"_", letter, maxsplit=1)[0]
        defined = _names_defined(ctx)
        return ctx.kind(letter) in ("symbol", "vector", "matrix", None) \
            and not {letter, "\\" + letter, name}.intersection(defined) \
            and f"{base}_" not in defined and base not in ctx.families \
            and not any(k.startswith(("\\" + letter + "_", letter + "_")) for k in ctx.latex)
    if shown.startswith("onehot("):  # "y is one-hot" where a given says onehot(y) or (y, t)
        return any(re.match(rf"\s*onehot\(\s*{re.escape(name.lstrip(chr(92)))}\s*[,)]", g)
                   for g in given)
    symbol = ctx.symbols.get(name.lstrip("\\"))
    if symbol is None and name in LETTERS:  # T > 0 with T declared: the letter T
        symbol = ctx.symbols.get(LETTERS[name])
    alias = _declared_name(ctx, name)
    if symbol is None and alias:  # \delta > 0 with \delta mapped to a declared positive d,
        symbol = ctx.symbols.get(alias)  # \beta_1 > 0 with beta1 declared
    if symbol is None:
        return False
    text = shown.strip().strip("$").strip()
    if not re.match(rf"\s*\\?{re.escape(name.lstrip(chr(92)))}\s*(?:>|<|\\[a-z]+|≥|≠|!=|>=)",
                    text):  # (\beta > 0 for the letter beta, declared positive)
        return False  # x − 1 > 0 is not x > 0
    rules = ((r"(?:>|\\gt)\s*0$", symbol.is_positive), (r"(?:\\geq?|≥|>=)\s*0$", symbol.is_nonnegative),
             (r"(?:\\neq?|≠|!=)\s*0$", symbol.is_nonzero), (r"(?:<|\\lt)\s*0$", symbol.is_negative))
    return any(re.search(pattern, text) and holds for pattern, holds in rules)


_ONE_LETTER = r"\\?[A-Za-z]+(?:_\{?\w+\}?)?"
_LISTED_LETTERS = re.compile(rf"\s*((?:{_ONE_LETTER}\s*,\s*)+{_ONE_LETTER})\s*"
                             r"((?:>|<|≥|≤|!=|>=|<=|\\[a-z]+).*)")


def declared_symmetric(ctx: Context, name: str, given: list[str]) -> bool:
    """Whether the declarations say the matrix ``name`` is symmetric: assume = "symmetric" at
    a symbolic size, or a given A == T(A) at an explicit one (entry by entry:
    context.hypothesis)."""
    held = ctx.symbolic_matrices.get(name)
    if held is not None:
        return isinstance(held[0], SymmetricBase)
    letter = re.escape(name)
    return name in ctx.matrices and any(
        re.fullmatch(rf"\s*(?:{letter}\s*==\s*T\(\s*{letter}\s*\)|T\(\s*{letter}\s*\)\s*=="
                     rf"\s*{letter})\s*", g) for g in given)


def _declared_name(ctx: Context, name: str) -> str:
    """The declared symbol a LaTeX name stands for: its mapping (latex = { "\\delta" = "d" }),
    or the name without its backslash and underscore (\beta_1 for beta1), or ''."""
    mapped = ctx.latex.get(name)
    if isinstance(mapped, Name) and mapped.id in ctx.symbols:
        return mapped.id
    plain = name.lstrip("\\").replace("_", "").replace("{", "").replace("}", "")
    return plain if plain in ctx.symbols else ""


def _finite_set_declared(ctx: Context, given: list[str], name: str, shown: str) -> bool:
    """``y \\in \\{0, 1\\}`` where a given leaves y exactly those values (y*(1 - y) == 0)."""
    from checker.model import Equation
    from checker.strategies.prepare import finite_values

    m = re.fullmatch(rf"\s*{re.escape(name)}\s*(?:\\in|∈)\s*\\?\{{(.*?)\\?\}}\s*",
                     shown.strip().strip("$"))
    if m is None:
        return False
    try:
        members = {Fraction(x.replace("+", "").strip()) for x in m[1].split(",")}
        declared = [finite_values(h) for h in hypotheses(given, ctx) if isinstance(h, Equation)]
    except (ValueError, ZeroDivisionError, ParseError, Bad):
        return False
    return any(values and {str(sym) for sym, _ in values} == {name.lstrip("\\")}
               and {Fraction(int(v.p), int(v.q)) for _, v in values} == members
               for values in declared)


_LESS = {"<": "<", "\\lt": "<", "\\le": "\\leq", "\\leq": "\\leq", "≤": "\\leq", "<=": "\\leq"}


_MORE = {"<": ">", "\\leq": "\\geq"}


def _one_sided(shown: str, name: str) -> list[str] | None:
    """``0 < β < 1`` or ``β ∈ (0, 1)`` as its two one-sided conditions on the letter
    (β > 0 and β < 1), or None for any other text."""
    text = shown.strip().strip("$").strip()
    n = re.escape(name)
    m = re.fullmatch(rf"(?P<n>{n})\s*\\in\s*(?P<o>[(\[])\s*(?P<a>[^,]+?)\s*,\s*(?P<b>[^,]+?)"
                     rf"\s*(?P<c>[)\]])", text)
    if m is not None:
        return [f"{name} {'>' if m['o'] == '(' else chr(92) + 'geq'} {m['a']}",
                f"{name} {'<' if m['c'] == ')' else chr(92) + 'leq'} {m['b']}"]
    ops = r"(<=|<|\\leq?|\\lt|≤)"
    m = re.fullmatch(rf"(?P<a>[^<>≤]+?)\s*{ops}\s*{n}\s*{ops}\s*(?P<b>[^<>≤]+)", text)
    if m is None:
        return None
    first, second = _LESS.get(m.group(2)), _LESS.get(m.group(3))
    if first is None or second is None:
        return None
    return [f"{name} {_MORE[first]} {m['a'].strip()}", f"{name} {second} {m['b'].strip()}"]


def _read_equation(text: str, ctx: Context) -> tuple[sp.Basic, sp.Basic, tuple] | None:
    """A formula of the prose with one '=' (LaTeX), read in the context: (left, right, where
    it is defined), or None where it is not one or cannot be read (in a second at most)."""
    from checker.parse.evaluate import Evaluator, shape_text
    from checker.parse.latex import parse_latex_expr

    sides = re.split(r"(?<![<>!\\])=", text)
    if len(sides) != 2:
        return None
    try:
        with time_limit(1.0):
            nodes = [parse_latex_expr(side, ctx) for side in sides]
            for choices in ({}, {"list": 1}):  # (entries in a row: a column, or a row, as
                ev = Evaluator(ctx, choices)    # [x_1, …, x_n]^T beside a column x)
                left, right = (ev.value(node) for node in nodes)
                if shape_text(left) == shape_text(right):
                    break
    except Exception:  # (a prose formula that is not read says nothing)
        return None
    return left, right, tuple(ev.domain)  # type: ignore[return-value]



def _restates(ctx: Context, given: list[str], shown: str) -> bool:
    """Whether the prose's equation (LaTeX) is one of the givens, read: both sides' difference
    the same (or its negative) after expanding. Anything not read is no restatement."""
    from checker.model import Equation
    from checker.strategies.symbolic_n import canonical_bound

    read = _read_equation(shown, ctx)
    if read is None:
        return False
    try:
        with time_limit(1.0):  # (Σ_k y_k and Sum(y[k], (k, 1, K)): alike but for their k's)
            stated = canonical_bound(sp.expand(read[0] - read[1]))  # type: ignore[operator]
            for h in hypotheses(given, ctx):
                if isinstance(h, Equation):
                    other = canonical_bound(sp.expand(h.lhs - h.rhs))
                    if sp.expand(stated - other) == 0 or sp.expand(stated + other) == 0:
                        return True
    except Exception:  # (arrays, a given not read: no restatement)
        return False
    return False
