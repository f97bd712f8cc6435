"""The twenty-seventh session's reading: in a split the prose makes into cases ("If $i = j$:
… If $i \\neq j$: …"), a case carries over the displays that restate its display's left side
with no prose between (the same chain written again), and nowhere else."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.results import Verdict
from tests.recheck import document_verdicts

P, R, U = Verdict.PROVED, Verdict.REFUTED, Verdict.UNKNOWN

SOFTMAX = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { x = "n" }\n'
           'latex = { "y" = "softmax(x)" }\n```\n\n')
CASE = "If $i = j$, this gives:\n\n$\\frac{dy_i}{dx_j} = y_i (1 - y_i)$\n\n"
OTHER = "\nIf $i \\neq j$, this gives:\n\n$\\frac{dy_i}{dx_j} = -y_i y_j$\n"


def run(tmp_path: Path, text: str) -> tuple[list, list[str]]:
    return document_verdicts(tmp_path / "c.md", text)


@pytest.mark.parametrize(("second", "want"), [
    (r"\frac{dy_i}{dx_j} = y_i - y_i^2", P),  # true under i = j only
    (r"\frac{dy_i}{dx_j} = y_j - y_i y_j", P),  # (i = j: the same)
    (r"\frac{dy_i}{dx_j} = y_i + y_i^2", R),  # wrong under i = j too
    (r"\frac{dy_i}{dx_j}  =  y_i\,(1 - y_j)", P),  # spacing differs: the same side
])
def test_a_restated_left_side_stays_in_the_case(tmp_path: Path, second: str,
                                                 want: Verdict) -> None:
    """"If $i = j$, this gives: $A = B$ $A = C$ If $i \\neq j$: …": the second display writes
    the first's left side again, the chain going on in its case up to the prose of the next
    (it was refused: "does that case hold here too?"); a refutation holds at i = j
    (re-checked with its hypotheses)."""
    got, errors = run(tmp_path, SOFTMAX + CASE + f"${second}$\n" + OTHER)
    assert errors == [] and got == [[P], [want], [P]], (got, errors)


def test_the_case_goes_on_through_every_restatement_up_to_the_next_case(
        tmp_path: Path) -> None:
    """In the first case's run every restated display is in the case; in the last case's
    run (no case after it) a restated display may state the formula for every index:
    refused (an adversary's: "… If $i \\neq j$: $$A = -y_i y_j$$ $$A = \\delta_{ij} - y_i y_j$$"
    was proved under i ≠ j, false for i = j); since session 34 checked with the case and
    without, which disagree: unknown."""
    text = SOFTMAX + CASE + "$\\frac{dy_i}{dx_j} = y_i - y_i^2$\n\n" \
        "$\\frac{dy_i}{dx_j} = y_j - y_j^2$\n\nIf $i \\neq j$, this gives:\n\n" \
        "$\\frac{dy_i}{dx_j} = -y_i y_j$\n\n$\\frac{dy_i}{dx_j} = \\delta_{ij} - y_i y_j$\n"
    got, errors = run(tmp_path, text)
    assert got == [[P], [P], [P], [P], [U]] and errors == [], (got, errors)


def test_a_case_gone_on_with_equals_carries_over_its_chains_restatement(
        tmp_path: Path) -> None:
    """"$$A = …$$ If $i = j$: $$= B$$ $$A = C$$ If $i \\neq j$: $$= D$$": A = C restates the
    chain's left side in the case i = j (it was refuted at i ≠ j, no case read), and "= D"
    after it cannot go on from C, which holds at i = j only: refused (it was compared with C
    and refuted)."""
    text = SOFTMAX + "$$\\frac{dy_i}{dx_j} = \\frac{d}{dx_j} \\frac{e^{x_i}}{\\sum_k e^{x_k}}$$\n\n" \
        "If $i = j$:\n\n$$= y_i (1 - y_i)$$\n\n$$\\frac{dy_i}{dx_j} = y_i - y_i^2$$\n\n" \
        "If $i \\neq j$:\n\n$$= -y_i y_j$$\n"
    got, errors = run(tmp_path, text)
    assert R not in [v for row in got for v in row], (got, errors)
    assert got[-1] == [P] and len(errors) == 1 and ":17:" in errors[0], (got, errors)
    alone = SOFTMAX + "$$\\frac{dy_i}{dx_j} = \\frac{d}{dx_j} \\frac{e^{x_i}}{\\sum_k e^{x_k}}$$" \
        "\n\nIf $i = j$:\n\n$$= y_i (1 - y_i)$$\n\n$$\\frac{dy_i}{dx_j} = y_i - y_i^2$$\n"
    got, errors = run(tmp_path, alone)  # (one case: the restated line may be general: read
    assert got == [[P], [P], [U]] and errors == [], (got, errors)  # both ways, unknown)


@pytest.mark.parametrize("between", ["![plot](a.png)", "<img src=\"a.png\">",
                                     "```python\nprint(1)\n```"])
def test_an_index_case_before_an_image_or_code_is_not_dropped(tmp_path: Path,
                                                              between: str) -> None:
    """"If $i = j$:", an image or a code block, then a display true only at i = j: it was
    refuted at i ≠ j, the case neither read nor refused. Now refused: the case does not
    reach over the image, and is not silently dropped either."""
    text = SOFTMAX + f"If $i = j$:\n\n{between}\n\n$$\\frac{{dy_i}}{{dx_j}} = y_i - y_i^2$$\n"
    got, errors = run(tmp_path, text)
    assert R not in [v for row in got for v in row], (got, errors)
    assert len(errors) == 1 and "condition on i, j" in errors[0], (got, errors)


@pytest.mark.parametrize("second", [
    r"\frac{dy_j}{dx_i} = y_i - y_i^2",  # another left side: does the case hold for it?
    r"\frac{\partial y_i}{\partial x_j} = y_i - y_i^2",  # the same derivative, written apart
])
def test_another_left_side_is_read_both_ways(tmp_path: Path, second: str) -> None:
    """(Refused before session 34; with the case and without, the readings disagree.)"""
    got, errors = run(tmp_path, SOFTMAX + CASE + f"${second}$\n" + OTHER)
    assert got == [[P], [U], [P]] and errors == [], (got, errors)


@pytest.mark.parametrize("after", ["", "\nSo in general:\n\n$y_i = y_i$\n"])
def test_one_case_alone_does_not_carry_over(tmp_path: Path, after: str) -> None:
    """With no split (one case, then other prose or none), whether the case holds for the
    display after its own is not told: refused, as before (an adversary's: the second display
    may claim the formula for every i, j, where it is false); since session 34 it is
    checked with the case and without, which disagree: unknown."""
    got, errors = run(tmp_path, SOFTMAX + CASE + "$\\frac{dy_i}{dx_j} = y_i - y_i y_j$\n"
                      + after)
    assert got == [[P], [U]] + [[P]] * bool(after) and errors == [], (got, errors)


def test_the_last_case_of_a_split_does_not_carry_over(tmp_path: Path) -> None:
    text = SOFTMAX + CASE + OTHER + "\n$\\frac{dy_i}{dx_j} = -y_j y_i$\n\n(Together:)\n\n" \
        "$\\frac{dy_i}{dx_j} = y_i (\\delta_{ij} - y_j)$\n"
    got, errors = run(tmp_path, text)
    assert got == [[P], [P], [U], [P]] and errors == [], (got, errors)


BATCHNORM = ('```derivcheck\ndims = { N = "positive integer", D = "positive integer" }\n'
             'matrices = { x = ["N", "D"] }\nsymbols = { epsilon = "positive" }\n'
             'latex = { "\\\\epsilon" = "epsilon" }\npartials = "graph"\n```\n\n'
             "$$\\begin{aligned}\n\\mu_j &= \\frac{1}{N} \\sum_{i=1}^N x_{i,j} \\\\\n"
             "\\sigma^2_j &= \\frac{1}{N} \\sum_{i=1}^N (x_{i,j} - \\mu_j)^2 \\\\\n"
             "\\hat{x}_{i,j} &= \\frac{x_{i,j} - \\mu_j}{\\sqrt{\\sigma^2_j + \\epsilon}}\n"
             "\\end{aligned}$$\n\n")


@pytest.mark.parametrize(("display", "want"), [
    # σ² by x with μ the mean: the partial on the graph (μ held) and the derivative through
    # μ agree (Σ_i (x_ij − μ_j) = 0): proved; so does a slip in it refute under both
    (r"\frac{\partial \sigma^2_j}{\partial x_{i,j}} = \frac{2}{N}(x_{i,j} - \mu_j)", P),
    (r"\frac{\partial \sigma^2_j}{\partial x_{i,j}} = \frac{1}{N}(x_{i,j} - \mu_j)", R),
    # x̂ by x: the local partial 1/√(σ² + ε) is not the total one: unknown, never a verdict
    (r"\frac{\partial \hat{x}_{i,j}}{\partial x_{i,j}} = (\sigma^2_j + \epsilon)^{-1/2}", U),
    (r"\frac{\partial \hat{x}_{i,j}}{\partial x_{i,j}} = 2 (\sigma^2_j + \epsilon)^{-1/2}", R),
])
def test_a_partial_by_a_variable_on_the_graph_is_read_both_ways(tmp_path: Path, display: str,
                                                                want: Verdict) -> None:
    """With partials = "graph", ∂x̂/∂x where x̂ writes x itself and through μ, σ² (made of x):
    the partial on the graph (μ, σ² held fixed) and the derivative through them are both
    read (it was refused); a verdict where they agree, unknown (ambiguous) where not."""
    got, errors = run(tmp_path, BATCHNORM + f"$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


def test_the_disagreeing_readings_are_named(tmp_path: Path) -> None:
    from checker.files import load_file
    from tests.recheck import checked_file

    path = tmp_path / "bn.md"
    path.write_text(BATCHNORM + "$$\\frac{\\partial \\hat{x}_{i,j}}{\\partial x_{i,j}} = "
                    "(\\sigma^2_j + \\epsilon)^{-1/2}$$\n", encoding="utf-8")
    report, errors = checked_file(path)
    assert errors == [] and load_file(str(path)).read_sides == 2
    (outcome,) = [o for o in report.outcomes if o.id.endswith("::L15")]
    result = next(c.result for c in outcome.checks if c.result.readings)
    assert result.verdict is U and len(result.readings) == 2
    text = " ".join(str(r) for r in result.readings)
    assert "held fixed" in text and "through" in text, text


def test_a_case_right_after_begin_document_is_read(tmp_path: Path) -> None:
    """"\\begin{document}" then "If $i = j$:": the sentence starts the body (it was refused,
    with the advice to start the sentence with the case, which it did)."""
    text = ("\\documentclass{article}\n% derivcheck\n% dims = { n = \"positive integer\" }\n"
            "% vectors = { x = \"n\" }\n% latex = { \"y\" = \"softmax(x)\" }\n"
            "\\begin{document}\nIf $i = j$:\n\\begin{align}\n"
            "\\frac{dy_i}{dx_j} &= y_i (1 - y_i)\n\\end{align}\n\\end{document}\n")
    path = tmp_path / "c.tex"
    got, errors = document_verdicts(path, text)
    assert errors == [] and got == [[P]], (got, errors)


DOTS = ('```derivcheck\ndims = { n = "positive integer", m = "positive integer" }\n'
        'vectors = { u = "n", w = "n", z = "n", d = "m" }\nmatrices = { W = ["m", "n"] }\n'
        'symbols = { b = "real" }\nlatex = { "\\\\delta" = "d", "\\\\sigma" = "sigmoid" }\n```\n\n')


@pytest.mark.parametrize(("display", "want"), [
    (r"\frac{\partial}{\partial w_i} (w \cdot u + b) = u_i", P),
    (r"\frac{\partial}{\partial w_i} (w \cdot u + b) = w_i", R),
    (r"(u \cdot w)^2 = (u^T w)^2", P),
    (r"\sqrt{u \cdot u} = \|u\|", P),
    (r"u \cdot w = \sum_{k=1}^{n} u_k w_k", P),
    (r"u \cdot w = \sum_{k=1}^{n} u_k w_k^2", R),
    # beside a column, the entrywise product (backprop's Wᵀδ · σ(z)); a slip refuted
    (r"W^T \delta \cdot \sigma(z) = \sigma(z) \odot W^T \delta", P),
    (r"W^T \delta \cdot \sigma(z) = 2 \sigma(z) \odot W^T \delta", R),
])
def test_a_dot_of_two_vectors_of_symbolic_length(tmp_path: Path, display: str,
                                                  want: Verdict) -> None:
    """u · v of two vectors of symbolic length is read two ways, as at explicit sizes (it was
    refused): the reading of the shape the chain's other lines have stands."""
    got, errors = run(tmp_path, DOTS + f"$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


def test_a_dot_the_chain_does_not_decide_is_refused(tmp_path: Path) -> None:
    got, errors = run(tmp_path, DOTS + "$$u \\cdot w = w \\cdot u$$\n")
    assert got == [] and errors and all("a number or a column" in e for e in errors), \
        (got, errors)


@pytest.mark.parametrize(("display", "want"), [
    # readings of two array shapes: the one of the other side's shape (they were refuted
    # by the dot product's shape, an adversary's)
    (r"A (u \cdot w) = A (u \odot w)", P),
    (r"\nabla_w (w \cdot u) = \operatorname{diag}(u)", P),
    (r"\nabla_w (w \cdot u) = u", P),
    (r"\nabla_w (w \cdot u) = 2 \operatorname{diag}(u)", R),
])
def test_readings_of_two_array_shapes(tmp_path: Path, display: str, want: Verdict) -> None:
    block = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { u = "n", w = "n" }\n'
             'matrices = { A = ["n", "n"] }\n```\n\n')
    got, errors = run(tmp_path, block + f"$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


def test_a_definition_with_a_dot_of_symbolic_vectors_is_not_read_per_use(tmp_path: Path) -> None:
    """h = w · x, then h = Σ w_k x_k and h = w ⊙ x: each line chose its own reading of h, and
    both were proved (an adversary's). What h is must be told where it is defined: refused."""
    block = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { w = "n", x = "n" }'
             '\n```\n\n$$h = w \\cdot x$$\n\n$$h = \\sum_{k=1}^{n} w_k x_k$$\n\n'
             '$$h = w \\odot x$$\n')
    got, errors = run(tmp_path, block)
    assert P not in [v for row in got for v in row] and len(errors) == 2 \
        and all("the dot product or the entrywise" in e for e in errors), (got, errors)


@pytest.mark.parametrize(("rhs", "want"), [
    ("I^2", P), ("I^T I", P), ("I^{-1}", P), ("(2I)^2", R), ("(2I)^{-1} + \\frac{1}{2} I", P),
])
def test_powers_of_a_bare_identity(tmp_path: Path, rhs: str, want: Verdict) -> None:
    """∂tr(A)/∂A = I² was refuted by its shape (I² of a bare I had no reading as the identity,
    only as a number); the identity's powers are the identity times the coefficient's."""
    block = ('```derivcheck\ndims = { n = "positive integer" }\n'
             'matrices = { A = ["n", "n"] }\n```\n\n')
    got, errors = run(tmp_path, block + f"$$\\frac{{\\partial \\operatorname{{tr}}(A)}}"
                      f"{{\\partial A}} = {rhs}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


def test_a_function_of_a_bare_identity_is_refused_not_a_crash(tmp_path: Path) -> None:
    block = ('```derivcheck\ndims = { n = "positive integer" }\n'
             'matrices = { A = ["n", "n"] }\n```\n\n')
    got, errors = run(tmp_path, block + "$$\\frac{\\partial \\operatorname{tr}(A)}{\\partial A} "
                      "= \\sqrt{I}$$\n")
    assert got == [[Verdict.ERROR]] and len(errors) == 1 and "without a size" in errors[0] \
        and "bug" not in errors[0], (got, errors)


@pytest.mark.parametrize(("display", "want"), [
    (r"\frac{\partial}{\partial x_j} (W \cdot x + b)_i = W_{ij}", P),  # z = W · x + b
    (r"W \cdot x = W x", P),
    (r"W \cdot x = 2 W x", R),
    (r"u^T \cdot w = \sum_{k=1}^{n} u_k w_k", P),
    (r"A \cdot u = A u", P),
    (r"A \cdot B = A B", U),  # two n × n matrices: the product, or entrywise?
])
def test_a_dot_between_a_matrix_and_an_array(tmp_path: Path, display: str, want: Verdict) -> None:
    """A \\cdot between arrays that are not two columns (W · x in ML notes) was refused
    (\"* of two matrices is ambiguous: use A @ B\", Python in a LaTeX message): the matrix
    product where only it fits the shapes, both readings where both do."""
    block = ('```derivcheck\ndims = { n = "positive integer", m = "positive integer" }\n'
             'vectors = { x = "n", b = "m", u = "n", w = "n" }\n'
             'matrices = { W = ["m", "n"], A = ["n", "n"], B = ["n", "n"] }\n```\n\n')
    got, errors = run(tmp_path, block + f"$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)
    if "_{ij}" in display:
        return  # (free indices: at symbolic sizes only)
    explicit = block.replace('"n"', "3").replace('"m"', "2").replace(
        'dims = { n = "positive integer", m = "positive integer" }\n', "")
    got, errors = run(tmp_path, explicit + f"$${display.replace('^{n}', '^{3}')}$$\n")
    # (the same at explicit sizes)
    assert errors == [] and got == [[want]], ("explicit", got, errors)


def test_a_shape_refutation_stands_beside_words_not_read(tmp_path: Path) -> None:
    """W₂(ŷ − y) for W₂ᵀ is wrong by its shapes, whatever the prose's "one-hot target $y$"
    says: it was unknown ("the readings with it and without it disagree"), and the given it
    advised, onehot(y), is refused at a symbolic length (a new user's)."""
    block = ('```derivcheck\ndims = { H = "positive integer", K = "positive integer" }\n'
             'vectors = { h = "H", y = "K", b = "K", yhat = "K" }\nmatrices = { W = ["K", "H"] }\n'
             'latex = { "\\\\hat{y}" = "yhat" }\n```\n\n'
             "Logits from $h \\in \\mathbb{R}^H$, one-hot target $y$.\n\n")
    got, errors = run(tmp_path, block + "$$W^T (\\hat{y} - y) = W (\\hat{y} - y)$$\n")
    assert errors == [] and got == [[R]], (got, errors)
    import sympy as sp

    from checker.files.worded import check, sentences
    from checker.parse.context import Context
    ctx = Context()
    ctx.symbolic["y"] = (sp.IndexedBase("y"), sp.Symbol("K"))
    ctx.vectors["y"] = sp.ImmutableMatrix([sp.Symbol("y1")])
    said = check(sentences("The target $y$ is one-hot."), "y_1 = 0", ctx, [])
    assert 'onehot(y, t)' in said, said


def test_a_condition_on_a_subscripted_greek_letter_the_declarations_say(tmp_path: Path) -> None:
    """"updated with $0 < \\\\beta_1 < 1$:" with beta1 positive and given beta1 < 1 was refused
    (the condition was taken to be on β, not β₁)."""
    text = ("```derivcheck\nsymbols = { beta1 = \"positive\", g = \"real\" }\n"
            "given = [\"beta1 < 1\"]\nlatex = { \"\\\\beta_1\" = \"beta1\" }\n```\n\n"
            "The average is updated with $0 < \\beta_1 < 1$:\n\n"
            "$$(1 - \\beta_1) g + \\beta_1 g = g$$\n")
    got, errors = run(tmp_path, text)
    assert errors == [] and got == [[P]], (got, errors)


def test_orthogonal_to_is_no_property_of_a_matrix(tmp_path: Path) -> None:
    text = ('```derivcheck\nvectors = { a = 2, b = 2 }\n```\n\n'
            "As a check, the gradient with respect to $a$ is orthogonal to $a$:\n\n"
            "$$a^T b - b^T a = 0$$\n")
    got, errors = run(tmp_path, text)
    assert errors == [] and got == [[P]], (got, errors)


LSQ = ('```derivcheck\ndims = { n = "positive integer", d = "positive integer" }\n'
       'vectors = { w = "d", y = "n" }\nmatrices = { X = ["n", "d"] }\n```\n\n')


@pytest.mark.parametrize(("display", "want"), [
    (r"(Xw - y)^T (Xw - y) = w^T X^T X w - 2 y^T X w + y^T y", P),
    (r"\|Xw - y\|^2 = w^T X^T X w - 2 y^T X w + y^T y", P),
    (r"(Xw)^T (Xw) = w^T X^T X w", P),
    (r"\sum_{i=1}^{n} \left(\sum_{j=1}^{d} X_{ij} w_j\right)^2 = w^T X^T X w", P),
    (r"(Xw - y)^T (Xw - y) = w^T X^T X w - y^T X w + y^T y", R),  # the 2 dropped
    # the square of a sum is no sum of squares
    (r"\sum_{i=1}^{n} \left(\sum_{j=1}^{d} X_{ij} w_j\right)^2 = "
     r"\sum_{i=1}^{n} \sum_{j=1}^{d} X_{ij}^2 w_j^2", R),
])
def test_least_squares_expanded_at_symbolic_sizes(tmp_path: Path, display: str,
                                                   want: Verdict) -> None:
    """(Xw − y)ᵀ(Xw − y) = wᵀXᵀXw − 2yᵀXw + yᵀy, the first step of the normal equations, was
    unknown for every n, d (a new user's): Σ_i (Σ_j X_ij w_j)² stayed a square of a sum
    beside the triple sum wᵀXᵀXw is. The square is now the product of two sums of their own
    indices; slips in it are refuted (counterexamples re-checked)."""
    got, errors = run(tmp_path, LSQ + f"$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


def test_instances_of_two_sizes_are_listed_apart(tmp_path: Path) -> None:
    """"the instances d = 1, n = 1, d = 1, n = 2, …" read as one list of eight values (a new
    user's): each instance of several sizes is in brackets."""
    from tests.recheck import checked_file

    path = tmp_path / "i.md"
    path.write_text('```derivcheck\ndims = { n = "positive integer", d = "positive integer" }\n'
                    'vectors = { x = "n", w = "d" }\n```\n\n$$x_1 + \\sum_{k=2}^{n} x_k + w_1 + '
                    '\\sum_{j=2}^{d} w_j = \\sum_{k=1}^{n} x_k + \\sum_{j=1}^{d} w_j$$\n',
                    encoding="utf-8")
    report, errors = checked_file(path)
    detail = report.outcomes[0].checks[0].result.detail
    assert errors == [] and "the instances (d = 1, n = 1), (d = 1, n = 2)" in detail, detail


GAUSS = ('```derivcheck\nsymbols = { mu = "real", s = "positive", x = "real" }\n'
         'latex = { "\\\\mu" = "mu", "\\\\sigma" = "s" }\n```\n\n')


@pytest.mark.parametrize(("display", "want"), [
    (r"p(x) = \frac{1}{\sqrt{2\pi}\,\sigma} \exp\left(-\frac{(x - \mu)^2}{2\sigma^2}\right)", P),
    (r"p(x) = \frac{1}{\sqrt{2\pi}\,\sigma} \exp\left(-\frac{(x - \mu)^2}{\sigma^2}\right)", R),
    (r"\log p(x) = -\frac{1}{2}\log(2\pi\sigma^2) - \frac{(x - \mu)^2}{2\sigma^2}", P),
    (r"\frac{\partial}{\partial \mu} \log p(x) = \frac{x - \mu}{\sigma^2}", P),
    (r"\frac{\partial}{\partial \mu} \log p(x) = \frac{\mu - x}{\sigma^2}", R),
])
def test_a_letter_defined_as_a_normal_law_is_its_density(tmp_path: Path, display: str,
                                                          want: Verdict) -> None:
    """"Let $p = \\\\mathcal{N}(\\\\mu, \\\\sigma^2)$." then $$p(x) = …$$: p is the normal law, p(x)
    its density (it was refused: "a definition of p that is not read"); a wrong density or a
    wrong derivative of its log is refuted."""
    for how in ("Let $p = \\mathcal{N}(\\mu, \\sigma^2)$.\n\n",
                "$$p = \\mathcal{N}(\\mu, \\sigma^2)$$\n\n"):
        got, errors = run(tmp_path, GAUSS + how + f"$${display}$$\n")
        assert errors == [] and got[-1] == [want], (how, got, errors)


def test_a_prose_definition_with_a_comma_inside_brackets(tmp_path: Path) -> None:
    """"Let $h = f(a, b)$." was no definition (a comma: a list of values?); a comma inside
    brackets is an argument list."""
    text = ('```derivcheck\nsymbols = { a = "real", b = "real" }\n'
            'functions = { "f(u, v)" = "u*v" }\n```\n\nLet $h = f(a, b)$.\n\n$$h = ab$$\n\n'
            'Let $x = 1, y = 2$.\n\n$$a + b = b + a$$\n')
    got, errors = run(tmp_path, text)
    assert got[0] == [P] and got[-1] == [P], (got, errors)


def test_a_normal_law_with_a_bare_second_parameter_is_not_read(tmp_path: Path) -> None:
    """N(μ, σ): σ the variance, as N(μ, σ²) writes it, or the deviation, as some write it?
    Not read as a density (the display after it is not decided, never refuted)."""
    got, errors = run(tmp_path, GAUSS + "Let $p = \\mathcal{N}(\\mu, \\sigma)$.\n\n$$p(x) = "
                      "\\frac{1}{\\sqrt{2\\pi}\\,\\sigma} \\exp\\left(-\\frac{(x - \\mu)^2}"
                      "{2\\sigma^2}\\right)$$\n")
    verdicts = [v for row in got for v in row]
    assert R not in verdicts and P not in verdicts, (got, errors)


@pytest.mark.parametrize("display", [
    r"\frac{\partial \log p}{\partial \mu} = \frac{x - \mu}{\sigma^2}",
    r"p = \frac{1}{\sqrt{2\pi}\,\sigma} \exp\left(-\frac{(t - \mu)^2}{2\sigma^2}\right)",
])
def test_a_law_alone_is_no_density_at_a_letter_of_the_readers(tmp_path: Path,
                                                               display: str) -> None:
    """p = N(μ, σ²), then p alone: it was read as p(t), at a parameter the reader made up
    (refuted at t = 0, or proved with t declared: an adversary's). Refused."""
    block = GAUSS.replace('x = "real"', 'x = "real", t = "real"')
    got, errors = run(tmp_path, block + "Let $p = \\mathcal{N}(\\mu, \\sigma^2)$.\n\n"
                      f"$${display}$$\n")
    verdicts = [v for row in got for v in row]
    assert P not in verdicts and R not in verdicts and errors, (got, errors)


def test_a_law_of_many_letters_is_no_crash(tmp_path: Path) -> None:
    text = ('```derivcheck\nsymbols = { t = "real", u = "real", s = "positive", r = "positive", '
            'x = "real" }\n```\n\nLet $p = \\mathcal{N}(t + u, (s + r)^2)$.\n\n$$p(x) = p(x)$$\n')
    got, errors = run(tmp_path, text)  # (p(x): the law at x, or p times x? refused)
    assert (got or errors) and not any("bug" in e for e in errors), (got, errors)


@pytest.mark.parametrize("display", [
    r"u \cdot A x = x^T A^T u",  # (u · A)x or u · (Ax)?
    r"x \cdot A \cdot x = x^T A x",
])
def test_a_dot_that_fits_no_reading_is_refused_not_refuted(tmp_path: Path, display: str) -> None:
    block = '```derivcheck\nvectors = { x = 3, u = 3 }\nmatrices = { A = [3, 3] }\n```\n\n'
    got, errors = run(tmp_path, block + f"$${display}$$\n")
    assert R not in [v for row in got for v in row] and errors, (got, errors)


def test_a_dot_whose_other_reading_fits_at_some_sizes_is_refused(tmp_path: Path) -> None:
    """W · V of an m × n and an n × m matrix: the product at every size, but at m = n the
    entrywise product fits too (it was proved for all m, n, an adversary's)."""
    block = ('```derivcheck\ndims = { n = "positive integer", m = "positive integer" }\n'
             'matrices = { W = ["m", "n"], V = ["n", "m"] }\n```\n\n')
    got, errors = run(tmp_path, block + "$$W \\cdot V = W V$$\n")
    assert P not in [v for row in got for v in row] and errors \
        and "at some sizes both fit" in errors[0], (got, errors)


def test_a_size_the_prose_fixes_is_not_dropped(tmp_path: Path) -> None:
    """"Let $n = 1$." then xᵀx = x₁²: refuted at n = 2 (an adversary's), the size the prose
    fixed neither read nor refused. Refused now (declare it, or write the display for it)."""
    block = '```derivcheck\ndims = { n = "positive integer" }\nvectors = { x = "n" }\n```\n\n'
    got, errors = run(tmp_path, block + "Let $n = 1$.\n\n$$x^T x = x_1^2$$\n")
    assert R not in [v for row in got for v in row] and errors, (got, errors)


def test_the_html_report_says_a_goal_holds_over_wrong_steps(tmp_path: Path) -> None:
    from checker import Limits, Settings
    from checker import run as run_items
    from checker.report import html
    from derivations import catalog

    items = [i for i in catalog() if i.id == "sigmoid-derivative-002-chain"]
    report = run_items(items, Settings(), Limits(timeout=60, jobs=1))
    page = html.dumps(report)
    assert "the goal holds, but 2 steps of the chain do not follow" in page


def test_a_prose_definition_the_display_after_it_writes_again(tmp_path: Path) -> None:
    """"Swish is $f(x) = x\\sigma(x)$ …:" then the display $$f(x) = x\\sigma(x)$$: refused with
    the advice to write it as a display, which the next line is (a new user's). The display
    defines f; a slip after it is refuted."""
    text = ('```derivcheck\nsymbols = { x = "real" }\nlatex = { "\\\\sigma" = "sigmoid" }\n```\n\n'
            "Swish is $f(x) = x\\sigma(x)$ where $\\sigma$ is the sigmoid:\n\n"
            "$$f(x) = x\\sigma(x)$$\n\n$$f'(x) = \\sigma(x) + x\\sigma(x)(1 - \\sigma(x))$$\n\n"
            "$$f'(x) = f(x) + \\sigma(x)(1 - \\sigma(x))$$\n")
    got, errors = run(tmp_path, text)
    assert errors == [] and got[-2:] == [[P], [R]], (got, errors)


def test_a_condition_beside_a_definition_advises_what_can_be_written(tmp_path: Path) -> None:
    """"Let $x \\neq 0$." before $$R(x) = …$$ advised \\quad (x \\neq 0) in the display, which a
    definition refuses (a new user's); since the twenty-ninth session a bound beside a
    definition is read as one for the later lines (a refutation without it in doubt), and
    the definition is read. A case of an equation beside it is still refused."""
    text = ('```derivcheck\nvectors = { x = 2 }\nmatrices = { A = [2, 2] }\n```\n\n'
            "Let $x \\neq 0$.\n\n$$R(x) = \\frac{x^T A x}{x^T x}$$\n")
    got, errors = run(tmp_path, text)
    assert errors == [], (got, errors)


@pytest.mark.parametrize(("rhs", "want"), [("x_{k+1}", P), ("x_k", R)])
def test_a_letter_index_at_an_explicit_size_is_checked_at_each_value(
        tmp_path: Path, rhs: str, want: Verdict) -> None:
    """It was refused ("lengths that are symbols"); session 34 reads it at k = 1, 2, 3."""
    text = ('```derivcheck\nvectors = { x = 6, w = 3 }\n```\n\n'
            f"$$\\frac{{\\partial}}{{\\partial w_k}} \\sum_{{j=1}}^{{3}} w_j x_{{j+1}} = {rhs}$$\n")
    got, errors = run(tmp_path, text)
    assert errors == [] and got == [[want]], (got, errors)
