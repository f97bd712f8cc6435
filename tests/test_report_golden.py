"""The terminal report, rendered into a fixed-width console, compared with golden text.

Set UPDATE_GOLDEN=1 to rewrite the golden files after an intended change (then read the diff).
"""

from __future__ import annotations

import dataclasses
import io
import os
from pathlib import Path

import pytest
from rich.console import Console

from checker import Limits, RunReport, Settings, run
from checker.report import terminal
from derivations import catalog as full_catalog
from derivations import select
from tests.recheck import assert_refutations

GOLDEN = Path(__file__).parent / "golden"
IDS = "sigmoid-derivative-002-chain", "softmax-shift-vector-n2", "ce-grad-003-case-i-neq-j"


@pytest.fixture(scope="module")
def report() -> RunReport:
    items = [i for i in full_catalog() if i.id in IDS]
    # a generous diagnosis budget: the diagnoses shown must not depend on a busy machine
    rep = run(items, Settings(), Limits(timeout=120, jobs=1, diagnosis=30, diagnosis_ratio=0))
    assert assert_refutations(rep) >= 2
    # Times vary from run to run; fix them so the text is reproducible.
    outcomes = tuple(
        dataclasses.replace(o, checks=tuple(
            dataclasses.replace(c, result=dataclasses.replace(c.result, elapsed=0.004))
            for c in o.checks))
        for o in rep.outcomes)
    return dataclasses.replace(rep, outcomes=outcomes, elapsed=1.5)


@pytest.mark.parametrize("ascii_only", [False, True], ids=["unicode", "ascii"])
def test_report_matches_golden(report: RunReport, ascii_only: bool) -> None:
    buf = io.StringIO()
    console = Console(file=buf, width=100, color_system=None, force_terminal=False,
                      legacy_windows=False)
    terminal.render(report, console, ascii_only=ascii_only)
    text = buf.getvalue()
    path = GOLDEN / f"report-{'ascii' if ascii_only else 'unicode'}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
    if ascii_only:
        assert all(ord(ch) < 128 for ch in text), "ASCII mode printed non-ASCII characters"


def test_select_patterns() -> None:
    items = full_catalog()
    assert [i.id for i in select(items, "softmax-shift-scalar-n8")] == ["softmax-shift-scalar-n8"]
    assert len(select(items, "softmax-jacobian-n*")) == 7


@pytest.mark.parametrize("ascii_only", [False, True], ids=["unicode", "ascii"])
def test_panels_rendered_while_the_run_goes_on_print_as_the_report_would(
        report: RunReport, ascii_only: bool) -> None:
    """The CLI renders each entry's panel as it finishes (while the workers run) and the
    report at the end only writes them: the text is the report's, byte for byte."""
    def console(buf: io.StringIO) -> Console:
        return Console(file=buf, width=100, color_system=None, force_terminal=False,
                       legacy_windows=False)

    at_end, early = io.StringIO(), io.StringIO()
    terminal.render(report, console(at_end), ascii_only=ascii_only)
    target = console(early)
    rendered = {o.id: terminal.panel_text(o, target, ascii_only) for o in report.outcomes}
    terminal.render(report, target, ascii_only=ascii_only, rendered=rendered)
    assert early.getvalue() == at_end.getvalue()
