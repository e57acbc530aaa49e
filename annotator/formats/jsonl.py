"""The native JSONL of DESIGN.md, one record per line (see resources/jsonl.schema.json)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

from annotator.formats.base import (
    InvalidExportError,
    LabelledText,
    Reader,
    Record,
    RefusedLine,
    Skipped,
    Writer,
    by_author,
)
from annotator.formats.json_items import dump_line, load_line, read_json_lines
from annotator.formats.record import from_record
from annotator.formats.validate import record_validator
from annotator.model import AUTO


class JsonlFormat(Writer, Reader):
    name = "jsonl"
    extension = ".jsonl"
    description = "native JSONL: spans, officials, events, boilerplate regions"
    holds_records = True

    def __init__(self, completed_by: str | None = None) -> None:
        self.completed_by = completed_by  # read only the records of this annotator

    def format_record(self, record: Record) -> str:
        return dump_line(record)

    def verify(self, chunk: str, record: Record) -> None:
        """The line reads back as the record, which the exporter has checked (JSON Schema and
        span texts, `validate.check_record`) before formatting it."""
        if load_line(chunk) != record:
            raise InvalidExportError(
                "article {id}: the JSON line does not read back", id=record['id']
            )

    def read(self, stream: TextIO) -> Iterator[LabelledText | RefusedLine]:
        items = read_json_lines(stream, record_validator(), from_record)
        for item in by_author(items, self.completed_by):
            if isinstance(item, LabelledText) and item.author == AUTO:
                yield Skipped(
                    item.line, "a record of 'auto': suggestions are never a person's labels"
                )
            else:
                yield item
