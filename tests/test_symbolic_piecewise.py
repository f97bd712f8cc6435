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
        assert "d ≥ 1" in result.scope and "differentiable" in result.scope, result.scope


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
