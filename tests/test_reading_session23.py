"""Session 23: notation from a neutral sample of new pages, read where one reading is the only
plausible one, and refused where it is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.results import Verdict
from tests.recheck import document_verdicts

P, R = Verdict.PROVED, Verdict.REFUTED
VECTOR = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { x = "n" }\n'
          'latex = { "y" = "softmax(x)" }\n```\n\n')


def _one(tmp_path: Path, latex: str, head: str = VECTOR) -> tuple[list, list[str]]:
    return document_verdicts(tmp_path / "s.md", head + f"$${latex}$$\n")


@pytest.mark.parametrize("latex, verdict", [
    ("e^{x_i} \\sum e^{x_d} = \\sum e^{x_d} \\cdot e^{x_i}", P),
    ("\\sum e^{x_d} \\cdot e^{x_i} = n e^{x_i}", R),
    ("x_i + \\sum x_d x_i = x_i (1 + \\sum x_k)", None),  # k is the one index in its body
])
def test_a_bare_sum_runs_over_the_one_index_written_nowhere_else(tmp_path: Path, latex: str,
                                                                  verdict: Verdict | None) -> None:
    """\\frac{\\sum e^{x_d} \\cdot e^{x_i} - …}{…} with i the line's free index (corpus 53): the
    sum is over d, the one index of its body that the line writes nowhere outside a sum. It was
    refused ("its body is indexed by d, i")."""
    got, errors = _one(tmp_path, latex)
    assert errors == [] and got == [[verdict or P]], (got, errors)


def test_the_quotient_rule_line_of_a_softmax_page_is_read(tmp_path: Path) -> None:
    """The d of dy_i/dx_j is no index: i and j are written in subscripts outside the sums."""
    got, errors = document_verdicts(tmp_path / "q.md", VECTOR + "If $i = j$, this gives:\n\n"
                                    "$\\frac{dy_i}{dx_j} = \\frac{\\sum e^{x_d} \\cdot e^{x_i} - "
                                    "e^{x_i} \\cdot e^{x_i}}{(\\sum e^{x_d})^2}$\n")
    assert errors == [] and got == [[P]], (got, errors)


@pytest.mark.parametrize("latex", [
    "\\sum x_d x_i = \\sum x_i x_d",  # neither index written outside a sum
    "\\sum x_d x_i + \\sum_{i=1}^{n} x_i = 0",  # i only in another sum's scripts and body
    "\\sum x_d x_i = \\frac{d}{di} x_1",  # i and d outside, but not as indices
])
def test_a_bare_sum_whose_index_is_not_the_only_one_left_is_refused(tmp_path: Path,
                                                                    latex: str) -> None:
    got, errors = _one(tmp_path, latex)
    assert not {P, R} & {v for row in got for v in row}, got
    assert errors and all("\\sum without an index" in e for e in errors), errors
