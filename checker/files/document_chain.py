"""One display's chain into a derivation (its steps read, lowered to entries where they are
arrays, with its controls and hypotheses), and the identity of what it checks.

A part of :mod:`checker.files.document`."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial

import sympy as sp

from checker.deadline import OutOfTime, time_limit
from checker.files import prose, sizes, values, where_order
from checker.files.common import (
    MAX_STEPS,
    READ_SECONDS,
    Bad,
    InputError,
    Loaded,
    Prebuilt,
    expect,
)
from checker.files.context import hypotheses
from checker.files.document_definitions import (
    _define,
    _definition,
)
from checker.files.document_displays import (
    _ARROW_START,
    _INEQUALITY,
    _INEQUALITY_START,
    _OTHER_RELATIONS,
    _SIMPLE_CONDITION,
    _letters,
    _without_scripts,
    declared_letters,
)
from checker.files.document_lookup import UsedBefore
from checker.files.document_model import (
    NAME,
    Display,
    Document,
)
from checker.files.implications import is_implication_chain, latex_statements
from checker.files.members import member_doubts
from checker.files.names import (
    USED,
    no_imaginary_unit,
    not_defined_here,
    top_level_eq,
)
from checker.files.steps import (
    chain_choices,
    indices,
    latex_step,
    lower_arrays,
    not_tied,
    one_equation,
    same_shapes,
    sized_again,
    sizes_free,
    vocabulary_redefined,
)
from checker.model import CatalogItem, Derivation, Implications, Step, case_rows
from checker.parse.context import SCALAR_FUNCTIONS, Context, UserFunction
from checker.parse.latex_chain import last_equation
from checker.parse.readings import readings
from checker.parse.tree import (
    Call,
    Name,
    Node,
    ParseError,
    Pos,
    bound_indices,
    free_names,
    walk,
)
from checker.results import Verdict


def _top_level(latex: str) -> str:
    """The text outside environments (cases, arrays) and brace groups, where an & of theirs
    is no column of the display."""
    while True:
        inner = re.sub(r"\\begin\{(\w+\*?)\}(?:(?!\\begin\{).)*?\\end\{\1\}|\{[^{}]*\}", " ",
                       latex, flags=re.S)
        if inner == latex:
            return inner
        latex = inner


def _file_pos(line: int, col: int, pos: Pos | None) -> tuple[int, int]:
    if pos is None:
        return line, col
    return line + pos.line - 1, (pos.col if pos.line > 1 else col + pos.col - 1)


def _no_index_between(name: str, earlier: list[str], ctx: Context) -> None:
    """E = Σ_k (t_k − a)², then a = o_k: in "where" order, is E's a the a_k of its sum (what
    the author likely means), or o_k at a k of its own (as a definition means where it is
    written)? The readings disagree: refused."""
    def body(key: str) -> Node | None:
        fn = ctx.functions.get(key.lstrip("\\").split("(")[0])
        return fn.body if fn is not None and fn.body is not None else ctx.latex.get(key)

    later = body(name)
    if later is None:
        return
    letters = free_names(later) - set(getattr(ctx.functions.get(name.lstrip("\\")), "params", ()))
    for first in earlier:
        node = body(first)
        caught = sorted(letters & bound_indices(node)) if node is not None else []
        if caught:
            raise Bad(f"{name} = …: it writes {caught[0]}, which {first}'s definition (before "
                      f"it, read with this one) binds as a sum's index: is {first}'s {name} the "
                      f"{name} at that index, or at a {caught[0]} of its own? Define {name} "
                      f"before {first}, with the index written ({name}_{caught[0]} = …)",
                      pos=Pos(1, 1))


def _definition_value(rhs: str) -> str:
    """A definition's right side without what ends its line (``\\``, ``&``, ``&& \text{…}``)."""
    value = re.sub(r"(\\\\(\[[^\]]*\])?|&|\s)*$", "", rhs)
    return re.sub(r"(?:\s*&)+\s*\\(?:text|textrm|mbox)\{[^{}]*\}\s*$", "", value)


def _read_waiting(ctx: Context, names: set[str], out: Loaded, doc: Document, written: str,
                  line: int) -> None:
    """After ``written`` is defined at ``line``: the definitions before it that could not be
    read and that write it, read again now ("where" order, see checker.files.where_order).
    One that is read withdraws its error; one that is not stays as it was reported."""
    for name in where_order.waiting_for(ctx, written, doc.displays, line):
        waiting = ctx.waiting[name]
        kept = where_order.snapshot(ctx)
        marks = {k: at for k, at in ctx.unread.items() if at == waiting.line}
        for key in marks:  # (its own marks: not an earlier definition of it)
            del ctx.unread[key]
        try:
            found = _definition(waiting.latex, ctx, names, "")
            if found is None or found[0] != name or top_level_eq(found[2]) is not None:
                ctx.unread.update(marks)  # (a chain after it would be checked where it is
                continue  # written: not here)
            value = _definition_value(found[2])
            with time_limit(READ_SECONDS):
                _define(ctx, name, found[1], value)
        except (Bad, ParseError, ValueError, OutOfTime):
            where_order.restore(ctx, kept)
            ctx.unread.update(marks)
            continue
        where_order.remember(ctx, name, found[1], value,
                             waiting.line, kept)
        del ctx.waiting[name]
        for key in marks:
            ctx.unread_names.pop(key, None)
        if waiting.error in out.errors:
            out.errors.remove(waiting.error)
            out.unread_sides -= waiting.sides
        names.add(name)


def _chain(doc: Document, display: Display, controls: dict, ctx: Context, given: list[str],
           latex: str, line: int, col: int, names: set[str], number: str, seen_ids: set[str],
           digest: str, out: Loaded, tail: tuple[str, int] | None = None, joint: str = " = ",
           equation: bool = False, alone: bool = True
           ) -> tuple[CatalogItem | None, tuple[str, int] | None]:
    """The derivation a chain makes (None for a definition only), and the last step's LaTeX
    and line, from which a next display that starts with '=' goes on. ``alone``: the chain is
    its display's only one (an implication's first equation is then all it starts from)."""
    from checker.parse.latex_chain import parse_latex_steps

    mark = len(ctx.differentiated)  # the derivatives this display reads (not_tied)
    where = display.file or doc.path
    cut = top_level_eq(latex)
    _not_reparametrised(display, latex, cut, ctx)
    defines_o = cut is not None and re.fullmatch(r"\s*&?\s*O\s*\([^()]*\)\s*&?\s*",
                                                 latex[:cut])
    if ctx.kind("O") is None and not defines_o and re.search(  # sin x = x + O(x^3)
            r"(?<![A-Za-z\\])O\s*(?:\\left)?\(|\\mathcal\s*\{\s*O\s*\}", latex):
        raise Bad("O(…) (big O) says the line holds up to terms of that order, which '=' does "
                  "not: it is not checked as an identity; write the terms out, or \\approx "
                  "(not checked)", pos=Pos(1, 1))
    shift = 0
    arrow = _ARROW_START.match(latex)
    lead, what = ("an arrow", "equation") if arrow else ("'='", "expression")
    if arrow and tail is not None and not tail[0] and not tail[1]:
        raise Bad("this display starts with an implication arrow, but no equation comes before "
                  "it to follow from: write the equation it follows from first", pos=Pos(1, 1))
    if tail is not None and tail[0] == "\x01":
        raise Bad(f"this display starts with {lead}, but the display at line {tail[1]}, which it "
                  f"would go on from, is skipped; write its left side", pos=Pos(1, 1))
    if tail is not None and tail[0] == "\x00":
        raise Bad(f"this display starts with {lead}, but the prose before it starts a new case "
                  f"or names an expression after the display at line {tail[1]}: which {what} it "
                  "goes on from is not clear; write its left side", pos=Pos(1, 1))
    if tail is not None and tail[0].startswith("\x04"):  # … = 1, then "= (x + 1)(x + 1)"
        raise Bad(f"this display starts with {lead}, and could go on from the constant that ends "
                  f"the display at line {tail[1]} or from the chain at line {tail[0][1:]}, "
                  "which writes its letters: write its left side", pos=Pos(1, 1))
    if tail is not None and tail[0].startswith("\x02"):  # u = 2, then "= σ(x) − σ(x)²"
        raise Bad(f"this display starts with {lead}, but the display at line {tail[1]}, which it "
                  f"would go on from, defines {tail[0][1:]}, a number: write its left side",
                  pos=Pos(1, 1))
    keep = declared_letters(ctx)
    if tail is not None and tail[0] and _letters(tail[0], keep) and _letters(latex, keep) \
            and not _letters(tail[0], keep) & _letters(latex, keep):
        raise Bad(f"this display starts with {lead}, but it shares no variable with the last "
                  f"{what} of the display at line {tail[1]} ({tail[0].strip()}), which it "
                  "would go on from: write its left side", pos=Pos(1, 1))
    if tail is not None and not tail[0]:
        lead_rel = "⇒" if arrow else ("≤" if re.match(r"\s*&?\s*(?:\\le|<)", latex) else "≥"
                                      if re.match(r"\s*&?\s*(?:\\ge|>)", latex) else "=")
        raise Bad(f"this display goes on ('{lead_rel} …') from the display at line "
                  f"{tail[1]}, which could not be read; fix that one first", pos=Pos(1, 1))
    if tail is not None and tail[0] and _INEQUALITY_START.match(latex) \
            and prose.states_condition(display.before):  # "and we assume that ⏎ $$\le 1$$"
        raise Bad("this display goes on with an inequality that the prose before it makes an "
                  "assumption or a condition, which claims nothing to check: declare it under "
                  "given, or write it as a condition after the step it bounds (\\quad (…))",
                  pos=Pos(1, 1))
    if tail is not None:  # the chain goes on from the step before: A (there) = B = C (here)
        latex, shift = tail[0] + joint + latex, len(tail[0]) + len(joint)

    def place(pos: Pos | None) -> tuple[int, int]:
        if shift and (pos is None or (pos.line == 1 and pos.col <= shift)):
            return tail[1], 1  # type: ignore[index]
        if shift and pos is not None and pos.line == 1:
            pos = Pos(1, pos.col - shift)
        return _file_pos(line, col, pos)

    def size_error(exc: Bad, at: Pos) -> None:  # (a size's own: what it follows is read all
        eline, ecol = place(exc.pos or at)      # the same)
        out.errors.append(InputError(where, exc.message, line=eline, col=ecol))

    if is_implication_chain(latex):
        ident = _identity(doc, display, controls, line, number, seen_ids)
        try:
            statements, entry_of = latex_statements(latex, controls, ctx, MAX_STEPS,
                                                    lambda pos: place(pos)[0])
        except Bad as exc:
            eline, ecol = place(exc.pos)
            raise Bad(exc.message, pos=Pos(eline - line + 1, ecol)) from None
        out.read_sides += sum(1 if st.arrow == "=" else 2 for st in statements) - (
            2 if shift else 0)
        hyps = hypotheses(given, ctx)
        sides = [v for st in statements for v in (st.lhs, st.rhs)]
        free, lengths = indices(ctx, sides, hyps)
        entry = Implications(*ident, tuple(statements), hyps,
                             expect(controls.get("expect", "proved"), "expect"),
                             str(controls.get("note", "")), free + entry_of, lengths,
                             alone=alone and tail is None)  # (x + y = 3, x − y = 1 ⇒ x = 2:
        # the arrow's first equation is not all it follows from)
        last = last_equation(latex)
        return (CatalogItem(entry.id, entry.title, entry.source, Prebuilt(entry), ("document",),
                            cache_key=f"doc:{digest}:{entry.id}"),
                (last[1], line) if last else None)
    if sizes.alone(latex):  # (not silently dropped: it says something of the row before)
        raise Bad("a size on a row of its own (&\\in \\mathbb{R}^{…}) is not read: write it at "
                  "the end of the line it is about (… = X^T G \\in \\mathbb{R}^{d \\times h})",
                  pos=Pos(1, 1))
    latex, size = sizes.split(latex)  # … = X^T G \in \mathbb{R}^{d \times h}: a claim of its own
    if re.search(r"\\[pb]?mod(?![A-Za-z])|\\(?:text|mathrm|operatorname|textrm|mbox)\s*\{\s*\(?"
                 r"\s*mod\b|\(\s*mod\b", latex):  # 7 ≡ 1 (mod 3): not an equality of numbers
        raise Bad("a congruence modulo a number (mod …) is not checked: the reader checks "
                  "identities of real numbers, and read as one this line would claim something "
                  "else; skip the display (<!-- derivcheck: skip -->)", pos=Pos(1, 1))
    if "=" not in _without_scripts(latex) and re.search(r"\\equiv(?![A-Za-z])", latex):
        latex = re.sub(r"\\equiv(?![A-Za-z])", "=     ", latex)  # ≡: identically equal (or
        # a definition, of a new name, as '=' is)
    earlier: list[str] = []  # definitions before it that use the name it defines
    lifted = None  # and what taking the "where" order changed, to undo if it fails
    try:
        definition = None if tail else _definition(latex, ctx, names, display.before)
    except UsedBefore as exc:  # L = (T − a)², then a = σ(z): "where" order, if it may be
        earlier = where_order.users(ctx, exc.letter or "", doc.displays, line) or []
        value = latex.split("=", 1)[-1]
        if not earlier or not re.search(r"[A-Za-z]", re.sub(r"\\[A-Za-z]+", " ", value)) \
                or prose.SOLVING.search(prose.prose_end(display.before)):
            raise  # (w = 3 after L = (w − 2)²: a value or a solution, not what w is made of)
        lifted = (exc, where_order.lift(ctx, exc.letter or ""))
        try:
            definition = _definition(latex, ctx, names, display.before)
        except (Bad, ParseError):
            where_order.unlift(ctx, lifted[1])
            raise exc from None
    if definition is not None:
        name, params, rhs = definition
        cut = top_level_eq(rhs)  # (L(w) = (w − 1)^2 \ge 1: L is (w − 1)², then a bound)
        bound = _first_inequality(rhs)
        if bound is not None and (cut is None or bound < cut):
            cut = bound
        kept = where_order.snapshot(ctx)
        value = _definition_value(rhs if cut is None else rhs[:cut])
        row = re.split(r"\\\\", value)[0].lstrip().lstrip("&")  # (f(x) = & x^2 \\ = & …:
        if cut is not None and re.search(r"(?<!\\)&", _top_level(row)):  # a column) z &= wx + b &
            # a &= σ(z): another column, an equation of its own (not && \text{(a remark)})
            raise Bad("two equations side by side on one line (a second & starts another column "
                      "of the align): put each equation on a line of its own",
                      pos=Pos(1, latex.index(value) + value.index("&") + 1 if value in latex
                              else 1))
        try:  # f(t) = t^2 = t·t: f is the first side; the rest is a chain to check
            _define(ctx, name, params, value)
            where_order.remember(ctx, name, params, value, line, kept)
            if lifted is not None:  # the definitions before it that use it: read again
                _no_index_between(name, earlier, ctx)
                try:
                    where_order.read_again(ctx, earlier, partial(_define, ctx))
                except (ParseError, Bad, ValueError):
                    raise lifted[0] from None
        except (ParseError, Bad) as exc:  # a definition refused half way is not made at all
            where_order.restore(ctx, kept)  # (m_t = … with t declared was refused, and then read)
            if lifted is not None:
                where_order.unlift(ctx, lifted[1])
            if isinstance(exc, Bad):
                raise
            offset = latex.index(rhs) if rhs in latex else 0
            before = latex[:offset].count("\n")
            at = exc.pos or Pos()
            unread = Bad(f"the definition of {name}: {exc.message}",
                         pos=Pos(before + at.line, at.col + (offset if not before else 0)))
            if cut is None:  # read again if a later definition makes it readable
                unread.waits = name
            raise unread from None
        names.add(name)
        _read_waiting(ctx, names, out, doc, name, line)
        if size is not None and (cut is None or not rhs[cut + 1:].strip()):
            try:  # (the definition is made whatever its size: an error of the size's own)
                _size_of_value(doc, display, controls, ctx, given, size, value, line, number,
                               seen_ids, digest, out, size.pos(latex), is_definition=True)
            except Bad as exc:
                size_error(exc, size.pos(latex))
        if cut is None or not rhs[cut + 1:].strip():  # a definition only
            value = " ".join(rhs.replace("&", " ").split())
            if not _letters(value) and not params:  # u = 2: a setting, no chain goes on from it
                return None, ("\x02" + f"{name} = {value}", line)
            return None, (value, line)
        # A := B = C …: the chain B = C … is checked too, at the lines and columns it has in
        # the display (what stands before it blanked: its rows were reported a line early)
        offset = latex.index(rhs) if rhs in latex else 0
        latex = re.sub(r"[^\n]", " ", latex[:offset]) + rhs
    elif "=" not in _without_scripts(latex) and not _decimal_approximations(latex) \
            and not (_inequality_claim(latex, display) if tail is None else _is_inequality(latex)):
        # an expression, a condition, or a relation other than '=' and the inequalities:
        # nothing to check (the '=' of \sum_{i=1} is not one), but an expression's size
        said = sizes.statement(latex) if tail is None and size is None else None
        if said is not None:  # (a line of its own: read, or not read, as a chain's side is)
            if _size_of_value(doc, display, controls, ctx, given, said[1], said[0], line,
                              number, seen_ids, digest, out, said[1].pos(latex), said[2]):
                out.read_sides += 1
            return None, None
        if tail is None and size is None and sizes.unread_membership(latex):
            raise Bad("this display says something is in a set in a way that is not checked: "
                      "a size is read after a chain's last line, or alone as EXPR \\in "
                      "\\mathbb{R}^{m \\times n} (ℝ, ℝⁿ), one to a display; names alone in a "
                      "set are declarations (x, y \\in \\mathbb{R})", pos=Pos(1, 1))
        plain = not re.search(r"<|>|\\[lgn]eq?\b|\\approx|\\sim|\\propto|\\in\b|\\to\b", latex)
        return None, ((" ".join(latex.replace("&", " ").split()), line) if plain else None)
    try:
        steps = parse_latex_steps(latex, ctx)
    except ParseError as exc:
        raise Bad(exc.message, pos=exc.pos) from None
    if not shift and len(steps) >= 2 and (
            why := vocabulary_redefined(steps[0].node, steps[1].node, ctx)) is not None:
        func, at = steps[0].node.func, place(steps[0].pos)[0]  # type: ignore[union-attr]
        params = tuple(a.id for a in steps[0].node.args)  # type: ignore[union-attr]
        if any(p in ctx.latex or p in ctx.families or ctx.kind(p) not in (None, "symbol")
               for p in params):  # (a parameter the page defines: the body would not be its)
            ctx.contested[func] = (f"{func} is given a definition of its own at line {at}, "
                                   f"unlike the built-in {func}, so which one is meant here "
                                   "cannot be told; rename the page's function there")
            raise Bad(why, pos=steps[0].pos)
        # swish(x) = x σ(βx): a definition of the page's own swish, or a (false) claim about
        # the built-in one? From here on swish reads both ways, this line too: the readings
        # are checked, and where they disagree the line is unknown, never decided on a guess
        page = f"{func}@{at}"
        ctx.functions[page] = UserFunction(page, params, steps[1].node)
        ctx.redefined[func] = (page, at)
        try:
            steps = parse_latex_steps(latex, ctx)
        except ParseError as exc:
            raise Bad(exc.message, pos=exc.pos) from None
    not_defined_here(steps, latex, ctx)
    no_imaginary_unit(steps, ctx)
    if ctx.log_base and values.takes_log([s.node for s in steps if s.node is not None], ctx):
        raise Bad(f"the prose says \"{ctx.log_base[:90]}\": a logarithm of another base than e, "
                  "while log is read as the natural logarithm (here, or in a definition this "
                  "line uses); write the base out (\\ln x / \\ln 2 for log₂ x)", pos=Pos(1, 1))
    if not shift and not equation:  # (x = 2 solved, or the premise of an arrow: an equation)
        values.no_value_for_a_variable(steps, ctx, given, line)
    valued = values.valued_uses(steps, ctx)  # (y = Xβ + ε refused: read y as the variable)
    if not shift and len(steps) == 2:  # "Problem 2. Now a cubic loss. $$L = x^3$$", or "## (b)"
        values.given_again(steps, ctx, line, hypotheses(given, ctx), bool(  # under L's section
            prose.NEW_PROBLEM.search(prose.prose_end(display.between))))
    first = steps[0].node if steps else None
    if not shift and isinstance(first, Call) and first.args and (
            first.func in ctx.functions or first.func in SCALAR_FUNCTIONS) \
            and all(isinstance(a, Name) and a.id not in ("E", "pi")  # (log(e) = 1 is
                    for a in first.args):  # a value at e) f(x) = …: f alone is f(x)
        at = tuple(a.id for a in first.args)  # type: ignore[union-attr]
        # written at two places (f(x) = …, f(y) = …): f alone could mean either, so neither
        ctx.written[first.func] = at if ctx.written.get(first.func, at) == at else ()
    for s in steps:  # every letter a line uses: a word made of them is their product
        if s.node is not None:
            seen_letters = {n.id for n in walk(s.node) if isinstance(n, Name) and len(n.id) == 1}
            names.update(USED + n for n in seen_letters)
    for s in steps:  # names that stand alone are "seen": later displays say things about them
        if s.node is not None and isinstance(s.node, Name) and s.node.id not in ("E", "pi"):
            names.add(s.node.id)  # (not Euler's e, whose id is the LaTeX name of the letter E)
    fixed = chain_choices([s.node for s in steps if s.node is not None], ctx)
    read: list[Step | Bad] = []
    for k, s in enumerate(steps, start=1):
        if s.error is not None:
            read.append(Bad(f"{s.error.message} (in {s.latex!r})", pos=s.error.pos))
            continue
        try:
            read.append(latex_step(s, ctx, fixed, k))
        except Bad as exc:
            read.append(exc)
    model: list[Step] = []
    lines: list[int] = []
    said: set[tuple] = set()  # (a remark that is every step's on its line: its error once)
    for s, got in zip(steps, sized_again(read, steps, ctx, fixed), strict=True):
        sline, _ = place(s.pos)
        lines.append(sline)
        if isinstance(got, Bad):
            eline, ecol = place(got.pos)
            key = (eline, ecol, re.sub(r" \(in '.*'\)$", "", got.message))
            if key not in said:
                out.errors.append(InputError(where, got.message, line=eline, col=ecol))
                said.add(key)
            model.append(Step(sp.nan, latex=s.latex, line=sline, relation=s.relation,
                              unreadable=f"not checked: line {sline} could not be read"))
            continue
        model.append(replace(got, line=sline))
    unlowered = model
    model, extra = lower_arrays(model, ctx)
    readable = [st for st in model if not st.unreadable]
    out.read_sides += len(readable)
    out.unread_sides += len(model) - len(readable)
    last_tail = (" ".join(model[-1].latex.split()), lines[-1]) if model else None
    if len(model) > 1 and case_rows(tuple(model))[len(model) - 1] != len(model) - 2:
        # it ends with a row under its own case (… for x < 0): "= …" next goes on from the
        # first line only after prose that speaks of all cases, else from which is not clear
        last_tail = ("\x03" + " ".join(model[0].latex.split()), lines[-1])
    if len(model) < 2 or not readable:
        return None, last_tail
    model = same_shapes(model)
    for key, value in dict(controls.get("expect_steps", {})).items():
        k = int(key)
        if not 2 <= k <= len(model):
            raise Bad(f"expect_steps: {key!r} is not a step number 2…{len(model)}")
        model[k - 1] = replace(model[k - 1], expect=expect(value, f"expect_steps {k}"))
    for key, value in dict(controls.get("expect_lines", {})).items():
        hit = [k for k, sl in enumerate(lines) if sl == int(key)]
        if not hit:
            raise Bad(f"expect_lines: {key!r} is not a line this display's steps are written on "
                      f"({', '.join(str(sl) for sl in dict.fromkeys(lines))})")
        for k in hit:
            if k:
                model[k] = replace(model[k], expect=expect(value, f"expect_lines {key}"))
    item_id, title, source = _identity(doc, display, controls, line, number, seen_ids)
    raw_id = item_id.split("::", 1)[1]
    hyps = hypotheses(given, ctx)
    if size is not None:  # (a size that cannot be compared is an error of its own: the
        at = size.pos(latex)  # chain is checked all the same)
        try:
            out.items.append(sizes.item(size, unlowered[-1], ctx, hyps,
                                        sizes.size_id(item_id, seen_ids, number), title, source,
                                        f"doc:{digest}:{raw_id}", place(at)[0], at,
                                        next((st.layout for st in model if st.layout), ""),
                                        sizes.prose_condition(display.before)))
        except Bad as exc:
            size_error(exc, at)
    model = sizes_free(model, hyps, ctx)
    not_tied(ctx.differentiated[mark:], model, hyps)
    exprs = [s.expr for s in readable] + [r.expr for s in readable for r in s.readings]
    goal = expect(controls.get("expect", "proved"), "expect")
    stepwise = "expect_steps" in controls or "expect_lines" in controls
    model = one_equation(model, goal, stepwise)
    first, last = model[0], model[-1]
    ix, ln = indices(ctx, exprs, hyps)
    doubt, doubted, said = member_doubts(hyps + tuple(h for st in model for h in st.given),
                                         exprs, display.universal)  # (a row's i = j too)
    entry = Derivation(item_id, title, source, first.expr, last.expr,
                       tuple(model), hyps + said, goal, str(controls.get("note", "")), extra + ix, ln,
                       or_premise=values.valued_reason(valued) or _as_condition(
                           latex, model, display, tail is not None),
                       unheld=doubt, unheld_given=doubted)
    return CatalogItem(entry.id, entry.title, entry.source, Prebuilt(entry), ("document",),
                       cache_key=f"doc:{digest}:{raw_id}"), last_tail


def _size_of_value(doc: Document, display: Display, controls: dict, ctx: Context,
                   given: list[str], size: sizes.Size, value: str, line: int, number: str,
                   seen_ids: set[str], digest: str, out: Loaded, pos: Pos,
                   name_alone: bool = False, is_definition: bool = False) -> bool:
    """The size written after a definition (Z = XW \\in \\mathbb{R}^{N×h}), or of an expression
    alone (X^T G \\in \\mathbb{R}^{d×h}), checked as a claim of its own: the value's shape
    against the one written."""
    from checker.parse.latex import parse_latex_expr

    try:
        read, alternatives, _, _ = readings(parse_latex_expr(value, ctx), ctx, {}, None)
    except ParseError as exc:
        if name_alone:  # (a letter the page declares so: checker.files.memberships)
            return False
        raise Bad(f"{size.written}: the value whose size it gives cannot be read: "
                  f"{exc.message}", pos=pos) from None
    if name_alone and sizes.undeclared([read], ctx):  # u \in ℝ^n, u undeclared: its declaration
        return False
    item_id, title, source = _identity(doc, display, controls, line, number, seen_ids)
    out.items.append(sizes.item(size, Step(read, readings=alternatives), ctx,
                                hypotheses(given, ctx), sizes.size_id(item_id, seen_ids, number),
                                title, source,
                                f"doc:{digest}:{item_id.split('::', 1)[1]}", line, pos,
                                unheld=sizes.prose_condition(display.before),
                                wanted_verdict=expect(controls.get("expect", "proved"), "expect")
                                if not name_alone and not is_definition else Verdict.PROVED))
    return True


_AS_CONDITION = ("the prose before it does not say whether this inequality is a result or a "
                 "condition the page assumes (which claims nothing): refuted as a result, the "
                 "readings disagree; say which (\"so\", \"hence\" before a result; \"assume\" "
                 "before a condition)")


# ≈ beside a decimal (σ(1) \approx 0.731, 0.34 \approx \frac13): a number to a decimal's places
_APPROX = re.compile(r"\\approx(?![A-Za-z])")
_APPROX_DECIMAL = re.compile(  # (a whole side: not the 0.5 of "\approx 0.5x (1 + …)")
    r"\\approx\s*[-+]?\s*\d*\.\d+(?=\s*(?:[.,;]?\s*$|\\approx|[<>&]|\\\\|\\[lg]e|\\q?quad))"
    r"|(?:^|(?<=[\s=<>&$]))[-+]?\d*\.\d+\s*\\approx(?![A-Za-z])")


def _before_remark(latex: str) -> str:
    """A display's math before its remark (\\quad …, \\text{…}), whose relations are the
    step's conditions, not its own."""
    return re.split(r"\\q?quad(?![A-Za-z])|\\(?:text|mbox)\s*\{", latex)[0]


def _decimal_approximations(latex: str) -> bool:
    """A display whose ≈ all stand beside a decimal, and whose other relations are
    inequalities (\\frac13 \\approx 0.33 < 0.34): numbers to be checked to their places."""
    count = len(_APPROX.findall(latex))
    if not count or len(_APPROX_DECIMAL.findall(latex)) < count:
        return False
    rest = _APPROX.sub(" ", latex)
    head = _before_remark(rest)
    return _OTHER_RELATIONS.search(head) is None


def _as_condition(latex: str, model: list[Step], display: Display, goes_on: bool) -> str:
    """Why a refutation of the display's inequalities may say nothing (Claim.or_premise): it
    may state a condition, not a result. An inequality alone that no word before it calls a
    result; or a chain with inequalities after prose that makes it a condition ("subject to
    $$x^2 + y^2 = (x + y)^2 - 2xy \\le 1$$")."""
    if goes_on or _decimal_approximations(latex) \
            or all(st.relation in ("=", "approx") for st in model[1:]):
        return ""
    if "=" not in _without_scripts(latex) and not prose.cue(prose.RESULT_CUE, display.before):
        return _AS_CONDITION
    return ("the prose before it makes its inequality a condition or a constraint (as "
            "\"subject to\", \"where\", \"assume\" do), which claims nothing: refuted as a "
            "result, the readings disagree; write the identity part as a display of its own"
            ) if prose.states_condition(display.before) else ""


def _first_inequality(latex: str) -> int | None:
    """Where the first inequality stands outside every group and environment and before any
    remark (\\quad, \\text …), or None: L(w) = (w − 1)^2 \\ge 1 defines L as (w − 1)² and
    bounds it (not x > 0 of a case, nor of a remark)."""
    blank = re.sub(r"(?s)\\begin\{([A-Za-z*]+)\}.*?\\end\{\1\}", lambda m: " " * len(m[0]), latex)
    blank = re.split(r"\\(?:q?quad|text|mbox|textrm|mathrm|because|qquad|,|;)(?![A-Za-z])", blank)[0]
    depth, k = 0, 0
    while k < len(blank):
        ch = blank[k]
        if ch == "\\":
            m = re.match(_INEQUALITY, blank[k:])
            if m is not None and depth == 0:
                return k
            k += m.end() if m is not None else 2  # (another command, or \{ \left( …)
            continue
        if ch in "{([":
            depth += 1
        elif ch in "})]":
            depth -= 1
        elif depth == 0 and ch in "<>≤≥":
            return k
        k += 1
    return None


def _is_inequality(latex: str) -> bool:
    """An inequality (<, \\le …) and no other relation (≈, ∈, →) outside the scripts."""
    head = _before_remark(latex)  # (its remark's
    return re.search(_INEQUALITY, _without_scripts(head)) is not None \
        and _OTHER_RELATIONS.search(head) is None  # x \neq 1 is the step's condition)


def _inequality_claim(latex: str, display: Display) -> bool:
    """Whether a display with no '=' is an inequality to check (σ(x)(1 − σ(x)) ≤ 1/4, 0 < σ(x)
    < 1): an inequality, no other relation, not a condition on letters alone (x > 0, 0 < p <
    1), and not one the prose right before makes an assumption or a constraint ("Assume",
    "for", "where", "subject to", "such that")."""
    if not _is_inequality(latex):
        return False
    if _SIMPLE_CONDITION.fullmatch(latex.strip().rstrip(".,;").strip()):
        return False
    return not prose.states_condition(display.before)


def _identity(doc: Document, display: Display, controls: dict, line: int, number: str,
              seen_ids: set[str]) -> tuple[str, str, str]:
    """The id, title and source of the item a display's chain makes."""
    cell = re.search(r", cell (\d+)$", display.file)
    raw_id = str(controls.get("id") or (f"cell{cell.group(1)}-L{line}" if cell else f"L{line}"))
    if raw_id in seen_ids:
        raw_id = f"{raw_id}-{number}"
    seen_ids.add(raw_id)
    title = str(controls.get("title") or (f"{display.section}: display {number}" if display.section
                                          else f"display {number}"))
    source = f"{display.file}, line {line}" if display.file else f"{doc.path}:{line}"
    return f"{doc.path}::{raw_id}", title, source


# prose that says a function is written anew in another variable: "the log-likelihood becomes",
# "in terms of $\eta$", "parametrise p through …", "as a function of"
_ANEW = re.compile(r"\b(?:becomes?|(?:re)?parametri[sz]\w*|in\s+terms\s+of|as\s+a\s+function\s+of|"
                   r"substitut\w*|rewrit\w*|change\s+of\s+variables?|chang\w*\s+(?:the\s+)?"
                   r"variables?|expressed\s+(?:in|through|via|as)|switch\w*\s+to|"
                   r"in\s+the\s+new\s+variables?)\b", re.I)


def _not_reparametrised(display: Display, latex: str, cut: int | None, ctx: Context) -> None:
    """``\\ell(\\eta) = …`` after ℓ(p) = … was defined and prose that says the function is
    written anew ("Now parametrise p through η … The log-likelihood becomes"): a claim about
    ℓ at η, or ℓ defined again as a function of η? They disagree (ℓ(η) = y log σ(η) + … is
    false of ℓ at η), so the line is refused, and ℓ after it too (``cut``: where its first
    '=' is)."""
    if cut is None:
        return
    m = NAME.match(latex[:cut].strip().lstrip("&").strip())
    if m is None or not m.group("params"):
        return
    name = m.group("name").strip()
    fn = ctx.functions.get(name.lstrip("\\"))
    args = [a.strip().lstrip("\\") for a in m.group("params").split(",")]
    if fn is None or not fn.params or set(args) == set(fn.params) \
            or not all(re.fullmatch(r"[A-Za-z]+", a) for a in args) \
            or not _ANEW.search(re.split(r"(?<=[.!?])\s+|\n\s*\n", prose.after_heading(
                prose.prose_end(display.before)))[-1]):  # (the sentence that leads in)
        return
    was = ", ".join(fn.params)
    args = [a.strip() for a in m.group("params").split(",")]  # (as written: \\eta)
    ctx.contested[name.lstrip("\\")] = (
        f"{name}: the display at line {display.line} may define it again as a function of "
        f"{', '.join(args)}, so which {name} is meant after it cannot be told; give the new one "
        f"another name there")
    raise Bad(f"{name}({', '.join(args)}) = …: {name} is defined as a function of {was}, and the "
              f"prose says it is written anew: a claim about {name} at {', '.join(args)}, or "
              f"{name} defined again as a function of {', '.join(args)}? Give the new function "
              f"another name ({name}_{args[0]}), or write the claim with {name} applied to what "
              f"{was} is ({name}(…))", pos=Pos(1, 1))
