"""Reading documents (session 39): a sign said in words after Assume or Suppose is a
hypothesis, as after Let; "the positive root" is a sign the page states, not a letter free to
be anything."""

from __future__ import annotations

from pathlib import Path

import pytest
from recheck import assert_refutations, checked_file, page_goals

from checker.results import Verdict

P, R, U = Verdict.PROVED, Verdict.REFUTED, Verdict.UNKNOWN


@pytest.mark.parametrize("said", [
    "Assume $x$ is negative.",
    "Suppose $x$ is negative.",
    "Assume that $x$ is negative.",
    "Let $x$ be negative.",
    "Suppose, for contradiction, that $x$ is negative.",
])
def test_a_sign_assumed_in_words_is_the_displays_hypothesis(tmp_path: Path, said: str) -> None:
    page = f"# A\n\n{said}\n\n$$|x| = -x$$\n\nThen also\n\n$$|x|^3 = -x^3$$\n"
    verdicts, errors, got = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P, P], []), (verdicts, errors)
    assert [g.shown for g in got[0].check.claim.given] == ["x < 0"]


@pytest.mark.parametrize("said", [
    "Assume $x$ is negative; we do not assume this below.",
    "It is false to assume $x$ is negative.",
    "Assume $x$ is negative or zero.",
    "Suppose $x$ is negative, say.",
])
def test_a_sign_said_but_not_assumed_outright_leaves_a_refutation_unknown(
        tmp_path: Path, said: str) -> None:
    verdicts, errors, _ = page_goals(tmp_path, f"# A\n\n{said}\n\n$$|x| = -x$$\n")
    assert (verdicts, errors) == ([U], []), (verdicts, errors)


def test_a_sign_assumed_in_one_section_is_not_anothers(tmp_path: Path) -> None:
    page = "# A\n\nAssume $x$ is negative.\n\n$$|x| = -x$$\n\n# B\n\n$$|x| = -x$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P, R], []), (verdicts, errors)
    report, _ = checked_file(tmp_path / "doc.md")
    assert assert_refutations(report) >= 1


def test_several_letters_assumed_negative(tmp_path: Path) -> None:
    page = "# A\n\nAssume $a$ and $b$ are negative.\n\n$$|a| + |b| = -a - b$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([P], []), (verdicts, errors)


@pytest.mark.parametrize("said", ["Let $x$ be the positive root.",
                                  "Let $x$ be the positive solution of $x^2 = 4$.",
                                  "Here $x$ is the positive square root."])
def test_the_positive_root_is_no_letter_free_to_be_negative(tmp_path: Path, said: str) -> None:
    """√(x²) = x was refuted at x = −1 though the page says x is the positive root: unknown
    (a root is one value; a counterexample elsewhere in x > 0 would not be it either)."""
    verdicts, errors, _ = page_goals(tmp_path, f"# A\n\n{said}\n\n$$\\sqrt{{x^2}} = x$$\n")
    assert (verdicts, errors) == ([U], []), (verdicts, errors)


def test_the_negative_log_likelihood_says_no_sign(tmp_path: Path) -> None:
    page = "# A\n\nLet $y$ be the negative log-likelihood.\n\n$$|y| = -y$$\n"
    verdicts, errors, _ = page_goals(tmp_path, page)
    assert (verdicts, errors) == ([R], []), (verdicts, errors)
