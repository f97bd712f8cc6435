"""What a new user and a soundness adversary found (nineteenth session): each a wrong verdict
or a needless refusal, and the test that keeps it fixed."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import Limits, Settings, run
from checker.files import load_file
from checker.results import Method, Verdict
from tests.recheck import assert_refutations

MATRICES = "matrices = { A = [2, 2], B = [2, 2] }"


def read(tmp_path: Path, body: str, head: str = "") -> tuple[list, list]:
    """The step checks (verdict, method, detail) of every display, and the input errors."""
    path = tmp_path / "doc.md"
    path.write_text((f"```derivcheck\n{head}\n```\n\n" if head else "") + body, encoding="utf-8")
    loaded = load_file(str(path))
    report = run(loaded.items, Settings(), Limits(timeout=60, jobs=1))
    assert_refutations(report)
    steps = [c for o in report.outcomes for c in o.checks if c.check.step]
    return steps, loaded.errors


def verdicts(steps: list) -> list[Verdict]:
    return [c.result.verdict for c in steps]


# -- Markdown: raw HTML blocks ------------------------------------------------------------

@pytest.mark.parametrize("block", ["<details>\n# Hint (click to open)\nUse the power rule.\n"
                                   "</details>",
                                   "<table>\n# not a heading\n</table>",
                                   "<div class=\"hint\">\n## Hint\n</div>"])
def test_a_hash_line_inside_raw_html_is_no_heading(tmp_path: Path, block: str) -> None:
    """CommonMark: an HTML block runs to the next blank line, and a '#' line in it is text. Read
    as a heading, it opened a new section, so y = x³ was a new definition of y and
    dy/dx = 3x² was proved."""
    steps, errors = read(tmp_path, f"# Problem 1\n\n$$y = x^2$$\n\n{block}\n\n$$y = x^3$$\n\n"
                                   "$$\\frac{dy}{dx} = 3x^2$$\n")
    assert errors == []
    assert verdicts(steps) == [Verdict.REFUTED, Verdict.REFUTED]


def test_a_heading_after_the_html_block_still_opens_a_section(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, "# One\n\n$$y = x^2$$\n\n<details>\nhint\n</details>\n\n"
                                   "# Two\n\n$$y = x^3$$\n\n$$\\frac{dy}{dx} = 3x^2$$\n")
    assert errors == []
    assert verdicts(steps) == [Verdict.PROVED]  # y = x³ defines y in section Two


# -- square matrices: exp, log, sqrt read two ways; det, tr, inverses ------------------------

@pytest.mark.parametrize("line", [r"$$\operatorname{tr}(e^{A}) = e^{A_{11}} + e^{A_{22}}$$",
                                  r"$$e^{A} e^{A} = e^{2A}$$",
                                  r"$$\log(A B) = \log A + \log B$$",
                                  r"$$\sqrt{A} = A$$"])
def test_exp_log_sqrt_of_a_square_matrix_are_refused(tmp_path: Path, line: str) -> None:
    """e^A of a square matrix: the matrix exponential or exp of each entry? Read entrywise,
    tr(e^A) = e^{A11} + e^{A22} was proved (false for the matrix exponential) and
    e^A e^A = e^{2A} refuted (true for it)."""
    steps, errors = read(tmp_path, line + "\n", MATRICES)
    assert set(verdicts(steps)) <= {Verdict.ERROR}
    assert errors and "of a square matrix reads two ways" in errors[0].message
    assert "functions = {" in errors[0].message  # what to write for the entries


def test_exp_of_a_non_square_matrix_is_entrywise(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, r"$$e^{C} = e^{C}$$" "\n"
                         r"$$\log(e^{C}) = C$$" "\n", "matrices = { C = [2, 3] }")
    assert errors == []
    assert verdicts(steps) == [Verdict.PROVED, Verdict.PROVED]


def test_a_function_the_page_declares_acts_entrywise_on_a_square_matrix(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, r"$$f(A) \odot f(A) = f(2A)$$" "\n",
                         MATRICES + '\nfunctions = { "f(t)" = "exp(t)" }')
    assert errors == []
    assert verdicts(steps) == [Verdict.PROVED]


def test_det_and_tr_as_latex_commands(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, r"""$$\det(A B) = \det(A) \det(B)$$

$$\det A = A_{11} A_{22} - A_{12} A_{21}$$

$$\tr(A + B) = \tr A + \tr B$$

$$\det(2A) = 2 \det A$$
""", MATRICES)
    assert errors == []
    assert verdicts(steps) == [Verdict.PROVED] * 3 + [Verdict.REFUTED]


def test_negative_powers_of_a_matrix_are_its_inverse(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, r"""$$(A B)^{-1} = B^{-1} A^{-1}$$

$$(A B)^{-1} = A^{-1} B^{-1}$$

$$A^{-2} = (A^{2})^{-1}$$
""", MATRICES)
    assert errors == []
    assert verdicts(steps) == [Verdict.PROVED, Verdict.REFUTED, Verdict.PROVED]


# -- the identity as a step of its own -------------------------------------------------------

def test_the_identity_alone_takes_the_chains_size(tmp_path: Path) -> None:
    steps, errors = read(tmp_path, "$$A A^{-1} = \\mathbf{I}$$\n\n$$A^{-1} A = 2\\mathbf{I}$$\n",
                         MATRICES)
    assert errors == []
    assert verdicts(steps) == [Verdict.PROVED, Verdict.REFUTED]


def test_an_undeclared_i_alone_beside_a_matrix_reads_two_ways(tmp_path: Path) -> None:
    """A⁻¹A = I: I a number (then the shapes differ: refuted) or the identity (proved). Was
    refuted by its shape."""
    steps, errors = read(tmp_path, "$$A^{-1} A = I$$\n", MATRICES)
    assert errors == []
    assert [(c.result.verdict, c.result.method) for c in steps] == [
        (Verdict.UNKNOWN, Method.AMBIGUOUS)]
    assert "\\mathbf{I}" in c_detail(steps[0])


def c_detail(check: object) -> str:
    return check.result.detail  # type: ignore[attr-defined]


def test_expect_lines_naming_no_line_of_the_display_is_an_error(tmp_path: Path) -> None:
    _, errors = read(tmp_path, '<!-- derivcheck: expect_lines = { 40 = "refuted" } -->\n'
                               "$$\n(x+1)^2 = x^2 + 2x + 1\n$$\n")
    assert len(errors) == 1
    assert "expect_lines: '40' is not a line this display's steps are written on" \
        in errors[0].message
