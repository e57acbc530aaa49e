"""`annotator export`: the labelled articles in native JSONL or a format another tool reads."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotator.commands.common import UsageError, add_common_options, open_store
from annotator.formats.atomic import atomic_file
from annotator.formats.base import FormatError, Writer
from annotator.formats.conll import ConllFormat
from annotator.formats.doccano import DoccanoFormat
from annotator.formats.label_studio import LabelStudioFormat, labelling_config
from annotator.formats.owned_folder import export_folder
from annotator.formats.pipeline import write_brat, write_checked_docbin, write_export
from annotator.formats.registry import BRAT, EXPORT_FORMATS, writer_for
from annotator.formats.service import export_records
from annotator.store import Store
from annotator.store.targets import refuse_database_target

PROGRESS_EVERY = 1000
LABEL_STUDIO = LabelStudioFormat.name
REGISTER = "register"  # the officials register: one person a line (annotator.register)


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
    parser.add_argument("--format", choices=(*EXPORT_FORMATS, REGISTER), default="jsonl")
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


def _check_options(args: argparse.Namespace) -> None:
    if args.csv and args.format != REGISTER:
        raise UsageError("--csv is for --format register")
    if args.original and args.format != "jsonl":
        raise UsageError("--original is only for --format jsonl")
    if args.relations and args.format not in (DoccanoFormat.name, LABEL_STUDIO):
        raise UsageError("--relations is only for --format doccano or label-studio")
    if args.tab and args.format != ConllFormat.name:
        raise UsageError("--tab is only for --format conll")
    if args.body_only and args.format == "boilerplate":
        raise UsageError("--body-only would cut out everything the boilerplate format labels")
    if args.format == BRAT and not args.out:
        raise UsageError("brat writes a folder: say where with --out FOLDER")


def _writer(args: argparse.Namespace) -> Writer:
    if args.relations:
        if args.format == LABEL_STUDIO:
            return LabelStudioFormat(relations=True)
        return DoccanoFormat(relations=True)
    return ConllFormat(tab=True) if args.tab else writer_for(args.format)


def _names_folder(out: Path) -> bool:
    """--out of a format that can write a folder: an existing folder or a name without an
    extension is one (`--out ls`), `tasks.json` is a file."""
    return out.is_dir() or not out.suffix


def run(args: argparse.Namespace) -> int:
    _check_options(args)
    with open_store(args, read_only=True) as store:
        if args.annotator is not None and args.annotator not in store.annotators():
            # every article would go out with an empty set: a typo must not become a training set
            known = ", ".join(store.annotators()) or "none yet"
            raise UsageError(
                f"no annotation set of {args.annotator!r} in this database (annotators: {known})"
            )
        total = store.count_articles()

        def progress(done: int) -> None:
            if total >= PROGRESS_EVERY and done % PROGRESS_EVERY == 0:
                print(f"\rexported {done} of ~{total}", end="", file=sys.stderr, flush=True)

        if args.out:
            refuse_database_target(Path(args.out), store.path, "an export")
        if args.format == REGISTER:
            return _export_register(store, args)
        records = export_records(
            store,
            args.annotator,
            original=args.original,
            suggestions=args.format == LABEL_STUDIO,  # as the tasks' predictions
        )
        options = {"body_only": args.body_only, "progress": progress}
        try:
            if args.format == BRAT:
                with export_folder(Path(args.out), database=store.path) as folder:
                    count = write_brat(
                        records,
                        folder,
                        store.schema,
                        by_annotator=args.annotator is None,
                        **options,
                    )
            elif args.format == LABEL_STUDIO and args.out and _names_folder(Path(args.out)):
                with export_folder(Path(args.out), database=store.path) as folder:
                    (folder / "config.xml").write_text(
                        labelling_config(store.schema), encoding="utf-8"
                    )
                    with open(folder / "tasks.json", "x", encoding="utf-8") as out:
                        count = write_export(records, _writer(args), out, **options)
            elif args.format == "spacy" and args.out and args.out.endswith(".spacy"):
                with atomic_file(Path(args.out), binary=True) as out:
                    count = write_checked_docbin(records, out, **options)
            elif args.out:
                with atomic_file(Path(args.out)) as out:
                    count = write_export(records, _writer(args), out, **options)
            else:
                if hasattr(sys.stdout, "reconfigure"):
                    sys.stdout.reconfigure(encoding="utf-8")
                count = write_export(records, _writer(args), sys.stdout, **options)
        except BrokenPipeError:  # `annotator export | head`: the reader has what it wanted
            sys.stderr.close()
            return 0
        except FormatError as error:
            print(
                f"\nannotator: export stopped, nothing written to --out: {error}", file=sys.stderr
            )
            return 1
    if args.out or total >= PROGRESS_EVERY:
        where = f" to {args.out}" if args.out else ""
        print(f"\rexported {count} records{where}", file=sys.stderr)
    return 0


def _export_register(store: Store, args: argparse.Namespace) -> int:
    """The officials register from the best labels (or only --annotator's): JSON lines, or
    --csv of posts; atomically to --out, else to stdout."""
    from annotator.register.loading import register_of
    from annotator.register.output import csv_text, json_lines

    result = register_of(store, args.annotator)
    lines = csv_text(result) if args.csv else json_lines(result)
    if args.out:
        with atomic_file(Path(args.out)) as out:
            out.writelines(lines)
        print(f"exported {len(result.persons)} persons to {args.out}", file=sys.stderr)
    else:
        sys.stdout.writelines(lines)
    return 0
