"""`annotator review`: the reviewer's window, adjudicating the annotators' work into `gold`."""

from __future__ import annotations

import argparse
from pathlib import Path

from annotator.commands.common import UsageError, add_common_options
from annotator.store import Store, default_db_path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "review",
        help="open the review window: settle the annotators' disagreements into gold",
        description="The reviewer's edits are saved as annotator `gold`; export them with "
        "`annotator export --annotator gold`.",
    )
    add_common_options(parser)
    parser.add_argument(
        "--annotators",
        metavar="A,B,…",
        help="whose work to compare, in lane order (default: every human annotator)",
    )
    parser.add_argument(
        "--screenshot",
        metavar="PNG",
        type=Path,
        help="open the worst article, save a picture of the window once the corpus figures "
        "are in, and quit (for the README)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    db_path = Path(args.db) if args.db else default_db_path()
    if not db_path.is_file():
        raise UsageError(f"{db_path}: no such database file")
    annotators = (
        [name.strip() for name in args.annotators.split(",") if name.strip()]
        if args.annotators
        else None
    )
    with Store.open(db_path) as store:  # refuse bad choices before Qt starts
        from annotator.gui.review_window import check_annotators

        try:
            check_annotators(store, annotators)
        except ValueError as error:
            raise UsageError(str(error)) from None
    from annotator.gui.review_window import run_review_window

    return run_review_window(db_path, annotators, args.screenshot)
