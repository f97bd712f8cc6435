"""Untrusted input: every hostile or malformed item gets a clear, located error in bounded
time, nothing it contains is executed, and the valid derivations beside it are still checked."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

import cli
from checker.derivation_file import load_file

VALID = '''
[[derivation]]
id = "valid"
claim = "diff(sigmoid(x), x) == sigmoid(x)*(1 - sigmoid(x))"
'''

# (name, a derivation's steps/claim text, a fragment the error must contain)
EXPRESSIONS = [
    ("import", '__import__("os").system("touch {sentinel}")', "only named functions"),
    ("dunder-call", '__import__("os")', "names may not start with _"),
    ("subclasses", "().__class__.__bases__[0].__subclasses__()", "not allowed"),
    ("eval", 'eval("1")', "'1' is not a real number"),
    ("eval-name", "eval(x)", "unknown function eval"),
    ("exec", 'exec("import os")', "'import os' is not a real number"),
    ("open", 'open("/etc/passwd")', "is not a real number"),
    ("getattr", "getattr(x, y)", "unknown function getattr"),
    ("lambda", "(lambda: 1)()", "only named functions"),
    ("comprehension", "[c for c in z]", "comprehension is not allowed"),
    ("fstring", 'f"{x}"', "f-string is not allowed"),
    ("attribute", "x.T", "attribute access"),
    ("walrus", "(y := 1)", ":= is not allowed"),
    ("power-tower", "10**10**10", "larger than 1000"),
    ("power-tower-9", "9**9**9", "larger than 1000"),
    ("big-power", "x**1000000", "larger than 1000"),
    ("number-bits", "(10**100)**1000", "bits"),
    ("factorial", "factorial(10**6)", "above 1000"),
    ("huge-int", "1" * 300, "limited to 100 digits"),
    ("huge-sum", "Sum(x, (j, 1, 10**9))", "the limit is 1000"),
    ("deep-derivative", "diff(x, x, 50)", "derivative order"),
    ("deep-nesting", "(" * 300 + "x" + ")" * 300, "nested 300 deep"),
    ("unary-chain", "-" * 20000 + "x", "characters long"),
    ("huge-ones", "ones(10**6)", "more than 4096 entries"),
    ("huge-matrix-product", "ones(100, 100) @ ones(100, 100)", "more than 4096 entries"),
    ("huge-det", "det(ones(20, 20))", "limited to 6×6"),
    ("string", '"text"', "not a real number"),
    ("complex", "1j", "not a real number"),
    ("keyword", "exp(x=1)", "no keyword arguments"),
    ("slice", "z[1:2]", "slices are not allowed"),
    ("bool", "True", "True is not a real number"),
]


def _file(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "expr", "fragment"), EXPRESSIONS,
                         ids=[e[0] for e in EXPRESSIONS])
def test_hostile_expression_is_refused(tmp_path: Path, name: str, expr: str,
                                       fragment: str) -> None:
    sentinel = tmp_path / "pwned"
    text = expr.replace("{sentinel}", str(sentinel))
    body = ('format = 1\n[context]\nvectors = { z = 3 }\n[[derivation]]\nid = "bad"\n'
            f"steps = [{json.dumps(text)}, \"1\"]\n" + VALID)
    path = _file(tmp_path, name, body)
    t0 = time.perf_counter()
    loaded = load_file(str(path))
    assert time.perf_counter() - t0 < 5
    assert not sentinel.exists(), "input was executed"
    assert [i.id for i in loaded.items] == [f"{path}::valid"]
    (err,) = loaded.errors
    assert err.file == str(path) and err.derivation == "bad" and err.step == 1
    assert fragment in err.message, err.message


FILES = [
    ("malformed", "format = 1\n[[derivation\n", "not valid TOML"),
    ("no-format", VALID, "must start with format = 1"),
    ("wrong-format", "format = 2\n" + VALID, "must start with format = 1"),
    ("unknown-top", "format = 1\nderivations = []\n" + VALID, "unknown top-level key(s) derivations"),
    ("no-derivation", "format = 1\n", "has no [[derivation]]"),
    ("reserved", 'format = 1\n[context]\nsymbols = { sum = "real" }\n' + VALID,
     "'sum' is a built-in name"),
    ("unknown-assumption", 'format = 1\n[context]\nsymbols = { x = "imaginary" }\n' + VALID,
     "unknown assumption 'imaginary'"),
    ("contradiction", 'format = 1\n[context]\nsymbols = { x = "positive negative" }\n' + VALID,
     "contradictory assumptions"),
    ("bad-size", "format = 1\n[context]\nvectors = { z = 0 }\n" + VALID, "positive integers"),
    ("huge-size", "format = 1\n[context]\nmatrices = { W = [1000, 1000] }\n" + VALID,
     "more than 4096 entries"),
    ("declared-twice", 'format = 1\n[context]\nsymbols = { z = "real" }\nvectors = { z = 2 }\n'
     + VALID, "declared twice"),
    ("recursive-function", 'format = 1\n[context]\nfunctions = { "f(t)" = "f(t)" }\n' + VALID,
     "recursion"),
    ("bad-function", 'format = 1\n[context]\nfunctions = { "f" = "t" }\n' + VALID,
     "write \"g(t)\""),
    ("bad-context-given", 'format = 1\n[context]\ngiven = ["onehot(q)"]\n' + VALID,
     "needs a declared vector"),
]


@pytest.mark.parametrize(("name", "body", "fragment"), FILES, ids=[f[0] for f in FILES])
def test_bad_file_is_reported(tmp_path: Path, name: str, body: str, fragment: str) -> None:
    path = _file(tmp_path, name, body)
    loaded = load_file(str(path))
    assert not loaded.items
    (err,) = loaded.errors
    assert err.file == str(path) and fragment in err.message, err.message


DERIVATIONS = [
    ("missing-id", '[[derivation]]\nclaim = "x == x"\n', None, "missing key 'id'"),
    ("bad-id", '[[derivation]]\nid = "a b"\nclaim = "x == x"\n', "a b", "id must be"),
    ("duplicate-id", '[[derivation]]\nid = "valid"\nclaim = "x == x"\n', "valid", "duplicate id"),
    ("no-form", '[[derivation]]\nid = "d"\n', "d", "exactly one of steps"),
    ("two-forms", '[[derivation]]\nid = "d"\nclaim = "x == x"\nsteps = ["x", "x"]\n', "d",
     "found steps, claim"),
    ("unknown-key", '[[derivation]]\nid = "d"\nstpes = ["x", "x"]\n', "d", "unknown key(s) stpes"),
    ("one-step", '[[derivation]]\nid = "d"\nsteps = ["x"]\n', "d", "at least two steps"),
    ("bad-expect", '[[derivation]]\nid = "d"\nsteps = ["x", {expr = "x", expect = "maybe"}]\n',
     "d", "expect must be one of"),
    ("first-expect", '[[derivation]]\nid = "d"\nsteps = [{expr = "x", expect = "refuted"}, "x"]\n',
     "d", "nothing before it"),
    ("step-type", '[[derivation]]\nid = "d"\nsteps = ["x", 3]\n', "d", "a step is a string"),
    ("claim-no-eq", '[[derivation]]\nid = "d"\nclaim = "x"\n', "d", "expected a comparison"),
    ("claim-neq", '[[derivation]]\nid = "d"\nclaim = "x != 1"\n', "d", "use ==, or an inequality"),
    ("bad-given", '[[derivation]]\nid = "d"\ngiven = ["x"]\nclaim = "x == x"\n', "d",
     "write onehot(y)"),
    ("matrix-given", '[[derivation]]\nid = "d"\ngiven = ["z > z"]\nclaim = "x == x"\n', "d",
     "compare scalars"),  # (z == w is one equation per entry, at explicit sizes)
    ("index-range", '[[derivation]]\nid = "d"\nsteps = ["z[4]", "x"]\n', "d", "out of range"),
]


@pytest.mark.parametrize(("name", "body", "derivation", "fragment"), DERIVATIONS,
                         ids=[d[0] for d in DERIVATIONS])
def test_bad_derivation_is_reported_and_the_rest_loaded(tmp_path: Path, name: str, body: str,
                                                        derivation: str | None,
                                                        fragment: str) -> None:
    path = _file(tmp_path, name, "format = 1\n[context]\nvectors = { z = 3 }\n" + VALID + body)
    loaded = load_file(str(path))
    assert [i.id for i in loaded.items] == [f"{path}::valid"]
    (err,) = loaded.errors
    if derivation is not None:
        assert err.derivation == derivation
    assert fragment in err.message, err.message
    assert str(path) in str(err)


def test_missing_directory_and_binary_files(tmp_path: Path) -> None:
    assert "cannot read the file" in load_file(str(tmp_path / "nope.toml")).errors[0].message
    assert "is a directory" in load_file(str(tmp_path)).errors[0].message
    binary = tmp_path / "bin.toml"
    binary.write_bytes(b"\xff\xfe\x00format = 1")
    assert "not UTF-8" in load_file(str(binary)).errors[0].message
    big = tmp_path / "big.toml"
    big.write_text("#" * 2_000_000)
    assert "the limit is 1000000" in load_file(str(big)).errors[0].message


def test_check_reports_errors_and_still_verifies_the_rest(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    good = _file(tmp_path, "good", "format = 1\n" + VALID)
    evil = _file(tmp_path, "evil", 'format = 1\n[[derivation]]\nid = "e"\n'
                 'steps = ["__import__(\\"os\\")", "1"]\n')
    broken = _file(tmp_path, "broken", "format = 1\n[[derivation\n")
    code = cli.main(["check", str(good), str(evil), str(broken), "--format", "json"])
    assert code == 2  # input errors → exit 2, after everything readable was checked
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["input_errors"] == 2
    assert data["summary"]["proved"] == 1 and data["summary"]["mismatches"] == 2
    errors = {e["id"]: e["error"] for e in data["entries"] if e["input_error"]}
    assert f"{evil}::e" in errors and str(broken) in errors
    assert "derivation 'e', step 1" in errors[f"{evil}::e"]


LATEX = [
    ("unknown-command", r"\frac{d}{dx} \foo(x) &= 1", "\\foo"),
    ("unbalanced", r"\frac{1}{2 &= 1", "is never closed"),
    ("too-deep", "{" * 150 + "x" + "}" * 150 + " &= x", "deep"),
    ("not-equal", r"x \neq y &= 1", "neq"),
    ("one-step", "x", "at least two expressions"),
]


@pytest.mark.parametrize(("name", "latex", "fragment"), LATEX, ids=[c[0] for c in LATEX])
def test_bad_latex_is_reported_with_its_place(tmp_path: Path, name: str, latex: str,
                                              fragment: str) -> None:
    body = ("format = 1\n[[derivation]]\nid = \"tex\"\nlatex = " + json.dumps(latex) + "\n"
            + VALID)
    path = _file(tmp_path, name, body)
    t0 = time.perf_counter()
    loaded = load_file(str(path))
    assert time.perf_counter() - t0 < 5
    assert [i.id for i in loaded.items] == [f"{path}::valid"]
    (err,) = loaded.errors
    assert err.derivation == "tex" and err.message.startswith("latex:")
    assert fragment.lower() in err.message.lower(), err.message
