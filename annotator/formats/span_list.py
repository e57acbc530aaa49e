"""Formats whose item is a text plus a flat list of (start, end, label) spans.

doccano, spaCy/Prodigy JSONL and Label Studio differ only in how they spell that item; the
checks (offsets inside the text, span text equal to the slice) and the re-reading of every
exported item are shared here.
"""

from __future__ import annotations

import dataclasses
from abc import abstractmethod
from collections.abc import Iterator, Sequence
from typing import Any, ClassVar, TextIO

from jsonschema import Draft202012Validator

from annotator.formats.base import (
    InvalidExportError,
    LabelledText,
    Reader,
    Record,
    RefusedLine,
    Writer,
)
from annotator.formats.json_items import dump_line, load_line, read_json_lines
from annotator.formats.record import labelled_spans, spans_from_triples
from annotator.formats.relation_import import linked
from annotator.model import check_span_text

# (start, end, label, text of the span as the file states it, or None when it does not)
FileSpan = tuple[int, int, str, str | None]
SpanKey = tuple[int, int, str]  # (start, end, label)
FileRelation = tuple[SpanKey, SpanKey, str]  # (from span, to span, kind)


def labelled_text(
    number: int, article_id: str | None, text: str, spans: Sequence[FileSpan]
) -> LabelledText:
    """Check every span against `text` (ValueError naming the first bad one) and number them."""
    for n, (start, end, label, stated) in enumerate(spans, 1):
        problem = check_span_text(text, start, end, stated)
        if problem:
            raise ValueError(f"span {n} ({label}): {problem}")
    triples = sorted((start, end, label) for start, end, label, _ in spans)
    return LabelledText(
        line=number, text=text, article_id=article_id, spans=spans_from_triples(text, triples)
    )


class SpanListFormat(Writer, Reader):
    """A JSONL format: one item per record, `to_item`/`from_item` say how it is spelled."""

    item_schema: ClassVar[dict[str, Any]]

    @abstractmethod
    def to_item(self, record: Record) -> dict[str, Any]: ...

    @abstractmethod
    def from_item(self, item: Any) -> tuple[str | None, str, list[FileSpan]]:
        """(article id or None, text, spans) of a schema-valid item."""

    def validator(self) -> Draft202012Validator:
        return Draft202012Validator(self.item_schema)

    def author_of(self, item: Any) -> str | None:
        """Whose labels the item says it holds, where the format says so."""
        return None

    def left_out(self, item: Any) -> tuple[tuple[str, int], ...]:
        """What the item holds that is not imported, as (kind, count), where the format says."""
        return ()

    def relations_of(self, item: Any) -> list[FileRelation]:
        """The relations of ours (`formats.relations`) the item holds, to be imported as links."""
        return []

    def parse(self, item: Any, number: int) -> LabelledText:
        labelled = labelled_text(number, *self.from_item(item))
        left_out = self.left_out(item)
        if relations := self.relations_of(item):
            draft = {(s.start, s.end, s.label): s.id for s in labelled.spans}
            found = linked(
                labelled.spans, (), (), [(draft[a], draft[b], kind) for a, b, kind in relations]
            )
            labelled = dataclasses.replace(labelled, officials=found.officials)
            if found.not_taken:  # the format holds no events to link
                left_out = (*left_out, (f"{self.name} event relation", found.not_taken))
        return dataclasses.replace(labelled, author=self.author_of(item), left_out=left_out)

    def format_record(self, record: Record) -> str:
        return dump_line(self.to_item(record))

    def read(self, stream: TextIO) -> Iterator[LabelledText | RefusedLine]:
        return read_json_lines(stream, self.validator(), self.parse)

    def verify(self, chunk: str, record: Record) -> None:
        self.verify_item(load_line(chunk), record)

    def verify_item(self, item: Any, record: Record) -> None:
        try:
            article_id, text, spans = self.from_item(item)
            labelled = labelled_text(0, article_id, text, spans)
        except (ValueError, KeyError, TypeError) as error:
            raise InvalidExportError(
                "{name} item of {id}: {error}", name=self.name, id=record['id'], error=error
            ) from error
        found = [(s.start, s.end, s.label) for s in labelled.spans]
        if text != record["text"] or found != labelled_spans(record):
            raise InvalidExportError(
                "{name} item of {id} lost or moved spans", name=self.name, id=record['id']
            )
