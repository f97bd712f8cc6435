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

from collections.abc import Callable

from checker.parse import conditional, divergence, ellipsis, latex_random
from checker.parse.context import Context
from checker.parse.latex_common import (
    CONDITION_LINKS,
    LETTERS,
    LatexStep,
    T,
    _vocabulary_case,
)
from checker.parse.latex_derivatives import _Derivatives
from checker.parse.latex_functions import _Functions
from checker.parse.latex_grammar import _Grammar
from checker.parse.latex_lexer import (
    _BARE_FUNCTIONS,
    _NOT_BARE,
    BINOM_COMMANDS,
    FRAC_COMMANDS,
    GREEK,
    MAX_DEPTH,
    MAX_DIGITS,
    MAX_TEXT,
    PRIMES,
    _link,
    _recursion_room,
    _Tok,
    _tokenize,
    prepared,
)
from checker.parse.latex_partials import _Partials
from checker.parse.latex_primary import _Primary
from checker.parse.latex_scripts import _Scripts
from checker.parse.latex_sums import _Sums
from checker.parse.tree import (
    Node,
    ParseError,
    Pos,
)

__all__ = ["CONDITION_LINKS", "LETTERS", "MAX_DEPTH", "MAX_DIGITS", "MAX_TEXT", "LatexStep",
           "parse_latex_expr"]


def _without_empty_groups(toks: list[_Tok]) -> tuple[list[_Tok], list[int] | None]:
    """An empty group ``{}`` that is no command's argument typesets nothing (``\\frac{…}{…}{}``,
    ``x{} + 1``): dropped. Kept where it may be one (``\\frac{a}{}``, ``\\sqrt{}``, ``x_{}``: the
    error stays) or where a script follows it (``{}^T``: a superscript of nothing). With the
    brackets' partners where nothing was dropped (None: to be linked)."""
    if not any(t.kind == "open" and t.text == "{" for t in toks):
        return toks, None
    try:
        match = _link(toks)
    except ParseError:
        return toks, None
    drop: set[int] = set()
    for k, tok in enumerate(toks[:-1]):
        if tok.kind != "open" or tok.text != "{" or match[k] != k + 1 or tok.arg == "left":
            continue
        if k + 2 < len(toks) and toks[k + 2].kind in ("sub", "sup", "prime"):
            continue
        j, groups = k - 1, 0
        while j >= 0 and toks[j].kind == "close" and toks[j].text == "}":
            j, groups = match[j] - 1, groups + 1
        before = toks[j] if j >= 0 else None
        if before is not None and before.kind in ("sub", "sup", "cmd"):
            takes = 2 if before.kind == "cmd" and before.text in FRAC_COMMANDS | BINOM_COMMANDS else 1
            if groups < takes:
                continue
        drop.update((k, k + 1))
    if not drop:
        return toks, match
    return [t for i, t in enumerate(toks) if i not in drop], None


class _Parser(_Grammar, _Primary, _Functions, _Derivatives, _Partials, _Sums, _Scripts):
    """The recursive-descent parser: its state and the helpers every part uses; the grammar
    itself is in the parts it inherits (one module each)."""

    def __init__(self, toks: list[_Tok], src: str, ctx: Context) -> None:
        toks, linked = _without_empty_groups(toks)
        match = linked if linked is not None else _link(toks)
        braced = latex_random.unbraced(toks, match)  # {\mathbb{E}_{X∼p}}[…]
        match = match if braced is toks else _link(braced)
        folded = divergence.fold(braced, src, ctx, match)  # KL(P \| Q): one name
        self.t = folded
        self.src = src
        self.ctx = ctx
        self.match = match if folded is braced else _link(folded)
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
        same = [t for t in self.t if t.depth == tok.depth]  # (a bar beside it: an event?)
        if ((k == "comma" and tok.text == "|") or (k == "rel" and tok.text == "=")) \
                and any(t.kind == "comma" and t.text == "|" for t in same):
            msg = conditional.refusal(same)
        elif k == "rel" and tok.text == "=":
            msg = ("'=' is only allowed between the steps of a chain, not inside brackets, "
                   "subscripts or fractions")
        elif k == "rel":
            msg = (f"{shown} is not supported here: a chain joins its lines with '=' or an "
                   "inequality, between whole expressions (not inside brackets); write "
                   "conditions in \\text{…} after \\quad")
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

    def split_commas(self, lo: int, hi: int, bars: bool = False) -> list[tuple[int, int]]:
        """The comma-separated parts of tokens lo…hi; a conditional bar (p(y | x)) separates
        them too where ``bars`` says the caller checks it (a function's arguments), and is
        refused anywhere else."""
        parts, a, k = [], lo, lo
        while k < hi:
            tok = self.t[k]
            if tok.kind == "open":
                k = self.match[k] + 1
                continue
            if tok.kind == "comma" and tok.text == "|" and not bars:
                raise ParseError(conditional.refusal(self.t[lo:hi]), tok.pos)
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
        # w^Tw with w a declared vector or matrix: w^{Tw} is no expression, so (w^T)w is TeX's
        # and the one reading
        transposed = owner.kind == "sup" and tok.kind == "letter" and tok.text == "T" \
            and base is not None and base.kind == "letter" \
            and self.ctx.kind(base.text) in ("vector", "matrix") \
            and "symbol" not in (self.ctx.kind("T"), self.ctx.kind(LETTERS["T"]))
        if tok.kind == "letter" and nxt is not None and nxt.kind == "letter" and nxt.glued \
                and not summed and not subscripted and not transposed:
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
