"""Plain-text pieces shared by the renderers: marks, expressions, points."""

from __future__ import annotations

import sys
import types
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

import sympy as sp

from checker.dag import contains
from checker.model import RELATIONS, Check, CheckKind, Derivation, Identity
from checker.results import CheckResult, Counterexample, Method, Result, Verdict
from checker.shown import index_notation

MARKS = {
    Verdict.PROVED: ("✓", "ok"),
    Verdict.REFUTED: ("✗", "X"),
    Verdict.NUMERIC: ("≈", "~"),
    Verdict.UNKNOWN: ("?", "?"),
    Verdict.ERROR: ("!", "!"),
}


_ASCII = {
    "σ": "sigma", "θ": "theta", "δ": "delta", "Σ": "sum", "∏": "prod", "∂": "d", "≠": "!=", "≤": "<=",
    "≥": ">=", "−": "-", "·": "*", "×": "x", "…": "...", "ŷ": "y^", "Ŷ": "Y^", "ᵀ": "^T",
    "²": "^2", "³": "^3", "⊙": "(.)", "ℝ": "R", "∈": " in ", "⇒": "=>", "⇔": "<=>", "→": "->", "≈": "~",
    "“": '"', "”": '"', "’": "'", "‘": "'", "✓": "ok", "✗": "X", "—": "--", "–": "-",
    "₁": "1", "₂": "2", "₃": "3", "₄": "4", "ⁿ": "^n", "√": "sqrt", "ε": "eps", "λ": "lambda",
    "π": "pi", "μ": "mu", "ℓ": "l", "⋮": "...", "ᵢ": "_i", "ⱼ": "_j",
    "§": "section ", "‖": "||", "ₖ": "_k",
}


def to_ascii(text: str) -> str:
    """Transliterate math text for terminals that cannot show Unicode."""
    out = []
    for ch in text:
        if ord(ch) < 128:
            out.append(ch)
        elif ch in _ASCII:
            out.append(_ASCII[ch])
        elif unicodedata.name(ch, "").startswith(("GREEK SMALL LETTER ", "GREEK CAPITAL LETTER ")):
            name = unicodedata.name(ch).split("LETTER ", 1)[1].lower()
            out.append(name if "SMALL" in unicodedata.name(ch) else name.capitalize())
        else:
            plain = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
            out.append(plain or "?")
    return "".join(out)


# A vacuous proof (the hypotheses cannot hold) is true and says nothing: never a plain ✓.
VACUOUS_MARK = ("∅", "{}")
VACUOUS_WORDS = "proved vacuously: the hypotheses cannot hold"


# an empty run (exit 2), said where machine-readable reports carry it
EMPTY = ("nothing was checked: no derivation was found in what was given (no display with '=', "
         "or every one skipped); the run fails (exit 2) rather than pass on nothing")
# why a run stopped before it checked anything has no result (JSON, JUnit, GitHub)
STOPPED_EMPTY = "interrupted before any derivation was checked (Ctrl-C or SIGTERM)"


def mark(verdict: Verdict, ascii_only: bool = False, vacuous: bool = False) -> str:
    return (VACUOUS_MARK if vacuous else MARKS[verdict])[1 if ascii_only else 0]


def duration(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds:.2f} s"


_UNITS = "sympy.physics.units"


@contextmanager
def quick_pretty() -> Iterator[None]:
    """SymPy's pretty printer imports ``sympy.physics.units`` (the whole SI system: about a
    third of a warm report's drawing time) on its first product, only to print physical
    quantities last; our expressions hold none. While a report is drawn, a stand-in module
    answers that nothing is a quantity, so the text is the same; it is removed afterwards."""
    if _UNITS in sys.modules:
        yield
        return
    stand_in = types.ModuleType(_UNITS)
    stand_in.Quantity = type("Quantity", (), {})  # type: ignore[attr-defined]
    sys.modules[_UNITS] = stand_in
    try:
        yield
    finally:
        if sys.modules.get(_UNITS) is stand_in:
            del sys.modules[_UNITS]


def longer_than(exprs: object, chars: int) -> bool:
    """Whether printing the expressions surely takes more than ``chars`` characters: they
    have more leaves (each printed at least once, as a tree) than that. Costs O(chars), however
    large the expressions are, where printing them costs seconds."""
    stack = list(exprs) if isinstance(exprs, tuple | list) else [exprs]
    leaves = 0
    while stack:
        e = stack.pop()
        if isinstance(e, sp.MatrixBase):
            stack.extend(e)
            continue
        args = getattr(e, "args", ())
        if not args:
            leaves += 1
            if leaves > chars:
                return True
        stack.extend(args)
    return False


def surely_2d(e: object) -> bool:
    """Whether SymPy's pretty form of ``e`` surely takes more than one line: it holds e^x, a
    power other than a square root (x², 1/x), a derivative, or a matrix of several rows.
    Deciding this costs far less than drawing the form to find out."""
    stack = [e]
    while stack:
        node = stack.pop()
        if isinstance(node, sp.MatrixBase):
            if node.rows > 1:
                return True
            stack.extend(node)
            continue
        if isinstance(node, sp.exp | sp.Derivative):
            return True
        if isinstance(node, sp.Pow) and node.exp.is_Rational and node.exp != sp.S.Half:
            return True
        stack.extend(getattr(node, "args", ()))
    return False


def _named(e: object) -> object:
    from checker.strategies.prepare import named_derivatives  # (only for such readings)

    return e.applyfunc(named_derivatives) if isinstance(e, sp.MatrixBase) else named_derivatives(e)  # type: ignore[arg-type]


def expression(e: object, ascii_only: bool = False, width: int = 70, max_lines: int = 4,
               flat_2d: bool = False) -> str:
    """Math as math: SymPy's pretty printer where it fits, else a one-line form. With
    ``flat_2d``, a form that would take several lines is not drawn: the one-line form is
    given at once (as it is for ``max_lines=1``)."""
    if isinstance(e, sp.Basic) and contains(
            e.flat() if isinstance(e, sp.MatrixBase) else [e], sp.Subs):
        e = _named(e)  # ∂₁L(x, y), not Subs(Derivative(L(ξ₁, ξ₂), ξ₁), …)
    if isinstance(e, sp.Basic) and e.has(sp.Indexed, sp.Sum, sp.Product, sp.Integral):
        flat = index_notation(e)
        flat = to_ascii(flat) if ascii_only else flat
        return flat if len(flat) <= 2 * width else \
            flat[: 2 * width - 1] + ("..." if ascii_only else "…")
    one_line = None
    if isinstance(e, sp.MatrixBase) and max(e.shape) > 1:
        def one_line() -> str:
            inner = expression(e[0, 0], ascii_only, width, 1)
            return f"{e.shape[0]}{'x' if ascii_only else '×'}{e.shape[1]} matrix, entry (1,1): {inner}"
        # A form too long to show is never printed whole (a gradient's takes seconds).
        if longer_than(e, 4 * width) or len(sp.sstr(e)) > 4 * width or \
                ((flat_2d or max_lines == 1) and surely_2d(e)):
            return one_line()
    elif longer_than(e, max_lines * width + 2 * width) or \
            ((flat_2d or max_lines == 1) and surely_2d(e)):  # the pretty form cannot be used
        return _prefix(e, width, ascii_only)
    try:
        pretty = sp.pretty(e, use_unicode=not ascii_only, wrap_line=False)
    except Exception:  # printing must never break a report
        pretty = sp.sstr(e)
    lines = pretty.splitlines()
    if len(lines) <= max_lines and all(len(line) <= width for line in lines):
        return pretty
    if isinstance(e, sp.MatrixBase) and max(e.shape) > 1:
        return one_line()
    return _prefix(e, width, ascii_only)


def _prefix(e: object, width: int, ascii_only: bool = False) -> str:
    flat = sp.sstr(e)
    if ascii_only:
        flat = to_ascii(flat)
    return flat if len(flat) <= width else flat[: width - 1] + ("..." if ascii_only else "…")


def step_text(check_expr: object, text: str, ascii_only: bool) -> str:
    """The step as the document writes it, when given; otherwise SymPy's pretty form."""
    if text:
        return to_ascii(text) if ascii_only else text
    return expression(check_expr, ascii_only)


def entry_words(cr: CheckResult) -> str:
    """" at entry (1, 2)": where in an array claim its counterexample's sides differ (nothing
    for a size claim, whose sides are lists of sizes)."""
    cex = cr.result.counterexample
    if cex is None or not cex.entry or cr.check.claim.about == "size":
        return ""
    return f" at entry {cex.entry}"


def point(cex: Counterexample, limit: int = 8) -> str:
    """``c_2 = 1, x_1 = 1/2; every other symbol 0`` — readable for many symbols; after the
    function it holds for, where the claim is about a function declared arbitrary."""
    at = _coordinates(cex, limit)
    if cex.witness:
        return f"with {witness(cex)}: {at}"
    return at


def at_point(cex: Counterexample) -> str:
    """``at x = 1`` (with the function put in first, for a declared arbitrary one)."""
    if cex.witness:
        return f"with {witness(cex)}, at {_coordinates(cex, 8)}"
    return f"at {point(cex)}"


def witness(cex: Counterexample) -> str:
    """``L(t) = 2*t - 1``: the functions a counterexample puts in for declared arbitrary ones."""
    return "; ".join(f"{f} = {body}" for f, body in cex.functions())


def _coordinates(cex: Counterexample, limit: int) -> str:
    if not cex.point:
        return "(no variables: the two sides are different numbers)"
    seen: set[tuple[str, str]] = set()  # a symbol and its sign-refined twin print alike
    unique = []
    for s, v in cex.point:
        if (str(s), str(v)) not in seen:
            seen.add((str(s), str(v)))
            unique.append((s, v))
    cex = replace(cex, point=tuple(unique))
    if len(cex.point) <= 4:
        return ", ".join(f"{s} = {v}" for s, v in cex.point)
    nonzero = [(s, v) for s, v in cex.point if v != 0]
    zeros = len(cex.point) - len(nonzero)
    shown = ", ".join(f"{s} = {v}" for s, v in nonzero[:limit])
    if len(nonzero) > limit:
        shown += f", … ({len(nonzero) - limit} more)"
    if zeros:
        rest = "every other symbol 0" if nonzero else "every symbol 0"
        shown = f"{shown}; {rest}" if shown else rest
    return shown


def sides(check: Check) -> tuple[str, str]:
    """Names for the two sides of a check's claim."""
    if check.claim.premise is not None:  # an implication line: its own equation's sides (at
        return "the new equation's left side", "its right side"  # a point of the premise)
    if check.kind is CheckKind.STEP:
        return f"step {check.previous}", f"step {check.step}"
    if check.kind is CheckKind.START:
        return "first step", "goal lhs"
    if check.kind is CheckKind.END:
        return "last step", "goal rhs"
    return "left side", "right side"


def goal_over_wrong_steps(checks: list) -> str:
    """Beside a goal that holds over a chain with steps that do not follow from the one
    before: the sentence that says so (a reader took "goal ✓ proved" for all of it); else ''."""
    from checker.results import Verdict

    goal = next((c for c in checks if c.check.kind is CheckKind.GOAL), None)
    wrong = sum(1 for c in checks if c.check.kind is CheckKind.STEP
                and c.result.verdict is Verdict.REFUTED)
    if goal is None or not wrong or goal.result.verdict is not Verdict.PROVED:
        return ""
    return (f"the goal holds, but {wrong} step{'s' if wrong > 1 else ''} of the chain "
            + ("do" if wrong > 1 else "does") + " not follow from the one before (below)")


def stated_conditions(check: Check, entry: object) -> str:
    """For a chain's goal decided under conditions its lines state (``\\quad (x = 1)``), not
    only the file's: the sentence that says so, since the goal holds only where they do."""
    own = getattr(entry, "given", ())
    stated = [h for h in check.claim.given if h not in own]
    if check.kind is not CheckKind.GOAL or not stated:
        return ""
    return ("only under the conditions its lines state: "
            + "; ".join(dict.fromkeys(h.describe() for h in stated)))


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s" if not word.endswith("y") \
        else f"{n} {word[:-1]}ies"


def compares(check: Check) -> str:
    """What the check compares, in words."""
    premise = check.claim.premise
    if premise is not None:  # an implication line
        if check.kind is CheckKind.STEP:
            return f"equation {check.step - 1} {premise.arrow} equation {check.step}"  # type: ignore[operator]
        return f"goal: first equation {premise.arrow} last equation"
    rel = "==" if check.claim.relation == "=" else RELATIONS[check.claim.relation]
    if check.kind is CheckKind.STEP:
        return f"step {check.previous} {rel} step {check.step}"
    return {
        CheckKind.CLAIM: f"lhs {rel} rhs",
        CheckKind.GOAL: f"goal: lhs {rel} rhs",
        CheckKind.START: "first step == goal lhs",
        CheckKind.END: "last step == goal rhs",
    }[check.kind]


# Methods that say why there is no verdict: shown beside it, "unknown (budget)".
QUALIFIERS = {Method.BUDGET: "budget", Method.NOT_RUN: "not run", Method.INTERNAL: "internal"}


def outcome_words(result: Result, expected: Verdict) -> str:
    words = VACUOUS_WORDS if result.vacuous else result.verdict.value
    if result.method in QUALIFIERS:
        words += f" ({QUALIFIERS[result.method]})"
    if result.scope and result.verdict is Verdict.PROVED:
        words += f" for {result.scope}"
    elif result.scope and result.verdict is Verdict.REFUTED:
        words += f" at {result.scope}"
    if result.verdict is expected and expected is not Verdict.PROVED:
        words += " (expected)"
    elif result.verdict is not expected:
        words += f" — EXPECTED {expected.value.upper()}"
    return words


def expression_lines(e: object, ascii_only: bool, width: int, max_entries: int = 6,
                     limit: int | None = 600) -> list[str]:
    """A view of an expression for ``show``: matrices entry by entry; a form that does not
    fit the width falls back to one line; beyond ``limit`` characters only its size is told."""
    if isinstance(e, sp.MatrixBase) and len(e) > 1:
        out = [f"{e.shape[0]}{'x' if ascii_only else '×'}{e.shape[1]} matrix"]
        cells = [(i, j) for i in range(e.shape[0]) for j in range(e.shape[1])]
        for i, j in cells[:max_entries]:
            body = expression_lines(e[i, j], ascii_only, width - 10, limit=limit)
            out.append(f"  ({i + 1},{j + 1}): {body[0]}")
            out.extend("          " + line for line in body[1:])
        if len(cells) > max_entries:
            out.append(f"  … {len(cells) - max_entries} more entries" if not ascii_only
                       else f"  ... {len(cells) - max_entries} more entries")
        return out
    flat = sp.sstr(e)
    if limit is not None and len(flat) > limit:
        ops = sp.count_ops(e) if len(flat) < 200_000 else "many"
        return [f"[{len(flat)} characters, {ops} operations: too large to read; "
                "--full prints it]"]
    try:
        pretty = sp.pretty(e, use_unicode=not ascii_only, wrap_line=False)
    except Exception:
        pretty = flat
    lines = pretty.splitlines()
    if all(len(line) <= width for line in lines) and len(lines) <= 12:
        return lines
    return [flat]


# Items given to the Python API (checker.api) are named <check_latex>::id: not a file.
API_INPUTS = ("<check_claim>", "<check_latex>", "<check_steps>")


def reproduce(entry_id: str, seed: int | None) -> str:
    """The command that re-runs one entry (file entries are FILE::id)."""
    def q(text: str) -> str:  # in single quotes, any ' closed and escaped: a file a student
        return "'" + text.replace("'", "'\"'\"'") + "'"  # named x' $(touch f) '.md runs nothing
    if "::" in entry_id:
        path, derivation = entry_id.rsplit("::", 1)
        if path == "<stdin>":  # the same text on standard input again
            return f"derivcheck check - --only {q(derivation)} --seed {seed}"
        if path in API_INPUTS:
            return f"{path[1:-1]}(…, seed={seed})"
        if path.startswith("-"):  # (-dash.md is no option)
            path = "./" + path
        return f"derivcheck check {q(path)} --only {q(derivation)} --seed {seed}"
    return f"derivcheck verify --only {q(entry_id)} --seed {seed}"


def written(entry: object, check: Check, ascii_only: bool = False) -> list[tuple[str, str]]:
    """The two sides a check compares, as written in its file: ``[("step 2", "= …"), …]``
    (a step's own text or LaTeX where it has one, else a one-line form of the expression)."""
    def shown(text: str, expr: object) -> str:
        out = text or expression(expr, ascii_only, 100, 1)
        return (to_ascii(out) if ascii_only else out).replace("\n", " ")

    left, right = sides(check)
    if isinstance(entry, Identity):
        claim = entry.claim
        if entry.text:
            return [("claim", shown(entry.text, None))]
        return [(left, shown("", claim.lhs)), (right, shown("", claim.rhs))]
    if not isinstance(entry, Derivation) or not entry.steps:
        return []
    steps = entry.steps

    def step(k: int) -> tuple[str, str]:
        s = steps[k - 1]
        where = f"step {k}" + (f" (line {s.line})" if s.line else "")
        return where, shown(s.text or s.latex, s.expr)

    if check.kind is CheckKind.STEP and check.step is not None and check.step <= len(steps):
        return [step(check.previous or check.step - 1), step(check.step)]
    if check.kind is CheckKind.START:
        return [step(1), (right, shown("", entry.goal_lhs))]
    if check.kind is CheckKind.END:
        return [step(len(steps)), (right, shown("", entry.goal_rhs))]
    if steps[0].expr == entry.goal_lhs and steps[-1].expr == entry.goal_rhs:
        return [step(1), step(len(steps))]
    return [("goal lhs", shown("", entry.goal_lhs)), ("goal rhs", shown("", entry.goal_rhs))]


def check_lines(entry: object, cr: CheckResult, ascii_only: bool = False) -> list[str]:
    """A check's result in plain lines, for annotations and test failures: what it compares
    and its verdict, the two sides as written, the counterexample with both values and the
    command that reproduces it (or why there is no verdict), and the author's note."""
    r = cr.result
    words = outcome_words(r, cr.expected)
    lines = [f"{compares(cr.check)}: {words}"]
    lines += [f"{label}: {text}" for label, text in written(entry, cr.check, ascii_only)]
    cex = r.counterexample
    if cex is not None:
        left, right = sides(cr.check)
        lines.append(f"counterexample: {point(cex)}" + (f" [{cex.case}]" if cex.case else "")
                     + entry_words(cr))
        lines.append(f"{left} = {cex.lhs_value}, {right} = {cex.rhs_value} ({cex.certified_by})")
        lines.append(f"reproduce: {reproduce(cr.check.entry, r.seed)}")
    elif r.detail:
        lines.append(r.detail)
    lines += diagnosis_lines(cr)
    if cr.check.claim.note:
        lines.append(f"note: {cr.check.claim.note}")
    return [to_ascii(line) for line in lines] if ascii_only else lines


LONGEST_READING = 240  # characters of a corrected line shown as read (not as written)


def diagnosis_words(cr: CheckResult) -> tuple[str, str, str] | None:
    """A refuted check's diagnosis in three parts: what is wrong ("what is wrong (sign): …"),
    where ("in step 3: …[part]…", the part bracketed when it is not the whole line), and the
    corrected line ("did you mean: … (proved equal to step 2)"); None without one."""
    d = cr.result.diagnosis
    if d is None:
        return None
    left, _ = sides(cr.check)
    changed = d.after_wrong and not d.of_shape  # (a slip of shape is one whatever came before)
    what = (f"what changed ({d.kind}) from {left}, which is wrong itself: {d.detail}" if changed
            else f"what is wrong ({d.kind}): {d.detail}")
    where = ""
    loc = d.location
    if loc is not None and not loc.whole:
        where = f"where: {loc.text[:loc.start]}[{loc.part}]{loc.text[loc.end:]}"
    # a corrected line that has no text of its own and is long (a matrix written out entry by
    # entry) is not shown: the kind and where say it (JSON still carries it)
    shown = bool(d.corrected) and (d.corrected_syntax != "reading" or (
        len(d.corrected) <= LONGEST_READING and (loc is None or len(d.corrected) <= 2 * len(
            loc.text) + 24)))  # (a reading far longer than the line: its names written out)
    meant = f"did you mean: {d.corrected}   (proved {d.proved} {left})" if shown else ""
    if d.after_wrong and d.of_shape:  # its shape is wrong whatever the line before is
        meant = (f"{left} is wrong itself, so no corrected line is offered (undoing this slip "
                 f"would agree with it)")
    elif d.after_wrong:  # undoing the change would agree with a line that is wrong itself
        meant = f"no corrected line is offered (undoing this change would agree with {left})"
    return what, where, meant


def diagnosis_lines(cr: CheckResult) -> list[str]:
    """:func:`diagnosis_words` as plain lines (annotations, JUnit, feedback files)."""
    words = diagnosis_words(cr)
    return [w for w in words if w] if words is not None else []
