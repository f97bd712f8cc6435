"""The pytest plugin, run as a user runs it (pytester, in a subprocess, the plugin found
through its pytest11 entry point): derivations collected as items, failures showing the
wrong step, its counterexample and the reproduce command; [tool.derivcheck]; no SymPy
until a file is collected; pytest-xdist."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import pytest_derivcheck
from checker import Limits, Settings, run
from checker.files import READERS, load_file
from tests.cli_run import GOOD_TOML, HOMEWORK, UNREADABLE, WRONG_LINE
from tests.recheck import assert_refutations

pytest_plugins = ["pytester"]

LAZY_TEST = """
import sys

def test_plugin_loaded_and_nothing_heavy_imported():
    assert "pytest_derivcheck" in sys.modules  # through the entry point
    heavy = sorted(m for m in sys.modules if m.startswith(("sympy", "checker.engine", "flint")))
    assert not heavy, heavy
    assert ("checker" in sys.modules) is {enabled}  # on: only its settings reader is read
"""
TWO_TOML = GOOD_TOML + """
[[derivation]]
id = "unreadable"
claim = "x +* 2 == 2"

[[derivation]]
id = "square"
steps = ["(x + 1)**2", "x**2 + 2*x + 1"]
"""


@pytest.fixture
def tree(pytester: pytest.Pytester) -> pytest.Pytester:
    """A user's test tree: a Python test, a Markdown homework with one wrong step and one
    unreadable line, a derivation file with one unreadable derivation, and a pyproject.toml
    (which is not a derivation file)."""
    pytester.makepyfile(test_plain="def test_plain():\n    assert 1 + 1 == 2\n")
    (pytester.path / "notes").mkdir()
    (pytester.path / "notes" / "hw.md").write_text(HOMEWORK, encoding="utf-8")
    (pytester.path / "derivations.toml").write_text(TWO_TOML, encoding="utf-8")
    (pytester.path / "pyproject.toml").write_text('[project]\nname = "course"\n',
                                                  encoding="utf-8")
    return pytester


def test_the_plugin_reads_every_suffix_check_reads() -> None:
    assert pytest_derivcheck.SUFFIXES == set(READERS)


def test_importing_the_plugin_imports_no_sympy() -> None:
    code = ("import sys, pytest_derivcheck; "
            "assert 'sympy' not in sys.modules and 'checker' not in sys.modules, "
            "sorted(m for m in sys.modules if m.startswith(('sympy', 'checker')))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr


def test_without_the_switch_nothing_is_collected(tree: pytest.Pytester) -> None:
    tree.makepyfile(test_lazy=LAZY_TEST.format(enabled=False))
    result = tree.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)


def test_switched_on_with_no_derivation_file_sympy_stays_unimported(
        pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_lazy=LAZY_TEST.format(enabled=True))
    pytester.runpytest_subprocess("--derivcheck").assert_outcomes(passed=1)


@pytest.mark.slow
def test_derivations_are_items_and_failures_show_the_wrong_step(tree: pytest.Pytester) -> None:
    # the counterexamples the plugin will show, re-checked independently
    loaded = load_file(str(tree.path / "notes" / "hw.md"))
    assert assert_refutations(run(loaded.items, Settings(), Limits(jobs=1))) == 2

    result = tree.runpytest_subprocess("--derivcheck", "-v", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=3, failed=3)
    result.stdout.fnmatch_lines([
        "derivations.toml::tanh PASSED*",
        "derivations.toml::square PASSED*",
        "derivations.toml::unreadable FAILED*",
        "notes/hw.md::L9 FAILED*",
        f"notes/hw.md::L{UNREADABLE[0]} FAILED*",
        "test_plain.py::test_plain PASSED*",
    ])
    text = result.stdout.str()
    assert "pyproject.toml::" not in text  # not a derivation file: not collected
    # the wrong step: as written, with its line, the counterexample, both values, reproduce
    result.stdout.fnmatch_lines([
        "*_ derivation L9 at notes/hw.md:11 _*",
        "notes/hw.md::L9: 2 of 5 checks not as expected",
        "step 2 == step 3: refuted — EXPECTED PROVED   <- the first wrong step",
        "    step 2 (line 11): \\frac{e^{-x}}{(1+e^{-x})^2}",
        f"    step 3 (line {WRONG_LINE}): \\frac{{1}}{{1+e^{{-x}}}} "
        "\\left(1 + \\frac{1}{1+e^{-x}}\\right)",
        "    counterexample: x = 0",
        "    step 2 = 1/4, step 3 = 3/4 (exact rational evaluation)",
        "    reproduce: derivcheck check 'notes/hw.md' --only 'L9' --seed 20261122",
        "goal: lhs == rhs: refuted — EXPECTED PROVED",
    ])
    result.stdout.fnmatch_lines([
        "cannot be read: notes/hw.md:18:8: the definition of y: \\oint: only single integrals*",
    ])
    result.stdout.fnmatch_lines(["cannot be read: derivations.toml, derivation 'unreadable'*"])


@pytest.mark.slow
def test_the_ini_switch_and_tool_derivcheck_paths_and_strict(tree: pytest.Pytester) -> None:
    # (given f(x) > 0: a hypothesis about f, so no polynomial is put in for it: unknown)
    unknown = ('format = 1\n[context]\nfunctions = { f = "arbitrary" }\n[[derivation]]\n'
               'id = "u"\nclaim = "f(x) == f(2*x)"\ngiven = ["f(x) > 0"]\nexpect = "unknown"\n')
    (tree.path / "notes" / "open.toml").write_text(unknown, encoding="utf-8")
    (tree.path / "pyproject.toml").write_text(
        '[project]\nname = "course"\n\n[tool.pytest.ini_options]\nderivcheck = true\n\n'
        '[tool.derivcheck]\npaths = ["notes"]\n', encoding="utf-8")
    result = tree.runpytest_subprocess("-v", "-p", "no:cacheprovider")
    # derivations.toml is outside paths; notes/open.toml is unknown as expected: it passes
    result.assert_outcomes(passed=2, failed=2)
    assert ("derivcheck: derivation files and documents are collected; settings: "
            f"[tool.derivcheck] in {tree.path / 'pyproject.toml'}\n") in result.stdout.str()
    result.stdout.fnmatch_lines(["notes/open.toml::u PASSED*"])
    with (tree.path / "pyproject.toml").open("a", encoding="utf-8") as fh:
        fh.write("strict = true\n")
    strict = tree.runpytest_subprocess("-v", "-p", "no:cacheprovider")
    strict.assert_outcomes(passed=1, failed=3)
    strict.stdout.fnmatch_lines(["notes/open.toml::u FAILED*",
                                 "lhs == rhs: unknown (expected)   (fails under strict = true)"])


def test_a_bad_setting_stops_pytest_with_a_usage_error(tree: pytest.Pytester) -> None:
    (tree.path / "pyproject.toml").write_text('[tool.derivcheck]\ntimeout = "soon"\n',
                                              encoding="utf-8")
    result = tree.runpytest_subprocess("--derivcheck")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert result.stderr.str().strip() == (
        f"ERROR: derivcheck: {tree.path / 'pyproject.toml'}: [tool.derivcheck] timeout (as "
        "--timeout) must be a positive number of seconds, got 'soon'")
    assert "Traceback" not in result.stdout.str() + result.stderr.str()


@pytest.mark.slow
def test_pytest_xdist_spreads_the_items(tree: pytest.Pytester) -> None:
    result = tree.runpytest_subprocess("--derivcheck", "-n", "2", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=3, failed=3)
    result.stdout.fnmatch_lines(["*2 workers*",
                                 "step 2 == step 3: refuted — EXPECTED PROVED   <- the first "
                                 "wrong step"])
    assert "reproduce: derivcheck check 'notes/hw.md' --only 'L9'" in result.stdout.str()


def test_what_a_walk_meets_that_is_not_a_file_fails_as_check_reports_it(
        tree: pytest.Pytester) -> None:
    """A broken link and a FIFO with a document's suffix: `derivcheck check` names both;
    pytest offers neither to the plugin's collect hook, so they are added as failing items."""
    notes = tree.path / "notes"
    (notes / "broken.md").symlink_to(notes / "nowhere.md")
    os.mkfifo(notes / "pipe.md")
    result = tree.runpytest_subprocess("--derivcheck", "-v", "-p", "no:cacheprovider", "notes")
    result.stdout.fnmatch_lines(["*notes/broken.md::(file) FAILED*", "*notes/pipe.md::(file) FAILED*"])
    result.stdout.fnmatch_lines(["*is a FIFO (named pipe), not a regular file*"])
