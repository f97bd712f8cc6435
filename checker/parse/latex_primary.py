"""Primaries: numbers, indicators and Iverson brackets, ``cases``, runs of letters and the
names they resolve to, groups and norms, Greek letters.

A part of :class:`checker.parse.latex._Parser` (its methods, read with the parser's state)."""

from __future__ import annotations

import re
from fractions import Fraction
from math import comb

from checker.parse import divergence, ellipsis, latex_integral, latex_random
from checker.parse.context import SHORT_NAMES
from checker.parse.latex_common import (
    _GLYPHS,
    CONDITION_LINKS,
    LETTERS,
    _Prim,
    _text_key,
    _vocabulary_case,
    marked,
)
from checker.parse.latex_lexer import (
    _BARE_FUNCTIONS,
    _COMPARE,
    _HIDDEN,
    _NOT_BARE,
    _NOT_BARE_HINT,
    BINOM_COMMANDS,
    DECORATIONS,
    FRAC_COMMANDS,
    FUNCTION_COMMANDS,
    GREEK,
    NAME_TEXT_COMMANDS,
    PRIMES,
    _Tok,
    _tokenize,
)
from checker.parse.tree import (
    Bin,
    Call,
    Cases,
    Choice,
    Compare,
    Defined,
    Index,
    ListLit,
    Name,
    Node,
    Num,
    ParseError,
    Pos,
    TupleLit,
    unplaced,
)

# \sigma to a power with nothing it could apply to after it: the letter σ (σ², a variance)
_SIGMA_LETTER = re.compile(r"\\sigma\s*\^\s*(?:\{[^{}]*\}|[0-9A-Za-z])\s*"
                           r"(?:$|[-+=)}\],.;]|\\right|\\cdot|\\times|\\\\|&)")


class _Primary:
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
        if name in BINOM_COMMANDS:  # \binom{n}{k}
            self.i += 1
            top, bottom = self.arg(tok, "an upper number"), self.arg(tok, "a lower number")
            return binomial(self.within(*top, self.expr), self.within(*bottom, self.expr),
                            tok.pos), None, False
        if name == "choose":
            raise ParseError("\\choose is read inside braces, as in {n \\choose k} (or write "
                             "\\binom{n}{k})", tok.pos)
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
                    sub = type(self)(inner, m.group(1), self.ctx)
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

    def matrix_env(self) -> Node:
        """\\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix} (or pmatrix, matrix …): a matrix at
        its explicit size, rows by \\\\ and entries by &; one entry a row is a column vector,
        as vectors are everywhere here. A column or a row with entries left out
        (``x_1 \\\\ x_2 \\\\ \\vdots \\\\ x_n``) is the vector of the pattern its first and last
        entries make, as a sum with an ellipsis is read (checker/parse/ellipsis.py); a matrix
        with entries left out both ways is refused."""
        tok = self.t[self.i]
        close = self.match[self.i]
        lo, self.i = self.i + 1, close + 1
        level = tok.depth + 1
        rows: list[list[tuple[int, int]]] = []
        start = lo
        for k in range(lo, close + 1):
            if k < close and not (self.t[k].kind == "row" and self.t[k].depth == level):
                continue
            if start < k:
                cells, first = [], start
                for j in range(start, k + 1):
                    if j < k and not (self.t[j].kind == "amp" and self.t[j].depth == level):
                        continue
                    if first == j:
                        raise ParseError(f"an empty entry in \\begin{{{tok.arg}}}: write 0 for a "
                                         "zero", self.t[min(j, k - 1)].pos)
                    cells.append((first, j))
                    first = j + 1
                rows.append(cells)
            start = k + 1
        if not rows:
            raise ParseError(f"\\begin{{{tok.arg}}} without an entry", tok.pos)
        dots = [(r, c) for r, row in enumerate(rows) for c, (a, b) in enumerate(row)
                if any(self.t[x].kind == "dots" and self.t[x].depth == level
                       and not (x > a and self.t[x - 1].kind == "op") for x in range(a, b))]
        # (an entry x_1 + x_2 + \dots + x_n is a sum written with an ellipsis: read as one)
        if dots:
            return self.pattern_vector(tok, rows, dots)
        if len({len(r) for r in rows}) != 1:
            raise ParseError(f"the rows of this \\begin{{{tok.arg}}} have "
                             f"{', '.join(str(len(r)) for r in rows)} entries: a matrix's "
                             "rows have the same length", tok.pos)
        round_ = tok.arg.startswith("p") or (lo >= 2 and self.t[lo - 2].kind == "open"
                                             and self.t[lo - 2].text == "(")
        if round_ and len(rows) == 2 and len(rows[0]) == 1:
            raise ParseError(f"\\begin{{{tok.arg}}} of two entries in parentheses: a binomial "
                             "coefficient (n choose k) or a vector of two entries? Write "
                             "\\begin{bmatrix} for the vector (a binomial coefficient is not in "
                             "the vocabulary: write it out with factorials)", tok.pos)
        return ListLit(tuple(ListLit(tuple(self.within(a, b, self.expr) for a, b in row),
                                     self.t[row[0][0]].pos) for row in rows), tok.pos)

    def pattern_vector(self, tok: _Tok, rows: list, dots: list) -> Node:
        """A column (or a row) written with its entries left out: x_1, x_2, …, x_n as the
        vector whose entry k is x_k, for k from the first to the last written."""
        column = all(len(r) == 1 for r in rows)
        cells = [c for row in rows for c in row]
        at = next(x for a, b in cells for x in range(a, b) if self.t[x].kind == "dots")
        how = ("write the first entries and the last in one pattern, as in \\begin{bmatrix} x_1 "
               "\\\\ x_2 \\\\ \\vdots \\\\ x_n \\end{bmatrix}")
        if not (column or len(rows) == 1) and len(dots) > 1:
            return self.pattern_matrix(tok, rows, dots, at)
        if not (column or len(rows) == 1) or len(dots) != 1:
            raise ParseError(f"\\begin{{{tok.arg}}} with entries left out (\\cdots, \\vdots, "
                             "\\ddots) is read only as a column or a row with one ellipsis: "
                             f"{how}; write a matrix by its name or its rule (W, x x^T, diag(s))",
                             self.t[at].pos)
        place = dots[0][0] if column else dots[0][1]
        a, b = cells[place]
        if b - a != 1:
            raise ParseError(f"an ellipsis beside other terms in an entry: {how}", self.t[at].pos)
        before = [self.within(x, y, self.expr) for x, y in cells[:place]]
        after = [self.within(x, y, self.expr) for x, y in cells[place + 1:]]
        if not before or len(after) != 1:
            raise ParseError(f"an ellipsis in a vector needs entries before it and the last one "
                             f"after it: {how}", self.t[at].pos)
        taken = ellipsis.names_in([*before, *after]) | self.ctx.declared() | set(self.ctx.latex)
        dots_tok = self.t[at]
        count, total = ellipsis.fold(before, after[0], dots_tok.pos, taken,
                                     lambda body, var: self.check_bound(body, var, dots_tok), how)
        if count != len(before):
            raise ParseError(f"the entries before the ellipsis are not all of its pattern: {how}",
                             dots_tok.pos)
        summed = total.args[0]  # _nonempty(Sum(body, (k, lo, hi)))
        return Call("_pattern_vector" if column else "_pattern_row", summed.args, tok.pos)

    def pattern_matrix(self, tok: _Tok, rows: list, dots: list, at: int) -> Node:
        """A matrix written by its corners, a_11 ⋯ a_1n over ⋮ ⋱ ⋮ over a_m1 ⋯ a_mn (and any
        written rows and columns before the dots): each written row is the pattern of its
        entries over a column index, and the rows the pattern of those over a row index, as a
        sum with an ellipsis is read; refused unless one row and one column are all dots, the
        second to last each, and every written entry fits the two patterns."""
        how = ("write a matrix with entries left out by its corners, as in \\begin{bmatrix} "
               "a_{11} & \\cdots & a_{1n} \\\\ \\vdots & \\ddots & \\vdots \\\\ a_{m1} & "
               "\\cdots & a_{mn} \\end{bmatrix}, or by its name or rule (W, x x^T, diag(s))")
        width = {len(r) for r in rows}
        dotted = {(r, c) for r, c in dots}
        full_rows = [r for r in range(len(rows)) if all((r, c) in dotted
                                                         for c in range(len(rows[r])))]
        full_cols = [c for c in range(max(width)) if all((r, c) in dotted
                                                         for r in range(len(rows)))]
        if len(width) != 1 or len(full_rows) != 1 or len(full_cols) != 1 \
                or full_rows[0] != len(rows) - 2 or full_cols[0] != max(width) - 2 \
                or full_rows[0] == 0 or full_cols[0] == 0 \
                or len(dotted) != len(rows) + max(width) - 1:
            raise ParseError(f"\\begin{{{tok.arg}}} with entries left out: {how}", self.t[at].pos)
        dots_tok = self.t[at]
        cells = [[self.within(a, b, self.expr) for c, (a, b) in enumerate(row)
                  if c != full_cols[0]] for r, row in enumerate(rows) if r != full_rows[0]]
        taken = ellipsis.names_in([c for row in cells for c in row]) | self.ctx.declared() \
            | set(self.ctx.latex)
        check = lambda body, var: self.check_bound(body, var, dots_tok)  # noqa: E731
        folded = []
        for row in cells:
            count, total = ellipsis.fold(row[:-1], row[-1], dots_tok.pos, taken, check, how)
            if count != len(row) - 1:
                raise ParseError(f"the entries of a row before its ellipsis are not all of its "
                                 f"pattern: {how}", dots_tok.pos)
            folded.append(total.args[0])  # Sum(body, (j, lo, hi))
        ranges = {unplaced(f.args[1]) for f in folded}
        if len(ranges) != 1:
            raise ParseError(f"the rows of this matrix run over different columns: {how}",
                             dots_tok.pos)
        col_range = folded[0].args[1]
        taken |= {col_range.items[0].id}
        bodies = [f.args[0] for f in folded]
        count, total = ellipsis.fold(bodies[:-1], bodies[-1], dots_tok.pos, taken, check, how)
        if count != len(bodies) - 1:
            raise ParseError(f"the rows before the ellipsis are not all of its pattern: {how}",
                             dots_tok.pos)
        body, row_range = total.args[0].args
        return Call("_pattern_matrix", (body, row_range, col_range), tok.pos)

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
        scripted = self.scripted_call(word)
        if scripted is not None:  # p_g(x), p_{data}(x) with "p_g(x)" declared: that function
            return self.call(scripted, tok, command=False), None, False
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
        scripted = self.peek() is not None and self.peek().kind == "sub"
        said = ctx.said_arrays.get(word + "_" if scripted else word)  # (x_1 is an entry of x,
        if said is not None and kind is None and not self.defining and not plain \
                and not (scripted and self.declared_script(word)):  # unless the page says
            raise ParseError(said, tok.pos)  # x_1, …, x_N ∈ ℝ^d)
        nxt = self.peek()
        if word == "I" and kind is None and not plain and not self.defining and self.has_arrays() \
                and nxt is not None and nxt.kind == "sub" and self.i + 1 < self.end:
            k = self.i + 1  # I_2, I_{n}: the identity (of that size, or of the size its
            braced = self.t[k].kind == "open" and self.t[k].text == "{" and self.match[k] == k + 2
            size = self.t[k + 1] if braced else self.t[k]  # neighbour needs), or a name I_2
            if (size.kind == "num" and size.text.isdigit()) or size.kind == "letter":
                self.i = k + (3 if braced else 1)
                sized = (Num(Fraction(int(size.text)), size.pos),) if size.kind == "num" \
                    else (Name(size.text, size.pos),) if size.text in self.ctx.dims else ()
                return Choice("I:identity", (Name(f"I_{size.text}", tok.pos),
                                             Call("eye", sized, tok.pos)),
                              (f"I_{size.text} a number", f"I_{size.text} the identity matrix"),
                              f"I_{size.text} is not declared: declare it as a symbol for a "
                              f"number, or write eye({size.text}) (or \\mathbf{{I}}) for the "
                              "identity", tok.pos), None, False
        if word == "I" and kind is None and not plain and not self.defining and self.has_arrays():
            # beside vectors and matrices, an undeclared I may be the identity: both are read
            return Choice("I:identity", (Name("I", tok.pos), Call("eye", (), tok.pos)),
                          ("I a number", "I the identity matrix"),
                          "I is not declared: declare it as a symbol for a number, or write "
                          "\\mathbf{I} (or eye(n)) for the identity", tok.pos), "I", False
        return Name(word, tok.pos), word, False

    def declared_script(self, word: str) -> bool:
        """``x_1`` (or ``x_{1}``) next, declared or mapped as a name of its own."""
        k = self.i + 1
        if k >= self.end:
            return False
        if self.t[k].kind == "open" and self.t[k].text == "{":
            script = "".join(t.text for t in self.t[k + 1:self.match[k]])
        else:
            script = self.t[k].text
        name = f"{word}_{script}"
        return self.ctx.kind(name) is not None or name in self.ctx.latex \
            or f"{word}_{{{script}}}" in self.ctx.latex \
            or (script.isalnum() and self.ctx.kind(word + script) is not None)  # W_1: W1

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
                "_" not in content or tok.text in NAME_TEXT_COMMANDS
                or content.lower() in SHORT_NAMES):  # (leaky_relu)
            if len(content) == 1 or self.known_word(content) or content in self.ctx.families \
                    or (self.defining and self.peek() is not None and self.peek().kind == "sub"):
                # (\mathrm{net}_j = …: a family of the page's, by its word)
                return self.resolve(_vocabulary_case(content, self.ctx), tok)
            raise ParseError(f"unknown name {content!r} in \\{tok.text}{{{tok.arg}}}: declare it under "
                             "[context], or use a vocabulary function such as softmax, sigmoid, relu",
                             tok.pos)
        raise self.unexpected(tok)

    def group(self) -> _Prim:
        at, tok = self.i, self.t[self.i]
        if tok.text == "cases":
            return self.cases_env(), None, False
        if tok.text == "matrix":
            return self.matrix_env(), None, False
        if tok.text == "[" and self.holds_relation(self.i + 1):  # Iverson: [i = j], [x > 0]
            return self.indicator_of(tok), None, False
        close = self.match[self.i]
        lo, self.i = self.i + 1, close + 1
        choose = [k for k in range(lo, close) if self.t[k].kind == "cmd"
                  and self.t[k].text == "choose" and self.t[k].depth == tok.depth + 1]
        if tok.text == "{" and len(choose) == 1:  # {n \choose k}
            return binomial(self.within(lo, choose[0], self.expr),
                            self.within(choose[0] + 1, close, self.expr), tok.pos), None, False
        parts = self.split_commas(lo, close)
        if tok.text == "\\langle":  # ⟨u, v⟩ = uᵀv, of two vectors
            if len(parts) != 2:
                raise ParseError("⟨…⟩ is read as an inner product ⟨u, v⟩ of two vectors: write "
                                 "the two, separated by a comma", tok.pos)
            return Call("_inner", tuple(self.within(a, b, self.expr) for a, b in parts),
                        tok.pos), None, False
        if len(parts) > 1:
            if tok.text in ("(", "[") and self.may_be_list(at):
                return self.comma_list(at, parts), None, False
            raise self.unexpected(self.t[parts[1][0] - 1])
        inner = self.within(lo, close, self.expr)
        if tok.text == "|":  # (of a number; of a vector or matrix it is refused)
            return Call("_bars", (inner,), tok.pos), None, False
        if tok.text == "\\|":
            return self.norm(inner, tok), None, False
        if isinstance(inner, Name) and inner.id not in ("E", "pi"):
            return inner, inner.id, False
        return inner, None, False

    def may_be_list(self, at: int) -> bool:
        """Whether (a, b, …) or [a, b, …] here can be a vector by its entries: not where it
        could be a function's arguments (g(a, b), x_i(a, b), f'(a, b), h^2(a, b) stay errors
        that say to declare the function); after an operator, a number, a bracket or a big
        operator's scripts (2 (a, b), (a, b)^T (c, d), \\sum_{i=1}^{2} (i, i)) it can."""
        opener, k = self.t[at], at - 1
        while k >= 1:  # back over the scripts of what stands before
            t = self.t[k]
            if t.kind == "close":
                start = next((j for j in range(k - 1, -1, -1) if self.match[j] == k), None)
                if start is not None and start >= 1 and self.t[start - 1].kind in ("sup", "sub"):
                    k = start - 2
                    continue
            elif self.t[k - 1].kind in ("sup", "sub"):
                k -= 2
                continue
            break
        if k < 0:
            return True
        before = self.t[k]
        return before.kind in ("op", "rel", "amp", "row", "comma", "break", "num", "close") \
            or (before.kind == "open" and before.depth < opener.depth) \
            or (before.kind == "cmd" and before.text in ("cdot", "times", "odot", "circ", "sum",
                                                          "prod", "frac", "dfrac", "tfrac"))

    def comma_list(self, at: int, parts: list[tuple[int, int]]) -> Node:
        r"""(x_1, x_2, \dots, x_n), [a, b, c]: a vector by its entries, or by the pattern its
        first and last entries make around one ellipsis (as a column written with \vdots).
        Written in a row, it may stand for a column (a vector, as (x_1, …, x_n) ∈ ℝⁿ) or a row
        ([a, b]^T a column): both are readings (checker/parse/readings.py), and a reading
        whose line does not fit its shapes is none. Every list of a line is read the same way
        (one key): a page writes its vectors one way."""
        tok = self.t[at]
        level = tok.depth + 1
        dots = [(0, c) for c, (a, b) in enumerate(parts)
                if any(self.t[x].kind == "dots" and self.t[x].depth == level
                       and not (x > a and self.t[x - 1].kind == "op") for x in range(a, b))]
        if len(dots) > 1:
            raise ParseError("a list with two ellipses: write the first entries, one ellipsis "
                             "and the last, as in (x_1, x_2, \\dots, x_n)", tok.pos)
        if dots:
            row = self.pattern_vector(tok, [list(parts)], dots)
            column: Node = Call("_pattern_vector", row.args, tok.pos)  # type: ignore[union-attr]
        else:
            entries = tuple(self.within(a, b, self.expr) for a, b in parts)
            column = Call("_listed", entries, tok.pos)
            row = Call("_listed_row", entries, tok.pos)
        shown = self.src[tok.start:self.t[self.match[at]].end]
        return Choice("list", (column, row), ("a column", "a row"),
                      f"write {shown} as \\begin{{bmatrix}} … \\end{{bmatrix}}, its entries "
                      "in a column (\\\\ between them) or in a row (& between them)", tok.pos)

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
            if kind not in ("1", "2", "F"):
                raise ParseError(f"‖…‖_{kind}: only the Euclidean norm ‖w‖ (‖w‖_2) and ‖w‖_1 of a "
                                 "vector and the Frobenius norm ‖W‖_F of a matrix are understood; "
                                 "write the sum out otherwise", nxt.pos)
        pos = bar.pos
        if kind == "1":  # Σ|w_k|, of a vector only
            one = Call("_norm1", (inner,), pos)
            return one if power is None else self.superscript(one, None, False, *power)
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
            normed = Call("_normed", (inner,), pos)  # (of numbers: refused)
            total = Call("sum", (Call("hadamard", (normed, normed), pos),), pos)
        else:
            if isinstance(inner, Name) and self.ctx.kind(inner.id) == "matrix":
                raise ParseError(f"‖{inner.id}‖ of a matrix can be the Frobenius or the spectral "
                                 f"norm: write ‖{inner.id}‖_F for the Frobenius norm", pos)
            normed = Call("_normed", (inner,), pos)  # (of numbers: refused)
            total = Call("dot", (normed, normed), pos)  # refuses a matrix: dot needs vectors
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
            self.sigma_power_operand(tok)
            self.sigma_both_ways(tok)  # (σ(x) and σ² alone in one display too)
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
            if self.defining and (self.peek() is None or self.peek().kind not in ("sub", "sup")):
                return Name("δ", tok.pos), "δ", False  # \delta = …: a name, where it is defined
            if nxt is None or nxt.kind not in ("sub", "sup"):
                raise ParseError("\\delta is read as the Kronecker delta \\delta_{ij} (two indices), "
                                 "or as a name with one index or a label (\\delta_1, \\delta^{(l)}); "
                                 "map \\delta under [latex] to use it as another name", tok.pos)
            return Name("delta", tok.pos), "delta", False
        if name == "pi":
            if (nxt := self.peek()) is not None and nxt.kind == "open" and nxt.text == "(":
                return self.pi_or_policy(tok), None, False
            return Name("pi", tok.pos), None, False
        if name == "Delta" and self.ctx.kind("Delta") is None:
            word = self.change_of(tok)
            if word is not None:  # Δw, Δθ: the change in w, a name of its own
                return self.resolve(word, tok)
        return self.resolve(name, tok)

    def scripted_call(self, word: str) -> str | None:
        """``p_g(x)``, ``p_{data}(x)``, ``p_{\\text{data}}(x)`` where the file declares the
        function p_g (p_data): its name, with the subscript consumed (the call's brackets are
        next); None otherwise."""
        k = self.i
        if k + 1 >= self.end or self.t[k].kind != "sub":
            return None
        if self.t[k + 1].kind == "open" and self.t[k + 1].text == "{":
            inner, after = self.t[k + 2:self.match[k + 1]], self.match[k + 1] + 1
        else:
            inner, after = self.t[k + 1:k + 2], k + 2
        if not inner or not all(t.kind in ("letter", "num") or (t.kind == "text" and len(inner) == 1)
                                for t in inner):
            return None
        script = "".join(t.arg.strip() if t.kind == "text" else t.text for t in inner)
        name = f"{word}_{script}"
        if after >= self.end or self.t[after].kind != "open" or self.t[after].text != "(" \
                or self.ctx.kind(name) != "function":
            return None
        self.i = after
        return name

    def pi_or_policy(self, tok: _Tok) -> Node:
        """``\\pi(a)``: π times (a), or a function π (a policy) at a? Both readings, as for an
        undeclared letter before a bracket (\\frac{d}{da}\\log \\pi(a) = 1/a was proved, read
        as log(π·a)); ``\\pi \\cdot (…)`` is the number's, a mapped \\pi what it is mapped to."""
        return self.application(Name("pi", tok.pos), (
            "π the number: π·(…)", "π a function (a policy, say): π(…)"),
            "write \\pi \\cdot (…) for the number times (…); for a function, map \\pi under "
            "[context] latex to a function declared under functions")

    def sigma_both_ways(self, tok: _Tok) -> None:
        """``\\frac{1}{\\sigma\\sqrt{2\\pi}} = \\frac{1}{\\sqrt{2\\pi\\sigma^2}}`` (σ neither declared
        nor mapped): σ before a factor is the sigmoid of it by convention, but this display
        also writes σ to a power with nothing after it, which is the letter σ (a standard
        deviation): one σ read two ways in one line (the Gaussian's normaliser was refuted as
        1/sigmoid(√(2π))). Refused."""
        nxt = self.peek()
        if _SIGMA_LETTER.search(self.src) and (nxt is None or not self.starts_factor(nxt)):
            # \log\sigma + \sigma^2: this σ has no argument either (none of it is applied)
            raise ParseError("\\sigma is written here with no argument, and this display also "
                             "writes \\sigma to a power alone: the letter σ (a standard "
                             "deviation)? Declare it: symbols = { sigma = \"positive\" } (and "
                             "write \\sigma(x) wherever the sigmoid is meant)", tok.pos)
        if _SIGMA_LETTER.search(self.src):
            raise ParseError("\\sigma applied to something is the sigmoid, but this display "
                             "also writes \\sigma to a power alone, the letter σ (a standard "
                             "deviation? or σ(x)² with its argument left out?): write \\sigma(x)^2 "
                             "for the sigmoid's square, or declare sigma a symbol if σ is the letter "
                             "throughout (then \\sigma x is σ times x)", tok.pos)

    def sigma_power_operand(self, tok: _Tok) -> None:
        """``\\sigma^2 x``, ``\\sigma^3 \\tanh(0)`` (σ neither declared nor mapped): the sigmoid of
        x squared (as \\sin^2 x), or the variance σ² times x? Refused; ``\\sigma^2(x)`` (a bracket
        right after the power) is the sigmoid's, ``\\sigma^2 \\cdot x`` the letter's."""
        nxt = self.peek()
        if nxt is None or nxt.kind != "sup" or self.i + 1 >= self.end:
            return
        k = self.i + 1
        k = self.match[k] + 1 if self.t[k].kind == "open" and self.t[k].text == "{" else k + 1
        after = self.t[k] if k < self.end else None
        if after is None or not self.starts_factor(after) or (
                after.kind == "open" and after.text in ("(", "[")):
            return
        power = self.show(self.i + 1, k)
        single = k + 1 >= self.end or not self.starts_factor(self.t[k + 1])  # (σ² 2x: "2x")
        shown = self.show(k, k + 1) if after.kind in ("letter", "num") and single else "…"
        what = shown if shown != "…" else "what follows"
        raise ParseError(f"\\sigma^{power} {shown}: the sigmoid of {what} to the power {power}, or "
                         f"σ^{power} (a variance, say) times {what}? Write \\sigma({shown})^{power} "
                         f"for the sigmoid, or \\sigma^{power} \\cdot {shown} with sigma declared "
                         "under symbols for the letter", tok.pos)

    def change_of(self, tok: _Tok) -> str | None:
        """``\\Delta w``, ``\\Delta\\theta`` (Δ not declared): the change in w, by convention a
        name of its own (Deltaw), never Δ times w; the letter after Δ is consumed. None where
        no letter follows (Δ alone, Δ(…): the letter Δ)."""
        nxt = self.peek()
        if nxt is None:
            return None
        if nxt.kind == "letter":
            word = self.letter_run(self.i)
            if len(word) > 1 and not self.known_word(word):
                raise ParseError(f"\\Delta {word}: the change in {word[0]} times {word[1:]}, or the "
                                 f"change in {word}? Write \\Delta {word[0]} \\, {word[1:]} or "
                                 f"\\Delta ({word})", tok.pos)
        elif nxt.kind == "cmd" and nxt.text in GREEK and nxt.text not in ("Delta", "delta", "pi"):
            word = nxt.text
        elif nxt.kind == "cmd" and nxt.text in DECORATIONS:
            raise ParseError(f"\\Delta {self.show(self.i, self.i + 1)}…: the change in a decorated "
                             "name is not read; map it under [context] latex (\"\\\\Delta "
                             "\\\\mathbf{w}\" = \"dw\" with dw declared), or write \\Delta w",
                             tok.pos)
        else:
            return None
        if "\\" + word in self.ctx.latex or self.ctx.is_function(word) \
                or word in _BARE_FUNCTIONS:  # Δ σ(x), Δ log x: no change of a name
            return None
        self.i += len(word) if nxt.kind == "letter" else 1
        after = self.peek()
        if after is not None and after.kind == "sup":  # Δw²: (Δw)², or the change in w²?
            raise ParseError(f"\\Delta {word}^…: the change in {word} to a power, or the change "
                             f"in {word}^…? Write (\\Delta {word})^… or \\Delta({word}^…)",
                             tok.pos)
        return "Delta" + word


def binomial(n: Node, k: Node, pos: Pos) -> Node:
    """The binomial coefficient (n choose k), read as n!/(k!(n − k)!): for whole numbers
    0 ≤ k ≤ n, where those factorials are defined (claims hold where both sides are); of
    two whole numbers, its value (0 for k > n)."""
    if isinstance(n, Num) and isinstance(k, Num) and all(
            v.value.denominator == 1 and v.value >= 0 for v in (n, k)):
        return Num(Fraction(comb(int(n.value), int(k.value))), pos)
    return Bin("/", Call("factorial", (n,), pos),
               Bin("*", Call("factorial", (k,), pos),
                   Call("factorial", (Bin("-", n, k, pos),), pos), pos), pos, grouped=True)
