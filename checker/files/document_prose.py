"""The prose around a display read into its section's context: definitions in prose (where u = …,
Let h = σ(z).), where-clauses and intertext, which prose is whose, and cases split across rows.

A part of :mod:`checker.files.document`."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

import sympy as sp

from checker.deadline import OutOfTime, time_limit
from checker.files import prose, prose_definitions
from checker.files.common import (
    INLINE_MATH,
    READ_SECONDS,
    Bad,
)
from checker.files.context import build_context, hypotheses
from checker.files.document_conditions import _read_equation
from checker.files.document_declarations import (
    AMBIGUOUS,
    _inherited,
    _without_names,
    merge_tables,
)
from checker.files.document_definitions import (
    _define,
    _definition,
)
from checker.files.document_lookup import (
    DefinedAgain,
    UsedBefore,
    ValueOfAVariable,
    _proved_identity,
    scalar_letters,
)
from checker.files.document_model import (
    NAME,
    Display,
    Document,
)
from checker.files.names import (
    is_shape,
    letters_declared,
    no_plain_e,
)
from checker.files.prose_definitions import ProseDefinition, definitions_in, mentions, sides
from checker.parse.context import Context
from checker.parse.tree import (
    ParseError,
    Pos,
)


def _after(doc: Document, number: int) -> str:
    """The prose after the display ``number`` (1-based) that is its own (prose.following),
    and the sentences later in its section that say a bound of the displays above them ("Both
    identities above assume $x > 0$.": the first was refuted at x = −1)."""
    last = number >= len(doc.displays)
    text = re.sub(r"^\s*(\$\$|\\\]|\\\)|\\end\{[a-z*]+\})", "", doc.tail) if last \
        else prose.prose_end(doc.displays[number].between)  # (no display opens after the tail)
    own = prose.following(text, last)
    scope = doc.displays[number - 1].scope
    later = [d.between for d in doc.displays[number + 1:] if d.scope == scope]
    if all(d.scope == scope for d in doc.displays[number:]):
        later.append(doc.tail)
    back = [sentence for chunk in later for sentence in re.split(r"(?<=[.!?])\s+|\n\s*\n", chunk)
            if _BACKWARD.search(INLINE_MATH.sub(" ", sentence)) and any(
                _BOUND_IN_MATH.search(m.group(0)) for m in INLINE_MATH.finditer(sentence))]
    return " ".join([own, *back]) if back else own


# words that point back at the displays before them ("above", "both identities", "so far")
_BACKWARD = re.compile(r"\b(?:above|preceding|previous(?:ly)?|these|both|all\s+of\s+the|"
                       r"everything|everywhere|so\s+far|earlier|each\s+of\s+the)\b", re.I)
_BOUND_IN_MATH = re.compile(r"[<>≤≥≠]|\\(?:[lg]eq?|neq?|lt|gt)(?![A-Za-z])")


def _open_context(scope: str, key: str, outer: tuple[str, ...], part: tuple | None,
                  base: dict, sections: dict[str, dict],
                  contexts: dict[str, tuple[Context, list[str]] | None],
                  seen: dict[str, set[str]], labelled: frozenset[str] = frozenset(),
                  implicit: dict | None = None, own: dict | None = None) -> None:
    """Make the context of a section (``key``, under the headings ``outer``; or a sidecar's
    part of it) when it is first needed: the section under it reads on with what its section
    has defined so far, unless it declares something of its own. ``implicit``: what the
    page's sums declare (checker.files.implicit), under the declarations; ``own``: what its
    part's sums and prose declare, where the subsection reads a letter otherwise (declared
    again in its context, over what it inherits from that). Raises what its declarations'
    reading raises."""
    if scope in contexts:
        return
    table = base
    dropped: list[str] = []  # the givens about a letter a section under them declares again
    for heading in (*outer, key):  # the outer headings' first
        kept = _without_names(table, sections.get(heading, {}))
        dropped += [str(g) for g in table.get("given", []) if g not in kept.get("given", [])]
        table = merge_tables(kept, sections.get(heading, {}))
    if part:
        table = merge_tables(table, part[2])
    parent = next((k for k in reversed(outer) if contexts.get(k) is not None), None)
    more = list(sections.get(key, {}).get("given", [])) if set(sections.get(key, {})) <= {
        "given"} else None  # (a block of hypotheses only: no letter declared again)
    if parent is not None and not part and more is not None:
        # a subsection that declares nothing of its own reads on with what its section has
        # defined so far (ŷ_i = … under "# Softmax" holds in its "##"), and with what its own
        # prose and sums say of letters its section does not know (``own``); its block's
        # hypotheses (given = ["onehot(y, t)"]) are added to the section's
        ctx, given = _inherited(contexts[parent])  # type: ignore[arg-type]
        if not isinstance(more, list) or not all(isinstance(g, str) for g in more):
            raise Bad("given must be a list of strings such as [\"onehot(y)\", \"x > 0\"]")
        with time_limit(READ_SECONDS):
            for g in more:
                hypotheses([g], ctx)  # (an error names the block)
        ctx.given_text = (*ctx.given_text, *more)
        contexts[scope] = ctx, [*given, *(g for g in more if g not in given)]
        seen[scope] = set(seen.get(parent, set()))
        if own is not None and implicit:
            _declare_more(contexts[scope][0], implicit, own)  # type: ignore[index]
        return
    if parent is not None and not part:  # (a given of this block on a name the section above
        above = contexts[parent][0]  # defines: not defined here, where the letters are declared
        for g in sections.get(key, {}).get("given", []):  # again; it was a letter of its own)
            named = next((n for n in re.findall(r"[A-Za-z_]\w*", str(g))
                          if n in above.made and n not in sections.get(key, {}).get("latex", {})),
                         None)
            if named is not None:
                raise Bad(f"given {g!r}: {named} is defined in the section above, and this "
                          "section's block declares its letters again, so the section's "
                          f"definitions do not reach it: here {named} would be a letter of its "
                          "own; state the given in the section above, or define it again here")
    with time_limit(READ_SECONDS):
        if AMBIGUOUS in table:
            raise Bad(table[AMBIGUOUS])
        no_plain_e(table)
        if implicit:
            table = merge_tables(implicit, table)
        contexts[scope] = build_context(letters_declared(table))
    contexts[scope][0].labelled = labelled  # type: ignore[index]
    contexts[scope][0].notes = [  # type: ignore[index]
        f"the given {g!r} of the section above does not hold here: this section declares its "
        "letters again (write it in this section's block if it holds)" for g in dropped]


def _declare_more(ctx: Context, table: dict, part: dict) -> None:
    """Declare in ``ctx`` what ``table`` (a subsection's own reading of the page's sums and
    prose) says of the letters ``ctx`` does not know yet, or knows only as its part's reading
    (``part``) said otherwise (y of length n from a sibling's ℝⁿ, here of length m); a letter
    it knows otherwise keeps its meaning (a definition of the section above included)."""
    for kind in ("dims", "vectors", "matrices"):
        for name, value in table.get(kind, {}).items():
            if name in part.get(kind, {}) and part[kind][name] != value:
                for field in (ctx.dims, ctx.vectors, ctx.symbolic, ctx.matrices,
                              ctx.symbolic_matrices):
                    field.pop(name, None)

    def declare(what: Callable[..., None], *args: object) -> None:
        try:
            what(*args)
        except ParseError:  # (not declared: the reader's error where it is written)
            pass

    for name, spec in table.get("dims", {}).items():
        if ctx.kind(name) is None and name not in ctx.dims:
            declare(ctx.declare_dim, name, spec)
    for name, size in table.get("vectors", {}).items():
        if ctx.kind(name) is None and name not in ctx.latex:
            if isinstance(size, int):
                declare(ctx.declare_vector, name, size)
            elif str(size) in ctx.dims:
                declare(ctx.declare_symbolic_vector, name, str(size))
    for name, sizes in table.get("matrices", {}).items():
        if ctx.kind(name) is None and name not in ctx.latex and all(
                isinstance(x, int) or str(x) in ctx.dims for x in sizes):
            declare(ctx.declare_matrix if all(isinstance(x, int) for x in sizes)
                    else ctx.declare_symbolic_matrix, name, *sizes)
    if table.get("indices") == "superscript":
        ctx.superscript_indices = True


def _prose_into(scope: str, text: str, line_of: Callable[[int], int], closes: bool, opens: bool,
                latex: str, contexts: dict[str, tuple[Context, list[str]] | None],
                seen: dict[str, set[str]], unread: dict[str, list[tuple[str, str, int, str]]],
                read: dict[str, list[tuple[str, str, int]]],
                defined_at: dict[str, tuple[str, int]]) -> None:
    """Read the definitions in a stretch of prose into the context of ``scope`` (see
    :func:`_read_prose`), and remember which were read and which not (with why)."""
    found = contexts[scope]
    assert found is not None
    names = seen.setdefault(scope, set())
    where = definitions_in(text, after_display=closes, before_display=opens)
    for name, written, at, why in _read_prose(where, line_of, found[0], names, latex):
        if why:  # not read: a display that uses the name is refused with the reason
            unread.setdefault(scope, []).append((name, written, at, why))
            continue
        defined_at.setdefault(name, (scope, at))
        read.setdefault(scope, []).append((name, written, at))


def _reached(latex: str, defined: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """The prose definitions (name, as written, line) a display writes, and those their
    right sides write in turn (L = (ŷ − y)², ŷ = σ(wx): a display in L reaches both), in the
    order they were read."""
    texts, out = [latex], []
    for _ in range(len(defined)):
        more = [d for d in defined if d not in out and any(mentions(t, d[0]) for t in texts)]
        if not more:
            break
        out += more
        texts = [sides(d[1])[1] for d in more]
    return [d for d in defined if d in out]


# "… \quad \text{where } L = \frac{1}{2}(wx - y)^2" at the end of a display
_WHERE_CLAUSE = re.compile(r"(?:,|\\q?quad|\\[,;:])\s*\\(?:text|mbox|mathrm)\{\s*(?:where|with)\s*\}"
                           r"\s*(?P<definition>(?:(?!\\end\s*\{|\\\\)[^&])+?)\s*[.,;]?\s*"
                           r"(?P<close>(?:\\\\\s*)?(?:\\end\s*\{[A-Za-z*]+\}\s*)*)$", re.S)  # (in an
# aligned environment, the clause ends before its last row's \\ and \end{aligned})


def _where_clause(latex: str, ctx: Context, names: set[str]) -> str:
    """A display that ends with "\text{where } L = …" defining a new name: the name is
    defined there (as a display or the prose would define it, holding from this display on)
    and the clause blanked. A clause that does not define a new name stays, as a condition
    of the step. Raises :class:`Bad` where the definition is refused (L used before)."""
    m = _WHERE_CLAUSE.search(latex)
    if m is None:
        return latex
    head = latex[:m.start()].split("=", 1)[0].replace("&", " ")
    if "(" in head and NAME.match(head):  # f(x) = e^u where u = x²: f's x, or the letter x?
        raise Bad(f"{head.strip()} = … \\text{{where}} …: a function defined with a where "
                  "clause, whose right side may use the function's parameter or a letter of its "
                  "own: write the expression inside the function's definition, or define the "
                  "name in a display of its own before it", pos=Pos(1, 1))
    parts = [p.strip() for p in re.split(r",\s*(?:\\[ ,;:]|\\q?quad|~)?\s*(?:\\text\{\s*and\s*\}\s*)?",
                                         m["definition"]) if p.strip()]
    if not parts or not all(prose_definitions.one_equation(p) for p in parts):
        return latex  # (a condition: \text{where } x > 0, or x = 0)
    heads = {prose_definitions.sides(p)[0]: p for p in parts}
    if any(re.search(r"(?:\{\s*|/\s*)(?:\\partial|∂|(?<![A-Za-z\\])d)\s*" + re.escape(h)
                     + r"(?![A-Za-z])|\\partial_\{?\s*" + re.escape(h) + r"(?![A-Za-z])",
                     latex[:m.start()]) and not re.search(
                         r"\\frac\s*\{\s*(?:\\partial|d)\s*" + re.escape(h) + r"\s*\}\s*\{",
                         latex[:m.start()]) for h in heads):
        return latex  # (d/dx (xt) where x = t²: x the variable, or t's square? as before)
    ordered: list[str] = []
    while len(ordered) < len(parts):  # "L = … a …, a = σ(z)": a first
        ready = [p for p in parts if p not in ordered and not any(
            h != prose_definitions.sides(p)[0] and heads[h] not in ordered
            and mentions(prose_definitions.sides(p)[1], h) for h in heads)]
        if not ready:
            return latex  # (each uses the other: no order to read them in)
        ordered.append(ready[0])
    for p in ordered:
        if _definition(p, ctx, names, "") is None and not _restated(p, ctx):
            return latex  # (a name that already means something: a condition, as before)
    for p in ordered:
        found = _definition(p, ctx, names, "")
        if found is not None:  # (else the definition in force, written again)
            _define(ctx, *found)
            names.add(found[0])
    return latex[:m.start()] + " " * (m.start("close") - m.start()) + m.group("close")


def _restated(definition: str, ctx: Context) -> bool:
    """"L = …" for an L the document defines, with the value it has."""
    read_as = _read_equation(definition, ctx)
    return read_as is not None and prose_definitions.sides(definition)[0] in ctx.latex \
        and _same_value(*read_as[:2])


_INTERTEXT = re.compile(r"\\(?:intertext|shortintertext)\s*\{([^{}]*)\}")


_SAYS_SOMETHING = re.compile(r"\$|\\\(|\b(?:if|for|when|where|with|let|assum\w*|suppos\w*|"
                             r"since|because|case|given|provided|unless|except|define\w*)\b",
                             re.I)


def _intertext(latex: str) -> str:
    """``\\intertext{and therefore}`` between an align's lines: prose between two lines, read
    as a line break (the line after starts its own chain, or goes on with &=). One that says
    something the lines need (math, a case, a definition: "for $x > 0$") is refused."""
    for m in _INTERTEXT.finditer(latex):
        if _SAYS_SOMETHING.search(m.group(1)):
            raise Bad(f"\\intertext{{{m.group(1).strip()}}} inside the display says something "
                      "the lines after it may need (a case, a definition): end the display "
                      "there and write it as prose between two displays", pos=Pos(1, 1))
    return _INTERTEXT.sub(lambda m: " " * (len(m.group(0)) - 2) + "\\\\", latex)


def _others_definitions(after: str, uses: Callable[[str], bool]) -> str:
    """The paragraph after a display with its definitions of names the display does not use
    (write or reach) blanked: "Now let $v = 3x$." is for the displays after it, and binds no x
    of this one."""
    for d in definitions_in(after, after_display=True, before_display=False):
        if d.defines and not uses(sides(d.latex)[0]):
            after = after[:d.start] + re.sub(r"[^\n]", " ", after[d.start:d.end]) + after[d.end:]
    return after


def _in_section(display: Display, consumed: int) -> str:
    """The prose before a display that is in its section: after its heading (a definition
    before it was another section's, even with no display of its own: see
    :func:`_outer_prose`), and not what the display before read as its own; blanked, not cut,
    so places keep their lines."""
    cut = display.headings[-1][1] if display.headings else consumed
    return _only(display.between, cut, len(display.between))


def _outer_prose(display: Display, last: str | None, consumed: int) -> list[tuple[str, str, bool]]:
    """The prose before a display that belongs to the sections it is under (a problem's
    "Let $u = wx + b$." before its "## (a)"), each as (section key, the prose with the rest
    blanked, whether it starts right after a display): the part after the display before,
    when that one is in such a section, and the part after each such heading."""
    heads = display.headings
    if not heads:
        return []
    out = []
    if last is not None and last in display.outer:
        out.append((last, _only(display.between, consumed, heads[0][0]), not consumed))
    for (_, end, key), nxt in itertools.pairwise(heads):
        if key in display.outer:
            out.append((key, _only(display.between, end, nxt[0]), False))
    return out


def _only(text: str, lo: int, hi: int) -> str:
    """``text`` with everything outside [lo, hi) blanked (its lines kept)."""
    return re.sub(r"[^\n]", " ", text[:lo]) + text[lo:hi] + re.sub(r"[^\n]", " ", text[hi:])


def _page_pieces(doc: Document) -> list[tuple[str, Callable[[int], int]]]:
    """The page's text in pieces, each with the file line of a place in it: the prose before
    each display, each display, and the prose after the last."""
    pieces = [(d.between, _line_in(d)) for d in doc.displays]
    pieces += [(d.latex, lambda at, d=d: d.line + d.latex[:at].count("\n"))  # type: ignore[misc]
               for d in doc.displays]
    if doc.displays:
        last = doc.displays[-1]
        end = last.line + last.latex.count("\n")
        pieces.append((doc.tail, lambda at: end + doc.tail[:at].count("\n")))
    return pieces


def _line_in(display: Display) -> Callable[[int], int]:
    """The file line of a place in the prose before a display."""
    return lambda at: display.line - display.between[at:].count("\n")


def _own_prose(doc: Document, number: int) -> tuple[str, Callable[[int], int], int]:
    """The sentence right after display ``number`` (1-based) that is its own ("where
    $u = wx + b$."), the file line of a place in it, and its length in the next display's
    prose (which that one does not read again)."""
    later = doc.displays[number] if number < len(doc.displays) else None
    text = later.between if later is not None else doc.tail
    after = prose.following(prose.prose_end(text))
    if not after or not re.match(r"\s*,?\s*(?:where|with)\b", after):
        return "", lambda at: 0, 0
    end = text.find(after) + len(after)
    if later is not None:
        return text[:end], _line_in(later), end
    display = doc.displays[number - 1]
    last = display.line + display.latex.count("\n")
    return text[:end], lambda at: last + text[:at].count("\n"), end


def _read_prose(found: list[ProseDefinition], line_of: Callable[[int], int], ctx: Context,
                names: set[str], latex: str) -> list[tuple[str, str, int, str]]:
    """Read the definitions found in the prose (see checker.files.prose_definitions) into the
    context as a display's are. Returns (name, as written, line, "") of each one read, and
    (…, why) of each one that is not, so that the displays using the name are refused with
    the reason: refused as a display's definition would be (u used as a letter before it), a
    name that already means something here given another value (u defined before, e, π, σ),
    a right side in a parameter of a function defined beside it ("$$f(x) = e^u$$ where
    $u = x^2$": f's x or the letter x?), or one in a name not read. Formulas that cannot be
    read at all are left to the rules that refuse a display depending on them. (Not a name
    the display ``latex`` defines itself: "… \\text{where } s = wx + b".)"""
    read: list[tuple[str, str, int, str]] = []
    own = _parameters(latex, ctx, names)
    for d in found:  # (a function written before it in its sentence: "f(x) = e^u, where
        # u = x^2"; one written after it, in another sentence, or in a display after it is
        # read after it, as a display's definitions are: "ŷ = wx, and we minimise J(w) = …")
        beside = own | {p for o in found if o.defines and o.sentence == d.sentence
                        and o.start < d.start for p in _params_of(o.latex)}
        head, rhs = sides(d.latex)
        if re.search(r"\\(?:text|mbox|mathrm)\{\s*(?:where|with)\b[^}]*\}\s*" + re.escape(head)
                     + r"\s*=", latex) or is_shape(rhs, ctx.dims):  # ("$X$ is $N \times D$")
            continue

        def refuse(why: str, d: ProseDefinition = d, head: str = head) -> None:
            read.append((head, d.latex, line_of(d.start), why))

        if not d.defines:  # "if $u = 0$", "we never set $u = 2x$": prose, unless it gives a
            read_as = _read_equation(d.latex, ctx)  # name the document defines another value
            if head in ctx.latex and read_as is not None and not _same_value(*read_as[:2]) \
                    and not _proved_identity(d.latex, ctx):
                refuse(f"the document defines {head} before, and this gives it another value, "
                       "which is not read (its words make it no definition): which one is "
                       "meant cannot be told; give the new one another name")
            continue
        unread = next((n for n, _, _, why in read if why and mentions(rhs, n)), None)
        if unread is not None:
            refuse(f"its right side uses {unread}, whose definition in the prose is not read")
            continue
        told = next((o for o in found if not o.defines and o is not d
                     and (n := sides(o.latex)[0]) != head and mentions(rhs, n)
                     and n not in ctx.latex and n not in names and ctx.kind(n) is None), None)
        if told is not None:  # "Consider $\hat{y} = …$ with loss $L = (\hat{y} - y)^2$"
            refuse(f"its right side uses {sides(told.latex)[0]}, which the prose gives a value "
                   f"(${told.latex}$) that is not read as a definition")
            continue
        taken = sorted(p for p in beside if mentions(rhs, p)) if not _params_of(d.latex) \
            else []
        if taken:
            fn = next((o.latex.split("=")[0].strip() for o in found if o.defines
                       and o.sentence == d.sentence and o.start < d.start
                       and taken[0] in _params_of(o.latex)), None) or \
                latex.split("=")[0].strip().lstrip("&").strip()
            refuse(f"its right side uses {taken[0]}, which {fn} (defined "
                   f"{'in the same sentence' if fn not in latex else 'in the display beside it'})"
                   f" takes as its parameter: whether {head}'s {taken[0]} is that parameter (so "
                   f"the function depends on {taken[0]} through {head}) or the page's letter "
                   f"cannot be told; write {head}'s expression inside the function's "
                   f"definition, or define the function without parameters")
            continue
        kept = {k: dict(getattr(ctx, k)) for k in ("latex", "families", "functions", "written",
                                                   "recurrences")}
        try:
            with time_limit(READ_SECONDS):
                made = _definition(d.latex, ctx, names, "")
                if made is None:  # a name that already means something: another value?
                    read_as = _read_equation(d.latex, ctx)
                    if read_as is None:  # (μ_i = σ(x_i^T w) with x undeclared: not read, and
                        refuse(f"{head} already means something here (defined before, "  # μ
                               "declared, or built in), and the prose gives it a value that "
                               "cannot be read: which one is meant cannot be told; give the new "
                               "one another name, or drop the declaration")  # left free, a
                        continue  # derivative through it was proved 0)
                    if not _same_value(*read_as[:2]) and not _proved_identity(d.latex, ctx):
                        refuse(f"{head} already means something here (defined before, declared, "
                               "or built in), and the prose gives it a value of its own: which "
                               "one is meant cannot be told; give the new one another name")
                    continue
                name, params, body = made
                _define(ctx, name, params, body)
        except (UsedBefore, ValueOfAVariable, DefinedAgain) as exc:
            for k, v in kept.items():  # a definition refused half way is not made at all
                setattr(ctx, k, v)
            refuse(exc.message.replace("write it in prose, or define", "define"))
            continue
        except Bad as exc:  # (e = y − ŷ: Euler's number, or an error term?)
            for k, v in kept.items():
                setattr(ctx, k, v)
            refuse(exc.message)
            continue
        except (ParseError, ValueError, OutOfTime, RecursionError):
            for k, v in kept.items():
                setattr(ctx, k, v)
            continue
        names.add(name)
        read.append((name, d.latex, line_of(d.start), ""))
    return read


def _same_value(a: object, b: object) -> bool:
    """The two sides are the same expression as read (ŷ = softmax(θ) restating the
    declarations), at a symbolic size entry by entry."""
    from checker.parse.arrays import SymArray

    if isinstance(a, SymArray) and isinstance(b, SymArray):
        i, j = sp.Dummy("i", integer=True), sp.Dummy("j", integer=True)
        try:
            one, two = a.entry(i, j), b.entry(i, j)  # (sums' dummies differ: as printed)
            return a.rows == b.rows and a.cols == b.cols and (
                sp.sstr(one) == sp.sstr(two) or sp.simplify(one - two) == 0)
        except Exception:  # (an entry that cannot be built: not shown the same)
            return False
    try:
        return a == b or sp.expand(a - b) == 0  # type: ignore[operator]
    except Exception:
        return False


def _params_of(latex: str) -> set[str]:
    """The parameters of a function a formula defines (x, y of f(x, y) = …), else none."""
    m = re.match(r"\s*\\?[A-Za-z][\w{}\\]*\s*(?:\\left)?\(([^()]*)(?:\\right)?\)\s*(?::=|=)", latex)
    return {p.strip() for p in m.group(1).split(",") if p.strip()} if m else set()


def _parameters(latex: str, ctx: Context, names: set[str]) -> set[str]:
    """The parameters of a function the display ``latex`` defines (f(x) = …), if it does."""
    try:
        made = _definition(latex, ctx, names, "", check_uses=False)
    except (Bad, ParseError, ValueError):
        return set()
    return {p.strip() for p in made[1].split(",") if p.strip()} if made else set()


def _case_split(display: Display, latex: str, tail: tuple[str, int] | None, goes_on: bool,
                cases: dict[str, tuple[tuple[str, int], list[str]]], scope: str, ctx: Context,
                prior: list[str] | None = None) -> tuple[tuple[str, int] | None, list[str]]:
    """The tail a display goes on from, and the case it is under. "If i = j: $$= …$$ $$= …$$
    If i ≠ j: $$= …$$": each case goes on from the expression before the first case, and a
    display that goes on with no prose between stays in its case. Any other prose between
    ("Else:"): what it goes on from, and under which case, is a guess, and is refused."""
    state = cases.get(scope)
    if tail is not None and tail[0].startswith("\x03") and goes_on:  # after case rows
        cases.pop(scope, None)
        if prose.all_cases(prose.prose_end(display.before)):  # (under the prose's case of
            return (tail[0][1:], tail[1]), list(prior or [])  # that display, if it had one)
        return ("\x00", tail[1]), []
    if tail is None or tail[0] == "\x01" or tail[0].startswith("\x02") or not goes_on:
        cases.pop(scope, None)
        return tail, []
    if prose.new_thought(display.before):
        if state is None and prior is not None:  # For x > 0: max(0, x) = x  For x < 0: = …:
            cases.pop(scope, None)  # it would go on from x, which holds in the other case only
            return ("\x00", tail[1]), []
        if prose.names_an_expression(display.before):  # "Now consider $|x| - x$. For …:"
            cases.pop(scope, None)
            return ("\x00", tail[1]), []
        base = state[0] if state else tail
        try:
            stated = prose.prose_case(display.before, base[0] + " " + latex, tuple(ctx.dims),
                                      scalar_letters(base[0] + " " + latex, ctx)) \
                if base[0] not in ("", "\x00") else []
        except Bad:
            stated = []
        if stated:
            cases[scope] = (base, stated)
            return base, stated
        cases.pop(scope, None)
        return ("\x00", tail[1]), []
    if state is not None:
        between = prose.prose_end(display.before)
        if prose.all_cases(between):  # "Combining both cases,": from before the cases, in none
            cases.pop(scope, None)
            return state[0], []
        if between.strip() and not prose.CONNECTIVE.fullmatch(between) \
                and not prose.goes_on(between):  # ("and", "therefore": stays)
            cases.pop(scope, None)
            return ("\x00", tail[1]), []
        return tail, state[1]
    if prior is not None:  # For x > 0: |x| = x, then "= √(x²)": in that case too, as written
        between = prose.prose_end(display.before)
        if not between.strip() or prose.CONNECTIVE.fullmatch(between) \
                or prose.goes_on(between):
            return tail, list(prior)
        return ("\x00", tail[1]), []
    return tail, []
