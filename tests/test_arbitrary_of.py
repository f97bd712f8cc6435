"""Arbitrary functions declared with their arguments, ``"L(y)" = "arbitrary"`` (issue 11): a
loss the page never writes out, as backprop notes use it (∂L/∂a, ∂L/∂p_k, the chain rule
through a's definition). Proved only where it holds for every L; refuted by one function for
which it fails (checker.strategies.witness), the counterexample re-checked with that function
put in (tests.recheck); a letter only read as a function is never refuted."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import Verdict
from tests.test_documents import check, step_verdicts, write

SCALAR = r"""```derivcheck
symbols = { w = "real", x = "real" }
functions = { "L(a)" = "arbitrary" }
```

Let $$a = \sigma(wx)$$

$$\frac{\partial L}{\partial w} = \frac{\partial L}{\partial a} \frac{\partial a}{\partial w}
  = \frac{\partial L}{\partial a}\, a(1 - a)\, x$$

$$\frac{\partial L}{\partial w} = \frac{\partial L}{\partial a}\, a(1 - a)$$

$$\frac{\partial L}{\partial w} = 0$$
"""


def test_a_scalar_loss_of_a_defined_name(tmp_path: Path) -> None:
    outcomes, errors = check(write(tmp_path, "s.md", SCALAR))
    assert errors == []
    chain = next(o for k, o in outcomes.items() if k.endswith("L8"))
    assert step_verdicts(chain) == [Verdict.PROVED, Verdict.PROVED]
    # the chain rule's x dropped: false for L(a) = a polynomial, and L is declared any function
    dropped = next(o for k, o in outcomes.items() if k.endswith("L11"))
    assert step_verdicts(dropped) == [Verdict.REFUTED]
    cex = next(c.result.counterexample for c in dropped.checks if c.check.step)
    assert [f for f, _ in cex.functions()] == ["L(ξ)"]
    # L alone is L(a), a function of w through a: its derivative is not 0 (once read as a
    # constant function whose body was the word "arbitrary")
    zero = next(o for k, o in outcomes.items() if k.endswith("L13"))
    assert step_verdicts(zero) == [Verdict.REFUTED]


VECTOR = r"""```derivcheck
vectors = { z = 3, y = 3 }
functions = { "L(p)" = "arbitrary", "J(y)" = "arbitrary" }
```

Let $$p = \operatorname{softmax}(z)$$

$$\frac{\partial L}{\partial z_1} = \sum_{k=1}^{3} \frac{\partial L}{\partial p_k}
  \frac{\partial p_k}{\partial z_1} = \sum_{k=1}^{3} \frac{\partial L}{\partial p_k}
  p_k(\delta_{k1} - p_1)$$

$$\frac{\partial L}{\partial z_2} = \frac{\partial L}{\partial p_2}\, p_2 (1 - p_2)$$

$$\frac{\partial J}{\partial y_2} = \frac{\partial J(y)}{\partial y_2}$$
"""


def test_a_loss_of_a_whole_vector_and_the_softmax_chain_rule(tmp_path: Path) -> None:
    outcomes, errors = check(write(tmp_path, "v.md", VECTOR))
    assert errors == []
    by_line = {k.rsplit("L", 1)[1]: o for k, o in outcomes.items()}
    assert step_verdicts(by_line["8"]) == [Verdict.PROVED, Verdict.PROVED]
    # the other outputs' paths missed (corpus 18's slip): refuted, with the L it fails for
    assert step_verdicts(by_line["12"]) == [Verdict.REFUTED]
    assert step_verdicts(by_line["14"]) == [Verdict.PROVED]


@pytest.mark.parametrize(("declare", "display", "message"), [
    ('"K(q)" = "arbitrary"', r"K = 1", "K alone means K(q), as declared, and q is not "
                                       "declared or defined here"),
    ('"L(y)" = "arbitrary"', r"2 L(t) = 1", "L is declared a function of y, a vector of 3, "
                                            "and is given a number here"),
    ('"L(y)" = "arbitrary"', r"L(y) = y_1", "L is declared arbitrary (nothing is assumed of it), "
                                            "so this line would claim that every function L"),
    ('"L(y)" = "arbitrary"', r"L'(y) = 1", "a prime is the derivative of a function of one"),
    ('"L(y, u)" = "arbitrary"', r"p = 2y$$\n\n$$\frac{\partial L(p, p)}{\partial p_1} = 1",
     "L is written at p more than once"),
    ('"L(y, y)" = "arbitrary"', r"L(y, y) = 1", "names a parameter twice"),
    # (L(v) itself is read: a number, whose derivatives by v's entries are ∂L/∂v's; at an
    # expression of v it is not)
    ('"L(v)" = "arbitrary"', r"2 L(2 v) = 1", "read only at a vector or matrix named in the "
                                             "file (L alone, or L(p))"),
])
def test_what_cannot_be_read_says_why(tmp_path: Path, declare: str, display: str,
                                      message: str) -> None:
    text = (f'```derivcheck\ndims = {{ n = "positive integer" }}\nsymbols = {{ t = "real" }}\n'
            f'vectors = {{ y = 3, v = "n" }}\nfunctions = {{ {declare} }}\n```\n\n'
            f"$${display}$$\n")
    _, errors = check(write(tmp_path, "e.md", text))
    assert errors and message in str(errors[0]), errors


def test_a_toml_file_takes_the_vector_whole(tmp_path: Path) -> None:
    text = """format = 1
[context]
vectors = { y = 2 }
functions = { "L(y)" = "arbitrary", g = "arbitrary" }
[[derivation]]
id = "whole"
steps = ["diff(L(y), y[1]) + diff(L(y), y[2])", "diff(L(y), y[2]) + diff(L(y), y[1])"]
[[derivation]]
id = "entrywise"
steps = ["g(y)[1]", "g(y[1])"]
"""
    outcomes, errors = check(write(tmp_path, "w.toml", text))
    assert errors == []
    assert step_verdicts(outcomes["whole"]) == [Verdict.PROVED]
    assert step_verdicts(outcomes["entrywise"]) == [Verdict.PROVED]


LETTERS = r"""```derivcheck
symbols = { x = "real" }
functions = { f = "arbitrary" }
```

$$\frac{d}{dx} f(x^2) = 2x\, f'(x^2)$$

$$\frac{d}{dx} f(x^2) = f'(x^2)$$

$$\frac{d}{dx} g(x^2) = g'(x^2)$$
"""


def test_declared_functions_are_refuted_and_letters_read_as_functions_are_not(
        tmp_path: Path) -> None:
    outcomes, errors = check(write(tmp_path, "f.md", LETTERS))
    assert errors == []
    by_line = {k.rsplit("L", 1)[1]: o for k, o in outcomes.items()}
    assert step_verdicts(by_line["6"]) == [Verdict.PROVED]
    assert step_verdicts(by_line["8"]) == [Verdict.REFUTED]
    # g is not declared: the author may mean one g the page does not write
    assert step_verdicts(by_line["10"]) == [Verdict.UNKNOWN]


def test_a_hypothesis_about_the_function_means_no_function_is_put_in(tmp_path: Path) -> None:
    text = """format = 1
[context]
symbols = { x = "real" }
functions = { f = "arbitrary" }
[[derivation]]
id = "given"
given = ["f(x) > 0"]
steps = ["f(x)", "2*f(x)"]
expect = "unknown"
"""
    outcomes, errors = check(write(tmp_path, "g.toml", text))
    assert errors == []
    assert step_verdicts(outcomes["given"]) == [Verdict.UNKNOWN]


def test_json_names_the_function_a_refutation_puts_in(tmp_path: Path) -> None:
    import json

    import cli
    path = write(tmp_path, "v.md", VECTOR)
    out = tmp_path / "r.json"
    cli.main(["check", str(path), "--format", "json", "--output", str(out)])
    records = json.loads(out.read_text())["records"]
    cex = next(r["counterexample"] for r in records if r["verdict"] == "refuted")
    (name, body), = cex["functions"].items()
    assert name == "L(ξ1, ξ2, ξ3)" and "ξ1" in body


# ------------------------------------------------ regressions from the adversarial review

def test_partials_in_the_eleventh_argument_are_not_second_partials(tmp_path: Path) -> None:
    # ∂²L/∂p₁² and ∂L/∂p₁₁ were both named "∂11L" (and proved equal)
    text = """format = 1
[context]
vectors = { p = 12 }
functions = { "L(p)" = "arbitrary" }
[[derivation]]
id = "names"
claim = "diff(L(p), p[1], p[1]) == diff(L(p), p[11])"
expect = "refuted"
"""
    outcomes, errors = check(write(tmp_path, "n.toml", text))
    assert errors == []
    assert next(c.result.verdict for c in outcomes["names"].checks) is Verdict.REFUTED


@pytest.mark.parametrize(("display", "message"), [
    # ∂L/∂w in every form, L alone being L(p) with p independent of w: refused, never 0
    (r"\frac{d}{dw} L = 0", "L alone means L(p) here, which is not a function of w"),
    (r"\frac{\partial}{\partial w} L = 0", "which is not a function of w"),
    (r"\frac{\partial L}{\partial b_1} = 0", "which is not a function of b[1]"),
    (r"\nabla_b L = 0", "which is not a function of b"),
    (r"\frac{\partial}{\partial w}\left(L + w^2\right) = 2w", "which is not a function of w"),
])
def test_a_function_alone_at_arguments_free_of_the_variable_is_refused(
        tmp_path: Path, display: str, message: str) -> None:
    text = ('```derivcheck\nsymbols = { w = "real" }\nvectors = { p = 2, b = 2 }\n'
            f'functions = {{ "L(p)" = "arbitrary" }}\n```\n\n$${display}$$\n')
    _, errors = check(write(tmp_path, "c.md", text))
    assert errors and message in str(errors[0]), errors


@pytest.mark.parametrize(("declare", "defs", "display", "message"), [
    # L(x, y) with y = x²: the partial in L's x, or the derivative through y too?
    ('"L(x, y)" = "arbitrary"', "$$y = x^2$$", r"\frac{d L}{d x} = \frac{\partial L}{\partial x}",
     "more than one of its arguments depends on x"),
    # L(p, q) with q = 2p: ∂L/∂p_1 with q held fixed, or through q?
    ('"L(p, q)" = "arbitrary"', "$$p = \\operatorname{softmax}(z)$$\n\n$$q = 2 p$$",
     r"\frac{\partial L}{\partial p_1} = 0", "L's argument q is made of p"),
])
def test_partial_or_total_is_refused_where_they_differ(tmp_path: Path, declare: str, defs: str,
                                                        display: str, message: str) -> None:
    text = (f'```derivcheck\nsymbols = {{ x = "real" }}\nvectors = {{ z = 2 }}\n'
            f'functions = {{ {declare} }}\n```\n\n{defs}\n\n$${display}$$\n')
    _, errors = check(write(tmp_path, "t.md", text))
    assert errors and message in str(errors[0]), errors


def test_a_declared_name_is_not_defined_after_a_definition_used_it(tmp_path: Path) -> None:
    # J = 3L used p (the declared vector) through L alone; p := softmax(z) after it would have
    # left ∂J/∂z₁ = 0 proved
    text = ('```derivcheck\nvectors = { z = 2, p = 2 }\nfunctions = { "L(p)" = "arbitrary" }\n'
            "```\n\n$$J = 3 L$$\n\n$$p := \\operatorname{softmax}(z)$$\n\n"
            "$$\\frac{\\partial J}{\\partial z_1} = 0$$\n")
    outcomes, errors = check(write(tmp_path, "d.md", text))
    messages = [str(e) for e in errors]
    assert any("p is used before this line, in the definition of J, as the declared vector p"
               in m for m in messages), messages
    assert any("the display at line 8 defines it, and could not be read" in m
               for m in messages), messages
    assert not any(Verdict.PROVED in step_verdicts(o) for o in outcomes.values()
                   if "L10" in o.id)


@pytest.mark.parametrize("body", ["arbitrary ", " Arbitrary", "ARBITRARY"])
def test_the_keyword_arbitrary_is_read_whatever_its_case_and_spaces(tmp_path: Path,
                                                                     body: str) -> None:
    text = (f'```derivcheck\nvectors = {{ z = 2 }}\nfunctions = {{ "L(p)" = "{body}" }}\n```\n\n'
            "$$p = \\operatorname{softmax}(z)$$\n\n$$\\frac{\\partial L}{\\partial z_1} = 0$$\n")
    outcomes, errors = check(write(tmp_path, "k.md", text))
    assert errors == []
    assert step_verdicts(next(o for o in outcomes.values() if "L8" in o.id)) == [
        Verdict.REFUTED]


@pytest.mark.parametrize("body", ["any", "unknown", "arbitary"])
def test_a_word_that_is_not_declared_is_not_a_constant_body(tmp_path: Path, body: str) -> None:
    text = (f'```derivcheck\nvectors = {{ z = 2 }}\nfunctions = {{ "L(p)" = "{body}" }}\n'
            "```\n\n$$z_1 = z_1$$\n")
    _, errors = check(write(tmp_path, "w.md", text))
    assert errors and f"{body} is not a declared name" in str(errors[0]), errors


# ------------------------------------------------ a loss of a vector of symbolic length

SYMBOLIC = r"""```derivcheck
dims = { n = "positive integer" }
vectors = { z = "n" }
functions = { "L(p)" = "arbitrary" }
```

$$p = \operatorname{softmax}(z)$$

$$\frac{\partial L}{\partial z_j} = \sum_{k=1}^{n} \frac{\partial L}{\partial p_k}
  \frac{\partial p_k}{\partial z_j} = \sum_{k=1}^{n} \frac{\partial L}{\partial p_k} p_k (\delta_{kj} - p_j)$$

$$\frac{\partial L}{\partial z_j} = \frac{\partial L}{\partial p_j} p_j (1 - p_j)$$
"""


def test_the_softmax_backward_pass_for_every_n(tmp_path: Path) -> None:
    """∂L/∂p is a vector of its own (L's gradient at p: any values), and ∂L/∂z_j the chain
    rule through p: the backward pass is proved for every n, and its diagonal term alone is
    refuted at an instance whose counterexample gives ∂L/∂p's entries."""
    outcomes, errors = check(write(tmp_path, "s.md", SYMBOLIC))
    assert errors == []
    by_line = {k.rsplit("L", 1)[1]: o for k, o in outcomes.items()}
    steps8 = [c.result for c in by_line["9"].checks if c.check.step]  # (the display's line)
    assert [r.verdict for r in steps8] == [Verdict.PROVED, Verdict.PROVED]
    assert all("all n" in (r.scope or "") for r in steps8), [r.scope for r in steps8]
    wrong = next(c.result for c in by_line["12"].checks if c.check.step)
    assert wrong.verdict is Verdict.REFUTED
    assert any(str(s).startswith("∂L/∂p[") for s, _ in wrong.counterexample.point)


@pytest.mark.parametrize(("display", "message"), [
    (r"\frac{\partial}{\partial z_i} \frac{\partial L}{\partial z_j} = 0",
     "second derivatives of it are not read"),
    (r"\frac{\partial}{\partial z_i} \frac{\partial L}{\partial p_j} = 0",
     "second derivatives of it are not read"),
    (r"\frac{\partial^2 L}{\partial z_j^2} = 0", "a second derivative of L(p)"),
    (r"\frac{\partial^2 L(z)}{\partial z_j^2} = 0", "second derivative"),
    # its value at p, a vector the page defines: only its first derivatives are read (the
    # value's entries are bound inside it, and the engine could not range them)
    (r"L = 1", "only L's first derivatives are read"),
    (r"L(p) - L = 0", "only L's first derivatives are read"),
    (r"\frac{\partial L}{\partial z_j} \cdot L = L \cdot \frac{\partial L}{\partial z_j}",
     "only L's first derivatives are read"),
    (r"\frac{\partial L(q)}{\partial z_j} = \frac{\partial L}{\partial z_j}",
     "its derivatives are read at one point only"),
])
def test_what_is_not_read_at_a_symbolic_length(tmp_path: Path, display: str,
                                               message: str) -> None:
    text = SYMBOLIC.split("$$\\frac")[0] + "$$q = 2 p$$\n\n" + f"$${display}$$\n"
    _, errors = check(write(tmp_path, "r.md", text))
    assert errors and any(message in str(e) for e in errors), errors


@pytest.mark.parametrize("display", [r"\frac{d}{dx} y^3 = 0", r"\frac{d}{dx} f(y) = 2x f'(y)"])
def test_a_hypothesis_that_ties_a_letter_to_the_variable_is_refused(tmp_path: Path,
                                                                    display: str) -> None:
    """given y == x**2, then d/dx y³: derivatives are taken with y a variable of its own, the
    hypothesis holding at the point after: 0 was proved and 2x f'(y) refuted (a second
    adversary pass). Refused, with what to write."""
    text = ('```derivcheck\nsymbols = { x = "real", y = "real" }\nfunctions = { f = "arbitrary" }'
            f'\ngiven = ["y == x**2"]\n```\n\n$${display}$$\n')
    _, errors = check(write(tmp_path, "g.md", text))
    assert errors and "the hypothesis y = x**2 ties y to x" in str(errors[0]), errors
    assert "Define y by a display" in str(errors[0])


def test_a_condition_naming_an_expression_does_not_tie_its_parts(tmp_path: Path) -> None:
    text = """format = 1
[context]
symbols = { x = "real", w = "real", b = "real", s = "real" }
[[derivation]]
id = "named"
given = ["s == w*x + b"]
steps = ["diff(sigmoid(w*x + b), w)", "sigmoid(s)*(1 - sigmoid(s))*x"]
[[derivation]]
id = "tied"
given = ["b == 2*w"]
steps = ["diff(w*b, w)", "b"]
"""
    outcomes, errors = check(write(tmp_path, "n.toml", text))
    assert step_verdicts(outcomes["named"]) == [Verdict.PROVED]
    assert [e.derivation for e in errors] == ["tied"]


# ------------------------------------------------ backprop in matrix form, through layers

LAYERS = r"""```derivcheck
vectors = { x = 3, b = 2 }
matrices = { W = [2, 3], V = [2, 2] }
functions = { "L(y)" = "arbitrary" }
```

$$h = W x + b$$

$$y = V h$$

$$\frac{\partial L}{\partial W} = \frac{\partial L}{\partial h} x^T$$

$$\frac{\partial L}{\partial h} = V^T \frac{\partial L}{\partial y}$$

$$\frac{\partial L}{\partial h_2} = \sum_{i=1}^{2} \frac{\partial L}{\partial y_i} V_{i2}$$

$$\frac{\partial L}{\partial b} = \frac{\partial L}{\partial h}$$

$$\frac{\partial L}{\partial h} = V \frac{\partial L}{\partial y}$$

$$\frac{\partial L}{\partial h_2} = \sum_{i=1}^{2} \frac{\partial L}{\partial y_i} V_{2i}$$
"""


def test_backprop_through_two_layers_in_matrix_form(tmp_path: Path) -> None:
    """∂L/∂y whole is L's gradient in y's shape; ∂L/∂h and ∂L/∂h_2 for h a vector the page
    defines go through h (L as a function of a fresh vector where it writes h): the matrix
    forms are proved, and V for Vᵀ (or V_2i for V_i2) refuted (a second pass's new user)."""
    outcomes, errors = check(write(tmp_path, "l.md", LAYERS))
    assert errors == []
    verdicts = {int(k.rsplit("L", 1)[1]): step_verdicts(o) for k, o in outcomes.items()}
    assert verdicts == {11: [Verdict.PROVED], 13: [Verdict.PROVED], 15: [Verdict.PROVED],
                        17: [Verdict.PROVED], 19: [Verdict.REFUTED], 21: [Verdict.REFUTED]}


def test_a_derivative_through_a_vector_that_also_uses_its_parts_is_refused(
        tmp_path: Path) -> None:
    text = LAYERS.split("$$\\frac")[0] + ("$$g = V h + b$$\n\n"
                                          "$$\\frac{\\partial L(g)}{\\partial h_1} = 0$$\n")
    _, errors = check(write(tmp_path, "a.md", text))
    assert errors and "it also uses b, which h is made of" in str(errors[0]), errors


def test_the_witness_is_of_a_degree_above_the_derivatives_taken(tmp_path: Path) -> None:
    """Finite differences hold for polynomials of low degree, and d²/dx² f(g(x)) takes g″:
    these false lines were unknown with a witness of the derivatives' degree (a second pass)."""
    text = r"""```derivcheck
symbols = { x = "real" }
functions = { f = "arbitrary", g = "arbitrary" }
```

$$\frac{d^2}{dx^2} f(g(x)) = f''(g(x)) g'(x)^2$$

$$f'(x) = f(x+1) - f(x)$$

$$f''(x) = f(x+1) - 2f(x) + f(x-1)$$

$$\frac{d^2}{dx^2} f(g(x)) = f''(g(x)) g'(x)^2 + f'(g(x)) g''(x)$$
"""
    outcomes, errors = check(write(tmp_path, "d.md", text))
    assert errors == []
    assert [step_verdicts(o) for o in outcomes.values()] == [
        [Verdict.REFUTED], [Verdict.REFUTED], [Verdict.REFUTED], [Verdict.PROVED]]


def test_f_with_a_parenthesised_order_is_not_a_new_function(tmp_path: Path) -> None:
    text = ('```derivcheck\nsymbols = { x = "real" }\nfunctions = { f = "arbitrary" }\n```\n\n'
            "$$f^{(2)}(x) = f''(x)$$\n")
    _, errors = check(write(tmp_path, "o.md", text))
    assert errors and "may be its derivative of order 2" in str(errors[0]), errors


def test_a_parameter_written_in_latex(tmp_path: Path) -> None:
    text = r"""```derivcheck
symbols = { w = "real", x = "real", b = "real" }
functions = { "L(\\hat{y})" = "arbitrary" }
```

$$\hat{y} = \sigma(wx + b)$$

$$\frac{\partial L}{\partial w} = \frac{\partial L}{\partial \hat{y}} \hat{y}(1 - \hat{y}) x$$

$$\frac{\partial L}{\partial w} = \frac{\partial L}{\partial \hat{y}} \hat{y}(1 - \hat{y})$$
"""
    outcomes, errors = check(write(tmp_path, "h.md", text))
    assert errors == []
    assert [step_verdicts(o) for o in outcomes.values()] == [[Verdict.PROVED], [Verdict.REFUTED]]


@pytest.mark.parametrize(("given", "steps"), [
    ('["y == 2*x", "z == y + 1"]', '["diff(z**2, x)", "0"]'),  # tied through y
    ('["s == w*x", "b == s + 1"]', '["diff(b**2, w)", "0"]'),
    ('["y == x**2"]', '["grad(x*y, x)", "y"]'),                 # grad and jacobian too
    ('["y == x**2"]', '["jacobian(Matrix([x*y]), Matrix([x]))", "Matrix([[y]])"]'),
])
def test_ties_through_several_hypotheses_and_every_derivative_are_refused(
        tmp_path: Path, given: str, steps: str) -> None:
    """From a third adversary pass: d/dx z² = 0 was proved under y = 2x, z = y + 1, and
    grad(x y, x) = y under y = x² (grad and jacobian skipped the check)."""
    text = (f'format = 1\n[context]\nsymbols = {{ x = "real", y = "real", z = "real", '
            f's = "real", w = "real", b = "real" }}\n[[derivation]]\nid = "t"\n'
            f"given = {given}\nsteps = {steps}\n")
    _, errors = check(write(tmp_path, "t.toml", text))
    assert errors and "ties" in str(errors[0]), errors


@pytest.mark.parametrize(("prose", "display"), [
    # an Iverson bracket after a cue word is the condition, written as a bracket
    ("For $[x > 0]$:", r"\frac{d}{dx} \operatorname{ReLU}(x) = 1"),
])
def test_a_prose_condition_the_display_does_not_state_for_all_of_itself_is_refused(
        tmp_path: Path, prose: str, display: str) -> None:
    text = f'```derivcheck\nsymbols = {{ x = "real" }}\n```\n\n{prose}\n\n$${display}$$\n'
    outcomes, errors = check(write(tmp_path, "p.md", text))  # (not read: unknown, not refuted)
    assert errors == [] and [o.checks[0].result.verdict for o in outcomes.values()] == [
        Verdict.UNKNOWN], (outcomes, errors)


@pytest.mark.parametrize("display", [
    # the display's condition is one row's (or one equation's) only; the prose's case, read
    # since prose cases may be inequalities, holds for all of it
    r"\begin{aligned} \frac{d}{dx} \operatorname{ReLU}(x) &= 1 \\ &= \frac{x}{|x|} \quad "
    r"(x > 0) \end{aligned}",
    r"\frac{d}{dx}|x| = 1, \quad \frac{d}{dx}\operatorname{ReLU}(x) = 1 \quad (x > 0)",
])
def test_a_prose_case_holds_for_all_of_the_display(tmp_path: Path, display: str) -> None:
    text = f'```derivcheck\nsymbols = {{ x = "real" }}\n```\n\nFor $x > 0$:\n\n$${display}$$\n'
    outcomes, errors = check(write(tmp_path, "p.md", text))
    assert errors == [] and outcomes
    for o in outcomes.values():
        assert all(c.result.verdict is Verdict.PROVED for c in o.checks), o
        assert all(c.check.claim.given for c in o.checks if c.check.step), o


def test_an_operator_by_an_entry_of_a_defined_vector_before_a_sum_is_refused(
        tmp_path: Path) -> None:
    """∂/∂p_2 Σ_k y_k log p_k + x: the derivative of the sum alone, or of the whole line? It
    was read as the first and refuted (a third adversary pass); ∂/∂w w² + x has both readings."""
    text = ('```derivcheck\nsymbols = { x = "real" }\nvectors = { a = 3, y = 3 }\n```\n\n'
            "$$p = \\operatorname{softmax}(a)$$\n\n"
            "$$\\frac{\\partial}{\\partial p_2} \\sum_k y_k \\log p_k + x = \\frac{y_2}{p_2}$$\n\n"
            "$$\\frac{\\partial}{\\partial p_2} \\left(\\sum_k y_k \\log p_k\\right) + x = "
            "\\frac{y_2}{p_2} + x$$\n")
    outcomes, errors = check(write(tmp_path, "o.md", text))
    assert len(errors) == 1 and "is the term after the + differentiated too" in str(errors[0])
    assert [step_verdicts(o) for o in outcomes.values() if "L10" in o.id] == [[Verdict.PROVED]]


def test_a_refutation_by_a_function_gets_a_diagnosis(tmp_path: Path) -> None:
    """The diagnosis samples with the polynomial put in (a filter only); the engine proves
    the corrected line for every L."""
    text = r"""```derivcheck
symbols = { w = "real", x = "real" }
functions = { "L(a)" = "arbitrary" }
```

$$a = \sigma(wx)$$

$$\frac{\partial L}{\partial w} = -\frac{\partial L}{\partial a}\, a(1 - a) x$$
"""
    outcomes, errors = check(write(tmp_path, "g.md", text))
    assert errors == []
    result = next(c.result for c in next(iter(outcomes.values())).checks if c.check.step)
    assert result.verdict is Verdict.REFUTED
    assert result.diagnosis is not None and result.diagnosis.kind == "sign"


@pytest.mark.parametrize(("claim", "verdict"), [
    ("grad(T(u) @ W @ v, W) == v @ T(u)", Verdict.PROVED),   # Wᵀ's shape: entry (i, j) = ∂f/∂W_ji
    ("grad(T(u) @ W @ v, W) == u @ T(v)", Verdict.REFUTED),  # (was proved: the layout ignored)
])
def test_the_numerator_layout_at_explicit_sizes(tmp_path: Path, claim: str,
                                                verdict: Verdict) -> None:
    text = ('format = 1\n[context]\nvectors = { u = 2, v = 2 }\nmatrices = { W = [2, 2] }\n'
            f'layout = "numerator"\n[[derivation]]\nid = "g"\nclaim = "{claim}"\n')
    outcomes, errors = check(write(tmp_path, "n.toml", text))
    assert errors == []
    assert next(c.result.verdict for c in outcomes["g"].checks) is verdict


def test_a_vector_by_a_vector_is_the_jacobian_at_explicit_sizes(tmp_path: Path) -> None:
    text = ('```derivcheck\nvectors = { z = 3 }\n```\n\n$$p = \\operatorname{softmax}(z)$$\n\n'
            "$$\\frac{\\partial p}{\\partial z} = \\operatorname{diag}(p) - p p^T$$\n\n"
            "$$\\frac{\\partial p}{\\partial z} = \\operatorname{diag}(p) - p^T p$$\n")
    outcomes, errors = check(write(tmp_path, "j.md", text))
    assert [str(e) for e in errors] == [] or all("shapes" in str(e) for e in errors), errors
    assert step_verdicts(next(o for o in outcomes.values() if "L7" in o.id)) == [Verdict.PROVED]


def test_a_bracket_that_is_a_number_multiplies_a_vector_beside_it(tmp_path: Path) -> None:
    """p (pᵀ ∂L/∂p): the bracket is a 1 × 1 product, a number, so the two multiply as numbers
    (it was refused as a matrix product of a 3 × 1 matrix and a scalar); the softmax backward
    pass so is proved in every order, and with the bracket's transpose slipped, refuted."""
    text = ('```derivcheck\nvectors = { z = 3 }\nfunctions = { "L(p)" = "arbitrary" }\n```\n\n'
            "$$p = \\operatorname{softmax}(z)$$\n\n"
            "$$\\frac{\\partial L}{\\partial z} = p \\odot \\frac{\\partial L}{\\partial p} - "
            "p \\left(p^T \\frac{\\partial L}{\\partial p}\\right)$$\n\n"
            "$$\\frac{\\partial L}{\\partial z} = p \\odot \\frac{\\partial L}{\\partial p} - "
            "\\left(p^T \\frac{\\partial L}{\\partial p}\\right) p$$\n\n"
            "$$\\frac{\\partial L}{\\partial z} = p \\odot \\frac{\\partial L}{\\partial p} - "
            "\\left(p^T \\frac{\\partial L}{\\partial p}\\right) \\frac{\\partial L}{\\partial p}$$\n")
    outcomes, errors = check(write(tmp_path, "o.md", text))
    assert errors == []
    assert step_verdicts(outcomes["L8"]) == [Verdict.PROVED]
    assert step_verdicts(outcomes["L10"]) == [Verdict.PROVED]
    assert step_verdicts(outcomes["L12"]) == [Verdict.REFUTED]


def test_a_vector_by_a_vector_the_page_defines_is_the_jacobian(tmp_path: Path) -> None:
    """∂y/∂h with y = W₂h + b₂ and h = σ(W₁x + b₁): the Jacobian ∂y_i/∂h_j, W₂ (2 × 4), as
    for a declared h; W₂ᵀ is refuted by its shape (it was refused as 'a derivative by an
    entry')."""
    text = ('```derivcheck\nvectors = { x = 3, b1 = 4, b2 = 2 }\n'
            'matrices = { W1 = [4, 3], W2 = [2, 4] }\nlatex = { "\\\\sigma" = "sigmoid" }\n```\n\n'
            "$$h = \\sigma(W_1 x + b_1)$$\n\n$$y = W_2 h + b_2$$\n\n"
            "$$\\frac{\\partial y}{\\partial h} = W_2$$\n\n"
            "$$\\frac{\\partial y}{\\partial h} = W_2^T$$\n\n"
            "$$\\frac{\\partial y}{\\partial x} = W_2 \\operatorname{diag}(h \\odot (1 - h)) W_1$$\n")
    outcomes, errors = check(write(tmp_path, "j.md", text))
    assert errors == []
    assert step_verdicts(outcomes["L11"]) == [Verdict.PROVED]
    assert step_verdicts(outcomes["L13"]) == [Verdict.REFUTED]
    assert step_verdicts(outcomes["L15"]) == [Verdict.PROVED]


def test_a_derivative_through_a_defined_vector_leaves_no_fresh_variable_free(
        tmp_path: Path) -> None:
    """∂L/∂h through h (numerator layout, square W₂): L's partials at y are taken at h's
    value. A Subs of a Subs (SymPy merges them, reading the points in turn) left h's fresh
    variables free to SymPy, so counterexamples named them (_u0 = 0) and a reading that
    substituted the points at once would have kept them."""
    text = ('```derivcheck\nvectors = { x = 3, b1 = 3, b2 = 3 }\nmatrices = { W1 = [3, 3], '
            'W2 = [3, 3] }\nfunctions = { "L(y)" = "arbitrary" }\nlatex = { "\\\\sigma" = '
            '"sigmoid" }\nlayout = "numerator"\n```\n\n$$h = \\sigma(W_1 x + b_1)$$\n\n'
            "$$y = W_2 h + b_2$$\n\n$$\\frac{\\partial L}{\\partial h} = "
            "\\frac{\\partial L}{\\partial y} W_2$$\n\n$$\\frac{\\partial L}{\\partial h} = "
            "\\frac{\\partial L}{\\partial y} W_2^T$$\n")
    outcomes, errors = check(write(tmp_path, "n.md", text))
    assert errors == []
    assert step_verdicts(outcomes["L13"]) == [Verdict.PROVED]
    assert step_verdicts(outcomes["L15"]) == [Verdict.REFUTED]
    for o in outcomes.values():
        for c in o.checks:
            assert c.check.claim.symbols == {s for s in c.check.claim.symbols
                                             if not s.name.startswith(("u", "ξ"))}
            cex = c.result.counterexample
            if cex is not None:
                assert not [s for s, _ in cex.point if str(s).startswith("_")], cex.point


def test_gradient_names_read_as_the_declarations_say(tmp_path: Path) -> None:
    """gradients = "L": dy, dW_2, dh name ∂L/∂y, ∂L/∂W₂ … (without it, dy is refused as
    two readings); an affine layer's and a hidden layer's backward pass are proved, a
    dropped σ′ factor refuted; a gradients key naming no declared L is refused."""
    head = ('```derivcheck\nvectors = { x = 3, b1 = 4, b2 = 2 }\nmatrices = { W1 = [4, 3], '
            'W2 = [2, 4] }\nfunctions = { "L(y)" = "arbitrary" }\nlatex = { "\\\\sigma" = '
            '"sigmoid" }\ngradients = "L"\n```\n\n$$h = \\sigma(W_1 x + b_1)$$\n\n'
            "$$y = W_2 h + b_2$$\n\n")
    text = head + ("$$dW_2 = dy \\, h^T$$\n\n$$dh = W_2^T dy$$\n\n"
                   "$$dW_1 = (dh \\odot h \\odot (1 - h)) x^T$$\n\n"
                   "$$dW_1 = (dh \\odot h) x^T$$\n")
    outcomes, errors = check(write(tmp_path, "g.md", text))
    assert errors == []
    assert step_verdicts(outcomes["L13"]) == [Verdict.PROVED]
    assert step_verdicts(outcomes["L15"]) == [Verdict.PROVED]
    assert step_verdicts(outcomes["L17"]) == [Verdict.PROVED]
    assert step_verdicts(outcomes["L19"]) == [Verdict.REFUTED]
    _, errors = check(write(tmp_path, "n.md", head.replace('gradients = "L"\n', "")
                            + "$$dh = W_2^T dy$$\n"))
    assert errors and all('gradients = "L"' in e.message for e in errors)
    _, errors = check(write(tmp_path, "k.md", head.replace('gradients = "L"', 'gradients = "J"')
                            + "$$dh = W_2^T dy$$\n"))
    # J is neither declared nor defined by a display: each gradient name says so
    assert errors and all('gradients = "J"' in e.message and "define it in a display" in e.message
                          for e in errors), errors
