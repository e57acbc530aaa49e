"""Corpus-wide reads in a few ordered scans, where one query per set would cost minutes at
100,000 articles (the register, and whatever else looks across the whole corpus), and the
articles of an import written a batch at a time."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from annotator.model import AnnotationSet, Article, Event, Official, Span, Status
from annotator.store import codec

IN_CHUNK = 500  # ids per `IN (...)` query, well under SQLite's variable limit


def in_chunks(ids: Sequence[str]) -> Iterator[list[str]]:
    """`ids` IN_CHUNK at a time, in order: one `IN (...)` query's worth each."""
    for start in range(0, len(ids), IN_CHUNK):
        yield list(ids[start : start + IN_CHUNK])


@dataclass(frozen=True, slots=True)
class EncodedArticle:
    """An article as the values of its row, the import time aside: what an import's worker
    process hands the one that writes. A few strings pickle far faster than an Article's
    tuples of Blocks, and the JSON columns are encoded by the worker, not by the writer, which
    every worker waits for."""

    id: str
    source: str
    values: tuple[Any, ...]  # in the order of `_ARTICLE_COLUMNS`


# the columns of codec.article_row but imported_at (a test holds them to it)
_ARTICLE_COLUMNS = (
    "id", "source", "url", "title", "published", "outlet", "script", "raw_text", "text",
    "offset_map", "damage", "blocks", "cleaner_version",
)  # fmt: skip
_INSERT_ARTICLE = (
    f"INSERT OR IGNORE INTO articles ({', '.join(_ARTICLE_COLUMNS)}, imported_at) "
    f"VALUES ({', '.join('?' for _ in _ARTICLE_COLUMNS)}, ?)"
)


def encode_article(article: Article) -> EncodedArticle:
    row = codec.article_row(article, "")
    return EncodedArticle(article.id, article.source, tuple(row[c] for c in _ARTICLE_COLUMNS))


def insert_articles(
    conn: sqlite3.Connection, articles: Sequence[EncodedArticle], imported_at: str
) -> int:
    """Insert the articles whose id is not stored yet, in one statement prepared once; how many
    were inserted (the statement's own changes: the search index its trigger fills is not
    counted, and no count(*) scans the table twice a batch)."""
    cursor = conn.executemany(_INSERT_ARTICLE, [(*a.values, imported_at) for a in articles])
    return cursor.rowcount


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
