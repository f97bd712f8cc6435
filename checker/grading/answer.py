"""A submission's answer: the chain that derives the statement, found among its displays.

The answer begins at the first line that is one of the statement's start forms (as written);
it goes on through every later chain that begins where it stands (a display that starts with
``=`` continues the one before it; so does one that restates the last line), and stops once
it reaches one of the end forms. A submission whose lines never show the start is graded on
its first chain (the start is then "not reached", and its first check says whether that
line is at least equal to the start).

What the answer is checked for is built here, in the problem's terms: each step against the
line before it, the first line against the start, the last against the required end, all
under the problem's hypotheses only. Conditions a student writes on a line (``\\quad (x >
0)``) and expectations a file sets (``expect = "refuted"``) are not the problem's: they are
dropped, and the first are reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import sympy as sp

from checker.grading.problem import Form, Problem
from checker.grading.submission import Submission
from checker.model import CatalogItem, CheckKind, Derivation, Step
from checker.parse.arrays import SymArray, same_size
from checker.results import Verdict


class Answer(Derivation):
    """A derivation whose goal (the statement) is the problem's: it is checked once for the
    whole class, not once per submission."""

    def checks(self) -> tuple:  # type: ignore[override]
        return tuple(c for c in super().checks() if c.kind is not CheckKind.GOAL)


@dataclass(frozen=True)
class Built:
    """A submission's answer, and what was found while putting it together."""

    answer: Answer | None
    started: bool  # its first line is one of the start forms
    reached: bool  # its last line is one of the end forms
    dropped: tuple[str, ...]  # conditions written on lines, which the problem does not state
    unused: tuple[str, ...]  # where the chains that are not part of it begin
    cells: tuple[int | None, ...] = ()  # each step's notebook cell (None outside notebooks)


def same(a: object, b: object) -> bool:
    """The same expression as read: SymPy's structural equality (the order of a sum or a
    product does not matter, anything else does), up to the names of bound variables
    (Σ_k e^(x_k) and Σ_j e^(x_j) are the same)."""
    try:
        if isinstance(b, SymArray) and not isinstance(a, SymArray):
            a, b = b, a
        if isinstance(a, SymArray):  # a whole array at a symbolic size: its entry (i, j), for
            if isinstance(b, SymArray):  # every i and j
                return same_size(a.rows, b.rows) and same_size(a.cols, b.cols) and \
                    same(a.entry(_I, _J), b.entry(_I, _J))
            at = _entry_at(a, [b])  # a step read as its entry at the reader's own (i, j)
            return at is not None and same(a.entry(*at), b)  # (checker.files.steps)
        if isinstance(a, sp.Basic) and a.has(sp.nan):
            return False
        return bool(a == b) or bool(canonical(a) == canonical(b))
    except (TypeError, ValueError, AttributeError):
        return False


_I, _J = sp.Dummy("i", integer=True), sp.Dummy("j", integer=True)


def canonical(e: object, depth: int = 0) -> object:
    """``e`` with the variables bound by each sum (product, integral …) renamed after their
    binder's depth, ``_b0_0``, ``_b1_0`` …: names no user can write (a name never starts with
    ``_``), and different for nested binders, so that nothing free is captured."""
    if isinstance(e, sp.MatrixBase):
        return e.applyfunc(lambda v: canonical(v, depth))
    if not isinstance(e, sp.Basic) or not e.args:
        return e
    bound = list(getattr(e, "bound_symbols", ()) or ())
    if bound:
        e = e.xreplace({b: sp.Symbol(f"_b{depth}_{j}", **b.assumptions0)
                        for j, b in enumerate(bound)})
        depth += 1
    return e.func(*(canonical(a, depth) for a in e.args))


# what a line does that the reader does on reading it (a derivative taken, a sum, an integral)
WORK = re.compile(r"\\frac\s*\{\s*(?:d|\\partial)|\\partial|\\nabla|\bd\s*/\s*d|'|\\sum|\\int"
                  r"|\\prod|\\lim")


def work(text: str) -> list[str]:
    """The operations a line writes (\\frac{d}{dx}, \\sum …), sorted."""
    return sorted(" ".join(w.split()) for w in WORK.findall(text))


def matches(step: Step, forms: tuple[Form, ...]) -> Form | None:
    """The form the step is, read; one whose derivative, sum or integral the line does not
    write is not it (3x² + 2 is no start d/dx(x³ + 2x), though it reads the same: a chain from
    the answer had the start's credit)."""
    if step.unreadable:
        return None
    text = step.latex or step.text or ""
    return next((f for f in forms if same(step.expr, f.value)
                 and (not f.latex or not step.latex or set(work(f.text)) <= set(work(text)))),
                None)


_SHOWN = {"<": "<", ">": ">", "<=": "≤", ">=": "≥", "approx": "≈"}
_LAYOUT = re.compile(r"\\left|\\right|\\[,;:! ]|\\q?quad|\\displaystyle|&|\s+")


def written_as(step: Step, forms: tuple[Form, ...]) -> bool:
    """Whether the step is written as one of the forms (spacing and \\left, \\right aside)."""
    text = step.latex or step.text or ""
    return bool(text) and any(_LAYOUT.sub("", text) == _LAYOUT.sub("", f.text) for f in forms)


def build_answer(sub: Submission, problem: Problem) -> Built:
    chains = list(sub.chains)
    if not chains:
        return Built(None, False, False, (), ())
    cells = [cell_of(c) for c in chains]
    begins = [(i, j) for i, c in enumerate(chains) for j, s in enumerate(c.steps)
              if matches(s, problem.starts)]
    # of several chains from the start (a claim restated in a display before its proof, a
    # first try and a second), the one that reaches the end in the most steps (the later of
    # equals); a file with none from the start: its first chain
    tried = [_joined(chains, cells, problem, i, j) for i, j in begins] or \
        [_joined(chains, cells, problem, 0, 0)]
    literal = [bool(begins) and written_as(chains[i].steps[j], problem.starts)
               for i, j in begins] or [False]  # (the start as written, d/dx log σ(x), before
    # a line only equal to it: a check after the answer, σ(1 − σ)/σ = 1 − σ, is no answer)
    first = max(range(len(tried)), key=lambda k: (literal[k], matches(
        tried[k][0][-1], problem.ends) is not None, len(tried[k][0]), k))
    steps, where, used = tried[first]
    first = used[0]
    if len(steps) < 2:  # the start stood alone at the end of a chain: nothing derived from it
        steps = list(chains[first].steps)
        where = [cells[first]] * len(steps)
    stop = next((k for k in range(1, len(steps)) if written_as(steps[k], problem.ends)), None)
    after_end = ()
    if stop is not None and stop < len(steps) - 1:  # (ŷ₁ − y₁ = ŷ₁ + y₁ = ŷ₁ − y₁ after the
        at = place(steps[stop].line, where[stop], stop + 1)  # end: a slip and its undoing
        after_end = (f"the lines after the required end ({at}) are not part of the answer "
                     "and were not graded",)  # earned credit)
        steps, where = steps[:stop + 1], where[:stop + 1]
    start = matches(steps[0], problem.starts)
    end = matches(steps[-1], problem.ends)
    dropped = tuple(f"{place(s.line, c, k)}: the condition "
                    f"{'; '.join(h.describe() for h in s.given)} is not one of the problem's "
                    "hypotheses: the step is checked without it"
                    for k, (s, c) in enumerate(zip(steps, where, strict=True), start=1)
                    if s.given) + after_end
    dropped += tuple(f"{place(s.line, c, k)}: written with {_SHOWN.get(s.relation, s.relation)}; "
                     "the problem asks for a chain of equal lines, so it is checked as =" for
                     k, (s, c) in enumerate(zip(steps, where, strict=True), start=1)
                     if k > 1 and s.relation in _SHOWN and s.relation != "approx")  # (a ≤
    # then a ≥ reached the end: 10/10; ≈ between expressions is not read at all)
    clean = tuple(replace(s, expect=Verdict.PROVED, note="", given=(), relation="=")
                  for s in steps)
    if start is not None:  # the chain is about the start's values, where the statement is
        # defined: a first line read as the start but written on less (√(e^{2 log x} + 1),
        # x > 0) made every step hold there only, and a false one graded 10 of 10
        clean = (replace(clean[0], domain=start.domain), *clean[1:])
    ix = _union(problem.indices, *(chains[k].indices for k in used))
    ln = _union(problem.lengths, *(chains[k].lengths for k in used))
    answer = Answer(f"{sub.path}::{problem.id}", problem.title, sub.path,
                    _as_entry((start or problem.start).value, clean),
                    _as_entry((end or problem.end).value, clean), clean,
                    problem.given, Verdict.PROVED, "", ix, ln)
    unused = tuple(place(c.steps[0].line, cells[k], 0) for k, c in enumerate(chains)
                   if k not in used)
    return Built(answer, start is not None, end is not None, dropped, unused, tuple(where))


def _as_entry(value: object, steps: tuple[Step, ...]) -> object:
    """A statement's form about a whole array at a symbolic size, as the entry the answer's
    steps are read at (their indices i, j: checker.files.steps.lower_arrays), so that its
    first and last lines are compared with the start and end entry by entry."""
    if not isinstance(value, SymArray):
        return value
    at = _entry_at(value, [st.expr for st in steps])
    return value.entry(*at) if at is not None else sp.Integer(0)


def _entry_at(array: SymArray, exprs: list[object]) -> tuple[sp.Expr, sp.Expr] | None:
    """The (i, j) at which the reader wrote these expressions as an array's entries (its
    integer dummies named i and j; 1 along an axis of length 1), or None."""
    named: dict[str, sp.Dummy] = {}
    for e in exprs:
        if isinstance(e, sp.Basic):
            for d in e.atoms(sp.Dummy):
                if d.is_integer:
                    named.setdefault(d.name, d)
    i = sp.Integer(1) if same_size(array.rows, 1) else named.get("i")
    j = sp.Integer(1) if same_size(array.cols, 1) else named.get("j")
    return (i, j) if i is not None and j is not None else None


def _joined(chains: list[Derivation], cells: list[int | None], problem: Problem, first: int,
            at: int) -> tuple[list[Step], list[int | None], list[int]]:
    """The answer that starts at step ``at`` of chain ``first``: it goes on through every
    later chain that begins where it stands, until an end form (steps, their cells, the
    chains used)."""
    used = [first]
    steps = list(chains[first].steps[at:])
    where = [cells[first]] * len(steps)
    for k in range(first + 1, len(chains)):
        if matches(steps[-1], problem.ends):
            break
        head = chains[k].steps[0]
        if not steps[-1].unreadable and same(head.expr, steps[-1].expr):
            steps.extend(chains[k].steps[1:])
            where.extend([cells[k]] * (len(chains[k].steps) - 1))
            used.append(k)
    return steps, where, used


_CELL = re.compile(r", cell (\d+), line \d+$")


def cell_of(chain: Derivation) -> int | None:
    """The notebook cell a chain of a notebook is in (its source says "…, cell 3, line 2")."""
    m = _CELL.search(chain.source)
    return int(m.group(1)) if m else None


def place(line: int | None, cell: int | None, number: int) -> str:
    """Where a line is, in words: "cell 3, line 2", "line 12", or "step 4" (TOML steps)."""
    if line is None:
        return f"step {number}" if number else "a chain"
    return f"cell {cell}, line {line}" if cell is not None else f"line {line}"


def _union(*groups: tuple) -> tuple:
    out: list = []
    for group in groups:
        out.extend(x for x in group if x not in out)
    return tuple(out)


def catalog_item(answer: Answer, key: str) -> CatalogItem:
    """What the runner checks: the answer, cached under ``key`` (the problem's and the
    file's content), whatever path the file has."""
    from checker.files.common import Prebuilt

    return CatalogItem(answer.id, answer.title, answer.source, Prebuilt(answer), ("grade",),
                       cache_key=key)
