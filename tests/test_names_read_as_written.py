r"""Names a page defines are read as defined wherever the definition holds, and nowhere else:
found by new users (sixteenth session), each of which was a wrong verdict or a crash.

- ``I = \sum_i p_i g_i`` beside declared vectors defines I (it was read as a claim about a
  number-or-identity I, and refuted); an undefined I differentiated is a number or a function
  of the variable, and the identity without a size is no value to differentiate (a crash).
- ``r_{nk} = …`` (a definition at two indices, not read as a family) beside ``r_{n1}``: r_{n1}
  was a letter of its own, and a true line refuted; refused, as λ_1 beside λ_i is. A member
  ``\gamma_1`` where the display defining ``\gamma_k`` could not be read: refused (it was a
  letter of its own).
- A sequence defined by its recurrence in one section (``v_t = \beta v_{t-1} + …``), its member
  ``v_1`` written in a sibling section: refused, as a plain name is (it was a letter of its
  own there, and a true line refuted).
- ``\hat{v}_t = v_t / (1 - \beta^t)`` with t a declared size: the family over t (Adam's bias
  correction), so ``\hat{v}_3`` is v_3/(1 − β³); it was a letter of its own, a true line refuted
  and ``\hat{v}_2 = 7`` silently taken for a definition. With t declared a symbol, the member
  is refused.
- A name whose defining display was refused (for its prose), differentiated later: refused with
  that display's line (it said "not declared: define it", which the page had done)."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def test_a_member_of_a_definition_at_two_indices_is_refused(tmp_path: Path) -> None:
    head = '```derivcheck\nvectors = { w = { size = 2, assume = "positive" } }\n```\n\n'
    for r in ("r", "\\gamma"):
        text = head + (f"$${r}_{{nk}} = \\frac{{w_k}}{{\\sum_{{j=1}}^{{2}} w_j}}$$\n\n"
                       f"$${r}_{{n1}} + {r}_{{n2}} = 1$$\n")
        got, errors = document_verdicts(tmp_path / "r.md", text)
        assert got == [[Verdict.ERROR]] and any("at the indices nk only" in e for e in errors)


def test_a_member_of_an_unread_family_definition_is_refused(tmp_path: Path) -> None:
    head = ('```derivcheck\nvectors = { w = { size = 2, assume = "positive" }, mu = 2 }\n'
            'symbols = { x = "real" }\n```\n\n')
    text = head + ("$$\\gamma_{k} = \\frac{w_k p(x \\mid \\mu_k)}{\\sum_{j=1}^{2} w_j "
                   "p(x \\mid \\mu_j)}$$\n\n$$\\gamma_{1} + \\gamma_{2} = 1$$\n")
    got, errors = document_verdicts(tmp_path / "g.md", text)
    assert got == [] and any("defines \\gamma_{k}, and could not be read" in e
                             for e in errors), (got, errors)


def test_a_member_of_a_sequence_of_another_section_is_refused(tmp_path: Path) -> None:
    text = ('# Moving average\n\n```derivcheck\nsymbols = { beta = "positive" }\n'
            'vectors = { g = 3 }\n```\n\n## Definition\n\n'
            '$$v_t = \\beta v_{t-1} + (1 - \\beta) g_t$$\n\n$$v_0 = 0$$\n\n'
            '$$2 v_1 = 2 (1 - \\beta) g_1$$\n\n## Use\n\n$$2 v_1 = 2 (1 - \\beta) g_1$$\n')
    got, errors = document_verdicts(tmp_path / "v.md", text)
    assert got == [[P]], (got, errors)  # in its own section: read, and proved
    assert any("v_1: the sequence v_t is defined at line" in e and "'Definition'" in e
               for e in errors), errors


ADAM = ('```derivcheck\ndims = { t = "positive integer" }\nvectors = { theta = "t" }\n'
        'symbols = { beta = "positive" }\ngiven = ["beta < 1", "t >= 3"]\n```\n\n'
        '$$v_t = \\beta v_{t-1} + (1 - \\beta)\\theta_t$$\n\n$$v_0 = 0$$\n\n'
        '$$\\hat{v}_t = \\frac{v_t}{1 - \\beta^t}$$\n\n')


def test_a_decorated_definition_at_a_sizes_letter_is_a_family(tmp_path: Path) -> None:
    text = ADAM + ("$$(1 - \\beta^3)\\hat{v}_3 = v_3$$\n\n$$\\hat{v}_2 = 7$$\n\n"
                   "$$\\hat{v}_2 = \\frac{\\beta\\theta_1 + \\theta_2}{1 + \\beta}$$\n\n"
                   "$$\\hat{v}_2 = \\frac{\\theta_1 + \\beta\\theta_2}{1 + \\beta}$$\n")
    got, errors = document_verdicts(tmp_path / "adam.md", text)
    assert errors == [] and got == [[P], [R], [P], [R]], (got, errors)


def test_a_member_of_a_name_at_a_declared_symbols_letter_is_refused(tmp_path: Path) -> None:
    head = ('```derivcheck\nsymbols = { beta = "positive", t = "positive integer", m = "real" }\n'
            'given = ["beta < 1"]\n```\n\n$$\\hat{m}_t = \\frac{m}{1 - \\beta^t}$$\n\n')
    text = head + ("$$(1 - \\beta^2)\\hat{m}_2 = m$$\n\n$$\\hat{m}_2 = 7$$\n\n"
                   "$$(1 - \\beta^t)\\hat{m}_t = m$$\n")
    got, errors = document_verdicts(tmp_path / "m.md", text)
    assert got[-1] == [P], (got, errors)
    assert sum("with t declared, so \\hat{m}_t is one name" in e for e in errors) == 2, errors


def test_a_name_whose_display_was_refused_is_refused_with_its_line(tmp_path: Path) -> None:
    head = ('```derivcheck\ndims = { N = "positive integer" }\nvectors = { p = { size = "N", '
            'assume = "positive" }, g = "N" }\n```\n\n')
    text = head + ("For a prediction $p_i \\in \\{0, 1\\}$ the loss is\n\n"
                   "$$\\mathcal{L}_{D} = 1 - \\sum_{i=1}^{N} p_i g_i$$\n\n"
                   "Its derivative in one prediction is\n\n"
                   "$$\\frac{\\partial \\mathcal{L}_{D}}{\\partial p_j} = -g_j$$\n")
    got, errors = document_verdicts(tmp_path / "d.md", text)
    assert got == [[Verdict.ERROR]] and len(errors) == 2, (got, errors)
    assert "the display at line 8 defines \\mathcal{L}_{D}, and could not be read" in errors[1]
    read = text.replace("\\{0, 1\\}", "(0, 1)")  # (an interval is a bound: since session 40
    got, errors = document_verdicts(tmp_path / "e.md", read)  # it is read, as 0 < p_i < 1 is)
    assert got == [[Verdict.PROVED]] and not errors, (got, errors)


def test_another_members_definition_is_no_new_name(tmp_path: Path) -> None:
    """α_{ji} = α_{ij} after α_{ij} = … (attention's weights are not symmetric) was silently a
    definition of a new name, and α_{ij} − α_{ji} = 0 proved; ŷ_{jk} = 0 beside the family ŷ_j
    likewise. Both are refused."""
    head = '```derivcheck\ndims = { n = "positive integer" }\nmatrices = { E = ["n", "n"] }\n```\n\n'
    text = head + ("$$\\alpha_{ij} = \\frac{e^{E_{ij}}}{\\sum_k e^{E_{ik}}}$$\n\n"
                   "$$\\alpha_{ji} = \\alpha_{ij}$$\n\n$$\\alpha_{ij} - \\alpha_{ji} = 0$$\n")
    got, errors = document_verdicts(tmp_path / "a.md", text)
    # (since session 25 α_{ij} = … defines the n × n matrix entry by entry: α_{ji} is its
    # entry at (j, i), and both claims are refuted; before, they were refused)
    assert got == [[R], [R]] and not errors, (got, errors)
    head = '```derivcheck\ndims = { n = "positive integer" }\nvectors = { z = "n" }\n```\n\n'
    text = head + ("$$\\hat{y}_j = \\frac{e^{z_j}}{\\sum_k e^{z_k}}$$\n\n$$\\hat{y}_{jk} = 0$$\n\n"
                   "$$\\hat{y}_{jk} + \\hat{y}_j = \\hat{y}_j$$\n")
    got, errors = document_verdicts(tmp_path / "y.md", text)
    assert P not in [v for g in got for v in g] and len(errors) == 2, (got, errors)
    assert all("for every j (one index)" in e for e in errors), errors


BOLD = ('```derivcheck\ndims = { K = "positive integer", D = "positive integer" }\n'
        'vectors = { x = "D" }\nmatrices = { W = ["K", "D"] }\n```\n\n'
        '$$\\mathbf{z} = W \\mathbf{x}$$\n\n'
        '$$\\hat{\\mathbf{y}} = \\operatorname{softmax}(\\mathbf{z})$$\n\n')


@pytest.mark.parametrize(("line", "want"), [
    (r"\frac{\partial \hat{y}_k}{\partial z_j} = \hat{y}_k (\delta_{kj} - \hat{y}_j)", P),
    (r"\frac{\partial \hat{y}_k}{\partial z_j} = \hat{y}_k (1 - \hat{y}_j)", R),
])
def test_a_bold_vectors_entries_written_plain_with_a_subscript(tmp_path: Path, line: str,
                                                                want: Verdict) -> None:
    """\\mathbf{z} = W\\mathbf{x} and \\hat{\\mathbf{y}} = softmax(\\mathbf{z}) defined, then z_j and
    \\hat{y}_k: their entries, as notes write them (they were refused: "z is written plain")."""
    got, errors = document_verdicts(tmp_path / "b.md", BOLD + f"$${line}$$\n")
    assert errors == [] and got == [[want]], (got, errors)


def test_a_bold_vectors_name_written_plain_alone_is_still_refused(tmp_path: Path) -> None:
    got, errors = document_verdicts(tmp_path / "b.md", BOLD + "$$z = W x$$\n")
    assert any("z is written plain" in e for e in errors), (got, errors)


def test_a_function_that_sums_a_defined_vector_takes_it_whole(tmp_path: Path) -> None:
    """S(p) = Σ_i p_i with p = 2z a vector the page defines: S(p) is a number (it was applied
    entry by entry, a vector, and a true line refuted by its shape)."""
    head = '```derivcheck\ndims = { n = "positive integer" }\nvectors = { z = "n" }\n```\n\n'
    text = head + ("$$p = 2z$$\n\n$$S(p) = \\sum_{i=1}^{n} p_i$$\n\n"
                   "$$S(p) = 2\\sum_{i=1}^{n} z_i$$\n\n$$S(p) = \\sum_{i=1}^{n} z_i$$\n")
    got, errors = document_verdicts(tmp_path / "s.md", text)
    assert errors == [] and got == [[P], [R]], (got, errors)


def test_another_delta_member_is_refused(tmp_path: Path) -> None:
    """δ_j = z_j − 1 (one name: δ is never a family), then δ_i = 5 was silently a definition of
    a new name and δ_i − 5 = 0 proved."""
    head = '```derivcheck\ndims = { n = "positive integer" }\nvectors = { z = "n" }\n```\n\n'
    text = head + ("$$\\delta_j = z_j - 1$$\n\n$$\\delta_i = 5$$\n\n$$\\delta_i - 5 = 0$$\n\n"
                   "$$\\delta_j + 1 = z_j$$\n")
    got, errors = document_verdicts(tmp_path / "d.md", text)
    assert P not in [v for g in got[:2] for v in g] and got[-1] == [P], (got, errors)
    assert len(errors) == 2 and all("never a family" in e for e in errors), errors


def test_a_function_of_a_vector_applied_at_its_own_vector(tmp_path: Path) -> None:
    """L(w) = … over z = Xw with w a vector of symbolic length: L(w) at its own w was refused
    ("L(w) at w = SymArray(…)": the two readings of w compared as objects)."""
    head = ('```derivcheck\ndims = { n = "positive integer", d = "positive integer" }\n'
            'matrices = { X = ["n", "d"] }\nvectors = { w = "d", y = "n" }\n```\n\n')
    text = head + ("$$z = Xw$$\n\n$$L(w) = \\sum_{i=1}^{n} (z_i - y_i)^2$$\n\n"
                   "$$\\frac{\\partial L(w)}{\\partial w_j} = 2 \\sum_{i=1}^{n} (z_i - y_i) X_{ij}$$\n")
    got, errors = document_verdicts(tmp_path / "l.md", text)
    assert errors == [] and got == [[P]], (got, errors)


@pytest.mark.parametrize(("declared", "between", "line", "needle"), [
    ('vectors = { x = 3 }\nmatrices = { W = [2, 3] }\nsymbols = { z_1 = "real" }', "",
     "z_1 = W_{11} x_1 + W_{12} x_2 + W_{13} x_3", "declares z_1"),
    ('vectors = { x = 3 }\nmatrices = { W = [2, 3] }\nsymbols = { z = "real" }', "",
     "z_1 + z = z + W_{11} x_1 + W_{12} x_2 + W_{13} x_3", "z is declared a number here"),
    ('vectors = { x = 3 }\nmatrices = { W = [2, 3] }', "$$z = 5$$\n\n",
     "z_1 = W_{11} x_1 + W_{12} x_2 + W_{13} x_3", "z is defined a number here"),
])
def test_a_bold_vector_beside_a_plain_name_of_its_letter_is_refused(
        tmp_path: Path, declared: str, between: str, line: str, needle: str) -> None:
    """\\mathbf{z} beside a declared z_1 (its entry, or the declared name?), a declared scalar
    z or a defined z = 5 (bold z read as that number): each was decided on one reading."""
    text = (f"```derivcheck\n{declared}\n```\n\n{between}$$\\mathbf{{z}} = W\\mathbf{{x}}$$\n\n"
            f"$${line}$$\n")
    got, errors = document_verdicts(tmp_path / "z.md", text)
    verdicts = [v for g in got for v in g]
    assert P not in verdicts and R not in verdicts, (got, errors)
    assert any(needle in e for e in errors), errors
