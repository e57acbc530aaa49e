"""Every module of the annotator package sits in the import-linter layers contract, so a new
package cannot slip past `lint-imports` (which only checks the modules a contract names)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import annotator

ROOT = Path(__file__).resolve().parents[1]
NOT_LAYERED = {"annotator.__init__", "annotator.__main__"}  # the package itself and `python -m`


def top_level_modules() -> set[str]:
    package = Path(annotator.__file__).parent
    names = {p.stem for p in package.glob("*.py")} | {
        p.parent.name for p in package.glob("*/__init__.py")
    }
    return {f"annotator.{name}" for name in names} - NOT_LAYERED


def layered_modules() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    layers = next(c for c in contracts if c["type"] == "layers")["layers"]
    return {name.strip() for layer in layers for name in layer.replace(":", "|").split("|")}


def test_every_module_is_in_a_layer() -> None:
    assert top_level_modules() - layered_modules() == set()


def test_the_layers_name_only_modules_that_exist() -> None:
    assert layered_modules() - top_level_modules() == set()
