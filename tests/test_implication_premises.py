"""Implication lines: the rewrites before the equation on the first line ("A = B = 0 ⇒ …")
are identities the text claims, and a premise that can never hold proves only vacuously."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import Limits, Settings, run
from checker.files import load_file
from checker.results import Method, Verdict


def outcomes(tmp_path: Path, body: str, symbols: str = 'x = "real", w = "real"') -> list:
    path = tmp_path / "doc.md"
    path.write_text(f"```derivcheck\nsymbols = {{ {symbols} }}\n```\n\n{body}\n", encoding="utf-8")
    loaded = load_file(str(path))
    assert loaded.errors == []
    return run(loaded.items, Settings(), Limits(timeout=60, jobs=1)).outcomes


@pytest.mark.parametrize("line", [
    r"$$\frac{d}{dx}\left(x^2 - 2x\right) = 2x - 1 = 0 \implies x = \frac{1}{2}$$",
    r"$$x^2 - 1 = (x-1)(x+2) = 0 \Rightarrow x = 1$$",
    r"$$2(w-3) = 2w - 5 = 0 \Rightarrow w = 2.5$$",
])
def test_a_false_rewrite_before_the_equation_is_never_proved(tmp_path: Path, line: str) -> None:
    """Read as a rewrite, A = B is false; read as one equation to solve, it claims nothing:
    the readings disagree, so the goal and the step after it are unknown (ambiguous reading),
    with the point where the rewrite fails; nothing is proved on the equation reading alone."""
    (o,) = outcomes(tmp_path, line)
    by = {c.check.label or c.check.step: c.result for c in o.checks}
    assert by["goal"].verdict is Verdict.UNKNOWN and by["goal"].method is Method.AMBIGUOUS
    assert "as a rewrite" in by["goal"].detail and "is false (at " in by["goal"].detail
    assert by[2].verdict is Verdict.UNKNOWN and by[2].method is Method.AMBIGUOUS
    assert not any(c.result.verdict is Verdict.PROVED for c in o.checks)


def test_a_true_rewrite_before_the_equation_is_read_on(tmp_path: Path) -> None:
    (o,) = outcomes(tmp_path, r"$$2(x - 3) = 2x - 6 = 0 \Rightarrow x = 3$$")
    verdicts = {c.check.label or c.check.step: c.result.verdict for c in o.checks}
    assert verdicts["goal"] is Verdict.PROVED and verdicts[2] is Verdict.PROVED \
        and verdicts[3] is Verdict.PROVED  # (step 2: the rewrite, proved; was unknown)
    assert not any(c.result.vacuous for c in o.checks)


@pytest.mark.parametrize(("line", "symbols"), [
    (r"$$\frac{x^2 - 1}{x - 1} = 2 \Rightarrow x + 1 = 2$$", 'x = "real"'),  # only x = 1
    (r"$$3x + 2 = 3x + 1 \Rightarrow x = 7$$", 'x = "real"'),
    (r"$$x^2 + 1 = 0 \Rightarrow x^2 = -1$$", 'x = "real"'),  # no real root
    (r"$$x + 2 = 0 \Rightarrow 2x + 4 = 0$$", 'x = "positive"'),  # x = −2 is not positive
])
def test_a_premise_that_never_holds_proves_vacuously(tmp_path: Path, line: str,
                                                     symbols: str) -> None:
    (o,) = outcomes(tmp_path, line, symbols)
    goal = next(c.result for c in o.checks if c.check.label == "goal")
    assert goal.verdict is Verdict.PROVED and goal.vacuous
    assert goal.method is Method.VACUOUS


@pytest.mark.parametrize("line", [
    r"$$2x + 3 = 7 \Rightarrow 2x = 4 \Rightarrow x = 2$$",
    r"$$\frac{x^2 - 1}{x - 1} = 3 \Rightarrow x + 1 = 3$$",  # x = 2: defined there
])
def test_a_premise_that_can_hold_is_not_vacuous(tmp_path: Path, line: str) -> None:
    (o,) = outcomes(tmp_path, line)
    goal = next(c.result for c in o.checks if c.check.label == "goal")
    assert goal.verdict is Verdict.PROVED and not goal.vacuous


NORMAL = ('```derivcheck\ndims = { m = "positive integer", n = "positive integer" }\n'
          'vectors = { w = "n", y = "m" }\nmatrices = { X = ["m", "n"] }\n```\n\n')


@pytest.mark.parametrize(("line", "want"), [
    (r"$$2X^T(Xw - y) = 0 \implies X^T X w = X^T y$$", Verdict.PROVED),  # the normal equations
    (r"$$X^T X w - X^T y = 0 \iff X^T (X w - y) = 0$$", Verdict.PROVED),
    (r"$$2X^T(Xw - y) = 0 \implies X^T X w = 2 X^T y$$", Verdict.UNKNOWN),  # never refuted
    (r"$$X^T(Xw - y) = 0 \implies X^T X w = X^T y + w$$", Verdict.UNKNOWN),
])
def test_an_implication_between_arrays_of_a_symbolic_size(tmp_path: Path, line: str,
                                                          want: Verdict) -> None:
    """Entry by entry, at every size: the new equation's entry a number times the old one's
    (sums in another order too); it was refused ("an implication compares scalars")."""
    path = tmp_path / "normal.md"
    path.write_text(NORMAL + line + "\n", encoding="utf-8")
    loaded = load_file(str(path))
    assert loaded.errors == []
    [outcome] = run(loaded.items, Settings(), Limits(timeout=60, jobs=1)).outcomes
    assert [c.result.verdict for c in outcome.checks] == [want, want], outcome


def test_an_implication_between_arrays_of_two_shapes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "normal.md"
    path.write_text(NORMAL + r"$$X w = y \implies X^T X w = X^T y$$" + "\n", encoding="utf-8")
    errors = [str(e) for e in load_file(str(path)).errors]
    assert any("arrays of one shape" in e for e in errors), errors
