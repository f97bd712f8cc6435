"""A size written after a chain: ``\\frac{\\partial L}{\\partial W} = X^T G \\in \\mathbb{R}^{d
\\times h}``. Matrix notes say what shape a result has, and a transposed shape is a mistake
students make; so the size is a claim of its own, checked: the shape of the line's value, as
read, against the one written (each size a polynomial in the declared sizes). Equal for every
size: proved; different for some sizes: refuted at sizes where they differ (the engine
decides, as any claim). The chain itself is checked without the size.

A line read as a number where the page says ℝ^{…} is an error (its letters are vectors or
matrices the declarations do not say), never refuted; a size of a letter that is not a declared
size is an error too. ℝ^n of a row or a column compares the length only (ℝ^n is written of both).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy as sp

from checker.files.common import Bad, Prebuilt
from checker.files.memberships import REALS
from checker.model import CatalogItem, Claim, Condition, Equation, Identity, Step
from checker.parse.arrays import SymArray, same_size
from checker.parse.context import Context
from checker.parse.evaluate import Evaluator, is_matrix, shape_text
from checker.parse.tree import ParseError, Pos

# "\in \mathbb{R}^{d \times h}" (or ∈ ℝ^{…}, ℝⁿ) at the end of a display, maybe with a full stop
_SIZE_END = re.compile(
    rf"(?:\\in(?![A-Za-z])|∈)\s*{REALS}\s*(?:\^\s*(?P<shape>\{{(?:[^{{}}$]|\{{[^{{}}$]*\}})*\}}"
    r"|[A-Za-z0-9])|(?P<uni>[ⁿᵈᵐᵏ⁰¹²³⁴⁵⁶⁷⁸⁹]+))?"
    r"(?P<rest>\s*[.,;]?\s*(?:\\\\\s*)?(?:\\end\s*\{[A-Za-z*]+\}\s*)*)$")
_UNI = str.maketrans("ⁿᵈᵐᵏ⁰¹²³⁴⁵⁶⁷⁸⁹", "ndmk0123456789")
# what makes the \in a remark's, not the line's: \forall x \in ℝ, "\quad x \in ℝ", "for x \in"
_REMARK = re.compile(r"\\q?quad(?![A-Za-z])|\\forall|\\text|\\mathrm\s*\{\s*for|,|\\;|\\:")
_TIMES = re.compile(r"\\times(?![A-Za-z])|×")


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
    ``\\in`` inside braces, in a remark, or with nothing before it on its row is not one)."""
    m = _SIZE_END.search(latex)
    if m is None or _depth(latex, m.start()) != 0:
        return latex, None
    row = re.split(r"(?<!\\)\\\\|(?<![<>!:\\])=|&", latex[:m.start()])[-1]
    if not row.strip() or "=" not in latex[:m.start()] or _REMARK.search(_outside(row)):
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
    return latex[:m.start()].rstrip() + m.group("rest"), Size(written, parts, m.start())


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
        if v.is_integer is False or v.is_positive is False:
            raise Bad(f"{size.written}: the size {part} is not a whole number of at least 1", pos=pos)
        out.append(v)
    return tuple(out)


def _undeclared(values: list, ctx: Context) -> bool:
    """Whether a value read as a number uses a letter nothing declares (read as a number by
    default, where the page may mean a vector)."""
    declared = {s.name for s in (*ctx.symbols.values(), *ctx.dims.values())}
    return any(isinstance(s, sp.Symbol) and not isinstance(s, sp.Dummy) and s.name not in declared
               for v in values if isinstance(v, sp.Basic) for s in v.free_symbols)


def _shape(v: object) -> tuple[sp.Expr, sp.Expr]:
    if isinstance(v, SymArray):
        return v.rows, v.cols
    if is_matrix(v):
        return sp.Integer(v.shape[0]), sp.Integer(v.shape[1])  # type: ignore[union-attr]
    return sp.Integer(1), sp.Integer(1)


def _compared(shape: tuple[sp.Expr, sp.Expr], written: tuple[sp.Expr, ...]
              ) -> tuple[tuple[sp.Expr, ...], tuple[sp.Expr, ...]]:
    """The sizes to compare: both for ℝ^{m×n} (none for ℝ: 1 × 1), the length of a row or a
    column for ℝⁿ (a matrix: as a column)."""
    if len(written) == 2:
        return shape, written
    if not written:
        return shape, (sp.Integer(1), sp.Integer(1))
    rows, cols = shape
    if same_size(rows, 1) and not same_size(cols, 1):
        return (cols,), written
    if same_size(cols, 1):
        return (rows,), written
    return shape, (written[0], sp.Integer(1))


def item(size: Size, last: Step, ctx: Context, given: tuple, chain_id: str, title: str,
         source: str, cache_key: str, line: int | None, pos: Pos | None = None,
         layout: str = "") -> CatalogItem:
    """The claim that the chain's last line has the size written after it (``layout``: how
    the chain's derivatives by arrays are laid out, which decides their shapes)."""
    wanted = written_shape(size, ctx, pos)
    values = [last.expr, *(r.expr for r in last.readings)]
    why = last.unreadable or last.mismatch or last.undecided or last.ambiguous
    lhs = rhs = sp.Integer(0)
    unreadable = ambiguous = note = ""
    if why:
        unreadable = f"the size is not compared: {why}"
    elif not any(isinstance(v, SymArray) or is_matrix(v) for v in values) and wanted and not (
            all(same_size(w, 1) for w in wanted)) and _undeclared(values, ctx):
        raise Bad(f"{size.written}: the page says the line is a vector or a matrix, but it reads "
                  "as a number (its letters are numbers where nothing declares them): declare "
                  "the vectors and matrices it uses (vectors = { … }, matrices = { … })",
                  pos=pos)
    else:
        pairs = {_compared(_shape(v), wanted) for v in values}
        if len(pairs) > 1:
            ambiguous = ("the line reads more than one way, with different shapes: which is "
                         "meant decides the size")
        a, b = next(iter(pairs))
        lhs, rhs = sp.ImmutableMatrix([list(a)]), sp.ImmutableMatrix([list(b)])
        layout = layout or getattr(last.expr, "layout", "") or last.layout
        note = f"the line reads as a {shape_text(last.expr)}" + (
            f" ({layout})" if layout else "") + ", and the size written is " + (
            " × ".join(sp.sstr(w) for w in wanted) if wanted else "1 (a number)")
    dims = set(ctx.dims.values())
    on_sizes = tuple(h for h in given if isinstance(h, Equation | Condition)
                     and h.free_symbols and h.free_symbols <= dims)  # (n = m, n > 2)
    claim = Claim(lhs, rhs, on_sizes, note=note, unreadable=unreadable, ambiguous=ambiguous)
    ident = Identity(f"{chain_id}-size", f"{title}: the size written after it", source, claim,
                     text=f"{last.latex} {size.written}".strip(), line=line)
    return CatalogItem(ident.id, ident.title, source, Prebuilt(ident), ("document",),
                       cache_key=f"{cache_key}-size:{size.written}")


__all__ = ["Size", "item", "split", "written_shape"]
