"""Code-style entries and Stan's names (issue 11: the Stan manual's softmax pages, corpus
documents 19 and 20): softmax(y)[k] is the entry k of the vector, as code writes it, and
\\mbox{log\\_sum\\_exp} is logsumexp. Refutations are re-checked independently
(tests/recheck.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.results import Verdict
from tests.recheck import document_verdicts

P, R = Verdict.PROVED, Verdict.REFUTED


STAN = '```derivcheck\ndims = { K = "positive integer" }\nvectors = { y = "K", z = 3 }\n```\n'


def stan(tmp_path: Path, *displays: str) -> tuple[list[list[Verdict]], list[str]]:
    return document_verdicts(tmp_path / "stan.md",
                             STAN + "".join(f"\n$${d}$$\n" for d in displays))


@pytest.mark.parametrize(("display", "want"), [
    (r"\frac{\partial}{\partial y_m} \mbox{softmax}(y)[k] = \mbox{softmax}(y)[k] "
     r"(\delta_{km} - \mbox{softmax}(y)[m])", P),
    (r"\frac{\partial}{\partial y_m} \mbox{softmax}(y)[k] = \mbox{softmax}(y)[k] "
     r"(1 - \mbox{softmax}(y)[m])", R),
    (r"\operatorname{softmax}(z)[2] = \frac{e^{z_2}}{e^{z_1} + e^{z_2} + e^{z_3}}", P),
    (r"\log \mbox{softmax}(y) = y - \mbox{log\_sum\_exp}(y)", P),
    (r"\mbox{log\_sum\_exp}(z) = \log(e^{z_1} + e^{z_2} + e^{z_3})", P),
    (r"\mbox{log\_sum\_exp}(z) = \log(e^{z_1} + e^{z_2})", R),
])
def test_bracket_entries_and_log_sum_exp(tmp_path: Path, display: str, want: Verdict) -> None:
    got, errors = stan(tmp_path, display)
    assert errors == [] and got and got[0][-1] is want, (got, errors)


def test_brackets_after_a_scalar_function_are_brackets(tmp_path: Path) -> None:
    """σ(x)[a + b] is σ(x)·(a + b): only a vector-valued function's value is indexed."""
    got, errors = document_verdicts(
        tmp_path / "b.md", '```derivcheck\nsymbols = { x = "real", a = "real", b = "real" }\n'
        'latex = { "\\\\sigma" = "sigmoid" }\n```\n\n$$\\sigma(x)[a + b] = \\sigma(x) a + '
        '\\sigma(x) b$$\n')
    assert errors == [] and got == [[P]], (got, errors)
