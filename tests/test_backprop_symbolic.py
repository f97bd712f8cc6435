"""Backprop at symbolic sizes through the page's own intermediates: ∂L/∂z₂, ∂L/∂h, ∂L/∂z₁
where z₁ = W₁x + b₁, h = σ(z₁), z₂ = W₂h + b₂ and ŷ = softmax(z₂) are defined vectors of
symbolic length (the homework helper's most common refusal: "a derivative by an entry of a
vector whose size is a symbol, through its definition, is not read"). Each derivative takes
L with a fresh vector where it writes the intermediate, differentiates by its entry, and puts
the intermediate back; the verdicts must agree with the same page at explicit sizes."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.files import load_file
from checker.results import Verdict
from tests.recheck import by_line, checked_file

P, R = Verdict.PROVED, Verdict.REFUTED

FORWARD = r"""
$$z_1 = W_1 x + b_1$$

$$h = \sigma(z_1)$$

$$z_2 = W_2 h + b_2$$

$$\hat{y} = \operatorname{softmax}(z_2)$$

$$L = -\sum_{k=1}^{K} y_k \log \hat{y}_k$$
"""

# (display, expected verdict of its one step): the right gradients and the slips students make
GRADIENTS = [
    (r"\frac{\partial L}{\partial z_2} = \hat{y} - y", P),
    (r"\frac{\partial L}{\partial z_2} = y - \hat{y}", R),  # sign
    (r"\frac{\partial L}{\partial \hat{y}_j} = -\frac{y_j}{\hat{y}_j}", P),
    (r"\frac{\partial L}{\partial h} = W_2^\top (\hat{y} - y)", P),
    (r"\frac{\partial L}{\partial h} = W_2^\top (\hat{y} - y) \odot h", R),  # a factor too many
    (r"\frac{\partial L}{\partial z_1} = W_2^\top (\hat{y} - y) \odot h \odot (1 - h)", P),
    (r"\frac{\partial L}{\partial z_1} = W_2^\top (\hat{y} - y)", R),  # σ' dropped
    (r"\frac{\partial L}{\partial z_1} = W_2^\top (\hat{y} - y) \odot (1 - h)", R),  # half of σ'
    (r"\frac{\partial L}{\partial h_i} = \sum_{k=1}^{K} (W_2)_{ki} (\hat{y}_k - y_k)", P),
    (r"\frac{\partial \hat{y}}{\partial z_2} = \operatorname{diag}(\hat{y}) - "
     r"\hat{y} \hat{y}^\top", P),
    (r"\frac{\partial \hat{y}}{\partial z_2} = \operatorname{diag}(\hat{y})", R),
]


# at explicit sizes an index must be a number: the gradients written whole
WHOLE = [(latex, want) for latex, want in GRADIENTS if "_j" not in latex and "_i" not in latex]


def _page(sizes: dict[str, str], gradients: list[tuple[str, Verdict]]) -> str:
    D, H, K = sizes["D"], sizes["H"], sizes["K"]
    dims = ", ".join(f'{n} = "positive integer"' for n, v in sizes.items() if not v.isdigit())
    return ("# Backprop\n\n```derivcheck\n" + (f"dims = {{ {dims} }}\n" if dims else "")
            + f'vectors = {{ x = {_size(D)}, b_1 = {_size(H)}, b_2 = {_size(K)}, '
            f'y = {_size(K)} }}\n'
            f'matrices = {{ W_1 = [{_size(H)}, {_size(D)}], W_2 = [{_size(K)}, {_size(H)}] }}\n'
            f'given = ["Sum(y[k], (k, 1, {K})) == 1"]\n```\n' + FORWARD.replace("{K}", K)
            .replace("^{K}", "^{" + K + "}")
            + "".join(f"\n$${latex}$$\n" for latex, _ in gradients))


def _size(v: str) -> str:
    return v if v.isdigit() else f'"{v}"'


def _verdicts(tmp_path: Path, sizes: dict[str, str]) -> list[list[Verdict]]:
    path = tmp_path / "bp.md"
    path.write_text(_page(sizes, GRADIENTS if not sizes["K"].isdigit() else WHOLE), encoding="utf-8")
    report, errors = checked_file(path)  # (every counterexample re-checked independently)
    assert errors == []
    got = by_line(report)
    lines = sorted(got, key=int)
    assert len(lines) == (len(GRADIENTS) if not sizes["K"].isdigit() else len(WHOLE)), got
    return [got[line] for line in lines]


@pytest.mark.slow
def test_backprop_through_intermediates_at_symbolic_sizes(tmp_path: Path) -> None:
    symbolic = _verdicts(tmp_path, {"D": "D", "H": "H", "K": "K"})
    assert symbolic == [[want] for _, want in GRADIENTS]


@pytest.mark.slow
def test_the_same_page_at_explicit_sizes_agrees(tmp_path: Path) -> None:
    explicit = _verdicts(tmp_path, {"D": "2", "H": "3", "K": "2"})
    assert explicit == [[want] for _, want in WHOLE]


def _one(tmp_path: Path, block: str, text: str) -> tuple[dict, list[str]]:
    path = tmp_path / "one.md"
    path.write_text(f"```derivcheck\n{block}\n```\n{text}", encoding="utf-8")
    loaded = load_file(str(path))
    errors = [e.message for e in loaded.errors]
    if not loaded.items:
        return {}, errors
    report, _ = checked_file(path)
    got = by_line(report)
    return {line: got[line] for line in sorted(got, key=int)}, errors


HD = ('dims = { D = "positive integer", H = "positive integer" }\n'
      'vectors = { x = "D", b = "H", w = "H" }\nmatrices = { W = ["H", "D"] }')


def test_a_gradient_through_a_defined_vector_is_the_intermediate_put_back(tmp_path: Path) -> None:
    got, errors = _one(tmp_path, HD, "$$z = W x + b$$\n\n$$h = \\tanh(z)$$\n\n"
                       "$$L = w^\\top h$$\n\n"
                       "$$\\frac{\\partial L}{\\partial z} = w \\odot (1 - h \\odot h)$$\n\n"
                       "$$\\frac{\\partial L}{\\partial z} = w \\odot (1 - h)$$\n")
    assert errors == []
    assert list(got.values()) == [[P], [R]]


def test_a_kink_at_a_symbolic_size_is_refused_not_differentiated(tmp_path: Path) -> None:
    """relu's derivative at 0 is the engine's to handle (a kink); taken while reading it would
    be SymPy's convention. Refused, saying so, and the display beside it is still checked."""
    got, errors = _one(tmp_path, HD, "$$z = W x + b$$\n\n$$h = \\operatorname{ReLU}(z)$$\n\n"
                       "$$L = w^\\top h$$\n\n"
                       "$$\\frac{\\partial L}{\\partial z} = w$$\n\n"
                       "$$\\frac{\\partial L}{\\partial h} = w$$\n")
    assert any("a function with a kink" in e for e in errors), errors
    assert list(got.values()) == [[Verdict.ERROR], [P]]  # (not checked: the line is unread)


def test_a_loss_that_also_uses_what_the_vector_is_made_of_is_refused(tmp_path: Path) -> None:
    """L = wᵀh + wᵀz with h = tanh(z): is z held fixed in ∂L/∂h? Not one reading."""
    _, errors = _one(tmp_path, HD, "$$z = W x + b$$\n\n$$h = \\tanh(z)$$\n\n"
                     "$$L = w^\\top h + w^\\top z$$\n\n"
                     "$$\\frac{\\partial L}{\\partial h} = w$$\n")
    assert any("which h is made of" in e for e in errors), errors


def test_numerator_layout_transposes_the_gradient(tmp_path: Path) -> None:
    block = HD + '\nlayout = "numerator"'
    got, errors = _one(tmp_path, block, "$$z = W x + b$$\n\n$$h = \\tanh(z)$$\n\n"
                       "$$L = w^\\top h$$\n\n"
                       "$$\\frac{\\partial L}{\\partial h} = w^\\top$$\n\n"
                       "$$\\frac{\\partial L}{\\partial h} = w$$\n")
    assert errors == []
    assert list(got.values()) == [[P], [R]]  # (a column where a row is meant: shapes differ)


def test_the_gradient_of_an_entry_is_a_vector_not_that_entry(tmp_path: Path) -> None:
    """∂ŷ_k/∂z is the gradient of the number ŷ_k: a vector for each k (ŷ_k(e_k − ŷ)). It was
    compared at its entry k only, as a chain in index notation is, and the classic slip
    ŷ_k(1 − ŷ) was proved (a helper's finding). Now compared entry by entry for every k."""
    block = ('dims = { K = "positive integer", H = "positive integer" }\n'
             'vectors = { z = "K", u = "H" }')
    got, errors = _one(tmp_path, block, "$$\\hat{y} = \\operatorname{softmax}(z)$$\n\n"
                       "$$h = \\tanh(u)$$\n\n"
                       "$$\\frac{\\partial \\hat{y}_k}{\\partial z} = \\hat{y}_k (1 - \\hat{y})$$\n\n"
                       "$$\\nabla_z \\hat{y}_k = \\hat{y}_k (1 - \\hat{y})$$\n\n"
                       "$$\\frac{\\partial h_i}{\\partial u} = 1 - h \\odot h$$\n")
    assert errors == []
    assert list(got.values()) == [[R], [R], [R]]


@pytest.mark.parametrize("entry", ["h_2", "h_{n+1}"])
def test_an_entry_of_a_stage_by_a_number_is_refused(tmp_path: Path, entry: str) -> None:
    """∂L/∂h_2 at a symbolic n: h_2 does not exist at n = 1 (it was refuted there, with a
    counterexample outside the claim; ∂L/∂h_{n+1} = 0 was proved)."""
    _, errors = _one(tmp_path, 'dims = { n = "positive integer" }\nvectors = { x = "n" }',
                     "$$h = \\tanh(x)$$\n\n$$L = \\sum_{k=1}^{n} h_k$$\n\n"
                     f"$$\\frac{{\\partial L}}{{\\partial {entry}}} = 1$$\n")
    assert any("may lie outside its entries" in e for e in errors), errors


def test_a_comma_script_indexes_a_layer_vector(tmp_path: Path) -> None:
    """z_{2,k} with z₂ a defined (or declared) vector is its entry k. It was read as a new
    scalar "z_2_k", whose derivative is 0, and ∂L/∂z_{2,k} = ŷ_k − y_k was refuted."""
    block = ('dims = { K = "positive integer" }\nvectors = { a = "K", y = "K", w_1 = "K" }\n'
             'given = ["Sum(y[k], (k, 1, K)) == 1"]')
    got, errors = _one(tmp_path, block, "$$z_2 = 2 a$$\n\n"
                       "$$\\hat{y} = \\operatorname{softmax}(z_2)$$\n\n"
                       "$$L = -\\sum_{k=1}^{K} y_k \\log \\hat{y}_k$$\n\n"
                       "$$\\frac{\\partial L}{\\partial z_{2,k}} = \\hat{y}_k - y_k$$\n\n"
                       "$$\\frac{\\partial L}{\\partial z_{2,k}} = y_k - \\hat{y}_k$$\n\n"
                       "$$\\frac{\\partial}{\\partial w_{1,j}} \\sum_{k=1}^{K} w_{1,k}^2 = "
                       "2 w_{1,j}$$\n")
    assert errors == []
    assert list(got.values()) == [[P], [R], [P]]


def test_a_comma_script_on_a_scalar_or_two_arrays_is_refused(tmp_path: Path) -> None:
    _, errors = _one(tmp_path, 'symbols = { a = "real" }', "$$z_2 = 2 a$$\n\n$$z_{2,k} = 1$$\n")
    assert any("z_2 is a number here" in e for e in errors), errors
    _, errors = _one(tmp_path, 'dims = { K = "positive integer" }\n'
                     'vectors = { z_2 = "K" }\nmatrices = { z = ["K", "K"] }', "$$z_{2,k} = 1$$\n")
    assert any("could be an entry of the matrix z or of z_2" in e for e in errors), errors


def test_the_gradient_of_an_entry_at_another_index_is_index_notation(tmp_path: Path) -> None:
    """∇_x ŷ_k = Σ_j ŷ_k(δ_kj − ŷ_j) W_ji: the gradient's entry i, another index than the
    numerator's k, is the convention's reading (an adversary found it refuted by shape after
    the rule above was first written too broadly)."""
    block = ('dims = { D = "positive integer", K = "positive integer" }\n'
             'vectors = { x = "D", b = "K" }\nmatrices = { W = ["K", "D"] }')
    got, errors = _one(tmp_path, block, "$$z = W x + b$$\n\n$$\\hat{y} = \\operatorname{softmax}(z)$$\n\n"
                       "$$\\nabla_x \\hat{y}_k = \\sum_{j=1}^{K} \\hat{y}_k (\\delta_{kj} - "
                       "\\hat{y}_j) W_{j,i}$$\n\n"
                       "$$\\nabla_x \\hat{y}_k = \\sum_{j=1}^{K} \\hat{y}_k (1 - \\hat{y}_j) "
                       "W_{j,i}$$\n")
    assert errors == []
    assert list(got.values()) == [[P], [R]]
