"""CI formats run as a user runs them: ``--format github`` (workflow annotations at
file:line), JUnit test cases with file, line and the step text in the failure, and the
pre-commit hook run by pre-commit itself."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import pytest

from checker import Limits, Settings, run
from checker.files import load_files
from checker.report import FORMATS
from checker.report.github import command
from tests.cli_run import GOOD_TOML, HOMEWORK, ROOT, UNREADABLE, WRONG_LINE, derivcheck
from tests.recheck import assert_refutations

ANNOTATION = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def annotations(stdout: str) -> tuple[list[dict[str, str]], list[str]]:
    """The workflow commands (decoded as GitHub decodes them) and the plain lines."""
    found, plain = [], []
    for line in stdout.splitlines():
        m = ANNOTATION.match(line)
        if m is None:
            plain.append(line)
            continue
        props = dict(p.split("=", 1) for p in m.group(2).split(","))
        found.append({"level": m.group(1), **{k: unquote(v) for k, v in props.items()},
                      "message": unquote(m.group(3))})
    return found, plain


@pytest.fixture(scope="module")
def homework(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("hw")
    (d / "hw.md").write_text(HOMEWORK, encoding="utf-8")
    # the counterexamples the CLI will print, re-checked independently
    loaded = load_files([str(d / "hw.md")])
    assert assert_refutations(run(loaded.items, Settings(), Limits(jobs=1))) == 2
    return d


def test_github_is_a_registered_format() -> None:
    assert {"rich", "json", "junit", "github"} <= set(FORMATS)


def test_github_annotations_at_file_and_line(homework: Path) -> None:
    proc = derivcheck("check", "hw.md", "--format", "github", cwd=homework)
    assert proc.returncode == 2, proc.stderr  # an input error (the \oint line)
    found, plain = annotations(proc.stdout)
    assert plain == ["derivcheck: 2 entries, 5 checks, 2 not as expected"]
    assert [(a["level"], a["file"], a.get("line"), a.get("col")) for a in found] == [
        ("error", "hw.md", str(UNREADABLE[0]), str(UNREADABLE[1])),
        ("error", "hw.md", "11", None),  # the goal: the chain's first line
        ("error", "hw.md", str(WRONG_LINE), None),
    ]
    unreadable, goal, step = found
    assert "\\oint: only single integrals" in unreadable["message"]
    assert step["title"] == "derivcheck: L9: refuted — EXPECTED PROVED"
    assert step["message"].splitlines() == [
        "step 2 == step 3: refuted — EXPECTED PROVED",
        "step 2 (line 11): \\frac{e^{-x}}{(1+e^{-x})^2}",
        "step 3 (line 12): \\frac{1}{1+e^{-x}} \\left(1 + \\frac{1}{1+e^{-x}}\\right)",
        "counterexample: x = 0",
        "step 2 = 1/4, step 3 = 3/4 (exact rational evaluation)",
        "reproduce: derivcheck check 'hw.md' --only 'L9' --seed 20261122",
        "what is wrong (sign): the sign of the term \\frac{1}{1+e^{-x}} is wrong: + where − "
        "is meant",
        "where: \\frac{1}{1+e^{-x}} \\left(1 + [\\frac{1}{1+e^{-x}}]\\right)",
        "did you mean: \\frac{1}{1+e^{-x}} \\left(1 - \\frac{1}{1+e^{-x}}\\right)   "
        "(proved equal to step 2)",
    ]
    assert "counterexample: x = 0" in goal["message"]


def test_github_clean_run_is_one_summary_line(tmp_path: Path) -> None:
    (tmp_path / "ok.toml").write_text(GOOD_TOML, encoding="utf-8")
    proc = derivcheck("check", "ok.toml", "--format", "github", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "derivcheck: 1 entry, 4 checks, every result as expected\n"


def test_github_a_wrong_step_kept_on_purpose_is_no_annotation(tmp_path: Path) -> None:
    (tmp_path / "kept.toml").write_text(GOOD_TOML.replace(
        '"(1 - exp(-2*x))/(1 + exp(-2*x))"]',
        '{ expr = "(1 + exp(-2*x))/(1 - exp(-2*x))", expect = "refuted" }]\nexpect = "refuted"'),
        encoding="utf-8")
    proc = derivcheck("check", "kept.toml", "--format", "github", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert annotations(proc.stdout)[0] == []


def test_github_escapes_what_would_end_a_property_or_a_line() -> None:
    line = command("error", "50% of\nit", "a: b, c", "dir/a,b.md", 3, 4)
    assert line == "::error file=dir/a%2Cb.md,line=3,col=4,title=a%3A b%2C c::50%25 of%0Ait"
    assert "\n" not in line


def test_junit_cases_carry_file_line_and_the_step_text(homework: Path) -> None:
    proc = derivcheck("check", "hw.md", "--format", "junit", cwd=homework)
    assert proc.returncode == 2, proc.stderr
    root = ET.fromstring(proc.stdout)
    cases = {c.get("name"): c for c in root.iter("testcase")}
    step = cases["hw.md::L9#step3 (step 2 == step 3)"]
    assert (step.get("file"), step.get("line")) == ("hw.md", str(WRONG_LINE))
    failure = step.find("failure")
    assert failure is not None
    assert failure.get("message") == (
        "step 2 == step 3: expected proved, got refuted (step 2 (line 11): "
        "\\frac{e^{-x}}{(1+e^{-x})^2}; step 3 (line 12): \\frac{1}{1+e^{-x}} "
        "\\left(1 + \\frac{1}{1+e^{-x}}\\right))")
    assert "counterexample: x = 0\nstep 2 = 1/4, step 3 = 3/4" in failure.text
    assert "reproduce: derivcheck check 'hw.md' --only 'L9'" in failure.text
    # every case of the document names its file and line, the unreadable line too
    assert all(c.get("file") == "hw.md" and c.get("line") for c in cases.values())
    build = cases["build"]
    assert build.get("line") == str(UNREADABLE[0]) and build.find("error") is not None


def test_junit_derivation_files_name_their_file(tmp_path: Path) -> None:
    (tmp_path / "ok.toml").write_text(GOOD_TOML, encoding="utf-8")
    (tmp_path / "bad.toml").write_text("format = 1\n[[derivation]]\nid = 'x'\n",
                                       encoding="utf-8")
    proc = derivcheck("check", "ok.toml", "bad.toml", "--format", "junit", cwd=tmp_path)
    assert proc.returncode == 2
    cases = list(ET.fromstring(proc.stdout).iter("testcase"))
    assert {c.get("file") for c in cases} == {"ok.toml", "bad.toml"}


# -- pre-commit --------------------------------------------------------------------------------


def _pre_commit() -> str:
    return str(Path(sys.executable).parent / "pre-commit")


def test_the_pre_commit_manifest_is_valid_and_runs_the_console_script() -> None:
    proc = subprocess.run([_pre_commit(), "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "entry: derivcheck check\n" in text and "pass_filenames: false\n" in text
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert scripts["project"]["scripts"]["derivcheck"] == "cli:main"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   cwd=repo, check=True, capture_output=True, timeout=60)


@pytest.mark.slow
def test_pre_commit_runs_the_hook_on_the_configured_paths(tmp_path: Path) -> None:
    """pre-commit installs derivcheck from this repository into its own environment (from the
    package registry: about a minute the first time) and runs the hook as a user's commit
    would."""
    repo = tmp_path / "course"
    (repo / "notes").mkdir(parents=True)
    (repo / "notes" / "hw.md").write_text(HOMEWORK.split("A line that cannot")[0],
                                          encoding="utf-8")
    (repo / "pyproject.toml").write_text('[tool.derivcheck]\npaths = ["notes"]\n',
                                         encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "homework")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "NO_COLOR": "1", "COLUMNS": "200"}  # no line of the report wrapped
    env.pop("FORCE_COLOR", None)

    def hook() -> subprocess.CompletedProcess[str]:
        return subprocess.run([_pre_commit(), "try-repo", str(ROOT), "derivcheck",
                               "--all-files"], cwd=repo, env=env, capture_output=True,
                              text=True, timeout=900, check=False)

    failed = hook()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "derivcheck" in failed.stdout and "Failed" in failed.stdout
    assert "← first wrong step" in failed.stdout and "counterexample: x = 0" in failed.stdout
    assert "reproduce: derivcheck check 'notes/hw.md' --only 'L9'" in failed.stdout
    # the student fixes the step (1 - σ, not 1 + σ): the hook passes
    fixed = (repo / "notes" / "hw.md").read_text(encoding="utf-8").replace(
        "\\left(1 + \\frac", "\\left(1 - \\frac")
    (repo / "notes" / "hw.md").write_text(fixed, encoding="utf-8")
    _git(repo, "commit", "-qam", "fix")
    passed = hook()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
