"""`annotator suggest [--all]`: recompute the machine's suggestions after rules, lexicons, the
model or people's labels change. Only the articles whose inputs changed are recomputed (see
annotator.suggest.inputs), or all with --all. Only the `auto` set is replaced; no human's labels
are touched."""

from __future__ import annotations

import argparse
import sys

from annotator.commands.common import add_common_options, open_store
from annotator.commands.counts import positive
from annotator.commands.progress_line import ProgressLine
from annotator.pool import default_jobs
from annotator.services.suggestions import recompute_suggestions


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "suggest", help="recompute suggestions (articles whose inputs changed, or --all)"
    )
    add_common_options(parser)
    parser.add_argument(
        "--all",
        action="store_true",
        help="recompute every article, not only those whose text, lexicons, model, rules, "
        "rejections, corpus line statistics or learned names changed",
    )
    parser.add_argument(
        "--jobs",
        type=positive("a number of processes"),
        default=None,
        metavar="N",
        help="worker processes (default: the number of cores)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    jobs = args.jobs or default_jobs()
    with open_store(args) as store:
        progress = ProgressLine("checking and suggesting", "articles")
        try:
            count = recompute_suggestions(
                store,
                only_changed=not args.all,
                progress=progress,
                jobs=jobs,
                start_method="fork",
            )
        finally:
            progress.end()
        total = store.count_articles()
    print(f"suggestions recomputed for {count} of {total} articles", file=sys.stderr)
    return 0
