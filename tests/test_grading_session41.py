"""Grading (session 41): slip credit only where the lines before the slip are right."""

from __future__ import annotations

from pathlib import Path

from checker import Limits, Settings
from checker.grading import grade, load_problem

PROBLEM = """format = 1
[problem]
id = "sig"
title = "sigmoid"
text = "differentiate"
[context]
symbols = { x = "real", w = "real" }
[statement]
start = { latex = '\\frac{d}{dx}\\sigma(w x)' }
end = { latex = 'w\\sigma(w x)(1 - \\sigma(w x))' }
[rubric]
min_steps = 1
diagnosed = { sign = 0.5, "chain-factor" = 0.5, scale = 0.5 }
"""


def test_a_step_that_undoes_a_wrong_first_line_earns_no_slip_credit(tmp_path: Path) -> None:
    """The first line is the end negated (neither the start nor equal to it); the step that
    drops the minus was paid as a sign slip (6/10, as much as a right answer)."""
    problem = tmp_path / "problem.toml"
    problem.write_text(PROBLEM, encoding="utf-8")
    sub = tmp_path / "wrongstart.md"
    sub.write_text("$$\\begin{aligned}\n-w\\sigma(w x)(1 - \\sigma(w x))\n"
                   "  &= w\\sigma(w x) - w\\sigma(w x)^2 \\\\\n"
                   "  &= w\\sigma(w x)(1 - \\sigma(w x))\n\\end{aligned}$$\n", encoding="utf-8")
    row = grade(load_problem(str(problem)), [str(sub)], Settings(), Limits(timeout=120)).grades[0]
    marks = [s.mark.value for s in row.steps]
    assert "refuted" in marks, marks
    assert "slip the rubric gives part credit" not in " ".join(p.why for p in row.credit.parts)
