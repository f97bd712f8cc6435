"""The five seed documents, read as they are (issue 11, item 4).

Each seed (``../shared/seeds/00N_….txt``, Markdown with LaTeX) is read by the document reader
with its declarations sidecar ``examples/seeds/00N.toml`` (sizes, hypotheses, which letter is
which function, the expected verdicts of the wrong steps; no equation restated), and checked.
What this keeps true:

* every wrong step the catalog knows is refuted at its own line, with a counterexample that
  re-checks independently (``tests/recheck.py``), or, where the reader cannot read that line
  yet, the report says so at that line;
* nothing is refuted that the sidecar does not expect, and nothing the sidecar expects refuted
  is proved, except the misreadings listed below (reader defects reported to the lead: each
  must still happen, so the list stays true, and goes when the reader is fixed);
* the sidecars themselves read cleanly, every error is reported at a line of a display, and
  the number of displays read does not fall.

A fresh clone has no ``../shared/seeds``: then the module is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from checker import Limits, RunReport, Settings, Verdict, run
from checker.files import load_file
from checker.files.common import InputError
from checker.files.markdown import extract
from checker.model import CheckKind
from checker.results import CheckResult
from derivations import SEEDS
from tests.recheck import assert_counterexample

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT.parent / "shared" / "seeds"
SIDECARS = ROOT / "examples" / "seeds"

pytestmark = [
    pytest.mark.skipif(not all((SEED_DIR / name).is_file() for name in SEEDS.values()),
                       reason=f"the seed documents are not here ({SEED_DIR}): a fresh clone has "
                              "no ../shared/seeds"),
    pytest.mark.slow,
]

# The wrong steps the catalog knows (derivations/*.py, examples/00N_*.toml), at the file line
# of the document's display where each is written: "refuted" where the reader refutes it now,
# "unread" where the line (or one the check needs) cannot be read yet and the report says so.
# Wrong steps written in inline math ($…$, which is prose and not checked) are not listed:
# 001 line 23 (f_i = softmax(h_i) with x for h), 002 lines 124 and 128.
CATALOG: dict[str, dict[int, tuple[str, str]]] = {
    "000": {29: ("refuted", "softmax-shift-000-chain: e^(c_j) out of the sum over j"),
            79: ("unread", "backprop-doc000-dCE-dx: θ² for θ' (line 77 has a prime)")},
    "001": {31: ("unread", "logistic-001-dl-df: the sum survives ∂/∂f_i (l is undefined)"),
            33: ("unread", "logistic-001-f-definition: x written for h (x_i is undeclared)"),
            37: ("unread", "logistic-001-dl-dW-as-written (∂ in a matrix W)"),
            41: ("unread", "logistic-001-dl-db-as-written (∂ in a row b)")},
    "002": {78: ("refuted", "sigmoid-derivative-002-chain: the sign dropped, then flipped"),
            130: ("refuted", "backprop-doc002-dsigma-chain: power and factor dropped"),
            134: ("unread", "backprop-doc002-dL-dx: the sum over j missing"),
            138: ("unread", "backprop-doc002-dL-dw1/db1: the sum over i missing")},
    "003": {54: ("unread", "ce-grad-003-case-i-neq-j: y_i for y_j under a sum over i ≠ j"),
            58: ("unread", "ce-grad-003-chain step 4: the same slip"),
            62: ("unread", "ce-grad-003-chain step 7: Σ_j y_i is n·y_i (line 58 unread)")},
    "004": {95: ("refuted", "ce-grad-004-chain step 4: the chain rule misapplied"),
            97: ("unread", "ce-grad-004-chain step 5: δ_ij with i mapped is unread")},
}

# Refutations beyond the catalog's that the sidecars expect, because the document as written is
# wrong there (each sidecar note says why).
LITERAL: dict[str, set[int]] = {
    "000": {33, 55},  # the free j left outside the sum: e^(c_i)/e^(c_j) is not 1; y_i for y_k
    "002": {116},  # y_i (1 − ŷ_j) outside the sum, with i free, where y_j is meant
}

# Refuted where the sidecar (and the catalog) expect proved: notation the reader reads otherwise
# than the catalog does, reported to the lead. Each must still happen, so the list stays true.
MISREAD_REFUTED: dict[tuple[str, int], str] = {
    ("003", 50): "the prose's case 'when i = j' selects the term j = i of the sum; read "
                 "literally, the whole sum is equated with that one term",
}
# Proved where the sidecar expects refuted: (seed, line, step).
MISREAD_PROVED: dict[tuple[str, int, int], str] = {}

# Displays read without an input error, now (floors: they may only grow), and in all.
DISPLAYS = {"000": 22, "001": 7, "002": 21, "003": 25, "004": 40}
READ_FLOOR = {"000": 7, "001": 3, "002": 10, "003": 12, "004": 13}


@dataclass
class Seed:
    key: str
    path: str
    errors: list[InputError]
    report: RunReport
    spans: list[tuple[tuple[int, int], tuple[int, int]]]  # each display's (line, col) range
    texts: list[str]  # each display's LaTeX without white space

    @property
    def results(self) -> list[CheckResult]:
        return [c for c in self.report.results if c.check.entry.startswith(self.path + "::")]

    def display_of(self, line: int, col: int | None) -> int | None:
        """The index of the display an error at (line, col) is in (the first display on the
        line when the column is not inside one: an error about a chain's first step)."""
        for k, (start, end) in enumerate(self.spans):
            if start <= (line, col or 1) <= end:
                return k
        return next((k for k, (start, end) in enumerate(self.spans)
                     if start[0] <= line <= end[0]), None)

    def misplaced(self) -> set[frozenset[int]]:
        """For each error that quotes a step but is reported on a line of no display holding
        that step: the lines of the displays that hold it."""
        out = set()
        for e in self.errors:
            m = re.search(r"\(in ('.*'|\".*\")\)$", e.message, re.S)
            if m is None or e.line is None:
                continue
            # the step as the message quotes it: repr() doubles each backslash
            quoted = "".join(m.group(1)[1:-1].replace("\\\\", "\\").split())
            pairs = zip(self.spans, self.texts, strict=True)
            holders = [(start[0], end[0]) for (start, end), text in pairs if quoted in text]
            if holders and not any(a <= e.line <= b for a, b in holders):
                out.add(frozenset(a for a, _ in holders))
        return out

    def unread_displays(self) -> set[int]:
        return {k for e in self.errors if e.line
                if (k := self.display_of(e.line, e.col)) is not None}


@pytest.fixture(scope="module")
def seeds() -> dict[str, Seed]:
    loaded = {key: load_file(str(SEED_DIR / name), str(SIDECARS / f"{key}.toml"))
              for key, name in SEEDS.items()}
    items = [item for found in loaded.values() for item in found.items]
    report = run(items, Settings(), Limits(timeout=120, jobs=2))
    out = {}
    for key, name in SEEDS.items():
        path = str(SEED_DIR / name)
        doc = extract((SEED_DIR / name).read_text(encoding="utf-8"), path)
        spans = []
        for d in doc.displays:
            lines = d.latex.split("\n")
            end_col = (d.col + len(d.latex)) if len(lines) == 1 else len(lines[-1]) + 1
            spans.append(((d.line, d.col), (d.line + len(lines) - 1, end_col)))
        texts = ["".join(d.latex.split()) for d in doc.displays]
        out[key] = Seed(key, path, loaded[key].errors, report, spans, texts)
    return out


KEYS = sorted(SEEDS)


def test_every_seed_has_a_sidecar_and_an_entry_here() -> None:
    assert sorted(p.stem for p in SIDECARS.glob("*.toml")) == KEYS
    assert sorted(CATALOG) == sorted(DISPLAYS) == sorted(READ_FLOOR) == KEYS


@pytest.mark.parametrize("key", KEYS)
def test_sidecar_reads_cleanly_and_errors_are_at_display_lines(seeds: dict, key: str) -> None:
    seed = seeds[key]
    sidecar = str(SIDECARS / f"{key}.toml")
    assert [e.message for e in seed.errors if e.file == sidecar] == []
    assert [e.message for e in seed.errors if e.message.startswith("the declarations")] == []
    for e in seed.errors:  # "where a display cannot be read, the report says so at its line"
        assert e.file == seed.path and e.line is not None, e
        assert seed.display_of(e.line, e.col) is not None, f"{e.where}: not inside a display"


@pytest.mark.parametrize("key", KEYS)
def test_errors_are_reported_at_the_line_of_their_step(seeds: dict, key: str) -> None:
    assert seeds[key].misplaced() == set()


@pytest.mark.parametrize("key", KEYS)
def test_catalog_wrong_steps_are_refuted_at_their_lines(seeds: dict, key: str) -> None:
    seed = seeds[key]
    results = seed.results
    refuted_lines = {c.check.line for c in results if c.check.kind is CheckKind.STEP
                     and c.result.verdict is Verdict.REFUTED and c.matches}
    want = {line for line, (status, _) in CATALOG[key].items() if status == "refuted"}
    assert refuted_lines == want | LITERAL.get(key, set()), \
        "refuted at other lines than recorded: update CATALOG/LITERAL (and the README counts)"
    error_lines = {e.line for e in seed.errors}
    for line, (status, what) in CATALOG[key].items():
        here = [c for c in results if c.check.line == line]
        if status == "refuted":
            hit = [c for c in here if c.result.verdict is Verdict.REFUTED
                   and c.expected is Verdict.REFUTED]
            assert hit, f"{key}:{line} {what}: not refuted"
            for c in hit:  # the counterexample re-checks with SymPy alone
                assert c.result.counterexample is not None, c.check.id
                assert_counterexample(c.check.claim, c.result.counterexample)
        else:  # the report says at this line that it cannot be read, and decides nothing
            assert line in error_lines or any(c.check.claim.unreadable for c in here), \
                f"{key}:{line} {what}: neither read nor reported unreadable"
            assert not [c.check.id for c in here if c.result.verdict is Verdict.REFUTED], \
                f"{key}:{line} {what}: now refuted: record it as 'refuted'"


@pytest.mark.parametrize("key", KEYS)
def test_nothing_refuted_that_is_not_expected(seeds: dict, key: str) -> None:
    seed = seeds[key]
    misread = {line for (k, line) in MISREAD_REFUTED if k == key}
    seen = set()
    for c in seed.results:
        if c.result.verdict is not Verdict.REFUTED:
            continue
        cex = c.result.counterexample
        assert cex is not None, c.check.id
        assert_counterexample(c.check.claim, cex)  # even a misreading's point is certified
        if c.expected is Verdict.REFUTED:
            continue
        assert c.check.line in misread, (f"{c.check.id} (line {c.check.line}) is refuted, "
                                         f"expected {c.expected.value}: {c.result.detail}")
        seen.add(c.check.line)
    assert seen == misread, \
        f"no longer misread at lines {sorted(misread - seen)}: remove them from MISREAD_REFUTED"


@pytest.mark.parametrize("key", KEYS)
def test_nothing_expected_refuted_is_proved(seeds: dict, key: str) -> None:
    got = {(key, c.check.line, c.check.step) for c in seeds[key].results
           if c.expected is Verdict.REFUTED and c.result.verdict is Verdict.PROVED}
    assert got == {k for k in MISREAD_PROVED if k[0] == key}


@pytest.mark.parametrize("key", KEYS)
def test_displays_read(seeds: dict, key: str, record_property: pytest.RecordProperty) -> None:
    seed = seeds[key]
    unread = seed.unread_displays()
    read = len(seed.spans) - len(unread)
    record_property(f"seed{key}_displays", len(seed.spans))
    record_property(f"seed{key}_read", read)
    assert len(seed.spans) == DISPLAYS[key]
    assert read >= READ_FLOOR[key], f"seed {key}: {read} of {len(seed.spans)} displays read"


def test_displays_read_in_all(seeds: dict) -> None:
    read = sum(len(s.spans) - len(s.unread_displays()) for s in seeds.values())
    assert sum(DISPLAYS.values()) == 115
    assert read >= sum(READ_FLOOR.values()) == 45


def test_a_check_that_needs_an_unreadable_line_is_never_proved(seeds: dict) -> None:
    proved = [c.check.id for s in seeds.values() for c in s.results
              if c.check.claim.unreadable and c.result.verdict is Verdict.PROVED
              and c.check.kind is CheckKind.STEP]
    assert proved == []


def test_readme_table_is_true(seeds: dict) -> None:
    """README's "The seed documents, as they are": displays and displays read, per seed."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    part = text.split("### The seed documents, as they are", 1)[1].split("\n#", 1)[0]
    rows = {m.group(1): (int(m.group(2)), int(m.group(3)))
            for m in re.finditer(r"^\| (\d{3}) \| (\d+) \| (\d+) \|", part, re.M)}
    got = {key: (len(s.spans), len(s.spans) - len(s.unread_displays()))
           for key, s in seeds.items()}
    assert rows == got
