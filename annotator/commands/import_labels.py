"""`annotator import-labels`: labels made elsewhere (jsonl, doccano, spaCy, Label Studio) into
an annotator's sets."""

from __future__ import annotations

import argparse
import io
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from annotator.commands.common import UsageError, add_common_options, annotator_name, open_store
from annotator.formats.base import Reader, RefusedLine
from annotator.formats.brat_reader import BratFolderReader
from annotator.formats.doccano import DoccanoFormat
from annotator.formats.jsonl import JsonlFormat
from annotator.formats.label_map import parse_label_map
from annotator.formats.label_studio import LabelStudioFormat
from annotator.formats.registry import BRAT, READERS, reader_for
from annotator.formats.service import (
    IMPORTED_STATUS,
    ArticleImport,
    ImportReport,
    UnknownLabels,
    import_items,
)
from annotator.formats.spacy_jsonl import SpacyFormat
from annotator.model import GOLD, check_person_name


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import-labels",
        help="import labels from jsonl, doccano, spacy or label-studio files",
        description="Each line (Label Studio: each task) is matched to a stored article by id, "
        "or failing that by exact text. By default its labels are merged into the annotator's "
        "set of that article (each span, official and event once; an official whose titles "
        "differ from the set's is refused; the set keeps its status); with --replace they "
        "replace it. Either way a line "
        "holding no labels never empties a set that has some. One transaction per article. A "
        "line with offsets outside the text, a span text that does not match, an unknown label "
        "or an unknown article is rejected with its line number and reason (exit 1); the rest "
        "are imported. Skipped, and said so, are lines that hold no person's labels: Prodigy "
        "answers 'reject'/'ignore', Label Studio tasks with only predictions or only cancelled "
        "annotations, native records of 'auto'. A file holding several people's labels for "
        "one article (Label Studio annotations, an export of everyone) is refused there unless "
        "--completed-by says whose. spacy reads our and Prodigy's {\"spans\": [...]} and spaCy's "
        "Doc.to_json() (ents and span groups); Prodigy lines of one annotator on one text (one "
        "line per decision) add up. Formats without a status import as "
        f"{IMPORTED_STATUS}. The names 'auto' and 'gold' are not a person's: an existing gold "
        "standard is imported with --as-gold.",
    )
    add_common_options(parser)
    parser.add_argument("--format", choices=(*READERS, BRAT), required=True)
    parser.add_argument(
        "--replace",
        action="store_true",
        help="replace each matched set with the line's labels instead of merging them in",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="print what each article would gain and lose, and write nothing",
    )
    parser.add_argument(
        "--as-gold",
        action="store_true",
        help="import an adjudicated gold standard into the 'gold' set (no --annotator needed)",
    )
    parser.add_argument(
        "--completed-by",
        metavar="USER",
        help="whose labels to take: label-studio, the annotation of this user (id or e-mail) "
        "in each task; jsonl, the records of this annotator (an export of several); spacy, "
        "the lines of this Prodigy _annotator_id/_session_id",
    )
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="SRC=DST",
        help="read the foreign label SRC as our label DST (repeatable: --map PERSON=OFFICIAL "
        "--map LOC=PLACE); a line with a label neither ours nor mapped is refused, each such "
        "label reported once with its count",
    )
    parser.add_argument(
        "--without-relations",
        action="store_true",
        help="doccano, label-studio: import the spans of lines that hold relations and count "
        "every relation as left out (without this, title and organization relations become "
        "officials' links, those of events are counted, and a line with relations of other "
        "kinds is refused)",
    )
    parser.add_argument(
        "file",
        metavar="FILE",
        help="the file to read ('-' for stdin); brat: the folder of .txt and .ann files (T "
        "lines are spans; our E and R lines officials, events and their links; other E, R, A "
        "lines and notes are counted and left out)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    annotator = target_annotator(args)
    reader = _reader(args)
    if isinstance(reader, BratFolderReader):
        try:
            reader.ann_files()
        except ValueError as error:
            raise UsageError(str(error)) from None
        items = reader.read()
    else:
        items = reader.read(io.StringIO(read_utf8(args.file)))
    with open_store(args) as store:
        try:
            label_map = parse_label_map(args.map, store.schema.names())
        except ValueError as error:
            raise UsageError(str(error)) from None
        report = import_items(
            store,
            reader,
            items,
            annotator,
            replace=args.replace,
            dry_run=args.dry_run,
            label_map=label_map,
        )
    for refused in report.refused:
        if not isinstance(refused, UnknownLabels):
            print(f"rejected: {args.file}: {refused}", file=sys.stderr)
    for line in unknown_label_lines(report.refused, reader.unit):
        print(f"rejected: {args.file}: {line}", file=sys.stderr)
    for skip in report.skipped:
        print(f"skipped: {args.file}: {skip}", file=sys.stderr)
    if args.dry_run:
        for article in report.articles:
            print(change_line(article, reader.unit))
    print(summary(report, reader.unit, dry_run=args.dry_run))
    return 1 if report.refused else 0


def target_annotator(args: argparse.Namespace) -> str:
    """Whose sets the import writes: a person's name, or gold with --as-gold only."""
    if args.as_gold:
        if args.annotator not in (None, GOLD):
            raise UsageError(f"--as-gold writes the {GOLD!r} set; leave out --annotator")
        return GOLD
    name = annotator_name(args)
    problem = check_person_name(name)
    if problem:
        hint = (
            " (an adjudicated gold standard: --as-gold)" if name.strip().casefold() == GOLD else ""
        )
        raise UsageError(f"--annotator {name!r}: {problem}{hint}")
    return name


# the formats whose files may hold several people's labels, and read one person's on request
CHOOSE_AUTHOR = {cls.name: cls for cls in (LabelStudioFormat, JsonlFormat, SpacyFormat)}


def _reader(args: argparse.Namespace) -> Reader:
    if args.format == BRAT:
        if args.completed_by is not None or args.without_relations:
            raise UsageError("a brat folder holds one person's labels: name its folder")
        folder = Path(args.file)
        if not folder.is_dir():
            raise UsageError(f"brat imports a folder of .txt and .ann files; {folder} is not one")
        return BratFolderReader(folder)
    if args.without_relations:
        if args.format == LabelStudioFormat.name:
            return LabelStudioFormat(args.completed_by, without_relations=True)
        if args.format != DoccanoFormat.name or args.completed_by is not None:
            raise UsageError("--without-relations is only for --format doccano or label-studio")
        return DoccanoFormat(without_relations=True)
    if args.completed_by is None:
        return reader_for(args.format)
    if args.format not in CHOOSE_AUTHOR:
        raise UsageError(
            f"--completed-by chooses whose labels in {', '.join(CHOOSE_AUTHOR)} files only"
        )
    return CHOOSE_AUTHOR[args.format](completed_by=args.completed_by)


def read_utf8(file: str) -> str:
    """The whole file (or stdin) as UTF-8, whatever the locale; a file that is not UTF-8 is
    refused before anything is imported, naming the line of the first bad byte."""
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read {file}: {error.strerror}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise UsageError(
            f"{file} is not UTF-8 (line {line}: {error.reason}); nothing imported"
        ) from None


SHOWN_LINES = 5  # line numbers named per unknown label


def unknown_label_lines(refused: Sequence[RefusedLine], unit: str) -> list[str]:
    """One line per unknown label: its spans, the lines it made refused, how to map it."""
    spans: Counter[str] = Counter()
    lines: dict[str, list[int]] = {}
    for line in refused:
        if isinstance(line, UnknownLabels):
            for label, count in line.labels:
                spans[label] += count
                lines.setdefault(label, []).append(line.line)
    report = []
    for label in sorted(spans):
        numbers = lines[label]
        shown = ", ".join(map(str, numbers[:SHOWN_LINES])) + (
            "…" if len(numbers) > SHOWN_LINES else ""
        )
        report.append(
            f"unknown label {label!r}: {_plural(spans[label], 'span')} on "
            f"{_plural(len(numbers), unit)} ({unit} {shown}) refused; "
            f"map it onto ours with --map {label}=LABEL"
        )
    return report


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def change_line(article: ArticleImport, unit: str) -> str:
    """'b0b0… (line 3): +2 -0 =5 spans, +1 records' for a dry run."""
    change = article.change
    line = (
        f"{article.article_id} ({unit} {article.line}): "
        f"+{change.added} -{change.removed} ={change.kept} spans"
    )
    if change.records_added or change.records_removed or change.records_extended:
        line += (
            f", records (officials, events) +{change.records_added} -{change.records_removed}"
            f" extended {change.records_extended}"
        )
    return line


def summary(report: ImportReport, unit: str, *, dry_run: bool) -> str:
    """'imported 5 articles (+12 spans, -0, 30 kept), rejected 1 line' and what else happened."""
    verb = "dry run, nothing written: would import" if dry_run else "imported"
    text = (
        f"{verb} {_plural(report.imported, 'article')} (+{report.total('added')} spans, "
        f"-{report.total('removed')}, {report.total('kept')} kept), "
        f"rejected {_plural(len(report.refused), unit)}"
    )
    records = report.total("records_added"), report.total("records_removed")
    if any(records):
        text += f", records (officials, events) +{records[0]} -{records[1]}"
    if report.skipped:
        text += f", skipped {_plural(len(report.skipped), unit)}"
    if report.without_labels:
        text += f"; {_plural(report.without_labels, unit)} carried no labels"
    if report.left_out:
        text += "; left out " + ", ".join(_plural(n, kind) for kind, n in report.left_out)
    return text
