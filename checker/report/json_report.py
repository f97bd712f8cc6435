"""Machine-readable report: one record per claim and per step (format version 1)."""

from __future__ import annotations

import json
from typing import Any

import sympy as sp

from checker import __version__
from checker.model import CheckKind
from checker.report.text import EMPTY, STOPPED_EMPTY, compares
from checker.results import CheckResult, Counterexample, Diagnosis, RunReport, Verdict

FORMAT_VERSION = 1


def _counterexample(cex: Counterexample | None) -> dict[str, Any] | None:
    if cex is None:
        return None
    return {
        "point": {str(s): sp.sstr(v) for s, v in cex.point},
        "lhs": cex.lhs_value,
        "rhs": cex.rhs_value,
        "entry": list(cex.entry) if cex.entry else None,
        "case": cex.case or None,
        "certified_by": cex.certified_by,
        "functions": dict(cex.functions()) or None,
    }


def _diagnosis(d: Diagnosis | None) -> dict[str, Any] | None:
    if d is None:
        return None
    loc = d.location
    return {
        "kind": d.kind,
        "detail": d.detail,
        "location": None if loc is None else {
            "text": loc.text, "start": loc.start, "end": loc.end, "part": loc.part,
            "syntax": loc.syntax},
        "corrected": None if d.after_wrong else d.corrected,  # (not offered: see after_wrong)
        "corrected_syntax": d.corrected_syntax,
        "after_wrong": d.after_wrong,
        "of_shape": d.of_shape,  # a slip of shape: a slip of its own even after a wrong line
        "proved": d.proved,  # how the corrected line stands to the one before: "equal to" it,
        # or (an inequality's relation changed) "to follow from" it
        "method": d.method,
    }


def record(cr: CheckResult, source: str) -> dict[str, Any]:
    r, check = cr.result, cr.check
    return {
        "id": check.id,
        "entry": check.entry,
        "kind": check.kind.value,
        "step": check.step,
        "compares": compares(check),
        "relation": check.claim.relation,  # "=", or an inequality "<", "<=", ">", ">="
        "source": source,
        "verdict": r.verdict.value,
        "vacuous": r.vacuous,  # proved only because the hypotheses cannot hold
        "expected": cr.expected.value,
        "matches": cr.matches,
        "method": r.method.value,
        "elapsed": round(r.elapsed, 6),
        "entries": r.entries,
        "failure_bound": r.failure_bound,
        "seed": r.seed,
        "counterexample": _counterexample(r.counterexample),
        # what is wrong with a refuted step, as a relation the engine proved (or null)
        "diagnosis": _diagnosis(r.diagnosis),
        "numeric": None if r.numeric is None else {
            "points": r.numeric.points, "digits": r.numeric.digits,
            "seed": r.numeric.seed, "max_difference": r.numeric.max_difference},
        "detail": r.detail or None,
        "scope": r.scope or None,
        "note": check.claim.note or None,
        # the hypotheses it is decided under: the file's, and a goal's also those its lines
        # state (\quad (x > 0)): a goal proved so holds only under them
        "given": [h.describe() for h in check.claim.given] or None,
        "why": (check.label or None) if check.kind is CheckKind.STEP else None,
        "latex": check.latex or None,
        "line": check.line,  # the document's line of the step this check ends at
        "layout": check.layout or None,  # a derivative by a vector or matrix: its layout
        # a line that can be read several ways: the verdict under each reading
        "readings": [{"reading": rr.label, "verdict": rr.result.verdict.value,
                      "method": rr.result.method.value,
                      "counterexample": _counterexample(rr.result.counterexample)}
                     for rr in r.readings] or None,
    }


def to_dict(report: RunReport) -> dict[str, Any]:
    records = [record(cr, o.source) for o in report.outcomes for cr in o.checks]
    return {
        "version": FORMAT_VERSION,
        "tool": "derivcheck",
        "tool_version": __version__,
        "seed": report.seed,
        "timeout": report.timeout,
        "jobs": report.jobs,
        "cached": report.cached,
        "interrupted": report.interrupted,
        "elapsed": round(report.elapsed, 3),
        "summary": {
            "entries": len(report.outcomes),
            "checks": len(records),
            **{v.value: report.count(v) for v in Verdict},
            "vacuous": sum(1 for c in report.results if c.result.vacuous),
            "mismatches": len(report.mismatches) + sum(1 for o in report.outcomes if o.error),
            "input_errors": sum(1 for o in report.outcomes if o.input_error),
        },
        "entries": [{"id": o.id, "title": o.title, "source": o.source, "matches": o.matches,
                     "error": o.error or None, "input_error": o.input_error,
                     "checks": len(o.checks)}
                    for o in report.outcomes],
        "records": records,
        # why an empty run fails (exit 2): nothing to check is no pass
        "note": (STOPPED_EMPTY if report.interrupted else EMPTY) if not report.outcomes else None,
    }


def dumps(report: RunReport) -> str:
    return json.dumps(to_dict(report), indent=2, ensure_ascii=False)
