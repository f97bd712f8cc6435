"""Interrupting pure-Python work after a number of seconds (in the main thread).

Used for budgets inside one process (exact algebra in a worker, reading a
derivation file). It cannot interrupt C code; the hard per-claim deadline is
the runner killing its worker process.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class OutOfTime(BaseException):  # not swallowed by any `except Exception` in SymPy
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[bool]:
    """Raise :class:`OutOfTime` after ``seconds``; yields False where it cannot (off the main
    thread, or a non-positive limit), so the caller can decide what to do instead.

    Limits nest: an inner limit never outlasts the one around it (it is cut to what is left of
    the outer one), and when it ends the outer one is armed again with what is left of it, so
    a budget around code that sets budgets of its own (a diagnosis around the engine) holds."""
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield False
        return
    outer = signal.getitimer(signal.ITIMER_REAL)[0]  # what is left of an enclosing limit
    start = time.monotonic()

    def _raise(signum: int, frame: object) -> None:
        raise OutOfTime

    old = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, min(seconds, outer) if outer > 0 else seconds)
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        if outer > 0:  # the enclosing limit goes on (at once, if it ran out meanwhile)
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - start), 1e-4))
