"""Project settings: the ``[tool.derivcheck]`` table of the nearest ``pyproject.toml``.

Discovery walks up from the current directory and takes the first ``pyproject.toml`` that
has a ``[tool.derivcheck]`` table (one without the table is passed over, as Ruff does). Keys
are spelled as the command-line options; the command line wins over the file, the file over
the built-in defaults. Paths in the file are relative to the file's directory.

```toml
[tool.derivcheck]
paths = ["notes", "homework/hw3.tex"]   # what `derivcheck check` checks without arguments
declarations = "notes/decl.toml"         # --declarations: a sidecar for the documents
timeout = 30                             # --timeout, seconds per claim
strict = true                            # --strict
format = "github"                        # --format
```
"""

from __future__ import annotations

import math
import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from checker.toml_safe import toml_loads

FILE = "pyproject.toml"
MAX_BYTES = 1_000_000


class ConfigError(Exception):
    """A ``[tool.derivcheck]`` table that cannot be used; the message names file and key."""


def _seconds(v: object) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v) or v <= 0:
        raise ValueError("a positive number of seconds")
    return float(v)


def _jobs(v: object) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or v < 0:
        raise ValueError("a whole number, 0 (one per core) or more")
    return v


def _seed(v: object) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise ValueError("a whole number")
    return v


def _flag(v: object) -> bool:
    if not isinstance(v, bool):
        raise ValueError("true or false")
    return v


def _path(v: object) -> str:
    if not isinstance(v, str) or not v.strip():
        raise ValueError("a path, as a string")
    return v


def _paths(v: object) -> list[str]:
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not v or not all(isinstance(p, str) and p.strip() for p in v):
        raise ValueError('a list of paths, e.g. ["notes", "hw.tex"]')
    return list(v)


def _format(v: object) -> str:
    from checker.report import FORMATS  # a table of names: imports no format

    if v not in FORMATS:
        raise ValueError(f"one of {', '.join(FORMATS)}")
    return v  # type: ignore[return-value]


# key → (reader, the command-line option it stands for). Only `check` reads paths and
# declarations; the rest apply to `verify` too.
KEYS: dict[str, tuple[Callable[[object], object], str]] = {
    "paths": (_paths, "FILE…"),
    "declarations": (_path, "--declarations"),
    "format": (_format, "--format"),
    "strict": (_flag, "--strict"),
    "exact": (_flag, "--exact"),
    "diagnosis": (_flag, "--diagnosis"),
    "timeout": (_seconds, "--timeout"),
    "exact-budget": (_seconds, "--exact-budget"),
    "budget": (_seconds, "--budget"),
    "file-budget": (_seconds, "--file-budget"),
    "jobs": (_jobs, "--jobs"),
    "seed": (_seed, "--seed"),
}


@dataclass(frozen=True)
class Config:
    """The settings read, with paths made absolute; empty when no file was found."""

    path: Path | None = None
    values: dict[str, object] = field(default_factory=dict)

    def get(self, key: str, default: object = None) -> object:
        return self.values.get(key, default)


def _table(path: Path) -> dict | None:
    """The file's ``[tool.derivcheck]`` table, or None when it has none."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise ConfigError(f"{path}: larger than {MAX_BYTES} bytes")
    try:
        doc = toml_loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); derivcheck reads its "
                          "[tool.derivcheck] table") from None
    tool = doc.get("tool")
    if not isinstance(tool, dict) or "derivcheck" not in tool:
        return None
    table = tool["derivcheck"]
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.derivcheck] must be a table of settings")
    return table


def parse(path: Path, table: dict) -> Config:
    """Check every key of a ``[tool.derivcheck]`` table read from ``path``."""
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        near = {k.replace("_", "-"): k for k in unknown if k.replace("_", "-") in KEYS}
        hint = "".join(f"; write {k!r} for {v!r}" for k, v in near.items())
        raise ConfigError(f"{path}: [tool.derivcheck] has unknown key(s) "
                          f"{', '.join(map(repr, unknown))}{hint}; known keys: "
                          f"{', '.join(KEYS)}")
    values: dict[str, object] = {}
    for key, raw in table.items():
        read, option = KEYS[key]
        try:
            values[key] = read(raw)
        except ValueError as exc:
            raise ConfigError(f"{path}: [tool.derivcheck] {key} (as {option}) must be {exc}, "
                              f"got {raw!r}") from None
    base = path.parent
    if "paths" in values:
        values["paths"] = [shown(base / p) for p in values["paths"]]  # type: ignore[union-attr]
    if "declarations" in values:
        values["declarations"] = shown(base / str(values["declarations"]))
    return Config(path, values)


def shown(path: Path) -> str:
    """A path as the reports show it: relative to the current directory (``../notes`` from a
    sub-folder), so that a reproduce command works where it is printed."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return str(path)


def find(start: Path | None = None) -> Path | None:
    """The nearest ``pyproject.toml`` with a ``[tool.derivcheck]`` table, from ``start`` (the
    current directory) upwards."""
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        candidate = directory / FILE
        if candidate.is_file() and _table(candidate) is not None:
            return candidate
    return None


def load(start: Path | None = None) -> Config:
    """The settings that apply in ``start`` (the current directory); empty when none do."""
    path = find(start)
    if path is None:
        return Config()
    return parse(path, _table(path) or {})
