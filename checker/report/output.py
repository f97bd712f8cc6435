"""Where a report is written: ``--output FILE`` is checked before the run, not after it."""

from __future__ import annotations

import os


def unwritable(path: str) -> str | None:
    """Why the report cannot be written to ``path``, or None. Opening in append mode creates
    nothing that stays: a file this made is removed again, so a run that then fails leaves no
    empty report behind (an existing one is removed by :func:`discard` before the run)."""
    if os.path.isdir(path):
        return "it is a directory"
    existed = os.path.lexists(path)
    try:
        with open(path, "a", encoding="utf-8"):
            pass
    except OSError as exc:
        return exc.strerror or str(exc)
    if not existed:
        try:
            os.unlink(path)
        except OSError:
            pass
    return None


def discard(path: str) -> None:
    """Remove an earlier report at ``path`` (a regular file only: not a device or a pipe), so
    that a run stopped before it writes its own never leaves the old one to be read as this
    run's (a CI step that publishes the JUnit file whatever happened)."""
    try:
        if os.path.isfile(path) and not os.path.islink(path):
            os.unlink(path)
    except OSError:
        pass


def earlier_report(path: str) -> bool:
    """Whether ``path`` is a regular file (not a link) that an earlier run wrote as its report
    (its first 4 KB name derivcheck, as every format's do): what a run stopped by an error
    before it starts may remove, and nothing else (a mistyped argument loses no other file)."""
    try:
        if not os.path.isfile(path) or os.path.islink(path):
            return False
        with open(path, "rb") as fh:
            return b"derivcheck" in fh.read(4096).lower()
    except OSError:
        return False


def read_by_run(path: str, files: list[str] | tuple[str, ...], declarations: str | None) -> bool:
    """Whether ``path`` (--output) names a file the run reads: one given, the declarations, a
    given document's sidecar, or one under a folder given with a suffix ``check`` reads."""
    from pathlib import Path

    from checker.files import READERS

    real = os.path.realpath(path)
    if declarations and real == os.path.realpath(declarations):
        return True
    for given in files:
        there = os.path.realpath(given)
        if real == there or (real.startswith(there.rstrip(os.sep) + os.sep)
                             and Path(real).suffix.lower() in READERS):
            return True
        if real == os.path.realpath(Path(given).with_suffix(".toml")):  # (a document's sidecar,
            return True  # DOC.toml beside DOC.md, which it reads: its declarations were lost)
    return False
