"""Inverses and determinants of matrices of symbolic size (checker/inverse.py): proved for
every size where any matrix in the inverse's place would do (with what is known of inverses
built in: (Mᵀ)⁻¹ = (M⁻¹)ᵀ, a symmetric M's inverse is symmetric, M⁻¹M = I beside each other,
the derivatives of M⁻¹ and det M), refuted at a small size with the inverse computed exactly,
and otherwise unknown, never proved by a guess."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from recheck import checked_file

from checker.inverse import C, InverseEntry, R, determinant, entries, rule
from checker.model import CheckKind
from checker.results import Verdict

HEAD = ("# Inverses\n\n"  # 1
        "```derivcheck\n"  # 3
        'dims = { n = "positive integer", m = "positive integer" }\n'
        'vectors = { x = "n", mu = "n", a = "n", b = "n", beta = "m", y = "n" }\n'
        'matrices = { Sigma = ["n", "n"], A = ["n", "n"], B = ["n", "n"], X = ["n", "m"] }\n'
        'latex = { "\\\\mu" = "mu", "\\\\Sigma" = "Sigma", "\\\\beta" = "beta" }\n'
        "```\n")  # 8


def run(tmp_path: Path, *displays: str, head: str = HEAD, prose: str = "Text."
        ) -> tuple[list[tuple[Verdict, str]], list]:
    """The goal's verdict and detail of each display, in order (every counterexample re-checked
    independently: the inverse by SymPy's Gauss–Jordan elimination, det ≠ 0 at the point, a
    symmetric Σ's entry Σ[2,1] its Σ[1,2]), and the input errors."""
    report, errors = _checked(tmp_path, head + "".join(f"\n{prose}\n\n$${d}$$\n" for d in displays))
    return [(c.result.verdict, c.result.detail) for o in report.outcomes for c in o.checks
            if c.check.kind is CheckKind.GOAL], errors


def _checked(tmp_path: Path, text: str) -> tuple:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    return checked_file(path)


def verdict_of(tmp_path: Path, display: str, head: str = HEAD) -> Verdict:
    """The goal's verdict of one display (read with no input error)."""
    got, errors = run(tmp_path, display, head=head)
    assert errors == [] and len(got) == 1, (got, errors)
    return got[0][0]


QUADRATIC = ("\\frac{\\partial}{\\partial \\mu} \\left( -\\frac{1}{2} (x - \\mu)^T \\Sigma^{-1} "
             "(x - \\mu) \\right)")


@pytest.mark.parametrize(("display", "verdict"), [
    # the gradient of a quadratic form with an inverse: right for any matrix in its place
    (QUADRATIC + " = \\frac{1}{2} (\\Sigma^{-1} + \\Sigma^{-T}) (x - \\mu)", Verdict.PROVED),
    # Σ⁻¹(x − μ) needs Σ symmetric, which is not declared: refuted at n = 2
    (QUADRATIC + " = \\Sigma^{-1} (x - \\mu)", Verdict.REFUTED),
    # XᵀX is symmetric by its entries, so its inverse is
    ("\\frac{\\partial}{\\partial \\beta} \\beta^T (X^T X)^{-1} \\beta = 2 (X^T X)^{-1} \\beta",
     Verdict.PROVED),
    ("\\frac{\\partial}{\\partial \\beta} \\beta^T (X^T X)^{-1} \\beta = (X^T X)^{-1} \\beta",
     Verdict.REFUTED),
    # M⁻¹M = I where they stand side by side
    ("(X^T X)^{-1} X^T X \\beta = \\beta", Verdict.PROVED),
    ("X (X^T X)^{-1} X^T X = X", Verdict.PROVED),
    ("A A^{-1} B = B", Verdict.PROVED),
    ("A^{-1} A B = B A^{-1} A", Verdict.PROVED),
    ("A^{-1} B A = B", Verdict.REFUTED),
    # the transpose of an inverse, and the order of a product's inverse
    ("(A^T)^{-1} = (A^{-1})^T", Verdict.PROVED),
    ("(A B)^{-1} = A^{-1} B^{-1}", Verdict.REFUTED),
    ("A^{-1} = A^T", Verdict.REFUTED),
    ("A^{-2} = A^{-1} A^{-1}", Verdict.PROVED),
    # Jacobi's formula and the derivative of an inverse
    ("\\frac{\\partial}{\\partial \\Sigma} \\log \\det \\Sigma = \\Sigma^{-T}", Verdict.PROVED),
    ("\\frac{\\partial}{\\partial \\Sigma} \\log \\det \\Sigma = \\Sigma^{-1}", Verdict.REFUTED),
    ("\\frac{\\partial}{\\partial \\Sigma} a^T \\Sigma^{-1} b = -\\Sigma^{-T} a b^T \\Sigma^{-T}",
     Verdict.PROVED),
    ("\\frac{\\partial}{\\partial \\Sigma} a^T \\Sigma^{-1} b = \\Sigma^{-T} a b^T \\Sigma^{-T}",
     Verdict.REFUTED),
    ("\\det(A^T) = \\det A", Verdict.PROVED),
])
def test_inverses_at_a_symbolic_size(tmp_path: Path, display: str, verdict: Verdict) -> None:
    assert verdict_of(tmp_path, display) is verdict


def test_an_identity_that_needs_more_than_is_built_in_is_unknown_not_proved(
        tmp_path: Path) -> None:
    """(AB)⁻¹ = B⁻¹A⁻¹ holds, but not for any matrices in the inverses' places: not proved for
    every size; the sizes where the inverse is computed exactly say it holds there."""
    got, errors = run(tmp_path, "(A B)^{-1} = B^{-1} A^{-1}")
    assert errors == []
    (verdict, detail), = got
    assert verdict is Verdict.UNKNOWN
    assert "no proof for all n" in detail and "n = 2" in detail and "are all proved" in detail


def test_a_wrong_inverse_is_refuted_where_the_matrix_is_invertible(tmp_path: Path) -> None:
    """The counterexample is at an invertible matrix: det ≠ 0 is a condition of the claim
    (re-checked with the point by checked_file)."""
    got, _ = run(tmp_path, "(A B)^{-1} = A^{-1} B^{-1}")
    (verdict, detail), = got
    assert verdict is Verdict.REFUTED and "n = 2" in detail


@pytest.mark.parametrize(("display", "fragment"), [
    ("X^{-1} = X", "needs a square matrix"),
    ("(A^{-1} + B)^{-1} = A", "holds an inverse or a determinant"),
    ("A^{-5} = A", "beyond -4"),
])
def test_inverses_not_read(tmp_path: Path, display: str, fragment: str) -> None:
    _got, errors = run(tmp_path, display)
    assert len(errors) == 1 and fragment in errors[0].message, errors


def test_the_entries_of_an_inverse_are_written_one_way() -> None:
    """(M⁻¹)_ij is ((Mᵀ)⁻¹)_ji: one of the two is kept, always the same; a symmetric M's
    inverse has (M⁻¹)_ij = (M⁻¹)_ji; det Mᵀ = det M."""
    i, j, n = sp.symbols("i j n", integer=True)
    A, B = sp.IndexedBase("A"), sp.IndexedBase("B")
    k = sp.Dummy("k", integer=True)
    m, mt = rule(A[R, C]), rule(A[C, R])
    assert entries(m, n)(i, j) == entries(mt, n)(j, i)
    assert entries(m, n)(i, j) != entries(m, n)(j, i)
    gram = rule(sp.Sum(A[k, R] * A[k, C], (k, 1, n)))
    assert entries(gram, n)(i, j) == entries(gram, n)(j, i)
    assert determinant(m, n) == determinant(mt, n)
    # the symmetry is the matrix's, decided where the inverse is made: a sum of its rule
    # replaced by a symbol later (as the every-n engine abstracts sums) does not make it so
    product = rule(sp.Sum(A[R, k] * A[k, C] * B[k, k], (k, 1, n)))
    e = entries(product, n)(i, j)
    abstracted = e.xreplace({s: sp.Dummy("S") for s in e.atoms(sp.Sum)})
    assert abstracted.xreplace({i: j, j: i}) != abstracted


def test_the_derivative_of_an_inverse_entry() -> None:
    """∂(A⁻¹)_ij/∂A_pq = −(A⁻¹)_ip (A⁻¹)_qj, checked at n = 2 against SymPy's own inverse."""
    A = sp.IndexedBase("A")
    i, j, p, q = 1, 2, 2, 1
    e = entries(rule(A[R, C]), 2)(i, j)
    d = sp.diff(e, A[p, q])
    M = sp.Matrix(2, 2, sp.symbols("a11 a12 a21 a22"))
    at = {A[r + 1, c + 1]: M[r, c] for r in range(2) for c in range(2)}

    def value(x: sp.Expr) -> sp.Expr:
        x = x.replace(lambda a: isinstance(a, sp.Sum), lambda a: a.doit())
        def entry(a: InverseEntry) -> sp.Expr:  # (its own rule: A's, or Aᵀ's)
            of = sp.Matrix(2, 2, lambda r, c: a.args[3](r + 1, c + 1)).xreplace(at)
            return of.inv()[int(a.args[0]) - 1, int(a.args[1]) - 1]

        return x.replace(lambda a: isinstance(a, InverseEntry), entry).xreplace(at)

    expected = sp.diff(M.inv()[i - 1, j - 1], M[p - 1, q - 1])
    assert sp.simplify(value(d.doit()) - expected) == 0


SYMMETRIC = HEAD.replace('Sigma = ["n", "n"]', 'Sigma = { size = ["n", "n"], assume = "symmetric" }')


@pytest.mark.parametrize(("display", "verdict"), [
    # a covariance matrix declared symmetric: the gradient every text writes
    (QUADRATIC + " = \\Sigma^{-1} (x - \\mu)", Verdict.PROVED),
    (QUADRATIC + " = -\\Sigma^{-1} (x - \\mu)", Verdict.REFUTED),
    ("\\Sigma^T = \\Sigma", Verdict.PROVED),
    ("(\\Sigma^{-1})^T = \\Sigma^{-1}", Verdict.PROVED),
    ("a^T \\Sigma b = b^T \\Sigma a", Verdict.PROVED),
    ("a^T A b = b^T A a", Verdict.REFUTED),  # (A is not declared symmetric)
    ("(x - \\mu)^T \\Sigma (x - \\mu) = x^T \\Sigma x - 2 \\mu^T \\Sigma x + \\mu^T \\Sigma \\mu",
     Verdict.PROVED),
    ("(x - \\mu)^T A (x - \\mu) = x^T A x - 2 \\mu^T A x + \\mu^T A \\mu", Verdict.REFUTED),
    ("\\Sigma x = \\Sigma^T x + x", Verdict.REFUTED),
])
def test_a_symmetric_matrix_of_symbolic_size(tmp_path: Path, display: str,
                                             verdict: Verdict) -> None:
    assert verdict_of(tmp_path, display, SYMMETRIC) is verdict


@pytest.mark.parametrize("display", [
    "\\frac{\\partial}{\\partial \\Sigma} \\log \\det \\Sigma = \\Sigma^{-1}",
    "\\frac{\\partial}{\\partial \\Sigma_{12}} \\Sigma_{21} = 1",
    "\\nabla_{\\Sigma} a^T \\Sigma b = a b^T",
])
def test_a_derivative_by_a_symmetric_matrix_is_refused(tmp_path: Path, display: str) -> None:
    """Whether ∂/∂Σ_12 moves Σ_21 too changes the answer by a factor of 2 off the diagonal:
    never decided by a guess."""
    got, errors = run(tmp_path, display, head=SYMMETRIC)
    assert not {Verdict.PROVED, Verdict.REFUTED} & {v for v, _ in got}
    assert len(errors) == 1 and "a derivative by a symmetric matrix" in errors[0].message


@pytest.mark.parametrize(("declaration", "fragment"), [
    ('S = { size = ["n", "m"], assume = "symmetric" }', "a symmetric matrix is square"),
    ('S = { size = [3, 3], assume = "symmetric" }', "is read at a symbolic size"),
])
def test_a_symmetric_declaration_that_cannot_hold(tmp_path: Path, declaration: str,
                                                  fragment: str) -> None:
    _got, errors = run(tmp_path, "A^T = A^T", head=HEAD.replace(
        "X = [\"n\", \"m\"] }", f"X = [\"n\", \"m\"], {declaration} }}"))
    assert errors and fragment in str(errors[0]), errors


@pytest.mark.parametrize(("prose", "display", "verdict"), [
    # a property the declarations cannot say: a refutation without it proves nothing
    # (anywhere in the section before it: right before the display it is refused as an input
    # error, see checker.files.names)
    ("Here A is orthogonal.\n\nThen:", "A^T = A^{-1}", Verdict.UNKNOWN),
    ("An orthogonal matrix is used.\n\nThen:", "A^T = A^{-1}", Verdict.UNKNOWN),
    ("We use that $A$ is positive definite.\n\nThen:", "a^T A b = b^T A a", Verdict.UNKNOWN),
    # said of no matrix the display has, or negated: the display as written
    ("Here B is orthogonal.\n\nThen:", "A^T = A^{-1}", Verdict.REFUTED),
    ("The columns are orthogonal to the residual.", "A^T = A^{-1}", Verdict.REFUTED),
    ("Here A need not be symmetric.", "a^T A b = b^T A a", Verdict.REFUTED),
    # a symmetric matrix declared so: the property holds, a proof or a refutation stands
    ("The matrix is symmetric.", "a^T \\Sigma b = b^T \\Sigma a", Verdict.PROVED),
    ("Sigma is symmetric.\n\nThen:", "\\Sigma a = a", Verdict.REFUTED),
    # a covariance matrix is positive semi-definite too, which no declaration says: a proof
    # stands, a refutation (at Σ = −1, say) proves nothing
    ("Sigma is a covariance matrix.\n\nThen:", "a^T \\Sigma b = b^T \\Sigma a", Verdict.PROVED),
    ("Sigma is a covariance matrix.\n\nThen:", "|a^T \\Sigma a| = a^T \\Sigma a",
     Verdict.UNKNOWN),
    # spellings, and words that only begin like a negation
    ("$A$ is positive-definite.\n\nThen:", "A^T = A", Verdict.UNKNOWN),
    ("A is PSD.\n\nThen:", "A^T = A", Verdict.UNKNOWN),
    ("The columns of A are orthonormal.\n\nThen:", "A^T A = I", Verdict.UNKNOWN),
    ("Note $A$ is orthogonal.\n\nThen:", "A^T A = I", Verdict.UNKNOWN),
    ("Nonetheless A is a projection matrix.\n\nThen:", "A A = A", Verdict.UNKNOWN),
])
def test_a_matrix_property_said_in_words(tmp_path: Path, prose: str, display: str,
                                         verdict: Verdict) -> None:
    got, errors = run(tmp_path, display, head=SYMMETRIC, prose=prose)
    assert errors == []
    assert [v for v, _ in got] == [verdict], got
    if verdict is Verdict.UNKNOWN:
        assert "(a property of a matrix), which is not read as a hypothesis" in got[0][1]


@pytest.mark.parametrize(("display", "verdict"), [
    # (an adversary's: proved once, when a sum of the product's rule was replaced by a symbol
    # and the inverse then looked symmetric)
    ("((A B)^{-1})^T = (A B)^{-1}", Verdict.REFUTED),
    ("(A^T B)^{-1} = (B^T A)^{-1}", Verdict.REFUTED),
    ("(I + A B)^{-1} = (I + B^T A^T)^{-1}", Verdict.REFUTED),
    ("\\frac{\\partial}{\\partial x} x^T (A B)^{-1} x = 2 (A B)^{-1} x", Verdict.REFUTED),
    ("(A B)^{-1} a = (A B)^{-T} a", Verdict.REFUTED),
    # true ones stay proved
    ("((A A^T)^{-1})^T = (A A^T)^{-1}", Verdict.PROVED),
    ("\\frac{\\partial}{\\partial x} x^T (A A^T)^{-1} x = 2 (A A^T)^{-1} x", Verdict.PROVED),
    # the shapes differ only where one of the inverses cannot exist: no refutation
    ("(X^T X)^{-1} X^T X = (X X^T)^{-1} X X^T", Verdict.UNKNOWN),
])
def test_an_inverse_is_not_taken_for_its_transpose(tmp_path: Path, display: str,
                                                   verdict: Verdict) -> None:
    assert verdict_of(tmp_path, display) is verdict


def _steps(tmp_path: Path, display: str) -> list[tuple[str, Verdict]]:
    report, errors = _checked(tmp_path, HEAD + f"\nText.\n\n$${display}$$\n")
    assert errors == []
    return [(c.check.kind.value, c.result.verdict) for o in report.outcomes for c in o.checks]


def test_the_normal_equations_solved_with_an_inverse(tmp_path: Path) -> None:
    """Each implication, and the whole: XᵀXβ = Xᵀy times (XᵀX)⁻¹ is β = (XᵀX)⁻¹Xᵀy, which
    follows where (XᵀX)⁻¹ exists; the gradient set to zero multiplied out first."""
    got = _steps(tmp_path, "2 X^T (X \\beta - y) = 0 \\implies X^T X \\beta = X^T y "
                           "\\implies \\beta = (X^T X)^{-1} X^T y")
    assert got == [("goal", Verdict.PROVED), ("step", Verdict.PROVED), ("step", Verdict.PROVED)]
    ridge = _steps(tmp_path, "(X^T X + \\lambda I) \\beta = X^T y \\implies "
                             "\\beta = (X^T X + \\lambda I)^{-1} X^T y")
    assert [v for _, v in ridge] == [Verdict.PROVED, Verdict.PROVED]
    # from the gradient set to zero: no one multiple of the first is the last, but each
    # step follows from the one before it, so the last from the first
    whole = _steps(tmp_path, "-2 X^T (y - X \\beta) + 2 \\lambda \\beta = 0 \\implies "
                             "(X^T X + \\lambda I) \\beta = X^T y \\implies "
                             "\\beta = (X^T X + \\lambda I)^{-1} X^T y")
    assert [v for _, v in whole] == [Verdict.PROVED] * 3


@pytest.mark.parametrize("display", [
    # another inverse, another order, a dropped factor: never proved (an implication is never
    # refuted: unknown)
    "X^T X \\beta = X^T y \\implies \\beta = (X^T X + I)^{-1} X^T y",
    "X^T X \\beta = X^T y \\implies \\beta = 2 (X^T X)^{-1} X^T y",
    "A a = b \\implies a = A^{-T} b",
    "A a = b \\implies a = (A A)^{-1} b",
])
def test_a_wrong_solution_with_an_inverse_is_not_proved(tmp_path: Path, display: str) -> None:
    got = _steps(tmp_path, display)
    assert got and all(v is Verdict.UNKNOWN for _, v in got), got


@pytest.mark.parametrize(("display", "verdict"), [
    # a product with a sum multiplied out where an inverse may cancel
    ("(I - X (X^T X)^{-1} X^T) X = 0", Verdict.PROVED),
    ("X^T (I - X (X^T X)^{-1} X^T) = 0", Verdict.PROVED),
    ("(I - X (X^T X)^{-1} X^T) X = X", Verdict.REFUTED),
    ("(A^{-1} + B) A = I + B A", Verdict.PROVED),
    ("(A^{-1} + B) A = I + A B", Verdict.REFUTED),
])
def test_products_of_sums_with_an_inverse(tmp_path: Path, display: str,
                                          verdict: Verdict) -> None:
    assert verdict_of(tmp_path, display) is verdict


@pytest.mark.parametrize(("display", "verdict"), [
    # (an adversary's: −I was an internal error; four factors of I − H a timeout; the terms of
    # a product multiplied out are gathered, and I is dropped from products)
    ("-I = -I", Verdict.PROVED),
    ("A - A = -I + I", Verdict.PROVED),
    ("(I - X (X^T X)^{-1} X^T)(I - X (X^T X)^{-1} X^T)(I - X (X^T X)^{-1} X^T)"
     "(I - X (X^T X)^{-1} X^T) X = 0", Verdict.PROVED),
    ("(I - X (X^T X)^{-1} X^T)(I - X (X^T X)^{-1} X^T) = I - X (X^T X)^{-1} X^T",
     Verdict.PROVED),
    ("(I - X (X^T X)^{-1} X^T)(I - X (X^T X)^{-1} X^T) = I", Verdict.REFUTED),
])
def test_identities_and_powers_of_a_projection(tmp_path: Path, display: str,
                                               verdict: Verdict) -> None:
    assert verdict_of(tmp_path, display) is verdict


def test_a_solution_with_an_inverse_says_where_it_holds(tmp_path: Path) -> None:
    """a aᵀ c = b ⇒ c = (a aᵀ)⁻¹ b is proved where det(a aᵀ) ≠ 0, which is nowhere at n ≥ 2:
    the proof says so rather than "for all n" alone."""
    report, errors = _checked(tmp_path, HEAD + "\nText.\n\n$$a a^T x = b \\implies "
                                               "x = (a a^T)^{-1} b$$\n")
    assert errors == []
    (step,) = [c for o in report.outcomes for c in o.checks if c.check.kind.value == "step"]
    assert step.result.verdict is Verdict.PROVED
    assert "multiplied on the left by the inverse" in step.result.detail
    assert "≠ 0" in step.result.detail and "det" in step.result.detail


@pytest.mark.parametrize(("display", "verdict"), [
    # the counterexample's Σ (1) is positive semi-definite, as "covariance matrix" says: the
    # refutation holds under the words too
    (QUADRATIC + " = -\\Sigma^{-1} (x - \\mu)", Verdict.REFUTED),
    # refuted only at Σ = −1, which no covariance matrix is: unknown
    ("|a^T \\Sigma a| = a^T \\Sigma a", Verdict.UNKNOWN),
    # an orthogonal A: A = 1 is one (refuted under the words), A = 0 is not (unknown)
    ("A^T = 2 A", Verdict.REFUTED),
    ("A^T A = I", Verdict.UNKNOWN),
])
def test_a_counterexample_that_has_the_property_the_words_state(
        tmp_path: Path, display: str, verdict: Verdict) -> None:
    got, errors = run(tmp_path, display, head=SYMMETRIC,
                      prose="Sigma is the covariance matrix and A is orthogonal.\n\nThen:")
    assert errors == []
    assert [v for v, _ in got] == [verdict], got
    if verdict is Verdict.REFUTED:
        assert "false also under the words" in got[0][1]


def test_matrix_properties_at_a_point() -> None:
    from checker.matrix_properties import CHECKS

    assert CHECKS["positive definite"](sp.Matrix([[2, 1], [1, 2]]))
    assert not CHECKS["positive definite"](sp.Matrix([[1, 2], [2, 1]]))
    assert CHECKS["positive semi-definite"](sp.Matrix([[1, 1], [1, 1]]))
    assert not CHECKS["positive semi-definite"](sp.Matrix([[0, 0], [0, -1]]))  # (a minor < 0)
    assert CHECKS["orthogonal"](sp.Matrix([[0, 1], [1, 0]]))
    assert not CHECKS["orthogonal"](sp.Matrix([[1, 1], [0, 1]]))
    assert CHECKS["idempotent"](sp.Matrix([[1, 0], [0, 0]]))
