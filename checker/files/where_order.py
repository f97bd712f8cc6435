"""Definitions in "where" order: a definition that uses a name the page defines after it.

People define the loss first and what it is made of next::

    $$L = -\\sum_i y_i \\log p_i$$      (p is not known yet)
    $$p_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}$$

The second line says what p is, and the first means L with that p: the page reads in
"where" order. That reading is taken only where it cannot change what any line said: the
later definition is of a name the earlier one used as a letter of its own (or that made the
earlier one unreadable), in the same section, and nothing between the two (a display, or
the math of the prose) writes the earlier definition's name. Then the earlier definition is
read again right after the later one, as if it had been written there. Otherwise the later
line is refused as before (a definition holds from where it is written).

The document reader (:mod:`checker.files.document`) records each display's definition
(:func:`remember`), and each definition that could not be read (:func:`wait`); this module
decides whether a later definition lets one be read again, and undoes what a definition
made when it is read again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from checker.files.common import INLINE_MATH
from checker.files.prose_definitions import mentions
from checker.parse.context import Context

TABLES = ("latex", "families", "functions", "written", "recurrences")
_MISSING = object()


@dataclass(frozen=True)
class Made:
    """A display's definition: what it said, where, and what it changed in its context."""

    params: str
    value: str
    line: int
    context: int  # id() of the section's context: the definition holds there
    changed: dict  # table → {key: the value before it (or _MISSING)}
    read: dict  # the keys it made (a latex key, a function) → how often read when it was made


@dataclass(frozen=True)
class Waiting:
    """A definition that could not be read: to be read again after a later definition."""

    latex: str
    line: int
    context: int
    error: object  # the InputError reported for it (withdrawn if it is read after all)
    sides: int  # the sides counted as unread for it


def snapshot(ctx: Context) -> dict[str, dict]:
    """The tables a definition may change, as they stand."""
    return {t: dict(getattr(ctx, t)) for t in TABLES}


def restore(ctx: Context, kept: dict[str, dict]) -> None:
    for t, table in kept.items():
        setattr(ctx, t, dict(table))


def remember(ctx: Context, name: str, params: str, value: str, line: int,
             before: dict[str, dict]) -> None:
    """Record the definition just made (``before``: the tables before it)."""
    changed: dict[str, dict] = {}
    for t in TABLES:
        now, old = getattr(ctx, t), before[t]
        keys = {k for k in now if k not in old or now[k] is not old[k]}
        if keys:
            changed[t] = {k: old.get(k, _MISSING) for k in keys}
    keys = {k for t in ("latex", "functions") for k in changed.get(t, {})}
    ctx.made[name] = Made(params, value, line, id(ctx), changed,
                          {k: ctx.uses.count.get(k, 0) for k in keys})


def read_since(ctx: Context, name: str) -> bool:
    """A line read the definition ``name`` since it was made (as written in any spelling:
    \\hat y, ŷ, or through a function, a gradient's shorthand)."""
    made = ctx.made[name]
    return any(ctx.uses.count.get(k, 0) > n for k, n in made.read.items())


def wait(ctx: Context, name: str, latex: str, line: int, error: object, sides: int) -> None:
    ctx.waiting[name] = Waiting(latex, line, id(ctx), error, sides)


def _math_of(prose: str) -> str:
    """The inline math of a stretch of prose."""
    return " ".join(m["a"] or m["b"] or "" for m in INLINE_MATH.finditer(prose))


def _writes(text: str, name: str) -> bool:
    base = re.match(r"\\?[A-Za-z]+(?:\s*\{[^{}]*\})?", name.strip())
    return mentions(text, name) or (base is not None and base.group(0) != name.strip()
                                    and mentions(text, base.group(0)))


def used_between(displays: Iterable, first: int, last: int, name: str) -> bool:
    """A display after line ``first`` and before line ``last``, or the math of the prose
    before such a display or before the one at ``last``, writes ``name``."""
    for d in displays:
        if first < d.line <= last and _writes(_math_of(d.between or d.before), name):
            return True
        if first < d.line < last and _writes(d.latex, name):
            return True
    return False


def users(ctx: Context, letter: str, displays: Iterable, line: int) -> list[str] | None:
    """The earlier definitions of this section that use ``letter`` as a letter of their own,
    if every one can be read again after a definition of it at ``line`` (None if not)."""
    found = ctx.free_users.get(letter, [])
    shown = list(displays)
    if not found or any(u not in ctx.made or ctx.made[u].context != id(ctx) or read_since(ctx, u)
                        or used_between(shown, ctx.made[u].line, line, u) for u in found):
        return None
    return list(found)


def read_again(ctx: Context, names: list[str], define: Callable[[str, str, str], None]) -> None:
    """Read the definitions ``names`` again, each as written, in the context as it is now:
    what each made is undone first. Raises what reading one raises (the caller restores)."""
    for name in names:
        made = ctx.made[name]
        for t, keys in made.changed.items():
            table = getattr(ctx, t)
            for k, old in keys.items():
                if old is _MISSING:
                    table.pop(k, None)
                else:
                    table[k] = old
        before = snapshot(ctx)
        define(name, made.params, made.value)
        remember(ctx, name, made.params, made.value, made.line, before)


def waiting_for(ctx: Context, written: str, displays: Iterable, line: int) -> list[str]:
    """The unread definitions of this section that write the name just defined at ``line``,
    and whose own name nothing since has written."""
    shown = list(displays)
    return [name for name, w in ctx.waiting.items()
            if w.context == id(ctx) and _writes(w.latex, written)
            and not used_between(shown, w.line, line, name)]


def lift(ctx: Context, letter: str) -> tuple:
    """Forget that ``letter`` was used as a letter of its own (it is being defined, and the
    definitions that used it are read again after it); what :func:`unlift` puts back."""
    saved = (letter, ctx.free_uses.pop(letter, None), ctx.free_users.pop(letter, None),
             dict(ctx.made))
    return saved


def unlift(ctx: Context, saved: tuple) -> None:
    letter, use, users_of, made = saved
    if use is not None:
        ctx.free_uses[letter] = use
    if users_of is not None:
        ctx.free_users[letter] = users_of
    ctx.made = made
