"""The problem's context belongs to the teacher: what a submission may not change.

A submission is read in the problem's ``[context]``. What it declares itself (a derivation
file's ``[context]``, a document's declaration blocks, a definition ``x := …``) is looked at
first:

* a declaration of a name the problem declares, or a LaTeX name the problem maps, is a
  *redefinition* unless it says exactly what the problem says (a student who copies the
  problem's declarations into the file is not at fault);
* a hypothesis (``given``) that is not one of the problem's is a redefinition too: with it, a
  wrong step could be proved;
* a definition (``:=``) of a name that already means something (a declared name, a mapped
  LaTeX name, a built-in such as ``\\sigma``) is one as well.

Redefinitions are dropped (the rest is read in the problem's context) and reported to the
student, with the file line where it can be known. New names (a helper function, an
abbreviation ``L``, a symbol of one's own) are allowed: they cannot change what the
statement says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from checker.files.common import InputError
from checker.files.context import CONTEXT_KEYS
from checker.files.document import DEFINES, NAME, Document
from checker.parse.context import Context
from checker.parse.tree import Name, ParseError
from checker.toml_safe import toml_loads

KINDS = ("symbols", "dims", "vectors", "matrices", "functions")
SETTINGS = frozenset(CONTEXT_KEYS) - set(KINDS) - {"given", "latex"}  # layout, gradients …
_SIGNATURE = re.compile(r"^\s*([A-Za-z]\w*)\s*\(")


@dataclass(frozen=True)
class Declared:
    """What the problem's context declares, in a form that compares spellings fairly."""

    names: dict[str, tuple[str, object]]  # name → (kind, its declaration, normalised)
    latex: dict[str, str]  # LaTeX name → what it maps to, normalised
    given: tuple[str, ...]  # the hypotheses, without spaces
    given_text: tuple[str, ...] = ()  # and as the problem writes them
    # how the problem is read (layout, gradients, integrals): as written, or absent
    settings: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, context: dict) -> Declared:
        names: dict[str, tuple[str, object]] = {}
        for kind in KINDS:
            for name, spec in dict(context.get(kind, {})).items():
                names[_name(kind, name)] = (kind, _normal(kind, spec))
        latex = {k: _squash(v) for k, v in dict(context.get("latex", {})).items()}
        texts = tuple(str(g) for g in context.get("given", []))
        settings = tuple((k, context[k]) for k in sorted(SETTINGS) if k in context)
        return cls(names, latex, tuple(_bare(g) for g in texts), texts, settings)

    def describe(self, name: str) -> str:
        kind, spec = self.names[name]
        what = {"symbols": "a symbol", "dims": "a dimension", "vectors": "a vector",
                "matrices": "a matrix", "functions": "a function"}[kind]
        return f"{what} ({_shown(spec)})"


def _name(kind: str, key: str) -> str:
    if kind == "functions":
        m = _SIGNATURE.match(key)
        return m.group(1) if m else key.strip()
    return key


def _squash(text: object) -> str:
    return " ".join(str(text).split())


def _bare(text: object) -> str:
    return "".join(str(text).split())


def _normal(kind: str, spec: object) -> object:
    """A declaration as a comparable value: ``z = 3`` and ``z = { size = 3 }`` are the same."""
    if kind in ("symbols", "dims") and isinstance(spec, str):
        words = sorted(set(spec.replace(",", " ").split()) - {"real"})
        return " ".join(words) or "real"
    if kind in ("vectors", "matrices"):
        size, assume = (spec.get("size"), spec.get("assume", "real")) if isinstance(spec, dict) \
            else (spec, "real")
        return (size, _normal("symbols", assume) if isinstance(assume, str) else assume)
    if kind == "functions":
        return _squash(spec)
    return spec


def _shown(spec: object) -> str:
    if isinstance(spec, tuple):
        size, assume = spec
        dims = "×".join(str(s) for s in size) if isinstance(size, list) else str(size)
        return f"size {dims}" + ("" if assume == "real" else f", {assume}")
    return str(spec)


def check_table(table: dict, declared: Declared, ctx: Context) -> tuple[dict, list[str]]:
    """A submission's declarations (the keys of ``[context]``) → (what it may add, why the
    rest is refused). Unknown keys and malformed values are left for the reader to report."""
    kept: dict = {}
    refused: list[str] = []
    for key, value in table.items():
        if key == "given":
            items = value if isinstance(value, list) else [value]
            extra = [g for g in items if _bare(g) not in declared.given]
            for g in extra:
                refused.append(f"given {g!r} adds a hypothesis; a submission cannot add "
                               f"hypotheses (the problem's: {_given(declared)}): remove it")
            continue
        if key == "latex" and isinstance(value, dict):
            kept_latex = {}
            for name, meaning in value.items():
                why = _latex_clash(name, meaning, declared, ctx)
                if why:
                    refused.append(why)
                else:
                    kept_latex[name] = meaning
            if kept_latex:
                kept[key] = kept_latex
            continue
        if key in KINDS and isinstance(value, dict):
            kept_kind = {}
            for raw_name, spec in value.items():
                name = _name(key, raw_name)
                if name in declared.names:
                    if declared.names[name] != (key, _normal(key, spec)):
                        refused.append(f"{key}: {raw_name} redeclares {name}, which the problem "
                                       f"declares as {declared.describe(name)}; a submission "
                                       "cannot change the problem's context: remove it")
                    continue  # the problem's own declaration, restated: nothing to add
                kept_kind[raw_name] = spec
            if kept_kind:
                kept[key] = kept_kind
            continue
        if key in SETTINGS:  # layout = "numerator": what the problem's lines mean
            theirs = dict(declared.settings)
            if key not in theirs or _squash(theirs[key]) != _squash(value):
                refused.append(f"{key} = {value!r} changes how the problem is read (the "
                               f"problem's: {theirs[key]!r})" if key in theirs else
                               f"{key} = {value!r} changes how the problem is read (the problem "
                               "sets none, so the default holds)")
                refused[-1] += "; a submission cannot change the problem's context: remove it"
            continue  # (the problem's own setting, restated: nothing to add)
        kept[key] = value
    return kept, refused


def _given(declared: Declared) -> str:
    return ", ".join(declared.given_text) if declared.given_text else "none"


def _latex_clash(name: str, meaning: object, declared: Declared, ctx: Context) -> str:
    if name in declared.latex:
        if declared.latex[name] == _squash(meaning):
            return ""
        return (f"latex: {name} is mapped by the problem to {declared.latex[name]}; a "
                "submission cannot change the problem's context: remove it")
    if means_something(name, ctx):
        return (f"latex: {name} already has a meaning in the problem's context; a submission "
                "cannot change it: remove it (or map a new name)")
    return ""


def means_something(latex: str, ctx: Context) -> bool:
    """Whether a LaTeX name already means something in the problem's context: a declared or
    built-in name, a mapped LaTeX name, a function such as \\sigma."""
    from checker.parse.latex import parse_latex_expr

    try:
        node = parse_latex_expr(latex, ctx)
    except ParseError as exc:
        return "unknown LaTeX command" not in exc.message
    return not (isinstance(node, Name) and ctx.kind(node.id) is None)


def check_document(doc: Document, declared: Declared, ctx: Context
                   ) -> tuple[Document, list[InputError]]:
    """A document with its redefinitions taken out: declaration blocks keep only what they
    may add; a display that defines (``:=``) a name with a meaning is not read."""
    refused: list[InputError] = []
    blocks = []
    for text, line, section in doc.declarations:
        table = _block_table(text)
        if table is None:  # not TOML: the reader reports it
            blocks.append((text, line, section))
            continue
        kept, why = check_table(table, declared, ctx)
        refused.extend(InputError(doc.path, f"the declaration block: {w}", line=line)
                       for w in why)
        # what the problem already declares (restated) or what was refused is left out
        blocks.append((text if kept == table else _toml_table(kept), line, section))
    displays = []
    for display in doc.displays:
        why = _defines_taken_name(display.latex, ctx)
        if why:
            where = display.file or doc.path
            refused.append(InputError(where, f"{why}; a submission cannot change the problem's "
                                      "context: remove this definition (the display is not read)",
                                      line=display.line))
            display = replace(display, controls={**display.controls, "skip": True})
        displays.append(display)
    return replace(doc, declarations=tuple(blocks), displays=tuple(displays)), refused


def _block_table(text: str) -> dict | None:
    import tomllib

    try:
        data = toml_loads(text)
    except tomllib.TOMLDecodeError:
        return None
    if isinstance(data.get("context"), dict):
        data = {**data["context"], **{k: v for k, v in data.items() if k != "context"}}
    return data


def _toml_table(table: dict) -> str:
    """A declaration block's table written back as TOML."""
    return "\n".join(f"{key} = {_toml(value)}" for key, value in table.items())


def _toml(value: object) -> str:
    """A TOML value (the declarations hold strings, numbers, lists and inline tables)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_toml(str(k))} = {_toml(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _defines_taken_name(latex: str, ctx: Context) -> str:
    """Why the display's definition (``name := …``) redefines a name with a meaning, or ''."""
    for line in re.split(r"\\\\", latex):
        m = DEFINES.search(line)
        if m is None:
            continue
        lhs = line[:m.start()].replace("&", " ")
        found = NAME.match(lhs)
        if found is None:
            continue
        name, params = found.group("name").strip(), (found.group("params") or "").strip()
        if params:
            fname = name.lstrip("\\")
            if ctx.kind(fname) is not None or means_something(name, ctx):
                return f"{name}({params}) := … redefines {name}, which already has a meaning"
        elif means_something(name, ctx):
            return f"{name} := … redefines {name}, which already has a meaning"
    return ""
