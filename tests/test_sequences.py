"""Sequences a document defines by a recurrence (issue 11: Adam's moving averages, momentum,
an RNN's hidden state were "m is not a declared vector"): m_t = β m_{t-1} + (1 − β) g_t with
m_0 = 0 reads m_3 by unrolling, and m_t at a symbolic t by solving the linear recurrence.
Every refutation is re-checked independently (tests/recheck.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.results import Verdict
from tests.recheck import by_line, checked_file, document_verdicts

P, R, U = Verdict.PROVED, Verdict.REFUTED, Verdict.UNKNOWN

BLOCK = ('```derivcheck\nsymbols = { beta = "positive", w = "real", h_0 = "real" }\n'
         'dims = { n = "positive integer" }\nvectors = { g = "n", x = "n" }\n'
         'given = ["beta < 1", "n >= 3"]\n```\n')
EMA = r"m_t = \beta m_{t-1} + (1 - \beta) g_t"


def run(tmp_path: Path, *displays: str) -> tuple[list[list[Verdict]], list[str]]:
    return document_verdicts(tmp_path / "seq.md",
                             BLOCK + "".join(f"\n$${d}$$\n" for d in displays))


@pytest.mark.parametrize(("display", "want"), [
    (r"m_1 = (1 - \beta) g_1", P),
    (r"m_2 = \beta (1 - \beta) g_1 + (1 - \beta) g_2", P),
    (r"m_3 = \beta^2 (1 - \beta) g_1 + \beta (1 - \beta) g_2 + (1 - \beta) g_3", P),
    (r"m_2 = (1 - \beta) g_1 + (1 - \beta) g_2", R),  # the decay of g_1 forgotten
    (r"m_n = (1 - \beta) \sum_{i=0}^{n-1} \beta^{i} g_{n-i}", P),  # for every n
    (r"m_n = (1 - \beta) \sum_{i=0}^{n-1} \beta^{i+1} g_{n-i}", R),
    (r"m_n = (1 - \beta) \sum_{i=1}^{n} \beta^{n-i} g_i", P),  # the same sum, the other way
    (r"m_n = (1 - \beta) \sum_{i=1}^{n} \beta^{i} g_i", R),
    # the recurrence itself at n: true, but the two closed forms differ by a shift of the
    # sum's index, which the every-n engine does not normalise: unknown, never refuted
    (r"m_n = \beta m_{n-1} + (1 - \beta) g_n", U),
    (r"m_n - \beta m_{n-1} = (1 - \beta) g_{n-1}", R),
])
def test_an_exponential_moving_average(tmp_path: Path, display: str, want: Verdict) -> None:
    got, errors = run(tmp_path, EMA, "m_0 = 0", display)
    assert errors == [] and got == [[want]], (got, errors)


def test_a_recurrence_that_is_not_linear_is_read_at_numbers_only(tmp_path: Path) -> None:
    rnn = r"h_t = \tanh(w h_{t-1} + x_t)"
    got, errors = run(tmp_path, rnn, r"h_2 = \tanh(w \tanh(w h_0 + x_1) + x_2)",
                      r"h_2 = \tanh(w \tanh(x_1) + x_2)")
    assert errors == [] and got == [[P], [R]], (got, errors)
    _, errors = run(tmp_path, rnn, r"h_n = \tanh(x_n)")
    assert len(errors) == 1 and "not linear" in errors[0]


def test_the_first_value_must_be_given(tmp_path: Path) -> None:
    """Without m_0, "m_1 = (1 − β) g_1" could be the first value or a claim: refused."""
    _, errors = run(tmp_path, EMA, r"m_1 = (1 - \beta) g_1")
    assert len(errors) == 1 and "m_0, the first value" in errors[0]


@pytest.mark.parametrize(("displays", "needle"), [
    ((r"m_t = c\, m_{t-1} + g_t", "m_0 = 0", "m_1 = g_1"), "not declared"),  # c: a letter
    ((EMA, "m_0 = 0", r"m_{n-2} = 0"), "may be below 0"),
])
def test_what_is_refused(tmp_path: Path, displays: tuple[str, ...], needle: str) -> None:
    _, errors = run(tmp_path, *displays)
    assert errors and needle in errors[0], errors


def test_a_second_order_recurrence_needs_its_second_value(tmp_path: Path) -> None:
    _, errors = run(tmp_path, r"m_t = m_{t-1} + m_{t-2}", "m_0 = 0", "m_1 = 1")
    # m_1 = m_0 + m_{-1}: below the first value, refused (the sequence starts at m_0)
    assert errors and "starts at m_0" in errors[0]


# ---------------------------------------------------------------------- from an adversary


def test_a_sequence_is_read_where_it_is_written_never_in_the_scope_of_its_use(tmp_path: Path) -> None:
    """A member is the same wherever it is used: a sum over c around m_1 does not reach the
    recurrence's c (it made Σ_{c=1}^{2} m_1 = 2 proved), and a function whose parameter is a
    letter of the recurrence is refused (L(w) = h_2: L(0) − L(1) = 0 was proved, the member
    remembered at one value of w reused at the other)."""
    block = BLOCK.replace('h_0 = "real" }', 'h_0 = "real", c = "real" }')
    path = tmp_path / "scope.md"
    path.write_text(block + "\n$$m_k = m_{k-1} + c$$\n\n$$m_0 = 0$$\n\n"
                    "$$\\sum_{c=1}^{2} m_1 = 2 c$$\n\n$$\\sum_{c=1}^{2} m_1 = 2$$\n", encoding="utf-8")
    report, errors = checked_file(path)
    assert errors == [] and [v for _, v in sorted(by_line(report).items(), key=lambda kv: int(kv[0]))] \
        == [[P], [R]]
    _, errors = run(tmp_path, r"h_t = \tanh(w h_{t-1} + 1)", "L(w) = h_2", "L(0) - L(1) = 0")
    assert errors and "w is a parameter of L" in errors[0], errors


@pytest.mark.parametrize(("displays", "want"), [
    # a family built on a sequence: \hat{m}_1 was read as a new definition (never checked)
    ((EMA, "m_0 = 0", r"\hat{m}_t = \frac{m_t}{1 - \beta^t}", r"\hat{m}_1 = 2 g_1"), R),
    ((EMA, "m_0 = 0", r"\hat{m}_t = \frac{m_t}{1 - \beta^t}", r"\hat{m}_1 = g_1"), P),
    # u_2 was a letter of its own (u_2 = 2 + 2β refuted)
    ((r"v_t = \beta v_{t-1} + 1", "v_0 = 0", "u_t = 2 v_t", r"u_2 = 2 + 2\beta"), P),
    # one sequence in another's recurrence
    ((r"v_t = \beta v_{t-1} + 1", "v_0 = 0", r"a_t = \beta a_{t-1} + v_t", "a_0 = 0",
      r"a_2 = 2\beta + 1"), P),
    # a derivative of a member (it crashed: the name inside a derivative is a Choice)
    ((r"v_t = \beta v_{t-1} + 1", "v_0 = 0", r"\frac{\partial v_3}{\partial \beta} = 1 + 2\beta"), P),
])
def test_what_is_built_on_a_sequence(tmp_path: Path, displays: tuple[str, ...],
                                     want: Verdict) -> None:
    got, errors = run(tmp_path, *displays)
    assert errors == [] and got == [[want]], (got, errors)


@pytest.mark.parametrize(("displays", "needle"), [
    (("m_1 = 5", r"m_t = m_{t-1} + 1", "m_0 = 0", "m_2 = 2"), "m_1 is defined before"),
    ((r"m_t = m_{t-1} + 1", "m_0 = m_1", "m_2 = 2"), "is needed to work out"),
])
def test_contradictions_are_refused(tmp_path: Path, displays: tuple[str, ...],
                                    needle: str) -> None:
    _, errors = run(tmp_path, *displays)
    assert errors and needle in errors[0], errors


def test_sums_over_shifted_ranges_are_written_alike(tmp_path: Path) -> None:
    """Every sum's range starts at 1 in the normal form (i → i + lo − 1): Σ_{i=0}^{n−1}
    x_{i+1} is Σ_{i=1}^{n} x_i, and a closed form written from 0 meets one written from 1."""
    got, errors = run(tmp_path, r"\sum_{i=0}^{n-1} g_{i+1} = \sum_{i=1}^{n} g_i",
                      r"\sum_{i=0}^{n-1} g_{i+1} = \sum_{i=1}^{n-1} g_i")
    assert errors == [] and got == [[P], [R]], (got, errors)


def test_induction_starts_where_a_lower_bound_on_the_size_puts_it(tmp_path: Path) -> None:
    """given n ≥ 3 (the block's): a summation formula is proved by induction from n = 3 (a
    hypothesis on n stopped the induction, though its base is the least n it allows)."""
    got, errors = run(tmp_path, r"\sum_{i=1}^{n} \beta^{i-1} (1 - \beta) = 1 - \beta^n",
                      r"\sum_{i=1}^{n} \beta^{i-1} (1 - \beta) = 1 - \beta^{n-1}")
    assert errors == [] and got == [[P], [R]], (got, errors)


def test_a_parameter_reached_through_a_function_it_calls(tmp_path: Path) -> None:
    """f(x) = σ(z) with z = w x + b, then L(w, b) = (f(x) − y)²: L(0, 0) would not put 0 into
    z (L(0, 0) = L(w, b) was proved); refused, while ∂L/∂w at L's own letters is read."""
    block = ('```derivcheck\nsymbols = { w = "real", x = "real", b = "real", y = "real" }\n'
             'latex = { "\\\\sigma" = "sigmoid" }\n```\n')
    path = tmp_path / "f.md"
    defs = "\n$$z = w x + b$$\n\n$$f(x) = \\sigma(z)$$\n\n$$L(w, b) = (f(x) - y)^2$$\n"
    path.write_text(block + defs + "\n$$L(0, 0) = L(w, b)$$\n", encoding="utf-8")
    errors = [str(e) for e in checked_file(path)[1]]
    assert errors and "w is a parameter of L" in errors[0], errors
    path.write_text(block + defs + "\n$$\\frac{\\partial L}{\\partial w} = 2 (f(x) - y) "
                    "\\sigma(z)(1 - \\sigma(z)) x$$\n", encoding="utf-8")
    report, errors = checked_file(path)
    assert errors == [] and list(by_line(report).values()) == [[P]], errors


def test_a_kronecker_delta_keeps_its_sum_as_written(tmp_path: Path) -> None:
    """x_i Σ_k δ_ki g_{n−k+1} = x_i g_{n−i+1}: reversed, the delta's sum collapsed under a
    condition the facts could not decide (unknown); a sum with δ inside is not rewritten."""
    got, errors = run(tmp_path, r"x_i \sum_{k=1}^{n} \delta_{ki} g_{n-k+1} = x_i g_{n-i+1}")
    assert errors == [] and got == [[P]], (got, errors)


@pytest.mark.parametrize(("said", "ok"), [
    (r"Here $0 < \beta < 1$.", True), (r"with $\beta \in (0, 1)$,", True),
    (r"with $\beta \in (0, 2)$,", False),  # β < 2 is not what the declarations say
    (r"Here $-1 < \beta < 1$.", False),  # not what they say: not read, and the proof (for β
    # as declared) may not cover it: unknown
])
def test_a_compound_condition_the_declarations_already_say(tmp_path: Path, said: str,
                                                            ok: bool) -> None:
    """β declared positive and given β < 1: "0 < β < 1" and "β ∈ (0, 1)" in the prose say
    nothing new (they refused the display after them, a new user's EMA page)."""
    path = tmp_path / "cond.md"
    path.write_text(BLOCK + f"\n{said}\n\n$$\\sum_{{i=1}}^{{n}} (1 - \\beta)\\beta^{{i-1}} = "
                    "1 - \\beta^n$$\n", encoding="utf-8")
    report, errors = checked_file(path)
    assert (errors == [] and list(by_line(report).values()) == [[P]]) is ok, errors


def test_a_horizon_t_may_be_declared_as_a_dimension(tmp_path: Path) -> None:
    """dims = { T = … } was "a built-in name" (the transpose) though symbols = { T = … } is the
    letter T; a vector of length T follows it."""
    path = tmp_path / "T.md"
    path.write_text('```derivcheck\ndims = { T = "positive integer" }\nvectors = { g = "T" }\n'
                    "```\n\n$$\\sum_{t=1}^{T} g_t = \\sum_{t=0}^{T-1} g_{t+1}$$\n", encoding="utf-8")
    report, errors = checked_file(path)
    assert errors == [] and list(by_line(report).values()) == [[P]], errors


def test_adams_bias_correction_with_the_exponent_from_the_top(tmp_path) -> None:
    """(1 − β)Σ_{i=1}^{t} β^{t−i} = 1 − β^t and the quotient by 1 − β^t (Adam's bias
    correction, as derivations write it) are proved for every t; they were unknown."""
    from tests.recheck import document_verdicts

    text = ('```derivcheck\ndims = { t = "positive integer" }\nsymbols = { beta = "positive" }\n'
            'latex = { "\\\\beta" = "beta" }\n```\n\n'
            '$$(1 - \\beta)\\sum_{i=1}^{t} \\beta^{t-i} = 1 - \\beta^t$$\n\n'
            '$$\\frac{(1 - \\beta)\\sum_{i=1}^{t} \\beta^{t-i}}{1 - \\beta^t} = 1$$\n\n'
            '$$\\frac{(1 - \\beta)\\sum_{i=1}^{t} \\beta^{t-i}}{1 - \\beta^t} = \\beta$$\n')
    got, errors = document_verdicts(tmp_path / "adam.md", text)
    from checker.results import Verdict
    P, R = Verdict.PROVED, Verdict.REFUTED
    assert errors == [] and got == [[P], [P], [R]], (got, errors)


RNN = r"h_t = \tanh(w h_{t-1} + x_t)"


@pytest.mark.parametrize(("display", "want"), [
    (r"\frac{\partial h_2}{\partial h_1} = w (1 - h_2^2)", [P]),
    (r"\frac{\partial h_2}{\partial h_1} = w (1 - h_1^2)", [R]),  # the state before: a slip
    (r"\frac{\partial h_3}{\partial h_1} = \frac{\partial h_3}{\partial h_2}"
     r"\frac{\partial h_2}{\partial h_1} = w^2 (1 - h_3^2)(1 - h_2^2)", [P, P]),
    (r"\frac{\partial h_3}{\partial h_3} = 1", [P]),
])
def test_a_member_by_an_earlier_member_goes_through_the_recurrence(
        tmp_path: Path, display: str, want: list) -> None:
    """Backpropagation through time: ∂h_2/∂h_1 of h_t = tanh(w h_{t-1} + x_t) is the recurrence
    unrolled from h_1 and differentiated there, w(1 − h_2²) (it was "cannot differentiate with
    respect to h_1")."""
    got, errors = run(tmp_path, RNN, display)
    assert errors == [] and got == [want], (got, errors)


def test_a_linear_sequences_step_back_at_a_symbolic_index(tmp_path: Path) -> None:
    got, errors = run(tmp_path, EMA, r"m_0 = 0",
                      r"\frac{\partial m_n}{\partial m_{n-1}} = \beta",
                      r"\frac{\partial m_n}{\partial m_{n-1}} = 1 - \beta")
    assert errors == [] and got == [[P], [R]], (got, errors)


@pytest.mark.parametrize(("display", "needle"), [
    (r"\frac{\partial h_1}{\partial h_3} = 0", "a whole number of steps after"),
    (r"\frac{\partial h_n}{\partial h_{n-1}} = w (1 - h_n^2)", "not linear"),  # tanh at n
])
def test_a_step_back_that_cannot_be_read_is_refused(tmp_path: Path, display: str,
                                                    needle: str) -> None:
    got, errors = run(tmp_path, RNN, display)
    assert any(needle in e for e in errors), (got, errors)


def test_the_first_value_declared_without_its_underscore(tmp_path: Path) -> None:
    """h0 declared is h_0, as W1 declared is W_1 (it said "declare h_0 a symbol")."""
    text = ('```derivcheck\nsymbols = { w = "real", h0 = "real" }\nvectors = { x = 3 }\n```\n\n'
            f"$${RNN}$$\n\n$$\\frac{{\\partial h_1}}{{\\partial w}} = (1 - h_1^2)\\, h_0$$\n")
    got, errors = document_verdicts(tmp_path / "h.md", text)
    assert errors == [] and got == [[P]], (got, errors)


# -- the step forward: θ_{t+1} = θ_t − η ∇ (gradient descent as papers write it) -------------

FORWARD = r"v_{t+1} = \beta v_t + (1 - \beta) w"


@pytest.mark.parametrize(("display", "want"), [
    (r"v_1 = (1 - \beta) w", P),
    (r"v_2 = \beta (1 - \beta) w + (1 - \beta) w", P),
    (r"v_2 = (1 - \beta) w", R),
    (r"v_3 = (1 - \beta^3) w", P),  # three steps from 0 towards w
    (r"v_3 = (1 - \beta^2) w", R),
    (r"v_n = (1 - \beta) \sum_{i=0}^{n-1} \beta^{i} w", P),  # at a symbolic n
])
def test_a_sequence_defined_by_its_step_forward(tmp_path: Path, display: str,
                                                want: Verdict) -> None:
    got, errors = run(tmp_path, FORWARD, "v_0 = 0", display)
    assert errors == [] and got == [[want]], (got, errors)


def test_the_step_forward_reads_the_index_one_back_everywhere(tmp_path: Path) -> None:
    """g_t in θ_{t+1} = θ_t − g_t is the gradient at step t: θ_1 = θ_0 − g_0 … with g indexed
    from 1 that is an entry outside the vector (refused), and θ_{t+1} = θ_t + g_{t+1} reads
    θ_2 = θ_0 + g_1 + g_2."""
    got, errors = run(tmp_path, r"\theta_{t+1} = \theta_t + g_{t+1}", r"\theta_0 = 0",
                      r"\theta_2 = g_1 + g_2", r"\theta_2 = g_2 + g_3")
    assert errors == [] and got == [[P], [R]], (got, errors)
    _, errors = run(tmp_path, r"\theta_{t+1} = \theta_t - g_t", r"\theta_0 = 0",
                    r"\theta_1 = - g_1")
    assert len(errors) == 1 and "index 0" in errors[0], errors


def test_a_linear_recurrence_may_write_the_member_before_twice(tmp_path: Path) -> None:
    """θ_t = θ_{t−1} − η(θ_{t−1} − w): linear in θ_{t−1} though written twice (it was "not
    linear" at a symbolic index); nothing further back is accepted."""
    got, errors = run(tmp_path, r"u_{t+1} = u_t - \beta (u_t - w)", "u_0 = 0",
                      r"u_n = \sum_{i=0}^{n-1} (1 - \beta)^{i} \beta w",
                      r"u_n = \sum_{i=0}^{n-1} (1 - \beta)^{i+1} \beta w")
    assert errors == [] and got == [[P], [R]], (got, errors)
    _, errors = run(tmp_path, r"f_t = f_{t-1} + f_{t-2}", "f_0 = 1", r"f_n = n")
    assert len(errors) == 1 and "not linear" in errors[0], errors


def test_a_declared_letter_is_not_a_sequence(tmp_path: Path) -> None:
    """w is declared: w_{t+1} = w_t + 1 is no definition (w_{t+1} is refused, as before)."""
    got, errors = run(tmp_path, r"w_{t+1} = w_t + 1")
    assert got == [] or all(v is not P for row in got for v in row), (got, errors)
    assert errors, (got, errors)


def test_gradient_descent_on_a_quadratic_in_closed_form(tmp_path: Path) -> None:
    """θ_{t+1} = θ_t − β(θ_t − w), θ_0 = h_0: θ_n − w = (1 − β)ⁿ(h_0 − w) for every n, though
    1 − β may have any sign (the induction relates its powers without a logarithm)."""
    got, errors = run(tmp_path, r"\theta_{t+1} = \theta_t - \beta (\theta_t - w)",
                      r"\theta_0 = h_0", r"\theta_n = w + (1 - \beta)^n (h_0 - w)",
                      r"\theta_n = w + (1 - \beta)^{n+1} (h_0 - w)")
    assert errors == [] and got == [[P], [R]], (got, errors)


def test_members_of_a_family_whose_definition_is_unread_are_refused(tmp_path: Path) -> None:
    """ψ_t = ψ_{t−2} + 1 cannot be read (only one step back is): ψ_0 = 0 and ψ_2 = 7 after it
    were taken for new names, and ψ_2 + 1 = 8 proved though the recurrence gives ψ_2 = 1 (found
    by an adversary); every member is refused, naming the display to fix."""
    _, errors = run(tmp_path, r"\psi_t = \psi_{t-2} + 1", r"\psi_0 = 0", r"\psi_2 = 7",
                    r"\psi_2 + 1 = 8")
    assert len(errors) == 4, errors
    assert all("defines \\psi_t, and could not be read" in e for e in errors[1:]), errors


def test_an_index_declared_a_real_symbol_is_no_sequence_index(tmp_path: Path) -> None:
    """t declared real: θ_{t+1} = θ_t + t read t both as the index and as the number (θ_2 = 2t
    was refuted at t = 0: found by an adversary). Refused, and so are θ_0 and θ_2 after it."""
    path = tmp_path / "t.md"
    got, errors = document_verdicts(path, '```derivcheck\nsymbols = { t = "real" }\n```\n\n'
                                          '$$\\theta_{t+1} = \\theta_t + t$$\n\n$$\\theta_0 = 0$$\n\n'
                                          '$$\\theta_2 = 2t$$\n')
    assert got == [] and len(errors) == 3, (got, errors)
    assert "declared a symbol" in errors[0] and "could not be read" in errors[2], errors


def test_a_recurrence_undefined_at_some_index_has_no_closed_form(tmp_path: Path) -> None:
    """φ_{t+1} = φ_t·t/t + 1 is undefined at t = 0 (φ_1 divides by 0): its closed form was
    proved for every n with the condition t − 1 ≠ 0 on the recurrence's own index, free in the
    line (found by an adversary). Refused, saying what it needs."""
    _, errors = run(tmp_path, r"\phi_{t+1} = \phi_t \cdot \frac{t}{t} + 1", r"\phi_0 = w",
                    r"\phi_n = w + n")
    assert len(errors) == 1 and "not defined at every index" in errors[0] \
        and "t - 1" in errors[0], errors


RETURN = r"G_t = r_{t+1} + \gamma G_{t+1}, \qquad G_3 = 0"
RL = ('```derivcheck\nsymbols = { gamma = "real" }\nvectors = { r = 3 }\n'
      'latex = { "\\\\gamma" = "gamma" }\n```\n')


def test_a_return_defined_backward_from_its_last_value(tmp_path: Path) -> None:
    """G_t = r_{t+1} + γ G_{t+1} with G_3 = 0 (the discounted return, from a new user's trial:
    it was "G is not a declared vector"): members are unrolled from the last value back."""
    got, errors = document_verdicts(tmp_path / "g.md", RL + "".join(f"\n$${d}$$\n" for d in (
        RETURN, "G_2 = r_3", r"G_1 = r_2 + \gamma r_3", r"G_0 = r_1 + \gamma r_2 + \gamma^2 r_3",
        r"G_0 = r_1 + \gamma r_2 + \gamma r_3", r"G_0 = r_1 + \gamma G_1")))
    assert errors == [] and got == [[P], [P], [P], [R], [P]], (got, errors)


def test_a_sequence_read_back_is_read_at_numbers_only(tmp_path: Path) -> None:
    _, errors = document_verdicts(tmp_path / "h.md", RL + f"\n$${RETURN}$$\n\n$$G_4 = 0$$\n")
    assert len(errors) == 1 and "last value" in errors[0], errors
    _, errors = document_verdicts(tmp_path / "k.md", RL.replace("vectors", 'dims = { n = '
                                  '"positive integer" }\nvectors') + f"\n$${RETURN}$$\n\n"
                                  "$$G_n = 0$$\n")
    assert len(errors) == 1 and "numbers only" in errors[0], errors
