"""`annotator import PATH…`: clean scraped pages into articles, then suggest labels for them."""

from __future__ import annotations

import argparse
import sys

from annotator.cleaning import DEFAULT_MAX_BYTES
from annotator.commands.common import add_common_options, open_store
from annotator.importing import import_paths


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import .txt, .html/.htm and .jsonl pages (folders are walked recursively)",
        description="Import scraped pages. Idempotent: a page already imported is counted, not "
        "added again. Each failed file is reported with its reason; the others are imported.",
    )
    add_common_options(parser)
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    parser.add_argument(
        "--max-bytes",
        type=_byte_count,
        default=DEFAULT_MAX_BYTES,
        help=f"refuse pages larger than this (default {DEFAULT_MAX_BYTES:,} bytes)",
    )
    parser.add_argument(
        "--no-suggest", action="store_true", help="do not compute suggestions for new articles"
    )
    parser.set_defaults(run=run)


def _byte_count(text: str) -> int:
    """A limit of 0 or less would refuse every page (and a negative read size reads all)."""
    try:
        count = int(text)
    except ValueError:
        count = 0
    if count < 1:
        raise argparse.ArgumentTypeError(f"expected a number of bytes above 0, not {text!r}")
    return count


def _progress(done: int, total: int) -> None:
    if total >= 50 and (done % 50 == 0 or done == total):
        print(f"\rimporting {done}/{total}", end="" if done < total else "\n", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        new_ids: list[str] = []
        result = import_paths(
            store,
            args.paths,
            max_bytes=args.max_bytes,
            progress=_progress,
            on_imported=new_ids.extend,
        )
        for path, reason in result.failures:
            print(f"failed: {path}: {reason}", file=sys.stderr)
        if new_ids and not args.no_suggest:
            from annotator.suggest.run import suggest_corpus  # only `import` needs the engine

            suggested = suggest_corpus(store, article_ids=new_ids)
            print(f"suggested labels for {suggested} article(s)", file=sys.stderr)
    print(
        f"imported {result.imported}, already present {result.already_present}, "
        f"failed {result.failed}"
    )
    return 1 if result.failed else 0
