"""Reading derivation files: only regular files, at most the limit read (issue 9, item 6).

A path that is not a regular file once symlinks are resolved (a directory, a FIFO, a
device such as /dev/zero, a socket) is refused with a message naming it; a file is read up to
the limit plus one byte, whatever size it reports; every other file is still checked (exit 2).
"""

from __future__ import annotations

import json
import os
import resource
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from checker.derivation_file import MAX_FILE_BYTES, load_file
from checker.files.common import WHAT

ROOT = Path(__file__).resolve().parent.parent
GOOD = 'format = 1\n[[derivation]]\nid = "ok"\nclaim = "x + x == 2*x"\n'


def _limited() -> None:  # the old reader grew /dev/zero until memory ran out
    resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))


def test_devices_fifos_sockets_and_directories_are_refused_and_the_rest_checked(
        tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text(GOOD)
    os.symlink("/dev/zero", tmp_path / "zero.toml")
    os.symlink(tmp_path / "zero.toml", tmp_path / "chain.toml")  # a symlink to a symlink
    os.mkfifo(tmp_path / "fifo.toml")
    (tmp_path / "folder.toml").mkdir()
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock.toml"))
    try:
        names = ["zero.toml", "/dev/zero", "chain.toml", "fifo.toml", "folder.toml",
                 "sock.toml", "good.toml"]
        proc = subprocess.run(
            [sys.executable, str(ROOT / "cli.py"), "check", *names, "--format", "json",
             "--no-cache", "--jobs", "1"],
            cwd=tmp_path, capture_output=True, text=True, timeout=120, preexec_fn=_limited,
            check=False)
    finally:
        sock.close()
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    data = json.loads(proc.stdout)
    errors = {e["id"]: e["error"] for e in data["entries"] if e["input_error"]}
    assert errors == {
        "zero.toml": f"zero.toml: is a character device (/dev/zero), not a regular file; pass {WHAT}",
        "/dev/zero": f"/dev/zero: is a character device, not a regular file; pass {WHAT}",
        "chain.toml": f"chain.toml: is a character device (/dev/zero), not a regular file; "
                      f"pass {WHAT}",
        "fifo.toml": f"fifo.toml: is a FIFO (named pipe), not a regular file; pass {WHAT}",
        # a directory is walked (issue 13); this one holds nothing to read
        "folder.toml": "folder.toml: is a directory that holds no derivation file or document "
                       "(.toml, .md, .markdown, .txt, .tex, .ipynb); pass files, or a directory "
                       "that holds some",
        "sock.toml": f"sock.toml: is a socket, not a regular file; pass {WHAT}",
    }
    (record,) = data["records"]
    assert record["entry"] == "good.toml::ok" and record["verdict"] == "proved"


def test_at_most_the_limit_is_read_whatever_size_is_reported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.toml"
    big.write_text("#" * (MAX_FILE_BYTES + 1))
    assert load_file(str(big)).errors[0].message == \
        f"the file holds more than {MAX_FILE_BYTES} bytes; the limit is {MAX_FILE_BYTES}"
    exact = tmp_path / "exact.toml"
    exact.write_text(GOOD + "#" * (MAX_FILE_BYTES - len(GOOD)))
    assert [i.id for i in load_file(str(exact)).items] == [f"{exact}::ok"]
    # A file that reports a small size but holds more (as /proc files and devices do): the
    # reader asks for the limit plus one byte, never for "everything".
    reads: list[int] = []
    real_read = os.read

    def spy(fd: int, n: int) -> bytes:
        reads.append(n)
        return real_read(fd, n)

    monkeypatch.setattr(os, "read", spy)
    assert load_file(str(big)).errors
    assert reads and max(reads) <= MAX_FILE_BYTES + 1 and sum(reads) <= MAX_FILE_BYTES + 1


def test_a_symlink_to_a_good_file_is_read(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text(GOOD)
    os.symlink(good, tmp_path / "link.toml")
    loaded = load_file(str(tmp_path / "link.toml"))
    assert not loaded.errors and [i.id for i in loaded.items] == [f"{tmp_path}/link.toml::ok"]
