"""What the LaTeX parser's parts share: the step record, names of the tree's letters, and
the helpers that rewrite a family's members (:mod:`checker.parse.latex`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TypeVar

from checker.parse.context import (
    SCALAR_FUNCTIONS,
    SHORT_NAMES,
    Context,
)
from checker.parse.latex_lexer import (
    _BARE_FUNCTIONS,
    TEXT_COMMANDS,
)
from checker.parse.tree import (
    Apply,
    Call,
    Choice,
    Defined,
    Index,
    Name,
    Node,
    ParseError,
    Pos,
    Unary,
    binder,
    children,
    map_children,
    unplaced,
    walk,
)

T = TypeVar("T")


@dataclass(frozen=True)
class LatexStep:
    latex: str  # this step's LaTeX source, trimmed
    node: Node  # neutral tree
    why: str  # justification written on the step's line (\text{…} remark), else ""
    pos: Pos  # where the step starts in the chain text (1-based line, col)
    conditions: tuple[Node, ...] = ()  # comparisons the remark states: hypotheses of the step
    error: ParseError | None = None  # the step could not be read (parse_latex_steps only)
    relation: str = "="  # how it follows from the step before: '=', or '<', '<=', '>', '>='


# (what a "held fixed?" refusal adds: the convention that decides it, where the author means it)
GRAPH_HINT = (", or declare partials = \"graph\" if the page means backprop's partials (∂F/∂u "
              "holds everything else F writes fixed)")


def _member(index: str, body: Node, at: Node) -> Node:
    """A family's member: its body with the index replaced by ``at`` where it is written (so
    a Σ_j around p_j binds it); a sum inside the body whose index ``at`` names is renamed
    first, so that nothing is captured (inside a sum that binds the family's index again too:
    the member's index is not put in there, but what was renamed around it still is)."""
    taken = {n.id for n in walk(at) if isinstance(n, Name)}
    used = taken | {n.id for n in walk(body) if isinstance(n, Name)}  # a fresh name is new to both

    def sub(node: object, names: dict[str, str], live: bool = True) -> object:
        if isinstance(node, Name):
            if live and node.id == index:
                return at
            return Name(names[node.id], node.pos) if node.id in names else node
        if (k := binder(node)) is not None:
            inner = dict(names)
            inner.pop(k, None)  # (k bound again here: a renaming of an outer k stops)
            inside = live and k != index  # the index bound again: not substituted inside
            if inside and k in taken:
                fresh = k + "'"
                while fresh in used:
                    fresh += "'"
                used.add(fresh)
                inner[k] = fresh
            body_, rng = node.args  # type: ignore[union-attr]
            bounds = tuple(sub(a, names, live) for a in rng.items[1:])  # (outside the sum)
            return replace(node, args=(sub(body_, inner, inside), replace(  # type: ignore[arg-type]
                rng, items=(sub(rng.items[0], inner, False), *bounds))))
        return map_children(node, lambda child: sub(child, names, live))  # type: ignore[arg-type,return-value]

    return sub(body, {})  # type: ignore[return-value]


_GLYPHS = {"epsilon": "varepsilon", "varepsilon": "epsilon", "phi": "varphi", "varphi": "phi",
           "theta": "vartheta", "vartheta": "theta", "rho": "varrho", "varrho": "rho"}


def _vocabulary_case(word: str, ctx: Context) -> str:
    """\\text{GELU}, \\operatorname{Softmax}, \\mathrm{ReLU}: a vocabulary function written with
    capitals, where the file declares nothing of that name, is that function."""
    low = SHORT_NAMES.get(word.lower(), word.lower())  # \operatorname{tr}: trace
    if word.lower() not in SHORT_NAMES and (low == word or len(word) < 3
                                              or low not in _BARE_FUNCTIONS):
        return word
    declared = (*ctx.symbols, *ctx.vectors, *ctx.matrices, *ctx.functions, *ctx.dims,
                *ctx.symbolic, *ctx.symbolic_matrices, *(k.lstrip("\\") for k in ctx.latex))
    if any(name.lower() == low for name in declared):  # the file's Relu, not the vocabulary's
        return word
    return low


def _is_derivative(node: Node) -> bool:
    """A term that is a derivative (d/dx f, ∂f/∂x, ∇_w f), whatever its sign."""
    while isinstance(node, Unary | Choice):
        node = node.operand if isinstance(node, Unary) else node.options[0]
    return isinstance(node, Call) and node.func in ("diff", "grad", "_leibniz", "_partial",
                                                  "_leibniz_entry", "jacobian")


def _family_key(family: str, body: Node) -> str:
    """The name a member's mark carries: the family's, and which definition of it (no sum
    index can be named so)."""
    return f"\x00{family}#{hash(unplaced(body)) & 0xFFFFFFFF:08x}"


def _quantity(var: Node, ctx: Context) -> bool:
    """A denominator that names an expression rather than a variable: an entry of a defined
    vector (p_j with p = softmax(a)), an arbitrary function's value g(x) (an undeclared g
    before brackets, a function here since it is differentiated by), σ(z)."""
    if isinstance(var, Choice) and var.key.startswith("fn:"):
        return True
    return (isinstance(var, Index) and not isinstance(var.target, Name)) \
        or isinstance(var, Apply) or (isinstance(var, Call) and (
            var.func in SCALAR_FUNCTIONS or var.func in ctx.functions))


# --------------------------------------------------------------------------- parser

_OF_A_VECTOR = frozenset({"softmax", "logsumexp"})  # a family whole as their argument
# the letters E and T, whose plain names are Euler's number and the transpose: their names in
# the tree are sans-serif capitals, which Python's NFKC-normalised identifiers cannot spell
LETTERS = {"E": "\N{MATHEMATICAL SANS-SERIF CAPITAL E}", "T": "\N{MATHEMATICAL SANS-SERIF CAPITAL T}"}
_Prim = tuple[Node, str | None, bool]  # node, name it was read from (for subscripts), is Euler's e



def marked(label: str) -> str:
    """A label as written after ^: {(i)} for a sample, {[l]} for a layer, {*} for a star."""
    return f"{{{label}}}" if label.startswith("[") or label == "*" else f"{{({label})}}"



def _text_key(ctx: Context, font: str, content: str) -> str | None:
    """The ``[context] latex`` key that maps ``\\font{content}``, in that text font or any
    other (\\text{ReLU} serves \\mathrm{ReLU}); None where the file maps none."""
    for cmd in (font, *sorted(TEXT_COMMANDS - {font})):
        if (key := f"\\{cmd}{{{content}}}") in ctx.latex:
            return key
    return None


CONDITION_LINKS = frozenset({"if", "for", "when", "whenever", "where", "and", "with", "all"})


def _own_nodes(node: Node) -> list[Node]:
    """The nodes a tree writes itself: not those inside the values of the definitions it
    uses (each read in the file's scope, where nothing around it binds its names)."""
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        out.append(n)
        if not isinstance(n, Defined):
            stack.extend(children(n))
    return out

