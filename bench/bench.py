"""Benchmark: derivcheck's engine against plain ``simplify(lhs - rhs) == 0`` on the same claims.

Run by hand, not in CI:

    .venv/bin/python bench/bench.py            # the full table (takes a while: the baseline is slow)
    .venv/bin/python bench/bench.py --quick    # small sizes only
    .venv/bin/python bench/bench.py --cap 60   # seconds allowed to the simplify baseline per claim
    .venv/bin/python bench/bench.py --report   # only: warm `verify` (rich) against warm JSON
    .venv/bin/python bench/bench.py --family MLP   # the one-hidden-layer gradients: explicit
                                                   # sizes up to (16, 16, 16) beside matrix
                                                   # notation at symbolic sizes, in one run

Every measurement runs in a fresh Python process. "build" is constructing the claim (SymPy
``diff`` included), "engine" is deciding it, "total" is the whole process (Python start-up,
imports, build, check); peak = the process's maximum resident set size, from getrusage.
"ratio" is simplify's time over the engine's check time on the same claim.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The one-hidden-layer gradients in matrix notation at symbolic sizes (the catalog's entries,
# read from derivations/files/matrix_col.toml as a user's file is): proved for every D, H, K.
MATRIX = {"∂L/∂z2": "matrix-col-dL-dz2", "∂L/∂h": "matrix-col-dL-dh",
          "∂L/∂z1": "matrix-col-dL-dz1", "∂L/∂W2": "matrix-col-dL-dW2",
          "∂L/∂W1": "matrix-col-dL-dW1", "∂L/∂x": "matrix-col-dL-dx"}

FULL = {
    "softmax Jacobian": [2, 8, 16, 32, 64],
    "∂CE/∂z, Σy = 1": [2, 8, 16, 32, 64],
    "MLP ∂L/∂x": [(2, 3, 2), (3, 4, 3), (6, 8, 6), (8, 8, 8), (16, 16, 16)],
    "MLP ∂L/∂W1": [(2, 3, 2), (3, 4, 3), (6, 8, 6), (8, 8, 8), (16, 16, 16)],
    **{f"MLP {g}, matrix notation": ["D,H,K"] for g in MATRIX},
    "batch-norm ∂L/∂x": [3, 8],
    "log σ(x) = x − log(1+eˣ)": [1],
    "GELU′, tanh approx.": [1],
    "GELU, constant off by 1e-7": [1],
}
QUICK = {
    "softmax Jacobian": [2, 8, 16],
    "∂CE/∂z, Σy = 1": [2, 8, 16],
    "MLP ∂L/∂x": [(2, 3, 2), (3, 4, 3)],
    "MLP ∂L/∂W1": [(2, 3, 2)],
    **{f"MLP {g}, matrix notation": ["D,H,K"] for g in MATRIX},
    "batch-norm ∂L/∂x": [3],
    "log σ(x) = x − log(1+eˣ)": [1],
    "GELU′, tanh approx.": [1],
    "GELU, constant off by 1e-7": [1],
}


def build(family: str, size: object):
    import sympy as sp

    from checker import Claim, Equation
    from checker.vocab import cross_entropy, softmax, vector

    if family.endswith("matrix notation"):
        from checker.files import load_file
        from derivations.matrix import HERE

        # the file's context and this one derivation, read as `derivcheck check` reads it
        head, *blocks = (HERE / "matrix_col.toml").read_text("utf-8").split("\n[[derivation]]")
        want = f'id = "{MATRIX[family.split()[1].rstrip(",")]}"'
        path = Path(tempfile.mkdtemp()) / "one.toml"
        path.write_text(head + "".join("\n[[derivation]]" + b for b in blocks
                                       if b.lstrip().startswith(want)), "utf-8")
        (item,) = load_file(str(path)).items
        return item.build().checks()[0].claim  # the goal: the gradient against its matrix form
    if family == "softmax Jacobian":
        n = int(size)  # type: ignore[call-overload]
        z = vector("z", n)
        p = softmax(z)
        return Claim(sp.ImmutableMatrix(n, n, lambda i, j: sp.diff(p[j], z[i])),
                     sp.ImmutableMatrix(n, n, lambda i, j: p[j] * (int(i == j) - p[i])))
    if family == "∂CE/∂z, Σy = 1":
        n = int(size)  # type: ignore[call-overload]
        z, y = vector("z", n), vector("y", n)
        loss = cross_entropy(y, softmax(z))
        return Claim(z.applyfunc(lambda v: sp.diff(loss, v)), softmax(z) - y,
                     (Equation(sp.Add(*y), 1),))
    x = sp.Symbol("x", real=True)
    if family == "batch-norm ∂L/∂x":  # Ioffe & Szegedy 2015, §3, at batch size m
        m = int(size)  # type: ignore[call-overload]
        xs, g = vector("x", m), vector("g", m)
        eps, gamma, beta = sp.Symbol("eps", positive=True), *sp.symbols("gamma beta", real=True)
        mu = sp.Add(*xs) / m
        var = sp.Add(*[(t - mu) ** 2 for t in xs]) / m
        xhat = [(t - mu) / sp.sqrt(var + eps) for t in xs]
        loss = sp.Add(*[gi * (gamma * h + beta) for gi, h in zip(g, xhat, strict=True)])
        dots = sp.Add(*[gi * h for gi, h in zip(g, xhat, strict=True)])
        return Claim(xs.applyfunc(lambda v: sp.diff(loss, v)),
                     sp.ImmutableMatrix([gamma / (m * sp.sqrt(var + eps))
                                         * (m * gi - sp.Add(*g) - h * dots)
                                         for gi, h in zip(g, xhat, strict=True)]))
    if family.startswith("log σ"):
        from checker.vocab import sigmoid
        return Claim(sp.log(sigmoid(x)), x - sp.log(1 + sp.exp(x)))
    if family.startswith("GELU′"):
        c, r = sp.Rational(44715, 10**6), sp.sqrt(2 / sp.pi)
        inner = r * (x + c * x**3)
        f = x / 2 * (1 + sp.tanh(inner))
        return Claim(sp.diff(f, x), (1 + sp.tanh(inner)) / 2
                     + x / 2 * (1 - sp.tanh(inner) ** 2) * r * (1 + 3 * c * x**2))
    if family.startswith("GELU,"):
        return Claim(x * (1 + sp.erf(x / sp.sqrt(2))) / 2,
                     x * (1 + sp.erf(sp.Rational(7071068, 10**7) * x)) / 2)
    from derivations.backprop import gradient_claim, network

    g = "x" if family.endswith("∂x") else "W1"
    return gradient_claim(network(tuple(size), "col"), g)  # type: ignore[arg-type]


def one(mode: str, family: str, size: object, cap: float) -> dict:
    """Runs inside the measuring subprocess."""
    t0 = time.perf_counter()
    claim = build(family, size)
    built = time.perf_counter() - t0
    if mode == "engine":
        from checker import Settings, check_claim

        r = check_claim(claim, Settings())
        out = {"verdict": r.verdict.value, "method": r.method_text, "check": r.elapsed}
    else:
        import sympy as sp

        t1 = time.perf_counter()
        lhs, rhs = claim.lhs, claim.rhs
        pairs = list(zip(lhs, rhs, strict=True)) if hasattr(lhs, "shape") else [(lhs, rhs)]
        # The baseline gets the hypotheses applied for it: Σy = 1 substituted, and every
        # one-hot case checked separately, as the engine does.
        cases: list[dict] = [{}]
        for h in claim.given:
            if hasattr(h, "vector"):
                cases = [{**c, **{s: int(i == k) for i, s in enumerate(h.vector)}}
                         for c in cases for k in range(len(h.vector))]
            elif hasattr(h, "lhs"):
                y_last = sorted(h.lhs.free_symbols, key=sp.default_sort_key)[-1]
                value = sp.solve(h.lhs - h.rhs, y_last)[0]
                cases = [{**c, y_last: value} for c in cases]
        zero = all(sp.simplify((a - b).doit().subs(subs)) == 0
                   for subs in cases for a, b in pairs)
        out = {"verdict": "zero" if zero else "not shown zero", "check": time.perf_counter() - t1}
    out["build"] = built
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def measure(mode: str, family: str, size: object, cap: float) -> dict:
    cmd = [sys.executable, __file__, "--one", mode, family, json.dumps(size), "--cap", str(cap)]
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=cap, check=False)
    except subprocess.TimeoutExpired:
        return {"verdict": f"no answer in {cap:g} s", "check": None, "wall": cap}
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        return {"verdict": "crashed: " + proc.stderr.strip().splitlines()[-1][:60], "check": None,
                "wall": wall}
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out["wall"] = wall
    return out


# Runs a command and prints the largest resident set of it and its workers (its own children).
_PEAK = ("import resource, subprocess, sys; p = subprocess.run(sys.argv[1:]); "
         "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
         "sys.exit(p.returncode)")


def verify(cap: float, *args: str) -> tuple[dict, float, float, int]:
    """``derivcheck verify --format json ARGS`` in a fresh process: (report, wall s, peak MB of
    the largest process, exit code)."""
    cmd = [sys.executable, "-c", _PEAK, sys.executable, str(ROOT / "cli.py"), "verify",
           "--format", "json", *args]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=cap * 20, check=False,
                          cwd=ROOT)
    wall = time.perf_counter() - t0
    peak = int(proc.stderr.strip().splitlines()[-1]) / 1024
    return json.loads(proc.stdout), wall, peak, proc.returncode


def catalog(cap: float, cache_dir: str) -> dict:
    """One ``derivcheck verify`` run (cold on an empty cache directory, warm on a filled one)."""
    report, wall, peak, code = verify(cap, "--cache-dir", cache_dir)
    return {"wall": wall, "peak_mb": peak, "summary": report["summary"], "exit": code,
            "jobs": report["jobs"], "cached": report["cached"]}


def _timed(*args: str) -> tuple[float, float]:
    """(wall s, CPU s) of ``cli.py ARGS`` in a fresh process, its output thrown away."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False, cwd=ROOT)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def report_costs(cache_dir: str, repeat: int = 5) -> str:
    """Warm ``verify`` drawing the terminal report against warm ``verify --format json``, on
    one filled cache, alternated ``repeat`` times; medians (the report's own cost is the
    difference: both load the same cached results)."""
    _timed("verify", "--format", "json", "--cache-dir", cache_dir)  # fill it, if needed
    rich, js = [], []
    for _ in range(repeat):
        js.append(_timed("verify", "--format", "json", "--cache-dir", cache_dir))
        rich.append(_timed("verify", "--cache-dir", cache_dir))

    def median(xs: list[float]) -> float:
        return sorted(xs)[len(xs) // 2]

    rw, rc = median([w for w, _ in rich]), median([c for _, c in rich])
    jw, jc = median([w for w, _ in js]), median([c for _, c in js])
    return (f"warm verify, rich report vs --format json (median of {repeat}): "
            f"{rw:.2f} s vs {jw:.2f} s wall ({rw / jw:.2f}×), {rc:.2f} s vs {jc:.2f} s CPU "
            f"({rc / jc:.2f}×)")


def cold_start(repeat: int = 5) -> str:
    """A one-claim ``derivcheck check`` in a fresh process (no cache, one worker) against the
    floor it cannot go under, Python importing SymPy; medians of ``repeat`` runs, with
    bytecode caching on (as an installed package has it), whatever this shell says."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as tmp:
        claim = Path(tmp) / "one.toml"
        claim.write_text('format = 1\n[context]\nsymbols = { x = "real" }\n[[derivation]]\n'
                         'id = "s"\nclaim = "diff(sigmoid(x), x) == sigmoid(x)*(1 - sigmoid(x))"\n',
                         encoding="utf-8")
        runs = {"python -c 'import sympy'": [sys.executable, "-c", "import sympy"],
                "python -c 'import cli'": [sys.executable, "-c", "import cli"],
                "derivcheck check one.toml": [sys.executable, str(ROOT / "cli.py"), "check",
                                              str(claim), "--no-cache", "--jobs", "1",
                                              "--format", "json"]}
        out = {}
        for label, argv in runs.items():
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
                           env=env, check=False)  # write the bytecode first
            times = []
            for _ in range(repeat):
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               cwd=ROOT, env=env, check=False)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                times.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
            out[label] = sorted(times)[len(times) // 2]
    return f"cold start, CPU s (median of {repeat}): " + ", ".join(
        f"{label} {t:.2f}" for label, t in out.items())


def fmt(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--cap", type=float, default=60.0, help="seconds per baseline claim")
    ap.add_argument("--family", action="append", help="only these claim families")
    ap.add_argument("--report", action="store_true",
                    help="only compare warm rich and JSON reports of the catalog")
    ap.add_argument("--cold", action="store_true",
                    help="only measure a one-claim run's start against importing SymPy")
    ap.add_argument("--one", nargs=3, metavar=("MODE", "FAMILY", "SIZE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        mode, family, size = args.one
        print(json.dumps(one(mode, family, json.loads(size), args.cap)))
        return
    if args.report:
        with tempfile.TemporaryDirectory() as cache_dir:
            print(report_costs(cache_dir))
        return
    if args.cold:
        print(cold_start())
        return
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, {platform.system()} {platform.release()}")
    import sympy

    print(f"sympy {sympy.__version__}; baseline cap {args.cap:g} s per claim\n")
    header = (f"| {'claim':18} | {'size':9} | {'build s':>7} | {'engine s':>8} | {'total s':>7} | "
              f"{'engine verdict':38} | {'peak MB':>7} | {'simplify s':>10} | {'ratio':>6} |")
    print(header)
    print("|" + "|".join("-" * (len(c)) for c in header.split("|")[1:-1]) + "|")
    for family, sizes in (QUICK if args.quick else FULL).items():
        if args.family and not any(f in family for f in args.family):
            continue
        for size in sizes:
            e = measure("engine", family, size, args.cap * 5)
            b = measure("simplify", family, size, args.cap)
            ratio = (f"{b['check'] / e['check']:.0f}×" if e.get("check") and b.get("check")
                     else "—")
            base = fmt(b.get("check")) if b.get("check") is not None else f"> {args.cap:g}"
            if b.get("verdict") not in ("zero", None) and b.get("check") is not None:
                base += " (≠0)"
            label = ("x".join(map(str, size)) if isinstance(size, list | tuple)
                     else size if isinstance(size, str) else f"n={size}")
            verdict = f"{e['verdict']}: {e.get('method', '')}"[:38]
            print(f"| {family:18} | {label:9} | {fmt(e.get('build')):>7} | "
                  f"{fmt(e.get('check')):>8} | {fmt(e.get('wall')):>7} | {verdict:38} | "
                  f"{fmt(e.get('peak_mb')):>7} | {base:>10} | {ratio:>6} |", flush=True)
    if args.family:
        return
    report, wall, _, _ = verify(args.cap, "--only", "every-n", "--no-cache")
    times = sorted(r["elapsed"] for r in report["records"])
    verdicts = sorted({f"{r['verdict']} {'for' if r['verdict'] == 'proved' else 'at'} "
                       f"{r['scope']}" if r["scope"] else r["verdict"]
                       for r in report["records"]})
    print(f"\nidentities for a symbolic n (verify --only every-n, cold): {len(times)} checks, "
          f"each {times[0] * 1000:.0f}–{times[-1] * 1000:.0f} ms (median "
          f"{times[len(times) // 2] * 1000:.0f} ms), {wall:.2f} s wall in all; "
          f"{report['summary']['mismatches']} mismatches; verdicts: {', '.join(verdicts)}")
    with tempfile.TemporaryDirectory() as cache_dir:
        for label in ("cold", "warm"):
            c = catalog(args.cap, cache_dir)
            print(f"\nfull catalog, {label} (derivcheck verify): {c['wall']:.2f} s wall, "
                  f"{c['cached']} of {c['summary']['entries']} entries from the cache, "
                  f"largest process {c['peak_mb']:.0f} MB ({c['jobs']} workers + the CLI: "
                  f"at most {(c['jobs'] + 1) * c['peak_mb']:.0f} MB in all), exit {c['exit']}")
        print(f"summary: {c['summary']}")
        print(report_costs(cache_dir))


if __name__ == "__main__":
    main()
