"""A value given to a name: where a display's equation gives a name a value, is it a claim,
a definition, or neither?

- a declared variable given a value by a display (``p = \\sigma(z)`` with p declared): no claim
  any value of p could make true, and no definition either: refused (:func:`no_value_for_a_variable`),
  and so is a definition of a declared vector's entry (:func:`no_entry_of_a_declared_vector`);
- a defined name given another value after prose that starts a new problem ("Problem 2.
  $$L = x^3$$"): a new definition or a false claim, unless the engine proves it is the name's
  value (:func:`given_again`, with :func:`proved_equal`);
- a logarithm a display takes, itself or through a definition (:func:`takes_log`), where the
  prose says logarithms are of another base.
"""

from __future__ import annotations

import itertools
import re

import sympy as sp

from checker.deadline import time_limit
from checker.files.common import Bad
from checker.parse.context import Context
from checker.parse.tree import (
    Bin,
    Call,
    Defined,
    Index,
    Name,
    Node,
    ParseError,
    Pos,
    Prime,
    binder,
    children,
    reached_names,
    walk,
)


def proved_equal(nodes: list[Node], ctx: Context, given: tuple = ()) -> bool:
    """Whether the engine proves the read expressions equal, one after the other (exactly,
    in a second at most, under the hypotheses ``given``); anything not read or not proved,
    or proved only vacuously, is not."""
    from checker.engine import Settings, check_claim
    from checker.files.steps import indices
    from checker.model import Claim
    from checker.parse.arrays import SymArray
    from checker.parse.evaluate import Evaluator
    from checker.results import Verdict

    try:
        with time_limit(1.0):
            ev = Evaluator(ctx)
            read = [ev.value(node) for node in nodes]
            for a, b in itertools.pairwise(read):
                if isinstance(a, SymArray) or isinstance(b, SymArray):  # s = softmax(z) at a
                    if not _same_entries(a, b):  # symbolic size, restating a declaration
                        return False
                    continue
                ix, lengths = indices(ctx, [a, b], ())  # (E[q_i k_i] = 0: for every i)
                result = check_claim(Claim(a, b, given, domain=tuple(ev.domain), indices=ix,
                                           lengths=lengths),
                                     Settings(require_exact=True, prove_only=True))
                if result.verdict is not Verdict.PROVED or result.vacuous:
                    return False
    except Exception:  # (not read, or out of time: no identity)
        return False
    return True


def _same_entries(a: object, b: object) -> bool:
    """Two vectors or matrices of symbolic size with the same entries, as read (the same
    expression at every index, after SymPy's simplification)."""
    from checker.parse.arrays import SymArray

    if not (isinstance(a, SymArray) and isinstance(b, SymArray)) or a.rows != b.rows \
            or a.cols != b.cols:
        return False
    i, j = sp.Dummy("i", integer=True), sp.Dummy("j", integer=True)
    one, two = a.entry(i, j), b.entry(i, j)
    return sp.sstr(one) == sp.sstr(two) or sp.simplify(one - two) == 0


def no_entry_of_a_declared_vector(name: str, params: str, ctx: Context) -> None:
    """``\\pi_a := …`` with π mapped to a declared vector p: the definition was made under
    its own name and never used (\\pi_a stayed p's entry, and ∂ log π_a/∂θ_b = δ_ab − π_b was
    refuted). Refused: a declared vector's entries are variables."""
    from checker.parse.latex import parse_latex_expr

    if params:
        return
    try:
        node = parse_latex_expr(name, ctx)
    except ParseError:
        return
    if isinstance(node, Index) and isinstance(node.target, Name) \
            and ctx.kind(node.target.id) == "vector":
        refused = Bad(f"{name} := …: {name} is an entry of the declared vector "
                      f"{node.target.id}, whose entries are variables, so it cannot be defined; "
                      f"drop {node.target.id} from the declarations and define the family with "
                      f"a letter of its own ({node.target.id}_a = …)", pos=Pos(1, 1))
        refused.unread = node.target.id  # (its later uses: the variable, or this?)
        raise refused


def no_value_for_a_variable(steps: list, ctx: Context, given: list[str], line: int) -> None:
    """``p = σ(z)`` with p declared a number (``\\pi_a = …`` with π mapped to a declared
    vector): as a claim it says p equals σ(z) whatever p is, which no
    hypothesis ties, so it is refuted at any point; the author means a definition. Refused,
    with how to write one, and so is every later use of p (the variable, or σ(z)?). So is
    ``p(z) = …`` with p declared a number (p times z, or a function p?)."""
    if len(steps) < 2 or any(s.node is None for s in steps[:2]) or steps[1].relation != "=":
        return  # (x^2 \ge 0 is no definition)
    if len(steps) == 2 and re.match(r"\s*\\pi\s*(?:\\left)?\(", steps[0].latex):
        raise Bad("\\pi(…) = …: a function π (a policy, say) defined here, or a claim about the "
                  "number π times (…)? For a function, map \\pi to one of the page's own "
                  "(latex = { \"\\\\pi\" = \"p\" } with \"p(a)\" declared under functions); for "
                  "the number, write \\pi \\cdot (…)", pos=steps[0].pos)
    called = re.fullmatch(r"\s*\\?([A-Za-z]+)\s*(?:\\left)?\(\s*[A-Za-z](?:\s*,\s*[A-Za-z])*\s*"
                          r"(?:\\right)?\)\s*", steps[0].latex)  # (w (x)^2: w times x²)
    if called is not None and len(steps) == 2 and ctx.kind(called[1]) == "symbol":
        ctx.unread.setdefault(called[1], line)  # (p after it: the number, or the function?)
        raise Bad(f"{called[1]}(…) = …: {called[1]} is declared a number, so this is "
                  f"{called[1]} times (…), or a function {called[1]} of its own? Declare the "
                  f"function (functions = {{ \"{called[1]}(z)\" = … }}), or write \\cdot",
                  pos=steps[0].pos)
    square = steps[0].node
    if isinstance(square, Bin) and square.op == "**" and isinstance(square.left, Name) \
            and ctx.kind(square.left.id) is None and square.left.id not in ctx.latex \
            and not any(isinstance(n, Name) and n.id == square.left.id
                        for s in steps[1:] for n in walk(s.node)):
        shown = steps[0].latex.strip()  # \widehat{\sigma}^2 = \frac{1}{n} Σ (x_i − μ)²
        raise Bad(f"{shown} = …: the definition of {shown} as one name (an estimated variance, "
                  f"say), or a claim about a letter of its own, to that power? Define the letter "
                  f"itself, or name the power: latex = {{ \"{shown}\" = \"v\" }} with symbols "
                  "= { v = \"real\" } (\"nonnegative\" for a square), then v := … for the "
                  "definition", pos=steps[0].pos)
    for alone, other in ((0, 1),):  # (σ(z) = p is left a claim: E[X] = μ with μ declared,
        # and a law that ties them, is one)
        node = _alias(steps[alone].node, ctx)
        if node is not steps[alone].node and isinstance(node, Name) and ctx.kind(node.id) is None \
                and not any(isinstance(n, Name) and n.id == node.id for n in walk(steps[other].node)):
            shown = steps[alone].latex.strip()  # \hat{y} → yhat, yhat declared nowhere
            raise Bad(f"{shown} = …: {shown} is mapped to {node.id} under latex, and {node.id} is "
                      "not declared, so this line would claim a letter of its own equals the "
                      f"right side; if it defines {shown}, write {shown} := … (or drop the "
                      f"mapping and let the display define it), or declare {node.id}",
                      pos=steps[alone].pos)
        target = _alias(node.target, ctx) if isinstance(node, Index) else node
        if not isinstance(target, Name) or (isinstance(node, Index) and ctx.kind(target.id)
                                            not in ("vector", "matrix")) \
                or (isinstance(node, Name) and ctx.kind(target.id) not in WHOLE):
            continue
        name = target.id
        if any(isinstance(n, Name) and n.id == name for n in walk(steps[other].node)) or any(
                re.search(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])", g)
                for g in given):
            return  # (x = x·1, or a hypothesis that ties it: a claim)
        shown = steps[alone].latex.strip()
        if isinstance(node, Name) and _plain_real(name, ctx):  # (later lines read it as the
            ctx.valued.setdefault(name, (line, shown, " = ".join(  # variable: valued_uses)
                s.latex.strip() for s in steps), _free_letters(steps[other].node)))
        else:  # (an entry, or a variable declared positive, integer…: what it means after
            # this line cannot be told — n = 1/2 with n an integer — refused)
            ctx.unread.setdefault(name, line)
            ctx.unread_names.setdefault(name, shown)
        how = (f"write {shown} := … (a definition, which replaces the declaration from "
               "there on), or drop it from the declarations") if isinstance(node, Name) else (
            f"drop {name} from the declarations and define the family with a letter of its "
            f"own ({name}_a = …)")
        raise Bad(f"{shown} = …: {name} is declared a {ctx.kind(name)} (a variable), so this "
                  f"line would claim it equals the {'right' if alone == 0 else 'left'} side "
                  f"whatever {name} is, which is false; if it defines {name}, {how}",
                  pos=steps[alone].pos)
    _solved_on_the_right(steps, ctx, given, line)


_LAWS = frozenset({"expect", "Var", "Cov", "Integral"})  # E[X] = μ: a law may tie them


def _solved_on_the_right(steps: list, ctx: Context, given: list[str], line: int) -> None:
    """``(XᵀX)^{-1} Xᵀ y = w`` with w a declared vector or matrix alone on the right of one
    equation: the solution written the other way round (w = …), or a claim that holds
    whatever w is (false)? Refused as the left-hand form is, and so is every later use of w."""
    if len(steps) != 2:
        return
    node = _alias(steps[1].node, ctx)
    if not isinstance(node, Name) or ctx.kind(node.id) not in ("vector", "matrix"):
        return
    name = node.id
    if any((isinstance(n, Name) and n.id == name) or (isinstance(n, Call) and n.func in _LAWS)
           for n in walk(steps[0].node)) or any(
            re.search(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])", g) for g in given):
        return
    from checker.parse.evaluate import Evaluator

    try:  # (a left side that cannot be read says so first, at its own place)
        Evaluator(ctx).value(steps[0].node)
    except ParseError:
        return
    shown = steps[1].latex.strip()
    ctx.unread.setdefault(name, line)
    ctx.unread_names.setdefault(name, shown)
    raise Bad(f"… = {shown}: {name} is declared a {ctx.kind(name)} (a variable), so this line "
              f"would claim the left side equals it whatever {name} is, which is false; if it "
              f"gives {name} its value, write {shown} := … with the value after it (a "
              "definition, which replaces the declaration from there on), or drop it from the "
              "declarations", pos=steps[1].pos)


# what does not commute with putting a value in for a variable: derivatives (by β, through
# y = Xβ + ε), expectations, variances and integrals (the value may be random, or vary with
# the variable integrated over), a recurrence's terms, an evaluation bar (|_{x=1} puts 1 in)
NOT_BY_VALUE = frozenset({"diff", "grad", "jacobian", "_leibniz", "_leibniz_entry", "_partial",
                          "_seq_partial", "_seq", "expect", "Var", "Cov", "Integral", "_at"})


def _plain_real(name: str, ctx: Context) -> bool:
    """Whether the variable is declared real and nothing more (a value for it cannot break a
    declaration: n = 1/2 with n an integer would make sin(πn) = 0, proved, false there)."""
    if name in ctx.symbols:
        one = ctx.symbols[name]
    elif name in ctx.vectors:
        one = ctx.vectors[name][0]
    elif name in ctx.matrices:
        one = ctx.matrices[name][0, 0]
    elif name in ctx.symbolic:
        one = ctx.symbolic[name][0]
    elif name in ctx.symbolic_matrices:
        one = ctx.symbolic_matrices[name][0]
    else:
        return False
    return one.is_real is True and all(getattr(one, f"is_{a}") is None for a in (
        "positive", "negative", "nonnegative", "nonpositive", "integer", "zero", "nonzero"))


def valued_uses(steps: list, ctx: Context) -> list[tuple[int, str, str, frozenset[str]]]:
    """The refused values (ctx.valued) of the declared variables a line uses, through its
    definitions and functions: ``y = Xβ + ε`` refused with y declared real, then ``‖y − Xβ‖² =
    (y − Xβ)ᵀ(y − Xβ)``. The line reads y as the variable: an identity in it holds whatever
    real y is, so at that value too, and a refutation proves nothing (it may be the value
    that makes the line true; document_build makes it unknown). What does not commute with
    putting the value in is refused: a derivative (by β through y = Xβ + ε it is another:
    ∂/∂β of ‖y − Xβ‖² is 0 there, −2Xᵀ(y − Xβ) with y the variable), an expectation, an
    integral, an evaluation bar (NOT_BY_VALUE), a sum or product over a letter of the value
    (Σ_{x=1}^{2} a = 2a, a = x), and a page function whose body uses the variable, at other
    arguments than its parameters, where a parameter is a letter of the value (g(x) := a x,
    a = x: g(2) is 2a, or 4?)."""
    if not ctx.valued:
        return []
    found: set[str] = set()
    why = ""
    stack = [s.node for s in steps if s.node is not None]
    seen: set[str] = set()
    while stack:
        n = stack.pop()
        if isinstance(n, Name) and n.id in ctx.valued:
            found.add(n.id)
        if (isinstance(n, Prime) or (isinstance(n, Call) and n.func in NOT_BY_VALUE)) \
                and not _by_the_variable(n, ctx):
            why = why or "differentiates, or takes an expectation, an integral or a value at a point"
        if (index := binder(n)) is not None and any(index in v[3] for v in ctx.valued.values()):
            why = why or f"sums over {index}, a letter of that value"
        fn = ctx.functions.get(n.func) if isinstance(n, Call) else None
        if fn is not None and fn.body is not None and isinstance(n, Call):
            capture = set(fn.params) & {x for v in ctx.valued.values() for x in v[3]}
            at_params = len(n.args) == len(fn.params) and all(
                isinstance(a, Name) and a.id == p for a, p in zip(n.args, fn.params, strict=True))
            if capture and not at_params and _reaches_valued(fn.body, ctx):
                why = why or (f"applies {n.func}, whose parameter {sorted(capture)[0]} is a letter "
                              "of that value, at another point")
            if n.func not in seen:
                seen.add(n.func)
                stack.append(fn.body)
        stack.extend(children(n))
    used = [ctx.valued[name] for name in sorted(found)]
    if used and why:
        at, shown, whole, _ = used[0]
        raise Bad(f"the display at line {at} gives {shown} a value (${whole}$), which is not read "
                  f"(declared, {shown} is a variable): this line {why}, and through that value "
                  f"the result would be another; write {shown} := … there for a definition, or "
                  "drop the display", pos=Pos(1, 1))
    return used


def valued_reason(used: list[tuple[int, str, str, frozenset[str]]]) -> str:
    """Why a refutation of a line that uses such a variable proves nothing (Claim.or_premise):
    at the value the line may hold."""
    if not used:
        return ""
    at, shown, whole, _ = used[0]
    return (f"the display at line {at} gives {shown} a value (${whole}$), which is not read, "
            f"and at that value it may hold: the readings disagree; write {shown} := … there "
            "for a definition")


def value_in_refused(latex: str, ctx: Context, line: int) -> None:
    """A display refused for another reason that gives a declared real variable a value
    (``y = Xβ + ε \\quad (ε ∼ N(0, 1))``, refused for its law): the value is not read all the
    same, so later lines read y as the variable as after a refused value (valued_uses); the
    letters of the value are every word its text writes (more than it has: more refused)."""
    from checker.files.names import top_level_eq
    from checker.parse.latex import parse_latex_expr

    at = top_level_eq(latex)
    if at is None or latex[at + 1:at + 2] == "=":
        return
    left, right = latex[:at].replace("&", "").strip(), latex[at + 1:]
    try:
        node = _alias(parse_latex_expr(left, ctx), ctx)
    except (ParseError, ValueError):
        return
    if not isinstance(node, Name) or ctx.kind(node.id) not in WHOLE \
            or not _plain_real(node.id, ctx) or node.id in ctx.valued:
        return
    words = frozenset(re.findall(r"[A-Za-z]+", right)) - set(re.findall(  # (less the indices
        r"\\(?:sum|prod)\s*_\s*\{?\s*([A-Za-z])(?![A-Za-z])", right))  # its own sums bind)
    if node.id in words or left.lstrip("\\") in words:
        return  # (y = 2y − y: it is on the right too)
    ctx.valued[node.id] = (line, left, " ".join(latex.split()), words)


def _free_letters(node: Node) -> frozenset[str]:
    """The names a value writes, less the indices its own sums and products bind."""
    names, bound = set(), set()
    for n in walk(node):
        if isinstance(n, Name):
            names.add(n.id)
        elif (index := binder(n)) is not None:
            bound.add(index)
    return frozenset(names - bound)


def _by_the_variable(n: Node, ctx: Context) -> bool:
    """A derivative by the variable itself, or one of its entries (∂MSE/∂ŷ_i after ŷ = Σ wᵢxᵢ):
    F differentiated in y, then taken at y's value, is the same either way."""
    if not isinstance(n, Call) or n.func not in ("diff", "grad") or len(n.args) < 2:
        return False
    var = n.args[1]
    target = var.target if isinstance(var, Index) else var
    return isinstance(target, Name) and target.id in ctx.valued


def _reaches_valued(body: Node, ctx: Context) -> bool:
    """Whether a function's body uses a variable a refused display gives a value."""
    return bool(reached_names(body, ctx.body_of) & set(ctx.valued))


# a variable named whole: a number, and (H = QΛQᵀ, y = 2z with H, y declared) a matrix or vector
WHOLE = ("symbol", "vector", "matrix")


def _alias(node: Node, ctx: Context) -> Node:
    """A name the declarations map to a declared one (``"\\alpha" = "alpha"`` under
    ``[context] latex``) is that name: ``\\alpha = 1/20`` gave alpha a value as surely as
    ``alpha = 1/20`` (refused) does, and was refuted at alpha = 1."""
    if isinstance(node, Defined) and node.name not in ctx.displayed \
            and isinstance(node.body, Name):
        return node.body
    return node


def given_again(steps: list, ctx: Context, line: int, given: tuple, new_part: bool = True
                ) -> None:
    """``L = x^3`` alone after L = x², with prose between that starts a new problem or part
    ("Problem 2. Now a cubic loss.", with no heading; ``new_part``), or in a subsection of the
    section that defined L ("# Problem 1" … "## (b)"): a claim about L (false), or a new
    definition of it? Both readings agree only where this line is L's value again (a
    restatement, proved equal to it: then it is checked as a claim). Otherwise refused, and
    so is every later use of L (which L?). (Without either it is a claim, as written.)"""
    first, second = steps[0].node, steps[1].node
    if first is None or second is None:
        return
    if isinstance(first, Defined) and first.name in ctx.displayed:
        name = first.name
    elif isinstance(first, Call) and not first.bare and first.func in ctx.functions \
            and ctx.functions[first.func].body is not None \
            and tuple(a.id for a in first.args if isinstance(a, Name)) \
            == ctx.functions[first.func].params:
        name = first.func  # f(x) = x^3 after f(x) = x^2
    else:
        return
    made = ctx.made.get(name)
    if not new_part and (made is None or made.context == id(ctx)):
        return  # (defined in this very section: a claim, as written)
    if any((isinstance(n, Defined) and n.name == name) or (isinstance(n, Call) and n.func == name)
           for n in walk(second)) or proved_equal([first, second], ctx, given):
        return  # (L = L + 0, or its value restated: a claim either way)
    ctx.contested[name] = (f"{name}: the display at line {line} gives it another value than "
                           "its definition, as a new definition or as a claim, which cannot "
                           "be told; so which one is meant here cannot be told either")
    raise Bad(f"{steps[0].latex.strip()} = …: {name} is defined before, and this line is not "
              "shown to be that definition's value: a new definition of it (a next problem?), "
              "or a claim about it? Give the new one another name (or put it under a heading "
              "of its own, not under the section that defines it), or write the claim as a "
              "chain from the definition",
              pos=steps[0].pos)


def takes_log(nodes: list[Node], ctx: Context) -> bool:
    """A logarithm written \\log (or log), not \\ln nor with its base (\\log_2), in the trees
    or in the bodies of the functions they call or differentiate (H'(p))."""
    todo, seen = list(nodes), set()
    while todo:
        for n in walk(todo.pop()):
            if isinstance(n, Call) and n.func == "log" and n.written in ("", "log", "\\log"):
                return True
            func = n.func if isinstance(n, Call | Prime) else None
            if func is not None and func not in seen and (body := ctx.body_of(func)):
                seen.add(func)
                todo.append(body)
    return False
