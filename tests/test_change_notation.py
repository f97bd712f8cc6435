"""Δw, Δθ: the change in a name (the weight update of backpropagation) is a name of its own,
never Δ times w. It was read as a product with an undeclared Δ, so the update rule
Δw_i = η δ x_i = −η ∂E/∂w_i was refuted at Δ = 0. Refutations are re-checked independently."""

from __future__ import annotations

from pathlib import Path

from checker.results import Verdict
from tests.recheck import document_verdicts

P, R = Verdict.PROVED, Verdict.REFUTED
BLOCK = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { w = "n", x = "n" }\n'
         'symbols = { t = "real", eta = "positive", a = "real", b = "real", c = "real" }\n'
         'latex = { "\\\\sigma" = "sigmoid" }\n```\n\n'
         'Let $o = \\sigma(\\sum_{i=1}^{n} w_i x_i)$ and $E = \\frac{1}{2}(t - o)^2$.\n\n')


def test_the_update_of_a_weight_is_defined_and_used(tmp_path: Path) -> None:
    got, errors = document_verdicts(tmp_path / "u.md", BLOCK + "".join(f"$${d}$$\n\n" for d in (
        r"\Delta w_i = \eta (t - o) o (1 - o) x_i = -\eta \frac{\partial E}{\partial w_i}",
        r"\Delta w_i = -\eta \frac{\partial E}{\partial w_i}",
        r"\Delta w_i = \eta (t - o) o (1 + o) x_i")))
    assert errors == [] and got == [[P], [P], [R]], (got, errors)


def test_a_greek_name_changes_too_and_a_lone_delta_is_a_letter(tmp_path: Path) -> None:
    got, errors = document_verdicts(tmp_path / "g.md", BLOCK + "".join(f"$${d}$$\n\n" for d in (
        r"\Delta\theta = -\eta (a - b)",
        r"\Delta \theta + \eta a = \eta b",
        r"\Delta \theta + \eta a = b",
        r"\Delta = b^2 - 4ac",
        r"\Delta + 4ac = b^2")))
    assert errors == [] and got == [[P], [R], [P]], (got, errors)


def test_a_run_of_letters_or_a_decorated_name_after_delta_is_refused(tmp_path: Path) -> None:
    for body, words in ((r"\Delta wx = a", "the change in w times x"),
                        (r"\Delta \mathbf{w} = a", "decorated name is not read")):
        _, errors = document_verdicts(tmp_path / "r.md", BLOCK + f"$${body}$$\n")
        assert len(errors) == 1 and words in errors[0], errors


def test_a_declared_delta_multiplies_as_before(tmp_path: Path) -> None:
    block = BLOCK.replace('c = "real" }', 'c = "real", Delta = "real" }')
    got, errors = document_verdicts(tmp_path / "d.md", block + "$$\\Delta a + \\Delta b = "
                                    "\\Delta (a + b)$$\n\n$$\\Delta a = a$$\n")
    assert errors == [] and got == [[P], [R]], (got, errors)
