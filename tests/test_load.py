"""Budgets are CPU time: a claim gets the same method on a loaded machine as on an idle one.

The claim (a one-hidden-layer network's ∂L/∂x at sizes (10, 8, 8)) is proved by the exact
certificate with the default budgets in about 0.2 CPU seconds of exact algebra. Checked on a core
that seven busy processes also run on, it gets about an eighth of that core, so a wall-clock
budget of 1 s runs out and the claim would fall back to the randomized proof: the method would
depend on the load. With budgets in process CPU time it must not.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CHECK = """
import json, time
from checker import Settings, check_claim
from derivations.backprop import gradient_claim, network
claim = gradient_claim(network((10, 8, 8), "col"), "x")
cpu, wall = time.process_time(), time.perf_counter()
r = check_claim(claim, Settings())
print(json.dumps({"verdict": r.verdict.value, "method": r.method.value, "detail": r.detail,
                  "cpu": time.process_time() - cpu, "wall": time.perf_counter() - wall}))
"""

SPIN = "while True: pass"


def _pinned(core: int) -> None:
    os.sched_setaffinity(0, {core})


def _check(core: int) -> dict:
    out = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True,
                         timeout=600, preexec_fn=lambda: _pinned(core), check=True)
    return json.loads(out.stdout)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="needs CPU affinity (Linux)")
def test_same_method_on_a_saturated_core() -> None:
    core = min(os.sched_getaffinity(0))
    idle = _check(core)
    spinners = [subprocess.Popen([sys.executable, "-c", SPIN], preexec_fn=lambda: _pinned(core))
                for _ in range(7)]
    try:
        loaded = _check(core)
    finally:
        for p in spinners:
            p.kill()
        for p in spinners:
            p.wait()
    # The load was real: the check got well under half of its core.
    assert loaded["wall"] > 2.5 * loaded["cpu"], loaded
    assert idle["verdict"] == loaded["verdict"] == "proved"
    assert idle["method"] == loaded["method"] == "exact rational normal form", (idle, loaded)
