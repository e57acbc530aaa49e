"""Regenerate the golden files in tests/data/, or (--check) say which ones are out of date.

    .venv/bin/python scripts/regenerate_golden.py           # rewrite them; then read `git diff`
    .venv/bin/python scripts/regenerate_golden.py --check   # write nothing; exit 1 if any differ

Golden files are outputs pinned by tests; after a deliberate change (a cleaner change moves the
gold offsets, a format change the exports) they are rebuilt from their sources, never by hand:
- tests/data/gold/seeds.jsonl, tests/data/suggest/heldout/gold.jsonl and
  tests/data/suggest/blind/gold.jsonl: the hand-written specs in tests/data/gold/build_*.py put
  on the cleaned text (the judgement stays in the specs; only the offsets follow the cleaner);
- tests/data/formats/example.*: the example record (tests/test_formats_example.py) exported in
  every format, body-only, and as a brat folder, exactly as tests/test_formats.py compares them.
- tests/data/cleaner_output.json: a digest of the cleaner's output over the seeds and the real
  pages, with the CLEANER_VERSION that made it; rewritten only once the version was bumped.
The other files in tests/data/ (pages, real_gold.jsonl, others_gold.json, events_heldout.jsonl)
are inputs written by hand, not outputs: nothing regenerates them.
"""

from __future__ import annotations

import argparse
import contextlib
import filecmp
import importlib
import io
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
GOLD_BUILDERS = ("build_seeds_gold", "build_heldout_gold", "build_blind_gold")

sys.path[:0] = [str(ROOT), str(TESTS), str(TESTS / "data" / "gold")]


def gold_files(into: Path) -> dict[Path, Path]:
    """Build each gold file into `into`; returns {written: the golden file it stands for}."""
    built: dict[Path, Path] = {}
    for name in GOLD_BUILDERS:
        builder = importlib.import_module(name)
        golden: Path = builder.OUT
        target = into / golden.relative_to(TESTS)
        target.parent.mkdir(parents=True, exist_ok=True)
        builder.OUT = target  # main() writes wherever OUT points when it runs
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                builder.main()
        finally:
            builder.OUT = golden
        built[target] = golden
    return built


def format_files(into: Path) -> dict[Path, Path]:
    from test_formats import GOLDEN, example_record, export_text

    from annotator.formats.pipeline import write_brat
    from annotator.formats.registry import WRITERS
    from annotator.resources import default_schema

    folder = into / GOLDEN.relative_to(TESTS)
    folder.mkdir(parents=True, exist_ok=True)
    outputs: dict[str, Callable[[], str]] = {
        f"example.{name}{writer.extension}": (
            lambda name=name: export_text(name, [example_record(original=name == "jsonl")])
        )
        for name, writer in WRITERS.items()
    }
    outputs["example.body-only.jsonl"] = lambda: export_text(
        "jsonl", [example_record()], body_only=True
    )
    built: dict[Path, Path] = {}
    for file_name, produce in outputs.items():
        # newline="": the text is written as the tests read it back, "\n" on every platform
        (folder / file_name).write_text(produce(), encoding="utf-8", newline="")
        built[folder / file_name] = GOLDEN / file_name
    (folder / "example.brat").mkdir()
    write_brat([example_record()], folder / "example.brat", default_schema(), by_annotator=False)
    built[folder / "example.brat"] = GOLDEN / "example.brat"
    return built


def cleaner_files(into: Path) -> dict[Path, Path]:
    import json

    from test_cleaner_version import PINNED, current_output

    target = into / PINNED.relative_to(TESTS)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(current_output()) + "\n", encoding="utf-8")
    return {target: PINNED}


def unbumped_cleaner(golden: Path) -> bool:
    """The cleaner's pin may be rewritten only once the version was bumped: the version must
    say that stored texts and fresh imports of a page differ."""
    from test_cleaner_version import PINNED, current_output, pinned_output

    same_version = current_output()["cleaner_version"] == pinned_output()["cleaner_version"]
    return golden == PINNED and same_version


def differs(built: Path, golden: Path) -> bool:
    if built.is_dir():
        if not golden.is_dir():
            return True
        names = sorted(p.name for p in built.iterdir())
        if names != sorted(p.name for p in golden.iterdir()):
            return True
        return any(not filecmp.cmp(built / n, golden / n, shallow=False) for n in names)
    return not golden.is_file() or not filecmp.cmp(built, golden, shallow=False)


def install(built: Path, golden: Path) -> None:
    if built.is_dir():
        shutil.rmtree(golden, ignore_errors=True)
        shutil.copytree(built, golden)
    else:
        shutil.copyfile(built, golden)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="annotator-golden-") as scratch:
        scratch_path = Path(scratch)
        built = gold_files(scratch_path) | format_files(scratch_path) | cleaner_files(scratch_path)
        stale = [(b, g) for b, g in built.items() if differs(b, g)]
        refused = [g for _, g in stale if unbumped_cleaner(g)]
        for golden in refused:
            print(
                f"{golden.relative_to(ROOT)}: the cleaner's output changed under the same "
                "CLEANER_VERSION: bump it in annotator/cleaning/pipeline.py first",
                file=sys.stderr,
            )
        if not args.check:
            stale = [(b, g) for b, g in stale if g not in refused]
        for b, golden in stale:
            if not args.check:
                install(b, golden)
            verb = "differs" if args.check else "rewritten"
            print(f"{golden.relative_to(ROOT)}: {verb}")
    print(f"{len(built)} golden files, {len(stale)} {'stale' if args.check else 'rewritten'}")
    return 1 if refused or (args.check and stale) else 0


if __name__ == "__main__":
    raise SystemExit(main())
