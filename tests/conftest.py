"""Shared fixtures: the whole catalog is verified once per test session."""

from __future__ import annotations

import pytest

from checker import Limits, RunReport, Settings, run
from derivations import catalog


@pytest.fixture(scope="session")
def catalog_report() -> RunReport:
    # Generous per-claim limit: this checks verdicts, not speed (see bench/ for speed).
    return run(catalog(), Settings(), Limits(timeout=240, jobs=2))
