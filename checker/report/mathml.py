"""Math as MathML, for the HTML report and notebooks.

Two things are rendered: a step's LaTeX as its author wrote it, and the SymPy expression
derivcheck read it as (and a counterexample's values). Both go through one converter,
`latex2mathml <https://pypi.org/project/latex2mathml/>`_ (pure Python, MIT, no dependencies):
the expression first through SymPy's LaTeX printer, which our vocabulary hooks (σ prints as
``\\sigma``, the Kronecker delta as δ_ij), where SymPy's MathML printer would write
"sigmoid(x)", "kroneckerdelta(i, j)" and U+2147 for e, a glyph most fonts lack.

latex2mathml passes ``\\text{…}`` through unescaped and turns ``\\href`` into an ``href``
attribute, and the LaTeX is the user's, so its output is never used as it is: it is parsed
as XML and rebuilt from an allowlist of MathML elements and attributes, every text escaped
(:func:`sanitize`). Markup that does not parse, or holds anything not on the list, is
refused, and the caller shows the source as code instead. Nothing here runs or evaluates
what it converts: LaTeX goes to a tokenizer, expressions to SymPy's printer.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from html.entities import html5

import sympy as sp

from checker.report.text import longer_than
from checker.shown import index_names

MATHML_NS = "http://www.w3.org/1998/Math/MathML"
MAX_LATEX = 5_000  # characters of LaTeX converted; a longer source is shown as code
MAX_MARKUP = 200_000  # characters of MathML kept
MAX_LEAVES = 200  # an expression with more leaves is shown as text, not drawn
ORDERED_LEAVES = 60  # up to this size terms are printed in SymPy's order (x² + 2x + 1);
# beyond it in the expression's own, which costs a third (the catalog's report: 3.5 s → 1.3 s)
MAX_ENTRIES = 36  # a matrix with more entries is summarised, not drawn

# MathML Core's elements (and menclose, which browsers draw as a row)
ELEMENTS = frozenset(
    "math semantics annotation mrow mi mn mo ms mtext mspace msub msup msubsup munder mover "
    "munderover mmultiscripts mprescripts none mfrac msqrt mroot mstyle mpadded mphantom "
    "merror mtable mtr mtd menclose".split())
# presentation attributes only: no href, no style, no event handlers, no colour
ATTRIBUTES = frozenset(
    "display displaystyle scriptlevel mathvariant stretchy fence separator form lspace rspace "
    "minsize maxsize largeop movablelimits symmetric accent accentunder linethickness "
    "columnalign rowalign columnspan rowspan width height depth voffset notation".split())
_XML_ENTITIES = {"lt", "gt", "amp", "quot", "apos"}
_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
# double-struck italic letters SymPy-style printers use, which common fonts lack
_PLAIN = str.maketrans({"\u2147": "e", "\u2146": "d", "\u2148": "i"})


class Refused(Exception):
    """The markup holds something the allowlist does not."""


def _named_entities(markup: str) -> str:
    """HTML's named character references (``&InvisibleTimes;``) as numeric ones, which XML
    reads; an unknown name is refused."""

    def one(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in _XML_ENTITIES:
            return m.group(0)
        chars = html5.get(name + ";")
        if chars is None:
            raise Refused(f"unknown entity &{name};")
        return "".join(f"&#x{ord(c):X};" for c in chars)

    return _ENTITY.sub(one, markup)


def _local(tag: str) -> str:
    if tag.startswith("{"):
        ns, _, name = tag[1:].partition("}")
        if ns != MATHML_NS:
            raise Refused(f"an element outside MathML: {tag}")
        return name
    return tag


def _text(value: str | None) -> str:
    return html.escape((value or "").translate(_PLAIN), quote=False)


def _element(node: ET.Element, out: list[str], top: bool = False) -> None:
    name = _local(node.tag)
    if name not in ELEMENTS or (name == "math") != top:
        raise Refused(f"element {name!r}")
    attrs = "".join(f' {k}="{html.escape(v, quote=True)}"' for k, v in sorted(node.attrib.items())
                    if k in ATTRIBUTES)
    if top:
        attrs = f' xmlns="{MATHML_NS}"' + attrs
    out.append(f"<{name}{attrs}>{_text(node.text)}")
    for child in node:
        if _local(child.tag) == "mfenced":  # not in MathML Core: a row with its fences
            _mfenced(child, out)
        else:
            _element(child, out)
        out.append(_text(child.tail))
    out.append(f"</{name}>")


def _mfenced(node: ET.Element, out: list[str]) -> None:
    open_, close = node.get("open", "("), node.get("close", ")")
    separators = [c for c in node.get("separators", ",") if not c.isspace()] or [""]
    out.append(f"<mrow><mo>{_text(open_)}</mo>")
    for k, child in enumerate(node):
        if k:
            sep = separators[min(k - 1, len(separators) - 1)]
            if sep:
                out.append(f"<mo>{_text(sep)}</mo>")
        _element(child, out)
    out.append(f"<mo>{_text(close)}</mo></mrow>")


def sanitize(markup: str) -> str | None:
    """The MathML rebuilt from the allowlist, or None if it holds anything else (or is not
    well-formed, or is too long)."""
    if len(markup) > MAX_MARKUP or "<!" in markup or "<?" in markup:
        return None
    try:
        root = ET.fromstring(_named_entities(markup))
        if root.tail and root.tail.strip():
            return None
        out: list[str] = []
        _element(root, out, top=True)
    except (Refused, ET.ParseError, ValueError, RecursionError):
        return None
    return "".join(out)


def latex(source: str, block: bool = False) -> str | None:
    """The LaTeX ``source`` as safe MathML, or None where it cannot be converted (the
    caller shows the source as code)."""
    source = source.strip()
    if not source or len(source) > MAX_LATEX:
        return None
    try:
        from latex2mathml.converter import convert

        markup = convert(source, display="block" if block else "inline")
    except Exception:  # the converter's errors are many and undocumented; the source is shown
        return None
    return sanitize(markup)


def _named(e: object) -> object:
    """``e`` with the indices its sums bind named as the text reports name them (k, k′ …:
    checker.shown), so that the drawing says what the line says."""
    if isinstance(e, sp.MatrixBase):
        e = sp.ImmutableMatrix(e)
    if not isinstance(e, sp.Basic) or not e.has(sp.Dummy):
        return e
    return e.xreplace({d: sp.Symbol(name, **d.assumptions0)
                       for d, name in index_names(e).items()})


def expression(e: object, block: bool = False) -> str | None:
    """A SymPy value as safe MathML (through SymPy's LaTeX printer), or None where it is too
    large to draw or cannot be printed."""
    if isinstance(e, sp.MatrixBase) and len(e) > MAX_ENTRIES:
        return None
    if longer_than(e, MAX_LEAVES):
        return None
    try:
        e = _named(e)  # (two sums' k drawn alike would read as the diagonal)
        source = sp.latex(e) if not longer_than(e, ORDERED_LEAVES) else sp.latex(e, order="none")
    except Exception:  # printing must never break a report
        return None
    return latex(source, block)
