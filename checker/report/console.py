"""Where the terminal report is drawn: colour and ASCII are two separate switches.

Colour follows the conventions other tools follow, first match wins:

1. ``--color always`` or ``--color never``;
2. ``NO_COLOR`` set and not empty (https://no-color.org): no colour;
3. ``FORCE_COLOR`` set and not empty (https://force-color.org): colour, even into a pipe;
4. otherwise colour exactly when the output is a terminal (and ``TERM`` is not ``dumb``).

Dropping colour changes nothing else: marks, borders and math stay Unicode unless
``--ascii`` is given or the terminal cannot encode Unicode (:func:`ascii_wanted`).
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Mapping
from typing import IO

from rich.console import Console

COLOR_CHOICES = ("auto", "always", "never")


def isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return False


def colour_wanted(choice: str, stream: object, environ: Mapping[str, str] = os.environ) -> bool:
    """Whether to colour output written to ``stream`` (see the module's rules)."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    if environ.get("NO_COLOR", ""):
        return False
    if environ.get("FORCE_COLOR", ""):
        return True
    return isatty(stream) and environ.get("TERM", "") != "dumb"


def _colour_system(environ: Mapping[str, str]) -> str:
    if environ.get("COLORTERM", "").lower() in ("truecolor", "24bit"):
        return "truecolor"
    return "256" if "256" in environ.get("TERM", "") else "standard"


def make_console(file: IO[str] | None = None, *, color: str = "auto", stderr: bool = False,
                 environ: Mapping[str, str] = os.environ) -> Console:
    """A console for the report (``file``, else stdout or stderr) coloured by the rules above.
    Rich's own reading of NO_COLOR and FORCE_COLOR is overridden, so the rules hold as
    written here."""
    stream = file if file is not None else (sys.stderr if stderr else sys.stdout)
    tty = isatty(stream)
    colour = colour_wanted(color, stream, environ)
    # On a terminal without colour, bold and dim stay (NO_COLOR is about colour); into a
    # file or pipe without colour, no escape sequence at all.
    return _Console(file=file, stderr=stderr, highlight=False, emoji=False, soft_wrap=False,
                    force_terminal=tty or colour, no_color=not colour,
                    color_system=_colour_system(environ) if colour or tty else None)


class _Console(Console):
    """A console whose closed pipe (`| head -1`) raises BrokenPipeError, for the command line
    to report with its own exit code (Rich's own handling exits with 1, which means a
    mismatch here)."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, "the reader of standard output went away")


def ascii_wanted(console: Console, flag: bool = False) -> bool:
    """Plain ASCII marks, borders and math: ``--ascii``, or a terminal that cannot show
    Unicode. NO_COLOR has nothing to do with it."""
    return flag or console.options.ascii_only
