"""Which files are submissions: the files given, and the files under the folders given whose
suffix ``check`` reads (hidden files and folders, such as ``.ipynb_checkpoints``, are
skipped; so are the problem file itself and the ``--out`` folder, should they sit among
them), and which of them a shard
of a CI matrix grades (``--shard K/N``)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from checker.files import READERS


def find_submissions(args: list[str], problem: str, out: str | None = None
                     ) -> tuple[list[str], list[str]]:
    """(the submissions' paths in a stable order, notes on what was skipped). A folder walked
    never yields what is under ``out`` (the gradebook's own folder: its feedback files would
    be graded on the next run)."""
    paths: list[str] = []
    notes: list[str] = []
    seen: dict[str, str] = {}
    the_problem = os.path.realpath(problem)
    skip = os.path.realpath(out) if out else None
    for arg in args:
        if os.path.isdir(arg):
            others: list[str] = []
            found = [p for p in _walk(arg, others) if skip is None or not
                     os.path.realpath(p).startswith(skip + os.sep)]
            if not found:
                notes.append(f"{arg}: no file in this folder has a suffix derivcheck reads "
                             f"({', '.join(sorted(READERS))})")
            else:  # a hand-in as a PDF or a Word file: a row that says so (and is up for
                found = sorted(found + [p for p in others if skip is None or not  # review),
                                        os.path.realpath(p).startswith(skip + os.sep)])
                # not a student who silently has no row
        else:
            found = [arg]  # a file that cannot be read is a row of the gradebook that says so
        for path in found:
            named = os.path.abspath(path)  # (a link under another name, zed.md → ada.md, is
            if os.path.realpath(path) == the_problem:  # a student's row of its own, found
                continue                               # identical to ada.md's)
            if named in seen:  # (the same path twice: a file given and its folder too)
                notes.append(f"{path}: the same path as {seen[named]}; graded once")
                continue
            seen[named] = path
            paths.append(path)
    return paths, notes


def _walk(folder: str, others: list[str] | None = None) -> list[str]:
    """The files under ``folder`` with a suffix ``check`` reads; ``others`` gets the rest
    (not hidden ones)."""
    out = []
    for root, dirs, files in os.walk(folder):  # symbolic links to folders are not followed
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            if Path(name).suffix.lower() in READERS:
                out.append(os.path.join(root, name))
            elif others is not None:
                others.append(os.path.join(root, name))
    return out


def parse_shard(text: str) -> tuple[int, int]:
    """``"K/N"`` → (K, N) with 0 ≤ K < N (raises ValueError with what to write)."""
    k, sep, n = text.partition("/")
    if not (sep and k.strip().isdigit() and n.strip().isdigit()) or \
            not 0 <= int(k) < int(n):
        raise ValueError(f"--shard {text!r}: write K/N with 0 ≤ K < N, e.g. --shard 3/8")
    return int(k), int(n)


def in_shard(path: str, k: int, n: int) -> bool:
    """Whether a submission belongs to shard ``k`` of ``n``: decided by its content, so that
    files with the same bytes fall into the same shard (and are still found identical)."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_HASHED)
    except OSError:
        data = path.encode()  # an unreadable file is a row of the shard its name picks
    return int.from_bytes(hashlib.sha256(data).digest()[:8], "big") % n == k


MAX_HASHED = 20_000_001  # more than any submission that can be read (a notebook's limit)
