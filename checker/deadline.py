"""Interrupting pure-Python work after a number of seconds (in the main thread).

Used for budgets inside one process (exact algebra in a worker, reading a
derivation file). It cannot interrupt C code; the hard per-claim deadline is
the runner killing its worker process.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class OutOfTime(BaseException):  # not swallowed by any `except Exception` in SymPy
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[bool]:
    """Raise :class:`OutOfTime` after ``seconds``; yields False where it cannot (off the main
    thread, or a non-positive limit), so the caller can decide what to do instead."""
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield False
        return

    def _raise(signum: int, frame: object) -> None:
        raise OutOfTime

    old = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
