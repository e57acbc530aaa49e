"""scripts/regenerate_golden.py rebuilds every golden file the tests compare against."""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"


def load_script():
    spec = importlib.util.spec_from_file_location(
        "regenerate_golden", ROOT / "scripts" / "regenerate_golden.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_golden_file_is_rebuilt_and_nothing_is_written_in_place(tmp_path: Path) -> None:
    script = load_script()

    def written() -> dict[Path, int]:  # Python's own byte-code caches are not ours to count
        return {
            p: p.stat().st_mtime_ns
            for p in DATA.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        }

    before = written()
    built = script.gold_files(tmp_path) | script.format_files(tmp_path)
    expected = {
        DATA / "gold" / "seeds.jsonl",
        DATA / "suggest" / "heldout" / "gold.jsonl",
        DATA / "suggest" / "blind" / "gold.jsonl",
        *(DATA / "formats").iterdir(),
    }
    assert set(built.values()) == expected
    assert all(b.is_relative_to(tmp_path) and b.exists() for b in built)
    assert written() == before
    # the gold builders write where they always did once the script is done with them
    assert [m.OUT for m in map(importlib.import_module, script.GOLD_BUILDERS)] == [
        DATA / "gold" / "seeds.jsonl",
        DATA / "suggest" / "heldout" / "gold.jsonl",
        DATA / "suggest" / "blind" / "gold.jsonl",
    ]
