"""Records -> a checked export in one format; pure apart from the stream or folder it fills."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import groupby
from pathlib import Path
from typing import BinaryIO, TextIO

from annotator.formats.base import InvalidExportError, Record, Writer
from annotator.formats.body_only import body_only as cut_boilerplate
from annotator.formats.brat import (
    CONF,
    annotation_conf,
    file_stem,
    folder_key,
    folder_name,
    standoff,
    verify_standoff,
)
from annotator.formats.spacy_jsonl import write_docbin
from annotator.formats.validate import check_record
from annotator.model import LabelSchema

Progress = Callable[[int], None]  # called with the number of records written so far


def _prepared(
    records: Iterable[Record], body_only: bool, progress: Progress | None
) -> Iterable[Record]:
    for count, record in enumerate(records, 1):
        final = cut_boilerplate(record) if body_only else record
        check_record(final)  # JSON Schema + every span's text, whatever the output format
        yield final
        if progress is not None:
            progress(count)


def write_export(
    records: Iterable[Record],
    writer: Writer,
    out: TextIO,
    *,
    body_only: bool = False,
    progress: Progress | None = None,
) -> int:
    """Write every record in `writer`'s format, each chunk re-read by `writer.verify` first.

    Raises InvalidExportError at the first record that fails a check. Returns the count.
    """
    count = 0
    out.write(writer.header)
    for group in _chunked(_prepared(records, body_only, progress), writer.per_article):
        if writer.per_article:
            chunk = writer.format_article(group)
            writer.verify_article(chunk, group)
        else:
            chunk = writer.format_record(group[0])
            writer.verify(chunk, group[0])
        out.write(writer.separator + chunk if count else chunk)
        count += len(group)
    out.write(writer.footer)
    return count


def _chunked(records: Iterable[Record], per_article: bool) -> Iterator[list[Record]]:
    """Each record alone, or (per_article) the consecutive records of one article together."""
    if not per_article:
        yield from ([record] for record in records)
        return
    for _, group in groupby(records, key=lambda record: record["id"]):
        yield list(group)


def write_brat(
    records: Iterable[Record],
    folder: Path,
    schema: LabelSchema,
    *,
    by_annotator: bool,
    body_only: bool = False,
    progress: Progress | None = None,
) -> int:
    """Fill `folder` (existing, empty) with .txt/.ann pairs and annotation.conf.

    Raises InvalidExportError for an article id that is no plain file name, for two records
    that would write one file, and for two annotators whose folders a case-insensitive disk
    would merge: an export never holds fewer files than it reports.
    """
    files = _BratFiles(folder)
    files.write(CONF, annotation_conf(schema))
    count = 0
    for record in _prepared(records, body_only, progress):
        ann = standoff(record)
        verify_standoff(record["text"], ann, record)
        where = files.annotator_folder(record["annotator"]) if by_annotator else ""
        stem = file_stem(record)
        files.write(f"{where}{stem}.txt", record["text"])
        files.write(f"{where}{stem}.ann", ann)
        count += 1
    return count


class _BratFiles:
    """Writes files under one folder: each name new, each path checked to stay inside."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.root = folder.resolve()
        self.owner_of: dict[str, str | None] = {}  # folder_key -> the annotator it was made for

    def annotator_folder(self, annotator: str | None) -> str:
        """`<folder name>/` of `annotator`, made on first use."""
        name = folder_name(annotator)
        key = folder_key(name)
        if key not in self.owner_of:
            self.owner_of[key] = annotator
            self._inside(name).mkdir()
        elif self.owner_of[key] != annotator:
            raise InvalidExportError(
                "annotators {other!r} and {annotator!r} would share one brat folder on disks "
                "that ignore case; export them one at a time with --annotator",
                other=self.owner_of[key], annotator=annotator
            )
        return name + "/"

    def write(self, relative: str, content: str) -> None:
        path = self._inside(relative)
        try:
            with open(path, "x", encoding="utf-8", newline="") as stream:
                stream.write(content)
        except FileExistsError:
            raise InvalidExportError(
                "two records would write the brat file {relative}", relative=relative
            ) from None

    def _inside(self, relative: str) -> Path:
        """folder/relative, refused unless it resolves to a path under the folder (defence in
        depth: names are checked where they are made)."""
        path = self.folder / relative
        if self.root not in path.resolve().parents:
            raise InvalidExportError(
                "brat file name {relative!r} leads outside the export", relative=relative
            )
        return path


def write_checked_docbin(
    records: Iterable[Record],
    out: BinaryIO,
    *,
    body_only: bool = False,
    progress: Progress | None = None,
) -> int:
    """A `.spacy` DocBin of the records, each checked (and cut) as every other format's."""
    count = 0

    def counted() -> Iterator[Record]:
        nonlocal count
        for record in _prepared(records, body_only, progress):
            count += 1
            yield record

    write_docbin(counted(), out)
    return count
