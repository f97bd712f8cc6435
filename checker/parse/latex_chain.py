"""LaTeX chains: a display's lines cut into steps (``A &= B \\\\ &= C``), the remarks and
conditions written beside them (``\\quad (i \\neq j)``, ``\\text{if } x > 0``), and chains of
implications (``\\Rightarrow``); each expression is read by :class:`checker.parse.latex._Parser`.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

import sympy as sp

from checker.parse.context import Context
from checker.parse.evaluation_bars import as_written
from checker.parse.latex import CONDITION_LINKS, LatexStep, _Parser
from checker.parse.latex_common import _text_key
from checker.parse.latex_lexer import (
    _CLOSE_OF,
    ARROWS,
    NAME_TEXT_COMMANDS,
    _recursion_room,
    _Tok,
    _tokenize,
    prepared,
)
from checker.parse.tree import Compare, Index, Name, Node, ParseError, Pos


def _remark_text(toks: list[_Tok], src: str) -> str:
    parts: list[str] = []
    prev_end = None
    for tok in toks:
        if prev_end is not None and tok.start > prev_end:
            parts.append(" ")
        parts.append(tok.arg if tok.kind == "text" else " " if tok.kind == "quad" else src[tok.start:tok.end])
        prev_end = tok.end
    text = " ".join("".join(parts).split()).strip(" ,;:")
    if text.startswith("(") and text.endswith(")"):
        level = 0
        for c in text[1:-1]:
            level += {"(": 1, ")": -1}.get(c, 0)
            if level < 0:
                break
        if level == 0:
            text = text[1:-1].strip()
    return text.rstrip(".").strip()




def _is_remark(tok: _Tok, parser: _Parser) -> bool:
    content = tok.arg.strip()
    if _text_key(parser.ctx, tok.text, content) is not None:
        return False  # a name the file maps
    word = re.fullmatch(r"[A-Za-z][A-Za-z_]*", content) is not None  # (leaky_relu too)
    if tok.text in NAME_TEXT_COMMANDS:
        return not word
    return not (word and (len(content) == 1 or parser.known_word(content)
                          or content in parser.ctx.families))  # (\text{net}_j = … defined)


CONDITION_WORDS = frozenset({"if", "for", "when", "where", "with", "given", "provided",
                             "assuming", "whenever",
                             # justifications: what follows them is a fact the step uses
                             "since", "because", "as", "using", "by", "from", "via"})


def _remark_ends_line(rest: list[_Tok]) -> None:
    """A remark runs to the end of its line; a chain that goes on after it would be swallowed.
    Comparisons after "if", "for", "where" … (or any comparison other than '=') are the
    remark's conditions."""
    if len(rest) > 1 and rest[0].kind == "text" and rest[0].arg.strip().isalpha() \
            and rest[0].arg.strip().lower() not in CONDITION_WORDS | CONDITION_LINKS \
            and rest[1].kind == "open" and rest[1].text in ("(", "["):  # \text{Var}[X]
        word = rest[0].arg.strip()
        raise ParseError(f"\\text{{{word}}}{rest[1].text}…{_CLOSE_OF[rest[1].text]}: {word} is not a "
                         "function derivcheck knows; declare it under [context] functions to use "
                         "it (expectations and variances of random variables are not in the "
                         "vocabulary)", rest[0].pos)
    conditional = False
    for tok in rest:
        if tok.kind == "text":
            conditional = conditional or _conditional(tok)
        if tok.kind == "rel" and tok.depth == 0 and tok.text in ARROWS:
            raise ParseError("an implication arrow after a remark: a remark must end its line, or "
                             "the next equation would be read as part of it; start the next "
                             "equation on a new line, \\\\ \\Rightarrow …", tok.pos)
        if tok.kind == "rel" and tok.depth == 0 and tok.text == "=" and not conditional:
            raise ParseError("'=' after a remark: a remark (\\text{…}, or (…) after \\quad) must "
                             "end its line, or the rest of the chain would be read as part of it; "
                             "start the next step on a new line with \\\\ &= …, or write a "
                             "condition as \\text{if } x = 0", tok.pos)


def _conditional(tok: _Tok) -> bool:
    words = tok.arg.replace("$", " ").split()
    return bool(words) and words[-1].lower().strip(",:;(") in CONDITION_WORDS


def _split_remark(line: list[_Tok], src: str, probe: _Parser
                  ) -> tuple[list[_Tok], str, list[_Tok]]:
    """Cut the remarks out of a line: a \\text{words} (or \\because …) that runs to the end of
    the line, or \\quad (…) / \\quad \\text{…} at its end; a \\text{…} without a condition that
    stands right before '=' or an arrow (``A = B \\text{ (chain rule) } = C``, a line that starts
    with \\text{hence} &= …) is a remark by itself, and the chain goes on after it.
    Returns the expression's tokens, the remarks' text and the remarks' tokens."""
    kept: list[_Tok] = []
    inline: list[_Tok] = []
    line = _without_end_marks(line)
    for k, tok in enumerate(line):
        if tok.depth == 0 and tok.kind == "text" and _is_remark(tok, probe) \
                and not _conditional(tok):
            after = next((t for t in line[k + 1:] if t.kind != "quad"), None)
            if after is not None and after.depth == 0 and after.kind == "rel" \
                    and (after.text == "=" or after.text in ARROWS):
                inline.append(tok)
                while kept and kept[-1].kind == "quad":
                    kept.pop()
                continue
        kept.append(tok)
    content, remark, remark_toks = _split_end_remark(kept, src, probe)
    if inline:  # kept in place, marked, so that each one joins the step written before it
        at = {id(t) for t in inline}
        content = [replace(t, kind="remark") if id(t) in at else t for t in line
                   if id(t) in at or t in content]
    return content, remark, remark_toks


# the end of a proof (∎, □), or a push to the right margin before it: no part of the math
END_MARKS = frozenset({"blacksquare", "square", "Box", "qed", "qedhere", "hfill", "QED"})


def _without_end_marks(line: list[_Tok]) -> list[_Tok]:
    """The line without the end-of-proof marks (and the spacing before them) it ends with."""
    end = len(line)
    while end and (line[end - 1].kind == "quad" or (
            line[end - 1].kind == "bad" and line[end - 1].text in END_MARKS)):
        end -= 1
    if end == len(line) or not any(t.kind == "bad" and t.text in END_MARKS
                                   for t in line[end:]):
        return line
    return line[:end]


def _reals(run: list[_Tok], src: str, ctx: Context) -> bool:
    """``\\forall x``, ``x, y \\in \\mathbb{R}`` (``\\mathbb{R}^n`` for a vector) in a remark:
    what the declarations already say (every name is real), so no condition of the step.
    A name declared with a sign (x > 0) is refused: the remark claims more than is checked."""
    toks = [t for t in run if not (t.kind == "bad" and t.text == "forall")]
    if len(toks) == len(run) and not any(t.kind == "rel" and t.text == "in" for t in toks):
        return False
    cut = next((k for k, t in enumerate(toks) if t.kind == "rel" and t.text == "in"), len(toks))
    names, rest = toks[:cut], toks[cut + 1:]
    if not names or any(t.kind not in ("letter", "comma", "cmd") for t in names):
        return False
    if cut < len(toks) and not (rest and rest[0].kind == "bad"
                                and src[rest[0].start:rest[0].end].replace(" ", "")
                                in ("\\mathbb{R}", "\\R")
                                and all(t.kind in ("sup", "letter", "num", "open", "close")
                                        for t in rest[1:])):
        raise ParseError("a remark that ranges names over a set other than the real numbers: "
                         "what a name may be is declared in the TOML (symbols = { x = "
                         "\"positive\" }, or \"integer\"), not in the remark", run[0].pos)
    for t in names:
        if t.kind == "comma":
            continue
        why = _narrower(t.text, ctx)
        if why:
            raise ParseError(f"the remark says {t.text} ranges over all real numbers, and "
                             f"{t.text} {why}: the step is checked only where that holds; drop "
                             "the remark, or the declaration", t.pos)
    return True


_PLAIN_REAL = frozenset(sp.Symbol("t", real=True).assumptions0)


def _narrower(written: str, ctx: Context) -> str:
    """Why a name is not free to be any real number ("" where it is): declared with a sign,
    as an integer or a size, defined, or named by a hypothesis."""
    name = written
    for key in (written, "\\" + written):
        if key in ctx.latex:
            mapped = ctx.latex[key]
            if not isinstance(mapped, Name):
                return "is defined by the page"
            name = mapped.id
    if name in ctx.dims:
        return "is a size"
    if name in ctx.indices:
        return "is an index (an integer)"
    sym = ctx.symbols.get(name)
    if sym is not None and set(sym.assumptions0) - _PLAIN_REAL:
        return "is declared narrower (a sign, or an integer)"
    entries = list(ctx.vectors[name]) if name in ctx.vectors else (
        [ctx.symbolic[name][0][sp.Dummy()]] if name in ctx.symbolic else [])
    if any(e.is_positive is not None or e.is_nonnegative is not None or e.is_negative
           is not None or e.is_nonpositive is not None or e.is_integer is not None
           or e.is_nonzero is not None for e in entries):
        return "is declared narrower (a sign, or an integer)"
    if any(re.search(rf"(?<![A-Za-z_]){re.escape(name)}(?![A-Za-z_])", g)
           for g in ctx.given_text):
        return "is named by a hypothesis (given)"
    return ""


def _split_end_remark(line: list[_Tok], src: str, probe: _Parser
                      ) -> tuple[list[_Tok], str, list[_Tok]]:
    """Cut a justification off the end of a line: \\text{words}, or \\quad (…) / \\quad \\text{…},
    or a condition between indices after a comma (``= p_i (1 - p_i), i = j``)."""
    cut = _index_condition(line)
    while cut is not None:  # and the conditions before it (, \quad i = j, \quad k \neq j)
        end = cut
        while end and line[end - 1].kind in ("comma", "quad"):
            end -= 1
        more = _index_condition(line[:end])
        if more is None:
            return line[:cut], _remark_text(line[cut + 1:], src), line[cut + 1:]
        cut = more
    for k, tok in enumerate(line):
        if tok.depth != 0:
            continue
        if tok.kind == "text" and _is_remark(tok, probe):
            before = [t for t in line[:k] if t.kind != "quad"]
            after = [t for t in line[k + 1:] if t.kind != "quad"]
            if (not before or (before[-1].kind == "rel" and before[-1].depth == 0)) and after \
                    and (after[0].kind in ("num", "letter", "cmd", "open") or (
                        after[0].kind == "op" and after[0].text == "-")) \
                    and re.search(r"\s|[()\[\],.;:]", tok.arg) is not None \
                    and tok.arg.count("(") == tok.arg.count(")") and not any(
                        w.lower().strip("(),.;:[]") in CONDITION_WORDS | CONDITION_LINKS
                        for w in tok.arg.split()) \
                    and not _conditional(tok):  # "&= \text{(chain rule) } 3(x^2+1)^2": a
                # label before the step's expression, which is the step (it was taken for
                # the remark's words, and the line never checked)
                content, remark, toks = _split_end_remark(
                    [t for t in line if t is not tok], src, probe)
                return content, "; ".join(x for x in (_remark_text([tok], src), remark) if x), \
                    [tok, *toks]
            _remark_ends_line(line[k:])  # (its own errors first: \text{Var}[X], '=' after it)
            if (not before or (before[-1].kind == "rel" and before[-1].depth == 0)) and any(
                    t.kind in ("num", "letter", "cmd") for t in after) \
                    and re.search(r"[A-Za-z_]", tok.arg) and not _conditional(tok):  # ("&=
                # \operatorname{_a} x(x+4)": the row's
                raise ParseError(  # math would be the remark's, and the row never checked)
                    f"{_remark_text([tok], src) or 'a remark'} before this line's expression is "
                    "read as a remark, which runs to the end of the line: the expression after "
                    "it would not be checked; write the remark after the expression (\\quad "
                    "\\text{…}), or as words before it (\\text{so } …)", tok.pos)
            return line[:k], _remark_text(line[k:], src), line[k:]
        if tok.kind == "quad":
            after = [t for t in line[k + 1:] if t.kind != "quad"]
            before = [t for t in line[:k] if t.kind != "quad"]
            if not after:
                continue
            nxt = after[0]
            if (nxt.kind == "rel" and nxt.text in ARROWS) or (
                    before and before[-1].kind == "rel" and before[-1].text in ARROWS):
                continue  # (\quad\Rightarrow\quad: spacing round an arrow)
            if nxt.kind == "text" or (nxt.kind == "open" and nxt.text in ("(", "[")) or (
                    nxt.kind == "bad" and nxt.text == "forall") or any(
                    t.kind == "rel" and t.text != "=" and t.depth == 0 for t in after):
                _remark_ends_line(line[k + 1:])
                return line[:k], _remark_text(line[k + 1:], src), line[k + 1:]
            if not before or before[-1].kind in ("rel", "op") or nxt.kind in ("rel", "op"):
                continue
            raise ParseError(f"\\{tok.text} between two expressions: a chain is one sequence of equal "
                             "expressions; put the second statement in its own chain, or a remark in "
                             "\\text{…}", tok.pos)
    return line, "", []


def _index_condition(line: list[_Tok]) -> int | None:
    """Where ``, i = j`` (or ``\\quad i \\neq j``) ends a line: a comma or \\quad at the top level
    followed only by a comparison of two letters that the line uses as subscripts. (A comma cannot
    continue a chain, so this is the one reading; ``x = 1, y = 2`` is not such a condition.)"""
    for k in range(len(line) - 4, 0, -1):
        comma = line[k]
        if comma.kind not in ("comma", "quad") or comma.depth != 0:
            continue
        prev = next((t for t in reversed(line[:k]) if t.kind != "quad"), None)
        if prev is not None and prev.kind == "rel" and prev.text in ARROWS:
            return None  # ("2c + 3 = 7 \quad\Rightarrow\quad c = 3": spacing round an arrow)
        after = [t for t in line[k + 1:] if t.kind not in ("period", "quad")]
        if len(after) == 3 and after[0].kind == "letter" and after[1].kind == "rel" \
                and after[2].kind in ("letter", "num") and not (
                    after[2].kind == "letter" and after[1].text in ("=", "≠", "!=")):
            # x^2 = 1, x = 1: a condition of the equation, or a second equation?
            sep = "a comma" if comma.kind == "comma" else "\\quad without brackets"
            raise ParseError(f"'{after[0].text} {after[1].text} {after[2].text}' after {sep} "
                             "can be a condition of the equation or another equation: write "
                             f"\\text{{if }} {after[0].text} {after[1].text} {after[2].text} (or "
                             f"\\quad ({after[0].text} {after[1].text} {after[2].text})) for a "
                             "condition, or give the second equation its own line", comma.pos)
        if len(after) != 3 or after[0].kind != "letter" or after[1].kind != "rel" \
                or after[2].kind != "letter" or after[1].text not in ("=", "≠", "!="):
            return None
        used = {line[m + 1].text for m in range(k - 1) if line[m].kind == "sub"
                and line[m + 1].kind == "letter"}
        used |= {t.text for m, t in enumerate(line[:k]) if t.kind == "letter" and m
                 and line[m - 1].kind == "open" and line[m - 1].text == "{"
                 and m >= 2 and line[m - 2].kind == "sub"}
        if {after[0].text, after[2].text} <= used:
            return k
        raise ParseError(f"'{after[0].text} {after[1].text} {after[2].text}' after a comma can be "
                         "a condition of the equation or another equation: write \\text{if } "
                         f"{after[0].text} {after[1].text} {after[2].text} for a condition, or give "
                         "the second equation its own line", comma.pos)
    return None


_SIGN_WORDS = re.compile(r"\b(?:(?:non-?\s?)?(?:positive|negative|zero)|large|small|big|greater|"
                         r"less|larger|smaller|distinct|differ(?:s|ent)?|diagonal|off-diagonal|"
                         r"infinity|unequal|bounded|probability)\b", re.I)
# a range said in words: "between 0 and 1", "from 0 to 1", "near 1", "nonneg.", "(right branch)"
_RANGE_WORDS = re.compile(r"\b(?:between|from\s+\S+\s+to|near|close\s+to|around\s+\S|exceed\w*|"
                          r"nonneg\w*|nonpos\w*|branch|within)\b", re.I)
# "for $x$ in $(0,1)$", "on $[0, 1]$": a range written as an interval
_IN_A_RANGE = re.compile(r"\b(?:in|on|over)\s*\$\s*(?:\\left\s*)?[\[(]", re.I)
NEGATIONS = frozenset({"unless", "except", "excluding", "not", "apart", "other", "otherwise",
                       "besides", "false", "fails", "fail", "failing", "outside", "wrong",
                       "invalid", "incorrect", "untrue", "no", "never", "breaks", "break",
                       "undefined", "careful", "counterexample", "counter-example", "caution",
                       "beware", "warning", "nonsense", "bad", "error", "mistake", "isn't",
                       "doesn't", "won't", "cannot", "can't", "without"})


# words a bracket may hold beside its comparison: (x < 0 \text{ case}), (x < 0 \text{ only})
_INSIDE_WORDS = frozenset({"case", "only", "by", "symmetry", "here", "the", "this", "i.e.",
                           "e.g.", "and", "for", "if", "when", "where", "region", "side", ""})


def _conditions(remark: list[_Tok], src: str, ctx: Context) -> list[Node]:
    """The comparisons a remark states (\\quad (i \\neq j), \\text{if } x > 0, \\text{for $t=1$}):
    they are hypotheses of the step, never ignored. A remark that negates its comparison
    (\\text{unless } i = j, \\text{except when } …) is refused: the case it holds in is the
    opposite, and reading it either way would be a guess about the words."""
    words = {w.strip(",.;:()[]").lower() for t in remark if t.kind == "text"
             for w in t.arg.replace("$", " ").split()}

    runs: list[list[_Tok]] = [[]]
    texts: list[_Tok] = []
    for k, tok in enumerate(remark):
        applied = tok.kind == "text" and tok.arg.strip().isalpha() and k + 1 < len(remark) \
            and remark[k + 1].kind == "open" and remark[k + 1].text == "("
        if applied:  # \text{if } \text{ReLU}(x) = 0: a function's name, part of the math
            runs[-1].append(tok)
        elif tok.kind == "text":
            texts.append(tok)
            runs.append([])
        elif tok.kind == "quad":  # (x > 2 \quad y > 0): two conditions, not x > 2y > 0
            runs.append([])
        else:
            runs[-1].append(tok)
    for k, run in enumerate(runs):  # (x < 0 \text{ case}): the bracket the words close
        if run and run[0].kind == "open" and not any(
                t.kind == "close" and t.depth == run[0].depth for t in run[1:]):
            runs[k] = run[1:]
            odd = words - _INSIDE_WORDS  # (x < 0 \text{ excluded}): words that may negate it
            if odd and any(t.kind == "rel" for t in run):  # ([\text{apply chain rule}]: none)
                raise ParseError(f"the remark writes '{' '.join(sorted(odd))}' beside its "
                                 "comparison, which may say where the step does not hold: write "
                                 "the case it holds in alone in brackets, as \\quad (x < 0)",
                                 remark[0].pos)
        run = runs[k]
        if run and run[-1].kind == "close" and not any(  # (\text{since } x > 0): the bracket
                t.kind == "open" and t.depth == run[-1].depth for t in run[:-1]):  # the text
            runs[k] = run[:-1]  # opened
    found: list[Node] = []
    for tok in texts:  # math inside the text: \text{if $i \neq j$}
        for m in re.finditer(r"\$([^$]+)\$", tok.arg):
            inner = _tokenize(m.group(1))
            if any(t.kind == "rel" for t in inner):
                found.extend(_comparisons(inner, m.group(1), ctx))
    quantified = re.search(r"\bfor\s+(?:all|every|any|each)\b", " ".join(
        t.arg for t in texts), re.I)
    said_otherwise: list[list[_Tok]] = []  # runs read as what they say (ranges, ∈ ℝ)
    for run in runs:
        if run and quantified and all(t.kind in ("letter", "comma") for t in run):
            for t in run:  # \text{for every real } u: the names it ranges over all reals
                why = _narrower(t.text, ctx) if t.kind == "letter" else ""
                if why:
                    raise ParseError(f"the remark ranges {t.text} over all values, and "
                                     f"{t.text} {why}: the step is checked only where that "
                                     "holds; drop the remark, or the declaration", t.pos)
            said_otherwise.append(run)
            continue
        if run and _reals(run, src, ctx):
            said_otherwise.append(run)
            continue
        if run and any(t.kind == "rel" for t in run):
            found.extend(_comparisons(run, src, ctx))
    loose = next((t for run in runs if run and all(run is not r for r in said_otherwise)
                  and not any(t.kind == "rel" for t in run) for t in run
                  if t.kind in ("letter", "num")), None)
    if found and loose is not None:  # (x \text{ and } y \ge 0), (y \text{ or } x \ge 0)
        raise ParseError(f"the remark writes {src[loose.start:loose.end]} beside its comparison, "
                         "with words between: the comparison may be meant of it too (x and "
                         "y ≥ 0), or of one of them (y or x ≥ 0); write each condition in full, "
                         "as \\quad (x \\ge 0, y \\ge 0)", loose.pos)
    if words & {"symmetric", "orthogonal", "invertible", "hermitian", "self-adjoint", "diagonal",
                "definite", "idempotent", "transpose"}:
        raise ParseError("the remark states a property of a matrix (symmetric …), which is not "
                         "read as a hypothesis (none can say it of a whole matrix): write the "
                         "line for a matrix that has it by construction (S = A + A^T)",
                         remark[0].pos)
    if words & {"otherwise", "else", "elsewhere"}:
        raise ParseError("'otherwise' refers to cases stated elsewhere: write the case this line "
                         "holds in, as \\text{if } i \\neq j", remark[0].pos)
    said = " ".join(re.sub(r"\$[^$]*\$", " ", t.arg) for t in texts)  # outside its math
    if found and _SIGN_WORDS.search(said):  # "(for $x > 0$, and also negative x)": which?
        whole = " ".join(" ".join(t.arg for t in texts).split())
        raise ParseError(f"the remark '{whole}' states a condition in math and another "
                         "in words: write the whole case in math, as \\quad (x > 0)",
                         remark[0].pos)
    if not found and (re.search(r"[<>≤≥≠]|(?<![\w\\])=(?!=)|\\(?:[lg]eq?|neq?|to|[lg]g|n?less|"
                                r"n?gtr|in|approx|sim)(?![A-Za-z])", said)
                      or _SIGN_WORDS.search(said) or _RANGE_WORDS.search(said)
                      or (_KIND_WORDS.search(said) and any(  # (for integer n; not
                          t.kind == "letter" for run in runs for t in run))
                      or any(_IN_A_RANGE.search(t.arg) for t in texts) or re.search(
                          r"\b(?:below|above|less\s+than|greater\s+than|at\s+least|at\s+most)\b",
                          said, re.I)):  # "(for x > 0)", "(x nonnegative)", "(x below 0)"
        whole = " ".join(" ".join(t.arg for t in texts).split()) or said.strip()
        how = ("declare the letter's kind (symbols = { n = \"integer\" }, or a size under dims)"
               if _KIND_WORDS.search(said) else
               "write it in math, as \\quad (x > 0) or \\text{if } x > 0")
        raise ParseError(f"the remark '{whole}' states a condition in words, which is not "
                         f"read as the step's hypothesis: {how}", remark[0].pos)
    unread = next((t for run in runs if all(run is not r for r in said_otherwise)
                   for t in run if t.kind == "bad"), None)
    if unread is not None:  # (x \geqq 0), (valid on \mathbb{R}_+): a condition not read
        shown = src[unread.start:unread.end]
        raise ParseError(f"the remark writes {shown}, which is not read, so the condition it "
                         "may state would be dropped: write it with =, \\neq, <, >, \\le or "
                         "\\ge (\\quad (x \\ge 0)), or drop the remark", unread.pos)
    if not found and any(t.kind == "rel" and t.text not in ("\\in", "in", "∈")
                         for run in runs if all(run is not r for r in said_otherwise)
                         for t in run):  # a comparison is never dropped
        raise ParseError("the remark holds a comparison that is not read as the step's "
                         "hypothesis: write it alone in brackets, as \\quad (x < 0), or after "
                         "\\text{if }", remark[0].pos)
    said_all = " ".join(" ".join(t.arg for t in texts).split())
    if _QUALIFIED.search(said_all):  # \text{(assumption)}, \text{for some } y: not a claim
        raise ParseError(f"the remark '{said_all}' says the line is an assumption, or holds in "
                         "a sense that is not read (for some value, almost everywhere, for "
                         "large enough values): declare an assumption under given and drop the "
                         "remark, or skip the display", remark[0].pos)
    if len(found) > 1 and words & {"or", "either"}:  # (x > 0 or y > 0: not both at once)
        raise ParseError("the remark joins its conditions with 'or': the step would be read "
                         "under all of them at once, which says more; write one line for each "
                         "case", remark[0].pos)
    if found and words & NEGATIONS:
        raise ParseError("a remark that states where the step does not hold ("
                         + ", ".join(sorted(words & NEGATIONS)) + "): write the case it holds "
                         "in, as \\text{if } i \\neq j", remark[0].pos)
    letters_of = [frozenset(_letters_in(f)) for f in found]
    if found and len(found) > 1 and "and" in words and len(set(letters_of)) < len(letters_of):
        raise ParseError("the remark joins conditions on the same letters with 'and' ("
                         + " ".join(said.split()) + "): separate cases, or all at once? Write one "
                         "line for each case, or the conditions in one bracket, as \\quad "
                         "(0 < x, x < 1)", remark[0].pos)
    if found and len(found) > 1 and (words & _SEPARATE or sum(
            len(re.findall(rf"\b{w}\b", said, re.I)) for w in ("if", "for", "when", "whenever"))
            > 1):  # (\text{for } x > 0 \text{ and for } x < 0: two cases, not both at once)
        raise ParseError("the remark states its conditions as separate cases (" + " ".join(
            said.split()) + "): the step would be read under all of them at once, which "
            "says more; write one line for each case", remark[0].pos)
    odd = sorted({w.strip(",.;:()[]").lower() for w in said.split()} - _REMARK_WORDS - {""}
                 - {w for w in said.split() if re.fullmatch(r"[\d.]+|\(?\d+\)?", w)})
    if found and odd:  # (x > 0 \text{ excluded}, \text{barring } x > 0): may say it does not
        raise ParseError(f"the remark writes '{' '.join(odd)}' beside its condition, which "  # hold
                         "may say where the step does not hold, or more than the condition: "
                         "write the case it holds in alone, as \\quad (x > 0) or \\text{if } "
                         "x > 0", remark[0].pos)
    return found


# the words a remark may hold beside the conditions it states (a cue, a reason): any other
# word may say the step does not hold there ("excluded", "barring", "is violated")
_REMARK_WORDS = _INSIDE_WORDS | frozenset({
    "if", "for", "when", "whenever", "where", "with", "provided", "providing", "given", "as",
    "since", "because", "that", "is", "are", "holds", "hold", "valid", "in", "of", "using",
    "from", "rule", "chain", "product", "quotient", "definition", "def", "substituting",
    "substitution", "all", "each", "every", "any", "real", "reals",
    "entries", "entry", "values", "value", "a", "an", "to", "at", "on",
    "both", "sides", "applies", "apply", "applying", "defined", "domain", "standard",
    "derivative", "derivatives", "power", "differentiation", "differentiating", "known",
    "logarithm", "log", "linearity", "natural", "table", "long", "identity", "property",
    "formula", "theorem", "basic", "calculus", "algebra", "simplifying", "expanding",
    "factoring", "cancelling", "common", "denominator", "numerator", "exponent", "exponents",
    "sum", "difference", "constant", "function", "functions", "trig", "trigonometric"})
# a kind said in words (for integer n, for odd k), which no comparison says
_KIND_WORDS = re.compile(r"\b(?:integers?|natural|whole|odd|even)\b", re.I)
# (not: "then", "so", "hence", "we have", "as a result" — a consequence, not a condition;
# "see", "the inverse", "earlier" — a pointer to another line, maybe the other case)
# words that join conditions as separate cases
_SEPARATE = frozenset({"both", "also", "resp", "resp.", "respectively", "well", "and/or", "/"})


def _letters_in(node: Node) -> set[str]:
    """The names a condition's tree writes."""
    from checker.parse.tree import walk

    return {n.id for n in walk(node) if isinstance(n, Name)}



# a remark that makes its line an assumption, or says it holds in a sense not read
_QUALIFIED = re.compile(r"\b(?:assum\w*|hypothes\w*|constrain\w*|suppos\w*|for\s+some|"
                        r"there\s+(?:is|are|exists?)|almost\s+(?:everywhere|surely|all)|"
                        r"a\.\s*[es]\.|(?:large|small|big)\s+enough|sufficiently|suitabl\w*|"
                        r"appropriat\w*|same\s+sign|in\s+general|typically|usually|often)\b",
                        re.I)
_VALUES = frozenset({"num", "letter", "cmd", "close"})  # two with a gap, no operator between


def _comparisons(run: list[_Tok], src: str, ctx: Context) -> list[Node]:
    base = run[0].depth
    if run[0].kind == "open" and run[-1].kind == "close" and run[-1].depth == base and all(
            t.depth > base for t in run[1:-1]):
        run, base = run[1:-1], base + 1  # (i \neq j)
    parts: list[list[_Tok]] = [[]]
    for tok in run:
        if tok.kind in ("comma", "period") and tok.depth == base:
            parts.append([])
        else:
            parts[-1].append(tok)
    out: list[Node] = []
    letters: list[Node] = []  # x, y > 0: each letter before the comparison is under it too
    for part in parts:
        if not any(t.kind == "rel" and t.depth == base for t in part):
            if not part:
                continue
            if out:  # i = 1, \dots, n or k = 1, 2, 3: a range, not the comparison i = 1
                raise ParseError(f"'{src[run[0].start:run[-1].end]}': a range or list of values "
                                 "in a condition is not read (the first value alone would be a "
                                 "guess): write the line for an index of a symbolic size, or "
                                 "one line per value", part[0].pos)
            item = _Parser(part, src, ctx).parse_top()
            if not isinstance(item, Name | Index):  # (x + 1, y > 0): which comparison?
                raise ParseError(f"'{src[part[0].start:part[-1].end]}' before a comparison in a "
                                 "condition: write each comparison whole (x + 1 > 0, y > 0)",
                                 part[0].pos)
            letters.append(item)  # x, y > 0 and x_1, x_2 > 0: each is under it
            continue
        rels = [k for k, t in enumerate(part) if t.kind == "rel" and t.depth == base]
        cuts = [-1, *rels, len(part)]  # 0 < x < 1: 0 < x and x < 1, each a comparison
        for a, b in itertools.pairwise(rels):  # (x > 0 \; y > 0: not x > 0·y > 0)
            if any(t.kind in _VALUES and u.kind in _VALUES - {"close"} and u.start > t.end
                   for t, u in itertools.pairwise(part[a + 1:b])):
                raise ParseError(f"'{src[part[0].start:part[-1].end]}': two conditions side by "
                                 "side, or one chain of comparisons? Write each condition "
                                 "whole, separated by commas: (x > 0, y > 0)", part[0].pos)
        for k in range(1, len(cuts) - 1):
            node = _Parser(part[cuts[k - 1] + 1:cuts[k + 1]], src, ctx).parse_top()
            if not isinstance(node, Compare):  # pragma: no cover - parse_top gave one
                continue
            out += [Compare(node.op, letter, node.right, node.pos) for letter in letters]
            letters = []
            out.append(node)
    return out


def _lines(toks: list[_Tok], src: str) -> list[list[_Tok]]:
    """The tokens of each line (\\\\ ends one; the alignment marks & are dropped)."""
    lines: list[list[_Tok]] = [[]]
    amps = 0  # alignment marks on the current line
    column: list[_Tok] = []  # the tokens since the last one
    for tok in toks:
        if tok.kind == "break":
            if tok.depth:
                raise ParseError(f"{src[tok.start:tok.end]} inside a group: close the brackets before "
                                 "the line ends", tok.pos)
            lines.append([])
            amps = 0
            column = []
        elif tok.kind == "amp" and tok.depth == 0:
            amps += 1
            column = []
        else:
            column.append(tok)
            remark = column[0].kind in ("text", "quad")  # && \text{since } a = b: a remark's
            if amps >= 2 and not remark and tok.kind == "rel" and tok.depth == 0 and any(
                    t.kind == "rel" and t.depth == 0 for t in lines[-1]):
                raise ParseError("two equations side by side on one line (a second & starts "
                                 "another column of the align): put each equation on a line of "
                                 "its own", tok.pos)
            lines[-1].append(tok)
    return lines


# negated relations as the lexer leaves them (unread commands): \not=, \nleq, \ngeq …
_NEGATED = frozenset({"not", "nleq", "ngeq", "nless", "ngtr", "nleqslant", "ngeqslant", "nleqq",
                      "ngeqq", "napprox", "nsim", "ncong", "nequiv"})
# the relations that join the lines of a chain: '=', and the inequalities (A = B ≤ C)
CHAIN_RELATIONS = frozenset({"=", "<", "<=", ">", ">=", "approx"})
# ≈ joins a number and a decimal written to its places (σ(1) ≈ 0.731), nothing else
_DECIMAL = re.compile(r"\s*[-+]?\s*\d*\.\d+\s*")


def _split_chain(toks: list[_Tok], src: str, ctx: Context
                 ) -> list[tuple[list[_Tok], str, list[_Tok], str]]:
    """(tokens, remarks, remark tokens, the relation to the step before: '=', '<=' …) of
    each step of a chain."""
    probe = _Parser([], src, ctx)
    lines = _lines(toks, src)

    steps: list[tuple[list[_Tok], str, list[_Tok], str]] = []
    relation = "="  # the relation before the step being read
    cur: list[_Tok] = []
    whys: list[str] = []
    remarks: list[_Tok] = []  # the remarks' tokens, for the conditions they state
    ahead: list[tuple[str, _Tok]] = []  # remarks for the step after the one being read
    crossed = False  # a line ended since the current step began
    row = rel_row = -1  # the line being read, and the line of the relation before the step
    on_row: list[int] = []  # the steps closed whose relation is on this line (A = B = C: B)

    def close(at: _Tok | None) -> None:
        nonlocal cur, whys, remarks, crossed, relation, rel_row
        body = cur
        while body and body[-1].kind in ("comma", "period") and body[-1].depth == 0:
            body = body[:-1]
        if body:
            if steps and rel_row == row:
                on_row.append(len(steps))
            steps.append((body, "; ".join(whys), remarks, relation))
            relation = at.text if at is not None else "="
            rel_row = row
            whys, remarks = [w for w, _ in ahead], [t for _, t in ahead]
            ahead.clear()
        elif not steps:
            raise ParseError(f"the chain starts with '{_shown(at)}': write the first expression "
                             "before it", at.pos if at else None)
        elif not crossed:
            raise ParseError(f"an empty step between '{_shown_rel(relation)}' and "
                             f"'{_shown(at)}'", at.pos if at else None)
        else:  # (a line that starts with the relation: the step before ends the line before)
            if relation != "=" and at is not None and at.text != "=":
                raise ParseError(f"two relations ('{_shown_rel(relation)}' at the end of a line "
                                 f"and '{_shown(at)}' at the start of the next) with no "
                                 "expression between them", at.pos)
            if at is not None and at.text != "=":
                relation = at.text
        cur, crossed = [], False

    for line in lines:
        row += 1
        on_row.clear()
        content, remark, remark_toks = _split_remark(line, src, probe)
        content = [t for t in content if t.kind != "quad"]
        math = [t for t in content if t.kind != "remark"]
        if math:
            first = math[0]
            continues = (first.kind == "rel" and first.text in CHAIN_RELATIONS) \
                or first.kind == "op"
            if cur and not continues:
                raise ParseError("this line does not continue the chain: start it with '&=' (or '='); "
                                 "separate equations belong in separate chains", first.pos)
            started = False
            for tok in content:
                if tok.kind == "bad" and tok.depth == 0 and tok.text in _NEGATED:
                    raise ParseError(  # (a \not= b: read without \not, a = b was checked)
                        f"\\{tok.text} in a chain: a negated relation (\\neq, \\not\\le, \\nleq …) "
                        "says two lines are not equal or not ordered, which a chain does not "
                        "check; write it in a display of its own, or skip the display", tok.pos)
                if tok.kind == "remark":  # \text{…} before '=': a remark of its own
                    text = (_remark_text([replace(tok, kind="text")], src), replace(tok, kind="text"))
                    if started:  # B \text{(why)} = C: the why of the step that ends at B
                        whys.append(text[0])
                        remarks.append(text[1])
                    else:  # \text{hence} &= C at the start of a line: the step to C
                        ahead.append(text)
                    continue
                started = True
                if tok.kind == "rel" and tok.depth == 0:
                    if tok.text not in CHAIN_RELATIONS:
                        bad = next((t for t in content if t.kind == "bad" and t.start < tok.start),
                                   None)
                        if bad is not None:  # \forall x \in …: the command is the problem
                            raise ParseError(bad.arg, bad.pos)
                        raise ParseError(
                            f"{src[tok.start:tok.end]} in a chain: a chain joins expressions with "
                            "'=' or an inequality (<, \\le, >, \\ge); write conditions such as "
                            "i \\neq j in \\text{…} after \\quad, or in the TOML", tok.pos)
                    close(tok)
                else:
                    cur.append(tok)
        if remark:
            whys.append(remark)
            remarks.extend(remark_toks)
            for k in on_row:  # (\sqrt{x^2} = x = |x| \quad (x > 0): the line's condition is
                body, why, marks, rel = steps[k]  # every step's on it, not its last one's)
                steps[k] = (body, why, [*marks, *remark_toks], rel)
        crossed = True
    if cur:
        close(None)
    elif steps:
        raise ParseError(f"the chain ends with '{_shown_rel(relation)}': write the expression "
                         "after it", steps[-1][0][-1].pos)
    return steps


def _shown_rel(relation: str) -> str:
    return {"<=": "≤", ">=": "≥"}.get(relation, relation)


def _shown(at: _Tok | None) -> str:
    return _shown_rel(at.text) if at is not None else "="


@dataclass(frozen=True)
class LatexStatement:
    """One equation of a chain of implications (``\\Rightarrow 2x = 4``)."""

    latex: str  # the equation's LaTeX, trimmed
    lhs: Node
    rhs: Node
    arrow: str  # "⇒" or "⇔" before it, "=" for D = F after D = E on one line, "" for the first
    why: str
    pos: Pos
    conditions: tuple[Node, ...] = ()


def _split_statements(toks: list[_Tok], src: str, ctx: Context
                      ) -> list[tuple[str, list[_Tok], list[str], list[_Tok]]]:
    """(arrow, tokens, remarks, remark tokens) of each equation between implication arrows."""
    probe = _Parser([], src, ctx)
    lines = _lines(toks, src)
    out: list[tuple[str, list[_Tok], list[str], list[_Tok]]] = []
    arrow: str | None = ""  # the arrow before the equation being read; None: none yet
    for line in lines:
        content, remark, remark_toks = _split_remark(line, src, probe)
        content = [t for t in content if t.kind != "quad"]
        math = [t for t in content if t.kind != "remark"]
        if math and out and arrow is None and not (
                math[0].kind == "op" or (math[0].kind == "rel" and math[0].text == "=")
                or (math[0].kind == "rel" and math[0].text in ARROWS)):
            raise ParseError("in a chain of implications, each new equation starts with "
                             "\\Rightarrow (or \\implies, \\iff, \\therefore); a line that goes on "
                             "with the same equation starts with = or an operator", math[0].pos)
        for tok in content:
            if tok.kind == "remark":
                if out:
                    out[-1][2].append(_remark_text([replace(tok, kind="text")], src))
                    out[-1][3].append(replace(tok, kind="text"))
                continue
            if tok.kind == "rel" and tok.depth == 0 and tok.text in ARROWS:
                if not out or not out[-1][1]:
                    raise ParseError(f"{src[tok.start:tok.end]} with no equation before it", tok.pos)
                if arrow and arrow != ARROWS[tok.text]:  # ⇔ \\ ⇒: which one is claimed?
                    raise ParseError(f"two different arrows in a row ({arrow} then "
                                     f"{ARROWS[tok.text]}): write the one that is meant", tok.pos)
                arrow = ARROWS[tok.text]
                continue
            if arrow is not None:  # the first token of a new equation
                out.append((arrow, [], [], []))
                arrow = None
            out[-1][1].append(tok)
        if remark and out:
            out[-1][2].append(remark)
            out[-1][3].extend(remark_toks)
    if arrow:
        raise ParseError("the chain ends with an implication arrow: write the equation after it",
                         toks[-1].pos if toks else None)
    return out


def is_implication_chain(text: str) -> bool:
    """Does the chain join equations with \\Rightarrow, \\implies, =>, \\therefore or \\iff?"""
    with _recursion_room():
        return any(t.kind == "rel" and t.depth == 0 and t.text in ARROWS for t in _tokenize(text))


def last_equation(text: str) -> tuple[str, str] | None:
    """The two sides of the equation a chain ends with, as LaTeX: ("A", "D") for ``A = B = D``
    or for ``P \\Rightarrow A = B = D`` (what a display starting with an arrow follows from);
    None if the text does not end with an equation between expressions."""
    text = prepared(text)
    try:
        with _recursion_room():
            toks = [t for t in _tokenize(text) if t.depth == 0 or t.kind not in ("rel", "amp")]
    except (ParseError, RecursionError):
        return None
    arrows = [k for k, t in enumerate(toks) if t.kind == "rel" and t.text in ARROWS]
    part = [t for t in toks[arrows[-1] + 1 if arrows else 0:]
            if t.kind not in ("amp", "break", "quad", "remark", "text")]
    cuts = [k for k, t in enumerate(part) if t.kind == "rel"]
    if not cuts or any(part[k].text != "=" for k in cuts) or cuts[0] == 0 \
            or cuts[-1] == len(part) - 1:
        return None
    first = text[part[0].start:part[cuts[0] - 1].end]
    last = text[part[cuts[-1] + 1].start:part[-1].end]
    return " ".join(first.split()), " ".join(last.split())


def parse_latex_statements(text: str, ctx: Context) -> list[LatexStatement]:
    """Read ``2x + 3 = 7 \\Rightarrow 2x = 4 \\Rightarrow x = 2`` (one equation per arrow, on
    one line or several) into its equations."""
    text = prepared(text)
    with _recursion_room():
        toks = _tokenize(text)
        out = []
        for arrow, body, whys, remark in _split_statements(toks, text, ctx):
            while body and body[-1].kind in ("comma", "period") and body[-1].depth == 0:
                body = body[:-1]
            rels = [k for k, t in enumerate(body) if t.kind == "rel" and t.depth == 0]
            shown = ""
            if body:  # its text without the alignment marks
                cuts = [t for t in toks if t.kind == "amp" and t.depth == 0
                        and body[0].start < t.start < body[-1].end]
                at, parts = body[0].start, []
                for amp in cuts:
                    parts.append(text[at:amp.start])
                    at = amp.end
                parts.append(text[at:body[-1].end])
                shown = " ".join("".join(parts).split())
            if not body or not rels:
                raise ParseError(f"'{shown}' in a chain of implications is not an equation: each "
                                 "part between arrows is one equation a = b",
                                 body[0].pos if body else None)
            bad = [body[k] for k in rels if body[k].text != "="]
            if bad:
                raise ParseError(f"{text[bad[0].start:bad[0].end]} in a chain of implications: only "
                                 "equations (a = b) are followed from one to the next", bad[0].pos)
            cuts = [-1, *rels, len(body)]
            if any(b - a < 2 for a, b in itertools.pairwise(cuts)):
                at = next(body[min(b, len(body) - 1)] for a, b in itertools.pairwise(cuts)
                          if b - a < 2)
                raise ParseError(f"'{shown}': an equation needs a side before and after '='",
                                 at.pos)
            sides = [_Parser(body[a + 1:b], text, ctx).parse_step()
                     for a, b in itertools.pairwise(cuts)]
            conditions = tuple(_conditions(remark, text, ctx)) if remark else ()
            out.append(LatexStatement(shown if len(sides) == 2 else text[
                body[0].start:body[rels[1]].start].strip(), sides[0], sides[1], arrow,
                "; ".join(whys), body[0].pos, conditions))
            for j in range(2, len(sides)):  # D = E = F: then D = F, E rewritten on the same line
                end = body[cuts[j + 1] - 1].end
                out.append(LatexStatement(text[body[cuts[j] + 1].start:end].strip(), sides[0],
                                          sides[j], "=", "", body[cuts[j]].pos, conditions))
        if len(out) < 2:
            raise ParseError("a chain of implications needs two equations joined by \\Rightarrow")
        return out


def parse_latex_chain(text: str, ctx: Context) -> list[LatexStep]:
    """Read ``A = B = C`` (with $$, \\[ \\], aligned/split wrappers, ``\\\\`` and ``&=``) into steps."""
    steps = parse_latex_steps(text, ctx)  # (which prepares the text)
    for step in steps:
        if step.error is not None:
            raise step.error
    return steps


def parse_latex_steps(text: str, ctx: Context) -> list[LatexStep]:
    """Like :func:`parse_latex_chain`, but a step that cannot be read is returned with its
    ``error`` (and no node), so that its readable neighbours are still read; an error in the
    chain's layout (unbalanced brackets, fewer than two steps) is raised."""
    text = prepared(text)
    with _recursion_room():
        try:
            toks = _tokenize(text)
        except ParseError as exc:  # one row TeX cannot set: that row unreadable, not all
            toks = _without_row(text, exc)
            try:
                raw = _split_chain(toks, text, ctx)
            except ParseError:  # (the rows around it make no chain either: the first error)
                raise exc from None
        else:
            raw = _split_chain(toks, text, ctx)
        if len(raw) < 2:
            at = raw[0][0][0].pos if raw else None
            if "\\boxed" in text:
                raise ParseError("an equation in \\boxed{…} with more of the line beside it "
                                 "(2 \\cdot \\boxed{a = b}) has no reading: put the whole "
                                 "equation in the box, or the box around one side", at)
            bad = next((t for t in toks if t.kind == "bad"), None)
            if bad is not None:  # \mathbb{R} in a line that is no chain: the reason it is not
                raise ParseError(bad.arg, bad.pos)
            raise ParseError("a chain needs at least two expressions joined by '='", at)
        out = []
        for k, (step_toks, why, remark, relation) in enumerate(raw):
            latex = as_written(text[step_toks[0].start:step_toks[-1].end].strip())
            before = text[raw[k - 1][0][0].start:raw[k - 1][0][-1].end] if k else ""
            if relation == "approx" and not (_DECIMAL.fullmatch(latex)
                                             or _DECIMAL.fullmatch(before)):
                out.append(LatexStep(latex, None, why, step_toks[0].pos,  # type: ignore[arg-type]
                                     error=ParseError(
                                         "\\approx is checked only between a number and a "
                                         "decimal written to its places (\\approx 0.318); an "
                                         "approximation of an expression is not checked: "
                                         "write the terms out, or skip the display",
                                         step_toks[0].pos), relation=relation))
                continue
            try:
                node = _Parser(step_toks, text, ctx).parse_step()
                conditions = tuple(_conditions(remark, text, ctx)) if remark else ()
            except ParseError as exc:
                out.append(LatexStep(latex, None, why, step_toks[0].pos,  # type: ignore[arg-type]
                                     error=exc if exc.pos else ParseError(exc.message,
                                                                          step_toks[0].pos),
                                     relation=relation))
                continue
            out.append(LatexStep(latex, node, why, step_toks[0].pos, conditions,
                                 relation=relation))
        return out


def _without_row(text: str, exc: ParseError) -> list:
    """The tokens of a chain whose one row cannot be tokenized (``\\right \\\\`` with no
    delimiter, an unknown bracket): that row's expression is one "bad" token carrying the
    error, so that it is reported at its place and the rows around it are still read.
    Raises ``exc`` where no such row can be told (one row, or the error spans rows)."""
    if exc.pos is None or any(w in exc.message for w in ("never closed", "unbalanced",
                                                         "line spacing")):
        raise exc  # (an environment or a bracket across rows: no row of its own)
    starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    if not 1 <= exc.pos.line <= len(starts):
        raise exc
    at = starts[exc.pos.line - 1] + exc.pos.col - 1
    breaks = [m.start() for m in re.finditer(r"(?<!\\)\\\\", text)]
    if not breaks:
        raise exc
    lo = max((b + 2 for b in breaks if b + 2 <= at), default=0)
    hi = min((b for b in breaks if b >= at), default=len(text))
    row = text[lo:hi]
    lead = re.match(r"\s*&?\s*(?:=|\\approx|&)?\s*&?\s*", row)
    body_at = lo + (lead.end() if lead else 0)
    if body_at >= hi:
        raise exc
    patched = text[:body_at] + "x" + " " * (hi - body_at - 1) + text[hi:]
    try:
        toks = _tokenize(patched)
    except ParseError:
        raise exc from None
    out = []
    for t in toks:
        if t.start == body_at and t.kind == "letter":
            end = body_at + len(text[body_at:hi].rstrip())  # (the row as written, shown)
            out.append(replace(t, kind="bad", text="row", arg=exc.message, pos=exc.pos,
                               end=end))
        else:
            out.append(t)
    return out


__all__ = ["LatexStatement", "is_implication_chain", "last_equation", "parse_latex_chain",
           "parse_latex_statements", "parse_latex_steps"]
