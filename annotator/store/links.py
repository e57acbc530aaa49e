"""Keep records consistent with spans inside one command: an OFFICIAL span belongs to the
official of its name, a deleted span leaves the officials and events that cited it, an accepted
suggestion brings its official's titles and its event along.

Each function works on the rows of the open command (`Recorder`), so everything it changes is
logged and undone with the edit that caused it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import replace
from typing import Any, TypeVar

from annotator.model import AnnotationSet, Event, Official, Span, linked_spans, relinked
from annotator.store import codec
from annotator.store.edits import Recorder

OFFICIAL = "OFFICIAL"
R = TypeVar("R", Official, Event)


def insert_span(
    rec: Recorder,
    article_id: str,
    annotator: str,
    label: str,
    start: int,
    end: int,
    text: str,
    origin: int | None,
    rule: str | None = None,
) -> Span:
    span = Span(article_id, annotator, label, start, end, text[start:end], origin=origin, rule=rule)
    span = replace(span, id=rec.put("spans", None, codec.record_row(span)))
    if label == OFFICIAL:
        attach_official(rec, span)
    return span


def attach_official(
    rec: Recorder,
    span: Span,
    template: Official | None = None,
    links: Mapping[str, Any] | None = None,
) -> int:
    """Link an OFFICIAL span to the official of the same name in its set (or a new one); a new
    one takes `template`'s name, titles and organization and the `links` given (span ids of the
    span's set), an existing one those links it lacks."""
    links = links or {}
    row = rec.conn.execute(
        "SELECT * FROM officials WHERE article_id = ? AND annotator = ? AND name = ?",
        (span.article_id, span.annotator, span.text),
    ).fetchone()
    if row is None:
        official = Official(
            span.article_id,
            span.annotator,
            name=template.name if template else span.text,
            titles=template.titles if template else (),
            organization=template.organization if template else None,
            mentions=(span.id,),  # type: ignore[arg-type]
            **links,
        )
        return rec.put("officials", None, codec.record_row(official))
    official = codec.record_from_row(Official, row)
    if span.id not in official.mentions:
        changed = with_links(replace(official, mentions=(*official.mentions, span.id)), links)
        if template and not official.titles:
            changed = replace(changed, titles=template.titles)
        rec.put("officials", official.id, codec.record_row(changed))
    return int(official.id)  # type: ignore[arg-type]


def with_links(record: R, links: Mapping[str, Any]) -> R:
    """`record` with `links` (link fields, as `relinked` gives them) added: a list link joined
    after its own, a single link where it has none."""
    changes: dict[str, Any] = {}
    for name, value in links.items():
        own = getattr(record, name)
        if isinstance(own, tuple):
            changes[name] = tuple(dict.fromkeys((*own, *value)))
        elif own is None and value is not None:
            changes[name] = value
    return replace(record, **changes)


def detach_span(rec: Recorder, span: Span) -> None:
    """Remove a span from the officials that mention or link it and the events citing it."""
    key = (span.article_id, span.annotator)

    def kept(span_id: int) -> int | None:
        return None if span_id == span.id else span_id

    for row in rec.conn.execute(
        "SELECT * FROM officials WHERE article_id = ? AND annotator = ?", key
    ).fetchall():
        official = codec.record_from_row(Official, row)
        mentions = tuple(m for m in official.mentions if m != span.id)
        changed = replace(official, mentions=mentions, **relinked(official, kept))
        if changed == official:
            continue
        if mentions or changed.titles or linked_spans(changed) or mentions == official.mentions:
            rec.put("officials", official.id, codec.record_row(changed))
        else:
            remove_participant(rec, official)
            rec.put("officials", official.id, None)
    for row in rec.conn.execute(
        "SELECT * FROM events WHERE article_id = ? AND annotator = ?", key
    ).fetchall():
        event = codec.record_from_row(Event, row)
        evidence = None if event.evidence == span.id else event.evidence
        changed = replace(event, evidence=evidence, **relinked(event, kept))
        if changed != event:
            rec.put("events", event.id, codec.record_row(changed))


def remove_participant(rec: Recorder, official: Official) -> None:
    replace_participant(rec, official, None)


def replace_participant(rec: Recorder, official: Official, by: int | None) -> None:
    """Every event of the official's set that names it names official `by` instead (once), or,
    with None, no longer names it."""
    rows = rec.conn.execute(
        "SELECT * FROM events WHERE article_id = ? AND annotator = ?",
        (official.article_id, official.annotator),
    ).fetchall()
    for row in rows:
        event = codec.record_from_row(Event, row)
        if official.id in event.participants:
            swapped = (by if p == official.id else p for p in event.participants)
            participants = tuple(dict.fromkeys(p for p in swapped if p is not None))
            rec.put("events", event.id, codec.record_row(replace(event, participants=participants)))


def accept_one(
    rec: Recorder, auto: AnnotationSet, suggestion: Span, annotator: str, text: str
) -> Span:
    existing = existing_span(
        rec.conn,
        suggestion.article_id,
        annotator,
        suggestion.label,
        suggestion.start,
        suggestion.end,
    )
    if existing is not None:
        return existing
    span = Span(
        suggestion.article_id,
        annotator,
        suggestion.label,
        suggestion.start,
        suggestion.end,
        text[suggestion.start : suggestion.end],
        origin=suggestion.id,
    )
    span = replace(span, id=rec.put("spans", None, codec.record_row(span)))
    if span.label == OFFICIAL:
        template = next((o for o in auto.officials if suggestion.id in o.mentions), None)
        links = own_links(rec, auto, template, annotator) if template else {}
        attach_official(rec, span, template, links)
    for event in auto.events:
        if event.evidence == suggestion.id:
            copy_event(rec, auto, event, span)
    link_accepted(rec, auto, suggestion, span)
    return span


def own_links(
    rec: Recorder, auto: AnnotationSet, record: Official | Event, annotator: str
) -> dict[str, Any]:
    """The links of an `auto` record as span ids of `annotator`'s set: each to the span of the
    same label and stretch there, none where that set lacks it."""
    spans = auto.span_by_id()

    def own(span_id: int) -> int | None:
        span = spans.get(span_id)
        if span is None:
            return None
        found = existing_span(
            rec.conn, span.article_id, annotator, span.label, span.start, span.end
        )
        return None if found is None else found.id

    return relinked(record, own)


def link_accepted(rec: Recorder, auto: AnnotationSet, suggestion: Span, span: Span) -> None:
    """The person's records whose `auto` counterparts link the accepted suggestion link its
    copy `span`: officials by name, events by their evidence's stretch."""
    key = (span.article_id, span.annotator)
    for official in auto.officials:
        if suggestion.id not in [i for _, i in linked_spans(official)]:
            continue
        row = rec.conn.execute(
            "SELECT * FROM officials WHERE article_id = ? AND annotator = ? AND name = ?",
            (*key, official.name),
        ).fetchone()
        if row is not None:
            _add_link(
                rec, "officials", codec.record_from_row(Official, row), official, suggestion, span
            )
    evidence_of = auto.span_by_id()
    for event in auto.events:
        evidence = evidence_of.get(event.evidence) if event.evidence is not None else None
        if evidence is None or suggestion.id not in [i for _, i in linked_spans(event)]:
            continue
        own = existing_span(rec.conn, *key, evidence.label, evidence.start, evidence.end)
        if own is None:
            continue
        for row in rec.conn.execute(
            "SELECT * FROM events WHERE article_id = ? AND annotator = ? AND evidence = ? "
            "AND type = ?",
            (*key, own.id, event.type),
        ).fetchall():
            _add_link(rec, "events", codec.record_from_row(Event, row), event, suggestion, span)


def _add_link(
    rec: Recorder,
    table: str,
    record: Official | Event,
    template: Official | Event,
    suggestion: Span,
    span: Span,
) -> None:
    """Link `span` in `record` in every field where `template` links `suggestion`."""
    links = {
        name: (span.id,) if isinstance(getattr(template, name), tuple) else span.id
        for name, span_id in linked_spans(template)
        if span_id == suggestion.id
    }
    changed = with_links(record, links)
    if changed != record:
        rec.put(table, record.id, codec.record_row(changed))


def copy_event(rec: Recorder, auto: AnnotationSet, event: Event, evidence: Span) -> None:
    """The human copy of an `auto` event: participants matched by name in the human set, its
    links to the spans of the human set that the suggestions' links point at."""
    names = {o.id: o.name for o in auto.officials}
    rows = rec.conn.execute(
        "SELECT id, name FROM officials WHERE article_id = ? AND annotator = ?",
        (evidence.article_id, evidence.annotator),
    ).fetchall()
    by_name = {r["name"]: r["id"] for r in rows}
    participants = tuple(by_name[names[p]] for p in event.participants if names.get(p) in by_name)
    copy = replace(
        event,
        id=None,
        annotator=evidence.annotator,
        evidence=evidence.id,
        participants=participants,
        **own_links(rec, auto, event, evidence.annotator),
    )
    rec.put("events", None, codec.record_row(copy))


def existing_span(
    conn: sqlite3.Connection, article_id: str, annotator: str, label: str, start: int, end: int
) -> Span | None:
    row = conn.execute(
        "SELECT * FROM spans WHERE article_id = ? AND annotator = ? AND label = ? "
        'AND start = ? AND "end" = ?',
        (article_id, annotator, label, start, end),
    ).fetchone()
    return None if row is None else codec.record_from_row(Span, row)
