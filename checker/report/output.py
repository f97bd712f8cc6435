"""Where a report is written: ``--output FILE`` is checked before the run, not after it."""

from __future__ import annotations

import os


def unwritable(path: str) -> str | None:
    """Why the report cannot be written to ``path``, or None. Opening in append mode creates
    nothing that stays: a file this made is removed again, so a run that then fails leaves no
    empty report behind, and an existing file is left as it is until the report replaces it."""
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
