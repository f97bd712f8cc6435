"""partials = "graph": a derivative by an intermediate holds everything else the numerator writes
fixed, as backprop's notation means it (∂h₂/∂h₁ of an RNN, where h₂ also uses the bias b that
h₁ is made of). Without the declaration such a derivative is refused (held fixed, or not?), and
the message says which declaration decides it (issue 11: a new user's RNN page and the
layer-norm note of corpus 41 were refused whole)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.results import Verdict
from tests.recheck import checked_file, document_verdicts

P, R, U = Verdict.PROVED, Verdict.REFUTED, Verdict.UNKNOWN

RNN = ('```derivcheck\nsymbols = { w = "real", u = "real", b = "real", x1 = "real", x2 = "real", '
       'h0 = "real", y = "real" }\nlatex = { "x_1" = "x1", "x_2" = "x2", "h_0" = "h0" }\n'
       '{partials}```\n\n$$h_1 = \\tanh(w h_0 + u x_1 + b)$$\n\n'
       '$$h_2 = \\tanh(w h_1 + u x_2 + b)$$\n\n$$L = \\frac{1}{2}(h_2 - y)^2$$\n')


def run(tmp_path: Path, text: str) -> tuple[list, list[str]]:
    return document_verdicts(tmp_path / "g.md", text)


@pytest.mark.parametrize(("display", "want"), [
    (r"\frac{\partial h_2}{\partial h_1} = w (1 - h_2^2)", P),
    (r"\frac{\partial h_2}{\partial h_1} = (1 - h_2^2)", R),  # the recurrent weight dropped
    (r"\frac{\partial L}{\partial h_1} = (h_2 - y)\, w\, (1 - h_2^2)", P),
    (r"\frac{\partial L}{\partial h_1} = (h_2 - y)\, w\, (1 - h_1^2)", R),  # the wrong state
    # a derivative by a variable is the total one, as always: both time steps
    (r"\frac{\partial L}{\partial w} = (h_2 - y)(1 - h_2^2)\left(h_1 + w (1 - h_1^2) h_0\right)", P),
    (r"\frac{\partial L}{\partial w} = (h_2 - y)(1 - h_2^2) h_1", R),
])
def test_backprop_through_time_with_graph_partials(tmp_path: Path, display: str,
                                                   want: Verdict) -> None:
    got, errors = run(tmp_path, RNN.replace("{partials}", 'partials = "graph"\n')
                      + f"\n$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


def test_without_the_declaration_the_derivative_is_refused_with_the_way_out(tmp_path: Path) -> None:
    _, errors = run(tmp_path, RNN.replace("{partials}", "")
                    + "\n$$\\frac{\\partial h_2}{\\partial h_1} = w (1 - h_2^2)$$\n")
    assert len(errors) == 1 and "held fixed is not clear" in errors[0] \
        and 'partials = "graph"' in errors[0], errors


def test_a_vector_intermediate(tmp_path: Path) -> None:
    """L = wᵀh + wᵀz with h = tanh(z): ∂L/∂h holds z fixed (w), ∂L/∂z is the total (both)."""
    block = ('```derivcheck\ndims = { D = "positive integer", H = "positive integer" }\n'
             'vectors = { x = "D", b = "H", w = "H" }\nmatrices = { W = ["H", "D"] }\n'
             'partials = "graph"\n```\n\n$$z = W x + b$$\n\n$$h = \\tanh(z)$$\n\n'
             '$$L = w^\\top h + w^\\top z$$\n')
    got, errors = run(tmp_path, block + "\n$$\\frac{\\partial L}{\\partial h} = w$$\n\n"
                      "$$\\frac{\\partial L}{\\partial h} = 2w$$\n\n"
                      "$$\\frac{\\partial L}{\\partial z} = w \\odot (1 - h \\odot h) + w$$\n")
    assert errors == [] and got == [[P], [R], [P]], (got, errors)


def test_only_graph_is_a_value(tmp_path: Path) -> None:
    _, errors = run(tmp_path, RNN.replace("{partials}", 'partials = "total"\n'))
    assert errors and 'write "graph"' in errors[0], errors


# ---------------------------------------------------------------------- an arbitrary loss J(w)

WD = ('```derivcheck\ndims = { d = "positive integer" }\nvectors = { w = "d" }\n'
      'symbols = { lam = "positive" }\nfunctions = { "J(w)" = "arbitrary" }\n'
      'latex = { "\\\\lambda" = "lam" }\n```\n\n'
      '$$\\tilde{J}(w) = J(w) + \\frac{\\lambda}{2} \\sum_{i=1}^{d} w_i^2$$\n')


@pytest.mark.parametrize(("display", "want"), [
    # weight decay's gradient, entry by entry
    (r"\frac{\partial \tilde{J}(w)}{\partial w_j} = \frac{\partial J}{\partial w_j} + \lambda w_j", P),
    (r"\frac{\partial \tilde{J}(w)}{\partial w_j} = \frac{\partial J}{\partial w_j} + 2\lambda w_j", R),
    (r"\frac{\partial}{\partial w_j} \sigma(J(w)) = \sigma(J(w))(1 - \sigma(J(w))) "
     r"\frac{\partial J}{\partial w_j}", P),
    (r"\frac{\partial}{\partial \lambda} \left(\lambda J(w)\right) = J(w)", P),
    (r"\tilde{J}(w) - J(w) = \frac{\lambda}{2} \sum_{i=1}^{d} w_i^2", P),
    (r"\frac{\partial}{\partial w_j} J(w) = 0", R),  # false for some J
])
def test_an_arbitrary_loss_of_a_vector_of_symbolic_length(tmp_path: Path, display: str,
                                                           want: Verdict) -> None:
    """J(w) with J declared arbitrary and w of symbolic length (weight decay: it was "J(…) of
    a vector whose size is a symbol: … not its value"): its value is one number, its
    derivative by w_k the entry k of its gradient ∂J/∂w, a vector of its own."""
    got, errors = run(tmp_path, WD + f"\n$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


@pytest.mark.parametrize("display", [
    r"\frac{\partial^2 J}{\partial w_j^2} = 0",  # (was proved: the gradient's entry held still)
    r"\frac{\partial^2 \tilde{J}(w)}{\partial w_j \partial w_k} = 0",
    r"\frac{\partial}{\partial w_j} \frac{\partial J}{\partial w_k} = 0",
    r"\nabla_w \frac{\partial J}{\partial w_j} = 0",  # (an adversary: proved)
])
def test_its_second_derivatives_are_refused(tmp_path: Path, display: str) -> None:
    _, errors = run(tmp_path, WD + f"\n$${display}$$\n")
    assert len(errors) == 1 and "second" in errors[0], errors


@pytest.mark.parametrize(("display", "want"), [
    (r"\nabla_w \tilde{J}(w) = \lambda w + \nabla_w J(w)", P),
    (r"\nabla_w \tilde{J}(w) = 2 \lambda w + \nabla_w J(w)", R),
    (r"\sum_{k=1}^{d} w_k \frac{\partial J}{\partial w_k} = w^T \nabla_w J(w)", P),  # (was
    (r"\frac{\partial J(w)}{\partial w} = \nabla_w J", P),                    # refuted)
])
def test_its_whole_gradient_is_read(tmp_path: Path, display: str, want: Verdict) -> None:
    """∇_w J(w) at a symbolic length is taken where it is written (its entry i the gradient's
    entry ∂J/∂w_i): left for later, J's dependence on w was not seen, and true identities
    were refuted (so it was refused)."""
    got, errors = run(tmp_path, WD + f"\n$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


@pytest.mark.parametrize("display", [
    r"\nabla_w \nabla_w J(w) = 0",  # (an adversary: the Hessian proved 0)
    r"\frac{\partial}{\partial w_j} \frac{\partial J(w)}{\partial w} = 0",
])
def test_a_derivative_of_its_whole_gradient_is_refused(tmp_path: Path, display: str) -> None:
    _, errors = run(tmp_path, WD + f"\n$${display}$$\n")
    assert errors and all("second derivatives" in e for e in errors), errors


@pytest.mark.parametrize(("display", "needle"), [
    # J declared of w (length d) given a number: it read as a function of one number, and
    # ∂/∂λ J(u) = 0 was proved (an adversary; pre-existing)
    (r"\frac{\partial}{\partial w_j} J(\lambda) = 0", "is given a number"),
    # u defined entry by entry, then u alone: a letter of its own (∂/∂λ J(u) = 0 proved);
    # J(u) is now J at u's entries (below), u alone elsewhere still refused
    (r"u_i = \lambda w_i$$\n\n$$\frac{\partial}{\partial \lambda} u = 0", "u alone"),
])
def test_what_a_function_of_a_vector_is_not_given(tmp_path: Path, display: str,
                                                  needle: str) -> None:
    _, errors = run(tmp_path, WD + f"\n$${display}$$\n")
    assert errors and needle in errors[-1], errors


@pytest.mark.parametrize(("display", "want"), [
    (r"\frac{\partial}{\partial \lambda} J(u) = 0", R),
    (r"\frac{\partial}{\partial \lambda} J(u) = \sum_{k=1}^{d} w_k \frac{\partial J(u)}"
     r"{\partial u_k}", P),
    (r"\frac{\partial}{\partial w_j} J(u) = \lambda \frac{\partial J(u)}{\partial u_j}", P),
    (r"\frac{\partial}{\partial w_j} J(u) = \frac{\partial J(u)}{\partial u_j}", R),
])
def test_an_arbitrary_function_at_a_vector_defined_entry_by_entry(
        tmp_path: Path, display: str, want: Verdict) -> None:
    """J(u) with u_i = λw_i (u of symbolic length d): J at u's entries, whose derivative by
    anything is the chain rule Σ_k (∂J/∂u)_k ∂u_k/∂s, the gradient's entries any numbers."""
    got, errors = run(tmp_path, WD + "\n$$u_i = \\lambda w_i$$\n\n" + f"$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


def test_an_unknown_says_which_instances_were_not_decided(tmp_path: Path) -> None:
    """∂h_i/∂w_j with h_i = J(w) w_i, the J(w)δ_ij term missing: false where i = j. It said
    "the instances d = 2, d = 3, d = 4 are all proved" though only i ≠ j ones were."""
    block = ('```derivcheck\ndims = { d = "positive integer" }\nvectors = { w = "d" }\n'
             'functions = { "J(w)" = "arbitrary" }\n```\n\n$$h_i = J(w) w_i$$\n')
    path = tmp_path / "h.md"
    path.write_text(block + "\n$$\\frac{\\partial h_i}{\\partial w_j} = \\frac{\\partial J}{\\partial "
                    "w_j} w_i$$\n", encoding="utf-8")
    report, errors = checked_file(path)
    assert errors == []
    (outcome,) = report.outcomes
    r = next(c.result for c in outcome.checks if c.check.step)
    assert r.verdict is U and "all proved" not in r.detail and "not decided" in r.detail, r.detail


LAYERNORM = ('```derivcheck\ndims = { D = "positive integer" }\nvectors = { x = "D" }\n'
             'symbols = { varepsilon = "positive" }\npartials = "graph"\n```\n\n'
             '$$\\mu = \\frac{1}{D}\\sum_{i=1}^{D} x_i$$\n\n'
             '$$\\sigma^2 = \\frac{1}{D}\\sum_{i=1}^{D}(x_i - \\mu)^2$$\n\n'
             '$$\\hat{x}_i = \\frac{x_i - \\mu}{\\sqrt{\\sigma^2 + \\varepsilon}}$$\n')


@pytest.mark.parametrize(("display", "want"), [
    # the definitions hold sums (read in the file's scope): μ's and σ²'s own
    (r"\frac{\partial \hat{x}_j}{\partial \sigma^2} = (x_j - \mu)"
     r"\left(-\tfrac{1}{2}(\sigma^2+\varepsilon)^{-3/2}\right)", P),
    (r"\frac{\partial \hat{x}_j}{\partial \sigma^2} = (x_j - \mu)"
     r"\left(-\tfrac{1}{2}(\sigma^2+\varepsilon)^{-1/2}\right)", R),
    (r"\frac{\partial \hat{x}_j}{\partial \mu} = \frac{-1}{\sqrt{\sigma^2+\varepsilon}}", P),
    (r"\frac{\partial \sigma^2}{\partial \mu} = \frac{-2}{D}\sum_{j=1}^{D}(x_j - \mu)", P),
    (r"\frac{\partial \sigma^2}{\partial \mu} = \frac{-1}{D}\sum_{j=1}^{D}(x_j - \mu)^2", R),
    # inside a sum over j, the member x̂_j is the sum's own (it was read as a j of its own:
    # the first was refuted at j = 1)
    (r"\sum_{j=1}^{D} \frac{\partial \hat{x}_j}{\partial \sigma^2} = "
     r"-\tfrac{1}{2}(\sigma^2+\varepsilon)^{-3/2} \sum_{j=1}^{D}(x_j - \mu)", P),
    (r"\sum_{j=1}^{D} \frac{\partial \hat{x}_j}{\partial \mu} = "
     r"\frac{-1}{\sqrt{\sigma^2+\varepsilon}}", R),
])
def test_derivatives_by_a_definition_whose_value_holds_sums(tmp_path: Path, display: str,
                                                          want: Verdict) -> None:
    got, errors = run(tmp_path, LAYERNORM + f"\n$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


def test_a_member_differentiated_inside_a_sum_over_its_index(tmp_path: Path) -> None:
    """Σ_j ∂h_j/∂c with h_j = c x_j²: each term is x_j², the sum's j (it was refuted at j = 1,
    the derivative's body read with a j of its own; before partials through sums existed)."""
    text = ('```derivcheck\ndims = { D = "positive integer" }\nvectors = { x = "D" }\n'
            'symbols = { w = "real" }\n```\n\n$$c = w^2$$\n\n$$h_i = c x_i^2$$\n\n'
            '$$\\sum_{j=1}^{D} \\frac{\\partial h_j}{\\partial c} = \\sum_{j=1}^{D} x_j^2$$\n\n'
            '$$\\sum_{j=1}^{D} \\frac{\\partial h_j}{\\partial c} = D x_1^2$$\n')
    got, errors = run(tmp_path, text)
    assert errors == [] and got == [[P], [R]], (got, errors)


LAYERNORM_L = (LAYERNORM.replace('partials = "graph"', 'partials = "graph"\nvectors = { x = "D", '
                                 'gamma = "D", beta = "D" }\nfunctions = { "L(y)" = "arbitrary" }'
                                 '\ngradients = "L"').replace('vectors = { x = "D" }\n', '')
               + '\n$$y_i = \\gamma_i \\hat{x}_i + \\beta_i$$\n')


@pytest.mark.parametrize(("display", "want"), [
    # L(y) of the family y, y_i = γ_i x̂_i + β_i, at the symbolic length D: dy_i is ∂L/∂y_i
    (r"\frac{\partial L}{\partial \beta_i} = dy_i", P),
    (r"\frac{\partial L}{\partial \beta_i} = 2 dy_i", R),
    (r"\frac{\partial L}{\partial \gamma_i} = dy_i \hat{x}_i", P),
    (r"\frac{\partial L}{\partial \gamma_i} = dy_i", R),
    # dx̂_i: through y, every member of x̂ a fresh vector's entry (not Σ_k γ_k dy_k)
    (r"d\hat{x}_i = dy_i \gamma_i", P),
    (r"d\hat{x}_i = \sum_{k=1}^{D} dy_k \gamma_k", R),
    (r"d\sigma^2 = \sum_{j=1}^{D} d\hat{x}_j (x_j - \mu)\left(-\tfrac{1}{2}"
     r"(\sigma^2+\varepsilon)^{-3/2}\right)", P),
    (r"d\sigma^2 = \sum_{j=1}^{D} d\hat{x}_j (x_j - \mu)\left(-\tfrac{1}{2}"
     r"(\sigma^2+\varepsilon)^{-1/2}\right)", R),
    # dμ: both paths, the one through σ² vanishing as μ is the mean
    (r"d\mu = \frac{-1}{\sqrt{\sigma^2+\varepsilon}} \sum_{j=1}^{D} d\hat{x}_j", P),
    (r"d\mu = \frac{-1}{\sqrt{\sigma^2+\varepsilon}} \sum_{j=1}^{D} d\hat{x}_j + "
     r"\sum_{j=1}^{D} d\hat{x}_j (x_j - \mu)", R),
    # the input's gradient, layer norm's backward pass, for every D; a sign slip refuted
    (r"dx_i = \frac{1}{D\sqrt{\sigma^2+\varepsilon}}\left(D\, d\hat{x}_i - \sum_{j=1}^{D} "
     r"d\hat{x}_j - \hat{x}_i \sum_{j=1}^{D} d\hat{x}_j \hat{x}_j\right)", P),
    (r"dx_i = \frac{1}{D\sqrt{\sigma^2+\varepsilon}}\left(D\, d\hat{x}_i - \sum_{j=1}^{D} "
     r"d\hat{x}_j + \hat{x}_i \sum_{j=1}^{D} d\hat{x}_j \hat{x}_j\right)", R),
    (r"dx_i = \frac{d\hat{x}_i}{\sqrt{\sigma^2+\varepsilon}} + d\sigma^2 \frac{2(x_i - \mu)}{D}"
     r" + \frac{d\mu}{D}", P),
    # a derivative by a member of a family: by every member, as a vector's entries
    (r"\frac{\partial y_j}{\partial \hat{x}_k} = \gamma_j \delta_{jk}", P),
    (r"\frac{\partial y_j}{\partial \hat{x}_k} = \gamma_j", R),
    (r"\frac{\partial y_1}{\partial \hat{x}_1} = \gamma_1", P),
])
def test_layer_norm_backward_at_a_symbolic_width(tmp_path: Path, display: str,
                                                 want: Verdict) -> None:
    got, errors = run(tmp_path, LAYERNORM_L + f"\n$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


@pytest.mark.parametrize(("text", "needle"), [
    # a family whose length no declared vector tells
    ('```derivcheck\nfunctions = { "L(y)" = "arbitrary" }\n```\n\n$$y_i = i^2$$\n\n'
     '$$\\frac{\\partial L(y)}{\\partial y_1} = 0$$\n', "there is none: declare"),
    # without partials = "graph", ∂L/∂x̂ through y where y also uses what x̂ is made of
    ('```derivcheck\ndims = { D = "positive integer" }\nvectors = { x = "D" }\n'
     'functions = { "L(y)" = "arbitrary" }\n```\n\n$$h_i = 2 x_i$$\n\n$$y_i = h_i + x_i$$\n\n'
     '$$\\frac{\\partial L(y)}{\\partial h_1} = 0$$\n', "held fixed is not clear"),
])
def test_what_a_family_whole_is_not_given(tmp_path: Path, text: str, needle: str) -> None:
    _, errors = run(tmp_path, text)
    assert errors and needle in errors[-1], errors


# From an adversary on families whole and derivatives by members (each wrong before the fix:
# a member was matched by its value, not by what the page writes)
CENTRED = ('```derivcheck\ndims = { D = "positive integer", H = "positive integer" }\n'
           'vectors = { x = "D" }\nmatrices = { W = ["H", "D"] }\n'
           'functions = { "L(y)" = "arbitrary" }\ngradients = "L"\npartials = "graph"\n```\n\n'
           '$$h_j = \\sum_{i=1}^{D} W_{ji} x_i$$\n\n'
           '$$y_i = h_i - \\frac{1}{H}\\sum_{j=1}^{H} h_j$$\n')


@pytest.mark.parametrize(("display", "want"), [
    # h's own sum index is the index of y: the member h_i inside y was renamed apart and lost
    (r"dh_k = dy_k - \frac{1}{H}\sum_{j=1}^{H} dy_j", P),
    (r"dh_k = -\frac{1}{H}\sum_{j=1}^{H} dy_j", R),  # (was proved)
    (r"\frac{\partial y_j}{\partial h_k} = \delta_{jk} - \frac{1}{H}", P),
    (r"\frac{\partial y_j}{\partial h_k} = -\delta_{jk}", R),  # (was proved)
])
def test_a_member_whose_family_sums_over_the_outer_index(tmp_path: Path, display: str,
                                                         want: Verdict) -> None:
    got, errors = run(tmp_path, CENTRED + f"\n$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


@pytest.mark.parametrize(("block", "display", "want"), [
    # x̂ writes x − μ, not c: with partials = "graph", ∂y/∂c holds x̂ fixed
    ('$$c_i = x_i - \\mu$$\n\n$$\\hat{x}_i = \\frac{x_i - \\mu}{s}$$\n\n'
     '$$y_i = \\gamma_i \\hat{x}_i + \\beta_i c_i$$\n',
     r"\frac{\partial y_j}{\partial c_k} = \beta_j \delta_{jk}", P),
    # two families written alike are two nodes
    ('$$z_i = \\gamma_i x_i$$\n\n$$w_i = \\gamma_i x_i$$\n\n$$y_i = z_i + w_i$$\n',
     r"\frac{\partial y_j}{\partial w_k} = \delta_{jk}", P),
    ('$$z_i = \\gamma_i x_i$$\n\n$$w_i = \\gamma_i x_i$$\n\n$$y_i = z_i + w_i$$\n',
     r"\frac{\partial y_j}{\partial w_k} = 2\delta_{jk}", R),  # (was proved)
    # a member whose value is a power is no derivative's order (∂²h_j/∂h_k was proved 2δ)
    ('$$h_i = x_i^2$$\n', r"\frac{\partial h_j}{\partial h_k} = \delta_{jk}", P),
])
def test_a_member_is_what_the_page_writes(tmp_path: Path, block: str, display: str,
                                          want: Verdict) -> None:
    head = ('```derivcheck\ndims = { D = "positive integer" }\nvectors = { x = "D", '
            'gamma = "D", beta = "D" }\nsymbols = { s = "positive" }\npartials = "graph"\n```\n\n'
            '$$\\mu = \\frac{1}{D}\\sum_{i=1}^{D} x_i$$\n\n')
    got, errors = run(tmp_path, head + block + f"\n$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


def test_a_member_inside_a_family_that_binds_its_index_again(tmp_path: Path) -> None:
    """y_j with y_i = h_i − (1/D) Σ_j h_j and h_j = Σ_i c_i x_j: the member of y at j renames
    the sum over j apart; inside h's sum over i it was not renamed (y_j = h_j − h_j proved)."""
    text = ('```derivcheck\ndims = { D = "positive integer" }\nvectors = { x = "D", c = "D" }\n'
            '```\n\n$$h_j = \\sum_{i=1}^{D} c_i x_j$$\n\n'
            '$$y_i = h_i - \\frac{1}{D}\\sum_{j=1}^{D} h_j$$\n\n'
            '$$y_j = h_j - \\frac{1}{D}\\sum_{m=1}^{D} h_m$$\n\n$$y_j = h_j - h_j$$\n')
    got, errors = run(tmp_path, text)
    assert errors == [] and got == [[P], [R]], (got, errors)


BATCHNORM = ('```derivcheck\ndims = { m = "positive integer" }\nvectors = { x = "m" }\n'
             'symbols = { gamma = "real", beta = "real", epsilon = "positive" }\n'
             'functions = { "L(y)" = "arbitrary" }\ngradients = "L"\npartials = "graph"\n```\n\n'
             '$$\\mu_B = \\frac{1}{m}\\sum_{i=1}^{m} x_i$$\n\n'
             '$$\\sigma_B^2 = \\frac{1}{m}\\sum_{i=1}^{m} (x_i - \\mu_B)^2$$\n\n'
             '$$\\hat{x}_i = \\frac{x_i - \\mu_B}{\\sqrt{\\sigma_B^2 + \\epsilon}}$$\n\n'
             '$$y_i = \\gamma \\hat{x}_i + \\beta$$\n')


@pytest.mark.parametrize(("display", "want"), [
    # the batch-norm backward pass as course notes write it (γ and β shared by the batch)
    (r"\frac{\partial L}{\partial \gamma} = \sum_{i=1}^{m} \frac{\partial L}{\partial y_i} "
     r"\hat{x}_i", P),
    (r"\frac{\partial L}{\partial \gamma} = \sum_{i=1}^{m} \frac{\partial L}{\partial y_i}", R),
    (r"\frac{\partial L}{\partial \beta} = \sum_{i=1}^{m} \frac{\partial L}{\partial y_i}", P),
    (r"\frac{\partial L}{\partial x_i} = \frac{\partial L}{\partial \hat{x}_i} \cdot "
     r"\frac{1}{\sqrt{\sigma_B^2 + \epsilon}} + \frac{\partial L}{\partial \sigma_B^2} \cdot "
     r"\frac{2(x_i - \mu_B)}{m} + \frac{\partial L}{\partial \mu_B} \cdot \frac{1}{m}", P),
    (r"\frac{\partial L}{\partial x_i} = \frac{\partial L}{\partial \hat{x}_i} \cdot "
     r"\frac{1}{\sqrt{\sigma_B^2 + \epsilon}} + \frac{\partial L}{\partial \sigma_B^2} \cdot "
     r"\frac{2(x_i - \mu_B)}{m}", R),  # the path through μ_B dropped
])
def test_batch_norm_backward_with_shared_scale(tmp_path: Path, display: str,
                                               want: Verdict) -> None:
    got, errors = run(tmp_path, BATCHNORM + f"\n$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


# From a second adversary: what a derivative by a node goes through
@pytest.mark.parametrize(("block", "display", "want"), [
    # h_i = x_i is a node of its own under partials = "graph" (a residual's two paths)
    ('$$h_i = x_i$$\n\n$$y_i = \\tanh(h_i) + x_i$$\n',
     r"\frac{\partial y_j}{\partial h_k} = \delta_{jk}(1 - \tanh^2(h_k))", P),
    ('$$h_i = x_i$$\n\n$$y_i = \\tanh(h_i) + x_i$$\n',
     r"\frac{\partial y_j}{\partial h_k} = \delta_{jk}(2 - \tanh^2(h_k))", R),  # (was proved)
])
def test_a_node_that_is_an_entry_is_a_node(tmp_path: Path, block: str, display: str,
                                           want: Verdict) -> None:
    head = ('```derivcheck\ndims = { D = "positive integer" }\nvectors = { x = "D" }\n'
            'partials = "graph"\n```\n\n')
    got, errors = run(tmp_path, head + block + f"\n$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


@pytest.mark.parametrize("block", [
    # f's own definition writes the node: ∂y₁/∂h₁ = h₁ was proved (it is 2h₁)
    '```derivcheck\ndims = { D = "positive integer" }\nvectors = { x = "D" }\n'
    'partials = "graph"\n```\n\n$$h_i = x_i^2$$\n\n$$f(t) = t h_1$$\n\n$$y_i = f(h_i)$$\n\n'
    '$$\\frac{\\partial y_1}{\\partial h_1} = h_1$$\n',
    '```derivcheck\nsymbols = { w = "real" }\npartials = "graph"\n```\n\n$$c = w^2$$\n\n'
    '$$f(t) = t c$$\n\n$$y = f(c)$$\n\n$$\\frac{\\partial y}{\\partial c} = c$$\n',
])
def test_a_node_inside_a_function_it_goes_through_is_refused(tmp_path: Path,
                                                            block: str) -> None:
    _, errors = run(tmp_path, block)
    assert errors and "in its own definition" in errors[-1], errors


def test_a_family_at_an_explicit_length(tmp_path: Path) -> None:
    """Each member read at its number (x_k with an explicit x); it failed on an index name."""
    text = ('```derivcheck\nvectors = { x = 3, gamma = 3 }\nfunctions = { "L(y)" = "arbitrary" }\n'
            '```\n\n$$h_i = x_i^2$$\n\n$$y_i = h_i \\gamma_i$$\n\n'
            '$$\\frac{\\partial y_1}{\\partial h_1} = \\gamma_1$$\n\n'
            '$$\\frac{\\partial L(y)}{\\partial x_1} = 2 x_1 \\gamma_1 '
            '\\frac{\\partial L(y)}{\\partial y_1}$$\n\n'
            '$$\\frac{\\partial L(y)}{\\partial x_1} = x_1 \\gamma_1 '
            '\\frac{\\partial L(y)}{\\partial y_1}$$\n')
    got, errors = run(tmp_path, text)
    assert errors == [] and got == [[P], [P], [R]], (got, errors)


@pytest.mark.parametrize(("display", "want"), [
    (r"\frac{\partial y_j}{\partial h_k} = \delta_{jk}(1 - \tanh^2(h_k))", P),
    (r"\frac{\partial y_j}{\partial h_k} = \delta_{jk}(2 - \tanh^2(h_k))", R),  # (was proved)
])
def test_a_vector_alias_is_a_node(tmp_path: Path, display: str, want: Verdict) -> None:
    """h = x (whole) under partials = "graph": a node of its own, as h_i = x_i is."""
    text = ('```derivcheck\ndims = { D = "positive integer" }\nvectors = { x = "D" }\n'
            'partials = "graph"\n```\n\n$$h = x$$\n\n$$y_i = \\tanh(h_i) + x_i$$\n\n'
            f'$${display}$$\n')
    got, errors = run(tmp_path, text)
    assert errors == [] and got == [[want]], (got, errors)


@pytest.mark.parametrize(("partials", "display", "want"), [
    # without the key, a derivative by a display's alias h = x where the numerator also
    # writes x is refused (held fixed?); it was read as the total derivative and proved
    ("", r"\frac{\partial y_j}{\partial h_k} = \delta_{jk}(2 - \tanh^2(h_k))", None),
    ('partials = "graph"\n', r"\sum_{i} \frac{\partial y_i}{\partial h_i} = "
                             r"\sum_{i} (1 - \tanh^2(h_i))", P),  # Σ_i without bounds: x's
])
def test_a_vector_alias_without_and_with_graph_partials(tmp_path: Path, partials: str,
                                                       display: str, want: Verdict | None) -> None:
    text = ('```derivcheck\ndims = { D = "positive integer" }\nvectors = { x = "D" }\n'
            f'{partials}```\n\n$$h = x$$\n\n$$y_i = \\tanh(h_i) + x_i$$\n\n$${display}$$\n')
    got, errors = run(tmp_path, text)
    if want is None:
        assert errors and "held fixed is not clear" in errors[-1], errors
    else:
        assert errors == [] and got == [[want]], (got, errors)


def test_a_matrix_alias_takes_two_indices(tmp_path: Path) -> None:
    text = ('```derivcheck\ndims = { D = "positive integer", H = "positive integer" }\n'
            'vectors = { x = "D" }\nmatrices = { W = ["H", "D"] }\npartials = "graph"\n```\n\n'
            '$$A = W$$\n\n$$z_j = \\sum_{i=1}^{D} A_{ji} x_i$$\n\n'
            '$$\\frac{\\partial z_j}{\\partial A_{jk}} = x_k$$\n')
    got, errors = run(tmp_path, text)
    assert errors == [] and got == [[P]], (got, errors)


NG_NET = ('```derivcheck\nsymbols = { x = "real", y = "real", w1 = "real", b1 = "real", '
          'w2 = "real", b2 = "real" }\nlatex = { "\\\\sigma" = "sigmoid", "W^{[1]}" = "w1", '
          '"b^{[1]}" = "b1", "W^{[2]}" = "w2", "b^{[2]}" = "b2" }\ngradients = "L"\n```\n\n'
          '$$z^{[1]} = W^{[1]} x + b^{[1]}$$\n\n$$a^{[1]} = \\sigma(z^{[1]})$$\n\n'
          '$$z^{[2]} = W^{[2]} a^{[1]} + b^{[2]}$$\n\n$$a^{[2]} = \\sigma(z^{[2]})$$\n\n'
          '$$L = -\\left(y \\log a^{[2]} + (1 - y) \\log(1 - a^{[2]})\\right)$$\n')


@pytest.mark.parametrize(("display", "want"), [
    # gradients = "L" with the loss written out on the page (Ng's dz, dW, db)
    (r"dz^{[2]} = a^{[2]} - y", P),
    (r"dW^{[2]} = (a^{[2]} - y) a^{[1]}", P),
    (r"db^{[1]} = (a^{[2]} - y) W^{[2]} a^{[1]}(1 - a^{[1]})", P),
    (r"db^{[1]} = (a^{[2]} - y) W^{[2]} a^{[1]}", R),
])
def test_gradient_names_of_a_loss_the_page_defines(tmp_path: Path, display: str,
                                                    want: Verdict) -> None:
    got, errors = run(tmp_path, NG_NET + f"\n$${display}$$\n")
    assert errors == [] and got == [[want]], (got, errors)
