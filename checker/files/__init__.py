"""Input files → catalog items: one small reader per format, chosen by the file's suffix.

``.toml``: derivation files (:mod:`checker.files.toml_file`). ``.md``, ``.markdown``,
``.txt``: Markdown documents; ``.tex``: LaTeX documents; ``.ipynb``: Jupyter notebooks
(:mod:`checker.files.document`, with :mod:`~checker.files.markdown`,
:mod:`~checker.files.tex` and :mod:`~checker.files.notebook` finding the displays). Every
reader produces the same derivation model, and reports what it cannot read as
:class:`~checker.files.common.InputError` without stopping at it.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from checker.files.common import Bad, InputError, Loaded, read_text

__all__ = ["READERS", "InputError", "Loaded", "load_file", "load_files"]

# suffix → "module:function" taking (path, declarations) and returning Loaded
READERS: dict[str, str] = {
    ".toml": "checker.files.toml_file:read",
    ".md": "checker.files.markdown:read",
    ".markdown": "checker.files.markdown:read",
    ".txt": "checker.files.markdown:read",
    ".tex": "checker.files.tex:read",
    ".ipynb": "checker.files.notebook:read",
}


def reader(path: str) -> Callable[..., Loaded] | None:
    spec = READERS.get(Path(path).suffix.lower())
    if spec is None:
        return None
    module, name = spec.split(":")
    return getattr(import_module(module), name)


def load_file(path: str, declarations: str | None = None) -> Loaded:
    """Read one file with the reader for its suffix (``declarations``: a sidecar file of
    declarations and per-display controls for a document)."""
    read = reader(path)
    if read is None:
        try:  # a missing file, a directory … says so first
            read_text(path)
        except Bad as exc:
            return Loaded(errors=[InputError(path, exc.message)])
        known = ", ".join(sorted(READERS))
        return Loaded(errors=[InputError(path, f"derivcheck reads {known} files; this one's "
                                               "suffix is not one of them")])
    if Path(path).suffix.lower() == ".toml":
        return read(path)
    return read(path, declarations)


def load_files(paths: list[str], declarations: str | None = None) -> Loaded:
    out = Loaded()
    for path in paths:
        out.extend(load_file(path, declarations))
    return out
