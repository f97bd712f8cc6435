"""Hypotheses the prose states in words, with no letter beside them: "The labels are one-hot.",
"Assume the target vector sums to one.", "valid for one-hot targets", "This holds on the
positive reals." The reader does not turn words into hypotheses (a stated convention could not
say which vector, nor how far the words hold); a display checked without them would be refuted
where the author's hypothesis fails. So a display whose letters they may concern, and whose
declarations do not say it already, is checked as written, and a refutation becomes unknown
(the readings, with the words and without them, disagree), with the declaration to write. A
proof stands where it covers every value the words may mean (see checker.engine._restricted:
words that only narrow a vector keep a proof wherever its sides are defined).

How far the words hold: a one-hot label or a distribution, said anywhere in a section's prose
before a display (or in the paragraph after it), holds for that display and the later ones of
the section; a sign ("the positive reals") only in the prose right before or after the display.
A sentence that negates the words ("not one-hot", "unlike one-hot encodings", "soft labels") says
nothing. A letter said to be one-hot next to it ("$y$ is one-hot") is :mod:`checker.files.names`'s
business (:func:`~checker.files.names.no_prose_binding`)."""

from __future__ import annotations

import re

import sympy as sp

from checker.model import MATRIX_WORDS, MatrixProperty
from checker.parse.context import Context

ONE_HOT = re.compile(r"\bone[- ]?hot\b|\bindicator\s+vectors?\b|\bsingle\s+non-?zero\s+entry\b"
                     r"|\bone-of-(?:\$[^$]{1,12}\$|[A-Za-z]+\b)|\bexactly\s+one\s+"
                     r"(?:entry|component|element|coordinate)\b[^.]{0,40}?\b(?:is\s+)?(?:1|one)\b"
                     r"|\b(?:a\s+)?single\s+(?:1|one|entry|component|element|coordinate)\b[^.]{0,40}?"
                     r"\bzeros?\b|\bexactly\s+one\s+(?:1|one)\b|\b1[- ]hot\b"
                     r"|\b(?:a\s+)?(?:1|one)\s+(?:\$[^$]{0,12}\$\s+)?(?:in|at)\s+(?:the\s+)?(?:position|"
                     r"entry|place|index|coordinate|slot)\b[^.]{0,60}?\b(?:0|zeros?)\s+elsewhere\b"
                     r"|\bevery\s+other\s+(?:entry\s+|component\s+)?\$[^$]{1,20}=\s*0\s*\$", re.I)
SUMS_TO_ONE = re.compile(r"\b(?:sums?|adds?|totals?)\s+(?:up\s+)?(?:to\s+)?\$?\s*(?:one|1|unity)\b"
                         r"|\bsum\s+of\s+(?:its|the)\s+"
                         r"(?:entries|components|elements)\s+is\s+(?:one|1)\b|\bprobability\s+"
                         r"(?:vector|distribution)s?\b|\b(?:is|are)\s+(?:a\s+)?distributions?\s+"
                         r"over\b|\b(?:is|are)\s+(?:a\s+)?valid\s+(?:probability\s+)?distributions?\b"
                         r"|\bon\s+the\s+(?:probability\s+)?simplex\b|\bcategorical\b|\bnormali[sz]ed\b(?![^.]*\b(?:means?|variances?|std|standard|unit|batch|layer)\b)"
                         r"|\bpmf\b|\bprobability\s+mass\b|\bstochastic\b"
                         r"|\$\s*\\sum[^$]*\$\s+(?:equals|is)\s+(?:\$\s*1\s*\$|one)", re.I)
POSITIVE = re.compile(r"\b(?:positive|negative)\s+(?:reals?|real\s+(?:numbers|line|axis)|half-?line|axis)\b"
                      r"|\b(?:left|right)\s+of\s+(?:zero|the\s+origin)\b"
                      r"|\(\s*0\s*,\s*\+?\s*(?:\\infty|∞)\s*\)", re.I)
# a range said of a letter written in the sentence ("for $y$ in $[0, 1]$", "between $0$ and
# $1$", "above zero", "not less than $0$", "$y$ … nonnegative", "ℝ₊", "which holds when $y$ is
# a square"): a bound on that letter only ("which is non-negative" of the display's value says
# nothing of its letters)
BOUND = re.compile(r"\b(?:in|on|over|within)\s+(?:the\s+(?:interval|range)\s+)?\$\s*[\[(][^$]*[\])]"
                      r"\s*\$|\bbetween\s+\$[^$]+\$\s+and\s+\$|\bfrom\s+\$[^$]+\$\s+to\s+\$"
                      r"|\b(?:above|below|under|beneath)\s+(?:zero|\$(?![^$]*(?:\\sim|~)))|\b(?:not|no)\s+(?:less|greater|"
                      r"smaller|larger|bigger|more|higher|lower|above|below|under)\b|\bnot\s+"
                      r"(?:positive|negative|exceeding)\b|\b(?:less|greater|smaller|larger|bigger|"
                      r"higher|lower)\s+than\b|\bexceed(?:s|ing)?\b|\bat\s+(?:most|least|or\s+"
                      r"(?:above|below))\b|\b(?:left|right)\s+of\s+(?:the\s+origin|zero|\$)"
                      r"|\b(?:that|which)\s+(?:is|are)\s+(?:strictly\s+)?(?:positive|negative)\b"
                      r"|\b(?:over|past|up\s+to)\s+(?:zero|\$)|\bonwards?\b|\b(?:positive|negative)"
                      r"\s+side\b"
                      r"|\bnon-?\s?(?:negative|positive)\b|\bnever\s+(?:negative|positive)\b"
                      r"|\bof\s+(?:positive|negative)\s+sign\b|\\mathbb\s*\{\s*R\s*\}\s*[_^]"
                      # "which holds when $y$ is a square", "valid for $y = |y|$" (not "for all")
                      r"|\b(?:holds|valid|true|correct)\s+(?:only\s+)?(?:for|when|if|whenever|where)\b"
                      r"(?!\s+(?:all|every|any|each)\b)", re.I)
# a property of a matrix ("Q is orthogonal", "for orthogonal Q", "Σ, a covariance matrix"): the
# display's matrices may be meant, and only a symmetric one can be declared
MATRIX_PROPERTY = re.compile(r"\borthogonal\b(?!\s+(?:to|with|complement|projection|basis)\b)"
                             r"|\borthonormal\b|\bunitary\b|\bidempotent\b|\bhermitian\b"
                             r"|\b(?:skew-?\s?)?symmetric\b|\bpositive[\s-]+(?:semi-?\s?)?definite\b"
                             r"|\b(?:PSD|SPD)\b|\b(?:is|are)\s+diagonal\b"
                             r"|\b(?:covariance|diagonal|rotation|permutation|projection|gram|"
                             r"correlation|precision|orthogonal)\s+matri(?:x|ces)\b", re.I)
_DECLARABLE = re.compile(r"\Asymmetric\Z", re.I)  # (a covariance matrix is positive definite too)
_NEGATED = re.compile(r"(?:\bnot\b|n't\b|\bunlike\b|\binstead\s+of\b|\brather\s+than\b|\bwithout\b|"
                      r"\bnever\b|\bno\s+longer\b|\bnon(?:-|\b)|\bneed\s+not(?:\s+be)?\b)"
                      r"\s*(?:[A-Za-z$]+\s+){0,3}$", re.I)  # ("Note", "Nonetheless": no negation)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z*(\[$\\])|\n\s*\n|\n\s*[-*+]\s+")
_LETTER = re.compile(r"(?<![A-Za-z\\])([A-Za-z])(?![A-Za-z])")


def sentences(text: str, kinds: tuple[str, ...] = ("one-hot", "sums to one", "matrix property")
              ) -> list[tuple[str, str]]:
    """(kind, sentence) for each sentence of ``text`` that states one of ``kinds`` in words."""
    out = []
    found = {"one-hot": ONE_HOT, "sums to one": SUMS_TO_ONE, "positive": POSITIVE,
             "bound": BOUND, "matrix property": MATRIX_PROPERTY}
    for sentence in _SENTENCE.split(text):
        for kind in kinds:  # (a negation right before the words: "not one-hot", "unlike …";
            # a bound negated is a bound still: "not exceeding $0$")
            if any(True for _ in (found[kind].finditer(sentence) if kind == "bound"
                                  else _affirmed(found[kind], sentence))):
                out.append((kind, " ".join(sentence.split())))
    return out


def check(said: list[tuple[str, str]], latex: str, ctx: Context, given: list[str]) -> str:
    """Why a refutation of the display (``latex``) proves nothing, where a sentence of ``said``
    may concern its letters and the declarations do not say it (see the module docstring): a
    clause for :attr:`checker.model.Claim.unheld`; "" where nothing is said."""
    letters = {m.group(1) for m in _LETTER.finditer(re.sub(r"\\[A-Za-z]+", " ", latex))}
    vectors = sorted(v for v in letters if ctx.kind(v) == "vector")
    matrices = sorted(v for v in letters if ctx.kind(v) == "matrix")  # (one-hot rows, rows
    for kind, sentence in said:                                       # that sum to one)
        if kind in ("one-hot", "sums to one") and (vectors or matrices):
            if _of_another(kind, sentence, vectors + matrices):
                continue
            if any(_one_hot(g, v) or (kind == "sums to one" and _sums(g, v))
                   for g in given for v in vectors + matrices):
                continue
            v = vectors[0] if len(vectors) == 1 else "y"
            at = ", t" if v in ctx.symbolic else ""  # (at a symbolic length: the index of its 1)
            how = f"given = [\"onehot({v}{at})\"]" if kind == "one-hot" else \
                f"given = [\"sum({v}) == 1\"]"
            if not vectors:
                words = (ONE_HOT if kind == "one-hot" else SUMS_TO_ONE).search(sentence)
                before = sentence[:words.start()] if words else sentence
                at = {m: max((x.start() for x in re.finditer(_in_math(m), before)),
                             default=-1) for m in matrices}  # (the one named last before the
                # words, as "$Y$ holds …")
                named = sorted(matrices, key=lambda m: -at[m])
                return (f"the prose says \"{_quoted(sentence)}\" ({kind}), which is not read as a "
                        f"hypothesis: the readings with it and without it disagree; said of the "
                        f"rows or columns of {named[0]}, no given says it of the whole matrix: "
                        "write the display for one row, a vector declared with it (given = "
                        "[\"onehot(y)\"]), to check the line with it")
            return (f"the prose says \"{_quoted(sentence)}\" ({kind}), which is not read as a "
                    f"hypothesis: the readings with it and without it disagree; declare it for the "
                    f"vector meant ({how} in the section's block) to check the line with it")
        if kind == "matrix property":
            said = _matrix_property(sentence, latex, ctx, given)
            if said:
                return said
            continue
        if kind in ("positive", "bound"):
            loose = sorted(s for s in letters if ctx.kind(s) == "symbol" and s not in ctx.dims
                           and not _signed(ctx, s) and not any(
                               re.search(rf"(?<![A-Za-z]){s}\s*[<>]", g) for g in given)
                           and (kind == "positive" or re.search(  # (said of that letter)
                               _in_math(s), sentence)))
            if loose:
                return (f"the prose says \"{_quoted(sentence)}\" (a sign or a bound), which is not "
                        "read as a hypothesis: the readings with it and without it disagree; "
                        f"write the condition it states in the display (\\quad ({loose[0]} … )), "
                        f"or declare {loose[0]}'s sign as the words say (symbols = {{ {loose[0]} = "
                        "\"positive\" }, or \"negative\", \"nonnegative\" …)")
    return ""


def hypotheses(said: list[tuple[str, str]], latex: str, ctx: Context, given: list[str]
               ) -> tuple[str, ...]:
    """The hypotheses (as a ``given`` writes them) that the first one-hot or sums-to-one
    sentence :func:`check` names would be, for every vector of explicit length the display
    writes and does not differentiate by; () where the words name another kind, or a vector
    of symbolic length is written."""
    letters = {m.group(1) for m in _LETTER.finditer(re.sub(r"\\[A-Za-z]+", " ", latex))}
    vectors = sorted(v for v in letters if ctx.kind(v) == "vector")
    for kind, sentence in said:
        if kind not in ("one-hot", "sums to one") or not vectors \
                or _of_another(kind, sentence, vectors):
            continue
        # every vector the display writes (a point where all of them hold is one where the
        # one the words mean holds, whichever it is), but one it differentiates by (a one-hot
        # variable of a derivative means nothing): the sentence's own letters may be another
        # vector's ("Unlike the prediction $p$, the label is one-hot.")
        by = set(re.findall(r"\\partial\s*(?:\\mathbf\s*\{\s*)?([A-Za-z])", latex)) \
            | set(re.findall(r"\\nabla_\{?\s*([A-Za-z])", latex))
        meant = [v for v in vectors if v not in by]
        if not meant:
            return ()
        if any(v not in ctx.vectors and v not in ctx.symbolic for v in meant):
            return ()
        written = set(letters)
        fresh = next((t for t in ("t", "t_0", "t_1", "t_2") if t not in written
                      and ctx.kind(t) is None), None)  # (the index of a symbolic vector's 1)
        if fresh is None and any(v in ctx.symbolic for v in meant):
            return ()
        return tuple((f"onehot({v}, {fresh})" if v in ctx.symbolic else f"onehot({v})")
                     if kind == "one-hot" else f"sum({v}) == 1" for v in meant)
    return ()


def _matrix_property(sentence: str, latex: str, ctx: Context, given: list[str]) -> str:
    """Why a refutation of a display with a declared matrix proves nothing where the prose
    says a property of a matrix (orthogonal, symmetric, positive definite …) that its
    declarations do not: "" where the display has no matrix, or every one is declared with
    the property (a symmetric one: assume = "symmetric", or given = ["A == T(A)"])."""
    from checker.files.document_conditions import declared_symmetric

    words = _affirmed(MATRIX_PROPERTY, sentence)
    matrices = sorted(_concerned(sentence, latex, ctx))
    if not matrices or not words:
        return ""
    declarable = all(_DECLARABLE.match(" ".join(m.group(0).split())) for m in words)
    if declarable and all(declared_symmetric(ctx, n, given) for n in matrices):
        return ""
    how = ("declare the matrix meant symmetric (matrices = { A = { size = [\"n\", \"n\"], "
           "assume = \"symmetric\" } }, or given = [\"A == T(A)\"] at an explicit size)"
           if declarable else "write the display for a matrix that has it by construction "
           "(Q^T Q = I cannot be declared), or reword the prose if the display does not need it")
    return (f"the prose says \"{_quoted(sentence)}\" {MATRIX_WORDS}, which is not read as a "
            f"hypothesis: the readings with it and without it disagree; {how}")


# what each property says, as checker.matrix_properties checks it at a counterexample (the
# strongest reading of the words: a projection is symmetric as well); words not listed
# (skew-symmetric, a rotation, a permutation, a correlation matrix) cannot be checked there
_KINDS = (
    (r"skew", ()),
    (r"(?:rotation|permutation|correlation)\s+matri", ()),
    (r"semi-?\s?definite|PSD|covariance|gram", ("positive semi-definite",)),
    (r"definite|SPD|precision", ("positive definite",)),
    (r"orthogonal|orthonormal|unitary", ("orthogonal",)),
    (r"idempotent|projection", ("idempotent", "symmetric")),
    (r"diagonal", ("diagonal",)),
    (r"symmetric|hermitian", ("symmetric",)),
)


def properties(said: list[tuple[str, str]], latex: str, ctx: Context, given: list[str]
               ) -> tuple[MatrixProperty, ...]:
    """The matrix properties the sentences of ``said`` state of the display's matrices (of
    symbolic size), as :class:`checker.model.MatrixProperty` for a counterexample to be
    checked against; () where one of them cannot be checked, or concerns no such matrix."""
    kinds: list[str] = []
    concerned: set[str] = set()
    for kind, sentence in said:
        if kind != "matrix property" or not _matrix_property(sentence, latex, ctx, given):
            continue
        for m in _affirmed(MATRIX_PROPERTY, sentence):
            found = next((k for pattern, k in _KINDS if re.search(pattern, m.group(0), re.I)),
                         ())
            if not found:
                return ()
            kinds += [k for k in found if k not in kinds]
        concerned |= _concerned(sentence, latex, ctx)
    if not kinds or not concerned or any(n not in ctx.symbolic_matrices for n in concerned):
        return ()
    return (MatrixProperty(tuple(kinds), tuple(
        (ctx.symbolic_matrices[n][0], sp.Tuple(*ctx.symbolic_matrices[n][1:]))
        for n in sorted(concerned))),)


def _affirmed(words: re.Pattern, sentence: str) -> list[re.Match]:
    """The places ``words`` match in the sentence with no negation right before them ("not
    one-hot", "unlike …", "need not be symmetric")."""
    return [m for m in words.finditer(sentence)
            if not _NEGATED.search(sentence[max(0, m.start() - 32):m.start()])]


def _concerned(sentence: str, latex: str, ctx: Context) -> set[str]:
    """The display's declared matrices a sentence may speak of: those it names, or all."""
    def named(text: str, plain: bool) -> set[str]:
        letters = _LETTER.findall(re.sub(r"\\[A-Za-z]+", " ", text) if plain else text)
        words = () if plain else (n for n in (*ctx.symbolic_matrices, *ctx.matrices)
                                  if re.search(rf"(?<![A-Za-z\\]){re.escape(n)}(?![A-Za-z])", text))
        return {n for n in (*letters, *words, *(node.id for key, node in ctx.latex.items()
                                                if key in text and isinstance(
                                                    getattr(node, "id", None), str)))
                if ctx.kind(n) == "matrix"}

    matrices, said = named(latex, True), named(sentence, False)
    return said & matrices if said else matrices  # ("Q is orthogonal" of a display about A:
    # none of them)


# a letter in inline math right before the words ("target $y$ (one-hot)", "$y$ is one-hot")
# or right after them ("a one-hot vector $y$"), in the same clause
_SUBJECT_BEFORE = re.compile(r"\$\s*(?:\\(?:mathbf|boldsymbol|bm|vec)\s*\{\s*)?([A-Za-z])\s*\}?\s*\$"
                             r"[^$,;:]{0,40}$")
_SUBJECT_AFTER = re.compile(r"^[^$,;:.]{0,40}?\$\s*(?:\\(?:mathbf|boldsymbol|bm|vec)\s*\{\s*)?"
                            r"([A-Za-z])\s*\}?\s*\$")


def _of_another(kind: str, sentence: str, letters: list[str]) -> bool:
    """Whether the words of ``sentence`` are said of one letter (in inline math next to them)
    that is none of ``letters`` (the display's vectors): "target $y$ (one-hot)" says nothing
    of a display in z alone."""
    words = (ONE_HOT if kind == "one-hot" else SUMS_TO_ONE).search(sentence)
    if words is None:
        return False
    before = _SUBJECT_BEFORE.search(sentence[:words.start()])
    after = _SUBJECT_AFTER.search(sentence[words.end():])
    subject = before or after
    return subject is not None and subject.group(1) not in letters


def _in_math(letter: str) -> str:
    """The pattern of an inline formula that writes ``letter`` (as a letter of its own)."""
    return rf"\$[^$]*(?<![A-Za-z\\]){re.escape(letter)}(?![A-Za-z])[^$]*\$"


def _one_hot(given: str, v: str) -> bool:
    return re.match(rf"\s*onehot\(\s*{re.escape(v)}\s*[,)]", given) is not None


def _sums(given: str, v: str) -> bool:
    return re.search(rf"(?<![A-Za-z])(?:sum\(\s*{re.escape(v)}\s*\)|{re.escape(v)}\[)", given) \
        is not None


def _signed(ctx: Context, name: str) -> bool:
    sym = ctx.symbols.get(name)
    return sym is not None and bool(sym.is_positive or sym.is_negative or sym.is_nonnegative
                                    or sym.is_nonpositive)


def _quoted(sentence: str, limit: int = 120) -> str:
    """The sentence as quoted in a message: whole, or cut at a word with an ellipsis."""
    text = " ".join(sentence.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"
