"""A size written after a chain: ``\\frac{\\partial L}{\\partial W} = X^T G \\in \\mathbb{R}^{d
\\times h}``. Matrix notes say what shape a result has, and a transposed shape is a mistake
students make; so the size is a claim of its own, checked: the shape of the line's value, as
read, against the one written (each size a polynomial in the declared sizes). Equal for every
size: proved; different for some sizes: refuted at sizes where they differ (the engine
decides, as any claim). The chain itself is checked without the size.

A display that only states an expression's size (``X^T G \\in \\mathbb{R}^{d \\times h}``) is the
same claim (:func:`statement`), as is a declared name alone; an undeclared name alone, or a
list of names, is a declaration (checker.files.memberships). ℝⁿ holds of a row or a column of
length n. What cannot be compared is an error, never a verdict: a line whose letters nothing
declares (read as numbers by default), a size in letters that are not declared sizes, one that
is no polynomial of degree 2 at most, an entry past its array's end; a line that takes an
inverse, or a condition in the prose before, makes a refutation unknown. A size claim is
``Claim.about == "size"``: no diagnosis, and its sides are lists of sizes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy as sp

from checker.files.common import Bad, Prebuilt
from checker.files.memberships import REALS
from checker.inverse import has_opaque
from checker.model import CatalogItem, Claim, Condition, Equation, Identity, Step
from checker.parse.arrays import SymArray, same_size
from checker.parse.context import Context
from checker.parse.evaluate import Evaluator, is_matrix, shape_text
from checker.parse.tree import ParseError, Pos
from checker.results import Verdict

# "\in \mathbb{R}^{d \times h}" (or ∈ ℝ^{…}, ℝⁿ) at the end of a display, maybe with a full stop
_SIZE_END = re.compile(
    rf"(?:\\in(?![A-Za-z])|∈)(?:\s|\\[,;:! ]|~)*(?P<brace>\{{\s*)?{REALS}(?(brace)\s*\}})\s*"
    r"(?:\^\s*(?P<shape>\{(?:[^{}$]|\{[^{}$]*\})*\}"
    r"|[A-Za-z0-9])|(?P<uni>[ⁿᵈᵐᵏ⁰¹²³⁴⁵⁶⁷⁸⁹]+))?"
    r"(?P<rest>(?:\s|\\[,;:! ]|\\q?quad(?![A-Za-z]))*[.,;]?(?:\s|\\[,;:! ]|\\q?quad(?![A-Za-z])|"
    r"\\(?:tag\*?|label)\s*\{[^{}]*\}|\\no(?:number|tag)(?![A-Za-z]))*(?:\\\\\s*)?"
    r"(?:\\end\s*\{[A-Za-z*]+\}\s*)*)$")
_UNI = str.maketrans("ⁿᵈᵐᵏ⁰¹²³⁴⁵⁶⁷⁸⁹", "ndmk0123456789")
# what makes the \in a remark's, not the line's: \forall x \in ℝ, "\quad x \in ℝ", ", x \in ℝ"
_REMARK = re.compile(r"\\q?quad(?![A-Za-z])|\\forall|,|\\(?:text|textrm|textnormal|mbox|hbox|"
                     r"intertext)(?![A-Za-z])")  # (\textbf{X} is a bold letter)
_WORDED = re.compile(r"\\(?:mathrm|operatorname|text(?:bf|it|sf|tt))\s*\{[^{}]*(?:\s|\\ |~)[^{}]*\}")  # words
_SPACING = re.compile(r"\\[,;:! ]")  # thin spaces (their comma is no remark's)
_ROW_END = re.compile(r"(?:\s|&|~|\\\\|\\[,;:! ]|\\q?quad(?![A-Za-z]))*$")  # (X^T G \\ &\in …)
_TIMES = re.compile(r"\\times(?![A-Za-z])|×")
# a chain's relation (= or an inequality) outside brackets: what a size after a line needs
_RELATION = re.compile(r"(?<![<>!:\\])=|<|>|\\(?:[lg]eq?|leqslant|geqslant|lt|gt)(?![A-Za-z])")


@dataclass(frozen=True)
class Size:
    """A size written after a chain: its text as written, the sizes (one for ℝⁿ, two for
    ℝ^{m×n}, none for ℝ) and where the text starts in the display."""

    written: str
    parts: tuple[str, ...]
    start: int

    def pos(self, latex: str) -> Pos:
        """Where it starts in the display's text."""
        return Pos(latex.count("\n", 0, self.start) + 1,
                   self.start - latex.rfind("\n", 0, self.start))


def split(latex: str) -> tuple[str, Size | None]:
    """The display without a size at its end, and that size (None where there is none: an
    ``\\in`` inside braces, in a remark, or with no expression before it is not one). The size
    may stand on a row of its own (``… \\\\ &\\in \\mathbb{R}^{d}``): it is the last row's."""
    m = _SIZE_END.search(latex)
    if m is None or _depth(latex, m.start()) != 0:
        return latex, None
    before = latex[:m.start()]
    end = _ROW_END.search(before)
    cut = end.start() if end is not None else len(before)
    row = re.split(r"(?<!\\)\\\\|(?<![<>!:\\])=|&", before[:cut])[-1]
    plain = _SPACING.sub(" ", row)
    if not plain.strip() or not _RELATION.search(_outside(before[:cut])) \
            or _REMARK.search(_outside(plain)) \
            or _WORDED.search(plain):
        return latex, None
    shape = m.group("shape")
    if m.group("uni"):
        parts: tuple[str, ...] = (m.group("uni").translate(_UNI),)
    elif shape is None:
        parts = ()
    else:
        inner = shape[1:-1] if shape.startswith("{") else shape
        parts = tuple(p.strip() for p in _TIMES.split(inner))
    written = latex[m.start():m.end("rest") - len(m.group("rest"))].strip()
    return before[:cut].rstrip() + m.group("rest"), Size(written, parts, m.start())


def alone(latex: str) -> bool:
    """Whether a row is a size and nothing else (``&\\in \\mathbb{R}^{h \\times d}``): a row of
    its own after the line it is about, which the rows' split leaves with nothing before it."""
    m = _SIZE_END.search(latex)
    return m is not None and not latex[:m.start()].replace("&", "").strip()


# a name alone (a declaration, which checker.files.memberships reads): X, \mathbf{x}, W_1, \hat{y},
# x^{(i)}, W^{[2]}, and a list of them (x, y \in \mathbb{R})
_NAME = r"(?:\\[A-Za-z]+\s*\{[^{}]*\}|\\?[A-Za-z]+)(?:\s*_\s*(?:\{[^{}]*\}|\w))?" \
        r"(?:\s*\^\s*\{\s*[(\[][^{}]*[)\]]\s*\})?"
_NAMES = re.compile(rf"\s*{_NAME}(?:\s*,\s*{_NAME})*\s*")


def statement(latex: str) -> tuple[str, Size, bool] | None:
    """``X^T G \\in \\mathbb{R}^{d \\times h}``, ``\\frac{\\partial L}{\\partial W} \\in …``: a
    display that says an expression's size, and nothing else: the expression, its size, and
    whether the expression is a name alone (a declaration where the name is not declared; a
    claim about it where it is), else None (a list of names: declarations)."""
    m = _SIZE_END.search(latex)
    if m is None or _depth(latex, m.start()) != 0:
        return None
    before = _without_alignment(latex[:m.start()])
    before = before[:_ROW_END.search(before).start()]  # type: ignore[union-attr]
    plain = _SPACING.sub(" ", before)
    if not plain.strip() or (_NAMES.fullmatch(plain) and "," in _outside(plain)) or re.search(
            r"(?<![<>!:\\])=|<|>|\\[lg]eq?(?![A-Za-z])|\\\\|\\(?:in|to|mapsto|forall|implies|"
            r"Rightarrow|iff)(?![A-Za-z])", _outside(plain)) or _REMARK.search(_outside(plain)) \
            or _WORDED.search(plain):
        return None
    size = split("x = " + latex)[1]
    if size is None:
        return None
    return before.strip(), Size(size.written, size.parts, m.start()), bool(_NAMES.fullmatch(plain))


# ∈ a set at the top level of a display: ℝ (decorated or not), ℂ, ℕ, ℤ, ℚ, a product of sets
_MEMBERSHIP = re.compile(rf"(?:\\in(?![A-Za-z])|∈)(?:\s|\\[,;:! ]|~|\{{)*(?:{REALS}|\\mathbb|[ℂℕℤℚ])")


_DECLARED = re.compile(rf"{_NAMES.pattern}(?:\\in(?![A-Za-z])|∈)\s*\{{?\s*"
                       rf"(?:{REALS}|\\mathbb\s*\{{?\s*\w\s*\}}?|[ℂℕℤℚ])"
                       r"\s*\}?\s*(?:[_^]\s*(?:\{[^{}]*\}|\S))*\s*")


def unread_membership(latex: str) -> bool:
    """Whether a display (with no chain) says something is in ℝ^{…} in a way that is neither a
    size :func:`statement` reads nor names alone (``x, y \\in \\mathbb{R}``, ``u \\in ℝ^n``):
    ``X w \\in \\mathbb{R}_+^N``, ``A \\in ℝ^{2×3}, \\quad A^TA \\in ℝ^{2×2}`` say something not
    checked, which is said rather than passed over."""
    m = _MEMBERSHIP.search(latex)
    if m is None or _depth(latex, m.start()) != 0 or statement(latex) is not None:
        return False
    # W \in ℝ^{h×d}, b \in ℝ^h: names alone in sets, one declaration after another
    whole = _SPACING.sub(" ", _without_alignment(latex)).strip().rstrip(".,")
    parts = re.split(r",(?![^{]*\})", whole)
    return not (_DECLARED.fullmatch(whole)
                or all(_DECLARED.fullmatch(p.strip()) for p in parts))


_CELLS = re.compile(r"[pbBvV]?matrix\*?|smallmatrix|array|cases|[dr]cases")


def _without_alignment(text: str) -> str:
    """The alignment marks (&) of an align's row taken out; those of a matrix's cells
    (inside \\begin{bmatrix} … \\end{bmatrix}) kept."""
    out, depth, k = [], 0, 0
    for m in re.finditer(r"\\(begin|end)\s*\{([^{}]*)\}|(?<!\\)&", text):
        out.append(text[k:m.start()])
        token = m.group(0)
        if m.group(1) and not _CELLS.fullmatch(m.group(2)):  # aligned, split: the layout's
            token = " "
        elif m.group(1) == "begin":
            depth += 1
        elif m.group(1) == "end":
            depth = max(depth - 1, 0)
        out.append(" " if token == "&" and depth == 0 else token)
        k = m.end()
    out.append(text[k:])
    return "".join(out)


def _depth(text: str, at: int) -> int:
    depth = 0
    for k, ch in enumerate(text[:at]):
        if ch == "{" and (k == 0 or text[k - 1] != "\\"):
            depth += 1
        elif ch == "}" and (k == 0 or text[k - 1] != "\\"):
            depth -= 1
    return depth


def _outside(row: str) -> str:
    """The row without what is inside braces or brackets (f(x, y): its comma is not a
    remark's)."""
    out, depth = [], 0
    for ch in row:
        if ch in "{([":
            depth += 1
        elif ch in "})]":
            depth = max(depth - 1, 0)
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def written_shape(size: Size, ctx: Context, pos: Pos | None = None) -> tuple[sp.Expr, ...]:
    """The sizes written, read in the declared sizes. Raises Bad (a letter that is not a
    declared size, a size that is not a whole number, an array of three axes or more)."""
    from checker.parse.latex import parse_latex_expr

    if any(re.search(r"\*|\\cdot(?![A-Za-z])|\\ast(?![A-Za-z])", p) for p in size.parts):
        raise Bad(f"{size.written}: ℝ^{{d·h}}, a vector of length d·h, or ℝ^{{d×h}}, a d × h "
                  "matrix? Write \\times for the matrix, or the product d h for the vector's "
                  "length", pos=pos)
    if len(size.parts) > 2:
        raise Bad(f"{size.written}: an array of {len(size.parts)} axes is not read; a size "
                  "after a line is ℝ, ℝⁿ or ℝ^{m×n}", pos=pos)
    dims = set(ctx.dims.values())
    out = []
    for part in size.parts:
        try:
            v = Evaluator(ctx).value(parse_latex_expr(part, ctx))
        except ParseError as exc:
            raise Bad(f"{size.written}: the size {part} cannot be read: {exc.message}", pos=pos) from None
        if not isinstance(v, sp.Expr) or is_matrix(v) or isinstance(v, SymArray):
            raise Bad(f"{size.written}: the size {part} is not a number", pos=pos)
        loose = sorted(v.free_symbols - dims, key=str)
        if loose:
            raise Bad(f"{size.written}: {loose[0]} is not a declared size, so the shape cannot be "
                      f"compared; declare it under dims ({loose[0]} = \"positive integer\")", pos=pos)
        syms = sorted(v.free_symbols, key=str)
        poly = sp.Poly(v, *syms) if syms and v.is_polynomial(*syms) else None
        if syms and (poly is None or not all(c.is_Integer for c in poly.coeffs())):
            raise Bad(f"{size.written}: the size {part} is not a whole number at every size (a "
                      "size is written with whole numbers, + and −, and products of sizes)",
                      pos=pos)
        if poly is not None and poly.total_degree() > 2:  # (a product of many sizes: no size)
            raise Bad(f"{size.written}: the size {part} is a polynomial of degree "
                      f"{poly.total_degree()} in the sizes, which is not read (2 at most)",
                      pos=pos)
        if v.is_integer is False or v.is_positive is False:
            raise Bad(f"{size.written}: the size {part} is not a whole number of at least 1", pos=pos)
        out.append(v)
    return tuple(out)


def _shown(size: sp.Expr) -> str:
    return sp.sstr(size).replace("**", "^").replace("*", "·")


def size_id(item_id: str, seen: set[str], number: str) -> str:
    """The id of the size after a display's chain (``…::L12-size``), made unique among the
    page's ids as a display's own id is (a user's id = "L12-size" elsewhere keeps its own)."""
    path, _, raw = item_id.rpartition("::")
    raw = f"{raw}-size"
    if raw in seen:
        raw = f"{raw}-{number}"
    seen.add(raw)
    return f"{path}::{raw}" if path else raw


def undeclared(values: list, ctx: Context) -> list[str]:
    """The letters a line's value uses that nothing declares (a number by default, where the
    page may mean a vector)."""
    out: set[str] = set()
    entries = {e for v in ctx.vectors.values() for e in v} | {
        e for m in ctx.matrices.values() for e in m}  # (of arrays of explicit size)
    for v in values:
        if isinstance(v, SymArray):
            v = v.entry(sp.Dummy(), sp.Dummy())
        if not isinstance(v, sp.Basic):
            continue
        for s in v.free_symbols:
            if isinstance(s, sp.Dummy) or not isinstance(s, sp.Symbol) or s in entries:
                continue
            if ctx.kind(s.name) is None and s.name not in ctx.indices and not any(
                    s in getattr(b, "free_symbols", ()) for b in ctx.symbols.values()):
                out.add(s.name)
    return sorted(out)


def _outside_entries(values: list, ctx: Context) -> str:
    """Why an entry the line takes of a declared array of symbolic size may not exist (u_{n+1},
    X_{N+1,1}: an index in the sizes, or a free index at the ends of its range), or ""."""
    lengths = {b: (n,) for b, n in ctx.symbolic.values()} | {
        b: (r, c) for b, r, c in ctx.symbolic_matrices.values()}
    dims = set(ctx.dims.values())
    ranges = {sym: hi for sym, hi in ctx.indices.values()}
    for v in values:
        if isinstance(v, SymArray):
            v = v.entry(sp.Dummy(), sp.Dummy())
        if not isinstance(v, sp.Basic):
            continue
        for e in v.atoms(sp.Indexed):
            for idx, n in zip(e.indices, lengths.get(e.base, ()), strict=False):
                free = idx.free_symbols
                if not free <= dims | set(ranges):
                    continue  # (a sum's index, an array's own entry: bounded where it runs)
                ends = [idx.subs({s: at for s in free & set(ranges)})
                        for at in (1, *(ranges[s] for s in free & set(ranges)))] or [idx]
                if not all((at - 1).is_nonnegative and (n - at).is_nonnegative for at in ends):
                    return (f"the entry {sp.sstr(e)} may lie outside {e.base}'s entries "
                            f"1…{sp.sstr(n)} at some size, so the line has no shape there")
    return ""


def _shape(v: object) -> tuple[sp.Expr, sp.Expr]:
    if isinstance(v, SymArray):
        return v.rows, v.cols
    if is_matrix(v):
        return sp.Integer(v.shape[0]), sp.Integer(v.shape[1])  # type: ignore[union-attr]
    return sp.Integer(1), sp.Integer(1)


def _compared(shape: tuple[sp.Expr, sp.Expr], written: tuple[sp.Expr, ...]
              ) -> tuple[tuple[sp.Expr, ...], tuple[sp.Expr, ...]]:
    """The sizes to compare: both for ℝ^{m×n} (none for ℝ: 1 × 1); for ℝⁿ, a row or a column
    of length n, whichever (r·c = n and (r − 1)(c − 1) = 0: for whole r, c ≥ 1, one of them is 1
    and the other n, at every size where that holds, a hypothesis's too)."""
    if len(written) == 2:
        return shape, written
    if not written:
        return shape, (sp.Integer(1), sp.Integer(1))
    rows, cols = shape
    if same_size(cols, 1):
        return (rows,), written
    if same_size(rows, 1):
        return (cols,), written
    return (sp.expand(rows * cols), sp.expand((rows - 1) * (cols - 1))), (written[0], sp.Integer(0))


_CONDITIONAL = re.compile(r"\b(?:if|when|whenever|assum\w*|suppos\w*|provided|unless|"
                          r"in\s+the\s+case|for\s+(?:a|one)\s+single|given\s+that)\b", re.I)


def prose_condition(before: str) -> str:
    """A condition the prose right before a display states (If $N = 1$:, "when X is square"),
    which no hypothesis of the size carries: the reason its refutation proves nothing, or ""."""
    from checker.files.prose import prose_end

    paragraph = re.split(r"\n\s*\n", prose_end(before))[-1].strip()
    if not _CONDITIONAL.search(paragraph):
        return ""
    shown = " ".join(paragraph.split())
    shown = shown if len(shown) <= 80 else shown[:77] + "…"
    return (f"the prose before the display states a condition (\"{shown}\"), which is not read "
            "as a hypothesis of the size written")


def item(size: Size, last: Step, ctx: Context, given: tuple, size_id: str, title: str,
         source: str, cache_key: str, line: int | None, pos: Pos | None = None,
         layout: str = "", unheld: str = "", wanted_verdict: Verdict = Verdict.PROVED
         ) -> CatalogItem:
    """The claim that the chain's last line has the size written after it (``layout``: how
    the chain's derivatives by arrays are laid out, which decides their shapes)."""
    wanted = written_shape(size, ctx, pos)
    values = [last.expr, *(r.expr for r in last.readings)]
    why = last.unreadable or last.mismatch or last.undecided or last.ambiguous
    lhs = rhs = sp.Integer(0)
    unreadable = ambiguous = note = ""
    if why:
        unreadable = f"the size is not compared: {why}"
    elif (outside := _outside_entries(values, ctx)):
        raise Bad(f"{size.written}: {outside}", pos=pos)
    elif (loose := undeclared(values, ctx)):
        raise Bad(f"{size.written}: the line uses {', '.join(loose)}, which nothing declares "
                  "(read as a number by default, where the size may say a vector or a matrix is "
                  "meant), so its shape is not compared: declare each (symbols = { … } for a "
                  "number, vectors = { … } or matrices = { … })", pos=pos)
    else:
        pairs = {_compared(_shape(v), wanted) for v in values}
        if len(pairs) > 1:
            ambiguous = ("the line reads more than one way, with different shapes: which is "
                         "meant decides the size")
        a, b = next(iter(pairs))
        lhs, rhs = sp.ImmutableMatrix([list(a)]), sp.ImmutableMatrix([list(b)])
        layout = (layout or getattr(last.expr, "layout", "") or last.layout).split(":")[0]
        note = f"the line reads as a {shape_text(last.expr)}" + (
            f" (its derivatives read in {layout}, the page's convention)" if layout else "") + (
            ", and the size written is ") + (
            " × ".join(f"({_shown(w)})" if isinstance(w, sp.Add) and len(wanted) > 1
                       else _shown(w) for w in wanted) if wanted else "1 (a number)")
    if not unheld and any(has_opaque(v.entry(sp.Dummy(), sp.Dummy()) if isinstance(v, SymArray)
                                     else v) for v in values if isinstance(v, sp.Basic | SymArray)):
        unheld = ("the line takes an inverse, which may not exist at the sizes a counterexample "
                  "takes")
    dims = set(ctx.dims.values())
    on_sizes = tuple(h for h in given if isinstance(h, Equation | Condition)
                     and h.free_symbols and h.free_symbols <= dims)  # (n = m, n > 2)
    domain = tuple(r for r in (sp.Ge(w, 1) for w in wanted if w.free_symbols)  # (ℝ^{n−1}:
                   if r is not sp.true)  # where n ≥ 2)
    claim = Claim(lhs, rhs, on_sizes, wanted_verdict, note=note, unreadable=unreadable,
                  ambiguous=ambiguous, domain=domain, unheld=unheld, about="size")
    ident = Identity(size_id, f"{title}: the size written", source, claim,
                     text=f"{last.latex} {size.written}".strip(), line=line)
    return CatalogItem(ident.id, ident.title, source, Prebuilt(ident), ("document",),
                       cache_key=f"{cache_key}-size:{size.written}")


__all__ = ["Size", "alone", "item", "prose_condition", "size_id", "split", "statement",
           "undeclared", "unread_membership", "written_shape"]
