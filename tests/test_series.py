"""Series up to ∞ (issue 11: Adam's weights "sum to 1", Σ_{i≥0} (1 − β)β^i = 1, was refused):
a geometric series Σ_{k=a}^{∞} c r^k is c r^a / (1 − r) where it converges (|r| < 1, kept as
where the line is defined); any other series is refused. Refutations are re-checked
independently (tests/recheck.py), with the hypotheses."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.results import Verdict
from tests.recheck import document_verdicts

P, R = Verdict.PROVED, Verdict.REFUTED

BLOCK = ('```derivcheck\nsymbols = { beta = "positive", r = "real", c = "real" }\n'
         'dims = { n = "positive integer" }\nvectors = { x = "n" }\n'
         'given = ["beta < 1"]\n```\n')


def run(tmp_path: Path, *displays: str) -> tuple[list[list[Verdict]], list[str]]:
    return document_verdicts(tmp_path / "series.md",
                             BLOCK + "".join(f"\n$${d}$$\n" for d in displays))


@pytest.mark.parametrize(("display", "want"), [
    (r"\sum_{i=0}^{\infty} (1 - \beta)\beta^i = 1", P),
    (r"\sum_{k=1}^{\infty} \beta^{k} = \frac{\beta}{1 - \beta}", P),
    (r"\sum_{k=1}^{\infty} \beta^{k} = \frac{1}{1 - \beta}", R),  # the first term is β
    (r"\sum_{k=0}^{\infty} \beta^{2k} = \frac{1}{1 - \beta^2}", P),
    (r"\sum_{k=0}^{\infty} \beta^{2k} = \frac{1}{1 - \beta}", R),
    (r"\sum_{k=0}^\infty \frac{c}{3^k} = \frac{3c}{2}", P),
    (r"\sum_{k=0}^\infty \left(-\frac{1}{2}\right)^k = \frac{2}{3}", P),
    (r"\sum_{k=0}^\infty r^k = \frac{1}{1 - r}", P),  # where it converges: |r| < 1
    (r"\sum_{k=0}^\infty r^k = \frac{1}{1 + r}", R),
])
def test_geometric_series(tmp_path: Path, display: str, want: Verdict) -> None:
    got, errors = run(tmp_path, display)
    assert errors == [] and got == [[want]], (got, errors)


def test_a_divergent_series_is_not_proved(tmp_path: Path) -> None:
    """Σ 2^k = −1 (the formal sum) holds nowhere the series converges: never proved."""
    got, errors = run(tmp_path, r"\sum_{k=0}^\infty 2^k = -1")
    assert errors == [] and got and got[0][0] not in (P, R), got


@pytest.mark.parametrize("display", [
    r"\sum_{k=1}^\infty \frac{1}{k^2} = \frac{\pi^2}{6}",
    r"\sum_{k=0}^\infty k \beta^k = \frac{\beta}{(1 - \beta)^2}",
    r"\prod_{k=0}^\infty \beta = 0",
    r"\sum_{k=1}^\infty \beta^k x_k = 0",
])
def test_other_series_are_refused(tmp_path: Path, display: str) -> None:
    got, errors = run(tmp_path, display)
    assert len(errors) == 1 and "∞" in errors[0], (got, errors)



def test_a_series_whose_convergence_depends_on_an_outer_index_is_refused(tmp_path: Path) -> None:
    """Σ_j Σ_k 2^{jk}: every inner series diverges, and where it converges depends on j, bound
    outside it, which no condition of the line can say (it was proved = Σ_j 1/(1 − 2^j), and
    refuted at the formal value −4/3: found by an adversary)."""
    got, errors = run(tmp_path, r"\sum_{j=1}^{n} \sum_{k=0}^{\infty} 2^{jk} = -n")
    assert got == [[Verdict.ERROR]] or not got, got
    assert len(errors) == 1 and "bound outside it" in errors[0], errors


@pytest.mark.parametrize("display", [
    r"\sum_{k=0}^{\infty} \beta^k = \frac{1}{1 - \beta}",
    r"\sum_{i=0}^{\infty} (1 - \beta)\beta^i = 1",
])
def test_hypotheses_that_rule_out_convergence_leave_nothing_proved(tmp_path: Path,
                                                                  display: str) -> None:
    """β > 1 given: the series converges nowhere the hypotheses hold (convergence is the two
    linear conditions −1 < r < 1, which linear arithmetic holds against β > 1)."""
    path = tmp_path / "div.md"
    got, errors = document_verdicts(path, '```derivcheck\nsymbols = { beta = "positive" }\n'
                                          'given = ["beta > 1"]\n```\n' + f"\n$${display}$$\n")
    assert errors == [] and got == [[Verdict.ERROR]], got


def test_sides_defined_on_disjoint_sets_are_never_proved(tmp_path: Path) -> None:
    """Σ r^k needs |r| < 1, √(r² − 1) needs |r| ≥ 1: no point has both, which linear arithmetic
    cannot see (r² − 1 ≥ 0); no witness point is found, so the proof may be vacuous: unknown."""
    got, errors = run(tmp_path, r"\sum_{k=0}^{\infty} r^k = \frac{1}{1-r} + \sqrt{r^2 - 1} - "
                                r"\sqrt{r^2 - 1}")
    assert errors == [] and got == [[Verdict.UNKNOWN]], got
