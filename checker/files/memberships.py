"""What the prose says a letter is: ``$X \\in \\mathbb{R}^{n \\times d}$``, ``$w \\in ℝ^d$``.

The reader does not take declarations from prose (what it would guess there is too much), but
it must not read a letter as a number where the page says it is a vector or a matrix: a
derivation of ∇_w ‖Xw − y‖² read with X, w and y numbers can be "proved" wrong (a missing
transpose vanishes). So an undeclared letter the prose puts in ℝ^{…} is refused where a
display reads it, with the declaration to write instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from checker.parse.context import Context

_REALS = r"(?:\\mathbb\s*\{\s*R\s*\}|\\mathbb\s+R|\\R(?![A-Za-z])|\\Reals(?![A-Za-z])|ℝ)"
_LETTER = r"(?:\\(?:mathbf|boldsymbol|bm|vec)\s*\{\s*([A-Za-z])\s*\}|([A-Za-z])(?![A-Za-z]))"
_MEMBER = re.compile(
    rf"(?P<names>{_LETTER}(?:\s*,\s*{_LETTER})*)\s*(?:\\in|∈)\s*{_REALS}\s*\^\s*"
    r"(?P<shape>\{[^{}$]*\}|[A-Za-z0-9])")
_NAME = re.compile(_LETTER)
_BOLD = re.compile(r"\\(mathbf|boldsymbol|bm|vec)\s*\{\s*([A-Za-z])\s*\}")
_TIMES = re.compile(r"\\times|×|\\cdot|,|\*")


def _sizes(shape: str) -> list[str]:
    inner = shape[1:-1] if shape.startswith("{") else shape
    return [p.strip() for p in _TIMES.split(inner) if p.strip()]


def said_arrays(text: str, line_of: Callable[[int], int], ctx: Context) -> None:
    """Record in ``ctx`` each undeclared letter ``text`` puts in ℝ^{…} as a vector or matrix."""
    for m in _MEMBER.finditer(text):
        sizes = _sizes(m.group("shape"))
        if not sizes or all(s == "1" for s in sizes):
            continue  # ℝ¹, ℝ^{1×1}: a number
        what = "vector" if len(sizes) == 1 or sizes[1:] == ["1"] else "matrix"
        written = " ".join(m.group(0).split())
        for found in _NAME.finditer(m.group("names")):
            name = found.group(1) or found.group(2)
            key = name if found.group(2) else _BOLD.sub(r"\\\1{\2}", found.group(0))  # \mathbf{x}:
            if ctx.kind(name) is not None or key in ctx.latex or key in ctx.said_arrays:
                continue  # (the bold x is a glyph of its own; the plain x may be a number)
            if what == "vector":
                hint = f'vectors = {{ {name} = "{sizes[0]}" }}'
            else:
                hint = f'matrices = {{ {name} = ["{sizes[0]}", "{sizes[1]}"] }}'
            numeric = all(s.isdigit() for s in sizes)
            ctx.said_arrays[key] = (
                f"{name}: the page says {written} (line {line_of(m.start())}), a {what}, but "
                f"{name} is not declared one, so it would be read as a number; declare it "
                f"({hint}" + ("" if numeric else ", with its sizes under dims") + "), or "
                f'as a number (symbols = {{ {name} = "real" }}) if one is meant here')
