"""Time limits and isolation: a hung or crashing claim never stops the run."""

from __future__ import annotations

import os
import time

import pytest
import sympy as sp

from checker import CatalogItem, Claim, Derivation, Identity, Limits, Method, Settings, Step, Verdict, runner
from checker.engine import check_claim as real_check
from checker.vocab import real

x = real("x")


def _fake_check(claim: Claim, settings: Settings):
    if claim.note == "hang":
        time.sleep(120)
    if claim.note == "crash":
        os._exit(3)
    return real_check(claim, settings)


def _identity(item_id: str, note: str = "") -> Identity:
    return Identity(item_id, item_id, "test", Claim(x + 1, 1 + x, note=note))


def _chain() -> Derivation:
    steps = (Step(x * (x + 1)), Step(x**2 + x), Step(x + x**2, note="hang"), Step(x**2 + x))
    return Derivation("chain", "chain", "test", x * (x + 1), x**2 + x, steps)


def _broken() -> Identity:
    raise ValueError("cannot build this")


def _item(item_id: str, build) -> CatalogItem:
    return CatalogItem(item_id, item_id, "test", build)


@pytest.fixture
def patched(monkeypatch: pytest.MonkeyPatch) -> None:
    # Workers are forked from this process, so they inherit the patch.
    monkeypatch.setattr(runner, "check_claim", _fake_check)


def test_hung_claim_times_out_and_the_run_goes_on(patched: None) -> None:
    items = [_item("hang", lambda: _identity("hang", "hang")), _item("chain", _chain),
             _item("fine", lambda: _identity("fine"))]
    t0 = time.perf_counter()
    report = runner.run(items, Settings(), Limits(timeout=1.5, jobs=2))
    assert time.perf_counter() - t0 < 30
    by_id = {o.id: o for o in report.outcomes}
    hung = by_id["hang"].checks[0].result
    assert hung.verdict is Verdict.UNKNOWN and hung.method is Method.TIMEOUT
    assert "timeout after 1.5 s" in hung.detail
    chain = {c.check.id: c.result for c in by_id["chain"].checks}
    assert chain["chain#step3"].method is Method.TIMEOUT
    # the checks after the hung one still ran, in a fresh worker
    assert chain["chain#step4"].verdict is Verdict.PROVED
    assert chain["chain#end"].verdict is Verdict.PROVED
    assert by_id["fine"].checks[0].result.verdict is Verdict.PROVED


def test_crashing_worker_costs_only_its_claim(patched: None) -> None:
    items = [_item("crash", lambda: _identity("crash", "crash")),
             _item("fine", lambda: _identity("fine"))]
    report = runner.run(items, Settings(), Limits(timeout=30, jobs=1))
    by_id = {o.id: o for o in report.outcomes}
    crashed = by_id["crash"].checks[0].result
    assert crashed.verdict is Verdict.UNKNOWN and "worker process died" in crashed.detail
    assert by_id["fine"].checks[0].result.verdict is Verdict.PROVED


def test_build_error_is_reported_and_others_still_checked() -> None:
    items = [_item("broken", _broken), _item("fine", lambda: _identity("fine"))]
    report = runner.run(items, Settings(), Limits(timeout=30, jobs=1))
    by_id = {o.id: o for o in report.outcomes}
    assert "cannot build this" in by_id["broken"].error
    assert not by_id["broken"].matches
    assert by_id["fine"].matches


def test_results_come_back_in_catalog_order() -> None:
    items = [_item(f"i{k}", lambda k=k: _identity(f"i{k}")) for k in range(6)]
    report = runner.run(items, Settings(), Limits(timeout=30, jobs=2))
    assert [o.id for o in report.outcomes] == [f"i{k}" for k in range(6)]
    assert all(o.matches for o in report.outcomes)


def test_a_real_sympy_hang_becomes_unknown() -> None:
    """SymPy's own 16th derivative takes minutes (12th: 150 s here): the deadline cuts it off."""
    from checker.vocab import sigmoid

    hang = Claim(sp.Derivative(sp.tanh(sigmoid(x)) * sp.log(1 + x**2), (x, 16)), 0)
    items = [_item("huge", lambda: Identity("huge", "huge", "test", hang)),
             _item("fine", lambda: _identity("fine"))]
    t0 = time.perf_counter()
    report = runner.run(items, Settings(), Limits(timeout=3, jobs=2))
    assert time.perf_counter() - t0 < 30
    by_id = {o.id: o for o in report.outcomes}
    r = by_id["huge"].checks[0].result
    assert r.verdict is Verdict.UNKNOWN and r.method is Method.TIMEOUT
    assert by_id["fine"].matches


def _hog_check(claim: Claim, settings: Settings):
    if claim.note == "hog":
        hoard = [bytearray(50 * 2**20) for _ in range(40)]  # 2 GB, past a 600 MB cap
        return hoard  # pragma: no cover - never reached
    return real_check(claim, settings)


def test_memory_cap_gives_unknown_and_the_run_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "check_claim", _hog_check)
    items = [_item("hog", lambda: _identity("hog", "hog")), _item("fine", lambda: _identity("fine"))]
    report = runner.run(items, Settings(), Limits(timeout=30, jobs=2, memory_mb=600))
    by_id = {o.id: o for o in report.outcomes}
    r = by_id["hog"].checks[0].result
    assert r.verdict is Verdict.UNKNOWN and r.method is Method.MEMORY
    assert "memory limit (600 MB)" in r.detail
    assert by_id["fine"].matches


def test_memory_cap_holds_for_c_code_too() -> None:
    """FLINT allocates outside Python: past the cap the worker dies, the claim is unknown
    (memory), and the next entry is still checked."""
    from checker import Claim as C
    from checker.vocab import reals

    xs = reals(" ".join(f"v{k}" for k in range(12)))
    big = sp.Add(*xs) ** 40  # ~5·10¹⁰ terms expanded: the exact certificate cannot fit
    claim = C(big * (1 + xs[0]), big + xs[0] * big)  # true; the randomized test passes at once
    items = [_item("big", lambda: Identity("big", "big", "test", claim)),
             _item("fine", lambda: _identity("fine"))]
    report = runner.run(items, Settings(), Limits(timeout=60, jobs=2, memory_mb=600))
    by_id = {o.id: o for o in report.outcomes}
    r = by_id["big"].checks[0].result
    assert r.verdict is Verdict.UNKNOWN and r.method is Method.MEMORY
    assert by_id["fine"].matches


# -- budgets for the whole run and per file (issue 9, item 11) --------------------------------


def _sleepy_check(claim: Claim, settings: Settings):
    if claim.note.startswith("slow"):
        time.sleep(1.0)
    if claim.note == "hang":
        time.sleep(120)
    return real_check(claim, settings)


def _slow_chain(item_id: str, n: int) -> Derivation:
    steps = tuple(Step(x + k - k, note=f"slow {k}") for k in range(n))  # (distinct claims:
    # an entry decides an equal claim once)
    return Derivation(item_id, item_id, "test", x, x, steps)


def test_run_budget_ends_what_is_left_as_unknown_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "check_claim", _sleepy_check)
    items = [_item("chain", lambda: _slow_chain("chain", 8)),
             _item("later", lambda: _identity("later"))]
    t0 = time.perf_counter()
    report = runner.run(items, Settings(), Limits(timeout=60, jobs=1, budget=2.5))
    assert time.perf_counter() - t0 < 10  # not 8 slow steps, nor a 60 s timeout
    by_id = {o.id: o for o in report.outcomes}
    chain = [c.result for c in by_id["chain"].checks]
    assert len(chain) == len(_slow_chain("chain", 8).checks())  # every check is shown
    decided = [r for r in chain if r.method is not Method.BUDGET]
    assert decided and all(r.verdict is Verdict.PROVED for r in decided)  # decided ones stay
    left = [r for r in chain if r.method is Method.BUDGET]
    assert len(left) >= 4 and all(r.verdict is Verdict.UNKNOWN for r in left)
    assert "the run's budget of 2.5 s ran out (--budget)" in left[0].detail
    assert by_id["later"].error == \
        "unknown (budget): not checked, the run's budget of 2.5 s ran out (--budget)"
    from checker import ExitCode, exit_code
    assert exit_code(report) is ExitCode.MISMATCH  # unknown where proved was expected


def test_file_budget_stops_one_file_and_not_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "check_claim", _sleepy_check)
    items = [_item("b.toml::slow", lambda: _slow_chain("b.toml::slow", 3)),
             _item("a.toml::hang", lambda: _identity("a.toml::hang", "hang")),
             _item("catalog-entry", lambda: _identity("catalog-entry", "slow")),
             _item("a.toml::next", lambda: _identity("a.toml::next"))]
    t0 = time.perf_counter()
    report = runner.run(items, Settings(), Limits(timeout=60, jobs=2, file_budget=1.5))
    assert time.perf_counter() - t0 < 20
    by_id = {o.id: o for o in report.outcomes}
    hung = by_id["a.toml::hang"].checks[0].result
    assert (hung.verdict, hung.method) == (Verdict.UNKNOWN, Method.BUDGET)
    assert "the file's budget of 1.5 s ran out (--file-budget)" in hung.detail
    assert by_id["a.toml::next"].error == \
        "unknown (budget): not checked, the file's budget of 1.5 s ran out (--file-budget)"
    # b.toml's chain spends ~2 s in all; its file budget stops it part way, results kept
    b = [c.result for c in by_id["b.toml::slow"].checks]
    assert b[0].verdict is Verdict.PROVED and any(r.method is Method.BUDGET for r in b)
    assert by_id["catalog-entry"].matches  # catalog entries have no file budget


def test_budget_results_are_not_cached(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    from checker.cache import Cache

    monkeypatch.setattr(runner, "check_claim", _sleepy_check)
    items = [_item("chain", lambda: _slow_chain("chain", 3))]
    runner.run(items, Settings(), Limits(jobs=1, budget=1.5), cache=Cache(tmp_path, Settings()))
    again = runner.run(items, Settings(), Limits(jobs=1), cache=Cache(tmp_path, Settings()))
    assert again.cached == 0 and all(c.result.verdict is Verdict.PROVED for c in again.results)


def test_a_worker_keeps_to_one_family_while_the_other_takes_another() -> None:
    """Entries of one file (or catalog family) share what a worker remembers: a worker takes
    the next of its family, a free worker a family no other has, and only then the rest."""
    def item(name: str, tag: str) -> CatalogItem:
        return CatalogItem(name, name, "test", lambda: None, tags=(tag,))  # type: ignore[arg-type]

    todo = [item("a1", "A"), item("b1", "B"), item("a2", "A"), item("b2", "B"), item("a3", "A")]
    run = runner._Run(todo, todo, Settings(), Limits(jobs=2), None, runner._Progress(), {}, None)
    one, two = runner._Slot(None, None), runner._Slot(None, None)  # type: ignore[arg-type]
    run.slots = [one, two]
    one.task = run.take(one)
    two.task = run.take(two)
    assert (one.task[0], two.task[0]) == ("a1", "b1")
    one.task = run.take(one)
    two.task = run.take(two)
    assert (one.task[0], two.task[0]) == ("a2", "b2")
    two.task = run.take(two)  # B is done: A is the only family left, shared
    assert two.task[0] == "a3" and not run.queue
