"""Write officials and events given as drafts (mentions, evidence and links as span keys,
participants by name) into one set, inside an open command: the reviewer's record decisions in
`gold`.

Each function works on the rows of the open command (`Recorder`), so one decision is logged
and undone as one step, like `links`.
"""

from __future__ import annotations

import sqlite3

from annotator.model import Event, EventDraft, Official, OfficialDraft, SpanKey
from annotator.store import codec
from annotator.store.edits import Recorder
from annotator.store.links import remove_participant

RECORD_KINDS = ("official", "event")


def span_ids(conn: sqlite3.Connection, article_id: str, annotator: str) -> dict[SpanKey, int]:
    rows = conn.execute(
        'SELECT id, label, start, "end" FROM spans WHERE article_id = ? AND annotator = ?',
        (article_id, annotator),
    )
    return {(r["label"], r["start"], r["end"]): r["id"] for r in rows}


def officials_by_name(
    conn: sqlite3.Connection, article_id: str, annotator: str
) -> dict[str, Official]:
    """The set's officials by name; of two records with one name, the older."""
    found: dict[str, Official] = {}
    for row in conn.execute(
        "SELECT * FROM officials WHERE article_id = ? AND annotator = ? ORDER BY id",
        (article_id, annotator),
    ):
        official = codec.record_from_row(Official, row)
        found.setdefault(official.name, official)
    return found


def own_record(
    conn: sqlite3.Connection, table: str, row_id: int, article_id: str, annotator: str
) -> sqlite3.Row | None:
    return conn.execute(
        f"SELECT * FROM {table} WHERE id = ? AND article_id = ? AND annotator = ?",
        (row_id, article_id, annotator),
    ).fetchone()


def delete_official(rec: Recorder, official: Official) -> None:
    remove_participant(rec, official)
    rec.put("officials", official.id, None)


def put_official(
    rec: Recorder,
    article_id: str,
    annotator: str,
    draft: OfficialDraft,
    official_id: int | None = None,
) -> int:
    """The set's official `official_id` (None: the one of the draft's name) becomes the draft,
    kept in place so the events naming it keep it; else a new one. Mentions are the set's spans
    with the draft's keys."""
    ids = span_ids(rec.conn, article_id, annotator)
    existing = (
        officials_by_name(rec.conn, article_id, annotator).get(draft.name)
        if official_id is None
        else codec.record_from_row(
            Official, own_record(rec.conn, "officials", official_id, article_id, annotator)
        )
    )
    official = Official(
        article_id,
        annotator,
        draft.name,
        titles=draft.titles,
        organization=draft.organization,
        mentions=tuple(ids[k] for k in draft.mentions if k in ids),
        id=existing.id if existing else None,
        title_spans=tuple(ids[k] for k in draft.title_spans if k in ids),
        organization_span=ids.get(draft.organization_span) if draft.organization_span else None,
    )
    return rec.put("officials", official.id, codec.record_row(official))


def put_event(rec: Recorder, article_id: str, annotator: str, draft: EventDraft) -> int:
    """A new event of the set; participants and evidence the set does not hold are left out."""
    ids = span_ids(rec.conn, article_id, annotator)
    names = officials_by_name(rec.conn, article_id, annotator)
    event = Event(
        article_id,
        annotator,
        draft.type,
        date=draft.date,
        end_date=draft.end_date,
        place=draft.place,
        participants=tuple(names[n].id for n in draft.participants if n in names),  # type: ignore[misc]
        evidence=ids.get(draft.evidence) if draft.evidence else None,
        modality=draft.modality,
        place_span=ids.get(draft.place_span) if draft.place_span else None,
        date_span=ids.get(draft.date_span) if draft.date_span else None,
        participant_spans=tuple(ids[k] for k in draft.participant_spans if k in ids),
    )
    return rec.put("events", None, codec.record_row(event))


def decisions(conn: sqlite3.Connection, article_id: str, annotator: str) -> set[tuple[str, str]]:
    rows = conn.execute(
        "SELECT kind, fingerprint FROM record_decisions WHERE article_id = ? AND annotator = ?",
        (article_id, annotator),
    )
    return {(r[0], r[1]) for r in rows}


def put_decision(
    rec: Recorder, article_id: str, annotator: str, kind: str, fingerprint: str
) -> None:
    rec.put(
        "record_decisions",
        None,
        {
            "article_id": article_id,
            "annotator": annotator,
            "kind": kind,
            "fingerprint": fingerprint,
        },
    )
