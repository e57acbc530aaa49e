"""What every format shares: the native record type, the Writer/Reader contracts, the errors."""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar, TextIO

from annotator.messages import Explained
from annotator.model import AnnotationSet, Event, Official, Span, Status

Record = dict[str, Any]  # one line of native JSONL, as described by resources/jsonl.schema.json


class FormatError(Explained):
    """A file cannot be written or read in the asked format; the message says why."""


class InvalidExportError(FormatError):
    """An export failed its own check: a bug or a corrupt database, never written out."""


@dataclass(frozen=True, slots=True)
class RefusedLine:
    """A line (or task) of an imported file that was left out because it is wrong, and why."""

    line: int
    reason: str
    unit: str = "line"  # what `line` counts: "line", or "task" in a Label Studio list

    def __str__(self) -> str:
        return f"{self.unit} {self.line}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Skipped(RefusedLine):
    """A line left out on purpose: it holds no person's labels (a Prodigy `reject`, a Label
    Studio task with only predictions). Reported, but not an error."""


class SkipItem(Exception):
    """Raised by a reader's item parser for an item that is valid but holds no labels to take."""


@dataclass(frozen=True, slots=True)
class LabelledText:
    """One article's labels as read from a file, before it is matched to a stored article.

    Spans, officials and events carry draft ids (unique within this item) and blank
    article_id/annotator; `to_set` fills those in for the matched article.
    """

    line: int
    text: str
    article_id: str | None
    spans: tuple[Span, ...] = ()
    officials: tuple[Official, ...] = ()
    events: tuple[Event, ...] = ()
    status: Status | None = None
    author: str | None = None  # whose labels the file says these are (native records)
    # what the item held that is not imported, as (kind, count): reported, never silent
    left_out: tuple[tuple[str, int], ...] = ()
    note: str | None = None  # the author's note on the article (native records)
    unsure: bool = False

    def to_set(
        self, article_id: str, annotator: str, *, status: Status, seconds: float = 0.0
    ) -> AnnotationSet:
        owner = {"article_id": article_id, "annotator": annotator}
        return AnnotationSet(
            article_id=article_id,
            annotator=annotator,
            status=self.status or status,
            seconds=seconds,
            spans=tuple(dataclasses.replace(s, **owner) for s in self.spans),
            officials=tuple(dataclasses.replace(o, **owner) for o in self.officials),
            events=tuple(dataclasses.replace(e, **owner) for e in self.events),
            note=self.note,
            unsure=self.unsure,
        )


def draft_span(start: int, end: int, label: str, text: str, span_id: int) -> Span:
    return Span(
        article_id="", annotator="", label=label, start=start, end=end, text=text, id=span_id
    )


class Writer(ABC):
    """One export format: a chunk of text per record, between a header and a footer.

    `verify` re-reads a chunk, so every export is checked by parsing what was written.
    """

    name: ClassVar[str]
    extension: ClassVar[str]  # of the output file
    description: ClassVar[str]
    header: ClassVar[str] = ""
    separator: ClassVar[str] = ""  # between two chunks
    footer: ClassVar[str] = ""

    # True: one chunk per article holding all its records (consecutive records of one id),
    # written by `format_article` and re-read by `verify_article`
    per_article: ClassVar[bool] = False

    @abstractmethod
    def format_record(self, record: Record) -> str: ...

    @abstractmethod
    def verify(self, chunk: str, record: Record) -> None:
        """Re-read `chunk` and raise InvalidExportError unless its spans are the record's, each
        span's text being the slice of the exported text."""

    def format_article(self, records: list[Record]) -> str:
        raise NotImplementedError(f"{self.name} writes one chunk per record")

    def verify_article(self, chunk: str, records: list[Record]) -> None:
        raise NotImplementedError(f"{self.name} writes one chunk per record")


def by_author(
    items: Iterable[LabelledText | RefusedLine], author: str | None
) -> Iterator[LabelledText | RefusedLine]:
    """`items`, with the labelled texts of anyone but `author` skipped (all kept when None)."""
    for item in items:
        if isinstance(item, LabelledText) and author is not None and item.author != author:
            yield Skipped(item.line, f"labels of {item.author!r}, not {author!r}")
        else:
            yield item


class Reader(ABC):
    """One import format: a text stream -> labelled texts, and the lines it had to reject."""

    name: ClassVar[str]
    unit: ClassVar[str] = "line"  # what one item of the file is called in messages
    holds_records: ClassVar[bool] = False  # officials and events, besides spans
    # several lines of one article by one author add up (Prodigy: one line per decision);
    # elsewhere a second line for an article is refused
    lines_add_up: ClassVar[bool] = False

    @abstractmethod
    def read(self, stream: TextIO) -> Iterator[LabelledText | RefusedLine]: ...
