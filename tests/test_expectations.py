"""Expectations, variances and covariances of declared random variables (issue 11: the corpus's
attention-scaling page, and Xavier/He initialisation, dropout and batch statistics in homework,
were "random variables, expectations and variances are not in the vocabulary").

Verdicts are checked against an independent evaluation: sympy.stats computes every expectation
of the claim with the declared laws (at small sizes for a symbolic one), and a counterexample
must make the two sides differ there, with its parameters inside the laws' conditions."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

from checker.engine import check_claim
from checker.model import Claim, Condition, Equation, Index
from checker.randomness import Covariance, Expect, Variance, distribution, parse_spec
from checker.results import Verdict
from tests.recheck import assert_counterexample, by_line, checked_file, document_verdicts

P, R, U = Verdict.PROVED, Verdict.REFUTED, Verdict.UNKNOWN


# ---------------------------------------------------------------------- the engine

n = sp.Symbol("n", integer=True, positive=True)
i, j = sp.symbols("i j", integer=True)
q, k, w = (sp.IndexedBase(s, real=True) for s in "qkw")
s2, mu = sp.Symbol("s2", nonnegative=True), sp.Symbol("mu", real=True)
N01 = distribution("normal", 0, 1)
VEC = sp.Tuple(sp.Tuple(q, N01, sp.Tuple(n)), sp.Tuple(k, N01, sp.Tuple(n)),
               sp.Tuple(w, distribution("moments", 0, s2), sp.Tuple(n)))
X, Y = sp.symbols("X Y", real=True)
v = sp.Symbol("v", real=True)
SCALARS = sp.Tuple(sp.Tuple(X, distribution("moments", mu, v), sp.Tuple()),
                   sp.Tuple(Y, distribution("normal", 1, 2), sp.Tuple()))


def E(e: sp.Expr, law: sp.Tuple = VEC) -> sp.Expr:
    return Expect(e, law)


def Var(e: sp.Expr, law: sp.Tuple = VEC) -> sp.Expr:
    return Variance(e, law)


def dot(a: sp.IndexedBase, b: sp.IndexedBase) -> sp.Expr:
    return sp.Sum(a[i] * b[i], (i, 1, n))


def decided(lhs: sp.Expr, rhs: sp.Expr, **kw: object) -> Verdict:
    """The verdict, with a refutation re-checked by sympy.stats at its sizes and point
    (tests/recheck.py: the laws' parameters inside their conditions, the sides different)."""
    claim = Claim(sp.sympify(lhs), sp.sympify(rhs), **kw)
    result = check_claim(claim)
    if result.verdict is R:
        assert result.counterexample is not None
        assert_counterexample(claim, result.counterexample)
    return result.verdict


@pytest.mark.parametrize(("lhs", "rhs", "want"), [
    (E(dot(q, k)), 0, P),
    (Var(dot(q, k)), n, P),  # attention's scaling: Var[q·k] = d
    (Var(dot(q, k)), n**2, R),
    (Var(dot(q, k)), 1, R),
    (Var(dot(w, q)), n * s2, P),  # Xavier: Var[Σ w_i x_i] = n Var[w] Var[x]
    (Var(dot(w, q)), s2, R),
    (E(dot(q, q)), n, P),
    (E(dot(q, q) ** 2), n**2 + 2 * n, P),  # E[‖q‖⁴] of a standard normal vector
    (E(dot(q, q) ** 2), n**2, R),
    (E(sp.Sum(q[i], (i, 1, n)) ** 2), n, P),
    (E(q[i] * q[j]), sp.KroneckerDelta(i, j), P),
    (E(q[i] * q[j]), 0, R),
])
def test_sums_over_random_vectors_of_any_length(lhs: sp.Expr, rhs: sp.Expr,
                                                want: Verdict) -> None:
    ix = tuple(Index(s, sp.Integer(1), n) for s in (i, j) if sp.Tuple(lhs, rhs).has(s) and not any(
        s in t.variables for t in sp.Tuple(lhs, rhs).atoms(sp.Sum)))
    assert decided(lhs, rhs, indices=ix) is want


@pytest.mark.parametrize(("lhs", "rhs", "want"), [
    (Var(X * Y, SCALARS), 2 * v + 2 * mu**2 + v, P),  # Var(XY) = Var X Var Y + Var X E[Y]² + …
    (Var(X * Y, SCALARS), 2 * v, R),
    (Var(X + Y, SCALARS), v + 2, P),
    (Var(2 * X, SCALARS), 2 * v, R),
    (Var(X**2, SCALARS), 2 * v**2 + 4 * mu**2 * v, R),  # true for a normal X only
    (Var(Y**2, SCALARS), 2 * 2**2 + 4 * 1 * 2, P),  # Y ~ N(1, 2)
    (Covariance(X, X * Y, SCALARS), v, P),
    (E(X**3, SCALARS), mu**3 + 3 * mu * v, U),  # needs the third moment: not decided
])
def test_scalar_laws_and_their_moments(lhs: sp.Expr, rhs: sp.Expr, want: Verdict) -> None:
    assert decided(lhs, rhs) is want


def test_a_claim_that_holds_only_for_some_third_moments_is_refuted_by_an_asymmetric_law() -> None:
    """E[X³] = μ³ + 3μv holds for the symmetric two-point law; for a law of this mean and
    variance with another third moment it does not: not proved, and not refuted on a guess."""
    result = check_claim(Claim(E(X**3, SCALARS), mu**3 + 3 * mu * v))
    assert result.verdict is U


def test_a_derivative_passes_inside_an_expectation() -> None:
    a = sp.Symbol("a", real=True)
    risk = E((a * X - Y) ** 2, SCALARS)
    assert decided(sp.diff(risk, a), E(2 * X * (a * X - Y), SCALARS)) is P
    assert decided(sp.diff(risk, a), E(X * (a * X - Y), SCALARS)) is R


def test_a_random_variable_outside_an_expectation_is_never_refuted() -> None:
    """E[X] = X is false, but a value of X found for it need not be one X's law takes."""
    result = check_claim(Claim(E(X, SCALARS), X))
    assert result.verdict is U and "outside every expectation" in result.detail
    assert decided(E(X, SCALARS) + X, X + mu) is P  # holds for every value of X


def test_a_hypothesis_about_an_expectation_is_about_the_moments() -> None:
    assert decided(Var(X, SCALARS), E(X**2, SCALARS),
                   given=(Equation(E(X, SCALARS), 0),)) is P
    result = check_claim(Claim(E(X, SCALARS), 0, given=(Condition(sp.Gt(X, 0)),)))
    assert result.verdict is U and "hypothesis about the values" in result.detail


@pytest.mark.parametrize(("body", "why"), [
    (sp.exp(X), "only polynomials"),
    (1 / X, "only polynomials"),
    (sp.Sum(q[i], (i, 2, n)) * sp.Sum(q[j], (j, 1, n)), "different ranges"),
])
def test_what_is_not_evaluated_is_unknown(body: sp.Expr, why: str) -> None:
    law = SCALARS if body.has(X) else VEC
    result = check_claim(Claim(Expect(body, law), 0))
    assert result.verdict is U and why in result.detail


def test_law_declarations() -> None:
    def read(t: str) -> sp.Expr:
        return sp.Rational(t) if t.replace("/", "").isdigit() else sp.Symbol(t, real=True)

    assert parse_spec("N(0, 1)", "x", read) == distribution("normal", 0, 1)
    assert parse_spec("mean 0, variance 1/3", "x", read) == distribution("moments", 0,
                                                                          sp.Rational(1, 3))
    assert str(parse_spec("any", "x", read)[1]) == "E[x]"
    for bad in ("N(0)", "Poisson(2)", "mean", "mean 0, mean 1"):
        with pytest.raises(ValueError, match="law"):
            parse_spec(bad, "x", read)


# ---------------------------------------------------------------------- documents

BLOCK = ('```derivcheck\ndims = { d = "positive integer" }\n'
         'vectors = { q = "d", k = "d", w = "d" }\nsymbols = { mu = "real", v = "nonnegative", '
         's = "positive", p = "positive" }\n'
         'random = { q = "N(0, 1)", k = "N(0, 1)", w = "mean 0, variance s", X = "mean mu, '
         'variance v", Y = "any", m = "Bernoulli(p)" }\n```\n')


def verdicts(tmp_path: Path, *displays: str, block: str = BLOCK) -> list[list[Verdict]]:
    got, errors = document_verdicts(tmp_path / "random.md",
                                    block + "".join(f"\n$${d}$$\n" for d in displays))
    assert errors == []
    return got


def errors_of(tmp_path: Path, display: str, block: str = BLOCK) -> list[str]:
    path = tmp_path / "random.md"
    path.write_text(block + f"\n$${display}$$\n", encoding="utf-8")
    return [str(e) for e in checked_file(path)[1]]


@pytest.mark.parametrize(("display", "want"), [
    (r"E\left[\sum_{i=1}^{d} q_i k_i\right] = \sum_{i=1}^{d} E[q_i k_i] = 0", [P, P]),
    (r"\text{Var}\left[\sum_{i=1}^{d} q_i k_i\right] = d", [P]),
    (r"\operatorname{Var}\left(\sum_{i=1}^{d} q_i k_i\right) = \sqrt{d}", [R]),
    (r"\mathbb{E}[X^2] = \mathrm{Var}(X) + \mathbb{E}[X]^2 = v + \mu^2", [P, P]),
    (r"\mathrm{Var}(XY) = \mathrm{Var}(X)\mathrm{Var}(Y) + \mathrm{Var}(X)[E(Y)]^2 "
     r"+ \mathrm{Var}(Y)[E(X)]^2", [P]),
    (r"\text{Var}(X + Y) = \text{Var}(X) + \text{Var}(Y) + 2\,\text{Cov}(X, Y)", [P]),
    (r"\text{Var}(X + Y) = \text{Var}(X) + \text{Var}(Y) + 2", [R]),
    (r"\text{Var}(2X) = 2 \text{Var}(X)", [R]),
    (r"Var\left(\sum_{i=1}^{d} w_i q_i\right) = d s", [P]),
    (r"\mathbb{V}[w_1 q_1] = s", [P]),
    (r"\mathbb{E}\left[\frac{m X}{p}\right] = \mu", [P]),  # inverted dropout keeps the mean
    (r"\mathbb{E}\left[m X\right] = \mu", [R]),
])
def test_expectations_as_written_in_latex(tmp_path: Path, display: str,
                                          want: list[Verdict]) -> None:
    assert verdicts(tmp_path, display) == [want]


def test_without_random_declarations_an_expectation_says_what_to_declare(tmp_path: Path) -> None:
    block = '```derivcheck\nsymbols = { X = "real" }\n```\n'
    for display in (r"E[X] = 0", r"\mathbb{E}[X] = 0", r"\operatorname{Var}(X) = 1"):
        (err,) = errors_of(tmp_path, display, block)
        assert "random" in err, err


@pytest.mark.parametrize(("display", "needle"), [
    (r"\mathbb{E}_{x \sim p}[X] = \mu", "subscript"),
    (r"\text{Cov}(X) = 0", "two arguments"),
    (r"\text{Var}(q) = 1", "scalar"),
])
def test_what_is_refused(tmp_path: Path, display: str, needle: str) -> None:
    (err,) = errors_of(tmp_path, display)
    assert needle in err, err


def test_a_letter_e_the_page_defines_stays_that_letter(tmp_path: Path) -> None:
    """E = (y − t)²/2 defined on the page: E(…) after it is not an expectation."""
    block = BLOCK.replace('symbols = {', 'symbols = { y = "real", t = "real",')
    got = verdicts(tmp_path, r"E = \frac{(y - t)^2}{2}", r"\frac{\partial E}{\partial y} = y - t",
                   block=block)
    assert got[-1] == [P]


def test_laws_in_the_declaration_block_are_checked(tmp_path: Path) -> None:
    for law, needle in (('"Poisson(2)"', "not a law"), ('"N(0, X)"', "not random"),
                        ('3', "law such as")):
        block = BLOCK.replace('m = "Bernoulli(p)"', f"m = {law}")
        path = tmp_path / "bad.md"
        path.write_text(block + "\n$$E[m] = 0$$\n", encoding="utf-8")
        errs = [str(e) for e in checked_file(path)[1]]
        assert errs and needle in errs[0], errs


def test_a_derivative_by_a_parameter_of_a_law_is_of_the_value() -> None:
    """d/dμ E[X²] with X ~ N(μ, 1) is 2μ: the derivative does not pass inside (E[0])."""
    law = sp.Tuple(sp.Tuple(X, distribution("normal", mu, 1), sp.Tuple()))
    assert decided(sp.diff(Expect(X**2, law), mu), 2 * mu) is P
    assert decided(sp.diff(Expect(X**2, law), mu), 0) is R


def test_unknown_moments_of_two_variables_are_never_one_symbol() -> None:
    """A scalar named q_k beside a vector q: their third moments are two unknowns."""
    qk = sp.Symbol("q_k", real=True)
    law = sp.Tuple(sp.Tuple(q, distribution("moments", 0, 1), sp.Tuple(n)),
                   sp.Tuple(qk, distribution("moments", 0, 1), sp.Tuple()))
    result = check_claim(Claim(Expect(q[i] ** 3, law), Expect(qk**3, law),
                               indices=(Index(i, sp.Integer(1), n),)))
    assert result.verdict is U


def test_a_function_e_the_page_defines_is_not_an_expectation(tmp_path: Path) -> None:
    """Where nothing is declared random (with random declared, E(a) = … is refused: below)."""
    block = '```derivcheck\nsymbols = { y = "real", t = "real", a = "real" }\n```\n'
    got = verdicts(tmp_path, r"E(a) = \frac{(y - a t)^2}{2}",
                   r"\frac{d E}{d a} = -(y - a t) t", block=block)
    assert got[-1] == [P]


def test_a_prose_chain_that_is_an_identity_binds_nothing(tmp_path: Path) -> None:
    """"Since $E[q_i k_i] = E[q_i]E[k_i] = 0$" (corpus 39): each equality proved for every i,
    so the display after it is read; a prose chain with a false link still refuses it."""
    path = tmp_path / "prose.md"
    display = r"$$E\left[\sum_{i=1}^{d} q_i k_i\right] = 0$$"
    for said, ok in ((r"$E[q_i k_i] = E[q_i]E[k_i] = 0$", True),
                     (r"$E[q_i k_i] = E[q_i]E[k_i] = 1$", False)):
        path.write_text(BLOCK + "\nSince $q_i$ and $k_i$ are independent with zero mean, "
                        f"{said}. Therefore:\n\n"
                        + display + "\n", encoding="utf-8")
        report, errors = checked_file(path)
        assert (errors == [] and list(by_line(report).values()) == [[P]]) is ok, errors


# ---------------------------------------------------------------------- from an adversary


def test_e_of_a_random_variable_on_the_left_is_a_claim_not_a_definition(tmp_path: Path) -> None:
    """E(X) = μ was read as the definition of a function E (then E[X²] = μ was proved)."""
    got = verdicts(tmp_path, r"E(X) = \mu", r"E[X^2] = \mu", r"E(X^2) = v + \mu^2")
    assert got == [[P], [R], [P]]
    (err,) = errors_of(tmp_path, r"E(a) = \frac{(y - a)^2}{2}",
                       BLOCK.replace("symbols = {", 'symbols = { y = "real", a = "real",'))
    assert "may be an expectation" in err


@pytest.mark.parametrize("display", [
    r"\frac{d}{d\mu} E[X^3] = 0",  # 3μ² + 3v for N(μ, v): the third moment is open
    r"\frac{d}{d\mu} E[(X - \mu)^3] = 0",
    r"\frac{\partial}{\partial v} \text{Var}(X^2) = 0",
])
def test_a_derivative_by_a_parameter_of_an_open_moment_is_unknown(tmp_path: Path,
                                                                   display: str) -> None:
    assert verdicts(tmp_path, display) == [[U]]


def test_nested_sums_whose_inner_range_depends_on_the_outer_index(tmp_path: Path) -> None:
    """The limits came out in the wrong order (the outer index left free): a linearity step
    was refuted."""
    got = verdicts(tmp_path, r"E\left[\sum_{i=1}^{d} \sum_{j=1}^{i} q_j^2\right] = "
                   r"\sum_{i=1}^{d} \sum_{j=1}^{i} E[q_j^2] = \frac{d(d+1)}{2}",
                   r"E\left[\sum_{i=1}^{d} \sum_{j=i}^{d} q_j^2\right] = d^2")
    assert R not in got[0] and got[1] == [R]


@pytest.mark.parametrize("display", [
    r"E\left[\sum_{i=1}^{d+1} q_i^2\right] = d + 1",  # q has d entries
    r"E\left[\sum_{i=0}^{d-1} q_i^2\right] = d",  # no q_0
    r"E[q_2^2] = 1",  # q_2 needs d ≥ 2
])
def test_an_entry_that_may_not_exist_is_never_proved(tmp_path: Path, display: str) -> None:
    assert verdicts(tmp_path, display) == [[U]]
    assert verdicts(tmp_path, r"E[q_2^2] = 1",
                    block=BLOCK.replace("random =", 'given = ["d >= 2"]\nrandom =')) == [[P]]


@pytest.mark.parametrize("law", ['"Bernoulli(2)"', '"uniform(1, 0)"', '"N(0, -1)"',
                                 '"uniform(s, 0)"', '"mean 0, variance -s"'])
def test_a_law_no_variable_can_have_is_an_input_error(tmp_path: Path, law: str) -> None:
    """It made every claim of the file proved vacuously."""
    block = BLOCK.replace('m = "Bernoulli(p)"', f"m = {law}")
    path = tmp_path / "bad.md"
    path.write_text(block + "\n$$E[X] = 5$$\n", encoding="utf-8")
    errs = [str(e) for e in checked_file(path)[1]]
    assert errs and "is no law" in errs[0], errs


def test_an_entry_at_t_minus_the_index_is_summed_over_by_its_own_index() -> None:
    """Σ_{j=0}^{t−1} β^j g_{t−j} (a moving average unrolled): g's index is t − j; E of it is
    Σ_j β^j μ, written back in j, which induction proves (E[m_t] = (1 − β^t)μ, corpus 32)."""
    t = sp.Symbol("t", integer=True, positive=True)
    g, j = sp.IndexedBase("g", real=True), sp.Symbol("j", integer=True)
    beta = sp.Symbol("beta", positive=True)
    law = sp.Tuple(sp.Tuple(g, distribution("moments", mu, v), sp.Tuple(t)))
    m_t = sp.Sum(beta**j * (1 - beta) * g[t - j], (j, 0, t - 1))
    lt1 = (Condition(sp.Lt(beta, 1)),)
    assert decided(Expect(m_t, law), (1 - beta**t) * mu, given=lt1) is P
    assert decided(Expect(m_t, law), (1 - beta ** (t - 1)) * mu, given=lt1) is R
    assert decided(Expect(sp.Sum(g[t - j], (j, 0, t)), law), (t + 1) * mu) is U  # g_0


def test_a_random_vector_cannot_also_be_one_hot(tmp_path: Path) -> None:
    block = BLOCK.replace("random =", 'given = ["onehot(q, c)"]\nrandom =')
    path = tmp_path / "oh.md"
    path.write_text(block + "\n$$E[q_1] = 0$$\n", encoding="utf-8")
    errs = [str(e) for e in checked_file(path)[1]]
    assert errs and "cannot also be one-hot" in errs[0], errs


def test_a_wrong_step_with_expectations_is_diagnosed(tmp_path: Path) -> None:
    """Var(Σ w_i q_i) = Σ Var(w_i q_i) = Var(w_1)Var(q_1): the fan-in n dropped, diagnosed
    (the diagnosis samples the lines through their expectations' values) and corrected."""
    path = tmp_path / "diag.md"
    path.write_text(BLOCK + "\n$$\\text{Var}\\left(\\sum_{i=1}^{d} w_i q_i\\right) = "
                    "\\sum_{i=1}^{d} \\text{Var}(w_i q_i) = \\text{Var}(w_1)\\, \\text{Var}(q_1)$$\n",
                    encoding="utf-8")
    report, errors = checked_file(path)
    assert errors == []
    (cr,) = [cr for cr in report.results if cr.result.verdict is R and cr.check.step == 3]
    assert cr.result.diagnosis is not None, cr.result
    assert cr.result.diagnosis.kind == "scale" and "factor d" in cr.result.diagnosis.detail


def test_a_decorated_name_defined_in_another_section_is_refused(tmp_path: Path) -> None:
    """\\bar{x} defined under one heading and used under the next was read as a new letter
    xbar, not random: Var(x̄) = σ²/n was refuted (a new user's sample-mean page)."""
    path = tmp_path / "sec.md"
    path.write_text(BLOCK + "\n## (a)\n\n$$\\bar{q} = \\frac{1}{d}\\sum_{i=1}^{d} q_i$$\n\n"
                    "$$E[\\bar{q}] = 0$$\n\n## (b)\n\n$$\\text{Var}(\\bar{q}) = \\frac{1}{d}$$\n",
                    encoding="utf-8")
    report, errors = checked_file(path)
    assert len(errors) == 1 and "is defined at line" in str(errors[0]), errors
    assert [v for v in by_line(report).values()] == [[P]]


def test_an_equation_the_prose_states_before_so_is_being_solved(tmp_path: Path) -> None:
    """"we need $\\frac{1}{2} d s = 1$, so $$s = \\frac{2}{d}$$": the display solves the
    prose's equation; as an identity it is false, but that is not what it claims: unknown
    (ambiguous), never refuted (a new user's He-initialisation page)."""
    path = tmp_path / "he.md"
    path.write_text(BLOCK + "\nTo keep the variance we need $\\frac{1}{2} d s = 1$, so\n\n"
                    "$$s = \\frac{2}{d}$$\n", encoding="utf-8")
    report, errors = checked_file(path)
    assert errors == [] and [v for v in by_line(report).values()] == [[U]]


def test_a_chain_after_a_prose_equation_and_so_is_still_a_claim(tmp_path: Path) -> None:
    """Only a display x = … that solves the prose's equation for one of its letters is one
    being solved: "We have $z = w x + b$, so" before a derivative keeps it a claim (a slip in
    it is refuted), and the display after the solved one is no equation solved (s declared: refused)."""
    block = '```derivcheck\nsymbols = { x = "real", w = "real", b = "real", s = "real" }\n```\n'
    path = tmp_path / "so.md"
    path.write_text(block + "\nWe have $z = w x + b$, so\n\n"
                    "$$\\frac{d}{dw} (w x + b)^2 = 2 (w x + b)$$\n\n"
                    "and we need $2 s = 1$, so\n\n$$s = \\frac{1}{2}$$\n\n$$s = 2$$\n",
                    encoding="utf-8")
    report, errors = checked_file(path)
    got = [v for _, v in sorted(by_line(report).items(), key=lambda kv: int(kv[0]))]
    # (and s = 2 after it, s declared: a value for the variable, refused as neither)
    assert got == [[R], [U]] and [e.line for e in errors] == [13], (got, errors)


@pytest.mark.parametrize(("display", "want"), [
    # inverted dropout: the expectation of a vector, entry by entry (it was refused)
    (r"\mathbb{E}\left[\frac{r \odot x}{p}\right] = x", Verdict.PROVED),
    (r"\mathbb{E}\left[r \odot x\right] = x", Verdict.REFUTED),
])
def test_the_expectation_of_a_vector_of_symbolic_length(tmp_path: Path, display: str,
                                                       want: Verdict) -> None:
    text = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { x = "n", r = "n" }\n'
            'symbols = { p = "positive" }\nrandom = { r = "Bernoulli(p)" }\n```\n\n'
            f"$${display}$$\n")
    got, errors = document_verdicts(tmp_path / "d.md", text)
    assert errors == [] and got == [[want]], (got, errors)


def test_an_entry_of_a_vector_expectation_is_shown_with_its_index(tmp_path: Path) -> None:
    """The report's "read as" showed the entry's index as an internal name (r__i)."""
    import subprocess
    import sys

    path = tmp_path / "d.md"
    path.write_text('```derivcheck\ndims = { n = "positive integer" }\nvectors = { x = "n", '
                    'r = "n" }\nsymbols = { p = "positive" }\nrandom = { r = "Bernoulli(p)" }\n'
                    '```\n\n$$\\mathbb{E}\\left[\\frac{r \\odot x}{p}\\right] = x$$\n',
                    encoding="utf-8")
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, str(root / "cli.py"), "check", str(path), "--no-cache",
                          "--color", "never"], capture_output=True, text=True, cwd=root).stdout
    assert "E[r_i*x_i/p]" in out and "__" not in out, out


def test_an_expectation_not_evaluated_names_its_indices_as_written(tmp_path: Path) -> None:
    """The unknown's reason showed E[…] of 1/Sum(exp(q[_k]), (_k, 1, n)): internal names."""
    text = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { q = "n" }\n'
            'random = { q = "N(0, 1)" }\n```\n\n$$\\mathbb{E}\\left[\\frac{e^{q_1}}'
            '{\\sum_{k=1}^{n} e^{q_k}}\\right] = \\frac{1}{n}$$\n')
    path = tmp_path / "e.md"
    path.write_text(text, encoding="utf-8")
    report, errors = checked_file(path)
    details = [c.result.detail for o in report.outcomes for c in o.checks]
    assert errors == [] and details and all("_k" not in d for d in details), details
    assert any("q[k]" in d for d in details), details


def test_the_variance_of_a_vector_says_what_to_write(tmp_path: Path) -> None:
    path = tmp_path / "vw.md"
    path.write_text('```derivcheck\ndims = { n = "positive integer" }\nvectors = { w = "n" }\n'
                    'symbols = { s = "positive" }\nrandom = { w = "mean 0, variance s" }\n```\n\n'
                    '$$\\mathrm{Var}(w) = s$$\n', encoding="utf-8")
    _, errors = checked_file(path)
    assert errors and "Var(w_i)" in errors[0].message, errors
