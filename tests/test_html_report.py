"""The HTML report (``--format html``) and its MathML: content, safety, self-containment.

What a browser makes of the page is tested in tests/test_html_browser.py.
"""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import sympy as sp

import cli
from checker import ExitCode, Verdict
from checker.report import FORMATS, mathml
from checker.vocab import sigmoid

ROOT = Path(__file__).resolve().parent.parent
NOTE = ROOT / "examples" / "documents" / "note.md"


class Page(HTMLParser):
    """Every start tag with its attributes, and the text, of an HTML page."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.chunks: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return "".join(self.chunks)

    def count(self, tag: str) -> int:
        return sum(1 for t, _ in self.tags if t == tag)


def _article(page: str, entry_id: str) -> str:
    """The HTML of one entry's <article>."""
    for part in page.split("<article")[1:]:
        if f"<h2>{entry_id}</h2>" in part:
            return part.split("</article>", 1)[0]
    raise AssertionError(f"no article for {entry_id}")


def _rows(article: str) -> list[str]:
    return article.split('<tr class="dc-step">')[1:]


def test_html_is_a_registered_format() -> None:
    assert FORMATS["html"] == "checker.report.html"
    out = subprocess.run([sys.executable, "cli.py", "check", "--help"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    assert "html" in out


def test_check_writes_one_self_contained_page(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    proc = subprocess.run([sys.executable, "cli.py", "check", str(NOTE), "--format", "html",
                           "--output", str(out)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == ExitCode.OK, proc.stderr
    assert proc.stdout == "" and "Traceback" not in proc.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    parsed = Page(page)
    # nothing to fetch and nothing to run: no script, no external resource, a CSP saying so
    assert parsed.count("script") == 0 and parsed.count("link") == 0
    assert not [a for _, a in parsed.tags if a.get("src")]
    assert all(a["href"].startswith("#") for _, a in parsed.tags if a.get("href"))
    csp = [a["content"] for t, a in parsed.tags
           if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and csp[0].startswith("default-src 'none'")
    assert "Every result matches its expectation." in parsed.text

    wrong = _article(page, f"{NOTE}::sigma-prime")
    goal = wrong.split('<table class="dc-steps">', 1)[0]
    # the goal as the note writes its two ends: d/dx σ(x) = σ(x)(1 + σ(x)), refuted at x = 0
    assert "<mfrac><mrow><mi>d</mi></mrow><mrow><mi>d</mi><mi>x</mi></mrow></mfrac>" in goal
    assert "refuted (expected)" in goal and "<mi>x</mi><mo>=</mo><mn>0</mn>" in goal
    rows = _rows(wrong)
    assert len(rows) == 4
    marks = [re.search(r'class="dc-mark (\w+)"', r) for r in rows]
    assert [m.group(1) if m else None for m in marks] == [None, "proved", "proved", "refuted"]
    # step 4 as written, drawn: σ(x)(1 + σ(x)), line 22, with its counterexample x = 0
    assert "(line 22)" in rows[3] and "first wrong step" in rows[3]
    assert rows[3].count("<math") >= 2  # as written, and as read
    assert "<mi>σ</mi>" in rows[3] and "<mo>+</mo>" in rows[3]
    assert "counterexample: " in rows[3]
    assert "<mi>x</mi><mo>=</mo><mn>0</mn>" in rows[3]
    assert "step 3 = <code>1/4</code>, step 4 = <code>3/4</code>" in rows[3]
    assert f"derivcheck check &#x27;{NOTE}&#x27; --only &#x27;sigma-prime&#x27;" in rows[3]
    # step 2 is drawn as a fraction, exactly as the note writes it
    assert "<mfrac>" in rows[1] and "(line 20)" in rows[1]
    # the summary: 4 entries, the refuted checks counted and as expected
    summary = page.split('<table class="dc-summary">', 1)[1].split("</table>", 1)[0]
    assert re.search(r"✗ refuted</td><td>2</td><td>2</td>", summary)


def test_text_from_files_is_escaped_and_math_is_allowlisted(tmp_path: Path) -> None:
    doc = tmp_path / "evil.toml"
    doc.write_text(
        'format = 1\n'
        '[[derivation]]\n'
        'id = "x1"\n'
        'title = "<img src=x onerror=alert(1)>"\n'
        'source = "</article><script>alert(2)</script>"\n'
        'steps = ["x + x", { expr = "2*x", why = "<script>alert(3)</script>" }]\n'
        '[[derivation]]\n'
        'id = "x2"\n'
        "latex = '''x + x &= 2 x \\\\ &= x \\text{<b>} \\\\'''\n", encoding="utf-8")
    out = tmp_path / "r.html"
    code = cli.main(["check", str(doc), "--format", "html", "--output", str(out)])
    page = out.read_text(encoding="utf-8")
    parsed = Page(page)
    assert parsed.count("script") == parsed.count("img") == parsed.count("b") == 0
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in page
    # the text line either became a remark (escaped) or an error (escaped); never markup
    assert "<b>" not in page
    assert code in (ExitCode.OK, ExitCode.MISMATCH, ExitCode.USAGE)


def test_input_errors_are_in_the_page_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\n[[derivation]]\nid = "a"\nclaim = "x +* == 1"\n'
                   '[[derivation]]\nid = "b"\nclaim = "x + x == 2*x"\n', encoding="utf-8")
    out = tmp_path / "r.html"
    assert cli.main(["check", str(bad), "--format", "html", "--output", str(out)]) \
        == ExitCode.USAGE
    page = out.read_text(encoding="utf-8")
    broken = _article(page, f"{bad}::a")
    assert "INPUT ERROR" in broken and "nothing in this item was checked" in broken
    fine = _article(page, f"{bad}::b")
    assert 'class="dc-mark proved"' in fine and "as expected" in fine
    assert "1 input error: " in Page(page).text


def test_a_chain_of_implications_is_drawn_with_its_verdicts(tmp_path: Path) -> None:
    """Each equation of an implication chain, how it was read, where it is defined (an
    inverse's determinant) and its verdict; the whole chain's (it had no body at all)."""
    doc = tmp_path / "ne.md"
    doc.write_text('```derivcheck\ndims = { n = "positive integer", m = "positive integer" }\n'
                   'vectors = { y = "n", w = "m" }\nmatrices = { X = ["n", "m"] }\n```\n\n'
                   "$$X^T X w = X^T y \\implies w = (X^T X)^{-1} X^T y$$\n", encoding="utf-8")
    out = tmp_path / "r.html"
    assert cli.main(["check", str(doc), "--format", "html", "--output", str(out),
                     "--no-cache"]) == ExitCode.OK
    text = Page(out.read_text(encoding="utf-8")).text
    assert "first ⇒ last equation" in text and text.count("proved for all") == 2
    assert "read as" in text and "defined where det" in text and "⇒" in text


# --------------------------------------------------------------------------- MathML


def test_latex_becomes_mathml() -> None:
    markup = mathml.latex(r"\frac{e^{-x}}{(1 + e^{-x})^2}")
    assert markup is not None
    assert markup.startswith('<math xmlns="http://www.w3.org/1998/Math/MathML"')
    # e^{-x} twice, and (…)^2 as latex2mathml writes it: the power on the closing bracket
    assert markup.count("<mfrac>") == 1 and markup.count("<msup>") == 3
    assert mathml.latex(r"x < y") is not None and "<mo>&lt;</mo>" in mathml.latex(r"x < y")


def test_expressions_use_the_vocabulary_names() -> None:
    x = sp.Symbol("x")
    markup = mathml.expression(sigmoid(x) * (1 - sigmoid(x)))
    assert markup is not None and markup.count("<mi>σ</mi>") == 2 and "sigmoid" not in markup
    i, j = sp.symbols("i j", integer=True)
    assert "<mi>δ</mi>" in (mathml.expression(sp.KroneckerDelta(i, j)) or "")


@pytest.mark.parametrize("source", [
    r"\text{<script>alert(1)</script>}",
    r"\text{<b></b>}",
    r"\text{<!DOCTYPE x>}",
    r"\text{a<b}",
])
def test_markup_in_latex_is_refused(source: str) -> None:
    assert mathml.latex(source) is None


def test_sanitize_keeps_presentation_only() -> None:
    ns = 'xmlns="http://www.w3.org/1998/Math/MathML"'
    href = mathml.latex(r"\href{javascript:alert(1)}{x}")
    assert href is not None and "href" not in href and "javascript" not in href
    assert mathml.sanitize(f'<math {ns}><mi onclick="alert(1)" style="x">a</mi></math>') == \
        f'<math {ns}><mi>a</mi></math>'
    assert mathml.sanitize(f"<math {ns}><svg/></math>") is None
    assert mathml.sanitize(f"<math {ns}><math/></math>") is None  # math only at the top
    assert mathml.sanitize("<div>x</div>") is None
    assert mathml.sanitize(f"<math {ns}><mi>&nosuchentity;</mi></math>") is None
    # HTML's named characters are kept, as characters; ⅇ (U+2147) is drawn as a plain e
    assert mathml.sanitize(f"<math {ns}><mi>&ExponentialE;</mi><mo>&InvisibleTimes;</mo>"
                           "</math>") == f"<math {ns}><mi>e</mi><mo>\u2062</mo></math>"
    # mfenced (not in MathML Core) becomes a row with its fences and separators
    assert mathml.sanitize(f"<math {ns}><mfenced><mi>a</mi><mi>b</mi></mfenced></math>") == \
        f"<math {ns}><mrow><mo>(</mo><mi>a</mi><mo>,</mo><mi>b</mi><mo>)</mo></mrow></math>"


def test_large_values_are_not_drawn() -> None:
    xs = sp.symbols("x1:600")
    assert mathml.expression(sum(sp.exp(v) for v in xs)) is None
    assert mathml.expression(sp.zeros(7, 7)) is None
    assert mathml.expression(sp.zeros(2, 2)) is not None
    assert mathml.latex("x" * (mathml.MAX_LATEX + 1)) is None


def test_powers_of_sigma_are_drawn() -> None:
    """sigmoid._latex took no exponent, so SymPy's LaTeX printer raised TypeError on σ(x)²
    (tanh' = 1 − tanh², σ(1 − σ) expanded …) and the report fell back to text."""
    x = sp.Symbol("x")
    assert sp.latex(sigmoid(x) ** 2) == r"\sigma^{2}\left(x\right)"
    markup = mathml.expression(1 - sigmoid(x) ** 2)
    assert markup is not None and "<msup><mi>σ</mi><mrow><mn>2</mn></mrow></msup>" in markup


@pytest.mark.parametrize("entry_id", ["backprop-row-232-dL-dx", "backprop-col-232-dL-dW1"])
def test_a_gradient_is_never_printed_whole(entry_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Large values are described, not printed then thrown away (the catalog's page took
    12 s with whole gradients printed for a one-line preview; 3.3 s now, with the other core
    busy)."""
    from checker import CheckResult, EntryOutcome, Method, Result, RunReport
    from checker.report import html
    from derivations import find
    from tests.test_report_speed import _leaves

    item = find(entry_id)
    assert item is not None
    entry = item.build()
    outcome = EntryOutcome(item.id, item.title, item.source, entry, tuple(
        CheckResult(c, Result(Verdict.PROVED, Method.EXACT, 0.5)) for c in entry.checks()))
    printed: list[int] = []
    for name in ("sstr", "latex", "pretty"):
        real = getattr(sp, name)

        def spy(e: object, *args: object, _real=real, **kwargs: object) -> str:
            printed.append(_leaves(e, 10_000))
            return _real(e, *args, **kwargs)

        monkeypatch.setattr(sp, name, spy)
    assert _leaves(entry.claim.lhs, 10_000) > 1000  # a large claim
    page = html.dumps(RunReport((outcome,), 1.0, 1, 60.0, 1))
    assert 'class="dc-mark proved"' in page and f"derivcheck show {entry_id}" in page
    assert max(printed, default=0) <= html.TEXT_LEAVES, printed
