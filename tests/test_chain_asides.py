"""A display that starts with '=' after an identity quoted on the way ("Now use the identity
log(ab) = log a + log b. So: = log(e^m) + …", issue 11's corpus, document 21) goes on from the
chain before the identity: the only reading that makes it a step. Refutations are re-checked
independently (tests/recheck.py)."""

from __future__ import annotations

from pathlib import Path

from checker.results import Verdict
from tests.recheck import document_verdicts

P, R = Verdict.PROVED, Verdict.REFUTED
BLOCK = '```derivcheck\nsymbols = { x = "positive", m = "real" }\n```\n'
CHAIN = r"\log(e^m x) = \log(e^m x)"
ASIDE = r"\log(a b) = \log(a) + \log(b)"


def run(tmp_path: Path, *parts: str) -> tuple[list[list[Verdict]], list[str]]:
    return document_verdicts(tmp_path / "aside.md", BLOCK + "".join(f"\n{p}\n" for p in parts))


def test_the_step_after_an_aside_goes_on_from_the_chain_before_it(tmp_path: Path) -> None:
    got, errors = run(tmp_path, f"$${CHAIN}$$", "Now use the identity:", f"$${ASIDE}$$",
                      "So:", r"$$= \log(e^m) + \log(x) = m + \log x$$")
    assert errors == [] and got[-1] == [P, P], (got, errors)
    got, errors = run(tmp_path, f"$${CHAIN}$$", "Now use the identity:", f"$${ASIDE}$$",
                      "So:", r"$$= \log(e^m) \log(x)$$")
    assert errors == [] and got[-1] == [R], (got, errors)


def test_only_one_aside_and_only_when_the_step_shares_a_letter_before_it(tmp_path: Path) -> None:
    two = r"\sin(2c) = 2 \sin c \cos c"
    _, errors = run(tmp_path, f"$${CHAIN}$$", f"$${ASIDE}$$", f"$${two}$$",
                    r"$$= \log(e^m) + \log(x)$$")
    assert len(errors) == 1 and "shares no variable" in errors[0], errors
    _, errors = run(tmp_path, r"$$\log(e^m) = m$$", f"$${ASIDE}$$", r"$$= \log(x) + 1$$")
    assert len(errors) == 1 and "shares no variable" in errors[0], errors


def test_an_identity_that_shares_a_letter_is_what_the_step_goes_on_from(tmp_path: Path) -> None:
    got, errors = run(tmp_path, f"$${CHAIN}$$", r"$$\log(x^2) = 2 \log(x)$$",
                      r"$$= \log(x) + \log(x)$$")
    assert errors == [] and got[-1] == [P], (got, errors)
