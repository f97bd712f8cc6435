"""The former home of the file readers, kept so that existing imports work: see
:mod:`checker.files` (one reader per format, chosen by suffix)."""

from __future__ import annotations

from checker.files import load_file, load_files
from checker.files.common import MAX_FILE_BYTES, READ_SECONDS, InputError, Loaded

__all__ = ["MAX_FILE_BYTES", "READ_SECONDS", "InputError", "Loaded", "load_file", "load_files"]
