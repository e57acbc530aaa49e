"""`annotator import PATH…`: clean scraped pages into articles, then suggest labels for them."""

from __future__ import annotations

import argparse
import sys

from annotator.cleaning import DEFAULT_MAX_BYTES
from annotator.commands.common import add_common_options, open_store
from annotator.commands.counts import positive
from annotator.commands.progress_line import ProgressLine
from annotator.importing import ImportInterrupted
from annotator.model import ImportResult
from annotator.pool import default_jobs
from annotator.services.pages import SuggestingInterrupted, import_pages


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import .txt, .html/.htm and .jsonl pages (folders are walked recursively)",
        description="Import scraped pages. Idempotent: a page already imported is counted, not "
        "added again, and its suggestions are not recomputed. Each failed file is reported with "
        "its reason; the others are imported. Pages are cleaned in --jobs worker processes and "
        "stored in batches; Ctrl+C keeps every batch already stored.",
    )
    add_common_options(parser)
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    parser.add_argument(
        "--max-bytes",
        type=positive("a number of bytes"),
        default=DEFAULT_MAX_BYTES,
        help=f"refuse pages larger than this (default {DEFAULT_MAX_BYTES:,} bytes)",
    )
    parser.add_argument(
        "--no-suggest", action="store_true", help="do not compute suggestions for new articles"
    )
    parser.add_argument(
        "--jobs",
        type=positive("a number of processes"),
        default=None,
        metavar="N",
        help="worker processes that clean and suggest (default: the number of cores)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    jobs = args.jobs or default_jobs()
    lines = _Lines()
    with open_store(args) as store:
        try:
            done = import_pages(
                store,
                args.paths,
                max_bytes=args.max_bytes,
                suggest=not args.no_suggest,
                jobs=jobs,
                start_method="fork",  # this process runs no thread: forking is safe and fast
                progress=lines.importing,
                suggest_progress=lines.suggest_progress,
                on_suggesting=lines.start_suggesting,
            )
        except ImportInterrupted as stop:
            lines.importing.end()
            _report_failures(stop.result)
            kept = stop.result.imported + stop.result.already_present
            print(
                f"interrupted: {stop.result.imported} new article(s) in the batches already "
                f"stored are kept ({kept} article(s) in all); the pages after them were not "
                "stored. Run the same import again to finish (it also computes the suggestions "
                "the kept articles lack)."
                if kept
                else "interrupted before the first batch was stored: nothing was imported",
                file=sys.stderr,
            )
            return 130
        except SuggestingInterrupted:
            lines.end_suggesting()
            print(
                "interrupted while suggesting: every article imported is kept, and the "
                "suggestions stored so far; run the same import again (or `annotator suggest`) "
                "for the rest",
                file=sys.stderr,
            )
            return 130
    result = done.result
    if args.no_suggest:
        _report_failures(result)
    elif done.to_suggest:
        print(f"suggested labels for {done.suggested} article(s)", file=sys.stderr)
    print(
        f"imported {result.imported}, already present {result.already_present}, "
        f"failed {result.failed}"
    )
    return 1 if result.failed else 0


def _report_failures(result: ImportResult) -> None:
    for path, reason in result.failures:
        print(f"failed: {path}: {reason}", file=sys.stderr)


class _Lines:
    """What the import says on stderr: the files' progress, then (failures first) what
    suggesting is about to do and its own progress line, timed from when it starts."""

    def __init__(self) -> None:
        self.importing = ProgressLine("importing", "files")
        self.suggesting: ProgressLine | None = None

    def start_suggesting(self, result: ImportResult, count: int) -> None:
        _report_failures(result)
        print(
            f"{result.already_present} already present, {result.imported} new; "
            f"computing suggestions for {count} article(s)",
            file=sys.stderr,
        )
        self.suggesting = ProgressLine("suggesting", "articles")

    def suggest_progress(self, done: int, total: int) -> None:
        if self.suggesting is not None:
            self.suggesting(done, total)

    def end_suggesting(self) -> None:
        if self.suggesting is not None:
            self.suggesting.end()
