"""The search for a diagnosis: candidate corrections, filtered by sampling, decided by the
engine.

A :class:`Candidate` is one way to undo a suspected slip in the step B (the line that was
refuted against the line A before it): a changed tree of B as written, or a value with its
corrected line. :meth:`Search.attempt` evaluates it, drops it unless it agrees with A at the
probe's points (:mod:`checker.diagnosis.probe`), and otherwise asks the engine to *prove*
A = corrected line, under the step's hypotheses, domain, indices and lengths. Only a proof
makes a diagnosis; the line shown as "did you mean" is the one that was proved.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import sympy as sp

from checker.deadline import OutOfTime, time_limit
from checker.diagnosis.probe import Probe
from checker.diagnosis.written import (
    EVALUATION_ERRORS,
    Written,
    canonical,
    labelled_vectors,
    nodes,
    render,
    value_text,
)
from checker.engine import Settings, check_claim
from checker.model import Claim, Step, Value
from checker.parse.arrays import SymArray
from checker.parse.tree import Call, Defined, Node
from checker.results import Diagnosis, Location, Result, Verdict


@dataclass
class Candidate:
    """One correction to try (see the module docstring)."""

    kind: str
    detail: str | Callable[[], str]  # a sentence (made when the candidate is proved)
    tree: Node | None = None  # B's written tree with the change made
    changed: Node | None = None  # the part of B's tree that changes (None: the whole line)
    new: Node | None = None  # what stands there in the corrected line
    value: Value | None = None  # the corrected value, when it is not given by ``tree``
    text: str | Callable[[], str] = ""  # the corrected line in B's syntax, when it is not
    # given by ``tree`` (a function: written only once the candidate agrees at the points)
    at: Node | None = None  # where to point in B when ``changed`` is not the place


class Search:
    """What the families need: the two lines (values, and as written where they can be read
    again), the probe, and the engine under the diagnosis's deadline."""

    def __init__(self, claim: Claim, prev: Step | None, cur: Step | None,
                 prev_written: Written | Callable[[], Written | None] | None,
                 cur_written: Written | None, probe: Probe | None, settings: Settings,
                 deadline: float) -> None:
        self.claim = claim
        self.A, self.B = claim.lhs, claim.rhs
        self.prev_step, self.cur_step = prev, cur
        self._prev = prev_written  # (a function: read when a family first asks for it)
        self.cur = cur_written
        self.probe = probe
        self.settings = settings
        self.deadline = deadline
        self.tried = 0
        self.proofs = 0
        self._values: dict[int, tuple[Node, Value | None]] = {}
        self._unproved: set[tuple] = set()  # (value, domain) the engine did not prove
        self._unchanged: set[int] | None = None  # B's parts as the previous line has them
        self._spine: bool | None = None  # (see _off_spine)

    @property
    def prev(self) -> Written | None:
        """The previous line as written (read again only when a family needs it)."""
        if callable(self._prev):
            self._prev = self._prev()
        return self._prev

    # -- time

    def left(self) -> float:
        return self.deadline - time.perf_counter()

    def expired(self) -> bool:
        return self.left() <= 0

    # -- values

    def value(self, tree: Node) -> Value | None:
        """B's changed tree evaluated (memoized), or None where it has no value."""
        hit = self._values.get(id(tree))
        if hit is not None and hit[0] is tree:
            return hit[1]
        assert self.cur is not None
        try:
            v: Value | None = self.cur.evaluate(tree)[0]
        except EVALUATION_ERRORS:
            v = None
        self._values[id(tree)] = (tree, v)
        return v

    def agrees(self, value: Value | None) -> bool:
        if value is None or isinstance(value, SymArray):
            return False
        if self.probe is None:  # (a step refuted by its shape: no point to sample at)
            return True
        try:
            return self.probe.agrees(value)
        except EVALUATION_ERRORS:
            return False

    def shown(self, node: Node, written: Written | None = None) -> str:
        """A part of a line as the author wrote it (of B unless ``written`` says otherwise)."""
        w = written or self.cur
        assert w is not None
        return w.shown(node)

    # -- deciding

    def attempt(self, cand: Candidate) -> Diagnosis | None:
        """The diagnosis this candidate makes, if the engine proves its corrected line."""
        if self.expired():
            raise OutOfTime
        if self.in_unchanged(cand):
            return None
        self.tried += 1
        value = cand.value if cand.tree is None else self.value(cand.tree)
        if not self.agrees(value):
            return None
        return self.decide(cand, value)

    def decide(self, cand: Candidate, value: Value, of_shape: bool = False) -> Diagnosis | None:
        """The diagnosis ``cand`` makes with its corrected line's ``value``, if the engine
        proves that line equal to the previous one, else None."""
        corrected, syntax, proved_value, domain = self._corrected(cand, value)
        result = self.prove(proved_value, domain)
        if result is None:
            return None
        detail = cand.detail() if callable(cand.detail) else cand.detail
        if self.prev_step is None and self.cur_step is None:  # a claim: two sides, no lines
            for line, side in _CLAIM_WORDS:
                detail = detail.replace(line, side)
        return Diagnosis(cand.kind, detail, self._location(cand), corrected, syntax,
                         result.method_text, of_shape=of_shape)

    def in_unchanged(self, cand: Candidate) -> bool:
        """Whether the candidate changes (or points at) a part of B that stands where the
        previous line, as written, has the same part, or a part of a definition's body used
        here (p_i's e^{z_i}, not written in this line): not where the slip is; or a relation
        of the whole lines where they differ at one place inside (see _off_spine)."""
        if cand.changed is None and cand.at is None:
            return cand.kind in _WHOLE_LINE and self._off_spine()
        if self._unchanged is None:
            from checker.diagnosis.substitution import unchanged

            w, p = self.cur, self.prev
            self._unchanged = unchanged(p.node, w.node) if w is not None and p is not None \
                else set()
            if w is not None:  # and what a definition's body writes, at its own place
                self._unchanged |= {id(x) for _, n in nodes(w.node) for body in _bodies(n)
                                    for _, x in nodes(body)}
        return any(n is not None and id(n) in self._unchanged for n in (cand.changed, cand.at))

    def _off_spine(self) -> bool:
        """Whether the lines differ at one place only, and that place is not a factor of the
        whole line (x for 2x inside (2x)³ or √(4x)): a relation of the whole lines (B = A/4)
        is then not what the author did, though it holds."""
        if self._spine is None:
            from checker.diagnosis.relations import on_spine
            from checker.diagnosis.substitution import one_place

            w, p = self.cur, self.prev
            place = one_place(p.node, w.node) if w is not None and p is not None else None
            path = next((path for path, n in nodes(w.node) if n is place), None) \
                if place is not None and w is not None else None
            self._spine = path is not None and w is not None and on_spine(w.node, path) is None
        return self._spine

    def _corrected(self, cand: Candidate, value: Value) -> tuple[str, str, Value, tuple]:
        """The corrected line as shown, its syntax, the value to prove (the line as read
        again, where it is written in the author's notation) and where it is defined."""
        w = self.cur
        text = cand.text() if callable(cand.text) else cand.text
        if w is not None and not text and cand.tree is not None:
            spliced = w.splice(cand.changed, cand.new, [x for x in (self.prev,) if x]) \
                if cand.changed is not None and cand.new is not None else None
            text = spliced if spliced is not None else \
                render(cand.tree, [x for x in (w, self.prev) if x], w.syntax)
            if "%" not in text:  # (parts reused from lines that broke over comments)
                text = " ".join(text.split())
        if w is not None and text:
            again = w.reread(text)
            if again is not None and self.agrees(again[0]):
                return text, w.syntax, again[0], again[1]
        if cand.tree is not None and w is not None:
            try:
                value, domain = w.evaluate(cand.tree, fresh=True)
            except EVALUATION_ERRORS:
                domain = ()
            if w.source.entry:  # one entry (B_{i,j}) of a line about arrays: no line to show
                return "", "reading", value, domain  # (the kind and the place say it)
            if w.syntax != "latex":  # in the notation the line is written in
                return value_text(value, w.syntax), w.syntax, value, domain
            return value_text(value, "latex", labelled_vectors(w, self.prev)), "reading", \
                value, domain
        if text and w is None:  # the step's own display text around the proved change
            return text, "text", value, ()
        # a line that did not read back as its value is not shown: the value itself is
        return value_text(value, "latex", labelled_vectors(w, self.prev)), "reading", value, ()

    def prove(self, value: Value, domain: tuple = ()) -> Result | None:
        """The engine's proof that the previous line equals ``value``, or None."""
        left = self.left()
        if left <= 0.005:
            raise OutOfTime
        claim = self.claim
        # where the corrected line is claimed: where the lines before it are defined and where
        # it is, not where the wrong line was only (x + log x, corrected to x: not for x > 0
        # alone, the log's, which the correction removes; a claim's two sides are not told
        # apart, so only the corrected side's own domain, a stronger claim)
        ours = set(self.cur_step.domain) - set(self.prev_step.domain) \
            if self.cur_step is not None and self.prev_step is not None else set(claim.domain)
        base = tuple(d for d in claim.domain if d not in ours)
        extra = tuple(d for d in domain if d not in base)
        key = _key(value, base + extra)
        if key is not None and key in self._unproved:  # one line reached by two corrections
            return None
        goal = replace(claim, rhs=value, expect=Verdict.PROVED, note="", readings=(), hints=(),
                       mismatch="", unreadable="", domain=base + extra, premise=None)
        settings = replace(self.settings, prove_only=True, search_budget=0.0,
                           exact_budget=min(self.settings.exact_budget, max(left / 2, 0.01)))
        self.proofs += 1
        with time_limit(left) as limited:
            if not limited:
                raise OutOfTime
            result = check_claim(goal, settings)
        if result.verdict is Verdict.PROVED and not result.vacuous:
            return result
        if key is not None:
            self._unproved.add(key)
        return None

    def _location(self, cand: Candidate) -> Location | None:
        w = self.cur
        place = cand.at or cand.changed
        if w is not None:
            if place is not None:
                span = w.span(place)
                if span is not None:
                    return Location(w.text, span[0], span[1], w.text[span[0]:span[1]], w.syntax)
            return Location(w.text, 0, len(w.text), w.text, w.syntax)
        step = self.cur_step
        if step is not None and (step.latex or step.text):
            text = step.latex or step.text
            return Location(text, 0, len(text), text, "latex" if step.latex else "text")
        shown = sp.sstr(self.B)
        if len(shown) > 400:
            return None
        return Location(shown, 0, len(shown), shown, "reading")


# how a claim's diagnosis says what a step's says of its lines
_CLAIM_WORDS = (("the line is", "the right side is"), ("the previous one", "the left side"),
                ("of the previous line", "of the left side"))

# relations of the whole lines (B = −A, B = c·A, B = 1/A), said of no part of them
_WHOLE_LINE = ("sign", "scale", "reciprocal")


def _bodies(n: Node) -> tuple[Node, ...]:
    """The definitions' bodies a part of a line carries (p_i as its value e^{z_i}/Σ…): read
    where they are defined, not written in this line."""
    if isinstance(n, Defined):
        return (n.body,)
    if isinstance(n, Call) and n.func == "_member" and len(n.args) == 3:
        return (n.args[2],)
    if isinstance(n, Call) and n.func == "_family":
        return n.args[2:]
    return ()


def _key(value: Value, domain: tuple) -> tuple | None:
    """What a proof of the previous line = ``value`` in ``domain`` is about, up to the names
    of sums' indices (new at each reading); None for a value that cannot be a key."""
    v = sp.ImmutableMatrix(value) if isinstance(value, sp.MatrixBase) else value
    try:
        key = canonical(sp.Tuple(v, *domain))
        hash(key)
    except (TypeError, ValueError, sp.SympifyError):
        return None
    return (key,)


def tree_nodes(w: Written | None) -> list[tuple[tuple, Node]]:
    return list(nodes(w.node)) if w is not None else []
