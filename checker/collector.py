"""Python's cyclic garbage collector held off while the engine builds and evaluates its
rational programs.

Preparing a claim's hypothesis cases (:mod:`~checker.strategies.prepare`), compiling them
into a program (:mod:`~checker.strategies.rewrite`) and evaluating it mod p and exactly
(:mod:`~checker.strategies.evaluate`, :mod:`~checker.strategies.factored`) allocate tens of
thousands of small tuples, dicts and polynomials that outlive the youngest generation, and
that makes the collector run a full collection: a walk over every object of the process,
SymPy's included, 24 ms of the 115 ms of deciding the n = 64 softmax Jacobian. None of these
objects form reference cycles (they are freed by reference counting as usual), so nothing is
lost by not looking for cycles meanwhile; the collector runs again as usual afterwards. It is
about time only: no verdict, method or result depends on it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No cyclic collection inside (nests; a collector already off stays off)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
