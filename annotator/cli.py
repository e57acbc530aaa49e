"""`annotator …`: parse the command line and hand over to one module of `annotator.commands`.

Each command module defines `register(subparsers)`, which adds its parser and sets `run`
(a function taking the parsed arguments and returning an exit status). Qt is imported only by
the commands that open a window, so `annotator export` never pays for loading it.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from annotator.allocator import keep_freed_memory
from annotator.commands.common import add_common_options, run_reporting_errors

# One entry per sub-command module; the order is the order of `annotator --help`.
COMMAND_MODULES: tuple[str, ...] = (
    "annotator.commands.gui",
    "annotator.commands.import_pages",
    "annotator.commands.stats",
    "annotator.commands.export",
    "annotator.commands.import_labels",
    "annotator.commands.agree",
    "annotator.commands.merge",
    "annotator.commands.assign",
    "annotator.commands.progress",
    "annotator.commands.review",
    "annotator.commands.register",
    "annotator.commands.suggest",
    "annotator.commands.evaluate",
    "annotator.commands.train",
    "annotator.commands.bench",
    "annotator.commands.backup",
    "annotator.commands.restore",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotator",
        description="Label officials, events and boilerplate in scraped Chinese news pages.",
    )
    add_common_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    keep_freed_memory()  # before the first page: see annotator.allocator
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # no sub-command: open the window
        args = parser.parse_args([*argv, "gui"])
    for option in ("db", "annotator"):
        if not hasattr(args, option):
            setattr(args, option, None)
    return run_reporting_errors(args)
