"""Benchmark: what a diagnosis (checker.diagnosis, issue 14) adds to the time of a refuted step.

Run by hand, not in CI:

    .venv/bin/python bench/diagnosis_overhead.py            # the catalog and examples/*.toml
    .venv/bin/python bench/diagnosis_overhead.py --repeat 3 # best of 3 per step

Every refuted step or claim of the catalog (derivations/), examples/0*.toml, examples/every_n.toml
and the seed documents (../shared/seeds with their sidecars examples/seeds/*.toml, where they
are) is decided in this process, one after the other
(no worker pool, no cache): "verdict" is check_claim's time, "diagnosis" the time of
checker.diagnosis.attach on that result with the runner's default budget (2 s at most, and at
most 4 times the verdict's time but 0.5 s in any case). The overhead is
diagnosis / verdict, summed over the steps (and the median per step). A step whose diagnosis
is not found costs its whole search; that is in the figure. Each verdict is timed from cold
(no normal form remembered from an earlier check), its diagnosis right after it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker import diagnosis  # noqa: E402
from checker.derivation_file import load_file  # noqa: E402
from checker.engine import Settings, check_claim  # noqa: E402
from checker.model import CheckKind  # noqa: E402
from checker.results import Verdict  # noqa: E402
from checker.runner import Limits  # noqa: E402
from checker.strategies import symbolic_n  # noqa: E402
from derivations import catalog  # noqa: E402


def items() -> list:
    out = list(catalog())
    files = [*sorted(ROOT.glob("examples/0*.toml")), ROOT / "examples/every_n.toml"]
    for path in files:
        out += load_file(str(path)).items
    seeds = ROOT.parent / "shared" / "seeds"  # the seed documents, where they are
    for sidecar in sorted(ROOT.glob("examples/seeds/*.toml")):
        for doc in sorted(seeds.glob(f"{sidecar.stem}_*.txt")):
            out += load_file(str(doc), str(sidecar)).items
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    settings, limits = Settings(), Limits()
    rows = []
    for item in items():
        try:
            entry = item.build()
            checks = entry.checks()
        except Exception:  # an input error is not this bench's business
            continue
        for check in checks:
            if check.kind not in (CheckKind.STEP, CheckKind.CLAIM):
                continue
            best_v = best_d = float("inf")
            found = None
            for _ in range(args.repeat):
                symbolic_n.forget()  # the verdict from cold; its diagnosis after it, as in a run
                t0 = time.perf_counter()
                result = check_claim(check.claim, settings)
                t1 = time.perf_counter()
                if result.verdict is not Verdict.REFUTED:
                    break
                budget = min(limits.diagnosis, max(diagnosis.FLOOR,  # as checker.runner
                                                   limits.diagnosis_ratio * (t1 - t0)))
                got = diagnosis.attach(check, entry, result, settings, limits.timeout - (t1 - t0),
                                       budget=budget)
                t2 = time.perf_counter()
                best_v, best_d = min(best_v, t1 - t0), min(best_d, t2 - t1)
                found = got.diagnosis
            else:
                rows.append((check.id, best_v, best_d, found))
    width = max(len(r[0]) for r in rows)
    for cid, v, d, found in rows:
        kind = found.kind if found is not None else "-"
        print(f"{cid:<{width}}  verdict {v * 1000:8.1f} ms  diagnosis {d * 1000:8.1f} ms  {kind}")
    total_v, total_d = sum(r[1] for r in rows), sum(r[2] for r in rows)
    ratios = [r[2] / r[1] for r in rows if r[1] > 0]
    print(f"\n{len(rows)} refuted steps and claims, {sum(r[3] is not None for r in rows)} diagnosed")
    print(f"verdicts {total_v:.2f} s, diagnoses {total_d:.2f} s: diagnosis adds "
          f"{100 * total_d / total_v:.0f} % to the time of refuted steps "
          f"(median per step {100 * statistics.median(ratios):.0f} %)")


if __name__ == "__main__":
    main()
