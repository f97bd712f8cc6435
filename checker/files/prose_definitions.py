"""Definitions written in the prose: ``where $u = wx + b$``, ``Let $h = \\sigma(z)$.``,
``with $\\hat{y} = \\sigma(wx)$``, ``$m$ denotes $wx + b$``. The document reads them as it
reads a display that defines a name, at the place they are written (see
:func:`checker.files.document.build`), and the report shows what each line was read as.

Only what cannot be read another way is a definition: one formula ``name = expression`` (or
``:=``), in a clause that a defining word opens (let, where, with, define, denote, set, write),
with no word of a hypothesis, a case or a result between that word and the formula ("if",
"since", "assume", "such that", "then", "note", …), a right side made of other letters (``x = 0``
is a case, not a definition) and no other relation in it. Anything else stays prose; the rules
of :mod:`checker.files.names` then refuse a display that depends on it, as before."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from checker.files.names import _MATH, _RELATION, _gives_value, writes_name

# the words that open a definition, and the words after which a formula is no definition
_CUE = re.compile(r"\b(?:let|consider|take|where|with|define|defining|denote|denoting|write|writing|"
                  r"(?:is|are)\s+defined(?:\s+(?:as|by|to\s+be))?)\b", re.I)
def _words(*groups: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(groups) + r")\b", re.I)


# words of a condition, a case or a choice: after the defining word, or anywhere in the sentence
_CONDITIONAL = (r"if|iff|unless|when|whenever|assum\w*|suppos\w*|case\w*|only|or|but|except|"
                r"approx\w*|roughly|claim\w*|e\.?g|say|says|said|not|no|never")
# after the defining word: a reason, a result or a computation, not a definition
_NOT_A_DEFINITION = _words(
    _CONDITIONAL,
    r"not\w*|since|given|because|recall\w*|while|then|so|hence|thus|therefore|show\w*|"
    r"prov\w*|get|"
    r"gets|obtain\w*|ha(?:ve|s|d)|find\w*|see|know\w*|as|that|impl\w*|give[sn]?|yield\w*|"
    r"becom\w*|hold\w*|true|false|such|each|every|all|any|some|constant|fixed|zero|equal\w*|"
    r"satisf\w*|condition\w*|constrain\w*|expect\w*|want|need\w*|check\w*|verif\w*|comput\w*|"
    r"differentiat\w*|substitut\w*|plug\w*|replac\w*|result\w*|respect|instead|again|also|"
    r"still|i\.?e|means?|small|large|limit|tends?|goes|approach\w*|near|close|rounded|up")
# before the defining word: a clause of a hypothesis or a case ("If, with $u = …$, …")
_HYPOTHESIS = _words(r"if|iff|since|assum\w*|suppos\w*|given|because|recall\w*|when|"
                     r"whenever|unless|such|not\w*|case\w*|for\s+all|for\s+every")
# anywhere in the sentence: what makes it no statement of the author's definition (negated,
# counterfactual, conditional, a mistake quoted, one choice of several, true only somewhere)
_NOT_THE_AUTHORS = re.compile(r"n't\b|" + _words(
    _CONDITIONAL,
    r"nor|instead|rather|had|were|would|could|might|should|may|wrong\w*|mistak\w*|"
    r"incorrect\w*|often|tempt\w*|common\w*|avoid\w*|while|whereas|optim\w*|minim\w*|"
    r"maxim\w*|stationary|simplif\w*|drop\w*|typical\w*|usual\w*|sometimes|"
    r"examples?|wr[io]te|"
    r"writes|reviewer\w*|student\w*|alternative\w*|either|other\w*|generality|wlog|first|"
    r"second|third|last|differ\w*|temporar\w*|special\w*|particular\w*|unlike|contrast\w*|"
    r"previous\w*|earlier|elsewhere|otherwise|hope\w*|wish\w*|guess\w*|set|region|point|"
    r"smallest|largest|vanish\w*|agree\w*|consistent|left|together").pattern, re.I)
_WORDS_AFTER_CUE = 8  # "where the pre-activation of the first hidden layer is $u = …$"
_SIGNS = re.compile(r":=|\\coloneqq|\\triangleq|\\stackrel\{\\(?:text|mathrm)\{def\}\}\{=\}")
# "$m$ denotes $wx + b$": a definition in words between two formulas
_WORDED = re.compile(r"\$\s*([^$=]{1,30}?)\s*\$\s*(?:denotes|stands\s+for|is\s+defined\s+(?:as|to\s+be)|"
                     r"is\s+short(?:hand)?\s+for)\s*\$([^$]+)\$", re.I)
# "$u$ is now $wx + b$", "$u$ becomes $…$": a value told in words (for a name that has one,
# a second value)
_RETOLD = re.compile(r"\$\s*([^$=]{1,30}?)\s*\$\s*(?:is\s+now|now\s+is|becomes|is|are|equals|"
                     r"will\s+be|is\s+set\s+to|is\s+replaced\s+by|is\s+given\s+by|now\s+stands"
                     r"\s+for|now\s+denotes)\s*(?:now\s+)?\$([^$]+)\$", re.I)
_BOUNDARY = re.compile(r"[.!?;:](?=\s|$)|\n\s*\n|\(|\)")
_SCRIPTS = re.compile(r"[_^]\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9])")


@dataclass(frozen=True)
class ProseDefinition:
    latex: str  # "u = wx + b" (a worded one as an equation)
    start: int  # where in the text the formula (or the words) begins
    end: int
    defines: bool = True  # False: "name = …" that the words make no definition ("if", "not" …)
    sentence: int = 0  # which sentence of the text it is written in


def _clause_allows(clause: str) -> bool:
    """A defining word opens the clause, and nothing after it makes the formula a
    hypothesis, a case or a result. "where" and "with" open one only after a comma, a
    bracket, a formula or the start of the text (not "smallest where $w = c$", "agrees with
    $u = v$"), and a sentence that starts "Where …" states a condition."""
    cues = list(_CUE.finditer(clause))
    if not cues:
        return False
    word = cues[-1].group(0).lower()
    before = clause[:cues[-1].start()].rstrip()
    if word in ("where", "with"):  # "And with $u = …$:", ", and where $v = …$"
        joined = re.sub(r"(?:^|(?<=[,;(]))\s*(?:and|now)$", "", before, flags=re.I).rstrip()
        if joined != before and not joined and word == "where":
            return False  # "And where $a = 2b$, …": a condition, as "Where …" is
        before = joined
    if word in ("where", "with") and before and not before.endswith((",", ";", "(", "$", ")")):
        return False
    if word == "where" and not before and cues[-1].group(0)[0] == "W":
        return False  # "Where $a = 2b$, the loss vanishes.": a condition
    rest = _MATH.sub(" ", clause[cues[-1].end():])
    rest = re.sub(r"\band\b|,", " ", rest)
    if _NOT_A_DEFINITION.search(rest) or _HYPOTHESIS.search(
            _MATH.sub(" ", clause[:cues[-1].start()])):
        return False
    return len(re.findall(r"[A-Za-z][\w'-]*", rest)) <= _WORDS_AFTER_CUE


# "The loss is $L = u^2$.", "For one example, the cross-entropy is $L = …$": a thing named
# and given its value at once (not a result: "the gradient is", "the answer is")
_NAMED = re.compile(r"(?:^|,)\s*(?:and\s+)?(?:the|our|a|an)\s+((?:[\w'-]+\s+){0,6}?)(?:is|are)\s*$", re.I)
_RESULTS = _words(r"results?|answers?|solutions?|derivatives?|gradients?|partials?|outcomes?|"
                  r"values?|conclusions?|updates?|products?|sums?|differences?|ratios?|"
                  r"estimates?|errors?|terms?|same|new|final|limit")


# "We minimise $J(w) = …$.", "Our model predicts $\hat{y} = wx$.", "The model: $\hat y = wx$.":
# the thing modelled or optimised, written with its value (the formula ends the sentence)
_MODELLED = re.compile(r"(?:^|,)\s*(?:(?:so|and|then|here|now),?\s+)?(?:(?:we|i)\s+(?:minimi[sz]e|"
                       r"maximi[sz]e|optimi[sz]e)|(?:(?:the|our|a|this)\s+)?(?:[\w'-]+\s+)?"
                       r"(?:model|network|classifier|regressor|neuron|layer)\s+(?:predicts|outputs|"
                       r"computes)|(?:the|our)\s+model\s*:)\s*$", re.I)
_MODEL_LABEL = re.compile(r"^\s*(?:the|our)\s+model\s*:\s*$", re.I)  # "The model: $y = …$."
# (the words of _NOT_THE_AUTHORS that such a sentence writes as its verb)
_OPTIMISED = re.compile(r"\b(?:minimi[sz]e|maximi[sz]e|optimi[sz]e)\b", re.I)


def _modelled(clause: str) -> bool:
    return _MODELLED.search(_MATH.sub(" ", clause)) is not None


_EXAMPLE = re.compile(r"\s*(?:\*\*|__)?example\s*\d{0,3}\s*:\s*(?:\*\*|__)?\s*", re.I)  # "Example: $y = …$."
# "For one sample, $L = (wx - y)^2$.": the loss of one example, given its value
_ONE_SAMPLE = re.compile(r"\s*for\s+(?:(?:one|a\s+single|a)\s+(?:training\s+|data\s+)?(?:sample|"
                         r"example|data\s*point|observation|input|instance)|(?:the\s+|all\s+|"
                         r"each\s+of\s+the\s+)?\$[^$]{1,12}\$\s+(?:training\s+|data\s+)?"
                         r"(?:samples|examples|data\s*points|observations|inputs|instances))"
                         r"\s*,?\s*", re.I)  # ("For $m$ training examples, let …": how many)


def _named(clause: str) -> bool:
    """The clause names a thing and gives its value in the formula after it (_NAMED), and
    nothing in it makes the formula a hypothesis, a case or a result."""
    plain = _MATH.sub(" ", clause)
    plain = plain[_ONE_SAMPLE.match(plain).end():] if _ONE_SAMPLE.match(plain) else plain
    m = _NAMED.search(plain)
    return m is not None and not _RESULTS.search(m.group(1)) \
        and not _NOT_A_DEFINITION.search(m.group(1)) and not _HYPOTHESIS.search(plain)


def one_equation(latex: str) -> bool:
    """``name = expression``: one '=' (or a definition sign) outside scripts, no other relation,
    a left side that is one name or f(x, …), a right side in other letters."""
    marked = _SIGNS.sub("\x00", latex)
    plain = _SCRIPTS.sub(lambda m: " " * len(m.group(0)), marked)  # (same places)
    if plain.count("=") + plain.count("\x00") != 1 or _RELATION.search(plain) \
            or re.search(r"\\(?:approx|equiv|sim|propto|simeq|cong|Rightarrow|implies|iff|"
                         r"quad|qquad|text|mbox|forall|exists)(?![A-Za-z])", latex):
        return False
    at = plain.index("=") if "=" in plain else plain.index("\x00")
    lhs = marked[:at]
    head = re.sub(r"\s*(?:\\left)?\(.*\)\s*$", "", lhs.strip())  # f(x) = … names f
    # (the right side without its scripts: Σ_{i=1}^{n} x_i has no second '='); one name alone
    # (y = \hat{y}) ties two letters, a case more than a definition
    lone = re.fullmatch(r"\s*(?:\\[A-Za-z]+(?:\{[^{}]*\})?|[A-Za-z])(?:_\{?\w+\}?)?\s*",
                        marked[at + 1:])
    return bool(head) and "," not in head and lone is None \
        and _gives_value(head.strip(), plain[at + 1:])


def definitions_in(text: str, after_display: bool = False, before_display: bool = False
                   ) -> list[ProseDefinition]:
    """The definitions the prose ``text`` writes (and, marked, its other formulas of the form
    ``name = …``), in the order they are read: as they stand,
    except that in one sentence a definition comes before one that uses its name ("Let
    $L = u^2$, where $u = wx + b$": u first). ``after_display`` and ``before_display`` say that
    the text starts with the closing delimiter of a display and ends with the opening one."""
    blank = lambda m: " " * len(m.group(0))  # noqa: E731
    if after_display:
        text = re.sub(r"^\s*(?:\$\$|\$|\\\]|\\\)|\\end\{[a-z*]+\})", blank, text)
    if before_display:
        text = re.sub(r"(?:\$\$|\$|\\\[|\\\(|\\begin\{[a-z*]+\})\s*$", blank, text)
    text = _QUOTED.sub(blank, text)  # a quotation, a heading: not the author's definition
    found: list[tuple[int, ProseDefinition]] = []
    masked = _MATH.sub(lambda m: "$" + " " * (len(m.group(0)) - 2) + "$", text)  # (its brackets)
    sentence = re.compile(r"[.!?](?=\s|$)|\n\s*\n")
    for m in _MATH.finditer(text):
        latex = (m.group(1) or m.group(2) or "").strip().rstrip(".,;")
        if not one_equation(latex):
            continue
        start = max((b.end() for b in _BOUNDARY.finditer(masked, 0, m.start())), default=0)
        found.append((len(sentence.findall(masked, 0, m.start())), ProseDefinition(
            latex, m.start(), m.end(),
            (_clause_allows(text[start:m.start()])
             or ((_named(text[start:m.start()])
                  or _ONE_SAMPLE.fullmatch(text[start:m.start()]) is not None
                  or _modelled(text[start:m.start()])
                  or _MODEL_LABEL.search(masked[max((b.end() for b in _SENTENCE_END.finditer(
                      masked, 0, m.start())), default=0):m.start()]) is not None)
                 and _ends_sentence(masked, m.end()))
             or _EXAMPLE.fullmatch(masked[max((b.end() for b in _SENTENCE_END.finditer(
                 masked, 0, m.start())), default=0):m.start()]) is not None)
            and _authors(masked, m.start(), _modelled(text[start:m.start()])))))
    for w in _WORDED.finditer(text):
        latex = f"{w.group(1).strip()} = {w.group(2).strip().rstrip('.,;')}"
        start = max((b.end() for b in _BOUNDARY.finditer(masked, 0, w.start())), default=0)
        if one_equation(latex):
            found.append((len(sentence.findall(masked, 0, w.start())), ProseDefinition(
                latex, w.start(), w.end(), _authors(masked, w.start()) and not _HYPOTHESIS.search(
                    _MATH.sub(" ", text[start:w.start()])))))
    worded = {d.start for _, d in found}
    for w in _RETOLD.finditer(text):  # "$u$ is now $wx + b$": no definition read, but a
        latex = f"{w.group(1).strip()} = {w.group(2).strip().rstrip('.,;')}"  # value told
        if w.start() not in worded and one_equation(latex):
            found.append((len(sentence.findall(masked, 0, w.start())),
                          ProseDefinition(latex, w.start(), w.end(), False)))
    found.sort(key=lambda t: t[1].start)
    found = [(k, replace(d, sentence=k)) for k, d in found[:MAX_PER_TEXT]]
    out: list[ProseDefinition] = []
    for k in sorted({s for s, _ in found}):
        out += _in_order([d for s, d in found if s == k and d.defines])
    return _merged(out, [d for _, d in found if not d.defines])


def _merged(read: list[ProseDefinition], other: list[ProseDefinition]) -> list[ProseDefinition]:
    """The definitions in their reading order, each formula that is none at its place."""
    out = list(read)
    for d in other:
        at = next((k for k, r in enumerate(out) if r.start > d.start), len(out))
        out.insert(at, d)
    return out


_QUOTED = re.compile(r"^[ \t]*(?:>|#{1,6}\s|\\(?:sub)*section\*?\{|\\chapter\*?\{|\\paragraph\{).*$",
                     re.M)
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n\s*\n")
MAX_PER_TEXT = 200  # definitions read from one stretch of prose (the rest stay prose)
_ORDERED_UP_TO = 12  # a sentence with more definitions keeps the written order


def _ends_sentence(masked: str, at: int) -> bool:
    """Nothing of the sentence follows the formula but a "where"/"with" clause: "The loss is
    $L = u^2$." defines L; "… $L = u^2$ plus a penalty $\\lambda w^2$", "… is a typo", "… up to a
    constant" do not (a definition told by naming alone must be the whole of what is said)."""
    end = _SENTENCE_END.search(masked, at)
    rest = masked[at:end.start() if end else len(masked)]
    return re.fullmatch(r"[\s,;]*(?:(?:where|with)\b.*|and\s+(?:the|our|a|an)\s+"
                        r"(?:[\w'-]+\s+){0,6}?(?:is|are)\s*\$.*|and\s+(?:we|i)\s+(?:minimi[sz]e|"
                        r"maximi[sz]e|optimi[sz]e)\s*\$.*)?", rest, re.S | re.I) is not None


def _authors(masked: str, at: int, modelled: bool = False) -> bool:
    """No word in the formula's sentence makes it something other than the author's own
    definition (see _NOT_THE_AUTHORS); with ``modelled`` ("We minimise $J = …$"), the
    verb that opens it is not such a word."""
    start = max((b.end() for b in _SENTENCE_END.finditer(masked, 0, at)), default=0)
    end = _SENTENCE_END.search(masked, at)
    sentence = masked[start:end.start() if end else len(masked)]
    # a label that opens it ("Example:", "Example 2.") is no word of the sentence's, nor is
    # "For one sample" ("For a single training example the loss is $E = …$.")
    sentence = re.sub(r"^\s*(?:\*\*|__)?example\s*\d{0,3}\s*[:.]?(?:\*\*|__)?\s*(?=\S)", " ",
                      sentence, flags=re.I)
    sentence = _ONE_SAMPLE.sub(" ", sentence, count=1) if _ONE_SAMPLE.match(sentence) else sentence
    # "We write $f(x) = …$" and "Write …" are the author's; "the student wrote", "authors
    # write", "writes" are someone else's
    sentence = _OWN_WRITE.sub(" ", sentence, count=1)
    if modelled:
        sentence = _OPTIMISED.sub(" ", sentence, count=1)
    return _NOT_THE_AUTHORS.search(re.sub(r"\$[^$]*\$", " ", sentence)) is None


_OWN_WRITE = re.compile(r"^\s*(?:(?:so|and|here|now|then),?\s+)?(?:we|i|let\s+us|let's)?\s*write\b",
                        re.I)


def sides(latex: str) -> tuple[str, str]:
    """The name a prose definition defines (f for f(x) = …) and its right side."""
    head, rhs = re.split(r":=|\\coloneqq|\\triangleq|=", latex, maxsplit=1)
    return re.sub(r"\s*(?:\\left)?\(.*\)\s*$", "", head.strip()), rhs


def mentions(latex: str, name: str) -> bool:
    """The LaTeX writes the name (a one-letter name also inside a product: 2vx)."""
    if re.fullmatch(r"[A-Za-z]", name):
        return name in re.sub(r"\\[A-Za-z]+", " ", latex)
    return writes_name(latex, name)


def _in_order(sentence: list[ProseDefinition]) -> list[ProseDefinition]:
    """One sentence's definitions, each before those whose right side writes its name."""
    if len(sentence) > _ORDERED_UP_TO:
        return sentence
    out: list[ProseDefinition] = []
    todo = list(sentence)
    while todo:  # (a cycle keeps the written order)
        d = next((d for d in todo if not any(mentions(sides(d.latex)[1], sides(o.latex)[0])
                                             for o in todo if o is not d)), todo[0])
        out.append(d)
        todo.remove(d)
    return out
