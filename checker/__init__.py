"""derivcheck: decide claims about neural-network mathematics, and say how.

The public surface: build :class:`Claim` / :class:`Derivation` objects (or use
the catalog in ``derivations``), decide one with :func:`check_claim`, or run
many under time limits with :func:`run`.

Names are imported when first used (PEP 562), so ``import checker`` — and the
modules that need only a little of it, such as the settings reader that the
pytest plugin uses before anything is collected — costs no SymPy import.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "Settings": "checker.engine", "check_claim": "checker.engine",
    "ExitCode": "checker.exitcodes", "exit_code": "checker.exitcodes",
    **{name: "checker.model" for name in (
        "CatalogItem", "Check", "CheckKind", "Claim", "Condition", "Derivation", "Equation",
        "Identity", "Index", "OneHot", "OneHotAt", "Step")},
    **{name: "checker.results" for name in (
        "CheckResult", "Counterexample", "EntryOutcome", "Method", "Result", "RunReport",
        "Verdict")},
    "Limits": "checker.runner", "run": "checker.runner",
}

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'checker' has no attribute {name!r}")
    value = getattr(import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "CatalogItem", "Check", "CheckKind", "CheckResult", "Claim", "Condition", "Counterexample",
    "Derivation", "EntryOutcome", "Equation", "ExitCode", "Identity", "Index", "Limits", "Method",
    "OneHot", "OneHotAt", "Result", "RunReport", "Settings", "Step", "Verdict", "__version__",
    "check_claim", "exit_code", "run",
]
