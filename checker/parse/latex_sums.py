"""Sums, products and extrema over an index: its range written or inferred, conditions
(``\\sum_{k \\neq i}``), and the index kept inside its scope.

A part of :class:`checker.parse.latex._Parser` (its methods, read with the parser's state)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from fractions import Fraction

from checker.parse.context import Context
from checker.parse.latex_lexer import (
    GREEK,
    _Tok,
)
from checker.parse.tree import (
    INFINITY,
    Bin,
    Call,
    Defined,
    Index,
    Name,
    Node,
    Num,
    ParseError,
    Pos,
    TupleLit,
    binder,
    children,
    reached_free,
    walk,
)


class _Sums:
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
        outer: list[str] = []  # \sum_{i,j}: the indices before the last, each summed outside
        if sub is not None and (listed := self.listed_indices(*sub)):
            outer, sub = listed
        if sub is not None:
            var, first, excluded = self.within(*sub, self.sum_index)
            if first is not None:
                start = first
        if sup is not None:
            lo, hi = sup
            if hi == lo + 1 and self.t[lo].kind == "cmd" and self.t[lo].text == "infty":
                if tok.text == "prod":
                    raise ParseError("\\prod up to ∞: an infinite product is not read", tok.pos)
                upper = Name(INFINITY, self.t[lo].pos)  # a series (evaluate: geometric only)
            else:
                upper = self.within(*sup, self.expr)
        nxt = self.peek()
        if nxt is None or not (self.starts_factor(nxt) or (nxt.kind == "op" and nxt.text in "+-")):
            raise ParseError(f"{cmd} needs a body after it", tok.pos)
        self.enter(nxt.pos)
        self.binding.extend([*outer, var or ""])
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
                for v in [*outer, var]:
                    if v:
                        self.no_index_after(v, tok)
        finally:
            self.level -= 1
            del self.binding[len(self.binding) - len(outer) - 1:]
        if var is None and sup is None and not any(True for _ in self.walk_indices(body)) \
                and any(isinstance(n, Name) and self.ctx.kind(n.id) == "vector"
                        for n in walk(body)):  # \sum e^{z}: the sum of a vector's entries
            if tok.text == "prod":
                raise ParseError("\\prod of a vector without an index: write the index, "
                                 "\\prod_{i=1}^{n} x_i", tok.pos)
            return Call("_sum_entries", (body,), tok.pos)
        if var is None:
            var = self.infer_index(body, tok)
        if outer and excluded is not None:
            raise ParseError("\\sum over several indices with a condition: write one \\sum per "
                             "index, as in \\sum_{i} \\sum_{j \\neq i}", tok.pos)
        out = self.one_sum(tok, body, var, start, upper, excluded)
        for v in reversed(outer):  # \sum_{i,j} x_{ij} = \sum_i \sum_j x_{ij}: the range
            # written (\sum_{i,j=1}^{n}) for each, else each its own
            out = self.one_sum(tok, out, v, start, upper)
        return out

    def listed_indices(self, lo: int, hi: int) -> tuple[list[str], tuple[int, int]] | None:
        """``\\sum_{i,j}`` or ``\\sum_{i, j = 1}``: the indices before the last (each a
        single letter), and the range of the subscript left for the last one."""
        toks, k, names = self.t, lo, []
        while k + 1 < hi and toks[k].kind == "letter" and toks[k + 1].kind == "comma" \
                and not (k + 2 < hi and toks[k + 2].kind != "letter"):
            names.append(toks[k].text)
            k += 2
        if not names or k >= hi or toks[k].kind != "letter" or (
                k + 1 < hi and toks[k + 1].kind not in ("rel",)):
            return None
        if k + 1 < hi and toks[k + 1].text != "=":
            return None
        for name in names:
            if self.ctx.kind(name) not in (None, "symbol") or name in self.ctx.latex:
                return None  # (refused with the reason by sum_start, on the last)
        if len({*names, toks[k].text}) != len(names) + 1:
            raise ParseError(f"\\sum_{{{self.show(lo, hi)}}}: an index is listed twice", toks[lo].pos)
        return names, (k, hi)

    def one_sum(self, tok: _Tok, body: Node, var: str, start: Node, upper: Node | None,
                excluded: Node | None = None) -> Node:
        """``\\sum_{var}`` (or ``\\prod``) over a body already read: its range where none is
        written, what a sum's body may not do, and the index it skips (``\\sum_{k \\neq i}``)."""
        if upper is None:
            upper = self.infer_upper(body, var, tok)
        self.check_bound(body, var, tok)
        self.not_captured(body, var, tok)
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
        upper = self.infer_upper(body, var, tok, cmd)
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
        return walk_indices(self.ctx, body)

    def infer_index(self, body: Node, tok: _Tok) -> str:
        found: list[str] = []  # every letter an index is written in (μ, k′, j* too: x_{k'})
        for _, _, ix in self.walk_indices(body):
            for n in walk(ix):
                if isinstance(n, Name) and n.id not in found and n.id not in self.ctx.dims:
                    found.append(n.id)
        if len(found) == 1:
            return found[0]
        summed = [ix for ix in found if not self.written_outside_sums(ix)]
        if len(found) > 1 and len(summed) == 1 and all(  # \sum e^{x_d} e^{x_i}, i free: over d
                re.fullmatch("[A-Za-z]", ix) for ix in found):  # (letters, as the text writes)
            return summed[0]
        why = "no declared vector is indexed in its body" if not found else \
            f"its body is indexed by {', '.join(found)}"
        raise ParseError(f"\\sum without an index: {why}; write \\sum_{{k=1}}^{{n}}", tok.pos)

    def written_outside_sums(self, letter: str) -> bool:
        """Whether the display writes the letter outside every sum's body: a free index
        (\frac{dy_i}{dx_j} = \frac{\\sum e^{x_d} e^{x_i} - …}{…}: i and j, not d). A sum's body
        runs, as TeX sets it, to the first +, −, relation or row end at its own level, or to the
        end of the group it is written in."""
        toks = self.src_tokens()
        inside = [False] * len(toks)
        for a, tok in enumerate(toks):
            if tok.kind != "cmd" or tok.text not in ("sum", "prod"):
                continue
            b, level = a + 1, tok.depth
            while b < len(toks):
                t = toks[b]
                if t.depth < level or (t.depth == level and (
                        t.kind in ("rel", "amp", "break", "comma")
                        or (t.kind == "op" and t.text in "+-"
                            and toks[b - 1].kind not in ("sub", "sup", "open")))):
                    break
                inside[b] = True
                b += 1
        scripted = [False] * len(toks)  # (an index is written in a subscript; the d of dx
        for s, tok in enumerate(toks[:-1]):  # is not one)
            if tok.kind != "sub":
                continue
            b = s + 1
            if toks[b].kind == "open":
                level, b = toks[b].depth, b + 1
                while b < len(toks) and toks[b].depth > level:
                    scripted[b] = True
                    b += 1
            else:
                scripted[b] = True
        return any(t.kind == "letter" and t.text == letter and scripted[k] and not inside[k]
                   for k, t in enumerate(toks))

    def infer_upper(self, body: Node, var: str, tok: _Tok, cmd: str = "\\sum") -> Node:
        """The range of ``\\sum_var`` without bounds: the length that *every* vector or matrix
        axis indexed by var in the body has; lengths that disagree are an error naming both."""
        found = axis_lengths(self.ctx, body, var)
        if not found:
            raise ParseError(f"cannot infer the range of {cmd}_{var}: no declared vector is indexed by "
                             f"{var} in its body; write {cmd}_{{{var}=1}}^{{n}} or declare the vector "
                             "under [context] vectors", tok.pos)
        for what, length in found[1:]:
            if length != found[0][1]:
                raise ParseError(f"\\sum_{var} without bounds: {var} indexes {found[0][0]} and "
                                 f"{what}, which have different lengths; write the range, as in "
                                 f"\\sum_{{{var}=1}}^{{{found[0][1]}}}", tok.pos)
        return length_node(found[0][1], tok.pos)

    def not_captured(self, body: Node, var: str, tok: _Tok) -> None:
        """\\sum_{x=1}^{3} u with u = x² (or f alone with f(x) = x², or g(1) with g(t) = t x):
        the sum's index is its own, so whether u moves with it cannot be told (its x is the
        file's: 3x²; or the index: 14?). Refused, as an integral's variable is; a family's
        member (ŷ_k with ŷ_j = …) takes the index it is written at."""
        def params_body(name: str) -> tuple[tuple[str, ...], Node] | None:
            fn = self.ctx.functions.get(name)
            return (tuple(fn.params), fn.body) if fn is not None and fn.body is not None else None

        stack: list[Node] = [body]
        while stack:
            n = stack.pop()
            if isinstance(n, Call) and n.func == "_member":
                stack.append(n.args[1])
                continue
            hit, what = False, ""
            if isinstance(n, Defined):
                hit, what = var in reached_free(n.body, params_body), n.name
            elif isinstance(n, Call) and n.bare:
                hit, what = var in reached_free(TupleLit(n.args), params_body), f"{n.func} alone"
            elif isinstance(n, Call) and (found := params_body(n.func)) is not None:
                params, fbody = found
                hit = var not in params and var in reached_free(fbody, params_body) - set(params)
                what = f"{n.func}'s definition"
            if hit:
                raise ParseError(f"\\{tok.text}_{{{var}}}: {what} is written in terms of {var}, and a "
                                 f"sum's index is its own, so whether {what} moves with it "
                                 "cannot be told: write the terms out in the index, or sum over "
                                 "another letter", tok.pos)
            if isinstance(n, Defined):
                continue
            stack.extend(children(n))

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
            label = re.search(r"\^\{?(?:\(([^()]*)\)|\[([^\[\]]*)\])", named)  # (or Ng's [l])
            if label and var in re.findall(r"[A-Za-z]+", label.group(1) or label.group(2)):
                written = named.split("^")[0]
                base = re.sub(r"\\(hat|bar|tilde)\{(\w)\}", r"\2\1", written)  # (yhat)
                shown = label.group(1) or label.group(2)
                raise ParseError(f"{named} inside \\sum_{var}: its label ({shown}) names "
                                 f"one sample or layer, which the sum over {var} does not run "
                                 f"through; write the sum's terms, or, if each is a number (the "
                                 f"{var}-th example's), declare {base} the vector of them with "
                                 f"indices = \"superscript\" ({written}^{{({var})}} is then its entry "
                                 f"{var}: dims = {{ m = \"positive integer\" }}, vectors = "
                                 f"{{ {base} = \"m\" }})", tok.pos)
            stack.extend(children(node))


def walk_indices(ctx: Context, body: Node) -> Iterator[tuple[str, int, Node]]:
    """(vector or matrix name, position, index node) for declared names, in reading order;
    the variables of derivatives are not counted (they are not summed over)."""
    stack: list[tuple[Node, frozenset[str]]] = [(body, frozenset())]
    while stack:
        node, bound = stack.pop()
        target = node.target.body if isinstance(node, Index) and isinstance(
            node.target, Defined) else node.target if isinstance(node, Index) else None
        if isinstance(target, Name) and ctx.kind(target.id) in ("vector", "matrix"):
            for p, ix in enumerate(node.indices):  # type: ignore[union-attr]
                if not (isinstance(ix, Name) and ix.id in bound):  # an inner sum's own
                    yield target.id, p, ix  # (h_i with a display's h = x: x's range)
        kids = (node.args[0],) if isinstance(node, Call) and node.func == "diff" \
            else children(node)
        own = binder(node)
        inner = bound | {own} if own is not None else bound
        stack.extend((k, inner) for k in reversed(kids))


def axis_lengths(ctx: Context, body: Node, var: str) -> list[tuple[str, object]]:
    """(what, length) of every declared vector or matrix axis that ``body`` indexes by
    ``var``, in reading order (a length is an int or a size's name)."""
    found: list[tuple[str, object]] = []
    for name, p, ix in walk_indices(ctx, body):
        if not (isinstance(ix, Name) and ix.id == var):
            continue
        if name in ctx.symbolic:  # a vector of symbolic length n: Σ over 1…n
            length: object = ctx.symbolic[name][1]
            what = f"{name} (length {length})"
        elif name in ctx.vectors:
            length = len(ctx.vectors[name])
            what = f"{name} (length {length})"
        elif name in ctx.symbolic_matrices:  # W of symbolic size H×D
            sizes = ctx.symbolic_matrices[name][1:]
            length = sizes[p]
            what = f"{name} ({sizes[0]}×{sizes[1]}, its {('rows', 'columns')[p]})"
        else:
            shape = ctx.matrices[name].shape
            length = shape[p]
            what = f"{name} ({shape[0]}×{shape[1]}, its {('rows', 'columns')[p]})"
        found.append((what, length))
    for n in walk(body):  # x̂_{k,j} of a matrix the page defines entry by entry: its sizes
        if isinstance(n, Index) and isinstance(n.target, Defined) \
                and isinstance(n.target.body, Call) and n.target.body.func == "_pattern_matrix":
            for p, (ix, rng) in enumerate(zip(n.indices, n.target.body.args[1:], strict=False)):
                lo, hi = rng.items[1:]  # type: ignore[union-attr]
                if isinstance(ix, Name) and ix.id == var and isinstance(lo, Num) \
                        and lo.value == 1 and isinstance(hi, Name | Num):
                    size = ctx.dims.get(hi.id, hi.id) if isinstance(hi, Name) else int(hi.value)
                    found.append((f"{n.target.name} (its {('rows', 'columns')[p]})", size))  # type: ignore[arg-type]
    return found


def length_node(length: object, pos: Pos) -> Node:
    """An axis's length (an int, or a size's name) as the tree writes a bound."""
    if isinstance(length, int):
        return Num(Fraction(length), pos)
    return Name(str(length), pos)
