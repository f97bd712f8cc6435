"""Derivation files: the semantics the format promises, checked end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cli
from checker import Limits, Settings, Verdict, run
from checker.derivation_file import load_file
from tests.file_cases import run_cases
from tests.recheck import assert_counterexample, assert_refutations

HEADER = '''format = 1
[context]
symbols   = { x = "real", c = "real", k = "integer" }
vectors   = { z = 3, y = 3, p = { size = 2, assume = "positive" } }
matrices  = { W = [2, 3], X = { size = [2, 2], assume = "real" } }
functions = { "g(t)" = "1/(1 + exp(-t))", "CE(t, s)" = "-dot(t, log(softmax(s)))" }
'''

CASES = {
    # id: (derivation body, expected verdict)
    "subscript-expression": ('claim = "softmax(z)[2] == exp(z[2])/sum(exp(z))"', "proved"),
    "matvec-subscript": ('claim = "(W @ z)[1] == W[1, 1]*z[1] + W[1, 2]*z[2] + W[1, 3]*z[3]"',
                         "proved"),
    "one-by-one": ('claim = "T(z) @ z == sum(hadamard(z, z))"', "proved"),
    "column-literal": ('claim = "Matrix([1, 2, x]) == [1, 2, x]"', "proved"),
    "entrywise-scale": ('claim = "z / 2 == 0.5 * z"', "proved"),
    "broadcast": ('claim = "softmax(z + c) == softmax(z)"', "proved"),
    "second-derivative": ('claim = "diff(g(x), x, 2) == g(x)*(1 - g(x))*(1 - 2*g(x))"', "proved"),
    "function-entrywise": ('claim = "g(z)[3] == sigmoid(z[3])"', "proved"),
    "function-of-vectors": ('given = ["onehot(y)"]\nclaim = "grad(CE(y, z), z) == softmax(z) - y"',
                            "proved"),
    "jacobian": ('claim = "jacobian(softmax(z), z)[1, 2] == -softmax(z)[1]*softmax(z)[2]"',
                 "proved"),
    "sum-index": ('claim = "Sum(z[j]*y[j], (j, 1, 3)) == dot(z, y)"', "proved"),
    "sum-one": ('given = ["sum(y) == 1"]\nclaim = "grad(CE(y, z), z) == softmax(z) - y"',
                "proved"),
    "positive-entries": ('claim = "log(p[1]*p[2]) == log(p[1]) + log(p[2])"', "proved"),
    "positive-refuted": ('claim = "log(p[1]) == p[1] - 1"\nexpect = "refuted"', "refuted"),
    "det-condition": ('given = ["det(X) > 0"]\nclaim = "log(det(X)) == 2*log(X[1, 1])"\n'
                      'expect = "refuted"', "refuted"),
    "integer-symbol": ('claim = "cos(2*pi*k) == 1"', "proved"),  # k is an integer
}


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return run_cases(tmp_path_factory.mktemp("files"), HEADER, CASES)


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_semantics(outcomes: dict, case_id: str) -> None:
    outcome = outcomes[case_id]
    result = outcome.checks[0].result
    assert result.verdict is Verdict(CASES[case_id][1]), result
    assert outcome.matches
    if result.counterexample is not None:
        assert_counterexample(outcome.checks[0].check.claim, result.counterexample)


def test_counterexample_respects_entry_assumptions_and_conditions(outcomes: dict) -> None:
    cex = outcomes["positive-refuted"].checks[0].result.counterexample
    assert all(v > 0 for s, v in cex.point if s.name.startswith("p_"))
    det = outcomes["det-condition"].checks[0].result.counterexample.as_dict()
    values = {s.name: v for s, v in det.items()}
    assert values["X_11"] * values["X_22"] - values["X_12"] * values["X_21"] > 0


def test_json_steps_are_numbered_from_the_chain(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "chain.toml"
    path.write_text('format = 1\n[[derivation]]\nid = "c"\nexpect = "refuted"\nsteps = [\n'
                    '  "diff(1/(1 + exp(-x)), x)",\n'
                    '  { expr = "exp(-x)/(1 + exp(-x))**2", why = "chain rule" },\n'
                    '  { expr = "sigmoid(x)*(1 + sigmoid(x))", expect = "refuted" },\n]\n')
    assert cli.main(["check", str(path), "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)["records"]
    steps = {r["step"]: r for r in records if r["kind"] == "step"}
    assert sorted(steps) == [2, 3]
    assert steps[2]["compares"] == "step 1 == step 2" and steps[2]["verdict"] == "proved"
    assert steps[3]["verdict"] == "refuted" and steps[3]["why"] is None
    assert steps[2]["why"] == "chain rule"
    # the same file through the library: every counterexample re-checked independently
    report = run(load_file(str(path)).items, Settings(), Limits(jobs=1))
    assert assert_refutations(report) >= 1


@pytest.mark.parametrize(("written", "meant"), [
    ("x^2 + 1", "x**2 + 1"), ("2*x^2", "2*x**2"), ("-x^2", "-(x**2)"), ("a^b^c", "a**(b**c)"),
    ("diff(x^3, x)", "diff(x**3, x)"),
])
def test_caret_is_power_with_maths_precedence(written: str, meant: str) -> None:
    """Found by a TA trial: Python reads ^ as XOR, below + (x^2 + 1 was x^(2+1))."""
    from checker.parse.context import Context
    from checker.parse.evaluate import evaluate
    from checker.parse.python_syntax import read_expression

    ctx = Context()
    assert evaluate(read_expression(written), ctx) == evaluate(read_expression(meant), ctx)


def test_positions_after_a_caret_point_into_the_text_as_written() -> None:
    from checker.parse.python_syntax import read_expression
    from checker.parse.tree import ParseError

    with pytest.raises(ParseError) as err:
        read_expression("x^2 + y.z")
    assert err.value.pos is not None and err.value.pos.col == 7  # the 'y.z', as written
