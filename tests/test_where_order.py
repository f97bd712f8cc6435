"""Definitions in "where" order (checker.files.where_order): a definition that uses a name
the page defines after it means the name as defined there, where nothing between the two
wrote the first definition's name; otherwise the later definition is refused as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import Verdict
from tests.test_documents import _goals

CE = r"""```derivcheck
dims = { n = "positive integer" }
vectors = { o = "n", y = "n" }
given = ["sum(y) == 1"]
```

$$L = - \sum_i y_i \log p_i$$

BETWEEN

$$p_i = \frac{\exp(o_i)}{\sum_j \exp(o_j)}$$

$$\frac{\partial L}{\partial o_k} = p_k - y_k$$

$$\frac{\partial L}{\partial o_k} = y_k - p_k$$
"""


def test_the_loss_before_the_softmax_it_is_made_of(tmp_path: Path) -> None:
    """L = −Σ y_i log p_i could not be read where it stands (p is not known yet); the next
    display defines p, and L is read after it: its error is withdrawn, the gradient proved,
    the sign slip refuted."""
    goals, errors = _goals(tmp_path, "ce.md", CE.replace("BETWEEN", "Then"))
    assert errors == [], errors
    assert goals == {13: Verdict.PROVED, 15: Verdict.REFUTED}, goals


def test_a_line_between_that_writes_the_loss_keeps_it_unread(tmp_path: Path) -> None:
    """A display between the two writes L: it was refused (L not read), and L is not read
    after p either (that display would have meant something else): every use is refused."""
    text = CE.replace("BETWEEN", "$$L = L$$")
    goals, errors = _goals(tmp_path, "ce.md", text)
    assert set(goals.values()) <= {Verdict.ERROR}, goals
    assert [e.line for e in errors] == [7, 9, 13, 15], errors
    assert "p is not a declared vector" in errors[0].message
    assert all("the display at line 7 defines L, and could not be read" in e.message
               for e in errors[1:]), errors
    prose = CE.replace("BETWEEN", "Note that $L$ sums over the classes.")
    goals, errors = _goals(tmp_path, "prose.md", prose)  # (the math of the prose, too)
    assert set(goals.values()) <= {Verdict.ERROR} and [e.line for e in errors] == [7, 13, 15], errors
    after = CE.replace("BETWEEN", "Then").replace("$$\\frac{\\partial L}{\\partial o_k} = p_k - y_k$$",
                                                  "$$L = L$$")  # (after p: L is read)
    goals, errors = _goals(tmp_path, "after.md", after)
    assert errors == [] and goals == {13: Verdict.PROVED, 15: Verdict.REFUTED}, (goals, errors)


def test_two_definitions_that_use_the_late_name_are_both_read_with_it(tmp_path: Path) -> None:
    text = ("# A\n\n$$E = \\frac{1}{2}(t - a)^2$$\n\n$$F = (t - a)^3$$\n\n"
            "$$a = \\sigma(w x)$$\n\n$$\\frac{\\partial E}{\\partial w} = (a - t) a (1 - a) x$$\n\n"
            "$$\\frac{\\partial F}{\\partial w} = 3 (t - a)^2 a (1 - a) x$$\n\n"
            "$$\\frac{\\partial F}{\\partial w} = 0$$\n")
    goals, errors = _goals(tmp_path, "two.md", text)
    assert errors == [], errors
    assert goals == {9: Verdict.PROVED, 11: Verdict.REFUTED, 13: Verdict.REFUTED}, goals
    # (∂F/∂w has the factor −3(t − a)²: the sign slip of line 11 is refuted, as is 0)


def test_a_late_definition_in_another_section_is_no_where_clause(tmp_path: Path) -> None:
    """E is defined under # A, a under # B: E's a stays what it was under # A (a letter),
    and a's definition in # B does not reach back into # A."""
    text = ("# A\n\n$$E = (t - a)^2$$\n\n$$\\frac{\\partial E}{\\partial t} = 2(t - a)$$\n\n"
            "# B\n\n$$a = \\sigma(w x)$$\n\n$$\\frac{\\partial a}{\\partial w} = a (1 - a) x$$\n")
    goals, errors = _goals(tmp_path, "sections.md", text)
    assert errors == [] and goals == {5: Verdict.PROVED, 11: Verdict.PROVED}, (goals, errors)


def test_a_second_definition_of_a_name_whose_first_was_not_read(tmp_path: Path) -> None:
    """m_t = (1 − b) Σ b^{t−i} g_i (not read: g is no vector), then m_t = g(1 − b^t): a
    second definition, or a claim about the first? It was taken as a definition, and
    m_t/(1 − b^t) = g proved from it. Refused, and so is every later use."""
    text = ("$$m_t = (1 - b) \\sum_{i=1}^{t} b^{t-i} g_i$$\n\n$$m_t = g (1 - b^t)$$\n\n"
            "$$\\frac{m_t}{1 - b^t} = g$$\n")
    goals, errors = _goals(tmp_path, "m.md", text)
    assert set(goals.values()) <= {Verdict.ERROR}, goals
    assert [e.line for e in errors] == [1, 3, 5], errors
    assert "defines m_t, and could not be read, so whether this line defines it again" \
        in errors[1].message
    assert "the display at line 1 defines it" in errors[2].message


@pytest.mark.parametrize("use", ["\\frac{d \\hat y}{d w} = 0", "\\frac{d \\hat{ y }}{d w} = 0",
                                 "\\frac{d}{dw} \\left(\\hat y\\right) = 0"])
def test_a_use_between_in_another_spelling_keeps_the_order(tmp_path: Path, use: str) -> None:
    """ŷ = σ(z), then dŷ/dw = 0 written \\hat y (proved: z a letter), then z = wx: ŷ was read
    again, and dŷ/dw = ŷ(1 − ŷ)x proved too (two contradicting proofs). What a line read, in
    any spelling, counts: z's late definition is refused. (dŷ/dw = 0 itself is now unknown:
    z, undeclared, a constant or a function of w, as in d/dw σ(z) written out.)"""
    text = (f"# A\n\n$$\\hat{{y}} = \\sigma(z)$$\n\n$${use}$$\n\n$$z = w x$$\n\n"
            "$$\\frac{d \\hat{y}}{d w} = \\hat{y}(1 - \\hat{y}) x$$\n")
    goals, errors = _goals(tmp_path, "hv.md", text)
    assert goals.get(5) is Verdict.UNKNOWN and 9 not in {k for k, v in goals.items()
                                                       if v is Verdict.PROVED}, goals
    assert [e.line for e in errors] == [7, 9], errors
    assert "z is used before this line, in the definition of \\hat{y}" in errors[0].message


def test_a_gradient_shorthand_between_is_a_use(tmp_path: Path) -> None:
    text = ('```derivcheck\ngradients = "L"\n```\n\n$$L = \\frac{1}{2}(t - a)^2$$\n\n$$0 = dw$$\n\n'
            "$$a = \\sigma(w x)$$\n\n$$\\frac{\\partial L}{\\partial w} = (a - t) a (1 - a) x$$\n")
    goals, errors = _goals(tmp_path, "g.md", text)
    assert [e.line for e in errors] == [9, 11], (goals, errors)


def test_a_prose_definition_after_an_unread_one(tmp_path: Path) -> None:
    """L = Σ y_i log p_i (not read), then "Let $L = x^2$.": dL/dx = 2x was proved with the
    prose's L. Refused, as the display form is."""
    text = "# A\n\n$$L = \\sum_i y_i \\log p_i$$\n\nLet $L = x^2$.\n\n$$\\frac{dL}{dx} = 2x$$\n"
    goals, errors = _goals(tmp_path, "p.md", text)
    assert Verdict.PROVED not in goals.values(), goals
    assert [e.line for e in errors] == [3, 7], errors


def test_a_late_definition_that_writes_the_first_ones_sum_index(tmp_path: Path) -> None:
    """E = Σ_k (t_k − a)², then a = o_k: E's a the a at the sum's k (likely meant), or o_k
    at a k of its own? It was refuted on the second reading. Refused."""
    text = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { t = "n", o = "n" }\n```\n\n'
            "$$E = \\sum_{k=1}^{n} (t_k - a)^2$$\n\n$$a = o_k$$\n\n"
            "$$E = \\sum_{k=1}^{n} (t_k - o_k)^2$$\n")
    goals, errors = _goals(tmp_path, "e.md", text)
    assert Verdict.REFUTED not in goals.values(), goals
    assert [e.line for e in errors] == [8, 10] and "binds as a sum's index" in errors[0].message
