"""Run checks in killable worker processes, each claim under a deadline.

A signal alarm cannot interrupt C code and does not work off the main
thread, so every claim runs in a worker process that the parent kills when
the claim's deadline passes. The claim becomes ``unknown (timeout)``, a fresh
worker takes over, and the entry continues from its next check. A worker
that dies (memory limit, crash) costs only the claim it was deciding.

Entries are *built* in the worker too (building gradients costs as much as
checking them), from a picklable builder; the built entry is sent back once
so the reports can show its steps.
"""

from __future__ import annotations

import faulthandler
import multiprocessing as mp
import os
import time
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait

from checker.cache import Cache
from checker.engine import Settings, check_claim
from checker.model import CatalogItem, Check, Entry
from checker.results import CheckResult, EntryOutcome, Method, Result, RunReport, Verdict


@dataclass(frozen=True)
class Limits:
    timeout: float = 60.0  # seconds per claim (and per entry build)
    memory_mb: int = 3072  # address-space cap per worker; 0 for none
    jobs: int = 0  # worker processes; 0 = number of cores


def _worker(conn: Connection, builders: list[Callable[[], Entry]], settings: Settings,
            memory_mb: int) -> None:
    # A worker that dies (FLINT aborts when the memory cap refuses an allocation) is reported
    # by the parent as that claim's result; a C traceback dump on stderr would only be noise.
    faulthandler.disable()
    if memory_mb:
        try:
            import resource

            limit = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ImportError, ValueError, OSError):
            pass
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg is None:
            return
        key, index, start = msg
        try:
            entry = builders[index]()
            checks = entry.checks()
        except MemoryError:
            conn.send(("build_error", key, "building the entry ran out of memory"))
            continue
        except Exception as exc:
            conn.send(("build_error", key, f"building the entry failed: {exc!r}"))
            continue
        if start == 0:
            conn.send(("built", key, entry))
        for k in range(start, len(checks)):
            conn.send(("start", key, k))
            t0 = time.perf_counter()
            try:
                result = check_claim(checks[k].claim, settings)
            except MemoryError:
                result = Result(Verdict.UNKNOWN, Method.MEMORY, time.perf_counter() - t0,
                                detail=f"memory limit ({memory_mb} MB) reached")
            except Exception as exc:  # an engine bug must not become a verdict
                result = Result(Verdict.UNKNOWN, Method.NONE, time.perf_counter() - t0,
                                detail=f"internal error: {exc!r}; "
                                       f"{traceback.format_exc(limit=-1).strip()[-200:]}")
            conn.send(("result", key, k, result))
        conn.send(("done", key))


@dataclass
class _Slot:
    process: mp.process.BaseProcess
    conn: Connection
    task: tuple[str, int, int] | None = None  # (entry id, item index, first check)
    check: int | None = None  # index being decided, None while building
    since: float = 0.0


@dataclass
class _Progress:
    entries: dict[str, Entry] = field(default_factory=dict)
    results: dict[str, dict[int, Result]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def _context() -> mp.context.BaseContext:
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else "spawn")


def run(items: list[CatalogItem], settings: Settings | None = None, limits: Limits | None = None,
        on_result: Callable[[str, Check | None, Result], None] | None = None,
        cache: Cache | None = None) -> RunReport:
    """Build and check every item; return the report (in the items' order)."""
    settings = settings or Settings()
    limits = limits or Limits()
    prog = _Progress()
    checks_of: dict[str, tuple[Check, ...]] = {}
    todo = []
    for item in items:
        found = cache.load(item.key) if cache is not None else None
        if found is None:
            todo.append(item)
            continue
        entry = _attributed(found.entry, item)  # type: ignore[arg-type]
        prog.entries[item.id] = entry
        checks_of[item.id] = entry.checks()
        prog.results[item.id] = dict(found.results)
    report = _run(items, todo, settings, limits, on_result, prog, checks_of)
    if cache is not None:
        for item in todo:
            entry, got = prog.entries.get(item.id), prog.results.get(item.id, {})
            if entry is not None and item.id not in prog.errors \
                    and len(got) == len(checks_of.get(item.id, ())):
                cache.store(item.key, entry, got)
    return replace(report, cached=len(items) - len(todo))


def _attributed(entry: Entry, item: CatalogItem) -> Entry:
    """A cached entry under the id and source of the item being checked now: the cache is
    keyed by content, so identical files (or one file by two paths) share entries."""
    if entry.id == item.id and entry.source == item.source:
        return entry
    return replace(entry, id=item.id, source=item.source)


def _run(items: list[CatalogItem], todo: list[CatalogItem], settings: Settings, limits: Limits,
         on_result: Callable[[str, Check | None, Result], None] | None, prog: _Progress,
         checks_of: dict[str, tuple[Check, ...]]) -> RunReport:
    jobs = limits.jobs or os.cpu_count() or 1
    jobs = max(1, min(jobs, len(todo))) if todo else 0
    t0 = time.perf_counter()
    ctx = _context()
    queue: deque[tuple[str, int, int]] = deque((item.id, k, 0) for k, item in enumerate(todo))
    builders = [item.build for item in todo]  # inherited by forked workers, never pickled

    def spawn() -> _Slot:
        parent, child = ctx.Pipe()
        p = ctx.Process(target=_worker, args=(child, builders, settings, limits.memory_mb),
                        daemon=True)
        p.start()
        child.close()
        return _Slot(p, parent)

    def record(key: str, k: int, result: Result) -> None:
        prog.results.setdefault(key, {})[k] = result
        if on_result is not None:
            checks = checks_of.get(key)
            on_result(key, checks[k] if checks else None, result)

    slots = [spawn() for _ in range(jobs)] if todo else []
    try:
        while queue or any(s.task for s in slots):
            for s in slots:
                if s.task is None and queue:
                    s.task = queue.popleft()
                    s.check, s.since = None, time.perf_counter()
                    s.conn.send(s.task)
            busy = [s for s in slots if s.task]
            ready = wait([s.conn for s in busy], timeout=0.2)
            for s in busy:
                if s.conn in ready:
                    try:
                        msg = s.conn.recv()
                    except (EOFError, OSError):
                        _lost(s, "the worker process died (memory or a crash)", prog, record,
                              queue, checks_of)
                        slots[slots.index(s)] = spawn()
                        continue
                    _handle(s, msg, prog, record, checks_of)
                elif time.perf_counter() - s.since > limits.timeout:
                    s.process.kill()
                    s.process.join()
                    _lost(s, f"timeout after {limits.timeout:g} s", prog, record, queue,
                          checks_of, timeout=True)
                    slots[slots.index(s)] = spawn()
    finally:
        for s in slots:
            try:
                s.conn.send(None)
            except (BrokenPipeError, OSError):
                pass
        for s in slots:
            s.process.join(timeout=2)
            if s.process.is_alive():
                s.process.kill()
    outcomes = []
    for item in items:
        entry = prog.entries.get(item.id)
        got = prog.results.get(item.id, {})
        checks = tuple(CheckResult(c, got[k]) for k, c in enumerate(checks_of.get(item.id, ()))
                       if k in got)
        outcomes.append(EntryOutcome(item.id, item.title, item.source, entry, checks,
                                     prog.errors.get(item.id, "")))
    return RunReport(tuple(outcomes), time.perf_counter() - t0, settings.seed, limits.timeout,
                     jobs)


def _handle(s: _Slot, msg: tuple, prog: _Progress, record: Callable[[str, int, Result], None],
            checks_of: dict[str, tuple[Check, ...]]) -> None:
    kind, key = msg[0], msg[1]
    if kind == "built":
        prog.entries[key] = msg[2]
        checks_of[key] = msg[2].checks()
    elif kind == "start":
        s.check, s.since = msg[2], time.perf_counter()
    elif kind == "result":
        record(key, msg[2], msg[3])
        s.check = None
    elif kind == "build_error":
        prog.errors[key] = msg[2]
        s.task = None
    elif kind == "done":
        s.task = None


def _lost(s: _Slot, why: str, prog: _Progress, record: Callable[[str, int, Result], None],
          queue: deque, checks_of: dict[str, tuple[Check, ...]], timeout: bool = False) -> None:
    """The worker is gone: the claim it was on is unknown; the entry resumes after it."""
    assert s.task is not None
    key, index, _ = s.task
    elapsed = time.perf_counter() - s.since
    if s.check is None:  # it was building the entry
        prog.errors[key] = f"building the entry: {why}"
    else:
        method = Method.TIMEOUT if timeout else Method.MEMORY
        record(key, s.check, Result(Verdict.UNKNOWN, method, elapsed, detail=why))
        if s.check + 1 < len(checks_of.get(key, ())):
            queue.appendleft((key, index, s.check + 1))
    s.task = None
