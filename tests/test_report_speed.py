"""The terminal report costs about what the JSON report costs (issue 9, the README's first
command): it never prints an expression only to throw the text away, and SymPy's pretty
printer does not import the SI unit system to draw it."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
import sympy as sp
from rich.console import Console

from checker import CheckResult, EntryOutcome, Method, Result, RunReport, Verdict
from checker.report import terminal
from derivations import find

ROOT = Path(__file__).resolve().parent.parent


def _leaves(e: object, cap: int) -> int:
    """Leaves of the expression tree (as printing walks it), counted up to ``cap``."""
    stack, n = [e], 0
    while stack and n < cap:
        node = stack.pop()
        if isinstance(node, sp.MatrixBase):
            stack.extend(node)
        elif getattr(node, "args", ()):
            stack.extend(node.args)
        else:
            n += 1
    return n


@pytest.mark.parametrize("entry_id", ["backprop-row-232-dL-dx", "backprop-col-232-dL-dW1"])
def test_a_gradient_is_never_printed_whole(entry_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    item = find(entry_id)
    assert item is not None
    entry = item.build()
    outcome = EntryOutcome(item.id, item.title, item.source, entry, tuple(
        CheckResult(c, Result(Verdict.PROVED, Method.EXACT, 0.5)) for c in entry.checks()))
    printed: list[int] = []
    for name in ("sstr", "pretty"):
        real = getattr(sp, name)

        def spy(e: object, *args: object, _real=real, **kwargs: object) -> str:
            printed.append(_leaves(e, 10_000))
            return _real(e, *args, **kwargs)

        monkeypatch.setattr(sp, name, spy)
    assert _leaves(entry.claim.lhs, 10_000) > 1000  # a large claim
    buf = io.StringIO()
    terminal.render(RunReport((outcome,), 1.0, 1, 60.0, 1), Console(file=buf, width=100))
    assert "✓ proved" in buf.getvalue()
    assert max(printed, default=0) <= 300, printed  # the report never drew what it cannot show


def test_the_pretty_printer_stand_in_changes_no_text_and_leaves_no_trace() -> None:
    script = """
import sys
import sympy as sp
from checker.report.text import quick_pretty
from checker.vocab import sigmoid, real
x, y = real("x"), real("y")
exprs = [sp.exp(-x) * sp.exp(x + 1), 2 * sigmoid(2 * x) - 1, x * y / (1 + x) ** 2,
         sp.Matrix([[x * y, -x * sp.exp(y)], [sp.Rational(1, 3) * x, x**2 * y]]),
         sp.Derivative(sigmoid(x) * y, x), -x * y * sp.tanh(x)]
assert "sympy.physics.units" not in sys.modules
with quick_pretty():
    quick = [sp.pretty(e, use_unicode=u) for e in exprs for u in (True, False)]
assert "sympy.physics.units" not in sys.modules, "the stand-in was left behind"
import sympy.physics.units
real_ = [sp.pretty(e, use_unicode=u) for e in exprs for u in (True, False)]
assert sys.modules["sympy.physics.units"].Quantity.__module__.startswith("sympy.physics")
assert quick == real_, (quick, real_)
print("ok")
"""
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)
    assert proc.stdout.strip() == "ok", proc.stderr


def test_surely_2d_is_never_wrong() -> None:
    """A form judged several lines high without drawing it is several lines high: random
    expressions (and matrices of them), in Unicode and in ASCII."""
    import random

    from checker.report.text import surely_2d
    from checker.vocab import real, sigmoid

    x, y = real("x"), real("y")
    rng = random.Random(9)

    def build(depth: int) -> sp.Expr:
        if depth == 0:
            return rng.choice([x, y, sp.Integer(2), sp.Rational(1, 3), sp.Integer(-1)])
        a, b = build(depth - 1), build(depth - 1)
        return rng.choice([
            lambda: a + b, lambda: a * b, lambda: a / (1 + b**2), lambda: a**2, lambda: a**-1,
            lambda: sp.exp(a), lambda: sigmoid(a), lambda: sp.log(1 + a**2), lambda: sp.sqrt(a),
            lambda: sp.tanh(a), lambda: a - b, lambda: sp.Derivative(sigmoid(x) * a, x),
            lambda: a ** sp.Rational(1, 3)])()

    judged = 0
    for _ in range(300):
        e = build(rng.randint(0, 3))
        if rng.random() < 0.2:
            e = sp.Matrix([[e, build(1)]] if rng.random() < 0.5 else [[e], [build(1)]])
        if surely_2d(e):
            judged += 1
            for unicode in (True, False):
                assert "\n" in sp.pretty(e, use_unicode=unicode, wrap_line=False), e
    assert judged > 100
