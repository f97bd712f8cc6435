"""Names a page defines are read as defined wherever the definition holds, and nowhere else:
found by new users (sixteenth session), each of which was a wrong verdict or a crash.

- ``I = \\sum_i p_i g_i`` beside declared vectors defines I (it was read as a claim about a
  number-or-identity I, and refuted); an undefined I differentiated is a number or a function
  of the variable, and the identity without a size is no value to differentiate (a crash)."""

from __future__ import annotations

from pathlib import Path

from checker.results import Verdict
from tests.recheck import document_verdicts

P, R, U = Verdict.PROVED, Verdict.REFUTED, Verdict.UNKNOWN

SIZED = '```derivcheck\ndims = { N = "positive integer" }\nvectors = { p = "N", g = "N" }\n```\n\n'


def test_a_definition_of_I_beside_vectors_is_a_definition(tmp_path: Path) -> None:
    text = SIZED + ("$$I = \\sum_{i=1}^{N} p_i g_i$$\n\n$$\\frac{\\partial I}{\\partial p_j} = g_j$$\n\n"
                    "$$\\frac{\\partial I}{\\partial p_j} = p_j$$\n")
    got, errors = document_verdicts(tmp_path / "i.md", text)
    assert errors == [] and got == [[P], [R]], (got, errors)


def test_an_undefined_I_differentiated_is_read_both_ways_never_crashes(tmp_path: Path) -> None:
    text = SIZED + ("$$U = \\sum_{i=1}^{N} p_i$$\n\n"
                    "$$\\frac{\\partial}{\\partial p_j} \\left(\\frac{I}{U}\\right) = 0$$\n")
    got, errors = document_verdicts(tmp_path / "i.md", text)
    assert not any("derivcheck bug" in e for e in errors), errors
    assert got == [[R]], (got, errors)  # I a number: I/U depends on p_j
    head = '```derivcheck\nvectors = { x = 3 }\n```\n\n'
    got, errors = document_verdicts(tmp_path / "j.md", head + "$$\\nabla_x I = 0$$\n")
    assert errors == [] and got == [[U]], (got, errors)  # I of x, or a number: not decided
