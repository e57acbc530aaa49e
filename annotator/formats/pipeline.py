"""Records -> a checked export in one format; pure apart from the stream or folder it fills."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from annotator.formats.base import Record, Writer
from annotator.formats.body_only import body_only as cut_boilerplate
from annotator.formats.brat import annotation_conf, standoff, verify_standoff
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
    for record in _prepared(records, body_only, progress):
        chunk = writer.format_record(record)
        writer.verify(chunk, record)
        out.write(writer.separator + chunk if count else chunk)
        count += 1
    out.write(writer.footer)
    return count


def write_brat(
    records: Iterable[Record],
    folder: Path,
    schema: LabelSchema,
    *,
    by_annotator: bool,
    body_only: bool = False,
    progress: Progress | None = None,
) -> int:
    """Fill `folder` (existing, empty) with .txt/.ann pairs and annotation.conf."""
    (folder / "annotation.conf").write_text(annotation_conf(schema), encoding="utf-8")
    count = 0
    for record in _prepared(records, body_only, progress):
        target = folder
        if by_annotator:
            target = folder / _safe_name(record["annotator"] or "unlabelled")
            target.mkdir(exist_ok=True)
        ann = standoff(record)
        verify_standoff(record["text"], ann, record)
        for suffix, content in ((".txt", record["text"]), (".ann", ann)):
            with open(target / f"{record['id']}{suffix}", "w", encoding="utf-8", newline="") as f:
                f.write(content)
        count += 1
    return count


def _safe_name(annotator: str) -> str:
    """An annotator name as a folder name: path separators and a leading dot replaced."""
    name = "".join("_" if c in "/\\:\0" else c for c in annotator)
    return "_" + name[1:] if name.startswith(".") else name
