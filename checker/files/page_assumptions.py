"""Bounds a page states for all that follows: in its preamble (before any heading) or in a
section of notation ("## Setup", "## Notation": :func:`checker.files.prose_scope.statements`
says which sections those are).

``## Setup ⏎ Throughout, let $\\lambda > 0$ be the regularization strength.`` then ``## Problem
1 ⏎ $$\\sqrt{\\lambda^2} = \\lambda$$``: the bound is not right before the display, so it is not
the display's case, and it was not seen at all: the display was refuted at λ = −1, where the
page says λ > 0. Each such bound is now assumed for the later displays of the sections it
speaks of, as a ``Let $x > 0$.`` earlier in a section is (``checker.files.document_build``'s
assumed bounds): not read as a hypothesis, so a refutation stands only where its
counterexample satisfies the bound (checked exactly), and is unknown otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from checker.files.common import INLINE_MATH
from checker.files.document_displays import _letters
from checker.files.document_lookup import _reaches, defined_cases
from checker.files.document_model import Document
from checker.files.intervals import interval_case
from checker.files.letters import reader_name
from checker.files.names import as_case, case_parts
from checker.files.prose import PROBLEM_START
from checker.files.prose_scope import notation, statements, within
from checker.parse.context import Context

# a relation of letters and numbers: x > 0, 0 < p < 1, a, b \ge 0, \lambda \neq 0
_NAME = r"(?:[A-Za-z]|\\[A-Za-z]+)(?:_\{?[A-Za-z0-9]\}?)?"  # (s_1, \sigma_1)
_BOUND = re.compile(rf"\s*(?:{_NAME}|-?\d+(?:\.\d+)?)(?:\s*,\s*{_NAME})*"
                    r"(?:\s*(?:<|>|\\(?:neq?|le(?:q|qslant)?|ge(?:q|qslant)?|lt|gt)(?![A-Za-z])|≤|≥|≠)"
                    rf"\s*(?:{_NAME}|-?\d+(?:\.\d+)?))+\s*")
# a value of a letter: c = 2 (a case; a definition of c it is not: checker.files.prose_definitions)
_VALUE = re.compile(rf"\s*{_NAME}\s*=\s*-?\d+(?:\.\d+)?\s*")
# words of a sentence that say more of a letter than its formula (an integer, even, a
# vector's): the formula alone is then not all the page assumes (its check is not made)
_MORE = re.compile(r"\b(?:integers?|natural|whole|even|odd|primes?|rational|distinct|different|"
                   r"unit|orthogonal|symmetric|definite|diagonal|vectors?|matri(?:x|ces)|"
                   r"probabilit\w*|one-hot|normali[sz]ed|small|large|bounded|finite|"
                   r"non-?zero|non-?negative|positive|negative|not|unless|except|or|number\s+of|"
                   r"counts?|sizes?|dimensions?|lengths?|ind(?:ex|ices)|steps?|iterations?|"
                   r"epochs?|layers?|classes|samples|points|examples|degree|order|if|when|"
                   r"some|exists?|at\s+least\s+one)\b", re.I)  # (of some index only)


@dataclass(frozen=True)
class PageBound:
    """One bound the page assumes for what follows: the display whose prose states it (its
    index), the section it is written in, its line, as written, and the conditions it is
    (() where the sentence says more than them)."""

    at: int
    section: str
    line: int
    written: str
    case: tuple[str, ...]
    formula: bool = True  # stated as a formula (a later display of its own section has it
    # from its section's assumed bounds), not in words (those it has from here)
    forward: bool = False  # in the preamble of a page with headings, or a section of notation


def page_bounds(doc: Document, stated: list[tuple[int, str, int, str, str]] | None = None
                ) -> list[PageBound]:
    """The bounds the preamble and the sections of notation state (see the module
    docstring)."""
    out = []
    cells = doc.path.lower().endswith(".ipynb")  # (a notebook's lines count in each cell:
    for k, formula, line, sentence, section in (  # one before it has none)
            statements(doc) if stated is None else stated):
        line = 0 if cells or line < 1 else line
        words = INLINE_MATH.sub(" ", sentence)
        if _CONDITIONAL.search(words):
            continue  # ("If $i \neq j$:": its display's case, read there)
        forward = notation(section, dict(doc.sections)) and bool(section or doc.sections)
        if _BOUND.fullmatch(formula) is not None or _VALUE.fullmatch(formula) is not None:
            if forward or _ASSUMING.search(words):
                out.append(PageBound(k, section, line, formula.strip(),
                                     sentence_case(sentence, formula), True, forward))
            continue
        said = _WORD_SAID.search(sentence)  # ("Let $x$ be negative.", "Both $a$ and $b$ are
        names = [n.strip() for n in formula.split(",")]  # positive.", "Let $a, b$ be …")
        if said is None or f"${formula}$" not in said.group(0) or _CASE_WORDS.search(words) \
                or not all(re.fullmatch(_NAME, n) for n in names):
            continue
        parts = word_parts(said.group("kind"), names)
        if not parts:  # (an integer, odd: no condition a counterexample can be checked against)
            out.append(PageBound(k, section, line, f"{formula.strip()} \\text{{ "
                                 f"{'are' if len(names) > 1 else 'is'} {said.group('kind')}}}",
                                 (), False, forward))
            continue
        out.append(PageBound(k, section, line, ", ".join(parts), word_case(
            sentence, said.group(0), parts), False, forward))  # (a hypothesis only where the
        # sentence assumes it outright; else a refutation against it is unknown)
    return out


def word_parts(kind: str, names: list[str]) -> list[str]:
    """The conditions a word says of letters ("negative": x < 0; "a probability": 0 ≤ p ≤
    1), or [] for a word that is no condition to check a counterexample against (integer)."""
    kind = re.sub(r"[\s-]", "", re.sub(r"\b(?:strictly|both|all)\b", "", kind.lower()))
    if kind in _SIGNS:
        return [f"{n} {_SIGNS[kind]} 0" for n in names]
    if kind == "aprobability":
        return [f"{n} {op} {v}" for n in names for op, v in (("\\geq", 0), ("\\leq", 1))]
    return []


def word_case(sentence: str, said: str, parts: list[str]) -> tuple[str, ...]:
    """The conditions of a sign said in words (``parts``), where the sentence that says it
    (``said``, the words that do) assumes it outright: it opens with Let, Assume, Suppose …
    ("Let $x$ be negative.", "Assume $a$ and $b$ are positive."), writes no other formula, and
    has no other word of doubt, negation, example, question, mistake or more said of the
    letters ("It is false that $x$ is positive", "Let $x$ be negative or zero"); () else."""
    rest = sentence.replace(said, " ", 1)
    words = INLINE_MATH.sub(" ", sentence)
    rest_words = INLINE_MATH.sub(" ", rest)
    after = sentence[sentence.find(said) + len(said):] if said in sentence else "?"
    if INLINE_MATH.search(rest) or not _OPENS.match(words) or _MORE.search(rest_words) \
            or any(_CONSTANT_LETTER.search(p) for p in parts) \
            or _HEDGED.search(rest_words) or _NOT_ASSUMED.search(words) \
            or _DOUBT.search(words) or not _PLAIN_END.fullmatch(after):  # ("a negative
        return ()  # sample", "a probability density", "negative log-likelihood")
    return tuple(p for part in parts for p in case_parts(as_case(part)))


_SIGNS = {"positive": ">", "negative": "<", "nonnegative": "\\geq", "nonpositive": "\\leq",
          "nonzero": "\\neq"}
# "$x$ is negative", "Let $a$ and $b$ be positive", "$n$ is an integer", "$p$ is a probability"
_WORD_SAID = re.compile(r"(?:\$[^$]{1,20}\$\s*(?:,\s*|,?\s*and\s+))*\$[^$]{1,20}\$\s+"
                        r"(?:is|be|are|denotes?)\s+(?:strictly\s+|both\s+|all\s+)?(?:an?\s+|the\s+)?(?:strictly\s+)?"
                        r"(?P<kind>positive|negative|non-?\s?negative|"
                        r"non-?\s?positive|non-?\s?zero|an?\s+probability|an?\s+integer|integers|"
                        r"an?\s+natural\s+number|natural\s+numbers|odd|even)\b", re.I)
# a sentence that states a case, not an assumption ("If $i \neq j$:", "When $x$ is negative")
_CONDITIONAL = re.compile(r"\b(?:if|when|whenever|unless|case|cases|otherwise)\b", re.I)
# … and for a sign said in words, a "for" too ("For negative $x$ we have")
_CASE_WORDS = re.compile(r"\b(?:if|when|whenever|unless|for|where|suppose\s+not|not|never)\b",
                         re.I)


def reaching(bounds: list[PageBound], number: int, chain: tuple[str, ...],
             sections: dict[str, tuple[str, ...]]) -> list[tuple[int, str, tuple[str, ...], int]]:
    """The bounds that hold for the display ``number`` (1-based) in the sections ``chain``, as
    the assumed bounds of ``checker.files.document_build`` are kept (line, as written, case,
    the display it is stated before)."""
    return [(b.line, b.written, b.case, b.at + 1) for b in bounds
            if b.at < number and within(b.section, chain, sections)
            and (b.forward or b.section != chain[-1] or b.at < number - 1)]  # (a section's
    # own: the case of the display after it, and its section's assumed bound, read there, but
    # where that display does not write its letters: "Let $x < 0$." ⏎ $$y + y = 2y$$ ⏎ $$|x| =
    # -x$$ was refuted at x = 1; one in words is read there only where it writes its letter)




_ASSUMING = re.compile(r"\b(?:let|assume|assuming|suppose|throughout|henceforth|take|fix)\b", re.I)


def sentence_case(text: str, written: str) -> tuple[str, ...]:
    """The conditions of the sentence of ``text`` that states the bound ``written`` ("Let $u >
    0$ and $v > 0$." → u > 0, v > 0; "Throughout, let $\\lambda > 0$ be the regularization
    strength."), where it assumes them and says nothing more of its letters (every formula of
    it a bound; no word such as integer, small, or, unless); () otherwise."""
    target = " ".join(written.split())
    for sentence in reversed(re.split(r"(?<=[.!?])\s+|\n\s*\n", text)):
        formulas = [(m.group("a") or m.group("b")) for m in INLINE_MATH.finditer(sentence)]
        if not any(" ".join(f.split()) == target for f in formulas):
            continue
        words = INLINE_MATH.sub(" ", _SHAPE_CLAUSE.sub(" ", sentence))  # ("$X \in ℝ^{n×d}$
        bounds = [f for f in formulas if not _SHAPE.fullmatch(f)]  # the design matrix": names)
        if not _OPENS.match(words) or _MORE.search(words) or _HEDGED.search(words) \
                or _NOT_ASSUMED.search(words) or not only_assumes(sentence) \
                or any(_CONSTANT_LETTER.search(f) for f in bounds) or any(
                _BOUND.fullmatch(f) is None and _VALUE.fullmatch(f) is None
                and not interval_case(f) for f in bounds):
            return ()
        return tuple(p for f in bounds for p in (
            interval_case(f) or case_parts(as_case(f))))
    return ()


# A sentence that assumes its formulas says nothing else of them: after its opening words
# ("Let", "Throughout, assume that"), its formulas, joined by commas and "and", each perhaps
# with what it names ("be the regularization strength", "the design matrix"), and words of
# where it holds ("throughout", "from now on", "for all $i$"). Anything else may turn it round
# ("Suppose $x > 0$ fails", "Assume the opposite of $x > 0$", "$y > 0$ implies $x > 0$",
# "$x > 0$ on average", "in the limit", "at initialization"): no assumption is read from it.
_LEAD = (r"(?:\s*(?:that|also|further(?:more)?|in\s+addition|additionally|moreover|now|here|"
         r"we|throughout|henceforth|from\s+now\s+on)\b\s*,?)*")
_NAMES_IT = (r"(?:\s*,?\s*(?:(?:be|is|are|as|denotes?)\s+)?(?:the|a|an|our|its|their)\s+"
             r"[A-Za-z][\w'-]*(?:\s+[A-Za-z][\w'-]*){0,3}?|\s+(?:be|is|are)\s+(?:fixed|given))?")
# (a name of four words at most; or "be fixed", "be given")
_JOIN = (r"\s*(?:,\s*(?:and\s+)?|\band\s+|;\s*)(?:(?:we\s+)?(?:let|assume|suppose|take|fix)\s+"
         r"(?:that\s+)?)?")
_WHERE = (r"(?:\s*,?\s*(?:throughout(?:\s+this\s+(?:problem|section|note|part|exercise|question|"
          r"derivation))?|here|below|henceforth|from\s+now\s+on|in\s+what\s+follows|"
          r"for\s+the\s+rest\s+of\s+(?:this|the)\s+\w+|as\s+well|too|again|for\s+(?:all|every|"
          r"each|any)\s+M|(?:for|in)\s+this\s+(?:problem|section|note|exercise|question|"
          r"derivation))\b)*")
_ONLY_ASSUMES = re.compile(_LEAD + r"\s*M" + rf"(?:{_NAMES_IT}{_JOIN}M)*{_NAMES_IT}{_WHERE}"
                           r"\s*[.;:!]?\s*", re.I)
_TURNS = re.compile(r"\b(?:fail\w*|violat\w*|break\w*|broken|unsatisf\w*|negat\w*|contrar\w*|"
                    r"contradict\w*|fallac\w*|absurd\w*|misconcep\w*|myths?|open|illustrat\w*|"
                    r"discard\w*|omit\w*|branch\w*|paradox\w*|fiction\w*|hypothetical\w*|"
                    r"opposite|impl(?:y|ies|ied)|provided|long|average|expectation|limit|"
                    r"initial\w*|start|end|training|eventually|asymptotic\w*|almost|nearly|"
                    r"rarely|occasionally|false|untrue|wrong|"
                    # (what it names may be what the page does not assume: "be the null
                    # hypothesis we reject", "the case we exclude", "the naive guess")
                    r"we|us|you|they|one|which|who|whom|to|not|no|hypothes[ie]s|"
                    r"assum\w*|cases?|guess\w*|typos?|errors?|mistakes?|exceptions?|events?|"
                    r"regions?|complement|counter\w*|alternatives?|impossible|naive|old|former|"
                    r"previous|null|conjectur\w*|claims?|scenarios?|possib\w*|suppos\w*|"
                    r"reject\w*|drop\w*|exclud\w*|ignor\w*|rul\w*|disprov\w*|refut\w*|"
                    r"typically|usually|often|sometimes|mostly|hopefully|ideally|supposedly)\b",
                    re.I)


# a letter the display and the hypothesis read otherwise (E a letter in LaTeX and Euler's
# number in a given; e Euler's number in LaTeX): "Let $E < 0$." proved |E| = E vacuously
_CONSTANT_LETTER = re.compile(r"(?<![A-Za-z\\])[eEI](?![A-Za-z_])")


def only_assumes(sentence: str) -> bool:
    """Whether a sentence that opens as an assumption says nothing but its formulas (see
    above); the caller has checked its opening words."""
    words = INLINE_MATH.sub(" M ", _SHAPE_CLAUSE.sub(" M ", sentence))
    opened = _OPENS.match(words)
    rest = words[opened.end():] if opened else words
    return _ONLY_ASSUMES.fullmatch(rest) is not None and not _TURNS.search(rest)


# what may follow the word of a sign said whole: nothing, or a number ("a negative number")
_PLAIN_END = re.compile(r"\s*(?:(?:real\s+)?(?:numbers?|scalars?|constants?|values?|"
                        r"quantit(?:y|ies)))?\s*[.;!]?\s*")
# words of a statement not quite made ("hopefully", "say", "in practice", "initially")
_DOUBT = re.compile(r"\b(?:hopefully|say|presumably|ideally|practice|mostly|most|probably|guess\w*|"
                    r"likely|initially|at\s+first|before|after|actually|roughly|approximately|"
                    r"generally|assum\w+\s+for\s+now|for\s+now|until)\b", re.I)


def where_case(after: str, written: str) -> tuple[str, ...]:
    """The conditions of a bound the words right after a definition state as its letters'
    range ("$$J(w) = … + \\frac{\\lambda}{2} w^2$$ where $\\lambda \\ge 0$ is the
    regularisation strength."): its sentence opens with where or with, every formula of it
    is a bound, one of them ``written``, and it has no word of doubt, negation, example or
    more said of the letters; () otherwise."""
    sentence = re.split(r"(?<=[.!?])\s+|\n\s*\n", after.strip(), maxsplit=1)[0]
    formulas = [(m.group("a") or m.group("b")) for m in INLINE_MATH.finditer(sentence)]
    words = INLINE_MATH.sub(" ", sentence)
    if not re.match(r"\W*(?:where|with)\b", words, re.I) or not any(
            " ".join(f.split()) == " ".join(written.split()) for f in formulas) or any(
            _BOUND.fullmatch(f) is None for f in formulas) or _MORE.search(words) \
            or _HEDGED.search(words) or _NOT_ASSUMED.search(words) or _DOUBT.search(words):
        return ()
    return tuple(p for f in formulas for p in case_parts(as_case(f)))


# a sentence that assumes, from its first words ("Let …", "Throughout, let …", "We assume …")
_OPENS = re.compile(r"\W*(?:(?:throughout(?:\s+this\s+(?:problem|section|note|part|exercise|"
                    r"question))?|henceforth|from\s+now\s+on|in\s+what\s+follows|for\s+simplicity|"
                    r"without\s+loss\s+of\s+generality|w\.?l\.?o\.?g\.?|in\s+this\s+(?:problem|section|"
                    r"note|part)|here|now|also|and)\s*,?\s*)*(?:let|assume|suppose|take|fix|"
                    r"we\s+assume|(?:throughout|henceforth)(?:\s+(?:this|the)\s+\w+)?\s*,?\s+we\s+"
                    r"assume)\b", re.I)
# words of a sentence that is no assumption of the author's, though it opens like one
# a part of the problem named ("in part (b)", "in (b)", "in the second part"): a bound said for
# that part alone, not for all that follows (it was proved in part (a) too)
_PART_REF = (r"\b(?:in|for|of|to)\s+(?:(?:parts?|problems?|questions?|exercises?|items?|sub-?"
             r"problems?|sub-?questions?)\s*\(?[a-z0-9]{1,3}\)?|\([a-z0-9]{1,3}\))"
             r"|\b(?:first|second|third|fourth|fifth|last|next|later|following|other|"
             r"remaining)\s+(?:parts?|problems?|questions?|exercises?|sub-?problems?)\b")
_NOT_ASSUMED = re.compile(_PART_REF + r"|\?|\b(?:mistake\w*|wrong|false|exercise|claim\w*|show|prove|example|"
                          r"instance|figure|section|chapter|problem\s+\d|denot\w*|mean\w*|"
                          r"question|think|thought|student\w*|common\w*|often|suppose\s+not|"
                          r"hypothetical\w*|imagine|pretend|wrote|writes)\b", re.I)
# a shape in a sentence of bounds ("Let $X \in \mathbb{R}^{n \times d}$ be the design matrix
# and $\lambda > 0$ the strength"): what it says is another letter's, read as a shape
_SHAPE = re.compile(r"\s*\\?[A-Za-z]+\s*(?:\\in(?![A-Za-z])|∈)\s*(?:\\mathbb\s*\{?\s*R\s*\}?|ℝ)"
                    r"\s*(?:\^\s*(?:\{[^{}]*\}|\w))?\s*")
_SHAPE_CLAUSE = re.compile(r"\$" + _SHAPE.pattern + r"\$[^,;$]*?(?=,|;|\band\b|\$|$)")


_ONE_NAME = r"\$\s*(\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?)\s*\$"
_LISTED = re.compile(rf"(?:\b(?:both|all\s+of)\s+)?{_ONE_NAME}(?:\s*,\s*{_ONE_NAME})*\s*,?\s*and\s+"
                     rf"{_ONE_NAME}\s+(?:are|be)\b", re.I)


def _listed(before: str, letter: str) -> list[str]:
    """The letters a sentence lists with ``letter`` as what one word is said of ("Both $a$ and
    $b$ are negative", "Let $u$, $v$ and $w$ be positive"), or ``letter`` alone."""
    for m in _LISTED.finditer(before):
        names = re.findall(_ONE_NAME, m.group(0))
        if letter in names or letter in (n.lstrip("\\") for n in names):
            return names
    return [letter]


# words that leave a statement short of one (a negation, a possibility, a condition, a choice)
_HEDGED = re.compile(r"n't\b|\b(?:not|never|no|need|needs|may|might|could|would|should|if|when|"
                     r"whenever|unless|except|whether|or|nor|either|neither|instead|rather|e\.g|"
                     r"example|typically|usually|often|sometimes|later|otherwise)\b", re.I)


def _sentence_of(text: str, letter: str) -> str:
    """The last sentence of ``text`` that writes ``$letter$``."""
    found = [s for s in re.split(r"(?<=[.!?;])\s+|\n\s*\n", text)
             if re.search(r"\$\s*" + re.escape(letter) + r"\s*\$", s)]
    return found[-1] if found else ""


# words that take back or widen what was assumed of a letter ("Now let $x$ be any real number",
# "$x \in \mathbb{R}$ is arbitrary", "drop the sign assumption", "$x$ may have either sign")
_LIFTS = re.compile(r"\b(?:real|arbitrary|any|either|sign|unknown|drop\w*|opposite|contrary|"
                    r"no\s+longer|lift\w*|remov\w*|general|instead|may|can|could|might|without|"
                    r"relax\w*|unrestricted|whatever|will|later|below|elsewhere|except|other\w*|"
                    r"denot\w*|represent\w*|stands|redefin\w*|now|mean\w*|var(?:y|ies)|"
                    r"ranges?|forget\w*|discard\w*|need\s+not|apply|applies|guess\w*)"
                    r"\b|\\mathbb\s*\{?\s*R\b", re.I)
_IN_R = re.compile(r"(?:\\in|∈)\s*(?:\\mathbb\s*\{?\s*R\b|ℝ)(?!\s*\}?\s*\^)")
_TAKES_BACK = re.compile(r"\b(?:opposite|contrary|no\s+longer|drop\w*|lift\w*|relax\w*|arbitrary|"
                         r"actually|never\s+mind|scratch\s+that|any\s+real|ignore\w*|"
                         r"without\s+the\s+(?:\w+\s+)?assumptions?|sign\s+assumptions?|"
                         r"general|(?:positive|negative|other)\s+case|mirror\w*|either\s+sign|"
                         r"remov\w*|need\s+not|no\s+longer\s+assum\w*|do\s+without|"
                         r"any\s+sign|all\s+(?:variables|letters)|(?:does|do|will)\s+not\s+"
                         r"(?:apply|hold)|forget\w*|discard\w*|(?:is|are)\s+not\s+fixed|"
                         r"no\s+(?:assumptions?|hypothes[ie]s|conditions?)|(?:a\s+)?(?:different|"
                         r"new|another|next)\s+(?:problem|exercise|question|task))\b", re.I)
# words that keep an assumption to where it is said ("Let $x < 0$, for this line only.")
_HERE_ONLY = re.compile(r"\b(?:only|temporar\w*|for\s+now|(?:this|the\s+first|the\s+next)\s+"
                        r"(?:line|display|step|equation|part)|momentarily|briefly)\b", re.I)


def takes_back(text: str) -> bool:
    """Whether prose takes back or drops what was assumed ("The assumption $x < 0$ does not
    apply below.", "Forget $x < 0$.", "We no longer assume …")."""
    return _TAKES_BACK.search(INLINE_MATH.sub(" ", text)) is not None


def lifted(doc: Document, stated: list[tuple[int, str, int, str, str]], bound: tuple,
           number: int, chain: tuple[str, ...], sections: dict[str, tuple[str, ...]]) -> bool:
    """Whether the prose between an assumed bound (``bound``: line, as written, case, the
    display it was stated at) and the display ``number`` speaks of the bound's letters again
    in words that widen or take it back, or takes back what was assumed ("Suppose the
    opposite holds."): the bound is then in doubt (not a hypothesis)."""
    letters = _letters(bound[1])
    for k, formula, _, sentence, section in stated:
        if not (bound[3] - 1 <= k < number) or not within(section, chain, sections) \
                or (" ".join(formula.split()) == " ".join(bound[1].split())
                    and not _TAKES_BACK.search(INLINE_MATH.sub(" ", sentence))):
            continue  # (the bound said again is no lift, "Forget $x < 0$." is)
        if _letters(formula) & letters and (_LIFTS.search(INLINE_MATH.sub(" ", sentence))
                                            or _IN_R.search(formula)):  # ("Let $x \in ℝ$.")
            return True
    for k in range(max(bound[3] - 1, 0), min(number, len(doc.displays))):
        d = doc.displays[k]
        cut = 0
        for _, end, key in d.headings:  # (the prose of sections that speak of this one)
            if not within(key, chain, sections):
                cut = len(d.between)
                break
            cut = end
        between = d.between[cut:] if cut < len(d.between) else ""
        if _TAKES_BACK.search(INLINE_MATH.sub(" ", between)) or (
                k > bound[3] - 1 and PROBLEM_START.search(between)):  # ("Problem 2. Show
            return True  # that", "2.", "---", "<h2>": another problem's prose, or this one's?)
        if k == bound[3] - 1 and any(  # (the sentence that assumed it: "…, for this line only";
                (_letters(" ".join(m.group(0) for m in INLINE_MATH.finditer(sentence)))  # one
                 & letters or re.search(_PART_REF, INLINE_MATH.sub(" ", sentence), re.I))  # after
                and _HERE_ONLY.search(INLINE_MATH.sub(" ", sentence))  # it: "This is used in
                for sentence in re.split(r"(?<=[.!?])\s+|\n\s*\n", d.between)):  # part (b) only.")
            return True
    return False


def shown_bound(bound: str) -> str:
    """A bound as the message says it (\\text{ is an integer} as words)."""
    return re.sub(r"\s*\\text\{\s*([^{}]*)\}", r" \1", bound)


def kept_bound(exc: Exception, before: str) -> tuple[str, tuple[str, ...]] | None:
    r"""A bound the prose beside a display states and the reader does not read, as the later
    displays of its section are checked without it: in words ("$a$ is negative", "$p$ is a
    probability"), on every letter its sentence names, never a hypothesis (a sentence can say
    a sign it does not assume: "It is false that $x$ is positive", "A common mistake is to
    think $z$ is positive"), so a refutation there is unknown; a formula ("…, and let $\lambda
    > 0$."), read whole where its sentence assumes it outright (:func:`sentence_case`)."""
    letter, word = (getattr(exc, k, "") for k in ("letter", "word"))
    if letter:
        reads = _word_reads(before)
        if not any(letter in names or reader_name(letter) in names for names, _, _ in reads):
            letters = _listed(before, letter)  # (said otherwise than Let $x$ be …: unread)
            return (f"{', '.join(letters)} \\text{{ {'are' if len(letters) > 1 else 'is'} "
                    f"{word}}}"), ()
        latest: dict[str, tuple[tuple[str, ...], str, tuple[str, ...]]] = {}
        for names, kind, case in reads:  # (each letter's latest: "Let $x$ be positive. Let
            for name in names:  # $x$ be negative." assumes x < 0)
                latest[name] = (names, kind, case)
        said = list(dict.fromkeys(latest.values()))
        shown = ", ".join(f"{', '.join(names)} \\text{{ {'are' if len(names) > 1 else 'is'} "
                          f"{kind}}}" for names, kind, _ in said)
        if not all(case for _, _, case in said):  # (one of them not assumed outright: none)
            return shown, ()
        return shown, tuple(dict.fromkeys(c for _, _, case in said for c in case))
    written = getattr(exc, "written", "")
    if written and "$" not in written and re.search(r"[<>]|\\[gln]eq?(?![A-Za-z])", written):
        return written, sentence_case(before, written)
    return None


def _word_reads(before: str) -> list[tuple[tuple[str, ...], str, tuple[str, ...]]]:
    """Each sign the sentences of ``before`` say in words of letters ("Let $a$ be positive. Let
    $b$ be negative."), in order: (the letters, by the reader's names; the word; the
    conditions, or () where the sentence does not assume it outright: see word_case)."""
    out = []
    wholes = re.split(r"(?<=[.!?])\s+|\n\s*\n", before)
    for k, whole in enumerate(wholes):
        for sentence in re.split(r"(?<=;)\s+", whole):
            said = _WORD_SAID.search(sentence)
            if said is None:  # ("Let $x$ be below zero.", "*negative*": a sign not read)
                if _SIGN_WORDS.search(INLINE_MATH.sub(" ", sentence)):
                    names = tuple(filter(None, (reader_name(n.strip()) for f in re.findall(
                        r"\$([^$]+)\$", sentence) for n in f.split(","))))
                    if names:
                        out.append((names, "signed in words not read", ()))
                continue
            written = list(dict.fromkeys(  # (every letter the sentence names: "Let $a$ be
                n.strip() for f in re.findall(r"\$([^$]+)\$", sentence)  # negative, and so is
                for n in f.split(",")))  # $b$." says b's sign too, not outright)
            names = tuple(reader_name(n) for n in written)
            if not all(names):  # (\mathbf{x} positive: a vector's entries? not read)
                out.append((tuple(written), said.group("kind"), ()))
                continue
            parts = word_parts(said.group("kind"), list(names))
            after = " ".join(wholes[k + 1:])
            rest = INLINE_MATH.sub(" ", whole.replace(sentence, " "))
            case = word_case(sentence, said.group(0), parts) \
                if parts and not _TAKES_BACK.search(after) and not any(
                    r.search(rest) for r in (_HEDGED, _LIFTS, _TAKES_BACK, _DOUBT)) \
                else ()  # ("Never
            out.append((names, said.group("kind"), case))  # mind.", "Let $x$ be positive;
    return out  # we do not assume this below.")


_SIGN_WORDS = re.compile(r"\b(?:positive|negative|zero|sign|below|above|less|greater|"
                         r"smaller|larger|nonnegative|nonpositive|non-negative|non-positive)\b",
                         re.I)


# letters a sentence names in math, alone or listed ("$x$", "$x, y$")
_ONE_OR_LIST = re.compile(r"\$\s*((?:\\?[A-Za-z](?:_\{?\w+\}?)?\s*,\s*)*\\?[A-Za-z](?:_\{?\w+\}?)?)\s*\$")


def earlier_bounds(section_bounds: list, page: list, latex: str, own_case: set[str],
                   ctx: Context, implied: Callable[[str, str], bool] | None = None
                   ) -> list[tuple[tuple[int, str, tuple[str, ...]], bool]]:
    """The bounds assumed earlier (latest first: the section's, then the page's) that a
    display is checked without: one for each of its letters (a later one on a letter replaces
    an earlier one; one on u = x − 3 is on x too), and none on the letters of its own case;
    each with whether the page's setup states it. One the declarations say already
    (``implied``: β > 0 with beta declared positive, or given) is none of them."""
    out: list[tuple[tuple[int, str, tuple[str, ...]], bool]] = []
    covered: set[str] = set()
    for b, of_page in [*((b, False) for b in section_bounds), *((b, True) for b in reversed(page))]:
        letters = _letters(b[1])
        if not (letters & _letters(latex) or defined_cases(f"${b[1]}$", latex, ctx)
                or any(_reaches(latex, letter, ctx, []) for letter in letters)) \
                or letters <= own_case or (letters and letters <= covered) \
                or (implied is not None and len(letters) == 1
                    and implied(next(iter(letters)), b[1])):
            continue
        out.append((b, of_page))
        if len(letters) == 1:  # (y > x is no bound on x alone: an earlier x > 1 still holds)
            covered |= letters
    return out


__all__ = ["PageBound", "earlier_bounds", "kept_bound", "lifted", "page_bounds", "reaching",
           "sentence_case", "shown_bound", "takes_back", "where_case", "word_case", "word_parts"]
