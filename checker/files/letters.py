"""The letters of a page's math as the inference of sizes and vectors sees them
(:mod:`checker.files.implicit`, :mod:`checker.files.samples`): a Latin or Greek letter, or one
under a hat or a bar (the reader's yhat), its subscript, and where a row of a display starts."""

from __future__ import annotations

import re

from checker.parse.latex_lexer import DECORATIONS

# the letters that may be inferred: Latin letters but Euler's e (and d, a differential's), and
# Greek letters that are neither Kronecker's δ, the sigmoid σ, π nor a reserved name
_GREEK = ("alpha|beta|gamma|epsilon|varepsilon|zeta|eta|theta|vartheta|kappa|lambda|mu|nu|xi|"
          "rho|tau|phi|varphi|chi|psi|omega")
_LETTER = (r"(?:\\(?P<deco>hat|widehat|bar|overline|tilde|widetilde)\s*(?:\{\s*(?P<dl>[A-Za-z])\s*\}"
           r"|\s+(?P<dl2>[A-Za-z])(?![A-Za-z]))"  # \hat{y}: the reader's yhat
           rf"|(?<![A-Za-z\\])(?P<latin>[A-Za-z])(?![A-Za-z])|\\(?P<greek>{_GREEK})(?![A-Za-z]))")
LETTER_RE = re.compile(_LETTER)


def letter_name(m: re.Match) -> str:
    """The reader's name of a letter matched by LETTER_RE (y, alpha, yhat)."""
    if m.group("deco"):
        return (m.group("dl") or m.group("dl2")) + DECORATIONS[m.group("deco")]
    return m.group("latin") or m.group("greek")


# inline math that only names a letter ("where $y$ is one-hot"): a mention, not a use
MENTION = re.compile(r"\s*(?:\\(?:mathbf|boldsymbol|bm|vec)\s*\{\s*)?(?:[A-Za-z]|\\[A-Za-z]+)"
                     r"\s*\}?\s*")
SUBSCRIPT = re.compile(r"_\s*(\{[^{}]*\}|[A-Za-z0-9])")
_SUBSCRIPT_AT = re.compile(r"(?:\s*\^\s*(?:\{[^{}]*\}|[A-Za-z0-9]))?"  # (x^2_i is x_i²)
                           r"\s*_\s*(?:\{([^{}]*)\}|([A-Za-z0-9]))")
_ROW = re.compile(r"\\\\|&|\\begin\{[A-Za-z*]+\}|\\end\{[A-Za-z*]+\}")


def shown_letter(name: str) -> str:
    """How an error writes a letter: \\hat{y} for yhat, \\lambda for lambda."""
    for suffix in ("hat", "bar", "tilde"):
        if len(name) == len(suffix) + 1 and name.endswith(suffix):
            return f"\\{suffix}{{{name[0]}}}"
    return f"\\{name}" if len(name) > 1 and not name.isdigit() else name


def bold_names(latex: str) -> set[str]:
    """The letters written in bold (\\mathbf{x}: the vector x)."""
    return set(re.findall(r"\\(?:mathbf|boldsymbol|bm|vec)\s*\{\s*([A-Za-z])\s*\}", latex))


def names_in(latex: str) -> set[str]:
    """The letters ``latex`` writes, by the reader's names."""
    return {letter_name(m) for m in LETTER_RE.finditer(latex)}


def subscript(text: str, at: int) -> tuple[str, int] | None:
    """The subscript written right after ``at`` (and where it ends), or None."""
    m = _SUBSCRIPT_AT.match(text, at)
    if m is None:
        return None
    return (m.group(1) if m.group(1) is not None else m.group(2)), m.end()


def starts_a_row(latex: str, at: int) -> bool:
    """Whether only layout stands before ``at`` in its row of the display."""
    before = latex[:at]
    last = max((m.end() for m in _ROW.finditer(before)), default=0)
    return not re.sub(r"\\[,;:! ]|\\q?quad|\s|\\displaystyle", "", before[last:])


def reader_names(latex: str) -> set[str]:
    """The names ``latex`` writes as the reader names them: each letter (yhat for \\hat{y}) and,
    with a one-part subscript, the subscripted name too (w_1)."""
    out = set()
    for m in LETTER_RE.finditer(latex):
        name = letter_name(m)
        out.add(name)
        script = subscript(latex, m.end())
        if script is not None and re.fullmatch(r"\s*\{?\s*[A-Za-z0-9]+\s*\}?\s*", script[0]):
            out.add(f"{name}_{script[0].strip(' {}')}")
    return out


def reader_name(written: str) -> str:
    """The reader's name of a name written alone (x, \\lambda → lambda, \\hat{y} → yhat, u_1,
    u_{1}), or "" for anything else."""
    text = written.strip()
    m = LETTER_RE.match(text)
    if m is not None:
        rest = text[m.end():]
        if not rest.strip():
            return letter_name(m)
        script = re.fullmatch(r"\s*_\s*\{?\s*([A-Za-z0-9]+)\s*\}?\s*", rest)
        if script is not None:
            return f"{letter_name(m)}_{script.group(1)}"
    m = re.fullmatch(r"\\?([A-Za-z]+)_\{?([A-Za-z0-9])\}?", text)
    return f"{m.group(1)}_{m.group(2)}" if m is not None else ""
