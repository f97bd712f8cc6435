"""Notation that two readers would read two ways, refused rather than decided on a guess:
a sum's index written after its unbraced body, and e standing alone on the left of a line."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import Limits, Settings, run
from checker.files import load_file
from checker.results import Verdict
from tests.recheck import assert_refutations


def read(tmp_path: Path, body: str, head: str = "") -> tuple[dict, list]:
    path = tmp_path / "doc.md"
    path.write_text((f"```derivcheck\n{head}\n```\n\n" if head else "") + body, encoding="utf-8")
    loaded = load_file(str(path))
    report = run(loaded.items, Settings(), Limits(timeout=60, jobs=1))
    return {o.id.split("::", 1)[1]: o for o in report.outcomes}, loaded.errors


SIZES = 'dims = { n = "positive integer" }\nvectors = { x = "n", y = "n" }'


@pytest.mark.parametrize("line", [
    r"$$\sum_{i=1}^{n} x_i - y_i = \sum_{i=1}^{n} (x_i - y_i)$$",
    r"$$\sum_{i=1}^{n} x_i^2 - 2 x_i y_i + y_i^2 = \sum_{i=1}^{n} (x_i - y_i)^2$$",
    r"$$\sum_{i=1}^{3} i^2 - i = 8$$",
])
def test_a_sums_index_after_its_body_is_refused(tmp_path: Path, line: str) -> None:
    """The unbraced body ends at the '-' (as TeX reads it), so y_i after it would be a free
    index; the author may mean the sum to go on. Was refuted "at i = 1"."""
    outcomes, errors = read(tmp_path, line + "\n", SIZES)
    assert all(c.result.verdict is Verdict.ERROR for o in outcomes.values() for c in o.checks
               if c.check.step)
    assert len(errors) == 1
    assert "the body of an unbraced \\sum_{i} ends before this '-'" in errors[0].message


@pytest.mark.parametrize(("line", "verdict"), [
    (r"$$\sum_{i=1}^{n} (x_i - y_i) = \sum_{i=1}^{n} x_i - \sum_{i=1}^{n} y_i$$", Verdict.PROVED),
    (r"$$\sum_{j=1}^{n} x_j y_j + x_1 \sum_{j=1}^{n} y_j = \sum_{j=1}^{n} y_j (x_j + x_1)$$",
     Verdict.PROVED),
    (r"$$\sum_{i=1}^{3} i + 1 = 7$$", Verdict.PROVED),  # (Σ i) + 1: no index after the body
])
def test_a_sum_whose_index_is_not_reused_is_read(tmp_path: Path, line: str,
                                                 verdict: Verdict) -> None:
    outcomes, errors = read(tmp_path, line + "\n", SIZES)
    assert errors == []
    assert [c.result.verdict for o in outcomes.values() for c in o.checks
            if c.check.step] == [verdict]


def test_e_alone_on_the_left_may_name_an_error_term(tmp_path: Path) -> None:
    """e = y − ŷ: a claim that Euler's number is y − ŷ (refuted), or e's definition? Refused,
    and so are the lines that use e after it; a new E is still a definition (the letter E is
    not Euler's e)."""
    outcomes, errors = read(tmp_path, r"""$$e = y - \hat{y}$$

$$L = \frac{1}{2} e^2$$

$$E = t^2$$

$$\frac{d E}{d t} = 2t$$
""", 'symbols = { y = "real", t = "real", yhat = "real" }\n'
                                'latex = { "\\\\hat{y}" = "yhat" }')
    lines = {e.line: e.message for e in errors}
    assert "e is Euler's number here" in lines[6]
    assert "whether e here is Euler's number" in lines[8]
    assert [c.result.verdict for o in outcomes.values() for c in o.checks if c.check.step] == \
        [Verdict.PROVED]


def test_e_as_eulers_number_is_still_read(tmp_path: Path) -> None:
    outcomes, errors = read(tmp_path, "$$e^{\\ln 2} = 2$$\n\n$$\\frac{d}{dx} e^x = e^x$$\n",
                            'symbols = { x = "real" }')
    assert errors == []
    assert [c.result.verdict for o in outcomes.values() for c in o.checks if c.check.step] == \
        [Verdict.PROVED, Verdict.PROVED]


def test_a_second_column_of_an_align_row_is_no_product(tmp_path: Path) -> None:
    """z &= wx + b & a &= σ(z) was read z = (wx + b)·a, then z = σ(z) refuted."""
    outcomes, errors = read(tmp_path, "\\begin{align}\nz &= w x + b & a &= \\sigma(z)\n"
                            "\\end{align}\n\n$$\\frac{\\partial z}{\\partial w} = x$$\n",
                            'symbols = { x = "real", w = "real", b = "real" }')
    assert any("two equations side by side on one line" in e.message for e in errors)
    assert not any(c.result.verdict in (Verdict.PROVED, Verdict.REFUTED)
                   for o in outcomes.values() for c in o.checks if c.check.step)


def test_a_prime_on_a_name_defined_through_another_is_refused(tmp_path: Path) -> None:
    """a = σ(z), z = 2x: a' by z (backprop notes) or by x? (a' = a(1 − a) was refuted.) With
    one variable and no name between, the prime is read."""
    outcomes, errors = read(tmp_path, "$$z = 2x$$\n\n$$a = \\sigma(z)$$\n\n$$a' = a(1 - a)$$\n\n"
                            "$$h = x^3$$\n\n$$h' = 3x^2$$\n", 'symbols = { x = "real" }')
    assert any("a is defined through z" in e.message and e.line == 9 for e in errors)
    assert [c.result.verdict for o in outcomes.values() for c in o.checks
            if c.check.step and c.check.line == 13] == [Verdict.PROVED]


def test_an_undeclared_capital_beside_a_matrix_is_refused(tmp_path: Path) -> None:
    """AB = BA with A a declared matrix and B undeclared was proved, B a number."""
    outcomes, errors = read(tmp_path, "$$AB = BA$$\n\n$$2A = A + A$$\n",
                            "matrices = { A = [2, 2] }")
    assert any("B is not declared, and it multiplies a matrix" in e.message for e in errors)
    assert [c.result.verdict for o in outcomes.values() for c in o.checks
            if c.check.step and c.check.line == 7] == [Verdict.PROVED]


def test_a_display_does_not_run_across_notebook_cells(tmp_path: Path) -> None:
    """An unclosed $$ in one cell took in a code cell and the next cell's text (Jupyter
    renders no math across cells); it is refused in its own cell, at its line."""
    import json
    cells = [{"cell_type": "markdown", "source": "# T\n\n$$\\frac{d}{dx}(x^3) ="},
             {"cell_type": "code", "source": "print(1)", "outputs": []},
             {"cell_type": "markdown", "source": "3x^2$$\n\n$$\\frac{d}{dx} x^2 = 2x$$\n"}]
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps({"cells": cells, "nbformat": 4, "nbformat_minor": 5}))
    loaded = load_file(str(path))
    report = run(loaded.items, Settings(), Limits(timeout=60, jobs=1))
    assert [(e.file, e.line) for e in loaded.errors if "never closed" in e.message] == [
        (f"{path}, cell 1", 3), (f"{path}, cell 3", 3)]  # (paired from the left, as Markdown does)
    assert not any(c.result.verdict is Verdict.REFUTED for o in report.outcomes for c in o.checks)


def test_equiv_alone_is_an_identity_and_log_of_e_defines_nothing(tmp_path: Path) -> None:
    """(x+1)² ≡ x² + 1 was dropped silently; after \\log(e) = 1, \\log alone "meant \\log(e)"."""
    outcomes, errors = read(tmp_path, "$$(x+1)^2 \\equiv x^2 + 1$$\n\n$$\\log(e) = 1$$\n\n"
                            "$$\\log x^2 = 2 \\log x$$\n", 'symbols = { x = "positive" }')
    assert errors == []
    assert sorted(c.result.verdict.value for o in outcomes.values() for c in o.checks
                  if c.check.step) == ["proved", "proved", "refuted"]


def test_a_claims_free_indices_are_bound_before_it_is_read(tmp_path: Path) -> None:
    """With two dimensions, delta(i, j) before x[j] was "j is not bound here" (unless another
    derivation of the file had used j first): whether a claim reads cannot depend on that."""
    path = tmp_path / "c.toml"
    path.write_text('format = 1\n[context]\ndims = { n = "positive integer", m = "positive '
                    'integer" }\nvectors = { x = "n", z = "m" }\n\n[[derivation]]\nid = "a"\n'
                    'claim = "x[i]*delta(i, j) == x[j]*delta(i, j)"\n\n[[derivation]]\nid = "s"\n'
                    'steps = ["x[i]*delta(i, j)", "x[j]*delta(j, i)"]\n', encoding="utf-8")
    loaded = load_file(str(path))
    assert loaded.errors == []
    report = run(loaded.items, Settings(), Limits(timeout=60, jobs=1))
    assert all(c.result.verdict is Verdict.PROVED for o in report.outcomes for c in o.checks)


@pytest.mark.parametrize(("line", "verdict"), [
    (r"$$\frac{d}{dx} x^2 \Big|_{x=3} = 6$$", Verdict.PROVED),
    (r"$$\left. \frac{d}{dx} \sigma(x) \right|_{x=0} = \frac{1}{4}$$", Verdict.PROVED),
    (r"$$\frac{d}{dx}(x^2 + 1)|_{x=2} = 4$$", Verdict.PROVED),
    (r"$$\frac{\partial}{\partial x} (x y) \Big|_{x=1} = y$$", Verdict.PROVED),
    (r"$$\frac{d}{dx} x^3 \bigg|_{x=1} = 2$$", Verdict.REFUTED),
])
def test_an_evaluation_bar_is_the_side_at_the_point(tmp_path: Path, line: str,
                                                    verdict: Verdict) -> None:
    """F |_{x = a}: F with its derivatives taken, at x = a (was "write \\left| x \\right| for an
    absolute value")."""
    outcomes, errors = read(tmp_path, line + "\n", 'symbols = { x = "real", y = "real" }\n'
                            'latex = { "\\\\sigma" = "sigmoid" }')
    assert errors == []
    assert [c.result.verdict for o in outcomes.values() for c in o.checks if c.check.step] == \
        [verdict]


@pytest.mark.parametrize(("line", "words"), [
    (r"$$|x| + \frac{d}{dx} x^2 \Big|_{x=1} = |x| + 2$$", "after several terms"),
    (r"$$\frac{d}{dx} \log x \Big|_{x = 0} = 1$$", "not defined there"),
    (r"$$x^2 \Big|_{x=0}^{x=1} = 1$$", "between two points"),
    (r"$$x^2 \Big|_{0}^{1} = 1$$", "between two points"),
    # from a fifth adversary: d|x|/dx at 0 = 0 and relu'(0) = 1/2 were proved (SymPy's sign(0)),
    # a bar inside or after a sum over its letter was decided, F|_0^1 read as a power
    (r"$$\frac{d}{dx} |x| \Big|_{x=0} = 0$$", "kink"),
    (r"$$\frac{d}{dx} \max(0, x) \Big|_{x=0} = \frac{1}{2}$$", "kink"),
    (r"$$\sum_{x=1}^{3} x^2 \Big|_{x=2} = 14$$", "also the index of a sum"),
    (r"$$\frac{x^3}{3}\Big|_{x=0}^{1} = 0$$", "between two points"),
])
def test_an_evaluation_bar_that_cannot_be_read_is_refused(tmp_path: Path, line: str,
                                                          words: str) -> None:
    outcomes, errors = read(tmp_path, line + "\n", 'symbols = { x = "real" }')
    assert any(words in e.message for e in errors), errors
    assert not any(c.result.verdict in (Verdict.PROVED, Verdict.REFUTED)
                   for o in outcomes.values() for c in o.checks if c.check.step)


def test_a_remark_column_after_a_definition_is_read(tmp_path: Path) -> None:
    outcomes, errors = read(tmp_path, "\\begin{align}\nz &= wx + b && \\text{(pre-activation)} \\\\\n"
                            "a &= \\sigma(z) && \\text{(activation)}\n\\end{align}\n\n"
                            "$$\\frac{\\partial a}{\\partial w} = a(1 - a) x$$\n",
                            'symbols = { x = "real", w = "real", b = "real" }\n'
                            'latex = { "\\\\sigma" = "sigmoid" }')
    assert errors == []
    assert [c.result.verdict for o in outcomes.values() for c in o.checks if c.check.step] == \
        [Verdict.PROVED]


def test_a_labelled_defined_name_is_no_power(tmp_path: Path) -> None:
    """where z = wx + b, then z^{(2)}: the z of sample 2, not z squared (was proved as z²)."""
    outcomes, errors = read(tmp_path, "where $z = wx + b$.\n\n"
                            "$$\\frac{\\partial}{\\partial w} z^{(2)} = 2(wx+b)x$$\n",
                            'symbols = { x = "real", w = "real", b = "real" }')
    assert any("names a sample or a layer" in e.message for e in errors), errors
    assert not any(c.result.verdict is Verdict.PROVED for o in outcomes.values()
                   for c in o.checks if c.check.step)


def test_a_value_the_prose_gives_keeps_guarding_later_displays(tmp_path: Path) -> None:
    """Suppose w = 2b: the display after it was refused, the one after that proved."""
    outcomes, errors = read(tmp_path, "Suppose $w = 2b$. Then\n\n$$wx + b = b(2x + 1)$$\n\nand\n\n"
                            "$$\\frac{\\partial}{\\partial b}(wx + b) = 1$$\n",
                            'symbols = { x = "real", w = "real", b = "real" }')
    assert sorted(e.line for e in errors) == [7, 11]
    assert not any(c.result.verdict is Verdict.PROVED for o in outcomes.values()
                   for c in o.checks if c.check.step)


def test_a_defined_name_given_another_value_in_words_is_refused(tmp_path: Path) -> None:
    """"$u$ is now $wx + b$" after u = w²x was ignored, and the old value proved a wrong step."""
    outcomes, errors = read(tmp_path, "Let $u = w^2 x$.\n\n$$\\frac{\\partial u}{\\partial w} = 2wx$$"
                            "\n\nFor the linear model, $u$ is now $wx + b$:\n\n"
                            "$$\\frac{\\partial u}{\\partial w} = 2wx$$\n",
                            'symbols = { x = "real", w = "real", b = "real" }')
    assert [e.line for e in errors] == [11] and "writes u" in errors[0].message
    assert [c.result.verdict for o in outcomes.values() for c in o.checks
            if c.check.step] == [Verdict.PROVED]


def test_an_undeclared_letter_differentiated_and_multiplied_is_read_both_ways(
        tmp_path: Path) -> None:
    """d/dw v² = 2vx with v undeclared said "v is applied to several arguments as a function":
    v independent of w and v a function of w are its two readings."""
    outcomes, errors = read(tmp_path, "$$\\frac{d}{dw} v^2 = 2vx$$\n",
                            'symbols = { x = "real", w = "real" }')
    assert errors == []
    (r,) = [c.result for o in outcomes.values() for c in o.checks if c.check.step]
    assert r.verdict is Verdict.UNKNOWN and r.readings


@pytest.mark.parametrize(("body", "verdicts"), [
    # f(t) = d/dx (t x²) = 2tx, so f(x) = 2x² (f(x) = 3x² was proved: d/dx x³)
    ("$$f(t) = \\frac{d}{dx}\\left(t x^2\\right)$$\n\n$$f(x) = 2x^2$$\n\n$$f(x) = 3x^2$$\n",
     {"L6": Verdict.PROVED, "L8": Verdict.REFUTED}),
    # g(u) = d/dx (u + x)² = 2(u + x), so g(x) = 4x (8x was proved)
    ("$$g(u) = \\frac{d}{dx} (u + x)^2$$\n\n$$g(x) = 4x$$\n\n$$g(x) = 8x$$\n",
     {"L6": Verdict.PROVED, "L8": Verdict.REFUTED}),
    # f(a) = d/dx (a x²) at x = 1 = 2a, so f(x) = 2x (was refuted "at x = 0: 3 ≠ 0")
    ("$$f(a) = \\left. \\frac{d}{dx} \\left(a x^2\\right) \\right|_{x=1}$$\n\n$$f(x) = 2x$$\n",
     {"L6": Verdict.PROVED}),
])
def test_a_functions_derivative_does_not_catch_its_argument(tmp_path: Path, body: str,
                                                           verdicts: dict) -> None:
    """A function whose body differentiates by x, called at x: the value is put in after
    the derivative is taken (no capture)."""
    path = tmp_path / "doc.md"
    path.write_text('```derivcheck\nsymbols = { x = "real" }\n```\n' + body, encoding="utf-8")
    loaded = load_file(str(path))
    report = run(loaded.items, Settings(), Limits(timeout=60, jobs=1))
    assert_refutations(report)  # each counterexample re-checked
    outcomes, errors = {o.id.split("::", 1)[1]: o for o in report.outcomes}, loaded.errors
    assert errors == []
    got = {k: [c.result.verdict for c in o.checks if c.check.step] for k, o in outcomes.items()}
    assert got == {k: [v] for k, v in verdicts.items()}


def test_a_declared_functions_derivative_does_not_catch_its_argument(tmp_path: Path) -> None:
    path = tmp_path / "f.toml"
    path.write_text('format = 1\n[context]\nsymbols = { x = "real", t = "real" }\n'
                    'functions = { "f(t)" = "diff(t*x**2, x)" }\n'
                    '[[derivation]]\nid = "true"\nclaim = "f(x) == 2*x**2"\n'
                    '[[derivation]]\nid = "false"\nclaim = "f(x) == 3*x**2"\n', encoding="utf-8")
    report = run(load_file(str(path)).items, Settings(), Limits(timeout=60, jobs=1))
    got = {o.id.split("::")[-1]: o.checks[0].result.verdict for o in report.outcomes}
    assert got == {"true": Verdict.PROVED, "false": Verdict.REFUTED}
    assert_refutations(report)


CASES_SQRT = r"\begin{cases} \sqrt{x} & x \geq 0 \\ %s & \text{otherwise} \end{cases}"


@pytest.mark.parametrize(("line", "verdict"), [
    # the first case's √x needs x ≥ 0 only where it applies (was taken for the whole line:
    # proved, though at x = −1 the sides are 0 and 1)
    (f"$${CASES_SQRT % '0'} = \\sqrt{{|x|}}$$", Verdict.REFUTED),
    (r"$$\begin{cases} x \log x & x > 0 \\ 1 & \text{otherwise} \end{cases} = "
     r"\begin{cases} x \log x & x > 0 \\ 0 & \text{otherwise} \end{cases}$$", Verdict.REFUTED),
    (f"$${CASES_SQRT % (chr(92) + 'sqrt{-x}')} = \\sqrt{{|x|}}$$", Verdict.PROVED),
])
def test_what_a_cases_value_needs_holds_only_where_its_case_applies(
        tmp_path: Path, line: str, verdict: Verdict) -> None:
    path = tmp_path / "doc.md"
    path.write_text('```derivcheck\nsymbols = { x = "real" }\n```\n' + line + "\n",
                    encoding="utf-8")
    loaded = load_file(str(path))
    report = run(loaded.items, Settings(), Limits(timeout=60, jobs=1))
    assert_refutations(report)  # the counterexample lies where both sides are defined
    assert loaded.errors == []
    assert [c.result.verdict for o in report.outcomes for c in o.checks if c.check.step] == \
        [verdict]


def test_a_cases_value_undefined_on_part_of_its_case_is_refused(tmp_path: Path) -> None:
    outcomes, errors = read(tmp_path, r"$$\begin{cases} \sqrt{x} & x \geq -1 \\ 0 & "
                            r"\text{otherwise} \end{cases} = \sqrt{|x|}$$" + "\n",
                            'symbols = { x = "real" }')
    assert all(c.result.verdict is Verdict.ERROR for o in outcomes.values() for c in o.checks
               if c.check.step)
    assert len(errors) == 1 and "needs x ≥ 0, which fails for x ∈ [-1, 0)" in errors[0].message


def test_readings_that_agree_keep_each_ones_scope(tmp_path: Path) -> None:
    """d/dx x·step(x) = step(x): (d/dx x)·step(x), proved everywhere, or d/dx (x·step(x)),
    proved only where it is differentiable (x ≠ 0). Both proved, so proved, but only for
    x ≠ 0 (the scope was dropped: in effect relu'(0) = 1/2 proved)."""
    path = tmp_path / "r.toml"
    path.write_text("format = 1\n[context]\nsymbols = { x = \"real\" }\n[[derivation]]\n"
                    "id = \"two\"\nlatex = '''\n\\frac{d}{dx} x \\cdot \\operatorname{step}(x) = "
                    "\\operatorname{step}(x)\n'''\n", encoding="utf-8")
    report = run(load_file(str(path)).items, Settings(), Limits(timeout=60, jobs=1))
    (goal,) = [c.result for o in report.outcomes for c in o.checks if c.check.kind.name == "GOAL"]
    assert goal.verdict is Verdict.PROVED and len(goal.readings) == 2
    assert "x ≠ 0" in goal.scope


def _toml_verdicts(tmp_path: Path, text: str) -> dict:
    path = tmp_path / "c.toml"
    path.write_text("format = 1\n" + text, encoding="utf-8")
    report = run(load_file(str(path)).items, Settings(), Limits(timeout=60, jobs=1))
    assert_refutations(report)
    return {o.id.split("::")[-1]: o.checks[0].result for o in report.outcomes}


def test_a_kink_of_a_nested_piecewise_function_is_a_kink(tmp_path: Path) -> None:
    """relu(relu(x) − 1) has a kink at x = 1 (x − 1 once the inner relu is x): its derivative
    there does not exist; 'x = 1' alone made d/dx = 0 proved (the left derivative)."""
    got = _toml_verdicts(tmp_path, '[context]\nsymbols = { x = "real" }\n' + "".join(
        f'[[derivation]]\nid = "d{k}"\ngiven = ["x == 1"]\n'
        f'claim = "diff(relu(relu(x) - 1), x) == {k}"\n' for k in (0, 1)))
    assert all(r.verdict is Verdict.UNKNOWN for r in got.values())  # (on the kink: no verdict)


def test_a_comparison_sympy_decides_at_once_is_no_crash(tmp_path: Path) -> None:
    """sign(x²): the branch x² < 0 is False as soon as it is written (was an internal error)."""
    got = _toml_verdicts(tmp_path, '[context]\nsymbols = { x = "real" }\n'
                         '[[derivation]]\nid = "h"\nclaim = "heaviside(x**2) == 1"\n'
                         '[[derivation]]\nid = "d"\nclaim = "diff(x*sign(x**2), x) == 1"\n')
    assert got["h"].verdict in (Verdict.UNKNOWN, Verdict.REFUTED)
    assert "internal" not in (got["h"].detail or "")
    assert got["d"].verdict is Verdict.PROVED and "x**2 ≠ 0" in got["d"].scope


def test_a_claim_for_every_n_undefined_at_some_n_is_not_proved(tmp_path: Path) -> None:
    """y one-hot: y_k log y_k is log 0 at every k ≠ t once n ≥ 2, where the explicit engine
    says 'undefined wherever the hypotheses hold'; it was 'proved for all n ≥ 1'."""
    got = _toml_verdicts(tmp_path, '[context]\ndims = { n = "positive integer" }\n'
                         'vectors = { y = "n" }\n[[derivation]]\nid = "s"\n'
                         'given = ["onehot(y, t)"]\nclaim = "Sum(y[k]*log(y[k]), (k, 1, n)) == 0"\n')
    assert got["s"].verdict is Verdict.ERROR and "undefined" in got["s"].detail


def test_a_root_undefined_where_the_hypotheses_hold_is_no_vacuous_proof(tmp_path: Path) -> None:
    """a > 1 can hold; √(1 − a) is what is undefined there. With the root as s ≥ 0 (s² = 1 − a)
    the hypothesis read as impossible, and the claim passed as 'proved vacuously'."""
    got = _toml_verdicts(tmp_path, '[context]\nsymbols = { a = "real" }\n'
                         '[[derivation]]\nid = "r"\ngiven = ["a > 1"]\nclaim = "sqrt(1 - a) == 5"\n'
                         '[[derivation]]\nid = "v"\ngiven = ["a > 1", "a < 0"]\n'
                         'claim = "sqrt(a) == 5"\n')
    assert got["r"].verdict is Verdict.ERROR and "undefined wherever" in got["r"].detail
    assert got["v"].verdict is Verdict.PROVED and got["v"].vacuous  # truly cannot hold


@pytest.mark.parametrize(("line", "want"), [
    (r"$$\sum_j \sum_{i \neq j} x_i x_j = \left(\sum_i x_i\right)^2 - \sum_i x_i^2$$",
     Verdict.PROVED),
    (r"$$\sum_{i \neq j} x_i x_j = x_j \sum_i x_i - x_j^2$$", Verdict.PROVED),  # j fixed
    (r"$$\sum_{k \neq i} x_k = \sum_k x_k - x_i$$", Verdict.PROVED),
])
def test_a_sum_that_skips_an_index_written_elsewhere_is_read(tmp_path: Path, line: str,
                                                            want: Verdict) -> None:
    outcomes, errors = read(tmp_path, line, SIZES)
    assert errors == [] and [o.checks[0].result.verdict for o in outcomes.values()] == [want]


def test_a_sum_that_skips_an_index_written_nowhere_else_is_refused(tmp_path: Path) -> None:
    """Σ_{i≠j} x_i x_j = (Σx)² − Σx²: over the pairs, or over i with j fixed? It was read the
    second way, and the textbook identity refuted."""
    outcomes, errors = read(tmp_path, r"$$\sum_{i \neq j} x_i x_j = \left(\sum_i x_i\right)^2"
                            r" - \sum_i x_i^2$$", SIZES)
    assert len(errors) == 1 and "over all pairs (i, j)" in str(errors[0]), errors
    assert all(o.checks[0].result.verdict is Verdict.ERROR for o in outcomes.values())


@pytest.mark.parametrize(("body", "needle"), [
    ("$$f(x) = x^2 + 1$$\n\n$$f x = x^2 + 1$$\n", "f alone is f(x) here"),  # f(x)·x or f(x)?
    ("$$g(x) = \\sigma(x)$$\n\n$$g 2x = \\sigma(2x)$$\n", "g alone is g(x) here"),
    ("$$(x^2)'(3) = 6$$\n", "the derivative of the bracket at a point"),
    ("$$(\\sigma^2)'(x) = 2 \\sigma(x)^2 (1 - \\sigma(x))$$\n", "the bracket at a point"),
])
def test_a_function_or_a_primed_bracket_before_its_argument_unbracketed_is_refused(
        tmp_path: Path, body: str, needle: str) -> None:
    """f x after f(x) = … was read as f(x)·x, (x²)'(3) as 2x·3: each refuted a true line."""
    outcomes, errors = read(tmp_path, body, 'symbols = { x = "real" }')
    assert any(needle in str(e) for e in errors), errors
    assert not any(c.result.verdict is Verdict.REFUTED for o in outcomes.values()
                   for c in o.checks)


def test_a_derivative_by_a_square_says_how_to_name_it(tmp_path: Path) -> None:
    """∂ℓ/∂σ² said only "the orders differ"."""
    outcomes, errors = read(tmp_path, "$$\\frac{\\partial}{\\partial \\sigma^2} \\log \\sigma = 1$$\n",
                            'symbols = { x = "real" }')
    assert any("a derivative by the square as a variable of its own" in str(e) for e in errors)
    text = ('$$\\frac{\\partial}{\\partial \\sigma^2} \\left(-\\frac{1}{2}\\log \\sigma^2 - '
            '\\frac{x^2}{2\\sigma^2}\\right) = -\\frac{1}{2\\sigma^2} + \\frac{x^2}{2(\\sigma^2)^2}$$\n')
    outcomes, errors = read(tmp_path, text, 'symbols = { x = "real", v = "positive" }\n'
                            'latex = { "\\\\sigma^2" = "v" }')
    assert errors == [] and [c.result.verdict for o in outcomes.values()
                             for c in o.checks if c.check.step] == [Verdict.PROVED]


def test_a_product_side_by_side_binds_tighter_than_an_entrywise_product(tmp_path: Path) -> None:
    """A TA's class: h ⊙ (1 − h) ⊙ W_2^⊤ (ŷ − y) was read (h ⊙ (1 − h) ⊙ W_2^⊤)(ŷ − y), whose
    shapes do not fit, and a right answer lost half its points. Then an adversary: reading
    a ⊙ B c both ways but A B ⊙ C one way was inconsistent, and at symbolic sizes a reading
    that fits only where two sizes agree was dropped (a proof "for all m, n" over sizes where
    the line reads two ways). The stated convention: a product written side by side binds
    tighter than ⊙, on either side (h ⊙ W^T δ is h ⊙ (W^T δ); W^T δ ⊙ h is (W^T δ) ⊙ h)."""
    head = ('dims = { n = "positive integer", m = "positive integer" }\n'
            'vectors = { h = "n", d = "n" }\n'
            'matrices = { W = ["n", "n"], A = [2, 2], B = [2, 2], C = [2, 2], X = ["n", "n"], '
            'Y = ["n", "m"], Z = ["m", "n"] }')
    outcomes, errors = read(tmp_path, "$$h \\odot (1 - h) \\odot W^\\top d = "
                            "(W^\\top d) \\odot h \\odot (1 - h)$$\n\n"
                            "$$W^\\top d \\odot h = h \\odot (W^\\top d)$$\n\n"
                            "$$A \\odot B C = A \\odot (B C)$$\n\n"
                            "$$A B \\odot C = A (B \\odot C)$$\n\n"
                            "$$X \\odot Y Z = (X \\odot Y) Z$$\n", head)
    verdicts = [o.checks[0].result.verdict for o in outcomes.values()]
    assert errors == [], errors  # ((X ⊙ Y) Z: its shapes fit only where m = n: refuted)
    assert verdicts == [Verdict.PROVED, Verdict.PROVED, Verdict.PROVED, Verdict.REFUTED,
                        Verdict.REFUTED], verdicts
    assert_refutations(run(load_file(str(tmp_path / "doc.md")).items, Settings(),
                           Limits(timeout=60, jobs=1)))


def test_a_row_tex_cannot_set_leaves_the_rows_around_it_read(tmp_path: Path) -> None:
    """A student's `\\right \\\\` (the bracket forgotten at the end of a row) refused the whole
    display: the row is reported at its place with what to write, and the rows around it are
    still checked (the pair spanning it says it was not checked)."""
    outcomes, errors = read(tmp_path, "$$\\begin{aligned}\n"
                            "(x + 1)^2 &= \\left[x^2 + 2x + 1\\right] \\\\\n"
                            "  &= \\left[x^2 + 2x + 1 \\right \\\\\n"
                            "  &= x^2 + 2x + 1 \\\\\n"
                            "  &= x^2 + 2x + 2\n"
                            "\\end{aligned}$$\n", 'symbols = { x = "real" }')
    (outcome,) = outcomes.values()
    assert [e.line for e in errors] == [7], errors
    assert "\\right is followed by the line break \\\\ with no delimiter" in errors[0].message
    marks = [c.result.verdict for c in outcome.checks if c.check.step]
    assert marks == [Verdict.PROVED, Verdict.ERROR, Verdict.ERROR, Verdict.REFUTED], marks


def test_math_in_a_pre_block_is_code_not_a_display(tmp_path: Path) -> None:
    """$$ x = x + 5 $$ inside <pre> … </pre> was read and refuted: it is code, shown as
    written, as in a fenced block (a tag that only starts with pre, <prefix>, is no <pre>)."""
    outcomes, errors = read(tmp_path, "<pre>\n$$ x = x + 5 $$\n</pre>\n\n"
                            "<PRE class=\"x\">$$ x = x + 6 $$</PRE>\n\n"
                            "<prefix>\n\n$$x + x = 2x$$\n", 'symbols = { x = "real" }')
    assert errors == []
    assert [o.checks[0].result.verdict for o in outcomes.values()] == [Verdict.PROVED]


def test_a_display_left_open_before_a_paragraph_is_said_at_its_line(tmp_path: Path) -> None:
    """`$$ x = x`, a paragraph of prose, then a display: the prose was read as math up to the
    next display's $$ (an error about "'some': one name, or letters …" two lines further);
    now the $$ left open is the error, at its line."""
    _, errors = read(tmp_path, "$$ x = x\n\nsome text here\n\n$$x + x = 2x$$\n",
                            'symbols = { x = "real" }')
    assert [e.line for e in errors] == [5], errors
    assert "this $$ is not closed before the paragraph at line 7" in errors[0].message
