"""derivcheck command line: a thin layer over the checker library and its renderers."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from checker import ExitCode, Limits, Settings, exit_code, run
from checker.model import Derivation, Identity
from checker.report import json_report, junit, terminal
from checker.report.text import expression
from derivations import catalog, find, select


class UsageError(Exception):
    """A mistake in how derivcheck was called; reported without a traceback."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="derivcheck",
        description="Check derivations in neural-network mathematics: each step proved, "
                    "refuted with a certified counterexample, or honestly left open.")
    sub = p.add_subparsers(dest="command", required=True)

    v = sub.add_parser("verify", help="check every catalog entry (the CI gate)")
    v.add_argument("--only", metavar="PATTERN",
                   help="check entries whose id matches (a glob, or a plain substring)")
    v.add_argument("--format", choices=("rich", "json", "junit"), default="rich")
    v.add_argument("--output", metavar="FILE", help="write the report to FILE instead of stdout")
    v.add_argument("--strict", action="store_true",
                   help="also fail (exit 1) on numeric and unknown results")
    v.add_argument("--exact", action="store_true",
                   help="do not accept randomized identity tests as proofs")
    v.add_argument("--jobs", type=int, default=0, metavar="N",
                   help="worker processes (default: number of cores)")
    v.add_argument("--timeout", type=float, default=60.0, metavar="S",
                   help="time limit per claim in seconds (default 60)")
    v.add_argument("--seed", type=int, default=Settings.seed, help="random seed for sampling")
    v.add_argument("--failures-only", action="store_true",
                   help="in the terminal report, show only entries that do not match")
    v.add_argument("--ascii", action="store_true", help="ASCII marks and borders only")

    ls = sub.add_parser("list", help="list the catalog entries")
    ls.add_argument("--only", metavar="PATTERN")
    ls.add_argument("--ascii", action="store_true")

    sh = sub.add_parser("show", help="pretty-print one catalog entry with its steps")
    sh.add_argument("id")
    sh.add_argument("--ascii", action="store_true")
    return p


def _console(args: argparse.Namespace, file: object = None) -> Console:
    ascii_only = getattr(args, "ascii", False) or "NO_COLOR" in os.environ
    console = Console(file=file, no_color=ascii_only or None, highlight=False,
                      emoji=False, soft_wrap=False)
    if ascii_only:
        console.no_color = True
    return console


def cmd_verify(args: argparse.Namespace) -> ExitCode:
    if args.timeout <= 0:
        raise UsageError("--timeout must be a positive number of seconds")
    if args.jobs < 0:
        raise UsageError("--jobs must be 0 (one per core) or more")
    items = select(catalog(), args.only)
    if not items:
        raise UsageError(f"no catalog entry matches {args.only!r}; "
                         "see 'derivcheck list' for the ids")
    settings = Settings(seed=args.seed, require_exact=args.exact)
    limits = Limits(timeout=args.timeout, jobs=args.jobs)
    status_console = Console(stderr=True)
    if args.format == "rich" and args.output is None and status_console.is_terminal:
        with status_console.status(f"checking {len(items)} entries…"):
            report = run(items, settings, limits)
    else:
        report = run(items, settings, limits)
    code = exit_code(report, args.strict)
    if args.format == "json":
        _emit(args, json_report.dumps(report))
    elif args.format == "junit":
        _emit(args, junit.dumps(report))
    else:
        try:
            out = open(args.output, "w", encoding="utf-8") if args.output else None
        except OSError as exc:
            raise UsageError(f"cannot write the report to {args.output}: {exc.strerror}") from exc
        try:
            console = _console(args, out)
            terminal.render(report, console, show_passing=not args.failures_only)
            if args.strict and code is ExitCode.MISMATCH and not report.mismatches:
                console.print(Text("--strict: numeric or unknown results fail the run",
                                   style="bold red"))
        finally:
            if out is not None:
                out.close()
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


def cmd_list(args: argparse.Namespace) -> ExitCode:
    items = select(catalog(), args.only)
    if not items:
        raise UsageError(f"no catalog entry matches {args.only!r}")
    table = Table(title=f"derivcheck catalog: {len(items)} entries")
    table.add_column("id", no_wrap=True)
    table.add_column("what")
    table.add_column("document", no_wrap=True)
    for item in items:
        doc = item.source.split("_", 1)[0] if item.source[:3].isdigit() else item.source
        table.add_row(item.id, item.title, doc)
    _console(args).print(table)
    return ExitCode.OK


def cmd_show(args: argparse.Namespace) -> ExitCode:
    item = find(args.id)
    if item is None:
        raise UsageError(f"no catalog entry has the id {args.id!r}; "
                         "see 'derivcheck list' for the ids")
    console = _console(args)
    ascii_only = console.no_color or console.options.ascii_only
    entry = item.build()
    console.print(Text(f"{item.id}: {item.title}", style="bold"))
    console.print(Text(f"source: {item.source}", style="dim"))
    if isinstance(entry, Identity):
        claim = entry.claim
        console.print(expression(claim.lhs, ascii_only, 200, 40))
        console.print("=")
        console.print(expression(claim.rhs, ascii_only, 200, 40))
        _show_given(console, claim.given)
        console.print(f"expected: {claim.expect.value}" + (f" ({claim.note})" if claim.note else ""))
    elif isinstance(entry, Derivation):
        _show_given(console, entry.given)
        console.print(Text("goal:", style="bold"))
        console.print(expression(entry.goal_lhs, ascii_only, 200, 40))
        console.print("=")
        console.print(expression(entry.goal_rhs, ascii_only, 200, 40))
        for k, step in enumerate(entry.steps, start=1):
            head = Text(f"\nstep {k}", style="bold")
            if step.why:
                head.append(f"  [{step.why}]", style="cyan")
            if k > 1 and step.expect.value != "proved":
                head.append(f"  expected {step.expect.value}: {step.note}", style="yellow")
            elif step.note:
                head.append(f"  note: {step.note}", style="italic")
            console.print(head)
            if step.text:
                console.print(Text(f"as written: {step.text}", style="dim"))
            console.print(expression(step.expr, ascii_only, 200, 40))
    return ExitCode.OK


def _show_given(console: Console, given: tuple) -> None:
    if given:
        console.print(Text("given: " + "; ".join(h.describe() for h in given), style="dim"))


COMMANDS = {"verify": cmd_verify, "list": cmd_list, "show": cmd_show}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed the usage message
        return ExitCode.USAGE if exc.code else ExitCode.OK
    try:
        return int(COMMANDS[args.command](args))
    except UsageError as exc:
        Console(stderr=True, highlight=False).print(Text(f"derivcheck: error: {exc}",
                                                         style="bold red"))
        return int(ExitCode.USAGE)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
