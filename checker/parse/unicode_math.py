"""Unicode mathematics as the LaTeX it stands for.

Derivations copied from web pages, PDFs and notebooks carry σ, ∂, ·, −, x², ŷ and s’(x) where
a LaTeX source would have ``\\sigma``, ``\\partial``, ``\\cdot``, ``-``, ``x^2``, ``\\hat{y}``
and ``s'(x)``. Each character below has exactly one reading in an expression, so the LaTeX
lexer reads it as that command; a character not listed stays an error that names it.
"""

from __future__ import annotations

import unicodedata

# one character → the LaTeX command (without the backslash) it is read as
COMMANDS: dict[str, str] = {
    **{c: name for c, name in zip(  # ε and φ are what \varepsilon and \varphi print
        "αβγδεζηθικλμνξπρστυφχψω",
        ("alpha beta gamma delta varepsilon zeta eta theta iota kappa lambda mu nu xi pi rho "
         "sigma tau upsilon varphi chi psi omega").split(), strict=True)},
    **{c: name for c, name in zip(
        "ΓΔΘΛΞΠΣΥΦΨΩ", "Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega".split(),
        strict=True)},
    "ϵ": "epsilon", "ϕ": "phi", "ϑ": "vartheta", "ϱ": "varrho", "ℓ": "ell",
    "∂": "partial", "∇": "nabla", "∑": "sum", "∏": "prod", "√": "sqrt", "∫": "int",
    "∞": "infty", "⊤": "top",
    "·": "cdot", "⋅": "cdot", "∙": "cdot", "×": "times", "⊙": "odot", "∘": "circ", "÷": "div",
    "≠": "neq", "≤": "le", "≥": "ge", "≈": "approx", "≡": "equiv", "∝": "propto", "∼": "sim",
    "→": "to", "⇒": "Rightarrow", "⇐": "Leftarrow", "⟹": "implies", "⇔": "iff", "⟺": "iff", "↦": "mapsto",
    "∈": "in", "∉": "notin", "∴": "therefore", "∵": "because", "≔": "coloneqq",
    "≜": "triangleq", "∀": "forall", "∃": "exists",
}

# characters read as an ASCII character: minus signs and primes as typeset or typed
CHARACTERS: dict[str, str] = {
    "−": "-", "–": "-", "’": "'", "′": "'", "ʹ": "'", "＝": "=", "（": "(", "）": ")",
}
DOUBLE_PRIME = "″"
# fractions typed as one character (½ as (1/2))
FRACTIONS: dict[str, tuple[str, str]] = {
    "½": ("1", "2"), "⅓": ("1", "3"), "⅔": ("2", "3"), "¼": ("1", "4"), "¾": ("3", "4"),
    "⅕": ("1", "5"), "⅙": ("1", "6"), "⅛": ("1", "8"),
}

SUPERSCRIPTS: dict[str, str] = dict(zip(
    "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾ⁿⁱʲᵏᵀᵗ", "0123456789+-()nijkTt", strict=True))
SUBSCRIPTS: dict[str, str] = dict(zip(
    "₀₁₂₃₄₅₆₇₈₉₊₋₍₎ᵢⱼₖₙₜₘₓ", "0123456789+-()ijkntmx", strict=True))

# combining marks over the letter before them (ŷ, x̂, x̄, x̃)
MARKS: dict[str, str] = {"\u0302": "hat", "\u0304": "bar", "\u0305": "bar", "\u0303": "tilde"}


def decomposed(c: str) -> tuple[str, str] | None:
    """A precomposed letter with a mark (ŷ) as its base letter and the mark's command."""
    parts = unicodedata.normalize("NFD", c)
    if len(parts) == 2 and parts[0].isascii() and parts[0].isalpha() and parts[1] in MARKS:
        return parts[0], MARKS[parts[1]]
    return None


def run_of(src: str, at: int, table: dict[str, str]) -> int:
    """The end of the run of characters of ``table`` (super- or subscripts) starting at ``at``."""
    end = at
    while end < len(src) and src[end] in table:
        end += 1
    return end


def as_latex(text: str) -> str:
    """A short Unicode name (a [context] latex key such as "ŷ" or "σ") as the LaTeX the
    reader finds for it ("\\hat{y}", "\\sigma"); other characters are kept."""
    out: list[str] = []
    for c in unicodedata.normalize("NFC", text):
        if c in MARKS and out and len(out[-1]) == 1 and out[-1].isalpha():  # x̄: x + a mark
            out[-1] = f"\\{MARKS[c]}{{{out[-1]}}}"
        elif c in COMMANDS:
            out.append("\\" + COMMANDS[c])
        elif (parts := decomposed(c)) is not None:
            out.append(f"\\{parts[1]}{{{parts[0]}}}")
        else:
            out.append(c)
    return "".join(out)
