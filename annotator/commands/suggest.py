"""`annotator suggest [--all]`: recompute the machine's suggestions after rules or lexicons
change. Only the `auto` set is replaced; no human's labels are touched."""

from __future__ import annotations

import argparse
import sys

from annotator.commands.common import add_common_options, open_store
from annotator.model import AUTO


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "suggest", help="recompute suggestions (articles without any, or --all)"
    )
    add_common_options(parser)
    parser.add_argument(
        "--all", action="store_true", help="recompute every article, not only those without suggestions"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from annotator.suggest.run import suggest_corpus

    with open_store(args) as store:
        ids = store.article_ids()
        if not args.all:
            ids = [i for i in ids if not store.has_annotation_set(i, AUTO)]
        count = suggest_corpus(store, article_ids=ids, progress=_progress)
    print(f"\rsuggestions recomputed for {count} articles", file=sys.stderr)
    return 0


def _progress(done: int, total: int) -> None:
    if done == total or done % 50 == 0:
        print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)
