"""`annotator review`: the reviewer's window, adjudicating the annotators' work into `gold`;
with `--open`, a list (no window) of what gold has left open, article by article."""

from __future__ import annotations

import argparse
from pathlib import Path

from annotator.commands.common import UsageError, add_common_options
from annotator.model import GOLD
from annotator.review.adjudication import Adjudicator, check_annotators, open_disagreements
from annotator.store import Store, default_db_path
from annotator.store.connection import regular_file_exists


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
    parser.add_argument(
        "--open",
        action="store_true",
        help="no window: list the articles whose gold still has open span, official or event "
        "disagreements; exit 1 when one of them is marked adjudicated (as gold sets "
        "adjudicated before records were reviewed can be)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    db_path = Path(args.db) if args.db else default_db_path()
    if not regular_file_exists(db_path):  # a pipe or a device is refused as what it is
        raise UsageError(f"{db_path}: no such database file")
    annotators = (
        [name.strip() for name in args.annotators.split(",") if name.strip()]
        if args.annotators
        else None
    )
    with Store.open(db_path, read_only=args.open) as store:  # refuse bad choices before Qt
        try:
            chosen = check_annotators(store, annotators)
        except ValueError as error:
            raise UsageError(str(error)) from None
        if args.open:
            return list_open(store, chosen)
    from annotator.gui.review_window import run_review_window

    return run_review_window(db_path, annotators, args.screenshot)


def list_open(store: Store, annotators: list[str]) -> int:
    """One line per article gold has touched and left something open in; 1 when an article
    marked adjudicated is among them."""
    adjudicator = Adjudicator(store, annotators)
    touched = [i for i in store.article_ids() if store.has_annotation_set(i, GOLD)]
    open_done = open_other = 0
    for article_id in touched:
        state = adjudicator.load(article_id)
        still_open = open_disagreements(state)
        if not still_open.total:
            continue
        done = state.gold.status == "done"
        open_done += done
        open_other += not done
        print(f"{article_id}\t{state.gold.status}\t{still_open.describe()}")
    print(
        f"{len(touched)} article(s) in gold: {open_done} marked adjudicated with something "
        f"open, {open_other} in progress with something open (annotators: {', '.join(annotators)})"
    )
    return 1 if open_done else 0
