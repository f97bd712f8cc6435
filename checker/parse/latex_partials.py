"""Derivatives through what the page defines: ∂F/∂u by a vector, a family's member or a
function's value, what is held fixed, ``\\nabla_w``, and the scope of an operator.

A part of :class:`checker.parse.latex._Parser` (its methods, read with the parser's state)."""

from __future__ import annotations

import re
from dataclasses import replace
from fractions import Fraction

from checker.parse.context import SCALAR_FUNCTIONS, unread_here
from checker.parse.latex_common import (
    GRAPH_HINT,
    _family_key,
    _is_derivative,
    _member,
    _own_nodes,
    _quantity,
)
from checker.parse.latex_lexer import _Tok
from checker.parse.tree import (
    BINDERS,
    Apply,
    Bin,
    Call,
    Cases,
    Choice,
    Defined,
    Index,
    Name,
    Node,
    Num,
    ParseError,
    Pos,
    Prime,
    Unary,
    binder,
    children,
    map_children,
    marked_family,
    plain,
    unplaced,
    walk,
)


class _Partials:
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
        named = family.rstrip("_")  # (the variances σ_j² are the family "\\sigma^2_")
        shown = f"{named}_{self.show_node(at)}"

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
                             f"written in terms of {named}; write the derivative by a variable",
                             tok.pos)
        also = self.shared(body, self.ctx.families[family][1])
        if also and not self.ctx.graph_partials:
            raise ParseError(f"∂/∂{shown} of {plain(f)}: it also uses {also[0]}, which {named} "
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

    def no_operator_sum(self, tok: _Tok, nxt: _Tok | None) -> None:
        """\frac{d}{dt} + t^2, (\frac{d}{dt} - 2) e^{-t}: a sum of operators (the operator
        (D + 2) applied after it), or the derivative of the signed term? Refused: a + right
        after an operator, or a − inside brackets the operator opens."""
        if nxt is None or nxt.kind != "op" or nxt.text not in "+-":
            return
        start = next((k for k in range(self.i) if self.t[k] is tok), None)
        opened = start is not None and start > 0 and self.t[start - 1].kind == "open"
        if nxt.text == "+" or opened:
            shown = self.src[tok.start:self.t[self.i - 1].end]
            raise ParseError(f"{shown} {nxt.text} …: a sum of operators (applied to what follows "
                             f"the brackets), or the derivative of the term after {nxt.text}? "
                             f"Write {shown}(…) + … with what is differentiated in brackets",
                             nxt.pos)

    def operand_of(self, tok: _Tok) -> Node:
        """What an operator ∂/∂u by an expression u applies to: one bracket, or the product
        that follows; anything after it that could also be under the operator is refused."""
        nxt = self.peek()
        self.no_operator_sum(tok, nxt)
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
        self.loose_still_free(family, at.pos)
        value = _member(index, body, at)
        return Call("_member", (Name(_family_key(family, body), at.pos), at, value), at.pos)

    def loose_still_free(self, family: str, pos: Pos) -> None:
        """A family whose body writes letters nothing declared (ŷ_i = σ(w x_i)) is read at a
        member only where they mean what they meant at the definition: not bound by a sum
        around the member, nor declared or defined since (no name capture)."""
        ctx = self.ctx
        if family in ctx.contested:  # (u_i = a q_i, then u = q refused: u_1 after it?)
            raise ParseError(ctx.contested[family], pos)
        for name in ctx.family_loose.get(family, ()):
            if name in self.binding or ctx.kind(name) is not None or name in ctx.latex \
                    or f"\\{name}" in ctx.latex or name in ctx.families \
                    or name in ctx.functions:
                raise ParseError(f"{family}'s definition writes {name}, which nothing declared "
                                 f"there; here {name} "
                                 + ("is a sum's index" if name in self.binding else
                                    "has a meaning of its own") + f", so the definition would "
                                 f"not mean what it meant where it was written: declare {name} "
                                 "under [context] symbols, or use another letter", pos)

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
            self.no_operator_sum(tok, nxt)
            if nxt is None or not (self.starts_factor(nxt) or (nxt.kind == "op" and nxt.text in "+-")):
                shown = self.src[tok.start:self.t[self.i - 1].end]
                raise ParseError(f"{shown} needs something to differentiate after it", tok.pos)
            self.enter(nxt.pos)
            try:
                if nxt.kind == "open" and nxt.text in ("(", "[", "\\{", "|", "\\|"):
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
                    apart = self.spaced_factor(start)
                    if apart is not None:  # \frac{d}{dx} x^2 \, x: d(x²)/dx · x, or d(x³)/dx?
                        group = self.within(start, apart, self.juxtaposed)
                        self.i = apart
                        return self.operator_choice(tok, group, var, order)
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
        self.no_hidden_letters(f, nodes, target)
        # only plain expressions of letters, also through the definitions they use (E = ½(ŷ −
        # y)² with ŷ undeclared: ∂E/∂w was proved 0): sums, entries and functions say through
        # their own rules what they depend on
        if any(isinstance(n, Index | Apply | Cases | Prime) or (
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

    def no_hidden_letters(self, f: Node, nodes: list[Node], var: Name) -> None:
        """∂/∂w f(y) with f(y) = (p − y)² on the page and p undeclared: p may depend on w or be a
        constant, as in ∂/∂w (p − y)² (two readings); inside f's definition it cannot be made
        two readings, and it was read as a constant (proved 0). Refused where nothing
        differentiated writes w, also through the functions it calls."""
        todo = [n.func for n in nodes if isinstance(n, Call) and n.func in self.ctx.functions]
        hidden, seen, mentioned = set(), set(), {n.id for n in nodes if isinstance(n, Name)}
        while todo:
            name = todo.pop()
            fn = self.ctx.functions[name]
            if name in seen or fn.body is None:
                continue
            seen.add(name)
            inside = walk(fn.body)
            bound = {k for n in inside if (k := binder(n)) is not None}
            for n in inside:
                if isinstance(n, Name) and n.id not in fn.params:
                    mentioned.add(n.id)
                    if n.id not in bound and n.id not in self.ctx.dims and self.may_be_function(n):
                        hidden.add((n.id, name))
                elif isinstance(n, Call) and n.func in self.ctx.functions:
                    todo.append(n.func)
        if hidden and var.id not in mentioned:
            letter, func = sorted(hidden)[0]
            raise ParseError(f"{letter} is not declared, and the definition of {func} writes it: "
                             f"to differentiate by {var.id} what does not write {var.id}, say "
                             f"whether {letter} depends on it: declare {letter} as a symbol (a "
                             f"constant), or define it (as in {letter} = … in a display)", f.pos)  # type: ignore[union-attr]

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
        local = self.local_and_total(f, var, order, tok)
        self.not_at_its_parameter(f, var, tok)
        if isinstance(var, Name) and self.ctx.kind(var.id) in ("vector", "matrix"):
            if order != 1:
                raise ParseError(f"a second derivative by the {self.ctx.kind(var.id)} {var.id} is a "
                                 "matrix of its own (a Hessian): differentiate by entries", tok.pos)
            return Call("grad", (f, var), tok.pos)
        args: tuple[Node, ...] = (f, var) if order == 1 else (f, var, Num(Fraction(order), tok.pos))
        total = Call("diff", args, tok.pos)
        if local is None:
            return total
        held, node = local
        return Choice(f"graph:{unplaced(var)}", (node, total),
                      (f"the partial on the graph ({held} held fixed)",
                       f"the derivative through {held} too"),
                      f"for the partial on the graph declare {held} "
                      + ("symbols where they are" if ", " in held else "a symbol where it is")
                      + " held fixed; for the derivative through "
                      + ("them" if ", " in held else "it") + ", write it without partials = "
                      "\"graph\"", tok.pos)

    def not_at_its_parameter(self, f: Node, var: Node, tok: _Tok) -> None:
        """∂L(v)/∂w with L(w) = … the page's function (its derivative at v, as a gradient step
        writes it, or the derivative by w of L(v), which does not depend on w?): both
        readings are written alike; refused. (df/dx with f(x) = x u and u written in x is the
        derivative of f(x) through u, as ∂J/∂θ of J(θ) through h_θ: f′(x) is refused.)"""
        base = var.target if isinstance(var, Index) else var
        if not isinstance(base, Name):
            return
        for n in walk(f):
            if not isinstance(n, Call | Apply):
                continue
            fn = self.ctx.functions.get(n.func)
            if fn is None or fn.body is None or base.id not in fn.params \
                    or base.id not in {m.id for m in walk(fn.body) if isinstance(m, Name)}:
                continue  # (a body free of that parameter: both readings are 0)
            shown = f"{n.func}({', '.join(self.show_node(a) for a in n.args)})"
            if not any(base.id in self.uses(a) | {m.id for m in walk(a) if isinstance(m, Name)}
                       for a in n.args):
                at = ", ".join(self.show_node(a) for a in n.args)
                raise ParseError(f"∂{shown}/∂{self.show_node(var)} with {base.id} the parameter "
                                 f"of {n.func}: {n.func}'s derivative at ({at}), "
                                 f"or the derivative by {base.id} of {shown}, which does not "
                                 f"depend on it (0)? Write {n.func}'({self.show_node(n.args[0])}) "
                                 "for the first", tok.pos)

    def local_and_total(self, f: Node, var: Node, order: int,
                        tok: _Tok) -> tuple[str, Node] | None:
        """With partials = "graph", ∂x̂/∂x where x̂ = (x − μ)/s writes x itself and through μ,
        which the page makes of x: backprop's local partial (μ held fixed, an edge of the
        graph) or the derivative through μ too (the total one)? Both are written so: both are
        read (what held fixed, and the local partial's node), and a step is decided where they
        agree (∂σ²/∂x_i with μ the mean: the same either way), unknown where they do not.
        (Without the declaration a derivative by a variable is the total one, as stated.)"""
        base = var.target if isinstance(var, Index) else var
        if not self.ctx.graph_partials or not isinstance(base, Name):
            return None
        direct, through = False, ""
        own = _opened(f)  # what is differentiated, opened: a name's value, a member's, an entry's
        stack: list[Node] = [own]
        while stack:
            n = stack.pop()
            if _node_of_the_graph(n):
                if not through and base.id in self.uses(n):
                    through = _node_name(n)
                continue
            if isinstance(n, Name) and n.id == base.id:
                direct = True
            stack.extend(children(n))
        if not (direct and through):
            return None
        shown = self.show_node(var)
        if order != 1 or (self.ctx.kind(base.id) in ("vector", "matrix")
                          and not isinstance(var, Index)):
            raise ParseError(f"∂/∂{shown} with partials = \"graph\": what is differentiated "
                             f"writes {base.id} itself and through {through}, which is made of "
                             f"{base.id}; the partial on the graph ({through} held fixed) or the "
                             f"derivative through {through} too? For the first, declare "
                             f"{through} a symbol where it is held fixed; for the second, write "
                             f"it without partials = \"graph\" (a derivative by a variable is "
                             "then the total one)", tok.pos)
        pairs: list[Node] = []
        names: list[str] = []

        def hold(node: Node) -> Node:  # each node of the graph made of the variable: a letter
            if _node_of_the_graph(node):
                if base.id not in self.uses(node):
                    return node
                marker = Name(f"\x00h{tok.start}.{len(pairs) // 2}", tok.pos)
                pairs.extend((marker, node))
                names.append(_node_name(node))
                return marker
            return map_children(node, hold)

        body = hold(own)
        return ", ".join(dict.fromkeys(names)), Call("_held", (body, var, *pairs), tok.pos)

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
            return self.hessian(tok, at)
        if nxt is None or nxt.kind != "sub":
            return self.nabla_alone(tok)
        return self.nabla_by(tok, nxt)

    def hessian(self, tok: _Tok, at: int) -> Node:
        """\\nabla^2 F, \\nabla^2_w F, \\nabla_w^2 F: the Hessian, by the convention of
        optimisation and ML texts (the matrix of second derivatives; in physics ∇² is the
        Laplacian, its trace: write \\operatorname{tr}(\\nabla^2 F) for that); by a number, the
        second derivative."""
        saved, self.i = self.i, at + 1
        try:
            lo, hi = self.arg(self.t[at], "the power of \\nabla")
            sup_end = self.i
        finally:
            self.i = saved
        if self.show(lo, hi).strip() != "2":
            raise ParseError(f"\\nabla^{{{self.show(lo, hi)}}}: only \\nabla^2, the Hessian, is "
                             "read", tok.pos)
        before = at == self.i  # ∇^2_w: the power first
        if before:
            self.i = sup_end
        nxt = self.peek()
        if nxt is not None and nxt.kind == "sub":
            node = self.nabla_by(tok, nxt, None if before else (at, sup_end))
        else:
            node = self.nabla_alone(tok)
        if isinstance(node, Call) and node.func == "grad":
            return Call("_hessian", (node, node.args[1]), tok.pos)
        if isinstance(node, Call) and node.func == "diff" and len(node.args) == 2:
            return Call("diff", (*node.args, Num(Fraction(2), tok.pos)), tok.pos)
        if isinstance(node, Choice):  # ∇²_w wᵀAw + t: of the first term, or of the sum?
            raise ParseError("\\nabla^2 before terms written without brackets: of the first, or "
                             "of all of them? Write brackets around what it applies to", tok.pos)
        raise ParseError("\\nabla^2 of this is not read: write the Hessian's entries, "
                         "\\frac{\\partial^2 L}{\\partial w_j \\partial w_k}", tok.pos)

    def nabla_by(self, tok: _Tok, nxt: _Tok, skip: tuple[int, int] | None = None) -> Node:
        """\\nabla_w J, the subscript at the token ``nxt``; ``skip``: the tokens of a power
        written right after the subscript (∇_w^2), passed over before J is read."""
        self.i += 1
        lo, hi = self.arg(nxt, "the variable")
        if skip is not None and self.i == skip[0]:
            self.i = skip[1]
        var = self.within(lo, hi, self.factor)
        if isinstance(var, Defined) and isinstance(var.body, Name | Index):
            var = var.body
        if not isinstance(var, Name | Index | Defined) \
                or (isinstance(var, Name) and var.id in ("E", "pi")):  # (∇_z L, z = Wx + b: by z)
            raise ParseError(f"\\nabla_{{{self.show(lo, hi)}}}: the subscript must be one variable "
                             "or one name the page defines (w, \\theta, W_1, z)", nxt.pos)
        self.not_at_another_point(var, lo, hi)
        if isinstance(var, Defined):  # ∇_z L with z = Wx + b: by z, as ∂L/∂z reads
            return self.through(self.operand_of(tok), var, tok)
        return self.differentiate(tok, None, var, 1)

    def factor_ahead(self) -> Node | None:
        """The factor that follows, read without moving on (None where none can be read)."""
        start = self.i
        try:
            return self.factor()
        except ParseError:
            return None
        finally:
            self.i = start

    def not_at_another_point(self, var: Node, lo: int, hi: int) -> None:
        """∇_w L(v) with L(w) = … the page's function: the gradient of L (in its parameter)
        at v, as an update rule writes ∇_θ J(θ_t), or the gradient in w of L(v), which does not
        depend on w? Refused where the argument is not the variable itself."""
        start = self.i
        first = self.factor_ahead()
        if isinstance(first, Bin) and first.op == "**":
            first = first.left
        if not isinstance(first, Call | Apply) or (isinstance(first, Call) and (
                (fn := self.ctx.functions.get(first.func)) is None or fn.body is None)):
            return
        if not self.same_either_way(first, var):
            at = ", ".join(self.show_node(a) for a in first.args)
            w = self.show(lo, hi)
            first_way = (f"\\nabla {first.func}({at}) for the first (with {first.func}'s "
                         "parameter), or ") if len(first.args) == 1 else ""
            raise ParseError(f"\\nabla_{{{w}}} {first.func}({at}): the gradient of {first.func} "
                             f"at ({at}), or the gradient in {w} of {first.func}({at})? Write "
                             f"{first_way}\\nabla_{{{w}}} of an expression written in {w}"
                             + ("" if first_way else f", with {w} itself where {first.func} "
                                f"takes it ({first.func}({w}, …))"), self.t[start].pos)

    def same_either_way(self, call: Call | Apply, var: Node) -> bool:
        """∇_θ J(θ, X, y): the gradient of J in its parameter θ at (θ, X, y), and the gradient
        in θ of J(θ, X, y), are the same where θ is one argument itself, no other argument
        is written in θ, and J's parameter of that name (if it has one) takes that argument."""
        slots = [k for k, a in enumerate(call.args) if unplaced(a) == unplaced(var)]
        if len(slots) != 1:
            return False
        if len(call.args) == 1:
            return True
        name = var.id if isinstance(var, Name) else None
        if name is None or any(name in self.uses(a) for k, a in enumerate(call.args)
                               if k != slots[0]):
            return False
        fn = self.ctx.functions.get(call.func) if isinstance(call, Call) else None
        params = list(fn.params) if fn is not None else []
        return name not in params or params.index(name) == slots[0]

    def variables(self, node: Node) -> set[str]:
        """The declared symbols, vectors and matrices a tree depends on (through definitions
        and the bodies of the functions it calls)."""
        return {u for u in self.uses(node) if self.ctx.kind(u) in ("symbol", "vector", "matrix")
                and u not in self.ctx.dims}  # (n of Σ_{k=1}^{n} is a size)

    def nabla_alone(self, tok: _Tok) -> Node:
        """``\\nabla F`` with no subscript: the gradient by the one variable F depends on
        (\\nabla(w^T w) with w the only declared name in it; \\nabla f(x) with f(x) = x²).
        Where F depends on several (w and α), or on none, which is meant is not written:
        refused."""
        def refused(why: str) -> ParseError:
            return ParseError(f"\\nabla without a variable, {why}: write \\nabla_w F, naming "
                              "the variable w", tok.pos)

        start = self.i
        nxt = self.peek()
        if nxt is None or nxt.kind in ("rel", "amp", "break", "close", "comma") or (
                nxt.kind == "op" and nxt.text in "+-"):  # \nabla = 0, (\nabla + 1) f
            raise ParseError("\\nabla with nothing after it to take the gradient of: write "
                             "\\nabla_w F (or \\nabla^2 F) with what is differentiated after it",
                             tok.pos)
        try:
            found = self.variables(self.juxtaposed())
        except ParseError:
            found = set()
        finally:
            self.i = start
        first = self.factor_ahead()
        powered = isinstance(first, Bin) and first.op == "**"
        app = first.left if isinstance(first, Bin) and powered else first
        if self.t[start].kind != "open" and isinstance(app, Call | Apply | Prime) and (
                not isinstance(app, Call) or app.func in SCALAR_FUNCTIONS
                or app.func in self.ctx.functions) \
                and (powered or not all(isinstance(a, Name) for a in app.args)):
            at = ", ".join(self.show_node(a) for a in app.args)
            raise refused(f"before {self.show_node(first)}: the gradient of {app.func} at "
                          f"({at}){', to that power' if powered else ''}, or the gradient of "
                          "the whole?")
        own = app.args[0].id if not powered and isinstance(app, Call | Apply) \
            and app.func in self.ctx.functions and len(app.args) == 1 \
            and isinstance(app.args[0], Name) \
            and self.ctx.kind(app.args[0].id) in ("symbol", "vector", "matrix") else None
        fn = self.ctx.functions.get(app.func) if own is not None else None  # type: ignore[union-attr]
        if fn is not None and fn.body is not None \
                and own in self.uses(fn.body) - set(fn.params):  # type: ignore[arg-type]
            # f(w) = wᵀAβ, then ∇f(β): the gradient of f in its argument, at β (Aβ), or that
            # of f(β) = βᵀAβ as a whole ((A + Aᵀ)β)? The two differ
            raise refused(f"before {self.show_node(first)}, where {app.func}'s definition also "
                          f"writes {own}: the gradient of {app.func} in its argument, at {own}, "
                          f"or the gradient of {self.show_node(first)} as a whole?")
        if own is not None and len(found) > 1:  # ∇f(β): by f's argument, at β
            found = {own}
        if len(found) != 1:
            raise refused(f"of an expression in {', '.join(sorted(found))}" if found else
                          "of an expression in no declared variable")
        var = Name(found.pop(), tok.pos)
        node = self.differentiate(tok, None, var, 1)
        operand = node.args[0] if isinstance(node, Call) and node.func in ("diff", "grad") \
            else None
        if operand is None or (self.variables(operand) != {var.id} and var.id != own):
            raise refused(f"of an expression in {', '.join(sorted(self.variables(node)))}")
        return node

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

    def spaced_factor(self, start: int) -> int | None:
        """The first factor of the product from token ``start`` that a TeX space sets apart
        (x^2 \\, x), in its term, or None."""
        base = self.t[start].depth
        for k in range(start + 1, self.end):
            t = self.t[k]
            if t.depth < base or (t.depth == base and t.kind in (
                    "op", "rel", "comma", "amp", "break", "quad", "period", "row", "text")):
                return None
            if t.depth == base and self.spaced(k) and self.starts_factor(t) \
                    and self.t[k - 1].kind in ("letter", "num", "close", "cmd", "prime"):
                return k
        return None

    def operator_choice(self, tok: _Tok, group: Node, var: Node, order: int) -> Node:
        """``\\frac{d}{dx}(u) v``: the derivative of (u), times v, or of (u)·v (and, before a
        + or −, of the sum that follows too: see :meth:`sum_scope`). A bracket right after
        that holds a number (``\\frac{d}{dx}(x^2)(3)``) may be the point it is taken at: refused."""
        after = self.i
        if (nxt := self.peek()) is not None and nxt.kind == "open" and nxt.text == "(" and all(
                t.kind == "num" or (t.kind == "op" and t.text == "-")
                for t in self.t[self.i + 1:self.match[self.i]]):
            raise ParseError("\\frac{d}{d…}(…)(3): the derivative at 3, or times 3? Write f'(3) "
                             "for the value at a point (with f defined), or \\cdot (3) for a "
                             "product", nxt.pos)

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
        at = self.i
        terms: list[tuple[_Tok, Node]] = []
        while (op := self.peek()) is not None and op.kind == "op" and op.text in "+-":
            self.i += 1
            terms.append((op, self.signed_term()))
        own = next((k for k, (_, t) in enumerate(terms) if _with_derivative(t)), len(terms))
        before = self.t[tok_at - 1] if (tok_at := self.t.index(tok)) > 0 else None
        starts = before is None or before.kind in ("rel", "open", "amp", "comma", "break") \
            or (before.kind == "op" and before.text == "+" and before.depth == tok.depth)
        if not starts and not own:  # a d/dx x² + b d/dx x³: the + ends this term, whose
            self.i = at  # factor a stays outside the sum (the sum is the caller's)
            terms = []

        def plus(node: Node, rest: list[tuple[_Tok, Node]]) -> Node:
            for op, t in rest:
                node = Bin(op.text, node, t, op.pos)
            return node

        options = [plus(r, terms) for r in firsts]
        if own:
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
                      f"'{shown}': to differentiate the product, put all of it in the "
                      "derivative's brackets (\\frac{d}{dx}\\left(u v\\right)); to differentiate "
                      "only the first factor, put the derivative itself in brackets "
                      "(\\left(\\frac{d}{dx} u\\right) v) or write the other factor first "
                      "(v \\frac{d}{dx} u)", tok.pos)

    def order(self, lo: int, hi: int, at: _Tok) -> int:
        toks = self.t[lo:hi]
        if len(toks) == 1 and toks[0].kind == "num" and toks[0].text.isdigit() and int(toks[0].text) >= 1:
            return int(toks[0].text)
        raise ParseError(f"the order of a derivative must be a whole number, not {self.show(lo, hi)!r}",
                         at.pos)


def _with_derivative(node: Node) -> bool:
    """A term that is a derivative, or a product with one as a factor (b \\frac{d}{dx} x^3):
    the sum rule written out, where the operator before it stops."""
    while isinstance(node, Unary | Choice):
        node = node.operand if isinstance(node, Unary) else node.options[0]
    if isinstance(node, Bin) and node.op in ("*", "/"):
        return _with_derivative(node.left) or (node.op == "*" and _with_derivative(node.right))
    if isinstance(node, Bin) and node.op in ("+", "-"):  # d/dx x³ − d/dx x, read together by
        return _with_derivative(node.left)  # the second operator: its first term counts
    return _is_derivative(node) or isinstance(node, Prime)  # (f'(x): a derivative too)


def _opened(f: Node) -> Node:
    """What a derivative differentiates, opened: a name's value, a member's body, the rule of
    an entry of a matrix the page defines entry by entry."""
    if isinstance(f, Index) and isinstance(f.target, Defined) \
            and isinstance(f.target.body, Call) and f.target.body.func == "_pattern_matrix":
        rule, *ranges = f.target.body.args
        letters = [r.items[0].id for r in ranges]  # type: ignore[attr-defined]
        if len(f.indices) != len(letters):
            return rule
        return _at(rule, dict(zip(letters, f.indices, strict=True)), f.pos)
    if isinstance(f, Call) and f.func == "_member":
        return f.args[2]
    if isinstance(f, Defined):
        return f.body
    return f


def _node_of_the_graph(n: Node) -> bool:
    """A name the page defines (μ, σ², a member of a family): a node of the graph."""
    return isinstance(n, Defined) or (isinstance(n, Call) and n.func == "_member")


def _node_name(n: Node) -> str:
    return n.name if isinstance(n, Defined) else \
        marked_family(n.args[0].id).rstrip("_")  # type: ignore[union-attr]


def _at(rule: Node, at: dict[str, Node], pos: object) -> Node:
    """An entry's rule at the entry's indices (x̂_{r,c} = … at r = i, c = j), refused where a
    sum inside it binds a letter of those indices (it would capture it)."""
    written = {k: {m.id for m in walk(v) if isinstance(m, Name)} for k, v in at.items()}

    def put(node: Node, bound: frozenset[str]) -> Node:
        if isinstance(node, Name) and node.id in at and node.id not in bound:
            if written[node.id] & bound:
                raise ParseError(f"the entry's index {min(written[node.id] & bound)} is also "
                                 "an index a sum in its definition runs over: rename that "
                                 "sum's index", pos)  # type: ignore[arg-type]
            return at[node.id]
        if isinstance(node, Defined):
            return node  # (read in the file's scope: its own letters)
        if (k := binder(node)) is not None:
            bound = bound | {k}
        return map_children(node, lambda c: put(c, bound))

    return put(rule, frozenset())
