"""The HTML report in a real browser: Debian's Chromium, headless (see tests/browser.py).

The page must load without a console error (no script error, no refused or failed request,
no Content-Security-Policy violation), every <math> element must be laid out as MathML with
a non-zero size (fractions with their numerator above their denominator), nothing may
overflow the window sideways, and a screenshot is kept: its path is printed in the test log
(``DERIVCHECK_ARTIFACTS``, default ``artifacts/`` in the checkout).

Chromium is installed by ``.ci/run`` where it is missing. The tests skip only where it is not
installed and could not be: outside CI with the reason and the command to install it; in CI
only when ``.ci/run`` says why it could not install it (``DERIVCHECK_NO_CHROMIUM``), and
they fail if it is missing without a reason.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import Chromium, executable

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(os.environ.get("DERIVCHECK_ARTIFACTS") or ROOT / "artifacts")

MEASURE = """(() => {
  const maths = [...document.querySelectorAll('math')];
  const box = e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; };
  const fractions = [...document.querySelectorAll('mfrac')].map(f => {
    const [num, den] = [...f.children].map(c => c.getBoundingClientRect());
    return num.height > 0 && den.height > 0 && num.bottom <= den.top + 1;
  });
  return {
    maths: maths.length,
    sizes: maths.map(box),
    displays: [...new Set(maths.map(m => getComputedStyle(m).display))],
    fractions,
    articles: document.querySelectorAll('article').length,
    marks: [...document.querySelectorAll('tr.dc-step')].map(r => r.children[1].textContent),
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    title: document.title,
  };
})()"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    exe = executable()
    if exe is None:
        why = os.environ.get("DERIVCHECK_NO_CHROMIUM")
        if os.environ.get("CI") and not why:
            pytest.fail("Chromium is missing in CI and .ci/run gave no reason: it installs "
                        "Debian's chromium when it is absent")
        pytest.skip(f"Chromium could not be installed here ({why})" if why else
                    "Chromium is not installed: apt-get install -y chromium (.ci/run does "
                    "this where it is missing)")
    with Chromium(exe) as chromium:
        yield chromium


def _keep(name: str, data: bytes, capsys: pytest.CaptureFixture[str]) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    path.write_bytes(data)
    with capsys.disabled():
        print(f"\n[artifact] {path}")
    return path


def test_report_renders_in_chromium(browser: Chromium, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    extra = tmp_path / "matrices.toml"
    extra.write_text(
        'format = 1\n[context]\nsymbols = { a = "real", b = "real" }\n'
        '[[derivation]]\nid = "rotation"\n'
        'claim = "Matrix([[a, -b], [b, a]]) @ Matrix([[a, b], [-b, a]]) == (a**2 + b**2) * '
        'Matrix([[1, 0], [0, 1]])"\n'
        '[[derivation]]\nid = "half"\nexpect = "refuted"\n'
        'steps = ["(a + b)**2", { expr = "a**2 + b**2 + a*b/2", why = "a slip", '
        'expect = "refuted" }]\n',
        encoding="utf-8")
    report = tmp_path / "report.html"
    docs = ROOT / "examples" / "documents"
    proc = subprocess.run(
        [sys.executable, "cli.py", "check", str(docs / "note.md"), str(docs / "homework.tex"),
         str(extra), "--format", "html", "--output", str(report)],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    page = browser.open(report, MEASURE)
    shot = _keep("html-report.png", page.screenshot, capsys)
    _keep("html-report.html", report.read_bytes(), capsys)

    assert page.errors == [], page.errors
    m = page.measured
    assert m["title"] == "derivcheck report"
    source = report.read_text(encoding="utf-8")
    assert m["maths"] == source.count("<math ") >= 40
    assert all(w > 0 and h > 0 for w, h in m["sizes"]), m["sizes"]
    # laid out as MathML (display "math" / "block math"), not as inline text
    assert m["displays"] and all(d.endswith("math") for d in m["displays"]), m["displays"]
    assert m["fractions"] and all(m["fractions"])
    assert m["overflow"] <= 0, "the page scrolls sideways"
    assert m["articles"] == source.count("<article ")
    assert "✗" in m["marks"] and "✓" in m["marks"]
    assert shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") and shot.stat().st_size > 20_000


def test_the_browser_check_sees_errors(browser: Chromium, tmp_path: Path) -> None:
    """The harness itself: a page with a script error, a refused request and a missing file
    is reported with each of them (so an empty error list above means something)."""
    page_path = tmp_path / "broken.html"
    page_path.write_text(
        "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" "
        "content=\"default-src 'none'; script-src 'unsafe-inline'\"></head><body>"
        "<script>console.error('drawn wrong'); notAFunction();</script>"
        "<img src=\"http://127.0.0.1:9/x.png\"></body></html>", encoding="utf-8")
    errors = browser.open(page_path).errors
    assert any("drawn wrong" in e for e in errors), errors
    assert any("notAFunction" in e for e in errors), errors
    assert any("Content Security Policy" in e for e in errors), errors


def test_notebook_output_renders_in_chromium(browser: Chromium, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """What a notebook shows for a result (its ``_repr_html_``), placed in a page as Jupyter
    places an output, under the report's own policy: no script, no request."""
    from checker.report.html import CSP
    from derivcheck import check_latex

    result = check_latex(r"""
        \frac{d}{dx}\sigma(x) &= \frac{e^{-x}}{(1 + e^{-x})^2} \\
        &= \frac{1}{1 + e^{-x}} \cdot \frac{e^{-x}}{1 + e^{-x}} \\
        &= \sigma(x)(1 + \sigma(x))""", context={"symbols": {"x": "real"}}, jobs=1)
    output = result._repr_html_()
    page_path = tmp_path / "cell.html"
    page_path.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}"><title>cell</title>'
        '</head><body><div class="jp-OutputArea-output">' + output + "</div></body></html>",
        encoding="utf-8")
    page = browser.open(page_path, MEASURE)
    _keep("notebook-output.png", page.screenshot, capsys)
    assert page.errors == [], page.errors
    m = page.measured
    assert m["maths"] == output.count("<math ") >= 8
    assert all(w > 0 and h > 0 for w, h in m["sizes"])
    assert m["displays"] and all(d.endswith("math") for d in m["displays"])
    assert m["fractions"] and all(m["fractions"])
    assert m["marks"] == ["", "✓", "✓", "✗"]
    assert m["overflow"] <= 0
