"""Subscripts and superscripts: indices, primes on names, transposes, labels of samples and
layers (``x^{(i)}``, ``W^{[l]}``), and decorations (``\\hat``, ``\\mathbf`` …).

A part of :class:`checker.parse.latex._Parser` (its methods, read with the parser's state)."""

from __future__ import annotations

import re
from fractions import Fraction

from checker.parse.latex_common import (
    LETTERS,
    _Prim,
    marked,
)
from checker.parse.latex_lexer import (
    _IDENT,
    _NOT_BARE,
    DECORATIONS,
    GREEK,
    PRIMES,
    UNSIZED_DECORATIONS,
    _Tok,
)
from checker.parse.tree import (
    VARIANCES,
    Bin,
    Call,
    Defined,
    Index,
    Name,
    Node,
    Num,
    ParseError,
    bound_indices,
    plain,
    unplaced,
    variance_key,
    walk,
)

# one decoration, two spellings: \overline{y} is \bar{y} (and \widehat, \widetilde the narrow ones)
_SPELLINGS = (("bar", "overline"), ("hat", "widehat"), ("tilde", "widetilde"))


def spelled(cmd: str, inside: str, table: dict) -> str:
    """The key of ``\\cmd{inside}`` in the document's names: as written, or in the other
    spelling of the same decoration where only that one is defined (ȳ defined as \\bar{y}
    and used as \\overline{y} was a letter of its own: ∂/∂w (\\overline{y} − t)² was proved 0)."""
    written = f"\\{cmd}{{{inside}}}"
    if written in table:
        return written
    for pair in _SPELLINGS:
        if cmd in pair:
            other = f"\\{pair[1 - pair.index(cmd)]}{{{inside}}}"
            return other if other in table else written
    return written


_FONTS = frozenset({"mathbf", "boldsymbol", "bm", "mathit", "mathrm", "textit", "textbf", "text",
                    "mathsf", "mathtt"})  # (in a label: its letters)

class _Scripts:
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
        node = self.bracket_entry(node)
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
                                                             hi - 1 if transposed else hi, sub)
            if sample is not None and sub is not None and self.ctx.kind(ref) == "matrix":
                sub = None  # x_j^{(i)} of a matrix x: its entry (i, j), taken by sample()
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
        if sub is not None and sup is not None and not euler:
            self.entry_or_power(node, sub, sup)
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
        if sub is not None or sup is not None:  # W_1[i, j]: the entry of the name the
            node = self.bracket_entry(node)  # subscript makes
        return node

    def entry_or_power(self, node: Node, sub: tuple, sup: tuple) -> None:
        """B^{-1}_{12} of a square matrix B: the entry of the inverse (a precision matrix's
        Σ⁻¹_{ij}) or the entry's reciprocal? TeX sets B^{-1}_{12} and B_{12}^{-1} alike, so a
        negative power with an index is refused; so is a power written before the index
        (B^2_{12}: the entry of B², or B_{12}²?), while B_{ij}^2 is the entry squared, as
        ‖W‖² = Σ W_{ij}^2 writes it."""
        lo, hi = sup[1]
        if self.is_transpose(lo, hi) and self.is_array(node):  # W^T_{ij}: (Wᵀ)_{ij} = W_{ji},
            name, index = self.show_node(node), self.show(*sub[1])  # or W_{ij} (a number's
            raise ParseError(f"{name}^{self.show(lo, hi)}_{{{index}}}: the entry of the "  # ᵀ)?
                             f"transpose (W_{{ji}}) or the transpose of the entry (W_{{ij}})? "
                             f"Write ({name}^T)_{{{index}}} for the first, {name}_{{{index}}} for "
                             "the second", sup[0].pos)
        if self.is_transpose(lo, hi) or not self.square(node):
            return
        power = self.show(lo, hi).replace(" ", "")
        before = lo < sub[1][0]
        if power.startswith("-") or (before and power.isdigit()):
            name = self.show_node(node)
            index = self.show(*sub[1])
            raise ParseError(f"{name}^{{{power}}}_{{{index}}}: the entry of the matrix "
                             f"{name}^{{{power}}}, or the entry {name}_{{{index}}} to the power "
                             f"{power}? Both are set alike; write ({name}^{{{power}}})_{{{index}}}"
                             f" for the first, ({name}_{{{index}}})^{{{power}}} for the second",
                             sup[0].pos)

    def square(self, node: Node) -> bool:
        """Whether ``node`` names a square matrix (declared, or a page's name for one)."""
        if isinstance(node, Defined):
            body = node.body
            if isinstance(body, Call) and body.func == "_pattern_matrix":
                rows, cols = (unplaced(r.items[1:]) for r in body.args[1:])  # type: ignore[union-attr]
                return rows == cols
            node = body
        if not isinstance(node, Name):
            return False
        if node.id in self.ctx.matrices:
            r, c = self.ctx.matrices[node.id].shape
            return r == c
        if node.id in self.ctx.symbolic_matrices:
            r, c = self.ctx.symbolic_matrices[node.id][1:]
            return r == c
        return False

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
        squared = sup is not None and sup[1][1] - sup[1][0] == 1 \
            and self.t[sup[1][0]].kind == "num" and self.t[sup[1][0]].text == "2"
        if VARIANCES in self.ctx.families and squared and simple is not None \
                and self.script_atoms(*sub[1]) == 1:  # σ_k² where the page defines σ_j² = …
            nxt = self.peek()
            if nxt is not None and nxt.kind == "open" and nxt.text == "(":
                raise ParseError(f"\\sigma_{simple[0]}^2(…) with the variances \\sigma_j^2 "
                                 "defined: the variance times (…), or a function? Write "
                                 f"\\sigma_{simple[0]}^2 \\cdot (…)", sub[0].pos)
            (at,) = self.indices(*sub[1], 1, "\\sigma^2")
            return self.member(VARIANCES, at)
        if VARIANCES in self.ctx.families and simple is not None and not squared:
            raise ParseError(f"\\sigma_{simple[0]} with the variances \\sigma_j^2 defined: write "
                             f"\\sigma_{simple[0]}^2, or \\sqrt{{\\sigma_{simple[0]}^2}} for the "
                             "standard deviation", sub[0].pos)
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
            entry = self.bracketed_script(node, ref, euler, tok, lo, hi)
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
            if ref in ctx.rows and ctx.kind(ref) is None and not euler:
                return self.row_entry(ref, tok, lo, hi), None
            kind = None if euler or ref == "delta" else ctx.kind(ref)
            if kind in ("vector", "matrix") and any(t.kind == "text" for t in self.t[lo:hi]):
                raise ParseError(f"{ref}_{{{self.show(lo, hi)}}}: an upright label on the {kind} "
                                 f"{ref}, an entry (an index set upright) or a name of its own? "
                                 f"Write {ref}_{{…}} with the index in italics for the entry, or "
                                 "map the label under [context] latex", tok.pos)
            if kind == "vector":
                return Index(Name(ref, node.pos), self.indices(lo, hi, 1, ref), tok.pos), None
            if kind == "matrix":
                return Index(Name(ref, node.pos), self.indices(lo, hi, 2, ref), tok.pos), None
            if kind in ("function", "builtin", "constant"):
                raise ParseError(f"{ref} is a {kind} and cannot take a subscript", tok.pos)
            if simple is None:
                shown = f"{ref}_{{{self.show(lo, hi)}}}"
                step = re.fullmatch(r"\s*([A-Za-z])\s*[-+]\s*\d+\s*", self.show(lo, hi))
                how = (f"; for the value at the step before (a state {ref}_{{{step[1]}-1}} beside "
                       f"{ref}_{step[1]}), map it to a name of its own: latex = {{ \"{shown}\" = "
                       f"\"{ref}_prev\" }} with {ref}_prev declared under symbols") if step else ""
                raise ParseError(f"{shown}: {ref} is not a declared vector, so its "
                                 "subscript must be plain letters or digits; declare it under [context] "
                                 f"vectors to index it{how}", tok.pos)
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
        if isinstance(node, Defined) and isinstance(node.body, Call) \
                and node.body.func == "_pattern_matrix":  # x̂_{i,j} = …: S_{1j}, S_{ij}
            sizes = [rng.items[2] for rng in node.body.args[1:]]  # type: ignore[union-attr]
            if any(isinstance(s, Num) and s.value > 9 for s in sizes) \
                    and len(self.split_commas(lo, hi)) == 1 \
                    and any(t.kind == "num" for t in self.t[lo:hi]):  # S_{12} of a 12 × 12 S
                raise ParseError(f"{node.name}_{{{self.show(lo, hi)}}}: two indices are needed "
                                 f"(a digit may belong to either); write {node.name}_{{i,j}}",
                                 self.t[lo].pos)
            return Index(node, self.indices(lo, hi, 2, node.name), tok.pos), None
        pair = hi - lo == 2 and all(t.kind == "letter" for t in self.t[lo:hi]) \
            and self.is_array(node)  # (XW)_{nj}, Y_{nj} with Y = XW: two indices, as X_{nj}
        return Index(node, self.indices(lo, hi, 2 if pair else None, None), tok.pos), None

    def row_entry(self, ref: str, tok: _Tok, lo: int, hi: int) -> Node:
        """x_i with rows = { x = "X" }: the row i of X as a vector (the i-th example); x_{ij}
        (x_{i,j}) its entry (i, j)."""
        matrix = Name(self.ctx.rows[ref], tok.pos)
        toks = self.t[lo:hi]
        if len(toks) == 1 and toks[0].kind == "num" and len(toks[0].text) > 1:
            raise ParseError(f"{ref}_{{{toks[0].text}}}: the example {toks[0].text}, or the entry "
                             f"({toks[0].text[0]}, {toks[0].text[1:]}) of the rows of "
                             f"{matrix.id}? Write {ref}_{{{toks[0].text[0]},{toks[0].text[1:]}}} "
                             f"for the entry, or {matrix.id}'s row by its name", tok.pos)
        two = len(self.split_commas(lo, hi)) == 2 or (len(toks) == 2 and all(
            t.kind == "letter" or (t.kind == "num" and len(t.text) == 1) for t in toks))
        if two:  # r_{ij}, r_{1j}, r_{i1}: the entry, as X_{1j} is read
            return Index(matrix, self.indices(lo, hi, 2, matrix.id), tok.pos)
        (at,) = self.indices(lo, hi, 1, matrix.id)
        return Call("_row_of", (matrix, at), tok.pos)

    def bracket_entry(self, node: Node) -> Node:
        """softmax(y)[k], as code and the Stan manual write it: the entry k of the vector the
        function gives (a convention: a vector times a bracketed index is not a reading anyone
        writes). Only right after a vector-valued function's parentheses, and one index. And
        NumPy's X[i, j], x[i] right after a declared matrix's or vector's name (W_1[i, j] after
        its subscript): its entry, never the array times a bracket."""
        tok = self.peek()
        if tok is None or tok.kind != "open" or tok.text != "[":
            return node
        kind = self.ctx.kind(node.id) if isinstance(node, Name) else None
        close = self.match[self.i]
        adjacent = self.i and self.t[self.i - 1].end == tok.start and self.src[tok.start] == "["
        if kind in ("vector", "matrix") and adjacent:
            lo = self.i + 1
            self.no_slice(node.id, lo, close)  # type: ignore[union-attr]
            if kind == "matrix" and not any(t.kind == "comma" for t in self.t[lo:close]):
                raise ParseError(f"{node.id}[{self.show(lo, close)}]: NumPy reads one index of a "  # type: ignore[union-attr]
                                 f"matrix as a row; write {node.id}[i, j] for an entry",  # type: ignore[union-attr]
                                 tok.pos)
            number = next((t for t in self.t[lo:close] if t.kind == "num"), None)
            if number is not None:  # x[1]: NumPy's second entry, or the first as in x_1?
                raise ParseError(f"{node.id}[{self.show(lo, close)}]: NumPy counts from 0 (its "  # type: ignore[union-attr]
                                 f"[{number.text}] is entry {int(number.text) + 1} as a "
                                 f"subscript counts), a subscript from 1: write the entry with a "
                                 f"subscript ({node.id}_{{…}})", number.pos)  # type: ignore[union-attr]
            self.i = close + 1
            after = self.peek()
            if after is not None and (after.kind == "sub" or (
                    after.kind == "open" and after.text == "[" and self.src[after.start] == "[")):
                raise ParseError(f"{node.id}[{self.show(lo, close)}] with an index after it: "  # type: ignore[union-attr]
                                 "an entry has no entries; write one index", after.pos)
            return Index(node, self.indices(lo, close, 2 if kind == "matrix" else 1,
                                            node.id), tok.pos)  # type: ignore[union-attr]
        softmax = isinstance(node, Call) and node.func == "softmax" and not node.bare
        if softmax and close - self.i >= 2 and not any(t.text == ","
                                                       for t in self.t[self.i + 1:close]):
            lo = self.i + 1
            self.i = close + 1
            return Index(node, self.indices(lo, close, 1, None), tok.pos)
        if self.is_array(node) and self.index_like(self.i + 1, close):
            shown = self.show(self.i + 1, close)
            times = f"the array times {shown}" if "," not in shown else "a product"
            raise ParseError(f"[{shown}] after a vector or matrix: its entry {shown} (NumPy's "
                             f"brackets, written right after a declared name: x[{shown}]), or "
                             f"{times}? Write the entry with a subscript, or \\cdot before "
                             "the bracket for the product", tok.pos)
        return node

    def index_like(self, lo: int, hi: int) -> bool:
        """Whether the tokens are indices alone (i, 2, i, j): what a bracket after an array
        would index."""
        toks = self.t[lo:hi]
        return bool(toks) and all(t.kind in ("letter", "num", "comma") for t in toks) \
            and len([t for t in toks if t.kind != "comma"]) <= 2

    def no_slice(self, ref: str, lo: int, hi: int) -> None:
        """X[i, :], T_{3[i,:]}: a row as NumPy slices it (a 1-D array: a row or a column?) is
        not read; refused with what to write."""
        colon = next((t for t in self.t[lo:hi] if t.kind == "punct" and t.text in (":", ";")),
                     None)
        if colon is not None:
            raise ParseError(f"{ref}[{self.show(lo, hi)}]: a slice (a whole row or column, as "
                             "NumPy writes it) is not read: is it a row or a column vector? "
                             f"Write the entries ({ref}_{{i,j}}), or name the row and declare "
                             "it", colon.pos)

    def bracketed_script(self, node: Node, ref: str, euler: bool, tok: _Tok, lo: int, hi: int
                         ) -> Node | None:
        """``y_{[i,j]}``, ``y_{[ij]}``, ``T_{4[i,j]}``: NumPy's brackets inside a subscript, the
        entry (i, j) of y, of T_4 (the name its label makes). None where the subscript does
        not end with a bracket, or what it indexes is not a declared vector or matrix (then the
        subscript is read as before, and refused there)."""
        if euler or hi - lo < 3 or self.t[hi - 1].kind != "close" or self.t[hi - 1].text != "]":
            return None
        start = next((k for k in range(lo, hi - 1) if self.t[k].kind == "open"
                      and self.t[k].text == "[" and self.match[k] == hi - 1), None)
        if start is None:
            return None
        if start == lo:
            target: Node = node
            name: str | None = ref
        elif self.simple_script(lo, start) is not None:
            target, name = self.subscript(node, ref, euler, tok, (lo, start))
        else:
            return None
        kind = self.ctx.kind(name) if name is not None and isinstance(target, Name) else None
        if kind not in ("vector", "matrix"):
            if start == lo:
                return None
            plain_ref = next((k for k, v in LETTERS.items() if v == ref), ref)  # (T, as written)
            label = f"{plain_ref}_{self.show(lo, start)}"
            raise ParseError(f"{plain_ref}_{{{self.show(lo, hi)}}}: {self.show(lo, start)} labels "
                             f"{plain_ref}, and {label} is not a declared vector or matrix, so "
                             f"the bracket cannot index it; declare it (matrices = {{ {label} = "
                             "[\"N\", \"h\"] }, with its sizes)", tok.pos)
        self.no_slice(name, start + 1, hi - 1)  # type: ignore[arg-type]
        return Index(target, self.indices(start + 1, hi - 1, 2 if kind == "matrix" else 1, name),
                     tok.pos)

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
            indexed = sorted({n.id[:-len(m[2]) - 1] for n in walk(self.ctx.latex[key])
                              if isinstance(n, Name) and n.id.endswith(f"_{m[2]}")
                              and self.ctx.kind(n.id[:-len(m[2]) - 1]) is None})
            how = (f"declare {', '.join(indexed)} as vectors (vectors = {{ "
                   + ", ".join(f"{v} = …" for v in indexed) + " }, with the length) so that "
                   + ", ".join(f"{v}_{m[2]}" for v in indexed) + " are their entries, and "
                   "any other name symbols") if indexed else \
                "declare the other names (symbols = { … })"  # (s_j beside s_1, s_2: a vector)
            raise ParseError(
                f"{member}: the page defines {shown} = … at the index {m[2]} only (it is read "
                f"as the definition of every {ref}_k where its right side uses {m[2]} and every "
                f"other name there is declared), so {member} would be a letter of its own: "
                f"{how}, or write {shown}", tok.pos)

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
            digits = hi - lo == 1 and toks[0].kind == "num" and toks[0].text.isdigit() \
                and len(toks[0].text) >= 2
            if digits and self.one_wide(ref) and self.long_side(ref):  # c_{21}: entry 21, or
                raise ParseError(f"{ref}_{{{self.show(lo, hi)}}}: entry {toks[0].text} or entry "  # (2, 1)?
                                 f"({', '.join(toks[0].text)}) of this one-wide matrix? Write "
                                 f"{ref}_{{{toks[0].text},1}} (or the row's) or "
                                 f"{ref}_{{{','.join(toks[0].text)}}}", self.t[lo].pos)
            if len(atoms) != 2 and self.one_wide(ref):  # c_i of an n × 1 matrix, b_j of 1 × h
                return (self.within(lo, hi, self.expr),)
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

    def one_wide(self, ref: str | None) -> bool:
        """A declared matrix one of whose sides is 1 (an n × 1 or 1 × h matrix): one index
        names its entry, as a vector's does."""
        if ref in self.ctx.matrices:
            return 1 in self.ctx.matrices[ref].shape
        if ref in self.ctx.symbolic_matrices:
            return any(d == 1 for d in self.ctx.symbolic_matrices[ref][1:])
        return False

    def long_side(self, ref: str | None) -> bool:
        """Whether a declared one-wide matrix may have 10 entries or more (its length a
        symbol, or a number above 9): then two digits may be one index."""
        if ref in self.ctx.matrices:
            return max(self.ctx.matrices[ref].shape) > 9
        if ref in self.ctx.symbolic_matrices:
            return any(not (d.is_Integer and d <= 9) for d in self.ctx.symbolic_matrices[ref][1:])
        return False

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
        declared_t = self.t[lo].kind == "letter" and (
            self.ctx.kind("T") == "symbol" or self.ctx.kind(LETTERS["T"]) == "symbol")
        if self.is_transpose(lo, hi) and declared_t and self.is_array(node):
            raise ParseError(f"^{self.show(lo, hi)} with T declared a number: the transpose, or "
                             "a power (T steps of a recurrence, say)? Write ^\\top (or "
                             "^\\intercal) for the transpose, or give the number another letter",
                             tok.pos)
        if self.is_transpose(lo, hi) and not declared_t:
            if self.is_array(node):
                return Call("T", (node,), tok.pos)
            shown = self.show(lo, hi)
            letter = self.t[lo].kind == "letter"
            raise ParseError(f"^{shown} on something that is not a declared vector or matrix"
                             + (": T may be a transpose or an exponent" if letter else "")
                             + "; declare the vector or matrix under [context]"
                             + (" for a transpose, or T under symbols for a power" if letter
                                else ""), tok.pos)
        if hi - lo == 2 and self.t[lo].kind == "op" and self.t[lo].text == "-" \
                and self.is_transpose(lo + 1, hi) and self.is_array(node):
            # A^{-T}, A^{-\top}: the inverse's transpose (as (A^{-1})^T)
            return Call("T", (Bin("**", node, Num(Fraction(-1), tok.pos), tok.pos),), tok.pos)
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

    def sample(self, ref: str, label: str, tok: _Tok, lo: int, hi: int,
               sub: tuple | None = None) -> Node | None:
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
            return Index(Name(ref, tok.pos), self.indices(lo + 1, hi - 1, 1, ref), tok.pos,
                         label=True)
        if kind == "matrix":  # the examples' rows: x^{(i)} is row i, x_j^{(i)} its entry j
            (at,) = self.indices(lo + 1, hi - 1, 1, ref)
            if sub is None:
                return Call("_row_of", (Name(ref, tok.pos), at), tok.pos)
            (feature,) = self.indices(sub[1][0], sub[1][1], 1, ref)
            return Index(Name(ref, tok.pos), (at, feature), tok.pos)
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
        if hi - lo >= 3 and self.t[lo].kind == "open" and self.t[lo].text == "\\{" \
                and self.match[lo] == hi - 1:
            raise ParseError(f"^{{{self.show(lo, hi)}}}: braces in a superscript: a label "
                             "(write ^{(i)}, a sample's or a layer's) or a power (write ^{i})?",
                             self.t[lo].pos)
        if hi - lo < 3 or self.t[lo].kind != "open" or self.t[lo].text not in ("(", "[") \
                or self.match[lo] != hi - 1:
            return None
        inner = [t for t in self.t[lo + 1:hi - 1]  # (x^{(\mathbf{i})}: a font's command and
                 if not (t.kind in ("open", "close") and t.text in "{}")  # braces; \mathit{i}
                 and not (t.kind == "cmd" and t.text in _FONTS)]  # is one text token)
        if not inner or not all(t.kind in ("letter", "num") or (t.kind == "op" and t.text in "+-")
                                or (t.kind == "text" and re.fullmatch(r"[A-Za-z0-9]+", t.arg))
                                for t in inner):
            return None
        if inner[0].kind == "op" or inner[-1].kind == "op":
            return None
        text = "".join(t.arg if t.kind == "text" else t.text for t in inner)  # the tokens'
        # text: x⁽²⁾ is x^{(2)}
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
        # the name it reads as (a^[1]): a display that defined it in another font
        # (\mathbf{a}^{[1]} = …, \boldsymbol{\delta}^{[2]} = …) is found under it too (it was
        # not, and a use read as a letter of its own proved ∂L/∂w₁ = 0)
        keys.append(f"{ref}^{label}" if label.startswith("[") or label == "*" else f"{ref}^({label})")
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
        if not self.defining and not label.startswith("[") and label != "*" and any(
                re.fullmatch(rf"\\?{re.escape(ref)}\^(?:\{{\(|\()([A-Za-z])\)\}}?", k)
                and k not in keys for k in self.ctx.latex):  # (z^{(2)} beside z^{(i)} = …)
            raise ParseError(f"{ref}^{marked(label)}: the page defines {ref} at a label that is a "
                             f"letter ({ref}^{{(i)}} = …), and not {ref}^{marked(label)}: its member "
                             f"at {label}, or a letter of its own? Write the member out (its "
                             "definition at that label), or give it a definition of its own",
                             tok.pos)
        kind = self.ctx.kind(ref) if ref != "delta" else None
        if kind in ("vector", "matrix"):
            example = "" if label.startswith("[") or not re.fullmatch(r"[A-Za-z]", label) else (
                f"; if {ref}^{marked(label)} is the example {label} of {ref} (its entry {label}), "
                f"declare indices = \"superscript\" beside {ref}")
            raise ParseError(f"{ref}^{marked(label)} names another {ref} (a layer or a sample), not the "
                             f"declared {kind} {ref} nor a power; map it under [context] latex, e.g. "
                             f"\"{key}\" = \"{ref}{label}\" with {ref}{label} declared{example}",
                             tok.pos)
        if kind in ("function", "builtin", "constant"):
            raise ParseError(f"{ref} is a {kind} and cannot take a label ^{marked(label)}", tok.pos)
        name = f"{ref}^{label}" if label.startswith("[") or label == "*" else f"{ref}^({label})"
        said = self.ctx.said_arrays.get(name)  # W^{(1)} ∈ ℝ^{3×3} in the prose: no number
        if said is not None and not self.defining:
            raise ParseError(said, tok.pos)
        if ref in self.sub_atoms:  # x_j^{(i)}: still indexed by j
            self.sub_atoms[name] = self.sub_atoms[ref]
        return Name(name, node.pos), name

    # ---- decorations

    def decorated(self) -> _Prim:
        tok = self.t[self.i]
        self.i += 1
        lo, hi = self.arg(tok, "an argument")
        ctx = self.ctx
        exact = spelled(tok.text, "".join(self.show(lo, hi).split()), ctx.latex)
        if exact in ctx.latex:
            return self.mapped(ctx.latex[exact], tok, exact)
        letter = "".join(self.show(lo, hi).split()).lstrip("\\")
        said = ctx.said_arrays.get(exact) or (  # \mathbf{x} ∈ ℝ^d, or x ∈ ℝ^d and \mathbf{x}
            ctx.said_arrays.get(letter) if tok.text in UNSIZED_DECORATIONS else None)
        if said is not None and not self.defining and ctx.kind(letter) is None \
                and (self.peek() is None or self.peek().kind != "sub"):
            raise ParseError(said, tok.pos)
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
        if tok.text in UNSIZED_DECORATIONS and inner == "I" and self.ctx.kind("I") is not None \
                and exact not in ctx.latex:  # I declared a number: \mathbf{I} that, or the identity?
            raise ParseError(f"{exact} with I declared ({self.ctx.kind('I')}): the identity, or "
                             "the declared I in bold? Write eye(n) for the identity, or give the "
                             "declared I another letter", tok.pos)
        if tok.text in UNSIZED_DECORATIONS and inner in ("1", "I") and (
                inner == "1" or self.ctx.kind("I") is None):
            # \mathbf{1}, \mathbf{I}: the ones vector, the identity, of the size needed beside;
            # \mathbf{I}_2, \mathbf{I}_n (n a size): of that size
            size = self.sized_script()
            return Call("ones" if inner == "1" else "eye", size, tok.pos), None, False
        if tok.text in UNSIZED_DECORATIONS and inner == "0":  # \mathbf{0}: zero, in any shape
            return Num(Fraction(0), tok.pos), None, False
        base_latex, base_id, sub = self.within(lo, hi, self.decor_inner)
        simple = spelled(tok.text, base_latex, ctx.latex)
        if simple != exact and simple in ctx.latex:
            node, ref, _ = self.mapped(ctx.latex[simple], tok, simple)
        elif base_latex.startswith("\\") and base_id + DECORATIONS[tok.text] in _NOT_BARE:
            # \boldsymbol{\delta}_2: a Greek letter the vocabulary reserves (the Kronecker
            # delta), in a font: a name with its index, as \delta_2 is
            word = base_id + DECORATIONS[tok.text]
            nxt = self.peek()
            if sub is None and (nxt is None or nxt.kind not in ("sub", "sup")):
                raise ParseError(f"{exact} alone: \\{base_id} is the Kronecker delta (two "
                                 f"indices) or a name with an index (\\{base_id}_1); map it to a "
                                 f"name of its own (latex = {{ \"{exact.replace(chr(92), chr(92) * 2)}"
                                 f"\" = \"d\" }}, with d declared)", tok.pos)
            node, ref = Name(word, tok.pos), word
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

    def sized_script(self) -> tuple[Node, ...]:
        """``_2``, ``_{n}`` (n a declared size) next: read, as the size of \\mathbf{I} or
        \\mathbf{1}; nothing otherwise (the size its neighbour needs)."""
        nxt = self.peek()
        if nxt is None or nxt.kind != "sub" or self.i + 1 >= self.end:
            return ()
        k = self.i + 1
        braced = self.t[k].kind == "open" and self.t[k].text == "{" and self.match[k] == k + 2
        size = self.t[k + 1] if braced else self.t[k]
        if size.kind == "num" and size.text.isdigit():
            node: Node = Num(Fraction(int(size.text)), size.pos)
        elif size.kind == "letter" and size.text in self.ctx.dims:
            node = Name(size.text, size.pos)
        else:
            return ()
        self.i = k + (3 if braced else 1)
        return (node,)

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
