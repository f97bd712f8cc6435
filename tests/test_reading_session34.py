"""Reading documents (session 34): a value the prose or a condition gives one of a display's
free indices ("Here $i = 1$.", "For $i = n$:", x_i = x_j \\quad (i = j)), which was dropped
(the display refuted for every i) or read as a letter unrelated to the index."""

from __future__ import annotations

from pathlib import Path

import pytest
from recheck import checked_file

from checker.model import CheckKind
from checker.results import Verdict

VECTOR = ("```derivcheck\n"
          "dims = { n = \"positive integer\" }\n"
          "vectors = { x = \"n\" }\n"
          "```\n")


def goals(tmp_path: Path, text: str) -> tuple[list[Verdict], list[str], list[str]]:
    """Each display's goal verdict in order (counterexamples re-checked by checked_file), the
    reader's errors, and each goal's detail."""
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    report, errors = checked_file(path)
    got = [c for o in report.outcomes  # type: ignore[attr-defined]
           for c in o.checks if c.check.kind is CheckKind.GOAL]
    return ([c.result.verdict for c in got], [str(e) for e in errors],
            [c.result.detail or "" for c in got])


# ---- a value of an index in the prose before a display


@pytest.mark.parametrize("prose", [
    "Here $i = 1$.",
    "Now set $i = 1$.",
    "We take $i = 1$ below.",
    "Setting $i = 1$ gives",
    "Case 1: $i = j$, $j = 1$.",
    "Here $j = n$ and $i = j$.",
    "**Case 1:** $i = j$, $j = 1$.",
])
def test_a_value_of_the_index_in_prose_leaves_a_refutation_in_doubt(tmp_path: Path,
                                                                     prose: str) -> None:
    """x_i = x_1 holds at i = 1, which the prose says: it was refuted at i = 2."""
    got, errors, details = goals(tmp_path, VECTOR + f"\n{prose}\n\n$$x_i = x_1$$\n")
    assert errors == [] and got == [Verdict.UNKNOWN], (got, errors)
    assert "which is not read" in details[0] and "a case of the indices" in details[0]


@pytest.mark.parametrize("prose", ["Here $i = 1$.", "Setting $i = 1$ gives",
                                   "Case 1: $i = j$, $j = 1$."])
def test_a_value_of_the_index_in_prose_does_not_stop_a_proof(tmp_path: Path, prose: str) -> None:
    got, errors, _ = goals(tmp_path, VECTOR + f"\n{prose}\n\n$$x_i + x_i = 2 x_i$$\n")
    assert errors == [] and got == [Verdict.PROVED]


@pytest.mark.parametrize(("prose", "expected"), [
    ("For $i = 1$:", Verdict.PROVED),   # read as the case, put in for i
    ("Let $i = 1$. Then", Verdict.PROVED),
    ("For $i = 2$:", Verdict.REFUTED),  # x_2 = x_1 is false (at n = 2)
    ("For $i = n$:", Verdict.REFUTED),
    ("Case 1: $i = j$.", Verdict.REFUTED),  # j another name for i: for every i
    ("For $i = 1, \\ldots, n$:", Verdict.REFUTED),  # a range, no value
])
def test_a_case_of_an_index_at_a_value_is_read(tmp_path: Path, prose: str,
                                               expected: Verdict) -> None:
    got, errors, _ = goals(tmp_path, VECTOR + f"\n{prose}\n\n$$x_i = x_1$$\n")
    assert errors == [] and got == [expected], (got, errors)


def test_a_sums_own_index_given_a_value_in_prose_is_not_the_displays(tmp_path: Path) -> None:
    """"Here $k = 1$." before a display that sums over k says nothing of its free indices."""
    got, errors, _ = goals(tmp_path, VECTOR + "\nHere $k = 1$.\n\n"
                           "$$\\sum_{k=1}^{n} x_k - x_i = \\sum_{k=1}^{n} x_k$$\n")
    assert errors == [] and got == [Verdict.REFUTED]


# ---- a condition on two indices, one written only in its own line


@pytest.mark.parametrize(("display", "expected"), [
    ("x_i = x_j \\quad (i = j)", Verdict.PROVED),
    ("x_j = x_i \\quad (i = j)", Verdict.PROVED),
    ("x_i = x_j \\quad (i \\neq j)", Verdict.REFUTED),
    ("x_i = x_1 \\quad (i = 1)", Verdict.PROVED),
    ("x_i = x_n \\quad (i = n)", Verdict.PROVED),
    ("x_i + x_j = 2 x_1 \\quad (i = 1, j = 1)", Verdict.PROVED),
    ("x_i + x_j = 2 x_1 \\quad (i = 1, j = 2)", Verdict.REFUTED),
])
def test_a_condition_names_the_index_its_line_uses(tmp_path: Path, display: str,
                                                   expected: Verdict) -> None:
    """The condition of x_j's line was read before x_j, so its j was a plain letter ("j is
    both an index and another symbol"); i = 1 was a fact never put in for i (unknown)."""
    got, errors, _ = goals(tmp_path, VECTOR + f"\n$${display}$$\n")
    assert errors == [] and got == [expected], (got, errors)


def test_an_index_pinned_outside_the_range_is_not_assumed_in_it(tmp_path: Path) -> None:
    """x_2 with i = 1 at a size n that may be 1: x_2 may not exist, so nothing is decided."""
    got, errors, _ = goals(tmp_path, VECTOR + "\n$$x_i = x_2 \\quad (i = 1)$$\n")
    assert errors == [] and got != [Verdict.PROVED] and got != [Verdict.REFUTED]


# ---- a definition whose name is one letter in a font


@pytest.mark.parametrize("name", ["\\mathrm{h}_1", "\\mathit{h}", "\\mathsf{h}", "\\textbf{h}",
                                  "\\mathrm{W}_1", "\\textit{a}^{[1]}"])
def test_a_letter_in_a_font_is_defined_where_it_is_first_written(tmp_path: Path,
                                                                  name: str) -> None:
    """\\mathrm{h}_1 = σ(x) was read as a claim about a new letter h_1 and refuted; it defines
    h_1 as a plain h_1 = … does, and the lines after it use that definition."""
    head = "```derivcheck\nsymbols = { x = \"real\" }\n```\n"
    got, errors, _ = goals(tmp_path, head + f"\nLet\n\n$${name} = \\sigma(x)$$\n\nThen\n\n"
                           f"$${name} + 1 = \\sigma(x) + 1$$\n\n$${name} = \\sigma(x) + 1$$\n")
    assert errors == [] and got == [Verdict.PROVED, Verdict.REFUTED], (got, errors)


def test_eulers_e_in_roman_is_no_definition(tmp_path: Path) -> None:
    head = "```derivcheck\nsymbols = { x = \"real\" }\n```\n"
    got, errors, _ = goals(tmp_path, head + "\n$$\\mathrm{e}^{0} = 1$$\n")
    assert errors == [] and got == [Verdict.PROVED]


# ---- a case written without math, and the displays after a case's display


SOFTMAX = ("```derivcheck\n"
           "dims = { n = \"positive integer\" }\n"
           "vectors = { z = \"n\" }\n"
           "latex = { \"\\\\hat{y}\" = \"softmax(z)\" }\n"
           "```\n")
DIAGONAL = "$$\\frac{\\partial \\hat{y}_i}{\\partial z_j} = \\hat{y}_i (1 - \\hat{y}_i)$$\n"


@pytest.mark.parametrize(("prose", "expected"), [
    ("For i = j we have", Verdict.PROVED),  # (the seed 004's "(i) For i = j we have")
    ("When i equals j:", Verdict.PROVED),
    ("If i = j then", Verdict.PROVED),
    ("and for i ≠ j we get", Verdict.REFUTED),
    ("If i is not equal to j,", Verdict.REFUTED),
])
def test_a_case_of_two_indices_written_without_math_is_read(tmp_path: Path, prose: str,
                                                            expected: Verdict) -> None:
    """It was not read at all: the display, true where i = j, was refuted at i ≠ j."""
    got, errors, _ = goals(tmp_path, SOFTMAX + f"\n{prose}\n\n{DIAGONAL}")
    assert errors == [] and got == [expected], (got, errors)


def test_letters_that_are_not_indices_in_prose_are_no_case(tmp_path: Path) -> None:
    got, errors, _ = goals(tmp_path, SOFTMAX + f"\nLet a = b.\n\n{DIAGONAL}")
    assert errors == [] and got == [Verdict.REFUTED]


@pytest.mark.parametrize(("second", "expected"), [
    ("\\hat{y}_j (1 - \\hat{y}_j)", Verdict.UNKNOWN),  # true in the case only
    ("\\hat{y}_i (\\delta_{ij} - \\hat{y}_j)", Verdict.PROVED),  # true in every case
    ("\\hat{y}_i (1 + \\hat{y}_i)", Verdict.REFUTED),  # false in the case too
])
def test_a_display_after_a_cases_display_is_read_with_the_case_and_without(
        tmp_path: Path, second: str, expected: Verdict) -> None:
    """If $i = j$: A, then B with no prose between: B was refused ("does that case hold here
    too?"). Both readings are checked: they agree (proved, or refuted under the case too),
    or the display is unknown, saying why."""
    got, errors, details = goals(tmp_path, SOFTMAX + f"\nIf $i = j$:\n\n{DIAGONAL}\n"
                                 f"$$\\frac{{\\partial \\hat{{y}}_i}}{{\\partial z_j}} = {second}$$\n")
    assert errors == [] and got == [Verdict.PROVED, expected], (got, errors)
    if expected is Verdict.UNKNOWN:
        assert "which holds where i = j" in details[1]


# ---- found by an adversary of this session's reading


@pytest.mark.parametrize(("prose", "expected"), [
    ("For i = 1:", Verdict.PROVED),  # a value in words, read as the case
    ("Let i be 1. Then", Verdict.PROVED),
    ("For i equal to 1,", Verdict.PROVED),
    ("Here i = 1.", Verdict.UNKNOWN),  # not read: a refutation in doubt
    ("Setting i = 3 gives", Verdict.UNKNOWN),
    ("For $i = 1, 2$:", Verdict.UNKNOWN),  # some values: not read
    ("For i = 1, 2:", Verdict.UNKNOWN),
    ("For $i = 2, \\ldots, n$:", Verdict.UNKNOWN),  # part of the range
])
def test_a_value_of_an_index_in_words_or_a_list_is_not_dropped(tmp_path: Path, prose: str,
                                                               expected: Verdict) -> None:
    """Each left x_i = x_1, true at the values the prose names, refuted at another."""
    got, errors, _ = goals(tmp_path, VECTOR + f"\n{prose}\n\n$$x_i = x_1$$\n")
    assert errors == [] and got == [expected], (prose, got, errors)


def test_a_value_in_words_of_an_index_at_a_size(tmp_path: Path) -> None:
    """For i = n: (in words) Σ x_k − x_i = Σ_{k<n} x_k was refuted at i = 1."""
    got, errors, _ = goals(tmp_path, VECTOR + "\nFor i = n:\n\n"
                           "$$\\sum_{k=1}^{n} x_k - x_i = \\sum_{k=1}^{n-1} x_k$$\n")
    assert errors == [] and Verdict.REFUTED not in got, got


def test_a_value_before_a_display_that_goes_on_is_not_dropped(tmp_path: Path) -> None:
    """"Setting $i = 1$, $$= x_1$$" after a line in x_i: refuted at i = 2 before."""
    got, errors, details = goals(tmp_path, VECTOR + "\nWe have\n\n"
                                 "$$\\sum_{k=1}^{n} \\delta_{ik} x_k = x_i$$\n\nSetting $i = 1$,\n\n"
                                 "$$= x_1$$\n")
    assert errors == [] and got == [Verdict.PROVED, Verdict.UNKNOWN], (got, errors)
    assert "i = 1" in details[1]


@pytest.mark.parametrize(("display", "expected"), [
    ("(W x)_i = W_{ij} x_j", Verdict.UNKNOWN),  # summed over j, or for every j?
    ("\\delta_{ij} x_j = x_i", Verdict.UNKNOWN),
    ("x_j x_j = \\sum_{k=1}^{3} x_k^2", Verdict.UNKNOWN),
    ("\\frac{x_j}{x_j} = 1", Verdict.UNKNOWN),  # (true for every j, 3 summed)
    ("(W x)_i = \\sum_{j=1}^{3} W_{ij} x_j", Verdict.PROVED),
    ("x_i = x_1", Verdict.REFUTED),  # once: for every i
    ("\\hat{y}_i (1 - \\hat{y}_i) = \\hat{y}_i - \\hat{y}_i^2", Verdict.PROVED),  # on both sides
])
def test_an_index_twice_on_one_side_only_is_read_two_ways(tmp_path: Path, display: str,
                                                          expected: Verdict) -> None:
    """The summation convention's mark, where the page states that convention: it was
    refuted as "for every j" (at j = 1)."""
    head = ("```derivcheck\nvectors = { x = 3, z = 3 }\nmatrices = { W = [2, 3] }\n"
            "latex = { \"\\\\hat{y}\" = \"softmax(z)\" }\n```\n\n"
            "We use the summation convention (repeated indices are summed).\n")
    got, errors, details = goals(tmp_path, head + f"\n$${display}$$\n")
    assert errors == [] and got == [expected], (got, errors)
    if expected is Verdict.UNKNOWN:
        assert "summation convention" in details[0]


@pytest.mark.parametrize(("prose", "expected"), [
    ("With Einstein notation:", Verdict.UNKNOWN),
    ("", Verdict.REFUTED),  # no convention stated: the line for every j, as stated
])
def test_the_summation_convention_at_a_symbolic_size(tmp_path: Path, prose: str,
                                                     expected: Verdict) -> None:
    got, errors, _ = goals(tmp_path, VECTOR + f"\n{prose}\n\n"
                           "$$\\frac{\\partial}{\\partial x_i}(x_j x_j) = 2 x_i$$\n")
    assert errors == [] and got == [expected], (got, errors)


@pytest.mark.parametrize(("prose", "display", "expected"), [
    ("For $n = 1$:", "\\sum_{k=1}^{n} x_k = x_1", Verdict.UNKNOWN),  # true there; not proved
    ("For n = 1:", "\\sum_{k=1}^{n} x_k = x_1", Verdict.UNKNOWN),  # (it was refuted at n = 2)
    ("For $n = 1$:", "\\sum_{k=1}^{n} x_k = 2 x_1", Verdict.REFUTED),  # false at n = 1 too
    ("For n = 2:", "\\sum_{k=1}^{n} x_k = x_1", Verdict.REFUTED),
])
def test_a_case_on_a_size_is_read(tmp_path: Path, prose: str, display: str,
                                  expected: Verdict) -> None:
    """"For $n = 1$:" was refused (n is no index), and in words not read at all."""
    got, errors, _ = goals(tmp_path, VECTOR + f"\n{prose}\n\n$${display}$$\n")
    assert errors == [] and got == [expected], (got, errors)


# ---- found by a second adversary


REALS = "```derivcheck\nsymbols = { x = \"real\", y = \"real\" }\n```\n"


@pytest.mark.parametrize("text", [
    "For $x > 0$ and $y > 0$:\n\n$$|x| = x$$\n\n$$|y| = y$$\n",  # a case not read, carried
    "$$|x| = x \\quad \\text{if } x > 0$$\n\n$$|x|^3 = x^3$$\n",  # the display's own case
    "$$|x| = -x \\quad (x < 0)$$\n\n$$\\sqrt{x^2} = -x$$\n",
])
def test_the_display_after_one_under_a_case_is_not_refuted_outside_it(tmp_path: Path,
                                                                      text: str) -> None:
    """Each second display was refuted at a point the case before it rules out."""
    got, errors, details = goals(tmp_path, REALS + "\n" + text)
    assert errors == [] and got[-1] is Verdict.UNKNOWN, (got, errors)
    assert "this display follows the display at line" in details[-1]


def test_the_display_after_one_under_its_own_case_is_still_refuted_where_false_in_it(
        tmp_path: Path) -> None:
    got, errors, _ = goals(tmp_path, REALS + "\n$$|x| = x \\quad \\text{if } x > 0$$\n\n"
                           "$$|x| = 2x$$\n")
    assert errors == [] and got == [Verdict.PROVED, Verdict.REFUTED], (got, errors)


def test_a_case_carried_past_a_refused_display_is_not_the_earlier_one(tmp_path: Path) -> None:
    """If $i = j$: A. Otherwise: B (refused: not read). C right after B was checked under
    i = j, the case of A, and refuted where it holds (i ≠ j)."""
    text = (SOFTMAX + "\nIf $i = j$:\n\n" + DIAGONAL + "\nOtherwise:\n\n"
            "$$\\frac{\\partial \\hat{y}_i}{\\partial z_j} = -\\hat{y}_i \\hat{y}_j$$\n\n"
            "$$\\frac{\\partial \\hat{y}_i}{\\partial z_j} = -\\hat{y}_j \\hat{y}_i$$\n")
    got, errors, _ = goals(tmp_path, text)
    assert Verdict.REFUTED not in got and len(errors) == 2, (got, errors)


@pytest.mark.parametrize("prose", ["For $i = 2j$:", "For i = 2j:", "For i = j + 1 we have"])
def test_an_index_case_at_an_expression_is_not_dropped(tmp_path: Path, prose: str) -> None:
    """-ŷ_i ŷ_j is right at every i ≠ j: it was refuted at i = j = 1, which the case excludes."""
    got, errors, _ = goals(tmp_path, SOFTMAX + f"\n{prose}\n\n"
                           "$$\\frac{\\partial \\hat{y}_i}{\\partial z_j} = -\\hat{y}_i \\hat{y}_j$$\n")
    assert Verdict.REFUTED not in got and Verdict.PROVED not in got, (got, errors)


@pytest.mark.parametrize("prose", ["For i different from j:", "For distinct i and j:",
                                   "When i and j differ:", "For i =/= j:"])
def test_two_indices_that_differ_in_words_are_read(tmp_path: Path, prose: str) -> None:
    got, errors, _ = goals(tmp_path, SOFTMAX + f"\n{prose}\n\n"
                           "$$\\frac{\\partial \\hat{y}_i}{\\partial z_j} = -\\hat{y}_i \\hat{y}_j$$\n")
    assert errors == [] and got == [Verdict.PROVED], (got, errors)


@pytest.mark.parametrize("prose", [
    "We use the Einstein summation convention throughout: repeated indices are summed.",
    "Repeated indices imply summation.",
    "Summation over repeated indices is implied.",
    "Following Einstein, we sum over any index that appears twice.",
    "An index that appears twice in a term is summed over.",
])
@pytest.mark.parametrize("rhs", ["1", "n"])
def test_an_index_repeated_across_a_derivative_under_the_convention(
        tmp_path: Path, prose: str, rhs: str) -> None:
    """∂x_i/∂x_i is δ_ii = n under the convention, 1 for each i: it was proved as 1 (and
    refuted as n)."""
    got, errors, _ = goals(tmp_path, VECTOR + f"\n{prose}\n\n$$\\frac{{\\partial x_i}}"
                           f"{{\\partial x_i}} = {rhs}$$\n")
    assert errors == [] and got == [Verdict.UNKNOWN], (got, errors)


def test_a_display_of_case_rows_puts_no_case_on_the_next(tmp_path: Path) -> None:
    """Rows for i = j and i ≠ j, then a display for every i, j: read as written (it became
    unknown, as if under the first row's case)."""
    text = (SOFTMAX + "\n\\[\n\\frac{\\partial \\hat{y}_i}{\\partial z_j} = \\hat{y}_i (1 - "
            "\\hat{y}_i), \\quad i = j \\\\\n\\frac{\\partial \\hat{y}_i}{\\partial z_j} = "
            "-\\hat{y}_i \\hat{y}_j, \\quad i \\ne j\n\\]\n\n"
            "$$\\frac{\\partial \\hat{y}_i}{\\partial z_j} = \\hat{y}_i (\\delta_{ij} - \\hat{y}_j)$$\n")
    got, errors, _ = goals(tmp_path, text)
    assert errors == [] and got == [Verdict.PROVED] * 3, (got, errors)
