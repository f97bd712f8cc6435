"""Sequences a document defines by a recurrence (issue 11: Adam's moving averages, momentum,
an RNN's hidden state were "m is not a declared vector"): m_t = β m_{t-1} + (1 − β) g_t with
m_0 = 0 reads m_3 by unrolling, and m_t at a symbolic t by solving the linear recurrence.
Every refutation is re-checked independently (tests/recheck.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.results import Verdict
from tests.recheck import by_line, checked_file

P, R, U = Verdict.PROVED, Verdict.REFUTED, Verdict.UNKNOWN

BLOCK = ('```derivcheck\nsymbols = { beta = "positive", w = "real", h_0 = "real" }\n'
         'dims = { n = "positive integer" }\nvectors = { g = "n", x = "n" }\n'
         'given = ["beta < 1", "n >= 3"]\n```\n')
EMA = r"m_t = \beta m_{t-1} + (1 - \beta) g_t"


def run(tmp_path: Path, *displays: str) -> tuple[list[list[Verdict]], list[str]]:
    path = tmp_path / "seq.md"
    path.write_text(BLOCK + "".join(f"\n$${d}$$\n" for d in displays), encoding="utf-8")
    report, errors = checked_file(path)
    got = by_line(report)
    return [got[line] for line in sorted(got, key=int)], [str(e) for e in errors]


@pytest.mark.parametrize(("display", "want"), [
    (r"m_1 = (1 - \beta) g_1", P),
    (r"m_2 = \beta (1 - \beta) g_1 + (1 - \beta) g_2", P),
    (r"m_3 = \beta^2 (1 - \beta) g_1 + \beta (1 - \beta) g_2 + (1 - \beta) g_3", P),
    (r"m_2 = (1 - \beta) g_1 + (1 - \beta) g_2", R),  # the decay of g_1 forgotten
    (r"m_n = (1 - \beta) \sum_{i=0}^{n-1} \beta^{i} g_{n-i}", P),  # for every n
    (r"m_n = (1 - \beta) \sum_{i=0}^{n-1} \beta^{i+1} g_{n-i}", R),
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
