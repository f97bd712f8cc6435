"""Interrupting pure-Python work after a number of seconds of this process's CPU time (in
the main thread).

Used for budgets inside one process (exact algebra in a worker, counterexample search,
reading a derivation file). The clock is the process's CPU time (user + system, what
:func:`time.process_time` reads), not the wall clock: on a loaded machine a claim gets the
same CPU seconds, so the same method decides it as on an idle one. It cannot interrupt C
code; the hard per-claim deadline is the runner killing its worker process (wall clock).
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class OutOfTime(BaseException):  # not swallowed by any `except Exception` in SymPy
    pass


def cpu_now() -> float:
    """The clock every budget is measured on: this process's CPU seconds."""
    return time.process_time()


@contextmanager
def time_limit(seconds: float) -> Iterator[bool]:
    """Raise :class:`OutOfTime` after ``seconds`` of this process's CPU time; yields False
    where it cannot (off the main thread, or a non-positive limit), so the caller can decide
    what to do instead.

    Limits nest: an inner limit never outlasts the one around it (it is cut to what is left of
    the outer one), and when it ends the outer one is armed again with what is left of it, so
    a budget around code that sets budgets of its own (a diagnosis around the engine) holds."""
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield False
        return
    outer = signal.getitimer(signal.ITIMER_PROF)[0]  # what is left of an enclosing limit
    start = cpu_now()

    def _raise(signum: int, frame: object) -> None:
        raise OutOfTime

    # ITIMER_PROF counts the process's user and system time, as process_time() does.
    old = signal.signal(signal.SIGPROF, _raise)
    signal.setitimer(signal.ITIMER_PROF, min(seconds, outer) if outer > 0 else seconds)
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, old)
        if outer > 0:  # the enclosing limit goes on (at once, if it ran out meanwhile)
            signal.setitimer(signal.ITIMER_PROF, max(outer - (cpu_now() - start), 1e-4))
