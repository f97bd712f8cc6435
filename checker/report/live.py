"""While a run goes on: how far it is (done/total) and, on a terminal, each entry's panel as
soon as the entry is finished. Only for terminals: output into a file or a pipe stays quiet
(see :func:`wanted`)."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from checker.report import terminal
from checker.report import text as fmt
from checker.results import EntryOutcome


def wanted(fmt_name: str, to_file: bool, stdout_tty: bool, stderr_tty: bool) -> str | None:
    """Where progress goes: ``"stdout"`` (the rich report on a terminal: progress and the
    panels as entries finish), ``"stderr"`` (another format, or a file, while stderr is a
    terminal: progress only), or None (nothing is a terminal: quiet)."""
    if fmt_name == "rich" and not to_file and stdout_tty:
        return "stdout"
    return "stderr" if stderr_tty else None


class LiveReport:
    """A transient progress bar (``7/20 entries``) on ``console``; with ``panels``, each
    finished entry's panel is printed above it (the final report then skips those)."""

    def __init__(self, console: Console, total: int, panels: bool, show_passing: bool = True,
                 ascii_only: bool = False) -> None:
        self.console, self.panels = console, panels
        self.show_passing, self.ascii_only = show_passing, ascii_only
        self.printed: set[str] = set()
        drawn = [] if ascii_only else [SpinnerColumn(), TextColumn("checking"), BarColumn()]
        self.progress = Progress(*drawn or [TextColumn("checking")], MofNCompleteColumn(),
                                 TextColumn("entries"), TimeElapsedColumn(), console=console,
                                 transient=True)
        self.task = self.progress.add_task("checking", total=total)

    def __enter__(self) -> LiveReport:
        self.progress.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.progress.stop()

    def show(self, outcome: EntryOutcome) -> None:
        """Print an entry's panel now (when panels are wanted and it is to be shown)."""
        if self.panels and (self.show_passing or not outcome.matches):
            with fmt.quick_pretty():
                self.progress.console.print(terminal.entry_panel(outcome, self.ascii_only))
            self.printed.add(outcome.id)

    def entry(self, outcome: EntryOutcome) -> None:
        """An entry is finished: count it and show it."""
        self.show(outcome)
        self.progress.advance(self.task)
