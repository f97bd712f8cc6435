"""What a file's text can do to the reports, found by an adversary of the command line: control
characters (an escape sequence that retitles or clears a terminal; a character XML cannot
hold), a byte-order mark, a file name made to run a command where the report's "reproduce:"
line is pasted, and a cached result whose diagnosis ran out of time."""

from __future__ import annotations

import shlex
import xml.etree.ElementTree as ET
from pathlib import Path

from checker import Limits, Settings, run
from checker.cache import Cache
from checker.files import load_file
from checker.report import html, junit
from checker.report.text import reproduce
from checker.results import Method, Result, Verdict

HOSTILE = ('format = 1\n[[derivation]]\nid = "c"\nsource = "src \\u0001"\n'
           'title = "\\u001b]0;pwned\\u0007\\u001b[2JALL PROVED"\nclaim = "x == x + 1"\n')


def test_control_characters_never_reach_a_report(tmp_path: Path) -> None:
    path = tmp_path / "ctl.toml"
    path.write_text(HOSTILE, encoding="utf-8")
    loaded = load_file(str(path))
    assert not loaded.errors, loaded.errors
    report = run(loaded.items, Settings(), Limits(timeout=60, jobs=1))
    assert report.outcomes[0].checks[0].result.verdict is Verdict.REFUTED
    xml = junit.dumps(report)
    ET.fromstring(xml)  # well-formed
    for text in (xml, html.dumps(report), report.outcomes[0].entry.title):
        assert "\x1b" not in text and "\x07" not in text and "\x01" not in text
    assert "\ufffd" in report.outcomes[0].entry.title


def test_a_byte_order_mark_is_no_text(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbfformat = 1\n[[derivation]]\nid = \"b\"\nclaim = \"x == x\"\n")
    loaded = load_file(str(path))
    assert not loaded.errors and len(loaded.items) == 1, loaded.errors


def test_the_reproduce_line_runs_nothing_when_pasted() -> None:
    for name in ("x' $(touch PWNED) '.md", "a b.md", "-dash.md", "it's.md"):
        line = reproduce(f"{name}::L1", 7)
        argv = shlex.split(line)
        assert argv[:2] == ["derivcheck", "check"] and argv[3:] == ["--only", "L1", "--seed", "7"]
        assert argv[2] in (name, "./" + name), line


def test_a_result_whose_diagnosis_ran_out_of_time_is_not_cached(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c", Settings())
    cut = Result(Verdict.REFUTED, Method.EXACT_EVALUATION, 0.1, diagnosis_cut=True)
    whole = Result(Verdict.REFUTED, Method.EXACT_EVALUATION, 0.1)
    cache.store("cut", object(), {1: cut})
    cache.store("whole", None, {1: whole})
    assert cache.load("cut") is None
    assert cache.load("whole") is not None


def test_a_notebooks_annotations_name_the_cell_not_a_line_of_its_json(tmp_path: Path) -> None:
    import json

    from checker.report import github

    cells = [{"cell_type": "code", "metadata": {}, "source": ["1"], "outputs": [],
              "execution_count": 1},
             {"cell_type": "markdown", "metadata": {}, "source": ["text\n", "\n", "$$ x^2 = x^3 $$"]}]
    path = tmp_path / "n.ipynb"
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4,
                                "nbformat_minor": 5}), encoding="utf-8")
    report = run(load_file(str(path)).items, Settings(), Limits(timeout=60, jobs=1))
    annotations = [a for a in github.dumps(report).splitlines() if a.startswith("::error")]
    assert annotations and all("line=" not in a.split("::")[1] for a in annotations), annotations
    assert any("cell 2" in a for a in annotations), annotations
    cases = ET.fromstring(junit.dumps(report)).iter("testcase")
    assert all(c.get("line") is None for c in cases)


def test_an_empty_run_says_why_it_fails_in_json_and_junit(tmp_path: Path) -> None:
    """Exit 2 for a run that checked nothing was explained only in the terminal report."""
    import json
    import subprocess
    import sys

    doc = tmp_path / "empty.md"
    doc.write_text("# Notes\n\nprose only\n", encoding="utf-8")
    cli = Path(__file__).resolve().parent.parent / "cli.py"
    for fmt in ("json", "junit"):
        done = subprocess.run([sys.executable, str(cli), "check", str(doc), "--format", fmt,
                               "--no-cache"], capture_output=True, text=True, timeout=120,
                              check=False)
        assert done.returncode == 2
        if fmt == "json":
            assert json.loads(done.stdout)["note"].startswith("nothing was checked")
        else:
            error = ET.fromstring(done.stdout).find(".//error")
            assert error is not None and error.get("message", "").startswith("nothing was checked")
