"""A law written beside a display: ``z = \\mu + \\sigma \\epsilon, \\quad \\epsilon \\sim
\\mathcal{N}(0, 1)``, ``\\quad (\\epsilon \\sim \\mathcal{N}(0, 1))``, ``\\text{where }
\\epsilon \\sim …``. The laws are read from the declarations (``random``), never from the page:
beside a name declared random the words restate what the declarations say and are set aside;
beside any other name they would make it random, which the reader does not do, so the display
is refused with the declaration to write."""

from __future__ import annotations

import re

from checker.files.common import Bad
from checker.parse.context import Context
from checker.parse.tree import Pos

# the remark: a separator (a comma, \quad, \text{where}/\text{with}), the name, \sim, the law
_LAW = re.compile(r"(?:\s*,)?\s*(?:\\q?quad\b|\\text\s*\{\s*(?:where|with|for)\s*\}|,)\s*"
                  r"(?:\\left)?\(?\s*(?P<name>\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?)\s*\\sim\s*"
                  r"(?P<law>[^=]*?)\s*(?:\\right)?\)?\s*[.,]?\s*$")


def without_law(latex: str, ctx: Context) -> str:
    """``latex`` with a law remark at its end set aside where the declarations say the name is
    random; refused where they do not (see the module docstring). Unchanged without one."""
    m = _LAW.search(latex)
    if m is None or latex[:m.start()].strip() == "":
        return latex
    name = m["name"].lstrip("\\")
    base = name.split("_")[0]
    if name in ctx.random or base in ctx.random:
        return latex[:m.start()]
    law = m["law"].strip()
    law += ")" * (law.count("(") - law.count(")"))  # (the bracket round the remark took it)
    shown = f"{m['name']} \\sim {law}"
    raise Bad(f"{shown}: a law, which derivcheck reads from the declarations only; declare "
              f"{name} random with it (random = {{ {name} = \"N(0, 1)\" }} for a standard "
              "normal, see Random variables), or take the remark out if the display does not "
              "need it", pos=Pos(1, 1))
