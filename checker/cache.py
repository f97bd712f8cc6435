"""A result cache, so that an unchanged catalog re-verifies in about the time of starting Python.

An entry's results are stored under a key made of
  * the engine's fingerprint: a hash of every source file of ``checker/`` and
    ``derivations/`` (any code change invalidates everything),
  * the settings that can change a result (seed, budgets, target, --exact),
  * the item's own key: its catalog id, or a derivation file's content hash and
    derivation id.
Entries that could not be built, and results that ran into a time or memory limit
(which may differ on another run), are never stored. The files are pickles written by
derivcheck itself under the user's cache directory; point ``--cache-dir`` only at a
directory other people cannot write to.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import astuple, dataclass
from functools import lru_cache
from pathlib import Path

from checker.results import Method, Result

ROOT = Path(__file__).resolve().parent.parent
FORMAT = 1


@lru_cache(maxsize=1)
def fingerprint() -> str:
    h = hashlib.sha256(f"derivcheck-cache-{FORMAT}".encode())
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
    def __init__(self, directory: Path, settings: object) -> None:
        self.directory = directory
        self.salt = hashlib.sha256(
            (fingerprint() + repr(astuple(settings))).encode()).hexdigest()  # type: ignore[arg-type]
        self.hits = 0

    def _path(self, item_key: str) -> Path:
        digest = hashlib.sha256((self.salt + item_key).encode()).hexdigest()
        return self.directory / digest[:2] / f"{digest}.pickle"

    def load(self, item_key: str) -> Cached | None:
        path = self._path(item_key)
        try:
            with path.open("rb") as fh:
                found = pickle.load(fh)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError):
            return None
        if not isinstance(found, Cached):
            return None
        self.hits += 1
        return found

    def store(self, item_key: str, entry: object, results: dict[int, Result]) -> None:
        if any(r.method in (Method.TIMEOUT, Method.MEMORY) for r in results.values()):
            return  # a limit may not be hit next time: do not remember it
        path = self._path(item_key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as fh:
                pickle.dump(Cached(entry, results), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(fh.name, path)
        except (OSError, pickle.PickleError, TypeError, AttributeError):
            return  # a cache that cannot be written is only slower, never wrong
