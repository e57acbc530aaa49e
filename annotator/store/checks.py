"""What the store refuses to write, checked against the schema and the article's text alone.

Pure: no connection. A single edit (`save_official`, `save_event`, a span) and a whole set
(`replace_annotation_set`, `replace_suggestions`) go through the same checks, so a record the
window cannot save cannot arrive by an import or a merge either (but for an event's type: see
`check_event_type`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from annotator.model import (
    AnnotationSet,
    Event,
    LabelSchema,
    Official,
    check_modality,
    check_span_text,
    clean_note,
    is_region_label,
    link_problem,
)
from annotator.store.errors import SpanRejected, StoreError


def check_span(
    schema: LabelSchema,
    text: str,
    label: str,
    start: int,
    end: int,
    expected: str | None,
    label_names: Collection[str] | None = None,
) -> None:
    """SpanRejected unless `label` is the schema's and text[start:end] is a span it can hold
    (`expected`: what the span says it covers). `label_names`: the schema's, when the caller
    checks many spans (a set's sixty suggestions) and made them once."""
    if label not in (schema.names() if label_names is None else label_names):
        raise SpanRejected(
            "unknown label {label!r}; the schema has {labels}",
            label=label, labels=', '.join(schema.names())
        )
    problem = check_span_text(text, start, end, expected)
    if problem:
        raise SpanRejected(problem)
    if not is_region_label(label) and not text[start:end].strip():
        raise SpanRejected("a {label} span must cover more than white space", label=label)


def checked_flags(note: Any, unsure: Any) -> tuple[Any, Any]:
    """The note as stored (model.clean_note) and the flag, `...` left as it is; StoreError, in
    one line, for a bad one."""
    if unsure is not ... and not isinstance(unsure, bool):
        raise StoreError("the unsure flag is true or false, not {unsure!r}", unsure=unsure)
    if note is ...:
        return note, unsure
    try:
        return clean_note(note), unsure
    except ValueError as error:
        raise StoreError(str(error)) from None


def check_official(official: Official, labels: Mapping[int, str]) -> None:
    """`labels`: span id -> label of the official's set."""
    if not official.name.strip():
        raise StoreError("an official needs a name")
    unknown = [m for m in official.mentions if m not in labels]
    if unknown:
        raise SpanRejected(
            "official {name!r} mentions spans {unknown} not in its set",
            name=official.name, unknown=unknown
        )
    if problem := link_problem(official, labels):
        raise SpanRejected("official {name!r}: {problem}", name=official.name, problem=problem)


def check_event_type(schema: LabelSchema, event_type: str) -> None:
    """An event a person makes must have a type of the database's schema. (The machine's sets
    are not held to it: their types come from the lexicons, which a database of an older
    schema may not list yet.)"""
    if event_type not in schema.event_types:
        raise StoreError(
            "unknown event type {event_type!r}; expected one of {types}",
            event_type=event_type, types=', '.join(schema.event_types)
        )


def check_event(event: Event, labels: Mapping[int, str], officials: Collection[Any]) -> None:
    """`labels`: span id -> label of the event's set; `officials`: the ids of its officials."""
    if problem := check_modality(event.modality):
        raise StoreError(problem)
    if event.evidence is not None and event.evidence not in labels:
        raise SpanRejected(
            "event evidence {evidence} is not a span of this set", evidence=event.evidence
        )
    if not set(event.participants) <= set(officials):
        raise SpanRejected("event participants must be officials of this set")
    if problem := link_problem(event, labels):
        raise SpanRejected("event {type!r}: {problem}", type=event.type, problem=problem)


def check_set(aset: AnnotationSet, schema: LabelSchema, text: str) -> None:
    """A whole set (draft ids allowed) on the article's `text`: every span, note and flag,
    official and event, as the single edits check each."""
    label_names = frozenset(schema.names())
    for span in aset.spans:
        check_span(schema, text, span.label, span.start, span.end, span.text, label_names)
        if span.score is not None and not 0.0 <= span.score <= 1.0:  # NaN too
            raise StoreError(
                "span {text!r}: score {score} is not in 0..1",
                text=span.text[:40], score=span.score
            )
    for item in (aset, *aset.spans):
        checked_flags(item.note, item.unsure)
        if item.note is not None and clean_note(item.note) != item.note:
            raise StoreError(
                "note {note!r} is blank or has surrounding blanks", note=item.note[:40]
            )
    labels = {s.id: s.label for s in aset.spans}
    for official in aset.officials:
        check_official(official, labels)
    officials = {o.id for o in aset.officials}
    for event in aset.events:
        check_event(event, labels, officials)
