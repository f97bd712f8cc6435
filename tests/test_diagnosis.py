"""What is wrong with a wrong step (issue 14): the diagnosis is proved, or absent.

Mutants from tests/diagnosis_mutants.py (a right step with one known slip) get the kind of
their slip in at least 95 % of cases and never another kind; every corrected line shown is
proved equal to the previous step when it is checked again on its own; the verdict is the
same with and without diagnoses.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import EntryOutcome, Limits, Settings, Verdict, run
from checker.derivation_file import load_file
from checker.model import CheckKind
from tests.diagnosis_mutants import BASES, HEADERS, Mutant, document, mutants

MUTANTS = mutants()
# the outcome, not the speed, is tested: a diagnosis is not cut short on a busy machine
GENEROUS = Limits(timeout=60, jobs=2, diagnosis=20.0, diagnosis_ratio=0)


def _run(directory: Path, text: str, limits: Limits = GENEROUS) -> dict[str, EntryOutcome]:
    path = directory / "cases.toml"
    path.write_text(text, encoding="utf-8")
    loaded = load_file(str(path))
    assert not loaded.errors, [str(e) for e in loaded.errors]
    report = run(loaded.items, Settings(), limits)
    return {o.id.split("::")[1]: o for o in report.outcomes}


def _step(outcome: EntryOutcome):  # the check of step 2
    return next(c for c in outcome.checks if c.check.kind is CheckKind.STEP)


@pytest.fixture(scope="module")
def diagnosed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, EntryOutcome]:
    out: dict[str, EntryOutcome] = {}
    for group in HEADERS:
        out |= _run(tmp_path_factory.mktemp(f"mutants-{group}"), document(group, MUTANTS))
    return out


def test_the_generator_makes_enough_mutants_of_every_kind() -> None:
    assert len(MUTANTS) >= 60
    kinds = set().union(*(m.kinds for m in MUTANTS))
    assert {"sign", "scale", "reciprocal", "term", "function", "argument", "exponent",
            "chain-factor", "transpose", "missing-transpose", "swapped-factors",
            "hadamard-dropped", "swapped-indices", "delta-dropped", "sum-bound",
            "sum-index"} <= kinds


@pytest.mark.slow
def test_every_base_step_is_right(tmp_path: Path) -> None:
    for group in HEADERS:
        (tmp_path / group).mkdir()
        outcomes = _run(tmp_path / group, document(group, list(BASES)))
        wrong = [i for i, o in outcomes.items() if _step(o).result.verdict is not Verdict.PROVED]
        assert not wrong, wrong


@pytest.mark.slow
def test_mutants_get_the_kind_of_their_slip_and_never_another(
        diagnosed: dict[str, EntryOutcome]) -> None:
    by_id = {m.id: m for m in MUTANTS}
    refuted = {i: _step(o).result for i, o in diagnosed.items()
               if _step(o).result.verdict is Verdict.REFUTED}
    assert len(refuted) >= 60, sorted(set(by_id) - set(refuted))
    wrong = {i: r.diagnosis.kind for i, r in refuted.items()
             if r.diagnosis is not None and r.diagnosis.kind not in by_id[i].kinds}
    assert not wrong, wrong
    right = [i for i, r in refuted.items() if r.diagnosis is not None]
    missed = sorted(set(refuted) - set(right))
    assert len(right) >= 0.95 * len(refuted), f"{len(right)}/{len(refuted)}; missed {missed}"


@pytest.mark.slow
def test_every_corrected_line_is_proved_equal_to_the_previous_one_when_checked_again(
        diagnosed: dict[str, EntryOutcome], tmp_path: Path) -> None:
    by_id = {m.id: m for m in MUTANTS}
    again: list[Mutant] = []
    for i, o in diagnosed.items():
        d = _step(o).result.diagnosis
        if d is not None and d.corrected_syntax == "text":
            m = by_id[i]
            again.append(Mutant(i, m.group, m.a, d.corrected, m.kinds, m.given))
    assert len(again) >= 40
    for group in HEADERS:
        text = document(group, again, wrong=False)
        (tmp_path / group).mkdir()
        outcomes = _run(tmp_path / group, text, Limits(timeout=60, jobs=2, diagnosis=0))
        wrong = {i: _step(o).result.verdict for i, o in outcomes.items()
                 if _step(o).result.verdict is not Verdict.PROVED}
        assert not wrong, wrong


@pytest.mark.slow
def test_a_diagnosis_never_changes_a_verdict(diagnosed: dict[str, EntryOutcome],
                                             tmp_path: Path) -> None:
    plain = _run(tmp_path, document("scalar", MUTANTS), Limits(timeout=60, jobs=2, diagnosis=0))
    for i, o in plain.items():
        got = [c.result.verdict for c in o.checks]
        assert got == [c.result.verdict for c in diagnosed[i].checks], i
        assert all(c.result.diagnosis is None for c in o.checks)


# ------------------------------------------------------------------------------ grading

SIGN_SLIP = r"""
$$\begin{aligned}
\frac{d}{dx}\sigma(x) &= -\frac{e^{-x}}{(1 + e^{-x})^2} \\
  &= \sigma(x)(1 - \sigma(x))
\end{aligned}$$
"""


def test_the_rubric_gives_part_credit_by_kind_of_slip() -> None:
    from dataclasses import replace

    from checker.grading.rubric import Rubric, RubricError, credit, read_rubric

    r = Rubric(min_steps=2)
    marks = ["refuted", "proved"]
    plain = credit(r, readable=True, started=True, reached=True, marks=marks, kinds=["sign", None])
    assert plain.parts[2].earned == 3
    slip = replace(r, diagnosed=(("sign", 0.5),))
    half = credit(slip, readable=True, started=True, reached=True, marks=marks,
                  kinds=["sign", None])
    assert half.parts[2].earned == 4.5 and "part credit" in half.parts[2].why
    other = credit(slip, readable=True, started=True, reached=True, marks=marks,
                   kinds=["function", None])
    assert other.parts[2].earned == 3  # a kind the rubric does not list earns nothing
    assert read_rubric({"diagnosed": {"sign": 0.5}}, None).diagnosed == (("sign", 0.5),)
    with pytest.raises(RubricError, match="unknown kind 'typo'"):
        read_rubric({"diagnosed": {"typo": 0.5}}, None)
    with pytest.raises(RubricError, match="between 0 and 1"):
        read_rubric({"diagnosed": {"sign": 2}}, None)


@pytest.mark.slow
def test_grading_shows_the_diagnosis_and_credits_it(tmp_path: Path) -> None:
    from checker.grading import grade
    from checker.grading import load_problem as load
    from checker.grading.feedback import markdown
    from checker.grading.gradebook import csv_row, row

    problem = (r"""format = 1
[problem]
id = "sigmoid"
[context]
symbols = { x = "real" }
[statement]
start = { latex = '\frac{d}{dx}\sigma(x)' }
end = { latex = '\sigma(x)(1 - \sigma(x))' }
[rubric]
diagnosed = { sign = 0.5, chain-factor = 0.5 }
""")
    (tmp_path / "problem.toml").write_text(problem, encoding="utf-8")
    (tmp_path / "slip.md").write_text(SIGN_SLIP, encoding="utf-8")
    p = load(str(tmp_path / "problem.toml"))
    out = grade(p, [str(tmp_path / "slip.md")], Settings(), GENEROUS)
    g = out.grades[0]
    wrong = g.first_wrong
    assert wrong is not None and wrong.number == 2 and wrong.diagnosis is not None
    # the inner derivative d/dx(−x) = −1 forgotten: the chain rule's factor (a sign slip)
    assert wrong.diagnosis.kind == "chain-factor"
    assert row(g)["first_wrong"]["diagnosis"]["kind"] == "chain-factor"
    assert csv_row(g)["diagnosis"].startswith("chain-factor: ")
    text = markdown(g, p)
    assert "What is wrong:" in text and " ".join(wrong.diagnosis.corrected.split()) in text
    steps = next(part for part in g.credit.parts if part.name == "steps")
    assert "part credit" in steps.why  # the slip earns half a step


# ---------------------------------------------------------------------------- reports

SWAPPED = r"""
\frac{d}{dx} \sigma(w x) &= \sigma(w x)\left(1 - \sigma(w x)\right) \cdot w \\
  &= w\,\sigma(w x)\left(1 - \tanh(w x)\right)
"""


@pytest.fixture(scope="module")
def swapped(tmp_path_factory: pytest.TempPathFactory):
    text = ('format = 1\n[context]\nsymbols = { x = "real", w = "real" }\n'
            f"[[derivation]]\nid = \"swap\"\nlatex = '''{SWAPPED}'''\n"
            'expect_steps = { 3 = "refuted" }\nexpect = "refuted"\n')
    path = tmp_path_factory.mktemp("swapped") / "hw.toml"
    path.write_text(text, encoding="utf-8")
    loaded = load_file(str(path))
    return run(loaded.items, Settings(), GENEROUS)


def test_the_diagnosis_is_located_in_the_line_as_written(swapped) -> None:
    d = next(c for c in swapped.results if c.check.kind is CheckKind.STEP and c.check.step == 3
             ).result.diagnosis
    assert d is not None and d.kind == "function"
    assert d.location is not None and d.location.part == r"\tanh(w x)"
    assert d.location.text[d.location.start:d.location.end] == r"\tanh(w x)"
    assert d.corrected == r"w\,\sigma(w x)\left(1 - \sigma(w x)\right)"
    assert d.corrected_syntax == "latex"


def test_every_report_shows_the_diagnosis(swapped) -> None:
    import io
    import json
    import xml.etree.ElementTree as ET

    from rich.console import Console

    from checker.report import github, html, json_report, junit, terminal
    from checker.report.text import check_lines

    buf = io.StringIO()
    terminal.render(swapped, Console(file=buf, width=200, color_system=None))
    text = buf.getvalue()
    assert "what is wrong (function): tanh(w x) where σ(w x) is meant" in text
    assert r"where: w\,\sigma(w x)\left(1 - [\tanh(w x)]\right)" in text
    assert r"did you mean: w\,\sigma(w x)\left(1 - \sigma(w x)\right)   (proved equal to step 2)" \
        in text
    record = next(r for r in json.loads(json_report.dumps(swapped))["records"]
                  if r["step"] == 3)
    assert record["diagnosis"]["kind"] == "function"
    assert record["diagnosis"]["location"]["part"] == r"\tanh(w x)"
    assert record["diagnosis"]["corrected"] == r"w\,\sigma(w x)\left(1 - \sigma(w x)\right)"
    assert all(r["diagnosis"] is None for r in json.loads(json_report.dumps(swapped))["records"]
               if r["step"] != 3)
    page = html.dumps(swapped)
    assert r"<mark>\tanh(w x)</mark>" in page and "what is wrong (function)" in page
    # GitHub annotations and JUnit failure messages are check_lines (shown on a mismatch)
    outcome = swapped.outcomes[0]
    step = next(c for c in outcome.checks if c.check.step == 3)
    lines = check_lines(outcome.entry, step)
    assert "what is wrong (function): tanh(w x) where σ(w x) is meant: tanh written for " \
        "sigmoid" in lines
    assert r"where: w\,\sigma(w x)\left(1 - [\tanh(w x)]\right)" in lines
    suites = ET.fromstring(junit.dumps(swapped))  # valid XML, with the diagnosis in it
    said = "\n".join(t for t in suites.itertext())
    assert "what is wrong (function): tanh(w x) where σ(w x) is meant" in said, said
    assert "did you mean:" in said
    assert github.dumps(swapped).startswith("derivcheck:")


def test_a_worker_stopped_while_diagnosing_keeps_its_verdict(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The verdict is sent before the diagnosis: a diagnosis that outlives the claim's timeout
    (here one that hangs) costs the diagnosis, never the verdict."""
    import time

    from checker import diagnosis

    def hangs(*args: object, **kwargs: object) -> object:
        time.sleep(30)
        raise AssertionError("not reached")

    monkeypatch.setattr(diagnosis, "attach", hangs)  # the forked workers inherit it
    text = (HEADERS["scalar"] + '[[derivation]]\nid = "s"\nsteps = ["diff(x**2, x)", '
            '{ expr = "-2*x", expect = "refuted" }]\nexpect = "refuted"\n')
    outcomes = _run(tmp_path, text, Limits(timeout=3, jobs=1))
    result = _step(outcomes["s"]).result
    assert result.verdict is Verdict.REFUTED and result.counterexample is not None
    assert result.diagnosis is None


# ---------------------------------------------------------------------------- cost (issue 14)


def test_an_arrays_entries_are_computed_once_per_entry() -> None:
    import sympy as sp

    from checker.diagnosis.written import _remembered

    calls: list[tuple] = []

    def at(i: sp.Expr, j: sp.Expr) -> sp.Expr:
        calls.append((i, j))
        return sp.Symbol("w") * i + j

    i, j = sp.symbols("i j", integer=True)
    entry = _remembered(at)
    assert entry(i, j) is entry(i, j) and entry(j, i) == sp.Symbol("w") * j + i
    assert calls == [(i, j), (j, i)]


def test_one_line_reached_by_two_corrections_is_one_proof() -> None:
    import sympy as sp

    from checker.diagnosis.search import _key

    x = sp.IndexedBase("x")
    n = sp.Symbol("n", integer=True, positive=True)
    k1, k2 = sp.Dummy("k", integer=True), sp.Dummy("k", integer=True)
    one, again = sp.Sum(x[k1], (k1, 1, n)), sp.Sum(x[k2], (k2, 1, n))
    assert one != again and _key(one, ()) == _key(again, ())  # read twice: new sum indices
    assert _key(one, ()) != _key(2 * one, ())
    assert _key(sp.Matrix([[one]]), ()) == _key(sp.Matrix([[again]]), ())


@pytest.mark.parametrize(("written", "wrong", "meant"), [
    ("a^2 - b^2", "−", "+"),  # (a + b)² − 2ab = a² + b², written with −
    ("a^2 + b^2", "+", "−"),  # (a − b)(a + b) = a² − b², written with +
])
def test_a_term_sign_diagnosis_says_what_was_written_and_what_is_meant(
        tmp_path: Path, written: str, wrong: str, meant: str) -> None:
    left = "(a + b)^2 - 2ab" if wrong == "−" else "(a - b)(a + b)"
    path = tmp_path / "sign.md"
    path.write_text('```derivcheck\nsymbols = { a = "real", b = "real" }\n```\n\n'
                    f"$${left} = {written}$$\n", encoding="utf-8")
    report = run(load_file(str(path)).items, Settings(), Limits(timeout=60, jobs=1))
    (step,) = [c for o in report.outcomes for c in o.checks if c.check.kind is CheckKind.STEP]
    assert step.result.verdict is Verdict.REFUTED
    detail = step.result.diagnosis.detail
    assert f"the sign of the term b^2 is wrong: {wrong} where {meant} is meant" in detail


def test_a_chain_factor_is_found_where_the_reader_took_the_derivative_already(
        tmp_path: Path) -> None:
    """The README's example: d/dx (x² + 1)³ = 3(x² + 1)² lost the inner derivative 2x. The
    reader differentiates as it reads (checker.differentiate), so the step's left side holds
    no derivative; the d/dx it is written with says the step differentiates (no diagnosis was
    made)."""
    outcomes = _run(tmp_path, 'format = 1\n[context]\nsymbols = { x = "real" }\n\n'
                    '[[derivation]]\nid = "power-chain"\nlatex = \'\'\'\n'
                    "\\frac{d}{dx} \\left(x^2 + 1\\right)^3 &= 3\\left(x^2 + 1\\right)^2\n"
                    "\'\'\'\n\n[[derivation]]\nid = \"minus\"\nlatex = \'\'\'\n"
                    "\\frac{d}{dx} \\sigma(-x) &= \\sigma(-x)(1 - \\sigma(-x))\n\'\'\'\n")
    step = _step(outcomes["power-chain"])
    assert step.result.verdict is Verdict.REFUTED
    d = step.result.diagnosis
    assert d is not None and d.kind == "chain-factor", d
    assert "d/dx (x^2 + 1) = 2*x is missing" in d.detail
    assert d.corrected == "3\\left(x^2 + 1\\right)^2 \\left(2 x\\right)"
    minus = _step(outcomes["minus"]).result.diagnosis
    assert minus is not None and minus.kind == "chain-factor", minus


def test_ninth_adversary_of_diagnoses(tmp_path: Path) -> None:
    """From an adversary of diagnoses: a lost power was "replaced" (the README says exponent);
    a slip in e^{x} was blamed on the correct e^{−x} before it (σ' is even, so both
    corrections prove: the one that restores the previous line is the slip); a corrected line
    written from a value printed two sums' k alike (so it meant the diagonal); a line about
    arrays offered one entry B_{i,j} as its correction."""
    from sympy import Dummy, IndexedBase, Sum, Symbol

    from checker.diagnosis.written import value_text

    outcomes = _run(tmp_path, 'format = 1\n[context]\nsymbols = { x = "real" }\n'
                    'dims = { n = "positive integer" }\nmatrices = { B = ["n", "n"] }\n'
                    'vectors = { v = "n" }\n\n'
                    '[[derivation]]\nid = "power"\nlatex = \'\'\'2\\sigma(x)^2(1-\\sigma(x)) = '
                    '2\\sigma(x)(1-\\sigma(x))\'\'\'\n\n'
                    '[[derivation]]\nid = "even"\nlatex = \'\'\'-(1+e^{-x})^{-2} \\cdot (-e^{-x}) '
                    '= (1+e^{-x})^{-2} e^{x}\'\'\'\n\n'
                    '[[derivation]]\nid = "entry"\nlatex = \'\'\'\\frac{\\partial (B v)}{\\partial v}'
                    ' = B^\\top\'\'\'\n')
    power = _step(outcomes["power"]).result.diagnosis
    assert power is not None and power.kind == "exponent", power
    assert "the power 2 of \\sigma(x) is lost" in power.detail
    even = _step(outcomes["even"]).result.diagnosis
    assert even is not None and even.kind == "argument", even
    assert even.location is not None and even.location.part == "x", even.location
    assert even.corrected == "(1+e^{-x})^{-2} e^{-x}"
    entry = _step(outcomes["entry"]).result
    assert entry.verdict is Verdict.REFUTED
    assert entry.diagnosis is None or "_{i" not in entry.diagnosis.corrected, entry.diagnosis
    # two sums that both bind a k are printed with two names (k and k')
    n, a, i, j = Symbol("n"), IndexedBase("a"), Dummy("k"), Dummy("k")
    shown = value_text(Sum(a[i] * Sum(a[j], (j, 1, n)), (i, 1, n)), "latex")
    assert "k'" in shown and shown.count("k'") >= 2, shown


def test_the_index_slip_is_the_entry_the_previous_line_does_not_write(tmp_path: Path) -> None:
    """From an adversary: ∂/∂x_j e^{x_i}/Σ = s_i(δ_ij − s_i), the slip in the bracket. As
    δ_ij s_i = δ_ij s_j, changing the leading s_i proves too, and was shown; the leading one is
    what the previous line writes (its numerator), so the bracket's is the slip."""
    outcomes = _run(tmp_path, 'format = 1\n[context]\ndims = { n = "positive integer" }\n'
                    'vectors = { x = "n" }\n\n[[derivation]]\nid = "s"\nlatex = \'\'\''
                    '\\frac{\\partial}{\\partial x_j} \\frac{e^{x_i}}{\\sum_{k=1}^{n} e^{x_k}} = '
                    '\\frac{e^{x_i}}{\\sum_{k} e^{x_k}}\\left(\\delta_{ij} - '
                    '\\frac{e^{x_i}}{\\sum_{k} e^{x_k}}\\right)\'\'\'\n')
    d = _step(outcomes["s"]).result.diagnosis
    assert d is not None and d.kind == "swapped-indices", d
    assert d.corrected.startswith("\\frac{e^{x_i}}") and "e^{x_{j}}" in d.corrected, d.corrected


def test_an_array_claims_diagnosis_is_never_said_in_internal_names(tmp_path: Path) -> None:
    """The log-softmax Jacobian with the outer product's factors in the wrong order was
    "x[_i] where x[_j] is meant", with one entry as its corrected line."""
    outcomes = _run(tmp_path, 'format = 1\n[context]\ndims = { n = "positive integer" }\n'
                    'vectors = { x = "n" }\n\n[[derivation]]\nid = "j"\nclaim = '
                    '"jacobian(log(softmax(x)), x) == eye(n) - softmax(x) @ T(ones(n))"\n')
    r = next(c for c in outcomes["j"].checks if c.check.kind is CheckKind.CLAIM).result
    assert r.verdict is Verdict.REFUTED
    d = r.diagnosis
    assert d is None or not any("_i" in t or "_j" in t for t in (d.detail, d.corrected)), d


def test_a_step_after_a_wrong_step_gets_no_corrected_line(tmp_path: Path) -> None:
    """A new user's MSE page: step 2 drops the inner derivative's sign, step 3 is right again
    (equal to step 1). Step 3's diagnosis said "did you mean" the sign of the wrong step 2;
    now it says what changed and offers no line."""
    from checker.report.text import diagnosis_words
    from tests.recheck import checked_file

    path = tmp_path / "mse.md"
    path.write_text('```derivcheck\nsymbols = { x = "real" }\n```\n\n'
                    "$$\\begin{align}\\frac{d}{dx} e^{-x} &= e^{-x} \\\\\n"
                    "&= -e^{-x}\\end{align}$$\n", encoding="utf-8")
    report, errors = checked_file(path)
    assert errors == []
    steps = [c for o in report.outcomes for c in o.checks if c.check.step]
    assert [c.result.verdict for c in steps] == [Verdict.REFUTED, Verdict.REFUTED]
    first, second = (c.result.diagnosis for c in steps)
    assert first is not None and not first.after_wrong and first.kind == "chain-factor"
    assert second is not None and second.after_wrong and second.kind == "sign"
    words = " ".join(diagnosis_words(steps[1]))
    assert "did you mean" not in words and "from step 2, which is wrong itself" in words


def _latex(pairs: dict[str, str]) -> str:
    head = 'format = 1\n[context]\nsymbols = { x = "real", y = "real", z = "real" }\n'
    return head + "".join(f"\n[[derivation]]\nid = \"{k}\"\nlatex = '''\n{v}\n'''\n"
                          for k, v in pairs.items())


def test_the_slip_is_where_the_line_differs_from_the_previous_one(tmp_path: Path) -> None:
    """An adversary of diagnoses (eighteenth session): of two copies that a proof would
    accept alike, the diagnosis blamed the one the author copied right, and its "did you mean"
    kept the real slip: e^x + e^x for e^x + cos x (the first e^x was blamed); 4·6 for 4·3
    ("4 should be 2"); (−2)(3) for (−2)(−3) ("(−2) should be 2"); 3x²/3 for 3x²/6 (the
    numerator's 3); σ(z)(1 − σ(z))σ(z) (the first σ(z) should not be there); σ(x) for σ(2x)
    ("the factor 2 is lost", kind factor: it is the argument)."""
    outcomes = _run(tmp_path, _latex({
        "second": "\\frac{d}{dx}\\left(e^{x} + \\sin x\\right) &= e^{x} + \\cos x \\\\\n"
                  "  &= e^{x} + e^{x}",
        "first": "\\frac{d}{dx}\\left(e^{x} + \\sin x\\right) &= e^{x} + \\cos x \\\\\n"
                 "  &= \\cos x + \\cos x",
        "scale": "\\frac{d}{dx}\\left(4 e^{3x}\\right) &= 4 \\cdot 3 e^{3x} \\\\\n"
                 "  &= 4 \\cdot 6 e^{3x}",
        "sign": "\\frac{d}{dx}\\left(-2 e^{-3x}\\right) &= (-2)(-3) e^{-3x} \\\\\n"
                "  &= (-2)(3) e^{-3x}",
        "bare": "\\frac{d}{dx}\\left(2 e^{-3x}\\right) &= 2 \\cdot (-3) e^{-3x} \\\\\n"
                "  &= 2 \\cdot 3 e^{-3x}",
        "denominator": "\\frac{d}{dx}\\frac{x^3}{6} &= \\frac{3x^2}{6} \\\\\n"
                       "  &= \\frac{3x^2}{3}",
        "appended": "\\frac{d}{dz}\\sigma(z) &= \\sigma(z)(1 - \\sigma(z)) \\\\\n"
                    "  &= \\sigma(z)(1 - \\sigma(z))\\sigma(z)",
        "argument": "\\frac{d}{dx}\\sigma(2x) &= 2\\sigma(2x)(1-\\sigma(2x)) \\\\\n"
                    "  &= 2\\sigma(x)(1-\\sigma(2x))",
    }))
    expected = {  # kind, the part pointed at (its first character), the corrected line
        "second": ("function", ("e^{x}", 8), "e^{x} + \\cos x"),
        "first": ("function", ("\\cos x", 0), "e^{x} + \\cos x"),
        "scale": ("scale", ("6", 8), "4 \\cdot 3 e^{3x}"),
        "sign": ("sign", ("3", 5), "(-2)(-3) e^{-3x}"),
        "bare": ("sign", ("3", 8), "2 \\cdot \\left(-3\\right) e^{-3x}"),
        "denominator": ("scale", ("3", 12), "\\frac{3x^2}{6}"),
        "appended": ("factor", ("\\sigma(z)", 24), "\\sigma(z)(1 - \\sigma(z))"),
        "argument": ("argument", ("x", 8), "2\\sigma(2x)(1-\\sigma(2x))"),
    }
    for name, (kind, (part, start), corrected) in expected.items():
        checks = [c for c in outcomes[name].checks if c.check.kind is CheckKind.STEP]
        wrong = [c for c in checks if c.result.verdict is Verdict.REFUTED]
        assert len(wrong) == 1, (name, [c.result.verdict for c in checks])
        d = wrong[0].result.diagnosis
        assert d is not None and d.kind == kind, (name, d)
        assert d.location is not None and (d.location.part, d.location.start) == (part, start), \
            (name, d.location)
        assert d.corrected == corrected, (name, d.corrected)


def test_a_diagnosis_never_changes_a_definitions_body(tmp_path: Path) -> None:
    """p_i(δ_ij − p_i) for p_i(δ_ij − p_j), with p_j = e^{z_j}/Σ_k e^{z_k} defined on the
    page: the index slip was found inside p's definition and said as "z_{i} where z_j is
    meant" (the author wrote p, not z), pointing at the whole line."""
    page = tmp_path / "p.md"
    page.write_text("```derivcheck\ndims = { n = \"positive integer\" }\nvectors = { z = \"n\" }"
                    "\n```\n\n$$p_j = \\frac{e^{z_j}}{\\sum_{k=1}^{n} e^{z_k}}$$\n\n"
                    "$$\\frac{\\partial p_i}{\\partial z_j} = p_i(\\delta_{ij} - p_j) = "
                    "p_i(\\delta_{ij} - p_i)$$\n", encoding="utf-8")
    from checker.files import load_file as load_document

    loaded = load_document(str(page))
    report = run(loaded.items, Settings(), GENEROUS)
    wrong = [c for o in report.outcomes for c in o.checks if c.result.verdict is Verdict.REFUTED]
    assert wrong, [c.result.verdict for o in report.outcomes for c in o.checks]
    for c in wrong:
        d = c.result.diagnosis
        assert d is None or "z" not in d.detail, d


def test_second_adversary_of_this_sessions_diagnoses(tmp_path: Path) -> None:
    """A second adversary (eighteenth session): a power's or a root's argument changed was a
    whole-line constant factor whose "did you mean" kept the slip (3x²·2 for 3(2x)²·2 was
    "1/4 times the previous one", corrected 4(3x²·2)); a lost term pointed at a neighbour
    written right; ⊙h lost where h is written elsewhere was "replaced"; f for f′ was
    "replaced"."""
    head = ('format = 1\n[context]\nsymbols = { x = "positive", y = "real", a = "real", '
            'w = "real" }\nfunctions = { f = "arbitrary", g = "arbitrary" }\n'
            'dims = { n = "positive integer" }\nvectors = { d = "n", h = "n", z = "n" }\n'
            'matrices = { V = ["n", "n"] }\n')
    pairs = {
        "power": "\\frac{d}{dx} (2x)^3 &= 3(2x)^2 \\cdot 2 \\\\\n  &= 3x^2 \\cdot 2",
        "root": "\\frac{d}{dx} \\sqrt{4x} &= \\frac{4}{2\\sqrt{4x}} \\\\\n"
                "  &= \\frac{4}{2\\sqrt{x}}",
        "lost": "w(x + y + a) &= w(x + y + a) \\\\\n  &= w(x + a)",
        "hadamard": "V^T (d \\odot h \\odot (1 - h)) &= V^T (d \\odot h \\odot (1 - h)) \\\\\n"
                    "  &= V^T (d \\odot (1 - h))",
        "prime": "\\frac{d}{dx} f(g(x)) &= f'(g(x)) g'(x) \\\\\n  &= f(g(x)) g'(x)",
    }
    outcomes = _run(tmp_path, head + "".join(
        f"\n[[derivation]]\nid = \"{k}\"\nlatex = '''\n{v}\n'''\n" for k, v in pairs.items()))
    expected = {  # kind, the part pointed at, the corrected line
        "power": ("argument", "x", "3\\left(2x\\right)^2 \\cdot 2"),
        "root": ("argument", "x", "\\frac{4}{2\\sqrt{4x}}"),
        "lost": ("term", "x + a", "w(x + y + a)"),
        "hadamard": ("hadamard-dropped", "d", "V^T (d \\odot h \\odot (1 - h))"),
        "prime": ("function", "f(g(x))", "f'(g(x)) g'(x)"),
    }
    for name, (kind, part, corrected) in expected.items():
        wrong = [c for c in outcomes[name].checks if c.check.kind is CheckKind.STEP
                 and c.result.verdict is Verdict.REFUTED]
        assert len(wrong) == 1, name
        d = wrong[0].result.diagnosis
        assert d is not None and d.kind == kind, (name, d)
        assert d.location is not None and d.location.part == part, (name, d.location)
        assert d.corrected == corrected, (name, d.corrected)


def test_a_claims_diagnosis_speaks_of_its_sides(tmp_path: Path) -> None:
    """A claim has no previous line: "the line is 1/3 times the previous one" is said of its
    right side and its left side, and its corrected side in the notation it is written in."""
    outcomes = _run(tmp_path, 'format = 1\n[context]\nsymbols = { x = "real" }\n\n'
                    '[[derivation]]\nid = "c"\nclaim = "diff(x**3, x) == x**2"\n')
    r = outcomes["c"].checks[0].result
    assert r.verdict is Verdict.REFUTED
    d = r.diagnosis
    assert d is not None and "previous" not in d.detail, d
    assert "\\" not in d.corrected, d.corrected


def test_a_terms_sign_inside_a_bracket_is_a_sign_slip(tmp_path: Path) -> None:
    """A TA's class: −[y(1 − σ) + (1 − y)σ] for −[y(1 − σ) − (1 − y)σ] got no diagnosis (only
    the line's own terms were tried), so the rubric's part credit for a sign slip was lost."""
    outcomes = _run(tmp_path, 'format = 1\n[context]\nsymbols = { z = "real", y = "real" }\n'
                    'latex = { "\\\\sigma" = "sigmoid" }\n\n[[derivation]]\nid = "s"\n'
                    "latex = '''\n-\\left[y (1 - \\sigma(z)) - (1 - y) \\sigma(z)\\right] &= "
                    "-\\left[y (1 - \\sigma(z)) + (1 - y) \\sigma(z)\\right]\n'''\n")
    d = _step(outcomes["s"]).result.diagnosis
    assert d is not None and d.kind == "sign", d
    assert d.corrected.startswith("-\\left[y (1 - \\sigma(z)) - ") and \
        d.corrected.endswith("\\sigma(z)\\right]"), d.corrected


def test_tenth_adversary_of_diagnoses(tmp_path: Path) -> None:
    """From an adversary of diagnoses (session 39): a −1 the line writes at the inner function
    (−e^{−x}, a factor (−1)) was still said to be the chain rule's missing inner derivative
    where the quotient rule's or the power rule's sign was lost; a part whose −x lies deep
    inside ((eˣ − e⁻ˣ)², a term of the quotient rule) was given a chain factor −1; σ(z) "where
    σ(−z) is meant" for a cancelled factor (σ(−z) = 1 − σ(z) proves it, as a sign slip does
    for tanh)."""
    outcomes = _run(tmp_path, 'format = 1\n[context]\nsymbols = { x = "real", z = "real" }\n\n'
                    '[[derivation]]\nid = "quotient"\nlatex = \'\'\'\\frac{d}{dx}\\frac{1}{1+e^{-x}} = '
                    '\\frac{1\\cdot(-e^{-x}) - 0\\cdot(1+e^{-x})}{(1+e^{-x})^2}\'\'\'\n\n'
                    '[[derivation]]\nid = "power"\nlatex = \'\'\'\\frac{d}{dx}(1+e^{-x})^{-1} = '
                    '(1+e^{-x})^{-2}\\cdot(-e^{-x})\'\'\'\n\n'
                    '[[derivation]]\nid = "twice"\nlatex = \'\'\'\\frac{d}{dx}\\sigma(-x) = '
                    '-\\sigma(-x)(1-\\sigma(-x))\\cdot(-1)\'\'\'\n\n'
                    '[[derivation]]\nid = "term"\nlatex = \'\'\'\\frac{d}{dx}\\frac{e^x - e^{-x}}'
                    '{e^x + e^{-x}} = \\frac{(e^x+e^{-x})^2 + (e^x - e^{-x})^2}{(e^x+e^{-x})^2}\'\'\'\n\n'
                    '[[derivation]]\nid = "cancel"\nlatex = \'\'\'\\frac{\\sigma(z)(1-\\sigma(z))}'
                    '{1-\\sigma(z)} = 1-\\sigma(z)\'\'\'\n\n'
                    '[[derivation]]\nid = "dropped"\nlatex = \'\'\'\\frac{d}{dx}\\frac{1}{1+e^{-x}} = '
                    '-(1+e^{-x})^{-2} \\cdot e^{-x}\'\'\'\n')
    for key in ("quotient", "power", "twice", "term"):
        step = _step(outcomes[key]).result
        assert step.verdict is Verdict.REFUTED, (key, step)
        assert step.diagnosis is None or step.diagnosis.kind != "chain-factor", (key, step.diagnosis)
    cancel = _step(outcomes["cancel"]).result  # (σ(z) where σ(−z) = 1 − σ(z) is meant: as
    assert cancel.verdict is Verdict.REFUTED  # the catalog's σ ⊙ σ; tanh(z) "where tanh(−z)
    # is meant" is a sign slip and is never said)
    # the seed's slip, the inner derivative's −1 left out where nothing writes it: still found
    dropped = _step(outcomes["dropped"]).result.diagnosis
    assert dropped is not None and dropped.kind == "chain-factor", dropped
