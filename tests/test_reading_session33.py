"""Reading documents (session 33): notation a new user's probe found refused although one
reading is meant — a declared T in a ``given``, double sums ``\\sum_{i,j}``, the trace of a
1 × 1 product, binomial coefficients, ∇_θ J(θ; X, y) of a function of several arguments."""

from __future__ import annotations

from pathlib import Path

import pytest
from recheck import checked_file

from checker.model import CheckKind
from checker.results import Verdict

HEAD = ("```derivcheck\n"  # line 1
        "dims = { n = \"positive integer\", m = \"positive integer\" }\n"
        "matrices = { A = [\"n\", \"m\"], B = [\"n\", \"m\"], S = [\"n\", \"n\"], "
        "P = [2, 2] }\n"
        "vectors = { x = \"n\", theta = \"m\", y = \"n\" }\n"
        "symbols = { k = \"positive integer\", r = \"positive integer\", t = \"real\" }\n"
        "```\n")  # 6


def goals(tmp_path: Path, text: str) -> tuple[list[Verdict], list[str]]:
    """Each display's goal verdict in order (counterexamples re-checked by checked_file), and
    the reader's errors."""
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    report, errors = checked_file(path)
    out = [c.result.verdict for o in report.outcomes  # type: ignore[attr-defined]
           for c in o.checks if c.check.kind is CheckKind.GOAL]
    return out, [str(e) for e in errors]


def one(tmp_path: Path, display: str, head: str = HEAD) -> tuple[Verdict | None, list[str]]:
    got, errors = goals(tmp_path, head + "\n$$" + display + "$$\n")
    assert len(got) <= 1
    return (got[0] if got and not errors else None), errors


# ---- a declared T (or T_4) in a given is the letter, not the transpose


@pytest.mark.parametrize(("given", "expected"), [
    ("T >= 2", Verdict.REFUTED),  # the wrong v_2 is refuted at T = 2 (it was an input error)
    ("T_4 >= 1", Verdict.REFUTED),
])
def test_a_declared_T_in_a_given_is_the_letter(tmp_path: Path, given: str,
                                               expected: Verdict) -> None:
    name = given.split()[0]
    head = ("```derivcheck\n"
            f"dims = {{ {name} = \"positive integer\" }}\n"
            f"vectors = {{ g = \"{name}\" }}\n"
            f"given = [\"{given}\"]\n"
            "```\n")
    got, errors = one(tmp_path, f"\\sum_{{t=1}}^{{{name}}} g_t = g_1 + \\sum_{{t=2}}^{{{name}}} 2 g_t",
                      head)
    assert errors == []
    assert got is expected


def test_a_T_called_in_a_given_is_still_the_transpose(tmp_path: Path) -> None:
    head = ("```derivcheck\n"
            "dims = { T = \"positive integer\", n = \"positive integer\" }\n"
            "vectors = { g = \"n\" }\n"
            "given = [\"T(g) @ g >= 1\", \"T > 1\"]\n"
            "```\n")
    got, errors = one(tmp_path, "T^2 > 1", head)
    assert errors == [] and got is Verdict.PROVED


def test_the_plain_reader_keeps_its_own_letters() -> None:
    """𝖳 (the LaTeX's T) read by the plain syntax stays 𝖳: Python's identifiers are
    NFKC-normalized, which would make it the transpose T."""
    from checker.parse.python_syntax import read_expression
    from checker.parse.tree import Name

    node = read_expression("\N{MATHEMATICAL SANS-SERIF CAPITAL T}")
    assert isinstance(node, Name) and node.id == "\N{MATHEMATICAL SANS-SERIF CAPITAL T}"


# ---- \sum_{i,j}: a sum over each index, in the order written


@pytest.mark.parametrize(("display", "expected"), [
    ("\\operatorname{tr}(A^\\top B) = \\sum_{i,j} A_{ij} B_{ij}", Verdict.PROVED),
    ("\\operatorname{tr}(A^\\top B) = \\sum_{i,j} A_{ij} B_{ji}", None),  # B_{ji}: j ≤ m ≠ n
    ("x^\\top S x = \\sum_{i,j=1}^{n} x_i S_{ij} x_j", Verdict.PROVED),
    ("x^\\top S x = \\sum_{i, j} x_i S_{ji} x_j", Verdict.PROVED),
    ("x^\\top S x = \\sum_{i,j} x_i S_{ij} x_i", Verdict.REFUTED),
    ("\\sum_{i,j} S_{ij} = \\sum_{i} \\sum_{j} S_{ji}", Verdict.PROVED),
    ("\\sum_{i,j=1}^{2} P_{ij} = P_{11} + P_{12} + P_{21} + P_{22}", Verdict.PROVED),
    ("\\sum_{i,j=1}^{2} P_{ij} = P_{11} + P_{22}", Verdict.REFUTED),
])
def test_a_sum_over_two_indices(tmp_path: Path, display: str, expected: Verdict | None) -> None:
    got, errors = one(tmp_path, display)
    if expected is None:
        assert errors and got is None
    else:
        assert errors == [] and got is expected


@pytest.mark.parametrize(("display", "message"), [
    ("\\sum_{i,i} S_{ii} = 1", "listed twice"),
    ("\\sum_{i,j} x_i = 1", "cannot infer the range of \\sum_j"),  # j indexes nothing
    ("\\sum_{i, j \\neq i} S_{ij} = 1", "\\sum"),
])
def test_a_sum_over_two_indices_refused(tmp_path: Path, display: str, message: str) -> None:
    got, errors = one(tmp_path, display)
    assert got is None and any(message in e for e in errors), errors


# ---- the trace of a 1 × 1 product is its one entry


@pytest.mark.parametrize(("display", "expected"), [
    ("x^\\top S x = \\operatorname{tr}(x^\\top S x) = \\operatorname{tr}(S x x^\\top)",
     Verdict.PROVED),
    ("\\operatorname{tr}(x^\\top x) = \\operatorname{tr}(x x^\\top)", Verdict.PROVED),
    ("\\operatorname{tr}(x^\\top S x) = \\operatorname{tr}(S) x^\\top x", Verdict.REFUTED),
])
def test_the_trace_of_a_one_by_one_product(tmp_path: Path, display: str,
                                           expected: Verdict) -> None:
    got, errors = one(tmp_path, display)
    assert errors == [] and got is expected


def test_the_trace_of_undeclared_letters_is_still_refused(tmp_path: Path) -> None:
    """tr(PQ) = tr(P) tr(Q) with P and Q undeclared: read as numbers it would be proved, a
    guess at what P and Q are."""
    got, errors = one(tmp_path, "\\operatorname{tr}(PQ) = \\operatorname{tr}(P)\\operatorname{tr}(Q)")
    assert got is None and any("trace needs a square matrix" in e and "declare" in e
                               for e in errors), errors


# ---- binomial coefficients


@pytest.mark.parametrize(("display", "expected"), [
    ("\\binom{k}{2} = \\frac{k!}{2!\\,(k-2)!} = \\frac{k(k-1)}{2}", Verdict.PROVED),
    ("{k \\choose 2} = \\frac{k(k+1)}{2}", Verdict.REFUTED),
    ("\\binom{k}{r} = \\binom{k}{k-r}", Verdict.PROVED),
    ("\\dbinom{k+1}{r} = \\binom{k}{r} + \\binom{k}{r-1}", Verdict.PROVED),
    ("\\binom{5}{2} = 10", Verdict.PROVED),
    ("\\binom{1}{2} = 0", Verdict.PROVED),  # two whole numbers: its value, 0 for k > n
    ("\\tbinom{k}{1} = k + 1", Verdict.REFUTED),
])
def test_binomial_coefficients(tmp_path: Path, display: str, expected: Verdict) -> None:
    got, errors = one(tmp_path, display)
    assert errors == [] and got is expected


@pytest.mark.parametrize(("display", "message"), [
    ("\\binom{k}{t} = 1", "not known to be a whole number"),
    ("k \\choose 2 = 1", "read inside braces"),
])
def test_binomial_coefficients_refused(tmp_path: Path, display: str, message: str) -> None:
    got, errors = one(tmp_path, display)
    assert got is None and any(message in e for e in errors), errors


# ---- ∇_θ J(θ; X, y): the two readings agree where θ is one argument itself

NABLA = ("```derivcheck\n"
         "dims = { m = \"positive integer\", n = \"positive integer\" }\n"
         "vectors = { theta = \"n\", y = \"m\", w = \"n\" }\n"
         "matrices = { X = [\"m\", \"n\"] }\n"
         "```\n\n"
         "$$J(\\theta; X, y) = \\frac{1}{2m}(X\\theta - y)^\\top (X\\theta - y)$$\n")


@pytest.mark.parametrize(("display", "expected"), [
    ("\\nabla_\\theta J(\\theta; X, y) = \\frac{1}{m} X^\\top (X\\theta - y)", Verdict.PROVED),
    ("\\nabla_\\theta J(\\theta, X, y) = \\frac{1}{m} X^\\top (X\\theta - y)", Verdict.PROVED),
    ("\\nabla_w J(w; X, y) = \\frac{1}{m} X^\\top (X w - y)", Verdict.PROVED),
    ("\\nabla_\\theta J(\\theta; X, y) = \\frac{1}{m} X (X\\theta - y)", Verdict.REFUTED),
])
def test_the_gradient_of_a_function_of_several_arguments(tmp_path: Path, display: str,
                                                         expected: Verdict) -> None:
    got, errors = goals(tmp_path, NABLA + "\n$$" + display + "$$\n")
    assert errors == [] and got[-1] is expected


@pytest.mark.parametrize("display", [
    "\\nabla_\\theta J(w; X, y) = 0",  # at w: the gradient of J at w, or in θ of J(w, …)?
    "\\nabla_\\theta J(\\theta; X\\theta, y) = 0",  # θ in another argument too
])
def test_the_gradient_at_another_point_is_refused(tmp_path: Path, display: str) -> None:
    _, errors = goals(tmp_path, NABLA + "\n$$" + display + "$$\n")
    assert any("or the gradient in" in e for e in errors), errors
    assert not any("\\nabla J(" in e for e in errors), errors  # (refused again if followed)


def test_two_unsized_ones_say_how_to_size_them_in_latex(tmp_path: Path) -> None:
    _, errors = one(tmp_path, "\\mathbf{1}\\mathbf{1}^\\top = \\mathbf{1}")
    assert any("\\mathbf{1}_n" in e for e in errors), errors


# ---- ‖v‖_1 of a vector


@pytest.mark.parametrize(("display", "expected"), [
    ("\\|x\\|_1 = \\sum_{i=1}^{n} |x_i|", Verdict.PROVED),
    ("\\|x\\|_1^2 = \\sum_{i=1}^{n} x_i^2", Verdict.REFUTED),
    ("\\|x - y\\|_1 = \\sum_{i=1}^{n} |y_i - x_i|", Verdict.PROVED),
])
def test_the_one_norm_of_a_vector(tmp_path: Path, display: str, expected: Verdict) -> None:
    got, errors = one(tmp_path, display)
    assert errors == [] and got is expected


@pytest.mark.parametrize(("display", "message"), [
    ("\\|S\\|_1 = 1", "it may be the largest column sum"),  # or every entry's
    ("\\|t\\|_1 = |t|", "of a (column) vector"),
    ("\\|x\\|_3 = 1", "only the Euclidean norm"),
])
def test_other_one_norms_are_refused(tmp_path: Path, display: str, message: str) -> None:
    got, errors = one(tmp_path, display)
    assert got is None and any(message in e for e in errors), errors


# ---- argmin and argmax, however written: refused with what to write instead


@pytest.mark.parametrize("written", [
    "\\arg\\min_t", "\\arg \\max_t", "\\argmin_t", "\\operatorname{argmin}_t",
    "\\operatorname*{arg\\,min}_t", "\\mathrm{argmax}_t", "\\mathop{\\mathrm{argmin}}_t",
    "argmax_{t}", "\\operatorname{arg\\,max}_{t}",
])
def test_argmin_and_argmax_are_refused_with_the_first_order_condition(
        tmp_path: Path, written: str) -> None:
    got, errors = one(tmp_path, f"{written} (k - t)^2 = k")
    assert got is None and len(errors) == 1, errors
    assert "argmin and argmax are not decided" in errors[0] and "\\implies" in errors[0]
    assert "doc.md:8:" in errors[0]  # at the line it is written on


# ---- a hypothesis on the sizes keeps a refutation by shapes where it allows sizes that differ

SIZED = ("```derivcheck\n"
         "dims = { N = \"positive integer\", d = \"positive integer\" }\n"
         "matrices = { X = [\"N\", \"d\"] }\n"
         "vectors = { w = \"d\", y = \"N\" }\n"
         "given = [{given}]\n"
         "```\n")


@pytest.mark.parametrize(("given", "display", "expected", "said"), [
    # a missing transpose: X (Xw − y) fits only where N = d
    ('"N >= 2"', "\\frac{\\partial}{\\partial w} (Xw - y)^\\top (Xw - y) = 2X(Xw - y)",
     Verdict.REFUTED, "which the hypotheses on the sizes allow"),
    ('"N == d"', "\\frac{\\partial}{\\partial w} (Xw - y)^\\top (Xw - y) = 2X(Xw - y)",
     Verdict.UNKNOWN, "may rule out"),
    # a row where a column is meant: the shapes differ wherever d ≥ 2
    ('"d >= 2"', "\\frac{\\partial}{\\partial w} (Xw - y)^\\top (Xw - y) = 2(Xw - y)^\\top X",
     Verdict.REFUTED, "which the hypotheses on the sizes allow"),
    ('"d == 1"', "\\frac{\\partial}{\\partial w} (Xw - y)^\\top (Xw - y) = 2(Xw - y)^\\top X",
     Verdict.UNKNOWN, "may rule out"),
    ('"N >= 2"', "\\frac{\\partial}{\\partial w} (Xw - y)^\\top (Xw - y) = 2X^\\top(Xw - y)",
     Verdict.PROVED, ""),
])
def test_a_hypothesis_on_the_sizes_and_a_refutation_by_shapes(
        tmp_path: Path, given: str, display: str, expected: Verdict, said: str) -> None:
    path = tmp_path / "doc.md"
    path.write_text(SIZED.replace("{given}", given) + "\n$$" + display + "$$\n", encoding="utf-8")
    report, errors = checked_file(path)
    assert errors == []
    goal = next(c.result for o in report.outcomes  # type: ignore[attr-defined]
                for c in o.checks if c.check.kind is CheckKind.GOAL)
    assert goal.verdict is expected, goal.detail
    assert said in (goal.detail or "")


@pytest.mark.parametrize("display", [
    "-\\log\\sigma + \\frac{\\sigma^2 + t^2}{2} - \\frac{1}{2} = 0",  # the VAE's KL term
    "\\frac{\\sigma^2}{2} - \\log\\sigma = 1",
])
def test_an_undeclared_sigma_with_no_argument_says_to_declare_the_letter(
        tmp_path: Path, display: str) -> None:
    got, errors = one(tmp_path, display)
    assert got is None and len(errors) == 1, errors
    assert "written here with no argument" in errors[0] and 'sigma = "positive"' in errors[0]


# ---- a name defined in a font is the same name used in another (a^{[1]}, δ^{[2]} in bold)


def test_a_bold_labelled_definition_is_used_where_it_is_written_plain_or_bold(
        tmp_path: Path) -> None:
    """\\mathbf{a}^{[1]} = σ(w₁x) defined, then used bold: the use was read as a letter of its
    own, and ∂L/∂w₁ = 0 was proved (the path through a^{[1]} left out)."""
    head = ("```derivcheck\n"
            "symbols = { w_1 = \"real\", w_2 = \"real\", x = \"real\", y = \"real\" }\n"
            "```\n")
    body = ("\n$$\\mathbf{a}^{[1]} = \\sigma(w_1 x)$$\n\n$$\\hat{y} = w_2 \\mathbf{a}^{[1]}$$\n\n"
            "$$L = \\frac{1}{2}(\\hat{y} - y)^2$$\n\n"
            "$$\\frac{\\partial L}{\\partial w_2} = (\\hat{y} - y)\\,a^{[1]}$$\n\n"
            "$$\\frac{\\partial L}{\\partial w_1} = 0$$\n")
    got, errors = goals(tmp_path, head + body)
    assert errors == [] and got == [Verdict.PROVED, Verdict.REFUTED]


def test_a_bold_delta_with_a_layer_label_is_the_defined_vector(tmp_path: Path) -> None:
    head = ("```derivcheck\n"
            "dims = { H = \"positive integer\", K = \"positive integer\" }\n"
            "vectors = { y = \"K\", u = \"K\" }\n"
            "matrices = { W = [\"K\", \"H\"] }\n"
            "```\n")
    body = ("\n$$\\boldsymbol{\\delta}^{[2]} = u - y$$\n\n"
            "$$W^\\top \\boldsymbol{\\delta}^{[2]} = W^\\top (u - y)$$\n\n"
            "$$W^\\top \\boldsymbol{\\delta}^{[2]} = W (u - y)$$\n")
    got, errors = goals(tmp_path, head + body)
    assert errors == [] and got == [Verdict.PROVED, Verdict.REFUTED]  # (W(u − y): no fit)


# ---- prose that says σ is another function than the sigmoid


@pytest.mark.parametrize(("prose", "refused"), [
    ("Here $\\sigma$ denotes the softmax function, applied to $z$.", True),
    ("where $\\sigma$ is an element-wise activation function.", True),
    ("We use the activation function $\\sigma$ throughout.", True),
    ("Here $\\sigma(\\cdot)$ is a nonlinearity.", True),
    ("Here $\\sigma$ is the sigmoid.", False),
    ("We use the sigmoid activation function $\\sigma$ throughout.", False),
    ("Here $\\sigma$ denotes the standard deviation of the noise.", False),
])
def test_prose_saying_sigma_is_not_the_sigmoid_refuses_its_uses(
        tmp_path: Path, prose: str, refused: bool) -> None:
    head = "```derivcheck\nsymbols = { x = \"real\" }\n```\n"
    got, errors = goals(tmp_path, head + f"\n{prose}\n\n"
                        "$$\\frac{d}{dx}\\sigma(x) = \\sigma(x)(1 - \\sigma(x))$$\n")
    if refused:
        assert got != [Verdict.PROVED] and len(errors) == 1, (got, errors)
        assert "reads as the sigmoid" in errors[0] and "doc.md:7:" in errors[0]
        assert 'functions = { "sigma(x)" = "arbitrary" }' in errors[0]
    else:
        assert errors == [] and got == [Verdict.PROVED]


def test_sigma_declared_is_what_the_declaration_says_whatever_the_prose(tmp_path: Path) -> None:
    head = ("```derivcheck\nsymbols = { x = \"real\" }\n"
            "functions = { \"sigma(x)\" = \"arbitrary\" }\n```\n")
    got, errors = goals(tmp_path, head + "\nwhere $\\sigma$ is an element-wise activation "
                        "function.\n\n$$\\frac{d}{dx}\\sigma(x) = \\sigma(x)(1 - \\sigma(x))$$\n")
    assert errors == [] and got == [Verdict.REFUTED]  # (not every activation's)


def test_a_prose_case_naming_a_letter_the_display_does_not_write(tmp_path: Path) -> None:
    """"Case 1: $i = j$." before a display written in i alone: it is written in the case
    already (every i); the case i ≠ j after it is read as the display's hypothesis."""
    head = ("```derivcheck\ndims = { K = \"positive integer\" }\nvectors = { z = \"K\" }\n"
            "```\n")
    body = ("\n$$\\hat{y}_i = \\frac{\\exp(z_i)}{\\sum_{k=1}^{K} \\exp(z_k)}$$\n\n"
            "**Case 1:** $i = j$.\n\n"
            "$$\\frac{\\partial \\hat{y}_i}{\\partial z_i} = \\hat{y}_i - \\hat{y}_i^2$$\n\n"
            "**Case 2:** $i \\neq j$.\n\n"
            "$$\\frac{\\partial \\hat{y}_i}{\\partial z_j} = -\\hat{y}_i \\hat{y}_j$$\n\n"
            "**Case 1 again:** $i = j$.\n\n"
            "$$\\frac{\\partial \\hat{y}_i}{\\partial z_i} = \\hat{y}_i + \\hat{y}_i^2$$\n")
    got, errors = goals(tmp_path, head + body)
    assert errors == [] and got == [Verdict.PROVED, Verdict.PROVED, Verdict.REFUTED]


def test_a_line_too_large_to_read_says_to_write_a_sum(tmp_path: Path) -> None:
    terms = " + ".join(f"e^{{z_{{{k}}}}}" for k in range(1, 401))
    head = "```derivcheck\nvectors = { z = 400 }\n```\n"
    got, errors = one(tmp_path, f"\\frac{{e^{{z_{{1}}}}}}{{{terms}}} = 1", head)
    assert got is None and len(errors) == 1, errors
    assert "too large to read" in errors[0] and "\\sum_{k=1}^{n}" in errors[0]


# ---- from an adversary of this session's features


@pytest.mark.parametrize("written", [
    "arg\\max_j", "arg\\,\\max_j", "arg~\\max_j", "\\textit{arg}\\max_j", "\\arg \\, \\max_j",
    "\\mathrm{arg}\\,\\max_j", "\\operatorname{arg}\\,\\operatorname{max}_j", "\\arg",
])
def test_argmax_spelt_with_a_command_is_refused_not_read_as_letters(
        tmp_path: Path, written: str) -> None:
    """arg\\max_j u_j = 2 was read as a·r·g·max(u) and refuted (a = r = g = 0)."""
    head = "```derivcheck\nvectors = { u = 2 }\ngiven = [\"u[2] > u[1]\"]\n```\n"
    got, errors = one(tmp_path, f"{written} u_j = 2", head)
    assert got is None and len(errors) == 1, errors
    assert "argmin and argmax are not decided" in errors[0]


def test_the_one_norm_of_a_row_is_refused_of_a_column_read(tmp_path: Path) -> None:
    head = ("```derivcheck\nvectors = { u = 2 }\nmatrices = { R = [1, 2], C = [2, 1] }\n"
            "```\n")
    body = ("\n$$\\lVert u^\\top \\rVert_1 = \\max(|u_1|, |u_2|)$$\n\n"  # induced: the max
            "$$\\lVert R \\rVert_1 = |R_{11}| + |R_{12}|$$\n\n"
            "$$\\lVert C \\rVert_1 = |C_{11}| + |C_{21}|$$\n")  # a column: both readings
    got, errors = goals(tmp_path, head + body)
    assert got[-1] is Verdict.PROVED and len(errors) == 2, errors
    assert all("(column) vector" in e for e in errors)


@pytest.mark.parametrize("prose", [
    "We use $\\sigma$ for the ReLU.",
    "Let $\\sigma$ denote the softmax function.",
    "Here $\\sigma$ denotes the softplus.",
    "with $\\sigma$ the element-wise ReLU",
    "Note: $\\sigma$ here is the Heaviside step function.",
    "Let $\\sigma$ be an activation function.",
    "Apply the softmax $\\sigma$ to the scores.",
    "- $\\sigma$: activation function",
    "Here \\(\\sigma\\) is a nonlinearity.",
    "Here ${\\sigma}$ is the ReLU.",
    "Here σ is the ReLU.",
])
def test_more_ways_to_say_sigma_is_another_function(tmp_path: Path, prose: str) -> None:
    """Each was missed, and σ(0) = 1/2 proved for a ReLU or a softmax."""
    head = "```derivcheck\nsymbols = { x = \"real\" }\n```\n"
    got, errors = goals(tmp_path, head + f"\n{prose}\n\n$$\\sigma(0) = \\frac{{1}}{{2}}$$\n")
    assert got != [Verdict.PROVED] and any("reads as the sigmoid" in e for e in errors), errors


@pytest.mark.parametrize("prose", [
    "Here $\\sigma$ is not the softmax; it is the sigmoid.",
    "The activation function $\\sigma$ is the logistic sigmoid.",
    "The noise has standard deviation $\\sigma$, and the activation function is fixed.",
])
def test_prose_that_says_sigma_is_the_sigmoid_or_a_letter_refuses_nothing(
        tmp_path: Path, prose: str) -> None:
    head = "```derivcheck\nsymbols = { x = \"real\" }\n```\n"
    got, errors = goals(tmp_path, head + f"\n{prose}\n\n$$\\sigma(0) = \\frac{{1}}{{2}}$$\n")
    assert errors == [] and got == [Verdict.PROVED]
