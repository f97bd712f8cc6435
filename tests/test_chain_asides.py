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


def test_greek_letters_and_a_declared_d_count_as_letters(tmp_path: Path) -> None:
    """θ (a command) and a declared d were no letters: the step after an aside went on from
    the aside and a true step was refuted (found by an adversary)."""
    theta = '```derivcheck\nsymbols = { a = "positive", b = "positive", theta = "real" }\n' \
            'latex = { "\\\\theta" = "theta" }\n```\n'
    got, errors = document_verdicts(tmp_path / "g.md", theta + "\n$$\\frac{d}{d\\theta}\\theta^2 "
                                    "= 2\\theta$$\n\nNow use the identity:\n\n$$" + ASIDE +
                                    "$$\n\nSo:\n\n$$= \\theta + \\theta$$\n")
    assert errors == [] and got[-1] == [P], (got, errors)
    dee = '```derivcheck\nsymbols = { d = "positive", a = "positive", b = "positive" }\n```\n'
    got, errors = document_verdicts(tmp_path / "d.md", dee + "\n$$(d+1)^2 = d^2 + 2d + 1$$\n\n$$"
                                    + ASIDE + "$$\n\n$$= (d+1)(d+1)$$\n")
    assert errors == [] and got[-1] == [P], (got, errors)


def test_after_a_constant_the_step_may_go_on_from_either_and_is_refused(tmp_path: Path) -> None:
    """(x+1)² = x² + 2x + 1, then sin²θ + cos²θ = 1, then "= (x+1)(x+1)": from 1, or from the
    chain before? Refused (it went on from 1 and was refuted)."""
    text = ('```derivcheck\nsymbols = { x = "real", theta = "real" }\nlatex = { "\\\\theta" = '
            '"theta" }\n```\n\n$$(x+1)^2 = x^2 + 2x + 1$$\n\nRecall that\n\n$$\\sin^2\\theta + '
            '\\cos^2\\theta = 1$$\n\nso\n\n$$= (x+1)(x+1)$$\n')
    _, errors = document_verdicts(tmp_path / "c.md", text)
    assert len(errors) == 1 and "could go on from the constant" in errors[0], errors
    # one chain over three displays ending in a constant goes on as written
    got, errors = document_verdicts(tmp_path / "one.md", '```derivcheck\nsymbols = { x = '
                                    '"positive" }\n```\n\n$$\\frac{x}{x} = \\frac{2x}{2x}$$\n\n'
                                    '$$= 1$$\n\n$$= \\frac{x^2}{x^2}$$\n')
    assert errors == [] and all(v == [P] for v in got), (got, errors)


def test_a_step_after_an_aside_keeps_no_case_it_would_lose(tmp_path: Path) -> None:
    """For $x < 0$: √(x²) = |x|, an aside, then "= −x": the step went on from the chain but
    under the aside's (empty) case, and was refuted at x = 1 (found by an adversary). Where a
    case is near, the aside rule does not apply: refused, as before."""
    text = ('```derivcheck\nsymbols = { x = "real", a = "positive", b = "positive" }\n```\n\n'
            "For $x < 0$:\n\n$$\\sqrt{x^2} = |x|$$\n\nNow use the identity:\n\n$$" + ASIDE +
            "$$\n\nSo:\n\n$$= -x$$\n")
    _, errors = document_verdicts(tmp_path / "c.md", text)
    assert len(errors) == 1 and "shares no variable" in errors[0], errors


def test_a_declared_e_is_a_letter_to_the_aside_rule(tmp_path: Path) -> None:
    text = ('```derivcheck\nsymbols = { e = "real", a = "positive", b = "positive" }\n```\n\n'
            "$$(e^2)^2 = e^4$$\n\n$$" + ASIDE + "$$\n\n$$= e^2 \\cdot e^2$$\n")
    got, errors = document_verdicts(tmp_path / "e.md", text)
    assert errors == [] and got[-1] == [P], (got, errors)
