"""What is wrong with a wrong step (issue 14): the diagnosis is proved, or absent.

Mutants from tests/diagnosis_mutants.py (a right step with one known slip) get the kind of
their slip in at least 95 % of cases and never another kind; every corrected line shown is
proved equal to the previous step when it is checked again on its own; the verdict is the
same with and without diagnoses.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import EntryOutcome, Limits, Settings, Verdict, run
from checker.derivation_file import load_file
from checker.model import CheckKind
from tests.diagnosis_mutants import BASES, HEADERS, Mutant, document, mutants

MUTANTS = mutants()
# the outcome, not the speed, is tested: a diagnosis is not cut short on a busy machine
GENEROUS = Limits(timeout=60, jobs=2, diagnosis=20.0, diagnosis_ratio=0)


def _run(directory: Path, text: str, limits: Limits = GENEROUS) -> dict[str, EntryOutcome]:
    path = directory / "cases.toml"
    path.write_text(text, encoding="utf-8")
    loaded = load_file(str(path))
    assert not loaded.errors, [str(e) for e in loaded.errors]
    report = run(loaded.items, Settings(), limits)
    return {o.id.split("::")[1]: o for o in report.outcomes}


def _step(outcome: EntryOutcome):  # the check of step 2
    return next(c for c in outcome.checks if c.check.kind is CheckKind.STEP)


@pytest.fixture(scope="module")
def diagnosed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, EntryOutcome]:
    out: dict[str, EntryOutcome] = {}
    for group in HEADERS:
        out |= _run(tmp_path_factory.mktemp(f"mutants-{group}"), document(group, MUTANTS))
    return out


def test_the_generator_makes_enough_mutants_of_every_kind() -> None:
    assert len(MUTANTS) >= 60
    kinds = set().union(*(m.kinds for m in MUTANTS))
    assert {"sign", "scale", "reciprocal", "term", "function", "argument", "exponent",
            "chain-factor", "transpose", "missing-transpose", "swapped-factors",
            "hadamard-dropped", "swapped-indices", "delta-dropped", "sum-bound",
            "sum-index"} <= kinds


@pytest.mark.slow
def test_every_base_step_is_right(tmp_path: Path) -> None:
    for group in HEADERS:
        (tmp_path / group).mkdir()
        outcomes = _run(tmp_path / group, document(group, list(BASES)))
        wrong = [i for i, o in outcomes.items() if _step(o).result.verdict is not Verdict.PROVED]
        assert not wrong, wrong


@pytest.mark.slow
def test_mutants_get_the_kind_of_their_slip_and_never_another(
        diagnosed: dict[str, EntryOutcome]) -> None:
    by_id = {m.id: m for m in MUTANTS}
    refuted = {i: _step(o).result for i, o in diagnosed.items()
               if _step(o).result.verdict is Verdict.REFUTED}
    assert len(refuted) >= 60, sorted(set(by_id) - set(refuted))
    wrong = {i: r.diagnosis.kind for i, r in refuted.items()
             if r.diagnosis is not None and r.diagnosis.kind not in by_id[i].kinds}
    assert not wrong, wrong
    right = [i for i, r in refuted.items() if r.diagnosis is not None]
    missed = sorted(set(refuted) - set(right))
    assert len(right) >= 0.95 * len(refuted), f"{len(right)}/{len(refuted)}; missed {missed}"


@pytest.mark.slow
def test_every_corrected_line_is_proved_equal_to_the_previous_one_when_checked_again(
        diagnosed: dict[str, EntryOutcome], tmp_path: Path) -> None:
    by_id = {m.id: m for m in MUTANTS}
    again: list[Mutant] = []
    for i, o in diagnosed.items():
        d = _step(o).result.diagnosis
        if d is not None and d.corrected_syntax == "text":
            m = by_id[i]
            again.append(Mutant(i, m.group, m.a, d.corrected, m.kinds, m.given))
    assert len(again) >= 40
    for group in HEADERS:
        text = document(group, again, wrong=False)
        (tmp_path / group).mkdir()
        outcomes = _run(tmp_path / group, text, Limits(timeout=60, jobs=2, diagnosis=0))
        wrong = {i: _step(o).result.verdict for i, o in outcomes.items()
                 if _step(o).result.verdict is not Verdict.PROVED}
        assert not wrong, wrong


@pytest.mark.slow
def test_a_diagnosis_never_changes_a_verdict(diagnosed: dict[str, EntryOutcome],
                                             tmp_path: Path) -> None:
    plain = _run(tmp_path, document("scalar", MUTANTS), Limits(timeout=60, jobs=2, diagnosis=0))
    for i, o in plain.items():
        got = [c.result.verdict for c in o.checks]
        assert got == [c.result.verdict for c in diagnosed[i].checks], i
        assert all(c.result.diagnosis is None for c in o.checks)
