"""Which files are submissions: the files given, and the files under the folders given whose
suffix ``check`` reads (hidden files and folders, such as ``.ipynb_checkpoints``, are
skipped; so is the problem file itself, should it sit among them)."""

from __future__ import annotations

import os
from pathlib import Path

from checker.files import READERS


def find_submissions(args: list[str], problem: str) -> tuple[list[str], list[str]]:
    """(the submissions' paths in a stable order, notes on what was skipped)."""
    paths: list[str] = []
    notes: list[str] = []
    seen: dict[str, str] = {os.path.realpath(problem): problem}
    for arg in args:
        if os.path.isdir(arg):
            found = _walk(arg)
            if not found:
                notes.append(f"{arg}: no file in this folder has a suffix derivcheck reads "
                             f"({', '.join(sorted(READERS))})")
        else:
            found = [arg]  # a file that cannot be read is a row of the gradebook that says so
        for path in found:
            real = os.path.realpath(path)
            if real in seen:
                if seen[real] != problem:
                    notes.append(f"{path}: the same file as {seen[real]}; graded once")
                continue
            seen[real] = path
            paths.append(path)
    return paths, notes


def _walk(folder: str) -> list[str]:
    out = []
    for root, dirs, files in os.walk(folder):  # symbolic links to folders are not followed
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in READERS:
                out.append(os.path.join(root, name))
    return out
