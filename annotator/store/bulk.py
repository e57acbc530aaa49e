"""Corpus-wide reads in a few ordered scans, where one query per set would cost minutes at
100,000 articles (the register, and whatever else looks across the whole corpus)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby

from annotator.model import AnnotationSet, Event, Official, Span, Status
from annotator.store import codec

IN_CHUNK = 500  # ids per `IN (...)` query, well under SQLite's variable limit


@dataclass(frozen=True, slots=True)
class SetRecords:
    """One annotation set's records, without its spans."""

    article_id: str
    annotator: str
    status: Status
    officials: tuple[Official, ...]
    events: tuple[Event, ...]


def _grouped(
    conn: sqlite3.Connection, table: str, cls: type
) -> Iterator[tuple[tuple[str, str], list]]:
    rows = conn.execute(f"SELECT * FROM {table} ORDER BY article_id, annotator, id")
    records = (codec.record_from_row(cls, row) for row in rows)
    return (
        (key, list(group)) for key, group in groupby(records, lambda r: (r.article_id, r.annotator))
    )


def set_records(conn: sqlite3.Connection) -> Iterator[SetRecords]:
    """Every set's officials and events, ordered by (article id, annotator): three ordered scans
    merged as they go, so memory holds one set at a time."""
    officials = _grouped(conn, "officials", Official)
    events = _grouped(conn, "events", Event)
    next_official = next(officials, None)
    next_event = next(events, None)
    heads = conn.execute(
        "SELECT article_id, annotator, status FROM annotation_sets ORDER BY article_id, annotator"
    )
    for article_id, annotator, status in heads:
        key = (article_id, annotator)
        found_officials: list = []
        found_events: list = []
        while next_official is not None and next_official[0] <= key:
            if next_official[0] == key:
                found_officials = next_official[1]
            next_official = next(officials, None)
        while next_event is not None and next_event[0] <= key:
            if next_event[0] == key:
                found_events = next_event[1]
            next_event = next(events, None)
        yield SetRecords(article_id, annotator, status, tuple(found_officials), tuple(found_events))


def assemble_set(
    article_id: str,
    annotator: str,
    head: sqlite3.Row | None,
    spans: list[Span],
    officials: list[Official],
    events: list[Event],
) -> AnnotationSet:
    """A set from its head row (None: no row, an empty `todo` set) and its records as read,
    by id; spans go in text order."""
    spans = sorted(spans, key=lambda s: (s.start, s.end, s.label, s.id))
    return AnnotationSet(
        article_id=article_id,
        annotator=annotator,
        status=head["status"] if head else "todo",
        seconds=head["seconds"] if head else 0.0,
        spans=tuple(spans),
        officials=tuple(officials),
        events=tuple(events),
        updated_at=head["updated_at"] if head else None,
        note=head["note"] if head else None,
        unsure=bool(head["unsure"]) if head else False,
    )


def sets_of(
    conn: sqlite3.Connection, annotator: str, article_ids: Sequence[str]
) -> list[AnnotationSet]:
    """`annotator`'s sets (those with a head row) on `article_ids`, whole, in that order: four
    queries for the lot instead of four per set. At most IN_CHUNK ids at a time."""
    marks = ",".join("?" for _ in article_ids)
    where = f"WHERE annotator = ? AND article_id IN ({marks})"
    params = [annotator, *article_ids]
    heads = {
        row["article_id"]: row
        for row in conn.execute(f"SELECT * FROM annotation_sets {where}", params)
    }
    records: list[dict[str, list]] = []
    for table, cls in (("spans", Span), ("officials", Official), ("events", Event)):
        found: dict[str, list] = {}
        for row in conn.execute(f"SELECT * FROM {table} {where} ORDER BY id", params):
            record = codec.record_from_row(cls, row)
            found.setdefault(record.article_id, []).append(record)
        records.append(found)
    return [
        assemble_set(article_id, annotator, heads[article_id], *(r.get(article_id, []) for r in records))
        for article_id in article_ids
        if article_id in heads
    ]


def article_heads(conn: sqlite3.Connection) -> dict[str, tuple[str | None, str | None]]:
    """id -> (title, published) of every article."""
    return {
        row[0]: (row[1], row[2])
        for row in conn.execute("SELECT id, title, published FROM articles")
    }
