"""LaTeX derivation chains → the neutral expression tree.

A small hand-written lexer and recursive-descent parser: nothing here calls
``eval``, ``sympify`` or SymPy's own LaTeX parser, and every construct that is
not understood raises :class:`ParseError` (with a position and a hint) instead
of being guessed.  Reading rules worth knowing:

* single letters are names and letters next to each other multiply (``xy`` is
  x·y); a run of letters is one word only when the whole run is a vocabulary
  function (``softmax``) or a name declared in the context;
* ``e`` is Euler's number (``e^{x}`` → ``exp(x)``) unless the context declares
  ``e``; ``\\sigma`` is the sigmoid and ``\\delta_{ij}`` the Kronecker delta
  unless the context's ``latex`` map says otherwise; a map entry whose value is
  a function name (``"\\\\delta" → Name("sigmoid")``) makes that LaTeX a function;
* ``y(1 - y)`` is a product unless ``y`` is a declared function; subscripts
  index declared vectors and matrices (``z_j`` → ``Index(z, (j,))``) and
  otherwise name a plain symbol (``x_1`` → ``Name("x_1")``);
* ``\\frac{d}{dx} F`` and ``\\frac{\\partial}{\\partial x} F`` apply to the
  following parenthesised group, or else to the rest of the product; the body
  of an unbraced ``\\sum`` is the rest of the product; by a declared vector or
  matrix w (and ``\\nabla_w``) they are the gradient, in the shape of w;
* notation as written (issue 11, README "LaTeX chains"): primes ``g'(z)``
  (:class:`~checker.parse.tree.Prime`), ``\\begin{cases}``, indicators and
  Iverson brackets (:class:`~checker.parse.tree.Cases`), ``\\sum_{k \\neq i}``,
  index names ``j'``, ``j^*``, labels ``x^{(i)}``, ``W_1`` for a declared ``W1``,
  norms ``\\|w\\|``, ``e^-x``, ``\\\\[1.6em]``, remarks before ``=`` and after
  ``\\because``; a display's lines, their remarks and conditions, and equations joined by
  ``\\Rightarrow`` are cut into steps by :mod:`checker.parse.latex_chain`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import TypeVar

from checker.parse import divergence, ellipsis, latex_integral, latex_random
from checker.parse.context import (
    SCALAR_FUNCTIONS,
    SHORT_NAMES,
    STRUCTURAL_FUNCTIONS,
    Context,
    overload,
    unread_here,
)
from checker.parse.latex_lexer import (
    _BARE_FUNCTIONS,
    _COMPARE,
    _HIDDEN,
    _IDENT,
    _NOT_BARE,
    _NOT_BARE_HINT,
    DECORATIONS,
    FRAC_COMMANDS,
    FUNCTION_COMMANDS,
    GREEK,
    MAX_DEPTH,
    MAX_DIGITS,
    MAX_TEXT,
    NAME_TEXT_COMMANDS,
    PRIMES,
    TEXT_COMMANDS,
    UNSIZED_DECORATIONS,
    _link,
    _recursion_room,
    _Tok,
    _tokenize,
    prepared,
)
from checker.parse.tree import (
    BINDERS,
    Apply,
    Bin,
    Call,
    Cases,
    Choice,
    Compare,
    Defined,
    Index,
    Name,
    Node,
    Num,
    ParseError,
    Pos,
    Prime,
    TupleLit,
    Unary,
    binder,
    bound_indices,
    children,
    free_names,
    map_children,
    marked_family,
    plain,
    unplaced,
    variance_key,
    walk,
)
from checker.vocabulary import BY_NAME

__all__ = ["MAX_DEPTH", "MAX_DIGITS", "MAX_TEXT", "LatexStep", "parse_latex_expr"]


T = TypeVar("T")


@dataclass(frozen=True)
class LatexStep:
    latex: str  # this step's LaTeX source, trimmed
    node: Node  # neutral tree
    why: str  # justification written on the step's line (\text{…} remark), else ""
    pos: Pos  # where the step starts in the chain text (1-based line, col)
    conditions: tuple[Node, ...] = ()  # comparisons the remark states: hypotheses of the step
    error: ParseError | None = None  # the step could not be read (parse_latex_steps only)


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

class _Parser:
    def __init__(self, toks: list[_Tok], src: str, ctx: Context) -> None:
        match = _link(toks)
        folded = divergence.fold(toks, src, ctx, match)  # KL(P \| Q): one name
        self.t = folded
        self.src = src
        self.ctx = ctx
        self.match = match if folded is toks else _link(folded)
        self.i = 0
        self.end = len(folded)
        self.level = 0
        self.binding: list[str] = []  # the indices of the sums around the place being read
        self.whole_family = False  # reading the arguments of a function declared arbitrary
        self.split_until = -1  # letters up to this index belong to a run read letter by letter
        self.sub_atoms: dict[str, frozenset[str]] = {}  # "y_i" → {"i"} for undeclared subscripts
        self.defining = False  # reading a definition's left side (parse_latex_expr)
        self.arrays: dict[int, tuple[Node, bool]] = {}  # id(node) → (node, is_array(node))
        self.script = 0  # > 0 while reading a subscript: j' and j^* are index names there
        self._src_tokens: list[_Tok] | None = None  # the whole display's (src_tokens)

    # ---- helpers

    def peek(self, k: int = 0) -> _Tok | None:
        j = self.i + k
        return self.t[j] if j < self.end else None

    def here(self) -> Pos:
        if self.i < len(self.t):
            return self.t[self.i].pos
        return self.t[-1].pos if self.t else Pos()

    def show(self, lo: int, hi: int) -> str:
        return self.src[self.t[lo].start:self.t[hi - 1].end] if lo < hi else ""

    def enter(self, pos: Pos) -> None:
        self.level += 1
        if self.level > MAX_DEPTH + 1:
            raise ParseError(f"nested more than {MAX_DEPTH} levels deep", pos)

    def within(self, lo: int, hi: int, fn: Callable[[], T]) -> T:
        """Parse tokens lo..hi with ``fn``; all of them must be used."""
        saved = (self.i, self.end, self.split_until)
        self.i, self.end, self.split_until = lo, hi, -1
        try:
            out = fn()
            if self.i < self.end:
                raise self.unexpected(self.t[self.i])
            return out
        finally:
            self.i, self.end, self.split_until = saved

    def unexpected(self, tok: _Tok) -> ParseError:
        shown = self.src[tok.start:tok.end]
        k = tok.kind
        if k == "bad":  # a command the lexer could not read: its own message
            return ParseError(tok.arg, tok.pos)
        if k == "rel" and tok.text == "=":
            msg = ("'=' is only allowed between the steps of a chain, not inside brackets, "
                   "subscripts or fractions")
        elif k == "rel":
            msg = (f"{shown} is not supported here: a chain only joins equal expressions with '='; "
                   "write conditions in \\text{…} after \\quad")
        elif k == "comma":
            msg = ("',' cannot appear inside an expression: if the name before '(…, …)' is a function, "
                   "declare it under [context] functions; a condition such as ', i = j' belongs in "
                   "\\text{…} after \\quad")
        elif k == "period":
            msg = "'.' is only allowed at the end of a step"
        elif k == "dots":
            msg = ellipsis.ELSEWHERE
        elif k == "prime":
            msg = PRIMES
        elif k in ("sup", "sub"):
            msg = f"'{shown}' has nothing before it (or is a second {'super' if k == 'sup' else 'sub'}script)"
        elif k == "amp":
            msg = "'&' is an alignment mark: it belongs before '=' in an aligned block, not inside a group"
        elif k == "break":
            msg = f"{shown} cannot appear inside a group or a single expression"
        elif k == "bang":
            msg = ("'!' (a factorial) follows the number it applies to: n!, (n + 1)!; "
                   "for ≠ write \\neq")
        elif k == "punct" and tok.text == "|":
            msg = "'|' is not supported: write \\left| x \\right| for an absolute value"
        elif k == "punct":
            msg = f"character {shown!r} is not supported in an expression"
        elif k == "text":
            msg = (f"text {shown} inside an expression: put remarks at the end of the step, "
                   "after \\quad")
        elif k == "close":
            msg = f"unexpected {shown}"
        else:
            msg = f"unexpected {shown!r}: an operator (+, -, \\cdot, /) or the end of the step was expected"
        return ParseError(msg, tok.pos)

    def starts_factor(self, tok: _Tok) -> bool:
        return tok.kind in ("num", "letter", "text", "open", "cmd", "label")

    def split_commas(self, lo: int, hi: int) -> list[tuple[int, int]]:
        parts, a, k = [], lo, lo
        while k < hi:
            tok = self.t[k]
            if tok.kind == "open":
                k = self.match[k] + 1
                continue
            if tok.kind == "comma":
                parts.append((a, k))
                a = k + 1
            k += 1
        parts.append((a, hi))
        return parts

    def arg(self, owner: _Tok, what: str) -> tuple[int, int]:
        """A TeX argument: a {…} group (its content range) or one single-character token."""
        tok = self.peek()
        label = self.src[owner.start:owner.end]
        if tok is None:
            raise ParseError(f"{label} needs {what}", owner.pos)
        if tok.kind == "open" and tok.text == "{":
            close = self.match[self.i]
            lo, self.i = self.i + 1, close + 1
            return lo, close
        if owner.kind == "sup" and tok.kind == "op" and tok.text == "-":
            return self.signed_exponent(tok, label)
        if owner.kind == "sup" and tok.kind == "op" and tok.text in ("*", "star"):
            self.i += 1  # w^*, w^\star: a mark (the optimum), see layer_label
            return self.i - 1, self.i
        ok = tok.kind in ("letter", "num", "text") or (
            tok.kind == "cmd" and (tok.text in GREEK or tok.text in ("top", "intercal", "prime", "infty")))
        if tok.kind == "num" and len(tok.text) > 1:
            hint = "\\frac{…}{…} with braces" if owner.text in FRAC_COMMANDS else f"{label}{{{tok.text}}}"
            raise ParseError(f"TeX takes only the first character of {tok.text!r} after {label}: "
                             f"write {hint}", tok.pos)
        nxt = self.peek(1)
        base = self.t[self.i - 2] if self.i >= 2 and self.t[self.i - 1] is owner else None
        # \sum_ky_k is typeset Σ_k y_k, which is what it means: TeX's one-token rule decides
        summed = owner.kind == "sub" and base is not None and base.kind == "cmd" and \
            base.text in ("sum", "prod")
        run_end = self.i + len(self.letter_run(self.i)) if tok.kind == "letter" else self.i
        # y_kp_k: y_{kp}_k would be a double subscript, so TeX's y_k p_k is the one reading
        # (and e^xe^{-x}: e^{xe}^{-x} would be a double superscript)
        subscripted = run_end < self.end and self.t[run_end].kind == owner.kind \
            and owner.kind in ("sub", "sup")
        if tok.kind == "letter" and nxt is not None and nxt.kind == "letter" and nxt.glued \
                and not summed and not subscripted:
            word = self.letter_run(self.i)
            hint = ("\\frac{…}{…} with braces" if owner.text in FRAC_COMMANDS else
                    f"{label}{{{word}}} (or {label}{{{word[0]}}}{word[1:]} if that is meant)")
            raise ParseError(f"TeX takes only the first letter of {word!r} after {label}: write {hint}",
                             tok.pos)
        if not ok:
            raise ParseError(f"{label} needs {what} in braces {{…}}", tok.pos)
        self.i += 1
        return self.i - 1, self.i

    def signed_exponent(self, minus: _Tok, label: str) -> tuple[int, int]:
        """``e^-x``: TeX reads e^{-}x, which means nothing; by convention the sign takes the
        one token after it, e^{-x}. Where more may belong to the exponent (``e^-2x``,
        ``e^-x y``), the braces must say how much."""
        after = self.peek(1)
        one = after is not None and (after.kind == "letter" or (
            after.kind == "num" and len(after.text) == 1) or (
            after.kind == "cmd" and after.text in GREEK and after.text not in ("sigma", "delta")))
        nxt = self.peek(2)
        if not one or (nxt is not None and (self.starts_factor(nxt) or nxt.kind in ("sub", "sup", "prime"))):
            shown = self.show(self.i, min(self.i + 3, self.end))
            first = self.show(self.i, self.i + 2) if after is not None else "-"
            raise ParseError(f"'{label}{shown}': TeX reads only the sign as the exponent; put the "
                             f"exponent in braces: {label}{{{shown}}} or {label}{{{first}}}…",
                             minus.pos)
        self.i += 2
        return self.i - 2, self.i

    def letter_run(self, k: int) -> str:
        j = k + 1
        while j < self.end and self.t[j].kind == "letter" and self.t[j].glued:
            j += 1
        return "".join(t.text for t in self.t[k:j])

    def known_word(self, word: str) -> bool:
        ctx = self.ctx
        word = _vocabulary_case(word, ctx)
        return (word in ctx.latex or word in _BARE_FUNCTIONS or word in _NOT_BARE
                or ctx.kind(word) in ("symbol", "vector", "matrix", "function")
                or (word in latex_random.WORDS and latex_random.is_operator(self, word)))

    def bracket_follows(self) -> bool:
        r"""E[…], E(…), E\{…\}: a bracket right after the word (its scripts excluded)."""
        nxt = self.peek()
        return nxt is not None and (nxt.kind in ("sub", "sup") or (
            nxt.kind == "open" and nxt.text in ("(", "[", "\\{")))

    # ---- grammar

    def first_bad(self) -> None:
        """A command the lexer could not read is the error to report, wherever it sits."""
        for tok in self.t[self.i:self.end]:
            if tok.kind == "bad":
                raise ParseError(tok.arg, tok.pos)

    def parse_step(self) -> Node:
        self.first_bad()
        node = self.expr()
        if self.i < self.end:
            raise self.unexpected(self.t[self.i])
        return node

    def parse_top(self) -> Node:
        self.first_bad()
        left = self.expr()
        tok = self.peek()
        if tok is not None and tok.kind == "rel":
            op = _COMPARE.get(tok.text)
            if op is None:
                raise ParseError(f"{self.src[tok.start:tok.end]} is not supported: a single "
                                 "expression may hold one =, <, >, \\le or \\ge", tok.pos)
            self.i += 1
            right = self.expr()
            if self.i < self.end:
                raise self.unexpected(self.t[self.i])
            return Compare(op, left, right, tok.pos)
        if tok is not None:
            raise self.unexpected(tok)
        return left

    def expr(self) -> Node:
        self.enter(self.here())
        try:
            node = self.signed_term()
            # the trailing run of terms added with +, each with the sum before it (an ellipsis)
            run: list[tuple[Node | None, Node]] = [(None, node)]
            while (tok := self.peek()) is not None and tok.kind == "op" and tok.text in "+-":
                self.i += 1
                dots = self.peek()
                if dots is not None and dots.kind == "dots" and tok.text == "+":
                    node = self.ellipsis(run, dots)
                    run = []
                    continue
                term = self.signed_term()
                run = [*run, (node, term)] if tok.text == "+" else []
                node = Bin(tok.text, node, term, tok.pos)
            return node
        finally:
            self.level -= 1

    def ellipsis(self, run: list[tuple[Node | None, Node]], dots: _Tok) -> Node:
        """``a + x_1 + x_2 + \\dots + x_n``: ``run`` is the trailing run of terms added with +
        before the ``…``, each with the sum before it (checker/parse/ellipsis.py reads the
        pattern; the terms before it stay as they are)."""
        self.i += 1
        plus = self.peek()
        if plus is None or plus.kind != "op" or plus.text != "+":
            raise ParseError(f"an ellipsis in a sum needs the last term after it: {ellipsis.HOW}",
                             dots.pos)
        self.i += 1
        last = self.signed_term()
        if not run:
            raise ParseError("the term just before the ellipsis is subtracted: the terms of a sum "
                             f"written with … must be added; {ellipsis.HOW}", dots.pos)
        terms = [t for _, t in run]
        taken = ellipsis.names_in([*terms, last]) | self.ctx.declared() | set(self.ctx.latex)
        count, total = ellipsis.fold(terms, last, dots.pos, taken,
                                     lambda body, var: self.check_bound(body, var, dots))
        kept = run[len(run) - count][0]
        return total if kept is None else Bin("+", kept, total, dots.pos)

    def signs(self) -> list[_Tok]:
        out = []
        while (tok := self.peek()) is not None and tok.kind == "op" and tok.text in "+-":
            out.append(tok)
            self.i += 1
        if len(out) > MAX_DEPTH:
            raise ParseError(f"more than {MAX_DEPTH} signs in a row", out[0].pos)
        return out

    def signed_term(self) -> Node:
        signs = self.signs()
        node = self.term()
        for s in reversed(signs):
            node = Unary(s.text, node, s.pos)
        return node

    def signed_factor(self, apply: bool = True) -> Node:
        signs = self.signs()
        node = self.factor(apply)
        for s in reversed(signs):
            node = Unary(s.text, node, s.pos)
        return node

    def term(self) -> Node:
        return self.term_rest(self.factor())

    def term_rest(self, node: Node) -> Node:
        """Continue a product (or quotient) whose first factors are ``node``."""
        while (tok := self.peek()) is not None:
            if tok.kind == "op" and tok.text in ("*", "/", "odot"):
                self.i += 1
                rhs = self.signed_factor(apply=tok.text != "/")
                if tok.text == "odot":  # a product written side by side binds tighter than
                    while (nxt := self.peek()) is not None and self.starts_factor(nxt):  # ⊙:
                        rhs = self.juxtapose(rhs, nxt)  # h ⊙ W^T δ is h ⊙ (W^T δ), as
                    node = Call("hadamard", (node, rhs), tok.pos)  # W^T δ ⊙ h is (W^T δ) ⊙ h
                    continue
                if tok.text == "/" and (nxt := self.peek()) is not None and self.starts_factor(nxt):
                    node = self.slash_product(node, rhs, tok)
                    continue
                node = Bin(tok.text, node, rhs, tok.pos)
            elif self.starts_factor(tok):
                node = self.juxtapose(node, tok)
            else:
                break
        return node

    def juxtapose(self, node: Node, tok: _Tok) -> Node:
        if tok.kind == "num" and self.t[self.i - 1].kind == "num":
            raise ParseError(f"two numbers in a row ({self.show(self.i - 1, self.i + 1)}): TeX "
                             "prints them as one number; write \\cdot between them", tok.pos)
        rhs = self.factor()
        return self.side_by_side(node, rhs, tok.pos)

    def side_by_side(self, node: Node, rhs: Node, pos: Pos) -> Node:
        """Two vectors/matrices side by side multiply as matrices (W x, x^\top y); anything
        else multiplies as numbers. An undeclared I (a number, or the identity) decides it in
        each of its readings."""
        for k, side in enumerate((node, rhs)):
            if isinstance(side, Choice) and side.key == "I:identity":
                other = rhs if k == 0 else node
                options = tuple(self.side_by_side(o, other, pos) if k == 0
                                else self.side_by_side(other, o, pos) for o in side.options)
                return Choice(side.key, options, side.labels, side.hint, side.pos)
        op = "@" if self.is_array(node) and self.is_array(rhs) else "*"
        return Bin(op, node, rhs, pos, side_by_side=True)

    def times_from(self, node: Node, start: int, end: int) -> Node:
        """``node`` times each factor written side by side from token ``start`` to ``end``
        (read again for another reading of them); the reader then stands at ``end``."""
        self.i, saved = start, self.end
        self.end = end
        try:
            while (tok := self.peek()) is not None:
                node = self.juxtapose(node, tok)
        finally:
            self.end = saved
        self.i = end
        return node

    def slash_product(self, node: Node, rhs: Node, slash: _Tok) -> Node:
        """``a/b c`` has two readings, (a/b)·c and a/(b·c): no convention settles it."""
        after_rhs = self.i
        den = rhs
        if (nxt := self.peek()) is not None and nxt.kind == "open" and nxt.text == "(" \
                and self.may_be_function(rhs):  # a/b(c): b may be a function (one more reading)
            den = self.postfix(self.application(rhs), None, False)  # type: ignore[arg-type]
        while (tok := self.peek()) is not None and self.starts_factor(tok):
            den = self.juxtapose(den, tok)
        end = self.i
        divided = Bin("/", node, den, slash.pos)
        first = self.times_from(Bin("/", node, rhs, slash.pos), after_rhs, end)
        shown = self.show(after_rhs - 1, end)
        return Choice(f"slash@{slash.pos.line}:{slash.pos.col}", (first, divided),
                      (plain(first), plain(divided)),
                      f"'/{shown}': write \\frac{{…}}{{…}} so that the denominator is clear", slash.pos)

    def is_array(self, node: Node) -> bool:
        """Is ``node`` certainly a vector or matrix (declared names, softmax, transposes …)?"""
        hit = self.arrays.get(id(node))
        if hit is None or hit[0] is not node:
            hit = self.arrays[id(node)] = (node, self._is_array(node))  # keeps node alive: ids stay unique
        return hit[1]

    def _is_array(self, node: Node) -> bool:
        if isinstance(node, Choice):
            return any(self.is_array(o) for o in node.options)
        if isinstance(node, Defined):
            return self.is_array(node.body)
        if isinstance(node, Name):
            return self.ctx.kind(node.id) in ("vector", "matrix")
        if isinstance(node, Unary):
            return self.is_array(node.operand)
        if isinstance(node, Bin):
            if node.op == "@":  # x^\top y of two vectors is a number (w^\top x inside σ(…))
                return not (self.is_vector(node.right) and isinstance(node.left, Call)
                            and node.left.func == "T" and len(node.left.args) == 1
                            and self.is_vector(node.left.args[0]))
            if node.op in ("+", "-", "*"):
                return self.is_array(node.left) or self.is_array(node.right)
            return self.is_array(node.left)  # / and **
        if isinstance(node, Call):
            if node.func in ("softmax", "hadamard", "outer", "diag", "inv", "ones", "eye",
                             "Matrix", "grad", "jacobian"):
                return True
            if node.func == "_partial":  # ∂L/∂y, y whole: L's gradient in y's shape
                return not isinstance(node.args[2], Index) and self.is_array(node.args[2])
            if node.func == "_member":  # x̂_j: its value's shape
                return self.is_array(node.args[2])
            if node.func == "_leibniz_entry":  # ∂L/∂h through h, h whole (no index after it)
                return len(node.args) == 3
            fn = self.ctx.functions.get(node.func)
            if fn is not None and fn.body is None and fn.params:
                return False  # "L(y)" = "arbitrary": one number of y's entries
            if node.func in ("Sum", "diff", "T") or node.func in SCALAR_FUNCTIONS \
                    or self.ctx.kind(node.func) == "function":
                return bool(node.args) and self.is_array(node.args[0])
        return False

    def at_its_index(self, key: str, script: tuple[str, frozenset[str]], tok: _Tok) -> None:
        """``key`` (p_i, \\hat{y}_i, S_{ij}) is defined for its written index only, not as a
        family: inside a sum over that index it would keep the definition's index (a sum of
        one fixed term), which is never what Σ_i ŷ_i means. Refused."""
        bound = set(script[1]) & set(self.binding)
        if bound:
            letter = sorted(bound)[0]
            raise ParseError(f"{key} is defined at its own index {letter} (its definition is not read "
                             f"as one for every index: it uses names of its own, or more than one "
                             f"index), so inside the sum over {letter} it would not follow the sum; "
                             "declare the names its definition uses, or write the sum's terms",
                             tok.pos)

    def is_vector(self, node: Node) -> bool:
        """A declared vector written by its name (x, or \\mathbf{x} read as x)."""
        return isinstance(node, Name) and self.ctx.kind(node.id) == "vector" and (
            node.id in self.ctx.vectors or node.id in self.ctx.symbolic)

    def factor(self, apply: bool = True) -> Node:
        """A primary with its scripts; with ``apply``, an undeclared name before brackets
        is also read as a possible function (:meth:`application`)."""
        tok = self.peek()
        if tok is None:
            raise ParseError("an expression was expected here", self.here())
        if not self.starts_factor(tok):
            raise self.unexpected(tok)
        start = self.i
        node, ref, euler = self.primary()
        if tok.kind == "open" and tok.text == "{" and (after := self.peek()) is not None \
                and after.kind == "sup":
            node = self.braced_power(start, node, ref, euler)
        elif tok.kind == "open" and tok.text in ("(", "[") and self.prime_order(self.i):
            node = self.postfix(self.bracket_prime(node, tok), None, False)
            at = self.peek()
            if at is not None and at.kind == "open" and at.text == "(":  # (x^2)'(3)
                raise ParseError("(…)'(…): the derivative of the bracket at a point, or times "
                                 "the bracket after it? Write \\frac{d}{dx}(…) \\Big|_{x=a} for "
                                 "the value at a point, or \\cdot (…) for the product", at.pos)
        else:
            node = self.postfix(node, ref, euler)
        node = self.factorial(node)
        nxt = self.peek()
        if apply and tok.kind != "open" and nxt is not None and nxt.kind == "open" \
                and nxt.text == "(" and self.may_be_function(node):  # (x)(x + 1) is a product
            close = self.match[self.i]
            if close is not None and close + 1 < self.end and self.t[close + 1].kind == "bang":
                return node  # k (k-1)!: k times (k − 1)!, the bracket's factorial
            return self.application(node)  # type: ignore[arg-type]
        if apply and tok.kind == "letter" and nxt is not None and nxt.kind == "open" \
                and nxt.text == "(" and isinstance(node, Bin) and node.op == "**" \
                and self.may_be_function(node.left) and isinstance(node.right, Num | Unary) \
                and not (self.match[self.i] + 1 < self.end
                         and self.t[self.match[self.i] + 1].kind == "bang"):  # k^2 (k-1)!
            return self.power_application(node)
        return node

    def factorial(self, node: Node) -> Node:
        """``n!``, ``(n + 1)!``, ``y_i!``: the factorial of the factor before it. After a
        power written without brackets (``x^n!``: (xⁿ)! or x^{n!}?) it is refused, as is
        ``n!!`` (a double factorial, or the factorial of n!?)."""
        tok = self.peek()
        if tok is None or tok.kind != "bang":
            return node
        before = self.t[self.i - 1]
        if isinstance(node, Call) and node.func in BY_NAME and before.kind == "close":
            raise ParseError(f"{node.func}(…)!: the factorial of the {node.func}, or the "
                             f"{node.func} of the factorial? Write \\{node.func}\\left((…)!"
                             f"\\right) for the second, or brackets around the first", tok.pos)
        if isinstance(node, Call) and node.func in ("Sum", "Product") and not (
                before.kind == "close" and before.text in (")", "]")):
            raise ParseError("'!' after a sum: the factorial of its last term, or of the whole "
                             "sum? Write \\sum_k (a_k)! or (\\sum_k a_k)!", tok.pos)
        if isinstance(node, Bin) and node.op == "**" and (
                before.kind != "close" or before.text == "}"):  # x^n!, x^{n}!: TeX sets both
            shown = self.show(self.i - 1, self.i + 1)
            raise ParseError(f"'{shown}': the factorial of the power, or a factorial in the "
                             "exponent? Write (x^n)! or x^{n!}", tok.pos)
        self.i += 1
        nxt = self.peek()
        if nxt is not None and nxt.kind == "bang":
            raise ParseError("'!!': a double factorial, or the factorial of a factorial? "
                             "Write (n!)! for the second; a double factorial is not in the "
                             "vocabulary", nxt.pos)
        if nxt is not None and nxt.kind == "sup":
            raise ParseError("n!^k: write (n!)^k", nxt.pos)
        return Call("factorial", (node,), tok.pos)

    def power_application(self, power: Bin) -> Node:
        """``h^2(x)`` with h undeclared: h²·x, or the function h applied to x and squared (as
        σ^2(x) is σ(x)²), one Choice with h(x)'s (the key ``fn:h``); ``h^{-1}(x)`` may also be
        the inverse function, so it is refused."""
        name = power.left
        assert isinstance(name, Name)
        k = power.right
        if not (isinstance(k, Num) and k.value.denominator == 1 and k.value > 0):
            shown = name.id
            raise ParseError(f"{shown}^{{{plain(k)}}}(…) with {shown} not declared: "
                             f"{shown}^{{{plain(k)}}}·(…), or the function {shown} applied "
                             f"(its inverse, or a power of its value)? Write {shown}^{{{plain(k)}}} "
                             f"\\cdot (…), or declare {shown} under [context] functions and write "
                             f"{shown}(…)^{{{plain(k)}}} or \\left({shown}(…)\\right)^{{{plain(k)}}}",
                             name.pos)
        open_tok = self.t[self.i]
        close = self.match[self.i]
        lo, self.i = self.i + 1, close + 1
        args = tuple(self.within(a, b, self.expr) for a, b in self.split_commas(lo, close))
        applied = Bin("**", Apply(name.id, args, name.pos), k, power.pos)
        if len(args) > 1:
            return self.postfix(applied, None, False)
        f = name.id
        return self.postfix(Choice(
            f"fn:{f}", (Bin("*", power, args[0], open_tok.pos), applied),
            (f"{f} a number: {f}^{plain(k)}·(…)", f"{f} a function: {f}(…)^{plain(k)}"),
            f"{f} is not declared: declare it under [context] functions (its definition, or {f} "
            f"= \"arbitrary\"), or as a symbol, or write {f}^{{{plain(k)}}} \\cdot (…)", name.pos),
            None, False)

    def bracket_prime(self, node: Node, tok: _Tok) -> Node:
        """``(f(g(x)))'``, ``(x^2 + 1)''``: the derivative of the bracket by its one variable;
        with no variable, or several, the prime does not say which, and that is an error."""
        order, after = self.prime_order(self.i)  # type: ignore[misc]
        shown = self.src[tok.start:self.t[after - 1].end]
        self.i = after
        if order > 4:
            raise ParseError(f"{shown}: derivatives of order above 4 are not allowed", tok.pos)
        functions = {n.key[3:] for n in walk(node) if isinstance(n, Choice)
                     and n.key.startswith("fn:")} | {n.func for n in walk(node)
                                                      if isinstance(n, Apply)}
        bound = bound_indices(node)
        names = sorted({n.id for n in walk(node) if isinstance(n, Name) and n.id not in bound
                        and n.id not in functions and n.id not in ("E", "pi")
                        and self.ctx.kind(n.id) in (None, "symbol")
                        and n.id not in self.ctx.dims and n.id not in self.ctx.indices})
        if len(names) != 1:
            which = f"in {', '.join(names)}" if names else "with no variable"
            raise ParseError(f"{shown}: a prime of an expression {which} does not say which "
                             "variable it is the derivative by; write \\frac{d}{dx}(…)", tok.pos)
        hidden = [n for n in walk(node) if isinstance(n, Defined) and any(
            isinstance(m, Name) and m.id == names[0] for m in walk(n.body))]
        if hidden:
            raise ParseError(f"{shown}: {hidden[0].name} is defined in terms of {names[0]}, so the "
                             f"prime could be by {hidden[0].name} or by {names[0]}; write "
                             f"\\frac{{d}}{{d{names[0]}}}(…) or \\frac{{d}}{{d{hidden[0].name}}}(…)",
                             tok.pos)
        var = Name(names[0], tok.pos)
        return self.diff_node(node, var, order, tok)

    def braced_power(self, start: int, node: Node, ref: str | None, euler: bool) -> Node:
        """``{a+b}^2``, ``{-e}^{-x}``: braces group for TeX but are not printed, so the page
        shows a + b², -e^{-x}. Where the group holds more than one factor, both the grouped
        power and the power of its last factor, as printed, are readings."""
        close = self.match[start]
        grouped = self.postfix(node, ref, euler)
        lo = start + 1
        single = self.t[lo].kind == "open" and self.match[lo] == close - 1
        if single or not (isinstance(node, Unary) or (isinstance(node, Bin) and node.op in "+-*/")):
            return grouped
        try:
            printed = _Parser(self.t[lo:close] + self.t[close + 1:self.i], self.src,
                              self.ctx).parse_step()
        except ParseError:
            return grouped
        tok = self.t[start]
        shown = self.src[tok.start:self.t[self.i - 1].end]
        return Choice("brace:power", (grouped, printed),  # one convention for the derivation
                      ("the power of the braced group", "the power of its last factor, as printed"),
                      f"{shown}: braces are not printed, so the power looks like it is on the last "
                      "factor; write \\left( … \\right)^{…} for a power of the whole",
                      tok.pos)

    def may_be_function(self, node: Node) -> bool:
        """An undeclared name right before '(' may be a function that the prose defines."""
        return (isinstance(node, Name) and node.id not in ("E", "pi")
                and self.ctx.kind(node.id) is None and node.id not in self.ctx.latex)

    def application(self, name: Name) -> Node:
        """``f(x)`` with f undeclared: f·x or an arbitrary function f applied to x. Both are
        plausible, so both are readings (one Choice per name, decided for the whole
        derivation); ``f(a, b)`` can only be an application."""
        open_tok = self.t[self.i]
        close = self.match[self.i]
        lo, self.i = self.i + 1, close + 1
        args = tuple(self.within(a, b, self.expr) for a, b in self.split_commas(lo, close))
        after = self.i
        power = (nxt := self.peek()) is not None and nxt.kind == "sup"
        applied = self.postfix(Apply(name.id, args, name.pos), None, False)
        if len(args) > 1:
            return applied
        end, self.i = self.i, after  # w (x)^2 as a product: w·x², the power on the bracket
        product = Bin("*", name, self.postfix(args[0], None, False) if power else args[0],
                      open_tok.pos)
        if not power:  # (a subscript or a prime: on the whole, in either reading, as before)
            self.i = after
            applied = Apply(name.id, args, name.pos)
        elif self.i != end:  # (the two readings must end at one place)
            raise ParseError(f"{name.id}(…) followed by what applies to the bracket or to "
                             f"{name.id}(…): write {name.id} \\cdot (…) or declare {name.id}",
                             name.pos)
        f = name.id
        choice = Choice(f"fn:{f}", (product, applied),
                        (f"{f} a number: {f}·(…)", f"{f} a function: {f}(…)"),
                        f"{f} is not declared: declare it under [context] functions (its "
                        f"definition, or {f} = \"arbitrary\"), or as a symbol, or write {f} "
                        "\\cdot (…)", name.pos)
        return choice if power else self.postfix(choice, None, False)

    def primary(self) -> _Prim:
        tok = self.t[self.i]
        k = tok.kind
        if k == "num":
            return self.number()
        if k == "letter":
            return self.letters()
        if k == "text":
            return self.text_name()
        if k == "open":
            return self.group()
        if k == "label":
            return self.divergence(tok)
        if k == "sep":
            raise ParseError("‖ is read only between the two arguments of a divergence written "
                             "whole, as in KL(P \\| Q) or D_{KL}(p \\parallel q); for a norm "
                             "write \\lVert x \\rVert", tok.pos)
        name = tok.text
        if name in GREEK:
            return self.greek()
        if name in FUNCTION_COMMANDS:
            self.i += 1
            if "\\" + name in self.ctx.latex:  # the context may redefine \log and friends
                return self.mapped(self.ctx.latex["\\" + name], tok, "\\" + name)
            return self.call(FUNCTION_COMMANDS[name], tok, command=True), None, False
        if name in FRAC_COMMANDS:
            return self.frac(), None, False
        if name == "evalat":  # F \Big|_{x=a} (see latex_lexer.prepared): F at x = a
            self.i += 1
            var = self.arg(tok, "a variable")
            value = self.arg(tok, "a value")
            body = self.arg(tok, "an expression")
            at = self.within(*var, self.expr)
            if not isinstance(at, Name):
                raise ParseError("an evaluation bar |_{x = a} needs one variable before its '='",
                                 tok.pos)
            return Call("_at", (self.within(*body, self.expr), at,
                                self.within(*value, self.expr)), tok.pos), None, False
        if name in ("sum", "prod"):
            return self.sum(), None, False
        if name == "int":
            return latex_integral.integral(self), None, False
        if name == "infty":
            raise ParseError("∞ is read only as a bound of an integral (\\int_{-\\infty}^{\\infty}); "
                             "limits and infinite sums are not supported", tok.pos)
        if name == "sqrt":
            return self.sqrt(), None, False
        if name in DECORATIONS:
            return self.decorated()
        if name == "partial":
            return self.slash_derivative(tok), None, False
        if name in ("top", "intercal"):
            raise ParseError("a transpose is written as a superscript: x^\\top", tok.pos)
        if name == "prime":
            raise ParseError(PRIMES, tok.pos)
        if name == "indicator":
            self.i += 1
            return self.indicator(tok), None, False
        if name == "nabla":
            return self.nabla(), None, False
        if name in ("expect", "variance"):  # \mathbb{E}, \mathbb{V}
            self.i += 1
            return latex_random.operator(self, name, tok), None, False
        raise self.unexpected(tok)

    def divergence(self, tok: _Tok) -> _Prim:
        """KL(P ‖ Q): the quantity a display defines under that name; KL(Q ‖ P) after it, that
        definition with the two functions exchanged (never a new name)."""
        self.i += 1
        if tok.text in self.ctx.latex:
            return self.mapped(self.ctx.latex[tok.text], tok, tok.text)
        other = divergence.defined_at_other(tok.text, self.ctx)
        if other is not None:
            node = divergence.instantiate(tok.text, other, self.ctx)
            if node is None:
                _, a, b = divergence.parts(other)
                raise ParseError(f"{tok.text}: the document defines {other}, and "
                                 f"{divergence.parts(tok.text)[0]} at other arguments is that "
                                 f"definition with them in place of {a} and {b}, which needs all "
                                 "four to be functions of the file, written in it as P(x)",
                                 tok.pos)
            return Defined(tok.text, node, tok.pos), None, False
        head = divergence.parts(tok.text)[0]
        unread = tok.text if tok.text in self.ctx.unread else next(
            (k for k in self.ctx.unread if divergence.SEPARATOR in k
             and divergence.parts(k)[0] == head), None)
        if unread is not None:
            raise ParseError(f"{tok.text}: the display at line {self.ctx.unread[unread]} defines "
                             f"{unread}, and could not be read, so what {tok.text} means here is "
                             "not known; fix that display first", tok.pos)
        raise ParseError(f"{tok.text} is not defined here: define it in a display before this "
                         f"line ({self.src[tok.start:tok.end]} = …)", tok.pos)

    def number(self) -> _Prim:
        tok = self.t[self.i]
        self.i += 1
        nxt = self.peek()
        if tok.text == "1" and nxt is not None and (
                (nxt.kind == "open" and nxt.text == "\\{")
                or (nxt.kind in ("sub", "open") and self.holds_relation(self.i + 1))):
            return self.indicator(tok), None, False
        return Num(Fraction(tok.text), tok.pos), None, False

    def indicator_of(self, opener: _Tok) -> Node:
        """[x > 0]: Iverson's bracket, 1 where the condition holds (the bracket holds a
        comparison, so it cannot be a bracketed value)."""
        one = _Tok("num", "1", opener.start, opener.end, opener.pos, opener.depth)
        return self.indicator(one)

    def holds_relation(self, k: int) -> bool:
        """Does the group opened at token k - 1 (or the script argument at k) hold a
        comparison at its own level? Then it is a condition, never a bracketed value."""
        if k - 1 >= self.end:
            return False
        opener = self.t[k - 1]
        if opener.kind == "sub":
            if k >= self.end or self.t[k].kind != "open" or self.t[k].text != "{":
                return False
            opener, k = self.t[k], k + 1
        if opener.kind != "open":
            return False
        close = self.match[k - 1]
        return any(t.kind == "rel" and t.depth == opener.depth + 1 for t in self.t[k:close])

    def indicator(self, one: _Tok) -> Node:
        """The indicator of a condition, after 1 or \\mathbb{1}: 1\\{i = j\\}, 1_{i=j},
        \\mathbb{1}[x > 0], \\mathbb{1}(x > 0): 1 where it holds, 0 elsewhere (an equation of
        indices is the Kronecker delta)."""
        nxt = self.peek()
        if nxt is not None and nxt.kind == "sub":
            self.i += 1
            lo, close = self.arg(nxt, "a condition")
        elif nxt is not None and nxt.kind == "open":
            close = self.match[self.i]
            lo, self.i = self.i + 1, close + 1
        else:
            raise ParseError(f"{self.src[one.start:one.end]} is an indicator: write the condition "
                             "after it, as in \\mathbb{1}\\{i = j\\} or \\mathbb{1}_{x > 0}", one.pos)
        conds = self.within(lo, close, lambda: self.condition(one))
        if conds is None:
            raise ParseError("an indicator needs a condition such as i = j or x > 0", one.pos)
        if len(conds) == 1 and conds[0].op in ("==", "!="):  # of indices: the Kronecker delta
            delta = Call("delta", (conds[0].left, conds[0].right), one.pos)
            if conds[0].op == "==":
                return delta
            return Bin("-", Num(Fraction(1), one.pos), delta, one.pos)
        return Cases(((Num(Fraction(1), one.pos), conds), (Num(Fraction(0), one.pos), None)),
                     one.pos)

    def condition(self, owner: _Tok) -> tuple[Compare, ...] | None:
        """A condition as written in a case or an indicator: comparisons (chains such as
        0 \\le x \\le 1 too) joined by ',' or \\text{and}, after an optional \\text{if} (for,
        when, where); or \\text{otherwise} (None)."""
        while self.end > self.i and self.t[self.end - 1].kind in ("comma", "period") \
                and self.t[self.end - 1].depth == self.t[self.i].depth:
            self.end -= 1  # x > 0, (a comma or period that ends the row)
        found: list[Compare] = []
        otherwise = False
        start = self.i
        while self.i < self.end:
            tok = self.t[self.i]
            if tok.kind == "text":
                self.i += 1
                words = [w.strip(".,;:").lower() for w in re.sub(r"\$[^$]*\$", " ", tok.arg).split()]
                words = [w for w in words if w]
                if words in (["otherwise"], ["else"], ["o.w"], ["elsewhere"]) and start == self.i - 1:
                    otherwise = True
                    continue
                bad = [w for w in words if w not in CONDITION_LINKS]
                if bad or otherwise:
                    raise ParseError(f"\\text{{{tok.arg}}} in a condition: write comparisons (x > 0) joined "
                                     "by ',' or \\text{ and }, after \\text{if } if you like, or "
                                     "\\text{otherwise} alone for the rest", tok.pos)
                for m in re.finditer(r"\$([^$]+)\$", tok.arg):  # \text{if $x > 0$}
                    inner = _tokenize(m.group(1))
                    sub = _Parser(inner, m.group(1), self.ctx)
                    found.extend(sub.within(0, len(inner), sub.comparison_chain))
                continue
            if tok.kind == "comma":
                self.i += 1
                continue
            j = self.i
            while j < self.end and self.t[j].kind not in ("text", "comma"):
                j = self.match[j] + 1 if self.t[j].kind == "open" else j + 1
            found.extend(self.within(self.i, j, self.comparison_chain))
            self.i = j
        if otherwise:
            if found:
                raise ParseError("\\text{otherwise} stands alone", owner.pos)
            return None
        if not found:
            raise ParseError("a condition is needed here: a comparison such as x > 0, or "
                             "\\text{otherwise}", self.t[start].pos if start < len(self.t) else owner.pos)
        return tuple(found)

    def comparison_chain(self) -> list[Compare]:
        """a < b, a \\le b < c (each neighbouring pair), a = b, a \\neq b."""
        out: list[Compare] = []
        left = self.expr()
        while (tok := self.peek()) is not None and tok.kind == "rel":
            op = _COMPARE.get(tok.text)
            if op is None:
                raise ParseError(f"{self.src[tok.start:tok.end]} in a condition: use =, \\neq, <, >, "
                                 "\\le or \\ge", tok.pos)
            self.i += 1
            right = self.expr()
            out.append(Compare(op, left, right, tok.pos))
            left = right
        if not out:
            at = self.t[self.i].pos if self.i < self.end else self.here()
            raise ParseError("a comparison such as x > 0 is expected in a condition", at)
        return out

    def cases_env(self) -> Node:
        """\\begin{cases} value & condition \\\\ … \\end{cases}: each row a value and where it
        applies (\\text{otherwise} for the rest)."""
        tok = self.t[self.i]
        close = self.match[self.i]
        lo, self.i = self.i + 1, close + 1
        rows: list[tuple[Node, tuple[Compare, ...] | None]] = []
        level = tok.depth + 1
        start = lo
        for k in range(lo, close + 1):
            if k < close and not (self.t[k].kind == "row" and self.t[k].depth == level):
                continue
            if start < k:
                amp = next((j for j in range(start, k) if self.t[j].kind == "amp"
                            and self.t[j].depth == level), None)
                if amp is None:
                    raise ParseError("each row of \\begin{cases} is 'value & condition' (or "
                                     "'value & \\text{otherwise}')", self.t[start].pos)
                end_value = amp
                while end_value > start and self.t[end_value - 1].kind in ("comma", "period"):
                    end_value -= 1  # x, & x > 0
                if end_value == start:
                    raise ParseError("a case without a value", self.t[start].pos)
                value = self.within(start, end_value, self.expr)
                if amp + 1 >= k:
                    raise ParseError("a case without a condition: write \\text{otherwise} for the "
                                     "rest", self.t[amp].pos)
                conds = self.within(amp + 1, k, lambda: self.condition(tok))
                rows.append((value, conds))
            start = k + 1
        if not rows:
            raise ParseError("\\begin{cases} without a case", tok.pos)
        return Cases(tuple(rows), tok.pos)

    def letters(self) -> _Prim:
        start = self.i
        tok = self.t[start]
        self.i += 1
        nxt = self.peek()
        if tok.text == "e" and start > 0 and self.t[start - 1].kind == "num" \
                and self.t[start - 1].end == tok.start and nxt is not None and nxt.start == tok.end \
                and (nxt.kind == "num" or (nxt.text in "+-" and self.i + 1 < self.end
                                           and self.t[self.i + 1].kind == "num")):
            raise ParseError(f"{self.src[self.t[start - 1].start:self.t[self.i + (nxt.kind != 'num')].end]}"
                             ": a number in scientific notation, or a product with Euler's e? "
                             "Write 10^{-3} (or 0.001), or e with a \\cdot", tok.pos)
        if tok.text == "d" and start > self.split_until and (slash := self.d_slash(start)):
            return self.derivative(tok, (start, slash), (slash + 1, self.i)), None, False
        if tok.text == "d" and start > self.split_until and self.ctx.gradients and (
                "d" in self.binding or self.ctx.kind("d") is not None or "d" in self.ctx.latex) \
                and nxt is not None and (nxt.kind == "letter" or (
                    nxt.kind == "cmd" and (nxt.text in DECORATIONS or nxt.text in GREEK))):
            shown = self.src[tok.start:nxt.end]  # Σ_d d x_d, d = 2, d(t) = …, d a dimension
            raise ParseError(f"{shown}…: gradients = \"{self.ctx.gradients}\" makes d against a "
                             "name a gradient's name, but d is also a name here (declared, "
                             "defined, or a sum's index), so it could be d times the name: use "
                             "another letter for the other d, or write the gradient as "
                             f"\\frac{{\\partial {self.ctx.gradients}}}{{\\partial …}}", tok.pos)
        if tok.text == "d" and start > self.split_until and self.ctx.kind("d") is None \
                and "d" not in self.ctx.latex and nxt is not None and not (
                    start > 0 and self.t[start - 1].kind == "letter" and tok.glued) and (
                    nxt.kind == "letter" or (  # dy, d y, d\mu, d \hat{x}: TeX shows dy, dμ alike
                        nxt.kind == "cmd" and (nxt.text in DECORATIONS or nxt.text in GREEK))):
            # dy_i, d\hat{x}_i: a gradient's name (dy for ∂L/∂y) or d times y_i
            if self.ctx.gradients:  # the file says which: ∂L/∂y_i
                return self.gradient_name(tok), None, False
            shown = self.src[tok.start:nxt.end]
            raise ParseError(f"{shown}…: a d written against a name may be the name of a gradient "
                             f"or differential (dy for ∂L/∂y) or d times the name; declare d as "
                             "a symbol for the product, or say which function's gradients the "
                             "names are (gradients = \"L\", with \"L(y)\" = \"arbitrary\"), "
                             "or write the gradient as \\frac{\\partial L}{\\partial y}",
                             tok.pos)
        if start > self.split_until:
            j = self.i
            while j < self.end and self.t[j].kind == "letter" and self.t[j].glued:
                j += 1
            self.no_word_inside(start, j)
            self.no_digits_after(start, j)
            if j - start > 1:
                word = "".join(t.text for t in self.t[start:j])
                if word == "ln" and "ln" not in self.ctx.latex and j < self.end \
                        and self.t[j].kind == "open" and self.t[j].text == "(":
                    self.i = j  # ln(…) without a backslash is still the natural log
                    return self.call("log", tok, command=False), None, False
                if self.known_word(word):
                    self.i = j
                    return self.resolve(word, tok)
                if j + 1 < self.end and self.t[j].kind == "sub" and self.t[j + 1].kind == "open" \
                        and self.t[j + 1].text == "{" and len(self.letter_run(j + 2)) >= 2:
                    # KL_{loss}: K·L_{loss} as TeX sets it, or the one name KL_{loss}?
                    label = self.src[tok.start:self.t[self.match[j + 1]].end]
                    key = "".join(label.split())
                    if key in self.ctx.latex:  # mapped, or defined by a display
                        self.i = self.match[j + 1] + 1
                        return self.mapped(self.ctx.latex[key], tok, key)
                    raise ParseError(f"{label}: letters written together multiply (K·L_…), but "
                                     f"a word as subscript suggests one name; map {label} under "
                                     "[context] latex to the name or value meant", tok.pos)
                if len(word) >= 3:
                    for f in _HIDDEN:
                        if f in word:
                            raise ParseError(
                                f"{word!r} contains {f!r}: letters written together multiply; write "
                                f"\\operatorname{{{f}}}(…) (or \\{f}) and separate the other letters",
                                tok.pos)
                euler = next((k for k in range(start, j) if self.t[k].text == "e"), None)
                if len(word) >= 3 and euler is not None and self.ctx.kind("e") is None \
                        and "e" not in self.ctx.latex and not (
                            euler + 1 < self.end and self.t[euler + 1].kind == "sup"):
                    # net_k: the name "net", or n·e·t with e Euler's number, as TeX's rule says?
                    raise ParseError(f"{word!r}: one name, or letters that multiply, with e "
                                     f"Euler's number? Write \\text{{{word}}} (declared, or "
                                     "defined in a display) for a name, or separate the letters",
                                     tok.pos)
                self.split_until = j - 1
        return self.resolve(tok.text, tok)

    def no_digits_after(self, start: int, end: int) -> None:
        """F1, x1, W2 written with no space: the name F1, F·1 or F_1? In plain text (and many
        a LaTeX source) each is meant somewhere; the page cannot say which. Refused, unless the
        file declares the name (W1)."""
        if end >= self.end or self.t[end].kind != "num" or self.t[end].start != self.t[end - 1].end:
            return
        word = "".join(t.text for t in self.t[start:end])
        digits = self.t[end].text
        if self.ctx.kind(word + digits) is not None or word + digits in self.ctx.latex:
            return
        raise ParseError(f"{word}{digits}: the name {word}{digits}, {word} times {digits}, or "
                         f"{word}_{digits}? Write {word}_{{{digits}}} for an index, "
                         f"{word} \\cdot {digits} for the product, or declare {word}{digits}",
                         self.t[start].pos)

    def no_word_inside(self, start: int, glued_end: int) -> None:
        """NLLx or N LL after NLL = … is defined: TeX prints both as the word with letters
        beside it (spaces are not printed), so the word or the letters one by one? Refused."""
        # a word defined with a word as subscript (KL_{loss}) counts by its word (KL)
        words: dict[str, list[str]] = {}
        for w in self.ctx.latex:
            stem = w.split("_", 1)[0]
            if len(stem) > 1 and stem.isalpha():
                words.setdefault(stem, []).append(w)
        if not words:
            return
        k = start
        while k < self.end and self.t[k].kind == "letter":
            k += 1
        run = "".join(t.text for t in self.t[start:k])
        glued = "".join(t.text for t in self.t[start:glued_end])
        hit = next((w for w in words if w in run), None)
        if hit is not None and glued == hit:
            written = "".join(self.src[self.t[start].start:self.t[start].start
                                       + 4 * max(map(len, words[hit])) + 40].split())
            if any(written.startswith(w) for w in words[hit]):
                return  # KL_{loss} itself
            if written.startswith(hit + "_") and all("_" in w for w in words[hit]):
                shown = " or ".join(sorted(words[hit]))
                raise ParseError(f"{hit}_…: the document defines {shown}; this subscript is "
                                 "written differently: the same name, or another? Write it as "
                                 "it is defined, or give another name a word of its own",
                                 self.t[start].pos)
        if hit is not None and len(run) > 1 and not self.known_word(glued):
            shown = self.src[self.t[start].start:self.t[k - 1].end]
            hit = " or ".join(sorted(words[hit]))
            raise ParseError(f"{shown}: {hit} (defined in the document) with letters beside it, "
                             f"or the letters one by one? Write {hit} on its own (\\cdot between "
                             "it and the rest), or the letters apart with \\cdot",
                             self.t[start].pos)

    def resolve(self, word: str, tok: _Tok, plain: bool = False) -> _Prim:
        ctx = self.ctx
        if latex_random.is_operator(self, word) and (word != "E" or self.bracket_follows()):
            return latex_random.operator(self, word, tok), None, False
        if word in ctx.latex:
            return self.mapped(ctx.latex[word], tok, word)
        bold = next((f"\\{c}{{{word}}}" for c in ("mathbf", "boldsymbol", "bm", "vec")
                     if f"\\{c}{{{word}}}" in ctx.displayed), None) if len(word) == 1 else None
        if bold is not None and ctx.kind(word) is None and (nxt := self.peek()) is not None \
                and nxt.kind == "sub" and bold in ctx.latex:  # z_j: the entry of \mathbf{z}
            clash = next((n for n in ctx.declared() if n.startswith(f"{word}_")), None)
            if clash is not None:  # z_1 declared too: which is meant?
                raise ParseError(f"{word}_…: the page defines {bold} and declares {clash}: the "
                                 f"entry of {bold}, or the declared {clash}? Give one of them "
                                 "another letter", tok.pos)
            return self.mapped(ctx.latex[bold], tok, bold)  # (bold vector, plain entries)
        if bold is not None and ctx.kind(word) is None:  # \mathbf{z} = W x, then z alone
            raise ParseError(f"{word} is written plain, and the page defines {bold}: the same "
                             f"vector, or a letter of its own? Write {bold}, or define {word}",
                             tok.pos)
        if word in _NOT_BARE and len(word) > 1:
            raise ParseError(f"{word!r} cannot be written as a word in LaTeX: {_NOT_BARE_HINT[word]}",
                             tok.pos)
        marked = self.marked_function(word) or self.scripted_function(word)
        if marked is not None:  # J^{(i)}(w, b) = … defined: J^{(i)} is that function
            return self.call(marked, tok, command=False), None, False
        kind = ctx.kind(word)
        if word in LETTERS and kind in ("builtin", "constant"):
            k = self.i  # E_x[…], E^{(1)}\left[…\right], E\{…\}: scripts, then a bracket
            while k + 1 < self.end and self.t[k].kind in ("sub", "sup"):
                k = self.match[k + 1] + 1 if self.t[k + 1].kind == "open" else k + 2
            if word == "E" and k < self.end and self.t[k].kind == "open" \
                    and self.t[k].text in ("[", "\\{"):
                raise ParseError("E[…] is an expectation: random variables, expectations and "
                                 "variances are not in the vocabulary", tok.pos)
            # E (an error, an energy) and T (a target) are letters in LaTeX: Euler's number is
            # e and a transpose ^T; their names are ones no reader can write otherwise
            return Name(LETTERS[word], tok.pos), LETTERS[word], False
        if len(word) == 1 and kind in ("builtin", "constant"):
            raise ParseError(
                f"{word!r} is a built-in name ({'Euler’s number' if word == 'E' else 'transpose'}) and "
                f"is not read as a letter; {'write e for Euler’s number' if word == 'E' else 'write x^T'}"
                f", or map {word!r} to a name under [latex] to use it as a variable", tok.pos)
        nxt = self.peek()
        if word in ctx.families and nxt is not None and self.sample_label_next():
            return Name(word, tok.pos), word, False  # a^{(i)}: the member at the example i
        if word in ctx.families and (nxt is None or nxt.kind != "sub") \
                and word not in ctx.latex and ctx.kind(word) is None:
            if self.whole_family and nxt is None and self.i == self.end:
                return self.family_whole(word, tok.pos), None, False
            raise ParseError(f"{word} alone: the page defines {word} entry by entry "
                             f"({word}_{ctx.families[word][0]} = …), and {word} without an index "
                             f"would be a letter of its own; write {word}_i, or define the vector "
                             f"{word} whole", tok.pos)
        if word in ctx.families and nxt is not None and nxt.kind == "sub":
            return Name(word, tok.pos), word, False  # p_i: the subscript picks the member
        if kind in ("function", "builtin"):  # (\operatorname{sech}^2 x: an operator, as \tanh)
            operator = tok.kind == "text" and tok.text in ("operatorname", "mathrm")
            return self.call(word, tok, command=operator), None, False
        if word == "e" and kind is None and not plain:
            if "e" in self.ctx.contested:  # e = y − ŷ before (refused): Euler's, or that one?
                raise ParseError(self.ctx.contested["e"], tok.pos)
            return Name("E", tok.pos), "e", True
        if word == "I" and kind is None and not plain and not self.defining and self.has_arrays():
            # beside vectors and matrices, an undeclared I may be the identity: both are read
            return Choice("I:identity", (Name("I", tok.pos), Call("eye", (), tok.pos)),
                          ("I a number", "I the identity matrix"),
                          "I is not declared: declare it as a symbol for a number, or write "
                          "\\mathbf{I} (or eye(n)) for the identity", tok.pos), "I", False
        return Name(word, tok.pos), word, False

    def marked_function(self, word: str) -> str | None:
        """``J^{(i)}`` where the document defined the function J^{(i)}(…): its name, J^(i),
        with the label read; None otherwise (nothing read)."""
        sup, brace = self.peek(), self.peek(1)
        if sup is None or sup.kind != "sup" or brace is None or brace.kind != "open" \
                or brace.text != "{":
            return None
        lo, hi = self.i + 2, self.match[self.i + 1]
        mark = self.layer_label(lo, hi)
        if mark is None:
            return None
        if mark.startswith("[") or f"{word}^({mark})" not in self.ctx.functions:
            other = next((f for f in self.ctx.functions if f.startswith(f"{word}^(")), None)
            after = self.t[hi + 1] if hi + 1 < self.end else None
            if other is not None and after is not None and after.kind == "open" \
                    and after.text == "(":  # J^{(j)}(w) beside a defined J^{(i)}(w)
                raise ParseError(f"{word}^{marked(mark)}(…): the document defines {other}(…), "
                                 f"not {word}^({mark}); write {other}(…), or define "
                                 f"{word}^{marked(mark)} first", self.t[self.i].pos)
            return None
        self.i = hi + 1
        return f"{word}^({mark})"

    def scripted_function(self, word: str) -> str | None:
        """``h_\\theta``, ``f_w``, ``h_{w,b}`` where the document defined the function
        h_theta(…) (Andrew Ng's hypothesis h_θ(x)): its name, with the subscript read; None
        otherwise (nothing read)."""
        sub = self.peek()
        if sub is None or sub.kind != "sub" or word in self.ctx.latex \
                or self.ctx.kind(word) is not None:
            return None
        start = self.i
        self.i += 1
        try:
            simple = self.simple_script(*self.arg(sub, "a subscript"))
        except ParseError:
            simple = None
        name = f"{word}_{simple[0]}" if simple is not None else ""
        if simple is None or self.ctx.kind(name) != "function" \
                or self.ctx.functions[name].body is None:
            self.i = start
            return None
        caught = sorted(set(simple[1]) & set(self.binding))
        if caught:  # Σ_k f_k(x) with f_k(x) = x^k defined: k is the definition's letter
            raise ParseError(f"{word}_{simple[0]} inside a sum over {caught[0]}: the page "
                             f"defines the function {name} with {caught[0]} a letter of its "
                             "own, which the sum's index would not reach; write the sum's "
                             f"terms, or define a function of {caught[0]} too ({word}({caught[0]}, "
                             "x) = …)", sub.pos)
        return name

    def has_arrays(self) -> bool:
        ctx = self.ctx
        return bool(ctx.vectors or ctx.matrices or ctx.symbolic or ctx.symbolic_matrices)

    def mapped(self, node: Node, tok: _Tok, key: str) -> _Prim:
        """A ``[context] latex`` entry where it is used: its value means what it means in the
        file's scope (wrapped in Defined, so an enclosing \\sum cannot capture its names)."""
        self.ctx.uses.add(key)
        what = key
        if key in self.ctx.contested:  # defined a second time before this line (refused)
            raise ParseError(self.ctx.contested[key], tok.pos)
        if isinstance(node, Name):
            if self.ctx.is_function(node.id):
                return self.call(node.id, tok, command=tok.kind == "cmd"), None, False
            if self.ctx.kind(node.id) in ("vector", "matrix"):  # a Sum index cannot shadow these
                if key in self.ctx.displayed:  # a display's h = x: a node of its own
                    return Defined(what, Name(node.id, tok.pos), tok.pos), None, False
                return Name(node.id, tok.pos), node.id, False
            return Defined(what, Name(node.id, tok.pos), tok.pos), node.id, False
        return Defined(what, node, tok.pos), None, False

    def text_name(self) -> _Prim:
        tok = self.t[self.i]
        self.i += 1
        content = tok.arg.strip()
        written = _text_key(self.ctx, tok.text, content)
        if written is not None:  # [context] latex = { "\\text{ReLU}" = … }
            return self.mapped(self.ctx.latex[written], tok, written)
        if content == "d" and tok.text == "mathrm" and self.ctx.kind("d") is None \
                and "d" not in self.ctx.latex:
            raise ParseError("\\mathrm{d} is the d of a differential, read only where it ends an "
                             "integral (\\int_a^b f \\, \\mathrm{d}x); a differential elsewhere "
                             "(y \\, \\mathrm{d}y, or a second one after an integral's) is not an "
                             "expression derivcheck reads", tok.pos)
        if re.fullmatch(r"[A-Za-z][A-Za-z_]*", content) and (
                "_" not in content or tok.text in NAME_TEXT_COMMANDS):  # (leaky_relu)
            if len(content) == 1 or self.known_word(content):
                return self.resolve(_vocabulary_case(content, self.ctx), tok)
            raise ParseError(f"unknown name {content!r} in \\{tok.text}{{{tok.arg}}}: declare it under "
                             "[context], or use a vocabulary function such as softmax, sigmoid, relu",
                             tok.pos)
        raise self.unexpected(tok)

    def group(self) -> _Prim:
        tok = self.t[self.i]
        if tok.text == "cases":
            return self.cases_env(), None, False
        if tok.text == "[" and self.holds_relation(self.i + 1):  # Iverson: [i = j], [x > 0]
            return self.indicator_of(tok), None, False
        close = self.match[self.i]
        lo, self.i = self.i + 1, close + 1
        parts = self.split_commas(lo, close)
        if tok.text == "\\langle":  # ⟨u, v⟩ = uᵀv, of two vectors
            if len(parts) != 2:
                raise ParseError("⟨…⟩ is read as an inner product ⟨u, v⟩ of two vectors: write "
                                 "the two, separated by a comma", tok.pos)
            return Call("_inner", tuple(self.within(a, b, self.expr) for a, b in parts),
                        tok.pos), None, False
        if len(parts) > 1:
            raise self.unexpected(self.t[parts[1][0] - 1])
        inner = self.within(lo, close, self.expr)
        if tok.text == "|":
            return Call("abs", (inner,), tok.pos), None, False
        if tok.text == "\\|":
            return self.norm(inner, tok), None, False
        if isinstance(inner, Name) and inner.id not in ("E", "pi"):
            return inner, inner.id, False
        return inner, None, False

    def norm(self, inner: Node, bar: _Tok) -> Node:
        """‖w‖ = ‖w‖₂, the Euclidean length √(Σ w_k²) of a vector; ‖W‖_F the Frobenius norm
        √(Σ W_ij²). ‖W‖ of a matrix (Frobenius or spectral?) and other norms are refused."""
        kind = "2"
        nxt = self.peek()
        power = None  # ‖x‖^2_2: the square before the norm's name, as TeX sets it alike
        if nxt is not None and nxt.kind == "sup":
            at = self.i
            self.i += 1
            power = (nxt, self.arg(nxt, "a superscript"))
            nxt = self.peek()
            if nxt is None or nxt.kind != "sub":  # ‖x‖^2 alone: its power, read after it
                self.i, power, nxt = at, None, self.t[at]
        if nxt is not None and nxt.kind == "sub":
            self.i += 1
            lo, hi = self.arg(nxt, "the norm's name")
            kind = self.show(lo, hi).strip()
            if kind not in ("2", "F"):
                raise ParseError(f"‖…‖_{kind}: only the Euclidean norm ‖w‖ (‖w‖_2) of a vector and the "
                                 "Frobenius norm ‖W‖_F of a matrix are understood; write the sum out "
                                 "otherwise", nxt.pos)
        pos = bar.pos
        if isinstance(inner, Name) and inner.id in self.ctx.symbolic:  # a vector of length n
            if kind == "F":
                raise ParseError(f"‖{inner.id}‖_F: {inner.id} is a vector; write ‖{inner.id}‖", pos)
            length = self.ctx.symbolic[inner.id][1]
            k = next(c for c in ("k", "m", "p", "q", "r", "s", "l", "t")
                     if self.ctx.kind(c) is None and c not in self.ctx.indices and c != inner.id)
            square = Bin("**", Index(inner, (Name(k, pos),), pos), Num(Fraction(2), pos), pos)
            total: Node = Call("Sum", (square, TupleLit((Name(k, pos), Num(Fraction(1), pos),
                                                         Name(str(length), pos)), pos)), pos)
        elif kind == "F":
            total = Call("sum", (Call("hadamard", (inner, inner), pos),), pos)
        else:
            if isinstance(inner, Name) and self.ctx.kind(inner.id) == "matrix":
                raise ParseError(f"‖{inner.id}‖ of a matrix can be the Frobenius or the spectral "
                                 f"norm: write ‖{inner.id}‖_F for the Frobenius norm", pos)
            total = Call("dot", (inner, inner), pos)  # refuses a matrix: dot needs vectors
        norm = Call("sqrt", (total,), pos)
        return norm if power is None else self.superscript(norm, None, False, *power)

    def greek(self) -> _Prim:
        tok = self.t[self.i]
        self.i += 1
        name = tok.text
        if "\\" + name in self.ctx.latex:
            return self.mapped(self.ctx.latex["\\" + name], tok, "\\" + name)
        other = _GLYPHS.get(name)
        if other is not None and self.ctx.kind(name) is None and ("\\" + other in self.ctx.latex
                                                                 or self.ctx.kind(other)):
            raise ParseError(f"\\{name} is written, but the file declares \\{other}, the same "
                             "letter in its other glyph: write the one declared, or declare "
                             f"\\{name} too", tok.pos)
        if name == "sigma" and self.ctx.kind("sigma") == "function":  # "sigma(x)" = "…"
            return self.call("sigma", tok, command=False), None, False
        if name == "sigma" and self.ctx.kind("sigma") is not None:  # σ declared: a name
            nxt = self.peek()
            if nxt is not None and nxt.kind == "open" and nxt.text == "(":
                raise ParseError("sigma is declared here, so \\sigma(…) could be the sigmoid or "
                                 "sigma times (…): write \\sigma \\cdot (…), or map the sigmoid "
                                 "to another name under [context] latex", tok.pos)
            return self.resolve(name, tok)
        if name == "sigma":
            nxt = self.peek()
            if self.sigma_name(self.i - 1):  # \sigma_1^2 (a variance): a name
                return Name("sigma", tok.pos), "sigma", False
            squared = self.squared_at(self.i)
            if squared is not None and "\\sigma^2" in self.ctx.latex:  # σ² defined: the variance
                if squared < self.end and self.t[squared].kind == "sub":  # \sigma^2_B
                    raise ParseError("\\sigma^2_…: TeX sets it as \\sigma_…^2, another name than "
                                     "the variance \\sigma^2 defined here; write \\sigma_…^2 (the "
                                     "subscript first) and map it under [context] latex",
                                     tok.pos)
                if squared < self.end and self.t[squared].kind == "open" \
                        and self.t[squared].text == "(":
                    raise ParseError("\\sigma^2(…) with the variance \\sigma^2 defined: the "
                                     "sigmoid squared, or the variance times (…)? Write "
                                     "\\sigma(…)^2 or \\sigma^2 \\cdot (…)", tok.pos)
                self.i = squared
                return self.mapped(self.ctx.latex["\\sigma^2"], tok, "\\sigma^2")
            even = self.even_power_at(self.i)
            if even is not None and "\\sigma^2" in self.ctx.latex:  # σ⁴ = (σ²)², σ² defined
                after, power = even
                if after < self.end and self.t[after].kind == "open" \
                        and self.t[after].text == "(":
                    raise ParseError(f"\\sigma^{{{power}}}(…) with the variance \\sigma^2 "
                                     "defined: a power of the sigmoid, or of the variance "
                                     f"times (…)? Write \\sigma(…)^{{{power}}} or "
                                     f"\\sigma^{{{power}}} \\cdot (…)", tok.pos)
                self.i = after
                node = self.mapped(self.ctx.latex["\\sigma^2"], tok, "\\sigma^2")[0]
                return Bin("**", node, Num(Fraction(power // 2)), tok.pos), None, False
            if squared is not None and (squared >= self.end or not (
                    self.starts_factor(self.t[squared]))):
                return Name("sigma", tok.pos), "sigma", False  # σ² with no argument: a letter
            return self.call("sigmoid", tok, command=True), None, False
        if name == "delta":
            nxt = self.peek()
            if nxt is not None and nxt.kind == "sub":
                start = self.i
                self.i += 1
                lo, hi = self.arg(nxt, "two indices")
                simple = self.simple_script(lo, hi)
                if simple is None or self.script_atoms(lo, hi) != 1:
                    if self.entry_of_named("delta", tok, lo, hi) is not None:
                        first = self.show(*self.split_commas(lo, hi)[0]).strip()
                        raise ParseError(f"\\delta_{{{self.show(lo, hi)}}} could be the Kronecker "
                                         f"delta or an entry of \\delta_{first}, which the file "
                                         f"names: write (\\delta_{first})_{{…}} for the entry, or "
                                         "rename the vector", tok.pos)
                    return Call("delta", self.indices(lo, hi, 2, "\\delta"), tok.pos), None, False
                self.i = start  # \delta_1, \delta_j: a name (one index), read as x_1 is
            if nxt is not None and nxt.kind == "sup":
                opener = self.i + 1
                closing = self.match[opener] if opener < self.end and self.t[opener].kind == "open" \
                    and self.t[opener].text == "{" else -1
                if closing < 0 or self.layer_label(opener + 1, closing) is None:
                    nxt = None  # \delta^2: a power of what?
            if nxt is None or nxt.kind not in ("sub", "sup"):
                raise ParseError("\\delta is read as the Kronecker delta \\delta_{ij} (two indices), "
                                 "or as a name with one index or a label (\\delta_1, \\delta^{(l)}); "
                                 "map \\delta under [latex] to use it as another name", tok.pos)
            return Name("delta", tok.pos), "delta", False
        if name == "pi":
            return Name("pi", tok.pos), None, False
        return self.resolve(name, tok)

    # ---- functions

    def log_base(self, tok: _Tok, sub: _Tok) -> Node:
        """``\\log_2 x``, ``\\log_{10}(x)``: log x / log b for a whole base b ≥ 2 (a base
        written otherwise, or a power on the log, is refused)."""
        self.i += 1
        lo, hi = self.arg(sub, "a base")
        base = self.t[lo] if hi - lo == 1 else None
        if base is None or base.kind != "num" or not base.text.isdigit() or int(base.text) < 2:
            raise ParseError(f"\\log_{{{self.show(lo, hi)}}}: a logarithm's base is read only as "
                             "a whole number (\\log_2, \\log_{10}); write \\ln x / \\ln b "
                             "otherwise", sub.pos)
        nxt = self.peek()
        if nxt is not None and nxt.kind == "sup":
            raise ParseError("\\log_b^k: write (\\log_b x)^k", nxt.pos)
        written = f"\\log_{base.text}"
        args = self.call_args("log", written, True)
        if len(args) != 1:
            raise ParseError(f"{written} takes one argument", tok.pos)
        return Bin("/", Call("log", args, tok.pos, written=written),
                   Call("log", (Num(Fraction(int(base.text)), base.pos),), tok.pos,
                        written=written), tok.pos, grouped=True)

    def call(self, fname: str, tok: _Tok, command: bool) -> Node:
        self.ctx.uses.add(fname)
        label = self.src[tok.start:tok.end] if tok.kind == "cmd" else fname
        if not command and self.ctx.kind(fname) != "function":  # relu beside the file's Relu
            other = next((f for f in self.ctx.functions if f != fname
                          and f.lower() == fname.lower()), None)
            if other is not None:
                raise ParseError(f"{fname} is the vocabulary's, and the file declares {other}: "
                                 f"which is meant? write {other}, or rename the file's function",
                                 tok.pos)
        nxt = self.peek()
        if self.prime_order(self.i) is not None:
            return self.primed(fname, label, tok)
        if nxt is not None and nxt.kind == "sub" and command and fname in ("max", "min"):
            return self.extremum(fname, tok, nxt)
        if nxt is not None and nxt.kind == "sub" and command and fname == "log":
            return self.log_base(tok, nxt)
        if nxt is not None and nxt.kind == "sub":
            raise ParseError(f"{label} with a subscript is not supported (no log bases or indexed "
                             "functions)", nxt.pos)
        power = None
        iterate = False  # Tanh^2(x) with Tanh the user's: (Tanh(x))² or Tanh(Tanh(x))
        if nxt is not None and nxt.kind == "sup":
            user = self.ctx.kind(fname) == "function"
            square = self.i + 2 < self.end and self.t[self.i + 1].kind == "num" \
                and self.t[self.i + 1].text == "2" and self.t[self.i + 2].kind == "open" \
                and self.t[self.i + 2].text == "("
            if not command and not (square and (user or fname in _BARE_FUNCTIONS)):
                raise ParseError(f"write {label}(…)^{{k}} for a power of {label}", nxt.pos)
            iterate = not command and user
            self.i += 1
            lo, hi = self.arg(nxt, "a superscript")
            after = self.peek()
            whole = hi - lo == 1 and self.t[lo].kind == "num" and self.t[lo].text.isdigit()
            if label == "\\exp" and not (whole and after is not None and self.starts_factor(after)):
                # \exp^{x_j} (document 003) means exp(x_j); \exp^2 x is exp(x)² like \log^2 x
                arg = self.within(lo, hi, self.expr)
                after = self.peek()
                if after is not None and after.kind == "open" and after.text in ("(", "["):
                    raise ParseError("\\exp^{…}(…) is ambiguous: write \\exp(…) or e^{…}", after.pos)
                return Call("exp", (arg,), tok.pos)
            power = self.function_power(lo, hi, label, nxt)
        arg_start = self.i
        args = self.call_args(fname, label, command)
        if overload(fname, len(args)) in self.ctx.functions:  # H(p, q) beside H(p)
            fname = overload(fname, len(args))
        bare = self.i == arg_start
        written = "ln" if tok.kind == "letter" and self.src[tok.start:tok.start + 2] == "ln" \
            else label  # (ln(…) without a backslash is the natural log too)
        node: Node = Call(fname, args, tok.pos, bare=bare, written=written)
        if not bare and len(args) == 1:
            node = self.applied_or_times(fname, label, tok, node)
        if power is not None:
            squared = Bin("**", node, Num(Fraction(power), nxt.pos), nxt.pos)  # type: ignore[union-attr]
            node = squared if not iterate else Choice(
                f"iterate:{fname}", (squared, Call(fname, (node,), tok.pos)),
                (f"{label}^2(x) as ({label}(x))²", f"{label}^2(x) as {label}({label}(x))"),
                f"write ({label}(x))^2 for the square or {label}({label}(x)) for the iterate",
                nxt.pos)  # type: ignore[union-attr]
        if not bare and arg_start < self.end and self.t[arg_start].kind != "open" \
                and self.explicit_op_follows():
            node = self.operand_choice(fname, label, tok, node, arg_start, power, nxt)
        return node

    def prime_order(self, k: int) -> tuple[int, int] | None:
        """Primes at token k: ', '', ^\\prime, ^{\\prime\\prime}: (their number, the token after)."""
        order = 0
        while k < self.end and self.t[k].kind == "prime":
            order, k = order + 1, k + 1
        if order == 0 and k + 1 < self.end and self.t[k].kind == "sup":
            arg = self.t[k + 1]
            if arg.kind == "cmd" and arg.text == "prime":
                return 1, k + 2
            if arg.kind == "open" and arg.text == "{":
                inner = self.t[k + 2:self.match[k + 1]]
                if inner and all(t.kind == "prime" or (t.kind == "cmd" and t.text == "prime")
                                 for t in inner):
                    return len(inner), self.match[k + 1] + 1
        return (order, k) if order else None

    def primed(self, fname: str, label: str, tok: _Tok) -> Node:
        """``\\sigma'(u)``, ``g'(z)``, ``f''(x)``: the derivative of a function of one variable
        at the argument (the variable is the function's own: nothing is inferred from the
        argument). A function of several variables is refused: the prime does not say which."""
        order, self.i = self.prime_order(self.i)  # type: ignore[misc]
        marks = "'" * order
        if order > 4:
            raise ParseError(f"{label}{marks}: derivatives of order above 4 are not allowed", tok.pos)
        nxt = self.peek()
        if nxt is None or nxt.kind != "open" or nxt.text != "(":
            raise ParseError(f"{label}{marks} needs its argument in brackets: write "
                             f"{label}{marks}(u) for the derivative of {label} at u", tok.pos)
        close = self.match[self.i]
        lo, self.i = self.i + 1, close + 1
        args = tuple(self.within(a, b, self.expr) for a, b in self.split_commas(lo, close))
        ctx = self.ctx
        arity = (BY_NAME[fname].arity if fname in BY_NAME else
                 len(ctx.functions[fname].params) if ctx.kind(fname) == "function"
                 and ctx.functions[fname].body is not None else len(args))
        if fname in STRUCTURAL_FUNCTIONS or arity != 1 or len(args) != 1:
            what = (f"{label} is not a function of one number" if fname in STRUCTURAL_FUNCTIONS
                    else f"{label} is a function of {max(arity, len(args))} variables")
            raise ParseError(f"{label}{marks}(…): {what}, so a prime does not say which variable it "
                             f"differentiates; write \\frac{{\\partial}}{{\\partial x}} {label}(…) with "
                             "the variable named", tok.pos)
        return Prime(fname, order, args, tok.pos)

    def explicit_op_follows(self) -> bool:
        """After an unbracketed argument: is the next thing '\\cdot y' or '/ y' (an operand that
        the argument might, or might not, include)?"""
        op, nxt = self.peek(), self.peek(1)
        return (op is not None and op.kind == "op" and op.text in ("*", "/")
                and nxt is not None and self.starts_factor(nxt) and not self.starts_operator(self.i + 1))

    def operand_choice(self, fname: str, label: str, tok: _Tok, applied: Node, arg_start: int,
                       power: int | None, sup: _Tok | None) -> Node:
        """``\\log x \\cdot y`` is log(x)·y or log(x·y): both readings, as a Choice."""
        arg_end = self.i
        self.i = arg_start
        self.enter(tok.pos)
        try:
            wide = self.operand(explicit=True)
        finally:
            self.level -= 1
        end = self.i
        other: Node = Call(fname, (wide,), tok.pos)
        if power is not None:
            other = Bin("**", other, Num(Fraction(power), sup.pos), sup.pos)  # type: ignore[union-attr]
        self.i, saved = arg_end, self.end
        self.end = end
        try:
            narrow = self.term_rest(applied)
        finally:
            self.end = saved
        self.i = end
        shown = self.show(arg_start, end)
        return Choice(f"arg@{tok.pos.line}:{tok.pos.col}", (narrow, other),
                      (plain(narrow), plain(other)),
                      f"'{label} {shown}': write {label}({shown}) or put the argument alone in "
                      f"brackets, {label}(…) \\cdot …", tok.pos)

    def squared_at(self, k: int) -> int | None:
        """The token after ``^2``, ``^{2}`` or ``²`` at token k, or None."""
        if k + 1 >= self.end or self.t[k].kind != "sup":
            return None
        nxt = self.t[k + 1]
        if nxt.kind == "num" and nxt.text == "2":
            return k + 2
        if nxt.kind == "open" and nxt.text == "{" and self.match[k + 1] == k + 3 \
                and self.t[k + 2].kind == "num" and self.t[k + 2].text == "2":
            return k + 4
        return None

    def even_power_at(self, k: int) -> tuple[int, int] | None:
        """(the token after, N) for ``^N`` or ``^{N}`` at token k with N an even number ≥ 4."""
        if k + 1 >= self.end or self.t[k].kind != "sup":
            return None
        nxt, after = self.t[k + 1], k + 2
        braced = nxt.kind == "open" and nxt.text == "{" and self.match[k + 1] == k + 3
        if braced:
            nxt, after = self.t[k + 2], k + 4
        if nxt.kind != "num" or not nxt.text.isdigit() or (not braced and len(nxt.text) > 1):
            return None  # (\sigma^42 is σ⁴·2 as TeX sets it: not this)
        power = int(nxt.text)
        return (after, power) if power >= 4 and power % 2 == 0 else None

    def sigma_name(self, k: int) -> bool:
        """Is the \\sigma at token k a name with one index (\\sigma_1^2, a variance), not the
        sigmoid: a subscript of one plain index, not followed by '('?"""
        if k + 2 >= self.end or self.t[k + 1].kind != "sub":
            return False
        lo = k + 2
        if self.t[lo].kind == "open" and self.t[lo].text == "{":
            lo, hi, nxt = lo + 1, self.match[lo], self.match[lo] + 1
        else:
            hi = nxt = lo + 1
        after = self.t[nxt] if nxt < self.end else None
        return self.simple_script(lo, hi) is not None and self.script_atoms(lo, hi) == 1 \
            and not (after is not None and after.kind == "open" and after.text == "(")

    def starts_operator(self, k: int) -> bool:
        """Does token k begin an operator that ends an unbracketed function argument (another
        function such as \\log or \\sigma, a \\sum, a derivative operator \\frac{d}{dx})?"""
        if k >= self.end:
            return False
        tok = self.t[k]
        if tok.kind == "cmd":
            name = tok.text
            if name in FUNCTION_COMMANDS or name in ("sum", "prod"):
                return True
            if name in GREEK:
                mapped = self.ctx.latex.get("\\" + name)
                if mapped is not None:
                    return isinstance(mapped, Name) and self.ctx.is_function(mapped.id)
                return name == "sigma" and not self.sigma_name(k) \
                    and self.ctx.kind("sigma") is None  # a declared σ is a letter
            if name in FRAC_COMMANDS and k + 2 < self.end and self.t[k + 1].kind == "open":
                close = self.match[k + 1]
                inner = self.t[k + 2:close]
                return len(inner) >= 1 and (
                    (inner[0].kind == "cmd" and inner[0].text == "partial" and len(inner) <= 3)
                    or (len(inner) == 1 and self.is_d(k + 2, close)))
            return False
        if tok.kind == "letter":
            word = self.letter_run(k)
            return word in _BARE_FUNCTIONS or self.ctx.kind(word) == "function" or word == "ln"
        return False

    def operand(self, explicit: bool) -> Node:
        """The argument of a function written without brackets: by convention the product
        term that follows (\\log 2x = log(2x), \\sigma 2x = σ(2x)), up to the next operator
        (\\sin x \\cos x = sin(x)·cos(x)), a sign, or, unless ``explicit``, an explicit
        \\cdot or /."""
        signs = self.signs()
        node = self.factor()
        while (tok := self.peek()) is not None and not self.starts_operator(self.i):
            if self.starts_factor(tok):
                node = self.juxtapose(node, tok)
            elif explicit and tok.kind == "op" and tok.text in ("*", "/") \
                    and (nxt := self.peek(1)) is not None and self.starts_factor(nxt) \
                    and not self.starts_operator(self.i + 1):
                self.i += 1
                node = Bin(tok.text, node, self.factor(), tok.pos)
            else:
                break
        for sgn in reversed(signs):
            node = Unary(sgn.text, node, sgn.pos)
        return node

    def function_power(self, lo: int, hi: int, label: str, at: _Tok) -> int:
        toks = self.t[lo:hi]
        if len(toks) == 1 and toks[0].kind == "num" and toks[0].text.isdigit():
            return int(toks[0].text)
        if [t.text for t in toks] == ["-", "1"]:
            raise ParseError(f"{label}^{{-1}} is ambiguous (inverse function or reciprocal): write "
                             f"1/{label}(…)", at.pos)
        raise ParseError(f"{label}^{{{self.show(lo, hi)}}}: only whole-number powers such as "
                         f"{label}^2(x) are understood", at.pos)

    def written_at(self, fname: str) -> tuple[str, ...] | None:
        """The names a function is meant at where it is written alone: those the document
        wrote it at (f(x) = …), or the parameters of its definition where they are all the
        document's own names (E(t, o) = … with t and o declared or defined)."""
        if fname in self.ctx.written:  # σ(x) = …, f(x) = …: written there, at those names
            return self.ctx.written[fname] or None
        fn = self.ctx.functions.get(fname)
        if fn is None or not fn.params:  # "L(y)" = "arbitrary" has its parameters too
            return None
        names = fn.params
        own = bool(names) and all(p in self.ctx.latex or self.ctx.kind(p) in ("symbol", "vector", "matrix")
                                  or (fn.body is None and p in self.ctx.families) for p in names)
        return names if own else None

    def alone_args(self, written: tuple[str, ...], at: Pos) -> tuple[Node, ...]:
        """The arguments a function written alone stands at (:meth:`written_at`), as nodes."""
        return tuple(self.mapped(self.ctx.latex[p], self.t[self.i - 1], p)[0]
                     if p in self.ctx.latex else self.family_whole(p, at)
                     if p in self.ctx.families and self.ctx.kind(p) is None else Name(p, at)
                     for p in written)

    def family_whole(self, name: str, at: Pos) -> Node:
        """A family the page defines entry by entry (y_i = …), whole, as the argument of a
        function declared arbitrary (L(y), or L alone with "L(y)" = "arbitrary"): the vector
        of its members, as long as every vector its value indexes by i (checker.parse.declared
        ``fn__family``)."""
        index, body = self.ctx.families[name]
        caught = free_names(body) & set(self.binding) - {index}
        if caught:
            raise ParseError(f"{name} whole inside a sum over {min(caught)}, which its "
                             f"definition writes too: write {name} outside the sum", at)
        try:
            upper = self.infer_upper(body, index, _Tok("letter", name, 0, 0, at))
        except ParseError as exc:
            raise ParseError(f"{name} whole: its length is that of the vectors its definition "
                             f"{name}_{index} = … indexes by {index}, and "
                             + ("there is none: declare the vector" if "cannot infer" in
                                exc.message else f"these differ ({exc.message})"), at) from None
        return Call("_family", (Name(name, at), Name(index, at), body, upper), at)

    def applied_or_times(self, fname: str, label: str, tok: _Tok, applied: Call) -> Node:
        """``σ(2x)`` where σ alone means σ(x) (:meth:`written_at`) and the display writes σ
        alone: σ(x)·2x or σ applied to 2x. Both are plausible, so both are readings (one
        Choice per name). Brackets holding just the arguments it stands at (σ(x)), or a
        display that never writes σ alone, make an application only; brackets that use σ
        alone themselves (σ(1 − σ)) make the product, by the convention."""
        written = self.written_at(fname)
        if written is None or len(written) != 1 or not self.written_alone(tok):
            return applied
        (arg,) = applied.args
        if (isinstance(arg, Name) and arg.id == written[0]) or (
                isinstance(arg, Defined) and arg.name == written[0]):
            return applied
        alone = Call(fname, self.alone_args(written, tok.pos), tok.pos, bare=True)
        if any(isinstance(n, Call) and n.func == fname and n.bare for n in walk(arg)):
            # σ(1 - σ): the bracket uses σ alone, as a value, so σ before it is that value
            # too (the convention, as for a letter used as a value: README)
            return Bin("*", alone, arg, tok.pos)
        shown = f"{label}({written[0]})"
        return Choice(f"alone:{fname}", (applied, Bin("*", alone, arg, tok.pos)),
                      (f"{label} applied to the bracket",
                       f"{label} alone as {shown}, times the bracket"),
                      f"{label} alone means {shown} in this display, so {label}(…) could be "
                      f"{shown} times the bracket or {label} applied to it: write {label} \\cdot "
                      f"(…) or {shown}(…) for the product; for the application write {shown}, "
                      f"not {label} alone, in the rest of the display", tok.pos)

    def written_alone(self, tok: _Tok) -> bool:
        """Whether the display writes the function of ``tok`` alone somewhere: its token with
        no bracket, prime or power after it (taken broadly: where in doubt, alone), in this
        step or anywhere else in the display (\\frac{d\\sigma}{dx} = \\sigma(1 - \\sigma(x)))."""
        scripted = "_" in self.src[tok.start:tok.end] or (  # h_\theta(x) defined: h_θ alone
            tok.kind == "letter" and self.ctx.kind(tok.text) is None)

        def alone(toks: list[_Tok], k: int) -> bool:
            if scripted and k + 2 < len(toks) and toks[k + 1].kind == "sub":
                k += 2  # past the subscript, to what follows it
                if toks[k].kind == "open" and toks[k].text == "{":
                    depth = 0
                    while k < len(toks):
                        depth += {"{": 1, "}": -1}.get(toks[k].text, 0) \
                            if toks[k].kind in ("open", "close") else 0
                        if depth == 0:
                            break
                        k += 1
            after = toks[k + 1] if k + 1 < len(toks) else None
            return after is None or after.kind not in ("open", "prime", "sup") or (
                after.kind == "open" and after.text not in "([")

        return any(t.kind == tok.kind and t.text == tok.text and alone(toks, k)
                   for toks in (self.t, self.src_tokens()) for k, t in enumerate(toks))

    def src_tokens(self) -> list[_Tok]:
        """The tokens of the whole display this part of it is read from (a step is read from
        its own tokens; what the display writes elsewhere is in these)."""
        if self._src_tokens is None:
            try:
                self._src_tokens = _tokenize(self.src)
            except ParseError:
                self._src_tokens = self.t
        return self._src_tokens

    def call_args(self, fname: str, label: str, command: bool) -> tuple[Node, ...]:
        nxt = self.peek()
        if nxt is not None and nxt.kind == "open" and nxt.text in ("(", "["):
            close = self.match[self.i]
            lo, self.i = self.i + 1, close + 1
            fn = self.ctx.functions.get(fname)
            saved, self.whole_family = self.whole_family, (fn is not None and fn.body is None
                                                           and bool(fn.params)) \
                or fname in _OF_A_VECTOR  # L(y) with y_i = … and L declared arbitrary, or
            # softmax(s) with s_j = … (attention's scores): s whole
            try:
                args = tuple(self.within(a, b, self.expr) for a, b in self.split_commas(lo, close))
            finally:
                self.whole_family = saved
        elif command and nxt is not None and (self.starts_factor(nxt) or (
                nxt.kind == "op" and nxt.text in "+-")):
            if nxt.kind == "op" and (written := self.written_at(fname)) is not None:
                shown = f"{label}({', '.join(written)})"  # σ - x: σ(x) − x, or σ(−x)?
                raise ParseError(f"{label} alone means {shown} here, so {label} {nxt.text} … "
                                 f"could be {shown} {nxt.text} … or {label} of the signed term: "
                                 f"write {shown} {nxt.text} … or {label}({nxt.text}…)", nxt.pos)
            if nxt.kind == "op" and label.lstrip("\\") in GREEK:
                # \sigma - x: σ of the signed term, or the letter σ minus x? (\exp -z has no
                # other reading: exp alone is no value)
                raise ParseError(
                    f"{label} {nxt.text} …: {label} of the signed term, or the letter {label} "
                    f"{'minus' if nxt.text == '-' else 'plus'} what follows? Write "
                    f"{label}({nxt.text}…) for the function of it, or declare "
                    f"{label.lstrip(chr(92))} as a symbol (or map {label} under latex to a "
                    "name) for a letter", nxt.pos)
            self.enter(nxt.pos)
            try:
                args = (self.operand(explicit=False),)
            finally:
                self.level -= 1
        elif (written := self.written_at(fname)) is not None:
            # E alone after E(t, o) = … with t and o the document's own (declared or defined):
            # its value there, as in ∂E/∂o_j. A parameter of the definition's own (f(t) with t
            # named nowhere else) says nothing about what f alone means, and is refused
            if not command and nxt is not None and nxt.kind in ("letter", "num", "cmd") \
                    and self.ctx.kind(fname) == "function":  # f x: f(x)·x, or f of x?
                shown = f"{label}({', '.join(written)})"
                raise ParseError(f"{label} {self.src[nxt.start:nxt.end]}…: {label} alone is "
                                 f"{shown} here, so this may be {shown} times what follows, "
                                 f"or {label} applied to it: write {label}(…) for the "
                                 f"application, or {shown} \\cdot … for the product", nxt.pos)
            return self.alone_args(written, nxt.pos if nxt else self.here())
        elif self.ctx.written.get(fname) == ():
            raise ParseError(f"{label} alone could mean {label} at any of the arguments the "
                             f"document wrote it at: write {label}(…)", nxt.pos if nxt else self.here())
        elif (fn := self.ctx.functions.get(fname)) is not None and fn.body is None and fn.params:
            loose = next(((p, self.ctx.not_families[p]) for p in fn.params
                          if p in self.ctx.not_families), None)
            if loose is not None:  # y_i = γx_i + β with γ, β undeclared: why y is not y's
                p, names = loose
                raise ParseError(
                    f"{label} alone means {label}({', '.join(fn.params)}), as declared, and the "
                    f"page's {p}_… = … is not read as the entries of {p}, because "
                    f"{', '.join(names)} {'is' if len(names) == 1 else 'are'} not declared "
                    f"(something a sum there could capture): declare {', '.join(names)} under "
                    "[context] symbols", nxt.pos if nxt else self.here())
            raise ParseError(f"{label} alone means {label}({', '.join(fn.params)}), as declared, "
                             f"and {', '.join(fn.params)} {'is' if len(fn.params) == 1 else 'are'}"
                             " not declared or defined here: write "
                             f"{label}(…)", nxt.pos if nxt else self.here())
        else:
            raise ParseError(f"{label} needs an argument: write {label}(…)", nxt.pos if nxt else self.here())
        where = nxt.pos
        if fname in BY_NAME and (len(args) < BY_NAME[fname].arity if BY_NAME[fname].variadic
                                 else len(args) != BY_NAME[fname].arity):
            want, sig = BY_NAME[fname].arity, BY_NAME[fname].signature
            raise ParseError(f"{label} takes {want}{' or more' if BY_NAME[fname].variadic else ''} "
                             f"argument{'s' if want > 1 else ''}, not {len(args)}"
                             + (f": the vocabulary's {fname}({sig}) (write {label}({sig})), or "
                                "a function of the page's own: give it another name (f, g, "
                                "\\operatorname{…} of another word)" if sig else ""), where)
        if self.ctx.kind(fname) == "function" and self.ctx.functions[fname].body is not None:
            params = self.ctx.functions[fname].params
            if len(args) != len(params) and overload(fname, len(args)) not in self.ctx.functions:
                raise ParseError(f"{fname} takes {len(params)} argument(s), not {len(args)}", where)
        return args

    def sqrt(self) -> Node:
        tok = self.t[self.i]
        self.i += 1
        index = None
        nxt = self.peek()
        if nxt is not None and nxt.kind == "open" and nxt.text == "[":
            close = self.match[self.i]
            lo, self.i = self.i + 1, close + 1
            index = self.within(lo, close, self.expr)
        lo, hi = self.arg(tok, "an argument")
        arg = self.within(lo, hi, self.expr)
        if index is None:
            return Call("sqrt", (arg,), tok.pos)
        return Bin("**", arg, Bin("/", Num(Fraction(1), tok.pos), index, tok.pos), tok.pos)

    # ---- fractions and derivatives

    def frac(self) -> Node:
        tok = self.t[self.i]
        self.i += 1
        num = self.arg(tok, "a numerator")
        den = self.arg(tok, "a denominator")
        d = self.derivative(tok, num, den)
        if d is not None:
            return d
        return Bin("/", self.within(*num, self.expr), self.within(*den, self.expr), tok.pos,
                   grouped=True)

    def slash_derivative(self, tok: _Tok) -> Node:
        """``∂F/∂x``, ``∂/∂x F``: Leibniz's fraction written with a slash, as in plain text and
        inline math. The numerator is what stands between ∂ and the slash (names and their
        scripts, or nothing), the denominator ∂ and one variable; read as \\frac{∂F}{∂x}. And
        ``\\partial_b F`` (∂ with its variable as a subscript): \\frac{\\partial}{\\partial b} F."""
        if (sub := self.peek(1)) is not None and sub.kind == "sub":
            self.i += 2
            lo, hi = self.arg(sub, "a variable")
            var = self.within(lo, hi, self.factor)
            if not (isinstance(var, Index | Defined) or (isinstance(var, Name) and (
                    self.ctx.kind(var.id) == "symbol" or (self.ctx.kind(var.id) is None
                                                          and not self.has_arrays())))):
                raise ParseError(f"\\partial_{{{self.show(lo, hi)}}}: {self.show(lo, hi)} is not a "
                                 "declared variable, and ∂_i often means ∂/∂x_i: write "
                                 "\\frac{\\partial}{\\partial …} with the variable, or declare it",
                                 sub.pos)
            return self.leibniz_fraction(tok, None, var, 1, None,
                                         ("\\partial", f"\\partial {self.show(lo, hi)}",
                                          self.show(lo, hi)), sub.pos)
        lo, k = self.i, self.i + 1
        while k < self.end:
            t = self.t[k]
            if t.kind == "open":
                k = self.match[k] + 1
                continue
            if t.kind == "op" and t.text == "/":
                break
            if t.kind not in ("letter", "cmd", "text", "sub", "sup", "num") or (
                    t.kind == "cmd" and t.text == "partial"):
                k = self.end
                break
            k += 1
        slash = k
        if slash + 1 >= self.end or not (self.t[slash + 1].kind == "cmd"
                                         and self.t[slash + 1].text == "partial"):
            raise ParseError("\\partial is only understood in \\frac{\\partial F}{\\partial x}, "
                             "∂F/∂x or \\frac{\\partial}{\\partial x} F: name the variable", tok.pos)
        self.i = slash + 2
        if self.i >= self.end:
            raise ParseError("the differential has no variable: write ∂F/∂x", self.t[slash + 1].pos)
        self.factor(apply=False)  # the variable: one name with its scripts
        return self.derivative(tok, (lo, slash), (slash + 1, self.i))

    def d_slash(self, start: int) -> int | None:
        """``dy/dx``, ``d(x^2)/dx``, ``d/dx (…)``: Leibniz's fraction written with a slash. The
        slash's index (self.i then after the variable) where both sides are differentials;
        None, with nothing consumed, otherwise."""
        t, end = self.t, self.end
        if self.ctx.kind("d") is not None or "d" in self.ctx.latex:
            return None
        k = start + 1
        if k < end and t[k].kind == "open" and t[k].text == "(":
            k = self.match[k] + 1
        while k < end and k > start:
            tk = t[k]
            if (tk.kind == "letter" and (k == start + 1 or tk.glued)) or (
                    tk.kind == "cmd" and k == start + 1):
                k += 1
            elif tk.kind in ("sub", "sup") or (tk.kind == "open" and t[k - 1].kind == "cmd"):
                k += 1 if tk.kind != "open" else 0
                k = self.match[k] + 1 if k < end and t[k].kind == "open" else k + 1
            elif tk.kind == "open" and tk.text == "(" and t[k - 1].kind == "cmd":
                k = self.match[k] + 1
            else:
                break
        if not (k + 2 < end and t[k].kind == "op" and t[k].text == "/" and t[k + 1].kind == "letter"
                and t[k + 1].text == "d" and t[k + 2].glued and self.is_d(k + 1, end)
                and self.is_d(start, k)):
            return None
        saved = self.i
        self.i = k + 2
        try:
            self.factor(apply=False)  # the variable: one name with its scripts
        except ParseError:
            self.i = saved
            return None
        return k

    def is_d(self, k: int, hi: int) -> bool:
        """Is token k a differential 'd' (d, \\mathrm{d}) rather than the start of a word?"""
        tok = self.t[k]
        if tok.kind == "text":
            return tok.arg.strip() == "d"
        if tok.kind != "letter" or tok.text != "d":
            return False
        j = k + 1
        while j < hi and self.t[j].kind == "letter" and self.t[j].glued:
            j += 1
        word = "".join(t.text for t in self.t[k:j])
        return len(word) == 1 or not self.known_word(word)

    def delta_marker(self, lo: int, hi: int, alone: bool = False) -> bool:
        """A bare \\delta starting a fraction's part, before more of it (\\delta f, \\delta x;
        or ``alone``, the operator's \\frac{\\delta}{\\delta x}), not a name of its own
        (\\delta_1, \\delta^{(l)}, a mapped \\delta)."""
        if not (lo < hi and self.t[lo].kind == "cmd" and self.t[lo].text == "delta"):
            return False
        if lo + 1 == hi:
            return alone
        return self.t[lo + 1].kind not in ("sub", "sup", "prime") \
            and "\\delta" not in self.ctx.latex and self.ctx.kind("delta") in (None, "builtin")

    def derivative(self, tok: _Tok, num: tuple[int, int], den: tuple[int, int]) -> Node | None:
        (nlo, nhi), (dlo, dhi) = num, den
        numer_partial = nlo < nhi and self.t[nlo].kind == "cmd" and self.t[nlo].text == "partial"
        numer_delta = self.delta_marker(nlo, nhi, alone=True)
        denom_delta = self.delta_marker(dlo, dhi)
        denom_partial = dlo < dhi and self.t[dlo].kind == "cmd" and self.t[dlo].text == "partial"
        if (numer_delta and denom_partial) or (denom_delta and numer_partial):
            raise ParseError("\\partial on one part of the fraction and \\delta on the other: write "
                             "\\frac{\\partial F}{\\partial x} (or δ on both parts)", tok.pos)
        if numer_delta and denom_delta:
            numer_partial = True  # \frac{\delta f}{\delta x}: δ for ∂, as a marker on both
        if denom_partial or (numer_delta and denom_delta):
            if not numer_partial:
                raise ParseError("the denominator has \\partial but the numerator does not start with "
                                 "\\partial: write \\frac{\\partial F}{\\partial x}", tok.pos)
        elif dlo + 1 < dhi and self.is_d(dlo, dhi):
            if numer_partial:
                raise ParseError("the numerator starts with \\partial but the denominator is d…: write "
                                 "\\frac{\\partial F}{\\partial x} or \\frac{dF}{dx}", tok.pos)
            if not (nlo < nhi and self.is_d(nlo, nhi)):
                return None  # e.g. \frac{1}{dx}: a quotient by d·x
        else:
            if numer_partial:
                raise ParseError("the numerator starts with \\partial but the denominator is not "
                                 "\\partial x: write \\frac{\\partial F}{\\partial x}", tok.pos)
            return None

        def numerator() -> tuple[int, _Tok | None, Node | None]:
            self.i += 1  # the d or \partial
            order, at = 1, None
            if (s := self.peek()) is not None and s.kind == "sup":
                self.i += 1
                lo, hi = self.arg(s, "an order")
                at = s
                order = self.order(lo, hi, s)
            if self.i >= self.end:
                return order, at, None
            return order, at, self.expr()

        mixed: list[Node] = []  # ∂²F/∂x∂y: the variables after the first

        def denominator() -> Node:
            marker = self.t[self.i]
            self.i += 1
            if self.i >= self.end:
                raise ParseError("the differential has no variable: write \\partial x or dx", marker.pos)
            var = self.factor()
            while self.i < self.end and denom_partial and self.t[self.i].kind == "cmd" \
                    and self.t[self.i].text == "partial" and self.i + 1 < self.end:
                self.i += 1  # \partial z_i \partial z_j: a mixed partial derivative
                mixed.append(self.factor())
            if self.i < self.end:
                extra = self.t[self.i]
                raise ParseError(f"\\frac{{…}}{{{self.show(dlo, dhi)}}}: only variables after "
                                 "\\partial are read in the denominator (no functions of them)",
                                 extra.pos)
            return var

        run = self.t[nlo + 1:nhi]
        if len(run) >= 2 and all(t.kind == "letter" for t in run) and all(t.glued for t in run[1:]):
            word = "".join(t.text for t in run)
            if not self.known_word(word) and all(
                    (self.ctx.kind(t.text) is None or t.text in LETTERS)
                    and t.text not in self.ctx.latex for t in run):
                raise ParseError(f"{word} is not defined: one name (a loss, say) or a product of "
                                 f"letters {'·'.join(word)}, each independent of the variable? "
                                 f"Define it first ({word} = … in a display before, or under "
                                 "[context] latex)", run[0].pos)
        order, order_at, f = self.within(nlo, nhi, numerator)
        var = self.within(dlo, dhi, denominator)
        shown = (self.show(nlo, nhi), self.show(dlo, dhi), self.show(dlo + 1, dhi))
        if mixed:  # ∂²F/∂x∂y = ∂/∂x (∂F/∂y), each by a variable
            every = [var, *mixed]
            if f is None and order == len(every):  # the operator: one bracket, or the
                f = self.operand_of(tok)  # product after it (more after that: refused)
            if f is None or order != len(every) or any(
                    not isinstance(v, Name | Index) or self.quantity(v)
                    or (isinstance(v, Index) and not isinstance(v.target, Name)) for v in every):
                raise ParseError(f"\\frac{{{shown[0]}}}{{{shown[1]}}}: a mixed partial derivative by "
                                 f"{len(every)} variables is read with a numerator of order "
                                 f"{len(every)} (this one's is {order}) and a variable, not an "
                                 "expression or a power, after each \\partial", self.t[dlo].pos)
            for v in reversed(every):
                f = self.leibniz_fraction(tok, f, v, 1, None, shown, self.t[dlo].pos)
            return f
        return self.leibniz_fraction(tok, f, var, order, order_at, shown, self.t[dlo].pos)

    def leibniz_fraction(self, tok: _Tok, f: Node | None, var: Node, order: int,
                         order_at: _Tok | None, shown: tuple[str, str, str], var_pos: Pos
                         ) -> Node:
        """\frac{d^n F}{d x^n} read: F (None for an operator) by var. ``shown``: the
        numerator, the denominator and its variable as written, for messages."""
        var_order = 1
        if isinstance(var, Bin) and var.op == "**" and isinstance(var.right, Num) \
                and var.right.value.denominator == 1 and var.right.value > 1:
            var, var_order = var.left, int(var.right.value)
        if isinstance(var, Defined) and isinstance(var.body, Name | Index) \
                and var.name not in self.ctx.displayed:
            var = var.body  # a [context] latex name for a variable: its value names it (a
            # display's c = w is a node of its own: ∂(tanh c + w)/∂c holds w fixed, or not?)
        if f is None and order == var_order == 1 and (
                isinstance(var, Defined) or _quantity(var, self.ctx)):
            f = self.operand_of(tok)  # ∂/∂ŷ [ … ] with ŷ defined: what follows, then as below
        if isinstance(var, Defined) and f is not None and order == var_order == 1:
            return self.through(f, var, tok)  # dL/da with a = σ(z) defined: Leibniz's notation
        if isinstance(f, Call) and f.bare and isinstance(var, Name) \
                and var.id not in self.uses(f) | {n.id for n in walk(f) if isinstance(n, Name)}:
            shown = f"{f.func}({', '.join(self.show_node(a) for a in f.args)})"
            raise ParseError(f"{f.func} alone means {shown} here, which is not a function of "
                             f"{var.id}: write d{f.func}({var.id})/d{var.id} or {f.func}'({var.id}) "
                             f"for its derivative at {var.id}", f.pos)
        if self.quantity(var) and order == var_order == 1:  # ∂ℓ_j/∂p_j, d f(g(x)) / d g(x)
            return self.differentiate(tok, f, var, order)
        if isinstance(var, Call) and var.func == "_seq" and isinstance(f, Call) \
                and f.func == "_seq" and plain(f.args[0]) == plain(var.args[0]) \
                and order == var_order == 1:  # ∂h_t/∂h_{t-1}: through the recurrence
            return Call("_seq_partial", (f, var), tok.pos)
        if not isinstance(var, (Name, Index)) or (isinstance(var, Name) and var.id in ("E", "pi")) \
                or (isinstance(var, Index) and not isinstance(var.target, Name)):
            raise ParseError(f"cannot differentiate with respect to {shown[2]}: "
                             "the denominator must be one variable (x, z_2, \\theta_i), or an "
                             "expression the numerator is written in", var_pos)
        if var_order != order and order == 1:  # ∂ℓ/∂σ²: by the variance, or the 2nd order?
            raise ParseError(f"{shown[0]} over {shown[1]}: a derivative by the square as a "
                             f"variable of its own (the variance σ²), or a second derivative? "
                             f"For the first, name it (latex = {{ \"{shown[2]}\" = \"v\" }} with "
                             "symbols = { v = \"positive\" }) and write the function in it; for "
                             f"the second, write \\partial^2 in the numerator", (order_at or tok).pos)
        if var_order != order:
            raise ParseError(f"the orders differ: {shown[0]} over {shown[1]}",
                             (order_at or tok).pos)
        return self.differentiate(tok, f, var, order)

    def gradient_name(self, tok: _Tok) -> Node:
        """``dy_i``, ``d\\hat{x}``, ``dW`` under ``gradients = "L"``: ∂L/∂y_i, ∂L/∂x̂, ∂L/∂W,
        as written with Leibniz's fraction (L alone, at the arguments it is declared with)."""
        name = self.ctx.gradients
        lo = self.i
        var = self.factor()
        written = self.written_at(name)
        if written is None and name in self.ctx.latex and name not in self.ctx.functions:
            # L = … a display defines: ∂L/∂W through what L is written in
            f: Node = self.mapped(self.ctx.latex[name], tok, name)[0]
        elif written is None:
            raise ParseError(f"{self.src[tok.start:self.t[self.i - 1].end]}: gradients = "
                             f"\"{name}\" makes it ∂{name}/∂{self.show(lo, self.i)}, and {name} "
                             f"means nothing here: define it in a display before this one "
                             f"({name} = …), or declare it with arguments the document names, "
                             f"as in \"{name}(y)\" = \"arbitrary\"", tok.pos)
        else:
            f = Call(name, self.alone_args(written, tok.pos), tok.pos, bare=True)
        var_shown = self.show(lo, self.i)
        if isinstance(var, Call) and var.func == "T" and len(var.args) == 1:
            # dY^T: (∂L/∂Y)ᵀ, which is ∂L/∂(Yᵀ) too (a gradient has its variable's shape)
            inner = self.leibniz_fraction(tok, f, var.args[0], 1, None, (
                f"\\partial {name}", f"\\partial {var_shown}", var_shown), tok.pos)
            return Call("T", (inner,), var.pos)
        return self.leibniz_fraction(tok, f, var, 1, None,
                                     (f"\\partial {name}", f"\\partial {var_shown}", var_shown),
                                     tok.pos)

    def opened(self, node: Defined, swap: Callable[[Node], Node], shown: str,
               tok: _Tok) -> Node:
        """A definition's value with ``swap`` applied (a derivative's variable taken out), or
        the definition as it was where swap changes nothing. The value is then read where the
        derivative is written, so a sum around it must not bind a name it writes (its own
        sums rebind theirs): refused where one would."""
        inner = swap(node.body)
        if inner == node.body:
            return node
        caught = free_names(node.body) & set(self.binding)
        if caught:
            raise ParseError(f"∂/∂{shown} inside a sum over {min(caught)}, of {node.name}, which "
                             f"writes {min(caught)} itself: write the derivative outside the sum",
                             tok.pos)
        return inner

    def not_inside_functions(self, body: Node, writes: Callable[[Node], bool], shown: str,
                             tok: _Tok) -> None:
        """A derivative by u where a function the numerator calls writes u in its own
        definition (f(t) = t h_1, then y = f(h_i)): those places are not taken apart by the
        derivative, so it is refused rather than read with them held fixed."""
        seen: set[str] = set()
        todo = [body]
        while todo:
            for n in walk(todo.pop()):
                fn = self.ctx.functions.get(n.func) if isinstance(n, Call | Apply | Prime) \
                    else None
                if fn is None or fn.body is None or n.func in seen:  # type: ignore[union-attr]
                    continue
                seen.add(n.func)  # type: ignore[union-attr]
                if any(writes(m) for m in walk(fn.body)):  # type: ignore[arg-type]
                    raise ParseError(f"∂/∂{shown}: the function {n.func} that it goes through "  # type: ignore[union-attr]
                                     f"writes {shown} in its own definition, which a derivative "
                                     f"by {shown} does not take apart; write {n.func}'s "  # type: ignore[union-attr]
                                     "expression out here", tok.pos)
                todo.append(fn.body)  # type: ignore[arg-type]

    def shared(self, f: Node, u: Node) -> list[str]:
        """What F (written with u taken out) still uses that u is made of: held fixed, or
        varied with u? (A size, such as D in 1/D, is no variable.)"""
        return sorted((self.uses(f) & self.uses(u)) - set(self.ctx.dims))

    def uses(self, node: Node, seen: frozenset[str] = frozenset()) -> set[str]:
        """The declared names (symbols, vectors, matrices) and arbitrary functions a tree
        depends on, through definitions and the bodies of the functions it calls."""
        out: set[str] = set()
        for n in walk(node):
            if isinstance(n, Name) and self.ctx.kind(n.id) in ("symbol", "vector", "matrix"):
                out.add(n.id)
            elif isinstance(n, Call | Apply | Prime):
                fn = self.ctx.functions.get(n.func)
                if fn is not None and fn.body is not None and n.func not in seen:
                    out |= self.uses(fn.body, seen | {n.func}) - set(fn.params)  # type: ignore[arg-type]
                elif isinstance(n, Apply) or (fn is not None and fn.body is None):
                    out.add(n.func)  # an arbitrary function
        return out

    def leibniz(self, f: Node, var: Node, tok: _Tok) -> Node:
        """∂F/∂u where u is an expression, not a variable (an entry p_j of a defined vector,
        g(x), σ(z)): F as written, a function of u: every place F writes u becomes one fresh
        variable, F is differentiated by it, and u's value is put back. Refused where that is
        not the one reading: F does not write u, F also uses what u is made of (held fixed or
        not?), or u sits inside a sum over one of u's own indices (Σ_j … p_j by p_j)."""
        if isinstance(var, Choice):  # d g(x): g is a function here (so everywhere)
            var = var.options[1]
        partial = self.partial_of(f, var, tok)
        if partial is not None:
            return partial
        if (hit := self.member_of(var)) is not None:
            return self.through_family(f, *hit, tok)
        key = unplaced(var)
        marker = f"\x00u{tok.start}"
        own = {n.id for n in walk(var) if isinstance(n, Name)}
        found = [False]
        shown = self.show_node(var)

        def swap(node: Node, bound: frozenset[str]) -> Node:
            if unplaced(node) == key or (isinstance(node, Choice) and node.key.startswith("fn:")
                                          and unplaced(node.options[1]) == key):
                if bound & own:
                    raise ParseError(f"∂/∂{shown} inside a sum over {min(bound & own)}: the sum's "
                                     f"{min(bound & own)} is not the {shown} of the derivative; "
                                     "write the derivative of one term", tok.pos)
                found[0] = True
                return Name(marker, tok.pos)
            if (k := binder(node)) is not None:
                bound = bound | {k}
            return map_children(node, lambda c: swap(c, bound))

        body = swap(f, frozenset())
        if isinstance(var, Index) and isinstance(var.target, Defined) and (not found[0] or any(
                isinstance(n, Index) and unplaced(n.target) == unplaced(var.target)
                for n in walk(body))):  # ∂A_11/∂S_11 where A_11 writes S_12 too: through S
            return self.through_vector(f, var, tok)
        if not found[0]:
            raise ParseError(f"cannot differentiate {plain(f)} with respect to {shown}: it is not "
                             f"written in terms of {shown}; write the derivative by a variable",
                             tok.pos)
        also = self.shared(body, var)
        if also and not self.ctx.graph_partials:
            raise ParseError(f"∂/∂{shown} of {plain(f)}: it also uses {also[0]}, which {shown} is "
                             f"made of, so whether {also[0]} is held fixed is not clear; write "
                             f"the derivative by a variable{GRAPH_HINT}", tok.pos)
        return Call("_leibniz", (body, Name(marker, tok.pos), var), tok.pos)

    def through_vector(self, f: Node, var: Index | Defined, tok: _Tok) -> Node:
        """∂L/∂h_k where h names a vector (h = 2x) and L is written in terms of h whole (L(y)
        with y = W h): L as a function of a fresh vector where it writes h, differentiated in
        that vector's k-th entry, at h's value (∂L/∂h: every entry, in h's shape). Refused
        where L does not write h, or also uses what h is made of (held fixed, or not?)."""
        whole = isinstance(var, Defined)
        target = var if whole else var.target  # type: ignore[union-attr]
        key, shown = unplaced(target), self.show_node(var)
        marker = f"\x00v{tok.start}"
        found = [False]

        def swap(node: Node) -> Node:
            if unplaced(node) == key:
                found[0] = True
                return Name(marker, tok.pos)
            if isinstance(node, Defined):  # a definition that writes h: its body, with h
                inner = swap(node.body)  # swapped (read in the file's scope: nothing binds)
                return inner if found[0] and inner != node.body else node
            return map_children(node, swap)

        body = swap(f)
        if not found[0]:
            raise ParseError(f"cannot differentiate {plain(f)} with respect to {shown}: it is not "
                             f"written in terms of {self.show_node(target)}; write the "
                             "derivative by a variable", tok.pos)
        also = self.shared(body, target)
        if also and not self.ctx.graph_partials:
            raise ParseError(f"∂/∂{shown} of {plain(f)}: it also uses {also[0]}, which "
                             f"{self.show_node(target)} is made of, so whether {also[0]} is "
                             f"held fixed is not clear; write the derivative by a variable"
                             f"{GRAPH_HINT}", tok.pos)
        return Call("_leibniz_entry", (body, Name(marker, tok.pos), target,
                                       *(() if whole else var.indices)), tok.pos)  # type: ignore[union-attr]

    def through_family(self, f: Node, family: str, at: Node, tok: _Tok) -> Node:
        """∂F/∂x̂_k where x̂ is a family the page defines entry by entry (x̂_i = …): F with a
        fresh vector's entry where it writes a member x̂_b (at any index, also inside a family
        or definition F is made of, y_i = γ_i x̂_i + β_i), differentiated in that vector's entry
        k, at x̂'s members (checker.parse.declared ``fn__leibniz_entry``). Refused where F
        writes no member, or also uses what x̂ is made of (held fixed, or not?) without
        partials = "graph"."""
        marker = Name(f"\x00f{tok.start}", tok.pos)
        found = [False]
        shown = f"{family}_{self.show_node(at)}"

        def swap(node: Node) -> Node:
            hit = self.member_of(node)
            if hit is not None and hit[0] == family:  # x̂_b where the page writes it
                found[0] = True
                return Index(marker, (hit[1],), node.pos)
            if isinstance(node, Defined):  # its value, read here where it writes a member
                return self.opened(node, swap, shown, tok)
            return map_children(node, swap)

        body = swap(f)
        self.not_inside_functions(body, lambda m: (self.member_of(m) or ("",))[0] == family,
                                  family, tok)
        if not found[0]:
            raise ParseError(f"cannot differentiate {plain(f)} with respect to {shown}: it is not "
                             f"written in terms of {family}; write the derivative by a variable",
                             tok.pos)
        also = self.shared(body, self.ctx.families[family][1])
        if also and not self.ctx.graph_partials:
            raise ParseError(f"∂/∂{shown} of {plain(f)}: it also uses {also[0]}, which {family} "
                             f"is made of, so whether {also[0]} is held fixed is not clear; write "
                             f"the derivative by a variable{GRAPH_HINT}", tok.pos)
        return Call("_leibniz_entry", (body, marker, self.family_whole(family, tok.pos), at),
                    tok.pos)

    def partial_of(self, f: Node, var: Node, tok: _Tok) -> Node | None:
        """∂L/∂p_k where L is declared ``"L(p)" = "arbitrary"`` and p_k is an entry of one of
        the vectors L is written at (L alone, or L(p)): L's partial derivative in that entry,
        at L's arguments. None where the numerator is not such an L."""
        fn = self.ctx.functions.get(f.func) if isinstance(f, Call) else None
        if fn is None or fn.body is not None or not fn.params:
            return None
        family, at = self.member_of(var) or ("", None)
        if family:  # ∂L/∂y_k, y_i = … defined and L declared at y: L's partial there
            places = [k for k, a in enumerate(f.args) if isinstance(a, Call)  # type: ignore[union-attr]
                      and a.func == "_family" and a.args[0].id == family]  # type: ignore[union-attr]
            if len(places) != 1 or len(f.args) != 1:  # type: ignore[union-attr]
                return None
            return Call("_partial", (f, Num(Fraction(0), tok.pos),
                                     Index(Name(family, tok.pos), (at,), tok.pos)), tok.pos)  # type: ignore[arg-type]
        whole = not isinstance(var, Index)  # ∂L/∂y: the gradient, in y's shape
        target = unplaced(var if whole else var.target)  # type: ignore[union-attr]
        places = [k for k, a in enumerate(f.args) if unplaced(a) == target]  # type: ignore[union-attr]
        if not places:
            return None
        if len(places) > 1:
            raise ParseError(f"∂{f.func}/∂{self.show_node(var)}: {f.func} is written at "  # type: ignore[union-attr]
                             f"{self.show_node(var.target)} more than once, so which of its "
                             "arguments is meant cannot be told", tok.pos)
        made_of = [a for k, a in enumerate(f.args) if k != places[0]  # type: ignore[union-attr]
                   and any(unplaced(m) == target for m in walk(a))]
        if made_of and not self.ctx.graph_partials:  # L(p, q) with q = 2p: q held fixed, or
            # the derivative through q too?
            raise ParseError(f"∂{f.func}/∂{self.show_node(var)}: {f.func}'s argument "  # type: ignore[union-attr]
                             f"{self.show_node(made_of[0])} is made of "
                             f"{self.show_node(var if whole else var.target)}, so whether it is "  # type: ignore[union-attr]
                             f"held fixed is not clear; write the derivative by a variable"
                             f"{GRAPH_HINT}", tok.pos)
        return Call("_partial", (f, Num(Fraction(places[0]), tok.pos), var), tok.pos)

    def through(self, f: Node, var: Defined, tok: _Tok) -> Node:
        """dL/da where a names an expression (a = σ(z)) and L is written in terms of a: L as a
        function of a, differentiated there and evaluated at a's value. Only the places where
        L uses the definition a count, or where it does not use it by name, the places where
        it writes a's value (ŷ = σ(a x + b) by z = a x + b); an L that does neither is refused."""
        partial = self.partial_of(f, var, tok)  # ∂L/∂y, y one of L's arguments whole
        if partial is not None:
            return partial
        if self.is_array(var):  # ∂L/∂h, h = 2x a vector: the gradient through h, in its shape
            return self.through_vector(f, var, tok)
        marker = Name(f"\x00a{tok.start}", tok.pos)  # read where the derivative is written
        found = [False]
        value = [None]  # a's value, matched only where L does not use a by name

        def swap(node: object) -> object:
            if isinstance(node, Defined) and node.name == var.name:
                found[0] = True
                return marker
            if value[0] is not None and not isinstance(node, Defined) \
                    and unplaced(node) == value[0]:  # type: ignore[arg-type]
                found[0] = True
                return marker
            if isinstance(node, Defined):  # L's value, read with a fresh variable for a
                return self.opened(node, swap, var.name, tok)
            return map_children(node, swap)  # type: ignore[arg-type]

        user = self.ctx.functions.get(f.func) if isinstance(f, Call) else None
        if user is not None and user.body is not None and f.bare \
                and len(f.args) == len(user.params) and all(  # type: ignore[union-attr]
                isinstance(a, Name) and a.id == p
                for a, p in zip(f.args, user.params, strict=True)):  # type: ignore[union-attr]
            f = user.body  # J(w, b) written alone, J's value there: the body as written
        if any(isinstance(n, Call) and n.func in BINDERS for n in _own_nodes(f)):
            # (a sum inside a definition L uses is read in the file's scope, its own)
            raise ParseError(f"d{plain(f)}/d{var.name} through a sum: write the derivative "
                             "entry by entry, or by a declared variable", tok.pos)
        body = swap(f)
        if not found[0]:
            value[0] = unplaced(var.body)
            body = swap(f)
        self.not_inside_functions(body, lambda m: isinstance(m, Defined)
                                  and m.name == var.name, var.name, tok)
        if not found[0]:
            raise ParseError(f"cannot differentiate with respect to {var.name}: it names an "
                             f"expression, and {plain(f)} is not written in terms of "
                             f"{var.name}", tok.pos)
        also = self.shared(body, var.body)  # type: ignore[arg-type]
        if also and not self.ctx.graph_partials:
            raise ParseError(f"d/d{var.name} of {plain(f)}: it also uses {also[0]}, which "
                             f"{var.name} is made of, so whether {also[0]} is held fixed is not "
                             f"clear; write the derivative by a variable{GRAPH_HINT}", tok.pos)
        return Call("_leibniz", (body, marker, var), tok.pos)  # type: ignore[arg-type]

    def operand_of(self, tok: _Tok) -> Node:
        """What an operator ∂/∂u by an expression u applies to: one bracket, or the product
        that follows; anything after it that could also be under the operator is refused."""
        nxt = self.peek()
        shown = self.src[tok.start:self.t[self.i - 1].end]
        if nxt is None or not (self.starts_factor(nxt) or (nxt.kind == "op" and nxt.text in "+-")):
            raise ParseError(f"{shown} needs something to differentiate after it", tok.pos)
        self.enter(nxt.pos)
        try:
            bracket = nxt.kind == "open" and nxt.text in ("(", "[", "\\{")
            opened = self.i
            f = self.factor() if bracket else self.juxtaposed()
        finally:
            self.level -= 1
        after = self.peek()
        if after is not None and ((bracket and self.starts_factor(after)) or (
                after.kind == "op" and after.text in ("*", "/", "odot"))):
            raise ParseError(f"{shown}: is what follows the bracket differentiated too? Put one "
                             "pair of brackets round everything differentiated", after.pos)
        if after is not None and after.kind == "op" and after.text in "+-" and not (
                bracket and self.match[opened] == self.i - 1):  # Σ_k … + x, (u)^2 + x
            raise ParseError(f"{shown}: is the term after the {after.text} differentiated too? "
                             "Put brackets round everything differentiated, or write the "
                             "derivative of one term alone", after.pos)
        return f

    def member(self, family: str, at: Node) -> Node:
        """The member at ``at`` of a family the document defines (x̂_j with x̂_i = …): its value,
        marked as that member (``_member``, with the family's definition), so that a derivative
        by it (∂y_j/∂x̂_k) is by the member wherever the page writes it, and only there."""
        index, body = self.ctx.families[family]
        value = _member(index, body, at)
        return Call("_member", (Name(_family_key(family, body), at.pos), at, value), at.pos)

    def member_of(self, node: Node) -> tuple[str, Node] | None:
        """The family and index of a member read (x̂_j), where the family is still the one it
        was read from (a section may define the name again)."""
        if not (isinstance(node, Call) and node.func == "_member"):
            return None
        key = node.args[0].id  # type: ignore[union-attr]
        family = marked_family(key)
        found = self.ctx.families.get(family)
        if found is None or _family_key(family, found[1]) != key:
            return None
        return family, node.args[1]

    def quantity(self, var: Node) -> bool:
        """A denominator that names an expression (``_quantity``), or a family's member."""
        return _quantity(var, self.ctx) or self.member_of(var) is not None

    def differentiate(self, tok: _Tok, f: Node | None, var: Node, order: int) -> Node:
        """The derivative of f by var; with f None, of what follows the operator."""
        if f is None:  # an operator: \frac{d}{dx} F
            nxt = self.peek()
            if nxt is None or not (self.starts_factor(nxt) or (nxt.kind == "op" and nxt.text in "+-")):
                shown = self.src[tok.start:self.t[self.i - 1].end]
                raise ParseError(f"{shown} needs something to differentiate after it", tok.pos)
            self.enter(nxt.pos)
            try:
                if nxt.kind == "open" and nxt.text in ("(", "[", "\\{"):
                    opened = self.i
                    f = self.factor()
                    if (after := self.peek()) is not None and (self.starts_factor(after) or (
                            after.kind == "op" and after.text in ("*", "/", "odot"))):
                        return self.operator_choice(tok, f, var, order)
                    whole = self.match[opened] == self.i - 1  # (u) alone, no power after
                    if not whole and after is not None and after.kind == "op" \
                            and after.text in "+-":  # (x + 1)^2 + x: a factor, not brackets
                        return self.sum_scope(tok, [self.diff_node(f, var, order, tok)], f, var,
                                              order)
                else:  # the product that follows; an explicit \cdot or / after it is ambiguous
                    start = self.i  # (and so is one after a first factor that ends with its
                    # own brackets, \frac{d}{dx} σ(x) x, as after \frac{d}{dx}(u) v)
                    first = self.factor() if nxt.kind != "op" else None
                    last = self.t[self.i - 1]
                    if first is not None and last.kind == "close" and last.text in ")]" \
                            and (after := self.peek()) is not None and self.starts_factor(after):
                        return self.operator_choice(tok, first, var, order)
                    self.i = start
                    f, cut = self.juxtaposed_until_derivative()
                    if cut:  # \frac{d}{dx} x \frac{d}{dx} x^2: d(x)/dx · d(x²)/dx, or the
                        return self.operator_choice(tok, f, var, order)  # derivative of both
                    if (after := self.peek()) is not None and after.kind == "op" \
                            and after.text in ("*", "/", "odot"):
                        return self.operator_choice(tok, f, var, order)
                    if after is not None and after.kind == "op" and after.text in "+-":
                        return self.sum_scope(tok, [self.diff_node(f, var, order, tok)], f, var,
                                              order)
            finally:
                self.level -= 1
        if isinstance(f, Name) and self.may_be_function(f):
            self.not_unread(f)
        if isinstance(f, Name) and isinstance(var, Name) and self.may_be_function(f) \
                and f.id != var.id:
            # dy/dx with y undeclared: y may be a variable of its own (dy/dx = 0) or a
            # function of x that the prose defines; both are readings
            if var.id in self.ctx.symbolic or var.id in self.ctx.symbolic_matrices:
                raise ParseError(f"{f.id} is not declared: to differentiate it by {var.id}, whose "
                                 f"size is symbolic, define {f.id} (as in {f.id} = …, or under "
                                 f"[context] latex) or declare it as a symbol (a constant)", f.pos)
            f = self.dependence(f, var)
        if isinstance(f, Name) and isinstance(var, Index) and isinstance(var.target, Name) \
                and self.may_be_function(f) and f.id != var.target.id:
            # dL/do_i with L undeclared: a constant (0), or a function of o that the prose
            # defines? With o of symbolic size the second cannot be stated: refused
            shown = self.show_node(var)
            raise ParseError(f"{f.id} is not declared: to differentiate it by {shown}, an entry of "
                             f"{var.target.id}, define {f.id} (as in {f.id} = … in a display, or "
                             f"under [context] latex) or declare it as a symbol (a constant)", f.pos)
        if f is not None and not isinstance(f, Name):
            f = self.dependent(f, var)
        return self.diff_node(f, var, order, tok)

    def not_unread(self, name: Name) -> None:
        """A letter whose defining display could not be read (𝓛 = … refused): what it means
        here is not known, so it is refused with that display's line, not as "not declared"."""
        for key, line in self.ctx.unread.items():
            if name.id == key or (key.endswith("_") and name.id.startswith(key)):
                shown = self.ctx.unread_names.get(key, key)
                raise ParseError(unread_here(name.id, line, shown), name.pos)

    def dependence(self, name: Name, var: Name) -> Choice:
        """An undeclared letter in a derivative by var: a number of its own, or a function of
        var (of every entry of a declared vector var): both are readings."""
        return Choice(f"dep:{name.id}", (name, Apply(name.id, self.entries(var), name.pos)),
                      (f"{name.id} independent of {var.id}", f"{name.id} a function of {var.id}"),
                      f"{name.id} is not declared: declare it as a symbol, or define it under "
                      "[context] functions or latex", name.pos)

    def dependent(self, f: Node, var: Node) -> Node:
        """∂(L²)/∂θ, ∂(CE)/∂θ: where what is differentiated does not mention the variable at
        all, its undeclared letters are there because they depend on it, or are constants:
        both are readings, as for a single letter (∂L/∂θ). Where it mentions the variable
        (∂(a x²)/∂x), its undeclared letters are constants, by convention."""
        target = var.target if isinstance(var, Index) else var
        if not isinstance(target, Name):
            return f
        nodes = walk(f)
        # only plain expressions of letters: sums, entries, definitions and functions say
        # through their own rules what they depend on
        if any(isinstance(n, Defined | Index | Apply | Cases | Prime) or (
                isinstance(n, Call) and (n.func in ("Sum", "Product", "diff", "_leibniz")
                                         or n.func in self.ctx.functions))
               or (isinstance(n, Name) and (n.id in self.ctx.families or n.id in self.ctx.indices))
               for n in nodes):
            return f
        loose = sorted({n.id for n in nodes if isinstance(n, Name) and self.may_be_function(n)
                        and n.id not in self.ctx.dims})
        if target.id in {n.id for n in nodes if isinstance(n, Name)}:
            # where it mentions the variable, only a letter indexed by it (x_t by t) may
            # depend on it: the others are constants, by convention
            loose = [n for n in loose if "_" in n and target.id in re.split(
                r"[_,{}()\s]+", n.split("_", 1)[1])]
        if not loose:
            return f
        if not isinstance(var, Name) or var.id in self.ctx.symbolic \
                or var.id in self.ctx.symbolic_matrices:
            raise ParseError(f"{', '.join(loose)} not declared: to differentiate by "
                             f"{self.show_node(var)} what does not mention it, define "
                             f"{loose[0]} (as in {loose[0]} = … in a display) or declare it as a "
                             "symbol (a constant)", f.pos)  # type: ignore[union-attr]

        def choose(node: Node) -> Node:
            if isinstance(node, Name) and node.id in loose:
                return self.dependence(node, var)
            if isinstance(node, Choice) and node.key == "I:identity":  # I a number: of var?
                return replace(node, options=tuple(choose(o) for o in node.options))
            if isinstance(node, Choice):
                return node
            return map_children(node, choose)

        return choose(f)

    def show_node(self, node: Node) -> str:
        return plain(node)

    def entries(self, var: Name) -> tuple[Node, ...]:
        """The arguments of a function of var: var itself, or each entry of a declared vector
        or matrix (J(w) for a vector w is a function of w_1 … w_n, not applied entrywise)."""
        value = self.ctx.vectors.get(var.id, self.ctx.matrices.get(var.id))
        if value is None:
            return (var,)
        rows, cols = value.shape
        if rows * cols > 64:
            raise ParseError(f"{var.id} has {rows * cols} entries: declare the function of {var.id} "
                             "under [context] functions", var.pos)
        if var.id in self.ctx.vectors:
            return tuple(Index(var, (Num(Fraction(k), var.pos),), var.pos) for k in range(1, rows * cols + 1))
        return tuple(Index(var, (Num(Fraction(i), var.pos), Num(Fraction(j), var.pos)), var.pos)
                     for i in range(1, rows + 1) for j in range(1, cols + 1))

    def diff_node(self, f: Node, var: Node, order: int, tok: _Tok) -> Node:
        """d^k f / d var^k; by a declared vector or matrix w, the gradient of f in the shape of w
        (entry i is ∂f/∂w_i: \\frac{\\partial J}{\\partial w}, \\nabla_w J)."""
        if self.quantity(var):
            return self.leibniz(f, var, tok)
        self.not_constant_alone(f, var)
        if isinstance(var, Name) and self.ctx.kind(var.id) in ("vector", "matrix"):
            if order != 1:
                raise ParseError(f"a second derivative by the {self.ctx.kind(var.id)} {var.id} is a "
                                 "matrix of its own (a Hessian): differentiate by entries", tok.pos)
            return Call("grad", (f, var), tok.pos)
        args: tuple[Node, ...] = (f, var) if order == 1 else (f, var, Num(Fraction(order), tok.pos))
        return Call("diff", args, tok.pos)

    def not_constant_alone(self, f: Node, var: Node) -> None:
        """A function written alone (L for L(p), E for E(t, o)) in what is differentiated by
        var, at arguments that do not depend on var: its derivative would be 0, but ∂L/∂w may
        as well mean L's derivative at w, or p may depend on w in the prose. Refused."""
        base = var.target if isinstance(var, Index) else var
        if not isinstance(base, Name):
            return
        def depends(node: Node) -> bool:  # (a name whose definition could not be read: it
            # may, and its own error says so where it is read)
            names = self.uses(node) | {m.id for m in walk(node) if isinstance(m, Name)}
            return base.id in names or bool(names & set(self.ctx.unread))

        for n in walk(f):
            if isinstance(n, Call) and n.bare and len(n.args) > 1 \
                    and sum(map(depends, n.args)) > 1:
                shown = f"{n.func}({', '.join(self.show_node(a) for a in n.args)})"
                raise ParseError(f"{n.func} alone means {shown} here, and more than one of its "
                                 f"arguments depends on {self.show_node(var)}: is the derivative "
                                 "the partial in one argument (the others held fixed) or taken "
                                 "through all of them? Write the derivative of "
                                 f"{n.func} at explicit arguments for the second ({n.func}(x, x^2)"
                                 "), or make the others variables of their own", n.pos)
            if isinstance(n, Call) and n.bare and not depends(n):
                shown = f"{n.func}({', '.join(self.show_node(a) for a in n.args)})"
                fn = self.ctx.functions.get(n.func)
                instead = (f"define {', '.join(self.show_node(a) for a in n.args)} in terms of "
                           f"{base.id} (a display before this one) if "
                           f"{'it depends' if len(n.args) == 1 else 'they depend'} on it"
                           if fn is not None and fn.body is None else
                           f"write d{n.func}({base.id})/d{base.id} or {n.func}'({base.id}) for "
                           f"its derivative at {base.id}, or define what {n.func}'s arguments "
                           f"are in terms of {base.id}")
                raise ParseError(f"{n.func} alone means {shown} here, which is not a function of "
                                 f"{self.show_node(var)}: {instead}", n.pos)

    def nabla(self) -> Node:
        """\\nabla_w J: the gradient of J by w (the shape of w), read as \\frac{\\partial}{\\partial w}."""
        tok = self.t[self.i]
        self.i += 1
        nxt = self.peek()
        at = self.i  # where a ^ would be: right after \nabla, or after its subscript (∇_w^2)
        if nxt is not None and nxt.kind == "sub" and self.i + 1 < self.end:
            arg = self.t[self.i + 1]
            at = self.match[self.i + 1] + 1 if arg.kind == "open" and arg.text == "{" \
                else self.i + 2
        if at < self.end and self.t[at].kind == "sup" and not (  # (∇_w^T: a transpose)
                at + 1 < self.end and self.is_transpose(at + 1, at + 2)):
            raise ParseError("\\nabla^2 (the Hessian) is not read: write its entries, "
                             "\\frac{\\partial^2 L}{\\partial w_j \\partial w_k}", tok.pos)
        if nxt is None or nxt.kind != "sub":
            raise ParseError("\\nabla without a variable: write \\nabla_w J, naming the variable w",
                             tok.pos)
        self.i += 1
        lo, hi = self.arg(nxt, "the variable")
        var = self.within(lo, hi, self.factor)
        if isinstance(var, Defined) and isinstance(var.body, Name | Index):
            var = var.body
        if not isinstance(var, Name | Index) or (isinstance(var, Name) and var.id in ("E", "pi")):
            raise ParseError(f"\\nabla_{{{self.show(lo, hi)}}}: the subscript must be one variable "
                             "(w, \\theta, W_1)", nxt.pos)
        return self.differentiate(tok, None, var, 1)

    def juxtaposed(self) -> Node:
        """Signs, then factors written side by side (no explicit \\cdot or /)."""
        signs = self.signs()
        node = self.factor()
        while (tok := self.peek()) is not None and self.starts_factor(tok):
            node = self.juxtapose(node, tok)
        for sgn in reversed(signs):
            node = Unary(sgn.text, node, sgn.pos)
        return node

    def juxtaposed_until_derivative(self) -> tuple[Node, bool]:
        """As :meth:`juxtaposed`, but stopping before a factor that is a derivative (an operator
        \frac{d}{dx} …, or a Leibniz fraction): whether it stopped there. What an operator
        before it covers is then read both ways (:meth:`operator_choice`)."""
        signs = self.signs()
        node = self.factor()
        cut = False
        while (tok := self.peek()) is not None and self.starts_factor(tok):
            at, level = self.i, self.level
            try:
                ahead: Node | None = self.factor()
            except ParseError:
                ahead = None
            self.i, self.level = at, level
            if ahead is not None and _is_derivative(ahead):
                cut = True
                break
            node = self.juxtapose(node, tok)
        for sgn in reversed(signs):
            node = Unary(sgn.text, node, sgn.pos)
        return node, cut

    def operator_choice(self, tok: _Tok, group: Node, var: Node, order: int) -> Node:
        """``\\frac{d}{dx}(u) v``: the derivative of (u), times v, or of (u)·v (and, before a
        + or −, of the sum that follows too: see :meth:`sum_scope`)."""
        after = self.i

        def d(f: Node) -> Node:
            return self.diff_node(f, var, order, tok)

        product = self.term_rest(group)
        end, self.i = self.i, after
        narrow = self.term_rest(d(group))
        self.i = end
        return self.sum_scope(tok, [narrow, d(product)], product, var, order)

    def sum_scope(self, tok: _Tok, firsts: list[Node], operand: Node, var: Node,
                  order: int) -> Node:
        """What an operator ``\\frac{d}{dw}`` whose operand is not set off by brackets covers.
        ``firsts`` are the readings of its own term (d(u)/dw·v and d(uv)/dw for
        ``\\frac{d}{dw} u \\cdot v``), ``operand`` the widest of them undifferentiated. Before a
        + or − it may also take the sum that follows (∂/∂w ½(wx − y)² + λ/2 w² usually means
        the whole loss), up to the first later term with a derivative of its own (the sum
        rule written out). All readings, as one Choice; where the operator does not start its
        term (after a factor or a minus sign) the sum's reading is no rest of a sum: refused."""
        terms: list[tuple[_Tok, Node]] = []
        while (op := self.peek()) is not None and op.kind == "op" and op.text in "+-":
            self.i += 1
            terms.append((op, self.signed_term()))
        own = next((k for k, (_, t) in enumerate(terms) if _is_derivative(t)), len(terms))

        def plus(node: Node, rest: list[tuple[_Tok, Node]]) -> Node:
            for op, t in rest:
                node = Bin(op.text, node, t, op.pos)
            return node

        options = [plus(r, terms) for r in firsts]
        if own:
            before = self.t[tok_at - 1] if (tok_at := self.t.index(tok)) > 0 else None
            starts = before is None or before.kind in ("rel", "open", "amp", "comma", "break") \
                or (before.kind == "op" and before.text == "+" and before.depth == tok.depth)
            if not starts:
                raise ParseError(f"'{self.src[tok.start:terms[0][0].start].strip()} …': does "
                                 "the derivative take the terms after the + or − too? Put "
                                 "everything to differentiate in one pair of brackets, or the "
                                 "derivative's term in brackets of its own", tok.pos)
            wide = plus(operand, terms[:own])
            if not isinstance(wide, Name):
                wide = self.dependent(wide, var)
            options.append(plus(self.diff_node(wide, var, order, tok), terms[own:]))
        if len(options) == 1:
            return options[0]
        shown = self.src[tok.start:self.t[self.i - 1].end]
        key = "scope" if own else "diff"
        return Choice(f"{key}@{tok.pos.line}:{tok.pos.col}", tuple(options),
                      tuple(plain(o) for o in options),
                      f"'{shown}': put everything to differentiate in one pair of brackets, or "
                      "write the factor that is not differentiated first (or the derivative's "
                      "term in brackets of its own)", tok.pos)

    def order(self, lo: int, hi: int, at: _Tok) -> int:
        toks = self.t[lo:hi]
        if len(toks) == 1 and toks[0].kind == "num" and toks[0].text.isdigit() and int(toks[0].text) >= 1:
            return int(toks[0].text)
        raise ParseError(f"the order of a derivative must be a whole number, not {self.show(lo, hi)!r}",
                         at.pos)

    # ---- sums

    def sum(self) -> Node:
        """\\sum (or \\prod: the same index, bounds and body, read as a product)."""
        tok = self.t[self.i]
        self.i += 1
        cmd = f"\\{tok.text}"
        sub = sup = None
        while (s := self.peek()) is not None and s.kind in ("sub", "sup"):
            if (sub if s.kind == "sub" else sup) is not None:
                raise ParseError(f"{cmd} has two " + ("subscripts" if s.kind == "sub"
                                                      else "superscripts"), s.pos)
            self.i += 1
            rng = self.arg(s, "a bound")
            if s.kind == "sub":
                sub = rng
            else:
                sup = rng
        var: str | None = None
        excluded: Node | None = None
        start: Node = Num(Fraction(1), tok.pos)
        upper: Node | None = None
        if sub is not None:
            var, first, excluded = self.within(*sub, self.sum_index)
            if first is not None:
                start = first
        if sup is not None:
            upper = self.within(*sup, self.expr)
        nxt = self.peek()
        if nxt is None or not (self.starts_factor(nxt) or (nxt.kind == "op" and nxt.text in "+-")):
            raise ParseError(f"{cmd} needs a body after it", tok.pos)
        self.enter(nxt.pos)
        self.binding.append(var or "")
        try:
            if nxt.kind == "open" and nxt.text in ("(", "[", "\\{"):
                body = self.factor()
                after = self.peek()
                if after is not None and (self.starts_factor(after) or (
                        after.kind == "op" and after.text in ("*", "/", "odot"))):
                    # \sum_i (ŷ_i − y_i) x_i: the sum runs over the product, as a sum does
                    # over the term after it. Unless its index is used outside the sum too
                    # (∂L/∂w_i = \sum_i (…) x_i): is x_i the sum's, or that i's?
                    at = self.i
                    body = self.term_rest(body)
                    if var and self.index_outside(var, tok, self.t[self.i - 1]) \
                            and any(x.kind == "letter" and x.text == var
                                    for x in self.t[at:self.i]):
                        show = "{" + var + "}"
                        raise ParseError(
                            f"ambiguous \\sum body: it is in brackets and more factors follow that "
                            f"write {var}, which is also used outside the sum: write "
                            f"\\sum_{show} \\left(…\\right) alone, or put the whole body in "
                            f"braces \\sum_{show} {{…}}", after.pos)
            else:
                body = self.signed_term()
                if var:
                    self.no_index_after(var, tok)
        finally:
            self.level -= 1
            self.binding.pop()
        if var is None and sup is None and not any(True for _ in self.walk_indices(body)) \
                and any(isinstance(n, Name) and self.ctx.kind(n.id) == "vector"
                        for n in walk(body)):  # \sum e^{z}: the sum of a vector's entries
            if tok.text == "prod":
                raise ParseError("\\prod of a vector without an index: write the index, "
                                 "\\prod_{i=1}^{n} x_i", tok.pos)
            return Call("_sum_entries", (body,), tok.pos)
        if var is None:
            var = self.infer_index(body, tok)
        if upper is None:
            upper = self.infer_upper(body, var, tok)
        self.check_bound(body, var, tok)
        if tok.text == "prod":
            self.one_product_body(body, var, tok)
        if excluded is not None and tok.text == "prod":
            raise ParseError("\\prod_{k \\neq i}: a product over all but one index is not "
                             "read; divide the whole product by the factor at i", tok.pos)
        if excluded is not None and isinstance(excluded, Name) \
                and excluded.id not in self.binding \
                and any(isinstance(n, Name) and n.id == excluded.id for n in walk(body)) \
                and not self.index_outside(excluded.id, tok, self.t[self.i - 1]):
            # \sum_{i \neq j} x_i x_j with j written nowhere else: over the pairs (i, j), or
            # over i with one j fixed? (Σ_{i≠j} x_i x_j = (Σx)² − Σx² reads the first way)
            raise ParseError(f"\\sum_{{{var} \\neq {excluded.id}}}: {excluded.id} is written "
                             "nowhere else, so this may be the sum over all pairs "
                             f"({var}, {excluded.id}) with {var} ≠ {excluded.id}, or over {var} "
                             f"with {excluded.id} one fixed index: write \\sum_{{{excluded.id}}} "
                             f"\\sum_{{{var} \\neq {excluded.id}}} for the pairs, or say which "
                             f"{excluded.id} (as in x_{excluded.id} outside the sum)", tok.pos)
        if excluded is not None:  # \sum_{k \neq i}: every k of the range but i
            keep = Bin("-", Num(Fraction(1), tok.pos), Call("delta", (Name(var, tok.pos), excluded),
                                                            tok.pos), tok.pos)
            body = Bin("*", keep, body, tok.pos)
        return Call("Product" if tok.text == "prod" else "Sum",
                    (body, TupleLit((Name(var, tok.pos), start, upper), tok.pos)), tok.pos)

    def extremum(self, fname: str, tok: _Tok, sub: _Tok) -> Node:
        """\\max_j z_j, \\min_{j} (z_j - c): the largest (smallest) value of the body over the
        index's range, which is the length of the vector it indexes (as a sum's without
        bounds). Its body is one factor: \\max_j z_j x is refused (x inside or outside?)."""
        self.i += 1
        lo, hi = self.arg(sub, "the index")
        var, first, excluded = self.within(lo, hi, self.sum_index)
        cmd = f"\\{fname}"
        if excluded is not None:
            raise ParseError(f"{cmd}_{{{var} \\neq …}} is not read: write {cmd}(…) of the values",
                             sub.pos)
        nxt = self.peek()
        if nxt is None or not self.starts_factor(nxt):
            raise ParseError(f"{cmd}_{var} needs a body after it, as in {cmd}_{var} z_{var}", tok.pos)
        self.enter(nxt.pos)
        self.binding.append(var)
        try:
            body = self.factor()
        finally:
            self.level -= 1
            self.binding.pop()
        after = self.peek()
        if after is not None and self.starts_factor(after):
            raise ParseError(f"ambiguous {cmd}_{var} body: more factors follow it; write "
                             f"{cmd}_{var} \\left(…\\right) around what it covers", after.pos)
        upper = self.infer_upper(body, var, tok)
        return Call(f"_{fname}_over", (body, TupleLit((Name(var, tok.pos), first or Num(
            Fraction(1), tok.pos), upper), tok.pos)), tok.pos)

    def one_product_body(self, body: Node, var: str, tok: _Tok) -> None:
        """An unbraced \\prod body runs on over the factors after it, as a sum's does; for a
        sum that changes nothing (Σ_i a_i·c = (Σ_i a_i)·c), for a product it does
        (∏_i (a_i c) = c^n ∏_i a_i). A factor without the index after one with it (∏_i q_i /
        ∏_j q_j, ∏_i σ(wx_i) e^{-w^2}) is read both ways by people: refused."""
        factors: list[Node] = []
        stack = [body]
        while stack:
            node = stack.pop()
            if isinstance(node, Bin) and node.op in ("*", "/", "odot") and not node.grouped:
                stack += [node.right, node.left]  # (a \frac is one factor: its parts are in)
            else:
                factors.append(node)
        seen = False
        for f in factors:
            uses = any(isinstance(n, Name) and n.id == var for n in walk(f))
            if seen and not uses:
                raise ParseError(f"ambiguous \\prod body: a factor without {var} follows the "
                                 f"factors with {var}; is it inside the product (to the power "
                                 f"of the count) or after it? Write \\prod_{{{var}}} "
                                 "\\left(…\\right) around what the product covers, or put the "
                                 "rest before the \\prod", tok.pos)
            seen = seen or uses

    def index_outside(self, var: str, first: _Tok, last: _Tok) -> bool:
        """Whether the display writes the letter ``var`` (in a subscript, an exponent, or
        alone) outside the sum from ``first`` to ``last`` where no other sum binds it (w_i on
        the left of ∂L/∂w_i = \\sum_i …, β^i, i itself; not the i of another side's own
        \\sum_i, whose body ends at its '=' or at the bracket it is written in)."""
        src, v = self.src, re.escape(var)
        uses = re.compile(r"_\s*\{[^{}]*(?<![A-Za-z\\])" + v + r"(?![A-Za-z])[^{}]*\}|"
                          r"(?<![A-Za-z\\])" + v + r"(?![A-Za-z])")
        binders = [b for b in re.finditer(r"\\(?:sum|prod)\s*_\s*(?:\{\s*" + v
                                          + r"(?![A-Za-z])[^{}]*\}|" + v + r"(?![A-Za-z]))", src)
                   if b.start() != first.start]
        depth, level = 0, []
        for k, ch in enumerate(src):  # the bracket depth before each character
            level.append(depth)
            if ch in "([{" and (k == 0 or src[k - 1] != "\\"):
                depth += 1
            elif ch in ")]}" and (k == 0 or src[k - 1] != "\\"):
                depth -= 1
        level.append(depth)
        for m in uses.finditer(src):
            if first.start <= m.start() < last.end or any(
                    b.start() <= m.start() < b.end() for b in binders):
                continue
            prior = [b for b in binders if b.end() <= m.start()]
            if prior:
                b = prior[-1]
                between = re.sub(r"[_^]\s*\{[^{}]*\}", " ", src[b.start():m.start()])
                closed = min(level[b.end():m.start() + 1]) < level[b.start()]
                if not closed and not re.search(
                        r"(?<![<>!:\\])=|\\(?:le|ge|leq|geq|neq|approx)(?![A-Za-z])|&|\\\\|[<>]",
                        between):
                    continue  # inside another sum over the letter: bound there, not outside
            return True
        return False

    def no_index_after(self, var: str, tok: _Tok) -> None:
        """``\\sum_{i=1}^{n} x_i - y_i``: an unbraced body ends at the '-', so the i of y_i
        would be a free index named like the sum's, while the author may mean the sum to go on
        (Σ(x_i − y_i)). The readings disagree: refused, with how to write either."""
        t, k, depth = self.t, self.i, 0
        if k >= self.end or t[k].kind != "op" or t[k].text not in ("+", "-"):
            return
        while k < self.end:
            kind = t[k].kind
            if kind == "open":
                depth += 1
            elif kind == "close":
                depth -= 1
                if depth < 0:
                    return
            elif depth == 0 and (kind in ("rel", "amp", "newline") or t[k].text == ","):
                return
            elif kind == "cmd" and t[k].text in ("sum", "prod", "int"):
                return  # (a sum after it binds its own index: Σ_j a_j + b Σ_j c_j)
            elif (kind == "sub" and k + 1 < self.end) or (
                    kind == "letter" and t[k].text == var and t[k - 1].kind != "letter"
                    and (k + 1 >= self.end or t[k + 1].kind != "letter")):  # "… - i"
                inner = [t[k]] if kind == "letter" else t[k + 1:self.match[k + 1]] \
                    if t[k + 1].kind == "open" else [t[k + 1]]
                if any(x.kind == "letter" and x.text == var for x in inner):
                    raise ParseError(
                        f"the body of an unbraced \\sum_{{{var}}} ends before this '{t[self.i].text}', "
                        f"so the {var} written after it would be an index of its own named like "
                        f"the sum's, while the sum may be meant to go on: write \\sum_{{{var}}} "
                        f"\\left(…\\right) around every term it covers, or another letter for a "
                        "free index", inner[0].pos)
            k += 1

    def sum_index(self) -> tuple[str, Node | None, Node | None]:
        """``\\sum_{j}``, ``\\sum_{j=1}``, ``\\sum_{j \\neq i}``, ``\\sum_{j=1, j \\neq i}``:
        (the index, its first value if written, the value it skips if written)."""
        lo = self.i
        name, first = self.sum_start()
        tok = self.peek()
        if tok is None:
            return name, first, None
        if first is not None and tok.kind == "comma":  # \sum_{j=1, j \neq i}
            self.i += 1
            again = self.peek()
            second, _ = self.sum_start(condition=True)
            if second != name:
                raise ParseError(f"the condition after the comma must be about the summation index "
                                 f"{name}, as in \\sum_{{{name}=1, {name} \\neq i}}",
                                 again.pos if again is not None else tok.pos)
            tok = self.peek()
            if tok is None or tok.kind != "rel":
                raise ParseError(f"write the condition as {name} \\neq i", (tok or again or self.t[-1]).pos)
        if tok.kind == "rel" and tok.text == "!=":
            self.i += 1
            return name, first, self.expr()
        if tok.kind == "rel":
            raise ParseError(f"\\sum_{{{self.show(lo, self.end)}}}: the only "
                             f"condition understood on a summation index is {name} \\neq …; write "
                             f"the range otherwise, as in \\sum_{{{name}=1}}^{{n}}", tok.pos)
        raise self.unexpected(tok)

    def sum_start(self, condition: bool = False) -> tuple[str, Node | None]:
        tok = self.peek()
        if tok is None:
            raise ParseError("\\sum_{} has an empty subscript", self.here())
        if tok.kind == "letter" and not (self.peek(1) is not None and self.peek(1).kind == "letter"
                                         and self.peek(1).glued):  # type: ignore[union-attr]
            name = tok.text
        elif tok.kind == "cmd" and tok.text in GREEK and tok.text not in ("sigma", "delta", "pi"):
            name = tok.text
        else:
            raise ParseError(f"\\sum_{{{self.show(self.i, self.end)}}}: the subscript must name the index, "
                             "as in \\sum_{j=1}^{n} or \\sum_j", tok.pos)
        marks, after = self.index_marks(self.i + 1, self.end)
        if self.ctx.kind(name) not in (None, "symbol"):
            raise ParseError(f"the summation index {name!r} is declared as a {self.ctx.kind(name)}", tok.pos)
        for key in (name, "\\" + name):
            if key in self.ctx.latex:  # a mapped letter would be substituted inside the body
                raise ParseError(f"the summation index {name!r} already names a value here "
                                 "(a display defines it, or [context] latex maps it), so it "
                                 "cannot also be a summation index; sum over another letter",
                                 tok.pos)
        name += marks
        self.i = after
        rel = self.peek()
        if not condition and rel is not None and rel.kind == "rel" and rel.text == "=":
            self.i += 1
            return name, self.expr()
        return name, None

    def walk_indices(self, body: Node) -> Iterator[tuple[str, int, Node]]:
        """(vector or matrix name, position, index node) for declared names, in reading order;
        the variables of derivatives are not counted (they are not summed over)."""
        stack: list[tuple[Node, frozenset[str]]] = [(body, frozenset())]
        while stack:
            node, bound = stack.pop()
            target = node.target.body if isinstance(node, Index) and isinstance(
                node.target, Defined) else node.target if isinstance(node, Index) else None
            if isinstance(target, Name) and self.ctx.kind(target.id) in ("vector", "matrix"):
                for p, ix in enumerate(node.indices):  # type: ignore[union-attr]
                    if not (isinstance(ix, Name) and ix.id in bound):  # an inner sum's own
                        yield target.id, p, ix  # (h_i with a display's h = x: x's range)
            kids = (node.args[0],) if isinstance(node, Call) and node.func == "diff" \
                else children(node)
            own = binder(node)
            inner = bound | {own} if own is not None else bound
            stack.extend((k, inner) for k in reversed(kids))

    def infer_index(self, body: Node, tok: _Tok) -> str:
        found: list[str] = []
        for _, _, ix in self.walk_indices(body):
            if isinstance(ix, Name) and len(ix.id) == 1 and ix.id not in found:
                found.append(ix.id)
        if len(found) == 1:
            return found[0]
        why = "no declared vector is indexed in its body" if not found else \
            f"its body is indexed by {', '.join(found)}"
        raise ParseError(f"\\sum without an index: {why}; write \\sum_{{k=1}}^{{n}}", tok.pos)

    def infer_upper(self, body: Node, var: str, tok: _Tok) -> Node:
        """The range of ``\\sum_var`` without bounds: the length that *every* vector or matrix
        axis indexed by var in the body has; lengths that disagree are an error naming both."""
        found: list[tuple[str, object]] = []  # (what, length) in reading order
        for name, p, ix in self.walk_indices(body):
            if not (isinstance(ix, Name) and ix.id == var):
                continue
            if name in self.ctx.symbolic:  # a vector of symbolic length n: Σ over 1…n
                length: object = self.ctx.symbolic[name][1]
                what = f"{name} (length {length})"
            elif name in self.ctx.vectors:
                length = len(self.ctx.vectors[name])
                what = f"{name} (length {length})"
            elif name in self.ctx.symbolic_matrices:  # W of symbolic size H×D
                sizes = self.ctx.symbolic_matrices[name][1:]
                length = sizes[p]
                what = f"{name} ({sizes[0]}×{sizes[1]}, its {('rows', 'columns')[p]})"
            else:
                shape = self.ctx.matrices[name].shape
                length = shape[p]
                what = f"{name} ({shape[0]}×{shape[1]}, its {('rows', 'columns')[p]})"
            found.append((what, length))
        if not found:
            raise ParseError(f"cannot infer the range of \\sum_{var}: no declared vector is indexed by "
                             f"{var} in its body; write \\sum_{{{var}=1}}^{{n}} or declare the vector "
                             "under [context] vectors", tok.pos)
        for what, length in found[1:]:
            if length != found[0][1]:
                raise ParseError(f"\\sum_{var} without bounds: {var} indexes {found[0][0]} and "
                                 f"{what}, which have different lengths; write the range, as in "
                                 f"\\sum_{{{var}=1}}^{{{found[0][1]}}}", tok.pos)
        length = found[0][1]
        if isinstance(length, int):
            return Num(Fraction(length), tok.pos)
        return Name(str(length), tok.pos)

    def check_bound(self, body: Node, var: str, tok: _Tok) -> None:
        """An undeclared y_j inside \\sum_j would be a constant symbol: refuse the misreading.
        So is a name labelled by the index (y^{(i)}, J^{(i)}(w), or a [context] latex entry
        for one): the label names one sample, which the sum over i does not run through."""
        stack: list[Node] = [body]
        while stack:
            node = stack.pop()
            if isinstance(node, Name) and var in self.sub_atoms.get(node.id, ()):
                base = node.id.split("_")[0]
                raise ParseError(f"{node.id} inside \\sum_{var}: {base} is not a declared vector, so "
                                 f"{node.id} would be one fixed symbol; declare {base} under [context] "
                                 "vectors", tok.pos)
            named = node.id if isinstance(node, Name) else node.func if isinstance(node, Call) \
                else node.name if isinstance(node, Defined) else ""
            label = re.search(r"\^\{?\(([^()]*)\)", named)
            if label and var in re.findall(r"[A-Za-z]+", label.group(1)):
                raise ParseError(f"{named} inside \\sum_{var}: its label ({label.group(1)}) names "
                                 f"one sample or layer, which the sum over {var} does not run "
                                 f"through; write the sum's terms, or declare a vector for the "
                                 "samples and index it", tok.pos)
            stack.extend(children(node))

    # ---- subscripts and superscripts

    def postfix(self, node: Node, ref: str | None, euler: bool) -> Node:
        if self.script and isinstance(node, Name) and ref == node.id and not euler:
            marks, k = self.index_marks(self.i, self.end)
            if marks:  # x_{j'}: the index j'
                self.i = k
                node = Name(node.id + marks, node.pos)
                ref = node.id
        if isinstance(node, Name) and ref == node.id and self.prime_order(self.i) is not None:
            return self.primed_name(node)
        if isinstance(node, Defined) and self.prime_order(self.i) is not None:
            return self.primed_value(node)
        sub = sup = None
        while (tok := self.peek()) is not None and tok.kind in ("sub", "sup", "prime"):
            if tok.kind == "prime" or self.prime_order(self.i) is not None:
                raise ParseError(PRIMES, tok.pos)
            if (sub if tok.kind == "sub" else sup) is not None:
                raise ParseError("double " + ("subscript" if tok.kind == "sub" else "superscript") +
                                 ": use braces", tok.pos)
            self.i += 1
            rng = self.arg(tok, "a subscript" if tok.kind == "sub" else "a superscript")
            if tok.kind == "sub":
                sub = (tok, rng)
            else:
                sup = (tok, rng)
        transposed = False  # w^{[2]\top}, W^{(l)T}: the layer's name, then its transpose
        if sup is not None and ref is not None and not euler:
            lo, hi = sup[1]
            label = self.layer_label(lo, hi)
            if label is None and not (hi - lo > 1 and self.is_transpose(hi - 1, hi)):
                self.label_then_more(lo, hi)
            if label is None and hi - lo > 1 and self.is_transpose(hi - 1, hi):
                label = self.layer_label(lo, hi - 1)
                transposed = label is not None
                sup_tok, sup_range = sup
            sample = None if label is None else self.sample(ref, label, sup[0], lo,
                                                             hi - 1 if transposed else hi)
            if sample is None and label is not None and sub is not None \
                    and self.ctx.superscript_indices and not label.startswith("["):
                sample = self.feature_sample(ref, label, sub, lo, hi)  # x_1^{(i)}
                sub = None
            if sample is not None:  # y^{(i)} under indices = "superscript": y's entry i
                if sub is not None:
                    raise ParseError(f"{ref}^{marked(label)} with a subscript too: an example's "
                                     "value is one number here (its entry of a declared vector); "
                                     "declare one vector per feature", sub[0].pos)
                node, ref, sup = sample, None, None
            elif label is not None:  # x^{(i)}_j: the name x^(i), then its subscript
                node, ref = self.labelled(node, ref, label, sup[0])
                sup = None
        if sup is not None and isinstance(node, Defined) and not euler and sub is None \
                and self.ctx.superscript_indices and self.is_array(node) \
                and (label := self.layer_label(*sup[1])) is not None \
                and not label.startswith("["):  # ŷ^{(i)} with ŷ = σ(z) a vector: its entry i
            lo, hi = sup[1]
            node, sup = Index(node, self.indices(lo + 1, hi - 1, 1, None), sup[0].pos), None
        if sup is not None and isinstance(node, Defined) and not euler \
                and (label := self.layer_label(*sup[1])) is not None:
            # z^{(2)} with z defined (z = wx + b): the z of sample or layer 2, never z squared
            raise ParseError(f"{node.name}^{marked(label)}: {node.name} is defined here, and the "
                             f"label ({label}) names a sample or a layer, which that definition "
                             f"does not cover; give {node.name}^{marked(label)} a definition of its "
                             f"own, or write ({node.name})^{{{label}}} for a power", sup[0].pos)
        variance = self.variance_of(ref, sub, sup) if ref == "sigma" and sub is not None \
            and not euler else None
        if variance is not None:
            return variance
        if sub is not None:
            if euler and sup is not None:
                raise ParseError("e^{…}_j puts the subscript on e, not in the exponent: write e^{x_j}",
                                 sub[0].pos)
            node, ref = self.subscript(node, ref, euler, *sub)
            euler = False
        if sup is not None:
            node = self.superscript(node, ref, euler, *sup)
        if transposed:
            if not self.is_array(node):
                raise ParseError(f"^{{{self.show(*sup_range)}}}: a transpose of what is not a "
                                 "declared vector or matrix", sup_tok.pos)
            node = Call("T", (node,), sup_tok.pos)
        return node

    def variance_of(self, ref: str, sub: tuple, sup: tuple | None) -> Node | None:
        """σ_B² where the document defines the variance σ_B² (checker.files.names
        ``variance_definition``): that name; σ_B alone then is refused (its root? another
        letter?). None where no such variance is defined."""
        simple = self.simple_script(*sub[1])
        key = variance_key(simple[0]) if simple is not None else None
        if key is not None and key in self.ctx.unread:
            raise ParseError(f"{key}: the display at line {self.ctx.unread[key]} defines it, and "
                             "could not be read, so what it means here is not known; fix that "
                             "display first", sub[0].pos)
        if key is None or key not in self.ctx.latex:
            return None
        if sup is None or not (sup[1][1] - sup[1][0] == 1 and self.t[sup[1][0]].kind == "num"
                               and self.t[sup[1][0]].text == "2"):
            raise ParseError(f"\\sigma_{simple[0]} with the variance \\sigma_{simple[0]}^2 defined: "
                             f"write \\sigma_{simple[0]}^2, or \\sqrt{{\\sigma_{simple[0]}^2}} for the "
                             "standard deviation", sub[0].pos)
        nxt = self.peek()
        if nxt is not None and nxt.kind == "open" and nxt.text == "(":
            raise ParseError(f"\\sigma_{simple[0]}^2(…) with the variance \\sigma_{simple[0]}^2 "
                             "defined: the variance times (…), or a function? Write "
                             f"\\sigma_{simple[0]}^2 \\cdot (…)", sub[0].pos)
        return self.mapped(self.ctx.latex[key], sub[0], key)[0]

    def primed_value(self, node: Defined) -> Node:
        """``u'`` where the document defines u = e^x: the derivative of u's value by the one
        variable it is written in; with none or several, the prime does not say which."""
        order, after = self.prime_order(self.i)  # type: ignore[misc]
        tok = self.t[self.i - 1]
        shown = self.src[tok.start:self.t[after - 1].end]
        body = node.body
        bound = bound_indices(body)
        names = sorted({n.id for n in walk(body) if isinstance(n, Name) and n.id not in bound
                        and n.id not in ("E", "pi") and self.ctx.kind(n.id) in (None, "symbol")
                        and n.id not in self.ctx.dims and n.id not in self.ctx.indices})
        nxt = self.t[after] if after < self.end else None
        through = next((n.name for n in walk(body) if isinstance(n, Defined) and any(
            isinstance(m, Name) and m.id not in ("E", "pi") for m in walk(n.body))), None)
        if through is not None and names:  # a = σ(z), z = 2x: a' by z (backprop) or by x?
            raise ParseError(f"{shown}: {node.name} is defined through {through}, itself written "
                             f"in {', '.join(names)}, so the prime may be the derivative by "
                             f"{through} or by {names[0]}; write \\frac{{d{node.name}}}"
                             f"{{d{through}}} or \\frac{{d{node.name}}}{{d{names[0]}}}", tok.pos)
        if len(names) != 1 or order > 4 or (nxt is not None and nxt.kind == "open"
                                             and nxt.text == "("):
            which = f"in {', '.join(names)}" if names else "in no variable"
            raise ParseError(f"{shown}: {node.name} is defined {which}, so the prime does not say "
                             "which variable it is the derivative by; write "
                             f"\\frac{{d{node.name}}}{{dx}}", tok.pos)
        self.i = after
        return self.diff_node(node, Name(names[0], tok.pos), order, tok)

    def primed_name(self, node: Name) -> Node:
        """``f'(x)`` with f a letter the file does not declare: the derivative of an arbitrary
        function f (the prime says f is a function); ``y'`` alone, or a prime on a declared
        value, says nothing that can be checked."""
        name = node.id
        kind = self.ctx.kind(name)
        order, after = self.prime_order(self.i)  # type: ignore[misc]
        marks = "'" * order
        shown = self.src[self.t[self.i - 1].start:self.t[after - 1].end]
        if kind is not None or name in ("E", "pi"):
            what = {"vector": "a declared vector", "matrix": "a declared matrix",
                    "symbol": "a declared symbol", "constant": "a constant"}.get(kind or "constant")
            raise ParseError(f"{shown}: {name} is {what}, not a function, so the prime has nothing "
                             f"to differentiate; write \\frac{{d}}{{dx}} … with the variable named",
                             node.pos)
        nxt = self.t[after] if after < self.end else None
        if nxt is None or nxt.kind != "open" or nxt.text != "(":
            raise ParseError(f"{shown}: a prime of what? {name}{marks} is not applied to anything; "
                             f"write {name}{marks}(x) for the derivative of a function {name} at x, or "
                             f"\\frac{{d{name}}}{{dx}} for the derivative of {name} by x", node.pos)
        tok = _Tok("letter", name, self.t[self.i - 1].start, self.t[self.i - 1].end, node.pos)
        return self.primed(name, name, tok)

    def simple_script(self, lo: int, hi: int) -> tuple[str, frozenset[str]] | None:
        """"ij", "12", "1_2", "alpha" for scripts made only of letters, digits, Greek and commas."""
        parts, atoms = [], set()
        k = lo
        while k < hi:
            tok = self.t[k]
            k += 1
            if tok.kind == "letter" or (tok.kind == "cmd" and tok.text in GREEK):
                marks, k = self.index_marks(k, hi)
                parts.append(tok.text + marks)
                atoms.add(tok.text + marks)
            elif tok.kind == "num" and tok.text.isdigit():
                parts.append(tok.text)
            elif tok.kind == "comma":
                parts.append("_")
            else:
                return None
        return ("".join(parts), frozenset(atoms)) if parts else None

    def script_atoms(self, lo: int, hi: int) -> int:
        """How many indices a plain script names: _{ij} and _{12} two, _{j'} and _{1} one."""
        count, k = 0, lo
        while k < hi:
            tok = self.t[k]
            k += 1
            if tok.kind == "letter" or (tok.kind == "cmd" and tok.text in GREEK):
                count += 1
                k = self.index_marks(k, hi)[1]
            elif tok.kind == "num":
                count += len(tok.text)
        return count

    def index_marks(self, k: int, hi: int) -> tuple[str, int]:
        """Primes and stars on an index (j', j'', j^*, j^{*}, j^\\prime, j* at the end of a
        script): part of the index's name. Returns the marks and the token after them."""
        marks = ""
        while k < hi:
            tok = self.t[k]
            if tok.kind == "prime":
                marks, k = marks + "'", k + 1
            elif tok.kind == "cmd" and tok.text == "prime":
                marks, k = marks + "'", k + 1
            elif tok.kind == "op" and tok.text == "*" and (
                    k + 1 == hi or self.t[k + 1].kind in ("comma", "rel")):
                marks, k = marks + "*", k + 1
            elif tok.kind == "sup" and k + 1 < hi:
                arg = self.t[k + 1]
                inner: list[_Tok] = [arg]
                end = k + 2
                if arg.kind == "open" and arg.text == "{":
                    inner, end = self.t[k + 2:self.match[k + 1]], self.match[k + 1] + 1
                star = [t.kind == "op" and t.text == "*" for t in inner]
                prime = [t.kind in ("prime",) or (t.kind == "cmd" and t.text == "prime") for t in inner]
                if inner and all(star):
                    marks += "*" * len(inner)
                elif inner and all(prime):
                    marks += "'" * len(inner)
                else:
                    break
                k = end
            else:
                break
        return marks, k

    def subscript(self, node: Node, ref: str | None, euler: bool, tok: _Tok,
                  rng: tuple[int, int]) -> tuple[Node, str | None]:
        lo, hi = rng
        ctx = self.ctx
        if isinstance(node, Defined) and (simple := self.simple_script(lo, hi)) is not None:
            for declared in (f"{node.name}_{simple[0]}", f"{node.name}_{{{simple[0]}}}"):
                if declared in ctx.latex:  # L and L_2 both mapped: L_2 is its own name
                    self.at_its_index(declared, simple, tok)
                    n, r, _ = self.mapped(ctx.latex[declared], tok, declared)
                    return n, r
        elif isinstance(node, Defined):  # h defined, and h_{t-1} mapped: that name
            written = re.sub(r"\s+", "", f"{node.name}_{{{self.show(lo, hi)}}}").lstrip("\\")
            mapped = next((k for k in ctx.latex
                           if re.sub(r"\s+", "", k).lstrip("\\") == written), None)
            if mapped is not None:
                n, r, _ = self.mapped(ctx.latex[mapped], tok, mapped)
                return n, r
        if ref is not None:
            written = re.sub(r"\s+", "", f"{ref}_{{{self.show(lo, hi)}}}")
            mapped = None if self.simple_script(lo, hi) else next(
                (k for k in ctx.latex if re.sub(r"\s+", "", k).lstrip("\\") == written), None)
            if mapped is not None:  # latex = { "h_{t-1}" = "h_prev" }: that name, as declared
                n, r, _ = self.mapped(ctx.latex[mapped], tok, mapped)
                return n, r
            entry = self.entry_of_named(ref, tok, lo, hi)
            if entry is not None:
                return entry, None
            simple = self.simple_script(lo, hi)
            if ref in ctx.recurrences and ctx.kind(ref) is None and not (
                    simple is not None and any(f"{ref}_{w}" in ctx.latex
                                               for w in (simple[0], f"{{{simple[0]}}}"))):
                # m_{t-1}, m_3, m_t of a sequence the document defines by a recurrence
                return Call("_seq", (Name(ref, node.pos), self.within(lo, hi, self.expr)),
                            node.pos), None
            if ref in ctx.families and simple is not None and self.script_atoms(lo, hi) == 1:
                # p_i, and p_j itself, where the document defined p_j: the member at that
                # index, read where it is written (so a Σ_j around it binds its j)
                (at,) = self.indices(lo, hi, 1, ref)
                return self.member(ref, at), None
            if simple is not None:
                for declared in (f"{ref}_{simple[0]}", f"\\{ref}_{simple[0]}",
                                 f"{ref}_{{{simple[0]}}}", f"\\{ref}_{{{simple[0]}}}"):
                    if declared in ctx.latex:
                        self.at_its_index(declared, simple, tok)
                        n, r, _ = self.mapped(ctx.latex[declared], tok, declared)
                        return n, r
                declared = f"{ref}_{simple[0]}"
                if ctx.kind(declared) in ("symbol", "vector", "matrix"):
                    return Name(declared, node.pos), declared
                joined = self.joined_name(ref, simple[0], tok)
                if joined is not None:
                    return Name(joined, node.pos), joined
            kind = None if euler or ref == "delta" else ctx.kind(ref)
            if kind == "vector":
                return Index(Name(ref, node.pos), self.indices(lo, hi, 1, ref), tok.pos), None
            if kind == "matrix":
                return Index(Name(ref, node.pos), self.indices(lo, hi, 2, ref), tok.pos), None
            if kind in ("function", "builtin", "constant"):
                raise ParseError(f"{ref} is a {kind} and cannot take a subscript", tok.pos)
            if simple is None:
                raise ParseError(f"{ref}_{{{self.show(lo, hi)}}}: {ref} is not a declared vector, so its "
                                 "subscript must be plain letters or digits; declare it under [context] "
                                 "vectors to index it", tok.pos)
            name = f"{ref}_{simple[0]}"
            self.not_another_member(ref, simple[0], tok)
            self.sub_atoms[name] = simple[1]
            return Name(name, node.pos), name
        if isinstance(node, Name) and node.id == "pi":  # \pi_a: a policy, not 3.14…
            raise ParseError("\\pi_…: \\pi is the number π here, which takes no subscript; for "
                             "a name of the page (a policy π_a) write another letter (p_a = …), "
                             "or map \\pi to a declared vector: latex = { \"\\\\pi\" = \"p\" }",
                             tok.pos)
        if isinstance(node, (Name, Num)):
            raise ParseError(f"{self.src[tok.start:tok.end]}: a subscript on a number or constant", tok.pos)
        if isinstance(node, Defined) and isinstance(node.body, Name) \
                and (kind := ctx.kind(node.body.id)) in ("vector", "matrix"):  # h = x: h_i
            return Index(node, self.indices(lo, hi, 1 if kind == "vector" else 2,
                                            node.body.id), tok.pos), None
        pair = hi - lo == 2 and all(t.kind == "letter" for t in self.t[lo:hi]) \
            and self.is_array(node)  # (XW)_{nj}, Y_{nj} with Y = XW: two indices, as X_{nj}
        return Index(node, self.indices(lo, hi, 2 if pair else None, None), tok.pos), None

    def not_another_member(self, ref: str, script: str, tok: _Tok) -> None:
        """``λ_1`` where the page defines ``λ_i = e^{β x_i}`` but that definition is not read as
        a family (β is not declared, so a member elsewhere could capture it): λ_1 would be a
        letter of its own, unrelated to λ_i. Refused, with what to declare."""
        if ref in self.ctx.families and len(script) > 1 and not script.isdigit():
            index = self.ctx.families[ref][0]  # ŷ_{jk} beside the family ŷ_j: two indices
            raise ParseError(f"{ref}_{script}: the page defines {ref}_{index} = … for every "
                             f"{index} (one index), so {ref}_{script} would be a letter of its "
                             "own: write one index (ŷ_k), or give the other quantity another "
                             "letter", tok.pos)
        if ref in self.ctx.families or (self.ctx.kind(ref) is not None and ref != "delta"):
            return  # (δ is Kronecker's with two indices: δ_i beside δ_j = … is checked below)
        for key in self.ctx.latex:  # (r_{nk} = … beside r_{n1}: as λ_i beside λ_1)
            m = re.fullmatch(r"\\?([A-Za-z]+)\s*_\s*\{?\s*([A-Za-z]+)\s*\}?", key)
            if not (m and m[1] == ref and m[2] != script and len(m[2]) == len(script)):
                continue
            shown = next((d for d in self.ctx.displayed  # as written: \hat{m}_t, not mhat_t
                          if self.ctx.latex.get(d) is self.ctx.latex[key]), None)
            if shown is None:
                continue
            member = f"{ref}_{script}"
            if len(script) > 1:
                raise ParseError(
                    f"{member}: the page defines {shown} = … at the indices {m[2]} only (a "
                    "definition at several indices is not read as one for every member), so "
                    f"{member} would be a letter of its own: define the member with one index "
                    "(γ_k = …), or write its expression out", tok.pos)
            if ref == "delta":  # (δ_i and δ_{ij}: a family of δ would be Kronecker's too)
                raise ParseError(
                    f"{member}: the page defines {shown} = … at the index {m[2]} only (δ with a "
                    f"subscript is one name, never a family: δ_{{ij}} is Kronecker's), so "
                    f"{member} would be a letter of its own: write its expression, or use "
                    "another letter for the family", tok.pos)
            if self.ctx.kind(m[2]) is not None:
                raise ParseError(
                    f"{member}: the page defines {shown} = … with {m[2]} declared, so {shown} is "
                    f"one name, not a definition for every index, and {member} would be a "
                    f"letter of its own: declare {m[2]} as a size (dims = {{ {m[2]} = \"positive "
                    f"integer\" }}) to read {shown} at every {m[2]}, or write the member's "
                    "expression out", tok.pos)
            raise ParseError(
                f"{member}: the page defines {shown} = … at the index {m[2]} only (it is read "
                f"as the definition of every {ref}_k where its right side uses {m[2]} and every "
                f"other name there is declared), so {member} would be a letter of its own: "
                f"declare the other names (symbols = {{ … }}), or write {shown}", tok.pos)

    def entry_of_named(self, ref: str, tok: _Tok, lo: int, hi: int) -> Node | None:
        """``z_{2,k}`` where z₂ is a vector the file declares or defines: its entry k (Ng's and
        many notes' way to index a layer's vector), not a new scalar "z_2_k", whose derivative
        would be 0. None where the script's first part does not name such a vector."""
        parts = self.split_commas(lo, hi)
        first = self.simple_script(*parts[0]) if len(parts) > 1 else None
        if first is None or "_" in first[0]:
            return None
        ctx, name = self.ctx, f"{ref}_{first[0]}"
        keys = [k for k in (name, f"\\{name}", f"{ref}_{{{first[0]}}}", f"\\{ref}_{{{first[0]}}}")
                if k in ctx.latex]
        target: Node | None = None
        if keys:
            target = self.mapped(ctx.latex[keys[0]], tok, keys[0])[0]
        elif ctx.kind(name) in ("vector", "matrix"):
            target = Name(name, tok.pos)
        elif ctx.kind(ref + first[0]) in ("vector", "matrix"):
            target = Name(ref + first[0], tok.pos)
        if target is None:
            return None
        whole = self.simple_script(lo, hi)
        if whole is not None and (ctx.kind(f"{ref}_{whole[0]}") is not None
                                  or f"{ref}_{whole[0]}" in ctx.latex):
            raise ParseError(f"{ref}_{{{self.show(lo, hi)}}} could be the name {ref}_{whole[0]} "
                             f"the file declares or an entry of {name}: rename one of them",
                             tok.pos)
        if ctx.kind(ref) in ("vector", "matrix"):
            raise ParseError(f"{ref}_{{{self.show(lo, hi)}}} could be an entry of the "
                             f"{ctx.kind(ref)} {ref} or of {name}: write ({name})_{{…}} for the "
                             "second, or rename one of them", tok.pos)
        if not self.is_array(target):
            raise ParseError(f"{ref}_{{{self.show(lo, hi)}}}: {name} is a number here, so it has "
                             "no entries to index", tok.pos)
        return Index(target, self.indices(parts[1][0], hi, None, name), tok.pos)

    def joined_name(self, ref: str, script: str, tok: _Tok) -> str | None:
        """``W_1`` for a declared ``W1`` (``b_{hh}`` for ``bhh``): the name without the
        underscore. Never a silent new scalar: where W is itself a declared vector or matrix
        (W_1 could be its entry), or W1 and W2 are declared but W_3 is written, an error."""
        ctx = self.ctx
        if "_" in script or not re.fullmatch(r"[A-Za-z0-9]+", script):
            return None
        joined = ref + script
        base = ctx.kind(ref) if ref != "delta" else None
        if ctx.kind(joined) in ("symbol", "vector", "matrix"):
            if base in ("vector", "matrix"):
                raise ParseError(f"{ref}_{{{script}}} could be an entry of the {base} {ref} or the "
                                 f"declared {ctx.kind(joined)} {joined}: rename one of them, or map "
                                 f"\"{ref}_{script}\" under [context] latex to the one meant", tok.pos)
            return joined
        if script.isdigit() and base is None and not self.defining:
            siblings = sorted(n for n in ctx.declared()
                              if n.startswith(ref) and n[len(ref):].isdigit()
                              and ctx.kind(n) in ("symbol", "vector", "matrix"))
            if siblings:
                raise ParseError(f"{ref}_{{{script}}} is not declared, but {', '.join(siblings)} "
                                 f"{'is' if len(siblings) == 1 else 'are'}: declare {joined} under "
                                 "[context], or use a declared name (never a new scalar of this "
                                 "name)", tok.pos)
        return None

    def indices(self, lo: int, hi: int, n: int | None, ref: str | None) -> tuple[Node, ...]:
        self.script += 1
        try:
            return self._indices(lo, hi, n, ref)
        finally:
            self.script -= 1

    def _indices(self, lo: int, hi: int, n: int | None, ref: str | None) -> tuple[Node, ...]:
        parts = self.split_commas(lo, hi)
        what = ref or "this"
        if len(parts) > 1:
            if n is not None and len(parts) != n:
                raise ParseError(f"{what} takes {n} ind{'ex' if n == 1 else 'ices'}, not {len(parts)}",
                                 self.t[lo].pos)
            return tuple(self.within(a, b, self.expr) for a, b in parts)
        toks = self.t[lo:hi]
        letters_only = len(toks) > 1 and all(t.kind == "letter" for t in toks)
        if n == 2:
            atoms: list[Node] = []
            k = lo
            while k < hi:
                t = self.t[k]
                k += 1
                if t.kind == "letter" or (t.kind == "cmd" and t.text in GREEK):
                    marks, k = self.index_marks(k, hi)  # W_{jj'}
                    atoms.append(Name(t.text + marks, t.pos))
                elif t.kind == "num" and t.text.isdigit():
                    atoms.extend(Num(Fraction(int(c)), t.pos) for c in t.text)
                else:
                    atoms = []
                    break
            if ref in self.ctx.matrices and any(s > 9 for s in self.ctx.matrices[ref].shape) \
                    and any(t.kind == "num" for t in toks):
                atoms = []
            if len(atoms) != 2:
                shown = ref if ref else "this"
                raise ParseError(f"{shown}_{{{self.show(lo, hi)}}}: two indices are needed; write "
                                 f"{shown}_{{i,j}}", self.t[lo].pos if lo < hi else self.here())
            return tuple(atoms)
        if letters_only:
            raise ParseError(f"{ref + '_' if ref else 'the subscript '}{{{self.show(lo, hi)}}}: one "
                             "index is expected; write _{i,j} for two indices or _{i+j} for a "
                             "sum", self.t[lo].pos)
        return (self.within(lo, hi, self.expr),)

    def is_transpose(self, lo: int, hi: int) -> bool:
        if hi - lo != 1:
            return False
        tok = self.t[lo]
        return ((tok.kind == "letter" and tok.text == "T")
                or (tok.kind == "cmd" and tok.text in ("top", "intercal"))
                or (tok.kind == "text" and tok.arg.strip() == "T"))

    def superscript(self, node: Node, ref: str | None, euler: bool, tok: _Tok,
                    rng: tuple[int, int]) -> Node:
        lo, hi = rng
        if self.is_transpose(lo, hi) and not (self.t[lo].kind == "letter"
                                              and self.ctx.kind("T") == "symbol"):
            if self.is_array(node):
                return Call("T", (node,), tok.pos)
            shown = self.show(lo, hi)
            letter = self.t[lo].kind == "letter"
            raise ParseError(f"^{shown} on something that is not a declared vector or matrix"
                             + (": T may be a transpose or an exponent" if letter else "")
                             + "; declare the vector or matrix under [context]"
                             + (" for a transpose, or T under symbols for a power" if letter
                                else ""), tok.pos)
        if euler:
            return Call("exp", (self.within(lo, hi, self.expr),), node.pos)
        label = self.layer_label(lo, hi)
        if label is not None and isinstance(node, Index):
            base = plain(node.target)
            raise ParseError(f"{self.src[tok.start:self.t[hi].end]} after an entry of {base}: write "
                             f"the label first, {base}^{marked(label)}_{{…}}, and map {base}^{marked(label)} "
                             "under [context] latex to a declared vector", tok.pos)
        if label is not None and ref is not None:
            sample = self.sample(ref, label, tok, lo, hi)
            if sample is not None:
                return sample
            return self.labelled(node, ref, label, tok)[0]
        return Bin("**", node, self.within(lo, hi, self.expr), tok.pos)

    def sample_label_next(self) -> bool:
        """A ``^{(i)}`` follows, under indices = "superscript": an example's index."""
        if not self.ctx.superscript_indices or self.i + 1 >= self.end \
                or self.t[self.i].kind != "sup":
            return False
        arg = self.t[self.i + 1]
        if arg.kind == "open" and arg.text == "{":
            return self.layer_label(self.i + 2, self.match[self.i + 1]) is not None \
                and self.t[self.i + 2].text == "("
        return arg.kind == "open" and arg.text == "("

    def feature_sample(self, ref: str, label: str, sub: tuple, lo: int, hi: int) -> Node:
        """``x_1^{(i)}`` under indices = "superscript": the example i of the feature x_1, the
        entry i of the declared vector x_1 (or x1, or what x_1 is mapped to); refused where no
        such vector is declared, never a scalar of its own."""
        slo, shi = sub[1]
        simple = self.simple_script(slo, shi)
        names = [] if simple is None else [f"{ref}_{simple[0]}", f"{ref}_{{{simple[0]}}}",
                                           ref + simple[0]]
        for name in names:
            target = self.ctx.latex.get(name)
            found = target.id if isinstance(target, Name) else name
            if self.ctx.kind(found) == "vector":
                return Index(Name(found, sub[0].pos), self.indices(lo + 1, hi - 1, 1, found),
                             sub[0].pos)
        shown = f"{ref}_{{{self.show(slo, shi)}}}"
        raise ParseError(f"{shown}^{marked(label)}: the example {label} of {shown}, with indices "
                         f"= \"superscript\": declare {shown.replace('{', '').replace('}', '')} "
                         "(or the name without its underscore) as a vector over the examples",
                         sub[0].pos)

    def sample(self, ref: str, label: str, tok: _Tok, lo: int, hi: int) -> Node | None:
        """``y^{(i)}`` under indices = "superscript" (Andrew Ng's notation for the i-th
        example): the entry i of the declared vector y, or the member at i of a family the page
        defines (a^{(i)} = …); a layer's label in brackets (a^{[l]}) stays a label. None where
        the declaration is not made, or y is neither."""
        if not self.ctx.superscript_indices or label.startswith("[") or label == "*":
            return None
        kind = self.ctx.kind(ref)
        if ref in self.ctx.families and kind is None:
            (at,) = self.indices(lo + 1, hi - 1, 1, ref)
            return self.member(ref, at)
        if kind == "vector":
            return Index(Name(ref, tok.pos), self.indices(lo + 1, hi - 1, 1, ref), tok.pos)
        if kind == "matrix":
            raise ParseError(f"{ref}^{marked(label)} of the matrix {ref}: with indices = "
                             "\"superscript\" a label in brackets is an example's index, and a "
                             "matrix takes two; declare the examples' values as vectors (one "
                             "per feature)", tok.pos)
        return None

    def label_then_more(self, lo: int, hi: int) -> None:
        """``a^{[2](i)}``, ``a^{(i)2}``: a label and more in one superscript (a layer's and an
        example's labels, or a power of the labelled name?): refused, never read as a power."""
        first = self.t[lo] if lo < hi else None
        if first is None or first.kind != "open" or first.text not in ("(", "["):
            return
        close = self.match[lo]
        if close < hi - 1 and self.layer_label(lo, close + 1) is not None:
            raise ParseError(f"^{{{self.show(lo, hi)}}}: a label in brackets with more after it "
                             "in one superscript (two labels, or a power of the labelled "
                             "name?); map the labelled name under [context] latex, or write "
                             "the power outside: (a^{(i)})^2", first.pos)

    def layer_label(self, lo: int, hi: int) -> str | None:
        """The label of ``^{(l)}``, ``^{(2)}``, ``^{(l+1)}``: a layer or sample, not a power;
        ``^*``, ``^{*}``, ``^\\ast``, ``^\\star``: a star (w^* the optimum, a name of its own)."""
        if hi - lo == 1 and self.t[lo].kind == "op" and self.t[lo].text in ("*", "star"):
            return "*"
        if hi - lo < 3 or self.t[lo].kind != "open" or self.t[lo].text not in ("(", "[") \
                or self.match[lo] != hi - 1:
            return None
        inner = self.t[lo + 1:hi - 1]
        if not inner or not all(t.kind in ("letter", "num") or (t.kind == "op" and t.text in "+-")
                                for t in inner):
            return None
        if inner[0].kind == "op" or inner[-1].kind == "op":
            return None
        text = "".join(t.text for t in inner)  # the tokens' text: x⁽²⁾ is x^{(2)}
        return f"[{text}]" if self.t[lo].text == "[" else text  # a^{[l]}: a layer (Ng's)

    def labelled(self, node: Node, ref: str, label: str, tok: _Tok) -> tuple[Node, str | None]:
        """``x^{(i)}``, ``\\delta^{(l)}``: a name of its own, x^(i), by convention (a sample or
        layer label, never a power); the [context] latex map may say what it is."""
        key = f"{ref}^{marked(label)}"
        keys = [key, "\\" + key, f"{ref}^({label})"]
        if label == "*":  # (w^*, w^{*}, w^\ast, w^\star: one name, however it was defined)
            keys += [f"{r}^{m}" for r in (ref, "\\" + ref)
                     for m in ("*", "{*}", "\\ast", "{\\ast}", "\\star", "{\\star}")]
        for cmd, suffix in DECORATIONS.items():  # \hat{y}^{(i)} mapped: yhat^(i) is it
            if suffix and ref.endswith(suffix) and len(ref) > len(suffix):
                base = ref[:-len(suffix)]
                keys += [f"\\{cmd}{{{b}}}^{marked(label)}" for b in (base, "\\" + base)]
        for k in keys:
            if k in self.ctx.latex:
                mapped, mref, _ = self.mapped(self.ctx.latex[k], tok, k)
                return mapped, mref
        if label == "*" and not self.defining:  # z z^* = |z|^2: z^* the conjugate (z, for a
            # real z) or a name of its own (the optimum)? Only a definition says which
            raise ParseError(f"{ref}^*: a name of its own (an optimum), or the conjugate of "
                             f"{ref}? Define it in a display before this line ({ref}^* = …), or "
                             f"map it under [context] latex (\"{ref}^*\" = \"{ref}_star\" with "
                             f"{ref}_star declared)", tok.pos)
        kind = self.ctx.kind(ref) if ref != "delta" else None
        if kind in ("vector", "matrix"):
            raise ParseError(f"{ref}^{marked(label)} names another {ref} (a layer or a sample), not the "
                             f"declared {kind} {ref} nor a power; map it under [context] latex, e.g. "
                             f"\"{key}\" = \"{ref}{label}\" with {ref}{label} declared", tok.pos)
        if kind in ("function", "builtin", "constant"):
            raise ParseError(f"{ref} is a {kind} and cannot take a label ^{marked(label)}", tok.pos)
        name = f"{ref}^{label}" if label.startswith("[") or label == "*" else f"{ref}^({label})"
        if ref in self.sub_atoms:  # x_j^{(i)}: still indexed by j
            self.sub_atoms[name] = self.sub_atoms[ref]
        return Name(name, node.pos), name

    # ---- decorations

    def decorated(self) -> _Prim:
        tok = self.t[self.i]
        self.i += 1
        lo, hi = self.arg(tok, "an argument")
        exact = "\\" + tok.text + "{" + "".join(self.show(lo, hi).split()) + "}"
        ctx = self.ctx
        if exact in ctx.latex:
            return self.mapped(ctx.latex[exact], tok, exact)
        nxt = self.peek()
        inside = "".join(self.show(lo, hi).split())
        if nxt is not None and nxt.kind == "sub" and re.fullmatch(r"[A-Za-z]", inside) \
                and ctx.kind(inside + DECORATIONS.get(tok.text, "")) is None:
            bold = next((k for c in ("mathbf", "boldsymbol", "bm")  # \hat{y}_k: the entry of
                         for k in (f"\\{tok.text}{{\\{c}{{{inside}}}}}",  # \hat{\mathbf{y}}
                                   f"\\{c}{{\\{tok.text}{{{inside}}}}}")
                         if k in ctx.displayed and k in ctx.latex), None)
            if bold is not None:
                return self.mapped(ctx.latex[bold], tok, bold)
        if hi - lo == 1 and self.t[lo].kind == "num" and self.t[lo].text == "1" and nxt is not None \
                and ((nxt.kind == "open" and nxt.text == "\\{")
                     or (nxt.kind in ("sub", "open") and self.holds_relation(self.i + 1))):
            return self.indicator(tok), None, False  # \mathbf{1}\{i = j\}
        inner = "".join(self.show(lo, hi).split())
        if tok.text in UNSIZED_DECORATIONS and inner in ("1", "I") and (
                inner == "1" or self.ctx.kind("I") is None):
            # \mathbf{1}, \mathbf{I}: the ones vector, the identity, of the size needed beside
            return Call("ones" if inner == "1" else "eye", (), tok.pos), None, False
        if tok.text in UNSIZED_DECORATIONS and inner == "0":  # \mathbf{0}: zero, in any shape
            return Num(Fraction(0), tok.pos), None, False
        base_latex, base_id, sub = self.within(lo, hi, self.decor_inner)
        simple = "\\" + tok.text + "{" + base_latex + "}"
        if simple != exact and simple in ctx.latex:
            node, ref, _ = self.mapped(ctx.latex[simple], tok, simple)
        else:
            node, ref, _ = self.resolve(base_id + DECORATIONS[tok.text], tok, plain=True)
        if sub is not None:
            lo, hi = sub[1]
            simple = self.simple_script(lo, hi)
            family = ctx.families.get(ref) if ref is not None else None
            if family is not None and simple is not None and self.script_atoms(lo, hi) == 1:
                # \hat{y_i} where the document defined \hat{y}_j: the member at this index,
                # read where it is written (a Σ_i around it binds its i)
                (at,) = self.indices(lo, hi, 1, None)
                return self.member(ref, at), None, False  # type: ignore[arg-type]
            for key in ((f"{exact}_{simple[0]}", f"{exact}_{{{simple[0]}}}") if simple else ()):
                if key in ctx.latex:  # \hat{m}_t defined (in the document or the context)
                    self.at_its_index(key, simple, sub[0])  # type: ignore[index]
                    mapped, mref, _ = self.mapped(ctx.latex[key], sub[0], key)
                    return mapped, mref, False
            node, ref = self.subscript(node, ref, False, *sub)
        return node, ref, False

    def decor_inner(self) -> tuple[str, str, tuple[_Tok, tuple[int, int]] | None]:
        tok = self.peek()
        if tok is None:
            raise ParseError("empty decoration: write \\hat{y}", self.here())
        if tok.kind == "letter":
            word = self.letter_run(self.i)
            if len(word) > 1 and not self.known_word(word):
                raise ParseError(f"a decoration holds one name, not {word!r}", tok.pos)
            self.i += len(word)
            base_latex = base_id = word
        elif tok.kind == "cmd" and tok.text in GREEK:
            self.i += 1
            base_latex, base_id = "\\" + tok.text, tok.text
        elif tok.kind == "cmd" and tok.text in DECORATIONS:
            self.i += 1
            lo, hi = self.arg(tok, "an argument")
            inner_latex, inner_id, inner_sub = self.within(lo, hi, self.decor_inner)
            if inner_sub is not None:
                raise ParseError("write the subscript outside the decorations", tok.pos)
            base_latex, base_id = inner_latex, inner_id + DECORATIONS[tok.text]
        elif tok.kind == "text" and _IDENT.fullmatch(tok.arg.strip()) and tok.arg.strip().isalpha():
            self.i += 1
            base_latex = base_id = tok.arg.strip()
        else:
            raise ParseError("a decoration such as \\hat{…} holds one name (y, \\theta, \\mathbf{x})",
                             tok.pos)
        sub = None
        if (s := self.peek()) is not None and s.kind == "sub":
            self.i += 1
            sub = (s, self.arg(s, "a subscript"))
        if self.i < self.end:
            raise ParseError("a decoration such as \\hat{…} holds one name (y, \\theta, \\mathbf{x})",
                             self.t[self.i].pos)
        return base_latex, base_id, sub


# --------------------------------------------------------------------------- chains

def _text_key(ctx: Context, font: str, content: str) -> str | None:
    """The ``[context] latex`` key that maps ``\\font{content}``, in that text font or any
    other (\\text{ReLU} serves \\mathrm{ReLU}); None where the file maps none."""
    for cmd in (font, *sorted(TEXT_COMMANDS - {font})):
        if (key := f"\\{cmd}{{{content}}}") in ctx.latex:
            return key
    return None


CONDITION_LINKS = frozenset({"if", "for", "when", "whenever", "where", "and", "with", "all"})


def parse_latex_expr(text: str, ctx: Context, defining: bool = False) -> Node:
    """Read one LaTeX expression (wrappers $…$ allowed; one =, <, >, \\le or \\ge gives a Compare).
    ``defining``: the left side of a definition, where h_1 beside a declared h0 is the new name
    being defined (elsewhere a name not declared beside its siblings is refused)."""
    text = prepared(text)
    with _recursion_room():
        toks = _tokenize(text)
        body: list[_Tok] = []
        for tok in toks:
            if tok.kind == "break":
                if tok.text == "\\\\":
                    raise ParseError("a line break in a single expression: use a chain for several lines",
                                     tok.pos)
                continue
            if tok.kind == "quad" or (tok.kind == "amp" and tok.depth == 0):
                continue
            body.append(tok)
        while body and body[-1].kind in ("comma", "period") and body[-1].depth == 0:
            body.pop()
        if not body:
            raise ParseError("empty LaTeX expression")
        parser = _Parser(body, text, ctx)
        parser.defining = defining
        return parser.parse_top()


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
