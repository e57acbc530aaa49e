"""`annotator export`: the labelled articles in native JSONL or a format another tool reads."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotator.commands.common import UsageError, add_common_options, open_store
from annotator.formats.base import FormatError
from annotator.services.export import (
    EXPORT_CHOICES,
    ExportRefused,
    ExportRequest,
    check_request,
    export,
)

PROGRESS_EVERY = 1000


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export labels as JSONL, doccano, spaCy, CoNLL, brat, Label Studio or boilerplate",
        description="Export labelled articles. With --annotator NAME (or gold): every article "
        "once, with NAME's labels (an unlabelled article has status todo and no spans). "
        "Without: every human annotator's set (all but the machine's `auto`), and each article "
        "nobody labelled once with annotator null. Every record is checked against "
        "resources/jsonl.schema.json and every span against the text before it is written.",
    )
    add_common_options(parser)
    parser.add_argument("--format", choices=EXPORT_CHOICES, default="jsonl")
    parser.add_argument(
        "--out",
        metavar="PATH",
        help="write here, atomically, instead of stdout (brat: a folder, new or empty or one "
        "an earlier brat export wrote, of which only its own files are replaced; spacy: a "
        ".spacy path writes a DocBin when spaCy is installed; label-studio: a folder, or a path "
        "without an extension, is such a folder, holding tasks.json and the labelling config "
        "config.xml); "
        "never the database",
    )
    parser.add_argument(
        "--original",
        action="store_true",
        help="jsonl only: add the page text as decoded and every span mapped onto it",
    )
    parser.add_argument(
        "--relations",
        action="store_true",
        help="doccano: the relation project's form, entities with ids and relations; "
        "label-studio: relation results beside the spans (officials to their TITLE and ORG "
        "spans, events to participants, PLACE and DATE spans, where the text names them)",
    )
    parser.add_argument(
        "--tab",
        action="store_true",
        help="conll only: token and tag separated by a tab, without -DOCSTART- lines "
        "(what doccano's CoNLL importer reads)",
    )
    parser.add_argument(
        "--csv",
        action="store_true",
        help="register only: one row per person × post, for spreadsheets",
    )
    parser.add_argument(
        "--body-only",
        action="store_true",
        help="cut boilerplate regions out of the text and re-base the other spans; a span "
        "touching a cut region is dropped",
    )
    parser.set_defaults(run=run)


def _request(args: argparse.Namespace) -> ExportRequest:
    request = ExportRequest(
        format=args.format,
        out=Path(args.out) if args.out else None,
        annotator=args.annotator,
        original=args.original,
        relations=args.relations,
        tab=args.tab,
        csv=args.csv,
        body_only=args.body_only,
    )
    try:
        check_request(request)
    except ExportRefused as error:
        raise UsageError(str(error)) from None
    return request


def run(args: argparse.Namespace) -> int:
    request = _request(args)  # refused before the database is opened
    with open_store(args, read_only=True) as store:
        total = store.count_articles()

        def progress(done: int) -> None:
            if total >= PROGRESS_EVERY and done % PROGRESS_EVERY == 0:
                print(f"\rexported {done} of ~{total}", end="", file=sys.stderr, flush=True)

        if request.out is None and hasattr(sys.stdout, "reconfigure"):
            sys.stdout.reconfigure(encoding="utf-8")
        try:
            done = export(store, request, stream=sys.stdout, progress=progress)
        except ExportRefused as error:
            raise UsageError(str(error)) from None
        except BrokenPipeError:  # `annotator export | head`: the reader has what it wanted
            sys.stderr.close()
            return 0
        except FormatError as error:
            print(
                f"\nannotator: export stopped, nothing written to --out: {error}", file=sys.stderr
            )
            return 1
    if done.unit != "records":  # the register: said only when written to a file
        if args.out:
            print(f"exported {done.count} {done.unit} to {args.out}", file=sys.stderr)
    elif args.out or total >= PROGRESS_EVERY:
        where = f" to {args.out}" if args.out else ""
        print(f"\rexported {done.count} records{where}", file=sys.stderr)
    return 0
