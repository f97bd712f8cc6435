"""A loss declared arbitrary of a vector or matrix of symbolic size that the page defines:
backprop's rules in matrix form (z = Wx + b, Y = XA, batch normalisation's y_{i,j}), each
read with L's gradient there a vector or matrix of its own (any values: L is any function),
proved for every size or refuted with a counterexample re-checked independently."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.results import Verdict
from tests.recheck import document_verdicts

P, R, U = Verdict.PROVED, Verdict.REFUTED, Verdict.UNKNOWN

LINEAR = ('```derivcheck\ndims = {{ n = "positive integer", m = "positive integer" }}\n'
          'vectors = {{ x = {m}, b = {n} }}\nmatrices = {{ W = [{n}, {m}] }}\n'
          'functions = {{ "L(z)" = "arbitrary" }}\n{extra}```\n\nLet $z = W x + b$.\n')

SYMBOLIC = {"n": '"n"', "m": '"m"', "extra": ""}
SQUARE = {"n": '"n"', "m": '"n"', "extra": ""}


def run(tmp_path: Path, text: str) -> tuple[list, list[str]]:
    return document_verdicts(tmp_path / "b.md", text)


@pytest.mark.parametrize(("display", "want"), [
    (r"\frac{\partial L}{\partial b} = \frac{\partial L}{\partial z}", P),
    (r"\frac{\partial L}{\partial b} = 2 \frac{\partial L}{\partial z}", R),
    (r"\frac{\partial L}{\partial x} = W^T \frac{\partial L}{\partial z}", P),
    (r"\frac{\partial L}{\partial x} = W \frac{\partial L}{\partial z}", R),  # (by its shapes)
    (r"\frac{\partial L}{\partial W} = \frac{\partial L}{\partial z} x^T", P),
    (r"\frac{\partial L}{\partial W} = x \left(\frac{\partial L}{\partial z}\right)^T", R),
    (r"\frac{\partial L}{\partial W_{ij}} = \frac{\partial L}{\partial z_i} x_j", P),
    (r"\frac{\partial L}{\partial x_j} = \sum_{i=1}^{n} \frac{\partial L}{\partial z_i} W_{ij}", P),
])
def test_a_linear_layer_backward_at_symbolic_sizes(tmp_path: Path, display: str,
                                                   want: Verdict) -> None:
    """∂L/∂z is L's gradient at z = Wx + b (they were refused at symbolic sizes: "only L's
    first derivatives by entries are read"), ∂L/∂b, ∂L/∂x, ∂L/∂W the chain rule through z."""
    got, errors = run(tmp_path, LINEAR.format(**SYMBOLIC) + f"\n$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


@pytest.mark.parametrize(("display", "want"), [
    (r"\frac{\partial L}{\partial x} = W^T \frac{\partial L}{\partial z}", P),
    (r"\frac{\partial L}{\partial x} = W \frac{\partial L}{\partial z}", R),
    (r"\frac{\partial L}{\partial W} = x \left(\frac{\partial L}{\partial z}\right)^T", R),
    (r"\frac{\partial L}{\partial W_{ij}} = \frac{\partial L}{\partial z_j} x_i", R),
    (r"\frac{\partial L}{\partial x_j} = \sum_{i=1}^{n} \frac{\partial L}{\partial z_i} W_{ji}", R),
])
def test_square_sizes_refute_with_a_counterexample(tmp_path: Path, display: str,
                                                   want: Verdict) -> None:
    """Where the shapes fit (W square), a missing transpose is refuted at a point, the
    gradient's entries among its values (re-checked by tests.recheck)."""
    got, errors = run(tmp_path, LINEAR.format(**SQUARE) + f"\n$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


@pytest.mark.parametrize(("display", "want"), [
    (r"\frac{\partial L}{\partial b} = \frac{\partial L}{\partial z}", P),
    (r"\frac{\partial L}{\partial b} = 2 \frac{\partial L}{\partial z}", R),
    (r"\frac{\partial L}{\partial x} = W^T \frac{\partial L}{\partial z}", P),
    (r"\frac{\partial L}{\partial W} = \frac{\partial L}{\partial z} x^T", P),
    (r"\frac{\partial L}{\partial W_{12}} = \frac{\partial L}{\partial z_2} x_1", R),
])
def test_the_same_lines_at_explicit_sizes_agree(tmp_path: Path, display: str,
                                                want: Verdict) -> None:
    """The reading at symbolic sizes agrees with the one at numbers, where L's gradient is
    the SymPy derivative of an undefined function."""
    sizes = {"n": "2", "m": "3", "extra": ""}  # (the same template, numbers for sizes)
    got, errors = run(tmp_path, LINEAR.format(**sizes) + f"\n$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


PRODUCT = ('```derivcheck\ndims = { n = "positive integer", m = "positive integer", '
           'p = "positive integer" }\nmatrices = { X = ["n", "m"], A = ["m", "p"] }\n'
           'functions = { "L(Y)" = "arbitrary" }\n{extra}```\n\nFor a product\n\n$$Y = XA$$\n')


@pytest.mark.parametrize(("display", "want"), [
    (r"\frac{\partial L}{\partial A} = X^T \frac{\partial L}{\partial Y}", P),
    (r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} A^T", P),
    (r"\frac{\partial L}{\partial X} = A^T \frac{\partial L}{\partial Y}", R),  # (by shapes)
    (r"\frac{\partial L}{\partial A_{ij}} = \sum_{k=1}^{n} X_{ki} \frac{\partial L}{\partial Y_{kj}}", P),
    (r"\frac{\partial L}{\partial A_{ij}} = \sum_{k=1}^{n} X_{ki} \frac{\partial L}{\partial Y_{kj}} + 1", R),
])
def test_the_rules_of_a_matrix_product(tmp_path: Path, display: str, want: Verdict) -> None:
    """Y = XA, L any function of Y: ∂L/∂A = Xᵀ ∂L/∂Y and ∂L/∂X = ∂L/∂Y Aᵀ for every size."""
    got, errors = run(tmp_path, PRODUCT.replace("{extra}", "") + f"\n$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


def test_the_gradients_names_of_a_matrix(tmp_path: Path) -> None:
    """dY names ∂L/∂Y under gradients = "L", a matrix here: dA = Xᵀ dY."""
    text = PRODUCT.replace("{extra}", 'gradients = "L"\n')
    got, errors = run(tmp_path, text + "\n$$dA = X^T dY$$\n\n$$dX = A^T dY$$\n")
    assert errors == [] and got == [[P], [R]], (got, errors)


BATCHNORM = r"""```derivcheck
dims = { N = "positive integer", D = "positive integer" }
matrices = { x = ["N", "D"] }
vectors = { gamma = "D", beta = "D" }
symbols = { epsilon = "positive" }
latex = { "\\gamma" = "gamma", "\\beta" = "beta", "\\epsilon" = "epsilon" }
functions = { "L(y)" = "arbitrary" }
gradients = "L"
```

$$\mu_j = \frac{1}{N} \sum_{i=1}^N x_{i,j}$$

$$\sigma^2_j = \frac{1}{N} \sum_{i=1}^N (x_{i,j} - \mu_j)^2$$

$$y_{i,j} = \gamma_j \frac{x_{i,j} - \mu_j}{\sqrt{\sigma^2_j + \epsilon}} + \beta_j$$
"""


@pytest.mark.parametrize(("display", "want"), [
    (r"\frac{\partial L}{\partial \beta_j} = \sum_{i=1}^N dy_{i,j}", P),
    (r"\frac{\partial L}{\partial \beta_j} = \sum_{i=1}^N dy_{i,j} \cdot \gamma_j", R),
    (r"\frac{\partial L}{\partial \gamma_j} = \sum_{i=1}^N dy_{i,j} \cdot "
     r"\frac{x_{i,j} - \mu_j}{\sqrt{\sigma^2_j + \epsilon}}", P),
    (r"\frac{\partial L}{\partial \gamma_j} = \sum_{i=1}^N dy_{i,j} \cdot (x_{i,j} - \mu_j)", R),
])
def test_batch_normalisations_parameters(tmp_path: Path, display: str, want: Verdict) -> None:
    """L of the output y (N × D, defined entry by entry): the gradients by β and γ for every
    N, D; the variance under the square root is one sum however its base is written
    ((x − S/N)² or (N x − S)²/N²: it was unknown)."""
    got, errors = run(tmp_path, BATCHNORM + f"\n$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


@pytest.mark.parametrize(("display", "message"), [
    # its value: the entries of the point are bound inside it
    (r"L = 1", "only L's first derivatives are read"),
    (r"L + \frac{\partial L}{\partial b_1} = L", "only L's first derivatives are read"),
    # second derivatives: the gradient's entries are letters of their own
    (r"\frac{\partial^2 L}{\partial b_i \partial b_j} = 0", "second derivative"),
    (r"\frac{\partial}{\partial x_i} \frac{\partial L}{\partial z_j} = 0", "second derivatives"),
    (r"\nabla_b \frac{\partial L}{\partial b_1} = 0", "second derivatives"),
    # two points: one gradient each would be needed, and they could meet
    (r"q = 2 z$$\n\n$$\frac{\partial L(q)}{\partial b_1} = \frac{\partial L}{\partial b_1}",
     "read at one point only"),
    # L at an expression, not at a vector the page names
    (r"\frac{\partial L(2 z)}{\partial b_1} = 0", "named in the file"),
])
def test_what_is_not_read_says_why(tmp_path: Path, display: str, message: str) -> None:
    _, errors = run(tmp_path, LINEAR.format(**SYMBOLIC) + f"\n$${display}$$\n")
    assert errors and any(message in e for e in errors), errors


TWO_LAYERS = r"""```derivcheck
dims = { n = "positive integer", m = "positive integer", k = "positive integer" }
vectors = { x = "m", b_1 = "n", b_2 = "k" }
matrices = { W_1 = ["n", "m"], W_2 = ["k", "n"] }
functions = { "L(z_2)" = "arbitrary" }
```

Let $z_1 = W_1 x + b_1$, $h = \sigma(z_1)$ and $z_2 = W_2 h + b_2$.

Define $\delta_2 = \frac{\partial L}{\partial z_2}$ and $\delta_1 = (W_2^T \delta_2) \odot h \odot (1 - h)$.
"""


@pytest.mark.parametrize(("display", "want"), [
    (r"\nabla_{z_2} L = \delta_2", P),
    (r"\frac{\partial L}{\partial h} = W_2^T \delta_2", P),
    (r"\frac{\partial L}{\partial z_1} = W_2^T \delta_2", R),  # σ′ dropped
    (r"\frac{\partial L}{\partial W_2} = \delta_2 h^T", P),
    (r"\frac{\partial L}{\partial W_1} = \delta_1 x^T", P),
    (r"\frac{\partial L}{\partial b_1} = \delta_1", P),
    (r"\nabla_x L = W_1^T \delta_1", P),
    (r"\frac{\partial L}{\partial x} = W_1 \delta_1", R),  # (by its shapes)
])
def test_a_two_layer_network_with_the_deltas_defined(tmp_path: Path, display: str,
                                                     want: Verdict) -> None:
    """The backward pass as notes write it: δ's defined in the prose, every gradient proved
    for all n, m, k; ∇ with a name the page defines (z₂) as its subscript is ∂L/∂z₂ (it was
    refused: "the subscript must be one variable")."""
    got, errors = run(tmp_path, TWO_LAYERS + f"\n$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


@pytest.mark.parametrize(("display", "want"), [
    (r"\nabla_a L = \sigma(a)(1 - \sigma(a))", P),
    (r"\nabla_a L = \sigma(a)", R),
    (r"\nabla_a (a^2 + L) = 2a + \sigma(a)(1 - \sigma(a))", P),
])
def test_nabla_by_a_defined_scalar(tmp_path: Path, display: str, want: Verdict) -> None:
    text = ('```derivcheck\nsymbols = { x = "real", w = "real" }\n```\n\n'
            "Let $a = w x$ and $L = \\sigma(a)$.\n")
    got, errors = run(tmp_path, text + f"\n$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


DECLARED = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { w = "n", v = "n" }\n'
            'functions = { "J(w)" = "arbitrary" }\n```\n\n')


@pytest.mark.parametrize("display", [
    # J(v) beside J alone (J(w)): J applied to v, which is not read at a symbolic length, or
    # J(w) times v? The product was proved alone (an adversary): both are readings, and the
    # one that cannot be read leaves the line unread
    r"\frac{\partial J}{\partial w_j} + J(v) = \frac{\partial J}{\partial w_j} + J(w) v_j",
    r"\frac{\partial J}{\partial w_j} + J(2 w) = \frac{\partial J}{\partial w_j} + 2 J(w) w_j",
    r"\frac{\partial J}{\partial w_j} + J(v_j) = \frac{\partial J}{\partial w_j} + J(w) v_j",
    # (refuted, though ∂/∂w_j J(v) = 0)
    r"\frac{\partial}{\partial w_j}\left(J(w) + J(v)\right) = \frac{\partial J}{\partial w_j}",
])
def test_a_reading_that_cannot_be_read_leaves_the_line_unread(tmp_path: Path,
                                                              display: str) -> None:
    got, errors = run(tmp_path, DECLARED + f"$${display}$$\n")
    assert got == [[Verdict.ERROR]] and len(errors) == 1, (got, errors)


@pytest.mark.parametrize(("given", "claim"), [
    ("y[i] == 0", "Sum(y[k], (k, 1, n)) == 0"),          # (refuted with y_2 = 1)
    ("Sum(Y[i, k], (k, 1, m)) == 1", "Sum(Sum(Y[r, c], (c, 1, m)), (r, 1, n)) == n"),
])
def test_a_hypothesis_on_an_index_the_claim_does_not_have_is_refused(
        tmp_path: Path, given: str, claim: str) -> None:
    """given y_i = 0 beside Σ_k y_k = 0: the hypothesis was taken at one i, and the claim
    refuted at a point where another entry breaks it (a new user's "every row of Y sums to
    one"). Refused, with what to write; a case of the indices alone (i ≠ j) is not this."""
    from tests.recheck import checked_file

    path = tmp_path / "g.toml"
    path.write_text('format = 1\n[context]\ndims = { n = "positive integer", m = "positive '
                    'integer" }\nvectors = { y = "n" }\nmatrices = { Y = ["n", "m"] }\n\n'
                    f'[[derivation]]\nid = "g"\nclaim = "{claim}"\ngiven = ["{given}"]\n',
                    encoding="utf-8")
    report, _ = checked_file(path)
    (check,) = [c for o in report.outcomes for c in o.checks]
    assert check.result.verdict is Verdict.ERROR, check.result
    assert "which the claim itself does not" in check.result.detail


BATCH = r"""```derivcheck
dims = { N = "positive integer", D = "positive integer", C = "positive integer" }
matrices = { X = ["N", "D"], W = ["D", "C"], Y = ["N", "C"] }
```

$X$ is $N \times D$ (one example per row), $W$ is $D \times C$ and $Y$ {said}. Scores and
probabilities:

$$S_{nc} = \sum_{d=1}^{D} X_{nd} W_{dc}$$

$$P_{nc} = \frac{e^{S_{nc}}}{\sum_{j=1}^{C} e^{S_{nj}}}$$

$$L = -\frac{1}{N} \sum_{n=1}^{N} \sum_{c=1}^{C} Y_{nc} \log P_{nc}$$

$$\frac{\partial L}{\partial W_{dc}} = \frac{1}{N} \sum_{n=1}^{N} X_{nd} \left( P_{nc} - Y_{nc} \right)$$
"""


@pytest.mark.parametrize(("said", "want"), [
    ("holds one-hot labels row by row", U),  # (the rows' one-hot is not read: unknown)
    ("holds the labels", R),                 # (nothing said: false where a row is 0)
])
def test_a_shape_said_in_words_and_one_hot_rows(tmp_path: Path, said: str, want: Verdict
                                                ) -> None:
    """"$X$ is $N \\times D$" is X's shape, not the value N·D (four displays were refused, and
    the message said to write X = N × D as a display); rows said to be one-hot are not read at
    a symbolic size, so a refutation that needs a row that is not one-hot is unknown."""
    got, errors = run(tmp_path, BATCH.replace("{said}", said))
    assert errors == [] and got == [[want]], (got, errors)
    if want is U:
        from tests.recheck import checked_file

        report, _ = checked_file(tmp_path / "b.md")
        detail = report.outcomes[-1].checks[0].result.detail
        assert "rows or columns of Y" in detail, detail


NG = r"""```derivcheck
dims = { n = "positive integer", h = "positive integer", k = "positive integer" }
vectors = { x = "n", "b1" = "h", "b2" = "k" }
matrices = { W1 = ["h", "n"], W2 = ["k", "h"] }
functions = { "L( z^{[2]} )" = "arbitrary" }
gradients = "L"
latex = { "W^{[1]}" = "W1", "W^{[2]}" = "W2", "b^{[1]}" = "b1", "b^{[2]}" = "b2", "\\sigma" = "sigmoid" }
```

$$z^{[1]} = W^{[1]} x + b^{[1]}$$

$$a^{[1]} = \sigma(z^{[1]})$$

$$z^{[2]} = W^{[2]} a^{[1]} + b^{[2]}$$
"""


@pytest.mark.parametrize(("display", "want"), [
    (r"dW^{[2]} = dz^{[2]} a^{[1]T}", P),
    (r"da^{[1]} = W^{[2]T} dz^{[2]}", P),
    (r"dz^{[1]} = da^{[1]} \odot a^{[1]} \odot (1 - a^{[1]})", P),
    (r"dz^{[1]} = da^{[1]} \odot (1 - a^{[1]})", R),
    (r"dW^{[1]} = dz^{[1]} x^T", P),
])
def test_a_loss_declared_at_a_layer_labelled_name(tmp_path: Path, display: str,
                                                  want: Verdict) -> None:
    """"L(z^{[2]})" = "arbitrary": Ng's notation for the stage the loss is of (it needed
    "parameter names"); whitespace inside the name is not part of it."""
    got, errors = run(tmp_path, NG + f"\n$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


SOFTMAX = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { z = "n" }\n'
           'latex = { "p" = "softmax(z)" }\n```\n\n{lead}\n\n'
           '$$\\frac{\\partial p_i}{\\partial z_j} = p_i(1 - p_i)$$\n')


@pytest.mark.parametrize(("lead", "want"), [
    ("**Softmax Jacobian.** If $i = j$:", P),    # (was refused: a case not read)
    ("**If $i = j$:**", P),                      # (was refused)
    ("\\textbf{Jacobian:} If $i = j$:", P),
    ("**Note.** The derivative is below.", R),   # (no case: false at i ≠ j)
])
def test_a_case_after_a_bold_title_or_in_bold(tmp_path: Path, lead: str, want: Verdict) -> None:
    got, errors = run(tmp_path, SOFTMAX.replace("{lead}", lead))
    assert errors == [] and got == [[want]], (got, errors)


def test_a_loss_declared_at_the_plain_letter_of_a_bold_name_says_what_to_declare(
        tmp_path: Path) -> None:
    text = ('```derivcheck\ndims = { d = "positive integer" }\nvectors = { x = "d", b = "d" }\n'
            'functions = { "L(y)" = "arbitrary" }\n```\n\n'
            "$$\\mathbf{y} = 2 x + b$$\n\n$$\\frac{\\partial L}{\\partial b} = "
            "2 \\frac{\\partial L}{\\partial \\mathbf{y}}$$\n")
    _, errors = run(tmp_path, text)
    assert errors and '"L(\\\\mathbf{y})" = "arbitrary"' in errors[0], errors


def test_the_loss_own_d_is_not_read_as_one(tmp_path: Path) -> None:
    """dL under gradients = "L" was ∂L/∂L = 1 (dL = 1 proved; a differential dL = dzᵀ(…)
    refuted, an adversary): a d against the loss is its differential in most notes."""
    text = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { x = "n", b = "n" }\n'
            'matrices = { W = ["n", "n"] }\nfunctions = { "L(z)" = "arbitrary" }\n'
            'gradients = "L"\n```\n\nLet $z = W x + b$.\n\n$$dL = 1$$\n\n$$db = dz$$\n')
    got, errors = run(tmp_path, text)
    assert got == [[Verdict.ERROR], [P]], (got, errors)
    assert len(errors) == 1 and "∂L/∂L" in errors[0], errors


@pytest.mark.parametrize(("head", "prose", "display", "message"), [
    # a shape in declared dimensions names no value, and the letter is an array the page has
    # not declared (AB = BA was proved with A, B numbers: an adversary)
    ('dims = { d = "positive integer" }', r"$A$ is $d \times d$ and $B$ is $d \times d$.",
     "A B = B A", "the page says $A$ is $d \\times d$"),
    # of numbers, a value not read ("$z$ is $w \times x$": z + b = wx + b was refuted)
    ('symbols = { w = "real", x = "real", b = "real" }', r"Suppose $z$ is $w \times x$.",
     "z + b = w x + b", "a definition of z that is not read"),
    ('symbols = { b = "real" }', r"Here $z$ is $3 \times 4$.", "z + 1 = 13",
     "a definition of z that is not read"),
])
def test_a_product_said_of_a_letter(tmp_path: Path, head: str, prose: str, display: str,
                                    message: str) -> None:
    got, errors = run(tmp_path, f"```derivcheck\n{head}\n```\n\n{prose}\n\n$${display}$$\n")
    assert not {P, R} & {v for row in got for v in row}, got
    assert any(message in e for e in errors), errors


@pytest.mark.parametrize("display", [
    r"y_1 x_1 + y_2 x_2 = x_1, \quad y_k = \delta_{k1}",
    r"y^T x = x_1, \quad y_k = \delta_{k1}",
])
def test_an_equation_after_a_comma_in_a_letter_of_the_first_is_not_dropped(
        tmp_path: Path, display: str) -> None:
    """y_k = δ_{k1} after y₁x₁ + y₂x₂ = x₁: its condition, or a second equation? It was cut
    off as a statement of its own (refused), and the first refuted alone (an adversary)."""
    head = '```derivcheck\nvectors = { x = 2, y = 2 }\n```\n\n'
    got, errors = run(tmp_path, head + f"$${display}$$\n")
    assert not {P, R} & {v for row in got for v in row} and errors, (got, errors)


@pytest.mark.parametrize("prose", [
    "If $i = j$, the result is known. For the rest:",
    "The case $i = j$ was done above. Now the remaining entries:",
    "We did $i = j$ already.",
    "Having handled $i = j$, we get",
])
def test_an_index_case_the_prose_does_not_make_the_displays_leaves_a_refutation_unknown(
        tmp_path: Path, prose: str) -> None:
    """Read as no case, these were refuted at i = j, the case the prose excludes (an
    adversary): the refutation is unknown, and a proof for every index value would stand."""
    text = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { z = "n" }\n```\n\n'
            "Let $p_i = \\frac{e^{z_i}}{\\sum_k e^{z_k}}$.\n\n" + prose + "\n\n"
            "$$\\frac{\\partial p_i}{\\partial z_j} = -p_i p_j$$\n")
    got, errors = run(tmp_path, text)
    assert errors == [] and got == [[U]], (got, errors)
    got, errors = run(tmp_path, text.replace("-p_i p_j", "\\frac{\\partial}{\\partial z_j} p_i"))
    assert errors == [] and got == [[P]], (got, errors)


def test_a_gradient_taken_through_a_fresh_array_is_the_gradient_at_the_parameter(
        tmp_path: Path) -> None:
    """∇_z (L + cᵀz) put a fresh array where L's z stands, and L's gradient was recorded at
    that array's internal name: the next display's ∂L/∂z was refused as L "written at v0 and
    at z" (an adversary)."""
    text = ('```derivcheck\ndims = { n = "positive integer", m = "positive integer" }\n'
            'vectors = { x = "n", b = "m", c = "m" }\nmatrices = { W = ["m", "n"] }\n'
            'functions = { "L(z)" = "arbitrary" }\n```\n\n$$z = W x + b$$\n\n'
            "$$\\nabla_z (L + c^T z) = (\\nabla_z L) + c$$\n\n"
            "$$\\nabla_x (L + c^T z) = W^T ((\\nabla_z L) + c)$$\n\n"
            "$$\\nabla_x (L + c^T z) = (W^T \\nabla_z L) + c$$\n")
    got, errors = run(tmp_path, text)
    assert errors == [] and got == [[P], [P], [R]], (got, errors)


@pytest.mark.parametrize(("display", "want"), [
    (r"(u \cdot v)^2 = (u^T v)^2", P),       # (entrywise: a column squared is no matrix power)
    (r"\frac{a}{u \cdot v} = \frac{a}{u_1 v_1 + u_2 v_2}", P),  # (entrywise: a/vector)
    (r"(u \cdot v)^2 = 2 (u^T v)^2", R),
])
def test_a_dot_whose_entrywise_reading_makes_no_sense(tmp_path: Path, display: str,
                                                      want: Verdict) -> None:
    """The entrywise reading of u·v squared, or divided into a number, is none (it was refused
    as a reading that cannot be read, an adversary); (w · x) ⊙ y stays refused (a broadcast)."""
    head = '```derivcheck\nvectors = { u = 2, v = 2 }\nsymbols = { a = "positive" }\n```\n\n'
    got, errors = run(tmp_path, head + f"$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)
