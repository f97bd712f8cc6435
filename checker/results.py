"""Verdicts and the evidence behind them: plain data that renderers only read."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import sympy as sp

if TYPE_CHECKING:
    from checker.model import Check


class Verdict(StrEnum):
    PROVED = "proved"  # exact algebra, or a randomized exact identity test with a stated bound
    REFUTED = "refuted"  # a certified counterexample
    NUMERIC = "numeric"  # agreement at random points only: never a proof
    UNKNOWN = "unknown"  # could not decide (including timeouts)
    ERROR = "error"  # the claim itself is malformed


class Method(StrEnum):
    STRUCTURAL = "structural"
    EXACT = "exact rational normal form"
    RANDOMIZED = "randomized exact identity test"
    EXACT_EVALUATION = "exact rational evaluation"
    INTERVAL = "interval arithmetic"
    NUMERIC = "high-precision sampling"
    SIGNS = "sign structure"  # an inequality: the sides' difference has a certain sign
    CHAIN = "by the chain's steps"  # a goal whose every step is proved (transitivity)
    VACUOUS = "the hypotheses cannot hold"  # proved vacuously: no admissible point exists
    TIMEOUT = "timeout"
    MEMORY = "memory limit"
    AMBIGUOUS = "ambiguous reading"
    SHAPE = "shapes differ"
    BUDGET = "budget"  # the run's or the file's time budget ran out first (--budget)
    NOT_RUN = "not run"  # the run was interrupted before this check was decided
    INTERNAL = "internal"  # a derivcheck bug (verdict error): one line of reason, no traceback
    NONE = "none"


@dataclass(frozen=True)
class Counterexample:
    """A point where the two sides certainly differ.

    ``point`` assigns every free symbol of the claim (hypothesis-eliminated
    variables included), so the claim can be re-evaluated independently.
    """

    point: tuple[tuple[sp.Symbol, sp.Expr], ...]
    lhs_value: str
    rhs_value: str
    certified_by: str
    entry: tuple[int, int] | None = None  # 1-based (row, column) for matrix claims
    case: str = ""  # e.g. the one-hot case
    # For a claim over a symbolic n: the sizes and index values of the refuted instance
    # (``symbolic_n.instantiate`` rebuilds the explicit claim that ``point`` refers to).
    instance: tuple[tuple[sp.Symbol, int], ...] = ()
    # For a claim about functions the file declares arbitrary: the function for which it
    # fails (checker.strategies.witness), each as (the function, a polynomial Lambda); the
    # point is a point of the claim with those functions put in.
    witness: tuple[tuple[Any, sp.Lambda], ...] = ()

    def as_dict(self) -> dict[sp.Symbol, sp.Expr]:
        return dict(self.point)

    def functions(self) -> list[tuple[str, str]]:
        """The witness as text: ("L(t₁, t₂)", "2*t₁ - t₂ + 1")."""
        return [(f"{f.__name__}({', '.join(map(str, lam.variables))})", sp.sstr(lam.expr))
                for f, lam in self.witness]


@dataclass(frozen=True)
class NumericEvidence:
    points: int
    digits: int
    seed: int
    max_difference: str


@dataclass(frozen=True)
class Location:
    """Where a diagnosed change sits in a step as written: ``text`` is the line (its LaTeX,
    its plain text, or, with ``syntax`` "reading", the step as derivcheck read it) and
    ``start``/``end`` the character span of the part that differs (``part``); a span of
    (0, len(text)) is the whole line."""

    text: str
    start: int
    end: int
    part: str
    syntax: str = "latex"  # "latex", "text" (as the file writes it) or "reading" (SymPy)

    @property
    def whole(self) -> bool:
        return self.start <= 0 and self.end >= len(self.text)


@dataclass(frozen=True)
class Diagnosis:
    """What is wrong with a refuted step, as a relation the engine *proved*: the corrected
    line (the step with the diagnosed change undone) equals the previous step.

    ``kind`` names the slip (checker.diagnosis.KINDS: "sign", "scale", "term", "reciprocal",
    "function", "argument", "exponent", "chain-factor", …), ``detail`` says it in one sentence,
    ``location`` where it is in the step as written, ``corrected`` the line that was proved
    equal to the previous step (``corrected_syntax`` as in Location), ``method`` how."""

    kind: str
    detail: str
    location: Location | None
    corrected: str
    corrected_syntax: str = "latex"
    method: str = ""
    elapsed: float = 0.0
    # the line before is refuted itself: the corrected line would agree with a wrong line, so
    # it is not offered (undoing this change would agree with a line that is wrong itself)
    after_wrong: bool = False
    # a slip of shape (checker.diagnosis.shapes): the line's shape is wrong whatever the line
    # before, so after a wrong line it is a slip of its own, never one that undoes that one
    of_shape: bool = False
    # how the corrected line was proved to stand to the previous one: "equal to" it, or "to
    # follow from" it (an inequality's slip: its relation changed)
    proved: str = "equal to"


# x[_i], KroneckerDelta(_i, _j), \operatorname{_leibniz_entry}, a dummy's NUL: no one wrote them
_INTERNAL = re.compile(r"(?<![\w\\}])_[A-Za-z]|\x00")


def internal(d: Diagnosis) -> bool:
    """A diagnosis that can only be said in the engine's own names (an entry _i, _j of an
    array claim, a derivative's internal form): not what the author wrote, so not shown
    (another may be)."""
    where = d.location.part if d.location is not None else ""
    return any(_INTERNAL.search(t or "") for t in (d.detail, d.corrected, where))


@dataclass(frozen=True)
class ReadingResult:
    """The verdict on one reading of an ambiguous claim."""

    label: str
    result: Result


@dataclass(frozen=True)
class Result:
    verdict: Verdict
    method: Method
    elapsed: float
    detail: str = ""
    counterexample: Counterexample | None = None
    failure_bound: float | None = None  # for randomized proofs: P(a false claim passes)
    seed: int | None = None
    numeric: NumericEvidence | None = None
    entries: int = 1
    scope: str = ""  # what the verdict covers, for claims over a symbolic n: "all n ≥ 1", "n = 2"
    # A claim that can be read several ways: the verdict under each reading (the first is the
    # claim's own lhs/rhs). The verdict above stands only where they all agree.
    readings: tuple[ReadingResult, ...] = ()
    # PROVED only because no point satisfies the hypotheses (``detail`` says why): true, and
    # says nothing. Reports show it as its own outcome, never as a plain proof.
    vacuous: bool = False
    # A refuted step's diagnosis (checker.diagnosis), when one was proved; never changes the
    # verdict.
    diagnosis: Diagnosis | None = None
    # A refuted step whose diagnosis search ran out of its time (none shown): a run with more
    # time may find one, so the result is not cached, and grading flags it for review.
    diagnosis_cut: bool = False

    @property
    def method_text(self) -> str:
        if self.method is Method.RANDOMIZED and self.failure_bound is not None:
            if self.verdict is not Verdict.PROVED:
                return "no exact certificate in time (a randomized test passed; not accepted)"
            return f"{self.method.value}, P(error) ≤ {self.failure_bound:.0e}"
        if self.method is Method.INTERVAL and self.detail:
            return self.detail
        return self.method.value


@dataclass(frozen=True)
class CheckResult:
    """A check (from ``checker.model``) with its result."""

    check: Check
    result: Result

    @property
    def expected(self) -> Verdict:
        return self.check.claim.expect

    @property
    def matches(self) -> bool:
        return self.result.verdict is self.expected


@dataclass(frozen=True)
class EntryOutcome:
    """Everything decided about one catalog entry (an identity or a derivation)."""

    id: str
    title: str
    source: str
    entry: object | None  # checker.model.Entry once built
    checks: tuple[CheckResult, ...]
    error: str = ""  # the entry could not be built (or read)
    input_error: bool = False  # the error is in the user's input (exit code 2)
    line: int | None = None  # where in its file an input error is (documents), when known
    col: int | None = None

    @property
    def matches(self) -> bool:
        return not self.error and all(c.matches for c in self.checks)


@dataclass(frozen=True)
class RunReport:
    outcomes: tuple[EntryOutcome, ...]
    elapsed: float
    seed: int
    timeout: float
    jobs: int
    cached: int = 0  # entries whose results came from the cache
    interrupted: bool = False  # Ctrl-C or SIGTERM: what is not finished is shown as not run

    @property
    def results(self) -> list[CheckResult]:
        return [c for o in self.outcomes for c in o.checks]

    def count(self, verdict: Verdict) -> int:
        return sum(1 for c in self.results if c.result.verdict is verdict)

    @property
    def mismatches(self) -> list[CheckResult]:
        return [c for c in self.results if not c.matches]
