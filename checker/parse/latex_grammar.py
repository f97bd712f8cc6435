"""The grammar: expressions, signed terms, products side by side, factors, powers and
factorials, a name applied to brackets.

A part of :class:`checker.parse.latex._Parser` (its methods, read with the parser's state)."""

from __future__ import annotations

import re

from checker.parse import ellipsis
from checker.parse.context import SCALAR_FUNCTIONS
from checker.parse.latex_lexer import (
    _COMPARE,
    MAX_DEPTH,
    _Tok,
)
from checker.parse.tree import (
    Apply,
    Bin,
    Call,
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
    Unary,
    bound_indices,
    plain,
    walk,
)
from checker.vocabulary import BY_NAME

# a space wider than a thin one between two arrays (\; \: \  \quad ~): blocks, or a product?
_WIDE_SPACE = re.compile(r"\\[;: ]|\\q?quad(?![A-Za-z])|\\enspace|~")

class _Grammar:
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
                node = Bin(tok.text, node, term, tok.pos, latex=True)
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
                node = Bin(tok.text, node, rhs, tok.pos,
                           dotted=self.src[tok.start:tok.end].strip() in ("\\cdot", "·", "⋅"))
            elif self.starts_factor(tok):
                node = self.juxtapose(node, tok)
            else:
                break
        return node

    def juxtapose(self, node: Node, tok: _Tok) -> Node:
        if tok.kind == "num" and self.t[self.i - 1].kind == "num":
            raise ParseError(f"two numbers in a row ({self.show(self.i - 1, self.i + 1)}): TeX "
                             "prints them as one number; write \\cdot between them", tok.pos)
        if tok.kind == "open" and tok.text == "{" and self.i + 1 < self.end \
                and self.t[self.i + 1].kind == "op" and self.t[self.i + 1].text in "+-":
            # 2x{+1}: TeX prints 2x+1 (braces show nothing), read as 2x·(+1) it was proved 2x
            sign = self.t[self.i + 1].text
            raise ParseError(f"{{{sign}…}} after a factor: TeX prints it as "
                             f"{'a sum' if sign == '+' else 'a difference'} (braces are not "
                             f"shown), and it was read as a product; write {sign} … without the "
                             f"braces, or \\cdot ({sign}…) for a product", tok.pos)
        gap = self.src[self.t[self.i - 1].end:tok.start] if self.i else ""
        rhs = self.factor()
        if _WIDE_SPACE.search(gap) and self.is_array(node) and self.is_array(rhs):
            raise ParseError(f"{self.src[tok.start:self.t[self.i - 1].end]} set apart by a space "
                             "from what comes before it: blocks side by side (a block matrix "
                             "row, [X \\; \\mathbf{1}]) or a product? Write \\begin{bmatrix} X & "
                             "\\mathbf{1} \\end{bmatrix} for the blocks, or the product without "
                             "the space", tok.pos)
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
        if isinstance(node, ListLit):  # \begin{bmatrix} … \end{bmatrix}
            return True
        if isinstance(node, Unary):
            return self.is_array(node.operand)
        if isinstance(node, Bin):
            if node.op == "@":  # x^\top y of two vectors is a number (w^\top x inside σ(…))
                return not (self.is_vector(node.right) and isinstance(node.left, Call)
                            and node.left.func == "T" and len(node.left.args) == 1
                            and self.is_vector(node.left.args[0]))
            if node.op in ("+", "-", "*"):
                return self.is_array(node.left) or self.is_array(node.right)
            if node.op == "/":  # 1/v of a vector v: entry by entry, a vector
                return self.is_array(node.left) or self.is_array(node.right)
            return self.is_array(node.left)  # **
        if isinstance(node, Call):
            if node.func in ("softmax", "hadamard", "outer", "diag", "inv", "ones", "eye",
                             "Matrix", "grad", "jacobian", "_pattern_vector", "_pattern_row",
                             "_listed", "_listed_row",
                             "_row_of", "_pattern_matrix", "_hessian"):
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
        if tok.kind != "open" and nxt is not None and nxt.kind == "open" and nxt.text == "(":
            self.value_at_a_point(node, nxt, start)
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

    def value_at_a_point(self, node: Node, opened: _Tok, start: int) -> None:
        """h(0), h(-t), h(2t) with h = e^{-t} a value the page defines (also an entry of a
        matrix it defines, S_{ij}(0), or a family's member, u_i(0)): h at that point (as one
        writes the value of a quantity at a point), or h times the bracket? Refused where the
        bracket is a number or written only in the letters h is written in, or, for a plain
        letter h of one variable, only in declared symbols (h(s), h(x − 1)); a(1 − a) with
        a = σ(z), δ_j (x_j − μ) and a decorated quantity's ŷ(1 − y) stay products."""
        body = node.body if isinstance(node, Defined) else \
            node.target.body if isinstance(node, Index) and isinstance(node.target, Defined) \
            else node.args[2] if isinstance(node, Call) and node.func == "_member" else None
        close = self.match[self.i]
        if body is None or close is None or self.is_array(node):
            return
        bound = bound_indices(body)
        free = {n.id for n in walk(body) if isinstance(n, Name) and n.id not in bound
                and self.ctx.kind(n.id) in ("symbol", None)}  # (undeclared: a letter too)
        written = self.src[self.t[start].start:self.t[self.i - 1].end]
        inside = self.src[self.t[self.i].end:self.t[close].start]
        letters = set(re.findall(r"\\([A-Za-z]+)|(?<![A-Za-z])([A-Za-z])(?![A-Za-z])", inside))
        letters = {a or b for a, b in letters} - {"frac", "dfrac", "tfrac", "left", "right",
                                                   "cdot", "sqrt", "pi", "e", "ln", "log",
                                                   "exp", "sin", "cos", "tan", "tanh"}
        number = re.fullmatch(r"\s*-?\s*\d+(?:\.\d+)?\s*", inside) is not None or (
            not letters and bool(inside.strip()))  # (h(\frac{1}{2}), h(\pi), h(\ln 2), h(1/2))
        symbols = {w for w in letters if self.ctx.kind(w) == "symbol" or w in free or (
            self.ctx.kind(w) is None and w not in self.ctx.latex and w not in self.ctx.functions)}
        # (an undeclared letter is the page's; a defined name, a = σ(z), is a value)
        mentions = re.sub(r"\s+", "", written) in re.sub(r"\s+", "", inside) or bool(
            re.match(r"([A-Za-z]|\\[A-Za-z]+)_", written.strip()) and re.search(  # (p_i(1 − p_j):
                rf"(?<![A-Za-z\\]){re.escape(written.strip().split('_')[0])}\s*_", inside))  # a member)
        bare = written.strip()
        decorated = re.sub(r"\\(?:hat|bar|tilde|widehat|widetilde|overline)\s*\{([^{}]*)\}", r"\1",
                           bare)
        plain = re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", bare) is not None or (  # (h, α; h_1 and
            re.fullmatch(r"(?:[A-Za-z]|\\[A-Za-z]+)(?:_\{?[A-Za-z0-9]\}?)?", decorated) is not None
            and (number or re.fullmatch(r"\s*[A-Za-z]\s*", inside) is not None))  # \hat{h} at
        # a letter or a number only: ŷ(1 − y), a decorated quantity times a bracket, a product)
        if mentions or not (number or (letters and letters <= free) or (
                plain and letters and letters <= symbols)) or (not free and not (
                    number and plain)):  # (g := 5, then g(2): g at 2, or 5 · 2?)
            return  # a(1 − a), δ_j (x_j − μ): a product (the bracket writes a, or entries)
        at = inside.strip()
        raise ParseError(f"{written}({at}) with {written} a value the page defines: {written} "
                         f"at {at} (its value there), or {written} times ({at})? Write "
                         f"{written} \\cdot ({at}) for the product, or define a function "
                         f"({written}(t) = …) for its value at a point", opened.pos)

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
        nxt = self.peek()
        if nxt is not None and nxt.kind in ("sup", "sub", "prime"):  # x^2 (1 + x)^2: the
            # power after the bracket is the bracket's (x²·(1 + x)²), or, h a function, the
            # power of its value's power (h^2(x)^2 = h(x)^4): both, as the readings say
            after = self.i
            number = Bin("*", power, self.postfix(args[0], None, False), open_tok.pos)
            end, self.i = self.i, after
            function = self.postfix(applied, None, False)
            self.i = end
            f = name.id
            return Choice(f"fn:{f}", (number, function),
                          (f"{f} a number: {f}^{plain(k)}·(…)…", f"{f} a function: {f}(…)^{plain(k)}…"),
                          f"{f} is not declared: declare it under [context] functions (its "
                          f"definition, or {f} = \"arbitrary\"), or as a symbol, or write "
                          f"{f}^{{{plain(k)}}} \\cdot (…)", name.pos)
        f = name.id
        if k.value == 2:  # h^2(x), h a function: (h(x))², or h(h(x)) (as a declared one's)
            applied = Choice(f"iterate:{f}", (applied, Apply(f, (Apply(f, args, name.pos),),
                                                             name.pos)),
                             (f"{f}^2(x) as ({f}(x))²", f"{f}^2(x) as {f}({f}(x))"),
                             f"write ({f}(x))^2 for the square or {f}({f}(x)) for the iterate",
                             power.pos)
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
            printed = type(self)(self.t[lo:close] + self.t[close + 1:self.i], self.src,
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

    def application(self, name: Name, labels: tuple[str, str] | None = None,
                    hint: str | None = None) -> Node:
        """``f(x)`` with f undeclared: f·x or an arbitrary function f applied to x. Both are
        plausible, so both are readings (one Choice per name, decided for the whole
        derivation); ``f(a, b)`` can only be an application. ``labels`` and ``hint`` say it
        of a name that is not a plain letter (π, the number or a policy)."""
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
                        labels or (f"{f} a number: {f}·(…)", f"{f} a function: {f}(…)"),
                        hint or f"{f} is not declared: declare it under [context] functions (its "
                        f"definition, or {f} = \"arbitrary\"), or as a symbol, or write {f} "
                        "\\cdot (…)", name.pos)
        return choice if power else self.postfix(choice, None, False)
