"""A function defined beside another of the same name with another number of arguments (the
entropy H(p) and the cross-entropy H(p, q)), and a divergence of two declared vectors
(KL(p ‖ q) = Σ_k p_k log(p_k/q_k)): issue 11, from a new user's entropy pages, where
"H takes 1 argument(s), not 2" and "a divergence is defined by an expression in its two
functions" refused the identity cross-entropy = entropy + KL."""

from __future__ import annotations

from pathlib import Path

from checker.results import Verdict
from tests.recheck import document_verdicts

P, R = Verdict.PROVED, Verdict.REFUTED
BLOCK = ('```derivcheck\ndims = { K = "positive integer" }\n'
         'vectors = { p = { size = "K", assume = "positive" }, '
         'q = { size = "K", assume = "positive" } }\n```\n')
DEFS = (r"H(p) = -\sum_{k=1}^{K} p_k \log p_k", r"H(p, q) = -\sum_{k=1}^{K} p_k \log q_k",
        r"\mathrm{KL}(p \| q) = \sum_{k=1}^{K} p_k \log \frac{p_k}{q_k}")


def run(tmp_path: Path, *displays: str, block: str = BLOCK) -> tuple[list, list[str]]:
    return document_verdicts(tmp_path / "h.md", block + "".join(f"\n$${d}$$\n" for d in displays))


def test_cross_entropy_is_entropy_plus_kl(tmp_path: Path) -> None:
    got, errors = run(tmp_path, *DEFS, r"H(p, q) = H(p) + \mathrm{KL}(p \| q)",
                      r"H(p, q) = H(q) + \mathrm{KL}(p \| q)",  # the entropy of the wrong one
                      r"H(p, p) = H(p)")
    assert errors == [] and got == [[P], [R], [P]], (got, errors)


def test_the_number_of_arguments_picks_the_function(tmp_path: Path) -> None:
    got, errors = run(tmp_path, *DEFS[:2], r"\frac{\partial H(p)}{\partial p_j} = -\log p_j - 1",
                      r"\frac{\partial H(p, q)}{\partial q_j} = -\frac{p_j}{q_j}")
    assert errors == [] and got == [[P], [P]], (got, errors)
    _, errors = run(tmp_path, *DEFS[:2], r"H(p, q, p) = 0")
    assert len(errors) == 1 and "takes 1 argument(s), not 3" in errors[0]


def test_a_divergence_of_two_vectors_is_read_at_its_own_arguments_only(tmp_path: Path) -> None:
    """KL(q ‖ p) after KL(p ‖ q) = … is refused (the entries are not substituted), never read
    as KL(p ‖ q)."""
    got, errors = run(tmp_path, DEFS[2], r"\mathrm{KL}(q \| p) = \mathrm{KL}(p \| q)")
    assert got == [[Verdict.ERROR]] and errors and "KL(q‖p)" in errors[0], (got, errors)


def test_a_function_named_alone_beside_its_overload_is_refused(tmp_path: Path) -> None:
    """H alone read as H(p), the first defined, refuted a true line about H(p, q)."""
    _, errors = run(tmp_path, *DEFS[:2], r"H = -\sum_{k=1}^{K} p_k \log q_k")
    assert len(errors) == 1 and "H alone could mean" in errors[0], errors


def test_a_third_arity_or_a_value_is_a_claim_not_an_overload(tmp_path: Path) -> None:
    """H(p, q, p) = 0 and H(p, q, r) = 0 defined nothing and checked nothing."""
    block = BLOCK.replace('q = { size = "K", assume = "positive" } }',
                          'q = { size = "K", assume = "positive" }, r = "K" }')
    for line in (r"H(p, q, p) = 0", r"H(p, q, r) = 0"):
        _, errors = run(tmp_path, *DEFS[:2], line, block=block)
        assert len(errors) == 1 and "takes 1 argument(s), not 3" in errors[0], (line, errors)


def test_a_log_of_a_ratio_of_entries_inside_a_sum(tmp_path: Path) -> None:
    """Σ_k r_k log(r_k/q_k) crashed ("Invalid NaN comparison": its domain r_k/q_k > 0 was
    probed with the entries put to 0)."""
    got, errors = run(tmp_path, r"\sum_{k=1}^{K} p_k \log \frac{p_k}{q_k} = \sum_{k=1}^{K} "
                      r"p_k \log p_k - \sum_{k=1}^{K} p_k \log q_k")
    assert errors == [] and got == [[P]], (got, errors)
