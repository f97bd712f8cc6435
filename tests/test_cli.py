"""The command line: exit codes, error messages, and the JSON / JUnit formats."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import sympy as sp

import cli
from checker import (
    CatalogItem,
    Claim,
    Condition,
    ExitCode,
    Identity,
    Limits,
    Settings,
    Verdict,
    exit_code,
    run,
)
from checker.vocab import real
from tests.recheck import assert_refutations

ROOT = Path(__file__).resolve().parent.parent
x = real("x")


def test_verify_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["verify", "--only", "sigmoid-derivative-002-chain", "--format", "json"])
    assert code == ExitCode.OK
    data = json.loads(capsys.readouterr().out)
    assert data["version"] == 1 and data["tool"] == "derivcheck"
    assert data["summary"]["checks"] == len(data["records"]) == 9
    assert data["summary"]["refuted"] == 2 and data["summary"]["mismatches"] == 0
    keys = {"id", "entry", "kind", "step", "compares", "source", "verdict", "expected", "matches",
            "method", "elapsed", "counterexample", "seed", "failure_bound", "note"}
    for rec in data["records"]:
        assert keys <= set(rec), keys - set(rec)
        if rec["kind"] == "step":
            k = rec["step"]
            assert k >= 2 and rec["compares"] == f"step {k - 1} == step {k}"
            assert rec["id"] == f"sigmoid-derivative-002-chain#step{k}"
        else:
            assert rec["step"] is None
    wrong = {r["step"]: r for r in data["records"] if r["verdict"] == "refuted"}
    assert sorted(wrong) == [2, 3]
    cex = wrong[2]["counterexample"]
    assert cex["point"] == {"x": "0"} and (cex["lhs"], cex["rhs"]) == ("1/4", "-1/4")
    assert wrong[2]["expected"] == "refuted" and wrong[2]["matches"] is True
    assert _recheck_catalog("sigmoid-derivative-002-chain") == 2


def _recheck_catalog(*ids: str) -> int:
    """Re-check the counterexamples of catalog entries a CLI run just reported (from the
    session's private cache, so nothing is decided twice)."""
    from checker.cache import Cache, default_dir
    from derivations import catalog, select

    report = run(select(catalog(), list(ids)), Settings(), Limits(jobs=1),
                 cache=Cache(default_dir(), Settings()))
    return assert_refutations(report)


def test_verify_junit_is_valid_xml(tmp_path: Path) -> None:
    out = tmp_path / "report.xml"
    code = cli.main(["verify", "--only", "softmax-shift-*-n2", "--format", "junit",
                     "--output", str(out)])
    assert code == ExitCode.OK
    root = ET.parse(out).getroot()
    assert root.tag == "testsuites"
    cases = root.findall(".//testcase")
    assert {s.get("name") for s in root.findall("testsuite")} == {
        "softmax-shift-scalar-n2", "softmax-shift-vector-n2"}
    assert len(cases) == 2 and not root.findall(".//failure")
    props = {p.get("name"): p.get("value") for p in cases[1].iter("property")}
    assert props["verdict"] == "refuted" and props["expected"] == "refuted"
    assert _recheck_catalog("softmax-shift-scalar-n2", "softmax-shift-vector-n2") == 1


def _report(claim: Claim):
    item = CatalogItem("t", "t", "test", lambda: Identity("t", "t", "test", claim))
    return run([item], Settings(), Limits(timeout=30, jobs=1))


def test_exit_codes_from_one_place() -> None:
    assert exit_code(_report(Claim(x + x, 2 * x))) is ExitCode.OK
    mismatch = _report(Claim(x + x, 3 * x))  # expected proved, refuted
    assert exit_code(mismatch) is ExitCode.MISMATCH
    assert assert_refutations(mismatch) == 1
    numeric = _report(Claim(sp.sin(x) ** 2 + sp.cos(x) ** 2, 1, expect=Verdict.NUMERIC))
    assert exit_code(numeric) is ExitCode.OK
    assert exit_code(numeric, strict=True) is ExitCode.MISMATCH
    empty = run([], Settings(), Limits(jobs=1))
    assert exit_code(empty) is ExitCode.USAGE
    # hypotheses that cannot hold together: proved vacuously, which --strict does not pass
    vacuous = _report(Claim(x, -x, (Condition(x > 0), Condition(x < 0))))
    assert exit_code(vacuous) is ExitCode.OK
    assert exit_code(vacuous, strict=True) is ExitCode.MISMATCH


def test_junit_failure_carries_the_counterexample() -> None:
    from checker.report import junit

    report = _report(Claim(x + x, 3 * x))
    assert assert_refutations(report) == 1
    root = ET.fromstring(junit.dumps(report))
    failure = root.find(".//failure")
    assert failure is not None
    assert failure.get("message") == ("lhs == rhs: expected proved, got refuted "
                                      "(left side: 2⋅x; right side: 3⋅x)")
    assert "counterexample: x = 1" in failure.text
    assert "left side = 2, right side = 3" in failure.text


@pytest.mark.parametrize(("argv", "message"), [
    (["verify", "--only", "no-such-thing"], "no catalog entry matches 'no-such-thing'"),
    (["verify", "--timeout", "0"], "--timeout must be a positive, finite number of seconds"),
    (["verify", "--timeout", "nan"], "--timeout must be a positive, finite number of seconds"),
    (["verify", "--timeout", "inf"], "--timeout must be a positive, finite number of seconds"),
    (["verify", "--jobs", "-3"], "--jobs must be 0 (one per core) or more"),
    (["verify", "--budget", "0"], "--budget must be a positive, finite number of seconds"),
    (["verify", "--file-budget", "nan"],
     "--file-budget must be a positive, finite number of seconds"),
    (["verify", "--only", ""], "--only needs a non-empty pattern"),
    (["show", "nope"], "no catalog entry has the id 'nope'"),
    (["verify", "--only", "tanh-derivative", "--format", "json", "--output",
      "/nonexistent-dir/r.json"], "cannot write the report to /nonexistent-dir/r.json"),
])
def test_usage_errors(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(argv) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_bad_arguments_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["verify", "--format", "pdf"]) == ExitCode.USAGE
    assert "invalid choice: 'pdf'" in capsys.readouterr().err


def test_list_and_show(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["list", "--only", "tanh"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "tanh-via-sigmoid-004-chain" in out and "4 entries" in out
    assert cli.main(["show", "sigmoid-derivative-002-chain"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "step 2" in out and "expected refuted" in out and "(−1)(1 + e^(−x))^(−2)(e^(−x))" in out


def test_python_cli_py_works_from_a_checkout() -> None:
    proc = subprocess.run([sys.executable, "cli.py", "verify", "--only", "tanh-via-sigmoid-004*",
                           "--format", "json"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)["summary"]
    assert summary["entries"] == 1 and summary["proved"] == summary["checks"] == 9


def test_only_patterns(capsys: pytest.CaptureFixture[str]) -> None:
    def ids(*patterns: str) -> list[str]:
        argv = ["verify", "--format", "json"]
        for p in patterns:
            argv += ["--only", p]
        assert cli.main(argv) == ExitCode.OK
        return [e["id"] for e in json.loads(capsys.readouterr().out)["entries"]]

    assert ids("tanh-derivative") == ["tanh-derivative"]  # an exact id means that entry
    assert ids("tanh-derivative", "sigmoid-derivative") == ["sigmoid-derivative",
                                                            "tanh-derivative"]
    assert ids("tanh-*-chain") == ["tanh-derivative-004-chain", "tanh-via-sigmoid-004-chain"]
    assert len(ids("via-sigmoid")) == 2  # otherwise a substring


def test_list_and_show_in_ascii(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["list", "--ascii"]) == ExitCode.OK
    assert cli.main(["show", "--ascii", "sigmoid-derivative-002-chain", "ce-grad-003-chain"]) == 0
    out = capsys.readouterr().out
    assert "ce-grad-003-chain: Document 003" in out and "sigmoid-derivative-002-chain" in out
    assert all(ord(ch) < 128 for ch in out), [ch for ch in out if ord(ch) >= 128][:5]


def test_show_keeps_huge_expressions_readable(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["show", "backprop-row-232-dL-dx"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "too large to read; --full prints it" in out
    assert cli.main(["show", "--full", "backprop-row-232-dL-dx"]) == ExitCode.OK
    assert "too large" not in capsys.readouterr().out


def test_check_only_selects_derivations_in_files(capsys: pytest.CaptureFixture[str]) -> None:
    example = str(Path(__file__).parent.parent / "examples" / "every_n.toml")
    code = cli.main(["check", example, "--only", "jacobian-latex", "--only", "ce-*",
                     "--format", "json", "--no-cache"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert sorted(e["id"].split("::")[1] for e in data["entries"]) == \
        ["ce-no-hypothesis", "ce-one-hot", "ce-sum-one", "jacobian-latex"]
    assert cli.main(["check", example, "--only", "no-such-derivation"]) == 2
    assert "no derivation in" in capsys.readouterr().err


def test_reproduce_line_names_the_derivation() -> None:
    from checker.report.text import reproduce

    assert reproduce("examples/every_n.toml::ce-sum-one", 7) == \
        "derivcheck check 'examples/every_n.toml' --only 'ce-sum-one' --seed 7"


def test_only_file_and_id_is_exact() -> None:
    """--only FILE::ID selects that derivation only, not every id containing ID (issue 9)."""
    from checker.selection import matching_ids

    ids = ["a.toml::ce", "a.toml::ce-sum-one", "a.toml::xce", "b.toml::ce", "sub/c.toml::ce"]
    assert matching_ids(ids, ["a.toml::ce"]) == {"a.toml::ce"}
    assert matching_ids(ids, ["./a.toml::ce"]) == {"a.toml::ce"}  # the same file
    assert matching_ids(ids, ["sub/../sub/c.toml::ce"]) == {"sub/c.toml::ce"}
    assert matching_ids(ids, ["a.toml::ce-*"]) == {"a.toml::ce-sum-one"}
    assert matching_ids(ids, ["b*::ce"]) == {"b.toml::ce"}
    assert matching_ids(ids, ["a.toml::c"]) == set()  # FILE::ID is never a substring
    assert matching_ids(ids, ["ce"]) == {"a.toml::ce", "b.toml::ce", "sub/c.toml::ce"}  # exact
    assert matching_ids(ids, ["sum"]) == {"a.toml::ce-sum-one"}  # else a substring
    assert matching_ids(ids, ["x*"]) == {"a.toml::xce"}  # a glob on the id in its file
    assert matching_ids([*ids, "bad.toml"], ["bad.toml::d"], ["bad.toml"]) == {"bad.toml"}


def test_check_only_file_and_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.toml").write_text(
        "format = 1\n" + "".join(f'[[derivation]]\nid = "{name}"\nclaim = "x == x"\n'
                                 for name in ("ce", "ce-sum-one", "xce")))
    for pattern in ("a.toml::ce", "./a.toml::ce"):
        assert cli.main(["check", "a.toml", "--only", pattern, "--format", "json",
                         "--no-cache", "--output", "out.json"]) == ExitCode.OK
        data = json.loads((tmp_path / "out.json").read_text())
        assert [e["id"] for e in data["entries"]] == ["a.toml::ce"]


@pytest.mark.parametrize("where", ["missing-dir/r.json", "a-directory", "read-only/r.json"])
def test_unwritable_output_is_found_before_the_run(tmp_path: Path, where: str,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    import os

    (tmp_path / "a-directory").mkdir()
    (tmp_path / "read-only").mkdir(mode=0o500)
    if where.startswith("read-only") and os.geteuid() == 0:
        pytest.skip("root writes into a read-only directory")
    ran = []
    monkeypatch.setattr(cli, "run", lambda *a, **k: ran.append(1))
    target = tmp_path / where
    code = cli.main(["verify", "--only", "tanh-derivative", "--format", "json", "--output",
                     str(target)])
    assert code == ExitCode.USAGE and not ran  # refused before any checking
    assert f"cannot write the report to {target}" in capsys.readouterr().err


def test_output_checked_early_leaves_no_empty_file_when_the_run_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "run", interrupted)
    target = tmp_path / "report.json"
    assert cli.main(["verify", "--only", "tanh-derivative", "--format", "json", "--output",
                     str(target)]) == ExitCode.INTERRUPTED
    assert not target.exists()
    target.write_text("the previous report")
    assert cli.main(["verify", "--only", "tanh-derivative", "--output", str(target)]) == 130
    # removed when the run starts: a run stopped before it writes its own never leaves the
    # previous one to be read as this run's (a CI step that publishes the file whatever happened)
    assert not target.exists()


def test_no_diagnosis_skips_it_and_is_cached_apart(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "w.md"
    doc.write_text("$$\\frac{d}{dx} x^2 = 3x$$\n", encoding="utf-8")
    cache = ["--cache-dir", str(tmp_path / "cache")]

    def diagnoses(*flags: str) -> list:
        assert cli.main(["check", str(doc), "--format", "json", *cache, *flags]) == ExitCode.MISMATCH
        data = json.loads(capsys.readouterr().out)
        return [r["diagnosis"] for r in data["records"] if r["kind"] == "step"]

    assert diagnoses("--no-diagnosis") == [None]
    (found,) = diagnoses()  # not the cached result of the run without diagnosis
    assert found["kind"] == "scale" and found["corrected"] == "2x"
    assert diagnoses("--no-diagnosis") == [None]


def test_a_sum_index_is_shown_as_written_unless_another_name_there_is_the_same() -> None:
    from checker.report.text import index_notation

    n = sp.Symbol("n", integer=True, positive=True)
    z = sp.IndexedBase("z")
    k, j = sp.Dummy("k", integer=True), sp.Dummy("j", integer=True)
    free_j = sp.Symbol("j", integer=True)
    assert index_notation(sp.Sum(z[k], (k, 1, n))) == "(Σ_{k=1}^{n} z_k)"
    # the reader's bound j beside a free j (∂/∂z_j Σ_j e^{z_j}) stays told apart
    shown = index_notation(sp.exp(z[free_j]) + sp.Sum(z[j], (j, 1, n)))
    assert "Σ_{j′=1}" in shown and "z_j′" in shown and "z_j)" in shown
    # two sums' own k (nested, as a matrix product writes them) never print alike
    k2 = sp.Dummy("k", integer=True)
    w = sp.IndexedBase("w")
    nested = index_notation(sp.Sum(z[k] * sp.Sum(w[k, k2], (k2, 1, n)), (k, 1, n)))
    assert "Σ_{k=1}" in nested and "Σ_{k′=1}" in nested and "w_k,k′" in nested


def test_an_internal_error_is_one_line_and_exit_2(monkeypatch, capsys) -> None:
    """A bug in a command (grading crashed on a symbolic-size statement) printed a Python
    traceback and exited 1, which a CI recipe `|| [ $? -eq 1 ]` takes for "a row needs a
    look": it is one line, exit 2 (nothing could be done), and --debug shows the traceback."""
    def broken(args: object) -> int:
        raise AttributeError("'SymArray' object has no attribute 'is_Symbol'")

    monkeypatch.setitem(cli.COMMANDS, "check", broken)
    monkeypatch.setenv("DERIVCHECK_DEBUG", "0")  # (--debug sets it: restored after the test,
    assert cli.main(["check", "notes.md"]) == 2  # or later tests' subprocesses inherit it)
    err = capsys.readouterr().err
    assert "internal error: AttributeError" in err and "Traceback" not in err, err
    assert "--debug" in err
    with pytest.raises(AttributeError):
        cli.main(["check", "notes.md", "--debug"])


def test_an_interrupt_while_reading_the_files_still_writes_a_report(
        monkeypatch, capsys, tmp_path: Path) -> None:
    """Ctrl-C or SIGTERM while a large folder was still being read left stdout empty (no JSON
    at all) and --output with the previous run's report: now an interrupted, empty report."""
    def interrupted(args: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_load", interrupted)
    assert cli.main(["check", "notes.md", "--format", "json"]) == 130
    report = json.loads(capsys.readouterr().out)
    assert report["interrupted"] is True and report["summary"]["checks"] == 0
    stale = tmp_path / "report.xml"
    stale.write_text("<previous/>", encoding="utf-8")
    assert cli.main(["check", "notes.md", "--format", "junit", "--output", str(stale)]) == 130
    assert "interrupted" in stale.read_text(encoding="utf-8")
    ET.fromstring(stale.read_text(encoding="utf-8"))
