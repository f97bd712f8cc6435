"""The README's promises that can drift: set-up commands first, every catalog entry listed."""

from __future__ import annotations

from pathlib import Path

from derivations import catalog

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_setup_commands() -> None:
    head = README.splitlines()[:6]
    assert any("pip install ." in line and "derivcheck verify" in line for line in head)
    assert any("pip install '.[test]'" in line and "pytest" in line for line in head)


def test_readme_lists_every_catalog_entry() -> None:
    missing = [i.id for i in catalog() if f"`{i.id}`" not in README]
    assert not missing, f"README does not list: {missing}"
