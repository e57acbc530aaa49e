"""Relations read from a file (doccano `relations`, Label Studio `relation` results, brat `R`
lines) become the links of officials and events: the reverse of `formats.relations`.

- `title` / `organization` from a span: the official that mentions it (by name, the span's text
  without white space, when none does: a new official with that one mention) links the target
  as a TITLE / its ORG span.
- `participant` / `place` / `date` from a span: the event whose evidence it is links the target.
  A format without event records (doccano, Label Studio) has no such event: the relation is not
  taken, and the caller counts it as left out.
Labels are not checked here (a file's labels may still be mapped onto ours, `--map`); the store
refuses a link to a span of the wrong label when the set is written.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from annotator.formats.relations import RELATION_KINDS
from annotator.model import Event, Official, Span

OFFICIAL_KINDS = {"title": "title_spans", "organization": "organization_span"}
EVENT_KINDS = {"participant": "participant_spans", "place": "place_span", "date": "date_span"}
FileRelation = tuple[int, int, str]  # (from span id, to span id, kind), draft span ids


@dataclass(frozen=True, slots=True)
class Linked:
    officials: tuple[Official, ...]
    events: tuple[Event, ...]
    not_taken: int  # relations of ours that had no record to join (events of span formats)


def is_ours(kind: str) -> bool:
    return kind in RELATION_KINDS


def _with_link(record: Official | Event, field: str, target: int) -> Official | Event:
    """`record` with `target` linked in `field`; ValueError (the file is refused with it) for a
    second, different span where a record links one: keeping either would drop the other
    without a word."""
    value = getattr(record, field)
    if isinstance(value, tuple):
        return dataclasses.replace(record, **{field: tuple(dict.fromkeys((*value, target)))})
    if value is not None and value != target:
        kind = field.removesuffix("_span")
        raise ValueError(f"two {kind} relations from one record; it links one {kind}")
    return dataclasses.replace(record, **{field: target})


def linked(
    spans: Sequence[Span],
    officials: Sequence[Official],
    events: Sequence[Event],
    relations: Iterable[FileRelation],
) -> Linked:
    """`officials` and `events` with the links of `relations` (each of a kind in
    RELATION_KINDS) added; officials the relations need are made. ValueError for two
    different places, dates or organizations of one record."""
    text_of = {s.id: "".join(s.text.split()) for s in spans}
    found = list(officials)
    changed = list(events)
    not_taken = 0
    for source, target, kind in relations:
        if kind in OFFICIAL_KINDS:
            at = next((n for n, o in enumerate(found) if source in o.mentions), None)
            if at is None:
                at = next((n for n, o in enumerate(found) if o.name == text_of[source]), None)
            if at is None:
                next_id = max((o.id or 0 for o in found), default=0) + 1
                found.append(Official("", "", text_of[source], mentions=(source,), id=next_id))
                at = len(found) - 1
            elif source not in found[at].mentions:
                found[at] = dataclasses.replace(found[at], mentions=(*found[at].mentions, source))
            found[at] = _with_link(found[at], OFFICIAL_KINDS[kind], target)  # type: ignore[assignment]
        else:
            at = next((n for n, e in enumerate(changed) if e.evidence == source), None)
            if at is None:
                not_taken += 1
                continue
            changed[at] = _with_link(changed[at], EVENT_KINDS[kind], target)  # type: ignore[assignment]
    return Linked(tuple(found), tuple(changed), not_taken)
