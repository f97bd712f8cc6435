"""The rubric: how a submission's checked answer becomes credit.

Four parts, each worth the points its weight says (``[rubric]`` in the problem file):

* ``readable``: the submission is read whole, in the problem's context (nothing unreadable,
  nothing redefined);
* ``start``: its first line is the statement's start, as written (or one of its accepted forms);
* ``steps``: the share of its steps that are proved. A derivation shorter than ``min_steps``
  is divided by ``min_steps`` all the same, so that writing "start = end" in one jump (which
  the engine may well prove) earns no more than that share. An undecided step (numeric
  evidence only, unknown, unreadable) earns ``undecided`` of a proved step's credit (0 by
  default) and marks the row for review: it is never counted as wrong without saying so;
  with ``after_first_error = "none"``, steps after the first refuted one earn nothing
  (the default ``"credit"`` follows an error through, as most markers do);
* ``end``: its last line is the required end, as written (or one of its accepted forms).

``diagnosed = { sign = 0.5, scale = 0.5 }`` gives a wrong step whose diagnosis (a slip the
engine proved, checker.diagnosis) is of a listed kind that share of a proved step's credit: a
sign slip can cost less than a wrong method. A wrong step without a diagnosis earns nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace

DEFAULT_WEIGHTS = {"readable": 1.0, "start": 1.0, "steps": 6.0, "end": 2.0}
AFTER_FIRST_ERROR = ("credit", "none")
KEYS = {*DEFAULT_WEIGHTS, "min_steps", "after_first_error", "undecided", "diagnosed"}


class RubricError(ValueError):
    """A value in ``[rubric]`` that cannot be used; the message says what to write."""


@dataclass(frozen=True)
class Rubric:
    readable: float = DEFAULT_WEIGHTS["readable"]
    start: float = DEFAULT_WEIGHTS["start"]
    steps: float = DEFAULT_WEIGHTS["steps"]
    end: float = DEFAULT_WEIGHTS["end"]
    min_steps: int = 1
    after_first_error: str = "credit"
    undecided: float = 0.0
    diagnosed: tuple[tuple[str, float], ...] = ()  # kind of slip → share of a step's credit

    @property
    def out_of(self) -> float:
        return self.readable + self.start + self.steps + self.end

    def as_dict(self) -> dict[str, object]:
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["diagnosed"] = dict(self.diagnosed)
        return out


@dataclass(frozen=True)
class Part:
    """One part of the rubric as a submission earned it."""

    name: str  # readable, start, steps, end
    earned: float
    weight: float
    why: str  # in words, for the feedback: "3 of 4 steps proved"


@dataclass(frozen=True)
class Credit:
    parts: tuple[Part, ...]
    best: float  # the credit if every undecided step turned out right

    @property
    def total(self) -> float:
        return round(sum(p.earned for p in self.parts), 2)

    @property
    def out_of(self) -> float:
        return round(sum(p.weight for p in self.parts), 2)


def read_rubric(table: object, reference_steps: int | None) -> Rubric:
    """``[rubric]`` → Rubric. ``min_steps`` defaults to half the reference's steps (rounded
    up), or 1 without a reference."""
    if table is None:
        table = {}
    if not isinstance(table, dict):
        raise RubricError("[rubric] must be a table of weights, such as steps = 6")
    unknown = set(table) - KEYS
    if unknown:
        raise RubricError(f"unknown key(s) {', '.join(sorted(unknown))}; allowed: "
                          f"{', '.join(sorted(KEYS))}")
    values: dict[str, object] = {}
    for name in DEFAULT_WEIGHTS:
        if name in table:
            values[name] = _number(table[name], name, "a weight in points, 0 or more")
    values["min_steps"] = max(1, math.ceil(reference_steps / 2)) if reference_steps else 1
    if "min_steps" in table:
        n = table["min_steps"]
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise RubricError(f"min_steps = {n!r}: write a whole number of steps, 1 or more")
        values["min_steps"] = n
    if "after_first_error" in table:
        if table["after_first_error"] not in AFTER_FIRST_ERROR:
            raise RubricError(f"after_first_error = {table['after_first_error']!r}: write "
                              "\"credit\" (later proved steps earn credit) or \"none\"")
        values["after_first_error"] = table["after_first_error"]
    if "undecided" in table:
        share = _number(table["undecided"], "undecided", "a share between 0 and 1")
        if share > 1:
            raise RubricError(f"undecided = {share:g}: write a share between 0 and 1 of a "
                              "proved step's credit")
        values["undecided"] = share
    if "diagnosed" in table:
        values["diagnosed"] = _diagnosed(table["diagnosed"])
    rubric = Rubric(**values)  # type: ignore[arg-type]
    if rubric.out_of <= 0:
        raise RubricError("the weights add up to 0: give at least one part some points")
    return rubric


def _diagnosed(table: object) -> tuple[tuple[str, float], ...]:
    from checker.diagnosis import BY_KIND

    if not isinstance(table, dict):
        raise RubricError("diagnosed must be a table of kinds of slip and shares, such as "
                          "diagnosed = { sign = 0.5 }")
    out = []
    for kind, share in table.items():
        if kind not in BY_KIND:
            raise RubricError(f"diagnosed: unknown kind {kind!r}; the kinds are "
                              f"{', '.join(sorted(BY_KIND))}")
        value = _number(share, f"diagnosed.{kind}", "a share between 0 and 1")
        if value > 1:
            raise RubricError(f"diagnosed.{kind} = {value:g}: write a share between 0 and 1 "
                              "of a proved step's credit")
        out.append((kind, value))
    return tuple(out)


MAX_WEIGHT = 1e6  # (a weight of 1e308 made the credit infinite, and the JSON not JSON)


def _number(value: object, name: str, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) \
            or value < 0 or value > MAX_WEIGHT:
        raise RubricError(f"{name} = {value!r}: write {what} (at most {MAX_WEIGHT:g})")
    return float(value)


def credit(rubric: Rubric, *, readable: bool, started: bool, reached: bool,
           marks: list[str], kinds: list[str | None] | None = None,
           anchored: bool = True) -> Credit:
    """The credit for a submission. ``marks``: each step's mark in order ("proved",
    "refuted" or "undecided"); an empty list when no answer could be read. ``kinds``: each
    step's diagnosis kind (None without one), for ``rubric.diagnosed``. ``anchored``: the
    chain starts at the statement's start or ends at (a form equal to) its end; one that does
    neither derives something else, and its steps earn nothing."""
    if not anchored and marks:
        best = credit(rubric, readable=readable, started=started, reached=reached, marks=[])
        parts = tuple(replace(p, why="the chain neither starts at the statement's start nor "
                              "ends at its end: it derives something else, and its steps are "
                              "not graded") if p.name == "steps" else p for p in best.parts)
        return Credit(parts, best.best)
    repeated = marks.count("repeated")  # the line before again: no step (it earns nothing,
    if repeated:                        # nor counts towards min_steps)
        kinds = [k for m, k in zip(marks, kinds or [None] * len(marks), strict=False)
                 if m != "repeated"]
        marks = [m for m in marks if m != "repeated"]
    counted = list(marks)
    cut = rubric.after_first_error == "none" and "refuted" in counted
    if cut:  # (the wrong step itself is counted: a slip the rubric credits earns its share)
        counted = counted[:counted.index("refuted") + 1]
    proved = counted.count("proved")
    undecided = counted.count("undecided")
    shares = dict(rubric.diagnosed)
    slips = [shares[k] for m, k in zip(counted, kinds or [None] * len(marks), strict=False)
             if m == "refuted" and k in shares]
    share = len(marks) and max(len(marks), rubric.min_steps)
    earned = proved + rubric.undecided * undecided + sum(slips)
    steps = rubric.steps * earned / share if share else 0.0
    steps_best = rubric.steps * (proved + undecided + sum(slips)) / share if share else 0.0
    why = f"{proved} of {len(marks)} step{'s' if len(marks) != 1 else ''} proved"
    if cut and len(counted) < len(marks):
        why += " up to the first wrong one"
    if marks and len(marks) < rubric.min_steps:
        why += f" (the rubric asks for at least {rubric.min_steps})"
    if undecided:
        why += f"; {undecided} undecided"
    if repeated:
        why += f"; {repeated} line{'s' if repeated > 1 else ''} repeating the one before, not counted"
    if slips:
        why += f"; {len(slips)} wrong by a slip the rubric gives part credit for"
    if rubric.after_first_error == "none" and len(counted) < len(marks):
        why += "; steps after the first wrong one earn nothing"
    parts = (
        Part("readable", rubric.readable if readable else 0.0, rubric.readable,
             "read whole, in the problem's context" if readable else
             "not read whole, or it changes the problem's context"),
        Part("start", rubric.start if started else 0.0, rubric.start,
             "starts from the statement's start" if started else
             "does not start from the statement's start"),
        Part("steps", round(steps, 2), rubric.steps, why if marks else "no steps could be read"),
        Part("end", rubric.end if reached else 0.0, rubric.end,
             "reaches the required end" if reached else "does not reach the required end"),
    )
    best = sum(p.earned for p in parts) - parts[2].earned + round(steps_best, 2)
    return Credit(parts, round(best, 2))
