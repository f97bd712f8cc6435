"""n!: the factorial of a whole number, as Poisson likelihoods and counting arguments write it
(``y!``, ``(n + 1)!``, ``\\frac{n!}{k!(n-k)!}``). Read only of a value declared a whole
number, never differentiated in it; factorials of one quantity at shifted arguments are
related exactly ((n + 1)! = (n + 1) n! is proved, not sampled)."""

from __future__ import annotations

from math import factorial
from pathlib import Path

import pytest

from checker.results import Method, Verdict
from tests.recheck import checked_file, document_verdicts

P, R = Verdict.PROVED, Verdict.REFUTED

HEAD = ('```derivcheck\nsymbols = { y = "integer nonnegative", n = "integer nonnegative", '
        'k = "integer nonnegative", x = "real", w = "real" }\n```\n\n')


@pytest.mark.parametrize(("display", "want"), [
    (r"\log \frac{(e^{w x})^y e^{-e^{w x}}}{y!} = y w x - e^{w x} - \log y!", [P]),
    (r"\frac{\partial}{\partial w}\left(y w x - e^{w x} - \log(y!)\right) = y x - x e^{w x}", [P]),
    (r"\frac{\partial}{\partial w}\left(y w x - e^{w x} - \log(y!)\right) = y x - e^{w x}", [R]),
    (r"(n+1)! = (n+1)\, n! = (n + 1) n (n - 1)!", [P, P]),  # where (n − 1)! is: n ≥ 1
    (r"\frac{(n+2)!}{n!} = (n+1)(n+2)", [P]),
    (r"\frac{(n+1)!}{n!} = n", [R]),
    (r"\frac{(n+1)!}{k!\,(n+1-k)!} = \frac{n+1}{n+1-k} \cdot \frac{n!}{k!\,(n-k)!}", [P]),
    (r"3! + 0! = 7", [P]),
    (r"2n! = (2n)!", [R]),  # 2·n!, not (2n)!
    (r"\sum_{k=1}^{2} k (k-1)! = 3", [P]),  # k·(k − 1)!, the bracket's (it was (Σ k(k−1))!)
    (r"\sum_{k=1}^{3} k^2 (k-1)! = 1 + 4 + 18", [P]),
    (r"\prod_{k=1}^{2} k (k-1)! = 2", [P]),
])
def test_factorials_are_read_and_decided(tmp_path: Path, display: str, want: list) -> None:
    got, errors = document_verdicts(tmp_path / "f.md", HEAD + f"$${display}$$\n")
    assert errors == [] and got == [want], (got, errors)


def test_a_shift_is_proved_exactly_and_a_slip_refuted_at_a_whole_number(tmp_path: Path) -> None:
    path = tmp_path / "f.md"
    path.write_text(HEAD + "$$(n+2)! = (n+2)(n+1)\\,n!$$\n\n$$\\frac{(n+1)!}{n!} = n$$\n",
                    encoding="utf-8")
    report, errors = checked_file(path)  # counterexamples re-checked against the claim
    results = [c.result for o in report.outcomes for c in o.checks if c.check.step]
    assert errors == [] and [r.verdict for r in results] == [P, R]
    assert results[0].method is not Method.NUMERIC
    point = {str(s): v for s, v in results[1].counterexample.point}
    m = int(point["n"])
    assert m == point["n"] and m >= 0
    assert factorial(m + 1) // factorial(m) != m  # independently: the step is wrong there


@pytest.mark.parametrize(("display", "needle"), [
    (r"x! = x", "x is not known to be a whole number"),
    (r"(w + 1)! = 1", "not known to be a whole number"),
    (r"x^n! = 1", "(x^n)! or x^{n!}"),
    (r"n!! = 1", "double factorial"),
    (r"n!^2 = 1", "(n!)^k"),
    (r"! n = 1", "follows the number it applies to"),
    (r"\frac{d}{dn} n! = n!", "no derivative"),
    (r"(-1)! = 1", "factorial of a negative number"),
    (r"(10^6)! = 1", "above 1000 is not computed"),  # 5.5 million digits
    (r"2^{n}! = 1", "(x^n)! or x^{n!}"),  # as 2^n!: TeX sets them alike
    (r"\log(n)! = 1", "the factorial of the log, or the log of the factorial"),
])
def test_a_factorial_that_means_nothing_is_refused(tmp_path: Path, display: str,
                                                    needle: str) -> None:
    _got, errors = document_verdicts(tmp_path / "f.md", HEAD + f"$${display}$$\n")
    assert any(needle in e for e in errors), errors


def test_the_plain_syntax_names_it(tmp_path: Path) -> None:
    path = tmp_path / "f.toml"
    path.write_text('format = 1\n[context]\nsymbols = { n = "integer nonnegative" }\n\n'
                    '[[derivation]]\nid = "shift"\n'
                    'steps = ["factorial(n + 1)", "(n + 1) * factorial(n)"]\n', encoding="utf-8")
    report, errors = checked_file(path)
    assert errors == [] and [c.result.verdict for o in report.outcomes for c in o.checks
                             if c.check.step] == [P]


def test_a_poisson_log_likelihood_over_m_counts(tmp_path: Path) -> None:
    """y's entries declared whole numbers: log y_i! is a constant of w, for every m."""
    head = ('```derivcheck\nsymbols = { w = "real" }\ndims = { m = "positive integer" }\n'
            'vectors = { y = { size = "m", assume = "integer nonnegative" }, x = "m" }\n```\n\n'
            '$$\\ell(w) = \\sum_{i=1}^m \\left( y_i w x_i - e^{w x_i} - \\log y_i! \\right)$$\n\n')
    right = r"\frac{d\ell}{dw} = \sum_{i=1}^m \left( y_i x_i - x_i e^{w x_i} \right)"
    wrong = r"\frac{d\ell}{dw} = \sum_{i=1}^m \left( y_i x_i - e^{w x_i} \right)"
    got, errors = document_verdicts(tmp_path / "p.md", head + f"$${right}$$\n\n$${wrong}$$\n")
    assert errors == [] and got == [[P], [R]], (got, errors)


def test_a_factorial_in_a_sum_at_a_symbolic_size_is_defined_over_the_range(tmp_path: Path) -> None:
    """Σ_{k=0}^{n} k (k − 1)! has (−1)! at k = 0: refused (it was proved equal to Σ k!, and
    the factorials' shift made them one); from k = 1 the shift holds."""
    head = '```derivcheck\ndims = { n = "positive integer" }\n```\n\n'
    got, errors = document_verdicts(tmp_path / "a.md", head + (
        "$$\\sum_{k=1}^{n} k \\cdot (k-1)! = \\sum_{k=1}^{n} k!$$\n\n"
        "$$\\sum_{k=0}^{n} k \\cdot (k-1)! = \\sum_{k=0}^{n} k!$$\n\n"
        "$$\\sum_{k=1}^{n} (n-k-1)! (n-k) = \\sum_{k=1}^{n} (n-k)!$$\n"))
    assert got[0] == [P], (got, errors)
    assert len(errors) == 2 and all("not defined at the end of its range" in e
                                    for e in errors), errors


def test_a_poisson_likelihood_as_a_product_of_fractions(tmp_path: Path) -> None:
    """\\prod_i \\frac{λ^{y_i} e^{−λ}}{y_i!}: the fraction is one factor, all of it in the
    product (it was refused as an ambiguous product body)."""
    head = ('```derivcheck\ndims = { m = "positive integer" }\nsymbols = { lambda = "positive" }\n'
            'vectors = { y = { size = "m", assume = "integer nonnegative" } }\n```\n\n')
    line = (r"\log\prod_{i=1}^{m}\frac{\lambda^{y_i} e^{-\lambda}}{y_i!} = "
            r"\sum_{i=1}^{m} \left(y_i \log\lambda - \lambda - \log y_i!\right)")
    got, errors = document_verdicts(tmp_path / "p.md", head + f"$${line}$$\n")
    assert errors == [] and got == [[P]], (got, errors)


def test_the_factorial_of_a_sum_of_whole_numbers(tmp_path: Path) -> None:
    """(Σ_i y_i)! with y's entries whole numbers: a whole number too (it was refused)."""
    head = ('```derivcheck\ndims = { m = "positive integer" }\n'
            'vectors = { y = { size = "m", assume = "integer nonnegative" } }\n```\n\n')
    line = r"\left(\sum_{i=1}^{m} y_i\right)! \cdot 0 = 0"
    got, errors = document_verdicts(tmp_path / "s.md", head + f"$${line}$$\n")
    assert errors == [] and got == [[P]], (got, errors)
