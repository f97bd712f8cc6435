"""One row of the gradebook: what was decided about one submission (plain data).

Built from the submission as read, its answer, and the engine's results on the answer's
checks; the gradebook and the feedback files only read it.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter as Multiset
from dataclasses import dataclass, replace
from enum import StrEnum

import sympy as sp

from checker.grading.answer import Built, place, work
from checker.grading.problem import Problem
from checker.grading.rubric import Credit, credit
from checker.grading.submission import Submission
from checker.model import CheckKind, Step
from checker.report.text import point
from checker.results import Diagnosis, Method, Result, Verdict


class Mark(StrEnum):
    PROVED = "proved"
    REFUTED = "refuted"
    UNDECIDED = "undecided"  # numeric evidence only, unknown, or a line that could not be read
    REPEATED = "repeated"  # the line before again (or with + 0, · 1): no step, whatever its check


class Readable(StrEnum):
    YES = "yes"  # read whole, in the problem's context
    PARTLY = "partly"  # an answer was read, but some lines were not, or it redefines the context
    NO = "no"  # no answer could be read


class End(StrEnum):
    REACHED = "reached"  # the last line is the required end, as written
    OTHER_FORM = "equal, in another form"  # equal to it, but not written as it
    NOT_REACHED = "not reached"  # not equal to it (a counterexample shows it)
    UNDECIDED = "undecided"  # not written as it; whether it is equal is not known
    NO_ANSWER = "no answer"


@dataclass(frozen=True)
class Counter:
    """A counterexample, as the student is shown it."""

    point: tuple[tuple[str, str], ...]  # symbol → value (every free symbol of the claim)
    shown: str  # "y_3 = 1; every other symbol 0"
    left: str  # the earlier line's value there
    right: str  # this line's value there
    case: str = ""  # the one-hot case, the matrix entry …


@dataclass(frozen=True)
class StepGrade:
    """The check "the line before == this line"."""

    number: int  # 2, 3 … (line 1 of the answer is its start)
    line: int | None  # the file's line, for documents
    text: str  # as written
    previous: str  # the line before, as written
    mark: Mark
    how: str  # the method that decided it, or why it is undecided
    counter: Counter | None = None
    previous_line: int | None = None
    cell: int | None = None  # the notebook cell, for notebooks
    previous_cell: int | None = None
    diagnosis: Diagnosis | None = None  # what is wrong with a refuted step (proved), if found

    @property
    def where(self) -> str:
        return place(self.line, self.cell, self.number)

    @property
    def where_previous(self) -> str:
        return place(self.previous_line, self.previous_cell, self.number - 1)


@dataclass(frozen=True)
class Grade:
    submission: str
    format: str
    digest: str
    readable: Readable
    problems: tuple[str, ...]  # what could not be read (file:line:col: why)
    redefinitions: tuple[str, ...]  # what tried to change the problem's context
    notes: tuple[str, ...]  # what else the student should know (dropped conditions …)
    started: bool
    start_note: str
    first_line: int | None  # the file line where the answer starts
    first_where: str  # and in words ("line 4", "cell 2, line 1", "step 1")
    first_text: str
    steps: tuple[StepGrade, ...]
    end: End
    end_note: str
    end_counter: Counter | None
    credit: Credit
    review: tuple[str, ...]  # why a person should look at this row
    identical_to: tuple[str, ...] = ()  # other submissions with the same bytes

    def count(self, mark: Mark) -> int:
        return sum(1 for s in self.steps if s.mark is mark)

    @property
    def first_wrong(self) -> StepGrade | None:
        return next((s for s in self.steps if s.mark is Mark.REFUTED), None)


def step_text(step: Step) -> str:
    if step.latex:
        return " ".join(step.latex.split())
    if step.text:
        return step.text
    return sp.sstr(step.expr)


_SPACING = re.compile(r"\\left|\\right|\\[,;:! ]|\\q?quad|&|\\\\|\s+")
_PADDING = re.compile(r"(?<![\w.\\])[+-]0(?![\w.])|(?:\\cdot|\*|\\times)1(?![\w.])"
                      r"|(?<![\w.\\])1(?:\\cdot|\*|\\times)")


def _core(t: str) -> str:
    """A line up to spacing, \\left/\\right, padding that says nothing (+ 0, · 1) and the
    names of its sums' indices (Σ_k y_k and Σ_j y_j are one line)."""
    t = _SPACING.sub("", t)
    while (stripped := _PADDING.sub("", t)) != t:
        t = stripped
    for n, letter in enumerate(dict.fromkeys(re.findall(r"\\sum_\{?([A-Za-z])", t))):
        t = re.sub(rf"(?<![A-Za-z\\]){letter}(?![A-Za-z])", f"\x00{n}", t)
    return t.strip("=")


def repeats(before: str, text: str) -> bool:
    """Whether a line is the line before written again, up to spacing, \\left/\\right,
    padding that says nothing (+ 0, − 0, · 1) and its sums' index names: no step."""
    return bool(before.strip()) and _core(before) == _core(text)


def detours(texts: list[str]) -> dict[int, int]:
    """Lines of a chain that come back to an earlier line (k → j: line k is line j again,
    j < k − 1): the lines after j up to k made no progress, whatever each says."""
    out: dict[int, int] = {}
    cores = [_core(t) for t in texts]
    for k in range(2, len(texts)):
        j = next((j for j in range(k - 1) if cores[j] and cores[j] == cores[k]), None)
        if j is not None:
            out[k] = j
    return out




def rewrites(before: Step, step: Step) -> bool:
    """Whether a line is the line before with nothing done: the same value, as SymPy builds it
    (SymPy only sorts and collects: (X), {X}, X^1, 0 + X), with the same derivatives, sums and
    integrals written (none of them taken) and no word the line before lacks: no step. A
    derivative taken, a sum written out, a fraction split are steps."""
    try:
        same = bool(before.expr == step.expr)
    except (TypeError, ValueError):
        return False

    def done(s: Step) -> list[str]:
        return work(step_text(s))

    def words(s: Step) -> Multiset[str]:
        return Multiset(w for w in _WORDS.findall(step_text(s)) if w not in _LAYOUT)

    # (no word the line before does not have: splitting a fraction, 1/(1 + e^{−x}) ·
    # e^{−x}/(1 + e^{−x}), is a step even where SymPy builds the same value; and the same
    # signs, numbers and letters, in any order and brackets: brackets removed with their
    # signs, x² + 2x + 1 − (x² − 2x + 1) then x² + 2x + 1 − x² + 2x − 1, or like terms
    # collected are steps, which SymPy builds the same, and an honest chain scored below one
    # with a slip)
    return same and done(before) == done(step) and words(step) <= words(before) \
        and _symbols(step_text(before)) == _symbols(step_text(step))


def _symbols(text: str) -> Multiset[str]:
    """A line's signs, digits and letters, whatever their order and brackets (X^1, 0 + X and
    · 1 aside: SymPy's own rewriting, no step)."""
    text = re.sub(r"\\left|\\right|\\[,;:! ]|\\big\w*|\\Big\w*|\s+", "", text)
    text = re.sub(r"\^\{?1\}?(?![0-9])|(?<![\w.])0\+|\+0(?![\w.])|\\cdot1(?![0-9])", "", text)
    signs = Multiset(m[0] for m in re.finditer(r"-[({\[]", text))  # (−(a − b): its minus
    return Multiset(ch for ch in text if ch not in "(){}[]") + signs  # distributed is a step)


MAX_PADDED_TERMS = 10  # a line with more top-level terms is not searched for padding
MAX_PADDING_OPS = 400  # nor one larger than this (the search expands subsets of its terms)


def padded(before: Step, step: Step) -> bool:
    """Whether a line is the line before with terms added that sum to 0 (or such terms
    traded for others): ŷ₁ − y₁ + (z₁ + 1)² − z₁² − 2z₁ − 1 after ŷ₁ − y₁, or after ŷ₁ − y₁ +
    (z₂ + 1)² − …: each line without the terms that cancel among themselves is the same."""
    try:
        a, b = essential(before.expr), essential(step.expr)
        return a is not None and b is not None and (a != before.expr or b != step.expr) \
            and a == b  # (as SymPy builds them: rewriting the rest is a step)
    except (TypeError, ValueError, AttributeError):
        return False


def essential(expr: object) -> sp.Expr | None:
    """A sum without every group of its terms that sums to 0 (each group found by exact
    expansion, the smallest first); None for what is not searched (not a scalar, too
    large)."""
    if not isinstance(expr, sp.Expr) or sp.count_ops(expr) > MAX_PADDING_OPS:
        return None
    terms = list(sp.Add.make_args(expr))
    if len(terms) > MAX_PADDED_TERMS:
        return None
    changed = True
    while changed and len(terms) > 1:
        changed = False
        for size in range(2, len(terms) + 1):
            group = next((g for g in itertools.combinations(range(len(terms)), size)
                          if sp.expand(sp.Add(*(terms[i] for i in g))) == 0), None)
            if group is not None:
                terms = [t for i, t in enumerate(terms) if i not in group]
                changed = True
                break
    return sp.Add(*terms)


_WORDS = re.compile(r"\\[A-Za-z]+|[A-Za-z]")
_LAYOUT = frozenset({"\\left", "\\right", "\\cdot", "\\times", "\\big", "\\Big", "\\quad"})


def mark_of(result: Result) -> Mark:
    if result.verdict is Verdict.PROVED and not result.vacuous:
        return Mark.PROVED
    if result.verdict is Verdict.REFUTED:
        return Mark.REFUTED
    return Mark.UNDECIDED


def how(result: Result) -> str:
    if result.vacuous:
        return "proved only because the hypotheses cannot hold here (says nothing)"
    if result.verdict is Verdict.PROVED:
        return result.method_text
    if result.verdict is Verdict.REFUTED:  # (without a point: by its shape, and why)
        return f"refuted by {result.counterexample.certified_by}" if result.counterexample \
            else f"refuted: {result.detail}" if result.detail else "refuted"
    if result.verdict is Verdict.NUMERIC:
        return "agrees at random points only (numeric evidence, not a proof)"
    if result.method is Method.INTERNAL:
        return "could not be checked (a derivcheck error; the teacher has been told)"
    if result.detail:
        return result.detail
    return f"not decided ({result.method.value})"


def counter(result: Result) -> Counter | None:
    cex = result.counterexample
    if cex is None or result.verdict is not Verdict.REFUTED:
        return None
    where = f"entry {cex.entry}" if cex.entry else ""
    case = "; ".join(x for x in (cex.case, where) if x)
    return Counter(tuple((str(s), sp.sstr(v)) for s, v in cex.point), point(cex),
                   cex.lhs_value, cex.rhs_value, case)


def grade_of(sub: Submission, built: Built, results: list[Result | None], error: str,
             problem: Problem, interrupted: bool = False) -> Grade:
    """A row from the submission, its answer and the results of the answer's checks (in the
    order of ``built.answer.checks()``; None where a check was not run)."""
    review: list[str] = []
    problems = tuple(str(e) for e in sub.errors)
    redefinitions = tuple(str(e) for e in sub.redefinitions)
    answer = built.answer
    if answer is None:
        why = problems or ("no derivation found: write the chain from the statement's start to "
                           "its end (a display with '=' between the lines, or steps = [...])",)
        return Grade(sub.path, sub.format, sub.digest, Readable.NO, why, redefinitions,
                     sub.skipped, False, "", None, "", "", (), End.NO_ANSWER, "", None,
                     credit(problem.rubric, readable=False, started=False, reached=False,
                            marks=[]),
                     (f"no answer could be read ({why[0]}): look at the file",))
    checks = answer.checks()
    if error:
        review.append(f"the answer could not be checked: {error}")
    by_check: dict[tuple[CheckKind, int | None], Result | None] = {
        (c.kind, c.step): r for c, r in zip(checks, results, strict=False)}
    steps = []
    cells = built.cells or (None,) * len(answer.steps)
    begin = by_check.get((CheckKind.START, None))
    start_right = built.started or (begin is not None and begin.verdict is Verdict.PROVED)
    for k in range(2, len(answer.steps) + 1):
        result = by_check.get((CheckKind.STEP, k))
        step, before = answer.steps[k - 1], answer.steps[k - 2]
        at = dict(previous_line=before.line, cell=cells[k - 1], previous_cell=cells[k - 2])
        if result is None:
            steps.append(StepGrade(k, step.line, step_text(step), step_text(before),
                                   Mark.UNDECIDED, "not checked (the run was stopped)"
                                   if interrupted else "not checked", None, **at))
            continue
        if result.method is Method.INTERNAL:
            review.append(f"step {k}: {result.detail}")
        if result.diagnosis_cut and problem.rubric.diagnosed:  # (a slip may earn part credit)
            review.append(f"step {k}: wrong, and the search for what slip it is ran out of time "
                          "(a diagnosis could give part credit): check it by hand")
        if result.verdict is Verdict.PROVED and (repeats(step_text(before), step_text(step))
                                                 or rewrites(before, step)
                                                 or padded(before, step)):
            steps.append(StepGrade(k, step.line, step_text(step), step_text(before),
                                   Mark.REPEATED, "the line before again: not a step", None, **at))
            continue
        diagnosis = result.diagnosis if result.verdict is Verdict.REFUTED else None
        if diagnosis is not None and not start_right:  # (a wrong first line is a wrong step
            diagnosis = replace(diagnosis, after_wrong=True)  # before: no corrected line)
        steps.append(StepGrade(k, step.line, step_text(step), step_text(before),
                               mark_of(result), how(result), counter(result), **at,
                               diagnosis=diagnosis))
    texts = [step_text(s) for s in answer.steps]
    for back, to in detours(texts).items():  # (0-based lines: steps[i] is line i + 1)
        for i in range(to, back):
            if steps[i].mark is Mark.PROVED:
                steps[i] = replace(steps[i], mark=Mark.REPEATED,
                                   how=f"line {back + 1} comes back to line {to + 1}: the lines "
                                       "between make no progress, not a step")
    owed = sorted({w for f in problem.starts if f.latex for w in work(f.text)})
    if owed and not built.started and not any(set(owed) & set(work(t)) for t in texts):
        for i, s in enumerate(steps):  # (the start's derivative, sum or integral written in
            if s.mark is Mark.PROVED:   # no line: the chain begins after the work is done,
                steps[i] = replace(s, mark=Mark.REPEATED,  # from the answer padded on)
                                   how="the chain never writes the statement's "
                                       f"{' '.join(owed)}: no step of the work asked for")
        review.append(f"no line writes the statement's {' '.join(owed)}: the chain starts after "
                      "the work the problem asks for (its steps are not counted)")
    marks = [s.mark.value for s in steps]
    repeated = marks.count(Mark.REPEATED.value)
    repeat_note = (f"{repeated} line{'s repeat' if repeated > 1 else ' repeats'} the line "
                   "before (or adds + 0, · 1, terms that sum to 0, or renames a sum's index) "
                   "or is part of a detour back to an earlier line: not counted as a step"
                   ) if repeated else ""  # (padding: lines that say nothing new)
    # a slip's part credit goes to the first wrong step, whose lines before are right: the
    # steps that flip a sign back and forth after a slip (y − ŷ, ŷ − y, y − ŷ …), or undo it
    # after a right step from the wrong line (a sign flipped, then the whole line negated
    # two lines on: 8.5 of 10, more than one honest slip), are not each a slip to pay for
    # (and only where the first line is right: the statement's start, or proved equal to it;
    # a step that undoes a wrong first line is no slip: its "fix" would restore that line)
    first_wrong = next((k for k, s in enumerate(steps) if s.mark is Mark.REFUTED), None)
    kinds = [s.diagnosis.kind if s.diagnosis is not None and k == first_wrong and start_right
             else None for k, s in enumerate(steps)]
    start_note = "" if built.started else _start_note(by_check.get((CheckKind.START, None)),
                                                      problem)
    end, end_note, end_counter = _end(built, by_check.get((CheckKind.END, None)), problem)
    readable = Readable.YES if not (problems or redefinitions) else Readable.PARTLY
    # tied to the problem: it starts at the start (as written, or proved equal to it), or it
    # arrives at the end by a right step (not an unrelated chain with the end copied under it)
    anchored = built.started or (begin is not None and begin.verdict is Verdict.PROVED) or (
        end in (End.REACHED, End.OTHER_FORM) and bool(steps) and steps[-1].mark is Mark.PROVED)
    got = credit(problem.rubric, readable=readable is Readable.YES, started=built.started,
                 reached=built.reached, marks=marks, kinds=kinds, anchored=anchored)
    if repeated:  # for review where it costs credit (min_steps), else a note
        counted = credit(problem.rubric, readable=readable is Readable.YES,
                         started=built.started, reached=built.reached,
                         marks=[Mark.PROVED.value if m == Mark.REPEATED.value else m
                                for m in marks], kinds=kinds, anchored=anchored)
        if counted.total != got.total:
            review.append(repeat_note + f" (counted as steps the credit would be "
                                        f"{counted.total:g})")
    if not anchored:
        review.append("the chain neither starts at the statement's start nor ends at its end: "
                      "it derives something else (its steps earn nothing); is it an answer to "
                      "this problem?")
    undecided = marks.count(Mark.UNDECIDED.value)
    if undecided:
        review.append(f"{undecided} step{'s' if undecided > 1 else ''} undecided: the credit "
                      f"is {got.total:g}, up to {got.best:g} if "
                      f"{'they are' if undecided > 1 else 'it is'} right")
    notes = tuple(built.dropped) + sub.skipped + tuple(
        f"the chain at {where} is not part of the answer and was not graded"
        for where in built.unused) + ((repeat_note,) if repeat_note and not any(
            r.startswith(repeat_note) for r in review) else ())
    first = answer.steps[0]
    return Grade(sub.path, sub.format, sub.digest, readable, problems, redefinitions, notes,
                 built.started, start_note, first.line, place(first.line, cells[0], 1),
                 step_text(first), tuple(steps), end,
                 end_note, end_counter, got, tuple(review))


def _start_note(result: Result | None, problem: Problem) -> str:
    want = problem.start.text
    if result is not None and result.verdict is Verdict.REFUTED:
        return f"the first line is not the statement's start ({want}), nor equal to it"
    if result is not None and mark_of(result) is Mark.PROVED:
        return (f"the first line equals the statement's start but is not written as it: "
                f"begin with {want}")
    return f"the first line is not the statement's start as written: begin with {want}"


def _end(built: Built, result: Result | None, problem: Problem
         ) -> tuple[End, str, Counter | None]:
    if built.reached:
        return End.REACHED, "", None
    want = problem.end.text
    if result is None or mark_of(result) is Mark.UNDECIDED:
        return End.UNDECIDED, (f"the last line is not the required end as written ({want}); "
                               "whether it equals it was not decided"), None
    if result.verdict is Verdict.REFUTED:
        return End.NOT_REACHED, f"the last line is not equal to the required end ({want})", \
            counter(result)
    return End.OTHER_FORM, (f"the last line equals the required end but is not written as it: "
                            f"carry on to {want}"), None
