"""Functions as written: ``\\log_b``, calls and their arguments, primes, powers of a
function (``\\sin^2 x``), a function's operand without brackets, square roots.

A part of :class:`checker.parse.latex._Parser` (its methods, read with the parser's state)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from fractions import Fraction

from checker.parse import conditional
from checker.parse.conditional import BAR
from checker.parse.context import (
    STRUCTURAL_FUNCTIONS,
    overload,
)
from checker.parse.latex_common import _OF_A_VECTOR, _vocabulary_case
from checker.parse.latex_lexer import (
    _BARE_FUNCTIONS,
    FRAC_COMMANDS,
    FUNCTION_COMMANDS,
    GREEK,
    _Tok,
    _tokenize,
)
from checker.parse.tree import (
    Bin,
    Call,
    Choice,
    Defined,
    Name,
    Node,
    Num,
    ParseError,
    Pos,
    Prime,
    Unary,
    free_names,
    map_children,
    plain,
    walk,
)
from checker.vocabulary import BY_NAME

# a space TeX sets between two factors: \, \; \: \> "\ " and the spacing commands
_SPACE = re.compile(r"\\[,;:> ]|\\(?:thinspace|medspace|thickspace|enspace)(?![A-Za-z])|~")


class _Functions:
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
            iterate = user  # (\operatorname{act}^2(x) with act the page's too: a square or
            # an iterate, as f^2(x); only the vocabulary's \sin^2 x is a square by convention)
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
        if fname in self.ctx.redefined:
            node = map_calls(node, fname, self.redefined)
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
        return self.redefined(Prime(fname, order, args, tok.pos))

    def redefined(self, node: Call | Prime) -> Node:
        """A built-in function the page defines again (swish(x) = x σ(βx)): the built-in, or
        the page's? Both readings (checked both ways; where they disagree, the line is
        unknown, not decided on a guess)."""
        found = self.ctx.redefined.get(node.func)
        if found is None:
            return node
        page, line = found
        return Choice(f"redefined:{node.func}", (node, replace(node, func=page)),
                      (f"{node.func} as the built-in {node.func}",
                       f"{node.func} as the page defines it at line {line}"),
                      f"give the page's function another name ({node.func}_2, say) where it is "
                      "defined, so that each line says which it means", node.pos)

    def explicit_op_follows(self) -> bool:
        """After an unbracketed argument: is the next thing '\\cdot y', '/ y' or a factor set
        apart by a space '\\, y' (an operand that the argument might, or might not, include)?"""
        op, nxt = self.peek(), self.peek(1)
        if op is not None and self.spaced(self.i) and self.starts_factor(op) \
                and not self.starts_operator(self.i):
            return True  # \log x \, y: log(x)·y, or log(x·y)?
        return (op is not None and op.kind == "op" and op.text in ("*", "/")
                and nxt is not None and self.starts_factor(nxt) and not self.starts_operator(self.i + 1))

    def spaced(self, k: int) -> bool:
        """Whether a TeX space (\\, \\; \\: \\> \\  \\thinspace …) stands right before token k:
        it may set the factor after it apart from an unbracketed function argument."""
        if k <= 0 or k >= len(self.t):
            return False
        between = self.src[self.t[k - 1].end:self.t[k].start]
        return _SPACE.search(between) is not None

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

    def sigma_letter(self, k: int) -> bool:
        """Is the (undeclared) \\sigma at token k the letter: a power with nothing it could
        apply to after it (\\log 2\\pi\\sigma^2 is log(2πσ²): the argument went on to σ² and
        stopped, so σ² was read as the letter outside it, σ²·log(2π), and proved)?"""
        after = self.squared_at(k + 1) or (self.even_power_at(k + 1) or (None,))[0]
        if after is None and k + 1 < self.end and self.t[k + 1].kind == "sup":
            nxt = self.t[k + 2] if k + 2 < self.end else None
            after = (self.match[k + 2] + 1 if nxt is not None and nxt.kind == "open"
                     and nxt.text == "{" else k + 3) if nxt is not None else None
        return after is not None and (after >= self.end or not self.starts_factor(self.t[after]))

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
                    and self.ctx.kind("sigma") is None and not self.sigma_letter(k)
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
        if tok.kind == "text":  # \det A \det B, \text{ReLU}(x) as \operatorname{ReLU}(x),
            word = _vocabulary_case(tok.arg.strip(), self.ctx)  # \operatorname{tr} A, ReLU(x)
            return word in _BARE_FUNCTIONS or word in ("det", "tr", "trace", "Tr") \
                or self.ctx.kind(word) == "function"
        return False

    def operand(self, explicit: bool) -> Node:
        """The argument of a function written without brackets: by convention the product
        term that follows (\\log 2x = log(2x), \\sigma 2x = σ(2x)), up to the next operator
        (\\sin x \\cos x = sin(x)·cos(x)), a sign, or, unless ``explicit``, an explicit
        \\cdot or /."""
        signs = self.signs()
        node = self.factor()
        while (tok := self.peek()) is not None and not self.starts_operator(self.i):
            if self.starts_factor(tok) and (explicit or not self.spaced(self.i)):
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
        if nxt is not None and nxt.kind == "open" and (nxt.text in ("(", "[") or (
                nxt.text == "\\{" and fname in ("max", "min"))):  # \max\{0, 1 - yz\}: a set's
            close = self.match[self.i]  # largest element, as max(0, 1 − yz)
            lo, self.i = self.i + 1, close + 1
            fn = self.ctx.functions.get(fname)
            saved, self.whole_family = self.whole_family, (fn is not None and fn.body is None
                                                           and bool(fn.params)) \
                or fname in _OF_A_VECTOR  # L(y) with y_i = … and L declared arbitrary, or
            # softmax(s) with s_j = … (attention's scores): s whole
            parts = self.split_commas(lo, close, bars=True)
            bars = tuple(k + 1 for k, (_, b) in enumerate(parts[:-1]) if self.t[b].text == BAR)
            try:
                args = tuple(self.within(a, b, self.expr) for a, b in parts)
            finally:
                self.whole_family = saved
            key = overload(fname, len(args))
            conditional.check_call(label, args, bars, self.ctx.functions.get(
                key if key in self.ctx.functions else fname), nxt.pos)
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
            similar = sorted(k for k in self.ctx.latex for p in fn.params if k != p
                             and re.sub(r"\\[A-Za-z]+|[{}\s]", "", k) == p)  # \mathbf{y} for y
            hint = (f"; the page defines {similar[0]}: declare the function at it, as in "
                    f"\"{label}({similar[0].replace(chr(92), chr(92) * 2)})\" = \"arbitrary\""
                    " in the block") if similar else ""
            raise ParseError(f"{label} alone means {label}({', '.join(fn.params)}), as declared, "
                             f"and {', '.join(fn.params)} {'is' if len(fn.params) == 1 else 'are'}"
                             " not declared or defined here: write "
                             f"{label}(…){hint}", nxt.pos if nxt else self.here())
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


def map_calls(node: Node, fname: str, fn: Callable[[Call], Node]) -> Node:
    """``node`` (a call, or the power or choice built around it) with each call of ``fname``
    at its top replaced by ``fn`` of it (its arguments were read, and wrapped, on their own)."""
    if isinstance(node, Call) and node.func == fname:
        return fn(node)
    if isinstance(node, Bin | Choice):
        return map_children(node, lambda child: map_calls(child, fname, fn))
    return node
