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
    assert [f for f, _ in cex.functions()] == ["L(t)"]
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
    ('"L(y)" = "arbitrary"', r"L(t) = 1", "L is declared a function of y, a vector of 3, and "
                                          "is given a number here"),
    ('"L(y, u)" = "arbitrary"', r"p = 2y$$\n\n$$\frac{\partial L(p, p)}{\partial p_1} = 1",
     "L is written at p more than once"),
    ('"L(y, y)" = "arbitrary"', r"L(y, y) = 1", "names a parameter twice"),
    ('"L(v)" = "arbitrary"', r"\frac{\partial L}{\partial v_1} = 1",
     "a vector or matrix whose size is a symbol"),
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
    assert name == "L(t1, t2, t3)" and "t1" in body
