"""derivcheck's pytest plugin: derivation files and documents in a test tree as test items.

Registered through the ``pytest11`` entry point, so installing derivcheck makes it available;
it collects nothing until switched on, with ``pytest --derivcheck`` or ``derivcheck = true``
under ``[tool.pytest.ini_options]`` (a project's README.md or pyproject.toml must not turn
into failing tests because derivcheck happens to be installed).

Once on, every file that ``derivcheck check`` would read in a directory walk (see
:mod:`checker.files.discover`) is a test file, and each derivation in it is one test item
that runs its step checks; it fails when a check does not get its expected verdict (with
``strict = true`` in ``[tool.derivcheck]``, also on numeric and unknown results), showing
the wrong step as written, the counterexample with both sides' values and the command that
reproduces it. A line or derivation that cannot be read is a failing item of its own; the
rest of the file is still collected. ``[tool.derivcheck]`` applies as for the command line:
``paths`` limits what is collected to those files and folders, ``declarations``,
``timeout``, ``strict``, ``exact``, ``exact-budget`` and ``seed`` apply to every item.

Importing this module imports nothing of derivcheck (and so no SymPy): the settings are
read when pytest starts (a bad one stops it as a usage error), and the engine is imported
when the first file is collected. Items are independent, so pytest-xdist can spread them (each runs
its checks in a worker process of its own, under the per-claim time limit).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from checker.files import InputError

# The suffixes checker.files.READERS reads (tests/test_pytest_plugin.py keeps them equal):
# written out so that a file is turned down without importing derivcheck.
SUFFIXES = frozenset({".toml", ".md", ".markdown", ".txt", ".tex", ".ipynb"})


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("derivcheck", "derivation files and documents (derivcheck)")
    group.addoption("--derivcheck", action="store_true", default=False,
                    help="collect derivation files and documents (.toml, .md, .tex, .ipynb …) "
                         "as tests, one per derivation")
    group.addoption("--derivcheck-no-cache", action="store_true", default=False,
                    help="decide every claim again instead of reusing derivcheck's result cache")
    parser.addini("derivcheck", type="bool", default=False,
                  help="collect derivation files and documents as tests (as --derivcheck)")


def _enabled(config: pytest.Config) -> bool:
    return bool(config.getoption("derivcheck") or config.getini("derivcheck"))


_SETUP = pytest.StashKey["_Setup"]()
_SETTINGS = pytest.StashKey[Any]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "derivcheck: a derivation checked by derivcheck")
    if not _enabled(config):
        return
    from checker import config as project  # the settings reader: no SymPy

    try:
        config.stash[_SETTINGS] = project.load(config.rootpath)
    except project.ConfigError as exc:
        raise pytest.UsageError(f"derivcheck: {exc}") from None


class _Setup:
    """What every item shares: [tool.derivcheck], the engine's settings, the cache."""

    def __init__(self, config: pytest.Config) -> None:
        from checker import Limits, Settings
        from checker.cache import Cache, default_dir

        cfg = config.stash[_SETTINGS]
        self.source = cfg.path
        paths = cfg.get("paths") or []
        self.paths = [Path(p).resolve() for p in paths]  # type: ignore[union-attr]
        decl = cfg.get("declarations")
        self.declarations = str(Path(str(decl)).resolve()) if decl else None
        self.strict = bool(cfg.get("strict", False))
        self.settings = Settings(seed=int(cfg.get("seed", Settings.seed)),  # type: ignore[arg-type]
                                 require_exact=bool(cfg.get("exact", False)),
                                 exact_budget=float(cfg.get("exact-budget",  # type: ignore[arg-type]
                                                            Settings.exact_budget)))
        self.limits = Limits(timeout=float(cfg.get("timeout", 60.0)), jobs=1)  # type: ignore[arg-type]
        self.cache = None if config.getoption("derivcheck_no_cache") else \
            Cache(default_dir(), self.settings)

    def wants(self, path: Path) -> bool:
        from checker.files.discover import wanted

        resolved = path.resolve()
        if self.paths and not any(resolved == p or p in resolved.parents for p in self.paths):
            return False
        return wanted(str(path), self.declarations)


def _setup(config: pytest.Config) -> _Setup:
    if _SETUP not in config.stash:
        config.stash[_SETUP] = _Setup(config)
    return config.stash[_SETUP]


def pytest_report_header(config: pytest.Config) -> str | None:
    if not _enabled(config):
        return None
    source = config.stash[_SETTINGS].path
    return "derivcheck: derivation files and documents are collected; settings: " + \
        (f"[tool.derivcheck] in {source}" if source else "none ([tool.derivcheck] not found)")


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix.lower() not in SUFFIXES or not _enabled(parent.config):
        return None
    if not _setup(parent.config).wants(file_path):
        return None
    return DerivationFile.from_parent(parent, path=file_path)


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config,
                                   items: list[pytest.Item]) -> None:
    """What a directory walk meets that is not a regular file (a broken link, a FIFO) is
    never offered to pytest_collect_file; ``derivcheck check`` reports it, so it is a failing
    item here too (a CI gate on pytest would pass where ``check`` fails)."""
    if not _enabled(config):
        return
    odd = [os.path.join(root, name) for arg in (a.split("::")[0] for a in config.args)
           if os.path.isdir(arg) for root, _, names in os.walk(arg) for name in sorted(names)
           if os.path.splitext(name)[1].lower() in SUFFIXES and not name.startswith(".")
           and not os.path.isfile(os.path.join(root, name))]
    if not odd:  # (nothing odd: derivcheck, and SymPy, stay unimported)
        return
    from checker.files.discover import walk

    setup = _setup(config)
    walked = {os.path.normpath(p) for arg in config.args if os.path.isdir(arg.split("::")[0])
              for p in walk(arg.split("::")[0], setup.declarations)}  # (hidden, venvs: skipped)
    for found in odd:
        path = Path(found)
        if os.path.normpath(found) in walked and setup.wants(path):
            items.extend(DerivationFile.from_parent(session, path=path, nodeid=os.path.relpath(
                path, config.rootpath)).collect())


def _shown(path: Path) -> str:
    """The path as reports and reproduce commands name it: relative to where pytest runs."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


class DerivationFile(pytest.File):
    """A derivation file or document: one item per derivation, one per unreadable part."""

    def collect(self) -> Iterator[pytest.Item]:
        from checker.files import load_file

        setup = _setup(self.config)
        loaded = load_file(_shown(self.path), setup.declarations)
        errors: dict[str, list[InputError]] = {}
        for e in loaded.errors:
            name = e.derivation or (f"L{e.line}" if e.line else "(file)")
            errors.setdefault(name, []).append(e)
        for item in loaded.items:
            name = item.id.rsplit("::", 1)[-1]
            yield DerivationItem.from_parent(self, name=name, item=item,
                                             errors=errors.pop(name, []))
        for name, errs in errors.items():
            yield DerivationItem.from_parent(self, name=name, item=None, errors=errs)


class DerivationFailure(Exception):
    """A derivation whose checks did not all get their expected verdicts, or could not be
    read; ``args[0]`` is the text pytest shows."""


class DerivationItem(pytest.Item):
    """One derivation (or one unreadable part of a file), its step checks run on ``runtest``."""

    def __init__(self, *, item: Any, errors: list[InputError], **kw: Any) -> None:
        super().__init__(**kw)
        self.item, self.errors = item, errors
        self.add_marker("derivcheck")

    def runtest(self) -> None:
        lines = [f"cannot be read: {e}" for e in self.errors]
        if self.item is None:
            raise DerivationFailure("\n".join(lines))
        from checker import run
        from checker.report.text import check_lines
        from checker.results import Verdict

        setup = _setup(self.config)
        report = run([self.item], setup.settings, setup.limits, cache=setup.cache)
        if report.interrupted:
            raise KeyboardInterrupt
        (outcome,) = report.outcomes
        if outcome.error:
            lines.append(outcome.error)
        bad = [cr for cr in outcome.checks if not cr.matches or
               (setup.strict and cr.result.verdict in (Verdict.NUMERIC, Verdict.UNKNOWN))]
        bad.sort(key=lambda cr: cr.check.step is None)  # the steps first, then the goal's ends
        first_wrong = next((cr for cr in bad if cr.check.step is not None
                            and cr.result.verdict is Verdict.REFUTED), None)
        for cr in bad:
            shown = check_lines(outcome.entry, cr)
            if cr is first_wrong:
                shown[0] += "   <- the first wrong step"
            elif cr.matches:
                shown[0] += "   (fails under strict = true)"
            lines.append("\n    ".join(shown))
        if lines:
            total = len(outcome.checks)
            head = f"{outcome.id}: {len(bad)} of {total} checks not as expected" if bad else \
                f"{outcome.id}: not checked"
            raise DerivationFailure("\n".join([head, *lines]))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: Any = None) -> str:
        if isinstance(excinfo.value, DerivationFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)  # a bug of ours: pytest's traceback

    def reportinfo(self) -> tuple[Path, int | None, str]:
        line = None
        if self.errors and self.errors[0].line:
            line = self.errors[0].line
        elif self.item is not None:
            steps = getattr(self.item.build(), "steps", ())
            line = steps[0].line if steps and steps[0].line else None
        # (a domain ending like the node id would have its dots shown as "::" by pytest)
        where = f"{_shown(self.path)}:{line}" if line else _shown(self.path)
        return self.path, (line - 1 if line else None), f"derivation {self.name} at {where}"
