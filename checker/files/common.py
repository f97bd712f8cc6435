"""Reading input files: what every reader shares (errors, limits, reading a file safely).

One bad file or item never stops the others: every problem becomes an :class:`InputError`
naming the file, the item, the line and the position, and everything else is still loaded.
Nothing in a file is ever executed (see :mod:`checker.parse`).
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field

from checker.model import CatalogItem, Entry
from checker.parse.tree import Pos
from checker.results import Verdict

MAX_FILE_BYTES = 1_000_000
READ_SECONDS = 10.0  # per derivation, for parsing and building
MAX_STEPS = 200  # steps of one chain (or equations of one chain of implications)
EXPECT = {v.value: v for v in (Verdict.PROVED, Verdict.REFUTED, Verdict.NUMERIC, Verdict.UNKNOWN)}
# inline math in prose: $…$ (not $$), or \(…\)
INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\$)(?P<a>(?:[^$\\]|\\.)+?)(?<!\\)\$(?!\$)"
                         r"|\\\((?P<b>.+?)\\\)", re.S)


@dataclass(frozen=True)
class InputError:
    file: str
    message: str
    derivation: str | None = None
    step: int | None = None
    pos: Pos | None = None
    line: int | None = None  # the file's own line (documents), when known
    col: int | None = None

    @property
    def where(self) -> str:
        parts = [self.file]
        if self.line:
            parts[0] = f"{self.file}:{self.line}" + (f":{self.col}" if self.col else "")
        if self.derivation:
            parts.append(f"derivation {self.derivation!r}")
        if self.step:
            parts.append(f"step {self.step}")
        if self.pos and not self.line:
            parts.append(f"{self.pos} within the expression")
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class Loaded:
    items: list[CatalogItem] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    # documents: the sides of their chains that were read, and those that could not be
    read_sides: int = 0
    unread_sides: int = 0

    def extend(self, other: Loaded) -> None:
        self.items.extend(other.items)
        self.errors.extend(other.errors)
        self.read_sides += other.read_sides
        self.unread_sides += other.unread_sides


# what to write instead of a line too large (or nested too deep) to read
TOO_LARGE = ("nested too deep or too long for the reader; write a long sum or product with "
             "\\sum_{k=1}^{n} or \\prod_{k=1}^{n} (the terms as one indexed term), and split "
             "a deep expression into named parts (u = …, then a display that uses u)")


class Bad(Exception):
    """An InputError to report (raised inside a reader, caught where the item is known)."""

    def __init__(self, message: str, step: int | None = None, pos: Pos | None = None) -> None:
        super().__init__(message)
        self.message, self.step, self.pos = message, step, pos


@dataclass(frozen=True)
class Prebuilt:
    """A builder for an entry that was built while reading (files are read in the parent)."""

    entry: Entry

    def __call__(self) -> Entry:
        return self.entry


def reading_bug(exc: Exception) -> str:
    """The message for a bug of ours met while reading (never a traceback in the report);
    with ``--debug`` (DERIVCHECK_DEBUG=1) the traceback goes to stderr as well."""
    if os.environ.get("DERIVCHECK_DEBUG", "") not in ("", "0"):
        import sys
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    return f"could not be read ({exc!r}); this is a derivcheck bug, please report it"


def expect(value: object, where: str) -> Verdict:
    if value not in EXPECT:
        raise Bad(f"{where}: expect must be one of {', '.join(EXPECT)}, got {value!r}")
    return EXPECT[value]  # type: ignore[index]


_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


WHAT = "derivation files (*.toml) or documents (*.md, *.tex, *.ipynb)"


# Text given in memory under a name that is no file (standard input: "<stdin>"), read by
# read_text as if it were that file; see checker.files.discover.load_stdin.
IN_MEMORY: dict[str, bytes] = {}


def read_text(path: str, what: str = WHAT, limit: int = MAX_FILE_BYTES) -> str:
    """The file's text: a regular file (after symlinks) of at most MAX_FILE_BYTES bytes, read
    without trusting the size it reports and without blocking on a FIFO."""
    if path in IN_MEMORY:
        return _decoded(IN_MEMORY[path], limit)
    try:
        info = os.stat(path)
    except OSError as exc:
        raise Bad(f"cannot read the file: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a file")
        target = os.path.realpath(path)
        shown = f" ({target})" if os.path.islink(path) else ""
        raise Bad(f"is {kind}{shown}, not a regular file; pass " + what)
    chunks: list[bytes] = []
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced since the check above
                raise Bad("is not a regular file; pass " + what)
            left = limit + 1
            while left > 0:
                chunk = os.read(fd, left)
                if not chunk:
                    break
                chunks.append(chunk)
                left -= len(chunk)
        finally:
            os.close(fd)
    except OSError as exc:
        raise Bad(f"cannot read the file: {exc.strerror or exc}") from None
    return _decoded(b"".join(chunks), limit)


def _decoded(data: bytes, limit: int) -> str:
    if len(data) > limit:
        raise Bad(f"the file holds more than {limit} bytes; the limit is {limit}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:  # where, and what to do (an editor's "save as UTF-8")
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        utf16 = data[:2] in (b"\xff\xfe", b"\xfe\xff")
        raise Bad(f"the file is not UTF-8 text (byte {data[exc.start]:#04x} at line {line}, "
                  f"column {col}{'; it looks like UTF-16' if utf16 else ''}): save it as UTF-8 "
                  "(in most editors: Save As, encoding UTF-8)") from None
    return visible(text.removeprefix("\ufeff"))  # (a byte-order mark is no text)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """``text`` with its control characters (an escape sequence that would retitle or clear a
    terminal, a character XML cannot hold) shown as U+FFFD, one for one (columns stay): a
    file's text reaches terminals, JUnit and HTML reports."""
    return _CONTROL.sub("\ufffd", text)


def visible_data(value: object) -> object:
    """Every string of parsed data (TOML, JSON: escapes such as \\u001b) made :func:`visible`."""
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, dict):
        return {visible(k) if isinstance(k, str) else k: visible_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [visible_data(v) for v in value]
    return value
