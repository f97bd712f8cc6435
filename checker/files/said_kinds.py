"""What the prose says a letter is, in words: a matrix, a vector, a layer's or a step's label,
a count that may be zero, a real number. Such a letter is never read as a sequence of numbers
or a size (:mod:`checker.files.implicit`)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from checker.files import samples
from checker.files.common import INLINE_MATH
from checker.files.letters import MENTION, SUBSCRIPT, names_in

# words that say a letter is something other than a vector's entries, or a count from 0
_KINDS = re.compile(r"\b(?:matri(?:x|ces)|tensors?|functions?|sets?|random|distributions?|"
                    r"operators?|images?|sequences? of (?:matrices|vectors))\b", re.I)


_FROM_ZERO = re.compile(r"\bnon-?negative\b|\bnegative\b|\bnatural\b|\bzero\b|\bempty\b|\bno\s+"
                        r"(?:samples|terms|entries|examples)\b", re.I)
# words that say a letter is a real number (no size either), said of it alone ("Let $n$ be a
# real number"; not "the samples $x_1, \dots, x_n$ are real numbers")
_REAL = re.compile(r"\breal\b|\bnon-?integer|\bnot\s+(?:necessarily\s+|only\s+|just\s+)?"
                   r"(?:an?\s+)?(?:integers?|whole)|\bfraction|\b(?:positive|any|arbitrary)\s+"
                   r"numbers?\b(?!\s+of)", re.I)
# a formula that is a letter's sign or bound ("For any $n > 0$ (not only whole numbers)")
_SIGN_OF = re.compile(r"\s*[A-Za-z]\s*(?:>|<|\\[gl]eq?(?![A-Za-z])|\\[gl]t(?![A-Za-z])|≥|≤)\s*-?\d+\s*")
# words that say what a letter's entries are (x_i a vector, "d-dimensional"): not numbers
_VECTOR_WORDS = re.compile(r"\bvectors?\b|dimensional\b|\bembeddings?\b|\btuples?\b|"
                           r"\b(?:has|have|having|with)\s+(?:\w+\s+){0,2}(?:components|coordinates|"
                           r"dimensions|features)\b|\b(?:lives?|lies?|living|lying)\s+in\b|"
                           r"\bin\s+the\s+plane\b", re.I)
# words that say a label is no example's (a layer's, an iteration's)
_NOT_EXAMPLES = re.compile(r"\b(?:layers?|iterat\w*|iterates?|steps?|epochs?|times?|rounds?|"
                           r"updates?|stages?|levels?|heads?|blocks?|derivatives?|powers?|"
                           r"polynomials?|datasets?|tasks?|moments?|orders?)\b", re.I)
# more words that say a letter's entries are no numbers ("a $d \times 1$ array", "a pair of
# numbers", "one-hot", "a sequence of tokens", "multivariate", "not a scalar", "a mini-batch")
_ARRAY_WORDS = re.compile(r"\b(?:arrays?|tuples?|tokens?|multivariate|not\s+(?:a\s+)?"
                          r"(?:scalar|number)s?)\b", re.I)
# … and of an example ("$x^{(i)}$ is a pair of numbers", "the class mean", "a row of X")
_EXAMPLE_ARRAY_WORDS = re.compile(r"\b(?:pairs?|sequences?|lists?|sets?|means?|rows?|columns?|"
                                  r"images?|words?|sentences?|documents?|one-?hot|encodings?|"
                                  r"mini-?batch\w*|batch\w*|folds?|clients?|channels?)\b",
                                  re.I)
# words that say an example has parts ("There are $n$ features per example.")
_FEATURES = re.compile(r"\b(?:features|components|coordinates|attributes|dimensions)\b", re.I)
_EXAMPLE_NOUNS = re.compile(r"\b(?:examples?|samples?|inputs?|data\s*points?|observations?|"
                            r"instances?|features?)\b", re.I)
# a sentence that goes on about the formulas of the one before it ("It is a vector.")
_PRONOUN = re.compile(r"\W*(?:it|they|these|those|each|every|both|this|such)\b", re.I)



def examples_said(text: str, examples: set[str]) -> set[str]:
    """The letters of ``examples`` that ``text`` says are no numbers: in a sentence that writes
    them at a label with a membership or a word of vectors, arrays, layers or steps, or all of
    them where a sentence says so of "the examples" with no formula."""
    out: set[str] = set()
    for unit in re.split(r"(?<=[.!?])\s+|\n\s*\n", text):
        formulas = [m.group("a") or m.group("b") for m in INLINE_MATH.finditer(unit)]
        words = INLINE_MATH.sub(" ", unit)
        said = _VECTOR_WORDS.search(words) or _ARRAY_WORDS.search(words) \
            or _NOT_EXAMPLES.search(words) or _KINDS.search(words) \
            or _EXAMPLE_ARRAY_WORDS.search(words)
        if ((not formulas and said) or _FEATURES.search(words)) and _EXAMPLE_NOUNS.search(words):
            out |= examples  # ("Examples are vectors.", "$n$ features per example")
        for f in formulas:
            labelled = samples.labelled_anywhere([f]) & examples
            if labelled and (said or re.search(r"\\in(?![A-Za-z])|∈", f)):
                out |= labelled
    return out


def not_numbers(texts: Iterable[str], examples: set[str]) -> set[str]:
    """The letters the sentences of ``texts`` say are no numbers: a formula at an index in a
    sentence of vectors, arrays or a membership, or one that calls it a matrix (or, of the
    page's ``examples``, a layer's or a step's), and "It is a vector." of the sentence
    before."""
    refused: set[str] = set()
    previous: list[str] = []  # (the words of a whole sentence, or the next one's "It is a
    for text in texts:  # vector.": its formulas; a glossary's and the other problems' too)
        for unit in re.split(r"(?<=[.!?])\s+|\n\s*\n", text):
            formulas = [samples.as_entries(m.group("a") or m.group("b"), examples)
                        for m in INLINE_MATH.finditer(unit)]  # (they only refuse)
            words = INLINE_MATH.sub(" ", unit)
            of = formulas + (previous if _PRONOUN.match(words) else [])
            entries = [f for f in of if SUBSCRIPT.search(f)]
            if _KINDS.search(words) or (examples and _NOT_EXAMPLES.search(words)):
                refused |= set().union(set(), *(names_in(f) for f in of))
            if _VECTOR_WORDS.search(words) or _ARRAY_WORDS.search(words) or any(
                    re.search(r"\\in(?![A-Za-z])|∈", f) for f in entries):
                refused |= set().union(set(), *(names_in(f) for f in entries))
            if examples and _VECTOR_WORDS.search(words) and _EXAMPLE_NOUNS.search(words):
                refused |= examples  # ("Here the examples are $d$-dimensional.")
            if examples and any(re.search(r"\\mathbb\s*\{?\s*R\s*\}?\s*\^|ℝ\s*\^", f)
                                for f in formulas):  # ("Both $x^{(i)}$ and $w$ are in
                refused |= set().union(set(), *(names_in(f) for f in entries))  # $ℝ^d$.")
            previous = formulas
    return refused


def by_sentence(texts: Iterable[str], examples: set[str]) -> tuple[set[str], set[str]]:
    """What each sentence of ``texts`` (cut at ``;`` and ``:`` too) says of its formulas:
    (the letters it puts in a set or calls matrices or vectors at an index, the letters it
    lets be zero or a real number: no sizes)."""
    refused: set[str] = set()
    not_sizes: set[str] = set()
    for text in texts:
        for sentence in re.split(r"(?<=[.!?;:])\s+|\n\s*\n", text):
            formulas = [samples.as_entries(m.group("a") or m.group("b"), examples)
                        for m in INLINE_MATH.finditer(sentence)]
            words = INLINE_MATH.sub(" ", re.sub(r"\$\s*0\s*\$|\\\(\s*0\s*\\\)", " zero ",
                                                sentence))  # ("$n$ may be $0$")
            for f in formulas:  # ("$W_1 \\in \\mathbb{R}^{3 \\times 2}$": what it is, said)
                member = re.split(r"\\in(?![A-Za-z])|∈|\\subset", f)
                if len(member) > 1:
                    refused |= names_in(member[0])
            if _KINDS.search(words):  # ("the weight matrices $W_1$ and $W_2$")
                refused |= set().union(set(), *(names_in(f) for f in formulas))
            if _VECTOR_WORDS.search(words):  # ("the inputs $x_i$ are vectors": not numbers;
                refused |= set().union(set(), *(  # "$x$ is a vector of length $n$" is x)
                    names_in(f) for f in formulas if SUBSCRIPT.search(f)))
            if _FROM_ZERO.search(words):  # ("Let $n$ be a nonnegative integer.")
                not_sizes |= set().union(set(), *(names_in(f) for f in formulas))
            if _REAL.search(words):  # ("For a real number $n$", "$n$ is not an integer")
                not_sizes |= set().union(set(), *(
                    names_in(f) for f in formulas if MENTION.fullmatch(f) or _SIGN_OF.fullmatch(f)))
    return refused, not_sizes
