"""Documents (Markdown, LaTeX, notebooks) → derivations: what every document reader shares.

A format's reader (:mod:`~checker.files.markdown`, :mod:`~checker.files.tex`,
:mod:`~checker.files.notebook`) finds the document's *displays*, its *declaration blocks*
(what the prose says informally, in the keys of a derivation file's ``[context]``) and the
per-display *controls* (id, expected verdicts, skip); :func:`build` turns them into
derivations:

* a display whose first relation is a definition (``:=``, ``\\coloneqq``, ``\triangleq``,
  ``\\stackrel{\text{def}}{=}``), or whose left side is a name not declared or seen before
  (``L = −Σ y log ŷ``, ``f(x) = x²``), defines that name for the rest of its section;
* every other display with ``=`` between expressions is a chain: each adjacent pair is a
  check, at the file line where the step is written;
* a line that cannot be read is reported at its file line and column; its neighbours are
  still read, and the checks that need it say "not checked: line N could not be read".

Declarations hold for the whole document; a declaration block under a heading holds for that
section (and replaces nothing else). A sidecar file (``--declarations FILE``, or ``DOC.toml``
next to the document, TOML) may hold the same keys under ``[context]``, per-section keys under
``[sections."Heading"]``, keys for a range of lines under ``[[part]]`` (``lines = [from, to]``,
for parts that are not headings: "Question 2"), and ``[[display]]`` tables (``line``, ``id``,
``title``, ``expect``, ``expect_steps``, ``expect_lines``, ``note``, ``skip``) for documents
that cannot be edited.
"""

from __future__ import annotations

from collections.abc import Callable

from checker.deadline import OutOfTime, time_limit
from checker.files.common import (
    Bad,
    InputError,
    Loaded,
    read_text,
    reading_bug,
)
from checker.files.document_build import build
from checker.files.document_declarations import (
    merge_tables,
    read_sidecar,
)
from checker.files.document_model import (
    DEFINES,
    DISPLAY_KEYS,
    NAME,
    Display,
    Document,
    assemble,
    line_col,
)

__all__ = [
    "DEFINES",
    "DISPLAY_KEYS",
    "DOCUMENT_SECONDS",
    "NAME",
    "Display",
    "Document",
    "assemble",
    "bounded",
    "build",
    "line_col",
    "merge_tables",
    "read_document",
    "read_sidecar",
]


def read_document(path: str, declarations: str | None,
                  extract: Callable[[str, str], Document]) -> Loaded:
    """A document file read by its format's ``extract`` and built with its sidecar."""
    try:
        text = read_text(path)
    except Bad as exc:
        return Loaded(errors=[InputError(path, exc.message)])
    sidecar, errors = read_sidecar(declarations, path)
    out = bounded(path, lambda: build(extract(text, path), sidecar))
    out.errors[:0] = errors
    return out


DOCUMENT_SECONDS = 60.0  # CPU seconds to read one document whole (each derivation has its own)


def bounded(path: str, read: Callable[[], Loaded]) -> Loaded:
    """``read()`` under the document's time limit: a document whose reading does not end
    (quadratic prose, thousands of plain-text formula lines) is one input error, in bounded
    time; a document the format's reader refuses whole (Bad) is one too."""
    try:
        with time_limit(DOCUMENT_SECONDS):
            return read()
    except Bad as exc:  # (the rest of the run goes on)
        return Loaded(errors=[InputError(path, exc.message)])
    except OutOfTime:
        return Loaded(errors=[InputError(path, f"reading the document took longer than "
                                               f"{DOCUMENT_SECONDS:g} s of CPU; split it into "
                                               "smaller files")])
    except (RecursionError, MemoryError) as exc:
        return Loaded(errors=[InputError(path, f"too large to read ({type(exc).__name__})")])
    except Exception as exc:  # a bug of ours: this document's error, never the whole run's
        return Loaded(errors=[InputError(path, reading_bug(exc))])
