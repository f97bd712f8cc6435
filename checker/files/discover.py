"""What ``derivcheck check`` reads besides named files: directories and standard input.

A **directory** is walked (sorted, recursively) for the files that ``check`` reads by suffix
(:data:`checker.files.READERS`), skipping what is not a derivation file or a document:
hidden files and folders (``.git``, ``.venv``, ``.ipynb_checkpoints``), ``__pycache__``,
``node_modules``, virtual environments (a folder holding ``pyvenv.cfg``), the declarations
file given with ``--declarations``, a document's sidecar (``DOC.toml`` beside ``DOC.md``), and
TOML files that are not derivation files (``pyproject.toml``, other tools' settings: a TOML
file is taken when it has ``[[derivation]]`` tables or a top-level ``format``, or when it is
not valid TOML, so that its error is reported).

**Standard input** is ``-``. Its format is ``--stdin-format`` (``toml``, ``md``, ``tex``,
``ipynb``) when given, else guessed from the text by :func:`sniff` (first rule that holds):
a text whose first character is ``{`` is a notebook; one with a ``[[derivation]]`` line is
a derivation file; one with ``\\documentclass``, ``\\begin{document}``, a ``% derivcheck``
declaration, or a line starting with ``\\begin{equation}``/``align``/``gather``/
``multline``/``eqnarray`` and no ``$$`` is LaTeX; anything else is Markdown. A guess that
finds nothing to check says so and names ``--stdin-format``. Results are named
``<stdin>::id`` and the reproduce command reads standard input again.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import BinaryIO

from checker.files import READERS, reader
from checker.files.common import IN_MEMORY, MAX_FILE_BYTES, Bad, InputError, Loaded, read_text
from checker.toml_safe import toml_loads

STDIN = "<stdin>"
STDIN_FORMATS = {"toml": ".toml", "md": ".md", "tex": ".tex", "ipynb": ".ipynb"}
NAMES = {"toml": "a derivation file (TOML)", "md": "Markdown", "tex": "LaTeX",
         "ipynb": "a notebook"}
SKIP_DIRS = frozenset({"__pycache__", "node_modules"})
DOCUMENT_SUFFIXES = tuple(s for s in READERS if s != ".toml")
STDIN_LIMIT = 20_000_000  # the largest any reader accepts (notebooks); each applies its own


def _is_derivation_toml(path: str) -> bool:
    try:
        data = toml_loads(read_text(path))
    except (Bad, tomllib.TOMLDecodeError):
        return True  # the reader reports what is wrong with it
    if "derivation" in data:
        return True
    p = Path(path)
    if any(p.with_suffix(s).is_file() for s in DOCUMENT_SUFFIXES):
        return False  # DOC.toml beside DOC.md: the document's sidecar
    return "format" in data


def wanted(path: str, declarations: str | None = None) -> bool:
    """Whether a file met while walking a directory is one for ``check`` to read."""
    name = os.path.basename(path)
    suffix = os.path.splitext(name)[1].lower()
    if name.startswith(".") or suffix not in READERS:
        return False
    if declarations is not None and os.path.exists(declarations):
        try:
            if os.path.samefile(path, declarations):
                return False
        except OSError:
            pass
    return suffix != ".toml" or _is_derivation_toml(path)


def walk(directory: str, declarations: str | None = None) -> list[str]:
    """The files under ``directory`` that ``check`` reads, in a stable order."""
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS
                         and not os.path.exists(os.path.join(root, d, "pyvenv.cfg")))
        for name in sorted(files):
            path = os.path.normpath(os.path.join(root, name))
            if wanted(path, declarations):
                found.append(path)
    return found


def expand(paths: list[str], declarations: str | None = None) -> tuple[list[str], list[InputError]]:
    """Named paths → the files to read, in the order named: directories walked, ``-`` kept
    for the caller. A name given twice is read once, and so is a file that a walk meets again;
    one file named by two different paths is read under each (results are reported under the
    name they were asked for)."""
    out: list[str] = []
    errors: list[InputError] = []
    names: set[str] = set()  # as given
    files: set[str] = set()  # normalised, for the files that walks find
    for path in paths:
        if path != "-" and os.path.isdir(path):
            found = walk(path, declarations)
            if not found:
                errors.append(InputError(path, "is a directory that holds no derivation file or "
                                         f"document ({', '.join(READERS)}); pass files, or a "
                                         "directory that holds some"))
            found = [f for f in found if os.path.normpath(f) not in files]
        else:
            found = [path]
        for f in found:
            if f not in names:
                names.add(f)
                files.add(f if f == "-" else os.path.normpath(f))
                out.append(f)
    return out, errors


def read_stdin(stream: BinaryIO) -> bytes:
    """Standard input, up to one byte past the largest size a reader accepts."""
    chunks, left = [], STDIN_LIMIT + 1
    while left > 0:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


_TEX_ENV = re.compile(r"^\s*\\begin\{(equation|align|gather|multline|eqnarray)\*?\}", re.M)


def sniff(text: str) -> str:
    """The format of a text given without a name (see the module's rules)."""
    if text.lstrip().startswith("{"):
        return "ipynb"
    if re.search(r"^\s*\[\[\s*derivation\s*\]\]", text, re.M):
        return "toml"
    if re.search(r"\\documentclass|\\begin\{document\}|^\s*%\s*derivcheck\b", text, re.M) or \
            (_TEX_ENV.search(text) and "$$" not in text):
        return "tex"
    return "md"


def load_stdin(data: bytes, fmt: str | None = None, declarations: str | None = None) -> Loaded:
    """Read standard input's bytes as ``fmt`` (guessed when None) under the name ``<stdin>``."""
    guessed = fmt is None
    if fmt is None:
        fmt = sniff(data[:MAX_FILE_BYTES].decode("utf-8", "replace"))
    read = reader("x" + STDIN_FORMATS[fmt])
    assert read is not None
    IN_MEMORY[STDIN] = data
    try:
        loaded = read(STDIN) if fmt == "toml" else read(STDIN, declarations)
    finally:
        del IN_MEMORY[STDIN]
    if not loaded.items and not loaded.errors:
        how = (f"read as {NAMES[fmt]}, guessed from the text; pass --stdin-format "
               f"{' or '.join(f for f in STDIN_FORMATS if f != fmt)} if it is not"
               if guessed else f"read as {NAMES[fmt]} (--stdin-format {fmt})")
        loaded.errors.append(InputError(STDIN, f"nothing to check: {how}"))
    return loaded
