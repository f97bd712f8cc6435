"""The HTML report: one self-contained page, math drawn as MathML, nothing loaded from anywhere.

:func:`dumps` writes the page (``--format html``); :func:`fragment` writes the same report as
one ``<div>`` with its own style, for notebooks (``_repr_html_``). Each entry is an
``<article>``: its title and source, the goal, and one row per step with its mark (✓ ✗ ≈ ? ! ∅),
the step as written (its LaTeX drawn by :mod:`checker.report.mathml`), how it was read, the
verdict with its method, and for a refuted step the counterexample, both sides' values and
the command that reproduces it; the summary table comes first. The page carries a
Content-Security-Policy that allows no script and no request at all, its only style is
inline, and every text from a file is escaped (the MathML is rebuilt from an allowlist).
Like every report, this only reads results.
"""

from __future__ import annotations

from html import escape

import sympy as sp

from checker import __version__
from checker.model import (
    RELATIONS,
    UNDER_EARLIER,
    CheckKind,
    Condition,
    Derivation,
    Identity,
    Implications,
    Step,
)
from checker.report import mathml
from checker.report import text as fmt
from checker.results import CheckResult, Counterexample, EntryOutcome, Method, Result, RunReport, Verdict

TEXT_LEAVES = 500  # a value larger than this is described, not printed (printing costs seconds)

CLASS = {
    Verdict.PROVED: "proved",
    Verdict.REFUTED: "refuted",
    Verdict.NUMERIC: "numeric",
    Verdict.UNKNOWN: "unknown",
    Verdict.ERROR: "error",
}

STYLE = """
.derivcheck { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif;
  color: #1d2125; color-scheme: light; background: #f7f8fa; padding: .2em .6em; border-radius: 6px; }
.derivcheck h1 { font-size: 1.5em; margin: 0 0 .3em; }
.derivcheck h2 { font-size: 1.1em; margin: 0; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
.derivcheck article { border: 1px solid #b7d7bf; border-left: 6px solid #2e8540; border-radius: 6px;
  padding: .6em .9em; margin: .9em 0; background: #fff; overflow-x: auto; }
.derivcheck article.dc-mismatch { border-color: #e3b3b0; border-left-color: #c62828; }
.derivcheck .dc-head { display: flex; gap: 1em; align-items: baseline; flex-wrap: wrap; }
.derivcheck .dc-status { margin-left: auto; font-size: .85em; color: #555; }
.derivcheck .dc-mismatch .dc-status { color: #c62828; font-weight: 600; }
.derivcheck .dc-title { font-weight: 600; margin: .2em 0; }
.derivcheck .dc-dim { color: #5f6b76; font-size: .9em; }
.derivcheck table.dc-steps { border-collapse: collapse; margin: .4em 0; }
.derivcheck table.dc-steps td { vertical-align: top; padding: .35em .5em; border-top: 1px solid #eceff1; }
.derivcheck td.dc-k { color: #8a949c; text-align: right; font-variant-numeric: tabular-nums; }
.derivcheck .dc-mark { font-weight: 700; text-align: center; min-width: 1.4em; }
.derivcheck .dc-math { display: inline-block; max-width: 100%; overflow-x: auto;
  vertical-align: middle; }
.derivcheck .dc-math math { font-size: 1.12em; }
.derivcheck .dc-read { color: #4a5560; font-size: .9em; margin-top: .15em; }
.derivcheck .dc-why { color: #00838f; margin-left: .6em; font-size: .9em; }
.derivcheck .dc-verdict { font-size: .92em; margin-top: .2em; }
.derivcheck .dc-method { color: #66727c; }
.derivcheck .dc-detail { font-size: .9em; margin: .15em 0 0 1.2em; }
.derivcheck .dc-cex { color: #b3261e; }
.derivcheck .dc-wrong { font-weight: 700; }
.derivcheck .dc-diagnosis { color: #8a5300; font-weight: 600; }
.derivcheck .dc-corrected { color: #2e7d32; }
.derivcheck mark { background: #ffe08a; color: inherit; border-radius: 2px; }
.derivcheck code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .88em;
  background: #f3f5f7; padding: 0 .25em; border-radius: 3px; white-space: pre-wrap;
  overflow-wrap: anywhere; }
.derivcheck .proved { color: #2e7d32; }
.derivcheck .refuted, .derivcheck .error { color: #c62828; }
.derivcheck .numeric, .derivcheck .vacuous { color: #a05a00; }
.derivcheck .unknown { color: #7b1fa2; }
.derivcheck .dc-bad { background: #c62828; color: #fff; padding: 0 .3em; border-radius: 3px; }
.derivcheck table.dc-summary { border-collapse: collapse; margin: .5em 0; }
.derivcheck table.dc-summary th, .derivcheck table.dc-summary td { padding: .2em .8em;
  border-bottom: 1px solid #dde2e6; text-align: right; }
.derivcheck table.dc-summary th:first-child, .derivcheck table.dc-summary td:first-child { text-align: left; }
.derivcheck .dc-line { font-weight: 600; margin: .5em 0; }
.derivcheck .dc-line.dc-fail { color: #c62828; }
.derivcheck .dc-line.dc-pass { color: #2e7d32; }
"""

# No script, no request of any kind (fonts, images, links to fetch): the page is what it says.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _math_or_code(markup: str | None, fallback: str) -> str:
    return f'<span class="dc-math">{markup}</span>' if markup else f"<code>{_e(fallback)}</code>"


def _expr(e: object) -> str:
    """A SymPy value drawn, or its one-line form where it is too large to draw."""
    markup = mathml.expression(e)
    return _math_or_code(markup, "" if markup else _flat(e))


def _flat(e: object, limit: int = 300) -> str:
    """One line of a value too large to draw, found without printing all of it: a matrix by
    its shape and first entry, an expression too large even to print quickly by its size."""
    if isinstance(e, sp.MatrixBase) and len(e) > 1:
        first = "" if fmt.longer_than(e[0, 0], TEXT_LEAVES) else f", entry (1,1): {_flat(e[0, 0])}"
        return f"{e.shape[0]}×{e.shape[1]} matrix{first}"
    if fmt.longer_than(e, TEXT_LEAVES):
        return f"(more than {TEXT_LEAVES} symbols and numbers: too large to show here)"
    text = fmt.index_notation(e) if isinstance(e, sp.Basic) and e.has(sp.Indexed, sp.Sum, sp.Product) \
        else sp.sstr(e, order="none")
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _tex(source: str) -> str:
    """The author's LaTeX drawn as written, or shown as source where it cannot be."""
    return _math_or_code(mathml.latex(source), source)


def _mark(r: Result) -> str:
    cls = "vacuous" if r.vacuous else CLASS[r.verdict]
    words = fmt.VACUOUS_WORDS if r.vacuous else r.verdict.value
    return (f'<span class="dc-mark {cls}" title="{_e(words)}" aria-label="{_e(words)}">'
            f"{_e(fmt.mark(r.verdict, False, r.vacuous))}</span>")


def _verdict(cr: CheckResult) -> str:
    r = cr.result
    cls = "vacuous" if r.vacuous else CLASS[r.verdict]
    words = _e(fmt.outcome_words(r, cr.expected))
    if not cr.matches:
        words = f'<span class="dc-bad">{words}</span>'
    method = r.method_text if r.method not in (Method.NONE, Method.VACUOUS) \
        and r.method not in fmt.QUALIFIERS else ""
    extra = " · ".join(x for x in (method, fmt.duration(r.elapsed)) if x)
    return (f'{_mark(r)} <span class="{cls}">{words}</span> '
            f'<span class="dc-method">· {_e(extra)}</span>')


def _point(cex: Counterexample) -> str:
    """The counterexample's coordinates, drawn (``x₁ = 1/2``) where there are few."""
    seen, unique = set(), []
    for s, v in cex.point:
        if (str(s), str(v)) not in seen:
            seen.add((str(s), str(v)))
            unique.append((s, v))
    if not unique or len(unique) > 8 or cex.witness:
        return _e(fmt.point(cex))
    parts = []
    for s, v in unique:
        markup = mathml.latex(f"{sp.latex(s)} = {sp.latex(v)}") if \
            not fmt.longer_than((s, v), 60) else None
        parts.append(_math_or_code(markup, f"{s} = {v}"))
    return ", ".join(parts)


def _details(cr: CheckResult) -> list[str]:
    r, out = cr.result, []
    cex = r.counterexample
    if cex is not None:
        where = fmt.entry_words(cr)
        case = f" [{cex.case}]" if cex.case else ""
        out.append(f'<div class="dc-detail dc-cex">counterexample{_e(where + case)}: '
                   f"{_point(cex)}</div>")
        left, right = fmt.sides(cr.check)
        out.append(f'<div class="dc-detail dc-cex">{_e(left)} = <code>{_e(cex.lhs_value)}</code>, '
                   f"{_e(right)} = <code>{_e(cex.rhs_value)}</code> "
                   f'<span class="dc-method">({_e(cex.certified_by)})</span></div>')
        out.append(f'<div class="dc-detail dc-dim">reproduce: '
                   f"<code>{_e(fmt.reproduce(cr.check.entry, r.seed))}</code></div>")
    elif r.numeric is not None:
        ev = r.numeric
        out.append(f'<div class="dc-detail numeric">agreement at {ev.points} random points to '
                   f"{ev.digits} digits (seed {ev.seed}, largest difference "
                   f"{_e(ev.max_difference)}); not a proof</div>")
    elif r.detail and (r.verdict is not Verdict.PROVED or r.vacuous
                       or r.detail.startswith(UNDER_EARLIER)) and not r.readings:
        cls = "vacuous" if r.vacuous else CLASS[r.verdict]
        out.append(f'<div class="dc-detail {cls}">{_e(r.detail)}</div>')
    if r.readings:
        agree = r.method is not Method.AMBIGUOUS
        head = ("the same under every reading of the text:" if agree else
                "ambiguous reading: the text can be read in ways that disagree:")
        out.append(f'<div class="dc-detail {"dc-dim" if agree else "unknown"}">{_e(head)}</div>')
        for rr in r.readings:
            sub = rr.result
            at = f" ({fmt.at_point(sub.counterexample)})" if sub.counterexample else ""
            out.append(f'<div class="dc-detail">{_mark(sub)} read as {_e(rr.label)}: '
                       f'<span class="{CLASS[sub.verdict]}">{_e(sub.verdict.value)}</span>'
                       f"{_e(at)}</div>")
        if not agree and r.detail:
            out.append(f'<div class="dc-detail"><em>{_e(r.detail)}</em></div>')
    out.extend(_diagnosis(cr))
    note = cr.check.claim.note
    if note and (r.verdict is not Verdict.PROVED or not cr.matches):
        out.append(f'<div class="dc-detail"><em>note: {_e(note)}</em></div>')
    return out


def _diagnosis(cr: CheckResult) -> list[str]:
    """What is wrong with a refuted step (a relation the engine proved): the part that
    differs marked in the line as written, and the corrected line, drawn."""
    d, words = cr.result.diagnosis, fmt.diagnosis_words(cr)
    if d is None or words is None:
        return []
    what = words[0]
    out = [f'<div class="dc-detail dc-diagnosis">{_e(what)}</div>']
    loc = d.location
    if loc is not None and not loc.whole:
        out.append(f'<div class="dc-detail dc-dim">where: <code>{_e(loc.text[:loc.start])}'
                   f"<mark>{_e(loc.part)}</mark>{_e(loc.text[loc.end:])}</code></div>")
    if not words[2]:  # (a long corrected line with no text of its own: not drawn)
        return out
    if d.after_wrong:
        out.append(f'<div class="dc-detail dc-dim">{_e(words[2])}</div>')
        return out
    shown = _tex(d.corrected) if d.corrected_syntax == "latex" else f"<code>{_e(d.corrected)}</code>"
    left, _ = fmt.sides(cr.check)
    out.append(f'<div class="dc-detail dc-corrected">did you mean: {shown} '
               f'<span class="dc-method">(proved {_e(d.proved)} {_e(left)})</span></div>')
    return out


def _given(hypotheses: tuple) -> str:
    if not hypotheses:
        return ""
    return f'<div class="dc-dim">given: {_e("; ".join(h.describe() for h in hypotheses))}</div>'


def _domain(domain: tuple) -> str:
    if not domain:
        return ""
    where = " and ".join(Condition(r).describe() for r in domain)
    return (f'<div class="dc-dim">defined where {_e(where)} (a proof holds there; a '
            "counterexample lies there)</div>")


def _step_cell(step: Step) -> str:
    """The step as written (drawn), its reason, its line, and how it was read."""
    if step.latex:
        shown = _tex(step.latex)
    elif step.text and not step.show_reading:  # catalog steps: the document's text
        shown = f"{_e(step.text)}<div class=\"dc-read\">{_expr(step.expr)}</div>"
    else:
        shown = _expr(step.expr)
    parts = [shown]
    if step.why:
        parts.append(f'<span class="dc-why">[{_e(step.why)}]</span>')
    if step.line:
        parts.append(f'<span class="dc-dim"> (line {step.line})</span>')
    if step.unreadable:
        parts.append('<div class="dc-read error">could not be read (the error is shown with '
                     "the file's errors)</div>")
    elif step.mismatch:
        parts.append('<div class="dc-read">not compared entry by entry: its shape is the '
                     "finding</div>")
    elif step.undecided:
        parts.append('<div class="dc-read">not compared: its shape is not the chain\'s</div>')
    elif step.latex or step.show_reading:
        written = "" if step.latex else f"as written: <code>{_e(step.text)}</code> · "
        parts.append(f'<div class="dc-read">{written}read as {_expr(step.expr)}</div>')
        for other in step.readings[1:]:
            parts.append(f'<div class="dc-read">or as {_expr(other.expr)}</div>')
    if step.layout and not step.unreadable:
        parts.append(f'<div class="dc-read">{_e(step.layout)}</div>')
    return "".join(parts)


def _derivation(outcome: EntryOutcome, entry: Derivation) -> list[str]:
    out = [_given(entry.given)]
    by_kind = {(c.check.kind, c.check.step): c for c in outcome.checks}
    goal = by_kind.get((CheckKind.GOAL, None))
    if goal is not None:
        first, last = entry.steps[0], entry.steps[-1]
        rel = _e(RELATIONS[goal.check.claim.relation])  # (≤ where the chain's steps are)
        if first.latex and last.latex:  # the goal as its author wrote its two ends
            sides = f"{_tex(first.latex)} {rel} {_tex(last.latex)}"
        else:
            sides = f"{_expr(entry.goal_lhs)} {rel} {_expr(entry.goal_rhs)}"
        stated = fmt.stated_conditions(goal.check, entry)
        out.append(f'<div class="dc-goal"><strong>goal</strong> {sides}'
                   f'<div class="dc-verdict">{_verdict(goal)}</div>'
                   + (f'<div class="dc-dim">{_e(stated)}</div>' if stated else "")
                   + (f'<div class="dc-dim">{_e(over)}</div>'
                      if (over := fmt.goal_over_wrong_steps(outcome.checks)) else "")
                   + "".join(_details(goal)) + "</div>")
    first_wrong = next((k for k in range(2, len(entry.steps) + 1)
                        if (c := by_kind.get((CheckKind.STEP, k))) is not None
                        and c.result.verdict is Verdict.REFUTED), None)
    rows = []
    for k, step in enumerate(entry.steps, start=1):
        cr = by_kind.get((CheckKind.STEP, k))
        if cr is None:
            rows.append(f'<tr class="dc-step"><td class="dc-k">{k}</td><td class="dc-mark"></td>'
                        f"<td>{_step_cell(step)}</td></tr>")
            continue
        r = cr.result
        wrong = ""
        if r.verdict is Verdict.REFUTED:
            wrong = (' <span class="dc-wrong refuted">← first wrong step</span>' if k == first_wrong
                     else f' <span class="dc-wrong">(does not follow from step '
                     f'{cr.check.previous})</span>')
        rows.append(f'<tr class="dc-step"><td class="dc-k">{k}</td><td>{_mark(r)}</td>'
                    f"<td>{_e(RELATIONS[step.relation])} {_step_cell(step)}"
                    f"<div class=\"dc-verdict\">{_verdict(cr)}{wrong}</div>"
                    + "".join(_details(cr)) + "</td></tr>")
    out.append('<table class="dc-steps">' + "".join(rows) + "</table>")
    for kind in (CheckKind.START, CheckKind.END):
        cr = by_kind.get((kind, None))
        if cr is None or (cr.result.verdict is Verdict.PROVED and cr.matches
                          and not cr.result.vacuous):
            continue
        out.append(f'<div class="dc-verdict">{_e(fmt.compares(cr.check))}: {_verdict(cr)}</div>'
                   + "".join(_details(cr)))
    ends = [by_kind.get((k, None)) for k in (CheckKind.START, CheckKind.END)]
    if all(c is not None and c.result.verdict is Verdict.PROVED and not c.result.vacuous
           for c in ends):
        out.append('<div class="dc-dim proved">✓ the chain starts and ends at the goal\'s two '
                   "sides</div>")
    return out


def _identity(outcome: EntryOutcome, entry: Identity) -> list[str]:
    claim = entry.claim
    out = []
    if entry.text:
        out.append(f'<div class="dc-dim">as written: <code>{_e(entry.text)}</code></div>')
    if claim.mismatch:
        pass  # refuted by its shapes: there is no reading to show
    elif not fmt.longer_than((claim.lhs, claim.rhs), 2 * mathml.MAX_LEAVES):
        out.append(f'<div class="dc-goal">{"read as " if entry.text else ""}{_expr(claim.lhs)} '
                   f"{_e(RELATIONS[claim.relation])} {_expr(claim.rhs)}</div>")
    elif not entry.text:  # too large to draw: the command that prints it in full
        out.append('<div class="dc-dim">both sides are too large to show here; '
                   f"<code>derivcheck show {_e(entry.id)}</code> prints them</div>")
    out.append(_given(claim.given))
    out.append(_domain(claim.domain))
    for cr in outcome.checks:
        out.append(f'<div class="dc-verdict">{_verdict(cr)}</div>' + "".join(_details(cr)))
    return out


def _implications(outcome: EntryOutcome, entry: Implications) -> list[str]:
    """A chain of implications: the whole (first ⇒ last), then each equation with the arrow
    before it, as written (drawn), how it was read, where it is defined, and its verdict."""
    out = [_given(entry.given)]
    by_kind = {(c.check.kind, c.check.step): c for c in outcome.checks}
    goal = by_kind.get((CheckKind.GOAL, None))
    if goal is not None:
        out.append('<div class="dc-goal"><strong>first ⇒ last equation</strong>'
                   f'<div class="dc-verdict">{_verdict(goal)}</div>'
                   + "".join(_details(goal)) + "</div>")
    rows = []
    for k, st in enumerate(entry.statements, start=1):
        shown = (_tex(st.latex) if st.latex else "") + (
            f'<span class="dc-why">[{_e(st.why)}]</span>' if st.why else "") + (
            f'<span class="dc-dim"> (line {st.line})</span>' if st.line else "") + (
            f'<div class="dc-read">read as {_expr(st.lhs)} = {_expr(st.rhs)}</div>') + \
            _domain(st.domain)
        cr = by_kind.get((CheckKind.STEP, k))
        if cr is None:
            rows.append(f'<tr class="dc-step"><td class="dc-k">{k}</td><td class="dc-mark"></td>'
                        f"<td>{shown}</td></tr>")
            continue
        rows.append(f'<tr class="dc-step"><td class="dc-k">{k}</td><td>{_mark(cr.result)}</td>'
                    f"<td>{_e(st.arrow)} {shown}<div class=\"dc-verdict\">{_verdict(cr)}</div>"
                    + "".join(_details(cr)) + "</td></tr>")
    out.append('<table class="dc-steps">' + "".join(rows) + "</table>")
    return out


def entry(outcome: EntryOutcome, anchor: str = "") -> str:
    """One entry as an ``<article>``."""
    ok = outcome.matches
    status = "as expected" if ok else ("INPUT ERROR" if outcome.input_error else "MISMATCH")
    body = [f'<div class="dc-title">{_e(outcome.title)}</div>'] if outcome.title else []
    built = outcome.entry
    if outcome.error:
        body.append(f'<div class="error"><strong>! {_e(outcome.error)}</strong></div>')
        if outcome.input_error:
            body.append('<div class="dc-dim">nothing in this item was checked; fix it and run '
                        "again (the other items were checked)</div>")
    elif isinstance(built, Derivation):
        body.extend(_derivation(outcome, built))
    elif isinstance(built, Identity):
        body.extend(_identity(outcome, built))
    elif isinstance(built, Implications):
        body.extend(_implications(outcome, built))
    ident = f' id="{_e(anchor)}"' if anchor else ""
    return (f'<article class="{"dc-ok" if ok else "dc-mismatch"}"{ident}>'
            f'<div class="dc-head"><h2>{_e(outcome.id)}</h2>'
            f'<span class="dc-status">{_e(status)} · {_e(outcome.source)}</span></div>'
            + "".join(body) + "</article>")


def summary_of(report: RunReport) -> str:
    """The table of verdicts and the closing line, as the terminal report has them."""
    rows = []
    results = report.results
    for verdict in Verdict:
        for vacuous in (False, True):
            these = [c for c in results if c.result.verdict is verdict
                     and c.result.vacuous is vacuous]
            if these:
                name = "proved vacuously" if vacuous else verdict.value
                cls = "vacuous" if vacuous else CLASS[verdict]
                rows.append(f'<tr><td class="{cls}">{_e(fmt.mark(verdict, False, vacuous))} '
                            f"{_e(name)}</td><td>{len(these)}</td>"
                            f"<td>{sum(c.matches for c in these)}</td></tr>")
    rows.append(f"<tr><th>total</th><th>{len(results)}</th>"
                f"<th>{sum(c.matches for c in results)}</th></tr>")
    table = ('<table class="dc-summary"><tr><th>verdict</th><th>checks</th><th>as expected</th>'
             "</tr>" + "".join(rows) + "</table>")
    return table + _closing(report)


def _closing(report: RunReport) -> str:
    mismatches = [o for o in report.outcomes if not o.matches and not o.input_error]
    bad_input = [o for o in report.outcomes if o.input_error]
    parts = []
    if report.interrupted:
        done = sum(1 for o in report.outcomes if o.checks and not o.error and all(
            c.result.method is not Method.NOT_RUN for c in o.checks))
        parts.append(f'<p class="dc-line dc-fail">Interrupted: {done} of '
                     f"{_e(fmt.plural(len(report.outcomes), 'entry'))} finished; the rest are "
                     "shown as not run.</p>")
    if bad_input:
        parts.append(f'<p class="dc-line dc-fail">{_e(fmt.plural(len(bad_input), "input error"))}'
                     f": {_e(', '.join(o.id for o in bad_input))}</p>")
    line = (f"{fmt.plural(len(report.outcomes), 'entry')}, "
            f"{fmt.plural(len(report.results), 'check')} in {fmt.duration(report.elapsed)} "
            f"({fmt.plural(report.jobs, 'worker')}, "
            + (f"{report.cached} from the cache, " if report.cached else "")
            + f"{report.timeout:g} s per claim, seed {report.seed}). ")
    if mismatches:
        parts.append(f'<p class="dc-line dc-fail">{_e(line)}'
                     f"{_e(fmt.plural(len(mismatches), 'entry'))} not matching the expectation: "
                     + ", ".join(f'<a href="#{_anchor(report, o)}">{_e(o.id)}</a>'
                                 for o in mismatches) + "</p>")
    elif not report.outcomes:
        parts.append('<p class="dc-line dc-fail">Nothing was checked.</p>')
    elif not bad_input and not report.interrupted:
        parts.append(f'<p class="dc-line dc-pass">{_e(line)}Every result matches its '
                     "expectation.</p>")
    return "".join(parts)


def _anchor(report: RunReport, outcome: EntryOutcome) -> str:
    return f"dc-entry-{report.outcomes.index(outcome) + 1}"


def fragment(report: RunReport, summary: bool = True) -> str:
    """The report as one ``<div class="derivcheck">`` with its style (for notebooks);
    ``summary=False`` leaves out the summary table (a notebook's single derivation)."""
    with fmt.quick_pretty():
        entries = [entry(o, _anchor(report, o)) for o in report.outcomes]
    head = summary_of(report) if summary else ""
    return f'<div class="derivcheck"><style>{STYLE}</style>{head}' + "".join(entries) + "</div>"


def dumps(report: RunReport) -> str:
    """The whole page (``--format html``): open it in any browser, no network needed."""
    title = "derivcheck report"
    return ("<!DOCTYPE html>\n"
            '<html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title}</title>"
            "<style>body { margin: 1.5em auto; max-width: 72em; padding: 0 1em; "
            "background: #f7f8fa; }</style></head><body>"
            + fragment(report).replace('<div class="derivcheck">',
                                       f'<div class="derivcheck"><h1>{title}</h1>'
                                       f'<p class="dc-dim">derivcheck {_e(__version__)}</p>', 1)
            + "</body></html>\n")


__all__ = ["dumps", "entry", "fragment", "summary_of"]
