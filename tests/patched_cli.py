"""The CLI with a test double for the engine, for tests that run it in a subprocess.

A claim whose note names an action does it instead of (or before) being decided:
  hang   sleeps for ten minutes (so the run can be killed or interrupted mid-claim);
  print  writes to file descriptors 1 and 2 (os.write and libc's write, as FLINT does);
  bug    raises an exception (an engine bug);
  slow   sleeps for one second, then is decided as usual.
Everything else is decided by the real engine.
"""

from __future__ import annotations

import ctypes
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cli
from checker import runner
from checker.engine import check_claim as real_check

FLINT = b"FLINT exception (General error): Unable to allocate memory (3566402560).\n"


def fake_check(claim, settings):  # type: ignore[no-untyped-def]
    note = claim.note
    if note == "hang":
        time.sleep(600)
    elif note == "print":
        os.write(1, FLINT)
        os.write(2, b"stderr from a worker\n")
        libc = ctypes.CDLL(None)
        libc.write(1, b"C-level write to fd 1\n", 22)
        print("a Python print in a worker", flush=True)
    elif note == "bug":
        raise ValueError("boom in /site-packages/checker/engine.py\nsecond line")
    elif note == "slow":
        time.sleep(1)
    return real_check(claim, settings)


if __name__ == "__main__":
    runner.check_claim = fake_check
    sys.exit(cli.main(sys.argv[1:]))
