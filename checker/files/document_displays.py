"""A display cut into what is checked: its chains of relations (one per line of a gather, or the
whole of an align), their statements, and what marks a continuation or an arrow.

A part of :mod:`checker.files.document`."""

from __future__ import annotations

import re

from checker.files.document_model import Display
from checker.files.prose import CASE_END
from checker.parse.context import Context
from checker.parse.latex_lexer import ARROWS, BRACE, GREEK, close_of

# spacing at the start of a line (\displaystyle \mbox{ } \ \ = …): it does not start anything
_SPACING = re.compile(r"^(?:\s|\\(?:displaystyle|textstyle|quad|qquad|[,;:! ])(?![A-Za-z])"
                      r"|\\(?:mbox|text)\{\s*\}|\\hspace\*?\{[^}]*\})*")


_ARROW_START = re.compile(r"\s*&?\s*(?:\\(?:" + "|".join(
    a for a in ARROWS if a.isalpha()) + r")(?![A-Za-z])|=>|[⇒⟹⇔⟺])")


_ARROW_END = re.compile(r"(?:\\(?:" + "|".join(
    a for a in ARROWS if a.isalpha()) + r")(?![A-Za-z])|=>|[⇒⟹⇔⟺])\s*$")


# an inequality between two sides of a chain (A = B \le C), as written
_INEQUALITY = r"(?:<|>|[≤≥]|\\(?:le|leq|leqslant|ge|geq|geqslant|lt|gt)(?![A-Za-z]))"
_INEQUALITY_START = re.compile(r"\s*&?\s*" + _INEQUALITY)
_APPROX_START = re.compile(r"\s*&?\s*(?:\\approx|≈)(?![A-Za-z])")  # "&\approx x σ(1.7x)": a
# step of the chain above (not checked as an identity), which the rows after it go on from
# relations an inequality's display may not also hold (they are not checked: ≈, ∈, →, ≠ …)
_OTHER_RELATIONS = re.compile(r"[≈∈∉≠∝→⇒]|\\(?:approx|sim|simeq|cong|propto|in|notin|neq?|to|"
                              r"[Rr]ightarrow|implies|iff|mapsto|ll|gg|subset|subseteq|equiv|"
                              r"forall|exists)(?![A-Za-z])")


_DANGLING = re.compile(r"&?\s*(?<![<>!:\\])=\s*(?:\\\\\s*)?$")  # a chain's last '=' with nothing after


_WRAPPERS = r"aligned|align\*?|split|gathered|gather\*?|equation\*?|multline\*?|eqnarray\*?"


def _arrow(written: str) -> str:
    """⇒ or ⇔ for an arrow as written (\\Rightarrow, \\implies, =>, \\iff …)."""
    name = written.strip().lstrip("&").strip().lstrip("\\")
    return "⇔" if name in ("⇔", "⟺") else ARROWS.get(name, "⇒")


def _inner_spans(text: str) -> list[tuple[int, int]]:
    """Where environments other than the chain's wrappers (cases, arrays of cases, matrices)
    begin and end, outermost only: a \\\\ inside one ends a row of it, not a line."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for m in re.finditer(r"\\(begin|end)\s*\{([^}]*)\}", text):
        name = m.group(2).strip()
        if re.fullmatch(_WRAPPERS, name):
            continue
        if m.group(1) == "begin":
            stack.append((name, m.start()))
        elif stack and stack[-1][0] == name:
            _, at = stack.pop()
            if not stack:
                spans.append((at, m.end()))
    return spans


def _bare(line: str) -> str:
    return _SPACING.sub("", line.lstrip("&").strip()).lstrip("&").strip()


def _left(bare: str) -> str:
    """The left side of a line's equation as written: before its first '=' outside every group
    (\\sum_{i=1}^{2} i = 3: not "\\sum_{i"), and before an '&'; "" for none."""
    at = _first_eq(bare)
    return bare[:at].split("&", 1)[0].strip() if at is not None else ""


def _first_eq(latex: str) -> int | None:
    """Where the first '=' outside braces stands, or None."""
    depth = 0
    for k, ch in enumerate(latex):
        if ch == "{" and (k == 0 or latex[k - 1] != "\\"):
            depth += 1
        elif ch == "}" and (k == 0 or latex[k - 1] != "\\"):
            depth -= 1
        elif ch == "=" and depth == 0:
            return k
    return None


def left_side(latex: str) -> str:
    """The left side of a display's first equation as written ('' for none): two displays
    with the same one restate it (the same chain, written again)."""
    body = re.sub(r"\\(?:begin|end)\{[A-Za-z*]+\}", " ", latex)
    first = next((c for c in re.split(r"\\\\", body) if c.strip()), "")
    return " ".join(_left(_bare(first.strip())).split())


def _chains(display: Display) -> list[tuple[str, int, int]]:
    """A display's separate equations: (LaTeX, line offset, col) of each. Lines of an align
    that start with '=' (after '&') continue the chain above; a line that restates the same
    left side continues it too; any other line with its own left side starts a new one."""
    text = display.latex
    body = re.sub(r"\\(begin|end)\{(" + _WRAPPERS + r")\}|^\s*\\begin\{array\}\s*\{[lcr|\s]*\}"
                  r"|\\end\{array\}(?=\s*[.,;]?\s*$)", lambda m: " " * len(m.group(0)), text)
    inner = _inner_spans(body)  # rows of cases (and matrices) are not lines of the chain
    parts: list[tuple[str, int]] = []  # (line text, offset of its first character)
    start = 0
    for m in re.finditer(r"\\\\(\[[^\]]*\])?", body):
        if any(a <= m.start() < b for a, b in inner):
            continue
        parts.append((body[start:m.start()], start))
        start = m.end()
    parts.append((body[start:], start))
    parts = [piece for content, offset in parts for piece in _statements(content, offset)]
    chains: list[list[tuple[str, int]]] = []
    lhs_of: list[str] = []
    skipped = 0  # the lines of empty rows just before (kept: a step's line is counted in it)
    for content, offset in parts:
        stripped = content.strip()
        if not stripped:
            skipped += content.count("\n")
            continue
        carried, skipped = "\n" * skipped, 0
        bare = _bare(stripped)
        left = _left(bare)
        after_arrow = bool(chains) and _ARROW_END.search(chains[-1][-1][0]) is not None
        starts = _ARROW_START.match(bare)
        if after_arrow and starts and _arrow(starts.group(0)) == _arrow(
                _ARROW_END.search(chains[-1][-1][0]).group(0)):  # type: ignore[union-attr]
            # A ⇒ \\ ⇒ B: one arrow, written twice (two different arrows stay: an error)
            prev, at = chains[-1][-1]
            cut = _ARROW_END.search(prev).start()  # type: ignore[union-attr]
            chains[-1][-1] = (prev[:cut] + " " * (len(prev) - cut), at)
        continues = bare.startswith("=") or bare[:1] in "+-" or after_arrow \
            or bool(_INEQUALITY_START.match(bare)) or bool(_APPROX_START.match(bare)) or bool(
            _ARROW_START.match(bare)) or (
            chains and left and left == lhs_of[-1] and not CASE_END.search(bare)
            and not CASE_END.search(chains[-1][-1][0].strip()))
        if continues and chains:
            if left and left == lhs_of[-1] and not bare.startswith("=") and not after_arrow \
                    and not _ARROW_START.match(bare):
                # J(w) &= … restated: drop the repeated left side
                cut = _first_eq(content) or 0
                content, offset = " " * cut + content[cut:], offset
            chains[-1].append((carried + content, offset))
        else:
            chains.append([(content, offset)])
            lhs_of.append(left)
    out = []
    for chain in chains:
        first = chain[0][1]
        latex = " \\\\ ".join(c for c, _ in chain)
        line = text.count("\n", 0, first)
        col = first - (text.rfind("\n", 0, first) + 1) + 1
        out.append((latex, line, col))
    return out + brace_claims(text)


_LABEL_RELATION = re.compile(r"\s*(=|<|>|\\[lg]eq?(?![A-Za-z])|\\[lg]t(?![A-Za-z]))")
_NOT_A_CLAIM = re.compile(r"\\(?:text|mathrm|textrm|mbox|operatorname|to|approx|sim|rightarrow|"
                          r"mapsto|quad|qquad)(?![A-Za-z])|:|→|≈|\\\\|&")


def brace_claims(text: str) -> list[tuple[str, int, int]]:
    """``\\underbrace{X}_{L}`` (or \\overbrace{X}^{L}) whose label L is math about X (σ(z),
    ``= 1``, ``\\ge 0``): a claim X = L (X ≥ 0) of its own, at the brace's place. The reader
    reads X and drops the label; a wrong label was never seen ("proved" beside a label that
    is false). A label that names X (one letter: z, \\hat{y}), words, a limit or an
    approximation, or a letter X does not write, states nothing to check here."""
    out = []
    for m in BRACE.finditer(text):
        close = close_of(text, m.end() - 1)
        if close < 0:
            continue
        label = re.match(r"\s*[_^]\s*", text[close + 1:])
        if label is None:
            continue
        at = close + 1 + label.end()
        end = close_of(text, at) if at < len(text) and text[at] == "{" else at
        if end < 0 or end >= len(text):
            continue
        body = text[m.end():close]
        said = (text[at + 1:end] if text[at] == "{" else text[at]).strip()
        if not said or _NOT_A_CLAIM.search(said) or BRACE.search(body):
            continue
        rel = _LABEL_RELATION.match(said)
        expression = said[rel.end():] if rel else said
        if not rel and re.fullmatch(r"\\?[A-Za-z]+(?:_\{?\w+\}?)?|\\(?:hat|bar|tilde)\s*\{?\s*"
                                    r"[A-Za-z]\s*\}?(?:_\{?\w+\}?)?", said):
            continue  # (a name for X)
        applied = re.sub(r"\\[A-Za-z]+\s*(?=\(|\\left)", " ", expression)  # (σ(z): a function)
        if not _letters(applied) <= _letters(body):
            continue  # (a letter of its own: a name, or another quantity)
        claim = f"{body} {rel.group(1) if rel else '='} {expression}"
        line = text.count("\n", 0, m.start())
        out.append((claim, line, m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1))
    return out


# a condition of letters alone, a result about nothing but them: x > 0, 0 < p < 1,
# x > 0, \quad y > 0, y \in \{0, 1\}, \lambda \geq 0 (not x^2 + y^2 \geq 2xy: a result)
_ONE = r"(?:\\[A-Za-z]+|[A-Za-z])(?:_\{?\w+\}?)?|-?\d+(?:\.\d+)?|\\[dt]?frac\{\d+\}\{\d+\}"


_REL = r"(?:[<>≤≥≠∈]|\\(?:[lg]eq?|neq?|[lg]t|in)(?![A-Za-z]))"


_SET = r"\\?\{[^{}]*\\?\}|\\mathbb\s*\{?\w\}?(?:[_^]\{?[^{}\s]*\}?)?|[(\[][^()\[\]]*[)\]]"


_TEXT_CUE = re.compile(r"\\(?:text|mathrm|textrm|mbox)\s*\{\s*(assume|assuming|suppose|"
                       r"supposing|given|if|provided|let|for)\b(?:\s+that)?\s*[,:]?\s*\}", re.I)


_SEP = r"(?:,|;|\\[,;:! ]|\\q?quad(?![A-Za-z])|\\text\{\s*and\s*\}|\\(?:and|wedge)(?![A-Za-z])|~)"
_ONE_CONDITION = (rf"(?:{_ONE})(?:\s*,\s*(?:{_ONE}))*\s*{_REL}\s*(?:{_ONE}|{_SET})"
                  rf"(?:\s*{_REL}\s*(?:{_ONE}))?")
_SIMPLE_CONDITION = re.compile(  # (x > 0, \; y > 0; x, y > 0; \quad x > 0 \quad y > 0)
    rf"\s*(?:{_SEP}\s*)*{_ONE_CONDITION}(?:(?:\s*{_SEP})+\s*{_ONE_CONDITION})*\s*")


# a display that only states a condition: a comparison or a set a letter is in, no equation
_CONDITION_ONLY = re.compile(r"(?s)(?!.*(?<![<>!\\])=)(?=.*(?:[<>≤≥≠∈]|\\(?:[lg]eq?|neq?|[lg]t|in)"
                             r"(?![A-Za-z]))).*")


def _without_scripts(latex: str) -> str:
    """The LaTeX with every braced subscript and superscript group taken out."""
    out, k = [], 0
    while k < len(latex):
        if latex[k] in "_^" and latex[k + 1:k + 2] == "{":
            depth, k = 0, k + 1
            while k < len(latex):
                depth += {"{": 1, "}": -1}.get(latex[k], 0) if latex[k - 1] != "\\" else 0
                k += 1
                if depth == 0:
                    break
            continue
        out.append(latex[k])
        k += 1
    return "".join(out)


def declared_letters(ctx: Context) -> frozenset[str]:
    """e and d where the page declares them: letters to :func:`_letters` wherever they stand."""
    return frozenset(c for c in "de" if ctx.kind(c) is not None)


def _letters(latex: str, keep: frozenset[str] = frozenset()) -> set[str]:
    """The letters a display writes: Latin ones and Greek commands (\\theta), not Euler's e
    (e^…), the d of a differential (\\frac{d}{dx}, dx) nor the letters of an upright word
    (``keep``: e or d declared, a letter wherever it stands)."""
    text = re.sub(r"\\(?:mathrm|text|operatorname|mbox)\s*\{[^{}]*\}", " ", latex)
    greek = {f"\\{g}" for g in re.findall(r"\\([A-Za-z]+)", text) if g in GREEK and g != "pi"}
    plain = re.sub(r"\\[A-Za-z]+", " ", text)
    if "e" not in keep:
        plain = re.sub(r"(?<![A-Za-z])e(?=\s*\^)", " ", plain)
    if "d" not in keep:
        plain = re.sub(r"(?<![A-Za-z])d(?=\s*[A-Za-z}])", " ", plain)
    return set(re.findall(r"[A-Za-z]", plain)) | greek


_QUAD = re.compile(r"(?:[,;]?\s*\\q?quad\b)+")
# "A = B \qquad \text{and} \qquad C = D": the word joining two statements, at the first's end
_JOINED = re.compile(r"(?:[,;]?\s*\\q?quad\b)*\s*\\(?:text|mathrm|textrm|mbox)\s*\{\s*and"
                     r"\s*\}\s*[,;]?\s*$")


def _in_the_first(lead: re.Match, before: str) -> bool:
    """Whether the name an equation after a \\quad gives a value (``lead``) is one the equation
    before it writes: the same name (y_2 = 0 after … y_2 x_2 …), or its letter where the name
    has a letter for index or none (y_k = δ_{k1}, y = e_1 after y_1 x_1 + y_2 x_2): then it may
    be the first equation's condition. z_2 = … after z_1 = … is a second equation."""
    letter, sub = lead.group(1), lead.group(2) or lead.group(3)
    plain = re.sub(r"\\[A-Za-z]+", " ", before)
    if sub is not None and re.search(rf"(?<![A-Za-z\\]){letter}\s*_\s*\{{?\s*{re.escape(sub)}"
                                     r"\s*\}?(?![A-Za-z0-9])", before):
        return True
    return (sub is None or re.fullmatch(r"[A-Za-z]", sub) is not None) and re.search(
        rf"(?<![A-Za-z]){letter}(?![A-Za-z])", plain) is not None


def _statements(content: str, offset: int) -> list[tuple[str, int]]:
    """One line holding two equations side by side (``\\tanh z = …, \\quad \\sigma(x) = …``):
    each on its own, cut at a top-level \\quad when both sides of it hold an '='. A \\quad
    before a remark or a condition (\\quad (i \\neq j), \\quad \\text{…}) is not a cut."""
    depth, level = 0, []
    for k, ch in enumerate(content):
        level.append(depth)
        if ch in "{([" and (k == 0 or content[k - 1] != "\\"):
            depth += 1
        elif ch in "})]" and (k == 0 or content[k - 1] != "\\"):
            depth -= 1
    out, start = [], 0
    for m in _QUAD.finditer(content):
        if level[m.start()] != 0:
            continue
        before, after = content[start:m.start()], content[m.end():]
        nxt = after.lstrip()
        seq = re.match(r"\s*&?\s*([A-Za-z]|\\[A-Za-z]+)_\{?\s*[A-Za-z]\s*\}?\s*&?\s*=", before)
        if seq is not None and re.fullmatch(  # G_t = G_{t-1} + g_t^2, \qquad G_0 = 0: the
                rf"\s*{re.escape(seq.group(1))}_\{{?\s*\d+\s*\}}?\s*=[^=]+",  # first value
                # (or last: G_t = r_{t+1} + γ G_{t+1}, \qquad G_3 = 0),
                after.split("\\quad")[0]):  # a statement of its own
            out.append((before.rstrip().rstrip(",;"), offset + start))
            start = m.end()
            continue
        lead = re.match(r"\s*(?:\\[A-Za-z]+\s*\{\s*)?([A-Za-z])\s*\}?\s*"
                        r"(?:_\s*(?:\{\s*([^{}=]*?)\s*\}|(\w)))?\s*=", nxt)
        if lead is not None and _in_the_first(lead, before):
            continue  # y_k = δ_{k1} after an equation in y: its condition, or another equation?
            # (one statement: the chain's reader refuses it, never the first checked alone)
        if "=" not in before or "=" not in after.split("\\quad")[0] or \
                nxt.startswith(("\\text", "(", "\\left(", "\\mbox", "\\because",
                                "\\forall", "\\exists")) or \
                re.fullmatch(r"\s*[A-Za-z](_\{?\w+\}?)?\s*(=|\\neq?|!=|<|>|\\[lg]eq?)\s*"
                             r"-?[\w.]+\s*[.,;]?\s*", after.split("\\quad")[0]):
            continue  # \quad i = j: the condition of the equation before it, not another
            # (nor are the conditions after it: \quad i = j, \quad n \ge 2)
        out.append((_JOINED.sub("", before), offset + start))  # (its "\qquad \text{and}")
        start = m.end()
    out.append((content[start:], offset + start))
    return out
