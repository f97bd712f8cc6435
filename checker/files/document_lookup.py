"""What the names of a document mean so far: which are defined, used before their definition, read
as letters of their own, or left unread (and why every later use is refused).

A part of :mod:`checker.files.document`."""

from __future__ import annotations

import re
from collections.abc import Callable

from checker.files import values
from checker.files.common import (
    Bad,
)
from checker.files.document_model import _FONTS
from checker.files.letters import reader_name
from checker.files.names import (
    script_letters,
    without_differentials,
    writes_name,
)
from checker.parse.context import Context
from checker.parse.tree import (
    Call,
    Defined,
    Name,
    Node,
    ParseError,
    Pos,
    TupleLit,
    bound_indices,
    children,
    reached_free,
    walk,
)
from checker.parse.tree import Index as TreeIndex

_FAMILY = re.compile(r"(?P<base>[A-Za-z]|\\(?P<decor>[A-Za-z]+)\s*\{?\s*(?P<letter>[A-Za-z]|\\[a-z]+)\s*\}?)"
                     r"\s*_\{?(?P<index>[A-Za-z])\}?")


_SAMPLE_FAMILY = re.compile(_FAMILY.pattern.split(r"\s*_")[0]
                            + r"\s*\^\{?\(\s*(?P<index>[A-Za-z])\s*\)\}?")


class ValueOfAVariable(Bad):
    """w = 3 after lines that use w as a variable: neither a definition nor an identity."""


class UsedBefore(Bad):
    """A definition of a name an earlier definition used as a letter (see _not_used_before)."""

    letter: str | None = None  # the letter, as the reader names it


class NotAParameter(Bad):
    """f(μ, σ²) = … with σ² mapped: a definition whose parameter is no letter (refused, and
    recorded as unread: see _unread_definition)."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


class DefinedAgain(Bad):
    """A second definition of a name in one section (refused; see _unread_definition)."""

    def __init__(self, name: str) -> None:
        super().__init__(f"{name} is defined already in this section: a second definition would "
                         "make the lines before and after it mean different things; give the new "
                         "one another name")
        self.name = name


def _defined_again(name: str) -> Bad:
    return DefinedAgain(name)


def _bound_before(latex: str, bound: list[tuple[str, str, int]], ctx: Context, given: list[str],
                  implied: Callable[[str, str], bool]) -> None:
    """Refuse a display that uses (or reaches) a letter the prose before an earlier display
    of its section bound (a definition or a hypothesis in prose, which is not read)."""

    indices = script_letters(latex)  # (an index case, i = j, is the display's own to state)
    for name, span, at in bound:
        through = name in {n.lstrip("\\") for n in defined_cases(f"${span}$", latex, ctx)}
        if (not through and (name in indices or not (  # ("Assume $u > 0$." with u = x − 3:
                writes_name(latex, name) or _reaches(latex, name, ctx, given))  # on x too)
                or not _own_letter(name, ctx))) or implied(name, span):  # (identities were
            continue                                                     # never recorded)
        raise Bad(f"the prose before the display at line {at} says ${span}$, which is not read "
                  f"(a hypothesis or a definition in prose): checked without it, {name} would "
                  f"be free to take any value here. Write it as a display before this one "
                  rf"(\[{span}\]), or a condition after the step (\quad ({span})) or under "
                  "given", pos=Pos(1, 1))


def _proved_identity(span: str, ctx: Context) -> bool:
    r"""Whether a formula in prose (``\log(ab) = \log a + \log b``) is an identity the engine
    proves (exactly, in a second at most): it holds for every value, so it binds no letter.
    Anything not read or not proved is no identity (the display is then refused)."""
    from checker.parse.latex import parse_latex_expr

    sides = re.split(r"(?<![<>!\\])=", span)  # A = B = C: each equality an identity
    if len(sides) < 2:
        return False
    try:
        return values.proved_equal([parse_latex_expr(side, ctx) for side in sides], ctx)
    except ParseError:
        return False


def _defined_name(name: str, ctx: Context) -> bool:
    """A LaTeX name the document or the declarations give a value (ŷ = softmax(z), L = …)."""
    from checker.parse.latex import parse_latex_expr

    if name in ctx.latex:
        return True
    try:
        node = parse_latex_expr(name, ctx)
    except ParseError:
        return False
    return isinstance(node, Defined) or (isinstance(node, Name) and (
        node.id in ctx.latex or node.id in ctx.families))


def _own_letter(name: str, ctx: Context) -> bool:
    """A LaTeX name that is a letter of its own here (undeclared, nothing defines it) or a
    variable the declarations give no value."""
    from checker.parse.latex import parse_latex_expr

    try:
        node = parse_latex_expr(name, ctx)
    except ParseError:
        return False
    if not isinstance(node, Name) or node.id in ("E", "pi"):
        return False
    return (ctx.kind(node.id) is None and node.id not in ctx.latex and name not in ctx.latex
            and node.id not in ctx.families) or _valueless(name, ctx)


def scalar_letters(latex: str, ctx: Context) -> tuple[str, ...]:
    """The reader's names of the letters a display writes that are scalars: the declared
    symbols, and the letters nothing declares or defines (read as real numbers, as on a page
    with no declarations), so that a case the prose states on one (If $x > 0$:) is read as
    of any symbol. Not a vector, matrix, function, size or defined name."""
    from checker.parse.latex import parse_latex_expr

    out = dict.fromkeys(ctx.symbols)
    for written in dict.fromkeys(re.findall(r"(?<![A-Za-z\\])[A-Za-z](?![A-Za-z])|\\[A-Za-z]+",
                                            without_differentials(latex))):
        try:
            node = parse_latex_expr(written, ctx)
        except ParseError:
            continue
        if isinstance(node, Name) and node.id not in ("E", "pi", "e") \
                and ctx.kind(node.id) is None and node.id not in ctx.latex \
                and written not in ctx.latex and node.id not in ctx.families:
            out[node.id] = None
    return tuple(out)


def defined_cases(prose: str, latex: str, ctx: Context) -> tuple[str, ...]:
    """The names the prose's math writes that the page defines as a number from the display's
    letters (u for u = x − 3 before "If $u > 0$:" and |x − 3| = x − 3): a case on one is a
    case on the display (its hypothesis u > 0 is x − 3 > 0), though the display does not write
    it."""
    from checker.files.members import member_value
    from checker.parse.latex import parse_latex_expr

    found: list[tuple[str, Defined]] = []
    for written in dict.fromkeys(re.findall(  # (u, u_1, \hat{y}, \mu)
            r"(?<![A-Za-z\\])[A-Za-z](?:_\{?[A-Za-z0-9]+\}?)?(?![A-Za-z])|\\[A-Za-z]+"
            r"(?:\s*\{[A-Za-z]\}|\s+[A-Za-z](?![A-Za-z]))?(?:_\{?[A-Za-z0-9]+\}?)?",
            " ".join(re.findall(r"\$([^$]*)\$", prose)))):
        try:
            node = parse_latex_expr(written, ctx)
        except ParseError:  # (u_1 beside u_i = x_i − 5 defined at the index only)
            node = member_value(reader_name(written), ctx)
            if node is None:
                continue
        if isinstance(node, Call) and node.func == "_member":  # (u_1 of a family)
            node = Defined(written, node.args[2], node.pos)
        if isinstance(node, Defined) and not _is_array_body(node.body, ctx):
            found.append((written, node))
    if not found:  # (the display read only where the prose names a defined number)
        return ()
    mine = {n.id for n in _names_of(latex, ctx)}
    members = {n.rpartition("_")[0] for n in mine if re.fullmatch(r".+_(?:[A-Za-z]|\d+)", n)}
    return tuple(written for written, node in found  # (u_i = x_i − 5 with "Let $u_i > 0$."
                 if {n.id for n in walk(node.body) if isinstance(n, Name)} & mine  # beside x_2:
                 or (re.search(r"_\{?[a-z]\}?$", written)  # x_i − 5 > 0 is of x_2 − 5; not
                     and {n.id.rpartition("_")[0] for n in walk(node.body)  # E = (T − L_k)²/2
                          if isinstance(n, Name) and re.fullmatch(r".+_[a-z]", n.id)}  # beside
                     & members))  # L_i = …: E is no member)


def _names_of(latex: str, ctx: Context) -> list[Name]:
    from checker.parse.latex_chain import parse_latex_steps

    try:
        steps = parse_latex_steps(latex, ctx)
    except (ParseError, Bad, ValueError):
        return []
    return [n for s in steps if s.node is not None for n in walk(s.node) if isinstance(n, Name)]


def _is_array_body(body: Node, ctx: Context) -> bool:
    """Whether a definition's value writes a declared vector or matrix whole (not an entry
    of one: x_1 − 5 of a vector x is a number)."""
    if isinstance(body, Name):
        return ctx.kind(body.id) in ("vector", "matrix")
    return any(_is_array_body(c, ctx) for c in (
        body.indices if isinstance(body, TreeIndex) else children(body)))


def _valueless(name: str, ctx: Context) -> bool:
    """A LaTeX name the declarations make a variable (symbol, vector, matrix) with no value."""
    from checker.parse.latex import parse_latex_expr

    try:
        node = parse_latex_expr(name, ctx)
    except ParseError:
        return False
    return isinstance(node, Name) and ctx.kind(node.id) in ("symbol", "vector", "matrix") \
        and node.id not in ctx.latex and name not in ctx.latex and node.id not in ctx.dims


def _reaches(latex: str, name: str, ctx: Context, given: list[str]) -> bool:
    """Whether the display uses the LaTeX name ``name`` as a letter through what it is written
    in: a definition's value (L for L = u²), a function's body, as far as they go. (Not a name
    the givens state something of: μ₂ = 0 in the prose restates given = ["mu_2 == 0"].)"""
    from checker.parse.latex import parse_latex_expr
    from checker.parse.latex_chain import parse_latex_steps

    try:
        target = parse_latex_expr(name, ctx)
        steps = parse_latex_steps(latex, ctx)
    except (ParseError, Bad, ValueError):
        return False
    if not isinstance(target, Name) or any(
            target.id in re.findall(r"[A-Za-z_]\w*", g) for g in given):
        return False
    def params_body(f: str) -> tuple[tuple[str, ...], Node] | None:
        fn = ctx.functions.get(f)
        return (tuple(fn.params), fn.body) if fn is not None and fn.body is not None else None

    reached = set().union(*(reached_free(s.node, params_body) for s in steps  # (not the j of
                             if s.node is not None))  # a sum in a definition: "If $i = j$")
    laws = {str(sym) for r in reached if r in ctx.random  # (w ~ variance s: Var(w_i) reaches s)
            for sym in getattr(ctx.random[r], "free_symbols", ())}
    return target.id in reached or target.id in laws


def _not_used_before(name: str, ctx: Context) -> None:
    """L = ½(ŷ − y)², then ŷ = σ(wx): L's ŷ was a letter of its own where L was defined, so
    defining ŷ now would leave L meaning something else than its line says (∂L/∂w = 0 was
    proved). Refused; later uses of ŷ are then refused too (see _unread_definition)."""
    from checker.parse.latex import parse_latex_expr

    try:
        node = parse_latex_expr(name, ctx)
    except ParseError:
        return
    if isinstance(node, Name) and node.id in ctx.free_uses:
        kind = ctx.kind(node.id)
        what = "a letter of its own" if kind is None else f"the declared {kind} {name}"
        exc = UsedBefore(f"{name} = …: {name} is used before this line, in "
                         f"{ctx.free_uses[node.id]}, as {what} (nothing defined it "
                         f"there); a definition holds from where it is written, so that line "
                         f"would not mean what it says. Define {name} before it (move this "
                         "display up)", pos=Pos(1, 1))
        if kind is None:  # (a declared variable had a meaning there: never read again)
            exc.letter = node.id
        raise exc


def _record_free(ctx: Context, name: str, node: Node, params: tuple[str, ...] = ()) -> None:
    """The undeclared names a definition's right side uses as letters of their own."""
    bound = bound_indices(node) | set(params) | {
        n.args[1].items[0].id for n in walk(node)  # type: ignore[union-attr]
        if isinstance(n, Call) and n.func == "Integral" and len(n.args) == 2
        and isinstance(n.args[1], TupleLit) and isinstance(n.args[1].items[0], Name)}
    for n in walk(node):  # (a declared variable too: p := softmax(z) after J = 3 p_1)
        if isinstance(n, Name) and n.id not in bound and not n.id.startswith("_") \
                and ctx.kind(n.id) in (None, "symbol", "vector", "matrix") \
                and n.id not in ctx.latex and n.id not in ("E", "pi"):
            ctx.free_uses.setdefault(n.id, f"the definition of {name}")
            if name not in ctx.free_users.get(n.id, []):  # (a new list: a subsection's copy
                ctx.free_users[n.id] = [*ctx.free_users.get(n.id, []), name]  # shares none)


_FONT = re.compile(rf"\s*\\(?:{_FONTS})\b")  # a name in a font


def _function_name(name: str, ctx: Context) -> str | None:
    """The name the reader knows a function by, where the page writes it in a font:
    \\operatorname{LSE}, \\text{MSE}, \\mathrm{LSE} are LSE, MSE; \\mathcal{L} is the reader's
    name for the letter (Lcal)."""
    from checker.parse.latex import parse_latex_expr

    word = re.fullmatch(rf"\s*\\(?:{_FONTS})\s*\{{\s*([A-Za-z](?:[A-Za-z0-9]|\\?_)*)\s*\}}\s*",
                        name)
    if word is not None:
        return word.group(1).replace("\\_", "_")
    if re.fullmatch(r"\s*\\[A-Za-z]+\s*\{[^{}]+\}\s*", name):
        try:
            node = parse_latex_expr(name, ctx)
        except ParseError:
            return None
        return node.id if isinstance(node, Name) else None
    return None


def _scripted_name(name: str, ctx: Context) -> str | None:
    """The reader's name of a function written with a subscript (h_\\theta, h_{w,b}: the
    hypothesis of Andrew Ng's notes): h_theta, h_w_b, as the expressions read it."""
    from checker.parse.latex import parse_latex_expr

    if not re.fullmatch(r"\s*[A-Za-z]\s*_\s*(?:\\[A-Za-z]+|\{[^{}]+\}|[A-Za-z0-9])\s*", name):
        return None
    try:
        node = parse_latex_expr(name, ctx)
    except ParseError:
        return None
    return node.id if isinstance(node, Name) and node.id.isidentifier() else None


def _parameter(written: str) -> str:
    """A function's parameter as the body reads it: \\theta is theta."""
    command = re.fullmatch(r"\\([A-Za-z]+)", written)
    if command:
        return command[1]
    scripted = re.fullmatch(r"\\?([A-Za-z]+)\s*_\s*\{?\s*([A-Za-z0-9]+)\s*\}?", written)
    return f"{scripted[1]}_{scripted[2]}" if scripted else written  # \theta_0: theta_0


def _names_defined(ctx: Context) -> set[str]:
    """The names a display may define: LaTeX names, functions, and sequences (``v_`` for
    v_t = β v_{t−1} + …, whose members v_1, v_2 … it defines)."""
    return set(ctx.latex) | set(ctx.functions) | {f"{base}_" for base in ctx.recurrences}


def _unread_keys(name: str, ctx: Context) -> tuple[str, str | None]:
    """The reader's name for a defined name, and its family's key (L_k: every L_j is that
    definition at j; γ_k, r_{nk}: γ_1, r_{n1} too), as unread definitions are recorded."""
    from checker.parse.latex import parse_latex_expr

    try:
        node = parse_latex_expr(name, ctx)
    except ParseError:
        node = None
    key = node.id if isinstance(node, Name) else name
    family = _FAMILY.fullmatch(key) or re.fullmatch(
        r"(?P<base>[A-Za-z]+)_(?P<index>[A-Za-z]+)", key)
    return key, (family["base"] + "_" if family else None)


def _not_unread(name: str, ctx: Context) -> None:
    """m_t = … after a display that defines m_t and could not be read: a second definition,
    or a claim about the first? Refused."""
    if not ctx.unread:
        return
    key, family = _unread_keys(name, ctx)
    member = re.fullmatch(r"([A-Za-z]+)_\w+", key)  # ψ_2 of the family ψ_t (not read)
    keys = [k for k in (key, family, f"{member[1]}_" if member else None) if k]
    found = next((k for k in keys if k in ctx.unread), None)
    if found is not None:
        line, defined = ctx.unread[found], ctx.unread_names.get(found, name)
        raise Bad(f"{name} = …: the display at line {line} defines "
                  f"{defined}, and could not be read, so whether this "
                  "line defines it again or says something about that definition cannot be "
                  "told; fix that display first", pos=Pos(1, 1))
