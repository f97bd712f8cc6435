"""A run that survives its environment (issue 9, items 7, 9, 10 and 12).

The CLI runs in a subprocess with a test double for the engine (tests/patched_cli.py), so a
claim can hang, print from C, or raise, on purpose.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PATCHED = Path(__file__).resolve().parent / "patched_cli.py"

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")


def _derivation(name: str, claim: str, note: str = "") -> str:
    return (f'[[derivation]]\nid = "{name}"\nclaim = "{claim}"\n'
            + (f'note = "{note}"\n' if note else ""))


def _file(tmp_path: Path, *derivations: str) -> Path:
    path = tmp_path / "d.toml"
    path.write_text("format = 1\n" + "".join(derivations))
    return path


def _default_sigint() -> None:  # a background shell may have left SIGINT ignored
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(PATCHED), *args], cwd=tmp_path, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True, preexec_fn=_default_sigint)


def _cleanup(proc: subprocess.Popen[str]) -> tuple[str, str]:
    """Whatever happened: kill what is left of the CLI's process group (its workers too, even
    after the CLI died), and collect its output."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    return proc.communicate(timeout=30)


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry))
    return out


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for a reaper has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def _wait_for(condition, seconds: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "term"])
def test_workers_end_when_the_cli_is_killed(tmp_path: Path, sig: signal.Signals) -> None:
    path = _file(tmp_path, _derivation("a", "x + 1 == 1 + x", "hang"),
                 _derivation("b", "x + 2 == 2 + x", "hang"))
    proc = _start(tmp_path, "check", str(path), "--jobs", "2", "--no-cache", "--format", "json")
    workers: list[int] = []
    try:
        _wait_for(lambda: len(_children(proc.pid)) >= 2)
        workers = _children(proc.pid)
        time.sleep(1.0)  # both are now deciding their (hanging) claim
        os.kill(proc.pid, sig)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 5
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        survivors = [w for w in workers if _alive(w)]
    finally:
        _cleanup(proc)
    assert not survivors, "workers outlived the CLI"
    if sig is signal.SIGTERM:  # handled: the report of what finished, as for Ctrl-C
        assert proc.returncode == 130


def test_ctrl_c_reports_what_finished_keeps_it_and_exits_130(tmp_path: Path) -> None:
    path = _file(tmp_path, _derivation("first", "x + x == 2*x"),
                 _derivation("second", "x * x == x**2"),
                 _derivation("stuck", "x + 1 == 1 + x", "hang"),
                 _derivation("never", "2*x == x + x"))
    cache = tmp_path / "cache"
    args = ("check", str(path), "--jobs", "1", "--format", "json", "--cache-dir", str(cache))
    proc = _start(tmp_path, *args)
    try:
        # each entry is cached as soon as it finishes: wait for the two before the hang
        _wait_for(lambda: len(list(cache.rglob("*.pickle"))) == 2)
        workers = _children(proc.pid)
        time.sleep(0.5)
        os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: the whole process group
        proc.wait(timeout=30)
        survivors = [w for w in workers if _alive(w)]
    finally:
        out, err = _cleanup(proc)
    assert proc.returncode == 130
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    data = json.loads(out)
    assert data["interrupted"] is True
    verdicts = {r["entry"].split("::")[1]: (r["verdict"], r["method"]) for r in data["records"]}
    assert verdicts == {"first": ("proved", "structural"), "second": ("proved", "structural"),
                        "stuck": ("unknown", "not run")}
    errors = {e["id"].split("::")[1]: e["error"] for e in data["entries"]}
    assert errors["never"] == "not run: the run was interrupted"
    assert not survivors
    # the finished entries were kept: a new run takes them from the cache
    again = subprocess.run([sys.executable, str(ROOT / "cli.py"), *args, "--only", "first",
                            "--only", "second"], cwd=tmp_path, capture_output=True, text=True,
                           timeout=120, check=False)
    assert again.returncode == 0 and json.loads(again.stdout)["cached"] == 2


def test_ctrl_c_in_the_terminal_report(tmp_path: Path) -> None:
    path = _file(tmp_path, _derivation("first", "x + x == 2*x"),
                 _derivation("stuck", "x + 1 == 1 + x", "hang"))
    cache = tmp_path / "cache"
    proc = _start(tmp_path, "check", str(path), "--jobs", "1", "--cache-dir", str(cache),
                  "--ascii")
    try:
        _wait_for(lambda: len(list(cache.rglob("*.pickle"))) == 1)  # "first" is finished
        time.sleep(0.5)
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(timeout=30)
    finally:
        out, err = _cleanup(proc)
    assert proc.returncode == 130 and "Traceback" not in err + out
    assert "? unknown (not run)" in out
    assert "Interrupted: 1 of 2 entries finished (their results are cached); the rest are " \
           "shown as not run." in " ".join(out.split())


@pytest.mark.parametrize("fmt", ["json", "junit"])
@pytest.mark.parametrize("debug", [False, True], ids=["plain", "debug"])
def test_worker_output_never_reaches_the_report(tmp_path: Path, fmt: str, debug: bool) -> None:
    path = _file(tmp_path, _derivation("noisy", "x * x == x**2", "print"),
                 _derivation("quiet", "x + x == 2*x"))
    out_file = tmp_path / "out"
    argv = [sys.executable, str(PATCHED), "check", str(path), "--format", fmt, "--no-cache",
            "--jobs", "1"] + (["--debug"] if debug else [])
    proc = subprocess.run(argv, cwd=tmp_path, stdout=out_file.open("wb"),
                          stderr=subprocess.PIPE, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    text = out_file.read_text()
    assert "FLINT" not in text and "C-level" not in text and "print in a worker" not in text
    if fmt == "json":
        assert json.loads(text)["summary"]["proved"] == 2
    else:
        assert len(ET.fromstring(text).findall(".//testcase")) == 2
    assert ("FLINT exception" in proc.stderr) is debug  # debug: workers' output on stderr


@pytest.mark.parametrize("fmt", ["json", "rich"])
def test_an_internal_error_is_one_line_without_a_traceback(tmp_path: Path, fmt: str) -> None:
    path = _file(tmp_path, _derivation("buggy", "x - x == 0", "bug"),
                 _derivation("fine", "x + x == 2*x"))
    argv = [sys.executable, str(PATCHED), "check", str(path), "--format", fmt, "--no-cache",
            "--jobs", "1", "--ascii"]
    proc = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          check=False)
    assert proc.returncode == 1  # an internal error is a failure
    for text in (proc.stdout, proc.stderr):
        assert "Traceback" not in text and 'File "' not in text and "second line" not in text
    line = ("internal error: ValueError: boom in /site-packages/checker/engine.py (a derivcheck "
            "bug; --debug shows the traceback)")
    if fmt == "json":
        records = {r["entry"].split("::")[1]: r for r in json.loads(proc.stdout)["records"]}
        assert (records["buggy"]["verdict"], records["buggy"]["method"]) == ("error", "internal")
        assert records["buggy"]["detail"] == line
        assert records["fine"]["verdict"] == "proved"
    else:
        assert "! error (internal) -- EXPECTED PROVED" in proc.stdout
        assert line in " ".join(proc.stdout.replace("|", " ").split())
    debug = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, timeout=120,
                           check=False, env={**os.environ, "DERIVCHECK_DEBUG": "1"})
    assert "Traceback" in debug.stderr and "second line" in debug.stderr
    assert "Traceback" not in debug.stdout


@pytest.mark.slow
def test_budget_on_the_command_line(tmp_path: Path) -> None:
    path = _file(tmp_path, _derivation("fine", "x + x == 2*x"),
                 _derivation("stuck", "x + 1 == 1 + x", "hang"),
                 _derivation("later", "2*x == x + x"))
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, str(PATCHED), "check", str(path), "--budget", "3",
                           "--no-cache", "--jobs", "1", "--ascii"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, check=False)
    assert time.monotonic() - t0 < 30  # not the 60 s per-claim timeout
    assert proc.returncode == 1, proc.stderr  # unknown where proved was expected
    text = " ".join(proc.stdout.replace("|", " ").split())
    assert "ok proved - structural" in text  # decided before the budget ran out: kept
    assert "? unknown (budget) -- EXPECTED PROVED" in text
    assert "not decided: the run's budget of 3 s ran out (--budget)" in text
    assert "unknown (budget): not checked, the run's budget of 3 s ran out (--budget)" in text


@pytest.mark.parametrize("gap", [0.0, 0.005])
def test_a_second_signal_does_not_lose_the_report(tmp_path: Path, gap: float) -> None:
    """`timeout` signals the process and then its group, a user presses Ctrl-C twice: the
    second signal came while the workers were stopped and the report made, and the run ended
    with no report (or the last run's --output left in place). Now the report of what
    finished is always written, and an earlier --output is never left to be read as this
    run's."""
    path = _file(tmp_path, _derivation("first", "x + x == 2*x"),
                 _derivation("stuck", "x + 1 == 1 + x", "hang"))
    report = tmp_path / "report.json"
    report.write_text("STALE")
    cache = tmp_path / "cache"
    proc = _start(tmp_path, "check", str(path), "--jobs", "1", "--format", "json",
                  "--cache-dir", str(cache), "--output", str(report))
    try:
        _wait_for(lambda: len(list(cache.rglob("*.pickle"))) == 1)
        time.sleep(0.3)
        os.kill(proc.pid, signal.SIGINT)
        time.sleep(gap)
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(timeout=30)
    finally:
        _, err = _cleanup(proc)
    assert proc.returncode == 130 and "Traceback" not in err, err
    data = json.loads(report.read_text())
    assert data["interrupted"] is True


@pytest.mark.parametrize("how", ["full", "pipe"])
def test_a_report_that_cannot_be_written_is_a_one_line_error(tmp_path: Path, how: str) -> None:
    """> /dev/full and | head -1 gave a traceback, or exit 1 (which means a mismatch). The
    report through the pipe is larger than a pipe's buffer (64 KiB), so that the process cannot
    have written all of it before the reader closes (it then exited 0: a race, under load)."""
    many = 40 if how == "full" else 400
    path = _file(tmp_path, *(_derivation(f"d{k}", "x + x == 2*x") for k in range(many)))
    argv = [sys.executable, str(ROOT / "cli.py"), "check", str(path), "--no-cache", "--jobs", "1"]
    if how == "full":
        with open("/dev/full", "w") as full:
            proc = subprocess.run(argv, stdout=full, stderr=subprocess.PIPE, text=True,
                                  timeout=120, check=False)
        err = proc.stderr
    else:
        p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert p.stdout is not None and p.stderr is not None
        p.stdout.readline()
        p.stdout.close()
        err = p.stderr.read()
        p.wait(timeout=120)
        proc = p  # type: ignore[assignment]
    assert proc.returncode == 2, err
    assert "Traceback" not in err and "cannot write the report to standard output" in err
