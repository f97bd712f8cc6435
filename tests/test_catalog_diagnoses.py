"""The catalog's wrong steps and their diagnoses (issue 14), as derivations/diagnoses.py states
them: every refuted step or claim of the catalog, examples/0*.toml, examples/every_n.toml and
the seed documents (where ../shared/seeds is present) is listed there with the kind of slip a
careful grader names, or None where the slip is not one the diagnosis knows; each gets exactly
that (a kind that is not listed, or a listed kind not found, fails)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from checker import diagnosis
from checker.engine import Settings, check_claim
from checker.model import CheckKind
from checker.results import Verdict
from derivations.diagnoses import EXPECTED

ROOT = Path(__file__).resolve().parent.parent


def _items() -> list:
    spec = importlib.util.spec_from_file_location("bench_diagnosis",
                                                  ROOT / "bench" / "diagnosis_overhead.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.items()


def _key(check_id: str) -> str:
    """An id relative to the repository (examples/…::id#step3), the seeds' by their file name."""
    for base in (str(ROOT) + "/", str(ROOT.parent / "shared") + "/"):
        check_id = check_id.replace(base, "")
    return check_id


@pytest.fixture(scope="module")
def found() -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for item in _items():
        entry = item.build()
        for check in entry.checks():
            if check.kind not in (CheckKind.STEP, CheckKind.CLAIM):
                continue
            result = check_claim(check.claim, Settings())
            if result.verdict is not Verdict.REFUTED:
                continue
            got = diagnosis.attach(check, entry, result, Settings(), 600, budget=60)
            out[_key(check.id)] = got.diagnosis.kind if got.diagnosis is not None else None
    return out


@pytest.mark.slow
def test_every_wrong_step_of_the_catalog_gets_the_diagnosis_stated_for_it(
        found: dict[str, str | None]) -> None:
    seeds = (ROOT.parent / "shared" / "seeds").is_dir()
    expected = {k: v for k, v in EXPECTED.items() if seeds or not k.startswith("seeds/")}
    assert sorted(found) == sorted(expected), "a wrong step is missing here or in EXPECTED"
    wrong = {k: (found[k], expected[k][0]) for k in expected if found[k] != expected[k][0]}
    assert not wrong, wrong


def test_every_stated_kind_is_a_kind() -> None:
    assert all(kind is None or kind in diagnosis.BY_KIND for kind, _ in EXPECTED.values())
    assert all(why for _, why in EXPECTED.values())
