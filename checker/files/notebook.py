"""Jupyter notebooks (``.ipynb``): their Markdown cells, read as one Markdown document.

A raw cell whose first line is ``derivcheck`` holds declarations (TOML, the keys of a
derivation file's ``[context]``), as a ```` ```derivcheck ```` block would in Markdown. Code
cells and their outputs are not read (a notebook may hold megabytes of outputs: up to
20 MB are accepted). Errors and results name the cell and the line within it.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

from checker.files.common import Bad, InputError, Loaded, read_text, visible
from checker.files.document import Document, bounded, build, read_sidecar
from checker.files.markdown import extract

MAX_NOTEBOOK_BYTES = 20_000_000


def extract_notebook(text: str, path: str) -> Document:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Bad(f"not a notebook (invalid JSON, line {exc.lineno}: {exc.msg})") from None
    except RecursionError:  # ([[[[…]]]] a thousand deep, in metadata or anywhere)
        raise Bad("not a notebook: its JSON is nested too deep to read") from None
    cells = data.get("cells") if isinstance(data, dict) else None
    if not isinstance(cells, list):
        raise Bad("not a notebook: no list of cells")
    parts: list[str] = []
    starts: list[tuple[int, int]] = []  # (first line in the joined text, cell number)
    line = 1
    unreadable: list[InputError] = []  # cells whose source is not text: said, then skipped
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict):
            continue
        kind = cell.get("cell_type")
        source = cell.get("source", "")
        if isinstance(source, list) and all(isinstance(s, str) for s in source):
            source = "".join(source)
        elif not isinstance(source, str):
            if kind in ("markdown", "raw"):
                unreadable.append(InputError(f"{path}, cell {number}", f"this {kind} cell's "
                                             "source is not text (a string, or a list of "
                                             "strings); it is not read"))
            continue
        if kind == "raw" and source.lstrip().startswith("derivcheck"):
            body = source.lstrip().split("\n", 1)[1] if "\n" in source.lstrip() else ""
            source = "```derivcheck\n" + body + "\n```"
            starts.append((line, number))
        elif kind == "markdown":
            starts.append((line, number))
            source, why = _closed(source)
            if why:  # Jupyter renders no math across cells: nor is it read across them
                unreadable.append(InputError(f"{path}, cell {number}", why,
                                             line=source.count("\n", 0, _at(source)) + 1))
        elif kind == "code":  # a code cell stands between the prose before it and a
            source = "§"  # display after it (a case the prose states does not reach over it)
        else:
            continue
        parts.append(source)
        line += source.count("\n") + 2
    joined = visible("\n\n".join(parts).replace("\x00", " "))  # (escapes in the JSON strings: \u001b …)
    doc = extract(joined, path)

    def place(at: int) -> tuple[str, int]:
        first, number = max((s for s in starts if s[0] <= at), default=(1, 1))
        return f"{path}, cell {number}", at - first + 1

    displays = []
    for d in doc.displays:
        where, within = place(d.line)
        displays.append(replace(d, line=within, file=where))
    errors = unreadable
    for e in doc.errors:
        where, within = place(e.line or 1)
        errors.append(replace(e, file=where, line=within))
    declarations = tuple((body, place(at)[1], section) for body, at, section in doc.declarations)
    return Document(path, tuple(displays), declarations, tuple(errors),
                    tail=doc.tail,  # (the prose after the last display: "where $x_1 = 1$ …")
                    sections=doc.sections)


def _at(source: str) -> int:
    return source.find("\x00") if "\x00" in source else 0


def _closed(source: str) -> tuple[str, str]:
    """A cell's Markdown with an unclosed ``$$`` (or ``\\begin{…}``) blanked, so that it
    cannot take in the cells after it; and what to say of it ("" if none)."""
    marks = [m.start() for m in re.finditer(r"(?<!\\)\$\$", source)]
    if len(marks) % 2:
        at = marks[-1]  # (and what it would hold: no plain-text line of it goes on either)
        return (source[:at] + "\x00" + re.sub(r"[^\n]", " ", source[at + 1:]),
                "a $$ is never closed in this cell (a display does not go on into the next "
                "cell): its display is not read; close it with $$ in the same cell")
    for env in set(re.findall(r"\\begin\{(\w+\*?)\}", source)):
        opened = [m.start() for m in re.finditer(r"\\begin\{" + re.escape(env) + r"\}", source)]
        if len(opened) > len(re.findall(r"\\end\{" + re.escape(env) + r"\}", source)):
            at = opened[-1]
            return (source[:at] + "\x00" + re.sub(r"[^\n]", " ", source[at + 1:]),
                    f"\\begin{{{env}}} is never closed in this cell (a display does not go on "
                    "into the next cell): its display is not read; close it in the same cell")
    return source, ""


def read(path: str, declarations: str | None = None) -> Loaded:
    try:
        text = read_text(path, limit=MAX_NOTEBOOK_BYTES)
    except Bad as exc:
        return Loaded(errors=[InputError(path, exc.message)])
    sidecar, errors = read_sidecar(declarations, path)
    out = bounded(path, lambda: build(extract_notebook(text, path), sidecar))
    out.errors[:0] = errors
    return out
