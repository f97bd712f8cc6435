"""What is wrong with a refuted inequality A ⋈ B: it holds the other way round (A ≥ B written
A ≤ B), or only with equality allowed (A < B where A ≤ B holds and the sides meet). Each is
the inequality with its relation changed, proved by the engine (proof only) before it is said;
the corrected line is the step with that relation."""

from __future__ import annotations

from dataclasses import replace

from checker.model import RELATIONS, Claim, Step
from checker.results import Diagnosis, Location, Result, Verdict

# the relation that undoes each slip: allowing equality, and the other way round
_NOT_STRICT = {"<": "<=", ">": ">="}
_OTHER_WAY = {"<": ">=", "<=": ">=", ">": "<=", ">=": "<="}
_LATEX = {"<": "<", "<=": "\\le", ">": ">", ">=": "\\ge"}


def diagnose(claim: Claim, cur: Step | None, settings: object,
             check: object) -> Diagnosis | None:
    """The slip of a refuted inequality ``claim`` (its step ``cur`` as written), or None."""
    tries = []
    if claim.relation in _NOT_STRICT:
        tries.append(("strict", _NOT_STRICT[claim.relation],
                      "the two sides can be equal: the inequality holds with equality allowed "
                      f"({RELATIONS[_NOT_STRICT[claim.relation]]}), not strictly"))
    other = _OTHER_WAY[claim.relation]
    tries.append(("direction", other, "the inequality holds the other way round: "
                                      f"{RELATIONS[other]}, not {RELATIONS[claim.relation]}"))
    proving = replace(settings, prove_only=True)  # type: ignore[type-var]
    for kind, relation, detail in tries:
        got: Result = check(replace(claim, relation=relation, expect=Verdict.PROVED, note="",
                                    or_premise="", unheld="", unheld_given=()),
                            proving)  # type: ignore[operator]
        if got.verdict is Verdict.PROVED and not got.vacuous:
            return Diagnosis(kind, detail, _location(cur), *_corrected(cur, claim, relation),
                             got.method.value, proved="to follow from")
    return None


def _location(cur: Step | None) -> Location | None:
    if cur is None or not (cur.latex or cur.text):
        return None
    text = cur.latex or cur.text
    return Location(text, 0, len(text), text, "latex" if cur.latex else "text")


def _corrected(cur: Step | None, claim: Claim, relation: str) -> tuple[str, str]:
    """The step as written after the relation that holds (\\le 1/4 for < 1/4)."""
    if cur is not None and cur.latex:
        return f"{_LATEX[relation]} {cur.latex}", "latex"
    if cur is not None and cur.text:
        return f"{relation} {cur.text}", "text"
    return f"{claim.lhs} {RELATIONS[relation]} {claim.rhs}", "text"


__all__ = ["diagnose"]
