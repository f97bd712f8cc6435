"""The catalog: every identity and derivation of the seed documents as SymPy claims.

Each topic module exposes ``ITEMS``, a list of :class:`checker.model.CatalogItem`
whose ``build()`` returns an :class:`~checker.model.Identity` or a
:class:`~checker.model.Derivation`. Entries are built on demand (in the worker
that checks them), so listing the catalog costs nothing.
"""

from __future__ import annotations

from importlib import import_module

from checker import selection
from checker.model import CatalogItem

MODULES = (
    "softmax",
    "sigmoid",
    "tanh",
    "cross_entropy",
    "jacobian",
    "loglinear",
    "logistic",
    "backprop",
    "params",
    "convolution",
    "every_n",
    "matrix",
)

SEEDS = {
    "000": "000_b36c20cad08429e7.txt",
    "001": "001_cccfd86e6ee90608.txt",
    "002": "002_e30057fdf3f385a3.txt",
    "003": "003_beea6646e3c6f9ad.txt",
    "004": "004_b6c3953bbc586bec.txt",
}


def source(doc: str, where: str) -> str:
    """Citation for a seed document, e.g. ``source("000", "Softmax, 2")``."""
    return f"{SEEDS[doc]}: {where}"


def catalog() -> list[CatalogItem]:
    items: list[CatalogItem] = []
    for name in MODULES:
        items.extend(import_module(f"derivations.{name}").ITEMS)
    ids = [i.id for i in items]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise RuntimeError(f"duplicate catalog ids: {dupes}")
    return items


def select(items: list[CatalogItem], patterns: str | list[str] | None) -> list[CatalogItem]:
    """Items matching any pattern: an exact id, a glob (``softmax-*``), or a substring."""
    return selection.select(items, patterns)


def find(item_id: str) -> CatalogItem | None:
    return next((i for i in catalog() if i.id == item_id), None)
