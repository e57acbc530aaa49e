"""`annotator gui` (also plain `annotator`): open the main window on the database."""

from __future__ import annotations

import argparse
from pathlib import Path

from annotator.commands.common import UsageError, add_common_options
from annotator.model import check_person_name


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("gui", help="open the annotation window (the default)")
    add_common_options(parser)
    parser.add_argument(
        "--screenshot", metavar="PNG", type=Path, help="save a picture of the window and quit"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from annotator.gui.app import display_problem, run_window

    if args.annotator is not None:  # else the window asks, with the same rule
        problem = check_person_name(args.annotator)
        if problem:
            raise UsageError(f"--annotator {args.annotator!r}: {problem}")
    problem = display_problem()
    if problem:
        raise UsageError(problem)
    return run_window(Path(args.db) if args.db else None, args.annotator,
                      screenshot=getattr(args, "screenshot", None))
