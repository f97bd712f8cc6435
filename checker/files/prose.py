"""What the prose around a display says about it: the case a sentence right before it states
(``If $i = k$:``), prose that starts a new case or thought, and prose that says an equation is
being solved. Read with regular expressions over the prose, never executed; a condition the
prose states that cannot be read as a display's hypothesis is refused (:class:`Bad`)."""

from __future__ import annotations

import re
from collections.abc import Callable

from checker.files.common import Bad
from checker.files.names import (
    _HEADING,
    _MATH,
    _NAMES,
    _RELATION,
    UnreadCondition,
    cases_in_math,
    in_display,
    no_unread_condition,
    other_case,
    script_letters,
    without_differentials,
)
from checker.parse.latex_lexer import GREEK
from checker.parse.tree import Pos

# "If $i = k$:", "When \\(i \\neq j\\), we have", "For $i = j$ we get" right before a display:
# the sentence begins with the cue, the condition follows at once, and only a connective after
# ("Except when $i = j$", "If $i = j$ is false", "When $i = j$ does not hold" are not cases)
_BY = r"(?:by|using|from|via|applying)\s+[^$\n.:;,]{1,60}?"  # "by the quotient rule"
CASE = re.compile(r"(?:^\s*|[.!?:;]\s+|\n\s*\n\s*|\(\s*(?=(?:for|if|when)\s))"  # ("… (for $x ≠ 0$):")
                  r"(?:and\s+|so\s+|now\s*,?\s+|next\s*,?\s+|we\s+now\s+|"
                  r"(?:check|verify|similarly|likewise|finally|then|analogously)\s*,?\s+)?"
                  rf"(?:{_BY}\s*,\s*)?"
                  r"(?:(?:if|when|for|in\s+the\s+case|(?:suppose|assume)(?:\s+that)?|let|take|consider|"
                  r"at)\s+"
                  # "**Case 1:** $i = j$.", "Case (b), where $i \neq j$:"
                  r"|(?:\*\*|__)?case\s+(?:\(?\w{1,4}\)?\s*[:.,]?\s*(?:\*\*|__)?\s*)?"
                  r"(?:(?:if|when|where)\s+)?\(?)"  # ("**Case $w > 0$.**", "Case 2 ($w < 0$):")
                  r"(?:\$|\\\()\s*(?P<a>(?:[A-Za-z]|\\[A-Za-z]+)(?:\s*,\s*(?:[A-Za-z]|\\[A-Za-z]+))*)\s*"
                  r"(?P<op>=|!=|<|>|\\(?:neq?|le(?:q|qslant)?|ge(?:q|qslant)?|lt|gt)(?![A-Za-z]))\s*"
                  r"(?P<b>-?(?:[A-Za-z]|\\[A-Za-z]+)|-?\d+(?:\.\d+)?(?:\s*/\s*\d+)?|"
                  r"-?\\[dt]?frac\{\d+\}\{\d+\})\s*"
                  rf"(?:\$|\\\))\)?\s*[,:.;]?\s*(?:\*\*|__)?\s*(?:{_BY}\s*[,:]?\s*)?"
                  r"(?:(?:then|we\s+have|we\s+get|this\s+gives|it\s+is|"
                  r"one\s+has|in\s+this\s+case)\s*[,:]?\s*)?$", re.I)
# "For $|a| \le \delta$:", "If $-c \le x \le c$:": a case of one letter in an absolute
# value or between two bounds (a Huber loss's pieces), as a display's condition reads them
_SIDE = r"-?(?:[A-Za-z]|\\[A-Za-z]+|\d+(?:\.\d+)?)"
_REL = r"<|>|\\(?:le(?:q|qslant)?|ge(?:q|qslant)?|lt|gt)(?![A-Za-z])"
CASE_SPAN = re.compile(r"(?:^\s*|[.!?:;]\s+|\n\s*\n\s*)(?:if|when|for|in\s+the\s+case)\s+"
                       r"(?:\$|\\\()\s*(?:\|\s*(?P<abs>[A-Za-z])\s*\|\s*(?P<op>" + _REL + r")\s*"
                       r"(?P<bound>" + _SIDE + r")|(?P<lo>" + _SIDE + r")\s*(?P<op1>" + _REL + r")"
                       r"\s*(?P<x>[A-Za-z])\s*(?P<op2>" + _REL + r")\s*(?P<hi>" + _SIDE + r"))\s*"
                       r"(?:\$|\\\))\s*[,:]?\s*(?:(?:then|we\s+have|we\s+get)\s*[,:]?\s*)?$", re.I)
CASE_WORDS = re.compile(r"\b(?:if|when|whenever|unless|except|apart|not|only|for|case|cases|"
                        r"assume|assuming|suppose|given|where|otherwise|other|than|exclud\w*|"
                        r"without|but|besides|barring|outside|different|with|save)\b", re.I)
# a case between indices said in words: "distinct", "off the diagonal", "j differs from i"
INDEX_WORDS = re.compile(r"\b(?:distinct|differ(?:s|ent)?|diagonal|off-diagonal|unequal|"
                         r"other\s+than|is\s+not|are\s+not)\b", re.I)
CUES = re.compile(r"\b(?:if|when|case|otherwise)\b", re.I)
# a sign said in words, of no letter: "For negative inputs:", "When the input is below zero,"
IN_WORDS = re.compile(r"\b(?:(?:non-?\s?)?(?:negative|positive)\s+(?:inputs?|values?|arguments?|"
                      r"numbers?|reals?|side|half|part|x|z|pre-?activations?)|(?:below|above|"
                      r"less\s+than|greater\s+than|under|over)\s+(?:zero|0)|"
                      r"(?:negative|positive)\s+half-?\s?line|is\s+(?:negative|positive))\b",
                      re.I)
# a sentence that states a standing assumption (further back than the paragraph before)
STANDING = re.compile(r"\b(?:assume|assuming|throughout|from\s+(?:now|here)\s+on|henceforth|"
                      r"in\s+what\s+follows|only\s+consider|restrict|satisf(?:y|ies)|always|"
                      r"suppose|let|case)\b", re.I)
# a sentence that is only "Otherwise:", "Else,", "In the other case:": the case it means is
# the negation of one before, which is not read
OTHERWISE = re.compile(r"\W*(?:otherwise|else|if\s+not|in\s+(?:all\s+)?(?:the\s+)?other\s+cases?|"
                       r"in\s+the\s+remaining\s+cases?|for\s+(?:all\s+)?(?:the\s+)?(?:other|"
                       r"remaining)\s+\w+)\W*", re.I)
# prose between two displays that only joins them ("and", "Similarly,"): a case stated
# before the first may still hold for the second
CONNECTIVE = re.compile(r"\W*(?:and|also|similarly|likewise|so|thus|hence|then|further(?:more)?|"
                        r"moreover|additionally|in\s+addition|besides|in\s+the\s+same\s+way|"
                        r"analogously|in\s+particular|further)?(?:,?\s*(?:we\s+(?:get|have|"
                        r"obtain|find)|it\s+holds))?\W*", re.I)
# prose between two displays that goes on in the same case ("In this case,", "Therefore,",
# "It follows that", "This gives"): a case stated before the first may hold for the second
GOES_ON = re.compile(r"\W*(?:(?:and|so)\s+)?(?:therefore|consequently|accordingly|"
                     r"it\s+follows(?:\s+that)?|this\s+(?:gives|yields|means)|which\s+(?:gives|"
                     r"yields|means)|in\s+(?:this|that|which)\s+case|here|again|giving|"
                     r"we\s+(?:get|have|obtain|find|conclude)|from\s+(?:this|which|here)|"
                     r"(?:the\s+)?same\s+\w+(?:\s+\w+)?\s+(?:gives|yields))\b[^.$]{0,40}?\W*"
                     r"|\W*[a-z]+ing\b[^.]{0,60}?,\s*", re.I)  # "Subtracting $x$ from both sides,"
# ... but not prose that leaves the case: "Combining both cases,", "Therefore, in all cases,",
# "It follows that in general", "Assuming instead $x > 0$,", "Taking $x > 0$ instead,"
LEAVES = re.compile(r"\b(?:cases|(?:other|another|each|every|either|any)\s+case|all|"
                    r"general(?:ly)?|every\w*|any\w*|instead|other\w*|"
                    r"combin\w*|together|overall|regardless|whatever|always|switch\w*|"
                    r"conclude|summar\w*)\b", re.I)
_CONDITION_IN_MATH = re.compile(r"(?:\$|\\\()[^$]*?(?:[<>≤≥≠]|\\(?:[lg]eq?|neq?|[lg]t)(?![A-Za-z]))")


# prose after the cases that speaks of all of them ("Combining both cases,", "In general,"):
# what follows goes on from the expression before the first case, under none of them
ALL_CASES = re.compile(r"\b(?:(?:both|all|either|each|the\s+two)\s+cases\b(?!\s+of\b)|in\s+general\b|"
                       r"overall\b|in\s+one\s+formula\b|combining\s+(?:the\s+)?(?:both\s+|two\s+|"
                       r"all\s+)?(?:cases|results|formulas|pieces|branches)\b|"
                       r"(?:regardless|whatever)\s+(?:of\s+)?the\s+sign\b)", re.I)


def all_cases(between: str) -> bool:
    """Prose between a case's display and the next that speaks of every case, stating none."""
    return ALL_CASES.search(between) is not None and not _CONDITION_IN_MATH.search(between) \
        and not CASE.search(between)


def goes_on(between: str) -> bool:
    """Prose between two displays that goes on in the same case ("In this case,", "Therefore,",
    "Subtracting $x$ from both sides,"), not prose that leaves it or states another one."""
    names_it = re.search(r"\bthe\s+(?:[a-z]+\s+){0,2}?(?:is|are|equals|reads|becomes)\b", between,
                         re.I) and not re.search(r"\b(?:this|that)\s+case\b", between, re.I)
    return GOES_ON.fullmatch(between) is not None and not LEAVES.search(between) \
        and not _CONDITION_IN_MATH.search(between) and not names_it  # ("Therefore, the
    # Jacobian is": the whole result, or this case's? not clear)


# (a period inside $…$ is followed by $; "(This needs $x > 0$.) Next", "…; next we compute")
_SENTENCES = re.compile(r"(?:(?<=[.!?])|(?<=[.!?]\)))\s+(?=[A-Z(])|;\s+")
# a sentence that introduces what follows (a definition, an assumption for the next display)
_INTRODUCES = re.compile(r"\W*(?:let|suppose|assume|consider|take|set|setting|define|now|next|"
                         r"then|similarly|likewise|finally|substituting|plugging|applying)\b", re.I)
# where a sentence turns to the next display: ", and then", "; next", ", so"
_THEN = re.compile(r"\s*(?:,\s*(?:and\s+)?|;\s*)(?:then|next|now|so|thus|hence|therefore|likewise|"
                   r"similarly|also|again)\b", re.I)
_LEADS_IN = re.compile(r"\W*(?:let|suppose|assume|now|next|then|for|if|when|whenever|consider|"
                       r"take|set|setting|with|using|similarly|likewise|finally|so|thus|hence|"
                       r"therefore|in|at|case|on|to|applying|substituting|plugging)\b", re.I)


def following(after: str, last: bool = False) -> str:
    """The paragraph right after a display that still belongs to it ("… for $x > 0$.",
    "(where $u = wx + b$)", "Here $h = \\sigma(z)$."), or "" where it introduces the next
    display instead: it does not end a sentence (a colon, a comma, "Then"), or it states the
    next display's case (If $i = j$,). After the ``last`` display, or before a heading, it
    leads into nothing: it is the display's."""
    paragraphs = re.split(r"\n\s*\n", after.strip()) if after.strip() else [""]
    k = 1 if len(paragraphs) > 1 and re.fullmatch(r"[\s.,;:!?]*(?:\[\^\w+\])?[\s.,;:!?]*",
                                                  paragraphs[0]) else 0
    # ("$$ … $$," and the sentence goes on after a blank line)
    text = re.sub(r"^\s*(?:[-*+]|>|\d{1,3}[.)])\s+", "", paragraphs[k])  # (a list item, a quote)
    heading = next((j for j in range(k, len(paragraphs)) if _HEADING.match(paragraphs[j])),
                   None)
    if heading == k:  # a heading right after the display: what follows is another section's
        return ""
    if last or heading is not None:  # "- valid for $x > 0$", then a heading or the end: it
        # leads into no display, and neither do the paragraphs after it ("Nice. ⏎⏎ This
        # needs …"), up to one that introduces what follows ("or equivalently:")
        own = []
        for p in paragraphs[k:heading]:
            if re.sub(r"[\s$]+$", "", p).endswith(":"):
                break
            own.append(re.sub(r"^\s*(?:[-*+]|>|\d{1,3}[.)])\s+", "", p))
        return "\n\n".join(own)
    end = re.sub(r"[\s$]+$", "", text)  # ("… for $x > 0$." ends with a period)
    case = CASE.search(text)
    first_math = _MATH.search(text)
    if trailing_case(text):
        return text  # "… $$ when $i = j$, and $$ … $$ otherwise.": the first display's own
    if text[:1].islower() and re.match(r"(?:whenever|when|for|provided|if|as\s+long\s+as|"
                                        r"unless|assuming)\b", text) and first_math is not None \
            and re.search(r"[<>≤≥≠]|\\(?:[lg]eq?|neq?|[lg]t)(?![A-Za-z])",
                          first_math.group(0)):
        return text  # "… $$ whenever $x > 0$. For negative inputs:": the display's own
    if not end.endswith((".", "!", "?", ")")) or (case and not text[:1].islower() and (
            not end.endswith(".") or _named(case))):
        # "Next, for $i \neq j$,", "Let $x = 0.5$. Then": it leads into the next one; but a
        # first sentence that goes on with the display's own ("where $u = wx + b$. Next, the
        # bias:") is the display's
        own = []  # "This requires $x > 0$. Next, we compute:": the sentences before the one
        sentences = _SENTENCES.split(text)  # that leads in, up to one that starts something
        for sentence in sentences[:-1]:  # new ("Let $x = 2$. Then"); "For $x > 0$ this is
            if _INTRODUCES.match(sentence) or (case and re.match(  # exact." is a whole
                    r"\W*(?:for|if|when)\b", sentence, re.I)):  # sentence about the display,
                break  # unless the paragraph ends with the next display's case (the other)
            own.append(sentence)
        else:  # "which holds since $x > 0$, and then": the display's sentence, up to where
            clause = _THEN.split(sentences[-1], maxsplit=1)  # it turns to the next display
            if len(clause) > 1 and not _INTRODUCES.match(sentences[-1]):
                own.append(clause[0])
        return " ".join(own)
    # (while "… $$ when $i = j$." goes on with the display's own sentence)
    return text


# how a sentence going on from a display opens its case: "(which holds when …", "at …", and
# "with $x = 1$" (a value: "with $u = wx + b$" is a definition)
_CASE_OPENS = r"\(?\s*(?:(?:which|this|it)\s+)?(?:(?:holds|is\s+true|is\s+valid|applies)\s+)?"
_WITH_VALUE = r"with\s+\$\s*[A-Za-z]\s*=\s*-?\d"


def trailing_case(paragraph: str) -> bool:
    """"when $i = j$, and" between two displays: the sentence of the display before goes on
    with its case and joins the next display to it ("$$ … $$ when $i = j$, and $$ … $$
    otherwise."): the case is the display before's, never the next one's."""
    text = re.sub(r"^\s*(?:[-*+]|>)\s+", "", paragraph.strip())
    return bool(re.match(_CASE_OPENS + r"(?:whenever|when|for|provided|if|unless|assuming|"
                         r"in\s+case|at|on)\b|" + _WITH_VALUE, text)) \
        and _MATH.search(text) is not None and re.search(
        r"(?:,|;|\band|\bwhile|\bwhereas|\bbut|\bor|\belse)\s*$",
        re.sub(r"[\s$]+$", "", text).rstrip(")").rstrip()) is not None and "\n\n" not in text


# a sentence that goes on from a display with its case ("when $x$ is $2$.", "(for $x$ positive)")
_WORDED_CASE = re.compile(_CASE_OPENS + r"(?:whenever|when|provided|if|unless|assuming|"
                          r"in\s+case|at)\s+(?:\$|\\\()(?![^$]*\\(?:in|forall)\b)|"
                          + _WITH_VALUE)


def after_condition(paragraph: str, latex: str,
                    implied: Callable[[str, str], bool] = lambda name, shown: False) -> None:
    """``$$\\frac{d}{dx}\\text{ReLU}(x) = 1$$ for $x > 0$.``: a condition in the paragraph after
    a display (see :func:`following`) on one of its letters: not read as its hypothesis, so
    refused (see no_unread_condition)."""
    if paragraph:
        no_unread_condition(paragraph, latex, "right after", implied)
    if paragraph and (trailing_case(paragraph) or _WORDED_CASE.match(paragraph.strip())):
        # "… $$ for $x$ equal to $1$, and $$ …", "… $$ when $x$ is $2$.": a
        letters = set(re.findall(r"[A-Za-z]", " ".join(  # case in words, on its letters
            m.group(1) or m.group(2) or "" for m in _MATH.finditer(paragraph))))
        if letters & set(re.findall(r"(?<![\\A-Za-z])[A-Za-z](?![A-Za-z])", latex)):
            refused = UnreadCondition(f"the prose right after this display states its case "
                                      f"({' '.join(paragraph.split())!r}), which is not read as "
                                      "its hypothesis: write the case in the display (\\quad "
                                      "(x = 1))", pos=Pos(1, 1))
            refused.soft = True  # type: ignore[attr-defined]  # (a proof holds in the case
            raise refused  # too: only a refutation is in doubt, and is unknown)


def without_value_remarks(text: str) -> str:
    """The prose after a display without its remarks on the value the display comes to at a
    point ("which vanishes at $q = p$"): a consequence of it, no condition nor definition."""
    return _VALUE_REMARK.sub(" ", text)


# "which vanishes at $q = p$", "this is zero when $x = 0$": a remark on the value the display
# comes to at a point (a consequence of it), not a condition it is checked under
_VALUE_REMARK = re.compile(r"\b(?:which|this|it|that)\s+(?:vanishes|is\s+(?:zero|0|minimal|maximal|"
                           r"smallest|largest)|equals\s+(?:zero|0)|becomes\s+(?:zero|0))\s+"
                           r"(?:at|when|for|where)\s+(?:\$[^$]*\$|\\\([^)]*\\\))", re.I)


# a line that ends with its own case (", i = j", "\\quad i \\ne j", "\\text{if …}"): restating the
# left side then starts another case, not a continuation
CASE_END = re.compile(r"(?:(?<!\\),|\\q?quad)\s*(?:[A-Za-z]\s*(?:=|\\neq?|!=)\s*[A-Za-z]\s*[.,;]?\s*$"
                      r"|\(|\\text\{\s*(?:if|for|when|otherwise|else|unless|except)\b)")


def no_heading_case(outer: tuple[str, ...], scope: str, latex: str) -> None:
    """A section whose heading states a case ("## Case $x > 0$"): not read as the hypothesis
    of its displays (nor of its subsections'), so they are refused unless they state it."""
    for key in (*outer, scope):
        heading = key.split("\x00")[0].split("\x01", 1)[-1]
        if (_CONDITION_IN_MATH.search(heading) or _WORDED_HEADING.search(heading)) \
                and not CASE_END.search(latex) and "\\text{" not in latex:
            math = re.search(r"\$([^$]+)\$", heading)
            case = math.group(1).strip() if math is not None and _CONDITION_IN_MATH.search(
                heading) else "…"  # (its own condition, where it is one in math)
            raise UnreadCondition(f"the heading of this display's section ({heading.strip()}) "
                                  "states a case that is not read as its hypothesis: write it "
                                  f"in the display (\\quad ({case})), or in a sentence that "
                                  f"starts with it (If ${case}$:)", pos=Pos(1, 1))


# a heading that says a letter's sign or kind in words ("## When $x$ is negative", "## Odd $n$")
_WORDED_HEADING = re.compile(
    r"\$[^$]+\$[^$]*?\b(?:is|are|be)\s+(?:strictly\s+)?(?:an?\s+)?(?:positive|negative|"
    r"non-?negative|non-?positive|non-?zero|zero|odd|even|integers?|natural)\b|"
    r"\b(?:positive|negative|non-?negative|non-?positive|non-?zero|odd|even|natural|integer)\s+"
    r"(?:numbers?\s+|values?\s+)?\$[^$]+\$", re.I)


def after_heading(text: str) -> str:
    """The part of prose after its last heading (all of it where there is none)."""
    heading = max(_HEADING.finditer(text), key=lambda h: h.start(), default=None)
    return text if heading is None else text[heading.end():]


def prose_case(before: str, latex: str, dims: tuple[str, ...] = (),
               symbols: tuple[str, ...] = (),
               implied: Callable[[str, str], bool] = lambda name, shown: False,
               aliases: dict[str, str] | None = None) -> list[str]:
    """The case the prose right before a display states (``If $i = k$:``), as the display's
    hypothesis, when both letters are indices the display uses (p_i, x_k): it is shown with
    the verdict, never silently assumed or ignored. ``aliases``: the declared symbol a Greek
    letter is mapped to (latex = { "\\delta" = "d" }: delta → d)."""
    letters = without_differentials(latex)  # (the d of d/dw is no letter d to state a case of)
    if trailing_case(before):  # "… $$ when $i = j$, and $$ this $$": the display before's case
        refused = UnreadCondition("the prose before this display states the case of the "
                                  f"display before it ({' '.join(before.split())!r}), which "
                                  "goes on into this one: its own case is not read; write each "
                                  "case in its display (\\quad (i = j), \\quad (i \\neq j))",
                                  pos=Pos(1, 1))
        refused.soft = True  # type: ignore[attr-defined]  # (only a refutation is in doubt)
        raise refused
    prose = _BOLD_CASE.sub(r"\1\2", _PART_LABEL.sub(r"\1", after_heading(prose_end(before))))
    prose = cases_in_math(prose, script_letters(latex) | set(dims))
    # (an earlier section's prose states no case of this display: its standing assumptions
    # reach it, checker.files.document; a case its heading states is refused: no_heading_case)
    span = CASE_SPAN.search(prose)
    found = _case_span(span, letters, symbols, aliases or {}) if span is not None else None
    if found is not None:
        return _others_refused(found, span, prose, latex, implied)  # type: ignore[arg-type]
    m = CASE.search(prose)
    if m is not None and _EXISTS.match(re.split(r"[.!?]", prose[m.end():], maxsplit=1)[0]):
        m = None  # ("Let $x_i > 0$ for some i.": of one i, which? not this display's case:
        # read below as prose the reader does not read)
    if m is not None and (not m.group(0).rstrip().endswith(".") or _named(m)):
        # ("For $x > 0$." ends a sentence: the display before's remark, see following; not
        # this one's case. "**Case 1:** $i = j$." names it: this one's)
        found = _case(m, letters, dims, symbols, aliases or {})
        if found is not None:
            return _others_refused(found, m, prose, latex, implied)
    elif m is not None and _assumes(m):  # "Let $x > 0$." assumes it: this one's case, and the
        # later ones' (checker.files.document_build), where it is a letter's of its own (a
        # size's or a vector's, or what cannot be read: as any sentence before a display)
        try:
            found = _case(m, letters, dims, symbols, aliases or {})
        except Bad:
            found = None
        if found and not set(re.findall(r"[A-Za-z]\w*", " ".join(found))) & set(dims):
            return _others_refused(found, m, prose, latex, implied)
    return _no_case(prose, latex, implied, dims)


# a homework part's label at the start of a paragraph ("\textbf{(a)} If $i = j$:", "**(b)**
# For $x > 0$:"): the sentence after it starts there (a label naming a case stays: "**Case 1:**")
_LABEL = (r"(?:\(?[a-z0-9]{1,4}\)|[a-z0-9]{1,4}[.)]|"
          r"(?:part|problem|question|exercise|q)\s*\(?[a-z0-9]{1,4}\)?)")
# a run-in title in bold that ends with its own stop ("**Softmax Jacobian.** If $i = j$:"), not
# a case in bold ("**If $i = j$:**")
_TITLE = r"(?![^*_}]*\$)(?!\s*(?:if|when|whenever|for|where|case|otherwise)\b)[^*_{}\n]{1,60}?[.:]"
_BOLD_CASE = re.compile(r"(^|\n\s*\n)\s*(?:\*\*|__)(\s*(?:if|when|whenever|for|where|case|"
                        r"otherwise)\b[^*_\n]*?)(?:\*\*|__)", re.I)  # "**If $i = j$:**": the case
_PART_LABEL = re.compile(r"(^|\n\s*\n)\s*(?:[-*+]\s+)?(?:\\textbf\s*\{\s*" + _LABEL + r"\s*[.:]?\s*\}"
                         r"|\*\*\s*" + _LABEL + r"\s*[.:]?\s*\*\*|__\s*" + _LABEL + r"\s*[.:]?\s*__"
                         r"|\*\*\s*" + _TITLE + r"\s*\*\*|__\s*" + _TITLE + r"\s*__"
                         r"|\\textbf\s*\{\s*" + _TITLE + r"\s*\}"
                         r"|\\item\s*\[\s*" + _LABEL + r"\s*\]|\\paragraph\s*\{\s*" + _LABEL
                         + r"\s*\})\s*[.:]?\s*", re.I)


def _others_refused(found: list[str], m: re.Match, prose: str, latex: str,
                    implied: Callable[[str, str], bool]) -> list[str]:
    """The case read, after the paragraph's other conditions ("… and $y > 0$ …. For $x < 0$:")
    are refused, unless they are the other case (x > 0 against x < 0)."""
    if found:
        earlier = re.split(r"\n\s*\n", prose[:m.start()])[-1]
        try:
            no_unread_condition(_MATH.sub(
                lambda s: " " if other_case(s.group(1) or s.group(2), tuple(found))
                else s.group(0), earlier), latex, implied=implied)
        except UnreadCondition as exc:  # (a bound not read beside the case read: both kept,
            exc.case = found  # type: ignore[attr-defined]  # see document_build)
            raise
    return found


# words after an assumed formula that make it hold of some index only, not of the one written
_EXISTS = re.compile(r"\s*,?\s*(?:for\s+(?:some|at\s+least\s+one)\s+\$?\s*[a-z]\s*\$?"
                     r"(?=\s*(?:[.,;:!?)]|$))|,?\s*where\s+[a-z]\s+is\s+some\b)", re.I)


def _assumes(m: re.Match) -> bool:
    """A case the prose assumes ("Let $x > 0$.", "Suppose that $a \\ge 1$."), not a remark."""
    return re.match(r"\W*(?:(?:and|so|now|next|then)\s*,?\s+)?(?:let|suppose|assume)\b",
                    m.group(0).lstrip(".!?:; \n"), re.I) is not None


def _named(m: re.Match) -> bool:
    """A case the prose names as one ("**Case 1:** $i = j$.", "Case 2, where …")."""
    return re.match(r"\W*(?:\*\*|__)?case\b", m.group(0).lstrip(".!?:; \n"), re.I) is not None


def _no_case(prose: str, latex: str, implied: Callable[[str, str], bool],
             dims: tuple[str, ...] = ()) -> list[str]:
    """No case read from the prose right before a display: what it says of the display's
    letters is refused (a condition not read would leave the display checked without it)."""
    # (an image or a code block between the prose and the display says nothing of the case:
    # the prose's last paragraph is the one before it, "If $i = j$: ![…](…) $$A$$")
    prose = "\n\n".join(p for p in re.split(r"\n\s*\n", prose)
                          if has_prose(p) and p.strip() != "§")  # (§: a code block)
    last = re.split(r"(?<=[.!?])\s+|\n\s*\n", prose)[-1]
    if OTHERWISE.fullmatch(last) and not CASE_END.search(latex):
        raise Bad(f"the prose right before this display ({last.strip()!r}) states a case that "
                  "is not read as its hypothesis: write the case in the display (\\quad "
                  "(i \\neq j), \\text{if } x > 0), or start the sentence with it "
                  "(If $i \\neq j$:)", pos=Pos(1, 1))
    paragraphs = re.split(r"\n\s*\n", prose)
    no_unread_condition(paragraphs[-1], latex, implied=implied,  # "Assume x > 0. Then"
                        sizes=frozenset(dims))  # ("Let $n = 1$.": every array's size)
    for earlier in paragraphs[:-1]:  # "Throughout we assume $x > 0$." further back
        for sentence in re.split(r"(?<=[.!?])\s+", earlier):
            if STANDING.search(sentence):
                no_unread_condition(sentence, latex, implied=implied)
    indices = script_letters(latex)
    named = set(re.findall(r"(?:\$|\\\()\s*([A-Za-z])\s*(?:\$|\\\))", last))
    if INDEX_WORDS.search(last) and indices and (named & indices or re.search(
            r"\b(?:indices|diagonal|entries)\b", last, re.I)):  # "For distinct $i$ and $j$:"
        raise UnreadCondition(
            f"the prose right before this display states a case in words ({last.strip()!r}) "
            "that is not read as its hypothesis: "
            + in_display("i \\neq j", latex, "start the sentence with it in math (If $i "
                         "\\neq j$:)"), pos=Pos(1, 1))
    worded = IN_WORDS.search(last)
    if worded is not None and not _MATH.search(last) and (
            CASE_WORDS.search(last) or re.match(r"\W*(?:on|in)\b", last, re.I)):
        raise UnreadCondition(  # "For negative inputs:": which letter, and is 0 in it?
            f"the prose right before this display states a case in words ({last.strip()!r}) "
            "that is not read as its hypothesis: write it in math (For $x < 0$:), or as a "
            "condition in the display (\\quad (x < 0))", pos=Pos(1, 1))
    if not CASE_WORDS.search(last):  # a remark on notation, not a case of this display
        return _no_index_case(paragraphs[-1], latex, implied)
    for c in re.finditer(r"(?:\$|\\\()\s*([A-Za-z])\s*(?:=|\\neq?|!=|<|>|\\[lg]eq?)\s*"
                         r"([A-Za-z])\s*(?:\$|\\\))", last):
        if {c.group(1), c.group(2)} <= indices and c.group(1) != c.group(2):
            case = c.group(0).strip("$\\()").strip()
            raise UnreadCondition(
                f"the prose right before this display states a condition on {c.group(1)}, "
                f"{c.group(2)} ({c.group(0)}) that is not read as this display's case: "
                + in_display(case, latex, f"start the sentence with it (If ${case}$:)"),
                pos=Pos(1, 1))
    no_unread_condition(last, latex, implied=implied)
    return _no_index_case(paragraphs[-1], latex, implied)


def _no_index_case(paragraph: str, latex: str, implied: Callable[[str, str], bool]) -> list[str]:
    """A case of two of the display's indices anywhere in the paragraph before it ("If $i = j$,
    the result is known. For the rest:", "We did $i = j$ already."), not read as its case:
    only a refutation is in doubt (a soft refusal: a proof for all index values covers it)."""
    no_unread_condition(paragraph, latex, implied=implied, index_cases=True)
    return []


_MATH_IN = re.compile(r"\$([^$]*)\$|\\\((.*?)\\\)", re.S)


def _case(m: re.Match, latex: str, dims: tuple[str, ...], symbols: tuple[str, ...],
          aliases: dict[str, str]) -> list[str] | None:
    """The hypothesis of the case ``m`` the prose states, or None where an inequality is
    not one the reader reads as a case (then the prose is read as if it stated none). A sign
    or bound of several letters (Let $a, b \\geq 0$.) is one condition per letter, each read
    as one letter's would be; anything else of several letters is none."""
    letters = [t.strip() for t in m["a"].split(",")]
    if len(letters) == 1:
        return _case_of(m["a"], m["op"], m["b"], m.string, latex, dims, symbols, aliases)
    if _ORDER.get(m["op"].lstrip("\\"), m["op"]) not in ("<", ">", "<=", ">=") \
            or not re.fullmatch(r"-?\d+(?:\.\d+)?", m["b"]) or len(set(letters)) < len(letters):
        return None
    out: list[str] = []
    for letter in letters:
        found = _case_of(letter, m["op"], m["b"], m.string, latex, dims, symbols, aliases)
        if not found:  # (every letter, or the case is not read)
            return None
        out += found
    return out


def _case_of(a: str, written_op: str, b: str, string: str, latex: str, dims: tuple[str, ...],
             symbols: tuple[str, ...], aliases: dict[str, str]) -> list[str] | None:
    """:func:`_case` of one letter ``a``: a ``written_op`` b, in the prose ``string``."""
    indices = script_letters(latex)
    b_written = b
    op = _ORDER.get(written_op.lstrip("\\"), written_op)
    fraction = re.fullmatch(r"(-?)\\[dt]?frac\{(\d+)\}\{(\d+)\}", b)
    if fraction:  # \frac{1}{2}: 1/2
        b = f"{fraction[1]}{fraction[2]}/{fraction[3]}"
    b = re.sub(r"\s+", "", b)
    sign = "-" if b.startswith("-") and not b[1:2].isdigit() else ""  # r < -\delta
    b = b[len(sign):]
    greek = {w: w.lstrip("\\") for w in (a, b) if w.startswith("\\")}  # \alpha: alpha
    if any(g not in GREEK for g in greek.values()):  # (\ell, \infty: not a letter's case)
        return None
    written_a = "\\" + greek[a] if a in greek else a
    a, b = (aliases.get(greek[w], greek[w]) if w in greek else w for w in (a, b))
    letter = a in symbols and re.search(rf"(?<![A-Za-z\\]){re.escape(written_a)}(?![A-Za-z])",
                                        latex) is not None \
        and (b in symbols or re.fullmatch(r"-?\d+(?:\.\d+)?(?:/\d+)?", b) is not None)
    if op in ("<", ">", "<=", ">="):  # "For $x < 0$:": one side of a piecewise function
        ordered = a in indices and not sign and (  # "For $i > 1$:", "If $i < j$:"
            b in indices or b in dims or re.fullmatch(r"\d+", b) is not None)
        return [f"{a} {op} {sign}{b}"] if a != b and (letter or ordered) else None
    ok = a != b and ({a, b} <= indices or {a, b} <= set(dims) or letter  # i = k, K = H, x = 1
                     or ((a in indices or a in dims)
                         and (b in dims or re.fullmatch(r"\d+", b) is not None)))
    # (i = 1, i = n: the index has that value, put in for it by the engine)
    if sign or (not ok and greek):
        return None  # (read as before there were such cases: refused where it matters)
    if not ok:
        used = set(re.findall(r"(?<![A-Za-z\\])([A-Za-z])(?![A-Za-z])",
                              re.sub(r"\\[A-Za-z]+", " ", latex)))
        one = next((w for w in (a, b) if w in indices), None)
        other = b if one == a else a
        if written_op == "=" and one is not None and re.fullmatch(r"[A-Za-z]", other) \
                and other not in used | indices | set(symbols) | set(dims) \
                and len(re.findall(rf"(?<![A-Za-z\\]){other}(?![A-Za-z])",
                                   " ".join(a or b for a, b in _MATH_IN.findall(string)))) == 1:
            # "Case 1: $i = j$." before ∂ŷ_i/∂z_i: the display is written in the case already
            # (j nowhere in it, nor elsewhere in the prose's formulas: "$j = n$" would make it
            # i = n): for every i, as the case says (a case i ≠ j is not so: at a size of 1 no
            # j differs from i)
            return []
        if {a, b} & (used | set(symbols)):  # "If $a = b$:" on the display's letters, not read
            why = (f"the display does not write {a}, so which of its letters the case is about "
                   "cannot be told from it" if a in symbols and a not in used else
                   f"{a} and {b} are neither indices nor declared symbols")
            shown, written = ("=", "=") if written_op == "=" else ("≠", "\\neq")
            refused = Bad(f"the prose right before this display states a case ({a} {shown} "
                          f"{b}) that is not read as its hypothesis ({why}): write the case in "
                          f"the display (\\quad ({a} {written} {b})), or declare the symbols",
                          pos=Pos(1, 1))
            if written_op == "=" and a not in symbols:  # "let c=$…$": c's value, for the
                refused.later = [(a, f"{a} = {b_written}")]  # type: ignore[attr-defined]
            raise refused  # displays after this one that use c too
        return []
    return [f"{a} {'==' if written_op == '=' else '!='} {b}"]


def _case_span(m: re.Match, latex: str, symbols: tuple[str, ...],
               aliases: dict[str, str]) -> list[str] | None:
    """The hypotheses of "For $|a| \\le \\delta$:" (abs(a) <= delta) or "If $-c \\le x \\le c$:"
    (-c <= x, x <= c): a declared letter the display writes, bounds that are declared letters
    (Greek ones mapped) or numbers; None for anything else."""
    def side(text: str) -> str | None:
        sign, word = ("-", text[1:]) if text.startswith("-") else ("", text)
        if re.fullmatch(r"\d+(?:\.\d+)?", word):
            return sign + word
        name = word.lstrip("\\")
        if word.startswith("\\") and name not in GREEK:
            return None
        name = aliases.get(name, name)
        return sign + name if name in symbols else None

    def order(op: str) -> str:
        return _ORDER.get(op.lstrip("\\"), op)

    letter = m["abs"] or m["x"]
    if letter not in symbols or not re.search(rf"(?<![A-Za-z\\]){letter}(?![A-Za-z])", latex):
        return None
    if m["abs"]:
        bound, op = side(m["bound"]), order(m["op"])
        if bound is None:
            return None
        if op in ("<", "<="):  # |a| ≤ c: −c ≤ a ≤ c, two linear conditions (the regions of a
            neg = bound[1:] if bound.startswith("-") else f"-{bound}"  # piecewise line too)
            return [f"{neg} {op} {letter}", f"{letter} {op} {bound}"]
        return [f"abs({letter}) {op} {bound}"]
    lo, hi = side(m["lo"]), side(m["hi"])
    op1, op2 = order(m["op1"]), order(m["op2"])
    if lo is None or hi is None or (op1 in ("<", "<=")) != (op2 in ("<", "<=")):
        return None  # (a < x > b: no interval)
    return [f"{lo} {op1} {letter}", f"{letter} {op2} {hi}"]


_ORDER = {"le": "<=", "leq": "<=", "leqslant": "<=", "ge": ">=", "geq": ">=", "geqslant": ">=",
          "lt": "<", "gt": ">", "ne": "!=", "neq": "!="}


def prose_end(before: str) -> str:
    """The prose before a display, without the display's own opening ($$, \\[, \\begin{…})
    nor the closing of the display before it."""
    text = re.sub(r"^\s*(\$\$|\$|\\\]|\\\)|\\end\{[a-z*]+\})", "", before)
    return re.sub(r"(\$\$|\$|\\\[|\\\(|\\begin\{[a-z*]+\})\s*$", "", text.rstrip()).rstrip()


# the prose says a display holds only approximately, or up to something left out
_APPROXIMATE = re.compile(
    r"\b(?:approximately|approx\.?|approximat(?:e|es|ed|ing|ion)|roughly|nearly|"
    r"to\s+(?:first|second|leading)\s+order|leading[\s-]order\s+terms?|"
    r"up\s+to\s+(?:an?\s+)?(?:additive\s+|multiplicative\s+)?(?:constants?|terms?|a\s+factor)|"
    r"for\s+(?:very\s+)?(?:small|large|vanishing|negligible|tiny|huge)\s+(?:\$|\\\(|values?\b|"
    r"inputs?\b|arguments?\b|[a-z](?![a-z]))|close\s+to\s+(?:zero|0|\$)|near\s+(?:zero|0)\b|"
    r"in\s+the\s+limit|neglecting|ignoring|dropping\s+(?:the\s+)?(?:\w+\s+)?(?:terms?|constants?)|"
    r"keeping\s+only\s+the\s+(?:leading|first|dominant|lowest|highest|linear|quadratic)|"
    r"lineari[sz](?:e|es|ed|ing|ation)|taylor|asymptotically|small[\s-]angle)\b",
    re.I)
_NOT_APPROXIMATE = re.compile(r"\b(?:not|without|no\s+longer|never)\b", re.I)
_EXACT = re.compile(r"\b(?:exact(?:ly)?|remainder)\b", re.I)
_A_NUMBER_AFTER = re.compile(r"\s+(?:\$\s*)?[-−]?\d|\s+(?:half|a\s+third|a\s+quarter|\d+\s*%)", re.I)


def _approximately(sentence: str) -> str:
    sentence = re.sub(r"\$[^$]*\$|\\\((?:(?!\\\)).)*\\\)", lambda m: "$x$" if not re.search(
        r"\d", m.group(0)) else "$1$", sentence)  # (math: no words; f'(x) \approx 0 in it is none)
    m = _APPROXIMATE.search(sentence)
    if m is None or _NOT_APPROXIMATE.search(sentence[:m.start()]) or _EXACT.search(sentence) \
            or _A_NUMBER_AFTER.match(sentence[m.end():]):
        return ""  # ("This is exact, not approximately true:", "approximately −0.5",
    return " ".join(m.group(0).split())  # "Approximately half of the students")


def approximate(before: str) -> str:
    """The words of the prose right before a display (its last sentence) that say it holds
    only approximately or up to what is dropped ("which is approximately", "ignoring
    constants,", "for small $x$"), or "": an '=' there is no identity to check."""
    last = re.split(r"(?<=[.!?])\s+|\n\s*\n", after_heading(prose_end(before)))[-1]
    if re.search(r"[.!?]\W*$", last):  # a sentence that ends before the display is about
        return ""  # something else ("For small $\lambda$ the optimum moves.")
    return _approximately(last)


def approximate_after(remark: str) -> str:
    """The same, in the prose after a display that is its own ("… approximately, for small
    $x$.": its first sentence)."""
    remark = remark.strip()
    if not remark or not (remark[:1].islower() or remark.startswith("(")):
        return ""  # (a new sentence, "When $w$ is close to zero …", is about what comes next)
    return _approximately(re.split(r"(?<=[.!?])\s+", remark)[0])


ASSUMING = ("assume", "assuming", "suppose", "supposing", "given", "if", "provided")
_ASSUMED = re.compile(r"\b(assume|assuming|suppose|supposing|let|given|throughout|if|provided|"
                      r"where|whenever|when|for|with)\b(?:\s+(?:that|throughout|now))?[\s,:]*$",
                      re.I)


def assumed(before: str) -> str:
    """The cue word (lower case) that ends the prose right before a display and makes it an
    assumption ("Assume", "We assume throughout that", "Suppose", "Throughout,"), or ""."""
    m = _ASSUMED.search(after_heading(prose_end(before)))
    return m.group(1).lower() if m else ""


def new_thought(before: str) -> bool:
    """Prose between two displays that starts a new case ("if $i \\neq j$", "otherwise"): a
    display after it that begins with '=' cannot be said to go on from the last."""
    prose = prose_end(before)  # an expression the prose makes the subject of the display
    last = None                 # ("the square $(a-b)^2$ of the difference is") may be what
    for m in re.finditer(r"\$([^$]+)\$|\\\((.+?)\\\)", prose):  # it goes on from
        if not re.fullmatch(r"\s*\\?[A-Za-z]+(_\{?\w+\}?)?\s*", m.group(1) or m.group(2)):
            last = m
    subject = last is not None and re.fullmatch(
        r"[^.$]{0,40}\b(is|are|equals|becomes|reads|expands to|can be written as|gives|yields)"
        r"\s*[:,]?\s*", prose[last.end():]) is not None
    return bool(CUES.search(prose) or CASE.search(prose) or subject)  # ("For $x < 0$:")


def solves(before: str, latex: str) -> str:
    """The prose's equation that the display solves for one of its letters (the display is
    ``x = …`` alone, x a letter of the equation, right after it and "so", "hence" …), or ""."""
    m = SOLVES.search(before)
    if m is None:
        return ""
    lhs = re.fullmatch(r"\s*((?:\\[A-Za-z]+|[A-Za-z])(?:_\{?\w+\}?)?)\s*=[^=]+", latex)
    if lhs is None:
        return ""
    letter = re.escape(lhs.group(1))
    return f"${m['eq'].strip()}$" if re.search(rf"(?<![A-Za-z\\]){letter}(?![A-Za-z])",
                                                 m["eq"]) else ""


_ASSUMES = re.compile(r"\b(?:throughout|from\s+(?:now|here)\s+on|henceforth|in\s+what\s+follows|"
                      r"only\s+consider|satisf(?:y|ies)|assume|assuming|suppose)\b", re.I)


def _named_end(sentence: str) -> bool:
    """A sentence that ends with a period after its case, as a standing assumption does
    ("Assume $y > 0$."), not a display's named case."""
    m = CASE.search(sentence)
    return m is not None and m.group(0).rstrip().endswith(".") and not _named(m)


_SET_OR_STYLE = re.compile(r"\\mathbb\s*\{[^{}]*\}\s*(?:\^\s*(?:\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|\w))?"
                           r"|\\(?:mathrm|text|operatorname|mathcal)\s*\{[^{}]*\}")


def standing(before: str) -> list[tuple[str, str]]:
    """The conditions a standing assumption in the prose states ("Throughout we assume
    $y > 0$.", "Assume $\\lambda \\ge 0$ from now on"): (letter, condition) for each letter
    of each, which holds (unread) for every later display of the section."""
    out = []
    for sentence in re.split(r"(?<=[.!?])\s+|\n\s*\n", prose_end(before)):
        if not _ASSUMES.search(sentence) or (CASE.search(sentence) and not _named_end(sentence)):
            continue  # (a case of the display after it is that display's, read there)
        for m in _MATH.finditer(sentence):
            span = (m.group(1) or m.group(2) or "").strip()
            if not _RELATION.search(span):
                continue
            letters = _SET_OR_STYLE.sub(" ", span)  # (ℝ^{d_k} is a set: its R and d no letters)
            out += [(name.lstrip("\\"), span) for name in _NAMES.findall(letters)
                    if not _RELATION.fullmatch(name) and not name.startswith("\\frac")]
    return out


def names_an_expression(before: str) -> bool:
    """Whether the prose before a display writes an expression in math besides a case it
    states ("Now consider $|x| - x$ instead. For $x > 0$:"): what a display that starts with
    '=' goes on from is then not the expression before the cases."""
    prose = prose_end(before)
    case = CASE.search(prose)
    for m in _MATH.finditer(prose):
        if case is not None and case.start() <= m.start() < case.end():
            continue
        span = (m.group(1) or m.group(2) or "").strip()
        if not re.fullmatch(r"\\?[A-Za-z]+(?:_\{?\w+\}?)?", span):  # (a letter alone: named)
            return True
    return False


def has_prose(between: str) -> bool:
    """Whether text between two displays holds prose (not only their delimiters)."""
    return bool(re.sub(r"\$|\\[\[\]()]|\\(?:begin|end)\{[^{}]*\}|\s|!\[[^\]]*\]\([^()]*\)"
                       r"|<br\s*/?>|<img\b[^<>]*>|^\s*\(\d{1,3}\)\s*$", "", between, flags=re.M))


AS_PREMISE = ("the implication line after it may have it as its premise, which claims nothing: "
               "the readings disagree; write the premise in that line (P \\Rightarrow Q) or the "
               "identity in a chain of its own")
SOLVED = ("the prose before it says an equation is being solved ({}), and an equation to solve "
           "is not claimed to hold for every value: the readings disagree; write the steps with "
           "\\Rightarrow (each is then checked from the one before), or the identity where no "
           "prose says so")
# prose that makes the equations after it ones to solve, not identities; and an equation the
# prose states right before a display that solves it for one of its letters ("we need
# $n s = 1$, so $$s = 1/n$$": SOLVES, see solves)
SOLVES = re.compile(r"\$(?P<eq>[^$]*[^<>!\\$]=[^$]*)\$[\s,;:]*(?:and\s+)?(?:so|hence|thus|"
                    r"therefore|giving|which\s+gives|i\.\s?e\.,?|that\s+is,?|we\s+get)[\s,:]*"
                    r"(?:\$\$|\\\[|\\begin\{[a-z*]+\})?\s*$")  # (up to the display's opening)
SOLVING = re.compile(r"(\bsolv(?:e|ing) (?:for|the equation)\b|"
                     r"\bsolv(?:e|ing)\s+(?:(?:the|this|a|these|following|linear)\s+)*(?:system|"
                     r"equations?)\b|\b(?:two|three|following|these|both)\s+(?:equations|"
                     r"conditions|constraints)\b|\b(?:first|second|third|last|other)\s+equation\b|"
                     r"\b(?:points?|solutions?|optim(?:um|a)|minimi[sz]ers?|maximi[sz]ers?|"
                     r"estimates?|roots?|equilibri(?:um|a)|parameters?)\s+(?:must\s+)?"
                     r"satisf(?:y|ies)\b|"
                     r"set(?:ting)?\b(?! of\b)[^.$]{0,60}\bto (?:zero|0)(?!\.?\d)|"
                     r"equat(?:e|ing)\b[^.$]{0,40}\bto (?:zero|0)(?!\.?\d)|"
                     r"find (?:the )?(?:roots?|zeros?)\b|"
                     r"\b(?:normal|first-order|optimality|stationarity|score|estimating|"
                     r"likelihood)\s+(?:equations?|conditions?)\b|"
                     r"\b(?:the|a|this)\s+(?:linear\s+)?system\s+(?:of\s+equations\s+)?(?:is|"
                     r"reads|becomes)\b|\bsimultaneous\s+equations\b|"
                     r"\b(?:at|for)\s+(?:the|an?|its|this)\s+(?:optim(?:um|a|al\s+\w+)|minim(?:um|a|"
                     r"i[sz]er)|maxim(?:um|a|i[sz]er)|stationary\s+points?|critical\s+points?|"
                     r"extrem(?:um|a)|equilibri(?:um|a))\b|"
                     r"\bto\s+(?:find|get|locate)\s+(?:the|an?|its)\s+(?:optim|minim|maxim|"
                     r"stationary|critical|extrem)\w*[^.$]{0,40}\b(?:require|need|set|solve)\w*)", re.I)


# "All logarithms in these notes are base 2", "\log denotes \log_{10}", "entropies in bits":
# a base other than e for \log, which is read as the natural logarithm
# a sentence that says log is of another base: it names logarithms and a base, a binary or
# common one, or writes log₂ / log_2 / log2 / \lg ("We work in base 2 for all logarithms",
# "The base of every logarithm is 2", "log means log₂", "entropies in bits")
_LOGS = re.compile(r"\blog(?:arithm)?s?\b|\\lg\b", re.I)
_A_BASE = re.compile(r"\bbase(?:\s+(?:is|of)\b[^.\n]{0,40}?)?[\s-]*(?:\$\s*)?(?:2|10|two|ten|b)\b|"
                     r"\b(?:binary|decimal|common)\s+(?:\w+\s+){0,2}?log|"
                     r"\blog(?:arithm)?s?\s+(?:\S+\s+){0,3}?(?:binary|decimal|common)\b|"
                     r"log(?:\s*(?:₂|₁₀|_\s*\{?\s*(?:2|10))|(?:2|10)\b)|"  # (not \log 2, ln 2)
                     r"\\lg\b|\b(?:bits|bans|decibans|shannons|hartleys)\b", re.I)


def log_base(text: str) -> str | None:
    """What the prose says that makes \\log another base than e (the sentence), or None."""
    for sentence in re.split(r"(?<=[.!?])\s+|\n\s*\n", text):
        if (_LOGS.search(sentence) and _A_BASE.search(sentence)
                and not re.search(r"\bnatural\b", sentence, re.I)) or re.search(
                r"\b(?:in|measured\s+in|expressed\s+in)\s+(?:bits|shannons|hartleys)\b",
                sentence, re.I):
            return " ".join(sentence.split())
    return None


_SUMMATION = re.compile(r"\b(?:summation\s+convention|einstein(?:'s)?\s+(?:summation|notation|"
                        r"convention)|following\s+einstein|repeated\s+ind(?:ices|exes)\s+(?:are|is|"
                        r"imply|implies)\s+(?:summed|summation)|implied\s+summation|implicit\s+"
                        r"summation|summ(?:ed|ation)\s+over\s+(?:any\s+|all\s+)?repeated|"
                        r"ind(?:ex|ices|exes)\s+(?:that\s+|which\s+)?appears?\s+twice[^.]{0,40}"
                        r"\bsum|sum\s+over\s+(?:any|every|each)\s+index\s+that\s+appears\s+"
                        r"twice)", re.I)


def summation_convention(text: str) -> str:
    """The sentence of the prose that states the summation convention (an index written twice
    in a term is summed over: Einstein's), or ""."""
    for sentence in re.split(r"(?<=[.!?])\s+|\n\s*\n", text):
        if _SUMMATION.search(sentence) and not re.search(
                r"\b(?:no|not|never|without)\b[^.]{0,30}(?:summation|einstein)", sentence, re.I):
            return " ".join(sentence.split())
    return ""


# prose that starts a new problem or part ("Problem 2.", "**Exercise 3**", "(b)", "2.", a
# heading in HTML, "Now consider …"): a name defined before may be given a new value there
_PROBLEM_START = (
    r"(?:^|\n)\s*(?:[*_]{1,2})?(?:problem|exercise|question|part|task|example|homework|hw)\b"
    r"\s*\(?[\w.]{0,6}\)?\s*(?:$|\n|[.:)\u2013\u2014(*_-])|(?:^|\n)\s*(?:[*_]{1,2})?q\s*\d{1,3}\b"
    r"|(?:^|\n)\s*(?:[*_]{1,2})?(?:\(?[a-h]\)|\d{1,3}[.)]|[ivx]{1,4}[.)])(?:[*_]{1,2})?\s|<h[1-6]\b|<hr\b|(?:^|\n)\s*(?:-{3,}|\*{3,}|_{3,})\s*(?:\n|$)"
    r"|(?:^|\n)\s*\(\d{1,3}\)\s")
# … by its layout alone: a label at a line's start, an HTML heading, a rule (---)
PROBLEM_START = re.compile(_PROBLEM_START, re.I)
NEW_PROBLEM = re.compile(
    _PROBLEM_START + r"|\bnow\s+(?:consider|let|take|define|suppose|for|an?\b|the\s+(?:next|second|other))"
    r"|\bnext\s*,?\s+(?:consider|let|take|define|an?|the|we)\b|\bconsider\s+(?:now|instead)\b"
    r"|\blet(?:\s+us|'s)\s+now\b|\bnow\s+(?:look|turn|move)\b|\b(?:suppose|assume|say)\s+instead\b"
    r"|\binstead\s*,?\s+(?:consider|let|suppose|take)\b|\bdifferent\s+(?:loss|function|model|"
    r"problem|example|setting)\b"
    r"|\bredefin\w*|\binstead\b|\bnow\s+use\b|\bfrom\s+(?:now|here)\s+on\b|\b(?:second|third|fourth|next|another|new)\s+"
    r"(?:problem|exercise|question|part|task|example|case|loss|function|model)\b", re.I)


# prose right before a display that makes its inequality a constraint, not a claim
CONSTRAINT = re.compile(r"\b(?:subject\s+to|s\.\s*t\.|such\s+that|so\s+that|constrain\w*|"
                        r"requir\w*|need\w*|must|satisf\w*|restrict\w*|bound(?:ed)?\s+by|"
                        r"condition\w*|want\w*|demand\w*|impos\w*|enforc\w*)\b[^.]{0,80}$",
                        re.I)

# prose that ends right before a display and makes its equation a constraint ("We minimize
# $f$ subject to", "weights chosen such that")
CONSTRAINT_EQUATION = re.compile(r"\b(?:subject\s+to|s\.\s*t\.|such\s+that|under\s+the\s+"
                                 r"constraints?|constrained\s+(?:to|by)|on\s+the\s+(?:curve|"
                                 r"surface|circle|sphere|line|plane|set|level\s+set|manifold|"
                                 r"constraint(?:\s+set)?|hyperplane|ellipse|parabola))\s*[:,]?\s*$",
                                 re.I)  # ("On the curve ⏎ $$xy = 1$$": where it holds)

# prose right before an inequality's display that makes it a result ("so", "hence", "we get")
RESULT_CUE = re.compile(r"\b(?:so|hence|thus|therefore|then|consequently|get|gets|have|has|"
                        r"obtain\w*|find|gives?|yields?|follows?|shows?|showing|prove[sd]?|"
                        r"proof|bound\w*|at\s+most|at\s+least|impl\w*|means|i\.\s*e\.|that\s+is|"
                        r"claim\w*|theorem|lemma|proposition|corollary|inequalit\w*|because|"
                        r"since|result\w*|conclude\w*|note|recall)\b[^.]{0,80}$", re.I)


def cue(pattern: re.Pattern, before: str) -> bool:
    """Whether the prose right before a display ends with a cue of ``pattern`` (its inline
    math read as one word: "we get, for the term $\frac{a}{2}$," ends with "we get")."""
    own = re.sub(r"<!--.*?-->", " ", prose_end(after_heading(before)), flags=re.S)
    return pattern.search(re.sub(r"\$[^$]*\$", "x", own)) is not None


# words in the sentence right before an inequality's display that make it a condition, an
# assumption or the description of a set, not a result to check ("We assume the following
# bound", "Hence the feasible region is", "as long as", "it is enough that"), wherever they
# stand in it; and weaker ones ("with", "where", "for all"), unless a result word comes after
# them ("With $\lambda > 0$ we get")
_CONDITION_WORDS = re.compile(
    r"\b(?:assum\w*|suppos\w*|if|iff|provided|whenever|as\s+long\s+as|as\s+soon\s+as|"
    r"hypothes\w*|condition\w*|constrain\w*|requir\w*|need\w*|suffic\w*|enough|"
    r"region|set|ball|disk|disc|circle|sphere|interval|area|half-?plane|polytope|simplex|cone|"
    r"neighbou?rhood|domain|feasible|possible|follows?\s+from|valid|subject\s+to|such\s+that|"
    r"so\s+that|unless|until|want\w*|demand\w*|impos\w*|restrict\w*|not|never|false|"
    r"mistake\w*|wrong|incorrect\w*|for\s+some|there\s+(?:is|are|exists?)|exists?|cannot|"
    r"can't|disprov\w*|counter-?examples?|fails?|failing|contradict\w*|whether)\b|\?", re.I)
_WEAK_CONDITION = re.compile(r"\b(?:with|where|when|given|let|for\s+(?:all|every|any|each))\b",
                             re.I)
_RESULT_WORD = re.compile(r"\b(?:get|gets|have|has|obtain\w*|find|see|so|hence|thus|therefore|"
                          r"then|gives?|yields?|shows?)\b", re.I)


def states_condition(before: str) -> bool:
    """Whether the prose right before a display makes an inequality it states a condition (an
    assumption, a constraint, a set), not a result: a cue at its end ("Assume", "subject to"),
    or a condition word anywhere in its last sentence, which outweighs a result word there
    ("We assume the following bound:")."""
    if assumed(before) or cue(CONSTRAINT, before):
        return True
    own = re.sub(r"<!--.*?-->", " ", prose_end(after_heading(before)), flags=re.S)  # (not a
    last = re.split(r"(?<=[.!?])\s+", re.sub(r"\$[^$]*\$", "x", own).strip())[-1]  # heading's)
    return _CONDITION_WORDS.search(last) is not None or (
        _WEAK_CONDITION.search(last) is not None and _RESULT_WORD.search(last) is None)
