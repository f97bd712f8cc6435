"""A number written as a decimal: the value to its places, or exactly?

``A \\approx c`` with c a decimal of k places claims that A rounded to k places is c (checked
exactly, by the inequality strategy: |A − c| ≤ 10^−k / 2); cut off to them only (0.31 for
0.318…), the readings disagree. ``A = c`` may mean the exact value or the rounded one: where
the numbers differ exactly but agree to c's places the readings disagree (unknown); where they
differ rounded too the refutation stands. A decimal of three places or more inside a side
(1/1.6065306597) may be a rounded value whose rounding is not followed through the expression:
an exact refutation of such a line between numbers is unknown, for an equation or an
inequality alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import sympy as sp

from checker.model import Claim
from checker.results import Counterexample, Method, Result, Verdict

Check = Callable[..., Result]


def _near(claim: Claim, settings: object, check: Check) -> tuple[Result, Result] | None:
    """Whether a number A of ``claim`` is given by its other side c, a decimal of k places, to
    those places: (rounded, |A − c| ≤ 10^−k / 2; cut off, A − c of c's sign and below 10^−k);
    None where the sides are not numbers."""
    if not claim.decimals or not _numbers(claim):
        return None
    decimal, number = (claim.rhs, claim.lhs) if claim.decimal_side == "rhs" \
        else (claim.lhs, claim.rhs)
    if not decimal.is_Rational:
        return None
    unit = sp.Rational(1, 10 ** claim.decimals)
    way = -1 if decimal < 0 else 1
    gap = number - decimal
    rounded, cut = (check(replace(claim, lhs=lhs, rhs=rhs, relation=rel, decimals=0,
                                        readings=(), hints=(), or_premise=""), settings)
                    for lhs, rhs, rel in ((sp.Abs(gap), unit / 2, "<="),
                                          (sp.Abs(2 * way * gap - unit), unit, "<")))
    return rounded, cut


def _number_text(v: sp.Expr, places: int) -> str:
    """A side's value for the report: a decimal of ``places`` places as written, else 15
    significant digits (shown only: the verdict rests on the exact check)."""
    if v.is_Rational and (10 ** places * v).is_Integer:
        return f"{float(v):.{places}f}"
    return str(sp.N(v, 15))


def _places(k: int) -> str:
    return f"{k} decimal place{'s' if k > 1 else ''}"


def approximately(claim: Claim, settings: object, check: Check) -> Result:
    """A ≈ c, c a decimal: A rounded to c's places is c (checked exactly); cut off to them
    only, the readings disagree."""
    near = _near(claim, settings, check)
    if near is None:
        return Result(Verdict.UNKNOWN, Method.NONE, 0.0, detail=(
            "≈ is checked only between a number and a decimal written to its places"))
    rounded, cut = near
    places = _places(claim.decimals)
    lv, rv = (_number_text(v, claim.decimals) for v in (claim.lhs, claim.rhs))
    if rounded.verdict is Verdict.PROVED:
        return replace(rounded, method=Method.INTERVAL if rounded.method is Method.SIGNS
                       else rounded.method, detail=f"the value rounded to the {places} shown")
    if rounded.verdict is Verdict.REFUTED and cut.verdict is Verdict.REFUTED:
        how = (rounded.counterexample.certified_by if rounded.counterexample
               else rounded.detail).split(";")[0]
        cex = Counterexample(point=(), lhs_value=lv, rhs_value=rv, certified_by=(
            f"{how}; not the value to the {places} shown, rounded nor cut off"))
        return replace(rounded, counterexample=cex, detail=how)
    if rounded.verdict is Verdict.REFUTED and cut.verdict is Verdict.PROVED:
        return replace(cut, verdict=Verdict.UNKNOWN, method=Method.AMBIGUOUS, detail=(
            f"{lv} and {rv}: the value cut off to the {places} shown, but not rounded to them; "
            "which is meant is not said (the readings disagree): write the rounded value"))
    return replace(rounded, verdict=Verdict.UNKNOWN, counterexample=None, detail="; ".join(
        x for x in (f"whether this is the value to the {places} shown is not decided",
                    rounded.detail) if x))


def rounded(claim: Claim, result: Result, settings: object, check: Check) -> Result:
    """A refuted claim between numbers, one side a decimal (σ(0.5) = 0.6225): read also as the
    value to the places shown (rounded or cut off, as :func:`_near` says). Where that holds,
    the readings disagree (unknown); where it is false too, the refutation stands. An
    inequality with rounded decimals inside a side (1/1.6487 ≤ 0.606535): unknown."""
    if claim.relation == "approx" or not _numbers(claim):
        return result
    if claim.relation != "=":  # an inequality: its decimal bound is exact, as written
        return result if not claim.decimal_parts else replace(
            result, verdict=Verdict.UNKNOWN, method=Method.AMBIGUOUS, counterexample=None,
            detail=("exactly it is false, but a side writes decimals, which may be rounded "
                    "values, and whether it holds with them rounded is not decided: the "
                    "readings disagree; write the exact numbers"))
    near = _near(claim, settings, check)
    cex = result.counterexample
    values = f" ({cex.lhs_value} against {cex.rhs_value})" if cex is not None else ""
    held = None  # the reading "to its places": proved by either, refuted by both, or open
    if near is not None:
        held = next((r for r in near if r.verdict is Verdict.PROVED), None) or next(
            (r for r in near if r.verdict is not Verdict.REFUTED), near[0])
    if held is None or (claim.decimal_parts and held.verdict is Verdict.REFUTED):
        # (1/1.6065306597 = 0.622459: rounded numbers inside a side, whose rounding this does
        # not follow through the expression: the rounded reading is not decided)
        return replace(result, verdict=Verdict.UNKNOWN, method=Method.AMBIGUOUS,
                       counterexample=None, detail=(
            f"exactly, the two numbers differ{values}, but a side writes decimals, which may be "
            "rounded values, and whether it holds with them rounded is not decided: the "
            "readings disagree; write \\approx for a rounded value, or the exact numbers"))
    places = _places(claim.decimals)
    if held.verdict is Verdict.REFUTED:
        return replace(result, detail="; ".join(x for x in (
            result.detail, f"false also to the {places} shown (rounded or cut off)") if x))
    how = "it holds to the" if held.verdict is Verdict.PROVED else "whether it holds to the"
    tail = "" if held.verdict is Verdict.PROVED else " is not decided"
    return replace(result, verdict=Verdict.UNKNOWN, method=Method.AMBIGUOUS, counterexample=None,
                   detail=(f"exactly, the two numbers differ{values}; {how} {places} shown"
                           f"{tail}: the readings disagree; write \\approx for a value rounded "
                           "to its places, or the exact value"))


def _numbers(claim: Claim) -> bool:
    return not any(not isinstance(v, sp.Expr) or v.free_symbols for v in (claim.lhs, claim.rhs))


__all__ = ["approximately", "rounded"]
