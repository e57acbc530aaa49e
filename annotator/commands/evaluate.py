"""`annotator evaluate --gold FILE.jsonl [--annotator auto]`: score one annotator's labels (by
default the suggestions) against a gold native-JSONL file."""

from __future__ import annotations

import argparse
from pathlib import Path

from annotator.commands.common import UsageError, add_common_options, open_store
from annotator.model import AUTO


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "evaluate", help="precision / recall / F1 of suggestions (or anyone's labels) against gold"
    )
    add_common_options(parser)
    parser.add_argument("--gold", required=True, type=Path, metavar="FILE.jsonl")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from annotator.suggest.evaluate import GoldError, Report, read_gold

    if not args.gold.is_file():
        raise UsageError(f"gold file {args.gold} does not exist")
    try:
        gold = read_gold(args.gold)
    except GoldError as error:
        raise UsageError(str(error)) from None
    if not gold:
        raise UsageError(f"gold file {args.gold} holds no articles; there is nothing to score")
    annotator = args.annotator or AUTO
    report = Report()
    problems: list[str] = []
    with open_store(args, read_only=True) as store:
        for article in gold:
            if not store.has_article(article.id):
                problems.append(f"{article.id}: not in the database")
                continue
            if store.get_article(article.id).text != article.text:
                problems.append(f"{article.id}: text differs from the database's (another cleaner?)")
                continue
            report.add(article, store.get_annotation_set(article.id, annotator))
    if report.articles == 0:  # a score over nothing would read as perfect
        raise UsageError(
            f"none of the {len(gold)} gold articles could be scored ("
            + "; ".join(problems[:3])
            + ("; …" if len(problems) > 3 else "")
            + ")"
        )
    print(f"{annotator} against {args.gold}")
    print(report.format())
    for problem in problems:
        print(f"skipped {problem}")
    return 1 if problems else 0
