"""Reading documents (session 32): the size written after a line (``… \\in \\mathbb{R}^{d
\\times h}``) checked as a claim of its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from recheck import checked_file

from checker.model import CheckKind
from checker.results import Verdict

SIZES = ("```derivcheck\n"  # line 1
         "dims = { N = \"positive integer\", d = \"positive integer\", h = \"positive integer\","
         " n = \"positive integer\" }\n"
         "matrices = { X = [\"N\", \"d\"], W = [\"d\", \"h\"], G = [\"N\", \"h\"] }\n"
         "vectors = { u = \"n\", v = \"n\", p = 3 }\n"
         "symbols = { a = \"real\" }\n"
         "```\n")  # 6


def checked(tmp_path: Path, text: str) -> tuple[dict[str, dict[str, Verdict]], list[str]]:
    """Each entry's verdicts by check (goal, or claim for a size), by the line its id names;
    every counterexample re-checked (checked_file), and the reader's errors."""
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    report, errors = checked_file(path)
    got: dict[str, dict[str, Verdict]] = {}
    for o in report.outcomes:  # type: ignore[attr-defined]
        for c in o.checks:
            if c.check.kind in (CheckKind.GOAL, CheckKind.CLAIM):
                got.setdefault(o.id.rsplit("::L", 1)[1], {})[c.check.kind.value] = c.result.verdict
    return got, [str(e) for e in errors]


@pytest.mark.parametrize(("display", "size"), [
    # the gradient of Σ G ⊙ XW by W has W's shape, d × h (denominator layout)
    ("L = \\sum_{i=1}^{N}\\sum_{j=1}^{h} G_{ij} (XW)_{ij}", None),
    ("\\frac{\\partial}{\\partial W} \\sum_{i=1}^{N}\\sum_{j=1}^{h} G_{ij} (XW)_{ij} = X^T G "
     "\\in \\mathbb{R}^{d \\times h}", Verdict.PROVED),
    ("\\frac{\\partial}{\\partial W} \\sum_{i=1}^{N}\\sum_{j=1}^{h} G_{ij} (XW)_{ij} = X^T G "
     "\\in \\mathbb{R}^{h \\times d}", Verdict.REFUTED),  # transposed
    ("Z = X W \\in \\mathbb{R}^{N \\times h}.", Verdict.PROVED),  # a definition's size
    ("Q = X W \\in \\mathbb{R}^{N \\times d}", Verdict.REFUTED),
    ("X W = X W \\in \\mathbb{R}^{N \\times (h + 1)}", Verdict.REFUTED),
    ("\\begin{aligned} u^T v &= \\sum_{k=1}^{n} u_k v_k \\\\ &= v^T u \\in \\mathbb{R} "
     "\\end{aligned}", Verdict.PROVED),  # a 1 × 1 product is a number
    ("u v^T = (v u^T)^T \\in \\mathbb{R}", Verdict.REFUTED),  # an outer product is not
    ("u + v = v + u \\in \\mathbb{R}^n", Verdict.PROVED),
    ("u^T + v^T = (u + v)^T \\in \\mathbb{R}^n", Verdict.PROVED),  # ℝⁿ: a row or a column
    ("u^T + v^T = (u + v)^T \\in \\mathbb{R}^{n \\times 1}", Verdict.REFUTED),  # a column
    ("p + p = 2p \\in \\mathbb{R}^3", Verdict.PROVED),  # explicit sizes
    ("p + p = 2p \\in \\mathbb{R}^{1 \\times 3}", Verdict.REFUTED),
    ("a + a = 2a \\in \\mathbb{R}^{d}", Verdict.REFUTED),  # a declared number in ℝ^d
])
def test_a_size_after_a_line_is_checked(tmp_path: Path, display: str,
                                        size: Verdict | None) -> None:
    """The size is a claim of its own (the line's shape as read against the one written, for
    every size: refuted where they differ for some sizes); the chain is checked without it."""
    got, errors = checked(tmp_path, SIZES + f"\n$${display}$$\n")
    assert errors == []
    if size is None:
        assert got == {}
        return
    assert got["8-size"] == {"claim": size}
    if "=" in display.split("\\in")[0].split("=", 1)[1] or display.startswith("\\"):
        assert got["8"] == {"goal": Verdict.PROVED}  # the chain itself holds


@pytest.mark.parametrize(("display", "message"), [
    ("X W = X W \\in \\mathbb{R}^{N \\times m}", "m is not a declared size"),
    ("X W = X W \\in \\mathbb{R}^{N \\times h \\times 2}", "an array of 3 axes is not read"),
    ("b + c = (c + b) \\in \\mathbb{R}^{h}", "the line uses b, c, which nothing declares"),
    ("Q = u^T b \\in \\mathbb{R}", "the line uses b, which nothing declares"),  # b a vector?
])
def test_a_size_that_cannot_be_compared_is_an_error(tmp_path: Path, display: str,
                                                     message: str) -> None:
    """A size in letters that are not declared sizes, a third axis, or a line read as a number
    (its letters undeclared) where the page says ℝ^{…}: an error at the size, never a verdict."""
    got, errors = checked(tmp_path, SIZES + f"\n$${display}$$\n")
    assert "8-size" not in got
    assert len(errors) == 1 and message in errors[0] and "doc.md:8:" in errors[0], errors


@pytest.mark.parametrize("display", [
    "a + a = 2a \\quad \\forall a \\in \\mathbb{R}",  # a remark's \in
    "a + a = 2a, \\quad a \\in \\mathbb{R}",
    "\\sum_{k=1}^{n} u_k = \\sum_{k=1}^{n} u_k \\quad \\text{for } u \\in \\mathbb{R}^n",
])
def test_an_in_that_belongs_to_a_remark_is_not_a_size(tmp_path: Path, display: str) -> None:
    got, errors = checked(tmp_path, SIZES + f"\n$${display}$$\n")
    assert errors == []
    assert got == {"8": {"goal": Verdict.PROVED}}


BRACKETS = ("```derivcheck\n"  # line 1
            "dims = { N = \"positive integer\", h = \"positive integer\" }\n"
            "matrices = { X = [\"N\", \"h\"], T_4 = [\"N\", \"h\"], W_1 = [2, 3], "
            "G = [\"N\", \"h\"] }\n"
            "vectors = { x = \"N\" }\n"
            "```\n")  # 5


@pytest.mark.parametrize(("display", "verdict"), [
    ("X_{[i,j]} = X_{ij}", Verdict.PROVED),  # NumPy's brackets inside a subscript
    ("X_{[ij]} = X_{i,j}", Verdict.PROVED),
    ("X[i,j] = X_{ij}", Verdict.PROVED),  # and after the name
    ("x[i] = x_i", Verdict.PROVED),
    ("T_{4[i,j]} = (T_4)_{ij}", Verdict.PROVED),  # a labelled name's entry
    ("T_4[i,j] = (T_4)_{ij}", Verdict.PROVED),
    ("W_{1[1,2]} = (W_1)_{12}", Verdict.PROVED),  # (numbers in a subscript count from 1)
    ("W_{1[2,3]} = (W_1)_{23}", Verdict.PROVED),
    ("W_{1[1,2]} = (W_1)_{21}", Verdict.REFUTED),  # another entry
    ("\\sum_{j=1}^{h} X_{[i,j]} G_{[i,j]} = \\sum_{j=1}^{h} X_{ij} G_{ij}", Verdict.PROVED),
    ("\\sum_{j=1}^{h} X[i,j] = \\sum_{j=1}^{h} X[j,i]", None),  # j over 1…h, i over 1…N
])
def test_numpy_brackets_name_an_entry(tmp_path: Path, display: str,
                                      verdict: Verdict | None) -> None:
    """X[i, j], x[i], X_{[i,j]}, T_{4[i,j]}: the entry of a declared matrix or vector (never
    the array times a bracket); an index the bracket writes keeps its range."""
    got, errors = checked(tmp_path, BRACKETS + f"\n$${display}$$\n")
    if verdict is None:
        assert got == {"7": {"goal": Verdict.ERROR}} and len(errors) == 1, errors
        return
    assert errors == []
    assert got == {"7": {"goal": verdict}}


@pytest.mark.parametrize(("display", "message"), [
    ("X_{[i,:]} = X_{i1}", "a slice"),  # a row: 1-D in NumPy, a row or a column here?
    ("X[:, j] = X_{1j}", "a slice"),
    ("T_{5[i,j]} = 1", "T_5 is not a declared vector or matrix"),
    ("X[i,j,k] = 1", "takes 2 indices"),
    ("X[i,j]_2 = X_{ij}", "an entry has no entries"),
    ("x[i][j] = x_i", "an entry has no entries"),
    ("x[1] = x_1", "NumPy counts from 0"),  # (its [1] is the second entry)
    ("W_1[12] = (W_1)_{12}", "NumPy reads one index of a matrix as a row"),
    # TeX sets x [2] as x[2]: the entry, or the array times 2?
    ("x [2] = 2x", "or the array times 2"),
    ("(x+x)[2] = 2 x_2", "or the array times 2"),
    ("x\\left[2\\right] = 2x", "or the array times 2"),
])
def test_what_a_bracket_cannot_index_is_refused(tmp_path: Path, display: str,
                                                message: str) -> None:
    got, errors = checked(tmp_path, BRACKETS + f"\n$${display}$$\n")
    assert got == {"7": {"goal": Verdict.ERROR}}
    assert len(errors) == 1 and message in errors[0], errors


@pytest.mark.parametrize(("display", "verdict"), [
    # an adversary's: remarks in \mbox and \mathrm with words keep their \in
    ("\\frac{\\partial}{\\partial W} \\sum_{i=1}^{N}\\sum_{j=1}^{h} G_{ij} (XW)_{ij} = X^T G "
     "\\mbox{ where } G \\in \\mathbb{R}^{N \\times h}", None),
    ("\\frac{\\partial (u^T v)}{\\partial u} = v \\mathrm{\\ for\\ every\\ } a \\in \\mathbb{R}",
     None),
    ("Z = X\\,W \\in \\mathbb{R}^{N\\times h}\\,.", Verdict.PROVED),  # a thin space is no remark
    ("u^T v = \\sum_{k=1}^n u_k v_k \\in \\mathbb{R}^n", Verdict.REFUTED),  # a number, n ≠ 1
    ("S = u \\in \\mathbb{R}^{n-1}", Verdict.REFUTED),  # at n = 2 (a size is ≥ 1 where written)
])
def test_sizes_an_adversary_tried(tmp_path: Path, display: str, verdict: Verdict | None) -> None:
    got, errors = checked(tmp_path, SIZES + f"\n$${display}$$\n")
    assert got.get("8-size") == (None if verdict is None else {"claim": verdict})
    assert all("\\in \\mathbb{R}" not in e.split(": ", 1)[1][:20] for e in errors), errors


@pytest.mark.parametrize(("given", "display"), [
    # a row or a column by a hypothesis is a vector of its length: ℝ^d holds
    ("N == 1", "Q = X \\in \\mathbb{R}^{d}"),
    ("d == 1", "Q = X^T \\in \\mathbb{R}^{N}"),
])
def test_a_vector_by_hypothesis_has_its_length(tmp_path: Path, given: str, display: str) -> None:
    text = SIZES.replace("symbols =", f"given = [\"{given}\"]\nsymbols =")
    got, errors = checked(tmp_path, text + f"\n$${display}$$\n")
    assert errors == []
    assert got["9-size"] == {"claim": Verdict.PROVED}


def test_a_prose_condition_on_a_size_makes_its_refutation_unknown(tmp_path: Path) -> None:
    got, errors = checked(tmp_path, SIZES + "\nIf $N = 1$:\n\n$$X \\in \\mathbb{R}^{1 \\times d}$$\n")
    assert got["10-size"] == {"claim": Verdict.UNKNOWN}, (got, errors)
    # (read as the case since session 34: a definition under it is refused, as under any case)
    got, errors = checked(tmp_path, SIZES + "\nIf $N = 1$:\n\n$$Q = X \\in \\mathbb{R}^{1 \\times d}$$\n")
    assert got == {} and "the display defines a name" in errors[0], (got, errors)


@pytest.mark.parametrize(("display", "message"), [
    ("S = u \\in \\mathbb{R}^{n/2}", "not a whole number at every size"),
    ("S = u \\in \\mathbb{R}^{2^n}", "not a whole number at every size"),
    ("S = u \\in \\mathbb{R}^{n^3}", "degree 3"),
    ("S = X^T G \\in \\mathbb{R}^{d*h}", "Write \\times for the matrix"),
    ("\\frac{\\partial L}{\\partial W} \\in \\mathbb{R}^{d \\times h}", "L is not declared"),
    ("2 u_{n+1} \\in \\mathbb{R}", "may lie outside"),
    ("\\begin{bmatrix} X & W \\end{bmatrix} \\in \\mathbb{R}^{N \\times h}", "different heights"),
    ("\\begin{aligned} X^T G &= (G^T X)^T \\\\ &\\in \\mathbb{R}^{h \\times d} \\end{aligned}",
     "a size on a row of its own"),
])
def test_sizes_that_are_refused(tmp_path: Path, display: str, message: str) -> None:
    got, errors = checked(tmp_path, SIZES + f"\n$${display}$$\n")
    assert "8-size" not in got
    assert any(message in e for e in errors), errors


@pytest.mark.parametrize(("display", "size"), [
    ("X^T G \\in \\mathbb{R}^{d \\times h}", Verdict.PROVED),  # an expression's size alone
    ("X^T G \\in \\mathbb{R}^{h \\times d}", Verdict.REFUTED),
    ("\\frac{\\partial}{\\partial W} \\sum_{i=1}^{N}\\sum_{j=1}^{h} G_{ij} (XW)_{ij} "
     "\\in \\mathbb{R}^{d \\times h}", Verdict.PROVED),  # a gradient has its variable's shape
    ("u v^T \\in \\mathbb{R}^{n \\times n}", Verdict.PROVED),
    # a declared name alone: checked against its declaration; an undeclared one, or a list of
    # names, is a declaration (checker.files.memberships)
    ("X \\in \\mathbb{R}^{N \\times d}", Verdict.PROVED),
    ("X \\in \\mathbb{R}^{d \\times N}", Verdict.REFUTED),
    ("b \\in \\mathbb{R}", None),
    ("u, v \\in \\mathbb{R}^n", None),
    ("W^{[2]} \\in \\mathbb{R}^{d \\times h}", None),
    ("X^T G \\;\\in\\; \\mathbb{R}^{h \\times d}", Verdict.REFUTED),  # spacing around \\in
    ("X^T G ~\\in~ {\\mathbb{R}}^{d \\times h}", Verdict.PROVED),
])
def test_a_size_stated_alone_is_checked(tmp_path: Path, display: str,
                                        size: Verdict | None) -> None:
    got, errors = checked(tmp_path, SIZES + f"\n$${display}$$\n")
    assert errors == []
    assert got == ({} if size is None else {"8-size": {"claim": size}})


GRADIENTS = ("```derivcheck\n"  # line 1
             "dims = { n = \"positive integer\", m = \"positive integer\" }\n"
             "matrices = { X = [\"m\", \"n\"] }\n"
             "vectors = { w = \"n\", y = \"m\", u = \"m\" }\n"
             "```\n")  # 5


@pytest.mark.parametrize(("display", "kind", "corrected"), [
    # a product whose factors do not fit: the transpose that makes it fit, proved
    ("\\frac{\\partial}{\\partial w} \\|Xw - y\\|^2 = 2X(Xw - y)", "missing-transpose",
     "2X^\\top(Xw - y)"),
    # a row where the gradient is a column: the line's transpose
    ("\\frac{\\partial}{\\partial w} u^T X w = u^T X", "transpose", "\\left(u^T X\\right)^\\top"),
    ("\\frac{\\partial}{\\partial w} \\|Xw - y\\|^2 = 2 (X w - y)", None, None),  # no such slip
    # beside a number, a 1 × 1 product is one: the outer product's factors swapped
    ("\\sum_{k=1}^{m} u_k^2 = u u^T", "swapped-factors", "u^T u"),
])
def test_a_step_refuted_by_its_shape_gets_the_slip_of_shape(tmp_path: Path, display: str,
                                                           kind: str | None,
                                                           corrected: str | None) -> None:
    """No entry is compared where the shapes differ, so only the matrix slips are tried; each
    corrected line has the previous line's shape and is proved equal to it."""
    path = tmp_path / "doc.md"
    path.write_text(GRADIENTS + f"\n$${display}$$\n", encoding="utf-8")
    report, errors = checked_file(path)
    assert errors == []
    (step,) = [c for o in report.outcomes for c in o.checks  # type: ignore[attr-defined]
               if c.check.kind is CheckKind.STEP]
    assert step.result.verdict is Verdict.REFUTED and step.check.claim.mismatch
    found = step.result.diagnosis
    assert (found and found.kind, found and found.corrected) == (kind, corrected)


def test_a_slip_of_shape_after_a_wrong_line_is_said_as_its_own(tmp_path: Path) -> None:
    """2X(Xw + y) after 2Xᵀ(Xw + y) (a sign lost): X needs a transpose whatever the line before,
    so it is what is wrong, not a change that may undo that slip; no corrected line is offered
    (it would agree with the wrong line)."""
    from checker.report.text import diagnosis_words

    path = tmp_path / "doc.md"
    path.write_text(GRADIENTS + "\n$$\\frac{\\partial}{\\partial w}\\|Xw - y\\|^2 = 2X^T(Xw + y) "
                    "= 2X(Xw + y)$$\n", encoding="utf-8")
    report, errors = checked_file(path)
    assert errors == []
    third = next(c for o in report.outcomes for c in o.checks  # type: ignore[attr-defined]
                 if c.check.kind is CheckKind.STEP and c.check.step == 3)
    d = third.result.diagnosis
    assert d is not None and d.kind == "missing-transpose" and d.after_wrong and d.of_shape
    what, _, meant = diagnosis_words(third)  # type: ignore[misc]
    assert what.startswith("what is wrong (missing-transpose)")
    assert "no corrected line is offered" in meant and "may be right again" not in meant


def test_a_diagnosis_in_the_engines_own_names_is_not_shown(tmp_path: Path) -> None:
    """x^T ∂L/∂z for ∂L/∂V: swapping the factors would be said in the derivative's internal
    form (and a dummy's NUL byte, which broke the JUnit XML): no diagnosis; the XML is valid."""
    import xml.dom.minidom

    from checker.report import junit

    path = tmp_path / "doc.md"
    path.write_text(
        "```derivcheck\n"
        "dims = { D = \"positive integer\", H = \"positive integer\", K = \"positive integer\" }\n"
        "vectors = { x = \"D\", b = \"H\", c = \"K\" }\n"
        "matrices = { V = [\"H\", \"D\"], U = [\"K\", \"H\"] }\n"
        "functions = { \"L(\\\\hat{y})\" = \"arbitrary\" }\n"
        "```\n$$z = V x + b$$\n$$h = \\sigma(z)$$\n$$\\hat{y} = U h + c$$\n"
        "$$\\frac{\\partial L}{\\partial V} = x^T \\frac{\\partial L}{\\partial z}$$\n",
        encoding="utf-8")
    report, errors = checked_file(path)
    assert errors == []
    steps = [c for o in report.outcomes for c in o.checks  # type: ignore[attr-defined]
             if c.check.kind is CheckKind.STEP]
    assert [c.result.verdict for c in steps] == [Verdict.REFUTED]
    assert steps[0].result.diagnosis is None
    xml.dom.minidom.parseString(junit.dumps(report))  # type: ignore[arg-type]


@pytest.mark.parametrize("display", [
    "X W \\in \\mathbb{R}_{+}^{N \\times h}",  # a decorated set: not a size
    "X^T X \\in \\mathbb{R}^{d \\times d}, \\quad X W \\in \\mathbb{R}^{N \\times h}",  # two
    "X^T X \\in \\mathbb{R}^{d \\times d} \\quad (\\text{Gram})",  # a remark after it
])
def test_a_membership_that_is_not_read_is_said(tmp_path: Path, display: str) -> None:
    """A display that puts an expression in a set in a way no size reads says so at its line,
    rather than being passed over as nothing to check."""
    got, errors = checked(tmp_path, SIZES + f"\n$${display}$$\n")
    assert got == {}
    assert len(errors) == 1 and "in a set in a way that is not checked" in errors[0], errors


def test_a_size_after_an_inequality_is_checked_and_the_inequality_too(tmp_path: Path) -> None:
    got, errors = checked(tmp_path, SIZES + "\n$$a^2 + 1 \\ge 2a \\in \\mathbb{R}^{d}$$\n")
    assert errors == []
    assert got == {"8-size": {"claim": Verdict.REFUTED}, "8": {"goal": Verdict.PROVED}}


def test_a_size_id_never_takes_a_display_id(tmp_path: Path) -> None:
    """id = "foo-size" on one display and a size after the display "foo": two entries, each
    with its own verdict (the size's was hidden behind the other's)."""
    text = (SIZES + "\n<!-- derivcheck: id = \"foo\" -->\n$$X^T G = (G^T X)^T \\in "
            "\\mathbb{R}^{h \\times d}$$\n\n<!-- derivcheck: id = \"foo-size\" -->\n$$a + a = 2a$$\n")
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    report, errors = checked_file(path)
    assert errors == []
    got = {o.id.rsplit("::", 1)[1]: [c.result.verdict for c in o.checks]  # type: ignore[attr-defined]
           for o in report.outcomes}  # type: ignore[attr-defined]
    sizes = [v for k, v in got.items() if k.startswith("foo-size") and len(v) == 1]
    assert sizes == [[Verdict.REFUTED]], got
    assert len(got) == 3, got


def test_a_size_stated_alone_takes_its_displays_expectation(tmp_path: Path) -> None:
    """expect = "refuted" before a display that only states a size: the size's expectation (a
    deliberately wrong size in a worked example), as a chain's would be."""
    path = tmp_path / "doc.md"
    path.write_text(SIZES + "\n<!-- derivcheck: expect = \"refuted\" -->\n"
                    "$$X^T G \\in \\mathbb{R}^{h \\times d}$$\n", encoding="utf-8")
    report, errors = checked_file(path)
    assert errors == []
    (o,) = report.outcomes  # type: ignore[attr-defined]
    assert [(c.result.verdict, c.matches) for c in o.checks] == [(Verdict.REFUTED, True)]


def test_the_html_drawing_names_two_sums_indices_apart() -> None:
    """Σ_k (y_k + Σ_k′ X_{k,k′} w_k′): two sums that both bind a k were drawn with one name, which
    reads as the diagonal X_{k,k}; drawn, as printed, the inner one is k′."""
    import sympy as sp

    from checker.report import mathml

    k1, k2 = sp.Dummy("k", integer=True), sp.Dummy("k", integer=True)
    X, w, y = sp.IndexedBase("X"), sp.IndexedBase("w"), sp.IndexedBase("y")
    n, d = sp.symbols("n d", integer=True, positive=True)
    e = sp.Sum(y[k1] + sp.Sum(X[k1, k2] * w[k2], (k2, 1, d)), (k1, 1, n))
    markup = mathml.expression(e)
    assert markup is not None and "′" in markup


@pytest.mark.parametrize(("display", "verdict"), [
    ("Q = \\left[ X \\;\\; \\mathbf{1} \\right] \\in \\mathbb{R}^{N \\times (d+1)}", None),
    ("X^T \\; G = X^T G", None),  # blocks side by side, or a product?
    ("X^T \\, G = X^T G", Verdict.PROVED),  # a thin space sets a product
    ("\\sum_{k=1}^{n} u_k \\; v_k = u^T v", Verdict.PROVED),  # numbers: a product
])
def test_arrays_set_apart_by_a_wide_space_are_refused(tmp_path: Path, display: str,
                                                      verdict: Verdict | None) -> None:
    """[X \\;\\; 1] was read as the product X·1: a block row may be meant. Arrays side by side
    with a space wider than a thin one are refused, with both ways to write it."""
    got, errors = checked(tmp_path, SIZES + f"\n$${display}$$\n")
    if verdict is None:
        assert len(errors) == 1 and "blocks side by side" in errors[0], errors
        assert all(v != {"claim": Verdict.REFUTED} for v in got.values())
        return
    assert errors == []
    assert got == {"8": {"goal": verdict}}
