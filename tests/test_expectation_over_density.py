"""An expectation over a density the file defines (issue 11: corpus document 30 writes
{\\mathbb{E}_{X\\sim P(x)}}[X^2] for the Gaussian P): E_{X∼p}[f(X)] is ∫ p(x) f(x) dx over the
reals, with no random variable declared. Refutations are re-checked independently."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.results import Verdict
from tests.recheck import document_verdicts

P, R = Verdict.PROVED, Verdict.REFUTED
BLOCK = ('```derivcheck\nsymbols = { mu = "real", s = "positive" }\n'
         'functions = { "p(x)" = "exp(-(x - mu)**2/(2*s**2))/(sqrt(2*pi)*s)", '
         '"q(x)" = "exp(-x**2)" }\nlatex = { "\\\\mu" = "mu" }\n```\n')


def run(tmp_path: Path, display: str) -> tuple[list[list[Verdict]], list[str]]:
    return document_verdicts(tmp_path / "e.md", BLOCK + f"\n$${display}$$\n")


@pytest.mark.parametrize(("display", "want"), [
    (r"{\mathbb{E}_{X\sim p(x)}}\left[X^{2}\right] = s^2 + \mu^2", P),
    (r"\mathbb{E}_{X \sim p}[X] = \mu", P),
    (r"\mathbb{E}_{X \sim p(X)}\left[(X - \mu)^2\right] = s^2", P),
    (r"\mathbb{E}_{X \sim p}[X^2] = s^2", R),
    (r"\mathbb{E}_{Y \sim q}[1] = 1", R),  # q is no density: its integral is √π
])
def test_an_expectation_is_the_integral_against_the_density(tmp_path: Path, display: str,
                                                             want: Verdict) -> None:
    got, errors = run(tmp_path, display)
    assert errors == [] and got and got[0][-1] is want, (got, errors)


@pytest.mark.parametrize("display", [
    r"\mathbb{E}_{X \sim N(0, 1)}[X^2] = 1",  # a law written there, not a density of the file
    r"\mathbb{E}_{X \sim r}[X] = 0",  # r is defined nowhere
    r"\mathbb{E}_{X}[X] = 0",
])
def test_other_subscripts_are_refused(tmp_path: Path, display: str) -> None:
    got, errors = run(tmp_path, display)
    assert len(errors) == 1 and ("random variables" in errors[0] or "subscript" in errors[0]), \
        (got, errors)


def test_a_declared_random_variable_keeps_its_declared_law(tmp_path: Path) -> None:
    """X declared N(0, 1) and E_{X∼p}[X] with p the N(μ, 1) density: two laws for one X, so the
    subscript's is not taken over the declared one (it was, and refuted the line: found by an
    adversary); refused, as any other subscript where X is random."""
    got, errors = document_verdicts(
        tmp_path / "r.md", '```derivcheck\nsymbols = { mu = "real" }\nrandom = { X = "N(0, 1)" }\n'
        'functions = { "p(x)" = "exp(-(x - mu)**2/2)/sqrt(2*pi)" }\nlatex = { "\\\\mu" = "mu" }\n'
        '```\n\n$$\\mathbb{E}_{X \\sim p(x)}[X] = 0$$\n')
    assert len(errors) == 1 and "subscript" in errors[0], (got, errors)
