"""Running derivcheck as a user does: the installed console script in a subprocess.

Also the small documents the integration tests share: a Markdown homework with a wrong
step on a known line, and a line that cannot be read.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).parent / "derivcheck"

HOMEWORK = r"""# Homework 3

```derivcheck
symbols = { x = "real" }
```

The sigmoid's derivative:

$$
\begin{aligned}
\frac{d}{dx} \frac{1}{1+e^{-x}} &= \frac{e^{-x}}{(1+e^{-x})^2} \\
&= \frac{1}{1+e^{-x}} \left(1 + \frac{1}{1+e^{-x}}\right)
\end{aligned}
$$

A line that cannot be read:

$$ y = \oint x $$
"""
WRONG_LINE = 12  # "&= \frac{1}{1+e^{-x}} (1 + …)": a sign slip (it should be 1 − σ)
UNREADABLE = (18, 8)  # \oint

GOOD_TOML = """format = 1

[[derivation]]
id = "tanh"
steps = ["2/(1 + exp(-2*x)) - 1", "(1 - exp(-2*x))/(1 + exp(-2*x))"]
"""


def command() -> list[str]:
    """The console script when installed (as in CI), else ``python cli.py`` from a checkout."""
    return [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, str(ROOT / "cli.py")]


def derivcheck(*args: str, cwd: Path, input: str | None = None, env: dict[str, str] | None = None,
               timeout: float = 180) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items()
                if k not in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "COLUMNS", "TERM")}
    full_env.update(env or {})
    return subprocess.run([*command(), *args], cwd=cwd, input=input, capture_output=True,
                          text=True, timeout=timeout, env=full_env, check=False,
                          stdin=None if input is not None else subprocess.DEVNULL)


def on_a_terminal(argv: list[str], cwd: Path, env: dict[str, str] | None = None,
                  timeout: float = 120) -> tuple[int, list[tuple[float, str]]]:
    """Run ``argv`` with stdout and stderr on a pseudo-terminal, as in a terminal window;
    returns the exit code and what appeared, as (seconds since the start, text) chunks."""
    import pty
    import select
    import time

    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    full_env.update({"TERM": "xterm-256color", "COLUMNS": "110", "LINES": "40"})
    full_env.update(env or {})
    master, slave = pty.openpty()
    t0 = time.monotonic()
    proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave,
                            env=full_env, close_fds=True)
    os.close(slave)
    chunks: list[tuple[float, str]] = []
    try:
        while time.monotonic() - t0 < timeout:
            ready, _, _ = select.select([master], [], [], 0.1)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the terminal's other side is closed
                break
            if not data:
                break
            chunks.append((time.monotonic() - t0, data.decode("utf-8", "replace")))
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
    return proc.wait(timeout=30), chunks
