"""Every plausible reading of a derivation's lines: the reader's guesses, made explicit.

The LaTeX reader marks each place where the text could be read two ways with a
:class:`~checker.parse.tree.Choice` (an undeclared letter before brackets, the extent of an
unbracketed function argument before ``\\cdot`` or ``/``, ``a/b c``, ``\\frac{d}{dx}(u) v``).
Here the choices are decided:

* a choice that the rest of the derivation settles is fixed: a letter that is also used as a
  value (``y(1 - y)`` next to a bare ``y``) is not a function; one that is applied to two
  arguments somewhere (``f(a, b)``), or primed (``f'(x)``), is one everywhere;
* every other choice gives every reading of the step that evaluates, the default first.

A step's value is its default reading; its other readings travel with it
(:class:`~checker.model.StepReading`), and a claim between two steps is decided under every
consistent pair of readings (:mod:`checker.engine`). No verdict rests on a guess.
"""

from __future__ import annotations

from collections.abc import Iterator

import sympy as sp

from checker.model import StepReading, Value
from checker.parse.context import Context
from checker.parse.evaluate import Evaluator, explicit_free
from checker.parse.tree import Apply, Bin, Choice, Name, Node, ParseError, Prime, children
from checker.tables import assignments, tabled

MAX_READINGS = 8  # readings of one line; more means the line needs brackets


def fixed_choices(nodes: list[Node]) -> dict[str, int]:
    """The choices the derivation as a whole settles (see the module docstring)."""
    calls: set[str] = set()
    definite: dict[str, Apply | Prime] = {}
    values: set[str] = set()
    for node in nodes:
        values |= _values(node)
        stack = [node]
        while stack:
            n = stack.pop()
            if isinstance(n, Choice) and n.key.startswith("fn:"):
                calls.add(n.key[3:])
                applied = n.options[1]  # a possible application: not definite (h(x), or
                if isinstance(applied, Choice) and applied.key.startswith("iterate:"):
                    inner = applied.options[1]  # h(h(x)) for h^2(x): its x, not h, is read
                    while isinstance(inner, Apply) and len(inner.args) == 1 \
                            and isinstance(inner.args[0], Apply):
                        inner = inner.args[0]
                    stack.extend(children(inner))
                    applied = applied.options[0]
                while isinstance(applied, Bin) and applied.op == "**" \
                        and isinstance(applied.left, Apply | Bin):  # h(x)^2 for h^2(x),
                    stack.append(applied.right)  # (h(x)^2)^2 for h^2(x)^2)
                    applied = applied.left
                stack.extend(children(applied))
                continue
            if isinstance(n, Choice) and n.key.startswith("dep:"):
                stack.append(n.options[0])  # (d/dw v with v undeclared: v(w) is one reading
                continue  # of two, not a function for certain)
            if isinstance(n, Apply | Prime):
                definite.setdefault(n.func, n)  # f(a, b), f'(x): certainly a function
            stack.extend(children(n))
    used = {n for node in nodes for n in _names(node)}
    for plain_letter, variant in _VARIANTS:  # ε and ϵ: one letter in two glyphs, or two names?
        # (with what follows the letter: ε_1 and ϵ_1, \hat{ε} and \hat{ϵ} too)
        rest = {n[len(variant):] for n in used if n.startswith(variant)}
        if any(plain_letter + r in used for r in rest):
            raise ParseError(f"both \\{plain_letter} and \\{variant} appear: the same letter in "
                             "two glyphs, or two names? write one of them, or map one under "
                             "[context] latex to another name")
    for name, applied in definite.items():
        if name in values:
            how = "is primed as a function" if isinstance(applied, Prime) else \
                "is applied to several arguments as a function"
            raise ParseError(f"{name} {how} and also used as a value; declare it under [context]",
                             applied.pos)
    out: dict[str, int] = {}
    for name in sorted(calls):
        if name in values:
            out[f"fn:{name}"] = 0  # a value elsewhere: here too, so f(x) is f·x
        elif name in definite:
            out[f"fn:{name}"] = 1  # a function elsewhere: here too
    return out


_VARIANTS = (("epsilon", "varepsilon"), ("phi", "varphi"), ("theta", "vartheta"),
             ("rho", "varrho"))


def _names(node: Node) -> set[str]:
    stack, out = [node], set()
    while stack:
        n = stack.pop()
        if isinstance(n, Name):
            out.add(n.id)
        stack.extend(children(n))
    return out


def _values(node: Node) -> set[str]:
    """The names the text certainly uses as values: in every reading of every choice (a name
    before brackets that may be a function does not count, its arguments do)."""
    if isinstance(node, Name):
        return {node.id}
    if isinstance(node, Choice):
        if node.key.startswith("fn:"):
            return _values(node.options[1])
        found = [_values(o) for o in node.options]
        return set.intersection(*found)
    if isinstance(node, Apply):
        return set().union(*(_values(a) for a in node.args))
    return set().union(set(), *(_values(c) for c in children(node)))


def readings(node: Node, ctx: Context, fixed: dict[str, int], whole: Value | None = None
             ) -> tuple[Value, tuple[StepReading, ...], tuple[str, ...], tuple[sp.Basic, ...]]:
    """(default value, every reading if there are several, hints to disambiguate, where the
    default reading is defined). ``whole``: a value of the chain's shape, which a step that is
    the identity or ones without a size (I, 2I) takes (Evaluator.whole). A line with free
    indices over explicit lengths (checker.parse.evaluate.prebind) is read at each of their
    values, and its value is the table of them (checker.tables)."""
    free = explicit_free(ctx, node)
    if free:
        return _tabled(node, ctx, fixed, whole, free)
    return _readings(node, ctx, fixed, whole, {})


def plain_value(node: Node, ctx: Context) -> tuple[Value, tuple[sp.Basic, ...]]:
    """The value of an expression in Python syntax (no reader's guesses in it) and where it is
    defined: a table where it has free indices over explicit lengths, as :func:`readings`."""
    if explicit_free(ctx, node):
        value, _, _, domain = readings(node, ctx, {})
        return value, domain
    ev = Evaluator(ctx)
    value = ev.value(node)
    return value, tuple(ev.domain)


MAX_TABLE = 64  # values of a line's free indices over explicit lengths, read one by one


def _tabled(node: Node, ctx: Context, fixed: dict[str, int], whole: Value | None,
            free: list[tuple[str, int]]
            ) -> tuple[Value, tuple[StepReading, ...], tuple[str, ...], tuple[sp.Basic, ...]]:
    names = tuple(name for name, _ in free)
    at = tuple(ctx.indices[name][0] for name in names)
    shape = tuple(n for _, n in free)
    values = assignments(at, shape)
    if len(values) > MAX_TABLE:
        raise ParseError(f"the free indices {', '.join(names)} of this line take {len(values)} "
                         f"values together (more than {MAX_TABLE}), and it is read at each: "
                         "declare the lengths as symbols (dims = { n = \"positive integer\" }) "
                         "to state it for every index at once", node.pos)
    read = []
    for value in values:
        env = {str(s): v for s, v in value.items()}
        try:
            got = _readings(node, ctx, fixed, whole, env)
        except ParseError as exc:
            shown = ", ".join(f"{k} = {v}" for k, v in env.items())
            raise ParseError(f"{exc.message} (at {shown}, where the line is read with its free "
                             "indices as numbers)", exc.pos) from None
        if isinstance(got[0], sp.MatrixBase) or not isinstance(got[0], sp.Expr):
            raise ParseError("a line with free indices over explicit lengths is read at each of "
                             f"their values ({', '.join(names)}), where it must be one number; "
                             "here it is a vector or a matrix", node.pos)
        read.append(got)
    if any(tuple(r.choices for r in got[1]) != tuple(r.choices for r in read[0][1]) for got in read):
        raise ParseError("this line can be read several ways, and differently at different "
                         f"values of its free indices ({', '.join(names)}); "
                         + "; ".join(read[0][2] or ("write it one way",)), node.pos)
    domain = tuple(dict.fromkeys(d for got in read for d in got[3]))
    alternatives = tuple(
        StepReading(first.choices, first.labels,
                    tabled(at, shape, [got[1][k].expr for got in read]),
                    tuple(dict.fromkeys(d for got in read for d in got[1][k].domain)))
        for k, first in enumerate(read[0][1]))
    hints = tuple(dict.fromkeys(h for got in read for h in got[2]))
    return tabled(at, shape, [got[0] for got in read]), alternatives, hints, domain


def _readings(node: Node, ctx: Context, fixed: dict[str, int], whole: Value | None,
              env: dict[str, Value]
              ) -> tuple[Value, tuple[StepReading, ...], tuple[str, ...], tuple[sp.Basic, ...]]:
    found = list(_leaves(node, ctx, fixed, {}, whole=whole, env=env))
    veto = next((f for f in found if isinstance(f, ParseError) and f.veto), None)
    if veto is not None:  # a reading that is no one reading: none of them stands for it
        raise veto
    ok = [f for f in found if not isinstance(f, ParseError)]
    dot = next((f for f in found if isinstance(f, ParseError) and not f.misfit
                and (f.shapes or not f.implausible)  # ((w · x) ⊙ y: a broadcast may be meant;
                and any(k.startswith("dot:") for k in getattr(f, "assign", {}))), None)  # a/(u ⊙ v): none)
    if dot is not None and ok:  # (w · x) ⊙ y: the dot product broadcast, or the entrywise
        raise ParseError("u \\cdot v of two vectors: the dot product or the entrywise product? "
                         f"One reading cannot be read here ({dot.message}), and a broadcast "
                         "may be meant; write u^T v or u \\odot v", dot.pos)  # product?
    unread = next((f for f in found if isinstance(f, ParseError) and not f.implausible), None)
    if unread is not None and ok:  # J(v) with J alone J(w) here: J applied to v (which
        # cannot be read here), or J(w)·v? The one that can be read is no reading of its own
        raise unread
    if not ok:  # no reading can be evaluated: the convention's reading says why (a step
        # whose shapes do not fit is wrong only when they fit under no reading)
        raise next((f for f in found if not f.misfit), found[0])  # type: ignore[union-attr]
    # a reading that cannot be evaluated (a shape that does not fit) is not a plausible one
    default = ok[0]
    _, _, value, domain = default
    if len(ok) == 1:
        return value, (), (), domain
    out, hints = [], {}
    for assign, seen, v, where in ok:
        labels = tuple(seen[k].labels[assign[k]] for k in sorted(assign))
        for k in assign:
            hints.setdefault(seen[k].hint, None)
        out.append(StepReading(tuple(sorted(assign.items())), labels, v, where))
    return value, tuple(out), tuple(hints), domain


def _leaves(node: Node, ctx: Context, fixed: dict[str, int], assign: dict[str, int],
            budget: list[int] | None = None, whole: Value | None = None,
            env: dict[str, Value] | None = None
            ) -> Iterator[tuple[dict[str, int], dict[str, Choice], Value, tuple[sp.Basic, ...]]
                          | ParseError]:
    """Each complete assignment of the choices met while evaluating, with the value (or the
    error that reading gives). The all-default assignment comes first. ``env``: numbers for
    the line's free indices over explicit lengths."""
    budget = budget if budget is not None else [MAX_READINGS]
    ev = Evaluator(ctx, {**fixed, **assign})
    ev.whole = whole
    ev.env = dict(env or {})
    try:
        value = ev.value(node)
    except ParseError as exc:
        value = exc
    open_keys = [k for k in ev.seen if k not in fixed and k not in assign]
    if not open_keys:
        budget[0] -= 1
        if budget[0] < 0:
            first = next(iter(ev.seen.values()))
            raise ParseError(f"this line can be read in more than {MAX_READINGS} ways; "
                             f"{first.hint}", first.pos)
        if isinstance(value, ParseError):
            value.assign = dict(assign)  # type: ignore[attr-defined]  # (which reading)
            yield value
        else:
            yield assign, ev.seen, value, tuple(ev.domain)
        return
    key = open_keys[0]
    for option in range(len(ev.seen[key].options)):
        yield from _leaves(node, ctx, fixed, {**assign, key: option}, budget, whole, env)
