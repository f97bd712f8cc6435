"""Run checks in killable worker processes, each claim under a deadline.

A signal alarm cannot interrupt C code and does not work off the main
thread, so every claim runs in a worker process that the parent kills when
the claim's deadline passes. The claim becomes ``unknown (timeout)``, a fresh
worker takes over, and the entry continues from its next check. A worker
that dies (memory limit, crash) costs only the claim it was deciding.

Entries are *built* in the worker too (building gradients costs as much as
checking them), from a picklable builder; the built entry is sent back once
so the reports can show its steps.

The run survives its environment:
  * workers end when the parent dies, however it dies (``PR_SET_PDEATHSIG`` on
    Linux, a parent-pid watchdog elsewhere, and end-of-file on their pipe,
    whose other end no other process holds);
  * workers ignore Ctrl-C; the parent stops, kills them, and returns the
    report of what finished (the rest ``not run``, ``RunReport.interrupted``
    set); SIGTERM is handled the same way;
  * whatever a worker or a C library writes to file descriptors 1 and 2 goes
    to /dev/null (with ``Limits.debug``: to the parent's stderr), never into a
    report on stdout;
  * a bug in the engine is the verdict ``error (internal)`` with one line of
    reason (the traceback only with ``Limits.debug``);
  * each entry's results are cached as soon as the entry finishes;
  * a budget for the whole run and per derivation file ends what is left as
    ``unknown (budget)``; results already decided stay.
"""

from __future__ import annotations

import faulthandler
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
import traceback
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait

from checker import wire
from checker.cache import Cache
from checker.engine import SAME_SIDES, Settings, check_claim, same_sides
from checker.files.common import Prebuilt
from checker.model import CatalogItem, Check, CheckKind, Entry
from checker.results import CheckResult, EntryOutcome, Method, Result, RunReport, Verdict

NOT_RUN = "not run: the run was interrupted"


@dataclass(frozen=True)
class Limits:
    timeout: float = 60.0  # seconds per claim (and per entry build)
    memory_mb: int = 3072  # address-space cap per worker; 0 for none
    jobs: int = 0  # worker processes; 0 = number of cores
    budget: float | None = None  # seconds for the whole run; None for no limit
    file_budget: float | None = None  # worker-seconds per derivation file (FILE::id items)
    debug: bool = False  # workers keep stderr; internal errors print their traceback there
    # seconds at most for a refuted step's diagnosis (checker.diagnosis), within a share of
    # what is left of its timeout; 0 for none
    diagnosis: float = 2.0
    # and at most this many times the verdict's own time (but 0.5 s in any case); 0: no such cap
    diagnosis_ratio: float = 4.0


# -- the worker ---------------------------------------------------------------------------


def _die_with_parent(parent: int) -> None:
    """End this process when the parent dies, even by SIGKILL."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0)  # SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # it died before prctl took effect
        os._exit(0)

    def watch() -> None:  # the fallback where prctl is missing (the GIL permitting)
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, name="parent-watchdog", daemon=True).start()


def _quiet(debug: bool) -> None:
    """Point file descriptors 1 and 2 away from the report: C libraries (FLINT's allocation
    failure message) write there directly, past Python's sys.stdout."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass
    if debug:
        os.dup2(2, 1)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)


def internal_error(exc: BaseException, what: str = "") -> str:
    """One line that names a derivcheck bug, without a traceback or install paths."""
    text = str(exc).strip().splitlines()
    reason = f"{type(exc).__name__}: {text[0][:160]}" if text else type(exc).__name__
    return f"internal error{what}: {reason} (a derivcheck bug; --debug shows the traceback)"


def _worker(conn: Connection, builders: list[Callable[[], Entry]], settings: Settings,
            limits: Limits, parent: int, inherited: list[Connection]) -> None:
    for other in inherited:  # the parent's ends of the pipes: EOF here once the parent is gone
        other.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    _die_with_parent(parent)
    _quiet(limits.debug)
    # A worker that dies (FLINT aborts when the memory cap refuses an allocation) is reported
    # by the parent as that claim's result; a C traceback dump would only be noise.
    faulthandler.disable()
    if limits.memory_mb:
        try:
            import resource

            limit = limits.memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ImportError, ValueError, OSError):
            pass

    def send(msg: tuple) -> None:  # expressions as they are (checker.wire), and quicker read
        conn.send_bytes(wire.dumps(msg))

    def debug_trace() -> None:
        if limits.debug:
            traceback.print_exc(file=sys.stderr)
            sys.stderr.flush()

    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        key, index, start = msg
        try:
            entry = builders[index]()
            checks = entry.checks()
        except MemoryError:
            send(("build_error", key, "building the entry ran out of memory"))
            continue
        except Exception as exc:
            debug_trace()
            send(("build_error", key, internal_error(exc, " while building the entry")))
            continue
        if start == 0:  # an entry read in the parent is there already: not sent back
            send(("built", key, None if isinstance(builders[index], Prebuilt) else entry))
        wrong: set[int] = set()  # the steps refuted so far (Diagnosis.after_wrong: a line
        # after a wrong one, even with right steps between, is wrong against the first line)
        decided: dict[object, Result] = {}  # (a one-step chain's goal and step are one claim:
        for k in range(start, len(checks)):  # decided once)
            send(("start", key, k))
            t0 = time.perf_counter()
            try:
                same = _decided(decided, checks[k].claim) or _as_goal(checks, k, decided)
                result = replace(same, elapsed=0.0) if same is not None else \
                    check_claim(checks[k].claim, settings)
                _remember(decided, checks[k].claim, result)
            except MemoryError:
                result = Result(Verdict.UNKNOWN, Method.MEMORY, time.perf_counter() - t0,
                                detail=f"memory limit ({limits.memory_mb} MB) reached")
            except Exception as exc:  # an engine bug must not become a verdict or a traceback
                debug_trace()
                result = Result(Verdict.ERROR, Method.INTERNAL, time.perf_counter() - t0,
                                detail=internal_error(exc))
            if result.verdict is Verdict.REFUTED and limits.diagnosis > 0:
                from checker import diagnosis  # only a refuted step needs it (a fast start)

                # The verdict goes first: if the diagnosis below (under a share of what is
                # left of the claim's time) is stopped with its worker, the verdict stands.
                send(("decided", key, k, result))
                budget = limits.diagnosis if not limits.diagnosis_ratio else \
                    min(limits.diagnosis, max(diagnosis.FLOOR,
                                              limits.diagnosis_ratio * result.elapsed))
                result = diagnosis.attach(checks[k], entry, result, settings,
                                          limits.timeout - (time.perf_counter() - t0),
                                          limits.debug, budget,
                                          after_wrong=checks[k].step is not None
                                          and any(w <= (checks[k].previous or 0)
                                                  for w in wrong))
            if result.verdict is Verdict.REFUTED and checks[k].kind is CheckKind.STEP:
                wrong.add(checks[k].step)  # type: ignore[arg-type]
            send(("result", key, k, result))
        send(("done", key))


# -- the parent ---------------------------------------------------------------------------


@dataclass
class _Slot:
    process: mp.process.BaseProcess
    conn: Connection
    task: tuple[str, int, int] | None = None  # (entry id, item index, first check)
    check: int | None = None  # index being decided, None while building
    decided: Result | None = None  # its verdict, sent before its diagnosis (checker.diagnosis)
    since: float = 0.0  # when the current claim (or build) started
    charged: float = 0.0  # up to when its time was charged to the file's budget
    group: str = ""  # the family of the entry it worked on last (_Run.take)


@dataclass
class _Progress:
    entries: dict[str, Entry] = field(default_factory=dict)
    results: dict[str, dict[int, Result]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def _context() -> mp.context.BaseContext:
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else "spawn")


def file_of(item_id: str) -> str | None:
    """The derivation file an item comes from (its id is FILE::id), or None (the catalog)."""
    return item_id.rsplit("::", 1)[0] if "::" in item_id else None


def _family(item: CatalogItem) -> str:
    """What an item shares its derivations with: its file, or its catalog family (the file
    a catalog entry is read from, by the digest in its key, or its first tag)."""
    found = file_of(item.id)
    if found is None and item.cache_key.count(":") >= 2:
        found = item.cache_key.rsplit(":", 1)[1]
    return found or (item.tags[0] if item.tags else item.id)


def _attributed(entry: Entry, item: CatalogItem) -> Entry:
    """A cached entry under the id and source of the item being checked now: the cache is
    keyed by content, so identical files (or one file by two paths) share entries."""
    if entry.id == item.id and entry.source == item.source:
        return entry
    return replace(entry, id=item.id, source=item.source)


@contextmanager
def _signals_ignored(wanted: bool) -> Iterator[None]:
    """SIGINT and SIGTERM ignored in the block (main thread only; where ``wanted``)."""
    if not wanted or threading.current_thread() is not threading.main_thread():
        yield
        return
    old = {sig: _set(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in old.items():
            if handler is not None:
                _set(sig, handler)


def _set(sig: int, handler: object) -> object:
    """signal.signal, where a signal that arrives while its handler is being set (CPython's
    "Signal 2 ignored due to race condition", a second Ctrl-C) is no traceback: the handler
    stands, the signal is dropped."""
    try:
        return signal.signal(sig, handler)  # type: ignore[arg-type]
    except OSError:
        return None


def signal_handlers() -> dict[int, object]:
    """The handlers of SIGINT and SIGTERM now (main thread only; else none)."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    return {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}


def restore_signal_handlers(saved: dict[int, object]) -> None:
    for sig, handler in saved.items():
        if handler is not None:
            signal.signal(sig, handler)  # type: ignore[arg-type]


def _as_goal(checks: list[Check], k: int, decided: dict[object, Result]) -> Result | None:
    """A chain's first or last line against the goal's side, written as one expression (A =
    A, under the goal's hypotheses): proved as the goal is decided, vacuously where it was
    (a point where the hypotheses hold and the goal's sides are defined is one where A is),
    without the seconds its own cases took; None where the goal is not decided yet."""
    check = checks[k]
    if check.kind not in (CheckKind.START, CheckKind.END) or not same_sides(check.claim):
        return None
    goal = next((c for c in checks if c.kind is CheckKind.GOAL), None)
    found = _decided(decided, goal.claim) if goal is not None else None
    if found is None or goal is None or goal.claim.given != check.claim.given \
            or found.verdict not in (Verdict.PROVED, Verdict.REFUTED):  # (numeric: whether
        return None  # the hypotheses can hold is not known)
    return Result(Verdict.PROVED, Method.VACUOUS if found.vacuous else Method.STRUCTURAL, 0.0,
                  detail=found.detail if found.vacuous else SAME_SIDES, vacuous=found.vacuous)


def _decided(decided: dict[object, Result], claim: object) -> Result | None:
    """The verdict of an equal claim decided earlier in the entry, or None."""
    try:
        return decided.get(claim)
    except TypeError:  # (a claim that cannot be hashed is decided again)
        return None


def _remember(decided: dict[object, Result], claim: object, result: Result) -> None:
    if result.verdict in (Verdict.PROVED, Verdict.REFUTED, Verdict.NUMERIC) \
            and result.method is not Method.INTERNAL:  # (not a limit's verdict, nor a bug's)
        try:
            decided[claim] = result
        except TypeError:
            pass


def interrupt_once() -> Callable[[], bool]:
    """SIGINT and SIGTERM raise KeyboardInterrupt once, and are ignored from then on (the
    command line: what is left after the first is writing the report of what finished, which
    a second signal, from `timeout` to the process group or a second Ctrl-C, must not stop,
    up to the process's exit). Returns whether a signal came."""
    came = [False]
    if threading.current_thread() is not threading.main_thread():
        return lambda: came[0]

    def first(signum: int, frame: object) -> None:
        for sig in (signal.SIGINT, signal.SIGTERM):
            _set(sig, signal.SIG_IGN)
        came[0] = True
        raise KeyboardInterrupt

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, first)
    return lambda: came[0]


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM (a CI job's timeout) stops the run like Ctrl-C: workers killed, a report of
    what finished. Only in the main thread, and only where nobody else handles SIGTERM."""
    if threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        yield
        return
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        yield
    finally:
        if signal.getsignal(signal.SIGTERM) is signal.default_int_handler:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)


def run(items: list[CatalogItem], settings: Settings | None = None, limits: Limits | None = None,
        on_result: Callable[[str, Check | None, Result], None] | None = None,
        cache: Cache | None = None,
        on_entry: Callable[[EntryOutcome], None] | None = None) -> RunReport:
    """Build and check every item; return the report (in the items' order).

    ``on_entry`` is called with each entry's outcome as soon as the entry is finished (cached
    entries first), so a terminal can show results while the rest are decided.

    Ctrl-C (KeyboardInterrupt) or SIGTERM during the run returns the report of what finished,
    with ``interrupted`` set; each finished entry is already in the cache."""
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
    with _terminate_as_interrupt():
        pool = _Run(items, todo, settings, limits, on_result, prog, checks_of, cache, on_entry)
        for item in items:
            if item.id in prog.results:  # from the cache: finished already
                pool.finished(item.id)
        report = pool.go()
    return replace(report, cached=len(items) - len(todo))


class _Run:
    """One run's pool of workers and its bookkeeping."""

    def __init__(self, items: list[CatalogItem], todo: list[CatalogItem], settings: Settings,
                 limits: Limits, on_result: Callable[[str, Check | None, Result], None] | None,
                 prog: _Progress, checks_of: dict[str, tuple[Check, ...]],
                 cache: Cache | None,
                 on_entry: Callable[[EntryOutcome], None] | None = None) -> None:
        self.items, self.todo, self.settings, self.limits = items, todo, settings, limits
        self.on_entry, self.announced = on_entry, set[str]()
        self.by_id = {item.id: item for item in items}
        self.on_result, self.prog, self.checks_of, self.cache = on_result, prog, checks_of, cache
        self.keys = {item.id: item.key for item in todo}
        self.queue: deque[tuple[str, int, int]] = deque(
            (item.id, k, 0) for k, item in enumerate(todo))
        self.builders = [item.build for item in todo]  # inherited by forked workers
        self.family = {item.id: _family(item) for item in todo}
        self.slots: list[_Slot] = []
        self.ctx = _context()
        self.used: dict[str | None, float] = defaultdict(float)  # worker-seconds per file
        jobs = limits.jobs or os.cpu_count() or 1
        self.jobs = max(1, min(jobs, len(todo))) if todo else 0

    # -- workers

    def spawn(self) -> _Slot:
        parent, child = self.ctx.Pipe()
        inherited = [parent] + [s.conn for s in self.slots]
        # Signals are blocked across the fork, so a Ctrl-C cannot reach the new worker before
        # it ignores SIGINT (and print a traceback there); the parent gets it right after.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:
            p = self.ctx.Process(target=_worker, daemon=True,
                                 args=(child, self.builders, self.settings, self.limits,
                                       os.getpid(), inherited))
            p.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        child.close()
        return _Slot(p, parent)

    def replace_slot(self, s: _Slot) -> None:
        s.process.kill()
        s.process.join()
        s.conn.close()
        index = self.slots.index(s)
        self.slots.pop(index)
        if self.queue and not self.out_of_run_budget():
            self.slots.insert(index, self.spawn())

    def stop(self, interrupted: bool) -> None:
        for s in self.slots:
            if interrupted:
                s.process.kill()
            else:
                try:
                    s.conn.send(None)
                except (BrokenPipeError, OSError):
                    pass
        for s in self.slots:
            s.process.join(timeout=0 if interrupted else 2)
            if s.process.is_alive():
                s.process.kill()
                s.process.join()
            s.conn.close()

    # -- results

    def record(self, key: str, k: int, result: Result) -> None:
        got = self.prog.results.setdefault(key, {})
        got[k] = result
        if self.on_result is not None:
            checks = self.checks_of.get(key)
            self.on_result(key, checks[k] if checks else None, result)
        checks = self.checks_of.get(key, ())
        if self.cache is not None and key in self.keys and key not in self.prog.errors \
                and len(got) == len(checks):  # the entry is finished: keep it at once
            self.cache.store(self.keys[key], self.prog.entries[key], got)
        self.finished(key)

    def finished(self, key: str) -> None:
        """Tell ``on_entry`` about an entry once, as soon as nothing in it is left to do."""
        if self.on_entry is None or key in self.announced:
            return
        checks = self.checks_of.get(key)
        if key not in self.prog.errors and \
                (checks is None or len(self.prog.results.get(key, {})) < len(checks)):
            return
        self.announced.add(key)
        self.on_entry(self.outcome(self.by_id[key]))

    def give_up(self, key: str, first: int, result: Result, error: str) -> None:
        """Checks ``first`` … of an entry end with ``result`` (an unbuilt entry: ``error``)."""
        checks = self.checks_of.get(key)
        if checks is None:
            self.prog.errors.setdefault(key, error)
        else:
            for k in range(first, len(checks)):
                self.prog.results.setdefault(key, {}).setdefault(k, result)
        self.finished(key)

    # -- budgets

    def out_of_run_budget(self) -> bool:
        b = self.limits.budget
        return b is not None and time.perf_counter() - self.t0 > b

    def over_budget(self, key: str) -> str | None:
        """Why this entry's checking must stop now, or None."""
        if self.out_of_run_budget():
            return f"the run's budget of {self.limits.budget:g} s ran out (--budget)"
        fb, f = self.limits.file_budget, file_of(key)
        if fb is not None and f is not None and self.used[f] > fb:
            return f"the file's budget of {fb:g} s ran out (--file-budget)"
        return None

    def charge(self, s: _Slot, now: float) -> None:
        if s.task is not None:
            self.used[file_of(s.task[0])] += now - s.charged
        s.charged = now

    def budget_result(self, why: str) -> Result:
        return Result(Verdict.UNKNOWN, Method.BUDGET, 0.0, detail=f"not decided: {why}")

    # -- the loop

    def go(self) -> RunReport:
        self.t0 = time.perf_counter()
        interrupted = False
        try:
            self.slots = []
            for _ in range(self.jobs):
                self.slots.append(self.spawn())
            self.loop()
        except KeyboardInterrupt:
            interrupted = True
        # A second signal while the workers are stopped and the report made (`timeout` sends
        # one to the process and one to its group, a user presses Ctrl-C twice) must not lose
        # the report of what finished: it is ignored until then.
        with _signals_ignored(interrupted):
            self.stop(interrupted)
            return self.report(interrupted)

    def take(self, s: _Slot) -> tuple[str, int, int]:
        """The next task for this worker: another of the family it worked on last (entries of
        one file, or of one catalog family, share derivatives and normal forms that a worker
        remembers: split between two workers, each works them out), else one of a family no
        other worker has, else the first in line."""
        busy = {o.group for o in self.slots if o is not s and o.task is not None}
        pick = None
        for task in self.queue:
            family = self.family[task[0]]
            if family == s.group:
                pick = task
                break
            if pick is None and family not in busy:
                pick = task
        pick = pick or self.queue[0]
        self.queue.remove(pick)
        s.group = self.family[pick[0]]
        return pick

    def dispatch(self, s: _Slot) -> None:
        while s.task is None and self.queue:
            task = self.take(s)
            why = self.over_budget(task[0])
            if why is not None:
                self.give_up(task[0], task[2], self.budget_result(why),
                             f"unknown (budget): not checked, {why}")
                continue
            now = time.perf_counter()
            s.task, s.check, s.since, s.charged = task, None, now, now
            s.conn.send(task)

    def loop(self) -> None:
        while self.queue or any(s.task for s in self.slots):
            if not self.slots:  # every worker was stopped by the budget
                for task in list(self.queue):
                    self.dispatch_nowhere(task)
                return
            for s in self.slots:
                self.dispatch(s)
            busy = [s for s in self.slots if s.task]
            ready = wait([s.conn for s in busy], timeout=0.2) if busy else []
            for s in busy:
                now = time.perf_counter()
                self.charge(s, now)
                if s.conn in ready:
                    try:
                        msg = wire.loads(s.conn.recv_bytes())
                    except (EOFError, OSError):
                        self.lost(s, "the worker process died (memory or a crash)", Method.MEMORY)
                        self.replace_slot(s)
                        continue
                    self.handle(s, msg)
                elif now - s.since > self.limits.timeout:
                    self.lost(s, f"timeout after {self.limits.timeout:g} s", Method.TIMEOUT)
                    self.replace_slot(s)
                elif (why := self.over_budget(s.task[0])) is not None:  # type: ignore[index]
                    self.lost(s, f"not decided: {why}", Method.BUDGET)
                    self.replace_slot(s)

    def dispatch_nowhere(self, task: tuple[str, int, int]) -> None:
        self.queue.remove(task)
        why = self.over_budget(task[0]) or "no worker is left"
        self.give_up(task[0], task[2], self.budget_result(why),
                     f"unknown (budget): not checked, {why}")

    def handle(self, s: _Slot, msg: tuple) -> None:
        kind, key = msg[0], msg[1]
        if kind == "built":
            # (None: a Prebuilt entry, which the parent holds; unpickling a large one would
            # rebuild every SymPy node, 0.5 s for a 64 × 64 Jacobian)
            entry = msg[2] if msg[2] is not None else self.by_id[key].build()
            self.prog.entries[key] = entry
            self.checks_of[key] = entry.checks()
            self.finished(key)  # an entry without checks
        elif kind == "start":
            s.check, s.since, s.decided = msg[2], time.perf_counter(), None
        elif kind == "decided":
            s.decided = msg[3]
        elif kind == "result":
            self.record(key, msg[2], msg[3])
            s.check, s.decided = None, None
        elif kind == "build_error":
            self.prog.errors[key] = msg[2]
            s.task = None
            self.finished(key)
        elif kind == "done":
            s.task = None

    def lost(self, s: _Slot, why: str, method: Method) -> None:
        """The worker is gone or stopped: the claim it was on ends with ``why``; the entry
        resumes after it, unless a budget ran out (then the rest is unknown (budget))."""
        assert s.task is not None
        key, index, _ = s.task
        elapsed = time.perf_counter() - s.since
        s.task = None
        if s.check is None:  # it was building the entry
            self.prog.errors[key] = f"building the entry: {why}" if method is not Method.BUDGET \
                else f"unknown (budget): not checked, {why.removeprefix('not decided: ')}"
            self.finished(key)
            return
        if s.decided is not None:  # stopped while diagnosing: the verdict stands
            self.record(key, s.check, s.decided)
            s.decided = None
        else:
            self.record(key, s.check, Result(Verdict.UNKNOWN, method, elapsed, detail=why))
        if method is Method.BUDGET:
            self.give_up(key, s.check + 1, self.budget_result(why.removeprefix("not decided: ")),
                         "")
        elif s.check + 1 < len(self.checks_of.get(key, ())):
            self.queue.appendleft((key, index, s.check + 1))

    def outcome(self, item: CatalogItem, interrupted: bool = False) -> EntryOutcome:
        prog = self.prog
        entry = prog.entries.get(item.id)
        got = prog.results.get(item.id, {})
        error = prog.errors.get(item.id, "")
        all_checks = self.checks_of.get(item.id, ())
        if interrupted and not error:
            if entry is None:
                error = NOT_RUN
            else:
                got = {k: got.get(k, Result(Verdict.UNKNOWN, Method.NOT_RUN, 0.0,
                                            detail=NOT_RUN))
                       for k in range(len(all_checks))}
        checks = tuple(CheckResult(c, got[k]) for k, c in enumerate(all_checks) if k in got)
        return EntryOutcome(item.id, item.title, item.source, entry, by_the_chain(checks), error)

    def report(self, interrupted: bool) -> RunReport:
        outcomes = tuple(self.outcome(item, interrupted) for item in self.items)
        return RunReport(outcomes, time.perf_counter() - self.t0, self.settings.seed,
                         self.limits.timeout, self.jobs, interrupted=interrupted)


def by_the_chain(checks: tuple[CheckResult, ...]) -> tuple[CheckResult, ...]:
    """An inequality chain's goal (a ≤ … ≤ b) that its own check left open (unknown, or
    numeric only) is proved when every step of the chain is, each from the line before it,
    and the chain starts and ends at the goal's sides: the steps give it by transitivity,
    wherever every line of the chain is defined. So is a chain of implications' first ⇒ last
    (each equation follows from the one before it, so the last from the first)."""
    goal = next((c for c in checks if c.check.kind is CheckKind.GOAL), None)
    premise = goal.check.claim.premise if goal is not None else None
    if goal is None or (goal.check.claim.relation in ("=", "approx") and premise is None) \
            or goal.check.claim.undecided \
            or goal.result.verdict not in (Verdict.UNKNOWN, Verdict.NUMERIC) \
            or goal.result.method in (Method.TIMEOUT, Method.MEMORY, Method.BUDGET,
                                      Method.NOT_RUN, Method.INTERNAL):
        return checks
    steps = [c for c in checks if c.check.kind is CheckKind.STEP]
    ends = [c for c in checks if c.check.kind in (CheckKind.START, CheckKind.END)]
    if premise is not None:  # a chain of implications (first ⇒ last): each step from the one
        # before it (no rewrite on the way), each ⇔ for a goal that says ⇔
        ends = []
        if any(c.check.claim.premise is None or (premise.arrow == "⇔" and
                                                 c.check.claim.premise.arrow != "⇔")
               for c in steps):
            return checks
    elif len(ends) != 2:
        return checks
    if not steps or any(c.check.after is not None for c in steps) or not all(
            c.result.verdict is Verdict.PROVED and not c.result.vacuous for c in steps + ends):
        return checks
    bound = sum(c.result.failure_bound or 0.0 for c in steps)
    at_ends = set(goal.check.claim.domain)  # a line between them undefined where they are
    if any(set(c.check.claim.domain) - at_ends for c in steps):  # not: the chain says nothing
        return checks  # there, and the goal may fail there ((19x − 7)⁴/(19x − 7)² at 7/19)
    result = replace(goal.result, verdict=Verdict.PROVED, method=Method.CHAIN,
                     counterexample=None, numeric=None, failure_bound=bound or None,
                     detail="each step of the chain is proved, and together they give the goal "
                            "(transitivity)")
    return tuple(replace(c, result=result) if c is goal else c for c in checks)
