"""Free indices over explicit lengths (session 34): x_i, ∂ŷ_i/∂z_j beside vectors declared
with a number as their length are read at each value of the indices (checker.tables) and the
claim is decided at each value its hypotheses allow (checker.strategies.explicit_indices).
They were refused ("i is not bound here"). Counterexamples are re-checked by checked_file."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from recheck import checked_file

from checker.engine import check_claim
from checker.model import CheckKind, Claim, Condition, Equation, Index
from checker.results import Verdict
from checker.tables import Table, tabled

HEAD = ("```derivcheck\n"
        "vectors = { z = 3, x = 2 }\n"
        "matrices = { W = [2, 2] }\n"
        "latex = { \"\\\\hat{y}\" = \"softmax(z)\" }\n"
        "```\n")


def goals(tmp_path: Path, text: str, name: str = "doc.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report, errors = checked_file(path)
    got = [c for o in report.outcomes  # type: ignore[attr-defined]
           for c in o.checks if c.check.kind in (CheckKind.GOAL, CheckKind.CLAIM)]
    return [c.result for c in got], [str(e) for e in errors]


@pytest.mark.parametrize(("text", "expected"), [
    ("$$\\frac{\\partial \\hat{y}_i}{\\partial z_j} = \\hat{y}_i (\\delta_{ij} - \\hat{y}_j)$$",
     Verdict.PROVED),
    ("$$\\frac{\\partial \\hat{y}_i}{\\partial z_j} = \\hat{y}_i (\\delta_{ij} + \\hat{y}_j)$$",
     Verdict.REFUTED),
    ("If $i = j$:\n\n$$\\frac{\\partial \\hat{y}_i}{\\partial z_j} = \\hat{y}_i (1 - \\hat{y}_i)$$",
     Verdict.PROVED),
    ("If $i \\neq j$:\n\n$$\\frac{\\partial \\hat{y}_i}{\\partial z_j} = -\\hat{y}_i \\hat{y}_j$$",
     Verdict.PROVED),
    ("If $i \\neq j$:\n\n$$\\frac{\\partial \\hat{y}_i}{\\partial z_j} = \\hat{y}_i \\hat{y}_j$$",
     Verdict.REFUTED),  # the sign lost: false at every i ≠ j
    ("$$\\frac{\\partial \\hat{y}_i}{\\partial z_j} = \\hat{y}_i (1 - \\hat{y}_j) \\quad (i = j)$$",
     Verdict.PROVED),
    ("$$\\frac{\\partial \\hat{y}_i}{\\partial z_j} = \\hat{y}_i (1 - \\hat{y}_j)$$",
     Verdict.REFUTED),  # (false where i ≠ j)
    ("$$(W x)_i = \\sum_{k=1}^{2} W_{ik} x_k$$", Verdict.PROVED),
    ("$$(W x)_i = \\sum_{k=1}^{2} W_{ki} x_k$$", Verdict.REFUTED),  # the transpose's
    ("$$\\frac{\\partial (W x)_i}{\\partial W_{ij}} = x_j$$", Verdict.PROVED),
    ("$$\\frac{\\partial (W x)_i}{\\partial W_{ij}} = x_i$$", Verdict.REFUTED),
    ("$$\\sum_{k=1}^{3} z_k - z_i = \\sum_{k \\neq i} z_k$$", Verdict.PROVED),
])
def test_a_line_over_explicit_lengths_is_decided_at_each_index(tmp_path: Path, text: str,
                                                                expected: Verdict) -> None:
    results, errors = goals(tmp_path, HEAD + "\n" + text + "\n")
    assert errors == [] and [r.verdict for r in results] == [expected], (results, errors)


def test_the_counterexample_names_the_indices_and_satisfies_the_case(tmp_path: Path) -> None:
    results, errors = goals(tmp_path, HEAD + "\nIf $i \\neq j$:\n\n$$\\frac{\\partial \\hat{y}_i}"
                            "{\\partial z_j} = \\hat{y}_i \\hat{y}_j$$\n")
    (result,) = results
    cex = result.counterexample
    assert errors == [] and cex is not None
    at = {str(s): v for s, v in cex.instance}
    assert set(at) == {"i", "j"} and at["i"] != at["j"] and 1 <= at["i"] <= 3
    assert f"i = {at['i']}, j = {at['j']}" in cex.case


def test_each_display_has_its_own_lengths_for_a_letter(tmp_path: Path) -> None:
    """i over z's 3 entries in one display, over x's 2 in the next (it was "out of range")."""
    results, errors = goals(tmp_path, HEAD + "\n$$\\hat{y}_i = \\hat{y}_i$$\n\n"
                            "$$x_i + x_i = 2 x_i$$\n")
    assert errors == [] and [r.verdict for r in results] == [Verdict.PROVED] * 2
    assert "i in 1…2" in results[1].scope


def test_a_python_step_and_a_claim_over_an_explicit_length(tmp_path: Path) -> None:
    text = ("format = 1\n[context]\nvectors = { x = 3 }\n\n"
            "[[derivation]]\nid = \"a\"\nsteps = [\"x[i] + x[i]\", \"2*x[i]\"]\n\n"
            "[[derivation]]\nid = \"b\"\nclaim = \"x[i] == x[1]\"\ngiven = [\"i == 1\"]\n\n"
            "[[derivation]]\nid = \"c\"\nclaim = \"x[i] == x[1]\"\n")
    results, errors = goals(tmp_path, text, "f.toml")
    assert errors == []
    assert [r.verdict for r in results] == [Verdict.PROVED, Verdict.PROVED, Verdict.REFUTED]
    assert results[2].counterexample.case.startswith("i = ")


def test_hypotheses_no_value_of_the_indices_meets_make_the_proof_vacuous() -> None:
    i = sp.Symbol("i", integer=True)
    x = sp.symbols("x1:4", real=True)
    side = tabled((i,), (3,), list(x))
    claim = Claim(side, x[0] + 1, given=(Equation(i, 1), Equation(i, 2)),
                  indices=(Index(i, sp.Integer(1), sp.Integer(3)),))
    result = check_claim(claim)
    assert result.verdict is Verdict.PROVED and result.vacuous
    assert "satisfies the hypotheses" in result.detail


def test_an_unequal_case_leaves_the_equal_values_out() -> None:
    i, j = sp.symbols("i j", integer=True)
    x = sp.symbols("x1:3", real=True)
    lhs = tabled((i, j), (2, 2), [x[0] - x[0], x[0] - x[1], x[1] - x[0], x[1] - x[1]])
    claim = Claim(lhs, sp.Integer(0), given=(Condition(sp.Ne(i, j)),),
                  indices=(Index(i, sp.Integer(1), sp.Integer(2)),
                           Index(j, sp.Integer(1), sp.Integer(2))))
    result = check_claim(claim)
    assert result.verdict is Verdict.REFUTED
    assert dict(result.counterexample.instance)[i] != dict(result.counterexample.instance)[j]


def test_a_table_becomes_its_value_at_numbers() -> None:
    i, j = sp.symbols("i j", integer=True)
    a, b, c, d = sp.symbols("a b c d")
    t = tabled((i, j), (2, 2), [a, b, c, d])
    assert t.xreplace({i: 2, j: 1}) == c and t.xreplace({i: 1, j: 2}) == b
    assert isinstance(t, Table) and sp.diff(t, b).xreplace({i: 1, j: 2}) == 1
    assert tabled((i,), (2,), [a, a]) == a  # the same at each value: no table
    with pytest.raises(ValueError):
        t.xreplace({i: 3, j: 1})


def test_too_many_values_of_the_indices_are_refused_with_what_to_write(tmp_path: Path) -> None:
    head = "```derivcheck\nvectors = { x = 9 }\n```\n"
    results, errors = goals(tmp_path, head + "\n$$x_i x_j x_k = x_k x_j x_i$$\n")
    assert results == [] or all(r.verdict is not Verdict.PROVED for r in results)
    assert any("take 729 values together" in e and "dims" in e for e in errors), errors


def test_a_vector_at_each_index_is_refused(tmp_path: Path) -> None:
    head = "```derivcheck\nvectors = { x = 2 }\nmatrices = { W = [2, 2] }\n```\n"
    results, errors = goals(tmp_path, head + "\n$$x_i W x = W x x_i$$\n")
    assert results == [] and any("must be one number" in e for e in errors), (results, errors)


@pytest.mark.parametrize(("claim", "given", "expected"), [
    ("x[i]**2 + 1 > 0", "", Verdict.PROVED),
    ("x[i]**2 >= x[j]**2", "", Verdict.REFUTED),
    ("x[i]*x[j] >= 0", "i == j", Verdict.PROVED),
    ("x[i]*x[j] >= 0", "i != j", Verdict.REFUTED),
    ("Sum(x[k]**2, (k, 1, 3)) >= x[i]**2", "", Verdict.PROVED),
])
def test_an_inequality_over_explicit_lengths(tmp_path: Path, claim: str, given: str,
                                             expected: Verdict) -> None:
    """They were unknown ("an inequality over a symbolic size …")."""
    text = ("format = 1\n[context]\nvectors = { x = 3 }\n\n[[derivation]]\nid = \"a\"\n"
            f"claim = \"{claim}\"\n" + (f"given = [\"{given}\"]\n" if given else ""))
    results, errors = goals(tmp_path, text, "f.toml")
    assert errors == [] and [r.verdict for r in results] == [expected], (results, errors)
