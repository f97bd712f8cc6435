"""The example derivation files in examples/: one per seed document, all as expected, and the
same verdicts as the catalog wherever an example reuses a catalog id.

An example derivation that reuses a catalog id (the part after ``FILE::``) promises the same
checks (goal, start, each step, end; or the one claim) with the same verdict at each; an
example that differs in structure or verdicts carries its own id (e.g. a ``-latex`` suffix).
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

import cli
from checker import ExitCode, Limits, Settings, run
from derivations import SEEDS, catalog, select

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FILES = sorted(EXAMPLES.glob("*.toml"))

Checks = dict[tuple[str, int | None], str]  # (kind, step) → verdict


@pytest.fixture(scope="module")
def examples_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict]:
    """``derivcheck check examples/*.toml --format json``, run once for this module."""
    out = tmp_path_factory.mktemp("examples") / "report.json"
    code = cli.main(["check", *map(str, FILES), "--format", "json", "--output", str(out),
                     "--jobs", "2", "--timeout", "120"])
    return code, json.loads(out.read_text(encoding="utf-8"))


def _by_entry(records: list[dict]) -> dict[str, Checks]:
    out: dict[str, Checks] = {}
    for rec in records:
        short = rec["entry"].split("::", 1)[1]
        out.setdefault(short, {})[(rec["kind"], rec["step"])] = rec["verdict"]
    return out


def test_every_seed_document_has_one_example_file() -> None:
    assert FILES, "examples/ holds no derivation files"
    for key in SEEDS:
        matching = [f.name for f in FILES if f.name.startswith(f"{key}_")]
        assert len(matching) == 1, f"seed {key}: example files {matching}"
    # … plus the identities for a symbolic n, which draw on several documents, and the
    # functions of the vocabulary (issue 10), which cite papers and textbooks.
    assert sorted(f.name for f in FILES if not f.name[:3].isdigit()) == \
        ["every_n.toml", "functions.toml"]


def test_every_example_derivation_names_its_source() -> None:
    for path in FILES:
        seeds = [SEEDS[path.name[:3]]] if path.name[:3].isdigit() else list(SEEDS.values())
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        derivations = data["derivation"]
        assert derivations, path.name
        for table in derivations:
            src = table.get("source", "")
            if path.name == "functions.toml":  # a paper, a book section, a library's docs
                assert isinstance(src, str) and len(src) > 8, f"{table.get('id')}: {src!r}"
                continue
            assert isinstance(src, str) and any(
                src.startswith(f"{seed}: ") and len(src) > len(seed) + 2 for seed in seeds), \
                f"{path.name}::{table.get('id')}: source {src!r}"


def test_examples_check_clean(examples_report: tuple[int, dict]) -> None:
    code, data = examples_report
    errors = [(e["id"], e["error"]) for e in data["entries"] if e.get("error")]
    assert errors == []
    assert data["summary"]["input_errors"] == 0
    assert data["summary"]["mismatches"] == 0
    wrong = [(r["id"], r["verdict"], r["expected"]) for r in data["records"] if not r["matches"]]
    assert wrong == []
    assert code == ExitCode.OK
    # every file contributed derivations, and the documents' wrong steps are really refuted
    files = {e["id"].split("::", 1)[0] for e in data["entries"]}
    assert files == {str(f) for f in FILES}
    assert data["summary"]["refuted"] >= 20


def test_every_example_counterexample_rechecks(examples_report: tuple[int, dict]) -> None:
    """The examples' refutations, re-checked independently (from the cache the CLI run above
    filled, so nothing is decided twice)."""
    from checker.cache import Cache, default_dir
    from checker.derivation_file import load_files
    from tests.recheck import assert_refutations

    _, data = examples_report
    report = run(load_files(list(map(str, FILES))).items, Settings(),
                 Limits(timeout=120, jobs=2), cache=Cache(default_dir(), Settings()))
    assert assert_refutations(report) == data["summary"]["refuted"] >= 20


def test_latex_remarks_do_not_swallow_steps(examples_report: tuple[int, dict]) -> None:
    """A \\quad \\text{…} remark ends its line; if the chain's next '=' were on the same line it
    would become part of the remark. Each LaTeX chain's remarks must hold no '='."""
    _, data = examples_report
    latex_ids = {f"{path}::{table['id']}" for path in FILES
                 for table in tomllib.loads(path.read_text(encoding="utf-8"))["derivation"]
                 if "latex" in table}
    assert len(latex_ids) >= 20
    whys = [(r["id"], r["why"]) for r in data["records"]
            if r["entry"] in latex_ids and r["kind"] == "step" and "=" in (r.get("why") or "")]
    assert whys == []


def test_shared_ids_have_the_catalog_verdicts(examples_report: tuple[int, dict]) -> None:
    _, data = examples_report
    examples = _by_entry(data["records"])
    catalog_ids = {item.id for item in catalog()}
    shared = sorted(set(examples) & catalog_ids)
    assert len(shared) >= 12, shared
    report = run(select(catalog(), shared), Settings(), Limits(timeout=120, jobs=2))
    expected: dict[str, Checks] = {}
    for outcome in report.outcomes:
        assert not outcome.error, (outcome.id, outcome.error)
        expected[outcome.id] = {(c.check.kind.value, c.check.step): c.result.verdict.value
                                for c in outcome.checks}
    assert sorted(expected) == shared
    differ = {i: (examples[i], expected[i]) for i in shared if examples[i] != expected[i]}
    assert differ == {}
