"""derivcheck command line: a thin layer over the checker library and its renderers."""

from __future__ import annotations

import argparse
import dataclasses
import errno
import math
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

# A signal that comes while derivcheck is starting (importing SymPy and Rich, about a second)
# is remembered, not a traceback: the run then stops as one interrupted does, after an earlier
# --output report is removed (it was left, with a KeyboardInterrupt traceback, or exit 143).
_EARLY: list[int] = []


def _starting(signum: int, frame: object) -> None:
    _EARLY.append(signum)


if os.path.basename(sys.argv[0] or "") in ("derivcheck", "cli.py") \
        and threading.current_thread() is threading.main_thread():
    for _sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(_sig, _starting)

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from checker import ExitCode, Limits, Settings, __version__, config, exit_code, run, selection
from checker.api import input_outcomes
from checker.cache import Cache, default_dir
from checker.config import Config, ConfigError
from checker.files import Loaded, discover, load_file
from checker.files.discover import STDIN_FORMATS
from checker.model import Derivation, Identity
from checker.report import FORMATS, live, output, terminal
from checker.report import dumps as format_dumps
from checker.report.console import COLOR_CHOICES, ascii_wanted, isatty, make_console
from checker.report.text import expression_lines, plural, to_ascii
from checker.results import EntryOutcome, RunReport
from checker.runner import interrupt_once, restore_signal_handlers, signal_handlers
from derivations import catalog, find, select


class UsageError(Exception):
    """A mistake in how derivcheck was called; reported without a traceback."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="derivcheck",
        description="Check derivations in neural-network mathematics: each step proved, "
                    "refuted with a certified counterexample, or honestly left open.")
    p.add_argument("--version", action="version", version=f"derivcheck {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    # Options that [tool.derivcheck] may set have no argparse default: None means "not given",
    # and _settle fills it from the project's file, else from DEFAULTS.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--format", choices=tuple(FORMATS),
                        help="rich (the terminal report, the default), json, junit (XML for "
                             "CI), github (workflow annotations at file:line), html (one "
                             "self-contained page)")
    common.add_argument("--output", metavar="FILE",
                        help="write the report to FILE instead of stdout")
    common.add_argument("--strict", action=argparse.BooleanOptionalAction,
                        help="also fail (exit 1) on numeric and unknown results")
    common.add_argument("--exact", action=argparse.BooleanOptionalAction,
                        help="do not accept randomized identity tests as proofs")
    common.add_argument("--diagnosis", action=argparse.BooleanOptionalAction,
                        help="say what is wrong with each refuted step, with the corrected "
                             "line (the default); --no-diagnosis saves that time, as in a CI "
                             "gate")
    common.add_argument("--exact-budget", type=float, metavar="S",
                        help="CPU seconds of exact algebra per claim before a randomized proof "
                             f"stands (default {Settings.exact_budget:g})")
    common.add_argument("--jobs", type=int, metavar="N",
                        help="worker processes (default: number of cores)")
    common.add_argument("--timeout", type=float, metavar="S",
                        help="time limit per claim in seconds (default 60)")
    common.add_argument("--budget", type=float, metavar="S",
                        help="time limit for the whole run in seconds (default: none); what "
                             "is left then is unknown (budget)")
    common.add_argument("--file-budget", type=float, metavar="S",
                        help="seconds of checking per derivation file (default: none)")
    common.add_argument("--debug", action="store_true",
                        help="show workers' output and internal errors' tracebacks on stderr "
                             "(also DERIVCHECK_DEBUG=1)")
    common.add_argument("--seed", type=int, help="random seed for sampling")
    common.add_argument("--failures-only", action="store_true",
                        help="in the terminal report, show only entries that do not match")
    common.add_argument("--ascii", action="store_true",
                        help="ASCII marks, borders and math only (NO_COLOR drops colour only)")
    common.add_argument("--color", choices=COLOR_CHOICES, default="auto",
                        help="colour the report: auto (on a terminal, unless NO_COLOR is set, "
                             "or when FORCE_COLOR is), always or never")
    common.add_argument("--no-cache", action="store_true",
                        help="check everything again instead of reusing cached results")
    common.add_argument("--cache-dir", metavar="DIR",
                        help=f"where results are cached (default {default_dir()})")
    common.add_argument("--no-config", action="store_true",
                        help="ignore [tool.derivcheck] in pyproject.toml")

    v = sub.add_parser("verify", parents=[common],
                       help="check every catalog entry (the CI gate)")
    v.add_argument("--only", metavar="PATTERN", action="append",
                   help="check entries matching an exact id, a glob ('softmax-*') or a "
                        "substring; repeat to add more")

    c = sub.add_parser("check", parents=[common],
                       help="check your own derivation files and documents")
    c.add_argument("files", metavar="FILE", nargs="*",
                   help="derivation files (*.toml), Markdown (*.md, *.txt), LaTeX (*.tex), "
                        "notebooks (*.ipynb), directories (walked for those), or - for "
                        "standard input; default: paths in [tool.derivcheck]")
    c.add_argument("--declarations", metavar="FILE",
                   help="a TOML file of declarations (and per-display controls) for the "
                        "documents, when they cannot hold a declaration block themselves")
    c.add_argument("--stdin-format", choices=tuple(STDIN_FORMATS),
                   help="how to read - (standard input): toml, md, tex or ipynb (default: "
                        "guessed from the text; see the README)")
    c.add_argument("--only", metavar="PATTERN", action="append",
                   help="check derivations matching an exact id (as in the file, or FILE::id), "
                        "a glob or a substring; repeat to add more")

    _grade_parser(sub)

    ls = sub.add_parser("list", help="list the catalog entries")
    ls.add_argument("--only", metavar="PATTERN", action="append")
    ls.add_argument("--ascii", action="store_true")
    ls.add_argument("--color", choices=COLOR_CHOICES, default="auto")

    sh = sub.add_parser("show", help="pretty-print catalog entries with their steps")
    sh.add_argument("ids", metavar="ID", nargs="+")
    sh.add_argument("--full", action="store_true",
                    help="print every expression in full, however large")
    sh.add_argument("--ascii", action="store_true")
    sh.add_argument("--color", choices=COLOR_CHOICES, default="auto")
    return p


def _console(args: argparse.Namespace, file: IO[str] | None = None) -> tuple[Console, bool]:
    """The report's console (coloured by --color, NO_COLOR, FORCE_COLOR) and whether it draws
    in ASCII (--ascii, or a terminal without Unicode)."""
    console = make_console(file, color=args.color)
    return console, ascii_wanted(console, args.ascii)


def _selected(patterns: list[str] | None) -> list:
    if patterns is not None and not all(p.strip() for p in patterns):
        raise UsageError("--only needs a non-empty pattern (an id, a glob such as 'softmax-*', "
                         "or a substring)")
    items = select(catalog(), patterns)
    if not items:
        shown = ", ".join(repr(p) for p in patterns or [])
        raise UsageError(f"no catalog entry matches {shown}; see 'derivcheck list' for the ids")
    return items


def _seconds(value: float, option: str) -> float:
    if not math.isfinite(value) or value <= 0:
        raise UsageError(f"{option} must be a positive, finite number of seconds")
    return value


# Built-in values of the options [tool.derivcheck] may set (see checker/config.py).
DEFAULTS = {"format": "rich", "strict": False, "exact": False, "diagnosis": True,
            "exact_budget": Settings.exact_budget, "timeout": 60.0, "budget": None,
            "file_budget": None, "jobs": 0, "seed": Settings.seed}


def _settle(args: argparse.Namespace) -> None:
    """Fill what the command line left open from [tool.derivcheck], then the defaults."""
    try:
        cfg = Config() if args.no_config else config.load()
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    for key, default in DEFAULTS.items():
        if getattr(args, key) is None:
            setattr(args, key, cfg.get(key.replace("_", "-"), default))
    if args.command == "check":
        if not args.files:
            paths = cfg.get("paths")
            if not paths:
                raise UsageError("nothing to check: pass FILE… (files, directories, or - for "
                                 "standard input), or set paths = [...] under [tool.derivcheck] "
                                 "in pyproject.toml")
            args.files = paths
        if args.declarations is None:
            args.declarations = cfg.get("declarations")


def cmd_verify(args: argparse.Namespace) -> ExitCode:
    _settle(args)
    _check_options(args)
    return _run_and_report(args, _selected(args.only))


def cmd_check(args: argparse.Namespace) -> ExitCode:
    _settle(args)
    _check_options(args)
    try:
        loaded = _load(args)
    except KeyboardInterrupt:  # while the files were read: a report that says so (an empty
        return _run_and_report(args, [], interrupted=True)  # JSON, or last run's, was left)
    errors = input_outcomes(loaded.errors)
    items = loaded.items
    if args.only is not None:
        if not all(p.strip() for p in args.only):
            raise UsageError("--only needs a non-empty pattern (a derivation id, a glob or a "
                             "substring)")
        unread = [e.id for e in errors if "::" not in e.id]  # whole files that cannot be read
        chosen = selection.matching_ids([o.id for o in (*items, *errors)], args.only, unread)
        items = [i for i in items if i.id in chosen]
        errors = [e for e in errors if e.id in chosen]
        if not items and not errors:
            shown = ", ".join(repr(p) for p in args.only)
            raise UsageError(f"no derivation in {', '.join(args.files)} matches {shown}")
    return _run_and_report(args, items, errors)


def _load(args: argparse.Namespace) -> Loaded:
    """The named files, directories walked, ``-`` read from standard input."""
    if args.declarations is not None and not os.path.isfile(args.declarations):
        raise UsageError(f"--declarations {args.declarations}: no such file (a TOML file of "
                         "declarations for the documents checked)")
    files, errors = discover.expand(args.files, args.declarations)
    if args.stdin_format is not None and "-" not in files:
        raise UsageError("--stdin-format says how to read -, standard input; pass - as a FILE")
    loaded = Loaded(errors=errors)
    for path in files:
        if path == "-":
            data = discover.read_stdin(sys.stdin.buffer)
            loaded.extend(discover.load_stdin(data, args.stdin_format, args.declarations))
        else:
            loaded.extend(load_file(path, args.declarations))
    return loaded


def _check_options(args: argparse.Namespace) -> None:
    _seconds(args.timeout, "--timeout")
    _seconds(args.exact_budget, "--exact-budget")
    for value, option in ((args.budget, "--budget"), (args.file_budget, "--file-budget")):
        if value is not None:
            _seconds(value, option)
    if args.jobs < 0:
        raise UsageError("--jobs must be 0 (one per core) or more")


def _engine(args: argparse.Namespace) -> tuple[Settings, Limits, Cache | None]:
    """The engine's settings, the run's limits and the cache the options ask for."""
    settings = Settings(seed=args.seed, require_exact=args.exact, exact_budget=args.exact_budget)
    debug = args.debug or os.environ.get("DERIVCHECK_DEBUG", "") not in ("", "0")
    limits = Limits(timeout=args.timeout, jobs=args.jobs, budget=args.budget,
                    file_budget=args.file_budget, debug=debug,
                    diagnosis=Limits.diagnosis if args.diagnosis else 0.0)
    cache = None if args.no_cache else Cache(
        Path(args.cache_dir) if args.cache_dir else default_dir(), settings,
        "" if args.diagnosis else "no diagnosis")
    return settings, limits, cache


def _run_and_report(args: argparse.Namespace, items: list,
                    errors: list[EntryOutcome] | None = None,
                    interrupted: bool = False) -> ExitCode:
    if args.output and (why := output.unwritable(args.output)):
        raise UsageError(f"cannot write the report to {args.output}: {why}")
    if args.output:  # an earlier run's report is never left in its place (a CI step publishes it)
        output.discard(args.output)
    settings, limits, cache = _engine(args)
    errors = errors or []
    console, ascii_only = _console(args) if args.output is None else (None, args.ascii)
    where = live.wanted(args.format, args.output is not None, isatty(sys.stdout),
                        isatty(sys.stderr)) if items else None
    progress = None
    if where == "stdout" and console is not None:
        progress = live.LiveReport(console, len(items), panels=True,
                                   show_passing=not args.failures_only, ascii_only=ascii_only)
    elif where == "stderr":
        progress = live.LiveReport(make_console(color=args.color, stderr=True), len(items),
                                   panels=False, ascii_only=args.ascii)
    rendered: dict[str, str] = {}
    if progress is None and args.format == "rich" and console is not None:
        def render_early(outcome: EntryOutcome) -> None:  # while the workers run (a quick end)
            if not args.failures_only or not outcome.matches:
                rendered[outcome.id] = terminal.panel_text(outcome, console, ascii_only)
    if progress is None:
        report = run(items, settings, limits, cache=cache,
                     on_entry=render_early if console is not None and args.format == "rich"
                     else None) if items else \
            RunReport((), 0.0, settings.seed, limits.timeout, 0, interrupted=interrupted)
    else:
        with progress:
            for e in errors:  # what cannot be read is known before the run
                progress.show(e)
            report = run(items, settings, limits, cache=cache, on_entry=progress.entry)
    if errors:
        report = dataclasses.replace(report, outcomes=tuple(errors) + report.outcomes)
    code = exit_code(report, args.strict)
    if args.format != "rich":
        _emit(args, format_dumps(args.format)(report))
    else:
        try:
            out = open(args.output, "w", encoding="utf-8") if args.output else None
        except OSError as exc:
            raise UsageError(f"cannot write the report to {args.output}: {exc.strerror}") from exc
        try:
            if out is not None:
                console, ascii_only = _console(args, out)
            assert console is not None
            terminal.render(report, console, show_passing=not args.failures_only,
                            ascii_only=ascii_only,
                            shown=progress.printed if progress is not None else (),
                            rendered=rendered if out is None else None)
            if args.strict and code is ExitCode.MISMATCH and not report.mismatches:
                console.print(Text("--strict: numeric or unknown results fail the run",
                                   style="bold red"))
        finally:
            if out is not None:
                try:
                    out.close()
                except OSError as exc:
                    raise UsageError(f"cannot write the report to {args.output}: "
                                     f"{exc.strerror}") from exc
    return code


def _emit(args: argparse.Namespace, text: str) -> None:
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as exc:
            raise UsageError(f"cannot write the report to {args.output}: {exc.strerror}") from exc
    else:
        sys.stdout.write(text)
        sys.stdout.flush()  # (a reader gone, `| head -c 10`, is said here: exit 2, not 0)


def _grade_parser(sub: argparse._SubParsersAction) -> None:
    g = sub.add_parser("grade", help="grade students' submissions of a problem: a gradebook "
                                     "(CSV, JSON) and a feedback file per student")
    g.add_argument("problem", metavar="PROBLEM", help="the problem file (TOML; see the README)")
    g.add_argument("submissions", metavar="SUBMISSION", nargs="+",
                   help="submission files, or folders of them (*.toml, *.md, *.tex, *.ipynb)")
    g.add_argument("--out", metavar="DIR", required=True,
                   help="where gradebook.csv, gradebook.json and feedback/ are written")
    g.add_argument("--feedback", choices=("markdown", "html"), default="markdown",
                   help="the feedback files' format (default markdown)")
    g.add_argument("--shard", metavar="K/N",
                   help="grade only shard K of N (0 ≤ K < N; by content, so identical files "
                        "share a shard): one job of a CI matrix")
    g.add_argument("--jobs", type=int, default=0, metavar="N",
                   help="worker processes (default: number of cores)")
    g.add_argument("--timeout", type=float, default=60.0, metavar="S",
                   help="time limit per claim in seconds (default 60)")
    g.add_argument("--budget", type=float, default=None, metavar="S",
                   help="time limit for the whole run in seconds (default: none)")
    g.add_argument("--file-budget", type=float, default=None, metavar="S",
                   help="seconds of checking per submission (default: none)")
    g.add_argument("--exact", action="store_true",
                   help="do not accept randomized identity tests as proofs")
    g.add_argument("--exact-budget", type=float, default=Settings.exact_budget, metavar="S",
                   help="CPU seconds of exact algebra per claim before a randomized proof stands")
    g.add_argument("--seed", type=int, default=Settings.seed, help="random seed for sampling")
    g.add_argument("--diagnosis", action=argparse.BooleanOptionalAction, default=True,
                   help="say in the feedback what is wrong with each refuted step (default)")
    g.add_argument("--no-cache", action="store_true", help="check everything again")
    g.add_argument("--cache-dir", metavar="DIR", help=f"where results are cached (default "
                                                      f"{default_dir()})")
    g.add_argument("--debug", action="store_true", help="show workers' output on stderr")
    g.add_argument("--ascii", action="store_true", help="ASCII marks and borders only")
    g.add_argument("--color", choices=COLOR_CHOICES, default="auto")


def cmd_grade(args: argparse.Namespace) -> ExitCode:
    from checker import grading
    from checker.exitcodes import grading_exit_code
    from checker.grading import summary

    _check_options(args)
    try:
        problem = grading.load_problem(args.problem)
    except grading.ProblemError as exc:
        raise UsageError(str(exc)) from None
    if not args.diagnosis and problem.rubric.diagnosed:  # (the credits would silently differ)
        raise UsageError(f"--no-diagnosis: {args.problem}'s rubric gives part credit by "
                         "diagnosis (diagnosed = { … }), which a run without diagnoses cannot "
                         "give: drop --no-diagnosis, or the rubric's diagnosed")
    missing = [a for a in args.submissions if not os.path.lexists(a)]
    if missing:  # (a typo, not a student whose file cannot be read)
        raise UsageError("no such file or folder: " + ", ".join(missing))
    paths, notes = grading.find_submissions(args.submissions, args.problem, args.out)
    status = Console(stderr=True, highlight=False, soft_wrap=True)
    for note in notes:
        status.print(Text(f"derivcheck: {note}", style="yellow"))
    if not paths:
        raise UsageError("no submissions to grade in " + ", ".join(args.submissions))
    if args.shard is not None:  # an empty shard is a valid (empty) gradebook
        try:
            k, n = grading.parse_shard(args.shard)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        paths = [p for p in paths if grading.in_shard(p, k, n)]
    if why := grading.unwritable_folder(args.out):
        raise UsageError(f"cannot write the gradebook into {args.out}: {why}")
    grading.discard_previous(Path(args.out))  # (an earlier run's book is never left as this one's)
    settings, limits, cache = _engine(args)
    try:
        if status.is_terminal:
            with status.status(f"grading {plural(len(paths), 'submission')}…"):
                graded = grading.grade(problem, paths, settings, limits, cache)
        else:
            graded = grading.grade(problem, paths, settings, limits, cache)
    except grading.ProblemError as exc:
        raise UsageError(str(exc)) from None
    written = grading.write_outputs(graded, Path(args.out), args.feedback, args.submissions)
    console, ascii_only = _console(args)
    summary.render(graded, written, console, ascii_only)
    return grading_exit_code(graded, empty_ok=args.shard is not None)


def cmd_list(args: argparse.Namespace) -> ExitCode:
    items = _selected(args.only)
    console, ascii_only = _console(args)
    table = Table(title=f"derivcheck catalog: {plural(len(items), 'entry')}",
                  box=box.ASCII if ascii_only else box.HEAVY_HEAD)
    table.add_column("id", overflow="fold")
    table.add_column("what", overflow="fold")
    table.add_column("document", overflow="fold")
    for item in items:
        doc = item.source.split("_", 1)[0] if item.source[:3].isdigit() else item.source
        row = (item.id, item.title, doc)
        table.add_row(*(map(to_ascii, row) if ascii_only else row))
    console.print(table)
    return ExitCode.OK



def cmd_show(args: argparse.Namespace) -> ExitCode:
    items = []
    for item_id in args.ids:
        item = find(item_id)
        if item is None:
            raise UsageError(f"no catalog entry has the id {item_id!r}; "
                             "see 'derivcheck list' for the ids")
        items.append(item)
    console, ascii_only = _console(args)
    t = (lambda s: to_ascii(s)) if ascii_only else (lambda s: s)
    width = max(40, console.width)

    def block(e: object) -> None:
        for line in expression_lines(e, ascii_only, width, max_entries=10**6 if args.full else 6,
                                     limit=None if args.full else 600):
            console.print(Text(line), soft_wrap=True)

    for n, item in enumerate(items):
        if n:
            console.print()
        entry = item.build()
        console.print(Text(t(f"{item.id}: {item.title}"), style="bold"))
        console.print(Text(t(f"source: {item.source}"), style="dim"))
        if isinstance(entry, Identity):
            claim = entry.claim
            _show_given(console, claim.given, t)
            block(claim.lhs)
            console.print("=")
            block(claim.rhs)
            note = f" ({claim.note})" if claim.note else ""
            console.print(Text(t(f"expected: {claim.expect.value}{note}")))
        elif isinstance(entry, Derivation):
            _show_given(console, entry.given, t)
            console.print(Text(t(f"goal (expected {entry.expect.value}):"), style="bold"))
            block(entry.goal_lhs)
            console.print("=")
            block(entry.goal_rhs)
            for k, step in enumerate(entry.steps, start=1):
                head = Text(f"\nstep {k}", style="bold")
                if step.why:
                    head.append(t(f"  [{step.why}]"), style="cyan")
                if k > 1 and step.expect.value != "proved":
                    head.append(t(f"  expected {step.expect.value}: {step.note}"), style="yellow")
                elif step.note:
                    head.append(t(f"  note: {step.note}"), style="italic")
                console.print(head, soft_wrap=True)
                if step.text:
                    console.print(Text(t(f"as written: {step.text}"), style="dim"), soft_wrap=True)
                block(step.expr)
    return ExitCode.OK


def _show_given(console: Console, given: tuple, t: Callable[[str], str]) -> None:
    if given:
        console.print(Text(t("given: " + "; ".join(h.describe() for h in given)), style="dim"),
                      soft_wrap=True)


COMMANDS = {"verify": cmd_verify, "check": cmd_check, "grade": cmd_grade, "list": cmd_list,
            "show": cmd_show}


def main(argv: Sequence[str] | None = None) -> int:
    saved = signal_handlers()
    came = interrupt_once()  # (the first signal stops the run; the report is still written)
    try:
        return _main(argv)
    finally:
        if not came():  # (after a signal, later ones stay ignored until the process exits)
            restore_signal_handlers(saved)


def _main(argv: Sequence[str] | None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed the usage message
        return ExitCode.USAGE if exc.code else ExitCode.OK
    if getattr(args, "debug", False):  # the readers print their own bugs' tracebacks too
        os.environ["DERIVCHECK_DEBUG"] = "1"
    try:
        return _dispatch(args)
    except Exception as exc:  # a derivcheck bug: said in one line (--debug: the traceback)
        if getattr(args, "debug", False):
            raise
        Console(stderr=True, highlight=False, soft_wrap=True).print(Text(
            f"derivcheck: internal error: {type(exc).__name__}: {exc} (a derivcheck bug; run "
            "again with --debug for the traceback, and report it)", style="bold red"))
        return int(ExitCode.USAGE)


def _dispatch(args: argparse.Namespace) -> int:
    report = getattr(args, "output", None)
    try:
        if report and output.read_by_run(report, getattr(args, "files", None) or (),
                                         getattr(args, "declarations", None)):  # (the report
            # written over what it checks)
            raise UsageError(f"--output {report} is a file this run checks: write the report "
                             "to another file")
        if report and output.earlier_report(report):  # (an earlier run's report is never
            output.discard(report)  # left as this one's: a run stopped by an error before
            # the run writes none; a file that is no report is not touched)
        if _EARLY:  # (interrupted while starting: nothing was run)
            raise KeyboardInterrupt
        return int(COMMANDS[args.command](args))
    except UsageError as exc:
        Console(stderr=True, highlight=False, soft_wrap=True).print(
            Text(f"derivcheck: error: {exc}", style="bold red"))
        return int(ExitCode.USAGE)
    except KeyboardInterrupt:  # before or after the run (the run itself reports what finished)
        return int(ExitCode.INTERRUPTED)
    except OSError as exc:  # standard output closed or full (`| head -1`, `> /dev/full`)
        if exc.errno not in (errno.EPIPE, errno.ENOSPC, errno.EIO):
            raise
        _stdout_gone()
        Console(stderr=True, highlight=False, soft_wrap=True).print(
            Text(f"derivcheck: error: cannot write the report to standard output: {exc.strerror}",
                 style="bold red"))
        return int(ExitCode.USAGE)


def _stdout_gone() -> None:
    """Standard output can no longer be written: point it at /dev/null, so that Python's own
    flush at exit does not print a traceback of its own."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
