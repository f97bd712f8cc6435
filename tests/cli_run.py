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
