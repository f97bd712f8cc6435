"""Parameter count of the one-hidden-layer network: (Dx + 1) H + (H + 1) Dy.

For concrete sizes the left side counts the distinct free symbols of W1, b1, W2, b2 in the
network built by :func:`derivations.backprop.network`; for large sizes (where building tens of
thousands of symbols costs seconds) it counts the entries of the same shapes instead. One more
identity checks the formula with symbolic sizes.
"""

from __future__ import annotations

from functools import partial

import sympy as sp

from checker.model import CatalogItem, Claim, Identity
from checker.results import Verdict
from derivations import source
from derivations.backprop import PARAMETERS, Convention, Sizes, network, shapes, size_tag

SRC = source("000", "4")

SIZES: tuple[Sizes, ...] = (
    (2, 3, 2),
    (3, 4, 3),
    (1, 1, 3),  # the scalar reading of document 002
    (4, 5, 3),
    (10, 20, 5),
    (784, 100, 10),
)

# Above this many parameters, count shapes rather than build symbols.
SYMBOL_LIMIT = 5000


def formula(dx: sp.Expr | int, hidden: sp.Expr | int, dy: sp.Expr | int) -> sp.Expr:
    """(Dx + 1) H + (H + 1) Dy, unexpanded."""
    dx, hidden = sp.Integer(dx) if isinstance(dx, int) else dx, \
        sp.Integer(hidden) if isinstance(hidden, int) else hidden
    return (dx + 1) * hidden + (hidden + 1) * dy


def shape_count(sizes: Sizes, convention: Convention = "row") -> int:
    """Number of entries of W1, b1, W2, b2 from their shapes alone."""
    sh = shapes(sizes, convention)
    return sum(sh[p][0] * sh[p][1] for p in PARAMETERS)


def symbol_count(sizes: Sizes, convention: Convention = "row") -> int:
    """Number of distinct free symbols of W1, b1, W2, b2 in the built network."""
    net = network(sizes, convention)
    free: set[sp.Symbol] = set()
    for p in net.parameters:
        free |= p.free_symbols
    return len(free)


def parameter_count(sizes: Sizes, convention: Convention = "row") -> int:
    if shape_count(sizes, convention) > SYMBOL_LIMIT:
        return shape_count(sizes, convention)
    return symbol_count(sizes, convention)


def count_id(sizes: Sizes) -> str:
    return f"params-count-{size_tag(sizes)}"


def count_title(sizes: Sizes) -> str:
    dx, hidden, dy = sizes
    return f"#parameters = (Dx + 1)H + (H + 1)Dy for Dx, H, Dy = {dx}, {hidden}, {dy}"


def build_count(sizes: Sizes) -> Identity:
    counted = "entries of the W1, b1, W2, b2 shapes"
    if shape_count(sizes) <= SYMBOL_LIMIT:
        counted = "distinct symbols of W1, b1, W2, b2"
    claim = Claim(
        sp.Integer(parameter_count(sizes)),
        formula(*sizes),
        expect=Verdict.PROVED,
        note=f"left side: {counted} (row convention)",
    )
    return Identity(count_id(sizes), count_title(sizes), SRC, claim)


def build_symbolic() -> Identity:
    dx, hidden, dy = (sp.Symbol(n, integer=True, positive=True) for n in ("D_x", "H", "D_y"))
    claim = Claim(
        dx * hidden + hidden + hidden * dy + dy,
        formula(dx, hidden, dy),
        expect=Verdict.PROVED,
        note="W1: Dx·H, b1: H, W2: H·Dy, b2: Dy",
    )
    return Identity("params-count-symbolic", SYMBOLIC_TITLE, SRC, claim)


SYMBOLIC_TITLE = "Dx·H + H + H·Dy + Dy = (Dx + 1)H + (H + 1)Dy"

ITEMS: list[CatalogItem] = [
    *(
        CatalogItem(count_id(s), count_title(s), SRC, partial(build_count, s),
                    ("params", size_tag(s)))
        for s in SIZES
    ),
    CatalogItem("params-count-symbolic", SYMBOLIC_TITLE, SRC, build_symbolic, ("params",)),
]
