"""``derivcheck grade`` on examples/grading (issue 13, item 1): the problem and ten submissions
with typical mistakes, run as a teacher would (a subprocess), every row of the gradebook
checked, the feedback files read, every counterexample re-checked independently."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from checker import Limits, Settings
from checker.grading import Graded, grade, load_problem
from checker.grading.gradebook import COLUMNS
from tests.recheck import assert_counterexample, assert_refutations

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "grading"
PROBLEM = EXAMPLE / "problem.toml"
SUBMISSIONS = EXAMPLE / "submissions"

# What the teacher expects of each submission: readable, (proved, refuted, undecided),
# the first wrong step (its number in the answer and where it is), the end, the credit.
EXPECTED = {
    "ada.md": ("yes", (4, 0, 0), None, "reached", 10),
    "ben.tex": ("yes", (4, 0, 0), None, "reached", 10),
    "cleo.toml": ("no", (0, 0, 0), None, "no answer", 0),
    "dan.ipynb": ("yes", (2, 2, 0), (3, "cell 2, line 4"), "reached", 7),
    "eve.md": ("yes", (3, 0, 0), None, "equal, in another form", 8),
    "finn.md": ("partly", (1, 2, 0), (2, "line 11"), "reached", 5),
    "gus.tex": ("partly", (2, 0, 2), None, "reached", 6),
    "hana.md": ("yes", (3, 2, 0), (4, "line 7"), "reached", 7.6),
    "ivan.md": ("yes", (3, 2, 0), (4, "line 7"), "reached", 7.6),
    "jo.toml": ("yes", (1, 0, 0), None, "reached", 6),
}


@pytest.fixture(scope="module")
def gradebook(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path, dict, dict]:
    """``derivcheck grade examples/grading/problem.toml examples/grading/submissions``."""
    out = tmp_path_factory.mktemp("grades")
    done = subprocess.run([sys.executable, str(ROOT / "cli.py"), "grade", str(PROBLEM),
                           str(SUBMISSIONS), "--out", str(out), "--no-cache"],
                          capture_output=True, text=True, cwd=ROOT, timeout=600,
                          env={**os.environ, "COLUMNS": "200"})
    assert "Traceback" not in done.stderr, done.stderr
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as fh:
        rows = {Path(r["submission"]).name: r for r in csv.DictReader(fh)}
    data = json.loads((out / "gradebook.json").read_text(encoding="utf-8"))
    records = {Path(r["submission"]).name: r for r in data["submissions"]}
    return done.returncode, out, rows, records | {"": data}


@pytest.fixture(scope="module")
def graded() -> Graded:
    """The same grading in this process, for the results themselves."""
    paths = sorted(str(p) for p in SUBMISSIONS.iterdir())
    return grade(load_problem(str(PROBLEM)), paths, Settings(), Limits(timeout=120))


def test_every_submission_has_a_row(gradebook: tuple) -> None:
    code, out, rows, records = gradebook
    assert set(rows) == set(EXPECTED) and len(rows) == 10
    assert set(records) - {""} == set(EXPECTED)
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as fh:
        assert tuple(next(csv.reader(fh))) == COLUMNS
    assert code == 1  # gus.tex has undecided steps: a row to review


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_row(gradebook: tuple, name: str) -> None:
    _, out, rows, records = gradebook
    row, rec = rows[name], records[name]
    readable, (proved, refuted, undecided), wrong, end, credit = EXPECTED[name]
    assert (row["readable"], rec["readable"]) == (readable, readable)
    assert (int(row["proved"]), int(row["refuted"]), int(row["undecided"])) == \
        (proved, refuted, undecided)
    assert int(row["steps"]) == proved + refuted + undecided == rec["steps"]["total"]
    assert float(row["credit"]) == rec["credit"]["total"] == credit
    assert float(row["out_of"]) == 10
    assert row["end"] == rec["end"]["state"] == end
    if wrong is None:
        assert row["first_wrong_step"] == "" and rec["first_wrong"] is None
    else:
        number, where = wrong
        assert (int(row["first_wrong_step"]), row["first_wrong_at"]) == (number, where)
        first = rec["first_wrong"]
        assert (first["step"], first["where"]) == (number, where)
        cex = first["counterexample"]
        assert cex["shown"] in row["counterexample"]
        assert cex["previous_value"] != cex["value"]
        # the point satisfies the problem's hypothesis y_1 + y_2 + y_3 = 1
        point = cex["point"]
        assert sum(int(point[f"y_{k}"]) for k in (1, 2, 3)) == 1
    # the feedback file is the submission's own, and says what the row says
    feedback = out / row["feedback"]
    assert feedback.is_file() and row["feedback"] == rec["feedback"]
    text = feedback.read_text(encoding="utf-8")
    assert f"`{Path(rec['submission']).name}`" in text  # (named from the class's folder: no
    assert rec["submission"] not in text  # path of the grader's machine in a student's file)
    assert f"**Credit: {credit:g} / 10**" in text
    if wrong is not None:
        assert "**the first wrong step**" in text
        assert f"`{rec['first_wrong']['counterexample']['shown']}`" in text


def test_start_and_end_pinned(gradebook: tuple) -> None:
    _, _, rows, records = gradebook
    assert all(rows[n]["start"] == ("no" if n == "cleo.toml" else "yes") for n in EXPECTED)
    eve = records["eve.md"]
    assert "not written as it" in eve["end"]["note"]
    assert eve["credit"]["parts"]["end"]["earned"] == 0


def test_unreadable_submissions_say_why(gradebook: tuple) -> None:
    _, _, rows, records = gradebook
    cleo = records["cleo.toml"]["problems"]
    assert len(cleo) == 1 and "not valid TOML" in cleo[0] and "single quotes" in cleo[0]
    gus = records["gus.tex"]
    assert len(gus["problems"]) == 2  # the file of macros not read, and the macro where used
    assert "gus.tex:2: \\input{macros} is not followed" in gus["problems"][0]
    assert "gus.tex:7:35: unknown LaTeX command \\yh" in gus["problems"][1]
    marks = [s["mark"] for s in gus["steps"]["list"]]
    assert marks == ["undecided", "undecided", "proved", "proved"]
    assert gus["steps"]["list"][0]["how"] == "not checked: line 7 could not be read"
    assert gus["credit"]["best"] == 9 and gus["review"]
    assert rows["gus.tex"]["review"].startswith("2 steps undecided")


def test_a_redefinition_is_an_error_shown_to_the_student(gradebook: tuple,
                                                          graded: Graded) -> None:
    _, out, rows, records = gradebook
    finn = records["finn.md"]
    assert len(finn["redefinitions"]) == 2
    assert all("finn.md:6: the declaration block: given 'y[" in r and
               "a submission cannot add hypotheses (the problem's: sum(y) == 1)" in r
               for r in finn["redefinitions"])
    assert finn["credit"]["parts"]["readable"]["earned"] == 0
    text = (out / rows["finn.md"]["feedback"]).read_text(encoding="utf-8")
    assert "## What was not accepted" in text and "given 'y[2] == 0'" in text
    # With the student's hypotheses the dropped sum would be right; in the problem's
    # context it is refuted, at a point where y is a distribution but not y = e_1.
    row = next(g for g in graded.grades if g.submission.endswith("finn.md"))
    assert row.first_wrong is not None and row.first_wrong.number == 2
    assert dict(row.first_wrong.counter.point)["y_1"] != "1"


def test_identical_submissions_each_get_their_own_row(gradebook: tuple, graded: Graded) -> None:
    _, out, _, records = gradebook
    hana, ivan = records["hana.md"], records["ivan.md"]
    assert hana["submission"].endswith("hana.md") and ivan["submission"].endswith("ivan.md")
    assert hana["identical_to"] == [ivan["submission"]]
    assert ivan["identical_to"] == [hana["submission"]]
    assert hana["feedback"] != ivan["feedback"]
    for rec in (hana, ivan):
        text = (out / rec["feedback"]).read_text(encoding="utf-8")
        assert f"Submission: `{Path(rec['submission']).name}`" in text
        other = ivan if rec is hana else hana
        assert Path(other["submission"]).name not in text
    assert hana["steps"] == ivan["steps"] and hana["credit"] == ivan["credit"]
    assert records[""]["run"]["answers_checked"] == 8  # 10 files, one unreadable, two alike
    assert all(not records[n]["identical_to"] for n in EXPECTED if n not in ("hana.md",
                                                                              "ivan.md"))


def test_counterexamples_recheck_independently(graded: Graded) -> None:
    assert assert_refutations(graded.report) >= 5
    claims = {}
    for outcome in graded.report.outcomes:
        for cr in outcome.checks:
            claims[(outcome.source, cr.check.step)] = cr.check.claim
    for g in graded.grades:
        wrong = g.first_wrong
        if wrong is None:
            continue
        # the row's counterexample is the one of its own claim (or its identical twin's)
        source = g.submission if (g.submission, wrong.number) in claims else g.identical_to[0]
        claim = claims[(source, wrong.number)]
        result = next(cr.result for o in graded.report.outcomes if o.source == source
                      for cr in o.checks if cr.check.step == wrong.number)
        assert_counterexample(claim, result.counterexample)
        assert dict(wrong.counter.point) == {str(s): str(v)
                                             for s, v in result.counterexample.point}


def test_both_cores(graded: Graded) -> None:
    assert graded.report.jobs == min(os.cpu_count() or 1, len(graded.report.outcomes))
    assert graded.report.jobs >= min(2, os.cpu_count() or 1)


def test_problem_checked_once(gradebook: tuple) -> None:
    data = gradebook[3][""]
    checked = data["problem"]["checked"]
    assert [c["verdict"] for c in checked] == ["proved"] * 7 and not data["problem"]["warnings"]
    assert data["summary"]["readable"] == {"yes": 7, "partly": 2, "no": 1}
    assert data["summary"]["review"] == 2  # gus (undecided steps), cleo (no answer read)


def test_html_feedback(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "cli.py"), "grade", str(PROBLEM),
                           str(SUBMISSIONS / "dan.ipynb"), str(SUBMISSIONS / "finn.md"),
                           "--out", str(tmp_path), "--feedback", "html"],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "feedback" / "dan.ipynb.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<strong>the first wrong step</strong>" in page
    assert "cell 2, line 4: <code>-y_1 (1 - \\hat{y}_1) - \\sum_{k=2}^{3} y_k \\hat{y}_1</code>" \
        in page
    finn = (tmp_path / "feedback" / "finn.md.html").read_text(encoding="utf-8")
    assert "given &#x27;y[2] == 0&#x27; adds a hypothesis" in finn


def test_the_readme_shows_these_rows() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, (readable, counts, wrong, end, credit) in EXPECTED.items():
        line = next(x for x in readme.splitlines() if x.startswith(f"{name} "))
        assert line.split()[1:3] == [readable, "/".join(map(str, counts))], line
        assert end in line and f" {credit:g}/10" in line
        assert (wrong is None) or wrong[1] in line


def test_a_second_run_leaves_nothing_of_the_first(tmp_path: Path) -> None:
    """Grading two submissions, then one into the same folder: the feedback of the one not in
    the second run was left beside the new book (a TA would send it); and a path that does not
    exist is a usage error (it was a phantom student's row)."""
    def grade_into(*names: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(ROOT / "cli.py"), "grade", str(PROBLEM),
                               *names, "--out", str(tmp_path)],
                              capture_output=True, text=True, cwd=ROOT, timeout=600)

    grade_into(str(SUBMISSIONS / "ada.md"), str(SUBMISSIONS / "eve.md"))
    assert sorted(p.name for p in (tmp_path / "feedback").iterdir()) == ["ada.md.md", "eve.md.md"]
    (tmp_path / "feedback" / "notes-of-the-ta.txt").write_text("mine", encoding="utf-8")
    grade_into(str(SUBMISSIONS / "ada.md"))
    assert sorted(p.name for p in (tmp_path / "feedback").iterdir()) == [
        "ada.md.md", "notes-of-the-ta.txt"]  # (what the book did not list is not touched)
    rows = json.loads((tmp_path / "gradebook.json").read_text(encoding="utf-8"))["submissions"]
    assert [Path(r["submission"]).name for r in rows] == ["ada.md"]
    done = grade_into(str(SUBMISSIONS / "no-such-student.md"))
    assert done.returncode == 2 and "no such file or folder" in done.stderr, done.stderr
    assert (tmp_path / "gradebook.json").exists()  # (a usage error touches nothing)


def test_the_answer_is_the_chain_written_from_the_start_not_a_check_after_it(
        tmp_path: Path) -> None:
    """A TA's submission: the answer starts at d/dx log σ(x) and is wrong (σ(x) − 1); a
    "Check:" display after it, σ(1 − σ)/σ = 1 − σ, is only equal to the start. The check was
    graded as the answer (4/10, "You reached the required end ✓") and the answer ignored."""
    problem = tmp_path / "problem.toml"
    problem.write_text(
        'format = 1\n\n[problem]\nid = "logsig"\ntitle = "log-sigmoid"\ntext = "Show it."\n\n'
        '[context]\nsymbols = { x = "real" }\n\n[statement]\n'
        "start = { latex = '\\frac{d}{dx}\\log\\sigma(x)' }\n"
        "end = [{ latex = '1 - \\sigma(x)' }, { latex = '\\sigma(-x)' }]\n", encoding="utf-8")
    sub = tmp_path / "min.md"
    sub.write_text("$$\\frac{d}{dx}\\log\\sigma(x) = -\\frac{e^{-x}}{1+e^{-x}} = \\sigma(x) - 1$$"
                   "\n\nCheck:\n\n$$\\frac{\\sigma(x)(1-\\sigma(x))}{\\sigma(x)} = 1-\\sigma(x)$$\n",
                   encoding="utf-8")
    got = grade(load_problem(str(problem)), [str(sub)], Settings(), Limits(timeout=60))
    row = got.grades[0]
    assert row.first_line == 1, row
    assert [s.mark.value for s in row.steps][:1] == ["refuted"], row.steps
    assert row.end.value != "reached", row.end
