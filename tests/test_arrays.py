"""Vectors and matrices of symbolic size (issue 12): claims between arrays decided entry by
entry for every size, shapes compared first, domains of entrywise functions, sums compared
term by term, and chains in index notation."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from checker import Limits, Settings, Verdict, run
from checker.model import Condition
from checker.parse.arrays import ShapeError
from checker.parse.context import Context
from checker.parse.evaluate import evaluate
from checker.parse.python_syntax import read_expression
from checker.parse.tree import ParseError
from tests.file_cases import run_cases
from tests.recheck import assert_counterexample
from tests.test_documents import check as check_document
from tests.test_documents import step_verdicts

HEADER = '''format = 1
[context]
dims = { n = "positive integer", H = "positive integer", D = "positive integer" }
vectors = { x = "n", w = "n", a = "D", v = "D", r = "H", u = "H" }
matrices = { A = ["D", "D"], W = ["H", "D"] }
symbols = { c = "real" }
'''

CASES = {
    # the Matrix Cookbook (Petersen & Pedersen, 2012), denominator layout
    "cookbook-69": ('claim = "grad(T(a) @ v, v) == a"', "proved"),
    "cookbook-81": ('claim = "grad(T(v) @ A @ v, v) == (A + T(A)) @ v"', "proved"),
    "cookbook-70": ('claim = "grad(T(u) @ W @ v, W) == u @ T(v)"', "proved"),
    "least-squares": ('claim = "grad(T(W @ v - r) @ (W @ v - r), W) == 2 * (W @ v - r) @ T(v)"',
                      "proved"),
    # the transposes students get wrong
    "cookbook-81-no-transpose": ('claim = "grad(T(v) @ A @ v, v) == 2 * A @ v"\n'
                                 'expect = "refuted"', "refuted"),
    "outer-transposed": ('claim = "grad(T(u) @ W @ v, W) == v @ T(u)"\nexpect = "refuted"',
                         "refuted"),
    "negation": ('claim = "-(W @ v) == (-W) @ v"', "proved"),
    # entrywise functions where they are defined, over every entry
    "log-product": ('claim = "log(x) + log(w) == log(hadamard(x, w))"', "proved"),
    "sum-of-logs": ('claim = "sum(log(x)) + sum(log(w)) == sum(log(hadamard(x, w)))"', "proved"),
    "sum-of-logs-wrong": ('claim = "sum(log(hadamard(x, x))) == sum(log(x))"\n'
                          'expect = "refuted"', "refuted"),
    "shift": ('claim = "softmax(x + c) == softmax(x)"', "proved"),
}


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return run_cases(tmp_path_factory.mktemp("arrays"), HEADER, CASES)


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_claims_between_arrays(outcomes: dict, case_id: str) -> None:
    result = outcomes[case_id].checks[0].result
    assert result.verdict is Verdict(CASES[case_id][1]), result
    if result.verdict is Verdict.PROVED:
        assert result.scope.startswith("all "), result.scope
    if result.counterexample is not None:
        assert_counterexample(outcomes[case_id].checks[0].check.claim, result.counterexample)


def test_a_counterexample_to_an_entrywise_log_lies_where_every_log_is_defined(
        outcomes: dict) -> None:
    check = outcomes["sum-of-logs-wrong"].checks[0]
    cex = check.result.counterexample
    assert cex is not None
    assert all(v > 0 for k, v in cex.point if str(k).startswith("x["))
    described = [Condition(r).describe() for r in check.check.claim.domain]
    assert "x_k > 0 for every k" in described


def test_different_shapes_are_refuted_by_shape(tmp_path: Path) -> None:
    outcomes = run_cases(tmp_path, HEADER, {
        "t": ('claim = "W @ v == T(T(W) @ r)"\nexpect = "refuted"', "refuted"),
        "ok": ('claim = "T(T(W) @ r) == T(r) @ W"', "proved")})
    bad = outcomes["t"].checks[0].result
    assert bad.verdict is Verdict.REFUTED and bad.method.value == "shapes differ"
    assert "differ for" in bad.detail, bad.detail
    assert outcomes["ok"].checks[0].result.verdict is Verdict.PROVED


def _context() -> Context:
    ctx = Context()
    ctx.declare_dim("n", "positive integer")
    ctx.declare_dim("m", "positive integer")
    ctx.declare_symbolic_vector("x", "n")
    ctx.declare_symbolic_vector("w", "m")
    ctx.declare_symbolic_matrix("A", "n", "n")
    ctx.declare_symbolic_matrix("W", "m", "n")
    ctx.declare_symbol("c", "real")
    ctx.declare_vector("v", 3)
    return ctx


def test_no_expression_over_arrays_crashes_the_reader() -> None:
    """Random expressions mixing arrays of symbolic size with every function and operator
    give a value or a ParseError (a message for the user), never another exception."""
    atoms = ["x", "w", "A", "W", "c", "2", "x[1]", "W[1,2]", "v", "n", "T(A)", "ones(n)",
             "eye(n)", "Sum(x[k], (k, 1, n))", "Sum(x, (k, 1, 2))"]
    funcs = ["exp", "log", "sigmoid", "relu", "max", "leaky_relu", "sum", "softmax", "logsumexp",
             "dot", "outer", "diag", "trace", "T", "hadamard", "grad", "jacobian", "diff",
             "norm", "f", "sqrt"]
    ops = ["+", "-", "*", "/", "@", "**"]
    rng = random.Random(12)

    def gen(depth: int) -> str:
        r = rng.random()
        if depth == 0 or r < 0.3:
            return rng.choice(atoms)
        if r < 0.6:
            return f"({gen(depth - 1)} {rng.choice(ops)} {gen(depth - 1)})"
        if r < 0.7:
            return f"-{gen(depth - 1)}"
        args = ", ".join(gen(depth - 1) for _ in range(rng.choice([1, 1, 2])))
        return f"{rng.choice(funcs)}({args})"

    ctx = _context()
    for _ in range(1500):
        text = gen(3)
        try:
            evaluate(read_expression(text), ctx)
        except (ParseError, ShapeError):
            pass


def test_index_notation_chain_reads_a_vector_step_at_its_index(tmp_path: Path) -> None:
    doc = tmp_path / "shift.md"
    doc.write_text("+++\ndims = { n = \"positive integer\" }\nvectors = { x = \"n\" }\n"
                   "symbols = { c = \"real\" }\n+++\n\n"
                   "$$\\text{softmax}(x + c) = \\frac{e^{x_i + c}}{\\sum_j e^{x_j + c}}"
                   " = \\frac{e^{x_i}}{\\sum_j e^{x_j}} = \\text{softmax}(x)$$\n\n"
                   "$$\\text{softmax}(x) = \\frac{e^{x_i}}{\\sum_j e^{x_j}} = e^{x_i}$$\n",
                   encoding="utf-8")
    outcomes, errors = check_document(doc)
    assert errors == []
    first = outcomes["L7"]
    assert {c.check.step: c.result.verdict for c in first.checks if c.check.step} == {
        2: Verdict.PROVED, 3: Verdict.PROVED, 4: Verdict.PROVED}
    second = outcomes["L9"]
    assert {c.check.step: c.result.verdict for c in second.checks if c.check.step} == {
        2: Verdict.PROVED, 3: Verdict.REFUTED}


def test_an_array_step_that_writes_a_free_index_is_read_at_it(tmp_path: Path) -> None:
    """e^{θ_i}/Σ e^θ − y: a vector (y) beside the free index i is the entry at i, as in a chain
    whose other steps are scalars (it was read at a new index and refuted: seed 000, line 63)."""
    doc = tmp_path / "mixed.md"
    doc.write_text("+++\ndims = { n = \"positive integer\" }\nvectors = { t = \"n\", y = \"n\" }\n"
                   "latex = { \"\\\\hat{y}\" = \"softmax(t)\" }\n+++\n\n"
                   "$$\\frac{e^{t_i}}{\\sum e^{t}} - y = \\hat{y} - y$$\n\n"
                   "$$\\frac{e^{t_i}}{\\sum e^{t}} - y = \\hat{y} + y$$\n", encoding="utf-8")
    outcomes, errors = check_document(doc)
    assert errors == []
    assert step_verdicts(outcomes["L7"]) == [Verdict.PROVED]
    assert step_verdicts(outcomes["L9"]) == [Verdict.REFUTED]


def test_a_scalar_step_beside_a_vector_without_an_index_is_refuted_by_shape(
        tmp_path: Path) -> None:
    doc = tmp_path / "shape.md"
    doc.write_text("+++\ndims = { n = \"positive integer\" }\nvectors = { x = \"n\" }\n+++\n\n"
                   "$$\\log \\sum_k e^{x_k} = \\log(\\text{softmax}(x))$$\n", encoding="utf-8")
    outcomes, errors = check_document(doc)
    assert errors == []
    step = next(c for c in outcomes["L6"].checks if c.check.step == 2)
    assert step.result.verdict is Verdict.REFUTED
    assert "step 2 is a vector of length n but step 1 is a scalar" in step.result.detail
    assert outcomes["L6"].entry.steps[1].mismatch  # type: ignore[union-attr]


def test_shape_errors_in_an_expression_are_messages() -> None:
    ctx = _context()
    with pytest.raises(ParseError, match="cannot add a vector of length n and a vector of "
                                         "length m"):
        evaluate(read_expression("x + w"), ctx)
    with pytest.raises(ParseError, match="an index must be an integer, got a vector of length n"):
        evaluate(read_expression("w[x]"), ctx)


LATEX_HEADER = '''format = 1
[context]
dims = { H = "positive integer", D = "positive integer" }
vectors = { x = "D", b1 = "H", u = "H", a = "D" }
matrices = { W1 = ["H", "D"], A = ["D", "D"] }
latex = { "L" = "dot(a, x)" }
'''

LATEX_CASES = {
    "dW1-sigma-prime": ("latex = '''\\frac{\\partial}{\\partial W_1} u^\\top \\sigma(W_1 x + b_1) = "
                        "(u \\odot \\sigma'(W_1 x + b_1)) x^\\top'''", "proved"),
    "dW1-transposed": ("latex = '''\\frac{\\partial}{\\partial W_1} u^\\top \\sigma(W_1 x + b_1) = "
                       "x (u \\circ \\sigma'(W_1 x + b_1))^\\top'''\nexpect = \"refuted\"", "refuted"),
    "nabla": ("latex = '''\\nabla_x x^\\top A x = (A + A^\\top) x'''", "proved"),
    "nabla-wrong": ("latex = '''\\nabla_x x^\\top A x = 2 A x'''\nexpect = \"refuted\"", "refuted"),
    "intercal": ("latex = '''(W_1 x)^{\\intercal} = x^T W_1^T'''", "proved"),
    "ones": ("latex = '''\\mathbf{1}^\\top x = \\sum_{k=1}^{D} x_k'''", "proved"),
    "identity": ("latex = '''(A + \\mathbf{I}) x = A x + x'''", "proved"),
    "bare-I": ("latex = '''I x = x'''\nexpect = \"unknown\"", "unknown"),
    "zero-gradient": ("latex = '''\\nabla_x (L - a^\\top x) = \\mathbf{0}'''", "proved"),
    "nonzero-gradient": ("latex = '''\\nabla_x L = 0'''\nexpect = \"refuted\"", "refuted"),
}


@pytest.fixture(scope="module")
def latex_outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return run_cases(tmp_path_factory.mktemp("latex-arrays"), LATEX_HEADER, LATEX_CASES)


@pytest.mark.parametrize("case_id", sorted(LATEX_CASES))
def test_matrix_notation_in_latex(latex_outcomes: dict, case_id: str) -> None:
    outcome = latex_outcomes[case_id]
    goal = next(c for c in outcome.checks if c.check.kind.value == "goal")
    assert goal.result.verdict is Verdict(LATEX_CASES[case_id][1]), goal.result
    if goal.result.counterexample is not None:
        assert_counterexample(goal.check.claim, goal.result.counterexample)
    if case_id == "bare-I":  # a number or the identity: both readings are shown, neither guessed
        assert goal.result.method.value == "ambiguous reading"
        labels = {r.label for r in goal.result.readings}
        assert labels == {"I a number", "I the identity matrix"}, labels


@pytest.mark.parametrize(("latex", "message"), [
    ("\\nabla_x J = 0", "J is not declared: to differentiate it by x, whose size is symbolic"),
    ("\\mathbf{1} = 1", "the size of the ones vector 1 is not known here"),
    ("W_1 + \\mathbf{I} = W_1", "the identity I added to a H×D matrix, which is not square"),
])
def test_what_cannot_be_read_at_a_symbolic_size_says_why(tmp_path: Path, latex: str,
                                                         message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(LATEX_HEADER + f"[[derivation]]\nid = \"bad\"\nlatex = '''{latex}'''\n",
                    encoding="utf-8")
    from checker.files import load_file

    errors = load_file(str(path)).errors
    assert len(errors) == 1 and message in errors[0].message, errors


def _load(tmp_path: Path, body: str) -> object:
    from checker.files import load_file

    path = tmp_path / "case.toml"
    path.write_text(LATEX_HEADER + body, encoding="utf-8")
    return load_file(str(path))


def test_a_step_whose_product_does_not_fit_is_refuted_with_the_sizes(tmp_path: Path) -> None:
    # W₁ᵀ where W₁ is meant: u ∈ ℝ^H, so W_1 u fits only when H = D; the other steps still run
    loaded = _load(tmp_path, "[[derivation]]\nid = \"c\"\nlatex = '''\\nabla_x u^\\top W_1 x = "
                   "W_1 u = W_1^\\top u'''\nexpect_steps = { 2 = \"refuted\", 3 = \"refuted\" }\n")
    assert not loaded.errors, loaded.errors
    report = run(loaded.items, Settings(), Limits(timeout=60, jobs=1))
    by_kind = {c.check.id.rsplit("#", 1)[1]: c.result for c in report.results}
    assert by_kind["step2"].verdict is Verdict.REFUTED
    assert by_kind["step2"].method.value == "shapes differ"
    assert "H×D matrix times vector of length H" in by_kind["step2"].detail
    assert "do not fit for D = 2, H = 3" in by_kind["step2"].detail  # sizes where D ≠ H
    assert by_kind["goal"].verdict is Verdict.PROVED  # ∇ₓ uᵀW₁x = W₁ᵀu, the chain's two ends


@pytest.mark.parametrize(("given", "verdict", "said"), [
    # H = D: the only sizes where the shapes differ are ruled out (not decided, not refuted)
    ('"H == D"', Verdict.UNKNOWN, "may rule out"),
    ('"H >= 3", "D >= 2"', Verdict.REFUTED,
     "do not fit for D = 2, H = 3, which the hypotheses on the sizes allow"),
])
def test_a_hypothesis_about_the_sizes_and_a_misfit(tmp_path: Path, given: str,
                                                   verdict: Verdict, said: str) -> None:
    loaded = _load(tmp_path, f"[[derivation]]\nid = \"c\"\ngiven = [{given}]\n"
                   "latex = '''\\nabla_x u^\\top W_1 x = W_1 u'''\n")
    assert not loaded.errors, loaded.errors
    report = run(loaded.items, Settings(), Limits(timeout=60, jobs=1))
    step = next(c.result for c in report.results if c.check.id.endswith("#step2"))
    assert step.verdict is verdict and said in step.detail


def test_a_hypothesis_tying_sizes_to_other_letters_is_still_refused(tmp_path: Path) -> None:
    loaded = _load(tmp_path, "[[derivation]]\nid = \"c\"\ngiven = [\"H*a[1] > 1\"]\n"
                   "latex = '''\\nabla_x u^\\top W_1 x = W_1 u'''\n")
    assert len(loaded.errors) == 1
    assert "a hypothesis is about the sizes H" in loaded.errors[0].message


@pytest.mark.parametrize("claim", [
    "T(W1) @ u == u @ W1",  # a column on the left of @: NumPy reads it as a row
    "dot(u, u) == u @ u",  # NumPy's u @ u is a dot product
])
def test_a_product_that_a_convention_could_mean_is_an_input_error(tmp_path: Path,
                                                                   claim: str) -> None:
    loaded = _load(tmp_path, f"[[derivation]]\nid = \"c\"\nclaim = \"{claim}\"\n")
    assert len(loaded.errors) == 1 and "shapes do not align" in loaded.errors[0].message


@pytest.mark.parametrize(("layout", "rhs", "verdict"), [
    ("", "u @ T(v)", Verdict.PROVED),  # denominator layout (the default): W's shape
    ('layout = "denominator"\n', "v @ T(u)", Verdict.REFUTED),
    ('layout = "numerator"\n', "v @ T(u)", Verdict.PROVED),  # Wᵀ's shape
    ('layout = "numerator"\n', "u @ T(v)", Verdict.REFUTED),
])
def test_the_layout_of_a_gradient_by_a_matrix(tmp_path: Path, layout: str, rhs: str,
                                              verdict: Verdict) -> None:
    header = HEADER.replace("[context]\n", "[context]\n" + layout)
    outcomes = run_cases(tmp_path, header, {"g": (f'claim = "grad(T(u) @ W @ v, W) == {rhs}"',
                                                 verdict.value)})
    result = outcomes["g"].checks[0].result
    assert result.verdict is verdict, result


@pytest.mark.parametrize(("layout", "want", "shape"), [
    ("", "denominator layout", "H×D matrix"),
    ('layout = "numerator"\n', "numerator layout", "D×H matrix"),
])
def test_the_report_states_the_layout_of_each_gradient(tmp_path: Path, layout: str, want: str,
                                                       shape: str) -> None:
    from io import StringIO

    from rich.console import Console

    from checker.report.json_report import to_dict
    from checker.report.terminal import render

    header = LATEX_HEADER.replace("[context]\n", "[context]\n" + layout, 1)
    path = tmp_path / "case.toml"
    grad = "u x^\\top" if not layout else "x u^\\top"
    path.write_text(header + "[[derivation]]\nid = \"g\"\nlatex = '''\\frac{\\partial}"
                    f"{{\\partial W_1}} u^\\top W_1 x = {grad}'''\n", encoding="utf-8")
    from checker.files import load_file
    loaded = load_file(str(path))
    assert not loaded.errors, loaded.errors
    report = run(loaded.items, Settings(), Limits(timeout=60, jobs=1))
    assert all(c.result.verdict is Verdict.PROVED for c in report.results)
    (step,) = [r for r in to_dict(report)["records"] if r["kind"] == "step"]
    assert step["layout"].startswith(want) and shape in step["layout"]
    out = StringIO()
    render(report, Console(file=out, width=120, color_system=None))
    assert want in out.getvalue()


@pytest.mark.parametrize(("latex", "detail"), [
    ("W x = 1", "step 2 is a scalar but step 1 is a 2×1 matrix"),
    ("W = x", "step 2 is a 2×1 matrix but step 1 is a 2×2 matrix"),
    ("W x = x^\\top W", "step 2 is a 1×2 matrix but step 1 is a 2×1 matrix"),
])
def test_explicit_shapes_that_differ_are_refuted_as_at_symbolic_sizes(latex: str,
                                                                     detail: str) -> None:
    from checker.api import check_latex
    checked = check_latex(latex, {"matrices": {"W": [2, 2]}, "vectors": {"x": 2}},
                          expect="refuted", expect_steps={2: "refuted"})
    assert checked.errors == []
    (step,) = [c for c in checked.checks if c.check.kind.value == "step"]
    assert step.result.verdict is Verdict.REFUTED and step.result.method.value == "shapes differ"
    assert step.result.detail == detail


def test_a_definition_whose_shapes_do_not_fit_is_an_input_error_not_a_refutation() -> None:
    from checker.api import check_latex
    ctx = {"dims": {"H": "positive integer", "D": "positive integer"},
           "matrices": {"W": ["H", "D"]}, "vectors": {"u": "H", "x": "D"},
           "latex": {"q": "W @ u"}}
    checked = check_latex("q = q", ctx)
    assert [c.result.verdict for c in checked.checks if c.check.kind.value == "step"] == []
    assert len(checked.errors) == 1 and "the definition of q: shapes do not align" in \
        checked.errors[0]
    assert check_latex("W u = W x", ctx, expect="refuted",
                       expect_steps={2: "refuted"}).verdict is Verdict.REFUTED  # a step's own


@pytest.mark.parametrize(("latex", "verdict"), [
    ("x - x = 0", Verdict.PROVED), ("x - x = \\mathbf{0}", Verdict.PROVED),
    ("W x - W x = 0", Verdict.PROVED), ("W - W = 0", Verdict.PROVED),
    ("0 = x - x", Verdict.PROVED), ("0 x = 0", Verdict.PROVED),
    ("W x = 0", Verdict.REFUTED), ("0 = W x", Verdict.REFUTED),
])
def test_a_zero_beside_explicit_arrays_is_their_zero(latex: str, verdict: Verdict) -> None:
    """0 takes the chain's shape before shapes are compared (an adversary found x − x = 0
    refuted by shape at explicit sizes, while proved at symbolic ones)."""
    from checker.api import check_latex
    checked = check_latex(latex, {"matrices": {"W": [2, 2]}, "vectors": {"x": 2}},
                          expect=verdict.value, expect_steps={2: verdict.value})
    assert checked.errors == [] and checked.verdict is verdict
    for c in checked.checks:
        assert c.result.method.value != "shapes differ"


@pytest.mark.parametrize(("latex", "verdict"), [
    ("W - W = (y+1)^2 - y^2 - 2y - 1", Verdict.UNKNOWN),  # 0 after simplification: undecided
    ("W - W = \\sigma(y) + \\sigma(-y) - 1", Verdict.UNKNOWN),
    ("W x = y", Verdict.REFUTED),  # a scalar shown non-zero (1/2 at y = 1/2): refuted by shape
])
def test_a_scalar_beside_explicit_arrays_is_refuted_only_where_shown_nonzero(
        latex: str, verdict: Verdict) -> None:
    from checker.api import check_latex
    checked = check_latex(latex, {"matrices": {"W": [2, 2]}, "vectors": {"x": 2},
                                  "symbols": {"y": "real"}})
    assert checked.errors == []
    (step,) = [c.result for c in checked.checks if c.check.kind.value == "step"]
    assert step.verdict is verdict, step
    if verdict is Verdict.REFUTED:
        assert "(not 0: 1/2 at y = 1/2)" in step.detail


_CHAIN_DOC = '''# chain rule
```derivcheck
vectors = {{ x = 2 }}
matrices = {{ W = [2, 3] }}
{layout}
```

$$z = W^\\top x$$

$$L = \\frac{{1}}{{2}} z^\\top z$$

$$\\frac{{\\partial L}}{{\\partial x}} = {rhs}$$
'''


@pytest.mark.parametrize(("layout", "rhs", "verdict"), [
    # declared denominator layout: ∂z/∂x is the Jacobian's transpose (2×3, here W), so the
    # chain rule is written ∂z/∂x · ∂L/∂z
    ('layout = "denominator"', "\\frac{\\partial z}{\\partial x} \\frac{\\partial L}{\\partial z}",
     Verdict.PROVED),
    # a 3×2 times a 3-vector: does not fit (a wrong step, refuted by its shapes)
    ('layout = "denominator"', "\\frac{\\partial z}{\\partial x}^\\top \\frac{\\partial L}{\\partial z}",
     Verdict.REFUTED),
    # not declared: ∂z/∂x is the Jacobian (3×2, Wᵀ), the mixed convention of ML texts
    ("", "\\frac{\\partial z}{\\partial x}^\\top \\frac{\\partial L}{\\partial z}", Verdict.PROVED),
    ("", "\\frac{\\partial z}{\\partial x} \\frac{\\partial L}{\\partial z}", Verdict.REFUTED),
])
def test_a_declared_denominator_layout_transposes_a_vector_by_vector_derivative(
        tmp_path: Path, layout: str, rhs: str, verdict: Verdict | None) -> None:
    path = tmp_path / "chain.md"
    path.write_text(_CHAIN_DOC.format(layout=layout, rhs=rhs), encoding="utf-8")
    outcomes, errors = check_document(path)
    if verdict is None:
        assert len(errors) == 1, errors
        assert "shapes do not align for @: 3×2 matrix @ 3×1 matrix" in errors[0].message
        return
    assert not errors, errors
    (outcome,) = [o for o in outcomes.values() if o.checks]
    assert step_verdicts(outcome) == [verdict]


@pytest.mark.parametrize(("layout", "rhs", "verdict"), [
    ('layout = "denominator"\n', "T(W)", Verdict.PROVED),  # ∂(Wv)/∂v transposed
    ('layout = "denominator"\n', "W", None),  # H×D against D×H: refuted by shape
    ("", "W", Verdict.PROVED),  # the Jacobian
])
def test_grad_of_a_vector_follows_a_declared_denominator_layout(
        tmp_path: Path, layout: str, rhs: str, verdict: Verdict | None) -> None:
    header = HEADER.replace("[context]\n", "[context]\n" + layout)
    outcomes = run_cases(tmp_path, header, {
        "g": (f'claim = "grad(W @ v, v) == {rhs}"', (verdict or Verdict.REFUTED).value),
        "j": ('claim = "jacobian(W @ v, v) == W"', "proved")})  # jacobian(): always the Jacobian
    result = outcomes["g"].checks[0].result
    assert result.verdict is (verdict or Verdict.REFUTED), result
    if verdict is None:
        assert "matrix" in (result.detail or ""), result.detail
    assert outcomes["j"].checks[0].result.verdict is Verdict.PROVED
