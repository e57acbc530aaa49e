"""`annotator merge OTHER.db …`: bring other annotators' databases into this one."""

from __future__ import annotations

import argparse
import json
import os
from contextlib import ExitStack
from dataclasses import asdict
from pathlib import Path

from annotator.commands.common import UsageError, add_common_options, open_store
from annotator.review.merge import MergeReport, merge_database, open_source


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "merge",
        help="copy the articles and annotation sets of other databases into this one",
        description="Sets that differ on both sides: the one edited last wins; every such case "
        "is listed.",
    )
    add_common_options(parser)
    parser.add_argument("others", nargs="+", type=Path, metavar="OTHER.db")
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object per merged file, a line each"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    for other in args.others:
        if not other.exists():  # a folder or pipe is refused by what it is, when opened
            raise UsageError(f"{other}: no such database file")
    failed = False
    with open_store(args) as store, ExitStack() as sources:
        for other in args.others:
            # The same file by identity (stat), also under another name: its copy would be
            # read by hand, and closing that descriptor drops our connection's locks.
            if store.path is not None and os.path.samefile(other, store.path):
                raise UsageError(f"{other} is the database being merged into")
        # Every file is checked before the first is merged: one bad file changes nothing.
        opened = [(other, sources.enter_context(open_source(other))) for other in args.others]
        for other, source in opened:
            report = merge_database(store, source, source_name=str(other))
            print(
                json.dumps(report_json(report), ensure_ascii=False)
                if args.json
                else format_report(report)
            )
            failed = failed or bool(report.failures)
    return 1 if failed else 0


def report_json(report: MergeReport) -> dict:
    """The report as plain data: its fields, plus the derived `sets_replaced`."""
    return {**asdict(report), "sets_replaced": report.sets_replaced}


def format_report(report: MergeReport) -> str:
    lines = [
        f"{report.source}: {report.articles_added} articles added, {report.sets_added} sets "
        f"added, {report.sets_replaced} replaced by newer ones, {report.sets_unchanged} unchanged, "
        f"{len(report.conflicts)} differed, {report.rejections_added} rejections added, "
        f"{len(report.failures)} refused"
    ]
    for c in report.conflicts:
        lines.append(
            f"  differed: {c.article_id} {c.annotator}: kept {c.kept} "
            f"(ours {c.ours_spans} spans, edited {c.ours_updated_at}; "
            f"theirs {c.theirs_spans} spans, edited {c.theirs_updated_at})"
        )
    lines += [f"  refused: {f.article_id} {f.annotator}: {f.reason}" for f in report.failures]
    return "\n".join(lines)
