"""The gradebook: one row per submission, as CSV (for a spreadsheet or an LMS import) and as
JSON (everything, for scripts). Both are written whole or not at all (a temporary file
renamed into place), so a gradebook on disk is never half a run."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from checker import __version__
from checker.grading.grades import Counter, Grade, Mark, Readable
from checker.grading.session import Graded
from checker.results import Diagnosis

FORMAT_VERSION = 1
COLUMNS = (
    "submission", "format", "readable", "why_not_readable", "redefinitions", "start",
    "steps", "proved", "refuted", "undecided", "first_wrong_step", "first_wrong_at",
    "first_wrong_text", "counterexample", "diagnosis", "end", "credit", "credit_best", "out_of",
    "credit_readable", "credit_start", "credit_steps", "credit_end", "review", "identical_to",
    "feedback", "sha256",
)
# A spreadsheet reads a cell that starts with one of these as a formula: student text never
# starts a cell with one (OWASP's advice: a leading apostrophe).
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _counter(c: Counter | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {"point": dict(c.point), "shown": c.shown, "previous_value": c.left,
            "value": c.right, "case": c.case or None}


def _diagnosis(d: Diagnosis | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {"kind": d.kind, "detail": d.detail,  # (no corrected line after a wrong one)
            "corrected": None if d.after_wrong and not d.of_shape else d.corrected,
            "part": d.location.part if d.location is not None and not d.location.whole
            else None}


def row(g: Grade, feedback: str = "") -> dict[str, Any]:
    wrong = g.first_wrong
    return {
        "submission": g.submission,
        "format": g.format or None,
        "sha256": g.digest or None,
        "readable": g.readable.value,
        "problems": list(g.problems),
        "redefinitions": list(g.redefinitions),
        "notes": list(g.notes),
        "start": {"reached": g.started, "note": g.start_note or None,
                  "where": g.first_where or None, "text": g.first_text or None},
        "steps": {
            "total": len(g.steps), "proved": g.count(Mark.PROVED),
            "refuted": g.count(Mark.REFUTED), "undecided": g.count(Mark.UNDECIDED),
            "repeated": g.count(Mark.REPEATED),
            "list": [{"step": s.number, "where": s.where, "line": s.line, "cell": s.cell,
                      "text": s.text, "mark": s.mark.value,
                      "how": s.how, "counterexample": _counter(s.counter),
                      "diagnosis": _diagnosis(s.diagnosis)} for s in g.steps],
        },
        "first_wrong": None if wrong is None else {
            "step": wrong.number, "where": wrong.where, "line": wrong.line,
            "cell": wrong.cell, "text": wrong.text, "previous_where": wrong.where_previous,
            "previous": wrong.previous,
            "counterexample": _counter(wrong.counter),
            "diagnosis": _diagnosis(wrong.diagnosis)},
        "end": {"state": g.end.value, "note": g.end_note or None,
                "counterexample": _counter(g.end_counter)},
        "credit": {"total": g.credit.total, "best": g.credit.best, "out_of": g.credit.out_of,
                   "parts": {p.name: {"earned": p.earned, "weight": p.weight, "why": p.why}
                             for p in g.credit.parts}},
        "review": list(g.review),
        "identical_to": list(g.identical_to),
        "feedback": feedback or None,
    }


def to_dict(graded: Graded, feedback: dict[str, str] | None = None) -> dict[str, Any]:
    feedback = feedback or {}
    p, report = graded.problem, graded.report
    grades = graded.grades
    return {
        "version": FORMAT_VERSION,
        "tool": "derivcheck",
        "tool_version": __version__,
        "problem": {
            "file": p.path, "id": p.id, "title": p.title, "sha256": p.digest,
            "start": [f.text for f in p.starts], "end": [f.text for f in p.ends],
            "hypotheses": [h.describe() for h in p.given],
            "reference": p.reference is not None,
            "checked": [{"check": c.check.kind.value, "step": c.check.step,
                         "verdict": c.result.verdict.value, "vacuous": c.result.vacuous}
                        for c in graded.check.outcome.checks],
            "warnings": list(graded.check.warnings),
        },
        "rubric": p.rubric.as_dict() | {"out_of": p.rubric.out_of},
        "run": {"seed": report.seed, "timeout": report.timeout, "jobs": report.jobs,
                "elapsed": round(graded.elapsed, 3), "answers_checked": len(report.outcomes),
                "cached": report.cached, "interrupted": graded.interrupted},
        "summary": {
            "submissions": len(grades),
            "readable": {r.value: sum(1 for g in grades if g.readable is r) for r in Readable},
            "reached_end": sum(1 for g in grades if g.end.value == "reached"),
            "mean_credit": round(sum(g.credit.total for g in grades) / len(grades), 2)
            if grades else None,
            "review": sum(1 for g in grades if g.review),
        },
        "submissions": [row(g, feedback.get(g.submission, "")) for g in grades],
    }


def _cell(value: object) -> object:
    """A cell a spreadsheet shows as text: one line (a file named with a carriage return
    would start a row of its own in readers that split on it), and no formula at its start."""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str):
        value = re.sub(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+", " ", value)
        if value.startswith(_FORMULA):
            return "'" + value
    return value


def csv_row(g: Grade, feedback: str = "") -> dict[str, object]:
    wrong = g.first_wrong
    c = wrong.counter if wrong else None
    parts = {p.name: p.earned for p in g.credit.parts}
    shown = ""
    if c is not None:
        shown = f"{c.shown} (the expression before = {c.left}, this one = {c.right})"
    out = {
        "submission": g.submission, "format": g.format,
        "readable": g.readable.value, "why_not_readable": " | ".join(g.problems),
        "redefinitions": " | ".join(g.redefinitions), "start": "yes" if g.started else "no",
        "steps": len(g.steps), "proved": g.count(Mark.PROVED), "refuted": g.count(Mark.REFUTED),
        "undecided": g.count(Mark.UNDECIDED),
        "first_wrong_step": wrong.number if wrong else "",
        "first_wrong_at": wrong.where if wrong else "",
        "first_wrong_text": wrong.text if wrong else "", "counterexample": shown,
        "diagnosis": f"{wrong.diagnosis.kind}: {wrong.diagnosis.detail}"
        if wrong and wrong.diagnosis else "",
        "end": g.end.value, "credit": g.credit.total, "credit_best": g.credit.best,
        "out_of": g.credit.out_of, "credit_readable": parts["readable"],
        "credit_start": parts["start"], "credit_steps": parts["steps"],
        "credit_end": parts["end"], "review": " | ".join(g.review),
        "identical_to": " | ".join(g.identical_to), "feedback": feedback, "sha256": g.digest,
    }
    return {k: _cell(v) for k, v in out.items()}


def to_csv(graded: Graded, feedback: dict[str, str] | None = None) -> str:
    feedback = feedback or {}
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for g in graded.grades:
        writer.writerow(csv_row(g, feedback.get(g.submission, "")))
    return buf.getvalue()


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        mask = os.umask(0)  # (mkstemp's 0600: a gradebook is shared with the TAs, as a file
        os.umask(mask)      # written plainly would be, 0644 under the usual umask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write(graded: Graded, out: Path, feedback: dict[str, str] | None = None
          ) -> tuple[Path, Path]:
    """Write ``gradebook.csv`` and ``gradebook.json`` into ``out``."""
    csv_path, json_path = out / "gradebook.csv", out / "gradebook.json"
    write_atomically(csv_path, to_csv(graded, feedback))
    write_atomically(json_path, json.dumps(to_dict(graded, feedback), indent=2,
                                           ensure_ascii=False) + "\n")
    return csv_path, json_path
