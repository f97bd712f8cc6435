"""Reading documents (session 40): bounds on the members of a family ("Let $u_1 > 0$." after
u_i = x_i − 5 is a bound on x_1 − 5), and a bound on x_i where a display writes x_2 (the page
may mean it of every i: a counterexample at x_2 = 1 refutes nothing)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from recheck import assert_refutations, checked_file, page_goals

from checker.results import Verdict

P, R, U = Verdict.PROVED, Verdict.REFUTED, Verdict.UNKNOWN
BLOCK = "```derivcheck\nvectors = { x = 3 }\n```\n\n"


@pytest.mark.parametrize("block", ["", BLOCK], ids=["at-the-index", "family"])
def test_a_bound_on_a_defined_member_is_on_its_value(tmp_path: Path, block: str) -> None:
    page = (f"# Problem\n\n{block}$$u_i = x_i - 5$$\n\nLet $u_1 > 0$.\n\n"
            "$$|x_1 - 5| = x_1 - 5$$\n")
    verdicts, errors, got = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P], []), (verdicts, errors)
    assert [g.shown for g in got[0].check.claim.given] == ["x_1 - 5 > 0"]


def test_a_bound_on_a_defined_member_still_refutes_what_is_false_under_it(tmp_path: Path) -> None:
    page = "# Problem\n\n$$u_i = x_i - 5$$\n\nLet $u_1 > 0$.\n\n$$|x_1 - 5| = 5 - x_1$$\n"
    verdicts, errors, got = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([R], []), (verdicts, errors)
    point = {str(k): v for k, v in got[0].result.counterexample.point}
    assert sp.Rational(point["x_1"]) > 5  # (the page's u_1 > 0 holds there)
    report, _ = checked_file(tmp_path / "doc.md")
    assert assert_refutations(report) >= 1


@pytest.mark.parametrize("said", ["Let $x_i < 0$.", "Assume $x_i < 0$."])
def test_a_bound_on_x_i_is_not_ignored_where_the_display_writes_x_2(
        tmp_path: Path, said: str) -> None:
    """It was a letter of its own beside x_2: refuted at x_2 = 1, x_i = −1."""
    page = f"# Problem\n\n{said}\n\n$$\\sqrt{{x_2^2}} = -x_2$$\n"
    verdicts, errors, got = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([U], []), (verdicts, errors)
    assert "said of every i, is said of x_2 too" in got[0].result.detail


def test_a_refutation_that_holds_of_every_member_stands(tmp_path: Path) -> None:
    page = "# Problem\n\nLet $x_i < 0$.\n\n$$|x_2| = x_2$$\n"
    verdicts, errors, got = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([R], []), (verdicts, errors)
    point = {str(k): v for k, v in got[0].result.counterexample.point}
    assert sp.Rational(point["x_2"]) < 0 and sp.Rational(point["x_i"]) < 0
