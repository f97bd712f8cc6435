"""Products \\prod (issue 11: it was "products \\prod are not supported"): a likelihood and its
log, as maximum-likelihood derivations write them. At explicit bounds a product is its factors
multiplied; at a symbolic n it is a product the every-n engine normalises (factors free of the
index to the power of the count, powers outside, log of a product of positive factors as the
sum of their logs). Every counterexample is re-checked independently (tests/recheck.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.files import load_file
from checker.results import Verdict
from tests.recheck import by_line, checked_file

P, R, U = Verdict.PROVED, Verdict.REFUTED, Verdict.UNKNOWN

BLOCK = ('```derivcheck\ndims = { n = "positive integer" }\n'
         'vectors = { x = "n", y = "n", p = "n", q = { size = "n", assume = "positive" } }\n'
         'symbols = { w = "real", a = "positive" }\n```\n')


def verdicts(tmp_path: Path, *displays: str) -> list[list[Verdict]]:
    path = tmp_path / "prod.md"
    path.write_text(BLOCK + "".join(f"\n$${d}$$\n" for d in displays), encoding="utf-8")
    report, errors = checked_file(path)
    assert errors == []
    got = by_line(report)
    return [got[line] for line in sorted(got, key=int)]


@pytest.mark.parametrize(("display", "want"), [
    (r"\log \prod_{i=1}^{3} a^i = 6 \log a", P),
    (r"\log \prod_{i=1}^{3} a^i = 3 \log a", R),
    (r"\prod_{i=1}^{2} (1 + i a) = 1 + 3a + 2a^2", P),
])
def test_a_product_at_explicit_bounds_is_its_factors(tmp_path: Path, display: str,
                                                      want: Verdict) -> None:
    assert verdicts(tmp_path, display) == [[want]]


@pytest.mark.parametrize(("display", "want"), [
    (r"\log \prod_{i=1}^{n} q_i = \sum_{i=1}^{n} \log q_i", P),
    (r"\log \prod_{i=1}^{n} q_i^2 = 2 \sum_{i=1}^{n} \log q_i", P),
    (r"\log \prod_{i=1}^{n} q_i^2 = \sum_{i=1}^{n} \log q_i", R),
    (r"\prod_{i=1}^{n} 2 q_i^2 = 2^n \left(\prod_{i=1}^{n} q_i\right)^2", P),
    (r"\prod_{i=1}^{n} 2 q_i^2 = 2 \left(\prod_{i=1}^{n} q_i\right)^2", R),  # false from n = 2
    (r"\log \prod_{i=1}^{n} e^{w x_i} = w \sum_{i=1}^{n} x_i", P),
    (r"\frac{\partial}{\partial q_j} \log \prod_{i=1}^{n} q_i = \frac{1}{q_j}", P),
    (r"\log \prod_{i=1}^{n} p_i = 0", R),
])
def test_a_product_for_every_n(tmp_path: Path, display: str, want: Verdict) -> None:
    assert verdicts(tmp_path, display) == [[want]]


def test_the_log_of_a_product_of_factors_of_any_sign_is_not_split(tmp_path: Path) -> None:
    """log ∏ p_i = Σ log p_i needs every p_i > 0, which p (real) does not give the product's
    factors: not rewritten (the claim is not proved by that rule, and never refuted)."""
    assert verdicts(tmp_path, r"\log \prod_{i=1}^{n} p_i = \sum_{i=1}^{n} \log p_i") \
        in ([[P]], [[U]])


def test_maximum_likelihood_for_logistic_regression(tmp_path: Path) -> None:
    """The likelihood ∏ σ(w x_i)^{y_i} (1 − σ(w x_i))^{1 − y_i}, its log's derivative (the
    gradient of the log-likelihood) and the sign slip students make."""
    got = verdicts(
        tmp_path,
        r"\mathcal{L}(w) = \prod_{i=1}^{n} \sigma(w x_i)^{y_i} (1 - \sigma(w x_i))^{1 - y_i}",
        r"\log \mathcal{L}(w) = \sum_{i=1}^{n} \left(y_i \log \sigma(w x_i) + (1 - y_i) "
        r"\log(1 - \sigma(w x_i))\right)",
        r"\frac{d}{dw} \log \mathcal{L}(w) = \sum_{i=1}^{n} (y_i - \sigma(w x_i)) x_i",
        r"\frac{d}{dw} \log \mathcal{L}(w) = \sum_{i=1}^{n} (\sigma(w x_i) - y_i) x_i")
    assert got == [[P], [P], [R]]


@pytest.mark.parametrize(("display", "message"), [
    (r"\prod_{k \neq i} x_k = 1", "a product over all but one index is not read"),
    (r"\prod e^{x} = 1", "\\prod of a vector without an index"),
])
def test_products_not_read_say_why(tmp_path: Path, display: str, message: str) -> None:
    path = tmp_path / "bad.md"
    path.write_text(BLOCK + f"\n$${display}$$\n", encoding="utf-8")
    errors = [e.message for e in load_file(str(path)).errors]
    assert any(message in e for e in errors), errors


# An adversary's findings (all were wrong verdicts): an empty product is 1, however far its
# bounds cross; a claim whose only symbolic size is a product's bound is a claim for every n
@pytest.mark.parametrize("display", [
    r"\prod_{i=3}^{n} a q_i = a^{n-2} \prod_{i=3}^{n} q_i",  # 1 ≠ 1/a at n = 1 (was proved)
    r"\prod_{i=n+2}^{n} a q_1 = \frac{1}{a q_1}",  # the left side is 1 for every n (was proved)
    r"\sum_{j=1}^{n} q_j \prod_{i=2}^{j-1} a = \sum_{j=1}^{n} q_j a^{j-2}",
    r"\frac{d}{dw} \prod_{i=3}^{n} e^{w} = (n-2) e^{(n-2) w}",  # the explicit engine's Karr
    r"\frac{d}{dw} \prod_{i=3}^{n} e^{w} = (n-2) e^{(n-2) w} + e^{-w} + \sum_{i=1}^{n} 1 - n",
    r"\prod_{i=1}^{n} 2 = 3",
])
def test_empty_and_symbolic_products_are_not_proved_wrongly(tmp_path: Path, display: str) -> None:
    assert verdicts(tmp_path, display) == [[R]]  # (each counterexample re-checked)


def test_a_true_claim_about_an_empty_product_is_not_refuted(tmp_path: Path) -> None:
    path = tmp_path / "q.md"
    block = BLOCK.replace("symbols =", 'given = ["n <= 2"]\nsymbols =')
    path.write_text(block + "\n$$\\frac{d}{dw} \\prod_{i=3}^{n} e^{w} = 0$$\n", encoding="utf-8")
    report, errors = checked_file(path)
    assert errors == []
    assert list(by_line(report).values()) in ([[P]], [[U]])


@pytest.mark.parametrize("display", [
    r"\prod_{i=1}^{n} q_i / \prod_{j=1}^{n} q_j = 1",
    r"\prod_{i=1}^{n} \sigma(w x_i) \, e^{-w^2} = e^{-w^2} \prod_{i=1}^{n} \sigma(w x_i)",
])
def test_a_factor_without_the_index_after_the_body_is_refused(tmp_path: Path,
                                                               display: str) -> None:
    path = tmp_path / "bad.md"
    path.write_text(BLOCK + f"\n$${display}$$\n", encoding="utf-8")
    errors = [e.message for e in load_file(str(path)).errors]
    assert any("ambiguous \\prod body" in e for e in errors), errors


def test_a_products_index_is_bound_like_a_sums(tmp_path: Path) -> None:
    """∏_i in a definition binds i there: a later display's free index i is its own (it was
    "i is a plain symbol in the definition of P")."""
    got = verdicts(tmp_path, r"P = \prod_{i=1}^{n} q_i",
                   r"\frac{\partial}{\partial q_i} \log P = \frac{1}{q_i}",
                   r"\frac{\partial}{\partial q_i} \log P = q_i")
    assert got == [[P], [R]]


def test_a_derivative_by_an_entry_inside_a_product_over_its_index_is_refused(
        tmp_path: Path) -> None:
    """∂/∂p_j ∏_j p_j with p defined: the product's j is not the derivative's (the product's
    index was not seen as bound, and p_j inside it was taken for the variable)."""
    path = tmp_path / "bad.md"
    path.write_text('```derivcheck\ndims = { C = "positive integer" }\nvectors = { a = "C" }\n'
                    'latex = { "p" = "softmax(a)" }\n```\n\n$$\\frac{\\partial}{\\partial p_j} '
                    '\\prod_{j=1}^{C} p_j = C p_j^{C-1}$$\n', encoding="utf-8")
    errors = [e.message for e in load_file(str(path)).errors]
    assert any("inside a sum over j" in e for e in errors), errors
