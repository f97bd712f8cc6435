"""The terminal proof report (Rich): a panel per entry, a line per step, a summary table."""

from __future__ import annotations

from collections.abc import Collection, Mapping

import sympy as sp
from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from checker.model import (
    CHAIN_DOMAIN,
    RELATIONS,
    UNDER_EARLIER,
    CheckKind,
    Condition,
    Derivation,
    Identity,
    Implications,
)
from checker.report import text as fmt
from checker.results import CheckResult, EntryOutcome, Method, Result, RunReport, Verdict

COLORS = {
    Verdict.PROVED: "green",
    Verdict.REFUTED: "red",
    Verdict.NUMERIC: "yellow",
    Verdict.UNKNOWN: "magenta",
    Verdict.ERROR: "red",
}
VACUOUS_COLOR = "yellow"  # true, and says nothing: the hypotheses cannot hold


def is_ascii(console: Console) -> bool:
    """Plain ASCII marks, borders and math: a terminal that cannot show Unicode (``--ascii``
    is passed to :func:`render` by the caller; NO_COLOR drops colour only)."""
    return console.options.ascii_only


def _text(s: str, ascii_only: bool, style: str = "") -> Text:
    return Text(fmt.to_ascii(s) if ascii_only else s, style=style)


def _color(r: Result) -> str:
    return VACUOUS_COLOR if r.vacuous else COLORS[r.verdict]


def _verdict_cell(cr: CheckResult, ascii_only: bool) -> Text:
    r = cr.result
    style = _color(r) if cr.matches else "bold white on red"
    dot = " - " if ascii_only else " · "
    out = Text(fmt.mark(r.verdict, ascii_only, r.vacuous), style=style)
    words = fmt.outcome_words(r, cr.expected)
    out.append(" " + (fmt.to_ascii(words) if ascii_only else words), style=style)
    method = r.method_text if r.method not in (Method.NONE, Method.VACUOUS) \
        and r.method not in fmt.QUALIFIERS else ""
    if ascii_only:
        method = fmt.to_ascii(method)
    out.append(f"{dot}{method}" if method else "", style="dim")
    out.append(f"{dot}{fmt.duration(r.elapsed)}", style="dim")
    return out


def _details(cr: CheckResult, ascii_only: bool) -> list[Text]:
    r, lines = cr.result, []
    cex = r.counterexample
    if cex is not None:
        where = fmt.entry_words(cr)
        case = f" [{cex.case}]" if cex.case else ""
        lines.append(_text(f"counterexample{where}{case}: {fmt.point(cex)}", ascii_only, "red"))
        left, right = fmt.sides(cr.check)
        lines.append(_text(f"{left} = {cex.lhs_value}, {right} = {cex.rhs_value} "
                           f"({cex.certified_by})", ascii_only, "red"))
        lines.append(_text(f"reproduce: {fmt.reproduce(cr.check.entry, r.seed)}", ascii_only,
                           "dim"))
    elif r.numeric is not None:
        ev = r.numeric
        lines.append(Text(f"agreement at {ev.points} random points to {ev.digits} digits "
                          f"(seed {ev.seed}, largest difference {ev.max_difference}); "
                          "not a proof", style="yellow"))
    elif r.detail and (r.verdict is not Verdict.PROVED or r.vacuous
                       or r.detail.startswith(UNDER_EARLIER)) and not r.readings:
        lines.append(_text(r.detail, ascii_only, _color(r)))
    lines.extend(_readings(r, ascii_only))
    lines.extend(_diagnosis(cr, ascii_only))
    note = cr.check.claim.note
    if note and (r.verdict is not Verdict.PROVED or not cr.matches or CHAIN_DOMAIN in note):
        lines.append(_text(f"note: {note}", ascii_only, "italic"))
    return lines


def _diagnosis(cr: CheckResult, ascii_only: bool) -> list[Text]:
    """What is wrong with a refuted step (a relation the engine proved), the part that
    differs highlighted in the line as written, and the corrected line."""
    d, words = cr.result.diagnosis, fmt.diagnosis_words(cr)
    if d is None or words is None:
        return []
    what, _, meant = words
    lines = [_text(what, ascii_only, "bold yellow")]
    loc = d.location
    if loc is not None and not loc.whole:
        line = _text("where: ", ascii_only, "dim")
        line.append_text(_text(loc.text[:loc.start] + "[", ascii_only))  # seen without colour
        line.append_text(_text(loc.part, ascii_only, "bold black on yellow"))
        line.append_text(_text("]" + loc.text[loc.end:], ascii_only))
        lines.append(line)
    if meant:
        lines.append(_text(meant, ascii_only, "green"))
    return lines


def _where(domain: tuple) -> str:
    return "defined where " + " and ".join(Condition(r).describe() for r in domain) + \
        " (a proof holds there; a counterexample lies there)"


def _readings(r: Result, ascii_only: bool) -> list[Text]:
    """The verdict under each reading of a line that can be read several ways."""
    if not r.readings:
        return []
    agree = r.method is not Method.AMBIGUOUS
    head = ("the same under every reading of the text:" if agree else
            "ambiguous reading: the text can be read in ways that disagree:")
    lines = [_text(head, ascii_only, "dim" if agree else COLORS[Verdict.UNKNOWN])]
    for rr in r.readings:
        sub = rr.result
        line = f"  {fmt.mark(sub.verdict, ascii_only)} read as {rr.label}: {sub.verdict.value}"
        if sub.counterexample is not None:
            line += f" ({fmt.at_point(sub.counterexample)})"
        lines.append(_text(line, ascii_only, COLORS[sub.verdict]))
    if not agree and r.detail:
        lines.append(_text(r.detail, ascii_only, "italic"))
    return lines


def _identity_body(outcome: EntryOutcome, entry: Identity, ascii_only: bool) -> list[RenderableType]:
    rows: list[RenderableType] = []
    claim = entry.claim
    if entry.text:
        rows.append(_text(f"as written: {entry.text}", ascii_only, "dim"))
    # The claim is shown when both sides fit on one line: small matrices, and expressions
    # short enough to (nothing is printed only to be thrown away: a gradient's sstr alone
    # cost seconds).
    small = all(not isinstance(side, sp.MatrixBase) or len(side) <= 3
                for side in (claim.lhs, claim.rhs)) and \
        not fmt.longer_than((claim.lhs, claim.rhs), 110)
    # a side whose pretty form takes several lines is shown in one-line form; a claim
    # refuted by its shapes has no reading to show
    if small and not claim.mismatch:
        lhs = fmt.expression(claim.lhs, ascii_only, 60, 3, flat_2d=True)
        rhs = fmt.expression(claim.rhs, ascii_only, 60, 3, flat_2d=True)
        if "\n" in lhs + rhs:
            lhs, rhs = fmt.to_ascii(sp.sstr(claim.lhs)), fmt.to_ascii(sp.sstr(claim.rhs))
        if "\n" not in lhs + rhs and len(lhs) + len(rhs) < 110:
            prefix = "read as: " if entry.text else ""
            rows.append(Text(f"{prefix}{lhs}  {RELATIONS[claim.relation]}  {rhs}"))
    if claim.given:
        rows.append(_text("given: " + "; ".join(h.describe() for h in claim.given), ascii_only,
                          "dim"))
    if claim.domain:
        rows.append(_text(_where(claim.domain), ascii_only, "dim"))
    for cr in outcome.checks:
        rows.append(_verdict_cell(cr, ascii_only))
        rows.extend(_details(cr, ascii_only))
    return rows


def _derivation_body(outcome: EntryOutcome, entry: Derivation,
                     ascii_only: bool) -> list[RenderableType]:
    rows: list[RenderableType] = []
    by_kind = {(c.check.kind, c.check.step): c for c in outcome.checks}
    goal = by_kind.get((CheckKind.GOAL, None))
    if entry.given:
        rows.append(_text("given: " + "; ".join(h.describe() for h in entry.given), ascii_only,
                          "dim"))
    if goal is not None:
        line = Text("goal: ", style="bold")
        line.append_text(_verdict_cell(goal, ascii_only))
        rows.append(line)
        if over := fmt.goal_over_wrong_steps(outcome.checks):  # (the ends agree, the way not)
            rows.append(_text(over, ascii_only, "yellow"))
        if stated := fmt.stated_conditions(goal.check, entry):
            rows.append(_text(stated, ascii_only, "yellow"))
        rows.extend(_details(goal, ascii_only))
    grid = Table.grid(padding=(0, 1), expand=False)
    grid.add_column(justify="right", style="dim", no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    first_wrong = next((k for k in range(2, len(entry.steps) + 1)
                        if (c := by_kind.get((CheckKind.STEP, k))) is not None
                        and c.result.verdict is Verdict.REFUTED), None)
    for k, step in enumerate(entry.steps, start=1):
        body = fmt.step_text(step.expr, step.text or step.latex, ascii_only)
        if step.line:
            body += f"   (line {step.line})"
        if step.unreadable:
            body += "\n  could not be read (the error is shown with the file's errors)"
        elif step.mismatch:  # its value is not compared: its shape is the finding
            body += "\n  not compared entry by entry: its shape is the finding (below)"
        elif step.undecided:  # a scalar beside arrays (the zero array?): nothing read to show
            body += "\n  not compared: its shape is not the chain's (below)"
        elif step.latex or step.show_reading:  # show how the user's text was read
            body += "\n  read as: " + fmt.expression(step.expr, ascii_only, 90, 1)
            for other in step.readings[1:]:  # the same text, read another way
                body += "\n       or: " + fmt.expression(other.expr, ascii_only, 90, 1)
            if step.domain:
                where = _where(step.domain)
                body += "\n  " + (fmt.to_ascii(where) if ascii_only else where)
        if step.layout and not step.unreadable:
            body += "\n  " + (fmt.to_ascii(step.layout) if ascii_only else step.layout)
        cr = by_kind.get((CheckKind.STEP, k))
        if cr is None:
            grid.add_row(str(k), " ", Text(body))
            continue
        r = cr.result
        style = _color(r) if cr.matches else "bold white on red"
        cell = Text(f"{RELATIONS[step.relation]} {body}")
        if step.why:
            cell.append(f"   [{fmt.to_ascii(step.why) if ascii_only else step.why}]", style="cyan")
        cell.append("\n")
        cell.append_text(_verdict_cell(cr, ascii_only))
        if r.verdict is Verdict.REFUTED:
            cell.append(f"{' <-' if ascii_only else ' ←'} first wrong step" if k == first_wrong
                        else f" (does not follow from step {cr.check.previous})", style="bold")
        for extra in _details(cr, ascii_only):
            cell.append("\n")
            cell.append_text(extra)
        grid.add_row(str(k), Text(fmt.mark(r.verdict, ascii_only, r.vacuous), style=style), cell)
    rows.append(grid)
    for kind in (CheckKind.START, CheckKind.END):
        cr = by_kind.get((kind, None))
        if cr is None:
            continue
        if cr.result.verdict is Verdict.PROVED and cr.matches and not cr.result.vacuous:
            continue
        line = Text(f"{fmt.compares(cr.check)}: ")
        line.append_text(_verdict_cell(cr, ascii_only))
        rows.append(line)
        rows.extend(_details(cr, ascii_only))
    ends = [by_kind.get((k, None)) for k in (CheckKind.START, CheckKind.END)]
    if all(c is not None and c.result.verdict is Verdict.PROVED and not c.result.vacuous
           for c in ends):
        rows.append(Text(f"{fmt.mark(Verdict.PROVED, ascii_only)} the chain starts and ends "
                         "at the goal's two sides", style="dim green"))
    return rows


def _implications_body(outcome: EntryOutcome, entry: Implications,
                       ascii_only: bool) -> list[RenderableType]:
    """A chain of implications: each equation with the arrow before it and its verdict."""
    rows: list[RenderableType] = []
    by_kind = {(c.check.kind, c.check.step): c for c in outcome.checks}
    if entry.given:
        rows.append(_text("given: " + "; ".join(h.describe() for h in entry.given), ascii_only,
                          "dim"))
    goal = by_kind.get((CheckKind.GOAL, None))
    if goal is not None:
        line = Text("first ⇒ last equation: " if not ascii_only else "first => last equation: ",
                    style="bold")
        line.append_text(_verdict_cell(goal, ascii_only))
        rows.append(line)
        rows.extend(_details(goal, ascii_only))
    grid = Table.grid(padding=(0, 1), expand=False)
    grid.add_column(justify="right", style="dim", no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for k, st in enumerate(entry.statements, start=1):
        read = (fmt.expression(st.lhs, ascii_only, 45, 1) + " = "
                + fmt.expression(st.rhs, ascii_only, 45, 1))
        body = fmt.step_text(None, st.latex, ascii_only) + "\n  read as: " + read
        if st.domain:  # (an inverse it takes, a division: where it says anything)
            body += "\n  " + (fmt.to_ascii(_where(st.domain)) if ascii_only else _where(st.domain))
        arrow = fmt.to_ascii(st.arrow) if ascii_only else st.arrow
        cr = by_kind.get((CheckKind.STEP, k))
        if cr is None:
            grid.add_row(str(k), " ", Text(body))
            continue
        cell = Text(f"{arrow} {body}")
        if st.why:
            cell.append(f"   [{fmt.to_ascii(st.why) if ascii_only else st.why}]", style="cyan")
        cell.append("\n")
        cell.append_text(_verdict_cell(cr, ascii_only))
        for extra in _details(cr, ascii_only):
            cell.append("\n")
            cell.append_text(extra)
        style = _color(cr.result) if cr.matches else "bold white on red"
        grid.add_row(str(k), Text(fmt.mark(cr.result.verdict, ascii_only, cr.result.vacuous),
                                  style=style), cell)
    rows.append(grid)
    return rows


def entry_panel(outcome: EntryOutcome, ascii_only: bool = False) -> Panel:
    ok = outcome.matches
    head = _text(outcome.title, ascii_only, "bold")
    rows: list[RenderableType] = [head]
    entry = outcome.entry
    if outcome.error:
        rows.append(_text(f"{fmt.mark(Verdict.ERROR, ascii_only)} {outcome.error}", ascii_only,
                          "bold red"))
        if outcome.input_error:
            rows.append(_text("nothing in this item was checked; fix it and run again "
                              "(the other items were checked)", ascii_only, "dim"))
    elif isinstance(entry, Derivation):
        rows.extend(_derivation_body(outcome, entry, ascii_only))
    elif isinstance(entry, Identity):
        rows.extend(_identity_body(outcome, entry, ascii_only))
    elif isinstance(entry, Implications):
        rows.extend(_implications_body(outcome, entry, ascii_only))
    status = "as expected" if ok else ("INPUT ERROR" if outcome.input_error else "MISMATCH")
    subtitle = f"{status} {'-' if ascii_only else '·'} {outcome.source}"
    return Panel(Group(*rows), title=f"{outcome.id}", title_align="left",
                 subtitle=fmt.to_ascii(subtitle) if ascii_only else subtitle,
                 subtitle_align="right",
                 border_style="green" if ok else "red",
                 box=box.ASCII if ascii_only else box.ROUNDED)


def summary_table(report: RunReport, ascii_only: bool = False) -> Table:
    table = Table(title="Summary", box=box.ASCII if ascii_only else box.SIMPLE_HEAVY)
    table.add_column("verdict")
    table.add_column("checks", justify="right")
    table.add_column("as expected", justify="right")
    results = report.results
    for verdict in Verdict:
        these = [c for c in results if c.result.verdict is verdict and not c.result.vacuous]
        if these:
            table.add_row(Text(f"{fmt.mark(verdict, ascii_only)} {verdict.value}",
                               style=COLORS[verdict]),
                          str(len(these)), str(sum(c.matches for c in these)))
        vacuous = [c for c in results if c.result.verdict is verdict and c.result.vacuous]
        if vacuous:
            table.add_row(Text(f"{fmt.mark(verdict, ascii_only, True)} proved vacuously",
                               style=VACUOUS_COLOR),
                          str(len(vacuous)), str(sum(c.matches for c in vacuous)))
    table.add_row("total", str(len(results)), str(sum(c.matches for c in results)),
                  style="bold")
    return table


def panel_text(outcome: EntryOutcome, console: Console, ascii_only: bool | None = None) -> str:
    """An entry's panel as ``console`` would print it (rendered while a run goes on, so that
    the report at its end only writes it)."""
    ascii_only = is_ascii(console) if ascii_only is None else ascii_only
    with fmt.quick_pretty(), console.capture() as captured:
        console.print(entry_panel(outcome, ascii_only))
    return captured.get()


def render(report: RunReport, console: Console, show_passing: bool = True,
           ascii_only: bool | None = None, shown: Collection[str] = (),
           rendered: Mapping[str, str] | None = None) -> None:
    """The whole report: a panel per entry (but those in ``shown``, printed already as the
    run went on; those in ``rendered``, rendered already, as they were), the summary table
    and the closing line."""
    ascii_only = is_ascii(console) if ascii_only is None else ascii_only
    rendered = rendered or {}
    with fmt.quick_pretty():
        for outcome in report.outcomes:
            if outcome.id not in shown and (show_passing or not outcome.matches):
                if outcome.id in rendered:
                    console.file.write(rendered[outcome.id])
                else:
                    console.print(entry_panel(outcome, ascii_only))
    console.print(summary_table(report, ascii_only))
    mismatches = [o for o in report.outcomes if not o.matches and not o.input_error]
    bad_input = [o for o in report.outcomes if o.input_error]
    if report.interrupted:
        done = sum(1 for o in report.outcomes if o.checks and not o.error and all(
            c.result.method is not Method.NOT_RUN for c in o.checks))
        console.print(_text(f"Interrupted: {done} of {fmt.plural(len(report.outcomes), 'entry')} "
                            "finished (their results are cached); the rest are shown as not "
                            "run.", ascii_only, "bold yellow"))
        return
    if bad_input:
        console.print(_text(f"{fmt.plural(len(bad_input), 'input error')} (shown above): "
                            + ", ".join(o.id for o in bad_input), ascii_only, "bold red"))
    line = (f"{fmt.plural(len(report.outcomes), 'entry')}, "
            f"{fmt.plural(len(report.results), 'check')} in "
            f"{fmt.duration(report.elapsed)} ({fmt.plural(report.jobs, 'worker')}, "
            + (f"{report.cached} from the cache, " if report.cached else "") +
            f"{report.timeout:g} s per claim, seed {report.seed}). ")
    if mismatches:
        console.print(Text(line + f"{fmt.plural(len(mismatches), 'entry')} "
                           "not matching the expectation: "
                           + ", ".join(o.id for o in mismatches), style="bold red"))
    elif bad_input and not any(not o.input_error and o.checks for o in report.outcomes):
        console.print(Text(line + "Nothing could be read and checked; fix the input errors "
                           "above.", style="bold red"))  # (not "what could be read matches")
    elif bad_input:
        console.print(Text(line + "What could be read matches its expectation; fix the input "
                           "errors above.", style="bold red"))
    elif not report.outcomes:  # an empty run is not a pass (exit 2): say why
        console.print(Text(line + "Nothing was checked: no derivation was found (a display "
                           "that only defines a name, such as x = …, is not a derivation; "
                           "see the README's Documents section for what is read).",
                           style="bold red"))
    else:
        console.print(Text(line + "Every result matches its expectation.", style="bold green"))
