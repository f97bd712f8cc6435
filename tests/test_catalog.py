"""Every catalog entry reaches its expected verdict; every counterexample really is one."""

from __future__ import annotations

import pytest

from checker import RunReport, Verdict
from derivations import catalog
from tests.recheck import assert_refutations

IDS = [item.id for item in catalog()]


@pytest.mark.parametrize("entry_id", IDS)
def test_entry_reaches_expected_verdicts(catalog_report: RunReport, entry_id: str) -> None:
    outcome = next(o for o in catalog_report.outcomes if o.id == entry_id)
    assert not outcome.error, outcome.error
    assert outcome.checks, "no check was run"
    wrong = [f"{c.check.id}: expected {c.expected.value}, got {c.result.verdict.value} "
             f"({c.result.detail})" for c in outcome.checks if not c.matches]
    assert not wrong, "\n".join(wrong)


def test_every_check_is_decided(catalog_report: RunReport) -> None:
    undecided = [c.check.id for c in catalog_report.results
                 if c.result.verdict not in (Verdict.PROVED, Verdict.REFUTED)]
    assert not undecided


def test_counterexamples_recheck_independently(catalog_report: RunReport) -> None:
    refuted = [c for c in catalog_report.results if c.result.verdict is Verdict.REFUTED]
    assert len(refuted) >= 20
    assert assert_refutations(catalog_report) >= 20  # (refutations by shape say which sizes)


# The documents' wrong steps, found by the tool: a regression list a reader can audit.
DOCUMENT_ERRORS = {
    "softmax-shift-vector-n2": "000 states shift invariance for a vector c",
    "softmax-shift-000-chain#step4": "000 pulls e^(c_j) out of the sum",
    "sigmoid-derivative-002-chain#step2": "002 drops the inner derivative's sign",
    "sigmoid-derivative-002-chain#step3": "002 flips the sign back",
    "ce-grad-003-chain#step4": "003 writes y_i ŷ_i for y_j ŷ_i",
    "ce-grad-003-case-i-neq-j#step3": "003's case i ≠ j, same index slip",
    "ce-grad-004-chain#step4": "004 multiplies ∂log p/∂x_i by ∂p/∂x_i",
    "logistic-001-dl-dW-as-written": "001 keeps only the diagonal of the softmax Jacobian",
    "logistic-001-dl-db-as-written": "001, same for ∂l/∂b",
    "logistic-001-dl-df": "001 keeps a sum over i in ∂l/∂f_i",
    "backprop-doc000-dCE-dx#step3": "000 writes θ² for θ'",
    "backprop-doc002-dsigma-dx-parenthesis": "002 writes 1 − σσ for (1 − σ)σ",
    "backprop-doc002-dL-dx#step2": "002 drops the sum over outputs",
    "backprop-doc002-dL-dw1": "002 drops the sum over outputs",
    "backprop-doc002-dL-db1": "002 drops the sum over outputs",
    "backprop-doc002-forward-typo": "002 writes softmax(W2 x + b2) for softmax(W2 h + b2)",
    "logistic-001-f-definition": "001 writes e^(x_i) where h_i is meant",
}


@pytest.mark.parametrize("check_id", sorted(DOCUMENT_ERRORS))
def test_document_errors_are_refuted(catalog_report: RunReport, check_id: str) -> None:
    found = [c for c in catalog_report.results if c.check.id == check_id]
    assert found, f"{check_id} is not in the catalog"
    assert found[0].result.verdict is Verdict.REFUTED, DOCUMENT_ERRORS[check_id]


def test_catalog_covers_the_issue() -> None:
    ids = set(IDS)
    required = {f"softmax-shift-scalar-n{n}" for n in range(1, 9)}
    required |= {f"softmax-jacobian-n{n}" for n in range(2, 9)}
    required |= {f"ce-grad-onehot-n{n}" for n in range(2, 7)}
    required |= {f"ce-grad-sum1-n{n}" for n in range(2, 7)}
    required |= {f"backprop-{c}-{s}-dL-d{g}" for c in ("row", "col") for s in ("232", "343")
                 for g in ("z2", "h", "z1", "x", "W1", "b1", "W2", "b2")}
    required |= {"sigmoid-derivative", "tanh-derivative", "tanh-via-sigmoid", "loglinear-softmax",
                 "logistic-dl-dW", "logistic-dl-db", "params-count-symbolic", "conv-example",
                 "conv-wx-rowwise", "conv-wx-columnwise", "conv-sparsity-rows",
                 "conv-weight-sharing-rowwise"}
    assert required <= ids, sorted(required - ids)
    for item in catalog():  # a seed document, a publication, or a slip made on purpose
        cited = item.source.split(":")[0]
        assert cited.endswith(".txt") or "Matrix Cookbook" in cited or \
            cited == "a common slip in the same derivation", f"{item.id} cites no document"
