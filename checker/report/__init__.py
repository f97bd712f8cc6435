"""Output formats, looked up by name: one module per format, one line per format here.

Every format but ``rich`` is a module with ``dumps(report: RunReport) -> str``: a reader of
the results, nothing more. ``rich`` (:mod:`checker.report.terminal`) draws on a console
instead, so that a terminal can show entries as they finish. Modules are imported when a
format is used, so naming the formats costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checker.results import RunReport

FORMATS: dict[str, str] = {
    "rich": "checker.report.terminal",
    "json": "checker.report.json_report",
    "junit": "checker.report.junit",
    "github": "checker.report.github",
    "html": "checker.report.html",
}


def dumps(name: str) -> Callable[[RunReport], str]:
    """The ``dumps`` of the format called ``name`` (every format but ``rich``)."""
    return import_module(FORMATS[name]).dumps
