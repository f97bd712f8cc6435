"""Reading documents (session 31): σ and tanh of a sum beside e^(sum) at symbolic sizes,
a fraction of vectors read entry by entry, and the wrong verdicts an adversary found."""

from __future__ import annotations

from pathlib import Path

import pytest
from recheck import checked_file

from checker.model import CheckKind
from checker.results import Verdict

LOGISTIC = ("```derivcheck\n"  # line 1
            "dims = { n = \"positive integer\", p = \"positive integer\" }\n"
            "matrices = { X = [\"n\", \"p\"] }\n"
            "vectors = { y = \"n\", beta = \"p\", z = \"n\" }\n"
            "```\n")  # 5


def run(tmp_path: Path, text: str) -> tuple[dict[str, Verdict], list]:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    report, errors = checked_file(path)  # (every counterexample re-checked)
    return {o.id.rsplit("::L", 1)[1]: c.result.verdict for o in report.outcomes
            for c in o.checks if c.check.kind is CheckKind.GOAL}, errors


@pytest.mark.parametrize(("display", "verdict"), [
    # e^(s)/(1 + e^(s)) is σ(s) where s = (Xβ)_k is a sum: beside a factor outside it too
    ("\\sum_{k=1}^n X_{k1}\\frac{e^{(X\\beta)_k}}{1+e^{(X\\beta)_k}} = "
     "\\sum_{k=1}^n X_{k1} \\sigma((X\\beta)_k)", Verdict.PROVED),
    ("\\sum_{k=1}^n X_{k1}\\frac{1}{1+e^{-(X\\beta)_k}} = "
     "\\sum_{k=1}^n X_{k1} \\sigma((X\\beta)_k)", Verdict.PROVED),
    ("\\sum_{k=1}^n X_{k1} \\tanh((X\\beta)_k) = "
     "\\sum_{k=1}^n X_{k1} (2\\sigma(2(X\\beta)_k) - 1)", Verdict.PROVED),
    ("\\nabla_\\beta \\left(\\mathbf{1}^T \\ln(1+e^{X\\beta}) - y^T X \\beta\\right) = "
     "X^T\\left(\\sigma(X\\beta) - y\\right)", Verdict.PROVED),
    # the sign of the exponent lost, or σ where e^s is meant: refuted
    ("\\sum_{k=1}^n X_{k1}\\frac{e^{(X\\beta)_k}}{1+e^{(X\\beta)_k}} = "
     "\\sum_{k=1}^n X_{k1} \\sigma(-(X\\beta)_k)", Verdict.REFUTED),
    ("\\nabla_\\beta \\left(\\mathbf{1}^T \\ln(1+e^{X\\beta}) - y^T X \\beta\\right) = "
     "X^T\\left(\\sigma(-X\\beta) - y\\right)", Verdict.REFUTED),
    ("\\sum_{k=1}^n X_{k1} \\tanh((X\\beta)_k) = "
     "\\sum_{k=1}^n X_{k1} (2\\sigma((X\\beta)_k) - 1)", Verdict.REFUTED),
])
def test_sigmoid_of_a_sum_beside_its_exponential(tmp_path: Path, display: str,
                                                 verdict: Verdict) -> None:
    """σ(Σ_j X_kj β_j) reads as e^(Σ…) does (a product of exponentials in the normal form of
    sums), so the logistic gradient written with e and with σ meet for every n and p."""
    by, errors = run(tmp_path, LOGISTIC + f"\n$${display}$$\n")
    assert errors == []
    assert by == {"7": verdict}
