"""Displays that define a name (s(x)_i = …, :=, a name alone on the left): what they define, at
which indices or labels, and the refusals that keep a definition meaning what it means where it
is written.

A part of :mod:`checker.files.document`."""

from __future__ import annotations

import re

from checker.files import values
from checker.files.common import (
    Bad,
)
from checker.files.document_lookup import (
    _FAMILY,
    _FONT,
    _SAMPLE_FAMILY,
    DefinedAgain,
    NotAParameter,
    UsedBefore,
    ValueOfAVariable,
    _defined_again,
    _function_name,
    _not_unread,
    _not_used_before,
    _parameter,
    _record_free,
    _scripted_name,
    _unread_keys,
)
from checker.files.document_model import (
    DEFINES,
    NAME,
    Document,
)
from checker.files.entry_definitions import matrix_by_entries
from checker.files.names import (
    USED,
    imaginary_in,
    script_letters,
    top_level_eq,
    variance_definition,
    word_definition,
)
from checker.files.sequences import first_value, recurrence, steps_forward
from checker.parse import conditional, divergence, latex_random
from checker.parse.context import SHORT_NAMES, Context, UserFunction, overload
from checker.parse.latex_lexer import GREEK
from checker.parse.tree import (
    VARIANCES,
    Call,
    Defined,
    Name,
    Node,
    ParseError,
    Pos,
    bound_indices,
    walk,
)
from checker.parse.tree import plain as plain_text
from checker.parse.unicode_math import as_latex
from checker.vocabulary import BY_NAME


def _definition(latex: str, ctx: Context, seen: set[str], before: str,
                check_uses: bool = True) -> tuple[str, str, str] | None:
    """(name, parameters, right side) if the chain defines a name (see _definition_of);
    a name whose earlier definition could not be read is refused (_not_unread)."""
    latex, bars = _unbarred(latex)
    if check_uses:
        _another_density(latex, ctx)
    found = _definition_of(latex, ctx, seen, before, check_uses)
    if found is not None and check_uses:
        _not_unread(found[0], ctx)
    if found is not None and bars and found[1]:  # p(y | x; w) = …: its bars kept for _define
        found = (found[0], conditional.shown(tuple(p.strip() for p in found[1].split(",")), bars),
                 found[2])
    return found


_DENSITY_AT = re.compile(r"\s*&?\s*([A-Za-z])\s*(?:\\left\s*)?\(\s*([A-Za-z]\w*)\s*(?:\\right\s*)?\)"
                         r"\s*&?\s*=")


def _another_density(latex: str, ctx: Context) -> None:
    """p(x) = … after a density p(y) = …: another density, or a claim about p at x? Refused,
    and p is contested from here on: the lines after it cannot tell which p they mean (p(1)
    was read with the first, and a true line about the second refuted)."""
    other = _DENSITY_AT.match(latex)
    fn = ctx.functions.get(other[1]) if other else None
    if other is None or fn is None or not fn.by_letters or fn.bars or len(fn.params) != 1 \
            or other[2] == fn.params[0]:
        return
    name, letter = other[1], other[2]
    ctx.contested[name] = (
        f"{name}: a display writes {name}({letter}) = … beside {name}({fn.params[0]}) = …, which "
        "may define another density (not read), so which one a line after it means cannot be "
        "told; give the other density a name of its own")
    raise Bad(f"{name}({letter}) = …: {name} is defined as {name}({fn.params[0]}) = …, and this "
              f"may define the density of {letter} (another function: probability notation "
              f"names densities by their letters) or say something of {name} at {letter}; give "
              f"the other density a name of its own ({name}_{letter}, q)", pos=Pos(1, 1))


def _unbarred(latex: str) -> tuple[str, tuple[int, ...]]:
    """A chain whose left side is f(… | …) (checker.parse.conditional), with the bars of its
    parameters written as commas, and where they were; anything else unchanged."""
    head = re.match(r"[^=(]*\((?P<params>[^()]*)\)", latex)
    if head is None or "=" not in latex[head.end():]:
        return latex, ()
    params, bars = conditional.split_params(head["params"])
    if not bars or any(not p.strip() for p in params.split(",")):  # (f(|x|) = …: no bar)
        return latex, ()
    return latex[:head.start("params")] + params + latex[head.end("params"):], bars


# one letter set in an upright, italic, sans-serif or text font (\mathrm{h}_1, \mathsf{W}, \textbf{a}):
# the reader reads it as the letter (but \mathrm{e}, Euler's number, and \mathrm{d}, a differential)
_LETTER_IN_A_FONT = re.compile(r"\\(?:mathrm|mathit|mathsf|mathtt|textbf|textit|textrm|textsf|text)"
                               r"\s*\{\s*([A-CF-Za-ce-z])\s*\}")


def _definition_of(latex: str, ctx: Context, seen: set[str], before: str,
                   check_uses: bool = True) -> tuple[str, str, str] | None:
    """(name, parameters, right side) if the chain defines a name, else None: its first
    relation is a definition sign, or its left side is a name (or f(x, …) with plain
    variables) that the document has not declared, mapped or used before. A name that an
    earlier definition used as a letter of its own is refused (unless ``check_uses`` is
    False: what the name would be, for :func:`_unread_definition`)."""
    from checker.parse.latex import parse_latex_expr

    explicit = DEFINES.search(latex)
    if explicit:
        lhs, rhs = latex[:explicit.start()], latex[explicit.end():]
    elif "=" in latex:
        lhs, rhs = latex.split("=", 1)
    else:
        return None
    lhs = as_latex(lhs.replace("&", " "))  # ŷ = σ(z), θ = w + 1: the LaTeX names they print
    lhs = _LETTER_IN_A_FONT.sub(r"\1", lhs)  # \mathrm{h}_1 = …: h_1, as the reader reads it
    density = _normal_density(lhs, rhs, ctx)
    if density is not None:  # p = N(μ, σ²): p(t) the normal density (p(x) is then its value)
        lhs, rhs = density
    label = divergence.key_of(lhs, ctx)  # KL(P \| Q) = …: the divergence's name
    if label is not None:
        head = divergence.parts(label)[0]
        if explicit and label in seen and label in ctx.latex:
            raise _defined_again(label)
        known = label in ctx.latex or label in seen or any(  # KL(Q‖P) after KL(P‖Q): the
            divergence.parts(k)[0] == head for k in (*ctx.latex, *ctx.unread)  # same one
            if divergence.SEPARATOR in k)
        if known:
            return None
        _, a, b = divergence.parts(label)
        numbers = all(ctx.kind(f) == "symbol" for f in (a, b)) and all(  # Bernoulli's p
            re.search(rf"(?<![A-Za-z\\]){re.escape(f)}(?![A-Za-z])", rhs) for f in (a, b))
        # and q: the divergence of two laws given by numbers, a function of them written out
        if check_uses and not numbers and not all(
                re.search(rf"(?<![A-Za-z\\]){re.escape(f)}\s*(?:\\left)?\(", rhs)
                                  or (ctx.kind(f) == "vector"  # KL(p ‖ q) = Σ_k p_k log(p_k/q_k)
                                      and re.search(rf"(?<![A-Za-z\\]){re.escape(f)}_", rhs))
                                  for f in (a, b)):
            raise Bad(f"{label} = …: a divergence is defined by an expression in its two "
                      f"functions ({a}(x) and {b}(x), as in an integral); this right side does "
                      "not apply them, so it would be a constant of its own, not the divergence: "
                      "write its definition first, and its value as a claim after it",
                      pos=Pos(1, 1))
        return label, "", rhs
    bold = re.fullmatch(r"\s*\\(?:mathbf|boldsymbol|bm|vec)\s*\{\s*([A-Za-z])\s*\}\s*", lhs)
    if bold is not None and " ".join(lhs.split()) not in ctx.latex and (
            ctx.kind(bold[1]) == "symbol" or bold[1] in ctx.latex):  # z declared, \mathbf{z} = …
        raise Bad(f"{lhs.strip()} = …: {bold[1]} is {'declared' if ctx.kind(bold[1]) else 'defined'} "
                  f"a number here, and bold {bold[1]} reads as the same name: that number, or a "
                  "vector of its own? Give the vector another letter", pos=Pos(1, 1))
    if first_value(ctx, lhs) or steps_forward(ctx, lhs, rhs):
        return lhs.strip(), "", rhs
    scripted = re.fullmatch(r"\s*([A-Za-z]{2,})\s*_\s*\{?\s*([A-Za-z0-9]+)\s*\}?\s*", lhs)
    if scripted is not None and ctx.kind(scripted[1]) == "symbol" \
            and lhs.strip() not in seen and lhs.strip() not in ctx.latex:
        word, at = scripted[1], scripted[2]  # net_j = … with net declared: net_j's definition,
        if not check_uses:  # (what it would define: later uses of net_… are refused with it)
            return lhs.strip(), "", rhs
        raise Bad(f"{lhs.strip()} = …: {word} is declared (a number), so {lhs.strip()} reads as a "  # or a
                  f"symbol of its own and this line as a claim about it; to define {word}_{at} "  # claim?
                  f"for each {at}, do not declare {word} and write \\mathrm{{{word}}}_{at} = … "
                  f"(and \\mathrm{{{word}}}_… where it is used)", pos=Pos(1, 1))
    family = FONT_FAMILY.fullmatch(lhs)  # \mathrm{net}_j = Σ_i w_ji x_ji: a family by its word
    if family is not None and ctx.kind(family[1]) is None and family[1] not in ctx.families \
            and family[1].lower() not in BY_NAME and family[1].lower() not in SHORT_NAMES \
            and family[1] not in ctx.latex:
        if check_uses:
            _not_used_before(lhs.strip(), ctx)
        return lhs.strip(), "", rhs
    m = NAME.match(lhs)
    word = re.fullmatch(r"\s*([A-Za-z]{2,6})\s*(?:\\left)?\(([^()]*)(?:\\right)?\)\s*", lhs)
    if m is None and word is not None and word[1].lower() not in BY_NAME \
            and word[1].lower() not in SHORT_NAMES and word[1] not in ctx.functions \
            and word[1] not in ("ln", "log", "exp", "lg") \
            and all(ctx.kind(c) is None and c not in ctx.latex for c in word[1]):
        # FL(z) = … (the focal loss): the function FL, or F times L(z)?
        raise Bad(f"{word[1]}({word[2]}) = …: one name {word[1]}, or the letters "
                  f"{'·'.join(word[1][:-1])} times {word[1][-1]}({word[2]})? Write "
                  f"\\operatorname{{{word[1]}}}({word[2]}) = … for a function of its own "
                  "(and \\operatorname{…} where it is used)", pos=Pos(1, 1))
    if m is None or (not m.group("params") and _FONT.match(m.group("name"))):  # \text{MSE} = …
        variance = variance_definition(lhs, rhs, ctx, seen)
        if variance is not None and check_uses:  # u = a σ_B² before σ_B² = …: σ_B was a letter
            letter = "sigma" + variance[0][len("\\sigma"):-len("^2")]
            if letter in ctx.free_uses:
                raise UsedBefore(f"{variance[0]} = …: σ is used before this line, in "
                                 f"{ctx.free_uses[letter]}, as a letter of its own; a definition "
                                 "holds from where it is written, so that line would not mean "
                                 "what it says. Define the variance before it", pos=Pos(1, 1))
        return variance or word_definition(lhs, rhs, ctx, seen)
    name, params = m.group("name").strip(), (m.group("params") or "").strip()
    params = params.replace(";", ",")  # J(\theta; X, y): parameters; data, as the reader reads it
    params = re.sub(r"\\(?:mathbf|boldsymbol|bm|vec)\s*\{\s*(\\?[A-Za-z]+)\s*\}",
                    lambda b: _bold_parameter(b, ctx),
                    params)  # f(\mathbf{x}) = …: the parameter x, bold as the reader reads it
    # (unless the page maps \mathbf{x} to something of its own)
    if params and not all(re.fullmatch(r"\\?[A-Za-z]\w*", p.strip()) for p in params.split(",")):
        mapped = next((p.strip() for p in params.split(",")  # (σ² → v, a scalar's letter)
                       if isinstance(value := ctx.latex.get(" ".join(p.split())), Name)
                       and ctx.kind(value.id) == "symbol"), None)
        if mapped is not None and (_function_name(name, ctx) or "") not in BY_NAME:
            letter = ctx.latex[" ".join(mapped.split())].id  # type: ignore[union-attr]
            raise NotAParameter(name, f"{name}({params}) = …: a parameter must be a letter, and {mapped} is "
                      f"mapped to {letter}: write {name}({params.replace(mapped, letter)}) = … "
                      f"(the right side may keep {mapped}), so that {name} is defined")
        return None  # σ(−x) = …: a claim about a known function, not a definition
    bare = (_function_name(name, ctx) or name.lstrip("\\")) if params else ""
    other = ctx.functions.get(bare) if params else None
    arity = len(params.split(",")) if params else 0
    if other is not None and other.body is not None and other.params \
            and arity != len(other.params) and overload(bare, arity) not in ctx.functions \
            and not any(k.startswith(f"{bare}/") for k in ctx.functions) \
            and len({p.strip() for p in params.split(",")}) == arity \
            and re.search(r"[A-Za-z]", re.sub(r"\\[A-Za-z]+", " ", rhs)):  # (not H(p, q, p),
        # H(p, q, r) = 0 beside them, nor a value: those are claims, and refused)
        return name, params, rhs  # H(p, q) = … after H(p) = …: a function beside it
    if bare in latex_random.OPERATORS and ctx.random and bare not in ctx.functions:
        # E(X) = μ where random variables are declared: an expectation, or E's definition?
        if bare != "E" or any(re.search(rf"(?<![A-Za-z\\]){re.escape(r)}(?![A-Za-z])", params)
                              for r in ctx.random):
            return None  # a variance, or E of a declared random variable: a claim
        raise Bad(f"{name}({params}) = …: random variables are declared, so {name}(…) may be an "
                  f"expectation (or a variance), or this line may define a function {name}: "
                  "write \\mathbb{E}[…] for an expectation, or give the function another name",
                  pos=Pos(1, 1))
    new_fn = bool(bare) and bare.lower() not in BY_NAME and bare.lower() not in SHORT_NAMES \
        and ctx.kind(bare) is None
    glued = None if not new_fn else next(
        (p.strip() for p in params.split(",") if re.fullmatch(r"[A-Za-z]{2,}", p.strip())
         and ctx.kind(p.strip()) is None and all(ctx.kind(c) is not None for c in p.strip())),
        None)
    if glued is not None:  # f(BC) = f(CB), B and C declared: about B·C, or f's definition?
        raise Bad(f"{name}({params}) = …: {glued} is not declared, and its letters are: one "
                  f"parameter {glued}, or the product {'·'.join(glued)}? Write "
                  f"{name}({' '.join(glued)}) for the product, or give the parameter another "
                  "name", pos=Pos(1, 1))
    scripted = _scripted_name(name, ctx) if params else None
    if scripted is not None:  # f_2(u) = … after f_w(u) = …: f_w at w = 2, or a new function?
        base = scripted.split("_")[0]
        other = next((f for f in ctx.functions if f != scripted and f.startswith(f"{base}_")
                      and ctx.functions[f].body is not None  # (f_1 and f_2: two functions)
                      and not f[len(base) + 1:].isdigit()), None)
        if other is not None:
            raise Bad(f"{name}({params}) = …: the document defines {other}(…) already, and "
                      f"{name} may be it at another subscript (a claim about it) or a new "
                      "function: give the new function another name", pos=Pos(1, 1))
    if check_uses:  # (a function too: L(w) = (h(w) − y)², then h(w) = wx)
        _not_used_before(name, ctx)
    if explicit:
        defined = name.lstrip("\\") in ctx.functions if params else name in ctx.latex
        if name in seen and defined:  # c := 2, then c := 3 in the same section
            raise _defined_again(name)
        values.no_entry_of_a_declared_vector(name, params, ctx)
        return name, params, rhs
    declared = ctx.functions.get(name.lstrip("\\")) if params else None
    if declared is not None and declared.body is None:
        # f(x) = x² with f declared arbitrary: its definition, or a claim about every f?
        if not check_uses:  # (what it would define: later uses of f are refused with it)
            return name, params, rhs
        raise Bad(f"{name}({params}) = …: {name} is declared arbitrary (nothing is assumed of "
                  f"it), so this line would claim that every function {name} is this one; "
                  f"if it defines {name}, write {name}({params}) := … (a definition, which "
                  "replaces the declaration from there on)",
                  pos=Pos(1, 1))
    marked = re.fullmatch(r"\\?([A-Za-z]\w*)\^\{\((\w+)\)\}", name)
    one = marked is not None and len(params.split(",")) == 1 and (
        marked[1] in BY_NAME or (marked[1] in ctx.functions and len(ctx.functions[marked[1]].params) <= 1))
    if marked and params and (marked[2].isdigit() or marked[2] in ctx.dims or (
            one and re.fullmatch(r"[A-Za-z]", marked[2]))) and (
            marked[1] in ctx.functions or marked[1] in BY_NAME):  # f^{(2)}(x), h^{(k)}(x) = …
        # (a function of one variable: its derivative of order k is as plausible as a new
        # function; J^{(i)}(w, b) beside J(w, b), of two, is a sample's)
        how = f"write {marked[1]}{chr(39) * int(marked[2])}(…) for the derivative" \
            if marked[2].isdigit() else "a derivative of symbolic order is not read"
        raise Bad(f"{name}({params}) = …: {marked[1]} is a function here, so "
                  f"{marked[1]}^{{({marked[2]})}} may be its derivative of order {marked[2]} or "
                  f"a function of its own; {how}; give a new function another name",
                  pos=Pos(1, 1))
    if marked and params:  # J^{(i)}(w, b) = …: the function J^(i), beside J if there is one
        fid = f"{marked[1]}^({marked[2]})"
        other = next((f for f in ctx.functions if f.startswith(f"{marked[1]}^(") and f != fid
                      and not (f[len(marked[1]) + 2:-1].isdigit() and marked[2].isdigit())),
                     None)
        if other is not None:  # J^{(j)}(w) = … after J^{(i)}(w) = …: J^(i) at j, or new?
            raise Bad(f"{name}(…) = …: the document defines {other}(…) already, and "
                      f"{marked[1]}^({marked[2]}) may be it at another sample, or a new "
                      "function: give the new function another name", pos=Pos(1, 1))
        return (name, params, rhs) if ctx.kind(fid) is None and fid not in seen \
            and name not in seen else None
    font = _function_name(name, ctx) if params else None
    if font is not None and _FONT.match(name):
        known = font.lower() in BY_NAME or font.lower() in SHORT_NAMES \
            or ctx.kind(font) is not None  # \text{MSE}(w) = …:
        return None if known or font in seen or name in seen else (name, params, rhs)  # new
    try:
        node = parse_latex_expr(name, ctx, defining=True)
    except ParseError:
        return None
    if isinstance(node, Name) and node.id == "E" and name == "e" and not params and re.search(
            r"[A-Za-z]", re.sub(r"\\[A-Za-z]+|\be\b", " ", rhs)):
        raise Bad("e = …: e is Euler's number here, so this line would claim that Euler's number "
                  f"equals {' '.join(rhs.split())}, while it may name something of its own (an "
                  "error term): write another letter for it, or declare e under [context] "
                  "symbols (then Euler's number is \\exp(1))", pos=Pos(1, 1))
    new = isinstance(node, Name) and ctx.kind(node.id) is None and node.id not in ("E", "pi") \
        and not _has_family_key(ctx, name)
    if not new or name in seen or node.id in seen:  # type: ignore[union-attr]
        return None  # a name the document already has: this display says something about it
    if check_uses and not params and USED + node.id in seen and (not re.search(  # type: ignore[union-attr]
            r"[A-Za-z]", re.sub(r"\\[A-Za-z]+", " ", rhs)) or any(  # (w = y after d/dw …)
            str(v) == node.id for variables, _ in ctx.differentiated for v in variables)):  # type: ignore[union-attr]
        # (w − 2)² = w² − 4w + 4, then w = 3: w was a variable of the lines before, and this
        # gives it a value: no definition (it would change what later lines mean), and no
        # identity either. (L = −(y log a + …) after a line that states the goal in L: its
        # definition, from here on, as before.)
        raise ValueOfAVariable(f"{name} = …: {name} is a variable of an earlier display of this section, so "
                  f"this line can be neither a definition of {name} (a definition holds from "
                  f"where it is written, before {name} is used) nor an identity (it says {name} "
                  "takes one value; a solution of an equation is not checked): write it in "
                  f"prose, or define {name} before its first use", pos=Pos(1, 1))
    return name, params, rhs


def _bold_letter(bold: re.Match, ctx: Context) -> bool:
    """\\mathbf{x}, \\boldsymbol{\\beta}: the letter itself as a parameter, where the page maps
    the bold form to nothing, or to that letter's own declared name (\\boldsymbol{\\beta} →
    beta: J(\\boldsymbol{\\beta}) = … defines J of β; it was read as J times β, and refuted by
    its shape). A Greek command is a letter only where it is one (\\beta, not \\sum)."""
    inner = bold.group(1)
    if inner.startswith("\\") and inner[1:] not in GREEK:
        return False
    if not inner.startswith("\\") and len(inner) != 1:
        return False
    mapped = ctx.latex.get(" ".join(bold.group(0).split()))
    return mapped is None or (isinstance(mapped, Name) and mapped.id == inner.lstrip("\\")
                              and ctx.kind(mapped.id) is not None)


def _bold_parameter(bold: re.Match, ctx: Context) -> str:
    """The parameter a bold form in a definition's head names: its letter (_bold_letter), or
    the declared name the page maps it to (\\boldsymbol{\\Sigma} → S: f(\\boldsymbol{\\Sigma})
    = tr(\\boldsymbol{\\Sigma}) defines f of S; it was f times S, refuted by its shape); else
    as written."""
    if _bold_letter(bold, ctx):
        return bold.group(1)
    mapped = ctx.latex.get(" ".join(bold.group(0).split()))
    if isinstance(mapped, Name) and ctx.kind(mapped.id) in ("vector", "matrix"):
        return mapped.id
    return bold.group(0)


def _pinned(name: str, params: tuple[str, ...], body: Node,
            ctx: Context) -> tuple[tuple[str, str], ...]:
    """L(w) = z² after z = w x: L's w is its parameter, and z's w the letter of z's definition
    (read where it is written). At L's own letters (∂L/∂w) the two agree; L(1) would not put 1
    into z, and whether the author means that cannot be told: such calls are refused
    (checker.parse.evaluate). So for every letter L reaches other than through its own
    parameters: in a definition, a sequence's recurrence, or a function it calls (f(x) = σ(z),
    then L(w, b) = (f(x) − y)²), at any depth."""
    out: dict[str, str] = {}
    seen: set[int] = set()

    def reach(node: Node, where: str, own: frozenset[str]) -> None:
        if id(node) in seen:
            return
        seen.add(id(node))
        for n in walk(node):
            if isinstance(n, Name) and n.id in params and n.id not in own and where:
                out.setdefault(n.id, f"{n.id} is a parameter of {name}, and {where} (defined "
                                     f"before, where {n.id} is the letter of the page) is "
                                     f"written in {n.id} too, so {name} at another {n.id} would "
                                     f"not put it there: write {where}'s expression out in "
                                     f"{name}'s definition, or name the parameter apart")
            if isinstance(n, Defined):
                reach(n.body, where or n.name, frozenset())
            elif isinstance(n, Call) and n.func == "_seq" and isinstance(n.args[0], Name):
                inner = ctx.recurrences.get(n.args[0].id, ("", None))[1]
                if inner is not None:
                    reach(inner, where or f"the sequence {n.args[0].id}", frozenset())
            elif isinstance(n, Call) and (fn := ctx.functions.get(n.func)) is not None \
                    and fn.body is not None:
                reach(fn.body, where or f"the function {n.func}", frozenset(fn.params))

    reach(body, "", frozenset(params))
    return tuple(out.items())


def _labelled_definitions(doc: Document) -> frozenset[str]:
    """The names the page defines at a label anywhere (s in ``s^{(t)} = …``), as the reader
    names them (\\delta: delta): a use of one at another label is no letter of its own."""
    found = (re.match(r"\s*\\?([A-Za-z]+)\s*\^\s*\{?\s*[(\[][^=]*?(?<![<>!:\\])=(?!=)",
                      d.latex) for d in doc.displays)
    return frozenset(m.group(1) for m in found if m is not None)


def _not_by_its_label(name: str, node: Node, ctx: Context) -> None:
    """h^{(t)} = tanh(w h^{(t-1)} + …): h at another step of its label in its own
    definition, or in a definition of a name the page defines at a label of its own
    (g^{(t)} = tanh(w s^{(t-1)}), s^{(t)} = g^{(t)}), is a recurrence, whose earlier term
    depends on w too; read as a letter of its own it would not (∂h^{(t)}/∂w without the
    recurrent term was proved). Refused, with the form that is read. A label of numbers
    (a^{[0]}) names a value of its own: the input, or a layer the page unrolls."""
    from checker.parse.latex import parse_latex_expr

    defined = {re.sub(r"\^\{?\(([^()]*)\)\}?$", r"^(\1)", k.lstrip("\\")) for k in ctx.latex}
    stepped = [n.id for n in walk(node) if isinstance(n, Name) and "^" in n.id
               and re.search(r"[A-Za-z]\s*[-+]|[-+]\s*[A-Za-z]", n.id.split("^", 1)[1])]
    m = re.fullmatch(r"(?P<base>.+?)\s*\^\s*\{?\s*[(\[].*", name.strip())
    try:
        base = parse_latex_expr(m["base"], ctx) if m is not None else None
    except ParseError:
        base = None
    own = next((k for k in stepped if isinstance(base, Name)
                and re.match(rf"{re.escape(base.id)}\^[(\[]", k)), None)
    if own is not None and m is not None:
        raise Bad(f"{name} = …: its value writes {own}, {m['base']} at another label: a "
                  "recurrence, where that term depends on what the first does; write it as a "
                  f"sequence ({m['base']}_t = … {m['base']}_{{t-1}} …, with its first value), "
                  "or give the other label a name of its own")
    other = next((k for k in stepped if k.split("^")[0] in ctx.labelled and k not in defined),
                 None)
    if other is not None:
        raise Bad(f"{name} = …: its value writes {other}, and the page defines "
                  f"{other.split('^')[0]} at a label of its own: a recurrence through two "
                  "names, whose earlier term depends on what this one does; write it as a "
                  "sequence (with subscripts and a first value), or give the other label a "
                  "name of its own")


def _family(ctx: Context, name: str, node: Node) -> None:
    """p_j = e^{x_j}/Σ_k e^{x_k}, with x of symbolic length: p_j is one member of a family,
    and p_i (any index) means the same expression at i; it is read as a function of the
    index, whose parameter is bound without capture. So is a decorated name: \\hat{y}_i = …
    (ŷ_i inside Σ_i is the member at the sum's i, never the i of the definition)."""
    from checker.parse.latex import parse_latex_expr
    from checker.parse.latex_lexer import DECORATIONS, GREEK

    word = FONT_FAMILY.fullmatch(name)
    if word is not None:  # \mathrm{net}_j = …: the family net, by its word
        m = {"base": word[1], "decor": None, "letter": word[1], "index": word[2]}
    else:
        m = _FAMILY.fullmatch(name.strip())
    if m is None and ctx.superscript_indices:  # a^{(i)} = …: the i-th example's a
        m = _SAMPLE_FAMILY.fullmatch(name.strip())
    if m is None:
        return
    base = m["base"]
    greek = re.fullmatch(r"\\([A-Za-z]+)", base)
    if greek and greek[1] in GREEK and greek[1] not in ("pi", "delta"):  # \alpha_j = …
        # (δ_j stays a name: δ_{jl} is Kronecker's, beside it)
        if base in ctx.latex:
            return
        m = {**m.groupdict(), "decor": None}
        base = greek[1]
    elif m["decor"] is not None:
        if m["decor"] not in DECORATIONS and m["decor"] != "Delta":
            return
        base = f"\\{m['decor']}{{{m['letter']}}}"  # the key the reader looks up: \hat{y}
        if m["decor"] == "Delta":  # \Delta w_i = …: the changes Δw, a family too
            base = f"\\Delta {m['letter']}"
        try:
            named = parse_latex_expr(base, ctx)
        except ParseError:
            return
        if not isinstance(named, Name) or ctx.kind(named.id) is not None:
            return  # ŷ a declared vector: ŷ_i is its entry
        base = named.id  # yhat: \hat{y}_i is read as yhat with the subscript i
    if ctx.kind(base) is not None or base in ctx.latex:
        return
    index = m["index"]
    # \hat{v}_t = v_t/(1 − β^t) with t a declared size (a sequence's step): the family over
    # t, so \hat{v}_3 is its member at 3 (the index and the size agree wherever t is written)
    step = index in ctx.dims
    if m["decor"] is not None and ctx.kind(index) is not None and not step:
        return  # \hat{m}_t with t declared: the name mhat_t, as before there were families
    if ctx.kind(index) is not None and not step:  # r_t = t x_t, t declared: which t is the index?
        raise Bad(f"{name} = …: {index} is declared, so it cannot also be the index of "
                  f"{m['base']}; use another letter for the index")
    loose = _loose(ctx, node, index)
    if loose is None:
        return
    if not loose:
        ctx.families[base] = (index, node)  # (a sequence's member too: \hat{m}_t = m_t/…)
    elif all(_a_letter(n, ctx) for n in loose):  # (ŷ_i = σ(w x_i): w a letter of the page's
        ctx.families[base] = (index, node)  # own; each member checks it still is one there,
        ctx.family_loose[base] = tuple(loose)  # checker.parse.latex_partials.member)
    else:
        ctx.not_families[base] = tuple(loose)


def _a_letter(name: str, ctx: Context) -> bool:
    """A name nothing declares or defines that is one letter (w, or a Greek one: \\lambda)."""
    return (re.fullmatch(r"[A-Za-z]", name) is not None or name in GREEK) \
        and name not in ctx.latex and f"\\{name}" not in ctx.latex \
        and name not in ctx.families and name not in ctx.functions


def _not_the_whole_of_entries(ctx: Context, name: str) -> None:
    """A = W after A_{ij} = a q_i k_j (defined at its own indices), u = q after u_i = a q_i:
    the whole name given a value of its own beside its entries' definition would give A_{11}
    two meanings (the entry's rule, or W's entry). Refused."""
    base = name.strip()
    if not re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+(?:\s*\{\s*\\?[A-Za-z]+\s*\})?", base):
        return
    written = next((k for k in ctx.displayed if re.fullmatch(
        re.escape(base) + r"\s*_\s*(?:\{[^{}]*\}|[A-Za-z0-9])", k.strip())), None)
    if written is None and base in ctx.families:
        written = f"{base}_{ctx.families[base][0]}"
    if written is not None:
        raise Bad(f"{base} = …: the page defines {written} = … before, entry by entry, so {base} "
                  f"here would give {base}'s entries two meanings (that rule, or this value's "
                  f"entries); name the whole apart ({base}_0 = …, or another letter), or write "
                  f"the claim about its entries ({written} = …)", pos=Pos(1, 1))


def _loose(ctx: Context, node: Node, index: str) -> list[str] | None:
    """The names of a family's body that are not declared (at a member's use something could
    capture them), or None where the body does not use the index at all."""
    bound = bound_indices(node)
    names = {n.id for n in walk(node) if isinstance(n, Name) and not n.id.startswith("\x00")
             } - bound - {index, "E", "pi"}  # (not the marks of other families' members)
    if index not in {n.id for n in walk(node) if isinstance(n, Name)}:
        return None
    return sorted(n for n in names if ctx.kind(n) is None and n not in ctx.recurrences)


def _variances(ctx: Context, name: str, node: Node) -> bool:
    """σ_j² = (1/N) Σ_i (x_{ij} − μ_j)²: the variance of each column j, a family (σ_k² is
    its member at k), as batch normalisation writes it; refused where it is not one."""
    m = re.fullmatch(r"\\sigma_([a-z])\^2", name)
    if m is None:
        return False
    loose = _loose(ctx, node, m[1])
    if loose:
        raise Bad(f"{name} = …: the variance of one member of a family (σ_j²) is read as a "
                  f"definition for every {m[1]} only where its right side is written in {m[1]} "
                  "and declared names; declare the names it uses, or name it (v_j = …)",
                  pos=Pos(1, 1))
    if loose is None:
        raise Bad(f"{name} = …: its right side is not written in {m[1]}, so σ² does not change "
                  f"with {m[1]}; write the variance of a whole batch (\\sigma_B^2 = …)",
                  pos=Pos(1, 1))
    ctx.families[VARIANCES] = (m[1], node)
    ctx.displayed.add(name)
    return True


# \mathrm{net}_j, \text{net}_{j}: a word in a font with one index (a family the page defines)
FONT_FAMILY = re.compile(r"\s*\\(?:mathrm|text|operatorname|mathit|textrm|textit)\s*\{\s*"
                         r"([A-Za-z]{2,})\s*\}\s*_\s*\{?\s*([A-Za-z])\s*\}?\s*")


def _has_family_key(ctx: Context, name: str) -> bool:
    """s_1 where s_j (or s_{j}) is defined: a member of that definition, not a new name; so
    is \\tilde{x}_k where \\tilde{x}_i is."""
    from checker.parse.latex import parse_latex_expr

    decorated = re.fullmatch(r"(\\[A-Za-z]+\s*\{\s*(?:[A-Za-z]|\\[a-z]+)\s*\}|\\[A-Za-z]+\s+[A-Za-z])"
                             r"\s*_\{?\w+\}?", name.strip())  # (\hat{y}_k, \hat y_k; not \delta_i)
    if decorated is not None:
        plain = re.fullmatch(r"\\([A-Za-z]+)\s*\{?\s*([A-Za-z])\s*\}?", decorated.group(1))
        if plain is not None and plain[2] + plain[1] in ctx.families:  # \hat{y}: yhat
            return True
        try:
            base = parse_latex_expr(decorated.group(1), ctx)
        except ParseError:
            return False
        return isinstance(base, Name) and base.id in ctx.families
    greek = re.fullmatch(r"\\([A-Za-z]+)\s*_\{?\w+\}?", name.strip())  # \alpha_{ji}: a member
    if greek is not None and (greek[1] in ctx.families or any(  # (\delta_i beside \delta_j =
            re.fullmatch(rf"\\{greek[1]}\s*_\s*\{{?\s*[A-Za-z]+\s*\}}?", k)  # …: no new name)
            for k in ctx.displayed)):
        return True
    m = re.fullmatch(r"([A-Za-z])_\{?\w+\}?", name.strip())
    return m is not None and (m.group(1) in ctx.families or any(
        re.fullmatch(re.escape(m.group(1)) + r"_\{?[A-Za-z]\}?", k) for k in ctx.latex))


def _only_defines(latex: str, ctx: Context, seen: set[str]) -> bool:
    """Whether a display only defines a name (L = …, with no chain after it to check): a
    definition holds for the rest of its section, so a prose case before it cannot be its
    hypothesis (see the refusal where it is called)."""
    try:
        found = _definition(latex, ctx, seen, "", check_uses=False)
    except (Bad, ParseError, ValueError):
        return False
    return found is not None and top_level_eq(found[2]) is None


def defines_a_name(latex: str, ctx: Context, seen: set[str]) -> bool:
    """Whether a display defines a name, alone or at the head of a chain (k(t) = t = …): the
    definition holds for the rest of its section, whatever case or bound its prose states."""
    try:
        return _definition(latex, ctx, seen, "", check_uses=False) is not None
    except (Bad, ParseError, ValueError):
        return False


def _defined_here(latex: str, ctx: Context, seen: set[str]) -> str:
    """The name a display that only defines one defines (as the prose writes it), else ""."""
    if not _only_defines(latex, ctx, seen):
        return ""
    try:
        found = _definition(latex, ctx, seen, "", check_uses=False)
    except (Bad, ParseError, ValueError):
        return ""
    return " ".join(found[0].split()) if found else ""


_LAW_DENSITY = re.compile(r"\\frac\{1\}\{\\sqrt\{2 \\pi \\cdot \(.*\)\}\} \\exp\\left\(.*\\right\)")
_NORMAL = re.compile(r"\s*\\mathcal\s*\{\s*N\s*\}\s*(?:\\left)?\(\s*(?P<m>[^,()]+?)\s*,"
                     r"\s*(?P<v>[^,]+?)\s*(?:\\right)?\)\s*[.,;]?\s*")


def _normal_density(lhs: str, rhs: str, ctx: Context) -> tuple[str, str] | None:
    """``p = \\mathcal{N}(\\mu, \\sigma^2)`` with p a letter of its own: p is the normal law,
    and p(x) its density, as the page then writes it: (``p(t)``, the density at t), read as if
    the page had written that definition; None for anything else."""
    m = _NORMAL.fullmatch(rhs)
    name = lhs.strip()
    if m is None or not re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", name) or ctx.kind(name) is not None \
            or name in ctx.latex or name.lstrip("\\") in ctx.functions:
        return None
    if not re.fullmatch(r".*\^\s*\{?\s*2\s*\}?|\s*\d+(?:\.\d+)?", m["v"]):
        return None  # N(μ, σ): σ the variance, or (as some write it) the deviation? Not read
    at = next((v for v in ("t", "u", "s", "r") if not re.search(
        rf"(?<![A-Za-z\\]){v}(?![A-Za-z])", m["m"] + m["v"])), None)
    if at is None:
        return None
    mean, var = f"({m['m']})", f"({m['v']})"
    return (f"{name}({at})", f"\\frac{{1}}{{\\sqrt{{2 \\pi \\cdot {var}}}}} "
            f"\\exp\\left(-\\frac{{({at} - {mean})^2}}{{2 {var}}}\\right)")


def _define(ctx: Context, name: str, params: str, rhs_latex: str) -> None:
    """Record a definition from the document: a name for the rest of its section."""
    from checker.parse.latex import parse_latex_expr

    if params:
        params, bars = conditional.split_params(params)  # p(y | x; w): where its bars are
        written = tuple(p.strip() for p in params.split(",") if p.strip())
        plist = tuple(_parameter(p) for p in written)  # J(\theta): the parameter theta
        fname = re.sub(r"\^\{\((\w+)\)\}$", r"^(\1)", name.lstrip("\\"))  # J^{(i)}: J^(i)
        # \operatorname{LSE}(v), \mathcal{L}(w), h_\theta(x)
        fname = _function_name(name, ctx) or _scripted_name(name, ctx) or fname
        if not fname.split("^(")[0].isidentifier() or not all(p.isidentifier() for p in plist):
            raise Bad(f"cannot define {name}({params}): write a function of plain variables, "
                      "as in f(x) = …")
        for w, p in zip(written, plist, strict=True):  # x_1 with x a declared vector: an
            if not re.search(r"_\d+$", p):  # entry of x, which the body reads as that entry
                continue  # (f(x_j) = … softmax_j, a seed's way to write one entry: as before)
            try:
                read = parse_latex_expr(w, ctx)
            except ParseError:
                continue
            target = read.body if isinstance(read, Defined) else read
            if not (isinstance(target, Name) and target.id == p):
                raise Bad(f"cannot define {name}({params}): {w} is {plain_text(read)} here (an "
                          "entry of a declared vector, or another name), not a variable of the "
                          "function's own; name the parameters apart, as in f(a, b) = …")
        if fname in ctx.functions and len(ctx.functions[fname].params) != len(plist):
            ctx.written[fname] = ()  # H alone: H(p) or H(p, q)? (refused from here on)
            fname = overload(fname, len(plist))  # H(p, q) beside H(p): by its arguments
        taken = next((w for w, p in zip(written, plist, strict=True)
                      if p in ("pi", "e", "E") or p.lower() in BY_NAME), None)
        if taken is not None:  # f(\pi) = …, f(\sigma) = …: a constant or a function already
            raise Bad(f"cannot define {name}({params}): {taken} already means something (a "
                      "constant or a function of the vocabulary), so it cannot be a parameter; "
                      "write another letter")
        # the parameters are the function's own: a definition of the same name elsewhere
        # (z = w x before f(z) = z²) must not be read into its body. A parameter the body
        # indexes (E(t, o) = -Σ_j t_j log o_j) names the document's vector, as written
        own = {p for p in (*plist, *written)
               if not re.search(rf"(?<![A-Za-z\\]){re.escape(p)}_", rhs_latex)}
        # (a parameter σ owns σ² in the body too: the variance σ² mapped to v is not h's σ²)
        owned = re.compile("|".join(rf"{re.escape(q)}(?![A-Za-z])" for q in own)) if own else None
        probe = Context(**{**ctx.__dict__, "functions": dict(ctx.functions),
                           "latex": {k: v for k, v in ctx.latex.items() if k not in own
                                     and not (owned is not None and owned.match(k))},
                           "families": {k: v for k, v in ctx.families.items() if k not in own},
                           "recurrences": {k: v for k, v in ctx.recurrences.items()
                                           if k not in own}})
        body = parse_latex_expr(rhs_latex, probe)
        imaginary_in([body], ctx, frozenset(plist))  # f(t) = e^{it}
        pinned = _pinned(name, plist, body, ctx)
        if any(getattr(n, "func", None) == fname or (isinstance(n, Name) and n.id == fname)
               for n in walk(body)):
            raise Bad(f"{name} is defined by itself ({name}(…) = … {name}(…) …): a definition "
                      "cannot use the name it defines; write the step as an equation between "
                      "other names")
        # J(w) = λ/2 ‖w‖² with w a declared vector: J takes the vector whole, never entry by
        # entry (its body reads w as the vector)
        whole = any(ctx.kind(p) in ("vector", "matrix") or p not in own  # (S(p) = Σ_i p_i
                    for p in plist)  # with p a vector the page defines: p whole, too)
        _record_free(ctx, name, body, plist)
        ctx.functions[fname] = UserFunction(
            fname, plist, body, scalar=not whole, pinned=pinned, bars=bars,
            by_letters=conditional.density(fname) and not _LAW_DENSITY.fullmatch(rhs_latex))
        ctx.written[fname] = plist  # f alone means f where it was defined, until written elsewhere
        if _LAW_DENSITY.fullmatch(rhs_latex):  # p = N(μ, σ²): p alone is the law, at no
            ctx.written[fname] = ()  # variable the page names (refused, never p(t))
        return
    if recurrence(ctx, name, rhs_latex):
        return
    node = parse_latex_expr(rhs_latex, ctx)
    imaginary_in([node], ctx, frozenset(script_letters(name)))  # u = e^{i\omega t} (y_i = i^2:
    # the family's index)
    try:  # \hat{m}_t is read as the name mhat_t: found under that name too
        named0 = parse_latex_expr(name, ctx)
    except ParseError:
        named0 = None
    if isinstance(named0, Name) and any(isinstance(n, Name) and n.id == named0.id
                                        for n in walk(node)):
        raise Bad(f"{name} is defined by itself ({name} = … {name} …): a definition cannot "
                  "use the name it defines; write the step as an equation between other names")
    _not_by_its_label(name, node, ctx)
    _record_free(ctx, name, node)
    _not_the_whole_of_entries(ctx, name)
    if _variances(ctx, name, node):
        return
    by_entries = matrix_by_entries(ctx, name, node)
    if by_entries is not None:  # \hat{x}_{i,j} = …: the matrix, entry by entry
        written, key, matrix = by_entries
        ctx.latex[written] = matrix
        ctx.latex.setdefault(key, matrix)
        ctx.displayed.add(written)
        return
    ctx.latex[name] = node
    ctx.displayed.add(name)
    try:
        named = parse_latex_expr(name, ctx)
    except ParseError:
        named = None
    if isinstance(named, Name) and named.id != name:
        ctx.latex.setdefault(named.id, node)
    _family(ctx, name, node)
    if name.startswith("\\") and name[1:].isalpha():
        ctx.latex.setdefault(name, node)
    word = _function_name(name, ctx) if _FONT.match(name) else None
    if word is not None and ctx.kind(word) is None:  # \operatorname{FL} = …: the word FL,
        ctx.latex.setdefault(word, node)  # as a function in a font is known by its word


def _unread_definition(latex: str, ctx: Context, seen: set[str], before: str, line: int) -> None:
    """A display that would define a name (L_k = σ(…)) but cannot be read: later uses of the
    name would take it for a new letter, which the author did not mean. Recorded, so that
    they are refused (:func:`not_defined_here`)."""

    try:
        found = _definition(latex, ctx, seen, before, check_uses=False)
    except DefinedAgain as again:  # a := x + 1, then a := x - 1 (refused): which one the
        # lines after it mean cannot be told, so they are refused too
        ctx.contested[again.name] = (
            f"{again.name}: the display at line {line} defines it a second time (not read), so "
            "which definition is meant from there on cannot be told; give the new one another "
            "name")
        return
    except NotAParameter as exc:  # ℓ(μ, σ²) = …: later uses of ℓ are refused, not guessed
        key, _ = _unread_keys(exc.name, ctx)
        key = key.lstrip("\\")
        if key not in ctx.unread:
            ctx.unread[key] = line
            ctx.unread_names[key] = exc.name
        return
    except (Bad, ParseError, ValueError):
        bold = re.match(r"\s*&?\s*\\(?:mathbf|boldsymbol|bm|vec)\s*\{\s*([A-Za-z])\s*\}\s*&?\s*=",
                        latex)
        if bold is not None:  # \mathbf{z} = W x (not read): z_1 after it would be its entry
            ctx.unread[bold[1] + "_"] = line
            ctx.unread_names[bold[1] + "_"] = bold.group(0).rstrip("=& ").strip()
        seq = re.match(r"\s*&?\s*(([A-Za-z]|\\[A-Za-z]+)_\{?\s*[A-Za-z](?:\s*\+\s*1)?\s*\}?)"
                       r"\s*&?\s*=", latex)
        if seq is not None and ctx.kind(seq[2].lstrip("\\")) is None \
                and f"{seq[2].lstrip(chr(92))}_" not in ctx.unread:  # θ_{t+1} = … (not read):
            ctx.unread[f"{seq[2].lstrip(chr(92))}_"] = line  # θ_0, θ_2 after it are its
            ctx.unread_names[f"{seq[2].lstrip(chr(92))}_"] = seq[1].strip()  # members
        if re.match(r"\s*&?\s*e\s*&?\s*=", latex) and ctx.kind("e") is None:  # e = y − ŷ
            ctx.contested["e"] = (f"e: the display at line {line} may name something e (not "
                                  "read), so whether e here is Euler's number or that cannot "
                                  "be told; write another letter there")
        return
    if found is None:
        return
    name = found[0]
    key, family = _unread_keys(name, ctx)
    if (family or key) in ctx.unread:  # (the first display that could not be read: the one
        return  # to fix first)
    ctx.unread[family or key] = line
    ctx.unread_names[key] = name  # (\hat{y}, as the error shows it, not yhat)
    if family:
        ctx.unread_names[family] = name
