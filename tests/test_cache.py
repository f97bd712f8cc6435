"""The result cache: warm runs reuse results; anything that could change them is a miss."""

from __future__ import annotations

from pathlib import Path

import pytest
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


# -- a damaged cache is dropped and recomputed, never fatal (issue 9, item 8) -------------------


def _stored(tmp_path: Path) -> tuple[Cache, Path, bytes]:
    """A cache holding one real entry's results; the path and bytes of its file."""
    cache = Cache(tmp_path, Settings())
    report = run(_items()[:1], Settings(), Limits(jobs=1), cache=cache)
    assert report.cached == 0
    (path,) = tmp_path.rglob("*.pickle")
    return cache, path, path.read_bytes()


def _corruptions(good: bytes) -> list[tuple[str, bytes]]:
    import random

    rng = random.Random(9)
    out = [("empty", b""), ("random bytes", rng.randbytes(len(good))),
           ("random short", rng.randbytes(17)), ("text", b"not a pickle at all\n")]
    for cut in (1, 2, 10, len(good) // 3, len(good) // 2, len(good) - 1):
        out.append((f"truncated at {cut}", good[:cut]))
    for pos in sorted(rng.sample(range(len(good)), 40)):
        flipped = bytearray(good)
        flipped[pos] ^= 1 << rng.randrange(8)
        out.append((f"bit flip at {pos}", bytes(flipped)))
    for pos in (0, 1, 2, len(good) // 2):  # bytes that make pickle raise odd errors
        for byte in (b"\xff", b"\x80", b"J", b"\x8a", b"X"):
            damaged = bytearray(good)
            damaged[pos:pos + 1] = byte
            out.append((f"byte {byte!r} at {pos}", bytes(damaged)))
    out.append(("appended garbage", good + b"\x00garbage"))
    return out


def test_damaged_cache_files_are_dropped_never_fatal(tmp_path: Path) -> None:
    cache, path, good = _stored(tmp_path)
    key = _items()[0].key
    assert cache.load(key) is not None
    for label, data in _corruptions(good):
        if data == good:
            continue
        path.write_bytes(data)
        assert cache.load(key) is None, label  # never an exception, never damaged results
        assert not path.exists(), f"{label}: the damaged file was not deleted"
    path.write_bytes(good)
    assert cache.load(key) is not None


def test_a_damaged_entry_is_recomputed_and_stored_again(tmp_path: Path) -> None:
    _, path, good = _stored(tmp_path)
    for data in (good[: len(good) // 2], b"\x80\x05J\xff\xff\xff\x7f", bytes(len(good))):
        path.write_bytes(data)
        again = run(_items()[:1], Settings(), Limits(jobs=1), cache=Cache(tmp_path, Settings()))
        assert again.cached == 0 and again.results and all(c.matches for c in again.results)
        assert path.exists() and path.read_bytes() != data  # recomputed and stored again
        assert run(_items()[:1], Settings(), Limits(jobs=1),
                   cache=Cache(tmp_path, Settings())).cached == 1


def test_a_directory_fifo_or_unreadable_file_in_place_of_an_entry(tmp_path: Path) -> None:
    import os
    import stat

    cache, path, good = _stored(tmp_path)
    key = _items()[0].key
    path.unlink()
    path.mkdir()
    (path / "inside").write_text("x")
    assert cache.load(key) is None and not path.exists()
    os.mkfifo(path)  # must not block
    assert cache.load(key) is None and not path.exists()
    path.write_bytes(good)
    path.chmod(0)
    if os.geteuid() != 0:  # root reads it anyway
        assert cache.load(key) is None
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    cache.store(key, *_entry_and_results(cache, key, good, path))
    assert cache.load(key) is not None


def _entry_and_results(cache: Cache, key: str, good: bytes, path: Path) -> tuple:
    path.write_bytes(good)
    found = cache.load(key)
    assert found is not None
    return found.entry, found.results


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    cache = Cache(tmp_path, Settings())
    entry = Identity("u", "u", "test", Claim(x, x))
    result = run([CatalogItem("u", "u", "test", lambda: entry)], Settings(),
                 Limits(jobs=1)).results[0].result
    cache.store("k", lambda: None, {0: result})  # a lambda cannot be pickled
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
    cache.store("k", entry, {0: result})
    assert [p.suffix for p in tmp_path.rglob("*") if p.is_file()] == [".pickle"]
    assert cache.load("k") is not None


# -- cached results carry the ids and paths of the file being checked now (issue 9, item 5) ---

HOMEWORK = 'format = 1\n[[derivation]]\nid = "one"\nsource = "sheet 1"\nclaim = "x + x == 3*x"\n'


def _check(monkeypatch, capsys, cache_dir: Path, fmt: str, *files: str) -> str:
    import cli

    capsys.readouterr()
    code = cli.main(["check", *files, "--format", fmt, "--jobs", "1", "--cache-dir",
                     str(cache_dir)])
    assert code == 1  # the claim is false: a mismatch, in every run
    return capsys.readouterr().out


def _named(out: str, fmt: str) -> list[tuple[str, ...]]:
    """Every place a report names the derivation: (entry, record id, source, reproduce)."""
    import json
    import re
    import xml.etree.ElementTree as ET

    if fmt == "json":
        data = json.loads(out)
        return [(r["entry"], r["id"], r["source"]) for r in data["records"]] + \
               [(e["id"], e["source"]) for e in data["entries"]]
    if fmt == "junit":
        root = ET.fromstring(out)
        return [(c.get("classname"), c.get("name")) for c in root.iter("testcase")] + \
               [(s.get("name"),) for s in root.iter("testsuite")]
    return [tuple(re.findall(r"reproduce: derivcheck check '([^']*)'", out)),
            tuple(re.findall(r"╭─ (\S+) ", out))]


def _expected(fmt: str, path: str) -> list[tuple[str, ...]]:
    rid = f"{path}::one"
    return {"json": [(rid, rid, f"{path}: sheet 1"), (rid, f"{path}: sheet 1")],
            "junit": [(rid, f"{rid} (lhs == rhs)"), (rid,)],
            "rich": [(path,), (rid,)]}[fmt]


@pytest.mark.parametrize("fmt", ["json", "junit", "rich"])
def test_identical_files_are_reported_under_their_own_names(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        fmt: str) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "200")
    for folder in ("alice", "bob", "carol"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "hw.toml").write_text(HOMEWORK)
    cache = tmp_path / "cache"
    # two runs: the second file is served from the first one's cache
    assert _named(_check(monkeypatch, capsys, cache, fmt, "alice/hw.toml"), fmt) == \
        _expected(fmt, "alice/hw.toml")
    assert _named(_check(monkeypatch, capsys, cache, fmt, "bob/hw.toml"), fmt) == \
        _expected(fmt, "bob/hw.toml")
    # one file reached by two relative paths, in two runs
    assert _named(_check(monkeypatch, capsys, cache, fmt, "./bob/hw.toml"), fmt) == \
        _expected(fmt, "./bob/hw.toml")
    # one run: identical files, and one file by two paths, from the cache and computed anew
    paths = ("carol/hw.toml", "alice/hw.toml", "alice/../alice/hw.toml")
    expected = [_expected(fmt, p) for p in paths]
    for cache_dir in (cache, tmp_path / "empty-cache"):
        got = _named(_check(monkeypatch, capsys, cache_dir, fmt, *paths), fmt)
        if fmt == "rich":
            assert got == [tuple(e[0][0] for e in expected), tuple(e[1][0] for e in expected)]
        else:
            assert got == [e[0] for e in expected] + [e[1] for e in expected]
