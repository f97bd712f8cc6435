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


def _graded(tmp_path: Path, problem_text: str, name: str, chain: str):
    """A submission of one aligned chain graded against a problem written in tmp_path."""
    problem = tmp_path / "problem.toml"
    problem.write_text(problem_text, encoding="utf-8")
    sub = tmp_path / name
    sub.write_text(f"$$\\begin{{aligned}}\n{chain}\n\\end{{aligned}}$$\n", encoding="utf-8")
    return grade(load_problem(str(problem)), [str(sub)], Settings(), Limits(timeout=120)).grades[0]


def test_a_step_that_undoes_a_wrong_first_line_earns_no_slip_credit(tmp_path: Path) -> None:
    """The first line is the end negated (neither the start nor equal to it); the step that
    drops the minus was paid as a sign slip (6/10, as much as a right answer)."""
    row = _graded(tmp_path, PROBLEM, "wrongstart.md", "-w\\sigma(w x)(1 - \\sigma(w x))\n"
                  "  &= w\\sigma(w x) - w\\sigma(w x)^2 \\\\\n"
                  "  &= w\\sigma(w x)(1 - \\sigma(w x))")
    marks = [s.mark.value for s in row.steps]
    assert "refuted" in marks, marks
    assert "slip the rubric gives part credit" not in " ".join(p.why for p in row.credit.parts)


ABS = """format = 1
[problem]
id = "abs2"
title = "abs2"
text = "simplify"
[context]
symbols = { x = "real" }
[statement]
start = { latex = '\\sqrt{x^2} + 2x' }
end = { latex = '|x| + 2x' }
[rubric]
min_steps = 1
diagnosed = { sign = 0.5, term = 0.5 }
"""


def test_a_line_defined_on_less_does_not_launder_the_steps_after_it(tmp_path: Path) -> None:
    """+ log x − log x made every later step checked for x > 0 only, so √(x²) + 2x = 3x
    passed through it: 10/10 for a false step (3x = |x| + 2x at x = −1)."""
    row = _graded(tmp_path, ABS, "launder.md", "\\sqrt{x^2} + 2x &= \\sqrt{x^2} + 2x + \\log x - "
                  "\\log x \\\\\n &= 3x + \\log x - \\log x \\\\\n &= 3x \\\\\n &= |x| + 2x")
    marks = [s.mark.value for s in row.steps]
    assert marks[-1] == "refuted", marks
    assert row.credit.total < 10, row.credit


CUBIC = """format = 1
[problem]
id = "cubic"
title = "derivative"
text = "differentiate"
[context]
symbols = { x = "real" }
[statement]
start = { latex = '\\frac{d}{dx} (x^3 + 2x)' }
end = { latex = '3x^2 + 2' }
[rubric]
min_steps = 1
diagnosed = { sign = 0.5, term = 0.5, scale = 0.5, factor = 0.5, replaced = 0.5 }
"""


def _cubic(tmp_path: Path, name: str, chain: str):
    from checker.grading.gradebook import row

    got = _graded(tmp_path, CUBIC, name, chain)
    return got, row(got)


def test_no_corrected_line_after_a_wrong_first_line_nor_in_the_gradebook(tmp_path: Path) -> None:
    """A miscopied start (x³ + 3x) and then the right answer: "Did you mean 3x² + 3?"; and after a
    refuted step the feedback offered none while gradebook.json carried the wrong line."""
    for name, chain in (("wrongfirst.md", "\\frac{d}{dx} (x^3 + 3x) &= 3x^2 + 3 \\\\\n &= 3x^2 + 2"),
                        ("fix.md", "\\frac{d}{dx} (x^3 + 2x) &= 3x^2 + 5 \\\\\n &= 3x^2 + 2")):
        got, data = _cubic(tmp_path, name, chain)
        last = got.steps[-1]
        assert last.mark.value == "refuted", (name, [s.mark for s in got.steps])
        assert last.diagnosis is None or last.diagnosis.after_wrong, (name, last.diagnosis)
        shown = [s.get("diagnosis") for s in data["steps"]["list"]]
        assert not (shown[-1] or {}).get("corrected"), (name, shown)


ROOT_PROBLEM = """format = 1
[problem]
id = "sq"
title = "derivative"
text = "differentiate"
[context]
symbols = { x = "real" }
[statement]
start = { latex = '\\frac{d}{dx} \\sqrt{x^2 + 1}' }
end = { latex = '\\frac{x}{\\sqrt{x^2 + 1}}' }
[rubric]
min_steps = 1
"""


def test_a_first_line_read_as_the_start_but_defined_on_less_does_not_narrow_the_steps(
        tmp_path: Path) -> None:
    """√(e^{2 log x} + 1) reads as the start √(x² + 1), and its x > 0 made every step hold
    there only: |x|/√(x² + 1) = x/√(x² + 1) passed, 10 of 10."""
    row = _graded(tmp_path, ROOT_PROBLEM, "explog.md", "\\frac{d}{dx} \\sqrt{e^{2 \\log x} + 1} &= "
                  "\\frac{|x|}{\\sqrt{x^2 + 1}} \\\\\n &= \\frac{x}{\\sqrt{x^2 + 1}}")
    assert "refuted" in [s.mark.value for s in row.steps], row.steps
    assert row.credit.total < 10, row.credit


def test_a_chain_from_the_answer_does_none_of_the_work(tmp_path: Path) -> None:
    """3x² + 2 + x − x … = 3x² + 2 reads as the start d/dx(x³ + 2x): the start's credit and
    padded steps, 9 of 10; it never differentiates."""
    got, _ = _cubic(tmp_path, "answerfirst.md", "3x^2 + 2 + x - x &= 3x^2 + 2 + 2x - 2x \\\\\n"
                                                 " &= 3x^2 + 2")
    assert not got.started and got.credit.total <= 3, got.credit
    assert any("no line writes the statement's" in r for r in got.review), got.review
