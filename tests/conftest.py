"""Shared fixtures: the whole catalog is verified once per test session."""

from __future__ import annotations

import pytest

from checker import Limits, RunReport, Settings, run
from derivations import catalog


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """CLI tests must never read or fill the user's own result cache."""
    import os

    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def catalog_report() -> RunReport:
    # Generous per-claim limit: this checks verdicts, not speed (see bench/ for speed).
    return run(catalog(), Settings(), Limits(timeout=240, jobs=2))
