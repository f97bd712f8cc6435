"""Piecewise functions at a symbolic size (the hinge loss max(0, 1 − y wᵀx) over d
features, relu of one entry), decided region by region as at explicit sizes: the branches'
comparisons, which may be of sums, are the hypotheses; a derivative's kinks are excluded and
the verdict says where it holds; a counterexample lies inside its region. Atoms written in a
sum's own index (Σ_k relu(z_k)) take a branch per k, which one region cannot say: those stay
as before (instances refute; no proof)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.results import Verdict
from tests.recheck import checked_file

P, R, U = Verdict.PROVED, Verdict.REFUTED, Verdict.UNKNOWN

HEAD = ('```derivcheck\ndims = { d = "positive integer" }\nvectors = { w = "d", x = "d", '
        'z = "d" }\nsymbols = { y = "real" }\n```\n\n'
        '$$L(w) = \\max(0, 1 - y\\, w^\\top x)$$\n\n')


def run(tmp_path: Path, display: str) -> list:
    path = tmp_path / "hinge.md"
    path.write_text(HEAD + f"$${display}$$\n", encoding="utf-8")
    report, errors = checked_file(path)  # (counterexamples re-checked, hypotheses included)
    assert errors == [], errors
    return [c.result for o in report.outcomes for c in o.checks if c.check.step]


@pytest.mark.parametrize(("display", "want"), [
    (r"\frac{\partial L}{\partial w_j} = \begin{cases} -y\, x_j & y\, w^\top x < 1 \\ 0 & "
     r"y\, w^\top x > 1 \end{cases}", P),
    (r"\frac{\partial L}{\partial w_j} = -y\, x_j\, \mathbb{1}[y\, w^\top x < 1]", P),
    (r"\frac{\partial L}{\partial w_j} = y\, x_j\, \mathbb{1}[y\, w^\top x < 1]", R),  # sign
    (r"\frac{\partial L}{\partial w_j} = -y\, x_j", R),  # the flat side forgotten
    (r"\frac{\partial}{\partial z_j} \max(0, z_j)^2 = 2\max(0, z_j)", P),
    (r"\frac{\partial}{\partial z_j} \max(0, z_j)^2 = 2 z_j", R),
])
def test_piecewise_at_a_symbolic_size(tmp_path: Path, display: str, want: Verdict) -> None:
    (result,) = run(tmp_path, display)
    assert result.verdict is want, result
    if want is P:
        assert "d ≥ 1" in result.scope and "not checked" in result.scope, result.scope


def test_the_counterexample_lies_in_its_region(tmp_path: Path) -> None:
    (result,) = run(tmp_path, r"\frac{\partial L}{\partial w_j} = -y\, x_j")
    cex = result.counterexample
    assert result.verdict is R and cex is not None and cex.instance
    point = {str(s): v for s, v in cex.point}
    d = dict((str(k), int(v)) for k, v in cex.instance)["d"]
    margin = point["y"] * sum(point[f"w[{k}]"] * point[f"x[{k}]"] for k in range(1, d + 1))
    assert margin > 1  # the flat side, where the derivative is 0, not −y x_j


def test_a_sum_of_piecewise_terms_is_not_split_by_one_region(tmp_path: Path) -> None:
    (result,) = run(tmp_path, r"\sum_{k=1}^{d} \max(0, z_k) = \sum_{k=1}^{d} z_k")
    assert result.verdict is R  # at d = 1, z₁ < 0 (an instance), never a region of "z_k"
    (result,) = run(tmp_path, r"\frac{\partial}{\partial z_j} \sum_{k=1}^{d} \max(0, z_k) = "
                    r"\mathbb{1}[z_j > 0]")
    assert result.verdict is U


@pytest.mark.parametrize("display", [
    # z_i and z_j are one entry at i = j (max(z_i, z_i) = z_i is differentiable)
    r"\frac{\partial}{\partial z_i} \left(\max(z_i, z_j) + \min(z_i, z_j)\right) = 1",
    r"\frac{\partial}{\partial z_i} \max(z_i, z_j) = \mathbb{1}[z_i > z_j]",
    # z_j and Σ_k z_k are one at d = 1
    r"\frac{\partial}{\partial z_j} \max\left(z_j, \sum_{k=1}^{d} z_k\right) = "
    r"\mathbb{1}\left[z_j > \sum_{k=1}^{d} z_k\right] + \mathbb{1}\left[z_j < \sum_{k=1}^{d} "
    r"z_k\right]",
    # a comparison that is 0 everywhere: every point "on a kink", nothing vacuous
    r"\frac{\partial}{\partial w_j} \max\left(0, \sum_{k=1}^{d} (w_k + x_k)^2 - \sum_{k=1}^{d} "
    r"(w_k^2 + 2 w_k x_k + x_k^2)\right) = 7",
])
def test_kinks_that_are_a_whole_case_are_not_excluded(tmp_path: Path, display: str) -> None:
    """From an adversary: these false claims were proved "wherever differentiable" (the kink
    z_i = z_j is all of i = j, all of d = 1, or everywhere)."""
    (result,) = run(tmp_path, display)
    assert result.verdict is not P, result


def test_a_kink_flat_along_the_variable_is_checked(tmp_path: Path) -> None:
    """d/dw (w·1[cw + b ≥ 0]) = 1[cw + b > 0] was proved off cw + b = 0; at c = b = 0 the
    indicator is 1 for every w, the derivative is 1 and the claim says 0."""
    path = tmp_path / "flat.md"
    path.write_text('```derivcheck\nsymbols = { w = "real", b = "real", c = "real" }\n```\n\n'
                    "$$\\frac{\\partial}{\\partial w} \\left(w \\, \\mathbb{1}[c\\, w + b \\ge 0]"
                    "\\right) = \\mathbb{1}[c\\, w + b > 0]$$\n\n"
                    "$$\\frac{\\partial}{\\partial w} \\max(0, c w + b) = c\\, \\mathbb{1}[c w + b > 0]$$"
                    "\n", encoding="utf-8")
    report, errors = checked_file(path)  # (the counterexample re-checked)
    got = [c.result for o in report.outcomes for c in o.checks if c.check.step]
    assert errors == [] and [r.verdict for r in got] == [R, P]
    point = {str(s): v for s, v in got[0].counterexample.point}
    assert point["b"] == 0 and point["c"] == 0
    assert "every point where" in got[1].scope and "not checked" in got[1].scope


def test_a_given_about_the_same_sum_decides_the_branch(tmp_path: Path) -> None:
    """With given wᵀx > 0, ∂/∂w_j max(0, wᵀx) = x_j stayed unknown: the given's sum named its
    index apart from the claim's."""
    path = tmp_path / "g.md"
    path.write_text('```derivcheck\ndims = { d = "positive integer" }\nvectors = { w = "d", '
                    'x = "d" }\ngiven = ["Sum(w[k]*x[k], (k, 1, d)) > 0"]\n```\n\n'
                    "$$\\frac{\\partial}{\\partial w_j} \\max(0, w^\\top x) = x_j$$\n",
                    encoding="utf-8")
    report, errors = checked_file(path)
    got = [c.result.verdict for o in report.outcomes for c in o.checks if c.check.step]
    assert errors == [] and got == [P], (got, errors)


def test_an_entry_compared_beside_a_derivative_by_another_entry_is_not_split(
        tmp_path: Path) -> None:
    """∂/∂w_j (w_j 1[w_i ≥ 0]) = 1[w_i > 0] was proved off w_i = 0; at i ≠ j, w_i = 0 is no
    kink (the comparison does not move with w_j) and the claim is false there."""
    path = tmp_path / "e.md"
    path.write_text(HEAD + "$$\\frac{\\partial}{\\partial w_j} w_j \\mathbb{1}[w_i \\ge 0] = "
                    "\\mathbb{1}[w_i > 0]$$\n", encoding="utf-8")
    report, errors = checked_file(path)
    got = [c.result.verdict for o in report.outcomes for c in o.checks if c.check.step]
    assert errors == [] and P not in got, got


def test_a_flat_comparison_of_higher_degree_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "cubic.md"
    path.write_text('```derivcheck\nsymbols = { w = "real", b = "real", c = "real" }\n```\n\n'
                    "$$\\frac{d}{dw} w\\mathbb{1}[c w^3 + b \\ge 0] = \\mathbb{1}[c w^3+b>0]$$\n",
                    encoding="utf-8")
    report, errors = checked_file(path)  # (the counterexample re-checked)
    (result,) = [c.result for o in report.outcomes for c in o.checks if c.check.step]
    assert errors == [] and result.verdict is R
    assert {str(s): v for s, v in result.counterexample.point}["c"] == 0
