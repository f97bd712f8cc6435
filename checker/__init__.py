"""derivcheck: decide claims about neural-network mathematics, and say how.

The public surface: build :class:`Claim` / :class:`Derivation` objects (or use
the catalog in ``derivations``), decide one with :func:`check_claim`, or run
many under time limits with :func:`run`.
"""

from __future__ import annotations

__version__ = "0.1.0"

from checker.engine import Settings, check_claim
from checker.exitcodes import ExitCode, exit_code
from checker.model import (
    CatalogItem,
    Check,
    CheckKind,
    Claim,
    Condition,
    Derivation,
    Equation,
    Identity,
    Index,
    OneHot,
    OneHotAt,
    Step,
)
from checker.results import (
    CheckResult,
    Counterexample,
    EntryOutcome,
    Method,
    Result,
    RunReport,
    Verdict,
)
from checker.runner import Limits, run

__all__ = [
    "CatalogItem", "Check", "CheckKind", "CheckResult", "Claim", "Condition", "Counterexample",
    "Derivation", "EntryOutcome", "Equation", "ExitCode", "Identity", "Index", "Limits", "Method",
    "OneHot", "OneHotAt", "Result", "RunReport", "Settings", "Step", "Verdict", "__version__",
    "check_claim", "exit_code", "run",
]
