"""The result cache: warm runs reuse results; anything that could change them is a miss."""

from __future__ import annotations

from pathlib import Path

import sympy as sp

from checker import CatalogItem, Claim, Identity, Limits, Settings, Verdict, run
from checker.cache import Cache
from checker.derivation_file import load_file
from checker.vocab import real
from derivations import catalog, select
from tests.recheck import assert_refutations

x = real("x")


def _items() -> list[CatalogItem]:
    return select(catalog(), ["sigmoid-derivative-002-chain", "softmax-shift-vector-n2"])


def test_warm_run_reuses_identical_results(tmp_path: Path) -> None:
    cache = Cache(tmp_path, Settings())
    cold = run(_items(), Settings(), Limits(jobs=1), cache=cache)
    assert cold.cached == 0
    warm_cache = Cache(tmp_path, Settings())
    warm = run(_items(), Settings(), Limits(jobs=1), cache=warm_cache)
    assert warm.cached == 2 and warm_cache.hits == 2
    assert [(c.check.id, c.result.verdict, c.result.counterexample)
            for c in warm.results] == [(c.check.id, c.result.verdict, c.result.counterexample)
                                      for c in cold.results]


def test_other_settings_miss(tmp_path: Path) -> None:
    run(_items(), Settings(), Limits(jobs=1), cache=Cache(tmp_path, Settings()))
    other = Settings(seed=1)
    assert run(_items(), other, Limits(jobs=1), cache=Cache(tmp_path, other)).cached == 0
    exact = Settings(require_exact=True)
    assert run(_items(), exact, Limits(jobs=1), cache=Cache(tmp_path, exact)).cached == 0


def test_a_changed_file_misses(tmp_path: Path) -> None:
    path = tmp_path / "d.toml"
    path.write_text('format = 1\n[[derivation]]\nid = "a"\nclaim = "x + x == 2*x"\n')
    cache_dir = tmp_path / "cache"
    first = run(load_file(str(path)).items, Settings(), Limits(jobs=1),
                cache=Cache(cache_dir, Settings()))
    assert first.results[0].result.verdict is Verdict.PROVED
    path.write_text('format = 1\n[[derivation]]\nid = "a"\nclaim = "x + x == 3*x"\n')
    second = run(load_file(str(path)).items, Settings(), Limits(jobs=1),
                 cache=Cache(cache_dir, Settings()))
    assert second.cached == 0 and second.results[0].result.verdict is Verdict.REFUTED
    assert assert_refutations(second) == 1


def test_timeouts_are_not_cached_and_corrupt_files_are_ignored(tmp_path: Path) -> None:
    from tests.test_runner import _identity, _item

    cache = Cache(tmp_path, Settings())
    slow = Claim(sp.Derivative(sp.tanh(x) * sp.log(1 + x**2), (x, 16)), 0)
    items = [_item("slow", lambda: Identity("slow", "slow", "test", slow)),
             _item("fine", lambda: _identity("fine"))]
    run(items, Settings(), Limits(timeout=2, jobs=2), cache=cache)
    again = run(items, Settings(), Limits(timeout=2, jobs=2), cache=Cache(tmp_path, Settings()))
    assert again.cached == 1  # only "fine"
    for path in tmp_path.rglob("*.pickle"):
        path.write_bytes(b"not a pickle")
    assert run(items[1:], Settings(), Limits(jobs=1),
               cache=Cache(tmp_path, Settings())).cached == 0
