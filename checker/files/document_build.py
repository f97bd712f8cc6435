"""The displays of a document, in order, into derivations: one pass that keeps each section's
context, the prose's cases and definitions, and the chain a display goes on from.

A part of :mod:`checker.files.document`."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from functools import partial

from checker.deadline import OutOfTime, time_limit
from checker.files import laws, prose, values, where_order, worded
from checker.files.common import (
    INLINE_MATH,
    READ_SECONDS,
    TOO_LARGE,
    Bad,
    InputError,
    Loaded,
    Prebuilt,
    reading_bug,
)
from checker.files.document_chain import _chain
from checker.files.document_conditions import (
    _declared_so,
    _greek_aliases,
    _not_in_a_case,
    _quantified,
    _quantified_in_prose,
    _with_greek,
    in_a_split,
)
from checker.files.document_declarations import _declarations
from checker.files.document_definitions import (
    _defined_here,
    _definition,
    _labelled_definitions,
    _unread_definition,
    defines_a_name,
)
from checker.files.document_displays import (
    _ARROW_END,
    _ARROW_START,
    _CONDITION_ONLY,
    _DANGLING,
    _INEQUALITY_START,
    _SIMPLE_CONDITION,
    _TEXT_CUE,
    _chains,
    _letters,
    _without_scripts,
    brace_claims,
    declared_letters,
    left_side,
)
from checker.files.document_lookup import (
    UsedBefore,
    ValueOfAVariable,
    _bound_before,
    _defined_name,
    _names_defined,
    _own_letter,
    _proved_identity,
    _reaches,
    _valueless,
    defined_cases,
    scalar_letters,
)
from checker.files.document_model import (
    MAX_DISPLAYS,
    NAME,
    Display,
    Document,
)
from checker.files.document_prose import (
    _after,
    _case_split,
    _in_section,
    _intertext,
    _line_in,
    _open_context,
    _others_definitions,
    _outer_prose,
    _own_prose,
    _page_pieces,
    _prose_into,
    _reached,
    _where_clause,
)
from checker.files.implicit import by_part, explain, mean_unread
from checker.files.letters import LETTER_RE, letter_name, reader_names, subscript
from checker.files.members import member_doubts
from checker.files.memberships import Said, arrays_said
from checker.files.memberships import record as record_said
from checker.files.names import (
    UnreadCondition,
    as_case,
    case_parts,
    no_prose_binding,
    no_prose_definition,
    no_unread_condition,
    script_letters,
)
from checker.files.page_assumptions import (
    earlier_bounds,
    kept_bound,
    lifted,
    page_bounds,
    reaching,
    sentence_case,
    shown_bound,
    takes_back,
    where_case,
)
from checker.files.prose_definitions import mentions
from checker.files.prose_scope import said_scalars, statements
from checker.files.sigma_said import SigmaSaid, e_refusal, e_said, sigma_said, writes_e, writes_sigma
from checker.files.sigma_said import refusal as sigma_refusal
from checker.model import EARLIER_WORDS, INDEX_CASE, Derivation, Identity, Implications
from checker.parse.context import Context
from checker.parse.latex_chain import last_equation
from checker.parse.latex_lexer import GREEK, unboxed
from checker.parse.tree import (
    ParseError,
    Pos,
)


def _range_assumed(assumed: dict, keys: tuple[str, ...], written: str,
                   at: int | None = None) -> tuple[str, ...]:
    """The case of a bound written ``written`` that the sections ``keys`` assume as a
    hypothesis (a definition's "where $\\lambda > 0$ …"; stated at display ``at`` where
    given), or ()."""
    return next((b[2] for key in keys for b in assumed.get(key, [])
                 if b[1] == written and b[2] and (at is None or b[3] == at)), ())


# a display whose first side is a derivative (∂ℓ/∂σ = …, d/dx …, ∇_w J = …)
_ADDS = re.compile(r"\b(?:also|as\s+well|too|in\s+addition|additionally|further(?:more)?|moreover)\b", re.I)
_DERIVATIVE_FIRST = re.compile(r"\s*(?:\\begin\{[a-z*]+\}\s*)?&?\s*(?:\\[dt]?frac\s*\{\s*"
                               r"(?:\\partial|d(?:\s*(?:[A-Za-z]|\\[A-Za-z]+))?\s*[}^])"
                               r"|\\nabla(?![A-Za-z])|\\partial(?![A-Za-z]))")


_BOUND_FORMULA = re.compile(r"<|>|≤|≥|≠|\\(?:[lg]eq?|neq?|[lg]t)(?![A-Za-z])")


def _assumed_of_defined(latex: str, before: str) -> str:
    """A bound the prose right before a display states of the name the display's first row
    defines (its head: ŷ of \\hat{y} = …, w_1, not f's parameter x of f(x) = …), or ""."""
    head = re.split(r"(?<![<>!:\\])=|\\coloneqq|:=", latex.replace("&", " "), maxsplit=1)[0]
    m = LETTER_RE.search(head)
    if m is None or head[:m.start()].strip():
        return ""
    script = subscript(head, m.end())
    full = {f"{letter_name(m)}_{script[0].strip(' {}')}"} if script is not None and re.fullmatch(
        r"\s*\{?\s*[A-Za-z0-9]+\s*\}?\s*", script[0]) else {letter_name(m)}
    for sentence in re.split(r"(?<=[.!?;])\s+|\n\s*\n", before):
        if not _ASSUMES.search(INLINE_MATH.sub(" ", sentence)):
            continue  # ("The loss $L$ is nonnegative:" before L = (y − ŷ)²: a fact, no assumption)
        signed = _SIGN_WORD.search(INLINE_MATH.sub(" ", sentence))
        for f in INLINE_MATH.finditer(sentence):
            formula = f.group("a") or f.group("b")
            if (_BOUND_FORMULA.search(formula) or signed) and reader_names(formula) & full:
                shown = f"${' '.join(formula.split())}$"
                return shown + (f" ({signed.group(0)})" if signed and not
                                _BOUND_FORMULA.search(formula) else "")
    return ""


_ASSUMES = re.compile(r"\b(?:let|assume|assuming|suppose|take|fix)\b", re.I)
_SIGN_WORD = re.compile(r"\b(?:positive|negative|non-?\s?negative|non-?\s?positive|non-?\s?zero)"
                        r"\b", re.I)


def _hypotheses(written: tuple[str, ...], ctx: Context) -> tuple:
    """The hypotheses ``given`` strings are (onehot(y), sum(y) == 1), or () where one of them
    cannot be read here."""
    from checker.files.context import hypothesis, with_definitions
    from checker.parse.python_syntax import read_expression

    out: list = []
    try:
        for text in written:  # (u_1 > 0 after u_i = x_i − 5: on x_1 − 5, as a given is)
            out += hypothesis(with_definitions(read_expression(text, allow_compare=True), ctx),
                              ctx, text)
    except (Bad, ParseError):
        return ()
    return tuple(out)


def _own_case(item: object) -> tuple:
    """The conditions a display's chain states for its last line alone (\\quad (x > 0),
    \\text{if } i = j): those the display right after it may be under too. A display of
    cases (a row for i = j, one for i ≠ j) puts none on the next."""
    built = item.build()  # type: ignore[attr-defined]
    if not isinstance(built, Derivation) or not built.steps or any(
            s.given for s in built.steps[:-1]):
        return ()
    return tuple(built.steps[-1].given)


def build(doc: Document, sidecar: dict | None = None) -> Loaded:
    out = Loaded(errors=list(doc.errors))
    sidecar = sidecar or {}
    base, sections, errors = _declarations(doc, sidecar)
    stated_all = statements(doc)  # (every formula of the prose, by display and section)
    implicit = by_part(doc, [base, *sections.values(), *(
        t for _, _, t in sidecar.get("parts", []))], stated_all)  # (\sum_{i=1}^{n} x_i: n a size,
    # x a vector)
    labelled = _labelled_definitions(doc)
    out.errors.extend(errors)
    by_line = {int(t["line"]): t for t in sidecar.get("display", [])
               if isinstance(t, dict) and isinstance(t.get("line"), int)}
    digest = hashlib.sha256(repr((doc.displays, doc.declarations, sidecar)).encode()).hexdigest()
    contexts: dict[str, tuple[Context, list[str]] | None] = {}
    seen_ids: set[str] = set()
    seen: dict[str, set[str]] = {}
    defined_at: dict[str, tuple[str, int]] = {}  # a display's definition: its scope and line
    # a case split: what its case displays go on from, and the case of the one being read
    cases: dict[str, tuple[tuple[str, int], list[str]]] = {}
    tails: dict[str, tuple[str, int]] = {}  # the last step of each section's last chain
    earlier: dict[str, tuple[str, int]] = {}  # … and of the chain before that one
    # the words of the prose a display is checked without (Claim.unheld), and the hypotheses
    # they would be: a display that goes on from it ("$$\le …$$") is checked without them too
    tail_unheld: dict[str, tuple[str, tuple]] = {}
    # bounds a sentence assumes ("Let $u > 0$ and $v > 0$."), not read, by section: the later
    # displays that use their letters are checked without them too (a refutation is unknown)
    # bounds the prose assumes for later displays: (line, as written, as a given where read)
    # (line, as written, the conditions read (() where not all), the display it is stated at)
    assumed_bounds: dict[str, list[tuple[int, str, tuple[str, ...], int]]] = {}
    page_said_bounds = page_bounds(doc, stated_all)  # … and those the page's setup states
    sections_of = dict(doc.sections)
    tail_cased: dict[str, bool] = {}  # whether those displays were read under a case (a
    earlier_cased: dict[str, bool] = {}  # step after an aside would not carry it over)
    dangling: dict[str, int] = {}  # the line of a display that ends with '=', by scope
    equations: dict[str, tuple[str, int]] = {}  # the last equation "A = D" and its line
    arrows: dict[str, str] = {}  # an arrow a display ends with: the next one follows from it
    single: dict[str, list[int]] = {}  # the last display's chains (premises, if ⇒ follows)
    premised: set[int] = set()  # such items, when ⇒ followed
    solving: dict[str, str] = {}  # by scope: the prose that says equations are being solved
    solving_once: set[str] = set()  # scopes where that is one prose equation, for one display
    # by scope: conditions written as displays of their own ("Assume ⏎ $$x > 0.$$"), which no
    # display after them in the section may leave unread (line, the condition as inline math)
    shown_conditions: dict[str, list[tuple[int, str]]] = {}
    said_read: set[str] = set()  # scopes whose context has what the page says is an array
    page_said: list[Said] | None = None
    page_sigma: list[SigmaSaid] | None = None  # where the page says σ is not the sigmoid
    page_e: list[SigmaSaid] | None = None  # … and where it writes e as a letter of its own
    cased: dict[str, tuple[str, int]] = {}  # by scope: the prose case of the display before
    case_of: dict[str, list[str]] = {}  # by scope: that case, as read (for "= …" after it)
    # by scope: the case the display before holds under, which the display right after it
    # (no prose between) may be under too: as read from the prose, as its own condition
    # (\quad (x > 0): hypotheses), or () where the prose states one that is not read
    carried: dict[str, tuple[list[str], tuple]] = {}
    own_at: dict[str, int] = {}  # by scope: the display whose own condition is carried
    case_lhs: dict[str, str] = {}  # by scope: the left side of that display, as written
    chain_lhs: dict[str, str] = {}  # by scope: the left side of the last chain begun
    # by scope: what the prose binds that the display after it did not use (letter, formula,
    # line): a later display that uses it is refused too ("Since $wx + b = u$, the loss is
    # $$L = e^u$$ … $$\frac{\partial L}{\partial w} = 0$$")
    bound_in_prose: dict[str, list[tuple[str, str, int]]] = {}
    in_words: dict[str, list[tuple[str, str]]] = {}  # by scope: hypotheses said in words
    unheld: dict[int, str] = {}  # items checked without such a hypothesis (worded.check)
    unheld_here = worded_here = ""
    worded_given: tuple = ()
    given_here: tuple = ()
    unheld_given: dict[int, tuple] = {}  # the hypotheses those words would be, where written
    solved: dict[int, str] = {}  # items under it, with that prose
    # by scope: the definitions read from the prose (name, as written, line); and how much of
    # the next display's prose this one read as its own ("$$L = u^2$$ where $u = wx + b$.")
    from_prose: dict[str, list[tuple[str, str, int]]] = {}
    unread_prose: dict[str, list[tuple[str, str, int, str]]] = {}  # and why one was not read
    consumed = 0
    last_scope = None  # the scope of the display before
    if len(doc.displays) > MAX_DISPLAYS:
        out.errors.append(InputError(doc.path, f"{len(doc.displays)} displays; the limit is "
                                     f"{MAX_DISPLAYS} per document"))
        return out
    parts = sidecar.get("parts", [])
    between = "\n\n".join([*(d.between for d in doc.displays), doc.tail])  # (all its prose)
    summation = prose.summation_convention(between)
    other_base = prose.log_base(between)
    split = in_a_split(doc.displays)  # runs of displays under a case of the prose's split
    for number, display in enumerate(doc.displays, start=1):
        where = display.file or doc.path
        part = next(((lo, hi, t) for lo, hi, t in parts if lo <= display.line <= hi), None)
        scope = display.scope + (f"\x00{part[0]}" if part else "")
        for key, text, closes in _outer_prose(display, last_scope, consumed):
            try:  # a section's prose before its subsection: its definitions hold there too
                _open_context(key, key, display.outer[:display.outer.index(key)], None, base,
                              sections, contexts, seen, labelled,
                              implicit.of(key, display.outer[:display.outer.index(key)]).table)
            except (Bad, ParseError, OutOfTime):
                contexts[key] = None  # (reported at the display, whose declarations include it)
            if contexts[key] is not None:
                _prose_into(key, text, _line_in(display), closes, False, "", contexts, seen,
                            unread_prose, from_prose, defined_at)
            bound_in_prose.setdefault(key, []).extend(  # "Throughout we assume …" of a parent
                (name, span, display.line) for name, span in prose.standing(text))  # section
            in_words.setdefault(key, []).extend(worded.sentences(text))  # ("labels are one-hot")
            consumed = 0
        last_scope = scope
        if scope not in contexts:
            try:
                _open_context(scope, display.scope, display.outer, part, base, sections,
                              contexts, seen, labelled, implicit.of(display.scope,
                                                                     display.outer).table,
                              implicit.own(display.scope, display.outer))
            except (Bad, ParseError, OutOfTime) as exc:
                message = getattr(exc, "message", f"took longer than {READ_SECONDS:g} s")
                what = (f" of the part on lines {part[0]}…{part[1]}" if part else
                        f" of {display.section!r}" if display.section else "")
                block = next((line for _, line, key in reversed(doc.declarations)
                              if key in (display.scope, *display.outer, "")), None)
                out.errors.append(InputError(doc.path, f"the declarations{what}: {message}",
                                             line=block))
                contexts[scope] = None
        found = contexts[scope]
        if found is None:
            continue
        ctx, given = found
        if scope not in said_read:  # X ∈ ℝ^{n×d} anywhere on the page: X is not a number
            said_read.add(scope)
            if page_said is None:  # (found once per page, recorded in each section's context)
                page_said = [item for text, line_of in _page_pieces(doc)
                             for item in arrays_said(text, line_of)]
            scalars = said_scalars(stated_all, number - 1, (*display.outer, display.scope),
                                   sections_of)  # ("Here $w \in \mathbb{R}$ is a scalar.")
            record_said(ctx, [s for s in page_said if s.name not in scalars])
        names = seen.setdefault(scope, set())
        own = _own_prose(doc, number)
        for text, line_of, closes, opens in (
                (_in_section(display, consumed), _line_in(display),
                 number > 1 and not consumed and not display.headings, True),
                (*own[:2], True, False)):
            _prose_into(scope, text, line_of, closes, opens, display.latex, contexts, seen,
                        unread_prose, from_prose, defined_at)
        consumed = own[2]
        controls = {**display.controls}
        for line, table in by_line.items():  # a sidecar's [[display]] for a line it contains
            if display.line <= line <= display.line + display.latex.count("\n"):
                controls = {**table, **controls}
        used = [f"${written}$" + (f" (line {at})" if at >= 1 and not display.file else "")
                for name, written, at in _reached(display.latex, [
                    d for key in (*display.outer, scope) for d in from_prose.get(key, [])])]
        if used:  # what the prose defined is part of what the display is read as: say so
            controls["note"] = "; ".join(filter(None, [str(controls.get("note", "")),
                                                       "read with the definitions in the prose "
                                                       + ", ".join(used)]))
        if said := implicit.of(display.scope, display.outer).note(display.latex):  # (n a
            # size, x a vector, from the page's sums)
            controls["note"] = "; ".join(filter(None, [str(controls.get("note", "")), said]))
        if ctx.notes:  # (a section's given a redeclaration left out)
            controls["note"] = "; ".join(filter(None, [str(controls.get("note", "")),
                                                       *ctx.notes]))
        if controls.get("skip"):  # what comes next cannot go on from it, nor over it
            tails[scope] = equations[scope] = ("\x01", display.line)
            if prose.CASE.search(prose.prose_end(display.before)):  # For x < 0: (skipped) A B:
                cased[scope] = ("the case the prose before it states", display.line)  # B too?
            if scope in arrows and scope in single:  # "$$P ⇒$$": P is a premise
                premised.update(single[scope])
            for line in (dangling.pop(scope, None), arrows.pop(scope, None) and display.line):
                if line:  # "$$A = B =$$" or "$$P ⇒$$" that a skipped display would go on
                    out.errors.append(InputError(where, "the display before goes on ('=' or an "
                                                 "arrow at its end) into this one, which is "
                                                 "skipped: end it, or do not skip this one",
                                                 line=display.line))
            single.pop(scope, None)
            continue
        if scope in solving_once:  # (left by a display that was not read: for it only)
            solving_once.discard(scope)
            solving.pop(scope, None)
        stated_here = display.latex.strip().rstrip(".,;").strip()
        assumed = prose.assumed(display.before)
        if (cue := _TEXT_CUE.match(stated_here)) is not None:  # $$\text{Assume } x > 0$$
            assumed, stated_here = cue.group(1).lower(), stated_here[cue.end():].strip()
        constraint = prose.CONSTRAINT_EQUATION.search(prose.prose_end(display.before))
        if not assumed and constraint is not None:  # "minimize f subject to ⏎ $$x + y = 1$$":
            assumed = " ".join(constraint.group(0).split()).strip(" :,").lower()  # no identity
        if (_CONDITION_ONLY.fullmatch(_without_scripts(display.latex))  # Assume ⏎ $$x > 0.$$
                and (assumed or _SIMPLE_CONDITION.fullmatch(stated_here)  # (or subject to ⏎
                     or prose.states_condition(display.before))) \
                or ((assumed in prose.ASSUMING or constraint is not None)
                    and "=" in _without_scripts(stated_here)
                    and not NAME.match(stated_here.split("=")[0].rstrip(":&"))):  # (If
            # $$f(x) = g(x)/h(x)$$ defines f)
            shown_conditions.setdefault(scope, []).append(
                (display.line, f"${_each_letter(stated_here)}$"))
            if "=" in _without_scripts(stated_here):  # Assume ⏎ $$x^2 = 1.$$: no identity
                out.errors.append(InputError(
                    where, f"the prose before this display says it is assumed ({assumed!r}): an "
                    "assumption is no identity to check, and the displays after it that use "
                    "its letters are refused unless it is declared (given = [\"…\"] in the "
                    "section's block)", line=display.line))
                continue
        own_before = prose.after_heading(display.before)  # (an earlier section's "solve" is
        cue = prose.SOLVING.search(own_before)  # not this one's)
        solved_here = prose.solves(own_before, display.latex)
        if cue is not None:  # "Solve for x:" — until other prose comes between displays
            solving[scope] = cue.group(0)
        elif solved_here:  # "we need $n s = 1$, so $$s = 1/n$$": this display only
            solving[scope] = solved_here
            solving_once.add(scope)
        elif (prose.has_prose(display.before) and not _AND.fullmatch(
                prose.after_heading(prose.prose_end(display.before)))
              and not (scope in solving and (_FOLLOWS.fullmatch(
                  prose.after_heading(prose.prose_end(display.before))) or _MANIPULATES.fullmatch(
                  INLINE_MATH.sub(" M ", prose.after_heading(prose.prose_end(
                      display.before))))))) \
                or _DERIVATIVE_FIRST.match(display.latex):  # ("$$x + y = 3$$ and $$x - y = 1$$":
            solving.pop(scope, None)  # one system; "Hence $$p^2 + q^2 = 5$$": from it; a
            # derivative written out starts a computation of its own: "Setting it to zero: … ⏎
            # $$\frac{\partial \ell}{\partial \sigma} = …$$")
        display = replace(display, latex=unboxed(display.latex))  # \boxed{f(x) = …} defines
        try:  # "… \quad \text{where } L = …": L's definition, for this display and on
            display = replace(display, latex=_where_clause(_intertext(display.latex), ctx,
                                                           names))
        except (Bad, ParseError) as exc:  # (ParseError: the clause's right side unread)
            out.errors.append(InputError(where, exc.message, line=display.line))
            out.unread_sides += len(re.findall(r"(?<![<>!:\\])=", display.latex)) + 1
            _unread_definition(display.latex, ctx, names, display.before, display.line)
            continue
        chains = _chains(display)
        chain_items: list[int] = []  # the items of this display's derivations
        in_a_system = _other_equations(display, scope in equations)  # (for an arrow in it)
        braces = len(brace_claims(display.latex))  # (the last of the chains: \underbrace
        main = len(chains) - braces  # labels, checked aside, where nothing may be assumed of
        first_cased = False  # the display's letters: no case, no words, no assumed bound)
        for k, (latex, dline, dcol) in enumerate(chains, start=1):
            if "=" not in _without_scripts(latex) and re.search(r"\\equiv(?![A-Za-z])", latex):
                latex = re.sub(r"\\equiv(?![A-Za-z])", "=     ", latex)  # (x \equiv 3: a
                # definition, as x = 3 is, here too: "Let $x$ be negative." before it)
            brace = k > main
            if brace and (first_cased or unheld_here or worded_here or _assumed_of(
                    display, assumed_bounds, reaching(page_said_bounds, number, (
                        *display.outer, display.scope), sections_of))):
                continue
            line = display.line + dline
            case: list[str] = []  # (the prose's case for this display, once read)
            doubted = False  # (an earlier bound the prose took back since: see below)
            stated = []
            col = dcol if dline else display.col + dcol - 1
            if k == 1 and scope in dangling and _ARROW_START.match(latex):
                out.errors.append(InputError(where, f"the display at line {dangling.pop(scope)} "
                                             "ends with '=' but this one starts with an arrow: "
                                             "which is meant?", line=line))
                tails[scope] = equations[scope] = ("", line)
                continue
            leads = latex.lstrip().lstrip("&").lstrip()[:1] == "=" \
                or _INEQUALITY_START.match(latex) is not None  # "$$ = … $$", "$$ \le … $$"
            goes_on = leads or (k == 1 and scope in dangling)  # "$$ A = B = $$ $$ C $$"
            tail = tails.get(scope) if goes_on else None  # "$$ = … $$" goes on from the one before
            keep = declared_letters(ctx)
            cases_near = tail_cased.get(scope, True) or earlier_cased.get(scope, True) \
                or _with_case(latex) or prose.CASE.search(prose.prose_end(display.before)) \
                or prose.CASE_SPAN.search(prose.prose_end(display.before))
            if tail is not None and not cases_near \
                    and _past_an_aside(tail, earlier.get(scope), latex, keep):
                tail = earlier[scope]  # "Now use the identity: log(ab) = …  So: = log(e^m) + …"
            elif tail is not None and _after_a_constant(tail, earlier.get(scope), latex, keep):
                tail = ("\x04" + str(earlier[scope][1]), tail[1])  # from 1, or from that chain?
            joint = " " if leads else " = "
            pending = arrows.pop(scope, None) if k == 1 else None  # "$$P \Rightarrow$$ $$Q$$"
            if _ARROW_START.match(latex) or pending:  # "$\Rightarrow …$": from the last equation
                tail = equations.get(scope, ("", 0)) if k == 1 else None
                joint = " " if _ARROW_START.match(latex) else f" {pending} "
                if tail is not None and tail[0] and case_of.get(scope) \
                        and prose.new_thought(display.before):  # For x > 0: ⇒ … after the
                    tail = ("\x00", tail[1])  # case x < 0's ⇒ …: from which equation?
            dangling.pop(scope, None)
            premise_items = single.pop(scope, []) if k == 1 else []
            end = _DANGLING.search(latex)
            if end is not None and k == main:
                latex = latex[:end.start()] + " " * (len(latex) - end.start())
                dangling[scope] = line
            end = _ARROW_END.search(latex)
            if end is not None and k == main:
                arrows[scope] = latex[end.start():].strip()  # the next display follows from it
                latex = latex[:end.start()] + " " * (len(latex) - end.start())
            stated: list[str] = []
            if k == 1:  # "Throughout we assume $y > 0$.": for every later display here too
                here = prose.after_heading(display.before)  # (this section's own prose: an
                for name, span in prose.standing(here):  # earlier one's is recorded above)
                    whole = sentence_case(prose.prose_end(here), span)
                    if whole:  # (all the sentence says: assumed, as "Let $y > 0$." is)
                        assumed_bounds.setdefault(scope, []).append((line, span, whole, number))
                    else:
                        bound_in_prose.setdefault(scope, []).append((name, span, line))
                tail, stated = _case_split(display, latex, tail, goes_on, cases, scope, ctx,
                                           case_of.get(scope) if scope in cased else None)
            if premise_items and tail is not None and tail[0] not in (
                    "", "\x00", "\x01") and not tail[0].startswith(("\x02", "\x04")) and (
                    pending or _ARROW_START.match(latex)):
                premised.update(premise_items)  # those equations: premises, or identities?
            elif premise_items and in_a_system and _AN_ARROW.search(latex):  # $$x + y = 3$$
                premised.update(at for at in premise_items if _one_equation(  # and $$x - y
                    out.items[at]) and _shares_letters(out.items[at], latex)  # = 1
                    and not _computed(out.items[at]))
                # \Rightarrow x = 2$$ (not a derivation's chain, nor one of other letters, nor a
                # derivative worked out: d/dx(ax² − bx) = ax − b, then "Then", then 2ax − b = 0
                # ⇒ x = b/(2a) left the wrong derivative unknown, "a premise?")
            for b in [b for key in (scope, *display.outer) for b in assumed_bounds.get(key, [])] \
                    + reaching(page_said_bounds, number, (*display.outer, display.scope),
                               sections_of):  # ("Let $x$ be negative." ⏎ $$x = 3$$: x was a
                for letter in reader_names(b[1]) | set(re.findall(  # letter of its own there;
                        r"[A-Za-z]+(?:_[A-Za-z0-9]+)?", b[1].split("\\text")[0])):  # a definition of
                    ctx.free_uses.setdefault(letter, (  # it now is refused: \hat{y}, w_1 too)
                        f"the assumption {shown_bound(b[1])} of the prose"
                        + (f" before line {b[0]}" if b[0] > 0 else "")))
            before_names = _names_defined(ctx)
            ctx.foreign = {name: at for name, at in defined_at.items()  # (a name declared
                           if at[0] != scope and name not in before_names  # here is its own)
                           and ctx.kind(name) is None}
            try:
                with time_limit(READ_SECONDS):
                    latex = laws.without_law(latex, ctx)  # ", \quad \epsilon \sim N(0, 1)"
                    implied = partial(_declared_so, ctx, given)
                    aliases = _greek_aliases(ctx)
                    prose.no_heading_case(display.outer, scope, display.latex)
                    ctx.log_base = other_base or ""
                    ctx.summation = summation
                    if (loose := prose.approximate(display.before)) and not stated:
                        raise _approximation("before", loose)
                    written = display.latex  # ("Setting $b = 0$, ⏎ $$= a^2$$": b is in
                    if tail is not None and tail[0] and tail[0][0] not in "\x00\x01\x02\x03\x04":
                        written = tail[0] + " " + written  # the expression it goes on from)
                    soft = soft_written = ""  # a bound the prose states, not read
                    try:
                        # (a case on a name defined from the display's letters, "If $u >
                        # 0$:" with u = x − 3: on the display, though not read: it is written
                        # beside it, so the condition is seen, and the display is unknown)
                        through = defined_cases(prose.prose_end(display.before), written, ctx)
                        case = stated or prose.prose_case(display.before, " ".join(
                            (written, *through)), _sizes_for(written, ctx), scalar_letters(written, ctx),
                                                          implied, aliases)
                    except UnreadCondition as exc:  # (beside a definition: it would hold
                        defining = k == 1 and defines_a_name(latex, ctx, names)  # for the
                        # section's later lines, checked without it)
                        if defining and exc.soft and exc.written:
                            # "where $0 < \theta < 1$, the pmf is $$p(y) = …$$": a bound, for
                            # the displays after it that use its letters (their refutations
                            # are in doubt without it); the definition needs none
                            assumed_bounds.setdefault(scope, []).append((line, exc.written, (
                                sentence_case(prose.after_heading(prose.prose_end(
                                    display.before)), exc.written)), number))  # ("Let $p, q
                            case = []  # \in (0, 1)$.": assumed, as a bound is)
                        else:
                            at = exc.message.find(": write ")
                            if defining and at > 0:  # (refused: say where it can be written)
                                exc.message = exc.message[:at] + (
                                    ": this display defines a name, where no condition can be "
                                    "written; state it beside the claims that use the name "
                                    "(\\quad (…) after their step), declare it under given, "
                                    "or take it out of the prose")
                            if not exc.soft or k != 1 or defining:
                                raise
                            case = list(getattr(exc, "case", []))  # (the case read beside it)
                            full = sentence_case(prose.after_heading(prose.prose_end(
                                display.before)), exc.written) if exc.written else ()
                            full = full or () if takes_back(prose.prose_end(display.before)) \
                                else full or _range_assumed(  # ("Forget $x < 0$.": not it again)
                                    assumed_bounds, (scope, *display.outer), exc.written,
                                    number - 1)  # (the range
                            # a definition's words gave just before: "where $\lambda > 0$")
                            if not full and getattr(exc, "letter", ""):  # ("Assume $x$ is
                                kept = kept_bound(exc, prose.after_heading(prose.prose_end(
                                    display.before)))  # negative.": a sign in words, assumed)
                                full = kept[1] if kept is not None else ()
                            if full:  # ("Throughout, let $\lambda > 0$ be the strength.",
                                case += [c for c in full if c not in case]  # "Let $u > 0$
                            else:  # and $v > 0$.": the sentence's bounds, all of them, read)
                                soft = _unread_bound("before", exc)
                                soft_written = exc.written
                    for at, shown in (c for key in (*display.outer, scope)
                                      for c in shown_conditions.get(key, [])):
                        if at != display.line and "=" in _without_scripts(shown) and (
                                _letters(shown) & _letters(display.latex)):
                            raise UnreadCondition(
                                f"the display at line {at} states {shown} as an assumption, "
                                "which is not read as this display's hypothesis: declare it "
                                "(given = [\"…\"] in the section's block), or write it in this "
                                "display (\\quad (…))", pos=Pos(1, 1))
                        if at != display.line:
                            no_unread_condition(shown, display.latex,
                                                f"at line {at} (a display of its own) before",
                                                implied)
                    as_written = tuple(" ".join(g.split()) for g in case) + tuple(
                        _with_greek(g, aliases) for g in case)  # (r > d from r > \delta)
                    remark = prose.without_value_remarks(_after(doc, number))
                    if k == 1:  # "The labels are one-hot.": for this display and the later
                        here = prose.after_heading(display.between)  # ones of the section
                        in_words.setdefault(scope, []).extend(worded.sentences(here))
                        said_here = [w for key in (*display.outer, scope)
                                     for w in in_words.get(key, [])] \
                            + worded.sentences(remark) \
                            + worded.sentences(prose.after_heading(prose.prose_end(
                                display.before)) + "\n\n" + remark, ("positive", "bound"))
                        worded_here = worded.check(said_here, display.latex, ctx, given)
                        worded_given = _hypotheses(worded.hypotheses(
                            said_here, display.latex, ctx, given), ctx) \
                            + worded.properties(said_here, display.latex, ctx, given) \
                            if worded_here else ()
                    if (loose := prose.approximate_after(remark)) and not stated:
                        raise _approximation("after", loose)
                    if case and not stated and (_quantified(display.latex, case)
                                                or _quantified_in_prose(remark, case)):
                        said = "the display" if _quantified(display.latex, case) else \
                            "the prose after it"
                        raise Bad(f"the prose right before this display states a case "
                                  f"({' and '.join(case).replace('==', '=')}), and {said} "
                                  "says its line holds for all values: which is meant? Drop one "
                                  "of them", pos=Pos(1, 1))
                    if not goes_on and (assumed := _assumed_of_defined(
                            latex, prose.after_heading(prose.prose_end(display.before)))) \
                            and defines_a_name(latex, ctx, names):  # ("Let $\hat{y} < 0$.
                        raise Bad(f"the prose right before this display assumes {assumed}, "  # Then
                                  "and the display defines the name it is about: a definition "  # ŷ = 3")
                                  "says what a name is, so the two cannot both hold as written; "
                                  "drop one, or give the defined quantity a name of its own",
                                  pos=Pos(1, 1))
                    if case and not stated and not goes_on and defines_a_name(latex, ctx, names):
                        shown = " and ".join(case).replace("==", "=").replace("!=", "≠")
                        refused = Bad(f"the prose right before this display states a case "
                                      f"({shown}), but the display defines a name, which then "
                                      "holds in every case: write the case into a claim, or give "
                                      "the definition a name of its own for the case (L_1 = …)",
                                      pos=Pos(1, 1))
                        refused.still_cased = (shown, line)  # type: ignore[attr-defined]
                        raise refused  # (a display right after it may be under the case too)
                    follow: tuple[tuple[str, int], list[str], tuple] | None = None
                    if k == 1 and not goes_on:
                        left = left_side(display.latex)
                        chain_lhs[scope] = left
                        prior = carried.pop(scope, None)
                        prior_own = own_at.pop(scope, None)
                        try:
                            restated = _not_in_a_case(display, case, cased.pop(scope, None), bool(
                                left and left == case_lhs.get(scope) and case_of.get(scope)
                                and number in split))
                        except Bad as exc:  # If $i = j$: $$A$$ $$B$$: is B in the case too?
                            if prior is None:  # (both readings checked: see below)
                                raise
                            follow = (exc.still_cased, *prior)  # type: ignore[attr-defined]
                            cased[scope] = exc.still_cased  # type: ignore[attr-defined]
                            carried[scope] = prior  # (and the display after it alike)
                            if prior_own is not None:
                                own_at[scope] = prior_own
                            restated = False
                        if restated:
                            case = list(case_of[scope])  # (the case's chain, restated)
                        case_of.pop(scope, None)
                        if case and not stated:
                            cased[scope] = (" and ".join(case).replace("==", "=")
                                            .replace("!=", "≠"), line)
                            case_of[scope] = list(case)
                            carried[scope] = (list(case), ())
                            case_lhs[scope] = left
                        elif soft and not case and not stated and not _range_assumed(
                                assumed_bounds, (scope, *display.outer), soft_written):  # (what a
                            # definition's "where $\lambda > 0$" assumed for all after it: no case)
                            # If $x > 0$ and $y > 0$: (not read) $$A$$ $$B$$: B is checked
                            cased[scope] = (soft_written or "a condition", line)  # without
                            carried[scope] = ([], ())  # it too
                    elif k == 1 and stated and prose.has_prose(display.before):
                        # If $i = j$: $$= …$$ (the chain above, gone on in the case): a display
                        # after it with its own left side is under that case too, or not?
                        cased[scope] = (" and ".join(stated).replace("==", "=")
                                        .replace("!=", "≠"), line)
                        case_of[scope] = list(stated)
                        carried[scope] = (list(stated), ())
                        case_lhs[scope] = chain_lhs.get(scope, "")
                        if soft:  # a display right after this one may be under it too
                            cased[scope] = ("the condition the prose before it states", line)
                    for name, written, at, why in (u for key in (*display.outer, scope)
                                                   for u in unread_prose.get(key, [])
                                                   if k == 1):
                        if mentions(display.latex, name):
                            raise Bad(f"the prose at line {at} writes {name} (${written}$), "
                                      f"which cannot be read: {why}", pos=Pos(1, 1))
                    if k == 1:  # "where $u = wx + b$" before or after it: not read, refused
                        after = _others_definitions(
                            remark, lambda name, t=display.latex, c=ctx, g=given:
                            mentions(t, name) or _reaches(t, name, c, g))
                        try:
                            prose.after_condition(after, display.latex, implied)
                        except UnreadCondition as exc:
                            ranged = where_case(after, exc.written) if exc.soft and \
                                exc.written else ()  # ("$$J(w) = …$$ where $\lambda \ge 0$
                            # is the strength": the later displays' hypothesis)
                            if exc.soft and exc.written and defines_a_name(latex, ctx, names) \
                                    and (_ASSUMING.search(after) or ranged):  # ("$$u = x -
                                assumed_bounds.setdefault(  # 3$$ Assume $u > 0$.": for the
                                    scope if ranged else _holder(display, scope), []).append(
                                    (line, exc.written, ranged, number))  # displays after it,
                                # as one before a definition is; it needs none; a range, for
                                # its own section's)
                            elif exc.soft and exc.written and defines_a_name(latex, ctx, names):
                                assumed_bounds.setdefault(scope, []).append(  # (not read
                                    (line, exc.written, (), number))  # whole: a refutation
                                raise  # against it after is unknown, as the definition is)
                            elif not exc.soft or defines_a_name(latex, ctx, names):
                                raise
                            else:
                                soft = soft or _unread_bound("after", exc)
                        if page_sigma is None:
                            page_sigma = [said for text, line_of in _page_pieces(doc)
                                          for said in sigma_said(text, line_of)]
                        if page_sigma and writes_sigma(display.latex) \
                                and ctx.kind("sigma") is None and "\\sigma" not in ctx.latex:
                            raise Bad(sigma_refusal(page_sigma[0]), pos=Pos(1, 1))
                        if page_e is None:
                            page_e = [said for text, line_of in _page_pieces(doc)
                                      for said in e_said(text, line_of)]
                        if page_e and writes_e(display.latex) and ctx.kind("e") is None \
                                and "e" not in ctx.latex:  # ("$e = y - wx$" anywhere)
                            raise Bad(e_refusal(page_e[0]), pos=Pos(1, 1))
                        no_prose_definition(  # (a section's own prose: not the one before
                            display.latex, prose.after_heading(  # its heading)
                                prose.prose_end(display.before)), after,
                            lambda span, c=ctx, seen=names: _definition(span, c, seen, ""),
                            as_written,
                            lambda name, c=ctx: _valueless(name, c),
                            lambda name, t=display.latex, c=ctx, g=given: _reaches(t, name,
                                                                                c, g),
                            lambda exc: isinstance(exc, UsedBefore), frozenset(ctx.dims))
                        _bound_before(display.latex, [b for key in (*display.outer, scope)
                                                      for b in bound_in_prose.get(key, [])
                                                      if b[2] != line or not all(  # (a case
                                                          p in case for p in case_parts(  # read
                                                              as_case(b[1])))],  # here)
                                      ctx, given, implied)  # (a parent section's too)
                        try:
                            later = no_prose_binding(
                                display.latex, prose.after_heading(
                                    prose.prose_end(display.before)), after,
                                lambda name, c=ctx: _own_letter(name, c),
                                lambda name, t=display.latex, c=ctx, g=given: _reaches(
                                    t, name, c, g),
                                as_written,
                                implied, lambda name, c=ctx: _defined_name(name, c),
                                lambda span, c=ctx: _proved_identity(span, c),
                                _defined_here(latex, ctx, names), solved_here,
                                lambda name, c=ctx: c.kind(name.lstrip("\\")) == "symbol",
                                indexed=written)  # (= …: the indices of what it goes on from)
                        except Bad as exc:  # a bound in the prose: a refutation is unknown
                            if not getattr(exc, "soft", False) or defines_a_name(latex, ctx, names):
                                raise
                            later = []
                            kept = kept_bound(exc, prose.after_heading(prose.prose_end(
                                display.before)))  # (and for the later displays of the
                            if kept is not None and not (not kept[1] and _range_assumed(  # section:
                                    assumed_bounds, (_holder(display, scope),), kept[0])):  # "Let
                                # $a$ be negative.";
                                # not again, weaker, what a definition's "where" assumed)
                                assumed_bounds.setdefault(_holder(display, scope), []).append(
                                    (line, *kept, number))
                            if kept is not None and kept[1] and not stated:  # (all it says,
                                case += [c for c in kept[1] if c not in case]  # read: its case)
                            else:
                                soft = soft or _unread_bound("beside", exc)
                        bound_in_prose.setdefault(scope, []).extend(
                            (name, span, line) for name, span in later)
                    if k == 1:  # a bound or words the reader does not read: refuted, unknown
                        unheld_here = soft or worded_here or laws.in_prose(
                            prose.prose_end(display.before) + "\n\n" + remark, display.latex,
                            ctx) or mean_unread(written, ctx)  # (x̄ undefined: the mean?)
                        given_here = worded_given if unheld_here and unheld_here == worded_here \
                            else ()
                        doubted = False  # (an earlier bound the prose took back since)
                        assumed = {c for key in (scope, *display.outer)
                                   for b in assumed_bounds.get(key, []) for c in b[2]}
                        if not unheld_here and follow is not None and not (
                                follow[1] and set(follow[1]) <= assumed):  # (a case the prose
                            # assumed, "Let $u > 0$. Then": an earlier bound, below)
                            unheld_here = (
                                f"this display follows the display at line {follow[0][1]}, "
                                f"which holds where {follow[0][0]}, with no prose between, so "
                                "that case may hold here too: the readings with it and without "
                                "it disagree; write the case in the display (\\quad (…)), or "
                                "prose between that says which" + (f" {INDEX_CASE}" if follow[1]
                                                                   and all(
                                    set(re.findall(r"[A-Za-z]\w*", c)) <= script_letters(
                                        display.latex) for c in follow[1]) else ""))
                        if not unheld_here and tail is not None and goes_on:  # ("With λ > 0
                            unheld_here, given_here = tail_unheld.get(scope, ("", ()))  # …" A ≤ B
                            # ⏎ $$\le C$$: C is compared under the words A ≤ B was)
                        if soft and soft_written and unheld_here == soft and _ASSUMING.search(
                                prose.prose_end(display.before)):  # (said before the heading
                            held = _holder(display, scope)  # of this part, "**(a)**": the
                            # section's, for its other parts too)
                            assumed_bounds.setdefault(held, []).append((line, soft_written, (), number))
                        elif not unheld_here:
                            own_letters = {n for c in case for n in [_letters(_case_latex(
                                c, aliases))] if len(n) == 1 for n in n} \
                                if case and not stated else set()
                            own_adds = bool(own_letters) and bool(_ADDS.search(
                                prose.prose_end(display.before)))
                            own_case = set() if own_adds else own_letters  # (a case of its own, read:
                            # what it says of a letter alone replaces what was said of it
                            # before, unless it says it adds to it: "Assume also that $x \neq
                            # 3$." left x > 0 out, and |x| = x was refuted at x = −1; a
                            # relation of two, y > x, replaces no bound on x: "Let $x > 1$."
                            # then "Let $y > x$ and $y < 0$." was refuted at x = −1)
                            assumed_here = earlier_bounds(
                                [b for key in (scope, *reversed(display.outer))
                                 for b in reversed(assumed_bounds.get(key, []))
                                 if not (own_adds and b[0] == line)],  # (its own, added to)
                                reaching(page_said_bounds, number, (*display.outer, display.scope),
                                         sections_of),
                                latex, own_case, ctx, implied)
                            if assumed_here:
                                unheld_here = "; ".join(
                                    (f"the page {f'at line {b[0]} ' if b[0] > 0 else ''}assumes "
                                     f"{shown_bound(b[1])} for what follows" if page else
                                     "the prose before the display at "
                                     f"line {b[0]} assumes {shown_bound(b[1])}")
                                    for b, page in assumed_here) + (
                                    ", which is not read as a hypothesis of this display "
                                    "either; declare it (given, or a sign under symbols)"
                                    + ("" if own_adds else f" {EARLIER_WORDS}"))  # (said
                                # "as well" of a letter the earlier bound is on: it adds to
                                # it, or replaces it; a proof that needs it is unknown)
                                cases_here = [() if any(_defined_name(n, ctx) for n in
                                                        _letters(b[1])) or lifted(
                                    doc, stated_all, b, number, (*display.outer, display.scope),
                                    sections_of) else b[2]
                                              for b, _ in assumed_here]  # (a bound on a
                                # defined name, u = x − 3: not a hypothesis of a letter here;
                                # one the prose lifts after it, "Now let $x$ be any real
                                # number": in doubt)
                                doubted = not all(cases_here)
                                given_here = () if doubted else _hypotheses(
                                    tuple(c for cs in cases_here for c in cs), ctx)  # (refuted
                                # where they hold too: refuted under both readings)
                        if case and not stated and not goes_on and _assumes_case(display.before):
                            # "Let $a, b \ge 0$. Then $$A$$ … $$B$$": read as A's case, and
                            # assumed for B too (not read there: a refutation is unknown)
                            assumed_bounds.setdefault(_holder(display, scope), []).append(
                                (line, " and ".join(_case_latex(c, aliases) for c in case),
                                 tuple(case), number))
                    whole = _WHOLE.match(latex)  # (u = q after u_i = a q_i: refused, and its
                    if whole and whole[1] in ctx.families and ctx.kind(whole[1]) is None:  # u_1
                        ctx.contested.setdefault(whole[1], (  # after it means which?)
                            f"{whole[1]}: the display at line {line} gives {whole[1]} a value "
                            "of its own beside its entries' definition (refused), so what its "
                            "entries mean from there on cannot be told"))
                    sized = len(out.items)  # (a size after the chain: an item before it)
                    first_cased = first_cased or bool(case or stated)
                    item, new_tail = _chain(doc, display, controls, ctx, given + (stated or case),
                                            latex, line,
                                            col, names, f"{number}.{k}" if k > 1 else str(number),
                                            seen_ids, digest, out, tail, joint,
                                            equation=scope in solving or scope in arrows
                                            or bool(pending),
                                            alone=main == 1 and not in_a_system)
            except Bad as exc:
                if brace:  # (a label that cannot be read is not checked, as before)
                    continue
                if k == 1:  # a value the prose gives a letter binds it for the later displays
                    bound_in_prose.setdefault(scope, []).extend(
                        (name, span, line) for name, span in getattr(exc, "later", []))
                tails[scope] = ("", line)  # "= …" next would go on from an unread line
                equations[scope] = ("", line)
                if k == 1:
                    carried.pop(scope, None)  # (B after a refused A: refused, as A, but not for
                    if own_at.pop(scope, None) is not None:  # the own condition of the display
                        cased.pop(scope, None)  # before A)
                if k == 1 and isinstance(exc, UnreadCondition):
                    # If $x > 0$: (not read) $$A$$ $$B$$: does the condition hold for B too?
                    cased[scope] = ("the condition the prose before it states", line)
                if k == 1 and getattr(exc, "still_cased", None):  # If $i = j$: $$A$$ $$B$$
                    cased[scope] = exc.still_cased  # type: ignore[attr-defined]  # $$C$$: C too?
                elif k == 1 and case and not stated:  # If $x > 0$: $$= |x|$$ (not read)
                    cased[scope] = (" and ".join(case).replace("==", "=")  # $$B$$: B under it?
                                    .replace("!=", "≠"), line)
                if not isinstance(exc, ValueOfAVariable):  # (w stays the variable it was)
                    _unread_definition(latex, ctx, names, display.before, line)
                if getattr(exc, "unread", None):  # p_a := … with p declared: p from here on?
                    ctx.unread.setdefault(exc.unread, line)
                if k == 1:  # y = Xβ + ε \quad (ε ∼ N(0, 1)), refused for its law: a value
                    values.value_in_refused(latex, ctx, line)  # for y all the same
                sides = len(re.findall(r"(?<![<>!:\\])=", latex)) + 1
                out.unread_sides += sides
                pos = exc.pos
                out.errors.append(InputError(where, exc.message,
                                             line=line + (pos.line - 1 if pos else 0),
                                             col=(pos.col if pos and pos.line > 1 else
                                                  col + (pos.col - 1 if pos else 0))))
                if getattr(exc, "waits", None) and not goes_on:  # L = −Σ y_i log p_i, then p_i
                    where_order.wait(ctx, exc.waits, latex, line, out.errors[-1], sides)
                continue
            except OutOfTime:
                if brace:
                    continue
                tails[scope] = ("", line)
                out.errors.append(InputError(where, f"reading it took longer than "
                                             f"{READ_SECONDS:g} s", line=line))
                continue
            except (RecursionError, MemoryError) as exc:
                if brace:
                    continue
                tails[scope] = ("", line)
                out.errors.append(InputError(where, f"too large to read ({type(exc).__name__}): "
                                             f"{TOO_LARGE}", line=line))
                continue
            except Exception as exc:  # a bug of ours must not become a traceback or stop the run
                tails[scope] = ("", line)
                out.errors.append(InputError(where, reading_bug(exc), line=line))
                continue
            for name in _names_defined(ctx) - before_names:
                defined_at.setdefault(name, (scope, line))
            if item is not None:
                out.items.append(item)
                if unheld_here:  # refuted without the prose's hypothesis: unknown (its size too)
                    for at in (*range(sized, len(out.items) - 1), len(out.items) - 1):
                        unheld[at] = unheld_here
                        if given_here:  # (unless refuted with it too)
                            unheld_given[at] = given_here
                        elif follow is not None and k == 1 and not doubted:  # (the case,
                            unheld_given[at] = follow[2] or _hypotheses(  # read with the
                                tuple(follow[1]), ctx)  # chain's indices bound: refuted with
                            # it too, refuted; not one the prose took back since)
                if k == 1 and not goes_on and scope not in carried:  # \quad (x > 0) at its
                    own = _own_case(item)  # end: the display right after it, under it too?
                    if own:
                        cased[scope] = (" and ".join(h.describe() for h in own), line)
                        carried[scope] = ([h.describe() for h in own], own)
                        own_at[scope] = number
                elif k > 1 and own_at.get(scope) == number:  # (a display of case rows, i = j
                    cased.pop(scope, None)  # then i ≠ j: the display after it is under
                    carried.pop(scope, None)  # neither)
                if brace:  # (what it says is its own: nothing goes on from it)
                    continue
                if isinstance(item.build(), Derivation):  # a premise, if ⇒ follows
                    single.setdefault(scope, []).append(len(out.items) - 1)
                    chain_items.append(len(out.items) - 1)
                    if scope in solving:
                        solved[len(out.items) - 1] = solving[scope]
            if scope in solving_once:  # (the prose's equation is solved by one display)
                solving_once.discard(scope)
                solving.pop(scope, None)
            sides = last_equation(tail[0] + " = " + latex if tail and tail[0] else latex)
            if sides is not None:
                equations[scope] = (" = ".join(sides), line)
            if new_tail is not None:
                if scope in tails and not goes_on:  # (a display that went on from the one
                    earlier[scope] = tails[scope]  # before is that chain's, not an aside)
                    earlier_cased[scope] = tail_cased.get(scope, True)
                else:
                    earlier.pop(scope, None)
                tails[scope] = new_tail
                tail_cased[scope] = bool(case) or bool(stated) or _with_case(latex)
                tail_unheld[scope] = (unheld_here, given_here) if unheld_here else ("", ())
            else:
                tails.pop(scope, None)
                earlier.pop(scope, None)
        if chain_items and any(_AN_ARROW.search(text) for text, _, _ in chains):  # "x + y = 3,
            premised.update(chain_items)  # \quad x - y = 1 \implies x = 2": premises?
    for line in dangling.values():
        out.errors.append(InputError(doc.path, "the display ends with '=' and no display goes on "
                                     "from it: write the expression after the '='", line=line))
    if arrows:
        out.errors.append(InputError(doc.path, "a display ends with an implication arrow and no "
                                     "display follows from it in its section: write the equation "
                                     "after the arrow"))
    why = {k: v for found in implicit.values() for k, v in found.why.items()}
    if why:  # "x is not a declared vector": why the page's sums do not say it is
        out.errors = [replace(e, message=explain(e.message, why)) for e in out.errors]
    for k in sorted(premised | set(solved) | set(unheld)):  # refuted as an identity, it may
        item = out.items[k]  # be the premise, an equation to solve, or need a hypothesis the
        entry = item.build()  # prose states in words: unknown
        if unheld_given.get(k) and (members := member_doubts(unheld_given[k], _exprs_of(entry))
                                    )[0]:  # (x_i < 0 assumed before: of x_3 too, where it
            unheld_given[k] = unheld_given[k] + members[1] if members[1] else ()  # writes x_3;
            unheld[k] = unheld[k].replace(f" {EARLIER_WORDS}", "") + "; " + members[0]  # as a
            # counterexample's condition only, no proof's; of x[j] at a symbolic length: none)
        if k in solved:
            entry = replace(entry, solved=prose.SOLVED.format(solved[k]))  # type: ignore[call-arg]
        if k in premised:
            entry = replace(entry, or_premise=prose.AS_PREMISE)  # type: ignore[call-arg]
        if k in unheld and isinstance(entry, Identity):  # a size after the chain
            entry = replace(entry, claim=replace(entry.claim, unheld=unheld[k],
                                                 unheld_given=unheld_given.get(k, ())))
        elif k in unheld and isinstance(entry, Implications):  # (its refutations unknown)
            entry = replace(entry, unheld=unheld[k])
        elif k in unheld and hasattr(entry, "unheld"):  # (with a member's, context.member_doubts)
            entry = replace(entry, unheld="; ".join(filter(None, (  # type: ignore[call-arg]
                unheld[k], entry.unheld))), unheld_given=() if entry.unheld  # type: ignore[attr-defined]
                and not entry.unheld_given else unheld_given.get(k, ())  # type: ignore[attr-defined]
                + entry.unheld_given)  # type: ignore[attr-defined]
        out.items[k] = replace(item, build=Prebuilt(entry), cache_key=item.cache_key + ":premise"
                               + ("~" + unheld[k] if k in unheld else ""))
    return out


def _sizes_for(latex: str, ctx: Context) -> tuple[str, ...]:
    """The declared sizes a display depends on: all of them where it writes an array, an
    entry, a sum or a size; none where it writes only numbers ("If $K = 2$ and $T = 1$:" before
    e^a/(e^a + e^b) = σ(a − b), of scalars, was refused as a case on every array's size, and
    each rewording the message advised was refused too)."""
    arrays = {*ctx.vectors, *ctx.matrices, *ctx.symbolic, *ctx.symbolic_matrices, *ctx.dims,
              *ctx.functions, *ctx.families, *(k.lstrip("\\") for k in ctx.latex)}  # (or a
    # name defined through them: L = Σ_k … before "If $K = 2$: $$L = …$$")
    letters = {n.lstrip("\\") for n in _letters(latex)}
    if letters & arrays or re.search(r"_|\\(?:sum|prod)(?![A-Za-z])", latex):
        return tuple(ctx.dims)
    return ()


def _exprs_of(entry: object) -> list:
    """The expressions a built entry checks: a chain's steps, or an identity's two sides."""
    if isinstance(entry, Identity):
        return [entry.claim.lhs, entry.claim.rhs]
    return [getattr(st, "expr", None) for st in getattr(entry, "steps", ())]


_DERIVATIVE = re.compile(r"\s*(?:\\frac\s*\{\s*(?:d|\\partial|\\mathrm\s*\{\s*d\s*\})|\\nabla|"
                         r"\\partial|d\s*/\s*d)")


def _computed(item: object) -> bool:
    """Whether a one-equation display works out a derivative (its first line takes one, no
    side is 0): a result, not an equation a later implication could have as its premise."""
    built = item.build()  # type: ignore[attr-defined]
    steps = getattr(built, "steps", ())
    return bool(steps) and _DERIVATIVE.match(steps[0].latex or steps[0].text or "") is not None \
        and not any(getattr(st, "expr", None) == 0 for st in steps)


def _one_equation(item: object) -> bool:
    """Whether a catalog item is one equation (two sides), as a system's are."""
    built = item.build()  # type: ignore[attr-defined]
    return isinstance(built, Derivation) and len(built.steps) == 2


def _shares_letters(item: object, latex: str) -> bool:
    """Whether a catalog item's lines and a display write a letter in common (an equation of
    other letters is no premise of the display's implication)."""
    built = item.build()  # type: ignore[attr-defined]
    names = {m.group(0) for st in getattr(built, "steps", ()) for sym in getattr(
        st.expr, "free_symbols", ()) if (m := re.match(r"[A-Za-z]+", str(sym))) is not None}
    return bool(names & {n.lstrip("\\") for n in _letters(latex)})


def _other_equations(display: object, after_one: bool) -> bool:
    """Whether an implication in ``display`` may follow from more than its own first
    equation: the prose right before it writes an equation or speaks of a system ("Consider
    the system $x + y = 3$ and …", "Adding the two equations,"), or it comes right after a
    display with an equation (``after_one``) with no prose between."""
    before = prose.prose_end(display.before)  # type: ignore[attr-defined]
    if after_one and (not prose.has_prose(display.before)  # type: ignore[attr-defined]
                      or len(re.findall(r"[A-Za-z]+", before)) <= 8
                      or _CONNECTIVES.search(before)):
        return True  # ($$x + y = 3$$ and/Then/Using the constraint above, $$x - y = 1
        # \Rightarrow x = 2$$: one system, or the page's equations before it)
    return bool(re.search(r"\$[^$]*(?<![<>!\\])=[^$]*\$|\\\([^)]*=", before)
                or _SYSTEM_WORDS.search(before))


_CONNECTIVES = re.compile(r"\b(?:then|hence|therefore|thus|so|using|use|since|because|constraint|"
                          r"conditions?|above|previous|earlier|rearrang\w*|other\s+one|second|"
                          r"first|it|this|these|those)\b", re.I)
_SYSTEM_WORDS = re.compile(r"\b(?:system|simultaneous|equations|adding|add\s+(?:the|both)|"
                           r"subtract\w*|combin\w*|substitut\w*|plug\w*|eliminat\w*|both|"
                           r"together|solv\w*|from\s+(?:the|these|those|this|above))\b", re.I)


# an implication arrow anywhere in a chain
_AN_ARROW = re.compile(r"\\(?:Rightarrow|implies|iff|Leftrightarrow|Longrightarrow|"
                       r"Longleftrightarrow|therefore)(?![A-Za-z])|⇒|⇔|(?<![<=])=>")


# a sentence that assumes what it states for the passage, not one display's case
# prose between displays that draws a consequence ("Hence", "so that", "which gives"): after
# a system's equations, what follows from them, not an identity of its own
_FOLLOWS = re.compile(r"\W*(?:(?:and|so|which|this)\s+)?(?:hence|thus|therefore|so|then|"
                      r"consequently|it\s+follows(?:\s+that)?|gives?|giving|yields?|we\s+(?:get|"
                      r"have|obtain|find))(?:\s+that)?\W*", re.I)
# prose between two displays of an equation being solved that says what is done to it
# ("Multiply through by $2$:", "Dividing both sides by $a$, we get", "Rearranging,"): the next
# display is the equation still, not an identity
_MANIPULATES = re.compile(
    r"\W*(?:(?:and|then|now|next|so|finally)\s*,?\s+)?(?:multiply\w*|divid\w*|rearrang\w*|"
    r"subtract\w*|add(?:ing)?|expand\w*|simplif\w*|collect\w*|isolat\w*|factor\w*|cancel\w*|"
    r"mov(?:e|ing)|tak\w*\s+(?:the\s+)?(?:logs?|logarithms?|square\s+roots?|reciprocals?)|"
    r"squar\w*|solv\w*\s+for|transpos\w*|bring\w*)\b[^.!?\n]{0,80}?[.:,]?\s*"
    r"(?:(?:we\s+|this\s+|which\s+)?(?:gets?|has|have|obtains?|finds?|gives?|yields?))?\W*",
    re.I)
# a display that gives one letter a value (its left side, alone)
_WHOLE = re.compile(r"\s*&?\s*([A-Za-z])\s*&?\s*(?::=|=)(?!=)")
# prose between two displays that only joins them ("and", "as well as")
_AND = re.compile(r"\W*(?:and(?:\s+also)?|also|as\s+well\s+as|together\s+with|plus)\W*", re.I)
_ASSUMING = re.compile(r"\b(?:let|assum\w*|suppos\w*|throughout|given)\b", re.I)


def _holder(display: object, scope: str) -> str:
    """Where an assumption the prose before ``display`` states holds: its own section, or the
    section its section is under where the assumption comes before its heading ("Let $x >
    0$." then "**(a)**", "**(b)**": every part's)."""
    outer: tuple = display.outer  # type: ignore[attr-defined]
    before = prose.prose_end(display.before)  # type: ignore[attr-defined]
    title = display.scope.split("\x01", 1)[-1]  # type: ignore[attr-defined]
    at = before.rfind(title) if title else -1
    if not outer or at < 0 or _ASSUMING.search(before[at + len(title):]):
        return scope
    return outer[-1]


def _assumed_of(display: Display, assumed: dict[str, list], page: list) -> bool:
    """Whether anything may be assumed of a display's letters: math or words in the prose
    right before it, or a bound assumed earlier (its section's, the page's) on one of them."""
    before = prose.prose_end(prose.after_heading(display.before))
    if re.search(r"\$|\\\(", before) or worded.sentences(before, ("positive", "bound")):
        return True
    letters = _letters(display.latex)
    return any(_letters(b[1]) & letters for key in (display.scope, *display.outer)
               for b in assumed.get(key, [])) or any(_letters(b[1]) & letters for b in page)


def _assumes_case(before: str) -> bool:
    """Whether the prose right before a display states its case as an assumption ("Let $x >
    0$. Then", "Assume $a, b \\ge 0$:"), which the later displays of the section are under
    too, not only a case of this one ("If $x > 0$:")."""
    text = re.sub(r"[\s.,;:]*(?:then|we\s+have|we\s+get)?[\s.,;:]*$", "",
                  prose.after_heading(prose.prose_end(before)), flags=re.I)
    last = re.split(r"(?<=[.!?])\s+|\n\s*\n", text)[-1]
    return _ASSUMING.search(last) is not None


_SHOWN_OPS = {">=": "\\geq", "<=": "\\leq", "!=": "\\neq", "==": "="}


def _case_latex(case: str, aliases: dict[str, str]) -> str:
    """A case read ("alpha >= 0") as LaTeX ("\\alpha \\geq 0"), as the page writes it."""
    text = re.sub(r"[A-Za-z]\w*", lambda m: f"\\{m[0]}" if m[0] in GREEK else m[0],
                  _with_greek(case, aliases))
    return re.sub(r">=|<=|!=|==", lambda m: _SHOWN_OPS[m[0]], text)


def _unread_bound(where: str, exc: Bad) -> str:
    """Why a verdict may not hold where the prose states a bound it does not read (a clause for
    Claim.unheld): the display is checked without it; a refutation is unknown, and so is a
    proof that covers less than every real value (checker.engine._restricted)."""
    return (f"the prose {where} it states {getattr(exc, 'written', '')}, which is not read as its "
            f"hypothesis: the readings with it and without it disagree; {getattr(exc, 'how', '')}")


def _each_letter(condition: str) -> str:
    """``x, y > 0`` as ``x > 0, y > 0`` (each letter its own condition, as the prose's are read)."""
    def spread(m: re.Match) -> str:
        letters = [x.strip() for x in m.group(1).split(",")]
        return ", ".join(f"{x} {m.group(2)} {m.group(3)}" for x in letters)
    condition = re.sub(r"^(?:\s|,|\\q?quad(?![A-Za-z])|\\[,;:! ])+", "", condition)
    return re.sub(r"((?:(?:\\[A-Za-z]+|[A-Za-z])\s*,\s*)+(?:\\[A-Za-z]+|[A-Za-z]))\s*"
                  r"([<>]|\\[lg]eq?(?![A-Za-z])|\\[lg]t(?![A-Za-z]))\s*(-?\d+(?:\.\d+)?)", spread,
                  condition)


def _approximation(where: str, words: str) -> Bad:
    """The refusal of a display the prose right before or after it says is approximate."""
    return Bad(f"the prose right {where} this display says {words!r}: it holds only "
               "approximately or up to what is left out, which '=' does not say, so it is not "
               "checked as an identity; write \\approx for an approximation (not checked), or "
               "the identity with every term", pos=Pos(1, 1))


def _with_case(latex: str) -> bool:
    """A display that states a case or a condition of its own (\\quad (x < 0), \\text{if …})."""
    return prose.CASE_END.search(latex) is not None or "\\text{" in latex


def _past_an_aside(tail: tuple[str, int], before: tuple[str, int] | None, latex: str,
                   keep: frozenset[str] = frozenset()) -> bool:
    """A display that starts with '=' and shares no variable with the display before it
    (an identity quoted on the way: "use log(ab) = log a + log b"), but does with the one
    before that: it goes on from that one, the only reading that makes it a step (the report
    places its first side at that display's line). One aside only, never across a skipped or
    unread display."""
    if before is None or not tail[0] or not before[0] \
            or tail[0][0] in "\x00\x01\x02\x03\x04" or before[0][0] in "\x00\x01\x02\x03\x04":
        return False
    mine, aside, earlier = (_letters(t, keep) for t in (latex, tail[0], before[0]))
    return bool(mine) and bool(aside) and not mine & aside and bool(mine & earlier)


def _after_a_constant(tail: tuple[str, int], before: tuple[str, int] | None, latex: str,
                      keep: frozenset[str] = frozenset()) -> bool:
    """A display that starts with '=' after one that ends in a constant (sin²θ + cos²θ = 1),
    writing letters that the chain before that one writes: it may go on from the constant or
    from that chain (refused, not read either way)."""
    if before is None or not tail[0] or not before[0] \
            or tail[0][0] in "\x00\x01\x02\x03\x04" or before[0][0] in "\x00\x01\x02\x03\x04":
        return False
    mine = _letters(latex, keep)
    return not _letters(tail[0], keep) and bool(mine & _letters(before[0], keep))
