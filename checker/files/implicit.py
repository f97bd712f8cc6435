"""Sizes and vectors a page declares by writing them in a sum.

``\\sum_{i=1}^{n} x_i`` says two things no reader of it has to guess: n is a count (the sum runs
from 1 to it) and x is a sequence x₁ … xₙ (it is written at the sum's index). A page that
writes it without a declaration block was refused ("x is not a declared vector"); now, where
nothing else on the page says otherwise, n is read as a size (a positive integer, as
``dims = { n = "positive integer" }`` declares it: a claim is proved for every n ≥ 1, and the
report says so) and x as a vector of length n (``vectors = { x = "n" }``; with a number for
the bound, ``\\sum_{i=1}^{3}``, a vector of that length; with none, ``\\sum_j e^{z_j}``, a
size the page neither writes nor declares, one for each group of letters the page ties in one
sum's term or at one free index). A decorated letter (``\\hat{y}_i``) is a name of its own.
Every result of a display that writes such a letter says how it was read.

Nothing is inferred where the page could mean something else, anywhere on it (in a display or
in the prose's math): a letter the declarations name; a letter written alone (``x``, ``x^2``,
``dx``), with a prime, a label (``x^{(i)}``) or a subscript that is not one index (``x_{ij}``,
``x_{\\text{max}}``); a letter defined (``x_i = …``, ``p = …``); one the prose puts in a set
or calls a matrix (a function, a random variable …); entries summed up to two different bounds;
a sum that starts anywhere but 1; entries at numbers beside sums with no bound; a bound that
is written with a subscript, summed over, defined, or that the prose lets be zero. Those lines
stay refused with the message they had.

What the page states of a letter's shape (``$X \\in \\mathbb{R}^{n \\times d}$``) is read here too,
by :mod:`checker.files.said_shapes`, and merged with what the sums declare (a conflict declares
neither).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from checker.files import prose_scope, said_kinds, said_shapes, samples
from checker.files.common import INLINE_MATH
from checker.files.document_model import Document
from checker.files.letters import (
    LETTER_RE,
    MENTION,
    SUBSCRIPT,
    bold_names,
    letter_name,
    names_in,
    shown_letter,
    starts_a_row,
    subscript,
)
from checker.files.names import without_differentials
from checker.files.prose import prose_end
from checker.files.prose_scope import notation, statements, within
from checker.model import ONE_OF_ITS_VALUES


def _script(group: str) -> str:
    """A script's text, braced or one character, in the named group (or ``group``1)."""
    return rf"(?:\{{(?P<{group}>[^{{}}]*)\}}|(?P<{group}1>[A-Za-z0-9]))"


# \sum_{i=1}^{n} (or ^{n}_{i=1}), \prod, with \limits or \nolimits; ∑ in Unicode
_SUM = re.compile(
    r"(?:\\(?:sum|prod)|∑|∏)\s*(?:\\(?:no)?limits\s*)?"
    r"(?:_\s*\{\s*(?P<var>[A-Za-z])\s*=\s*(?P<low>[^{}]*?)\s*\}\s*\^\s*" + _script("up")
    + r"|\^\s*" + _script("upa") + r"\s*_\s*\{\s*(?P<vara>[A-Za-z])\s*=\s*"
    r"(?P<lowa>[^{}]*?)\s*\})")
_SUM_START = re.compile(r"\\(?:sum|prod)(?![A-Za-z])|∑|∏")
_FREE_SUM = re.compile(r"(?:\\(?:sum|prod)|∑|∏)\s*(?:\\(?:no)?limits\s*)?_\s*"
                       r"(?:\{\s*(?P<var>[A-Za-z])\s*\}|(?P<var1>[A-Za-z]))(?!\s*\^)")
# a condition that lets a letter be 0 or less (n \ge 0, 0 \le n, n = 0): no size
_ZERO_OK = re.compile(r"(?<![A-Za-z\\])([A-Za-z])\s*(?:\\geq?(?:slant)?(?![A-Za-z])|≥|>=|=)\s*"
                      r"(?:0|-\s*\d+)(?![\d.])|(?<![\d.])(?:0|-\s*\d+)\s*(?:\\leq?(?:slant)?"
                      r"(?![A-Za-z])|≤|<=)\s*([A-Za-z])(?![A-Za-z])")
_ONE_INDEX = re.compile(r"\s*(?:[A-Za-z]|\d+)(?:\s*[-+]\s*(?:\d+|[A-Za-z]))?\s*")
_DEFINES = re.compile(r"\s*&?\s*(?::=|=|\\coloneqq|\\triangleq|\\equiv|\\defeq)")  # (x_i &= … in an align)
# a name that is not the one without its decoration (\hat{y} beside y)
_DECORATED = re.compile(r"\\(?:check|breve|dot|ddot|"
                        r"mathcal|mathscr|mathfrak|mathbb)\s*(?:\{[^{}]*\}|[A-Za-z])")
# what makes x_i = … a definition inside a line: \text{where} x_i = …, \quad x_i = …, ", x_i = …"
_DEFINITION_CUE = re.compile(r"(?:,|;|\\q?quad|\\(?:text|mbox|mathrm|textrm)\s*\{[^{}]*\})\s*$")
MAX_LENGTH = 16  # a numeric bound above this is not read as a vector's length


@dataclass
class Implicit:
    """What the page's sums declare: a table to merge into each section's declarations
    (``dims``, ``vectors``) and, by name, the file line of the first sum that says so."""

    table: dict = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    why: dict[str, str] = field(default_factory=dict)  # why a letter a sum writes is not read
    # as a vector or a size (for the error that refuses it)
    unnamed: set[str] = field(default_factory=set)  # sizes of vectors whose sums write no
    # bound (letters not on the page)
    said: dict[str, said_shapes.Shape] = field(default_factory=dict)  # shapes the page states
    # (X ∈ ℝ^{n×d}), read as declared
    shape_sizes: set[str] = field(default_factory=set)  # sizes only those shapes name
    samples: set[str] = field(default_factory=set)  # vectors written as examples, y^{(i)}

    def note(self, latex: str) -> str:
        """What a display that writes such a letter is read with, or ""."""
        written = names_in(latex) | bold_names(latex)
        stated = [f"{shown_letter(n)} as {self.said[n].shown} (line {self.said[n].line})"
                  for n in sorted(written & set(self.said))]
        stated += [f"{n} as a size (a positive integer)"
                   for n in sorted(written & self.shape_sizes)]
        vectors = {k: v for k, v in self.table.get("vectors", {}).items() if k not in self.said}
        dims = {k: v for k, v in self.table.get("dims", {}).items()
                if k not in self.shape_sizes}
        said = [f"{samples.shown(n)} as the entry i of a vector {shown_letter(n)} of length "
                f"{shown_letter(str(vectors[n]))} (the i-th example)" if n in self.samples else
                f"{shown_letter(n)} as a vector of length {shown_letter(str(vectors[n]))}"
                for n in sorted(written & set(vectors))]
        said += [f"{shown_letter(n)} as a size (a positive integer)"
                 for n in sorted(written & set(dims))]
        for size in sorted(self.unnamed & {str(vectors[n]) for n in written & set(vectors)}):
            said.append(f"{size} the length of vectors summed over all their entries (a size; "
                        "the page writes no bound)")
        parts = []
        if stated:
            parts.append(f"read with {', '.join(stated)}, as the page states")
        if said:
            lines = sorted({self.lines[n] for n in written & self.lines.keys()})
            where = f"at line {lines[0]}" if len(lines) == 1 else \
                "at lines " + ", ".join(map(str, lines)) if lines else "of the page"
            parts.append(f"read with {', '.join(said)}, as the sums {where} write them")
        return "; ".join(parts) + "; declare them to read them otherwise" if parts else ""


def _declared(tables: list[dict]) -> set[str]:
    """Every name a declaration table mentions, by its letter (y_i, f(x), \\hat{y} too)."""
    out: set[str] = set()
    for table in tables:
        for value in table.values():
            if isinstance(value, dict):
                for key, spec in value.items():
                    out |= names_in(str(key)) | {str(key).split("(")[0].split("_")[0].strip()}
                    if isinstance(spec, str):  # (latex = { "a" = "sigmoid(z)" })
                        out |= names_in(spec)
            elif isinstance(value, list):  # (a given: a letter only summed or one-hot there,
                for item in value:  # sum(y) == 1, is one the page's sums may declare a vector)
                    out |= names_in(_ARRAY_ARGUMENT.sub(" ", str(item)))
    return out


_ARRAY_ARGUMENT = re.compile(r"\b(?:sum|onehot|norm)\(\s*[A-Za-z]\s*(?=[,)])")


def _sums(latex: str) -> list[tuple[str, str, str, int, int]]:
    """The sums (and products) ``latex`` writes with an index: (index, lower bound, upper
    bound, start, end), the bounds "" for a sum over all entries (\\sum_i)."""
    out = []
    for m in _SUM_START.finditer(latex):
        s = _SUM.match(latex, m.start())
        if s is not None:
            var = s.group("var") or s.group("vara")
            low = (s.group("low") if s.group("var") else s.group("lowa")) or ""
            up = next((g for g in (s.group("up"), s.group("up1"), s.group("upa"),
                                   s.group("upa1")) if g is not None), "")
            out.append((var, low.strip(), up.strip(), s.start(), s.end()))
        elif (f := _FREE_SUM.match(latex, m.start())) is not None:
            out.append((f.group("var") or f.group("var1"), "", "", f.start(), f.end()))
    return out


def _masked(latex: str) -> str:
    """``latex`` with its sums' indices and bounds blanked."""
    for *_, start, end in _sums(latex):
        latex = latex[:start] + " " * (end - start) + latex[end:]
    return latex


def _fresh_sizes(taken: set[str]) -> list[str]:
    """Letters for the lengths of vectors whose sums write no bound: ones the page never
    writes nor declares."""
    return [n for n in ("n", "m", "K", "N", "p", "q", "r", "s") if n not in taken]


def _body(latex: str, at: int) -> str:
    """The term a sum that ends at ``at`` covers: up to a sign, a relation or the end of the
    group it stands in (\\sum_i x_i y_i + z: x_i y_i)."""
    depth = 0
    k = at
    while k < len(latex):
        ch = latex[k]
        if ch in "{([":
            depth += 1
        elif ch in "})]":
            depth -= 1
            if depth < 0:
                break
        elif depth == 0 and (ch in "+-=<>,&" or latex.startswith("\\\\", k)
                             or re.match(r"\\(?:sum|prod|le|ge|leq|geq|neq|quad)(?![A-Za-z])",
                                         latex[k:])):
            break
        k += 1
    return latex[at:k]


def _links(latex: str) -> list[set[str]]:
    """Letters whose lengths ``latex`` ties: written at one sum's index in its term, or at one
    index that no sum of the line binds (∂L/∂z_i = p_i − y_i: z and y)."""
    groups: list[set[str]] = []
    for row in re.split(r"\\\\|\\q?quad(?![A-Za-z])|;", latex):  # (one line: two chains beside
        sums = _sums(row)  # each other tie nothing)
        groups += [set(_entries_at(_body(row, end), var)) for var, _, _, _, end in sums]
        summed = {var for var, *_ in sums}
        free: dict[str, set[str]] = {}
        for m in LETTER_RE.finditer(row):
            script = subscript(row, m.end())
            if script is not None and re.fullmatch(r"\s*[A-Za-z]\s*", script[0]) \
                    and script[0].strip() not in summed:
                free.setdefault(script[0].strip(), set()).add(letter_name(m))
        groups += list(free.values())
    return groups


def part_of(scope: str, outer: tuple[str, ...] = (), depth: int = 0) -> str:
    """The section a scope is in at ``depth`` (0: the top-level one): what a page's sums
    declare holds in the top-level one."""
    chain = (*outer, scope)
    return chain[min(depth, len(chain) - 1)]


class Parts(dict):
    """What each top-level part of a page declares (:func:`by_part`), by a display's scope."""

    def __missing__(self, key: str) -> Implicit:
        return Implicit()

    def own(self, scope: str, outer: tuple[str, ...] = ()) -> dict | None:
        """What the part a subsection is in reads, where the subsection reads a letter
        otherwise (None where it does not)."""
        return self[part_of(scope, outer)].table if outer and part_of(scope, outer, 1) in self \
            else None

    def of(self, scope: str, outer: tuple[str, ...] = ()) -> Implicit:
        sub = part_of(scope, outer, 1)  # (a subsection that reads a letter its own way)
        return self[sub] if sub in self else self[part_of(scope, outer)]


def by_part(doc: Document, tables: list[dict],
            stated: list[tuple[int, str, int, str, str]] | None = None) -> Parts:
    """What each top-level section's sums declare: a letter a sum makes a size in one part
    (the sample mean's n) may be something else in another (a refractive index n), so each
    part is read on its own. Within a part, a letter its sums declare that one of its
    subsections writes without declaring it so ("# Homework" over "## Problem 1", the sum to
    n, and "## Problem 2", the noise level n) is declared in none of them. What the prose
    states reaches the sections it is written for (:func:`within`): its own, the ones under
    it, and after a section of notation ("## Notation", "## Setup"), the sections beside it."""
    groups: dict[str, list] = defaultdict(list)
    for d in doc.displays:
        groups[part_of(d.scope, d.outer)].append(d)
    last = part_of(doc.displays[-1].scope, doc.displays[-1].outer) if doc.displays else ""
    stated = statements(doc) if stated is None else stated  # (the reader's, read once)
    outers = dict(doc.sections)
    index = {id(d): k for k, d in enumerate(doc.displays)}

    def prose(displays: list, chain: tuple[str, ...], live: set[str] | None = None
              ) -> list[tuple[str, int, str]]:
        end = index[id(displays[-1])]  # (and the prose after its last display, before
        return [(f, line, sentence) for k, f, line, sentence, section in stated  # the next
                if k <= end + 1 and within(section, chain, outers) and (  # heading)
                    live is None or notation(section) or len(
                        up := (*outers.get(section, ()), section)) < 2 or up[1] in live)]

    glossary = prose_scope.glossary(doc, stated, outers)
    out = Parts()
    for key, displays in groups.items():
        tail = doc.tail if key == last else ""
        subs: dict[str, list] = defaultdict(list)
        for d in displays:
            subs[part_of(d.scope, d.outer, 1)].append(d)
        found = infer(replace(doc, displays=tuple(displays), tail=tail), tables,
                      prose(displays, (key,), set(subs)),  # (a problem with no display of
                      glossary)  # its own states nothing for the next one)
        owns: dict[str, Implicit] = {}
        dropped: set[str] = set()
        siblings = [sentence for _, _, sentence in prose(displays, (key,))]  # (what
        # the part's other problems say its examples are: no numbers, "vectors", "layers")
        for sub_key, sub in subs.items() if len(subs) > 1 else ():
            own = owns[sub_key] = infer(replace(
                doc, displays=tuple(sub), tail=tail if sub[-1] is displays[-1] else ""),
                tables, prose(sub, (key, sub_key)), glossary, siblings)
            if found.table:
                written = set().union(*(names_in(without_differentials(d.latex))
                                        for d in sub), *(  # (the d of d/dθ is no size d)
                    names_in(m.group("a") or m.group("b")) for d in sub
                    for m in INLINE_MATH.finditer(prose_end(d.between))))
                declared = {**own.table.get("dims", {}), **own.table.get("vectors", {}),
                            **own.table.get("matrices", {})}
                for name in written & _declared_names(found):
                    if name not in declared:
                        dropped.add(name)
                        _drop(found, name, sub[0].line)
        out[key] = found
        for sub_key, own in owns.items():  # (w a number in "## 1", w ∈ ℝ^d in "## 5"; the
            mine = _declared_names(own)  # examples y^{(i)} of "## 1" beside "## 5"'s y ∈ ℝⁿ:
            names = (dropped | (mine - _declared_names(found)) | {  # each as its own prose
                n for n in mine & _declared_names(found)  # and sums say; y of length m here,
                if _shape_of(own, n) != _shape_of(found, n)}) & mine  # ℝⁿ in "## 5")
            names -= set().union(set(), *(_defined(d.latex) for d in displays  # (p_i = … in
                                          if d not in subs[sub_key]))  # the part: p is that)
            if sub_key != key and names:
                out[sub_key] = _with(found, own, names)
    return out


def _declared_names(found: Implicit) -> set[str]:
    return set(found.table.get("dims", {})) | set(found.table.get("vectors", {})) \
        | set(found.table.get("matrices", {}))


def _shape_of(found: Implicit, name: str) -> object:
    return next((found.table[k][name] for k in ("dims", "vectors", "matrices")
                 if name in found.table.get(k, {})), None)


def _with(found: Implicit, own: Implicit, names: set[str]) -> Implicit:
    """What a part's sums declare, with what one of its subsections declares of ``names``
    (and the sizes those need) in place of what the part could not."""
    table = {k: dict(v) if isinstance(v, dict) else v for k, v in found.table.items()}
    needs = set(names)
    for name in names:
        for kind in ("vectors", "matrices"):
            if name in own.table.get(kind, {}):
                size = own.table[kind][name]
                needs |= {str(x) for x in (size if isinstance(size, list) else [size])}
    for kind in ("dims", "vectors", "matrices"):
        for name, value in own.table.get(kind, {}).items():
            if name in needs:
                table.setdefault(kind, {})[name] = value
    if "indices" in own.table and own.samples & names:
        table["indices"] = own.table["indices"]
    return replace(found, table=table, lines={**found.lines, **{
        n: v for n, v in own.lines.items() if n in needs}}, said={**found.said, **{
        n: v for n, v in own.said.items() if n in needs}}, shape_sizes=found.shape_sizes | (
        own.shape_sizes & needs), samples=found.samples | (own.samples & names),
        why={n: v for n, v in found.why.items() if n not in needs})


def _drop(found: Implicit, name: str, line: int) -> None:
    """Take ``name`` out of what the sums declare (and the vectors of it as their length)."""
    dims, vectors = found.table.get("dims", {}), found.table.get("vectors", {})
    matrices = found.table.get("matrices", {})
    gone = {name} | {v for v, n in vectors.items() if str(n) == name} | {
        m for m, sizes in matrices.items() if name in map(str, sizes)}
    for n in gone:
        dims.pop(n, None)
        vectors.pop(n, None)
        matrices.pop(n, None)
        found.said.pop(n, None)
        found.shape_sizes.discard(n)
        found.why.setdefault(n, f"{name} is also written in another part of the page (near "
                                f"line {line}), where no sum makes it a size or a vector")
    for k in ("dims", "vectors", "matrices"):
        if k in found.table and not found.table[k]:
            del found.table[k]


def infer(doc: Document, tables: list[dict],
          prose: list[tuple[str, int, str]] | None = None,
          refusals: list[str] | tuple[str, ...] = (),
          siblings: list[str] | tuple[str, ...] = ()) -> Implicit:
    """The sizes and vectors ``doc``'s sums declare, and the shapes its math states (see the
    module docstring; :mod:`checker.files.said_shapes`); ``tables`` are all its declaration
    tables (the blocks', the sidecar's). ``prose``: the formulas of the prose that speaks of
    these displays (formula, line, sentence), where not all the prose before them does."""
    displays = [(d.latex, d.line) for d in doc.displays]
    texts = [prose_end(d.between) for d in doc.displays] if prose is None else \
        list(dict.fromkeys(sentence for _, _, sentence in prose))
    texts.append(prose_end(doc.tail) if prose is None else prose_scope.tail_of(doc))
    inline = [m.group("a") or m.group("b") for text in texts
              for m in INLINE_MATH.finditer(text)]
    maths = [latex for latex, _ in displays] + [m for m in inline if not MENTION.fullmatch(m)]
    original = maths
    examples = _examples([samples.without_parameters(m) for m in maths], tables)  # (y^{(i)}:
    if examples:  # read at its label as at an index; h(x) = …'s x is h's)
        maths = [samples.without_parameters(m) for m in maths]
        displays = [(samples.without_parameters(latex), line) for latex, line in displays]
        maths = [samples.as_entries(m, examples) for m in maths]
        displays = [(samples.as_entries(latex, examples), line)
                    for latex, line in displays]
    pieces = prose_scope.pieces_of(doc, prose)
    if not any(_SUM_START.search(latex) for latex, _ in displays) and not any(
            "\\in" in text or "∈" in text for text, _, _ in pieces):
        return Implicit()
    refused = _declared(tables) | {"e", "d"}
    bounds: dict[str, set[str]] = {}  # a letter: the bounds of the sums it is written in
    bound_letters: set[str] = set()
    indices: set[str] = set()
    for latex in maths:
        for var, low, up, _, end in _sums(latex):
            indices.add(var)
            size = re.fullmatch(r"([A-Za-z])(?:\s*[-+]\s*\d+)?", up)
            if size is not None and low in ("0", "1"):  # (\sum_{k=0}^{n-1} r^k: n counts too)
                bound_letters.add(size.group(1))
            elif up:
                refused |= names_in(up)  # (\sum_{i=2}^{n}, \sum_{i=1}^{2n}: no size)
            if (up and not re.fullmatch(r"[A-Za-z]|\d+", up)) or bool(low) != bool(up) \
                    or (low and low != "1"):
                refused |= set(_entries_at(latex[end:], var))  # (x_0 … x_n: not 1 … n; \sum_j^C)
                continue
            for name in _entries_at(latex[end:], var):
                bounds.setdefault(name, set()).add(up)
    alone: set[str] = set()
    numbered: set[str] = set()
    at_index: set[str] = set()  # letters written as a subscript or with one (m_t: t is a
    # step, not a size; n_0)
    others: set[str] = set()  # (written with a prime, a label, two indices, or defined)
    for latex in maths:
        written_alone, other, at_number = _uses(latex)
        alone |= written_alone
        numbered |= at_number
        refused |= other
        others |= other
        at_index |= {n for m in SUBSCRIPT.finditer(_masked(latex))
                     for n in names_in(m.group(1).strip("{}"))}
        at_index |= {letter_name(m) for m in LETTER_RE.finditer(latex)
                     if subscript(latex, m.end()) is not None}  # (n_0: n names more than a size)
    refused |= indices
    normed = _in_norms(maths)  # (‖W_l‖: W's entries are vectors or matrices, not numbers)
    refused |= normed
    at_index -= _last_entries(maths, bounds)  # (x_n of x_1, …, x_n: the size, at its last entry)
    refused |= said_kinds.not_numbers((*texts, *refusals, *siblings), examples)
    if examples:  # what the whole page says of its examples, formulas or not ("Examples are
        refused |= said_kinds.examples_said(prose_scope.page_prose(doc), examples)  # vectors.",
        # "# Vector form ⏎ Now each $x^{(i)} \in \mathbb{R}^d$.")
    said, not_sizes = said_kinds.by_sentence((*texts, *refusals), examples)
    refused |= said
    for latex in maths:  # ("\quad \text{for } n \geq 0", "$n \ge 0$": n may be 0)
        for m in _ZERO_OK.finditer(re.sub(r"_\s*\{[^{}]*\}", " ", latex)):
            not_sizes.add(m.group(1) or m.group(2))
    first: dict[str, int] = {}
    for latex, line in displays:  # (the line of the first display that writes it in a sum)
        for var, _, up, start, end in _sums(latex):
            at = line + latex[:start].count("\n")
            for name in (*_entries_at(latex[end:], var), *([up] if up.isalpha() else [])):
                first.setdefault(name, at)
    dims: dict[str, str] = {up: "positive integer"
                            for up in sorted(bound_letters - refused - at_index - not_sizes)}
    vectors: dict[str, object] = {}
    unbounded: list[str] = []
    for name, ups in sorted(bounds.items()):
        written = ups - {""}
        if name in refused or name in alone or name in bound_letters or len(written) > 1:
            continue
        up = next(iter(written), "")
        if not up and name in numbered:  # (\sum_i x_i = x_1 + x_2 + x_3: of length 3?)
            continue
        if not up:  # summed over all its entries only: a length the page does not name
            unbounded.append(name)
        elif up.isdigit():
            if 1 <= int(up) <= MAX_LENGTH:
                vectors[name] = int(up)
        elif up in dims or _declared_size(up, tables):
            vectors[name] = up
    out = Implicit()
    # one length for the letters the page ties (one sum's term, one free index), another for
    # each group it does not tie: nothing says two such vectors have one length
    group = {name: {name} for name in (*unbounded, *vectors)}
    for latex in maths:
        for linked in _links(latex):
            tied = [n for n in linked if n in group]
            for n in tied[1:]:
                merged = group[tied[0]] | group[n]
                for m in merged:
                    group[m] = merged
    taken = set().union(*(names_in(m) for m in maths)) | refused | set(dims)
    sizes = iter(_fresh_sizes(taken))
    named: dict[frozenset[str], str] = {}
    for name in unbounded:
        key = frozenset(group[name])
        known = {vectors[n] for n in key if n in vectors}  # (tied to a vector of a length
        if len(known) > 1:  # the page writes: that length; to two: none)
            continue
        if known:
            vectors[name] = next(iter(known))
            continue
        if key not in named:
            size = next(sizes, "")
            if not size:
                continue
            named[key] = size
            dims[size] = "positive integer"
            out.unnamed.add(size)
        vectors[name] = named[key]
    matrices: dict[str, list] = {}
    shapes, shape_why = said_shapes.said(pieces, maths, _declared(tables),
                                         not_sizes | indices | others)
    shape_sizes: set[str] = set()
    here = set().union(*(names_in(m) | bold_names(m) for m in maths))
    for shape in shapes:  # ("$X \in \mathbb{R}^{n \times d}$": what a block would declare)
        if shape.name not in here:
            continue  # (a letter this part does not write: nothing to declare here)
        written = [int(x) if x.isdigit() else x for x in shape.sizes]
        if shape.name in vectors and (len(written) != 1 or vectors[shape.name] != written[0]):
            del vectors[shape.name]  # (a sum to m of an x said in ℝⁿ: which length?)
            shape_why[shape.name] = f"the page puts {shape.name} in ℝ^… of another size than " \
                                    "its sums run to"
            continue
        if shape.name in dims or (len(written) == 2 and shape.name in bounds):
            shape_why[shape.name] = f"the page's sums write {shape.name} otherwise"
            continue  # (a matrix X written X_i in a sum: a row, or a vector?)
        for size in written:
            if isinstance(size, str) and size not in vectors and size not in matrices:
                if size not in dims:
                    shape_sizes.add(size)
                dims.setdefault(size, "positive integer")
        if len(written) == 1:
            vectors[shape.name] = written[0]
        else:
            matrices[shape.name] = written
        out.said[shape.name] = shape
    for name, family in samples.in_families(original, examples).items():  # (x^{(i)} only in
        ups = bounds.get(family, set()) - {""}  # a^{(i)} = σ(w x^{(i)} + b), a summed to m:
        if name not in vectors and name not in refused and name not in alone \
                and len(ups) == 1 and next(iter(ups)) in dims:  # x's length is m too)
            vectors[name] = next(iter(ups))
    out.samples = {n for n in examples if n in vectors}
    if samples.labelled_anywhere([d.latex for d in doc.displays], letter=True) - out.samples - \
            samples.defined(original):  # (in the displays:
        # "the examples $(x^{(i)}, y^{(i)})$" in the prose reads no x)
        for name in out.samples:  # (x_j^{(i)} beside y^{(i)}: all the page's examples are
            del vectors[name]  # read as a declared page reads them, or none)
        out.samples = set()
    if out.samples:  # (as indices = "superscript" declares it)
        out.table["indices"] = "superscript"
    if dims:
        out.table["dims"] = dims
    if vectors:
        out.table["vectors"] = vectors
    if matrices:
        out.table["matrices"] = matrices
    out.shape_sizes = shape_sizes
    out.lines = {n: first[n] for n in (*dims, *vectors) if n in first}
    out.why = _why_not(doc, tables, (set(bounds) | bound_letters) - set(vectors) - set(dims),
                       bounds, numbered)
    for name, reason in shape_why.items():
        out.why.setdefault(name, reason)
    for name in normed:
        out.why[name] = (f"{shown_letter(name)} is written at an index inside a norm ‖…‖, so its "
                         "entries are vectors or matrices, not numbers")
    return out


_TRANSPOSE = re.compile(r"\^\s*\{?\s*(?:T|\\top|\\intercal|\\mathsf\s*\{\s*T\s*\}|"
                        r"\\mathrm\s*\{\s*T\s*\})\s*\}?(?![A-Za-z])")


def _examples(maths: list[str], tables: list[dict]) -> set[str]:
    """The letters ``maths`` writes only with an example's label (y^{(i)}), where no table
    states the convention itself and no declared letter is written with such a label (the
    reading would change what it means)."""
    if any("indices" in table for table in tables):
        return set()
    if any(_TRANSPOSE.search(m) and samples.labelled_anywhere([m]) for m in maths):
        return set()  # (w^T x^{(i)}: the examples are vectors)
    declared = _declared(tables)
    if samples.labelled_anywhere(maths) & declared:
        return set()
    return samples.letters(maths) - declared


# a norm's bars: \| … \|, \lVert … \rVert, ‖ … ‖ (\left and \right before them)
_NORM = re.compile(r"(?:\\left\s*)?(?:\\\||\\lVert|‖|\\Vert)(?P<inside>.*?)"
                   r"(?:\\right\s*)?(?:\\\||\\rVert|‖|\\Vert)", re.S)


def _in_norms(maths: list[str]) -> set[str]:
    """The letters written at an index inside a norm (‖W_l‖², ‖x^{(i)}‖): each entry is
    a vector or a matrix, whose norm is taken; not a number (‖x‖ = Σ x_i² reads x's)."""
    return {letter_name(m) for latex in maths for norm in _NORM.finditer(latex)
            for m in LETTER_RE.finditer(norm.group("inside"))
            if subscript(norm.group("inside"), m.end()) is not None}


def _last_entries(maths: list[str], bounds: dict[str, set[str]]) -> set[str]:
    """The bound letters written as a subscript only at the last entry of a vector whose sums
    run to them (x_n, with \\sum_{i=1}^{n} x_i): a size still, not a step or a label (m_t)."""
    everywhere: dict[str, int] = {}
    last: dict[str, int] = {}
    for latex in maths:
        for m in SUBSCRIPT.finditer(_masked(latex)):
            for n in names_in(m.group(1).strip("{}")):
                everywhere[n] = everywhere.get(n, 0) + 1
        for m in LETTER_RE.finditer(latex):
            script = subscript(latex, m.end())
            if script is not None and script[0].strip() in bounds.get(letter_name(m), set()):
                last[script[0].strip()] = last.get(script[0].strip(), 0) + 1
    return {n for n, k in last.items() if everywhere.get(n, 0) <= k}


def _why_not(doc: Document, tables: list[dict], names: set[str], bounds: dict[str, set[str]],
             numbered: set[str]) -> dict[str, str]:
    """For each letter a sum writes that is not inferred, the first reason, with its line."""
    declared = _declared(tables)
    pieces = [(d.latex, d.line) for d in doc.displays] + [
        (m.group("a") or m.group("b"), d.line) for d in doc.displays
        for m in INLINE_MATH.finditer(prose_end(d.between))]
    uses = [(*_uses(latex)[:2], line) for latex, line in pieces] if names else []  # (once each)
    out: dict[str, str] = {}
    for name in sorted(names):
        shown = shown_letter(name)
        if name in declared:
            out[name] = f"the declarations name {shown}"
            continue
        for alone, other, line in uses:
            if name in other:
                out[name] = (f"{shown} is written otherwise than at one index near line {line} "
                             "(two indices, a label, a prime, or defined)")
            elif name in alone and name in bounds:
                out[name] = f"{shown} is written alone near line {line}"
            if name in out:
                break
        else:
            if len(bounds.get(name, set()) - {""}) > 1:
                out[name] = f"the sums that write {shown} run to different bounds"
            elif name in numbered:
                out[name] = (f"{shown} is written at a number, and its sums write no bound "
                             "(what length is meant?)")
    return out


def explain(message: str, why: dict[str, str]) -> str:
    """An error that refuses a letter the page's sums write, with why it was not read from
    them (or as it is)."""
    m = re.search(r"(\w+) is not a declared vector|(?:but|bound,) (\w+) is not bound here|"
                  r"(\w+)\^\(\w\) inside \\sum_", message)
    name = m and (m.group(1) or m.group(2) or m.group(3))
    if not name or name not in why:
        return message
    return f"{message} (it is not read from the page's sums: {why[name]})"


def _declared_size(name: str, tables: list[dict]) -> bool:
    return any(isinstance(t.get("dims"), dict) and name in t["dims"] for t in tables)


def _entries_at(text: str, var: str) -> list[str]:
    """The letters written at index ``var`` in ``text`` (x_i, x_{i}, \\alpha_i)."""
    out = []
    for m in LETTER_RE.finditer(text):
        script = subscript(text, m.end())
        if script is not None and script[0].strip() == var:
            out.append(letter_name(m))
    return out


def _defined(latex: str) -> set[str]:
    """The letters ``latex`` defines at the start of a row (p_i = …, L := …)."""
    out = set()
    for m in LETTER_RE.finditer(latex):
        script = subscript(latex, m.end())
        if starts_a_row(latex, m.start()) and _DEFINES.match(
                latex, m.end() if script is None else script[1]):
            out.add(letter_name(m))
    return out


def _uses(latex: str) -> tuple[set[str], set[str], set[str]]:
    """The letters ``latex`` writes alone (x, x^2, dx: not a vector's, though a size's),
    those it writes otherwise than at one index (with a prime or a label, at a subscript that
    is not one index, or defined: on the left of =), and those it writes at a number (x_1)."""
    alone: set[str] = set()
    other: set[str] = set()
    numbered: set[str] = set()
    blank = _DECORATED.sub(lambda m: " " * len(m.group(0)), _masked(latex))  # (a sum's
    # index and bounds; \hat{y}, another name than y)
    blank = SUBSCRIPT.sub(lambda m: m.group(0)[:m.start(1) - m.start(0)] + " " * len(
        m.group(1)) + m.group(0)[m.end(1) - m.start(0):], blank)  # (x_i's i is no letter alone)
    for m in LETTER_RE.finditer(blank):
        name = letter_name(m)
        script = subscript(latex, m.end())
        end = m.end() if script is None else script[1]
        rest = latex[end:]
        if script is None:
            alone.add(name)
        elif not _ONE_INDEX.fullmatch(script[0]):
            other.add(name)
        bracket = re.match(r"\s*(?:\\left\s*)?\(([^()]*)\)", rest) if script is not None else None
        if re.match(r"\s*(?:'|\^\s*\{?\s*[(\[])", rest) or (
                bracket is not None and not re.search(r"_", bracket.group(1))):
            other.add(name)  # x_i', x^{(t)}; g_i(2x): a function at a point, or times? (not
            # x_i (y_i - w x_i), a bracket of entries: a product)
        elif _DEFINES.match(rest) and (starts_a_row(latex, m.start()) or _DEFINITION_CUE.search(
                latex[:m.start()])):
            other.add(name)  # x_i = … (a definition, or a claim about one entry); n = 5;
        if script is not None and script[0].strip().isdigit():  # … \text{where } p_i = …
            numbered.add(name)  # (x_1: a length the page may mean, where no sum bounds it)
    return alone, other, numbered


_BAR = re.compile(r"\\(?:bar|overline)\s*(?:\{\s*([A-Za-z])\s*\}|\s+([A-Za-z])(?![A-Za-z]))")


def mean_unread(latex: str, ctx: object) -> str:
    """Why a refutation of a display is in doubt where it writes x̄ beside a vector x and
    the page neither defines nor declares x̄: it is read as a number of its own, though it is
    most likely x's mean (a clause for Claim.unheld); "" where there is no such x̄."""
    for m in _BAR.finditer(latex):
        letter = m.group(1) or m.group(2)
        defined = any((k := _BAR.match(key.strip())) is not None and (k.group(1) or k.group(2))
                      == letter for key in getattr(ctx, "latex", {}))  # (\bar{u}_j = … too)
        rest = _BAR.sub(" ", latex)  # (x itself, or its entries, beside x̄: else x̄ is free)
        if not defined and ctx.kind(letter + "bar") is None \
                and ctx.kind(letter) == "vector" \
                and re.search(rf"(?<![A-Za-z\\]){letter}(?![A-Za-z])", rest):  # type: ignore[attr-defined]
            return (f"\\bar{{{letter}}} is neither defined nor declared, so it is read as a number "
                    f"of its own, though it may be the mean of {letter}: define it (\\bar{{{letter}}}"
                    f" = \\frac{{1}}{{n}} \\sum_{{i=1}}^{{n}} {letter}_i) to check the line with it "
                    + ONE_OF_ITS_VALUES)
    return ""
