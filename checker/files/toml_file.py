"""Derivation files (TOML, format 1) → catalog items (see the README's "The file format")."""

from __future__ import annotations

import hashlib
import re
import tomllib

import sympy as sp

from checker.deadline import OutOfTime, time_limit
from checker.files.common import (
    MAX_STEPS,
    READ_SECONDS,
    TOO_LARGE,
    Bad,
    InputError,
    Loaded,
    Prebuilt,
    expect,
    read_text,
    reading_bug,
    visible_data,
)
from checker.files.context import build_context, hypotheses
from checker.files.implications import is_implication_chain, latex_statements
from checker.files.steps import (
    by_step,
    indices,
    latex_steps,
    lower_arrays,
    not_tied,
    one_equation,
    python_steps,
    same_shapes,
    sizes_free,
    step_controls,
)
from checker.model import CatalogItem, Claim, Derivation, Entry, Identity, Implications, Step
from checker.parse.context import Context
from checker.parse.evaluate import Evaluator, explicit_free, prebind
from checker.parse.python_syntax import read_expression
from checker.parse.readings import plain_value
from checker.parse.tree import Compare, ParseError
from checker.toml_safe import toml_loads

FORMAT = 1
MAX_DERIVATIONS = 500
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,99}$")
TOP_KEYS = {"format", "context", "derivation"}
DERIVATION_KEYS = {"id", "title", "source", "given", "steps", "claim", "latex", "expect", "note",
                   "expect_steps", "step_notes"}


def read(path: str) -> Loaded:
    out = Loaded()

    def fail(message: str, **kw: object) -> Loaded:
        out.errors.append(InputError(path, message, **kw))  # type: ignore[arg-type]
        return out

    try:
        text = read_text(path)
    except Bad as exc:
        return fail(exc.message)
    digest = hashlib.sha256(text.encode()).hexdigest()
    try:
        data = toml_loads(text)
    except tomllib.TOMLDecodeError as exc:
        return fail(f"not valid TOML: {exc}; see the README's derivation file format")
    return read_data(data, path, digest)


def read_data(data: dict, path: str, digest: str) -> Loaded:
    """A derivation file's tables, already parsed (the Python API builds them in memory);
    ``path`` names the items (PATH::id) and ``digest`` keys their cached results."""
    out = Loaded()
    data = visible_data(data)  # type: ignore[assignment]
    data = visible_data(data)  # type: ignore[assignment]

    def fail(message: str, **kw: object) -> Loaded:
        out.errors.append(InputError(path, message, **kw))  # type: ignore[arg-type]
        return out

    unknown = set(data) - TOP_KEYS
    if unknown:
        return fail(f"unknown top-level key(s) {', '.join(sorted(unknown))}; allowed: "
                    f"{', '.join(sorted(TOP_KEYS))}")
    if data.get("format") != FORMAT:
        return fail(f"the file must start with format = {FORMAT} (got "
                    f"{data.get('format', 'nothing')!r}); this derivcheck reads format {FORMAT}")
    try:
        with time_limit(READ_SECONDS):
            ctx, file_given = build_context(data.get("context", {}))
    except Bad as exc:
        return fail(f"[context]: {exc.message}", pos=exc.pos)
    except ParseError as exc:
        return fail(f"[context]: {exc.message}", pos=exc.pos)
    except OutOfTime:
        return fail(f"[context] took longer than {READ_SECONDS:g} s to read")
    derivations = data.get("derivation", [])
    if not isinstance(derivations, list) or not all(isinstance(d, dict) for d in derivations):
        return fail("derivations are written as [[derivation]] tables")
    if not derivations:
        return fail("the file has no [[derivation]]")
    if len(derivations) > MAX_DERIVATIONS:
        return fail(f"{len(derivations)} derivations; the limit is {MAX_DERIVATIONS} per file")
    seen: set[str] = set()
    stem = path
    for k, table in enumerate(derivations, start=1):
        raw_id = table.get("id")
        label = raw_id if isinstance(raw_id, str) else f"#{k}"
        try:
            with time_limit(READ_SECONDS):
                entry = _derivation(table, ctx, file_given, stem, seen)
        except Bad as exc:
            out.errors.append(InputError(path, exc.message, label, exc.step, exc.pos))
            continue
        except OutOfTime:
            out.errors.append(InputError(path, f"reading it took longer than {READ_SECONDS:g} s",
                                         label))
            continue
        except (RecursionError, MemoryError) as exc:
            out.errors.append(InputError(path, f"too large to read ({type(exc).__name__}): "
                                         f"{TOO_LARGE}",
                                         label))
            continue
        except Exception as exc:  # a bug of ours must not become a traceback or stop the run
            out.errors.append(InputError(path, reading_bug(exc), label))
            continue
        out.items.append(CatalogItem(entry.id, entry.title, entry.source,
                                     Prebuilt(entry), ("file",),
                                     cache_key=f"file:{digest}:{entry.id.rsplit('::', 1)[1]}"))
    return out


def _text(table: dict, key: str, default: str | None = None) -> str:
    value = table.get(key, default)
    if not isinstance(value, str):
        raise Bad(f"{key} must be a string" if key in table else f"missing key {key!r}")
    return value


def _derivation(table: dict, ctx: Context, file_given: list[str], stem: str,
                seen: set[str]) -> Entry:
    unknown = set(table) - DERIVATION_KEYS
    if unknown:
        raise Bad(f"unknown key(s) {', '.join(sorted(unknown))}; allowed: "
                   f"{', '.join(sorted(DERIVATION_KEYS))}")
    raw_id = _text(table, "id")
    if not ID_PATTERN.match(raw_id):
        raise Bad("id must be 1–100 letters, digits, '.', '_' or '-', starting with a letter "
                   "or digit")
    if raw_id in seen:
        raise Bad("duplicate id: an earlier derivation in this file already uses it; "
                   "every derivation needs its own id")
    seen.add(raw_id)
    item_id = f"{stem}::{raw_id}"
    title = _text(table, "title", raw_id)
    source = f"{stem}: {_text(table, 'source', 'no source given')}"
    note = _text(table, "note", "")
    wanted = expect(table.get("expect", "proved"), "expect")
    given_texts = table.get("given", [])
    if not isinstance(given_texts, list) or not all(isinstance(g, str) for g in given_texts):
        raise Bad("given must be a list of strings such as [\"sum(y) == 1\"]")
    # The hypotheses are read after the steps or the claim (below), so that a free index
    # such as i in "i != j" is already known as one.
    forms = [k for k in ("steps", "claim", "latex") if k in table]
    if len(forms) != 1:
        raise Bad("give exactly one of steps = [...], claim = \"lhs == rhs\" or latex = '''...'''"
                   + (f" (found {', '.join(forms)})" if forms else ""))
    if "latex" not in table and ("expect_steps" in table or "step_notes" in table):
        raise Bad('expect_steps and step_notes go with latex = """…"""; in steps = [...] '
                   'write { expr = "…", expect = "refuted", note = "…" }')
    mark = len(ctx.differentiated)  # the derivatives this item reads (not_tied)
    if "claim" in table:
        claim_text = _text(table, "claim")
        ev = Evaluator(ctx)
        misfit, pairs = "", ()
        try:
            tree = read_expression(claim_text, allow_compare=True)
            prebind(ctx, [tree])
            if isinstance(tree, Compare) and explicit_free(ctx, tree):  # x[i] == …, x of
                (lhs, left_at), (rhs, right_at) = (plain_value(side, ctx)  # length 3:
                                                   for side in (tree.left, tree.right))
                op = tree.op  # each side a table
                ev.domain.update(dict.fromkeys(left_at + right_at))
            else:
                op, lhs, rhs = ev.relation(tree)
        except ParseError as exc:
            if not exc.misfit:
                raise Bad(f"claim: {exc.message}", pos=exc.pos) from None
            # a side whose shapes do not fit at some sizes: the claim is false there
            op, lhs, rhs, pairs = "==", sp.Integer(0), sp.Integer(0), exc.pairs
            misfit = f"the claim is not defined at every size: {exc.message}" \
                if "do not fit for" in exc.message else \
                f"the claim is not defined at its sizes: {exc.message}"
        if op not in ("==", "<", "<=", ">", ">="):
            raise Bad(f"claim: use ==, or an inequality <, <=, >, >= (got {op}); a condition "
                      "it holds under belongs in given")
        given = hypotheses(file_given + given_texts, ctx)
        (left, right), extra = lower_arrays([Step(lhs), Step(rhs, mismatch=misfit,
                                                                mismatch_at=pairs)], ctx)
        left, right = sizes_free([left, right], given, ctx)
        not_tied(ctx.differentiated[mark:], [left, right], given)
        ix, ln = indices(ctx, [left.expr, right.expr], given)
        return Identity(item_id, title, source,
                        Claim(left.expr, right.expr, given, wanted, note, extra + ix, ln,
                              domain=tuple(ev.domain), relation="=" if op == "==" else op,
                              mismatch=right.mismatch.replace(
                                  "step 2", "the right side").replace("step 1", "the left side"),
                              undecided=right.undecided.replace(
                                  "step 2", "the right side").replace("step 1", "the left side")),
                        text=claim_text)
    if "latex" in table and is_implication_chain(_text(table, "latex")):
        statements, entry_of = latex_statements(_text(table, "latex"), table, ctx, MAX_STEPS)
        given = hypotheses(file_given + given_texts, ctx)
        sides = [v for st in statements for v in (st.lhs, st.rhs)]
        free, lengths = indices(ctx, sides, given)
        return Implications(item_id, title, source, tuple(statements), given, wanted, note,
                            free + entry_of, lengths)
    if "latex" in table:
        steps = latex_steps(_text(table, "latex"), ctx)
        steps = step_controls(steps, by_step(table, "expect_steps", len(steps)),
                              by_step(table, "step_notes", len(steps)))
        steps = one_equation(steps, wanted, "expect_steps" in table)
    else:
        steps = python_steps(table, ctx)
    if len(steps) < 2:
        raise Bad("a chain needs at least two steps")
    if len(steps) > MAX_STEPS:
        raise Bad(f"{len(steps)} steps; the limit is {MAX_STEPS}")
    steps, extra = lower_arrays(steps, ctx)
    steps = same_shapes(steps)
    given = hypotheses(file_given + given_texts, ctx)
    steps = sizes_free(steps, given, ctx)
    not_tied(ctx.differentiated[mark:], steps, given)
    exprs = [s.expr for s in steps] + [r.expr for s in steps for r in s.readings]
    ix, ln = indices(ctx, exprs, given)
    return Derivation(item_id, title, source, steps[0].expr, steps[-1].expr, tuple(steps),
                      given, wanted, note, extra + ix, ln)
