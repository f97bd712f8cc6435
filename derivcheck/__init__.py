"""derivcheck for notebooks and scripts: check a claim, a LaTeX derivation or a file in one call.

    from derivcheck import check_claim, check_file, check_latex, check_steps

Each call returns a :class:`Checked` result that shows itself in Jupyter (the math drawn,
✓/✗ per line, the counterexample), in a terminal through Rich, and as text with ``print``;
its properties (``ok``, ``verdict``, ``refuted``, ``first_wrong_step``, ``errors``,
``checks``) and ``to_dict()`` / ``to_html()`` give the same results as data. See the README's
"Python API and notebooks" and :mod:`checker.api`, where this lives.
"""

from __future__ import annotations

from checker import __version__
from checker.api import Checked, check_claim, check_file, check_latex, check_steps
from checker.results import Verdict

__all__ = ["Checked", "Verdict", "__version__", "check_claim", "check_file", "check_latex",
           "check_steps"]
