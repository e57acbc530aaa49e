"""Officials and events, one undoable command each, and several record edits at once (the review
window's).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from annotator.model import (
    Event,
    EventDraft,
    Official,
    OfficialDraft,
    check_modality,
)
from annotator.store import (
    checks,
    codec,
    links,
    record_edits,
)
from annotator.store.errors import StoreError
from annotator.store.official_merge import fold_official
from annotator.store.parts.base import StoreBase


class RecordsPart(StoreBase):
    def record_decisions(self, article_id: str, annotator: str) -> set[tuple[str, str]]:
        """(kind, fingerprint) of the officials' and events' versions `annotator` has decided
        on (see `edit_records`)."""
        with self._reading() as conn:
            return record_edits.decisions(conn, article_id, annotator)

    def edit_records(
        self,
        article_id: str,
        annotator: str,
        description: str,
        *,
        add_spans: Iterable[tuple[str, int, int]] = (),
        delete_officials: Iterable[int] = (),
        delete_events: Iterable[int] = (),
        officials: Iterable[tuple[int | None, OfficialDraft]] = (),
        events: Iterable[EventDraft] = (),
        decide: Iterable[tuple[str, str]] = (),
    ) -> None:
        """Record edits as one command (one undo step), in this order: delete officials and
        events by id, add spans (as `edit_spans`), make officials the drafts given with them —
        the official of that id, or (None) the one of the draft's name, else a new one — add
        the events, and record `decide` — (kind, fingerprint) of record versions the annotator
        has decided on, as rejections do for spans. Mentions, evidence and participants the set
        does not hold are left out. Everything is checked first; one bad item refuses the whole
        edit and nothing is written."""
        text = self.article_text(article_id)
        add_spans, officials, events = list(add_spans), list(officials), list(events)
        delete_officials, delete_events, decide = (
            list(delete_officials),
            list(delete_events),
            sorted(set(decide)),
        )
        for label, start, end in add_spans:
            self._check_span(text, label, start, end, None)
        for _official_id, draft in officials:
            if not draft.name.strip():
                raise StoreError("an official needs a name")
        for event in events:
            checks.check_event_type(self.schema, event.type)
            if problem := check_modality(event.modality):
                raise StoreError(problem)
        for kind, _fingerprint in decide:
            if kind not in record_edits.RECORD_KINDS:
                raise StoreError("unknown record kind {kind!r}", kind=kind)
        with self._writing() as conn:
            doomed = []
            for table, ids in (("events", delete_events), ("officials", delete_officials)):
                for row_id in ids:
                    row = record_edits.own_record(conn, table, row_id, article_id, annotator)
                    if row is None:
                        raise StoreError(
                            "edit_records deletes {kind} {row_id}, not one of {annotator}'s "
                            "on {article_id}",
                            kind=table[:-1], row_id=row_id, annotator=annotator,
                            article_id=article_id,
                        )
                    doomed.append((table, row))
            for official_id, _draft in officials:
                if official_id is not None and (
                    official_id in delete_officials
                    or record_edits.own_record(
                        conn, "officials", official_id, article_id, annotator
                    )
                    is None
                ):
                    raise StoreError(
                        "edit_records changes official {official_id}, not one of "
                        "{annotator}'s on {article_id} that stays",
                        official_id=official_id, annotator=annotator, article_id=article_id
                    )
            rejected = {key[:3] for key in self._rejected_in(conn, article_id, annotator)}
            done = record_edits.decisions(conn, article_id, annotator)
            with self._in_command(conn, annotator, article_id, description) as rec:
                for table, row in doomed:
                    if table == "officials":
                        record_edits.delete_official(rec, codec.record_from_row(Official, row))
                    else:
                        rec.put("events", row["id"], None)
                self._add_in_command(rec, article_id, annotator, text, add_spans, rejected)
                for official_id, draft in officials:
                    record_edits.put_official(rec, article_id, annotator, draft, official_id)
                for event in events:
                    record_edits.put_event(rec, article_id, annotator, event)
                for kind, fingerprint in decide:
                    if (kind, fingerprint) not in done:
                        record_edits.put_decision(rec, article_id, annotator, kind, fingerprint)

    def save_official(self, official: Official) -> Official:
        """Insert (id None) or update an official record of one set."""
        self._check_mentions(official)
        with self._command(
            official.annotator, official.article_id, f"edit official {official.name!r}"
        ) as rec:
            new_id = rec.put("officials", official.id, codec.record_row(official))
        return replace(official, id=new_id)

    def delete_official(self, official_id: int) -> None:
        official = self._get_record(Official, "officials", official_id)
        with self._command(
            official.annotator, official.article_id, f"delete official {official.name!r}"
        ) as rec:
            links.remove_participant(rec, official)
            rec.put("officials", official_id, None)

    def merge_officials(self, source_id: int, target_id: int) -> Official:
        """Fold official `source_id` into `target_id` of the same set as one command (mentions
        and titles joined, events re-pointed, the source deleted); the merged official."""
        source = self._get_record(Official, "officials", source_id)
        target = self._get_record(Official, "officials", target_id)
        if source_id == target_id or (source.article_id, source.annotator) != (
            target.article_id,
            target.annotator,
        ):
            raise StoreError(
                "officials {source_id} and {target_id} are not two of one set",
                source_id=source_id, target_id=target_id
            )
        with self._command(
            target.annotator,
            target.article_id,
            f"merge official {source.name!r} into {target.name!r}",
        ) as rec:
            return fold_official(rec, source, target)

    def save_event(self, event: Event) -> Event:
        self._check_event(event)
        with self._command(event.annotator, event.article_id, f"edit event {event.type}") as rec:
            new_id = rec.put("events", event.id, codec.record_row(event))
        return replace(event, id=new_id)

    def delete_event(self, event_id: int) -> None:
        event = self._get_record(Event, "events", event_id)
        with self._command(event.annotator, event.article_id, f"delete event {event.type}") as rec:
            rec.put("events", event_id, None)

    def _check_mentions(self, official: Official) -> None:
        spans = self.get_annotation_set(official.article_id, official.annotator).span_by_id()
        checks.check_official(official, {i: s.label for i, s in spans.items()})

    def _check_event(self, event: Event) -> None:
        checks.check_event_type(self.schema, event.type)
        aset = self.get_annotation_set(event.article_id, event.annotator)
        labels = {i: s.label for i, s in aset.span_by_id().items()}
        checks.check_event(event, labels, {o.id for o in aset.officials})
