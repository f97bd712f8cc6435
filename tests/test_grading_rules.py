"""The rules of the grading mode, one at a time: the problem file, what a submission may not
change, how the answer is found, the rubric, and outputs that a submission cannot subvert."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from checker import ExitCode, Limits, Settings
from checker.files import READERS
from checker.grading import (
    Graded,
    ProblemError,
    check_problem,
    find_submissions,
    grade,
    in_shard,
)
from checker.grading import load_problem as load
from checker.grading.feedback import code, file_names, html_page, markdown
from checker.grading.gradebook import csv_row, to_csv
from checker.grading.rubric import Rubric, RubricError, credit, read_rubric
from checker.grading.submission import FORMATS
from tests.recheck import assert_refutations

ROOT = Path(__file__).resolve().parent.parent
LIMITS = Limits(timeout=60, jobs=2)

SIGMOID = r"""format = 1
[problem]
id = "sigmoid"
title = "σ' = σ(1 − σ)"
[context]
symbols = { x = "real" }
[statement]
start = { latex = '\frac{d}{dx}\sigma(x)' }
end = { latex = '\sigma(x)(1 - \sigma(x))' }
"""

RIGHT = r"""
$$\begin{aligned}
\frac{d}{dx}\sigma(x) &= \frac{e^{-x}}{(1 + e^{-x})^2} \\
  &= \frac{1}{1 + e^{-x}} \cdot \frac{e^{-x}}{1 + e^{-x}} \\
  &= \sigma(x)(1 - \sigma(x))
\end{aligned}$$
"""


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def graded(tmp_path: Path, files: dict[str, str], problem: str = SIGMOID) -> Graded:
    p = load(write(tmp_path, "problem.toml", problem))
    paths = [write(tmp_path / "subs", name, text) for name, text in files.items()]
    out = grade(p, paths, Settings(), LIMITS)
    assert_refutations(out.report)
    return out


def row(out: Graded, name: str) -> object:
    return next(g for g in out.grades if g.submission.endswith(name))


# ------------------------------------------------------------------------ the problem file

@pytest.mark.parametrize(("change", "message"), [
    (("", "[rubric]\nsteps = -1\n"), "[rubric]: steps = -1: write a weight in points, 0 or more"),
    (("", "[rubric]\nsteps = 1e308\n"), "steps = 1e+308: write a weight in points, 0 or more "
                                        "(at most 1e+06)"),
    (("", "[rubric]\nmin_steps = 0\n"), "min_steps = 0: write a whole number of steps"),
    (("", '[rubric]\nafter_first_error = "half"\n'), "after_first_error = 'half'"),
    (("", "[rubric]\nundecided = 2\n"), "undecided = 2: write a share between 0 and 1"),
    (("", "[rubric]\nbonus = 1\n"), "[rubric]: unknown key(s) bonus"),
    (("", "[extra]\n"), "the problem file: unknown key(s) extra"),
    (("end = { latex = '\\sigma(x)(1 - \\sigma(x))' }\n", ""),
     "[statement] has no end: write end = { latex = '…' }"),
    (("start = { latex = '\\frac{d}{dx}\\sigma(x)' }", "start = { latex = 'a(b + c)' }"),
     "[statement] start 'a(b + c)': it can be read in several ways"),
    (("format = 1", "format = 2"), "the file must start with format = 1 (got 2)"),
    (('symbols = { x = "real" }', 'symbols = { x = "realish" }'), "[context]: symbol 'x'"),
])
def test_problem_file_errors(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    old, new = change
    text = SIGMOID.replace(old, new) if old else SIGMOID + new
    with pytest.raises(ProblemError) as err:
        load(write(tmp_path, "p.toml", text))
    assert message in str(err.value)
    assert str(err.value).startswith(str(tmp_path / "p.toml") + ": ")


def test_a_false_statement_stops_the_grading(tmp_path: Path) -> None:
    p = load(write(tmp_path, "p.toml", SIGMOID.replace("(1 - \\sigma(x))", "(1 + \\sigma(x))")))
    with pytest.raises(ProblemError) as err:
        check_problem(p, Settings(), LIMITS)
    assert "the statement (start = end) is false: at x = 0, 1/4 ≠ 3/4" in str(err.value)


def test_a_wrong_reference_step_stops_the_grading(tmp_path: Path) -> None:
    reference = ("[reference]\nlatex = '''\n\\frac{d}{dx}\\sigma(x) = \\frac{-e^{-x}}{(1 + e^{-x})^2}"
                 " = \\sigma(x)(1 - \\sigma(x))\n'''\n")
    p = load(write(tmp_path, "p.toml", SIGMOID + reference))
    with pytest.raises(ProblemError) as err:
        check_problem(p, Settings(), LIMITS)
    assert "[reference] step 2 is false: at x = 0, 1/4 ≠ -1/4" in str(err.value)
    elsewhere = reference.replace("\\frac{d}{dx}\\sigma(x) =", "\\frac{d}{dx}\\frac{1}{1 + e^{-x}} =")
    with pytest.raises(ProblemError) as err:
        load(write(tmp_path, "q.toml", SIGMOID + elsewhere))
    assert "[reference]: its first step is not the statement's start as written" in str(err.value)


def test_hypotheses_that_cannot_hold_stop_the_grading(tmp_path: Path) -> None:
    p = load(write(tmp_path, "p.toml", SIGMOID.replace(
        'symbols = { x = "real" }', 'symbols = { x = "real" }\ngiven = ["x > 1", "x < 0"]')))
    with pytest.raises(ProblemError) as err:
        check_problem(p, Settings(), LIMITS)
    assert "proved only because the hypotheses cannot hold" in str(err.value)


def test_min_steps_defaults_to_half_the_reference() -> None:
    assert read_rubric({}, None).min_steps == 1
    assert read_rubric({}, 4).min_steps == 2 and read_rubric({}, 5).min_steps == 3
    assert read_rubric({"min_steps": 7}, 4).min_steps == 7
    with pytest.raises(RubricError, match="the weights add up to 0"):
        read_rubric({"readable": 0, "start": 0, "steps": 0, "end": 0}, None)


# ------------------------------------------------------------------------ the rubric

def test_credit() -> None:
    r = Rubric(min_steps=3)
    full = credit(r, readable=True, started=True, reached=True, marks=["proved"] * 3)
    assert (full.total, full.best, full.out_of) == (10, 10, 10)
    jump = credit(r, readable=True, started=True, reached=True, marks=["proved"])
    assert jump.total == 6 and "the rubric asks for at least 3" in jump.parts[2].why
    mixed = ["proved", "refuted", "proved", "undecided"]
    c = credit(r, readable=False, started=True, reached=False, marks=mixed)
    assert (c.total, c.best) == (1 + 3, 1 + 4.5)
    none = credit(replace(r, after_first_error="none"), readable=True, started=True,
                  reached=True, marks=mixed)
    assert none.parts[2].earned == 1.5 and "after the first wrong one earn nothing" in \
        none.parts[2].why
    half = credit(replace(r, undecided=0.5), readable=True, started=True, reached=True,
                  marks=mixed)
    assert half.parts[2].earned == 3.75
    assert credit(r, readable=False, started=False, reached=False, marks=[]).total == 0


# ------------------------------------------------------------------ the problem's context

def test_a_toml_submission_cannot_redeclare_a_name(tmp_path: Path) -> None:
    out = graded(tmp_path, {
        "redeclares.toml": 'format = 1\n[context]\nsymbols = { x = "positive" }\n'
                           '[[derivation]]\nid = "a"\nsteps = ["diff(sigmoid(x), x)", '
                           '"sigmoid(x)*(1 - sigmoid(x))"]\n',
        "restates.toml": 'format = 1\n[context]\nsymbols = { x = "real", c = "positive" }\n'
                         '[[derivation]]\nid = "a"\nsteps = ["diff(sigmoid(x), x)", '
                         '"sigmoid(x)*(1 - sigmoid(x))"]\n',
        "adds.toml": 'format = 1\n[[derivation]]\nid = "a"\ngiven = ["x == 0"]\n'
                     'steps = ["diff(sigmoid(x), x)", "1/4", "sigmoid(x)*(1 - sigmoid(x))"]\n',
    })
    re = row(out, "redeclares.toml")
    assert re.redefinitions == (f"{re.submission}: [context]: symbols: x redeclares x, which the "
                                "problem declares as a symbol (real); a submission cannot change "
                                "the problem's context: remove it",)
    assert re.readable.value == "partly" and re.started and re.end.value == "reached"
    same = row(out, "restates.toml")  # the problem's own declaration, and a new name: fine
    assert same.redefinitions == () and same.readable.value == "yes"
    adds = row(out, "adds.toml")
    assert adds.redefinitions == (f"{adds.submission}, derivation 'a': given adds hypotheses; a "
                                  "submission cannot add hypotheses: remove it",)
    # without x == 0 the numbers are not the derivative: refuted where x ≠ 0
    assert [s.mark.value for s in adds.steps] == ["refuted", "refuted"]
    assert dict(adds.first_wrong.counter.point)["x"] != "0"


def test_a_document_cannot_redefine_a_name(tmp_path: Path) -> None:
    problem = SIGMOID.replace('symbols = { x = "real" }',
                              'symbols = { x = "real" }\nlatex = { "s" = "sigmoid(x)" }')
    out = graded(tmp_path, {
        "sigma.md": "$$\\sigma(t) := t$$\n" + RIGHT,
        "mapped.md": "```derivcheck\nlatex = { \"s\" = \"x\", \"q\" = \"x**2\" }\n```\n" + RIGHT,
        "helper.md": "$$g(t) := \\sigma(t)$$\n" + RIGHT,
    }, problem)
    sigma = row(out, "sigma.md")
    assert sigma.redefinitions == (f"{sigma.submission}:1: \\sigma(t) := … redefines \\sigma, "
                                   "which already has a meaning; a submission cannot change the "
                                   "problem's context: remove this definition (the display is "
                                   "not read)",)
    assert sigma.count(sigma.steps[0].mark) == 3 and sigma.steps[0].mark.value == "proved"
    mapped = row(out, "mapped.md")
    assert mapped.redefinitions == (f"{mapped.submission}:2: the declaration block: latex: s is "
                                    "mapped by the problem to sigmoid(x); a submission cannot "
                                    "change the problem's context: remove it",)
    helper = row(out, "helper.md")  # a new name is the student's to define
    assert helper.redefinitions == () and helper.readable.value == "yes"


GRADIENT = """format = 1
[problem]
id = "gradW"
[context]
vectors = { x = 2 }
matrices = { W = [2, 2] }
[statement]
start = { latex = '\\frac{\\partial}{\\partial W} \\frac{1}{2} x^\\top W^\\top W x' }
end = { latex = 'W x x^\\top' }
"""


def test_a_submission_cannot_change_how_the_problem_is_read(tmp_path: Path) -> None:
    """layout (and gradients, integrals) say what the problem's lines mean: a submission that
    sets its own would have x xᵀWᵀ (the numerator layout's answer) proved where the problem
    asks for W's shape. Refused as a redefinition, the line is read in the problem's layout."""
    line = "$$\\frac{\\partial}{\\partial W} \\frac{1}{2} x^\\top W^\\top W x = x x^\\top W^\\top$$\n"
    out = graded(tmp_path, {
        "numerator.md": '```derivcheck\nlayout = "numerator"\n```\n\n' + line,
        "plain.md": line,
    }, GRADIENT)
    num, plain = row(out, "numerator.md"), row(out, "plain.md")
    assert num.redefinitions == (f"{num.submission}:2: the declaration block: layout = "
                                 "'numerator' changes how the problem is read (the problem sets "
                                 "none, so the default holds); a submission cannot change the "
                                 "problem's context: remove it",)
    assert [s.mark.value for s in num.steps] == [s.mark.value for s in plain.steps] == \
        ["refuted"]
    restated = graded(tmp_path / "again", {"same.md": '```derivcheck\nlayout = "numerator"\n'
                                           '```\n\n' + line},
                      GRADIENT.replace("matrices = { W = [2, 2] }",
                                       'matrices = { W = [2, 2] }\nlayout = "numerator"')
                      .replace("end = { latex = 'W x x^\\top' }",
                               "end = { latex = 'x x^\\top W^\\top' }"))
    same = row(restated, "same.md")  # the problem's own setting, restated: nothing refused
    assert same.redefinitions == () and [s.mark.value for s in same.steps] == ["proved"]


def test_the_statements_names_are_the_problems(tmp_path: Path) -> None:
    """A name the statement uses without declaring it is declared for the submissions, so a
    definition of it is a redefinition, not a new name."""
    problem = SIGMOID.replace(r"\frac{d}{dx}\sigma(x)", r"\frac{d}{dx}\sigma(a x)").replace(
        r"\sigma(x)(1 - \sigma(x))", r"a \sigma(a x)(1 - \sigma(a x))")
    assert load(write(tmp_path, "p.toml", problem)).context["symbols"] == \
        {"x": "real", "a": "real"}
    out = graded(tmp_path, {"a.md": "$$a := 0$$\n$$\\frac{d}{dx}\\sigma(a x) = a \\sigma(a x)"
                                    "(1 - \\sigma(a x))$$\n"}, problem)
    g = row(out, "a.md")
    assert g.redefinitions and "a := … redefines a" in g.redefinitions[0]
    assert g.started and [s.mark.value for s in g.steps] == ["proved"]


# ------------------------------------------------------------------------ finding the answer

def test_the_answer_is_found_and_joined_across_displays(tmp_path: Path) -> None:
    out = graded(tmp_path, {"work.md": (
        "First a fact: $$\\sigma(-x) = 1 - \\sigma(x)$$\n\n"
        "$$\\frac{d}{dx}\\sigma(x) = \\frac{e^{-x}}{(1 + e^{-x})^2}$$\n\nso\n\n"
        "$$ = \\sigma(x)(1 - \\sigma(x)) $$\n")})
    g = row(out, "work.md")
    assert g.started and g.end.value == "reached" and g.first_where == "line 3"
    assert [(s.where, s.mark.value) for s in g.steps] == [("line 3", "proved"),
                                                          ("line 7", "proved")]
    assert g.notes == ("the chain at line 1 is not part of the answer and was not graded",)


def test_an_answer_that_does_not_start_at_the_start(tmp_path: Path) -> None:
    out = graded(tmp_path, {
        "other.md": "$$\\frac{e^{-x}}{(1 + e^{-x})^2} = \\sigma(x)(1 - \\sigma(x))$$\n",
        "wrong.md": "$$\\sigma(x) = \\sigma(x)(1 - \\sigma(x))$$\n"})
    other = row(out, "other.md")
    assert not other.started and other.credit.parts[1].earned == 0
    assert other.start_note.startswith("the first line equals the statement's start but is "
                                       "not written as it")
    wrong = row(out, "wrong.md")
    assert wrong.start_note.startswith("the first line is not the statement's start")


def test_conditions_and_expectations_of_a_submission_are_not_the_problems(tmp_path: Path) -> None:
    out = graded(tmp_path, {
        "cond.md": "$$\\frac{d}{dx}\\sigma(x) = \\frac{1}{4} \\quad (x = 0)$$\n"
                   "$$ = \\sigma(x)(1 - \\sigma(x))$$\n",
        "expect.toml": 'format = 1\n[[derivation]]\nid = "a"\nsteps = ["diff(sigmoid(x), x)",'
                       ' { expr = "sigmoid(x)*(1 + sigmoid(x))", expect = "refuted" }]\n'})
    cond = row(out, "cond.md")
    assert cond.notes[0] == ("line 1: the condition x = 0 is not one of the problem's "
                             "hypotheses: the step is checked without it")
    assert [s.mark.value for s in cond.steps] == ["refuted", "refuted"]
    expect = row(out, "expect.toml")
    assert expect.steps[0].mark.value == "refuted" and expect.end.value == "not reached"
    assert expect.end_counter is not None and expect.credit.total == 2


def test_every_format_check_reads_is_graded() -> None:
    assert set(FORMATS) == set(READERS)


def test_an_unreadable_file_and_a_file_without_a_chain(tmp_path: Path) -> None:
    out = graded(tmp_path, {"prose.md": "I did it on paper.\n", "notes.pdf": "%PDF"})
    prose, pdf = row(out, "prose.md"), row(out, "notes.pdf")
    assert prose.readable.value == "no" and prose.problems[0].startswith("no derivation found")
    assert pdf.readable.value == "no" and "suffix is not one of them" in pdf.problems[0]
    assert prose.credit.total == pdf.credit.total == 0


# ------------------------------------------------------------------------ outputs

def test_identical_files_in_different_folders(tmp_path: Path) -> None:
    out = graded(tmp_path, {"a/hw.md": RIGHT, "b/hw.md": RIGHT, "c/hw.md": RIGHT + "\n"})
    names = file_names([g.submission for g in out.grades], "markdown")
    assert sorted(names.values()) == ["a__hw.md.md", "b__hw.md.md", "c__hw.md.md"]
    a, b, c = (row(out, f"{d}/hw.md") for d in "abc")
    assert a.identical_to == (b.submission,) and b.identical_to == (a.submission,)
    assert c.identical_to == () and a.credit == b.credit == c.credit
    assert len(out.report.outcomes) == 2


def test_feedback_names_are_safe(tmp_path: Path) -> None:
    names = file_names(["../../etc/passwd", "x/../y.md", "s p@c e.md", "S P@C E.md"], "html")
    assert all("/" not in n and not n.startswith(".") for n in names.values())
    assert len(set(n.lower() for n in names.values())) == 4
    # named after the folder given, so that two shards (each with one of the files) agree
    subs = tmp_path / "subs"
    a, b = write(subs / "x", "a.md", ""), write(subs / "y", "a.md", "")
    assert file_names([a], "markdown", [str(subs)]) == {a: "x__a.md.md"}
    assert file_names([b], "markdown", [str(subs)]) == {b: "y__a.md.md"}
    # a name whose characters were replaced carries its path's hash: "a b.md" and "a_b.md"
    # are two names, the same in every shard (each shard had its own clash numbering)
    c, d = write(subs, "a b.md", ""), write(subs, "a_b.md", "")
    alone = {**file_names([c], "markdown", [str(subs)]), **file_names([d], "markdown", [str(subs)])}
    together = file_names([c, d], "markdown", [str(subs)])
    assert alone == together and len(set(together.values())) == 2, together
    assert together[d] == "a_b.md.md" and together[c].startswith("a_b.md-")


def test_a_submission_cannot_inject_markup(tmp_path: Path) -> None:
    out = graded(tmp_path, {"x.md": RIGHT})
    g = replace(row(out, "x.md"), problems=("x.md:3: ``` <script>alert(1)</script> [a](b)",),
                first_text="a ` b `` c")
    text = markdown(g, out.problem)
    assert "````text\nx.md:3: ``` <script>" in text  # a longer fence than the text's
    assert "``` a ` b `` c ```" in text
    page = html_page(g, out.problem)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert code("`x`") == "`` `x` ``"


def test_the_csv_cannot_hold_a_formula(tmp_path: Path) -> None:
    out = graded(tmp_path, {"x.md": RIGHT})
    g = replace(out.grades[0], submission="=HYPERLINK(\"http://x\")", problems=("+1", "@a"))
    cells = csv_row(g, "@f.md")
    assert cells["submission"] == "'=HYPERLINK(\"http://x\")"
    assert cells["why_not_readable"] == "'+1 | @a" and cells["feedback"] == "'@f.md"
    rows = list(csv.DictReader(io.StringIO(to_csv(replace(out, grades=(g,))))))
    assert rows[0]["submission"].startswith("'=")
    # a carriage return in a file name: a reader that splits lines on it saw a row of its own
    # starting '=1+1.md'
    g = replace(g, submission="subs/\r=1+1.md", identical_to=("a\n=2+2.md",))
    text = to_csv(replace(out, grades=(g,)))
    assert "\r" not in text and not any(line.startswith("=") for line in text.split("\n"))
    assert csv_row(g)["submission"] == "subs/ =1+1.md"


def test_folders_are_walked(tmp_path: Path) -> None:
    subs = tmp_path / "subs"
    for name in ("b.md", "a.tex", "c.ipynb", "d.toml", "e.pdf", ".hidden.md",
                 ".ipynb_checkpoints/c-checkpoint.ipynb", "deep/f.md"):
        write(subs, name, "x")
    problem = write(subs, "problem.toml", SIGMOID)
    paths, notes = find_submissions([str(subs), str(subs / "b.md")], problem)
    assert [Path(p).relative_to(subs).as_posix() for p in paths] == \
        ["a.tex", "b.md", "c.ipynb", "d.toml", "deep/f.md", "e.pdf"]  # (the PDF: a row that
    assert notes == [  # says it is not read, not a student who silently has no row)
        f"{subs / 'b.md'}: the same path as {subs / 'b.md'}; graded once"]


# ------------------------------------------------------------------------ the command

def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), "grade", *args],
                          capture_output=True, text=True, cwd=cwd, timeout=600)


@pytest.mark.slow
def test_cli_exit_codes(tmp_path: Path) -> None:
    problem = write(tmp_path, "problem.toml", SIGMOID)
    good = write(tmp_path / "subs", "good.md", RIGHT)
    done = cli(problem, good, "--out", str(tmp_path / "out"))
    assert done.returncode == ExitCode.OK, done.stderr
    assert (tmp_path / "out" / "gradebook.csv").is_file()
    assert "1 submission graded" in done.stdout
    bad = write(tmp_path, "bad.toml", SIGMOID.replace("format = 1", ""))
    done = cli(bad, good, "--out", str(tmp_path / "out2"))
    assert done.returncode == ExitCode.USAGE and "Traceback" not in done.stderr
    assert f"{bad}: the file must start with format = 1 (got 'nothing')" in \
        " ".join(done.stderr.split())
    assert not (tmp_path / "out2" / "gradebook.csv").exists()
    (tmp_path / "empty").mkdir()
    done = cli(problem, str(tmp_path / "empty"), "--out", str(tmp_path / "out3"))
    assert done.returncode == ExitCode.USAGE and "no submissions to grade" in done.stderr
    done = cli(problem, good, "--out", good)
    assert done.returncode == ExitCode.USAGE and "cannot write the gradebook into" in done.stderr


LOGSUMEXP = r"""format = 1
[context]
dims = { n = "positive integer" }
vectors = { x = "n" }
[statement]
start = { latex = '\frac{\partial}{\partial x_i} \log \sum_{k=1}^{n} e^{x_k}' }
end = { latex = '\frac{e^{x_i}}{\sum_{k=1}^{n} e^{x_k}}' }
"""


def test_a_statement_over_a_symbolic_n(tmp_path: Path) -> None:
    """Bound variables are renamed when forms are compared: Σ_k in the problem and Σ_k (or
    Σ_j) in a submission are read into different SymPy dummies, and are the same form."""
    out = graded(tmp_path, {
        "a.md": r"$$\frac{\partial}{\partial x_i} \log \sum_{j=1}^{n} e^{x_j} = "
                r"\frac{1}{\sum_{k=1}^{n} e^{x_k}} \frac{\partial}{\partial x_i}"
                r"\sum_{k=1}^{n} e^{x_k} = \frac{e^{x_i}}{\sum_{k=1}^{n} e^{x_k}}$$" + "\n",
        "b.md": r"$$\frac{\partial}{\partial x_i} \log \sum_{k=1}^{n} e^{x_k} = "
                r"\frac{1}{\sum_{k=1}^{n} e^{x_k}} = \frac{e^{x_i}}{\sum_{k=1}^{n} e^{x_k}}$$"
                + "\n"}, LOGSUMEXP)
    a, b = row(out, "a.md"), row(out, "b.md")
    assert a.started and a.end.value == "reached" and a.credit.total == 10
    assert b.started and b.end.value == "reached"
    assert [s.mark.value for s in b.steps] == ["refuted", "refuted"]
    assert b.first_wrong.counter.case == "n = 1, i = 1"


@pytest.mark.slow
def test_shards_of_a_ci_matrix(tmp_path: Path) -> None:
    example = ROOT / "examples" / "grading"
    seen: list[str] = []
    for k in range(3):
        out = tmp_path / str(k)
        done = cli(str(example / "problem.toml"), str(example / "submissions"), "--out", str(out),
                   "--shard", f"{k}/3")
        assert done.returncode in (ExitCode.OK, ExitCode.MISMATCH), done.stderr
        with open(out / "gradebook.csv", encoding="utf-8", newline="") as fh:
            names = [Path(r["submission"]).name for r in csv.DictReader(fh)]
        seen += names
        assert ("hana.md" in names) == ("ivan.md" in names)  # identical files share a shard
    assert sorted(seen) == sorted(p.name for p in (example / "submissions").iterdir())
    problem = write(tmp_path, "problem.toml", SIGMOID)
    good = write(tmp_path / "subs", "good.md", RIGHT)
    empty = next(k for k in range(2) if not in_shard(good, k, 2))
    done = cli(problem, good, "--out", str(tmp_path / "empty"), "--shard", f"{empty}/2")
    assert done.returncode == ExitCode.OK, done.stderr  # an empty shard is an empty gradebook
    assert (tmp_path / "empty" / "gradebook.csv").read_text(encoding="utf-8").count("\n") == 1
    done = cli(problem, good, "--out", str(tmp_path / "x"), "--shard", "2/2")
    assert done.returncode == ExitCode.USAGE and "write K/N with 0 ≤ K < N" in done.stderr


def test_lines_that_repeat_the_one_before_are_no_steps(tmp_path: Path) -> None:
    """From an adversary: a one-jump answer padded with copies of its start (or + 0, 1·…)
    met min_steps and earned full credit; an all-wrong chain padded with 0 = 0 earned most of
    the steps' credit. A repeated line earns nothing, does not count towards min_steps, and the
    row is flagged for review."""
    jump = "\\frac{d}{dx}\\sigma(x)"
    pad = ("$$\\begin{aligned}\n" + f"{jump} &= {jump} \\\\\n  &= {jump} + 0 \\\\\n"
           f"  &= 1 \\cdot {jump} \\\\\n  &= \\sigma(x)(1 - \\sigma(x))\n\\end{{aligned}}$$\n")
    zeros = ("$$\\begin{aligned}\n" + f"{jump} &= 0 \\\\\n" + "  &= 0 \\\\\n" * 4
             + "  &= \\sigma(x)(1 - \\sigma(x))\n\\end{aligned}$$\n")
    one = f"$${jump} = \\sigma(x)(1 - \\sigma(x))$$\n"
    problem = SIGMOID + "[rubric]\nmin_steps = 2\n"
    out = graded(tmp_path, {"pad.md": pad, "zeros.md": zeros, "one.md": one, "right.md": RIGHT},
                 problem)
    padded, zero, single, right = (row(out, n) for n in ("pad.md", "zeros.md", "one.md",
                                                           "right.md"))
    assert [s.mark.value for s in padded.steps] == ["repeated"] * 3 + ["proved"]
    assert padded.credit.total == single.credit.total < right.credit.total, \
        (padded.credit, single.credit, right.credit)
    assert any("3 lines repeat the line before" in r for r in padded.review)
    steps_part = next(p for p in zero.credit.parts if p.name == "steps")
    assert steps_part.earned == 0 and [s.mark.value for s in zero.steps].count("repeated") == 4
    assert not any("repeat" in r for r in right.review)
    # brackets, braces and 0 + … say nothing either (the same value, the same words, no
    # derivative taken); splitting a fraction (RIGHT's second step) is a step
    braced = ("$$\\begin{aligned}\n" + f"{jump} &= 0 + {jump} \\\\\n  &= ({jump}) \\\\\n"
              f"  &= {{{jump}}} \\\\\n  &= \\sigma(x)(1 - \\sigma(x))\n\\end{{aligned}}$$\n")
    out = graded(tmp_path / "b", {"braced.md": braced, "right.md": RIGHT}, problem)
    assert [s.mark.value for s in row(out, "braced.md").steps] == ["repeated"] * 3 + ["proved"]
    assert [s.mark.value for s in row(out, "right.md").steps] == ["proved"] * 3


def test_a_renamed_index_and_a_detour_back_are_no_steps() -> None:
    """From an adversary: Σ_k renamed Σ_j, and a detour that comes back to a line already
    written ((a² − b²)/(a + b) … a − b again), counted toward min_steps."""
    from checker.grading.grades import detours, repeats
    assert repeats(r"-\sum_{k=1}^{3} y_k \log p_k", r"-\sum_{j=1}^{3} y_j \log p_j")
    assert not repeats(r"\sum_{k=1}^{3} y_k \log p_k", r"\sum_{j=1}^{3} y_j \log p_k")
    lines = ["L", "a - b", "\\frac{a^2 - b^2}{a + b}", "\\frac{(a - b)(a + b)}{a + b}", "a - b"]
    assert detours(lines) == {4: 1}  # line 5 comes back to line 2: steps 3, 4 and 5 are none
    assert detours(["L", "a", "b", "c"]) == {}


def test_terms_that_sum_to_zero_are_no_step(tmp_path: Path) -> None:
    """From a sixth adversary: one jump to the answer, then lines that add and trade groups
    of terms summing to 0 ((x + 1)² − x² − 2x − 1), earned full credit; they are padding."""
    jump = "\\frac{d}{dx}\\sigma(x)"
    end = "\\sigma(x)(1 - \\sigma(x))"
    zero = "+ (x + {k})^2 - x^2 - {t}x - {s}"
    pad = ("$$\\begin{aligned}\n" + f"{jump} &= {end} {zero.format(k=1, t=2, s=1)} \\\\\n"
           + f"  &= {end} {zero.format(k=2, t=4, s=4)} \\\\\n  &= {end}\n"
           + "\\end{aligned}$$\n")
    one = f"$${jump} = {end}$$\n"
    out = graded(tmp_path, {"pad.md": pad, "one.md": one, "right.md": RIGHT},
                 SIGMOID + "[rubric]\nmin_steps = 2\n")
    padded, single = row(out, "pad.md"), row(out, "one.md")
    assert [s.mark.value for s in padded.steps] == ["proved", "repeated", "repeated"]
    assert padded.credit.total == single.credit.total < row(out, "right.md").credit.total
    assert any("terms that sum to 0" in r for r in padded.review)
    assert [s.mark.value for s in row(out, "right.md").steps] == ["proved"] * 3


def test_the_gradebooks_folder_is_not_graded(tmp_path: Path) -> None:
    """--out inside the submissions' folder: its feedback files were graded on the next run."""
    subs = tmp_path / "ws"
    a = write(subs, "ada.md", RIGHT)
    write(subs / "grades" / "feedback", "ada.md.md", RIGHT)
    paths, _ = find_submissions([str(subs)], str(tmp_path / "problem.toml"), str(subs / "grades"))
    assert paths == [a]
    paths, _ = find_submissions([str(subs)], str(tmp_path / "problem.toml"))
    assert len(paths) == 2


def test_a_chain_that_derives_something_else_earns_no_step_credit(tmp_path: Path) -> None:
    """A TA's class (eighteenth session): σ' = σ(1 − σ) handed in for the logistic loss's
    gradient, neither starting at the start nor ending at the end, earned 6 of 6 step points
    (7/10) and no review; an empty file said "no derivation found", and rows with no answer
    read were not up for review."""
    out = graded(tmp_path, {
        "other.md": "$$\\frac{d}{dx}\\tanh(x) = 1 - \\tanh(x)^2$$\n",
        "empty.md": "",
        "right.md": RIGHT})
    other = row(out, "other.md")
    assert not other.started and other.credit.parts[2].earned == 0, other.credit
    assert "derives something else" in other.credit.parts[2].why
    assert any("derives something else" in r for r in other.review), other.review
    empty = row(out, "empty.md")
    assert len(empty.problems) == 1 and empty.problems[0].endswith(
        "empty.md: the file is empty: nothing was handed in"), empty.problems
    assert empty.review and empty.credit.total == 0
    right = row(out, "right.md")
    assert right.credit.total == 10 and not right.review, (right.credit, right.review)


VECTOR = r"""format = 1
[problem]
id = "linear"
title = "the gradient of a linear function, in matrix notation"
[context]
dims = { n = "positive integer" }
vectors = { x = "n", w = "n" }
[statement]
start = { latex = '\frac{\partial}{\partial x} \left(w^\top x\right)' }
end = { latex = 'w' }
"""


def test_a_statement_about_a_whole_vector_at_a_symbolic_size(tmp_path: Path) -> None:
    """Grading crashed (AttributeError: 'SymArray' object has no attribute 'is_Symbol') on
    any statement whose value is a vector or matrix at a symbolic size, and a reference
    starting at the start was said not to."""
    out = graded(tmp_path, {
        "ok.md": "$$\\frac{\\partial}{\\partial x} \\left(w^\\top x\\right) = "
                 "\\frac{\\partial}{\\partial x} \\left(x^\\top w\\right) = w$$\n",
        "slip.md": "$$\\frac{\\partial}{\\partial x} \\left(w^\\top x\\right) = 2 w$$\n"},
        problem=VECTOR + "[reference]\nlatex = '''\n\\frac{\\partial}{\\partial x} "
                         "\\left(w^\\top x\\right) &= w\n'''\n")
    ok, slip = row(out, "ok.md"), row(out, "slip.md")
    assert ok.started and ok.end.value == "reached" and ok.credit.total == 10, ok.credit
    assert [s.mark.value for s in slip.steps] == ["refuted"], slip.steps


def test_grading_a_vector_statement_without_a_reference(tmp_path: Path) -> None:
    """A second adversary: without a [reference], a vector statement at a symbolic size still
    crashed the statement's check, and every answer's start and end checks failed inside
    (ends "undecided"); a false statement or one whose forms differ in shape was not stopped."""
    out = graded(tmp_path, {
        "ok.md": "$$\\frac{\\partial}{\\partial x} \\left(w^\\top x\\right) = w$$\n",
        "slip.md": "$$\\frac{\\partial}{\\partial x} \\left(w^\\top x\\right) = 2 w$$\n"},
        problem=VECTOR)
    assert not out.check.warnings, out.check.warnings
    ok, slip = row(out, "ok.md"), row(out, "slip.md")
    assert ok.end.value == "reached" and ok.credit.total == 10, (ok.end, ok.credit)
    assert slip.end.value == "not reached", slip.end
    for end, message in (("2 w", "is false"), ("w^\\top", "differ in shape")):
        with pytest.raises(ProblemError, match=message):
            graded(tmp_path / end.replace("\\", ""), {"x.md": "$$w = w$$\n"},
                   problem=VECTOR.replace("end = { latex = 'w' }", f"end = {{ latex = '{end}' }}"))


def test_gaming_the_rubric(tmp_path: Path) -> None:
    """A second adversary: the end copied under an unrelated chain of true steps earned
    7.8/10; a start proved equal but written otherwise earned no step credit ("derives
    something else"); flipping a sign back and forth after a slip earned a slip's part credit
    at every flip (more than an honest answer)."""
    rubric = "[rubric]\nmin_steps = 1\ndiagnosed = { sign = 0.5 }\n"
    out = graded(tmp_path, {
        "copied.md": "$$\\frac{d}{dx}\\tanh(x) = 1 - \\tanh(x)^2 = \\sigma(x)(1 - \\sigma(x))$$\n",
        "equal.md": "$$\\frac{d}{dx}\\frac{1}{1 + e^{-x}} = \\frac{e^{-x}}{(1 + e^{-x})^2} = "
                    "-\\sigma(x)(1 - \\sigma(x))$$\n",
        "flips.md": "$$\\frac{d}{dx}\\sigma(x) = -\\sigma(x)(1 - \\sigma(x)) = "
                    "\\sigma(x)(1 - \\sigma(x)) = -\\sigma(x)(1 - \\sigma(x)) = "
                    "\\sigma(x)(1 - \\sigma(x))$$\n"}, problem=SIGMOID + rubric)
    copied = row(out, "copied.md")
    assert copied.credit.parts[2].earned == 0 and copied.review, (copied.credit, copied.review)
    equal = row(out, "equal.md")
    assert not equal.started and equal.credit.parts[2].earned > 0, equal.credit
    flips = row(out, "flips.md")
    kinds = [s.diagnosis.kind if s.diagnosis else None for s in flips.steps]
    assert kinds[0] == "sign", kinds
    assert len(flips.steps) == 2 and any("after the required end" in n for n in flips.notes)
    assert flips.credit.parts[2].earned <= 6 * 0.5 / 2 + 1e-9, flips.credit  # the first only
    # (the answer stops at the first line written as the end: the flips after it are no part
    # of it, and none of them earns a slip's share)


def test_of_several_chains_from_the_start_the_complete_one_is_graded(tmp_path: Path) -> None:
    """A second adversary: a claim restated in a display before its proof (σ' = σ(1 − σ),
    then the derivation) took the answer's place: 1 step, fewer than min_steps; a wrong first
    try before a right second one was graded as the first. The answer is the chain from the
    start that reaches the end in the most steps; the others are noted, not graded."""
    out = graded(tmp_path, {
        "claim_first.md": "Claim:\n\n$$\\frac{d}{dx}\\sigma(x) = \\sigma(x)(1 - \\sigma(x))$$\n\n"
                          "Proof:\n" + RIGHT,
        "two_tries.md": "$$\\frac{d}{dx}\\sigma(x) = \\sigma(x)^2$$\n\nOops, again:\n" + RIGHT},
        problem=SIGMOID + "[rubric]\nmin_steps = 3\n")
    for name in ("claim_first.md", "two_tries.md"):
        r = row(out, name)
        assert r.credit.total == 10 and len(r.steps) == 3, (name, r.credit, r.steps)
        assert any("not part of the answer" in n for n in r.notes), r.notes


def test_a_step_refuted_by_its_shape_says_why_in_the_feedback(tmp_path: Path) -> None:
    """A second adversary: x^T for a vector-valued gradient was "✗ the first wrong step" with
    no point and no reason; the feedback now says the shapes."""
    out = graded(tmp_path, {
        "row.md": "$$\\frac{\\partial}{\\partial x} \\left(w^\\top x\\right) = w^\\top$$\n"},
        problem=VECTOR)
    (step,) = row(out, "row.md").steps
    assert step.mark.value == "refuted" and "matrix" in step.how, step.how
    text = markdown(row(out, "row.md"), out.problem)
    assert "the first wrong step**. step 2 is a" in text, text


def test_after_the_first_error_none_keeps_the_wrong_steps_own_share() -> None:
    """With after_first_error = "none", the steps after the first wrong one earn nothing, but
    the wrong step itself earns the share the rubric gives its diagnosed slip."""
    r = Rubric(min_steps=1, diagnosed={"sign": 0.5})
    marks, kinds = ["proved", "refuted", "proved", "proved"], [None, "sign", None, None]
    none = credit(replace(r, after_first_error="none"), readable=True, started=True,
                  reached=True, marks=marks, kinds=kinds)
    assert none.parts[2].earned == 6 * 1.5 / 4, none.parts[2]
    assert "1 of 4 steps proved up to the first wrong one" in none.parts[2].why
