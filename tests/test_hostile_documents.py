"""Documents as attacks (issue 11): huge displays, unbalanced or unclosed environments,
\\input and \\def, thousands of openers without closers, deep nesting, notebooks with
megabytes of output. Each gets a clear message (or is read) in bounded time, in a subprocess
as a user runs it, never a traceback; the JSON report stays valid."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BOUND = 120  # seconds: a liveness bound for a loaded CI machine, not a speed target

NOTEBOOK = {"cells": [
    {"cell_type": "code", "source": "print(1)", "metadata": {}, "execution_count": 1,
     "outputs": [{"output_type": "stream", "name": "stdout", "text": ["x" * 100_000]}] * 8},
    {"cell_type": "markdown", "source": ["$$\\frac{d}{dx} x^2 = 3x$$"], "metadata": {}}],
    "metadata": {}, "nbformat": 4, "nbformat_minor": 5}

CASES = {
    # name: (file name, content, a fragment of the message expected, or None when it is read)
    "huge display": ("huge.md", "$$" + "x + " * 300_000 + "x = x$$\n", "the limit is"),
    "unclosed environment": ("hw.tex", "\\documentclass{article}\\begin{document}\n"
                             "\\begin{align}\nx &= x\n\\end{document}\n",
                             "\\begin{align} is never closed"),
    "input": ("in.tex", "\\begin{document}\n\\input{/etc/passwd}\n\\end{document}\n",
              "\\input{/etc/passwd} is not followed"),
    "def": ("def.tex", "\\def\\x{y}\n\\begin{equation}\\x + 1 = 1 + y\\end{equation}\n", None),
    "macro bomb": ("bomb.tex", "\\def\\x{\\x\\x}\n\\begin{equation}\\x = 1\\end{equation}\n",
                   "its macros expand to more than"),
    "macro loop": ("loop.tex", "\\newcommand{\\a}{\\b}\\newcommand{\\b}{\\a}\n"
                   "\\begin{equation}\\a = 1\\end{equation}\n", "after 16 rounds"),
    "catcode": ("cat.tex", "\\catcode`\\$=11\n$$x = y$$\n", "the document uses \\catcode"),
    "openers without closers": ("envs.md", "\\begin{equation} x = x\n" * 20_000,
                                "\\begin{equation} is never closed"),
    "many displays": ("many.md", "$$x + 1 = 1 + x$$\n" * 2_000, "displays; the limit is"),
    "dollar lines": ("dollars.md", "$ x = \n" * 20_000, None),
    "deep nesting": ("deep.md", "$$" + "{" * 20_000 + "x" + "}" * 20_000 + " = x$$\n",
                     "the limit is"),
    "megabytes of output": ("big.ipynb", json.dumps(NOTEBOOK), None),
    # a sequence whose numbers double in length at each step (h_13 has 4000 digits)
    "square recurrence": ("seq.md", "$$h_t = h_{t-1}^2 + 1$$\n\n$$h_0 = 1$$\n\n$$h_{40} = 0$$\n",
                          "too large to read"),
    "recurrence cycle": ("cyc.md", "$$m_t = m_{t-1} + 1$$\n\n$$m_0 = m_1$$\n\n$$m_2 = 2$$\n",
                         "is needed to work out"),
    # an expectation that expands into thousands of monomials: unknown, in bounded time
    # nesting deeper than Python's recursion, in TOML and JSON (a traceback, and no report)
    "deep TOML": ("deep.toml", "format = 1\na = " + "[" * 2000 + "]" * 2000 + "\n",
                  "nested too deep to read"),
    "deep declarations": ("deepdecl.md", "```derivcheck\na = " + "[" * 2000 + "]" * 2000
                          + "\n```\n\n$$x = x$$\n", "nested too deep to read"),
    "deep notebook": ("deep.ipynb", '{"cells": [], "metadata": ' + "[" * 5000 + "]" * 5000
                      + "}", "nested too deep to read"),
    # silently unchecked: a false claim after an unclosed macro body, or under a control
    # that was read as skip (both passed, exit 0)
    "unclosed macro": ("mac.tex", "\\begin{equation} 2x = x + x \\end{equation}\n"
                       "\\newcommand{\\R}{\\mathbb{R}\n"
                       "\\begin{equation} x = x + 1 \\end{equation}\n",
                       "is never closed (its '{' has no '}')"),
    "unclosed operator": ("op.tex", "\\DeclareMathOperator{\\sm}{softmax\n"
                          "\\begin{equation} x = x + 1 \\end{equation}\n",
                          "is never closed (its '{' has no '}')"),
    "control typo": ("ctl.md", '<!-- derivcheck: skip = "false" -->\n\n$$x = x + 2$$\n',
                     "skip must be true or false"),
    "control misspelt": ("ctl2.md", '<!-- derivcheck: expcet = "refuted" -->\n\n'
                         "$$x = x + 2$$\n", "unknown key(s) expcet"),
    # thousands of comment openers never closed (a regular expression took minutes)
    "comment openers": ("com.md", "<!--" * 100_000 + "\n\n$$x + 1 = 1 + x$$\n", None),
    "expectation bomb": ("e.md", '```derivcheck\nrandom = { X = "N(0, 1)", Y = "N(0, 1)", '
                         'Z = "N(0, 1)", W = "N(0, 1)" }\n```\n\n$$E[(X + Y + Z + W)^{30}] = 0$$\n',
                         None),
}


def _strings(value: object) -> list[str]:
    """Every string in a JSON value (messages, as the user reads them)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [s for v in value for s in _strings(v)] if isinstance(value, list) else []


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(CASES))
def test_a_hostile_document_gets_a_clear_answer_in_bounded_time(tmp_path: Path, case: str) -> None:
    name, content, fragment = CASES[case]
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(ROOT / "cli.py"), "check", str(path), "--format",
                           "json", "--no-cache", "--jobs", "1"], capture_output=True, text=True,
                          timeout=BOUND, cwd=tmp_path, check=False)
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    report = json.loads(proc.stdout)  # valid JSON in every run
    text = proc.stderr + "\n".join(_strings(report))
    if fragment is None:
        assert proc.returncode in (0, 1, 2), proc.returncode
    else:
        assert proc.returncode == 2, (proc.returncode, text[-500:])
        assert fragment in text, text[-1500:]
    if case == "megabytes of output":  # the markdown cell is read; the outputs are not
        assert [r["verdict"] for r in report["records"] if r["kind"] == "goal"] == ["refuted"]
