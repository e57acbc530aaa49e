"""What an imported line does to a person's set: merged into it, or replacing it. Pure.

Merging is the default of `import-labels`, so a file that holds fewer labels than the database
(another tool's partial export, a shape read wrongly) can never empty a set: the result is the
union of both, each span (start, end, label) once, each official once per name, each event once.
Replacing is asked for explicitly, and even then a line with no labels at all does not empty a
set that has some.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from annotator.model import (
    AnnotationSet,
    Event,
    Official,
    Span,
    clean_note,
    relinked,
)
from annotator.store.links import with_links

SpanKey = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class SetChange:
    """The set to write and what it changes: spans added/removed/kept, records added/removed."""

    result: AnnotationSet
    added: int
    removed: int
    kept: int
    records_added: int = 0  # officials and events
    records_removed: int = 0
    records_extended: int = 0  # existing records given more mentions or links
    notes_changed: int = 0  # set and spans given a note or unsure flag they lacked

    @property
    def changes_labels(self) -> bool:
        return bool(
            self.added
            or self.removed
            or self.records_added
            or self.records_removed
            or self.records_extended
            or self.notes_changed
        )


def then(first: SetChange, second: SetChange) -> SetChange:
    """Two changes of one set in a row (two lines of one article) as one: every count summed
    (a count added to SetChange later is summed too), `kept` as the first line found them."""
    sums = {
        f.name: getattr(first, f.name) + getattr(second, f.name)
        for f in dataclasses.fields(SetChange)
        if f.name not in ("result", "kept")
    }
    return SetChange(result=second.result, kept=first.kept, **sums)


def is_empty(aset: AnnotationSet) -> bool:
    return not (aset.spans or aset.officials or aset.events)


def describe(aset: AnnotationSet) -> str:
    """'3 spans, 1 official, 0 events' for messages."""
    parts = [
        (len(aset.spans), "span"),
        (len(aset.officials), "official"),
        (len(aset.events), "event"),
    ]
    return ", ".join(f"{n} {word}{'' if n == 1 else 's'}" for n, word in parts)


def span_key(span: Span) -> SpanKey:
    return span.start, span.end, span.label


def replaced(
    existing: AnnotationSet, incoming: AnnotationSet, *, holds_records: bool = True
) -> SetChange:
    """`incoming` as the new set. ValueError when it holds no labels and `existing` has some,
    or when it comes from a format that cannot hold records (`holds_records` False) and
    `existing` has officials or events: replacing would drop them unseen."""
    if is_empty(incoming) and not is_empty(existing):
        raise ValueError(
            f"the line carries no labels; {existing.annotator}'s set has {describe(existing)}"
            " and is not emptied by an import (delete labels in the window)"
        )
    if not holds_records and (existing.officials or existing.events):
        raise ValueError(
            f"{existing.annotator}'s set has {describe(existing)}; this format cannot hold"
            " officials or events, so --replace would drop them (merge instead, or use jsonl)"
        )
    old = {span_key(s) for s in existing.spans}
    new = {span_key(s) for s in incoming.spans}
    return SetChange(
        result=kept_flags(existing, incoming),
        added=len(new - old),
        removed=len(old - new),
        kept=len(old & new),
        records_added=len(incoming.officials) + len(incoming.events),
        records_removed=len(existing.officials) + len(existing.events),
    )


def merged(existing: AnnotationSet, incoming: AnnotationSet) -> SetChange:
    """`existing` plus whatever of `incoming` it lacks, keeping its status and time.

    `existing` holds stored ids, `incoming` draft ids; new spans and officials get ids above the
    stored ones, so the result is a valid draft for `Store.replace_annotation_set`. ValueError
    when an official of the line has the name of one in the set but other titles or organization:
    which is right is a person's call (`--replace` takes the file's).
    """
    spans = list(existing.spans)
    span_ids = _add_spans(incoming.spans, spans)
    added = len(spans) - len(existing.spans)

    officials = list(existing.officials)
    official_ids: dict[int | None, int | None] = {}
    extended: set[tuple[str, int]] = set()  # records given more mentions or links
    next_id = _next_id(existing.officials)
    for official in incoming.officials:
        mentions = tuple(span_ids[m] for m in official.mentions)
        links = relinked(official, span_ids.__getitem__)
        at = next((n for n, o in enumerate(officials) if o.name == official.name), None)
        if at is None:
            officials.append(dataclasses.replace(official, id=next_id, mentions=mentions, **links))
            official_ids[official.id] = next_id
            next_id += 1
            continue
        same = officials[at]
        # a line that states no titles or organization (a relation format's official: its
        # links only) says nothing against the set's
        states = bool(official.titles) or official.organization is not None
        if states and (same.titles, same.organization) != (official.titles, official.organization):
            raise ValueError(
                f"official {official.name!r} is already in {existing.annotator}'s set with titles"
                f" {list(same.titles)} and organization {same.organization!r}, the line says"
                f" {list(official.titles)} and {official.organization!r}; import with --replace"
                " to take the file's"
            )
        more = tuple(m for m in mentions if m not in same.mentions)
        longer = with_links(same, links)  # an import never takes a link away
        if more or longer != same:
            officials[at] = dataclasses.replace(longer, mentions=same.mentions + more)
            extended.add(("official", at))
        official_ids[official.id] = same.id

    events = list(existing.events)
    known = {_event_key(e): n for n, e in enumerate(existing.events)}
    for event in incoming.events:
        links = relinked(event, span_ids.__getitem__)
        own = dataclasses.replace(
            event,
            id=None,
            participants=tuple(official_ids[p] for p in event.participants),  # type: ignore[misc]
            evidence=span_ids[event.evidence] if event.evidence is not None else None,
            **links,
        )
        at = known.get(_event_key(own))
        if at is None:
            known[_event_key(own)] = len(events)
            events.append(own)
        elif (linked := with_links(events[at], links)) != events[at]:
            events[at] = linked
            extended.add(("event", at))

    spans, notes_changed = _joined_span_flags(spans, incoming.spans)
    head = _joined_flags(existing, incoming)
    notes_changed += head != existing
    result = dataclasses.replace(
        head, spans=tuple(spans), officials=tuple(officials), events=tuple(events)
    )
    return SetChange(
        result=result,
        added=added,
        removed=0,
        kept=len(existing.spans),
        records_added=len(officials) - len(existing.officials) + len(events) - len(existing.events),
        records_extended=len(extended),
        notes_changed=notes_changed,
    )


def _add_spans(incoming: Iterable[Span], out: list[Span]) -> dict[int | None, int | None]:
    """Append to `out` the incoming spans it lacks; draft id of each incoming span -> its id."""
    by_key = {span_key(s): s.id for s in out}
    next_id = _next_id(out)
    ids: dict[int | None, int | None] = {}
    for span in incoming:
        key = span_key(span)
        if key not in by_key:
            out.append(dataclasses.replace(span, id=next_id))
            by_key[key] = next_id
            next_id += 1
        ids[span.id] = by_key[key]
    return ids


F = TypeVar("F", Span, AnnotationSet)


def _joined_flags(existing: F, incoming: F) -> F:
    """`existing` with the note and unsure flag of `incoming` added: both notes, one after the
    other, when they differ; unsure when either is. ValueError when the joined note is longer
    than a note may be."""
    note = existing.note
    if incoming.note and incoming.note != note:
        note = clean_note(f"{note}\n{incoming.note}" if note else incoming.note)
    return dataclasses.replace(existing, note=note, unsure=existing.unsure or incoming.unsure)


def _joined_span_flags(spans: list[Span], incoming: Iterable[Span]) -> tuple[list[Span], int]:
    """`spans` with the flags of the incoming spans of the same (start, end, label) joined in
    (`_joined_flags`); how many changed."""
    at = {span_key(s): n for n, s in enumerate(spans)}
    out, changed = list(spans), set()
    for span in incoming:
        n = at[span_key(span)]
        joined = _joined_flags(out[n], span)
        if joined != out[n]:
            out[n] = joined
            changed.add(n)
    return out, len(changed)


def kept_flags(existing: AnnotationSet, incoming: AnnotationSet) -> AnnotationSet:
    """`incoming`, keeping the notes and flags of `existing` where it carries none (the set's,
    and each span's of the same start, end and label): a file without notes (another format,
    an older export) replaces labels, never a person's comments."""
    old = {span_key(s): s for s in existing.spans}

    def keep(new: F, was: F | None) -> F:
        if was is None or new.note or new.unsure:
            return new
        return dataclasses.replace(new, note=was.note, unsure=was.unsure)

    spans = tuple(keep(s, old.get(span_key(s))) for s in incoming.spans)
    return dataclasses.replace(keep(incoming, existing), spans=spans)


def _next_id(records: Iterable[Span | Official]) -> int:
    return max((r.id for r in records if r.id is not None), default=0) + 1


def _event_key(event: Event) -> tuple[object, ...]:
    return (
        event.type,
        event.date,
        event.end_date,
        event.place,
        frozenset(event.participants),
        event.evidence,
        event.modality,
    )
