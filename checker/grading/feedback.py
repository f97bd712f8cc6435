"""One feedback file per student, in Markdown or HTML: the credit and why, what could not be
read, what the file tried to redefine, and the derivation line by line with the first wrong
step and its counterexample.

The page is put together once as plain blocks (:func:`page`) and written by one small
renderer per format. A student's own text (their lines, file name, messages that quote them)
is never markup: in Markdown it goes into code spans or fenced blocks longer than any run of
backticks in it, and every other character that Markdown reads is escaped; in HTML
everything is escaped. A submission cannot inject links, scripts or formatting into what the
teacher's tools display.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path, PurePath

from checker.grading.grades import End, Grade, Mark, Readable, StepGrade, step_text
from checker.grading.problem import Problem

FORMATS = {"markdown": ".md", "html": ".html"}
SYMBOL = {Mark.PROVED: "✓", Mark.REFUTED: "✗", Mark.UNDECIDED: "?", Mark.REPEATED: "="}


@dataclass(frozen=True)
class Code:
    """Text shown as it is (a line of the derivation, a value, a file name)."""

    text: str


@dataclass(frozen=True)
class Strong:
    text: str


Inline = str | Code | Strong  # a str is our own words
Line = list[Inline]


@dataclass(frozen=True)
class Block:
    kind: str  # h1, h2, p, ul, pre, table
    body: tuple = ()


def file_names(paths: list[str], fmt: str, given: list[str] | None = None) -> dict[str, str]:
    """A distinct, safe file name for each submission's feedback (``hw/ada.md`` →
    ``hw__ada.md.md``, relative to the folder that the files and folders ``given`` on the
    command line share, so that every shard of a CI matrix names a file alike): other
    characters than letters, digits, ``.``, ``_`` and ``-`` become ``_``, and then a short hash
    of the path follows (``a b.md`` and ``a_b.md`` are two names in any shard); names that
    clash only by case get it too (a number is the last resort)."""
    suffix = FORMATS[fmt]
    common = common_parent([str(Path(g) / "-") if Path(g).is_dir() else g for g in given]
                            if given else paths)
    if common is not None and not all(common in PurePath(p).parents for p in paths):
        common = common_parent(paths)
    out: dict[str, str] = {}
    used: set[str] = set()
    for path in paths:
        rel = PurePath(path).relative_to(common) if common else PurePath(path)
        parts = [p for p in rel.parts if p not in ("", "/", "\\", "..", ".")]
        joined = "__".join(parts)
        tag = hashlib.sha256(joined.encode()).hexdigest()[:8]
        name = re.sub(r"[^A-Za-z0-9._-]", "_", joined).lstrip(".")[:150] or "submission"
        if name != joined:  # characters replaced: the name alone could be another file's
            name = f"{name}-{tag}"
        candidate, n = name + suffix, 2
        if candidate.lower() in used and not name.endswith(tag):
            name = f"{name}-{tag}"
            candidate = name + suffix
        while candidate.lower() in used:
            candidate, n = f"{name}-{n}{suffix}", n + 1
        used.add(candidate.lower())
        out[path] = candidate
    return out


def common_parent(paths: list[str]) -> PurePath | None:
    parents = [PurePath(p).parent for p in paths]
    if not parents:
        return None
    common = parents[0]
    for p in parents[1:]:
        while str(common) not in ("", ".") and common not in (p, *p.parents):
            common = common.parent
    return None if str(common) in ("", ".") else common


# --------------------------------------------------------------------------- the page

def page(g: Grade, problem: Problem, show_reference: bool = False) -> list[Block]:
    out = [Block("h1", (f"Feedback: {problem.title}",)),
           Block("p", ("Submission: ", Code(g.submission))),
           Block("p", (Strong(f"Credit: {g.credit.total:g} / {g.credit.out_of:g}"),
                       f" (up to {g.credit.best:g} once the undecided steps are looked at)"
                       if g.credit.best != g.credit.total else "")),
           Block("table", (("part", "credit", "out of", "why"),
                           tuple((p.name, f"{p.earned:g}", f"{p.weight:g}", p.why)
                                 for p in g.credit.parts))),
           Block("h2", ("The statement",))]
    if problem.text.strip():
        out.append(Block("p", (problem.text.strip(),)))
    out.append(Block("ul", (["Start: ", *_forms(problem.starts)],
                            ["Required end: ", *_forms(problem.ends)],
                            *((["Hypotheses: ", *_joined([Code(h.describe())
                                                          for h in problem.given])],)
                              if problem.given else ()))))
    if g.problems or g.redefinitions or g.readable is Readable.NO:
        out.append(Block("h2", ("What could not be read" if g.problems
                                else "What was not accepted",)))
        out.append(Block("pre", (*g.problems, *g.redefinitions)))
        if g.redefinitions:
            out.append(Block("p", ("The problem's context (its names, what they mean and its "
                                   "hypotheses) belongs to the problem: your file is read in "
                                   "it, without the lines above.",)))
    if g.first_text:
        out.append(Block("h2", ("Your derivation",)))
        first = [f"{g.first_where}: ", Code(g.first_text), " — "]
        first += ["the statement's start ✓"] if g.started else _start_words(g, problem)
        items = [first]
        wrong = g.first_wrong
        items += [_step(s, s is wrong) for s in g.steps]
        out.append(Block("ul", tuple(items)))
        out.append(Block("p", tuple(_end_words(g, problem))))
    if g.notes:
        out += [Block("h2", ("Notes",)), Block("ul", tuple([n] for n in g.notes))]
    if g.identical_to:
        n = len(g.identical_to)
        out.append(Block("p", (f"This file is identical to {n} other "
                               f"submission{'s' if n > 1 else ''}.",)))
    if show_reference and problem.reference is not None:
        steps = problem.reference.steps
        out += [Block("h2", ("A reference derivation",)),
                Block("pre", (step_text(steps[0]), *("  = " + step_text(s) for s in steps[1:])))]
    return out


def _forms(forms: tuple) -> Line:
    return _joined([Code(f.text) for f in forms], " or ")


def _joined(items: list[Inline], sep: str = ", ") -> Line:
    out: Line = []
    for k, item in enumerate(items):
        out += [sep, item] if k else [item]
    return out


def _start_words(g: Grade, problem: Problem) -> Line:
    if "equals the statement's start" in g.start_note:
        return ["✗ equal to the statement's start, but not written as it: begin with ",
                *_forms(problem.starts)]
    return ["✗ not the statement's start: begin with ", *_forms(problem.starts)]


def _step(s: StepGrade, first_wrong: bool) -> Line:
    line: Line = [f"{s.where}: ", Code(s.text), f" — {SYMBOL[s.mark]} "]
    if s.mark is Mark.PROVED:
        return [*line, "proved"]
    if s.mark is Mark.REPEATED:
        return [*line, "the line before again: not a step (it earns nothing)"]
    if s.mark is Mark.UNDECIDED:
        how = s.how if s.how.startswith("not checked") else f"not decided: {s.how}"
        return [*line, how]
    line += [Strong("the first wrong step")] if first_wrong else \
        ["wrong: it does not follow from the expression before"]
    c = s.counter
    if c is not None:
        case = f" ({c.case})" if c.case else ""
        line += [". At ", Code(c.shown), f"{case}, the expression before is ", Code(c.left),
                 " but this one is ", Code(c.right)]
    elif s.how.startswith("refuted: "):  # refuted by its shape: no point, the shapes said
        line += [f". {s.how[len('refuted: '):].rstrip('.')}"]
    d = s.diagnosis
    if d is not None and d.after_wrong and d.of_shape:  # a slip of shape, after a wrong line
        line += [f". What is wrong: {d.detail}. The expression before is wrong itself, so no "
                 "corrected line is offered"]
    elif d is not None and d.after_wrong:  # the line before is wrong itself: no line offered
        line += [f". What changed from the expression before, which is wrong itself: "
                 f"{d.detail}. No corrected line is offered (it would agree with that expression)"]
    elif d is not None:  # a relation the engine proved: what is wrong, and the line meant
        line += [f". What is wrong: {d.detail}. Did you mean ", Code(d.corrected),
                 f"? (that line is proved {d.proved} the expression before)"]
    return line


def _end_words(g: Grade, problem: Problem) -> Line:
    if g.end is End.REACHED:
        return ["You reached the required end ✓."]
    if g.end is End.OTHER_FORM:
        return ["Your last line equals the required end but is not written as it: carry on "
                "to ", *_forms(problem.ends), "."]
    if g.end is End.NOT_REACHED:
        out: Line = ["Your last line is not the required end, ", *_forms(problem.ends)]
        c = g.end_counter
        if c is not None:
            out += [": at ", Code(c.shown), ", it is ", Code(c.left), " and the end is ",
                    Code(c.right)]
        return [*out, "."]
    return ["Your last line is not the required end as written (", *_forms(problem.ends),
            "), and whether it equals it was not decided."]


# --------------------------------------------------------------------------- Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$#])")


def code(text: str) -> str:
    """An inline code span holding ``text`` as it is, whatever backticks it holds."""
    text = " ".join(str(text).split())
    run = max((len(m) for m in re.findall(r"`+", text)), default=0)
    pad = " " if run or text.startswith(" ") else ""
    return f"{'`' * (run + 1)}{pad}{text}{pad}{'`' * (run + 1)}"


def _md_text(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def _md_inline(line: Line | tuple) -> str:
    out = []
    for part in line:
        if isinstance(part, Code):
            out.append(code(part.text))
        elif isinstance(part, Strong):
            out.append(f"**{_md_text(part.text)}**")
        else:
            out.append(_md_text(str(part)))
    return "".join(out)


def markdown(g: Grade, problem: Problem, show_reference: bool = False) -> str:
    out: list[str] = []
    for b in page(g, problem, show_reference):
        if b.kind == "h1":
            out += [f"# {_md_inline(b.body)}", ""]
        elif b.kind == "h2":
            out += [f"## {_md_inline(b.body)}", ""]
        elif b.kind == "p":
            out += [_md_inline(b.body), ""]
        elif b.kind == "ul":
            out += [f"- {_md_inline(item)}" for item in b.body] + [""]
        elif b.kind == "pre":
            body = "\n".join(b.body)
            run = max((len(m) for m in re.findall(r"`+", body)), default=0)
            fence = "`" * max(3, run + 1)
            out += [f"{fence}text", *b.body, fence, ""]
        elif b.kind == "table":
            head, rows = b.body
            out.append("| " + " | ".join(head) + " |")
            out.append("|" + "---|" * len(head))
            out += ["| " + " | ".join(_md_inline([c]) for c in row) + " |" for row in rows]
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# --------------------------------------------------------------------------- HTML

_STYLE = ("body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;"
          "line-height:1.5}code,pre{font-family:ui-monospace,monospace;background:#f4f4f4}"
          "code{padding:0 .2em}pre{padding:.5em;white-space:pre-wrap}table{border-collapse:"
          "collapse}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}")


def _html_inline(line: Line | tuple) -> str:
    out = []
    for part in line:
        if isinstance(part, Code):
            out.append(f"<code>{html.escape(' '.join(part.text.split()))}</code>")
        elif isinstance(part, Strong):
            out.append(f"<strong>{html.escape(part.text)}</strong>")
        else:
            out.append(html.escape(str(part)))
    return "".join(out)


def html_page(g: Grade, problem: Problem, show_reference: bool = False) -> str:
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{html.escape(f'Feedback: {problem.title}')}</title>",
           f"<style>{_STYLE}</style></head><body>"]
    for b in page(g, problem, show_reference):
        if b.kind in ("h1", "h2", "p"):
            out.append(f"<{b.kind}>{_html_inline(b.body)}</{b.kind}>")
        elif b.kind == "ul":
            out.append("<ul>" + "".join(f"<li>{_html_inline(i)}</li>" for i in b.body) + "</ul>")
        elif b.kind == "pre":
            out.append(f"<pre>{html.escape(chr(10).join(b.body))}</pre>")
        elif b.kind == "table":
            head, rows = b.body
            out.append("<table><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in head)
                       + "</tr>" + "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>"
                                                            for c in row) + "</tr>"
                                           for row in rows) + "</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


RENDER: dict[str, Callable[[Grade, Problem, bool], str]] = {"markdown": markdown,
                                                             "html": html_page}


def write(grades: tuple[Grade, ...], problem: Problem, folder: Path, fmt: str,
          names: dict[str, str]) -> list[Path]:
    """One file per submission in ``folder`` (named by :func:`file_names`)."""
    from checker.grading.gradebook import write_atomically

    render = RENDER[fmt]
    written = []
    common = common_parent([g.submission for g in grades])
    for g in grades:
        path = folder / names[g.submission]
        write_atomically(path, render(_as_handed_in(g, common), problem, problem.show_reference))
        written.append(path)
    return written


def _as_handed_in(g: Grade, common: PurePath | None) -> Grade:
    """The grade as its student reads it: the file named from the folder of the class's
    submissions, not by the path on the grader's machine (/home/ta/… told students the
    server's layout)."""
    if common is None or common not in PurePath(g.submission).parents:
        return g
    shown = PurePath(g.submission).relative_to(common).as_posix()

    def said(text: str) -> str:
        return text.replace(g.submission, shown)

    return replace(g, submission=shown, problems=tuple(map(said, g.problems)),
                   redefinitions=tuple(map(said, g.redefinitions)))
