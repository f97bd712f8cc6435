"""A result cache, so that an unchanged catalog re-verifies in about the time of starting Python.

An entry's results are stored under a key made of
  * the engine's fingerprint: a hash of every source file of ``checker/`` and
    ``derivations/`` and of the versions of SymPy, python-flint and mpmath (any code change
    or upgrade invalidates everything),
  * the settings that can change a result (seed, budgets, target, --exact),
  * the item's own key: its catalog id, or a derivation file's content hash and
    derivation id.
Entries that could not be built, and results that ran into a time, memory or run budget
limit or an internal error, or whose diagnosis ran out of time (which may differ on another
run), are never stored. The files
are pickles written by derivcheck itself under the user's cache directory; point
``--cache-dir`` only at a directory other people cannot write to.

A damaged cache is only slower, never fatal and never wrong: each file carries a SHA-256
of its pickle, checked before anything is unpickled, so a truncated file, a flipped bit or
an unrelated file is a miss (the file is deleted and the entry recomputed), as is anything
that is not a regular file. Writes go to a temporary file in the same directory and are
renamed into place; a failed write removes its temporary file.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import tempfile
from dataclasses import astuple, dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from checker import wire
from checker.results import Method, Result

ROOT = Path(__file__).resolve().parent.parent
FORMAT = 2
MAGIC = b"derivcheck-cache-2\n"  # then the payload's SHA-256 (32 bytes), then the payload
UNCACHED = (Method.TIMEOUT, Method.MEMORY, Method.BUDGET, Method.INTERNAL, Method.NOT_RUN)


@lru_cache(maxsize=1)
def fingerprint() -> str:
    h = hashlib.sha256(f"derivcheck-cache-{FORMAT}".encode())
    for dist in ("sympy", "python-flint", "mpmath"):  # (an upgrade may decide otherwise)
        try:
            h.update(f"{dist}=={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{dist} absent".encode())
    for folder in ("checker", "derivations"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            h.update(str(path.relative_to(ROOT)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def default_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "derivcheck"


@dataclass(frozen=True)
class Cached:
    entry: object
    results: dict[int, Result]


class Cache:
    def __init__(self, directory: Path, settings: object, variant: str = "") -> None:
        """``variant``: anything else that changes what a result holds (no diagnosis)."""
        self.directory = directory
        self.salt = hashlib.sha256(
            (fingerprint() + repr(astuple(settings)) + variant).encode()).hexdigest()  # type: ignore[arg-type]
        self.hits = 0

    def _path(self, item_key: str) -> Path:
        digest = hashlib.sha256((self.salt + item_key).encode()).hexdigest()
        return self.directory / digest[:2] / f"{digest}.pickle"

    def load(self, item_key: str) -> Cached | None:
        """The stored results, or None; a damaged or foreign file is deleted (a miss)."""
        path = self._path(item_key)
        try:
            data = _read_regular(path)
        except FileNotFoundError:
            return None
        except OSError:  # a directory, a FIFO, an unreadable file …
            _drop(path)
            return None
        found = _decode(data)
        if found is None:
            _drop(path)
            return None
        self.hits += 1
        return found

    def store(self, item_key: str, entry: object, results: dict[int, Result]) -> None:
        if any(r.method in UNCACHED or r.diagnosis_cut for r in results.values()):
            return  # a limit may not be hit next time: do not remember it
        path = self._path(item_key)
        tmp = None
        try:
            payload = wire.dumps(Cached(entry, results))
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=".tmp-",
                                             suffix=".partial", delete=False) as fh:
                tmp = fh.name
                fh.write(MAGIC + hashlib.sha256(payload).digest() + payload)
            os.replace(tmp, path)
            tmp = None
        except Exception:
            return  # a cache that cannot be written is only slower, never wrong
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass


def _read_regular(path: Path) -> bytes:
    """The file's bytes; OSError unless it is a regular file (never blocks on a FIFO)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise IsADirectoryError(f"{path} is not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read()
    finally:
        os.close(fd)


def _decode(data: bytes) -> Cached | None:
    """The checked, unpickled contents, or None for anything damaged or unexpected."""
    head = len(MAGIC) + 32
    if len(data) < head or not data.startswith(MAGIC):
        return None
    payload = data[head:]
    if hashlib.sha256(payload).digest() != data[len(MAGIC):head]:
        return None
    try:
        found = wire.loads(payload)
    except Exception:  # written by another version of a class, or anything else
        return None
    if not isinstance(found, Cached) or not isinstance(found.results, dict) or not all(
            isinstance(k, int) and isinstance(r, Result) for k, r in found.results.items()):
        return None
    return found


def _drop(path: Path) -> None:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    except OSError:
        pass
