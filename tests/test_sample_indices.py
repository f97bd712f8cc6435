"""indices = "superscript": Andrew Ng's notation for the i-th example, y^{(i)}, read as the
entry i of a declared vector (a^{(i)} = … defines a family over the examples), so that the
cost over m examples and its gradients are checked for every m. Without the declaration a
label in brackets names a value of its own, as before; a layer's label in square brackets
stays a label either way."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.results import Verdict
from tests.recheck import document_verdicts

P, R, U = Verdict.PROVED, Verdict.REFUTED, Verdict.UNKNOWN

HEAD = ('```derivcheck\ndims = { m = "positive integer" }\nvectors = { x = "m", y = "m" }\n'
        'symbols = { w = "real", b = "real" }\nlatex = { "\\\\sigma" = "sigmoid" }\n'
        '{indices}```\n\n$$a^{(i)} = \\sigma(w x^{(i)} + b)$$\n\n'
        '$$J(w, b) = -\\frac{1}{m} \\sum_{i=1}^{m} \\left[ y^{(i)} \\log a^{(i)} + '
        '(1 - y^{(i)}) \\log(1 - a^{(i)}) \\right]$$\n')


def run(tmp_path: Path, text: str) -> tuple[list, list[str]]:
    return document_verdicts(tmp_path / "ng.md", text)


@pytest.mark.parametrize(("display", "want"), [
    (r"\frac{\partial J}{\partial b} = \frac{1}{m} \sum_{i=1}^{m} (a^{(i)} - y^{(i)})", P),
    (r"\frac{\partial J}{\partial b} = \frac{1}{m} \sum_{i=1}^{m} (y^{(i)} - a^{(i)})", R),
    (r"\frac{\partial J}{\partial w} = \frac{1}{m} \sum_{i=1}^{m} (a^{(i)} - y^{(i)}) x^{(i)}",
     P),
    (r"\frac{\partial J}{\partial w} = \frac{1}{m} \sum_{i=1}^{m} (a^{(i)} - y^{(i)})", R),
    (r"\frac{\partial a^{(i)}}{\partial b} = a^{(i)}(1 - a^{(i)})", P),
    (r"\frac{\partial a^{(1)}}{\partial w} = a^{(1)}(1 - a^{(1)}) x^{(1)}", P),
])
def test_logistic_regression_over_m_examples(tmp_path: Path, display: str,
                                             want: Verdict) -> None:
    got, errors = run(tmp_path, HEAD.replace("{indices}", 'indices = "superscript"\n')
                      + f"\n$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


def test_without_the_declaration_a_label_is_a_name_of_its_own(tmp_path: Path) -> None:
    _, errors = run(tmp_path, HEAD.replace("{indices}", ""))
    assert errors and "names another x" in errors[0], errors


@pytest.mark.parametrize(("text", "needle"), [
    ('indices = "sample"\n', 'write \\"superscript\\"'),
])
def test_a_wrong_value_is_refused(tmp_path: Path, text: str, needle: str) -> None:
    _, errors = run(tmp_path, HEAD.replace("{indices}", text))
    assert errors and needle.replace("\\", "") in errors[0].replace("\\", ""), errors


@pytest.mark.parametrize(("display", "needle"), [
    # an example's entry j: one number per example here (a feature's vector is declared)
    (r"x^{(i)}_j = 0", "with a subscript too"),
])
def test_what_an_example_index_cannot_be(tmp_path: Path, display: str, needle: str) -> None:
    head = HEAD.replace("{indices}", 'indices = "superscript"\nmatrices = { X = ["m", "m"] }\n')
    _, errors = run(tmp_path, head + f"\n$${display}$$\n")
    assert errors and needle in errors[-1], errors


def test_a_layer_label_in_square_brackets_stays_a_label(tmp_path: Path) -> None:
    """a^{[2]} is layer 2's a (Ng writes layers in square brackets), not the entry 2."""
    text = ('```derivcheck\ndims = { m = "positive integer" }\nvectors = { y = "m" }\n'
            'symbols = { u = "real" }\nindices = "superscript"\n```\n\n'
            '$$a^{[2]} = u^2$$\n\n$$\\frac{d a^{[2]}}{d u} = 2u$$\n\n$$y^{(1)} = y_1$$\n')
    got, errors = run(tmp_path, text)
    assert errors == [] and got == [[P], [P]], (got, errors)


def test_an_example_of_a_vector_the_page_names(tmp_path: Path) -> None:
    """ŷ^{(i)} with ŷ mapped to σ(z), z a vector over the examples: the entry i."""
    text = ('```derivcheck\ndims = { m = "positive integer" }\nvectors = { y = "m", z = "m" }\n'
            'latex = { "\\\\sigma" = "sigmoid", "\\\\hat{y}" = "sigmoid(z)" }\n'
            'indices = "superscript"\n```\n\n'
            '$$J = -\\frac{1}{m} \\sum_{i=1}^{m} \\left[ y^{(i)} \\log \\hat{y}^{(i)} + '
            '(1 - y^{(i)}) \\log (1 - \\hat{y}^{(i)}) \\right]$$\n\n'
            '$$\\frac{\\partial J}{\\partial z_k} = \\frac{1}{m}(\\hat{y}^{(k)} - y^{(k)})$$\n\n'
            '$$\\frac{\\partial J}{\\partial z_k} = \\frac{1}{m}(y^{(k)} - \\hat{y}^{(k)})$$\n')
    got, errors = run(tmp_path, text)
    assert errors == [] and got == [[P], [R]], (got, errors)


# From an adversary on example indices (each was proved or refuted wrongly before)
@pytest.mark.parametrize(("text", "needle"), [
    # a recurrence over a label: h^{(t-1)} read as a letter of its own dropped BPTT's term
    ('```derivcheck\ndims = { T = "positive integer" }\nvectors = { x = "T" }\n'
     'symbols = { w = "real", u = "real" }\nindices = "superscript"\n```\n\n'
     '$$h^{(t)} = \\tanh(w h^{(t-1)} + u x^{(t)})$$\n\n'
     '$$\\frac{\\partial h^{(t)}}{\\partial w} = (1 - (h^{(t)})^2) h^{(t-1)}$$\n', "a recurrence"),
    # a layer's and an example's labels in one superscript were read as a power (a^{2i})
    ('```derivcheck\nsymbols = { a = "real" }\nindices = "superscript"\n```\n\n'
     '$$a^{[2](i)} = a^{2i}$$\n', "with more after it"),
    ('```derivcheck\nsymbols = { a = "real" }\n```\n\n$$a^{(i)2} = a^{2i}$$\n',
     "with more after it"),
    # ∏_i … Σ_i …: the Σ was read inside the ∏
    ('```derivcheck\ndims = { m = "positive integer" }\nvectors = { x = "m" }\n'
     'symbols = { b = "real" }\nlatex = { "\\\\sigma" = "sigmoid" }\n```\n\n'
     '$$\\frac{\\partial}{\\partial b} \\prod_{i=1}^{m} \\sigma(x_i + b) = \\prod_{i=1}^{m} '
     '\\sigma(x_i + b) \\sum_{i=1}^{m} (1 - \\sigma(x_i + b))$$\n', "inside it"),
])
def test_what_is_refused_rather_than_guessed(tmp_path: Path, text: str, needle: str) -> None:
    _, errors = run(tmp_path, text)
    assert errors and needle in errors[0], errors


@pytest.mark.parametrize(("display", "want"), [
    # c = w is a node of its own under partials = "graph": ∂q/∂c holds w fixed
    (r"\frac{\partial q}{\partial c} = 1 - \tanh^2(c)", P),
    (r"\frac{\partial q}{\partial c} = 2 - \tanh^2(c)", R),  # (was proved)
])
def test_an_alias_of_a_variable_is_a_node(tmp_path: Path, display: str, want: Verdict) -> None:
    text = ('```derivcheck\nsymbols = { w = "real" }\npartials = "graph"\n```\n\n$$c = w$$\n\n'
            f'$$q = \\tanh(c) + w$$\n\n$${display}$$\n')
    got, errors = run(tmp_path, text)
    assert errors == [] and got == [[want]], (got, errors)


def test_a_quantifier_in_words_over_a_narrower_name_is_refused(tmp_path: Path) -> None:
    text = ('```derivcheck\nsymbols = { u = "real" }\ngiven = ["u > 0"]\n```\n\n'
            '$$\\sqrt{u^2} = u \\quad \\text{for every real } u$$\n')
    _, errors = run(tmp_path, text)
    assert errors and "ranges u over all values" in errors[-1], errors


LINEAR = ('```derivcheck\ndims = { m = "positive integer" }\n'
          'vectors = { x1 = "m", x2 = "m", y = "m" }\n'
          'symbols = { theta_0 = "real", theta_1 = "real", theta_2 = "real" }\n'
          'latex = { "\\\\theta_0" = "theta_0", "\\\\theta_1" = "theta_1", '
          '"\\\\theta_2" = "theta_2" }\nindices = "superscript"\n```\n\n'
          '$$J = \\frac{1}{2m} \\sum_{i=1}^{m} \\left(\\theta_0 + \\theta_1 x_1^{(i)} + '
          '\\theta_2 x_2^{(i)} - y^{(i)}\\right)^2$$\n')


@pytest.mark.parametrize(("display", "want"), [
    # x_1^{(i)}: the example i of the feature x_1 (declared x1); it was a scalar of its own
    (r"\frac{\partial J}{\partial \theta_1} = \frac{1}{m} \sum_{i=1}^{m} \left(\theta_0 + "
     r"\theta_1 x_1^{(i)} + \theta_2 x_2^{(i)} - y^{(i)}\right) x_1^{(i)}", P),
    (r"\frac{\partial J}{\partial \theta_1} = \frac{1}{m} \sum_{i=1}^{m} \left(\theta_0 + "
     r"\theta_1 x_1^{(i)} + \theta_2 x_2^{(i)} - y^{(i)}\right) x_2^{(i)}", R),
])
def test_linear_regression_with_features_over_m_examples(tmp_path: Path, display: str,
                                                         want: Verdict) -> None:
    got, errors = run(tmp_path, LINEAR + f"\n$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


def test_an_undeclared_feature_is_refused(tmp_path: Path) -> None:
    _, errors = run(tmp_path, LINEAR + "\n$$x_3^{(i)} = 0$$\n")
    assert errors and "as a vector over the examples" in errors[-1], errors


# From a fourth adversary
def test_a_recurrence_through_two_names_is_refused(tmp_path: Path) -> None:
    """g^{(t)} = tanh(w s^{(t-1)} + u), s^{(t)} = g^{(t)}: s^{(t-1)} is no letter of its own
    (∂g^{(t)}/∂w without the recurrent term was proved)."""
    text = ('```derivcheck\nsymbols = { w = "real", u = "real" }\nindices = "superscript"\n'
            '```\n\n$$g^{(t)} = \\tanh(w s^{(t-1)} + u)$$\n\n$$s^{(t)} = g^{(t)}$$\n\n'
            '$$\\frac{\\partial g^{(t)}}{\\partial w} = (1 - (g^{(t)})^2) s^{(t-1)}$$\n')
    got, errors = run(tmp_path, text)
    assert errors and "recurrence through two names" in errors[0], errors
    assert not any(v is Verdict.PROVED for line in got for v in line), got


def test_layer_labels_with_an_input_layer_read(tmp_path: Path) -> None:
    """a^{[0]}, the input, is used by z^{[1]} before any a^{[l]} is defined: a name of its
    own (only a step away from a label, t − 1, is a recurrence)."""
    text = ('```derivcheck\nsymbols = { w = "real", b = "real", v = "real" }\n'
            'latex = { "\\\\sigma" = "sigmoid" }\n```\n\n'
            '$$z^{[1]} = w a^{[0]} + b$$\n\n$$a^{[1]} = \\sigma(z^{[1]})$$\n\n'
            '$$\\frac{\\partial a^{[1]}}{\\partial b} = a^{[1]}(1 - a^{[1]})$$\n')
    got, errors = run(tmp_path, text)
    assert errors == [] and got == [[P]], (got, errors)


@pytest.mark.parametrize(("display", "want"), [
    (r"J(0, 0, 0) = \frac{1}{2m} \sum_{i=1}^{m} (y^{(i)})^2", P),
    (r"J(0, 0, 0) = \frac{1}{m} \sum_{i=1}^{m} (y^{(i)})^2", R),
    (r"\frac{\partial J}{\partial \theta_0} = \frac{1}{m} \sum_{i=1}^{m} \left(\theta_0 + "
     r"\theta_1 x_1^{(i)} + \theta_2 x_2^{(i)} - y^{(i)}\right)", P),
])
def test_a_cost_written_with_subscripted_parameters(tmp_path: Path, display: str,
                                                    want: Verdict) -> None:
    """J(\\theta_0, \\theta_1, \\theta_2) = …: its parameters are theta_0 … (it was refused,
    "write a function of plain variables"), and J at other values puts those in."""
    text = LINEAR.replace("$$J = ", "$$J(\\theta_0, \\theta_1, \\theta_2) = ")
    got, errors = run(tmp_path, text + f"\n$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


# ---------------------------------------------------------------- h_θ(x): a subscripted name

HYPOTHESIS = ('```derivcheck\ndims = { m = "positive integer" }\nvectors = { x = "m", y = "m" }\n'
              'symbols = { theta_0 = "real", theta_1 = "real" }\nindices = "superscript"\n```\n\n'
              '$$h_\\theta(x) = \\theta_0 + \\theta_1 x$$\n\n'
              '$$J(\\theta_0, \\theta_1) = \\frac{1}{2m} \\sum_{i=1}^m '
              '\\left(h_\\theta(x^{(i)}) - y^{(i)}\\right)^2$$\n')


@pytest.mark.parametrize(("display", "want"), [
    (r"\frac{\partial J}{\partial \theta_1} = \frac{1}{m} \sum_{i=1}^m "
     r"\left(h_\theta(x^{(i)}) - y^{(i)}\right) x^{(i)}", P),
    (r"\frac{\partial J}{\partial \theta_1} = \frac{1}{m} \sum_{i=1}^m "
     r"\left(h_\theta(x^{(i)}) - y^{(i)}\right)", R),  # the factor x^{(i)} dropped
    (r"\frac{\partial J}{\partial \theta_0} = \frac{1}{m} \sum_{i=1}^m "
     r"\left(h_{\theta}(x^{(i)}) - y^{(i)}\right)", P),  # h_{\theta}: the same function
    (r"h_\theta(2) = \theta_0 + 2\theta_1", P),
    (r"h_\theta(2) = \theta_0 + \theta_1", R),
])
def test_a_hypothesis_written_with_a_subscript_is_a_function(tmp_path: Path, display: str,
                                                             want: Verdict) -> None:
    got, errors = run(tmp_path, HYPOTHESIS + f"\n$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


def test_a_subscripted_function_at_other_parameters_is_refused(tmp_path: Path) -> None:
    # J(0, 0) would not put 0 into h_θ's θ₀ (the page's letter where h_θ was defined)
    _, errors = run(tmp_path, HYPOTHESIS + "\n$$J(0, 0) = \\frac{1}{2m} \\sum_{i=1}^m "
                    "(y^{(i)})^2$$\n")
    assert errors and "name the parameter apart" in errors[0], errors


@pytest.mark.parametrize(("display", "want"), [
    (r"\frac{d}{du} f_w(u) = 2 w u", P),
    (r"\frac{d}{du} f_w(u) = w u", R),
    (r"f_w(3) = 9w", P),  # f_w applied to 3, not f_w(u) times 3: f_w is never written alone
    (r"f_{w}(3) + f_w(1) = 10w", P),
])
def test_a_function_named_with_a_subscript(tmp_path: Path, display: str, want: Verdict) -> None:
    head = '```derivcheck\nsymbols = { w = "real", u = "real" }\n```\n\n$$f_w(u) = w u^2$$\n'
    got, errors = run(tmp_path, head + f"\n$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


def test_a_subscripted_function_inside_a_sum_over_its_subscript_is_refused(
        tmp_path: Path) -> None:
    """Σ_k f_k(x) with f_k(x) = x^k: the definition's k, not the sum's (refuted at k = 0, and
    = 3x^k proved)."""
    head = '```derivcheck\nsymbols = { x = "real" }\n```\n\n$$f_k(x) = x^k$$\n'
    got, errors = run(tmp_path, head + "\n$$\\sum_{k=0}^{2} f_k(x) = 1 + x + x^2$$\n")
    assert errors and ("inside a sum over k" in errors[0] or (
        "f_k's definition is written in terms of k" in errors[0] and "moves with it" in errors[0])
    ), (got, errors)


def test_a_function_at_another_subscript_is_refused_but_numbered_ones_are_two(
        tmp_path: Path) -> None:
    head = '```derivcheck\nsymbols = { w = "real", u = "real" }\n```\n\n$$f_w(u) = w u^2$$\n'
    _, errors = run(tmp_path, head + "\n$$f_2(u) = 2u^2$$\n")
    assert errors and "another subscript" in errors[0], errors
    head = '```derivcheck\nsymbols = { x = "real" }\n```\n\n$$f_1(x) = x^2$$\n\n$$f_2(x) = 2x$$\n'
    got, errors = run(tmp_path, head + "\n$$f_2(f_1(x)) = 2x^2$$\n")
    assert errors == [] and got == [[P]], (got, errors)


@pytest.mark.parametrize(("display", "want"), [
    (r"X^{(i)} = 0", R),  # the examples' matrix: x^{(i)} its row i, a vector
    (r"X^{(i)}_j = X_{ij}", P),  # and x_j^{(i)} its entry (i, j)
    (r"X^{(i)}_j = X_{ji}", R),
])
def test_the_examples_of_a_matrix_are_its_rows(tmp_path: Path, display: str,
                                               want: Verdict) -> None:
    head = HEAD.replace("{indices}", 'indices = "superscript"\nmatrices = { X = ["m", "m"] }\n')
    got, errors = run(tmp_path, head + f"\n$${display}$$\n")
    assert errors == [] and got[-1] == [want], (got, errors)
