"""Grading (session 40): what a helper found wrong in ``derivcheck grade`` — a chain of
inequalities graded as a derivation, an implication stopping the whole class, a slip's part
credit paid for the step that undoes it, a symbolic link without a row, a run without the
diagnoses a rubric credits, gradebooks only their owner can read."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from checker import Limits, Settings
from checker.grading import grade, load_problem
from checker.grading.discover import find_submissions

ROOT = Path(__file__).resolve().parent.parent
PROBLEM = ROOT / "examples" / "grading" / "problem.toml"
START = "\\frac{\\partial L}{\\partial z_1}"
STEP = "-\\sum_{k=1}^{3} y_k \\frac{1}{\\hat{y}_k} \\frac{\\partial \\hat{y}_k}{\\partial z_1}"


def _graded(tmp_path: Path, name: str, text: str, problem: Path = PROBLEM):
    sub = tmp_path / name
    sub.write_text(text, encoding="utf-8")
    return grade(load_problem(str(problem)), [str(sub)], Settings(), Limits(timeout=120)).grades[0]


def _with_diagnosed() -> str:
    text = PROBLEM.read_text(encoding="utf-8")
    assert "\n[rubric]" in text
    head, _, tail = text.partition("\n[rubric]")
    first, _, rest = tail.partition("\n")
    return f"{head}\n[rubric]{first}\ndiagnosed = {{ sign = 0.5 }}\n{rest}"


def test_a_chain_of_inequalities_is_checked_as_the_equalities_it_is_asked_for(
        tmp_path: Path) -> None:
    """A term added with < and dropped with > reached the end: 10 of 10, no review."""
    text = (f"$$\\begin{{aligned}}\n{START}\n  &= {STEP} \\\\\n"
            "  &< -y_1 (1 - \\hat{y}_1) + \\sum_{k=2}^{3} y_k \\hat{y}_1 + e^{z_2} \\\\\n"
            "  &= \\hat{y}_1 \\sum_{k=1}^{3} y_k - y_1 + e^{z_2}\\\\\n"
            "  &> \\hat{y}_1 - y_1\n\\end{aligned}$$\n")
    row = _graded(tmp_path, "strict.md", text)
    marks = [s.mark.value for s in row.steps]
    assert marks.count("refuted") == 2, marks
    assert row.credit.total < 10, row.credit
    assert any("written with <" in n and "checked as =" in n for n in row.notes), row.notes


def test_an_implication_in_a_submission_is_a_note_not_a_crash(tmp_path: Path) -> None:
    """'Implications' object has no attribute 'steps': the whole class went ungraded."""
    text = (f"$$\\begin{{aligned}}\n{START}\n  &= {STEP} \\\\\n"
            "  &= -y_1 (1 - \\hat{y}_1) + \\sum_{k=2}^{3} y_k \\hat{y}_1 \\\\\n"
            "  &= \\hat{y}_1 \\sum_{k=1}^{3} y_k - y_1 \\\\\n  &= \\hat{y}_1 - y_1\n"
            "\\end{aligned}$$\n\nAlso:\n\n$$y_1 = 1 \\implies y_2 + y_3 = 0$$\n")
    row = _graded(tmp_path, "impl.md", text)
    assert row.credit.total == 10, row.credit
    assert any("implications" in n and "not graded" in n for n in row.notes), row.notes


def test_a_slip_undone_later_earns_no_second_part_credit(tmp_path: Path) -> None:
    problem = tmp_path / "diag.toml"
    problem.write_text(_with_diagnosed(), encoding="utf-8")
    honest = (f"$$\\begin{{aligned}}\n{START}\n  &= {STEP.lstrip('-')} \\\\\n"
              "  &= y_1 - \\hat{y}_1\n\\end{aligned}$$\n")
    fudged = honest.replace("  &= y_1 - \\hat{y}_1\n", "  &= y_1 - \\hat{y}_1 \\\\\n"
                            "  &= \\hat{y}_1 - y_1\n")
    one = _graded(tmp_path, "honest.md", honest, problem)
    two = _graded(tmp_path, "fudged.md", fudged, problem)
    assert [s.mark.value for s in two.steps].count("refuted") == 2, two.steps
    slips = [p.why for p in two.credit.parts if p.name == "steps"]
    assert "1 wrong by a slip" in slips[0], slips
    assert two.credit.total <= one.credit.total + 4, (one.credit, two.credit)


def test_a_symbolic_link_to_another_submission_gets_its_own_row(tmp_path: Path) -> None:
    folder = tmp_path / "subs"
    folder.mkdir()
    (folder / "ada.md").write_text("$$a = a$$\n", encoding="utf-8")
    os.symlink("ada.md", folder / "zed.md")
    paths, notes = find_submissions([str(folder)], str(PROBLEM))
    assert sorted(Path(p).name for p in paths) == ["ada.md", "zed.md"], (paths, notes)
    paths, notes = find_submissions([str(folder / "ada.md"), str(folder)], str(PROBLEM))
    assert sorted(Path(p).name for p in paths) == ["ada.md", "zed.md"], (paths, notes)
    assert any("graded once" in n for n in notes), notes
    os.symlink("zed.md", folder / "aaa.md")  # (a link that sorts before its target: the
    other = tmp_path / "other"               # target lost its row)
    other.mkdir()
    os.symlink(folder / "ada.md", other / "copy.md")
    paths, notes = find_submissions([str(folder), str(other)], str(PROBLEM))
    assert sorted(Path(p).name for p in paths) == ["aaa.md", "ada.md", "copy.md", "zed.md"], \
        (paths, notes)


def test_no_diagnosis_is_refused_where_the_rubric_credits_diagnoses(tmp_path: Path) -> None:
    problem = tmp_path / "diag.toml"
    problem.write_text(_with_diagnosed(), encoding="utf-8")
    sub = tmp_path / "a.md"
    sub.write_text("$$a = a$$\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "cli.py"), "grade", str(problem), str(sub),
                           "--out", str(tmp_path / "out"), "--no-diagnosis"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 2 and "diagnosed" in done.stderr, (done.returncode, done.stderr)
    assert not (tmp_path / "out" / "gradebook.csv").exists()


def test_the_gradebook_is_readable_as_any_file_written_under_the_umask(tmp_path: Path) -> None:
    sub = tmp_path / "a.md"
    sub.write_text("$$a = a$$\n", encoding="utf-8")
    old = os.umask(0o022)
    try:
        done = subprocess.run([sys.executable, str(ROOT / "cli.py"), "grade", str(PROBLEM),
                               str(sub), "--out", str(tmp_path / "out"), "--no-cache"],
                              capture_output=True, text=True, cwd=ROOT, timeout=300)
    finally:
        os.umask(old)
    assert "Traceback" not in done.stderr, done.stderr
    for name in ("gradebook.csv", "gradebook.json"):
        mode = stat.S_IMODE((tmp_path / "out" / name).stat().st_mode)
        assert mode == 0o644, (name, oct(mode))


SQUARES = ('format = 1\n\n[problem]\nid = "sq"\ntitle = "difference of squares"\ntext = "Show '
           '(x+1)^2 - (x-1)^2 = 4x"\n\n[context]\nsymbols = { x = "real" }\n\n[statement]\n'
           "start = { latex = '(x+1)^2 - (x-1)^2' }\nend = { latex = '4x' }\n\n[rubric]\n"
           "min_steps = 3\ndiagnosed = { sign = 0.5 }\n")


def test_brackets_removed_with_their_signs_are_a_step(tmp_path: Path) -> None:
    """x² + 2x + 1 − (x² − 2x + 1) then x² + 2x + 1 − x² + 2x − 1 was "the line before
    again" (SymPy builds both as 4x): the honest chain scored 6, below a slip's 7."""
    problem = tmp_path / "sq.toml"
    problem.write_text(SQUARES, encoding="utf-8")
    chain = ("$$\\begin{aligned}\n(x+1)^2 - (x-1)^2 &= x^2 + 2x + 1 - (x^2 - 2x + 1) \\\\\n"
             " &= x^2 + 2x + 1 - x^2 + 2x - 1 \\\\\n &= 4x\n\\end{aligned}$$\n")
    honest = _graded(tmp_path, "honest.md", chain, problem)
    slip = _graded(tmp_path, "slip.md", chain.replace("- x^2 + 2x - 1", "- x^2 - 2x - 1"),
                   problem)
    assert [s.mark.value for s in honest.steps] == ["proved"] * 3, honest.steps
    assert honest.credit.total == 10 and slip.credit.total < honest.credit.total


def test_lines_after_the_required_end_are_not_graded(tmp_path: Path) -> None:
    """ŷ₁ − y₁ = ŷ₁ + y₁ = ŷ₁ − y₁ after the end: a slip and its undoing earned 7 of 10 where
    the one line earned 6."""
    problem = tmp_path / "diag.toml"
    problem.write_text(_with_diagnosed(), encoding="utf-8")
    one = _graded(tmp_path, "jump.md", f"$${START} = \\hat{{y}}_1 - y_1$$\n", problem)
    game = _graded(tmp_path, "game.md", f"$${START} = \\hat{{y}}_1 - y_1 = \\hat{{y}}_1 + y_1 "
                   "= \\hat{y}_1 - y_1$$\n", problem)
    assert game.credit.total == one.credit.total, (one.credit, game.credit)
    assert any("after the required end" in n for n in game.notes), game.notes
