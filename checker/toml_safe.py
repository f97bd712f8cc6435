"""TOML read from a user's file, where nesting too deep for Python's recursion is a decode
error like any other (tomllib raises RecursionError: 500 nested arrays in a 1 KB file gave a
traceback and stopped the run)."""

from __future__ import annotations

import tomllib
from typing import Any


def toml_loads(text: str) -> dict[str, Any]:
    """``tomllib.loads``, with nesting too deep raised as ``tomllib.TOMLDecodeError``."""
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise tomllib.TOMLDecodeError(
            "arrays or tables nested too deep to read; nest them less") from None
