"""Annotation sets: reading one, every set of an annotator or of the corpus, replacing a whole set
(an import, a merge, the machine's suggestions), its status and time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from annotator.model import (
    AUTO,
    STATUSES,
    AnnotationSet,
    Event,
    Official,
    Span,
    Status,
    relinked,
)
from annotator.store import (
    bulk,
    checks,
    codec,
    offers,
    set_heads,
)
from annotator.store.errors import StoreError
from annotator.store.parts.base import StoreBase


class SetsPart(StoreBase):
    def annotators(self) -> list[str]:
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT annotator FROM annotation_sets UNION SELECT annotator FROM spans "
                "ORDER BY annotator"
            )
            return [row[0] for row in rows]

    def has_annotation_set(self, article_id: str, annotator: str) -> bool:
        with self._reading() as conn:
            row = conn.execute(
                "SELECT 1 FROM annotation_sets WHERE article_id = ? AND annotator = ?",
                (article_id, annotator),
            ).fetchone()
        return row is not None

    def get_annotation_set(self, article_id: str, annotator: str) -> AnnotationSet:
        """The set of `annotator` on the article: an empty `todo` set when there is none."""
        key = (article_id, annotator)
        where = "WHERE article_id = ? AND annotator = ? ORDER BY id"
        with self._reading() as conn:
            head = conn.execute(f"SELECT * FROM annotation_sets {where}", key).fetchone()
            spans = [
                codec.record_from_row(Span, r)
                for r in conn.execute(f"SELECT * FROM spans {where}", key)
            ]
            officials = [
                codec.record_from_row(Official, r)
                for r in conn.execute(f"SELECT * FROM officials {where}", key)
            ]
            events = [
                codec.record_from_row(Event, r)
                for r in conn.execute(f"SELECT * FROM events {where}", key)
            ]
        return bulk.assemble_set(article_id, annotator, head, spans, officials, events)

    def iter_set_records(self) -> Iterator[bulk.SetRecords]:
        """Every set's status, officials and events (no spans), by (article id, annotator), in
        a few ordered scans: the corpus-wide views read 100,000 sets in seconds this way."""
        with self._reading() as conn:
            yield from bulk.set_records(conn)

    def article_heads(self) -> dict[str, tuple[str | None, str | None]]:
        """id -> (title, published) of every article, in one query."""
        with self._reading() as conn:
            return bulk.article_heads(conn)

    def iter_annotation_sets(self, annotator: str) -> Iterator[AnnotationSet]:
        """Every set of `annotator`, by article id: read a few hundred at a time (four queries
        each time, not four per set), none held open while the caller works."""
        with self._reading() as conn:
            ids = [
                row[0]
                for row in conn.execute(
                    "SELECT article_id FROM annotation_sets WHERE annotator = ? "
                    "ORDER BY article_id",
                    (annotator,),
                )
            ]
        for chunk in bulk.in_chunks(ids):
            with self._reading() as conn:
                sets = bulk.sets_of(conn, annotator, chunk)
            yield from sets

    def annotation_sets_on(
        self, article_ids: Sequence[str], annotator: str
    ) -> dict[str, AnnotationSet]:
        """Article id -> `annotator`'s set, for those of `article_ids` where it has one (as
        `has_annotation_set` says): four queries per bulk.IN_CHUNK articles, not four per set."""
        found: dict[str, AnnotationSet] = {}
        for chunk in bulk.in_chunks(article_ids):
            with self._reading() as conn:
                found.update((s.article_id, s) for s in bulk.sets_of(conn, annotator, chunk))
        return found

    def replace_annotation_set(
        self, aset: AnnotationSet, *, keep_updated_at: bool = False
    ) -> AnnotationSet:
        """Make the stored set of (article, annotator) exactly `aset`, in one command.

        Draft ids in `aset` are remapped to real ones, references included. Every span is checked
        first; one bad span refuses the whole set and nothing is written.
        """
        self._check_set(aset)
        with self._writing() as conn:
            self._replace_set_in(conn, aset, keep_updated_at=keep_updated_at)
        return self.get_annotation_set(aset.article_id, aset.annotator)

    def replace_suggestions(
        self, drafts: Sequence[AnnotationSet], fingerprints: dict[str, str]
    ) -> None:
        """Replace several sets (the machine's) and save the input fingerprints of
        `save_suggestion_inputs`, all in ONE transaction: one sync to disk per batch instead of
        one per article. Each set is still its own logged command. Every set is checked first;
        one bad set refuses the batch and nothing is written."""
        for draft in drafts:
            self._check_set(draft)
        with self._writing() as conn:
            for draft in drafts:
                self._replace_set_in(conn, draft, keep_updated_at=False)
            self._save_inputs_in(conn, fingerprints)

    def _check_set(self, aset: AnnotationSet) -> None:
        checks.check_set(aset, self.schema, self.article_text(aset.article_id))

    def _replace_set_in(
        self, conn: sqlite3.Connection, aset: AnnotationSet, *, keep_updated_at: bool
    ) -> None:
        """The command of `replace_annotation_set`, in the caller's transaction."""
        key = (aset.article_id, aset.annotator)
        with self._in_command(
            conn,
            aset.annotator,
            aset.article_id,
            "replace annotation set",
            touch=False,
            images=aset.annotator != AUTO,  # the machine's set is derived: see Recorder
        ) as rec:
            carried = offers.pending_offers(conn, aset)  # a person asked for those: kept
            for table in ("events", "officials", "spans"):
                for (row_id,) in conn.execute(
                    f"SELECT id FROM {table} WHERE article_id = ? AND annotator = ?", key
                ).fetchall():
                    rec.put(table, row_id, None)

            # the records as new rows of this set, their draft ids dropped
            own = {"id": None, "article_id": aset.article_id, "annotator": aset.annotator}

            def insert(table: str, record: Any, **changes: Any) -> int:
                return rec.put(table, None, codec.record_row(record, **own, **changes))

            new_span_ids = rec.put_new("spans", codec.record_rows(aset.spans, **own))
            span_ids = dict(zip((span.id for span in aset.spans), new_span_ids, strict=True))
            official_ids = {
                o.id: insert(
                    "officials",
                    o,
                    mentions=tuple(span_ids[m] for m in o.mentions),
                    **relinked(o, span_ids.__getitem__),
                )
                for o in aset.officials
            }
            for event in aset.events:
                insert(
                    "events",
                    event,
                    participants=tuple(official_ids[p] for p in event.participants),
                    evidence=span_ids[event.evidence] if event.evidence is not None else None,
                    **relinked(event, span_ids.__getitem__),
                )
            carried.put(rec)
            set_heads.put_set_head(
                rec,
                aset.article_id,
                aset.annotator,
                status=aset.status,
                seconds=aset.seconds,
                updated_at=aset.updated_at if keep_updated_at and aset.updated_at else None,
                note=aset.note,
                unsure=int(aset.unsure),
            )

    def set_status(self, article_id: str, annotator: str, status: Status) -> None:
        if status not in STATUSES:
            raise StoreError(
                "unknown status {status!r}; expected one of {statuses}",
                status=status, statuses=', '.join(STATUSES)
            )
        self.article_text(article_id)  # NotFound for an unknown article
        with self._command(annotator, article_id, f"mark {status}", touch=False) as rec:
            set_heads.put_set_head(rec, article_id, annotator, status=status)

    def add_time(self, article_id: str, annotator: str, seconds: float) -> None:
        """Count active seconds; not a command (nothing to undo), still committed at once."""
        with self._writing() as conn:
            set_heads.ensure_set_row(conn, article_id, annotator)
            conn.execute(
                "UPDATE annotation_sets SET seconds = seconds + ? WHERE article_id = ? AND annotator = ?",
                (max(0.0, seconds), article_id, annotator),
            )
