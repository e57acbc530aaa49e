"""Linking one span to the record it names a part of: what the window's L key does.

A TITLE or ORG span belongs to an official, a PLACE, DATE or OFFICIAL span to an event
(model.LINK_LABELS). The record is the one the person chose (selected in its tab) or, when
none is, the nearest in the text: for an official, the one with a mention closest to the span
within its line (党委书记马兴瑞: the title stands before the name); for an event, the one whose
evidence covers the span, else the closest evidence within its line. Pressing again on a linked
span unlinks it. Pure: the window saves the record this returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from annotator.model import LINK_LABELS, AnnotationSet, Event, Official, Span
from annotator.words import line_of

# the link field a span of each label fills, per record kind
OFFICIAL_FIELDS = {"TITLE": "title_spans", "ORG": "organization_span"}
EVENT_FIELDS = {"PLACE": "place_span", "DATE": "date_span", "OFFICIAL": "participant_spans"}


class NoLink(ValueError):
    """The span cannot be linked; `reason` says why, for the window to word: "not_own" (a
    suggestion, not the person's label), "no_official", "no_event" (nothing to link it to),
    "no_link" (its label links to nothing)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class LinkChange:
    before: Official | Event
    after: Official | Event
    field: str
    linked: bool  # False: the span was unlinked


def change_link(
    aset: AnnotationSet,
    text: str,
    span: Span,
    *,
    official: Official | None = None,
    event: Event | None = None,
) -> LinkChange:
    """The record `span` links into (`official`/`event` when given), with the link toggled."""
    if span.id is None or span.annotator != aset.annotator:
        raise NoLink("not_own", "links join your own labels (accept the suggestion first)")
    if span.label in OFFICIAL_FIELDS:
        record: Official | Event | None = official or _nearest_official(aset, text, span)
        field = OFFICIAL_FIELDS[span.label]
        if record is None:
            raise NoLink("no_official", "no official named in this line: select one in its tab")
    elif span.label in EVENT_FIELDS:
        record = event or _event_for(aset, text, span)
        field = EVENT_FIELDS[span.label]
        if record is None:
            raise NoLink("no_event", "no event in this line: select one in the Events tab")
    else:
        labels = ", ".join(dict.fromkeys(LINK_LABELS.values()))
        raise NoLink("no_link", f"a {span.label} span links to nothing; {labels} spans do")
    return _toggled(record, field, span.id)


def _toggled(record: Official | Event, field: str, span_id: int) -> LinkChange:
    value = getattr(record, field)
    if isinstance(value, tuple):
        linked = span_id not in value
        new = (*value, span_id) if linked else tuple(i for i in value if i != span_id)
    else:
        linked = value != span_id
        new = span_id if linked else None
    return LinkChange(record, replace(record, **{field: new}), field, linked)


def _gap(a: Span, b: Span) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(a.start - b.end, b.start - a.end, 0)


def _in_line(text: str, span: Span, others: Sequence[Span]) -> list[Span]:
    start, end = line_of(text, span.start)
    return [o for o in others if start <= o.start and o.end <= end]


def _nearest_official(aset: AnnotationSet, text: str, span: Span) -> Official | None:
    spans = aset.span_by_id()
    owner = {m: o for o in aset.officials for m in o.mentions if m in spans}
    mentions = _in_line(text, span, [spans[m] for m in owner])
    # closest first; at equal distance the mention after the span (a title precedes its name)
    best = min(mentions, key=lambda m: (_gap(span, m), m.start < span.start), default=None)
    return None if best is None else owner[best.id]  # type: ignore[index]


def _event_for(aset: AnnotationSet, text: str, span: Span) -> Event | None:
    spans = aset.span_by_id()
    cited = [(spans[e.evidence], e) for e in aset.events if e.evidence in spans]
    covering = [
        (evidence, e)
        for evidence, e in cited
        if evidence.start <= span.start and span.end <= evidence.end
    ]
    if covering:  # the innermost sentence
        return min(covering, key=lambda pair: pair[0].end - pair[0].start)[1]
    near = _in_line(text, span, [evidence for evidence, _ in cited])
    best = min(near, key=lambda s: _gap(span, s), default=None)
    return next((e for evidence, e in cited if evidence is best), None)


def linked_texts(aset: AnnotationSet, record: Official | Event) -> list[tuple[str, str]]:
    """(link field, span text) of each link of a record, in field order: what a tab shows."""
    spans = aset.span_by_id()
    found = []
    for field in LINK_LABELS:
        value = getattr(record, field, None)
        for span_id in value if isinstance(value, tuple) else () if value is None else (value,):
            if span_id in spans:
                found.append((field, spans[span_id].text))
    return found
