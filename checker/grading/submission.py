"""One student's file, read in the problem's context: every format ``check`` reads.

A derivation file's own ``[context]`` and a document's declaration blocks are screened first
(:mod:`checker.grading.guard`): what they may add is merged into the problem's context, the
rest is reported as a redefinition. The file is then read by the same readers as ``check``
(:mod:`checker.files`), so a line that cannot be read is reported at its line and column and
its neighbours are still read.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from checker.files import READERS
from checker.files.common import MAX_FILE_BYTES, Bad, InputError, Loaded, read_text
from checker.files.context import build_context
from checker.files.document import Document, build, merge_tables
from checker.files.markdown import extract as markdown
from checker.files.notebook import MAX_NOTEBOOK_BYTES, extract_notebook
from checker.files.tex import extract as tex
from checker.files.toml_file import read_data
from checker.grading.guard import Declared, check_document, check_table
from checker.grading.problem import Problem
from checker.model import Derivation, Identity, Step
from checker.toml_safe import toml_loads

# suffix → (the format's name, how its displays and declarations are found)
DOCUMENTS: dict[str, tuple[str, Callable[[str, str], Document]]] = {
    ".md": ("markdown", markdown),
    ".markdown": ("markdown", markdown),
    ".txt": ("markdown", markdown),
    ".tex": ("latex", tex),
    ".ipynb": ("notebook", extract_notebook),
}
FORMATS = {".toml": "toml", **{k: v[0] for k, v in DOCUMENTS.items()}}


@dataclass(frozen=True)
class Submission:
    path: str
    format: str  # toml, markdown, latex, notebook, or "" for a suffix derivcheck does not read
    digest: str  # SHA-256 of the file's bytes ("" when it could not be read)
    chains: tuple[Derivation, ...]  # in the order of the file
    errors: tuple[InputError, ...]  # what could not be read
    redefinitions: tuple[InputError, ...]  # what tried to change the problem's context
    skipped: tuple[str, ...] = ()  # what was read and is no step of an answer (⇒ chains)


def read_submission(path: str, problem: Problem) -> Submission:
    suffix = Path(path).suffix.lower()
    kind = FORMATS.get(suffix, "")
    limit = MAX_NOTEBOOK_BYTES if kind == "notebook" else MAX_FILE_BYTES
    try:
        text = read_text(path, "a submission (" + ", ".join(f"*{s}" for s in READERS) + ")",
                         limit)
    except Bad as exc:
        return Submission(path, kind, "", (), (InputError(path, exc.message),), ())
    digest = hashlib.sha256(text.encode()).hexdigest()
    if not text.strip():
        return Submission(path, kind, digest, (), (InputError(
            path, "the file is empty: nothing was handed in"),), ())
    if not kind:
        known = ", ".join(sorted(READERS))
        return Submission(path, kind, digest, (), (InputError(
            path, f"derivcheck reads {known} files; this one's suffix is not one of them"),), ())
    ctx, _ = build_context(problem.context)
    declared = Declared.of(problem.context)
    refused: list[InputError] = []
    if kind == "toml":
        loaded = _toml(path, text, digest, problem, declared, ctx, refused)
    else:
        try:
            doc = DOCUMENTS[suffix][1](text, path)
        except Bad as exc:
            return Submission(path, kind, digest, (), (InputError(path, exc.message),), ())
        doc, refused = check_document(doc, declared, ctx)
        loaded = build(doc, {"context": problem.context})
    chains = []
    skipped: list[str] = []
    for item in loaded.items:
        entry = item.build()
        if not isinstance(entry, (Derivation, Identity)):  # (an implication's chain, ⇒: it
            line = re.search(r"::L(\d+)", entry.id)  # stopped the whole class's grading)
            where = f"line {line[1]}" if line else "its line"
            skipped.append(f"the chain of implications (⇒) at {where} is not part of the "
                           "answer (a chain of equal lines from the problem's start) and was "
                           "not graded")
            continue
        if isinstance(entry, Identity) and entry.claim.about == "size":
            continue  # (a size written after a line: not a step of the answer)
        if isinstance(entry, Identity):  # claim = "lhs == rhs": a chain of one step
            text_lhs, _, text_rhs = entry.text.partition("==")
            entry = Derivation(entry.id, entry.title, entry.source, entry.claim.lhs,
                               entry.claim.rhs,
                               (Step(entry.claim.lhs, text=text_lhs.strip(), show_reading=True),
                                Step(entry.claim.rhs, text=text_rhs.strip(), show_reading=True)),
                               entry.claim.given, indices=entry.claim.indices,
                               lengths=entry.claim.lengths)
        chains.append(entry)
    return Submission(path, kind, digest, tuple(chains), tuple(loaded.errors), tuple(refused),
                      tuple(skipped))


def _toml(path: str, text: str, digest: str, problem: Problem, declared: Declared,
          ctx: object, refused: list[InputError]) -> Loaded:
    try:
        data = toml_loads(text)
    except tomllib.TOMLDecodeError as exc:
        hint = ""
        if "\\" in str(exc) or "escape" in str(exc).lower():
            hint = ("; write LaTeX between single quotes, '…' or '''…''' (TOML's "
                    "literal strings keep a backslash as it is)")
        return Loaded(errors=[InputError(path, f"not valid TOML: {exc}{hint}")])
    own = data.get("context", {})
    if not isinstance(own, dict):
        return Loaded(errors=[InputError(path, "[context] must be a table: write [context]")])
    own, why = check_table(own, declared, ctx)  # type: ignore[arg-type]
    refused.extend(InputError(path, f"[context]: {w}") for w in why)
    derivations = data.get("derivation")
    if isinstance(derivations, list):
        kept = []
        for k, table in enumerate(derivations, start=1):
            if isinstance(table, dict) and "given" in table:
                label = table.get("id") if isinstance(table.get("id"), str) else f"#{k}"
                refused.append(InputError(path, "given adds hypotheses; a submission cannot "
                                          "add hypotheses: remove it", label))
                table = {k2: v for k2, v in table.items() if k2 != "given"}
            kept.append(table)
        data = {**data, "derivation": kept}
    merged = merge_tables(problem.context, own)  # (own holds new names only)
    key = hashlib.sha256(f"{problem.digest}:{digest}".encode()).hexdigest()
    return read_data({**data, "context": merged}, path, key)
