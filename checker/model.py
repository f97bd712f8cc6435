"""Claims, steps and derivations: plain frozen data, no behaviour beyond shape.

A *claim* is ``lhs == rhs`` (scalars, or matrices compared entrywise) under
hypotheses. A *derivation* is a chain of steps; every adjacent pair is a claim,
and the chain's first and last expressions must match the identity it derives.
Symbols carry their assumptions (``real``, ``positive``, ``integer`` …) inside
the SymPy ``Symbol`` objects themselves.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum

import sympy as sp
from sympy.matrices.immutable import ImmutableRepMatrix

from checker.dag import free_symbols
from checker.results import Verdict

Value = sp.Expr | sp.MatrixBase


# the mark, in a claim's ``unheld``, of a case of the indices the prose states and does not make
# the display's (If $i = j$, the result is known. For the rest:): a proof for every index value
# holds in it too (checker.engine._restricted)
INDEX_CASE = "(a case of the indices: a proof for all of them covers it)"
# the mark of a result the prose states before a display ("Hence $a \ge b$."), which the display
# may rely on: a refutation without it is in doubt, a proof without it holds with it
STATED_RESULT = "(a result, not a case: a proof without it holds with it)"
# the mark of a bound a sentence before an earlier display assumes ("Let $u > 0$."): the later
# displays are checked without it too; a refutation is in doubt, a proof holds with it
EARLIER_WORDS = "(assumed before: a proof without it holds with it)"
# a proof that holds only under what the prose assumed before (checker.engine), shown beside it
UNDER_EARLIER = "proved under what the prose assumed before (false without it)"
# the mark of a value a letter may stand for that the page does not define (x̄ beside x: its
# mean?, checker.files.implicit): a proof for every value of it holds for that one
ONE_OF_ITS_VALUES = "(one value it may have: a proof for every value covers it)"
# the words state a property of a matrix (checker.files.worded): a proof for every matrix, where
# its sides are defined, holds for those with it
MATRIX_WORDS = "(a property of a matrix)"
# the mark of a chain's goal with a line between its ends that could not be read (a relation
# not read, 2x + 2 = 6 \leftrightarrow x = 3): the page may not claim first = last at all, so
# a refutation is in doubt; a proof of first = last holds as it stands
UNREAD_BETWEEN = "(a line between could not be read: a proof holds as it stands)"

# How a claim's two sides, or a step and the line before it, are related: "=" (an identity),
# an inequality ("<", "<=", ">", ">="), as the text writes it (checker.strategies.inequality),
# or "approx": a number against a decimal written to its places (σ(1) ≈ 0.731).
RELATIONS = {"=": "=", "<": "<", "<=": "≤", ">": ">", ">=": "≥", "approx": "≈"}


def composed(relations: tuple[str, ...] | list[str]) -> str | None:
    """What a chain of these relations says of its first and last lines: "=" if all are,
    else the one direction they go (strict if any step is), None where they go both ways
    (a ≤ b ≥ c says nothing of a and c)."""
    other = [r for r in relations if r != "="]
    if not other:
        return "="
    if "approx" in other:  # (A = B ≈ 0.318: the value to its places; with ≤ too: nothing)
        return "approx" if set(other) == {"approx"} else None
    ways = {r[0] for r in other}
    if len(ways) > 1:
        return None
    way = ways.pop()
    return way if any(len(r) == 1 for r in other) else way + "="


@dataclass(frozen=True)
class OneHot:
    """The vector is one of the unit vectors e_1 … e_n (decided case by case)."""

    vector: tuple[sp.Symbol, ...]

    def describe(self) -> str:
        names = ", ".join(str(s) for s in self.vector)
        return f"({names}) is one-hot"


@dataclass(frozen=True)
class Equation:
    """An equality hypothesis, applied by eliminating a variable that appears linearly."""

    lhs: sp.Expr
    rhs: sp.Expr

    def __post_init__(self) -> None:
        for side in ("lhs", "rhs"):
            if isinstance(getattr(self, side), int):
                object.__setattr__(self, side, sp.Integer(getattr(self, side)))

    @property
    def free_symbols(self) -> set[sp.Basic]:
        return set(self.lhs.free_symbols) | set(self.rhs.free_symbols)

    def describe(self) -> str:
        from checker.shown import index_notation

        return f"{index_notation(self.lhs)} = {index_notation(self.rhs)}"


@dataclass(frozen=True)
class Condition:
    """A domain restriction such as ``x > 0``: counterexamples must satisfy it."""

    relation: sp.core.relational.Relational
    # as read (SymPy evaluates a relation again when it is unpickled: |x| < 0 comes back from
    # a worker as False, and the report would show "given: False")
    shown: str = field(default="", compare=False)

    @property
    def free_symbols(self) -> set[sp.Basic]:
        return set(self.relation.free_symbols)

    def describe(self) -> str:
        if self.shown:
            return self.shown
        r = self.relation
        # an index over every entry (log(x) at a symbolic size needs x[k] > 0 for each k)
        every = sorted((d for d in r.free_symbols if isinstance(d, sp.Dummy) and d.name == "every"),
                       key=sp.default_sort_key)
        names = [sp.Symbol(n) for n in ("k", "l")[:len(every)]] if len(every) <= 2 else []
        if names:
            r = r.xreplace(dict(zip(every, names, strict=True)))
        from checker.shown import index_notation

        op = {sp.Ne: "≠", sp.Le: "≤", sp.Lt: "<", sp.Ge: "≥", sp.Gt: ">", sp.Eq: "="}.get(type(r))
        text = f"{index_notation(r.lhs)} {op} {index_notation(r.rhs)}" if op else \
            index_notation(r)
        return text + (f" for every {', '.join(map(str, names))}" if names else "")


@dataclass(frozen=True)
class OneHotAt:
    """For a vector of symbolic length: y_k = δ(k, at) for every k, ``at`` a declared index."""

    vector: sp.IndexedBase
    at: sp.Symbol

    def describe(self) -> str:
        k = "m" if str(self.at) == "k" else "k"  # y_m = δ(m, k), never δ(k, k)
        return f"{self.vector}_{k} = δ({k}, {self.at}) (one-hot at {self.at})"


Hypothesis = OneHot | Equation | Condition | OneHotAt


@dataclass(frozen=True)
class MatrixProperty:
    """A property the prose states of matrices (positive definite …), not read as a hypothesis:
    kept with a claim's unheld words, so that a counterexample whose matrices have it too
    refutes the claim under both readings (checker.matrix_properties)."""

    kinds: tuple[str, ...]  # keys of checker.matrix_properties.CHECKS
    matrices: tuple[tuple[sp.IndexedBase, sp.Expr], ...]  # each base with its (rows, cols)

    def describe(self) -> str:
        verb = "is" if len(self.matrices) == 1 else "are"
        return f"{', '.join(str(b) for b, _ in self.matrices)} {verb} {' and '.join(self.kinds)}"


@dataclass(frozen=True)
class Index:
    """An integer index ranging over lo … hi (both included), e.g. i ∈ 1 … n."""

    symbol: sp.Symbol
    lo: sp.Expr
    hi: sp.Expr

    def describe(self) -> str:
        return f"{self.symbol} ∈ {sp.sstr(self.lo)}…{sp.sstr(self.hi)}"


@dataclass(frozen=True)
class Reading:
    """One way to read an ambiguous claim: ``lhs == rhs`` under the choices in ``label``."""

    label: str
    lhs: Value
    rhs: Value
    domain: tuple[sp.core.relational.Relational, ...] = ()  # where this reading is defined


@dataclass(frozen=True)
class StepReading:
    """One way to read an ambiguous step: the reader's choices (key → option) and the value."""

    choices: tuple[tuple[str, int], ...]
    labels: tuple[str, ...]  # what each choice means here, e.g. "log(x·y)"
    expr: Value
    domain: tuple[sp.core.relational.Relational, ...] = ()  # where this reading is defined


@dataclass(frozen=True)
class Premise:
    """The equation a claim is said to follow from: ``lhs = rhs`` ⇒ (or ⇔) the claim's own
    equation. Decided by :mod:`checker.strategies.implication` (a counterexample is a point
    where the premise holds, checker.strategies.premise_point)."""

    lhs: Value
    rhs: Value
    arrow: str = "⇒"  # "⇒" (follows from) or "⇔" (is equivalent to)
    domain: tuple[sp.core.relational.Relational, ...] = ()  # where the premise is defined
    via: str = ""  # how it was made from the equation before, where it was (said in the proof)
    or_from: Premise | None = None  # another equation it may follow from instead (P ⇒ D = E = F:
                                    # D = F follows from P, or from D = E as a rewrite of E)
    # a point where it holds and the claim does not refutes the claim (checker.strategies.
    # premise_point): only where it is all the claim may follow from (the first equation of a
    # chain written whole, not a later one, which may be read with the ones before it)
    refutable: bool = False
    through: tuple[sp.core.relational.Relational, ...] = ()  # where the lines between are
    # defined (a chain's whole): a refuting point must be in it too


class CheckKind(StrEnum):
    CLAIM = "claim"  # a stand-alone identity
    GOAL = "goal"  # the identity a derivation claims to derive
    STEP = "step"  # step k−1 == step k
    START = "start"  # first step == the goal's left-hand side
    END = "end"  # last step == the goal's right-hand side


@dataclass(frozen=True)
class Claim:
    """``lhs == rhs`` under ``given``, with the outcome we expect."""

    lhs: Value
    rhs: Value
    given: tuple[Hypothesis, ...] = ()
    expect: Verdict = Verdict.PROVED
    note: str = ""
    # Free indices of a claim over a symbolic dimension (x[i], Sum(…, (k, 1, n))): the claim
    # is stated for every n ≥ 1 and every value of each index in its range.
    indices: tuple[Index, ...] = ()
    # The lengths of indexed vectors (x ↦ n): every entry x[e] must lie in 1…n.
    lengths: tuple[tuple[sp.IndexedBase, sp.Expr], ...] = ()
    # What an explicit claim covers, for the report ("n = 3" for one size of a family);
    # claims over a symbolic n get theirs from the engine ("all n ≥ 1").
    scope: str = ""
    # Where the text can be read more than one way: every plausible reading, the first being
    # (lhs, rhs) itself. The verdict stands only if all readings agree (checker.readings).
    readings: tuple[Reading, ...] = ()
    hints: tuple[str, ...] = ()  # how to write the text so that only one reading is possible
    # Where the sides are defined, as the reader saw them before SymPy simplified (x/x is
    # read as 1 but needs x ≠ 0; sqrt(x)**2 as x but needs x ≥ 0): relations d ≠ 0, d > 0
    # or d ≥ 0. Counterexamples must satisfy them, and a claim that no admissible point
    # satisfies is not proved.
    domain: tuple[sp.core.relational.Relational, ...] = ()
    # Not checked: a side could not be read (the reason, with the line); the engine says so.
    unreadable: str = ""
    # The two sides have different shapes (for some sizes): refuted by shape, with the sizes.
    mismatch: str = ""
    # Set for an implication line (\Rightarrow): lhs = rhs is claimed to follow from the
    # premise's equation, not to hold as an identity.
    premise: Premise | None = None
    # An equation that may not be claimed as an identity: a one-equation display that an
    # implication line follows (its premise, which claims nothing?), or one the prose says is
    # being solved. The reason, as a clause ("the implication line after it may have it as its
    # premise, which claims nothing"); refuted as an identity, the readings disagree.
    or_premise: str = ""
    # A hypothesis the page states in words or a bound in its prose that the reader does not
    # read (checker.files.worded, document_build): the claim is checked without it, so a
    # refutation proves nothing, and neither does a proof that holds only where the sides are
    # defined (the hypothesis may lie outside): unknown, with this reason.
    unheld: str = ""
    # The hypotheses those words would be, where they can be written (y one-hot, with y a
    # vector of the display): a counterexample that satisfies them too refutes the claim under
    # both readings (checker.engine).
    unheld_given: tuple[Hypothesis | MatrixProperty, ...] = ()
    # The text can be read in ways this claim cannot decide between (an implication line with
    # an ambiguous equation): unknown (ambiguous reading), with how to say which.
    ambiguous: str = ""
    # A side the reader could not settle (a scalar beside arrays that may be 0): unknown.
    undecided: str = ""
    # Equations an implication line's text also claims as identities: in "A = B = 0 ⇒ x = 1"
    # the rewrite A = B before the equation A = 0 (lhs, rhs, as written). Refuted as an
    # identity, the readings (a rewrite, or all one equation to solve) disagree: unknown.
    rewrites: tuple[tuple[Value, Value, str], ...] = ()
    # lhs == rhs, or an inequality lhs < rhs, lhs <= rhs … (a key of RELATIONS)
    relation: str = "="
    # a side is a decimal written with this many places (σ(0.5) = 0.6225): it may be meant
    # exactly, or as the value to the places shown (checker.engine._rounded)
    decimals: int = 0
    decimal_side: str = "rhs"  # which side is that decimal: "rhs", or "lhs"
    # a side writes decimals inside it (1/1.6065306597): its numbers may be rounded ones
    decimal_parts: bool = False
    # what the claim is about, where not its sides' values: "size" for the shape of a line
    # against the size written after it (checker.files.sizes; sides are lists of sizes)
    about: str = ""

    def __post_init__(self) -> None:
        for side in ("lhs", "rhs"):
            value = getattr(self, side)
            if isinstance(value, int):
                object.__setattr__(self, side, sp.Integer(value))

    @property
    def symbols(self) -> frozenset[sp.Symbol]:
        return frozenset(free_symbols(self.lhs, self.rhs))

    @property
    def entries(self) -> list[sp.Basic]:
        """Every scalar entry of both sides, the left's first (row by row for a matrix)."""
        return entries(self.lhs) + entries(self.rhs)


def entries(value: object) -> list:
    """The scalar entries of a side: a matrix's row by row (``flat``: far cheaper than
    indexing a SymPy matrix entry by entry), or the scalar itself. An immutable matrix's are
    remembered for the last few (deciding a claim asks for them about ten times, and each
    ``flat`` converts every entry: 0.6 ms at 4,096 entries)."""
    if not isinstance(value, sp.MatrixBase):
        return [value]
    if not isinstance(value, ImmutableRepMatrix):
        return value.flat()
    hit = _ENTRIES.get(id(value))
    if hit is None or hit[0] is not value:
        if len(_ENTRIES) >= 8:
            del _ENTRIES[next(iter(_ENTRIES))]  # the oldest
        hit = _ENTRIES[id(value)] = (value, tuple(value.flat()))
    return list(hit[1])


# matrix id → (the matrix, its entries): the matrix is held, so its id is not reused
_ENTRIES: dict[int, tuple[sp.MatrixBase, tuple]] = {}


def forget() -> None:
    """Drop the remembered entries (a benchmark that times a claim from cold)."""
    _ENTRIES.clear()


@dataclass(frozen=True)
class Source:
    """How a step's line can be read again (checker.diagnosis locates a change in it and
    re-reads the corrected line): its syntax, the file's context, the reader's settled
    choices, and for a vector or matrix step lowered to one entry, that entry's indices."""

    syntax: str  # "latex" or "python"
    context: object = field(compare=False, repr=False)  # checker.parse.context.Context
    choices: tuple[tuple[str, int], ...] = ()
    entry: tuple[sp.Expr, ...] = ()  # (i, j) of a lowered array step


@dataclass(frozen=True)
class Step:
    """One line of a chain; ``expect`` is the verdict of "previous step == this step"."""

    expr: Value
    why: str = ""
    expect: Verdict = Verdict.PROVED
    note: str = ""
    text: str = ""  # the line as the document writes it, when that reads better
    latex: str = ""  # the step's LaTeX source, for steps read from a LaTeX chain
    show_reading: bool = False  # a user's step: the report shows how it was read
    readings: tuple[StepReading, ...] = ()  # where the step can be read several ways
    hints: tuple[str, ...] = ()  # how to write it so that only one reading is possible
    given: tuple[Hypothesis, ...] = ()  # conditions written on the line (\quad (i ≠ j))
    domain: tuple[sp.core.relational.Relational, ...] = ()  # where it is defined (as in Claim)
    line: int | None = None  # the document's line the step is written on
    unreadable: str = ""  # the step could not be read (why); checks that need it are not made
    mismatch: str = ""  # its shape differs from the chain's (why): refuted by shape
    # the sizes that differ where it is refuted so, as pairs (its rows, the chain's …): a
    # hypothesis on the sizes keeps the refutation only at sizes it allows (steps.sizes_free)
    mismatch_at: tuple[tuple[sp.Expr, sp.Expr], ...] = ()
    layout: str = ""  # a derivative by a vector or matrix: how its entries are laid out
    undecided: str = ""  # what it is could not be settled (a scalar beside arrays: 0?): unknown
    ambiguous: str = ""  # its readings disagree in a way no claim can check (their shapes)
    # how many times it writes each free index (checker.parse.evaluate.index_uses): twice on
    # one side and not on the other is the summation convention's mark (see _summed)
    index_uses: tuple[tuple[str, int], ...] = ()
    relation: str = "="  # how it follows from the line before (A = B, or B ≤ C: "<=")
    decimals: int = 0  # the step is a decimal written with this many places (0.6225: 4)
    decimal_parts: bool = False  # it writes a decimal inside it (1/1.6065306597)
    source: Source | None = field(default=None, compare=False, repr=False)  # to read it again


@dataclass(frozen=True)
class Check:
    """One claim to decide, with where it came from."""

    entry: str
    kind: CheckKind
    claim: Claim
    step: int | None = None  # 1-based position in the chain (for STEP checks)
    label: str = ""
    latex: str = ""  # the LaTeX of the step this check ends at, if it came from LaTeX
    line: int | None = None  # the document's line of the step this check ends at
    layout: str = ""  # a derivative by a vector or matrix in it: its layout (Step.layout)
    after: int | None = None  # the step it follows from, where not the one before (a case row)

    @property
    def previous(self) -> int | None:
        """The 1-based step a STEP check compares its step with."""
        if self.step is None:
            return None
        return self.after if self.after is not None else self.step - 1

    @property
    def id(self) -> str:
        if self.kind is CheckKind.STEP:
            return f"{self.entry}#step{self.step}"
        if self.kind is CheckKind.CLAIM:
            return self.entry
        return f"{self.entry}#{self.kind.value}"


@dataclass(frozen=True)
class Identity:
    """A stand-alone claim in the catalog."""

    id: str
    title: str
    source: str
    claim: Claim
    text: str = ""  # the claim as a user wrote it (derivation files)
    line: int | None = None  # the document's line it is written on

    def checks(self) -> tuple[Check, ...]:
        return on_their_indices((Check(self.id, CheckKind.CLAIM, self.claim, label=self.title,
                                       line=self.line),))


def on_their_indices(checks: tuple[Check, ...]) -> tuple[Check, ...]:
    """Each check, unless a hypothesis of its claim writes a free index that the claim's two
    sides do not (given y_i = 0 beside Σ_k y_k = 0): it would hold at one i, not at every i
    as meant, and a point that breaks it at another i refuted the claim. Not read; a case of
    the indices alone (i ≠ j) only says which index values the claim is about."""
    out = []
    for c in checks:
        claim = c.claim
        free = {ix.symbol for ix in claim.indices}
        if claim.unreadable or not free or not claim.given:
            out.append(c)
            continue
        sizes = set().union(*(ix.lo.free_symbols | ix.hi.free_symbols for ix in claim.indices))
        sides: set[sp.Basic] | None = None  # (the sides' letters, where a hypothesis needs them)
        for h in claim.given:
            written = h.free_symbols if isinstance(h, Equation | Condition) else set()
            if not (written & free) or not (written - free - sizes):
                continue
            if sides is None:
                sides = set().union(*(e.free_symbols for e in (claim.lhs, claim.rhs)
                                      if isinstance(e, sp.Basic)))
            loose = sorted((written & free) - sides, key=str)
            if loose:
                v = loose[0]
                c = replace(c, claim=replace(claim, unreadable=(
                    f"the hypothesis {h.describe()} has the free index {v}, which the claim "
                    f"itself does not: it would hold for one {v} only, not for every {v}; a "
                    "hypothesis on every entry is not read at a symbolic size (state it at "
                    "explicit sizes, or write the claim for the entry it is about)")))
                break
        out.append(c)
    return tuple(out)


@dataclass(frozen=True)
class Derivation:
    """A chain of steps deriving ``goal_lhs == goal_rhs``."""

    id: str
    title: str
    source: str
    goal_lhs: Value
    goal_rhs: Value
    steps: tuple[Step, ...]
    given: tuple[Hypothesis, ...] = ()
    expect: Verdict = Verdict.PROVED
    note: str = ""
    indices: tuple[Index, ...] = ()  # free indices of a chain over a symbolic dimension
    lengths: tuple[tuple[sp.IndexedBase, sp.Expr], ...] = ()  # as in Claim
    or_premise: str = ""  # why its equations may not be identities (Claim.or_premise)
    unheld: str = ""  # a hypothesis its page states that is not read (Claim.unheld)
    unheld_given: tuple[Hypothesis | MatrixProperty, ...] = ()  # (Claim.unheld_given)
    # why its last equation may be one being solved (A = B = 0: B = 0 and A = 0 may be the
    # equation; A = B stays a claimed identity), for the goal and the last step only
    solved: str = ""

    def checks(self) -> tuple[Check, ...]:
        made = on_their_indices(self._checks())
        if self.unheld:
            made = tuple(replace(c, claim=replace(c.claim, unheld="; ".join(
                filter(None, (self.unheld, c.claim.unheld))),  # (the words' hypotheses settle
                unheld_given=() if c.claim.unheld else self.unheld_given))  # only the words':
                for c in made)  # a claim with a doubt of its own keeps it)
        if self.or_premise:
            return tuple(replace(c, claim=replace(c.claim, or_premise=self.or_premise))
                         for c in made)
        if self.solved:
            return tuple(replace(c, claim=replace(c.claim, or_premise=self.solved))
                         if c.kind is CheckKind.GOAL or (c.kind is CheckKind.STEP
                                                         and c.step == len(self.steps))
                         else c for c in made)
        return made

    def _checks(self) -> tuple[Check, ...]:
        ix, ln = self.indices, self.lengths
        first, last = self.steps[0], self.steps[-1]
        after, extra, last_holds = case_plan(self.steps)
        # a condition written on a line holds for that line's step, and the chain's result
        # is only shown under all of them (where rows are cases, those the last one holds in)
        every = self.given + (tuple(h for s in self.steps for h in s.given)
                              if all(after[k] == k - 1 for k in after) else last_holds)
        goal = Claim(self.goal_lhs, self.goal_rhs, every, self.expect, self.note, ix, ln,
                     *_readings(first, last), domain=_union(first.domain, last.domain))
        goal = replace(goal, decimals=last.decimals or first.decimals,
                       decimal_side="rhs" if last.decimals else "lhs",
                       decimal_parts=first.decimal_parts or last.decimal_parts)
        relation = composed([s.relation for s in self.steps[1:]])
        if relation != "=" and any(after[k] != k - 1 for k in after):
            relation = None  # (rows that are cases of one line: no single chain to compose)
        if relation is None:
            goal = replace(goal, undecided=(
                "the chain's steps go both ways (≤ and ≥), mix ≈ with an inequality, or split "
                "into cases: no relation between its first and last lines follows from them"))
        else:
            goal = replace(goal, relation=relation)
        if first.unreadable or last.unreadable:
            goal = replace(goal, unreadable=first.unreadable or last.unreadable)
        between = next((s for s in self.steps[1:-1] if s.unreadable), None)
        if between is not None:  # first = … = last through a line not read: claimed at all?
            goal = replace(goal, unheld=f"the chain runs through a line that could not be read"
                                        f"{f' (line {between.line})' if between.line else ''}, "
                                        f"so its ends may not be claimed equal {UNREAD_BETWEEN}")
        if first.mismatch or last.mismatch:
            goal = replace(goal, mismatch=last.mismatch or first.mismatch)
        elif first.undecided or last.undecided:
            goal = replace(goal, undecided=last.undecided or first.undecided)
        if first.ambiguous or last.ambiguous or _summed(first, last):
            goal = replace(goal, ambiguous=last.ambiguous or first.ambiguous
                           or _summed(first, last))
        out = [Check(self.id, CheckKind.GOAL, goal, label="goal", line=first.line)]
        out.append(
            Check(self.id, CheckKind.START,
                  Claim(first.expr, self.goal_lhs, self.given, indices=ix, lengths=ln,
                        domain=first.domain, unreadable=first.unreadable,
                        undecided=first.undecided, ambiguous=first.ambiguous),
                  label="first step is the goal's left side", line=first.line)
        )
        for k in range(1, len(self.steps)):
            prev, cur = self.steps[after[k]], self.steps[k]
            unclear = UNCLEAR in extra[k]
            before = _before(self.steps, after, k)
            wider = [r for r in before if r not in prev.domain and r not in cur.domain]
            note = "; ".join(filter(None, (cur.note, (
                f"{CHAIN_DOMAIN}: " + " and ".join(
                    Condition(r).describe() for r in wider)) if wider else "")))
            soft = extra[k][1:] if extra[k][:1] == (EARLIER_ROW,) else ()
            claim = Claim(prev.expr, cur.expr, self.given + cur.given + (() if soft else tuple(
                h for h in extra[k] if h is not UNCLEAR)), cur.expect, note, ix,
                          ln, *_readings(prev, cur), domain=_union(before, cur.domain),
                          relation=cur.relation, decimals=cur.decimals or prev.decimals,
                          decimal_side="rhs" if cur.decimals else "lhs",
                          decimal_parts=prev.decimal_parts or cur.decimal_parts,
                          unreadable=prev.unreadable or cur.unreadable,
                          mismatch=cur.mismatch or prev.mismatch,
                          ambiguous=cur.ambiguous or prev.ambiguous or _summed(prev, cur),
                          undecided=cur.undecided or prev.undecided or (
                              "this row's condition and the row before's are neither shown to "
                              "exclude each other (two cases of the first line) nor to hold "
                              "together (a condition more): which is meant is not decided"
                              if unclear else ""))
            if soft:  # (√(x²) &= x (x > 0) ⏎ &= |x|: under x > 0 too, or not?)
                claim = replace(claim, unheld="; ".join(filter(None, (claim.unheld, (
                    "a row before it states " + " and ".join(h.describe() for h in soft)
                    + ", and this row states no condition: whether it holds there too is not "
                    "said; write the condition on this row too (\\quad (…)), or the rows as "
                    "displays of their own")))), unheld_given=claim.unheld_given + soft)
            out.append(Check(self.id, CheckKind.STEP, claim, step=k + 1, label=cur.why,
                             latex=cur.latex, line=cur.line, layout=cur.layout or prev.layout,
                             after=after[k] + 1 if after[k] != k - 1 else None))
        out.append(
            Check(self.id, CheckKind.END,
                  Claim(last.expr, self.goal_rhs, self.given, indices=ix, lengths=ln,
                        domain=last.domain, unreadable=last.unreadable,
                        undecided=last.undecided, ambiguous=last.ambiguous),
                  label="last step is the goal's right side", line=last.line)
        )
        return tuple(out)


UNCLEAR = Condition(sp.true, shown="(unclear)")  # a marker in case_plan's extra conditions
# a marker in case_plan's extra conditions: those after it are the rows' before, which this row
# (with no condition of its own) may be under or not (Claim.unheld_given)
EARLIER_ROW = Condition(sp.false, shown="(earlier row)")  # (not UNCLEAR: shown is not compared)


def _summed(a: Step, b: Step) -> str:
    """Why a comparison of two lines is read two ways, where the page states the summation
    convention (the steps' index_uses are counted only there): an index written twice on one
    side and not on the other ((W x)_i = W_{ij} x_j, x_j x_j = …) is summed over by it, or
    free by this reader's (the line for every j): the readings may disagree, and only the
    second is checked, so the claim is unknown ("" where no index is so)."""
    one, two = dict(a.index_uses), dict(b.index_uses)
    letters = sorted(k for k in one.keys() | two.keys()
                     if min(one.get(k, 0), two.get(k, 0)) == 0
                     and max(one.get(k, 0), two.get(k, 0)) >= 2)
    if not letters:
        return ""
    j = letters[0]
    return (f"the page states the summation convention, and {', '.join(letters)} "
            f"{'is' if len(letters) == 1 else 'are'} written twice on one side and not on the "
            f"other: summed over {j} by that convention, or the line for every value of {j} "
            f"(as a letter alone is read here)? The readings may disagree; write the sum "
            f"(\\sum_{{{j}}}) where one is meant")


def case_rows(steps: tuple[Step, ...]) -> dict[int, int]:
    """For each step after the first, the step it is compared with (see :func:`case_plan`)."""
    return case_plan(steps)[0]


def case_plan(steps: tuple[Step, ...]) -> tuple[dict[int, int], dict[int, tuple], tuple]:
    """(the step each step after the first is compared with, the conditions it is compared
    under beyond its own, the conditions the last step holds under). Each is compared with the
    one before it, except a row whose own condition cannot hold with those the row before holds
    under (``&= 3x^2 \\quad \\text{for } x > 0 \\\\ &= -3x^2 \\quad \\text{for } x < 0``, or
    x ≥ 0 against x ≤ 0, which meet at a point only): that row is another case of the expression
    before the first case, and is compared with it. Once rows are cases, a later row that
    states no condition is the combined formula, compared with that expression; one whose
    condition can hold with the row before's goes on from it, under both."""
    after: dict[int, int] = {}
    extra: dict[int, tuple] = {}
    unclear: set[int] = set()
    holds: list[tuple] = [tuple(steps[0].given)] if steps else []
    base, cases = 0, False
    for k in range(1, len(steps)):
        cur = steps[k]
        before = holds[k - 1]
        own = tuple(cur.given)
        if cur.given and before and set(own) != set(before) and not set(before) <= set(own) \
                and not _exclusive(before, own) and not _compatible(before, own):
            unclear.add(k)  # |a| ≤ c, then a > c: another case, or a condition more?
        if cur.given and before and _exclusive(before, own):
            after[k], extra[k], cases = base, (), True
            holds.append(own)
        elif cases and not cur.given:  # the combined formula: the rows after it go on from it
            after[k], extra[k] = base, ()
            base, cases = k, False
            holds.append(())
        elif cases:  # in the case before, with a condition more
            after[k] = k - 1
            extra[k] = tuple(h for h in before if h not in own)
            holds.append(own + extra[k])
        else:
            more = tuple(h for h in before if h not in own)
            # a row with its own condition that can hold with the rows' before goes on from
            # them under all of them (|x| + |y| &= x + |y| (x > 0) ⏎ &= |x| + y (y > 0): under
            # x > 0 and y > 0; it was refuted at x = −1); one with none after a row with a
            # condition may be under it or not: a doubt (a refutation stands only where it
            # holds, a proof only without it)
            after[k], extra[k] = k - 1, (more if cur.given else ((EARLIER_ROW, *more)
                                                                   if more else ()))
            holds.append(own + more)
            if not cur.given:
                base = k
    for k in unclear:  # (read: the claim says so, never decided on a guess)
        extra[k] = extra[k] + (UNCLEAR,)
    return after, extra, holds[-1] if holds else ()


def _relations(given: tuple[Hypothesis, ...]) -> list[sp.Basic]:
    return [h.relation if isinstance(h, Condition) else sp.Eq(h.lhs, h.rhs, evaluate=False)
            for h in given if isinstance(h, Condition | Equation)]


def _compatible(a: tuple[Hypothesis, ...], b: tuple[Hypothesis, ...]) -> bool:
    """A point where all of the two rows' conditions hold is found (small rationals, each
    letter's assumptions kept): they certainly can hold together."""
    rels = _relations(a) + _relations(b)
    letters = sorted(set().union(*(r.free_symbols for r in rels)), key=str) if rels else []
    if not letters or len(letters) > 3:
        return False
    values = [sp.Rational(v, 2) for v in (-5, -3, -1, 0, 1, 2, 3, 5, 9)]
    for point in itertools.product(values, repeat=len(letters)):
        at = dict(zip(letters, point, strict=True))
        if any((s.is_positive and v <= 0) or (s.is_nonnegative and v < 0)
               or (s.is_integer and not v.is_integer) for s, v in at.items()):
            continue
        try:
            if all(bool(r.subs(at)) is True for r in rels):
                return True
        except TypeError:
            continue
    return False


def _exclusive(a: tuple[Hypothesis, ...], b: tuple[Hypothesis, ...]) -> bool:
    """The two rows' conditions certainly cannot hold together: a pair of them compares one
    quantity (up to a constant factor) on sides that do not meet (x > 0 against x < 0, x > y
    against x < y, i < j against i ≥ j, i = j against i ≠ j). Anything else is not exclusive."""
    t = sp.Dummy("t", real=True)
    strict = {sp.GreaterThan: sp.StrictGreaterThan, sp.LessThan: sp.StrictLessThan}
    both = [strict[type(r)](r.lhs, r.rhs) if type(r) in strict else r
            for r in _relations(a) + _relations(b)]
    letters = set().union(*(r.free_symbols for r in both)) if both else set()
    if len(letters) == 1 and not any(isinstance(r, sp.Eq | sp.Ne) for r in both):
        try:  # x > 1 / x < −1, x < −1 / |x| < 1: one letter, no common interior
            x = next(iter(letters))
            if sp.Intersection(*(sp.solveset(r, x, sp.S.Reals) for r in both)) \
                    == sp.S.EmptySet:
                return True
        except (NotImplementedError, ValueError, TypeError, sp.PolynomialError):
            pass
    for p0 in _relations(a):
        for q0 in _relations(b):
            p, q = p0, q0
            if type(p) in strict and type(q) in strict:  # x ≥ 0 / x ≤ 0: they meet at a
                p, q = strict[type(p)](p.lhs, p.rhs), strict[type(q)](q.lhs, q.rhs)  # point
            dp, dq = sp.expand(p.lhs - p.rhs), sp.expand(q.lhs - q.rhs)
            if dp == 0 or dq == 0:
                continue
            c = sp.cancel(dq / dp)
            if not (c.is_Rational and c != 0):
                continue
            on_p = type(p)(t, 0)
            on_q = type(q)(c * t, 0)  # q as a relation of the same quantity
            try:
                if {type(p), type(q)} <= {sp.Eq, sp.Ne}:
                    if type(p) is not type(q):
                        return True
                    continue
                rels = [r for r in (on_p, on_q) if not isinstance(r, sp.Ne)]
                eq = [r for r in (on_p, on_q) if isinstance(r, sp.Eq)]
                if eq:  # t = 0 against t > 0 (or t ≠ 0)
                    other = on_q if eq[0] is on_p else on_p
                    if other.subs(t, 0) is sp.false:
                        return True
                    continue
                if len(rels) == 2 and sp.reduce_inequalities(rels, t) is sp.false:
                    return True
            except (NotImplementedError, ValueError, TypeError, sp.PolynomialError):
                continue
    return False


def _readings(a: Step, b: Step) -> tuple[str, tuple[Reading, ...], tuple[str, ...]]:
    """(scope, readings, hints) of the claim a == b: one reading for every consistent pair of
    the two steps' readings (a choice shared by both, such as "f is a function", is made
    once), the default first; none when every pair reads the same."""
    if not (a.readings or b.readings):
        return "", (), ()
    ra = a.readings or (StepReading((), (), a.expr, a.domain),)
    rb = b.readings or (StepReading((), (), b.expr, b.domain),)
    out: list[Reading] = []
    for x in ra:
        for y in rb:
            shared = dict(x.choices)
            if any(shared.get(k, v) != v for k, v in y.choices):
                continue
            labels = list(dict.fromkeys((*x.labels, *y.labels)))
            pair = Reading("; ".join(labels), x.expr, y.expr, _union(x.domain, y.domain))
            if not any(r.lhs == pair.lhs and r.rhs == pair.rhs for r in out):
                out.append(pair)
    hints = tuple(dict.fromkeys((*a.hints, *b.hints)))
    return "", (tuple(out) if len(out) > 1 else ()), (hints if len(out) > 1 else ())


@dataclass(frozen=True)
class Statement:
    """One equation of a chain of implications (``\\Rightarrow x = 2``)."""

    lhs: Value
    rhs: Value
    arrow: str = ""  # "⇒" or "⇔" before it; "=" for D = F after D = E = F; "" for the first
    why: str = ""
    expect: Verdict = Verdict.PROVED  # of "the previous equation ⇒ this one"
    note: str = ""
    latex: str = ""
    given: tuple[Hypothesis, ...] = ()  # conditions written on its line
    domain: tuple[sp.core.relational.Relational, ...] = ()  # where it is defined
    line: int | None = None  # the document's line of the equation
    ambiguous: str = ""  # it can be read several ways (how to say which): not decided
    # the equation before it (for the first: the chain's first, for the whole chain's check)
    # multiplied on the left by an inverse this one takes (XᵀXβ = Xᵀy times (XᵀX)⁻¹): an
    # equation that follows from it too, which this one may follow from by scaling
    times_inverse: tuple[tuple[Value, Value], ...] = ()


REWRITE_OR_EQUATION = ("before an implication arrow, the line may be a rewrite (an identity) or "
                       "part of one equation to solve, which claims nothing: the readings "
                       "disagree; write the rewrite as a chain of its own, and the equation "
                       "after it")


@dataclass(frozen=True)
class Implications:
    """Equations each said to follow from the one before (⇒) or to be equivalent to it (⇔):
    ``2x + 3 = 7 ⇒ 2x = 4 ⇒ x = 2``. Each step, and the whole (first ⇒ last), is proved only
    where the later equation is the earlier one times a factor shown non-zero; the whole and the
    first step are refuted at a point where the first equation holds and the later one does not
    (checker.strategies.premise_point); otherwise it is unknown (an equation that does not
    follow by scaling may still follow)."""

    id: str
    title: str
    source: str
    statements: tuple[Statement, ...]
    given: tuple[Hypothesis, ...] = ()
    expect: Verdict = Verdict.PROVED
    note: str = ""
    indices: tuple[Index, ...] = ()
    lengths: tuple[tuple[sp.IndexedBase, sp.Expr], ...] = ()
    unheld: str = ""  # what the prose says beside it that is not read (Claim.unheld)
    alone: bool = True  # its first equation is all it starts from (not a display before it,
    # nor another equation of its line): a point of that equation may refute the goal

    def checks(self) -> tuple[Check, ...]:
        ix, ln = self.indices, self.lengths
        first, last = self.statements[0], self.statements[-1]
        every = self.given + tuple(h for s in self.statements for h in s.given)
        both = "⇔" if all(s.arrow == "⇔" for s in self.statements[1:]) else "⇒"
        # "A = B = 0 ⇒ …": the first line's '=' before its last are rewrites (identities)
        group = next((k for k, s in enumerate(self.statements[1:], start=1) if s.arrow != "="),
                     len(self.statements)) - 1
        rewrites = tuple((s.lhs, s.rhs, s.latex) for s in self.statements[:group])
        start = self.statements[group] if group < len(self.statements) - 1 else first
        out = [Check(self.id, CheckKind.GOAL, Claim(
            last.lhs, last.rhs, every, self.expect, self.note, ix, ln, domain=last.domain,
            premise=Premise(start.lhs, start.rhs, both, start.domain, or_from=_through(
                first.times_inverse if start is first else (), both, last.domain),
                refutable=self.alone, through=tuple(r for s in self.statements for r in s.domain)),
            ambiguous=first.ambiguous or last.ambiguous, rewrites=rewrites, unheld=self.unheld),
            label="goal", line=first.line)]
        base = 0  # the equation the current one follows from
        for k in range(1, len(self.statements)):
            cur = self.statements[k]
            if cur.arrow != "=":  # D = F after P ⇒ D = E follows from P, as D = E does
                base = k - 1
            prev, last = self.statements[base], self.statements[k - 1]
            rewrite = Premise(last.lhs, last.rhs, "⇒", last.domain) \
                if base != k - 1 and not last.ambiguous else None  # (read two ways: not used)
            if k <= group:  # "A = B = 0 ⇒": the line's check is its rewrite A = B, an identity
                claim = Claim(last.lhs, last.rhs, self.given + last.given, cur.expect, " ".join(
                    x for x in (cur.note, "(the rewrite on the line before it: as one equation "
                                "to solve the lines would claim nothing)") if x), ix, ln,
                              domain=last.domain, or_premise=REWRITE_OR_EQUATION,
                              ambiguous=last.ambiguous)
            else:
                arrow = cur.arrow.replace("=", "⇒") or "⇒"
                claim = Claim(cur.lhs, cur.rhs, self.given + _union(prev.given, cur.given),
                              cur.expect, cur.note, ix, ln, domain=cur.domain,
                              premise=Premise(prev.lhs, prev.rhs, arrow, prev.domain,
                                              or_from=_through(cur.times_inverse if base == k - 1
                                                               else (), arrow, cur.domain,
                                                               rewrite),
                                              refutable=self.alone and prev is start),
                              ambiguous=cur.ambiguous or prev.ambiguous, unheld=self.unheld)
            out.append(Check(self.id, CheckKind.STEP, claim, step=k + 1, label=cur.why,
                             latex=cur.latex, line=cur.line))
        return on_their_indices(tuple(out))


def _through(times_inverse: tuple[tuple[Value, Value], ...], arrow: str, domain: tuple,
             then: Premise | None = None) -> Premise | None:
    """The premises an equation may follow from instead, in turn: the one before it times an
    inverse (where that inverse exists: the later equation's domain; an invertible factor, so
    ⇔ as much as ⇒), then ``then``."""
    for lhs, rhs in reversed(times_inverse):
        then = Premise(lhs, rhs, arrow, domain, "multiplied on the left by the inverse the "
                       "new one takes", then)
    return then


Entry = Identity | Derivation | Implications


def _union(a: tuple, b: tuple) -> tuple:
    return a + tuple(r for r in b if r not in a)


# the note of a step checked where the lines before it are defined (shown with a proof too)
CHAIN_DOMAIN = "checked where the lines it goes on from are defined too"


def _before(steps: tuple[Step, ...], after: dict[int, int], k: int) -> tuple:
    """Where the lines step k goes on from are defined: its previous line, and the first line
    it goes back to. A chain is about its first line's values (d/dx log x = 1/x = 1/|x| holds,
    x > 0): a step is claimed where they are defined, not beyond; a line between that is
    defined on less (+ log x − log x) does not make the steps after it hold only there (they
    were proved for x > 0 only, and a chain through a false 3x = |x| + 2x graded 10/10)."""
    j, seen = after[k], set()
    out: tuple = steps[j].domain
    while j not in seen:
        seen.add(j)
        if j == 0 or j not in after:
            break
        j = after[j]
    return _union(out, steps[j].domain)


@dataclass(frozen=True)
class CatalogItem:
    """A catalog entry that is built on demand (building can cost as much as checking)."""

    id: str
    title: str
    source: str
    build: Callable[[], Entry] = field(repr=False, compare=False)
    tags: tuple[str, ...] = ()
    cache_key: str = ""  # what identifies the item's content (default: its catalog id)

    @property
    def key(self) -> str:
        return self.cache_key or f"catalog:{self.id}"
