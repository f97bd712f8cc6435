"""The Python API for notebooks (derivcheck.check_claim / check_steps / check_latex / check_file):
verdicts, counterexamples re-checked independently, input errors as results, and how a result
shows itself: ``_repr_html_`` (asserted on content), ``__rich__`` and ``print``."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import sympy as sp
from rich.console import Console

import derivcheck
from derivcheck import Checked, Verdict, check_claim, check_file, check_latex, check_steps
from tests.recheck import assert_refutations

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "examples" / "documents"
FAST = {"jobs": 1, "cache": False}

WRONG_CHAIN = r"""
\frac{d}{dx}\sigma(x) &= \frac{e^{-x}}{(1 + e^{-x})^2} \\
&= \sigma(x)(1 + \sigma(x))
"""


def _rows(html: str) -> list[str]:
    return html.split('<tr class="dc-step">')[1:]


def _marks(html: str) -> list[str | None]:
    found = [re.search(r'class="dc-mark (\w+)"', row) for row in _rows(html)]
    return [m.group(1) if m else None for m in found]


def test_the_public_surface() -> None:
    assert set(derivcheck.__all__) == {"Checked", "Verdict", "__version__", "check_claim",
                                       "check_file", "check_latex", "check_steps"}
    assert derivcheck.__version__


def test_a_true_claim() -> None:
    r = check_claim("diff(sigmoid(x), x) == sigmoid(x)*(1 - sigmoid(x))", **FAST)
    assert isinstance(r, Checked)
    assert r.verdict is Verdict.PROVED and r.ok and r.errors == [] and r.refuted == []
    assert repr(r) == "<derivcheck result: 1 item; 1 check: 1 proved; as expected>"
    html = r._repr_html_()
    assert html.startswith('<div class="derivcheck"><style>')
    assert "<table class=\"dc-summary\">" not in html  # one item: no summary table
    assert 'class="dc-mark proved"' in html and "✓" in html
    assert "<mi>σ</mi>" in html and "<math " in html
    assert "diff(sigmoid(x), x) == sigmoid(x)*(1 - sigmoid(x))" in html  # as written


def test_a_false_claim_shows_its_counterexample() -> None:
    r = check_claim("sigmoid(-x) == sigmoid(x)", **FAST)
    assert r.verdict is Verdict.REFUTED and not r.ok
    assert assert_refutations(r.report) == 1
    cex = r.refuted[0].result.counterexample
    assert cex is not None
    (symbol, value), = cex.point
    assert str(symbol) == "x" and value != 0
    html = r._repr_html_()
    assert 'class="dc-mark refuted"' in html and "✗" in html
    assert "refuted — EXPECTED PROVED" in html
    assert "counterexample: <span class=\"dc-math\"><math" in html
    assert "<mi>x</mi><mo>=</mo>" in html
    assert f"left side = <code>{cex.lhs_value}</code>, right side = <code>{cex.rhs_value}</code>" \
        in html
    assert f"check_claim(…, seed={r.report.seed})" in html  # how to reproduce it, in Python


def test_hypotheses_and_expectations() -> None:
    r = check_claim("sqrt(x**2) == x", given=["x > 0"], **FAST)
    assert r.verdict is Verdict.PROVED and r.ok
    r = check_claim("sqrt(x**2) == x", expect="refuted", **FAST)
    assert r.verdict is Verdict.REFUTED and r.ok
    assert assert_refutations(r.report) == 1


def test_a_vacuous_proof_is_never_a_plain_proof() -> None:
    r = check_claim("x == 2", given=["x > 0", "x < 0"], **FAST)
    assert r.verdict is Verdict.PROVED and r.vacuous
    assert repr(r) == "<derivcheck result: 1 item; 1 check: 1 proved vacuously; as expected>"
    html = r._repr_html_()
    assert 'class="dc-mark vacuous"' in html and "∅" in html and "✓" not in html
    assert "proved vacuously: the hypotheses cannot hold" in html
    assert not check_claim("x + x == 2*x", **FAST).vacuous


def test_a_latex_chain_with_a_wrong_step() -> None:
    r = check_latex(WRONG_CHAIN, context={"symbols": {"x": "real"}}, **FAST)
    assert r.first_wrong_step == 3 and r.verdict is Verdict.REFUTED and not r.ok
    assert assert_refutations(r.report) == 2  # the goal and step 3
    html = r._repr_html_()
    assert _marks(html) == [None, "proved", "refuted"]
    first, second, third = _rows(html)
    # each line drawn as written: d/dx σ(x), the fraction, σ(x)(1 + σ(x))
    assert "<mfrac><mrow><mi>d</mi></mrow><mrow><mi>d</mi><mi>x</mi></mrow></mfrac>" in first
    assert "<mfrac>" in second and "✓" in second
    assert "✗" in third and "first wrong step" in third
    cex = next(c for c in r.refuted if c.check.step == 3).result.counterexample
    assert cex is not None and "counterexample: " in third
    assert f"step 2 = <code>{cex.lhs_value}</code>, step 3 = <code>{cex.rhs_value}</code>" in third
    # expected, it passes
    ok = check_latex(WRONG_CHAIN, 'symbols = { x = "real" }', expect="refuted",
                     expect_steps={3: "refuted"}, **FAST)
    assert ok.ok and ok.first_wrong_step == 3


def test_a_markdown_cell_is_read_as_a_document() -> None:
    cell = ("Let $$s(x) := \\sigma(2x)$$ so that\n\n"
            "$$\\frac{d}{dx} s(x) = 2 \\sigma(2x)(1 - \\sigma(2x))$$\n\n"
            "<!-- derivcheck: id = \"slip\", expect = \"refuted\", "
            "expect_steps = { 2 = \"refuted\" } -->\n"
            "$$\\sigma(-x) = \\sigma(x)$$\n")
    r = check_latex(cell, context={"symbols": {"x": "real"}}, **FAST)
    assert [o.id for o in r.outcomes] == ["<check_latex>::L3", "<check_latex>::slip"]
    assert r.ok and assert_refutations(r.report) == 2  # the slip's goal and its step 2
    assert "<table class=\"dc-summary\">" in r._repr_html_()  # several: the summary first
    with pytest.raises(ValueError, match="expect and expect_steps are for one chain"):
        check_latex(cell, expect_steps={2: "refuted"})


def test_check_steps() -> None:
    r = check_steps(["diff(x**3, x)", "3*x**2", "3*x*x + 1"], **FAST)
    assert r.first_wrong_step == 3 and assert_refutations(r.report) == 2
    html = r._repr_html_()
    assert _marks(html) == [None, "proved", "refuted"]
    assert "as written: <code>3*x*x + 1</code>" in html


def test_input_errors_are_results_not_exceptions() -> None:
    r = check_latex(r"\frac{1}{x} &= \foo{x}", **FAST)
    assert not r.ok and r.verdict is Verdict.ERROR and r.checks == []
    assert len(r.errors) == 1 and "\\foo" in r.errors[0] and "<check_latex>" in r.errors[0]
    assert "INPUT ERROR" in r._repr_html_() and r.exit_code == 2
    bad = check_claim("x == x", context="symbols = {", **FAST)
    assert bad.errors and "context: not valid TOML" in bad.errors[0]
    redefined = check_claim("sum(x) == x", context={"symbols": {"sum": "real"}}, **FAST)
    assert redefined.errors and "sum" in redefined.errors[0]
    missing = check_file(ROOT / "no-such-file.md", **FAST)
    assert missing.errors == [f"{ROOT / 'no-such-file.md'}: cannot read the file: "
                              "No such file or directory"]


def test_wrong_argument_types_raise() -> None:
    with pytest.raises(TypeError, match="claim must be a string"):
        check_claim(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="context must be a dict"):
        check_claim("x == x", context=5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"context: keys must be strings, not 1"):
        check_claim("x == x", context={1: "a"})
    with pytest.raises(TypeError, match=r"context\['symbols'\]\['x'\]: Symbol is not a value"):
        check_claim("x == x", context={"symbols": {"x": sp.Symbol("x")}})
    with pytest.raises(TypeError, match="steps must be a list of strings"):
        check_steps("x == x")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="timeout must be a positive"):
        check_claim("x == x", timeout=0)
    with pytest.raises(ValueError, match="seed must be a whole number"):
        check_claim("x == x", seed="abc")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="path must be a path, or a list of paths"):
        check_file(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"no derivation in .* matches 'nothing-like-this'"):
        check_file(DOCS / "note.md", only=["nothing-like-this"], **FAST)


@pytest.mark.parametrize("name", ["note.md", "homework.tex", "notebook.ipynb"])
def test_check_file_agrees_with_the_command_line(name: str, tmp_path: Path) -> None:
    path = DOCS / name
    r = check_file(path, **FAST)
    proc = subprocess.run([sys.executable, "cli.py", "check", str(path), "--format", "json",
                           "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    data = json.loads(proc.stdout)
    assert r.exit_code == proc.returncode == 0
    assert [(c.check.id, c.result.verdict.value, c.check.line) for c in r.checks] == \
        [(rec["id"], rec["verdict"], rec["line"]) for rec in data["records"]]
    assert assert_refutations(r.report) >= 1  # each example holds one deliberate mistake
    one = check_file(str(path), only=[r.outcomes[0].id], **FAST)
    assert [o.id for o in one.outcomes] == [r.outcomes[0].id]


def test_rich_and_print_show_the_terminal_report() -> None:
    r = check_latex(WRONG_CHAIN, context={"symbols": {"x": "real"}}, name="sigma", **FAST)
    buffer = io.StringIO()
    Console(file=buffer, width=100, color_system=None).print(r)
    text = buffer.getvalue()
    assert text.startswith("╭─ <check_latex>::sigma ")
    assert re.search(r"│ 3 ✗ = \\sigma\(x\)\(1 \+ \\sigma\(x\)\)", text)
    assert "← first wrong step" in text and "counterexample: x = " in text
    assert f"reproduce: check_latex(…, seed={r.report.seed})" in text
    assert str(r) == r.text() and "first wrong step" in str(r)
    class AsciiTerminal(io.StringIO):  # a terminal that cannot encode Unicode
        encoding = "ascii"

    ascii_buffer = AsciiTerminal()
    Console(file=ascii_buffer, width=100, no_color=True).print(r)
    plain = ascii_buffer.getvalue()
    assert "+-" in plain and "X refuted" in plain and "✗" not in plain and "<- first wrong step" in plain


def test_a_result_is_data() -> None:
    r = check_claim("x + x == 2*x", **FAST)
    data = r.to_dict()
    assert data["summary"]["proved"] == 1 and data["records"][0]["id"] == "<check_claim>::claim"
    page = r.to_html()
    assert page.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in page
    with pytest.raises(AttributeError):
        r.report = None  # type: ignore[misc]  # frozen
    several = check_file([DOCS / "note.md", DOCS / "homework.tex"], **FAST)
    with pytest.raises(ValueError, match="no single verdict"):
        several.verdict  # noqa: B018


def test_print_gives_text_inside_jupyter_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """In a Jupyter kernel Rich would send a console's output to the notebook as HTML and
    write nothing to its file, so str() was empty and print(result) showed a blank line
    (seen in a real ipykernel session); the text console must not do that."""
    import rich.console

    monkeypatch.setattr(rich.console, "_is_jupyter", lambda: True)
    r = check_latex(WRONG_CHAIN, context={"symbols": {"x": "real"}}, **FAST)
    assert "← first wrong step" in str(r) and str(r).startswith("╭─ <check_latex>::latex ")


def test_the_readme_notebook_session_is_what_the_calls_return() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    out = dict(re.findall(r"^Out\[(\d)\]: (.*?)(?:\s{2,}#.*)?$", readme, re.M))
    r = check_latex(WRONG_CHAIN, context={"symbols": {"x": "real"}}, **FAST)
    assert out["2"] == repr(check_claim("diff(sigmoid(x), x) == sigmoid(x)*(1 - sigmoid(x))",
                                        **FAST))
    assert out["3"] == repr(r)
    assert out["4"] == repr((r.ok, r.first_wrong_step, r.refuted[-1].result.counterexample.point))
    assert out["5"] == repr(check_file(DOCS / "homework.tex", **FAST))
    def same(text: str) -> str:  # timings and the padding around them vary
        return re.sub(r"\s+", " ", re.sub(r"\d+ ms", "", text))

    assert same(r.text(width=92)) in same(readme)
