"""The conventions of the tools users know, run as a user runs them (a subprocess):
--version, colour (--color, NO_COLOR, FORCE_COLOR) apart from ASCII, [tool.derivcheck] in
pyproject.toml, directory arguments, ``-`` for standard input."""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

import pytest

from tests.cli_run import GOOD_TOML, derivcheck

SGR = re.compile(r"\x1b\[([0-9;]*)m")


def colours(text: str) -> set[str]:
    """The colour codes (foreground or background) among the text's SGR sequences."""
    found = set()
    for params in SGR.findall(text):
        codes = params.split(";")
        for k, code in enumerate(codes):
            if code in ("38", "48"):  # 256-colour or true-colour: the codes after it are its value
                found.add(";".join(codes[k:]))
                break
            if code.isdigit() and (30 <= int(code) <= 37 or 40 <= int(code) <= 47
                                   or 90 <= int(code) <= 97):
                found.add(code)
    return found


def test_version_is_the_installed_distributions() -> None:
    proc = derivcheck("--version", cwd=Path.cwd())
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"derivcheck {importlib.metadata.version('derivcheck')}\n"


@pytest.fixture(scope="module")
def ok_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("colour")
    (d / "ok.toml").write_text(GOOD_TOML, encoding="utf-8")
    return d


@pytest.mark.parametrize(("args", "env", "coloured", "unicode"), [
    ((), {}, False, True),                                      # a pipe: no colour
    ((), {"FORCE_COLOR": "1"}, True, True),                     # forced, even into a pipe
    ((), {"FORCE_COLOR": ""}, False, True),                     # empty means not set
    ((), {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, True),   # NO_COLOR wins over FORCE_COLOR
    (("--color", "always"), {"NO_COLOR": "1"}, True, True),     # the flag wins over both
    (("--color", "never"), {"FORCE_COLOR": "1"}, False, True),
    (("--ascii",), {}, False, False),                           # ASCII is its own switch
    (("--ascii",), {"FORCE_COLOR": "1"}, True, False),
    (("--ascii", "--color", "always"), {}, True, False),
], ids=["pipe", "force", "force-empty", "no-color-wins", "always", "never", "ascii",
        "ascii-force", "ascii-always"])
def test_colour_and_ascii_are_separate_switches(ok_dir: Path, args: tuple[str, ...],
                                                env: dict[str, str], coloured: bool,
                                                unicode: bool) -> None:
    proc = derivcheck("check", "ok.toml", *args, cwd=ok_dir, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert bool(colours(proc.stdout)) is coloured, proc.stdout[:300]
    if not coloured:
        assert "\x1b[" not in proc.stdout  # into a pipe: no escape sequence at all
    plain = SGR.sub("", proc.stdout)
    assert ("✓ proved" in plain) is unicode
    assert ("ok proved" in plain) is not unicode
    if not unicode:
        assert plain.isascii()


def test_no_color_drops_colour_only_in_list_and_show(ok_dir: Path) -> None:
    shown = derivcheck("show", "sigmoid-derivative-002-chain", cwd=ok_dir,
                       env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert shown.returncode == 0 and "(−1)(1 + e^(−x))^(−2)(e^(−x))" in shown.stdout
    assert not colours(shown.stdout)
    coloured = derivcheck("show", "sigmoid-derivative-002-chain", "--color", "always",
                          cwd=ok_dir, env={"NO_COLOR": "1"})
    assert coloured.returncode == 0 and colours(coloured.stdout)
    assert SGR.sub("", coloured.stdout) == shown.stdout  # the same text, coloured
    listed = derivcheck("list", "--only", "tanh", cwd=ok_dir, env={"NO_COLOR": "1"})
    assert listed.returncode == 0 and "━" in listed.stdout and "\x1b[" not in listed.stdout
