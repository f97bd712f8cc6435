"""Fractions and the derivatives written as fractions or slashes: ``\\frac{d}{dx}``,
``df/dx``, ``\\frac{\\partial^2 f}{\\partial x^2}``, ``\\nabla`` names and what a
derivative's operand is.

A part of :class:`checker.parse.latex._Parser` (its methods, read with the parser's state)."""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction

from checker.parse.latex_common import (
    LETTERS,
    _quantity,
)
from checker.parse.latex_lexer import _Tok
from checker.parse.tree import (
    Apply,
    Bin,
    Call,
    Defined,
    Index,
    Name,
    Node,
    Num,
    ParseError,
    Pos,
    Prime,
    binder,
    free_names,
    plain,
    walk,
)

_CONSTANTS = frozenset({"E", "pi", "I", "oo"})  # names that are no variable


class _Derivatives:
    # ---- fractions and derivatives

    def frac(self) -> Node:
        tok = self.t[self.i]
        at = self.i
        self.i += 1
        num = self.arg(tok, "a numerator")
        den = self.arg(tok, "a denominator")
        d = self.derivative(tok, num, den)
        if d is not None:
            if (after := self.peek()) is not None and after.kind == "open" and after.text == "(" \
                    and not (self.match[self.i] + 1 < self.end and self.t[self.match[self.i] + 1]
                             .kind in ("sub", "sup")) \
                    and self.at_a_point(num, self.i + 1, self.match[self.i]):
                # \frac{df}{dx}(3): f'(3), or df/dx times 3? (read as the product, f'(1) = 2x
                # with f = x² was proved)
                raise ParseError(f"\\frac{{{self.show(*num)}}}{{{self.show(*den)}}}(…): the "
                                 "derivative at (…), or the derivative times (…)? Write f'(…) "
                                 "(or \\left.\\frac{df}{dx}\\right|_{x=…}) for its value at a "
                                 "point, or \\cdot (…) for a product", after.pos)
            return d
        k = at - 1
        while k >= 0 and self.t[k].kind == "quad":  # (2\,\frac{1}{2}: spacing, no operator)
            k -= 1
        before = self.t[k] if k >= 0 else None  # 1\frac{1}{2}, not x^2 \frac{1}{2}
        if before is not None and before.kind == "num" and "." not in before.text and not (
                k >= 1 and self.t[k - 1].kind in ("sup", "sub")) and all(
                hi - lo == 1 and self.t[lo].kind == "num" for lo, hi in (num, den)) \
                and re.fullmatch(r"(?:\s|~|\\[,;:! ]|\\q?quad(?![A-Za-z]))*",
                                 self.src[before.end:tok.start]):
            raise ParseError(f"{before.text}\\frac{{{self.t[num[0]].text}}}{{{self.t[den[0]].text}}}"
                             ": a mixed number or a product? Write "
                             f"{before.text} + \\frac{{…}}{{…}} or {before.text} \\cdot \\frac{{…}}{{…}}",
                             before.pos)
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
        if k + 1 < hi and self.t[k + 1].kind == "sub":  # (d_k, a dimension: a name)
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

    def at_a_point(self, num: tuple[int, int], lo: int, hi: int) -> bool:
        """After \\frac{dF}{dx}, may the bracket ``lo``..``hi`` be the point the derivative is
        taken at: it holds no sum (f'(3), f'(2x), f'(x_0)), or F is a function (f, σ)?
        (∂L/∂a (1 − a²) x with L a defined quantity is a product, as backprop notes write it.)"""
        inside = self.t[lo:hi]
        if not any(t.kind == "op" and t.text in "+-" and t.depth == inside[0].depth
                   for t in inside[1:]):  # (3), (\frac{1}{2}), (x_0), (2x): a point, or a factor
            return True
        own = [t for t in self.t[num[0] + 1:num[1]] if t.kind != "sup"]
        if len(own) != 1 or own[0].kind not in ("letter", "cmd"):
            return False
        name = self.ctx.latex.get("\\" + own[0].text) if own[0].kind == "cmd" else None
        word = name.id if isinstance(name, Name) else own[0].text
        return self.ctx.kind(word) in ("function", "builtin") or word == "sigma"

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
            if any(k + 1 < hi and ((self.t[k + 1].kind == "cmd" and self.t[k + 1].text in (
                    "cdot", "times")) or self.t[k + 1].kind == "op") for k, hi in ((nlo, nhi),
                                                                                  (dlo, dhi))):
                return None  # d \cdot t: d times t, written so (a declared d: a step length)
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
        if var_order != order and order == 1 and isinstance(var, Name) \
                and (sym := self.ctx.symbols.get(var.id)) is not None and sym.is_positive:
            # ∂ℓ/∂σ² with σ declared positive: by the variance v = σ², on which σ = v^{1/2}
            # depends one to one (a second derivative is written \partial^2 over it)
            power = Num(Fraction(var_order), var_pos)
            return Bin("/", self.differentiate(tok, f, var, 1), Bin("*", power, Bin(
                "**", var, Num(Fraction(var_order - 1), var_pos), var_pos), var_pos), var_pos)
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
        if self.show(lo, self.i).strip() in (name, f"\\mathcal{{{name}}}") or (
                isinstance(var, Call) and var.func == name and var.bare):
            raise ParseError(f"d{self.show(lo, self.i)}: with gradients = \"{name}\" it would be "
                             f"∂{name}/∂{name}, which is 1, but a d against the loss is its "
                             "differential in most notes (dL = …dW…): not read; write the "
                             "gradient of each variable instead", tok.pos)
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
        """The names (declared symbols, vectors, matrices, and letters nothing declares: a
        variable all the same) and arbitrary functions a tree depends on, through definitions
        and the bodies of the functions it calls."""
        out: set[str] = set()
        nodes = walk(node)
        bound = {b for n in nodes if (b := binder(n)) is not None}  # a sum's index, and
        bound |= {m.id for n in nodes if isinstance(n, Index) for i in n.indices  # an entry's
                  for m in walk(i) if isinstance(m, Name)}  # (p_j's j: no variable)
        for n in nodes:
            if isinstance(n, Name) and (self.ctx.kind(n.id) in ("symbol", "vector", "matrix") or (
                    self.ctx.kind(n.id) is None and n.id not in bound and n.id not in _CONSTANTS
                    and not n.id.startswith("\x00"))):  # (not a derivative's own marker)
                out.add(n.id)
            elif isinstance(n, Call | Apply | Prime):
                fn = self.ctx.functions.get(n.func)
                if fn is not None and fn.body is not None and n.func not in seen:
                    out |= self.uses(fn.body, seen | {n.func}) - set(fn.params)  # type: ignore[arg-type]
                elif isinstance(n, Apply) or (fn is not None and fn.body is None):
                    out.add(n.func)  # an arbitrary function
        return out
