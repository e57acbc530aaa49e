"""`annotator bench NAME`: measured speed and memory figures, printed, never asserted in tests."""

from __future__ import annotations

import argparse
import importlib

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
)


def register(subparsers: argparse._SubParsersAction) -> None:
    from annotator.commands.common import add_common_options

    parser = subparsers.add_parser("bench", help="run a benchmark and print its figures")
    add_common_options(parser)
    benches = parser.add_subparsers(dest="bench", metavar="NAME", required=True)
    for name in BENCH_MODULES:
        importlib.import_module(name).register(benches)
