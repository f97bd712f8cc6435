"""``--only``: which entries a pattern selects, for catalog ids and for FILE::id alike.

A pattern is, in this order:
  * ``FILE::ID`` — exactly that derivation of that file (FILE compared as a path, so
    ``./a.toml`` names ``a.toml``), or a glob in either part (``a.toml::ce-*``); never a
    substring, so ``a.toml::ce`` does not select ``a.toml::ce-sum-one``. A file that could
    not be read is selected with it, so its error is shown;
  * an exact id (a catalog id, or a derivation's id within its file);
  * else a glob (``softmax-*``) on the id;
  * else a substring of the id.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Sequence
from typing import Protocol, TypeVar


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=_HasId)


def _is_glob(pattern: str) -> bool:
    return any(c in pattern for c in "*?[")


def _split(item_id: str) -> tuple[str | None, str]:
    """(file, id in the file) of a FILE::id; (None, id) of a catalog id."""
    if "::" in item_id:
        path, name = item_id.rsplit("::", 1)
        return path, name
    return None, item_id


def _same_file(path: str, pattern: str) -> bool:
    if _is_glob(pattern):
        return fnmatch.fnmatchcase(path, pattern)
    return os.path.normpath(path) == os.path.normpath(pattern)


def matching_ids(ids: Sequence[str], patterns: Sequence[str], files: Sequence[str] = ()
                 ) -> set[str]:
    """The ids that the patterns select. ``files`` are ids that name a whole file (a file
    that could not be read): a FILE::ID pattern selects them with their file."""
    chosen: set[str] = set()
    parts = {i: _split(i) for i in ids}
    for p in patterns:
        if "::" in p:
            path, name = p.rsplit("::", 1)
            in_file = [i for i in ids
                       if (f := parts[i][0]) is not None and _same_file(f, path)]
            if _is_glob(name):
                chosen.update(i for i in in_file if fnmatch.fnmatchcase(parts[i][1], name))
            else:
                chosen.update(i for i in in_file if parts[i][1] == name)
            chosen.update(f for f in files if _same_file(f, path))
            continue
        exact = {i for i in ids if p in (i, parts[i][1])}
        if exact:
            chosen |= exact
        elif _is_glob(p):
            chosen.update(i for i in ids if fnmatch.fnmatchcase(i, p)
                          or fnmatch.fnmatchcase(parts[i][1], p))
        else:
            chosen.update(i for i in ids if p in i)
    return chosen


def select(items: Sequence[T], patterns: str | Sequence[str] | None,
           files: Sequence[str] = ()) -> list[T]:
    """The items (in their order) that any of the patterns selects; all for no pattern."""
    if not patterns:
        return list(items)
    if isinstance(patterns, str):
        patterns = [patterns]
    chosen = matching_ids([i.id for i in items], patterns, files)
    return [i for i in items if i.id in chosen]
