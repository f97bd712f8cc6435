"""An earlier run's report is never left at --output by a run that stops on an error (a CI
step with ``if: always()`` published the stale one as this run's)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("extra", [["--only", "nomatch"], ["--timeout", "-1"]])
def test_a_run_stopped_by_an_error_leaves_no_stale_report(tmp_path: Path, extra: list) -> None:
    doc = tmp_path / "a.md"
    doc.write_text("$$x + x = 2x$$\n", encoding="utf-8")
    out = tmp_path / "report.xml"
    out.write_text('<testsuites name="derivcheck"><stale/></testsuites>', encoding="utf-8")
    other = tmp_path / "notes.txt"  # (not a report: a mistyped run never removes it)
    other.write_text("my notes", encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "cli.py"), "check", str(doc), "--format",
                           "junit", "--output", str(out), *extra],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert not out.exists() or "<stale/>" not in out.read_text(encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "cli.py"), "check", str(doc), "--format",
                           "junit", "--output", str(other), *extra],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 2 and other.read_text(encoding="utf-8") == "my notes"
    done = subprocess.run([sys.executable, str(ROOT / "cli.py"), "check", str(doc), "--format",
                           "junit", "--output", str(out), "--no-cache"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0 and out.read_text(encoding="utf-8").startswith("<?xml"), done


def test_the_report_is_never_written_over_a_file_the_run_checks(tmp_path: Path) -> None:
    doc = tmp_path / "a.md"
    text = "$$x + x = 2x$$\n"
    doc.write_text(text, encoding="utf-8")
    for given, out in ((doc, doc), (tmp_path, doc)):
        done = subprocess.run([sys.executable, str(ROOT / "cli.py"), "check", str(given),
                               "--format", "json", "--output", str(out)],
                              capture_output=True, text=True, cwd=ROOT, timeout=300)
        assert done.returncode == 2 and "a file this run checks" in done.stderr, done.stderr
        assert doc.read_text(encoding="utf-8") == text
    report = tmp_path / "report.json"
    done = subprocess.run([sys.executable, str(ROOT / "cli.py"), "check", str(tmp_path),
                           "--format", "json", "--output", str(report)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0 and report.read_text(encoding="utf-8").startswith("{"), done


def test_the_report_is_never_written_over_a_documents_sidecar(tmp_path: Path) -> None:
    """DOC.toml beside DOC.md is read with it: --output DOC.toml lost the declarations."""
    doc, side = tmp_path / "sc.md", tmp_path / "sc.toml"
    doc.write_text("$$|x| = x$$\n", encoding="utf-8")
    side.write_text('symbols = { x = "positive" }\n', encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "cli.py"), "check", str(doc),
                           "--format", "json", "--output", str(side)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 2 and "a file this run checks" in done.stderr, done.stderr
    assert side.read_text(encoding="utf-8") == 'symbols = { x = "positive" }\n'


@pytest.mark.parametrize("sig", ["SIGINT", "SIGTERM"])
def test_a_signal_while_starting_stops_the_run_as_an_interrupt(tmp_path: Path, sig: str) -> None:
    """A Ctrl-C while SymPy and Rich were imported printed a KeyboardInterrupt traceback and
    left an earlier report at --output (SIGTERM: exit 143)."""
    doc, out = tmp_path / "a.md", tmp_path / "o.json"
    doc.write_text("$$x + x = 2x$$\n", encoding="utf-8")
    out.write_text('{"tool": "derivcheck", "stale": true}\n', encoding="utf-8")
    code = ("import os, signal, sys; sys.argv = ['cli.py', 'check', sys.argv[1], '--format', "
            "'json', '--output', sys.argv[2]]; import cli; "
            f"os.kill(os.getpid(), signal.{sig}); sys.exit(cli.main())")
    done = subprocess.run([sys.executable, "-c", code, str(doc), str(out)], capture_output=True,
                          text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 130 and "Traceback" not in done.stderr, (done.returncode, done.stderr)
    assert not out.exists()


def test_a_run_where_nothing_could_be_read_does_not_say_what_was_read_matches(
        tmp_path: Path) -> None:
    doc = tmp_path / "a.md"
    doc.write_text("# N\n\nSuppose $x > 0$ fails.\n\n$$|x| = x$$\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "cli.py"), "check", str(doc), "--no-cache"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300,
                          env={**__import__("os").environ, "COLUMNS": "200"})
    assert done.returncode == 2, done
    assert "Nothing could be read and checked" in done.stdout, done.stdout
    assert "What could be read matches" not in done.stdout


def test_an_empty_run_says_so_in_every_machine_format(tmp_path: Path) -> None:
    """GitHub's format said "every result as expected" of a run that exits 2 on nothing."""
    import json

    doc = tmp_path / "a.md"
    doc.write_text("# P\n\nText only.\n", encoding="utf-8")
    for fmt in ("github", "json", "junit"):
        done = subprocess.run([sys.executable, str(ROOT / "cli.py"), "check", str(doc), "--format",
                               fmt], capture_output=True, text=True, cwd=ROOT, timeout=300)
        assert done.returncode == 2, (fmt, done)
        assert "nothing was checked" in done.stdout, (fmt, done.stdout)
        if fmt == "github":
            assert done.stdout.startswith("::error ") and "every result as expected" not in done.stdout
        if fmt == "json":
            assert json.loads(done.stdout)["note"].startswith("nothing was checked")
