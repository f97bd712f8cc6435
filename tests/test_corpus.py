"""The corpus of real derivations in examples/corpus/ (issue 11): its shape, not its verdicts.

Every file names its source, declares context in a fenced ``derivcheck`` block with only the
keys of a derivation file's ``[context]`` (never an equation outside ``given``), keeps at least
one display, and ends with the expected judgement of its lines. The corpus README lists every
file once. The judgements themselves are re-checked by ``examples/corpus/verify_maths.py``
(SymPy only, independent of derivcheck), run here as a slow test. Nothing here runs derivcheck
on the corpus: measuring the reader on it is separate work.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path
from urllib.parse import urlparse

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "corpus"
FILES = sorted(CORPUS.glob("[0-9][0-9]_*.md"))
CONTEXT_KEYS = {"symbols", "vectors", "matrices", "dims", "functions", "latex", "given", "layout",
                "integrals", "random", "gradients", "partials", "rows", "indices"}
SOURCE = re.compile(r"<!-- source: (?P<text>.+?); retrieved 2026-12-0[25](?:\..*)? -->")
BLOCK = re.compile(r"^```derivcheck\n(?P<toml>.*?)^```$", re.S | re.M)
EXPECTED = re.compile(r"<!-- expected[^:\n]*: (?P<text>.+?) -->\s*\Z", re.S)
DISPLAY = re.compile(r"\$|\\\[|\\\(|\\begin\{|[=∂]")


def _source_of(first_line: str) -> str:
    """A source's identity: the host, or owner/repository for GitHub."""
    match = SOURCE.fullmatch(first_line)
    assert match, f"first line is not a source comment: {first_line!r}"
    url = re.search(r"https?://\S+", match["text"])
    assert url, f"no URL in the source comment: {first_line!r}"
    parsed = urlparse(url[0].rstrip(",;"))
    if parsed.netloc == "github.com":
        return "github.com/" + "/".join(parsed.path.strip("/").split("/")[:2])
    return parsed.netloc


def test_corpus_is_numbered_without_gaps_and_large_enough() -> None:
    numbers = [int(f.name[:2]) for f in FILES]
    assert numbers == list(range(1, len(FILES) + 1))
    assert len(FILES) >= 32


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name[:2])
def test_corpus_file_shape(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    first, _, rest = text.partition("\n")
    _source_of(first)

    blocks = list(BLOCK.finditer(rest))
    assert len(blocks) == 1, f"{path.name}: expected one ```derivcheck block, found {len(blocks)}"
    context = tomllib.loads(blocks[0]["toml"])
    assert context, f"{path.name}: empty declaration block"
    assert set(context) <= CONTEXT_KEYS, f"{path.name}: unknown keys {set(context) - CONTEXT_KEYS}"
    for key, value in context.items():
        if key == "given":
            assert isinstance(value, list) and all(isinstance(g, str) for g in value)
        elif key in ("integrals", "layout", "partials", "indices"):
            assert value in ("real line", "numerator", "denominator", "graph", "superscript"), \
                f"{path.name}: {key}"
        elif key == "gradients":  # the name of the loss: dy names ∂L/∂y
            assert isinstance(value, str) and value.isidentifier(), f"{path.name}: {key}"
        else:
            assert isinstance(value, dict), f"{path.name}: {key} must be a table"
            assert "==" not in repr(value), f"{path.name}: {key} restates an equation"

    expected = EXPECTED.search(text)
    assert expected, f"{path.name}: does not end with an <!-- expected: … --> comment"
    assert re.search(r"\blines? 1\b", expected["text"]), f"{path.name}: no judgement of a line 1"
    body = rest[blocks[0].end():expected.start()]
    assert DISPLAY.search(body), f"{path.name}: no display between the block and the judgement"


def test_corpus_sources_are_varied_and_mistakes_are_present() -> None:
    sources = {_source_of(f.read_text(encoding="utf-8").partition("\n")[0]) for f in FILES}
    assert len(sources) >= 20, sorted(sources)
    with_mistake = [f.name for f in FILES
                    if re.search(r"\bwrong\b", EXPECTED.search(f.read_text(encoding="utf-8"))["text"])]
    assert len(with_mistake) >= 6, with_mistake


def test_corpus_readme_lists_every_file_once() -> None:
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d\d) \|", readme, re.M)
    assert rows == [f.name[:2] for f in FILES]


@pytest.mark.slow
def test_corpus_judgements_hold_in_sympy() -> None:
    script = CORPUS / "verify_maths.py"
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert re.fullmatch(r"\d+ relations checked, all as judged\n", done.stdout), done.stdout


# The share of the corpus read as written, as the README quotes it (issue 11): a floor, so
# that a reading rule that refuses more than it should shows here (a remark's "differentiating"
# once counted as a condition in words and lost 7 sides of corpus 04).
READ_AT_LEAST = 675  # (session 35: 678 of 952, 60's MSE read; session 34: 673 of 953,
# 53's restated lines under a case read both ways; session 33: 669 of 955; session 32: 669 of
# 958, sizes written after a line counted as lines; session 28: + 5 sides of 47, inequalities
# in chains; session 27: 645,
# + 4 sides of 53 (cases restated), + 3 of 58 (graph partials
# read both ways); session 26: 638, + 18 sides of corpus 58, a loss of a matrix at symbolic
# sizes, + 4 of 61 whose samples x^{(i)} and density p the sidecar now declares; session 25:
# 616; session 24: 616 − 3 sides read wrongly before, an undeclared function
# of a vector read entry by entry — J(θ) of corpus 38 refuted by its shape, 𝓛(β) of 54 — now
# refused, + 1 side of 44, a vector written with \vdots; with 54–63, session 23; 451 over
# 01–41 before it: 452 before prose
# hypotheses in any form were refused — corpus 39's "Since $q_i$ and $k_i$ are independent with
# zero mean, $E[q_i k_i] = … = 0$" refuses the display after it, one side of which was read)


def test_the_share_of_the_corpus_read_does_not_fall() -> None:
    from checker.files import load_file

    read = unread = 0
    for path in sorted(CORPUS.glob("[0-9][0-9]_*.md")):
        loaded = load_file(str(path))
        read, unread = read + loaded.read_sides, unread + loaded.unread_sides
    assert read >= READ_AT_LEAST, f"{read} of {read + unread} sides read"
