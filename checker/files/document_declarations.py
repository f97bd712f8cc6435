"""A document's declarations: the blocks of each section (and a sidecar file) merged into one
context per section, a subsection's own names replacing its section's.

A part of :mod:`checker.files.document`."""

from __future__ import annotations

import re
from pathlib import Path

from checker.files.common import (
    Bad,
    InputError,
    read_text,
)
from checker.files.context import CONTEXT_KEYS
from checker.files.document_model import (
    Document,
    _toml,
    section_text,
)
from checker.parse.context import Context

AMBIGUOUS = "\x00ambiguous"  # a section table that headings reading alike share: its reason


def _declarations(doc: Document, sidecar: dict) -> tuple[dict, dict[str, dict], list[InputError]]:
    """(document-level context table, per-section tables by section key, errors). A sidecar's
    [sections."Heading"] table holds in every section with that heading, before its blocks."""
    base: dict = {k: v for k, v in sidecar.get("context", {}).items()}
    named: dict[str, dict] = {k: dict(v) for k, v in sidecar.get("sections", {}).items()
                              if isinstance(v, dict)}
    keys = {k for d in doc.displays for k in (*d.outer, d.scope) if k} \
        | {key for _, _, key in doc.declarations if key}
    errors: list[InputError] = []
    alike = {name: sorted({d.line for d in doc.displays if section_text(d.scope) == name})
             for name in named if sum(section_text(k) == name for k in keys) > 1}
    sections: dict[str, dict] = {k: dict(named[section_text(k)]) for k in keys
                                 if section_text(k) in named}
    for k in keys:  # two "## Problem": which one is meant? Neither is checked on a guess
        if section_text(k) in alike:
            lines = alike[section_text(k)]
            sections[k] = {AMBIGUOUS: (
                f"the declarations file's [sections.\"{section_text(k)}\"] names headings "
                "that read alike, which are different sections, so which one it means cannot "
                f"be told (displays at lines {lines[0]}…{lines[-1]}): declare it in a block "
                "under the heading, or give the headings different names")}
    for name in sorted(set(named) - {section_text(k) for k in keys}):
        errors.append(InputError(doc.path, f"the declarations file's [sections.\"{name}\"] "
                                 "names no heading of the document (nor one with a display "
                                 "under it): check its spelling"))
    for text, line, section in doc.declarations:
        try:
            table = _toml(text, "the declaration block")
        except Bad as exc:
            errors.append(InputError(doc.path, exc.message, line=line))
            continue
        unknown = set(table) - CONTEXT_KEYS
        if unknown:
            errors.append(InputError(doc.path, f"the declaration block: unknown key(s) "
                                     f"{', '.join(sorted(unknown))}; allowed: "
                                     f"{', '.join(sorted(CONTEXT_KEYS))}", line=line))
            table = {k: v for k, v in table.items() if k in CONTEXT_KEYS}
        target = sections.setdefault(section, {}) if section else base
        clash = _declared_otherwise(target, table)
        if clash is not None:  # a block holds for its whole section: both cannot
            message = (f"{clash} in the declaration block at line {line}, and otherwise by a "
                       "declaration before it for the same section; a block holds for its "
                       "whole section, so which one holds at each display cannot be told: "
                       "declare it once per section (a subsection may declare it anew)")
            target.setdefault(AMBIGUOUS, message)  # (reported with its section's displays)
        for key, value in table.items():
            if isinstance(value, dict) and isinstance(target.get(key), dict):
                target[key] = {**target[key], **value}
            elif isinstance(value, list) and isinstance(target.get(key), list):
                target[key] = target[key] + value
            else:
                target[key] = value
    return base, sections, errors


_KINDS = ("symbols", "vectors", "matrices", "functions", "latex")


def _declared_otherwise(before: dict, table: dict) -> str | None:
    """What a declaration block declares that an earlier one for the same section declared
    otherwise (y "negative", then y "positive"; \\hat{y} mapped to tanh(z), then to
    sigmoid(z)), said for the error; None if nothing."""
    def names(t: dict) -> dict[str, str]:  # each name a table declares → under which key
        return {str(k).split("(")[0].strip().lstrip("\\"): kind for kind in _KINDS
                if isinstance(t.get(kind), dict) for k, v in t[kind].items()
                if not (kind == "latex" and str(v).strip() == str(k).strip().lstrip("\\"))}
        # (\theta mapped to the declared theta: its spelling, no other declaration)

    earlier = names(before)
    for name, kind in names(table).items():  # x a symbol, then mapped; \sigma mapped, then
        if earlier.get(name, kind) != kind:  # a function sigma(t) of its own
            return f"{name} is declared under {kind}"
    for key, value in table.items():
        old = before.get(key)
        if old is None or key == "given":  # (hypotheses add up)
            continue
        if isinstance(value, dict) and isinstance(old, dict):
            name = next((k for k in value if k in old and old[k] != value[k]), None)
            if name is not None:
                return f"{name} is declared {value[name]!r} under {key}"
        elif old != value and not isinstance(value, dict | list):
            return f"{key} is set to {value!r}"
    return None


def _inherited(found: tuple[Context, list]) -> tuple[Context, list]:
    """A copy of a section's context as it stands (its declarations and its definitions so
    far) for a subsection that declares nothing of its own."""
    ctx, given = found
    copied = {k: (dict(v) if isinstance(v, dict) else set(v) if isinstance(v, set) else v)
              for k, v in ctx.__dict__.items()}
    return Context(**copied), list(given)


def _without_names(outer: dict, inner: dict) -> dict:
    """The outer section's tables without the names the inner one declares again (x a scalar
    outside, a vector in the subsection: the subsection's x is the vector)."""
    def name(k: object) -> str:  # "f(t)" under functions declares f
        return str(k).split("(")[0].strip()

    names = {name(k) for kind in _KINDS if isinstance(inner.get(kind), dict) for k in inner[kind]}
    if not names:
        return outer
    mentions = re.compile(r"(?<![A-Za-z0-9_])(?:" + "|".join(map(re.escape, sorted(names)))
                          + r")(?![A-Za-z0-9_])")
    out = {key: ({k: v for k, v in value.items() if name(k) not in names}
                 if key in _KINDS and isinstance(value, dict) else value)
           for key, value in outer.items()}
    if isinstance(out.get("given"), list):  # x > 1 was about the outer x, not the new one
        out["given"] = [g for g in out["given"] if not mentions.search(str(g))]
    return out


def merge_tables(base: dict, extra: dict) -> dict:
    """Context tables with another's entries added (tables merged, lists joined)."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        elif isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = out[key] + value
        else:
            out[key] = value
    return out


def read_sidecar(path: str | None, doc_path: str) -> tuple[dict, list[InputError]]:
    """The sidecar's tables: ``--declarations FILE``, else ``DOC.toml`` beside the document."""
    if path is None:
        beside = Path(doc_path).with_suffix(".toml")
        if not beside.is_file():
            return {}, []
        path = str(beside)
    try:
        data = _toml(read_text(path), "the declarations file")
    except Bad as exc:
        return {}, [InputError(path, exc.message)]
    context = {k: v for k, v in data.items() if k in CONTEXT_KEYS}
    extra = set(data) - CONTEXT_KEYS - {"sections", "display", "part", "format"}
    errors = [InputError(path, f"unknown key(s) {', '.join(sorted(extra))}; allowed: [context] "
                         "keys, [sections.\"Heading\"], [[part]] and [[display]]")] if extra else []
    parts, problems = _parts(data.get("part", []))
    errors += [InputError(path, problem) for problem in problems]
    return {"context": context, "sections": data.get("sections", {}), "parts": parts,
            "display": data.get("display", [])}, errors


def _parts(raw: object) -> tuple[list[tuple[int, int, dict]], list[str]]:
    """A sidecar's [[part]] tables: declarations for the displays on lines ``lines = [from,
    to]`` (a question of a homework whose x is another x), over the document's and section's."""
    if not isinstance(raw, list):
        return [], ["part must be an array of tables: [[part]] with lines = [from, to]"]
    parts: list[tuple[int, int, dict]] = []
    problems = []
    for k, table in enumerate(raw, start=1):
        lines = table.get("lines") if isinstance(table, dict) else None
        if not (isinstance(lines, list) and len(lines) == 2
                and all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in lines)
                and lines[0] <= lines[1]):
            problems.append(f"part {k}: lines must be [first line, last line], as in "
                            "lines = [20, 45]")
            continue
        unknown = set(table) - CONTEXT_KEYS - {"lines", "name"}
        if unknown:
            problems.append(f"part {k}: unknown key(s) {', '.join(sorted(unknown))}; allowed: "
                            f"lines, name and {', '.join(sorted(CONTEXT_KEYS))}")
            continue
        clash = next((p for p in parts if p[0] <= lines[1] and lines[0] <= p[1]), None)
        if clash is not None:
            problems.append(f"part {k}: lines {lines[0]}…{lines[1]} overlap the part on lines "
                            f"{clash[0]}…{clash[1]}")
            continue
        parts.append((lines[0], lines[1], {key: v for key, v in table.items()
                                           if key in CONTEXT_KEYS}))
    return parts, problems
