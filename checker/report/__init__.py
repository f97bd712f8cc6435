"""Report formats, looked up by name: each is one module that reads a RunReport.

``rich`` draws on a terminal (:mod:`checker.report.terminal`); every other format is a module
with ``dumps(report: RunReport) -> str``, listed in :data:`FORMATS` and imported only when
it is used (so ``--format json`` never imports what the HTML report needs). A new format is
one module and one line here.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checker.results import RunReport

TERMINAL = "rich"

# name → module with dumps(report) -> str
FORMATS: dict[str, str] = {
    "json": "checker.report.json_report",
    "junit": "checker.report.junit",
    "html": "checker.report.html",
}


def names() -> tuple[str, ...]:
    """Every format's name, the terminal's first (for ``--format``'s choices)."""
    return (TERMINAL, *FORMATS)


def dumps(name: str, report: RunReport) -> str:
    """The report in the text format ``name`` (one of :data:`FORMATS`)."""
    return import_module(FORMATS[name]).dumps(report)
