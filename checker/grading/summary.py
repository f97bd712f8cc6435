"""The terminal's view of a grading run: a row per submission and where the files went."""

from __future__ import annotations

from pathlib import Path, PurePath

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from checker.grading.feedback import common_parent
from checker.grading.grades import Mark
from checker.grading.session import Graded
from checker.report.text import plural, to_ascii

MAX_ROWS = 200  # beyond this the table is left to the gradebook


def render(graded: Graded, written: dict[str, object], console: Console,
           ascii_only: bool = False) -> None:
    t = to_ascii if ascii_only else (lambda s: s)
    for warning in graded.check.warnings:
        console.print(Text(t(f"problem: {warning}"), style="yellow"), soft_wrap=True)
    grades = graded.grades
    if len(grades) <= MAX_ROWS:
        table = Table(title=t(f"{graded.problem.title}: {plural(len(grades), 'submission')}"),
                      box=box.ASCII if ascii_only else box.HEAVY_HEAD)
        table.add_column("submission", overflow="fold", min_width=12)
        for name in ("readable", "steps ✓/✗/?", "first wrong", "end", "credit", "notes"):
            table.add_column(t(name), overflow="fold")
        base = common_parent([g.submission for g in grades])
        for g in grades:
            wrong = g.first_wrong
            shown = str(PurePath(g.submission).relative_to(base)) if base else g.submission
            table.add_row(
                t(shown), g.readable.value,
                f"{g.count(Mark.PROVED)}/{g.count(Mark.REFUTED)}/{g.count(Mark.UNDECIDED)}",
                t(wrong.where) if wrong else "", t(g.end.value),
                f"{g.credit.total:g}/{g.credit.out_of:g}",
                "; ".join(x for x in ("review" if g.review else "",
                                      "identical" if g.identical_to else "") if x))
        console.print(table)
    feedback = written.get("feedback", [])
    folder = Path(str(written["csv"])).parent
    review = sum(1 for g in grades if g.review)
    console.print(Text(t(
        f"{plural(len(grades), 'submission')} graded in {graded.elapsed:.1f} s "
        f"({graded.report.jobs} worker{'s' if graded.report.jobs != 1 else ''}); "
        f"{review} to review"
        f"{' (interrupted: the submissions not reached are not checked)' if graded.interrupted else ''}"
        f". Gradebook: {written['csv']}, {written['json']}; "
        f"feedback: {folder / 'feedback'} ({plural(len(feedback), 'file')})")), soft_wrap=True)  # type: ignore[arg-type]
