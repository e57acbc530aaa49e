"""Corpus-wide reads in a few ordered scans, where one query per set would cost minutes at
100,000 articles (the register, and whatever else looks across the whole corpus)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby

from annotator.model import Event, Official, Status
from annotator.store import codec


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


def article_heads(conn: sqlite3.Connection) -> dict[str, tuple[str | None, str | None]]:
    """id -> (title, published) of every article."""
    return {
        row[0]: (row[1], row[2])
        for row in conn.execute("SELECT id, title, published FROM articles")
    }
