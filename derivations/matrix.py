"""Matrix notation at symbolic sizes (issue 12): backprop of documents 000 (rows) and 002
(columns), Matrix Cookbook identities and the softmax-regression gradient, proved for every
size, with the documents' transposes and σ² slips refuted by shape or at a certified size.

These entries are written as a user writes them, in derivation files with LaTeX
(``derivations/files/matrix_*.toml``), and read by the same reader as ``derivcheck check``:
the catalog tests the reader too. A file is read once per process, when its first entry is
built.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import replace
from functools import cache, partial
from pathlib import Path

from checker.model import CatalogItem, Entry

FILES = ("matrix_col.toml", "matrix_row.toml", "matrix_cookbook.toml")
HERE = Path(__file__).resolve().parent / "files"


@cache
def _entries(name: str) -> dict[str, Entry]:
    from checker.files import load_file

    loaded = load_file(str(HERE / name))
    if loaded.errors:  # the catalog's own files must read cleanly
        raise RuntimeError("; ".join(str(e) for e in loaded.errors))
    out = {}
    for item in loaded.items:
        entry = item.build()
        plain = item.id.rsplit("::", 1)[1]
        out[plain] = replace(entry, id=plain)
    return out


def _build(name: str, item_id: str) -> Entry:
    return _entries(name)[item_id]


def _items() -> list[CatalogItem]:
    items = []
    for name in FILES:
        raw = (HERE / name).read_bytes()
        digest = hashlib.sha256(raw).hexdigest()[:16]
        for table in tomllib.loads(raw.decode("utf-8")).get("derivation", []):
            item_id = table["id"]
            source = table.get("source", "")
            items.append(CatalogItem(item_id, table.get("title", item_id), source,
                                     partial(_build, name, item_id), ("matrix",),
                                     cache_key=f"catalog:{item_id}:{digest}"))
    return items


ITEMS = _items()
