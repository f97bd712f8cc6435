"""Side by side, in one run: derivcheck against symengine, Maxima and plain SymPy on the same claims.

Run by hand, not in CI (it takes minutes; the figures depend on the machine and its load):

    .venv/bin/pip install -e '.[bench]'     # symengine (skipped with a note where it is missing)
    .venv/bin/python bench/peers.py         # the table, in Markdown
    .venv/bin/python bench/peers.py --quick --cap 10
    .venv/bin/python bench/peers.py --readme   # also write the table into README.md

Families: the softmax Jacobian (n × n entries), ∂CE/∂z under Σy = 1 (n entries) and the
one-hidden-layer network's ∂L/∂x under a one-hot y (sizes input, hidden, output), at growing sizes.
Every measurement is a fresh process. Columns, all CPU seconds (user + system) unless marked:

* build: constructing the two sides (differentiation included), inside the process;
* decide: deciding the claim, inside the process (derivcheck file: the worker's decide time);
* process: the whole process, Python (or Lisp) start-up and imports included, workers included,
  for one build and one decide;
* peak: the largest resident set of the process or any of its workers, MB.

Build and decide are each the median of up to REPEAT runs of both in the same process, one
after the other, with nothing carried from one run to the next: SymPy's cache and everything
derivcheck remembers between claims (``checker.engine.forget``) are dropped before each run
but the first, so each run builds new expressions and decides them from cold. Runs stop once
they have taken REPEAT_CPU seconds (a claim that takes seconds is run once). Every run must
give the same verdict (and method), or the row says so. Timed once, a claim that takes a few
milliseconds is at the mercy of whatever else the process or the machine did during those
milliseconds (a garbage collection, a page fault, another job's cache misses); the median
of five is not. Both are read on the thread's CPU clock (``time.thread_time``; see ``_cpu``:
the process's clock is only as fine as the kernel's ticks once derivcheck has armed its
CPU-time budget, and it read a 2.5 ms decide of the n = 8 Jacobian as 1.5 ms). "process"
counts one run: the CPU time of the runs after the first, as the process measured it itself,
is taken off. The derivcheck file and Maxima rows are one run (their own processes time them).

Tools:

* derivcheck: the catalog's builders (``derivations``) and ``check_claim``;
* derivcheck file: ``derivcheck check FILE.toml`` on a user's file stating the same claim
  (``jacobian(softmax(x), x) == …``, ``grad(…)``), one worker;
* symengine: the claim built in symengine (``diff``) and decided by ``expand`` of the numerator
  of each entry's difference (hypotheses substituted: y_n = 1 − Σ others; one case per one-hot
  y); it is not a decision procedure for σ (a non-zero numerator is reported, not trusted);
* Maxima: the sides built by SymPy, given as text, decided by ``ratsimp`` of each difference;
* SymPy simplify / equals: the sides built by SymPy's ``diff``, decided by
  ``simplify(lhs − rhs) == 0`` or ``lhs.equals(rhs)`` per entry.

After a tool runs out of its cap at one size it is not run at the larger sizes of that family.
The ratio columns are symengine's decide time over derivcheck's, and derivcheck's build over its
decide (the issue's targets: ≥ 1 and ≤ 1).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

FAMILIES = {
    "softmax Jacobian": [8, 32, 64],
    "∂CE/∂z, Σy = 1": [8, 32, 64],
    "MLP ∂L/∂x": [(3, 4, 3), (8, 8, 8), (16, 16, 16), (32, 32, 32)],
}
QUICK = {
    "softmax Jacobian": [8, 32],
    "∂CE/∂z, Σy = 1": [8, 32],
    "MLP ∂L/∂x": [(3, 4, 3), (8, 8, 8)],
}
TOOLS = ["derivcheck", "derivcheck file", "symengine", "Maxima", "SymPy simplify",
         "SymPy equals"]
REPEAT = 5  # runs of build + decide in one process, at most (their medians are reported)
REPEAT_CPU = 1.0  # CPU s: no further run once the runs have taken this long
README_START = "<!-- peers table: bench/peers.py --readme -->"
README_END = "<!-- end of peers table -->"


# -- inside the measured process ---------------------------------------------------------------

def _cpu() -> float:
    """This thread's CPU seconds (build and decide run in the main thread, and nothing else
    runs in these processes' other threads while they do; FLINT uses one thread). Not the
    process's clock: derivcheck arms a CPU-time timer (ITIMER_PROF, its budgets), and while
    one is armed Linux reads a process's CPU time from a total it brings up to date only at
    its ticks and context switches, so a few-millisecond span read 0 or twice its length."""
    return time.thread_time()


def _forget() -> None:
    """Nothing kept from the run before: SymPy's cache (else the next build gets its
    expressions back from it) and what derivcheck remembers between claims."""
    if "sympy" in sys.modules:  # (symengine's process imports neither)
        from sympy.core.cache import clear_cache

        clear_cache()
    if "checker.engine" in sys.modules:
        from checker.engine import forget

        forget()


def _repeated(once: Callable[[], tuple[float, float, dict]]) -> dict:
    """``once()`` → (build s, decide s, outcome), run up to REPEAT times from cold (see the
    module docstring): the medians, the first run's outcome, and the CPU time of the runs
    after the first ("again"), which the driver takes off the process's time."""
    runs: list[tuple[float, float, dict]] = []
    first_end = 0.0
    while True:
        if runs:
            _forget()
        runs.append(once())
        if len(runs) == 1:
            first_end = time.process_time()  # (the process's clock, as the driver's is)
        if len(runs) >= REPEAT or sum(b + d for b, d, _ in runs) >= REPEAT_CPU:
            break
    outcome = runs[0][2]
    if any(r[2] != outcome for r in runs):
        outcome = {**outcome, "verdict": "runs disagree: " + ", ".join(
            str(sorted(r[2].values())) for r in runs)}
    return {"build": statistics.median(b for b, _, _ in runs),
            "decide": statistics.median(d for _, d, _ in runs), **outcome,
            "runs": len(runs), "again": time.process_time() - first_end}


def _sympy_claim(family: str, size: object):
    from bench import build

    return build(family, tuple(size) if isinstance(size, list) else size)


def _cases(claim) -> list[dict]:
    """The hypotheses as substitutions for the baselines: Σy = 1 solved for the last y, and
    one case per position of a one-hot y (as the engine splits them)."""
    import sympy as sp

    out: list[dict] = [{}]
    for h in claim.given:
        if hasattr(h, "vector"):
            out = [{**c, **{s: int(i == k) for i, s in enumerate(h.vector)}}
                   for c in out for k in range(len(h.vector))]
        elif hasattr(h, "lhs"):
            last = sorted(h.lhs.free_symbols, key=sp.default_sort_key)[-1]
            out = [{**c, last: sp.solve(h.lhs - h.rhs, last)[0]} for c in out]
    return out


def _pairs(claim) -> list[tuple]:
    lhs, rhs = claim.lhs, claim.rhs
    return list(zip(lhs, rhs, strict=True)) if hasattr(lhs, "shape") else [(lhs, rhs)]


def _derivcheck_claim(family: str, size: object):
    """The claim as derivcheck builds it: derivatives by reverse accumulation on the shared
    DAG (checker.differentiate), the network's gradient too."""
    import sympy as sp

    from checker import Claim, Equation
    from checker.differentiate import gradient
    from checker.vocab import softmax, vector

    if family == "softmax Jacobian":  # the catalog's own builder
        from derivations.jacobian import full

        return full(int(size)).claim  # type: ignore[call-overload]
    if family.startswith("∂CE"):
        n = int(size)  # type: ignore[call-overload]
        z, y = vector("z", n), vector("y", n)
        p = softmax(z)
        # −Σ yᵢ log pᵢ with each log left as written (SymPy's log(eᶻ/S) evaluation asks
        # assumptions of S for every i); checker.differentiate goes through its factors.
        loss = -sp.Add(*[yi * sp.log(pi, evaluate=False) for yi, pi in zip(y, p, strict=True)])
        g = gradient(loss, list(z))
        return Claim(sp.ImmutableMatrix(g), p - y, (Equation(sp.Add(*y), 1),))
    return _sympy_claim(family, size)  # derivations.backprop: chain_grad through the stages


def _imports() -> None:
    """What every tool's process imports before its clock starts (start-up is in "process").
    SymPy defers importing its tensor module (and with it combinatorics, 0.05 s) to the first
    sum it flattens; that is start-up too, not the first claim's build."""
    import sympy
    import sympy.tensor.tensor  # noqa: F401

    import bench  # noqa: F401
    import checker.differentiate
    import checker.vocab  # noqa: F401
    import derivations.backprop
    import derivations.jacobian  # noqa: F401
    from checker import Settings, check_claim  # noqa: F401


def run_derivcheck(family: str, size: object) -> dict:
    _imports()
    from checker import Settings, check_claim

    def once() -> tuple[float, float, dict]:
        t0 = _cpu()
        claim = _derivcheck_claim(family, size)
        t1 = _cpu()
        r = check_claim(claim, Settings())
        return t1 - t0, _cpu() - t1, {"verdict": r.verdict.value, "method": r.method.value}

    return _repeated(once)


def run_sympy(family: str, size: object, how: str) -> dict:
    import sympy as sp

    _imports()

    def once() -> tuple[float, float, dict]:
        t0 = _cpu()
        claim = _sympy_claim(family, size)
        t1 = _cpu()
        pairs, cases = _pairs(claim), _cases(claim)
        if how == "simplify":
            zero = all(sp.simplify((a - b).doit().xreplace(c)) == 0
                       for c in cases for a, b in pairs)
        else:
            zero = all((a.doit().xreplace(c)).equals(b.doit().xreplace(c)) is True
                       for c in cases for a, b in pairs)
        return t1 - t0, _cpu() - t1, {"verdict": "zero" if zero else "not shown zero"}

    return _repeated(once)


def run_symengine(family: str, size: object) -> dict:
    return _repeated(lambda: _symengine_once(family, size))


def _symengine_once(family: str, size: object) -> tuple[float, float, dict]:
    import symengine as se

    t0 = _cpu()
    if family == "softmax Jacobian":
        n = int(size)  # type: ignore[call-overload]
        z = se.symbols(f"z0:{n}")
        e = [se.exp(v) for v in z]
        s = sum(e)
        p = [t / s for t in e]
        diffs = [se.diff(p[j], z[i]) - p[j] * ((1 if i == j else 0) - p[i])
                 for i in range(n) for j in range(n)]
    elif family.startswith("∂CE"):
        n = int(size)  # type: ignore[call-overload]
        z, y = se.symbols(f"z0:{n}"), list(se.symbols(f"y0:{n}"))
        y[-1] = 1 - sum(y[:-1])  # Σy = 1
        s = sum(se.exp(v) for v in z)
        loss = -sum(y[k] * se.log(se.exp(z[k]) / s) for k in range(n))
        diffs = [se.diff(loss, z[i]) - (se.exp(z[i]) / s - y[i]) for i in range(n)]
    else:
        d, h, o = size  # type: ignore[misc]
        x, y = se.symbols(f"x0:{d}"), se.symbols(f"y0:{o}")
        w1 = [[se.Symbol(f"W1_{i}_{j}") for j in range(d)] for i in range(h)]
        w2 = [[se.Symbol(f"W2_{i}_{j}") for j in range(h)] for i in range(o)]
        b1, b2 = se.symbols(f"b1_0:{h}"), se.symbols(f"b2_0:{o}")

        def sig(t: object) -> object:
            return 1 / (1 + se.exp(-t))

        hid = [sig(sum(w1[i][j] * x[j] for j in range(d)) + b1[i]) for i in range(h)]
        z2 = [sum(w2[k][i] * hid[i] for i in range(h)) + b2[k] for k in range(o)]
        s = sum(se.exp(t) for t in z2)
        p = [se.exp(t) / s for t in z2]
        diffs = []
        for c in range(o):  # one case per one-hot y
            yc = [1 if k == c else 0 for k in range(o)]
            loss = -se.log(p[c])
            d2 = [p[k] - yc[k] for k in range(o)]
            d1 = [sum(w2[k][i] * d2[k] for k in range(o)) * hid[i] * (1 - hid[i])
                  for i in range(h)]
            diffs += [se.diff(loss, x[j]) - sum(w1[i][j] * d1[i] for i in range(h))
                      for j in range(d)]
    t1 = _cpu()
    zero = all(se.expand(t.as_numer_denom()[0]) == 0 for t in diffs)
    return t1 - t0, _cpu() - t1, {"verdict": "zero" if zero else "not shown zero"}


def maxima_input(family: str, size: object, out: str) -> None:
    """The sides built by SymPy, each entry's difference as Maxima text (hypotheses applied)."""
    import sympy as sp

    claim = _sympy_claim(family, size)
    diffs = [(a - b).doit().xreplace(c) for c in _cases(claim) for a, b in _pairs(claim)]
    text = ",\n".join(re.sub(r"\bE\b", "%e", sp.sstr(d)) for d in diffs)
    Path(out).write_text(
        "sigmoid(t) := 1/(1 + exp(-t))$\n"
        f"d: [{text}]$\n"
        "t0: elapsed_run_time()$\n"
        "ok: every(lambda([e], is(ratsimp(e) = 0)), d)$\n"
        "print(\"RESULT\", ok, elapsed_run_time() - t0)$\n")


def user_file(family: str, size: object) -> str:
    if family == "softmax Jacobian":
        return (f"format = 1\n\n[context]\nvectors = {{ x = {size} }}\n\n[[derivation]]\n"
                'id = "jac"\ntitle = "softmax Jacobian"\n'
                'claim = "jacobian(softmax(x), x) == diag(softmax(x)) - outer(softmax(x), '
                'softmax(x))"\n')
    if family.startswith("∂CE"):
        return (f"format = 1\n\n[context]\nvectors = {{ z = {size}, y = {size} }}\n\n"
                '[[derivation]]\nid = "ce"\ntitle = "dCE/dz"\n'
                'claim = "grad(-dot(y, log(softmax(z))), z) == softmax(z) - y"\n'
                'given = ["sum(y) == 1"]\n')
    d, h, o = size  # type: ignore[misc]
    z2 = "W2 @ sigmoid(W1 @ x + b1) + b2"
    hid = "sigmoid(W1 @ x + b1)"
    return (f"format = 1\n\n[context]\nvectors = {{ x = {d}, b1 = {h}, b2 = {o}, y = {o} }}\n"
            f"matrices = {{ W1 = [{h}, {d}], W2 = [{o}, {h}] }}\n\n[[derivation]]\n"
            'id = "mlp"\ntitle = "MLP dL/dx"\n'
            f'claim = "grad(-dot(y, log(softmax({z2}))), x) == T(W1) @ hadamard(hadamard('
            f'T(W2) @ (softmax({z2}) - y), {hid}), 1 - {hid})"\n'
            'given = ["onehot(y)"]\n')


# -- the driver --------------------------------------------------------------------------------

def measured(cmd: list[str], cap: float) -> tuple[str, float, float, bool]:
    """(stdout, process CPU s, peak MB, timed out) of a fresh process group, its workers
    included."""
    with tempfile.TemporaryFile() as out:
        p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL, cwd=ROOT,
                             start_new_session=True)
        deadline = time.monotonic() + cap
        timed_out = False
        while True:
            pid, _status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                timed_out = True
                os.killpg(p.pid, signal.SIGKILL)
                _, _status, ru = os.wait4(p.pid, 0)
                break
            time.sleep(0.02)
        p.returncode = 0  # reaped above
        out.seek(0)
        text = out.read().decode()
    return text, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, timed_out


def measure(tool: str, family: str, size: object, cap: float) -> dict:
    me = [sys.executable, __file__, "--one", tool, family, json.dumps(size)]
    if tool == "derivcheck file":
        with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as f:
            f.write(user_file(family, size))
        try:
            text, cpu, peak, late = measured(
                [sys.executable, str(ROOT / "cli.py"), "check", f.name, "--format", "json",
                 "--no-cache", "--jobs", "1", "--no-config", "--timeout", str(cap)], cap)
        finally:
            os.unlink(f.name)
        if late:
            return {"verdict": f"> {cap:g} s", "process": cpu, "peak": peak}
        try:
            rec = json.loads(text)["records"][0]
            return {"verdict": rec["verdict"], "method": rec["method"],
                    "decide": rec["elapsed"], "process": cpu, "peak": peak}
        except (ValueError, KeyError, IndexError):
            return {"verdict": "no report", "process": cpu, "peak": peak}
    if tool == "Maxima":
        with tempfile.NamedTemporaryFile("w", suffix=".mac", delete=False) as f:
            pass
        try:
            try:  # printing the sides as text walks them as trees (no shared subexpressions)
                subprocess.run([*me[:2], "--maxima-input", family, json.dumps(size), f.name],
                               check=True, timeout=cap)
            except subprocess.TimeoutExpired:
                return {"verdict": f"> {cap:g} s (writing its input: SymPy prints the tree)",
                        "process": None, "peak": 0}
            text, cpu, peak, late = measured(
                ["maxima", "--very-quiet", "-r", f'batchload("{f.name}")$ quit()$'], cap)
        finally:
            os.unlink(f.name)
        if late:
            return {"verdict": f"> {cap:g} s", "process": cpu, "peak": peak}
        m = re.search(r"RESULT (\w+) ([0-9.e+-]+)", text)
        if not m:
            return {"verdict": "no answer", "process": cpu, "peak": peak}
        return {"verdict": "zero" if m.group(1) == "true" else "not shown zero",
                "decide": float(m.group(2)), "process": cpu, "peak": peak}
    text, cpu, peak, late = measured(me, cap)
    if late:
        return {"verdict": f"> {cap:g} s", "process": cpu, "peak": peak}
    try:
        out = json.loads(text.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"verdict": "crashed", "process": cpu, "peak": peak}
    return {**out, "process": cpu - out.pop("again", 0.0), "peak": peak}


def fmt(x: float | None) -> str:
    """Seconds: four decimals below 0.1 s (the medians resolve milliseconds), else two."""
    return "—" if x is None else f"{x:.4f}" if x < 0.1 else f"{x:.2f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--cap", type=float, default=30.0, help="CPU-ish seconds per peer run")
    ap.add_argument("--derivcheck-cap", type=float, default=120.0)
    ap.add_argument("--family", action="append")
    ap.add_argument("--tool", action="append", help="only these tools")
    ap.add_argument("--readme", action="store_true", help="write the table into README.md")
    ap.add_argument("--one", nargs=3, help=argparse.SUPPRESS)
    ap.add_argument("--maxima-input", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.maxima_input:
        family, size, out = args.maxima_input
        maxima_input(family, json.loads(size), out)
        return
    if args.one:
        tool, family, size = args.one
        size = json.loads(size)
        result = (run_derivcheck(family, size) if tool == "derivcheck"
                  else run_symengine(family, size) if tool == "symengine"
                  else run_sympy(family, size, tool.split()[1]))
        print(json.dumps(result))
        return

    tools = [t for t in TOOLS if not args.tool or t in args.tool]
    notes = []
    try:
        import symengine
        notes.append(f"symengine {symengine.__version__}")
    except ImportError:
        tools = [t for t in tools if t != "symengine"]
        notes.append("symengine not installed (pip install -e '.[bench]'): skipped")
    if shutil.which("maxima"):
        v = subprocess.run(["maxima", "--version"], capture_output=True, text=True).stdout.strip()
        notes.append(v)
    else:
        tools = [t for t in tools if t != "Maxima"]
        notes.append("Maxima not installed (Debian: apt-get install maxima): skipped")
    import sympy

    lines = [f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
             f"SymPy {sympy.__version__}, {', '.join(notes)}; cap {args.cap:g} s per peer run, "
             f"{args.derivcheck_cap:g} s for derivcheck; "
             f"load average at the start {os.getloadavg()[0]:.1f}", ""]
    head = ("| claim | size | tool | build s | decide s | process s | peak MB | verdict |")
    lines += [head, "|---|---|---|---|---|---|---|---|"]
    print("\n".join(lines), flush=True)
    ratios = []
    for family, sizes in (QUICK if args.quick else FAMILIES).items():
        if args.family and not any(f in family for f in args.family):
            continue
        given_up: set[str] = set()
        for size in sizes:
            label = "×".join(map(str, size)) if isinstance(size, tuple) else f"n = {size}"
            row: dict[str, dict] = {}
            for tool in tools:
                if tool in given_up:
                    continue
                cap = args.derivcheck_cap if tool.startswith("derivcheck") else args.cap
                r = row[tool] = measure(tool, family, size, cap)
                if r["verdict"].startswith(">"):
                    given_up.add(tool)
                verdict = r["verdict"] + (f" ({r['method']})" if r.get("method") else "")
                peak = "—" if r["verdict"].startswith(">") else f"{r['peak']:.0f}"
                line = (f"| {family} | {label} | {tool} | {fmt(r.get('build'))} | "
                        f"{fmt(r.get('decide'))} | {fmt(r.get('process'))} | {peak} | "
                        f"{verdict} |")
                lines.append(line)
                print(line, flush=True)
            dc, se = row.get("derivcheck", {}), row.get("symengine", {})
            if dc.get("decide"):
                parts = [f"{family} {label}: derivcheck build/decide "
                         f"{dc['build'] / dc['decide']:.2f}"]
                if se.get("decide") is not None:
                    parts.append(f"symengine decide / derivcheck decide "
                                 f"{se['decide'] / dc['decide']:.2f}")
                ratios.append("; ".join(parts))
    lines += ["", "Ratios (CPU):", *[f"- {r}" for r in ratios]]
    print("\n".join(lines[-len(ratios) - 2:]))
    if args.readme:
        readme = ROOT / "README.md"
        text = readme.read_text()
        start, end = text.index(README_START), text.index(README_END)
        block = "\n".join(lines)
        readme.write_text(text[:start + len(README_START)] + "\n\n" + block + "\n\n" + text[end:])


if __name__ == "__main__":
    main()
