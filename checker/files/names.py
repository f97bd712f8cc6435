"""What the names of a document mean: the rules that decide whether a line defines a word,
which letters and functions a line may use, and the conditions and declarations a document
cannot state in its plain-syntax declarations (see the README, *Documents*). Each rule turns a
reading that could be wrong into a definition or an error, never into a verdict."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from fractions import Fraction

from checker.files.common import Bad
from checker.model import INDEX_CASE, STATED_RESULT
from checker.parse.context import (
    RESERVED,
    SCALAR_FUNCTIONS,
    STRUCTURAL_FUNCTIONS,
    Context,
    unread_here,
)
from checker.parse.latex import LETTERS
from checker.parse.latex_lexer import DECORATIONS, GREEK
from checker.parse.tree import (
    VARIANCES,
    Apply,
    Call,
    Choice,
    Compare,
    Index,
    Name,
    Node,
    ParseError,
    Pos,
    Prime,
    binder,
    children,
    variance_key,
    walk,
)

# a sign word before a plural noun is the noun's ("the $K$ negative samples"), no sign of K
_NOT_A_NOUN = r"(?!\s+(?:[a-z]+-)?[a-z]+s\b)"
_SIGN = (r"(?:strictly\s+)?(?:non-?\s?negative|non-?\s?positive|non-?\s?zero|positive|negative)"
         r"(?![\s-]*(?:semi-?\s?)?definite)")  # (X^T X is positive semi-definite: a matrix's)
_GREEK_NAMES = "|".join(sorted(GREEK, key=len, reverse=True))  # (varepsilon before epsilon)
_CONDITION = re.compile(r"(?<![A-Za-z\\])([A-Za-z])(?:\$|\\\))?\s*(?:<|>|≤|≥|≠)"
                        r"(?:\s*(?:-?\d+(?:\.\d+)?|[A-Za-z])(?![\w.]))?"
                        r"|(?:<|>|≤|≥)\s*([A-Za-z])(?![A-Za-z])"
                        rf"|(?<![A-Za-z\\])([A-Za-z])\$?\s+(?:is|being)\s+(?:not\s+)?(?:always\s+|assumed\s+|"
                        rf"taken\s+(?:to\s+be\s+)?)?{_SIGN}"
                        rf"|\b{_SIGN}\s+(?:\$|\\\()\s*([A-Za-z])\s*(?:\$|\\\))"
                        rf"|\b{_SIGN}\s+([A-Za-z])(?![A-Za-z])"
                        rf"|(?<![A-Za-z\\])([A-Za-z])\s*(?:\$|\\\))\s+{_SIGN}\b{_NOT_A_NOUN}"
                        rf"|(?<![A-Za-z\\])([B-HJ-Zb-z])\s+{_SIGN}\b"  # (not "a", "I")
                        # a sign turned round ("$x$ be anything but positive", "other than",
                        # "far from", "no longer"): a condition on x all the same, not read
                        rf"|(?<![A-Za-z\\])([A-Za-z])\$?\s+(?:is|be|being)\s+(?:anything|something|"
                        rf"other|far|no\s+longer|nothing|all)\b(?:\s+\w+){{0,2}}?\s+{_SIGN}"
                        # a sign with words before it ("$\epsilon$ be a small positive number",
                        # "$x$ is a very small positive"): a condition on the letter, not read
                        rf"|(?:(?<![A-Za-z\\])([A-Za-z])|(\\(?:{_GREEK_NAMES})))\s*\$?\s+(?:is|be|being)\s+"
                        rf"(?:an?\s+|the\s+)?(?:(?!(?:an?|the|strictly|always|assumed|taken|to|"
                        rf"be|both|all|not|non)\b)[A-Za-z]+\s+(?:and\s+|but\s+)?){{1,3}}?{_SIGN}")
# a sign in words, as a display writes it: "nonnegative" is \geq 0
_SIGN_AS = (("non-?\\s?negative", "\\geq 0"), ("non-?\\s?positive", "\\leq 0"),
            ("non-?\\s?zero", "\\neq 0"), ("positive", "> 0"), ("negative", "< 0"))
# a kind of quantity that has a sign or a range, said after the letter ("$x$ is a variance")
_KIND = (r"probability|variance|standard\s+deviation|distance|length|norm|count|magnitude|"
         r"(?:(?:number|point)\s+)?in\s+the\s+unit\s+interval|(?:positive\s+|nonnegative\s+)?"
         r"integer|natural\s+number|whole\s+number")
_KIND_AS = (("probability", "\\geq 0 and \\leq 1"), ("variance", "\\geq 0"),
            ("standard\\s+deviation", "\\geq 0"), ("distance", "\\geq 0"), ("length", "\\geq 0"),
            ("norm", "\\geq 0"), ("count", "\\geq 0"), ("magnitude", "\\geq 0"),
            ("unit\\s+interval", "\\geq 0 and \\leq 1"), ("integer", "integer"),
            ("natural\\s+number", "integer"), ("whole\\s+number", "integer"))
# a bound said in words ("$x$ is at least $1$", "exceeds $0$", "is greater than zero")
_COMPARED = (r"(?:strictly\s+)?(?:greater|larger|bigger|more|less|smaller|lower|higher)\s+than|"
             r"at\s+(?:least|most)|exceeds|no\s+(?:more|less)\s+than|bounded\s+(?:above|below)|"
             r"lies\s+in|lies\s+between|below\s+(?:zero|0)\b|above\s+(?:zero|0)\b|of\s+(?:positive|"
             r"negative)\s+sign")
_MATH = re.compile(r"\$([^$]+)\$|\\\((.+?)\\\)")
_RELATION = re.compile(r"[<>≤≥≠∈≦≧≨≩≲≳≮≯≰≱⩾⩽≫≪⋙⋘⪆⪅≈≃≅∝≶≷]|\\(?:n?[lg]eq?(?:q|slant)?|[lg]neqq?|"
                       r"neq?|in|notin|[lg]t|n?less|n?gtr|gg|ll|ggg|lll|to|gtrsim|lesssim|"
                       r"eqslant(?:gtr|less)|succ\w*|prec\w*|gtrapprox|lessapprox|approx|propto|"
                       r"asymp|cong|simeq|lessgtr|gtrless)"
                       r"(?![A-Za-z])")  # (x\geq0 too; AMS ≧, ≱, ≳, ≫, ≈: a condition, read or not)
# a type, which the declarations say: x ∈ ℝⁿ, n \in \mathbb{N}, W \in \mathbb{R}^{m \times n}
_A_TYPE = re.compile(r"(?:\\in|∈)\s*(?:\\mathbb\s*\{\s*[RNZQC]\s*\}|\\mathbb\s+[RNZQC]|"
                     r"\\mathbf\s*\{\s*R\s*\}|\\(?:R|N|Z|Q|C|Reals)(?![A-Za-z])|[ℝℕℤℚℂ])(?!_)"
                     r"(?!\s*\^\s*\{?\s*(?:[+*]|\\ast\b|\\star\b))"
                     r"(?:\^(?!\s*\{?\s*[+*]|\s*\{?\s*\\(?:ast|star)\b)(?:\{[^{}]*\}|\S))?"
                     r"(?:[ⁿ⁰¹²³⁴⁵⁶⁷⁸⁹]*)(?![⁺₊])"  # (not ℝ⁺, \mathbb{R}^+: a sign)
                     r"(?!\s*(?:\\setminus|\\backslash|\\smallsetminus|-|∖|\\cap|\\cup))")
# (nor ℝ ∖ {0}, ℝ − (0, 1): a set less some values is a condition, not a type)
_NAMES = re.compile(r"\\[A-Za-z]+|(?<![A-Za-z\\])[A-Za-z](?![A-Za-z])")



# "Assume $A = A^T$", "If $W^\top W = I$": an equation the prose puts on a letter, after a cue
_ASSUMED = re.compile(r"\b(?:assume|assuming|suppose|supposing|if|when|whenever|given|provided|"
                      r"since|as)\b[^.$]*$", re.I)
# a case's cue (not "since", "as", "given": a fact or a definition): "If $|x| = x$:"
_SUPPOSED = re.compile(r"\b(?:assume|assuming|suppose|supposing|if|when|whenever|provided)"
                       r"(?:\s+that)?\s*$", re.I)  # (right before the math: not "if we define")
_EQUATION_OF = re.compile(r"\s*([A-Za-z])\s*(?:\^\s*\{?\s*(?:T|\\top|\\intercal)\s*\}?\s*)?"
                          r"=(?!=)\s*\S.*")
# a matrix's property in words: "$A$ is symmetric", "for symmetric $A$"
_PROPERTY = (r"(?:skew-?\s?symmetric|symmetric|orthogonal(?!\s+(?:to|with)\b)|invertible|non-?\s?singular|"
             r"positive[\s-]+(?:semi-?\s?)?definite|PSD|SPD|orthonormal|idempotent|diagonal|"
             r"self-?\s?adjoint|hermitian|"
             r"(?:a\s+)?(?:covariance|gram|kernel)\s+matrix|its\s+own\s+transpose|"
             r"equal\s+to\s+its\s+transpose)")
_PROPERTY_WORD = re.compile(_PROPERTY + "|its\\s+transpose", re.I)
_PROPERTY_OF = re.compile(rf"(?:(?:\A|\$|\\\()\s*([A-Za-z])\s*(?:\$|\\\))|(?<![A-Za-z\\$^{{])([A-Za-z]))"
                          rf"\s+\(?(?:which\s+is\s+|is\s+|be\s+|to\s+be\s+|equals\s+|"
                          rf"is\s+equal\s+to\s+)?(?:a\s+|an\s+)?(?:{_PROPERTY}|its\s+transpose)"
                          rf"|\b(?:the|this|that|a)\s+matrix\s+(?:\$\s*([A-Za-z])\s*\$\s+)?(?:is\s+)?"
                          rf"{_PROPERTY}|\b{_PROPERTY}\s+matri(?:x|ces)\b(?!\s*\$)"
                          rf"|\b{_PROPERTY}\s+(?:matrix\s+)?(?:\$|\\\()\s*([A-Za-z])\s*(?:\$|\\\))",
                          re.I)
# a symmetry written as an equation: A = A^T, A^\top = A, A_{ij} = A_{ji}
_T = r"\^\s*\{?\s*(?:T|\\top|\\intercal)\s*\}?"
_SYMMETRY = re.compile(rf"(?:\$|\\\()\s*([A-Z])\s*(?:{_T})?\s*=\s*\1\s*(?:{_T})?\s*(?:\$|\\\))"
                       r"|(?:\$|\\\()\s*([A-Z])_\{?\s*([a-z])\s*,?\s*([a-z])\s*\}?\s*=\s*\2_\{?\s*\4"
                       r"\s*,?\s*\3\s*\}?\s*(?:\$|\\\))")
# x = 0, x = a, \lambda = 0.1, x = \frac{1}{2}, t = \pi: a value (or a case) for one letter
class UnreadCondition(Bad):
    """A condition the prose states beside a display, not read as its hypothesis: a display
    right after it, with no prose between, may be under it too (see document_conditions._not_in_a_case).
    ``soft``: a bound or a sign on a letter (no equation, no index case), which the display is
    checked without, its refutation then unknown (checker.files.document_build)."""

    soft = False
    how = ""
    written = ""


_VALUE = re.compile(r"\s*([A-Za-z]|\\[A-Za-z]+)\s*=\s*(-?(?:\d+(?:\.\d+)?|[A-Za-z]|\\pi|"
                    r"\\[dt]?frac\{-?\d+\}\{\d+\}|\d+\s*/\s*\d+))\s*")
_CUE_BEFORE = re.compile(r"\b(?:when|if|for|at|where|whenever)\s*$", re.I)


def _matrix_property(where: str, said: str, of: str) -> UnreadCondition:
    """The refusal of a property of a whole matrix the prose states (A = Aᵀ, "A is symmetric"):
    no hypothesis can say it of every entry."""
    return UnreadCondition(
        f"the prose {where} this display says {' '.join(said.split())}, a property of {of} "
        "that is not read as a hypothesis: for a symmetric matrix of explicit size, declare "
        "it (given = [\"A == T(A)\"]: one equation per entry); otherwise write the display for "
        "a matrix that has it by construction (S = A + A^T), or reword it if the display does "
        "not need it", pos=Pos(1, 1))


# "holding $h_1$ fixed", "treating $b$ as a constant", "with $z$ held constant", "$h$ fixed",
# "for fixed $u$", "where we held $u$ fixed", "holding everything else fixed"
_M = r"(?:\$|\\\()[^$]{1,40}?(?:\$|\\\))"
_HELD = re.compile(
    r"\b(?:(?:holding|keeping|hold|keep|freezing|freeze|fixing|fix|treating|treat|regarding|"
    rf"regard|considering|consider)\s+|with\s+)(?:the\s+\w+\s+)?(?P<a>{_M})"
    rf"(?:\s*(?:,|and)\s*{_M})*\s+(?:(?:held|kept|is|are|as)\s+)?"
    r"(?:a\s+|an\s+)?(?:fixed|constants?|frozen|independent)\b"
    rf"|(?P<b>{_M})\s+(?:held|kept)\s+(?:fixed|constant)\b"
    rf"|\b(?:for|at)\s+(?:a\s+|each\s+)?(?:fixed|constant)\s+(?P<c>{_M})"
    rf"|\bnot\s+through\s+(?P<e>{_M})|\b(?P<expl>only\s+the\s+explicit)\b"
    rf"|\b(?:held|kept|holding|keeping)\s+(?P<d>{_M})\s+(?:fixed|constant)\b"
    r"|\b(?P<all>everything|all)\s+else\s+(?:held\s+|kept\s+|being\s+)?(?:fixed|constant)\b"
    r"|\b(?:holding|keeping|with)\s+(?:the\s+)?(?P<others>other|remaining)\s+(?:variables?|inputs?|"
    r"arguments?|parameters?)\s+(?:held\s+|kept\s+)?(?:fixed|constant)\b", re.I)
_DIFFERENTIATES = re.compile(r"\\partial|\\nabla|\\frac\s*\{\s*d|\\mathrm\s*\{\s*d\s*\}|'|\\prime")


def without_differentials(latex: str) -> str:
    """The display with the d of its derivatives taken away (\\frac{dL}{dw} → \\frac{L}{w},
    d/dx, \\mathrm{d}x): a condition on a letter d (a dimension) is not about them."""
    latex = re.sub(r"(\\[dt]?frac\s*)\{\s*(?:\\mathrm\{d\}|d)\s*([^{}]*)\}\s*"
                   r"\{\s*(?:\\mathrm\{d\}|d)\s*([^{}]*)\}", r"\1{\2}{\3}", latex)
    latex = re.sub(r"(?<![A-Za-z\\])d(\s*[A-Za-z]?)\s*/\s*d(?=\s*[A-Za-z\\])", r"\1/", latex)
    return re.sub(r"\\mathrm\s*\{\s*d\s*\}", " ", latex)


def no_unread_condition(paragraph: str, latex: str, where: str = "right before",
                        implied: Callable[[str, str], bool] = lambda name, shown: False,
                        index_cases: bool = False, sizes: frozenset[str] = frozenset()) -> None:
    """``If $x > 0$:``, ``Let $\\theta > 0$.``, ``Assume x > 0. Then``, ``$x$ is positive``,
    ``At $x = 0$ the sigmoid is``: a condition or value the prose beside a display puts on one
    of its letters, which is not read as its hypothesis, would leave it checked without it
    (and refuted where the condition fails). Refused, with what to write, unless the
    declarations already say it (``implied``: λ > 0 with λ declared positive). A condition on
    a letter the display sums over (k ≠ i for \\sum_k) is the sum's, not one of the display's.
    ``index_cases``: no case was read from this prose (checker.files.prose ``prose_case``), so
    one of the display's indices (If $i = j$, the result is known. For the rest:) is not read
    either. ``sizes``: the declared sizes, which every display depends on (through its arrays)
    whether it writes them or not."""
    differentiates = _DIFFERENTIATES.search(latex) is not None
    latex = without_differentials(latex)  # (the d of d/dw is no letter d)
    used = set(_NAMES.findall(latex)) - {"\\frac", "\\left", "\\right", "\\cdot"}
    used |= _multiplied(latex) | sizes  # (a size is every array's, written or not)
    held = _HELD.search(paragraph)
    named = [" ".join((m.group(1) or m.group(2)).split()) for m in _MATH.finditer(held.group(0))] \
        if held is not None else []
    if held is not None and (held.group("all") or held.group("others")
                             or held.group("expl")):  # "everything else
        # fixed", "the other variable constant": every letter here
        named = [n for n in set(_NAMES.findall(latex)) if re.fullmatch(r"[A-Za-z]", n)]
    if held is not None and differentiates and not all(
            implied(name, "independent") for name in named):  # (a letter nothing defines is
        # held anyway)
        raise UnreadCondition(
            f"the prose {where} this display says {' '.join(held.group(0).split())}, which is "
            "not read: a derivative here goes through what the page defines (a name defined in "
            "terms of the variable is differentiated too); to hold it fixed, write a letter of "
            "its own in its place (declared under symbols), or reword the prose if the display "
            "does not need it", pos=Pos(1, 1))
    found: list[tuple[str, str]] = []
    doubtful: set[str] = set()
    results: set[str] = set()  # formulas the prose states as results ("Hence $…$")
    spans = list(_MATH.finditer(paragraph))
    scripts = script_letters(latex)
    for m in spans:
        span = m.group(1) or m.group(2)
        if _iverson(m, paragraph):
            continue  # "the step $[z > 0]$": an Iverson bracket, a value, no condition
        if re.search(r"\\\{.*?(?::|\\mid\b)", span):
            member = re.match(r"\s*(\\?[A-Za-z]+)\s*(?:\\in(?![A-Za-z])|∈)\s*\\\{", span)
            if member is not None:  # (x ∈ {t ∈ ℝ : t > 0}: a condition on x, not read; it
                found.append((member.group(1), span))  # was dropped, and |x| = x refuted
            continue  # at x = −1) {x ∈ ℝⁿ : ‖x‖ ≤ 1}: a set, whose x is its own
        if _ASSUMED.search(paragraph[max(0, m.start() - 40):m.start()]) \
                and (eq := _EQUATION_OF.fullmatch(span)) is not None \
                and _VALUE.fullmatch(span) is None:  # "Assume $A = A^T$. Then": unread
            found.append((eq.group(1), span))
            continue
        if _SUPPOSED.search(paragraph[max(0, m.start() - 40):m.start()]) \
                and re.search(r"(?<![<>!=\\])=(?!=)", span) and _VALUE.fullmatch(span) is None \
                and not _RELATION.search(_A_TYPE.sub(" ", span)):  # "If $|x| = x$:": an
            found += [(name, span) for name in _NAMES.findall(span)]  # equation as a case
            continue
        if re.search(r":[^=<>]*\\to(?![A-Za-z])", span):  # "\tanh: \mathbb{R} \to (-1, 1)": a
            continue                                        # map's type, no condition
        if _consequence(paragraph, m.start()):  # "So the minimum over $q$ is at $q = p$.":
            if "after" in where:  # what the display before gives, not the value it holds at
                continue
            if re.search(r"[.!?]\s+\S", paragraph[m.end():]):  # (and before the next one, a
                doubtful.add(span)  # sentence of its own: the display's case? in doubt)
        if _RESULT_BEFORE.search(paragraph[max(0, m.start() - 40):m.start()]):
            results.add(span)  # "Hence $\frac{a+b}{2} \ge \sqrt{ab}$.": a result stated, which
            # the display may rely on (a refutation without it is in doubt; a proof is not)
        if _RELATION.search(_A_TYPE.sub(" ", span)):  # "n \in \mathbb{N}" says its type
            found += [(name, span) for name in _NAMES.findall(span) if not _RELATION.fullmatch(name)]
            found += [(c, span) for c in _multiplied(span)]  # wx > 0
        elif (value := _VALUE.fullmatch(span)) is not None \
                and _unread_value(value.group(1), m, spans, paragraph, scripts - (
                    {value.group(1)} if index_cases and value.group(2) in scripts else set()),
                                  where):  # (i = j of two of its indices, where no case is read)
            found.append((value.group(1), span))
            if value.group(1) in scripts:  # (a case of the indices the prose does not make
                doubtful.add(span)         # the display's: only a refutation is in doubt)
    stated = _stated(latex)
    scan = _MATH.sub(lambda m: " " if re.sub(r"\s+", "", m.group(1) or m.group(2)) in stated
                     or _iverson(m, paragraph) or _RELATION.search(m.group(1) or m.group(2))
                     else m.group(0),
                     paragraph)  # (what the display states, Iverson brackets, and a relation
    # in math, read above as a whole: 0 < p < 1 is not also "< p")
    for m in _CONDITION.finditer(scan):
        found += [(next(g for g in m.groups() if g), m.group(0))]
    for m in _SYMMETRY.finditer(paragraph):  # "With $A^T = A$:", "Note $A_{ij} = A_{ji}$."
        if (m.group(1) or m.group(2)) in used and not implied(m.group(1) or m.group(2),
                                                              "symmetric"):
            raise _matrix_property(where, m.group(0), f"the matrix {m.group(1) or m.group(2)}")
    for m in _PROPERTY_OF.finditer(paragraph):
        said = paragraph[max(0, m.start() - 60):m.start()]
        if re.search(r"\b(?:not|never|no\s+longer|without|need\s+not)\b"
                     r"(?:(?!\b(?:for|when|if|whenever|where|given)\b)[^.])*$", said, re.I):
            continue  # "We do not assume $A$ is symmetric.": no hypothesis (but "without
            # the transpose for symmetric $A$:" states one: the negation is not its)
        if re.fullmatch(r"(?i:invertible|non-?\s?singular)", _PROPERTY_WORD.search(m.group(0))[0]) \
                and re.search(r"\^\s*\{?\s*-", latex):  # "where XᵀX is invertible" beside its
            continue  # inverse: the display holds only where it exists (det ≠ 0), as it says
        name = next((g for g in m.groups() if g), None)
        if name == "a" and not re.search(r"\b(?:is|be|equals)\b", m.group(0)):
            name = None  # ("Σ is a covariance matrix": the article)
        symmetric = re.search(r"symmetric|transpose", m.group(0), re.I) is not None
        matrices = [n for n in used if implied(n, "a matrix")]
        if name is None and symmetric and matrices and all(implied(n, "symmetric")
                                                           for n in matrices):
            continue  # "Σ is symmetric" where every matrix here is declared symmetric
        if name is None and re.search(r"(?<![A-Za-z\\])[A-Z](?![A-Za-z])", latex):
            name = "the matrix"  # "Since the matrix is symmetric," beside a display with one
        if (name in used or name == "the matrix") and not (
                symmetric and name is not None and implied(name, "symmetric")):
            raise _matrix_property(where, m.group(0), name)
    summed = set(re.findall(r"\\sum_\{?\s*([A-Za-z])", latex))  # \sum_k: k is bound there
    for name, shown in found:
        if re.sub(r"\s+", "", shown.strip().strip("$")) in stated:
            continue  # the display says it itself, where it is read as its hypothesis
        if name in used and name not in summed and not implied(name, shown):
            case = written = " ".join(re.sub(r"\$|\\[()]", " ", shown).split())
            sign = next((f"{name} {rel}" for word, rel in _SIGN_AS
                         if re.search(rf"\b{word}\b", case) and "not" not in case.split()), None)
            case = sign or case
            if re.search(r"\\in\b|∈", case) and re.search(r"\\\{|\{", case):
                entry = re.match(r"\s*(?:\\[A-Za-z]+\s*\{\s*)?[A-Za-z]\w*\s*\}?\s*_", case)
                how = ("the entries of a vector cannot be declared to range over a set; if the "
                       "display holds for every real value of them (most do: the set is why the "
                       "model is written so), say it in words without the math (the labels are "
                       "0 or 1), or write the display for one sample with a letter of its own "
                       "(given = [\"y*(1 - y) == 0\"])") if entry else (
                    "declare what it says under given (for y ∈ {0, 1}: given = [\"y*(1 - y) == "
                    "0\"], then y = 0 and y = 1 are checked as cases; a one-hot vector: "
                    "onehot(y, t))")
                refused = UnreadCondition(  # y_i \in \{0, 1\}: a set, which a display cannot
                    f"the prose {where} this display says {written}, which is not read: a set "
                    f"a letter ranges over is no hypothesis here; {how}", pos=Pos(1, 1))  # state
                if not entry and re.fullmatch(r"[^{}]*\\?\{\s*-?\d+(?:\s*,\s*-?\d+)*\s*\\?\}\s*",
                                              case.split("\\in")[-1].split("∈")[-1]):
                    # y ∈ {0, 1}: a finite set of numbers, which only narrows y: checked without
                    # it, a proof covers it and only a refutation is in doubt
                    refused.soft, refused.written = True, written
                    refused.how = how.split(" (for")[0]
                raise refused
            if re.search(r"\^\s*\{?\s*(?:T|\\top|\\intercal)(?![A-Za-z])", case) and not re.search(
                    r"[<>≤≥]|\\(?:[lg]eq?|[lg]t)(?![A-Za-z])", case) \
                    and not implied(name, "symmetric"):  # A = Aᵀ (not y wᵀx < 1)
                raise _matrix_property(where, written, f"the matrix {name}")
            started = re.search(r"\b(?:if|when|for|suppose|assume|let)\s+(?:\$|\\\()\s*"
                                + re.escape(shown.strip().strip("$").strip()), paragraph, re.I)
            if "after" in where and "=" in case and name not in scripts:  # ("For $\beta = 1$
                how = (f"if the display holds for every {name}, say the value in words (\"when "  # this
                       f"{name} is one\"), so the remark is not read as its condition; if it "  # is
                       "holds only there, " + in_display(case, latex, ""))  # part (a)'s answer.")
            elif (name in scripts or "=" in case) and not started:
                how = in_display(case, latex, f"start the sentence with it (If ${case}$:)")
            elif name in scripts or "=" in case:  # (it does: a case not read, as said)
                how = in_display(case, latex, "a given for the whole section") + (
                    "; a case is read from the prose where it compares a declared symbol or "
                    "an index the display writes with a number or another of them")
            elif re.search(rf"^\\?{re.escape(name.lstrip(chr(92)))}\s*(?:>|\\gt)\s*0\s*$", case):
                bare = name.lstrip(chr(92))
                if bare in RESERVED:  # \delta is the Kronecker delta: a letter of the page's
                    how = (f"map it to a letter and declare that (latex = {{ \"\\\\{bare}\" = "  # own
                           f"\"{bare[0]}\" }}, symbols = {{ {bare[0]} = \"positive\" }}), or "
                           "reword it if it names no sign, or " + in_display(case, latex, ""))
                else:
                    how = (f"declare it (symbols = {{ {bare} = \"positive\" }}; a vector's "
                           f"entries: vectors = {{ {bare} = {{ size = …, assume = \"positive\" "
                           "} }), or reword it if it names no sign (\"a positive example\"), or "
                           + in_display(case, latex, ""))
            else:
                how = in_display(case, latex, "a given for the whole section")
            at = paragraph.find(shown)
            if at > 0 and _EXCLUDES.search(paragraph[max(0, at - 30):at]):  # ("away from $w = 0$":
                meant = _negated(case)  # the case is its opposite)
                how = ("the words before it exclude it, so the case meant is its opposite"
                       + (f" ({meant}): " + in_display(meant, latex, f"start the sentence with "
                                                       f"it (If ${meant}$:)") if meant else
                          ": write that case in the display (\\quad (…))"))
            if shown in results:  # (not a case to assume: a fact the display may use)
                how = ("it is a result the page states, which this display may rely on; if it "
                       "does, write it as its condition (\\quad (…)), or a given for the section "
                       f"{STATED_RESULT}")
            refused = UnreadCondition(f"the prose {where} this display states a condition on "
                                      f"{name} ({written}) that is not read as its "
                                      f"hypothesis: {how}", pos=Pos(1, 1))
            # a bound or a sign (x > 0, z > λ, x positive) binds no letter to another: a proof
            # without it holds under it, and only a refutation is in doubt (see UnreadCondition)
            refused.soft = shown in doubtful or shown in results or (
                "=" not in case.replace(">=", "").replace("<=", "").replace("!=", "")
                and name not in scripts and not re.search(  # (p, q ∈ (0, 1): a bound too)
                    r"(?:\\in\b|∈)(?!\s*[(\[]\s*-?[\w.\\{}]+\s*,\s*-?[\w.\\{}]+\s*[)\]]\s*$)", case))
            refused.how = how + (f" {INDEX_CASE}" if shown in doubtful else "")
            refused.written = written
            said = _SAID_SIGN.search(written) if sign else None  # ("Assume $x$ is negative.":
            if said is not None and said.group(1) == name.lstrip("\\"):  # a sign in words,
                refused.letter, refused.word = name, said.group(2)  # which a sentence that
            raise refused  # assumes it outright makes a hypothesis: kept_bound)


# a letter's sign said in words, as a condition's text has it ("x is negative", "t is positive")
_SAID_SIGN = re.compile(rf"^\\?([A-Za-z]+)\s+(?:is|being)\s+({_SIGN})$")
# words right before a condition that exclude it ("away from $w = 0$", "except at $x = 1$")
_EXCLUDES = re.compile(r"\b(?:away\s+from|except(?:\s+(?:at|for|when|where|if))?|other\s+than|"
                       r"apart\s+from|outside(?:\s+of)?|excluding|not\s+at|but\s+not(?:\s+at)?)"
                       r"\s*(?:\$|\\\()?\s*$", re.I)
_OPPOSITE = {"=": "\\neq", "\\neq": "=", "\\ne": "=", "<": "\\geq", ">": "\\leq",
             "\\le": ">", "\\leq": ">", "\\ge": "<", "\\geq": "<"}


def _negated(case: str) -> str:
    """``w = 0`` as ``w \\neq 0`` (one relation between two sides), or "" where it cannot."""
    m = re.fullmatch(r"\s*([^=<>\\]+?)\s*(=|<|>|\\neq|\\ne|\\leq|\\le|\\geq|\\ge)(?![A-Za-z])\s*"
                     r"([^=<>\\]+?)\s*", case)
    return f"{m[1]} {_OPPOSITE[m[2]]} {m[3]}" if m else ""


def steps_in(latex: str) -> int:
    """How many relations join the display's expressions: '=' (not := nor those in scripts),
    and the inequalities of a chain (A = B \\le C), not those of a \\quad remark after it."""
    body = re.split(r"\\q?quad(?![A-Za-z])", re.sub(r"_\{[^{}]*\}|\^\{[^{}]*\}", "", latex))[0]
    return len(re.findall(r"(?<![<>!:\\])=|(?<![\\=<>])[<>](?!=)|[≤≥]|\\(?:le|leq|leqslant|ge|geq|"
                          r"geqslant|lt|gt)(?![A-Za-z])", body))


_ORDERS = {"geqslant": ">=", "leqslant": "<=", "geq": ">=", "leq": "<=", "ge": ">=",
           "le": "<=", "gt": ">", "lt": "<", "neq": "!=", "ne": "!="}


def as_case(span: str) -> str:
    """A prose formula written as a display's case is ("x \\ge 0" → "x >= 0", "i = j" →
    "i == j"), to compare with the cases read (checker.files.prose ``prose_case``)."""
    out = re.sub(r"\\(geqslant|leqslant|geq|leq|ge|le|gt|lt|neq|ne)(?![A-Za-z])",
                 lambda m: f" {_ORDERS[m.group(1)]} ", span)
    out = re.sub(r"(?<![<>!=])=(?!=)", "==", out, count=1)
    out = re.sub(r"\\[dt]?frac\{(\d+)\}\{(\d+)\}|(\d)\s*/\s*(\d)",
                 lambda m: f"{m[1]}/{m[2]}" if m[1] else f"{m[3]}/{m[4]}", out)  # ½ as 1/2
    out = re.sub(r"\\([A-Za-z]+)", lambda m: m[1] if m[1] in GREEK else m[0], out)  # \alpha
    out = re.sub(r"_\{\s*([A-Za-z0-9]+)\s*\}", r"_\1", out)  # (x_{i} as x_i)
    out = re.sub(r"\|\s*([A-Za-z])\s*\|", r"abs(\1)", out)  # |a| \le \delta
    out = re.sub(r"\s*(<=|>=|==|!=|<|>)\s*", r" \1 ", out)  # (w>0 as w > 0)
    return " ".join(out.split())


def case_parts(case: str) -> list[str]:
    """A case as the conditions it is read as: "-c <= x <= c" → ["-c <= x", "x <= c"];
    "a, b >= 0" → ["a >= 0", "b >= 0"] (a sign of several letters, checker.files.prose)."""
    m = re.fullmatch(r"((?:\w+ ?, ?)+\w+) (<=|<|>=|>) (-?[\d.]+)", case)
    if m:
        return [f"{x.strip()} {m[2]} {m[3]}" for x in m[1].split(",")]
    m = re.fullmatch(r"(\S+) (<=|<|>=|>) (\S+) (<=|<|>=|>) (\S+)", case)
    if m:
        return [f"{m[1]} {m[2]} {m[3]}", f"{m[3]} {m[4]} {m[5]}"]
    m = re.fullmatch(r"abs\((\w+)\) (<=|<) (-?)(\S+)", case)  # |a| <= c: -c <= a, a <= c
    if m:
        return [f"{'' if m[3] else '-'}{m[4]} {m[2]} {m[1]}", f"{m[1]} {m[2]} {m[3]}{m[4]}"]
    return [case]


_BOUND = re.compile(r"\s*([A-Za-z]\w*)\s*(<=|>=|==|<|>)\s*(-?\d+(?:\.\d+)?)\s*")


def other_case(span: str, cases: tuple[str, ...]) -> bool:
    """Whether a prose condition cannot hold together with a case the display is read under
    ("For $x > 0$ the derivative is 1. For $x < 0$:" — x > 0 is the other case, about
    another display, not a hypothesis of this one): a letter against a number, both."""
    this = _BOUND.fullmatch(as_case(span))
    if this is None:
        return False
    for case in cases:
        that = _BOUND.fullmatch(case)
        if that is None or that[1] != this[1]:
            continue
        lo, hi = _interval(this[2], Fraction(this[3]))
        lo2, hi2 = _interval(that[2], Fraction(that[3]))
        low_value, high_value = max(lo[0], lo2[0]), min(hi[0], hi2[0])
        low_closed = all(c for v, c in (lo, lo2) if v == low_value)  # (x = 0 against x > 0:
        high_closed = all(c for v, c in (hi, hi2) if v == high_value)  # 0 is not in both)
        if low_value > high_value or (low_value == high_value
                                      and not (low_closed and high_closed)):
            return True  # (an empty intersection: the two exclude each other)
    return False


def _interval(op: str, v: Fraction) -> tuple[tuple[Fraction | float, bool], tuple[Fraction | float, bool]]:
    """The values of ``x op v`` as (low, closed), (high, closed)."""
    inf = float("inf")
    return {"<": ((-inf, False), (v, False)), "<=": ((-inf, False), (v, True)),
            ">": ((v, False), (inf, False)), ">=": ((v, True), (inf, False)),
            "==": ((v, True), (v, True))}[op]


def in_display(case: str, latex: str, other: str) -> str:
    """How to write a case the prose states: in the display (\\quad (…) at its end), or
    ``other``. A \\quad (…) at the end of a chain of several steps holds for its last step
    only, so for such a display only ``other`` is offered (or the sentence that starts with
    the case, which holds for the whole display)."""
    if steps_in(latex) <= 1:
        return f"write the case in the display (\\quad ({case}))" + (f", or {other}" if other else "")
    return (other or f"start the sentence with it (If ${case}$:)") + (
        " (the display has several steps, and a \\quad (…) at its end would hold for the "
        "last one only)")


_STATED = re.compile(r"\\q?quad\s*\(([^()]*)\)\s*$")  # a display's own condition, at its end


def _stated(latex: str) -> set[str]:
    r"""The condition a display states for all of itself, \quad (…) at the end of its one row
    and one chain (a second \quad or a row break: the condition is one part's only)."""
    if "\\\\" in latex or len(re.findall(r"\\q?quad", latex)) != 1:
        return set()
    return {re.sub(r"\s+", "", c) for c in _STATED.findall(latex.strip())}


def _iverson(m: re.Match, paragraph: str) -> bool:
    """A math span that is an Iverson bracket ($[z > 0]$) as a value: not after a cue word
    (For $[x > 0]$: is the condition written as a bracket)."""
    span = m.group(1) or m.group(2)
    return bool(re.fullmatch(r"\s*\[[^\[\]]*\]\s*", span)) \
        and not _CUE_BEFORE.search(paragraph[:m.start()])


def _multiplied(text: str) -> set[str]:
    """The letters of runs TeX multiplies (wx, xW): each is a letter the text uses."""
    return {c for run in re.findall(r"(?<![A-Za-z\\])[A-Za-z]{2,3}(?![A-Za-z])", text) for c in run}


def _unread_value(name: str, m: re.Match, spans: list[re.Match], paragraph: str,
                  scripts: set[str], where: str) -> bool:
    """Whether ``name = value`` at ``m`` is a value or case the display would be checked
    without. An index case before a display is prose_case's to judge; after it, only one
    that follows a cue ("… when $i = j$."). A value that follows a cue right after another
    equation of the sentence is that equation's ("$x^2 = x$ when $x = 1$")."""
    cue = _CUE_BEFORE.search(paragraph[max(0, m.start() - 12):m.start()].rstrip("$ "))
    if name in scripts and (where != "right after" or not cue):
        return False
    qualifies = cue and any(
        "=" in (o.group(1) or o.group(2)) and not _VALUE.fullmatch(o.group(1) or o.group(2))
        and o.end() <= m.start() and not re.search(r"[.!?]\s", paragraph[o.end():m.start()])
        for o in spans)
    return not qualifies


_WORD = re.compile(r"\s*(?:\\(?:text|mathrm|operatorname|mathit)\{)?([A-Za-z]{2,})\}?"
                   r"(?:_\{(?:\\(?:text|mathrm)\{)?[A-Za-z]{2,}\}?\})?\s*")  # KL_{loss}


def word_definition(lhs: str, rhs: str, ctx: Context, seen: set[str]) -> tuple[str, str, str] | None:
    """``NLL = -\\log p``, ``BCE = …``, ``KL_{loss} = …``: a word (with a word as its
    subscript, or none) alone on the left that names nothing yet defines that word, unless
    its letters are the document's (see below). (Read by TeX's rule, N·L·L = -log p, it
    would be a false identity that no author means.)"""
    m = _WORD.fullmatch(lhs)
    if m is None:
        return None
    word = m.group(1)
    body = rhs[:cut] if (cut := top_level_eq(rhs)) is not None else rhs
    if word in seen or word in ctx.latex or lhs.strip() in ctx.latex or ctx.kind(word) is not None \
            or word in _KNOWN_WORDS or word.lower() in _KNOWN_WORDS:
        return None
    if any(len(k) > 1 and k.isalpha() and k in word for k in ctx.latex):
        return None  # NLLx after NLL = …: NLL with x, or a new word? (the reader refuses it)
    mine = _word_subscript(lhs)
    if mine is not None and any(_word_subscript(k) == mine and k != lhs.strip()
                                for k in ctx.latex):
        return None  # KL_{Loss} after KL_{loss} = …: another name, or that one? (refused)
    on_right = set(re.findall(r"[A-Za-z]", re.sub(r"\\[A-Za-z]+", " ", body)))
    known = {letter for letter in set(word)
             if (ctx.kind(letter) is not None and letter not in LETTERS) or letter in ctx.latex
             or letter in seen or USED + letter in seen or letter in on_right}
    # mv = p (m, v declared), xy = yx: a claim about the letters. A longer word is a name
    # unless every one of its letters is known so (Error = (t − o)² defines Error, whatever
    # o is; xyxy = 2xy with x, y declared is a claim)
    fonted = re.match(r"\s*\\(?:text|mathrm|operatorname|mathit)\{", lhs) is not None
    if not fonted and ((len(word) < 4 and known) or known == set(word)):
        return None  # (\mathrm{net} = …: a word in a font is one name, whatever its letters)
    return lhs.strip(), "", rhs


def _word_subscript(latex: str) -> tuple[str, str] | None:
    """KL_{loss}, KL_{\\text{Loss}}: (KL, loss), the word and its subscript as printed
    alike, or None for another shape."""
    m = re.fullmatch(r"([A-Za-z]{2,})_\{(?:\\(?:text|mathrm)\{)?([A-Za-z]{2,})\}?\}",
                     "".join(latex.split()))
    return (m.group(1), m.group(2).lower()) if m else None


USED = "\x03"  # "seen" holds USED + a letter for each letter a line of the document used
_KNOWN_WORDS = SCALAR_FUNCTIONS | STRUCTURAL_FUNCTIONS | {
    "ln", "log", "exp", "sin", "cos", "tan", "max", "min", "sum", "det", "tr", "arg"}


def top_level_eq(latex: str) -> int | None:
    """The first '=' outside every group (not the one of \\sum_{k=1}), or None."""
    return top_level(latex, "=")


def top_level(latex: str, mark: str) -> int | None:
    """Where ``mark`` first stands outside every group ({…}, (…), […]), or None."""
    depth = 0
    for k, ch in enumerate(latex):
        escaped = k > 0 and latex[k - 1] == "\\"
        if ch in "{([" and not escaped:
            depth += 1
        elif ch in "})]" and not escaped:
            depth -= 1
        elif ch == mark and depth == 0:
            return k
    return None


def not_defined_here(steps: list, latex: str, ctx: Context) -> None:
    """h defined by a display in another section, and used here where it is not defined: a
    definition holds in its section, so here h would be a new letter, which is not what the
    author can see. Refused with where the definition is."""
    if not ctx.foreign and not ctx.unread:
        return
    used = {n.id if isinstance(n, Name) else n.func for s in steps if s.node is not None
            for n in walk(s.node) if isinstance(n, Name | Call | Apply | Prime)}
    seen: set[str] = set()  # and what the functions they apply use (f(w) = ½(h − y)²)
    while (todo := {u for u in used if u in ctx.functions and u not in seen}):
        for fname in todo:
            seen.add(fname)
            body = ctx.functions[fname].body
            if body is not None:
                used |= {n.id if isinstance(n, Name) else n.func for n in walk(body)
                         if isinstance(n, Name | Call | Apply | Prime)}
    used |= {n.key[3:] for s in steps if s.node is not None for n in walk(s.node)
             if isinstance(n, Choice) and n.key.startswith(("fn:", "dep:"))}
    for name, line in sorted(ctx.unread.items()):
        hit = next((u for u in sorted(used) if u == name or (name.endswith("_")
                                                             and u.startswith(name))), None)
        if hit is None and _written(name, latex):
            hit = name
        if hit is not None:
            hit = ctx.unread_names.get(hit, hit)
            defined = ctx.unread_names.get(name, hit)  # (γ_1 where γ_k's display is not read)
            what = "it" if defined == hit else defined
            raise Bad(unread_here(hit, line, what))
    for name, (scope, line) in sorted(ctx.foreign.items()):
        member = next((u for u in sorted(used) if name.endswith("_") and u.startswith(name)
                       and "_" not in u[len(name):]), None)  # v_1 of the sequence v_t
        family = re.fullmatch(r"\\?([A-Za-z]+)_\{?\s*[A-Za-z]\s*\}?", name)  # (α_2 of the
        kin = next((u for u in sorted(used) if family is not None  # family α_j = …)
                    and re.fullmatch(re.escape(family.group(1)) + r"_\w+", u)
                    and "_" not in u[len(family.group(1)) + 1:]), None)
        if name in used or member or kin or _written(name, latex) \
                or _written_command(name, latex):
            section = scope.split("\x00")[0].split("\x01", 1)[-1]  # (the heading's key: its text)
            where = f"section {section!r}" if section else "the part before the first heading"
            what = f"{member}: the sequence {name}t" if member else \
                f"{kin}: the family {name}" if kin and kin not in (name, name.lstrip("\\")) \
                else name
            member = member or kin
            raise Bad(f"{what} is defined at line {line}, in {where}, and a definition holds in "
                      f"its own section: here {member or name} is not defined; define it again "
                      "in this section, or declare it for the whole document (```derivcheck "
                      "block before the first heading)")


def _written_command(name: str, latex: str) -> bool:
    """Is a decorated name (\\bar{x}, \\tilde{h}, \\hat{m}_t) written in the LaTeX, braces and
    spaces aside? (Read where it is not defined, it would be a letter of its own: xbar.)"""
    if not name.startswith("\\"):
        return False
    def flat(text: str) -> str:
        return re.sub(r"[\s{}]", "", text)
    key = flat(name)
    return re.search(re.escape(key) + r"(?![A-Za-z])", flat(latex)) is not None


def _written(word: str, latex: str) -> bool:
    """Is a word of two letters or more (NLL, lr) written in the LaTeX? (Read, it would be
    its letters multiplied: no tree of it names the word.)"""
    return len(word) > 1 and word.isalpha() and re.search(
        rf"(?<![A-Za-z\\]){word}(?![A-Za-z])", latex) is not None


def letters_declared(table: dict) -> dict:
    """``symbols = { T = "real" }`` (or ``dims = { T = … }``, a horizon) in a document declares
    the letter T of its LaTeX (a target), which the plain syntax would take for the transpose
    (E: Euler's number)."""
    out = dict(table)

    def letter(name: str) -> str:  # T, and T_4 (the name T_4 of the LaTeX reads as 𝖳_4)
        head, sep, rest = name.partition("_")
        return LETTERS[head] + sep + rest if head in LETTERS else name

    for key in ("symbols", "vectors", "matrices", "dims"):
        if isinstance(out.get(key), dict) and {n.partition("_")[0] for n in out[key]} & set(LETTERS):
            out[key] = {letter(name): spec for name, spec in out[key].items()}
    declared = {n for key in ("symbols", "vectors", "matrices", "dims")
                if isinstance(out.get(key), dict) for n in out[key]}
    glyphs = {head: glyph for head, glyph in LETTERS.items()
              if any(n.partition("_")[0] == glyph for n in declared)}
    if glyphs and isinstance(out.get("given"), list):  # given = ["T >= 2"]: the letter (T(x),
        # called, is the transpose still; E is refused by no_plain_e)
        out["given"] = [_GIVEN_LETTER.sub(lambda m: glyphs.get(m[1], m[1]) + (m[2] or ""), g)
                        if isinstance(g, str) else g for g in out["given"]]
    dims = out.get("dims")
    if isinstance(dims, dict) and {n.partition("_")[0] for n in dims} & set(LETTERS.values()):
        def size(v: object) -> object:  # g = "T" (or "T_4"): that T
            return letter(v) if isinstance(v, str) and letter(v) in dims else v
        for key in ("vectors", "matrices"):
            if isinstance(out.get(key), dict):
                out[key] = {name: ({**spec, "size": _sizes(spec["size"], size)}
                                   if isinstance(spec, dict) and "size" in spec
                                   else _sizes(spec, size)) for name, spec in out[key].items()}
    return out


_GIVEN_LETTER = re.compile(r"(?<![\w.])(T)(_\w+)?(?![\w(])")


def _sizes(spec: object, size: Callable[[object], object]) -> object:
    return [size(v) for v in spec] if isinstance(spec, list) else size(spec)


def no_plain_e(table: dict) -> None:
    """In a document, E in the LaTeX is a letter, but in the declarations' plain syntax it
    is Euler's number: ``given = ["E > 0"]`` would say nothing about the letter. Refused."""
    given, latex = table.get("given"), table.get("latex")
    texts = [g for g in (given if isinstance(given, list) else []) if isinstance(g, str)] + [
        v for v in (latex.values() if isinstance(latex, dict) else []) if isinstance(v, str)]
    for text in texts:
        if re.search(r"(?<![\w.])E(?![\w(])", text):
            raise Bad(f"{text!r}: E in the declarations is Euler's number, while the document's E "
                      "is a letter; write exp(1) for Euler's number, and state what the letter E "
                      "stands for in a display (E = …)")


_VARIANCE = re.compile(r"\s*\\sigma\s*(?:\^\s*\{\s*2\s*\}|\^\s*2|²)\s*")


_SQUARE = r"(?:\^\s*\{\s*2\s*\}|\^\s*2|²)"


def _script(a: str, b: str) -> str:
    return rf"_\s*(?:\{{\s*(?P<{a}>[A-Za-z0-9]+)\s*\}}|(?P<{b}>[A-Za-z0-9]))"


# σ_B², σ_{B}^{2}, σ^2_B: the variance of B, one name
_VARIANCE_OF = re.compile(r"\s*\\sigma\s*(?:" + _script("a", "b") + r"\s*" + _SQUARE + r"|"
                          + _SQUARE + r"\s*" + _script("c", "d") + r")\s*")


def variance_definition(lhs: str, rhs: str, ctx: Context, seen: set[str]) -> tuple[str, str, str] | None:
    """``\\sigma^2 = \\frac{1}{D} \\sum_i (x_i - \\mu)^2``: the variance σ², one name (the
    sigmoid needs an argument, so \\sigma^2 alone cannot be it); ``\\sigma_B^2 = …`` (batch
    norm's) likewise, the name σ_B² (it was a claim about a new letter σ_B, and refuted).
    Defined as written, like any new name; not where σ (or σ_B) is declared, mapped to a
    value, or the name defined already."""
    if ctx.kind("sigma") is not None:
        return None
    of = _VARIANCE_OF.fullmatch(lhs)
    if of is not None:
        script = next(g for g in of.groups() if g)
        if VARIANCES in ctx.families and re.fullmatch(r"[a-z]|\d+", script):
            return None  # σ_k² with σ_j² = … defined: its member, and this line a claim
        if re.fullmatch(r"[a-z]", script) and script not in ctx.declared() \
                and VARIANCES not in ctx.families and variance_key(script) not in seen:
            return variance_key(script), "", rhs  # σ_j² = …: the variance of each column j
        if re.fullmatch(r"[a-z]|\d+", script):  # σ_1²: a family's member, not one name
            raise Bad(f"{lhs.strip()} = …: the variance of one member of a family (σ_j², σ_1²) "
                      "is not read as a definition, nor as a claim about a letter σ_j; name it "
                      "(v_j = …) or write the variance of a whole batch (\\sigma_B^2 = …)",
                      pos=Pos(1, 1))
        key = variance_key(script)
        if key in ctx.latex or key in seen or ctx.kind(f"sigma_{script}") is not None \
                or f"\\sigma_{script}" in ctx.latex or f"\\sigma_{{{script}}}" in ctx.latex:
            return None
        return key, "", rhs
    if _VARIANCE.fullmatch(lhs) is None or VARIANCE in ctx.latex or VARIANCE in seen:
        return None
    mapped = ctx.latex.get("\\sigma")
    if mapped is not None and not (isinstance(mapped, Name) and ctx.is_function(mapped.id)):
        return None
    return VARIANCE, "", rhs


VARIANCE = "\\sigma^2"



_FIRST_SIDE = re.compile(r"^\s*&?\s*([^=&]*?)\s*(?:&?\s*=|:=|\\coloneqq|\\triangleq|\\equiv)")


_NAME_SIDE = re.compile(r"\s*((?:\\[A-Za-z]+\s*\{\s*\\?[A-Za-z]+\s*\}|\\[A-Za-z]+|[A-Za-z])"
                        r"(?:_\{?\\?[A-Za-z0-9]+\}?)?)\s*(?::=|\\coloneqq|\\equiv|\\triangleq|=)\s*(.+)")
# u = …, h_1 = …, \hat{y} = …, u := …, u \equiv …


def no_prose_definition(latex: str, before: str, after: str,
                        defines: Callable[[str], tuple[str, str, str] | None],
                        cases: tuple[str, ...] = (),
                        valueless: Callable[[str], bool] = lambda name: False,
                        reaches: Callable[[str], bool] = lambda name: False,
                        used_before: Callable[[Bad], bool] = lambda exc: False,
                        dims: frozenset[str] = frozenset()) -> None:
    """``where $u = wx + b$`` (or ``Let $h = \\sigma(z)$.``) in the prose before a display
    (since the display before it), or in the paragraph after it that belongs to it: a
    definition of a letter the display uses, written inline, which is not read (also in
    words: "$m$ denotes $wx + b$"). Checked without it, u would be a letter of its own and
    the display refuted where u ≠ wx + b; refused instead, with what to write. ``defines``
    is the document's rule for a display that defines a name (the new name, its parameters
    and right side, or None); ``valueless`` says whether a name is declared as a variable
    with no value (a value the prose gives it is not read either), ``cases`` the prose cases
    read as hypotheses, ``reaches`` whether the display uses a name through what it writes
    (u through L, for L = u² defined before), ``used_before`` whether ``defines`` refused a
    definition because an earlier one used the name as a letter (then it is one here too)."""
    first = _FIRST_SIDE.match(latex)
    own = " ".join(first.group(1).split()) if first else None  # the display's own left side
    if own is not None:  # f(x) = … names f, as the prose's $f(x) = …$ does
        own = re.sub(r"\s*(?:\\left)?\(.*\)\s*$", "", own) or own
    latex = without_differentials(latex)  # (d = 1, the dimension, is not d/dw's d)
    for where, paragraph in (("before", before), ("after", after)):
        for d in _DEPENDS.finditer(paragraph):  # "$u$ depends on $w$": u is no letter of its own
            name = " ".join(d.group(1).split())
            if writes_name(latex, name) or reaches(name):
                raise Bad(f"the prose {where} this display says {d.group(0).strip()}, which is "
                          f"not read: checked without it, {name} would be a letter of its own. "
                          f"Define {name} in a display before this one ({name} = …)",
                          pos=Pos(1, 1))
        worded = [f"{w.group(1)} = {w.group(2)}" for w in _WORDED.finditer(paragraph)
                  if not is_shape(w.group(2), dims)]  # ("$X$ is $N \times D$": its shape)
        for m in [*_MATH.finditer(paragraph), *worded]:
            span = m if isinstance(m, str) else (m.group(1) or m.group(2)).strip().rstrip(".,;")
            if not re.search(r"=|\\(?:equiv|coloneqq|triangleq)\b", span) \
                    or as_case(span) in cases:  # (the display's case, read as its hypothesis)
                continue
            if not isinstance(m, str) and _consequence(paragraph, m.start()) and (
                    "after" in where or re.search(r"[.!?]\s+\S", paragraph[m.end():])):
                continue  # ("So the minimum is at $q = p$.": a consequence, no definition)
            try:  # (u \equiv wx + b, u \triangleq …: a definition as u = wx + b is)
                found = defines(re.sub(r"\\(?:equiv|triangleq)\b", "=", span))
            except Bad as exc:  # a definition refused as a display (u used before it, in
                side = _NAME_SIDE.fullmatch(span)  # L = u²): as prose, not read either
                if side is None or not used_before(exc):
                    continue
                found = (side.group(1), "", side.group(2))
            except (ParseError, ValueError):  # a span that cannot be read defines nothing
                continue
            if found is None:  # u = wx + b with u declared: a value for u, not read either
                side = _NAME_SIDE.fullmatch(span)
                case = as_case(span) in cases
                cue = isinstance(m, str) or _DEFINING.search(  # ("denotes" is a cue itself)
                    paragraph[max(0, m.start() - 24):m.start()])
                if side is None or case or cue is None or not valueless(side.group(1)) \
                        or not _gives_value(side.group(1), side.group(2)):
                    continue  # ("x = (x_1, …, x_n)" names the entries; "x = 1" is a case)
                found = (side.group(1), "", side.group(2))
            name = found[0]
            shown = " ".join(name.split())
            said = re.search(r"\\text\{\s*(?:where|with)\b[^}]*\}\s*" + re.escape(name)
                             + r"\s*=", latex)  # the display's own "\text{where } u = …" says it
            if shown == own and first is not None and _another_value(latex[first.end():], found[2]):
                raise Bad(f"the prose {where} this display says ${span}$, a definition of {shown} "
                          f"that is not read, and this display gives {shown} a value again: a "
                          f"second definition, or a claim about the prose's {shown}? Write the "
                          f"prose's as a display of its own before this one (\\[{span}\\]), so "
                          "that this line is checked against it, or take it out of the prose",
                          pos=Pos(1, 1))
            if shown == own or not (writes_name(latex, name) or reaches(name)) \
                    or shown in script_letters(latex) or said:
                continue
            refused = Bad(f"the prose {where} this display says ${span}$, a definition of "
                          f"{shown} that is not read: checked without it, {shown} would be a "
                          f"letter of its own. Write it as a display of its own before this one "
                          f"(\\[{span}\\]), or in the display after \\quad \\text{{where }} {span}",
                          pos=Pos(1, 1))
            if where == "before":  # (and the displays after this one that use it: refused too)
                refused.later = [(name, span)]  # type: ignore[attr-defined]
            raise refused


# "$m$ denotes $wx + b$": a definition in words between two inline formulas
_WORDED = re.compile(r"\$\s*([^$=]{1,30}?)\s*\$\s*(?:denotes|stands\s+for|is\s+defined\s+as|is\s+short"
                     r"\s+for|means|is\s+given\s+by|is|equals)\s*\$([^$]+)\$", re.I)
# "$X$ is $N \times D$", "$W$ is $d \times k$": a shape told in words, not a value, where every
# factor is a declared dimension ("$z$ is $w \times x$" of numbers, "$z$ is $3 \times 4$": a value)
_FACTORS = re.compile(r"\s*([A-Za-z][A-Za-z0-9_{}]*)(?:\s*\\times\s*[A-Za-z][A-Za-z0-9_{}]*)+\s*")


def is_shape(text: str, dims: Collection[str]) -> bool:
    """Whether ``text`` (a formula) is a shape, N × D, in the declared dimensions ``dims``."""
    return _FACTORS.fullmatch(text) is not None and all(
        f.strip() in dims for f in text.split("\\times"))


_DEPENDS = re.compile(r"\$\s*(\\?[A-Za-z][^$]{0,20}?)\s*\$\s*(?:depends\s+on|is\s+a\s+function\s+of|"
                      r"varies\s+with)\s*\$[^$]+\$", re.I)
_DEFINING = re.compile(r"\b(?:let|where|with|set|setting|define|defining|denote|and)\s*$", re.I)


def _another_value(rest: str, value: str) -> bool:
    """Whether a display's first right side (``rest``: the text after its first ``=``) is not
    the prose's value written again (spaces and a closing full stop aside)."""
    first = re.split(r"&?\s*=|\\\\|\\(?:quad|qquad|text)\b", rest, maxsplit=1)[0]
    norm = lambda t: re.sub(r"\s+|\\[,;:!]|[.,]$", "", t.strip())  # noqa: E731
    return norm(first) != norm(value)


def _gives_value(name: str, value: str) -> bool:
    """``u = wx + b``: an expression in other letters (not a number, a case; not a list of the
    name's entries; not an equation about the name itself, x = 2x)."""
    letters = re.sub(r"\\[A-Za-z]+", " ", value)
    return re.search(r"[A-Za-z]", letters) is not None \
        and top_level(value, ",") is None \
        and "=" not in value and not writes_name(value, name)  # (f(a, b): no list of values)


def writes_name(latex: str, name: str) -> bool:
    """Is the LaTeX name (u, h_1, \\mu, \\hat{y}) written in the display? A decorated letter
    (\\hat{y}, \\bar{x}) is a name of its own: it does not write y or x."""
    pattern = re.escape(name.strip()).replace(r"\ ", r"\s*")
    before = r"(?<!\\)" if name.strip().startswith("\\") else r"(?<![A-Za-z\\])"  # (d\hat y:
    if not name.strip().startswith("\\"):  # a command starts)
        latex = _OWN_NAMES.sub(" ", latex)
    return re.search(rf"{before}{pattern}(?![A-Za-z])", latex) is not None


# decorations that make a name of its own (checker.parse.latex_lexer DECORATIONS with a suffix)
_OWN_NAMES = re.compile(r"\\(?:" + "|".join(k for k, v in DECORATIONS.items() if v)
                        + r")(?![A-Za-z])\s*(?:\{[^{}]*\}|[A-Za-z])")


def script_letters(latex: str) -> set[str]:
    """The letters written as subscripts: i in p_i, i and j in \\delta_{ij} (indices, whose
    cases i = k the prose states as cases, not definitions: see checker.files.prose)."""
    out: set[str] = set()
    for braced, single in re.findall(r"_\{([^{}]*)\}|_([A-Za-z])", latex):
        out |= set(re.findall(r"[A-Za-z]", re.sub(r"\\[A-Za-z]+", " ", braced)))
        out |= {single} if single else set()
    return out


# -- the backstop: any statement in prose that binds a letter the display uses -----------------

_TIES = re.compile(r"=|\\(?:equiv|coloneqq|triangleq|leftarrow|gets|mapsto|approx|[lg]eq?|"
                   r"neq?|ne|lt|gt|in)\b|<|>|≤|≥|≠|←")
# a relation that gives a name a value (not a comparison)
# a side that is a named distribution or function applied (\mathrm{Bern}(p), \mathcal{N}(\mu,
# 1)): its one letter is its argument, which the relation gives no value (P = \mathrm{Bern}(p)
# bound p, and every later display that used p was refused)
_CALLED = re.compile(r"\s*\\(?:mathrm|operatorname|text|textrm|mathcal|mathsf|mathbf)\s*\{[^{}]*\}"
                     r"\s*(?:\\left\s*|\\big\w*\s*)?[(\[]")
_EQUATES = re.compile(r"(?<![<>!\\])=|\\(?:equiv|coloneqq|triangleq|leftarrow|gets|mapsto)\b|←")
# a cue before a formula that binds letters (a hypothesis or a definition), not a result
_BINDING = re.compile(r"\b(?:let|where|wherein|whereby|with|assume|assuming|suppose|supposing|"
                      r"since|because|as|given|if|when|whenever|for|recall|remember|note|set|"
                      r"setting|substitute|substituting|denote|denoting|define|defining|here|"
                      r"take|taking|using|use|put|putting|plug|plugging|write|writing|call|"
                      r"calling|under|provided|knowing|which|i\.\s?e\.|such\s+that|throughout|"
                      r"convention|definition|choose|choosing|replace|replacing|fix|fixing|"
                      r"need|needs|require|requires|requiring|want|impose|imposing|case)\b"
                      r"[^$]{0,80}$", re.I)
# a word right before a formula that makes it a result, not a condition ("Hence $a \ge b$",
# "we get $…$", "i.e. $…$"; not "so that $x > 0$", nor "Hence, for $x > 0$,")
# a sentence after a display that draws a consequence from it ("So the minimum is at $q = p$.")
_CONSEQUENCE = re.compile(r"\s*(?:so|hence|thus|therefore|consequently|it\s+follows|this\s+"
                          r"(?:gives|shows|means)|setting\s+(?:it|this|the\s+\w+)\s+to\s+zero)\b",
                          re.I)
def _consequence(paragraph: str, at: int) -> bool:
    """Whether the sentence of ``paragraph`` the position ``at`` is in draws a consequence."""
    return _CONSEQUENCE.match(re.split(r"(?<=[.!?:])\s+", paragraph[:at])[-1]) is not None


_RESULT_BEFORE = re.compile(r"\b(?:hence|thus|therefore|so(?!\s+that)|consequently|we\s+(?:get|"
                            r"have|obtain|find|see)|which\s+(?:gives|shows|means|proves)|i\.\s*e\.|"
                            r"that\s+is|gives|yields|shows|proves)\s*[,:]?\s*$", re.I)
# formulas listed before another after one cue word ("Take $x = 1$, $w = 0.5$ and $b = 0$")
_LISTED = re.compile(r"(?:\$[^$]*\$\s*(?:,|;|\band\b)\s*)+$")
# a result stated in prose, not a hypothesis ("we show that $f'(x) = …$"): only in the words
# right before the formula (a result word further back does not cancel a cue)
_RESULT = re.compile(r"\b(?:show|shows|prove|proves|derive|derives|verify|obtain|obtains|get|gets|"
                     r"find|finds|compute|check|claim|conclude|want|goal|yields?|gives?|follows?|"
                     r"hence|thus|therefore|so|result|expect|aim)\b[^$.;]{0,30}$", re.I)
# words that make one formula the name of another ("let $u$ be $wx+b$", "call $wx+b$ $u$")
_NAMING = re.compile(r"\b(?:be|equals?|denote[sd]?|denoting|call(?:ed)?|substitut\w*|replac\w*|"
                     r"shorthand|stands?\s+for|represents?|named?|refers?\s+to|define[sd]?|"
                     r"abbreviat\w*|set(?=[^.;]*\bto\b))\b", re.I)
_MATH_SPAN = re.compile(r"\$([^$]+)\$|\\\((.+?)\\\)|\\begin\{math\}(.+?)\\end\{math\}", re.S)
_NAMES_IN = re.compile(r"\\(?:hat|tilde|bar|vec|mathbf|boldsymbol|dot|overline|mathbb|mathcal|"
                       r"mathrm)\s*\{\s*\\?[A-Za-z]+\s*\}|\\[A-Za-z]+|[A-Za-z]")
_NOT_NAMES = frozenset({"frac", "sum", "prod", "int", "left", "right", "cdot", "times", "log",
                        "ln", "exp", "sin", "cos", "tan", "tanh", "sigma", "sqrt", "partial",
                        "nabla", "mathrm", "operatorname", "text", "mathbb", "top", "quad",
                        "qquad", "infty", "to", "in", "leq", "geq", "le", "ge", "neq", "ne",
                        "equiv", "coloneqq", "triangleq", "leftarrow", "gets", "mapsto",
                        "approx", "lt", "gt", "mathrel", "limits", "displaystyle", "big", "Big",
                        "cdots", "ldots", "dots", "max", "min", "delta"})


def _spans(sentence: str) -> list[tuple[int, str, int]]:
    """The inline formulas of a sentence ($…$, \\(…\\), \\begin{math}…), as (start, text, end);
    formulas side by side with only spaces between are one ($u$ $=$ $wx + b$)."""
    out: list[tuple[int, str, int]] = []
    for m in _MATH_SPAN.finditer(sentence):
        text = next(g for g in m.groups() if g is not None)
        if out and not sentence[out[-1][2]:m.start()].strip():
            start, prev, _ = out[-1]
            out[-1] = (start, f"{prev} {text}", m.end())
        else:
            out.append((m.start(), text, m.end()))
    return out


def _sentences(paragraph: str) -> list[str]:
    """The sentences of prose (a full stop inside a formula does not end one)."""
    out, start, k = [], 0, 0
    inside = False
    while k < len(paragraph):
        ch = paragraph[k]
        if ch == "$":
            inside = not inside
        elif not inside and ch in ".!?;\n" and (k + 1 == len(paragraph) or paragraph[k + 1].isspace()):
            if ch != "\n" or paragraph[k + 1:k + 2] == "\n":
                out.append(paragraph[start:k + 1])
                start = k + 1
        k += 1
    out.append(paragraph[start:])
    return [s for s in out if "$" in s or "\\(" in s or "\\begin{math}" in s]


def _names(span: str) -> list[str]:
    """The names a formula writes (u, h_1 as h, \\hat{y}, \\mu), not its operators."""
    out = []
    span = re.sub(r"\\(hat|widehat|bar|overline|tilde|widetilde|vec|dot|ddot|check|breve)\s+"
                  r"([A-Za-z])(?![A-Za-z])", r"\\\1{\2}", span)  # (\hat y is \hat{y})
    span = re.sub(r"\\(?:text|mathrm|operatorname|textrm|mbox)\s*\{[^}]*\}", " ", span)
    span = re.sub(r"\^\s*(?:\{\s*(?:T|\\top|\\intercal)\s*\}|T(?![A-Za-z])|\\top\b|\\intercal\b)",
                  " ", span)  # (x^T: a transpose, no letter T)
    # the d's and ∂'s of a derivative are no letters (\frac{d}{dx}, \frac{dL}{dz}, d/dx)
    span = re.sub(r"(?<=\{)\s*d(?=\s*[A-Za-z\\^}])|(?<![A-Za-z\\])d(?=[A-Za-z]\s*/\s*d)"
                  r"|(?<=/)\s*d(?=[A-Za-z\\])", " ", span)
    for m in _NAMES_IN.finditer(span):
        word = m.group(0)
        if word.startswith("\\") and "{" not in word and word[1:] in _NOT_NAMES:
            continue
        if re.match(r"\s*(?:\\left\s*)?\[", span[m.end():]):  # E[…]: an operator, not a letter
            continue
        out.append(" ".join(word.split()))
    return out


def _own_names(span: str) -> list[str]:
    """:func:`_names` without the letters written as subscripts (p_i is the name p)."""
    scripts = script_letters(span)
    return [n for n in _names(span) if n not in scripts or re.search(
        rf"(?<![_{{A-Za-z\\]){re.escape(n)}(?![A-Za-z])", re.sub(r"_\{[^{}]*\}|_[A-Za-z]", " ", span))]


HEADING = re.compile(r"(?m)^[ \t]{0,3}#{1,6}[ \t].*$|\\(?:sub){0,2}section\*?\{[^{}]*\}"
                     r"|^[ \t]{0,3}[^\s#>\-*+|$][^\n]*\n[ \t]{0,3}(?:=+|-{2,})[ \t]*$")  # (setext)
_HEADING = HEADING


# a case of a display's index written without math ("For i = j we have", "When i equals j:",
# "If i is not equal to j,", "For i = 1:", "Let i be 2.", "For i = 1, 2:"): read as the same
# case written in math, whatever then reads it (a case, or a value not read)
_PLAIN_CASE = re.compile(r"(?<![\w$\\'])([A-Za-z])\s*(=/=|=|≠|!=|equals|is\s+equal\s+to|equal\s+to|"
                         r"be|is\s+not\s+equal\s+to|does\s+not\s+equal|differs\s+from|"
                         r"(?:is\s+)?different\s+from|(?:is\s+)?unequal\s+to)\s*"
                         r"(\d*[A-Za-z](?:\s*[-+]\s*\d+)?|\d+(?:\s*,\s*\d+)*)(?![\w$'])")
# two indices said to differ in words ("For distinct i and j:", "When i and j differ:", "i and j
# are different"): i ≠ j
_PLAIN_DISTINCT = re.compile(r"(?<![\w$\\'])(?:distinct|different|unequal)\s+([A-Za-z])\s+and\s+"
                             r"([A-Za-z])(?![\w$'])|(?<![\w$\\'])([A-Za-z])\s+and\s+([A-Za-z])\s+"
                             r"(?:differ|are\s+(?:distinct|different|unequal))\b")
_PLAIN_OPS = {"=": "=", "equals": "=", "is equal to": "=", "equal to": "=", "be": "="}


def cases_in_math(prose: str, indices: set[str]) -> str:
    """Prose with each case of one of the display's indices (with a letter or a number) that
    is written without math put in math ($i = j$, $i = n$, $i = 1$), outside the math it
    already has; a letter that is not an index is left as written ("Let a = b.")."""
    def put(m: re.Match) -> str:
        other = m[3]
        if m[1] in indices and m[1] != other and (m[2] != "be" or other.isdigit()):
            op = _PLAIN_OPS.get(" ".join(m[2].split()), "\\neq")
            return f"${m[1]} {op} {other}$"
        return m.group(0)

    def apart(m: re.Match) -> str:
        a, b = (m[1], m[2]) if m[1] else (m[3], m[4])
        return f"${a} \\neq {b}$" if {a, b} <= indices and a != b else m.group(0)

    parts = re.split(r"(\$[^$]*\$|\\\(.*?\\\))", prose, flags=re.S)
    return "".join(part if k % 2 else _PLAIN_DISTINCT.sub(apart, _PLAIN_CASE.sub(put, part))
                   for k, part in enumerate(parts))


_ENTRY_SCRIPT = re.compile(r"(?:(?<![\\A-Za-z])[A-Za-z]|\})\s*_\s*(?:\{([^{}]*)\}|([A-Za-z]))")
_INDEX_VALUE = re.compile(r"-?\d*\s*(?:[A-Za-z]|\d)(?:\s*[-+]\s*\d*\s*[A-Za-z]?\d*)*")  # 1, n,
# j + 1, 2j, 2j - 1: an index's value
_DOTS = re.compile(r"\\[lcv]?dots|\\ldots|…|\.{2,3}")
_RANGE = re.compile(r",|\\[lcv]?dots|\\ldots|…|\.\.|\\in\b|\\to\b")


def _no_index_value(span: str, latex: str, paragraph: str, where: str) -> None:
    """A formula of the prose that gives one of the display's free indices a value ("Here $i =
    1$.", "Setting $i = n$ gives", "Case 1: $i = j$, $j = 1$."), which is not read as its case
    (prose_case reads "If $i = 1$:" only): checked for every i, a proof covers it and a
    refutation is in doubt (a soft refusal). A range (i = 1, …, n), a sum's own index and a
    letter named once as another name for the index (i = j, j nowhere else) say no value."""
    summed = set(re.findall(r"\\(?:sum|prod)\s*_\s*\{?\s*([A-Za-z])", latex))
    entries = set()  # the letters that index an entry (x_i, \hat{y}_k; not \nabla_a, \sum_k)
    for braced, single in _ENTRY_SCRIPT.findall(latex):
        entries |= set(re.findall(r"[A-Za-z]", re.sub(r"\\[A-Za-z]+", " ", braced))) | (
            {single} if single else set())
    free = entries - summed - script_letters(span)
    parts = [p.strip() for p in re.split(r"(?<![<>!\\])=", span)]
    if len(parts) != 2 or _TIES.search(re.sub(r"(?<![<>!\\])=", " ", span)):
        return
    if "," in parts[1]:  # i = 1, 2 (some values), i = 2, …, n (part of the range)
        listed = [x.strip() for x in parts[1].split(",")]
        dots = [x for x in listed if _DOTS.fullmatch(x)]
        if (dots and listed[0] == "1") or not all(_INDEX_VALUE.fullmatch(x) or x in dots
                                                  for x in listed):
            return  # (i = 1, …, n: every index, no value)
        parts = [parts[0], listed[0]]
    elif _RANGE.search(span) or not all(_INDEX_VALUE.fullmatch(p) for p in parts):
        return
    formulas = " ".join(a or b for a, b in re.findall(r"\$([^$]*)\$|\\\((.*?)\\\)", paragraph))
    for k, side in enumerate(parts):
        value = parts[1 - k]
        if side not in free:
            continue
        if re.fullmatch(r"[A-Za-z]", value) and value not in script_letters(latex) \
                and not re.search(rf"(?<![A-Za-z\\]){value}(?![A-Za-z])",
                                  re.sub(r"\\[A-Za-z]+", " ", latex)) \
                and len(re.findall(rf"(?<![A-Za-z\\]){value}(?![A-Za-z])", formulas)) <= 1:
            continue  # ("Case 1: $i = j$." before ∂ŷ_i/∂z_i: another name for i, no value)
        refused = Bad(f"the prose {where} this display says ${span}$, which is not read as its "
                      f"case: the display is checked for every {side} {INDEX_CASE}; "
                      f"{in_display(span, latex, f'start the sentence with it (If ${span}$:)')}",
                      pos=Pos(1, 1))
        refused.soft = True  # type: ignore[attr-defined]
        refused.written, refused.how = span, (  # type: ignore[attr-defined]
            f"write it after the step (\\quad ({span})) {INDEX_CASE}")
        raise refused


def no_prose_binding(latex: str, before: str, after: str, own: Callable[[str], bool],
                     reaches: Callable[[str], bool], cases: tuple[str, ...] = (),
                     implied: Callable[[str, str], bool] = lambda name, text: False,
                     defined: Callable[[str], bool] = lambda name: False,
                     identity: Callable[[str], bool] = lambda text: False,
                     defines: str = "", solved: str = "",
                     scalar: Callable[[str], bool] = lambda name: False,
                     indexed: str = "") -> list[tuple[str, str]]:
    """The backstop of :func:`no_prose_definition`: prose around a display that binds a letter
    the display uses as one of its own (undeclared, or declared with no value), in any way it
    can be written, is not read, so the display is refused rather than checked without it.

    * a formula with a relation after a cue of a hypothesis or a definition, whatever its
      sides: ``where $wx + b = u$``, ``Assume $a + b = 1$. Then``, ``since $\\sum_k y_k = 1$``,
      ``$u \\leftarrow wx + b$``, in ``$…$``, ``\\(…\\)`` or ``\\begin{math}``;
    * a formula that is one name and another that is an expression, in one sentence with a
      word that names one by the other: ``Let $u$ be $wx+b$``, ``Call $wx+b$ the
      pre-activation $u$``, ``Substituting $wx + b$ for $u$``;
    * a sign or one-hot said of a letter, next to it (:func:`_said_of`).

    Not refused: a result stated in prose (``we show that $f'(x) = …$``), a case the reader
    reads (``cases``), a restated given (``implied``), a fact about what the document defines
    (``using $\\log \\hat{y}_k = z_k - …$`` with ŷ defined), and an identity the engine proves
    (``Since $\\log(ab) = \\log a + \\log b$``, ``Note that $(a - b)^2 = (b - a)^2$``: it holds
    for every value, so it binds nothing). Returns what the prose binds that this display
    does not use, (letter, formula), for the displays after it (see the caller). A display
    that only defines a name (``defines``) is not refused: what the prose binds is returned
    for the displays that reach it through the definition (but the name it defines itself:
    "Let $h = \\sigma(x)$. Then $$h = …$$" is that definition, written out)."""
    latex = without_differentials(latex)  # (the d of d/dw is no letter d)
    bound = script_letters(latex)
    stated = _stated(latex)  # (a condition the display writes itself is read there)
    compact = re.sub(r"\s+", "", latex)
    later: list[tuple[str, str]] = []
    parts = re.split(r"(\n\s*\n)", before)  # ("Setting i = 1 gives" right before it:
    last_paragraph = parts[-1]
    before = "".join(parts[:-1]) + cases_in_math(parts[-1], script_letters(indexed or latex))
    # $i = 1$, a value; further back, "δ_ij is 1 if i = j" says what δ is)

    def used(name: str) -> bool:
        base = name.split("_")[0]
        return base not in bound and own(base) and (writes_name(latex, base) or reaches(base))

    def numbered(name: str, span: str) -> bool:
        """μ_2 in the prose beside a declared number μ: another name, if the display does
        not write it (μ_1, μ_2 of two Gaussians; the display's μ is μ alone)."""
        at = [m.end() for m in re.finditer(rf"{re.escape(name)}(?![A-Za-z])", span)]
        return bool(at) and scalar(name) and all(
            re.match(r"\s*_\s*\{?\s*\d", span[k:]) for k in at) and not any(
            re.search(rf"{re.escape(name)}\s*_\s*\{{?\s*{re.escape(m.group(1))}\b", latex)
            for m in re.finditer(rf"{re.escape(name)}\s*_\s*\{{?\s*(\d+)", span))

    # a condition of an earlier section's prose binds nothing here (its definitions still
    # do: they are refused)
    heading = max(_HEADING.finditer(before), key=lambda h: h.start(), default=None)
    if heading is not None:
        before = _MATH_SPAN.sub(lambda m: m.group(0) if _EQUATES.search(m.group(0)) else " ",
                                before[:heading.start()]) + before[heading.start():]
    for where, paragraph in (("before", before), ("after", after)):
        for sentence in _sentences(paragraph):
            spans = _spans(sentence)
            for start, raw, _ in spans:
                span = raw.strip().rstrip(".,;")
                if not _TIES.search(span) or all(p in cases for p in case_parts(as_case(span))) \
                        or other_case(span, cases) \
                        or " ".join(span.split()) == " ".join(solved.strip("$ ").split()) \
                        or re.sub(r"\s+", "", span) in stated \
                        or re.sub(r"\s+", "", span) in compact \
                        or re.fullmatch(r"\s*\[[^\[\]]*\]\s*", span) \
                        or (re.search(r"\\approx|≈", span) and not _EQUATES.search(span)):
                    continue  # (f'(x) ≈ 0: an approximation, no exact hypothesis nor value)
                if _A_TYPE.search(span) and not _SIGNED_SET.search(span):
                    letter = _names(span)[:1]  # x \in \mathbb{R}^n: its type, which the
                    if not re.search(r"\\mathbb\{[NZ]\}|[ℕℤ]", span) or not letter \
                            or not used(letter[0]) or implied(letter[0], f"{letter[0]} integer"):
                        continue  # declarations say; n \in \mathbb{Z} only where n is one
                    raise Bad(f"the prose {where} this display says ${span}$, which is not read: "
                              f"checked without it, {letter[0]} would be free to take any value; "
                              f"declare it (symbols = {{ {letter[0]} = \"integer\" }}, or a "
                              "size under dims)", pos=Pos(1, 1))
                said = _LISTED.sub("", sentence[:start])  # ("Take $x = 1$, $w = 0.5$": w's
                if _BINDING.search(said) is None or _RESULT.search(said):  # cue is Take too)
                    continue
                if any(defined(n) for n in _names(span)) and not _NAME_SIDE.fullmatch(span):
                    continue  # a fact about a defined name (not a definition of a new one)
                scripts = script_letters(span)  # (k of \sum_k y_k is the sum's)
                parts = _TIES.split(span)
                sides = [_own_names(side) for side in parts]
                lone = [(k, s[0]) for k, s in enumerate(sides) if len(s) == 1]
                if any(writes_name(other, name) for k, name in lone
                       for j, other in enumerate(parts) if j != k):
                    continue  # x = (x_1, …, x_n): the name's own entries, no value for it
                alone = [s[0] for s, part in zip(sides, parts, strict=True)  # u of wx + b =
                         if len(s) == 1 and not _CALLED.match(part)]  # u: what it
                # defines (its other side's letters are what u is made of); a relation with
                # no side that is one name (a + b = 1) binds all its letters
                hit = next((n for n in (alone or _names(span)) if n not in scripts and used(n)
                            and not numbered(n, span)), None)
                if hit is None and not defines:  # "Here $i = 1$.": a value of its index
                    _no_index_value(span, indexed or latex, paragraph, where)
                if hit is None or defines:  # (a definition the prose before it makes, for the
                    # displays after: a condition is one display's)
                    if where == "before" and alone and _EQUATES.search(span) \
                            and not identity(span):
                        later += [(n, span) for n in alone if n not in scripts and n != defines
                                  and own(n.split("_")[0]) and not implied(n, span)]
                    continue
                if implied(hit, span) or identity(span):
                    continue  # (λ > 0 with λ declared positive; an identity binds nothing)
                refused = Bad(f"the prose {where} this display says ${span}$, which is not read "
                              f"(a hypothesis or a definition in prose): checked without it, "
                              f"{hit} would be free to take any value. Write a definition as a "
                              f"display before this one (\\[{span}\\]), a condition after the "
                              f"step (\\quad ({span})) or under given; a result the page derived "
                              "above, restated as a display, is checked and then used; an "
                              f"undeclared {hit} the prose only mentions can be declared",
                              pos=Pos(1, 1))
                # a bound (x > 0, z > λ): checked without it, only a refutation is in doubt
                refused.soft = not _EQUATES.search(span) and re.search(  # type: ignore[attr-defined]
                    r"[<>≤≥]|\\(?:[lg]eq?|[lg]t|geqslant|leqslant)(?![A-Za-z])", span) is not None
                refused.written, refused.how = span, (  # type: ignore[attr-defined]
                    f"write it after the step (\\quad ({span})) or under given")
                if where == "before" and alone and _EQUATES.search(span):  # ("Suppose
                    # $w = 2b$." binds w for the displays after this one too)
                    refused.later = [(n, span) for n in alone if n not in scripts  # type: ignore[attr-defined]
                                     and own(n.split("_")[0]) and not implied(n, span)]
                raise refused
            said_of = _said_of(sentence, spans, lambda n: used(n) or defined(n),
                               implied)  # (a sign of u, defined u = x − 1: a sign of x − 1, as
            # the display reads u, whether it writes u or x)
            if said_of is not None and defines:
                if said_of[0].lstrip("\\") != defines.strip().lstrip("\\") or where != "before" \
                        or not re.search(r"\b(?:let|assume|assuming|suppose|take|fix)\b",
                                         sentence, re.I):
                    said_of = None  # (a sign of another letter, beside a definition: its own;
                    # "The loss $L$ is nonnegative:" before L = …: a fact, no assumption)
                else:  # "Let $x$ be negative." ⏎ $$x = 3$$: which is x?
                    raise Bad(f"the prose before this display says {said_of[0]} is "
                              f"{said_of[1]} (\"{' '.join(sentence.split())[:80]}\"), and the "
                              f"display defines {defines.strip()}: a definition says what a name "
                              "is, so the two cannot both hold as written; drop one, or give "
                              "the defined quantity a name of its own", pos=Pos(1, 1))
            if said_of is not None:
                name, word, rel = said_of
                how = (f"declare it: given = [\"onehot({name})\"] (at a symbolic length, "
                       f"onehot({name}, t): t the index of its 1)") if rel == "one-hot" else \
                    f"declare it (symbols = {{ {name} = \"integer\" }}, or a size under dims)" \
                    if rel == "integer" else \
                    f"write the case in the display (\\quad ({name} {rel})), or declare it" if rel \
                    else "write the bound as a case in the display (\\quad (…)), or declare it"
                said = Bad(f"the prose {where} this display says {name} is {word} "
                           f"(\"{' '.join(sentence.split())[:80]}\"), which is not read: checked "
                           f"without it, {name} would be free to take any value; {how}",
                           pos=Pos(1, 1))
                # a sign, a range or a kind binds no letter to another: only a refutation is in
                # doubt without it (checker.files.document_build)
                said.soft, said.written, said.how = True, f"{name} is {word}", how  # type: ignore[attr-defined]
                said.letter, said.rel, said.word = name, rel, word  # type: ignore[attr-defined]
                raise said
            if defines and where == "before" and (  # "Let $c$ be $\frac12$." before a display
                    tied := _named_in_words(sentence, spans, lambda n: own(n.split("_")[0]))
            ) is not None and tied[0] != defines:  # that defines p(x) = c e^{-x²}: the later
                later.append((tied[0], f"{tied[0]} = {tied[1]}"))  # displays that use c
                # (through p too) are refused
            if not defines and (tied := _named_in_words(sentence, spans, used)) is not None \
                    and not (implied(tied[0], "declared") and not any(  # (declared, and the
                        used(n) for n in _NAMES.findall(re.sub(  # display writes nothing
                            r"_\{[^{}]*\}|_\\?\w+|\\[lc]?dots", " ", tied[1])))):
                # it is tied to: the tie cannot matter here)
                name, other = tied
                write = f"write {name} = {other} as a display before this one" \
                    if not re.search(r",|\\[lc]?dots", other) else \
                    "write what it says as an equation in a display before this one"
                raise Bad(f"the prose {where} this display ties {name} to ${other}$ in words "
                          f"(\"{' '.join(sentence.split())[:80]}\"), which is not read: checked "
                          f"without it, {name} would be a letter of its own; {write}, or "
                          f"declare {name} a variable (symbols) if the display needs nothing of "
                          "what the prose says", pos=Pos(1, 1))
    if not cases and not defines:  # a case or a sign in words, not read: a refutation is in
        said = _worded_case(indexed or latex, last_paragraph, after, used, implied)  # doubt
        if said is not None:
            refused = Bad(f"the prose says \"{said}\", which may state a case or a sign that is "
                          "not read: the display is checked as written, for every value; write "
                          "the case in math (If $i = j$:, \\quad (x > 0)) to check it there",
                          pos=Pos(1, 1))
            refused.soft, refused.written = True, said  # type: ignore[attr-defined]
            refused.how = "write the case in math"  # type: ignore[attr-defined]
            raise refused
    return later


# a case of two indices in words ("If the indices coincide", "For every other $j$:", "on the
# diagonal"), a sign of a letter in words without math ("Here x is a positive number.")
_INDEX_WORDS = re.compile(r"\b(?:coincid\w*|equal|same|differ\w*|different|distinct|unequal|"
                          r"other|remaining|rest|diagonal|off-?diagonal|otherwise|agree\w*|"
                          r"match\w*|repeated|identical)\b", re.I)
_CASE_CUE = re.compile(r"^\W*(?:if|when|whenever|for|taking|take|suppose|assume|assuming|in\s+"
                       r"(?:the\s+)?case|now|and|case|on|where|with|then)\b", re.I)
# a kind, a set of values or a meaning said in words of a letter in the sentence's math
_SAID_KIND = (r"(?:different\s+from\s+(?:zero|0|\$\s*0\s*\$)|(?:never|nowhere)\s+(?:vanish\w*|zero)|"
              r"(?:cannot|can't|can\s+not|must\s+not|may\s+not|does\s+not|doesn't)\s+(?:be\s+)?"
              r"(?:zero|0|\$\s*0\s*\$|vanish\w*)|non-?vanishing|zero\b|\$\s*0\s*\$|"
              r"integers?|odd|even|natural(?:\s+numbers?)?|whole\s+numbers?|binary|(?:either\s+)?"
         r"(?:0|zero)\s+or\s+(?:1|one)|non-?zero|non-?negative|positive(?!\s+(?:semi-?)?definite)|"
         r"negative(?!\s+(?:semi-?)?definite)|(?:the\s+)?(?:sample\s+|empirical\s+)?(?:mean|"
         r"average|expectation|expected\s+value|variance|median|standard\s+deviation)\b)")
_KIND_SAID = re.compile(  # said of the formula right before it, or of the one right after it
    r"(?P<of>\$[^$]*\$)\s*(?:\(\s*)?(?:(?:which|that)\s+)?(?:is|are|be|being|denotes|stands\s+"
    r"for|represents|must\s+be|is\s+always|is\s+never)?\s*(?:an?\s+|either\s+|always\s+|not\s+)*"
    + _SAID_KIND + r"|\b(?:every|each|any|all|an?|some|for|take)\s+" + _SAID_KIND
    + r"(?:\s+(?:numbers?|integers?|reals?|values?))?\s+(?P<to>\$[^$]*\$)", re.I)
_NOTATION = re.compile(r"\\delta|δ|kronecker|indicator|\\mathbb\s*\{?\s*1|iverson", re.I)
_AFTER_CUE = re.compile(r"^\W*(?:on|for|when|whenever|if|valid|only|in\s+the|which\s+holds|"
                        r"holding|where)\b", re.I)
_SIGN_IN_WORDS = re.compile(
    r"(?<![A-Za-z$\\])([A-Za-z])\s+(?:(?:must|should|has\s+to|needs\s+to|will)\s+)?(?:is|be|"
    r"being|are|stays|remains)\s+(?:a\s+|an\s+)?(?:never\s+|not\s+|always\s+|strictly\s+)*(?:"
    r"positive|negative|non-?negative|non-?positive|larger|greater|bigger|smaller|less|above|"
    r"below)\b|(?<![A-Za-z$\\])([A-Za-z])\s+(?:(?:must|should|has\s+to|needs\s+to|will)\s+)?(?:"
    r"exceeds?|greater\s+than|larger\s+than|bigger\s+than|less\s+than|smaller\s+than|above|"
    r"below|at\s+least|at\s+most)\s+(?:0|zero)\b|(?<![A-Za-z$\\])([A-Za-z])\s+in\s+[(\[]\s*0\s*,"
    r"|\b(?:positive|negative|non-?negative|non-?positive)\s+(?:inputs?|values?|numbers?|"
    r"arguments?|reals?)\b", re.I)


def _worded_case(latex: str, paragraph: str, after: str, used: Callable[[str], bool],
                 implied: Callable[[str, str], bool]) -> str | None:
    """A sentence of the paragraph right before a display (or the first after it) that states
    a case of the display's indices in words, or a sign of one of its letters in words
    without math, which nothing reads; None where there is none."""
    summed = set(re.findall(r"\\(?:sum|prod)\s*_\s*\{?\s*([A-Za-z])", latex))
    free = set()
    for braced, single in _ENTRY_SCRIPT.findall(latex):
        free |= set(re.findall(r"[A-Za-z]", re.sub(r"\\[A-Za-z]+", " ", braced))) | (
            {single} if single else set())
    free -= summed
    def sentences(text: str) -> list[str]:
        return [x for x in re.split(r"(?<=[.!?;:])\s+|\n\s*\n", text) if x.strip()]

    first_after = next(iter(sentences(after)), "")
    for where, sentence in [*(("before", x) for x in sentences(paragraph)),
                            ("after", first_after)]:
        flat = " ".join(sentence.split())
        if _NOTATION.search(flat):
            continue  # ("where δ_{ij} is 1 if i = j and 0 otherwise": what δ means)
        words = _INDEX_WORDS.search(re.sub(r"\$[^$]*\$", " ", flat))
        letters = set(re.findall(r"(?<![A-Za-z\\])([A-Za-z])(?![A-Za-z])", flat))
        cue = where == "before" and _CASE_CUE.match(flat) is not None
        if (where == "before" or _AFTER_CUE.match(flat)) and len(free) >= 2 and ((
                words is not None and (
                cue or letters & free or re.search(r"\b(?:indices|index|diagonal)\b", flat, re.I)))
                or (cue and len(letters & free) >= 2)):  # (When $j$ is $i$:)
            return flat[:80]
        math_letters = {x for f in re.findall(r"\$([^$]*)\$", flat) for x in re.findall(
            r"(?<![A-Za-z\\])[A-Za-z](?![A-Za-z])|(?<=\\)(?:mu|sigma|lambda|alpha|beta|theta)\b",
            re.sub(r"\\(?:mathbb|mathrm|text)\s*\{[^{}]*\}", " ", f))}
        for m in _KIND_SAID.finditer(flat):  # ("For every integer $n$,", "Each $y_j$ is
            said = m.group("of") or m.group("to")  # either 0 or 1", "where $\mu$ is the mean of
            of = {x for x in math_letters if re.search(  # the $x_i$", "by $y$ (which is
                rf"(?<![A-Za-z]){re.escape(x)}(?![A-Za-z])", said or "")}  # nonzero)")
            if any((used(x) or (len(x) > 1 and used("\\" + x))) and not implied(x, f"{x} > 0")
                   and not implied(x, f"{x} < 0") and not implied(x, f"{x} integer") for x in of):
                return flat[:80]
        for m in _SIGN_IN_WORDS.finditer(re.sub(r"\$[^$]*\$", " ", flat)):
            letter = next((g for g in m.groups() if g), None)
            if letter is None and "$" not in flat and any(  # ("Restricting to positive inputs:")
                    used(v) and not implied(v, f"{v} > 0") and not implied(v, f"{v} < 0")
                    for v in set(re.findall(r"(?<![A-Za-z\\])[A-Za-z](?![A-Za-z])", latex))):
                return flat[:80]
            if letter is None:
                continue
            if letter.lower() != "a" and used(letter) and not implied(letter, f"{letter} > 0") \
                    and not implied(letter, f"{letter} < 0"):
                return flat[:80]
    return None


def _named_in_words(sentence: str, spans: list[tuple[int, str, int]],
                    used: Callable[[str], bool]) -> tuple[str, str] | None:
    """(letter, expression) where a sentence names an expression by a letter the display uses,
    with a naming verb ("Let $u$ be $wx+b$", "Call $wx + b$ the pre-activation $u$"); None
    where it does not (or states a result)."""
    naming = _NAMING.search(sentence)
    if naming is None or _RESULT.search(sentence[:naming.start()]):
        return None
    alone = [(a, t) for a, t, _ in spans if len(_names(t)) == 1 and not _TIES.search(t)
             and re.fullmatch(r"\s*[^+\-*/^()]+\s*", t)]
    exprs = [(a, t) for a, t, _ in spans if (len(_names(t)) >= 2
             or re.search(r"[+\-*/^(]|\\frac|\\sum", t)) and not _TIES.search(t)]  # (not a
    # statement: "Let $z \in \mathbb{R}^3$ be the logits and $y$ a label" names nothing)
    for a, t in alone:
        name = _names(t)[0]
        other = next((u for b, u in exprs if b != a and not writes_name(u, name)), None)
        if other is not None and used(name):
            return name, other.strip()
    return None


# a sign or a kind in words, said of a letter in the same sentence ("Let $x$ be negative",
# "For a negative input $x$", "$y$ is a one-hot vector"), or a set of signed numbers
_SIGNED_SET = re.compile(r"\\mathbb\{R\}\s*(?:\^\s*\{?\s*[-+*]|_\s*\{?\s*(?:[-+><]|\\[lg]eq?))|[ℝ][⁺⁻₊₋]")


def _said_of(sentence: str, spans: list[tuple[int, str, int]], used: Callable[[str], bool],
             implied: Callable[[str, str], bool]) -> tuple[str, str, str] | None:
    """(letter, the word, the relation a display writes) where a sentence says a letter the
    display uses is positive, negative, one-hot …, next to it ("Let $x$ be negative", "For a
    negative input $x$", "$y$ is a one-hot vector", "$x \\in \\mathbb{R}^-$"); None where it
    says nothing of the kind ("the negative log-likelihood of the label $y$")."""
    sentence = re.sub(r"(?<=\s)\*{1,2}(?=[A-Za-z])|(?<=[A-Za-z])\*{1,2}(?=[\s.,;:])",
                      lambda m: " " * len(m.group(0)), sentence)  # ("*negative*": emphasis)
    sentence = re.sub(r",\s*say\s*,", lambda m: " " * len(m.group(0)), sentence)  # ("be, say,
    # negative": the sign said, in doubt: soft)
    for start, text, end in spans:
        names = _names(text)
        if names and not used(names[0]) and re.fullmatch(r"\s*[A-Za-z]_\{?[A-Za-z0-9]+\}?\s*",
                                                         text) and used(text.strip()):
            names = [text.strip()]  # (u_1 defined by a display: the sign is u_1's, not u's)
        if not names or not used(names[0]):
            continue
        if len(names) == 1 and not _TIES.search(text):
            before = re.search(rf"\b({_SIGN}|one-?hot)\s+(?:[A-Za-z]+\s+)?$",
                               sentence[max(0, start - 60):start], re.I)
            after = re.match(rf"\s*(?:(?:(?:,\s*(?:and\s+)?|and\s+)\$[^$]{{1,20}}\$\s*)*"  # ($a$ and
                             rf"(?:is|be|are|being|to\s+be|denotes?|stands\s+for|represents|"  # $b$ …)
                             rf"cannot\s+be|can'?t\s+be|must\s+be)\s*(?:never\s+|not\s+|always\s+)?"
                             rf"(?:a|an|any|some)?\s*({_SIGN}|one-?hot|{_KIND}|{_COMPARED})\b|"
                             rf"({_COMPARED})\b|"
                             rf"(?:is|be|are|being|to\s+be)\s+(?:the|its|their)\s+({_SIGN})\s+"
                             rf"(?:real\s+)?(?:roots?|solutions?|zeros?|square\s+roots?|values?|"
                             rf"numbers?|ones?)\b|"  # ("Let $x$ be the positive root.")
                             rf"({_SIGN}|one-?hot)\b{_NOT_A_NOUN}|"
                             rf"(?:tak(?:e|es|ing)|(?:is\s+)?restricted\s+to|to|in|over|among|with|rang\w*\s+"
                             rf"over)\s+(?:only\s+)?(?:the\s+|a\s+)?({_SIGN})\s+(?:values?|"
                             rf"reals?|numbers?|real\s+numbers|half-?line|axis)\b)",
                             sentence[end:], re.I)
            found = before or after
            if found is None:
                continue
            word = " ".join(next(g for g in found.groups() if g).lower().split())
            word = f"{'an' if word[0] in 'aeiou' else 'a'} {word}" if re.fullmatch(_KIND, word) \
                else word
            rel = "one-hot" if "hot" in word else next(
                (r for w, r in (*_SIGN_AS, *_KIND_AS) if re.search(rf"\b{w}\b", word)), "")
            if re.fullmatch(_COMPARED, word, re.I):  # "at least $1$", "exceeds $0$": a
                return names[0], "bounded (in words)", ""  # bound said in words
            if re.search(r"\b(?:never|not|cannot|can'?t)\b", found.group(0), re.I):
                word, rel = f"never {word}", {"< 0": "\\geq 0", "> 0": "\\leq 0"}.get(rel, "")
            if all(implied(names[0], f"onehot({names[0]})" if rel == "one-hot"
                           else f"{names[0]} {one}") for one in rel.split(" and ")):
                continue  # the declarations say it already
            return names[0], word, rel.replace(" and ", f", {names[0]} ")
        if _SIGNED_SET.search(text):
            return names[0], f"in {text.split('in', 1)[-1].strip()}", text
    return None


def no_imaginary_unit(steps: list, ctx: Context) -> None:
    """e^{iωt}, 1/(1 + iω), e^{iπ} = −1 with i declared nothing: the imaginary unit, or a
    real letter? Read as a real letter, |e^{iωt}|² = e^{2iωt} was proved and Euler's formula
    refuted at i = 0. Complex numbers are not read: refused (see imaginary_in)."""
    if any(s.node is None or s.error is not None for s in steps):  # (refused already)
        return
    imaginary_in([s.node for s in steps], ctx)


def imaginary_in(nodes: list, ctx: Context, own: frozenset[str] = frozenset()) -> None:
    """Refuse i where it may be the imaginary unit: declared nothing (nor a parameter in
    ``own``), bound by no sum, and written bare in an exponent of e (x_i e^{it}: an index
    there, or i?) or, used as no index in the display (z_i, δ_{ij}, i = j), anywhere; and j
    bare in an exponent of e (e^{jθ}, the engineers' i)."""
    for letter in ("i", "j"):
        if ctx.kind(letter) is not None or letter in ctx.latex or letter in own:
            continue
        everywhere = [n for node in nodes for n in walk(node)]
        if not any(isinstance(n, Name) and n.id == letter for n in everywhere) \
                or any(binder(n) == letter for n in everywhere):
            continue
        in_exponent = any(letter in _bare_names(a) for n in everywhere
                          if isinstance(n, Call) and n.func == "exp" for a in n.args)
        as_index = any(isinstance(m, Name) and m.id == letter for n in everywhere
                       for part in (n.indices if isinstance(n, Index) else n.args
                                    if isinstance(n, Call) and n.func == "delta" else
                                    n.args[1:2] if isinstance(n, Call)
                                    and n.func in ("_member", "_row_of")
                                    else (n.left, n.right) if isinstance(n, Compare) else ())
                       for m in walk(part))
        if in_exponent or (letter == "i" and not as_index):
            raise Bad(f"{letter}: the imaginary unit, or a real letter? Complex numbers are not "
                      f"read; if {letter} is a real number here, declare it under [context] "
                      f"symbols (an index: write it as one, as in z_{letter} or "
                      f"\\sum_{letter}, and not bare in an exponent of e)")


def _bare_names(node: Node) -> set[str]:
    """The names a tree writes outside indices (x_i's i is not bare; e^{it}'s is)."""
    out, stack = set(), [node]
    while stack:
        n = stack.pop()
        if isinstance(n, Index):
            stack.append(n.target)
            continue
        if isinstance(n, Call) and n.func == "_member":  # a_i of a family the page defines:
            stack.extend(n.args[2:])  # its index is one (its value, read at it, may have more)
            continue
        if isinstance(n, Name):
            out.add(n.id)
        stack.extend(children(n))
    return out
