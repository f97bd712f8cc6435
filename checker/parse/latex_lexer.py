"""The LaTeX reader's vocabulary of commands and its lexer: source text to tokens.

:mod:`checker.parse.latex` parses the tokens (checker/parse/latex.py's grammar); this module
knows which commands exist, what each is read as, and where the text has groups, scripts,
environments, remarks and line breaks. Nothing here builds an expression.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from checker.parse import conditional, divergence, evaluation_bars, unicode_math
from checker.parse.context import SCALAR_FUNCTIONS, SHORT_NAMES, STRUCTURAL_FUNCTIONS
from checker.parse.tree import ParseError, Pos
from checker.vocabulary import LATEX_COMMANDS

MAX_TEXT = 20_000  # characters of LaTeX in one chain or expression
MAX_DEPTH = 100  # nesting of groups, fractions, scripts and operator arguments
MAX_DIGITS = 100  # digits in one number

# --------------------------------------------------------------------------- vocabulary

GREEK = frozenset({
    "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta",
    "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "varrho", "sigma", "tau", "upsilon",
    "phi", "varphi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma",
    "Upsilon", "Phi", "Psi", "Omega", "ell",
})
FUNCTION_COMMANDS = LATEX_COMMANDS  # \log, \tanh, \max … (checker/vocabulary.py)
FRAC_COMMANDS = frozenset({"frac", "dfrac", "tfrac", "cfrac"})
BINOM_COMMANDS = frozenset({"binom", "dbinom", "tbinom"})  # \binom{n}{k}, as {n \choose k}
DECORATIONS = {  # command → suffix of the default name (\hat{y} → yhat, \mathbf{x} → x)
    "hat": "hat", "widehat": "hat", "bar": "bar", "overline": "bar", "tilde": "tilde",
    "widetilde": "tilde", "vec": "", "mathbf": "", "boldsymbol": "", "bm": "",
    "mathcal": "cal", "mathscr": "scr",  # \mathcal{L}: a name of its own (Lcal), not L
}
OTHER_COMMANDS = frozenset({"sqrt", "sum", "prod", "partial", "top", "intercal", "prime", "nabla", "int",
                            "infty", "evalat", "choose"})  # (\evalat: an evaluation bar, see prepared)
UNSIZED_DECORATIONS = frozenset({"mathbf", "boldsymbol", "bm", "mathbb", "vec"})
OP_COMMANDS = {"cdot": "*", "times": "*", "ast": "*", "div": "/", "odot": "odot", "circ": "odot",
               "star": "star"}  # (\star: read only as a mark, w^\star; no operator)
REL_COMMANDS = {
    "le": "<=", "leq": "<=", "leqslant": "<=", "ge": ">=", "geq": ">=", "geqslant": ">=",
    "neq": "!=", "ne": "!=", "lt": "<", "gt": ">",
    **{name: name for name in (
        "approx", "equiv", "sim", "simeq", "cong", "propto", "to", "rightarrow", "Rightarrow",
        "longrightarrow", "Longrightarrow", "mapsto", "implies", "iff", "Leftrightarrow",
        "leftarrow", "gets", "Leftarrow", "Longleftarrow", "impliedby",
        "longleftarrow", "in", "notin", "subset", "subseteq", "ll", "gg", "coloneqq",
        "therefore", "Longleftrightarrow",
    )},
}
# between two equations: the next follows from (⇒) or is equivalent to (⇔) the one before
ARROWS = {"Rightarrow": "⇒", "implies": "⇒", "Longrightarrow": "⇒", "therefore": "⇒", "=>": "⇒",
          "iff": "⇔", "Leftrightarrow": "⇔", "Longleftrightarrow": "⇔"}
TEXT_COMMANDS = frozenset({
    "text", "textrm", "textit", "textbf", "textsf", "texttt", "textnormal", "mbox",
    "mathrm", "mathit", "mathsf", "mathtt", "operatorname",
})
NAME_TEXT_COMMANDS = frozenset({"mathrm", "mathit", "mathsf", "mathtt", "operatorname"})
DROPPED_COMMANDS = frozenset({  # spacing and style: no meaning
    "enspace", "thinspace", "medspace", "thickspace", "negthinspace", "negmedspace",
    "negthickspace", "displaystyle", "textstyle", "scriptstyle", "limits", "nolimits",
    "nonumber", "notag", "scriptscriptstyle",
    "tiny", "scriptsize", "footnotesize", "small", "normalsize", "large", "Large", "LARGE",
    "huge", "Huge",  # font size switches (MathJax sets them in math too)
    "qty", "boxed",  # physics' \qty(…) is (…); \boxed{…} frames its group
})
SIZE_COMMANDS = frozenset({
    "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr",
})
CASES_ENVIRONMENTS = frozenset({"cases", "dcases", "cases*", "dcases*"})
# a matrix written out: rows by \\, entries by &; read at its explicit size
MATRIX_ENVIRONMENTS = frozenset({"bmatrix", "pmatrix", "Bmatrix", "matrix", "smallmatrix",
                                 "bmatrix*", "pmatrix*", "psmallmatrix", "bsmallmatrix"})
_DETERMINANTS = frozenset({"vmatrix", "Vmatrix", "vmatrix*", "Vmatrix*", "vsmallmatrix",
                           "Vsmallmatrix"})
INDICATOR_FONTS = frozenset({"mathbb", "mathbbm", "mathds"})  # \mathbb{1}: the indicator
ENVIRONMENTS = frozenset({
    "aligned", "align", "align*", "split", "equation", "equation*", "gathered", "gather", "gather*",
    "multline", "multline*",
})
_ELLIPSIS = ("this ellipsis cannot be checked (only the … between the + signs of a sum, as in "
             "x_1 + x_2 + \\dots + x_n, and an entry \\vdots of its own in a column written "
             "out are read): write the expression out, or use \\sum_{j=1}^{n}")
# … in a sum: a "dots" token
DOTS = frozenset({"dots", "cdots", "ldots", "dotsb", "dotsc", "dotsm", "dotsi", "dotso"})
_NOT_VOCAB = "is not in the vocabulary"
UNSUPPORTED = {
    **{name: _ELLIPSIS for name in ("vdots", "ddots")},
    **{name: "only single integrals \\int_{a}^{b} … dx are supported" for name in ("iint", "iiint", "oint")},
    "lim": "limits are not supported",
    **{name: _NOT_VOCAB for name in (
        "sup", "inf", "cot", "sec", "csc", "arcsin",
        "arccos", "arctan", "circ", "otimes", "oplus",
    )},
    **{name: ("argmin and argmax are not decided (which value minimises is a claim about every "
              "other value); check the first-order condition instead: the derivative set to zero "
              "and solved, as in \\frac{d}{dw}\\left[(y - wx)^2\\right] = -2x(y - wx) = 0 "
              "\\implies w = \\frac{y}{x}")
       for name in ("amin", "amax", "arg")},  # (every way to write them: see _ARG_OPTIMUM)
    "mathbb": "sets such as \\mathbb{R} are not expressions; state them in the TOML context",
    "forall": "quantifiers are not expressions; write them in \\text{…} after \\quad",
    "exists": "quantifiers are not expressions; write them in \\text{…} after \\quad",
    **{name: "write \\left| x \\right| for an absolute value"
       for name in ("vert", "lvert", "rvert")},
    "mid": conditional.ELSEWHERE,
    "over": "write \\frac{a}{b}",
    "evalbarwhich": ("an evaluation bar |_{x = a} after several terms: at a for the whole side "
                     "before it, or for its last term only? Write \\left. … \\right|_{x = a} "
                     "around what it is for"),
    "hspace": "write \\quad or \\, for spacing (\\hspace{…} with a length in braces is one)",
    "evalbarpoints": ("an evaluation bar at several values is read where each value is a number "
                      "(\\right|_{x=1, y=0}); a value given by another letter (x = y) depends on "
                      "the order they are taken in: write numbers, or one bar for each"),
}
SUPPORTED_HELP = (
    "supported: \\frac \\dfrac \\tfrac \\partial \\sum \\prod \\sqrt "
    + " ".join(f"\\{c}" for c in LATEX_COMMANDS) +
    " \\sigma (sigmoid) \\delta_{ij} \\cdot \\times \\odot ^\\top \\left( \\right) "
    "\\operatorname{…} \\text{…} \\mathrm{…} \\hat \\bar \\tilde \\vec \\mathbf \\boldsymbol, "
    "Greek letters \\alpha … \\omega, spacing \\, \\; \\! \\quad \\qquad, "
    "\\begin{aligned}…\\end{aligned} and \\tag{…}, \\begin{cases}…\\end{cases}, \\mathbb{1}\\{…\\}, "
    "\\nabla_w, \\|w\\| \\lVert \\rVert, \\Rightarrow \\implies \\iff \\therefore, \\because"
)
PRIMES = ("a prime goes right after the name of a function of one variable, as in g'(z) or "
          "\\sigma'(u); for anything else write \\frac{d}{dx} …")

# vocabulary words that may be written bare (softmax(z)) or in \operatorname{…}
_NOT_BARE = frozenset({"Sum", "diff", "grad", "jacobian", "T", "Matrix", "delta"})
_BARE_FUNCTIONS = (SCALAR_FUNCTIONS | STRUCTURAL_FUNCTIONS) - _NOT_BARE
_HIDDEN = tuple(sorted((w for w in _BARE_FUNCTIONS if len(w) >= 3), key=lambda w: (-len(w), w)))
_NOT_BARE_HINT = {
    "Sum": "write \\sum_{j=1}^{n}", "diff": "write \\frac{d}{dx}",
    "grad": "write \\frac{\\partial}{\\partial x}",
    "jacobian": "write \\frac{\\partial}{\\partial x}", "T": "write x^\\top", "Matrix": "matrices are "
    "declared in the TOML context", "delta": "write \\delta_{ij}",
}
_COMPARE = {"=": "==", "<": "<", ">": ">", "<=": "<=", ">=": ">=", "!=": "!="}
_CLOSE_OF = {"(": ")", "[": "]", "{": "}", "\\{": "\\}", "|": "|", "cases": "cases", "\\|": "\\|",
             "\\langle": "\\rangle", "matrix": "matrix"}
NORM_BARS = {"|": "\\|", "Vert": "\\|"}  # \| and \Vert: a norm's bar, opening or closing
_IDENT = re.compile(r"[A-Za-z][A-Za-z0-9]*")


# --------------------------------------------------------------------------- lexer

@dataclass(slots=True)
class _Tok:
    # kind: num letter cmd text open close op rel sup sub prime amp comma period punct bang break quad dots
    # sep (a divergence's ‖) label (a divergence, folded by the parser)
    kind: str
    text: str  # digits, letter, command name, delimiter, operator, relation
    start: int  # offsets in the source
    end: int
    pos: Pos
    depth: int = 0  # enclosing groups (environments not counted)
    glued: bool = False  # a letter written right after another letter
    arg: str = ""  # \text content, environment name, "left" for \left/\right delimiters


_TOKEN = re.compile(
    r"(\s+)|(%[^\n]*)|\\([A-Za-z]+)|\\(.)|(\d+(?:\.\d+)?)|([A-Za-z])|(\$\$?)|(.)", re.S)
_LINE_END = re.compile(r"\s*(?:\\\\|\\end\b|\$|$)")
_CASES_ARRAY = re.compile(r"\s*\\begin\{array\}\s*\{[lcr|\s]*\}")
_RIGHT_DOT = re.compile(r"\s*\\right\s*\.")
_ALIGNMENT = re.compile(r"\s*(?:\[[lcr]\])?")  # \begin{bmatrix*}[r]
_BREAK_SPACE = re.compile(
    r"\s*(?:(\[\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)\s*(?:em|ex|pt|mm|cm|in|bp|pc|sp|dd|cc|mu)\s*\])|(\[))")
_DELIM = re.compile(r"\s*(\\\{|\\\}|\\lbrace|\\rbrace|\\langle|\\rangle|\\[A-Za-z]+|\\.|.)", re.S)


class _Lexer:
    def __init__(self, src: str) -> None:
        self.src = src
        self.starts = [0] + [m.end() for m in re.finditer("\n", src)]
        self.toks: list[_Tok] = []
        self.stack: list[tuple[str, str, _Tok]] = []  # ("group"|"env", delimiter|name, opener)
        self.depth = 0
        self.root_ends: set[int] = set()  # where the ) of a pasted √( … ) is

    def pos(self, offset: int) -> Pos:
        line = bisect_right(self.starts, offset)
        return Pos(line, offset - self.starts[line - 1] + 1)

    def fail(self, message: str, offset: int) -> ParseError:
        return ParseError(message, self.pos(offset))

    def joins_factors(self, start: int, end: int) -> bool:
        """A '.' written tight between two factors (σ.(1 - σ), x.\\frac{…}{…}), as plain-text
        math writes a product; with a space on either side it ends a sentence, and before a
        digit it is not read (x.5)."""
        before = self.src[start - 1] if start else " "
        after = self.src[end] if end < len(self.src) else " "
        last = self.toks[-1] if self.toks else None
        return last is not None and not before.isspace() and (
            last.kind in ("letter", "close", "num") or (last.kind == "cmd" and before.isalpha())
        ) and (after.isalpha() or after in "\\([{")

    def add(self, kind: str, text: str, start: int, end: int, arg: str = "") -> _Tok:
        tok = _Tok(kind, text, start, end, self.pos(start), self.depth, arg=arg)
        if kind == "letter":
            prev = self.toks[-1] if self.toks else None
            tok.glued = prev is not None and prev.kind == "letter" and prev.end == start
        self.toks.append(tok)
        return tok

    def open(self, delim: str, start: int, end: int, sized: bool, how: str = "") -> None:
        if self.depth >= MAX_DEPTH:
            raise self.fail(f"nested more than {MAX_DEPTH} levels deep", start)
        tok = self.add("open", delim, start, end, "left" if sized else how)
        self.stack.append(("group", delim, tok))
        self.depth += 1

    def close(self, delim: str, start: int, end: int, sized: bool, env: str = "") -> None:
        shown = f"\\end{{{env or delim}}}" if delim in ("cases", "matrix") else \
            ("\\right" if sized else "") + delim
        if not self.stack or self.stack[-1][0] != "group":
            if self.stack:
                raise self.fail(f"unbalanced {shown}: \\begin{{{self.stack[-1][1]}}} is still open", start)
            raise self.fail(f"unbalanced {shown}: nothing to close", start)
        _, opener, tok = self.stack.pop()
        if opener == "|" and tok.arg != "left" and delim != "|":
            raise self.fail(f"the bar | at {tok.pos} is read as an absolute value's, which is never "
                            f"closed before {shown}; {conditional.ELSEWHERE}", start)
        if _CLOSE_OF[opener] != delim or (tok.arg == "left") != sized:
            opened = f"\\begin{{{tok.arg or opener}}}" if opener in ("cases", "matrix") else \
                ("\\left" if tok.arg == "left" else "") + opener
            raise self.fail(f"unbalanced brackets: {shown} closes {opened} opened at {tok.pos}", start)
        self.depth -= 1
        self.add("close", delim, start, end, "left" if sized else "")

    def braced(self, at: int, what: str) -> tuple[str, int]:
        """The raw text of a {…} argument starting at or after ``at``; returns (content, end)."""
        j = at
        while j < len(self.src) and self.src[j].isspace():
            j += 1
        if j >= len(self.src) or self.src[j] != "{":
            raise self.fail(f"{what} needs an argument in braces {{…}}", at)
        level, k = 0, j
        while k < len(self.src):
            c = self.src[k]
            if c == "\\":
                k += 2
                continue
            if c == "{":
                level += 1
            elif c == "}":
                level -= 1
                if level == 0:
                    return self.src[j + 1:k], k + 1
            k += 1
        raise self.fail(f"unbalanced braces: the {{ of {what} is never closed", j)

    def delimiter(self, at: int, cmd: str) -> tuple[str, int]:
        m = _DELIM.match(self.src, at)
        if m is None:
            raise self.fail(f"\\{cmd} needs a delimiter such as ( or [", at)
        d = m.group(1)
        d = {"\\lbrace": "\\{", "\\rbrace": "\\}", "\\Vert": "\\|", "\\lVert": "\\|",
             "\\rVert": "\\|"}.get(d, d)
        if d == "\\\\":  # \right \\: the delimiter forgotten at the end of a row
            what = "closes" if cmd == "right" else "opens"
            raise self.fail(f"\\{cmd} is followed by the line break \\\\ with no delimiter: "
                            f"write \\{cmd}) or \\{cmd}] (the bracket it {what}), or \\{cmd}. "
                            "for none", at)
        if d not in ("(", ")", "[", "]", "\\{", "\\}", "|", "\\|", "\\langle", "\\rangle"):
            raise self.fail(f"\\{cmd}{d} is not supported: use ( ) [ ] \\{{ \\}} or | with "
                            "\\left/\\right", at)
        return d, m.end()

    def run(self) -> list[_Tok]:
        src, n, i = self.src, len(self.src), 0
        while i < n:
            m = _TOKEN.match(src, i)
            assert m is not None  # the last alternative matches any character
            ws, comment, cmd, sym, num, letter, dollars, other = m.groups()
            start, i = m.start(), m.end()
            if ws or comment:
                continue
            if num is not None:
                if len(num) > MAX_DIGITS:
                    raise self.fail(f"a number with {len(num)} digits; the limit is {MAX_DIGITS}", start)
                last = self.toks[-1] if self.toks else None
                if last is not None and last.kind == "cmd" and last.text in FRAC_COMMANDS \
                        and num.isdigit() and len(num) >= 2:
                    # \frac12 is TeX's \frac{1}{2}: each argument one token, one digit
                    self.add("num", num[0], start, start + 1)
                    self.add("num", num[1], start + 1, start + 2)
                    if len(num) > 2:
                        self.add("num", num[2:], start + 2, i)
                    continue
                self.add("num", num, start, i)
            elif letter is not None:
                self.add("letter", letter, start, i)
            elif cmd is not None:
                i = self.command(cmd, start, i)
            elif sym is not None:
                i = self.symbol(sym, start, i)
            elif dollars is not None:
                self.add("break", dollars, start, i)
            elif other == "=" and src.startswith(">", i):  # => : an implication
                self.add("rel", "=>", start, i + 1)
                i += 1
            elif other in unicode_math.SUPERSCRIPTS or other in unicode_math.SUBSCRIPTS:
                i = self.script_run(other, start)
            else:
                i = self.char(other, start, i)
        if self.stack:
            kind, what, tok = self.stack[-1]
            shown = f"\\begin{{{what}}}" if kind == "env" or what == "cases" else \
                f"\\begin{{{tok.arg}}}" if what == "matrix" else \
                ("\\left" if tok.arg else "") + what
            raise ParseError(f"unbalanced: {shown} is never closed", tok.pos)
        return self.toks

    def symbol(self, sym: str, start: int, end: int) -> int:
        if sym == "\\":
            self.add("row" if self.in_cases() else "break", "\\\\", start, end)
            return self.line_break_options(end)
        if sym in ",;:! >\n\t":
            pass  # thin spaces and control space
        elif sym == "{":
            self.open("\\{", start, end, False)
        elif sym == "}":
            self.close("\\}", start, end, False)
        elif sym in "[]()":
            self.add("break", "\\" + sym, start, end)
        elif sym in NORM_BARS:
            self.norm_bar(start, end)
        elif sym in UNSUPPORTED:
            self.add("bad", sym, start, end, f"\\{sym}: {UNSUPPORTED[sym]}")
        else:
            self.add("bad", sym, start, end, f"unknown LaTeX command \\{sym}; {SUPPORTED_HELP}")
        return end

    def norm_bar(self, start: int, end: int, bar: str = "\\|") -> None:
        """``\\|`` (or ``\\Vert``) closes the norm it is in, or else opens one. ‖a‖ b ‖c‖ could
        also be one norm around a·‖b‖·c: where that second reading parses, it is refused. A
        plain ``|`` is an absolute value's bar the same way (|a| b |c|, or |a|b|c|?), except
        right after an argument of a function, where it is a conditional bar (p(y | x))."""
        if self.stack and self.stack[-1][:2] == ("group", bar) and not self.stack[-1][2].arg:
            self.close(bar, start, end, False)
            return
        if bar == "|" and self.conditional_bar(end):
            self.add("comma", "|", start, end)  # p(y | x; w): see checker.parse.conditional
            return
        if bar == "\\|" and divergence.separates(self.src, start, end):
            self.add("sep", divergence.SEPARATOR, start, end)  # KL(P \| Q)
            return
        between = 0
        first = None  # the token right after the last closing bar
        for tok in reversed(self.toks):
            if tok.depth > self.depth:
                continue
            if tok.depth < self.depth or tok.kind in ("op", "rel", "comma", "amp", "break", "quad",
                                                      "period", "row"):
                between = 0
                break
            if tok.kind == "close" and tok.text == bar and not tok.arg:
                break
            between += 1
            first = tok
        else:
            between = 0
        if first is not None and first.kind in ("sup", "sub"):
            between = 0  # ‖u‖² ‖v‖: a norm around "^2 …" would start with its exponent: no reading
        if between and bar == "|":
            raise self.fail("|…| … |…| with only factors between the bars can also be read as one "
                            "absolute value around the middle: write \\left| … \\right| for each, "
                            "or put \\cdot between", start)
        if between:
            raise self.fail("‖…‖ … ‖…‖ with only factors between the norms can also be read as one "
                            "norm around the middle: write \\lVert … \\rVert (or \\left\\| … "
                            "\\right\\|) for each norm, or put \\cdot between", start)
        self.open(bar, start, end, False)

    def array_wrapper(self, cmd: str, after: int) -> bool:
        """``\\begin{array}{ll} … \\end{array}`` around a whole chain is an alignment, as
        ``aligned`` is; anywhere else an array is a matrix, which is refused."""
        if cmd == "begin":
            spec = re.match(r"\s*\{([lcr|\s]*)\}", self.src[after:])
            return spec is not None and not self.depth and not self.stack \
                and all(t.kind == "break" for t in self.toks)
        rest = self.src[after:].strip().rstrip(".,;").strip()
        return bool(self.stack) and self.stack[-1][:2] == ("env", "array") and \
            (not rest or rest in ("$$", "\\]", "$"))

    def in_cases(self) -> bool:
        """Within a cases or matrix group: a \\\\ ends a row of it."""
        return bool(self.stack) and self.stack[-1][0] == "group" \
            and self.stack[-1][1] in ("cases", "matrix")

    def line_break_options(self, at: int) -> int:
        """``\\\\*`` and ``\\\\[1.6em]``: a line break with extra spacing (no meaning). TeX reads
        a ``[`` after ``\\\\`` as that spacing, so a bracket that is not a length is refused
        rather than read as the start of the next line."""
        if self.src.startswith("*", at):
            at += 1
        m = _BREAK_SPACE.match(self.src, at)
        if m is None:
            return at
        if m.group(1) is None:
            raise self.fail("TeX reads '[' right after \\\\ as extra line spacing such as "
                            "\\\\[1.6em], not as a bracket; put &= or an operator before the "
                            "bracket that starts the next line", m.start(2))
        return m.end()

    def script_run(self, c: str, start: int) -> int:
        """x², x⁻¹, W₁, ŷᵢ: a run of Unicode super- or subscripts as ^{…} or _{…}."""
        sup = c in unicode_math.SUPERSCRIPTS
        table = unicode_math.SUPERSCRIPTS if sup else unicode_math.SUBSCRIPTS
        end = unicode_math.run_of(self.src, start, table)
        self.add("sup" if sup else "sub", "^" if sup else "_", start, start + 1)
        self.open("{", start, start + 1, False)
        k = start
        while k < end:
            c = table[self.src[k]]
            if c.isdigit():
                digits = unicode_math.run_of(self.src, k, {d: d for d in table if table[d].isdigit()})
                if digits - k > MAX_DIGITS:
                    raise self.fail(f"a number with {digits - k} digits; the limit is {MAX_DIGITS}", k)
                self.add("num", "".join(table[d] for d in self.src[k:digits]), k, digits)
                k = digits
                continue
            if c.isalpha():
                self.add("letter", c, k, k + 1)
            else:
                self.char(c, k, k + 1)
            k += 1
        self.close("}", end - 1, end, False)
        return end

    def unicode(self, c: str, start: int, end: int) -> int | None:
        """A Unicode character with one reading (σ, ∂, ·, −, ’, ŷ) read as that LaTeX; None for
        any other character."""
        if c in unicode_math.CHARACTERS:
            return self.char(unicode_math.CHARACTERS[c], start, end)
        if c in unicode_math.FRACTIONS:  # ½: (1/2), one number
            top, bottom = unicode_math.FRACTIONS[c]
            self.open("(", start, end, False)
            self.add("num", top, start, end)
            self.add("op", "/", start, end)
            self.add("num", bottom, start, end)
            self.close(")", start, end, False)
            return end
        if c == unicode_math.DOUBLE_PRIME:
            self.add("prime", "'", start, end)
            self.add("prime", "'", start, end)
            return end
        if c == "√":
            return self.root(start, end)
        if c in unicode_math.COMMANDS:
            return self.command(unicode_math.COMMANDS[c], start, end)
        if c in unicode_math.MARKS:
            prev = self.toks[-1] if self.toks else None
            if prev is None or prev.kind != "letter" or prev.end != start:
                raise self.fail(f"the mark {c!r} is not over a letter: write \\hat{{x}} or "
                                "\\bar{x}", start)
            self.toks.pop()
            self.mark(unicode_math.MARKS[c], prev.text, prev.start, end)
            return end
        marked = unicode_math.decomposed(c)
        if marked is not None:
            self.mark(marked[1], marked[0], start, end)
            return end
        return None

    def root(self, start: int, end: int) -> int:
        """A pasted √ has no bar to show what it covers: √( … ) covers the brackets, √2 or √x
        (with nothing glued after: √x + 1 spaced, not √x+1, which may be √(x+1), nor √x y) the
        one number or letter; anything else is refused."""
        if self.src.startswith("(", end):
            depth = 0
            for k in range(end, len(self.src)):
                depth += {"(": 1, ")": -1}.get(self.src[k], 0)
                if depth == 0:
                    self.add("cmd", "sqrt", start, end)
                    self.open("{", end, end + 1, False)
                    self.root_ends.add(k)
                    return end + 1
            raise self.fail("√( is never closed", start)
        atom = re.match(r"\d+|[A-Za-z]", self.src[end:])
        rest = self.src[end + len(atom.group(0)):] if atom else ""
        after = rest[:1]
        glued = re.match(r"[-+*/·−×]\s*[\w(\\]|\s+(?:[A-Za-z0-9(]|\\(?![,;:! ]|q?quad|cdot|"
                         r"times|le|ge|neq|right|end|text))", rest)  # √x+1, √x y: √(x+1)?
        if atom is None or after.isalnum() or after in unicode_math.SUPERSCRIPTS \
                or after in unicode_math.SUBSCRIPTS or (after and after in "(_^{['’′") \
                or (glued is not None and not rest[:1].isspace()) \
                or (glued is not None and rest[:1].isspace() and atom.group(0).isalpha()
                    and not re.match(r"\s+[-+*/·−×=<>]", rest)):  # (√2 x: √2 times x)
            raise self.fail("√ without brackets: a pasted √ shows no bar, so what it covers is "
                            "not clear; write √(…) or \\sqrt{…}", start)
        return self.command("sqrt", start, end)

    def mark(self, decoration: str, letter: str, start: int, end: int) -> None:
        self.add("cmd", decoration, start, end)
        self.open("{", start, end, False)
        self.add("letter", letter, start, end)
        self.close("}", start, end, False)

    def char(self, c: str, start: int, end: int) -> int:
        if not c.isascii():
            read = self.unicode(c, start, end)
            if read is not None:
                return read
        if c == ")" and start in self.root_ends:  # the end of √( … )
            self.close("}", start, end, False)
        elif c in "([{":
            self.open(c, start, end, False)
        elif c in ")]}":
            self.close(c, start, end, False)
        elif c in "+-*/":
            self.add("op", c, start, end)
        elif c in "=<>":
            self.add("rel", c, start, end)
        elif c == "^":
            self.add("sup", c, start, end)
        elif c == "_":
            self.add("sub", c, start, end)
        elif c == "'":
            self.add("prime", c, start, end)
        elif c == "&":
            self.add("amp", c, start, end)
        elif c == "," or (c == ";" and self.in_call()):
            self.add("comma", ",", start, end)  # J(\theta; X, y): a function's arguments
        elif c in "…⋯" or (c == "." and self.src.startswith("...", start)):
            self.add("dots", c, start, end if c != "." else start + 3)  # x_1 + ... + x_n
            return end if c != "." else start + 3
        elif c == "." and self.joins_factors(start, end):
            self.add("op", "*", start, end)  # σ.(1 - σ), \sigma.\frac{…}{…}: a product
        elif c == "." or (c in ":;" and _LINE_END.match(self.src, end)):
            self.add("period", c, start, end)  # "\tanh x :" ends the line as a period would
        elif c == ":" and re.match(r"\s*=", self.src[end:end + 40]):
            pass  # \tanh x := … where no new name is defined: the '=' of a claim (checked)
        elif c == "~":
            pass
        elif c == "|" and self.src.startswith("|", end) and divergence.separates(self.src, start, end + 1):
            self.add("sep", divergence.SEPARATOR, start, end + 1)  # KL(P || Q)
            return end + 1
        elif c == "|":
            self.norm_bar(start, end, "|")
        elif c == "!":
            self.add("bang", c, start, end)  # n!: a factorial (\! is a space, read above)
        elif c.isascii() and c.isprintable():
            self.add("punct", c, start, end)
        elif c == "\ufffd":  # (what a control character or a byte not UTF-8 is read as)
            raise self.fail("a control character (a NUL byte, a vertical tab …) or a byte that "
                            "is not UTF-8 stands here (shown as U+FFFD): delete it", start)
        else:
            raise self.fail(f"character {c!r} is not supported: write it as a LaTeX command "
                            "(σ → \\sigma, ∂ → \\partial, · → \\cdot)", start)
        return end

    def conditional_bar(self, end: int | None = None) -> bool:
        """Whether a bar here separates a function's arguments, as in p(y \\mid x) or p(y | x):
        it stands in the brackets of a call, right after an operand (an absolute value's
        opening bar stands where an operand begins: p(|x|)), and a plain bar (``end``: where it
        ends) is the only one left in those brackets (σ(w|x|): an absolute value)."""
        if not self.in_call():
            return False
        if end is not None and self._bars_before_close(end):
            return False
        last = self.toks[-1] if self.toks else None
        return last is not None and last.depth == self.depth and (
            last.kind in ("letter", "num", "prime")
            or (last.kind == "close" and last.text not in ("|", "\\|"))  # (|x| |y|: a product)
            or (last.kind == "cmd" and last.text in GREEK))

    def in_call(self) -> bool:
        """Whether the innermost open group is the ( … ) of a function's arguments."""
        return bool(self.stack) and self.stack[-1][:2] == ("group", "(") \
            and self.called(self.stack[-1][2])

    def _bars_before_close(self, k: int) -> bool:
        """Whether another plain bar stands before the bracket that closes the group at k."""
        depth = 0
        while k < len(self.src):
            c = self.src[k]
            if c == "\\":
                k += 2
                continue
            if c in "([{":
                depth += 1
            elif c in ")]}":
                if depth == 0:
                    return False
                depth -= 1
            elif c == "|" and depth == 0:
                return True
            k += 1
        return False

    def called(self, opener: _Tok) -> bool:
        """Whether the bracket ``opener`` holds a function's arguments: right after a name (a
        letter, a command, a font word or a script), as in J(\\theta; X, y), the Deep Learning
        book's parameters; data (``;`` elsewhere is no separator derivcheck reads)."""
        k = next((n for n in range(len(self.toks) - 1, -1, -1) if self.toks[n] is opener), None)
        if k is None or k == 0:
            return False
        before = self.toks[k - 1]
        return before.kind in ("letter", "cmd", "text") or (before.kind == "close"
                                                            and before.text == "}")

    def command(self, cmd: str, start: int, end: int) -> int:
        if cmd in GREEK or cmd in FUNCTION_COMMANDS or cmd in FRAC_COMMANDS or cmd in DECORATIONS \
                or cmd in OTHER_COMMANDS or cmd in BINOM_COMMANDS:
            self.add("cmd", cmd, start, end)
        elif cmd in OP_COMMANDS:
            self.add("op", OP_COMMANDS[cmd], start, end)
        elif cmd in REL_COMMANDS:
            self.add("rel", REL_COMMANDS[cmd], start, end)
        elif cmd in ("mid", "vert") and self.conditional_bar():
            self.add("comma", "|", start, end)  # p(y \mid x; w): see checker.parse.conditional
        elif cmd == "middle" and (bar := re.match(r"\s*(?:\||\\vert(?![A-Za-z]))", self.src[end:])) \
                and self.conditional_bar():  # p\left(y \middle| x\right): a sized one
            self.add("comma", "|", start, end + bar.end())
            return end + bar.end()
        elif cmd in ("quad", "qquad"):
            self.add("quad", cmd, start, end)
        elif cmd == "hspace" and self.src.startswith("{", end + (self.src[end:end + 1] == "*")):
            _, after = self.braced(end + (self.src[end:end + 1] == "*"), "\\hspace")
            self.add("quad", cmd, start, after)  # \hspace{5cm}: a wide space, as \quad
            return after
        elif cmd in DROPPED_COMMANDS:
            pass
        elif cmd in TEXT_COMMANDS:
            if cmd == "operatorname" and self.src.startswith("*", end):
                end += 1
            content, after = self.braced(end, f"\\{cmd}")
            if cmd in NAME_TEXT_COMMANDS or content.replace("\\_", "_").lower() in SHORT_NAMES:
                content = content.replace("\\_", "_")  # \operatorname{leaky\_relu}: TeX's
                # escaped _ (and \mbox{log\_sum\_exp}, Stan's name of logsumexp)
            if content.strip() or cmd == "operatorname":  # \mbox{ }: a space, no meaning
                self.add("text", cmd, start, after, content)
            return after
        elif cmd in DOTS:
            self.add("dots", cmd, start, end)
        elif cmd == "because":  # ∵ …: a justification
            self.add("text", "text", start, end, "because")
        elif cmd in ("color", "textcolor"):  # \color{red} x, \textcolor{red}{x}: colour only
            return self.braced(end, f"\\{cmd}")[1]
        elif cmd in ("tag", "label"):
            if cmd == "tag" and self.src.startswith("*", end):
                end += 1
            content, after = self.braced(end, f"\\{cmd}")
            if cmd == "tag" and _TAG_CONDITION.search(content):  # \tag{$x > 0$}: a condition
                self.add("bad", cmd, start, after, (  # printed beside the line, never dropped
                    f"\\tag{{{content.strip()}}} states a condition beside the line, which is "
                    "not read as its hypothesis: write it after \\quad (\\quad (x > 0)), and "
                    "keep the tag a label"))
            return after
        elif cmd in ("newline", "cr"):
            self.add("row" if self.in_cases() else "break", "\\\\", start, end)
        elif cmd in INDICATOR_FONTS:
            content, after = self.braced(end, f"\\{cmd}")
            if cmd == "mathbb" and content.strip() in ("E", "V"):  # read where random is declared
                self.add("cmd", "expect" if content.strip() == "E" else "variance", start, after)
                return after
            if content.strip() not in ("1", "I"):  # refused where it is read: a row of its own
                why = ("an expectation: random variables, expectations and variances are not in "
                       "the vocabulary") if content.strip() in ("E", "D", "V") else \
                    UNSUPPORTED["mathbb"] if cmd == "mathbb" else \
                    "only \\mathbb{1}, the indicator, is understood"
                self.add("bad", cmd, start, after, f"\\{cmd}{{{content}}}: {why}")
                return after
            self.add("cmd", "indicator", start, after)
            return after
        elif cmd in ("begin", "end"):
            name, after = self.braced(end, f"\\{cmd}")
            name = name.strip()
            if name in CASES_ENVIRONMENTS:  # a definition by cases: a group of rows
                (self.open if cmd == "begin" else self.close)("cases", start, after, False)
                return after
            if name in MATRIX_ENVIRONMENTS:  # a matrix written out: a group of rows
                if cmd == "begin":
                    self.open("matrix", start, after, False, name)
                    if name.endswith("*"):  # \begin{bmatrix*}[r]: the columns' alignment
                        after = _ALIGNMENT.match(self.src, after).end()
                else:
                    self.close("matrix", start, after, False, name)
                return after
            if name in _DETERMINANTS:
                raise self.fail(f"\\begin{{{name}}}: a determinant (or a norm) of a matrix "
                                "written out is not read; write it out (ad - bc), or use "
                                "\\begin{bmatrix} for the matrix itself", start)
            if name == "array" and cmd == "end" and self.stack \
                    and self.stack[-1][:2] == ("group", "cases") and self.stack[-1][2].arg == "array":
                right = _RIGHT_DOT.match(self.src, after)
                if right is None:
                    raise self.fail("\\left\\{ \\begin{array} … \\end{array} must end with "
                                    "\\right. (the cases of a definition)", start)
                self.close("cases", start, right.end(), False)
                return right.end()
            if name == "array" and cmd == "begin" and self.toks and self.toks[-1].kind == "open" \
                    and self.toks[-1].text in ("(", "[") and not self.array_wrapper(cmd, after):
                # \left[ \begin{array}{cc} a & b \\ c & d \end{array} \right]: a matrix
                self.open("matrix", start, self.braced(after, "\\begin{array}")[1], False, name)
                return self.braced(after, "\\begin{array}")[1]
            if name == "array" and cmd == "end" and self.stack \
                    and self.stack[-1][:2] == ("group", "matrix"):
                self.close("matrix", start, after, False, name)
                return after
            if name == "array" and self.array_wrapper(cmd, after):
                if cmd == "begin":  # {ll}: the columns, as in aligned
                    after = self.braced(after, "\\begin{array}")[1]
            elif name == "array":
                raise self.fail("\\begin{array}: an array that does not surround the whole chain "
                                "is a matrix without its brackets, which is not read; write "
                                "\\begin{bmatrix} … \\end{bmatrix} (or \\left[ \\begin{array} "
                                "… \\end{array} \\right]) for a matrix written out", start)
            elif name not in ENVIRONMENTS:
                raise self.fail(f"\\{cmd}{{{name}}} is not supported: only the wrappers "
                                f"{', '.join(sorted(ENVIRONMENTS))} may surround a chain", start)
            tok = self.add("break", cmd, start, after, name)
            if cmd == "begin":
                self.stack.append(("env", name, tok))
            elif not self.stack or self.stack[-1][0] != "env" or self.stack[-1][1] != name:
                opened = self.stack[-1] if self.stack else None
                what = ("nothing is open" if opened is None else
                        f"\\begin{{{opened[1]}}} is open" if opened[0] == "env" else
                        f"{opened[1]} opened at {opened[2].pos} is still open")
                raise self.fail(f"unbalanced \\end{{{name}}}: {what}", start)
            else:
                self.stack.pop()
            return after
        elif cmd in ("left", "right") or cmd in SIZE_COMMANDS:
            d, after = self.delimiter(end, cmd)
            rows = _CASES_ARRAY.match(self.src, after) if cmd == "left" and d == "\\{" else None
            if rows is not None:  # \left\{ \begin{array}{ll} … \end{array} \right.: cases
                self.open("cases", start, rows.end(), False, "array")
                return rows.end()
            if cmd == "left" or (cmd != "right" and d in ("(", "[", "\\{")):
                if d in (")", "]", "\\}"):
                    raise self.fail(f"\\{cmd}{d}: an opening delimiter was expected", start)
                self.open(d, start, after, cmd == "left")
            else:
                if d in ("(", "[", "\\{"):
                    raise self.fail(f"\\{cmd}{d}: a closing delimiter was expected", start)
                if d == "|" and cmd != "right" and self.src[after:].lstrip().startswith("_"):
                    raise self.fail(f"\\{cmd}|_…: an evaluation bar is read as F \\Big|_{{x = a}} "
                                    "(one variable, one value); between two points, F|_{a}^{b}, "
                                    "write F(b) - F(a)", start)
                if d == "|" and cmd != "right":
                    raise self.fail(f"\\{cmd}|: write \\left| x \\right| for an absolute value", start)
                if d == "\\|" and cmd != "right":
                    raise self.fail(f"\\{cmd}\\|: write \\left\\| x \\right\\| or \\lVert x \\rVert for "
                                    "a norm", start)
                self.close(d, start, after, cmd == "right")
            return after
        elif cmd in NORM_BARS:
            self.norm_bar(start, end)
        elif cmd == "parallel" and divergence.separates(self.src, start, end):
            self.add("sep", divergence.SEPARATOR, start, end)  # KL(p \parallel q)
        elif cmd in ("langle", "rangle"):  # ⟨u, v⟩: an inner product
            (self.open if cmd == "langle" else self.close)(f"\\{cmd}", start, end, False)
        elif cmd == "lVert":
            self.open("\\|", start, end, False, "lVert")
        elif cmd == "rVert":
            self.close("\\|", start, end, False)
        elif cmd in ("lbrace", "rbrace"):
            (self.open if cmd == "lbrace" else self.close)(
                "\\{" if cmd == "lbrace" else "\\}", start, end, False)
        elif cmd in ("det", "tr"):  # \det A: as \operatorname{det} (the determinant, trace)
            self.add("text", "operatorname", start, end, cmd)
        elif cmd in ("vdots", "ddots") and self.stack and self.stack[-1][:2] == ("group", "matrix"):
            self.add("dots", cmd, start, end)  # entries left out of a matrix written out
        elif cmd in UNSUPPORTED:
            own = cmd.startswith(("evalbar", "amin", "amax", "arg"))  # (their message whole)
            self.add("bad", cmd, start, end, UNSUPPORTED[cmd] if own
                     else f"\\{cmd}: {UNSUPPORTED[cmd]}")
        else:
            self.add("bad", cmd, start, end, f"unknown LaTeX command \\{cmd}; {SUPPORTED_HELP}")
        return end


_OVER = re.compile(r"\\over(?![A-Za-z])")


BRACE = re.compile(r"\\(?:under|over)brace\s*\{")  # \underbrace{X}_{L}, \overbrace{X}^{L}



def close_of(text: str, k: int) -> int:
    """The index of the '}' closing the '{' at k, or -1."""
    depth = 0
    for j in range(k, len(text)):
        if text[j] == "{" and text[j - 1] != "\\":
            depth += 1
        elif text[j] == "}" and text[j - 1] != "\\":
            depth -= 1
            if depth == 0:
                return j
    return -1


def prepared(text: str) -> str:
    """A display with what only presents it taken away: a \\boxed{…} around whole equations,
    brace labels (:func:`_without_brace_labels`) and TeX's \\over (:func:`_plain_fractions`);
    argmin and argmax, however written, as one command (refused with what to write)."""
    return _arg_optima(evaluation_bars.prepared(_plain_fractions(_without_brace_labels(unboxed(
        without_layout(_double_bars(_without_empty_scripts(text))))))))


def _double_bars(text: str) -> str:
    """``\\left|\\left| x \\right|\\right|``: a norm written with two bars each side (read as
    the absolute value of an absolute value, ‖W‖ of a matrix was a number's)."""
    text = re.sub(r"\\left\s*\|\s*\\left\s*\|", r"\\left\\|", text)
    return re.sub(r"\\right\s*\|\s*\\right\s*\|", r"\\right\\|", text)


# argmin / argmax as pages write them: \arg\min, \argmin, \operatorname*{arg\,min},
# \mathrm{argmax}, \mathop{\mathrm{argmin}}, or letters (argmax_{\beta})
_ARG = r"arg\s*(?:\\[,;:!]\s*|\\ \s*|~\s*)?(min|max)"
_ARG_WORD = (r"(?:\\arg(?![A-Za-z])|\\(?:text[a-z]*|math[a-z]+|operatorname\*?)\s*\{\s*arg\s*\}"
             r"|(?<![A-Za-z\\])arg)")  # arg, \arg, \mathrm{arg}, \operatorname{arg} …
_ARG_GAP = r"(?:\s|\\[,;:!]|\\ |~)*"
_ARG_OPTIMUM = re.compile(
    rf"{_ARG_WORD}{_ARG_GAP}(?:\\(min|max)(?![A-Za-z])|\\operatorname\s*\{{\s*(min|max)\s*\}}"
    rf"|(min|max)(?![A-Za-z]))"
    rf"|\\(arg(?:min|max))(?![A-Za-z])"
    rf"|\\mathop\s*\{{\s*\\(?:mathrm|operatorname|text)\s*\{{\s*{_ARG}\s*\}}\s*\}}"
    rf"|\\(?:operatorname\*?|mathrm|mathop|text|textrm|mathit)\s*\{{\s*{_ARG}\s*\}}")


def _arg_optima(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        which = next(g for g in m.groups() if g)[-3:]
        return ("\\a" + which).ljust(len(m.group(0)))  # (positions stay)
    return _ARG_OPTIMUM.sub(one, text)


# {} beside a relation, which only spaces it as a binary one: "(x+1)^2 = {} & x^2 …",
# "{} &= x": blanked, so that positions stay where they were written
_EMPTY_GROUP = re.compile(r"(?<=[=<>&])(\s*)\{\s*\}|(?<![\\_^}A-Za-z0-9])\{\s*\}(?=\s*(?:&|=|<|>|\\[lg]eq?"
                          r"(?![A-Za-z])|[-+]|$))", re.M)


def without_layout(text: str) -> str:
    """The text with each {} that only spaces a relation or a sign blanked, and a subscript
    label in a font written plain (h_{\\text{new}} as h_{new}); positions kept."""
    return _plain_script_labels(_without_empty_groups(text))


# h_{\text{new}}, W_{\mathrm{out}}: a label in a text font, the same name as h_{new}
_TEXT_SCRIPT = re.compile(r"_\{\s*\\(?:text|mathrm|textrm|textit|mathit|textsf|mathsf|operatorname)"
                          r"\s*\{\s*([A-Za-z][A-Za-z0-9]+)\s*\}\s*\}")  # (a word: h_{\text{i}}
# may be an index written upright, left as written)


def _plain_script_labels(text: str) -> str:
    return _TEXT_SCRIPT.sub(lambda m: ("_{" + m.group(1) + "}").ljust(len(m.group(0))), text)


def _without_empty_groups(text: str) -> str:
    return _EMPTY_GROUP.sub(lambda m: " " * len(m.group(0)), text)


def _without_empty_scripts(text: str) -> str:
    """``\\sum_{k}^{ }``: an empty script, which TeX prints as nothing (blanked, so that
    positions stay where they were written)."""
    return re.sub(r"(?<!\\)[_^]\s*\{\s*\}", lambda m: " " * len(m.group(0)), text)


# an evaluation bar: \Big|_{x=3}, \right|_{x = 0}, \bigg\rvert_{x=a}, or a plain |_{x=0}
# a tag that says where its line holds: \tag{$x > 0$}, \tag{for $x \ge 0$}, \tag{if x ≠ 0}
_TAG_CONDITION = re.compile(r"[<>≤≥≠=]|\\(?:[lgn]e\w*|[lg]t|in|neq)(?![A-Za-z])|\b(?:if|for|when|"
                            r"where|whenever|unless|provided|assum\w*)\b", re.I)


def unboxed(text: str) -> str:
    """``\\boxed{A = B}`` standing alone between relations (or a line's ends) as ``A = B``
    (blanked, so columns stay): the frame is presentation. Boxes in boxes too. A box around an
    expression (``\\boxed{a + b}c``), inside a group, or with more of a side beside it
    (``2 \\boxed{a = b}``, which has no reading) stays a group."""
    for _ in range(4):  # a box in a box is alone once the outer one is gone
        out = _unboxed_once(text)
        if out == text:
            return out
        text = out
    return text


def _unboxed_once(text: str) -> str:
    out, depth, k = list(text), 0, 0
    while k < len(text):
        ch = text[k]
        if ch == "\\" and text.startswith("\\boxed", k) and depth == 0:
            m = re.match(r"\\boxed\s*\{", text[k:])
            close = close_of(text, k + m.end() - 1) if m else -1
            if m and close > 0 and _relation_at_top(unboxed(text[k + m.end():close])) \
                    and _alone(text, k, close + 1):
                out[k:k + m.end()] = " " * m.end()
                out[close] = " "
                k = close + 1  # its inside is a group no more, but is read in the next pass
                continue
        if ch == "\\":
            k += 2
            continue
        depth += {"{": 1, "}": -1}.get(ch, 0)
        k += 1
    return "".join(out)


_SEPARATOR_BEFORE = re.compile(r"(?:^|[=<>&,]|\\\\|\\(?:[A-Za-z]+))\s*$")
_SEPARATOR_AFTER = re.compile(r"^\s*(?:$|[=<>&,.;]|\\\\|\\[A-Za-z]+)")


def _alone(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands alone: only a relation, an arrow, a comma, '&', a line
    break or a line's end beside it."""
    before, after = _SEPARATOR_BEFORE.search(text[:start]), _SEPARATOR_AFTER.match(text[end:])
    if before is None or after is None:
        return False
    cmds = [re.match(r"\\([A-Za-z]+)", g) for g in (before.group(0).strip(), after.group(0).strip())]
    return all(c is None or c.group(1) in REL_COMMANDS or c.group(1) in ARROWS
               or c.group(1) in ("quad", "qquad", "text", "tag", "label", "end", "begin")
               for c in cmds)


def _relation_at_top(text: str) -> bool:
    """Whether a relation (=, <, \\le, an arrow …) stands outside every group of ``text``."""
    depth = 0
    for m in re.finditer(r"\\[A-Za-z]+|\\.|[{}=<>]", text):
        tok = m.group(0)
        if tok in "{}":
            depth += 1 if tok == "{" else -1
        elif depth == 0 and (tok in "=<>" or tok[1:] in REL_COMMANDS or tok[1:] in ARROWS):
            return True
    return False


def _without_brace_labels(text: str) -> str:
    """``\\underbrace{X}_{= 1}`` (and \\overbrace …^{…}) as {X}: the label is a remark about X
    that is not checked; the expression is X."""
    out, guard = text, 0
    while (m := BRACE.search(out)) is not None and guard < 200:
        guard += 1
        close = close_of(out, m.end() - 1)
        if close < 0:
            return out
        end = close + 1
        label = re.match(r"\s*[_^]\s*", out[end:])
        if label:
            at = end + label.end()
            if at < len(out) and out[at] == "{":
                end = close_of(out, at) + 1 or end
            elif at < len(out):
                end = at + 1
        out = out[:m.start()] + "{" + out[m.end():close] + "}" + out[end:]
    return out


def _plain_fractions(text: str) -> str:
    """TeX's ``{a \\over b}`` as ``{\\frac{a}{b}}``: the braces around \\over say what it
    divides. An \\over outside braces, or two in one group, stays (and is refused)."""
    out, guard = text, 0
    while (m := _OVER.search(out)) is not None and guard < 200:
        guard += 1
        depth, lo = 0, -1
        for k in range(m.start() - 1, -1, -1):
            ch = out[k]
            if ch == "}" and (k == 0 or out[k - 1] != "\\"):
                depth += 1
            elif ch == "{" and (k == 0 or out[k - 1] != "\\"):
                if depth == 0:
                    lo = k
                    break
                depth -= 1
        depth, hi = 0, -1
        for k in range(m.end(), len(out)):
            ch = out[k]
            if ch == "{" and out[k - 1] != "\\":
                depth += 1
            elif ch == "}" and out[k - 1] != "\\":
                if depth == 0:
                    hi = k
                    break
                depth -= 1
        if lo < 0 or hi < 0 or _OVER.search(out, m.end(), hi):
            return out  # nothing says what it divides: the reader refuses \over there
        num, den = out[lo + 1:m.start()], out[m.end():hi]
        out = out[:lo + 1] + "\\frac{" + num + "}{" + den + "}" + out[hi:]
    return out


def _tokenize(src: str) -> list[_Tok]:
    if len(src) > MAX_TEXT:
        raise ParseError(f"the LaTeX text has {len(src)} characters; the limit is {MAX_TEXT}")
    return _Lexer(src).run()


def _link(toks: list[_Tok]) -> list[int]:
    """match[k] = index of the partner of an open/close token (the list is balanced)."""
    match = [-1] * len(toks)
    stack: list[int] = []
    for k, tok in enumerate(toks):
        if tok.kind == "open":
            stack.append(k)
        elif tok.kind == "close":
            if not stack:
                raise ParseError(f"unbalanced {tok.text}", tok.pos)
            j = stack.pop()
            match[j], match[k] = k, j
    if stack:
        raise ParseError(f"unbalanced {toks[stack[-1]].text}", toks[stack[-1]].pos)
    return match


@contextmanager
def _recursion_room() -> Iterator[None]:
    """Nesting is capped at MAX_DEPTH, which needs ~10 Python frames per level."""
    old = sys.getrecursionlimit()
    if old < 4000:
        sys.setrecursionlimit(4000)
    try:
        yield
    finally:
        if old < 4000:
            sys.setrecursionlimit(old)


