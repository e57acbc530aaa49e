"""Merge another annotator's database into this one.

Articles are matched by id (the hash of the page bytes, the same on every machine); articles
missing here are copied. Each annotation set of the other database is then compared with ours by
content — spans by label and offsets, records by what they say and which spans they cite, never
by database ids, which differ between machines:
- no set here: copied;
- same content: left alone (so merging the same file twice changes nothing);
- different content: the set edited last (`updated_at`) wins, ours on a tie, and the case is
  reported either way;
- a set whose spans do not fit our text of the article (cleaned by another cleaner version) is
  refused and reported; nothing is dropped silently.

Rejected suggestions are a union: a rejection made on either side stays rejected here (one made
on a text that does not fit ours is refused and reported like a set).

The other database is read from a checked private copy (`open_source`), never opened in place.

`auto` sets are merged first, so that a human span's `origin` (the suggestion it was accepted
from) can be pointed at the same suggestion here; an origin with no counterpart is cleared.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Literal

from annotator.model import AUTO, AnnotationSet, Event, Official, Span, linked_spans
from annotator.store import Store, StoreError
from annotator.store.foreign import checked_copy

SpanKey = tuple[str, int, int, str]


@dataclass(frozen=True, slots=True)
class MergeConflict:
    """One article × annotator whose set differed on the two sides."""

    article_id: str
    annotator: str
    kept: Literal["ours", "theirs"]
    ours_updated_at: str | None
    theirs_updated_at: str | None
    ours_spans: int
    theirs_spans: int


@dataclass(frozen=True, slots=True)
class MergeFailure:
    article_id: str
    annotator: str
    reason: str


@dataclass(frozen=True, slots=True)
class MergeReport:
    source: str
    articles_added: int = 0
    sets_added: int = 0
    sets_unchanged: int = 0
    rejections_added: int = 0
    conflicts: tuple[MergeConflict, ...] = ()
    failures: tuple[MergeFailure, ...] = ()

    @property
    def sets_replaced(self) -> int:
        return sum(1 for c in self.conflicts if c.kept == "theirs")

    @property
    def changed(self) -> bool:
        return bool(
            self.articles_added or self.sets_added or self.sets_replaced or self.rejections_added
        )


@contextmanager
def open_source(path: Path) -> Iterator[Store]:
    """The database at `path`, to merge from. The store opens a checked private copy (see
    `annotator.store.foreign`): the file itself is never written, migrated or switched to WAL,
    its triggers never run, and a file that is not an annotator database whose every row decodes
    is refused before anything is merged."""
    with checked_copy(path, outcome="nothing was merged") as copy, Store.open(copy) as source:
        yield source


def merge_database(target: Store, source: Store, *, source_name: str = "") -> MergeReport:
    """Copy every article and annotation set of `source` into `target` (see module doc)."""
    articles_added, _ = target.add_articles(
        a for a in source.iter_articles() if not target.has_article(a.id)
    )
    added = unchanged = 0
    conflicts: list[MergeConflict] = []
    failures: list[MergeFailure] = []
    # `auto` first: human spans' origins are mapped onto the merged suggestions.
    for annotator in sorted(source.annotators(), key=lambda name: (name != AUTO, name)):
        for theirs in source.iter_annotation_sets(annotator):
            ours = (
                target.get_annotation_set(theirs.article_id, annotator)
                if target.has_annotation_set(theirs.article_id, annotator)
                else None
            )
            if ours is not None and set_content(ours) == set_content(theirs):
                unchanged += 1
                continue
            if ours is not None:
                conflict = _conflict(ours, theirs)
                conflicts.append(conflict)
                if conflict.kept == "ours":
                    continue
            try:
                target.replace_annotation_set(
                    _with_local_origins(theirs, source, target), keep_updated_at=True
                )
            except StoreError as error:
                failures.append(MergeFailure(theirs.article_id, annotator, str(error)))
                if ours is not None:
                    conflicts[-1] = replace(conflicts[-1], kept="ours")
                continue
            if ours is None:
                added += 1
    rejections_added = 0
    for (article_id, annotator), rejections in source.all_rejections().items():
        try:
            rejections_added += target.add_rejections(article_id, annotator, rejections)
        except StoreError as error:
            failures.append(MergeFailure(article_id, annotator, f"rejections: {error}"))
    return MergeReport(
        source=source_name or str(source.path or "the in-memory database"),
        articles_added=articles_added,
        sets_added=added,
        sets_unchanged=unchanged,
        rejections_added=rejections_added,
        conflicts=tuple(conflicts),
        failures=tuple(failures),
    )


def set_content(aset: AnnotationSet) -> tuple:
    """What a set says, independent of database ids (and of `origin`, which is provenance)."""
    spans = aset.span_by_id()

    def cited(span_ids: tuple[int, ...]) -> tuple[SpanKey, ...]:
        return tuple(sorted(_span_key(spans[i]) for i in span_ids if i in spans))

    def linked(record: Official | Event) -> tuple[tuple[str, SpanKey], ...]:
        return tuple((name, _span_key(spans[i])) for name, i in linked_spans(record) if i in spans)

    officials = {
        o.id: (o.name, o.titles, o.organization, cited(o.mentions), linked(o))
        for o in aset.officials
    }
    events = Counter(
        (
            e.type,
            e.date,
            e.end_date,
            e.place,
            tuple(sorted(repr(officials.get(p)) for p in e.participants)),
            cited((e.evidence,)) if e.evidence is not None else (),
            e.modality,
            linked(e),
        )
        for e in aset.events
    )
    return (
        aset.status,
        round(aset.seconds, 3),
        Counter((*_span_key(s), s.rule, s.note, s.unsure) for s in aset.spans),
        Counter(officials.values()),
        events,
        aset.note,  # a comment is content: a set changed only by one is not "unchanged"
        aset.unsure,
    )


def _span_key(span: Span) -> SpanKey:
    return (span.label, span.start, span.end, span.text)


def _edited_at(aset: AnnotationSet) -> datetime | None:
    """When the set was last edited; None when unknown, or when the time cannot be ordered (not
    a time, or without its zone: written here by a merge that did not check it yet)."""
    try:
        stamp = datetime.fromisoformat(aset.updated_at) if aset.updated_at else None
    except ValueError:
        return None
    return stamp if stamp is not None and stamp.tzinfo is not None else None


def _conflict(ours: AnnotationSet, theirs: AnnotationSet) -> MergeConflict:
    ours_time, theirs_time = _edited_at(ours), _edited_at(theirs)
    theirs_newer = theirs_time is not None and (ours_time is None or theirs_time > ours_time)
    return MergeConflict(
        article_id=ours.article_id,
        annotator=ours.annotator,
        kept="theirs" if theirs_newer else "ours",
        ours_updated_at=ours.updated_at,
        theirs_updated_at=theirs.updated_at,
        ours_spans=len(ours.spans),
        theirs_spans=len(theirs.spans),
    )


def _with_local_origins(aset: AnnotationSet, source: Store, target: Store) -> AnnotationSet:
    """`aset` with each span's origin pointing at the same suggestion in `target`, or None."""
    if aset.annotator == AUTO or all(s.origin is None for s in aset.spans):
        return aset
    theirs = {s.id: _span_key(s) for s in source.get_annotation_set(aset.article_id, AUTO).spans}
    ours = {_span_key(s): s.id for s in target.get_annotation_set(aset.article_id, AUTO).spans}
    spans = tuple(
        replace(s, origin=ours.get(theirs.get(s.origin))) if s.origin is not None else s
        for s in aset.spans
    )
    return replace(aset, spans=spans)
