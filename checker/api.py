"""The Python API, for notebooks and scripts: check a claim, a LaTeX chain or a file in one call.

    from derivcheck import check_claim, check_file, check_latex

    check_claim("diff(sigmoid(x), x) == sigmoid(x)*(1 - sigmoid(x))")
    check_latex(r"\\frac{d}{dx}\\sigma(x) &= \\sigma(x)(1 + \\sigma(x))",
                context={"symbols": {"x": "real"}})
    check_file("homework.tex")

Each returns a :class:`Checked`: the run's report (plain data), which shows itself as HTML
in Jupyter (``_repr_html_``: the math drawn, ✓/✗ per line, the counterexample) and with
Rich in a terminal (``__rich__``); ``print()`` gives the terminal report as plain text.

What is read is read exactly as ``derivcheck check`` reads it: ``check_claim`` as a
derivation file's ``claim = "…"``, ``check_steps`` as its ``steps = […]``, ``check_latex``
as its ``latex = '''…'''`` (one chain, split at each ``=``) or, when the text holds ``$$``
or ``\\[`` displays, as a Markdown document, and ``check_file`` reads every format ``check``
reads. ``context`` holds the keys of a file's ``[context]`` (``symbols``, ``dims``,
``vectors``, ``matrices``, ``functions``, ``given``, ``latex``), as a dict or as TOML text.
Nothing is executed. Input that cannot be read is not an exception: the result says what
and where (``errors``, and in its display), as the command line does; only a call that
cannot be right raises (``TypeError`` for an argument of the wrong type, ``ValueError`` for
a timeout that is not a positive number or an ``only`` that matches nothing).

Every function takes the same run options, keyword-only: ``timeout`` (seconds per claim,
default 60), ``jobs`` (worker processes, 0 = one per core), ``seed``, ``exact`` (refuse
randomized proofs, as ``--exact``) and ``cache`` (reuse results: True for the user's cache
directory, as the command line does, a directory, or False).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType

from checker.cache import Cache, default_dir
from checker.engine import Settings
from checker.exitcodes import ExitCode, exit_code
from checker.files import load_files
from checker.files.common import InputError, Loaded
from checker.model import CatalogItem, CheckKind
from checker.results import CheckResult, EntryOutcome, RunReport, Verdict
from checker.runner import Limits, run
from checker.toml_safe import toml_loads

__all__ = ["Checked", "check_claim", "check_file", "check_latex", "check_steps"]

Context = Mapping[str, Any] | str | None
Expect = str  # "proved" (the default), "refuted", "numeric" or "unknown"
DISPLAYS = ("$$", "\\[")  # check_latex reads text with these as a Markdown document


# --------------------------------------------------------------------------- the result


@dataclass(frozen=True)
class Checked:
    """What derivcheck decided about the items of one call, with the evidence.

    ``report`` is the run's :class:`~checker.results.RunReport` (verdicts, methods,
    counterexamples); the properties below read it. In Jupyter the result draws itself
    (``_repr_html_``); in a terminal Rich draws it (``__rich__``), and ``print(result)``
    writes the same report as text.
    """

    report: RunReport

    # -- reading it ----------------------------------------------------------------------

    @property
    def outcomes(self) -> tuple[EntryOutcome, ...]:
        """One per claim or derivation (and one per item that could not be read)."""
        return self.report.outcomes

    @property
    def checks(self) -> list[CheckResult]:
        """Every check made: a claim's, or a derivation's goal, ends and steps."""
        return self.report.results

    @property
    def exit_code(self) -> ExitCode:
        """What ``derivcheck check`` would exit with (0, 1 or 2)."""
        return exit_code(self.report)

    @property
    def ok(self) -> bool:
        """Everything was read and every result matches its expectation."""
        return self.exit_code is ExitCode.OK

    @property
    def errors(self) -> list[str]:
        """What could not be read: where, and what to write instead."""
        return [o.error for o in self.outcomes if o.error]

    @property
    def verdict(self) -> Verdict:
        """The verdict on the one claim, or on the one derivation's goal (first step ==
        last step); ``Verdict.ERROR`` if it could not be read. A proof that holds only because
        the hypotheses cannot hold is ``PROVED`` with :attr:`vacuous` set (shown as ∅). A
        result of several items has no single verdict: read ``outcomes`` or ``checks``."""
        main = self._main()
        return main.result.verdict if main is not None else Verdict.ERROR

    @property
    def vacuous(self) -> bool:
        """The one claim (or goal) is proved only because its hypotheses cannot hold
        together: true, and it says nothing."""
        main = self._main()
        return main is not None and main.result.vacuous

    def _main(self) -> CheckResult | None:
        if len(self.outcomes) != 1:
            raise ValueError(f"this result holds {len(self.outcomes)} items, so it has no "
                             "single verdict; read .outcomes or .checks")
        main = [c for c in self.outcomes[0].checks
                if c.check.kind in (CheckKind.CLAIM, CheckKind.GOAL)]
        return main[0] if main else None

    @property
    def refuted(self) -> list[CheckResult]:
        """The refuted checks, each with its certified counterexample
        (``.result.counterexample``) and, for a step, its number (``.check.step``)."""
        return [c for c in self.checks if c.result.verdict is Verdict.REFUTED]

    @property
    def first_wrong_step(self) -> int | None:
        """The number of the first refuted step of the first derivation that has one."""
        steps = [c.check.step for c in self.refuted if c.check.kind is CheckKind.STEP]
        return steps[0] if steps else None

    # -- showing it ----------------------------------------------------------------------

    def to_html(self, page: bool = True) -> str:
        """The HTML report: a whole self-contained page, or (``page=False``) a fragment."""
        from checker.report import html

        return html.dumps(self.report) if page else html.fragment(self.report)

    def to_dict(self) -> dict[str, Any]:
        """The JSON report (``--format json``) as a dict."""
        from checker.report import json_report

        return json_report.to_dict(self.report)

    def text(self, width: int = 100, ascii_only: bool = False) -> str:
        """The terminal report as plain text."""
        buffer = io.StringIO()
        console = Console(file=buffer, width=width, color_system=None, highlight=False,
                          emoji=False, soft_wrap=False, no_color=ascii_only or None,
                          force_terminal=False, force_jupyter=False)  # text, even in Jupyter
        console.print(self)
        return buffer.getvalue()

    def _repr_html_(self) -> str:
        from checker.report import html

        return html.fragment(self.report, summary=len(self.outcomes) != 1)

    def __rich__(self) -> RenderableType:
        return _Drawn(self.report)

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        from checker.report.text import plural

        vacuous = sum(1 for c in self.checks if c.result.vacuous)
        counts = ", ".join([f"{n} {v.value}" for v in Verdict
                            if (n := self.report.count(v) - (vacuous if v is Verdict.PROVED
                                                              else 0))]
                           + ([f"{vacuous} proved vacuously"] if vacuous else []))
        parts = [plural(len(self.outcomes), "item"), plural(len(self.checks), "check")]
        if counts:
            parts[-1] += f": {counts}"
        if self.errors:
            parts.append(plural(len(self.errors), "input error"))
        if self.first_wrong_step is not None:
            parts.append(f"first wrong step {self.first_wrong_step}")
        status = "as expected" if self.ok else "NOT as expected"
        return f"<derivcheck result: {'; '.join(parts)}; {status}>"


class _Drawn:
    """The terminal report of a result, drawn for the console at hand (ASCII where it
    cannot show Unicode, or with NO_COLOR)."""

    def __init__(self, report: RunReport) -> None:
        self.report = report

    def __rich_console__(self, console: Console, options: ConsoleOptions
                         ) -> Iterator[RenderableType]:
        from checker.report import terminal
        from checker.report.text import quick_pretty

        ascii_only = terminal.is_ascii(console) or options.ascii_only
        with quick_pretty():
            panels = [terminal.entry_panel(o, ascii_only) for o in self.report.outcomes]
        yield from panels
        if len(panels) != 1:
            yield terminal.summary_table(self.report, ascii_only)


# --------------------------------------------------------------------------- the calls


def check_claim(claim: str, context: Context = None, *, given: Sequence[str] = (),
                expect: Expect = "proved", name: str = "claim", timeout: float = 60.0,
                jobs: int = 0, seed: int = Settings.seed, exact: bool = False,
                cache: bool | str | os.PathLike[str] = True) -> Checked:
    """Check one identity, ``"lhs == rhs"``, written as in a derivation file
    (``diff(sigmoid(x), x) == sigmoid(x)*(1 - sigmoid(x))``), under the hypotheses
    ``given`` (``["sum(y) == 1"]``, ``["x > 0"]``)."""
    _text_arg(claim, "claim")
    table = {"id": name, "title": _title(claim), "claim": claim, **_given(given),
             **_expect(expect)}
    return _derivation("check_claim", table, context,
                       _options(timeout, jobs, seed, exact, cache))


def check_steps(steps: Sequence[str], context: Context = None, *, given: Sequence[str] = (),
                expect: Expect = "proved", name: str = "steps", timeout: float = 60.0,
                jobs: int = 0, seed: int = Settings.seed, exact: bool = False,
                cache: bool | str | os.PathLike[str] = True) -> Checked:
    """Check a chain of expressions written as in a derivation file, each equal to the one
    before it (``["diff(x**2, x)", "2*x"]``)."""
    if isinstance(steps, str) or not isinstance(steps, Sequence) or \
            not all(isinstance(s, str) for s in steps):
        raise TypeError("steps must be a list of strings, one expression each")
    table = {"id": name, "title": _title(" = ".join(steps)), "steps": list(steps),
             **_given(given), **_expect(expect)}
    return _derivation("check_steps", table, context,
                       _options(timeout, jobs, seed, exact, cache))


def check_latex(text: str, context: Context = None, *, given: Sequence[str] = (),
                expect: Expect = "proved", expect_steps: Mapping[int, Expect] | None = None,
                name: str = "latex", timeout: float = 60.0, jobs: int = 0,
                seed: int = Settings.seed, exact: bool = False,
                cache: bool | str | os.PathLike[str] = True) -> Checked:
    r"""Check a derivation written in LaTeX.

    Without ``$$`` or ``\[``, ``text`` is one chain, as in homework (``a &= b \\ &= c``,
    ``aligned`` and friends allowed), split into steps at each ``=``; ``expect_steps``
    (``{3: "refuted"}``) marks steps expected to fail. With displays, ``text`` is read as a
    Markdown document (a notebook cell): every display is checked, definitions (``:=``)
    hold for what follows, and ``<!-- derivcheck: … -->`` comments set expectations."""
    _text_arg(text, "text")
    options = _options(timeout, jobs, seed, exact, cache)
    if any(mark in text for mark in DISPLAYS):
        if expect != "proved" or expect_steps:
            raise ValueError("expect and expect_steps are for one chain; in a document, put "
                             "<!-- derivcheck: expect = \"refuted\", expect_steps = { 3 = "
                             "\"refuted\" } --> before the display")
        return _document("check_latex", text, context, given, options)
    table: dict[str, Any] = {"id": name, "title": name, "latex": text, **_given(given),
                             **_expect(expect)}
    if expect_steps:
        table["expect_steps"] = {str(k): v for k, v in expect_steps.items()}
    return _derivation("check_latex", table, context, options)


def check_file(path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]], *,
               declarations: str | os.PathLike[str] | None = None,
               only: Sequence[str] | None = None, timeout: float = 60.0, jobs: int = 0,
               seed: int = Settings.seed, exact: bool = False,
               cache: bool | str | os.PathLike[str] = True) -> Checked:
    """Check a derivation file or document (``.toml``, ``.md``, ``.tex``, ``.ipynb``), or a
    list of them, as ``derivcheck check`` does; ``only`` picks derivations by id, glob or
    substring, ``declarations`` is a sidecar TOML file of declarations for documents."""
    try:
        paths = [path] if isinstance(path, str | os.PathLike) else list(path)
    except TypeError:
        paths = []
    if not paths or not all(isinstance(p, str | os.PathLike) for p in paths):
        raise TypeError("path must be a path, or a list of paths")
    loaded = load_files([os.fspath(p) for p in paths],
                        os.fspath(declarations) if declarations is not None else None)
    errors = _errors(loaded)
    items = loaded.items
    if only is not None:
        from checker import selection

        if isinstance(only, str):
            only = [only]
        unread = [e.id for e in errors if "::" not in e.id]
        chosen = selection.matching_ids([o.id for o in (*items, *errors)], list(only), unread)
        items = [i for i in items if i.id in chosen]
        errors = [e for e in errors if e.id in chosen]
        if not items and not errors:
            raise ValueError(f"no derivation in {', '.join(map(os.fspath, paths))} matches "
                             f"{', '.join(repr(p) for p in only)}")
    return _run(items, errors, _options(timeout, jobs, seed, exact, cache))


# --------------------------------------------------------------------------- helpers


@dataclass(frozen=True)
class _Options:
    settings: Settings
    limits: Limits
    cache: Cache | None


def _options(timeout: float, jobs: int, seed: int, exact: bool,
             cache: bool | str | os.PathLike[str]) -> _Options:
    if not isinstance(timeout, int | float) or not timeout > 0 or timeout == float("inf"):
        raise ValueError("timeout must be a positive, finite number of seconds")
    if not isinstance(jobs, int) or jobs < 0:
        raise ValueError("jobs must be 0 (one per core) or more")
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise ValueError("seed must be a whole number")
    settings = Settings(seed=seed, require_exact=exact)
    if cache is True:
        store: Cache | None = Cache(default_dir(), settings)
    elif cache is False or cache is None:
        store = None
    else:
        store = Cache(Path(cache), settings)
    return _Options(settings, Limits(timeout=float(timeout), jobs=jobs), store)


def _text_arg(value: object, what: str) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a string, not {type(value).__name__}")


def _given(given: Sequence[str]) -> dict[str, list[str]]:
    if isinstance(given, str):
        given = [given]
    if not all(isinstance(g, str) for g in given):
        raise TypeError('given must be a list of strings such as ["sum(y) == 1"]')
    return {"given": list(given)} if given else {}


def _title(text: str, limit: int = 80) -> str:
    """The text on one line, shortened: the title of what it is checked as."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit - 1] + "…"


def _expect(expect: Expect) -> dict[str, str]:
    return {} if expect == "proved" else {"expect": expect}


def _context(context: Context, label: str) -> tuple[dict, list[InputError]]:
    """The ``[context]`` table from a dict or TOML text (a ``[context]`` header allowed)."""
    if context is None:
        return {}, []
    if isinstance(context, str):
        try:
            table = toml_loads(context)
        except tomllib.TOMLDecodeError as exc:
            return {}, [InputError(label, f"context: not valid TOML: {exc}; write it as a "
                                   "derivation file's [context], e.g. symbols = { x = \"real\" }")]
    elif isinstance(context, Mapping):
        table = dict(context)
    else:
        raise TypeError("context must be a dict of [context] keys or TOML text, not "
                        f"{type(context).__name__}")
    if set(table) == {"context"} and isinstance(table["context"], Mapping):
        table = dict(table["context"])
    return _plain(table, "context"), []


def _plain(value: object, where: str) -> Any:
    """A Python value as the TOML reader would have produced it (tables with string keys,
    lists, strings, numbers, booleans), or TypeError saying where it is not."""
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"{where}: keys must be strings, not {key!r}")
            out[key] = _plain(item, f"{where}[{key!r}]")
        return out
    if isinstance(value, list | tuple):
        return [_plain(item, f"{where}[{k}]") for k, item in enumerate(value)]
    if isinstance(value, str | bool | int | float):
        return value
    raise TypeError(f"{where}: {type(value).__name__} is not a value a derivation file can hold "
                    "(use strings such as \"real\" or \"1/(1 + exp(-t))\")")


def _derivation(label: str, table: dict, context: Context, options: _Options) -> Checked:
    """One derivation table, read exactly as a derivation file's ``[[derivation]]``."""
    from checker.files.toml_file import FORMAT, read_data

    where = f"<{label}>"
    ctx, errors = _context(context, where)
    if errors:
        return _run([], _errors(Loaded(errors=errors)), options)
    data = {"format": FORMAT, "context": ctx,
            "derivation": [{"source": "the text given", **table}]}
    digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
    loaded = read_data(data, where, digest)
    return _run(loaded.items, _errors(loaded), options)


def _document(label: str, text: str, context: Context, given: Sequence[str],
              options: _Options) -> Checked:
    """Text with displays, read exactly as a Markdown document."""
    from checker.files.document import build
    from checker.files.markdown import extract

    where = f"<{label}>"
    ctx, errors = _context(context, where)
    if errors:
        return _run([], _errors(Loaded(errors=errors)), options)
    extra = _given(given).get("given", [])
    if extra:
        ctx["given"] = [*ctx.get("given", []), *extra]
    loaded = build(extract(text, where), {"context": ctx})
    return _run(loaded.items, _errors(loaded), options)


def input_outcomes(errors: Sequence[InputError]) -> list[EntryOutcome]:
    """Input errors as outcomes of their own (FILE::id, FILE:line or FILE), so reports show
    them beside what was checked; ``derivcheck check`` and this API both use it."""
    out = []
    for e in errors:
        ident = f"{e.file}::{e.derivation}" if e.derivation else \
            (f"{e.file}:{e.line}" if e.line else e.file)
        out.append(EntryOutcome(ident, "cannot be read", e.file, None, (), str(e),
                                input_error=True, line=e.line, col=e.col))
    return out


def _errors(loaded: Loaded) -> list[EntryOutcome]:
    return input_outcomes(loaded.errors)


def _run(items: list[CatalogItem], errors: list[EntryOutcome], options: _Options) -> Checked:
    if items:
        report = run(items, options.settings, options.limits, cache=options.cache)
    else:
        report = RunReport((), 0.0, options.settings.seed, options.limits.timeout, 0)
    if errors:
        report = replace(report, outcomes=tuple(errors) + report.outcomes)
    return Checked(report)
