"""`annotator bench NAME`: measured speed and memory figures, printed, never asserted in tests."""

from __future__ import annotations

import argparse
import importlib

from annotator.commands.common import add_common_options

# One module per benchmark, each with `register(subparsers)`.
BENCH_MODULES: tuple[str, ...] = (
    "annotator.bench.import_pages",
    "annotator.bench.suggest",
    "annotator.bench.real_import",
    "annotator.bench.long_pages",
    "annotator.bench.gui",
    "annotator.bench.agree",
    "annotator.bench.export",
    "annotator.bench.register",
    "annotator.bench.tagger",
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("bench", help="run a benchmark and print its figures")
    add_common_options(parser)
    benches = parser.add_subparsers(dest="bench", metavar="NAME", required=True)
    for name in BENCH_MODULES:
        importlib.import_module(name).register(benches)
    # The benches sit below the commands (they never import them), so the shared options are
    # added here, to every bench alike, as every command takes them after its name.
    for bench in benches.choices.values():
        add_common_options(bench)
