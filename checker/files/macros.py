"""A LaTeX document's own macros, expanded in its displays: ``\\newcommand{\\R}{\\mathbb{R}}``,
``\\newcommand{\\norm}[1]{\\lVert #1 \\rVert}``, ``\\renewcommand``, ``\\providecommand``,
``\\def\\bx{\\mathbf{x}}``, ``\\let\\a\\b``, ``\\DeclareMathOperator{\\softmax}{softmax}``.

Expansion is text put in for text, as TeX does it, never code run: a macro's arguments are
brace groups or single tokens put in for ``#1`` … ``#9``. Bounded: at most
:data:`MAX_ROUNDS` rounds of expansion (a macro that expands to itself is refused) and a
display at most :data:`MAX_GROWTH` times longer (and :data:`MAX_CHARS` characters) after it.
A macro that cannot be expanded this way (an optional argument's default, a body that defines
macros itself or plays with TeX's reading, a ``\\def`` with a parameter text) makes the
displays that use it refused, with where it is defined; one no display uses costs nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

MAX_ROUNDS = 16
MAX_GROWTH = 20
MAX_CHARS = 50_000
_UNSAFE = re.compile(r"\\(?:def|edef|gdef|xdef|let|(?:re|provide)?newcommand|catcode|csname|"
                     r"expandafter|input|include|makeatletter|DeclareMathOperator)(?![A-Za-z@])")


@dataclass(frozen=True)
class Macro:
    name: str  # \R
    params: int
    body: str | None  # None: not expanded (``why``)
    line: int
    why: str = ""
    at: int = 0  # where it is defined: a display before it does not see it


class Unexpanded(Exception):
    """A display uses a macro that is not expanded (the message says which and why)."""


_HEAD = re.compile(
    r"\\(?P<kind>(?:re|provide)?newcommand\*?|providecommand\*?|DeclareMathOperator\*?|def|let)"
    r"(?![A-Za-z@])\s*"
    r"(?:\{\s*(?P<braced>\\[A-Za-z@]+)\s*\}|(?P<bare>\\[A-Za-z@]+))")


def defines(text: str) -> bool:
    """Whether ``text`` defines a macro (\\newcommand, \\def, \\let …)."""
    return _HEAD.search(text) is not None


def group_end(text: str, at: int) -> int | None:
    """The end (exclusive) of the brace group that opens at ``at``, or None."""
    if at >= len(text) or text[at] != "{":
        return None
    depth = 0
    k = at
    while k < len(text):
        ch = text[k]
        if ch == "\\":
            k += 2
            continue
        depth += {"{": 1, "}": -1}.get(ch, 0)
        k += 1
        if depth == 0:
            return k
    return None


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\n":
        at += 1
    return at


def _depths(text: str) -> list[int]:
    """The brace depth at each offset of ``text``."""
    out, depth, k = [0] * (len(text) + 1), 0, 0
    while k < len(text):
        ch = text[k]
        out[k] = depth
        if ch == "\\" and k + 1 < len(text):
            out[k + 1] = depth
            k += 2
            continue
        depth = max(0, depth + {"{": 1, "}": -1}.get(ch, 0))
        k += 1
    out[len(text)] = depth
    return out


_IN_MATH = re.compile(r"\\begin\{(?:equation|align|gather|multline|eqnarray|displaymath|flalign|"
                      r"alignat)\*?\}(?:(?!\\begin\{).)*?\\end\{"  # (linear: stops at the next)
                      r"|\\\[(?:(?!\n[ \t]*\n).)*?\\\]|\$\$.*?\$\$", re.S)


def definitions(text: str, in_math: bool = False) -> dict[str, Macro]:
    """The macros ``text`` defines (comments, verbatim and what TeX does not typeset
    already blanked), by name. Each holds from where it is written (:func:`expand` takes
    where the display is); a name defined twice, inside a group or inside a display is not
    expanded at all (which definition a display sees would be TeX's bookkeeping to guess).
    ``in_math``: a definition inside a display holds from there on, as MathJax takes it (a
    Markdown page defines its macros in a ``$$ \\newcommand{\\R}{…} $$`` of their own)."""
    out: dict[str, Macro] = {}
    lets: set[str] = set()
    depths = _depths(text)
    math = [(m.start(), m.end()) for m in _IN_MATH.finditer(text)]
    for m in _HEAD.finditer(text):
        name = m["braced"] or m["bare"]
        line = text.count("\n", 0, m.start()) + 1
        if name in out:
            out[name] = Macro(name, 0, None, out[name].line, f"it is defined again at line "
                              f"{line}", out[name].at)
            continue
        if depths[m.start()] > 0 or (not in_math and any(a <= m.start() < b for a, b in math)):
            out[name] = Macro(name, 0, None, line, "it is defined inside a group or a display",
                              m.start())
            continue
        kind, k = m["kind"].rstrip("*"), _skip_space(text, m.end())
        if kind == "let":  # \let\a\b, \let\a=\b: \b's meaning now (a copy, as TeX's)
            target = re.match(r"=?\s*(\\[A-Za-z@]+|\S)", text[k:])
            was = out.get(target[1]) if target else None
            lets.add(name)
            out[name] = replace(was, name=name, line=line, at=m.start()) if was is not None \
                else Macro(name, 0, target[1] if target else None, line,
                           "" if target else "\\let without a target", m.start())
            continue
        params, why = 0, ""
        if kind == "def":
            arg = re.match(r"[^{]*", text[k:])[0]  # \def\f#1{…}: a parameter text
            if arg.strip():
                why = f"its parameter text {arg.strip()!r}"
            k += len(arg)
        else:
            count = re.match(r"\[\s*(\d)\s*\]\s*", text[k:])
            if count:
                params, k = int(count[1]), k + count.end()
                default = re.match(r"\[[^\]]*\]\s*", text[k:])
                if default:
                    why, k = "a default for its optional argument", k + default.end()
        end = group_end(text, k)
        if end is None:
            out[name] = Macro(name, params, None, line, "a body not in braces", m.start())
            continue
        body = text[k + 1:end - 1]
        if kind.startswith("provide") and _built_in(name):  # (LaTeX keeps its own \cdot)
            why = "\\providecommand leaves a command LaTeX already has as it was"
        if kind == "DeclareMathOperator":
            body = f"\\operatorname{{{body}}}"
        if not why and _UNSAFE.search(body):
            why = "a body that defines macros or changes how TeX reads"
        out[name] = Macro(name, params, None if why else body, line, why, m.start())
    for name, macro in [(n, out[n]) for n in lets]:  # \let\s\sigma, then \renewcommand{\sigma}:
        later = out.get(macro.body or "")  # \s is the σ of before, which expanding \s to
        if later is not None and later.at > macro.at and later.name != name:  # \sigma loses
            out[name] = replace(macro, body=None, why=f"it is \\let to {later.name}, which is "
                                "defined again after it")
    return out


def _built_in(name: str) -> bool:
    """Whether derivcheck reads ``name`` (\\cdot, \\sigma) as a command of its own."""
    from checker.parse.latex_lexer import _tokenize

    try:
        return all(t.kind != "bad" for t in _tokenize(name))
    except Exception:  # (a command its reader refuses outright: not one it has)
        return False


def _arguments(text: str, at: int, count: int) -> tuple[list[str], int] | None:
    """``count`` arguments from ``at``: brace groups (without their braces) or single tokens."""
    args = []
    for _ in range(count):
        at = _skip_space(text, at)
        if at >= len(text):
            return None
        if text[at] == "{":
            end = group_end(text, at)
            if end is None:
                return None
            args.append(text[at + 1:end - 1])
            at = end
        else:
            token = re.match(r"\\[A-Za-z@]+|\\.|.", text[at:], re.S)
            assert token is not None
            args.append(token[0])
            at += token.end()
    return args, at


def _substituted(body: str, args: list[str]) -> str:
    return re.sub(r"#([1-9])", lambda p: args[int(p[1]) - 1] if int(p[1]) <= len(args)
                  else p[0], body)


# a command that takes the token after it as an argument: a macro there is one argument
# (\frac 1\xp is 1/(x + 1)), so its text goes in braces
_TAKES = re.compile(r"(?:\\(?:frac|dfrac|tfrac|binom|sqrt|mathbf|boldsymbol|bm|mathrm|mathcal|"
                    r"mathbb)(?:\s*(?:\{[^{}]*\}|[^\s{}\\]))?)\s*$")
# what TeX reads a math field after, expanding a macro there and taking its first token only
_SCANS = re.compile(r"(?:[_^]|\\(?:hat|bar|tilde|vec|widehat|widetilde|overline|dot|ddot|check|"
                    r"breve))\s*$")


def _one_token(body: str) -> bool:
    """One TeX token or one braced group (what a math field after ^ takes of it)."""
    body = body.strip()
    if re.fullmatch(r"\\[A-Za-z@]+|\\.|[^\s{}\\]", body):
        return True
    if not body.startswith("{"):
        return False
    depth, k = 0, 0
    while k < len(body):
        if body[k] == "\\":
            k += 2
            continue
        depth += (body[k] == "{") - (body[k] == "}")
        if depth == 0:
            return k == len(body) - 1
        k += 1
    return False


def expand(latex: str, macros: dict[str, Macro], at: int | None = None) -> str:
    """``latex`` with the macros put in (those defined before ``at``, where the display is);
    raises :class:`Unexpanded` where one cannot be."""
    if at is not None:
        macros = {k: v for k, v in macros.items() if v.at < at}
    if not macros:
        return latex
    names = sorted(macros, key=len, reverse=True)
    pattern = re.compile(r"(?<!\\)(?:" + "|".join(re.escape(n) for n in names)
                         + r")(?![A-Za-z@])")
    limit = min(MAX_CHARS, max(2_000, MAX_GROWTH * len(latex)))
    for _ in range(MAX_ROUNDS):
        m = pattern.search(latex)
        if m is None:
            return latex
        out, at = [], 0
        for m in pattern.finditer(latex):
            if m.start() < at:
                continue
            macro = macros[m.group(0)]
            if macro.body is None:
                raise Unexpanded(f"it uses the macro {macro.name} (defined at line {macro.line}), "
                                 f"which derivcheck does not expand ({macro.why}): write it out "
                                 "here")
            got = _arguments(latex, m.end(), macro.params)
            if got is None:
                raise Unexpanded(f"the macro {macro.name} takes {macro.params} argument"
                                 f"{'s' if macro.params > 1 else ''}, which are not all there")
            args, end = got
            body = _substituted(macro.body, args)
            if not macro.params and re.match(r"[A-Za-z]", latex[end:end + 1]) \
                    and re.search(r"\\[A-Za-z@]+$", body):
                body += " "  # (\R x: the name ends where TeX ends it)
            if _SCANS.search(latex[:m.start()]) and not _one_token(body):
                raise Unexpanded(f"{latex[max(0, m.start() - 1):m.start()].strip()}{macro.name} "
                                 f"(defined at line {macro.line}): TeX sets only the first token "
                                 f"of its expansion {macro.body.strip()} there; write "
                                 f"{{{macro.name}}} in braces if all of it is meant")
            if _TAKES.search(latex[:m.start()]) or _SCANS.search(latex[:m.start()]):
                body = "{" + body + "}"  # (one token, one argument: \frac 1\xp)
            elif re.search(r"\\[A-Za-z@]+$", latex[:m.start()]) and re.match(r"[A-Za-z]", body):
                body = " " + body  # (\sin\hh: \sin h, not \sinh)
            out += [latex[at:m.start()], body]
            at = end
        latex = "".join(out) + latex[at:]
        if len(latex) > limit:
            raise Unexpanded(f"its macros expand to more than {limit} characters")
    raise Unexpanded(f"its macros are still not expanded after {MAX_ROUNDS} rounds (a macro "
                     "that expands to itself?)")


def display_item(path: str, text: str, body: str, own: dict[str, Macro], start: int, end: int,
                 at: int, items: list, errors: list) -> None:
    """The display ``body`` (``text[start:end]``) with the document's macros defined before
    ``at`` put in, added to ``items`` as a document reader's find (its text, or its text
    expanded and where it ends); where a macro cannot be put in, an error at its line."""
    from checker.files.common import InputError

    try:
        expanded = expand(body, own, at) if own else body
    except Unexpanded as exc:
        errors.append(InputError(path, f"this display cannot be read: {exc}",
                                 line=text.count("\n", 0, start) + 1))
        return
    items.append((start, "display", body if expanded == body else (expanded, end)))


def without_definitions(text: str) -> str:
    """``text`` with each macro definition (head, parameter count, body) taken out: what a
    display that defines macros shows besides them."""
    out, at = [], 0
    for m in _HEAD.finditer(text):
        if m.start() < at:
            continue
        k = _skip_space(text, m.end())
        if m["kind"] == "let":
            target = re.match(r"=?\s*(?:\\[A-Za-z@]+|\S)", text[k:])
            end = k + (target.end() if target else 0)
        else:
            k += len(re.match(r"(?:\s*\[[^\]]*\])*\s*", text[k:])[0]) if m["kind"] != "def" \
                else len(re.match(r"[^{]*", text[k:])[0])
            end = group_end(text, k) or k
            if m["kind"].startswith("DeclareMathOperator"):
                end = group_end(text, _skip_space(text, end)) or end
        out.append(text[at:m.start()])
        at = end
    return "".join(out) + text[at:]

