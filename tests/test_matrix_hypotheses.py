"""A hypothesis about a whole matrix (symmetric, A = Aᵀ) at a symbolic size cannot be applied
(it would hold at one entry only), so it is refused wherever it is written: in the prose, in
a display's remark, under ``given``, or entry by entry with free indices. Each of these was a
wrong refutation (the hypothesis dropped, or applied at one entry) or a crash (new users,
sixteenth session). And a function's bold parameter is its parameter."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.results import Verdict
from tests.recheck import document_verdicts

HEAD = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { x = "n" }\n'
        'matrices = { A = ["n", "n"] }\n{given}```\n\n')


@pytest.mark.parametrize(("given", "prose", "display", "needle"), [
    ("", "Assume $A = A^T$. Then", r"\nabla_x (x^\top A x) = 2 A x", "property of the matrix A"),
    ("", "If $A^\\top = A$ (a symmetric matrix), then", r"\nabla_x (x^\top A x) = 2 A x",
     "property of the matrix A"),
    ("", "If $A$ is symmetric, then", r"\nabla_x (x^\top A x) = 2 A x", "property of A"),
    ("", "For symmetric $A$:", r"\nabla_x (x^\top A x) = 2 A x", "property of A"),
    ("", "", r"\nabla_x (x^\top A x) = 2 A x \quad (A^T = A)", "about a whole n×n matrix"),
    ('given = ["A == T(A)"]\n', "", r"(A + A^\top) x = 2 A x", "about a whole n×n matrix"),
    ('given = ["A[i, j] == A[j, i]"]\n', "", r"(A + A^\top) x = 2 A x", "are free here"),
    ("", "Let $A$ be symmetric.", r"\nabla_x (x^\top A x) = 2 A x", "property of A"),
    ("", "Let A be a symmetric matrix.", r"\nabla_x (x^\top A x) = 2 A x", "property of A"),
    ("", "Take $A$ symmetric positive definite.", r"\nabla_x (x^\top A x) = 2 A x",
     "property of A"),
    ("", "With $A^T = A$:", r"\nabla_x (x^\top A x) = 2 A x", "property of the matrix A"),
    ("", "Note $A_{ij} = A_{ji}$.", r"\nabla_x (x^\top A x) = 2 A x", "property of the matrix A"),
    ("", "Since the matrix is symmetric,", r"\nabla_x (x^\top A x) = 2 A x", "property"),
    ("", "$A$ is symmetric.", r"\nabla_x (x^\top A x) = 2 A x", "property of A"),
    ("", "Taking $A$ to be symmetric,", r"\nabla_x (x^\top A x) = 2 A x", "property of A"),
    ("", "For a Hessian $A$ (which is symmetric):", r"\nabla_x (x^\top A x) = 2 A x",
     "property of A"),
    ("", "For symmetric matrices:", r"\nabla_x (x^\top A x) = 2 A x", "property"),
    ("", "Note that $A$ equals its transpose.", r"\nabla_x (x^\top A x) = 2 A x", "property"),
    ("", "Suppose $A$ is a covariance matrix.", r"\nabla_x (x^\top A x) = 2 A x", "property"),
    ("", "", r"\nabla_x (x^\top A x) = 2 A x \quad \text{for symmetric } A", "property"),
    ("", "", r"\nabla_x (x^\top A x) = 2 A x \quad \text{(symmetric case)}", "property"),
])

def test_a_hypothesis_about_a_whole_matrix_is_refused(tmp_path: Path, given: str, prose: str,
                                                      display: str, needle: str) -> None:
    text = HEAD.replace("{given}", given) + (f"{prose}\n\n" if prose else "") + f"$${display}$$\n"
    got, errors = document_verdicts(tmp_path / "a.md", text)
    assert Verdict.REFUTED not in [v for g in got for v in g], (got, errors)
    assert any(needle in e for e in errors), errors
    assert not any("derivcheck bug" in e for e in errors), errors


def test_a_function_of_a_bold_vector_is_defined(tmp_path: Path) -> None:
    """f(\\mathbf{x}) = \\mathbf{x}^T A \\mathbf{x} was read as f·x_i (or f(x_i)) and refuted by
    its shape; it defines f, and its gradient is checked."""
    text = HEAD.replace("{given}", "") + (
        "$$f(\\mathbf{x}) = \\mathbf{x}^T A \\mathbf{x}$$\n\n"
        "$$\\nabla_{\\mathbf{x}} f = (A + A^T)\\mathbf{x}$$\n\n"
        "$$\\nabla_{\\mathbf{x}} f = 2 A\\mathbf{x}$$\n")
    got, errors = document_verdicts(tmp_path / "f.md", text)
    assert errors == [] and got == [[Verdict.PROVED], [Verdict.REFUTED]], (got, errors)


def test_a_property_the_prose_does_not_assume_binds_nothing(tmp_path: Path) -> None:
    text = HEAD.replace("{given}", "") + ("We do not assume $A$ is symmetric.\n\n"
                                          "$$\\nabla_x (x^\\top A x) = (A + A^\\top) x$$\n")
    got, errors = document_verdicts(tmp_path / "n.md", text)
    assert errors == [] and got == [[Verdict.PROVED]], (got, errors)
