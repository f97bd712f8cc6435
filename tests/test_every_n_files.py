"""Derivation files with a symbolic dimension: dims, vectors of length n, free indices,
Sum with symbolic bounds, \\sum_{k=1}^{n} in LaTeX, onehot(y, t), and their error messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import Verdict
from checker.derivation_file import load_file
from tests.file_cases import run_cases
from tests.recheck import assert_counterexample

HEADER = '''format = 1
[context]
dims = { n = "positive integer" }
vectors = { x = "n", y = "n", p = { size = "n", assume = "positive" }, z = 3 }
symbols = { a = "real" }
'''

S = "Sum(exp(x[k]), (k, 1, n))"
CASES = {
    "shift": (f'claim = "exp(x[i] + a) / Sum(exp(x[k] + a), (k, 1, n)) == exp(x[i]) / {S}"',
              "proved"),
    "jacobian": (f'claim = "diff(exp(x[i]) / {S}, x[j]) == exp(x[i]) / {S} * (delta(i, j) - '
                 f'exp(x[j]) / {S})"', "proved"),
    "delta-first": ('claim = "delta(i, j) * exp(x[i]) == delta(i, j) * exp(x[j])"', "proved"),
    "off-diagonal": (f'given = ["i != j"]\nclaim = "diff(exp(x[i]) / {S}, x[j]) == '
                     f'-exp(x[i]) * exp(x[j]) / {S}**2"', "proved"),
    "off-diagonal-without-hypothesis": (f'claim = "diff(exp(x[i]) / {S}, x[j]) == '
                                        f'-exp(x[i]) * exp(x[j]) / {S}**2"\n'
                                        'expect = "refuted"', "refuted"),
    "one-hot": ('given = ["onehot(y, t)"]\nclaim = "Sum(y[k] * x[k], (k, 1, n)) == x[t]"',
                "proved"),
    "sum-one": ('given = ["Sum(y[k], (k, 1, n)) == 1"]\n'
                'claim = "Sum((y[k] - 1) * a, (k, 1, n)) == a - n * a"', "proved"),
    "positive-vector": ('claim = "log(p[i] * p[j]) == log(p[i]) + log(p[j])"', "proved"),
    "latex": ("latex = '''\n\\frac{\\partial}{\\partial x_i} \\log \\sum_{k=1}^{n} "
              "e^{x_k} = \\frac{e^{x_i}}{\\sum_k e^{x_k}}\n'''", "proved"),
    "explicit-and-symbolic": ('claim = "z[1] + Sum(x[k], (k, 1, n)) == Sum(x[k], (k, 1, n)) + '
                              'z[1]"', "proved"),
}


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return run_cases(tmp_path_factory.mktemp("files"), HEADER, CASES)


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_semantics(outcomes: dict, case_id: str) -> None:
    outcome = outcomes[case_id]
    for cr in outcome.checks:
        assert cr.matches, (cr.check.id, cr.result)
    result = outcome.checks[0].result
    assert result.verdict is Verdict(CASES[case_id][1]), result
    if result.verdict is Verdict.PROVED and "z[1]" not in CASES[case_id][0]:
        assert result.scope == "all n ≥ 1"
    if result.counterexample is not None:
        assert result.scope.startswith("n = ")
        assert_counterexample(outcome.checks[0].check.claim, result.counterexample)


ERRORS = {
    'dims = { n = "real" }\nvectors = { x = "n" }':
        "dims: 'n' = 'real'; a dimension must be \"positive integer\"",
    'vectors = { x = "m" }':
        "vector 'x': its size 'm' is not declared; declare it in dims",
    'dims = { n = "positive integer", m = "positive integer" }\nvectors = { x = "n", w = "m" }\n'
    '[[derivation]]\nid = "clash"\nclaim = "x[i] == w[i]"':
        "index i ranges over 1…n elsewhere in this file, here over 1…m; use another letter",
    'dims = { n = "positive integer" }\nvectors = { y = "n" }\n'
    '[[derivation]]\nid = "hot"\ngiven = ["onehot(y)"]\nclaim = "y[1] == y[1]"':
        "y has symbolic length n; name the index of its 1, as in onehot(y, t)",
    'dims = { n = "positive integer" }\nsymbols = { t = "real" }\nvectors = { y = "n" }\n'
    '[[derivation]]\nid = "hot"\ngiven = ["onehot(y, t)"]\nclaim = "y[1] == y[1]"':
        "the index of the 1, t, is declared (symbol)",
}


@pytest.mark.parametrize("body", sorted(ERRORS))
def test_errors_name_the_problem(tmp_path: Path, body: str) -> None:
    text = 'format = 1\n[context]\n' + body
    if "[[derivation]]" not in body:
        text += '\n[[derivation]]\nid = "d"\nclaim = "1 == 1"\n'
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    loaded = load_file(str(path))
    messages = " | ".join(str(e) for e in loaded.errors)
    assert ERRORS[body] in messages, messages
    assert str(path) in messages


def test_vectors_of_two_sizes_added_are_refuted_where_the_sizes_differ(tmp_path: Path) -> None:
    """x + w with x ∈ ℝⁿ, w ∈ ℝᵐ is undefined where m ≠ n: the claim cannot hold for every
    size, and the report names sizes where it fails (the sum is not an input error)."""
    from checker import Limits, Settings, Verdict, run

    path = tmp_path / "sizes.toml"
    path.write_text('format = 1\n[context]\ndims = { n = "positive integer", m = "positive '
                    'integer" }\nvectors = { x = "n", w = "m" }\n[[derivation]]\nid = "sizes"\n'
                    'claim = "sum(x + w) == sum(x)"\n', encoding="utf-8")
    loaded = load_file(str(path))
    assert not loaded.errors
    (result,) = [c.result for c in run(loaded.items, Settings(), Limits(jobs=1)).results]
    assert result.verdict is Verdict.REFUTED and result.method.value == "shapes differ"
    assert "cannot add a vector of length n and a vector of length m" in result.detail
    assert "do not fit for m = 2, n = 3" in result.detail


def test_a_sum_index_is_never_captured_by_a_product_from_an_exponent(tmp_path: Path) -> None:
    """e^{Σ_j W_jk} becomes Π_j e^{W_jk} in the normal form; the outer sum's index was renamed
    to the product's (W_jk read as W_jj), which proved a false claim."""
    path = tmp_path / "capture.toml"
    path.write_text('format = 1\n[context]\ndims = { n = "positive integer" }\n'
                    'matrices = { W = ["n", "n"] }\n\n[[derivation]]\nid = "capture"\n'
                    "latex = '''\\sum_{k=1}^{n} e^{\\sum_{j=1}^{n} W_{jk}} = "
                    "\\sum_{k=1}^{n} e^{\\sum_{j=1}^{n} W_{jj}}'''\nexpect = \"refuted\"\n",
                    encoding="utf-8")
    from checker import Limits, Settings, run
    from tests.recheck import assert_refutations

    report = run(load_file(str(path)).items, Settings(), Limits(timeout=60, jobs=1))
    step = next(c for c in report.results if c.check.step == 2)
    assert step.result.verdict is Verdict.REFUTED
    assert_refutations(report)  # the point is re-checked at its size, independently


@pytest.mark.parametrize("body", [
    # a sum inside a derivative is not a term of its own (termwise proved these)
    'vectors = { x = "n", w = "n", y = "n" }\n\n[[derivation]]\nid = "a"\n'
    'claim = "diff(Sum(x[k]**2, (k, 1, n)), x[j]) == diff(Sum(x[k]**3, (k, 1, n)), x[j])"\n',
    'vectors = { x = "n", w = "n", y = "n" }\n\n[[derivation]]\nid = "a"\n'
    "latex = '''\\frac{\\partial}{\\partial w_j} \\sum_{k=1}^{n} (w_k x_k - y_k)^2 = "
    "\\frac{\\partial}{\\partial w_j} \\sum_{k=1}^{n} (w_k^2 x_k^2 - y_k^2)'''\n",
    # a hypothesis about n holds at n, not at n - 1 (induction proved these)
    'symbols = { c = "real" }\ngiven = ["c == n"]\n\n[[derivation]]\nid = "a"\n'
    'claim = "Sum(1, (k, 1, n)) == n + c - 1"\n',
    'symbols = { c = "real" }\ngiven = ["c == Sum(1, (k, 1, n))"]\n\n[[derivation]]\nid = "a"\n'
    'claim = "Sum(k, (k, 1, n)) == n*(n+1)/2 + c - 1"\n',
])
def test_second_adversary_of_the_every_n_engine(tmp_path: Path, body: str) -> None:
    path = tmp_path / "adv.toml"
    path.write_text('format = 1\n[context]\ndims = { n = "positive integer" }\n' + body
                    + 'expect = "refuted"\n', encoding="utf-8")
    from checker import Limits, Settings, run
    from tests.recheck import assert_refutations

    report = run(load_file(str(path)).items, Settings(), Limits(timeout=60, jobs=1))
    verdicts = {c.result.verdict for c in report.results if c.check.kind.name in ("CLAIM", "STEP")}
    assert verdicts == {Verdict.REFUTED}
    assert_refutations(report)


def test_the_gradient_by_logits_a_page_defines_as_w_x(tmp_path) -> None:
    """∂L/∂z_k of the cross-entropy with z = Wx and ŷ = softmax(z) defined: the sums Σ_m W_km x_m
    are a vector of their own for the proof (the claim holds for every such vector), so it is
    proved for all D, K (it was unknown in the case t ≠ k); the slip is refuted."""
    from checker.results import Verdict
    from tests.recheck import document_verdicts

    head = ('```derivcheck\ndims = { K = "positive integer", D = "positive integer" }\n'
            'vectors = { x = "D", y = "K" }\nmatrices = { W = ["K", "D"] }\n'
            'given = ["onehot(y, t)"]\n```\n\n$$z = Wx$$\n\n'
            '$$\\hat{y} = \\operatorname{softmax}(z)$$\n\n'
            '$$L = -\\sum_{k=1}^{K} y_k \\log \\hat{y}_k$$\n\n')
    text = head + ("$$\\frac{\\partial L}{\\partial z_k} = \\hat{y}_k - y_k$$\n\n"
                   "$$\\frac{\\partial L}{\\partial z_k} = y_k - \\hat{y}_k$$\n")
    got, errors = document_verdicts(tmp_path / "ce.md", text)
    assert errors == [] and got == [[Verdict.PROVED], [Verdict.REFUTED]], (got, errors)
