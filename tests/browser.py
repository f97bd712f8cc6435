"""A real headless Chromium, driven over the DevTools protocol through a pipe (stdlib only).

``Chromium().open(path)`` loads a page and returns what a person would see: the errors its
console shows (script exceptions, console.error, and the browser's own log entries at level
error, which is where a refused request or a Content-Security-Policy violation appears), the
measured size of each element a query names, and a PNG screenshot. Chromium is Debian's
(``apt-get install chromium``; ``.ci/run`` installs it where it is missing), started with the
flags this machine needs (no sandbox as root, no GPU, no background networking) and a fresh
profile directory.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-quic", "--disable-extensions", "--hide-scrollbars", "--mute-audio")


def executable() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None


@dataclass
class Page:
    errors: list[str] = field(default_factory=list)
    measured: dict[str, Any] = field(default_factory=dict)
    screenshot: bytes = b""


class ProtocolError(RuntimeError):
    pass


class Chromium:
    """One browser process; use as a context manager."""

    def __init__(self, exe: str | None = None, width: int = 1280, height: int = 1400,
                 timeout: float = 60.0) -> None:
        self.exe = exe or executable()
        if self.exe is None:
            raise FileNotFoundError("chromium")
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="derivcheck-chromium-")
        cmd_r, cmd_w = os.pipe()  # we write commands; the browser reads them on fd 3
        res_r, res_w = os.pipe()  # the browser writes answers on fd 4
        # the child's ends, moved out of the way of 3 and 4 before they are put there
        child_in = fcntl.fcntl(cmd_r, fcntl.F_DUPFD, 10)
        child_out = fcntl.fcntl(res_w, fcntl.F_DUPFD, 10)
        os.close(cmd_r)
        os.close(res_w)

        def place() -> None:
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        self.proc = subprocess.Popen(
            [self.exe, *FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-pipe",
             f"--window-size={width},{height}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            preexec_fn=place, close_fds=False)
        os.close(child_in)
        os.close(child_out)
        self._w, self._r = cmd_w, res_r
        self._buf = b""
        self._next = 0
        self.events: list[dict] = []

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except (ProtocolError, OSError, TimeoutError):
            pass
        for fd in (self._w, self._r):
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.proc.stderr is not None:
            self.proc.stderr.close()
        shutil.rmtree(self.profile, ignore_errors=True)

    # -- the protocol: JSON messages separated by NUL bytes -----------------------------

    def _message(self, deadline: float) -> dict:
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no answer from Chromium")
            ready, _, _ = select.select([self._r], [], [], left)
            if not ready:
                continue
            chunk = os.read(self._r, 1 << 20)
            if not chunk:
                err = self.proc.stderr.read().decode(errors="replace")[-2000:] \
                    if self.proc.stderr else ""
                raise ProtocolError(f"Chromium closed the pipe: {err}")
            self._buf += chunk
        raw, _, self._buf = self._buf.partition(b"\0")
        return json.loads(raw)

    def send(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float | None = None) -> dict:
        self._next += 1
        msg: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            answer = self._message(deadline)
            if answer.get("id") == self._next:
                if "error" in answer:
                    raise ProtocolError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)

    def wait_for(self, method: str, session: str, timeout: float | None = None) -> dict:
        deadline = time.monotonic() + (timeout or self.timeout)
        for k, event in enumerate(self.events):
            if event.get("method") == method and event.get("sessionId") == session:
                return self.events.pop(k)
        while True:
            event = self._message(deadline)
            if event.get("method") == method and event.get("sessionId") == session:
                return event
            self.events.append(event)

    # -- what a person sees -------------------------------------------------------------

    def open(self, path: Path, measure: str = "null") -> Page:
        """Load ``path``; return its console errors, the value of the JavaScript expression
        ``measure`` (evaluated by the protocol, not by the page, which may allow no script),
        and a screenshot of the window."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget",
                            {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable", session=session)
        self.events.clear()
        self.send("Page.navigate", {"url": path.resolve().as_uri()}, session=session)
        self.wait_for("Page.loadEventFired", session)
        # fonts and layout settle before anything is measured
        self.send("Runtime.evaluate", {"expression": "document.fonts.ready.then(() => 1)",
                                       "awaitPromise": True}, session=session)
        measured = self.send("Runtime.evaluate", {"expression": measure, "returnByValue": True},
                             session=session)
        if "exceptionDetails" in measured:
            raise ProtocolError(f"the measuring expression failed: {measured['exceptionDetails']}")
        shot = self.send("Page.captureScreenshot", {"format": "png"}, session=session)
        # anything the page logged while it was measured and drawn
        self.send("Runtime.evaluate", {"expression": "1"}, session=session)
        page = Page(errors=self._errors(session), measured=measured["result"].get("value"),
                    screenshot=base64.b64decode(shot["data"]))
        self.send("Target.closeTarget", {"targetId": target})
        return page

    def _errors(self, session: str) -> list[str]:
        out = []
        for event in self.events:
            if event.get("sessionId") != session:
                continue
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                out.append(f"exception: {details.get('text')} "
                           f"{details.get('exception', {}).get('description', '')}")
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error",
                                                                                 "assert"):
                out.append("console.error: " + " ".join(
                    str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                entry = params["entry"]
                out.append(f"log ({entry.get('source')}): {entry.get('text')} {entry.get('url', '')}")
        return out
