"""Progress on a terminal, as a user sees it (a pseudo-terminal): done/total while the run
goes on, each entry's panel as soon as it is finished; output into a pipe or a file stays
quiet. The engine's test double (tests/patched_cli.py) makes one claim hang until its
timeout, so "as soon as it is finished" can be measured."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_run import on_a_terminal
from tests.test_conventions import SGR, colours

PATCHED = Path(__file__).resolve().parent / "patched_cli.py"
TWO = """format = 1

[[derivation]]
id = "quick"
claim = "x + x == 2*x"

[[derivation]]
id = "slow"
claim = "x*x == x**2"
note = "hang"
"""
ARGS = ["check", "two.toml", "--jobs", "2", "--timeout", "3", "--no-cache"]


@pytest.fixture
def two(tmp_path: Path) -> Path:
    (tmp_path / "two.toml").write_text(TWO, encoding="utf-8")
    return tmp_path


def _first(chunks: list[tuple[float, str]], text: str) -> float:
    return next(t for t, c in chunks if text in SGR.sub("", c))


@pytest.mark.slow
def test_results_appear_as_entries_finish_with_done_of_total(two: Path) -> None:
    code, chunks = on_a_terminal([sys.executable, str(PATCHED), *ARGS], two)
    assert code == 1  # the hanging claim is unknown (timeout), expected proved
    whole = SGR.sub("", "".join(c for _, c in chunks))
    assert "0/2 entries" in whole and "1/2 entries" in whole
    quick, slow = _first(chunks, "two.toml::quick"), _first(chunks, "two.toml::slow")
    done = _first(chunks, "Summary")
    assert _first(chunks, "1/2 entries") >= quick
    # the quick entry is shown while the other still runs (it hangs for the 3 s timeout)
    assert slow - quick > 2.0 and done >= slow
    # each panel once: the final report does not draw the entries shown already
    assert whole.count("╭─ two.toml::quick") == 1 and whole.count("╭─ two.toml::slow") == 1
    assert "timeout after 3 s" in whole
    assert colours("".join(c for _, c in chunks))  # a terminal: coloured


@pytest.mark.slow
def test_no_color_on_a_terminal_keeps_unicode_and_progress(two: Path) -> None:
    code, chunks = on_a_terminal([sys.executable, str(PATCHED), *ARGS], two,
                                 env={"NO_COLOR": "1"})
    raw = "".join(c for _, c in chunks)
    assert code == 1 and not colours(raw)
    whole = SGR.sub("", raw)
    assert "1/2 entries" in whole and "✓ proved" in whole and "╭─ two.toml::quick" in whole


@pytest.mark.slow
def test_a_report_into_a_file_shows_progress_only_on_the_terminal(two: Path) -> None:
    code, chunks = on_a_terminal([sys.executable, str(PATCHED), *ARGS, "--output", "r.txt"],
                                 two)
    whole = SGR.sub("", "".join(c for _, c in chunks))
    assert code == 1 and "1/2 entries" in whole
    assert "two.toml::quick" not in whole  # the panels go to the file, not the terminal
    report = (two / "r.txt").read_text(encoding="utf-8")
    assert "\x1b[" not in report and "checking" not in report
    assert report.count("╭─ two.toml::") == 2


def test_pipes_stay_quiet(two: Path) -> None:
    (two / "two.toml").write_text(TWO.replace('note = "hang"\n', ""), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(PATCHED), *ARGS], cwd=two, capture_output=True,
                          text=True, timeout=120, check=False, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stderr == ""
    assert "\x1b[" not in proc.stdout and "checking" not in proc.stdout
    assert not re.search(r"\d/2 entries", proc.stdout)
    assert proc.stdout.count("╭─ two.toml::") == 2


def test_on_entry_is_told_each_entry_once_cached_ones_too(tmp_path: Path) -> None:
    from checker import Limits, Settings, run
    from checker.cache import Cache
    from checker.files import load_file

    (tmp_path / "two.toml").write_text(TWO.replace('note = "hang"\n', ""), encoding="utf-8")
    items = load_file(str(tmp_path / "two.toml")).items
    cache = Cache(tmp_path / "cache", Settings())
    for cached in (0, 2):
        told: list[str] = []
        report = run(items, Settings(), Limits(jobs=1), cache=cache,
                     on_entry=lambda o, told=told: told.append(o.id))  # type: ignore[misc]
        assert report.cached == cached
        assert sorted(told) == sorted(o.id for o in report.outcomes) and len(told) == 2
        assert all(o.matches for o in report.outcomes)


def test_ascii_progress_is_ascii(two: Path) -> None:
    (two / "two.toml").write_text(TWO.replace('note = "hang"\n', ""), encoding="utf-8")
    code, chunks = on_a_terminal([sys.executable, str(PATCHED), *ARGS, "--ascii"], two)
    whole = SGR.sub("", "".join(c for _, c in chunks))
    assert code == 0 and "ok proved" in whole
    assert re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", whole).isascii()
