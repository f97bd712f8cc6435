"""The conventions of the tools users know, run as a user runs them (a subprocess):
--version, colour (--color, NO_COLOR, FORCE_COLOR) apart from ASCII, [tool.derivcheck] in
pyproject.toml, directory arguments, ``-`` for standard input."""

from __future__ import annotations

import importlib.metadata
import json
import re
from pathlib import Path

import pytest

from tests.cli_run import GOOD_TOML, HOMEWORK, WRONG_LINE, derivcheck

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


# -- [tool.derivcheck] -----------------------------------------------------------------------


def project(root: Path, table: str) -> Path:
    """A project: pyproject.toml with ``table`` under [tool.derivcheck], notes/hw.md (one
    wrong step), notes/ok.toml, and a sub-folder to run from."""
    (root / "notes").mkdir(parents=True)
    (root / "notes" / "hw.md").write_text(HOMEWORK.split("A line that cannot")[0],
                                          encoding="utf-8")
    (root / "notes" / "ok.toml").write_text(GOOD_TOML, encoding="utf-8")
    (root / "src" / "deep").mkdir(parents=True)
    (root / "pyproject.toml").write_text(
        f'[project]\nname = "course"\n\n[tool.derivcheck]\n{table}\n', encoding="utf-8")
    return root


def test_config_is_found_by_walking_up_and_sets_paths_format_strict(tmp_path: Path) -> None:
    root = project(tmp_path, 'paths = ["notes"]\nformat = "json"\ntimeout = 7\nstrict = true')
    # a pyproject.toml without the table on the way up is passed over
    (root / "src" / "pyproject.toml").write_text('[project]\nname = "inner"\n', encoding="utf-8")
    proc = derivcheck("check", cwd=root / "src" / "deep")
    assert proc.returncode == 1, proc.stderr  # the wrong step in notes/hw.md
    data = json.loads(proc.stdout)
    assert data["timeout"] == 7
    assert [e["id"] for e in data["entries"]] == ["../../notes/hw.md::L9", "../../notes/ok.toml::tanh"]
    wrong = [r for r in data["records"] if not r["matches"]]
    assert {(r["kind"], r["line"]) for r in wrong} == {("goal", 11), ("step", WRONG_LINE)}


def test_the_command_line_wins_over_the_file(tmp_path: Path) -> None:
    root = project(tmp_path, 'paths = ["notes"]\nformat = "json"\nstrict = true')
    proc = derivcheck("check", "notes/ok.toml", "--format", "github", "--no-strict", cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout == "derivcheck: 1 entry, 4 checks, every result as expected\n"
    ignored = derivcheck("check", "notes/ok.toml", "--no-config", cwd=root)
    assert ignored.returncode == 0 and "Every result matches its expectation" in ignored.stdout


def test_strict_from_the_file_fails_an_unknown_result(tmp_path: Path) -> None:
    # true for some functions f and false for others, given f(x) > 0: unknown (as expected)
    unknown = ('format = 1\n[context]\nfunctions = { f = "arbitrary" }\n[[derivation]]\n'
               'id = "u"\nclaim = "f(x) == f(2*x)"\ngiven = ["f(x) > 0"]\nexpect = "unknown"\n')
    root = project(tmp_path, "strict = true")
    (root / "u.toml").write_text(unknown, encoding="utf-8")
    lax = derivcheck("check", "u.toml", "--format", "json", "--no-strict", cwd=root)
    strict = derivcheck("check", "u.toml", "--format", "json", cwd=root)
    assert [r["verdict"] for r in json.loads(lax.stdout)["records"]] == ["unknown"]
    assert (lax.returncode, strict.returncode) == (0, 1)


def test_declarations_from_the_file_are_relative_to_it(tmp_path: Path) -> None:
    root = project(tmp_path, 'paths = ["doc.md"]\ndeclarations = "decl/sidecar.toml"\n'
                             'format = "json"')
    (root / "doc.md").write_text("$$ \\frac{d}{dz} g(z) = g(z)(1 - g(z)) $$\n", encoding="utf-8")
    (root / "decl").mkdir()
    (root / "decl" / "sidecar.toml").write_text('functions = { "g(t)" = "sigmoid(t)" }\n',
                                                encoding="utf-8")
    proc = derivcheck("check", cwd=root / "src")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    records = json.loads(proc.stdout)["records"]
    assert len(records) == 4 and {r["verdict"] for r in records} == {"proved"}
    # without the declarations, g is a function about which nothing is assumed: not proved
    bare = derivcheck("check", "../doc.md", "--no-config", "--format", "json", cwd=root / "src")
    assert "proved" not in {r["verdict"] for r in json.loads(bare.stdout)["records"]
                            if r["kind"] == "step"}


@pytest.mark.parametrize(("table", "message"), [
    ("timeout = -1", "[tool.derivcheck] timeout (as --timeout) must be a positive number of "
                     "seconds, got -1"),
    ('format = "pdf"', "[tool.derivcheck] format (as --format) must be one of rich, json, "
                       "junit, github"),
    ('strict = "yes"', "[tool.derivcheck] strict (as --strict) must be true or false, got 'yes'"),
    ("paths = []", "[tool.derivcheck] paths (as FILE…) must be a list of paths"),
    ("timout = 3", "[tool.derivcheck] has unknown key(s) 'timout'; known keys: paths, "),
    ("file_budget = 3", "unknown key(s) 'file_budget'; write 'file-budget' for 'file_budget'"),
    ("jobs = 1.5", "[tool.derivcheck] jobs (as --jobs) must be a whole number"),
])
def test_a_bad_setting_is_a_usage_error_naming_file_and_key(tmp_path: Path, table: str,
                                                            message: str) -> None:
    root = project(tmp_path, table)
    proc = derivcheck("check", "notes/ok.toml", cwd=root / "src")
    assert proc.returncode == 2
    assert str(root / "pyproject.toml") in proc.stderr and message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_invalid_pyproject_is_reported(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.derivcheck\n", encoding="utf-8")
    (tmp_path / "ok.toml").write_text(GOOD_TOML, encoding="utf-8")
    proc = derivcheck("check", "ok.toml", cwd=tmp_path)
    assert proc.returncode == 2 and "pyproject.toml: not valid TOML" in proc.stderr


def test_no_files_and_no_paths_is_a_usage_error(tmp_path: Path) -> None:
    proc = derivcheck("check", cwd=tmp_path)
    assert proc.returncode == 2
    assert "nothing to check: pass FILE… (files, directories, or - for standard input), or " \
           "set paths = [...] under [tool.derivcheck]" in proc.stderr


# -- directories -----------------------------------------------------------------------------


def test_a_directory_is_walked_for_what_check_reads(tmp_path: Path) -> None:
    root = project(tmp_path, 'format = "json"')
    notes = root / "notes"
    (notes / "sub").mkdir()
    (notes / "sub" / "more.tex").write_text(
        "\\begin{equation} (x+1)^2 = x^2 + 2x + 1 \\end{equation}\n", encoding="utf-8")
    (notes / "doc.md").write_text("$$ y = a + a $$\n$$ y = 2a $$\n", encoding="utf-8")
    (notes / "doc.toml").write_text('symbols = { a = "real" }\n', encoding="utf-8")  # sidecar
    (notes / "ruff.toml").write_text("line-length = 100\n", encoding="utf-8")  # not ours
    (notes / "broken.toml").write_text("format = 1\n[[derivation]\n", encoding="utf-8")
    (notes / ".hidden").mkdir()
    (notes / ".hidden" / "x.md").write_text("$$ 1 = 2 $$\n", encoding="utf-8")
    (notes / "venv").mkdir()
    (notes / "venv" / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")
    (notes / "venv" / "y.md").write_text("$$ 1 = 2 $$\n", encoding="utf-8")
    (notes / "picture.png").write_bytes(b"\x89PNG")
    proc = derivcheck("check", "notes", "notes/ok.toml", cwd=root)  # ok.toml named twice
    assert proc.returncode == 2, proc.stderr  # broken.toml is an input error
    data = json.loads(proc.stdout)
    ids = [e["id"] for e in data["entries"]]
    assert ids[0] == "notes/broken.toml" and "not valid TOML" in data["entries"][0]["error"]
    files = sorted({i.split("::")[0] for i in ids[1:]})
    assert files == ["notes/doc.md", "notes/hw.md", "notes/ok.toml", "notes/sub/more.tex"]
    assert len([i for i in ids if i.startswith("notes/ok.toml")]) == 1


def test_an_empty_directory_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "ok.toml").write_text(GOOD_TOML, encoding="utf-8")
    proc = derivcheck("check", "empty", "ok.toml", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 2
    entries = json.loads(proc.stdout)["entries"]
    assert entries[0]["id"] == "empty" and entries[0]["error"].startswith(
        "empty: is a directory that holds no derivation file or document (.toml, .md")
    assert entries[1] == {**entries[1], "id": "ok.toml::tanh", "matches": True}


# -- standard input --------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "text"), [
    ((), HOMEWORK),                                 # guessed: Markdown
    (("--stdin-format", "md"), HOMEWORK),
    ((), "\\documentclass{article}\n\\begin{document}\n" + "\n" * 7 + "\\begin{align}\n"
         "\\frac{d}{dx} \\frac{1}{1+e^{-x}} &= \\frac{e^{-x}}{(1+e^{-x})^2} \\\\\n"
         "&= \\frac{1}{1+e^{-x}} \\left(1 + \\frac{1}{1+e^{-x}}\\right)\n\\end{align}\n"
         "\\end{document}\n"),                         # guessed: LaTeX
], ids=["guess-md", "md", "guess-tex"])
def test_dash_reads_standard_input(tmp_path: Path, args: tuple[str, ...], text: str) -> None:
    proc = derivcheck("check", "-", *args, "--format", "json", cwd=tmp_path, input=text)
    assert proc.returncode in (1, 2), proc.stderr
    data = json.loads(proc.stdout)
    wrong = [r for r in data["records"] if r["kind"] == "step" and not r["matches"]]
    assert [(r["entry"].split("::")[0], r["line"]) for r in wrong] == [("<stdin>", WRONG_LINE)]
    assert wrong[0]["counterexample"]["point"] == {"x": "0"}


def test_standard_input_as_a_derivation_file_beside_other_files(tmp_path: Path) -> None:
    (tmp_path / "ok.toml").write_text(GOOD_TOML, encoding="utf-8")
    bad = GOOD_TOML.replace('"tanh"', '"wrong"').replace("(1 - exp", "(2 - exp")
    proc = derivcheck("check", "ok.toml", "-", "--failures-only", cwd=tmp_path, input=bad)
    assert proc.returncode == 1, proc.stderr
    assert "<stdin>::wrong" in proc.stdout and "ok.toml::tanh" not in proc.stdout
    assert "reproduce: derivcheck check - --only 'wrong' --seed" in proc.stdout


def test_a_guess_that_finds_nothing_names_the_option(tmp_path: Path) -> None:
    proc = derivcheck("check", "-", "--format", "json", cwd=tmp_path, input="just prose\n")
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["entries"][0]["error"] == (
        "<stdin>: nothing to check: read as Markdown, guessed from the text; pass "
        "--stdin-format toml or tex or ipynb if it is not")
    stated = derivcheck("check", "-", "--stdin-format", "tex", "--format", "json", cwd=tmp_path,
                        input="just prose\n")
    assert json.loads(stated.stdout)["entries"][0]["error"] == (
        "<stdin>: nothing to check: read as LaTeX (--stdin-format tex)")


def test_stdin_format_without_dash_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "ok.toml").write_text(GOOD_TOML, encoding="utf-8")
    proc = derivcheck("check", "ok.toml", "--stdin-format", "md", cwd=tmp_path)
    assert proc.returncode == 2 and "--stdin-format says how to read -" in proc.stderr
