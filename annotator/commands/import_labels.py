"""`annotator import-labels`: labels made elsewhere (jsonl, doccano, spaCy, Label Studio) into
an annotator's sets."""

from __future__ import annotations

import argparse
import sys

from annotator.commands.common import UsageError, add_common_options, annotator_name, open_store
from annotator.formats.registry import READERS, reader_for
from annotator.formats.service import IMPORTED_STATUS, import_labels


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import-labels",
        help="import labels from jsonl, doccano, spacy or label-studio files",
        description="Each line (Label Studio: each task) is matched to a stored article by id, "
        "or failing that by exact text, and replaces the annotator's set of that article in "
        "one transaction. A line with offsets outside the text, a span text that does not "
        "match, an unknown label or an unknown article is rejected with its line number and "
        "reason; the rest are imported. Formats without a status import as "
        f"{IMPORTED_STATUS}.",
    )
    add_common_options(parser)
    parser.add_argument("--format", choices=tuple(READERS), required=True)
    parser.add_argument("file", metavar="FILE", help="the file to read ('-' for stdin)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    annotator = annotator_name(args)
    reader = reader_for(args.format)
    try:
        stream = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8-sig")  # noqa: SIM115
    except OSError as error:
        raise UsageError(f"cannot read {args.file}: {error.strerror}") from None
    with stream, open_store(args) as store:
        try:
            report = import_labels(store, reader, stream, annotator)
        except UnicodeDecodeError as error:
            raise UsageError(f"{args.file} is not UTF-8: {error.reason}") from None
    for rejection in report.rejections:
        print(f"rejected: {args.file}: {rejection}", file=sys.stderr)
    print(f"imported {report.imported}, rejected {len(report.rejections)}")
    return 1 if report.rejections else 0
