"""Running a table of small derivations written into one derivation file."""

from __future__ import annotations

from pathlib import Path

from checker import EntryOutcome, Limits, Settings, run
from checker.derivation_file import load_file


def run_cases(directory: Path, header: str, cases: dict[str, tuple[str, str]]) -> dict[str, EntryOutcome]:
    """Write ``[[derivation]]`` tables (id → (body, expected verdict)) under ``header`` into one
    file, check it, and return the outcomes by derivation id."""
    body = header + "".join(f'\n[[derivation]]\nid = "{i}"\n{text}\n'
                            for i, (text, _) in cases.items())
    path = directory / "cases.toml"
    path.write_text(body, encoding="utf-8")
    loaded = load_file(str(path))
    assert not loaded.errors, [str(e) for e in loaded.errors]
    report = run(loaded.items, Settings(), Limits(timeout=60, jobs=2))
    return {o.id.split("::")[1]: o for o in report.outcomes}
